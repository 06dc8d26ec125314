//! The agreement check every edit goes through: the editor changes a `.env` only where python-dotenv,
//! Node dotenv, dotenvy and docker compose all see the same entries as the editor does, and only
//! when, after the edit, each of them reads every other variable as before and ours as written.
//!
//! Readers that give up on a file are not asked about the part they never read: dotenvy stops at
//! its first error (entries after it are not loaded), docker compose rejects a file with any error.

use std::ops::Range;

use super::readers::{Change, Edited, Marks, Reader, ReaderEntry, Reading, line_of};
use super::{Assignment, Document};
use crate::tr;

/// Where the readers disagree, in words for the user (no values, only keys and lines).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    pub line: usize,
    pub message: String,
    /// The readers agree on the file as it is; it is the edited text that one of them would read
    /// otherwise (the writer cannot say this edit the same way to every reader here).
    pub after_edit: bool,
}

/// An entry whose value the editor replaces.
pub(crate) struct Replaced<'p> {
    pub key: &'p str,
    pub key_span: Range<usize>,
    /// The entry's lines, without the final line ending.
    pub whole: Range<usize>,
}

/// The edit the editor plans, in byte offsets of the whole text (BOM included).
pub(crate) struct Plan<'p> {
    /// Entries whose value is replaced.
    pub replaced: Vec<Replaced<'p>>,
    /// Where new lines go.
    pub insert_at: Option<usize>,
    /// Every assignment of the keys being set, as the editor sees them: (key, key span).
    pub ours: Vec<(&'p str, Range<usize>)>,
    /// The keys being set.
    pub keys: Vec<&'p str>,
}

/// The keys an edit sets, asked about every entry of a large file: a key whose length none of
/// them has is answered without comparing strings.
pub(crate) struct OurKeys<'k> {
    keys: Vec<&'k str>,
    /// Bit `n` set when a key is `n` bytes long (127 for 127 and longer).
    lengths: u128,
}

impl<'k> OurKeys<'k> {
    pub fn new(keys: impl IntoIterator<Item = &'k str>) -> Self {
        let keys: Vec<&str> = keys.into_iter().collect();
        let lengths = keys
            .iter()
            .fold(0u128, |bits, k| bits | 1 << k.len().min(127));
        OurKeys { keys, lengths }
    }

    /// The index of the first of the keys equal to `key`.
    #[inline]
    pub fn index(&self, key: &str) -> Option<usize> {
        if self.lengths >> key.len().min(127) & 1 == 0 {
            return None;
        }
        self.keys.iter().position(|k| *k == key)
    }

    /// How many keys (a key given twice counts twice).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    #[inline]
    pub fn contains(&self, key: &str) -> bool {
        self.index(key).is_some()
    }
}

fn plain() -> String {
    tr!("core-dotenv-plain-hint")
}

fn extent(entry: &ReaderEntry<'_>) -> Range<usize> {
    entry.key_span.start..entry.key_span.end.max(entry.value_span.end)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1)
}

/// Whether a reader reads the text at `offset` at all.
fn reaches(reading: &Reading<'_>, offset: usize) -> bool {
    match (&reading.error, reading.reader) {
        (Some(_), Reader::Compose) => false,
        (Some(error), _) => offset < error.offset,
        (None, _) => true,
    }
}

/// Before the edit: every replaced entry is the same entry for every reader, and no reader has an
/// entry that runs across the insertion point.
pub(crate) fn check_plan(
    text: &str,
    readings: &[Reading<'_>],
    plan: &Plan<'_>,
) -> Result<(), Disagreement> {
    for Replaced {
        key,
        key_span,
        whole,
    } in &plan.replaced
    {
        for reading in readings {
            if !reaches(reading, whole.start) {
                continue;
            }
            let near: Vec<&ReaderEntry<'_>> = reading
                .entries
                .iter()
                .filter(|e| overlaps(&extent(e), whole))
                .collect();
            // The value itself may end elsewhere on these lines (`K="v"#c` is `v#c` for
            // dotenvy): it is replaced whole, and the result is checked after the edit.
            let same = matches!(near.as_slice(), [e] if e.key == *key
                && e.key_span == *key_span
                && extent(e).end <= whole.end);
            if !same {
                return Err(describe(text, readings, whole.clone(), Some(key)));
            }
        }
    }
    // A reader that sees one of our keys where the editor sees none would keep its old value.
    let keys = OurKeys::new(plan.keys.iter().copied());
    for reading in readings {
        let ours_at = |entry: &ReaderEntry| {
            plan.ours
                .iter()
                .any(|(key, span)| *key == entry.key && *span == entry.key_span)
        };
        // For each of our keys, where this reader sees the first and the last entry the editor
        // edits or keeps, and the entries of our keys the editor does not: one pass, where
        // asking each entry about every other one was quadratic in the file.
        let mut first_ours: Vec<Option<usize>> = vec![None; plan.keys.len()];
        let mut last_ours: Vec<Option<usize>> = vec![None; plan.keys.len()];
        let mut foreign: Vec<(usize, &ReaderEntry<'_>)> = Vec::new();
        for entry in &reading.entries {
            // Only our keys matter here (an entry of ours has one of them).
            let Some(index) = keys.index(&entry.key) else {
                continue;
            };
            if ours_at(entry) {
                first_ours[index].get_or_insert(entry.key_span.start);
                last_ours[index] = Some(entry.key_span.start);
            } else {
                foreign.push((index, entry));
            }
        }
        for (index, entry) in foreign {
            let at = entry.key_span.start;
            // What a reader loads is the key's first entry for dotenvy, its last for the others:
            // an entry of ours on the right side of this one shadows it (what each reader loads
            // is checked after the edit).
            let shadowed = if reading.reader == Reader::Dotenvy {
                first_ours[index].is_some_and(|first| first < at)
            } else {
                last_ours[index].is_some_and(|last| at < last)
            };
            // (python-dotenv's `KEY` with no `=` sets nothing; what wins is checked after.)
            if !entry.no_value && !shadowed && reaches(reading, at) {
                return Err(describe(text, readings, extent(entry), Some(&entry.key)));
            }
        }
    }
    if let Some(at) = plan.insert_at {
        for reading in readings {
            if !reaches(reading, at) {
                continue;
            }
            if let Some(across) = reading.entries.iter().find(|e| {
                let span = extent(e);
                span.start < at && at < span.end
            }) {
                return Err(describe(text, readings, extent(across), None));
            }
        }
    }
    Ok(())
}

/// After the edit: each reader reads every variable that is not ours exactly as before, and each
/// of ours as its new value.
pub(crate) fn check_result(
    before: &[Reading<'_>],
    after: &[Edited<'_, '_, '_>],
    after_text: &str,
    vars: &[(&str, &str)],
) -> Result<(), Disagreement> {
    let ours = OurKeys::new(vars.iter().map(|(k, _)| *k));
    for (old, new) in before.iter().zip(after) {
        let reader = old.reader;
        debug_assert_eq!(reader, new.reader());
        // docker compose rejects a file with any error: it read none of the file before, so
        // there is nothing of it to keep; but if it reads the edited file, it must load ours as
        // written (checked below, as for every reader).
        let compose_read_nothing = reader == Reader::Compose && old.error.is_some();
        if let (None, Some(error)) = (&old.error, &new.error) {
            return Err(Disagreement {
                after_edit: true,
                line: line_of(after_text, error.offset),
                message: tr!(
                    "core-dotenv-after-edit-unreadable",
                    line = line_of(after_text, error.offset),
                    reader = reader.name(),
                    hint = plain()
                ),
            });
        }
        let reloaded: Vec<ReaderEntry<'_>>;
        let (was, now) = if compose_read_nothing {
            (Vec::new(), Vec::new())
        } else if old.error.is_none() && new.error.is_none() {
            // The entries before and after the ones read again are the same in both texts: the
            // lists differ, if at all, between them.
            (
                others(old.text, &old.entries[new.replaced()], &ours),
                others(new.text, &new.middle, &ours),
            )
        } else {
            reloaded = new.loaded_where(|_| true).collect();
            (
                others(old.text, old.loaded(), &ours),
                others(new.text, &reloaded, &ours),
            )
        };
        // A reader that stopped at an error may read more after the edit (our line was the
        // error), never less or otherwise.
        let kept = if old.error.is_some() {
            now.len() >= was.len() && now[..was.len()] == was[..]
        } else {
            was == now
        };
        if !kept {
            // The first entry of the stretch where they differ (what the two have alike at both
            // ends left out): the reader's entry before the edit, or, where the edit only added
            // entries, the first it added.
            let same_start = was.iter().zip(&now).take_while(|(a, b)| a == b).count();
            let same_end = was[same_start..]
                .iter()
                .rev()
                .zip(now[same_start..].iter().rev())
                .take_while(|(a, b)| a == b)
                .count();
            let changed = if same_start + same_end < was.len() {
                was[same_start].0
            } else {
                now.get(same_start).map_or("", |e| e.0)
            };
            let line = new
                .entries()
                .find(|e| e.key == changed)
                .map_or(1, |e| line_of(after_text, e.key_span.start));
            return Err(Disagreement {
                after_edit: true,
                line,
                message: tr!(
                    "core-dotenv-after-edit-changes",
                    line = line,
                    reader = reader.name(),
                    key = changed,
                    hint = plain()
                ),
            });
        }
        // The occurrence that wins, for each key (by the index of its first place in `vars`):
        // dotenvy's `dotenv()` keeps the first, the others the last. One pass over the entries.
        let mut winners: Vec<Option<ReaderEntry<'_>>> = vec![None; vars.len()];
        for entry in new.loaded_where(|key| ours.contains(key)) {
            if let Some(index) = ours.index(&entry.key)
                && (reader != Reader::Dotenvy || winners[index].is_none())
            {
                winners[index] = Some(entry);
            }
        }
        for (key, value) in vars {
            let effective = ours.index(key).and_then(|index| winners[index].as_ref());
            match effective {
                Some(entry) if new.value(entry).as_deref() != Some(*value) => {
                    let line = line_of(after_text, entry.key_span.start);
                    return Err(Disagreement {
                        after_edit: true,
                        line,
                        message: tr!(
                            "core-dotenv-after-edit-misread",
                            line = line,
                            reader = reader.name(),
                            key = *key,
                            hint = plain()
                        ),
                    });
                }
                None if new.error.is_none() => {
                    return Err(Disagreement {
                        after_edit: true,
                        line: 1,
                        message: tr!(
                            "core-dotenv-after-edit-unseen",
                            reader = reader.name(),
                            key = *key,
                            hint = plain()
                        ),
                    });
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// The (key as the reader reads it, raw value) of each of `entries` (of a reading of `text`) that
/// is not one of ours, borrowed.
fn others<'e>(
    text: &'e str,
    entries: &'e [ReaderEntry<'_>],
    ours: &OurKeys<'_>,
) -> Vec<(&'e str, Option<&'e str>)> {
    entries
        .iter()
        .filter(|e| !ours.contains(&e.key))
        .map(|e| (&*e.key, (!e.no_value).then(|| &text[e.value_span.clone()])))
        .collect()
}

/// What each reader sees on the lines of `span`, and how to make them agree.
fn describe(
    text: &str,
    readings: &[Reading<'_>],
    span: Range<usize>,
    ours: Option<&str>,
) -> Disagreement {
    let line = line_of(text, span.start);
    let mut views: Vec<(String, Vec<&'static str>)> = Vec::new();
    for reading in readings {
        let view = view_of(text, reading, &span);
        match views.iter_mut().find(|(v, _)| *v == view) {
            Some((_, names)) => names.push(reading.reader.name()),
            None => views.push((view, vec![reading.reader.name()])),
        }
    }
    let seen = views
        .iter()
        .map(|(view, names)| {
            tr!(
                "core-dotenv-reader-view",
                readers = crate::core::i18n::and_list(names),
                view = view
            )
        })
        .collect::<Vec<_>>()
        .join(&tr!("core-dotenv-view-separator"));
    // The hint looks at every physical line any reader's entry here covers.
    let mut region = span.clone();
    for reading in readings {
        for entry in reading
            .entries
            .iter()
            .filter(|e| overlaps(&extent(e), &span))
        {
            region.start = region.start.min(entry.key_span.start);
            region.end = region.end.max(extent(entry).end);
        }
    }
    let start = text[..region.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[region.end..]
        .find('\n')
        .map_or(text.len(), |i| region.end + i);
    let hint = hint(text, readings, start..end, ours);
    // Every reader may read these lines alike while the editor reads them otherwise (its grammar
    // is the narrow common part of theirs); then the readers do not disagree, and saying so would
    // send the user looking for a difference that is not there.
    let message = if views.len() == 1 {
        tr!(
            "core-dotenv-editor-reads-otherwise",
            line = line,
            seen = &seen,
            hint = &hint
        )
    } else {
        tr!(
            "core-dotenv-readers-disagree",
            line = line,
            seen = &seen,
            hint = &hint
        )
    };
    Disagreement {
        after_edit: false,
        line,
        message,
    }
}

fn view_of(text: &str, reading: &Reading<'_>, span: &Range<usize>) -> String {
    let lines = line_start(text, span.start)..line_end(text, span.end);
    if let Some(error) = &reading.error
        && !reaches(reading, lines.start)
    {
        return match reading.reader {
            Reader::Compose => tr!(
                "core-dotenv-view-rejects-file",
                line = line_of(text, error.offset),
                message = error.message.to_string()
            ),
            _ => tr!("core-dotenv-view-stops", line = line_of(text, error.offset)),
        };
    }
    let near: Vec<String> = reading
        .entries
        .iter()
        .filter(|e| overlaps(&extent(e), &lines))
        .map(|e| {
            let (first, last) = (
                line_of(text, e.key_span.start),
                line_of(text, extent(e).end),
            );
            let key = shown_key(&e.key);
            if e.no_value {
                tr!("core-dotenv-view-no-value", key = &key, line = first)
            } else if first == last {
                tr!("core-dotenv-view-entry", key = &key, line = first)
            } else {
                tr!(
                    "core-dotenv-view-multi-line",
                    key = &key,
                    first = first,
                    last = last
                )
            }
        })
        .collect();
    if near.is_empty() {
        tr!("core-dotenv-view-nothing")
    } else {
        tr!(
            "core-dotenv-view-read",
            entries = near.join(&tr!("core-dotenv-then-separator"))
        )
    }
}

/// A key as a message shows it: quoted and escaped where it would print as nothing, move the
/// cursor, or look like another key (an invisible or odd space in it).
fn shown_key(key: &str) -> String {
    let unseen =
        |c: char| crate::core::server_text::is_hidden(c) || (c.is_whitespace() && c != ' ');
    if key.is_empty() || key.chars().any(unseen) {
        format!("{key:?}")
    } else {
        key.to_string()
    }
}

/// How to make the lines unambiguous, from what is on them.
fn hint(text: &str, readings: &[Reading<'_>], lines: Range<usize>, ours: Option<&str>) -> String {
    // A BOM that starts the file is the file's, skipped by every reader and kept by the editor:
    // nothing here is about it.
    const BOM: usize = '\u{feff}'.len_utf8();
    let lines = if lines.start == 0 && text.starts_with('\u{feff}') {
        BOM..lines.end.max(BOM)
    } else {
        lines
    };
    let region = &text[lines.clone()];
    let first = line_of(text, lines.start);
    let at_line = |offset: usize| line_of(text, lines.start + offset);
    if let Some(i) = lone_cr(text, lines.clone()) {
        return tr!("core-dotenv-hint-lone-cr", line = at_line(i));
    }
    if let Some((i, c)) = region.char_indices().find(|&(_, c)| {
        (c.is_whitespace() && !matches!(c, ' ' | '\t' | '\n' | '\r'))
            || c == '\u{feff}'
            || ('\u{1c}'..='\u{1f}').contains(&c)
    }) {
        return tr!(
            "core-dotenv-hint-invisible",
            line = at_line(i),
            character = format!("U+{:04X}", c as u32)
        );
    }
    let odd_key = readings
        .iter()
        .flat_map(|r| r.entries.iter())
        .filter(|e| overlaps(&extent(e), &lines))
        .map(|e| &*e.key)
        .chain(leading_words(region))
        .find(|k| {
            !k.is_empty()
                && Some(*k) != ours
                && !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        });
    if let Some(key) = odd_key {
        return tr!("core-dotenv-hint-rename-key", key = shown_key(key));
    }
    if region.contains(['"', '\'', '`']) {
        return tr!("core-dotenv-hint-quotes", line = first);
    }
    tr!("core-dotenv-hint-plain-lines", line = first)
}

/// The first `\r` in `lines` not followed by `\n`, as an offset into `lines`; the byte after the
/// range counts (a region may end between the `\r` and the `\n` of a CRLF).
fn lone_cr(text: &str, lines: Range<usize>) -> Option<usize> {
    let bytes = text.as_bytes();
    lines
        .clone()
        .find(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .map(|i| i - lines.start)
}

/// The first word of each line that has an `=` (what a reader might take as a key).
fn leading_words(region: &str) -> impl Iterator<Item = &str> {
    region.split(['\n', '\r']).filter_map(|line| {
        let line = line.trim_start();
        let line = line.strip_prefix("export ").unwrap_or(line);
        let (word, _) = line.split_once('=')?;
        let word = word.trim();
        (!word.is_empty() && !word.starts_with('#')).then_some(word)
    })
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    let at = at.max(line_start(text, at));
    text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i)
}

/// The four readers' view of a text.
#[cfg(test)]
pub(crate) fn read_all(text: &str) -> Vec<Reading<'_>> {
    Reader::ALL.into_iter().map(|r| r.read(text)).collect()
}

/// From a text of this many bytes, [`read_while`] reads it on a second thread too.
const TWO_THREADS_FROM: usize = 32 * 1024;

/// The four readers' view of `before` (with the marks that let the text after the edit be read
/// again only around the edit), read while `work` runs on this thread (the editor reading the
/// file its own way and building the edit), and what `work` returned. A large file's readings
/// are shared with a second thread, each thread taking the next reader not yet taken once it is
/// free (the same readings: only the wall time changes, where a core is free); a small file's
/// run after `work`, where a thread would cost more than it saves, and also when no thread can
/// be started.
pub(crate) fn read_while<'b, R>(
    before: &'b str,
    work: impl FnOnce() -> R,
) -> (Vec<Reading<'b>>, Vec<Marks>, R) {
    // The costliest first (dotenvy, then python-dotenv), so the last one taken is short.
    const ORDER: [Reader; 4] = [
        Reader::Dotenvy,
        Reader::PythonDotenv,
        Reader::Compose,
        Reader::NodeDotenv,
    ];
    let next = std::sync::atomic::AtomicUsize::new(0);
    let take = || -> Vec<(Reader, (Reading<'b>, Marks))> {
        let mut taken = Vec::new();
        loop {
            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&reader) = ORDER.get(index) else {
                return taken;
            };
            taken.push((reader, reader.read_marked(before)));
        }
    };
    let (mut readings, result) = if before.len() < TWO_THREADS_FROM {
        let result = work();
        (take(), result)
    } else {
        std::thread::scope(|scope| {
            let helper = std::thread::Builder::new().spawn_scoped(scope, take);
            let result = work();
            let mut readings = take();
            if let Ok(helper) = helper {
                // A panic in a reader is a bug: it goes on as a panic here.
                readings.extend(
                    helper
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
            (readings, result)
        })
    };
    readings.sort_by_key(|(reader, _)| Reader::ALL.iter().position(|r| r == reader));
    let (readings, marks) = readings.into_iter().map(|(_, r)| r).unzip();
    (readings, marks, result)
}

/// The four readers' view of `after`, each from its reading of the text before the edit.
pub(crate) fn read_after<'a, 'r, 'b>(
    readings: &'r [Reading<'b>],
    marks: &[Marks],
    after: &'a str,
) -> Vec<Edited<'a, 'r, 'b>> {
    let before = readings.first().map_or("", |r| r.text);
    let change = Change::between(before, after);
    readings
        .iter()
        .zip(marks)
        .map(|(reading, marks)| marks.read_after(reading, after, change.as_ref()))
        .collect()
}

/// The four readers' view of the text before and after an edit.
#[cfg(test)]
pub(crate) fn read_both<'b, 'a>(
    before: &'b str,
    after: &'a str,
) -> (Vec<Reading<'b>>, Vec<Reading<'a>>) {
    let (old, marks, ()) = read_while(before, || ());
    let new = read_after(&old, &marks, after)
        .iter()
        .map(Edited::to_reading)
        .collect();
    (old, new)
}

/// The plan in whole-text offsets, from the editor's document.
pub(crate) fn plan_of<'d>(
    doc: &'d Document<'_>,
    keys: &[&'d str],
    assignments: impl Fn(&str) -> &'d [&'d Assignment],
    replaced: impl Iterator<Item = usize>,
    insert_after: Option<Option<usize>>,
) -> Plan<'d> {
    let shift = if doc.has_bom {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let shifted = |r: &Range<usize>| r.start + shift..r.end + shift;
    Plan {
        replaced: replaced
            .filter_map(|i| {
                let entry = &doc.entries[i];
                let a = entry.assignment.as_ref()?;
                let content = entry.span.start..entry.span.end - entry.ending.len();
                Some(Replaced {
                    key: a.key.as_str(),
                    key_span: shifted(&a.key_span),
                    whole: shifted(&content),
                })
            })
            .collect(),
        insert_at: insert_after.map(|after| match after {
            Some(i) => doc.entries[i].span.end + shift,
            None => doc.body.len() + shift,
        }),
        keys: keys.to_vec(),
        ours: keys
            .iter()
            .flat_map(|key| {
                assignments(key)
                    .iter()
                    .map(move |a| (*key, shifted(&a.key_span)))
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::overlaps;

    /// Half-open ranges that share a byte overlap; ranges that only touch do not; an empty range
    /// (docker compose's entry for a bare `=`, an empty line) stands for the byte at its start.
    #[test]
    fn overlaps_is_sharing_a_byte_with_an_empty_range_as_its_first_byte() {
        let cases = [
            (0..2, 1..3, true),
            (0..2, 2..4, false),
            (2..4, 0..2, false),
            (0..4, 1..2, true),
            (3..3, 3..5, true),
            (3..5, 3..3, true),
            (3..3, 2..3, false),
            (2..3, 3..3, false),
            (3..3, 3..3, true),
            (3..3, 4..4, false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(overlaps(&a, &b), expected, "{a:?} and {b:?}");
        }
    }
}
