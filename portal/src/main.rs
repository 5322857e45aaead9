//! Mounts the portal; everything else lives in `components` and `state`.

fn main() {
    // With `-Cpanic=immediate-abort` (the shipped build, tests/scripts/wasm-env.sh) a panic traps
    // at once and no hook runs, so none is installed; a stable build shows panics in the console.
    #[cfg(not(panic = "immediate-abort"))]
    console_panic_hook();
    leptos::mount::mount_to_body(gom_portal::components::App);
}

/// Panics are bugs; show them in the console instead of a silent trap.
#[cfg(not(panic = "immediate-abort"))]
fn console_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys_log(&info.to_string());
    }));
}

#[cfg(not(panic = "immediate-abort"))]
fn web_sys_log(msg: &str) {
    leptos::logging::error!("gom-portal panicked: {msg}");
}
