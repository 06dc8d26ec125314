//! What each subcommand does, given parsed arguments. Output goes to the writers passed in, so the
//! same code serves the binary and tests.

mod completions;
mod demo;
mod doctor;
mod encode;
mod explain;
mod export;
mod help;
mod live;
mod profiles;
mod rotate;
mod run;
mod sandbox;
mod setup;
mod test;
mod wizard;

use std::io::{self, IsTerminal as _, Read as _, Write};

use zeroize::Zeroizing;

use crate::cli::{Cli, Command, HostArgs, KeyArgs, OutputFormat};
use crate::core::dotenv::quote_value;
use crate::core::formats;
use crate::core::host::{Host, HostPick, normalize_host};
use crate::core::keys::{KeyPair, parse_key_pair};
use crate::core::vars::Variable;
use crate::exit::{Exit, Failure};
use crate::{tr, tr_static};

/// Runs the parsed command line. Under `--json`, a failure that printed no report is printed as
/// JSON too (`{"schema": 1, "ok": false, "exit_code": N, "error": "..."}`, schemas/error.json).
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let json = cli.command.as_ref().and_then(json_command);
    let mut counted = Counted {
        inner: out,
        bytes: 0,
    };
    // JSON is read by programs: its words (causes, fixes, errors) never change with the language.
    let result = if cli.command.as_ref().is_some_and(speaks_json) {
        crate::core::i18n::in_english(|| dispatch(cli, &mut counted, err))
    } else {
        dispatch(cli, &mut counted, err)
    };
    if let (Some(command), Err(failure)) = (json, &result)
        && counted.bytes == 0
        && !failure.message.is_empty()
    {
        let error = serde_json::json!({
            "schema": JSON_SCHEMA_VERSION,
            "command": command,
            "ok": false,
            "exit_code": failure.code(),
            "error": failure.message,
        });
        let _ = writeln!(counted, "{error:#}");
    }
    result
}

/// The `"schema"` of every JSON report; raised when a field changes meaning or goes away.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// The command's name when it was asked for JSON.
fn json_command(command: &Command) -> Option<&'static str> {
    match command {
        Command::Setup(args) if args.json => Some("setup"),
        Command::Test(args) if args.json => Some("test"),
        Command::Doctor(args) if args.json => Some("doctor"),
        Command::Rotate(args) if args.json => Some("rotate"),
        Command::Profiles(args) if args.json => Some("profiles"),
        _ => None,
    }
}

/// Whether the command prints JSON (`--json`): then it runs in English.
fn speaks_json(command: &Command) -> bool {
    json_command(command).is_some() || matches!(command, Command::Explain(args) if args.json)
}

/// A report as JSON: `schema`, `command`, `ok` and `exit_code` first, then the report's fields.
fn print_json(
    out: &mut dyn Write,
    command: &str,
    report: &impl serde::Serialize,
) -> Result<(), Failure> {
    print_json_with(out, command, Exit::Ok, report)
}

fn print_json_with(
    out: &mut dyn Write,
    command: &str,
    exit: Exit,
    report: &impl serde::Serialize,
) -> Result<(), Failure> {
    let mut map = serde_json::Map::new();
    map.insert("schema".into(), JSON_SCHEMA_VERSION.into());
    map.insert("command".into(), command.into());
    map.insert("ok".into(), (exit == Exit::Ok).into());
    map.insert("exit_code".into(), exit.code().into());
    match serde_json::to_value(report).map_err(|e| Failure::new(Exit::Failure, e))? {
        serde_json::Value::Object(fields) => map.extend(fields),
        other => {
            map.insert("result".into(), other);
        }
    }
    let text = serde_json::to_string_pretty(&serde_json::Value::Object(map))
        .map_err(|e| Failure::new(Exit::Failure, e))?;
    write_stdout(out, &format!("{text}\n"))
}

/// Counts what a command printed, so that a JSON error is never a second document.
struct Counted<'a> {
    inner: &'a mut dyn Write,
    bytes: usize,
}

impl Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.bytes += written;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The flags of `setup` that decide an answer: those the wizard has a field for become a
/// [`Prefill`](crate::tui::app::Prefill); the others (returned) make `setup` run without it.
fn setup_answer_flags(
    args: &crate::cli::SetupArgs,
) -> (crate::tui::app::Prefill, Vec<&'static str>) {
    let from_env = std::env::var("LANGFUSE_PUBLIC_KEY").ok();
    let public_flag = args.keys.public_key.is_some() && args.keys.public_key != from_env;
    let defaults = crate::cli::ProbeArgs::default_values();
    let prefill = crate::tui::app::Prefill {
        host_pick: args.host.region,
        url: args.host.host.clone(),
        allow_http: args.host.allow_http,
        public_key: args.keys.public_key.clone().filter(|_| public_flag),
        families: (!args.vars.vars.is_empty())
            .then(|| crate::core::vars::normalize_families(&args.vars.vars)),
        env_file: match args.env_files.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        },
        no_keyring: args.no_keyring,
    };
    let without_field = [
        ("--secret-key-stdin", args.keys.secret_key_stdin),
        (
            tr_static!("cli-setup-several-env-files"),
            args.env_files.len() > 1,
        ),
        ("--no-env-file", args.no_env_file),
        ("--kernel-keyring", args.kernel_keyring),
        ("--yes", args.yes),
        ("--dry-run", args.dry_run),
        ("--skip-test", args.skip_test),
        ("--write-anyway", args.write_anyway),
        ("--gitignore", args.gitignore),
        ("--follow-symlinks", args.follow_symlinks),
        ("--force", args.force),
        ("--header", !args.vars.headers.is_empty()),
        ("--signals", !args.vars.signals.is_empty()),
        (
            "--ingestion-version",
            args.vars.ingestion_version.0 != Some(crate::core::vars::DEFAULT_INGESTION_VERSION),
        ),
        ("--timeout", args.probe.timeout != defaults.timeout),
        (
            "--connect-timeout",
            args.probe.connect_timeout != defaults.connect_timeout,
        ),
        ("--send-test-trace", args.probe.send_test_trace),
        ("--json", args.json),
    ]
    .into_iter()
    .filter_map(|(flag, given)| given.then_some(flag))
    .collect();
    (prefill, without_field)
}

fn dispatch(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    match cli.command {
        Some(Command::Setup(args)) if !args.non_interactive && !args.json => {
            let (prefill, without_field) = setup_answer_flags(&args);
            let terminal = wizard::interactive();
            if terminal && without_field.is_empty() {
                return wizard::run(
                    wizard::WizardOptions {
                        env_file: prefill.env_file.clone(),
                        profile: args.profile.profile.clone(),
                        keyring_timeout: args.profile.keyring_timeout,
                        ephemeral: false,
                    },
                    move |app| app.prefill(prefill),
                    out,
                    err,
                );
            }
            if !terminal && without_field.is_empty() && prefill.is_empty() {
                // Nothing to go on and no one to ask: say how to do it without a terminal.
                let mut command = crate::cli::command();
                let setup = command
                    .find_subcommand_mut("setup")
                    .map(|c| c.render_long_help().to_string())
                    .unwrap_or_default();
                write_stdout(out, &format!("{setup}\n"))?;
                say!(err, "{}", tr!("cli-setup-no-terminal"));
                return Ok(());
            }
            if terminal {
                say!(
                    err,
                    "{}",
                    tr!(
                        "cli-setup-no-wizard-field",
                        flags = without_field.join(", ")
                    )
                );
            }
            setup::run(args, out, err)
        }
        Some(Command::Setup(args)) => setup::run(args, out, err),
        Some(Command::Encode(args)) => encode::run(args, out, err),
        Some(Command::Test(args)) => test::run(args, out, err),
        Some(Command::Demo(args)) => demo::run(args, out, err),
        Some(Command::Doctor(args)) => doctor::run(args, out, err),
        Some(Command::Sandbox(args)) => sandbox::run(args, out, err),
        Some(Command::Rotate(args)) => rotate::run(args, out, err),
        Some(Command::Export(args)) => export::run(args, out, err),
        Some(Command::Run(args)) => run::run(args, out, err),
        Some(Command::Profiles(args)) => profiles::run(args, out, err),
        Some(Command::Help(args)) => help::run(args, out, err),
        Some(Command::Explain(args)) => explain::run(args, out, err),
        Some(Command::Completions(args)) => completions::completions(args, out),
        Some(Command::Man(args)) => completions::man(args, out, err),
        None if wizard::interactive() => {
            wizard::run(wizard::WizardOptions::default(), |_| {}, out, err)
        }
        None => {
            let mut command = crate::cli::command();
            let _ = writeln!(out, "{}", command.render_long_help());
            let _ = writeln!(err, "{}", tr!("cli-no-terminal"));
            Ok(())
        }
    }
}

/// `text` and spaces up to `width` terminal columns, for the label columns of the reports: a
/// Chinese character takes two columns, so `{:<width$}` (which counts characters) would not do.
pub(crate) fn padded(text: impl AsRef<str>, width: usize) -> String {
    let text = text.as_ref();
    let shown = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}

/// A report's label (`Langfuse`, `Keys`, `Profile`...) in its 11-column field.
pub(crate) fn label(text: impl AsRef<str>) -> String {
    padded(text, 11)
}

/// Writes a line to a terminal stream; a closed pipe is not worth failing over.
macro_rules! say {
    ($w:expr, $($arg:tt)*) => {{
        // One write per line: stdout is line-buffered, and `writeln!` hands it the text and the
        // newline separately, two system calls per line (20,000 for a rotation of 1,000 files).
        let mut line = ::std::format!($($arg)*);
        line.push('\n');
        let _ = $w.write_all(line.as_bytes());
    }};
}
pub(crate) use say;

/// Where the user says Langfuse is.
enum HostChoice {
    Fixed(Host),
    /// `--region auto`: the region whose credential check succeeds.
    Auto,
}

/// The host from `--region` or `--host`, notes printed to `err`.
fn resolve_host(args: &HostArgs, err: &mut dyn Write) -> Result<Option<HostChoice>, Failure> {
    match args.region {
        // A cloud region's URL can be pointed at a sandbox (tests, benchmarks).
        Some(HostPick::Region(region)) => {
            return Ok(Some(HostChoice::Fixed(
                live::region_hosts()?
                    .into_iter()
                    .find(|(r, _)| *r == region)
                    .map_or_else(|| region.host(), |(_, host)| host),
            )));
        }
        Some(HostPick::Detect) => return Ok(Some(HostChoice::Auto)),
        // Self-hosted has no `--region` name: its URL comes with `--host`.
        Some(HostPick::SelfHosted) | None => {}
    }
    let Some(input) = &args.host else {
        return Ok(None);
    };
    let (host, notes) = normalize_host(input, args.allow_http)?;
    for note in notes {
        say!(err, "{}", tr!("cli-note", message = note.to_string()));
    }
    if !host.is_https() && !host.is_loopback() {
        say!(err, "{}", tr!("cli-plain-http", host = host.to_string()));
    }
    Ok(Some(HostChoice::Fixed(host)))
}

/// The key pair from `--public-key` / `LANGFUSE_PUBLIC_KEY` and stdin / `LANGFUSE_SECRET_KEY`.
/// `may_prompt`: false under `--non-interactive` / `--json`, which never read a terminal.
fn resolve_keys(args: &KeyArgs, may_prompt: bool, err: &mut dyn Write) -> Result<KeyPair, Failure> {
    let Some(public) = &args.public_key else {
        return Err(Failure::new(Exit::Usage, tr!("cli-no-public-key")));
    };
    let secret = read_secret(args.secret_key_stdin, may_prompt)?;
    let (pair, notes) = parse_key_pair(public, &secret)?;
    for note in notes {
        say!(err, "{}", tr!("cli-note", message = note.to_string()));
    }
    Ok(pair)
}

/// At most this much is read from stdin: a key is under 100 bytes; more is a mistake.
const STDIN_LIMIT: u64 = 64 * 1024;

fn read_secret(from_stdin: bool, may_prompt: bool) -> Result<Zeroizing<String>, Failure> {
    if !from_stdin {
        return match std::env::var("LANGFUSE_SECRET_KEY") {
            Ok(secret) => Ok(Zeroizing::new(secret)),
            Err(_) => Err(Failure::new(Exit::Usage, tr!("cli-no-secret-key"))),
        };
    }
    let stdin = io::stdin();
    if stdin.is_terminal() && !may_prompt {
        return Err(Failure::new(
            Exit::Usage,
            tr!("cli-secret-stdin-is-terminal"),
        ));
    }
    if stdin.is_terminal() {
        let secret = rpassword::prompt_password(tr!("cli-secret-prompt")).map_err(|e| {
            Failure::new(
                Exit::CannotRead,
                tr!("cli-secret-unreadable-terminal", error = e.to_string()),
            )
        })?;
        return Ok(Zeroizing::new(secret));
    }
    let mut secret = Zeroizing::new(String::new());
    stdin
        .lock()
        .take(STDIN_LIMIT + 1)
        .read_to_string(&mut secret)
        .map_err(|e| {
            Failure::new(
                Exit::CannotRead,
                tr!("cli-secret-unreadable-stdin", error = e.to_string()),
            )
        })?;
    if secret.len() as u64 > STDIN_LIMIT {
        return Err(Failure::new(
            Exit::InvalidInput,
            tr!("cli-secret-stdin-too-long", kib = STDIN_LIMIT / 1024),
        ));
    }
    // `echo "$SECRET" |` ends with a line break that is not part of the key: drop one silently.
    // Anything more is noise that the key parser reports.
    let kept = secret
        .strip_suffix("\r\n")
        .or_else(|| secret.strip_suffix('\n'))
        .map(str::len);
    if let Some(len) = kept {
        secret.truncate(len);
    }
    Ok(secret)
}

/// The variables as text in the chosen format (secrets included: only for explicit stdout).
/// `object_name` names the Kubernetes Secret.
fn render_variables(
    variables: &[Variable],
    format: OutputFormat,
    object_name: &str,
) -> Result<String, Failure> {
    let pairs =
        || -> Vec<(&str, &str)> { variables.iter().map(|v| (v.name, v.expose())).collect() };
    let unwritable = |format: &str, e: formats::Unwritable| {
        Failure::new(
            Exit::InvalidInput,
            tr!(
                "cli-format-unwritable",
                name = e.name.to_string(),
                format = format,
                reason = e.reason.to_string()
            ),
        )
    };
    let mut text = String::new();
    match format {
        OutputFormat::K8sSecret => text = formats::k8s_secret(object_name, &pairs()),
        OutputFormat::Docker => {
            text = formats::docker_env_file(&pairs())
                .map_err(|e| unwritable("docker --env-file", e))?;
        }
        OutputFormat::Github => {
            text = formats::github_env(&pairs()).map_err(|e| unwritable("$GITHUB_ENV", e))?;
        }
        OutputFormat::Dotenv => {
            for variable in variables {
                let value = quote_value(variable.expose()).map_err(|reason| {
                    Failure::new(
                        Exit::InvalidInput,
                        tr!(
                            "cli-dotenv-unwritable",
                            name = variable.name,
                            reason = reason.to_string()
                        ),
                    )
                })?;
                text.push_str(&format!("{}={value}\n", variable.name));
            }
        }
        OutputFormat::Shell => {
            for variable in variables {
                text.push_str(&format!(
                    "export {}={}\n",
                    variable.name,
                    formats::shell_quote(variable.expose())
                ));
            }
        }
        OutputFormat::Json => {
            let map: serde_json::Map<String, serde_json::Value> = variables
                .iter()
                .map(|v| (v.name.to_string(), v.expose().into()))
                .collect();
            text = serde_json::Value::Object(map).to_string();
            text.push('\n');
        }
    }
    Ok(text)
}

fn write_stdout(out: &mut dyn Write, text: &str) -> Result<(), Failure> {
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| match e.kind() {
            // The reader went away (`| head`): nothing to say, and no one to say it to.
            io::ErrorKind::BrokenPipe => Failure::new(Exit::Failure, ""),
            _ => Failure::new(
                Exit::Failure,
                tr!("cli-stdout-unwritable", error = e.to_string()),
            ),
        })
}

/// A .env that a command only reads (`test`, `doctor`): it must exist and be a readable file.
/// Every failure here is a read failure (66), said without the advice meant for writing.
fn read_env_file(path: &std::path::Path) -> Result<crate::checkup::ReadFile, Failure> {
    use crate::io::envfile::EnvFileError as E;
    let name = path.display();
    let read = crate::checkup::read_env_file(path).map_err(|error| match error {
        E::NotUtf8 { line, .. } => Failure::new(
            Exit::InvalidInput,
            tr!("cli-read-not-utf8", name = name.to_string(), line = line),
        ),
        E::IsDirectory(_) => Failure::new(
            Exit::CannotRead,
            tr!("cli-read-directory", name = name.to_string()),
        ),
        E::NoDirectory(_) => Failure::new(
            Exit::CannotRead,
            tr!("cli-read-no-directory", name = name.to_string()),
        ),
        E::Read { source, .. } => Failure::new(
            Exit::CannotRead,
            tr!(
                "cli-read-failed",
                name = name.to_string(),
                error = source.to_string()
            ),
        ),
        // Not a regular file, or too large: invalid input (65), as for a write.
        refused @ (E::NotRegular { .. } | E::TooLarge { .. }) => Failure::from(refused),
        other => Failure::new(Exit::CannotRead, other),
    })?;
    read.ok_or_else(|| {
        Failure::new(
            Exit::CannotRead,
            tr!("cli-read-missing", name = name.to_string()),
        )
    })
}
