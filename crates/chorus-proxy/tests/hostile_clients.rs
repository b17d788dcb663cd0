//! Slow and hostile clients over a real socket (issue #15): connections that send nothing,
//! trickle their headers or body, idle after an answer, or come in greater number than the cap,
//! are closed or answered by their bound, and `/healthz` keeps answering. Each test waits for
//! the proxy to act (a closed socket, an answer) under an upper bound far above the timeout it
//! checks; none sleeps to pass time.

mod support;

use std::time::{Duration, Instant};

use support::{Next, Proxy, Regime, StubUpstream};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

/// Far above every timeout configured below: reaching it means the proxy did not act.
const BOUND: Duration = Duration::from_secs(10);

async fn connect(proxy: &Proxy) -> TcpStream {
    let addr = proxy.base.trim_start_matches("http://");
    TcpStream::connect(addr)
        .await
        .expect("connect to the proxy")
}

/// Reads until the proxy closes the connection; the text read and when it closed.
async fn read_until_closed(stream: &mut TcpStream) -> (String, Duration) {
    let started = Instant::now();
    let mut text = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(BOUND, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => text.extend_from_slice(&buf[..n]),
            Err(_) => panic!("the connection was still open after {BOUND:?}"),
        }
    }
    (
        String::from_utf8_lossy(&text).into_owned(),
        started.elapsed(),
    )
}

async fn get_healthz(stream: &mut TcpStream) -> String {
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    let mut buf = [0u8; 4096];
    let n = tokio::time::timeout(BOUND, stream.read(&mut buf))
        .await
        .expect("/healthz answered in time")
        .expect("read");
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed_after_the_header_read_timeout() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &["--header-read-timeout-secs", "1"]).await;
    let mut idle = connect(&proxy).await;
    let (_, after) = read_until_closed(&mut idle).await;
    assert!(after < Duration::from_secs(3), "closed after {after:?}");
}

#[tokio::test]
async fn trickled_headers_are_cut_off_at_the_header_read_timeout() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &["--header-read-timeout-secs", "1"]).await;
    let mut slow = connect(&proxy).await;
    slow.write_all(b"GET / HTTP/1.1\r\n").await.expect("write");
    let started = Instant::now();
    let mut interval = tokio::time::interval(Duration::from_millis(100));
    // One header byte per tick: a slowloris client that never finishes its headers.
    let closed_after = loop {
        interval.tick().await;
        if slow.write_all(b"X").await.is_err() {
            break started.elapsed();
        }
        let mut probe = [0u8; 1024];
        if let Ok(Ok(0)) =
            tokio::time::timeout(Duration::from_millis(1), slow.read(&mut probe)).await
        {
            break started.elapsed();
        }
        assert!(started.elapsed() < BOUND, "still open after {BOUND:?}");
    };
    assert!(
        closed_after < Duration::from_secs(3),
        "closed after {closed_after:?}"
    );
}

#[tokio::test]
async fn a_kept_alive_connection_that_idles_after_an_answer_is_closed() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &["--header-read-timeout-secs", "1"]).await;
    let mut stream = connect(&proxy).await;
    assert!(get_healthz(&mut stream).await.starts_with("HTTP/1.1 200"));
    let (_, after) = read_until_closed(&mut stream).await;
    assert!(after < Duration::from_secs(3), "closed after {after:?}");
}

#[tokio::test]
async fn a_body_that_stops_arriving_is_answered_408() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(&stub, &["--body-read-timeout-secs", "1"]).await;
    let mut stream = connect(&proxy).await;
    stream
        .write_all(
            b"POST /api/token/exchange HTTP/1.1\r\nHost: x\r\nX-Chorus-Session: tab-a-0123456789abcdef\r\n\
              Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"code\":",
        )
        .await
        .expect("write");
    let (answer, after) = read_until_closed(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("\"error\":\"invalid_request\""), "{answer}");
    assert!(after < Duration::from_secs(4), "answered after {after:?}");
}

#[tokio::test]
async fn a_request_is_cut_off_at_the_request_timeout_even_while_upstream_is_slow() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(
        &stub,
        &[
            "--request-timeout-secs",
            "1",
            "--upstream-timeout-secs",
            "20",
        ],
    )
    .await;
    stub.authorize("code-1", support::VERIFIER, support::REDIRECT_URI);
    stub.answer_next(Next::Hang(Duration::from_secs(30)));
    let started = Instant::now();
    let answer = proxy.tab("tab-a-0123456789abcdef").exchange("code-1").await;
    assert_eq!(answer.status.as_u16(), 408, "{}", answer.body);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn past_the_connection_cap_new_connections_are_closed_and_healthz_keeps_answering() {
    let stub = StubUpstream::spawn(Regime::Current).await;
    let proxy = Proxy::spawn(
        &stub,
        &["--max-connections", "8", "--header-read-timeout-secs", "5"],
    )
    .await;
    let mut healthy = connect(&proxy).await;
    assert!(get_healthz(&mut healthy).await.starts_with("HTTP/1.1 200"));
    let mut held = Vec::new();
    for _ in 0..7 {
        held.push(connect(&proxy).await);
    }
    // The cap is reached: one more is accepted by the kernel and closed by the proxy at once.
    let mut extra = connect(&proxy).await;
    let (_, after) = read_until_closed(&mut extra).await;
    assert!(after < Duration::from_secs(2), "closed after {after:?}");
    assert!(
        get_healthz(&mut healthy).await.starts_with("HTTP/1.1 200"),
        "a connection the proxy already holds is still served"
    );
    drop(held);
}
