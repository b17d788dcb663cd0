//! `chorus-proxy`: see `--help`. All behaviour lives in the library (`chorus_proxy::router`).

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let options = chorus_proxy::Options::parse();
    chorus_proxy::init_tracing_as(options.log_format);
    match chorus_proxy::serve(options).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "chorus-proxy stopped");
            std::process::ExitCode::FAILURE
        }
    }
}
