//! `langfuse-otel encode`: print the variables, secret included, for the user to paste or pipe.

use std::io::Write;

use super::{HostChoice, render_variables, resolve_host, resolve_keys, say, write_stdout};
use crate::cli::EncodeArgs;
use crate::core::vars::{Config, Family, build_variables, normalize_families};
use crate::exit::{Exit, Failure};

pub fn run(args: EncodeArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let host_args: crate::cli::HostArgs = args.host.into();
    let host = match resolve_host(&host_args, err)? {
        Some(HostChoice::Fixed(host)) => Some(host),
        Some(HostChoice::Auto) => {
            return Err(Failure::new(
                Exit::Usage,
                crate::tr!("cli-encode-region-auto"),
            ));
        }
        None => None,
    };
    let keys = resolve_keys(&args.keys, true, err)?;
    let families = if args.vars.vars.is_empty() {
        Family::DEFAULT.to_vec()
    } else {
        normalize_families(&args.vars.vars)
    };
    let headers = args
        .vars
        .extra_headers()
        .map_err(|e| Failure::new(Exit::Usage, e.to_string()))?;
    let signals = args
        .vars
        .signals()
        .map_err(|e| Failure::new(Exit::Usage, e))?;
    let variables = build_variables(&Config {
        host: host.as_ref(),
        keys: &keys,
        families: &families,
        ingestion_version: args.vars.ingestion_version.0,
        signals,
        headers: &headers,
    });
    if host.is_none() {
        say!(err, "{}", crate::tr!("cli-encode-no-host"));
    }
    let text = render_variables(&variables, args.format, "langfuse-otel")?;
    write_stdout(out, &text)
}
