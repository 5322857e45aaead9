//! Dates for people: an instant shown in the browser's time zone, in British English.

/// `2026-03-01T10:00:00.000Z` → `1 Mar 2026, 10:00` (local time); the text itself when it is not
/// a date the browser can read.
pub fn local_time(iso: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if d.get_time().is_nan() {
        return iso.to_owned();
    }
    let opts = js_sys::Object::new();
    for (k, v) in
        [("day", "numeric"), ("month", "short"), ("year", "numeric"), ("hour", "2-digit"), ("minute", "2-digit")]
    {
        let _ = js_sys::Reflect::set(&opts, &k.into(), &v.into());
    }
    d.to_locale_string("en-GB", &opts).as_string().unwrap_or_else(|| iso.to_owned())
}
