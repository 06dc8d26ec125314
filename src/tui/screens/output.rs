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
use crate::tui::view::{Body, Theme, field, list, pad};
use crate::{tr, tr_static};

pub fn keys(app: &App) -> Vec<(&'static str, &'static str)> {
    let next = ("Tab", tr_static!("wiz-key-next-field"));
    let toggle = (
        tr_static!("wiz-keyname-space"),
        tr_static!("wiz-key-toggle"),
    );
    let write = ("Enter", tr_static!("wiz-key-write"));
    let back = ("Esc", tr_static!("wiz-key-back"));
    let quit = ("Ctrl-C", tr_static!("wiz-key-quit"));
    match app.output.focus {
        OutputFocus::KeyringChoice(_) => vec![
            ("↑↓", tr_static!("wiz-key-choose")),
            ("Enter", tr_static!("wiz-key-select")),
            ("r", tr_static!("wiz-key-retry")),
            ("n", tr_static!("wiz-key-env-only")),
            ("k", tr_static!("wiz-key-kernel-keyring")),
            back,
            quit,
        ],
        OutputFocus::Gitignore | OutputFocus::Family(_) => vec![next, toggle, write, back, quit],
        OutputFocus::Keyring => vec![
            next,
            toggle,
            ("r", tr_static!("wiz-key-retry-keyring")),
            write,
            back,
        ],
        _ => vec![next, write, back, quit],
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
            KeyringChoice::Retry => tr_static!("wiz-output-keyring-retry"),
            KeyringChoice::EnvOnly => tr_static!("wiz-output-keyring-env-only"),
            KeyringChoice::Kernel => tr_static!("wiz-output-keyring-kernel"),
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
    let fail = |app: &mut App, message: String| {
        app.output.error = Some(message);
        Vec::new()
    };
    if !matches!(app.flow, Flow::Rotate(_)) && app.selected_families().is_empty() {
        return fail(app, tr!("wiz-output-no-family"));
    }
    if app.output.path.value().trim().is_empty() && !matches!(app.flow, Flow::Rotate(_)) {
        return fail(app, tr!("wiz-output-no-path"));
    }
    if records_profile(app) {
        match profile_fit(app, &app.profile_name()) {
            ProfileFit::Invalid(error) => {
                app.output.focus = OutputFocus::Profile;
                return fail(app, error);
            }
            ProfileFit::Taken { host, suggestion } => {
                app.output.focus = OutputFocus::Profile;
                let message = tr!(
                    "wiz-output-profile-taken",
                    profile = app.profile_name(),
                    host = host,
                    suggestion = suggestion
                );
                return fail(app, message);
            }
            ProfileFit::New | ProfileFit::Joins => {}
        }
    }
    let (store_in_keyring, record) = match &app.flow {
        Flow::Setup if app.context.ephemeral => (false, None),
        Flow::Setup => match &app.output.keyring {
            KeyringStatus::Checking => return fail(app, tr!("wiz-output-keyring-checking")),
            KeyringStatus::Unavailable(_) if !app.output.keyring_declined => {
                app.output.focus = OutputFocus::KeyringChoice(0);
                return fail(app, tr!("wiz-output-keyring-choose-first"));
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
        return fail(app, tr!("wiz-output-no-files"));
    }
    let (Some(keys), Some(host)) = (app.current_keys(), app.target_host()) else {
        return fail(app, tr!("wiz-output-missing-inputs"));
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
        return vec![(' ', tr!("wiz-output-keys-not-loaded"))];
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
                    tr!("wiz-output-old-value-hidden")
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
    // The form's labels share a column, two cells wider than the widest in this language.
    let labels = [
        tr_static!("wiz-output-label-env-file"),
        tr_static!("wiz-output-label-variables"),
        tr_static!("wiz-output-label-profile"),
        tr_static!("wiz-output-label-git"),
        tr_static!("wiz-output-label-keyring"),
    ];
    let column = labels
        .iter()
        .map(|label| unicode_width::UnicodeWidthStr::width(*label))
        .max()
        .unwrap_or(0)
        + 2;
    let label = |text: &str| pad(text, column);

    if keyring_blocked(app)
        && let KeyringStatus::Unavailable(error) = &app.output.keyring
    {
        lines.push(Line::styled(
            format!(
                "✗ {}",
                tr!("wiz-output-keyring-unavailable", cause = error.cause_line())
            ),
            theme.bad(),
        ));
        lines.push(Line::from(format!(
            "  {}",
            tr!("wiz-output-keyring-remedy", remedy = error.remedy())
        )));
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
            lines.push(Line::from(tr!(
                "wiz-output-rotate-intro",
                profile = &profile.name
            )));
            for path in &profile.env_files {
                let state = if path.exists() {
                    String::new()
                } else {
                    format!("  {}", tr!("wiz-output-rotate-missing"))
                };
                lines.push(Line::from(format!("  {}{state}", path.display())));
            }
            let place = match profile.secret {
                SecretLocation::EnvFile => tr!("wiz-output-rotate-secret-env-file"),
                SecretLocation::Keyring => tr!("wiz-output-rotate-secret-keyring"),
                SecretLocation::KernelKeyring => tr!("wiz-output-rotate-secret-kernel"),
            };
            lines.push(Line::from(format!("  {place}")));
        }
        _ => {
            if focus == OutputFocus::Path {
                focus_line = Some(lines.len());
            }
            lines.push(Line::from(format!(
                "{} {} {}",
                mark(OutputFocus::Path),
                label(labels[0]),
                field(&app.output.path, focus == OutputFocus::Path, false)
            )));
            let resolved = resolve(app, app.output.path.value());
            if resolved.as_os_str() != app.output.path.value() && !app.output.path.is_empty() {
                lines.push(Line::styled(
                    format!("{}= {}", " ".repeat(column + 3), resolved.display()),
                    theme.dim(),
                ));
            }
            let mut families = format!(
                "{} {}",
                if matches!(focus, OutputFocus::Family(_)) {
                    "›"
                } else {
                    " "
                },
                label(labels[1])
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
                    ProfileFit::New => (tr!("wiz-output-profile-new"), theme.dim()),
                    ProfileFit::Joins => (tr!("wiz-output-profile-joins"), theme.dim()),
                    ProfileFit::Invalid(error) => (format!("✗ {error}"), theme.bad()),
                    ProfileFit::Taken { host, suggestion } => (
                        format!(
                            "✗ {}",
                            tr!(
                                "wiz-output-profile-belongs",
                                host = host,
                                suggestion = suggestion
                            )
                        ),
                        theme.bad(),
                    ),
                };
                let label = format!(
                    "{} {} {}  ",
                    mark(OutputFocus::Profile),
                    label(labels[2]),
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
                    "! {}",
                    tr!(
                        "wiz-output-git-unknown",
                        file = exposure.file.display(),
                        why = why
                    )
                ),
                theme.warn(),
            ));
        }
        for file in &exposure.tracked {
            lines.push(Line::styled(
                format!(
                    "✗ {}",
                    tr!(
                        "wiz-output-git-tracked",
                        file = file.display(),
                        quoted = crate::core::formats::shell_quote(&file.to_string_lossy())
                    )
                ),
                theme.bad(),
            ));
        }
    }
    let unignored = git_unignored(app);
    if !unignored.is_empty() {
        lines.push(Line::styled(
            format!(
                "! {}",
                tr!(
                    "wiz-output-git-would-commit",
                    files = GitExposure::names(&unignored),
                    count = unignored.len()
                )
            ),
            theme.warn(),
        ));
        match git_offer(app) {
            Some(offered) => {
                if focus == OutputFocus::Gitignore {
                    focus_line = Some(lines.len());
                }
                lines.push(Line::from(format!(
                    "{} {} {} {}",
                    mark(OutputFocus::Gitignore),
                    label(labels[3]),
                    if app.output.ignore_in_git {
                        "[x]"
                    } else {
                        "[ ]"
                    },
                    tr!(
                        "wiz-output-gitignore-add",
                        lines = offered.join(&tr!("wiz-list-and"))
                    )
                )));
            }
            None => lines.push(Line::styled(
                format!("  {}", tr!("wiz-output-gitignore-impossible")),
                theme.bad(),
            )),
        }
    }
    if matches!(app.flow, Flow::Setup) && app.context.ephemeral {
        lines.push(Line::styled(
            format!("  {} {}", label(labels[4]), tr!("wiz-output-keyring-demo")),
            theme.dim(),
        ));
    } else if matches!(app.flow, Flow::Setup) && !keyring_blocked(app) {
        let (text, style) = match &app.output.keyring {
            KeyringStatus::Checking => (
                format!("… {}", tr!("wiz-output-keyring-checking-status")),
                theme.dim(),
            ),
            KeyringStatus::Available => (
                format!(
                    "{} {}",
                    if app.output.use_keyring { "[x]" } else { "[ ]" },
                    tr!("wiz-output-keyring-available")
                ),
                theme.ok(),
            ),
            KeyringStatus::Unavailable(error) if app.output.use_kernel_keyring => (
                format!(
                    "! {}",
                    tr!(
                        "wiz-output-keyring-chose-kernel",
                        cause = error.cause_line()
                    )
                ),
                theme.warn(),
            ),
            KeyringStatus::Unavailable(error) => (
                format!(
                    "! {}",
                    tr!(
                        "wiz-output-keyring-chose-env-only",
                        cause = error.cause_line()
                    )
                ),
                theme.warn(),
            ),
        };
        if focus == OutputFocus::Keyring {
            focus_line = Some(lines.len());
        }
        lines.push(Line::styled(
            format!("{} {} {text}", mark(OutputFocus::Keyring), label(labels[4])),
            style,
        ));
    }
    lines.push(Line::from(""));
    let target = paths(app).into_iter().next();
    match &target {
        Some(path) => lines.push(Line::from(tr!("wiz-output-preview", path = path.display()))),
        // A rotation whose files are all gone: nothing would be written, so nothing to preview.
        None => lines.push(Line::styled(
            format!("! {}", tr!("wiz-output-no-files")),
            theme.warn(),
        )),
    }
    if let Some(mode) = app.output.existing_mode.filter(|mode| mode & 0o077 != 0) {
        lines.push(Line::styled(
            format!(
                "  ! {}",
                tr!(
                    "wiz-output-mode-loose",
                    mode = format!("{mode:04o}"),
                    tightened = format!("{:04o}", mode & !0o077)
                )
            ),
            theme.warn(),
        ));
    }
    let mut cut = Vec::new();
    let shown = if target.is_some() {
        preview(app)
    } else {
        Vec::new()
    };
    for (sign, text) in shown {
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
            format!("✓ {}", tr!("wiz-output-proven")),
            theme.ok(),
        ));
    } else if app.may_write() {
        action.push(Line::styled(
            format!("! {}", tr!("wiz-output-untested")),
            theme.warn(),
        ));
    } else if app.inputs().is_some() {
        action.push(Line::styled(
            format!("! {}", tr!("wiz-output-changed-since-test")),
            theme.warn(),
        ));
    }
    let button = if app.output.writing {
        tr!("wiz-output-button-writing")
    } else if app.may_write() || app.inputs().is_none() {
        tr!("wiz-output-button-write")
    } else {
        tr!("wiz-output-button-test-then-write")
    };
    action.push(Line::styled(
        format!("{} [ {button} ]", mark(OutputFocus::Write)),
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
