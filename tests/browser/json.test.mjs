// The JSON view's ways in and out: a bundle pasted from the clipboard (Ctrl+V), opened from a
// file, dropped on the box, and downloaded; each is checked at once. Then a Trio grown past 50
// resources, drawn as a graph: every box apart from the others and its label inside it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startHarness, launchBrowser, watch, ready } from './lib.mjs';

let server, browser, page, problems;

const bundle = (method, id = '1') => JSON.stringify({
  resourceType: 'Bundle', type: 'transaction',
  entry: [{ fullUrl: `urn:uuid:5d6f3c2e-0000-4000-8000-00000000000${id}`, resource: { resourceType: 'Patient' },
    request: { method, url: 'Patient' } }],
}, null, 2);

before(async () => {
  server = await startHarness();
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await browser.context.newPage();
  problems = watch(page, server.url);
  await page.goto(server.url + '/json');
  await ready(page);
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('a bundle pasted with Ctrl+V is checked at once', async () => {
  await page.evaluate((t) => navigator.clipboard.writeText(t), bundle('DELETE'));
  await page.focus('#bundle-json');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.waitForSelector('.gom-issue[data-code="GOM-BDL-012"]');
  assert.match(await page.inputValue('#bundle-json'), /"DELETE"/);
  assert.match(await page.textContent('#gom-json-source'), /edited by hand/);
});

test('a bundle opened from a file replaces the text and is checked', async () => {
  await page.setInputFiles('#bundle-file', { name: 'order.json', mimeType: 'application/json', buffer: Buffer.from(bundle('PATCH', '2')) });
  await page.waitForFunction(() => /"PATCH"/.test(document.getElementById('bundle-json').value));
  await page.waitForSelector('.gom-issue[data-code="GOM-BDL-012"]');
  assert.match(await page.textContent('#gom-verdict'), /PATCH/);
});

test('a file dropped on the box replaces the text, and the box shows it is a drop target', async () => {
  await page.evaluate(async (text) => {
    const box = document.getElementById('bundle-json');
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    box.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    await new Promise((r) => requestAnimationFrame(r));
    window.__dragging = box.classList.contains('gom-dragging');
    box.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bundle('POST', '3'));
  assert.equal(await page.evaluate(() => window.__dragging), true);
  await page.waitForFunction(() => /00000000003/.test(document.getElementById('bundle-json').value));
  await page.waitForFunction(() => !document.querySelector('.gom-issue[data-code="GOM-BDL-012"]'));
  assert.equal(await page.$('#bundle-json.gom-dragging'), null);
});

test('"Download the JSON" saves exactly the text in the box', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#gom-download')]);
  assert.match(download.suggestedFilename(), /^gom-order-[0-9a-f]{8}\.json$/);
  assert.equal(readFileSync(await download.path(), 'utf8'), await page.inputValue('#bundle-json'));
});

test('a Trio of 50+ resources is drawn readably', async () => {
  // The example Trio, with more specimens and observations than any real order has.
  await page.click('header a[href="/"]');
  await page.click('#gom-example-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
  await page.evaluate(() => {
    const key = 'gom.draft.' + localStorage.getItem('gom.open');
    const r = JSON.parse(localStorage.getItem(key));
    const f = r.form;
    for (let i = 0; i < 12; i++) {
      f.indication.observations.push({ ...f.indication.observations[0], effective: '' });
    }
    const people = [f.specimens, ...f.participants.map((p) => p.specimens)];
    for (let i = 0; i < 30; i++) {
      const list = people[i % 3];
      list.push({ ...list[0], key: `g${i}`, localId: `G-${i}`, parent: i % 2 ? list[0].key : '' });
    }
    localStorage.setItem(key, JSON.stringify(r));
  });
  await page.goto(server.url + '/graph');
  await page.waitForSelector('.gom-graph svg');
  const boxes = await page.$$eval('.gom-graph .gom-node', (nodes) => nodes.map((n) => {
    // Page coordinates: each box is a translated group, so getBBox() would be local to it.
    const box = (e) => { const b = e.getBoundingClientRect(); return { x: b.x, y: b.y, w: b.width, h: b.height }; };
    return { rect: box(n.querySelector('rect')), labels: [...n.querySelectorAll('text')].map(box) };
  }));
  assert.ok(boxes.length >= 50, `${boxes.length} boxes`);
  const apart = (a, b) => a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) assert.ok(apart(boxes[i].rect, boxes[j].rect), `boxes ${i} and ${j} overlap`);
    for (const l of boxes[i].labels) {
      const r = boxes[i].rect;
      assert.ok(l.x >= r.x - 0.5 && l.x + l.w <= r.x + r.w + 0.5, `a label of box ${i} spills out of it`);
    }
  }
  assert.match(await page.textContent('#gom-graph-summary'), / 0 not linked to the order · 0 dangling references/);
  // Readable: the boxes are drawn at no less than 0.6 of their size on a 1280-pixel-wide page.
  const scale = await page.$eval('.gom-graph svg', (s) => s.getBoundingClientRect().width / s.viewBox.baseVal.width);
  assert.ok(scale >= 0.6, `drawn at ${scale.toFixed(2)}×`);
});

test('no console error and no request to another origin', () => {
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.foreign, []);
});
