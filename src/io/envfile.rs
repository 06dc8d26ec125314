//! Reading and writing `.env` files safely, one small step each, for [`crate::apply`] to compose:
//! a read that refuses anything but a regular file of bounded size without ever blocking on it, an
//! advisory lock on the file's directory, temp files that are removed when the process is interrupted (and
//! by the next run when it was killed), an atomic replace that keeps the owner, group and mode, a
//! `.bak` of the previous version, and git checks so a secret is not committed by accident.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use super::failpoint;
use crate::{tr, tr_static};

/// Permissions for files that hold a secret: owner read/write only.
pub const SECRET_FILE_MODE: u32 = 0o600;

/// The largest .env we read: real ones are a few KiB; anything this big is the wrong file.
pub const MAX_ENV_BYTES: u64 = 4 * 1024 * 1024;

/// How long a commit waits for another process's lock before giving up (override with
/// `LANGFUSE_OTEL_LOCK_WAIT`, in seconds).
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(10);

/// Our temp files are `.<name>.langfuse-otel-<pid>-<n>.tmp` beside the file they replace.
const TEMP_TAG: &str = ".langfuse-otel-";

/// A temp file of ours older than this is stale even when its pid is alive again (reused).
const STALE_AFTER: Duration = Duration::from_secs(3600);

/// What a path is when it is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Directory,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl FileKind {
    /// `None` for a regular file or a symlink (which the caller handles).
    fn of(file_type: fs::FileType) -> Option<FileKind> {
        if file_type.is_file() || file_type.is_symlink() {
            return None;
        }
        if file_type.is_dir() {
            return Some(FileKind::Directory);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if file_type.is_fifo() {
                return Some(FileKind::Fifo);
            }
            if file_type.is_socket() {
                return Some(FileKind::Socket);
            }
            if file_type.is_char_device() {
                return Some(FileKind::CharDevice);
            }
            if file_type.is_block_device() {
                return Some(FileKind::BlockDevice);
            }
        }
        Some(FileKind::Other)
    }

    pub fn describe(self) -> &'static str {
        match self {
            FileKind::Directory => tr_static!("core-file-kind-directory"),
            FileKind::Fifo => tr_static!("core-file-kind-fifo"),
            FileKind::Socket => tr_static!("core-file-kind-socket"),
            FileKind::CharDevice => tr_static!("core-file-kind-char-device"),
            FileKind::BlockDevice => tr_static!("core-file-kind-block-device"),
            FileKind::Other => tr_static!("core-file-kind-other"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EnvFileError {
    Symlink {
        path: PathBuf,
        target: PathBuf,
    },
    IsDirectory(PathBuf),
    NotRegular {
        path: PathBuf,
        kind: FileKind,
    },
    TooLarge {
        path: PathBuf,
        size: u64,
    },
    NoDirectory(PathBuf),
    NotUtf8 {
        path: PathBuf,
        line: usize,
    },
    ReadOnly {
        path: PathBuf,
        mode: u32,
    },
    OtherOwner {
        path: PathBuf,
        owner: u32,
        you: u32,
    },
    Locked {
        path: PathBuf,
        holder: String,
        waited: Duration,
    },
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl std::fmt::Display for EnvFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            EnvFileError::Symlink { path, target } => {
                tr!("core-file-symlink", path = path, target = target)
            }
            EnvFileError::IsDirectory(path) => tr!("core-file-is-directory", path = path),
            EnvFileError::NotRegular { path, kind } => {
                tr!("core-file-not-regular", path = path, kind = kind.describe())
            }
            EnvFileError::TooLarge { path, size } => tr!(
                "core-file-too-large",
                path = path,
                size = size.to_string(),
                limit = (MAX_ENV_BYTES / (1024 * 1024)).to_string()
            ),
            EnvFileError::NoDirectory(path) => tr!("core-file-no-directory", path = path),
            EnvFileError::NotUtf8 { path, line } => {
                tr!("core-file-not-utf8", path = path, line = *line)
            }
            EnvFileError::ReadOnly { path, mode } => tr!(
                "core-file-read-only",
                path = path,
                mode = format!("{mode:04o}")
            ),
            EnvFileError::OtherOwner { path, owner, you } => tr!(
                "core-file-other-owner",
                path = path,
                owner = user_label(*owner),
                you = user_label(*you)
            ),
            EnvFileError::Locked {
                path,
                holder,
                waited,
            } => tr!(
                "core-file-locked",
                path = path,
                holder = holder,
                seconds = {
                    let seconds = format!("{:.1}", waited.as_secs_f64());
                    seconds.strip_suffix(".0").unwrap_or(&seconds).to_string()
                }
            ),
            EnvFileError::Read { path, source } => {
                tr!(
                    "core-file-cannot-read",
                    path = path,
                    error = source.to_string()
                )
            }
            EnvFileError::Write { path, source } => tr!(
                "core-file-cannot-write",
                path = path,
                error = describe_io(source)
            ),
        })
    }
}

pub fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::PermissionDenied => tr!("core-io-permission-denied"),
        io::ErrorKind::StorageFull => tr!("core-io-storage-full"),
        io::ErrorKind::ReadOnlyFilesystem => tr!("core-io-read-only-filesystem"),
        _ => error.to_string(),
    }
}

/// Who and what a file on disk is: enough to tell that it was replaced or edited since it was
/// read, and to give its replacement the same owner and mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub dev: u64,
    pub ino: u64,
    pub uid: u32,
    pub gid: u32,
    /// Permission bits.
    pub mode: u32,
    pub len: u64,
    pub modified: Option<SystemTime>,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            Stamp {
                dev: meta.dev(),
                ino: meta.ino(),
                uid: meta.uid(),
                gid: meta.gid(),
                mode: meta.mode() & 0o7777,
                len: meta.len(),
                modified: meta.modified().ok(),
            }
        }
        #[cfg(not(unix))]
        Stamp {
            dev: 0,
            ino: 0,
            uid: 0,
            gid: 0,
            mode: if meta.permissions().readonly() {
                0o444
            } else {
                0o644
            },
            len: meta.len(),
            modified: meta.modified().ok(),
        }
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
    /// `None` when the file does not exist.
    pub stamp: Option<Stamp>,
    /// The file as opened for this read: after a replace, it tells whether a program that does
    /// not take our lock still wrote to the old file in place.
    handle: Option<fs::File>,
}

impl EnvFile {
    /// Reads `path`; a missing file reads as empty. Anything but a regular file (a FIFO, socket,
    /// device or directory) is refused before it is opened, and opened without following links and
    /// without blocking, so a path swapped meanwhile cannot hang the read either. A file over
    /// [`MAX_ENV_BYTES`] is refused before it is read.
    pub fn read(path: &Path, follow_symlinks: bool) -> Result<EnvFile, EnvFileError> {
        let read_error = |source: io::Error| EnvFileError::Read {
            path: path.to_path_buf(),
            source,
        };
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
                target = fs::canonicalize(path).map_err(read_error)?;
                let meta = fs::symlink_metadata(&target).map_err(read_error)?;
                refuse_odd_kind(path, &meta)?;
            }
            Ok(meta) => refuse_odd_kind(path, &meta)?,
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
                    stamp: None,
                    handle: None,
                });
            }
            Err(source) => return Err(read_error(source)),
        }
        failpoint::hit("read-checked").map_err(read_error)?;
        let file = open_no_block(&target).map_err(|e| {
            if is_symlink_loop(&e) {
                EnvFileError::Symlink {
                    path: path.to_path_buf(),
                    target: fs::read_link(&target).unwrap_or_default(),
                }
            } else {
                read_error(e)
            }
        })?;
        let meta = file.metadata().map_err(read_error)?;
        refuse_odd_kind(path, &meta)?;
        if meta.len() > MAX_ENV_BYTES {
            return Err(EnvFileError::TooLarge {
                path: path.to_path_buf(),
                size: meta.len(),
            });
        }
        failpoint::hit("read-sized").map_err(read_error)?;
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        // One byte past the bound: a file that grew since its size was taken is refused below,
        // never cut at the bound.
        (&file)
            .take(MAX_ENV_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
        if bytes.len() as u64 > MAX_ENV_BYTES {
            return Err(EnvFileError::TooLarge {
                path: path.to_path_buf(),
                size: bytes.len() as u64,
            });
        }
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
        let stamp = Stamp::of(&meta);
        Ok(EnvFile {
            path: path.to_path_buf(),
            target,
            text,
            existed: true,
            mode: Some(stamp.mode),
            stamp: Some(stamp),
            handle: Some(file),
        })
    }

    /// Whether `other` (a later read of the same path) is still this very file with these bytes.
    pub fn unchanged_in(&self, other: &EnvFile) -> bool {
        let same_file = match (&self.stamp, &other.stamp) {
            (Some(a), Some(b)) => a.dev == b.dev && a.ino == b.ino,
            (None, None) => true,
            _ => false,
        };
        same_file && self.target == other.target && self.text == other.text
    }

    /// Whether the file on disk is no longer the one this read saw (replaced, resized, touched,
    /// created or removed).
    pub fn changed_on_disk(&self) -> bool {
        match (self.stamp, fs::symlink_metadata(&self.target)) {
            (None, Err(e)) => e.kind() != io::ErrorKind::NotFound,
            (Some(stamp), Ok(meta)) => Stamp::of(&meta) != stamp,
            _ => true,
        }
    }

    /// The text of the file this read opened, when it was written to since (in place, by a
    /// program that does not take our lock); `None` when it was not.
    pub fn written_since_read(&self) -> Result<Option<String>, EnvFileError> {
        let (Some(handle), Some(stamp)) = (&self.handle, self.stamp) else {
            return Ok(None);
        };
        let read_error = |source: io::Error| EnvFileError::Read {
            path: self.path.clone(),
            source,
        };
        let now = Stamp::of(&handle.metadata().map_err(read_error)?);
        if now.len == stamp.len && now.modified == stamp.modified {
            return Ok(None);
        }
        let mut bytes = Vec::new();
        let mut offset = 0u64;
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = read_at(handle, &mut chunk, offset).map_err(read_error)?;
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&chunk[..n]);
            offset += n as u64;
            if offset > MAX_ENV_BYTES {
                return Err(EnvFileError::TooLarge {
                    path: self.path.clone(),
                    size: offset,
                });
            }
        }
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| EnvFileError::NotUtf8 {
                path: self.path.clone(),
                line: 0,
            })
    }

    /// Closes the file this read opened (a plan keeps the text, not the descriptor: a rotation over
    /// a thousand files must not hold a thousand of them open before its commit).
    pub fn close(&mut self) {
        self.handle = None;
    }

    /// This file as if it had been read with `text` in it (for an edit made again).
    pub fn with_text(&self, text: String) -> EnvFile {
        EnvFile {
            path: self.path.clone(),
            target: self.target.clone(),
            text,
            existed: self.existed,
            mode: self.mode,
            stamp: self.stamp,
            handle: None,
        }
    }

    /// Refuses a read-only file, or one that belongs to someone else, unless `force`.
    pub fn check_replaceable(&self, force: bool) -> Result<(), EnvFileError> {
        let Some(stamp) = self.stamp else {
            return Ok(());
        };
        if force {
            return Ok(());
        }
        let you = effective_uid();
        if stamp.uid != you {
            return Err(EnvFileError::OtherOwner {
                path: self.path.clone(),
                owner: stamp.uid,
                you,
            });
        }
        if stamp.mode & 0o222 == 0 {
            return Err(EnvFileError::ReadOnly {
                path: self.path.clone(),
                mode: stamp.mode,
            });
        }
        Ok(())
    }
}

#[cfg(unix)]
fn read_at(file: &fs::File, buffer: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buffer, offset)
}

#[cfg(not(unix))]
fn read_at(file: &fs::File, buffer: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buffer, offset)
}

fn refuse_odd_kind(path: &Path, meta: &fs::Metadata) -> Result<(), EnvFileError> {
    match FileKind::of(meta.file_type()) {
        None => Ok(()),
        Some(FileKind::Directory) => Err(EnvFileError::IsDirectory(path.to_path_buf())),
        Some(kind) => Err(EnvFileError::NotRegular {
            path: path.to_path_buf(),
            kind,
        }),
    }
}

#[cfg(unix)]
fn open_no_block(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_block(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

fn is_symlink_loop(error: &io::Error) -> bool {
    #[cfg(unix)]
    {
        error.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = error;
        false
    }
}

/// `alice (uid 1000)`, or `uid 1000` when the system knows no name for it.
pub fn user_label(uid: u32) -> String {
    #[cfg(unix)]
    {
        let mut buffer = vec![0 as libc::c_char; 4096];
        let mut entry = std::mem::MaybeUninit::<libc::passwd>::zeroed();
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: every pointer is valid for the sizes given; `found` is null or points at
        // `entry`, whose strings live in `buffer`.
        let name = unsafe {
            let status = libc::getpwuid_r(
                uid,
                entry.as_mut_ptr(),
                buffer.as_mut_ptr(),
                buffer.len(),
                &mut found,
            );
            (status == 0 && !found.is_null()).then(|| {
                std::ffi::CStr::from_ptr((*found).pw_name)
                    .to_string_lossy()
                    .into_owned()
            })
        };
        if let Some(name) = name {
            return format!("{name} (uid {uid})");
        }
    }
    format!("uid {uid}")
}

pub fn effective_uid() -> u32 {
    #[cfg(unix)]
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe {
        libc::geteuid()
    }
    #[cfg(not(unix))]
    0
}

fn effective_gid() -> u32 {
    #[cfg(unix)]
    // SAFETY: getegid has no preconditions and cannot fail.
    unsafe {
        libc::getegid()
    }
    #[cfg(not(unix))]
    0
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

fn sibling(path: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let mut name = OsString::from(prefix);
    name.push(path.file_name().unwrap_or_default());
    name.push(suffix);
    parent_dir(path).join(name)
}

// ---------------------------------------------------------------------------------------------
// The lock

/// An exclusive advisory lock on the directory that holds a .env, held until dropped: a `flock`
/// on the directory itself, which every run that writes a file there takes first (the .env is
/// replaced by rename, so its own inode cannot carry the lock). Taking it creates no file: a lock
/// file made and removed beside every .env cost a file-system inode each time (most of a rotation
/// across many files on a file system without a journal, whose inode allocator passes over every
/// inode freed in the last half minute) and stayed behind after a `kill -9`.
///
/// Where the directory cannot be locked (NFS turns `flock` into byte-range locks, which need a
/// file open for writing; a directory one may write to but not list cannot be opened), the lock is
/// a `flock` on `.<name>.langfuse-otel.lock` beside the .env, holding the holder's pid and removed
/// on release: every run there falls back alike, so they still exclude each other (root, who can
/// open any directory, is the exception in a directory others cannot list).
#[derive(Debug)]
pub struct EnvLock {
    /// The directory, or the lock file.
    path: PathBuf,
    file: fs::File,
    /// A lock file of ours, removed on release.
    remove: bool,
}

impl Drop for EnvLock {
    fn drop(&mut self) {
        if self.remove {
            // Removed while still locked: a waiter that then gets the lock on the removed inode
            // sees that the path no longer names it and starts over.
            let _ = fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

pub fn lock_path(target: &Path) -> PathBuf {
    sibling(target, ".", ".langfuse-otel.lock")
}

/// Takes the lock for `target`, waiting at most `wait` for another holder.
pub fn lock(target: &Path, wait: Duration) -> Result<EnvLock, EnvFileError> {
    let mut locks = lock_all(&[target], wait)?;
    Ok(locks.pop().expect("one target, one lock"))
}

/// Takes the locks for every target, in the order given (sort the targets so two runs cannot
/// deadlock), each directory once however many targets it holds and however it is named, each
/// lock waiting at most `wait` for another holder. A wait happens in the kernel (a blocking
/// `flock` on a helper thread), so the lock passes to the next process the moment its holder lets
/// go, with no polling gap.
pub fn lock_all(targets: &[&Path], wait: Duration) -> Result<Vec<EnvLock>, EnvFileError> {
    let mut locks: Vec<EnvLock> = Vec::new();
    let mut held: Vec<(u64, u64)> = Vec::new();
    for target in targets {
        let write_error = |source: io::Error| EnvFileError::Write {
            path: target.to_path_buf(),
            source,
        };
        let started = Instant::now();
        let dir = parent_dir(target);
        let lock = match open_dir(dir).map_err(write_error)? {
            Some((file, id)) => {
                if held.contains(&id) {
                    continue;
                }
                held.push(id);
                // Named in full in a message: `.` says little to someone waiting.
                let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
                take(&dir, file, false, target, wait)?
            }
            None => {
                let path = lock_path(target);
                let path = std::path::absolute(&path).unwrap_or(path);
                take_lock_file(&path, wait, target)?
            }
        };
        failpoint::hit("locked").map_err(write_error)?;
        tracing::info!(lock = %lock.path.display(), waited_ms = started.elapsed().as_secs_f64() * 1000.0, "file lock taken");
        locks.push(lock);
    }
    Ok(locks)
}

/// The directory, open for locking, and its identity; `None` where it cannot be locked: its file
/// system cannot `flock` a directory, or it may be written but not listed (mode `-wx`, a drop box),
/// so it cannot be opened to lock.
fn open_dir(dir: &Path) -> io::Result<Option<(fs::File, (u64, u64))>> {
    let file = match fs::File::open(dir) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return Ok(None),
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if failpoint::hit("lock-directory").is_err() {
        return Ok(None);
    }
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
        }
        Err(refused) => {
            if !locks_directories(refused)? {
                return Ok(None);
            }
        }
    }
    let stamp = Stamp::of(&meta);
    Ok(Some((file, (stamp.dev, stamp.ino))))
}

/// Whether directories can be locked where a try-lock of one was refused: yes when another run
/// holds it, no for the errors of a file system that cannot lock a directory; any other error is
/// the caller's.
fn locks_directories(refused: fs::TryLockError) -> io::Result<bool> {
    match refused {
        fs::TryLockError::WouldBlock => Ok(true),
        fs::TryLockError::Error(e) if cannot_lock_directories(&e) => Ok(false),
        fs::TryLockError::Error(e) => Err(e),
    }
}

/// The errors of a file system that cannot `flock` a directory.
fn cannot_lock_directories(error: &io::Error) -> bool {
    #[cfg(unix)]
    {
        matches!(
            error.raw_os_error(),
            Some(libc::EBADF | libc::ENOLCK | libc::EOPNOTSUPP | libc::EINVAL)
        )
    }
    #[cfg(not(unix))]
    {
        let _ = error;
        true
    }
}

/// Locks `file` (open on `path`), at once or after waiting at most `wait`.
fn take(
    path: &Path,
    file: fs::File,
    remove: bool,
    target: &Path,
    wait: Duration,
) -> Result<EnvLock, EnvFileError> {
    let write_error = |source: io::Error| EnvFileError::Write {
        path: target.to_path_buf(),
        source,
    };
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            // The lock belongs to the open file, which the helper's handle shares: if this run
            // gives up first, the helper takes the lock when the holder lets go and, its handle
            // being the last, releases it at once.
            let waiter = file.try_clone().map_err(write_error)?;
            let (sender, receiver) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let _ = sender.send(waiter.lock());
            });
            match receiver.recv_timeout(wait) {
                Ok(taken) => taken.map_err(write_error)?,
                Err(_) => {
                    let holder = holder_of(&file, path, remove).map_or_else(
                        || tr!("core-lock-holder-unknown", lock = path),
                        |pid| tr!("core-lock-holder-pid", pid = pid.to_string(), lock = path),
                    );
                    return Err(EnvFileError::Locked {
                        path: target.to_path_buf(),
                        holder,
                        waited: wait,
                    });
                }
            }
        }
        Err(fs::TryLockError::Error(e)) => return Err(write_error(e)),
    }
    Ok(EnvLock {
        path: path.to_path_buf(),
        file,
        remove,
    })
}

/// The pid of the process holding the lock: written in a lock file, or for a directory the
/// kernel's list of locks (`/proc/locks`, Linux).
fn holder_of(file: &fs::File, path: &Path, lock_file: bool) -> Option<u32> {
    if lock_file {
        return fs::read_to_string(path).ok()?.trim().parse().ok();
    }
    #[cfg(target_os = "linux")]
    {
        let stamp = Stamp::of(&file.metadata().ok()?);
        let id = format!(
            "{:02x}:{:02x}:{}",
            libc::major(stamp.dev),
            libc::minor(stamp.dev),
            stamp.ino
        );
        flock_holder(&fs::read_to_string("/proc/locks").ok()?, &id)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = file;
        None
    }
}

/// The pid holding a `flock` on the inode `id` (`major:minor:inode`, as the kernel prints it) in
/// the text of `/proc/locks`: "1: FLOCK  ADVISORY  WRITE 4671 fd:01:1234567 0 EOF"; a waiter's
/// line has "->", and a POSIX lock on the same inode is not ours.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn flock_holder(locks: &str, id: &str) -> Option<u32> {
    locks
        .lines()
        .filter(|line| !line.contains("->"))
        .find_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            (fields.get(1) == Some(&"FLOCK") && fields.get(5) == Some(&id))
                .then(|| fields.get(4)?.parse().ok())
                .flatten()
        })
}

/// Takes the lock file at `path` (the fallback where a directory cannot be locked), waiting at
/// most `wait`. The path must still name the file locked afterwards (a releasing holder removes
/// it), else it starts over.
fn take_lock_file(path: &Path, wait: Duration, target: &Path) -> Result<EnvLock, EnvFileError> {
    let started = Instant::now();
    loop {
        let file = open_lock_file(path).map_err(|source| EnvFileError::Write {
            path: target.to_path_buf(),
            source,
        })?;
        let mut lock = take(
            path,
            file,
            true,
            target,
            wait.saturating_sub(started.elapsed()),
        )?;
        let still_there = match (lock.file.metadata(), fs::symlink_metadata(path)) {
            (Ok(ours), Ok(now)) => Stamp::of(&ours).ino == Stamp::of(&now).ino,
            _ => false,
        };
        if still_there {
            let _ = lock.file.set_len(0);
            let _ = writeln!(lock.file, "{}", std::process::id());
            return Ok(lock);
        }
        // Not ours to remove: it names another file now, or nothing.
        lock.remove = false;
    }
}

#[cfg(unix)]
fn open_lock_file(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let flags = libc::O_NOFOLLOW | libc::O_CLOEXEC | libc::O_NONBLOCK;
    let file = match fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o644)
        .custom_flags(flags)
        .open(path)
    {
        // Left by another user's run that was killed: a read-only handle locks as well.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied && path.exists() => {
            fs::OpenOptions::new()
                .read(true)
                .custom_flags(flags)
                .open(path)?
        }
        other => other?,
    };
    if !file.metadata()?.is_file() {
        return Err(io::Error::other(tr!(
            "core-file-not-a-regular-file",
            path = path
        )));
    }
    Ok(file)
}

#[cfg(not(unix))]
fn open_lock_file(path: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// Raises the soft limit of open files towards the hard one when a commit needs `needed` of them
/// (a lock and a read per file): 1,024 is a common default.
pub fn allow_open_files(needed: u64) {
    #[cfg(unix)]
    // SAFETY: getrlimit/setrlimit only read and write the struct passed.
    unsafe {
        let mut limit = std::mem::zeroed::<libc::rlimit>();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && (limit.rlim_cur as u64) < needed
        {
            limit.rlim_cur = limit
                .rlim_max
                .min(needed.max(limit.rlim_cur as u64) as libc::rlim_t);
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
    #[cfg(not(unix))]
    let _ = needed;
}

/// `LANGFUSE_OTEL_LOCK_WAIT` (seconds), else [`DEFAULT_LOCK_WAIT`].
pub fn lock_wait_from_env() -> Duration {
    wait_in_seconds(
        std::env::var("LANGFUSE_OTEL_LOCK_WAIT").ok().as_deref(),
        DEFAULT_LOCK_WAIT,
    )
}

/// A wait given in seconds (`0.5`, ` 3 `), from 0 to an hour; anything else (empty, negative,
/// not a number, infinite, longer) is `default`.
fn wait_in_seconds(value: Option<&str>, default: Duration) -> Duration {
    value
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0 && *s <= 3600.0)
        .map_or(default, Duration::from_secs_f64)
}

// ---------------------------------------------------------------------------------------------
// Temp files

/// A temp file beside its destination, written (and synced, once [`sync_staged`] ran), removed on
/// drop unless installed.
#[derive(Debug)]
pub struct Staged {
    temp: PathBuf,
    dest: PathBuf,
    slot: Option<usize>,
    /// Open until the file is synced.
    file: Option<fs::File>,
}

impl Staged {
    /// Renames the temp file over its destination.
    fn install(mut self) -> io::Result<()> {
        debug_assert!(
            self.file.is_none(),
            "a temp file is synced before it is renamed"
        );
        fs::rename(&self.temp, &self.dest)?;
        tracing::info!(path = %self.dest.display(), "file written (synced temp file renamed over it)");
        if let Some(slot) = self.slot.take() {
            cleanup::unregister(slot);
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(slot) = self.slot.take() {
            let _ = fs::remove_file(&self.temp);
            cleanup::unregister(slot);
        }
    }
}

fn temp_path(dest: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    sibling(
        dest,
        ".",
        &format!("{TEMP_TAG}{}-{n}.tmp", std::process::id()),
    )
}

/// Writes `bytes` to a new temp file beside `dest` with `mode` and, when given, `owner`
/// (uid, gid), and syncs it. Only `dest`'s directory is written.
pub fn stage(
    dest: &Path,
    bytes: &[u8],
    mode: u32,
    owner: Option<(u32, u32)>,
) -> io::Result<Staged> {
    let mut staged = stage_unsynced(dest, bytes, mode, owner)?;
    sync_staged([&mut staged]).map_err(|(_, e)| e)?;
    Ok(staged)
}

/// [`stage`] without the fsync, which [`sync_staged`] does for many files at once.
fn stage_unsynced(
    dest: &Path,
    bytes: &[u8],
    mode: u32,
    owner: Option<(u32, u32)>,
) -> io::Result<Staged> {
    let temp = temp_path(dest);
    // Registered before it exists, so a signal at any point after creation removes it.
    let slot = cleanup::register(&temp);
    let mut staged = Staged {
        temp,
        dest: dest.to_path_buf(),
        slot: Some(slot),
        file: None,
    };
    let mut file = create_new_private(&staged.temp)?;
    file.write_all(bytes)?;
    failpoint::hit("temp-written")?;
    if let Some((uid, gid)) = owner {
        set_owner(&file, uid, gid)?;
    }
    set_mode(&file, mode)?;
    staged.file = Some(file);
    Ok(staged)
}

/// Makes every staged temp file durable, then closes it; an error names the file. A few files are
/// synced one by one (fsync, from several threads at once, so the file system commits them
/// together); from [`super::BATCH_FROM`] files on, each file system holding them is synced once
/// (`syncfs`, which makes every file on it durable, ours included, and reports a write-back error
/// of any of them), instead of thousands of fsyncs in a row.
fn sync_staged<'s>(
    staged: impl IntoIterator<Item = &'s mut Staged>,
) -> Result<(), (PathBuf, io::Error)> {
    let mut staged: Vec<&mut Staged> = staged.into_iter().collect();
    {
        let files: Vec<(&Path, &fs::File)> = staged
            .iter()
            .filter_map(|s| Some((s.dest.as_path(), s.file.as_ref()?)))
            .collect();
        if files.len() >= super::BATCH_FROM && sync_file_systems(&files)? {
            // Done, one call per file system.
        } else {
            super::parallel_map(files, SYNC_THREADS, |(dest, file)| {
                file.sync_all().map_err(|e| (dest.to_path_buf(), e))
            })?;
        }
    }
    for staged in staged.iter_mut() {
        if staged.file.take().is_some() {
            failpoint::hit("temp-synced").map_err(|e| (staged.dest.clone(), e))?;
        }
    }
    Ok(())
}

/// `syncfs` on each file system the files are on; `Ok(false)` where the system has no `syncfs`
/// (then the caller syncs file by file).
#[cfg(target_os = "linux")]
fn sync_file_systems(files: &[(&Path, &fs::File)]) -> Result<bool, (PathBuf, io::Error)> {
    use std::os::fd::AsRawFd as _;
    let mut devices: Vec<(u64, &Path, &fs::File)> = Vec::new();
    for (path, file) in files {
        let device = file
            .metadata()
            .map(|m| Stamp::of(&m).dev)
            .map_err(|e| (path.to_path_buf(), e))?;
        if !devices.iter().any(|(d, _, _)| *d == device) {
            devices.push((device, path, file));
        }
    }
    for (_, path, file) in devices {
        // SAFETY: syncfs only reads the descriptor, which `file` keeps open.
        if unsafe { libc::syncfs(file.as_raw_fd()) } != 0 {
            return Err((path.to_path_buf(), io::Error::last_os_error()));
        }
    }
    Ok(true)
}

#[cfg(not(target_os = "linux"))]
fn sync_file_systems(_: &[(&Path, &fs::File)]) -> Result<bool, (PathBuf, io::Error)> {
    Ok(false)
}

/// How many fsyncs a commit keeps in flight: enough for the file system to commit many in one go.
const SYNC_THREADS: usize = 32;

#[cfg(unix)]
fn create_new_private(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
}

#[cfg(not(unix))]
fn create_new_private(path: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

#[cfg(unix)]
fn set_owner(file: &fs::File, uid: u32, gid: u32) -> io::Result<()> {
    let meta = file.metadata()?;
    let now = Stamp::of(&meta);
    if (now.uid, now.gid) == (uid, gid) {
        return Ok(());
    }
    match std::os::unix::fs::fchown(file, Some(uid), Some(gid)) {
        Ok(()) => Ok(()),
        // The file is ours already but its group cannot be given: not root, and not in that group
        // (EPERM), or root of a user namespace where the group is not mapped (EINVAL, a rootless
        // container). The write goes on with our group, as a new file of ours would have.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::PermissionDenied | io::ErrorKind::InvalidInput
            ) && now.uid == uid =>
        {
            std::os::unix::fs::fchown(file, None, Some(gid)).or(Ok(()))
        }
        Err(e) => Err(io::Error::new(
            e.kind(),
            tr!(
                "core-owner-not-kept",
                owner = user_label(uid),
                why = e.to_string()
            ),
        )),
    }
}

#[cfg(not(unix))]
fn set_owner(_: &fs::File, _: u32, _: u32) -> io::Result<()> {
    Ok(())
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
    sync_dirs(&[dir]);
}

/// Syncs each distinct directory once (in parallel when there are several).
fn sync_dirs(dirs: &[&Path]) {
    // Best effort: the rename is already atomic; this makes it durable across a power cut.
    #[cfg(unix)]
    {
        let mut distinct: Vec<&Path> = dirs.to_vec();
        distinct.sort();
        distinct.dedup();
        if distinct.len() >= super::BATCH_FROM {
            let handles: Vec<(&Path, fs::File)> = distinct
                .iter()
                .filter_map(|dir| Some((*dir, fs::File::open(dir).ok()?)))
                .collect();
            let handles: Vec<(&Path, &fs::File)> =
                handles.iter().map(|(dir, file)| (*dir, file)).collect();
            if matches!(sync_file_systems(&handles), Ok(true)) {
                return;
            }
        }
        let _ = super::parallel_map(distinct, SYNC_THREADS, |dir| -> io::Result<()> {
            // Every directory is tried, whatever happened to another.
            let _ = fs::File::open(dir).and_then(|handle| handle.sync_all());
            Ok(())
        });
    }
    #[cfg(not(unix))]
    let _ = dirs;
}

/// Removes temp files beside the `targets` that an interrupted run of ours left: our name pattern,
/// and a writer that is gone (or a file over an hour old); also the `.<name>.XXXXXX.tmp` files of
/// versions before 0.2 once they are a minute old. Call it holding the targets' locks. Each
/// directory is listed once, however many targets it holds. Returns what it removed, sorted.
pub fn remove_stale_temps(targets: &[&Path]) -> Vec<PathBuf> {
    use std::collections::{BTreeMap, HashSet};
    let mut by_dir: BTreeMap<&Path, HashSet<&str>> = BTreeMap::new();
    for target in targets {
        if let Some(name) = target.file_name().and_then(|n| n.to_str()) {
            by_dir.entry(parent_dir(target)).or_default().insert(name);
        }
    }
    let mut removed = Vec::new();
    for (dir, names) in by_dir {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        // `X` in a temp name is a target's name, or its `.bak`'s.
        let ours = |x: &str| {
            names.contains(x) || x.strip_suffix(".bak").is_some_and(|n| names.contains(n))
        };
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let Some(file_name) = file_name.to_str() else {
                continue;
            };
            let Some(rest) = file_name
                .strip_suffix(".tmp")
                .and_then(|r| r.strip_prefix('.'))
            else {
                continue;
            };
            // `.<X>.langfuse-otel-<pid>-<n>.tmp`, or before 0.2 `.<X>.<6 letters or digits>.tmp`.
            let current = rest
                .rfind(TEMP_TAG)
                .map(|at| (&rest[..at], &rest[at + TEMP_TAG.len()..]))
                .filter(|(x, _)| ours(x));
            let legacy = rest
                .len()
                .checked_sub(7)
                .filter(|&dot| rest.is_char_boundary(dot) && rest[dot..].starts_with('.'))
                .map(|dot| (&rest[..dot], &rest[dot + 1..]))
                .filter(|(x, tail)| ours(x) && tail.bytes().all(|b| b.is_ascii_alphanumeric()));
            if current.is_none() && legacy.is_none() {
                continue;
            }
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if !meta.file_type().is_file() {
                continue;
            }
            let age = meta
                .modified()
                .ok()
                .and_then(|m| m.elapsed().ok())
                .unwrap_or_default();
            let stale = match current {
                Some((_, tail)) => {
                    let pid = tail.split('-').next().and_then(|p| p.parse::<u32>().ok());
                    match pid {
                        Some(pid) => {
                            age > STALE_AFTER || (pid != std::process::id() && !alive(pid))
                        }
                        None => false,
                    }
                }
                None => age > Duration::from_secs(60),
            };
            if stale && fs::remove_file(entry.path()).is_ok() {
                removed.push(entry.path());
            }
        }
    }
    removed.sort();
    removed
}

fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only asks whether the process exists.
        let result = unsafe { libc::kill(pid, 0) };
        result == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Removes the registered temp files when SIGINT, SIGTERM or SIGHUP arrives, then lets the
/// signal do what it did before (end the process, or reach the wizard's handler).
mod cleanup {
    use std::path::Path;

    #[cfg(unix)]
    mod imp {
        use std::ffi::CString;
        use std::mem::MaybeUninit;
        use std::os::unix::ffi::OsStrExt as _;
        use std::path::Path;
        use std::ptr;
        use std::sync::Mutex;
        use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

        // A rotation over a thousand files stages two thousand temp files at once.
        const SLOTS: usize = 4096;
        const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

        static TEMPS: [AtomicPtr<libc::c_char>; SLOTS] =
            [const { AtomicPtr::new(ptr::null_mut()) }; SLOTS];
        /// Where the next registration starts looking for a free slot.
        static NEXT: AtomicUsize = AtomicUsize::new(0);

        /// The actions that were in place before ours, restored when the last guard goes.
        struct Saved {
            users: usize,
            old: [MaybeUninit<libc::sigaction>; 3],
        }
        static SAVED: Mutex<Saved> = Mutex::new(Saved {
            users: 0,
            old: [MaybeUninit::uninit(); 3],
        });
        /// A copy of `SAVED.old` the handler can read without a lock.
        static mut OLD_FOR_HANDLER: [MaybeUninit<libc::sigaction>; 3] = [MaybeUninit::uninit(); 3];

        pub fn register(path: &Path) -> usize {
            let Ok(c_path) = CString::new(path.as_os_str().as_bytes()) else {
                return usize::MAX;
            };
            let raw = c_path.into_raw();
            install();
            // Start after the slot taken last, so a thousand registrations do not each scan the
            // thousand before them.
            let first = NEXT.load(Ordering::Relaxed);
            for offset in 0..SLOTS {
                let index = (first + offset) % SLOTS;
                if TEMPS[index]
                    .compare_exchange(ptr::null_mut(), raw, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
                {
                    NEXT.store((index + 1) % SLOTS, Ordering::Relaxed);
                    return index;
                }
            }
            // More temp files at once than slots: not tracked (the next run's sweep removes it).
            // SAFETY: `raw` came from `into_raw` above and was not shared.
            drop(unsafe { CString::from_raw(raw) });
            uninstall();
            usize::MAX
        }

        pub fn unregister(index: usize) {
            let Some(slot) = TEMPS.get(index) else {
                return;
            };
            let raw = slot.swap(ptr::null_mut(), Ordering::SeqCst);
            if !raw.is_null() {
                // SAFETY: only `register` stores pointers, from `into_raw`; the swap gave us sole
                // ownership (a handler that took it first leaves null here).
                drop(unsafe { CString::from_raw(raw) });
            }
            uninstall();
        }

        fn install() {
            let mut saved = SAVED.lock().unwrap_or_else(|e| e.into_inner());
            saved.users += 1;
            if saved.users > 1 {
                return;
            }
            for (index, signal) in SIGNALS.iter().enumerate() {
                // SAFETY: a zeroed sigaction is valid; the handler only calls async-signal-safe
                // functions (unlink, sigaction, raise) and atomics.
                unsafe {
                    let mut action: libc::sigaction = std::mem::zeroed();
                    action.sa_sigaction = on_signal as *const () as libc::sighandler_t;
                    libc::sigemptyset(&mut action.sa_mask);
                    let mut old = MaybeUninit::<libc::sigaction>::zeroed();
                    libc::sigaction(*signal, &action, old.as_mut_ptr());
                    if (*old.as_ptr()).sa_sigaction == libc::SIG_IGN {
                        // Ignored (nohup): stays ignored, and the temp files stay until renamed.
                        libc::sigaction(*signal, old.as_ptr(), ptr::null_mut());
                    }
                    saved.old[index] = old;
                    (*ptr::addr_of_mut!(OLD_FOR_HANDLER))[index] = old;
                }
            }
        }

        fn uninstall() {
            let mut saved = SAVED.lock().unwrap_or_else(|e| e.into_inner());
            saved.users = saved.users.saturating_sub(1);
            if saved.users > 0 {
                return;
            }
            for (index, signal) in SIGNALS.iter().enumerate() {
                // SAFETY: `old` was filled by sigaction in `install`.
                unsafe {
                    libc::sigaction(*signal, saved.old[index].as_ptr(), ptr::null_mut());
                }
            }
        }

        extern "C" fn on_signal(signal: libc::c_int) {
            for slot in &TEMPS {
                let raw = slot.swap(ptr::null_mut(), Ordering::SeqCst);
                if !raw.is_null() {
                    // SAFETY: a NUL-terminated path from `register`; leaked on purpose (freeing
                    // is not async-signal-safe).
                    unsafe {
                        libc::unlink(raw);
                    }
                }
            }
            if let Some(index) = SIGNALS.iter().position(|s| *s == signal) {
                // SAFETY: restores the earlier action, then re-raises: the signal stays blocked
                // until this handler returns, and is then handled as it would have been.
                unsafe {
                    let old = (*ptr::addr_of!(OLD_FOR_HANDLER))[index].as_ptr();
                    libc::sigaction(signal, old, ptr::null_mut());
                    libc::raise(signal);
                }
            }
        }
    }

    #[cfg(unix)]
    pub fn register(path: &Path) -> usize {
        imp::register(path)
    }

    #[cfg(unix)]
    pub fn unregister(slot: usize) {
        imp::unregister(slot)
    }

    #[cfg(not(unix))]
    pub fn register(_: &Path) -> usize {
        usize::MAX
    }

    #[cfg(not(unix))]
    pub fn unregister(_: usize) {}
}

// ---------------------------------------------------------------------------------------------
// Replacing files, all or nothing

/// What writing one file did.
#[derive(Debug, PartialEq, Eq)]
pub struct WriteReport {
    pub backup: Option<PathBuf>,
    pub created: bool,
    pub mode: u32,
    /// The old mode, when it let others read the file and was tightened.
    pub tightened_from: Option<u32>,
}

/// A replaced file's text, mode and (uid, gid).
type Previous = (String, u32, (u32, u32));

/// The new version of one file, staged beside it with its `.bak`, ready to be renamed into place.
#[derive(Debug)]
pub struct Replacement {
    target: PathBuf,
    new: Staged,
    backup: Option<Staged>,
    /// The replaced file's text, mode and owner, to put back if a later file fails.
    previous: Option<Previous>,
    pub report: WriteReport,
}

/// Stages `new_text` for `current` (as just re-read under the lock): same owner and group, the
/// mode without group/other access, and a `.bak` of the current text.
pub fn prepare(current: &EnvFile, new_text: &str) -> Result<Replacement, EnvFileError> {
    prepare_with(current, new_text, true)
}

/// [`prepare`], with or without a new `.bak`.
pub fn prepare_with(
    current: &EnvFile,
    new_text: &str,
    keep_backup: bool,
) -> Result<Replacement, EnvFileError> {
    let fail = |source: io::Error| EnvFileError::Write {
        path: current.path.clone(),
        source,
    };
    let (mode, owner) = match current.stamp {
        Some(stamp) => (stamp.mode & !0o077, Some((stamp.uid, stamp.gid))),
        None => (SECRET_FILE_MODE, None),
    };
    let owner = owner.filter(|&o| o != (effective_uid(), effective_gid()));
    let backup_at = backup_path(&current.target);
    if let Ok(meta) = fs::symlink_metadata(&backup_at)
        && meta.is_dir()
    {
        return Err(fail(io::Error::other(tr!(
            "core-file-backup-is-directory",
            path = &backup_at
        ))));
    }
    // Synced by `replace_all`, all files at once, before the first rename.
    let new = stage_unsynced(&current.target, new_text.as_bytes(), mode, owner).map_err(fail)?;
    let backup = match current.existed && keep_backup {
        true => Some(
            match link_backup(current, &backup_at, mode).map_err(fail)? {
                Some(linked) => linked,
                None => stage_unsynced(&backup_at, current.text.as_bytes(), mode, owner)
                    .map_err(fail)?,
            },
        ),
        false => None,
    };
    Ok(Replacement {
        target: current.target.clone(),
        new,
        previous: current
            .stamp
            .map(|s| (current.text.clone(), s.mode, (s.uid, s.gid))),
        report: WriteReport {
            backup: current.existed.then_some(backup_at),
            created: !current.existed,
            mode,
            tightened_from: current.mode.filter(|&old| old & 0o077 != 0),
        },
        backup,
    })
}

/// The `.bak` staged as a second name (a hard link) of the file about to be replaced, when that
/// file is still the one read (same inode, size, time and mode: its bytes are the previous
/// version) and already private (so the `.bak` gets the mode a copy would get). Nothing is copied,
/// synced or allocated, and the replaced file's inode lives on as the `.bak` instead of being
/// freed: creating and freeing inodes is most of what a rotation over many files costs. `Ok(None)`
/// where it cannot be done (the file is shared with another name, the file system has no hard
/// links, the file changed, its mode is tightened): the `.bak` is then written as a copy.
#[cfg(unix)]
fn link_backup(current: &EnvFile, backup_at: &Path, mode: u32) -> io::Result<Option<Staged>> {
    use std::os::unix::fs::MetadataExt as _;
    let Some(stamp) = current.stamp else {
        return Ok(None);
    };
    if stamp.mode != mode {
        return Ok(None);
    }
    let temp = temp_path(backup_at);
    // Registered before it exists, so a signal at any point after creation removes it.
    let slot = cleanup::register(&temp);
    let staged = Staged {
        temp,
        dest: backup_at.to_path_buf(),
        slot: Some(slot),
        file: None,
    };
    if fs::hard_link(&current.target, &staged.temp).is_err() {
        return Ok(None);
    }
    failpoint::hit("bak-linked")?;
    // The name may have been given to another file, or the file written in place, since it was
    // read: then the link is not the previous version, and a copy is written instead.
    let linked = fs::symlink_metadata(&staged.temp)?;
    if Stamp::of(&linked) != stamp || linked.nlink() != 2 {
        return Ok(None);
    }
    Ok(Some(staged))
}

#[cfg(not(unix))]
fn link_backup(_: &EnvFile, _: &Path, _: u32) -> io::Result<Option<Staged>> {
    Ok(None)
}

/// Makes every staged file durable now ([`replace_all`] does it first otherwise, and skips what is
/// synced already), so that a check made after this is the last thing before the renames.
pub fn sync_all(replacements: &mut [Replacement]) -> Result<(), ReplaceFailure> {
    let staged = replacements
        .iter_mut()
        .flat_map(|r| std::iter::once(&mut r.new).chain(r.backup.as_mut()));
    sync_staged(staged).map_err(|(path, source)| ReplaceFailure {
        path,
        source,
        restored: Vec::new(),
        not_restored: Vec::new(),
    })
}

/// A rename failed part way: which file, why, and what became of the files already replaced.
#[derive(Debug)]
pub struct ReplaceFailure {
    pub path: PathBuf,
    pub source: io::Error,
    /// Files that had been replaced and were put back as they were.
    pub restored: Vec<PathBuf>,
    /// Files that had been replaced and could not be put back (they hold the new version).
    pub not_restored: Vec<(PathBuf, io::Error)>,
}

/// Makes every staged file durable, then renames each into place (its `.bak` first), in order
/// (a batch of many files from several threads at once), then syncs each directory written to. If
/// one fails, the files already replaced get their previous version back, so all change or none
/// does.
pub fn replace_all(mut replacements: Vec<Replacement>) -> Result<Vec<WriteReport>, ReplaceFailure> {
    sync_all(&mut replacements)?;
    let dirs: Vec<PathBuf> = replacements
        .iter()
        .map(|r| parent_dir(&r.target).to_path_buf())
        .collect();
    let failed = std::sync::atomic::AtomicBool::new(false);
    let threads = super::threads_for(replacements.len());
    let installed = super::parallel_map(replacements, threads, |replacement| {
        let Replacement {
            target,
            new,
            backup,
            previous,
            report,
        } = replacement;
        // After a failure the rest is not renamed: its temp files go with `new` and `backup`.
        if failed.load(std::sync::atomic::Ordering::Relaxed) {
            return Ok::<_, std::convert::Infallible>(Installed::Skipped);
        }
        let result = (|| {
            if let Some(backup) = backup {
                backup.install()?;
                failpoint::hit("bak-renamed")?;
            }
            failpoint::hit("rename")?;
            new.install()?;
            failpoint::hit("renamed")?;
            Ok::<(), io::Error>(())
        })();
        Ok(match result {
            Ok(()) => Installed::Done(target, previous, report),
            Err(source) => {
                failed.store(true, std::sync::atomic::Ordering::Relaxed);
                Installed::Failed(target, source)
            }
        })
    });
    let installed = match installed {
        Ok(installed) => installed,
        Err(never) => match never {},
    };
    let mut failure = None;
    let mut done = Vec::new();
    let mut reports = Vec::new();
    for outcome in installed {
        match outcome {
            Installed::Done(target, previous, report) => {
                done.push((target, previous));
                reports.push(report);
            }
            Installed::Failed(target, source) => {
                failure.get_or_insert((target, source));
            }
            Installed::Skipped => {}
        }
    }
    if let Some((path, source)) = failure {
        let (mut restored, mut not_restored) = (Vec::new(), Vec::new());
        for (path, previous) in done.into_iter().rev() {
            match restore(&path, previous) {
                Ok(()) => restored.push(path),
                Err(e) => not_restored.push((path, e)),
            }
        }
        restored.reverse();
        return Err(ReplaceFailure {
            path,
            source,
            restored,
            not_restored,
        });
    }
    sync_dirs(&dirs.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    Ok(reports)
}

/// What became of one replacement in [`replace_all`].
enum Installed {
    Done(PathBuf, Option<Previous>, WriteReport),
    Failed(PathBuf, io::Error),
    Skipped,
}

fn restore(path: &Path, previous: Option<Previous>) -> io::Result<()> {
    match previous {
        None => fs::remove_file(path),
        Some((text, mode, owner)) => {
            let owner = Some(owner).filter(|&o| o != (effective_uid(), effective_gid()));
            stage(path, text.as_bytes(), mode, owner)?.install()?;
            sync_dir(parent_dir(path));
            Ok(())
        }
    }
}

/// Writes a file that holds no user content of its own (a profile, a `.gitignore` line set):
/// temp file, fsync, rename, fsync the directory, so a crash leaves the old or the new file.
pub fn atomic_write(path: &Path, bytes: &[u8], mode: u32) -> Result<(), EnvFileError> {
    let fail = |source: io::Error| EnvFileError::Write {
        path: path.to_path_buf(),
        source,
    };
    stage(path, bytes, mode, None)
        .and_then(Staged::install)
        .map_err(fail)?;
    sync_dir(parent_dir(path));
    Ok(())
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
    /// git did not answer within [`GIT_WAIT`] (a FIFO among the files it reads, such as
    /// `core.excludesFile`, makes it wait for a writer forever): it was stopped.
    NoAnswer,
    /// git could not read the repository (a damaged index, say): whether it tracks the file is
    /// unknown.
    Failed,
}

/// How long one git command may take before it is stopped and the file's status is unknown.
pub const GIT_WAIT: Duration = Duration::from_secs(10);

/// `LANGFUSE_OTEL_GIT_WAIT` (seconds; 0 does not wait for git at all), else [`GIT_WAIT`].
fn git_wait() -> Duration {
    wait_in_seconds(
        std::env::var("LANGFUSE_OTEL_GIT_WAIT").ok().as_deref(),
        GIT_WAIT,
    )
}

/// Runs `command` (stdout captured, stderr discarded) with `input` on its stdin, for at most
/// `wait`: past that it is killed and the answer is an error of kind `TimedOut`.
fn run_bounded(
    mut command: Command,
    input: Option<Vec<u8>>,
    wait: Duration,
) -> io::Result<std::process::Output> {
    command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = command.spawn()?;
    // Written and read from threads: git answers as it reads, and a full pipe must not block us.
    let writer = child
        .stdin
        .take()
        .zip(input)
        .map(|(mut stdin, input)| std::thread::spawn(move || stdin.write_all(&input)));
    let mut stdout = child.stdout.take().expect("piped");
    let (ended, stdout_ended) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let read = stdout.read_to_end(&mut out).map(|_| out);
        let _ = ended.send(());
        read
    });
    let deadline = Instant::now() + wait;
    // Its stdout ends when git exits: woken then, not by polling.
    let _ = stdout_ended.recv_timeout(wait);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        let now = Instant::now();
        if now >= deadline {
            // Killed, its pipes close, and the threads end.
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "git did not answer",
            ));
        }
        std::thread::sleep(Duration::from_micros(200).min(deadline - now));
    };
    if let Some(writer) = writer {
        // A git that exits before reading everything closes the pipe: not an error here.
        let _ = writer.join();
    }
    let stdout = reader
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    Ok(std::process::Output {
        status,
        stdout,
        stderr: Vec::new(),
    })
}

/// Asks git about `path` (which need not exist yet).
pub fn git_status(path: &Path) -> GitStatus {
    git_statuses(&[path])[0]
}

/// Asks git about each of `paths` (which need not exist yet), in order: a few `git` runs per
/// repository, however many files it holds, and none for files in no repository.
///
/// Files are grouped by the directory git would discover their repository from: the nearest
/// ancestor of their directory with a `.git` (or that looks like a git directory itself), since
/// git's discovery from any directory below it, with no `.git` in between, continues exactly as
/// from there. Where no ancestor has one, git would find no repository either. When the
/// environment steers git's discovery (`GIT_DIR`, `GIT_WORK_TREE`, `GIT_CEILING_DIRECTORIES`,
/// `GIT_DISCOVERY_ACROSS_FILESYSTEM`), each directory asks git itself. A mount point met before
/// any `.git` ends the search, as it ends git's.
pub fn git_statuses(paths: &[&Path]) -> Vec<GitStatus> {
    use std::collections::BTreeMap;
    let steered = [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_CEILING_DIRECTORIES",
        "GIT_DISCOVERY_ACROSS_FILESYSTEM",
    ]
    .iter()
    .any(|name| std::env::var_os(name).is_some());
    let mut statuses = vec![GitStatus::Outside; paths.len()];
    // Where to run git from -> (index, path relative to there).
    let mut groups: BTreeMap<PathBuf, Vec<(usize, PathBuf)>> = BTreeMap::new();
    // Directory as given -> (canonical directory, where to run git from).
    type Found = Option<(PathBuf, PathBuf)>;
    let mut discovered: std::collections::HashMap<&Path, Found> = std::collections::HashMap::new();
    for (index, path) in paths.iter().enumerate() {
        let Some(name) = path.file_name() else {
            continue;
        };
        let found = discovered
            .entry(parent_dir(path))
            .or_insert_with_key(|given| {
                let dir = fs::canonicalize(given).ok()?;
                let runner = if steered {
                    dir.clone()
                } else {
                    discovery_start(&dir)?
                };
                Some((dir, runner))
            });
        let Some((dir, runner)) = found.clone() else {
            continue;
        };
        let relative = dir
            .strip_prefix(&runner)
            .map(|r| r.join(name))
            .unwrap_or_else(|_| dir.join(name));
        groups.entry(runner).or_default().push((index, relative));
    }
    for (runner, members) in groups {
        let relatives: Vec<&Path> = members.iter().map(|(_, r)| r.as_path()).collect();
        for ((index, _), status) in members.iter().zip(git_statuses_in(&runner, &relatives)) {
            statuses[*index] = status;
        }
    }
    statuses
}

/// The directory git's discovery from `dir` (canonical) reaches its first candidate in: the
/// nearest ancestor-or-self with a `.git` entry or that looks like a git directory; `None` when
/// there is none, or when a mount point comes first: without `GIT_DISCOVERY_ACROSS_FILESYSTEM`
/// (a steering variable, which skips this walk) git stops there, "not a git repository". Asking
/// git anyway cost a process for every .env on a file system of its own (a tmpfs `/tmp`, a
/// separate `/home`), for the answer this gives.
fn discovery_start(dir: &Path) -> Option<PathBuf> {
    let device = |p: &Path| fs::metadata(p).ok().map(|m| Stamp::of(&m).dev);
    let start_device = device(dir);
    for ancestor in dir.ancestors() {
        if device(ancestor) != start_device {
            return None;
        }
        let looks_like_git_dir = ancestor.join("HEAD").is_file()
            && ancestor.join("objects").is_dir()
            && ancestor.join("refs").is_dir();
        if fs::symlink_metadata(ancestor.join(".git")).is_ok() || looks_like_git_dir {
            return Some(ancestor.to_path_buf());
        }
    }
    None
}

/// How many paths one `git` command line carries.
const GIT_PATHS_PER_RUN: usize = 500;

/// [`git_statuses`] for `paths` relative to `runner`, all in the repository discovered from there:
/// `rev-parse`, then `ls-files` for the tracked ones, then `check-ignore` for the rest. A
/// `check-ignore` batch git refuses as a whole (one path in a submodule) is asked again one path
/// at a time; an `ls-files` refusal is the repository's, and leaves every status unknown.
fn git_statuses_in(runner: &Path, paths: &[&Path]) -> Vec<GitStatus> {
    let wait = git_wait();
    let git = |args: &[&std::ffi::OsStr], input: Option<Vec<u8>>| {
        let mut command = Command::new("git");
        command.arg("-C").arg(runner).args(args);
        run_bounded(command, input, wait)
    };
    let no_answer = |answer: &io::Result<std::process::Output>| matches!(answer, Err(e) if e.kind() == io::ErrorKind::TimedOut);
    let inside = git(
        &["rev-parse".as_ref(), "--is-inside-work-tree".as_ref()],
        None,
    );
    if no_answer(&inside) {
        return vec![GitStatus::NoAnswer; paths.len()];
    }
    let inside = match inside {
        Ok(output) if output.status.success() => output.stdout,
        _ => return vec![GitStatus::Outside; paths.len()],
    };
    // "false": `runner` is a git directory (a bare repository, a `.git`) or lies outside the
    // work tree `core.worktree` names; git run from there lists nothing and ignores nothing, so
    // each file's own directory is asked, as git run there would answer.
    if inside.trim_ascii() != b"true" {
        return statuses_from_own_directories(runner, paths);
    }
    let mut statuses = vec![GitStatus::NotIgnored; paths.len()];
    for (chunk_index, chunk) in paths.chunks(GIT_PATHS_PER_RUN).enumerate() {
        let offset = chunk_index * GIT_PATHS_PER_RUN;
        // Names, not patterns (`x*y.env` is that file only); check-ignore takes paths as they
        // are and refuses this option.
        let args: Vec<&std::ffi::OsStr> = ["--literal-pathspecs", "ls-files", "-z", "--"]
            .iter()
            .map(|a| a.as_ref())
            .chain(chunk.iter().map(|p| p.as_os_str()))
            .collect();
        let listed = git(&args, None);
        if no_answer(&listed) {
            return vec![GitStatus::NoAnswer; paths.len()];
        }
        // ls-files takes any path in the work tree, and the grouping gives no other: a refusal
        // is the repository's (its index unreadable), for every file in it.
        let listed = match listed {
            Ok(output) if output.status.success() => output.stdout,
            _ => return vec![GitStatus::Failed; paths.len()],
        };
        // Each tracked file, and each directory above it: a pathspec naming a directory matches
        // the files below it.
        let tracked: std::collections::HashSet<&[u8]> = listed
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .flat_map(|file| {
                let dirs = file
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| b == b'/')
                    .map(|(at, _)| &file[..at]);
                std::iter::once(file).chain(dirs)
            })
            .collect();
        for (i, path) in chunk.iter().enumerate() {
            if tracked.contains(path.as_os_str().as_encoded_bytes()) {
                statuses[offset + i] = GitStatus::Tracked;
            }
        }
    }
    let untracked: Vec<usize> = (0..paths.len())
        .filter(|&i| statuses[i] != GitStatus::Tracked)
        .collect();
    if untracked.is_empty() {
        return statuses;
    }
    let mut input = Vec::new();
    for &i in &untracked {
        input.extend_from_slice(paths[i].as_os_str().as_encoded_bytes());
        input.push(0);
    }
    let answer = git(
        &["check-ignore".as_ref(), "-z".as_ref(), "--stdin".as_ref()],
        Some(input),
    );
    if no_answer(&answer) {
        for &i in &untracked {
            statuses[i] = GitStatus::NoAnswer;
        }
        return statuses;
    }
    match answer {
        // 0: some are ignored, 1: none is.
        Ok(output) if matches!(output.status.code(), Some(0 | 1)) => {
            let ignored: std::collections::HashSet<&[u8]> = output
                .stdout
                .split(|&b| b == 0)
                .filter(|p| !p.is_empty())
                .collect();
            for &i in &untracked {
                if ignored.contains(&paths[i].as_os_str().as_encoded_bytes()) {
                    statuses[i] = GitStatus::Ignored;
                }
            }
        }
        // One path git refuses makes it refuse them all: one inside a submodule that is not
        // checked out, which git cannot add ("Pathspec is in submodule"). Each is asked alone.
        _ if untracked.len() > 1 => {
            for &i in &untracked {
                statuses[i] = git_statuses_in(runner, &[paths[i]])[0];
            }
        }
        _ => statuses[untracked[0]] = GitStatus::Outside,
    }
    statuses
}

/// [`git_statuses_in`] for `paths` (relative to `runner`, where git says it is not in a work
/// tree), asked from each file's own directory; files directly in `runner` are in no work tree.
fn statuses_from_own_directories(runner: &Path, paths: &[&Path]) -> Vec<GitStatus> {
    let mut statuses = vec![GitStatus::Outside; paths.len()];
    let mut by_directory: std::collections::BTreeMap<&Path, Vec<usize>> = Default::default();
    for (index, path) in paths.iter().enumerate() {
        match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => {
                by_directory.entry(dir).or_default().push(index);
            }
            _ => {}
        }
    }
    for (dir, members) in by_directory {
        let names: Vec<&Path> = members
            .iter()
            .map(|&i| Path::new(paths[i].file_name().unwrap_or_default()))
            .collect();
        for (&i, status) in members
            .iter()
            .zip(git_statuses_in(&runner.join(dir), &names))
        {
            statuses[i] = status;
        }
    }
    statuses
}

/// A `package.json` beside the .env: a Node project (its app reads the .env with dotenv or
/// `node --env-file`, and the families a Node app reads are the default).
pub fn node_project(path: &Path) -> bool {
    parent_dir(path).join("package.json").is_file()
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
        let name = file.file_name().unwrap_or_default();
        let Some(line) = gitignore_line(name.as_encoded_bytes()) else {
            return Err(EnvFileError::Write {
                path: gitignore,
                source: io::Error::new(
                    io::ErrorKind::InvalidInput,
                    tr!("core-gitignore-line-break", name = format!("{name:?}")),
                ),
            });
        };
        text.extend_from_slice(&line);
        text.extend_from_slice(newline);
    }
    let mode = fs::metadata(&gitignore)
        .ok()
        .map(|m| Stamp::of(&m).mode)
        .unwrap_or(0o644);
    atomic_write(&gitignore, &text, mode)?;
    Ok(gitignore)
}

/// The `.gitignore` line that matches exactly the file `name` beside it, escaped per gitignore(5):
/// `\\`, `*`, `?` and `[` lose their glob meaning, trailing spaces are kept, and the leading `/`
/// anchors it (so a leading `#` or `!` is not a comment or a negation). `None` for a name with a
/// line break, which no line can hold.
pub fn gitignore_line(name: &[u8]) -> Option<Vec<u8>> {
    if name.is_empty() || name.iter().any(|&b| b == b'\n' || b == b'\r') {
        return None;
    }
    let kept = name.len() - name.iter().rev().take_while(|&&b| b == b' ').count();
    let mut line = vec![b'/'];
    for (index, &byte) in name.iter().enumerate() {
        if matches!(byte, b'\\' | b'*' | b'?' | b'[') || (byte == b' ' && index >= kept) {
            line.push(b'\\');
        }
        line.push(byte);
    }
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_is_labelled_by_name_and_a_uid_without_one_by_number() {
        // The oracle is the system's own database, through `getent`.
        let named = std::process::Command::new("getent")
            .args(["passwd", "0"])
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|line| line.split(':').next().map(str::to_string))
            .filter(|name| !name.is_empty());
        if let Some(name) = named {
            assert_eq!(user_label(0), format!("{name} (uid 0)"));
        }
        let unknown = 3_999_999_999;
        let known = std::process::Command::new("getent")
            .args(["passwd", &unknown.to_string()])
            .status()
            .is_ok_and(|s| s.success());
        assert!(!known, "uid {unknown} has an entry here");
        assert_eq!(user_label(unknown), format!("uid {unknown}"));
    }

    #[test]
    fn a_wait_is_seconds_from_none_to_an_hour_and_otherwise_the_default() {
        let default = Duration::from_secs(10);
        for (value, wait) in [
            (None, default),
            (Some("0"), Duration::ZERO),
            (Some(" 0.5 "), Duration::from_millis(500)),
            (Some("3600"), Duration::from_secs(3600)),
            (Some("3600.5"), default),
            (Some("-0.1"), default),
            (Some("inf"), default),
            (Some("NaN"), default),
            (Some(""), default),
            (Some("10s"), default),
        ] {
            assert_eq!(wait_in_seconds(value, default), wait, "{value:?}");
        }
    }

    /// NFS and the like refuse to `flock` a directory (byte-range locks need a file open for
    /// writing): those errors make the run use a lock file; a held lock means directories lock;
    /// any other error is an error.
    #[cfg(unix)]
    #[test]
    fn a_refused_directory_lock_tells_whether_directories_lock_here() {
        let refused = |errno| fs::TryLockError::Error(io::Error::from_raw_os_error(errno));
        assert!(locks_directories(fs::TryLockError::WouldBlock).unwrap());
        for errno in [libc::EBADF, libc::ENOLCK, libc::EOPNOTSUPP, libc::EINVAL] {
            assert!(!locks_directories(refused(errno)).unwrap(), "{errno}");
        }
        for errno in [libc::EIO, libc::ENOMEM, libc::EINTR] {
            assert_eq!(
                locks_directories(refused(errno))
                    .unwrap_err()
                    .raw_os_error(),
                Some(errno)
            );
        }
    }

    #[test]
    fn the_holder_of_a_directory_lock_is_read_from_proc_locks() {
        let locks = "\
1: POSIX  ADVISORY  WRITE 111 fd:01:4242 0 EOF
2: FLOCK  ADVISORY  WRITE 222 fd:01:999 0 EOF
3: FLOCK  ADVISORY  WRITE 333 fd:01:4242 0 EOF
3: -> FLOCK  ADVISORY  WRITE 444 fd:01:4242 0 EOF
";
        assert_eq!(flock_holder(locks, "fd:01:4242"), Some(333));
        assert_eq!(flock_holder(locks, "fd:01:999"), Some(222));
        assert_eq!(flock_holder(locks, "fd:01:7"), None);
        let waiting_only = "1: -> FLOCK  ADVISORY  WRITE 444 fd:01:4242 0 EOF\n";
        assert_eq!(flock_holder(waiting_only, "fd:01:4242"), None);
    }

    #[test]
    fn backup_path_appends_bak() {
        assert_eq!(backup_path(Path::new("/a/.env")), Path::new("/a/.env.bak"));
        assert_eq!(
            backup_path(Path::new("prod.env")),
            Path::new("prod.env.bak")
        );
    }

    #[test]
    fn gitignore_lines_escape_glob_characters_and_trailing_spaces() {
        let line =
            |name: &str| String::from_utf8(gitignore_line(name.as_bytes()).unwrap()).unwrap();
        assert_eq!(line(".env"), "/.env");
        assert_eq!(line("a[1]*?.env"), "/a\\[1]\\*\\?.env");
        assert_eq!(line("back\\slash"), "/back\\\\slash");
        assert_eq!(line("#x !y  "), "/#x !y\\ \\ ");
        assert_eq!(gitignore_line(b"two\nlines"), None);
    }

    #[test]
    fn parent_of_a_bare_name_is_the_current_directory() {
        assert_eq!(parent_dir(Path::new(".env")), Path::new("."));
        assert_eq!(parent_dir(Path::new("x/.env")), Path::new("x"));
    }

    /// Every refusal about a file, in Chinese, with its path, line, mode and size as they are.
    #[test]
    fn file_errors_read_in_chinese_with_their_paths() {
        use crate::core::i18n::{Lang, assert_chinese, with_language};
        let path = PathBuf::from("/srv/app/.env");
        let cases: Vec<(EnvFileError, Vec<&str>)> = vec![
            (
                EnvFileError::Symlink {
                    path: path.clone(),
                    target: PathBuf::from("/etc/shared.env"),
                },
                vec!["/srv/app/.env", "/etc/shared.env", "--follow-symlinks"],
            ),
            (
                EnvFileError::IsDirectory(path.clone()),
                vec!["/srv/app/.env/.env"],
            ),
            (
                EnvFileError::NotRegular {
                    path: path.clone(),
                    kind: FileKind::Fifo,
                },
                vec!["/srv/app/.env", "FIFO"],
            ),
            (
                EnvFileError::TooLarge {
                    path: path.clone(),
                    size: 9_999_999,
                },
                vec!["9999999", "4 MiB"],
            ),
            (
                EnvFileError::NoDirectory(path.clone()),
                vec!["/srv/app/.env", "--env-file"],
            ),
            (
                EnvFileError::NotUtf8 {
                    path: path.clone(),
                    line: 7,
                },
                vec!["/srv/app/.env", "7", "UTF-8"],
            ),
            (
                EnvFileError::ReadOnly {
                    path: path.clone(),
                    mode: 0o444,
                },
                vec!["0444", "chmod u+w /srv/app/.env", "--force"],
            ),
            (
                EnvFileError::Locked {
                    path: path.clone(),
                    holder: "pid 42".into(),
                    waited: Duration::from_secs(5),
                },
                vec!["/srv/app/.env", "pid 42", "5"],
            ),
            (
                EnvFileError::Write {
                    path: path.clone(),
                    source: io::Error::from(io::ErrorKind::PermissionDenied),
                },
                vec!["/srv/app/.env"],
            ),
        ];
        for (error, kept) in cases {
            let english = with_language(Lang::En, || error.to_string());
            let chinese = with_language(Lang::ZhCn, || error.to_string());
            assert_chinese(&chinese, &kept);
            for value in &kept {
                assert!(
                    english.contains(value),
                    "{value:?} missing from {english:?}"
                );
            }
        }
    }
}
