//! Tabs cannot act as each other (#13): a curious second tab of the same browser tries every
//! surface tabs of one origin share and finds neither another tab's session id, its tokens, its
//! pending PKCE verifier or state, nor its proxy cookie's name; and `/api/token/refresh` with
//! anything it found is refused. Plain WebDriver (scripts and clicks), no CDP.

use std::collections::BTreeSet;

use chorus_browser_tests::{flows, inspect, run_configured, Browser, HarnessError, Result};
use chorus_core::auth::{pkce::CodeChallenge, secret::CodeVerifier};
use serde_json::Value;
use spotify_sandbox::config::SandboxConfig;

/// The curious tab starts listening before the others act: the presence channel and storage
/// events (the only surfaces that push rather than answer).
const LISTEN: &str = "window.__heard = []; window.__storageEvents = [];
const ear = new BroadcastChannel('chorus-presence');
ear.onmessage = (e) => window.__heard.push(typeof e.data === 'string' ? e.data : JSON.stringify(e.data));
window.__ear = ear;
window.addEventListener('storage', (e) => window.__storageEvents.push([e.key, e.oldValue, e.newValue, e.url, String(e.storageArea === sessionStorage)].join(' ')));
return true;";

/// Provokes answers on the presence channel, as a newcomer would.
const PROVOKE: &str = "const c = new BroadcastChannel('chorus-presence');
c.postMessage(JSON.stringify({kind: 'hello', tab_id: 'curious-tab', listener: {account_key: 'curious', name: 'Curious', colour: '#000000', image_url: null}, playing: null}));
c.postMessage(JSON.stringify({kind: 'who', tab_id: 'curious-tab'}));
c.close();
return true;";

/// Reads every shared surface into `window.__harvest`: `{surface: [what it showed…]}`.
const HARVEST: &str = "window.__harvest = null;
(async () => {
  const found = {};
  const put = (surface, value) => { (found[surface] = found[surface] || []).push(typeof value === 'string' ? value : JSON.stringify(value)); };
  const tried = (surface) => { found[surface] = found[surface] || []; };
  const settle = (request) => new Promise((resolve, reject) => { request.onsuccess = () => resolve(request.result); request.onerror = () => reject(request.error); });
  const attempt = async (surface, body) => { tried(surface); try { await body(); } catch (e) { put(surface, 'refused: ' + e); } };
  await attempt('navigator.locks.query (held and pending)', async () => {
    const q = await navigator.locks.query();
    for (const lock of [...q.held, ...q.pending]) { put('navigator.locks.query (held and pending)', lock.name + ' ' + lock.mode + ' ' + (lock.clientId || '')); }
  });
  await attempt('BroadcastChannel chorus-presence (heard, and answers provoked)', async () => {
    for (const message of window.__heard) { put('BroadcastChannel chorus-presence (heard, and answers provoked)', message); }
  });
  await attempt('storage events', async () => { for (const e of window.__storageEvents) { put('storage events', e); } });
  await attempt('IndexedDB (every database, store, key and value)', async () => {
    const dbs = indexedDB.databases ? await indexedDB.databases() : [{ name: 'chorus' }];
    for (const info of dbs) {
      put('IndexedDB (every database, store, key and value)', 'database ' + info.name);
      const db = await settle(indexedDB.open(info.name));
      for (const name of Array.from(db.objectStoreNames)) {
        const store = db.transaction(name).objectStore(name);
        for (const key of await settle(store.getAllKeys())) { put('IndexedDB (every database, store, key and value)', String(key)); }
        for (const value of await settle(store.getAll())) { put('IndexedDB (every database, store, key and value)', value); }
      }
      db.close();
    }
  });
  await attempt('localStorage', async () => { for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); put('localStorage', k + '=' + localStorage.getItem(k)); } });
  await attempt('sessionStorage (this tab)', async () => { for (let i = 0; i < sessionStorage.length; i++) { const k = sessionStorage.key(i); put('sessionStorage (this tab)', k + '=' + sessionStorage.getItem(k)); } });
  await attempt('document.cookie', async () => { if (document.cookie) { put('document.cookie', document.cookie); } });
  await attempt('cookieStore.getAll', async () => {
    if (!window.cookieStore) { put('cookieStore.getAll', 'absent in this browser'); return; }
    for (const c of await cookieStore.getAll()) { put('cookieStore.getAll', c.name + '=' + c.value); }
    for (const c of await cookieStore.getAll({ url: location.origin + '/api/token/refresh' })) { put('cookieStore.getAll', c.name + '=' + c.value); }
  });
  await attempt('window.opener', async () => {
    if (window.opener) { put('window.opener', 'present'); put('window.opener', window.opener.sessionStorage.getItem('chorus.session')); }
  });
  await attempt('window.name', async () => { if (window.name) { put('window.name', window.name); } });
  await attempt('performance entries', async () => { for (const e of performance.getEntries()) { put('performance entries', e.entryType + ' ' + e.name); } });
  await attempt('Cache Storage', async () => {
    if (!window.caches) { put('Cache Storage', 'absent in this browser'); return; }
    for (const name of await caches.keys()) { put('Cache Storage', name); for (const r of await (await caches.open(name)).keys()) { put('Cache Storage', r.url); } }
  });
  await attempt('service worker registrations', async () => {
    if (!navigator.serviceWorker) { put('service worker registrations', 'absent in this browser'); return; }
    for (const r of await navigator.serviceWorker.getRegistrations()) { put('service worker registrations', r.scope); }
  });
  await attempt('origin private file system', async () => {
    if (!(navigator.storage && navigator.storage.getDirectory)) { put('origin private file system', 'absent in this browser'); return; }
    const root = await navigator.storage.getDirectory();
    for await (const name of root.keys()) { put('origin private file system', name); }
  });
  await attempt('document.referrer and history', async () => { if (document.referrer) { put('document.referrer and history', document.referrer); } put('document.referrer and history', 'history.length ' + history.length); });
  window.__harvest = found;
})();
return true;";

/// Posts to `window.__route` (a token route, as the proxy's protocol asks: `X-Chorus-Session`)
/// with each of `window.__ids` and leaves the status of each in `window.__tries`.
const TRY_ROUTE: &str = "window.__tries = null;
(async () => {
  const out = {};
  for (const id of window.__ids) {
    const answer = await fetch(window.__route, { method: 'POST', headers: { 'X-Chorus-Session': id }, credentials: 'same-origin' });
    out[id] = answer.status;
  }
  window.__tries = out;
})();
return true;";

/// What only a tab itself (and the test, through WebDriver) can read of it.
#[derive(Debug)]
struct TabSecrets {
    session_id: String,
    access_token: String,
}

async fn secrets_of_current_tab(browser: &Browser) -> Result<TabSecrets> {
    let read = browser
        .eval("const id = sessionStorage.getItem('chorus.session'); return [id, sessionStorage.getItem('chorus.' + id + '.tokens')];")
        .await?;
    let session_id = read[0].as_str().unwrap_or_default().to_owned();
    let tokens: Value = serde_json::from_str(read[1].as_str().unwrap_or("null"))
        .map_err(|e| HarnessError::Assertion(format!("the tab's tokens do not parse: {e}")))?;
    let access_token = tokens["access_token"]
        .as_str()
        .or_else(|| tokens["access_token"]["secret"].as_str())
        .unwrap_or_default()
        .to_owned();
    if session_id.len() < 16 || access_token.is_empty() {
        return Err(HarnessError::Assertion(format!(
            "the signed-in tab holds no session: {read}"
        )));
    }
    Ok(TabSecrets {
        session_id,
        access_token,
    })
}

/// Every run of at least `min_len` characters for which `allowed` holds.
fn runs(text: &str, min_len: usize, allowed: impl Fn(char) -> bool) -> BTreeSet<String> {
    text.split(|c: char| !allowed(c))
        .filter(|word| word.len() >= min_len)
        .map(str::to_owned)
        .collect()
}

/// What could be a session id (16 to 64 of `A-Z a-z 0-9 _ -`, chorus-core's `SessionId`).
fn session_id_candidates(text: &str) -> BTreeSet<String> {
    runs(text, 16, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '_' | '-')
    })
    .into_iter()
    .filter(|word| word.len() <= 64)
    .collect()
}

/// What could be a PKCE verifier (43 to 128 of `A-Z a-z 0-9 - . _ ~`, RFC 7636).
fn verifier_candidates(text: &str) -> BTreeSet<String> {
    runs(text, 43, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '~')
    })
}

/// Posts to the token route `route` from the current tab once per id; the status of each.
async fn try_route(browser: &Browser, route: &str, ids: &[&String]) -> Result<Value> {
    let ids = serde_json::to_string(ids).unwrap_or_default();
    browser
        .eval(&format!(
            "window.__ids = {ids}; window.__route = {}; return true;",
            Value::String(route.to_owned())
        ))
        .await?;
    browser.eval(TRY_ROUTE).await?;
    browser
        .wait_for(
            &format!("the {route} attempts to finish"),
            "return window.__tries;",
        )
        .await
}

/// The ids whose attempt the proxy did not refuse (400 `invalid_session`, 401 `sign_in_again`).
fn not_refused(tries: &Value) -> Vec<String> {
    tries
        .as_object()
        .map(|t| {
            t.iter()
                .filter(|(_, status)| !matches!(status.as_u64(), Some(400 | 401)))
                .map(|(id, _)| id.clone())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_second_tab_learns_no_other_tabs_secrets_from_any_shared_surface() -> Result<()> {
    // Enough rate-limit room for one refresh attempt per candidate found.
    let flags = ["--rate-limit-per-minute=6000", "--rate-limit-burst=1000"];
    run_configured("tab-isolation", SandboxConfig::default(), &flags, async |stack, browser| {
        // Tab A: Alice, signed in and playing.
        browser.goto(stack.app_url()).await?;
        let alice = browser.current_tab().await?;
        flows::sign_in_as(browser, "alice").await?;
        let alice_secrets = secrets_of_current_tab(browser).await?;

        // Tab B: the curious one, a fresh Chorus tab of the same browser, listening first.
        let curious = browser.open_tab(stack.app_url()).await?;
        browser.wait_for_text("#connect").await?;
        browser.eval(LISTEN).await?;

        // Alice's tab reloads (takes its locks again, says hello) and plays (says what).
        browser.switch_to(&alice).await?;
        browser.client().refresh().await?;
        browser.wait_for_text("#listener-name").await?;
        flows::start_playing_here(browser).await?;

        // Tab C: a third person mid-sign-in: its verifier and state are pending in its tab.
        browser.open_tab(stack.app_url()).await?;
        flows::open_spotify(browser).await?;
        let pending = browser
            .eval("return [document.querySelector('input[name=code_challenge]').value, document.querySelector('input[name=state]').value];")
            .await?;
        let (challenge, state) = (
            pending[0].as_str().unwrap_or_default().to_owned(),
            pending[1].as_str().unwrap_or_default().to_owned(),
        );
        assert!(challenge.len() == 43 && state.len() >= 16, "tab C's pending sign-in: {pending}");

        let cookie_names = inspect::token_cookie_names(browser, stack.app_url()).await?;
        assert!(!cookie_names.is_empty(), "Alice's tab has a proxy cookie");

        // Tab B provokes answers, then reads every surface.
        browser.switch_to(&curious).await?;
        browser.eval(PROVOKE).await?;
        browser
            .wait_for(
                "Alice's tab to answer on the presence channel",
                "return window.__heard.some((m) => m.includes('Alice Martin') && m.includes('\"kind\":\"state\"'));",
            )
            .await?;
        browser.eval(HARVEST).await?;
        let harvest = browser
            .wait_for("the curious tab to read every surface", "return window.__harvest;")
            .await?;
        let surfaces = harvest
            .as_object()
            .ok_or_else(|| HarnessError::Assertion(format!("harvest: {harvest}")))?;
        eprintln!("the curious tab tried {} shared surfaces:", surfaces.len());
        for (surface, shown) in surfaces {
            let shown = shown.as_array().map_or(0, Vec::len);
            let sample = surfaces[surface].to_string();
            let sample: String = sample.chars().take(300).collect();
            eprintln!("  {surface}: {shown} item(s) {sample}");
        }
        let everything = harvest.to_string();

        // It learned none of Alice's secrets, nor tab C's, nor a cookie's name.
        for (what, secret) in [
            ("Alice's session id", alice_secrets.session_id.as_str()),
            ("Alice's access token", alice_secrets.access_token.as_str()),
            ("tab C's pending state", state.as_str()),
        ] {
            assert!(!everything.contains(secret), "the curious tab found {what}: {everything}");
        }
        for name in &cookie_names {
            assert!(!everything.contains(name.as_str()), "the curious tab found the cookie name {name}");
        }
        for word in &verifier_candidates(&everything) {
            let hashes_to_challenge = CodeChallenge::s256(&CodeVerifier::new(word.clone()))
                .is_ok_and(|c| c.as_str() == challenge);
            assert!(!hashes_to_challenge, "the curious tab found tab C's PKCE verifier");
        }
        // The presence channel was heard (the surface works), and carried Alice's name only.
        assert!(everything.contains("Alice Martin"), "presence was heard: {everything}");

        // Nothing it found opens a session at the proxy, nor signs one out…
        let found = session_id_candidates(&everything);
        let ids: Vec<&String> = found.iter().collect();
        let refreshes = try_route(browser, "/api/token/refresh", &ids).await?;
        eprintln!("refresh attempts with {} candidate session ids: {refreshes}", ids.len());
        assert!(not_refused(&refreshes).is_empty(), "a refresh with what the curious tab found was not refused: {refreshes}");
        let logouts = try_route(browser, "/api/token/logout", &ids).await?;
        eprintln!("logout attempts: {} (204 clears only a cookie of that id)", logouts.as_object().map_or(0, |l| l.len()));
        // …while Alice's real id would: the refusal is the id's secrecy, not a broken route, and
        // Alice's cookie survived every logout above.
        let alice_id = alice_secrets.session_id.clone();
        let control = try_route(browser, "/api/token/refresh", &[&alice_id]).await?;
        assert_eq!(control[&alice_id], 200, "control: {control}");
        Ok(())
    })
    .await
}
