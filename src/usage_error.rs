//! clap's usage errors (`unexpected argument`, `invalid value`, ...) in the user's language.
//!
//! clap words its errors in English only. [`localized`] rewrites them from the error's own
//! context (the argument, the value, the suggestions, the usage line), the way clap's
//! `RichFormatter` lays them out; what it has no words for is left to clap.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::core::i18n::{self, Lang};
use crate::tr;

/// The error as the user's language says it, or `None` where clap's own text is the right one:
/// English, help and version (their texts are already translated), and kinds without context.
pub fn localized(error: &clap::Error) -> Option<String> {
    if i18n::language() == Lang::En {
        return None;
    }
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(value)) => Some(value.clone()),
        _ => None,
    };
    let number = |kind| match error.get(kind) {
        Some(ContextValue::Number(value)) => Some(*value),
        _ => None,
    };
    let list = |kind| match error.get(kind) {
        Some(ContextValue::Strings(values)) => values.clone(),
        Some(ContextValue::String(value)) => vec![value.clone()],
        _ => Vec::new(),
    };
    let mut message = match error.kind() {
        ErrorKind::UnknownArgument => tr!(
            "usage-unknown-argument",
            argument = text(ContextKind::InvalidArg)?
        ),
        ErrorKind::InvalidSubcommand => {
            tr!(
                "usage-unknown-subcommand",
                subcommand = text(ContextKind::InvalidSubcommand)?
            )
        }
        ErrorKind::InvalidValue => {
            let argument = text(ContextKind::InvalidArg)?;
            let value = text(ContextKind::InvalidValue)?;
            let mut message = if value.is_empty() {
                tr!("usage-value-missing", argument = argument)
            } else {
                tr!("usage-invalid-value", value = value, argument = argument)
            };
            let valid = list(ContextKind::ValidValue);
            if !valid.is_empty() {
                message.push_str("\n  ");
                message.push_str(&tr!("usage-possible-values", values = valid.join(", ")));
            }
            message
        }
        ErrorKind::ValueValidation => {
            let argument = text(ContextKind::InvalidArg)?;
            let value = text(ContextKind::InvalidValue)?;
            let mut message = tr!("usage-invalid-value", value = value, argument = argument);
            if let Some(source) = std::error::Error::source(error) {
                message.push_str(&tr!("usage-because", reason = source.to_string()));
            }
            message
        }
        ErrorKind::ArgumentConflict => {
            let argument = text(ContextKind::InvalidArg)?;
            let prior = list(ContextKind::PriorArg);
            if prior.is_empty() || prior == [argument.clone()] {
                tr!("usage-used-twice", argument = argument)
            } else {
                tr!(
                    "usage-conflict",
                    argument = argument,
                    others = prior.join("’、‘")
                )
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = list(ContextKind::InvalidArg);
            if missing.is_empty() {
                return None;
            }
            let mut message = tr!("usage-missing-arguments");
            for argument in missing {
                message.push_str("\n  ");
                message.push_str(&argument);
            }
            message
        }
        ErrorKind::MissingSubcommand => {
            let mut message = tr!(
                "usage-missing-subcommand",
                command = text(ContextKind::InvalidSubcommand)?
            );
            let valid = list(ContextKind::ValidSubcommand);
            if !valid.is_empty() {
                message.push_str("\n  ");
                message.push_str(&tr!("usage-subcommands", values = valid.join(", ")));
            }
            message
        }
        ErrorKind::NoEquals => tr!("usage-no-equals", argument = text(ContextKind::InvalidArg)?),
        ErrorKind::TooManyValues => tr!(
            "usage-too-many-values",
            value = text(ContextKind::InvalidValue)?,
            argument = text(ContextKind::InvalidArg)?
        ),
        ErrorKind::TooFewValues => tr!(
            "usage-too-few-values",
            expected = number(ContextKind::MinValues)?,
            actual = number(ContextKind::ActualNumValues)?,
            argument = text(ContextKind::InvalidArg)?
        ),
        ErrorKind::WrongNumberOfValues => tr!(
            "usage-wrong-number-of-values",
            expected = number(ContextKind::ExpectedNumValues)?,
            actual = number(ContextKind::ActualNumValues)?,
            argument = text(ContextKind::InvalidArg)?
        ),
        ErrorKind::InvalidUtf8 => tr!("usage-invalid-utf8"),
        _ => return None,
    };
    let mut tips = Vec::new();
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "subcommand"),
        (ContextKind::SuggestedArg, "argument"),
        (ContextKind::SuggestedValue, "value"),
    ] {
        let similar = list(kind);
        if !similar.is_empty() {
            let similar = similar.join(&tr!("usage-list-separator"));
            tips.push(match what {
                "subcommand" => tr!("usage-similar-subcommand", similar = similar),
                "argument" => tr!("usage-similar-argument", similar = similar),
                _ => tr!("usage-similar-value", similar = similar),
            });
        }
    }
    if let Some(ContextValue::StyledStrs(suggestions)) = error.get(ContextKind::Suggested) {
        for suggestion in suggestions {
            // clap's only such tip: how to pass a value that looks like a flag.
            let suggestion = suggestion.to_string();
            tips.push(match suggestion.split('\'').nth(3) {
                Some(escaped) if suggestion.starts_with("to pass '") => {
                    tr!(
                        "usage-pass-as-value",
                        value = suggestion.split('\'').nth(1).unwrap_or(""),
                        escaped = escaped
                    )
                }
                _ => suggestion,
            });
        }
    }
    if !tips.is_empty() {
        message.push('\n');
        for tip in tips {
            message.push_str("\n  ");
            message.push_str(&tr!("usage-tip", tip = tip));
        }
    }
    let mut out = tr!("usage-error", message = message);
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage:").unwrap_or(&usage).trim_start();
        out.push_str("\n\n");
        out.push_str(&tr!("usage-line", usage = usage));
    }
    out.push_str("\n\n");
    out.push_str(&tr!("usage-more"));
    out.push('\n');
    Some(out)
}
