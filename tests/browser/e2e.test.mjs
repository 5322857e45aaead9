// The requester's whole journey, end to end, in headless Chromium against the server `make run`
// starts (`gom-harness serve --dist dist --demo`, here on a free loopback port): compose an order
// by typing into the form, see a live error appear and clear, read the bundle graph, submit, see
// the order's Tasks, let the demo's lab simulator carry the order to its final report, open that
// report, then reload and find the draft. axe-core runs on every page the journey shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ready, axe, fillOrderDetails, openSession } from './lib.mjs';

let server, browser, page, problems, order;

before(async () => {
  ({ server, browser, page, problems } = await openSession(['--demo']));
  await page.goto(server.url + '/');
  await ready(page);
  // Poll every 2 s (the shortest the portal allows) so the tracker shows moves quickly.
  await page.evaluate(() => localStorage.setItem('gom.settings', JSON.stringify({ fhirBase: '/FHIR/R4', pollSeconds: 2 })));
  await page.reload();
  await ready(page);
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** Types like a user: focus, then one key event per character. */
async function type(id, text) {
  await page.click(`#${id}`);
  await page.fill(`#${id}`, '');
  await page.keyboard.type(text);
}

const nav = async (path, selector) => {
  await page.click(`header a[href="${path}"]`);
  await page.waitForSelector(selector);
};

test('a new order is composed by typing, with a live error that appears and clears', async () => {
  await page.click('#gom-new-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
  assert.equal(await page.$('#gom-form-errors'), null, 'nothing is reported before anything is typed');
  // A mistyped NHS number: the Modulus-11 check fails on the last keystroke.
  await type('f-patient-nhsNumber', '9449301019');
  await page.waitForSelector('#f-patient-nhsNumber-error');
  assert.match(await page.textContent('#f-patient-nhsNumber-error'), /check digit/);
  assert.match(await page.textContent('#gom-form-errors'), /There is a problem/);
  // Corrected with the keyboard: two backspaces and the right digits.
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('42');
  await page.waitForSelector('#f-patient-nhsNumber-error', { state: 'detached' });
  assert.equal(await page.$('#gom-form-errors'), null);

  await type('f-patient-givenName', 'Ada');
  await type('f-patient-familyName', 'Journey');
  await type('f-patient-birthDate', '9');
  await type('f-patient-birthDate-month', '3');
  await type('f-patient-birthDate-year', '2020');
  await fillOrderDetails(page, type, 'S-E2E-1');
  await page.click('#gom-check');
  await page.waitForFunction(() => !document.querySelector('#gom-form-errors'));
  assert.match(await page.textContent('#gom-draft-title'), /Ada Journey, test R67\.2/);
  const statuses = await page.$$eval('.gom-task-list .nhsuk-task-list__status', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(statuses.length >= 6 && statuses.every((s) => s === 'Completed'), statuses.join(', '));
  assert.deepEqual(await axe(page), []);
});

test('the bundle graph shows the order, and a box shows its JSON', async () => {
  await nav('/graph', '.gom-graph svg');
  const nodes = await page.locator('.gom-graph .gom-node').count();
  assert.ok(nodes >= 5, `${nodes} boxes`);
  assert.match(await page.textContent('#gom-graph-summary'), new RegExp(`^${nodes} resources · 0 not linked to the order · 0 dangling references`));
  const patient = await page.$$eval('.gom-graph .gom-node', (els) =>
    els.find((e) => /Patient/.test(e.textContent))?.dataset.entry);
  assert.ok(patient !== undefined, 'a Patient box');
  await page.click(`.gom-graph .gom-node[data-entry="${patient}"]`);
  await page.waitForSelector('#gom-node-details');
  const json = JSON.parse(await page.textContent('.gom-node-json'));
  assert.equal(json.resource.resourceType, 'Patient');
  assert.equal(json.resource.name[0].family, 'Journey');
  assert.deepEqual(await axe(page), []);
});

test('the order is submitted and accepted', async () => {
  await nav('/submit', '#gom-submit');
  assert.match(await page.textContent('main'), /Ada Journey/);
  await page.click('#gom-submit');
  await page.waitForSelector('#gom-submit-accepted');
  order = (await page.textContent('#gom-submit-accepted')).match(/ServiceRequest\/([0-9a-f-]+)/)[1];
  const rows = await page.$$eval('#gom-submit-entries tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(rows.length >= 5 && rows.every((r) => /201 Created/.test(r)), rows.join('\n'));
  const held = await (await fetch(`${server.url}/FHIR/R4/ServiceRequest/${order}`)).json();
  assert.equal(held.resourceType, 'ServiceRequest');
  assert.deepEqual(await axe(page), []);
});

test("the order's Tasks are tracked, and a move by the lab shows", async () => {
  await page.click('#gom-submit-result a[href="/track"]');
  await page.waitForSelector('#gom-tasks .gom-task');
  assert.match(await page.textContent('#gom-track-order'), new RegExp(`ServiceRequest/${order}`));
  const statuses = () => page.$$eval('#gom-tasks .gom-task .gom-status', (els) => els.map((e) => e.dataset.status).join(' '));
  const was = await statuses();
  assert.ok(was.length > 0);
  const r = await fetch(`${server.url}/lab/step?order=${order}`, { method: 'POST' });
  assert.equal(r.status, 200);
  await page.waitForFunction((w) => [...document.querySelectorAll('#gom-tasks .gom-task .gom-status')]
    .map((e) => e.dataset.status).join(' ') !== w, was, { timeout: 15000 });
  assert.match(await page.textContent('#gom-timeline'), /Status [a-z-]+ → [a-z-]+/);
  assert.deepEqual(await axe(page), []);
});

test("the lab's final report on this order is opened and laid out", async () => {
  // The simulator moves the Tasks stage by stage and posts the report when the last completes.
  let report;
  for (let i = 0; i < 60 && !report; i++) {
    const step = await fetch(`${server.url}/lab/step?order=${order}`, { method: 'POST' });
    assert.ok(step.status === 200 || step.status === 404, `lab step: HTTP ${step.status}`);
    const found = await (await fetch(`${server.url}/FHIR/R4/DiagnosticReport?based-on=ServiceRequest/${order}`)).json();
    report = found.entry?.[0]?.resource;
  }
  assert.ok(report, 'the lab posted a report within 60 steps');
  await nav('/reports', '#gom-fetch-reports');
  await page.click('#gom-fetch-reports');
  await page.waitForSelector('.gom-report');
  assert.match(await page.textContent('#gom-report-source'), new RegExp(`ServiceRequest/${order}`));
  assert.match(await page.textContent('.gom-banner-name'), /Journey/i);
  assert.match(await page.textContent('.gom-banner-nhs'), /944 930 1042/);
  assert.equal(await page.getAttribute('.gom-report-title .gom-status', 'data-status'), report.status);
  assert.deepEqual(await axe(page), []);
});

test('a reload finds the draft, marked submitted, with what was typed', async () => {
  await page.reload();
  await ready(page);
  await nav('/', '#gom-drafts');
  const draft = page.locator('.gom-draft', { hasText: 'Ada Journey' });
  assert.equal(await draft.count(), 1);
  assert.match(await draft.textContent(), /Submitted/);
  await draft.locator('.gom-draft-open').click();
  await page.waitForSelector('#f-patient-nhsNumber');
  assert.equal(await page.inputValue('#f-patient-nhsNumber'), '9449301042');
  assert.equal(await page.inputValue('#f-specimens-0-localId'), 'S-E2E-1');
  assert.deepEqual(await axe(page), []);
});

test('no console error and no request to another origin', () => {
  assert.deepEqual(problems.console.filter((m) => !/Failed to load resource/.test(m)), []);
  assert.deepEqual(problems.foreign, []);
});
