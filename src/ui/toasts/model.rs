//! The toasts' model: the transient outcomes on screen, at most [`MAX_SHOWN`], one per source
//! (a feature's next outcome replaces its last), each with when it goes. Plain data, tested
//! natively.

use std::rc::Rc;

use yew::Reducible;

use crate::ui::notice::{Notice, Tone};

/// How many toasts show at once; the oldest goes first.
pub const MAX_SHOWN: usize = 3;
/// How long an outcome stays (an error a little longer: it asks the person to do something).
pub const INFO_MS: u64 = 6_000;
pub const ERROR_MS: u64 = 10_000;

/// One toast: what a source said, and when it goes (`None`: while Chorus is still at it).
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub id: u64,
    /// Who said it (`player`, `library`…): a source's next toast replaces its last.
    pub source: &'static str,
    pub notice: Notice,
    pub expires_at_ms: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ToastsModel {
    pub shown: Vec<Toast>,
    next_id: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ToastsAction {
    Show {
        source: &'static str,
        notice: Notice,
        at_ms: u64,
    },
    /// The source's toast goes (its work finished, or the person dismissed it).
    Dismiss { source: &'static str },
    /// Toasts whose time is up at `at_ms` go.
    Expire { at_ms: u64 },
}

impl ToastsModel {
    /// When the next toast goes, if any does.
    pub fn next_expiry_ms(&self) -> Option<u64> {
        self.shown.iter().filter_map(|t| t.expires_at_ms).min()
    }
}

impl Reducible for ToastsModel {
    type Action = ToastsAction;

    fn reduce(self: Rc<Self>, action: ToastsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ToastsAction::Show {
                source,
                notice,
                at_ms,
            } => {
                let expires_at_ms = match notice.tone {
                    Tone::Working => None,
                    Tone::Info => Some(at_ms + INFO_MS),
                    Tone::Error => Some(at_ms + ERROR_MS),
                };
                next.shown.retain(|t| t.source != source);
                next.next_id += 1;
                next.shown.push(Toast {
                    id: next.next_id,
                    source,
                    notice,
                    expires_at_ms,
                });
                let extra = next.shown.len().saturating_sub(MAX_SHOWN);
                next.shown.drain(..extra);
            }
            ToastsAction::Dismiss { source } => {
                if !self.shown.iter().any(|t| t.source == source) {
                    return self;
                }
                next.shown.retain(|t| t.source != source);
            }
            ToastsAction::Expire { at_ms } => {
                let before = next.shown.len();
                next.shown
                    .retain(|t| t.expires_at_ms.is_none_or(|end| end > at_ms));
                if next.shown.len() == before {
                    return self;
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(model: ToastsModel, actions: Vec<ToastsAction>) -> ToastsModel {
        let mut model = Rc::new(model);
        for action in actions {
            model = model.reduce(action);
        }
        (*model).clone()
    }

    fn show(source: &'static str, notice: Notice, at_ms: u64) -> ToastsAction {
        ToastsAction::Show {
            source,
            notice,
            at_ms,
        }
    }

    fn texts(model: &ToastsModel) -> Vec<&str> {
        model.shown.iter().map(|t| t.notice.text.as_str()).collect()
    }

    #[test]
    fn a_sources_next_outcome_replaces_its_last_and_the_oldest_goes_beyond_three() {
        let model = reduce(
            ToastsModel::default(),
            vec![
                show("library", Notice::working("Waiting…"), 0),
                show("player", Notice::info("Paused."), 1),
                show("library", Notice::info("Queued “A”."), 2),
                show("likes", Notice::info("Liked."), 3),
                show("insights", Notice::error("Could not play."), 4),
            ],
        );
        assert_eq!(texts(&model), ["Queued “A”.", "Liked.", "Could not play."]);
    }

    #[test]
    fn outcomes_go_by_themselves_but_work_in_progress_stays_until_dismissed() {
        let model = reduce(
            ToastsModel::default(),
            vec![
                show("player", Notice::working("Starting your music here…"), 0),
                show("library", Notice::info("Queued."), 0),
                show("likes", Notice::error("Could not like."), 0),
            ],
        );
        assert_eq!(model.next_expiry_ms(), Some(INFO_MS));
        let later = reduce(model, vec![ToastsAction::Expire { at_ms: INFO_MS + 1 }]);
        assert_eq!(
            texts(&later),
            ["Starting your music here…", "Could not like."]
        );
        let done = reduce(
            later,
            vec![
                ToastsAction::Expire { at_ms: ERROR_MS },
                ToastsAction::Dismiss { source: "player" },
            ],
        );
        assert!(done.shown.is_empty());
        assert_eq!(done.next_expiry_ms(), None);
    }
}
