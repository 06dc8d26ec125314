//! Reading and writing `.env` files safely: atomic replace (temp file in the same directory, fsync,
//! rename), a `.bak` of the previous version, owner-only permissions, no writes through symlinks
//! unless asked, and git checks so a secret is not committed by accident.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Permissions for files that hold a secret: owner read/write only.
pub const SECRET_FILE_MODE: u32 = 0o600;

#[derive(Debug, thiserror::Error)]
pub enum EnvFileError {
    #[error(
        "{path} is a symbolic link (to {target}): refusing to write through it. Pass --follow-symlinks to write to {target}, or give the real path"
    )]
    Symlink { path: PathBuf, target: PathBuf },
    #[error("{0} is a directory, not a file: give the path of the .env file itself, e.g. {0}/.env")]
    IsDirectory(PathBuf),
    #[error("the directory {0} does not exist: create it first, or choose another --env-file")]
    NoDirectory(PathBuf),
    #[error(
        "{path} is not UTF-8 text (invalid byte on line {line}): refusing to edit it rather than mangle it. Convert it to UTF-8, or choose another --env-file"
    )]
    NotUtf8 { path: PathBuf, line: usize },
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write {path}: {}; the existing file was left as it was", describe_io(.source))]
    Write { path: PathBuf, source: io::Error },
}

fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::PermissionDenied => {
            "permission denied (check that you own the file and can write to its directory)".into()
        }
        io::ErrorKind::StorageFull => "no space left on the device".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        _ => error.to_string(),
    }
}

/// A `.env` as found on disk, ready to be edited and written back.
#[derive(Debug)]
pub struct EnvFile {
    /// The path the user gave.
    pub path: PathBuf,
    /// Where bytes are written: `path`, or the symlink's target when following symlinks.
    pub target: PathBuf,
    pub text: String,
    pub existed: bool,
    /// Unix permission bits of the existing file.
    pub mode: Option<u32>,
}

impl EnvFile {
    /// Reads `path`; a missing file reads as empty.
    pub fn read(path: &Path, follow_symlinks: bool) -> Result<EnvFile, EnvFileError> {
        let mut target = path.to_path_buf();
        match fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(path).unwrap_or_default();
                if !follow_symlinks {
                    return Err(EnvFileError::Symlink {
                        path: path.to_path_buf(),
                        target: link,
                    });
                }
                target = fs::canonicalize(path).map_err(|source| EnvFileError::Read {
                    path: path.to_path_buf(),
                    source,
                })?;
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                tracing::info!(path = %path.display(), "file absent: read as empty");
                let dir = parent_dir(path);
                if !dir.is_dir() {
                    return Err(EnvFileError::NoDirectory(dir.to_path_buf()));
                }
                return Ok(EnvFile {
                    path: path.to_path_buf(),
                    target,
                    text: String::new(),
                    existed: false,
                    mode: None,
                });
            }
            Err(source) => {
                return Err(EnvFileError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        }
        let meta = fs::metadata(&target).map_err(|source| EnvFileError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        if meta.is_dir() {
            return Err(EnvFileError::IsDirectory(path.to_path_buf()));
        }
        let bytes = fs::read(&target).map_err(|source| EnvFileError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            EnvFileError::NotUtf8 {
                path: path.to_path_buf(),
                line,
            }
        })?;
        tracing::info!(path = %path.display(), bytes = text.len(), "file read");
        Ok(EnvFile {
            path: path.to_path_buf(),
            target,
            text,
            existed: true,
            mode: unix_mode(&meta),
        })
    }

    /// Atomically replaces the file with `new_text`, keeping the previous version as `<file>.bak`.
    pub fn write(&self, new_text: &str) -> Result<WriteReport, EnvFileError> {
        let new_mode = match self.mode {
            Some(mode) => mode & !0o077,
            None => SECRET_FILE_MODE,
        };
        let backup = if self.existed {
            let backup = backup_path(&self.target);
            atomic_write(&backup, self.text.as_bytes(), SECRET_FILE_MODE)?;
            Some(backup)
        } else {
            None
        };
        atomic_write(&self.target, new_text.as_bytes(), new_mode)?;
        Ok(WriteReport {
            backup,
            created: !self.existed,
            mode: new_mode,
            tightened_from: self.mode.filter(|&old| old & 0o077 != 0),
        })
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct WriteReport {
    pub backup: Option<PathBuf>,
    pub created: bool,
    pub mode: u32,
    /// The old mode, when it let others read the file and was tightened.
    pub tightened_from: Option<u32>,
}

pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Writes a temp file beside `path`, fsyncs it, renames it over `path` and fsyncs the directory,
/// so a crash leaves either the old or the new file, never a partial one.
pub fn atomic_write(path: &Path, bytes: &[u8], mode: u32) -> Result<(), EnvFileError> {
    let dir = parent_dir(path);
    let fail = |source: io::Error| EnvFileError::Write {
        path: path.to_path_buf(),
        source,
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    set_mode(temp.as_file(), mode).map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    sync_dir(dir);
    tracing::info!(
        path = %path.display(),
        bytes = bytes.len(),
        mode = %format!("{mode:o}"),
        "file written (temp file, fsync, rename)"
    );
    Ok(())
}

#[cfg(unix)]
fn unix_mode(meta: &fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(meta.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn unix_mode(_: &fs::Metadata) -> Option<u32> {
    None
}

#[cfg(unix)]
fn set_mode(file: &fs::File, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &fs::File, _: u32) -> io::Result<()> {
    Ok(())
}

fn sync_dir(dir: &Path) {
    // Best effort: the rename is already atomic; this makes it durable across a power cut.
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Where a file stands with git.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GitStatus {
    /// Not in a work tree, or git is not installed: nothing to warn about.
    Outside,
    Ignored,
    /// In a work tree and not ignored: `git add .` would commit it.
    NotIgnored,
    /// Already committed or staged: ignoring it now does not help.
    Tracked,
}

/// Asks git about `path` (which need not exist yet).
pub fn git_status(path: &Path) -> GitStatus {
    let dir = parent_dir(path);
    let name = path.file_name().unwrap_or_default();
    let git = |args: &[&std::ffi::OsStr]| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()
            .and_then(|status| status.code())
    };
    if git(&["rev-parse".as_ref(), "--is-inside-work-tree".as_ref()]) != Some(0) {
        return GitStatus::Outside;
    }
    if git(&[
        "ls-files".as_ref(),
        "--error-unmatch".as_ref(),
        "--".as_ref(),
        name,
    ]) == Some(0)
    {
        return GitStatus::Tracked;
    }
    match git(&["check-ignore".as_ref(), "-q".as_ref(), "--".as_ref(), name]) {
        Some(0) => GitStatus::Ignored,
        Some(1) => GitStatus::NotIgnored,
        _ => GitStatus::Outside,
    }
}

/// What `doctor` needs to know about a .env beyond its text (asks git and the file system).
pub fn file_facts(path: &Path, mode: Option<u32>) -> crate::core::doctor::FileFacts {
    let git = git_status(path);
    crate::core::doctor::FileFacts {
        node_project: parent_dir(path).join("package.json").exists(),
        git_would_commit: git == GitStatus::NotIgnored,
        git_tracked: git == GitStatus::Tracked,
        mode,
    }
}

/// Appends `/<name>` lines for the given files to the `.gitignore` beside them, keeping the rest of
/// that file byte for byte. Returns the `.gitignore` path.
pub fn add_to_gitignore(files: &[&Path]) -> Result<PathBuf, EnvFileError> {
    let Some(first) = files.first() else {
        return Err(EnvFileError::Write {
            path: PathBuf::from(".gitignore"),
            source: io::Error::new(io::ErrorKind::InvalidInput, "no file to ignore"),
        });
    };
    let gitignore = parent_dir(first).join(".gitignore");
    let existing = match fs::read(&gitignore) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(source) => {
            return Err(EnvFileError::Read {
                path: gitignore,
                source,
            });
        }
    };
    let newline: &[u8] = if existing.windows(2).any(|w| w == b"\r\n") {
        b"\r\n"
    } else {
        b"\n"
    };
    let mut text = existing.clone();
    if !text.is_empty() && !text.ends_with(b"\n") {
        text.extend_from_slice(newline);
    }
    text.extend_from_slice(b"# secrets written by langfuse-otel");
    text.extend_from_slice(newline);
    for file in files {
        text.extend_from_slice(b"/");
        text.extend_from_slice(file.file_name().unwrap_or_default().as_encoded_bytes());
        text.extend_from_slice(newline);
    }
    let mode = fs::metadata(&gitignore)
        .ok()
        .and_then(|m| unix_mode(&m))
        .unwrap_or(0o644);
    atomic_write(&gitignore, &text, mode)?;
    Ok(gitignore)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_path_appends_bak() {
        assert_eq!(backup_path(Path::new("/a/.env")), Path::new("/a/.env.bak"));
        assert_eq!(
            backup_path(Path::new("prod.env")),
            Path::new("prod.env.bak")
        );
    }

    #[test]
    fn parent_of_a_bare_name_is_the_current_directory() {
        assert_eq!(parent_dir(Path::new(".env")), Path::new("."));
        assert_eq!(parent_dir(Path::new("x/.env")), Path::new("x"));
    }
}
