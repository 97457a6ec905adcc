//! US Social Security numbers: same delimiters, and valid by the SSA's rules (area not 000,
//! 666 or 9xx; group not 00; serial not 0000).
//!
//! The area is keyed random; group and serial are the keyed tag over it. That gives 898
//! pseudonyms, and a real SSN is taken for one of ours with probability 1/989,901: SSNs are
//! too sensitive to trade a higher leak rate for a larger image.

use super::digits::DigitLayout;
use super::{Domain, Keyed, Parsed};

const SEPARATORS: [char; 3] = ['-', ' ', '.'];

pub(super) fn parse(value: &str) -> Option<DigitLayout<'_>> {
    let layout = DigitLayout::parse(value, &SEPARATORS, 9..=9)?;
    (layout.starts_with_digit() && layout.ends_with_digit()).then_some(layout)
}

/// `AAA-GG-SSSS` exactly: what a personal field holding an SSN looks like.
pub(super) fn is_dashed(value: &str) -> bool {
    value.len() == 11
        && value.char_indices().all(|(i, c)| {
            if i == 3 || i == 6 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Group and serial: the tag over the area's digits.
fn tag(keyed: &Keyed, area: &[u8]) -> [u8; 6] {
    let mut stream = keyed.tag(Domain::Ssn).digits(area).stream();
    let (group, serial) = (stream.within(1..=99), stream.within(1..=9999));
    let mut out = [0u8; 6];
    split_number(group, &mut out[..2]);
    split_number(serial, &mut out[2..]);
    out
}

/// The decimal digits of `n`, right-aligned in `out`.
fn split_number(n: u32, out: &mut [u8]) {
    let mut n = n;
    for d in out.iter_mut().rev() {
        *d = u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
    }
}

/// An SSN as written.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ssn<'a>(DigitLayout<'a>);

impl<'a> Parsed<'a> for Ssn<'a> {
    fn parse(value: &'a str) -> Option<Self> {
        parse(value).map(Ssn)
    }

    fn ours(&self, keyed: &Keyed) -> bool {
        let d = self.0.digits();
        match (d.get(..3), d.get(3..)) {
            (Some(area), Some(found)) => tag(keyed, area) == found,
            _ => false,
        }
    }

    fn write(&self, keyed: &Keyed, out: &mut String) {
        let mut stream = keyed.seed(Domain::Ssn).digits(self.0.digits()).stream();
        // 001..=899 without 666.
        let mut area = stream.within(1..=898);
        if area >= 666 {
            area += 1;
        }
        let mut new = [0u8; 9];
        split_number(area, &mut new[..3]);
        let group_serial = tag(keyed, &new[..3]);
        new[3..].copy_from_slice(&group_serial);
        self.0.render_into(&new, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::testkit::keyed;
    use crate::redact::pseudonym::{check, make};
    use proptest::prelude::*;

    fn pseudonymize(keyed: &Keyed, value: &str) -> Option<String> {
        make::<Ssn>(keyed, value)
    }

    fn recognises(keyed: &Keyed, value: &str) -> Option<bool> {
        check::<Ssn>(keyed, value)
    }

    /// The SSA rules, written independently of the generator.
    fn valid_ssn(s: &str) -> bool {
        let d: String = s.chars().filter(char::is_ascii_digit).collect();
        if d.len() != 9 {
            return false;
        }
        let area: u32 = d[..3].parse().unwrap();
        let group: u32 = d[3..5].parse().unwrap();
        let serial: u32 = d[5..].parse().unwrap();
        area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }

    #[test]
    fn table() {
        let k = keyed();
        for input in [
            "123-45-6789",
            "123 45 6789",
            "123456789",
            "078-05-1120",
            "900-00-0000",
        ] {
            let out = pseudonymize(&k, input).unwrap();
            assert!(valid_ssn(&out), "{input} -> {out}");
            let layout: String = out
                .chars()
                .map(|c| if c.is_ascii_digit() { '9' } else { c })
                .collect();
            let expected: String = input
                .chars()
                .map(|c| if c.is_ascii_digit() { '9' } else { c })
                .collect();
            assert_eq!(layout, expected);
            assert_eq!(recognises(&k, &out), Some(true));
            assert_eq!(recognises(&k, input), Some(false));
        }
        assert!(is_dashed("123-45-6789"));
        assert!(!is_dashed("123456789"));
        assert!(!is_dashed("123-456-789"));
        assert_eq!(
            pseudonymize(&k, "12-345-678"),
            pseudonymize(&k, "12-345-678")
        );
        assert_eq!(pseudonymize(&k, "abc"), None);
    }

    proptest! {
        #[test]
        fn always_valid(n in 0u32..1_000_000_000) {
            let k = keyed();
            let input = format!("{:03}-{:02}-{:04}", n / 1_000_000, (n / 10_000) % 100, n % 10_000);
            let out = pseudonymize(&k, &input).unwrap();
            prop_assert!(valid_ssn(&out));
            prop_assert!(is_dashed(&out));
            prop_assert_eq!(recognises(&k, &out), Some(true));
        }
    }
}
