//! The `planlift` command; everything it does lives in the library.

fn main() {
    std::process::exit(planlift::run_command_line());
}
