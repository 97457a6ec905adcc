use proptest::prelude::*;

use super::*;
use crate::body::tests::{keys, redactor, redactor_from, NEEDS_ESCAPING};

fn run<R: FieldRedactor>(r: &R, input: &str) -> (String, u32) {
    let mut tally = Tally::default();
    let out = rewrite(r, input, &mut tally).into_owned();
    (out, tally.values)
}

#[test]
fn detected_values_are_replaced_and_everything_else_kept() {
    let r = redactor();
    let table = [
        // Formatting, order, number spelling and escapes of untouched values survive.
        (
            "{ \"b\" : 1.50e+3 ,\n\t\"a\":[ true,false , null ],\"s\":\"\\u00e9\\/\" }",
            "{ \"b\" : 1.50e+3 ,\n\t\"a\":[ true,false , null ],\"s\":\"\\u00e9\\/\" }",
            0,
        ),
        (
            r#"{"to":"write to a@b.com today","n":1}"#,
            r#"{"to":"write to [EMAIL] today","n":1}"#,
            1,
        ),
        // Escapes are decoded before detection.
        (
            r#"{"to":"a\u0040b.com","x":"\"q\""}"#,
            r#"{"to":"[EMAIL]","x":"\"q\""}"#,
            1,
        ),
        // Surrogate pairs decode to one char, and the rest of the value is rewritten.
        (r#"["\ud83d\ude00 a@b.com"]"#, "[\"\u{1f600} [EMAIL]\"]", 1),
        // Member names are scanned too.
        (
            r#"{"a@b.com":{"c@d.com":2}}"#,
            r#"{"[EMAIL]":{"[EMAIL]":2}}"#,
            2,
        ),
        // Numbers are passed as text: a mask makes a string of them.
        (
            r#"{"card":4111111111111111,"n":41111111111111111}"#,
            r#"{"card":"[CARD]","n":"[CARD]1"}"#,
            2,
        ),
        (r#""a@b.com""#, r#""[EMAIL]""#, 1),
        ("\u{feff} [\"a@b.com\"] ", "\u{feff} [\"[EMAIL]\"] ", 1),
        (r#"[[[["a@b.com"]]],[]]"#, r#"[[[["[EMAIL]"]]],[]]"#, 1),
    ];
    for (input, want, count) in table {
        assert_eq!(run(&r, input), (want.to_owned(), count), "{input}");
    }
}

#[test]
fn unchanged_documents_are_borrowed() {
    let r = redactor();
    let input = r#"{"a":[1,2,{"b":"no personal data"}],"c":"x\ny"}"#;
    assert!(matches!(
        rewrite(&r, input, &mut Tally::default()),
        Cow::Borrowed(_)
    ));
}

#[test]
fn values_go_under_the_nearest_member_name() {
    let k = keys();
    let table = [
        (
            r#"{"password":"x","other":"x"}"#,
            r#"{"password":"[SECRET]","other":"x"}"#,
        ),
        // Array elements, at any depth, take the array's member name.
        (
            r#"{"password":["a",["b"],{"x":"c","password":"d"}]}"#,
            r#"{"password":["[SECRET]",["[SECRET]"],{"x":"c","password":"[SECRET]"}]}"#,
        ),
        // A string stays a string; a number stays a number.
        (
            r#"{"age":"31","x":{"age":30.5}}"#,
            r#"{"age":"42","x":{"age":42}}"#,
        ),
        (
            r#"{"user":{"password":"x"},"n":"password"}"#,
            r#"{"user":{"password":"[SECRET]"},"n":"password"}"#,
        ),
    ];
    for (input, want) in table {
        assert_eq!(run(&k, input).0, want, "{input}");
    }
}

#[test]
fn root_key_applies_to_top_level_values() {
    let k = keys();
    let mut tally = Tally::default();
    assert_eq!(
        rewrite_under(&k, "password", r#"["x",{"a":"y"}]"#, &mut tally),
        r#"["[SECRET]",{"a":"y"}]"#
    );
    assert_eq!(rewrite_under(&k, "drop", "\"x\"", &mut tally), "null");
}

#[test]
fn removed_members_and_elements_take_their_comma_with_them() {
    let k = keys();
    let table = [
        (r#"{"drop":"x","a":1}"#, r#"{"a":1}"#),
        (r#"{"a":1,"drop":"x"}"#, r#"{"a":1}"#),
        (r#"{"a":1,"drop":"x","b":2}"#, r#"{"a":1,"b":2}"#),
        (r#"{"drop":"x","drop2":3,"b":2}"#, r#"{"b":2}"#),
        (r#"{"drop":"x","drop2":3}"#, r#"{}"#),
        (r#"{ "drop" : "x" }"#, r#"{ }"#),
        (
            "{\n  \"drop\": \"x\",\n  \"a\": 1,\n  \"drop\": 2\n}",
            "{\n  \"a\": 1\n}",
        ),
        (r#"{"drop":[1,"x",2]}"#, r#"{"drop":[]}"#),
        (
            r#"{"drop":[1,{"a":"x"},"y",[2]]}"#,
            r#"{"drop":[{"a":"x"},[]]}"#,
        ),
        (
            r#"[1,{"drop":"x"},{"drop":null}]"#,
            r#"[1,{},{"drop":null}]"#,
        ),
        // A member whose name was redacted, then removed.
        (r#"{"drop@me.com":"v","a":1}"#, r#"{"a":1}"#),
        (r#"{"a":1,"drop@me.com":"v"}"#, r#"{"a":1}"#),
        (
            r#"{"a@b.com":1,"drop@me.com":"v","c@d.com":2}"#,
            r#"{"[EMAIL]":1,"[EMAIL]":2}"#,
        ),
    ];
    for (input, want) in table {
        let (out, _) = run(&k, input);
        assert_eq!(out, want, "{input}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap();
    }
}

#[test]
fn replacements_are_escaped() {
    let k = keys();
    let (out, _) = run(&k, r#"{"ctl":"x","ctl":1}"#);
    let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(parsed["ctl"], NEEDS_ESCAPING);
    assert_eq!(
        out,
        format!(
            r#"{{"ctl":{0},"ctl":{0}}}"#,
            serde_json::to_string(NEEDS_ESCAPING).unwrap()
        )
    );
}

#[test]
fn lone_surrogates_are_read_as_replacement_characters() {
    let r = redactor();
    assert!(matches!(
        rewrite(&r, r#"["\ud800", "\udc00x"]"#, &mut Tally::default()),
        Cow::Borrowed(_)
    ));
    let (out, count) = run(&r, r#"["\ud800a@b.com"]"#);
    assert_eq!((out.as_str(), count), ("[\"\u{fffd}[EMAIL]\"]", 1));
}

#[test]
fn malformed_json_is_scanned_as_text() {
    let r = redactor();
    let table = [
        (r#"{"to": "a@b.com""#, r#"{"to": "[EMAIL]""#),
        ("{'to': 'a@b.com'}", "{'to': '[EMAIL]'}"),
        (
            r#"{"n": 01, "to": "a@b.com"}"#,
            r#"{"n": 01, "to": "[EMAIL]"}"#,
        ),
        (r#"["a@b.com"] x"#, r#"["[EMAIL]"] x"#),
        (r#"["a@b.com",]"#, r#"["[EMAIL]",]"#),
        (r#"["a@b.com" "x"]"#, r#"["[EMAIL]" "x"]"#),
        (r#"{"a@b.com"}"#, r#"{"[EMAIL]"}"#),
        ("[\"tab\there a@b.com\"]", "[\"tab\there [EMAIL]\"]"),
        (r#"["\x a@b.com"]"#, r#"["\x [EMAIL]"]"#),
        ("", ""),
        ("  ", "  "),
    ];
    for (input, want) in table {
        // Counted once, although the scanner saw the value before giving up.
        let (out, count) = run(&r, input);
        assert_eq!(out, want, "{input}");
        assert_eq!(count, u32::from(want.contains("[EMAIL]")), "{input}");
    }
}

fn nested(depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn nesting_is_limited_without_recursion() {
    let r = redactor();
    // Within the limit the escape is decoded, so the address is found.
    let (out, _) = run(&r, &nested(MAX_DEPTH, r#""a\u0040b.com""#));
    assert_eq!(out, nested(MAX_DEPTH, r#""[EMAIL]""#));
    // Beyond it the document is text: plain addresses are still found, escaped ones not.
    let deep = nested(MAX_DEPTH + 1, r#""a\u0040b.com","c@d.com""#);
    let (out, _) = run(&r, &deep);
    assert_eq!(out, nested(MAX_DEPTH + 1, r#""a\u0040b.com","[EMAIL]""#));
    // Far deeper than any stack would take.
    let (out, _) = run(&r, &nested(1_000_000, r#""c@d.com""#));
    assert_eq!(out, nested(1_000_000, r#""[EMAIL]""#));
    let opens = "{\"a\":".repeat(200_000);
    let (out, _) = run(&r, &format!("{opens}\"c@d.com\""));
    assert!(out.ends_with("\"[EMAIL]\""));
}

#[test]
fn numbers() {
    for ok in [
        "0",
        "-0",
        "12",
        "-1.5",
        "1e9",
        "1E+9",
        "2.5e-3",
        "123456789012345678901234567890",
    ] {
        assert!(is_number(ok), "{ok}");
    }
    for bad in [
        "", "-", "01", "1.", ".5", "1e", "1e+", "+1", "0x1", "1 ", "NaN", "[EMAIL]",
    ] {
        assert!(!is_number(bad), "{bad}");
    }
}

/// A JSON value tree with ordered members (and possible duplicate names), so the expected
/// output can be written out exactly.
#[derive(Debug, Clone)]
enum Tree {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Tree>),
    Obj(Vec<(String, Tree)>),
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{0,8}",
        "[a-z]{1,5}@[a-z]{1,5}\\.com",
        "[a-z]{0,3} [a-z]{1,5}@[a-z]{1,5}\\.com [a-z]{0,3}",
        "\\PC{0,8}",
        "[\"\\\\\u{0}-\u{1f}é😀]{0,4}",
    ]
}

fn number_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "-?(0|[1-9][0-9]{0,8})(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,2})?",
        "4[0-9]{15}",
    ]
}

fn tree_strategy() -> impl Strategy<Value = Tree> {
    let leaf = prop_oneof![
        Just(Tree::Null),
        any::<bool>().prop_map(Tree::Bool),
        number_strategy().prop_map(Tree::Num),
        text_strategy().prop_map(Tree::Str),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Tree::Arr),
            prop::collection::vec((text_strategy(), inner), 0..6).prop_map(Tree::Obj),
        ]
    })
}

impl Tree {
    /// Serialises compactly, or pretty with `indent`.
    fn write(&self, out: &mut String, indent: Option<usize>) {
        let quote = |s: &str| serde_json::to_string(s).unwrap();
        let newline = |out: &mut String, level: usize| {
            if let Some(level) = indent.map(|_| level) {
                out.push('\n');
                out.push_str(&"  ".repeat(level));
            }
        };
        let level = indent.unwrap_or(0);
        let inner = indent.map(|l| l + 1);
        match self {
            Tree::Null => out.push_str("null"),
            Tree::Bool(b) => out.push_str(&b.to_string()),
            Tree::Num(n) => out.push_str(n),
            Tree::Str(s) => out.push_str(&quote(s)),
            Tree::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, level + 1);
                    item.write(out, inner);
                }
                if !items.is_empty() {
                    newline(out, level);
                }
                out.push(']');
            }
            Tree::Obj(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, level + 1);
                    out.push_str(&quote(k));
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    v.write(out, inner);
                }
                if !members.is_empty() {
                    newline(out, level);
                }
                out.push('}');
            }
        }
    }

    fn to_json(&self, pretty: bool) -> String {
        let mut out = String::new();
        self.write(&mut out, pretty.then_some(0));
        out
    }

    /// What the rewriter should make of this tree, decided value by value.
    fn expected<R: FieldRedactor>(&self, r: &R, key: &str) -> Tree {
        let mut tally = Tally::default();
        match self {
            Tree::Str(s) => match r.field(key, s, &mut tally) {
                FieldAction::Replace(new) => Tree::Str(new),
                _ => self.clone(),
            },
            Tree::Num(n) => match r.field(key, n, &mut tally) {
                FieldAction::Replace(new) if is_number(&new) => Tree::Num(new),
                FieldAction::Replace(new) => Tree::Str(new),
                _ => self.clone(),
            },
            Tree::Arr(items) => Tree::Arr(items.iter().map(|i| i.expected(r, key)).collect()),
            Tree::Obj(members) => Tree::Obj(
                members
                    .iter()
                    .map(|(k, v)| (r.text(k, &mut tally).into_owned(), v.expected(r, k)))
                    .collect(),
            ),
            Tree::Null | Tree::Bool(_) => self.clone(),
        }
    }
}

/// Every string and member name in a parsed document.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        serde_json::Value::Object(members) => {
            for (k, v) in members {
                out.push(k.clone());
                strings(v, out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn output_has_the_input_shape_and_no_detected_value(tree in tree_strategy(), pretty: bool) {
        let r = redactor();
        let input = tree.to_json(pretty);
        let (out, _) = run(&r, &input);
        // Byte-exact: same members in the same order, same formatting, values replaced
        // one by one (numbers become strings only when masked).
        prop_assert_eq!(&out, &tree.expected(&r, "").to_json(pretty));
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
        let detector = regex::Regex::new("[a-z]+@[a-z]+\\.com|4[0-9]{15}").unwrap();
        let mut found = Vec::new();
        strings(&parsed, &mut found);
        for s in found {
            prop_assert!(!detector.is_match(&s), "{:?} survived", s);
        }
        for n in out.split(|c: char| !c.is_ascii_digit()) {
            prop_assert!(!detector.is_match(n), "{:?} survived", n);
        }
    }

    /// The classifier remembers names across documents (for the life of the VM): a
    /// redactor that has seen other documents, and this one, answers as a fresh one does.
    #[test]
    fn remembered_names_change_no_output(
        trees in proptest::collection::vec(tree_strategy(), 1..4),
        pretty: bool,
    ) {
        let warm = redactor();
        for _ in 0..2 {
            for tree in &trees {
                let input = tree.to_json(pretty);
                let fresh = warm.clone();
                prop_assert_eq!(run(&warm, &input), run(&fresh, &input));
            }
        }
    }

    #[test]
    fn redaction_is_idempotent(tree in tree_strategy(), pretty: bool) {
        let r = redactor();
        let (once, _) = run(&r, &tree.to_json(pretty));
        let (twice, count) = run(&r, &once);
        prop_assert_eq!(twice, once);
        prop_assert_eq!(count, 0);
    }

    #[test]
    fn removal_keeps_documents_valid(tree in tree_strategy(), pretty: bool) {
        // Rename some members so that they are removed.
        fn mark(tree: &mut Tree, flip: &mut bool) {
            match tree {
                Tree::Arr(items) => items.iter_mut().for_each(|i| mark(i, flip)),
                Tree::Obj(members) => {
                    for (k, v) in members {
                        *flip = !*flip;
                        if *flip {
                            *k = "drop".into();
                        }
                        mark(v, flip);
                    }
                }
                _ => {}
            }
        }
        let mut tree = tree;
        mark(&mut tree, &mut false);
        let (out, _) = run(&keys(), &tree.to_json(pretty));
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
        fn no_scalar_under_drop(v: &serde_json::Value, under_drop: bool) -> bool {
            match v {
                serde_json::Value::Object(m) => m
                    .iter()
                    .all(|(k, v)| no_scalar_under_drop(v, k == "drop")),
                serde_json::Value::Array(items) => {
                    items.iter().all(|i| no_scalar_under_drop(i, under_drop))
                }
                serde_json::Value::String(_) | serde_json::Value::Number(_) => !under_drop,
                _ => true,
            }
        }
        prop_assert!(no_scalar_under_drop(&parsed, false), "{}", out);
    }
}

/// Stands in for the detectors at no cost, so that the scanner's own speed is measured:
/// every value with an `@` is replaced.
struct AtSign;

impl FieldRedactor for AtSign {
    fn text<'a>(&self, text: &'a str, _: &mut Tally) -> Cow<'a, str> {
        if text.contains('@') {
            Cow::Owned("[EMAIL]".into())
        } else {
            Cow::Borrowed(text)
        }
    }

    fn field(&self, _: &str, value: &str, _: &mut Tally) -> FieldAction {
        if value.contains('@') {
            FieldAction::Replace("[EMAIL]".into())
        } else {
            FieldAction::Keep
        }
    }
}

fn dense_document(records: usize) -> String {
    let mut doc = String::from("[");
    for i in 0..records {
        if i > 0 {
            doc.push(',');
        }
        doc.push_str(&format!(
            r#"{{"id":{i},"email":"user{i}@example.com","name":"Jane \"J\" Doe","age":41.5,"tags":["a","b\u00e9"],"contact":{{"mail":"j{i}@corp.com","ok":true,"x":null}}}}"#
        ));
    }
    doc.push(']');
    doc
}

/// `cargo test -p mirrorguard-engine --release json_throughput -- --ignored --nocapture`
#[test]
#[ignore = "measurement; run in release"]
fn json_throughput() {
    let best_of = |f: &mut dyn FnMut()| {
        (0..7)
            .map(|_| {
                let start = std::time::Instant::now();
                f();
                start.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min)
    };
    let dense = dense_document(100_000);
    let clean = dense.replace('@', "_");
    let mb = dense.len() as f64 / 1e6;
    let report = |name: &str, secs: f64| println!("{name}: {mb:.1} MB, {:.0} MB/s", mb / secs);
    report(
        "serde_json validation (reference)",
        best_of(&mut || {
            serde_json::from_str::<serde::de::IgnoredAny>(&dense).unwrap();
        }),
    );
    report(
        "dense, every address replaced",
        best_of(&mut || {
            assert!(matches!(
                rewrite(&AtSign, &dense, &mut Tally::default()),
                Cow::Owned(_)
            ))
        }),
    );
    struct Nothing;
    impl FieldRedactor for Nothing {
        fn text<'a>(&self, text: &'a str, _: &mut Tally) -> Cow<'a, str> {
            Cow::Borrowed(text)
        }
        fn field(&self, _: &str, _: &str, _: &mut Tally) -> FieldAction {
            FieldAction::Keep
        }
    }
    report(
        "scanner alone (nothing detected)",
        best_of(&mut || {
            assert!(matches!(
                rewrite(&Nothing, &clean, &mut Tally::default()),
                Cow::Borrowed(_)
            ))
        }),
    );
    report(
        "clean",
        best_of(&mut || {
            assert!(matches!(
                rewrite(&AtSign, &clean, &mut Tally::default()),
                Cow::Borrowed(_)
            ))
        }),
    );
    let r = redactor();
    report(
        "dense, with the regex detectors of these tests",
        best_of(&mut || {
            rewrite(&r, &dense, &mut Tally::default());
        }),
    );
}

proptest! {
    #[test]
    fn plain_runs_end_at_the_first_stop_byte(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
        let want = bytes
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(bytes.len());
        prop_assert_eq!(plain_run(&bytes), want);
    }
}

/// A record of an array: member names and values, drawn so that consecutive records share
/// some names at the same places and differ in others.
fn record_strategy() -> impl Strategy<Value = Vec<(&'static str, &'static str)>> {
    let names = prop::sample::select(vec![
        "name",
        "first",
        "title",
        "password",
        "email",
        "id",
        "jane@example.com",
        // `name`, escaped: read as `name`, spelt differently.
        "n\\u0061me",
    ]);
    let values = prop::sample::select(vec![
        "Jane Doe",
        "hello",
        "jane@example.com",
        "4111111111111111",
        "2025550143",
    ]);
    prop::collection::vec((names, values), 0..5)
}

fn record_json(record: &[(&str, &str)]) -> String {
    let members: Vec<String> = record
        .iter()
        .map(|(name, value)| format!("\"{name}\":\"{value}\""))
        .collect();
    format!("{{{}}}", members.join(","))
}

proptest! {
    /// Records in an array reuse what was said of the member names of the record before
    /// them: each is still redacted exactly as it is on its own, whatever it shares with
    /// its neighbours and whatever holds the array.
    #[test]
    fn each_record_of_an_array_is_redacted_as_on_its_own(
        records in prop::collection::vec(record_strategy(), 1..5),
        holder in prop::sample::select(vec!["items", "customers", "name", "orders"]),
    ) {
        // The default policy: key names decide (`name` is personal unless its record is a
        // thing's), and e-mail addresses are found in names and values.
        let (r, apart) = (redactor_from("{}"), redactor_from("{}"));
        let wrap = |inner: &str| format!("{{\"{holder}\":[{inner}]}}");
        let jsons: Vec<String> = records.iter().map(|record| record_json(record)).collect();
        let (together, together_count) = run(&r, &wrap(&jsons.join(",")));
        let mut alone = Vec::new();
        let mut alone_count = 0;
        for json in &jsons {
            let (out, count) = run(&apart, &wrap(json));
            let inner = out
                .strip_prefix(&format!("{{\"{holder}\":["))
                .and_then(|o| o.strip_suffix("]}"))
                .unwrap()
                .to_owned();
            alone.push(inner);
            alone_count += count;
        }
        prop_assert_eq!(together, wrap(&alone.join(",")));
        prop_assert_eq!(together_count, alone_count);
    }
}

proptest! {
    /// Objects nested in records reuse what was said of the member names of the last object
    /// held under the same name, never under another: each record's two objects are
    /// redacted exactly as each is on its own (a product's `name` is not a person's).
    #[test]
    fn nested_objects_are_redacted_as_on_their_own(
        pairs in prop::collection::vec((record_strategy(), record_strategy()), 1..4),
        first in prop::sample::select(vec!["customer", "name", "items"]),
        second in prop::sample::select(vec!["product", "customer", "name"]),
    ) {
        let (r, apart) = (redactor_from("{}"), redactor_from("{}"));
        let element = |a: &str, b: &str| format!("{{\"{first}\":{a},\"{second}\":{b}}}");
        let doc = |elements: &[String]| format!("{{\"orders\":[{}]}}", elements.join(","));
        // A record under `name`, alone in a document of its own.
        let alone_under = |name: &str, record: &str| -> (String, u32) {
            let (out, count) = run(&apart, &format!("{{\"orders\":[{{\"{name}\":{record}}}]}}"));
            let inner = out
                .strip_prefix(&format!("{{\"orders\":[{{\"{name}\":"))
                .and_then(|o| o.strip_suffix("}]}"))
                .unwrap()
                .to_owned();
            (inner, count)
        };
        let elements: Vec<String> = pairs
            .iter()
            .map(|(a, b)| element(&record_json(a), &record_json(b)))
            .collect();
        let (together, together_count) = run(&r, &doc(&elements));
        let mut alone = Vec::new();
        let mut alone_count = 0;
        for (a, b) in &pairs {
            let (a, a_count) = alone_under(first, &record_json(a));
            let (b, b_count) = alone_under(second, &record_json(b));
            alone.push(element(&a, &b));
            alone_count += a_count + b_count;
        }
        prop_assert_eq!(together, doc(&alone));
        prop_assert_eq!(together_count, alone_count);
    }
}
