//! What R4 allows in a narrative (txt-1), and the checks of URL and style values.
//!
//! The element and attribute lists are R4's "basic HTML formatting" set as the HL7 validator
//! applies it. Element names are matched exactly (XHTML is case-sensitive); dangerous ones are
//! also recognised in any case, because a browser's HTML parser lowercases them.

use crate::diag::Rule;
use crate::rules::narrative as r;

/// Elements allowed by txt-1.
const ELEMENTS: &[&str] = &[
    "p",
    "br",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "span",
    "b",
    "em",
    "i",
    "strong",
    "small",
    "big",
    "tt",
    "dfn",
    "q",
    "var",
    "abbr",
    "acronym",
    "cite",
    "blockquote",
    "hr",
    "address",
    "bdo",
    "kbd",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "pre",
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tr",
    "tfoot",
    "tbody",
    "th",
    "td",
    "code",
    "samp",
    "img",
    "map",
    "area",
];

/// Attributes allowed on any element.
const GLOBAL_ATTRIBUTES: &[&str] = &[
    "title",
    "style",
    "class",
    "id",
    "lang",
    "xml:lang",
    "xml:space",
    "dir",
    "accesskey",
    "tabindex",
    "span",
    "width",
    "align",
    "valign",
    "char",
    "charoff",
    "abbr",
    "axis",
    "headers",
    "scope",
    "rowspan",
    "colspan",
];

/// Attributes allowed on one element only, as `element.attribute`.
const ELEMENT_ATTRIBUTES: &[&str] = &[
    "a.href",
    "a.name",
    "a.charset",
    "a.type",
    "a.hreflang",
    "a.rel",
    "a.rev",
    "a.shape",
    "a.coords",
    "img.src",
    "img.alt",
    "img.longdesc",
    "img.height",
    "img.width",
    "img.usemap",
    "img.ismap",
    "img.border",
    "map.name",
    "area.shape",
    "area.coords",
    "area.href",
    "area.nohref",
    "area.alt",
    "table.summary",
    "table.width",
    "table.border",
    "table.frame",
    "table.rules",
    "table.cellspacing",
    "table.cellpadding",
    "pre.space",
    "td.nowrap",
    "blockquote.cite",
    "q.cite",
];

/// Attributes whose value is a URL a browser may follow or load.
const URL_ATTRIBUTES: &[&str] = &["a.href", "area.href", "img.src", "img.longdesc", "blockquote.cite", "q.cite"];

pub(crate) fn element_allowed(name: &str) -> bool {
    ELEMENTS.contains(&name)
}

/// The security rule a forbidden element falls under, if it is one of the dangerous kinds.
pub(crate) fn dangerous_element(name: &str) -> Option<&'static Rule> {
    let lower = name.to_ascii_lowercase();
    let local = lower.rsplit(':').next().unwrap_or(&lower);
    match local {
        "script" => Some(r::SCRIPT),
        "iframe" | "frame" | "frameset" => Some(r::FRAME),
        "form" | "input" | "button" | "select" | "textarea" | "option" | "optgroup" | "fieldset" | "keygen"
        | "output" | "datalist" | "isindex" => Some(r::FORM),
        "object" | "embed" | "applet" | "param" => Some(r::OBJECT),
        _ => None,
    }
}

pub(crate) fn attribute_allowed(element: &str, attr: &str) -> bool {
    attr == "xmlns"
        || attr.starts_with("xmlns:")
        || GLOBAL_ATTRIBUTES.contains(&attr)
        || ELEMENT_ATTRIBUTES.iter().any(|ea| ea.split_once('.') == Some((element, attr)))
}

pub(crate) fn is_url_attribute(element: &str, attr: &str) -> bool {
    URL_ATTRIBUTES.iter().any(|ea| ea.split_once('.') == Some((element, attr)))
}

/// What a URL in a narrative amounts to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum UrlVerdict {
    Fine,
    /// Runs script or renders a document: an error.
    Unsafe(String),
    /// Loads from another origin when the page is shown: a warning.
    External,
    /// A scheme readers may not know: a warning.
    UnknownScheme(String),
}

/// Judges a decoded URL value the way a browser would read it: leading and trailing spaces and
/// controls dropped, tabs and newlines inside removed, the scheme compared case-insensitively.
pub(crate) fn check_url(element: &str, attr: &str, value: &str) -> UrlVerdict {
    let cleaned: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = scheme_of(&cleaned);
    let is_img = element == "img" && attr == "src";
    match scheme.as_deref() {
        None if is_img && cleaned.starts_with("//") => UrlVerdict::External,
        None => UrlVerdict::Fine,
        Some("javascript" | "vbscript" | "livescript" | "mocha" | "jscript") => {
            UrlVerdict::Unsafe(format!("a `{}:` URL runs script", scheme.unwrap_or_default()))
        }
        Some("data") => {
            let media = cleaned.get(5..).unwrap_or("");
            if !is_img {
                UrlVerdict::Unsafe("a `data:` URL can carry a whole document; only images may be embedded".into())
            } else if !media.starts_with("image/") {
                UrlVerdict::Unsafe("only `data:image/…` URLs may be used in an `img`".into())
            } else if media.starts_with("image/svg") {
                UrlVerdict::Unsafe("an SVG image can carry script; use PNG, JPEG or GIF".into())
            } else {
                UrlVerdict::Fine
            }
        }
        Some("http" | "https") if is_img => UrlVerdict::External,
        Some("http" | "https" | "mailto" | "tel" | "urn") => UrlVerdict::Fine,
        Some(other) => UrlVerdict::UnknownScheme(other.to_owned()),
    }
}

/// The scheme of an absolute URL (RFC 3986 §3.1), if the value has one.
fn scheme_of(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let scheme = url.get(..colon)?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then(|| scheme.to_owned())
}

/// Why a decoded `style` value is unsafe, if it is. Comments are removed first (they can split a
/// keyword) and any backslash is refused (CSS escapes can spell a keyword in hex).
pub(crate) fn check_style(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    let mut css = String::with_capacity(lower.len());
    let mut rest = lower.as_str();
    while let Some(open) = rest.find("/*") {
        css.push_str(rest.get(..open).unwrap_or(""));
        rest = match rest.get(open + 2..).and_then(|r| r.find("*/").map(|close| (r, close))) {
            Some((r, close)) => r.get(close + 2..).unwrap_or(""),
            None => "",
        };
    }
    css.push_str(rest);
    if css.contains('\\') {
        return Some("CSS escapes (`\\`) are not allowed in a narrative's style".into());
    }
    let compact: String = css.chars().filter(|c| !c.is_whitespace()).collect();
    for bad in [
        "url(",
        "image(",
        "image-set(",
        "expression(",
        "@import",
        "behavior:",
        "-moz-binding",
        "javascript:",
        "vbscript:",
        "<",
    ] {
        if compact.contains(bad) {
            return Some(format!("`{}` is not allowed in a narrative's style", bad.trim_end_matches(['(', ':'])));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        use UrlVerdict::*;
        for (el, at, url, want) in [
            ("a", "href", "https://nhs.uk/x", Fine),
            ("a", "href", "#section-2", Fine),
            ("a", "href", "Patient/123", Fine),
            ("a", "href", "mailto:lab@nhs.net", Fine),
            ("a", "href", " JavaScript:alert(1)", Unsafe("a `javascript:` URL runs script".into())),
            ("a", "href", "java\tscript:alert(1)", Unsafe("a `javascript:` URL runs script".into())),
            ("a", "href", "\u{1}javascript:x", Unsafe("a `javascript:` URL runs script".into())),
            ("a", "href", "vbscript:msgbox", Unsafe("a `vbscript:` URL runs script".into())),
            (
                "a",
                "href",
                "data:text/html,<script>",
                Unsafe("a `data:` URL can carry a whole document; only images may be embedded".into()),
            ),
            ("img", "src", "data:image/png;base64,iVBOR", Fine),
            (
                "img",
                "src",
                "data:image/svg+xml,<svg>",
                Unsafe("an SVG image can carry script; use PNG, JPEG or GIF".into()),
            ),
            ("img", "src", "data:text/html,x", Unsafe("only `data:image/…` URLs may be used in an `img`".into())),
            ("img", "src", "https://tracker.example/p.gif", External),
            ("img", "src", "//tracker.example/p.gif", External),
            ("a", "href", "ftp://x", UnknownScheme("ftp".into())),
            ("a", "href", "1http:x", Fine),
        ] {
            assert_eq!(check_url(el, at, url), want, "{url}");
        }
    }

    #[test]
    fn styles() {
        assert_eq!(check_style("color: red; font-weight: bold"), None);
        assert!(check_style("background: URL(https://x)").is_some());
        assert!(check_style("width: exp/**/ression(alert(1))").is_some());
        assert!(check_style("background: u\\72 l(x)").is_some());
        assert!(check_style("behavior : url(x.htc)").is_some());
        assert!(check_style("@import 'x.css'").is_some());
        assert_eq!(check_style("color: red /* unclosed"), None);
    }

    #[test]
    fn tables() {
        assert!(element_allowed("table") && !element_allowed("TABLE") && !element_allowed("font"));
        assert_eq!(dangerous_element("SCRIPT"), Some(r::SCRIPT));
        assert_eq!(dangerous_element("svg:script"), Some(r::SCRIPT));
        assert_eq!(dangerous_element("svg"), None);
        assert!(attribute_allowed("a", "href") && !attribute_allowed("p", "href"));
        assert!(attribute_allowed("td", "colspan") && attribute_allowed("div", "xmlns"));
        assert!(is_url_attribute("img", "src") && !is_url_attribute("img", "alt"));
    }
}
