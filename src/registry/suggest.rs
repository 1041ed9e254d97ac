//! "Did you mean …?": the nearest name to a misspelling, for property names, enum values and the
//! secret policy's near misses.

/// Characters a spelling may add or drop without being a different name (`OAuth Client Id`,
/// `oauth_client_id`, `oauth-client-id`).
fn ignored(c: char) -> bool {
    matches!(c, ' ' | '_' | '-')
}

/// `word` lowercased, without [`ignored`] characters.
pub(crate) fn normalized(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
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

/// Buckets of a [`Letters`] histogram.
const BUCKETS: usize = 64;

/// How many times each char (folded into [`BUCKETS`] buckets) occurs in a normalized word.
/// An edit changes the histogram by at most 2 (a substitution moves one char to another
/// bucket, an insertion or deletion adds or removes one, a transposition changes nothing), so
/// two words whose histograms differ by more than `2 × limit` are more than `limit` edits
/// apart: most candidates are ruled out here, without the edit distance.
struct Letters([u8; BUCKETS]);

impl Letters {
    fn of(normalized: &str) -> Self {
        let mut counts = [0u8; BUCKETS];
        for c in normalized.chars() {
            let slot = &mut counts[c as usize % BUCKETS];
            *slot = slot.saturating_add(1);
        }
        Letters(counts)
    }

    /// Is the histogram distance at most `2 × limit`?
    fn within(&self, other: &Letters, limit: usize) -> bool {
        // A sum of absolute differences of bytes: the compiler turns it into vector code.
        let mut distance = 0u32;
        for (a, b) in self.0.iter().zip(&other.0) {
            distance += u32::from(a.abs_diff(*b));
        }
        distance as usize <= 2 * limit
    }
}

/// `word` [`normalized`] into `out`, reusing its buffer; ASCII words byte by byte.
fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(
            word.bytes()
                .filter(|&b| !ignored(char::from(b)))
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        out.extend(
            word.chars()
                .filter(|&c| !ignored(c))
                .flat_map(char::to_lowercase),
        );
    }
}

/// A word asked about: its normalized form and letters, built once the first candidate is
/// near it in length.
struct Wanted {
    normalized: String,
    letters: Letters,
}

impl Wanted {
    fn new(word: &str) -> Self {
        let mut normalized = String::new();
        normalize_into(word, &mut normalized);
        let letters = Letters::of(&normalized);
        Wanted {
            normalized,
            letters,
        }
    }

    /// The distance to a candidate (`normalized`, with its `letters`) when it is within the
    /// candidate's [`edit_limit`]: ruled out by [`Letters`] before the edit distance is
    /// computed.
    fn distance(&self, normalized: &str, letters: &Letters) -> Option<usize> {
        let limit = edit_limit(normalized.chars().count());
        if !self.letters.within(letters, limit) {
            return None;
        }
        // Optimal string alignment: edits plus adjacent transpositions, the usual typos.
        let distance = strsim::osa_distance(&self.normalized, normalized);
        (distance <= limit).then_some(distance)
    }
}

/// Is a candidate of `len` chars (its [`normalized_len`]) too far in length from a word of
/// `wanted_len` chars to be within its [`edit_limit`]? The distance is at least the difference.
fn too_far(wanted_len: usize, len: usize) -> bool {
    wanted_len.abs_diff(len) > edit_limit(len)
}

/// The candidate nearest to `word` — ignoring case, spaces, `_` and `-`, counting edits and
/// adjacent transpositions — when it is within [`edit_limit`] edits; the first of equals.
///
/// `nearest("GETANDREFERSH", ["OFF", "GETANDREFRESH", "REFRESH"])` is `Some("GETANDREFRESH")`.
///
/// The result is that of [`nearest_plain`] (checked by proptest); ruling candidates out by
/// length and [`Letters`] only makes it cheaper. For many questions about one list,
/// [`Candidates`] prepares it once.
pub(crate) fn nearest<I>(word: &str, candidates: I) -> Option<&'static str>
where
    I: IntoIterator<Item = &'static str>,
{
    if word.len() > 2 * LONGEST {
        return None;
    }
    let wanted_len = normalized_len(word);
    let mut wanted = None;
    let mut target = String::new();
    let mut best: Option<(usize, &'static str)> = None;
    for candidate in candidates {
        if too_far(wanted_len, normalized_len(candidate)) {
            continue;
        }
        let wanted = wanted.get_or_insert_with(|| Wanted::new(word));
        normalize_into(candidate, &mut target);
        if let Some(d) = wanted.distance(&target, &Letters::of(&target))
            && best.is_none_or(|(b, _)| d < b)
        {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, name)| name)
}

/// A list of candidates prepared once — normalized, measured, their letters counted — for
/// [`Candidates::nearest`] to ask about many words (the secret policy asks about every name
/// in every value).
pub(crate) struct Candidates(Vec<(&'static str, usize, String, Letters)>);

impl Candidates {
    /// Prepares `names`.
    pub(crate) fn new(names: impl IntoIterator<Item = &'static str>) -> Self {
        Candidates(
            names
                .into_iter()
                .map(|name| {
                    let normalized = normalized(name);
                    let letters = Letters::of(&normalized);
                    (name, normalized_len(name), normalized, letters)
                })
                .collect(),
        )
    }

    /// [`nearest`] of `word` among the prepared names.
    pub(crate) fn nearest(&self, word: &str) -> Option<&'static str> {
        if word.len() > 2 * LONGEST {
            return None;
        }
        let wanted_len = normalized_len(word);
        let mut wanted = None;
        let mut best: Option<(usize, &'static str)> = None;
        for (name, len, normalized, letters) in &self.0 {
            if too_far(wanted_len, *len) {
                continue;
            }
            let wanted = wanted.get_or_insert_with(|| Wanted::new(word));
            if let Some(d) = wanted.distance(normalized, letters)
                && best.is_none_or(|(b, _)| d < b)
            {
                best = Some((d, *name));
            }
        }
        best.map(|(_, name)| name)
    }
}

/// The plain twin of [`nearest`]: the edit distance to every candidate near in length.
#[cfg(test)]
fn nearest_plain<I>(word: &str, candidates: I) -> Option<&'static str>
where
    I: IntoIterator<Item = &'static str>,
{
    if word.len() > 2 * LONGEST {
        return None;
    }
    let wanted = normalized(word);
    let mut best: Option<(usize, &'static str)> = None;
    for candidate in candidates {
        let target = normalized(candidate);
        let limit = edit_limit(target.chars().count());
        if normalized_len(word).abs_diff(normalized_len(candidate))
            > edit_limit(normalized_len(candidate))
        {
            continue;
        }
        let distance = strsim::osa_distance(&wanted, &target);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::{Candidates, nearest, nearest_plain};
    use crate::registry::PROPERTIES;
    use proptest::prelude::*;

    /// Every name and alias of the registry, the candidates the crate asks about most.
    fn names() -> Vec<&'static str> {
        PROPERTIES
            .iter()
            .flat_map(|p| std::iter::once(p.name).chain(p.aliases.iter().copied()))
            .collect()
    }

    proptest! {
        /// The filters change the cost, never the answer: misspellings of real names (a few
        /// random edits) and random words get the plain twin's result.
        #[test]
        fn nearest_is_its_plain_twin(
            pick in 0usize..1000,
            edits in proptest::collection::vec((0usize..64, 0u8..4, "[a-zA-Z _é-]"), 0..4),
            random in "[a-zA-Z _-]{0,24}",
        ) {
            let names = names();
            let mut word: Vec<char> = names[pick % names.len()].chars().collect();
            for (at, op, c) in edits {
                let c = c.chars().next().unwrap();
                let at = at % (word.len() + 1);
                match op {
                    0 => word.insert(at, c),
                    1 if at < word.len() => { word.remove(at); }
                    2 if at < word.len() => word[at] = c,
                    _ if at + 1 < word.len() => word.swap(at, at + 1),
                    _ => {}
                }
            }
            let word: String = word.into_iter().collect();
            let prepared = Candidates::new(names.iter().copied());
            for w in [word.as_str(), random.as_str()] {
                let plain = nearest_plain(w, names.iter().copied());
                prop_assert_eq!(nearest(w, names.iter().copied()), plain, "{:?}", w);
                prop_assert_eq!(prepared.nearest(w), plain, "{:?}", w);
            }
        }
    }

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
