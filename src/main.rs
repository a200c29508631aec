use std::process::ExitCode;

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
