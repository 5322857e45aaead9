//! FHIR `date`/`dateTime`/`instant` values, compared the FHIRPath way.
//!
//! Workflow rules compare `lastModified` with `authoredOn` and with the stored version. FHIR
//! allows partial dates (`2023-08`), so two values may be incomparable: FHIRPath then answers
//! "empty" rather than true or false, and the rules stay silent. Times with an offset are
//! compared as instants; a value without a time is compared on its written date.

use std::cmp::Ordering;

/// How much of a value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Precision {
    Year,
    Month,
    Day,
    Time,
}

/// A parsed FHIR date or dateTime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FhirTime {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    precision: Precision,
    /// Offset from UTC in minutes, when a time is written with `Z` or `±hh:mm`.
    offset: Option<i64>,
}

impl FhirTime {
    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]`.
    pub fn parse(s: &str) -> Option<FhirTime> {
        let b = s.as_bytes();
        let mut t = FhirTime {
            year: num(b, 0, 4)?,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
            nanos: 0,
            precision: Precision::Year,
            offset: None,
        };
        if b.len() == 4 {
            return Some(t);
        }
        expect(b, 4, b'-')?;
        t.month = u32::try_from(num(b, 5, 2)?).ok().filter(|m| (1..=12).contains(m))?;
        t.precision = Precision::Month;
        if b.len() == 7 {
            return Some(t);
        }
        expect(b, 7, b'-')?;
        t.day = u32::try_from(num(b, 8, 2)?).ok().filter(|d| *d >= 1 && *d <= days_in_month(t.year, t.month))?;
        t.precision = Precision::Day;
        if b.len() == 10 {
            return Some(t);
        }
        expect(b, 10, b'T')?;
        t.hour = u32::try_from(num(b, 11, 2)?).ok().filter(|h| *h < 24)?;
        expect(b, 13, b':')?;
        t.minute = u32::try_from(num(b, 14, 2)?).ok().filter(|m| *m < 60)?;
        expect(b, 16, b':')?;
        t.second = u32::try_from(num(b, 17, 2)?).ok().filter(|s| *s <= 60)?;
        t.precision = Precision::Time;
        let mut i = 19;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            let mut scale = 100_000_000u32;
            while let Some(d) = b.get(i).filter(|c| c.is_ascii_digit()) {
                t.nanos += u32::from(d - b'0') * scale;
                scale /= 10;
                i += 1;
            }
            if i == start {
                return None;
            }
        }
        match b.get(i) {
            None => {}
            Some(b'Z') if b.len() == i + 1 => t.offset = Some(0),
            Some(&sign @ (b'+' | b'-')) if b.len() == i + 6 => {
                let h = num(b, i + 1, 2).filter(|h| *h <= 14)?;
                expect(b, i + 3, b':')?;
                let m = num(b, i + 4, 2).filter(|m| *m < 60)?;
                let off = h * 60 + m;
                t.offset = Some(if sign == b'-' { -off } else { off });
            }
            _ => return None,
        }
        Some(t)
    }

    /// Components down to `p`, on the written (local) clock.
    fn local(&self, p: Precision) -> [i64; 7] {
        let mut v = [self.year, 0, 0, 0, 0, 0, 0];
        if p >= Precision::Month {
            v[1] = i64::from(self.month);
        }
        if p >= Precision::Day {
            v[2] = i64::from(self.day);
        }
        if p >= Precision::Time {
            v[3] = i64::from(self.hour);
            v[4] = i64::from(self.minute);
            v[5] = i64::from(self.second);
            v[6] = i64::from(self.nanos);
        }
        v
    }

    fn instant(&self, offset: i64) -> (i64, u32) {
        let days = days_from_civil(self.year, self.month, self.day);
        let secs = days * 86_400 + i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second)
            - offset * 60;
        (secs, self.nanos)
    }
}

/// Compares two FHIR times; `None` when either is unreadable or they are equal only up to the
/// shorter precision (FHIRPath's empty result).
pub fn compare_datetimes(a: &str, b: &str) -> Option<Ordering> {
    let (a, b) = (FhirTime::parse(a)?, FhirTime::parse(b)?);
    if let (Precision::Time, Precision::Time, Some(oa), Some(ob)) = (a.precision, b.precision, a.offset, b.offset) {
        return Some(a.instant(oa).cmp(&b.instant(ob)));
    }
    let p = a.precision.min(b.precision);
    match a.local(p).cmp(&b.local(p)) {
        Ordering::Equal if a.precision != b.precision => None,
        o => Some(o),
    }
}

fn num(b: &[u8], at: usize, len: usize) -> Option<i64> {
    let digits = b.get(at..at + len)?;
    let mut v = 0i64;
    for d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(d - b'0');
    }
    Some(v)
}

fn expect(b: &[u8], at: usize, c: u8) -> Option<()> {
    (b.get(at) == Some(&c)).then_some(())
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: &str, b: &str, expected: Option<Ordering>) {
        assert_eq!(compare_datetimes(a, b), expected, "{a} vs {b}");
    }

    #[test]
    fn comparisons() {
        use Ordering::*;
        check("2023-08-05", "2023-08-08", Some(Less));
        check("2023-08-08T10:00:00Z", "2023-08-08T10:00:00Z", Some(Equal));
        check("2023-08-08T10:00:00+01:00", "2023-08-08T09:30:00Z", Some(Less));
        check("2023-08-08T10:00:00.5Z", "2023-08-08T10:00:00.25Z", Some(Greater));
        check("2023-09-08", "2023-09-09T15:43:00Z", Some(Less));
        check("2023-09-09", "2023-09-09T15:43:00Z", None);
        check("2023", "2023-01", None);
        check("2024", "2023-12-31", Some(Greater));
        check("2023-12-31T23:30:00-01:00", "2024-01-01T00:10:00Z", Some(Greater));
        check("2024-02-29", "2024-03-01", Some(Less));
    }

    #[test]
    fn unreadable_values_compare_as_none() {
        for bad in [
            "",
            "23",
            "2023-13",
            "2023-02-30",
            "2023-08-08T25:00:00Z",
            "2023-08-08T10:00",
            "2023-08-08T10:00:00.Z",
            "2023-08-08T10:00:00+1:00",
            "2023-08-08 10:00:00Z",
            "2023-08-08T10:00:00Zx",
            "２０２３",
        ] {
            assert_eq!(FhirTime::parse(bad), None, "{bad:?}");
            assert_eq!(compare_datetimes(bad, "2023"), None);
        }
        assert!(FhirTime::parse("2023-08-08T10:00:00.123456789123+14:00").is_some());
        assert!(FhirTime::parse("2023-08-08T10:00:00").is_some(), "a missing offset is tolerated");
    }
}
