//! The Insights screen (docs/ux.md "Insights: top tracks and artists by period, recently played;
//! export"): a period switcher over the top lists, then three tabs — Top tracks, Top artists,
//! Recently played — so each list is one click away; each shows its first 10 with "Show all",
//! and exports as CSV or JSON. A click on a top track plays the period's list from there.

use yew::prelude::*;

use super::{
    lists::{InsightsPanel, RecentPlays, TopArtists, TopTracks},
    model::InsightsList,
    range_switch::RangeSwitch,
    tabs::InsightsTabs,
    text,
    use_insights::{use_insights, ExportFormat},
};
use crate::{
    services::{browser::local_date_time, web_api::Remote},
    ui::use_clock::use_clock,
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
    let tab = use_state(|| InsightsList::TopTracks);
    // Lists showing every row ("Show all"), per list.
    let all = use_state(Vec::<InsightsList>::new);

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
    let show_all = |list: InsightsList| {
        let all = all.clone();
        Callback::from(move |()| {
            let mut lists = (*all).clone();
            lists.push(list);
            all.set(lists);
        })
    };
    let play_top = {
        let insights = insights.clone();
        Callback::from(move |(uri, name): (AttrValue, AttrValue)| {
            insights.play_top_track(&uri, &name)
        })
    };
    let play_track = {
        let insights = insights.clone();
        Callback::from(move |(uri, name): (AttrValue, AttrValue)| insights.play_track(&uri, &name))
    };
    let pick_tab = {
        let tab = tab.clone();
        Callback::from(move |list| tab.set(list))
    };
    let tracks = model.top_tracks.get(range).clone();
    let artists = model.top_artists.get(range).clone();
    let shows_all = |list| all.contains(&list);
    let can_play = insights.can_play();

    html! {
        <div class="insights">
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
            <InsightsTabs current={*tab} on_pick={pick_tab} />
            <InsightsPanel id="top-tracks" title={text::TOP_TRACKS} exportable={has_items(&tracks)}
                selected={*tab == InsightsList::TopTracks} on_export={export(InsightsList::TopTracks)}>
                <TopTracks {tracks} {can_play} playing_uri={insights.playing_uri()}
                    on_play={play_top} on_retry={retry(InsightsList::TopTracks)}
                    all={shows_all(InsightsList::TopTracks)} on_show_all={show_all(InsightsList::TopTracks)} />
            </InsightsPanel>
            <InsightsPanel id="top-artists" title={text::TOP_ARTISTS} exportable={has_items(&artists)}
                selected={*tab == InsightsList::TopArtists} on_export={export(InsightsList::TopArtists)}>
                <TopArtists {artists} on_retry={retry(InsightsList::TopArtists)}
                    all={shows_all(InsightsList::TopArtists)} on_show_all={show_all(InsightsList::TopArtists)} />
            </InsightsPanel>
            <InsightsPanel id="recent" title={text::RECENT} exportable={has_items(&model.recent)}
                selected={*tab == InsightsList::Recent}
                on_export={export(InsightsList::Recent)} on_refresh={Some(retry(InsightsList::Recent))}>
                <RecentPlays history={model.recent.clone()} {now_ms} {can_play} on_play={play_track}
                    local_time={Callback::from(local_date_time)} on_retry={retry(InsightsList::Recent)}
                    all={shows_all(InsightsList::Recent)} on_show_all={show_all(InsightsList::Recent)} />
            </InsightsPanel>
        </div>
    }
}
