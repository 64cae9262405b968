//! Prints the blocks a reader gives for a file, one line each (headings with their
//! level, paragraphs, tables with their size): `cargo run --release --example blocks FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: blocks FILE");
        std::process::exit(2);
    };
    let path = std::path::Path::new(&path);
    let Some(format) = planlift::Format::from_path(path) else {
        eprintln!("{}: unknown format", path.display());
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{}: {e}", path.display());
        std::process::exit(1);
    });
    match planlift::__private_for_debugging::outline(format, &bytes) {
        Ok(lines) => lines.iter().for_each(|l| println!("{l}")),
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1);
        }
    }
}
