//! What each real `.env` reader sees in a file: one grammar per reader, each written from that
//! reader's source (the versions pinned in `tests/dialects/`), each returning the entries the reader
//! would load, with byte spans into the original text.
//!
//! - [`Reader::PythonDotenv`]: python-dotenv 1.2.4 (`parser.py`), as `load_dotenv(path)` reads a
//!   file: Python's universal newlines turn `\r\n` and a lone `\r` into `\n`, a leading BOM is
//!   dropped, `\s` is every character `str.isspace()` accepts.
//! - [`Reader::NodeDotenv`]: Node `dotenv` 18.0.10, its default parser: `\r\n?` becomes `\n`, then
//!   the global `LINE` regex is run over the text with JavaScript's `\s` (Unicode spaces, line
//!   terminators and the BOM), ASCII `\w`, and `^`/`$` at `\n`, U+2028 and U+2029.
//! - [`Reader::Dotenvy`]: Rust `dotenvy` 0.15.7 (`iter.rs`, `parse.rs`): lines end at `\n` only,
//!   quotes continue a line, loading stops at the first error.
//! - [`Reader::Compose`]: docker compose `env_file` (compose-go `dotenv/parser.go`): the first
//!   error fails the whole file.
//!
//! Pure: text in, entries out. Values are decoded on demand ([`Reading::value`]), so checking a
//! large file costs no allocation per line.

pub mod compose;
pub mod dotenvy;
pub mod node;
pub mod python;

use std::borrow::Cow;
use std::ops::Range;

use crate::tr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reader {
    PythonDotenv,
    NodeDotenv,
    Dotenvy,
    Compose,
}

impl Reader {
    pub const ALL: [Reader; 4] = [
        Reader::PythonDotenv,
        Reader::NodeDotenv,
        Reader::Dotenvy,
        Reader::Compose,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Reader::PythonDotenv => "python-dotenv",
            Reader::NodeDotenv => "Node dotenv",
            Reader::Dotenvy => "dotenvy",
            Reader::Compose => "docker compose",
        }
    }

    /// The entries this reader sees in `text`, in file order.
    pub fn read(self, text: &str) -> Reading<'_> {
        let (entries, error) = match self {
            Reader::PythonDotenv => (python::parse(text), None),
            Reader::NodeDotenv => (node::parse(text), None),
            Reader::Dotenvy => dotenvy::parse(text),
            Reader::Compose => compose::parse(text),
        };
        Reading {
            reader: self,
            text,
            entries,
            error,
        }
    }

    /// Whether the first error in a file stops this reader from loading anything after it
    /// (dotenvy's `dotenv()`), or the whole file (compose).
    pub fn stops_at_errors(self) -> bool {
        matches!(self, Reader::Dotenvy | Reader::Compose)
    }
}

/// One assignment as a reader sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderEntry<'a> {
    /// The key as the reader reads it: borrowed from the text, owned only where the reader's
    /// newline handling changed it (python-dotenv's quoted key across a `\r\n`).
    pub key: Cow<'a, str>,
    /// Where the key is written (inside its quotes, for python-dotenv's `'KEY'=`).
    pub key_span: Range<usize>,
    /// The value as written, quotes included, without the blanks and comment around it; empty
    /// (at the value's position) for `KEY=`.
    pub value_span: Range<usize>,
    /// python-dotenv's `KEY` with no `=`: declared, with no value (`None` in `dotenv_values`).
    pub no_value: bool,
}

/// A reader's first error, for the readers that stop there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// Byte offset in the text of the line (or multi-line entry) the reader failed on.
    pub offset: usize,
    pub message: String,
}

#[derive(Debug)]
pub struct Reading<'a> {
    pub reader: Reader,
    pub text: &'a str,
    pub entries: Vec<ReaderEntry<'a>>,
    pub error: Option<ReadError>,
}

impl<'a> Reading<'a> {
    /// The value text as written (quotes included).
    pub fn raw(&self, entry: &ReaderEntry<'_>) -> &'a str {
        &self.text[entry.value_span.clone()]
    }

    /// The value this reader loads for the entry, before any variable expansion (`None`: a
    /// python-dotenv key without `=`).
    pub fn value(&self, entry: &ReaderEntry<'_>) -> Option<String> {
        if entry.no_value {
            return None;
        }
        let raw = self.raw(entry);
        Some(match self.reader {
            Reader::PythonDotenv => python::decode(raw),
            Reader::NodeDotenv => node::decode(raw),
            Reader::Dotenvy => dotenvy::decode(raw, &|_| None),
            Reader::Compose => compose::decode(raw),
        })
    }

    /// The last entry of `key` (the one python-dotenv, Node dotenv and compose keep; dotenvy's
    /// `dotenv()` keeps the first, but the editor writes every occurrence).
    pub fn last(&self, key: &str) -> Option<&ReaderEntry<'a>> {
        self.entries.iter().rev().find(|e| e.key == key)
    }

    /// The entries the reader really loads: all of them, except after dotenvy's first error
    /// (already cut) and none at all when compose fails.
    pub fn loaded(&self) -> &[ReaderEntry<'a>] {
        if self.reader == Reader::Compose && self.error.is_some() {
            &[]
        } else {
            &self.entries
        }
    }
}

/// A view of the text as a reader sees it after its own newline and BOM handling, with a map back
/// to the original bytes.
pub(crate) struct Normalized<'a> {
    pub text: Cow<'a, str>,
    /// For each byte of `text` (and one past the end), its offset in the original; `None` when
    /// the two are the same bytes shifted by `shift`.
    map: Option<Vec<usize>>,
    shift: usize,
}

impl<'a> Normalized<'a> {
    /// Drops a leading BOM if `strip_bom`, and turns `\r\n` and a lone `\r` into `\n` (Python's
    /// universal newlines; Node dotenv's `replace(/\r\n?/mg, '\n')`).
    pub fn new(original: &'a str, strip_bom: bool) -> Self {
        let (body, shift) = match original.strip_prefix('\u{feff}') {
            Some(rest) if strip_bom => (rest, '\u{feff}'.len_utf8()),
            _ => (original, 0),
        };
        if !body.contains('\r') {
            return Normalized {
                text: Cow::Borrowed(body),
                map: None,
                shift,
            };
        }
        let bytes = body.as_bytes();
        let mut text = Vec::with_capacity(bytes.len());
        let mut map = Vec::with_capacity(bytes.len() + 1);
        let mut i = 0;
        while i < bytes.len() {
            map.push(i + shift);
            if bytes[i] == b'\r' {
                text.push(b'\n');
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            } else {
                text.push(bytes[i]);
                i += 1;
            }
        }
        map.push(bytes.len() + shift);
        Normalized {
            // Only ASCII bytes were replaced by ASCII bytes.
            text: Cow::Owned(String::from_utf8(text).expect("still UTF-8")),
            map: Some(map),
            shift,
        }
    }

    /// The original offset of a byte of the normalized text.
    #[inline]
    pub fn original(&self, at: usize) -> usize {
        match &self.map {
            Some(map) => map[at],
            None => at + self.shift,
        }
    }

    /// A range of the normalized text as a range of the original; a range that ends on a `\n` made
    /// from `\r\n` ends after the `\n`.
    #[inline]
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = self.original(range.start);
            return at..at;
        }
        let end = self.original(range.end - 1) + 1;
        let end = match &self.map {
            // The last byte was a `\n` standing for `\r\n`: take both.
            Some(map) if map[range.end] > end => map[range.end],
            _ => end,
        };
        self.original(range.start)..end
    }
}

/// Turns `\r\n` and lone `\r` into `\n`, as Python's universal newlines and Node dotenv do.
pub(crate) fn unify_newlines(raw: &str) -> Cow<'_, str> {
    if raw.contains('\r') {
        Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(raw)
    }
}

/// Room for the entries of `text` up front (a line of a typical .env is 20 to 60 bytes), so a
/// large file's list is not copied each time it grows.
pub(crate) fn expected_entries(text: &str) -> usize {
    text.len() / 32 + 1
}

/// The first offset at or after `from` whose byte `stop` accepts, else the length: a scan with no
/// character decoding, for grammars whose decisions there hang on ASCII bytes only (a byte of a
/// multi-byte character is never ASCII).
#[inline(always)]
pub(crate) fn find_byte(bytes: &[u8], from: usize, stop: impl Fn(u8) -> bool) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| stop(b))
        .map_or(bytes.len(), |i| from + i)
}

/// The character at byte `at`, if any (`None` too when `at` is inside a character).
#[inline]
pub(crate) fn char_at(text: &str, at: usize) -> Option<char> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        // An ASCII byte is a whole character and always starts one.
        return Some(byte as char);
    }
    text.get(at..).and_then(|rest| rest.chars().next())
}

/// The 1-based line of a byte offset, counting `\n`, `\r\n` and a lone `\r` as line ends (what an
/// editor shows for most files; the message names the reader when they differ).
pub fn line_of(text: &str, offset: usize) -> usize {
    let bytes = &text.as_bytes()[..offset.min(text.len())];
    let mut line = 1;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
        }
    }
    line
}

#[cfg(test)]
mod tests;

/// The variables a reader loads from a text: for each key the entry that wins (the last; the first
/// for dotenvy's `dotenv()`), decoded, python-dotenv's `${VAR}` expanded over the file's own
/// values (the environment the app will run in is not known here).
#[derive(Debug, Default)]
pub struct Loaded {
    values: std::collections::HashMap<String, (Option<String>, usize)>,
}

impl Loaded {
    pub fn read(text: &str, reader: Reader) -> Self {
        let reading = reader.read(text);
        let mut values: std::collections::HashMap<String, (Option<String>, usize)> =
            std::collections::HashMap::new();
        for entry in reading.loaded() {
            if reader == Reader::Dotenvy && values.contains_key(&*entry.key) {
                continue;
            }
            let mut value = reading.value(entry);
            if reader == Reader::PythonDotenv
                && let Some(raw) = &value
                && raw.contains("${")
            {
                let earlier = |name: &str| values.get(name).map(|(v, _)| v.clone());
                value = Some(python::expand(raw, &earlier, &|_| None));
            }
            let line = line_of(text, entry.key_span.start);
            values.insert(entry.key.to_string(), (value, line));
        }
        Loaded { values }
    }

    /// The value of `name` (`None` when unset, or declared with no value).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(|(v, _)| v.as_deref())
    }

    /// The 1-based line of the entry that sets `name`.
    pub fn line(&self, name: &str) -> Option<usize> {
        self.values.get(name).map(|(_, line)| *line)
    }
}

/// One of our variables that python-dotenv (Python clients) and Node dotenv (JavaScript clients)
/// read differently: which one, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientsDisagree {
    pub name: &'static str,
    pub line: usize,
    /// In words, without the values (they may hold the secret).
    pub detail: String,
}

/// Our variables `names` that python-dotenv and Node dotenv read differently in `text`.
pub fn clients_disagree(text: &str, names: &[&'static str]) -> Vec<ClientsDisagree> {
    let python = Loaded::read(text, Reader::PythonDotenv);
    let node = Loaded::read(text, Reader::NodeDotenv);
    names
        .iter()
        .filter_map(|&name| {
            let (p, n) = (python.get(name), node.get(name));
            if p == n {
                return None;
            }
            let line = python.line(name).or(node.line(name)).unwrap_or(1);
            let detail = match (p, n) {
                (Some(_), None) => {
                    tr!("core-clients-only-python", name = name, line = line)
                }
                (None, Some(_)) => tr!(
                    "core-clients-only-node",
                    name = name,
                    line = node.line(name).unwrap_or(line)
                ),
                _ => tr!("core-clients-different-values", name = name),
            };
            Some(ClientsDisagree { name, line, detail })
        })
        .collect()
}
