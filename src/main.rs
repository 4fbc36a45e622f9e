//! The `canvasc` binary: all of it lives in the library's `cli` module.

fn main() -> std::process::ExitCode {
    canvasc::cli::main()
}
