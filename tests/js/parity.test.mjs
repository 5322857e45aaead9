// Parity in Node: every call of the native parity run (each fixture of the native suites, the bench
// bundles and the upstream examples through every export) gives the same answer, value for value,
// from the nodejs build of the installed package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installedProject, parityCases, requirePackage } from './lib.mjs';
import { runCases } from './dispatch.mjs';

test('the Wasm build answers every native parity case the same', () => {
  const cases = parityCases();
  const calls = new Set(cases.map((c) => c.call));
  for (const c of ['validate', 'toOperationOutcome', 'toTransactionResponse', 'checkTransition', 'statusView',
    'checkUpdate', 'planCascade', 'lintCriteria', 'evaluate', 'matches', 'checkEvent', 'convertEvent', 'reportView',
    'checkNarrative', 'checkDraft', 'composeOrder', 'bundleGraph', 'renderGraphSvg']) {
    assert.ok(calls.has(c), `the native run covers ${c}`);
  }
  const r = runCases(requirePackage(installedProject()), cases);
  console.log(`# parity (Node): ${r.total - r.bad}/${r.total} cases identical`);
  assert.deepEqual(r.failures, []);
  assert.equal(r.bad, 0);
});
