//! The batch side of isolation: a small pool of long-lived worker processes (the same
//! binary, `planlift worker`), fed one file at a time over pipes, each file under a
//! deadline. A worker that runs past the deadline is killed; one that dies (a crash, an
//! abort, an allocation past its memory cap) is reaped; either way the file becomes a
//! failed document with the reason, a fresh worker takes its place, and the batch goes
//! on. Replies come back in task order, whatever order the workers finish in.

use std::collections::VecDeque;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::{protocol, size, Reply, Task};

/// How much of a worker's standard error is kept to tell why it died.
const STDERR_TAIL: usize = 8 * 1024;

/// A pool of workers.
#[derive(Debug, Clone)]
pub struct Pool {
    /// Workers at once.
    pub workers: usize,
    /// Longest time one file may take.
    pub timeout: Duration,
    /// Address-space cap of each worker, in bytes.
    pub max_memory: u64,
    /// A vocabulary file for the workers.
    pub vocabulary: Option<PathBuf>,
    /// A theme taxonomy for the workers.
    pub themes: Option<PathBuf>,
    /// The program a worker runs; `None` for this executable.
    pub command: Option<crate::api::WorkerCommand>,
}

impl Pool {
    /// Runs every task in a worker and returns the replies in task order; `finished` is
    /// called once per finished task, with its index and reply. Once `stop` is set no further task starts (those
    /// not started are failures).
    pub fn run(
        &self,
        tasks: &[Task],
        finished: &(dyn Fn(usize, &Reply) + Sync),
        stop: &AtomicBool,
    ) -> Vec<Reply> {
        let next = AtomicUsize::new(0);
        let replies: Vec<Mutex<Option<Reply>>> = tasks.iter().map(|_| Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for _ in 0..self.workers.clamp(1, tasks.len().max(1)) {
                scope.spawn(|| {
                    let mut worker: Option<Worker> = None;
                    while !stop.load(Ordering::Relaxed) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(task) = tasks.get(i) else { break };
                        let reply = self.call(&mut worker, task);
                        finished(i, &reply);
                        if let Ok(mut slot) = replies[i].lock() {
                            *slot = Some(reply);
                        }
                    }
                });
            }
        });
        replies
            .into_iter()
            .zip(tasks)
            .map(|(slot, task)| {
                slot.into_inner()
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| task.failure("no reply from the worker".into()))
            })
            .collect()
    }

    /// Runs one task in `worker`, starting one if there is none; a worker that failed
    /// is dropped (and so killed) and the task's failure returned.
    fn call(&self, worker: &mut Option<Worker>, task: &Task) -> Reply {
        if worker.is_none() {
            match Worker::start(self) {
                Ok(w) => *worker = Some(w),
                Err(e) => return task.failure(format!("cannot start a worker: {e}")),
            }
        }
        let Some(w) = worker.as_mut() else {
            return task.failure("cannot start a worker".into());
        };
        match w.call(task, self.timeout) {
            Ok(reply) => reply,
            Err(reason) => {
                *worker = None;
                task.failure(reason)
            }
        }
    }

    fn limit_reason(&self) -> String {
        format!("ran out of memory (limit {})", size::show(self.max_memory))
    }
}

/// One worker process and the pipes to it.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<std::io::Result<Option<Vec<u8>>>>,
    stderr: Arc<Mutex<VecDeque<u8>>>,
    limit_reason: String,
}

impl Worker {
    fn start(pool: &Pool) -> std::io::Result<Worker> {
        let mut command = match &pool.command {
            Some(c) => {
                let mut command = Command::new(&c.program);
                command.args(&c.args);
                command
            }
            None => Command::new(std::env::current_exe()?),
        };
        command
            .arg("worker")
            .arg("--max-memory")
            .arg(pool.max_memory.to_string())
            .arg("--parent")
            .arg(std::process::id().to_string());
        if let Some(v) = &pool.vocabulary {
            command.arg("--vocabulary").arg(v);
        }
        if let Some(t) = &pool.themes {
            command.arg("--themes").arg(t);
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (Some(stdin), Some(mut stdout), Some(mut stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other("worker pipes missing"));
        };
        let (sender, replies) = mpsc::channel();
        std::thread::spawn(move || loop {
            let frame = protocol::receive_bytes(&mut stdout);
            let end = !matches!(frame, Ok(Some(_)));
            if sender.send(frame).is_err() || end {
                break;
            }
        });
        let tail = Arc::new(Mutex::new(VecDeque::new()));
        let keep = Arc::clone(&tail);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = stderr.read(&mut buf) {
                if let Ok(mut t) = keep.lock() {
                    t.extend(&buf[..n]);
                    let excess = t.len().saturating_sub(STDERR_TAIL);
                    t.drain(..excess);
                }
            }
        });
        Ok(Worker {
            child,
            stdin,
            replies,
            stderr: tail,
            limit_reason: pool.limit_reason(),
        })
    }

    /// Sends `task` and waits for its reply; `Err` with the reason when the worker ran
    /// past the deadline or died (the worker must then be dropped).
    fn call(&mut self, task: &Task, timeout: Duration) -> Result<Reply, String> {
        if protocol::send(&mut self.stdin, task).is_err() {
            return Err(self.death());
        }
        match self.replies.recv_timeout(timeout) {
            Ok(Ok(Some(bytes))) => protocol::decode_reply(&bytes).map_err(|e| {
                self.kill();
                format!("worker sent a broken reply ({e})")
            }),
            Ok(_) | Err(RecvTimeoutError::Disconnected) => Err(self.death()),
            Err(RecvTimeoutError::Timeout) => {
                self.kill();
                Err(format!("timed out after {}", seconds(timeout)))
            }
        }
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Why the worker died: waits for it to end (killing it if it lingers) and reads
    /// its exit status and the last of its standard error.
    fn death(&mut self) -> String {
        let mut status = None;
        for _ in 0..200 {
            if let Ok(Some(s)) = self.child.try_wait() {
                status = Some(s);
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let status = match status {
            Some(s) => s,
            None => {
                let _ = self.child.kill();
                match self.child.wait() {
                    Ok(s) => s,
                    Err(e) => return format!("reader crashed ({e})"),
                }
            }
        };
        // Let the stderr thread take the last words.
        std::thread::sleep(Duration::from_millis(20));
        let said = self
            .stderr
            .lock()
            .map(|t| String::from_utf8_lossy(&t.iter().copied().collect::<Vec<u8>>()).into_owned())
            .unwrap_or_default();
        if said.contains("memory allocation of") {
            return self.limit_reason.clone();
        }
        use std::os::unix::process::ExitStatusExt;
        let stack = if said.contains("overflowed its stack") {
            ", stack overflow"
        } else {
            ""
        };
        match (status.signal(), status.code()) {
            (Some(signal), _) => format!("reader crashed (signal {signal}{stack})"),
            (None, Some(code)) => format!("reader crashed (exit code {code}{stack})"),
            (None, None) => "reader crashed".into(),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A duration as the messages show it: `60 s`, `0.5 s`.
pub fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{} s", format!("{s:.3}").trim_end_matches('0'))
    }
}
