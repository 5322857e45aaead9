// Nothing typed is ever lost (issue 7, feature 9), now that typing is written to local storage
// shortly after rather than on every keystroke (state/saving.rs): the latest text is there after
// a reload or a closed tab straight after typing, when the page is hidden, and after a short
// pause with the page left open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ready, openSession, watch } from './lib.mjs';

let server, browser, page;
const problems = [];

before(async () => {
  let first;
  ({ server, browser, page, problems: first } = await openSession());
  problems.push(first);
  await page.goto(server.url + '/');
  await ready(page);
  await page.click('#gom-example-draft');
  await page.waitForSelector('#f-note');
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** The open draft as stored, parsed. */
const stored = (p = page) =>
  p.evaluate(() => JSON.parse(localStorage.getItem('gom.draft.' + localStorage.getItem('gom.open')) || 'null'));

/** Types `text` at the end of a text box, one key event per character, as a person would. */
async function typeAtEnd(selector, text) {
  await page.focus(selector);
  await page.evaluate((s) => { const t = document.querySelector(s); t.setSelectionRange(t.value.length, t.value.length); }, selector);
  await page.keyboard.type(text);
}

test('a form field typed into and reloaded at once keeps every character', async () => {
  await typeAtEnd('#f-note', ' reload-now-1');
  await page.reload();
  await page.waitForSelector('#f-note');
  assert.match(await page.inputValue('#f-note'), / reload-now-1$/);
});

test('the JSON view typed into and reloaded at once keeps every character', async () => {
  await page.click('header a[href="/json"]');
  await page.waitForSelector('#bundle-json');
  await page.evaluate(() => {
    const t = document.getElementById('bundle-json');
    const at = t.value.indexOf('"transaction"') + '"transaction'.length;
    t.focus();
    t.setSelectionRange(at, at);
  });
  await page.keyboard.type('-json-now');
  await page.reload();
  await page.waitForSelector('#bundle-json');
  assert.match(await page.inputValue('#bundle-json'), /"transaction-json-now"/);
  assert.match((await stored()).json, /"transaction-json-now"/);
});

test('typing is written after a short pause, with the page left open', async () => {
  await page.click('#gom-json-source button');
  await page.click('header a[href="/compose"]');
  await page.waitForSelector('#f-note');
  await typeAtEnd('#f-note', ' pause');
  // Written within a second of the pause (300 ms after the last key), whatever else happens.
  await page.waitForFunction(() => {
    const r = JSON.parse(localStorage.getItem('gom.draft.' + localStorage.getItem('gom.open')));
    return / pause$/.test(r.form.note);
  }, null, { timeout: 1500 });
});

test('typing that goes on is written at least every second', async () => {
  const t0 = Date.now();
  let seen = '';
  await typeAtEnd('#f-note', ' ');
  // One key every 100 ms for 2.5 s: never a 300 ms pause, yet the store keeps up.
  for (let i = 0; Date.now() - t0 < 2500; i++) {
    await page.keyboard.type(String(i % 10));
    await page.waitForTimeout(100);
    seen = (await stored()).form.note;
  }
  const typed = await page.inputValue('#f-note');
  assert.ok(seen.length > 0 && typed.startsWith(seen), 'the stored note is what was typed so far');
  assert.ok(typed.length - seen.length <= 15, `stored ${seen.length} of ${typed.length} characters while typing went on`);
});

test('hiding the page writes what was typed at once', async () => {
  await typeAtEnd('#f-note', ' hidden');
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  assert.match((await stored()).form.note, / hidden$/);
});

test('a tab closed straight after typing keeps every character', async () => {
  await typeAtEnd('#f-note', ' closed');
  await page.close();
  page = await browser.context.newPage();
  problems.push(watch(page, server.url));
  await page.goto(server.url + '/compose');
  await page.waitForSelector('#f-note');
  assert.match(await page.inputValue('#f-note'), / closed$/);
});

test('the drafts list shows a title typed a moment ago', async () => {
  await page.fill('#f-patient-givenName', 'Robyn');
  await page.click('header a[href="/"]');
  await page.waitForSelector('#gom-drafts');
  assert.match(await page.textContent('#gom-drafts'), /Robyn Example/);
});

test('no console error and no request to another origin', () => {
  assert.deepEqual(problems.flatMap((p) => p.console), []);
  assert.deepEqual(problems.flatMap((p) => p.foreign), []);
});
