//! The `planlift` command: its arguments parsed, and the library's public API called.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
