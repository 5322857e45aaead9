// The XSS corpus (tests/fixtures/xss/payloads.json) through every renderer outside the portal, in
// headless Chromium under the harness's Content-Security-Policy (issue 9 item 4):
// - the JS API on a page of its own: `renderGraphSvg` inserted as markup (as its documentation
//   allows), `bundleGraph` strings written as text, `reportView` and `checkNarrative` HTML
//   inserted only when they say it is safe, each payload in every text field, every reference
//   and every resource type of a bundle and in every field of a report;
// - the embedding example (www/embed/): every payload typed into every field, submitted with the
//   rest of the form invalid and valid.
// Nothing may run (`window.__xss` stays unset, no dialog), no element outside the SVG vocabulary
// may appear, and the policy must see no violation at all: the payloads never reach a place where
// it would have to block them. tests/tests/xss_renderers.rs runs the same corpus natively.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, cpSync, mkdirSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, launchBrowser, watch, ROOT } from './lib.mjs';

const PKG = join(ROOT, 'core', 'pkg-web');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const PAYLOADS = JSON.parse(readFileSync(join(FIXTURES, 'xss', 'payloads.json'), 'utf8')).payloads;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>XSS through the JS API</title><link rel="icon" href="data:,">
<script type="module" src="/xss/run.mjs"></script>
</head><body><main id="out"></main></body></html>`;

// The page's script: the same three injections as the native test, every renderer, then
// `window.done` with counts.
const RUN = `
import init, * as gom from '/pkg/gom.js';
await init({ module_or_path: '/pkg/gom_bg.wasm' });
const payloads = await (await fetch('/xss/payloads.json')).json();
const bundles = [await (await fetch('/xss/graph.json')).json(), await (await fetch('/xss/result.json')).json()];
const out = document.getElementById('out');

function replace(v, key, pick) {
  if (typeof v === 'string') { const r = pick(key, v); return r === undefined ? v : r; }
  if (Array.isArray(v)) return v.map((x) => replace(x, key, pick));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x, k, pick)]));
  return v;
}
const modes = {
  text: (p) => (k) => (['resourceType', 'reference', 'fullUrl'].includes(k) ? undefined : p),
  references: (p) => (k, s) => (k === 'reference' ? (s.startsWith('#') ? '#' : 'urn:uuid:') + p : undefined),
  types: (p) => (k, s) => (k === 'resourceType' && s !== 'Bundle' ? s + p : k === 'fullUrl' ? 'urn:uuid:' + p : undefined),
};
const counts = { svgs: 0, graphs: 0, reports: 0, narrativesShown: 0, narrativesRefused: 0 };
for (const p of payloads.payloads) {
  for (const b of bundles) {
    for (const mode of Object.values(modes)) {
      const json = JSON.stringify(replace(b, '', mode(p)));
      const host = document.createElement('div');
      host.className = 'svg-host';
      host.innerHTML = gom.renderGraphSvg(json, { selected: 0, errors: [1, 2, 0, 1] });
      out.append(host);
      counts.svgs++;
      // A host drawing its own picture from bundleGraph writes its strings as text.
      const g = gom.bundleGraph(json);
      const list = document.createElement('ul');
      for (const n of g.nodes) {
        const li = document.createElement('li');
        li.textContent = n.resourceType + ' ' + n.label + ' ' + (n.fullUrl ?? '');
        list.append(li);
      }
      for (const e of g.edges) {
        const li = document.createElement('li');
        li.textContent = e.path + ' ' + e.reference;
        list.append(li);
      }
      out.append(list);
      counts.graphs++;
    }
  }
  const escaped = p.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const divs = [
    '<div xmlns="http://www.w3.org/1999/xhtml"><p>' + p + '</p></div>',
    '<div xmlns="http://www.w3.org/1999/xhtml">' + p + '</div>',
    '<div xmlns="http://www.w3.org/1999/xhtml"><p title="' + p + '">x</p></div>',
    '<div xmlns="http://www.w3.org/1999/xhtml"><a href="' + p + '">PDF</a></div>',
    '<div xmlns="http://www.w3.org/1999/xhtml"><p>' + escaped + '</p></div>',
  ];
  for (const div of divs) {
    const report = {
      resourceType: 'DiagnosticReport', id: 'r1', status: 'final',
      code: { text: p, coding: [{ system: 'http://loinc.org', code: '51969-4', display: p }] },
      subject: { display: p, identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: p } },
      issued: p, conclusion: p, conclusionCode: [{ text: p }], performer: [{ display: p }],
      text: { status: 'generated', div }, presentedForm: [{ contentType: 'application/pdf', url: p, title: p }],
    };
    const view = gom.reportView(JSON.stringify(report));
    const section = document.createElement('section');
    const h = document.createElement('h2');
    h.textContent = [view.code, view.conclusion, view.patient?.name, view.issued].map((x) => JSON.stringify(x ?? '')).join(' ');
    section.append(h);
    const body = document.createElement('div');
    if (view.narrative?.html) { body.innerHTML = view.narrative.html; counts.narrativesShown++; }
    else { body.textContent = view.narrative?.text ?? ''; counts.narrativesRefused++; }
    if (gom.checkNarrative(div).valid !== Boolean(view.narrative?.html)) counts.disagree = (counts.disagree ?? 0) + 1;
    section.append(body);
    out.append(section);
    counts.reports++;
  }
}
// Give any loaded image, frame or animation the time to fire its handler.
await new Promise((r) => setTimeout(r, 500));
window.counts = counts;
window.done = true;
`;

let dir, server, browser, page, problems;
const dialogs = [];

/** Records policy violations from the first byte of every document, before the page's scripts. */
function listenForViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));
}

before(async () => {
  assert.ok(existsSync(join(PKG, 'gom.js')), 'core/pkg-web is missing: run `make package`');
  assert.ok(existsSync(join(ROOT, 'www', 'embed', 'pkg', 'gom.js')), 'www/embed/pkg is missing: run `make package`');
  dir = mkdtempSync(join(tmpdir(), 'gom-xss-'));
  writeFileSync(join(dir, 'index.html'), PAGE);
  mkdirSync(join(dir, 'xss'));
  writeFileSync(join(dir, 'xss', 'run.mjs'), RUN);
  cpSync(join(FIXTURES, 'xss', 'payloads.json'), join(dir, 'xss', 'payloads.json'));
  cpSync(join(FIXTURES, 'graph', 'orphan-and-dangling.json'), join(dir, 'xss', 'graph.json'));
  cpSync(join(FIXTURES, 'report', 'graph-result.json'), join(dir, 'xss', 'result.json'));
  cpSync(PKG, join(dir, 'pkg'), { recursive: true });
  cpSync(join(ROOT, 'www', 'embed'), join(dir, 'embed'), { recursive: true });
  server = await startHarness(['--dist', dir]);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.addInitScript(listenForViolations);
  problems = watch(page, server.url);
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
});

after(async () => {
  await browser?.close();
  server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Nothing ran, no policy violation, no active element. */
async function clean(where, svgOnly) {
  const state = await page.evaluate((svgOnly) => {
    const allowed = new Set(['svg', 'defs', 'marker', 'path', 'g', 'title', 'rect', 'text', 'circle']);
    const hosts = [...document.querySelectorAll('.svg-host')];
    const foreign = hosts.flatMap((h) => [...h.querySelectorAll('*')].map((e) => e.localName).filter((n) => !allowed.has(n)));
    const all = [...document.querySelectorAll('*')];
    return {
      xss: window.__xss,
      violations: window.__violations,
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.localName}[${a.name}]`)),
      active: all.filter((e) => ['script', 'iframe', 'object', 'embed', 'foreignobject', 'img', 'style', 'use', 'animate', 'math']
        .includes(e.localName.toLowerCase()) && !(e.localName === 'script' && e.src)).map((e) => e.localName),
      jsUrls: all.flatMap((e) => ['href', 'src', 'xlink:href', 'action'].map((k) => e.getAttribute(k) ?? '')
        .filter((v) => /^[\s\u0000-\u001f]*(javascript|vbscript|data:text\/html)/i.test(v))),
      foreign: svgOnly ? foreign : [],
    };
  }, svgOnly);
  assert.deepEqual(state, { xss: undefined, violations: [], handlers: [], active: [], jsUrls: [], foreign: [] }, where);
  assert.deepEqual(dialogs, [], where);
}

test('renderGraphSvg, bundleGraph, reportView and checkNarrative keep every payload inert', async () => {
  await page.goto(server.url + '/');
  await page.waitForFunction(() => window.done === true, null, { timeout: 120000 });
  const counts = await page.evaluate(() => window.counts);
  assert.equal(counts.svgs, PAYLOADS.length * 2 * 3);
  assert.equal(counts.reports, PAYLOADS.length * 5);
  assert.equal(counts.disagree, undefined, 'reportView and checkNarrative disagree');
  assert.ok(counts.narrativesShown > 0 && counts.narrativesRefused > 0, JSON.stringify(counts));
  await clean('the JS API page', true);
  // The payloads are on the page, as text.
  const text = await page.evaluate(() => document.getElementById('out').textContent);
  for (const p of PAYLOADS.filter((p) => !/[\u0000-\u001f\ufffe]/.test(p))) {
    assert.ok(text.includes(p.slice(0, 12)), `not shown as text: ${p}`);
  }
  assert.deepEqual(problems.console, []);
});

const TEXT_FIELDS = ['#patient-nhsNumber', '#patient-givenName', '#patient-familyName', '#patient-birthDate', '#performer-ods',
  '#specimens-0-localId', '#specimens-0-collected', '#requester-name', '#requester-sdsUserId', '#requester-sdsRoleProfileId',
  '#requester-ods', '#requester-phone', '#requester-email'];
const VALID = {
  '#patient-nhsNumber': '944 930 1018', '#patient-givenName': 'Lindsay', '#patient-familyName': 'Sorrell',
  '#patient-birthDate': '2011-04-12', '#performer-ods': 'R0A', '#specimens-0-localId': 'RGT03135',
  '#specimens-0-collected': '2026-03-01', '#requester-name': 'Dr Hazel Smith', '#requester-sdsUserId': '555012345678',
  '#requester-sdsRoleProfileId': '555087654321', '#requester-ods': 'RAX01', '#requester-phone': '020 8546 7711',
};
// Fields that take free text: a payload there still composes an order.
const FREE_TEXT = ['#patient-givenName', '#patient-familyName', '#specimens-0-localId', '#requester-name'];

/** Sets fields as typing would (one input event each), in one round trip. */
async function fill(values) {
  await page.evaluate((values) => {
    for (const [sel, v] of Object.entries(values)) {
      const el = document.querySelector(sel);
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }, values);
}

test('the embedding example shows every payload typed into every field as text', async () => {
  await page.goto(server.url + '/embed/');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  for (const [sel, v] of Object.entries({
    '#patient-sex': 'female', '#patient-ethnicCategory': 'A', '#patient-residentialStatus': 'H', '#test-code': 'R193.4',
    '#reason': 'diagnostic', '#specimens-0-type': '445295009',
  })) await page.selectOption(sel, v);
  let composed = 0;
  for (const p of PAYLOADS) {
    // Every field holds the payload: every field's error shows, quoting it.
    await fill(Object.fromEntries(TEXT_FIELDS.map((sel) => [sel, p])));
    await page.click('#submit');
    await page.waitForSelector('#error-summary:not([hidden])');
    await clean(`every field: ${p}`, false);
    // A valid order with the payload in each free-text field: composed, shown as JSON text.
    await fill(Object.fromEntries(Object.entries(VALID).map(([sel, v]) => [sel, FREE_TEXT.includes(sel) ? p.trim() || 'x' : v])));
    await page.click('#submit');
    if (await page.isVisible('#order-result')) {
      composed++;
      const bundle = JSON.parse(await page.textContent('#order-result-bundle'));
      assert.ok(JSON.stringify(bundle).includes(JSON.stringify(p.trim()).slice(1, 13)), `not in the bundle: ${p}`);
    }
    await clean(`free text: ${p}`, false);
  }
  assert.ok(composed > PAYLOADS.length / 2, `only ${composed} of ${PAYLOADS.length} payload orders composed`);
  assert.deepEqual(problems.console, []);
});
