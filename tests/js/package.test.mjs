// The package as an integrator uses it: installed from the packed tarball with npm, imported by
// its name from ESM and CommonJS, every export answering with plain objects, an `Error` only when
// a call cannot run. Prints the Node timing of validate on the bench's valid bundle.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, installedProject, requirePackage } from './lib.mjs';

const fixture = (p) => readFileSync(join(ROOT, 'tests', 'fixtures', p), 'utf8');
const NOW = '2026-03-02T10:00:00Z';
let dir;
let gom;

before(() => {
  dir = installedProject();
  gom = requirePackage(dir);
});

const isPlain = (v) => Object.getPrototypeOf(v) === Object.prototype;

test('ESM and CommonJS consumers import it by name', () => {
  writeFileSync(join(dir, 'app.mjs'), `import { Validator, version } from '@gom/validator';
const r = new Validator({ mode: 'order' }).validate('{"resourceType":"Bundle","type":"batch"}');
console.log(JSON.stringify({ version: version(), valid: r.valid, code: r.issues[0].code }));`);
  writeFileSync(join(dir, 'app.cjs'), `const { lintCriteria } = require('@gom/validator');
console.log(JSON.stringify(lintCriteria("owner = 'LABB'")));`);
  const esm = JSON.parse(execFileSync('node', ['app.mjs'], { cwd: dir, encoding: 'utf8' }));
  const pkg = JSON.parse(readFileSync(join(dir, 'node_modules', '@gom', 'validator', 'package.json'), 'utf8'));
  assert.deepEqual({ ...esm, code: esm.code.slice(0, 8) }, { version: pkg.version, valid: false, code: 'GOM-BDL-' });
  const cjs = JSON.parse(execFileSync('node', ['app.cjs'], { cwd: dir, encoding: 'utf8' }));
  assert.equal(cjs.valid, false);
  assert.match(cjs.issues[0].code, /^GOM-CRIT-/);
});

test('the package ships its README, types and the three builds', () => {
  const base = join(dir, 'node_modules', '@gom', 'validator');
  const pkg = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8'));
  assert.equal(pkg.name, '@gom/validator');
  assert.match(readFileSync(join(base, 'README.md'), 'utf8'), /## Show them beside the fields/);
  for (const d of ['node', 'bundler', 'web']) {
    assert.match(readFileSync(join(base, d, 'gom.d.ts'), 'utf8'), /export interface ValidationResult/);
  }
});

test('validate returns plain objects with positions; bad options throw an Error', () => {
  const v = new gom.Validator();
  const text = '{"resourceType":"Bundle","type":"transaction","entry":[\n{"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient"},"request":{"method":"DELETE","url":"Patient/1"}}]}';
  const r = v.validate(text);
  assert.ok(isPlain(r) && isPlain(r.issues[0]));
  const del = r.issues.find((i) => i.code === 'GOM-BDL-012');
  assert.equal(text.slice(del.start, del.end), '"DELETE"');
  assert.equal(del.line, 2);
  assert.deepEqual(v.options, { mode: 'auto', strict: false });
  for (const bad of [{ strickt: true }, { mode: 'sideways' }, 'strict', 5]) {
    assert.throws(() => new gom.Validator(bad), (e) => e instanceof Error && /^invalid options/.test(e.message));
  }
  assert.throws(() => v.validate(undefined), (e) => e instanceof Error && e.message === '`json` must be a string');
  const oo = v.toOperationOutcome(text);
  assert.equal(oo.resourceType, 'OperationOutcome');
  const tr = v.toTransactionResponse(text, NOW);
  assert.equal(tr.entry[0].response.status, '422 Unprocessable Entity');
  assert.equal(tr.meta.lastUpdated, NOW);
});

test('hostile input gives findings, never a trap', () => {
  const v = new gom.Validator();
  for (const text of ['['.repeat(200000), '{"a":'.repeat(100000), `"${'x'.repeat(20000000)}"`, '', '\u0000']) {
    const r = v.validate(text);
    assert.equal(r.valid, false);
    assert.ok(['fatal', 'error'].includes(r.issues[0].severity));
    gom.reportView(text);
    gom.checkEvent(text);
    gom.compileCriteria(text).matches(text);
    gom.checkDraft(text, { now: NOW });
  }
});

test('workflow, criteria, events, report, compose and graph answer as data', () => {
  assert.equal(gom.checkTransition('Task', 'requested', 'accepted', { role: 'placer' }).allowed, false);
  assert.equal(gom.statusView('Task', 'nope'), null);
  assert.throws(() => gom.checkTransition('Observation', 'a', 'b'), Error);
  const c = gom.compileCriteria("eventType='genomic-order-event-1' AND owner='LABB'");
  const ce = fixture('events/task-cloudevent.json');
  assert.equal(c.matches(ce), true);
  assert.equal(c.matches(JSON.parse(ce)), true);
  assert.equal(gom.convertEvent(ce, 'fhir').event.resourceType, 'Bundle');
  assert.throws(() => gom.convertEvent(ce, 'xml'), Error);
  const view = gom.reportView(fixture('report/variant-result.json'));
  assert.ok(view.variants.length > 0);
  let n = 0;
  const ids = () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
  const order = gom.composeOrder(JSON.parse(fixture('compose/valid/singleton.json')), { now: NOW, ids });
  assert.equal(order.valid, true);
  assert.equal(order.bundle.entry[0].fullUrl, 'urn:uuid:00000000-0000-4000-8000-000000000001');
  const graph = gom.bundleGraph(order.bundle ? JSON.stringify(order.bundle) : '{}');
  assert.equal(graph.nodes.length, order.bundle.entry.length);
  assert.ok(graph.nodes[0].focal);
  assert.match(gom.renderGraphSvg(JSON.stringify(order.bundle)), /^<svg /);
  const check = gom.checkDraft({ patient: { nhsNumber: '943 476 5918' } }, { now: NOW });
  assert.ok(check.issues.some((i) => i.field === 'patient.nhsNumber' && i.code === 'GOM-DRAFT-002'));
});

test('Node timing of validate on the bench valid bundle', (t) => {
  const shared = join(ROOT, '..', 'shared', 'bench', 'bundles', 'valid.json');
  let text;
  try {
    text = readFileSync(shared, 'utf8');
  } catch {
    t.diagnostic('notice: ../shared is absent; no timing');
    return;
  }
  const v = new gom.Validator();
  assert.equal(v.validate(text).valid, true, 'the bench valid bundle is valid');
  for (let i = 0; i < 200; i++) v.validate(text);
  const runs = 1000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) v.validate(text);
  const mean = Number(process.hrtime.bigint() - t0) / runs / 1000;
  console.log(`# validate valid.json (${text.length} B) in Node: mean ${mean.toFixed(1)} µs over ${runs} runs after 200 warm-up`);
  assert.ok(mean > 0);
});
