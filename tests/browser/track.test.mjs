// Tracking a submitted order by polling: its Tasks appear with status tags, owners, business
// status and the statuses each may move to; when the lab simulator moves a Task, the page shows
// it on its next poll, and the timeline says what changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ready, openSession } from './lib.mjs';

let server, browser, page, problems, order;

before(async () => {
  ({ server, browser, page, problems } = await openSession());
  await page.goto(server.url + '/');
  await ready(page);
  // Poll every 2 s (the shortest the portal allows) so the test does not wait long.
  await page.evaluate(() => localStorage.setItem('gom.settings', JSON.stringify({ fhirBase: '/FHIR/R4', pollSeconds: 2 })));
  await page.reload();
  await ready(page);
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('a submitted order is followed, with its Tasks', async () => {
  await page.click('#gom-example-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
  await page.click('header a[href="/submit"]');
  await page.click('#gom-submit');
  await page.waitForSelector('#gom-submit-accepted');
  order = (await page.textContent('#gom-submit-accepted')).match(/ServiceRequest\/([0-9a-f-]+)/)[1];
  await page.click('#gom-submit-result a[href="/track"]');
  await page.waitForSelector('#gom-tasks .gom-task');
  assert.equal(await page.title(), 'Track the order · Genomic test orders');
  assert.match(await page.textContent('#gom-track-order'), new RegExp(`ServiceRequest/${order}`));
  const statuses = await page.$$eval('#gom-tasks .gom-task .gom-status', (els) => els.map((e) => e.dataset.status));
  assert.ok(statuses.length > 0);
  assert.ok(await page.$('#gom-tasks .gom-next'));
});

test('a move by the lab shows on the next poll, with a timeline', async () => {
  const statuses = () => page.$$eval('#gom-tasks .gom-task', (cards) =>
    cards.map((c) => `${c.dataset.task}=${c.querySelector('.gom-status').dataset.status}`).join(' '));
  const before = await statuses();
  const r = await fetch(`${server.url}/lab/step?order=${order}`, { method: 'POST' });
  assert.equal(r.status, 200);
  await page.waitForFunction((was) => [...document.querySelectorAll('#gom-tasks .gom-task')]
    .map((c) => `${c.dataset.task}=${c.querySelector('.gom-status').dataset.status}`).join(' ') !== was,
  before, { timeout: 15000 });
  assert.notEqual(await statuses(), before);
  assert.match(await page.textContent('#gom-timeline'), /Status [a-z-]+ → [a-z-]+/);
  assert.match(await page.textContent('#gom-tasks .gom-task .gom-owner'), /\S/);
});

test('another order held by the server can be followed', async () => {
  await page.click('#gom-order-picker summary');
  await page.waitForSelector('#gom-server-orders .gom-order-choice');
  assert.ok(await page.$(`.gom-order-choice[data-order="ServiceRequest/${order}"]`));
  await page.fill('#gom-order-id', 'no-such-order');
  await page.click('#gom-order-picker form button[type="submit"]');
  await page.waitForSelector('#gom-track-error');
  assert.match(await page.textContent('#gom-track-error'), /no ServiceRequest\/no-such-order/);
});

test('no console error and no request to another origin', () => {
  assert.deepEqual(problems.console.filter((m) => !/Failed to load resource/.test(m)), []);
  assert.deepEqual(problems.foreign, []);
});
