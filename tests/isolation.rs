//! Worker isolation and the output folder (SPEC.md, "Isolation"): a worker that crashes,
//! hangs or runs out of memory costs one failed document; the output folder is replaced
//! as a whole, never left mixed, half-written or locked by a dead run.

mod common;

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use common::{read_json, root};
use serde_json::Value;

fn planlift() -> Command {
    Command::new(env!("CARGO_BIN_EXE_planlift"))
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("planlift runs")
}

fn documents(dir: &Path) -> Vec<Value> {
    read_json(dir, "documents.json").as_array().unwrap().clone()
}

/// Every file of a folder, name → bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.contains(".planlift-").then_some(name)
        })
        .collect()
}

#[test]
fn every_kind_of_worker_death_is_one_failed_document_with_its_reason() {
    let word = root().join("fixtures/word");
    // The deadline is short only where the worker is meant to hang, so that a busy
    // machine cannot turn a crash into a time-out.
    let cases = [
        ("segv", "30", "reader crashed (signal 11)"),
        ("abort", "30", "reader crashed (signal 6)"),
        ("stack", "30", "stack overflow"),
        ("hang", "1.5", "timed out after 1.5 s"),
        ("oom", "30", "ran out of memory (limit 256 MiB)"),
    ];
    for (fault, timeout, reason) in cases {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("out");
        let result = run(planlift()
            .args(["extract", word.to_str().unwrap(), "-q", "--jobs", "2"])
            .args(["--timeout", timeout, "--max-memory", "256M", "-o"])
            .arg(&dir)
            .env("PLANLIFT_WORKER_FAULT", fault));
        assert_eq!(result.status.code(), Some(1), "{fault}");
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(!stderr.contains("panicked"), "{fault}: {stderr}");
        let docs = documents(&dir);
        assert_eq!(docs.len(), 3, "{fault}");
        for d in &docs {
            assert_eq!(d["outcome"], "failed", "{fault}");
            let error = d["error"].as_str().unwrap();
            assert!(error.contains(reason), "{fault}: {error}");
            assert_eq!(d["sha256"].as_str().unwrap().len(), 64, "{fault}");
        }
    }
}

#[test]
fn workers_and_in_process_give_byte_identical_outputs() {
    let fixtures = root().join("fixtures");
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    for (dir, extra) in [(&a, None), (&b, Some("--no-isolation"))] {
        let result = run(planlift()
            .args(["extract", fixtures.to_str().unwrap(), "-q", "-o"])
            .arg(dir)
            .args(extra));
        assert_eq!(result.status.code(), Some(0), "{result:?}");
    }
    assert_eq!(snapshot(&a), snapshot(&b));
    assert!(
        leftovers(out.path()).is_empty(),
        "{:?}",
        leftovers(out.path())
    );
}

#[test]
fn the_folder_is_replaced_as_a_whole_and_guarded() {
    let word = root().join("fixtures/word");
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("out");
    let first = run(planlift()
        .args(["extract", word.to_str().unwrap(), "-q", "--jsonl", "-o"])
        .arg(&dir));
    assert_eq!(first.status.code(), Some(0));
    assert!(dir.join("activities.jsonl").exists());
    let second = run(planlift()
        .args(["extract", word.to_str().unwrap(), "-q", "-o"])
        .arg(&dir));
    assert_eq!(second.status.code(), Some(0));
    assert!(
        !dir.join("activities.jsonl").exists(),
        "a file this run does not write survived"
    );
    assert!(leftovers(out.path()).is_empty());

    // A second run while the first holds the lock is refused before any work.
    let lock = std::fs::File::create(out.path().join(".out.planlift-lock")).unwrap();
    use std::os::unix::io::AsRawFd;
    assert_eq!(unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) }, 0);
    let refused = run(planlift()
        .args(["extract", word.to_str().unwrap(), "-q", "-o"])
        .arg(&dir));
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("another planlift run"));
    drop(lock);

    // A folder of other files is never replaced: planlift's files are written into it
    // one by one, its own stale outputs removed, everything else kept.
    let theirs = out.path().join("theirs");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("thesis.tex"), "mine").unwrap();
    std::fs::write(theirs.join("activities.jsonl"), "stale").unwrap();
    let filetime = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(theirs.join("activities.jsonl"))
        .unwrap()
        .set_modified(filetime)
        .unwrap();
    let written = run(planlift()
        .args(["extract", word.to_str().unwrap(), "-q", "-o"])
        .arg(&theirs));
    assert_eq!(written.status.code(), Some(0), "{written:?}");
    assert_eq!(std::fs::read(theirs.join("thesis.tex")).unwrap(), b"mine");
    assert!(theirs.join("activities.json").exists());
    assert!(
        !theirs.join("activities.jsonl").exists(),
        "a stale output survived"
    );
    let names: Vec<String> = std::fs::read_dir(&theirs)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("planlift")), "{names:?}");
    // Runs in quick succession into the same folder keep their own fresh outputs: a run
    // removes only the planlift files it did not write, never by file time (which is
    // coarser than a fast run), and the set of tables is the same every time.
    let tables_dir = out.path().join("tables-beside-notes");
    std::fs::create_dir(&tables_dir).unwrap();
    std::fs::write(tables_dir.join("run.log"), "a script's log").unwrap();
    let mut sets = Vec::new();
    for _ in 0..4 {
        let again = run(planlift()
            .args(["tables", word.to_str().unwrap(), "--no-isolation", "-o"])
            .arg(&tables_dir));
        assert_eq!(again.status.code(), Some(0), "{again:?}");
        let mut names: Vec<String> = std::fs::read_dir(&tables_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert!(
            names.iter().any(|n| n.ends_with(".tables.json")),
            "{names:?}"
        );
        assert!(names.contains(&"run.log".to_string()), "{names:?}");
        sets.push(names);
    }
    assert!(sets.windows(2).all(|w| w[0] == w[1]), "{sets:?}");
    // An unwritable place is a usage error.
    let nowhere = run(planlift().args([
        "extract",
        word.to_str().unwrap(),
        "-q",
        "-o",
        "/proc/planlift/out",
    ]));
    assert_eq!(nowhere.status.code(), Some(2));
}

#[test]
fn a_full_disk_exits_3_and_leaves_the_previous_outputs_byte_for_byte() {
    let fixtures = root().join("fixtures");
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("out");
    let first = run(planlift()
        .args([
            "extract",
            root().join("fixtures/word").to_str().unwrap(),
            "-q",
            "-o",
        ])
        .arg(&dir));
    assert_eq!(first.status.code(), Some(0));
    let before = snapshot(&dir);
    let mut cmd = planlift();
    cmd.args(["extract", fixtures.to_str().unwrap(), "-q", "-o"])
        .arg(&dir);
    // No file may grow past 64 kB: activities.json of the fixtures is larger.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 64 * 1024,
                rlim_max: 64 * 1024,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let full = run(&mut cmd);
    assert_eq!(full.status.code(), Some(3), "{full:?}");
    let stderr = String::from_utf8_lossy(&full.stderr);
    assert!(stderr.contains("previous outputs are left"), "{stderr}");
    assert_eq!(snapshot(&dir), before);
    assert!(
        leftovers(out.path()).is_empty(),
        "{:?}",
        leftovers(out.path())
    );
}

#[test]
fn a_run_killed_at_any_moment_leaves_one_complete_set() {
    let small = root().join("fixtures/word");
    let large = root().join("fixtures");
    let out = tempfile::tempdir().unwrap();
    let (dir, reference) = (out.path().join("out"), out.path().join("reference"));
    for (inputs, target) in [(&large, &reference), (&small, &dir)] {
        let r = run(planlift()
            .args(["extract", inputs.to_str().unwrap(), "-q", "-o"])
            .arg(target));
        assert_eq!(r.status.code(), Some(0));
    }
    let old = snapshot(&dir);
    let new = snapshot(&reference);
    let (mut saw_old, mut saw_new) = (0, 0);
    for step in 0..24u64 {
        let mut child = planlift()
            .args(["extract", large.to_str().unwrap(), "-q", "-o"])
            .arg(&dir)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(step * 15));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&dir);
        if now == old {
            saw_old += 1;
        } else {
            assert!(now == new, "step {step}: the folder is neither set");
            saw_new += 1;
        }
    }
    eprintln!("killed runs: {saw_old} left the previous set, {saw_new} the new one");
    // The next run clears what the killed ones left beside the folder.
    let r = run(planlift()
        .args(["extract", large.to_str().unwrap(), "-q", "-o"])
        .arg(&dir));
    assert_eq!(r.status.code(), Some(0));
    assert!(
        leftovers(out.path()).is_empty(),
        "{:?}",
        leftovers(out.path())
    );
}

#[test]
fn folders_as_users_have_them_list_every_odd_entry_with_a_reason() {
    let input = tempfile::tempdir().unwrap();
    let p = |name: &str| -> PathBuf { input.path().join(name) };
    std::fs::copy(
        root().join("fixtures/word/kalmar-handlingsplan-2016-2020.docx"),
        p("plan.docx"),
    )
    .unwrap();
    std::fs::create_dir(p("loop")).unwrap();
    std::os::unix::fs::symlink(input.path(), p("loop/back")).unwrap();
    std::os::unix::fs::symlink(p("plan.docx"), p("linked.docx")).unwrap();
    std::os::unix::fs::symlink(p("gone.pdf"), p("dangling.pdf")).unwrap();
    let fifo = std::ffi::CString::new(p("pipe.pdf").to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    std::fs::write(p("slides.pptx"), b"PK\x03\x04").unwrap();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("out");
    let result = run(planlift()
        .args([
            "extract",
            input.path().to_str().unwrap(),
            "-q",
            "--timeout",
            "10",
            "-o",
        ])
        .arg(&dir));
    assert_eq!(result.status.code(), Some(1), "{result:?}");
    let docs = documents(&dir);
    let find = |name: &str| {
        docs.iter()
            .find(|d| d["source_file"] == name)
            .unwrap_or_else(|| panic!("{name} not listed: {docs:?}"))
    };
    assert_eq!(find("plan.docx")["outcome"], "ok");
    assert_eq!(find("linked.docx")["outcome"], "ok");
    assert_eq!(find("linked.docx")["sha256"], find("plan.docx")["sha256"]);
    assert_eq!(find("loop/back")["error"], "symbolic link loop");
    assert_eq!(find("dangling.pdf")["outcome"], "failed");
    assert!(find("dangling.pdf")["error"]
        .as_str()
        .unwrap()
        .contains("No such file"));
    assert_eq!(find("pipe.pdf")["error"], "not a regular file (a FIFO)");
    assert_eq!(find("slides.pptx")["outcome"], "skipped");
    assert_eq!(
        find("slides.pptx")["error"],
        "unsupported file type (.pptx)"
    );
}
