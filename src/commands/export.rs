//! `langfuse-otel export`: a profile's variables, secret included, on stdout for other tools.

use std::io::{IsTerminal as _, Write};

use super::{profiles, render_variables, write_stdout};
use crate::cli::ExportArgs;
use crate::exit::{Exit, Failure};
use crate::io::profile::ProfileDir;
use crate::io::secret_store::SecretStore;

pub fn run(args: ExportArgs, out: &mut dyn Write, _err: &mut dyn Write) -> Result<(), Failure> {
    if std::io::stdout().is_terminal() && !args.force {
        return Err(Failure::new(Exit::Usage, crate::tr!("cli-export-terminal")));
    }
    let profile = ProfileDir::from_env()?.load(&args.profile.profile)?;
    let store = SecretStore::new(args.profile.keyring_timeout);
    let secret = profiles::secret_of(&profile, &store)?;
    let (_, _, variables) = profiles::variables_of(&profile, secret, &args.vars, &store)?;
    let object_name = crate::core::formats::k8s_name(&args.profile.profile);
    let text = render_variables(&variables, args.format, &object_name)?;
    write_stdout(out, &text)
}
