//! The fold of SPEC §2.7, written once: keys compare ignoring case, the last non-null value of a
//! key wins, a null value removes the key, and a later value adds it again at the end.
//!
//! [`ConnectionString`](crate::ConnectionString) folds segments keyed by their text;
//! validation, and through it [`Config`](crate::Config), folds them keyed by property (a known
//! property's canonical name, so that spaced aliases merge). Each keeps its entries in a `Vec` of
//! its own; [`Fold`] is the index beside it that decides, for each segment, what happens to
//! which entry ([`Applied`]). The caller marks removed entries and drops them at the end, then
//! [`Fold::rebuild`]s the index for lookups.
//!
//! Up to [`TAGGED`] entries, a lookup compares a one-byte hash tag of the key against eight
//! entries per step and compares text only on a tag match. Larger folds use a hash table with a
//! per-process random seed, so crafted keys cannot make lookups quadratic. A removed entry stays
//! findable (a later occurrence of its key is a duplicate) until its key comes back in a new
//! entry. The tests hold the fold to a plain twin: a list searched from the start.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use crate::grammar::casefold::KeyBytes;

/// Entries filtered by tags; folds with more get a hash index.
pub(crate) const TAGGED: usize = 32;

const LO: u64 = 0x0101_0101_0101_0101;

/// Marks a removed entry's index in the hash table.
const DEAD: u32 = 1 << 31;

/// The keys of the entries a [`Fold`] indexes: entry `i`'s key as UTF-8 text.
pub(crate) trait Keys {
    fn key(&self, i: usize) -> &[u8];
}

/// What a segment does to the entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Applied {
    /// A new key with a value: push its entry (its index is the fold's length before).
    Insert,
    /// The key's live entry `i` takes the new value.
    Update(usize),
    /// The key's live entry `i` is removed (a null value): mark it, drop it at the end.
    Remove(usize),
    /// The key's entry `i` was removed; the key comes back with a value: push a new entry (at
    /// the end, as the grammar says).
    Revive(usize),
    /// A null value for a key already removed at entry `i`.
    RemoveAgain(usize),
    /// A null value for a key never seen: nothing happens.
    Skip,
}

impl Applied {
    /// The earlier entry of the same key, when the key was seen before.
    pub(crate) fn earlier(self) -> Option<usize> {
        match self {
            Applied::Update(i)
            | Applied::Remove(i)
            | Applied::Revive(i)
            | Applied::RemoveAgain(i) => Some(i),
            Applied::Insert | Applied::Skip => None,
        }
    }
}

/// The index of a fold's entries (see the module docs).
#[derive(Clone, Default)]
pub(crate) struct Fold {
    /// Entries indexed; the next entry pushed has this index.
    len: usize,
    /// Byte `i` is the tag of entry `i` ([`tag`]; never 0), or 0 when entry `i` is no longer
    /// findable (its key came back in a later entry).
    tags: [u8; TAGGED],
    /// Bit `i`: entry `i` was removed (tags only).
    dead: u32,
    /// Past [`TAGGED`] entries: entry indexes by key hash, [`DEAD`] marking removed ones.
    index: Option<(HashTable<u32>, DefaultHashBuilder)>,
    /// How many entries to make room for when the hash index is built.
    capacity: usize,
}

/// The one-byte filter of a key's hash, never 0.
#[inline(always)]
fn tag(key: KeyBytes<'_>) -> u8 {
    ((key.quick_hash() >> 56) as u8).max(1)
}

// Indexing `tags[i]` and shifting by `i` in this impl: `i < TAGGED` wherever the tags are used;
// past it the hash index takes over.
impl Fold {
    /// An empty fold.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// An empty fold that expects about `capacity` entries (its hash index, if it needs one,
    /// is built that large).
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Fold {
            capacity,
            ..Self::default()
        }
    }

    /// The index of `n` live entries (after the caller dropped the removed ones).
    pub(crate) fn rebuild<K: Keys + ?Sized>(keys: &K, n: usize) -> Self {
        let mut fold = Fold::with_capacity(n);
        for i in 0..n {
            let key = KeyBytes::of_bytes(keys.key(i));
            let hash = match &fold.index {
                None => Err(tag(key)),
                Some((_, hasher)) => Ok(hasher.hash_one(key)),
            };
            fold.push(keys, key, hash);
        }
        fold
    }

    /// The live entry whose key equals `key`.
    #[inline]
    pub(crate) fn get<K: Keys + ?Sized>(&self, keys: &K, key: &str) -> Option<usize> {
        let key = KeyBytes::of(key);
        match &self.index {
            None => self
                .find_tagged(keys, key, tag(key))
                .filter(|&i| self.dead & (1 << i) == 0),
            Some((table, hasher)) => table
                .find(hasher.hash_one(key), |&i| {
                    key.matches(keys.key((i & !DEAD) as usize))
                })
                .filter(|&&i| i & DEAD == 0)
                .map(|&i| i as usize),
        }
    }

    /// Among at most [`TAGGED`] entries, the findable one whose key equals `key`.
    #[inline(always)]
    fn find_tagged<K: Keys + ?Sized>(&self, keys: &K, key: KeyBytes<'_>, tag: u8) -> Option<usize> {
        let pattern = LO * u64::from(tag);
        // High bit of each byte of `tags` equal to `tag`, exactly (no borrow between bytes).
        // Unused slots hold 0, which no tag equals.
        let hits = |tags: u64| {
            let x = tags ^ pattern;
            let low7 = 0x7f * LO;
            !(((x & low7).wrapping_add(low7)) | x | low7)
        };
        let word = |w: usize| {
            let bytes = self.tags.get(8 * w..8 * w + 8).unwrap_or_default();
            u64::from_le_bytes(bytes.try_into().unwrap_or_default())
        };
        // Only the words that hold tags of entries.
        let words = match self.len {
            0..=8 => [hits(word(0)), 0, 0, 0],
            9..=16 => [hits(word(0)), hits(word(1)), 0, 0],
            17..=24 => [hits(word(0)), hits(word(1)), hits(word(2)), 0],
            _ => [hits(word(0)), hits(word(1)), hits(word(2)), hits(word(3))],
        };
        // A new key usually matches no tag at all: one test for all four words.
        if words.iter().fold(0, |all, w| all | w) == 0 {
            return None;
        }
        for (w, mut hits) in words.into_iter().enumerate() {
            while hits != 0 {
                let i = w * 8 + (hits.trailing_zeros() / 8) as usize;
                if key.matches(keys.key(i)) {
                    return Some(i);
                }
                hits &= hits - 1;
            }
        }
        None
    }

    /// What a segment with `key` does (a null value when `null`). `keys` are the entries so far;
    /// on [`Applied::Insert`] and [`Applied::Revive`] the caller pushes the new entry, with a
    /// key equal to `key`.
    #[inline(always)]
    pub(crate) fn apply<K: Keys + ?Sized>(
        &mut self,
        keys: &K,
        key: KeyBytes<'_>,
        null: bool,
    ) -> Applied {
        // Removing from an empty map does nothing: hostile `a=;a=;…` costs no hashing.
        if null && self.len == 0 {
            return Applied::Skip;
        }
        let (found, hash) = match &self.index {
            None => {
                let tag = tag(key);
                let found = self
                    .find_tagged(keys, key, tag)
                    .map(|i| (i, self.dead & (1 << i) != 0));
                (found, Err(tag))
            }
            Some((table, hasher)) => {
                let hash = hasher.hash_one(key);
                let found = table
                    .find(hash, |&i| key.matches(keys.key((i & !DEAD) as usize)))
                    .map(|&i| ((i & !DEAD) as usize, i & DEAD != 0));
                (found, Ok(hash))
            }
        };
        match (found, null) {
            (Some((i, false)), false) => Applied::Update(i),
            (Some((i, false)), true) => {
                self.kill(i, hash);
                Applied::Remove(i)
            }
            (Some((i, true)), false) => {
                self.supersede(i, hash);
                self.push(keys, key, hash);
                Applied::Revive(i)
            }
            (Some((i, true)), true) => Applied::RemoveAgain(i),
            (None, false) => {
                self.push(keys, key, hash);
                Applied::Insert
            }
            (None, true) => Applied::Skip,
        }
    }

    /// Indexes the entry about to be pushed (index `len`), whose key is `key`, with its tag or
    /// hash.
    #[inline(always)]
    fn push<K: Keys + ?Sized>(&mut self, keys: &K, key: KeyBytes<'_>, hash: Result<u64, u8>) {
        let i = self.len;
        self.len += 1;
        match hash {
            Err(tag) if i < TAGGED => self.tags[i] = tag,
            Err(_) => self.build_index(keys, key),
            Ok(hash) => {
                if let Some((table, hasher)) = &mut self.index {
                    // The new entry is not in `keys` yet: its key is `key`.
                    let rehash = |&j: &u32| {
                        let j = (j & !DEAD) as usize;
                        if j == i {
                            hasher.hash_one(key)
                        } else {
                            hasher.hash_one(KeyBytes::of_bytes(keys.key(j)))
                        }
                    };
                    table.insert_unique(hash, i as u32, rehash);
                }
            }
        }
    }

    /// Marks entry `i` removed; `hash` is its key's hash (index) or tag.
    #[cold]
    fn kill(&mut self, i: usize, hash: Result<u64, u8>) {
        match (&mut self.index, hash) {
            (Some((table, _)), Ok(hash)) => {
                if let Some(slot) = table.find_mut(hash, |&j| j as usize == i) {
                    *slot |= DEAD;
                }
            }
            _ => self.dead |= 1 << i,
        }
    }

    /// Entry `i`, removed, stops being findable: its key comes back in a new entry.
    #[cold]
    fn supersede(&mut self, i: usize, hash: Result<u64, u8>) {
        match (&mut self.index, hash) {
            (Some((table, _)), Ok(hash)) => {
                if let Ok(slot) = table.find_entry(hash, |&j| (j & !DEAD) as usize == i) {
                    slot.remove();
                }
            }
            _ => self.tags[i] = 0,
        }
    }

    /// Switches from tags to the hash index, with the findable entries so far and the new
    /// entry (index `len - 1`, key `key`, not in `keys` yet).
    #[cold]
    #[inline(never)]
    fn build_index<K: Keys + ?Sized>(&mut self, keys: &K, key: KeyBytes<'_>) {
        let hasher = DefaultHashBuilder::default();
        let new = self.len - 1;
        let hash_of = |j: usize| {
            if j == new {
                hasher.hash_one(key)
            } else {
                hasher.hash_one(KeyBytes::of_bytes(keys.key(j)))
            }
        };
        let mut table = HashTable::with_capacity(self.capacity.max(2 * TAGGED));
        for i in (0..new.min(TAGGED)).chain(std::iter::once(new)) {
            if i < TAGGED && self.tags[i] == 0 {
                // Superseded by a later entry of the same key.
                continue;
            }
            let marked = if i < TAGGED && self.dead & (1 << i) != 0 {
                i as u32 | DEAD
            } else {
                i as u32
            };
            table.insert_unique(hash_of(i), marked, |&j| hash_of((j & !DEAD) as usize));
        }
        self.index = Some((table, hasher));
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Keys in a `Vec`, for the fold under test.
    struct Texts(Vec<String>);

    impl Keys for Texts {
        fn key(&self, i: usize) -> &[u8] {
            self.0.get(i).map_or(&[], |k| k.as_bytes())
        }
    }

    /// The fold's entries (key, value) after a sequence of `(key, value or null)`, and every
    /// [`Applied`], through [`Fold`]; then lookups through the rebuilt index.
    fn fold(segments: &[(String, Option<String>)]) -> (Vec<(String, String)>, Vec<Applied>) {
        let mut keys = Texts(Vec::new());
        let mut values: Vec<Option<String>> = Vec::new();
        let mut fold = Fold::new();
        let mut applied = Vec::new();
        for (k, v) in segments {
            let a = fold.apply(&keys, KeyBytes::of(k), v.is_none());
            match a {
                Applied::Insert | Applied::Revive(_) => {
                    keys.0.push(k.clone());
                    values.push(v.clone());
                }
                Applied::Update(i) => values[i] = v.clone(),
                Applied::Remove(i) => values[i] = None,
                Applied::RemoveAgain(_) | Applied::Skip => {}
            }
            applied.push(a);
        }
        let entries: Vec<(String, String)> = keys
            .0
            .into_iter()
            .zip(values)
            .filter_map(|(k, v)| Some((k, v?)))
            .collect();
        // Lookups through the rebuilt index find every live key, and nothing else.
        let live = Texts(entries.iter().map(|(k, _)| k.clone()).collect());
        let index = Fold::rebuild(&live, entries.len());
        for (i, (k, _)) in entries.iter().enumerate() {
            assert_eq!(index.get(&live, &k.to_ascii_uppercase()), Some(i), "{k}");
        }
        (entries, applied)
    }

    /// The plain twin: a list searched from the start, with every earlier occurrence.
    fn naive(segments: &[(String, Option<String>)]) -> (Vec<(String, String)>, Vec<bool>) {
        let lower = |s: &str| s.chars().flat_map(char::to_lowercase).collect::<String>();
        let mut out: Vec<(String, String)> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let mut duplicate = Vec::new();
        for (k, v) in segments {
            // Seen before: an earlier occurrence with a value, or a removal of such a key.
            duplicate.push(seen.contains(&lower(k)));
            let found = out.iter().position(|(e, _)| lower(e) == lower(k));
            match (found, v) {
                (Some(i), Some(v)) => out[i].1 = v.clone(),
                (Some(i), None) => {
                    out.remove(i);
                }
                (None, Some(v)) => out.push((k.clone(), v.clone())),
                (None, None) => {}
            }
            if v.is_some() && !seen.contains(&lower(k)) {
                seen.push(lower(k));
            }
        }
        (out, duplicate)
    }

    fn segments() -> impl Strategy<Value = Vec<(String, Option<String>)>> {
        let key = prop_oneof![
            proptest::sample::select(vec!["a", "A", "b", "K", "\u{212a}", "ß", "ẞ", "Key"])
                .prop_map(str::to_owned),
            "[a-e]{1,3}",
            "k[0-9]{1,2}",
        ];
        let value = proptest::option::weighted(0.7, "[xyz]{0,2}");
        proptest::collection::vec((key, value), 0..80)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn the_fold_agrees_with_its_plain_twin(segs in segments()) {
            let (entries, applied) = fold(&segs);
            let (want, duplicate) = naive(&segs);
            prop_assert_eq!(&entries, &want);
            let dup: Vec<bool> = applied.iter().map(|a| a.earlier().is_some()).collect();
            prop_assert_eq!(dup, duplicate);
        }
    }

    #[test]
    fn removed_keys_come_back_at_the_end() {
        let seg = |k: &str, v: Option<&str>| (k.to_owned(), v.map(str::to_owned));
        let (entries, applied) = fold(&[
            seg("a", Some("1")),
            seg("b", Some("2")),
            seg("A", None),
            seg("a", None),
            seg("a", Some("3")),
        ]);
        assert_eq!(
            entries,
            [("b".into(), "2".into()), ("a".into(), "3".into())]
        );
        use Applied::*;
        assert_eq!(
            applied,
            [Insert, Insert, Remove(0), RemoveAgain(0), Revive(0)]
        );
    }
}
