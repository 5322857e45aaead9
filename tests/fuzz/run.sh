#!/usr/bin/env bash
# make fuzz: runs every cargo-fuzz target of tests/fuzz for FUZZ_SECONDS (default 60) from a corpus
# seeded at run time (seed.py), then prints executions and crashes per target. Exits 1 when any
# target found a crash, a timeout or an out-of-memory; the inputs are in tests/fuzz/artifacts/<target>/
# (turn each into a file under tests/fixtures/regressions/ and a test that runs it).
# FUZZ_TARGETS="json validate_text" limits the run to some targets.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
DIR=tests/fuzz
LOGS=$DIR/target/logs

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz (compiles for a few minutes)"
  cargo install --locked cargo-fuzz || cargo install cargo-fuzz
fi
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: the nightly toolchain is missing: rustup toolchain install nightly" >&2
  exit 2
fi

python3 $DIR/seed.py
mkdir -p "$LOGS"
targets=${FUZZ_TARGETS:-$(cargo +nightly fuzz list --fuzz-dir $DIR)}
echo "fuzz: building $(echo $targets | wc -w) targets"
cargo +nightly fuzz build --fuzz-dir $DIR -O --debug-assertions >"$LOGS/build.log" 2>&1 || {
  tail -30 "$LOGS/build.log" >&2
  exit 2
}

rows=()
found=0
for t in $targets; do
  mkdir -p "$DIR/corpus/$t" "$DIR/artifacts/$t"
  before=$(find "$DIR/artifacts/$t" -type f | wc -l)
  echo "fuzz: $t for ${SECONDS_EACH}s"
  # -rss_limit_mb bounds memory; -timeout turns any input slower than 10 s into a finding.
  cargo +nightly fuzz run --fuzz-dir $DIR -O --debug-assertions "$t" -- \
    -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -close_fd_mask=1 >"$LOGS/$t.log" 2>&1 || true
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$LOGS/$t.log" | grep -o '[0-9]*$' | tail -1)
  corpus=$(find "$DIR/corpus/$t" -type f | wc -l)
  after=$(find "$DIR/artifacts/$t" -type f | wc -l)
  crashes=$((after - before))
  found=$((found + crashes))
  # What the new findings are (crash-, timeout-, oom-, leak-, slow-unit- prefixes of libFuzzer).
  kinds=$(find "$DIR/artifacts/$t" -type f -newer "$LOGS/build.log" -printf '%f\n' | sed 's/-[0-9a-f]*$//' | sort | uniq -c |
    awk '{printf "%s%s×%s", (NR > 1 ? "," : ""), $1, $2}' || true)
  rows+=("$(printf '%-22s %8s %12s %10s %8s %8s  %s' "$t" "$SECONDS_EACH" "${execs:-?}" "$(( ${execs:-0} / (SECONDS_EACH > 0 ? SECONDS_EACH : 1) ))" "$corpus" "$crashes" "$kinds")")
done

echo
printf '%-22s %8s %12s %10s %8s %8s  %s\n' target seconds executions "exec/s" corpus crashes kinds
for r in "${rows[@]}"; do echo "$r"; done
if [ "$found" -gt 0 ]; then
  echo "fuzz: $found new crash input(s) in $DIR/artifacts/ (logs in $LOGS/)" >&2
  exit 1
fi
echo "fuzz: no crash"
