//! Requests written as templates: literal text with labelled slots in between. Rendering
//! gives the bytes that are sent; *aligning* the redacted output against the same template
//! recovers what became of each slot, wherever it sat (a JSON string, a form field, a
//! header, a sentence), so every inserted value can be judged on its own.
//!
//! Alignment finds each literal in turn after the previous slot; the template must put a
//! literal between any two slots, and a literal that follows a slot must be something no
//! redacted value contains (a JSON `", "key": `, a `&key=`, or `, ` in prose).

use super::encode;

/// How a slot's value is written into its carrier (and read back out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enc {
    /// As is: prose, header values, multipart fields.
    Raw,
    /// A JSON string, quotes included.
    JsonStr,
    /// Inside a JSON string, between other text of that string.
    JsonInner,
    /// A bare JSON number.
    JsonNum,
    /// A path segment: percent-encoded, spaces as `%20`.
    Path,
    /// `application/x-www-form-urlencoded` and query strings.
    Form,
    Cookie,
    Xml,
}

impl Enc {
    pub fn encode(self, value: &str) -> String {
        match self {
            Enc::Raw | Enc::JsonNum => value.to_owned(),
            Enc::JsonStr => serde_json::to_string(value).unwrap_or_default(),
            Enc::JsonInner => {
                let quoted = serde_json::to_string(value).unwrap_or_default();
                quoted[1..quoted.len() - 1].to_owned()
            }
            Enc::Path => encode::form(value).replace('+', "%20"),
            Enc::Form => encode::form(value),
            Enc::Cookie => encode::cookie(value),
            Enc::Xml => encode::xml_escape(value),
        }
    }

    pub fn decode(self, text: &str) -> String {
        match self {
            Enc::Raw => text.to_owned(),
            // A number a redaction turned into a mask label comes back as a string.
            Enc::JsonStr | Enc::JsonNum => {
                serde_json::from_str::<String>(text).unwrap_or_else(|_| text.to_owned())
            }
            Enc::JsonInner => serde_json::from_str::<String>(&format!("\"{text}\""))
                .unwrap_or_else(|_| text.to_owned()),
            Enc::Form => encode::percent_decode(text, true),
            Enc::Path => encode::percent_decode(text, false),
            Enc::Cookie => encode::percent_decode(text, false),
            Enc::Xml => encode::xml_unescape(text),
        }
    }
}

/// What a slot holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// Personal data or a secret: must not survive. `fragments` must not survive either.
    Pii {
        category: &'static str,
        fragments: Vec<String>,
    },
    /// Not personal: must survive byte-identical.
    Plain { category: &'static str },
    /// Personal data the engine is documented not to find (a person's name in prose: there is
    /// no named-entity recognition). Counted and reported, not held to the bar.
    OutOfScope { category: &'static str },
    /// Neither judged nor expected to survive (a file part's content, emptied by design).
    Opaque,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub value: String,
    pub enc: Enc,
    pub label: Label,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Lit(String),
    Slot(Slot),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Template {
    segs: Vec<Seg>,
}

impl Template {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn lit(&mut self, text: &str) -> &mut Self {
        match self.segs.last_mut() {
            Some(Seg::Lit(last)) => last.push_str(text),
            _ if text.is_empty() => {}
            _ => self.segs.push(Seg::Lit(text.to_owned())),
        }
        self
    }

    pub fn slot(&mut self, slot: Slot) -> &mut Self {
        assert!(
            !matches!(self.segs.last(), Some(Seg::Slot(_))),
            "two slots without a literal between them cannot be aligned"
        );
        self.segs.push(Seg::Slot(slot));
        self
    }

    pub fn pii(
        &mut self,
        category: &'static str,
        value: &str,
        fragments: &[String],
        enc: Enc,
    ) -> &mut Self {
        self.slot(Slot {
            value: value.to_owned(),
            enc,
            label: Label::Pii {
                category,
                fragments: fragments.to_vec(),
            },
        })
    }

    pub fn plain(&mut self, category: &'static str, value: &str, enc: Enc) -> &mut Self {
        self.slot(Slot {
            value: value.to_owned(),
            enc,
            label: Label::Plain { category },
        })
    }

    pub fn opaque(&mut self, value: &str) -> &mut Self {
        self.slot(Slot {
            value: value.to_owned(),
            enc: Enc::Raw,
            label: Label::Opaque,
        })
    }

    /// Appends another template (which must not start with a slot if this one ends with one).
    pub fn extend(&mut self, other: &Template) -> &mut Self {
        for seg in &other.segs {
            match seg {
                Seg::Lit(text) => {
                    self.lit(text);
                }
                Seg::Slot(slot) => {
                    self.slot(slot.clone());
                }
            }
        }
        self
    }

    pub fn slots(&self) -> impl Iterator<Item = &Slot> {
        self.segs.iter().filter_map(|s| match s {
            Seg::Slot(slot) => Some(slot),
            Seg::Lit(_) => None,
        })
    }

    pub fn render(&self) -> String {
        self.segs
            .iter()
            .map(|s| match s {
                Seg::Lit(text) => text.clone(),
                Seg::Slot(slot) => slot.enc.encode(&slot.value),
            })
            .collect()
    }

    /// The output text of each slot (still encoded), in order; `Err` names the literal that
    /// could not be found, which means redaction changed text that was not in any slot.
    pub fn align<'o>(&self, out: &'o str) -> Result<Vec<&'o str>, String> {
        let mut slots = Vec::new();
        let mut pos = 0;
        let mut open: Option<usize> = None;
        for (i, seg) in self.segs.iter().enumerate() {
            match seg {
                Seg::Slot(_) => open = Some(pos),
                Seg::Lit(text) => {
                    let last = i + 1 == self.segs.len();
                    let at = match (open.take(), last) {
                        (None, _) => out
                            .get(pos..)
                            .filter(|rest| rest.starts_with(text.as_str()))
                            .map(|_| pos),
                        (Some(_), true) => out
                            .len()
                            .checked_sub(text.len())
                            .filter(|&s| s >= pos && out.get(s..) == Some(text.as_str())),
                        (Some(_), false) => out
                            .get(pos..)
                            .and_then(|r| r.find(text.as_str()))
                            .map(|k| pos + k),
                    };
                    let Some(at) = at else {
                        return Err(format!("literal {text:?} not found after byte {pos}"));
                    };
                    if i > 0 && matches!(self.segs.get(i - 1), Some(Seg::Slot(_))) {
                        slots.push(out.get(pos..at).unwrap_or(""));
                    }
                    pos = at + text.len();
                }
            }
        }
        if open.is_some() {
            slots.push(out.get(pos..).unwrap_or(""));
        } else if pos != out.len() {
            return Err(format!("{} unexpected bytes at the end", out.len() - pos));
        }
        Ok(slots)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_and_align_round_trip() {
        let mut t = Template::new();
        t.lit("{\"a\": ")
            .plain("x", "1 \"two\"", Enc::JsonStr)
            .lit(", \"b\": ")
            .pii("email", "a@b.com", &[], Enc::JsonStr)
            .lit("}");
        let text = t.render();
        assert_eq!(text, r#"{"a": "1 \"two\"", "b": "a@b.com"}"#);
        assert_eq!(
            t.align(&text).unwrap(),
            vec![r#""1 \"two\"""#, r#""a@b.com""#]
        );
        let changed = r#"{"a": "1 \"two\"", "b": "x@y.example"}"#;
        assert_eq!(t.align(changed).unwrap()[1], r#""x@y.example""#);
        assert!(t.align(r#"{"A": "1", "b": "x"}"#).is_err());
    }
}
