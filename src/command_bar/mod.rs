//! The command bar (Ctrl-K or /) on every signed-in page: typed commands. The words are parsed
//! and resolved in chorus-core's `command`; here live the bar's model (`model.rs`), its state
//! and effects (`use_command_bar.rs`, `own_library.rs`, `actions.rs`), the render-only view
//! (`view.rs`) and `text.rs`. The bar is not a route: it floats over whatever page is shown.

pub mod actions;
pub mod model;
pub mod own_library;
pub mod text;
pub mod use_command_bar;
pub mod view;

use yew::prelude::*;

use use_command_bar::{use_command_bar, UseCommandBarHandle};
use view::CommandBarView;

/// The bar's button beside the page tabs, and the bar once open.
#[component]
pub fn CommandBar() -> Html {
    let bar = use_command_bar();
    let model = bar.model();
    let with = |f: fn(&UseCommandBarHandle)| {
        let bar = bar.clone();
        Callback::from(move |()| f(&bar))
    };
    let on_input = {
        let bar = bar.clone();
        Callback::from(move |text: String| bar.type_text(text))
    };
    let on_move = {
        let bar = bar.clone();
        Callback::from(move |step: i32| bar.move_choice(step))
    };
    let on_choose = {
        let bar = bar.clone();
        Callback::from(move |index: usize| bar.choose(index))
    };
    html! {
        <CommandBarView open={model.open} text={AttrValue::from(model.text.clone())}
            answer={model.answer.clone()} choices={model.choices()} active={model.active} ticket={model.ticket}
            on_open={with(|b| b.open())} on_close={with(|b| b.close())} {on_input}
            on_enter={with(|b| b.enter())} {on_move} {on_choose} />
    }
}
