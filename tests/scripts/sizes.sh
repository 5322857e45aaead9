#!/usr/bin/env bash
# Prints raw and gzip bytes of every .wasm built, and compares them with the budgets: the JS
# package's .wasm at most 150 KB gzip, the portal's transfer (Wasm + JS, gzip) at most 400 KB.
# Over budget is reported loudly but does not fail the run while issues 6, 7 and 9 are open:
# the full rule set puts both over (22 November 2026, nightly build-std with immediate-abort
# panics, tests/scripts/wasm-env.sh: package 361 KB gzip at opt-level 2, 367 KB on stable; its
# validator family alone, `GOM_JS_FEATURES=js-validator`, about 170 KB; portal 411 KB with
# Leptos's erase_components, 437 KB on stable). SIZE_STRICT=1 makes it fail.
set -euo pipefail
cd "$(dirname "$0")/../.."
gz() { gzip -9 -c "$1" | wc -c; }
status=0
printf '%-50s %10s %10s\n' "file" "raw B" "gzip B"
for f in dist/*.wasm core/pkg-*/*.wasm; do
  [ -f "$f" ] || continue
  printf '%-50s %10d %10d\n' "$f" "$(stat -c%s "$f")" "$(gz "$f")"
done
check() { # name bytes budget
  if [ "$2" -gt "$3" ]; then echo "size: OVER BUDGET: $1 is $2 B gzip, over its budget of $3 B" >&2;
    if [ "${SIZE_STRICT:-0}" = 1 ]; then status=1; fi;
  else echo "size: $1 $2 B gzip (budget $3 B)"; fi
}
if [ -f core/pkg-web/gom_bg.wasm ]; then
  check "JS package .wasm" "$(gz core/pkg-web/gom_bg.wasm)" 153600
fi
portal=0
for f in dist/*.wasm dist/gom-portal-*.js; do
  [ -f "$f" ] && portal=$((portal + $(gz "$f")))
done
check "portal transfer (Wasm + JS)" "$portal" 409600
exit $status
