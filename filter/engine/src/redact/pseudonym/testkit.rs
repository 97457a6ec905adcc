//! Helpers shared by the format tests.

use super::Keyed;

/// The key every format test uses; tests of key sensitivity make their own second key.
pub(super) fn keyed() -> Keyed {
    Keyed::from_secret(b"pseudonym test key material")
}

/// A value's layout as validation sees it: ASCII digits as `9`, lower-case letters as `a`,
/// upper-case as `A`, everything else as it is.
pub(super) fn classes(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => '9',
            'a'..='z' => 'a',
            'A'..='Z' => 'A',
            other => other,
        })
        .collect()
}
