//! docker compose `env_file`, compose-go `dotenv/parser.go` (`parse`, `getStatementStart`,
//! `locateKeyName`, `extractVarValue`): a leading BOM is dropped, statements start at the next
//! non-space character (`unicode.IsSpace`), `#` skips to the end of the line, a key runs to `=`,
//! `:` or a newline (a newline makes it an inherited variable), a quoted value may span lines and
//! leaves the rest of its line to be read as the next statement. Any error fails the whole file.

use super::{ReadError, ReaderEntry, Watch, first_step, through};

/// compose-go's `isSpace`: blanks that are not a line break.
#[inline]
fn is_blank(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    )
}

#[inline]
fn trim_start_blanks(text: &str, at: usize) -> usize {
    text[at..]
        .find(|c: char| !is_blank(c))
        .map_or(text.len(), |i| at + i)
}

/// Reads on from the statement search at `from` (see [`super::Reader::read_from`]); the error
/// that fails the file, if any.
pub(super) fn read<'a>(
    original: &'a str,
    from: usize,
    entries: &mut Vec<ReaderEntry<'a>>,
    watch: &mut impl Watch,
) -> Option<ReadError> {
    let mut at = first_step(original, from);
    let text = original;
    let fail = |offset: usize, message: &str| {
        Some(ReadError {
            offset,
            message: message.to_string(),
        })
    };
    loop {
        if watch.step(at, entries.len()) {
            return None;
        }
        // getStatementStart
        loop {
            match text[at..].find(|c: char| !c.is_whitespace()) {
                None => return None,
                Some(i) => at += i,
            }
            if text.as_bytes()[at] != b'#' {
                break;
            }
            match text[at..].find('\n') {
                None => return None,
                Some(i) => at += i,
            }
        }
        let statement = at;
        // locateKeyName
        let mut src = at;
        let bytes = text.as_bytes();
        if text[src..].starts_with("export")
            && matches!(
                bytes.get(src + 6),
                Some(b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
            )
        {
            src = trim_start_blanks(text, src + 6);
        }
        let mut found = None;
        for (i, c) in text[src..].char_indices() {
            if is_blank(c) {
                continue;
            }
            match c {
                '=' | ':' | '\n' => {
                    found = Some((src + i, c == '\n'));
                    break;
                }
                '_' | '.' | '-' | '[' | ']' => {}
                c if c.is_alphabetic() || c.is_numeric() => {}
                _ => return fail(statement, "unexpected character in variable name"),
            }
        }
        let (separator, inherited) = found.unwrap_or((src, false));
        let key_end = if found.is_some() { separator } else { src };
        let key_end = src + text[src..key_end].trim_end().len();
        let key = &text[src..key_end];
        let offset = if found.is_some() { separator + 1 } else { src };
        if key.contains(' ') {
            return fail(statement, "key cannot contain a space");
        }
        let value_start = trim_start_blanks(text, offset.min(text.len()));
        if inherited {
            // Taken from the environment compose runs in, if set there; not from the file.
            at = value_start;
            watch.looked(through(text, value_start));
            continue;
        }
        // extractVarValue
        match bytes.get(value_start) {
            Some(&quote @ (b'"' | b'\'')) => {
                let mut escape = false;
                let mut close = None;
                for (i, &b) in bytes[value_start + 1..].iter().enumerate() {
                    if b != quote {
                        escape = !escape && b == b'\\';
                        continue;
                    }
                    if escape {
                        escape = false;
                        continue;
                    }
                    close = Some(value_start + 1 + i);
                    break;
                }
                let Some(close) = close else {
                    return fail(statement, "unterminated quoted value");
                };
                entries.push(ReaderEntry {
                    key: key.into(),
                    key_span: src..key_end,
                    value_span: value_start..close + 1,
                    no_value: false,
                });
                at = close + 1;
                watch.looked(at);
            }
            _ => {
                let line_end = text[value_start..]
                    .find('\n')
                    .map_or(text.len(), |i| value_start + i);
                let line = &text[value_start..line_end];
                let value = space_hash(line).map_or(line, |i| &line[..i]);
                let value = value.trim_end();
                entries.push(ReaderEntry {
                    key: key.into(),
                    key_span: src..key_end,
                    value_span: value_start..value_start + value.len(),
                    no_value: false,
                });
                at = (line_end + 1).min(text.len());
                // Up to the newline, or to the end when none was found.
                watch.looked(if line_end < text.len() {
                    at
                } else {
                    usize::MAX
                });
            }
        }
    }
}

/// `line.find(" #")` (Go's `strings.Index`), byte by byte: a substring search set up per line
/// cost more than the whole line's scan.
#[inline]
fn space_hash(line: &str) -> Option<usize> {
    line.as_bytes().windows(2).position(|pair| pair == b" #")
}

/// The value compose loads for a raw value, before `${VAR}` expansion: single quotes literal
/// (a backslash only protects a quote), double quotes with Go's escapes.
pub(super) fn decode(raw: &str) -> String {
    let Some(&quote @ (b'"' | b'\'')) = raw.as_bytes().first() else {
        return raw.to_string();
    };
    let inner = &raw[1..raw.len().saturating_sub(1).max(1)];
    let mut chars = Vec::with_capacity(inner.len());
    let mut escape = false;
    for &b in inner.as_bytes() {
        if b != quote {
            if !escape && b == b'\\' {
                escape = true;
                continue;
            }
            if escape {
                escape = false;
                chars.push(b'\\');
            }
            chars.push(b);
            continue;
        }
        escape = false;
        chars.push(b);
    }
    let value = String::from_utf8(chars).unwrap_or_default();
    if quote == b'\'' {
        return value;
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value.chars().peekable();
    while let Some(c) = rest.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match rest.peek().copied() {
            Some(e @ ('a' | 'b' | 'c' | 'f' | 'n' | 'r' | 't' | 'v' | '$' | '"' | '\\')) => {
                rest.next();
                if e == 'c' {
                    // `\c` is no Go escape: UnquoteChar fails and the match is kept.
                    out.push_str("\\c");
                    continue;
                }
                out.push(match e {
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
            _ => out.push('\\'),
        }
    }
    out
}
