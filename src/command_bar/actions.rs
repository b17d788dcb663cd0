//! What a submission leads to: a resolution settled (an action, a catalogue search, or an
//! answer), and an action done the way the Player and the Library controls do it — transport
//! and volume through this tab's player, play and queue through the Web API on this tab's
//! device, ♥ through the likes.

use chorus_core::{
    command::{resolve_searches, Action, Resolution},
    spotify::{
        requests::{self, ApiCall, PlayBody},
        SearchResponse,
    },
};

use super::{model::Answer, text, use_command_bar::UseCommandBarHandle};
use crate::{
    likes::text as likes_text, player::text::STILL_CONNECTING, services::web_api::Registration,
};

impl UseCommandBarHandle {
    /// What a resolution leads to: an action sent, a catalogue search, or an answer.
    pub(super) async fn settle(&self, ticket: u32, input: &str, resolution: Resolution) {
        let Resolution::NeedsSearch { request, answer } = resolution else {
            return match resolution {
                Resolution::Do { action, .. } => self.run(ticket, action).await,
                other => self.answer(ticket, Answer::from_resolution(input, &other)),
            };
        };
        self.answer(ticket, Answer::Working(answer));
        let calls = request.calls();
        let found = futures::future::join_all(
            calls
                .iter()
                .map(|call| self.api.call(call).fetch::<SearchResponse>()),
        )
        .await;
        if !self.current(ticket) {
            return;
        }
        // Every answer that came counts; only when none came is it a failure.
        let mut responses = Vec::new();
        let mut failure = None;
        for result in found {
            match result {
                Ok(response) => responses.push(response.unwrap_or_default()),
                Err(error) => failure = Some(error),
            }
        }
        match (responses.is_empty(), failure) {
            (true, Some(error)) => self.answer(ticket, Answer::Failed(error.in_plain_words())),
            _ => match resolve_searches(&request, &responses) {
                Resolution::Do { action, .. } => self.run(ticket, action).await,
                other => self.answer(ticket, Answer::from_resolution(input, &other)),
            },
        }
    }

    /// Does `action` the way the Player and the Library controls do.
    pub(super) async fn run(&self, ticket: u32, action: Action) {
        if !self.current(ticket) {
            return;
        }
        let player = &self.player;
        let core = &player.model().core;
        let done = Answer::Done(action.answer());
        let answer = match &action {
            Action::PlayContext { uri, .. } => {
                return self.play(ticket, PlayBody::context(uri), &action).await
            }
            Action::PlayTrack { uri, .. } => {
                let body = PlayBody::tracks(vec![uri.clone()]);
                return self.play(ticket, body, &action).await;
            }
            Action::QueueTrack { uri, .. } => {
                let call = requests::add_to_queue(uri, player.queue_device_id().as_deref());
                return self
                    .send(ticket, call, Registration::Settled, &action)
                    .await;
            }
            Action::Like(liked) => match &core.now_playing {
                Some(now) => {
                    self.likes.set(&now.uri, &now.name, *liked);
                    done
                }
                None => Answer::said(likes_text::NOTHING_PLAYING),
            },
            _ if !player.can_control() => {
                Answer::Failed(player.cannot_play().unwrap_or(STILL_CONNECTING).into())
            }
            Action::Resume if player.controls().enabled && core.is_playing => {
                Answer::said(text::ALREADY_PLAYING)
            }
            Action::Resume => {
                // With nothing playing anywhere, this tab starts playing.
                let starting = !player.controls().enabled;
                player.toggle_play();
                if starting {
                    Answer::Done(text::PLAYING_HERE.into())
                } else {
                    done
                }
            }
            Action::Volume(percent) => {
                player.set_volume(*percent);
                done
            }
            _ if !player.controls().enabled => Answer::said(text::NOTHING_HERE),
            Action::Pause if !core.is_playing => Answer::said(text::ALREADY_PAUSED),
            Action::Pause => {
                player.pause();
                done
            }
            Action::Next => {
                player.next();
                done
            }
            Action::Previous => {
                player.previous();
                done
            }
            Action::Shuffle(on) => {
                player.set_shuffle(*on);
                done
            }
            Action::Repeat(mode) => {
                player.set_repeat(*mode);
                done
            }
        };
        self.answer(ticket, answer);
    }

    /// `PUT me/player/play` on this tab's device, as the Library plays.
    async fn play(&self, ticket: u32, body: PlayBody, action: &Action) {
        match self.player.play_call(&body) {
            Ok(call) => self.send(ticket, call, Registration::MayLag, action).await,
            Err(words) => self.answer(ticket, Answer::Failed(words.into())),
        }
    }

    async fn send(&self, ticket: u32, call: ApiCall, registration: Registration, action: &Action) {
        let sent = self
            .api
            .call(&call)
            .registration(registration)
            .on_wait(|notice| self.answer(ticket, Answer::Working(notice.text)))
            .send()
            .await;
        self.answer(
            ticket,
            match sent {
                Ok(()) => Answer::Done(action.answer()),
                Err(error) => Answer::Failed(error.in_plain_words()),
            },
        );
    }
}
