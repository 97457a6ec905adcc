//! Errors of the engine. Their messages are written for logs: they name fields, detectors
//! and limits, and never carry a value from the configuration or from a request.

use std::fmt;

/// A configuration that cannot be used, pointing at the field that is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    field: String,
    reason: String,
}

impl ConfigError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// The dotted path of the offending field (`headers.set.authorization`); empty when the
    /// document as a whole is wrong (e.g. not JSON).
    pub fn field(&self) -> &str {
        &self.field
    }

    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Builds an error from serde's, with the path of the field it is about. serde's messages
    /// quote the offending value (`invalid type: string "hunter2", expected ...`), so quoted
    /// text is cut out before the message is kept.
    pub(crate) fn from_serde(path: String, err: &serde_json::Error) -> Self {
        let text = err.to_string();
        // serde_json appends " at line L column C"; the position is safe and useful.
        let reason = scrub_values(&text);
        Self {
            field: path,
            reason,
        }
    }
}

/// Removes the values serde quotes in its messages. Field names in `unknown field` and
/// `missing field` messages are kept: they are the configuration's keys, which the user needs
/// to see, and never secret.
fn scrub_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find('"') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('"') {
            Some(end) => {
                out.push_str("<value>");
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("<value>");
                rest = "";
            }
        }
    }
    out.push_str(rest);
    // `invalid type: integer `5`, expected ...`: numbers, booleans and characters are quoted
    // with backticks; only the first backticked text before `expected` is the value.
    for kind in ["invalid type: ", "invalid value: "] {
        let Some(start) = out.find(kind) else {
            continue;
        };
        let head = start + kind.len();
        let expected = out[head..]
            .find("expected")
            .map_or(out.len(), |at| head + at);
        if let Some(open) = out[head..expected].find('`') {
            let open = head + open;
            if let Some(close) = out[open + 1..expected].find('`') {
                out.replace_range(open..open + 1 + close + 1, "<value>");
            }
        }
    }
    // `unknown variant `x`, expected one of ...`: the variant given is a value.
    if let Some(pos) = out.find("unknown variant `") {
        let head_len = pos + "unknown variant ".len();
        if let Some(close) = out[head_len + 1..].find('`') {
            let tail = out[head_len + 1 + close + 1..].to_owned();
            out.truncate(head_len);
            out.push_str("<value>");
            out.push_str(&tail);
        }
    }
    out
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "invalid plugin config: {}", self.reason)
        } else {
            write!(
                f,
                "invalid plugin config at `{}`: {}",
                self.field, self.reason
            )
        }
    }
}

impl std::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_quoted_values_and_variants() {
        assert_eq!(
            scrub_values(r#"invalid type: string "hunter2", expected a boolean"#),
            "invalid type: string <value>, expected a boolean"
        );
        assert_eq!(
            scrub_values("unknown variant `hunter2`, expected `all` or `mirrored`"),
            "unknown variant <value>, expected `all` or `mirrored`"
        );
        assert_eq!(
            scrub_values("unknown field `remvoe`"),
            "unknown field `remvoe`"
        );
        assert_eq!(
            scrub_values("invalid type: integer `12345`, expected a string or `fromEnv`"),
            "invalid type: integer <value>, expected a string or `fromEnv`"
        );
        assert_eq!(
            scrub_values("invalid value: integer `-1`, expected usize at line 1 column 9"),
            "invalid value: integer <value>, expected usize at line 1 column 9"
        );
        assert_eq!(
            scrub_values("invalid type: map, expected `label`"),
            "invalid type: map, expected `label`"
        );
    }
}
