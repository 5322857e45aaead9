// Prints the one table of `make bench` from the JSON lines the collectors wrote (argument: the
// results file). Every figure in a row comes from the same run.
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const by = (suite) => lines.filter((l) => l.suite === suite);
const native = new Map(by('native').map((l) => [l.id, l]));
const key = (l) => `${l.group}/${l.name}`;
const wasmNode = new Map(by('wasm-node').map((l) => [key(l), l]));
const wasmChrome = new Map(by('wasm-chromium').map((l) => [key(l), l]));
const peers = new Map(by('peer').map((l) => [`${l.tool}:${key(l)}`, l]));
const sqlite = new Map(by('sqlite').map((l) => [l.name, l]));

/** Three significant digits, thousands separated. */
function fmt(x) {
  if (x === undefined || x === null || Number.isNaN(x)) return '';
  const digits = x >= 100 ? 0 : x >= 10 ? 1 : x >= 1 ? 2 : 3;
  return x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
const ratio = (a, b) => (a && b ? `${fmt(a / b)}×` : '');

const rows = [];
const row = (section, item, unit, nat, node, chrome, wasmRatio, beside) =>
  rows.push([section, item, unit, fmt(nat), fmt(node), fmt(chrome), wasmRatio ?? '', beside ?? '']);

// Bundles: µs per bundle, parse from text + validate.
for (const group of ['bundle', 'ig']) {
  const section = group === 'bundle' ? 'bench bundle' : 'IG bundle';
  const names = [...new Set([...native.keys()].filter((k) => k.startsWith(`${group}/`)).map((k) => k.slice(group.length + 1)))];
  for (const name of [...wasmNode.keys()].filter((k) => k.startsWith(`${group}/`)).map((k) => k.slice(group.length + 1))) {
    if (!names.includes(name)) names.push(name);
  }
  for (const name of names.sort()) {
    const k = `${group}/${name}`;
    const nat = native.get(k)?.ns / 1000;
    const serde = native.get(`serde/${name}`)?.ns / 1000;
    const node = wasmNode.get(k);
    const chrome = wasmChrome.get(k);
    const verdict = node ? (node.valid ? 'gom: no error' : `gom: ${[...new Set(node.errors)].join(' ')}`) : '';
    const peer = (tool, label) => {
      const p = peers.get(`${tool}:${k}`);
      return p ? `${label} ${fmt(p.us)}${tool === 'json.parse' ? '' : p.error ? ' (error)' : ' (no error)'}` : '';
    };
    const beside = [
      peer('medplum', '@medplum/core'),
      peer('fhirjs', 'FHIR.js'),
      serde ? `serde_json ${fmt(serde)} (gom ${ratio(nat, serde)})` : '',
      peer('json.parse', 'JSON.parse'),
      verdict,
    ].filter(Boolean).join(' · ');
    const kb = node ? ` ${fmt(node.bytes / 1024)} KB` : '';
    const wr = [ratio(node?.us, nat), ratio(chrome?.us, nat)].filter(Boolean).join(' / ');
    row(section, `${name}${kb}`, 'µs', nat, node?.us, chrome?.us, wr, beside);
  }
}

// Scaling with references (validate.rs's `references` group): ms per bundle, and the growth
// per doubling between the sizes; the stateless `validate` (fresh memory each call) and one
// `Validator` reused across calls (its working memory kept), as a lab's loop would use it.
for (const [fn, section] of [['gom_validate', 'scaling'], ['gom_validator_reused', 'scaling (reused Validator)']]) {
  const refs = [...native.values()].filter((l) => l.group === 'references' && l.fn === fn)
    .sort((a, b) => a.elements - b.elements);
  refs.forEach((l, i) => {
    const prev = refs[i - 1];
    const perDoubling = prev ? (l.ns / prev.ns) ** (1 / Math.log2(l.elements / prev.elements)) : null;
    const serde = native.get(`references/serde_json_value/${l.param}`);
    const beside = [
      `${fmt(l.ns / l.elements)} ns per reference`,
      prev ? `×${fmt(perDoubling)} per doubling (${prev.elements / 1000}k→${l.elements / 1000}k; linear = ×2.00)` : '',
      serde ? `serde_json ${fmt(serde.ns / 1e6)} ms (gom ${ratio(l.ns, serde.ns)})` : '',
    ].filter(Boolean).join(' · ');
    row(section, `${l.elements / 1000}k references`, 'ms', l.ns / 1e6, null, null, '', beside);
  });
}

// The same bundles through `gom-harness validate`, one process per run (fresh memory each time).
const cli = [...native.values()].filter((l) => l.group === 'references-cli').sort((a, b) => a.elements - b.elements);
cli.forEach((l, i) => {
  const prev = cli[i - 1];
  const perDoubling = prev ? (l.ns / prev.ns) ** (1 / Math.log2(l.elements / prev.elements)) : null;
  const beside = [
    'command line, one process per file (spawn, read, validate, print)',
    prev ? `×${fmt(perDoubling)} per doubling (${prev.elements / 1000}k→${l.elements / 1000}k; linear = ×2.00)` : '',
  ].filter(Boolean).join(' · ');
  row('scaling (CLI)', `${l.elements / 1000}k references`, 'ms', l.ns / 1e6, null, null, '', beside);
});

// Criteria: ns per evaluation over the events of events.py; parse + lint per criteria.
for (const l of [...native.values()].filter((l) => l.group === 'eval').sort((a, b) => a.id.localeCompare(b.id))) {
  const name = l.id.split('/').pop();
  const ns = l.ns / (l.elements || 1);
  const s = sqlite.get(name);
  const beside = [
    `${fmt(1e3 / ns)} M evaluations/s`,
    s ? `SQLite ${fmt(s.usPerEval * 1000)} ns/eval (statement per event), ${fmt(s.nsPerRow)} ns/row (scan); ${s.matched} of ${s.events} match` : '',
  ].filter(Boolean).join(' · ');
  row('criteria eval', name, 'ns/eval', ns, null, null, '', beside);
}
for (const l of [...native.values()].filter((l) => l.group === 'parse+lint').sort((a, b) => a.id.localeCompare(b.id))) {
  row('criteria parse+lint', l.id.split('/').pop(), 'µs', l.ns / 1000, null, null, '', 'target < 10 µs');
}

// Other native benches present (whatever else lands on main), as they are.
const known = new Set(['bundle', 'ig', 'serde', 'eval', 'parse+lint', 'references-cli']);
for (const l of [...native.values()].filter((l) => !known.has(l.group) && !(l.group === 'references' && ['gom_validate', 'gom_validator_reused'].includes(l.fn)))
  .sort((a, b) => a.id.localeCompare(b.id))) {
  row('native (other)', l.id, 'µs', l.ns / 1000, null, null, '', '');
}

// The portal: a keystroke to the verdict re-rendered, in headless Chromium (the median from the
// input event to the verdict on the page in the Chromium column). The budget, one frame, is
// checked on the revalidation: the portal's own handling of the keystroke (edit, compose, check,
// validate, the DOM updated). The rest of the input-to-verdict time is the browser's editing of
// the text box and its rendering, which the bare text box (no script) row measures alone.
for (const k of by('keystroke')) {
  const beside = [
    `p95 ${fmt(k.work.p95)}`,
    k.handler ? `from the input listeners (with any frame rendered before the next task): median ${fmt(k.handler.median)}, p95 ${fmt(k.handler.p95)}` : '',
    k.own ? `the portal's own input handling: median ${fmt(k.own.median)}, p95 ${fmt(k.own.p95)}` : '',
    `to the next frame: median ${fmt(k.frame.median)}, p95 ${fmt(k.frame.p95)}`,
    `gom-check (compose + check + validate) median ${fmt(k.check.median)}`,
    `${k.fields} form controls on the page`,
    `${k.n} keystrokes, load average ${fmt(k.load)}`,
    k.own && k.checked ? `revalidation p95 ${fmt(k.own.p95)} ms, budget one frame, 16 ms (${k.own.p95 <= 16 ? 'within' : 'OVER'})` : '',
  ].filter(Boolean).join(' · ');
  row('portal keystroke', `${k.name}, ${k.entries}-entry bundle`, 'ms', null, null, k.work.median, '', beside);
}

// Sizes.
for (const s of by('size')) {
  // Budgets in decimal kilobytes, as tests/scripts/sizes.sh checks them.
  const limit = s.name.startsWith('core/pkg-') ? 150 : s.name.startsWith('portal transfer') ? 400 : null;
  const budget = limit ? ` · budget ${limit} KB gzip (${s.gzip <= limit * 1000 ? 'within' : 'OVER'})` : '';
  rows.push(['wasm size', s.name, 'KB', '', '', '', '', `raw ${(s.raw / 1000).toFixed(1)} · gzip ${(s.gzip / 1000).toFixed(1)}${budget}`]);
}

const header = ['section', 'item', 'unit', 'gom native', 'Wasm Node', 'Wasm Chromium', 'Wasm/native', 'beside it, same run'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const right = new Set([3, 4, 5, 6]);
const line = (r) => r.map((c, i) => (i === r.length - 1 ? String(c) : right.has(i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ').trimEnd();
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(Math.min(w, 60))).join('  '));
let last = '';
for (const r of rows) {
  console.log(line(r[0] === last ? ['', ...r.slice(1)] : r));
  last = r[0];
}
const env = by('env').map((e) => `${e.name} ${e.value}`).join(', ');
const versions = [...new Set(by('peer').map((p) => `${p.tool === 'medplum' ? '@medplum/core' : p.tool === 'fhirjs' ? 'fhir (FHIR.js)' : 'V8'} ${p.version}`))].join(', ');
console.log(`\nµs per bundle = parse from text + validate (native: criterion median; JS: median of 5 batch means). Peers: ${versions}. ${env}.`);
