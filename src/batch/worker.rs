//! The worker side: `planlift worker` (a hidden command of the same binary) reads
//! [`Task`] frames from standard input and answers each with a [`Reply`] frame on
//! standard output, until standard input ends.
//!
//! Before the first task it caps its own address space (`RLIMIT_AS`) at the batch's
//! memory limit, so that a reader that runs away fails an allocation and the process
//! ends, and it asks the kernel to end it when the batch process dies, so that no worker
//! outlives its batch.

use std::io::Write;
use std::path::PathBuf;

use super::protocol;
use super::{Reply, Task};
use crate::Knowledge;

/// Arguments of the hidden `planlift worker` command.
#[derive(clap::Parser, Debug)]
pub struct Args {
    /// Address-space cap in bytes.
    #[arg(long)]
    max_memory: u64,
    /// A vocabulary file in place of the built-in one.
    #[arg(long)]
    vocabulary: Option<PathBuf>,
    /// A theme taxonomy in place of the built-in one.
    #[arg(long)]
    themes: Option<PathBuf>,
    /// The batch process; the worker ends when it is gone.
    #[arg(long)]
    parent: u32,
}

/// Serves tasks until standard input ends; returns the exit code.
pub fn serve(args: Args) -> i32 {
    die_with_parent(args.parent);
    limit_memory(args.max_memory);
    let know = match Knowledge::load(args.vocabulary.as_deref(), args.themes.as_deref()) {
        Ok(know) => know,
        Err(e) => {
            eprintln!("planlift worker: {e}");
            return 2;
        }
    };
    let fault = std::env::var("PLANLIFT_WORKER_FAULT").ok();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut output = stdout.lock();
    loop {
        let task: Task = match protocol::receive_bytes(&mut input) {
            Ok(Some(bytes)) => match protocol::decode(&bytes) {
                Ok(task) => task,
                Err(e) => {
                    eprintln!("planlift worker: bad task frame: {e}");
                    return 2;
                }
            },
            Ok(None) => return 0,
            Err(e) => {
                eprintln!("planlift worker: {e}");
                return 2;
            }
        };
        if let Some(fault) = &fault {
            inject(fault);
        }
        let reply: Reply = task.run(&know);
        let sent = protocol::encode_reply(&reply)
            .and_then(|bytes| protocol::send_bytes(&mut output, &bytes));
        if sent.is_err() {
            return 0;
        }
        let _ = output.flush();
    }
}

/// Fault injection for the isolation tests (`PLANLIFT_WORKER_FAULT` = `segv`, `abort`,
/// `hang`, `oom` or `stack`): the worker misbehaves that way on every task, so that the
/// tests can show each kind of death becoming a failed document.
fn inject(fault: &str) {
    match fault {
        // As a wild pointer would: the default disposition, then the signal.
        "segv" => unsafe {
            libc::signal(libc::SIGSEGV, libc::SIG_DFL);
            libc::raise(libc::SIGSEGV);
        },
        "abort" => std::process::abort(),
        "hang" => loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
        },
        "oom" => {
            let mut hoard: Vec<Vec<u8>> = Vec::new();
            loop {
                hoard.push(vec![1u8; 16 << 20]);
            }
        }
        "stack" => {
            fn deeper(n: u64) -> u64 {
                if n == u64::MAX {
                    return 0;
                }
                let pad = std::hint::black_box([n; 64]);
                pad[0] + deeper(n + 1)
            }
            std::hint::black_box(deeper(0));
        }
        _ => {}
    }
}

fn limit_memory(bytes: u64) {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct we pass; failure leaves the old limit.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

fn die_with_parent(parent: u32) {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number and nothing else.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
    }
    // The parent may have died before the request took effect.
    if std::os::unix::process::parent_id() != parent {
        std::process::exit(0);
    }
}
