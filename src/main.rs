use std::process::ExitCode;

/// Rendering a page makes many small, short-lived allocations across threads; mimalloc serves
/// them with less locking and fragmentation than glibc's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    match steward::cli::run(std::env::args().skip(1).collect()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("steward: {error}");
            ExitCode::FAILURE
        }
    }
}
