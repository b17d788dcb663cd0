//! `chorus-static-kit DIST CONFIG_JSON [IMAGE_ORIGIN…]`: makes the release `DIST` a static-hosting kit for
//! that config (see `chorus_proxy::static_kit`). `cargo xtask build --static --config FILE`
//! runs it after trunk and before compressing.

use std::process::ExitCode;

use chorus_core::config::RuntimeConfig;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dist, config, origins @ ..] = args.as_slice() else {
        eprintln!("usage: chorus-static-kit DIST CONFIG_JSON [IMAGE_ORIGIN…]");
        return ExitCode::from(2);
    };
    let origins: Vec<chorus_proxy::ImageOrigin> = match origins.iter().map(|o| o.parse()).collect()
    {
        Ok(origins) => origins,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let config = match std::fs::read_to_string(config)
        .map_err(|e| format!("{config}: {e}"))
        .and_then(|body| RuntimeConfig::from_json(&body).map_err(|e| format!("{config}: {e}")))
    {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    match chorus_proxy::static_kit::write(dist.as_ref(), &config, &origins) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
