# gom: the two commands a newcomer needs are `make run` and `make test` (see README.md).
# Every tool comes from `make setup`, which installs only what is missing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
PORT ?= 8080
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR := never
# No incremental caches: CI builds from scratch, and they cost gigabytes of disk on a 2-core box.
export CARGO_INCREMENTAL := 0

.PHONY: help setup run test lint fmt-check clippy unit wasm-test portal harness browser purity package sizes

help:
	@echo "make run    set up if needed, build the portal and serve it at http://127.0.0.1:$(PORT)"
	@echo "make test   set up if needed, then every check CI runs"
	@echo "make setup  install the tools (idempotent)"

setup:
	@tests/scripts/setup.sh

run: setup portal harness
	target/release/gom-harness serve --port $(PORT) --dist dist --demo

test: setup
	@$(MAKE) --no-print-directory fmt-check clippy unit wasm-test package portal harness browser purity js-test sizes
	@echo "make test: all checks passed"

fmt-check:
	cargo fmt --all --check

clippy:
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p gom-core -p gom-portal --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p gom-core --features js --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p gom-core --features js --lib --tests -- -D warnings
	# Each API family builds on its own (GOM_JS_FEATURES=js-validator … for a smaller package).
	for f in js-validator js-workflow js-criteria js-report js-compose; do \
	  cargo clippy -q -p gom-core --features $$f --target wasm32-unknown-unknown -- -D warnings; done

unit:
	cargo test --workspace

wasm-test:
	wasm-pack test --headless --chrome core --features js

# The release Wasm builds on nightly with build-std (tests/scripts/wasm-env.sh; GOM_WASM_STABLE=1: stable).
# Trunk runs cargo --offline: fetch first (the standard library's own crates too, with build-std).
portal:
	tests/scripts/vendor.sh
	source tests/scripts/wasm-env.sh && cargo fetch -q --target wasm32-unknown-unknown && trunk build --release

harness:
	cargo build --release -p gom-harness

browser: package portal harness
	cargo test -p gom-core --features js --lib js::tests
	node --test tests/browser/
	wasm-pack test --headless --chrome portal

purity:
	tests/scripts/purity.sh

package:
	tests/scripts/package.sh

.PHONY: js-test
js-test: package
	cargo test -p gom-core --features js --lib js::tests
	node --test tests/js/

sizes:
	tests/scripts/sizes.sh

# Issue 9: fuzzing and benchmarks (see tests/fuzz/run.sh and tests/bench/run.sh).
.PHONY: fuzz bench
FUZZ_SECONDS ?= 60

fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh

bench: setup package portal harness
	tests/bench/run.sh

# Issue 6's speed target alone (valid.json: native, Wasm in Node, Wasm in Chromium), about a minute a round.
.PHONY: bench-ratio
bench-ratio: setup package harness
	node tests/bench/ratio.mjs 3
