// The MNS criteria builder and tester: the form writes the criteria, the linter checks it live
// with positions, and it is tried on the orders held in the browser and on a sample event.
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
  await page.click('header a[href="/notifications"]');
  await page.waitForSelector('#gom-criteria');
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('the form writes the criteria, and it is tried on the orders held', async () => {
  assert.equal(await page.title(), 'Notification criteria · Genomic test orders');
  await page.selectOption('#gom-crit-type', 'ServiceRequest');
  await page.check('#gom-crit-status input[value="active"]');
  await page.fill('#gom-crit-performer', 'R0A');
  await page.press('#gom-crit-performer', 'Tab');
  await page.waitForFunction(() => /performer='R0A'/.test(document.getElementById('gom-criteria').value));
  assert.equal(await page.inputValue('#gom-criteria'),
    "eventType='genomic-order-event-1' AND resourceType='ServiceRequest' AND serviceRequestStatus='active' AND performer='R0A'");
  assert.equal(await page.locator('.gom-criteria-finding[data-code^="GOM-CRIT"] .nhsuk-tag--red').count(), 0);
  const matched = await page.$$eval('.gom-trial[data-matched="true"]', (rows) => rows.map((r) => r.cells[0].textContent));
  assert.deepEqual(matched, ['entry 0 (ServiceRequest)']);
});

test('a syntax error is shown with its position, and choosing it selects it', async () => {
  await page.fill('#gom-criteria', "eventType='genomic-order-event-1' AND resourceType=");
  await page.waitForSelector('.gom-criteria-finding .nhsuk-tag--red');
  const finding = page.locator('.gom-criteria-finding', { has: page.locator('.nhsuk-tag--red') }).first();
  assert.match(await finding.textContent(), /Column \d+/);
  await finding.locator('a').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'gom-criteria');
  assert.equal(await page.locator('.gom-trial').count(), 0, 'nothing is tried while the criteria does not parse');
});

test('a sample event is delivered or not', async () => {
  await page.selectOption('#gom-crit-type', 'ServiceRequest');
  await page.click('#gom-sample-event');
  await page.waitForSelector('#gom-event-verdict');
  assert.equal(await page.textContent('#gom-event-verdict'), 'Delivered');
  await page.selectOption('#gom-crit-type', 'Task');
  await page.waitForFunction(() => document.getElementById('gom-event-verdict')?.textContent === 'Not delivered');
});

test('the criteria survives a reload', async () => {
  await page.reload();
  await page.waitForSelector('#gom-criteria');
  assert.match(await page.inputValue('#gom-criteria'), /resourceType='Task'/);
  assert.match(await page.inputValue('#gom-event'), /genomic-order-event-1/);
});

test('no console error and no request to another origin', () => {
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.foreign, []);
});
