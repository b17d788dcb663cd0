//! The favorites of this tab's listener, as a reducer: the tracker as last read from (or
//! written to) IndexedDB, where loading stands, the table's sort and a notice for what went
//! wrong. The counting itself is chorus-core's; this is what the screens show.

use std::rc::Rc;

use chorus_core::favorites::{FavoritesTracker, SortBy};
use yew::Reducible;

use crate::ui::notice::Notice;

/// Where reading the stored favorites stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum FavoritesPhase {
    #[default]
    Loading,
    Ready,
    /// The stored favorites could not be read (what happened, in words).
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum FavoritesAction {
    /// A new listener (their storage key, or none): start over.
    Reset(Option<String>),
    /// The tracker of account `key` as stored now, and its favorites playlist's id if any.
    /// Ignored unless `key` is this tab's listener (an answer for the one before arriving
    /// after a sign-out).
    Stored {
        key: String,
        tracker: Box<FavoritesTracker>,
        playlist_id: Option<String>,
    },
    Failed(String),
    /// A message under the favorites (a failed add that will be retried, an import refused…).
    Notice(Option<Notice>),
    Sort(SortBy),
    /// This tab became (or stopped being) the account's keeper: it counts other devices' plays
    /// and reads the listening history.
    Keeper(bool),
}

#[derive(Debug, Clone, Default)]
pub struct FavoritesModel {
    /// Whose favorites these are (the account's storage key).
    pub account: Option<String>,
    pub phase: FavoritesPhase,
    pub tracker: Rc<FavoritesTracker>,
    pub playlist_id: Option<String>,
    pub notice: Option<Notice>,
    pub sort: SortBy,
    /// This tab is the account's keeper (a held Web Lock).
    pub keeper: bool,
    /// Bumped on every stored tracker: the tracker itself has no equality.
    revision: u64,
}

impl PartialEq for FavoritesModel {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
            && self.account == other.account
            && self.phase == other.phase
            && self.playlist_id == other.playlist_id
            && self.notice == other.notice
            && self.sort == other.sort
            && self.keeper == other.keeper
    }
}

impl Reducible for FavoritesModel {
    type Action = FavoritesAction;

    fn reduce(self: Rc<Self>, action: FavoritesAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FavoritesAction::Reset(account) => {
                return Rc::new(FavoritesModel {
                    account,
                    ..FavoritesModel::default()
                })
            }
            FavoritesAction::Stored { key, .. } if next.account.as_deref() != Some(&key) => {
                return self;
            }
            FavoritesAction::Stored {
                tracker,
                playlist_id,
                ..
            } => {
                next.tracker = Rc::new(*tracker);
                next.playlist_id = playlist_id;
                next.phase = FavoritesPhase::Ready;
                next.revision = next.revision.wrapping_add(1);
            }
            FavoritesAction::Failed(message) => {
                if next.phase != FavoritesPhase::Ready {
                    next.phase = FavoritesPhase::Failed(message);
                } else {
                    next.notice = Some(Notice::error(message));
                }
            }
            FavoritesAction::Notice(notice) => next.notice = notice,
            FavoritesAction::Sort(sort) => next.sort = sort,
            FavoritesAction::Keeper(keeper) => next.keeper = keeper,
        }
        Rc::new(next)
    }
}
