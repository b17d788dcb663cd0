//! `use_insights`: the Insights page's effects. Top tracks and top artists of the chosen
//! period (`GET me/top/{tracks,artists}?time_range`), the recent plays
//! (`GET me/player/recently-played`), playing a top track on this tab's device and exporting
//! a list as CSV or JSON. Nothing is fetched before the page is first shown; each list is
//! fetched once per listener and period, and again on "Try again".

use chorus_core::{
    insights,
    spotify::{
        requests::{self, PlayBody, PlayOffset, TimeRange, MAX_PAGE_LIMIT},
        Artist, CursorPaging, Paging, PlayHistory, Track,
    },
};
use yew::prelude::*;

use crate::{
    insights::model::{range_slug, InsightsAction, InsightsList, InsightsModel},
    library::model::Remote,
    services::{
        auth::Auth,
        download,
        playback::{self, Registration},
        web_api::WebApi,
    },
};

/// How many items each list shows: one page, Spotify's largest.
const LIST_LIMIT: u8 = MAX_PAGE_LIMIT;

#[derive(Clone)]
pub struct UseInsightsHandle {
    model: UseReducerHandle<InsightsModel>,
    api: WebApi,
    device_id: Option<String>,
    premium_required: bool,
}

impl PartialEq for UseInsightsHandle {
    fn eq(&self, other: &Self) -> bool {
        self.model == other.model
            && self.device_id == other.device_id
            && self.premium_required == other.premium_required
    }
}

impl std::fmt::Debug for UseInsightsHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UseInsightsHandle")
            .field("model", &*self.model)
            .finish_non_exhaustive()
    }
}

/// Lives in the signed-in view, so the lists survive a visit to another page. `listener`:
/// whose insights (a change forgets everything); `device_id`: this tab's device once ready;
/// `premium_required`: this account cannot play in a browser; `shown`: the page is on screen.
#[hook]
pub fn use_insights(
    auth: Auth,
    listener: Option<String>,
    device_id: Option<String>,
    premium_required: bool,
    shown: bool,
) -> UseInsightsHandle {
    let model = use_reducer(InsightsModel::default);
    let api = WebApi::new(auth);
    {
        let model = model.clone();
        use_effect_with(listener.clone(), move |_| {
            model.dispatch(InsightsAction::Reset)
        });
    }
    let active = shown && listener.is_some();
    {
        let (model, api) = (model.clone(), api.clone());
        // `to_fetch` changes when the period changes or a Reset empties the lists.
        let wanted = if active { model.to_fetch() } else { Vec::new() };
        use_effect_with(
            (listener, model.range, wanted),
            move |(_, range, wanted)| {
                for list in wanted {
                    fetch(&model, &api, *list, *range);
                }
            },
        );
    }
    UseInsightsHandle {
        model,
        api,
        device_id,
        premium_required,
    }
}

fn fetch(
    model: &UseReducerHandle<InsightsModel>,
    api: &WebApi,
    list: InsightsList,
    range: TimeRange,
) {
    let (model, api) = (model.clone(), api.clone());
    match list {
        InsightsList::TopTracks => {
            model.dispatch(InsightsAction::TopTracks {
                range,
                tracks: Remote::Loading,
            });
            wasm_bindgen_futures::spawn_local(async move {
                let call = requests::top_tracks(range, LIST_LIMIT, 0);
                let tracks = match playback::fetch::<Paging<Track>>(&api, &call, drop).await {
                    Ok(page) => Remote::Loaded(page.map(|p| p.items).unwrap_or_default()),
                    Err(error) => Remote::Failed(error.in_plain_words()),
                };
                model.dispatch(InsightsAction::TopTracks { range, tracks });
            });
        }
        InsightsList::TopArtists => {
            model.dispatch(InsightsAction::TopArtists {
                range,
                artists: Remote::Loading,
            });
            wasm_bindgen_futures::spawn_local(async move {
                let call = requests::top_artists(range, LIST_LIMIT, 0);
                let artists = match playback::fetch::<Paging<Artist>>(&api, &call, drop).await {
                    Ok(page) => Remote::Loaded(page.map(|p| p.items).unwrap_or_default()),
                    Err(error) => Remote::Failed(error.in_plain_words()),
                };
                model.dispatch(InsightsAction::TopArtists { range, artists });
            });
        }
        InsightsList::Recent => {
            model.dispatch(InsightsAction::Recent(Remote::Loading));
            wasm_bindgen_futures::spawn_local(async move {
                let call = requests::recently_played(LIST_LIMIT, None);
                let result = playback::fetch::<CursorPaging<PlayHistory>>(&api, &call, drop).await;
                model.dispatch(InsightsAction::Recent(match result {
                    Ok(page) => Remote::Loaded(page.map(|p| p.items).unwrap_or_default()),
                    Err(error) => Remote::Failed(error.in_plain_words()),
                }));
            });
        }
    }
}

impl UseInsightsHandle {
    pub fn model(&self) -> &InsightsModel {
        &self.model
    }

    /// Whether this tab's device is ready to be played on.
    pub fn can_play(&self) -> bool {
        self.device_id.is_some() && !self.premium_required
    }

    /// This account cannot play in a browser (a free account): the lists are read-only.
    pub fn premium_required(&self) -> bool {
        self.premium_required
    }

    pub fn set_range(&self, range: TimeRange) {
        self.model.dispatch(InsightsAction::Range(range));
    }

    /// Asks for `list` again ("Try again", or "Refresh" of the recent plays).
    pub fn reload(&self, list: InsightsList) {
        fetch(&self.model, &self.api, list, self.model.range);
    }

    /// Plays the shown period's top tracks from `uri` on this tab's device.
    pub fn play_top_track(&self, uri: &str) {
        let Some(device_id) = self.device_id.clone() else {
            return self.notice(Some(
                "This tab's player is still connecting; try again in a moment.".into(),
            ));
        };
        let uris: Vec<String> = match self.model.top_tracks.get(self.model.range) {
            Remote::Loaded(tracks) => tracks.iter().map(|t| t.uri.clone()).collect(),
            _ => vec![uri.to_owned()],
        };
        let mut body = PlayBody::tracks(uris);
        body.offset = Some(PlayOffset::Uri {
            uri: uri.to_owned(),
        });
        let call = requests::play(Some(&device_id), &body);
        let (model, api) = (self.model.clone(), self.api.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let waiting = {
                let model = model.clone();
                move |text: String| model.dispatch(InsightsAction::Notice(Some(text)))
            };
            match playback::send(&api, &call, Registration::MayLag, waiting).await {
                Ok(_) => model.dispatch(InsightsAction::Notice(None)),
                Err(error) => model.dispatch(InsightsAction::Notice(Some(error.in_plain_words()))),
            }
        });
    }

    /// Downloads `list` (as shown: the current period for top items) as CSV or JSON.
    pub fn export(&self, list: InsightsList, format: ExportFormat) {
        let model = &*self.model;
        let range = range_slug(model.range);
        let (name, text) = match (list, format) {
            (InsightsList::TopTracks, ExportFormat::Csv) => (
                format!("chorus-top-tracks-{range}"),
                loaded(model.top_tracks.get(model.range)).map(insights::tracks_csv),
            ),
            (InsightsList::TopTracks, ExportFormat::Json) => (
                format!("chorus-top-tracks-{range}"),
                loaded(model.top_tracks.get(model.range)).map(insights::tracks_json),
            ),
            (InsightsList::TopArtists, ExportFormat::Csv) => (
                format!("chorus-top-artists-{range}"),
                loaded(model.top_artists.get(model.range)).map(insights::artists_csv),
            ),
            (InsightsList::TopArtists, ExportFormat::Json) => (
                format!("chorus-top-artists-{range}"),
                loaded(model.top_artists.get(model.range)).map(insights::artists_json),
            ),
            (InsightsList::Recent, ExportFormat::Csv) => (
                "chorus-recently-played".to_owned(),
                loaded(&model.recent).map(insights::recent_csv),
            ),
            (InsightsList::Recent, ExportFormat::Json) => (
                "chorus-recently-played".to_owned(),
                loaded(&model.recent).map(insights::recent_json),
            ),
        };
        let Some(text) = text else {
            return; // the buttons show only for a loaded list
        };
        let file = format!("{name}.{}", format.extension());
        if let Err(error) = download::save_text(&file, format.mime(), &text) {
            self.notice(Some(format!("The file could not be saved: {error}.")));
        }
    }

    pub fn dismiss_notice(&self) {
        self.notice(None);
    }

    fn notice(&self, text: Option<String>) {
        self.model.dispatch(InsightsAction::Notice(text));
    }
}

fn loaded<T>(remote: &Remote<Vec<T>>) -> Option<&[T]> {
    match remote {
        Remote::Loaded(items) => Some(items),
        _ => None,
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
