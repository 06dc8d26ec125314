//! THE write pipeline for .env files, used by `setup`, `rotate`, `doctor --fix` and the wizard:
//!
//! 1. [`plan`]: read every target (regular files only, bounded, never blocking), refuse what may
//!    not be replaced, and build the edit, so a problem with any file is found before anything is
//!    written or any network call is made.
//! 2. [`commit`]: lock every file (in path order, so two runs cannot deadlock), re-read each and
//!    compare it with the plan: a file whose other lines changed is re-planned on its new content;
//!    one where someone else changed our variables stops the whole commit with nothing written.
//!    Then stage every temp file (and `.bak`) and make them durable, look at the files once more
//!    (one replaced meanwhile by a program that does not take the lock is read and staged again,
//!    up to five times, then left as that program wrote it, with nothing written), and only then
//!    rename them into place; if a rename fails, the files already replaced get their previous
//!    version back.

use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::{ExposeSecret as _, SecretString};

use crate::core::credential::{ExtraHeader, extra_headers_in};
use crate::core::dotenv::{ChangeKind, Document, Edit, upsert};
use crate::core::host::Host;
use crate::core::keys::KeyPair;
use crate::core::vars::{
    Config, Family, HEADER_LIST_VARIABLES, Signals, Variable, build_variables,
};
use crate::exit::{Exit, Failure};
use crate::io::envfile::{self, EnvFile, WriteReport};
use crate::tr;

/// One .env file and what the edit will do to it.
pub struct Planned {
    pub file: EnvFile,
    /// What this file gets: the chosen families, or (rotating) the families already in it.
    pub variables: Vec<Variable>,
    pub edit: Edit,
    /// The names and values set, for re-planning on content that changed since the read.
    settings: Vec<(String, SecretString)>,
}

impl Planned {
    fn pairs(&self) -> Vec<(&str, &str)> {
        self.settings
            .iter()
            .map(|(name, value)| (name.as_str(), value.expose_secret()))
            .collect()
    }
}

/// What to write where.
pub struct PlanRequest<'a> {
    pub paths: &'a [PathBuf],
    pub follow_symlinks: bool,
    /// Replace a read-only file or another user's file.
    pub force: bool,
    pub host: &'a Host,
    pub keys: &'a KeyPair,
    pub families: &'a [Family],
    pub ingestion_version: Option<u8>,
    pub signals: Signals,
    /// An access proxy's headers; a rotation keeps each file's own instead.
    pub headers: &'a [ExtraHeader],
    /// Rotation replaces the keys where they are and adds no family a file did not have.
    pub rotating: bool,
}

impl PlanRequest<'_> {
    pub fn options(&self) -> CommitOptions {
        CommitOptions::new(self.follow_symlinks, self.force)
    }
}

pub fn plan(request: &PlanRequest<'_>) -> Result<Vec<Planned>, Failure> {
    let files = read_all(request.paths, request.follow_symlinks, request.force)?;
    let build = |families: &[Family], headers: &[ExtraHeader]| {
        build_variables(&Config {
            host: Some(request.host),
            keys: request.keys,
            families,
            ingestion_version: request.ingestion_version,
            signals: request.signals,
            headers,
        })
    };
    let threads = crate::io::threads_for(files.len());
    crate::io::parallel_map(files, threads, |file| {
        let present = families_in(&file.text);
        let variables = if request.rotating && !present.is_empty() {
            // The file's own proxy headers stay: a rotation changes the keys only.
            build(&present, &file_extra_headers(&file.text))
        } else {
            build(request.families, request.headers)
        };
        let settings = variables
            .iter()
            .map(|v| (v.name.to_string(), SecretString::from(v.expose())))
            .collect();
        plan_file(file, variables, settings)
    })
}

/// The extra headers of the first header variable a file sets.
fn file_extra_headers(text: &str) -> Vec<ExtraHeader> {
    let doc = Document::parse(text);
    HEADER_LIST_VARIABLES
        .iter()
        .find_map(|name| doc.get(name))
        .map(extra_headers_in)
        .unwrap_or_default()
}

/// A plan that sets arbitrary `settings` (`doctor --fix`'s repaired values) in one file.
pub fn plan_settings(
    path: &Path,
    options: &CommitOptions,
    settings: Vec<(String, SecretString)>,
) -> Result<Planned, Failure> {
    let mut files = read_all(
        std::slice::from_ref(&path.to_path_buf()),
        options.follow_symlinks,
        options.force,
    )?;
    plan_file(files.remove(0), Vec::new(), settings)
}

/// The value repairs `doctor --fix` (and the wizard's Diagnose) computed from `checked`, the text
/// the checks read, planned on the file as it is now. A file that is no longer that text is not
/// planned: its repairs were computed for other lines.
pub fn plan_repairs(
    path: &Path,
    checked: &str,
    values: &[(&str, String)],
    options: &CommitOptions,
) -> Result<Planned, Failure> {
    let settings = values
        .iter()
        .map(|(name, value)| (name.to_string(), SecretString::from(value.as_str())))
        .collect();
    let planned = plan_settings(path, options, settings)?;
    if planned.file.text != checked {
        return Err(changed_under_us(
            path,
            tr!("core-apply-not-the-repaired-lines"),
        ));
    }
    Ok(planned)
}

/// `doctor --fix`'s repairs of the file itself rather than of its values: git would commit it, so
/// its `.gitignore` lines; other users can read it, so mode 0600. What was done, in words.
pub fn repair_file_facts(
    path: &Path,
    findings: &[crate::core::doctor::Finding],
    options: &CommitOptions,
) -> Result<Vec<String>, Failure> {
    use crate::core::doctor::Check;
    let mut done = Vec::new();
    if findings.iter().any(|f| f.check == Check::GitWouldCommit)
        && let Some(gitignore) = ignore_in_git(&GitExposure::of(path))?
    {
        done.push(tr!("core-apply-added-to-gitignore", path = &gitignore));
    }
    if findings.iter().any(|f| f.check == Check::WorldReadable) {
        if !options.follow_symlinks && path.is_symlink() {
            return Err(envfile::EnvFileError::Symlink {
                path: path.to_path_buf(),
                target: std::fs::read_link(path).unwrap_or_default(),
            }
            .into());
        }
        set_private(path)?;
        done.push(tr!("core-apply-chmod-600"));
    }
    Ok(done)
}

fn set_private(path: &Path) -> Result<(), Failure> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|e| {
            Failure::new(
                Exit::CannotWrite,
                tr!(
                    "core-apply-cannot-chmod",
                    path = path,
                    error = e.to_string()
                ),
            )
        })?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn read_all(paths: &[PathBuf], follow: bool, force: bool) -> Result<Vec<EnvFile>, Failure> {
    let read = crate::io::parallel_map(
        paths.iter().collect(),
        crate::io::threads_for(paths.len()),
        |path| {
            let mut file = EnvFile::read(path, follow)?;
            file.close();
            file.check_replaceable(force)?;
            Ok::<_, Failure>(file)
        },
    )?;
    let mut files: Vec<EnvFile> = Vec::with_capacity(read.len());
    for file in read {
        if let Some(twin) = files.iter().find(|f| same_file(f, &file)) {
            return Err(Failure::new(
                Exit::Usage,
                tr!(
                    "core-apply-same-file",
                    first = &twin.path,
                    second = &file.path
                ),
            ));
        }
        files.push(file);
    }
    Ok(files)
}

fn same_file(a: &EnvFile, b: &EnvFile) -> bool {
    match (a.stamp, b.stamp) {
        (Some(x), Some(y)) => x.dev == y.dev && x.ino == y.ino,
        _ => a.target == b.target,
    }
}

fn plan_file(
    file: EnvFile,
    variables: Vec<Variable>,
    settings: Vec<(String, SecretString)>,
) -> Result<Planned, Failure> {
    let pairs: Vec<(&str, &str)> = settings
        .iter()
        .map(|(n, v)| (n.as_str(), v.expose_secret()))
        .collect();
    let edit = upsert(&file.text, &pairs)
        .map_err(|e| Failure::new(Exit::InvalidInput, format!("{}: {e}", file.path.display())))?;
    Ok(Planned {
        file,
        variables,
        edit,
        settings,
    })
}

/// The families that have at least one variable in the text.
pub fn families_in(text: &str) -> Vec<Family> {
    let doc = Document::parse(text);
    Family::ALL
        .into_iter()
        .filter(|family| {
            family
                .variable_names()
                .iter()
                .any(|name| doc.assignments(name).next().is_some())
        })
        .collect()
}

/// How a commit treats the files it finds.
#[derive(Clone, Copy, Debug)]
pub struct CommitOptions {
    pub follow_symlinks: bool,
    pub force: bool,
    /// How long to wait for another process's lock.
    pub lock_wait: Duration,
}

impl CommitOptions {
    pub fn new(follow_symlinks: bool, force: bool) -> Self {
        CommitOptions {
            follow_symlinks,
            force,
            lock_wait: envfile::lock_wait_from_env(),
        }
    }
}

/// What happened to one file.
#[derive(Debug)]
pub struct FileResult {
    pub path: PathBuf,
    /// `None`: it already held exactly these values and was not touched.
    pub written: Option<WriteReport>,
    /// The mode of a file left untouched.
    pub mode: Option<u32>,
    /// The file had changed since it was read (in lines that are not ours) and the edit was made
    /// on its new content.
    pub replanned: bool,
}

/// What a commit did, and what to tell the user about it.
#[derive(Debug)]
pub struct Committed {
    pub files: Vec<FileResult>,
    /// Things worth a line: stale temp files removed, files re-planned.
    pub notes: Vec<String>,
}

/// Writes every planned file, or none (see the module comment).
pub fn commit(plans: &[Planned], options: &CommitOptions) -> Result<Committed, Failure> {
    crate::io::failpoint::hit("commit").map_err(|e| Failure::new(Exit::CannotWrite, e))?;
    // A lock, a read and two staged temp files per file.
    envfile::allow_open_files(4 * plans.len() as u64 + 64);
    // In path order, so two runs take their locks in the same order and cannot deadlock.
    let mut targets: Vec<&Path> = plans.iter().map(|p| p.file.target.as_path()).collect();
    targets.sort();
    let locks = envfile::lock_all(&targets, options.lock_wait)?;

    let mut notes = Vec::new();
    let removed = envfile::remove_stale_temps(&targets);
    if !removed.is_empty() {
        let names: Vec<String> = removed.iter().map(|p| p.display().to_string()).collect();
        notes.push(tr!(
            "core-apply-removed-temp-files",
            count = removed.len(),
            files = names.join(", ")
        ));
    }

    // A program that does not take our lock (an editor) may still write between the re-read and
    // the renames: the files are checked once more after staging, and read again if one moved.
    // A file that changes after every one of these reads is left as that program wrote it.
    let mut attempt = 0;
    let (finals, results, indices, staged) = loop {
        attempt += 1;
        let finals = reread(plans, options, &mut notes)?;
        let (results, indices, mut staged) = stage(&finals)?;
        // Synced before the files are looked at again, so the last look is just before the
        // renames rather than before a sync that may take a while.
        envfile::sync_all(&mut staged).map_err(cannot_replace)?;
        let Some((moved, _, _)) = finals
            .iter()
            .find(|(current, _, _)| current.changed_on_disk())
        else {
            break (finals, results, indices, staged);
        };
        if attempt == STAGING_ATTEMPTS {
            // Dropping the staged replacements removes their temp files.
            return Err(changed_under_us(
                &moved.path,
                tr!("core-apply-keeps-changing", attempts = STAGING_ATTEMPTS),
            ));
        }
    };
    let reports = envfile::replace_all(staged).map_err(cannot_replace)?;
    let mut results = results;
    for (index, report) in indices.into_iter().zip(reports) {
        results[index].written = Some(report);
    }
    // Still the lock holder: a write that reached the old file in place after the last check
    // (an `echo >> .env` racing the rename) is carried over to the new one, not lost.
    for (index, ((current, _, _), plan)) in finals.iter().zip(plans).enumerate() {
        if results[index].written.is_some() {
            catch_late_writes(plan, current, options, &mut notes)?;
        }
    }
    drop(locks);
    Ok(Committed {
        files: results,
        notes,
    })
}

/// A failed sync or rename, in words: which file, why, and what became of the files already
/// replaced.
fn cannot_replace(failure: envfile::ReplaceFailure) -> Failure {
    let mut message = tr!(
        "core-apply-cannot-write",
        path = &failure.path,
        error = envfile::describe_io(&failure.source)
    );
    if !failure.restored.is_empty() {
        let names: Vec<String> = failure
            .restored
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        message.push_str(&tr!(
            "core-apply-restored",
            count = names.len(),
            files = names.join(", ")
        ));
    }
    for (path, error) in &failure.not_restored {
        message.push_str(&tr!(
            "core-apply-not-restored",
            path = path,
            error = error.to_string(),
            backup = &envfile::backup_path(path)
        ));
    }
    if failure.not_restored.is_empty() {
        message.push_str(&tr!("core-apply-all-as-it-was"));
    }
    Failure::new(Exit::CannotWrite, message)
}

type Final = (EnvFile, String, bool);

/// How many times a commit reads and stages its files when another program keeps writing them
/// without the lock, before it gives up with nothing written.
const STAGING_ATTEMPTS: u32 = 5;

/// Above this many files, a commit does not keep each old file open to catch writes that race
/// its rename (the locks and re-reads still hold).
const MANY_FILES: usize = 256;

/// Re-reads every planned file under the lock and decides its final text.
fn reread(
    plans: &[Planned],
    options: &CommitOptions,
    notes: &mut Vec<String>,
) -> Result<Vec<Final>, Failure> {
    let threads = crate::io::threads_for(plans.len());
    let finals = crate::io::parallel_map(plans.iter().collect(), threads, |plan| {
        let mut current = EnvFile::read(&plan.file.path, options.follow_symlinks)?;
        if plans.len() > MANY_FILES {
            // A lock each is all the descriptors a default limit of 1,024 leaves room for.
            current.close();
        }
        if current.target != plan.file.target {
            return Err(changed_under_us(
                &plan.file.path,
                tr!(
                    "core-apply-points-elsewhere",
                    now = &current.target,
                    before = &plan.file.target
                ),
            ));
        }
        current.check_replaceable(options.force)?;
        merge_changes(plan, current)
    })?;
    for ((_, _, replanned), plan) in finals.iter().zip(plans) {
        if *replanned {
            let note = tr!("core-apply-replanned", path = &plan.file.path);
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
    }
    Ok(finals)
}

type Staging = (Vec<FileResult>, Vec<usize>, Vec<envfile::Replacement>);

/// Stages a temp file (and `.bak`) for every file whose text changes.
fn stage(finals: &[Final]) -> Result<Staging, Failure> {
    let results: Vec<FileResult> = finals
        .iter()
        .map(|(current, _, replanned)| FileResult {
            path: current.path.clone(),
            written: None,
            mode: current.mode,
            replanned: *replanned,
        })
        .collect();
    let changed: Vec<(usize, &Final)> = finals
        .iter()
        .enumerate()
        .filter(|(_, (current, text, _))| !(current.existed && *text == current.text))
        .collect();
    // Any error drops the replacements staged so far, which removes their temp files.
    let staged = crate::io::parallel_map(
        changed,
        crate::io::threads_for(finals.len()),
        |(index, final_)| {
            let (current, text, _) = final_;
            envfile::prepare(current, text).map(|replacement| (index, replacement))
        },
    )?;
    let (indices, staged) = staged.into_iter().unzip();
    Ok((results, indices, staged))
}

/// Watches the file just replaced (and each one after it) for writes made in place after the
/// last check; lines appended there are appended to the new file too, and our edit made again.
fn catch_late_writes(
    plan: &Planned,
    replaced: &EnvFile,
    options: &CommitOptions,
    notes: &mut Vec<String>,
) -> Result<(), Failure> {
    let mut watched: Option<EnvFile> = None;
    let mut kept = false;
    for _ in 0..5 {
        let file = watched.as_ref().unwrap_or(replaced);
        let Some(late) = file.written_since_read()? else {
            break;
        };
        let now = EnvFile::read(&replaced.path, options.follow_symlinks)?;
        let base = match late.strip_prefix(file.text.as_str()) {
            Some(appended) => format!("{}{appended}", now.text),
            None => late,
        };
        let text = match merge_changes(plan, replaced.with_text(base)) {
            Ok((_, text, _)) => text,
            Err(_) => {
                if kept {
                    notes.push(tr!("core-apply-late-lines-kept", path = &plan.file.path));
                }
                notes.push(tr!("core-apply-late-change-lost", path = &plan.file.path));
                return Ok(());
            }
        };
        if text != now.text {
            let again = envfile::prepare_with(&now, &text, false)?;
            envfile::replace_all(vec![again]).map_err(|failure| {
                Failure::new(
                    Exit::CannotWrite,
                    tr!(
                        "core-apply-late-lines-not-written",
                        path = &failure.path,
                        error = envfile::describe_io(&failure.source)
                    ),
                )
            })?;
            kept = true;
        }
        watched = Some(now);
    }
    if kept {
        notes.push(tr!("core-apply-late-lines-kept", path = &plan.file.path));
    }
    Ok(())
}

/// The final text for `plan` on `current`: the planned edit when the file is as planned, else the
/// edit made again on its content (`true`) when only other lines changed; an error when one of
/// our variables changed.
fn merge_changes(plan: &Planned, current: EnvFile) -> Result<Final, Failure> {
    if plan.file.unchanged_in(&current) {
        let text = plan.edit.text.clone();
        return Ok((current, text, false));
    }
    let ours: Vec<&str> = plan.settings.iter().map(|(n, _)| n.as_str()).collect();
    let edit = upsert(&current.text, &plan.pairs()).map_err(|e| {
        Failure::new(
            Exit::InvalidInput,
            format!("{}: {e}", current.path.display()),
        )
    })?;
    let touched: Vec<&str> = touched_keys(&plan.file.text, &current.text, &ours)
        .into_iter()
        .filter(|key| {
            edit.changes
                .iter()
                .any(|c| c.key == *key && c.kind != ChangeKind::Unchanged)
        })
        .collect();
    if !touched.is_empty() {
        return Err(changed_under_us(
            &plan.file.path,
            tr!(
                "core-apply-changed-meanwhile",
                variables = touched.join(", ")
            ),
        ));
    }
    Ok((current, edit.text, true))
}

fn changed_under_us(path: &Path, what: String) -> Failure {
    Failure::new(
        Exit::Conflict,
        tr!("core-apply-changed-under-us", path = path, what = what),
    )
}

/// Which of `keys` have different assignments (raw values, in order) in `before` and `after`.
fn touched_keys<'k>(before: &str, after: &str, keys: &[&'k str]) -> Vec<&'k str> {
    let (old, new) = (Document::parse(before), Document::parse(after));
    keys.iter()
        .copied()
        .filter(|key| {
            let values = |doc: &Document<'_>| -> Vec<String> {
                doc.assignments(key)
                    .map(|a| doc.raw_value(a).to_string())
                    .collect()
            };
            values(&old) != values(&new)
        })
        .collect()
}

/// The plain-text line for one file's result, as `setup` and the wizard print it.
pub fn describe(result: &FileResult) -> String {
    let path = result.path.display();
    match &result.written {
        None => tr!("core-apply-up-to-date", path = path),
        Some(report) if report.created => tr!(
            "core-apply-written-new",
            path = path,
            mode = format!("{:04o}", report.mode)
        ),
        Some(report) => tr!(
            "core-apply-written",
            path = path,
            backup = &report
                .backup
                .as_deref()
                .map_or_else(|| envfile::backup_path(&result.path), Path::to_path_buf)
        ),
    }
}

/// Where git stands with one .env and the backup beside it: THE git check, run by `setup` (and
/// so `rotate` and `export --write`), `doctor --fix` and the wizard's Output screen. git answers
/// for paths that do not exist yet, so a file about to be created (and the next run's backup) is
/// covered too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GitExposure {
    /// The .env asked about.
    pub file: PathBuf,
    /// Committed or staged already: a .gitignore line cannot help (`git rm --cached`).
    pub tracked: Vec<PathBuf>,
    /// In a work tree and not ignored: `git add .` would commit them.
    pub unignored: Vec<PathBuf>,
    /// git was not asked, and why: an ignore file on the way is not a regular file (git would
    /// block reading a FIFO).
    pub unknown: Option<String>,
}

impl GitExposure {
    /// Asks git about `file` and its backup (runs `git`; outside a work tree, or without git,
    /// nothing is exposed).
    pub fn of(file: &Path) -> GitExposure {
        GitExposure::of_all(&[file.to_path_buf()]).remove(0)
    }

    /// [`GitExposure::of`] for each of `files`, in order: git is asked about all of them (and
    /// their backups) together.
    pub fn of_all(files: &[PathBuf]) -> Vec<GitExposure> {
        let unknown: Vec<Option<String>> = files.iter().map(|file| odd_ignore_file(file)).collect();
        let asked: Vec<PathBuf> = files
            .iter()
            .zip(&unknown)
            .filter(|(_, unknown)| unknown.is_none())
            .flat_map(|(file, _)| [file.clone(), envfile::backup_path(file)])
            .collect();
        let statuses =
            envfile::git_statuses(&asked.iter().map(PathBuf::as_path).collect::<Vec<_>>());
        let mut answers = asked.chunks(2).zip(statuses.chunks(2));
        files
            .iter()
            .zip(unknown)
            .map(|(file, unknown)| {
                let mut exposure = GitExposure {
                    file: file.clone(),
                    tracked: Vec::new(),
                    unignored: Vec::new(),
                    unknown,
                };
                if exposure.unknown.is_some() {
                    return exposure;
                }
                let (paths, statuses) = answers.next().expect("an answer per file asked");
                for (path, status) in paths.iter().zip(statuses) {
                    match status {
                        envfile::GitStatus::Tracked => exposure.tracked.push(path.clone()),
                        envfile::GitStatus::NotIgnored => exposure.unignored.push(path.clone()),
                        envfile::GitStatus::NoAnswer => {
                            exposure.unknown = Some(tr!("core-git-no-answer"));
                        }
                        envfile::GitStatus::Failed => {
                            exposure.unknown = Some(tr!("core-git-failed"));
                        }
                        envfile::GitStatus::Outside | envfile::GitStatus::Ignored => {}
                    }
                }
                if exposure.unknown.is_some() {
                    // Half an answer is not one: nothing is claimed about either file.
                    exposure.tracked.clear();
                    exposure.unignored.clear();
                }
                exposure
            })
            .collect()
    }

    /// The `.gitignore` that [`ignore_in_git`] adds the lines to: the one beside the file.
    pub fn gitignore(&self) -> PathBuf {
        self.file.with_file_name(".gitignore")
    }

    /// The lines [`ignore_in_git`] adds, escaped per gitignore(5), as text to show (`None` for a
    /// name with a line break, which no line can match).
    pub fn ignore_lines(&self) -> Vec<Option<String>> {
        self.unignored
            .iter()
            .map(|path| {
                let name = path.file_name().unwrap_or_default();
                envfile::gitignore_line(name.as_encoded_bytes())
                    .map(|line| String::from_utf8_lossy(&line).into_owned())
            })
            .collect()
    }

    /// The file names of `paths` as one phrase ("a, b and c"), for messages.
    pub fn names(paths: &[PathBuf]) -> String {
        let names = paths
            .iter()
            .map(|p| p.file_name().unwrap_or_default().to_string_lossy())
            .collect::<Vec<_>>();
        crate::core::i18n::and_list(&names)
    }
}

/// Why git cannot be asked about `file` without hanging: a `.gitignore` between the file and its
/// work tree's top (or the repository's `info/exclude`) that exists but is not a regular file.
/// git reads each of them, and would wait forever on a FIFO.
fn odd_ignore_file(file: &Path) -> Option<String> {
    let dir = match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let dir = std::fs::canonicalize(dir).ok()?;
    let mut odd = None;
    for ancestor in dir.ancestors() {
        let mut candidates = vec![ancestor.join(".gitignore")];
        let top = std::fs::symlink_metadata(ancestor.join(".git")).is_ok();
        if top {
            candidates.push(ancestor.join(".git/info/exclude"));
        }
        for candidate in candidates {
            if let Ok(meta) = std::fs::metadata(&candidate)
                && !meta.is_file()
                && odd.is_none()
            {
                odd = Some(tr!("core-file-not-a-regular-file", path = &candidate));
            }
        }
        if top {
            return odd;
        }
    }
    // In no work tree: git reads none of them.
    None
}

/// Adds the exposure's unignored files to the `.gitignore` beside them (escaped per gitignore(5),
/// every other byte of that file kept), under the same lock and atomic replace as a .env.
/// Returns the `.gitignore` written, or `None` when there was nothing to add.
pub fn ignore_in_git(exposure: &GitExposure) -> Result<Option<PathBuf>, Failure> {
    if let Some(why) = &exposure.unknown {
        return Err(Failure::new(
            Exit::CannotWrite,
            tr!(
                "core-git-cannot-ask-ignore",
                path = &exposure.file,
                why = why
            ),
        ));
    }
    if exposure.unignored.is_empty() {
        return Ok(None);
    }
    let gitignore = exposure.gitignore();
    let _lock = envfile::lock(&gitignore, envfile::lock_wait_from_env())?;
    refuse_odd_gitignore(&gitignore, exposure)?;
    let files: Vec<&Path> = exposure.unignored.iter().map(PathBuf::as_path).collect();
    Ok(Some(envfile::add_to_gitignore(&files)?))
}

/// A `.gitignore` that is not a plain file of ours is left alone, with the lines to add by hand:
/// a symlink would be replaced by a file (the rename), a FIFO would block the read, another
/// user's file would change owner, a read-only one was made so on purpose.
fn refuse_odd_gitignore(gitignore: &Path, exposure: &GitExposure) -> Result<(), Failure> {
    let Ok(meta) = std::fs::symlink_metadata(gitignore) else {
        return Ok(());
    };
    let why = if meta.file_type().is_symlink() {
        let target = std::fs::read_link(gitignore).unwrap_or_default();
        Some(tr!("core-gitignore-is-symlink", target = &target))
    } else if !meta.is_file() {
        Some(tr!("core-gitignore-not-regular"))
    } else if meta.len() > envfile::MAX_ENV_BYTES {
        Some(tr!(
            "core-gitignore-too-large",
            size = meta.len().to_string()
        ))
    } else if meta.permissions().readonly() {
        Some(tr!("core-gitignore-read-only"))
    } else {
        other_owner(&meta).map(|owner| tr!("core-gitignore-other-owner", owner = owner))
    };
    let Some(why) = why else {
        return Ok(());
    };
    let lines: Vec<String> = exposure
        .ignore_lines()
        .into_iter()
        .flatten()
        .map(|line| format!("`{line}`"))
        .collect();
    Err(Failure::new(
        Exit::CannotWrite,
        tr!(
            "core-gitignore-refused",
            path = gitignore,
            why = why,
            lines = lines.join(", ")
        ),
    ))
}

/// Who owns the file, when it is not the user running this. One function for every platform, so
/// a mutation run here mutates the code that runs here.
fn other_owner(meta: &std::fs::Metadata) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        (meta.uid() != envfile::effective_uid()).then(|| envfile::user_label(meta.uid()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// [`ignore_in_git`] for every exposure; returns what was done, in words (`added .env and
/// .env.bak to /app/.gitignore`).
pub fn ignore_all_in_git(exposures: &[GitExposure]) -> Result<Vec<String>, Failure> {
    let mut done = Vec::new();
    for exposure in exposures {
        if let Some(gitignore) = ignore_in_git(exposure)? {
            done.push(tr!(
                "core-git-added-to-gitignore",
                files = GitExposure::names(&exposure.unignored),
                path = &gitignore
            ));
        }
    }
    Ok(done)
}

/// Something git would do with a secret after a write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GitWarning {
    /// Committed or staged already: a .gitignore line cannot help.
    Tracked(PathBuf),
    /// Files that now exist and that `git add .` would commit.
    WouldCommit(Vec<PathBuf>),
    /// git could not be asked about the file, and why.
    Unknown(PathBuf, String),
}

impl std::fmt::Display for GitWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitWarning::Tracked(file) => f.write_str(&tr!(
                "core-git-tracked",
                path = file,
                quoted = crate::core::formats::shell_quote(&file.to_string_lossy())
            )),
            GitWarning::Unknown(file, why) => {
                f.write_str(&tr!("core-git-cannot-ask", path = file, why = why))
            }
            GitWarning::WouldCommit(files) => {
                let list: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
                f.write_str(&tr!(
                    "core-git-would-commit",
                    files = crate::core::i18n::and_list(&list)
                ))
            }
        }
    }
}

/// What to warn about after a write: tracked files, and files git would commit that now exist,
/// unless they were just added to .gitignore (`ignored`).
pub fn git_warnings(exposures: &[GitExposure], ignored: bool) -> Vec<GitWarning> {
    let mut warnings: Vec<GitWarning> = exposures
        .iter()
        .flat_map(|exposure| {
            let unknown = exposure
                .unknown
                .clone()
                .map(|why| GitWarning::Unknown(exposure.file.clone(), why));
            unknown
                .into_iter()
                .chain(exposure.tracked.iter().cloned().map(GitWarning::Tracked))
        })
        .collect();
    let unignored: Vec<PathBuf> = exposures
        .iter()
        .flat_map(|exposure| exposure.unignored.iter())
        .filter(|file| !ignored && file.exists())
        .cloned()
        .collect();
    if !unignored.is_empty() {
        warnings.push(GitWarning::WouldCommit(unignored));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_are_found_by_any_of_their_variables() {
        assert_eq!(
            families_in("OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf\nLANGFUSE_HOST=x\n"),
            [Family::Otel, Family::Langfuse]
        );
        assert!(families_in("# TRACELOOP_HEADERS=x\nOTHER=1\n").is_empty());
    }

    #[test]
    fn a_key_is_touched_when_any_of_its_assignments_changed() {
        let keys = ["A", "B", "C"];
        assert_eq!(
            touched_keys("A=1\nB=2\n", "A=1\nB=3\nC=\n", &keys),
            ["B", "C"]
        );
        assert!(touched_keys("A=1\n", "X=9\nA=1\n", &keys).is_empty());
        assert_eq!(touched_keys("A=1\nA=1\n", "A=1\n", &keys), ["A"]);
    }

    /// What a write did, and git's warnings, in Chinese with every path kept.
    #[test]
    fn results_and_git_warnings_read_in_chinese() {
        use crate::core::i18n::{Lang, assert_chinese, with_language};
        let result = |written| FileResult {
            path: PathBuf::from("/app/.env"),
            written,
            mode: Some(0o600),
            replanned: false,
        };
        with_language(Lang::ZhCn, || {
            assert_chinese(&describe(&result(None)), &["/app/.env"]);
            assert_chinese(
                &describe(&result(Some(WriteReport {
                    backup: None,
                    created: true,
                    mode: 0o600,
                    tightened_from: None,
                }))),
                &["/app/.env", "0600"],
            );
            assert_chinese(
                &describe(&result(Some(WriteReport {
                    backup: Some(PathBuf::from("/app/.env.bak")),
                    created: false,
                    mode: 0o600,
                    tightened_from: None,
                }))),
                &["/app/.env", "/app/.env.bak"],
            );
            assert_chinese(
                &GitWarning::Tracked(PathBuf::from("/app/.env")).to_string(),
                &["/app/.env", "`git rm --cached '/app/.env'`"],
            );
            assert_chinese(
                &GitWarning::WouldCommit(vec![
                    PathBuf::from("/app/.env"),
                    PathBuf::from("/app/.env.bak"),
                ])
                .to_string(),
                &["/app/.env", "/app/.env.bak"],
            );
            assert_chinese(
                &GitWarning::Unknown(PathBuf::from("/app/.env"), "x".into()).to_string(),
                &["/app/.env"],
            );
        });
        assert_eq!(
            describe(&result(None)),
            "/app/.env: already up to date",
            "English stays as it was"
        );
    }
}
