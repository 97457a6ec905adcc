//! The Luhn (mod 10) checksum of payment card numbers, shared by the card detector (is this a
//! card?) and the card pseudonym (make the replacement a card too).

/// The Luhn sum of `digits` (values 0 to 9, most significant first): every second digit
/// from the right is doubled, starting with the rightmost one when `double_rightmost`.
fn sum(digits: &[u8], double_rightmost: bool) -> u32 {
    let first_doubled = usize::from(!double_rightmost);
    digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d % 10);
            if i % 2 == first_doubled {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum()
}

/// Whether a full number (check digit last) passes the check; an empty one does not.
pub(crate) fn is_valid(digits: &[u8]) -> bool {
    !digits.is_empty() && sum(digits, false) % 10 == 0
}

/// The digit that makes `body` followed by it pass the check.
pub(crate) fn check_digit(body: &[u8]) -> u8 {
    u8::try_from((10 - sum(body, true) % 10) % 10).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> Vec<u8> {
        s.bytes().map(|b| b - b'0').collect()
    }

    #[test]
    fn known_numbers() {
        assert!(is_valid(&digits("4111111111111111")));
        assert!(is_valid(&digits("79927398713")));
        assert!(!is_valid(&digits("4111111111111112")));
        assert_eq!(check_digit(&digits("7992739871")), 3);
        assert_eq!(check_digit(&digits("411111111111111")), 1);
    }

    #[test]
    fn a_body_with_its_check_digit_is_valid() {
        for body in ["", "0", "12345", "37828224631000", "601100099013942"] {
            let mut d = digits(body);
            d.push(check_digit(&d));
            assert!(is_valid(&d), "{body}");
        }
    }
}
