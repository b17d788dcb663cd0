//! The command bar on every signed-in page: connects `use_command_bar` to the render-only
//! `CommandBar` component (the bar is not a route; it floats over whatever page is shown).

use yew::prelude::*;

use crate::command_bar::{bar::CommandBar, use_command_bar::UseCommandBarHandle};

#[derive(Debug, Properties, PartialEq)]
pub struct CommandsProps {
    /// Lives in the signed-in view, beside the player it drives.
    pub bar: UseCommandBarHandle,
}

#[component]
pub fn Commands(props: &CommandsProps) -> Html {
    let bar = &props.bar;
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
        <CommandBar open={model.open} text={AttrValue::from(model.text.clone())}
            answer={model.answer.clone()} choices={model.choices()} active={model.active} ticket={model.ticket}
            on_open={with(|b| b.open())} on_close={with(|b| b.close())} {on_input}
            on_enter={with(|b| b.enter())} {on_move} {on_choose} />
    }
}
