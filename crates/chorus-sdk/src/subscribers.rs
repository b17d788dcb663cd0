//! Fan-out of player events to the app: callbacks held by [`Subscription`] guards, and a
//! [`PlayerEvents`] stream built on the same mechanism.
//!
//! The registry is shared by the player's listener closures; guards hold it weakly, so a guard
//! that outlives its player is harmless, and once the player is gone every [`PlayerEvents`]
//! stream ends.

use std::cell::RefCell;
use std::fmt;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll};

use futures::channel::mpsc;
use futures::Stream;

use crate::event::PlayerEvent;

type Handler = Rc<dyn Fn(&PlayerEvent)>;

#[derive(Default)]
struct Registry {
    next_id: u64,
    handlers: Vec<(u64, Handler)>,
}

/// The subscribers of one player.
#[derive(Clone, Default)]
pub(crate) struct Subscribers(Rc<RefCell<Registry>>);

impl Subscribers {
    pub(crate) fn subscribe(&self, handler: Handler) -> Subscription {
        let mut registry = self.0.borrow_mut();
        let id = registry.next_id;
        registry.next_id += 1;
        registry.handlers.push((id, handler));
        Subscription {
            registry: Rc::downgrade(&self.0),
            id,
        }
    }

    /// Calls every handler. No borrow is held while a handler runs, so a handler may subscribe
    /// or drop a subscription (a Yew re-render can do both); one dropped during this dispatch
    /// is not called afterwards.
    pub(crate) fn dispatch(&self, event: &PlayerEvent) {
        let snapshot: Vec<(u64, Handler)> = self.0.borrow().handlers.clone();
        for (id, handler) in snapshot {
            let still_subscribed = self.0.borrow().handlers.iter().any(|(i, _)| *i == id);
            if still_subscribed {
                handler(event);
            }
        }
    }

    pub(crate) fn downgrade(&self) -> WeakSubscribers {
        WeakSubscribers(Rc::downgrade(&self.0))
    }
}

/// For callbacks that must not keep the player's subscribers alive (the token callback's
/// in-flight futures).
#[derive(Clone)]
pub(crate) struct WeakSubscribers(Weak<RefCell<Registry>>);

impl WeakSubscribers {
    pub(crate) fn dispatch(&self, event: &PlayerEvent) {
        if let Some(registry) = self.0.upgrade() {
            Subscribers(registry).dispatch(event);
        }
    }
}

/// Keeps an event callback subscribed; dropping it unsubscribes.
#[must_use = "dropping the subscription unsubscribes at once"]
pub struct Subscription {
    registry: Weak<RefCell<Registry>>,
    id: u64,
}

impl fmt::Debug for Subscription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Subscription")
            .field("id", &self.id)
            .finish()
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(registry) = self.registry.upgrade() {
            registry
                .borrow_mut()
                .handlers
                .retain(|(id, _)| *id != self.id);
        }
    }
}

/// The player's events as a `Stream`, from the moment it was created; it ends when the player
/// is dropped. Unbounded: events are few, and a slow reader must not lose a `Ready`.
#[must_use = "a stream does nothing unless polled"]
pub struct PlayerEvents {
    receiver: mpsc::UnboundedReceiver<PlayerEvent>,
    _subscription: Subscription,
}

impl PlayerEvents {
    pub(crate) fn new(subscribers: &Subscribers) -> Self {
        let (sender, receiver) = mpsc::unbounded();
        let subscription = subscribers.subscribe(Rc::new(move |event: &PlayerEvent| {
            // Fails only when the receiver is gone, and then its subscription is too.
            let _ = sender.unbounded_send(event.clone());
        }));
        Self {
            receiver,
            _subscription: subscription,
        }
    }
}

impl fmt::Debug for PlayerEvents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlayerEvents").finish_non_exhaustive()
    }
}

impl Stream for PlayerEvents {
    type Item = PlayerEvent;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<PlayerEvent>> {
        Pin::new(&mut self.receiver).poll_next(cx)
    }
}

// Native only: `block_on` parks the thread, which a browser cannot.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::cell::Cell;

    use futures::StreamExt;

    use super::*;

    fn counter(subscribers: &Subscribers) -> (Rc<Cell<u32>>, Subscription) {
        let count = Rc::new(Cell::new(0));
        let seen = Rc::clone(&count);
        let subscription = subscribers.subscribe(Rc::new(move |_: &PlayerEvent| {
            seen.set(seen.get() + 1);
        }));
        (count, subscription)
    }

    #[test]
    fn every_subscriber_gets_each_event_until_it_unsubscribes() {
        let subscribers = Subscribers::default();
        let (first, first_guard) = counter(&subscribers);
        let (second, _second_guard) = counter(&subscribers);
        subscribers.dispatch(&PlayerEvent::AutoplayFailed);
        drop(first_guard);
        subscribers.dispatch(&PlayerEvent::AutoplayFailed);
        assert_eq!((first.get(), second.get()), (1, 2));
    }

    #[test]
    fn a_handler_may_drop_another_subscription_during_dispatch() {
        let subscribers = Subscribers::default();
        let victim: Rc<RefCell<Option<Subscription>>> = Rc::default();
        let killer_victim = Rc::clone(&victim);
        let _killer = subscribers.subscribe(Rc::new(move |_: &PlayerEvent| {
            killer_victim.borrow_mut().take();
        }));
        let (victim_count, victim_guard) = counter(&subscribers);
        *victim.borrow_mut() = Some(victim_guard);
        subscribers.dispatch(&PlayerEvent::AutoplayFailed);
        assert_eq!(victim_count.get(), 0, "dropped before its turn: not called");
    }

    #[test]
    fn the_stream_yields_events_in_order_and_ends_with_the_subscribers() {
        let subscribers = Subscribers::default();
        let events = PlayerEvents::new(&subscribers);
        subscribers.dispatch(&PlayerEvent::Ready {
            device_id: "d".into(),
        });
        subscribers.dispatch(&PlayerEvent::AutoplayFailed);
        drop(subscribers);
        let collected: Vec<PlayerEvent> = futures::executor::block_on(events.collect());
        assert_eq!(
            collected,
            vec![
                PlayerEvent::Ready {
                    device_id: "d".into()
                },
                PlayerEvent::AutoplayFailed
            ]
        );
    }
}
