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
        let mut entries = Vec::with_capacity(expected_entries(text));
        let error = self.read_from(text, 0, &mut entries, &mut ());
        Reading {
            reader: self,
            text,
            entries,
            error,
        }
    }

    /// Reads on from the step that starts at `from` (0: the whole text; else a step start of a
    /// text with no BOM and no `\r`, where the readers' offsets are the text's own), adding to
    /// `entries`, with `watch` told of every step.
    fn read_from<'a>(
        self,
        text: &'a str,
        from: usize,
        entries: &mut Vec<ReaderEntry<'a>>,
        watch: &mut impl Watch,
    ) -> Option<ReadError> {
        match self {
            Reader::PythonDotenv => {
                python::read(text, from, entries, watch);
                None
            }
            Reader::NodeDotenv => {
                node::read(text, from, entries, watch);
                None
            }
            Reader::Dotenvy => dotenvy::read(text, from, entries, watch),
            Reader::Compose => compose::read(text, from, entries, watch),
        }
    }

    /// This reader's view of `text`, with the marks that let a text differing from it in one
    /// stretch be read again only around that stretch ([`Marks::read_after`]).
    pub(crate) fn read_marked(self, text: &str) -> (Reading<'_>, Marks) {
        self.read_marked_every(text, MARK_EVERY)
    }

    /// [`Reader::read_marked`] with a mark every `every` steps (tests mark every step, so each
    /// place is tried as a resume point and a meeting point).
    pub(crate) fn read_marked_every(self, text: &str, every: usize) -> (Reading<'_>, Marks) {
        let mut marks = Marks {
            every: every.max(1),
            steps: 0,
            looked: 0,
            marks: Vec::new(),
        };
        let mut entries = Vec::with_capacity(expected_entries(text));
        let error = self.read_from(text, 0, &mut entries, &mut marks);
        let reading = Reading {
            reader: self,
            text,
            entries,
            error,
        };
        (reading, marks)
    }

    /// The value this reader loads for `entry` of its reading of `text`, before any variable
    /// expansion (`None`: a python-dotenv key without `=`).
    pub(crate) fn value_in(self, text: &str, entry: &ReaderEntry<'_>) -> Option<String> {
        if entry.no_value {
            return None;
        }
        let raw = &text[entry.value_span.clone()];
        Some(match self {
            Reader::PythonDotenv => python::decode(raw),
            Reader::NodeDotenv => node::decode(raw),
            Reader::Dotenvy => dotenvy::decode(raw, &|_| None),
            Reader::Compose => compose::decode(raw),
        })
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

/// Told where each step of a reading starts and how far it read: a step is the unit a reader
/// repeats from a position and nothing else (python-dotenv's binding, one run of Node's `LINE`
/// regex from `lastIndex`, dotenvy's logical line, compose's statement).
pub(crate) trait Watch {
    /// A step starts at `at` with `entries` entries read so far; `true` stops the reading there.
    fn step(&mut self, at: usize, entries: usize) -> bool;
    /// The step just taken looked at no byte at or past `end` (`usize::MAX`: it looked at the end
    /// of the text, whose place an edit may move).
    fn looked(&mut self, end: usize);
}

/// A reading nobody watches.
impl Watch for () {
    #[inline(always)]
    fn step(&mut self, _: usize, _: usize) -> bool {
        false
    }
    #[inline(always)]
    fn looked(&mut self, _: usize) {}
}

/// Where a reading from `from` starts: past a leading BOM when it starts at the beginning (the
/// readers that drop one read no step there).
#[inline]
pub(crate) fn first_step(text: &str, from: usize) -> usize {
    if from == 0 && text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        from
    }
}

/// How far a step looked when it stopped on the character at `at`, or on the end of the text
/// (`usize::MAX`; also, to be safe, for an `at` inside a character, which no scan returns).
#[inline]
pub(crate) fn through(text: &str, at: usize) -> usize {
    char_at(text, at).map_or(usize::MAX, |c| at + c.len_utf8())
}

/// Two texts that differ in one stretch of whole lines: `before[start..before_end]` became
/// `after[start..after_end]`, and both texts are the same before and after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Change {
    pub start: usize,
    pub before_end: usize,
    pub after_end: usize,
}

impl Change {
    /// The stretch where the texts differ, widened to whole lines; `None` where a reader would
    /// not read the text at its own offsets (a BOM, a `\r`).
    pub fn between(before: &str, after: &str) -> Option<Change> {
        let plain = |t: &str| !t.starts_with('\u{feff}') && !t.as_bytes().contains(&b'\r');
        if !plain(before) || !plain(after) {
            return None;
        }
        let (b, a) = (before.as_bytes(), after.as_bytes());
        let same_start = same_prefix(b, a);
        let room = b.len().min(a.len()) - same_start;
        let same_end = same_suffix(&b[b.len() - room..], &a[a.len() - room..]);
        // Whole lines: the line where they first differ, to the end of the line where they
        // last differ (the same bytes in both, so widening keeps the rest alike).
        let start = b[..same_start]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |i| i + 1);
        let tail = b[b.len() - same_end..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(0, |i| same_end - i - 1);
        Some(Change {
            start,
            before_end: b.len() - tail,
            after_end: a.len() - tail,
        })
    }
}

/// Slices compared a block at a time (a `memcmp` each) before byte by byte: a large file's
/// unchanged part is found in microseconds.
const SAME_BLOCK: usize = 4096;

/// The length of the longest common prefix.
fn same_prefix(a: &[u8], b: &[u8]) -> usize {
    let len = a.len().min(b.len());
    let mut at = 0;
    while at + SAME_BLOCK <= len && a[at..at + SAME_BLOCK] == b[at..at + SAME_BLOCK] {
        at += SAME_BLOCK;
    }
    at + a[at..len]
        .iter()
        .zip(&b[at..len])
        .take_while(|(x, y)| x == y)
        .count()
}

/// The length of the longest common suffix.
fn same_suffix(a: &[u8], b: &[u8]) -> usize {
    let len = a.len().min(b.len());
    let (a, b) = (&a[a.len() - len..], &b[b.len() - len..]);
    let mut end = len;
    while end >= SAME_BLOCK && a[end - SAME_BLOCK..end] == b[end - SAME_BLOCK..end] {
        end -= SAME_BLOCK;
    }
    len - end
        + a[..end]
            .iter()
            .rev()
            .zip(b[..end].iter().rev())
            .take_while(|(x, y)| x == y)
            .count()
}

/// Every how many steps a reading marks where it is: the reading after an edit starts at most
/// this many steps before the edit and meets the reading before it at most this many after.
const MARK_EVERY: usize = 16;

/// Where a reading was every [`MARK_EVERY`] steps: what the reading of a text after an edit needs
/// of the reading before it, whatever the edit.
pub(crate) struct Marks {
    every: usize,
    steps: usize,
    /// How far the steps so far looked (exclusive).
    looked: usize,
    /// `(step start, entries before it, how far the steps before it looked)`.
    marks: Vec<(usize, usize, usize)>,
}

impl Marks {
    /// The reading of `after`, given this reading of `before` (`change`: [`Change::between`] the
    /// two; `None` reads `after` whole): `before`'s entries up to the last mark before the
    /// change that no earlier step looked past, this reader's steps from there until one starts
    /// at a mark past the change (moved by the change's length: a step reads forward only, but
    /// Node's looks one character back, so the mark must be past the change for that character
    /// to be the same), then `before`'s entries from that mark on.
    pub(crate) fn read_after<'a, 'r, 'b>(
        &self,
        before: &'r Reading<'b>,
        after: &'a str,
        change: Option<&Change>,
    ) -> Edited<'a, 'r, 'b> {
        let Some(change) = change else {
            let whole = before.reader.read(after);
            return Edited {
                before,
                text: after,
                kept: 0,
                middle: whole.entries,
                taken: before.entries.len(),
                error: whole.error,
                moved_by: (0, 0),
            };
        };
        let (from, kept, _) = self.marks[..self.marks.partition_point(|m| m.0 <= change.start)]
            .iter()
            .rev()
            .find(|(_, _, looked)| *looked <= change.start)
            .copied()
            .unwrap_or((0, 0, 0));
        let moved_by = (change.before_end, change.after_end);
        let past = self.marks.partition_point(|m| m.0 <= change.before_end);
        let mut meet = Meet {
            marks: &self.marks[past..],
            next: 0,
            moved_by,
            met: None,
        };
        let mut middle = Vec::new();
        let error = before.reader.read_from(after, from, &mut middle, &mut meet);
        let (taken, error) = match meet.met {
            None => (before.entries.len(), error),
            Some(mark) => (
                self.marks[past + mark].1,
                before.error.as_ref().map(|e| ReadError {
                    offset: e.offset - moved_by.0 + moved_by.1,
                    message: e.message.clone(),
                }),
            ),
        };
        Edited {
            before,
            text: after,
            kept,
            middle,
            taken,
            error,
            moved_by,
        }
    }
}

/// A reader's view of a text after an edit, read again only around the edit: its entries are
/// the first `kept` of the reading before it, then `middle`, then those of the reading before
/// from `taken` on, moved by the edit's length (the same keys and values, read from the same
/// bytes). Built by [`Marks::read_after`]; [`Edited::to_reading`] gives the whole [`Reading`].
pub(crate) struct Edited<'a, 'r, 'b> {
    before: &'r Reading<'b>,
    pub text: &'a str,
    kept: usize,
    /// The entries read again.
    pub middle: Vec<ReaderEntry<'a>>,
    taken: usize,
    pub error: Option<ReadError>,
    /// An offset `at` past the edit in the text before is `at - moved_by.0 + moved_by.1` here.
    moved_by: (usize, usize),
}

impl<'a> Edited<'a, '_, '_> {
    pub fn reader(&self) -> Reader {
        self.before.reader
    }

    /// The entries of the reading before that the ones read again stand for.
    pub fn replaced(&self) -> Range<usize> {
        self.kept..self.taken
    }

    /// The entries of the reading before that come before, and after, the ones read again.
    fn unchanged(&self) -> (&[ReaderEntry<'_>], &[ReaderEntry<'_>]) {
        (
            &self.before.entries[..self.kept],
            &self.before.entries[self.taken..],
        )
    }

    /// Every entry, in file order, with spans into this text.
    pub fn entries(&self) -> impl Iterator<Item = ReaderEntry<'a>> + '_ {
        self.matching(|_| true, false)
    }

    /// The entries the reader really loads (see [`Reading::loaded`]) whose key `wanted` accepts.
    pub fn loaded_where<'s>(
        &'s self,
        wanted: impl Fn(&str) -> bool + Copy + 's,
    ) -> impl Iterator<Item = ReaderEntry<'a>> + 's {
        self.matching(
            wanted,
            self.reader() == Reader::Compose && self.error.is_some(),
        )
    }

    /// The entries whose key `wanted` accepts (none if `none`): the others are passed over
    /// without being moved to this text.
    fn matching<'s>(
        &'s self,
        wanted: impl Fn(&str) -> bool + Copy + 's,
        none: bool,
    ) -> impl Iterator<Item = ReaderEntry<'a>> + 's {
        let text = self.text;
        let (from, to) = self.moved_by;
        let (first, last) = self.unchanged();
        let middle = &self.middle[..];
        let (first, middle, last) = if none {
            (&first[..0], &middle[..0], &last[..0])
        } else {
            (first, middle, last)
        };
        // An offset in the text before is `offset + to - shift` here: `shift` is `to` before
        // the edit (the same place), `from` past it.
        let moved = move |entry: &ReaderEntry<'_>, shift: usize| {
            let at = |offset: usize| offset + to - shift;
            let key_span = at(entry.key_span.start)..at(entry.key_span.end);
            ReaderEntry {
                key: match &entry.key {
                    Cow::Borrowed(_) => Cow::Borrowed(&text[key_span.clone()]),
                    Cow::Owned(key) => Cow::Owned(key.clone()),
                },
                key_span,
                value_span: at(entry.value_span.start)..at(entry.value_span.end),
                no_value: entry.no_value,
            }
        };
        first
            .iter()
            .filter(move |e| wanted(&e.key))
            .map(move |e| moved(e, to))
            .chain(middle.iter().filter(move |e| wanted(&e.key)).cloned())
            .chain(
                last.iter()
                    .filter(move |e| wanted(&e.key))
                    .map(move |e| moved(e, from)),
            )
    }

    /// The value this reader loads for one of its entries (see [`Reading::value`]).
    pub fn value(&self, entry: &ReaderEntry<'_>) -> Option<String> {
        self.reader().value_in(self.text, entry)
    }

    /// The whole reading, as [`Reader::read`] gives it.
    #[cfg(test)]
    pub fn to_reading(&self) -> Reading<'a> {
        Reading {
            reader: self.reader(),
            text: self.text,
            entries: self.entries().collect(),
            error: self.error.clone(),
        }
    }
}

impl Watch for Marks {
    #[inline]
    fn step(&mut self, at: usize, entries: usize) -> bool {
        if self.steps.is_multiple_of(self.every) {
            self.marks.push((at, entries, self.looked));
        }
        self.steps += 1;
        false
    }

    #[inline]
    fn looked(&mut self, end: usize) {
        self.looked = self.looked.max(end);
    }
}

/// The reading after a change, stopping at the first step that starts at a mark of the reading
/// before it past the change (moved by the change's length).
struct Meet<'m> {
    marks: &'m [(usize, usize, usize)],
    next: usize,
    /// Where the change ends in the text before, and in this one.
    moved_by: (usize, usize),
    met: Option<usize>,
}

impl Watch for Meet<'_> {
    #[inline]
    fn step(&mut self, at: usize, _: usize) -> bool {
        if at <= self.moved_by.1 {
            return false;
        }
        let before = at - self.moved_by.1 + self.moved_by.0;
        while self.next < self.marks.len() && self.marks[self.next].0 < before {
            self.next += 1;
        }
        if self.marks.get(self.next).is_some_and(|m| m.0 == before) {
            self.met = Some(self.next);
            return true;
        }
        false
    }

    #[inline(always)]
    fn looked(&mut self, _: usize) {}
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
        self.reader.value_in(self.text, entry)
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

    /// A range of the normalized text as a range of the original. Each end is the original
    /// offset of the byte it stands before, so a range that ends on a `\n` made from `\r\n` ends
    /// after the `\n`, and none ends between the two.
    #[inline]
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        self.original(range.start)..self.original(range.end)
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
pub(crate) mod tests;

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
