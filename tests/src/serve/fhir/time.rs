//! Timestamps for `meta.lastUpdated` and `Last-Modified`, from the system clock (the harness
//! may read it; gom-core may not). Civil-date arithmetic after Howard Hinnant's `civil_from_days`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The last instant [`tick`] handed out.
static LAST_TICK: AtomicU64 = AtomicU64::new(0);

/// Milliseconds since the Unix epoch.
pub fn now_millis() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// Milliseconds since the epoch, strictly later than every earlier call in this process: two
/// commits never share a `lastUpdated`, and a Task the broker changes twice gets a later
/// `lastModified` each time, as the update rules demand. Under a burst of more than one call per
/// millisecond it runs a few milliseconds ahead of the wall clock, then waits for it.
pub fn tick() -> u64 {
    let wall = now_millis();
    let prev = LAST_TICK.fetch_max(wall, Ordering::SeqCst);
    if prev < wall {
        return wall;
    }
    LAST_TICK.fetch_add(1, Ordering::SeqCst) + 1
}

/// A FHIR instant strictly later than `stored` (a `lastModified` or `lastUpdated` written by
/// [`instant`]) and not earlier than now: what a client puts in `Task.lastModified` when it
/// changes a Task, whatever clock wrote the stored value.
pub fn after(stored: Option<&str>) -> String {
    let floor = stored.and_then(parse_instant).map_or(0, |m| m + 1);
    instant(tick().max(floor))
}

/// Milliseconds since the epoch of a UTC instant such as `2026-05-19T17:26:11.426Z` (seconds
/// fraction optional, `Z` or `+00:00`); `None` for anything else.
pub fn parse_instant(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u64> { std::str::from_utf8(b.get(r)?).ok()?.parse().ok() };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let rest = s.get(19..)?;
    let (frac, zone) = match rest.strip_prefix('.') {
        Some(r) => r.split_at(r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len())),
        None => ("", rest),
    };
    if !matches!(zone, "Z" | "+00:00") {
        return None;
    }
    let millis: u64 = format!("{frac:0<3}").get(..3)?.parse().ok()?;
    let days = u64::try_from(days_from_civil(y as i64, mo as u32, d as u32)).ok()?;
    Some(((days * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + millis)
}

/// `2026-05-19T17:26:11.426Z` (FHIR instant).
pub fn instant(millis: u64) -> String {
    let (y, mo, d, h, mi, s) = civil(millis / 1000);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:03}Z", millis % 1000)
}

/// `Tue, 19 May 2026 17:26:11 GMT` (RFC 9110 HTTP-date) from a FHIR instant written by
/// [`instant`]; `None` for anything else.
pub fn http_date(instant: &str) -> Option<String> {
    let b = instant.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u64> { std::str::from_utf8(b.get(r)?).ok()?.parse().ok() };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y as i64, mo as u32, d as u32);
    const WD: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MON: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let wd = WD.get(days.rem_euclid(7) as usize)?;
    let mon = MON.get(mo as usize - 1)?;
    Some(format!("{wd}, {d:02} {mon} {y:04} {h:02}:{mi:02}:{s:02} GMT"))
}

fn civil(secs: u64) -> (i64, u32, u32, u64, u64, u64) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_instants_and_http_dates() {
        for (millis, inst, http) in [
            (0, "1970-01-01T00:00:00.000Z", "Thu, 01 Jan 1970 00:00:00 GMT"),
            (1_779_211_571_426, "2026-05-19T17:26:11.426Z", "Tue, 19 May 2026 17:26:11 GMT"),
            (951_782_400_000, "2000-02-29T00:00:00.000Z", "Tue, 29 Feb 2000 00:00:00 GMT"),
        ] {
            assert_eq!(instant(millis), inst);
            assert_eq!(http_date(inst).as_deref(), Some(http));
            assert_eq!(parse_instant(inst), Some(millis));
        }
        assert_eq!(http_date("not a date"), None);
        assert_eq!(http_date("2026-13-01T00:00:00Z"), None);
    }

    #[test]
    fn reads_instants_and_ticks_forward() {
        assert_eq!(parse_instant("2026-05-19T17:26:11Z"), Some(1_779_211_571_000));
        assert_eq!(parse_instant("2026-05-19T17:26:11.4+00:00"), Some(1_779_211_571_400));
        for bad in ["2026-05-19", "2026-05-19T17:26:11+01:00", "2026-05-19T25:00:00Z", "x"] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
        let ticks: Vec<u64> = (0..1000).map(|_| tick()).collect();
        assert!(ticks.windows(2).all(|w| w[0] < w[1]));
        let far = "2999-01-01T00:00:00.000Z";
        assert_eq!(after(Some(far)), "2999-01-01T00:00:00.001Z");
        assert!(parse_instant(&after(None)).is_some_and(|m| m >= now_millis() - 1000));
    }
}
