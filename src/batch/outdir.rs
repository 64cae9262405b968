//! The output folder, replaced as a whole. A run writes its files into a hidden folder
//! beside the target (`.NAME.planlift-tmp-PID`) and, once every file is written and
//! synced, swaps it with the target in one step (`renameat2` with `RENAME_EXCHANGE`
//! where the file system has it): a reader of the folder sees the complete previous set
//! or the complete new set, never a mix, and files of the previous run that this run
//! does not write are gone with it. A lock file beside the target
//! (`.NAME.planlift-lock`, removed at the end) keeps two runs from writing one folder;
//! the folders of runs that were killed are removed by the next run.
//!
//! A folder that also holds files planlift did not write (a script's own logs beside
//! the tables, a user's notes) is never replaced: planlift's files are then written into
//! it one by one, each atomically (a temporary file renamed over the old one), and the
//! files of planlift's own kinds that an earlier run left and this run did not write are
//! removed at the end; every other file stays as it was.

use std::fs::File;
use std::path::{Path, PathBuf};

/// A run's output folder while it is being written.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
    /// The target holds other files: write into it file by file.
    in_place: Option<Kind>,
    /// The names this run wrote (in place, the files of planlift's kinds not among them
    /// are an earlier run's and go at the end).
    written: std::sync::Mutex<std::collections::HashSet<String>>,
    lock_path: PathBuf,
    _lock: File,
    committed: bool,
}

/// What marks a folder as a planlift output that a run may replace.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// `planlift extract`: the folder holds `datapackage.json`.
    Extract,
    /// `planlift tables`: the folder holds `*.tables.json` files.
    Tables,
}

impl Staging {
    /// Prepares to write `target`: takes the lock, checks that the target is new, empty
    /// or an earlier output of the same kind, and creates the staging folder. Every
    /// failure here is a usage error (exit 2), found before any work starts.
    pub fn begin(target: &Path, kind: Kind) -> Result<Staging, String> {
        let name = target
            .file_name()
            .filter(|n| *n != "." && *n != "..")
            .ok_or_else(|| format!("{}: the output must name a folder", target.display()))?
            .to_string_lossy()
            .into_owned();
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let lock_path = parent.join(format!(".{name}.planlift-lock"));
        let lock = File::create(&lock_path)
            .map_err(|e| format!("cannot write in {}: {e}", parent.display()))?;
        use std::os::unix::io::AsRawFd;
        // SAFETY: flock on a descriptor we own.
        if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            return Err(format!(
                "another planlift run is writing {}; wait for it to finish",
                target.display()
            ));
        }
        let in_place = match std::fs::symlink_metadata(target) {
            Ok(m) if !m.is_dir() => {
                return Err(format!("{} exists and is not a folder", target.display()))
            }
            Ok(_) if !replaceable(target, kind) => Some(kind),
            _ => None,
        };
        let prefix = format!(".{name}.planlift-tmp-");
        if let Ok(entries) = std::fs::read_dir(&parent) {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy().starts_with(&prefix) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let staging = match in_place {
            Some(_) => {
                let probe = target.join(format!(".planlift-probe-{}", std::process::id()));
                File::create(&probe)
                    .and_then(|_| std::fs::remove_file(&probe))
                    .map_err(|e| format!("cannot write in {}: {e}", target.display()))?;
                target.to_path_buf()
            }
            None => {
                let staging = parent.join(format!("{prefix}{}", std::process::id()));
                std::fs::create_dir(&staging)
                    .map_err(|e| format!("cannot write in {}: {e}", parent.display()))?;
                staging
            }
        };
        Ok(Staging {
            target: target.to_path_buf(),
            staging,
            in_place,
            written: Default::default(),
            lock_path,
            _lock: lock,
            committed: false,
        })
    }

    /// Writes one output file named `name`. Into the hidden folder plainly (it is
    /// flushed as a whole before it is put in place); into a folder written in place,
    /// atomically and synced ([`crate::write::atomic_write`]), so that a file there is
    /// whole or absent.
    pub fn write(&self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.staging.join(name);
        if self.in_place.is_some() {
            crate::write::atomic_write(&path, bytes)?;
            if let Ok(mut written) = self.written.lock() {
                written.insert(name.to_string());
            }
            return Ok(());
        }
        std::fs::write(path, bytes)
    }

    /// Puts the written folder in place of the target in one step; the previous
    /// outputs are removed afterwards.
    pub fn commit(mut self) -> std::io::Result<()> {
        if let Some(kind) = self.in_place {
            self.committed = true;
            let written =
                std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
            remove_stale(&self.target, kind, &written);
            return sync_dir(&self.target);
        }
        sync_files(&self.staging)?;
        sync_dir(&self.staging)?;
        if self.target.exists() {
            if exchange(&self.staging, &self.target).is_err() {
                // No atomic exchange on this file system: move the old folder aside
                // first (a moment without the folder, never a mix).
                let mut old = self.staging.clone().into_os_string();
                old.push("-old");
                let old = PathBuf::from(old);
                std::fs::rename(&self.target, &old)?;
                std::fs::rename(&self.staging, &self.target)?;
                std::fs::rename(&old, &self.staging)?;
            }
            std::fs::remove_dir_all(&self.staging)?;
        } else {
            std::fs::rename(&self.staging, &self.target)?;
        }
        self.committed = true;
        if let Some(parent) = self.target.parent() {
            let _ = sync_dir(if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            });
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.in_place.is_none() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

/// Whether a file name is one of the outputs `kind` writes.
fn is_output(name: &str, kind: Kind) -> bool {
    match kind {
        Kind::Extract => {
            let stem = name.split('.').next().unwrap_or("");
            matches!(
                stem,
                "activities" | "documents" | "goals" | "plans" | "tracking" | "datapackage"
            ) && matches!(
                name.rsplit('.').next(),
                Some("csv" | "json" | "jsonl" | "parquet")
            ) || name == "planlift.xlsx"
        }
        Kind::Tables => {
            name.ends_with(".tables.json")
                || name.rsplit_once(".table-").is_some_and(|(_, n)| {
                    n.strip_suffix(".csv")
                        .is_some_and(|d| d.parse::<u32>().is_ok())
                })
        }
    }
}

/// Removes the outputs of `kind` in `dir` that this run did not write (`written`).
fn remove_stale(dir: &Path, kind: Kind, written: &std::collections::HashSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !written.contains(&name) && is_output(&name, kind) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Whether the folder `dir` may be replaced as a whole: it is empty or holds only
/// outputs of `kind`.
fn replaceable(dir: &Path, kind: Kind) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    // Only planlift's own files: a folder that holds anything else (a script's log
    // beside an earlier run's outputs, a `compare` folder inside) is written in place.
    names.iter().all(|n| is_output(n, kind))
}

fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    // SAFETY: two NUL-terminated paths relative to the working directory.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Flushes every file written into `dir` to the disk: one `syncfs` for the file system
/// that holds it where the system has it (one journal commit, not one per file), else
/// each file's own sync.
fn sync_files(dir: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let d = File::open(dir)?;
        // SAFETY: syncfs takes an open descriptor and touches no memory of ours.
        if unsafe { libc::syncfs(d.as_raw_fd()) } == 0 {
            return Ok(());
        }
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() {
            File::open(&path)?.sync_all()?;
        }
    }
    Ok(())
}
