//! Variables as text for where teams run them: a Kubernetes Secret manifest, an env file for
//! `docker run --env-file`, and lines for GitHub Actions' `$GITHUB_ENV`. (Dotenv quoting is in
//! [`crate::core::dotenv`]; shell quoting beside the `encode` command.)
//!
//! Each writer follows the reader it is for, read from that reader's source:
//! - Kubernetes: YAML, read by YAML 1.1 and 1.2 parsers alike; every string is double-quoted with
//!   everything outside printable ASCII escaped, so no value can turn into a number, a boolean, a
//!   comment or a second key, whatever the parser's version.
//! - docker (`docker/cli` `pkg/kvfile`): one `KEY=VALUE` per line, split at the first `=`, the value
//!   kept byte for byte (no unquoting, no escapes), a line at most 64 KiB. Newer releases also drop
//!   one pair of matching quotes around a value; older ones keep them. A value that cannot be
//!   written so that every release reads it back exactly is refused.
//! - GitHub Actions (`actions/runner` `SetEnvFileCommand`): `NAME=value` lines split at the first
//!   `=`; a value with a line break goes in a `NAME<<DELIMITER` block ending at a line that is
//!   exactly the delimiter (chosen so no line of the value is). Windows runners also end a line at
//!   CR LF, so a value ending in CR is refused (its CR would be eaten), and a value line that is the
//!   delimiter followed by CR counts as taken.
//! - POSIX shells: `export NAME='value'`, everything literal inside single quotes.

use std::fmt;

use crate::tr_static;

/// A value one of these formats cannot carry exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unwritable {
    pub name: String,
    pub reason: &'static str,
}

impl fmt::Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.reason)
    }
}

/// docker's line limit (Go's `bufio.MaxScanTokenSize`), the line break included.
const DOCKER_MAX_LINE: usize = 64 * 1024;

/// The name of a Kubernetes object for a profile: a DNS-1123 subdomain (lower-case letters,
/// digits, `-` and `.`, starting and ending with a letter or digit, at most 253 characters).
pub fn k8s_name(profile: &str) -> String {
    let mut name: String = format!("langfuse-otel-{profile}")
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '-' | '.' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    name.truncate(253);
    let trimmed = name.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    trimmed.to_string()
}

/// A YAML double-quoted scalar holding exactly `value`, in printable ASCII only.
pub fn yaml_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// A `v1` Secret manifest with the variables as `stringData` (Kubernetes encodes them itself).
pub fn k8s_secret(name: &str, variables: &[(&str, &str)]) -> String {
    let mut out = String::from("apiVersion: v1\nkind: Secret\nmetadata:\n");
    out.push_str(&format!("  name: {}\n", yaml_quoted(name)));
    out.push_str("type: Opaque\nstringData:\n");
    if variables.is_empty() {
        out.truncate(out.len() - 1);
        out.push_str(" {}\n");
    }
    for (key, value) in variables {
        out.push_str(&format!("  {}: {}\n", yaml_quoted(key), yaml_quoted(value)));
    }
    out
}

/// POSIX single quoting: everything literal, a `'` written as `'\''`.
pub fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// Why docker would not read `value` back exactly, if it would not.
fn docker_problem(name: &str, value: &str) -> Option<&'static str> {
    if value.contains('\n') {
        return Some(tr_static!("core-export-docker-multi-line"));
    }
    if value.ends_with('\r') {
        return Some(tr_static!("core-export-docker-trailing-cr"));
    }
    if value.contains('\0') {
        return Some(tr_static!("core-export-nul"));
    }
    let bytes = value.as_bytes();
    if bytes.len() >= 2 && matches!(bytes[0], b'"' | b'\'') && bytes[0] == bytes[bytes.len() - 1] {
        return Some(tr_static!("core-export-docker-quoted"));
    }
    if name.len() + 1 + value.len() + 1 > DOCKER_MAX_LINE {
        return Some(tr_static!("core-export-docker-too-long"));
    }
    None
}

/// `KEY=value` lines for `docker run --env-file`, every value literal.
pub fn docker_env_file(variables: &[(&str, &str)]) -> Result<String, Unwritable> {
    let mut out = String::new();
    for (name, value) in variables {
        if let Some(reason) = docker_problem(name, value) {
            return Err(Unwritable {
                name: name.to_string(),
                reason,
            });
        }
        out.push_str(&format!("{name}={value}\n"));
    }
    Ok(out)
}

/// Lines to append to `$GITHUB_ENV`.
pub fn github_env(variables: &[(&str, &str)]) -> Result<String, Unwritable> {
    let mut out = String::new();
    for (name, value) in variables {
        let refuse = |reason| Unwritable {
            name: name.to_string(),
            reason,
        };
        if value.ends_with('\r') {
            return Err(refuse(tr_static!("core-export-github-trailing-cr")));
        }
        if value.contains('\0') {
            return Err(refuse(tr_static!("core-export-nul")));
        }
        if !value.contains('\n') {
            out.push_str(&format!("{name}={value}\n"));
            continue;
        }
        let delimiter = heredoc_delimiter(value);
        out.push_str(&format!("{name}<<{delimiter}\n{value}\n{delimiter}\n"));
    }
    Ok(out)
}

/// A delimiter that is not a line of `value`.
fn heredoc_delimiter(value: &str) -> String {
    let base = "LANGFUSE_OTEL_EOF";
    let taken = |candidate: &str| {
        value
            .split('\n')
            .any(|line| line.strip_suffix('\r').unwrap_or(line) == candidate)
    };
    let mut candidate = base.to_string();
    let mut n = 0u32;
    while taken(&candidate) {
        n += 1;
        candidate = format!("{base}_{n}");
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k8s_names_are_dns_subdomains() {
        assert_eq!(k8s_name("default"), "langfuse-otel-default");
        assert_eq!(k8s_name("Staging_EU"), "langfuse-otel-staging-eu");
        assert_eq!(k8s_name("x_"), "langfuse-otel-x");
        assert!(k8s_name(&"a".repeat(400)).len() <= 253);
    }

    #[test]
    fn yaml_quoting_escapes_everything_but_printable_ascii() {
        assert_eq!(yaml_quoted("a \"b\" \\"), r#""a \"b\" \\""#);
        assert_eq!(
            yaml_quoted("\n\t\u{7f}\u{85}\u{2028}é"),
            r#""\n\t\x7F\x85\u2028\xE9""#
        );
        assert_eq!(yaml_quoted("\u{1F600}"), r#""\U0001F600""#);
    }

    #[test]
    fn docker_refuses_what_it_cannot_read_back() {
        assert_eq!(
            docker_env_file(&[("A", "Basic%20x=="), ("B", " lead #not-comment")]).unwrap(),
            "A=Basic%20x==\nB= lead #not-comment\n"
        );
        for bad in ["a\nb", "a\r", "'quoted'", "\"quoted\"", "a\0b"] {
            assert!(docker_env_file(&[("A", bad)]).is_err(), "{bad:?}");
        }
        assert!(docker_env_file(&[("A", "'half")]).is_ok());
        assert!(docker_env_file(&[("A", &"x".repeat(DOCKER_MAX_LINE))]).is_err());
    }

    #[test]
    fn github_uses_a_block_for_multi_line_values_with_a_free_delimiter() {
        assert_eq!(github_env(&[("A", "x=y")]).unwrap(), "A=x=y\n");
        assert_eq!(
            github_env(&[("A", "one\nLANGFUSE_OTEL_EOF")]).unwrap(),
            "A<<LANGFUSE_OTEL_EOF_1\none\nLANGFUSE_OTEL_EOF\nLANGFUSE_OTEL_EOF_1\n"
        );
        assert!(github_env(&[("A", "a\r")]).is_err());
        assert!(
            github_env(&[("A", "LANGFUSE_OTEL_EOF\r\nx")])
                .unwrap()
                .starts_with("A<<LANGFUSE_OTEL_EOF_1\n")
        );
    }

    #[test]
    fn shell_quoting_is_literal() {
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("$HOME"), "'$HOME'");
    }
}
