// Replays the native parity cases (target/parity/cases.json, written by gom-core's
// `js::tests::parity_cases_are_written_for_the_wasm_build`) on a Wasm build of the package.
//
// `runCases` is self-contained (no imports, no outer names) so the browser test can send its
// source to the page and run it there against the web build, exactly as Node runs it.

/**
 * Runs every case; resolves to { total, failures: [{ name, got, expected }] } (at most 20 kept).
 * @param {object} api the package's exports
 * @param {{ name: string, call: string, args: unknown[], expected: unknown }[]} cases
 */
export function runCases(api, cases) {
  const counterIds = () => {
    let n = 0;
    return () => '00000000-0000-4000-8000-' + (++n).toString(16).padStart(12, '0');
  };
  const call = (name, a) => {
    switch (name) {
      case 'validate': return new api.Validator(a[1]).validate(a[0]);
      case 'toOperationOutcome': return new api.Validator(a[1]).toOperationOutcome(a[0]);
      case 'toTransactionResponse': return new api.Validator(a[1]).toTransactionResponse(a[0], a[2]);
      case 'checkTransition': return api.checkTransition(a[0], a[1], a[2], a[3]);
      case 'statusView': return api.statusView(a[0], a[1], a[2]);
      case 'checkUpdate': return api.checkUpdate(a[0], a[1], a[2]);
      case 'planCascade': return api.planCascade(a[0], a[1], a[2], a[3]);
      case 'lintCriteria': return api.lintCriteria(a[0], a[1]);
      case 'evaluate': return api.compileCriteria(a[0], a[1]).evaluate(a[2]);
      case 'matches': return api.compileCriteria(a[0], a[1]).matches(a[2]);
      case 'checkEvent': return api.checkEvent(a[0]);
      case 'convertEvent': return api.convertEvent(a[0], a[1], a[2]);
      case 'reportView': return api.reportView(a[0]);
      case 'checkNarrative': return api.checkNarrative(a[0]);
      case 'bundleGraph': return api.bundleGraph(a[0]);
      case 'renderGraphSvg': return api.renderGraphSvg(a[0], a[1]);
      case 'checkDraft': return api.checkDraft(a[0], a[1]);
      case 'composeOrder': return api.composeOrder(a[0], { ...a[1], ids: counterIds() });
      default: throw new Error(`unknown call ${name}`);
    }
  };
  // Deep equality of JSON values; object members in any order (the native side writes them sorted).
  const same = (x, y) => {
    if (x === y) return true;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.length !== ky.length) return false;
    return kx.every((k) => Object.prototype.hasOwnProperty.call(y, k) && same(x[k], y[k]));
  };
  const failures = [];
  let bad = 0;
  for (const c of cases) {
    let got;
    try {
      got = call(c.call, c.args);
    } catch (e) {
      got = { threw: String(e) };
    }
    if (!same(got, c.expected)) {
      bad += 1;
      if (failures.length < 20) failures.push({ name: c.name, got, expected: c.expected });
    }
  }
  return { total: cases.length, bad, failures };
}
