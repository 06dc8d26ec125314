//! Rust `dotenvy` 0.15.7 as `dotenvy::dotenv()` / `from_path` load a file: a leading BOM is
//! dropped; `QuotedLines` (iter.rs) reads lines ending at `\n` and joins the next line while a
//! quote or a trailing backslash is open; a line starting with `#` is skipped; `parse_line`
//! (parse.rs) trims the line's end (Unicode), takes a key of `[A-Za-z_][A-Za-z0-9_.]*`, an optional
//! `export`, `=`, then the value. Loading stops at the first error.

use super::{ReadError, ReaderEntry, Watch, find_byte, first_step};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Complete,
    Escape,
    StrongOpen,
    StrongOpenEscape,
    WeakOpen,
    WeakOpenEscape,
    Comment,
    WhiteSpace,
}

/// `eval_end_state`: the state after `chunk`, and where a comment starts if one does (the
/// offset means nothing otherwise).
fn end_state(mut state: State, chunk: &str) -> (usize, State) {
    let bytes = chunk.as_bytes();
    let mut position = 0;
    let mut at = 0;
    while at < bytes.len() {
        // A run of bytes that leaves the state as it is, skipped without decoding characters:
        // only the ASCII characters named below change these states (in `Complete`, any
        // whitespace does, so a non-ASCII character is decoded and looked at).
        let run_end = match state {
            State::Complete => find_byte(bytes, at, |b| {
                !b.is_ascii()
                    || matches!(b, b'\\' | b'"' | b'\'' | b'\t' | b'\x0b' | b'\x0c' | b' ')
            }),
            State::WeakOpen => find_byte(bytes, at, |b| matches!(b, b'\\' | b'"')),
            State::StrongOpen => find_byte(bytes, at, |b| matches!(b, b'\\' | b'\'')),
            _ => at,
        };
        if run_end > at {
            at = run_end;
            continue;
        }
        let c = chunk[at..].chars().next().expect("at a character boundary");
        position = at;
        at += c.len_utf8();
        state = match state {
            State::WhiteSpace => match c {
                '#' => return (position, State::Comment),
                '\\' => State::Escape,
                '"' => State::WeakOpen,
                '\'' => State::StrongOpen,
                _ => State::Complete,
            },
            State::Escape => State::Complete,
            State::Complete => match c {
                c if c.is_whitespace() && c != '\n' && c != '\r' => State::WhiteSpace,
                '\\' => State::Escape,
                '"' => State::WeakOpen,
                '\'' => State::StrongOpen,
                _ => State::Complete,
            },
            State::WeakOpen => match c {
                '\\' => State::WeakOpenEscape,
                '"' => State::Complete,
                _ => State::WeakOpen,
            },
            State::WeakOpenEscape => State::WeakOpen,
            State::StrongOpen => match c {
                '\\' => State::StrongOpenEscape,
                '\'' => State::Complete,
                _ => State::StrongOpen,
            },
            State::StrongOpenEscape => State::StrongOpen,
            State::Comment => unreachable!("returned above"),
        };
    }
    (position, state)
}

/// The next logical line from `at`: `Ok(Some((start, end, next)))` with the line's text at
/// `start..end` (final `\n`/`\r\n` removed, comment cut), `Ok(None)` at the end, `Err(start)` for
/// a quote still open at the end of the file.
#[inline]
fn next_line(text: &str, at: usize) -> Result<Option<(usize, usize, usize)>, usize> {
    if at >= text.len() {
        return Ok(None);
    }
    let start = at;
    let mut state = State::Complete;
    let mut read = at;
    loop {
        if read >= text.len() {
            return if state == State::Complete {
                Ok(None)
            } else {
                Err(start)
            };
        }
        let chunk_end = text[read..].find('\n').map_or(text.len(), |i| read + i + 1);
        if text[start..chunk_end].trim_start().starts_with('#') {
            return Ok(Some((start, start, chunk_end)));
        }
        let (position, next) = end_state(state, &text[read..chunk_end]);
        state = next;
        match state {
            State::Complete => {
                let mut end = chunk_end;
                if text[..end].ends_with('\n') {
                    end -= 1;
                    if text[..end].ends_with('\r') {
                        end -= 1;
                    }
                }
                return Ok(Some((start, end, chunk_end)));
            }
            State::Comment => return Ok(Some((start, read + position, chunk_end))),
            _ => read = chunk_end,
        }
    }
}

#[inline]
fn skip_whitespace(text: &str, at: usize, end: usize) -> usize {
    text[at..end]
        .find(|c: char| !c.is_whitespace())
        .map_or(end, |i| at + i)
}

#[inline]
fn parse_key(text: &str, at: usize, end: usize) -> Option<usize> {
    let line = &text[at..end];
    if !line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        return None;
    }
    Some(
        line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .map_or(end, |i| at + i),
    )
}

type Parsed = Result<Option<(std::ops::Range<usize>, std::ops::Range<usize>)>, ()>;

/// `parse_line` on `text[start..end]`: the key and value spans.
#[inline]
fn parse_line(text: &str, start: usize, end: usize) -> Parsed {
    let end = start + text[start..end].trim_end().len();
    let mut at = skip_whitespace(text, start, end);
    if at == end || text[at..end].starts_with('#') {
        return Ok(None);
    }
    let mut key_end = parse_key(text, at, end).ok_or(())?;
    let mut key = at..key_end;
    at = skip_whitespace(text, key_end, end);
    if &text[key.clone()] == "export" && !text[at..end].starts_with('=') {
        key_end = parse_key(text, at, end).ok_or(())?;
        key = at..key_end;
        at = skip_whitespace(text, key_end, end);
    }
    if !text[at..end].starts_with('=') {
        return Err(());
    }
    at = skip_whitespace(text, at + 1, end);
    if at == end || text[at..end].starts_with('#') {
        return Ok(Some((key, at..at)));
    }
    let value_end = value(&text[at..end], None).map_err(|_| ())?.1;
    Ok(Some((key, at..at + value_end)))
}

/// Where a `$NAME` substitution finds its value.
type Lookup<'l> = dyn FnMut(&str) -> Option<String> + 'l;

/// `parse_value`: the decoded value and where its significant part ends (before the blanks
/// that precede a comment). Without `lookup` only where it ends is wanted: nothing is decoded
/// (the same walk, the same errors, no output built).
fn value(input: &str, mut lookup: Option<&mut Lookup<'_>>) -> Result<(String, usize), ()> {
    let decoding = lookup.is_some();
    #[derive(PartialEq)]
    enum Substitution {
        None,
        Block,
        EscapedBlock,
    }
    let (mut strong, mut weak, mut escaped, mut expecting_end) = (false, false, false, false);
    let mut output = String::new();
    let mut mode = Substitution::None;
    let mut name = String::new();
    let mut significant_end = input.len();
    let mut substitute = |name: &mut String, output: &mut String| {
        if let Some(found) = lookup.as_mut().and_then(|lookup| lookup(name)) {
            output.push_str(&found);
        }
        name.clear();
    };
    // Only what is output is skipped when not decoding; every state change stays.
    macro_rules! emit {
        ($c:expr) => {
            if decoding {
                output.push($c)
            }
        };
    }
    let bytes = input.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // A run of characters that are only output, skipped (or copied) whole: in these states
        // only the ASCII characters named here do anything else, so a run stops on a boundary.
        let run_end = if expecting_end || escaped {
            at
        } else if strong {
            find_byte(bytes, at, |b| b == b'\'')
        } else if mode != Substitution::None {
            at
        } else if weak {
            find_byte(bytes, at, |b| matches!(b, b'"' | b'\\' | b'$'))
        } else {
            find_byte(bytes, at, |b| {
                matches!(b, b'$' | b'\'' | b'"' | b'\\' | b' ' | b'\t')
            })
        };
        if run_end > at {
            if decoding {
                output.push_str(&input[at..run_end]);
            }
            at = run_end;
            continue;
        }
        let c = input[at..].chars().next().expect("at a character boundary");
        let here = at;
        at += c.len_utf8();
        if expecting_end {
            if c == ' ' || c == '\t' {
                continue;
            } else if c == '#' {
                break;
            } else {
                return Err(());
            }
        } else if escaped {
            match c {
                '\\' | '\'' | '"' | '$' | ' ' => emit!(c),
                'n' => emit!('\n'),
                _ => return Err(()),
            }
            escaped = false;
        } else if strong {
            if c == '\'' {
                strong = false;
            } else {
                emit!(c);
            }
        } else if mode != Substitution::None {
            if c.is_alphanumeric() {
                // (The name steers the walk: `${` only opens a block after an empty name.)
                name.push(c);
            } else {
                match mode {
                    Substitution::None => unreachable!(),
                    Substitution::Block => {
                        if c == '{' && name.is_empty() {
                            mode = Substitution::EscapedBlock;
                        } else {
                            substitute(&mut name, &mut output);
                            if c == '$' {
                                mode = Substitution::Block;
                            } else {
                                mode = Substitution::None;
                                emit!(c);
                            }
                        }
                    }
                    Substitution::EscapedBlock => {
                        if c == '}' {
                            mode = Substitution::None;
                            substitute(&mut name, &mut output);
                        } else {
                            name.push(c);
                        }
                    }
                }
            }
        } else if c == '$' {
            mode = Substitution::Block;
        } else if weak {
            if c == '"' {
                weak = false;
            } else if c == '\\' {
                escaped = true;
            } else {
                emit!(c);
            }
        } else if c == '\'' {
            strong = true;
        } else if c == '"' {
            weak = true;
        } else if c == '\\' {
            escaped = true;
        } else if c == ' ' || c == '\t' {
            expecting_end = true;
            significant_end = here;
        } else {
            emit!(c);
        }
    }
    if mode == Substitution::EscapedBlock || strong || weak {
        return Err(());
    }
    substitute(&mut name, &mut output);
    Ok((output, significant_end))
}

/// Reads on from the logical line at `from` (see [`super::Reader::read_from`]); the error
/// loading stopped at, if any.
pub(super) fn read<'a>(
    original: &'a str,
    from: usize,
    entries: &mut Vec<ReaderEntry<'a>>,
    watch: &mut impl Watch,
) -> Option<ReadError> {
    let mut at = first_step(original, from);
    loop {
        if watch.step(at, entries.len()) {
            return None;
        }
        let (start, end, next) = match next_line(original, at) {
            Ok(Some(line)) => line,
            Ok(None) => return None,
            Err(start) => {
                return Some(ReadError {
                    offset: start,
                    message: "a quote opened here is never closed".into(),
                });
            }
        };
        match parse_line(original, start, end) {
            Ok(Some((key, value))) => entries.push(ReaderEntry {
                key: original[key.clone()].into(),
                key_span: key,
                value_span: value,
                no_value: false,
            }),
            Ok(None) => {}
            Err(()) => {
                return Some(ReadError {
                    offset: start,
                    message: "dotenvy cannot parse this line".into(),
                });
            }
        }
        at = next;
        // A logical line ends with its newline, or at the end of the text when none was found.
        watch.looked(if original[..next].ends_with('\n') {
            next
        } else {
            usize::MAX
        });
    }
}

/// The value dotenvy loads for a raw value; `$NAME` and `${NAME}` are looked up in `env` only
/// (dotenvy looks in the process environment first, then in the file's earlier values).
pub(super) fn decode(raw: &str, env: &dyn Fn(&str) -> Option<String>) -> String {
    value(raw, Some(&mut |name: &str| env(name)))
        .map(|(v, _)| v)
        .unwrap_or_default()
}

/// dotenvy's value with its substitution: `env` first, then the file's earlier values.
pub fn decode_with(
    raw: &str,
    env: &dyn Fn(&str) -> Option<String>,
    earlier: &dyn Fn(&str) -> Option<String>,
) -> String {
    value(
        raw,
        Some(&mut |name: &str| env(name).or_else(|| earlier(name))),
    )
    .map(|(v, _)| v)
    .unwrap_or_default()
}
