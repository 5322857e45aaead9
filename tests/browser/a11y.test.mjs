// axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every page of the portal, in the states
// that matter: empty, filled from the example, and with every error of the form shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ready, axe, openSession } from './lib.mjs';

let server, browser, page, problems;

before(async () => {
  ({ server, browser, page, problems } = await openSession(['--demo']));
  await page.goto(server.url + '/');
  await ready(page);
});

after(async () => {
  await browser?.close();
  server?.stop();
});

const visit = async (path, selector) => {
  await page.click(`header a[href="${path}"]`);
  await page.waitForSelector(selector);
};

test('drafts page, empty', async () => {
  assert.deepEqual(await axe(page), []);
});

test('compose page, with every error shown', async () => {
  await page.click('#gom-new-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
  await page.fill('#f-patient-nhsNumber', '123');
  await page.click('#f-specimens-add');
  await page.click('#gom-add-participant');
  await page.click('#gom-check');
  await page.waitForSelector('#gom-form-errors');
  assert.deepEqual(await axe(page), []);
});

test('compose page, filled from the example', async () => {
  await visit('/', '#gom-example-draft');
  await page.click('#gom-example-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
  await page.click('#gom-test-add summary');
  assert.deepEqual(await axe(page), []);
});

test('JSON page', async () => {
  await visit('/json', '#bundle-json');
  assert.deepEqual(await axe(page), []);
});

test('graph page, with a box chosen', async () => {
  await visit('/graph', '.gom-graph svg');
  await page.click('.gom-graph .gom-node[data-entry="1"]');
  await page.waitForSelector('#gom-node-details');
  await page.click('.nhsuk-details__summary');
  assert.deepEqual(await axe(page), []);
});

test('submit page, after an accepted submit', async () => {
  await visit('/submit', '#gom-submit');
  await page.click('#gom-submit');
  await page.waitForSelector('#gom-submit-accepted');
  assert.deepEqual(await axe(page), []);
});

test('submit page, after a refused submit', async () => {
  await page.fill('#gom-fhir-base', '/nowhere/FHIR/R4');
  await page.press('#gom-fhir-base', 'Tab');
  await page.click('#gom-submit');
  await page.waitForSelector('#gom-submit-refused, #gom-submit-failed');
  assert.deepEqual(await axe(page), []);
  await page.fill('#gom-fhir-base', '/FHIR/R4');
  await page.press('#gom-fhir-base', 'Tab');
});

test('track page, following a demo order', async () => {
  await visit('/track', '#gom-order-picker');
  await page.click('#gom-order-picker summary');
  await page.waitForSelector('.gom-order-choice');
  await page.click('.gom-order-choice');
  await page.waitForSelector('#gom-tasks .gom-task');
  assert.deepEqual(await axe(page), []);
});

test('reports page, with the demo report', async () => {
  await visit('/reports', '#gom-report-file');
  const found = await (await fetch(`${server.url}/FHIR/R4/DiagnosticReport?status=final`)).json();
  const order = found.entry[0].resource.basedOn[0].reference.split('/').pop();
  await page.click('#gom-order-picker summary');
  await page.fill('#gom-order-id', order);
  await page.click('#gom-order-picker form button[type="submit"]');
  await page.click('#gom-fetch-reports');
  await page.waitForSelector('.gom-report .gom-variants');
  assert.deepEqual(await axe(page), []);
});

test('notifications page, with findings and trials', async () => {
  await visit('/notifications', '#gom-criteria');
  await page.click('#gom-sample-event');
  await page.waitForSelector('#gom-event-verdict');
  assert.deepEqual(await axe(page), []);
});

test('drafts page, with drafts', async () => {
  await visit('/', '#gom-drafts');
  assert.deepEqual(await axe(page), []);
});

test('page not found', async () => {
  await page.goto(server.url + '/no-such-page');
  await ready(page);
  assert.deepEqual(await axe(page), []);
});

test('no console error and no request to another origin', () => {
  assert.deepEqual(problems.console.filter((m) => !/Failed to load resource/.test(m)), []);
  assert.deepEqual(problems.foreign, []);
});
