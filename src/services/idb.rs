//! IndexedDB, the only owner of that boundary: one database (`chorus`) with one object store
//! of text values by key. Chorus keeps per-account data there (the favorites tracker), keyed
//! `<kind>/<account storage key>` so accounts never share a value; it survives tab close and
//! sign-out, and "Forget me on this browser" deletes every key of the account
//! ([`Database::keys_of_account`]). Tokens never go here (see `storage.rs`).
//!
//! Every request is awaited through a promise whose `resolve`/`reject` are the request's
//! own handlers, so no Rust closure outlives a call; writes resolve when their transaction
//! has committed.

use js_sys::Promise;
use wasm_bindgen::{prelude::*, JsCast};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
};

use super::browser::{window, BrowserError};

const DATABASE: &str = "chorus";
const VERSION: u32 = 1;
const STORE: &str = "kv";

/// An open connection to Chorus's database.
#[derive(Debug, Clone)]
pub struct Database {
    db: IdbDatabase,
}

impl PartialEq for Database {
    fn eq(&self, other: &Self) -> bool {
        self.db == other.db
    }
}

impl Database {
    /// Opens (and on first use creates) the database.
    pub async fn open() -> Result<Self, BrowserError> {
        let factory = window()?
            .indexed_db()
            .map_err(BrowserError::from_js)?
            .ok_or_else(|| BrowserError::Refused("this browser keeps no IndexedDB here".into()))?;
        let request: IdbOpenDbRequest = factory
            .open_with_u32(DATABASE, VERSION)
            .map_err(BrowserError::from_js)?;
        // Owned here and dropped once the open settles: `upgradeneeded` fires before success.
        let upgrade = {
            let request = request.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                if let Ok(result) = request.result() {
                    let db: IdbDatabase = result.unchecked_into();
                    // Version 1 is the only one: the store cannot exist yet.
                    let _ = db.create_object_store(STORE);
                }
            })
        };
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let opened = settle(&request).await;
        request.set_onupgradeneeded(None);
        drop(upgrade);
        Ok(Self {
            db: opened?.unchecked_into(),
        })
    }

    /// The store in a read-only transaction.
    fn reading(&self) -> Result<IdbObjectStore, BrowserError> {
        self.db
            .transaction_with_str(STORE)
            .and_then(|tx| tx.object_store(STORE))
            .map_err(BrowserError::from_js)
    }

    /// One write: `change` gets the store in a read-write transaction; resolves once committed.
    async fn write(
        &self,
        change: impl FnOnce(&IdbObjectStore) -> Result<IdbRequest, JsValue>,
    ) -> Result<(), BrowserError> {
        let tx = self
            .db
            .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
            .map_err(BrowserError::from_js)?;
        let store = tx.object_store(STORE).map_err(BrowserError::from_js)?;
        change(&store).map_err(BrowserError::from_js)?;
        committed(&tx).await
    }

    /// The text stored under `key`, if any.
    pub async fn get(&self, key: &str) -> Result<Option<String>, BrowserError> {
        let store = self.reading()?;
        let request = store
            .get(&JsValue::from_str(key))
            .map_err(BrowserError::from_js)?;
        Ok(settle(&request).await?.as_string())
    }

    /// Stores `value` under `key`; resolves once the write has committed.
    pub async fn put(&self, key: &str, value: &str) -> Result<(), BrowserError> {
        self.write(|store| store.put_with_key(&JsValue::from_str(value), &JsValue::from_str(key)))
            .await
    }

    /// Deletes `key` (nothing happens when it is absent); resolves once committed.
    pub async fn delete(&self, key: &str) -> Result<(), BrowserError> {
        self.write(|store| store.delete(&JsValue::from_str(key)))
            .await
    }

    /// Every key stored for the account `account_key` (`<kind>/<account_key>`).
    pub async fn keys_of_account(&self, account_key: &str) -> Result<Vec<String>, BrowserError> {
        let store = self.reading()?;
        let request = store.get_all_keys().map_err(BrowserError::from_js)?;
        let keys: js_sys::Array = settle(&request)
            .await?
            .dyn_into()
            .map_err(BrowserError::from_js)?;
        let suffix = format!("/{account_key}");
        Ok(keys
            .iter()
            .filter_map(|key| key.as_string())
            .filter(|key| key.ends_with(&suffix))
            .collect())
    }
}

/// The request's result once it succeeds, or its error.
async fn settle(request: &IdbRequest) -> Result<JsValue, BrowserError> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match outcome {
        Ok(_) => request.result().map_err(BrowserError::from_js),
        Err(_) => Err(refused(request.error().ok().flatten())),
    }
}

async fn committed(tx: &IdbTransaction) -> Result<(), BrowserError> {
    let promise = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    tx.set_oncomplete(None);
    tx.set_onerror(None);
    tx.set_onabort(None);
    outcome.map(drop).map_err(|_| refused(tx.error()))
}

fn refused(error: Option<web_sys::DomException>) -> BrowserError {
    BrowserError::Refused(match error {
        Some(error) => format!("IndexedDB: {}", error.message()),
        None => "IndexedDB refused the request".into(),
    })
}
