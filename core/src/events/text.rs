//! Hand-written format checks (no `regex` in gom-core).

/// A hyphenated UUID (8-4-4-4-12 hex digits).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter()
            .enumerate()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { *c == b'-' } else { c.is_ascii_hexdigit() })
}

fn digits(b: &[u8], from: usize, n: usize) -> Option<u32> {
    let part = b.get(from..from + n)?;
    if !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(part.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
}

/// An RFC 3339 date-time with a zone (`Z` or `±hh:mm`), optional fraction: what CloudEvents
/// `time` and FHIR `instant` require.
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(sec)) =
        (digits(b, 0, 4), digits(b, 5, 2), digits(b, 8, 2), digits(b, 11, 2), digits(b, 14, 2), digits(b, 17, 2))
    else {
        return false;
    };
    let seps = b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && matches!(b.get(10), Some(b'T' | b't'))
        && b.get(13) == Some(&b':')
        && b.get(16) == Some(&b':');
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let day_ok = (1..=12).contains(&mo) && d >= 1 && days.get(mo as usize - 1).is_some_and(|m| d <= *m);
    if !seps || !day_ok || h > 23 || mi > 59 || sec > 60 {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i + 6 == b.len()
                && b.get(i + 3) == Some(&b':')
                && digits(b, i + 1, 2).is_some_and(|h| h <= 23)
                && digits(b, i + 4, 2).is_some_and(|m| m <= 59)
        }
        _ => false,
    }
}

/// Milliseconds since 1970-01-01T00:00:00Z of an RFC 3339 time (fractions past milliseconds
/// are dropped), for ordering events whatever their offsets.
pub fn epoch_millis(s: &str) -> Option<i64> {
    if !is_rfc3339(s) {
        return None;
    }
    let b = s.as_bytes();
    let n = |from, len| digits(b, from, len).map(i64::from);
    let (y, m, d) = (n(0, 4)?, n(5, 2)?, n(8, 2)?);
    let secs_of_day = n(11, 2)? * 3600 + n(14, 2)? * 60 + n(17, 2)?;
    // Days from civil (H. Hinnant's algorithm).
    let yy = if m <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let mut i = 19;
    let mut millis = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let mut scale = 100;
        while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            millis += i64::from(c - b'0') * scale;
            scale /= 10;
            i += 1;
        }
    }
    let offset = match b.get(i) {
        Some(b'+') => n(i + 1, 2)? * 3600 + n(i + 4, 2)? * 60,
        Some(b'-') => -(n(i + 1, 2)? * 3600 + n(i + 4, 2)? * 60),
        _ => 0,
    };
    Some((days * 86_400 + secs_of_day - offset) * 1000 + millis)
}
