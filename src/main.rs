use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use langfuse_otel::cli::Cli;
use langfuse_otel::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(warning) = langfuse_otel::io::logging::init(cli.verbose) {
        eprintln!("warning: {warning}");
    }
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    match commands::run(cli, &mut out, &mut err) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let _ = out.flush();
            if !failure.message.is_empty() {
                let _ = writeln!(err, "error: {failure}");
            }
            ExitCode::from(failure.code())
        }
    }
}
