//! What the proxy says when it cannot start: a bad sealing key is described by its length and
//! expected form, never printed (issue #15: `openssl rand -hex 32` was echoed in full).

use clap::Parser as _;

#[tokio::test]
async fn a_hex_sealing_key_is_refused_by_its_length_and_form_and_never_printed() {
    let hex_key = "9c".repeat(32);
    let flags = [
        "chorus-proxy",
        "--client-id",
        "c",
        "--redirect-uri",
        "http://127.0.0.1:9/callback",
        "--sealing-key",
        &hex_key,
    ];
    // clap's own error (if it refused the value) or the start-up error: either is what is printed.
    let message = match chorus_proxy::Options::try_parse_from(flags) {
        Err(clap_error) => clap_error.to_string(),
        Ok(options) => {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            match chorus_proxy::serve_listener(listener, options).await {
                Err(error) => error.to_string(),
                Ok(()) => panic!("a hex key must not start the proxy"),
            }
        }
    };
    assert!(
        !message.contains(&hex_key[..16]),
        "the key is printed: {message}"
    );
    assert!(message.contains("64 characters"), "{message}");
    assert!(message.contains("openssl rand -base64 32"), "{message}");
}
