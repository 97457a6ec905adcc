//! The domains that keep the randomness of one format apart from every other's.

/// What a seed or tag is for. Its label starts the hashed message (see [`super::stream`]), so
/// the same input under two domains gives unrelated draws; the label's hash under each key is
/// computed once, in [`super::Keyed`], not per value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Domain {
    Card,
    Phone,
    Ssn,
    Iban,
    Ip,
    Mac,
    Bitcoin,
    Ethereum,
    Jwt,
    Date,
    Email,
    EmailHost,
    Generic,
}

impl Domain {
    pub(super) const ALL: [Domain; 13] = [
        Domain::Card,
        Domain::Phone,
        Domain::Ssn,
        Domain::Iban,
        Domain::Ip,
        Domain::Mac,
        Domain::Bitcoin,
        Domain::Ethereum,
        Domain::Jwt,
        Domain::Date,
        Domain::Email,
        Domain::EmailHost,
        Domain::Generic,
    ];

    /// The label hashed ahead of the input. Changing one changes every pseudonym of the format.
    pub(super) fn label(self) -> &'static str {
        match self {
            Domain::Card => "credit_card",
            Domain::Phone => "phone",
            Domain::Ssn => "us_ssn",
            Domain::Iban => "iban",
            Domain::Ip => "ip_address",
            Domain::Mac => "mac_address",
            Domain::Bitcoin => "bitcoin_address",
            Domain::Ethereum => "ethereum_address",
            Domain::Jwt => "jwt",
            Domain::Date => "date",
            Domain::Email => "email",
            Domain::EmailHost => "email-domain",
            Domain::Generic => "generic",
        }
    }

    /// Its place in [`Domain::ALL`].
    pub(super) fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_each_domain_at_its_index_with_a_distinct_label() {
        for (i, domain) in Domain::ALL.iter().enumerate() {
            assert_eq!(domain.index(), i);
            assert!(!domain.label().contains('\0'), "a label holds no 0 byte");
        }
        let mut labels: Vec<&str> = Domain::ALL.iter().map(|d| d.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), Domain::ALL.len());
    }
}
