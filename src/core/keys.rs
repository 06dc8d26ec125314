//! Langfuse API keys: cleaning what users paste, validation, and a secret type that never prints.
//!
//! Errors never contain the key itself: a secret pasted into the public-key field must not end up on
//! screen through an error message.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::tr;

pub const PUBLIC_PREFIX: &str = "pk-lf-";
pub const SECRET_PREFIX: &str = "sk-lf-";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    Public,
    Secret,
}

impl KeyKind {
    /// The selector the messages choose the key's name with (`public` or `secret`).
    fn noun(self) -> &'static str {
        match self {
            KeyKind::Public => "public",
            KeyKind::Secret => "secret",
        }
    }
    fn prefix(self) -> &'static str {
        match self {
            KeyKind::Public => PUBLIC_PREFIX,
            KeyKind::Secret => SECRET_PREFIX,
        }
    }
    fn env_name(self) -> &'static str {
        match self {
            KeyKind::Public => "LANGFUSE_PUBLIC_KEY",
            KeyKind::Secret => "LANGFUSE_SECRET_KEY",
        }
    }
}

/// A Langfuse public key (`pk-lf-...`). Not secret: shown in full.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PublicKey(String);

impl PublicKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.0)
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Langfuse secret key (`sk-lf-...`). Zeroed on drop; `Debug` and [`SecretKey::masked`] never
/// show more than the last four characters, which is what Langfuse's own UI shows.
#[derive(Clone)]
pub struct SecretKey(SecretString);

impl SecretKey {
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// `sk-lf-...abcd`: the form Langfuse lists keys in, so users can tell which key this is.
    pub fn masked(&self) -> String {
        mask_secret(self.expose())
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey({})", self.masked())
    }
}

impl PartialEq for SecretKey {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

/// Whether a value has a secret key in it (`sk-lf-`, any case), wherever it stands: a key pasted
/// into the wrong variable is as secret as in its own.
pub fn contains_secret_key(value: &str) -> bool {
    value.to_ascii_lowercase().contains(SECRET_PREFIX)
}

/// `sk-lf-...abcd`, or `sk-lf-...` when the secret is too short to show any of it safely.
pub fn mask_secret(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    let prefix = if secret.starts_with(SECRET_PREFIX) {
        SECRET_PREFIX
    } else {
        ""
    };
    let body = chars.len() - prefix.len();
    // Showing 4 of fewer than 16 characters would give away too much of the key.
    if body >= 16 {
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("{prefix}...{tail}")
    } else {
        format!("{prefix}...")
    }
}

#[derive(Clone, Debug)]
pub struct KeyPair {
    pub public: PublicKey,
    pub secret: SecretKey,
}

/// Something cleaning changed in a pasted key, to be told to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyNote {
    TrimmedWhitespace(KeyKind),
    RemovedQuotes(KeyKind),
    RemovedAssignment(KeyKind),
}

impl fmt::Display for KeyNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyNote::TrimmedWhitespace(kind) => {
                f.write_str(&tr!("core-key-note-trimmed", kind = kind.noun()))
            }
            KeyNote::RemovedQuotes(kind) => {
                f.write_str(&tr!("core-key-note-unquoted", kind = kind.noun()))
            }
            KeyNote::RemovedAssignment(kind) => f.write_str(&tr!(
                "core-key-note-assignment",
                variable = kind.env_name(),
                kind = kind.noun()
            )),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    Empty(KeyKind),
    Swapped,
    SecretInPublicField,
    PublicInSecretField,
    WrongPrefix(KeyKind),
    OnlyPrefix(KeyKind),
    InnerWhitespace { kind: KeyKind, position: usize },
    ControlCharacter { kind: KeyKind, position: usize },
    NonAscii { kind: KeyKind, position: usize },
    ColonInPublicKey(usize),
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            KeyError::Empty(kind) => tr!("core-key-empty", kind = kind.noun()),
            KeyError::Swapped => tr!("core-key-swapped"),
            KeyError::SecretInPublicField => tr!("core-key-secret-in-public-field"),
            KeyError::PublicInSecretField => tr!("core-key-public-in-secret-field"),
            KeyError::WrongPrefix(kind) => tr!(
                "core-key-wrong-prefix",
                kind = kind.noun(),
                prefix = kind.prefix()
            ),
            KeyError::OnlyPrefix(kind) => tr!(
                "core-key-only-prefix",
                kind = kind.noun(),
                prefix = kind.prefix()
            ),
            KeyError::InnerWhitespace { kind, position } => tr!(
                "core-key-inner-whitespace",
                kind = kind.noun(),
                position = *position
            ),
            KeyError::ControlCharacter { kind, position } => tr!(
                "core-key-control-character",
                kind = kind.noun(),
                position = *position
            ),
            KeyError::NonAscii { kind, position } => tr!(
                "core-key-non-ascii",
                kind = kind.noun(),
                position = *position
            ),
            KeyError::ColonInPublicKey(position) => {
                tr!("core-key-colon-in-public-key", position = *position)
            }
        })
    }
}

/// Cleans and validates a pasted public key.
pub fn parse_public_key(input: &str) -> Result<(PublicKey, Vec<KeyNote>), KeyError> {
    let (cleaned, notes) = clean(input, KeyKind::Public)?;
    if cleaned.starts_with(SECRET_PREFIX) {
        return Err(KeyError::SecretInPublicField);
    }
    check_shape(&cleaned, KeyKind::Public)?;
    if let Some(index) = cleaned.find(':') {
        return Err(KeyError::ColonInPublicKey(index + 1));
    }
    Ok((PublicKey(cleaned.to_string()), notes))
}

/// Cleans and validates a pasted secret key.
pub fn parse_secret_key(input: &str) -> Result<(SecretKey, Vec<KeyNote>), KeyError> {
    let (cleaned, notes) = clean(input, KeyKind::Secret)?;
    if cleaned.starts_with(PUBLIC_PREFIX) {
        return Err(KeyError::PublicInSecretField);
    }
    check_shape(&cleaned, KeyKind::Secret)?;
    Ok((SecretKey(SecretString::from(cleaned.to_string())), notes))
}

/// Validates both keys together, so a swapped pair is named as such rather than as two errors.
pub fn parse_key_pair(public: &str, secret: &str) -> Result<(KeyPair, Vec<KeyNote>), KeyError> {
    let public_clean = clean(public, KeyKind::Public).map(|(s, _)| s);
    let secret_clean = clean(secret, KeyKind::Secret).map(|(s, _)| s);
    if let (Ok(p), Ok(s)) = (&public_clean, &secret_clean)
        && p.starts_with(SECRET_PREFIX)
        && s.starts_with(PUBLIC_PREFIX)
    {
        return Err(KeyError::Swapped);
    }
    let (public, mut notes) = parse_public_key(public)?;
    let (secret, secret_notes) = parse_secret_key(secret)?;
    notes.extend(secret_notes);
    Ok((KeyPair { public, secret }, notes))
}

/// Strips what surrounds a key when it is pasted from a terminal, a .env or Langfuse's snippet:
/// whitespace, `export NAME=` / `NAME = ` and one pair of quotes.
fn clean(input: &str, kind: KeyKind) -> Result<(Zeroizing<String>, Vec<KeyNote>), KeyError> {
    let mut notes = Vec::new();
    let mut rest = input.trim();
    if rest.len() != input.len() {
        notes.push(KeyNote::TrimmedWhitespace(kind));
    }
    let without_export = rest.strip_prefix("export ").map(str::trim_start);
    for name in ["LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY"] {
        if let Some(after) = without_export.unwrap_or(rest).strip_prefix(name)
            && let Some(value) = after.trim_start().strip_prefix('=')
        {
            rest = value.trim();
            notes.push(KeyNote::RemovedAssignment(kind));
            break;
        }
    }
    for quote in ['"', '\'', '`'] {
        if rest.len() >= 2 && rest.starts_with(quote) && rest.ends_with(quote) {
            rest = rest[1..rest.len() - 1].trim();
            notes.push(KeyNote::RemovedQuotes(kind));
            break;
        }
    }
    if rest.is_empty() {
        return Err(KeyError::Empty(kind));
    }
    Ok((Zeroizing::new(rest.to_string()), notes))
}

fn check_shape(key: &str, kind: KeyKind) -> Result<(), KeyError> {
    for (index, c) in key.chars().enumerate() {
        let position = index + 1;
        if c.is_whitespace() {
            return Err(KeyError::InnerWhitespace { kind, position });
        }
        if c.is_control() {
            return Err(KeyError::ControlCharacter { kind, position });
        }
        if !c.is_ascii() {
            return Err(KeyError::NonAscii { kind, position });
        }
    }
    if !key.starts_with(kind.prefix()) {
        return Err(KeyError::WrongPrefix(kind));
    }
    if key.len() == kind.prefix().len() {
        return Err(KeyError::OnlyPrefix(kind));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PK: &str = "pk-lf-1c5d8a3e-0f3b-4c59-9d1a-5b8f2e7c4a10";
    const SK: &str = "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b";

    #[test]
    fn accepts_real_shaped_keys_unchanged() {
        let (pair, notes) = parse_key_pair(PK, SK).unwrap();
        assert_eq!(pair.public.as_str(), PK);
        assert_eq!(pair.secret.expose(), SK);
        assert!(notes.is_empty());
    }

    #[test]
    fn accepts_short_self_hosted_init_keys() {
        let (pair, _) = parse_key_pair("pk-lf-1234567890", "sk-lf-1234567890").unwrap();
        assert_eq!(pair.public.as_str(), "pk-lf-1234567890");
    }

    #[test]
    fn cleans_pasted_noise_and_says_what_it_did() {
        let (key, notes) = parse_public_key(&format!("  \"{PK}\"\n")).unwrap();
        assert_eq!(key.as_str(), PK);
        assert_eq!(
            notes,
            vec![
                KeyNote::TrimmedWhitespace(KeyKind::Public),
                KeyNote::RemovedQuotes(KeyKind::Public)
            ]
        );
        let (key, notes) = parse_secret_key(&format!("LANGFUSE_SECRET_KEY = \"{SK}\"")).unwrap();
        assert_eq!(key.expose(), SK);
        assert_eq!(
            notes,
            vec![
                KeyNote::RemovedAssignment(KeyKind::Secret),
                KeyNote::RemovedQuotes(KeyKind::Secret)
            ]
        );
        let (key, _) = parse_secret_key(&format!("export LANGFUSE_SECRET_KEY='{SK}'")).unwrap();
        assert_eq!(key.expose(), SK);
        let (key, _) = parse_secret_key(&format!("`{SK}`")).unwrap();
        assert_eq!(key.expose(), SK);
    }

    #[test]
    fn names_a_swapped_pair_as_swapped() {
        assert_eq!(parse_key_pair(SK, PK).unwrap_err(), KeyError::Swapped);
        assert_eq!(
            parse_key_pair(&format!(" '{SK}' "), &format!("{PK}\n")).unwrap_err(),
            KeyError::Swapped
        );
    }

    #[test]
    fn names_a_key_in_the_wrong_field() {
        assert_eq!(
            parse_key_pair(SK, SK).unwrap_err(),
            KeyError::SecretInPublicField
        );
        assert_eq!(
            parse_key_pair(PK, PK).unwrap_err(),
            KeyError::PublicInSecretField
        );
    }

    #[test]
    fn rejects_bad_shapes_with_positions() {
        assert_eq!(
            parse_public_key("   ").unwrap_err(),
            KeyError::Empty(KeyKind::Public)
        );
        assert_eq!(
            parse_secret_key("\"\"").unwrap_err(),
            KeyError::Empty(KeyKind::Secret)
        );
        assert_eq!(
            parse_public_key("pk-lf-12 34").unwrap_err(),
            KeyError::InnerWhitespace {
                kind: KeyKind::Public,
                position: 9
            }
        );
        assert_eq!(
            parse_secret_key("sk-lf-12\u{7}34").unwrap_err(),
            KeyError::ControlCharacter {
                kind: KeyKind::Secret,
                position: 9
            }
        );
        assert_eq!(
            parse_secret_key("sk-lf-12\u{200b}34").unwrap_err(),
            KeyError::NonAscii {
                kind: KeyKind::Secret,
                position: 9
            }
        );
        assert_eq!(
            parse_public_key("\u{201c}pk-lf-1234\u{201d}").unwrap_err(),
            KeyError::NonAscii {
                kind: KeyKind::Public,
                position: 1
            }
        );
        assert_eq!(
            parse_public_key("lf-1234").unwrap_err(),
            KeyError::WrongPrefix(KeyKind::Public)
        );
        assert_eq!(
            parse_secret_key("sk-1234").unwrap_err(),
            KeyError::WrongPrefix(KeyKind::Secret)
        );
        assert_eq!(
            parse_public_key("pk-lf-").unwrap_err(),
            KeyError::OnlyPrefix(KeyKind::Public)
        );
        assert_eq!(
            parse_public_key("pk-lf-ab:cd").unwrap_err(),
            KeyError::ColonInPublicKey(9)
        );
        // A colon in the secret is fine: the server splits on the first colon only.
        assert!(parse_secret_key("sk-lf-ab:cd").is_ok());
    }

    #[test]
    fn errors_never_contain_the_key() {
        let secret = "sk-lf-supersecretvalue0001";
        let cases = [
            parse_key_pair(secret, "pk-lf-x").unwrap_err(),
            parse_key_pair(secret, secret).unwrap_err(),
            parse_secret_key("sk-lf-supersecret value0001").unwrap_err(),
            parse_secret_key("xx-lf-supersecretvalue0001").unwrap_err(),
        ];
        for error in cases {
            let message = error.to_string();
            assert!(!message.contains("supersecret"), "{message}");
        }
    }

    #[test]
    fn secret_never_prints() {
        let (key, _) = parse_secret_key(SK).unwrap();
        let debug = format!("{key:?}");
        assert_eq!(debug, "SecretKey(sk-lf-...3f4b)");
        let (pair, _) = parse_key_pair(PK, SK).unwrap();
        let debug = format!("{pair:?}");
        assert!(!debug.contains(SK), "{debug}");
        assert!(debug.contains(PK));
    }

    #[test]
    fn secret_keys_are_equal_when_their_text_is() {
        let key = |text: &str| parse_secret_key(text).unwrap().0;
        assert_eq!(key(SK), key(SK));
        assert_eq!(key(SK), key(&format!(" {SK}\n")));
        assert_ne!(key(SK), key("sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4c"));
        let (first, _) = parse_key_pair(PK, SK).unwrap();
        let (second, _) = parse_key_pair(PK, SK).unwrap();
        assert!(first.secret == second.secret);
    }

    #[test]
    fn a_public_key_shows_in_full() {
        let (key, _) = parse_public_key(PK).unwrap();
        assert_eq!(key.to_string(), PK);
        assert_eq!(format!("{key:?}"), format!("PublicKey({PK})"));
        assert_eq!(key.as_str(), PK);
    }

    #[test]
    fn masking_matches_langfuse_display_and_hides_short_secrets() {
        assert_eq!(mask_secret(SK), "sk-lf-...3f4b");
        assert_eq!(mask_secret("sk-lf-1234567890"), "sk-lf-...");
        assert_eq!(mask_secret("sk-lf-"), "sk-lf-...");
        assert_eq!(mask_secret("abcdefghijklmnopqrst"), "...qrst");
    }

    #[test]
    fn notes_read_well() {
        assert_eq!(
            KeyNote::RemovedAssignment(KeyKind::Secret).to_string(),
            "pasted as `LANGFUSE_SECRET_KEY=...`: kept only the secret key"
        );
        assert_eq!(
            KeyError::WrongPrefix(KeyKind::Public).to_string(),
            "the public key does not start with `pk-lf-`: Langfuse public keys look like `pk-lf-1234...`; copy it again from Project settings → API keys"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_printable_ascii_body_is_accepted_verbatim(body in "[!-9;-~]{1,64}") {
            let public = format!("pk-lf-{body}");
            let secret = format!("sk-lf-{body}");
            let wrapped_public = format!(" \"{public}\"\r\n");
            let (pair, _) = parse_key_pair(&wrapped_public, &secret).unwrap();
            proptest::prop_assert_eq!(pair.public.as_str(), public.as_str());
            proptest::prop_assert_eq!(pair.secret.expose(), secret.as_str());
        }
    }

    /// Key errors and notes in Chinese: 公钥 / 私钥 named as the glossary says, positions kept,
    /// and never the key itself.
    #[test]
    fn key_messages_read_in_chinese() {
        use crate::core::i18n::{Lang, assert_chinese, with_language};
        let zh = |public: &str, secret: &str| {
            with_language(Lang::ZhCn, || {
                parse_key_pair(public, secret).unwrap_err().to_string()
            })
        };
        assert_chinese(&zh("", SK), &["公钥", "Project settings → API keys"]);
        assert_chinese(&zh(PK, ""), &["私钥"]);
        assert_chinese(&zh(SK, PK), &["sk-lf-", "pk-lf-"]);
        assert_chinese(
            &zh("xx-lf-1234567890", SK),
            &["公钥", "`pk-lf-`", "pk-lf-1234..."],
        );
        assert_chinese(&zh("pk-lf-", SK), &["`pk-lf-`"]);
        let inner = zh(PK, "sk-lf-supersecret value0001");
        assert_chinese(&inner, &["私钥", "18"]);
        assert!(!inner.contains("supersecret"), "{inner}");
        assert_chinese(&zh(PK, "sk-lf-abc\u{1}def"), &["私钥", "10"]);
        assert_chinese(&zh(PK, "sk-lf-abc\u{201c}def"), &["ASCII", "10"]);
        assert_chinese(&zh("pk-lf-ab:cd", SK), &["`:`", "9"]);
        let note = with_language(Lang::ZhCn, || {
            let (_, notes) = parse_secret_key(&format!("LANGFUSE_SECRET_KEY=\"{SK}\"")).unwrap();
            notes.iter().map(ToString::to_string).collect::<Vec<_>>()
        });
        assert!(
            note.iter().any(|n| n.contains("`LANGFUSE_SECRET_KEY=...`")),
            "{note:?}"
        );
        for n in &note {
            assert_chinese(n, &["私钥"]);
        }
    }
}
