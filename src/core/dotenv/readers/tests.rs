use super::*;

fn seen(reader: Reader, text: &str) -> Vec<(String, Option<String>)> {
    let reading = reader.read(text);
    reading
        .loaded()
        .iter()
        .map(|e| (e.key.to_string(), reading.value(e)))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), Some(v.to_string())))
        .collect()
}

#[test]
fn plain_lines_read_alike() {
    let text = "# c\nA=1\nexport B='two words' # note\nC=\"x\"\n";
    for reader in Reader::ALL {
        assert_eq!(
            seen(reader, text),
            pairs(&[("A", "1"), ("B", "two words"), ("C", "x")]),
            "{}",
            reader.name()
        );
    }
}

/// What a reader loads when a key is set twice: dotenvy's `dotenv()` keeps the first, python-dotenv
/// and Node dotenv the last (as `tests/dialects.rs` finds the real readers do), and `doctor`
/// judges that one.
#[test]
fn a_key_set_twice_loads_the_value_each_reader_keeps() {
    let text = "K=first\nK=last\n";
    for (reader, kept) in [
        (Reader::PythonDotenv, "last"),
        (Reader::NodeDotenv, "last"),
        (Reader::Dotenvy, "first"),
    ] {
        assert_eq!(
            Loaded::read(text, reader).get("K"),
            Some(kept),
            "{}",
            reader.name()
        );
    }
}

/// `doctor`'s word when only one of the two clients sees a variable: here Node dotenv reads the
/// line as part of a backtick-quoted value, python-dotenv (which has no backtick quotes) as a
/// variable of its own.
#[test]
fn a_variable_only_python_dotenv_sees_is_said_so() {
    let text = "A=`x\nLANGFUSE_PUBLIC_KEY=pk-lf-1\n`\n";
    let found = clients_disagree(text, &["LANGFUSE_PUBLIC_KEY"]);
    assert_eq!(found.len(), 1, "{text:?}");
    assert_eq!(
        found[0].detail,
        "python-dotenv reads LANGFUSE_PUBLIC_KEY (line 2), Node dotenv does not see it"
    );
    assert_eq!(found[0].line, 2);
}

/// Line numbers in messages count `\r\n`, a lone `\r` and `\n` each as one line break, as
/// Python's `str.splitlines` does (the oracle: its count for each prefix, written out).
#[test]
fn line_numbers_count_each_kind_of_line_break_once() {
    let text = "a\r\nb\rc\nd\r\r\ne";
    // "a", "b", "c", "d", "", "e": what "a\r\nb\rc\nd\r\r\ne".splitlines() gives.
    for (at, line) in [('a', 1), ('b', 2), ('c', 3), ('d', 4), ('e', 6)] {
        assert_eq!(line_of(text, text.find(at).unwrap()), line, "{at}");
    }
}

pub(crate) mod edits {
    //! [`Reader::read_edit`] against [`Reader::read`] of both texts (the oracle: the same
    //! grammar, read whole), on generated files and edits that lean on what makes a step look
    //! far: quotes opened and closed, escapes, comments, `export`, separators on other lines,
    //! Unicode spaces and line separators, a missing final newline.

    use super::super::*;
    use proptest::prelude::*;

    const PIECES: [&str; 41] = [
        "A=1\n",
        "B_2=two words\n",
        "export C=3\n",
        "\n",
        "\n",
        " ",
        "\t",
        "'",
        "\"",
        "`",
        "\\",
        "#",
        "=",
        ": ",
        "export",
        "export ",
        "KEY",
        "k.b-c",
        "é",
        "\u{a0}",
        "\u{2028}",
        "\u{85}",
        "\u{c}",
        "\u{feff}",
        "$",
        "${A}",
        "x",
        "'quoted'",
        "\"dq\\\"x\"",
        "D='multi\nline'\n",
        "E=\"open\n",
        "F=`tick`\n",
        "G= # c\n",
        "H='v' junk\n",
        "I=\"a\\\\\"\n",
        "'QK'=v\n",
        "J\n=v\n",
        "K=\n'next'\n",
        "E=\n",
        "L=a #c\n",
        "\r",
    ];

    pub(crate) fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(&PIECES[..]), 0..80).prop_map(|p| p.concat())
    }

    /// `before` with `len` characters from character `at` replaced by `insert`.
    pub(crate) fn splice(before: &str, at: usize, len: usize, insert: &str) -> String {
        let chars: Vec<char> = before.chars().collect();
        let at = at.min(chars.len());
        let end = (at + len).min(chars.len());
        let mut out: String = chars[..at].iter().collect();
        out.push_str(insert);
        out.extend(&chars[end..]);
        out
    }

    /// How many generated edits a run tries (`READ_EDIT_CASES`, default 3,000).
    pub(crate) fn edit_cases() -> ProptestConfig {
        ProptestConfig::with_cases(
            std::env::var("READ_EDIT_CASES")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(3000),
        )
    }

    /// A generated text and the same text edited: up to 12 characters somewhere replaced by
    /// generated pieces.
    pub(crate) fn edit() -> impl Strategy<Value = (String, String)> {
        (text(), 0usize..400, 0usize..12, text()).prop_map(|(before, at, len, insert)| {
            let after = splice(&before, at, len, &insert);
            (before, after)
        })
    }

    /// Read again after the edit, with a mark every step, every 3rd and every [`MARK_EVERY`]th
    /// (so every place is tried as a resume point and as a meeting point), against both texts
    /// read whole.
    fn same(reader: Reader, before: &str, after: &str) {
        let change = Change::between(before, after);
        let (whole_old, whole_new) = (reader.read(before), reader.read(after));
        for every in [1, 3, MARK_EVERY] {
            let (old, marks) = reader.read_marked_every(before, every);
            let new = marks.read_after(&old, after, change.as_ref()).to_reading();
            assert_eq!(old.entries, whole_old.entries, "{}: before", reader.name());
            assert_eq!(old.error, whole_old.error, "{}: before", reader.name());
            assert_eq!(
                new.entries,
                whole_new.entries,
                "{} after {change:?}, a mark every {every}",
                reader.name()
            );
            assert_eq!(
                new.error,
                whole_new.error,
                "{} after {change:?}, a mark every {every}",
                reader.name()
            );
        }
    }

    /// The longest common prefix and suffix, one byte at a time.
    fn naive_same(a: &[u8], b: &[u8]) -> (usize, usize) {
        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        (prefix, suffix)
    }

    proptest! {
        #![proptest_config(edit_cases())]

        #[test]
        fn reading_only_the_changed_lines_again_reads_what_reading_it_all_reads(
            (before, after) in edit(),
        ) {
            for reader in Reader::ALL {
                same(reader, &before, &after);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_common_ends_are_found_a_block_at_a_time_as_byte_by_byte(
            len in 0usize..(3 * SAME_BLOCK + 10),
            differ in prop::collection::vec(0usize..(3 * SAME_BLOCK + 10), 0..3),
            extra in 0usize..3,
        ) {
            let a: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let mut b = a.clone();
            for at in differ.into_iter().filter(|&at| at < len) {
                b[at] ^= 0x55;
            }
            b.extend(std::iter::repeat_n(7u8, extra));
            let (prefix, suffix) = naive_same(&a, &b);
            prop_assert_eq!(same_prefix(&a, &b), prefix);
            prop_assert_eq!(same_suffix(&a, &b), suffix);
        }

        #[test]
        fn the_change_is_every_line_that_differs_and_no_other(
            before in text(),
            at in 0usize..400,
            len in 0usize..12,
            insert in text(),
            copies in 1usize..60,
        ) {
            // Long texts too, past the block size.
            let before = before.repeat(copies);
            let after = splice(&before, at * copies, len, &insert);
            let plain = |t: &str| !t.starts_with('\u{feff}') && !t.contains('\r');
            let Some(change) = Change::between(&before, &after) else {
                prop_assert!(!plain(&before) || !plain(&after));
                return Ok(());
            };
            prop_assert!(plain(&before) && plain(&after));
            let (b, a) = (before.as_bytes(), after.as_bytes());
            // The same outside it, in both.
            prop_assert_eq!(&b[..change.start], &a[..change.start]);
            prop_assert_eq!(&b[change.before_end..], &a[change.after_end..]);
            // Whole lines.
            prop_assert!(change.start == 0 || b[change.start - 1] == b'\n');
            prop_assert!(change.before_end == b.len() || b[change.before_end - 1] == b'\n');
            // No more than the lines where they differ: the first starts where its line
            // does, and the last ends where its line does.
            let (prefix, suffix) = naive_same(b, a);
            let suffix = suffix.min(b.len().min(a.len()) - prefix);
            prop_assert!(!b[change.start..prefix].contains(&b'\n'));
            let kept = &b[b.len() - suffix..change.before_end.max(b.len() - suffix)];
            prop_assert!(kept.iter().filter(|&&c| c == b'\n').count() <= 1);
            prop_assert!(
                kept.is_empty()
                    || kept.ends_with(b"\n")
                    || (change.before_end == b.len() && !kept.contains(&b'\n'))
            );
        }
    }

    #[test]
    fn a_step_that_looks_at_the_next_line_is_read_again_when_that_line_changes() {
        // (before, after): a line whose reading depends on the next one, then that line edited.
        let cases = [
            // Node: an empty value takes a quoted value from the next line.
            ("A=\nB=1\n", "A=\n'x'\n"),
            ("A=   \n\nB=1\n", "A=   \n\n\"x\"\n"),
            // Node: `KEY` then `=` on the next line; `export` then the key there.
            ("KEY\nB=1\n", "KEY\n=v\n"),
            ("export\nB=1\n", "export\nKEY=v\n"),
            // Node: blanks and a comment after a value reach into the next line.
            ("A=1\n\nB=2\n", "A=1\n\n# c\n"),
            // A quote left open, closed by the edit further down (every reader).
            ("A='open\nB=1\nC=2\n", "A='open\nB=1'\nC=2\n"),
            ("A=\"open\nB=1\nC=2\n", "A=\"open\nB=1\"\nC=2\n"),
            ("A=`open\nB=1\nC=2\n", "A=`open\nB=1`\nC=2\n"),
            // python-dotenv: a quoted key across lines.
            ("'KEY\nB=1\n", "'KEY\nB'=1\n"),
            // compose: a key ended by a newline (inherited), then the next line.
            ("A\nB=1\n", "A\n=1\n"),
            // The same lines with the edit at the end of a file with no final newline.
            ("A=", "A=\n'x'"),
            ("A='open", "A='open\n'"),
        ];
        for (before, after) in cases {
            for reader in Reader::ALL {
                same(reader, before, after);
                same(reader, after, before);
            }
        }
    }

    #[test]
    fn a_quote_the_edit_writes_far_below_closes_one_left_open_far_above() {
        // The README's case: an unclosed quote on an early line, read as one line before the
        // edit, is closed by a quote the edit writes many lines later.
        let filler: String = (0..200).map(|i| format!("V{i}=x\n")).collect();
        let before = format!("A=1\nOPEN=\"abc\n{filler}");
        let after = format!("{before}Z=\"q\"\n");
        for reader in Reader::ALL {
            same(reader, &before, &after);
        }
    }

    #[test]
    fn an_error_far_below_an_edit_is_where_it_is_after_the_edit() {
        // dotenvy stops, and compose fails the file, at a line far below the edit; the reading
        // after an edit that changes the text's length takes that error over from the reading
        // before, moved by the edit's length, as reading it all finds it.
        let lines: String = (0..200).map(|i| format!("K{i}=v{i}\n")).collect();
        let before = format!("{lines}this line has no equals sign\nLAST=1\n");
        for replacement in ["K5=a much longer value\n", "K5=\n", "K5=v5\nNEW=1\n"] {
            let after = before.replace("K5=v5\n", replacement);
            for reader in Reader::ALL {
                same(reader, &before, &after);
            }
            assert!(Reader::Dotenvy.read(&after).error.is_some());
        }
    }

    #[test]
    fn a_last_line_without_a_newline_is_read_again_when_text_is_appended() {
        // The value on a last line with no newline after it runs to the end of the text: text
        // appended there is part of it (or of the line), whatever the reader.
        let lines: String = (0..200).map(|i| format!("K{i}=v{i}\n")).collect();
        for prefix in ["", lines.as_str()] {
            for last in ["A=1", "A='1'", "A=\"1\"", "A=1 #c", "export A=1", "A="] {
                let before = format!("{prefix}{last}");
                for appended in ["2", " 2", "\nB=2", " #x", "'", "\r"] {
                    let after = format!("{before}{appended}");
                    for reader in Reader::ALL {
                        same(reader, &before, &after);
                    }
                }
            }
        }
    }

    #[test]
    fn an_edit_in_the_middle_is_read_again_only_around_its_lines() {
        // Quoted, unquoted, commented and exported lines (each kind of step records how far it
        // looked in its own place), and blank and comment lines.
        let line = |i: usize| match i % 5 {
            0 => format!("K{i}='v {i}' # c\n"),
            1 => format!("K{i}=v{i}\n"),
            2 => format!("export K{i}=\"v {i}\"\n"),
            3 => format!("K{i}=v # c\n"),
            _ => format!("K{i}=v{i}\n\n# note\n"),
        };
        let lines: String = (0..500).map(line).collect();
        let after = lines.replace("K250='v 250' # c\n", "K250=new\nNEW=\"x y\"\n");
        assert_ne!(lines, after);
        for reader in Reader::ALL {
            same(reader, &lines, &after);
            // Each reader's steps here are whole lines: the reading after the edit took all
            // but a few marks' worth of entries on either side from the reading before it.
            let change = Change::between(&lines, &after);
            let (old, marks) = reader.read_marked(&lines);
            let again = marks.read_after(&old, &after, change.as_ref()).replaced();
            let kept_after = old.entries.len() - again.end;
            assert!(
                again.start >= 250 - 2 * MARK_EVERY,
                "{} {again:?}",
                reader.name()
            );
            assert!(
                kept_after >= 249 - 2 * MARK_EVERY,
                "{} {again:?}",
                reader.name()
            );
        }
    }
}

#[test]
fn compose_fails_the_file_on_a_character_no_key_may_hold() {
    // compose-go's locateKeyName: letters and digits of any script, `_ . - [ ]`; anything else
    // before `=` fails the whole file.
    let reading = Reader::Compose.read("A=1\nA@B=2\n");
    assert_eq!(
        reading
            .error
            .as_ref()
            .map(|e| (e.offset, e.message.as_str())),
        Some((4, "unexpected character in variable name"))
    );
    assert!(reading.loaded().is_empty());
    let reading = Reader::Compose.read("Ä.b-c[0]_9=1\n");
    assert_eq!(reading.error, None);
    assert_eq!(&*reading.entries[0].key, "Ä.b-c[0]_9");
}

mod normalized {
    //! [`Normalized::original_range`] judged by the normalization itself: the original bytes of
    //! a range, normalized, are the range's bytes, and a range never ends or starts inside a
    //! `\r\n` (a value that ends on a line ending ends after all of it).

    use super::*;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "a", "\r\n", "\r", "\n", "é", "\u{feff}", "=", "\r\r\n",
            ]),
            0..24,
        )
        .prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn a_range_maps_to_the_original_bytes_that_normalize_to_it(
            original in text(),
            strip_bom in any::<bool>(),
            a in any::<prop::sample::Index>(),
            b in any::<prop::sample::Index>(),
        ) {
            let view = Normalized::new(&original, strip_bom);
            let bounds: Vec<usize> = (0..=view.text.len())
                .filter(|&i| view.text.is_char_boundary(i))
                .collect();
            let (a, b) = (a.get(&bounds), b.get(&bounds));
            let range = *a.min(b)..*a.max(b);
            let mapped = view.original_range(range.clone());
            prop_assert_eq!(
                unify_newlines(&original[mapped.clone()]),
                &view.text[range.clone()],
                "{:?} of {:?} is {:?}",
                range,
                &original,
                mapped
            );
            let splits = |at: usize| {
                at > 0 && original.as_bytes()[at - 1] == b'\r' && original.as_bytes().get(at) == Some(&b'\n')
            };
            prop_assert!(!splits(mapped.start) && !splits(mapped.end), "{:?} of {:?} is {:?}", range, &original, mapped);
        }
    }

    #[test]
    fn a_value_ending_on_a_crlf_ends_after_its_lf() {
        let view = Normalized::new("A=\"x\r\n\"", true);
        assert_eq!(&*view.text, "A=\"x\n\"");
        assert_eq!(view.original_range(3..5), 3..6);
    }
}
