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

pub(crate) mod edits {
    //! [`Reader::read_edit`] against [`Reader::read`] of both texts (the oracle: the same
    //! grammar, read whole), on generated files and edits that lean on what makes a step look
    //! far: quotes opened and closed, escapes, comments, `export`, separators on other lines,
    //! Unicode spaces and line separators, a missing final newline.

    use super::super::*;
    use proptest::prelude::*;

    const PIECES: [&str; 40] = [
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
        "L=a #c\n",
        "\r",
    ];

    pub(crate) fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(&PIECES[..]), 0..40).prop_map(|p| p.concat())
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

    fn same(reader: Reader, before: &str, after: &str) {
        let change = Change::between(before, after);
        let (old, new) = reader.read_edit(before, after, change.as_ref());
        let (whole_old, whole_new) = (reader.read(before), reader.read(after));
        assert_eq!(old.entries, whole_old.entries, "{}: before", reader.name());
        assert_eq!(old.error, whole_old.error, "{}: before", reader.name());
        assert_eq!(
            new.entries,
            whole_new.entries,
            "{} after {change:?}",
            reader.name()
        );
        assert_eq!(
            new.error,
            whole_new.error,
            "{} after {change:?}",
            reader.name()
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("READ_EDIT_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(3000)
        ))]

        #[test]
        fn reading_only_the_changed_lines_again_reads_what_reading_it_all_reads(
            before in text(),
            at in 0usize..400,
            len in 0usize..12,
            insert in text(),
        ) {
            let after = splice(&before, at, len, &insert);
            for reader in Reader::ALL {
                same(reader, &before, &after);
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
    fn an_edit_in_the_middle_is_read_again_only_around_its_lines() {
        let lines: String = (0..500).map(|i| format!("K{i}='v {i}' # c\n")).collect();
        let after = lines.replace("K250='v 250' # c\n", "K250=new\nNEW=\"x y\"\n");
        for reader in Reader::ALL {
            same(reader, &lines, &after);
            // Each reader's steps here are whole lines: the reading after the edit took all
            // but a few marks' worth of entries on either side from the reading before it.
            let change = Change::between(&lines, &after);
            let (_, new) = reader.read_edit(&lines, &after, change.as_ref());
            let (first, last) = new.unchanged;
            assert!(first >= 250 - 2 * MARK_EVERY, "{} {first}", reader.name());
            assert!(last >= 249 - 2 * MARK_EVERY, "{} {last}", reader.name());
        }
    }
}
