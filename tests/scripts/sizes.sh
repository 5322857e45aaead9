#!/usr/bin/env bash
# Prints raw and gzip bytes of every .wasm built, and checks the budgets: the JS package's .wasm
# at most 150 KB gzip, the portal's transfer (Wasm + JS, gzip) at most 400 KB.
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
  if [ "$2" -gt "$3" ]; then echo "size: $1 is $2 B gzip, over its budget of $3 B" >&2; status=1;
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
