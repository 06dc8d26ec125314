//! A `.env` editor that changes only the keys it owns and keeps every other byte: comments, blank
//! lines, order, CRLF line endings, a UTF-8 BOM, a missing final newline, other keys' quoting.
//!
//! Pure: text in, text out. Reading and writing files lives in [`crate::io::envfile`].

mod quote;

use std::ops::Range;

use crate::tr;

mod agree;
pub mod readers;

pub use quote::{UnportableValue, quote_value, unquote_simple};

const BOM: char = '\u{feff}';

/// The comment written above a block of keys appended to a file.
pub const BLOCK_HEADER: &str = "# Langfuse / OpenTelemetry (written by langfuse-otel)";

/// One logical entry of a `.env`: a line, or several when a quoted value spans lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Byte range in the text (after any BOM), including the line ending.
    pub span: Range<usize>,
    /// The line ending the entry ends with: `"\n"`, `"\r\n"` or `""` at the end of the file.
    pub ending: &'static str,
    pub assignment: Option<Assignment>,
}

/// `[export ]KEY=value[ # comment]`, with byte ranges into the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub key: String,
    /// Where the key is written.
    pub key_span: Range<usize>,
    pub exported: bool,
    /// Everything up to the value (`export`, the key, `=` and blanks around it): kept as it is
    /// when the value is replaced.
    pub prefix: Range<usize>,
    /// The raw value as written, quotes included.
    pub value: Range<usize>,
    /// A trailing ` # comment`, kept when the value is replaced.
    pub comment: Range<usize>,
}

/// A parsed `.env`, borrowing its text.
#[derive(Debug)]
pub struct Document<'a> {
    pub has_bom: bool,
    /// The text after the BOM.
    pub body: &'a str,
    pub entries: Vec<Entry>,
    /// The 1-based line of a value whose opening quote is never closed: dialects disagree on how
    /// much of the rest of the file belongs to it.
    pub unterminated_quote: Option<usize>,
}

impl<'a> Document<'a> {
    pub fn parse(text: &'a str) -> Self {
        let (has_bom, body) = match text.strip_prefix(BOM) {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (entries, unterminated_quote) = parse_entries(body);
        Document {
            has_bom,
            body,
            entries,
            unterminated_quote,
        }
    }

    pub fn entry_text(&self, entry: &Entry) -> &'a str {
        &self.body[entry.span.clone()]
    }

    pub fn raw_value(&self, assignment: &Assignment) -> &'a str {
        &self.body[assignment.value.clone()]
    }

    /// Every assignment of `key`, in file order.
    pub fn assignments<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'s Assignment> + 's {
        self.entries
            .iter()
            .filter_map(|e| e.assignment.as_ref())
            .filter(move |a| a.key == key)
    }

    /// The value of `key` as most dialects read it, when it is written in a form they agree on
    /// (the last assignment wins, as in python-dotenv and Node `dotenv`).
    pub fn get(&self, key: &str) -> Option<&'a str> {
        self.assignments(key)
            .last()
            .and_then(|a| unquote_simple(self.raw_value(a)))
    }

    /// The value of `key` as a client would most likely read it even when dialects disagree: the
    /// portable reading, else the raw value without one pair of surrounding quotes.
    pub fn get_lenient(&self, key: &str) -> Option<&'a str> {
        if let Some(value) = self.get(key) {
            return Some(value);
        }
        let raw = self.raw_value(self.assignments(key).last()?);
        Some(
            ['"', '\'']
                .iter()
                .find_map(|q| raw.strip_prefix(*q).and_then(|r| r.strip_suffix(*q)))
                .unwrap_or(raw),
        )
    }

    /// The line ending new lines should use: the file's first one, else `\n`.
    fn newline(&self) -> &'static str {
        self.entries
            .iter()
            .map(|e| e.ending)
            .find(|e| !e.is_empty())
            .unwrap_or("\n")
    }
}

/// The entries, and the 1-based line of the first value whose opening quote is never closed.
fn parse_entries(body: &str) -> (Vec<Entry>, Option<usize>) {
    let lines = split_lines(body);
    let mut entries = Vec::with_capacity(lines.len());
    let mut unterminated = None;
    let mut index = 0;
    while index < lines.len() {
        let (start, content_end, _) = lines[index];
        let mut last_line = index;
        let assignment = parse_assignment_start(body, start, content_end).map(
            |(key_span, exported, prefix_end)| {
                let value_start = skip_blanks(body, prefix_end, content_end);
                let scan = scan_value(body, &lines, index, value_start);
                last_line = index + scan.extra_lines;
                if scan.unterminated && unterminated.is_none() {
                    unterminated = Some(index + 1);
                }
                Assignment {
                    key: body[key_span.clone()].to_string(),
                    key_span,
                    exported,
                    prefix: start..value_start,
                    value: value_start..scan.value_end,
                    comment: trailing_comment(body, scan.rest, !scan.quoted),
                }
            },
        );
        let (_, last_content_end, last_ending) = lines[last_line];
        entries.push(Entry {
            span: start..last_content_end + last_ending.len(),
            ending: last_ending,
            assignment,
        });
        index = last_line + 1;
    }
    (entries, unterminated)
}

/// `(start, content_end, ending)` for each line; `\r\n` and `\n` end a line, a lone `\r` does not.
fn split_lines(body: &str) -> Vec<(usize, usize, &'static str)> {
    let bytes = body.as_bytes();
    let mut lines = Vec::with_capacity(expected_entries(body));
    let mut start = 0;
    while start < bytes.len() {
        match memchr_newline(&bytes[start..]) {
            Some(offset) => {
                let newline = start + offset;
                if newline > start && bytes[newline - 1] == b'\r' {
                    lines.push((start, newline - 1, "\r\n"));
                } else {
                    lines.push((start, newline, "\n"));
                }
                start = newline + 1;
            }
            None => {
                lines.push((start, bytes.len(), ""));
                start = bytes.len();
            }
        }
    }
    lines
}

use readers::expected_entries;

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

fn skip_blanks(body: &str, mut at: usize, end: usize) -> usize {
    let bytes = body.as_bytes();
    while at < end && matches!(bytes[at], b' ' | b'\t') {
        at += 1;
    }
    at
}

fn trim_end_blanks(body: &str, start: usize, mut end: usize) -> usize {
    let bytes = body.as_bytes();
    while end > start && matches!(bytes[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    end
}

fn is_quote(body: &str, at: usize) -> bool {
    matches!(body.as_bytes().get(at), Some(b'\'' | b'"' | b'`'))
}

/// Recognises `[blanks][export blanks]KEY[blanks]=` and returns the key, whether it was exported,
/// and the byte just after `=`.
fn parse_assignment_start(
    body: &str,
    start: usize,
    end: usize,
) -> Option<(Range<usize>, bool, usize)> {
    let bytes = body.as_bytes();
    let mut at = skip_blanks(body, start, end);
    let mut exported = false;
    if body[at..end].starts_with("export") {
        let after = at + "export".len();
        if after < end && matches!(bytes[after], b' ' | b'\t') {
            let key_at = skip_blanks(body, after, end);
            // `export=1` or `export =1` is a key named export, not the keyword.
            if key_at < end && bytes[key_at] != b'=' {
                exported = true;
                at = key_at;
            }
        }
    }
    let key_start = at;
    while at < end && (bytes[at].is_ascii_alphanumeric() || matches!(bytes[at], b'_' | b'.' | b'-'))
    {
        at += 1;
    }
    if at == key_start {
        return None;
    }
    let key = key_start..at;
    at = skip_blanks(body, at, end);
    (at < end && bytes[at] == b'=').then_some((key, exported, at + 1))
}

struct ValueScan {
    value_end: usize,
    /// What follows the value on its last line, where a comment may be.
    rest: Range<usize>,
    extra_lines: usize,
    quoted: bool,
    unterminated: bool,
}

/// Finds where a value starting at `value_start` on line `line` ends.
fn scan_value(
    body: &str,
    lines: &[(usize, usize, &'static str)],
    line: usize,
    value_start: usize,
) -> ValueScan {
    let bytes = body.as_bytes();
    if is_quote(body, value_start) {
        let quote = bytes[value_start];
        // Look for the closing quote, across lines: python-dotenv and Node read multi-line values.
        let mut current = line;
        let mut at = value_start + 1;
        loop {
            let (_, line_end, _) = lines[current];
            while at < line_end {
                match bytes[at] {
                    b'\\' => at += 2,
                    b if b == quote => {
                        return ValueScan {
                            value_end: at + 1,
                            rest: at + 1..line_end,
                            extra_lines: current - line,
                            quoted: true,
                            unterminated: false,
                        };
                    }
                    _ => at += 1,
                }
            }
            if current + 1 >= lines.len() {
                break;
            }
            current += 1;
            at = lines[current].0;
        }
    }
    // Unquoted, or a quote never closed (then take just this line, so nothing after is swallowed).
    let unterminated = is_quote(body, value_start);
    let (_, content_end, _) = lines[line];
    let value_end = match find_inline_comment(body, value_start, content_end) {
        Some(hash) => trim_end_blanks(body, value_start, hash),
        None => trim_end_blanks(body, value_start, content_end),
    };
    ValueScan {
        value_end,
        rest: value_end..content_end,
        extra_lines: 0,
        quoted: false,
        unterminated,
    }
}

/// In an unquoted value, ` #` starts a comment in every dialect.
fn find_inline_comment(body: &str, start: usize, end: usize) -> Option<usize> {
    let bytes = &body.as_bytes()[..end];
    let mut from = start;
    while let Some(offset) = bytes[from..].iter().position(|&b| b == b'#') {
        let hash = from + offset;
        if hash > start && matches!(bytes[hash - 1], b' ' | b'\t') {
            return Some(hash);
        }
        from = hash + 1;
    }
    None
}

/// The `[blanks]# comment` after a value, if that is all there is. After an unquoted value the
/// `#` must follow a blank, or it is part of the value.
fn trailing_comment(body: &str, rest: Range<usize>, needs_blank: bool) -> Range<usize> {
    let (start, end) = (rest.start, rest.end);
    let hash = skip_blanks(body, start, end);
    if hash < end && body.as_bytes()[hash] == b'#' && (hash > start || !needs_blank) {
        start..end
    } else {
        end..end
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// The key was not in the file and was added.
    Added,
    /// The key was there with another value and was replaced (every occurrence).
    Updated,
    /// The key was there with this exact value; its lines were left untouched.
    Unchanged,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub key: String,
    pub kind: ChangeKind,
    /// How many times the key was in the file before (duplicates are all updated).
    pub occurrences: usize,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    Unportable {
        key: String,
        reason: UnportableValue,
    },
    UnterminatedQuote(usize),
    /// python-dotenv, Node dotenv, dotenvy and docker compose read the lines near the edit
    /// differently (or would after it): the message names the line, what each sees, and the fix.
    ReadersDisagree(agree::Disagreement),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            EditError::Unportable { key, reason } => tr!(
                "core-dotenv-unportable",
                key = key,
                reason = reason.to_string()
            ),
            EditError::UnterminatedQuote(line) => {
                tr!("core-dotenv-unterminated-quote", line = *line)
            }
            EditError::ReadersDisagree(disagreement) => disagreement.message.clone(),
        })
    }
}

/// The new text and what changed, key by key, in the order the keys were given.
#[derive(Debug)]
pub struct Edit {
    pub text: String,
    pub changes: Vec<Change>,
}

impl Edit {
    pub fn is_noop(&self) -> bool {
        self.changes.iter().all(|c| c.kind == ChangeKind::Unchanged)
    }
}

/// Sets each `(key, value)` in `original`: existing assignments are replaced in place (all
/// duplicates; `export`, the spacing up to `=` and a trailing comment kept), missing keys are
/// inserted after the last existing one of them, or appended in a block under [`BLOCK_HEADER`].
pub fn upsert(original: &str, vars: &[(&str, &str)]) -> Result<Edit, EditError> {
    let quoted = vars
        .iter()
        .map(|(key, value)| {
            quote_value(value).map_err(|reason| EditError::Unportable {
                key: key.to_string(),
                reason,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let parse = || -> Result<Document<'_>, EditError> {
        let doc = Document::parse(original);
        match doc.unterminated_quote {
            Some(line) if !vars.is_empty() => Err(EditError::UnterminatedQuote(line)),
            _ => Ok(doc),
        }
    };
    // The four readers read the file while the editor reads it its own way (with nothing to
    // set, nothing is asked of them).
    let (readings, marks, parsed) = if vars.is_empty() {
        (Vec::new(), Vec::new(), parse())
    } else {
        agree::read_while(original, parse)
    };
    let doc = parsed?;
    let ours = agree::OurKeys::new(vars.iter().map(|(k, _)| *k));
    let (assigned, last_owned) = assignments_of(&doc, &ours);
    let edit = edit_of(&doc, vars, &quoted, &ours, &assigned, last_owned);
    if vars.is_empty() {
        return Ok(edit);
    }
    let after = agree::read_after(&readings, &marks, &edit.text);
    let assignments = |key: &str| assignments_in(&ours, &assigned, key);
    let updated = |key: &str| {
        ours.index(key)
            .is_some_and(|index| edit.changes[index].kind == ChangeKind::Updated)
    };
    let replaced = doc.entries.iter().enumerate().filter_map(|(i, e)| {
        let key = &e.assignment.as_ref()?.key;
        updated(key).then_some(i)
    });
    let keys: Vec<&str> = vars.iter().map(|(k, _)| *k).collect();
    let adds = edit.changes.iter().any(|c| c.kind == ChangeKind::Added);
    let plan = agree::plan_of(
        &doc,
        &keys,
        |key| assignments(key),
        replaced,
        adds.then_some(last_owned),
    );
    agree::check_plan(original, &readings, &plan).map_err(EditError::ReadersDisagree)?;
    agree::check_result(&readings, &after, &edit.text, vars).map_err(EditError::ReadersDisagree)?;
    Ok(edit)
}

/// Where each of `ours` is assigned (by the index of the key's first place among them), found
/// in one pass, and the entry index of the last of them.
fn assignments_of<'d>(
    doc: &'d Document<'_>,
    ours: &agree::OurKeys<'_>,
) -> (Vec<Vec<&'d Assignment>>, Option<usize>) {
    let mut assigned: Vec<Vec<&Assignment>> = vec![Vec::new(); ours.len()];
    let mut last_owned = None;
    for (index, entry) in doc.entries.iter().enumerate() {
        if let Some(a) = &entry.assignment
            && let Some(key) = ours.index(&a.key)
        {
            assigned[key].push(a);
            last_owned = Some(index);
        }
    }
    (assigned, last_owned)
}

/// The assignments of `key` among those [`assignments_of`] found.
fn assignments_in<'d>(
    ours: &agree::OurKeys<'_>,
    assigned: &'d [Vec<&'d Assignment>],
    key: &str,
) -> &'d [&'d Assignment] {
    ours.index(key)
        .map_or(&[], |index| assigned[index].as_slice())
}

/// The editor's edit of `doc`, before any reader is asked about it (`assigned` and `last_owned`:
/// [`assignments_of`] `ours`, the keys of `vars`).
fn edit_of(
    doc: &Document<'_>,
    vars: &[(&str, &str)],
    quoted: &[std::borrow::Cow<'_, str>],
    ours: &agree::OurKeys<'_>,
    assigned: &[Vec<&Assignment>],
    last_owned: Option<usize>,
) -> Edit {
    let newline = doc.newline();
    let assignments = |key: &str| assignments_in(ours, assigned, key);
    let mut changes = Vec::new();
    let mut missing = Vec::new();
    for ((key, value), quoted) in vars.iter().zip(quoted) {
        let occurrences = assignments(key).len();
        let kind = if occurrences == 0 {
            missing.push(format!("{key}={quoted}"));
            ChangeKind::Added
        } else if assignments(key)
            .iter()
            .all(|a| unquote_simple(doc.raw_value(a)) == Some(*value))
        {
            ChangeKind::Unchanged
        } else {
            ChangeKind::Updated
        };
        changes.push(Change {
            key: key.to_string(),
            kind,
            occurrences,
        });
    }

    let replacement = |key: &str| -> Option<&str> {
        let index = ours.index(key)?;
        (changes[index].kind == ChangeKind::Updated).then(|| quoted[index].as_ref())
    };

    let mut out = String::with_capacity(doc.body.len() + 256);
    if doc.has_bom {
        out.push(BOM);
    }
    for (index, entry) in doc.entries.iter().enumerate() {
        match entry
            .assignment
            .as_ref()
            .and_then(|a| replacement(&a.key).map(|v| (a, v)))
        {
            Some((assignment, value)) => {
                let comment = &doc.body[assignment.comment.clone()];
                out.push_str(&doc.body[assignment.prefix.clone()]);
                out.push_str(if value.is_empty() && !comment.is_empty() {
                    "''"
                } else {
                    value
                });
                // `#` starts a comment only after a blank for an unquoted value, and for
                // dotenvy even after a closing quote (`K='v'#c` reads `v#c` there).
                if comment.starts_with('#') {
                    out.push(' ');
                }
                out.push_str(comment);
                out.push_str(entry.ending);
            }
            None => out.push_str(doc.entry_text(entry)),
        }
        if Some(index) == last_owned && !missing.is_empty() {
            insert_lines(&mut out, &missing, entry.ending, newline);
        }
    }
    if last_owned.is_none() && !missing.is_empty() {
        append_block(&mut out, doc, &missing, newline);
    }
    Edit { text: out, changes }
}

/// Inserts lines after an entry; if that entry ended the file without a newline, the inserted
/// block takes over that role so the file still ends without one.
fn insert_lines(out: &mut String, lines: &[String], after_ending: &str, newline: &str) {
    if after_ending.is_empty() {
        out.push_str(newline);
    }
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        if i + 1 < lines.len() || !after_ending.is_empty() {
            out.push_str(newline);
        }
    }
}

fn append_block(out: &mut String, doc: &Document<'_>, lines: &[String], newline: &str) {
    let last = doc.entries.last();
    let ends_without_newline = last.is_some_and(|e| e.ending.is_empty());
    if ends_without_newline {
        out.push_str(newline);
    }
    let last_is_blank = last.is_none_or(|e| doc.entry_text(e).trim().is_empty());
    if !last_is_blank {
        out.push_str(newline);
    }
    out.push_str(BLOCK_HEADER);
    out.push_str(newline);
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        if i + 1 < lines.len() || !ends_without_newline {
            out.push_str(newline);
        }
    }
}

#[cfg(test)]
mod tests;
