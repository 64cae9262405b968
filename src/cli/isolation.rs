//! The isolation flags shared by `extract` and `tables`.

use std::path::PathBuf;
use std::time::Duration;

use crate::batch::{self, size, Isolation};

/// `--timeout`, `--max-memory`, `--no-isolation` and `--jobs`.
#[derive(clap::Args, Debug, Clone)]
pub struct IsolationArgs {
    /// Files processed at once (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Longest time one file may take, in seconds; a file that takes longer is failed.
    #[arg(long, default_value = "60", value_name = "SECONDS")]
    pub timeout: f64,
    /// Most memory one file's reader may use (`2G`, `512M`); past it the file is failed.
    #[arg(long, default_value = "2G", value_name = "SIZE")]
    pub max_memory: String,
    /// Read every file in this process instead of in worker processes (no deadline, no
    /// memory cap, no protection from crashes: for benchmarks and debugging).
    #[arg(long)]
    pub no_isolation: bool,
}

impl IsolationArgs {
    /// The batch options these flags describe, or a usage error.
    pub fn options(
        &self,
        vocabulary: Option<PathBuf>,
        themes: Option<PathBuf>,
    ) -> Result<batch::Options, String> {
        if !(self.timeout.is_finite() && self.timeout > 0.0) {
            return Err(format!(
                "--timeout {}: give a number of seconds above 0",
                self.timeout
            ));
        }
        let max_memory = size::parse(&self.max_memory).map_err(|e| format!("--max-memory: {e}"))?;
        if max_memory < 64 << 20 {
            return Err(format!(
                "--max-memory {}: give at least 64M",
                self.max_memory
            ));
        }
        let isolation = if self.no_isolation {
            Isolation::InProcess
        } else {
            Isolation::Workers {
                timeout: Duration::from_secs_f64(self.timeout),
                max_memory,
            }
        };
        let jobs = self
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        Ok(batch::Options {
            jobs: jobs.max(1),
            isolation,
            vocabulary,
            themes,
            worker: None,
        })
    }
}
