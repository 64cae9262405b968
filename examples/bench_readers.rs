//! Per-file time of planlift's readers (`tables_of_bytes`: the whole document read, its
//! tables kept) and the whole extraction, in this process:
//! `cargo run --release --example bench_readers -- FILE...` (what `make bench` runs).
//! Each file is read and extracted repeatedly for about a second; the median is printed.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use planlift::{Format, Overrides};

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn time<F: FnMut()>(mut f: F) -> (Duration, usize) {
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(800) || samples.len() < 5 {
        let t = Instant::now();
        f();
        samples.push(t.elapsed());
        if samples.len() >= 10_000 {
            break;
        }
    }
    let n = samples.len();
    (median(samples), n)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let tsv = args.iter().any(|a| a == "--tsv");
    let files: Vec<PathBuf> = args
        .iter()
        .filter(|a| *a != "--tsv")
        .map(PathBuf::from)
        .collect();
    if !tsv {
        println!(
            "{:<55} {:>10} {:>12} {:>8}",
            "file", "read ms", "extract ms", "runs"
        );
    }
    for path in files {
        let Some(format) = Format::from_path(&path) else {
            continue;
        };
        let bytes = std::fs::read(&path).expect("readable file");
        let (read_t, n) = time(|| {
            let _ = planlift::tables_of_bytes(format, &bytes);
        });
        let name = path.display().to_string();
        let (extract_t, _) = time(|| {
            let _ = planlift::extract_bytes(
                &name,
                format,
                &bytes,
                &Overrides::default(),
                &planlift::Knowledge::builtin(),
            );
        });
        if tsv {
            println!(
                "{name}\t{:.4}\t{:.4}\t{n}",
                read_t.as_secs_f64() * 1e3,
                extract_t.as_secs_f64() * 1e3
            );
            continue;
        }
        println!(
            "{:<55} {:>10.3} {:>12.3} {:>8}",
            name,
            read_t.as_secs_f64() * 1e3,
            extract_t.as_secs_f64() * 1e3,
            n
        );
    }
}
