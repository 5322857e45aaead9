// An XSS corpus in every text field: typed into every field of the form, in every string of a
// bundle pasted into the JSON view, and in every string of a report opened from a file. Every
// page that shows them is visited; no payload may run (a payload sets `window.__xss` or opens a
// dialog) or become an element.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, launchBrowser, watch, ready, ROOT } from './lib.mjs';

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
  server = await startHarness();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  problems = watch(page, server.url);
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
  }));
  assert.deepEqual(state, { xss: undefined, imgs: 0, svgs: 0, frames: 0, scripts: 0, jsLinks: 0 }, where);
  assert.deepEqual(dialogs, [], where);
}

/** Chooses the first graph boxes one by one (the drawing is redrawn after each choice). */
async function chooseNodes(n) {
  const entries = await page.$$eval('.gom-graph .gom-node', (els) => els.map((e) => e.dataset.entry));
  for (const e of entries.slice(0, n)) {
    await page.click(`.gom-graph .gom-node[data-entry="${e}"]`);
    await page.waitForSelector('#gom-node-details');
  }
}

const visit = async (path, selector) => {
  await page.click(`header a[href="${path}"]`);
  await page.waitForSelector(selector);
  await page.waitForTimeout(150);
};

/** Every string of a JSON value replaced by payloads (resourceType kept, so it stays FHIR). */
function poison(v, n = { i: 0 }, key = '') {
  if (typeof v === 'string') return key === 'resourceType' ? v : PAYLOADS[n.i++ % PAYLOADS.length];
  if (Array.isArray(v)) return v.map((x) => poison(x, n, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x, n, k)]));
  return v;
}

test('payloads typed into every field of the form run nowhere', async () => {
  await page.click('#gom-example-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
  await page.click('#f-specimens-add');
  await page.click('#gom-add-condition');
  await page.click('#gom-add-observation');
  const ids = await page.$$eval('main input[type="text"], main textarea', (els) => els.map((e) => e.id));
  assert.ok(ids.length > 40, `${ids.length} fields`);
  for (const [i, id] of ids.entries()) await page.fill(`#${id}`, PAYLOADS[i % PAYLOADS.length]);
  await page.click('#gom-check');
  await clean('compose');
  await visit('/json', '#bundle-json');
  await clean('json');
  await visit('/graph', '.gom-graph svg');
  await chooseNodes(6);
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
  await chooseNodes(6);
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

test('no request to another origin', () => {
  assert.deepEqual(problems.foreign, []);
});
