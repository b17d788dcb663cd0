//! Captures every log line (TRACE, all crates) of a full sign-in, refresh, failed refresh and
//! logout through the proxy, and checks that no token, code, verifier, cookie, client secret or
//! sealing key appears in any of them.

mod support;

use std::{
    io::Write,
    sync::{Arc, Mutex},
};

use reqwest::StatusCode;
use support::{Proxy, Regime, StubUpstream, VERIFIER};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("log buffer")).into_owned()
    }
}

// current_thread: the proxy, the stub and reqwest all run on this thread, under this subscriber.
#[tokio::test(flavor = "current_thread")]
async fn no_secret_reaches_the_logs_of_a_full_session() {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let client_secret = "client-secret-value-42";
    let sealing_key = chorus_proxy::SealingKeyMaterial::generate().to_base64();
    let stub = StubUpstream::spawn_with_secret(Regime::Legacy, Some(client_secret)).await;
    let proxy = Proxy::spawn(
        &stub,
        &[
            "--client-secret",
            client_secret,
            "--sealing-key",
            &sealing_key,
        ],
    )
    .await;
    let mut tab = proxy.tab("tab-a-0123456789abcdef");
    let mut cookie_values = Vec::new();

    tab.sign_in(&stub, "code-SECRET-1").await;
    cookie_values.extend(tab.cookies.values().cloned());
    let refreshed = tab.refresh().await;
    assert_eq!(refreshed.status, StatusCode::OK);
    cookie_values.extend(tab.cookies.values().cloned());
    assert_eq!(
        tab.exchange("code-SECRET-unknown").await.status,
        StatusCode::BAD_REQUEST
    );
    stub.revoke_all();
    assert_eq!(tab.refresh().await.status, StatusCode::UNAUTHORIZED);
    tab.cookies
        .insert(tab.cookie_name(), "forged.value-SECRET-cookie".into());
    assert_eq!(tab.refresh().await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(tab.logout().await.status, StatusCode::NO_CONTENT);

    let text = logs.text();
    assert!(
        text.contains("request_id="),
        "the capture works and requests carry ids:\n{text}"
    );
    assert!(text.contains("access token refreshed"), "{text}");
    for secret in ["SECRET", VERIFIER, client_secret, &sealing_key]
        .into_iter()
        .chain(cookie_values.iter().map(String::as_str))
    {
        assert!(
            !text.contains(secret),
            "{secret:?} appears in the logs:\n{text}"
        );
    }
    assert!(!cookie_values.is_empty());
}
