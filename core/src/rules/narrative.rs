//! GOM-TXT: the R4 narrative rules txt-1 and txt-2 over `text.div` (R4 narrative.html §"xhtml").
//!
//! A narrative is rendered as HTML by browsers, so anything that can run script or load a
//! document is a security error, not just a conformance one. Every error here makes
//! [`crate::narrative::Narrative::is_safe`] false.

use super::rule;
use crate::diag::Rule;

pub const NOT_WELL_FORMED: &Rule = rule!(
    "GOM-TXT-001",
    "xhtml-not-well-formed",
    Error,
    Structure,
    "The narrative must be well-formed XML (txt-1).",
    "Close every element in order, quote every attribute value and escape `<` and `&` in text as `&lt;` and `&amp;`."
);
pub const ROOT: &Rule = rule!(
    "GOM-TXT-002",
    "xhtml-root-div",
    Error,
    Structure,
    "The narrative is one `div` element in the XHTML namespace `http://www.w3.org/1999/xhtml` (txt-1).",
    "Wrap the narrative in `<div xmlns=\"http://www.w3.org/1999/xhtml\">…</div>` with nothing outside it."
);
pub const NO_CONTENT: &Rule = rule!(
    "GOM-TXT-003",
    "xhtml-no-content",
    Error,
    Required,
    "The narrative must have some non-whitespace content (txt-2).",
    "Write the human-readable summary of the resource inside the `div`, or leave `text` out."
);
pub const SCRIPT: &Rule = rule!(
    "GOM-TXT-004",
    "xhtml-script",
    Error,
    Security,
    "A narrative must not contain scripts (txt-1).",
    "Remove the `script` element; a narrative is static text."
);
pub const EVENT_HANDLER: &Rule = rule!(
    "GOM-TXT-005",
    "xhtml-event-handler",
    Error,
    Security,
    "A narrative must not contain event-handler attributes such as `onclick` or `onerror` (txt-1).",
    "Remove the `on…` attribute."
);
pub const FRAME: &Rule = rule!(
    "GOM-TXT-006",
    "xhtml-frame",
    Error,
    Security,
    "A narrative must not contain frames or iframes (txt-1).",
    "Remove the frame; link to the document with `<a href=\"https://…\">` instead."
);
pub const FORM: &Rule = rule!(
    "GOM-TXT-007",
    "xhtml-form",
    Error,
    Security,
    "A narrative must not contain forms or form controls (txt-1).",
    "Remove the form elements; a narrative is read, not filled in."
);
pub const OBJECT: &Rule = rule!(
    "GOM-TXT-008",
    "xhtml-object",
    Error,
    Security,
    "A narrative must not embed objects, applets or plug-in content (txt-1).",
    "Remove the `object`, `embed` or `applet`; attach documents as `presentedForm` or a DocumentReference."
);
pub const UNSAFE_URL: &Rule = rule!(
    "GOM-TXT-009",
    "xhtml-unsafe-url",
    Error,
    Security,
    "Links and images must not use `javascript:`, `vbscript:` or `data:` URLs (only `data:image/…` in an `img`).",
    "Use an `https:` URL, a relative reference or a `#fragment`."
);
pub const ELEMENT_NOT_ALLOWED: &Rule = rule!(
    "GOM-TXT-010",
    "xhtml-element-not-allowed",
    Error,
    Invalid,
    "Only the basic HTML formatting elements R4 lists may appear in a narrative (txt-1).",
    "Replace the element with one of p, div, span, b, i, em, strong, table …, ul, ol, li, a, img, br and the like."
);
pub const ATTRIBUTE_NOT_ALLOWED: &Rule = rule!(
    "GOM-TXT-011",
    "xhtml-attribute-not-allowed",
    Error,
    Invalid,
    "Only the basic HTML attributes R4 lists may appear in a narrative (txt-1).",
    "Remove the attribute; use `style` or `class` for presentation."
);
pub const UNSAFE_STYLE: &Rule = rule!(
    "GOM-TXT-012",
    "xhtml-unsafe-style",
    Error,
    Security,
    "A `style` attribute must be self-contained: no `url(…)`, `expression(…)`, `@import`, bindings or script URLs.",
    "Keep only plain CSS properties such as colours, fonts and borders in the `style` attribute."
);
pub const MARKUP_DECLARATION: &Rule = rule!(
    "GOM-TXT-013",
    "xhtml-markup-declaration",
    Error,
    Security,
    "A narrative must not contain DOCTYPE, processing instructions or CDATA sections, which HTML parsers read differently from XML.",
    "Remove the declaration; escape special characters in text as `&lt;`, `&gt;` and `&amp;` instead of using CDATA."
);
pub const UNDEFINED_ENTITY: &Rule = rule!(
    "GOM-TXT-014",
    "xhtml-undefined-entity",
    Error,
    Structure,
    "XML defines only the entities `&lt;`, `&gt;`, `&amp;`, `&quot;` and `&apos;`; others are not well-formed without a DTD.",
    "Write the character itself (UTF-8) or a numeric reference such as `&#160;` for a non-breaking space."
);
pub const EXTERNAL_IMAGE: &Rule = rule!(
    "GOM-TXT-015",
    "xhtml-external-image",
    Warning,
    Security,
    "An image loaded from another site reveals to that site that the record was opened.",
    "Embed the image as `data:image/png;base64,…` or leave it out."
);
pub const TOO_DEEP: &Rule = rule!(
    "GOM-TXT-016",
    "xhtml-too-deep",
    Error,
    TooCostly,
    "Elements in a narrative may be nested at most 64 levels deep.",
    "Flatten the narrative's structure."
);
pub const UNKNOWN_SCHEME: &Rule = rule!(
    "GOM-TXT-017",
    "xhtml-unknown-url-scheme",
    Warning,
    Security,
    "Links in a narrative use `https:`, `http:`, `mailto:`, `tel:`, `urn:`, relative references or `#fragment`s.",
    "Check the link; readers may not be able to open this kind of URL."
);

pub const ALL: &[&Rule] = &[
    NOT_WELL_FORMED,
    ROOT,
    NO_CONTENT,
    SCRIPT,
    EVENT_HANDLER,
    FRAME,
    FORM,
    OBJECT,
    UNSAFE_URL,
    ELEMENT_NOT_ALLOWED,
    ATTRIBUTE_NOT_ALLOWED,
    UNSAFE_STYLE,
    MARKUP_DECLARATION,
    UNDEFINED_ENTITY,
    EXTERNAL_IMAGE,
    TOO_DEEP,
    UNKNOWN_SCHEME,
];
