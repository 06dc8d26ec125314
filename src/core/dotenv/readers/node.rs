//! Node `dotenv` 18.0.10, its default parser (`parse` without `{ fast: true }`):
//!
//! ```js
//! const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/mg
//! lines = src.toString().replace(/\r\n?/mg, '\n')
//! while ((match = LINE.exec(lines)) != null) { key = match[1]; value = (match[2] || '').trim(); ... }
//! ```
//!
//! The regex is followed here step by step, backtracking included: `\s` is JavaScript's (Unicode
//! spaces, line terminators, the BOM), `\w` is ASCII, `^` and `$` hold at `\n`, U+2028 and U+2029.
//! Consequences worth knowing: a key line may continue on the next lines (`KEY\n=v`,
//! `export\nKEY=v`), an empty value takes a quoted value from the next line (`A=\n'v'`), and a
//! quote is closed by the first unescaped quote after which only blanks and a comment follow on
//! its line, else by an earlier escaped one.

use super::{Normalized, ReaderEntry, Watch, char_at, through};

/// JavaScript's `\s` (and what `String.prototype.trim` removes).
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c as u8, b'\t'..=b'\r' | b' ');
    }
    matches!(
        c,
        '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// Where `^` and `$` hold in a multiline JavaScript regex (`\r` is already gone).
#[inline]
fn is_terminator(c: char) -> bool {
    matches!(c, '\n' | '\u{2028}' | '\u{2029}')
}

#[inline]
fn is_key_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

#[inline]
fn skip_spaces(text: &str, mut at: usize) -> usize {
    while let Some(c) = char_at(text, at) {
        if !is_space(c) {
            break;
        }
        at += c.len_utf8();
    }
    at
}

#[inline]
fn next_terminator(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|&(_, c)| is_terminator(c))
        .map_or(text.len(), |(i, _)| from + i)
}

/// Grows `seen` to cover the character at `at` (or the end of the text): what a scan that
/// stopped there looked at.
#[inline]
fn saw(seen: &mut usize, text: &str, at: usize) {
    *seen = (*seen).max(through(text, at));
}

/// `\s*(?:#.*)?(?:$|$)` from `at`: where the match ends, if it can. `seen` grows to cover every
/// byte looked at (in every function here that takes it).
#[inline]
fn tail(text: &str, at: usize, seen: &mut usize) -> Option<usize> {
    let spaced = skip_spaces(text, at);
    saw(seen, text, spaced);
    match char_at(text, spaced) {
        Some('#') => {
            let end = next_terminator(text, spaced);
            saw(seen, text, end);
            Some(end)
        }
        None => Some(spaced),
        // (Never at a terminator: every terminator is a space, skipped above.) Give back spaces
        // until a line terminator follows (the largest such position).
        _ => text[at..spaced]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_terminator(c))
            .map(|(i, _)| at + i),
    }
}

/// The value group and tail from just after `=` (or `: `): `(value span, match end)`. Always
/// matches: when no alternative of the group does, the group is skipped and `$` or `#` follows.
#[inline]
fn value_and_tail(
    text: &str,
    after_equal: usize,
    seen: &mut usize,
) -> (std::ops::Range<usize>, usize) {
    let bytes = text.as_bytes();
    let open = skip_spaces(text, after_equal);
    saw(seen, text, open);
    if let Some(&quote @ (b'\'' | b'"' | b'`')) = bytes.get(open) {
        // Closing candidates in the order backtracking tries them: the first quote not preceded
        // by a backslash (the body cannot pass it), then escaped ones, last first.
        let mut escaped = Vec::new();
        let mut unescaped = None;
        let mut at = open + 1;
        while let Some(offset) = bytes[at..].iter().position(|&b| b == quote) {
            let close = at + offset;
            if close > open + 1 && bytes[close - 1] == b'\\' {
                escaped.push(close);
                at = close + 1;
            } else {
                unescaped = Some(close);
                break;
            }
        }
        // The search stopped at the unescaped quote, or ran to the end.
        *seen = (*seen).max(unescaped.map_or(usize::MAX, |close| close + 1));
        for close in unescaped.into_iter().chain(escaped.into_iter().rev()) {
            if let Some(end) = tail(text, close + 1, seen) {
                return (after_equal..close + 1, end);
            }
        }
    }
    // `[^#\r\n]+`, greedy: it always ends before `#`, a newline or the end, where the tail holds.
    // (Both are ASCII, so a byte search finds the same place as a search by character.)
    let run_end = text.as_bytes()[after_equal..]
        .iter()
        .position(|&b| b == b'#' || b == b'\n')
        .map_or(text.len(), |i| after_equal + i);
    saw(seen, text, run_end);
    if run_end > after_equal {
        let end = tail(text, run_end, seen).expect("a `#`, newline or the end follows");
        return (after_equal..run_end, end);
    }
    let end = tail(text, after_equal, seen).expect("a `#`, newline or the end follows");
    (after_equal..after_equal, end)
}

/// After `\s*(?:export\s+)?` at `at`: `([\w.-]+)(?:\s*=\s*?|:\s+?)` and the rest.
#[inline]
fn key_and_rest(
    text: &str,
    at: usize,
    seen: &mut usize,
) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>, usize)> {
    let bytes = text.as_bytes();
    let key_end = at + bytes[at..].iter().take_while(|&&b| is_key_char(b)).count();
    saw(seen, text, key_end);
    if key_end == at {
        return None;
    }
    let before_equal = skip_spaces(text, key_end);
    saw(seen, text, before_equal);
    let after_separator = if bytes.get(before_equal) == Some(&b'=') {
        before_equal + 1
    } else if bytes.get(key_end) == Some(&b':') && {
        saw(seen, text, key_end + 1);
        char_at(text, key_end + 1).is_some_and(is_space)
    } {
        key_end + 1 + char_at(text, key_end + 1).unwrap().len_utf8()
    } else {
        return None;
    };
    let (value, end) = value_and_tail(text, after_separator, seen);
    Some((at..key_end, value, end))
}

/// The first line start at or after `from`.
#[inline]
fn line_start_from(text: &str, from: usize, seen: &mut usize) -> Option<usize> {
    if from == 0 {
        return Some(0);
    }
    if from > text.len() {
        return None;
    }
    let previous = text[..from].chars().next_back();
    if previous.is_some_and(is_terminator) {
        saw(seen, text, from);
        return (from < text.len()).then_some(from);
    }
    let terminator = next_terminator(text, from);
    saw(seen, text, terminator);
    let after = terminator + char_at(text, terminator)?.len_utf8();
    saw(seen, text, after);
    (after < text.len()).then_some(after)
}

/// Reads on from the run of `LINE` at `from` (see [`super::Reader::read_from`]).
pub(super) fn read<'a>(
    original: &'a str,
    from: usize,
    entries: &mut Vec<ReaderEntry<'a>>,
    watch: &mut impl Watch,
) {
    let view = Normalized::new(original, false);
    let text: &str = &view.text;
    let mut search = from;
    loop {
        if watch.step(search, entries.len()) {
            return;
        }
        let mut seen = 0;
        let Some(start) = line_start_from(text, search, &mut seen) else {
            watch.looked(seen);
            return;
        };
        let at = skip_spaces(text, start);
        saw(&mut seen, text, at);
        let mut matched = None;
        if text[at..].starts_with("export") && {
            saw(&mut seen, text, at + 6);
            char_at(text, at + 6).is_some_and(is_space)
        } {
            let key = skip_spaces(text, at + 6);
            saw(&mut seen, text, key);
            matched = key_and_rest(text, key, &mut seen);
        }
        if matched.is_none() {
            matched = key_and_rest(text, at, &mut seen);
        }
        match matched {
            Some((key, value, end)) => {
                let trimmed = trim(text, value);
                // `[\w.-]+` holds no `\r`: the original bytes are the key.
                let key_span = view.original_range(key);
                entries.push(ReaderEntry {
                    key: original[key_span.clone()].into(),
                    key_span,
                    value_span: view.original_range(trimmed),
                    no_value: false,
                });
                search = end;
            }
            // Every line start up to `at` skips to `at` and fails the same way.
            None => match char_at(text, at) {
                Some(c) => search = at + c.len_utf8(),
                None => {
                    watch.looked(usize::MAX);
                    return;
                }
            },
        }
        watch.looked(seen);
    }
}

/// The span of `value.trim()`.
#[inline]
fn trim(text: &str, value: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let inner = &text[value.clone()];
    let start = value.start + (inner.len() - inner.trim_start_matches(is_space).len());
    let end = value.start + inner.trim_end_matches(is_space).len();
    if start >= end {
        start..start
    } else {
        start..end
    }
}

/// `value.replace(/^(['"`])([\s\S]*)\1$/mg, '$2')`, then `\n` and `\r` escapes when the trimmed
/// value starts with a double quote.
pub(super) fn decode(raw: &str) -> String {
    let raw = super::unify_newlines(raw);
    let value = raw.trim_matches(is_space);
    let mut out = String::with_capacity(value.len());
    let mut at = 0;
    let mut copied = 0;
    while at < value.len() {
        let line_start = at == 0 || value[..at].chars().next_back().is_some_and(is_terminator);
        let c = char_at(value, at).expect("in bounds");
        if line_start && matches!(c, '\'' | '"' | '`') {
            // The largest end where the same quote is followed by `$`.
            let found = value[at + 1..]
                .char_indices()
                .rev()
                .find(|&(i, q)| {
                    q == c && {
                        let after = at + 1 + i + 1;
                        char_at(value, after).is_none_or(is_terminator)
                    }
                })
                .map(|(i, _)| at + 1 + i);
            if let Some(close) = found {
                out.push_str(&value[copied..at]);
                out.push_str(&value[at + 1..close]);
                at = close + 1;
                copied = at;
                continue;
            }
        }
        at += c.len_utf8();
    }
    out.push_str(&value[copied..]);
    if value.starts_with('"') {
        out = out.replace("\\n", "\n").replace("\\r", "\r");
    }
    out
}
