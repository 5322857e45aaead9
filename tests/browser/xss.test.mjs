// An XSS corpus in every text field: typed into every field of the form, in every string of a
// bundle pasted into the JSON view, in every string of a report opened from a file or fetched
// from the server, in every string the server answers to a submit, to the tracker (orders, Tasks,
// their history) and to the report search, and in every field of the notifications builder and
// tester. Every page that shows them is visited; no payload may run (a payload sets `window.__xss`
// or opens a dialog), become an element, or even be tried and refused by the Content-Security-
// Policy (a `securitypolicyviolation` event, counted from before the first page script runs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ready, ROOT, openSession } from './lib.mjs';

const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '"><svg onload="window.__xss=3">',
  "'><iframe src=\"javascript:window.__xss=4\"></iframe>",
  'javascript:window.__xss=5',
  '<a href="javascript:window.__xss=6">x</a>',
  '{{constructor.constructor("window.__xss=7")()}}',
  '</textarea><script>window.__xss=8</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=9">',
  '&lt;img src=x onerror=window.__xss=10&gt;',
];

let server, browser, page, problems;
const dialogs = [];

before(async () => {
  ({ server, browser, page, problems } = await openSession());
  // Evaluated through the DevTools protocol before any page script, so the CSP does not apply.
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(server.url + '/');
  await ready(page);
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** Nothing ran and nothing became markup. */
async function clean(where) {
  const state = await page.evaluate(() => ({
    xss: window.__xss,
    imgs: document.querySelectorAll('img[src="x"]').length,
    svgs: document.querySelectorAll('svg[onload]').length,
    frames: document.querySelectorAll('iframe').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => /__xss/.test(s.textContent)).length,
    jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
    csp: window.__csp,
  }));
  assert.deepEqual(state, { xss: undefined, imgs: 0, svgs: 0, frames: 0, scripts: 0, jsLinks: 0, handlers: 0, csp: [] }, where);
  assert.deepEqual(dialogs, [], where);
}

/** The payloads are on show as text (so the corpus did reach the renderer). */
async function shown(where, selector = 'main') {
  assert.match(await page.textContent(selector), /window\.__xss=\d+/, `${where}: no payload on show`);
}

/** Chooses every graph box one by one (the drawing is redrawn after each choice). */
async function chooseNodes() {
  const entries = await page.$$eval('.gom-graph .gom-node', (els) => els.map((e) => e.dataset.entry));
  for (const e of entries) {
    await page.click(`.gom-graph .gom-node[data-entry="${e}"]`);
    await page.waitForSelector('#gom-node-details');
  }
}

const visit = async (path, selector) => {
  await page.click(`header a[href="${path}"]`);
  await page.waitForSelector(selector);
  await page.waitForTimeout(150);
};

/**
 * Every string of a JSON value replaced by payloads, except the members named in `keep` (by
 * default resourceType, so it stays FHIR).
 */
function poison(v, keep = ['resourceType'], n = { i: 0 }, key = '') {
  if (typeof v === 'string') return keep.includes(key) ? v : PAYLOADS[n.i++ % PAYLOADS.length];
  if (Array.isArray(v)) return v.map((x) => poison(x, keep, n, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x, keep, n, k)]));
  return v;
}

/** Server answers with their strings poisoned, except what links resources together. */
const LINKS = ['resourceType', 'id', 'reference', 'fullUrl', 'type', 'contentType', 'data'];
async function poisonAnswers(route, keep = LINKS) {
  const real = await route.fetch();
  let body;
  try { body = JSON.stringify(poison(await real.json(), keep)); } catch { body = await real.text(); }
  await route.fulfill({ status: real.status(), headers: real.headers(), body });
}

test('payloads typed into every field of the form run nowhere', async () => {
  await page.click('#gom-example-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
  await page.click('#f-specimens-add');
  await page.click('#gom-add-condition');
  await page.click('#gom-add-observation');
  await page.click('#gom-test-add summary');
  const ids = await page.$$eval('main input[type="text"], main textarea', (els) => els.map((e) => e.id));
  assert.ok(ids.length > 40, `${ids.length} fields`);
  for (const [i, id] of ids.entries()) await page.fill(`#${id}`, PAYLOADS[i % PAYLOADS.length]);
  // A test added to the catalogue with a payload for its code and name: offered in the list.
  await page.click('#gom-newtest-add');
  await page.waitForSelector('#gom-own-tests li');
  await page.click('#gom-check');
  await clean('compose');
  await visit('/json', '#bundle-json');
  await clean('json');
  await visit('/graph', '.gom-graph svg');
  await chooseNodes();
  await clean('graph');
  await visit('/submit', 'main h1');
  await clean('submit');
  await visit('/', '#gom-drafts');
  await clean('drafts');
});

test('payloads in every string of a bundle run nowhere', async () => {
  const base = JSON.parse(await (async () => {
    await visit('/json', '#bundle-json');
    return page.inputValue('#bundle-json');
  })());
  await page.fill('#bundle-json', JSON.stringify(poison(base), null, 2));
  await page.waitForSelector('.gom-issue');
  await clean('json with a poisoned bundle');
  await visit('/graph', '.gom-graph');
  await chooseNodes();
  await clean('graph of a poisoned bundle');
  await visit('/compose', 'main h1');
  await clean('compose of a poisoned bundle');
  await visit('/', '#gom-drafts');
  await clean('drafts with a poisoned bundle');
});

test('payloads in every string of a report run nowhere', async () => {
  await visit('/reports', '#gom-report-file');
  const hostile = readFileSync(join(ROOT, 'tests', 'fixtures', 'report', 'hostile-report.json'));
  await page.setInputFiles('#gom-report-file', { name: 'hostile.json', mimeType: 'application/json', buffer: hostile });
  await page.waitForSelector('.gom-report');
  await clean('hostile report');
  const result = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'report', 'variant-result.json'), 'utf8'));
  const poisoned = Buffer.from(JSON.stringify(poison(result)));
  await page.setInputFiles('#gom-report-file', { name: 'poisoned.json', mimeType: 'application/json', buffer: poisoned });
  await page.waitForFunction(() => /poisoned\.json/.test(document.querySelector('#gom-report-source').textContent));
  await clean('poisoned report');
  const text = await page.textContent('main');
  assert.match(text, /<script>window\.__xss=1<\/script>|window\.__xss/, 'the payloads are shown as text');
});

test('payloads in every field of the notifications builder and tester run nowhere', async () => {
  await visit('/notifications', '#gom-criteria');
  for (const [i, id] of ['gom-crit-owner', 'gom-crit-requester', 'gom-crit-performer'].entries()) {
    if (await page.isVisible(`#${id}`)) {
      await page.fill(`#${id}`, PAYLOADS[i]);
      await page.press(`#${id}`, 'Tab');
    }
  }
  await clean('criteria built from payloads');
  await page.click('#gom-sample-event');
  await page.waitForSelector('#gom-event-verdict');
  const event = JSON.parse(await page.inputValue('#gom-event'));
  await page.fill('#gom-event', JSON.stringify(poison(event), null, 2));
  await page.waitForSelector('#gom-event-result');
  await clean('a poisoned event');
  // Payloads as criteria values, then as the whole criteria (a syntax error quoting them).
  await page.fill('#gom-criteria', PAYLOADS.map((p) => `performer='${p.replaceAll("'", '')}'`).join(' AND '));
  await page.waitForSelector('#gom-criteria-findings');
  await clean('criteria with payload values');
  await page.fill('#gom-criteria', PAYLOADS.join(' '));
  await page.waitForSelector('.gom-criteria-finding');
  await clean('criteria made of payloads');
  await shown('notifications');
});

test('a hostile answer to a submit runs nowhere', async () => {
  await visit('/', '#gom-example-draft');
  await page.click('#gom-example-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
  await visit('/submit', '#gom-submit');
  // The real transaction-response with every string poisoned.
  await page.route('**/FHIR/R4', (route) => poisonAnswers(route, ['resourceType']));
  await page.click('#gom-submit');
  await page.waitForSelector('#gom-submit-accepted, #gom-submit-refused');
  await clean('a poisoned transaction-response');
  await shown('submit result');
  await page.unroute('**/FHIR/R4');
  // A refusal: an OperationOutcome made of payloads.
  await page.route('**/FHIR/R4', (route) => route.fulfill({
    status: 422, contentType: 'application/fhir+json',
    body: JSON.stringify({ resourceType: 'OperationOutcome', issue: PAYLOADS.map((p) => ({
      severity: 'error', code: 'invalid', diagnostics: p, details: { text: p }, expression: [p], location: [p] })) }),
  }));
  await page.click('#gom-submit');
  await page.waitForSelector('#gom-submit-refused');
  await clean('a poisoned OperationOutcome');
  await shown('submit refusal');
  await page.unroute('**/FHIR/R4');
  // Then for real, so the tracker and the reports page have an order to look at.
  await page.click('#gom-submit');
  await page.waitForSelector('#gom-submit-accepted');
  await clean('an accepted submit');
});

test('hostile orders, Tasks and history on the track page run nowhere', async () => {
  const order = (await page.textContent('#gom-submit-accepted')).match(/ServiceRequest\/([0-9a-f-]+)/)[1];
  await fetch(`${server.url}/lab/step?order=${order}`, { method: 'POST' });
  await page.route('**/FHIR/R4/**', (route) => (route.request().method() === 'GET' ? poisonAnswers(route) : route.continue()));
  await visit('/track', '#gom-order-picker');
  await page.waitForSelector('#gom-tasks .gom-task');
  await clean('poisoned Tasks');
  await shown('Tasks', '#gom-tasks');
  await shown('track');
  await page.click('#gom-order-picker summary');
  await page.click('#gom-order-picker button.nhsuk-button--small');
  await page.waitForSelector('#gom-server-orders');
  await clean('a poisoned order list');
  await shown('order list', '#gom-server-orders');
  await page.unroute('**/FHIR/R4/**');
  for (const p of PAYLOADS.slice(0, 4)) {
    await page.fill('#gom-order-id', p);
    await page.click('#gom-order-picker form button[type="submit"]');
    await page.waitForSelector('#gom-track-error');
    await clean(`following the order ${p}`);
  }
  await shown('track error', '#gom-track-error');
  // Back to the real order, for the reports page.
  await page.fill('#gom-order-id', order);
  await page.click('#gom-order-picker form button[type="submit"]');
  await page.waitForSelector('#gom-tasks .gom-task');
});

test('a hostile report fetched from the server runs nowhere', async () => {
  const order = (await page.textContent('#gom-track-order')).match(/ServiceRequest\/([0-9a-f-]+)/)[1];
  let found;
  for (let i = 0; i < 60 && !found; i++) {
    await fetch(`${server.url}/lab/step?order=${order}`, { method: 'POST' });
    found = (await (await fetch(`${server.url}/FHIR/R4/DiagnosticReport?based-on=ServiceRequest/${order}`)).json()).entry?.[0];
  }
  assert.ok(found, 'the lab posted a report');
  await page.route('**/FHIR/R4/**', (route) => (route.request().method() === 'GET' ? poisonAnswers(route) : route.continue()));
  await visit('/reports', '#gom-fetch-reports');
  await page.click('#gom-fetch-reports');
  await page.waitForSelector('.gom-report');
  await clean('a poisoned report from the server');
  await shown('report from the server', '.gom-report');
  await page.unroute('**/FHIR/R4/**');
});

test('no request to another origin', () => {
  assert.deepEqual(problems.foreign, []);
});
