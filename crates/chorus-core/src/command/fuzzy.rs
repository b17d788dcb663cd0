//! Fuzzy text matching for the command bar: normalised tokens, edit distance per token and
//! character trigrams for the whole string. Scores are 0.0 (nothing alike) to 1.0 (equal
//! after normalisation).

/// Lower case, common Latin accents folded, punctuation turned into spaces, `&` read as
/// "and", single spaces. "Beyoncé – Halo!" and "beyonce halo" normalise alike.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match fold_accent(c) {
            '&' => out.push_str(" and "),
            // Apostrophes join ("don't" → "dont") rather than split.
            '\'' | '’' => {}
            c if c.is_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// Typos tolerated in a word of this length: none for short words, where one letter changes
/// the word ("pop" / "top"), one from 4 letters, two from 8.
fn tolerated_typos(length: usize) -> usize {
    match length {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The word without a plural ending ("mixes" → "mix", "workouts" → "workout"); words of three
/// letters or fewer are kept ("bus", "yes").
fn singular(word: &str) -> &str {
    if word.chars().count() <= 3 {
        return word;
    }
    for ending in ["ses", "xes", "zes", "ches", "shes"] {
        if let Some(stem) = word.strip_suffix(ending) {
            return &word[..stem.len() + ending.len() - 2];
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') => stem,
        _ => word,
    }
}

/// How well one query word matches one candidate word.
fn word_score(query: &str, candidate: &str) -> f64 {
    if query == candidate {
        return 1.0;
    }
    // "workout" / "Workouts", "mix" / "mixes": a plural is the same word.
    if singular(query) == singular(candidate) {
        return 0.95;
    }
    let length = query.chars().count();
    if edit_distance(query, candidate) <= tolerated_typos(length.min(candidate.chars().count())) {
        return 0.85;
    }
    if length >= 3 && candidate.starts_with(query) {
        return 0.7;
    }
    0.0
}

/// Word-level score: each query word's best match, averaged, lightly penalising candidate
/// words nobody asked for ("workout" matches "Workout Mix 2024" a bit less than "Workout").
fn token_score(query: &str, candidate: &str) -> f64 {
    let query_words: Vec<&str> = query.split(' ').filter(|w| !w.is_empty()).collect();
    let candidate_words: Vec<&str> = candidate.split(' ').filter(|w| !w.is_empty()).collect();
    if query_words.is_empty() || candidate_words.is_empty() {
        return 0.0;
    }
    let mut used = vec![false; candidate_words.len()];
    let mut total = 0.0;
    for word in &query_words {
        let best = candidate_words
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, candidate)| (i, word_score(word, candidate)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, score)) = best.filter(|(_, score)| *score > 0.0) {
            used[i] = true;
            total += score;
        }
    }
    let coverage = used.iter().filter(|u| **u).count() as f64 / candidate_words.len() as f64;
    total / query_words.len() as f64 * (0.85 + 0.15 * coverage)
}

fn trigrams(text: &str) -> Vec<[char; 3]> {
    let padded: Vec<char> = format!("  {text} ").chars().collect();
    padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

/// Sørensen–Dice coefficient over character trigrams: robust to typos inside long names.
fn trigram_score(query: &str, candidate: &str) -> f64 {
    let a = trigrams(query);
    let mut b = trigrams(candidate);
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let total = a.len() + b.len();
    let mut shared = 0;
    for gram in &a {
        if let Some(position) = b.iter().position(|other| other == gram) {
            b.swap_remove(position);
            shared += 1;
        }
    }
    2.0 * shared as f64 / total as f64
}

/// Similarity of a query and a candidate name, both raw text.
pub fn similarity(query: &str, candidate: &str) -> f64 {
    let (query, candidate) = (normalise(query), normalise(candidate));
    if query.is_empty() || candidate.is_empty() {
        return 0.0;
    }
    if query == candidate {
        return 1.0;
    }
    // Equal letters, different spacing ("day dreaming" / "Daydreaming") is a near-exact match.
    if query.replace(' ', "") == candidate.replace(' ', "") {
        return 0.95;
    }
    token_score(&query, &candidate).max(trigram_score(&query, &candidate) * 0.95)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_folds_case_accents_and_punctuation() {
        assert_eq!(normalise("  Beyoncé – Halo! "), "beyonce halo");
        assert_eq!(normalise("Don't Stop Me Now"), "dont stop me now");
        assert_eq!(normalise("Rock & Roll"), "rock and roll");
    }

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("pause", "pause"), 0);
        assert_eq!(edit_distance("puase", "pause"), 2);
        assert_eq!(edit_distance("workot", "workout"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn exact_names_score_one_and_typos_score_high() {
        assert!((similarity("Workout", "workout") - 1.0).abs() < f64::EPSILON);
        assert!(similarity("workot", "Workout") > 0.8);
        assert!(similarity("get lucky", "Get Lucky (feat. Pharrell Williams)") > 0.6);
        assert!(similarity("daydreaming", "Day Dreaming") > 0.9);
    }

    #[test]
    fn unrelated_names_score_low() {
        assert!(similarity("workout", "Sleep Sounds") < 0.3);
        assert!(
            similarity("pop", "top hits") < 0.5,
            "short words need exact matches"
        );
    }

    #[test]
    fn a_plural_matches_its_singular() {
        assert_eq!(singular("workouts"), "workout");
        assert_eq!(singular("mixes"), "mix");
        assert_eq!(singular("beaches"), "beach");
        assert_eq!(singular("bus"), "bus");
        assert_eq!(singular("kiss"), "kiss");
        assert!(similarity("workout", "Workouts") > 0.9);
        assert!(
            similarity("workout", "Morning Workouts") > 0.85,
            "one plural word of two still reads as that playlist"
        );
        assert!(similarity("morning mix", "Morning Mixes") > 0.9);
    }

    #[test]
    fn extra_words_in_the_candidate_lower_the_score_a_little() {
        assert!(similarity("workout", "Workout") > similarity("workout", "Workout Mix 2024"));
        assert!(similarity("workout", "Workout Mix 2024") > 0.8);
    }
}
