//! Every sentence of the command bar (what each action did is chorus-core's `Action::answer`).

pub const LOOKING_IN_LIBRARY: &str = "Looking in your library…";
pub fn library_unreadable(message: &str) -> String {
    format!("Chorus could not read your library. {message}")
}
pub const NOTHING_HERE: &str =
    "Nothing is playing in this tab. Start something first, like “play my <name> playlist”.";
pub const ALREADY_PLAYING: &str = "Already playing.";
pub const PLAYING_HERE: &str = "Playing here.";
pub const ALREADY_PAUSED: &str = "Already paused.";

pub const TITLE: &str = "Command bar";
pub const BUTTON: &str = "Command";
pub const BUTTON_HINT: &str = "Command bar (Ctrl K or /)";
pub const KEYS: &str = "↑ ↓ choose · Enter run · Esc close";
pub const INPUT_LABEL: &str = "Command, in your own words";
pub const PLACEHOLDER: &str = "play my workout playlist";
pub const IDLE: &str = "Type what you want to hear, or a command.";
pub const WORKING: &str = "Working…";
pub const EXAMPLES_HEADING: &str = "You can type";
pub const RETRY_HEADING: &str = "Did you mean";
pub const CHOICES_HEADING: &str = "Choose one";
pub const CLOSE: &str = "Close the command bar";
