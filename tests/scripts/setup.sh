#!/usr/bin/env bash
# make setup: installs what gom's build and tests need, only what is missing or at the wrong
# version, and says what it does. Safe to run again: a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TOOLS=$ROOT/.tools
TRUNK_VERSION=0.21.14

say() { printf 'setup: %s\n' "$*"; }

# The wasm-bindgen CLI must equal the library version in Cargo.lock exactly (Trunk and
# wasm-pack refuse or misbehave otherwise).
bindgen_version() {
  if [ -f Cargo.lock ]; then
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
  fi
}
WASM_BINDGEN_VERSION=$(bindgen_version)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The shipped Wasm (JS package, portal) builds on nightly with build-std (tests/scripts/wasm-env.sh):
# it needs the standard library's source and the wasm32 target of that toolchain.
NIGHTLY=${GOM_WASM_TOOLCHAIN:-nightly}
if [ "${GOM_WASM_STABLE:-0}" = 1 ]; then
  say "GOM_WASM_STABLE=1: the Wasm builds on stable, no nightly needed"
else
  if rustup toolchain list | grep -q "^$NIGHTLY"; then
    say "$NIGHTLY toolchain: present ($(rustc "+$NIGHTLY" --version))"
  else
    say "installing the $NIGHTLY toolchain"
    rustup toolchain install "$NIGHTLY" --profile minimal
  fi
  if rustup component list --toolchain "$NIGHTLY" --installed | grep -q '^rust-src'; then
    say "rust-src for $NIGHTLY: present"
  else
    say "installing rust-src for $NIGHTLY (build-std)"
    rustup component add rust-src --toolchain "$NIGHTLY"
  fi
  if rustup target list --toolchain "$NIGHTLY" --installed | grep -qx wasm32-unknown-unknown; then
    say "wasm32-unknown-unknown target for $NIGHTLY: present"
  else
    say "installing the wasm32-unknown-unknown target for $NIGHTLY"
    rustup target add wasm32-unknown-unknown --toolchain "$NIGHTLY"
  fi
  # The flags are unstable: say now, not in the middle of a build, if this nightly lost them.
  probe=$(mktemp -d)
  echo '#![no_std]' > "$probe/p.rs"
  if ! rustc "+$NIGHTLY" -Zunstable-options -Cpanic=immediate-abort --crate-type rlib --emit metadata \
    --target wasm32-unknown-unknown -o "$probe/p.rmeta" "$probe/p.rs" 2>"$probe/err"; then
    echo "setup: $NIGHTLY does not take -Cpanic=immediate-abort (see tests/scripts/wasm-env.sh;" \
      "GOM_WASM_STABLE=1 builds on stable):" >&2
    cat "$probe/err" >&2
    rm -rf "$probe"
    exit 1
  fi
  rm -rf "$probe"
  say "$NIGHTLY takes -Cpanic=immediate-abort"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$WASM_BINDGEN_VERSION" ]; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (compiles for a few minutes)"
  # Without --locked: with it the registry lacks a pinned dependency.
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" = "$TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (compiles for several minutes; 0.22 needs a newer rustc)"
  cargo install --force --locked trunk --version "$TRUNK_VERSION"
fi

if command -v wasm-pack >/dev/null 2>&1; then
  say "wasm-pack: present ($(wasm-pack --version))"
else
  say "installing wasm-pack"
  cargo install --locked wasm-pack
fi

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "chromium and chromedriver: present"
else
  say "installing Debian chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q chromium chromium-driver
fi

# Node tools (wasm-opt from npm binaryen, playwright-core, axe-core, typescript, nhsuk-frontend)
# go into .tools/, which git ignores. The lock file is ours; the install repeats only when it changes.
mkdir -p "$TOOLS"
STAMP=$TOOLS/.lock-stamp
WANT=$(cat tests/node/package.json tests/node/package-lock.json | sha256sum | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && [ -x "$TOOLS/node_modules/.bin/wasm-opt" ]; then
  say "node tools in .tools/: present"
else
  say "installing node tools into .tools/ (npm ci)"
  cp tests/node/package.json tests/node/package-lock.json "$TOOLS/"
  (cd "$TOOLS" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$WANT" > "$STAMP"
fi

# Never let Debian's binaryen (108) be the wasm-opt: its output fails at load.
WO=$TOOLS/node_modules/.bin/wasm-opt
if ! "$WO" --version | grep -q 'version 132'; then
  echo "setup: $WO is not binaryen 132: $("$WO" --version)" >&2
  exit 1
fi
say "wasm-opt: $("$WO" --version)"
say "done"
