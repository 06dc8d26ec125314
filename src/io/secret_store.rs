//! The secret key in the OS keyring: Secret Service on Linux (pure Rust over D-Bus, no libdbus),
//! Keychain on macOS, Credential Manager on Windows. Service `langfuse-otel`, one entry per profile.
//!
//! These are the stores of the `keyring` crate's current major (4), used through `keyring-core` as
//! its documentation recommends for applications: that way a failed store start (no D-Bus yet) can
//! be retried in the same process, which `keyring`'s own one-shot set-up does not allow.
//!
//! Where no Secret Service runs (a server, a container, WSL), the Linux kernel keyring (keyutils)
//! can hold it instead: in memory, so until reboot or logout, named as such wherever it is offered.
//!
//! Every call runs on its own thread with a deadline: a locked keyring whose unlock prompt nobody
//! answers must not hang the wizard. Errors say what happened in one sentence and never contain the
//! secret.

use std::fmt;
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Duration;

use crate::core::credential::{ExtraHeader, encode_header_list, extra_headers_in};
use crate::core::keys::{SecretKey, parse_secret_key};
use crate::{tr, tr_static};

pub const SERVICE: &str = "langfuse-otel";
/// What `gh` waits for its keyring.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    Unavailable(String),
    /// The kernel keyring (`--kernel-keyring`) refused: its own variant, so that no message
    /// names the OS keyring for it or offers it again.
    KernelUnavailable(String),
    Locked,
    Timeout(Duration),
    NotFound(String),
    Corrupt(String),
    /// The kernel keyring has no entry: it keeps keys in memory only.
    Forgotten(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            StoreError::Unavailable(cause) => tr!("core-keyring-unavailable", cause = cause),
            StoreError::KernelUnavailable(cause) => {
                tr!("core-kernel-keyring-unavailable", cause = cause)
            }
            StoreError::Locked => tr!("core-keyring-locked"),
            StoreError::Timeout(after) => tr!(
                "core-keyring-timeout",
                seconds = format!("{}", after.as_secs_f64())
            ),
            StoreError::NotFound(profile) => tr!("core-keyring-not-found", profile = profile),
            StoreError::Corrupt(profile) => tr!("core-keyring-corrupt", profile = profile),
            StoreError::Forgotten(profile) => tr!("core-keyring-forgotten", profile = profile),
        })
    }
}

impl StoreError {
    /// Why the keyring cannot be used, in one line and in words (no raw D-Bus error).
    pub fn cause_line(&self) -> String {
        match self {
            StoreError::KernelUnavailable(cause) => {
                tr!("core-keyring-cause-kernel", cause = cause)
            }
            StoreError::Unavailable(raw) if raw.contains("Failed to connect to address") => {
                tr!("core-keyring-cause-no-bus")
            }
            StoreError::Unavailable(raw) if raw.contains("cannot start a thread") => {
                tr!("core-keyring-cause-not-asked", cause = raw)
            }
            StoreError::Unavailable(_) => tr!("core-keyring-cause-no-service"),
            StoreError::Locked => tr!("core-keyring-cause-locked"),
            StoreError::Timeout(after) => tr!(
                "core-keyring-cause-timeout",
                seconds = format!("{}", after.as_secs_f64())
            ),
            StoreError::NotFound(_) | StoreError::Corrupt(_) | StoreError::Forgotten(_) => {
                self.to_string()
            }
        }
    }

    /// How to make the keyring usable, for a screen (no command-line flags).
    pub fn remedy(&self) -> &'static str {
        match self {
            StoreError::KernelUnavailable(_) => tr_static!("core-keyring-remedy-kernel"),
            StoreError::Unavailable(raw) if raw.contains("Failed to connect to address") => {
                tr_static!("core-keyring-remedy-no-bus")
            }
            StoreError::Unavailable(_) => tr_static!("core-keyring-remedy-no-service"),
            StoreError::Locked | StoreError::Timeout(_) => tr_static!("core-keyring-remedy-locked"),
            StoreError::NotFound(_) | StoreError::Corrupt(_) | StoreError::Forgotten(_) => {
                tr_static!("core-keyring-remedy-missing")
            }
        }
    }

    /// What the user can do, for messages.
    pub fn fix(&self) -> &'static str {
        match self {
            StoreError::KernelUnavailable(_) => tr_static!("core-keyring-fix-kernel"),
            StoreError::Unavailable(_) if KERNEL_KEYRING => {
                tr_static!("core-keyring-fix-no-service-kernel")
            }
            StoreError::Unavailable(_) => tr_static!("core-keyring-fix-no-service"),
            StoreError::Locked | StoreError::Timeout(_) => tr_static!("core-keyring-fix-locked"),
            StoreError::NotFound(_) | StoreError::Corrupt(_) | StoreError::Forgotten(_) => {
                tr_static!("core-keyring-fix-missing")
            }
        }
    }
}

/// Whether this build has the kernel keyring (Linux, feature `kernel-keyring`).
pub const KERNEL_KEYRING: bool = cfg!(all(target_os = "linux", feature = "kernel-keyring"));

/// Which keyring a [`SecretStore`] asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The OS keyring: Secret Service, Keychain, Credential Manager.
    Os,
    /// The Linux kernel keyring (keyutils): the user's keyring, in memory only, so a reboot or a
    /// logout empties it.
    Kernel,
}

/// A keyring, with a deadline on every call.
#[derive(Clone, Copy)]
pub struct SecretStore {
    timeout: Duration,
    backend: Backend,
}

impl fmt::Debug for SecretStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SecretStore({:?}, timeout {:?})",
            self.backend, self.timeout
        )
    }
}

impl Default for SecretStore {
    fn default() -> Self {
        SecretStore::new(DEFAULT_TIMEOUT)
    }
}

impl SecretStore {
    pub fn new(timeout: Duration) -> Self {
        SecretStore {
            timeout,
            backend: Backend::Os,
        }
    }

    /// The same deadline, on the kernel keyring.
    pub fn kernel(self) -> Self {
        SecretStore {
            backend: Backend::Kernel,
            ..self
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    pub fn set(&self, profile: &str, secret: &SecretKey) -> Result<(), StoreError> {
        let secret = zeroize::Zeroizing::new(secret.expose().to_string());
        self.put(profile, profile.to_string(), secret)
    }

    pub fn get(&self, profile: &str) -> Result<SecretKey, StoreError> {
        let text = self.fetch(profile, profile.to_string())?;
        parse_secret_key(&text)
            .map(|(key, _)| key)
            .map_err(|_| StoreError::Corrupt(profile.to_string()))
    }

    /// Keeps the secret-bearing extra headers of a profile in their own entry (`PROFILE.headers`:
    /// a profile name has no `.`), as a header list; none removes the entry.
    pub fn set_headers(&self, profile: &str, headers: &[ExtraHeader]) -> Result<(), StoreError> {
        let secret: Vec<(&str, &str)> = headers
            .iter()
            .filter(|h| h.is_secret())
            .map(|h| (h.name(), h.expose()))
            .collect();
        let user = headers_entry(profile);
        if secret.is_empty() {
            return self.remove(profile, user);
        }
        let list = zeroize::Zeroizing::new(encode_header_list(secret));
        self.put(profile, user, list)
    }

    /// The secret-bearing extra headers kept by [`SecretStore::set_headers`].
    pub fn get_headers(&self, profile: &str) -> Result<Vec<ExtraHeader>, StoreError> {
        let text = self.fetch(profile, headers_entry(profile))?;
        Ok(extra_headers_in(&text))
    }

    /// Removes the entry; a missing entry is not an error.
    pub fn delete(&self, profile: &str) -> Result<(), StoreError> {
        self.remove(profile, profile.to_string())
    }

    /// Stores `text` under the entry `user` (the profile's, or its headers'), in this backend.
    fn put(
        &self,
        profile: &str,
        user: String,
        text: zeroize::Zeroizing<String>,
    ) -> Result<(), StoreError> {
        let (backend, name) = (self.backend, profile.to_string());
        self.call("set", profile, move || match backend {
            Backend::Os => with_entry(&user, |entry| entry.set_password(&text)),
            Backend::Kernel => kernel::set(&user, &name, &text),
        })
    }

    fn fetch(&self, profile: &str, user: String) -> Result<zeroize::Zeroizing<String>, StoreError> {
        let (backend, name) = (self.backend, profile.to_string());
        self.call("get", profile, move || match backend {
            Backend::Os => with_entry(&user, |entry| {
                entry.get_password().map(zeroize::Zeroizing::new)
            }),
            Backend::Kernel => kernel::get(&user, &name),
        })
    }

    /// A missing entry is not an error.
    fn remove(&self, profile: &str, user: String) -> Result<(), StoreError> {
        let (backend, name) = (self.backend, profile.to_string());
        match self.call("delete", profile, move || match backend {
            Backend::Os => with_entry(&user, |entry| entry.delete_credential()),
            Backend::Kernel => kernel::delete(&user, &name),
        }) {
            Err(StoreError::NotFound(_) | StoreError::Forgotten(_)) => Ok(()),
            other => other,
        }
    }

    /// Runs `work` on its own thread and waits at most the timeout. On a timeout the thread is left
    /// to finish (or hang) on its own; nothing waits for it.
    /// Logged with its operation, profile, time and outcome; never the secret.
    fn call<T: Send + 'static>(
        &self,
        operation: &'static str,
        profile: &str,
        work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let started = std::time::Instant::now();
        let result = self.call_with_deadline(work);
        let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
        match &result {
            Ok(_) => {
                tracing::info!(operation, profile, backend = ?self.backend, elapsed_ms, "keyring call: ok")
            }
            Err(error) => {
                tracing::info!(operation, profile, backend = ?self.backend, elapsed_ms, %error, "keyring call: failed")
            }
        }
        result
    }

    fn call_with_deadline<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name("keyring".into())
            .spawn(move || {
                let _ = sender.send(work());
            })
            .map_err(|e| StoreError::Unavailable(format!("cannot start a thread: {e}")))?;
        match receiver.recv_timeout(self.timeout) {
            Ok(result) => result,
            Err(_) => Err(StoreError::Timeout(self.timeout)),
        }
    }
}

/// The keyring entry of a profile's secret-bearing extra headers.
fn headers_entry(profile: &str) -> String {
    format!("{profile}.headers")
}

/// Serialises store start-up, so two calls do not race to set the default store.
static STORE_LOCK: Mutex<()> = Mutex::new(());

/// The kernel keyring: the user's keyring (`@u`), shared by every process of the user as the
/// Secret Service is, and kept in memory until reboot, or until none of the user's processes is
/// left (logout).
#[cfg(all(target_os = "linux", feature = "kernel-keyring"))]
mod kernel {
    use linux_keyutils::{KeyError, KeyPermissionsBuilder, KeyRing, KeyRingIdentifier, Permission};

    use super::{SERVICE, StoreError};

    fn description(entry: &str) -> String {
        format!("{SERVICE}:{entry}")
    }

    fn user_keyring() -> Result<KeyRing, KeyError> {
        KeyRing::from_special_id(KeyRingIdentifier::User, true)
    }

    fn failed(error: KeyError, profile: &str) -> StoreError {
        match error {
            KeyError::KeyDoesNotExist | KeyError::KeyExpired | KeyError::KeyRevoked => {
                StoreError::Forgotten(profile.to_string())
            }
            other => StoreError::KernelUnavailable(other.to_string()),
        }
    }

    pub fn set(entry: &str, profile: &str, secret: &str) -> Result<(), StoreError> {
        let keyring = user_keyring().map_err(|e| failed(e, profile))?;
        // add_key replaces the payload of a key with the same description in the same keyring.
        let key = keyring
            .add_key(&description(entry), secret.as_bytes())
            .map_err(|e| failed(e, profile))?;
        // Readable by the user's own processes (as with the Secret Service), not only by those
        // that reach it through their session keyring; never by group or others.
        let permissions = KeyPermissionsBuilder::builder()
            .posessor(Permission::ALL)
            .user(Permission::ALL)
            .build();
        key.set_perms(permissions).map_err(|e| failed(e, profile))
    }

    pub fn get(entry: &str, profile: &str) -> Result<zeroize::Zeroizing<String>, StoreError> {
        let keyring = user_keyring().map_err(|e| failed(e, profile))?;
        let key = keyring
            .search(&description(entry))
            .map_err(|e| failed(e, profile))?;
        let bytes = zeroize::Zeroizing::new(key.read_to_vec().map_err(|e| failed(e, profile))?);
        std::str::from_utf8(&bytes)
            .map(|text| zeroize::Zeroizing::new(text.to_string()))
            .map_err(|_| StoreError::Corrupt(profile.to_string()))
    }

    pub fn delete(entry: &str, profile: &str) -> Result<(), StoreError> {
        let keyring = user_keyring().map_err(|e| failed(e, profile))?;
        let key = keyring
            .search(&description(entry))
            .map_err(|e| failed(e, profile))?;
        key.invalidate().map_err(|e| failed(e, profile))
    }
}

#[cfg(not(all(target_os = "linux", feature = "kernel-keyring")))]
mod kernel {
    use super::StoreError;

    fn absent() -> StoreError {
        StoreError::Unavailable(
            "this build has no kernel keyring (Linux, feature kernel-keyring)".into(),
        )
    }

    pub fn set(_entry: &str, _profile: &str, _secret: &str) -> Result<(), StoreError> {
        Err(absent())
    }

    pub fn get(_entry: &str, _profile: &str) -> Result<zeroize::Zeroizing<String>, StoreError> {
        Err(absent())
    }

    pub fn delete(_entry: &str, _profile: &str) -> Result<(), StoreError> {
        Err(absent())
    }
}

/// Runs `work` on the profile's entry, starting the platform store when none is running.
fn with_entry<T>(
    profile: &str,
    work: impl FnOnce(&keyring_core::Entry) -> keyring_core::Result<T>,
) -> Result<T, StoreError> {
    {
        let _guard = STORE_LOCK.lock().unwrap_or_else(|p| p.into_inner());
        if keyring_core::get_default_store().is_none() {
            let store = platform_store().map_err(|e| classify(e, profile))?;
            keyring_core::set_default_store(store);
        }
    }
    let result = keyring_core::Entry::new(SERVICE, profile)
        .and_then(|entry| work(&entry))
        .map_err(|e| classify(e, profile));
    if let Err(StoreError::Unavailable(_) | StoreError::Locked) = result {
        // A store that lost its service is dropped, so that a retry starts afresh.
        keyring_core::unset_default_store();
    }
    result
}

#[cfg(target_os = "linux")]
fn platform_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(zbus_secret_service_keyring_store::Store::new()?)
}

#[cfg(target_os = "macos")]
fn platform_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(windows)]
fn platform_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new()?)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
fn platform_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Err(keyring_core::Error::NotSupportedByStore(
        "no OS keyring is supported on this platform".into(),
    ))
}

fn classify(error: keyring_core::Error, profile: &str) -> StoreError {
    use keyring_core::Error as E;
    match error {
        E::NoEntry => StoreError::NotFound(profile.to_string()),
        E::BadEncoding(_) | E::BadDataFormat(..) => StoreError::Corrupt(profile.to_string()),
        E::NoStorageAccess(inner) | E::PlatformFailure(inner) => {
            let text = inner.to_string();
            let lower = text.to_ascii_lowercase();
            // An unlock needs a prompt; with no prompter (a headless session) it is dismissed.
            if lower.contains("locked") || lower.contains("prompt dismissed") {
                StoreError::Locked
            } else {
                StoreError::Unavailable(short(&text))
            }
        }
        other => StoreError::Unavailable(short(&other.to_string())),
    }
}

/// D-Bus errors can be long; the first sentence says enough.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > 160 {
        let cut: String = line.chars().take(157).collect();
        format!("{cut}...")
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_call_times_out_at_the_deadline() {
        let store = SecretStore::new(Duration::from_millis(50));
        let result: Result<(), _> = store.call("get", "slow", || {
            std::thread::sleep(Duration::from_secs(2));
            Ok(())
        });
        assert_eq!(result, Err(StoreError::Timeout(Duration::from_millis(50))));
        assert!(
            StoreError::Timeout(Duration::from_millis(1500))
                .to_string()
                .contains("1.5 s")
        );
    }

    /// A kernel keyring that fails is named as such, and its fix does not offer it again.
    #[test]
    fn a_failing_kernel_keyring_is_named_and_not_offered_again() {
        let error = StoreError::KernelUnavailable("AccessDenied".into());
        assert!(
            error
                .to_string()
                .starts_with("the kernel keyring is not available")
        );
        assert!(error.cause_line().contains("kernel keyring"));
        assert!(
            !error.fix().contains("--kernel-keyring to keep"),
            "{}",
            error.fix()
        );
        assert!(!error.remedy().contains("Secret Service (gnome"));
        let os = StoreError::Unavailable("org.freedesktop.DBus.Error.ServiceUnknown".into());
        assert!(
            os.to_string()
                .starts_with("the OS keyring is not available")
        );
    }

    #[test]
    fn every_error_says_what_to_do() {
        for error in [
            StoreError::Unavailable("x".into()),
            StoreError::Locked,
            StoreError::Timeout(DEFAULT_TIMEOUT),
            StoreError::NotFound("p".into()),
            StoreError::Corrupt("p".into()),
        ] {
            assert!(!error.fix().is_empty());
        }
        assert_eq!(short(&"a".repeat(300)).chars().count(), 160);
    }

    /// Keyring errors, their causes and fixes in Chinese (系统密钥环, the flags kept).
    #[test]
    fn keyring_messages_read_in_chinese() {
        use crate::core::i18n::{Lang, assert_chinese, with_language};
        for error in [
            StoreError::Unavailable(
                "org.freedesktop.DBus.Error: Failed to connect to address".into(),
            ),
            StoreError::Unavailable("no service".into()),
            StoreError::KernelUnavailable("EPERM".into()),
            StoreError::Locked,
            StoreError::Timeout(Duration::from_secs(3)),
            StoreError::NotFound("work".into()),
            StoreError::Corrupt("work".into()),
            StoreError::Forgotten("work".into()),
        ] {
            with_language(Lang::ZhCn, || {
                // The raw D-Bus error inside `Unavailable` is the system's text, quoted as is.
                if !matches!(error, StoreError::Unavailable(_)) {
                    assert_chinese(&error.to_string(), &[]);
                }
                assert_chinese(&error.cause_line(), &[]);
                assert_chinese(error.remedy(), &[]);
                assert_chinese(error.fix(), &[]);
            });
        }
        with_language(Lang::ZhCn, || {
            assert_chinese(
                &StoreError::NotFound("work".into()).to_string(),
                &["`work`", "系统密钥环"],
            );
            assert_chinese(
                &StoreError::Timeout(Duration::from_secs(3)).to_string(),
                &["3"],
            );
            assert_chinese(
                StoreError::Locked.fix(),
                &["--no-keyring", "`gnome-keyring-daemon --unlock`"],
            );
        });
    }
}
