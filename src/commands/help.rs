//! `langfuse-otel help [COMMAND... | exit-codes | environment]`, as `gh help` does: a command's
//! long help, or a topic that belongs to no single command.

use std::io::Write;

use super::write_stdout;
use crate::cli::HelpArgs;
use crate::exit::{self, Exit, Failure};

/// The topics besides the commands, with their one-line summaries.
pub const TOPICS: [(&str, &str); 2] = [
    (
        "exit-codes",
        "what each exit code means (the same for every command)",
    ),
    (
        "environment",
        "the environment variables langfuse-otel reads",
    ),
];

const ENVIRONMENT: &str = "\
Environment variables langfuse-otel reads:

  LANGFUSE_OTEL_PROFILE
      The profile to use where --profile is not given (default: `default`), in every command
      that takes --profile.

  LANGFUSE_PUBLIC_KEY
      The public key where --public-key is not given (setup, encode, rotate).

  LANGFUSE_SECRET_KEY
      The secret key where --secret-key-stdin is not given (setup, encode, rotate). The secret is
      never taken as an argument, where `ps` would show it.

  TRACELOOP_*, OTEL_EXPORTER_OTLP_*, LANGFUSE_*
      What `test` and `doctor` check when there is no ./.env and no --env-file. `run` sets them
      for its command (replacing values already set, unless --keep-env).

  HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY (or lowercase)
      The proxy for live tests, as curl reads them; the proxy in use is shown beside the test.

  XDG_CONFIG_HOME
      Profiles live in $XDG_CONFIG_HOME/langfuse-otel/profiles (default ~/.config on Linux; the
      platform's config directory elsewhere).

  DBUS_SESSION_BUS_ADDRESS
      The D-Bus session whose Secret Service holds the secret keys (Linux). Without it the
      keyring is unavailable (exit 40): use --no-keyring, or start a session.

  SSL_CERT_FILE, SSL_CERT_DIR
      Extra trusted root certificates for https (a corporate TLS proxy).

  NO_COLOR
      Any non-empty value: the wizard uses no colour.

  LANGFUSE_OTEL_REGION_HOSTS
      `eu=URL,us=URL,jp=URL,hipaa=URL,local=URL`: point the named regions elsewhere (tests, a
      mirror). Never needed in normal use.
";

pub fn run(args: HelpArgs, out: &mut dyn Write, _err: &mut dyn Write) -> Result<(), Failure> {
    let words: Vec<&str> = args.topic.iter().map(String::as_str).collect();
    let text = match words.as_slice() {
        [] => {
            let mut text = crate::cli::command().render_long_help().to_string();
            text.push_str("\nHelp topics (langfuse-otel help TOPIC):\n");
            for (topic, summary) in TOPICS {
                text.push_str(&format!("  {topic:<12} {summary}\n"));
            }
            text
        }
        ["exit-codes"] => exit::help_text(),
        ["environment"] => ENVIRONMENT.to_string(),
        path => {
            // Exactly what `langfuse-otel COMMAND... --help` prints.
            let mut argv = vec!["langfuse-otel"];
            argv.extend(path.iter().copied());
            argv.push("--help");
            match crate::cli::command().try_get_matches_from(argv) {
                Err(shown) if shown.kind() == clap::error::ErrorKind::DisplayHelp => {
                    shown.render().to_string()
                }
                _ => {
                    return Err(Failure::new(
                        Exit::Usage,
                        format!(
                            "no help for `{}`: `langfuse-otel help` lists the commands and the topics (exit-codes, environment)",
                            path.join(" ")
                        ),
                    ));
                }
            }
        }
    };
    write_stdout(out, &text)
}
