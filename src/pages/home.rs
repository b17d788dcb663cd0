//! The signed-in home of this tab: who is listening here.

use std::rc::Rc;

use chorus_core::spotify::Image;
use yew::prelude::*;

use crate::state::session::Listener;

#[derive(Debug, Properties, PartialEq)]
pub struct HomeProps {
    pub listener: Rc<Listener>,
}

#[component]
pub fn Home(props: &HomeProps) -> Html {
    let listener = &props.listener;
    let avatar = Image::best_for(&listener.user.images, 160).map(|image| image.url.clone());
    html! {
        <section class="panel home" aria-labelledby="home-title">
            <div class="listener-card">
                if let Some(url) = avatar {
                    <img class="avatar large" src={url} alt="" loading="lazy" />
                } else {
                    <span class="avatar large placeholder" aria-hidden="true">
                        { listener.name().chars().next().unwrap_or('?') }
                    </span>
                }
                <div>
                    <h2 id="home-title" class="listener-name">{ listener.name() }</h2>
                    <p class="muted">{ "This tab plays for " }{ listener.name() }{ "." }</p>
                </div>
            </div>
        </section>
    }
}
