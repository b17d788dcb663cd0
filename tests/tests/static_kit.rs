//! The static-hosting kit served by a plain static file server that knows nothing of Chorus
//! (Python's `http.server`): no proxy, no rewrite rules, no headers of ours. Signing in (the
//! sandbox redirects to `/callback`, which the kit's `callback/index.html` answers) and playing
//! work in `direct` mode under the kit's `<meta>` Content-Security-Policy.

use std::{path::Path, process::Stdio, time::Duration};

use chorus_browser_tests::{dist_dir, flows, run, HarnessError, Result};
use chorus_core::config::{RuntimeConfig, TokenMode};

#[tokio::test]
async fn the_kit_on_a_plain_static_server_signs_in_and_plays() -> Result<()> {
    run("static-kit", async |stack, browser| {
        let port = free_port()?;
        let site = format!("http://127.0.0.1:{port}");
        let sandbox = stack.sandbox_url();
        let parse = |u: String| {
            u.parse()
                .map_err(|e| HarnessError::Setup(format!("{u}: {e}")))
        };
        let config = RuntimeConfig {
            client_id: "chorus-demo".into(),
            redirect_uri: parse(format!("{site}/callback"))?,
            accounts_base_url: parse(sandbox.clone())?,
            api_base_url: parse(format!("{sandbox}/v1"))?,
            sdk_url: parse(format!("{sandbox}/spotify-player.js"))?,
            token_mode: TokenMode::Direct,
            sandbox: true,
        };
        let kit = std::env::temp_dir().join(format!("chorus-static-kit-{}-{port}", std::process::id()));
        copy_dir(&dist_dir()?, &kit)?;
        let origins = stack
            .image_origins()
            .iter()
            .map(|o| o.parse())
            .collect::<Result<Vec<chorus_proxy::ImageOrigin>, _>>()
            .map_err(|e| HarnessError::Setup(format!("image origins: {e}")))?;
        chorus_proxy::static_kit::write(&kit, &config, &origins)
            .map_err(|e| HarnessError::Setup(format!("writing the kit: {e}")))?;

        let _server = tokio::process::Command::new("python3")
            .args(["-m", "http.server", "--bind", "127.0.0.1", "--directory"])
            .arg(&kit)
            .arg(port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| HarnessError::Setup(format!("starting python3 -m http.server: {e}")))?;
        wait_until_serving(&site).await?;

        browser.goto(&site).await?;
        let policy = browser
            .eval("const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]'); return m && m.content;")
            .await?;
        let policy = policy.as_str().unwrap_or_default().to_owned();
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "policy: {policy}");
        assert_eq!(flows::sign_in_as(browser, "emil").await?, "Emil Larsen");
        flows::start_playing_here(browser).await?;
        let errors = browser.console_errors_from(&site).await?;
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        Ok(())
    })
    .await
}

fn free_port() -> Result<u16> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| HarnessError::Setup(format!("a free port: {e}")))
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    let fail = |e: std::io::Error| HarnessError::Setup(format!("copying {}: {e}", from.display()));
    std::fs::create_dir_all(to).map_err(fail)?;
    for entry in std::fs::read_dir(from).map_err(fail)? {
        let entry = entry.map_err(fail)?;
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()))?;
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).map_err(fail)?;
        }
    }
    Ok(())
}

/// Polls until the server answers (it binds a moment after it starts).
async fn wait_until_serving(site: &str) -> Result<()> {
    for _ in 0..100 {
        if reqwest::get(site)
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(HarnessError::Setup(format!("{site} never answered")))
}
