use super::*;

fn set(original: &str, vars: &[(&str, &str)]) -> String {
    upsert(original, vars).unwrap().text
}

fn kinds(edit: &Edit) -> Vec<(&str, ChangeKind, usize)> {
    edit.changes
        .iter()
        .map(|c| (c.key.as_str(), c.kind, c.occurrences))
        .collect()
}

#[test]
fn a_large_file_is_read_on_two_threads_with_the_same_readings_in_the_same_places() {
    // Past the two-thread threshold, with a different text after: each set belongs to its text.
    let before: String = (0..4000).map(|i| format!("K{i}='v {i}' # c\n")).collect();
    let after = format!("{before}X=\"unclosed\n");
    assert!(before.len() + after.len() > 64 * 1024);
    let (first, second) = agree::read_both(&before, &after);
    let seen = |readings: &[readers::Reading<'_>]| {
        readings
            .iter()
            .map(|r| format!("{:?} {:?} {:?}", r.reader, r.entries, r.error))
            .collect::<Vec<_>>()
    };
    assert_eq!(seen(&first), seen(&agree::read_all(&before)));
    assert_eq!(seen(&second), seen(&agree::read_all(&after)));
    assert_ne!(seen(&first), seen(&second));
    // And the edit through them is the one made on a small file, line for line.
    let edit = upsert(&before, &[("K7", "new")]).unwrap();
    let small = upsert("K7='v 7' # c\n", &[("K7", "new")]).unwrap();
    assert!(edit.text.contains(&small.text));
}

#[test]
fn new_file_gets_a_header_and_one_line_per_key() {
    let edit = upsert("", &[("A", "1"), ("B", "two words")]).unwrap();
    assert_eq!(edit.text, format!("{BLOCK_HEADER}\nA=1\nB='two words'\n"));
    assert_eq!(
        kinds(&edit),
        [("A", ChangeKind::Added, 0), ("B", ChangeKind::Added, 0)]
    );
}

#[test]
fn appends_after_a_blank_line_and_keeps_everything_else() {
    let original = "# app\nDATABASE_URL=postgres://x\n";
    assert_eq!(
        set(original, &[("A", "1")]),
        format!("# app\nDATABASE_URL=postgres://x\n\n{BLOCK_HEADER}\nA=1\n")
    );
    let original = "X=1\n\n";
    assert_eq!(
        set(original, &[("A", "1")]),
        format!("X=1\n\n{BLOCK_HEADER}\nA=1\n")
    );
}

#[test]
fn replaces_in_place_keeping_export_spacing_and_comment() {
    let original = "A=0\nexport  TRACELOOP_HEADERS = old-value   # set by hand\nZ=9\n";
    let edit = upsert(original, &[("TRACELOOP_HEADERS", "new")]).unwrap();
    assert_eq!(
        edit.text,
        "A=0\nexport  TRACELOOP_HEADERS = new   # set by hand\nZ=9\n"
    );
    assert_eq!(set("K=\t'old'\n", &[("K", "new")]), "K=\tnew\n");
    // An empty value before a comment is quoted: unquoted, python-dotenv would read the comment.
    assert_eq!(set("K=old # note\n", &[("K", "")]), "K='' # note\n");
    assert_eq!(
        kinds(&edit),
        [("TRACELOOP_HEADERS", ChangeKind::Updated, 1)]
    );
}

#[test]
fn a_comment_right_after_a_closing_quote_stays_a_comment() {
    // Found by the fuzzer: unquoted, `v# c` would read the comment as part of the value.
    let original = "K=\"old value\"# note\n";
    let edit = upsert(original, &[("K", "new")]).unwrap();
    assert_eq!(edit.text, "K=new # note\n");
    assert!(upsert(&edit.text, &[("K", "new")]).unwrap().is_noop());
    // Not even after a quoted one: dotenvy would read `K='a b'#c` as `a b#c`.
    assert_eq!(set("K=\"old\"#c\n", &[("K", "a b")]), "K='a b' #c\n");
}

#[test]
fn replaces_quoted_and_multiline_values_whole() {
    let original = "K=\"line one\nline two\" # note\nNEXT=1\n";
    assert_eq!(set(original, &[("K", "v")]), "K=v # note\nNEXT=1\n");
    let original = "K='a # not a comment' # a comment\n";
    assert_eq!(set(original, &[("K", "v")]), "K=v # a comment\n");
    let original = "K=\"esc \\\" still value\"\n";
    assert_eq!(set(original, &[("K", "v")]), "K=v\n");
}

#[test]
fn a_line_inside_another_keys_multiline_value_is_not_a_key() {
    let original = "PEM=\"-----BEGIN-----\nK=looks-like-ours\n-----END-----\"\n";
    let edit = upsert(original, &[("K", "v")]).unwrap();
    assert_eq!(edit.text, format!("{original}\n{BLOCK_HEADER}\nK=v\n"));
    assert_eq!(kinds(&edit), [("K", ChangeKind::Added, 0)]);
}

#[test]
fn every_duplicate_is_updated() {
    let original = "K=1\nX=2\nexport K=3\n";
    let edit = upsert(original, &[("K", "9")]).unwrap();
    assert_eq!(edit.text, "K=9\nX=2\nexport K=9\n");
    assert_eq!(kinds(&edit), [("K", ChangeKind::Updated, 2)]);
}

#[test]
fn unchanged_values_keep_their_bytes_even_when_quoted_differently() {
    let original = "K=\"v\"   # mine\nL='w'\n";
    let edit = upsert(original, &[("K", "v"), ("L", "w")]).unwrap();
    assert_eq!(edit.text, original);
    assert!(edit.is_noop());
}

#[test]
fn new_keys_join_the_existing_ones() {
    let original = "A=1\nK1=old\nB=2\n";
    let edit = upsert(original, &[("K1", "new"), ("K2", "added")]).unwrap();
    assert_eq!(edit.text, "A=1\nK1=new\nK2=added\nB=2\n");
    assert_eq!(
        kinds(&edit),
        [("K1", ChangeKind::Updated, 1), ("K2", ChangeKind::Added, 0)]
    );
}

#[test]
fn crlf_files_stay_crlf() {
    let original = "A=1\r\nK=old\r\n";
    assert_eq!(set(original, &[("K", "new")]), "A=1\r\nK=new\r\n");
    assert_eq!(
        set("A=1\r\n", &[("K", "new")]),
        format!("A=1\r\n\r\n{BLOCK_HEADER}\r\nK=new\r\n")
    );
}

#[test]
fn a_missing_final_newline_stays_missing() {
    assert_eq!(set("A=1\nK=old", &[("K", "new")]), "A=1\nK=new");
    assert_eq!(
        set("A=1", &[("K", "new"), ("L", "x")]),
        format!("A=1\n\n{BLOCK_HEADER}\nK=new\nL=x")
    );
    assert_eq!(set("K=old", &[("K", "new"), ("L", "x")]), "K=new\nL=x");
}

#[test]
fn a_bom_is_kept() {
    let original = "\u{feff}# c\nK=old\n";
    assert_eq!(set(original, &[("K", "new")]), "\u{feff}# c\nK=new\n");
    assert_eq!(
        set("\u{feff}", &[("K", "new")]),
        format!("\u{feff}{BLOCK_HEADER}\nK=new\n")
    );
}

#[test]
fn keys_named_like_the_keyword_export() {
    let doc = Document::parse("export=1\nexport =2\nexport K=3\n");
    let keys: Vec<_> = doc
        .entries
        .iter()
        .filter_map(|e| e.assignment.as_ref())
        .map(|a| (a.key.as_str(), a.exported))
        .collect();
    assert_eq!(keys, [("export", false), ("export", false), ("K", true)]);
}

#[test]
fn lines_that_are_not_assignments_are_kept_verbatim() {
    let original = "garbage line\n  # indented comment\n\t\n=novalue\nK\n";
    let edit = upsert(original, &[("K", "v")]).unwrap();
    assert_eq!(edit.text, format!("{original}\n{BLOCK_HEADER}\nK=v\n"));
}

#[test]
fn an_unterminated_quote_is_refused_with_its_line() {
    for (original, line) in [
        ("K=\"open\nB=2\n", 1),
        ("A=1\r\nB='x\r\n", 2),
        ("# c\n\nX=`", 3),
    ] {
        assert_eq!(
            upsert(original, &[("K", "v")]).unwrap_err(),
            EditError::UnterminatedQuote(line),
            "{original:?}"
        );
    }
    // Nothing to write: nothing to refuse.
    assert_eq!(upsert("K=\"open", &[]).unwrap().text, "K=\"open");
}

#[test]
fn unportable_values_are_refused_by_key_not_by_value() {
    let error = upsert("", &[("LANGFUSE_SECRET_KEY", "sk-lf-it's")]).unwrap_err();
    assert!(matches!(&error, EditError::Unportable { key, .. } if key == "LANGFUSE_SECRET_KEY"));
    let message = error.to_string();
    assert!(!message.contains("it's"), "{message}");
    assert!(message.starts_with("cannot write LANGFUSE_SECRET_KEY portably"));
}

#[test]
fn get_lenient_reads_what_get_refuses_without_its_quotes() {
    let doc = Document::parse("A=\"x $y\"\nB='it\\'s'\nC=plain\nD=\"unclosed\n");
    assert_eq!(doc.get("A"), None);
    assert_eq!(doc.get_lenient("A"), Some("x $y"));
    assert_eq!(doc.get_lenient("B"), Some("it\\'s"));
    assert_eq!(doc.get_lenient("C"), Some("plain"));
    assert_eq!(doc.get_lenient("D"), Some("\"unclosed"));
    assert_eq!(doc.get_lenient("E"), None);
}

#[test]
fn get_reads_the_last_assignment() {
    let doc = Document::parse("K=1\nK='two'\nQ=\"a$b\"\n");
    assert_eq!(doc.get("K"), Some("two"));
    assert_eq!(doc.get("Q"), None);
    assert_eq!(doc.get("missing"), None);
}

mod property {
    use super::*;
    use proptest::prelude::*;

    const OURS: [&str; 4] = [
        "TRACELOOP_BASE_URL",
        "TRACELOOP_HEADERS",
        "LANGFUSE_PUBLIC_KEY",
        "LANGFUSE_SECRET_KEY",
    ];

    /// Lines that real `.env` files hold, including ones that look like ours but are not.
    fn other_line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("   ".to_string()),
            Just("# a comment with TRACELOOP_HEADERS=x in it".to_string()),
            Just("  # indented".to_string()),
            Just("DATABASE_URL=postgres://u:p@h/db".to_string()),
            Just("export NODE_ENV=production".to_string()),
            Just("SINGLE='a # b'".to_string()),
            Just("DOUBLE=\"x \\\" y\" # c".to_string()),
            Just("SPACED = value # trailing".to_string()),
            Just("ML=\"first\nTRACELOOP_HEADERS=inside\nlast\"".to_string()),
            Just("not an assignment".to_string()),
            Just("LANGFUSE_PUBLIC_KEY_OLD=pk".to_string()),
            Just("UNICODE=héllo wörld".to_string()),
            Just("LONE_CR=a\rb".to_string()),
            "[A-Z]{1,8}=[a-z0-9 #'\"]{0,12}",
        ]
    }

    fn our_line() -> impl Strategy<Value = String> {
        (
            prop::sample::select(OURS.to_vec()),
            prop::sample::select(vec!["", "export ", "  "]),
            prop_oneof![
                Just("old".to_string()),
                Just("\"old value\"".to_string()),
                Just("'old' # note".to_string()),
                Just("\"multi\nline\"".to_string()),
                Just("old # note".to_string()),
                Just(String::new()),
            ],
        )
            .prop_map(|(key, prefix, value)| format!("{prefix}{key}={value}"))
    }

    fn file() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(prop_oneof![3 => other_line(), 1 => our_line()], 0..12),
            any::<bool>(),
            prop::sample::select(vec!["\n", "\r\n"]),
            any::<bool>(),
        )
            .prop_map(|(lines, bom, newline, final_newline)| {
                let mut text = if bom {
                    "\u{feff}".to_string()
                } else {
                    String::new()
                };
                let body = lines
                    .iter()
                    .map(|l| l.replace('\n', newline))
                    .collect::<Vec<_>>()
                    .join(newline);
                text.push_str(&body);
                if final_newline && !lines.is_empty() {
                    text.push_str(newline);
                }
                text
            })
    }

    fn vars() -> impl Strategy<Value = Vec<(&'static str, String)>> {
        prop::sample::subsequence(OURS.to_vec(), 1..=4).prop_flat_map(|keys| {
            let n = keys.len();
            (
                Just(keys),
                prop::collection::vec("[A-Za-z0-9+/=%:.-]{0,20}|[a-z #$\"]{1,10}", n),
            )
                .prop_map(|(keys, values)| keys.into_iter().zip(values).collect())
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn upsert_is_idempotent(original in file(), vars in vars()) {
            let pairs: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
            // Refusals are judged by the differential test (tests/dialects.rs).
            let Ok(once) = upsert(&original, &pairs) else {
                return Ok(());
            };
            let twice = upsert(&once.text, &pairs).unwrap();
            prop_assert_eq!(&twice.text, &once.text);
            prop_assert!(twice.is_noop());
        }

        #[test]
        fn an_empty_edit_changes_nothing(original in file()) {
            prop_assert_eq!(upsert(&original, &[]).unwrap().text, original);
        }
    }
}

/// The refusal for `original` when setting the secret key: its message.
fn refusal(original: &str) -> String {
    match upsert(original, &[("LANGFUSE_SECRET_KEY", "sk-lf-new")]) {
        Err(EditError::ReadersDisagree(d)) => d.message,
        other => panic!("expected a refusal for {original:?}, got {other:?}"),
    }
}

#[test]
fn a_key_python_dotenv_reads_hides_our_line_in_its_multiline_value() {
    let message = refusal("A=1\nÄPFEL=\"start\nLANGFUSE_SECRET_KEY=old\nend\"\n");
    assert!(message.starts_with("line 3:"), "{message}");
    assert!(
        message.contains(
            "python-dotenv and docker compose read a multi-line value of ÄPFEL (lines 2-4)"
        ),
        "{message}"
    );
    assert!(message.contains("Node dotenv"), "{message}");
    assert!(
        message.contains("LANGFUSE_SECRET_KEY (line 3)"),
        "{message}"
    );
    assert!(message.contains("Rename ÄPFEL"), "{message}");
}

#[test]
fn unicode_whitespace_around_a_key_is_named() {
    for (original, code) in [
        ("LANGFUSE_SECRET_KEY\u{a0}=old\n", "U+00A0"),
        ("\u{c}LANGFUSE_SECRET_KEY=old\n", "U+000C"),
        ("\u{2003}LANGFUSE_SECRET_KEY=old\n", "U+2003"),
        ("A=1\nLANGFUSE_SECRET_KEY\u{3000}=old\n", "U+3000"),
    ] {
        let message = refusal(original);
        assert!(message.contains(code), "{original:?}: {message}");
    }
    // The hint names the character and its line, lines below the first included.
    for (original, hint) in [
        (
            "A=1\nB=2\nLANGFUSE_SECRET_KEY\u{a0}=old\n",
            "Line 3 has the invisible character U+00A0,",
        ),
        (
            "A=1\nB=2\n\u{feff}LANGFUSE_SECRET_KEY=old\n",
            "Line 3 has the invisible character U+FEFF,",
        ),
        (
            "A=1\nB=2\nC=3\rLANGFUSE_SECRET_KEY=old\nD=4\n",
            "Line 3 has a lone carriage return",
        ),
    ] {
        let message = refusal(original);
        assert!(message.contains(hint), "{original:?}: {message}");
    }
    // A key that holds an invisible character is shown with it escaped, not as the key it
    // looks like.
    let message = refusal("A=1\nB=2\n\u{feff}LANGFUSE_SECRET_KEY=old\n");
    assert!(
        message.contains("python-dotenv read \"\\u{feff}LANGFUSE_SECRET_KEY\" (line 3)"),
        "{message}"
    );
}

#[test]
fn a_lone_carriage_return_never_joins_two_variables() {
    // python-dotenv and Node dotenv end the line at the CR: replacing the value as this editor
    // sees it would delete A for them.
    let message = refusal("LANGFUSE_SECRET_KEY=old\rA=1\n");
    assert!(message.starts_with("line 1:"), "{message}");
    assert!(message.contains("lone carriage return"), "{message}");
    let message = refusal("A=1\rLANGFUSE_SECRET_KEY=old\nB=2\n");
    assert!(message.contains("lone carriage return"), "{message}");
}

#[test]
fn a_backslash_before_a_closing_quote_is_refused_where_readers_split() {
    // Node dotenv closes X at the escaped quote and reads our line; python-dotenv reads one value
    // up to `Y="` and then fails the line.
    let message = refusal("X=\"abc\\\"\nLANGFUSE_SECRET_KEY=old\nY=\"z\"\n");
    assert!(message.contains("line 2"), "{message}");
    assert!(message.contains("Node dotenv"), "{message}");
}

#[test]
fn a_key_only_some_readers_accept_is_refused() {
    // Node dotenv reads `LANGFUSE_SECRET_KEY=old` across the two lines; python-dotenv a key
    // with no value, then an error.
    let message = refusal("LANGFUSE_SECRET_KEY\n=old\n");
    assert!(
        message.contains("Node dotenv read a multi-line value of LANGFUSE_SECRET_KEY (lines 1-2)"),
        "{message}"
    );
    // Lines no reader reads as ours, however odd, do not stop the edit.
    for original in [
        "export =1\nLANGFUSE_SECRET_KEY=old\n",
        "A=\n'LANGFUSE_SECRET_KEY=x'\nLANGFUSE_SECRET_KEY=old\n",
    ] {
        assert!(
            upsert(original, &[("LANGFUSE_SECRET_KEY", "v")]).is_ok(),
            "{original:?}"
        );
    }
}

#[test]
fn a_reader_that_sees_our_key_where_the_editor_sees_none_is_refused_before_the_edit() {
    // Node dotenv (and the editor) read a backtick value over three lines; python-dotenv and
    // dotenvy know no backticks and read our key on line 2, which the edit would leave as it is.
    let original = "A=`x\nLANGFUSE_SECRET_KEY=old\ny`\n";
    match upsert(original, &[("LANGFUSE_SECRET_KEY", "sk-lf-new")]) {
        Err(EditError::ReadersDisagree(d)) => {
            assert!(!d.after_edit, "{}", d.message);
            assert_eq!(d.line, 2, "{}", d.message);
            assert!(
                d.message
                    .contains("python-dotenv and dotenvy read LANGFUSE_SECRET_KEY (line 2)"),
                "{}",
                d.message
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // The same after a line of ours, which python-dotenv's line 3 would override.
    let original = "LANGFUSE_SECRET_KEY=old\nA=`x\nLANGFUSE_SECRET_KEY=older\ny`\n";
    match upsert(original, &[("LANGFUSE_SECRET_KEY", "sk-lf-new")]) {
        Err(EditError::ReadersDisagree(d)) => {
            assert!(!d.after_edit, "{}", d.message);
            assert_eq!(d.line, 3, "{}", d.message);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // python-dotenv's `KEY` with no `=` sets nothing (and no other reader reads a variable
    // there): it stays, and the new line is what every reader loads.
    let edit = upsert(
        "A=1\nLANGFUSE_SECRET_KEY\n",
        &[("LANGFUSE_SECRET_KEY", "sk-lf-new")],
    )
    .expect("a key with no value is no value to keep");
    assert!(
        edit.text.starts_with("A=1\nLANGFUSE_SECRET_KEY\n\n"),
        "{:?}",
        edit.text
    );
}

#[test]
fn a_line_of_ours_dotenvy_stops_at_is_fixed_and_the_lines_after_it_are_then_read() {
    // dotenvy's `dotenv()` stops at the unquoted space on line 2 and never loads C; after the
    // edit it loads C too, which is reading more, not otherwise.
    let original = "A=1\nLANGFUSE_SECRET_KEY=two words\nC=2\n";
    assert!(readers::Reader::Dotenvy.read(original).error.is_some());
    let edit = upsert(original, &[("LANGFUSE_SECRET_KEY", "sk-lf-new")])
        .unwrap_or_else(|e| panic!("{original:?}: {e}"));
    assert_eq!(edit.text, "A=1\nLANGFUSE_SECRET_KEY=sk-lf-new\nC=2\n");
    assert_eq!(
        readers::Loaded::read(&edit.text, readers::Reader::Dotenvy).get("C"),
        Some("2")
    );
}

#[test]
fn a_hint_names_the_first_line_of_the_lines_it_covers() {
    // Node dotenv closes X's quote at the escaped one; the hint's lines start at X (line 2).
    let message = refusal("A=1\nX=\"abc\\\"\nLANGFUSE_SECRET_KEY=old\nY=\"z\"\n");
    assert!(
        message.contains("Check the quotes from line 2:"),
        "{message}"
    );
    let message = refusal("A=1\nB=2\nLANGFUSE_SECRET_KEY\n=old\n");
    assert!(
        message.contains("Write the lines from 3 as plain"),
        "{message}"
    );
    // dotenvy's error is at the start of the very line: it read nothing of it.
    assert!(
        message.contains("dotenvy stops reading at line 3"),
        "{message}"
    );
    // docker compose reads a variable with an empty name on `=old`: it is shown quoted, not as
    // a blank.
    assert!(
        message.contains("docker compose read \"\" (line 4)"),
        "{message}"
    );
}

#[test]
fn a_hint_looks_at_the_raw_lines_too() {
    // (file, hint): a key no reader reads (the space in it) named from the line itself; a
    // comment with `=` in it is not a key; the CR of a CRLF is not a lone one.
    for (original, hint) in [
        (
            "A=1\nX=`a\nMY KEY=1\nLANGFUSE_SECRET_KEY=old\nZ=b`\n",
            "Rename MY KEY to ASCII letters",
        ),
        (
            "A=1\nX=`a\n# see: c=1\nLANGFUSE_SECRET_KEY=old\nZ=b`\n",
            "Check the quotes from line 2:",
        ),
        (
            "A=1\r\nX=\"abc\\\"\r\nLANGFUSE_SECRET_KEY=old\r\nY=\"z\"\r\n",
            "Check the quotes from line 2:",
        ),
    ] {
        let message = refusal(original);
        assert!(message.contains(hint), "{original:?}: {message}");
    }
}

#[test]
fn a_refusal_names_every_entry_a_reader_sees_on_the_lines_and_none_below() {
    // The editor (and Node dotenv) read our value over lines 2-4; python-dotenv and dotenvy know
    // no backticks and read B on line 3. C on line 5 is past the lines in question.
    let message = refusal("A=1\nLANGFUSE_SECRET_KEY=`old\nB=2\nend`\nC=3\n");
    assert!(
        message.contains(
            "python-dotenv read LANGFUSE_SECRET_KEY (line 2), then B (line 3), then end` with no \
             value (line 4); Node dotenv read a multi-line value of LANGFUSE_SECRET_KEY (lines \
             2-4); dotenvy read LANGFUSE_SECRET_KEY (line 2), then B (line 3); docker compose"
        ),
        "{message}"
    );
}

#[test]
fn new_lines_never_go_inside_a_value_a_reader_reads_across_lines() {
    // Node dotenv reads our unchanged empty public key as `x` from the next line: the secret
    // key's new line would go after line 1, inside that value. A BOM, which every reader skips
    // at the start of a file, moves the offsets and changes nothing else (nor is it the hint).
    for (original, line) in [
        ("LANGFUSE_PUBLIC_KEY=\n'x'\n", 1),
        ("\u{feff}LANGFUSE_PUBLIC_KEY=\n'x'\n", 1),
        ("A=1\nLANGFUSE_PUBLIC_KEY=\n'x'\nB=2\n", 2),
    ] {
        match upsert(
            original,
            &[
                ("LANGFUSE_PUBLIC_KEY", ""),
                ("LANGFUSE_SECRET_KEY", "sk-lf-new"),
            ],
        ) {
            Err(EditError::ReadersDisagree(d)) => {
                assert!(!d.after_edit, "{original:?}: {}", d.message);
                assert_eq!(d.line, line, "{original:?}: {}", d.message);
                assert!(
                    d.message.contains(&format!(
                        "Node dotenv read a multi-line value of LANGFUSE_PUBLIC_KEY (lines {line}-{})",
                        line + 1
                    )),
                    "{original:?}: {}",
                    d.message
                );
                assert!(
                    d.message
                        .contains(&format!("Check the quotes from line {line}:")),
                    "{original:?}: {}",
                    d.message
                );
            }
            other => panic!("{original:?}: expected a refusal, got {other:?}"),
        }
    }
}

#[test]
fn files_every_reader_reads_alike_are_edited() {
    for original in [
        "",
        "A=1\n",
        "# c\nexport LANGFUSE_SECRET_KEY='old value' # note\r\nB=2\r\n",
        "\u{feff}A=1\nLANGFUSE_SECRET_KEY=old",
        "PEM='-----BEGIN-----\nLANGFUSE_SECRET_KEY=inside\n-----END-----'\nB=2\n",
    ] {
        let edit = upsert(original, &[("LANGFUSE_SECRET_KEY", "sk-lf-new")])
            .unwrap_or_else(|e| panic!("{original:?}: {e}"));
        for reader in readers::Reader::ALL {
            let loaded = readers::Loaded::read(&edit.text, reader);
            assert_eq!(
                loaded.get("LANGFUSE_SECRET_KEY"),
                Some("sk-lf-new"),
                "{}",
                reader.name()
            );
        }
    }
}

/// The editor's refusals in Chinese: the line, the key, the character and each reader's view are
/// kept as they are; the refusal itself does not depend on the language.
#[test]
fn refusals_read_in_chinese_with_their_lines() {
    use crate::core::i18n::{Lang, assert_chinese, with_language};
    let refuse = |lang, text: &str, vars: &[(&str, &str)]| {
        with_language(lang, || upsert(text, vars).unwrap_err().to_string())
    };
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [&'a str]);
    let cases: [Case; 5] = [
        ("A=1\nB=\"open\nC=3\n", &[("C", "4")], &[]),
        (
            "A=1\rLANGFUSE_SECRET_KEY=old\nB=2\n",
            &[("LANGFUSE_SECRET_KEY", "new")],
            &["\\r"],
        ),
        (
            "A=1\nLANGFUSE_SECRET_KEY\u{3000}=old\n",
            &[("LANGFUSE_SECRET_KEY", "new")],
            &["U+3000"],
        ),
        ("K=v\n", &[("K", "a\nb")], &["K"]),
        ("K=v\n", &[("K", "x ${HOME}")], &["K", "`${`"]),
    ];
    for (text, vars, kept) in cases {
        let english = refuse(Lang::En, text, vars);
        let chinese = refuse(Lang::ZhCn, text, vars);
        assert_ne!(english, chinese);
        assert_chinese(&chinese, kept);
        // Every number the English names (lines, columns) is in the Chinese too.
        for number in english
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
        {
            assert!(
                chinese.contains(number),
                "{number} missing from {chinese:?} ({english:?})"
            );
        }
    }
}

/// A refusal says what each reader makes of the lines: here dotenvy stops at the first line,
/// docker compose rejects the whole file for the second, python-dotenv reads nothing there and
/// Node dotenv reads the key.
#[test]
fn a_refusal_says_what_each_reader_makes_of_the_lines() {
    let file = "LANGFUSE_PUBLIC_KEY=\"old\" junk\nthis line has no equals sign\nOTHER=1\n";
    let refused = upsert(file, &[("LANGFUSE_PUBLIC_KEY", "pk-lf-1")]).unwrap_err();
    let message = refused.to_string();
    for said in [
        "python-dotenv read no variable there",
        "Node dotenv read LANGFUSE_PUBLIC_KEY (line 1)",
        "dotenvy stops reading at line 1",
        "docker compose rejects the whole file (line 2: ",
    ] {
        assert!(message.contains(said), "{said:?} not in {message}");
    }
}

mod after_edit_check {
    //! `check_result` on readings of the text after an edit that were read again only around
    //! the edit (which it compares only there) against readings of the whole text (the oracle:
    //! every entry compared).

    use super::*;
    use crate::core::dotenv::agree::Disagreement;
    use crate::core::dotenv::readers::tests::edits::{edit, edit_cases};
    use proptest::prelude::*;

    fn whole(readings: Vec<readers::Reading<'_>>) -> Vec<readers::Reading<'_>> {
        readings
            .into_iter()
            .map(|r| r.reader.read(r.text))
            .collect()
    }

    proptest! {
        #![proptest_config(edit_cases())]

        #[test]
        fn the_check_after_an_edit_says_what_it_says_on_whole_readings(
            (before, after) in edit(),
            keys in prop::sample::subsequence(vec!["A", "B_2", "KEY", "D", "k.b-c"], 1..3),
            value in prop::sample::select(vec!["1", "two words", "x", ""]),
        ) {
            let vars: Vec<(&str, &str)> = keys.iter().map(|k| (*k, value)).collect();
            let (old, marks, ()) = agree::read_while(&before, || ());
            let again = agree::read_after(&old, &marks, &after);
            let fast = agree::check_result(&old, &again, &after, &vars);
            let old = whole(old);
            let whole_after: Vec<_> = old
                .iter()
                .zip(&marks)
                .map(|(reading, marks)| marks.read_after(reading, &after, None))
                .collect();
            let slow = agree::check_result(&old, &whole_after, &after, &vars);
            // The same verdict from the same check for the same reader; only where a reader's
            // other entries change may the entry named differ, when the lists differ in a run
            // of equal entries (either is an entry the edit changes).
            let check = |d: &Disagreement| match d.message.split_once(" reads ") {
                Some((head, _)) if d.message.contains("the edit would change how") => {
                    head.split_once(": ").map_or(head, |(_, h)| h).to_string()
                }
                _ => d.message.clone(),
            };
            prop_assert_eq!(
                fast.as_ref().map_err(|d| (d.after_edit, check(d))),
                slow.as_ref().map_err(|d| (d.after_edit, check(d)))
            );
        }

        /// Every edit the editor makes is one after which each reader grammar loads every other
        /// variable as before (the raw value of the entry that wins: the last, dotenvy's first)
        /// and ours as written, judged here without the editor's checks; the real readers judge
        /// the same in tests/dialects.rs.
        #[test]
        fn an_edit_made_is_read_as_written_by_every_reader(
            before in text_for_edits(),
            keys in prop::sample::subsequence(vec!["A", "B_2", "KEY", "D", "k.b-c"], 1..4),
            value in prop::sample::select(vec!["1", "two words", "x#y", "", "say \"hi\""]),
        ) {
            let vars: Vec<(&str, &str)> = keys.iter().map(|k| (*k, value)).collect();
            let Ok(edit) = upsert(&before, &vars) else {
                return Ok(());
            };
            for reader in readers::Reader::ALL {
                let (old, new) = (reader.read(&before), reader.read(&edit.text));
                let (was, now) = (winners(&old), winners(&new));
                let raw = |reading: &readers::Reading<'_>, entry: &readers::ReaderEntry<'_>| {
                    (!entry.no_value).then(|| reading.raw(entry).to_string())
                };
                // A reader that gave up on the file before (dotenvy at an error, compose on
                // any) may read more after; every other reader reads the others as before.
                if old.error.is_none() {
                    for (key, entry) in &was {
                        if keys.contains(key) {
                            continue;
                        }
                        let after = now.get(key).map(|e| raw(&new, e));
                        let key = *key;
                        prop_assert_eq!(
                            after,
                            Some(raw(&old, entry)),
                            "{} reads {} otherwise after the edit",
                            reader.name(),
                            key
                        );
                    }
                }
                if new.error.is_none() {
                    for key in &keys {
                        let read = now.get(key).and_then(|e| new.value(e));
                        prop_assert_eq!(
                            read.as_deref(),
                            Some(value),
                            "{} reads {} otherwise than written",
                            reader.name(),
                            key
                        );
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(edit_cases())]

        /// `check_result` for one reader at a time against its rule written plainly on whole
        /// readings: a reader that read the file whole still reads it whole, and every other
        /// variable as before; one that stopped at an error reads at least what it read; compose
        /// that rejected the file has nothing to keep; and ours are read as written where read.
        /// Ours are given the values this reader reads after the edit where it reads them, so
        /// that the verdict turns on the other variables as often as on ours.
        #[test]
        fn each_readers_verdict_follows_the_rule(
            (before, after) in edit(),
            keys in prop::sample::subsequence(vec!["A", "B_2", "KEY", "D", "k.b-c"], 1..3),
            value in prop::sample::select(vec!["1", "two words", "x", ""]),
        ) {
            let (old, marks, ()) = agree::read_while(&before, || ());
            let again = agree::read_after(&old, &marks, &after);
            for (i, reading) in old.iter().enumerate() {
                let (was, now) = (reading.reader.read(&before), reading.reader.read(&after));
                let read: Vec<Option<String>> = keys
                    .iter()
                    .map(|key| winner(&now, key).and_then(|e| now.value(e)))
                    .collect();
                let vars: Vec<(&str, &str)> = keys
                    .iter()
                    .zip(&read)
                    .map(|(key, read)| (*key, read.as_deref().unwrap_or(value)))
                    .collect();
                let verdict =
                    agree::check_result(&old[i..=i], &again[i..=i], &after, &vars).is_ok();
                prop_assert_eq!(
                    verdict,
                    rule(&was, &now, &vars),
                    "{} on {:?} -> {:?}",
                    reading.reader.name(),
                    &before,
                    &after
                );
            }
        }
    }

    /// The entry of `key` a reader loads: the first for dotenvy, the last for the others.
    fn winner<'r, 'a>(
        reading: &'r readers::Reading<'a>,
        key: &str,
    ) -> Option<&'r readers::ReaderEntry<'a>> {
        let mut entries = reading.loaded().iter().filter(|e| e.key == key);
        if reading.reader == readers::Reader::Dotenvy {
            entries.next()
        } else {
            entries.next_back()
        }
    }

    fn rule(was: &readers::Reading<'_>, now: &readers::Reading<'_>, vars: &[(&str, &str)]) -> bool {
        let ours = |key: &str| vars.iter().any(|(k, _)| *k == key);
        let others = |r: &readers::Reading<'_>| -> Vec<(String, Option<String>)> {
            r.loaded()
                .iter()
                .filter(|e| !ours(&e.key))
                .map(|e| {
                    (
                        e.key.to_string(),
                        (!e.no_value).then(|| r.raw(e).to_string()),
                    )
                })
                .collect()
        };
        if was.error.is_none() && now.error.is_some() {
            return false;
        }
        let kept = match (&was.error, was.reader) {
            (Some(_), readers::Reader::Compose) => true,
            (Some(_), _) => others(now).starts_with(&others(was)),
            (None, _) => others(was) == others(now),
        };
        kept && vars.iter().all(|(key, value)| match winner(now, key) {
            Some(entry) => now.value(entry).as_deref() == Some(*value),
            None => now.error.is_some(),
        })
    }

    #[test]
    fn a_refusal_after_the_edit_names_the_entry_that_changed() {
        // (before, after, the key named, its line): an entry added between two kept ones, one
        // taken away, one whose value changed, with the same key around them.
        let cases = [
            ("B=1\nC=2\n", "B=1\nZ=9\nC=2\n", "Z", 2),
            ("B=1\nZ=9\nC=2\n", "B=1\nC=2\n", "Z", 1),
            ("B=1\nC=2\nD=3\n", "B=1\nC=5\nD=3\n", "C", 2),
            ("C=1\nC=1\n", "C=1\nC=1\nC=1\n", "C", 1),
        ];
        for (before, after, key, line) in cases {
            let (old, marks, ()) = agree::read_while(before, || ());
            let again = agree::read_after(&old, &marks, after);
            let refused = agree::check_result(&old, &again, after, &[("A", "1")]).unwrap_err();
            assert!(refused.after_edit);
            assert!(
                refused.message.contains(&format!("reads {key}.")),
                "{before:?} -> {after:?}: {}",
                refused.message
            );
            assert_eq!(refused.line, line, "{before:?} -> {after:?}");
            // And it says how to write the lines so that every reader reads them alike.
            assert!(
                refused
                    .message
                    .contains(&crate::tr!("core-dotenv-plain-hint")),
                "{}",
                refused.message
            );
        }
    }

    /// For each key a reader loads, the entry that wins (the last; dotenvy's first).
    fn winners<'r, 'a>(
        reading: &'r readers::Reading<'a>,
    ) -> std::collections::HashMap<&'r str, &'r readers::ReaderEntry<'a>> {
        let mut won = std::collections::HashMap::new();
        for entry in reading.loaded() {
            if reading.reader != readers::Reader::Dotenvy || !won.contains_key(&*entry.key) {
                won.insert(&*entry.key, entry);
            }
        }
        won
    }

    /// Files the editor edits more often than not: the generated pieces, with fewer quotes left
    /// open.
    fn text_for_edits() -> impl Strategy<Value = String> {
        crate::core::dotenv::readers::tests::edits::text()
    }
}
