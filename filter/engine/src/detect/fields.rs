//! Personal and secret fields recognised by their key: JSON member names, form fields,
//! query parameters, cookie names.
//!
//! Keys are normalised first (ASCII lower case; `_`, `-`, `.` and spaces dropped), so
//! `first_name`, `firstName`, `First-Name` and `first.name` are one key, `firstname`. Built-in
//! terms then match in one of three ways:
//!
//! * **contains**, for words distinctive enough to be safe inside longer keys
//!   (`password` in `newPasswordConfirm`, `firstname` in `billing_first_name`);
//! * **suffix**, for words that are safe only at the end (`token` in `access_token` but not
//!   `token_type`; `ssn` in `customerSsn`);
//! * **exact**, for short or ambiguous words (`name`, `pin`, `zip`, `dob`, `address`).
//!
//! Decisions worth knowing (all overridable with `redaction.fields`):
//!
//! * `name` alone is personal: in request bodies it most often is a person's name. The
//!   exception is a `name` member of an object that stands for a thing (an element of
//!   `items`, `line_items` or `products`, a `product`, `category`, `library`, `app`, `plan`...,
//!   see [`THING_CONTAINERS`]): product names are everywhere in shop traffic, and altering
//!   every one of them would make the copy useless. `file_name`, `host_name`, `product_name`
//!   and other `*_name` keys are not personal; `user_name`, `display_name`, `nickname` are.
//!   The parts of an object that is itself a name (`"name": {"first": …, "last": …}`, or
//!   FHIR's `family` and `given`) are personal too.
//! * Address lines are personal under their common schema names too: `line1` and `line2`
//!   (Stripe and others), `address1`/`address2` (Shopify and others), `street1`/`street2`.
//! * `pin_code` is a secret (masked): it is a PIN at least as often as an Indian postal code,
//!   and masking is the safer mistake.
//! * `email`, `phone`, `ip_address`, `mac_address`, `email_address` are not fields: their
//!   values are found (and validated) by the detectors, wherever they appear.
//! * `token_type`, `expires_in`, `order_id` and pagination cursors (`next_page_token`) are
//!   not secrets: masking them would break the mirrored copy for nothing.
//!
//! `redaction.fields.personal`, `.secret` and `.ignore` list exact (normalised) keys; an
//! ignored key is never classified, a listed one always is, whatever the built-in terms say
//! (and whatever object it sits in).
//!
//! Separately from classification, [`FieldClassifier::names_identifier`] recognises keys of
//! identifiers (`id`, `order_id`, `userIds`, `gtin`, `tracking_number`...): a value under
//! such a key that is only digits is an identifier, not a phone number, whatever its digits
//! happen to look like (see `Redactor::field_in`).

mod memo;

use std::collections::BTreeMap;

use super::pairs::Pairs;
use crate::config::RedactionConfig;
use crate::entity::Entity;
use crate::error::ConfigError;
use memo::Memo;

/// Whether a key names personal data or a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FieldClass {
    /// Pseudonymized by default.
    Personal,
    /// Masked by default.
    Secret,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Contains,
    Suffix,
    Exact,
}

use Anchor::{Contains, Exact, Suffix};
use FieldClass::{Personal, Secret};

const TERMS: &[(&str, FieldClass, Anchor)] = &[
    // Names.
    ("name", Personal, Exact),
    ("fname", Personal, Exact),
    ("lname", Personal, Exact),
    ("firstname", Personal, Contains),
    ("lastname", Personal, Contains),
    ("fullname", Personal, Contains),
    ("middlename", Personal, Contains),
    ("surname", Personal, Contains),
    ("givenname", Personal, Contains),
    ("familyname", Personal, Contains),
    ("maidenname", Personal, Contains),
    ("forename", Personal, Contains),
    ("nickname", Personal, Contains),
    ("displayname", Personal, Contains),
    ("username", Personal, Contains),
    ("legalname", Personal, Contains),
    ("realname", Personal, Contains),
    ("personname", Personal, Contains),
    ("customername", Personal, Contains),
    ("contactname", Personal, Contains),
    ("recipientname", Personal, Contains),
    ("sendername", Personal, Contains),
    ("patientname", Personal, Contains),
    ("cardholder", Personal, Contains),
    ("accountholder", Personal, Contains),
    ("holdername", Personal, Contains),
    ("beneficiaryname", Personal, Contains),
    ("payeename", Personal, Contains),
    ("payername", Personal, Contains),
    ("ownername", Personal, Contains),
    ("billingname", Personal, Contains),
    ("shippingname", Personal, Contains),
    // Dates and places of birth.
    ("birth", Personal, Contains),
    ("dob", Personal, Suffix),
    // Addresses.
    ("address", Personal, Exact),
    ("street", Personal, Exact),
    ("streetaddress", Personal, Contains),
    ("streetname", Personal, Contains),
    ("streetnumber", Personal, Contains),
    ("housenumber", Personal, Contains),
    ("addressline", Personal, Contains),
    ("address1", Personal, Exact),
    ("address2", Personal, Exact),
    ("address3", Personal, Exact),
    ("line1", Personal, Exact),
    ("line2", Personal, Exact),
    ("line3", Personal, Exact),
    ("street1", Personal, Exact),
    ("street2", Personal, Exact),
    ("addr1", Personal, Exact),
    ("addr2", Personal, Exact),
    ("homeaddress", Personal, Contains),
    ("billingaddress", Personal, Contains),
    ("shippingaddress", Personal, Contains),
    ("mailingaddress", Personal, Contains),
    ("postaladdress", Personal, Contains),
    ("residentialaddress", Personal, Contains),
    ("deliveryaddress", Personal, Contains),
    ("postalcode", Personal, Contains),
    ("postcode", Personal, Contains),
    ("zipcode", Personal, Contains),
    ("zip", Personal, Exact),
    ("zip4", Personal, Exact),
    ("billingzip", Personal, Exact),
    ("shippingzip", Personal, Exact),
    // National and official identifiers.
    ("ssn", Personal, Suffix),
    ("socialsecurity", Personal, Contains),
    ("passport", Personal, Contains),
    ("driverlicense", Personal, Contains),
    ("driverslicense", Personal, Contains),
    ("driverlicence", Personal, Contains),
    ("driverslicence", Personal, Contains),
    ("drivinglicense", Personal, Contains),
    ("drivinglicence", Personal, Contains),
    ("licensenumber", Personal, Contains),
    ("licencenumber", Personal, Contains),
    ("nationalid", Personal, Contains),
    ("nationalidentity", Personal, Contains),
    ("nationalinsurance", Personal, Contains),
    ("taxid", Personal, Contains),
    ("taxpayer", Personal, Contains),
    ("taxnumber", Personal, Contains),
    ("idnumber", Personal, Exact),
    ("idcard", Personal, Exact),
    ("idcardnumber", Personal, Exact),
    ("identitynumber", Personal, Contains),
    ("identitycard", Personal, Contains),
    ("nhsnumber", Personal, Contains),
    ("aadhaar", Personal, Contains),
    ("sin", Personal, Exact),
    ("nin", Personal, Exact),
    ("nino", Personal, Exact),
    ("tin", Personal, Exact),
    ("itin", Personal, Exact),
    ("pesel", Personal, Exact),
    ("cpf", Personal, Exact),
    ("nif", Personal, Exact),
    ("dni", Personal, Exact),
    ("bsn", Personal, Exact),
    // Passwords and secrets.
    ("password", Secret, Contains),
    ("passwd", Secret, Contains),
    ("passphrase", Secret, Contains),
    ("passcode", Secret, Contains),
    ("pwd", Secret, Exact),
    ("pass", Secret, Exact),
    ("secret", Secret, Contains),
    ("credential", Secret, Contains),
    ("securityanswer", Secret, Contains),
    // Tokens, keys, sessions.
    ("token", Secret, Suffix),
    ("apikey", Secret, Contains),
    ("apitoken", Secret, Contains),
    ("accesskey", Secret, Contains),
    ("privatekey", Secret, Contains),
    ("signingkey", Secret, Contains),
    ("encryptionkey", Secret, Contains),
    ("masterkey", Secret, Contains),
    ("sessionkey", Secret, Contains),
    ("accountkey", Secret, Contains),
    ("hmac", Secret, Contains),
    ("authkey", Secret, Contains),
    ("auth", Secret, Exact),
    ("authorization", Secret, Exact),
    ("signature", Secret, Suffix),
    ("sig", Secret, Exact),
    ("session", Secret, Suffix),
    ("sessionid", Secret, Contains),
    ("sessid", Secret, Contains),
    ("sid", Secret, Exact),
    ("connectsid", Secret, Exact),
    ("otp", Secret, Suffix),
    // Card security data (card numbers themselves are found by the card detector).
    ("cvv", Secret, Contains),
    ("cvc", Secret, Contains),
    ("cvn", Secret, Exact),
    ("securitycode", Secret, Contains),
    ("cardverification", Secret, Contains),
    ("pin", Secret, Exact),
    ("pincode", Secret, Exact),
    ("pinnumber", Secret, Exact),
    ("cardpin", Secret, Exact),
    ("atmpin", Secret, Exact),
];

/// Keys a built-in term would match but which are not sensitive: pagination cursors.
const NOT_FIELDS: &[&str] = &[
    "pagetoken",
    "nextpagetoken",
    "prevpagetoken",
    "previouspagetoken",
    "nexttoken",
    "continuationtoken",
    "synctoken",
    "pagingtoken",
];

/// Objects whose `name` member names a thing, not a person (normalised keys). An array's
/// elements sit under the array's name, so `items` covers `"items": [{"name": …}]`.
pub const THING_CONTAINERS: &[&str] = &[
    "item",
    "items",
    "lineitem",
    "lineitems",
    "orderitems",
    "cartitems",
    "product",
    "products",
    "variant",
    "variants",
    "sku",
    "skus",
    "offer",
    "offers",
    "category",
    "categories",
    "collection",
    "collections",
    "brand",
    "manufacturer",
    "plan",
    "plans",
    "price",
    "prices",
    "tax",
    "taxes",
    "taxlines",
    "shippinglines",
    "shippingmethod",
    "shippingmethods",
    "discount",
    "discounts",
    "coupon",
    "coupons",
    "promotion",
    "promotions",
    "campaign",
    "event",
    "events",
    "page",
    "screen",
    "library",
    "app",
    "application",
    "os",
    "browser",
    "platform",
    "sdk",
    "framework",
    "file",
    "files",
    "attachment",
    "attachments",
    "document",
    "documents",
    "image",
    "images",
    "tag",
    "tags",
    "label",
    "labels",
    "attribute",
    "attributes",
    "option",
    "options",
    "feature",
    "features",
    "experiment",
    "experiments",
    "store",
    "shop",
    "merchant",
    "warehouse",
    "service",
    "services",
    "region",
    "network",
    "package",
    "packages",
    "dependencies",
    "module",
    "modules",
    "project",
    "projects",
    "carrier",
    "paymentmethod",
    "currency",
    "country",
    "language",
    "locale",
    "timezone",
];

/// Objects that are a person's name, and the members that are its parts. Only these
/// members: a localised product name (`"name": {"en": …}`) is not a person's.
const NAME_CONTAINERS: &[&str] = &["name", "fullname", "legalname", "personname", "names"];
const NAME_PARTS: &[&str] = &[
    "first", "last", "middle", "given", "family", "maiden", "initials",
];

/// Last words of identifier keys (`order_id`, `orderId`, `userIDs`, `product-sku`,
/// `ean13`): matched as a whole word, so that `paid`, `android` or `pref` are not identifiers.
const IDENTIFIER_WORDS: &[&str] = &[
    "id",
    "ids",
    "uuid",
    "guid",
    "ref",
    "reference",
    "gtin",
    "ean",
    "upc",
    "isbn",
    "asin",
    "sku",
    "barcode",
];

/// Ends of identifier keys long enough to match inside a normalised key (`tracking_number`,
/// `orderno`, `userid` written in one word).
const IDENTIFIER_SUFFIXES: &[&str] = &[
    "ordernumber",
    "orderno",
    "ordernum",
    "invoicenumber",
    "invoiceno",
    "trackingnumber",
    "trackingno",
    "confirmationnumber",
    "transactionnumber",
    "ticketnumber",
    "casenumber",
    "shipmentnumber",
    "serialnumber",
    "itemnumber",
    "productnumber",
    "partnumber",
    "modelnumber",
    "batchnumber",
    "lotnumber",
    "buildnumber",
    "userid",
    "orderid",
    "customerid",
    "productid",
    "accountid",
    "itemid",
    "transactionid",
    "paymentid",
    "invoiceid",
    "cartid",
    "storeid",
    "shopid",
    "merchantid",
    "eventid",
    "messageid",
    "deviceid",
];

/// The last letters of [`IDENTIFIER_SUFFIXES`] (`number`, `no`, `num`, `id`).
const SUFFIX_ENDS: &[u8] = b"romd";

/// Longest key normalised on the stack; longer keys take one allocation.
const STACK_KEY: usize = 96;

#[derive(Debug, Clone)]
pub struct FieldClassifier {
    /// Every built-in term, with its index in [`TERMS`] as id.
    terms: Pairs,
    /// Exact keys with a fixed answer (`None` for never, `Some` for always this class),
    /// sorted by key.
    exact: Vec<(Box<[u8]>, Option<FieldClass>)>,
    personal: bool,
    secret: bool,
    /// What was worked out about each name seen, for the life of the VM.
    memo: Memo<KeyInfo>,
}

/// What the classification of a key depends on besides the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// This class (or none) wherever the key is.
    Fixed(Option<FieldClass>),
    /// `name`: personal unless its object stands for a thing ([`THING_CONTAINERS`]).
    NameUnlessThing,
    /// A part of a name (`first`, `given`): personal in an object that is a name
    /// ([`NAME_CONTAINERS`]).
    PartIfInName,
}

/// What a key, as the name of an object that holds other keys, says about them. Only the
/// two rules above ask, so it is worked out when one does, not remembered with every name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Thing,
    Name,
    Other,
}

impl Container {
    fn of(parent: &str) -> Self {
        normalized(parent, |parent| {
            let is_in = |list: &[&str]| list.iter().any(|t| t.as_bytes() == parent);
            if is_in(THING_CONTAINERS) {
                Container::Thing
            } else if is_in(NAME_CONTAINERS) {
                Container::Name
            } else {
                Container::Other
            }
        })
    }
}

/// Everything the classifier says about one key on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Facts {
    rule: Rule,
    identifier: bool,
}

/// What the classifier knows about a key (see [`FieldClassifier::info`]).
#[derive(Debug, Clone, Copy)]
pub struct KeyInfo {
    facts: Facts,
    clean: bool,
}

impl KeyInfo {
    /// Whether the key names an identifier ([`FieldClassifier::names_identifier`]).
    pub fn identifier(&self) -> bool {
        self.facts.identifier
    }

    /// Whether the key was scanned as text before and held nothing
    /// ([`FieldClassifier::remember`]).
    pub fn clean(&self) -> bool {
        self.clean
    }
}

impl FieldClassifier {
    pub fn compile(cfg: &RedactionConfig) -> Result<Self, ConfigError> {
        let enabled = |e: Entity| cfg.detectors.get(&e).is_none_or(|s| s.enabled);
        // Inserted one by one: `collect` into a map sorts first, a sort the module would
        // carry for this one call.
        let mut exact: BTreeMap<Vec<u8>, Option<FieldClass>> = BTreeMap::new();
        for k in NOT_FIELDS {
            exact.insert(k.as_bytes().to_vec(), None);
        }
        let lists = [
            ("personal", &cfg.fields.personal, Some(Personal)),
            ("secret", &cfg.fields.secret, Some(Secret)),
            ("ignore", &cfg.fields.ignore, None),
        ];
        for (list, keys, class) in lists {
            for (i, key) in keys.iter().enumerate() {
                let normalized = normalize_owned(key);
                if normalized.is_empty() {
                    return Err(ConfigError::new(
                        format!("redaction.fields.{list}[{i}]"),
                        "empty once `_`, `-`, `.` and spaces are dropped",
                    ));
                }
                exact.insert(normalized, class);
            }
        }
        Ok(Self {
            terms: Pairs::new(
                TERMS
                    .iter()
                    .enumerate()
                    .map(|(i, (t, _, _))| (t.as_bytes(), i)),
            ),
            exact: exact
                .into_iter()
                .map(|(key, class)| (key.into_boxed_slice(), class))
                .collect(),
            personal: enabled(Entity::PersonalField),
            secret: enabled(Entity::SecretField),
            memo: Memo::default(),
        })
    }

    /// The class of `key`, or `None` when the key names nothing sensitive.
    pub fn classify(&self, key: &str) -> Option<FieldClass> {
        self.classify_in("", key)
    }

    /// The class of `key` as a member of an object that is itself held under `parent` (the
    /// name of the member, or of the array, that holds the object; `""` at the top level or
    /// where formats have no nesting).
    pub fn classify_in(&self, parent: &str, key: &str) -> Option<FieldClass> {
        self.class_of(parent, self.facts(key))
    }

    /// Whether `key` names an identifier (`id`, `order_id`, `gtin`...), whose all-digit values
    /// are not to be taken for phone numbers or cards.
    pub fn names_identifier(&self, key: &str) -> bool {
        self.facts(key).identifier
    }

    /// What the classifier knows about `key`, with one memo lookup: for a caller that asks
    /// [`FieldClassifier::class_in`], [`KeyInfo::identifier`] and [`KeyInfo::clean`] about it.
    pub fn info(&self, key: &str) -> KeyInfo {
        if let Some(known) = self.known(key) {
            return known;
        }
        let info = self.unremembered(key);
        self.memo.insert(key, info);
        info
    }

    /// What was remembered about `key`, if it was seen before.
    pub fn known(&self, key: &str) -> Option<KeyInfo> {
        self.memo.get(key)
    }

    /// What the classifier knows about a `key` it has not seen before, without remembering
    /// it: for a caller that finds out whether it is clean first, and then stores both at
    /// once with [`FieldClassifier::remember`].
    pub fn unremembered(&self, key: &str) -> KeyInfo {
        KeyInfo {
            facts: self.work_out(key),
            clean: false,
        }
    }

    /// Remembers `key` with its `info`, and whether it was scanned as text and held nothing
    /// ([`KeyInfo::clean`]).
    pub fn remember(&self, key: &str, info: KeyInfo, clean: bool) {
        self.memo.insert(key, KeyInfo { clean, ..info });
    }

    /// [`FieldClassifier::classify_in`] for a key whose [`KeyInfo`] is at hand.
    pub fn class_in(&self, parent: &str, info: KeyInfo) -> Option<FieldClass> {
        self.class_of(parent, info.facts)
    }

    fn class_of(&self, parent: &str, facts: Facts) -> Option<FieldClass> {
        let class = match facts.rule {
            Rule::Fixed(class) => class?,
            Rule::NameUnlessThing if Container::of(parent) == Container::Thing => return None,
            Rule::PartIfInName if Container::of(parent) != Container::Name => return None,
            Rule::NameUnlessThing | Rule::PartIfInName => Personal,
        };
        let on = match class {
            Personal => self.personal,
            Secret => self.secret,
        };
        on.then_some(class)
    }

    /// The facts of `key`, from the memo when it was seen before.
    fn facts(&self, key: &str) -> Facts {
        self.info(key).facts
    }

    /// The facts of `key`, worked out from the term lists.
    fn work_out(&self, key: &str) -> Facts {
        let rule = normalized(key, |key| {
            if key.is_empty() {
                return Rule::Fixed(None);
            }
            if let Ok(i) = self.exact.binary_search_by(|(k, _)| (**k).cmp(key)) {
                return Rule::Fixed(self.exact.get(i).and_then(|(_, fixed)| *fixed));
            }
            match self.builtin(key) {
                Some(Personal) if key == b"name" => Rule::NameUnlessThing,
                // A linear search, but once per name: the memo keeps the answer.
                None if NAME_PARTS.iter().any(|t| t.as_bytes() == key) => Rule::PartIfInName,
                class => Rule::Fixed(class),
            }
        });
        Facts {
            rule,
            identifier: names_identifier(key),
        }
    }

    /// The strongest built-in term matching `key` (a secret outranks personal data).
    fn builtin(&self, key: &[u8]) -> Option<FieldClass> {
        let mut strongest = None;
        self.terms.for_each(key, |term, start, end| {
            let Some(&(_, class, anchor)) = TERMS.get(term) else {
                return;
            };
            let fits = match anchor {
                Contains => true,
                Suffix => end == key.len(),
                Exact => start == 0 && end == key.len(),
            };
            if fits {
                strongest = strongest.max(Some(class));
            }
        });
        strongest
    }
}

/// Whether `key` names an identifier (see [`FieldClassifier::names_identifier`]).
fn names_identifier(key: &str) -> bool {
    let word = last_word(key).trim_end_matches(|c: char| c.is_ascii_digit());
    IDENTIFIER_WORDS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
        || normalized(key, |key| {
            // Every suffix ends in one of a few letters: most keys are out at once.
            key.last().is_some_and(|last| SUFFIX_ENDS.contains(last))
                && IDENTIFIER_SUFFIXES
                    .iter()
                    .any(|s| key.ends_with(s.as_bytes()))
        })
}

/// The last word of `key`: after the last separator or lower-to-upper case change
/// (`order_id`, `orderId`, `ORDER-ID` and `userIDs` end in `id`, `id`, `ID`, `IDs`).
fn last_word(key: &str) -> &str {
    let b = key
        .trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
        .as_bytes();
    let mut start = b.len();
    while start > 0 {
        let c = b.get(start - 1).copied().unwrap_or(0);
        if !c.is_ascii_alphanumeric() {
            break;
        }
        let next = b.get(start).copied().unwrap_or(0);
        start -= 1;
        if c.is_ascii_lowercase() && next.is_ascii_uppercase() {
            start += 1;
            break;
        }
    }
    key.get(start..b.len()).unwrap_or("")
}

/// Runs `f` on the normalised form of `key`, on the stack when it is short.
fn normalized<T>(key: &str, f: impl FnOnce(&[u8]) -> T) -> T {
    if key.len() <= STACK_KEY {
        let mut stack = [0u8; STACK_KEY];
        let n = normalize_into(key, &mut stack);
        f(stack.get(..n).unwrap_or(&[]))
    } else {
        f(&normalize_owned(key))
    }
}

fn keep(c: u8) -> bool {
    !matches!(c, b'_' | b'-' | b'.' | b' ')
}

fn normalize_into(key: &str, buf: &mut [u8]) -> usize {
    let mut n = 0;
    for c in key.bytes().filter(|&c| keep(c)) {
        if let Some(slot) = buf.get_mut(n) {
            *slot = c.to_ascii_lowercase();
            n += 1;
        }
    }
    n
}

fn normalize_owned(key: &str) -> Vec<u8> {
    key.bytes()
        .filter(|&c| keep(c))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::config::{DetectorSetting, FieldsConfig};

    fn classifier() -> FieldClassifier {
        FieldClassifier::compile(&RedactionConfig::default()).unwrap()
    }

    #[test]
    fn personal_keys_in_every_casing() {
        let c = classifier();
        for key in [
            "first_name",
            "firstName",
            "First-Name",
            "first.name",
            "FIRST NAME",
            "billing_first_name",
            "lastName",
            "surname",
            "given_name",
            "full_name",
            "name",
            "username",
            "displayName",
            "date_of_birth",
            "birthDate",
            "dob",
            "patient_dob",
            "street_address",
            "address",
            "address_line_1",
            "shippingAddress",
            "postal_code",
            "zip",
            "zipCode",
            "passport_number",
            "driver_license",
            "drivers_licence_no",
            "tax_id",
            "national_insurance_number",
            "ssn",
            "customerSsn",
            "cardholder_name",
            "line1",
            "address2",
            "beneficiary_name",
        ] {
            assert_eq!(c.classify(key), Some(Personal), "{key}");
        }
    }

    #[test]
    fn secret_keys() {
        let c = classifier();
        for key in [
            "password",
            "newPasswordConfirm",
            "passwd",
            "client_secret",
            "api_key",
            "X-API-Key",
            "access_token",
            "refresh_token",
            "id_token",
            "csrfToken",
            "token",
            "authorization",
            "private_key",
            "aws_secret_access_key",
            "cvv",
            "cvc2",
            "card_security_code",
            "pin",
            "pin_code",
            "session_id",
            "JSESSIONID",
            "PHPSESSID",
            "connect.sid",
            "X-Hub-Signature",
            "X-Shopify-Hmac-Sha256",
            "totp",
            "credentials",
        ] {
            assert_eq!(c.classify(key), Some(Secret), "{key}");
        }
    }

    #[test]
    fn look_alike_keys_are_not_fields() {
        let c = classifier();
        for key in [
            "ip_address",
            "mac_address",
            "email_address",
            "email",
            "phone",
            "phone_number",
            "order_id",
            "file_name",
            "filename",
            "host_name",
            "hostname",
            "product_name",
            "token_type",
            "expires_in",
            "max_tokens",
            "next_page_token",
            "pageToken",
            "spin",
            "pinned",
            "footprint",
            "gzip",
            "valid_card_types",
            "classname",
            "business",
            "",
            "___",
        ] {
            assert_eq!(c.classify(key), None, "{key}");
        }
    }

    #[test]
    fn name_is_personal_unless_it_names_a_thing() {
        let c = classifier();
        for parent in [
            "",
            "customer",
            "billing_details",
            "user",
            "shipping_address",
            "traits",
        ] {
            assert_eq!(c.classify_in(parent, "name"), Some(Personal), "{parent}");
        }
        for parent in [
            "items",
            "line_items",
            "product",
            "library",
            "app",
            "os",
            "plan",
            "Category",
        ] {
            assert_eq!(c.classify_in(parent, "name"), None, "{parent}");
            // Other personal keys stay personal in any container.
            assert_eq!(
                c.classify_in(parent, "first_name"),
                Some(Personal),
                "{parent}"
            );
            assert_eq!(c.classify_in(parent, "password"), Some(Secret), "{parent}");
        }
    }

    #[test]
    fn members_of_a_name_are_personal() {
        let c = classifier();
        for key in ["first", "last", "family", "given", "middle"] {
            assert_eq!(c.classify_in("name", key), Some(Personal), "{key}");
            assert_eq!(c.classify_in("", key), None, "{key}");
            assert_eq!(c.classify_in("items", key), None, "{key}");
        }
        // A localised name is not a person's.
        assert_eq!(c.classify_in("name", "en"), None);
    }

    #[test]
    fn configured_keys_win_in_any_container() {
        let cfg = RedactionConfig {
            fields: FieldsConfig {
                personal: vec!["name".into()],
                ignore: vec!["given".into()],
                ..FieldsConfig::default()
            },
            ..RedactionConfig::default()
        };
        let c = FieldClassifier::compile(&cfg).unwrap();
        assert_eq!(c.classify_in("items", "name"), Some(Personal));
        assert_eq!(c.classify_in("name", "given"), None);
    }

    #[test]
    fn identifier_keys() {
        let c = classifier();
        for key in [
            "id",
            "ID",
            "order_id",
            "customerId",
            "orderID",
            "userIDs",
            "user_ids",
            "X-Request-Id",
            "userid",
            "gtin",
            "ean13",
            "productSKU",
            "tracking_number",
            "invoice_no",
            "external_ref",
            "sku",
        ] {
            assert!(c.names_identifier(key), "{key}");
        }
        for key in [
            "phone",
            "phone_number",
            "card_number",
            "mobile",
            "amount",
            "total",
            "ssn",
            "paid",
            "android",
            "pref",
            "href",
            "valid",
            "",
            "_",
        ] {
            assert!(!c.names_identifier(key), "{key}");
        }
    }

    #[test]
    fn config_lists_extend_and_override() {
        let cfg = RedactionConfig {
            fields: FieldsConfig {
                personal: vec!["loyalty_number".into(), "ip_address".into()],
                secret: vec!["x-internal-auth".into()],
                ignore: vec!["name".into(), "Pin".into()],
                ..FieldsConfig::default()
            },
            ..RedactionConfig::default()
        };
        let c = FieldClassifier::compile(&cfg).unwrap();
        assert_eq!(c.classify("loyaltyNumber"), Some(Personal));
        assert_eq!(c.classify("ip_address"), Some(Personal));
        assert_eq!(c.classify("X-Internal-Auth"), Some(Secret));
        assert_eq!(c.classify("name"), None);
        assert_eq!(c.classify("PIN"), None);
        assert_eq!(c.classify("first_name"), Some(Personal));
    }

    #[test]
    fn a_disabled_class_is_never_reported() {
        let mut cfg = RedactionConfig::default();
        cfg.detectors.insert(
            Entity::SecretField,
            DetectorSetting {
                enabled: false,
                operator: None,
            },
        );
        let c = FieldClassifier::compile(&cfg).unwrap();
        assert_eq!(c.classify("password"), None);
        assert_eq!(c.classify("surname"), Some(Personal));
    }

    #[test]
    fn empty_config_key_is_an_error_naming_the_entry() {
        let cfg = RedactionConfig {
            fields: FieldsConfig {
                secret: vec!["ok".into(), "_-. ".into()],
                ..FieldsConfig::default()
            },
            ..RedactionConfig::default()
        };
        let err = FieldClassifier::compile(&cfg).unwrap_err();
        assert_eq!(err.field(), "redaction.fields.secret[1]");
    }

    #[test]
    fn every_term_and_suffix_can_be_found() {
        assert!(TERMS
            .iter()
            .all(|(t, _, _)| super::super::pairs::is_findable(t.as_bytes())));
        for s in IDENTIFIER_SUFFIXES {
            assert!(SUFFIX_ENDS.contains(&s.as_bytes()[s.len() - 1]), "{s}");
        }
    }

    /// Everything the classifier answers about `key` under `parent`.
    fn answers(c: &FieldClassifier, parent: &str, key: &str) -> (Option<FieldClass>, bool) {
        let info = c.info(key);
        let class = c.class_in(parent, info);
        assert_eq!(class, c.classify_in(parent, key));
        assert_eq!(info.identifier(), c.names_identifier(key));
        (class, info.identifier())
    }

    fn remember_clean(c: &FieldClassifier, key: &str) {
        c.remember(key, c.info(key), true);
    }

    fn known_clean(c: &FieldClassifier, key: &str) -> bool {
        c.info(key).clean()
    }

    /// Keys and parents that exercise every rule: terms, containers, name parts, ids.
    fn vocabulary() -> impl Strategy<Value = String> {
        let words: Vec<&'static str> = TERMS
            .iter()
            .map(|(t, _, _)| *t)
            .chain(THING_CONTAINERS.iter().copied())
            .chain(NAME_CONTAINERS.iter().copied())
            .chain(NAME_PARTS.iter().copied())
            .chain(IDENTIFIER_WORDS.iter().copied())
            .chain(NOT_FIELDS.iter().copied())
            .collect();
        prop_oneof![
            proptest::sample::select(words.clone()).prop_map(String::from),
            (
                proptest::sample::select(words),
                "[a-zA-Z_. -]{0,3}",
                any::<bool>()
            )
                .prop_map(|(w, other, before)| if before {
                    format!("{other}{w}")
                } else {
                    format!("{w}{other}")
                }),
            "[a-zA-Z0-9_@.-]{0,12}",
        ]
    }

    proptest! {
        /// The memo changes nothing: a classifier that has seen every key before (and been
        /// told some of them are clean) answers as a fresh one does.
        #[test]
        fn answers_are_the_same_with_and_without_the_memo(
            queries in proptest::collection::vec((vocabulary(), vocabulary(), any::<bool>()), 1..40),
        ) {
            let warm = classifier();
            for _ in 0..2 {
                for (parent, key, clean) in &queries {
                    let fresh = classifier().clone();
                    prop_assert_eq!(answers(&warm, parent, key), answers(&fresh, parent, key));
                    if *clean {
                        remember_clean(&warm, key);
                        prop_assert!(known_clean(&warm, key) || !memo::rememberable(key));
                    }
                }
            }
        }
    }

    #[test]
    fn the_memo_stays_bounded_and_right_under_many_distinct_names() {
        let c = classifier();
        let reference = classifier();
        for i in 0..10 * memo::MAX_ENTRIES {
            let key = format!(
                "{}_{}",
                ["first_name", "order", "zip", "name"][i % 4],
                i % 997
            );
            let parent = ["items", "name", ""][i % 3];
            let expected = reference.clone();
            assert_eq!(
                answers(&c, parent, &key),
                answers(&expected, parent, &key),
                "{key}"
            );
            remember_clean(&c, &key);
            assert!(c.memo.len() <= memo::MAX_ENTRIES);
        }
        // Names past the memo's limits are still classified.
        let long = format!("{}_password", "x".repeat(memo::MAX_NAME));
        assert_eq!(c.classify(&long), Some(Secret));
        assert!(!known_clean(&c, &long));
    }

    #[test]
    fn only_names_said_clean_are_known_clean() {
        let c = classifier();
        assert_eq!(c.classify("customer_note"), None);
        assert!(!known_clean(&c, "customer_note"));
        remember_clean(&c, "customer_note");
        assert!(known_clean(&c, "customer_note"));
        assert_eq!(c.classify("customer_note"), None);
        remember_clean(&c, "jane@example.com");
        assert!(!known_clean(&c, "jane@example.com"));
    }

    #[test]
    fn long_keys_are_classified_too() {
        let c = classifier();
        let key = format!("{}_password", "x".repeat(200));
        assert_eq!(c.classify(&key), Some(Secret));
    }
}
