//! python-dotenv 1.2.4, `dotenv/parser.py` (`parse_stream`, `parse_binding`), as `load_dotenv` and
//! `dotenv_values` read a path: `open()` in text mode turns `\r\n` and a lone `\r` into `\n`, and
//! the reader drops a leading BOM. Each binding is matched by anchored regexes:
//!
//! ```text
//! _multiline_whitespace  \s*            _export        (?:export[^\S\r\n]+)?
//! _single_quoted_key     '([^']+)'      _unquoted_key  ([^=\#\s]+)
//! _equal_sign            (=[^\S\r\n]*)  _comment       (?:[^\S\r\n]*#[^\r\n]*)?
//! _single_quoted_value   '((?:\\.|[^'\\])*)'   (DOTALL)
//! _double_quoted_value   "((?:\\.|[^"\\])*)"   (DOTALL)
//! _unquoted_value        ([^\r\n]*)  then re.sub(r"\s+#.*", "").rstrip()
//! _end_of_line           [^\S\r\n]*(?:\r\n|\n|\r|$)
//! ```
//!
//! A failed match makes the binding an error: the rest of the line where it failed is skipped and
//! the binding sets nothing; parsing goes on with the next line.

use super::{Normalized, ReaderEntry, Watch, char_at};

/// Python's `\s` on `str` (and `str.isspace()`): includes the ASCII separators 0x1C-0x1F.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        // Nearly every character of a .env: one range test instead of the whole list below.
        return matches!(c as u8, b'\t'..=b'\r' | 0x1c..=0x1f | b' ');
    }
    matches!(
        c,
        '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// `[^\S\r\n]`: a space that is not a line break.
#[inline]
fn is_blank(c: char) -> bool {
    c != '\n' && c != '\r' && is_space(c)
}

#[inline]
fn skip(text: &str, mut at: usize, class: impl Fn(char) -> bool) -> usize {
    while let Some(c) = char_at(text, at) {
        if !class(c) {
            break;
        }
        at += c.len_utf8();
    }
    at
}

#[inline]
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

/// The end of a quoted value whose opening quote is at `open`: the first unescaped `quote`
/// (a backslash escapes any one character, a newline included).
#[inline]
fn closing_quote(text: &str, open: usize, quote: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = open + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => {
                // `\\.` needs a character after the backslash.
                let next = char_at(text, at + 1)?;
                at += 1 + next.len_utf8();
            }
            b if b == quote => return Some(at),
            _ => at += 1,
        }
    }
    None
}

struct Binding {
    key: Option<std::ops::Range<usize>>,
    value: Option<std::ops::Range<usize>>,
}

/// Parses one binding at `at`; `Err(at)` is the position where a regex failed; the last value
/// says whether a search for a closing quote ran to the end of the text without finding one.
#[inline]
fn binding(text: &str, start: usize) -> (Result<Binding, usize>, usize, bool) {
    let mut at = skip(text, start, is_space);
    if at >= text.len() {
        return (
            Ok(Binding {
                key: None,
                value: None,
            }),
            at,
            false,
        );
    }
    if text[at..].starts_with("export") && char_at(text, at + 6).is_some_and(is_blank) {
        at = skip(text, at + 6, is_blank);
    }
    let key = match text.as_bytes().get(at) {
        Some(b'#') => None,
        Some(b'\'') => match text[at + 1..].find('\'') {
            Some(len) if len > 0 => {
                let key = at + 1..at + 1 + len;
                at = key.end + 1;
                Some(key)
            }
            Some(_) => return (Err(at), at, false),
            None => return (Err(at), at, true),
        },
        _ => {
            let end = skip(text, at, |c| c != '=' && c != '#' && !is_space(c));
            if end == at {
                return (Err(at), at, false);
            }
            let key = at..end;
            at = end;
            Some(key)
        }
    };
    at = skip(text, at, is_blank);
    let mut value = None;
    if text.as_bytes().get(at) == Some(&b'=') {
        let equal = at;
        at = skip(text, at + 1, is_blank);
        let spaced = at - equal > 1;
        value = Some(match text.as_bytes().get(at) {
            Some(b'#') if spaced => at..at,
            Some(&quote @ (b'\'' | b'"')) => match closing_quote(text, at, quote) {
                Some(close) => {
                    let span = at..close + 1;
                    at = close + 1;
                    span
                }
                None => return (Err(at), at, true),
            },
            None | Some(b'\n') => at..at,
            Some(_) => {
                let end = line_end(text, at);
                let part = &text[at..end];
                let cut = unquoted_len(part);
                let span = at..at + cut;
                at = end;
                span
            }
        });
    }
    // _comment, then _end_of_line.
    let blank = skip(text, at, is_blank);
    if text.as_bytes().get(blank) == Some(&b'#') {
        at = line_end(text, blank);
    }
    let blank = skip(text, at, is_blank);
    match text.as_bytes().get(blank) {
        None => at = blank,
        Some(b'\n') => at = blank + 1,
        Some(_) => return (Err(at), at, false),
    }
    (Ok(Binding { key, value }), at, false)
}

/// `re.sub(r"\s+#.*", "", part).rstrip()`: the length of what is left of an unquoted value.
#[inline]
fn unquoted_len(part: &str) -> usize {
    // The match starts at the run of spaces before the first `#` that has one: found from the
    // `#`s (rare in a value), not by looking at every character.
    let mut cut = part.len();
    let mut from = 0;
    while let Some(offset) = part.as_bytes()[from..].iter().position(|&b| b == b'#') {
        let hash = from + offset;
        let run_start = part[..hash].trim_end_matches(is_space).len();
        if run_start < hash {
            cut = run_start;
            break;
        }
        from = hash + 1;
    }
    part[..cut].trim_end_matches(is_space).len()
}

/// Reads on from the binding at `from` (see [`super::Reader::read_from`]).
pub(super) fn read<'a>(
    original: &'a str,
    from: usize,
    entries: &mut Vec<ReaderEntry<'a>>,
    watch: &mut impl Watch,
) {
    let view = Normalized::new(original, true);
    let text: &str = &view.text;
    let mut at = from;
    while at < text.len() {
        if watch.step(at, entries.len()) {
            return;
        }
        let (result, next, to_the_end) = binding(text, at);
        at = match result {
            Ok(Binding {
                key: Some(key),
                value,
            }) => {
                let key_span = view.original_range(key.clone());
                // The original bytes, unless universal newlines changed them (a quoted key
                // across a `\r`).
                let key_text = match &original[key_span.clone()] {
                    raw if raw.contains('\r') => text[key.clone()].to_string().into(),
                    raw => raw.into(),
                };
                entries.push(ReaderEntry {
                    key: key_text,
                    key_span,
                    no_value: value.is_none(),
                    value_span: view.original_range(value.unwrap_or(key.end..key.end)),
                });
                next
            }
            Ok(_) => next,
            // _rest_of_line from where the match failed.
            Err(failed) => {
                let end = line_end(text, failed);
                (end + 1).min(text.len())
            }
        };
        // A binding looks at nothing past where the next one starts (the newline that ends
        // it), but a quote search that finds no quote looks to the end.
        watch.looked(if to_the_end || at >= text.len() {
            usize::MAX
        } else {
            at
        });
    }
}

/// The value python-dotenv loads for a raw value (before `${VAR}` expansion).
pub(super) fn decode(raw: &str) -> String {
    let raw = super::unify_newlines(raw);
    let (inner, escapes): (&str, &[char]) = if raw.len() >= 2 && raw.starts_with('\'') {
        (&raw[1..raw.len() - 1], &['\\', '\''])
    } else if raw.len() >= 2 && raw.starts_with('"') {
        (
            &raw[1..raw.len() - 1],
            &['\\', '\'', '"', 'a', 'b', 'f', 'n', 'r', 't', 'v'],
        )
    } else {
        return raw.into_owned();
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && escapes.contains(&next) => {
                chars.next();
                out.push(match next {
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'v' => '\u{b}',
                    other => other,
                });
            }
            _ => out.push(c),
        }
    }
    out
}

/// python-dotenv's `${NAME}` / `${NAME:-default}` expansion (`resolve_variables`, on by default),
/// over the file's own earlier values and `env`.
pub fn expand(
    value: &str,
    earlier: &dyn Fn(&str) -> Option<Option<String>>,
    env: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(close) = after.find('}') else { break };
        let body = &after[..close];
        let (name, default) = match body.find(':') {
            // `[^\}:]*` then optionally `:-default`; any other `:` is no match here.
            Some(colon) if body[colon..].starts_with(":-") => {
                (&body[..colon], Some(&body[colon + 2..]))
            }
            Some(_) => {
                out.push_str(&rest[..start + 2]);
                rest = &rest[start + 2..];
                continue;
            }
            None => (body, None),
        };
        out.push_str(&rest[..start]);
        let found = match earlier(name) {
            Some(value) => value,
            None => env(name),
        };
        match found {
            Some(v) => out.push_str(&v),
            None if earlier(name).is_some() => {}
            None => out.push_str(default.unwrap_or("")),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}
