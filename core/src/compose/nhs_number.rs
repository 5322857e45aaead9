//! NHS numbers: 10 digits, the last a Modulus-11 check digit (NHS Data Dictionary). The one
//! Modulus-11 implementation: the validator (`fhir::systems::check_nhs_number`) and the
//! report reader call it too.

/// Why a string is not a valid NHS number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NhsNumberError {
    /// Not 10 digits once spaces and hyphens are removed.
    NotTenDigits,
    /// The first nine digits give a check value of 10, which no NHS number has.
    NoCheckDigit,
    /// The tenth digit is not the check digit the first nine give.
    CheckDigit { expected: u8, found: u8 },
}

/// The digits of an NHS number as written (`943 476 5919`, `943-476-5919`), if it is valid.
pub fn parse(s: &str) -> Result<String, NhsNumberError> {
    let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    check_digits(digits.as_bytes())?;
    Ok(digits)
}

/// The Modulus-11 check of exactly ten ASCII digits, with no allocation (the validator calls it
/// for every NHS number in a bundle).
pub fn check_digits(b: &[u8]) -> Result<(), NhsNumberError> {
    if b.len() != 10 || !b.iter().all(u8::is_ascii_digit) {
        return Err(NhsNumberError::NotTenDigits);
    }
    let value = |i: usize| b.get(i).map_or(0, |c| u32::from(c - b'0'));
    let sum: u32 = (0..9).map(|i| value(i) * (10 - i as u32)).sum();
    let expected = match 11 - sum % 11 {
        11 => 0,
        10 => return Err(NhsNumberError::NoCheckDigit),
        c => c,
    };
    let found = value(9);
    if expected != found {
        return Err(NhsNumberError::CheckDigit { expected: expected as u8, found: found as u8 });
    }
    Ok(())
}

pub fn is_valid(s: &str) -> bool {
    parse(s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modulus_11() {
        for (s, want) in [
            ("9434765919", Ok("9434765919".to_owned())),
            ("943 476 5919", Ok("9434765919".to_owned())),
            ("943-476-5919", Ok("9434765919".to_owned())),
            ("9449307946", Ok("9449307946".to_owned())),
            ("9434765918", Err(NhsNumberError::CheckDigit { expected: 9, found: 8 })),
            ("943476591", Err(NhsNumberError::NotTenDigits)),
            ("94347659190", Err(NhsNumberError::NotTenDigits)),
            ("943476591x", Err(NhsNumberError::NotTenDigits)),
            ("９４３４７６５９１９", Err(NhsNumberError::NotTenDigits)),
            ("", Err(NhsNumberError::NotTenDigits)),
            ("0000000010", Err(NhsNumberError::CheckDigit { expected: 9, found: 0 })),
            ("1000000010", Err(NhsNumberError::NoCheckDigit)),
        ] {
            assert_eq!(parse(s), want, "{s}");
        }
        assert!(is_valid("9449307539") && !is_valid("9449307538"));
    }
}
