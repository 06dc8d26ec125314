//! Running the wizard's effects: the IO edge. Each effect runs on tokio (blocking work on the
//! blocking pool) and comes back as one message.

use secrecy::ExposeSecret as _;

use super::app::{DiagnoseLine, DoneSummary, Effect, Msg, WriteJob};
use super::screens::diagnose;
use crate::apply::{self, PlanRequest};
use crate::checkup;
use crate::core::credential::BasicCredential;
use crate::core::host::{Host, Region};
use crate::core::vars::DEFAULT_INGESTION_VERSION;
use crate::io::envfile::EnvFile;
use crate::io::probe::Prober;
use crate::io::profile::{Fit, ProfileDir, ProfileUpdate, secret_of};
use crate::io::secret_store::{SecretStore, StoreError};
use crate::tr;

/// What effects need: the network, the keyring, the profiles.
#[derive(Clone)]
pub struct Effects {
    pub prober: Prober,
    pub store: SecretStore,
    pub regions: Vec<(Region, Host)>,
    /// `None`: touch no profile (demo).
    pub profiles: Option<ProfileDir>,
}

impl Effects {
    pub async fn run(&self, effect: Effect) -> Msg {
        match effect {
            Effect::DetectRegion { id, keys } => {
                let authorization = BasicCredential::new(&keys).header_value();
                let started = std::time::Instant::now();
                let answers = self
                    .prober
                    .detect_region(&self.regions, Some(authorization.expose_secret()))
                    .await;
                Msg::Detected {
                    id,
                    answers,
                    elapsed: started.elapsed(),
                }
            }
            Effect::Test { id, target } => {
                let report = self.prober.test(&target).await;
                let hint = self
                    .prober
                    .region_hint(&self.regions, &report, &target)
                    .await;
                Msg::Tested {
                    id,
                    report: Box::new(report),
                    hint,
                }
            }
            Effect::CheckKeyring { id, profile } => {
                let store = self.store;
                let result = blocking(move || match store.get(&profile) {
                    // Reachable: an entry, none yet, or an unusable one that setup will replace.
                    Ok(_) | Err(StoreError::NotFound(_) | StoreError::Corrupt(_)) => Ok(()),
                    Err(error) => Err(error),
                })
                .await;
                Msg::KeyringChecked {
                    id,
                    result: result.unwrap_or_else(|e| Err(StoreError::Unavailable(e))),
                }
            }
            Effect::ReadEnv { id, path } => {
                let read_path = path.clone();
                let read = blocking(move || {
                    EnvFile::read(&read_path, false)
                        .map(|file| (file.existed.then_some(file.text), file.mode))
                        .map_err(|e| e.to_string())
                })
                .await
                .and_then(|r| r);
                let mode = read.as_ref().ok().and_then(|(_, mode)| *mode);
                Msg::EnvRead {
                    id,
                    path,
                    result: read.map(|(text, _)| text),
                    mode,
                }
            }
            Effect::CheckGit { id, paths } => {
                let exposures = blocking(move || apply::GitExposure::of_all(&paths))
                    .await
                    // A check that could not run warns about nothing, as outside a work tree.
                    .unwrap_or_default();
                Msg::GitChecked { id, exposures }
            }
            Effect::LoadSecret { id, profile } => {
                let store = self.store;
                let result = blocking(move || {
                    secret_of(&profile, &store).map_err(|e| crate::exit::Failure::from(e).message)
                })
                .await
                .and_then(|r| r);
                Msg::SecretLoaded { id, result }
            }
            Effect::Write { id, job } => {
                let store = self.store;
                let profiles = self.profiles.clone();
                Msg::Written {
                    id,
                    result: blocking(move || write(job, &store, profiles.as_ref()))
                        .await
                        .and_then(|r| r),
                }
            }
            Effect::Diagnose { id, path } => Msg::Diagnosed {
                id,
                result: self.diagnose(&path).await,
            },
            Effect::Repair { id, path, shown } => Msg::Repaired {
                id,
                result: blocking(move || repair(&path, &shown))
                    .await
                    .and_then(|r| r),
            },
            Effect::Arrival {
                id,
                target,
                server_version,
                project,
                deadline,
            } => Msg::Arrived {
                id,
                arrival: Box::new(
                    checkup::arrival(
                        &self.prober,
                        &target,
                        server_version.as_ref(),
                        project.as_ref(),
                        deadline,
                    )
                    .await,
                ),
            },
            Effect::LoadHeaders { id, profile } => {
                let store = self.store;
                let result = blocking(move || {
                    crate::io::profile::headers_of(&profile, &store)
                        .map_err(|e| crate::exit::Failure::from(e).message)
                })
                .await
                .and_then(|r| r);
                Msg::HeadersLoaded { id, result }
            }
            Effect::ExplainEnv {
                id,
                path,
                explanation,
            } => Msg::ExplainFindings {
                id,
                result: explain_findings(path, explanation).await,
            },
        }
    }

    /// The checkup of `doctor` on one file: the file is read on the blocking pool, the checks and
    /// the live tests come from [`checkup`], and the screen only renders them.
    async fn diagnose(&self, path: &std::path::Path) -> Result<Vec<DiagnoseLine>, String> {
        let (read, examined) = examined_file(path.to_path_buf()).await?;
        let families = checkup::test_examined(
            &self.prober,
            &self.regions,
            std::slice::from_ref(&examined),
            checkup::LiveOptions::default(),
        )
        .await
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
        let lines = diagnose::lines(&examined, &families, &read.file.text);
        if lines.is_empty() {
            return Err(tr!("wiz-diagnose-no-variables", path = path.display()));
        }
        Ok(lines)
    }
}

/// `doctor --fix`'s value repairs, through the one pipeline: computed again from the file as it is
/// now, and applied only if they are the ones the screen showed (a file edited since gets no
/// repair the user did not see).
fn repair(path: &std::path::Path, shown: &[String]) -> Result<Vec<String>, String> {
    let (read, examined) = checkup::examine_env_file(path)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| tr!("wiz-diagnose-gone", path = path.display()))?;
    let text = &read.file.text;
    let now: Vec<String> = diagnose::lines(&examined, &[], text)
        .into_iter()
        .flat_map(|l| l.repair)
        .collect();
    if now != shown {
        return Err(tr!("wiz-diagnose-changed", path = path.display()));
    }
    let findings: Vec<_> = examined.all_findings().cloned().collect();
    let values = crate::core::doctor::repairs(text, &findings)?;
    let options = apply::CommitOptions::new(false, false);
    let mut notes = Vec::new();
    if !values.is_empty() {
        let planned = apply::plan_repairs(path, text, &values, &options).map_err(|f| f.message)?;
        let committed =
            apply::commit(std::slice::from_ref(&planned), &options).map_err(|f| f.message)?;
        notes.push(tr!(
            "wiz-diagnose-repaired",
            variables = values
                .iter()
                .map(|(name, _)| *name)
                .collect::<Vec<_>>()
                .join(", ")
        ));
        notes.extend(committed.files.iter().map(apply::describe));
        notes.extend(
            committed
                .notes
                .iter()
                .map(|n| tr!("wiz-note", note = n.to_string())),
        );
    }
    notes.extend(
        apply::repair_file_facts(path, &examined.findings, &options).map_err(|f| f.message)?,
    );
    Ok(notes)
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    // The blocking pool's threads word results in the language of the task that asked.
    let lang = crate::core::i18n::language();
    tokio::task::spawn_blocking(move || crate::core::i18n::with_language(lang, work))
        .await
        .map_err(|e| tr!("wiz-internal-error", error = e.to_string()))
}

fn write(
    job: WriteJob,
    store: &SecretStore,
    profiles: Option<&ProfileDir>,
) -> Result<DoneSummary, String> {
    // A profile belongs to one host and one project: refused before any file is touched.
    if let (Some(dir), Some(_), false) = (profiles, job.record, job.rotating)
        && let Fit::Other(existing) = dir
            .fit(&job.profile, &job.host, job.keys.public.as_str())
            .map_err(|e| e.to_string())?
    {
        return Err(tr!(
            "wiz-write-profile-taken",
            profile = &existing.name,
            host = &existing.host,
            key = &existing.public_key
        ));
    }
    let request = PlanRequest {
        paths: &job.paths,
        follow_symlinks: false,
        force: false,
        host: &job.host,
        keys: &job.keys,
        families: &job.families,
        ingestion_version: Some(DEFAULT_INGESTION_VERSION),
        signals: job.signals,
        headers: &job.headers,
        rotating: job.rotating,
    };
    let plans = apply::plan(&request).map_err(|f| f.message)?;
    // As `setup` does: git is asked again now, and the .gitignore lines the user accepted are
    // written before anything else, so a failure there leaves everything as it was.
    let exposures = apply::GitExposure::of_all(&job.paths);
    let mut files: Vec<String> = Vec::new();
    if job.gitignore {
        files.extend(apply::ignore_all_in_git(&exposures).map_err(|f| f.message)?);
    }
    // The keyring first: if it fails, nothing is written.
    if job.store_in_keyring {
        // The keyring the profile will name (the OS one, or the kernel's).
        let store = job.record.and_then(|l| l.store(*store)).unwrap_or(*store);
        store.set(&job.profile, &job.keys.secret).map_err(|e| {
            tr!(
                "wiz-write-keyring-failed",
                cause = e.cause_line(),
                remedy = e.remedy()
            )
        })?;
    }
    let committed = apply::commit(&plans, &request.options()).map_err(|f| f.message)?;
    files.extend(
        committed
            .notes
            .iter()
            .map(|n| tr!("wiz-note", note = n.to_string())),
    );
    files.extend(committed.files.iter().map(apply::describe));
    files.extend(
        apply::git_warnings(&exposures, job.gitignore)
            .iter()
            .map(|w| format!("! {w}")),
    );
    let mut profile = None;
    if let (Some(dir), Some(location)) = (profiles, job.record) {
        dir.record(ProfileUpdate {
            name: &job.profile,
            host: &job.host,
            public_key: job.keys.public.as_str(),
            families: &job.families,
            ingestion_version: Some(DEFAULT_INGESTION_VERSION),
            signals: job.signals,
            headers: &job.headers,
            secret: location,
            files: &job.paths,
            rotated: job.rotating,
            tested: job.tested,
        })
        .map_err(|e| e.to_string())?;
        profile = Some(job.profile.clone());
    }
    Ok(DoneSummary {
        node_project: job
            .paths
            .iter()
            .any(|p| crate::io::envfile::node_project(p)),
        files,
        profile,
        secret: job.record,
        rotated: job.rotating,
    })
}

/// The `.env`'s static findings that lead to an explained error.
async fn explain_findings(
    path: std::path::PathBuf,
    explanation: crate::core::explain::Explanation,
) -> Result<Vec<crate::core::doctor::Finding>, String> {
    let (_, examined) = examined_file(path).await?;
    let findings: Vec<_> = examined.all_findings().cloned().collect();
    Ok(explanation.related_findings(&findings))
}

/// The checkup's examination of a `.env`, read on the blocking pool.
async fn examined_file(
    path: std::path::PathBuf,
) -> Result<(checkup::ReadFile, checkup::Examined), String> {
    let shown = path.display().to_string();
    blocking(move || checkup::examine_env_file(&path).map_err(|e| e.to_string()))
        .await
        .and_then(|r| r)?
        .ok_or_else(|| tr!("wiz-file-missing", path = shown))
}
