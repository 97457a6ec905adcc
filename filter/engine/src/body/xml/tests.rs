use super::*;
use crate::body::tests::{keys, redactor};

fn run<R: FieldRedactor>(r: &R, input: &str) -> (String, u32) {
    let mut tally = Tally::default();
    let out = rewrite(r, input, &mut tally).into_owned();
    (out, tally.values)
}

#[test]
fn text_attributes_and_markup_sections_are_redacted() {
    let r = redactor();
    let table = [
        (
            "<?xml version=\"1.0\"?>\n<a>\n  <to>a@b.com</to>\n  <n>1</n>\n</a>",
            "<?xml version=\"1.0\"?>\n<a>\n  <to>[EMAIL]</to>\n  <n>1</n>\n</a>",
            1,
        ),
        // References are decoded before detection.
        (
            "<to>a&#64;b&#x2e;com &amp; more</to>",
            "<to>[EMAIL] &amp; more</to>",
            1,
        ),
        (
            "<u mail='a@b.com' id=\"1\"/><v x = \"c@d.com\"></v>",
            "<u mail='[EMAIL]' id=\"1\"/><v x = \"[EMAIL]\"></v>",
            2,
        ),
        (
            "<a><!-- from a@b.com --><![CDATA[<c@d.com>]]><?pi e@f.com?></a>",
            "<a><!-- from [EMAIL] --><![CDATA[<[EMAIL]>]]><?pi [EMAIL]?></a>",
            3,
        ),
        (
            "<!DOCTYPE a [<!ENTITY e \"a@b.com\">]><a>&e;</a>",
            "<!DOCTYPE a [<!ENTITY e \"[EMAIL]\">]><a>&e;</a>",
            1,
        ),
        // Namespace declarations are not values.
        (
            "<a xmlns:m=\"urn:a@b.com\"><m:to>c@d.com</m:to></a>",
            "<a xmlns:m=\"urn:a@b.com\"><m:to>[EMAIL]</m:to></a>",
            1,
        ),
    ];
    for (input, want, count) in table {
        assert_eq!(run(&r, input), (want.to_owned(), count), "{input}");
    }
}

#[test]
fn unchanged_documents_are_borrowed() {
    let input = "<a x=\"1\"><b>text &amp; more</b><c/></a>";
    assert!(matches!(
        rewrite(&redactor(), input, &mut Tally::default()),
        Cow::Borrowed(_)
    ));
}

#[test]
fn element_names_are_keys() {
    let k = keys();
    let table = [
        (
            "<user><password>hunter2</password><name>x</name></user>",
            "<user><password>[SECRET]</password><name>x</name></user>",
        ),
        (
            "<s:password>x</s:password>",
            "<s:password>[SECRET]</s:password>",
        ),
        ("<x password=\"y\"/>", "<x password=\"[SECRET]\"/>"),
        ("<drop>x</drop><a drop='y'/>", "<drop></drop><a drop=''/>"),
        (
            "<ctl a=\"\">x</ctl>",
            "<ctl a=\"\">q\"b\\s\n\t\u{1}\u{7f}é&lt;&amp;&gt;</ctl>",
        ),
        (
            "<a ctl='x'/>",
            "<a ctl='q\"b\\s\n\t\u{1}\u{7f}é&lt;&amp;&gt;'/>",
        ),
    ];
    for (input, want) in table {
        assert_eq!(run(&k, input).0, want, "{input}");
    }
}

#[test]
fn documents_the_scanner_cannot_follow_are_scanned_as_text() {
    let r = redactor();
    let table = [
        ("<a><b>a@b.com</a>", "<a><b>[EMAIL]</a>"),
        ("<a>a&#64;b.com", "<a>a&#64;b.com"),
        ("<a><!-- a@b.com </a>", "<a><!-- [EMAIL] </a>"),
        ("<a b=c@d.com/>", "<a b=[EMAIL]/>"),
        ("plain a@b.com", "plain [EMAIL]"),
    ];
    for (input, want) in table {
        let (out, count) = run(&r, input);
        assert_eq!(out, want, "{input}");
        assert_eq!(count, u32::from(want.contains("[EMAIL]")), "{input}");
    }
    let deep = format!("{}a@b.com", "<a>".repeat(MAX_DEPTH + 1));
    assert!(run(&r, &deep).0.ends_with("[EMAIL]"));
}
