//! Keyed, deterministic, format-preserving pseudonyms.
//!
//! # Keyed and deterministic
//! A pseudonym is a function of the key and the value only. Its randomness is a `Stream`
//! seeded with SipHash-2-4 under a subkey of the key over `"<format>" ‖ 0 ‖ value`, and the tag
//! that recognises it is a SipHash under a second subkey (see [`stream`] for why that is
//! sound): every worker with the same key gives the same answer, before and after a restart,
//! and another key gives an unrelated one. Seeds are per *format*, not per detector, and taken over the value's canonical form
//! (the digits of a card, the lower-cased address), so one person's data becomes the same
//! pseudonym wherever it appears in a request: in the query, found by a detector, or in a JSON
//! field named `email`.
//!
//! # Format-preserving
//! A shadow service must still accept the copy, so each pseudonym passes the validation its
//! input passed: Luhn for cards, mod-97 for IBANs, SSA rules for SSNs, NANP rules for phone
//! numbers, checksums for wallet addresses, a date in the same format. Each format module says
//! what it keeps. A value without its format's shape (a "card" that is `abc`) falls back to
//! the generic class-keeping mapping, never to a panic.
//!
//! # Recognising our own output
//! Redacting a copy that was already redacted must change nothing, so [`Keyed::pseudonymize`]
//! returns a value unchanged when [`Keyed::is_pseudonym`] recognises it. Any such map has its
//! whole image as fixed points: a *real* value that happens to lie in the image passes through
//! as it is. Each format chooses its image to make that rare or harmless:
//!
//! | format | image | real value taken for a pseudonym |
//! |---|---|---|
//! | e-mail | `<label>.example` (RFC 2606) | never |
//! | NANP phone | `NPA-555-01XX`, fictional | never; 71,200 pseudonyms |
//! | other phone | keyed tag of `min(6, max(free-2, free/2))` digits | 10^-5 to 10^-6 typical |
//! | IP | documentation ranges (RFC 5737, 3849) | never; 762 IPv4 pseudonyms |
//! | card | 6-digit tag (16 digits: 10^3 per BIN) | 10^-6 |
//! | SSN | group and serial are the tag (898 pseudonyms) | 10^-6 |
//! | IBAN | 6-digit tag in the BBAN | 10^-6 |
//! | MAC | locally administered + 16-bit tag | never (vendor MACs); 2^-16 |
//! | Bitcoin, Ethereum | 30-32-bit tag in the hash | 2^-30 |
//! | JWT | 64-bit tag in payload and signature | 2^-64 |
//! | date | one keyed date per decade and format | 1 birth date in ~3,650; harmless: it is every date's image |
//! | generic | tag of 4 letters or 6 digits (all of a shorter value) | 2·10^-6 to 10^-6 |
//!
//! More tag digits means fewer real values slip through but fewer pseudonyms (more
//! collisions between people). For formats with no reserved range the tag takes six decimal
//! digits where the value leaves at least two more for variety (at least 100 pseudonyms per
//! kept prefix): at 10^-4 per value, a real value passing through unchanged would be expected
//! in any sizeable sample of traffic.

mod card;
mod date;
mod digits;
mod domain;
mod email;
mod generic;
#[cfg(test)]
mod golden;
mod iban;
mod ip;
mod jwt;
mod mac;
mod personal;
mod phone;
mod secret;
mod sip;
mod ssn;
mod stream;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;
mod wallet;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::entity::Entity;
pub(crate) use domain::Domain;
use generic::Kept;
use secret::Token;
use stream::SipKey;
pub(crate) use stream::{Seed, Stream};

type HmacSha256 = Hmac<Sha256>;

/// The pseudonym key. Never logged, never printed: `Debug` shows only whether it was
/// configured.
///
/// Holds the HMAC state already keyed (for the `hash` operator) and the two SipHash keys
/// derived from it once, here, so that no pseudonym pays for a SHA-256 compression (see
/// [`stream`] for why SipHash is sound for them).
#[derive(Clone)]
pub struct Keyed {
    hmac: Option<HmacSha256>,
    /// The seed of each domain's randomness, its label already hashed, by [`Domain::index`].
    seeds: [Seed; Domain::ALL.len()],
    /// The same for the tags by which a pseudonym is recognised, under their own key.
    tags: [Seed; Domain::ALL.len()],
    configured: bool,
}

impl std::fmt::Debug for Keyed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyed")
            .field("configured", &self.configured)
            .finish_non_exhaustive()
    }
}

impl Keyed {
    /// A key from configuration: any length of secret material, stretched with SHA-256 so
    /// that every configured key gives a full-size HMAC key.
    pub fn from_secret(secret: &[u8]) -> Self {
        use sha2::Digest;
        Self::new(&Sha256::digest(secret), true)
    }

    /// A key drawn at random for this VM only.
    pub fn ephemeral(random: [u8; 32]) -> Self {
        Self::new(&random, false)
    }

    fn new(key: &[u8], configured: bool) -> Self {
        let unkeyed = |key| Domain::ALL.map(|domain| Seed::new(key, domain.label()));
        let mut keyed = Self {
            hmac: HmacSha256::new_from_slice(key).ok(),
            seeds: unkeyed(SipKey::from_bytes(&[0; 32])),
            tags: unkeyed(SipKey::from_bytes(&[0; 32])),
            configured,
        };
        // Independent subkeys: HMAC under distinct labels is a PRF, so knowing one (it never
        // leaves this struct anyway) tells nothing about the other or about the key.
        keyed.seeds = unkeyed(SipKey::from_bytes(&keyed.mac("subkey", b"pseudonym seeds")));
        keyed.tags = unkeyed(SipKey::from_bytes(&keyed.mac("subkey", b"pseudonym tags")));
        keyed
    }

    pub fn is_configured(&self) -> bool {
        self.configured
    }

    /// HMAC-SHA-256 of `value` under a domain label, so that the same input under two
    /// purposes gives unrelated outputs.
    fn mac(&self, domain: &str, value: &[u8]) -> [u8; 32] {
        // HMAC accepts keys of any length: `None` cannot happen, and an all-zero MAC would
        // only make pseudonyms unkeyed, never expose anything.
        let Some(mut mac) = self.hmac.clone() else {
            return [0; 32];
        };
        mac.update(domain.as_bytes());
        mac.update(&[0]);
        mac.update(value);
        mac.finalize().into_bytes().into()
    }

    /// The `hash` operator: keyed HMAC-SHA-256, lower-case hex, in its own domain so that a
    /// hash never equals any derived key.
    pub fn hash_hex(&self, value: &str) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(64);
        for b in self.mac("hash", value.as_bytes()) {
            for nibble in [b >> 4, b & 0x0f] {
                out.push(char::from(
                    HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'),
                ));
            }
        }
        out
    }

    /// The `pseudonymize` operator: a keyed, deterministic, format-preserving replacement
    /// for `value`, chosen by what `entity` says the value is (`None`: a custom detector).
    /// A value this key produced is returned unchanged, so redaction is idempotent.
    pub fn pseudonymize(&self, entity: Option<Entity>, value: &str) -> String {
        let mut out = String::with_capacity(value.len());
        self.pseudonymize_into(entity, value, &mut out);
        out
    }

    /// [`Keyed::pseudonymize`], appending to `out`; returns whether the value changed
    /// (`false`: it was already this key's pseudonym, and is appended as it is).
    pub fn pseudonymize_into(&self, entity: Option<Entity>, value: &str, out: &mut String) -> bool {
        let kind = Kind::of(entity);
        if let Kind::Shaped(format) = kind {
            let (lead, core, trail) = trimmed(value);
            let mark = out.len();
            out.push_str(lead);
            match format.apply(self, core, out) {
                Some(true) => {
                    out.truncate(mark);
                    out.push_str(value);
                    return false;
                }
                Some(false) => {
                    out.push_str(trail);
                    return true;
                }
                None => out.truncate(mark),
            }
        }
        if kind.recognises(self, value) {
            out.push_str(value);
            return false;
        }
        out.push_str(&kind.pseudonymize(self, value));
        true
    }

    /// Whether `value` is one of this key's pseudonyms for `entity` (or a value that is safe
    /// as it is, like an address in a documentation range). See the module documentation for
    /// how often a real value is taken for one.
    pub fn is_pseudonym(&self, entity: Option<Entity>, value: &str) -> bool {
        Kind::of(entity).recognises(self, value)
    }

    /// The seed of a pseudonym's randomness under `domain`; the format feeds it the value's
    /// canonical form.
    pub(crate) fn seed(&self, domain: Domain) -> Seed {
        Self::pick(&self.seeds, domain)
    }

    /// The seed of a tag under `domain`, under its own key: a tag is never a pseudonym's draw.
    pub(crate) fn tag(&self, domain: Domain) -> Seed {
        Self::pick(&self.tags, domain)
    }

    fn pick(seeds: &[Seed; Domain::ALL.len()], domain: Domain) -> Seed {
        // Every domain has its seed: the fallback is never taken.
        seeds
            .get(domain.index())
            .copied()
            .unwrap_or_else(|| Seed::new(SipKey::from_bytes(&[0; 32]), domain.label()))
    }

    /// A keyed random stream for `input` under `domain`.
    pub(crate) fn stream(&self, domain: Domain, input: &[u8]) -> Stream {
        self.seed(domain).bytes(input).stream()
    }

    /// A tag stream for `input` under `domain`.
    pub(crate) fn tag_stream(&self, domain: Domain, input: &[u8]) -> Stream {
        self.tag(domain).bytes(input).stream()
    }
}

/// A format whose values are parsed once, then either recognised as this key's pseudonym or
/// replaced by one: the path every detected value takes, so it allocates nothing but the text
/// it appends.
trait Parsed<'a>: Sized {
    /// `None` when `value` does not have the format's shape.
    fn parse(value: &'a str) -> Option<Self>;

    /// Whether the value is this key's pseudonym (or safe as it is).
    fn ours(&self, keyed: &Keyed) -> bool;

    /// Appends the pseudonym to `out`. Its own `ours` is true.
    fn write(&self, keyed: &Keyed, out: &mut String);
}

/// `Some(true)`: `value` is ours and `out` is untouched; `Some(false)`: its pseudonym was
/// appended to `out`; `None`: not this format's shape.
fn apply<'a, P: Parsed<'a>>(keyed: &Keyed, value: &'a str, out: &mut String) -> Option<bool> {
    let parsed = P::parse(value)?;
    if parsed.ours(keyed) {
        return Some(true);
    }
    parsed.write(keyed, out);
    Some(false)
}

fn make<'a, P: Parsed<'a>>(keyed: &Keyed, value: &'a str) -> Option<String> {
    let parsed = P::parse(value)?;
    let mut out = String::with_capacity(value.len());
    parsed.write(keyed, &mut out);
    Some(out)
}

fn check<'a, P: Parsed<'a>>(keyed: &Keyed, value: &'a str) -> Option<bool> {
    P::parse(value).map(|parsed| parsed.ours(keyed))
}

/// A structure a value can have, and that its pseudonym keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Email,
    Phone,
    Card,
    Ssn,
    Iban,
    Ip,
    Mac,
    Bitcoin,
    Ethereum,
    Jwt,
    Date,
}

impl Format {
    /// The pseudonym, or `None` when `value` does not have this format's shape. Whenever this
    /// is `Some(out)`, `check(out)` is `Some(true)`.
    fn make(self, keyed: &Keyed, value: &str) -> Option<String> {
        match self {
            Format::Email => make::<email::Address>(keyed, value),
            Format::Phone => make::<phone::Phone>(keyed, value),
            Format::Card => make::<card::Card>(keyed, value),
            Format::Ssn => make::<ssn::Ssn>(keyed, value),
            Format::Iban => make::<iban::Iban>(keyed, value),
            Format::Ip => make::<ip::Ip>(keyed, value),
            Format::Mac => make::<mac::Mac>(keyed, value),
            Format::Bitcoin => wallet::pseudonymize_bitcoin(keyed, value),
            Format::Ethereum => wallet::ethereum::pseudonymize(keyed, value),
            Format::Jwt => jwt::pseudonymize(keyed, value),
            Format::Date => date::pseudonymize(keyed, value),
        }
    }

    /// Whether `value` is this key's pseudonym, or `None` when it does not have this
    /// format's shape (exactly when [`Format::make`] gives `None`).
    fn check(self, keyed: &Keyed, value: &str) -> Option<bool> {
        match self {
            Format::Email => check::<email::Address>(keyed, value),
            Format::Phone => check::<phone::Phone>(keyed, value),
            Format::Card => check::<card::Card>(keyed, value),
            Format::Ssn => check::<ssn::Ssn>(keyed, value),
            Format::Iban => check::<iban::Iban>(keyed, value),
            Format::Ip => check::<ip::Ip>(keyed, value),
            Format::Mac => check::<mac::Mac>(keyed, value),
            Format::Bitcoin => wallet::recognises_bitcoin(keyed, value),
            Format::Ethereum => wallet::ethereum::recognises(keyed, value),
            Format::Jwt => jwt::recognises(keyed, value),
            Format::Date => date::recognises(keyed, value),
        }
    }

    /// [`apply`] for this format: parse once, recognise or replace.
    fn apply(self, keyed: &Keyed, value: &str, out: &mut String) -> Option<bool> {
        match self {
            Format::Email => apply::<email::Address>(keyed, value, out),
            Format::Card => apply::<card::Card>(keyed, value, out),
            Format::Phone => apply::<phone::Phone>(keyed, value, out),
            Format::Ssn => apply::<ssn::Ssn>(keyed, value, out),
            Format::Ip => apply::<ip::Ip>(keyed, value, out),
            Format::Iban => apply::<iban::Iban>(keyed, value, out),
            Format::Mac => apply::<mac::Mac>(keyed, value, out),
            _ => {
                if self.check(keyed, value)? {
                    return Some(true);
                }
                out.push_str(&self.make(keyed, value)?);
                Some(false)
            }
        }
    }

    /// The format's pseudonym, or the generic one for a value without the format's shape.
    fn pseudonymize(self, keyed: &Keyed, value: &str) -> String {
        if let Some(out) = self.make(keyed, value) {
            return out;
        }
        let mapped = generic::pseudonymize(keyed, value, &Kept::none());
        // Shapes that depend on values (an octet up to 255, a Base58 length) can appear in the
        // mapped text when they were not in the input; it must then be this format's
        // pseudonym, or `recognises` would not take it for one.
        self.make(keyed, &mapped).unwrap_or(mapped)
    }

    fn recognises(self, keyed: &Keyed, value: &str) -> bool {
        self.check(keyed, value)
            .unwrap_or_else(|| generic::recognises(keyed, value, &Kept::none()))
    }
}

/// How the values of one entity are pseudonymized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Shaped(Format),
    Token(Token),
    PrivateKey,
    Credential,
    Userinfo,
    Secret,
    Personal,
    Generic,
}

impl Kind {
    fn of(entity: Option<Entity>) -> Self {
        let Some(entity) = entity else {
            return Kind::Generic;
        };
        match entity {
            Entity::Email => Kind::Shaped(Format::Email),
            Entity::Phone => Kind::Shaped(Format::Phone),
            Entity::CreditCard => Kind::Shaped(Format::Card),
            Entity::UsSsn => Kind::Shaped(Format::Ssn),
            Entity::Iban => Kind::Shaped(Format::Iban),
            Entity::IpAddress => Kind::Shaped(Format::Ip),
            Entity::MacAddress => Kind::Shaped(Format::Mac),
            Entity::BitcoinAddress => Kind::Shaped(Format::Bitcoin),
            Entity::EthereumAddress => Kind::Shaped(Format::Ethereum),
            Entity::Jwt => Kind::Shaped(Format::Jwt),
            Entity::AwsAccessKey => Kind::Token(Token::Aws),
            Entity::GithubToken => Kind::Token(Token::Github),
            Entity::StripeKey => Kind::Token(Token::Stripe),
            Entity::SlackToken => Kind::Token(Token::Slack),
            Entity::GoogleApiKey => Kind::Token(Token::Google),
            Entity::PrivateKey => Kind::PrivateKey,
            Entity::AuthCredential => Kind::Credential,
            Entity::UrlUserinfo => Kind::Userinfo,
            Entity::SecretField => Kind::Secret,
            Entity::PersonalField => Kind::Personal,
        }
    }

    fn pseudonymize(self, keyed: &Keyed, value: &str) -> String {
        let (lead, core, trail) = trimmed(value);
        let out = match self {
            Kind::Shaped(format) => format.pseudonymize(keyed, core),
            Kind::Token(token) => secret::token(keyed, token, core),
            Kind::PrivateKey => return secret::private_key(keyed, value),
            Kind::Credential => secret::credential(keyed, core),
            Kind::Userinfo => secret::userinfo(keyed, core),
            Kind::Secret => secret::secret(keyed, core),
            Kind::Personal => personal::pseudonymize(keyed, core),
            Kind::Generic => generic::pseudonymize(keyed, core, &Kept::none()),
        };
        format!("{lead}{out}{trail}")
    }

    fn recognises(self, keyed: &Keyed, value: &str) -> bool {
        let (_, core, _) = trimmed(value);
        match self {
            Kind::Shaped(format) => format.recognises(keyed, core),
            Kind::Token(token) => secret::is_token(keyed, token, core),
            Kind::PrivateKey => secret::is_private_key(keyed, value),
            Kind::Credential => secret::is_credential(keyed, core),
            Kind::Userinfo => secret::is_userinfo(keyed, core),
            Kind::Secret => secret::is_secret(keyed, core),
            Kind::Personal => personal::recognises(keyed, core),
            Kind::Generic => generic::recognises(keyed, core, &Kept::none()),
        }
    }
}

/// Appends ASCII bytes (every format writes its pseudonym into a stack buffer first, then
/// appends it at once instead of a character at a time).
fn push_ascii(out: &mut String, bytes: &[u8]) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        out.push_str(text);
    }
}

/// Appends the ASCII text `bytes` with every byte through `map` (which keeps ASCII ASCII), a
/// stack buffer at a time: the formats that keep a value's layout rewrite it this way.
fn push_mapped(out: &mut String, bytes: &[u8], mut map: impl FnMut(u8) -> u8) {
    for chunk in bytes.chunks(32) {
        let mut buf = [0u8; 32];
        for (b, &c) in buf.iter_mut().zip(chunk) {
            *b = map(c);
        }
        push_ascii(out, buf.get(..chunk.len()).unwrap_or(&[]));
    }
}

/// Surrounding whitespace, which a pseudonym keeps as it is: a field value of
/// `" alice@example.org "` is still an address.
fn trimmed(value: &str) -> (&str, &str, &str) {
    // Most values are detector matches, which start and end with a visible ASCII character:
    // no Unicode whitespace search for them.
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    let bytes = value.as_bytes();
    if visible(bytes.first()) && visible(bytes.last()) {
        return ("", value, "");
    }
    let start = value.len() - value.trim_start().len();
    let end = value.trim_end().len().max(start);
    match (value.get(..start), value.get(start..end), value.get(end..)) {
        (Some(lead), Some(core), Some(trail)) => (lead, core, trail),
        _ => ("", value, ""),
    }
}
