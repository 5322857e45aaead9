// The order form's behaviour, as an EPR developer would write it with @gom/validator: no framework,
// one module. The package's web build is served from this origin (./pkg/, copied there by
// tests/scripts/package.sh). The form is read into a draft, `checkDraft` says what is wrong with
// which field, errors show beside their fields and in an error summary, and the order is composed
// (`composeOrder`) only when none remain.
import init, { checkDraft, composeOrder, version } from './pkg/gom.js';

const form = document.getElementById('order');
const status = document.getElementById('gom-status');
const summary = document.getElementById('error-summary');
const summaryList = document.getElementById('error-summary-list');
const result = document.getElementById('order-result');

/** Fields the user has changed: their errors show as they type. Submitting shows all. */
const touched = new Set();
let showAll = false;

const SPECIMEN_TYPES = {
  445295009: 'Blood specimen with EDTA',
  119297000: 'Blood specimen',
  258560004: 'Saliva specimen',
};

const value = (name) => (form.elements.namedItem(name)?.value ?? '').trim();

/** The form as a draft order (the package's `Draft` type). */
function readDraft() {
  const specimen = {
    key: 'specimen-1',
    localId: value('specimens[0].localId'),
    type: value('specimens[0].type')
      ? { system: 'http://snomed.info/sct', code: value('specimens[0].type'), display: SPECIMEN_TYPES[value('specimens[0].type')] }
      : {},
    collected: value('specimens[0].collected'),
  };
  const anySpecimen = specimen.localId || specimen.type.code || specimen.collected;
  return {
    patient: {
      nhsNumber: value('patient.nhsNumber'),
      givenName: value('patient.givenName'),
      familyName: value('patient.familyName'),
      birthDate: value('patient.birthDate'),
      sex: value('patient.sex'),
      ethnicCategory: value('patient.ethnicCategory'),
      residentialStatus: value('patient.residentialStatus'),
    },
    requester: {
      name: value('requester.name'),
      sdsUserId: value('requester.sdsUserId'),
      sdsRoleProfileId: value('requester.sdsRoleProfileId'),
      ods: value('requester.ods'),
      phone: value('requester.phone'),
      email: value('requester.email'),
    },
    test: { code: value('test.code') },
    reason: value('reason'),
    priority: value('priority'),
    performer: { ods: value('performer.ods') },
    specimens: anySpecimen ? [specimen] : [],
  };
}

/** The form group showing `field`, or the nearest enclosing one (`specimens[0]` → `specimens`). */
function groupFor(field) {
  for (let f = field; f; f = f.replace(/(\.[^.[\]]*|\[\d+\])$/, '')) {
    const g = form.querySelector(`[data-field="${CSS.escape(f)}"]`);
    if (g) return g;
    if (!/[.[]/.test(f)) break;
  }
  return null;
}

/** Message text with `backticked` values as <code>, built as nodes (never HTML from data). */
function messageNodes(message) {
  return message.split('`').map((part, i) => {
    if (i % 2 === 0) return document.createTextNode(part);
    const code = document.createElement('code');
    code.textContent = part;
    return code;
  });
}

function clearErrors() {
  for (const g of form.querySelectorAll('.embed-form-group--error')) {
    g.classList.remove('embed-form-group--error');
    g.querySelector('.embed-error-message')?.remove();
    const input = g.querySelector('input, select');
    if (input) {
      input.classList.remove('embed-input--error');
      input.setAttribute('aria-describedby', (input.getAttribute('aria-describedby') ?? '').replace(/\s*\S+-error$/, '').trim());
      input.removeAttribute('aria-invalid');
    }
  }
}

function showError(group, issue) {
  const input = group.querySelector('input, select');
  const id = `${input?.id ?? group.dataset.field.replace(/\W+/g, '-')}-error`;
  if (!group.classList.contains('embed-form-group--error')) {
    group.classList.add('embed-form-group--error');
    const msg = document.createElement('p');
    msg.className = 'embed-error-message';
    msg.id = id;
    const hidden = document.createElement('span');
    hidden.className = 'embed-visually-hidden';
    hidden.textContent = 'Error: ';
    msg.append(hidden, ...messageNodes(issue.message));
    (input ?? group.querySelector('legend'))?.before(msg);
    if (input) {
      input.classList.add('embed-input--error');
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${id}`.trim());
    }
  }
  return input?.id ?? id;
}

/** Shows the blocking issues of the fields in view; resolves to how many there are. */
function render(issues) {
  clearErrors();
  summaryList.replaceChildren();
  const blocking = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  const shown = blocking.filter((i) => showAll || touched.has(i.field));
  for (const issue of shown) {
    const group = groupFor(issue.field ?? '');
    const target = group ? showError(group, issue) : 'order';
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `#${target}`;
    a.append(...messageNodes(issue.message));
    li.append(a);
    summaryList.append(li);
  }
  summary.hidden = shown.length === 0;
  return blocking.length;
}

function check() {
  return render(checkDraft(readDraft()).issues);
}

function onEdit(event) {
  const name = event.target.name;
  if (!name) return;
  touched.add(name);
  if (name === 'requester.email') touched.add('requester.phone');
  result.hidden = true;
  check();
}

function onSubmit(event) {
  event.preventDefault();
  showAll = true;
  if (check() > 0) {
    summary.focus();
    return;
  }
  const order = composeOrder(readDraft());
  const bundleErrors = order.bundleIssues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (!order.valid && bundleErrors.length > 0) {
    render(bundleErrors.map((i) => ({ ...i, field: i.field ?? 'order' })));
    summary.focus();
    return;
  }
  document.getElementById('order-result-summary').textContent =
    `A transaction Bundle of ${order.bundle.entry.length} entries, ready to POST to GOMS.`;
  document.getElementById('order-result-bundle').textContent = JSON.stringify(order.bundle, null, 2);
  result.hidden = false;
  result.scrollIntoView();
}

try {
  await init();
  document.getElementById('gom-version').textContent = version();
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  form.addEventListener('submit', onSubmit);
  status.textContent = 'The validator is ready.';
  document.body.dataset.ready = 'true';
} catch (e) {
  status.textContent = `The validator could not load (${e.message}). Build the package with tests/scripts/package.sh.`;
  form.querySelector('#submit').disabled = true;
}
