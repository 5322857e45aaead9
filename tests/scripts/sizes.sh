#!/usr/bin/env bash
# Prints raw and gzip bytes of every .wasm built, and compares them with the budgets: the JS
# package's .wasm at most 150 KB gzip, the portal's transfer (Wasm + JS, gzip) at most 400 KB.
# Budgets are read as decimal kilobytes (150,000 and 400,000 B), the stricter reading. Over
# budget is reported loudly but does not fail the run while issue 6 is open: the package is over
# (22 November 2026, nightly build-std with immediate-abort panics, tests/scripts/wasm-env.sh:
# package 361 KB gzip at opt-level 2, 367 KB on stable; its validator family alone,
# `GOM_JS_FEATURES=js-validator`, about 170 KB). The portal is under (399.5 KB with Leptos's
# erase_components; about 26 KB more on stable). SIZE_STRICT=1 makes an overrun fail.
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
  check "JS package .wasm" "$(gz core/pkg-web/gom_bg.wasm)" 150000
fi
portal=0
for f in dist/*.wasm dist/gom-portal-*.js; do
  [ -f "$f" ] && portal=$((portal + $(gz "$f")))
done
check "portal transfer (Wasm + JS)" "$portal" 400000
exit $status
