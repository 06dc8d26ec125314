//! Opening the terminal wizard: what exists is detected here (the IO), then the wizard runs.

use std::io::{IsTerminal as _, Write};
use std::path::{Path, PathBuf};

use super::{live, say};
use crate::apply::families_in;
use crate::core::vars::Family;
use crate::exit::{Exit, Failure};
use crate::io::probe::{ProbeOptions, Prober};
use crate::io::profile::{DEFAULT_PROFILE, ProfileDir};
use crate::io::secret_store::SecretStore;
use crate::tui::app::{App, Context};
use crate::tui::effects::Effects;
use crate::tui::terminal::{self, Ending};

/// True when a person is at a terminal on both ends.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

pub struct WizardOptions {
    /// The .env the wizard starts with (`setup --env-file`); `./.env` when none.
    pub env_file: Option<PathBuf>,
    pub profile: String,
    pub keyring_timeout: std::time::Duration,
    /// `demo`: no keyring, no profiles.
    pub ephemeral: bool,
}

impl Default for WizardOptions {
    fn default() -> Self {
        WizardOptions {
            env_file: None,
            profile: DEFAULT_PROFILE.to_string(),
            keyring_timeout: crate::io::secret_store::DEFAULT_TIMEOUT,
            ephemeral: false,
        }
    }
}

pub fn run(
    options: WizardOptions,
    prefill: impl FnOnce(&mut App),
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let regions = live::region_hosts()?;
    let profiles = if options.ephemeral {
        None
    } else {
        Some(ProfileDir::from_env()?)
    };
    let known = match &profiles {
        Some(dir) => dir
            .names()?
            .iter()
            .filter_map(|name| dir.load(name).ok())
            .collect(),
        None => Vec::new(),
    };
    let env_file = Path::new(".env");
    let env_file = std::fs::read_to_string(env_file)
        .ok()
        .filter(|text| !families_in(text).is_empty())
        .map(|_| PathBuf::from(".env"));
    let env_families = Family::ALL
        .into_iter()
        .filter(|f| {
            f.variable_names()
                .iter()
                .any(|n| std::env::var_os(n).is_some())
        })
        .collect();
    let context = Context {
        env_file,
        env_families,
        profiles: known,
        regions: regions.clone(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        profile_name: options.profile,
        ephemeral: options.ephemeral,
        home: directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf()),
        cwd: std::env::current_dir().ok(),
        node_project: crate::io::envfile::node_project(
            options.env_file.as_deref().unwrap_or(Path::new(".env")),
        ),
    };
    // Plain http to another machine is confirmed in the wizard itself (Ctrl-Y) before any request.
    let prober = Prober::new(ProbeOptions {
        allow_http: true,
        ..ProbeOptions::default()
    })
    .map_err(|e| Failure::new(Exit::Failure, e))?;
    let effects = Effects {
        prober,
        store: SecretStore::new(options.keyring_timeout),
        regions,
        profiles,
    };
    let ending = terminal::run(context, effects, prefill).map_err(|e| {
        Failure::new(
            Exit::Failure,
            crate::tr!("cli-wizard-terminal-failed", error = e.to_string()),
        )
    })?;
    match ending {
        Ending::Done(done) => {
            for file in &done.files {
                say!(out, "{file}");
            }
            if let Some(profile) = &done.profile {
                say!(
                    out,
                    "{}",
                    crate::tr!("cli-wizard-profile-saved", profile = profile.to_string())
                );
            }
            Ok(())
        }
        Ending::Quit => {
            say!(err, "{}", crate::tr!("cli-wizard-left"));
            Ok(())
        }
        Ending::Interrupted(code) => {
            say!(err, "{}", crate::tr!("cli-wizard-interrupted"));
            Err(Failure::child(code))
        }
    }
}
