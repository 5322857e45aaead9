import { ROOT } from './lib.mjs';
import { startHarness, launchBrowser } from '../browser/lib.mjs';
const server = await startHarness();
const browser = await launchBrowser();
const CASE = process.env.CASE || 'json';
try {
  const page = await browser.context.newPage();
  await page.goto(server.url + '/');
  await page.waitForSelector('#gom-example-draft');
  await page.click('#gom-example-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
  await page.click('header a[href="/json"]');
  await page.waitForSelector('#bundle-json');
  const have = JSON.parse(await page.inputValue('#bundle-json')).entry.length;
  const rec = JSON.parse(await page.evaluate(() => localStorage.getItem('gom.draft.' + localStorage.getItem('gom.open'))));
  const f = rec.form; let need = 100 - have;
  for (let i = 0; need > 0 && i < 20; i++, need--) f.indication.observations.push({ code: { system: 'http://hp', code: 'HP:000' + i, display: `Finding ${i}` }, value: { system: 'http://snomed.info/sct', code: '52101004', display: 'Present' }, effective: '' });
  const people = [f.specimens, ...f.participants.map((p) => p.specimens)];
  for (let i = 0; need > 0; i++, need--) { const list = people[i % people.length]; const parent = list[0]; list.push({ ...parent, key: `k${i}`, localId: `BENCH-S-${String(i).padStart(4, '0')}`, parent: i % 2 ? parent.key : '' }); }
  await page.evaluate(([r]) => localStorage.setItem('gom.draft.' + localStorage.getItem('gom.open'), r), [JSON.stringify(rec)]);
  await page.goto(server.url + '/compose');
  await page.waitForSelector('#f-note');
  if (CASE === 'json') {
    await page.click('header a[href="/json"]');
    await page.waitForSelector('#bundle-json');
    await page.evaluate(() => { const t = document.getElementById('bundle-json'); const at = t.value.indexOf('BENCH-S-0000') + 4; t.focus(); t.setSelectionRange(at, at); });
  } else {
    await page.focus('#f-note');
  }
  for (let i = 0; i < 5; i++) { await page.keyboard.press('a'); await page.waitForTimeout(30); }
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < 40; i++) { await page.keyboard.press(i % 2 ? 'b' : 'a'); await page.waitForTimeout(30); }
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas; const counts = new Map();
  profile.samples.forEach((id, k) => counts.set(id, (counts.get(id) || 0) + (dt[k] || 0)));
  // inclusive: walk parents
  const parent = new Map(); for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const incl = new Map();
  for (const [id, t] of counts) {
    const n = byId.get(id); const key = n.callFrame.functionName || n.callFrame.url || '(anon)';
    self.set(key, (self.get(key) || 0) + t);
    const seen = new Set(); let cur = id;
    while (cur !== undefined) { const m = byId.get(cur); const k = m.callFrame.functionName || '(anon)'; if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) || 0) + t); } cur = parent.get(cur); }
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(v / 1000 / 40).toFixed(2)} ms/key  ${k.slice(0, 140)}`).join('\n');
  console.log('SELF\n' + top(self, 45)); console.log('INCL\n' + top(incl, 70));
} finally { await browser.close(); server.stop(); }
