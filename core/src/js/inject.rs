//! What the pure core is given from the host: the clock and fresh ids. gom-core reads neither
//! (`Instant::now` even panics on wasm32); the binding reads them from JS and passes them in.

use wasm_bindgen::prelude::*;

use crate::compose::IdGen;

#[wasm_bindgen]
extern "C" {
    /// Web Crypto, present in browsers (secure context or not) and in Node 19+.
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
}

/// Now, as an RFC 3339 instant to the second (`2026-03-02T10:00:00Z`).
pub fn now() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    match iso.get(..19) {
        Some(s) => format!("{s}Z"),
        None => iso,
    }
}

/// A version 4 UUID from 16 random bytes.
pub fn uuid_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// Fresh UUIDs from `crypto.getRandomValues`, or from `Math.random` where there is no Web Crypto.
pub struct RandomIds;

impl IdGen for RandomIds {
    fn next_id(&mut self) -> String {
        let mut b = [0u8; 16];
        if get_random_values(&mut b).is_err() {
            for x in &mut b {
                *x = (js_sys::Math::random() * 256.0) as u8;
            }
        }
        uuid_v4(b)
    }
}

/// Ids from the caller's function. A call that throws or returns no string is remembered (the
/// binding then throws an `Error`), and a random id stands in so composing can finish.
pub struct CallerIds {
    pub f: js_sys::Function,
    pub error: Option<String>,
}

impl IdGen for CallerIds {
    fn next_id(&mut self) -> String {
        match self.f.call0(&JsValue::UNDEFINED) {
            Ok(v) if v.as_string().is_some_and(|s| !s.is_empty()) => v.as_string().unwrap_or_default(),
            Ok(_) => {
                self.error.get_or_insert_with(|| "invalid options: `ids` must return a non-empty string".into());
                RandomIds.next_id()
            }
            Err(e) => {
                let msg = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
                self.error.get_or_insert_with(|| format!("invalid options: `ids` threw: {msg}"));
                RandomIds.next_id()
            }
        }
    }
}
