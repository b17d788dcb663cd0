//! The Insights page's model (docs/ux.md "Insights: top tracks and artists by period, recently
//! played; export"): the chosen period, each period's top tracks and artists, the recent
//! plays, each loading, loaded or failed on its own. Plain data; the effects live in
//! `use_insights`.

use std::rc::Rc;

use chorus_core::spotify::{requests::TimeRange, Artist, PlayHistory, Track};
use yew::Reducible;

use crate::{services::web_api::Remote, ui::notice::Notice};

/// The periods in the order the switcher shows them.
pub const RANGES: [TimeRange; 3] = [
    TimeRange::ShortTerm,
    TimeRange::MediumTerm,
    TimeRange::LongTerm,
];

/// A short slug for ids and file names (`4-weeks`, `6-months`, `year`).
pub fn range_slug(range: TimeRange) -> &'static str {
    match range {
        TimeRange::ShortTerm => "4-weeks",
        TimeRange::MediumTerm => "6-months",
        TimeRange::LongTerm => "year",
    }
}

/// One value per period.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ByRange<T> {
    pub short: T,
    pub medium: T,
    pub long: T,
}

impl<T> ByRange<T> {
    pub fn get(&self, range: TimeRange) -> &T {
        match range {
            TimeRange::ShortTerm => &self.short,
            TimeRange::MediumTerm => &self.medium,
            TimeRange::LongTerm => &self.long,
        }
    }

    fn get_mut(&mut self, range: TimeRange) -> &mut T {
        match range {
            TimeRange::ShortTerm => &mut self.short,
            TimeRange::MediumTerm => &mut self.medium,
            TimeRange::LongTerm => &mut self.long,
        }
    }
}

/// The lists the page shows, each exportable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InsightsList {
    TopTracks,
    TopArtists,
    Recent,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InsightsModel {
    /// The period the top lists show; "4 weeks" first, as the freshest picture.
    pub range: TimeRange,
    pub top_tracks: ByRange<Remote<Vec<Track>>>,
    pub top_artists: ByRange<Remote<Vec<Artist>>>,
    /// Newest first, as Spotify lists them.
    pub recent: Remote<Vec<PlayHistory>>,
    /// The last action's outcome (a play that failed, an export that could not be saved).
    pub notice: Option<Notice>,
}

impl Default for InsightsModel {
    fn default() -> Self {
        Self {
            range: TimeRange::ShortTerm,
            top_tracks: ByRange::default(),
            top_artists: ByRange::default(),
            recent: Remote::Idle,
            notice: None,
        }
    }
}

impl InsightsModel {
    /// The lists of the current period (and the recent plays) not asked for yet: what the
    /// page fetches when it is shown or the period changes. Failed lists wait for "Try again".
    pub fn to_fetch(&self) -> Vec<InsightsList> {
        let mut lists = Vec::new();
        if *self.top_tracks.get(self.range) == Remote::Idle {
            lists.push(InsightsList::TopTracks);
        }
        if *self.top_artists.get(self.range) == Remote::Idle {
            lists.push(InsightsList::TopArtists);
        }
        if self.recent == Remote::Idle {
            lists.push(InsightsList::Recent);
        }
        lists
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum InsightsAction {
    /// Another listener (or none): forget everything.
    Reset,
    Range(TimeRange),
    /// Top tracks of `range`; an answer lands in its own period whatever is shown now.
    TopTracks {
        range: TimeRange,
        tracks: Remote<Vec<Track>>,
    },
    TopArtists {
        range: TimeRange,
        artists: Remote<Vec<Artist>>,
    },
    Recent(Remote<Vec<PlayHistory>>),
    Notice(Option<Notice>),
}

impl Reducible for InsightsModel {
    type Action = InsightsAction;

    fn reduce(self: Rc<Self>, action: InsightsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            InsightsAction::Reset => return Rc::new(InsightsModel::default()),
            InsightsAction::Range(range) if range == next.range => return self,
            InsightsAction::Range(range) => next.range = range,
            InsightsAction::TopTracks { range, tracks } => *next.top_tracks.get_mut(range) = tracks,
            InsightsAction::TopArtists { range, artists } => {
                *next.top_artists.get_mut(range) = artists
            }
            InsightsAction::Recent(recent) => {
                // A refresh keeps showing the old plays instead of a skeleton.
                if !(recent == Remote::Loading && matches!(next.recent, Remote::Loaded(_))) {
                    next.recent = recent;
                }
            }
            InsightsAction::Notice(notice) => next.notice = notice,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::text::range_label;

    fn track(name: &str) -> Track {
        serde_json::from_value(serde_json::json!({
            "name": name, "uri": format!("spotify:track:{name}"), "duration_ms": 1000
        }))
        .expect("track")
    }

    fn reduce(model: InsightsModel, action: InsightsAction) -> InsightsModel {
        (*Rc::new(model).reduce(action)).clone()
    }

    #[test]
    fn a_fresh_page_asks_for_the_first_period_and_the_recent_plays() {
        let model = InsightsModel::default();
        assert_eq!(model.range, TimeRange::ShortTerm);
        assert_eq!(
            model.to_fetch(),
            vec![
                InsightsList::TopTracks,
                InsightsList::TopArtists,
                InsightsList::Recent
            ]
        );
    }

    #[test]
    fn switching_period_asks_only_for_that_periods_lists_and_keeps_the_others() {
        let mut model = InsightsModel::default();
        for action in [
            InsightsAction::TopTracks {
                range: TimeRange::ShortTerm,
                tracks: Remote::Loaded(vec![track("a")]),
            },
            InsightsAction::TopArtists {
                range: TimeRange::ShortTerm,
                artists: Remote::Loaded(Vec::new()),
            },
            InsightsAction::Recent(Remote::Loaded(Vec::new())),
        ] {
            model = reduce(model, action);
        }
        assert!(model.to_fetch().is_empty());
        model = reduce(model, InsightsAction::Range(TimeRange::LongTerm));
        assert_eq!(
            model.to_fetch(),
            vec![InsightsList::TopTracks, InsightsList::TopArtists]
        );
        model = reduce(model, InsightsAction::Range(TimeRange::ShortTerm));
        assert!(model.to_fetch().is_empty(), "4 weeks is still loaded");
        assert_eq!(
            model.top_tracks.get(TimeRange::ShortTerm),
            &Remote::Loaded(vec![track("a")])
        );
    }

    #[test]
    fn a_late_answer_lands_in_its_own_period() {
        let mut model = reduce(
            InsightsModel::default(),
            InsightsAction::Range(TimeRange::MediumTerm),
        );
        model = reduce(
            model,
            InsightsAction::TopTracks {
                range: TimeRange::ShortTerm,
                tracks: Remote::Loaded(vec![track("old")]),
            },
        );
        assert_eq!(model.top_tracks.get(TimeRange::MediumTerm), &Remote::Idle);
        assert_eq!(
            model.top_tracks.get(TimeRange::ShortTerm),
            &Remote::Loaded(vec![track("old")])
        );
    }

    #[test]
    fn a_failed_list_waits_for_try_again_instead_of_refetching() {
        let model = reduce(
            InsightsModel::default(),
            InsightsAction::TopArtists {
                range: TimeRange::ShortTerm,
                artists: Remote::Failed("Spotify could not be reached.".into()),
            },
        );
        assert!(!model.to_fetch().contains(&InsightsList::TopArtists));
    }

    #[test]
    fn refreshing_recent_plays_keeps_the_shown_list_until_the_answer() {
        let mut model = reduce(
            InsightsModel::default(),
            InsightsAction::Recent(Remote::Loaded(Vec::new())),
        );
        model = reduce(model, InsightsAction::Recent(Remote::Loading));
        assert_eq!(model.recent, Remote::Loaded(Vec::new()));
    }

    #[test]
    fn another_listener_starts_over() {
        let model = reduce(
            reduce(
                InsightsModel::default(),
                InsightsAction::Range(TimeRange::LongTerm),
            ),
            InsightsAction::Reset,
        );
        assert_eq!(model, InsightsModel::default());
    }

    #[test]
    fn periods_have_labels_and_slugs_in_switcher_order() {
        let labels: Vec<&str> = RANGES.iter().map(|r| range_label(*r)).collect();
        assert_eq!(labels, ["4 weeks", "6 months", "Year"]);
        assert_eq!(range_slug(TimeRange::MediumTerm), "6-months");
    }
}
