//! Whether a JSON number fits in a double, read from its digits. `text.parse::<f64>()` gives the
//! same answer but links core's float parser and its 10 KB table of powers of five into the Wasm,
//! where nothing else needs them.

/// The least value that rounds to infinity: 2^1024 - 2^970 (halfway between `f64::MAX` and
/// 2^1024, which rounds to even, 2^1024), written as 0.DIGITS × 10^309.
const OVERFLOW: &[u8] = b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Whether the JSON number `text` (`-?int(.frac)?([eE][+-]?digits)?`) parses to a finite
/// double, as `text.parse::<f64>().is_ok_and(f64::is_finite)`. Anything else is not finite
/// (the float parser would also take `1.`, `.5` and `inf`; JSON has none of them).
pub(crate) fn is_finite_f64(text: &str) -> bool {
    let t = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (t.get(..i).unwrap_or_default(), t.get(i + 1..).unwrap_or_default()),
        None => (t, "0"),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exp_digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !all_digits(int) || !all_digits(frac) || exp_digits.is_empty() || !all_digits(exp_digits) {
        return false;
    }
    // The significant digits and the power of ten of 0.DIGITS.
    let int_sig = int.trim_start_matches('0');
    let (digits, mut power): (Vec<u8>, i64) = if int_sig.is_empty() {
        let frac_sig = frac.trim_start_matches('0');
        (frac_sig.bytes().collect(), -((frac.len() - frac_sig.len()) as i64))
    } else {
        (int_sig.bytes().chain(frac.bytes()).collect(), int_sig.len() as i64)
    };
    let digits = digits.strip_suffix_zeros();
    if digits.is_empty() {
        return true;
    }
    // Exponents past a billion settle the answer whatever the digits; stop reading there.
    let e = exp_digits.bytes().try_fold(0i64, |n, b| {
        let n = n * 10 + i64::from(b - b'0');
        (n < 1_000_000_000).then_some(n)
    });
    let negative = exp.starts_with('-');
    match e {
        None => return negative,
        Some(e) => power += if negative { -e } else { e },
    }
    match power.cmp(&309) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        // Same power: compare the digits as fractions (the shorter padded with zeros).
        std::cmp::Ordering::Equal => digits < OVERFLOW,
    }
}

trait StripZeros {
    fn strip_suffix_zeros(&self) -> &[u8];
}

impl StripZeros for Vec<u8> {
    fn strip_suffix_zeros(&self) -> &[u8] {
        let end = self.iter().rposition(|&b| b != b'0').map_or(0, |i| i + 1);
        self.get(..end).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::is_finite_f64;

    fn check(text: &str) {
        assert_eq!(is_finite_f64(text), text.parse::<f64>().is_ok_and(f64::is_finite), "{text}");
    }

    #[test]
    fn agrees_with_the_float_parser() {
        for text in [
            "0", "-0", "0.0", "0e999999999999999999", "1", "-1.5", "1e308", "1e309", "-1e309", "1.7976931348623157e308",
            "1.7976931348623158e308", "1.7976931348623159e308", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792.0000",
            "17976931348623158079372897140530341507993413271003782693617377898044496829276475094664901797758720709633028641669288791094655554785194040263065748867150582068190890200070838367627385484581771153176447573027006985557136695962284291481986083493647529271907416844436551070434271155969950809304288017790417449779e1",
            "0.0000179769313486231580793728971405303415079934e313", "0.0000179769313486231580793728971405303415079935e313",
            "1e-400", "1e-99999999999999999999", "1e99999999999999999999", "000.000", "1E+308", "1e+309", "12.5e-3",
            "", "-", "1e", "1e+", "abc", "1x", "--1", "1.2.3", "inf", "NaN", "-infinity",
        ] {
            check(text);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn agrees_near_the_limit(int in "[0-9]{1,4}", frac in "[0-9]{0,20}", exp in -330i32..330) {
            check(&format!("{int}.{frac}e{exp}").replace(".e", "e"));
            check(&format!("1.797693134862315{frac}e308"));
        }
    }
}
