//! The Basic credential and its encoding inside OTel header-list variables
//! (`OTEL_EXPORTER_OTLP_HEADERS`, `TRACELOOP_HEADERS`).
//!
//! The list form is `name=value,name=value` with percent-decoded values (W3C-baggage-like). The
//! encoding here is the one form every OTel SDK reads back to the same bytes:
//! - a space is `%20`: Python's strict parser drops a pair with a raw space, and `+` is not a space
//!   to any of them;
//! - `+` is `%2B`: Java's `URLDecoder` turns a raw `+` into a space;
//! - `%` is `%25`, and every octet outside the baggage value set is percent-encoded;
//! - `=` stays raw: every OTel SDK splits a pair on its first `=`, so base64 padding survives.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::core::keys::KeyPair;
use crate::tr;

pub const AUTHORIZATION: &str = "Authorization";
pub const INGESTION_VERSION_HEADER: &str = "x-langfuse-ingestion-version";

/// Octets that must be percent-encoded in a header-list value: everything outside the W3C baggage
/// value octets (`%x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E`), plus `%` itself (decoders would
/// read it as an escape) and `+` (Java reads it as a space). Non-ASCII is always encoded.
const HEADER_VALUE_ESCAPES: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%')
    .add(b'+');

/// `base64(public_key ":" secret_key)`, standard alphabet, padded.
pub struct BasicCredential(SecretString);

impl BasicCredential {
    pub fn new(keys: &KeyPair) -> Self {
        let joined = Zeroizing::new(format!("{}:{}", keys.public.as_str(), keys.secret.expose()));
        BasicCredential(SecretString::from(STANDARD.encode(joined.as_bytes())))
    }

    pub fn base64(&self) -> &str {
        self.0.expose_secret()
    }

    /// `Basic <base64>`: the Authorization header value.
    pub fn header_value(&self) -> SecretString {
        SecretString::from(format!("Basic {}", self.base64()))
    }
}

impl std::fmt::Debug for BasicCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BasicCredential(<redacted>)")
    }
}

/// The `(public_key, secret_key)` a decoded `Basic <base64>` Authorization value carries, if it is
/// base64 of `public:secret`. Zeroed when dropped: it holds the secret.
pub fn basic_pair(header_value: &str) -> Option<Zeroizing<(String, String)>> {
    let b64 = header_value.strip_prefix("Basic ")?.trim();
    let text = Zeroizing::new(String::from_utf8(STANDARD.decode(b64).ok()?).ok()?);
    let (public, secret) = text.split_once(':')?;
    Some(Zeroizing::new((public.to_string(), secret.to_string())))
}

/// Percent-encodes one header value for a header-list variable.
pub fn encode_header_value(value: &str) -> String {
    utf8_percent_encode(value, HEADER_VALUE_ESCAPES).to_string()
}

/// Builds `name=value,name=value` with each value encoded by [`encode_header_value`].
///
/// Names are written as given; they must be HTTP tokens (checked in debug builds: every name here
/// is a constant of this crate).
pub fn encode_header_list<'a>(headers: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (name, value) in headers {
        debug_assert!(is_token(name), "header name {name:?} is not a token");
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(&encode_header_value(value));
    }
    out
}

/// Header-name fragments that mark a value as a credential (`Authorization`, `Proxy-Authorization`,
/// `CF-Access-Client-Secret`, `X-Api-Key`, `Cookie`, `X-Auth-Token`…): such a value is never shown,
/// and a profile keeps it where it keeps the secret key (the OS keyring), never in its file.
const SECRET_NAME_PARTS: [&str; 9] = [
    "auth",
    "token",
    "key",
    "secret",
    "pass",
    "cookie",
    "session",
    "signature",
    "credential",
];

/// Whether a header's value is a credential, by its name (case-insensitive) or by its value (a
/// Langfuse secret key pasted anywhere).
pub fn is_secret_header(name: &str, value: &str) -> bool {
    is_secret_header_name(name) || crate::core::keys::contains_secret_key(value)
}

/// Whether a header's name says its value is a credential.
pub fn is_secret_header_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_NAME_PARTS.iter().any(|part| lower.contains(part))
}

/// Headers that belong to Langfuse's own credential or to the exporter, which an extra header
/// must not replace.
const RESERVED_HEADERS: [&str; 6] = [
    AUTHORIZATION,
    INGESTION_VERSION_HEADER,
    "Content-Type",
    "Content-Length",
    "Content-Encoding",
    "Host",
];

/// A header an access proxy in front of a self-hosted Langfuse needs on every request
/// (`--header NAME=VALUE`: Cloudflare Access's `CF-Access-Client-Id` / `-Secret`, a tenant header).
/// Written after Langfuse's own headers in every header list, sent with every request of the live
/// test. `Debug` hides a secret-bearing value.
#[derive(Clone, PartialEq, Eq)]
pub struct ExtraHeader {
    name: String,
    value: Zeroizing<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExtraHeaderError {
    NoEquals(String),
    BadName(String),
    Reserved(String),
    EmptyValue(String),
    BadValue(String),
    Duplicate(String),
}

impl std::fmt::Display for ExtraHeaderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            ExtraHeaderError::NoEquals(text) => tr!("core-header-no-equals", text = text),
            ExtraHeaderError::BadName(name) => tr!("core-header-bad-name", name = name),
            ExtraHeaderError::Reserved(name) => tr!("core-header-reserved", name = name),
            ExtraHeaderError::EmptyValue(name) => tr!("core-header-empty-value", name = name),
            ExtraHeaderError::BadValue(name) => tr!("core-header-bad-value", name = name),
            ExtraHeaderError::Duplicate(name) => tr!("core-header-duplicate", name = name),
        })
    }
}

impl ExtraHeader {
    /// `NAME=VALUE`, split on the first `=`; spaces around the value are dropped (as HTTP and
    /// every SDK's header parser drop them).
    pub fn parse(input: &str) -> Result<ExtraHeader, ExtraHeaderError> {
        let (name, value) = input
            .split_once('=')
            .ok_or_else(|| ExtraHeaderError::NoEquals(shown_input(input)))?;
        ExtraHeader::new(name.trim(), value)
    }

    pub fn new(name: &str, value: &str) -> Result<ExtraHeader, ExtraHeaderError> {
        let portable = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !portable {
            return Err(ExtraHeaderError::BadName(shown_input(name)));
        }
        if RESERVED_HEADERS
            .iter()
            .any(|reserved| reserved.eq_ignore_ascii_case(name))
        {
            return Err(ExtraHeaderError::Reserved(name.to_string()));
        }
        let value = value.trim_matches([' ', '\t']);
        if value.is_empty() {
            return Err(ExtraHeaderError::EmptyValue(name.to_string()));
        }
        if !value.bytes().all(|b| (0x20..=0x7E).contains(&b)) {
            return Err(ExtraHeaderError::BadValue(name.to_string()));
        }
        Ok(ExtraHeader {
            name: name.to_string(),
            value: Zeroizing::new(value.to_string()),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The real value: for the header lists written to a .env and for requests.
    pub fn expose(&self) -> &str {
        &self.value
    }

    /// Every extra header's value is a credential, never shown nor kept in a profile's file: what
    /// an access proxy asks for is a secret (a token, a client secret) far more often than not, and
    /// its name is the proxy's choice, so a rule by name would show some of them.
    pub fn is_secret(&self) -> bool {
        true
    }

    /// The value as it may be shown.
    pub fn shown(&self) -> &str {
        if self.is_secret() {
            REDACTED
        } else {
            &self.value
        }
    }

    /// A proxy in front of nginx drops a name with `_` by default.
    pub fn note(&self) -> Option<String> {
        self.name
            .contains('_')
            .then(|| tr!("core-header-underscore", name = self.name.as_str()))
    }
}

/// The extra headers a header list carries besides Langfuse's own (what a rotation or a repair
/// keeps): entries a strict parser drops, and reserved names, are left out.
pub fn extra_headers_in(list: &str) -> Vec<ExtraHeader> {
    decode_header_list_dropping(list)
        .0
        .iter()
        .filter_map(|h| ExtraHeader::new(&h.name, &h.value).ok())
        .collect()
}

/// Checks a user's list: no name twice (case-insensitive).
pub fn check_extra_headers(headers: &[ExtraHeader]) -> Result<(), ExtraHeaderError> {
    for (index, header) in headers.iter().enumerate() {
        if headers[..index]
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case(&header.name))
        {
            return Err(ExtraHeaderError::Duplicate(header.name.clone()));
        }
    }
    Ok(())
}

/// What a hidden value is shown as.
pub const REDACTED: &str = "<redacted>";

/// A rejected input is echoed only when it cannot be a secret.
fn shown_input(input: &str) -> String {
    if crate::core::keys::contains_secret_key(input) || input.chars().count() > 64 {
        "<input hidden>".to_string()
    } else {
        input.chars().filter(|c| !c.is_control()).collect()
    }
}

impl std::fmt::Debug for ExtraHeader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.name, self.shown())
    }
}

/// One decoded header of a header list.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodedHeader {
    pub name: String,
    pub value: String,
}

impl std::fmt::Debug for DecodedHeader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A credential (Authorization, a proxy's secret) is never printed.
        if is_secret_header(&self.name, &self.value) {
            write!(f, "{}: <redacted>", self.name)
        } else {
            write!(f, "{}: {}", self.name, self.value)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HeaderListError {
    MissingEquals { index: usize },
    BadName { index: usize },
    UnencodedCharacter { index: usize, position: usize },
    BadEscape { index: usize },
    NotUtf8 { index: usize },
}

impl std::fmt::Display for HeaderListError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            HeaderListError::MissingEquals { index } => {
                tr!("core-header-list-no-equals", index = *index)
            }
            HeaderListError::BadName { index } => tr!("core-header-list-bad-name", index = *index),
            HeaderListError::UnencodedCharacter { index, position } => tr!(
                "core-header-list-unencoded",
                index = *index,
                position = *position
            ),
            HeaderListError::BadEscape { index } => {
                tr!("core-header-list-bad-escape", index = *index)
            }
            HeaderListError::NotUtf8 { index } => tr!("core-header-list-not-utf8", index = *index),
        })
    }
}

/// Decodes a header list strictly: the reverse of [`encode_header_list`], and the grammar the
/// strictest real parser (OTel Python) enforces. Entries are 1-based in errors. Optional spaces or
/// tabs around commas and `=` are allowed, as in the OTel spec.
pub fn decode_header_list(list: &str) -> Result<Vec<DecodedHeader>, HeaderListError> {
    let mut headers = Vec::new();
    for (offset, member) in list.split(',').enumerate() {
        let index = offset + 1;
        let member = member.trim_matches([' ', '\t']);
        if member.is_empty() {
            continue;
        }
        let Some((name, raw_value)) = member.split_once('=') else {
            return Err(HeaderListError::MissingEquals { index });
        };
        let name = name.trim_end_matches([' ', '\t']);
        if !is_token(name) {
            return Err(HeaderListError::BadName { index });
        }
        let raw_value = raw_value.trim_start_matches([' ', '\t']);
        for (position, byte) in raw_value.bytes().enumerate() {
            if !is_baggage_value_octet(byte) {
                return Err(HeaderListError::UnencodedCharacter {
                    index,
                    position: position + 1,
                });
            }
        }
        if !escapes_are_well_formed(raw_value) {
            return Err(HeaderListError::BadEscape { index });
        }
        let value = percent_decode_str(raw_value)
            .decode_utf8()
            .map_err(|_| HeaderListError::NotUtf8 { index })?
            .into_owned();
        headers.push(DecodedHeader {
            name: name.to_string(),
            value,
        });
    }
    Ok(headers)
}

/// Decodes a header list the way OTel Python's strict parser (the one Traceloop Python uses) does:
/// a malformed entry is dropped, with a warning, and the rest is kept. Returns what survives and
/// why each dropped entry was dropped.
pub fn decode_header_list_dropping(list: &str) -> (Vec<DecodedHeader>, Vec<HeaderListError>) {
    let mut headers = Vec::new();
    let mut dropped = Vec::new();
    for (offset, member) in list.split(',').enumerate() {
        match decode_header_list(member) {
            Ok(decoded) => headers.extend(decoded),
            Err(error) => dropped.push(error.with_index(offset + 1)),
        }
    }
    (headers, dropped)
}

impl HeaderListError {
    fn with_index(self, index: usize) -> Self {
        use HeaderListError as E;
        match self {
            E::MissingEquals { .. } => E::MissingEquals { index },
            E::BadName { .. } => E::BadName { index },
            E::UnencodedCharacter { position, .. } => E::UnencodedCharacter { index, position },
            E::BadEscape { .. } => E::BadEscape { index },
            E::NotUtf8 { .. } => E::NotUtf8 { index },
        }
    }
}

/// The value of `name` (case-insensitive) in a decoded list; the last one wins, as in every SDK
/// that collects the list into a map.
pub fn find_header<'a>(headers: &'a [DecodedHeader], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .rev()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

fn is_baggage_value_octet(byte: u8) -> bool {
    matches!(byte, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

/// An RFC 7230 token: the characters an HTTP header name may have.
pub fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn escapes_are_well_formed(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if i + 2 >= bytes.len()
                || !(bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit())
            {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::keys::parse_key_pair;

    fn pair(pk: &str, sk: &str) -> KeyPair {
        parse_key_pair(pk, sk).unwrap().0
    }

    /// A rejected `--header` input is echoed in the error only when it cannot be a secret: no
    /// secret key in it, at most 64 characters, and without its control characters.
    #[test]
    fn a_rejected_header_input_is_echoed_only_when_it_cannot_be_a_secret() {
        let refused = |input: &str| ExtraHeader::parse(input).unwrap_err();
        let hidden = || ExtraHeaderError::NoEquals("<input hidden>".into());
        assert_eq!(
            refused("x-team\u{7}\u{1b}"),
            ExtraHeaderError::NoEquals("x-team".into())
        );
        assert_eq!(
            refused("Authorization sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b"),
            hidden()
        );
        let longest = "a".repeat(64);
        assert_eq!(
            refused(&longest),
            ExtraHeaderError::NoEquals(longest.clone())
        );
        assert_eq!(refused(&"a".repeat(65)), hidden());
        assert_eq!(
            ExtraHeader::new("x team", "v").unwrap_err(),
            ExtraHeaderError::BadName("x team".into())
        );
        // Every refusal names the input or the header in its message.
        crate::core::i18n::in_english(|| {
            for error in [
                ExtraHeaderError::NoEquals("x-team".into()),
                ExtraHeaderError::BadName("x-team".into()),
                ExtraHeaderError::Reserved("x-team".into()),
                ExtraHeaderError::EmptyValue("x-team".into()),
                ExtraHeaderError::BadValue("x-team".into()),
                ExtraHeaderError::Duplicate("x-team".into()),
            ] {
                assert!(error.to_string().contains("x-team"), "{error:?}");
            }
        });
    }

    /// A `%` in a header value must start an escape of two hex digits (else the entry is one a
    /// strict reader drops): both digits, not either.
    #[test]
    fn a_percent_escape_needs_two_hex_digits() {
        assert!(escapes_are_well_formed("Basic%20abc%2Fd%2b"));
        assert!(escapes_are_well_formed("no escapes"));
        for bad in ["%4G", "%G4", "%GG", "%4", "%", "ab%2"] {
            assert!(!escapes_are_well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn an_extra_headers_debug_shows_its_name_and_hides_its_value() {
        let header = ExtraHeader::parse("CF-Access-Client-Secret=abc123").unwrap();
        assert_eq!(format!("{header:?}"), "CF-Access-Client-Secret: <redacted>");
    }

    #[test]
    fn an_underscore_in_a_header_name_is_noted_for_nginx() {
        let note = crate::core::i18n::in_english(|| {
            ExtraHeader::parse("x_team=a").unwrap().note().unwrap()
        });
        assert!(
            note.contains("`x_team`") && note.contains("nginx"),
            "{note}"
        );
        assert_eq!(ExtraHeader::parse("x-team=a").unwrap().note(), None);
    }

    #[test]
    fn basic_credential_is_padded_standard_base64_of_pk_colon_sk() {
        let keys = pair("pk-lf-1234567890", "sk-lf-1234567890");
        let credential = BasicCredential::new(&keys);
        assert_eq!(
            credential.base64(),
            "cGstbGYtMTIzNDU2Nzg5MDpzay1sZi0xMjM0NTY3ODkw"
        );
        assert_eq!(
            credential.header_value().expose_secret(),
            "Basic cGstbGYtMTIzNDU2Nzg5MDpzay1sZi0xMjM0NTY3ODkw"
        );
        assert_eq!(format!("{credential:?}"), "BasicCredential(<redacted>)");
    }

    #[test]
    fn basic_pair_reads_the_keys_back() {
        let keys = pair("pk-lf-a", "sk-lf-b:c");
        let header = BasicCredential::new(&keys).header_value();
        let decoded = basic_pair(header.expose_secret()).unwrap();
        assert_eq!(*decoded, ("pk-lf-a".to_string(), "sk-lf-b:c".to_string()));
        assert!(basic_pair("Bearer x").is_none());
        assert!(basic_pair("Basic !!").is_none());
        assert!(basic_pair("Basic cGs=").is_none(), "no colon");
    }

    #[test]
    fn encodes_space_plus_and_keeps_padding_and_slash() {
        assert_eq!(encode_header_value("Basic ab+c/d=="), "Basic%20ab%2Bc/d==");
        assert_eq!(encode_header_value("100%"), "100%25");
        assert_eq!(encode_header_value("a,b;c\"d\\e"), "a%2Cb%3Bc%22d%5Ce");
        assert_eq!(encode_header_value("é"), "%C3%A9");
        assert_eq!(encode_header_value("\t"), "%09");
    }

    #[test]
    fn encodes_a_list_in_order() {
        let list = encode_header_list([
            (AUTHORIZATION, "Basic YWI+Yz8="),
            (INGESTION_VERSION_HEADER, "4"),
        ]);
        assert_eq!(
            list,
            "Authorization=Basic%20YWI%2BYz8=,x-langfuse-ingestion-version=4"
        );
    }

    #[test]
    fn decodes_what_it_encodes() {
        let decoded =
            decode_header_list("Authorization=Basic%20YWI%2BYz8=,x-langfuse-ingestion-version=4")
                .unwrap();
        assert_eq!(
            find_header(&decoded, "authorization"),
            Some("Basic YWI+Yz8=")
        );
        assert_eq!(
            find_header(&decoded, "X-Langfuse-Ingestion-Version"),
            Some("4")
        );
    }

    #[test]
    fn decoder_accepts_optional_whitespace_and_empty_members() {
        let decoded = decode_header_list(" a = 1 ,\tb=2,, ").unwrap();
        assert_eq!(
            decoded,
            vec![
                DecodedHeader {
                    name: "a".into(),
                    value: "1".into()
                },
                DecodedHeader {
                    name: "b".into(),
                    value: "2".into()
                },
            ]
        );
    }

    #[test]
    fn decoder_names_each_malformation() {
        assert_eq!(
            decode_header_list("Authorization=Basic abc").unwrap_err(),
            HeaderListError::UnencodedCharacter {
                index: 1,
                position: 6
            }
        );
        assert_eq!(
            decode_header_list("x=1,Authorization").unwrap_err(),
            HeaderListError::MissingEquals { index: 2 }
        );
        assert_eq!(
            decode_header_list("=abc").unwrap_err(),
            HeaderListError::BadName { index: 1 }
        );
        assert_eq!(
            decode_header_list("a b=abc").unwrap_err(),
            HeaderListError::BadName { index: 1 }
        );
        for bad in ["a=%", "a=%2", "a=%zz", "a=x%4"] {
            assert_eq!(
                decode_header_list(bad).unwrap_err(),
                HeaderListError::BadEscape { index: 1 },
                "{bad}"
            );
        }
        assert_eq!(
            decode_header_list("a=%FF").unwrap_err(),
            HeaderListError::NotUtf8 { index: 1 }
        );
    }

    #[test]
    fn the_dropping_decoder_keeps_the_good_entries_like_otel_python() {
        let (headers, dropped) =
            decode_header_list_dropping("Authorization=Basic abc,x-langfuse-ingestion-version=4");
        assert_eq!(find_header(&headers, AUTHORIZATION), None);
        assert_eq!(find_header(&headers, INGESTION_VERSION_HEADER), Some("4"));
        assert_eq!(
            dropped,
            vec![HeaderListError::UnencodedCharacter {
                index: 1,
                position: 6
            }]
        );
        let (headers, dropped) = decode_header_list_dropping("a=1,b,c=%zz,d=2");
        assert_eq!(headers.len(), 2);
        assert_eq!(
            dropped,
            vec![
                HeaderListError::MissingEquals { index: 2 },
                HeaderListError::BadEscape { index: 3 }
            ]
        );
    }

    #[test]
    fn quote_plus_form_decodes_to_a_plus_not_a_space() {
        // What `urllib.parse.quote_plus` produces: the SDKs read a literal `+`.
        let decoded = decode_header_list("Authorization=Basic+YWJj").unwrap();
        assert_eq!(find_header(&decoded, AUTHORIZATION), Some("Basic+YWJj"));
    }

    #[test]
    fn decoded_header_debug_hides_credentials() {
        let decoded = decode_header_list("Authorization=Basic%20c2VjcmV0,x=1").unwrap();
        let debug = format!("{decoded:?}");
        assert!(!debug.contains("c2VjcmV0"), "{debug}");
        assert!(debug.contains("x: 1"));
    }

    proptest::proptest! {
        #[test]
        fn decode_encode_round_trips_the_exact_header(
            pk_body in "[!-9;-~]{1,48}",
            sk_body in "[!-~]{1,48}",
        ) {
            let keys = pair(&format!("pk-lf-{pk_body}"), &format!("sk-lf-{sk_body}"));
            let header = BasicCredential::new(&keys).header_value();
            let list = encode_header_list([
                (AUTHORIZATION, header.expose_secret()),
                (INGESTION_VERSION_HEADER, "4"),
            ]);
            let decoded = decode_header_list(&list).unwrap();
            proptest::prop_assert_eq!(decoded.len(), 2);
            proptest::prop_assert_eq!(find_header(&decoded, AUTHORIZATION), Some(header.expose_secret()));
            // Base64 octets other than `+` travel raw; the only escapes are the space and `+`.
            let encoded = list.split(',').next().unwrap();
            proptest::prop_assert!(encoded.starts_with("Authorization=Basic%20"));
            proptest::prop_assert!(!encoded.contains('+') && !encoded.contains(' '));
        }

        #[test]
        fn decode_encode_round_trips_any_text(value in "\\PC{0,40}") {
            let list = encode_header_list([("h", value.as_str())]);
            let decoded = decode_header_list(&list).unwrap();
            // The decoder trims optional whitespace around `=`, which the encoder always escapes.
            proptest::prop_assert_eq!(find_header(&decoded, "h"), Some(value.as_str()));
        }
    }

    #[test]
    fn extra_headers_are_checked_and_secret_ones_hidden() {
        // Every value is a secret, whatever the proxy named its header.
        let id = ExtraHeader::parse("CF-Access-Client-Id = abc.access ").unwrap();
        assert_eq!(
            (id.name(), id.expose(), id.is_secret(), id.shown()),
            ("CF-Access-Client-Id", "abc.access", true, REDACTED)
        );
        for secret in [
            "CF-Access-Client-Secret=x",
            "X-Api-Key=x",
            "Proxy-Authorization=Bearer x",
            "X-Auth-Token=x",
            "Cookie=a=b",
            "X-Tenant=sk-lf-0000aaaa",
        ] {
            let header = ExtraHeader::parse(secret).unwrap();
            assert!(header.is_secret(), "{secret}");
            assert_eq!(header.shown(), REDACTED);
            assert!(!format!("{header:?}").contains("=x"), "{header:?}");
        }
        assert_eq!(ExtraHeader::parse("X-Tenant=a=b").unwrap().expose(), "a=b");
        assert!(matches!(
            ExtraHeader::parse("authorization=x"),
            Err(ExtraHeaderError::Reserved(_))
        ));
        assert!(matches!(
            ExtraHeader::parse("X-Langfuse-Ingestion-Version=5"),
            Err(ExtraHeaderError::Reserved(_))
        ));
        assert!(matches!(
            ExtraHeader::parse("X%41=1"),
            Err(ExtraHeaderError::BadName(_))
        ));
        assert!(matches!(
            ExtraHeader::parse("X-A=caf\u{e9}"),
            Err(ExtraHeaderError::BadValue(_))
        ));
        assert!(matches!(
            ExtraHeader::parse("X-A=a\r\nX-B: 1"),
            Err(ExtraHeaderError::BadValue(_))
        ));
        assert!(matches!(
            ExtraHeader::parse("X-A= "),
            Err(ExtraHeaderError::EmptyValue(_))
        ));
        let twice = [
            ExtraHeader::parse("X-A=1").unwrap(),
            ExtraHeader::parse("x-a=2").unwrap(),
        ];
        assert!(matches!(
            check_extra_headers(&twice),
            Err(ExtraHeaderError::Duplicate(_))
        ));
        assert!(ExtraHeader::parse("X_Tenant=1").unwrap().note().is_some());
    }

    #[test]
    fn extra_headers_round_trip_through_the_list_encoder() {
        let headers = [
            ExtraHeader::parse("X-A=a b,c;d\\e%f+g\"h=").unwrap(),
            ExtraHeader::parse("X-B=~!#$&'()*").unwrap(),
        ];
        let list = encode_header_list(
            std::iter::once((AUTHORIZATION, "Basic abc="))
                .chain(headers.iter().map(|h| (h.name(), h.expose()))),
        );
        assert_eq!(extra_headers_in(&list), headers);
    }

    /// Why a strict parser drops a header list, in Chinese with the entry and position kept.
    #[test]
    fn header_list_errors_read_in_chinese() {
        use crate::core::i18n::{Lang, assert_chinese, with_language};
        for (list, kept) in [
            ("Authorization", vec!["1", "`=`"]),
            ("a=b,=c", vec!["2"]),
            ("Authorization=Basic abc", vec!["1", "6"]),
            ("Authorization=Basic%2", vec!["1", "`%`"]),
            ("a=%FF", vec!["1", "UTF-8"]),
        ] {
            let english = with_language(Lang::En, || {
                decode_header_list(list).unwrap_err().to_string()
            });
            let chinese = with_language(Lang::ZhCn, || {
                decode_header_list(list).unwrap_err().to_string()
            });
            assert!(english.starts_with("entry "), "{english}");
            assert_chinese(&chinese, &kept);
        }
    }
}
