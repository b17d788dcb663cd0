//! "Forget me on this browser", once asked for in the account menu: the question (what goes,
//! the favorites export offered first). Logic in `use_forget_me.rs`, words in `text.rs`; the
//! menu (`account_menu.rs`) holds the button and this dialog outside its own hidden list, so
//! closing the menu never hides the question.

use yew::prelude::*;

use super::{
    text,
    use_forget_me::{ForgetMeActions, UseForgetMeHandle},
    use_listener,
};
use crate::ui::notice::NoticeBar;

#[derive(Debug, Properties, PartialEq)]
pub struct ForgetMeDialogProps {
    pub handle: UseForgetMeHandle,
    pub actions: ForgetMeActions,
}

#[component]
pub fn ForgetMeDialog(props: &ForgetMeDialogProps) -> Html {
    let listener = use_listener();
    let (handle, actions) = (&props.handle, &props.actions);
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
