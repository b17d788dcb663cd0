//! The Web Locks API (`navigator.locks`), which web-sys only exposes behind an unstable cfg:
//! a private binding here, two safe functions out.
//!
//! - [`hold_for_page_lifetime`]: takes a lock if nobody holds it and keeps it until the page
//!   unloads (a duplicated tab finds its original's lock taken);
//! - [`with_exclusive`]: runs a future while holding a lock, so tabs sharing a session never
//!   refresh one token twice;
//! - [`hold`]: waits for a lock and keeps it until the returned [`HeldLock`] drops (an
//!   election: the holder does the work, the others queue and take over when it goes);
//! - [`try_hold`]: takes a lock only if it is free, and keeps it until the [`HeldLock`] drops
//!   (a numbered seat: the first free `name.1`, `name.2`… tells a tab its place);
//! - [`hold_shared`]: the same in shared mode (many holders; an exclusive request waits
//!   until every one has let go);
//! - [`holders`]: how many pages hold a lock now (`navigator.locks.query()`).
//!
//! Every page of the origin can list lock names, so a name never carries a secret
//! (chorus-core's `shared_names`).

use std::{cell::RefCell, future::Future, rc::Rc};

use futures::channel::oneshot;
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::{prelude::*, JsCast};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use super::browser::{window, BrowserError};

mod raw {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        pub type LockManager;

        #[wasm_bindgen(method, catch)]
        pub fn request(
            this: &LockManager,
            name: &str,
            options: &js_sys::Object,
            callback: &js_sys::Function,
        ) -> Result<js_sys::Promise, JsValue>;

        #[wasm_bindgen(method, catch)]
        pub fn query(this: &LockManager) -> Result<js_sys::Promise, JsValue>;
    }
}

fn lock_manager() -> Result<raw::LockManager, BrowserError> {
    let navigator = window()?.navigator();
    let locks =
        Reflect::get(&navigator, &JsValue::from_str("locks")).map_err(BrowserError::from_js)?;
    if locks.is_undefined() || locks.is_null() {
        return Err(BrowserError::Refused(
            "this browser has no Web Locks".into(),
        ));
    }
    Ok(locks.unchecked_into())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Exclusive,
    Shared,
}

fn options(if_available: bool) -> Result<Object, BrowserError> {
    options_in(Mode::Exclusive, if_available)
}

fn options_in(mode: Mode, if_available: bool) -> Result<Object, BrowserError> {
    let options = Object::new();
    let mode = match mode {
        Mode::Exclusive => "exclusive",
        Mode::Shared => "shared",
    };
    Reflect::set(&options, &"mode".into(), &mode.into()).map_err(BrowserError::from_js)?;
    Reflect::set(&options, &"ifAvailable".into(), &if_available.into())
        .map_err(BrowserError::from_js)?;
    Ok(options)
}

/// Takes `name` if it is free and holds it until the page goes away. Resolves to `true` when
/// taken, `false` when another page already holds it.
pub async fn hold_for_page_lifetime(name: &str) -> Result<bool, BrowserError> {
    let (granted_tx, granted_rx) = oneshot::channel::<bool>();
    // The lock manager calls this exactly once (with the lock, or null when unavailable);
    // `once_into_js` frees the closure after that call.
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let granted = !lock.is_null();
        let _ = granted_tx.send(granted);
        if granted {
            // A promise that never settles keeps the lock for the page's lifetime.
            Promise::new(&mut |_, _| {}).into()
        } else {
            JsValue::UNDEFINED
        }
    });
    let manager = lock_manager()?;
    // This promise settles only when the lock is released, i.e. when the page goes away.
    let _released = manager
        .request(name, &options(true)?, callback.unchecked_ref())
        .map_err(BrowserError::from_js)?;
    granted_rx
        .await
        .map_err(|_| BrowserError::Refused("the lock request was dropped".into()))
}

/// Runs `work` while holding the exclusive lock `name` (waiting for it if another tab holds
/// it), and returns its output.
pub async fn with_exclusive<T, F>(name: &str, work: F) -> Result<T, BrowserError>
where
    T: 'static,
    F: Future<Output = T> + 'static,
{
    let output: Rc<RefCell<Option<T>>> = Rc::new(RefCell::new(None));
    let slot = output.clone();
    let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        // The lock is held until this promise settles, i.e. until `work` is done.
        future_to_promise(async move {
            *slot.borrow_mut() = Some(work.await);
            Ok(JsValue::UNDEFINED)
        })
        .into()
    });
    let manager = lock_manager()?;
    let released = manager
        .request(name, &options(false)?, callback.unchecked_ref())
        .map_err(BrowserError::from_js)?;
    JsFuture::from(released)
        .await
        .map_err(BrowserError::from_js)?;
    let done = output.borrow_mut().take();
    done.ok_or_else(|| BrowserError::Refused("the locked work did not run".into()))
}

/// A lock held until this value drops (or the page goes away).
#[derive(Debug)]
pub struct HeldLock {
    _release: oneshot::Sender<()>,
}

/// Waits until `name` is free, takes it and holds it until the [`HeldLock`] drops. If this
/// future is dropped while still waiting, the lock is let go as soon as it is granted.
pub async fn hold(name: &str) -> Result<HeldLock, BrowserError> {
    hold_in(Mode::Exclusive, name).await
}

/// [`hold`] in shared mode: granted while nobody holds or waits for `name` exclusively.
pub async fn hold_shared(name: &str) -> Result<HeldLock, BrowserError> {
    hold_in(Mode::Shared, name).await
}

async fn hold_in(mode: Mode, name: &str) -> Result<HeldLock, BrowserError> {
    // Without `ifAvailable` the request waits until it is granted: never `None`.
    request_held(mode, name, false)
        .await?
        .ok_or_else(|| BrowserError::Refused("the lock was not granted".into()))
}

/// Takes `name` if it is free now and holds it until the [`HeldLock`] drops; `None` when
/// another page holds it.
pub async fn try_hold(name: &str) -> Result<Option<HeldLock>, BrowserError> {
    request_held(Mode::Exclusive, name, true).await
}

/// One lock request whose grant is held until the returned [`HeldLock`] drops; `None` when
/// `if_available` and the lock is held elsewhere (the callback then gets `null`).
async fn request_held(
    mode: Mode,
    name: &str,
    if_available: bool,
) -> Result<Option<HeldLock>, BrowserError> {
    let (granted_tx, granted_rx) = oneshot::channel::<bool>();
    let (release_tx, release_rx) = oneshot::channel::<()>();
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let granted = !lock.is_null();
        if granted_tx.send(granted).is_err() || !granted {
            return JsValue::UNDEFINED; // not taken, or nobody waits for it any more
        }
        // Settles when the sender in `HeldLock` drops, which releases the lock.
        future_to_promise(async move {
            let _ = release_rx.await;
            Ok(JsValue::UNDEFINED)
        })
        .into()
    });
    let manager = lock_manager()?;
    let _released = manager
        .request(
            name,
            &options_in(mode, if_available)?,
            callback.unchecked_ref(),
        )
        .map_err(BrowserError::from_js)?;
    let granted = granted_rx
        .await
        .map_err(|_| BrowserError::Refused("the lock request was dropped".into()))?;
    Ok(granted.then_some(HeldLock {
        _release: release_tx,
    }))
}

/// How many holders `name` has now (pages or workers; a shared lock may have several).
pub async fn holders(name: &str) -> Result<usize, BrowserError> {
    let snapshot = JsFuture::from(lock_manager()?.query().map_err(BrowserError::from_js)?)
        .await
        .map_err(BrowserError::from_js)?;
    let held = Reflect::get(&snapshot, &"held".into()).map_err(BrowserError::from_js)?;
    let held: js_sys::Array = held.dyn_into().map_err(BrowserError::from_js)?;
    Ok(held
        .iter()
        .filter(|lock| {
            Reflect::get(lock, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .is_some_and(|n| n == name)
        })
        .count())
}
