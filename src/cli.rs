//! The command line, as clap types. `main.rs` parses these and hands them to [`crate::commands`].

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::core::host::HostPick;
use crate::core::i18n::{self, Lang};
use crate::core::vars::{Family, MAX_INGESTION_VERSION, Signal};
use crate::tr;

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
    propagate_version = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Log what happens to stderr: -v requests, keyring calls and file operations; -vv more
    /// detail; -vvv everything, the libraries' too. Without it RUST_LOG is read (e.g.
    /// RUST_LOG=langfuse_otel=debug). No secret, credential or header value is ever logged.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// The language of messages and help: en or zh-CN (简体中文). Default: from LC_ALL,
    /// LC_MESSAGES or LANG (zh_CN, zh_SG or zh_Hans: Simplified Chinese), else English. JSON
    /// output, exit codes and file contents are the same in every language.
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

fn parse_lang(value: &str) -> Result<Lang, String> {
    Lang::from_tag(value).ok_or_else(|| {
        tr!(
            "cli-lang-unknown",
            value = value,
            choices = Lang::ALL.map(Lang::tag).join(&tr!("cli-lang-or"))
        )
    })
}

/// The language to speak before the command line is parsed (clap prints `--help` while
/// parsing): `--lang`'s value if the arguments have one before `--`, else the locale variables.
/// An invalid `--lang` falls back to the locale, and clap then reports it.
pub fn language_of<I, S>(args: I, locale: impl Fn(&str) -> Option<String>) -> Lang
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut args = args.into_iter().skip(1);
    let mut chosen = None;
    while let Some(arg) = args.next() {
        let Some(arg) = arg.as_ref().to_str() else {
            continue;
        };
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--lang") {
            Some("") => args
                .next()
                .and_then(|v| v.as_ref().to_str().map(str::to_string)),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => continue,
        };
        if let Some(lang) = value.as_deref().and_then(Lang::from_tag) {
            chosen = Some(lang);
        }
    }
    chosen.unwrap_or_else(|| {
        Lang::from_locale_variables(
            locale("LC_ALL").as_deref(),
            locale("LC_MESSAGES").as_deref(),
            locale("LANG").as_deref(),
        )
    })
}

/// Parses the command line. It is parsed as clap's English definition first: only when clap has
/// something to print (help, version, a usage error) is the definition rebuilt in the user's
/// language and the line parsed again to print it. Both definitions accept exactly the same
/// arguments, and a normal run in Chinese does not pay for translating every help text.
pub fn parse(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    use clap::FromArgMatches as _;
    let english = <Cli as clap::CommandFactory>::command().try_get_matches_from(&args);
    match english {
        Ok(matches) => Cli::from_arg_matches(&matches),
        Err(error) if i18n::language() == Lang::En => Err(error),
        Err(_) => command()
            .try_get_matches_from(args)
            .and_then(|matches| Cli::from_arg_matches(&matches)),
    }
}

/// The command line as clap parses and prints it, its help in this thread's language: English
/// from the doc comments, Chinese from `locales/zh-CN/help.ftl` (ids from the command path, see
/// [`help_ids`]), clap's own words (headings, `[default: ...]`) included.
pub fn command() -> clap::Command {
    let command = <Cli as clap::CommandFactory>::command();
    match i18n::language() {
        Lang::En => command,
        lang => localize(command, "root", lang),
    }
}

/// The catalog ids of one command's help texts: `help-<path>-about` and so on, the path being
/// the subcommand names from `root` joined with `-` (`help-profiles-remove-about`), an
/// argument's `help-<path>--<id>` and `help-<path>--<id>-long`.
pub struct HelpIds;

impl HelpIds {
    pub const COMMAND_TEXTS: [&'static str; 4] =
        ["about", "long-about", "after-help", "after-long-help"];

    pub fn command(path: &str, text: &str) -> String {
        format!("help-{path}-{text}")
    }

    pub fn arg(path: &str, id: &str, long: bool) -> String {
        format!("help-{path}--{id}{}", if long { "-long" } else { "" })
    }
}

fn localize(mut command: clap::Command, path: &str, lang: Lang) -> clap::Command {
    let text = |id: String| i18n::lookup(lang, &id);
    for name in HelpIds::COMMAND_TEXTS {
        if let Some(value) = text(HelpIds::command(path, name)) {
            command = match name {
                "about" => command.about(value),
                "long-about" => command.long_about(value),
                "after-help" => command.after_help(value),
                _ => command.after_long_help(value),
            };
        }
    }
    let options = tr!("help-heading-options");
    let arguments = tr!("help-heading-arguments");
    // Only the arguments this command defines: a global one (`profiles --json`) reaches the
    // subcommands when clap builds the command, already in Chinese.
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in ids {
        command = command.mut_arg(&id, |mut arg| {
            let mut help = text(HelpIds::arg(path, &id, false)).map(clap::builder::StyledStr::from);
            let mut long = text(HelpIds::arg(path, &id, true)).map(clap::builder::StyledStr::from);
            if help.is_none() {
                help = arg.get_help().cloned();
            }
            if long.is_none() {
                long = arg.get_long_help().cloned();
            }
            // clap's own English after the help, said again in Chinese.
            let mut notes = Vec::new();
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|value| !value.is_hide_set())
                .map(|value| value.get_name().to_string())
                .collect();
            if arg.get_action().takes_values()
                && !values.is_empty()
                && !arg.is_hide_possible_values_set()
            {
                notes.push(tr!("help-note-values", values = values.join(", ")));
                arg = arg.hide_possible_values(true);
            }
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|value| value.to_string_lossy().into_owned())
                .collect();
            if arg.get_action().takes_values()
                && !defaults.is_empty()
                && !arg.is_hide_default_value_set()
            {
                notes.push(tr!("help-note-default", value = defaults.join(", ")));
                arg = arg.hide_default_value(true);
            }
            if let Some(variable) = arg.get_env().and_then(|v| v.to_str())
                && !arg.is_hide_env_set()
            {
                notes.push(tr!("help-note-env", variable = variable));
                arg = arg.hide_env(true);
            }
            let with_notes = |text: clap::builder::StyledStr| {
                if notes.is_empty() {
                    text
                } else {
                    clap::builder::StyledStr::from(format!("{text} {}", notes.join(" ")))
                }
            };
            if let Some(help) = help {
                arg = arg.help(with_notes(help));
            }
            if let Some(long) = long {
                arg = arg.long_help(with_notes(long));
            }
            if arg.get_help_heading().is_none() {
                let heading = if arg.is_positional() {
                    &arguments
                } else {
                    &options
                };
                arg = arg.help_heading(heading.clone());
            }
            arg
        });
    }
    command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            tr!("help-heading-usage")
        ))
        .subcommand_help_heading(tr!("help-heading-commands"))
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(tr!("help-flag-help"))
                .long_help(tr!("help-flag-help-long"))
                .help_heading(options.clone()),
        );
    // `propagate_version` gives every subcommand a version flag; each says it in Chinese too.
    {
        command = command.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(tr!("help-flag-version"))
                .help_heading(options),
        );
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = format!("{path}-{name}");
        command = command.mut_subcommand(&name, |sub| localize(sub, &sub_path, lang));
    }
    command
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up a profile: the wizard in a terminal; with --non-interactive, validate, test live,
    /// store the secret in the keyring and write the .env file(s).
    #[command(after_help = SETUP_EXAMPLES)]
    Setup(SetupArgs),
    /// Print the variables (secret included) to stdout, encoded for every client.
    #[command(after_help = ENCODE_EXAMPLES)]
    Encode(EncodeArgs),
    /// Test an existing configuration live: each variable family of a .env, separately.
    #[command(after_help = TEST_EXAMPLES)]
    Test(TestArgs),
    /// Diagnose an existing configuration: every problem with its line, cause and fix; --fix repairs.
    #[command(after_help = DOCTOR_EXAMPLES)]
    Doctor(DoctorArgs),
    /// Try everything without a Langfuse account or network: a local sandbox Langfuse, demo keys,
    /// setup, and a live test of the written file.
    #[command(after_help = DEMO_EXAMPLES)]
    Demo(DemoArgs),
    /// Take a new key pair for a profile: test it, update the keyring, rewrite every .env it wrote.
    #[command(after_help = ROTATE_EXAMPLES)]
    Rotate(RotateArgs),
    /// Print a profile's variables, secret included (from the keyring), for piping into tools.
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Run a command with a profile's variables in its environment; nothing is written to disk.
    ///
    /// On Unix the command replaces langfuse-otel (exec): it keeps the process id, every signal
    /// (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1/2, SIGWINCH) reaches it directly, and its exit
    /// status is returned unchanged (128 + the signal in a shell when a signal ended it). The
    /// profile's variables replace ones already set unless --keep-env.
    #[command(after_help = RUN_EXAMPLES)]
    Run(RunArgs),
    /// List profiles (where each secret lives, and whether it is reachable), or remove one.
    Profiles(ProfilesArgs),
    /// Help for a command, or a topic: `exit-codes`, `environment`.
    Help(HelpArgs),
    /// Explain an exporter's error line from your app's log: the cause, the fix, and the .env line
    /// to change.
    #[command(after_help = EXPLAIN_EXAMPLES)]
    Explain(ExplainArgs),
    /// Print a shell completion script to stdout.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to stdout, or write every page into a directory.
    #[command(after_help = MAN_EXAMPLES)]
    Man(ManArgs),
    /// Run the sandbox Langfuse server in the foreground (for scripts and benchmarks).
    #[command(hide = true)]
    Sandbox(SandboxArgs),
}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  # bash (new shells)
  langfuse-otel completions bash > ~/.local/share/bash-completion/completions/langfuse-otel

  # zsh: a directory in $fpath
  langfuse-otel completions zsh > \"${fpath[1]}/_langfuse-otel\"

  # fish
  langfuse-otel completions fish > ~/.config/fish/completions/langfuse-otel.fish";

const MAN_EXAMPLES: &str = "\
Examples:
  # Read it now
  langfuse-otel man | man -l -

  # One subcommand's page
  langfuse-otel man profiles remove | man -l -

  # Install every page for `man langfuse-otel`, `man langfuse-otel-setup`, ...
  langfuse-otel man --dir ~/.local/share/man/man1";

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The subcommand whose page to print (e.g. `setup`, `profiles remove`). Default: the main page.
    #[arg(value_name = "SUBCOMMAND", conflicts_with = "dir")]
    pub command: Vec<String>,
    /// Write every page (langfuse-otel.1, langfuse-otel-setup.1, ...) into this directory.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

const EXPLAIN_EXAMPLES: &str = "\
Examples:
  # The line as your app logged it (quote it for the shell)
  langfuse-otel explain 'Failed to export span batch code: 401, reason: {\"message\":\"No authorization header\"}'

  # From the clipboard or a log, against another .env
  grep -m1 'export' app.log | langfuse-otel explain --env-file deploy/.env

Exit status: 0 when the line was recognised, 1 when not (the output says what would help).";

const TEST_EXAMPLES: &str = "\
Examples:
  # Test ./.env (every family found in it, each alone)
  langfuse-otel test

  # Another file, machine-readable
  langfuse-otel test --env-file deploy/.env --json

  # Also send one span named \"langfuse-otel test span\" and print its link
  langfuse-otel test --send-test-trace";

const ROTATE_EXAMPLES: &str = "\
Examples:
  # New keys for the default profile: tested, stored, and written to every .env it wrote
  printf '%s' \"$NEW_SECRET\" | langfuse-otel rotate --public-key pk-lf-new... --secret-key-stdin

  # Another profile
  LANGFUSE_SECRET_KEY=sk-lf-... langfuse-otel rotate --profile staging --public-key pk-lf-...";

const EXPORT_EXAMPLES: &str = "\
Examples:
  # Into another tool's environment file
  langfuse-otel export --format dotenv > deploy/.env.langfuse

  # As JSON, OpenTelemetry variables only
  langfuse-otel export --profile staging --vars otel --format json | jq .";

const RUN_EXAMPLES: &str = "\
Examples:
  # Run the app with the variables injected (read from the keyring; nothing on disk)
  langfuse-otel run -- python app.py

  # Another profile, OpenTelemetry variables only
  langfuse-otel run --profile staging --vars otel -- node server.js";

const DOCTOR_EXAMPLES: &str = "\
Examples:
  # ./.env (or the environment when there is none), static checks and the live test
  langfuse-otel doctor

  # Several files, offline, machine-readable
  langfuse-otel doctor --offline --json .env worker/.env

  # Repair what can be repaired (each file keeps a .bak), then test again
  langfuse-otel doctor --fix";

const DEMO_EXAMPLES: &str = "\
Examples:
  # Everything in a temporary directory
  langfuse-otel demo

  # Keep the demo's .env where you want it
  langfuse-otel demo --env-file /tmp/demo.env";

/// A value from a fixed list, as people type it: any case, spaces around it ignored (`--region EU`,
/// `--vars "otel, langfuse"`); `except` leaves values out where a command cannot take them.
#[derive(Clone)]
pub struct Lenient<E: 'static> {
    except: &'static [E],
}

impl<E: ValueEnum + PartialEq + Clone + Send + Sync + 'static> Lenient<E> {
    pub const fn all() -> Self {
        Lenient { except: &[] }
    }

    pub const fn except(except: &'static [E]) -> Self {
        Lenient { except }
    }

    fn allowed(&self) -> impl Iterator<Item = &'static E> + '_ {
        E::value_variants()
            .iter()
            .filter(|v| !self.except.contains(v))
    }
}

impl<E: ValueEnum + PartialEq + Clone + Send + Sync + 'static> clap::builder::TypedValueParser
    for Lenient<E>
{
    type Value = E;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<E, clap::Error> {
        let trimmed = value.to_str().map(str::trim);
        if let Some(found) = trimmed.and_then(|text| {
            self.allowed()
                .find(|v| v.to_possible_value().is_some_and(|p| p.matches(text, true)))
                .cloned()
        }) {
            return Ok(found);
        }
        // clap's own message, with the values this command takes.
        let names: Vec<clap::builder::PossibleValue> = self
            .allowed()
            .filter_map(ValueEnum::to_possible_value)
            .collect();
        let text = clap::builder::PossibleValuesParser::new(names).parse_ref(
            cmd,
            arg,
            std::ffi::OsStr::new(trimmed.unwrap_or_default()),
        )?;
        E::from_str(&text, true)
            .map_err(|_| clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.allowed().filter_map(ValueEnum::to_possible_value),
        ))
    }
}

#[derive(Debug, Args)]
pub struct HostArgs {
    /// Langfuse region (keys of one region are unknown to the others); `auto` asks them all.
    #[arg(long, value_parser = Lenient::<HostPick>::all(), conflicts_with = "host")]
    pub region: Option<HostPick>,
    /// Langfuse base URL, e.g. https://langfuse.example.com (a pasted /api/public/otel is removed).
    #[arg(long, value_name = "URL")]
    pub host: Option<String>,
    /// Allow plain http:// to a host other than this machine (the key travels in clear text).
    #[arg(long)]
    pub allow_http: bool,
}

/// [`HostArgs`] without `--region auto`, which needs a live test (`encode` makes none).
#[derive(Debug, Args)]
pub struct EncodeHostArgs {
    /// Langfuse region (keys of one region are unknown to the others).
    #[arg(long, value_parser = Lenient::<HostPick>::except(&[HostPick::Detect]), conflicts_with = "host")]
    pub region: Option<HostPick>,
    /// Langfuse base URL, e.g. https://langfuse.example.com (a pasted /api/public/otel is removed).
    #[arg(long, value_name = "URL")]
    pub host: Option<String>,
    /// Allow plain http:// to a host other than this machine (the key travels in clear text).
    #[arg(long)]
    pub allow_http: bool,
}

impl From<EncodeHostArgs> for HostArgs {
    fn from(args: EncodeHostArgs) -> Self {
        HostArgs {
            region: args.region,
            host: args.host,
            allow_http: args.allow_http,
        }
    }
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
    /// Variable families to write, comma-separated: traceloop, otel, langfuse. Default:
    /// traceloop,langfuse; otel,langfuse in a Node project (a package.json beside the .env).
    #[arg(long, value_parser = Lenient::<Family>::all(), value_delimiter = ',')]
    pub vars: Vec<Family>,
    /// The x-langfuse-ingestion-version header (real-time ingestion on Langfuse v4), or `none`.
    #[arg(long, value_name = "N|none", default_value = "4", value_parser = parse_ingestion_version)]
    pub ingestion_version: IngestionVersion,
    /// The OTLP signals the app exports, comma-separated: traces (default), logs, metrics.
    /// Langfuse takes traces only. With traces alone the otel family writes the generic
    /// OTEL_EXPORTER_OTLP_* variables plus OTEL_LOGS_EXPORTER=none and OTEL_METRICS_EXPORTER=none
    /// (every tool reads the generic endpoint; the app exports no logs or metrics at all). With
    /// logs or metrics it writes only OTEL_EXPORTER_OTLP_TRACES_* (the traces URL as-is), so the
    /// other signals keep going to the app's own collector and never to Langfuse (404 for logs);
    /// tools that read only the generic endpoint then miss it.
    #[arg(long, value_name = "LIST", value_parser = Lenient::<Signal>::all(), value_delimiter = ',')]
    pub signals: Vec<Signal>,
    /// An extra header for an access proxy in front of a self-hosted Langfuse (Cloudflare Access:
    /// CF-Access-Client-Id=... and CF-Access-Client-Secret=...); repeat for several. Written into
    /// every header list after Langfuse's own and sent with every request of the live test. Every
    /// value is a secret: never shown, kept in the keyring with the secret key.
    #[arg(long = "header", value_name = "NAME=VALUE", value_parser = |s: &str| Ok::<_, String>(HeaderArg(s.to_string())))]
    pub headers: Vec<HeaderArg>,
}

/// A `--header` as typed; `Debug` shows its name only (the value may be a secret).
#[derive(Clone)]
pub struct HeaderArg(pub String);

impl std::fmt::Debug for HeaderArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.0.split_once('=').map_or("?", |(name, _)| name);
        write!(f, "{name}=<hidden>")
    }
}

impl VarArgs {
    /// `--signals`, checked.
    pub fn signals(&self) -> Result<crate::core::vars::Signals, String> {
        crate::core::vars::Signals::from_list(&self.signals)
    }

    /// `--header`s, checked (parsed here, not by clap, so that a rejected value is never echoed:
    /// it may be a secret).
    pub fn extra_headers(
        &self,
    ) -> Result<Vec<crate::core::credential::ExtraHeader>, crate::core::credential::ExtraHeaderError>
    {
        let headers = self
            .headers
            .iter()
            .map(|h| crate::core::credential::ExtraHeader::parse(&h.0))
            .collect::<Result<Vec<_>, _>>()?;
        crate::core::credential::check_extra_headers(&headers)?;
        Ok(headers)
    }
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
        _ => Err(tr!(
            "cli-ingestion-version-invalid",
            max = MAX_INGESTION_VERSION
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
    /// Replace a read-only .env, or one that belongs to another user (it keeps its owner, group
    /// and mode).
    #[arg(long)]
    pub force: bool,
    /// Show what would change without writing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not test the keys and endpoint live before writing (not recommended).
    #[arg(long)]
    pub skip_test: bool,
    /// Write the files even when the live test fails.
    #[arg(long, conflicts_with = "skip_test")]
    pub write_anyway: bool,
    #[command(flatten)]
    pub probe: ProbeArgs,
    #[command(flatten)]
    pub profile: ProfileArgs,
    /// Do not store the secret key in the OS keyring: it stays only in the .env files.
    #[arg(long, conflicts_with = "no_env_file")]
    pub no_keyring: bool,
    /// Keep the secret key in the Linux kernel keyring instead of the OS keyring, for machines
    /// with no Secret Service (servers, containers, WSL). In memory only: a reboot or a logout empties it.
    #[arg(long, conflicts_with = "no_keyring")]
    pub kernel_keyring: bool,
    /// Write no .env: the secret goes to the keyring and the rest to the profile, for `run` and
    /// `export`.
    #[arg(long, conflicts_with_all = ["env_files", "gitignore", "follow_symlinks"])]
    pub no_env_file: bool,
    /// Print the result as JSON (schemas/setup.json); implies --non-interactive.
    #[arg(long)]
    pub json: bool,
    /// Touch neither the keyring nor the profiles (`demo`).
    #[arg(skip)]
    pub ephemeral: bool,
}

/// Which profile, and how long to wait for the keyring.
#[derive(Debug, Args, Clone)]
pub struct ProfileArgs {
    /// Profile name: letters, digits, `-` and `_`.
    #[arg(
        long,
        value_name = "NAME",
        default_value = "default",
        env = "LANGFUSE_OTEL_PROFILE"
    )]
    pub profile: String,
    /// Seconds to wait for the OS keyring (a locked keyring's unlock prompt may never be answered).
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = parse_seconds)]
    pub keyring_timeout: Duration,
}

#[derive(Debug, Args)]
pub struct RotateArgs {
    #[command(flatten)]
    pub profile: ProfileArgs,
    #[command(flatten)]
    pub keys: KeyArgs,
    /// Never prompt: fail with a message when an input is missing.
    #[arg(long)]
    pub non_interactive: bool,
    /// Do not test the new keys live before storing them (not recommended).
    #[arg(long)]
    pub skip_test: bool,
    /// Store and write the new keys even when the live test fails.
    #[arg(long, conflicts_with = "skip_test")]
    pub write_anyway: bool,
    /// Also replace values other than the keys that were edited by hand since (an endpoint, the
    /// protocol): without it, such a file stops the rotation with exit 3, as `setup` does.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Show the plan (each file, its host, what changes) without storing or writing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the result as JSON (schemas/rotate.json).
    #[arg(long)]
    pub json: bool,
    /// Allow plain http:// to a host other than this machine (the key travels in clear text).
    #[arg(long)]
    pub allow_http: bool,
    /// Write through a symlinked .env to its target (as `setup --follow-symlinks`).
    #[arg(long)]
    pub follow_symlinks: bool,
    /// Replace a read-only .env, or one that belongs to another user (it keeps its owner, group
    /// and mode).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub probe: ProbeArgs,
    /// Not a rotation: the host and the families are the profile's (refused with the `setup`
    /// line that changes them, rather than clap's bare "unexpected argument").
    #[arg(long, hide = true)]
    pub host: Option<String>,
    #[arg(long, hide = true)]
    pub vars: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub profile: ProfileArgs,
    /// Variable families, comma-separated. Default: the profile's.
    #[arg(long, value_parser = Lenient::<Family>::all(), value_delimiter = ',')]
    pub vars: Vec<Family>,
    /// Output format.
    #[arg(long, value_parser = Lenient::<OutputFormat>::all(), default_value = "dotenv")]
    pub format: OutputFormat,
    /// Print to a terminal too (the secret then stays in the scrollback).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub profile: ProfileArgs,
    /// Variable families, comma-separated. Default: the profile's.
    #[arg(long, value_parser = Lenient::<Family>::all(), value_delimiter = ',')]
    pub vars: Vec<Family>,
    /// Let variables already set in the environment win over the profile's. Default: the
    /// profile's values replace them, so a stale exported key cannot shadow the profile.
    #[arg(long)]
    pub keep_env: bool,
    /// The command and its arguments, after `--`.
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<std::ffi::OsString>,
}

#[derive(Debug, Args)]
pub struct ProfilesArgs {
    #[command(subcommand)]
    pub action: Option<ProfilesAction>,
    /// Seconds to wait for the OS keyring (one deadline for all the profiles, asked at once).
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = parse_seconds, global = true)]
    pub keyring_timeout: Duration,
    /// Print the result as JSON (schemas/profiles.json).
    #[arg(long, global = true)]
    pub json: bool,
    /// Also test every profile live, all at once: host, project, keyring, files, result.
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub probe: ProbeArgs,
}

#[derive(Debug, Subcommand)]
pub enum ProfilesAction {
    /// List the profiles (the default).
    List,
    /// Delete a profile and its keyring entry (the .env files stay); asks first in a terminal.
    Remove {
        /// The profile to delete.
        name: String,
        /// Do not ask (needed without a terminal).
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

impl ProbeArgs {
    /// The values with no flag given (clap's own defaults, not a copy of them).
    pub fn default_values() -> ProbeArgs {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            probe: ProbeArgs,
        }
        Only::parse_from(["langfuse-otel"]).probe
    }
}

/// How the live test runs.
#[derive(Debug, Args, Clone)]
pub struct ProbeArgs {
    /// Seconds to wait for a connection.
    #[arg(long, value_name = "SECS", default_value = "5", value_parser = parse_seconds)]
    pub connect_timeout: Duration,
    /// Seconds one request may take, connection included (5xx and resets are retried twice).
    #[arg(long, value_name = "SECS", default_value = "10", value_parser = parse_seconds)]
    pub timeout: Duration,
    /// After a successful test, send one span named "langfuse-otel test span" and print its link.
    #[arg(long)]
    pub send_test_trace: bool,
}

fn parse_seconds(input: &str) -> Result<Duration, String> {
    match input.trim().parse::<f64>() {
        Ok(secs) if secs > 0.0 && secs <= 600.0 => Ok(Duration::from_secs_f64(secs)),
        _ => Err(tr!("cli-seconds-invalid")),
    }
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// The .env to test; repeat for several. Default: ./.env, or the process environment when
    /// there is none.
    #[arg(long = "env-file", value_name = "PATH")]
    pub env_files: Vec<PathBuf>,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Allow plain http:// to a host other than this machine (the key travels in clear text).
    #[arg(long)]
    pub allow_http: bool,
    #[command(flatten)]
    pub probe: ProbeArgs,
    /// Test a profile (its secret from the keyring) instead of a .env (LANGFUSE_OTEL_PROFILE when
    /// no --env-file is given).
    #[arg(long, value_name = "NAME", conflicts_with = "env_files")]
    pub profile: Option<String>,
    /// After the live test, send one real span per family and read it back through Langfuse's
    /// public API (GET /api/public/traces/{id}) until it is visible: reports the time it took,
    /// and the likely cause when it is slow or never shows.
    #[arg(long)]
    pub arrival: bool,
    /// Seconds to wait for the span to become visible, with --arrival.
    #[arg(long, value_name = "SECS", default_value = "60", value_parser = parse_seconds)]
    pub arrival_timeout: Duration,
    /// Seconds to wait for the OS keyring, with --profile.
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = parse_seconds)]
    pub keyring_timeout: Duration,
    /// Check the .env alone. By default the variables already set in this process's environment
    /// are read too: python-dotenv's load_dotenv() and Node's dotenv.config() keep them over the
    /// file's, so they are what the app would use.
    #[arg(long)]
    pub no_env: bool,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// The .env to check; repeat for several. Default: ./.env, or the process environment when
    /// there is none.
    #[arg(long = "env-file", value_name = "PATH")]
    pub env_files: Vec<PathBuf>,
    /// The same as --env-file PATH (kept for scripts that pass the files as arguments).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Check the .env files a profile wrote (LANGFUSE_OTEL_PROFILE when no file is given).
    #[arg(long, value_name = "NAME", conflicts_with_all = ["env_files", "paths"])]
    pub profile: Option<String>,
    /// Static checks only: no request leaves this machine.
    #[arg(long)]
    pub offline: bool,
    /// Check the .env alone. By default the variables already set in this process's environment
    /// are read too: python-dotenv's load_dotenv() and Node's dotenv.config() keep them over the
    /// file's, so they are what the app would use.
    #[arg(long)]
    pub no_env: bool,
    /// Print the findings and results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Rewrite the affected lines (after showing the diff; each file keeps a .bak), ignore the file
    /// in git, tighten its permissions.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: write through a symlinked .env to its target.
    #[arg(long, requires = "fix")]
    pub follow_symlinks: bool,
    /// With --fix: replace a read-only .env, or one that belongs to another user (it keeps its
    /// owner, group and mode).
    #[arg(long, requires = "fix")]
    pub force: bool,
    /// Allow plain http:// to a host other than this machine (the key travels in clear text).
    #[arg(long)]
    pub allow_http: bool,
    #[command(flatten)]
    pub probe: ProbeArgs,
}

#[derive(Debug, Args)]
pub struct HelpArgs {
    /// A command (`setup`, `profiles remove`, ...) or a topic: `exit-codes`, `environment`.
    #[arg(value_name = "COMMAND|TOPIC")]
    pub topic: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to write the demo .env. Default: a new temporary directory (kept, and named).
    #[arg(long = "env-file", value_name = "PATH")]
    pub env_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Delay every answer by this many milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency_ms: u64,
    /// Accept this key pair (`pk:sk`, read from the environment variable
    /// LANGFUSE_OTEL_SANDBOX_KEYS) instead of the demo keys.
    #[arg(long)]
    pub keys_from_env: bool,
    /// A hostile server: every string it sends carries escape sequences, controls, bidi marks,
    /// overlong text and the echoed Authorization header (to check what reaches the terminal).
    #[arg(long)]
    pub hostile: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// KEY=value lines, quoted for every .env dialect.
    Dotenv,
    /// `export KEY='value'` lines for sh, bash and zsh.
    Shell,
    /// One JSON object, `{"NAME": "value", ...}`.
    Json,
    /// A Kubernetes `v1` Secret manifest (`stringData`), named after the profile.
    K8sSecret,
    /// An env file for `docker run --env-file`, which takes every value literally (a value that
    /// cannot be written literally is refused).
    Docker,
    /// Lines for `$GITHUB_ENV` in GitHub Actions (`NAME<<DELIMITER` blocks, multi-line safe).
    Github,
}

#[derive(Debug, Args)]
pub struct EncodeArgs {
    #[command(flatten)]
    pub host: EncodeHostArgs,
    #[command(flatten)]
    pub keys: KeyArgs,
    #[command(flatten)]
    pub vars: VarArgs,
    /// Output format.
    #[arg(long, value_parser = Lenient::<OutputFormat>::all(), default_value = "dotenv")]
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

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The error line (one or more words; joined with spaces). Read from standard input when none.
    #[arg(value_name = "LINE")]
    pub line: Vec<String>,
    /// The .env the app loads, checked for the lines that lead to this error. Default: ./.env when
    /// there is one.
    #[arg(long, value_name = "PATH", conflicts_with = "no_env_file")]
    pub env_file: Option<PathBuf>,
    /// Do not read any .env: explain the line alone.
    #[arg(long)]
    pub no_env_file: bool,
    /// Print the explanation as JSON.
    #[arg(long)]
    pub json: bool,
}
