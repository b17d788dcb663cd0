//! The command bar (docs/ux.md "Command bar"): `parse` turns words into a `Command`, `resolve`
//! finds what they mean in the listener's library (or asks for a catalogue search), and every
//! outcome carries a one-line answer. `fuzzy` holds the matching, `ranking` the choice.

mod examples;
pub mod fuzzy;
pub mod parse;
mod ranking;
pub mod resolve;

pub use examples::{Example, EXAMPLES};
pub use parse::{correction, parse, Command, ParseError, TrackQuery};
pub use resolve::{
    resolve, resolve_search, resolve_searches, Action, Intent, Library, Resolution, SearchRequest,
    Suggestion, Wanted, SEARCH_LIMIT,
};

#[cfg(test)]
mod tests;
