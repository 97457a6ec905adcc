//! The kinds of sensitive value the engine knows, shared by detectors, operators, config and
//! metrics so that one name means the same thing everywhere.

use serde::{Deserialize, Serialize};

/// A kind of personal data or secret. The camelCase name is the key used in the
/// `redaction.detectors` config map and in mask labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Entity {
    Email,
    Phone,
    CreditCard,
    UsSsn,
    Iban,
    IpAddress,
    MacAddress,
    Jwt,
    /// `Bearer …` / `Basic …` credentials, in `authorization` headers or in text.
    AuthCredential,
    AwsAccessKey,
    GithubToken,
    StripeKey,
    SlackToken,
    GoogleApiKey,
    PrivateKey,
    /// `user:pass@` inside a URL.
    UrlUserinfo,
    BitcoinAddress,
    EthereumAddress,
    /// A value under a key naming personal data (name, address, date of birth, national id).
    PersonalField,
    /// A value under a key naming a secret (password, token, API key, CVV, PIN).
    SecretField,
}

impl Entity {
    pub const ALL: [Entity; 20] = [
        Entity::Email,
        Entity::Phone,
        Entity::CreditCard,
        Entity::UsSsn,
        Entity::Iban,
        Entity::IpAddress,
        Entity::MacAddress,
        Entity::Jwt,
        Entity::AuthCredential,
        Entity::AwsAccessKey,
        Entity::GithubToken,
        Entity::StripeKey,
        Entity::SlackToken,
        Entity::GoogleApiKey,
        Entity::PrivateKey,
        Entity::UrlUserinfo,
        Entity::BitcoinAddress,
        Entity::EthereumAddress,
        Entity::PersonalField,
        Entity::SecretField,
    ];

    /// The snake_case name used in metric names.
    pub fn metric_name(self) -> &'static str {
        match self {
            Entity::Email => "email",
            Entity::Phone => "phone",
            Entity::CreditCard => "credit_card",
            Entity::UsSsn => "us_ssn",
            Entity::Iban => "iban",
            Entity::IpAddress => "ip_address",
            Entity::MacAddress => "mac_address",
            Entity::Jwt => "jwt",
            Entity::AuthCredential => "auth_credential",
            Entity::AwsAccessKey => "aws_access_key",
            Entity::GithubToken => "github_token",
            Entity::StripeKey => "stripe_key",
            Entity::SlackToken => "slack_token",
            Entity::GoogleApiKey => "google_api_key",
            Entity::PrivateKey => "private_key",
            Entity::UrlUserinfo => "url_userinfo",
            Entity::BitcoinAddress => "bitcoin_address",
            Entity::EthereumAddress => "ethereum_address",
            Entity::PersonalField => "personal_field",
            Entity::SecretField => "secret_field",
        }
    }

    /// The default mask label, e.g. `[EMAIL]`.
    pub fn label(self) -> String {
        format!("[{}]", self.metric_name().to_ascii_uppercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_entity_once_with_distinct_names() {
        let mut names: Vec<_> = Entity::ALL.iter().map(|e| e.metric_name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Entity::ALL.len());
    }

    #[test]
    fn config_names_are_camel_case() {
        assert_eq!(
            serde_json::to_string(&Entity::CreditCard).unwrap(),
            "\"creditCard\""
        );
        assert_eq!(serde_json::to_string(&Entity::UsSsn).unwrap(), "\"usSsn\"");
    }
}
