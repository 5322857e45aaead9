#!/usr/bin/env bash
# Builds the embeddable JS package (gom-core with the `js` feature) for the web, bundler and
# nodejs targets into core/pkg-<target>/ (git-ignored), then runs the npm binaryen wasm-opt -Oz
# ourselves (wasm-pack's own download of wasm-opt fails on this machine kind).
set -euo pipefail
cd "$(dirname "$0")/../.."
WO=.tools/node_modules/.bin/wasm-opt
FEATURES=(--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)
for target in web bundler nodejs; do
  out=core/pkg-$target
  wasm-pack --quiet build core --release --target "$target" --out-dir "pkg-$target" --out-name gom --no-pack -- --features js
  "$WO" -Oz "${FEATURES[@]}" "$out/gom_bg.wasm" -o "$out/gom_bg.wasm.opt"
  mv "$out/gom_bg.wasm.opt" "$out/gom_bg.wasm"
  echo "package: built $out"
done
