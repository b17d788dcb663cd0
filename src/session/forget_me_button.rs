//! "Forget me on this browser": the menu's button and, once clicked, the question (what goes,
//! the favorites export offered first). Logic in `use_forget_me.rs`, words in `text.rs`.

use yew::prelude::*;

use super::{text, use_forget_me::use_forget_me, use_listener};
use crate::ui::notice::NoticeBar;

#[component]
pub fn ForgetMeButton() -> Html {
    let listener = use_listener();
    let (handle, actions) = use_forget_me();
    let first_button = use_node_ref();
    {
        // Keyboard users land in the question, on its safe answer.
        let first_button = first_button.clone();
        use_effect_with(handle.is_open(), move |open| {
            if *open {
                if let Some(button) = first_button.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }
    let click = |callback: &Callback<()>| callback.reform(|_: MouseEvent| ());
    let escape = {
        let cancel = actions.cancel.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                cancel.emit(());
            }
        })
    };
    html! {
        <>
            <button type="button" class="ghost" id="forget-me" aria-haspopup="dialog"
                onclick={click(&actions.ask)}>{ text::FORGET_ME }</button>
            if handle.is_open() {
                <div class="session-backdrop">
                    <section class="session-dialog" id="forget-dialog" role="dialog" aria-modal="true"
                        aria-labelledby="forget-title" onkeydown={escape}>
                        <h2 id="forget-title">{ text::forget_title(listener.name()) }</h2>
                        <p>{ text::FORGET_WHAT }</p>
                        <p class="muted">{ text::FORGET_EXPORT_FIRST }</p>
                        if let Some(notice) = handle.exported() {
                            <NoticeBar id="forget-exported" notice={notice.clone()}
                                on_dismiss={actions.dismiss_export.clone()} />
                        }
                        <div class="form-actions">
                            <button type="button" class="ghost" id="forget-cancel" ref={first_button}
                                onclick={click(&actions.cancel)}>{ text::CANCEL }</button>
                            <button type="button" class="ghost" id="forget-export"
                                onclick={click(&actions.export)}>{ text::FORGET_EXPORT }</button>
                            <button type="button" class="primary danger" id="forget-confirm"
                                onclick={click(&actions.confirm)}>{ text::FORGET_CONFIRM }</button>
                        </div>
                    </section>
                </div>
            }
        </>
    }
}
