//! A narrative as plain text, for showing a narrative that is not safe to render as HTML.

use super::entities;
use super::lexer::{Lexer, Token};

/// Elements after which a reader expects a new line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "hr",
    "caption",
    "address",
];

/// The text of a narrative: character data with references decoded, a line break at block
/// elements, a space between table cells, runs of spaces collapsed and blank lines dropped.
/// Markup is never part of the result, however broken the div is; the text of a `script` is, as
/// text (the caller shows it escaped).
pub fn plain_text(div: &str) -> String {
    let mut raw = String::with_capacity(div.len());
    for token in Lexer::new(div).flatten() {
        match token {
            Token::Text { raw: t, span } => raw.push_str(&entities::decode(t, span.0, &mut Vec::new())),
            Token::Cdata { content, .. } => raw.push_str(content),
            Token::Start { name, .. } | Token::End { name, .. } if BLOCKS.contains(&name) => raw.push('\n'),
            Token::Start { name: "td" | "th", .. } => raw.push(' '),
            _ => {}
        }
    }
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if !words.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&words.join(" "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn text_of_narratives() {
        for (div, want) in [
            (
                "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Variant   found</p><p>SLC52A2 &amp; more</p></div>",
                "Variant found\nSLC52A2 & more",
            ),
            (
                "<div><table><tr><td>Gene</td><td>BRCA1</td></tr><tr><td>Zygosity</td><td>het</td></tr></table></div>",
                "Gene BRCA1\nZygosity het",
            ),
            ("<div><script>alert(1)</script><img src=x onerror=alert(2)>ok</div>", "alert(1)ok"),
            ("<div>a<br/>b</div>", "a\nb"),
            ("", ""),
            ("<<<>>>&&&", ">>&&&"),
        ] {
            assert_eq!(plain_text(div), want, "{div}");
        }
    }
}
