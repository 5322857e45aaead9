# Sourced (not run) by tests/scripts/package.sh and the Makefile's portal target: how the two
# shipped Wasm files (the JS package, the portal) are compiled.
#
# They build on the nightly toolchain with Cargo's build-std, so the standard library is
# compiled with our profile, and with `-Cpanic=immediate-abort`: a panic is the bare Wasm trap
# at once, with no message formatting, no panic hook call and no Location in the Wasm. On
# wasm32-unknown-unknown a panic already aborts (traps) and gom-core never panics on input, so
# only the message of a bug is lost: the console shows "RuntimeError: unreachable" (the portal
# installs its console panic hook only in a stable build, portal/src/main.rs). November 2026:
# package 367,640 -> 360,871 B gzip, portal 437,203 -> 411,451 B, speed unchanged. -Zlocation-detail=none,
# -Zfmt-debug=none, -Zinline-mir=no and std's optimize_for_size gained nothing on top (README.md).
# Everything else (clippy, unit tests, the harness, wasm-pack test) stays on stable: only
# these two commands see these variables. `make setup` installs rust-src and the wasm32
# target for the nightly toolchain.
#
# GOM_WASM_STABLE=1 builds on stable instead (larger Wasm, same behaviour apart from the
# panic message); GOM_WASM_TOOLCHAIN picks another nightly (default `nightly`).
if [ "${GOM_WASM_STABLE:-0}" != 1 ]; then
  export RUSTUP_TOOLCHAIN=${GOM_WASM_TOOLCHAIN:-nightly}
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  # Added to .cargo/config.toml's rustflags for the target (`--cfg erase_components`), not instead.
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
fi
