// One `Validator` for many documents keeps its working memory (node arena, index rows) between
// calls; every result must still be the one a fresh validator gives, whatever came before:
// small and large, valid and unreadable, in several orders.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, installedProject, requirePackage } from './lib.mjs';

let gom;

before(() => {
  gom = requirePackage(installedProject());
});

/** Every .json under tests/fixtures/rules, sorted. */
function ruleFixtures(dir = join(ROOT, 'tests', 'fixtures', 'rules')) {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return ruleFixtures(p);
    return n.endsWith('.json') ? [readFileSync(p, 'utf8')] : [];
  });
}

/** A transaction of n Observations each referencing the first entry (some 300 bytes each). */
function generated(n) {
  const entries = [];
  for (let i = 0; i < n; i++) {
    const id = String(i).padStart(12, '0');
    entries.push(`{"fullUrl":"urn:uuid:00000000-0000-4000-8000-${id}","resource":{"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"urn:uuid:00000000-0000-4000-8000-000000000000"}},"request":{"method":"POST","url":"Observation"}}`);
  }
  return `{"resourceType":"Bundle","type":"transaction","entry":[${entries.join(',')}]}`;
}

test('a reused Validator gives each document the result a fresh one gives', () => {
  const docs = ruleFixtures();
  assert.ok(docs.length > 100, `only ${docs.length} fixtures`);
  const big = generated(5000);
  docs.push(big, generated(3), big.slice(0, big.length / 2), '', '[1]', '{"resourceType":"Patient"}');
  for (const options of [undefined, { strict: true }, { mode: 'inspect' }]) {
    const fresh = docs.map((d) => new gom.Validator(options).validate(d));
    const v = new gom.Validator(options);
    const order = [...docs.keys(), ...[...docs.keys()].reverse()];
    for (const i of order) assert.deepEqual(v.validate(docs[i]), fresh[i], `document ${i} after others`);
    // The other entry points share the validator's buffers: the same answers as fresh ones.
    for (const i of [docs.length - 6, 0, docs.length - 4, 1]) {
      assert.deepEqual(v.toOperationOutcome(docs[i]), new gom.Validator(options).toOperationOutcome(docs[i]));
      assert.deepEqual(v.toTransactionResponse(docs[i], null), new gom.Validator(options).toTransactionResponse(docs[i], null));
    }
  }
});
