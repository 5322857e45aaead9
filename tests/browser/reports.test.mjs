// Reading reports: the demo's final report fetched from the server for its order (patient
// banner, variants, status, the PDF as a blob link, a print stylesheet), and a report file
// opened from disk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ready, ROOT, openSession } from './lib.mjs';

let server, browser, page, problems, order;

before(async () => {
  ({ server, browser, page, problems } = await openSession(['--demo']));
  const found = await (await fetch(`${server.url}/FHIR/R4/DiagnosticReport?status=final`)).json();
  order = found.entry[0].resource.basedOn[0].reference.split('/').pop();
  await page.goto(server.url + '/reports');
  await ready(page);
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('the report on an order is fetched and laid out', async () => {
  assert.equal(await page.title(), 'Read a report · Genomic test orders');
  await page.click('#gom-order-picker summary');
  await page.fill('#gom-order-id', order);
  await page.click('#gom-order-picker form button[type="submit"]');
  await page.click('#gom-fetch-reports');
  await page.waitForSelector('.gom-report');
  assert.match(await page.textContent('#gom-report-source'), new RegExp(`ServiceRequest/${order}`));
  assert.match(await page.textContent('.gom-banner-nhs'), /^\d{3} \d{3} \d{4}/);
  assert.ok((await page.textContent('.gom-banner-name')).trim().length > 0);
  assert.equal(await page.getAttribute('.gom-report-title .gom-status', 'data-status'), 'final');
  assert.ok(await page.locator('.gom-variants .gom-variant').count() >= 1);
  assert.ok((await page.textContent('.gom-variants .gom-gene')).trim().length > 0);
});

test('the PDF opens from a blob made in the page', async () => {
  const href = await page.getAttribute('.gom-pdf-link', 'href');
  assert.match(href, /^blob:/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.gom-attachment a[download]')]);
  const path = await download.path();
  assert.equal(readFileSync(path).subarray(0, 5).toString('latin1'), '%PDF-');
});

test('printing shows the report alone', async () => {
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('header.nhsuk-header'), false);
  assert.equal(await page.isVisible('#gom-order-picker'), false);
  assert.equal(await page.isVisible('.gom-report'), true);
  assert.equal(await page.isVisible('.gom-banner'), true);
  await page.emulateMedia({ media: 'screen' });
});

test('a report file is read too', async () => {
  const file = join(ROOT, 'tests', 'fixtures', 'report', 'variant-result.json');
  await page.setInputFiles('#gom-report-file', { name: 'variant-result.json', mimeType: 'application/json', buffer: readFileSync(file) });
  await page.waitForFunction(() => /variant-result\.json/.test(document.querySelector('#gom-report-source').textContent));
  await page.waitForSelector('.gom-report .gom-variants');
  assert.ok(await page.locator('.gom-variants .gom-variant').count() >= 1);
});

test('no console error and no request to another origin', () => {
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.foreign, []);
});
