//! The wizard's state and its update function (The Elm Architecture): messages in, effects out.
//! Nothing here does IO; [`super::effects`] runs the effects and sends their results back as
//! messages, and [`super::view`] draws from the state alone.

use std::hash::{BuildHasher as _, RandomState};
use std::path::PathBuf;
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::input::Input;
use super::screens;
use crate::apply::GitExposure;
use crate::core::doctor::Finding;
use crate::core::explain::Explanation;
use crate::core::host::{Host, HostPick, Region};
use crate::core::keys::{
    KeyError, KeyNote, KeyPair, SecretKey, parse_key_pair, parse_public_key, parse_secret_key,
};
use crate::core::target::Target;
use crate::core::vars::{
    Config, DEFAULT_INGESTION_VERSION, Family, Signals, Variable, build_variables,
};
use crate::io::probe::{RegionAnswer, Report};
use crate::io::profile::{Profile, SecretLocation};
use crate::io::secret_store::StoreError;
use crate::{tr, tr_static};

/// What was found on disk and in the environment at launch.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// `./.env`, when it exists and holds any of our variables.
    pub env_file: Option<PathBuf>,
    /// Families with variables in the process environment.
    pub env_families: Vec<Family>,
    pub profiles: Vec<Profile>,
    /// Where the cloud regions are (overridable for tests).
    pub regions: Vec<(Region, Host)>,
    pub no_color: bool,
    /// The profile name asked for (`--profile`); `default` when none was, and then the wizard
    /// suggests one from the directory or the host.
    pub profile_name: String,
    /// Touch neither the keyring nor the profiles (`demo`).
    pub ephemeral: bool,
    /// For `~` in paths typed on screen.
    pub home: Option<PathBuf>,
    /// Relative paths are shown (and written) resolved against this directory.
    pub cwd: Option<PathBuf>,
    /// A `package.json` beside the target .env: the families a Node app reads are preselected.
    pub node_project: bool,
}

/// Answers given as `setup` flags, filled into the wizard's fields (and said on the start
/// screen), so a flag is never dropped without a word. Only flags the wizard has a field for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prefill {
    /// `--region` (`auto`: detection).
    pub host_pick: Option<HostPick>,
    /// `--host`: the self-hosted URL.
    pub url: Option<String>,
    /// `--allow-http`: plain http to another machine already confirmed.
    pub allow_http: bool,
    pub public_key: Option<String>,
    /// `--vars`.
    pub families: Option<Vec<Family>>,
    /// `--env-file` (one).
    pub env_file: Option<PathBuf>,
    /// `--no-keyring`.
    pub no_keyring: bool,
}

impl Prefill {
    pub fn is_empty(&self) -> bool {
        *self == Prefill::default()
    }

    /// What the start screen says was taken from the command line.
    pub fn describe(&self) -> Vec<String> {
        let mut said = Vec::new();
        match (&self.host_pick, &self.url) {
            (_, Some(url)) => said.push(tr!("wiz-prefill-host", url = url)),
            (Some(HostPick::Detect), None) => said.push(tr!("wiz-prefill-detect")),
            (Some(HostPick::Region(region)), None) => {
                said.push(tr!("wiz-prefill-region", region = region.to_string()))
            }
            _ => {}
        }
        if let Some(public) = &self.public_key {
            said.push(tr!("wiz-prefill-public-key", key = public));
        }
        if let Some(families) = &self.families {
            let names: Vec<&str> = families.iter().map(|f| f.name()).collect();
            said.push(tr!("wiz-prefill-families", families = names.join(",")));
        }
        if let Some(path) = &self.env_file {
            said.push(tr!("wiz-prefill-file", path = path.display()));
        }
        if self.no_keyring {
            said.push(tr!("wiz-prefill-no-keyring"));
        }
        said
    }
}

/// The task the user picked on the start screen.
#[derive(Clone, Debug)]
pub enum Flow {
    Setup,
    Rotate(Profile),
    Export(Profile),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Start,
    Region,
    Keys,
    Test,
    Output,
    Done,
    Diagnose,
    Explain,
}

/// A choice on the start screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartOption {
    Setup,
    Rotate(String),
    Export(String),
    Diagnose(PathBuf),
    /// "I have an error message": explain a line from the app's log.
    Explain,
    Quit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyField {
    Public,
    Secret,
}

pub struct KeysState {
    pub public: Input,
    pub secret: Input,
    pub focus: KeyField,
    pub reveal: bool,
    /// What cleaning a paste changed, told once.
    pub notes: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestPhase {
    Detecting,
    Testing,
    Finished,
}

/// Names the request an async result answers: the state keeps the id it waits for, and a result
/// carrying any other id (a test the user left, a file path since edited) is dropped.
pub type RequestId = u64;

/// Exactly what a live test sends, so a proof is a fact about these inputs and no others: the host,
/// both keys (the secret as a keyed hash, never kept or shown), the variable families (they decide
/// which header list is sent) and the header options.
#[derive(Clone, PartialEq, Eq)]
pub struct Inputs {
    pub host: Host,
    pub public_key: String,
    secret: u64,
    pub families: Vec<Family>,
    pub ingestion_version: Option<u8>,
    /// The extra headers, as a keyed hash (their values may be secrets).
    headers: u64,
}

pub struct TestState {
    /// The detection or test this screen waits for.
    pub request: Option<RequestId>,
    /// What the running (or last) test was started for.
    pub inputs: Option<Inputs>,
    /// How long detection took, measured by the run itself.
    pub detect_elapsed: Option<Duration>,
    pub phase: TestPhase,
    pub started: Duration,
    pub finished: Option<Duration>,
    pub detect: Option<Vec<RegionAnswer>>,
    /// Why detection found no single region.
    pub detect_error: Option<String>,
    pub host: Option<Host>,
    pub report: Option<Report>,
    pub hint: Option<RegionAnswer>,
    pub choice: usize,
}

impl TestState {
    /// A test starting at `started` (the app's clock).
    pub fn new(started: Duration) -> TestState {
        TestState {
            request: None,
            inputs: None,
            detect_elapsed: None,
            phase: TestPhase::Testing,
            started,
            finished: None,
            detect: None,
            detect_error: None,
            host: None,
            report: None,
            hint: None,
            choice: 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyringStatus {
    Checking,
    Available,
    Unavailable(StoreError),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFocus {
    /// The profile name (setup only).
    Profile,
    /// One of the choices when the keyring cannot be used.
    KeyringChoice(usize),
    Path,
    /// The offer to add the .env (and its backup) to .gitignore.
    Gitignore,
    Family(Family),
    Keyring,
    Write,
}

pub struct OutputState {
    pub path: Input,
    /// The profile a setup records into (asked for; suggested).
    pub profile: Input,
    /// The checked variable families, in [`Family::ALL`] order.
    pub families: Vec<Family>,
    pub focus: OutputFocus,
    pub keyring: KeyringStatus,
    /// Keep the secret in the keyring (else only in the .env).
    pub use_keyring: bool,
    /// The Secret Service could not be used and the user chose the kernel keyring.
    pub use_kernel_keyring: bool,
    /// The keyring is unavailable and the user chose the .env only.
    pub keyring_declined: bool,
    /// The file's current text (`None`: it does not exist), for the preview.
    pub existing: Option<(PathBuf, Result<Option<String>, String>)>,
    /// Its permission bits: a mode that lets others read it is tightened by the write, and said.
    pub existing_mode: Option<u32>,
    /// What git would do with the files (`None`: not answered yet for the current path).
    pub git: Option<Vec<GitExposure>>,
    /// Add the files git would commit to .gitignore with the write (offered when there are any).
    pub ignore_in_git: bool,
    pub writing: bool,
    pub error: Option<String>,
    pub git_request: Option<RequestId>,
    pub keyring_request: Option<RequestId>,
    pub read_request: Option<RequestId>,
    pub write_request: Option<RequestId>,
}

/// What the done screen tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DoneSummary {
    pub files: Vec<String>,
    pub profile: Option<String>,
    pub secret: Option<SecretLocation>,
    pub rotated: bool,
    /// A `package.json` beside a written file: the next step names dotenv / `node --env-file`.
    pub node_project: bool,
}

/// How bad a line on the diagnose screen is: each has its own symbol, word and colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    Error,
    Warning,
    Ok,
}

impl Standing {
    pub fn symbol(self) -> &'static str {
        match self {
            Standing::Error => "✗",
            Standing::Warning => "!",
            Standing::Ok => "✓",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Standing::Error => tr_static!("wiz-standing-error"),
            Standing::Warning => tr_static!("wiz-standing-warning"),
            Standing::Ok => tr_static!("wiz-standing-ok"),
        }
    }
}

/// One finding or one family's live result on the diagnose screen.
#[derive(Clone, Debug)]
pub struct DiagnoseLine {
    /// The repair as a diff (`- old`, `+ new`), secret values hidden; empty when none applies.
    pub repair: Vec<String>,
    pub family: &'static str,
    pub standing: Standing,
    pub detail: String,
    pub fix: Option<String>,
}

pub struct App {
    pub context: Context,
    /// The test span's arrival, after writing.
    pub arrival: screens::done::ArrivalState,
    /// What the command line filled in, as said on the start screen.
    pub prefilled: Vec<String>,
    /// The command line chose the variable families (`--vars`): nothing is preselected for them.
    pub prefilled_families: bool,
    pub screen: Screen,
    pub flow: Flow,
    pub clock: Duration,
    pub size: (u16, u16),
    pub start_choice: usize,
    /// The selected row of the region screen: an index into [`HostPick::ALL`].
    pub region_choice: usize,
    pub url: Input,
    pub editing_url: bool,
    /// The user confirmed plain http to another machine (Ctrl-Y).
    pub allow_http: bool,
    pub keys: KeysState,
    pub test: TestState,
    pub output: OutputState,
    pub done: Option<DoneSummary>,
    pub diagnose: Option<Result<Vec<DiagnoseLine>, String>>,
    pub diagnose_request: Option<RequestId>,
    /// The selected line on the diagnose screen.
    pub diagnose_choice: usize,
    /// The file the diagnose screen tests.
    pub diagnose_path: Option<PathBuf>,
    /// The repair being applied from the diagnose screen.
    pub repair_request: Option<RequestId>,
    /// What the last repair did (the notes of the write), or why it did not.
    pub repaired: Option<Result<Vec<String>, String>>,
    pub explain: screens::explain::ExplainState,
    /// The secret of a profile being exported (loaded from the keyring).
    pub loaded_secret: Option<SecretKey>,
    pub secret_request: Option<RequestId>,
    /// A rotated or exported profile's extra headers (an access proxy's), with their values.
    pub profile_headers: Vec<crate::core::credential::ExtraHeader>,
    pub headers_request: Option<RequestId>,
    /// The inputs a live test accepted: "Proven" and a tested write hold only while the current
    /// inputs are these.
    pub proof: Option<Inputs>,
    /// The inputs the user chose to write without a passing test ("Continue anyway", "skip").
    pub untested: Option<Inputs>,
    next_request: RequestId,
    /// The key of the secret's fingerprint: random per run.
    fingerprints: RandomState,
    pub quit: bool,
    /// Ctrl-C or a signal ended the wizard: the exit code.
    pub interrupted: Option<u8>,
}

/// IO the update function asks for; [`super::effects`] runs it and answers with a [`Msg`].
/// Each carries the id its answer will carry.
pub enum Effect {
    DetectRegion {
        id: RequestId,
        keys: KeyPair,
    },
    Test {
        id: RequestId,
        target: Target,
    },
    CheckKeyring {
        id: RequestId,
        profile: String,
    },
    ReadEnv {
        id: RequestId,
        path: PathBuf,
    },
    /// Ask git whether it would commit these .env files (and their backups).
    CheckGit {
        id: RequestId,
        paths: Vec<PathBuf>,
    },
    LoadSecret {
        id: RequestId,
        profile: Profile,
    },
    Write {
        id: RequestId,
        job: WriteJob,
    },
    Diagnose {
        id: RequestId,
        path: PathBuf,
    },
    /// `doctor --fix`'s value repairs, applied only if the file still gives the repairs shown.
    Repair {
        id: RequestId,
        path: PathBuf,
        shown: Vec<String>,
    },
    /// One real span with the written headers, then read back until visible or `deadline`.
    Arrival {
        id: RequestId,
        target: Target,
        server_version: Option<crate::core::server_text::ServerText>,
        project: Option<crate::core::diagnosis::Project>,
        deadline: Duration,
    },
    /// A profile's extra headers, secret values from where the profile keeps its secret.
    LoadHeaders {
        id: RequestId,
        profile: Profile,
    },
    /// The `.env`'s findings that lead to an explained error line.
    ExplainEnv {
        id: RequestId,
        path: PathBuf,
        explanation: Explanation,
    },
}

/// Everything a write needs.
pub struct WriteJob {
    pub paths: Vec<PathBuf>,
    pub host: Host,
    pub keys: KeyPair,
    pub families: Vec<Family>,
    pub signals: Signals,
    /// A rotated or exported profile's extra headers (kept in it, and written).
    pub headers: Vec<crate::core::credential::ExtraHeader>,
    /// Put the secret in the OS keyring before writing.
    pub store_in_keyring: bool,
    /// Record the files in the profile, saying where the secret lives (`None`: no profile).
    pub record: Option<SecretLocation>,
    pub profile: String,
    pub rotating: bool,
    pub tested: bool,
    /// Add the files git would commit to the .gitignore beside them, before anything is written.
    pub gitignore: bool,
}

pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// Time since launch.
    Tick(Duration),
    Detected {
        id: RequestId,
        answers: Vec<RegionAnswer>,
        /// How long the detection ran.
        elapsed: Duration,
    },
    Tested {
        id: RequestId,
        report: Box<Report>,
        hint: Option<RegionAnswer>,
    },
    KeyringChecked {
        id: RequestId,
        result: Result<(), StoreError>,
    },
    EnvRead {
        id: RequestId,
        path: PathBuf,
        result: Result<Option<String>, String>,
        /// The file's permission bits, when it exists (Unix).
        mode: Option<u32>,
    },
    GitChecked {
        id: RequestId,
        exposures: Vec<GitExposure>,
    },
    SecretLoaded {
        id: RequestId,
        result: Result<SecretKey, String>,
    },
    Written {
        id: RequestId,
        result: Result<DoneSummary, String>,
    },
    Diagnosed {
        id: RequestId,
        result: Result<Vec<DiagnoseLine>, String>,
    },
    Repaired {
        id: RequestId,
        result: Result<Vec<String>, String>,
    },
    ExplainFindings {
        id: RequestId,
        result: Result<Vec<Finding>, String>,
    },
    /// The test span sent after writing: visible, slow, or never (with its cause).
    Arrived {
        id: RequestId,
        arrival: Box<crate::core::arrival::Arrival>,
    },
    HeadersLoaded {
        id: RequestId,
        result: Result<Vec<crate::core::credential::ExtraHeader>, String>,
    },
    /// SIGTERM, SIGHUP or SIGINT: leave now, with 128 + the signal.
    Terminate(u8),
}

impl App {
    pub fn new(context: Context) -> App {
        let families = Family::default_for(context.node_project).to_vec();
        App {
            arrival: Default::default(),
            context,
            prefilled: Vec::new(),
            prefilled_families: false,
            screen: Screen::Start,
            flow: Flow::Setup,
            clock: Duration::ZERO,
            size: (80, 24),
            start_choice: 0,
            region_choice: 0,
            url: Input::default(),
            editing_url: false,
            allow_http: false,
            keys: KeysState {
                public: Input::default(),
                secret: Input::default(),
                focus: KeyField::Public,
                reveal: false,
                notes: Vec::new(),
            },
            test: TestState::new(Duration::ZERO),
            output: OutputState {
                path: Input::new(".env"),
                profile: Input::default(),
                families,
                focus: OutputFocus::Path,
                keyring: KeyringStatus::Checking,
                use_keyring: true,
                use_kernel_keyring: false,
                keyring_declined: false,
                existing: None,
                existing_mode: None,
                git: None,
                ignore_in_git: true,
                writing: false,
                error: None,
                git_request: None,
                keyring_request: None,
                read_request: None,
                write_request: None,
            },
            done: None,
            diagnose: None,
            diagnose_request: None,
            diagnose_choice: 0,
            diagnose_path: None,
            repair_request: None,
            repaired: None,
            explain: Default::default(),
            loaded_secret: None,
            secret_request: None,
            profile_headers: Vec::new(),
            headers_request: None,
            proof: None,
            untested: None,
            next_request: 0,
            fingerprints: RandomState::new(),
            quit: false,
            interrupted: None,
        }
    }

    /// Fills the answers given as flags into their fields (see [`Prefill`]).
    pub fn prefill(&mut self, prefill: Prefill) {
        self.prefilled = prefill.describe();
        self.prefilled_families = prefill.families.is_some();
        if let Some(url) = &prefill.url {
            self.url.set(url);
            // Shown in its field on the region screen, where Enter takes it.
            self.editing_url = true;
        }
        let pick = match (&prefill.url, prefill.host_pick) {
            (Some(_), _) => Some(HostPick::SelfHosted),
            (None, pick) => pick,
        };
        if let Some(pick) = pick
            && let Some(index) = HostPick::ALL.iter().position(|p| *p == pick)
        {
            self.region_choice = index;
        }
        self.allow_http |= prefill.allow_http;
        if let Some(public) = &prefill.public_key {
            self.keys.public.set(public);
            // The public key is given: the secret is what is left to type.
            self.keys.focus = KeyField::Secret;
        }
        if let Some(families) = prefill.families {
            self.output.families = Family::ALL
                .into_iter()
                .filter(|f| families.contains(f))
                .collect();
        }
        if let Some(path) = &prefill.env_file {
            self.output.path.set(&path.display().to_string());
        }
        if prefill.no_keyring {
            self.output.use_keyring = false;
        }
    }

    /// A new request id, never used before in this run.
    pub fn request(&mut self) -> RequestId {
        self.next_request += 1;
        self.next_request
    }

    /// What a test or a write would use now (needs valid keys and a host).
    pub fn inputs(&self) -> Option<Inputs> {
        let keys = self.current_keys()?;
        let host = self.target_host()?;
        Some(Inputs {
            host,
            public_key: keys.public.as_str().to_string(),
            secret: self.fingerprints.hash_one(keys.secret.expose()),
            families: self.families(),
            ingestion_version: Some(DEFAULT_INGESTION_VERSION),
            headers: self.fingerprints.hash_one(
                self.headers()
                    .iter()
                    .map(|h| (h.name(), h.expose()))
                    .collect::<Vec<_>>(),
            ),
        })
    }

    /// The extra headers sent and written: a rotated or exported profile's, none for a setup.
    pub fn headers(&self) -> &[crate::core::credential::ExtraHeader] {
        match self.flow {
            Flow::Setup => &[],
            Flow::Rotate(_) | Flow::Export(_) => &self.profile_headers,
        }
    }

    /// A live test passed for exactly the current inputs.
    pub fn proven(&self) -> bool {
        self.proof.is_some() && self.proof == self.inputs()
    }

    /// Writing is allowed: proven, or the user chose to go on untested with exactly these inputs.
    pub fn may_write(&self) -> bool {
        self.proven() || (self.untested.is_some() && self.untested == self.inputs())
    }

    pub fn start_options(&self) -> Vec<StartOption> {
        let mut options = vec![StartOption::Setup];
        for profile in &self.context.profiles {
            options.push(StartOption::Rotate(profile.name.clone()));
        }
        for profile in &self.context.profiles {
            options.push(StartOption::Export(profile.name.clone()));
        }
        if let Some(path) = &self.context.env_file {
            options.push(StartOption::Diagnose(path.clone()));
        }
        options.push(StartOption::Explain);
        options.push(StartOption::Quit);
        options
    }

    /// The key pair as typed, if it is valid.
    pub fn key_pair(&self) -> Result<(KeyPair, Vec<KeyNote>), KeyError> {
        parse_key_pair(self.keys.public.value(), self.keys.secret.value())
    }

    /// The host the keys go to, when one is chosen (not for "detect").
    pub fn chosen_host(&self) -> Result<Option<Host>, String> {
        if let Flow::Rotate(profile) | Flow::Export(profile) = &self.flow {
            return profile.host().map(Some).map_err(|e| e.to_string());
        }
        match self.host_pick() {
            HostPick::Detect => Ok(self.test.host.clone()),
            HostPick::Region(region) => Ok(Some(
                self.context
                    .regions
                    .iter()
                    .find(|(r, _)| *r == region)
                    .map_or_else(|| region.host(), |(_, host)| host.clone()),
            )),
            HostPick::SelfHosted => {
                crate::core::host::normalize_host(self.url.value(), self.allow_http)
                    .map(|(host, _)| Some(host))
                    .map_err(|e| e.to_string())
            }
        }
    }

    /// The row selected on the region screen.
    pub fn host_pick(&self) -> HostPick {
        HostPick::ALL[self.region_choice.min(HostPick::ALL.len() - 1)]
    }

    pub fn selected_families(&self) -> Vec<Family> {
        Family::ALL
            .into_iter()
            .filter(|family| self.output.families.contains(family))
            .collect()
    }

    /// The variables that would be written (needs a valid key pair and a host).
    pub fn variables(&self) -> Option<Vec<Variable>> {
        let keys = self.current_keys()?;
        let host = self.target_host()?;
        Some(build_variables(&Config {
            host: Some(&host),
            keys: &keys,
            families: &self.families(),
            ingestion_version: Some(DEFAULT_INGESTION_VERSION),
            signals: self.signals(),
            headers: self.headers(),
        }))
    }

    /// Where the variables point: the tested (or detected) host, else the chosen one.
    pub fn target_host(&self) -> Option<Host> {
        self.test
            .host
            .clone()
            .or_else(|| self.chosen_host().ok().flatten())
    }

    /// The families written: a rotated profile's own, else the checked ones.
    pub fn families(&self) -> Vec<Family> {
        match &self.flow {
            Flow::Rotate(profile) => profile.families.clone(),
            _ => self.selected_families(),
        }
    }

    /// What the app exports: a rotated or exported profile's choice, else traces only.
    pub fn signals(&self) -> Signals {
        match &self.flow {
            Flow::Rotate(profile) | Flow::Export(profile) => profile.signals(),
            Flow::Setup => Signals::TRACES_ONLY,
        }
    }

    /// The key pair to write: an exported profile's, else the one typed.
    pub fn current_keys(&self) -> Option<KeyPair> {
        match (&self.flow, &self.loaded_secret) {
            (Flow::Export(profile), Some(secret)) => {
                parse_key_pair(&profile.public_key, secret.expose())
                    .ok()
                    .map(|(k, _)| k)
            }
            _ => self.key_pair().ok().map(|(k, _)| k),
        }
    }

    pub fn profile_name(&self) -> String {
        match &self.flow {
            Flow::Rotate(p) | Flow::Export(p) => p.name.clone(),
            Flow::Setup if !self.output.profile.value().trim().is_empty() => {
                self.output.profile.value().trim().to_string()
            }
            Flow::Setup => self.context.profile_name.clone(),
        }
    }
}

fn is_ctrl_c(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c')
}

/// The update function: the only place state changes.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) if key.kind == KeyEventKind::Release => Vec::new(),
        Msg::Key(key) if is_ctrl_c(&key) => {
            app.quit = true;
            // After a successful write there is nothing to interrupt: leaving is success.
            if app.done.is_none() {
                app.interrupted = Some(130);
            }
            Vec::new()
        }
        Msg::Key(key) if super::view::too_small(app.size) => {
            // Nothing else is on screen to act on: only quitting does something.
            if key.code == KeyCode::Char('q') {
                app.quit = true;
            }
            Vec::new()
        }
        Msg::Terminate(code) => {
            app.quit = true;
            app.interrupted = Some(code);
            Vec::new()
        }
        Msg::Resize(w, h) => {
            app.size = (w, h);
            Vec::new()
        }
        Msg::Tick(now) => {
            app.clock = now;
            Vec::new()
        }
        Msg::Key(key) => match app.screen {
            Screen::Start => screens::start::on_key(app, key),
            Screen::Region => screens::region::on_key(app, key),
            Screen::Keys => screens::keys::on_key(app, key),
            Screen::Test => screens::test::on_key(app, key),
            Screen::Output => screens::output::on_key(app, key),
            Screen::Done => screens::done::on_key(app, key),
            Screen::Diagnose => screens::diagnose::on_key(app, key),
            Screen::Explain => screens::explain::on_key(app, key),
        },
        Msg::Paste(text) => match app.screen {
            Screen::Keys => screens::keys::on_paste(app, &text),
            Screen::Explain => screens::explain::on_paste(app, &text),
            Screen::Region if app.editing_url => {
                app.url.insert_str(text.trim());
                Vec::new()
            }
            Screen::Output if app.output.focus == OutputFocus::Path => {
                app.output.path.insert_str(text.trim());
                screens::output::path_changed(app)
            }
            _ => Vec::new(),
        },
        Msg::Detected {
            id,
            answers,
            elapsed,
        } => {
            if app.test.request != Some(id) {
                return Vec::new();
            }
            app.test.request = None;
            app.test.detect_elapsed = Some(elapsed);
            screens::test::on_detected(app, answers)
        }
        Msg::Tested { id, report, hint } => {
            if app.test.request != Some(id) {
                return Vec::new();
            }
            app.test.request = None;
            if report.verdict.ok() {
                app.proof = app.test.inputs.clone();
            }
            app.test.report = Some(*report);
            app.test.hint = hint;
            app.test.phase = TestPhase::Finished;
            app.test.finished = Some(app.clock);
            app.test.choice = 0;
            Vec::new()
        }
        Msg::KeyringChecked { id, result } => {
            if app.output.keyring_request != Some(id) {
                return Vec::new();
            }
            app.output.keyring_request = None;
            app.output.keyring = match result {
                Ok(()) => KeyringStatus::Available,
                Err(error) => {
                    app.output.use_keyring = false;
                    KeyringStatus::Unavailable(error)
                }
            };
            screens::output::on_keyring_checked(app);
            Vec::new()
        }
        Msg::EnvRead {
            id,
            path,
            result,
            mode,
        } => {
            if app.output.read_request != Some(id) {
                return Vec::new();
            }
            app.output.read_request = None;
            app.output.existing = Some((path, result));
            app.output.existing_mode = mode;
            Vec::new()
        }
        Msg::GitChecked { id, exposures } => {
            // An answer for a path the user has since changed is not this path's.
            if app.output.git_request != Some(id) {
                return Vec::new();
            }
            app.output.git_request = None;
            app.output.git = Some(exposures);
            Vec::new()
        }
        Msg::SecretLoaded { id, result } => {
            if app.secret_request != Some(id) {
                return Vec::new();
            }
            app.secret_request = None;
            match result {
                Ok(secret) => {
                    app.loaded_secret = Some(secret);
                    screens::test::start(app)
                }
                Err(error) => {
                    app.output.error = Some(error);
                    app.screen = Screen::Output;
                    Vec::new()
                }
            }
        }
        Msg::Written { id, result } => {
            if app.output.write_request != Some(id) {
                return Vec::new();
            }
            app.output.write_request = None;
            app.output.writing = false;
            match result {
                Ok(summary) => {
                    app.done = Some(summary);
                    app.screen = Screen::Done;
                    // Proof that a span becomes visible, on by default (Esc skips).
                    return screens::done::start_arrival(app);
                }
                Err(error) => app.output.error = Some(error),
            }
            Vec::new()
        }
        Msg::HeadersLoaded { id, result } => {
            if app.headers_request != Some(id) {
                return Vec::new();
            }
            app.headers_request = None;
            match result {
                Ok(headers) => app.profile_headers = headers,
                Err(error) => app.output.error = Some(error),
            }
            Vec::new()
        }
        Msg::Arrived { id, arrival } => {
            if app.arrival.request != Some(id) {
                return Vec::new();
            }
            app.arrival.request = None;
            app.arrival.result = Some(*arrival);
            Vec::new()
        }
        Msg::Diagnosed { id, result } => {
            if app.diagnose_request != Some(id) {
                return Vec::new();
            }
            app.diagnose_request = None;
            app.diagnose = Some(result);
            Vec::new()
        }
        Msg::Repaired { id, result } => {
            if app.repair_request != Some(id) {
                return Vec::new();
            }
            app.repair_request = None;
            let repaired = result.is_ok();
            app.repaired = Some(result);
            // The screen then shows the repaired file, tested again.
            if repaired {
                screens::diagnose::test_again(app)
            } else {
                Vec::new()
            }
        }
        Msg::ExplainFindings { id, result } => {
            if app.explain.request != Some(id) {
                return Vec::new();
            }
            app.explain.request = None;
            app.explain.findings = Some(result);
            Vec::new()
        }
    }
}

/// Notes from cleaning a pasted key, in words; spaces around it are not among them (the paste
/// handler says that once, for the whole paste).
pub fn paste_notes(public: bool, text: &str) -> Vec<String> {
    let notes = if public {
        parse_public_key(text).map(|(_, n)| n).unwrap_or_default()
    } else {
        parse_secret_key(text).map(|(_, n)| n).unwrap_or_default()
    };
    notes
        .iter()
        .filter(|note| !matches!(note, KeyNote::TrimmedWhitespace(_)))
        .map(ToString::to_string)
        .collect()
}
