//! "Did you mean …?": the nearest name to a misspelling, for property names, enum values and the
//! secret policy's near misses.

/// Characters a spelling may add or drop without being a different name (`OAuth Client Id`,
/// `oauth_client_id`, `oauth-client-id`).
fn ignored(c: char) -> bool {
    matches!(c, ' ' | '_' | '-')
}

/// `word` lowercased, without [`ignored`] characters.
pub(crate) fn normalized(word: &str) -> String {
    word.chars()
        .filter(|&c| !ignored(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Length in chars of [`normalized`]`(word)`, without building it (ASCII lowercasing keeps the
/// length; other chars are counted as written, which only widens the filter below).
fn normalized_len(word: &str) -> usize {
    word.chars().filter(|&c| !ignored(c)).count()
}

/// How many edits a name of `len` chars may be away from a spelling and still be its likely
/// intent.
pub(crate) fn edit_limit(len: usize) -> usize {
    (len / 4).clamp(1, 3)
}

/// No candidate is longer than this, so nothing much longer is a typo of one (and the edit
/// distance stays cheap on hostile input).
const LONGEST: usize = 40;

/// The candidate nearest to `word` — ignoring case, spaces, `_` and `-`, counting edits and
/// adjacent transpositions — when it is within [`edit_limit`] edits; the first of equals.
///
/// `nearest("GETANDREFERSH", ["OFF", "GETANDREFRESH", "REFRESH"])` is `Some("GETANDREFRESH")`.
pub(crate) fn nearest<I>(word: &str, candidates: I) -> Option<&'static str>
where
    I: IntoIterator<Item = &'static str>,
{
    if word.len() > 2 * LONGEST {
        return None;
    }
    let wanted_len = normalized_len(word);
    let near = |candidate: &str| {
        let len = normalized_len(candidate);
        wanted_len.abs_diff(len) <= edit_limit(len)
    };
    let mut wanted = None;
    let mut best: Option<(usize, &'static str)> = None;
    for candidate in candidates {
        // The distance is at least the difference in length: most candidates are ruled out
        // here, before anything is allocated.
        if !near(candidate) {
            continue;
        }
        let wanted = wanted.get_or_insert_with(|| normalized(word));
        let target = normalized(candidate);
        // Optimal string alignment: edits plus adjacent transpositions, the usual typos.
        let distance = strsim::osa_distance(wanted, &target);
        if distance <= edit_limit(target.chars().count()) && best.is_none_or(|(d, _)| distance < d)
        {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn nearest_table() {
        let values = ["OFF", "GETANDREFRESH", "REFRESH"];
        for (word, want) in [
            ("GETANDREFERSH", Some("GETANDREFRESH")),
            ("getandrefresh", Some("GETANDREFRESH")),
            ("get_and_refresh", Some("GETANDREFRESH")),
            ("REFRESHH", Some("REFRESH")),
            ("ALWAYS", None),
            ("OF", Some("OFF")),
            ("", None),
        ] {
            assert_eq!(nearest(word, values), want, "{word:?}");
        }
        assert_eq!(nearest(&"x".repeat(1000), values), None);
    }
}
