// The two ends of the JS boundary that wasm-bindgen's glue does not do fast enough: the input
// string into the Wasm memory, and `{ valid, issues }` out of it.
//
// Kept as plain ES2015 with only `export function` declarations, so the package's Node build
// can turn it into CommonJS with one substitution (tests/scripts/package.sh).

const ENCODER = new TextEncoder();

// `s` as UTF-8 straight into `dest` (a view of the Wasm memory with room for all of it).
export function encodeInto(s, dest) {
  return ENCODER.encodeInto(s, dest).written;
}

// `{ valid, issues }` from the packed form of core/src/js/dto/write.rs (read that module's doc
// first; `WORDS` there is the 14 below): `text` holds every text field of every issue end to
// end, `nums` (a view of the Wasm memory, read before anything else runs) holds per issue a
// presence mask, the end of each text field in `text`, and the five numbers. Building the
// objects from slices of one string is ~8x faster than `JSON.parse` of the same result.
export function unpackResult(valid, text, nums) {
  const issues = [];
  let at = 0;
  for (let p = 0; p + 14 <= nums.length; p += 14) {
    const m = nums[p];
    const code = text.slice(at, nums[p + 1]);
    const severity = text.slice(nums[p + 1], nums[p + 2]);
    const issueType = text.slice(nums[p + 2], nums[p + 3]);
    const message = text.slice(nums[p + 3], nums[p + 4]);
    const help = text.slice(nums[p + 4], nums[p + 5]);
    issues.push({
      code,
      severity,
      issueType,
      message,
      help,
      expression: m & 32 ? text.slice(nums[p + 5], nums[p + 6]) : null,
      pointer: m & 64 ? text.slice(nums[p + 6], nums[p + 7]) : null,
      line: m & 256 ? nums[p + 9] : null,
      column: m & 512 ? nums[p + 10] : null,
      start: m & 1024 ? nums[p + 11] : null,
      end: m & 2048 ? nums[p + 12] : null,
      entry: m & 4096 ? nums[p + 13] : null,
      field: m & 128 ? text.slice(nums[p + 7], nums[p + 8]) : null,
    });
    at = nums[p + 8];
  }
  return { valid, issues };
}
