#!/usr/bin/env bash
# Builds the embeddable JS package @gom/validator (gom-core with the `js` feature).
#
# 1. wasm-pack for the web, bundler and nodejs targets into core/pkg-<target>/, then the npm
#    binaryen wasm-opt -Oz ourselves (wasm-pack's own download of wasm-opt fails on this machine
#    kind), dropping the producers and target-features sections (about 200 B gzip, never read at
#    run time). `--weak-refs`: the few handle objects (Validator, Criteria) free themselves.
#    The package is compiled at rustc opt-level $GOM_JS_OPT_LEVEL (default 2), not the
#    workspace's release "z" (which the portal keeps): at "z" nothing small is inlined and the
#    Wasm validates 4.5-8x slower than native, at "s" about 3x; at 2 it is 1.8-1.9x (fastest
#    batches), for a sixth more bytes than "s" (the figures of each option: README.md). $GOM_JS_FEATURES (default `js`, the whole API)
#    picks the exported families: `js-validator` alone is the build that fits 150 KB gzip.
#    The toolchain and flags come from tests/scripts/wasm-env.sh (nightly, build-std,
#    immediate-abort panics); GOM_WASM_STABLE=1 builds on stable.
#    Each build has a `snippets/` folder: core/src/js/boundary.js, which encodes the input
#    string into the Wasm memory and builds `{ valid, issues }` from the packed result. It is an
#    ES module; for the nodejs build it becomes CommonJS here (`export function f` ->
#    `exports.f = f; function f`), so the package still loads with `require` in Node 18, which
#    cannot `require` an ES module.
# 2. One npm package in core/pkg/: node/, bundler/ and web/ builds behind conditional exports,
#    the integrators' README, and `npm pack` of it into target/npm/ (what tests/js/ installs).
# 3. The web build into www/embed/pkg/ (git-ignored), so the embedding example loads the package
#    from its own origin; into dist/embed/pkg/ too when the portal is already built.
#
# Steps 1-2 are skipped when nothing they read has changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/../.."
WO=.tools/node_modules/.bin/wasm-opt
OPT_LEVEL=${GOM_JS_OPT_LEVEL:-2}
JS_FEATURES=${GOM_JS_FEATURES:-js}
FEATURES=(--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)
VERSION=$(awk -F'"' '/^\[workspace.package\]/ { p = 1 } p && /^version/ { print $2; exit }' Cargo.toml)
STAMP=target/npm/.inputs
# shellcheck source=tests/scripts/wasm-env.sh
. tests/scripts/wasm-env.sh

inputs() {
  { find core/src -type f -print0 | sort -z | xargs -0 sha256sum
    sha256sum Cargo.toml Cargo.lock core/Cargo.toml .cargo/config.toml tests/scripts/package.sh tests/scripts/wasm-env.sh
    rustc --version
    echo "opt-level $OPT_LEVEL features $JS_FEATURES stable ${GOM_WASM_STABLE:-0}"; } | sha256sum | cut -d' ' -f1
}

build() {
  for target in web bundler nodejs; do
    out=core/pkg-$target
    rm -rf "$out/snippets"
    wasm-pack --quiet build core --release --target "$target" --out-dir "pkg-$target" --out-name gom --no-pack \
      --weak-refs -- --features "$JS_FEATURES" --config "profile.release.opt-level=$OPT_LEVEL"
    "$WO" -Oz --strip-producers --strip-target-features "${FEATURES[@]}" "$out/gom_bg.wasm" -o "$out/gom_bg.wasm.opt"
    mv "$out/gom_bg.wasm.opt" "$out/gom_bg.wasm"
    if [ "$target" = nodejs ]; then
      find "$out/snippets" -name '*.js' -exec sed -i -E 's/^export function ([A-Za-z0-9_]+)/exports.\1 = \1;\nfunction \1/' {} +
      if grep -rlE '^\s*(export|import)\b' "$out/snippets"; then
        echo "package: a snippet of the nodejs build is still an ES module (only \`export function\` is converted)" >&2
        exit 1
      fi
    fi
    echo "package: built $out"
  done
}

assemble() {
  rm -rf core/pkg
  mkdir -p core/pkg/web core/pkg/bundler core/pkg/node target/npm
  cp core/pkg-web/gom.js core/pkg-web/gom.d.ts core/pkg-web/gom_bg.wasm core/pkg-web/gom_bg.wasm.d.ts core/pkg/web/
  cp core/pkg-bundler/gom.js core/pkg-bundler/gom_bg.js core/pkg-bundler/gom.d.ts core/pkg-bundler/gom_bg.wasm \
    core/pkg-bundler/gom_bg.wasm.d.ts core/pkg/bundler/
  cp core/pkg-nodejs/gom.js core/pkg-nodejs/gom.d.ts core/pkg-nodejs/gom_bg.wasm core/pkg-nodejs/gom_bg.wasm.d.ts \
    core/pkg/node/
  cp -r core/pkg-web/snippets core/pkg/web/
  cp -r core/pkg-bundler/snippets core/pkg/bundler/
  cp -r core/pkg-nodejs/snippets core/pkg/node/
  echo '{ "type": "module" }' > core/pkg/web/package.json
  echo '{ "type": "module" }' > core/pkg/bundler/package.json
  echo '{ "type": "commonjs" }' > core/pkg/node/package.json
  cp core/src/js/README.md core/pkg/README.md
  cat > core/pkg/package.json <<EOF
{
  "name": "@gom/validator",
  "version": "$VERSION",
  "description": "NHS genomic test orders (GOMS) checked in the EPR, offline: bundle validation, status workflows, MNS criteria and events, report views and order composition, in WebAssembly.",
  "license": "MIT",
  "keywords": ["fhir", "nhs", "genomics", "goms", "validation", "webassembly"],
  "main": "./node/gom.js",
  "module": "./bundler/gom.js",
  "types": "./node/gom.d.ts",
  "exports": {
    ".": {
      "node": { "types": "./node/gom.d.ts", "default": "./node/gom.js" },
      "default": { "types": "./bundler/gom.d.ts", "default": "./bundler/gom.js" }
    },
    "./web": { "types": "./web/gom.d.ts", "default": "./web/gom.js" },
    "./web/gom_bg.wasm": "./web/gom_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": ["node", "bundler", "web", "README.md"],
  "sideEffects": ["./bundler/gom.js", "./bundler/gom_bg.js", "./web/gom.js"],
  "engines": { "node": ">=18" }
}
EOF
  (cd core/pkg && npm pack --silent --pack-destination ../../target/npm >/dev/null)
  echo "package: packed target/npm/gom-validator-$VERSION.tgz"
}

want=$(inputs)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -f "target/npm/gom-validator-$VERSION.tgz" ]; then
  echo "package: up to date (target/npm/gom-validator-$VERSION.tgz)"
else
  build
  assemble
  echo "$want" > "$STAMP"
fi

rm -rf www/embed/pkg
mkdir -p www/embed/pkg
cp core/pkg-web/gom.js core/pkg-web/gom.d.ts core/pkg-web/gom_bg.wasm www/embed/pkg/
cp -r core/pkg-web/snippets www/embed/pkg/
if [ -d dist/embed ]; then
  rm -rf dist/embed/pkg
  cp -r www/embed/pkg dist/embed/pkg
fi
echo "package: web build copied to www/embed/pkg/"
