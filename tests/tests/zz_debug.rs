use chorus_browser_tests::{flows, run_with, Result};
use chorus_browser_tests::remote_world::stored_counting_where;
#[tokio::test]
async fn debug_reconcile() -> Result<()> {
    run_with("debug", spotify_sandbox::SandboxConfig { clock: spotify_sandbox::ClockMode::Manual, ..Default::default() }, async |stack, browser| {
        browser.goto(stack.app_url()).await?;
        flows::sign_in_as(browser, "dana").await?;
        tokio::time::sleep(std::time::Duration::from_secs(15)).await;
        let calls = reqwest::get(format!("{}/_sandbox/calls?user_id=dana", stack.sandbox_url())).await.unwrap().text().await.unwrap();
        eprintln!("CALLS {calls}");
        let dump = browser.eval("return new Promise(done => { const o = indexedDB.open('chorus'); o.onsuccess = () => { const out = []; const c = o.result.transaction('kv').objectStore('kv').openCursor(); c.onsuccess = () => { const x = c.result; if (!x) return done(out); out.push([String(x.key), String(x.value).slice(0, 400)]); x.continue(); }; }; });").await?;
        eprintln!("IDB {dump}");
        let locks = browser.eval("return navigator.locks.query().then(s => JSON.stringify(s));").await?;
        eprintln!("LOCKS {locks}");
        let script = stored_counting_where("true");
        eprintln!("SCRIPT {script}");
        let got = browser.client().execute(&script, vec![]).await;
        eprintln!("GOT {got:?}");
        let errors = browser.console_errors().await?;
        eprintln!("ERRORS {errors:?}");
        Ok(())
    }).await
}
