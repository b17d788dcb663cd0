//! `use_clock`: the current time, re-read every `every_ms` while `running` — only the
//! component that calls it re-renders (the progress bar, not the page).

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::services::browser::now_ms;

#[hook]
pub fn use_clock(running: bool, every_ms: u32) -> u64 {
    let now = use_state(now_ms);
    {
        let now = now.clone();
        use_effect_with(running, move |running| {
            now.set(now_ms());
            let interval = running.then(|| Interval::new(every_ms, move || now.set(now_ms())));
            move || drop(interval)
        });
    }
    *now
}
