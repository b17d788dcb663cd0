//! A list of callbacks that something tells about an event, each kept until its [`Watch`]
//! drops (RAII: a component's effect holds the watch and lets go when it unmounts).

use std::{
    cell::{Cell, RefCell},
    rc::{Rc, Weak},
};

type Callback<T> = Rc<dyn Fn(T)>;

/// The callbacks; shared behind an `Rc` by whoever tells them.
pub struct Watchers<T> {
    list: RefCell<Vec<(u64, Callback<T>)>>,
    next: Cell<u64>,
}

impl<T> Default for Watchers<T> {
    fn default() -> Self {
        Self {
            list: RefCell::new(Vec::new()),
            next: Cell::new(0),
        }
    }
}

impl<T: Clone + 'static> Watchers<T> {
    /// Adds `callback` until the returned watch drops.
    pub fn watch(self: &Rc<Self>, callback: impl Fn(T) + 'static) -> Watch {
        let id = self.next.get() + 1;
        self.next.set(id);
        self.list.borrow_mut().push((id, Rc::new(callback)));
        let list: Weak<dyn Forget> = Rc::downgrade(self) as Weak<dyn Forget>;
        Watch { list, id }
    }

    /// Tells every callback `value`, after the caller returns (a callback may then use what
    /// told it again without a borrow still held).
    pub fn tell(&self, value: T) {
        let callbacks: Vec<Callback<T>> =
            self.list.borrow().iter().map(|(_, c)| c.clone()).collect();
        wasm_bindgen_futures::spawn_local(async move {
            for callback in callbacks {
                callback(value.clone());
            }
        });
    }
}

trait Forget {
    fn forget(&self, id: u64);
}

impl<T> Forget for Watchers<T> {
    fn forget(&self, id: u64) {
        self.list.borrow_mut().retain(|(each, _)| *each != id);
    }
}

/// Keeps one callback of a [`Watchers`] until dropped.
pub struct Watch {
    list: Weak<dyn Forget>,
    id: u64,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch").field("id", &self.id).finish()
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Some(list) = self.list.upgrade() {
            list.forget(self.id);
        }
    }
}
