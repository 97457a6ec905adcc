//! Judging a redacted copy against the labelled request it came from: which secret or
//! personal value survived anywhere (a leak), and which non-personal value did not come out
//! byte-identical (an alteration).

use std::collections::BTreeMap;

use super::encode::{json_unescape_all, percent_decode, xml_unescape};
use super::mirror::{Output, Request, TAG_HEADERS};
use super::template::{Label, Slot, Template};

/// Values shorter than this are only looked for in their own slot: a four-digit PIN or a
/// first name can occur anywhere in a request by chance.
const GLOBAL_MIN_LEN: usize = 8;
/// Digit sequences at least this long are looked for whatever separators they are written
/// with.
const DIGITS_MIN: usize = 9;

#[derive(Debug, Default, Clone)]
pub struct Counts {
    pub total: usize,
    pub bad: usize,
}

/// The verdict on one copy (or, merged, on a corpus).
#[derive(Debug, Default, Clone)]
pub struct Judgement {
    /// Per category of personal data: values inserted, values that leaked.
    pub pii: BTreeMap<&'static str, Counts>,
    /// Per category of other data: values inserted, values altered.
    pub plain: BTreeMap<&'static str, Counts>,
    /// Personal data outside what the detectors promise: values inserted, values that survived.
    pub out_of_scope: BTreeMap<&'static str, Counts>,
    /// Descriptions of every leak (for failure messages; test data only).
    pub leaks: Vec<String>,
    pub alterations: Vec<String>,
    /// Text outside every slot that changed, or a header that vanished unexpectedly.
    pub structure: Vec<String>,
}

impl Judgement {
    pub fn merge(&mut self, other: Judgement) {
        for (k, v) in other.pii {
            let c = self.pii.entry(k).or_default();
            c.total += v.total;
            c.bad += v.bad;
        }
        for (k, v) in other.plain {
            let c = self.plain.entry(k).or_default();
            c.total += v.total;
            c.bad += v.bad;
        }
        for (k, v) in other.out_of_scope {
            let c = self.out_of_scope.entry(k).or_default();
            c.total += v.total;
            c.bad += v.bad;
        }
        self.leaks.extend(other.leaks);
        self.alterations.extend(other.alterations);
        self.structure.extend(other.structure);
    }

    pub fn leaked(&self) -> usize {
        self.pii.values().map(|c| c.bad).sum()
    }

    pub fn pii_total(&self) -> usize {
        self.pii.values().map(|c| c.total).sum()
    }

    pub fn altered(&self) -> usize {
        self.plain.values().map(|c| c.bad).sum()
    }

    pub fn plain_total(&self) -> usize {
        self.plain.values().map(|c| c.total).sum()
    }
}

/// The digits of every run of number-like text (digits and the separators numbers are
/// written with), so a value survives this check only if its digits never appear together.
fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if !matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '/') && !cur.is_empty() {
            runs.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

fn digits_of(value: &str) -> Option<String> {
    let number_like = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+'));
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    (number_like && digits.len() >= DIGITS_MIN).then_some(digits)
}

/// The views of the output in which a value could be read: as sent, and with each encoding
/// the carriers use undone.
struct Views {
    texts: Vec<String>,
    digits: Vec<String>,
}

impl Views {
    fn of(output: &Output) -> Self {
        let raw = output.text();
        let texts = vec![
            percent_decode(&raw, true),
            percent_decode(&raw, false),
            json_unescape_all(&raw),
            xml_unescape(&raw),
            raw,
        ];
        let digits = texts.iter().flat_map(|t| digit_runs(t)).collect();
        Self { texts, digits }
    }

    fn contains(&self, needle: &str) -> bool {
        self.texts.iter().any(|t| t.contains(needle))
    }

    fn contains_digits(&self, digits: &str) -> bool {
        self.digits.iter().any(|d| d.contains(digits))
    }
}

/// Judges one copy. `output` is `None` when the copy was dropped: nothing leaked, and every
/// non-personal value counts as altered.
pub fn judge(request: &Request, output: Option<&Output>) -> Judgement {
    let mut j = Judgement::default();
    let Some(output) = output else {
        for slot in request.slots() {
            record(&mut j, "dropped copy", slot, None, None);
        }
        j.structure.push("copy dropped".to_owned());
        return j;
    };
    let views = Views::of(output);

    let path = output.header(":path", 0).unwrap_or("");
    judge_part(&mut j, ":path", &request.path, Some(path), &views);
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, template) in &request.headers {
        let n = seen.entry(name.as_str()).or_insert(0);
        let value = output.header(name, *n);
        *n += 1;
        judge_part(&mut j, name, template, value, &views);
    }
    let expected: Vec<&str> = [":authority", ":path", ":method", ":scheme", "content-type"]
        .into_iter()
        .chain(request.headers.iter().map(|(n, _)| n.as_str()))
        .chain(TAG_HEADERS)
        .chain(["content-length", "content-encoding"])
        .collect();
    for (name, _) in output.headers.pairs() {
        if !expected.contains(&name.as_str()) {
            j.structure.push(format!("unexpected header {name}"));
        }
    }
    if let Some(body) = &request.body {
        let text = String::from_utf8_lossy(&output.body);
        judge_part(&mut j, "body", &body.template, Some(&text), &views);
    }
    j
}

fn judge_part(
    j: &mut Judgement,
    part: &str,
    template: &Template,
    out: Option<&str>,
    views: &Views,
) {
    let aligned = match out.map(|o| template.align(o)) {
        Some(Ok(slots)) => Some(slots),
        Some(Err(e)) => {
            j.structure.push(format!("{part}: {e}"));
            None
        }
        None => None,
    };
    for (i, slot) in template.slots().enumerate() {
        let got = aligned
            .as_ref()
            .and_then(|a| a.get(i))
            .map(|s| slot.enc.decode(s));
        record(j, part, slot, got.as_deref(), Some(views));
    }
}

fn record(j: &mut Judgement, part: &str, slot: &Slot, got: Option<&str>, views: Option<&Views>) {
    match &slot.label {
        Label::Opaque => {}
        Label::OutOfScope { category } => {
            let c = j.out_of_scope.entry(category).or_default();
            c.total += 1;
            if got.is_some_and(|g| g.contains(slot.value.as_str())) {
                c.bad += 1;
            }
        }
        Label::Plain { category } => {
            let c = j.plain.entry(category).or_default();
            c.total += 1;
            if got != Some(slot.value.as_str()) {
                c.bad += 1;
                j.alterations.push(format!(
                    "{category} in {part}: {:?} became {:?}",
                    slot.value,
                    got.unwrap_or("<gone>")
                ));
            }
        }
        Label::Pii {
            category,
            fragments,
        } => {
            let c = j.pii.entry(category).or_default();
            c.total += 1;
            let secrets = std::iter::once(&slot.value).chain(fragments.iter());
            let mut leaked = None;
            for secret in secrets {
                let in_slot = got.is_some_and(|g| g.contains(secret.as_str()));
                let digits = digits_of(secret);
                let in_slot_digits = got.is_some_and(|g| {
                    digits
                        .as_ref()
                        .is_some_and(|d| digit_runs(g).iter().any(|r| r.contains(d.as_str())))
                });
                let anywhere = views.is_some_and(|v| {
                    (secret.len() >= GLOBAL_MIN_LEN && v.contains(secret))
                        || digits.as_ref().is_some_and(|d| v.contains_digits(d))
                });
                if in_slot || in_slot_digits || anywhere {
                    leaked = Some(secret.clone());
                    break;
                }
            }
            if let Some(secret) = leaked {
                c.bad += 1;
                j.leaks.push(format!(
                    "{category} in {part}: {secret:?} survived (slot became {:?})",
                    got.unwrap_or("<gone>")
                ));
            }
        }
    }
}
