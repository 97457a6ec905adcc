//! The plugin configurations benchmarked: the default profile, and the default profile with
//! fifty custom patterns shaped like the internal identifiers teams add (employee, ticket,
//! account numbers).

/// A fixed key keeps pseudonyms deterministic and avoids the ephemeral-key warning; it is a
/// benchmark constant, not a secret.
pub const KEY: &str = "benchmark-only-key-0123456789";

/// The default profile: every built-in detector on, every part redacted.
pub fn default_profile() -> String {
    format!(r#"{{"redaction":{{"key":"{KEY}"}}}}"#)
}

/// Prefixes of the custom identifiers; fifty distinct ones.
const PREFIXES: [&str; 50] = [
    "EMP", "CUS", "ACC", "TKT", "INV", "POL", "CLM", "MBR", "PAT", "STU", "VND", "SUP", "CTR",
    "LIC", "PRJ", "REQ", "SHP", "RET", "WRK", "DEV", "ASN", "BKG", "CAS", "DOC", "ENR", "FAC",
    "GRP", "HLD", "ISS", "JOB", "KYC", "LOT", "MTR", "NOM", "OPP", "PRM", "QTE", "RSV", "SRV",
    "TRF", "UNT", "VCH", "WAR", "XFR", "YLD", "ZON", "APL", "BEN", "CRD", "DSP",
];

/// The regular expression of custom pattern `i`: five shapes over the prefixes.
pub fn custom_pattern(i: usize) -> String {
    let prefix = PREFIXES[i % PREFIXES.len()];
    let lower = prefix.to_ascii_lowercase();
    match i % 5 {
        0 => format!(r"{prefix}-\d{{6}}"),
        1 => format!(r"{prefix}_[A-Z0-9]{{10}}"),
        2 => format!(r"\b{lower}[0-9a-f]{{12}}\b"),
        3 => format!(r"{prefix}\d{{2}}-\d{{4}}-\d{{4}}"),
        _ => format!(r"(?i)\b{lower}:[a-z]{{3}}\d{{5}}\b"),
    }
}

/// The default profile plus `n` custom patterns (`n <= 50`), each masked.
pub fn custom_profile(n: usize) -> String {
    let custom: Vec<String> = (0..n.min(PREFIXES.len()))
        .map(|i| {
            let pattern = custom_pattern(i).replace('\\', "\\\\");
            format!(
                r#"{{"name":"{}_id","pattern":"{pattern}","operator":{{"type":"mask"}}}}"#,
                PREFIXES[i].to_ascii_lowercase()
            )
        })
        .collect();
    format!(
        r#"{{"redaction":{{"key":"{KEY}","custom":[{}]}}}}"#,
        custom.join(",")
    )
}

/// The profiles the engine benchmarks run, by report name.
pub fn profiles() -> Vec<(&'static str, String)> {
    vec![
        ("default", default_profile()),
        ("default+50custom", custom_profile(50)),
    ]
}
