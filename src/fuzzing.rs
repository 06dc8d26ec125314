//! The properties the fuzz targets (fuzz/) check, as plain functions that panic on a violation, so
//! that crash inputs replay as ordinary tests (tests/fuzz_regressions.rs).

use crate::core::credential::{
    decode_header_list, decode_header_list_dropping, encode_header_list,
};
use crate::core::dotenv::{Document, upsert};
use crate::core::host::normalize_host;

/// The variables the editor owns in these checks.
const OWNED: [&str; 3] = ["TRACELOOP_HEADERS", "LANGFUSE_SECRET_KEY", "A"];

/// The .env editor: never panics; every entry that is not ours keeps its bytes, in order; a second
/// identical upsert changes nothing.
pub fn dotenv_upsert(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The last line of the input, if short, is the value to write; the rest is the file.
    let (file, value) = match text.rsplit_once('\u{1}') {
        Some((file, value)) => (file, value),
        None => (text, "Authorization=Basic%20cGs6c2s="),
    };
    let vars: Vec<(&str, &str)> = OWNED.iter().map(|k| (*k, value)).collect();
    let Ok(edit) = upsert(file, &vars) else {
        return;
    };
    let before = Document::parse(file);
    let after = Document::parse(&edit.text);
    let others = |doc: &Document<'_>| -> Vec<String> {
        doc.entries
            .iter()
            .filter(|e| {
                e.assignment
                    .as_ref()
                    .is_none_or(|a| !OWNED.contains(&a.key.as_str()))
            })
            .map(|e| doc.entry_text(e).trim_end_matches(['\r', '\n']).to_string())
            .collect()
    };
    let kept = others(&after);
    let mut cursor = kept.iter();
    for line in others(&before) {
        assert!(
            cursor.any(|k| *k == line),
            "an entry that is not ours changed or moved: {line:?}"
        );
    }
    let again = upsert(&edit.text, &vars).expect("the edited file edits again");
    assert!(
        again.is_noop(),
        "a second identical upsert changed something"
    );
    assert_eq!(again.text, edit.text);
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
