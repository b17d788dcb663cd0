//! The one place toasts show: a fixed live region at the bottom of the window, above the
//! now-playing bar, that never takes room from the page. Each toast can be dismissed; it goes
//! by itself when its time is up (a timer to the next expiry, dropped with the region).

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::{use_toasts, Toasts};
use crate::{
    services::browser::now_ms,
    ui::{
        icon::{Icon, IconKind},
        notice::Tone,
        text,
    },
};

#[component]
pub fn ToastRegion() -> Html {
    let toasts = use_toasts();
    {
        let next = toasts.model().next_expiry_ms();
        let toasts: Toasts = toasts.clone();
        use_effect_with(next, move |next| {
            let timer = next.map(|at| {
                let wait = at.saturating_sub(now_ms()).min(u64::from(u32::MAX));
                Timeout::new(u32::try_from(wait).unwrap_or(u32::MAX), move || {
                    toasts.expire()
                })
            });
            move || drop(timer)
        });
    }
    html! {
        // Always in the document, so screen readers hear what is added to it.
        <div class="toasts" id="toasts" role="status" aria-live="polite" aria-label={text::NOTIFICATIONS}>
            { for toasts.model().shown.iter().map(|toast| {
                let notice = &toast.notice;
                let dismiss = {
                    let (toasts, source) = (toasts.clone(), toast.source);
                    Callback::from(move |_: MouseEvent| toasts.dismiss(source))
                };
                let tone = match notice.tone {
                    Tone::Info => "info",
                    Tone::Working => "working",
                    Tone::Error => "error",
                };
                html! {
                    <div key={toast.id} class={classes!("toast", tone)} id={format!("toast-{}", toast.source)}
                        data-source={toast.source}>
                        if notice.is_working() { <span class="spinner small" aria-hidden="true"></span> }
                        <span class="toast-text">{ &notice.text }</span>
                        if !notice.is_working() {
                            <button type="button" class="icon-button small" aria-label={text::DISMISS} onclick={dismiss}>
                                <Icon kind={IconKind::Close} />
                            </button>
                        }
                    </div>
                }
            }) }
        </div>
    }
}
