//! The isolation flags shared by `extract` and `tables`.

use planlift::{BatchOptions, Isolation};

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
    /// The batch options these flags describe (the rest default), or a usage error.
    pub fn options(&self) -> Result<BatchOptions, String> {
        let workers =
            Isolation::workers(self.timeout, &self.max_memory).map_err(|e| e.to_string())?;
        Ok(BatchOptions {
            jobs: self.jobs,
            isolation: if self.no_isolation {
                Isolation::InProcess
            } else {
                workers
            },
            ..BatchOptions::default()
        })
    }
}
