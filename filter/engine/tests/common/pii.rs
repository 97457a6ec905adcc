//! Generators of *valid* values for every built-in text detector: checksums computed, issuer
//! and numbering rules followed, written in the layouts people and clients use. Each value
//! records what must not survive redaction: the value itself and, for values whose secret is
//! only a part (a URL's password, a key's body lines), those parts too.

use mirrorguard_engine::Entity;

use super::encode::{base58check, base64, luhn_check_digit, segwit_v0};
use super::rng::{Rng, ALNUM, BASE64URL, DIGITS, LOWER_HEX, UPPER, UPPER_ALNUM};
use super::words::{FIRST_NAMES, LAST_NAMES};

/// The kinds of personal data and secrets the generators produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pii {
    Email,
    Phone,
    Card,
    Ssn,
    Iban,
    Ipv4,
    Ipv6,
    Mac,
    Jwt,
    Bearer,
    Basic,
    Aws,
    Github,
    Stripe,
    Slack,
    Google,
    PrivateKey,
    Userinfo,
    Bitcoin,
    Ethereum,
}

impl Pii {
    pub const ALL: [Pii; 20] = [
        Pii::Email,
        Pii::Phone,
        Pii::Card,
        Pii::Ssn,
        Pii::Iban,
        Pii::Ipv4,
        Pii::Ipv6,
        Pii::Mac,
        Pii::Jwt,
        Pii::Bearer,
        Pii::Basic,
        Pii::Aws,
        Pii::Github,
        Pii::Stripe,
        Pii::Slack,
        Pii::Google,
        Pii::PrivateKey,
        Pii::Userinfo,
        Pii::Bitcoin,
        Pii::Ethereum,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Pii::Email => "email",
            Pii::Phone => "phone",
            Pii::Card => "card",
            Pii::Ssn => "ssn",
            Pii::Iban => "iban",
            Pii::Ipv4 => "ipv4",
            Pii::Ipv6 => "ipv6",
            Pii::Mac => "mac",
            Pii::Jwt => "jwt",
            Pii::Bearer => "bearer",
            Pii::Basic => "basic",
            Pii::Aws => "aws_key",
            Pii::Github => "github_token",
            Pii::Stripe => "stripe_key",
            Pii::Slack => "slack_token",
            Pii::Google => "google_key",
            Pii::PrivateKey => "private_key",
            Pii::Userinfo => "url_userinfo",
            Pii::Bitcoin => "bitcoin",
            Pii::Ethereum => "ethereum",
        }
    }

    /// The detector that must find it.
    pub fn entity(self) -> Entity {
        match self {
            Pii::Email => Entity::Email,
            Pii::Phone => Entity::Phone,
            Pii::Card => Entity::CreditCard,
            Pii::Ssn => Entity::UsSsn,
            Pii::Iban => Entity::Iban,
            Pii::Ipv4 | Pii::Ipv6 => Entity::IpAddress,
            Pii::Mac => Entity::MacAddress,
            Pii::Jwt => Entity::Jwt,
            Pii::Bearer | Pii::Basic => Entity::AuthCredential,
            Pii::Aws => Entity::AwsAccessKey,
            Pii::Github => Entity::GithubToken,
            Pii::Stripe => Entity::StripeKey,
            Pii::Slack => Entity::SlackToken,
            Pii::Google => Entity::GoogleApiKey,
            Pii::PrivateKey => Entity::PrivateKey,
            Pii::Userinfo => Entity::UrlUserinfo,
            Pii::Bitcoin => Entity::BitcoinAddress,
            Pii::Ethereum => Entity::EthereumAddress,
        }
    }

    /// Whether values fit on one line (a header, a cookie).
    pub fn single_line(self) -> bool {
        self != Pii::PrivateKey
    }

    /// Whether values are one token without spaces or slashes (a path segment).
    pub fn is_token(self) -> bool {
        !matches!(
            self,
            Pii::PrivateKey | Pii::Userinfo | Pii::Bearer | Pii::Basic
        )
    }
}

/// A generated value and what of it must not survive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub kind: Pii,
    pub text: String,
    /// Secret parts that must not survive on their own either.
    pub fragments: Vec<String>,
}

impl Value {
    fn whole(kind: Pii, text: String) -> Self {
        Self {
            kind,
            text,
            fragments: Vec::new(),
        }
    }
}

pub fn generate(kind: Pii, rng: &mut Rng) -> Value {
    match kind {
        Pii::Email => Value::whole(kind, email(rng)),
        Pii::Phone => {
            let number = phone(rng);
            if rng.chance(10) {
                // An extension, glued or spelled out, as CRMs and address books write them.
                let ext = rng.range(1, 9999);
                let text = match rng.below(3) {
                    0 => format!("{number}x{ext}"),
                    1 => format!("{number} ext. {ext}"),
                    _ => format!("{number} x{ext}"),
                };
                Value {
                    kind,
                    text,
                    fragments: vec![number],
                }
            } else {
                Value::whole(kind, number)
            }
        }
        Pii::Card => Value::whole(kind, card(rng)),
        Pii::Ssn => Value::whole(kind, ssn(rng)),
        Pii::Iban => Value::whole(kind, iban(rng)),
        Pii::Ipv4 => Value::whole(kind, ipv4(rng)),
        Pii::Ipv6 => Value::whole(kind, ipv6(rng)),
        Pii::Mac => Value::whole(kind, mac(rng)),
        Pii::Jwt => jwt(rng),
        Pii::Bearer => {
            let token = bearer_token(rng);
            Value {
                kind,
                text: format!("Bearer {token}"),
                fragments: vec![token],
            }
        }
        Pii::Basic => {
            let user = rng.pick(FIRST_NAMES).to_ascii_lowercase();
            let password = password(rng);
            let token = base64(format!("{user}:{password}").as_bytes(), false);
            Value {
                kind,
                text: format!("Basic {token}"),
                fragments: vec![token],
            }
        }
        Pii::Aws => Value::whole(
            kind,
            format!(
                "{}{}",
                rng.pick(&["AKIA", "ASIA"]),
                rng.string(16, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
            ),
        ),
        Pii::Github => Value::whole(kind, github(rng)),
        Pii::Stripe => Value::whole(
            kind,
            format!("{}{}", rng.pick(&["sk_live_", "sk_test_", "rk_live_"]), {
                let n = *rng.pick(&[24usize, 34, 99]);
                rng.string(n, ALNUM)
            }),
        ),
        Pii::Slack => Value::whole(kind, slack(rng)),
        Pii::Google => Value::whole(
            kind,
            format!(
                "AIza{}{}",
                rng.string(34, BASE64URL),
                // A real key does not end in `-`, which a sentence could run into.
                rng.string(1, ALNUM)
            ),
        ),
        Pii::PrivateKey => private_key(rng),
        Pii::Userinfo => userinfo(rng),
        Pii::Bitcoin => Value::whole(kind, bitcoin(rng)),
        Pii::Ethereum => Value::whole(kind, ethereum(rng)),
    }
}

/// `0x` + 40 hex in one case: an Ethereum address without its EIP-55 checksum, which counts
/// only where its place names it (see "Values that need their place to say what they are"
/// in DETECTORS.md): alone, as the value of a pair, or after a word such as `to`.
pub fn unchecksummed_address(text: &str) -> bool {
    let Some(hex) = text.strip_prefix("0x") else {
        return false;
    };
    let lower = hex.bytes().any(|c| c.is_ascii_lowercase());
    let upper = hex.bytes().any(|c| c.is_ascii_uppercase());
    hex.len() == 40 && hex.bytes().all(|c| c.is_ascii_hexdigit()) && !(lower && upper)
}

/// An Ethereum address, in about half the cases with its EIP-55 checksum (mixed case),
/// otherwise in lower case as JSON-RPC prints it. Which one follows from the digits, so that
/// the draws (and every other value of a seeded corpus) stay the same.
fn ethereum(rng: &mut Rng) -> String {
    use sha3::{Digest, Keccak256};
    let hex = rng.string(40, LOWER_HEX);
    if hex.as_bytes()[0] % 2 == 0 {
        return format!("0x{hex}");
    }
    let hash = Keccak256::digest(hex.as_bytes());
    let checksummed: String = hex
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let nibble = (hash[i / 2] >> if i % 2 == 0 { 4 } else { 0 }) & 0x0f;
            if nibble >= 8 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect();
    format!("0x{checksummed}")
}

const DOMAINS: &[&str] = &[
    "gmail.com",
    "yahoo.co.uk",
    "outlook.com",
    "hotmail.fr",
    "proton.me",
    "acme-corp.com",
    "mail.globex.io",
    "uni-heidelberg.de",
    "fastmail.fm",
    "company.com.br",
    "icloud.com",
    "web.de",
];

pub fn email(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST_NAMES).to_ascii_lowercase();
    let last = rng.pick(LAST_NAMES).to_ascii_lowercase();
    let local = match rng.below(6) {
        0 => format!("{first}.{last}"),
        1 => format!("{first}{}", rng.range(1, 9999)),
        2 => format!("{}{last}", &first[..1]),
        3 => format!("{first}_{last}{}", rng.range(70, 99)),
        4 => format!("{first}.{last}+{}", rng.pick(&["shop", "news", "work"])),
        _ => format!("{last}-{first}"),
    };
    let domain = rng.pick(DOMAINS);
    if rng.chance(10) {
        format!("{}@{}", capitalize(&local), domain.to_ascii_uppercase())
    } else {
        format!("{local}@{domain}")
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// A NANP area code and exchange that follow the numbering plan, and a line number outside
/// the fictional 555-01XX block (which the engine rightly treats as already safe).
fn nanp_parts(rng: &mut Rng) -> (String, String, String) {
    let area = loop {
        let a = [rng.range(2, 9), rng.range(0, 8), rng.range(0, 9)];
        if !(a[1] == 1 && a[2] == 1) {
            break format!("{}{}{}", a[0], a[1], a[2]);
        }
    };
    let exchange = loop {
        let e = [rng.range(2, 9), rng.range(0, 9), rng.range(0, 9)];
        if !(e[1] == 1 && e[2] == 1) {
            break format!("{}{}{}", e[0], e[1], e[2]);
        }
    };
    let line = loop {
        let l = rng.digits(4);
        if !(exchange == "555" && l.starts_with("01")) {
            break l;
        }
    };
    (area, exchange, line)
}

pub fn phone(rng: &mut Rng) -> String {
    if rng.chance(45) {
        let (a, e, l) = nanp_parts(rng);
        return match rng.below(11) {
            10 => format!("001-{a}-{e}-{l}"),
            0 => format!("({a}) {e}-{l}"),
            1 => format!("{a}-{e}-{l}"),
            2 => format!("{a}.{e}.{l}"),
            3 => format!("{a} {e} {l}"),
            4 => format!("+1 {a} {e} {l}"),
            5 => format!("+1 ({a}) {e}-{l}"),
            6 => format!("+1-{a}-{e}-{l}"),
            7 => format!("+1{a}{e}{l}"),
            8 => format!("1-{a}-{e}-{l}"),
            _ => format!("{a}{e}{l}"),
        };
    }
    let nz = |rng: &mut Rng, n: usize| format!("{}{}", rng.range(1, 9), rng.digits(n - 1));
    match rng.below(20) {
        0 => format!("+44 20 {} {}", nz(rng, 4), rng.digits(4)),
        1 => format!("+44 7{} {}", rng.digits(3), rng.digits(6)),
        2 => format!("+447{}", rng.digits(9)),
        3 => format!("020 {} {}", nz(rng, 4), rng.digits(4)),
        4 => format!("07{} {}", rng.digits(3), rng.digits(6)),
        5 => format!("+49 30 {}", nz(rng, 8)),
        6 => format!("+49 151 {}", rng.digits(8)),
        7 => format!("030 {}", nz(rng, 8)),
        8 => format!(
            "+33 6 {} {} {} {}",
            rng.digits(2),
            rng.digits(2),
            rng.digits(2),
            rng.digits(2)
        ),
        9 => format!(
            "06 {} {} {} {}",
            rng.digits(2),
            rng.digits(2),
            rng.digits(2),
            rng.digits(2)
        ),
        10 => format!(
            "01.{}.{}.{}.{}",
            rng.digits(2),
            rng.digits(2),
            rng.digits(2),
            rng.digits(2)
        ),
        11 => format!("+81-3-{}-{}", rng.digits(4), rng.digits(4)),
        12 => format!("+81 90-{}-{}", rng.digits(4), rng.digits(4)),
        13 => format!("+91 9{} {}", rng.digits(4), rng.digits(5)),
        14 => format!("+61 4{} {} {}", rng.digits(2), rng.digits(3), rng.digits(3)),
        15 => format!("+55 11 9{}-{}", rng.digits(4), rng.digits(4)),
        16 => format!("+34 6{} {} {}", rng.digits(2), rng.digits(3), rng.digits(3)),
        17 => format!("+39 3{} {} {}", rng.digits(2), rng.digits(3), rng.digits(4)),
        18 => format!("0044 20 {} {}", nz(rng, 4), rng.digits(4)),
        _ => format!(
            "+972-5{}-{}-{}",
            rng.digits(1),
            rng.digits(3),
            rng.digits(4)
        ),
    }
}

/// A digit string that starts with `prefix`, has `len` digits and passes Luhn.
pub fn luhn_number(rng: &mut Rng, prefix: &str, len: usize) -> Vec<u8> {
    let mut d: Vec<u8> = prefix.bytes().map(|c| c - b'0').collect();
    while d.len() < len - 1 {
        d.push(rng.below(10) as u8);
    }
    let check = luhn_check_digit(&d);
    d.push(check);
    d
}

/// Digit values written with `sep` between groups of the given sizes.
pub fn grouped(d: &[u8], groups: &[usize], sep: &str) -> String {
    let mut out = String::new();
    let mut i = 0;
    for (k, &g) in groups.iter().enumerate() {
        if k > 0 {
            out.push_str(sep);
        }
        for &x in &d[i..i + g] {
            out.push(char::from(b'0' + x));
        }
        i += g;
    }
    out
}

pub fn card(rng: &mut Rng) -> String {
    let (prefix, len, groups): (String, usize, &[usize]) = match rng.below(9) {
        0..=2 => ("4".into(), 16, &[4, 4, 4, 4]),
        3 => (format!("5{}", rng.range(1, 5)), 16, &[4, 4, 4, 4]),
        4 => (format!("{}", rng.range(2221, 2720)), 16, &[4, 4, 4, 4]),
        5 => (rng.pick(&["34", "37"]).to_string(), 15, &[4, 6, 5]),
        6 => (rng.pick(&["6011", "65"]).to_string(), 16, &[4, 4, 4, 4]),
        7 => (format!("{}", rng.range(3528, 3589)), 16, &[4, 4, 4, 4]),
        _ => ("36".into(), 14, &[4, 6, 4]),
    };
    let d = luhn_number(rng, &prefix, len);
    let sep = *rng.pick(&["", "", " ", "-"]);
    if sep.is_empty() {
        grouped(&d, &[len], "")
    } else {
        grouped(&d, groups, sep)
    }
}

pub fn ssn(rng: &mut Rng) -> String {
    loop {
        let area = rng.range(1, 899);
        let group = rng.range(1, 99);
        let serial = rng.range(1, 9999);
        let digits = format!("{area:03}{group:02}{serial:04}");
        let one_digit = digits.bytes().all(|c| c == digits.as_bytes()[0]);
        if area == 666 || one_digit || ["078051120", "219099999", "123456789"].contains(&&*digits) {
            continue;
        }
        let sep = if rng.chance(80) { "-" } else { " " };
        return format!("{area:03}{sep}{group:02}{sep}{serial:04}");
    }
}

/// Country, BBAN layout (`n` digits, `a` capitals, `c` either) as in the SWIFT registry.
const IBAN_COUNTRIES: &[(&str, &str)] = &[
    ("DE", "18n"),
    ("GB", "4a14n"),
    ("FR", "10n11c2n"),
    ("NL", "4a10n"),
    ("ES", "20n"),
    ("IT", "1a10n12c"),
    ("BE", "12n"),
    ("CH", "5n12c"),
    ("AT", "16n"),
    ("PL", "24n"),
    ("SE", "20n"),
    ("IE", "4a14n"),
    ("PT", "21n"),
];

pub fn iban(rng: &mut Rng) -> String {
    let (country, layout) = *rng.pick(IBAN_COUNTRIES);
    let mut bban = String::new();
    let mut count = 0usize;
    for c in layout.bytes() {
        if c.is_ascii_digit() {
            count = count * 10 + usize::from(c - b'0');
            continue;
        }
        // Positions where the registry allows either are digits in most real accounts.
        let alphabet = match c {
            b'n' => DIGITS,
            b'a' => UPPER,
            _ if rng.chance(70) => DIGITS,
            _ => UPPER_ALNUM,
        };
        bban.push_str(&rng.string(count, alphabet));
        count = 0;
    }
    let check = 98 - mod97(&format!("{bban}{country}00"));
    let compact = format!("{country}{check:02}{bban}");
    if rng.chance(40) {
        let chars: Vec<char> = compact.chars().collect();
        chars
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        compact
    }
}

fn mod97(s: &str) -> u32 {
    s.bytes().fold(0u32, |r, c| {
        if c.is_ascii_digit() {
            (r * 10 + u32::from(c - b'0')) % 97
        } else {
            (r * 100 + u32::from(c - b'A') + 10) % 97
        }
    })
}

/// Public unicast and private addresses: never unspecified, loopback, link-local, multicast,
/// broadcast or documentation addresses.
pub fn ipv4(rng: &mut Rng) -> String {
    loop {
        let o = [
            rng.range(1, 223),
            rng.range(0, 255),
            rng.range(0, 255),
            rng.range(1, 254),
        ];
        let special = o[0] == 127
            || (o[0] == 169 && o[1] == 254)
            || matches!(
                (o[0], o[1], o[2]),
                (192, 0, 2) | (198, 51, 100) | (203, 0, 113)
            );
        if special {
            continue;
        }
        return match rng.below(5) {
            0 => format!("10.{}.{}.{}", o[1], o[2], o[3]),
            1 => format!("192.168.{}.{}", o[2], o[3]),
            _ => format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3]),
        };
    }
}

/// Global unicast addresses outside the documentation prefix, compressed or written out.
pub fn ipv6(rng: &mut Rng) -> String {
    let first = *rng.pick(&[
        0x2001u16, 0x2a00, 0x2a02, 0x2600, 0x2607, 0x2804, 0x2c0f, 0x240e,
    ]);
    let mut seg = [0u16; 8];
    seg[0] = first;
    for s in seg.iter_mut().skip(1) {
        *s = rng.range(1, 0xffff) as u16;
    }
    if seg[0] == 0x2001 && seg[1] == 0x0db8 {
        seg[1] = 0x4860;
    }
    // Most real addresses have a run of zero groups in the interface identifier.
    if rng.chance(70) {
        let start = rng.range(3, 5) as usize;
        let len = rng.range(1, 3) as usize;
        for s in seg.iter_mut().skip(start).take(len) {
            *s = 0;
        }
    }
    let addr = std::net::Ipv6Addr::from(seg);
    match rng.below(5) {
        0 => seg
            .iter()
            .map(|s| format!("{s:04x}"))
            .collect::<Vec<_>>()
            .join(":"),
        1 => addr.to_string().to_ascii_uppercase(),
        _ => addr.to_string(),
    }
}

/// Universally administered unicast addresses (vendor OUIs), as NICs report them.
pub fn mac(rng: &mut Rng) -> String {
    let mut b = [0u8; 6];
    for x in b.iter_mut() {
        *x = rng.byte();
    }
    b[0] &= 0xfc;
    b[5] |= 1;
    match rng.below(4) {
        0 => b
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect::<Vec<_>>()
            .join(":"),
        1 => b
            .iter()
            .map(|x| format!("{x:02X}"))
            .collect::<Vec<_>>()
            .join(":"),
        2 => b
            .iter()
            .map(|x| format!("{x:02X}"))
            .collect::<Vec<_>>()
            .join("-"),
        _ => format!(
            "{:02x}{:02x}.{:02x}{:02x}.{:02x}{:02x}",
            b[0], b[1], b[2], b[3], b[4], b[5]
        ),
    }
}

pub fn jwt(rng: &mut Rng) -> Value {
    let header = match rng.below(3) {
        0 => r#"{"alg":"HS256","typ":"JWT"}"#.to_owned(),
        1 => format!(
            r#"{{"typ":"JWT","alg":"RS256","kid":"{}"}}"#,
            rng.string(16, LOWER_HEX)
        ),
        _ => r#"{"alg":"ES256"}"#.to_owned(),
    };
    let payload = format!(
        r#"{{"sub":"{}","name":"{} {}","iat":{},"exp":{}}}"#,
        rng.range(1000, 99_999_999),
        rng.pick(FIRST_NAMES),
        rng.pick(LAST_NAMES),
        rng.range(1_700_000_000, 1_760_000_000),
        rng.range(1_760_000_000, 1_790_000_000),
    );
    let payload = base64(payload.as_bytes(), true);
    let n = *rng.pick(&[43usize, 86, 342]);
    let signature = rng.string(n, BASE64URL);
    Value {
        kind: Pii::Jwt,
        text: format!("{}.{payload}.{signature}", base64(header.as_bytes(), true)),
        fragments: vec![payload, signature],
    }
}

fn bearer_token(rng: &mut Rng) -> String {
    // Opaque access tokens: random, with at least one digit and one letter.
    let n = rng.range(24, 48) as usize;
    format!(
        "{}{}{}",
        rng.string(1, UPPER),
        rng.digits(1),
        rng.string(
            n,
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
        )
    )
    .trim_end_matches('.')
    .to_owned()
}

pub fn password(rng: &mut Rng) -> String {
    let n = rng.range(10, 18) as usize;
    format!(
        "{}{}{}",
        rng.string(n, ALNUM),
        rng.string(1, b"!$*-_~"),
        rng.digits(2)
    )
}

fn github(rng: &mut Rng) -> String {
    if rng.chance(20) {
        format!(
            "github_pat_{}_{}",
            rng.string(22, UPPER_ALNUM),
            rng.string(59, ALNUM)
        )
    } else {
        format!(
            "{}{}",
            rng.pick(&["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]),
            rng.string(36, ALNUM)
        )
    }
}

fn slack(rng: &mut Rng) -> String {
    if rng.chance(50) {
        format!(
            "xoxb-{}-{}-{}",
            rng.digits(12),
            rng.digits(13),
            rng.string(24, ALNUM)
        )
    } else {
        format!(
            "xoxp-{}-{}-{}-{}",
            rng.digits(12),
            rng.digits(12),
            rng.digits(13),
            rng.string(32, LOWER_HEX)
        )
    }
}

fn private_key(rng: &mut Rng) -> Value {
    let label = *rng.pick(&[
        "RSA PRIVATE KEY",
        "PRIVATE KEY",
        "EC PRIVATE KEY",
        "OPENSSH PRIVATE KEY",
    ]);
    let b64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut lines: Vec<String> = (0..rng.range(3, 8)).map(|_| rng.string(64, b64)).collect();
    let last = rng.range(8, 40) as usize;
    lines.push(format!("{}==", rng.string(last, b64)));
    Value {
        kind: Pii::PrivateKey,
        text: format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----",
            lines.join("\n")
        ),
        fragments: lines,
    }
}

fn userinfo(rng: &mut Rng) -> Value {
    let user = rng.pick(FIRST_NAMES).to_ascii_lowercase();
    let password = password(rng);
    let (scheme, host) = *rng.pick(&[
        ("https", "api.partner-example.net"),
        ("postgres", "db.internal.acme.io:5432/orders"),
        ("mysql", "10.20.30.40:3306/shop"),
        ("redis", "cache.prod.local:6379/0"),
        ("amqp", "rabbit.svc.cluster.local/vhost"),
        ("mongodb+srv", "cluster0.ab1cd.mongodb.net/app"),
        ("ftp", "files.globex.io/upload"),
    ]);
    let creds = format!("{user}:{password}");
    Value {
        kind: Pii::Userinfo,
        text: format!("{scheme}://{creds}@{host}"),
        fragments: vec![creds, password],
    }
}

fn bitcoin(rng: &mut Rng) -> String {
    let mut hash = [0u8; 20];
    for b in hash.iter_mut() {
        *b = rng.byte();
    }
    match rng.below(3) {
        0 => base58check(0x00, &hash),
        1 => base58check(0x05, &hash),
        _ => segwit_v0(&hash),
    }
}
