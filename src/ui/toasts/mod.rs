//! Toasts (docs/ux.md "Feel"): transient outcomes — played, queued, liked, could not play,
//! rate limited — in one fixed live region that never moves the page. A feature shows its
//! [`Notice`] with `use_toasts().show("library", notice)`; its next one replaces it, and
//! `dismiss("library")` takes it away (a wait that ended). States that last (session ended,
//! Premium needed) are a [`Banner`](super::banner::Banner), not a toast.

pub mod model;
mod region;

use yew::prelude::*;

pub use region::ToastRegion;

use crate::{services::browser::now_ms, ui::notice::Notice};
use model::{ToastsAction, ToastsModel};

/// The toasts of this tab: what is shown, and the way to show more.
#[derive(Debug, Clone, PartialEq)]
pub struct Toasts {
    model: UseReducerHandle<ToastsModel>,
}

impl Toasts {
    pub fn model(&self) -> &ToastsModel {
        &self.model
    }

    /// Shows `notice` for `source`, in place of that source's last toast.
    pub fn show(&self, source: &'static str, notice: Notice) {
        self.model.dispatch(ToastsAction::Show {
            source,
            notice,
            at_ms: now_ms(),
        });
    }

    /// Shows `notice` when there is one, else takes `source`'s toast away.
    pub fn set(&self, source: &'static str, notice: Option<Notice>) {
        match notice {
            Some(notice) => self.show(source, notice),
            None => self.dismiss(source),
        }
    }

    pub fn dismiss(&self, source: &'static str) {
        self.model.dispatch(ToastsAction::Dismiss { source });
    }

    fn expire(&self) {
        self.model
            .dispatch(ToastsAction::Expire { at_ms: now_ms() });
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct ToastsProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Keeps this listener's toasts; [`use_toasts`] reads them.
#[component]
pub fn ToastsProvider(props: &ToastsProviderProps) -> Html {
    let toasts = Toasts {
        model: use_reducer(ToastsModel::default),
    };
    html! {
        <ContextProvider<Toasts> context={toasts}>
            { props.children.clone() }
        </ContextProvider<Toasts>>
    }
}

/// This tab's toasts (inside [`ToastsProvider`]).
#[hook]
pub fn use_toasts() -> Toasts {
    use_context::<Toasts>().expect("use_toasts is called inside ToastsProvider")
}

/// Shows a feature model's notice as a toast once it is set, then clears it there (`clear`),
/// so the same words set again show again. For notices a reducer sets by itself (a created
/// playlist, a page that failed to load).
#[hook]
pub fn use_toast_outbox(source: &'static str, notice: Option<Notice>, clear: Callback<()>) {
    let toasts = use_toasts();
    use_effect_with(notice, move |notice| {
        if let Some(notice) = notice {
            toasts.show(source, notice.clone());
            clear.emit(());
        }
    });
}
