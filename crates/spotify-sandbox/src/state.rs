//! The whole mutable world of one sandbox behind a cheap, cloneable [`Sandbox`] handle, plus a
//! broadcast channel that tells SDK connections when something changed.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use tokio::sync::broadcast;

use crate::accounts::session::Logins;
use crate::accounts::store::TokenStore;
use crate::call_log::CallLog;
use crate::catalogue::library::{Library, Product};
use crate::catalogue::Catalogue;
use crate::clock::Clock;
use crate::config::SandboxConfig;
use crate::connect::{Connect, Played};
use crate::faults::Faults;
use crate::images::ImageOrigins;

/// Everything the sandbox knows. Lock it through [`Sandbox::read`] / [`Sandbox::update`].
#[derive(Debug)]
pub struct World {
    pub config: SandboxConfig,
    pub clock: Clock,
    pub catalogue: Arc<Catalogue>,
    pub library: Library,
    /// Users registered in the development-mode allowlist of the app.
    pub allowlist: HashSet<String>,
    pub tokens: TokenStore,
    /// Browsers logged in to the accounts service, and what each account granted.
    pub logins: Logins,
    pub connect: Connect,
    pub faults: Faults,
    /// Every Web API call answered (for counting a client's calls).
    pub calls: CallLog,
    /// When set, SDK players fail with `initialization_error` (no EME / Widevine).
    pub simulate_no_eme: bool,
    next_device: u64,
}

impl World {
    pub fn new(config: SandboxConfig) -> Self {
        let clock = Clock::new(config.clock);
        let now = clock.now_ms();
        let catalogue = Arc::new(Catalogue::generate(config.seed));
        let library = Library::generate(config.seed, &catalogue, now);
        // The first `allowlist_size` seeded users, Premium ones first, are registered.
        let mut ordered: Vec<&crate::catalogue::library::User> = library
            .users
            .iter()
            .filter(|u| u.product == Product::Premium)
            .collect();
        ordered.extend(library.users.iter().filter(|u| u.product == Product::Free));
        let allowlist = ordered
            .iter()
            .take(config.allowlist_size)
            .map(|u| u.id.clone())
            .collect();
        let mut connect = Connect::default();
        for user_id in library.seeded_history.keys() {
            let plays = seeded_plays(&library, &catalogue, user_id);
            connect.account(user_id, now).seed_history(plays);
        }
        // Token values must differ between runs even with the same seed.
        let entropy = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or_default();
        Self {
            tokens: TokenStore::new(config.seed ^ entropy),
            logins: Logins::new(entropy.rotate_left(29) ^ config.seed),
            faults: Faults::new(config.rate_limit),
            calls: CallLog::default(),
            config,
            clock,
            catalogue,
            library,
            allowlist,
            connect,
            simulate_no_eme: false,
            next_device: 1,
        }
    }

    pub fn now_ms(&self) -> u64 {
        self.clock.now_ms()
    }

    /// Creates a Premium user (signed up on the accounts service) with seeded history; returns
    /// the id.
    pub fn create_user(&mut self, display_name: &str, password: &str) -> String {
        let now = self.now_ms();
        let user = self
            .library
            .create_user(display_name, password, &self.catalogue, now);
        let plays = seeded_plays(&self.library, &self.catalogue, &user.id);
        self.connect.account(&user.id, now).seed_history(plays);
        user.id
    }

    /// A fresh device id, 40 hex characters like Spotify's.
    pub fn new_device_id(&mut self) -> String {
        self.next_device += 1;
        let mut rng =
            crate::rng::SplitMix64::new(self.next_device ^ self.config.seed.rotate_left(17));
        format!(
            "{:016x}{:016x}{:08x}",
            rng.next_u64(),
            rng.next_u64(),
            rng.next_u64() as u32
        )
    }
}

/// A user's seeded listening history as Connect plays, each heard from its album.
fn seeded_plays(library: &Library, catalogue: &Catalogue, user_id: &str) -> Vec<Played> {
    let seeded = library
        .seeded_history
        .get(user_id)
        .map(Vec::as_slice)
        .unwrap_or_default();
    seeded
        .iter()
        .map(|p| Played {
            track_id: p.track_id.clone(),
            played_at_ms: p.played_at_ms,
            context_uri: catalogue
                .track(&p.track_id)
                .map(|t| format!("spotify:album:{}", t.album_id)),
        })
        .collect()
}

/// Something SDK connections must react to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SandboxEvent {
    /// Some state changed: recompute and push.
    Changed,
    /// Close SDK connections (of one user, or all when `None`) as a network cut would.
    CutConnections { user_id: Option<String> },
    /// SDK players (of one user, or all) emit the error event `kind` (`playback_error`,
    /// `authentication_error`) with this message.
    SdkError {
        user_id: Option<String>,
        kind: &'static str,
        message: String,
    },
}

/// A cheap handle on one sandbox instance; clone it freely.
#[derive(Debug, Clone)]
pub struct Sandbox {
    world: Arc<Mutex<World>>,
    events: broadcast::Sender<SandboxEvent>,
    initial: Arc<SandboxConfig>,
    /// Where images are served, once [`crate::spawn`] bound the image listeners (kept by `reset`).
    image_origins: Arc<OnceLock<ImageOrigins>>,
}

impl Sandbox {
    pub fn new(config: SandboxConfig) -> Self {
        let (events, _) = broadcast::channel(256);
        Self {
            initial: Arc::new(config.clone()),
            world: Arc::new(Mutex::new(World::new(config))),
            events,
            image_origins: Arc::new(OnceLock::new()),
        }
    }

    /// Records where the image listeners serve (once; later calls change nothing).
    pub fn set_image_origins(&self, origins: ImageOrigins) {
        let _ = self.image_origins.set(origins);
    }

    /// Where images are served; `request_origin` (the origin a request came to) when no image
    /// listener runs (the router driven in process).
    pub fn image_origins(&self, request_origin: &str) -> ImageOrigins {
        self.image_origins
            .get()
            .cloned()
            .unwrap_or_else(|| ImageOrigins::all_on(request_origin))
    }

    fn lock(&self) -> MutexGuard<'_, World> {
        // A panic while holding the lock leaves plain data behind; keep serving it.
        self.world
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Reads the world without announcing a change.
    pub fn read<R>(&self, f: impl FnOnce(&mut World) -> R) -> R {
        f(&mut self.lock())
    }

    /// Changes the world and tells SDK connections to push fresh state.
    pub fn update<R>(&self, f: impl FnOnce(&mut World) -> R) -> R {
        let result = f(&mut self.lock());
        self.notify(SandboxEvent::Changed);
        result
    }

    pub fn notify(&self, event: SandboxEvent) {
        // No subscriber is fine: nobody is connected.
        let _ = self.events.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<SandboxEvent> {
        self.events.subscribe()
    }

    pub fn config(&self) -> SandboxConfig {
        self.lock().config.clone()
    }

    /// Moves a manual clock; returns false for a real clock.
    pub fn advance_clock(&self, by: Duration) -> bool {
        self.update(|world| {
            let moved = world.clock.advance(by);
            let now = world.clock.now_ms();
            world.connect.settle_all(now);
            moved
        })
    }

    pub fn now_ms(&self) -> u64 {
        self.lock().now_ms()
    }

    /// Back to the freshly seeded world of the initial configuration.
    pub fn reset(&self) {
        let fresh = World::new((*self.initial).clone());
        *self.lock() = fresh;
        self.notify(SandboxEvent::CutConnections { user_id: None });
        self.notify(SandboxEvent::Changed);
    }
}
