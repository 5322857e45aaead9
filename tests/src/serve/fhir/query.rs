//! Query strings (`a=b&c=d`, percent-encoded, `+` for space) and ETags.

use gom_core::rules::server as r;

use super::reply::{Reply, Res};

/// The decoded `name=value` pairs of a query string, in order. A pair that is not valid
/// percent-encoded UTF-8 is a 400.
pub fn parse(query: &str) -> Res<Vec<(String, String)>> {
    let mut out = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (Some(k), Some(v)) = (decode(k), decode(v)) else {
            return Err(Reply::issue(400, r::SEARCH_VALUE_INVALID, format!("`{pair}` is not valid percent-encoding")));
        };
        out.push((k, v));
    }
    Ok(out)
}

/// A path segment with its percent-escapes decoded (`%24graph` is `$graph`); a segment that
/// does not decode is kept as sent, and then names nothing.
pub fn decode_path(seg: &str) -> String {
    if seg.contains('+') {
        return seg.to_owned();
    }
    decode(seg).unwrap_or_else(|| seg.to_owned())
}

fn decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'%' => {
                let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(h, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The version an `If-Match` header or `entry.request.ifMatch` names: `W/"3"`, `"3"` or `3`.
pub fn etag_version(tag: &str) -> Option<u64> {
    let t = tag.trim();
    let t = t.strip_prefix("W/").unwrap_or(t);
    let t = t.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(t);
    t.parse().ok().filter(|v| *v > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_pairs_and_etags() {
        let p =
            parse("identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2FGMSOrder%7Cabc&status=active,on-hold&x&a=b+c").unwrap();
        assert_eq!(p[0], ("identifier".into(), "https://fhir.nhs.uk/Id/GMSOrder|abc".into()));
        assert_eq!(p[1].1, "active,on-hold");
        assert_eq!(p[2], ("x".into(), String::new()));
        assert_eq!(p[3].1, "b c");
        assert_eq!(parse("a=%zz").unwrap_err().status, 400);
        assert_eq!(parse("a=%ff").unwrap_err().status, 400);
        for (t, v) in [("W/\"3\"", Some(3)), ("\"12\"", Some(12)), ("4", Some(4)), ("W/\"0\"", None), ("*", None)] {
            assert_eq!(etag_version(t), v, "{t}");
        }
    }
}
