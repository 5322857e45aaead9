use gom_core::report::AttachmentView;
use leptos::prelude::*;

use crate::download::{blob_url, revoke};

/// An attached document (the signed-off PDF): a link to a blob made in the page from its data,
/// so opening it makes no request. Only PDFs open in the browser; anything else downloads, so a
/// document can never run as a page of this site.
#[component]
pub fn ReportAttachment(attachment: AttachmentView) -> impl IntoView {
    let a = attachment;
    let is_pdf = a.content_type.as_deref().is_some_and(|t| t.eq_ignore_ascii_case("application/pdf"));
    let title = a.title.clone().unwrap_or_else(|| {
        if is_pdf {
            "The report as PDF".to_owned()
        } else {
            "Attached document".to_owned()
        }
    });
    let size = a.data_size.or(a.size).map(|n| format!(" ({} KB)", n.div_ceil(1024))).unwrap_or_default();
    let blob = a
        .data
        .as_deref()
        .and_then(decode)
        .and_then(|bytes| blob_url(&bytes, if is_pdf { "application/pdf" } else { "application/octet-stream" }));
    if let Some(url) = blob.clone() {
        on_cleanup(move || revoke(&url));
    }
    let file = if is_pdf { "report.pdf" } else { "attachment.bin" };
    view! {
        <p class="nhsuk-body gom-attachment">
            {match (blob, a.url.clone()) {
                (Some(url), _) if is_pdf => view! {
                    <a href=url.clone() target="_blank" rel="noopener noreferrer" class="gom-pdf-link" type="application/pdf">
                        {format!("Open {}{size}", title.to_ascii_lowercase())}<span class="nhsuk-u-visually-hidden">" (opens in a new tab)"</span>
                    </a>
                    " · "
                    <a href=url download=file>"Download it"</a>
                }.into_any(),
                (Some(url), _) => view! { <a href=url download=file>{format!("Download {title}{size}")}</a> }.into_any(),
                (None, Some(link)) => view! {
                    <span>{format!("{title}: held at ")}<code class="gom-value">{link}</code></span>
                }.into_any(),
                (None, None) => view! { <span>{format!("{title}: no content to show.")}</span> }.into_any(),
            }}
        </p>
    }
}

/// Base64 to bytes with the browser's decoder; `None` when it is not base64.
fn decode(data: &str) -> Option<Vec<u8>> {
    let clean: String = data.chars().filter(|c| !c.is_whitespace()).collect();
    let binary = window().atob(&clean).ok()?;
    binary.chars().map(|c| u8::try_from(c as u32).ok()).collect()
}
