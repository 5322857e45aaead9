// The TypeScript declarations, checked two ways with `tsc --noEmit --strict`:
// - an integrator's file (consumer.ts) against the installed package, under Node's and a bundler's
//   module resolution, and a plain page's import of the web build;
// - the declared types against real output: answers of the Wasm build to the parity cases are
//   written as object literals typed with the declared result types, so a field the types lack,
//   misname or mistype fails the compile (excess-property and literal-type checks).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, TSC, installedProject, parityCases, requirePackage } from './lib.mjs';

let dir;

before(() => {
  dir = installedProject();
});

function tsc(name, files, options) {
  const config = {
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom', 'esnext.disposable'], types: [], ...options },
    files,
  };
  writeFileSync(join(dir, name), JSON.stringify(config));
  try {
    execFileSync(TSC, ['-p', name], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return `${e.stdout}${e.stderr}`;
  }
}

test('an example consumer compiles against the .d.ts under Node and bundler resolution', () => {
  copyFileSync(join(ROOT, 'tests', 'js', 'consumer.ts'), join(dir, 'consumer.ts'));
  assert.equal(tsc('tsconfig.node.json', ['consumer.ts'], { module: 'nodenext', moduleResolution: 'nodenext' }), '');
  assert.equal(tsc('tsconfig.bundler.json', ['consumer.ts'], { module: 'esnext', moduleResolution: 'bundler' }), '');
  writeFileSync(join(dir, 'web.ts'), `import init, { Validator, type ValidationResult } from "@gom/validator/web";
await init();
export const r: ValidationResult = new Validator().validate("{}");`);
  assert.equal(tsc('tsconfig.web.json', ['web.ts'], { module: 'esnext', moduleResolution: 'bundler' }), '');
  // Without the `esnext.disposable` lib the handles' `[Symbol.dispose]` needs skipLibCheck, as the README says.
  const older = { module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], skipLibCheck: true };
  assert.equal(tsc('tsconfig.older.json', ['consumer.ts'], older), '');
});

test('a misuse fails to compile (the check has teeth)', () => {
  writeFileSync(join(dir, 'misuse.ts'), `import { Validator, checkTransition } from "@gom/validator";
new Validator({ strickt: true });
checkTransition("Patient", "a", "b");
const sev: "error" = new Validator().validate("{}").issues[0].severity;`);
  const out = tsc('tsconfig.misuse.json', ['misuse.ts'], { module: 'nodenext', moduleResolution: 'nodenext' });
  assert.match(out, /strickt/);
  assert.match(out, /"Patient"/);
  assert.match(out, /Type '"fatal"' is not assignable|is not assignable to type '"error"'/);
});

const RESULT_TYPE = {
  validate: 'ValidationResult', toOperationOutcome: 'OperationOutcome',
  toTransactionResponse: 'TransactionResponse | OperationOutcome', checkTransition: 'TransitionResult',
  statusView: 'StatusView | null', checkUpdate: 'ValidationResult', planCascade: 'CascadePlan',
  lintCriteria: 'ValidationResult', evaluate: 'Evaluation', matches: 'boolean', checkEvent: 'EventResult',
  convertEvent: 'EventResult', reportView: 'ReportView', checkNarrative: 'ValidationResult',
  checkDraft: 'ValidationResult', composeOrder: 'ComposeResult', bundleGraph: 'BundleGraph', renderGraphSvg: 'string',
};

test('real output of every export fits its declared type', async () => {
  const { runCases } = await import('./dispatch.mjs');
  const gom = requirePackage(dir);
  const byCall = new Map();
  for (const c of parityCases()) {
    if (!byCall.has(c.call)) byCall.set(c.call, []);
    byCall.get(c.call).push(c);
  }
  assert.deepEqual([...byCall.keys()].sort(), Object.keys(RESULT_TYPE).sort());
  const lines = [`import type { ${[...new Set(Object.values(RESULT_TYPE).join(' | ').split(' | '))]
    .filter((t) => !['null', 'boolean', 'string'].includes(t)).join(', ')} } from "@gom/validator";`];
  let n = 0;
  for (const [call, cases] of byCall) {
    // Up to 30 answers per export, spread over its cases (they differ in shape: valid, invalid, unreadable).
    const step = Math.max(1, Math.floor(cases.length / 30));
    for (let i = 0; i < cases.length; i += step) {
      const r = runCases(gom, [cases[i]]);
      assert.equal(r.bad, 0, cases[i].name);
      lines.push(`export const r${n++}: ${RESULT_TYPE[call]} = ${JSON.stringify(cases[i].expected)};`);
    }
  }
  writeFileSync(join(dir, 'outputs.ts'), lines.join('\n'));
  assert.equal(tsc('tsconfig.outputs.json', ['outputs.ts'], { module: 'nodenext', moduleResolution: 'nodenext' }), '');
  assert.ok(n > 100, `${n} answers checked`);
});
