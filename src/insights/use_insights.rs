//! The Insights page's state and effects: top tracks and top artists of the chosen period
//! (`GET me/top/{tracks,artists}?time_range`), the recent plays
//! (`GET me/player/recently-played`), playing a top track on this tab's device and exporting a
//! list as CSV or JSON. [`InsightsProvider`] keeps the lists above the pages; nothing is
//! fetched before the page is first shown, each list once per listener and period, and again
//! on "Try again". [`use_insights`] reads it.

use chorus_core::{
    insights,
    spotify::{
        requests::{self, ApiCall, PlayBody, PlayOffset, TimeRange, MAX_PAGE_LIMIT},
        Artist, CursorPaging, Paging, PlayHistory, Track,
    },
};
use serde::de::DeserializeOwned;
use yew::prelude::*;

use super::{
    model::{range_slug, InsightsAction, InsightsList, InsightsModel},
    text,
};
use crate::{
    player::{use_player, UsePlayerHandle},
    routes::{use_route, Route},
    services::{
        files,
        web_api::{Remote, WebApi},
    },
    session::{use_auth, use_listener},
    ui::{notice::Notice, toasts::use_toast_outbox},
};

/// How many items each list shows: one page, Spotify's largest.
const LIST_LIMIT: u8 = MAX_PAGE_LIMIT;

#[derive(Clone, PartialEq)]
pub struct UseInsightsHandle {
    model: UseReducerHandle<InsightsModel>,
    api: WebApi,
    /// Plays go to this tab's device.
    player: UsePlayerHandle,
}

impl std::fmt::Debug for UseInsightsHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UseInsightsHandle")
            .field("model", &*self.model)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct InsightsProviderProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn InsightsProvider(props: &InsightsProviderProps) -> Html {
    let (listener, player, route) = (use_listener(), use_player(), use_route());
    let insights = UseInsightsHandle {
        model: use_reducer(InsightsModel::default),
        api: WebApi::new(use_auth()),
        player,
    };
    let account = listener.account_key().to_owned();
    {
        // An export that could not be saved shows as a toast.
        let model = insights.model.clone();
        let clear = Callback::from(move |()| model.dispatch(InsightsAction::Notice(None)));
        use_toast_outbox("insights", insights.model.notice.clone(), clear);
    }
    {
        let model = insights.model.clone();
        use_effect_with(account.clone(), move |_| {
            model.dispatch(InsightsAction::Reset)
        });
    }
    {
        // `to_fetch` changes when the period changes or a Reset empties the lists.
        let model = &insights.model;
        let wanted = if route.current() == Route::Insights {
            model.to_fetch()
        } else {
            Vec::new()
        };
        let insights = insights.clone();
        use_effect_with((account, model.range, wanted), move |(_, _, wanted)| {
            for list in wanted {
                insights.reload(*list);
            }
        });
    }
    html! {
        <ContextProvider<UseInsightsHandle> context={insights}>
            { props.children.clone() }
        </ContextProvider<UseInsightsHandle>>
    }
}

/// The Insights lists (inside [`InsightsProvider`]).
#[hook]
pub fn use_insights() -> UseInsightsHandle {
    use_context::<UseInsightsHandle>().expect("use_insights is called inside InsightsProvider")
}

impl UseInsightsHandle {
    pub fn model(&self) -> &InsightsModel {
        &self.model
    }

    /// What plays now, wherever it plays (its row is marked).
    pub fn playing_uri(&self) -> Option<AttrValue> {
        let now = self.player.model().core.now_playing.as_ref()?;
        Some(AttrValue::from(now.uri.clone()))
    }

    /// Whether a click plays: this tab's device is ready (or the tab is a remote) and the
    /// account may play.
    pub fn can_play(&self) -> bool {
        self.player.can_play()
    }

    /// This account cannot play in a browser (a free account): the lists are read-only.
    pub fn premium_required(&self) -> bool {
        self.player.premium_required()
    }

    pub fn set_range(&self, range: TimeRange) {
        self.model.dispatch(InsightsAction::Range(range));
    }

    /// Asks for `list` of the period shown (first show, "Try again", "Refresh").
    pub fn reload(&self, list: InsightsList) {
        let range = self.model.range;
        match list {
            InsightsList::TopTracks => self.load(
                requests::top_tracks(range, LIST_LIMIT, 0),
                |page: Paging<Track>| page.items,
                move |tracks| InsightsAction::TopTracks { range, tracks },
            ),
            InsightsList::TopArtists => self.load(
                requests::top_artists(range, LIST_LIMIT, 0),
                |page: Paging<Artist>| page.items,
                move |artists| InsightsAction::TopArtists { range, artists },
            ),
            InsightsList::Recent => self.load(
                requests::recently_played(LIST_LIMIT, None),
                |page: CursorPaging<PlayHistory>| page.items,
                InsightsAction::Recent,
            ),
        }
    }

    /// One list: `Loading`, then what came (the `items` of the page) or why nothing came,
    /// each landed by `land`.
    fn load<P: DeserializeOwned + 'static, T: 'static>(
        &self,
        call: ApiCall,
        items: fn(P) -> Vec<T>,
        land: impl Fn(Remote<Vec<T>>) -> InsightsAction + 'static,
    ) {
        let (model, api) = (self.model.clone(), self.api.clone());
        model.dispatch(land(Remote::Loading));
        wasm_bindgen_futures::spawn_local(async move {
            let page = api.call(&call).fetch::<P>().await;
            let list = page.map(|page| page.map_or_else(Vec::new, items));
            model.dispatch(land(Remote::from_result(list)));
        });
    }

    /// Plays the shown period's top tracks from `uri` (named `name`) on this tab's device.
    /// Called inside the click: the gesture the browser's autoplay policy waits for.
    pub fn play_top_track(&self, uri: &str, name: &str) {
        let uris: Vec<String> = match self.model.top_tracks.get(self.model.range).loaded() {
            Some(tracks) => tracks.iter().map(|t| t.uri.clone()).collect(),
            None => vec![uri.to_owned()],
        };
        let mut body = PlayBody::tracks(uris);
        body.offset = Some(PlayOffset::Uri {
            uri: uri.to_owned(),
        });
        self.player.play(body, format!("“{name}”"), None);
    }

    /// Plays one track (a recent play) here.
    pub fn play_track(&self, uri: &str, name: &str) {
        let body = PlayBody::tracks(vec![uri.to_owned()]);
        self.player.play(body, format!("“{name}”"), None);
    }

    /// Downloads `list` (as shown: the current period for top items) as CSV or JSON.
    pub fn export(&self, list: InsightsList, format: ExportFormat) {
        let model = &*self.model;
        let csv = format == ExportFormat::Csv;
        let range = range_slug(model.range);
        let (name, text) = match list {
            InsightsList::TopTracks => (
                format!("chorus-top-tracks-{range}"),
                (model.top_tracks.get(model.range).loaded()).map(|t| {
                    if csv {
                        insights::tracks_csv(t)
                    } else {
                        insights::tracks_json(t)
                    }
                }),
            ),
            InsightsList::TopArtists => (
                format!("chorus-top-artists-{range}"),
                (model.top_artists.get(model.range).loaded()).map(|a| {
                    if csv {
                        insights::artists_csv(a)
                    } else {
                        insights::artists_json(a)
                    }
                }),
            ),
            InsightsList::Recent => (
                "chorus-recently-played".to_owned(),
                (model.recent.loaded()).map(|r| {
                    if csv {
                        insights::recent_csv(r)
                    } else {
                        insights::recent_json(r)
                    }
                }),
            ),
        };
        let Some(text) = text else {
            return; // the buttons show only for a loaded list
        };
        let file = format!("{name}.{}", format.extension());
        if let Err(error) = files::save_text(&file, format.mime(), &text) {
            self.notice(Some(Notice::info(text::not_saved(&error))));
        }
    }

    fn notice(&self, notice: Option<Notice>) {
        self.model.dispatch(InsightsAction::Notice(notice));
    }
}

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv",
            ExportFormat::Json => "application/json",
        }
    }
}
