//! The Insights screen (docs/ux.md "Insights: top tracks and artists by period, recently played;
//! export"): a period switcher over the top tracks and top artists, the recent plays with
//! their times, and CSV / JSON export of each list. A click on a top track plays the
//! period's list from there on this tab's device.

use yew::prelude::*;

use super::{
    lists::{InsightsPanel, RecentPlays, TopArtists, TopTracks},
    model::InsightsList,
    range_switch::RangeSwitch,
    text,
    use_insights::{use_insights, ExportFormat},
};
use crate::{
    services::{browser::local_date_time, web_api::Remote},
    ui::{notice::NoticeBar, use_clock::use_clock},
};

/// "12 min ago" is re-counted every half minute while the page is shown.
const AGO_TICK_MS: u32 = 30_000;

fn has_items<T>(remote: &Remote<Vec<T>>) -> bool {
    remote.loaded().is_some_and(|items| !items.is_empty())
}

#[component]
pub fn InsightsPage() -> Html {
    let insights = use_insights();
    let insights = &insights;
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
        let insights = insights.clone();
        Callback::from(move |uri: AttrValue| insights.play_top_track(&uri))
    };
    let dismiss = {
        let insights = insights.clone();
        Callback::from(move |()| insights.dismiss_notice())
    };
    let tracks = model.top_tracks.get(range).clone();
    let artists = model.top_artists.get(range).clone();

    html! {
        <div class="insights">
            if let Some(notice) = model.notice.clone() {
                <NoticeBar id="insights-notice" {notice} on_dismiss={dismiss} />
            }
            <section class="panel insights-intro" aria-labelledby="insights-heading">
                <h2 id="insights-heading">{ text::HEADING }</h2>
                <p class="muted">
                    { text::most_played(range) }
                    if insights.premium_required() {
                        { text::READ_ONLY }
                    } else {
                        { text::CLICK_TO_PLAY }
                    }
                </p>
                <RangeSwitch current={range} on_pick={pick} />
            </section>
            <div class="insights-columns">
                <InsightsPanel id="top-tracks" title={text::TOP_TRACKS} exportable={has_items(&tracks)}
                    on_export={export(InsightsList::TopTracks)}>
                    <TopTracks {tracks} can_play={insights.can_play()} playing_uri={insights.playing_uri()}
                        on_play={play} on_retry={retry(InsightsList::TopTracks)} />
                </InsightsPanel>
                <InsightsPanel id="top-artists" title={text::TOP_ARTISTS} exportable={has_items(&artists)}
                    on_export={export(InsightsList::TopArtists)}>
                    <TopArtists {artists} on_retry={retry(InsightsList::TopArtists)} />
                </InsightsPanel>
            </div>
            <InsightsPanel id="recent" title={text::RECENT} exportable={has_items(&model.recent)}
                on_export={export(InsightsList::Recent)} on_refresh={Some(retry(InsightsList::Recent))}>
                <RecentPlays history={model.recent.clone()} {now_ms}
                    local_time={Callback::from(local_date_time)} on_retry={retry(InsightsList::Recent)} />
            </InsightsPanel>
        </div>
    }
}
