//! Writers for the carriers a corpus request is made of, producing labelled templates: a
//! JSON writer that keeps track of commas, and pair lists for forms, queries and cookies.

use crate::common::template::{Enc, Label, Slot, Template};

/// One value to write, with its label.
#[derive(Debug, Clone)]
pub enum V {
    /// Personal data or a secret (category, value, secret parts).
    Pii(&'static str, String, Vec<String>),
    /// Non-personal data that must survive.
    Plain(&'static str, String),
    /// Personal data the engine does not promise to find (see [`Label::OutOfScope`]).
    OutOfScope(&'static str, String),
    /// Written, but neither judged nor counted (JSON structure the writer needs).
    Fixed(String),
}

pub fn pii(category: &'static str, value: impl Into<String>) -> V {
    V::Pii(category, value.into(), Vec::new())
}

pub fn plain(category: &'static str, value: impl Into<String>) -> V {
    V::Plain(category, value.into())
}

/// Puts `v` into `t` as a slot (or a literal for [`V::Fixed`]).
pub fn put(t: &mut Template, v: &V, enc: Enc) {
    match v {
        V::Pii(c, value, frags) => {
            t.pii(c, value, frags, enc);
        }
        V::Plain(c, value) => {
            t.plain(c, value, enc);
        }
        V::OutOfScope(category, value) => {
            t.slot(Slot {
                value: value.clone(),
                enc,
                label: Label::OutOfScope { category },
            });
        }
        V::Fixed(value) => {
            t.lit(&enc.encode(value));
        }
    }
}

/// A JSON document written member by member.
#[derive(Debug, Default)]
pub struct Json {
    t: Template,
    /// Per open container: whether a member was written yet.
    open: Vec<bool>,
}

impl Json {
    pub fn new() -> Self {
        Self::default()
    }

    fn prefix(&mut self, key: Option<&str>) {
        if let Some(first) = self.open.last_mut() {
            if *first {
                *first = false;
            } else {
                self.t.lit(", ");
            }
        }
        if let Some(k) = key {
            self.t
                .lit(&serde_json::to_string(k).unwrap_or_default())
                .lit(": ");
        }
    }

    pub fn obj(&mut self, key: Option<&str>) -> &mut Self {
        self.prefix(key);
        self.t.lit("{");
        self.open.push(true);
        self
    }

    pub fn arr(&mut self, key: Option<&str>) -> &mut Self {
        self.prefix(key);
        self.t.lit("[");
        self.open.push(true);
        self
    }

    pub fn end_obj(&mut self) -> &mut Self {
        self.open.pop();
        self.t.lit("}");
        self
    }

    pub fn end_arr(&mut self) -> &mut Self {
        self.open.pop();
        self.t.lit("]");
        self
    }

    /// A string member.
    pub fn s(&mut self, key: &str, v: V) -> &mut Self {
        self.prefix(Some(key));
        put(&mut self.t, &v, Enc::JsonStr);
        self
    }

    /// A string array element.
    pub fn item(&mut self, v: V) -> &mut Self {
        self.prefix(None);
        put(&mut self.t, &v, Enc::JsonStr);
        self
    }

    /// A bare member: a number, `true`, `false` or `null`, written as its text.
    pub fn n(&mut self, key: &str, v: V) -> &mut Self {
        self.prefix(Some(key));
        put(&mut self.t, &v, Enc::JsonNum);
        self
    }

    /// A string member made of literal text and slots (a sentence with values in it).
    pub fn sentence(&mut self, key: &str, parts: &[V]) -> &mut Self {
        self.prefix(Some(key));
        self.t.lit("\"");
        for p in parts {
            put(&mut self.t, p, Enc::JsonInner);
        }
        self.t.lit("\"");
        self
    }

    pub fn finish(mut self) -> Template {
        while self.open.pop().is_some() {
            self.t.lit("}");
        }
        self.t
    }
}

/// `k=v&k=v` (form bodies and query strings) or `k=v; k=v` (cookies).
#[derive(Debug)]
pub struct Pairs {
    t: Template,
    sep: &'static str,
    enc: Enc,
    first: bool,
}

impl Pairs {
    pub fn form() -> Self {
        Self {
            t: Template::new(),
            sep: "&",
            enc: Enc::Form,
            first: true,
        }
    }

    pub fn cookie() -> Self {
        Self {
            t: Template::new(),
            sep: "; ",
            enc: Enc::Cookie,
            first: true,
        }
    }

    pub fn add(&mut self, key: &str, v: V) -> &mut Self {
        if !self.first {
            self.t.lit(self.sep);
        }
        self.first = false;
        self.t.lit(key).lit("=");
        put(&mut self.t, &v, self.enc);
        self
    }

    pub fn finish(self) -> Template {
        self.t
    }

    /// Appends to an existing template (a path before its query).
    pub fn into(self, t: &mut Template) {
        t.extend(&self.t);
    }
}

/// Text made of literal parts and slots, as in a log line or an e-mail body.
pub fn text(t: &mut Template, parts: &[V], enc: Enc) {
    for p in parts {
        put(t, p, enc);
    }
}

pub fn lit(s: &str) -> V {
    V::Fixed(s.to_owned())
}
