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
    let pieces = [
        &SK["sk-lf-".len().."sk-lf-".len() + 12],
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
