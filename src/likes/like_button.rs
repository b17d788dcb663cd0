//! The ♥ button of a track: pressed when the listener liked it (`aria-pressed`), a click likes
//! or un-likes it. Shown on the now-playing bar, the Player and every track row.

use yew::prelude::*;

use super::{text, use_likes::use_likes};
use crate::ui::icon::{Icon, IconKind};

#[derive(Debug, Properties, PartialEq)]
pub struct LikeButtonProps {
    pub uri: AttrValue,
    /// The track's name (the button's label and the toast's words).
    pub name: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or(false)]
    pub small: bool,
}

#[component]
pub fn LikeButton(props: &LikeButtonProps) -> Html {
    let likes = use_likes();
    if !props.uri.starts_with("spotify:track:") {
        return Html::default();
    }
    let liked = likes.liked(&props.uri);
    let onclick = {
        let (likes, uri, name) = (likes.clone(), props.uri.clone(), props.name.clone());
        Callback::from(move |_: MouseEvent| likes.toggle(&uri, &name))
    };
    let on = liked == Some(true);
    html! {
        <button type="button" id={props.id.clone()}
            class={classes!("icon-button", "like-button", props.small.then_some("small"), on.then_some("on"))}
            aria-label={text::like_label(&props.name)}
            aria-pressed={if on { "true" } else { "false" }}
            data-known={liked.is_some().to_string()}
            {onclick}>
            <Icon kind={if on { IconKind::Liked } else { IconKind::Like }} />
        </button>
    }
}
