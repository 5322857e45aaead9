#!/usr/bin/env bash
# gom-core's default build must not pull in the JS or browser crates. `cargo tree -i X` prints the
# path by which gom-core reaches X; for the default features it must print nothing. A positive
# control (the `js` feature must reach wasm-bindgen) proves the check can fail.
set -euo pipefail
cd "$(dirname "$0")/../.."
status=0
for c in wasm-bindgen js-sys web-sys leptos; do
  out=$(cargo tree -q -p gom-core -e normal -i "$c" 2>&1 || true)
  if printf '%s\n' "$out" | grep -q "^$c v"; then
    echo "purity: gom-core's default build depends on $c:" >&2
    printf '%s\n' "$out" >&2
    status=1
  else
    echo "purity: gom-core (default features) does not depend on $c"
  fi
done
if ! cargo tree -q -p gom-core -e normal --features js -i wasm-bindgen 2>&1 | grep -q '^wasm-bindgen v'; then
  echo "purity: control failed: the js feature should reach wasm-bindgen" >&2
  status=1
fi
exit $status
