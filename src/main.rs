use std::io::Write as _;
use std::process::ExitCode;

use langfuse_otel::cli;
use langfuse_otel::commands;
use langfuse_otel::core::i18n;
use langfuse_otel::exit::{WatchedOutput, conclude};

fn main() -> ExitCode {
    i18n::set_language(cli::language_of(std::env::args_os(), |name| {
        std::env::var(name).ok()
    }));
    let cli = match cli::parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(error) => {
            let code = error.exit_code();
            if let Some(text) = langfuse_otel::usage_error::localized(&error) {
                eprint!("{text}");
                return ExitCode::from(code as u8);
            }
            // `--help` and `--version` that cannot be written are failures too.
            let printed = error.print().and_then(|_| std::io::stdout().flush());
            return ExitCode::from(if printed.is_err() && code == 0 {
                1
            } else {
                code as u8
            });
        }
    };
    if let Some(warning) = langfuse_otel::io::logging::init(cli.verbose) {
        eprintln!("{}", langfuse_otel::tr!("cli-warning", message = warning));
    }
    let mut out = WatchedOutput::new(std::io::stdout().lock());
    let mut err = std::io::stderr().lock();
    let result = commands::run(cli, &mut out, &mut err);
    let stdout_failure = out.finish();
    ExitCode::from(conclude(result, stdout_failure, &mut err))
}
