//! Writing values that python-dotenv, Node `dotenv`, Rust `dotenvy` and docker compose all read
//! back as the same string.
//!
//! Unquoted is the one form all four agree on exactly, as long as the value has no space, `#`,
//! `$`, quote or backslash. Single quotes are the next most portable: none of the four escapes
//! inside them except python-dotenv (`\\` and `\'`), and python-dotenv still expands `${...}` in
//! them. Everything else (double quotes, escapes) is read differently by at least two of the four,
//! so such values are refused rather than written in a form some client would misread.

use std::borrow::Cow;

use crate::tr;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UnportableValue {
    ControlCharacter,
    QuoteOrBackslash,
    Interpolation,
}

impl std::fmt::Display for UnportableValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            UnportableValue::ControlCharacter => tr!("core-dotenv-unportable-control"),
            UnportableValue::QuoteOrBackslash => tr!("core-dotenv-unportable-quote"),
            UnportableValue::Interpolation => tr!("core-dotenv-unportable-interpolation"),
        })
    }
}

/// The characters that make an unquoted value read differently between the four dialects: the
/// specials, and every character Python's or JavaScript's `\s` matches (python-dotenv and Node
/// dotenv trim them from the ends of an unquoted value, dotenvy stops at them).
fn needs_quotes(c: char) -> bool {
    matches!(c, ' ' | '#' | '$' | '\'' | '"' | '`' | '\\')
        || super::readers::python::is_space(c)
        || super::readers::node::is_space(c)
}

/// Returns the value as it should appear after `KEY=`.
pub fn quote_value(value: &str) -> Result<Cow<'_, str>, UnportableValue> {
    if value.chars().any(char::is_control) {
        return Err(UnportableValue::ControlCharacter);
    }
    if !value.chars().any(needs_quotes) {
        return Ok(Cow::Borrowed(value));
    }
    if value.contains('\'') || value.contains('\\') {
        return Err(UnportableValue::QuoteOrBackslash);
    }
    if value.contains("${") {
        return Err(UnportableValue::Interpolation);
    }
    Ok(Cow::Owned(format!("'{value}'")))
}

/// Reads back a value written by [`quote_value`], or a plainly quoted one (no escapes inside):
/// `None` when the raw text is not in one of those forms.
pub fn unquote_simple(raw: &str) -> Option<&str> {
    for quote in ['\'', '"'] {
        if let Some(inner) = raw.strip_prefix(quote) {
            let inner = inner.strip_suffix(quote)?;
            let plain = !inner.contains(quote) && !inner.contains('\\');
            let expands = quote == '"' && inner.contains('$');
            return (plain && !expands).then_some(inner);
        }
    }
    let plain = !raw.chars().any(|c| needs_quotes(c) || c.is_control());
    plain.then_some(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_stay_unquoted() {
        for value in [
            "",
            "https://cloud.langfuse.com/api/public/otel",
            "Authorization=Basic%20cGstbGYt+/==,x-langfuse-ingestion-version=4",
            "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b",
            "http/protobuf",
            "a=b=c",
            "é",
        ] {
            assert_eq!(quote_value(value).unwrap(), value);
        }
    }

    #[test]
    fn values_with_specials_get_single_quotes() {
        assert_eq!(quote_value("a b").unwrap(), "'a b'");
        assert_eq!(quote_value("a#b").unwrap(), "'a#b'");
        assert_eq!(quote_value("cost $5").unwrap(), "'cost $5'");
        assert_eq!(quote_value("say \"hi\"").unwrap(), "'say \"hi\"'");
        assert_eq!(quote_value(" lead").unwrap(), "' lead'");
    }

    #[test]
    fn refuses_what_no_quoting_makes_portable() {
        assert_eq!(quote_value("a\nb"), Err(UnportableValue::ControlCharacter));
        assert_eq!(quote_value("a\tb"), Err(UnportableValue::ControlCharacter));
        assert_eq!(quote_value("it's"), Err(UnportableValue::QuoteOrBackslash));
        assert_eq!(quote_value("a\\b"), Err(UnportableValue::QuoteOrBackslash));
        assert_eq!(quote_value("${HOME}"), Err(UnportableValue::Interpolation));
    }

    #[test]
    fn unquote_reads_back_what_quote_writes() {
        for value in ["", "plain", "a b", "a#b", "$x", "x\"y"] {
            let quoted = quote_value(value).unwrap();
            assert_eq!(unquote_simple(&quoted), Some(value), "{quoted}");
        }
        assert_eq!(unquote_simple("\"abc\""), Some("abc"));
        assert_eq!(unquote_simple("\"a$b\""), None);
        assert_eq!(unquote_simple("'a\\b'"), None);
        assert_eq!(unquote_simple("a b"), None);
        assert_eq!(unquote_simple("'abc"), None);
    }

    proptest::proptest! {
        /// Judged by the reader grammars (each checked against its real reader in
        /// tests/dialects.rs), not by `unquote_simple`.
        #[test]
        fn every_reader_reads_back_what_is_written(value in "\\PC{0,30}|[ \t\u{a0}\u{2028}\u{3000}#$'\"`\\\\a=]{0,12}") {
            if let Ok(quoted) = quote_value(&value) {
                let line = format!("K={quoted}\n");
                for reader in crate::core::dotenv::readers::Reader::ALL {
                    let loaded = crate::core::dotenv::readers::Loaded::read(&line, reader);
                    proptest::prop_assert_eq!(loaded.get("K"), Some(value.as_str()), "{}: {}", reader.name(), line);
                }
            }
        }
    }
}
