//! The shape of a JSON document: its structure, member names in order, and the type of every
//! scalar, read by a small tokenizer (serde_json's map would sort the names).

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    Open(char),
    Close(char),
    Key(String),
    Str,
    Num,
    Bool,
    Null,
}

/// The tokens of a valid JSON document (validity is checked by serde_json first).
pub fn shape(json: &str) -> Result<Vec<Tok>, String> {
    serde_json::from_str::<serde_json::Value>(json).map_err(|e| e.to_string())?;
    let b = json.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            c @ (b'{' | b'[') => {
                out.push(Tok::Open(char::from(c)));
                i += 1;
            }
            c @ (b'}' | b']') => {
                out.push(Tok::Close(char::from(c)));
                i += 1;
            }
            b'"' => {
                let start = i;
                i += 1;
                while b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                let mut j = i;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if b.get(j) == Some(&b':') {
                    let key: String =
                        serde_json::from_str(&json[start..i]).map_err(|e| e.to_string())?;
                    out.push(Tok::Key(key));
                    i = j + 1;
                } else {
                    out.push(Tok::Str);
                }
            }
            b't' | b'f' => {
                out.push(Tok::Bool);
                i += if b[i] == b't' { 4 } else { 5 };
            }
            b'n' => {
                out.push(Tok::Null);
                i += 4;
            }
            b'-' | b'0'..=b'9' => {
                out.push(Tok::Num);
                while i < b.len() && matches!(b[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    Ok(out)
}
