// The bundle graph of a composed Trio: every resource drawn, none an orphan; choosing a box shows
// its JSON and findings, with the keyboard too; a hand-edited bundle with an orphan and a
// dangling reference shows both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ready, openSession } from './lib.mjs';

let server, browser, page, problems;

before(async () => {
  ({ server, browser, page, problems } = await openSession());
  await page.goto(server.url + '/');
  await ready(page);
  await page.click('#gom-example-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('the example Trio is drawn whole, with no orphan', async () => {
  await page.click('header a[href="/graph"]');
  await page.waitForSelector('.gom-graph svg');
  assert.equal(await page.title(), 'Bundle graph · Genomic test orders');
  const nodes = await page.locator('.gom-graph .gom-node').count();
  assert.ok(nodes >= 14, `${nodes} nodes`);
  assert.equal(await page.locator('.gom-graph .gom-orphan').count(), 0);
  assert.match(await page.textContent('#gom-graph-summary'), /0 not linked to the order · 0 dangling references/);
  const labels = await page.$$eval('.gom-edge text', (ts) => ts.map((t) => t.textContent));
  assert.ok(labels.includes('subject'), labels.join(','));
});

test('choosing a box shows its JSON and findings', async () => {
  await page.click('.gom-graph .gom-node[data-entry="1"]');
  await page.waitForSelector('#gom-node-details');
  assert.match(await page.textContent('#gom-node-details h2'), /Entry 1: Patient/);
  const json = JSON.parse(await page.textContent('.gom-node-json'));
  assert.equal(json.resource.resourceType, 'Patient');
  assert.ok(await page.$('.gom-graph .gom-node.gom-selected[data-entry="1"]'));
});

test('the keyboard chooses a box too', async () => {
  await page.focus('.gom-graph .gom-node[data-entry="0"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Entry 0: ServiceRequest/.test(document.querySelector('#gom-node-details h2')?.textContent || ''));
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-entry')), '0');
});

test('"Show it in the JSON view" selects the entry there', async () => {
  await page.click('#gom-node-details button');
  await page.waitForSelector('#bundle-json');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'bundle-json');
  const selected = await page.evaluate(() => {
    const t = document.getElementById('bundle-json');
    return t.value.slice(t.selectionStart, t.selectionEnd);
  });
  assert.equal(JSON.parse(selected).resource.resourceType, 'ServiceRequest');
});

test('an orphan and a dangling reference are marked', async () => {
  const bundle = {
    resourceType: 'Bundle', type: 'transaction', entry: [
      { fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000001', request: { method: 'POST', url: 'ServiceRequest' },
        resource: { resourceType: 'ServiceRequest', status: 'active', intent: 'order',
          subject: { reference: 'urn:uuid:00000000-0000-4000-8000-000000000002' },
          specimen: [{ reference: 'urn:uuid:00000000-0000-4000-8000-0000000000ff' }] } },
      { fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000002', request: { method: 'POST', url: 'Patient' },
        resource: { resourceType: 'Patient' } },
      { fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000003', request: { method: 'POST', url: 'Practitioner' },
        resource: { resourceType: 'Practitioner' } },
    ],
  };
  await page.fill('#bundle-json', JSON.stringify(bundle, null, 2));
  await page.click('header a[href="/graph"]');
  await page.waitForSelector('.gom-graph svg');
  assert.equal(await page.locator('.gom-graph .gom-orphan').count(), 1);
  assert.equal(await page.getAttribute('.gom-graph .gom-orphan', 'data-entry'), '2');
  assert.equal(await page.locator('.gom-graph .gom-edge-dangling').count(), 1);
  assert.match(await page.textContent('#gom-graph-summary'), /1 not linked to the order · 1 dangling references/);
  assert.match(await page.textContent('#gom-graph-links'), /ServiceRequest\.requester[\s\S]*Out of range/);
});

test('no console error and no request to another origin', () => {
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.foreign, []);
});
