//! Storage and output: the keyring status (and the choice when it is unavailable), the .env path,
//! the variable families, and a preview of the exact lines, secret masked, as a diff against the
//! existing file.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::{Line, Span};

use crate::apply::GitExposure;
use crate::core::dotenv::{ChangeKind, Document, upsert};
use crate::core::vars::{Family, may_show};
use crate::io::profile::SecretLocation;
use crate::io::secret_store::KERNEL_KEYRING;
use crate::tui::app::{App, Effect, Flow, KeyringStatus, OutputFocus, Screen, WriteJob};
use crate::tui::view::{Body, Theme, field, list};

pub fn keys(app: &App) -> &'static [(&'static str, &'static str)] {
    match app.output.focus {
        OutputFocus::KeyringChoice(_) => &[
            ("↑↓", "choose"),
            ("Enter", "select"),
            ("r", "retry"),
            ("n", "only in .env"),
            ("k", "kernel keyring"),
            ("Esc", "back"),
            ("Ctrl-C", "quit"),
        ],
        OutputFocus::Gitignore => &[
            ("Tab", "next"),
            ("Space", "toggle"),
            ("Enter", "write"),
            ("Esc", "back"),
            ("Ctrl-C", "quit"),
        ],
        OutputFocus::Family(_) => &[
            ("Tab", "next"),
            ("Space", "toggle"),
            ("Enter", "write"),
            ("Esc", "back"),
            ("Ctrl-C", "quit"),
        ],
        OutputFocus::Keyring => &[
            ("Tab", "next"),
            ("Space", "toggle"),
            ("r", "retry keyring"),
            ("Enter", "write"),
            ("Esc", "back"),
        ],
        _ => &[
            ("Tab", "next"),
            ("Enter", "write"),
            ("Esc", "back"),
            ("Ctrl-C", "quit"),
        ],
    }
}

/// What to do when the keyring cannot be used: asked before anything else on the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyringChoice {
    Retry,
    EnvOnly,
    /// The Linux kernel keyring, where this build has it.
    Kernel,
}

impl KeyringChoice {
    /// The choices this build offers.
    pub fn all() -> &'static [KeyringChoice] {
        const WITH_KERNEL: [KeyringChoice; 3] = [
            KeyringChoice::Retry,
            KeyringChoice::EnvOnly,
            KeyringChoice::Kernel,
        ];
        if KERNEL_KEYRING {
            &WITH_KERNEL
        } else {
            &WITH_KERNEL[..2]
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            KeyringChoice::Retry => "Retry the keyring          (r)",
            KeyringChoice::EnvOnly => "Keep the secret only in the .env   (n)",
            KeyringChoice::Kernel => {
                "Keep it in the kernel keyring: in memory, until reboot or logout   (k)"
            }
        }
    }
}

/// The keyring needs a decision before the write.
fn keyring_blocked(app: &App) -> bool {
    matches!(app.flow, Flow::Setup)
        && !app.context.ephemeral
        && matches!(app.output.keyring, KeyringStatus::Unavailable(_))
        && !app.output.keyring_declined
}

fn focus_order(app: &App) -> Vec<OutputFocus> {
    let mut order = Vec::new();
    if keyring_blocked(app) {
        order.extend((0..KeyringChoice::all().len()).map(OutputFocus::KeyringChoice));
    }
    if !matches!(app.flow, Flow::Rotate(_)) {
        order.push(OutputFocus::Path);
        order.extend(Family::ALL.map(OutputFocus::Family));
    }
    if records_profile(app) {
        order.push(OutputFocus::Profile);
    }
    if git_offer(app).is_some() {
        order.push(OutputFocus::Gitignore);
    }
    if matches!(app.flow, Flow::Setup) && !app.context.ephemeral && !keyring_blocked(app) {
        order.push(OutputFocus::Keyring);
    }
    order.push(OutputFocus::Write);
    order
}

/// What git said about the files this screen writes, when it answered for exactly these paths.
fn git_exposures(app: &App) -> Option<&[GitExposure]> {
    let exposures = app.output.git.as_deref()?;
    let paths = paths(app);
    (exposures.len() == paths.len() && exposures.iter().zip(&paths).all(|(e, p)| e.file == *p))
        .then_some(exposures)
}

/// The files git would commit (the .gitignore offer is made for these).
fn git_unignored(app: &App) -> Vec<PathBuf> {
    git_exposures(app)
        .unwrap_or_default()
        .iter()
        .flat_map(|e| e.unignored.iter().cloned())
        .collect()
}

/// The .gitignore lines offered, escaped per gitignore(5) exactly as they would be written;
/// `None` when git would commit nothing, or a name holds a line break (no line can match it).
fn git_offer(app: &App) -> Option<Vec<String>> {
    let lines: Option<Vec<String>> = git_exposures(app)?
        .iter()
        .flat_map(GitExposure::ignore_lines)
        .collect();
    lines.filter(|lines| !lines.is_empty())
}

/// Asks git about the files this screen writes; an answer for paths since edited is dropped.
fn check_git(app: &mut App) -> Effect {
    let id = app.request();
    app.output.git_request = Some(id);
    app.output.git = None;
    Effect::CheckGit {
        id,
        paths: paths(app),
    }
}

/// A setup that records a profile (not the demo).
fn records_profile(app: &App) -> bool {
    matches!(app.flow, Flow::Setup) && !app.context.ephemeral
}

/// Where the profile name stands against the profiles that exist: a profile belongs to one host
/// and one project, so a name taken by another is refused (with a free one suggested).
pub enum ProfileFit {
    New,
    Joins,
    Invalid(String),
    Taken { host: String, suggestion: String },
}

pub fn profile_fit(app: &App, name: &str) -> ProfileFit {
    if let Err(error) = crate::io::profile::validate_name(name) {
        return ProfileFit::Invalid(error.to_string());
    }
    let (Some(host), Some(keys)) = (app.target_host(), app.current_keys()) else {
        return ProfileFit::New;
    };
    let taken = |name: &str| {
        app.context.profiles.iter().find(|p| {
            p.name == name
                && (p.host().ok().as_ref() != Some(&host) || p.public_key != keys.public.as_str())
        })
    };
    match taken(name) {
        Some(profile) => {
            let suggestion = (2..1000)
                .map(|n| format!("{name}-{n}"))
                .find(|n| taken(n).is_none())
                .unwrap_or_default();
            ProfileFit::Taken {
                host: profile.host.clone(),
                suggestion,
            }
        }
        None if app.context.profiles.iter().any(|p| p.name == name) => ProfileFit::Joins,
        None => ProfileFit::New,
    }
}

/// The name a new setup suggests: the one asked for, else the project directory's (or the
/// host's), never one that belongs to another host or project.
fn suggest_profile(app: &App) -> String {
    use crate::io::profile::{DEFAULT_PROFILE, suggest_name};
    let base = if app.context.profile_name != DEFAULT_PROFILE {
        app.context.profile_name.clone()
    } else {
        match app.target_host() {
            Some(host) => {
                let path = resolve(app, app.output.path.value());
                suggest_name(path.parent(), &host)
            }
            None => DEFAULT_PROFILE.to_string(),
        }
    };
    match profile_fit(app, &base) {
        ProfileFit::Taken { suggestion, .. } => suggestion,
        _ => base,
    }
}

/// The .env path as typed, `~` expanded and made absolute (what is written, and what is shown).
pub fn resolve(app: &App, typed: &str) -> PathBuf {
    let typed = typed.trim();
    let home = app.context.home.as_deref();
    let path = match (typed.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.to_path_buf(),
        (Some(rest), Some(home)) if rest.starts_with('/') => home.join(&rest[1..]),
        _ => PathBuf::from(typed),
    };
    match &app.context.cwd {
        Some(cwd) if path.is_relative() => cwd.join(path),
        _ => path,
    }
}

/// The files this screen writes.
pub fn paths(app: &App) -> Vec<PathBuf> {
    match &app.flow {
        Flow::Rotate(profile) => profile
            .env_files
            .iter()
            .filter(|p| p.exists())
            .cloned()
            .collect(),
        _ => vec![resolve(app, app.output.path.value())],
    }
}

pub fn enter(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Output;
    if records_profile(app) && app.output.profile.is_empty() {
        let name = suggest_profile(app);
        app.output.profile.set(&name);
    }
    app.output.error = None;
    app.output.writing = false;
    let mut effects = Vec::new();
    if matches!(app.flow, Flow::Setup) && !app.context.ephemeral {
        app.output.keyring = KeyringStatus::Checking;
        app.output.keyring_declined = false;
        effects.push(check_keyring(app));
    }
    app.output.focus = focus_order(app)[0];
    if let Some(path) = paths(app).into_iter().next() {
        effects.push(read_env(app, path));
    }
    effects.push(check_git(app));
    effects
}

/// The keyring check answered: when it cannot be used, the choice comes first and has the focus.
pub fn on_keyring_checked(app: &mut App) {
    if keyring_blocked(app) {
        app.output.focus = OutputFocus::KeyringChoice(0);
    } else if matches!(app.output.focus, OutputFocus::KeyringChoice(_)) {
        app.output.focus = focus_order(app)[0];
    }
}

fn check_keyring(app: &mut App) -> Effect {
    let id = app.request();
    app.output.keyring_request = Some(id);
    Effect::CheckKeyring {
        id,
        profile: app.profile_name(),
    }
}

/// Reads the file the preview diffs against; an answer for a path since edited is dropped.
fn read_env(app: &mut App, path: PathBuf) -> Effect {
    let id = app.request();
    app.output.read_request = Some(id);
    app.output.existing = None;
    app.output.existing_mode = None;
    Effect::ReadEnv { id, path }
}

/// The path was edited (typed or pasted): the preview's file and git's answer are asked again.
pub fn path_changed(app: &mut App) -> Vec<Effect> {
    let path = resolve(app, app.output.path.value());
    vec![read_env(app, path), check_git(app)]
}

fn choose_keyring(app: &mut App, choice: KeyringChoice) -> Vec<Effect> {
    match choice {
        KeyringChoice::Retry => {
            app.output.keyring = KeyringStatus::Checking;
            app.output.keyring_declined = false;
            app.output.use_kernel_keyring = false;
            vec![check_keyring(app)]
        }
        KeyringChoice::EnvOnly | KeyringChoice::Kernel => {
            app.output.use_keyring = false;
            app.output.use_kernel_keyring = choice == KeyringChoice::Kernel;
            app.output.keyring_declined = true;
            app.output.error = None;
            app.output.focus = OutputFocus::Write;
            Vec::new()
        }
    }
}

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if app.output.writing {
        return Vec::new();
    }
    let order = focus_order(app);
    let position = order
        .iter()
        .position(|f| *f == app.output.focus)
        .unwrap_or(0);
    let on_choice = matches!(app.output.focus, OutputFocus::KeyringChoice(_));
    match key.code {
        KeyCode::Tab | KeyCode::Down => app.output.focus = order[(position + 1) % order.len()],
        KeyCode::BackTab | KeyCode::Up => {
            app.output.focus = order[(position + order.len() - 1) % order.len()]
        }
        KeyCode::Esc => {
            app.screen = match app.flow {
                Flow::Export(_) => Screen::Start,
                _ => Screen::Test,
            };
        }
        KeyCode::Enter => {
            if let OutputFocus::KeyringChoice(i) = app.output.focus {
                let choices = KeyringChoice::all();
                return choose_keyring(app, choices[i.min(choices.len() - 1)]);
            }
            return write(app);
        }
        KeyCode::Char('r') if on_choice || app.output.focus == OutputFocus::Keyring => {
            return choose_keyring(app, KeyringChoice::Retry);
        }
        KeyCode::Char('n') if on_choice => return choose_keyring(app, KeyringChoice::EnvOnly),
        KeyCode::Char('k') if on_choice && KERNEL_KEYRING => {
            return choose_keyring(app, KeyringChoice::Kernel);
        }
        KeyCode::Char(' ') if matches!(app.output.focus, OutputFocus::Family(_)) => {
            if let OutputFocus::Family(family) = app.output.focus {
                let families = &mut app.output.families;
                match families.iter().position(|f| *f == family) {
                    Some(at) => {
                        families.remove(at);
                    }
                    None => {
                        families.push(family);
                        families.sort();
                    }
                }
            }
        }
        KeyCode::Char(' ') if app.output.focus == OutputFocus::Gitignore => {
            app.output.ignore_in_git = !app.output.ignore_in_git;
        }
        KeyCode::Char(' ')
            if app.output.focus == OutputFocus::Keyring
                && app.output.keyring == KeyringStatus::Available =>
        {
            app.output.use_keyring = !app.output.use_keyring;
        }
        _ if app.output.focus == OutputFocus::Profile => {
            app.output.profile.handle(key);
        }
        _ if app.output.focus == OutputFocus::Path && app.output.path.handle(key) => {
            return path_changed(app);
        }
        _ => {}
    }
    Vec::new()
}

fn write(app: &mut App) -> Vec<Effect> {
    let fail = |app: &mut App, message: &str| {
        app.output.error = Some(message.to_string());
        Vec::new()
    };
    if !matches!(app.flow, Flow::Rotate(_)) && app.selected_families().is_empty() {
        return fail(app, "Choose at least one variable family (Space toggles).");
    }
    if app.output.path.value().trim().is_empty() && !matches!(app.flow, Flow::Rotate(_)) {
        return fail(app, "Give the .env path.");
    }
    if records_profile(app) {
        match profile_fit(app, &app.profile_name()) {
            ProfileFit::Invalid(error) => {
                app.output.focus = OutputFocus::Profile;
                return fail(app, &error);
            }
            ProfileFit::Taken { host, suggestion } => {
                app.output.focus = OutputFocus::Profile;
                let message = format!(
                    "Profile `{}` belongs to {host}: give another name (`{suggestion}` is free).",
                    app.profile_name()
                );
                return fail(app, &message);
            }
            ProfileFit::New | ProfileFit::Joins => {}
        }
    }
    let (store_in_keyring, record) = match &app.flow {
        Flow::Setup if app.context.ephemeral => (false, None),
        Flow::Setup => match &app.output.keyring {
            KeyringStatus::Checking => return fail(app, "Still checking the keyring…"),
            KeyringStatus::Unavailable(_) if !app.output.keyring_declined => {
                app.output.focus = OutputFocus::KeyringChoice(0);
                return fail(
                    app,
                    "The keyring cannot be used: choose above (retry, or keep the secret only in the .env).",
                );
            }
            _ if app.output.use_keyring => (true, Some(SecretLocation::Keyring)),
            _ if app.output.use_kernel_keyring => (true, Some(SecretLocation::KernelKeyring)),
            _ => (false, Some(SecretLocation::EnvFile)),
        },
        Flow::Rotate(profile) => (
            profile.secret != SecretLocation::EnvFile,
            Some(profile.secret),
        ),
        Flow::Export(profile) => (false, Some(profile.secret)),
    };
    let paths = paths(app);
    if paths.is_empty() {
        return fail(app, "None of the profile's .env files exists any more.");
    }
    let (Some(keys), Some(host)) = (app.current_keys(), app.target_host()) else {
        return fail(
            app,
            "The keys or the host are missing: go back and enter them.",
        );
    };
    if !app.may_write() {
        // Not proven for these exact inputs (a family toggled since the test, say): test them
        // first; the test screen comes back here.
        return super::test::start(app);
    }
    let families = app.families();
    app.output.writing = true;
    app.output.error = None;
    let id = app.request();
    app.output.write_request = Some(id);
    vec![Effect::Write {
        id,
        job: WriteJob {
            paths,
            host,
            keys,
            families,
            signals: app.signals(),
            headers: app.headers().to_vec(),
            store_in_keyring,
            record,
            profile: app.profile_name(),
            rotating: matches!(app.flow, Flow::Rotate(_)),
            tested: app.proven(),
            gitignore: app.output.ignore_in_git && git_offer(app).is_some(),
        },
    }]
}

/// The diff the write would make, secret values masked (new and old).
pub fn preview(app: &App) -> Vec<(char, String)> {
    let Some(variables) = app.variables() else {
        return vec![(' ', "(the keys are not loaded yet)".to_string())];
    };
    let first = paths(app).into_iter().next();
    let text = match &app.output.existing {
        Some((path, Ok(text))) if Some(path) == first.as_ref() => text.clone().unwrap_or_default(),
        Some((path, Err(error))) if Some(path) == first.as_ref() => {
            return vec![('!', error.clone())];
        }
        _ => String::new(),
    };
    let pairs: Vec<(&str, &str)> = variables.iter().map(|v| (v.name, v.expose())).collect();
    let edit = match upsert(&text, &pairs) {
        Ok(edit) => edit,
        Err(error) => return vec![('!', error.to_string())],
    };
    let doc = Document::parse(&text);
    let mut lines = Vec::new();
    for (change, variable) in edit.changes.iter().zip(&variables) {
        match change.kind {
            ChangeKind::Added => lines.push(('+', format!("{}={}", variable.name, variable.shown))),
            ChangeKind::Unchanged => {
                lines.push((' ', format!("{}={}", variable.name, variable.shown)))
            }
            ChangeKind::Updated => {
                let old = doc
                    .assignments(variable.name)
                    .last()
                    .map(|a| doc.raw_value(a).to_string())
                    .unwrap_or_default();
                let old = if !may_show(variable.name, &old) {
                    "(old value hidden)".to_string()
                } else {
                    old
                };
                lines.push(('-', format!("{}={old}", variable.name)));
                lines.push(('+', format!("{}={}", variable.name, variable.shown)));
            }
        }
    }
    lines
}

pub fn body(app: &App) -> Body<'static> {
    let theme = Theme::of(app);
    let focus = app.output.focus;
    let mut lines = Vec::new();
    let mut focus_line = None;
    let mark = |f: OutputFocus| if focus == f { "›" } else { " " };

    if keyring_blocked(app)
        && let KeyringStatus::Unavailable(error) = &app.output.keyring
    {
        lines.push(Line::styled(
            format!("✗ Keyring: {}.", error.cause_line()),
            theme.bad(),
        ));
        lines.push(Line::from(format!("  Fix: {}.", error.remedy())));
        let selected = match focus {
            OutputFocus::KeyringChoice(i) => i,
            _ => usize::MAX,
        };
        if selected != usize::MAX {
            focus_line = Some(lines.len() + selected);
        }
        let rows = KeyringChoice::all()
            .iter()
            .map(|c| Line::from(c.label()))
            .collect();
        lines.extend(list(rows, selected, theme));
        lines.push(Line::from(""));
    }
    match &app.flow {
        Flow::Rotate(profile) => {
            lines.push(Line::from(format!(
                "Rewrites every .env of profile `{}` (each keeps a .bak):",
                profile.name
            )));
            for path in &profile.env_files {
                let state = if path.exists() {
                    ""
                } else {
                    "  (missing: skipped)"
                };
                lines.push(Line::from(format!("  {}{state}", path.display())));
            }
            let place = match profile.secret {
                SecretLocation::EnvFile => "the secret stays only in the .env files".to_string(),
                keyring => format!("{} gets the new secret", keyring.place()),
            };
            lines.push(Line::from(format!("  and {place}.")));
        }
        _ => {
            if focus == OutputFocus::Path {
                focus_line = Some(lines.len());
            }
            lines.push(Line::from(format!(
                "{} .env file   {}",
                mark(OutputFocus::Path),
                field(&app.output.path, focus == OutputFocus::Path, false)
            )));
            let resolved = resolve(app, app.output.path.value());
            if resolved.as_os_str() != app.output.path.value() && !app.output.path.is_empty() {
                lines.push(Line::styled(
                    format!("              = {}", resolved.display()),
                    theme.dim(),
                ));
            }
            let mut families = format!(
                "{} Variables  ",
                if matches!(focus, OutputFocus::Family(_)) {
                    "›"
                } else {
                    " "
                }
            );
            for family in Family::ALL {
                let on = if app.output.families.contains(&family) {
                    "[x]"
                } else {
                    "[ ]"
                };
                let cursor = if focus == OutputFocus::Family(family) {
                    ">"
                } else {
                    " "
                };
                families.push_str(&format!("{cursor}{on} {}  ", family.name()));
            }
            if matches!(focus, OutputFocus::Family(_)) {
                focus_line = Some(lines.len());
            }
            lines.push(Line::from(families));
            if records_profile(app) {
                if focus == OutputFocus::Profile {
                    focus_line = Some(lines.len());
                }
                let name = app.profile_name();
                let fit = profile_fit(app, &name);
                let refused = matches!(fit, ProfileFit::Invalid(_) | ProfileFit::Taken { .. });
                let (state, style) = match fit {
                    ProfileFit::New => ("new profile".to_string(), theme.dim()),
                    ProfileFit::Joins => (
                        "exists for this host and key: this file joins it".to_string(),
                        theme.dim(),
                    ),
                    ProfileFit::Invalid(error) => (format!("✗ {error}"), theme.bad()),
                    ProfileFit::Taken { host, suggestion } => (
                        format!("✗ belongs to {host}: `{suggestion}` is free"),
                        theme.bad(),
                    ),
                };
                let label = format!(
                    "{} Profile     {}  ",
                    mark(OutputFocus::Profile),
                    field(&app.output.profile, focus == OutputFocus::Profile, false)
                );
                // A refusal wraps, whole, in its colour; a note sits beside the field.
                lines.push(if refused {
                    Line::styled(format!("{label}{state}"), style)
                } else {
                    Line::from(vec![Span::raw(label), Span::styled(state, style)])
                });
            }
        }
    }
    for exposure in git_exposures(app).unwrap_or_default() {
        if let Some(why) = &exposure.unknown {
            lines.push(Line::styled(
                format!(
                    "! cannot tell whether git would commit {} ({why})",
                    exposure.file.display()
                ),
                theme.warn(),
            ));
        }
        for file in &exposure.tracked {
            lines.push(Line::styled(
                format!(
                    "✗ git tracks {}: the secret key goes into the next commit; run `git rm --cached {}`",
                    file.display(),
                    crate::core::formats::shell_quote(&file.to_string_lossy())
                ),
                theme.bad(),
            ));
        }
    }
    let unignored = git_unignored(app);
    if !unignored.is_empty() {
        lines.push(Line::styled(
            format!(
                "! git would commit {} (the secret key is in {})",
                GitExposure::names(&unignored),
                if unignored.len() == 1 { "it" } else { "them" }
            ),
            theme.warn(),
        ));
        match git_offer(app) {
            Some(offered) => {
                if focus == OutputFocus::Gitignore {
                    focus_line = Some(lines.len());
                }
                lines.push(Line::from(format!(
                    "{} Git        {} add {} to .gitignore",
                    mark(OutputFocus::Gitignore),
                    if app.output.ignore_in_git {
                        "[x]"
                    } else {
                        "[ ]"
                    },
                    offered.join(" and ")
                )));
            }
            None => lines.push(Line::styled(
                "  (a name with a line break: no .gitignore line can match it)",
                theme.bad(),
            )),
        }
    }
    if matches!(app.flow, Flow::Setup) && app.context.ephemeral {
        lines.push(Line::styled(
            "  Keyring    (demo: the keyring and your profiles are left alone)",
            theme.dim(),
        ));
    } else if matches!(app.flow, Flow::Setup) && !keyring_blocked(app) {
        let (text, style) = match &app.output.keyring {
            KeyringStatus::Checking => ("… checking the OS keyring".to_string(), theme.dim()),
            KeyringStatus::Available => (
                format!(
                    "{} OS keyring available: keep the secret there (the .env has it too)",
                    if app.output.use_keyring { "[x]" } else { "[ ]" }
                ),
                theme.ok(),
            ),
            KeyringStatus::Unavailable(error) if app.output.use_kernel_keyring => (
                format!(
                    "! {}: the secret goes to the kernel keyring (until reboot or logout) and the .env (your choice; r retries)",
                    error.cause_line()
                ),
                theme.warn(),
            ),
            KeyringStatus::Unavailable(error) => (
                format!(
                    "! {}: the secret stays only in the .env (your choice; r retries)",
                    error.cause_line()
                ),
                theme.warn(),
            ),
        };
        if focus == OutputFocus::Keyring {
            focus_line = Some(lines.len());
        }
        lines.push(Line::styled(
            format!("{} Keyring    {text}", mark(OutputFocus::Keyring)),
            style,
        ));
    }
    lines.push(Line::from(""));
    let target = paths(app)
        .into_iter()
        .next()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    lines.push(Line::from(format!("Preview of {target} (secrets masked):")));
    if let Some(mode) = app.output.existing_mode.filter(|mode| mode & 0o077 != 0) {
        lines.push(Line::styled(
            format!(
                "  ! others can read it (mode {mode:04o}): the write tightens it to {:04o}",
                mode & !0o077
            ),
            theme.warn(),
        ));
    }
    let mut cut = Vec::new();
    for (sign, text) in preview(app) {
        let style = match sign {
            '+' => theme.ok(),
            '-' | '!' => theme.bad(),
            _ => theme.dim(),
        };
        // One row per variable, cut to the width: a wrapped value reads like two variables.
        cut.push(lines.len());
        lines.push(Line::styled(format!("  {sign} {text}"), style));
    }
    let mut action = Vec::new();
    if app.proven() {
        action.push(Line::styled(
            "✓ proven by the live test for exactly these variables",
            theme.ok(),
        ));
    } else if app.may_write() {
        action.push(Line::styled(
            "! not tested (your choice): the write is recorded as untested",
            theme.warn(),
        ));
    } else if app.inputs().is_some() {
        action.push(Line::styled(
            "! not tested with these variables (changed since the test): Enter tests them first",
            theme.warn(),
        ));
    }
    let button = if app.output.writing {
        "[ Writing… ]"
    } else if app.may_write() || app.inputs().is_none() {
        "[ Write ]"
    } else {
        "[ Test, then write ]"
    };
    action.push(Line::styled(
        format!("{} {button}", mark(OutputFocus::Write)),
        theme.accent(),
    ));
    if let Some(error) = &app.output.error {
        action.push(Line::styled(format!("✗ {error}"), theme.bad()));
    }
    Body {
        lines,
        focus: focus_line,
        action,
        cut,
    }
}
