// Shared helpers for gom's browser tests: start the harness, launch Debian's Chromium headless
// (never a downloaded browser), and watch the page for console errors and foreign requests.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '../../.tools/node_modules/playwright-core/index.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HARNESS = process.env.GOM_HARNESS || join(ROOT, 'target', 'release', 'gom-harness');
/** The built portal the harness serves; GOM_DIST points elsewhere (e.g. to compare two builds). */
export const DIST = process.env.GOM_DIST || join(ROOT, 'dist');

/** Starts `gom-harness serve` on a free loopback port; resolves to { url, stop }. */
export function startHarness(extraArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(HARNESS, ['serve', '--port', '0', '--dist', DIST, ...extraArgs], {
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('harness did not start in 20 s')); }, 20000);
    let buf = '';
    child.stderr.on('data', (d) => {
      buf += d.toString();
      const m = buf.match(/at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
      }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`harness exited (${code}): ${buf}`)); });
  });
}

/**
 * Launches headless Chromium with the flags this machine needs and a fresh profile. With
 * `{ profile }` it reuses a profile directory (a browser restart) and leaves it in place on close.
 */
export async function launchBrowser(opts = {}) {
  const keep = Boolean(opts.profile);
  const profile = opts.profile || mkdtempSync(join(tmpdir(), 'gom-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    context,
    profile,
    close: async () => { await context.close(); if (!keep) rmSync(profile, { recursive: true, force: true }); },
  };
}

/** A fresh profile directory for a test that restarts the browser; the caller removes it. */
export function newProfile() {
  return mkdtempSync(join(tmpdir(), 'gom-chromium-'));
}

export function removeProfile(dir) {
  rmSync(dir, { recursive: true, force: true });
}

const AXE = join(ROOT, '.tools', 'node_modules', 'axe-core', 'axe.min.js');

/**
 * Runs axe-core on the page for WCAG 2.0–2.2 A and AA and returns the violations as
 * `rule: target…` strings (empty when the page passes).
 */
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    // Evaluated through the DevTools protocol: the page's CSP (rightly) refuses an injected
    // <script>, and the test must not weaken it.
    await page.evaluate(readFileSync(AXE, 'utf8'));
  }
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return violations;
}

/** Waits until the Wasm app has rendered a page heading. */
export async function ready(page) {
  await page.waitForSelector('main h1', { timeout: 30000 });
}

/** Records console errors, page errors and requests to any origin but `allowedOrigin`. */
export function watch(page, allowedOrigin) {
  const problems = { console: [], foreign: [] };
  page.on('console', (m) => { if (m.type() === 'error') problems.console.push(m.text()); });
  page.on('pageerror', (e) => problems.console.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(allowedOrigin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.foreign.push(u);
  });
  return problems;
}

/**
 * Fills the rest of the compose form after the patient's name and date of birth: sex, the
 * requester, the test, one specimen (`specimenId`), consent and the performing lab. `type(id,
 * text)` is the caller's way of entering text (typed key by key, or filled).
 */
export async function fillOrderDetails(page, type, specimenId) {
  await page.check('#f-patient-sex-2');
  await page.selectOption('#f-patient-ethnicCategory', 'Z');
  await page.check('#f-patient-residentialStatus');
  await type('f-requester-name', 'Dr Jo Tester');
  await type('f-requester-sdsUserId', '555012345680');
  await type('f-requester-sdsRoleProfileId', '555087654323');
  await type('f-requester-ods', 'RR8');
  await type('f-requester-phone', '0113 000 0000');
  await page.selectOption('#f-test-code', 'R67.2');
  await page.selectOption('#f-reason', 'diagnostic');
  await page.check('#f-priority');
  await page.click('#f-specimens-add');
  await type('f-specimens-0-localId', specimenId);
  await page.selectOption('#f-specimens-0-type', '445295009');
  await type('f-specimens-0-collected', '17');
  await type('f-specimens-0-collected-month', '02');
  await type('f-specimens-0-collected-year', '2026');
  await page.check('#f-consent-status');
  await type('f-consent-date', '17');
  await type('f-consent-date-month', '02');
  await type('f-consent-date-year', '2026');
  await type('f-performer-ods', 'R0A');
}

/**
 * The usual set-up of a browser suite: the harness (with `args`), Chromium, one page, and the
 * page's console errors and foreign requests being watched. Close with `browser.close()` and
 * `server.stop()`.
 */
export async function openSession(args = []) {
  const server = await startHarness(args);
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  return { server, browser, page, problems: watch(page, server.url) };
}
