//! `langfuse-otel encode`: print the variables, secret included, for the user to paste or pipe.

use std::io::Write;

use super::{HostChoice, resolve_host, resolve_keys, say};
use crate::cli::{EncodeArgs, OutputFormat};
use crate::dotenv::quote_value;
use crate::exit::{Exit, Failure};
use crate::vars::{Config, build_variables, normalize_families};

pub fn run(args: EncodeArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let host = match resolve_host(&args.host, err)? {
        Some(HostChoice::Fixed(host)) => Some(host),
        Some(HostChoice::Auto) => {
            return Err(Failure::new(
                Exit::Usage,
                "--region auto needs a live test, which encode does not make: name the region, or use `langfuse-otel setup --region auto`",
            ));
        }
        None => None,
    };
    let keys = resolve_keys(&args.keys, err)?;
    let families = normalize_families(&args.vars.vars);
    let variables = build_variables(&Config {
        host: host.as_ref(),
        keys: &keys,
        families: &families,
        ingestion_version: args.vars.ingestion_version.0,
    });
    if host.is_none() {
        say!(
            err,
            "note: no --region or --host given: the base URL variables are left out"
        );
    }
    let mut text = String::new();
    for variable in &variables {
        let line = match args.format {
            OutputFormat::Dotenv => {
                let value = quote_value(variable.expose()).map_err(|reason| {
                    Failure::new(
                        Exit::InvalidInput,
                        format!("cannot write {} portably: {reason}", variable.name),
                    )
                })?;
                format!("{}={value}\n", variable.name)
            }
            OutputFormat::Shell => {
                format!(
                    "export {}={}\n",
                    variable.name,
                    shell_quote(variable.expose())
                )
            }
        };
        text.push_str(&line);
    }
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| {
            Failure::new(
                Exit::Failure,
                format!("cannot write to standard output: {e}"),
            )
        })
}

/// POSIX single quoting: everything literal, a `'` written as `'\''`.
fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    #[test]
    fn shell_quoting_is_literal() {
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("$HOME"), "'$HOME'");
    }
}
