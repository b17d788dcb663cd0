//! The Insights screen (docs/ux.md "Insights: top tracks and artists by period, recently played;
//! export"): a period switcher over the top tracks and top artists, the recent plays with
//! their times, and CSV / JSON export of each list. A click on a top track plays the
//! period's list from there on this tab's device.

use yew::prelude::*;

use crate::{
    insights::{
        lists::{InsightsPanel, RecentPlays, TopArtists, TopTracks},
        model::{range_label, InsightsList},
        range_switch::RangeSwitch,
        use_insights::{ExportFormat, UseInsightsHandle},
    },
    library::model::Remote,
    services::browser::local_date_time,
    ui::{
        icon::{Icon, IconKind},
        use_clock::use_clock,
    },
};

/// "12 min ago" is re-counted every half minute while the page is shown.
const AGO_TICK_MS: u32 = 30_000;

#[derive(Debug, Properties, PartialEq)]
pub struct InsightsPageProps {
    pub insights: UseInsightsHandle,
    /// What plays now, wherever it plays (the row is marked).
    #[prop_or_default]
    pub playing_uri: Option<AttrValue>,
    /// Called inside every play click, before the play is sent: the SDK's
    /// `activateElement()` needs the user's gesture.
    pub on_activate: Callback<()>,
}

fn has_items<T>(remote: &Remote<Vec<T>>) -> bool {
    matches!(remote, Remote::Loaded(items) if !items.is_empty())
}

#[component]
pub fn InsightsPage(props: &InsightsPageProps) -> Html {
    let insights = &props.insights;
    let model = insights.model();
    let now_ms = use_clock(true, AGO_TICK_MS);
    let range = model.range;

    let pick = {
        let insights = insights.clone();
        Callback::from(move |range| insights.set_range(range))
    };
    let retry = |list: InsightsList| {
        let insights = insights.clone();
        Callback::from(move |()| insights.reload(list))
    };
    let export = |list: InsightsList| {
        let insights = insights.clone();
        Callback::from(move |format: ExportFormat| insights.export(list, format))
    };
    let play = {
        let (insights, activate) = (insights.clone(), props.on_activate.clone());
        Callback::from(move |uri: AttrValue| {
            activate.emit(());
            insights.play_top_track(&uri)
        })
    };
    let dismiss = {
        let insights = insights.clone();
        Callback::from(move |_: MouseEvent| insights.dismiss_notice())
    };
    let tracks = model.top_tracks.get(range).clone();
    let artists = model.top_artists.get(range).clone();
    let period = range_label(range).to_lowercase();
    let period = if period == "year" {
        "the last year".to_owned()
    } else {
        format!("the last {period}")
    };

    html! {
        <div class="insights">
            if let Some(text) = &model.notice {
                <div class="notice player-notice" id="insights-notice" role="status" aria-live="polite">
                    <span>{ text }</span>
                    <button class="icon-button small" aria-label="Dismiss" onclick={dismiss}><Icon kind={IconKind::Close} /></button>
                </div>
            }
            <section class="panel insights-intro" aria-labelledby="insights-heading">
                <h2 id="insights-heading">{ "Your listening" }</h2>
                <p class="muted">
                    { format!("What you played most in {period}, as Spotify ranks it. ") }
                    if insights.premium_required() {
                        { "Playing from here needs Spotify Premium; the lists and exports work for every account." }
                    } else {
                        { "Click a track to play your top tracks from there in this tab." }
                    }
                </p>
                <RangeSwitch current={range} on_pick={pick} />
            </section>
            <div class="insights-columns">
                <InsightsPanel id="top-tracks" title="Top tracks" exportable={has_items(&tracks)}
                    on_export={export(InsightsList::TopTracks)}>
                    <TopTracks {tracks} can_play={insights.can_play()} playing_uri={props.playing_uri.clone()}
                        on_play={play} on_retry={retry(InsightsList::TopTracks)} />
                </InsightsPanel>
                <InsightsPanel id="top-artists" title="Top artists" exportable={has_items(&artists)}
                    on_export={export(InsightsList::TopArtists)}>
                    <TopArtists {artists} on_retry={retry(InsightsList::TopArtists)} />
                </InsightsPanel>
            </div>
            <InsightsPanel id="recent" title="Recently played" exportable={has_items(&model.recent)}
                on_export={export(InsightsList::Recent)} on_refresh={Some(retry(InsightsList::Recent))}>
                <RecentPlays history={model.recent.clone()} {now_ms}
                    local_time={Callback::from(local_date_time)} on_retry={retry(InsightsList::Recent)} />
            </InsightsPanel>
        </div>
    }
}
