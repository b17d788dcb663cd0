//! Looking at what one browser keeps for the app's origin, as the tests' eyes: the token
//! cookies (HttpOnly: WebDriver sees them, pages do not), every IndexedDB entry and every Web
//! Lock name a page of the origin can list. Plain WebDriver (scripts), no CDP.

use serde_json::Value;

use crate::{Browser, Result};

/// Every IndexedDB entry of the origin as `key=value` lines, read by the current tab into
/// `window.__idbDump`.
const IDB_DUMP: &str = "window.__idbDump = null;
(async () => {
  const settle = (r) => new Promise((ok, no) => { r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
  const lines = [];
  const dbs = indexedDB.databases ? await indexedDB.databases() : [{ name: 'chorus' }];
  for (const info of dbs) {
    const db = await settle(indexedDB.open(info.name));
    for (const name of Array.from(db.objectStoreNames)) {
      const store = db.transaction(name).objectStore(name);
      const keys = await settle(store.getAllKeys());
      const values = await settle(store.getAll());
      keys.forEach((k, i) => lines.push(info.name + '/' + name + ': ' + String(k) + '=' + JSON.stringify(values[i])));
    }
    db.close();
  }
  window.__idbDump = lines;
})();
return true;";

/// The throwaway page [`token_cookie_names`] opens: its 404 shows in the console log, which a
/// test that checks for console errors leaves out.
pub const COOKIE_READING_PAGE: &str = "/api/token/cookies-of-this-browser";

/// The names of every cookie the browser sends to the proxy's token routes (`chorus_rt_…`).
/// Read from a throwaway tab whose document lies under `/api/token`, the cookies' path; the
/// current tab is driven again afterwards.
pub async fn token_cookie_names(browser: &Browser, app_url: &str) -> Result<Vec<String>> {
    let back = browser.current_tab().await?;
    browser
        .open_tab(&format!("{app_url}{COOKIE_READING_PAGE}"))
        .await?;
    let cookies = browser.client().get_all_cookies().await;
    browser.client().close_window().await?;
    browser.switch_to(&back).await?;
    Ok(cookies?
        .iter()
        .map(|c| c.name().to_owned())
        .filter(|name| name.starts_with("chorus_rt_"))
        .collect())
}

/// Every IndexedDB entry the current tab's origin holds, `database/store: key=value`.
pub async fn indexed_db_entries(browser: &Browser) -> Result<Vec<String>> {
    browser.eval(IDB_DUMP).await?;
    let lines = browser
        .wait_for(
            "the IndexedDB entries to be read",
            "return window.__idbDump;",
        )
        .await?;
    Ok(strings(&lines))
}

/// The name of every Web Lock held or waited for by any page of the origin.
pub async fn lock_names(browser: &Browser) -> Result<Vec<String>> {
    browser
        .eval("window.__lockNames = null; navigator.locks.query().then((q) => { window.__lockNames = [...q.held, ...q.pending].map((l) => l.name); }); return true;")
        .await?;
    let names = browser
        .wait_for("the lock names to be listed", "return window.__lockNames;")
        .await?;
    Ok(strings(&names))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
