//! What this listener liked, as far as the tab knows: each track URI's ♥ (from
//! `GET /me/library/contains`, or set by a ♥ click before Spotify confirms it), and which URIs
//! are being asked about. Plain data, tested natively.

use std::{
    collections::{HashMap, HashSet},
    rc::Rc,
};

use yew::Reducible;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LikesModel {
    known: HashMap<String, bool>,
    asking: HashSet<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LikesAction {
    /// Another listener: nothing known of theirs.
    Reset,
    /// A `contains` call for these URIs is on its way.
    Asking(Vec<String>),
    /// Spotify's answer, in the order asked.
    Answered(Vec<(String, bool)>),
    /// The call failed: ask again next time they show.
    AskFailed(Vec<String>),
    /// ♥ set (or unset) at once, before Spotify confirms; a failure sets it back.
    Set { uri: String, liked: bool },
}

impl LikesModel {
    /// Whether `uri` is liked, once known.
    pub fn liked(&self, uri: &str) -> Option<bool> {
        self.known.get(uri).copied()
    }

    /// The URIs of `shown` that are neither known nor being asked about (what to ask).
    pub fn to_ask(&self, shown: &[String]) -> Vec<String> {
        let mut seen = HashSet::new();
        shown
            .iter()
            .filter(|uri| uri.starts_with("spotify:track:"))
            .filter(|uri| !self.known.contains_key(*uri) && !self.asking.contains(*uri))
            .filter(|uri| seen.insert(uri.as_str()))
            .cloned()
            .collect()
    }
}

impl Reducible for LikesModel {
    type Action = LikesAction;

    fn reduce(self: Rc<Self>, action: LikesAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            LikesAction::Reset => return Rc::new(Self::default()),
            LikesAction::Asking(uris) => next.asking.extend(uris),
            LikesAction::Answered(answers) => {
                for (uri, liked) in answers {
                    next.asking.remove(&uri);
                    // A ♥ clicked while the answer travelled is newer than the answer.
                    next.known.entry(uri).or_insert(liked);
                }
            }
            LikesAction::AskFailed(uris) => {
                for uri in uris {
                    next.asking.remove(&uri);
                }
            }
            LikesAction::Set { uri, liked } => {
                next.known.insert(uri, liked);
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(actions: Vec<LikesAction>) -> LikesModel {
        let mut model = Rc::new(LikesModel::default());
        for action in actions {
            model = model.reduce(action);
        }
        (*model).clone()
    }

    fn uris(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| format!("spotify:track:{n}")).collect()
    }

    #[test]
    fn only_unknown_tracks_not_yet_asked_about_are_asked_once() {
        let model = reduce(vec![
            LikesAction::Asking(uris(&["a"])),
            LikesAction::Answered(vec![(uris(&["b"])[0].clone(), true)]),
        ]);
        let mut shown = uris(&["a", "b", "c", "c"]);
        shown.push("spotify:album:x".into());
        assert_eq!(model.to_ask(&shown), uris(&["c"]));
        assert_eq!(model.liked("spotify:track:b"), Some(true));
        assert_eq!(model.liked("spotify:track:c"), None);
    }

    #[test]
    fn a_click_wins_over_an_answer_that_was_already_travelling() {
        let a = uris(&["a"])[0].clone();
        let model = reduce(vec![
            LikesAction::Asking(vec![a.clone()]),
            LikesAction::Set {
                uri: a.clone(),
                liked: true,
            },
            LikesAction::Answered(vec![(a.clone(), false)]),
        ]);
        assert_eq!(model.liked(&a), Some(true));
        assert!(model.to_ask(&[a]).is_empty());
    }

    #[test]
    fn a_failed_question_is_asked_again() {
        let a = uris(&["a"]);
        let model = reduce(vec![
            LikesAction::Asking(a.clone()),
            LikesAction::AskFailed(a.clone()),
        ]);
        assert_eq!(model.to_ask(&a), a);
    }
}
