//! Profiles: everything about a configuration except the secret, as TOML in the platform config
//! directory (`$XDG_CONFIG_HOME/langfuse-otel/profiles/NAME.toml` on Linux), mode 0600.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::core::credential::{
    AUTHORIZATION, basic_pair, decode_header_list_dropping, find_header,
};
use crate::core::credential::{ExtraHeader, extra_headers_in};
use crate::core::dotenv::readers::{Loaded, Reader};
use crate::core::host::{Host, normalize_host};
use crate::core::keys::{SecretKey, parse_secret_key};
use crate::core::vars::{Family, Signal, Signals};
use crate::io::envfile::{EnvFile, atomic_write};
use crate::io::secret_store::{SecretStore, StoreError};
use crate::{tr, tr_static};

pub const DEFAULT_PROFILE: &str = "default";

/// Where a profile's secret key lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretLocation {
    /// The OS keyring (service `langfuse-otel`, entry named after the profile).
    Keyring,
    /// The Linux kernel keyring (`--kernel-keyring`): same service and entry, in memory only.
    KernelKeyring,
    /// Only the .env files the profile wrote (`--no-keyring`).
    EnvFile,
}

impl SecretLocation {
    /// The name in JSON reports and the profile file.
    pub fn word(self) -> &'static str {
        match self {
            SecretLocation::Keyring => "keyring",
            SecretLocation::KernelKeyring => "kernel-keyring",
            SecretLocation::EnvFile => "env-file",
        }
    }

    /// Where the secret key is, in words for the user.
    pub fn place(self) -> &'static str {
        match self {
            SecretLocation::Keyring => tr_static!("core-secret-place-keyring"),
            SecretLocation::KernelKeyring => tr_static!("core-secret-place-kernel-keyring"),
            SecretLocation::EnvFile => tr_static!("core-secret-place-env-files"),
        }
    }

    /// "secret key …": where it is kept, as the end of that sentence.
    pub fn kept(self) -> String {
        match self {
            SecretLocation::EnvFile => tr!("core-secret-kept-env-files"),
            keyring => tr!("core-secret-kept-in", place = keyring.place()),
        }
    }

    /// The keyring that holds the secret, on `store`'s deadline; `None` for the .env files.
    pub fn store(self, store: SecretStore) -> Option<SecretStore> {
        match self {
            SecretLocation::Keyring => Some(SecretStore::new(store.timeout())),
            SecretLocation::KernelKeyring => Some(SecretStore::new(store.timeout()).kernel()),
            SecretLocation::EnvFile => None,
        }
    }

    /// Where a store keeps what it is given.
    pub fn of(store: &SecretStore) -> SecretLocation {
        match store.backend() {
            crate::io::secret_store::Backend::Os => SecretLocation::Keyring,
            crate::io::secret_store::Backend::Kernel => SecretLocation::KernelKeyring,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    /// The normalised Langfuse base URL.
    pub host: String,
    pub public_key: String,
    pub families: Vec<Family>,
    /// `x-langfuse-ingestion-version` in the header lists; absent: left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingestion_version: Option<u8>,
    pub secret: SecretLocation,
    /// The OTLP signals the app exports (`--signals`); absent: traces only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<Signal>,
    /// An access proxy's headers (`--header`). A secret-bearing one has no value here: its value
    /// is where the secret key is (the keyring, or the .env files).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<ProfileHeader>,
    /// Every .env this profile has written, as absolute paths.
    #[serde(default)]
    pub env_files: Vec<PathBuf>,
    /// RFC 3339 times.
    pub created: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_tested: Option<String>,
}

/// One extra header of a profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileHeader {
    pub name: String,
    /// `None`: a credential, kept with the secret key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl ProfileHeader {
    fn of(header: &ExtraHeader) -> ProfileHeader {
        ProfileHeader {
            name: header.name().to_string(),
            value: (!header.is_secret()).then(|| header.expose().to_string()),
        }
    }
}

impl Profile {
    pub fn signals(&self) -> Signals {
        Signals::from_list(&self.signals).unwrap_or_default()
    }

    pub fn host(&self) -> Result<Host, ProfileError> {
        normalize_host(&self.host, true)
            .map(|(host, _)| host)
            .map_err(|e| ProfileError::Invalid {
                name: self.name.clone(),
                reason: e.to_string(),
            })
    }

    /// Adds files (made absolute) that are not recorded yet.
    pub fn record_files(&mut self, files: &[PathBuf]) {
        for file in files {
            let absolute = absolute(file);
            if !self.env_files.contains(&absolute) {
                self.env_files.push(absolute);
            }
        }
    }
}

pub fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

fn absolute(path: &Path) -> PathBuf {
    // The file exists once written; canonicalize resolves `..` and symlinked directories.
    fs::canonicalize(path).unwrap_or_else(|_| std::path::absolute(path).unwrap_or(path.into()))
}

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    BadName(String),
    NotFound {
        name: String,
        known: Vec<String>,
    },
    Damaged {
        name: String,
        path: PathBuf,
        reason: String,
    },
    Invalid {
        name: String,
        reason: String,
    },
    /// A profile belongs to one host and one project: another one's files never join it.
    OtherTarget(Box<Conflict>),
    NoConfigDir,
    Io {
        /// `read`, `write`, `delete`, `list` or `create`: the catalog words each.
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            ProfileError::BadName(name) => tr!("core-profile-bad-name", name = name),
            ProfileError::NotFound { name, known } if known.is_empty() => {
                tr!("core-profile-not-found-none", name = name)
            }
            ProfileError::NotFound { name, known } => tr!(
                "core-profile-not-found",
                name = name,
                profiles = known.join(", ")
            ),
            ProfileError::Damaged { name, path, reason } => tr!(
                "core-profile-damaged",
                name = name,
                path = path,
                reason = reason
            ),
            ProfileError::Invalid { name, reason } => {
                tr!("core-profile-invalid", name = name, reason = reason)
            }
            ProfileError::OtherTarget(conflict) => conflict.to_string(),
            ProfileError::NoConfigDir => tr!("core-profile-no-config-dir"),
            ProfileError::Io {
                action,
                path,
                source,
            } => tr!(
                "core-profile-io",
                action = *action,
                path = path,
                error = source.to_string()
            ),
        })
    }
}

pub fn validate_name(name: &str) -> Result<(), ProfileError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(ProfileError::BadName(name.to_string()))
    }
}

/// A setup that would record into a profile of another host or project.
#[derive(Debug)]
pub struct Conflict {
    pub name: String,
    pub host: String,
    pub public_key: String,
    pub new_host: String,
    pub new_public_key: String,
    /// A free name for a new profile.
    pub suggestion: String,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&tr!(
            "core-profile-other-target",
            name = &self.name,
            host = &self.host,
            public_key = &self.public_key,
            new_host = &self.new_host,
            new_public_key = &self.new_public_key,
            suggestion = &self.suggestion
        ))
    }
}

/// How a setup's host and keys relate to the profile of the name it would record into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fit {
    /// No profile of that name: it will be created.
    Free,
    /// The profile is for the same host and public key: the files join it.
    Same,
    /// The profile belongs to another host or project: recording would mix two.
    Other(Box<Profile>),
}

/// A profile name suggested for a new setup: the project's directory name, else the host's name,
/// made a valid name.
pub fn suggest_name(dir: Option<&Path>, host: &Host) -> String {
    let clean = |text: &str| -> String {
        let mut name: String = text
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        name = name.trim_matches('-').to_string();
        name.truncate(48);
        name
    };
    let from_dir = dir
        .and_then(|d| d.file_name())
        .and_then(|n| n.to_str())
        .map(clean)
        .filter(|n| !n.is_empty());
    from_dir.unwrap_or_else(|| {
        let text = host.to_string();
        let bare = text
            .split_once("://")
            .map_or(text.as_str(), |(_, rest)| rest);
        let name = clean(bare);
        if name.is_empty() {
            DEFAULT_PROFILE.to_string()
        } else {
            name
        }
    })
}

/// What a successful `setup` or `rotate` records.
pub struct ProfileUpdate<'a> {
    pub name: &'a str,
    pub host: &'a Host,
    pub public_key: &'a str,
    pub families: &'a [Family],
    pub ingestion_version: Option<u8>,
    pub signals: Signals,
    pub headers: &'a [ExtraHeader],
    pub secret: SecretLocation,
    pub files: &'a [PathBuf],
    pub rotated: bool,
    pub tested: bool,
}

/// The directory holding the profiles.
#[derive(Clone, Debug)]
pub struct ProfileDir {
    dir: PathBuf,
}

impl ProfileDir {
    /// The platform's config directory (honours `XDG_CONFIG_HOME` on Linux).
    pub fn from_env() -> Result<ProfileDir, ProfileError> {
        let dirs = directories::ProjectDirs::from("", "", "langfuse-otel")
            .ok_or(ProfileError::NoConfigDir)?;
        Ok(ProfileDir::at(dirs.config_dir().join("profiles")))
    }

    pub fn at(dir: impl Into<PathBuf>) -> ProfileDir {
        ProfileDir { dir: dir.into() }
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.toml"))
    }

    /// The profile, or `None` when there is none of that name.
    pub fn find(&self, name: &str) -> Result<Option<Profile>, ProfileError> {
        validate_name(name)?;
        let path = self.file(name);
        let text = match fs::read_to_string(&path) {
            Ok(text) => {
                tracing::info!(path = %path.display(), bytes = text.len(), "profile read");
                text
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                tracing::info!(path = %path.display(), "profile absent");
                return Ok(None);
            }
            Err(source) => {
                return Err(ProfileError::Io {
                    action: "read",
                    path,
                    source,
                });
            }
        };
        let profile: Profile = toml::from_str(&text).map_err(|e| ProfileError::Damaged {
            name: name.to_string(),
            path: path.clone(),
            reason: e.message().to_string(),
        })?;
        Ok(Some(profile))
    }

    pub fn load(&self, name: &str) -> Result<Profile, ProfileError> {
        self.find(name)?.ok_or_else(|| ProfileError::NotFound {
            name: name.to_string(),
            known: self.names().unwrap_or_default(),
        })
    }

    /// Writes the profile atomically, owner-only.
    pub fn save(&self, profile: &Profile) -> Result<PathBuf, ProfileError> {
        validate_name(&profile.name)?;
        create_private_dir(&self.dir)?;
        let path = self.file(&profile.name);
        let text = toml::to_string(profile).map_err(|e| ProfileError::Invalid {
            name: profile.name.clone(),
            reason: e.to_string(),
        })?;
        atomic_write(&path, text.as_bytes(), crate::io::envfile::SECRET_FILE_MODE).map_err(
            |e| ProfileError::Io {
                action: "write",
                path: path.clone(),
                source: io::Error::other(e.to_string()),
            },
        )?;
        Ok(path)
    }

    /// Whether a setup for `host` and `public_key` may record into the profile `name`.
    pub fn fit(&self, name: &str, host: &Host, public_key: &str) -> Result<Fit, ProfileError> {
        Ok(match self.find(name)? {
            None => Fit::Free,
            Some(profile)
                if profile.host().ok().as_ref() == Some(host)
                    && profile.public_key == public_key =>
            {
                Fit::Same
            }
            Some(profile) => Fit::Other(Box::new(profile)),
        })
    }

    /// `base`, or `base-2`, `base-3`…: the first name that is free or already this host's and
    /// key's, so a new setup never lands in another project's profile.
    pub fn name_for(
        &self,
        base: &str,
        host: &Host,
        public_key: &str,
    ) -> Result<String, ProfileError> {
        for n in 1..1000 {
            let name = if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            };
            if validate_name(&name).is_err() {
                break;
            }
            if !matches!(self.fit(&name, host, public_key)?, Fit::Other(_)) {
                return Ok(name);
            }
        }
        Err(ProfileError::BadName(base.to_string()))
    }

    /// Creates or updates a profile after a write, keeping its history: creation time, every file
    /// it wrote, and every family any of them holds. A profile of another host (or, outside a
    /// rotation, another public key) is refused, never merged.
    pub fn record(&self, update: ProfileUpdate<'_>) -> Result<Profile, ProfileError> {
        let now = now();
        let existing = self.find(update.name)?;
        if let Some(profile) = &existing {
            let same_host = profile.host().ok().as_ref() == Some(update.host);
            if !same_host || (!update.rotated && profile.public_key != update.public_key) {
                return Err(ProfileError::OtherTarget(Box::new(Conflict {
                    name: profile.name.clone(),
                    host: profile.host.clone(),
                    public_key: profile.public_key.clone(),
                    new_host: update.host.to_string(),
                    new_public_key: update.public_key.to_string(),
                    suggestion: self
                        .name_for(update.name, update.host, update.public_key)
                        .unwrap_or_default(),
                })));
            }
        }
        let mut profile = existing.unwrap_or_else(|| Profile {
            name: update.name.to_string(),
            host: String::new(),
            public_key: String::new(),
            families: Vec::new(),
            ingestion_version: None,
            secret: update.secret,
            signals: Vec::new(),
            headers: Vec::new(),
            env_files: Vec::new(),
            created: now.clone(),
            rotated: None,
            last_tested: None,
        });
        profile.host = update.host.to_string();
        profile.public_key = update.public_key.to_string();
        profile.families.extend(update.families.iter().copied());
        profile.families = crate::core::vars::normalize_families(&profile.families);
        profile.ingestion_version = update.ingestion_version;
        // A rotation changes the keys only.
        if !update.rotated {
            profile.signals = if update.signals.is_traces_only() {
                Vec::new()
            } else {
                update.signals.list()
            };
            profile.headers = update.headers.iter().map(ProfileHeader::of).collect();
        }
        profile.secret = update.secret;
        profile.record_files(update.files);
        if update.rotated {
            profile.rotated = Some(now.clone());
        }
        if update.tested {
            profile.last_tested = Some(now);
        }
        self.save(&profile)?;
        Ok(profile)
    }

    /// Deletes the profile file; `false` when there was none.
    pub fn remove(&self, name: &str) -> Result<bool, ProfileError> {
        validate_name(name)?;
        let path = self.file(name);
        match fs::remove_file(&path) {
            Ok(()) => {
                tracing::info!(path = %path.display(), "profile deleted");
                Ok(true)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(source) => Err(ProfileError::Io {
                action: "delete",
                path,
                source,
            }),
        }
    }

    /// Profile names, sorted.
    pub fn names(&self) -> Result<Vec<String>, ProfileError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(ProfileError::Io {
                    action: "list",
                    path: self.dir.clone(),
                    source,
                });
            }
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                e.file_name()
                    .to_str()?
                    .strip_suffix(".toml")
                    .map(str::to_string)
            })
            .filter(|name| validate_name(name).is_ok())
            .collect();
        names.sort();
        Ok(names)
    }
}

fn create_private_dir(dir: &Path) -> Result<(), ProfileError> {
    let fail = |source| ProfileError::Io {
        action: "create",
        path: dir.to_path_buf(),
        source,
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(fail)
    }
    #[cfg(not(unix))]
    fs::create_dir_all(dir).map_err(fail)
}

/// Why a profile's secret key could not be had.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// The keyring failed, or holds no entry for the profile.
    Store { profile: String, error: StoreError },
    /// A `--no-keyring` profile whose .env files no longer hold the key.
    NotInEnvFiles(String),
    /// A secret-bearing extra header whose value is gone from where the profile keeps it.
    HeaderMissing(String),
}

impl fmt::Display for SecretError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretError::Store { error, .. } => error.fmt(f),
            SecretError::NotInEnvFiles(profile) => {
                f.write_str(&tr!("core-profile-secret-gone", profile = profile))
            }
            SecretError::HeaderMissing(profile) => {
                f.write_str(&tr!("core-profile-header-gone", profile = profile))
            }
        }
    }
}

/// The profile's secret key, from wherever the profile keeps it.
pub fn secret_of(profile: &Profile, store: &SecretStore) -> Result<SecretKey, SecretError> {
    match profile.secret.store(*store) {
        Some(store) => store
            .get(&profile.name)
            .map_err(|error| SecretError::Store {
                profile: profile.name.clone(),
                error,
            }),
        None => secret_from_env_files(profile),
    }
}

/// A profile's extra headers with their values: the plain ones from the profile, the
/// secret-bearing ones from where its secret key is (the keyring, or the .env files it wrote).
pub fn headers_of(profile: &Profile, store: &SecretStore) -> Result<Vec<ExtraHeader>, SecretError> {
    if profile.headers.is_empty() {
        return Ok(Vec::new());
    }
    let hidden: Vec<ExtraHeader> = if profile.headers.iter().all(|h| h.value.is_some()) {
        Vec::new()
    } else {
        match profile.secret.store(*store) {
            Some(store) => {
                store
                    .get_headers(&profile.name)
                    .map_err(|error| SecretError::Store {
                        profile: profile.name.clone(),
                        error,
                    })?
            }
            None => headers_from_env_files(profile),
        }
    };
    profile
        .headers
        .iter()
        .map(|header| match &header.value {
            Some(value) => ExtraHeader::new(&header.name, value).ok(),
            None => hidden
                .iter()
                .find(|h| h.name().eq_ignore_ascii_case(&header.name))
                .cloned(),
        })
        .map(|found| found.ok_or_else(|| SecretError::HeaderMissing(profile.name.clone())))
        .collect()
}

/// The extra headers in the first header list of the profile's .env files that carries its key.
fn headers_from_env_files(profile: &Profile) -> Vec<ExtraHeader> {
    for path in &profile.env_files {
        let Ok(file) = EnvFile::read(path, true) else {
            continue;
        };
        // As the app's loader reads the file (python-dotenv), as `secret_from_env_files` does.
        let doc = Loaded::read(&file.text, Reader::PythonDotenv);
        for variable in crate::core::vars::HEADER_LIST_VARIABLES {
            let Some(list) = doc.get(variable) else {
                continue;
            };
            let (headers, _) = decode_header_list_dropping(list);
            if find_header(&headers, AUTHORIZATION)
                .and_then(basic_pair)
                .is_some_and(|pair| pair.0 == profile.public_key)
            {
                return extra_headers_in(list);
            }
        }
    }
    Vec::new()
}

/// With `--no-keyring`, the secret is in the .env files the profile wrote: `LANGFUSE_SECRET_KEY`,
/// or the Basic credential of a header variable, whichever matches the profile's public key.
pub fn secret_from_env_files(profile: &Profile) -> Result<SecretKey, SecretError> {
    for path in &profile.env_files {
        let Ok(file) = EnvFile::read(path, true) else {
            continue;
        };
        // As the app's loader reads the file (python-dotenv, what `test` and `doctor` read), not
        // as the editor does: the key found is the key the app will send.
        let doc = Loaded::read(&file.text, Reader::PythonDotenv);
        if doc.get("LANGFUSE_PUBLIC_KEY") == Some(profile.public_key.as_str())
            && let Some(secret) = doc.get("LANGFUSE_SECRET_KEY")
            && let Ok((key, _)) = parse_secret_key(secret)
        {
            return Ok(key);
        }
        for variable in crate::core::vars::HEADER_LIST_VARIABLES {
            let Some(list) = doc.get(variable) else {
                continue;
            };
            let (headers, _) = decode_header_list_dropping(list);
            if let Some(pair) = find_header(&headers, AUTHORIZATION).and_then(basic_pair)
                && pair.0 == profile.public_key
                && let Ok((key, _)) = parse_secret_key(&pair.1)
            {
                return Ok(key);
            }
        }
    }
    Err(SecretError::NotInEnvFiles(profile.name.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> Profile {
        Profile {
            name: name.to_string(),
            host: "https://cloud.langfuse.com".to_string(),
            public_key: "pk-lf-1".to_string(),
            families: vec![Family::Traceloop, Family::Langfuse],
            ingestion_version: Some(4),
            secret: SecretLocation::Keyring,
            signals: Vec::new(),
            headers: Vec::new(),
            env_files: vec![PathBuf::from("/app/.env")],
            created: "2026-11-25T10:00:00Z".to_string(),
            rotated: None,
            last_tested: Some("2026-11-25T10:00:01Z".to_string()),
        }
    }

    #[test]
    fn profiles_round_trip_as_private_toml_without_a_secret() {
        let dir = tempfile::tempdir().unwrap();
        let profiles = ProfileDir::at(dir.path().join("profiles"));
        let profile = sample("work");
        let path = profiles.save(&profile).unwrap();
        assert_eq!(profiles.load("work").unwrap(), profile);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("secret = \"keyring\""), "{text}");
        assert!(!text.contains("sk-lf"), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            let dir_mode = fs::metadata(profiles.path()).unwrap().permissions().mode() & 0o777;
            assert_eq!(dir_mode, 0o700);
        }
        assert_eq!(profiles.names().unwrap(), ["work"]);
        assert!(profiles.remove("work").unwrap());
        assert!(!profiles.remove("work").unwrap());
    }

    #[test]
    fn the_secret_in_env_files_is_read_as_python_dotenv_loads_it() {
        // python-dotenv expands `${SK}` from the line above; the editor's plain reading sees
        // the text `${SK}`, which is not a key (the app would send the expanded one).
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env");
        let secret = "sk-lf-7e2b9c41-88d0-4f6a-b3e5-0a9c1d2e3f4b";
        fs::write(
            &path,
            format!("SK={secret}\nLANGFUSE_PUBLIC_KEY=pk-lf-1\nLANGFUSE_SECRET_KEY=${{SK}}\n"),
        )
        .unwrap();
        let mut profile = sample("work");
        profile.secret = SecretLocation::EnvFile;
        profile.env_files = vec![path];
        let found = secret_from_env_files(&profile).expect("the key python-dotenv loads");
        assert_eq!(found.expose(), secret);
    }

    #[test]
    fn missing_and_damaged_profiles_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let profiles = ProfileDir::at(dir.path());
        let error = profiles.load("nope").unwrap_err().to_string();
        assert!(error.contains("no profiles yet"), "{error}");
        profiles.save(&sample("a")).unwrap();
        let error = profiles.load("nope").unwrap_err().to_string();
        assert!(error.contains("(profiles: a)"), "{error}");
        fs::write(dir.path().join("b.toml"), "name = 1").unwrap();
        assert!(matches!(
            profiles.load("b"),
            Err(ProfileError::Damaged { .. })
        ));
    }

    #[test]
    fn names_are_checked() {
        for good in ["default", "work-eu", "a_1"] {
            assert!(validate_name(good).is_ok());
        }
        for bad in ["", "../x", "a b", "a/b", &"x".repeat(65)] {
            assert!(validate_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn recorded_files_are_absolute_and_unique() {
        let mut profile = sample("p");
        profile.env_files.clear();
        profile.record_files(&[PathBuf::from("x/.env"), PathBuf::from("x/.env")]);
        assert_eq!(profile.env_files.len(), 1);
        assert!(profile.env_files[0].is_absolute());
    }

    /// Profile errors in Chinese (配置档), with the name, path and the other profiles kept.
    #[test]
    fn profile_messages_read_in_chinese() {
        use crate::core::i18n::{Lang, assert_chinese, with_language};
        let zh = |error: ProfileError| with_language(Lang::ZhCn, || error.to_string());
        assert_chinese(&zh(ProfileError::BadName("a b".into())), &["`a b`", "64"]);
        assert_chinese(
            &zh(ProfileError::NotFound {
                name: "prod".into(),
                known: vec![],
            }),
            &["`prod`", "`langfuse-otel setup`"],
        );
        assert_chinese(
            &zh(ProfileError::NotFound {
                name: "prod".into(),
                known: vec!["dev".into(), "staging".into()],
            }),
            &["`prod`", "dev, staging"],
        );
        assert_chinese(
            &zh(ProfileError::Damaged {
                name: "dev".into(),
                path: PathBuf::from("/home/u/.config/langfuse-otel/dev.toml"),
                reason: "expected `=`".into(),
            }),
            &[
                "`dev`",
                "/home/u/.config/langfuse-otel/dev.toml",
                "expected `=`",
            ],
        );
        assert_chinese(&zh(ProfileError::NoConfigDir), &["XDG_CONFIG_HOME", "HOME"]);
        for action in ["read", "write", "delete", "list", "create"] {
            let text = zh(ProfileError::Io {
                action,
                path: PathBuf::from("/p/dev.toml"),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            });
            assert_chinese(&text, &["/p/dev.toml"]);
            assert!(!text.contains(action), "{text}");
        }
        let conflict = Conflict {
            name: "dev".into(),
            host: "https://cloud.langfuse.com".into(),
            public_key: "pk-lf-1".into(),
            new_host: "https://us.cloud.langfuse.com".into(),
            new_public_key: "pk-lf-2".into(),
            suggestion: "dev-2".into(),
        };
        assert_chinese(
            &zh(ProfileError::OtherTarget(Box::new(conflict))),
            &[
                "`dev`",
                "https://us.cloud.langfuse.com",
                "pk-lf-2",
                "`dev-2`",
            ],
        );
        assert_chinese(
            &with_language(Lang::ZhCn, || {
                SecretError::NotInEnvFiles("dev".into()).to_string()
            }),
            &["`dev`", "`langfuse-otel rotate --profile dev`"],
        );
        assert_chinese(
            &with_language(Lang::ZhCn, || {
                SecretError::HeaderMissing("dev".into()).to_string()
            }),
            &["`langfuse-otel setup --profile dev --header NAME=VALUE ...`"],
        );
        with_language(Lang::ZhCn, || {
            for location in [
                SecretLocation::Keyring,
                SecretLocation::KernelKeyring,
                SecretLocation::EnvFile,
            ] {
                assert_chinese(location.place(), &[]);
                assert_chinese(&location.kept(), &[]);
            }
        });
    }
}
