//! The properties the fuzz targets (fuzz/) check, as plain functions that panic on a violation, so
//! that crash inputs replay as ordinary tests (tests/fuzz_regressions.rs).

use crate::core::credential::{
    decode_header_list, decode_header_list_dropping, encode_header_list,
};
use crate::core::dotenv::readers::Reader;
use crate::core::dotenv::{Document, EditError, quote_value, upsert};
use crate::core::host::normalize_host;

/// The variables the editor owns in these checks.
const OWNED: [&str; 3] = ["TRACELOOP_HEADERS", "LANGFUSE_SECRET_KEY", "A"];

/// The .env editor: never panics; a refusal is one of the refusals it owes (an unportable value, a
/// quote never closed, readers that disagree) and never names the value; an edit keeps every entry
/// that is not ours with its bytes and its line ending, in order, and a second identical upsert
/// changes nothing. (Whether the real readers then read the file right is judged by them, in
/// tests/dialects.rs.)
pub fn dotenv_upsert(data: &[u8]) {
    // The editor edits text; `EnvFile::read` refuses a file that is not UTF-8 before it gets here.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // After the last \u{1}, the value to write; before it, the file.
    let (file, value) = match text.rsplit_once('\u{1}') {
        Some((file, value)) => (file, value),
        None => (text, "Authorization=Basic%20cGs6c2s="),
    };
    let vars: Vec<(&str, &str)> = OWNED.iter().map(|k| (*k, value)).collect();
    let before = Document::parse(file);
    let edit = match upsert(file, &vars) {
        Ok(edit) => edit,
        Err(EditError::Unportable { key, .. }) => {
            assert!(OWNED.contains(&key.as_str()));
            assert!(
                quote_value(value).is_err(),
                "{value:?} was refused as unportable"
            );
            return;
        }
        Err(EditError::UnterminatedQuote(line)) => {
            assert_eq!(before.unterminated_quote, Some(line));
            return;
        }
        Err(EditError::ReadersDisagree(disagreement)) => {
            assert!(
                disagreement.line >= 1 && disagreement.line <= file.len() + 1,
                "{disagreement:?}"
            );
            if value.len() >= 8 {
                assert!(
                    !disagreement.message.contains(value),
                    "a refusal shows the value"
                );
            }
            // A disagreement in the file itself is never claimed where every reader reads it
            // alike. A refusal of the edited text (the writer cannot say this edit the same way to
            // every reader) leaves the file as it was, and is counted by the differential test.
            assert!(
                disagreement.after_edit || !unanimous(file, &before),
                "refused a file every reader reads alike: {disagreement:?}"
            );
            // Where the readers read the lines alike and only the editor reads them otherwise,
            // the refusal says so, and does not send the user looking for a reader difference.
            assert!(
                !readers_alike(file) || !disagreement.message.contains("readers disagree"),
                "claimed the readers disagree where they read alike: {disagreement:?}"
            );
            return;
        }
    };
    let after = Document::parse(&edit.text);
    assert_eq!(before.has_bom, after.has_bom);
    let others = |doc: &Document<'_>| -> Vec<(String, &'static str)> {
        doc.entries
            .iter()
            .filter(|e| {
                e.assignment
                    .as_ref()
                    .is_none_or(|a| !OWNED.contains(&a.key.as_str()))
            })
            .map(|e| {
                let text = doc.entry_text(e);
                (text[..text.len() - e.ending.len()].to_string(), e.ending)
            })
            .collect()
    };
    let kept = others(&after);
    let mut cursor = kept.iter();
    let old = others(&before);
    let last = old.len().saturating_sub(1);
    for (i, (line, ending)) in old.iter().enumerate() {
        // The file's last line, if it had no line ending, may gain one; a lone CR that ended the
        // file then becomes the CR of a CRLF.
        let open_end = i == last && ending.is_empty();
        let found = cursor.find(|(k, new_ending)| {
            k == line
                || (open_end
                    && *new_ending == "\r\n"
                    && line.strip_suffix('\r') == Some(k.as_str()))
        });
        let Some((_, new_ending)) = found else {
            panic!("an entry that is not ours changed or moved: {line:?}");
        };
        assert!(
            new_ending == ending || open_end,
            "the line ending of {line:?} changed from {ending:?} to {new_ending:?}"
        );
    }
    let again = upsert(&edit.text, &vars).expect("the edited file edits again");
    assert!(
        again.is_noop(),
        "a second identical upsert changed something"
    );
    assert_eq!(again.text, edit.text);
}

/// Every reader and the editor see the same assignments, at the same places, and no reader fails.
/// (An empty unquoted value is left out: Node dotenv reads a quoted line written right after
/// `KEY=` as KEY's value, so inserting there is refused.)
fn unanimous(text: &str, doc: &Document<'_>) -> bool {
    if doc
        .entries
        .iter()
        .filter_map(|e| e.assignment.as_ref())
        .any(|a| a.value.is_empty())
    {
        return false;
    }
    let shift = if doc.has_bom {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let editor: Vec<(&str, std::ops::Range<usize>, std::ops::Range<usize>)> = doc
        .entries
        .iter()
        .filter_map(|e| e.assignment.as_ref())
        .map(|a| {
            (
                a.key.as_str(),
                a.key_span.start + shift..a.key_span.end + shift,
                a.value.start + shift..a.value.end + shift,
            )
        })
        .collect();
    Reader::ALL.iter().all(|reader| {
        let reading = reader.read(text);
        reading.error.is_none()
            && reading.entries.len() == editor.len()
            && reading
                .entries
                .iter()
                .zip(&editor)
                .all(|(e, (key, span, value))| {
                    !e.no_value && e.key == *key && e.key_span == *span && e.value_span == *value
                })
    }) && readers_alike(text)
}

/// Every reader reads the text without an error, as the same entries at the same places.
fn readers_alike(text: &str) -> bool {
    let readings: Vec<_> = Reader::ALL.iter().map(|r| r.read(text)).collect();
    readings.iter().all(|r| r.error.is_none())
        && readings.windows(2).all(|pair| {
            pair[0].entries.len() == pair[1].entries.len()
                && pair[0].entries.iter().zip(&pair[1].entries).all(|(a, b)| {
                    a.key == b.key
                        && a.key_span == b.key_span
                        && a.value_span == b.value_span
                        && a.no_value == b.no_value
                })
        })
}

/// The header encoder and decoder: any value comes back exactly.
pub fn header_roundtrip(data: &[u8]) {
    let Ok(value) = std::str::from_utf8(data) else {
        return;
    };
    let list = encode_header_list([
        ("Authorization", value),
        ("x-langfuse-ingestion-version", "4"),
    ]);
    let decoded = decode_header_list(&list).expect("what we encode decodes");
    assert_eq!(decoded.len(), 2);
    assert_eq!(decoded[0].value, value);
}

/// Host normalisation: never panics; a normalised host normalises to itself, with no notes.
pub fn host_normalize(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((host, _)) = normalize_host(input, true) {
        let (again, notes) = normalize_host(host.as_str(), true).expect("a normal host is valid");
        assert_eq!(again, host);
        assert!(notes.is_empty(), "{notes:?}");
    }
}

/// The header-list parsers and `doctor`'s checks and repairs: never panic; the dropping decoder
/// agrees with the strict one on lists that the strict one accepts.
pub fn doctor_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(strict) = decode_header_list(text) {
        let (lenient, dropped) = decode_header_list_dropping(text);
        assert!(dropped.is_empty());
        assert_eq!(strict, lenient);
    }
    let findings = crate::core::doctor::check_file(text, crate::core::doctor::FileFacts::default());
    let _ = crate::core::doctor::repairs(text, &findings);
    let env = format!("TRACELOOP_HEADERS={text}\nOTEL_EXPORTER_OTLP_ENDPOINT={text}\n");
    let findings = crate::core::doctor::check_file(&env, crate::core::doctor::FileFacts::default());
    let _ = crate::core::doctor::repairs(&env, &findings);
}

/// The sanitizer: whatever the text around it, a credential planted in one of the forms a server
/// echoes it in never comes out, nor does any control, bidi or invisible character, and the cap
/// holds. The first byte picks the form, the second where it goes.
pub fn server_text(data: &[u8]) {
    use crate::core::server_text::{MAX_EXCERPT, Redactor, ServerBody, ServerText};
    use base64::Engine as _;

    const PK: &str = "pk-lf-1c5d8a3e-0f3b-4c59-9d1a-5b8f2e7c4a10";
    const SK: &str = "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b";
    let b64 = base64::engine::general_purpose::STANDARD.encode(format!("{PK}:{SK}"));
    let forms = [
        SK.to_string(),
        format!("Basic {b64}"),
        format!("Basic%20{}", b64.replace('+', "%2B").replace('/', "%2F")),
        b64.replace('+', "%252B"),
        b64.replace('+', "-").replace('/', "_"),
        b64.chars()
            .map(|c| format!("\\u{:04x}", c as u32))
            .collect(),
        b64.chars().map(|c| format!("{c}\u{1b}[0m")).collect(),
        format!("{PK}:{SK}"),
    ];
    let text = String::from_utf8_lossy(data.get(2..).unwrap_or_default());
    let form = &forms[usize::from(data.first().copied().unwrap_or(0)) % forms.len()];
    let mut at = usize::from(data.get(1).copied().unwrap_or(0)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let raw = format!("{}{form}{}", &text[..at], &text[at..]);
    let redactor = Redactor::for_headers([("Authorization", format!("Basic {b64}").as_str())]);
    let body = ServerBody::from_server(
        &serde_json::json!({ "message": raw }).to_string(),
        &redactor,
    );
    let outputs = [
        ServerText::sanitize(&raw, &redactor, MAX_EXCERPT),
        ServerBody::from_server(&raw, &redactor).excerpt().clone(),
        body.text("/message").expect("a JSON string stays one"),
        body.excerpt().clone(),
    ];
    // Each piece is MIN_RUN characters of a secret in the redactor's canonical form (which drops
    // `-`): the sanitizer's promise is about runs that long, and a shorter piece planted by the
    // fuzzer on its own (libFuzzer learns these strings from the comparisons below) is not one.
    let pieces = [
        &SK["sk-lf-".len().."sk-lf-".len() + 13],
        &b64[8..24],
        &b64[b64.len() - 20..b64.len() - 4],
    ];
    for out in &outputs {
        let out = out.as_str();
        assert!(out.chars().count() <= MAX_EXCERPT, "over the cap: {out:?}");
        for c in out.chars() {
            let code = c as u32;
            let control = code < 0x20 || (0x7f..=0x9f).contains(&code);
            let hidden = matches!(
                code,
                0x061C | 0x200B..=0x200F | 0x202A..=0x202E | 0x2066..=0x2069 | 0x2028 | 0x2029 | 0xFEFF
            );
            assert!(!control && !hidden, "U+{code:04X} in {out:?}");
        }
        for piece in pieces {
            assert!(!out.contains(piece), "{piece:?} in {out:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the sanitizer fuzz target met: a run of the secret planted in the server's text on its
    /// own, away from the credential, between bytes that are not UTF-8. Twelve characters of it
    /// (canonical form) are redacted; the target's own check holds.
    #[test]
    fn a_planted_run_of_the_secret_is_redacted() {
        let mut data = vec![1u8, 0];
        data.extend_from_slice(b"Basic x\xff\xff7e2b9c41-88d0\xff");
        server_text(&data);
        data[0] = 0;
        server_text(&data);
    }

    /// The oracle is only worth its assertions if ordinary files count as read alike: were the
    /// editor's spans measured differently from the readers', every file would be "ambiguous" and
    /// no refusal would ever be judged.
    #[test]
    fn ordinary_files_are_unanimous_and_a_form_feed_before_a_quote_is_not() {
        for text in [
            "A=1\n",
            "A=1\r\nB='x y' # c\r\n",
            "export A=\"multi\nline\"\nB=2\n",
        ] {
            assert!(unanimous(text, &Document::parse(text)), "{text:?}");
        }
        // Every reader skips the form feed and reads a quoted multi-line value; the editor's
        // blanks are space and tab only, so it reads one unquoted line.
        let text = "TRACELOOP_HEADERS=\u{c}\"%\r\n%\"\r\n";
        assert!(readers_alike(text));
        assert!(!unanimous(text, &Document::parse(text)));
    }
}
