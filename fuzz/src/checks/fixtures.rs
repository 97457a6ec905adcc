//! The configurations, key and host stand-ins the checks share. Built once per process: a
//! fuzz target runs its check millions of times, and compiling detectors each time would
//! measure the regex compiler instead of the code under test.

use std::sync::OnceLock;

use mirrorguard_engine::config::{CompressedBody, DetectorSetting, PluginConfig};
use mirrorguard_engine::redact::{Keyed, Redactor};
use mirrorguard_engine::{Entity, Entropy, NoEntropy, Policy};

/// The pseudonym key of every redactor built here.
pub const KEY: &[u8] = b"fuzz-key-0123456789";

/// Custom detectors with every operator, key-name fields whose secrets are removed (removal
/// is what breaks structure when a rewriter gets it wrong), and file parts scanned as text.
pub const CUSTOM: &str = r#"{
  "redaction": {
    "key": "fuzz-key-0123456789",
    "custom": [
      {"name": "order_id", "pattern": "ORD-[0-9]{6}"},
      {"name": "api_token", "pattern": "tok_[A-Za-z0-9]{8,}", "operator": {"type": "remove"}},
      {"name": "member", "pattern": "M[0-9]{7}", "operator": {"type": "pseudonymize"}},
      {"name": "ticket", "pattern": "T-[0-9]{4}", "operator": {"type": "hash"}},
      {"name": "account", "pattern": "ACC[0-9]{8}", "operator": {"type": "partial", "keep": 3}}
    ],
    "detectors": {
      "email": {"operator": {"type": "remove"}},
      "phone": {"operator": {"type": "pseudonymize"}}
    },
    "fields": {
      "personal": ["nickname"],
      "secret": ["pin_code"],
      "secretOperator": {"type": "remove"}
    },
    "body": {"multipartFiles": "scan"}
  }
}"#;

/// Deterministic "randomness" for ephemeral keys and fresh trace ids, so that a crash found
/// by the fuzzer replays exactly.
#[derive(Debug, Default)]
pub struct Counter(u8);

impl Entropy for Counter {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), NoEntropy> {
        for byte in buf {
            self.0 = self.0.wrapping_add(37);
            *byte = self.0;
        }
        Ok(())
    }
}

/// What the stand-in environment returns for every variable it has. Distinctive, so that an
/// error message that repeats it is caught.
pub const ENV_SECRET: &str = "env-Secret-4f9a2c7e";

/// The VM environment: every variable is set except those named `UNSET…`, in any case (the
/// config check changes the case of values and expects the same outcome).
pub fn env(name: &str) -> Option<String> {
    let unset = name
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("UNSET"));
    (!unset).then(|| ENV_SECRET.to_owned())
}

pub fn parse_config(json: &str) -> PluginConfig {
    PluginConfig::from_json(json.as_bytes()).expect("fixture config parses")
}

/// A redaction config whose redactor finds nothing: every detector and key-name detection
/// off. Rewriting with it shows what a rewriter does to a body when nothing is redacted.
pub fn identity_config() -> PluginConfig {
    let mut cfg = PluginConfig::default();
    for entity in Entity::ALL {
        let off = DetectorSetting {
            enabled: false,
            operator: None,
        };
        cfg.redaction.detectors.insert(entity, off);
    }
    cfg.redaction.fields.enabled = false;
    cfg
}

/// A configuration and the redactor the body checks build from it.
#[derive(Debug)]
pub struct BodyFixture {
    pub name: &'static str,
    pub cfg: PluginConfig,
    pub redactor: Redactor,
}

impl BodyFixture {
    pub fn new(name: &'static str, cfg: PluginConfig) -> Self {
        let redactor = Redactor::compile(&cfg.redaction, Keyed::from_secret(KEY))
            .unwrap_or_else(|e| panic!("fixture {name} compiles: {e}"));
        Self {
            name,
            cfg,
            redactor,
        }
    }
}

/// The redactors every body check runs: defaults, and the custom configuration.
pub fn redactors() -> &'static [BodyFixture] {
    static CELL: OnceLock<Vec<BodyFixture>> = OnceLock::new();
    CELL.get_or_init(|| {
        vec![
            BodyFixture::new("default", PluginConfig::default()),
            BodyFixture::new("custom", parse_config(CUSTOM)),
        ]
    })
}

/// The redactor that finds nothing (see [`identity_config`]).
pub fn identity() -> &'static BodyFixture {
    static CELL: OnceLock<BodyFixture> = OnceLock::new();
    CELL.get_or_init(|| BodyFixture::new("identity", identity_config()))
}

/// Redactors for compressed bodies, all with the same limits so that their outcomes compare.
#[derive(Debug)]
pub struct Compressed {
    /// The custom configuration, forwarding the redacted body decompressed.
    pub decode: BodyFixture,
    /// The same, compressing the redacted body again.
    pub reencode: BodyFixture,
    /// Finds nothing; its limit is far above the others', to decompress what they produce.
    pub identity: BodyFixture,
    /// Finds nothing, with a decompressed limit small enough for the fuzzer to hit.
    pub tight: BodyFixture,
}

/// Decompressed limit of [`Compressed::decode`] and [`Compressed::reencode`].
pub const COMPRESSED_LIMIT: usize = 256 * 1024;
/// Decompressed limit of [`Compressed::tight`].
pub const TIGHT_LIMIT: usize = 1024;

pub fn compressed() -> &'static Compressed {
    static CELL: OnceLock<Compressed> = OnceLock::new();
    CELL.get_or_init(|| {
        let custom = |compressed| {
            let mut cfg = parse_config(CUSTOM);
            cfg.redaction.body.max_bytes = COMPRESSED_LIMIT;
            cfg.redaction.body.max_decompressed_bytes = COMPRESSED_LIMIT;
            cfg.redaction.body.compressed = compressed;
            cfg
        };
        let mut tight = identity_config();
        tight.redaction.body.max_bytes = TIGHT_LIMIT;
        tight.redaction.body.max_decompressed_bytes = TIGHT_LIMIT;
        Compressed {
            decode: BodyFixture::new("decode", custom(CompressedBody::Decode)),
            reencode: BodyFixture::new("reencode", custom(CompressedBody::Reencode)),
            identity: BodyFixture::new("identity", identity_config()),
            tight: BodyFixture::new("tight", tight),
        }
    })
}

/// The policies the request check runs: defaults (with an ephemeral key from [`Counter`]),
/// and the custom configuration.
pub fn policies() -> &'static [Policy] {
    static CELL: OnceLock<Vec<Policy>> = OnceLock::new();
    CELL.get_or_init(|| {
        [PluginConfig::default(), parse_config(CUSTOM)]
            .iter()
            .map(|cfg| {
                Policy::compile(cfg, &env, &mut Counter::default())
                    .map(|(policy, _warnings)| policy)
                    .unwrap_or_else(|e| panic!("fixture policy compiles: {e}"))
            })
            .collect()
    })
}
