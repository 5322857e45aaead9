//! Saving text and bytes the page holds as files, through blob URLs (no request is made).

use wasm_bindgen::JsCast;

/// A blob URL for bytes; the caller revokes it when it is no longer shown.
pub fn blob_url(bytes: &[u8], mime: &str) -> Option<String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

pub fn revoke(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}

/// Offers text as a file download.
pub fn download_text(name: &str, mime: &str, text: &str) {
    let Some(url) = blob_url(text.as_bytes(), mime) else { return };
    let doc = leptos::prelude::document();
    if let Some(a) = doc.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(name);
        let _ = doc.body().map(|b| b.append_child(&a));
        a.click();
        a.remove();
    }
    // Revoked a little later: some browsers read the blob after `click` returns.
    leptos::prelude::set_timeout(move || revoke(&url), std::time::Duration::from_secs(30));
}
