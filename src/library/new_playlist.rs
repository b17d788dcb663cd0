//! "New playlist": a name and whether others may see it; the Library creates it.

use yew::prelude::*;

use crate::services::input::text_value;

#[derive(Debug, Properties, PartialEq)]
pub struct NewPlaylistProps {
    /// A creation is on its way: the form waits.
    pub creating: bool,
    /// How many playlists were created: when it grows, the form closes and empties.
    pub created: u32,
    /// `(name, public)`.
    pub on_create: Callback<(String, bool)>,
}

#[component]
pub fn NewPlaylist(props: &NewPlaylistProps) -> Html {
    let open = use_state(|| false);
    let name = use_state(String::new);
    let public = use_state(|| false);
    {
        // Once a creation succeeds, the form closes and is empty for the next one; after a
        // failure it stays as it was, so trying again needs no retyping.
        let (open, name, seen) = (open.clone(), name.clone(), use_mut_ref(|| props.created));
        use_effect_with(props.created, move |created| {
            if *seen.borrow() != *created {
                *seen.borrow_mut() = *created;
                open.set(false);
                name.set(String::new());
            }
        });
    }
    if !*open {
        let open = open.clone();
        return html! {
            <button type="button" class="ghost" id="new-playlist"
                onclick={Callback::from(move |_: MouseEvent| open.set(true))}>{ "+ New playlist" }</button>
        };
    }
    let type_name = {
        let name = name.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(text) = text_value(&event) {
                name.set(text);
            }
        })
    };
    let toggle_public = {
        let public = public.clone();
        Callback::from(move |_: Event| public.set(!*public))
    };
    let submit = {
        let (name, public, on_create) = (name.clone(), public.clone(), props.on_create.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_create.emit(((*name).clone(), *public));
        })
    };
    let cancel = {
        let (open, name) = (open.clone(), name.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            name.set(String::new());
        })
    };
    html! {
        <form class="new-playlist" id="new-playlist-form" onsubmit={submit} aria-label="New playlist">
            <label for="new-playlist-name">{ "Name" }</label>
            <input id="new-playlist-name" type="text" required=true maxlength="100" autocomplete="off"
                placeholder="My new playlist" value={(*name).clone()} oninput={type_name} autofocus=true />
            <label class="check">
                <input id="new-playlist-public" type="checkbox" checked={*public} onchange={toggle_public} />
                { " Public (anyone with the link can see it)" }
            </label>
            <div class="form-actions">
                <button class="primary" id="new-playlist-create" type="submit"
                    disabled={props.creating || name.trim().is_empty()}>
                    { if props.creating { "Creating…" } else { "Create" } }
                </button>
                <button class="ghost" type="button" id="new-playlist-cancel" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
