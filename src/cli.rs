//! The command line, as clap types. `main.rs` parses these and hands them to [`crate::commands`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::host::Region;
use crate::vars::{Family, MAX_INGESTION_VERSION};

const ABOUT: &str =
    "Set up OpenTelemetry / OpenLLMetry (Traceloop) export to Langfuse, correctly encoded.";

const LONG_ABOUT: &str = "\
Set up OpenTelemetry / OpenLLMetry (Traceloop) export to Langfuse, correctly encoded.

Writes the variables that Traceloop, OpenTelemetry SDKs and Langfuse's own SDKs read into a .env,
with the Authorization header percent-encoded so that every OTel SDK reads it back exactly
(a raw space, `Basic+...` or a raw `+` in base64 each give 401 in some clients).";

const MAIN_EXAMPLES: &str = "\
Examples:
  # EU Cloud, secret key from a pipe, write ./.env
  printf '%s' \"$SECRET\" | langfuse-otel setup --non-interactive --region eu \\
      --public-key pk-lf-... --secret-key-stdin

  # Print the encoded header variables
  LANGFUSE_SECRET_KEY=sk-lf-... langfuse-otel encode --public-key pk-lf-...";

const SETUP_EXAMPLES: &str = "\
Examples:
  # US Cloud; the secret comes from stdin, never from an argument (it would show in `ps`)
  printf '%s' \"$SECRET\" | langfuse-otel setup --non-interactive --region us \\
      --public-key pk-lf-... --secret-key-stdin

  # Self-hosted behind a path prefix, OpenTelemetry variables only, two .env files
  LANGFUSE_SECRET_KEY=sk-lf-... langfuse-otel setup --non-interactive \\
      --host https://example.com/langfuse --public-key pk-lf-... \\
      --vars otel --env-file .env --env-file worker/.env

  # Replace keys already in the .env (the old file is kept as .env.bak)
  printf '%s' \"$NEW_SECRET\" | langfuse-otel setup --non-interactive --region eu \\
      --public-key pk-lf-new... --secret-key-stdin --yes";

const ENCODE_EXAMPLES: &str = "\
Examples:
  # Header variables only
  printf '%s' \"$SECRET\" | langfuse-otel encode --public-key pk-lf-... --secret-key-stdin

  # Every variable of the OpenTelemetry family for the Japan region, as shell exports
  printf '%s' \"$SECRET\" | langfuse-otel encode --public-key pk-lf-... --secret-key-stdin \\
      --region jp --vars otel --format shell";

#[derive(Debug, Parser)]
#[command(
    name = "langfuse-otel",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = MAIN_EXAMPLES,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate keys and host, then write the variables into .env file(s).
    #[command(after_help = SETUP_EXAMPLES)]
    Setup(SetupArgs),
    /// Print the variables (secret included) to stdout, encoded for every client.
    #[command(after_help = ENCODE_EXAMPLES)]
    Encode(EncodeArgs),
}

/// A region by name, for `--region`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RegionArg {
    /// EU Cloud: https://cloud.langfuse.com
    Eu,
    /// US Cloud: https://us.cloud.langfuse.com
    Us,
    /// Japan Cloud: https://jp.cloud.langfuse.com
    Jp,
    /// HIPAA Cloud: https://hipaa.cloud.langfuse.com
    Hipaa,
    /// Self-hosted on this machine: http://localhost:3000
    Local,
}

impl From<RegionArg> for Region {
    fn from(arg: RegionArg) -> Region {
        match arg {
            RegionArg::Eu => Region::Eu,
            RegionArg::Us => Region::Us,
            RegionArg::Jp => Region::Jp,
            RegionArg::Hipaa => Region::Hipaa,
            RegionArg::Local => Region::Local,
        }
    }
}

#[derive(Debug, Args)]
pub struct HostArgs {
    /// Langfuse region (keys of one region are unknown to the others).
    #[arg(long, value_enum, conflicts_with = "host")]
    pub region: Option<RegionArg>,
    /// Langfuse base URL, e.g. https://langfuse.example.com (a pasted /api/public/otel is removed).
    #[arg(long, value_name = "URL")]
    pub host: Option<String>,
    /// Allow plain http:// to a host other than this machine (the key travels in clear text).
    #[arg(long)]
    pub allow_http: bool,
}

#[derive(Debug, Args)]
pub struct KeyArgs {
    /// Langfuse public key (pk-lf-...).
    #[arg(
        long,
        value_name = "PK",
        env = "LANGFUSE_PUBLIC_KEY",
        hide_env_values = true
    )]
    pub public_key: Option<String>,
    /// Read the secret key (sk-lf-...) from standard input. Without it, LANGFUSE_SECRET_KEY is
    /// read; the secret is never taken as an argument, where `ps` would show it.
    #[arg(long)]
    pub secret_key_stdin: bool,
}

#[derive(Debug, Args)]
pub struct VarArgs {
    /// Variable families to write, comma-separated: traceloop, otel, langfuse.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = Family::DEFAULT.to_vec())]
    pub vars: Vec<Family>,
    /// The x-langfuse-ingestion-version header (real-time ingestion on Langfuse v4), or `none`.
    #[arg(long, value_name = "N|none", default_value = "4", value_parser = parse_ingestion_version)]
    pub ingestion_version: IngestionVersion,
}

/// `Some(n)` sends the header with `n`; `None` leaves it out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IngestionVersion(pub Option<u8>);

fn parse_ingestion_version(input: &str) -> Result<IngestionVersion, String> {
    if input.eq_ignore_ascii_case("none") {
        return Ok(IngestionVersion(None));
    }
    match input.parse::<u8>() {
        Ok(n) if (1..=MAX_INGESTION_VERSION).contains(&n) => Ok(IngestionVersion(Some(n))),
        _ => Err(format!(
            "expected a number from 1 to {MAX_INGESTION_VERSION} or `none` (Langfuse rejects versions above {MAX_INGESTION_VERSION})"
        )),
    }
}

#[derive(Debug, Args)]
pub struct SetupArgs {
    /// Never prompt: fail with a message when an input is missing.
    #[arg(long)]
    pub non_interactive: bool,
    #[command(flatten)]
    pub host: HostArgs,
    #[command(flatten)]
    pub keys: KeyArgs,
    #[command(flatten)]
    pub vars: VarArgs,
    /// The .env file to write; repeat for several. Default: ./.env
    #[arg(long = "env-file", value_name = "PATH")]
    pub env_files: Vec<PathBuf>,
    /// Replace values already in the .env that differ from the new ones.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Add the .env (and its .bak) to .gitignore when git would otherwise commit it.
    #[arg(long)]
    pub gitignore: bool,
    /// Write through a symlinked .env to its target.
    #[arg(long)]
    pub follow_symlinks: bool,
    /// Show what would change without writing anything.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// KEY=value lines, quoted for every .env dialect.
    Dotenv,
    /// `export KEY='value'` lines for sh, bash and zsh.
    Shell,
}

#[derive(Debug, Args)]
pub struct EncodeArgs {
    #[command(flatten)]
    pub host: HostArgs,
    #[command(flatten)]
    pub keys: KeyArgs,
    #[command(flatten)]
    pub vars: VarArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Dotenv)]
    pub format: OutputFormat,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn ingestion_version_parsing() {
        assert_eq!(parse_ingestion_version("4"), Ok(IngestionVersion(Some(4))));
        assert_eq!(parse_ingestion_version("NONE"), Ok(IngestionVersion(None)));
        assert!(parse_ingestion_version("5").is_err());
        assert!(parse_ingestion_version("0").is_err());
        assert!(parse_ingestion_version("x").is_err());
    }
}
