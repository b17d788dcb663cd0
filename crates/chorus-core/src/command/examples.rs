//! What the command bar offers when it opens, on `help` and after words it did not
//! understand: one example per phrase form, and what choosing it puts in the input.

/// One phrase form of the command bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// As shown: `play <song> by <artist>`.
    pub phrase: &'static str,
    /// What choosing it types: the phrase up to its first placeholder (`play `), so the
    /// listener finishes it in their own words; a complete phrase is put in whole.
    pub fill: &'static str,
}

pub const EXAMPLES: [Example; 11] = [
    example("play my <name> playlist", "play my "),
    example("play <song> by <artist>", "play "),
    example("queue <song>", "queue "),
    example("pause", "pause"),
    example("resume", "resume"),
    example("next", "next"),
    example("previous", "previous"),
    example("volume 40", "volume 40"),
    example("shuffle on", "shuffle on"),
    example("repeat track", "repeat track"),
    example("like", "like"),
];

const fn example(phrase: &'static str, fill: &'static str) -> Example {
    Example { phrase, fill }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::parse;

    #[test]
    fn every_example_fill_is_the_start_of_its_phrase() {
        for example in EXAMPLES {
            assert!(example.phrase.starts_with(example.fill), "{example:?}");
        }
    }

    #[test]
    fn complete_examples_are_commands() {
        for example in EXAMPLES.iter().filter(|e| !e.phrase.contains('<')) {
            assert!(parse(example.fill).is_ok(), "{example:?}");
        }
    }
}
