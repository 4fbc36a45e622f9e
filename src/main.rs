//! The `canvasc` binary: all of it lives in the library's `cli` module.

/// mimalloc rather than the system allocator: a large canvas is millions of
/// small allocations made on several threads, where it is faster and keeps
/// less memory resident (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    canvasc::cli::main()
}
