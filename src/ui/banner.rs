//! A state that lasts (docs/ux.md "Feel": session ended, Premium needed): one banner at the top
//! of the page with the one action that helps, instead of toasts or a "try again" that cannot
//! work.

use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct BannerAction {
    pub id: AttrValue,
    pub label: AttrValue,
    pub on_click: Callback<()>,
}

#[derive(Debug, Properties, PartialEq)]
pub struct BannerProps {
    pub id: AttrValue,
    pub title: AttrValue,
    #[prop_or_default]
    pub detail: Option<AttrValue>,
    #[prop_or_default]
    pub action: Option<BannerAction>,
}

#[component]
pub fn Banner(props: &BannerProps) -> Html {
    let button = props.action.as_ref().map(|action| {
        let on_click = action.on_click.reform(|_: MouseEvent| ());
        html! {
            <button type="button" class="primary" id={action.id.clone()} onclick={on_click}>{ action.label.clone() }</button>
        }
    });
    html! {
        <div class="banner" id={props.id.clone()} role="status">
            <div class="banner-text">
                <strong>{ props.title.clone() }</strong>
                if let Some(detail) = &props.detail { <span class="muted">{ " " }{ detail.clone() }</span> }
            </div>
            { for button }
        </div>
    }
}
