//! Mounts the portal; everything else lives in `components` and `state`.

fn main() {
    console_panic_hook();
    leptos::mount::mount_to_body(gom_portal::components::App);
}

/// Panics are bugs; show them in the console instead of a silent trap.
fn console_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys_log(&info.to_string());
    }));
}

fn web_sys_log(msg: &str) {
    leptos::logging::error!("gom-portal panicked: {msg}");
}
