// Composing an order through the form: fields typed one by one, a live error that appears beside
// its field and clears, an error summary whose links move the focus, and drafts that survive a
// reload and a browser restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, launchBrowser, watch, ready, newProfile, removeProfile, fillOrderDetails } from './lib.mjs';

let server, browser, page, problems, profile;

before(async () => {
  server = await startHarness();
  profile = newProfile();
  browser = await launchBrowser({ profile });
  page = await browser.context.newPage();
  problems = watch(page, server.url);
  await page.goto(server.url + '/');
  await ready(page);
});

after(async () => {
  await browser?.close();
  server?.stop();
  if (profile) removeProfile(profile);
});

const errorOf = (id) => page.textContent(`#${id}-error`).catch(() => null);

test('a new order opens the form with no error shown yet', async () => {
  await page.click('#gom-new-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
  assert.equal(await page.title(), 'Compose an order · Genomic test orders');
  assert.equal(await page.$('#gom-form-errors'), null);
  assert.equal(await page.$('.nhsuk-error-message'), null);
});

test('a wrong NHS number shows its error beside the field, and fixing it clears it', async () => {
  await page.fill('#f-patient-nhsNumber', '944 930 1019');
  await page.waitForSelector('#f-patient-nhsNumber-error');
  assert.match(await errorOf('f-patient-nhsNumber'), /check digit is 8/);
  assert.match(await page.getAttribute('#f-patient-nhsNumber', 'aria-describedby'), /f-patient-nhsNumber-error/);
  assert.ok(await page.$('#f-patient-nhsNumber.nhsuk-input--error'));
  assert.match(await page.textContent('#gom-form-errors'), /There is a problem/);
  await page.fill('#f-patient-nhsNumber', '944 930 1042');
  await page.waitForSelector('#f-patient-nhsNumber-error', { state: 'detached' });
  assert.equal(await page.$('#gom-form-errors'), null);
});

test('the rest of the order is typed field by field', async () => {
  const type = async (id, v) => { await page.fill(`#${id}`, v); };
  await type('f-patient-givenName', 'Robin');
  await type('f-patient-familyName', 'Tester');
  await type('f-patient-birthDate', '9');
  await type('f-patient-birthDate-month', '3');
  await type('f-patient-birthDate-year', '2020');
  await page.click('#f-patient-birthDate-year');
  await page.focus('#f-patient-givenName');
  assert.equal(await page.inputValue('#f-patient-birthDate'), '09');
  await fillOrderDetails(page, type, 'S-1');
  await page.click('#gom-check');
  await page.waitForFunction(() => !document.querySelector('#gom-form-errors'));
  assert.match(await page.textContent('#gom-draft-title'), /Robin Tester, test R67\.2/);
  const done = await page.$$eval('.gom-task-list .nhsuk-task-list__status', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(done.every((s) => s === 'Completed'), done.join(', '));
});

test('a test not in the built-in list is added, chosen, and kept for later drafts', async () => {
  await page.click('#gom-test-add summary');
  await page.fill('#gom-newtest-code', 'R999.9');
  await page.fill('#gom-newtest-name', 'Local research panel');
  await page.check('#gom-newtest-kind-2');
  await page.selectOption('#gom-newtest-people', '1');
  await page.fill('#gom-newtest-tp', 'TP999');
  await page.click('#gom-newtest-add');
  await page.waitForFunction(() => document.getElementById('f-test-code').value === 'R999.9');
  assert.match(await page.textContent('#f-test-code option:checked'), /R999\.9 Local research panel/);
  assert.equal(await page.$('#f-test-code-error'), null, 'a test in the catalogue raises no finding');
  // The reasons follow the kind of the added test: cancer.
  assert.ok(await page.$('#f-reason option[value="relapse-recurrence"]'));
  const bundle = await page.evaluate(() => localStorage.getItem('gom.settings'));
  assert.match(bundle, /"code":"R999\.9"/);
  await page.selectOption('#f-test-code', 'R67.2');
  await page.selectOption('#f-reason', 'diagnostic');
  assert.ok(await page.$('#f-test-code option[value="R999.9"]'), 'still offered');
  await page.click('#gom-own-tests button');
  await page.waitForFunction(() => !document.querySelector('#f-test-code option[value="R999.9"]'));
});

test('after "Check the order", the summary links move the focus to the field', async () => {
  await page.fill('#f-requester-ods', '');
  await page.waitForSelector('#gom-form-errors');
  const link = page.locator('#gom-form-errors a', { hasText: 'requesting organisation' });
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-requester-ods');
  await page.fill('#f-requester-ods', 'RR8');
  await page.waitForSelector('#gom-form-errors', { state: 'detached' });
});

test('the JSON view shows the bundle the form makes', async () => {
  await page.click('header a[href="/json"]');
  await page.waitForSelector('#bundle-json');
  const bundle = JSON.parse(await page.inputValue('#bundle-json'));
  assert.equal(bundle.type, 'transaction');
  const patient = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === 'Patient');
  assert.equal(patient.name[0].family, 'Tester');
  assert.ok(bundle.entry.every((e) => e.fullUrl.startsWith('urn:uuid:')));
});

test('a reload finds the draft as it was', async () => {
  await page.goto(server.url + '/compose');
  await page.waitForSelector('#f-patient-nhsNumber');
  assert.equal(await page.inputValue('#f-patient-nhsNumber'), '944 930 1042');
  assert.equal(await page.inputValue('#f-specimens-0-localId'), 'S-1');
});

test('a browser restart finds the draft too', async () => {
  await browser.close();
  browser = await launchBrowser({ profile });
  page = await browser.context.newPage();
  problems = watch(page, server.url);
  await page.goto(server.url + '/');
  await page.waitForSelector('#gom-drafts');
  assert.match(await page.textContent('#gom-drafts'), /Robin Tester, test R67\.2/);
  await page.click('.gom-draft-open');
  await page.waitForSelector('#f-patient-givenName');
  assert.equal(await page.inputValue('#f-patient-givenName'), 'Robin');
});

test('several drafts are kept side by side, and a deleted one is gone', async () => {
  await page.click('header a[href="/"]');
  await page.click('#gom-example-draft');
  await page.waitForSelector('#f-patient-givenName');
  await page.click('header a[href="/"]');
  await page.waitForSelector('#gom-drafts');
  assert.equal(await page.locator('.gom-draft').count(), 2);
  const example = page.locator('.gom-draft', { hasText: 'Robin Example' });
  await example.locator('.gom-draft-delete').click();
  await example.locator('.gom-draft-delete-confirm').click();
  await page.waitForFunction(() => document.querySelectorAll('.gom-draft').length === 1);
  await page.reload();
  await page.waitForSelector('#gom-drafts');
  assert.equal(await page.locator('.gom-draft').count(), 1);
});

test('no console error and no request to another origin', () => {
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.foreign, []);
});
