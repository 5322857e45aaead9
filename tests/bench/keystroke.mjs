// Keystroke to re-rendered verdict in the portal, in headless Chromium (issue 7: revalidating a
// 100-entry bundle after a keystroke within one frame, 16 ms). A measurement, not a timed test.
//
// The built portal (dist/) is served by the harness; the example Trio is grown to a draft whose
// bundle has 100 entries; then N characters are typed, one key event each, into a form field
// (the note: the form recomposes the bundle, gom-core checks the form and validates the bundle)
// and into the JSON view (the hand-edited bundle is validated as it is). For each keystroke a
// listener in the page takes the `input` event's timeStamp and reports:
// - work: from the input event (its timeStamp) until the task that handled it (and its
//   microtasks, where Leptos runs its effects) is over: the verdict is computed and the DOM
//   updated; it includes the browser's own editing of the text box;
// - handler: the part of `work` from the moment the page's input listeners run. The next task
//   often runs only after the browser has laid out and painted a frame, so this includes the
//   browser's rendering (for the JSON view's 100 KB text box, most of it);
// - own: the portal's own input handling alone: from the first input listener until the event
//   reaches the window, after the portal's listener and the effects it queued (edit, compose +
//   check + validate, re-render; saving to local storage when it falls on that keystroke);
// - frame: until the frame after it is rendered (a task posted from requestAnimationFrame);
// - check: the portal's own `gom-check` User Timing measure (compose + check + validate).
// The example Trio (15 entries) is measured first, for scale; a bare text box with the JSON
// view's text last, for the browser's own share. Prints median and p95 of each,
// the number of form controls on the page and the load average to stderr, and one JSON line
// per case to stdout. On a shared machine the load average says how far to trust the figures.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT, emit } from './lib.mjs';
import { startHarness, launchBrowser, HARNESS, DIST } from '../browser/lib.mjs';

const N = Number(process.env.KEYSTROKES || 40);
const WARM = 5;
const ENTRIES = 100;
const say = (m) => process.stderr.write(`keystroke: ${m}\n`);

if (!existsSync(join(DIST, 'index.html')) || !existsSync(HARNESS)) {
  say('notice: dist/ or the harness is missing (`make portal harness` builds them): no keystroke figures');
  process.exit(0);
}

/** The example draft grown to `ENTRIES` bundle entries: HPO observations and more specimens. */
function grow(record, have) {
  const f = record.form;
  const hpo = ['HP:0000750', 'HP:0001250', 'HP:0001263', 'HP:0000252', 'HP:0001508', 'HP:0000365', 'HP:0002119',
    'HP:0001270', 'HP:0000486', 'HP:0004322'];
  let need = ENTRIES - have;
  for (let i = 0; need > 0 && i < 20; i++, need--) {
    f.indication.observations.push({
      code: { system: 'http://human-phenotype-ontology.org', code: hpo[i % hpo.length], display: `Finding ${i + 1}` },
      value: { system: 'http://snomed.info/sct', code: '52101004', display: 'Present' }, effective: '',
    });
  }
  const people = [f.specimens, ...f.participants.map((p) => p.specimens)];
  for (let i = 0; need > 0; i++, need--) {
    const list = people[i % people.length];
    const parent = list[0];
    list.push({ ...parent, key: `k${i}`, localId: `BENCH-S-${String(i).padStart(4, '0')}`, parent: i % 2 ? parent.key : '' });
  }
  return record;
}

const PROBE = () => {
  window.__ks = [];
  document.addEventListener('input', (e) => {
    const t0 = e.timeStamp;
    const tin = performance.now();
    let own = null;
    window.addEventListener('input', () => { own = performance.now() - tin; }, { once: true });
    const after = (fn) => { const c = new MessageChannel(); c.port1.onmessage = fn; c.port2.postMessage(0); };
    after(() => {
      const now = performance.now();
      const work = now - t0;
      const handler = now - tin;
      const m = performance.getEntriesByName('gom-check', 'measure').pop();
      const check = m && m.startTime >= t0 ? m.duration : null;
      requestAnimationFrame(() => after(() => window.__ks.push({ work, handler, own, frame: performance.now() - t0, check })));
    });
  }, true);
};

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function typeInto(page, name, entries) {
  await page.evaluate(() => { window.__ks = []; });
  for (let i = 0; i < N + WARM; i++) {
    await page.keyboard.press(i % 2 ? 'b' : 'a');
    await page.waitForFunction((n) => window.__ks.length >= n, i + 1, { timeout: 10000 });
    await page.waitForTimeout(20);
  }
  const all = (await page.evaluate(() => window.__ks)).slice(WARM);
  const stat = (k) => {
    const xs = all.map((r) => r[k]).filter((x) => typeof x === 'number');
    return xs.length ? { median: quantile(xs, 0.5), p95: quantile(xs, 0.95) } : { median: null, p95: null };
  };
  const fields = await page.$$eval('main input, main select, main textarea', (els) => els.length);
  const out = { suite: 'keystroke', name, entries, fields, n: all.length, work: stat('work'), handler: stat('handler'), own: stat('own'), frame: stat('frame'),
    check: stat('check'), checked: all.filter((r) => r.check !== null).length, load: loadavg()[0] };
  const f = (x) => (x === null ? '–' : x.toFixed(1));
  say(`${name} (${entries} entries, ${fields} form controls on the page): input → verdict on the page median ${f(out.work.median)} ms, p95 ${f(out.work.p95)} ms; `
    + `from the input listeners median ${f(out.handler.median)}, p95 ${f(out.handler.p95)}; `
    + `the portal's own input handling median ${f(out.own.median)}, p95 ${f(out.own.p95)}; `
    + `→ next frame median ${f(out.frame.median)}, p95 ${f(out.frame.p95)}; `
    + `gom-check median ${f(out.check.median)}, p95 ${f(out.check.p95)} (${out.checked}/${out.n} keystrokes revalidated; load average ${out.load.toFixed(1)})`);
  emit(out);
}

const server = await startHarness();
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.goto(server.url + '/');
  await page.waitForSelector('#gom-example-draft');
  await page.click('#gom-example-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
  const count = async () => {
    await page.click('header a[href="/json"]');
    await page.waitForSelector('#bundle-json');
    return JSON.parse(await page.inputValue('#bundle-json')).entry.length;
  };
  const have = await count();
  // The example Trio as it is first, for scale: the form's own cost grows with its fields.
  await page.addInitScript(PROBE);
  await page.goto(server.url + '/compose');
  await page.waitForSelector('#f-note');
  await page.focus('#f-note');
  await page.evaluate(() => { const t = document.getElementById('f-note'); t.setSelectionRange(t.value.length, t.value.length); });
  await typeInto(page, 'form field, example Trio', have);
  // Typing is saved shortly after, and at once when the page is left: reload, so the draft is
  // stored before it is grown behind the page's back.
  await page.reload();
  await page.waitForSelector('#f-note');
  await page.evaluate(([rec]) => {
    localStorage.setItem('gom.draft.' + localStorage.getItem('gom.open'), rec);
  }, [JSON.stringify(grow(JSON.parse(await page.evaluate(() =>
    localStorage.getItem('gom.draft.' + localStorage.getItem('gom.open')))), have))]);
  await page.goto(server.url + '/compose');
  await page.waitForSelector('#f-note');
  const entries = await count();
  if (entries !== ENTRIES) throw new Error(`the grown draft has ${entries} entries, not ${ENTRIES}`);
  say(`${entries}-entry bundle, ${N} keystrokes per field after ${WARM} to warm up`);

  await page.click('header a[href="/compose"]');
  await page.waitForSelector('#f-note');
  await page.focus('#f-note');
  await page.evaluate(() => { const t = document.getElementById('f-note'); t.setSelectionRange(t.value.length, t.value.length); });
  await typeInto(page, 'form field', ENTRIES);

  await page.click('header a[href="/json"]');
  await page.waitForSelector('#bundle-json');
  await page.evaluate(() => {
    const t = document.getElementById('bundle-json');
    const at = t.value.indexOf('BENCH-S-0000') + 4;
    t.focus();
    t.setSelectionRange(at, at);
  });
  await typeInto(page, 'JSON view', ENTRIES);

  // The browser's own share: the same text in a bare text box on a page with no script but the
  // probe. Its figures are the floor for the JSON view (editing, laying out and painting a text
  // box of ~4,700 lines), whatever the portal does.
  const text = await page.inputValue('#bundle-json');
  const bare = await browser.context.newPage();
  await bare.setContent('<!DOCTYPE html><title>bare</title><textarea id="bare" rows="24" cols="80" spellcheck="false"></textarea>');
  await bare.evaluate(PROBE);
  await bare.evaluate((v) => {
    const t = document.getElementById('bare');
    t.value = v;
    const at = v.indexOf('BENCH-S-0000') + 4;
    t.focus();
    t.setSelectionRange(at, at);
  }, text);
  await typeInto(bare, 'bare text box, same text', ENTRIES);
} finally {
  await browser.close();
  server.stop();
}
