//! The fold of a connection string's segments, written once: keys compare ignoring case, the last non-null value of a
//! key wins, a null value removes the key, and a later value adds it again at the end.
//!
//! [`ConnectionString`](crate::ConnectionString) folds segments keyed by their text;
//! validation, and through it [`Config`](crate::Config), folds them keyed by property (a known
//! property's canonical name, so that spaced aliases merge). [`Fold`] holds the entries and
//! their index; what an entry is, and where its key's text lives (a context the fold hands to
//! it), is the caller's ([`Entry`]). Each segment is [`Fold::apply`]'d with closures that make a
//! new entry or give an existing one its new value; [`Fold::finish`] drops removed entries.
//!
//! Up to [`TAGGED`] entries, a lookup compares a one-byte hash tag of the key against eight
//! entries per step and compares text only on a tag match. Larger folds use a hash table with a
//! per-process random seed, so crafted keys cannot make lookups quadratic. A removed entry stays
//! findable (a later occurrence of its key is a duplicate) until its key comes back in a new
//! entry. The tests hold the fold to a plain twin: a list searched from the start.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use crate::grammar::casefold::{KeyBytes, Probe};
use crate::grammar::chars::LO;

/// Entries filtered by tags; folds with more get a hash index.
pub(crate) const TAGGED: usize = 32;

/// Marks a removed entry's index in the hash table.
const DEAD: u32 = 1 << 31;

/// An entry of a [`Fold`]: its key's text, found through a context `C` (the buffer a
/// connection string keeps its text in, or nothing), its value, and a removal mark.
pub(crate) trait Entry<C: ?Sized> {
    /// The key as UTF-8 text.
    fn key<'a>(&'a self, ctx: &'a C) -> &'a [u8];
    /// Takes the value of a later occurrence of the same key (its key is not kept).
    fn set_value(&mut self, later: Self);
    /// Marks the entry removed (a null value); [`Fold::finish`] drops it.
    fn remove(&mut self);
    /// Was it removed?
    fn is_removed(&self) -> bool;
}

/// What a segment did to the entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Applied {
    /// A new key with a value: a new entry.
    Insert,
    /// The key's live entry `i` took the new value.
    Update(usize),
    /// The key's live entry `i` was removed (a null value).
    Remove(usize),
    /// The key's entry `i` had been removed; the key came back with a value, in a new entry (at
    /// the end, as the grammar says).
    Revive(usize),
    /// A null value for a key already removed at entry `i`.
    RemoveAgain(usize),
    /// A null value for a key never seen: nothing happened.
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

/// The entries of a fold and their index (see the module docs).
#[derive(Clone)]
pub(crate) struct Fold<E> {
    entries: Vec<E>,
    /// Byte `i` is the tag of entry `i` ([`tag`]; never 0), or 0 when entry `i` is no longer
    /// findable (its key came back in a later entry).
    tags: [u8; TAGGED],
    /// Bit `i`: entry `i` was removed (tags only).
    dead: u32,
    /// Bit `t % 64` for the tag `t` of every entry indexed by tag: a key whose bit is clear
    /// matches no entry, and is not compared with the tags at all.
    seen: u64,
    /// Past [`TAGGED`] entries: entry indexes by key hash, [`DEAD`] marking removed ones
    /// (boxed: most folds never have one, and a fold is moved whole).
    index: Option<Box<(HashTable<u32>, DefaultHashBuilder)>>,
    /// Some entry was removed; [`finish`](Self::finish) drops it.
    any_dead: bool,
}

impl<E> Default for Fold<E> {
    fn default() -> Self {
        Fold {
            entries: Vec::new(),
            tags: [0; TAGGED],
            dead: 0,
            seen: 0,
            index: None,
            any_dead: false,
        }
    }
}

/// The one-byte filter of a key's hash, never 0.
#[inline(always)]
fn tag(key: impl Probe) -> u8 {
    ((key.quick_hash() >> 56) as u8).max(1)
}

/// The bit of [`Fold::seen`] for `tag`.
#[inline(always)]
fn seen_bit(tag: u8) -> u64 {
    1 << (tag % 64)
}

// Indexing `tags[i]`, `entries[i]` and shifting by `i` in this impl: `i < TAGGED` wherever the
// tags are used (past it the hash index takes over), and every `i` comes from the index, which
// holds positions of `entries`.
impl<E> Fold<E> {
    /// An empty fold with room for about `capacity` entries.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Fold {
            entries: Vec::with_capacity(capacity),
            ..Fold::default()
        }
    }

    /// The entries, in order of first appearance (removed ones included until
    /// [`finish`](Self::finish)).
    #[inline]
    pub(crate) fn entries(&self) -> &[E] {
        &self.entries
    }

    /// The entries, taken out of the fold.
    pub(crate) fn into_entries(self) -> Vec<E> {
        self.entries
    }

    /// Drops the removed entries and rebuilds the index for lookups.
    #[inline]
    pub(crate) fn finish<C: ?Sized>(&mut self, ctx: &C)
    where
        E: Entry<C>,
    {
        if self.any_dead {
            self.drop_removed(ctx);
        }
    }

    /// [`finish`](Self::finish) of a fold with removed entries.
    #[cold]
    #[inline(never)]
    fn drop_removed<C: ?Sized>(&mut self, ctx: &C)
    where
        E: Entry<C>,
    {
        let mut entries = std::mem::take(&mut self.entries);
        entries.retain(|e| !e.is_removed());
        *self = Fold::default();
        self.entries = entries;
        for i in 0..self.entries.len() {
            let key = KeyBytes::of_bytes(self.entries[i].key(ctx));
            let hash = match self.index.as_deref() {
                None => Err(tag(key)),
                Some((_, hasher)) => Ok(hasher.hash_one(key)),
            };
            self.index_entry(ctx, i, hash);
        }
    }

    /// The live entry whose key equals `key`.
    #[inline]
    pub(crate) fn get<C: ?Sized>(&self, ctx: &C, key: &str) -> Option<&E>
    where
        E: Entry<C>,
    {
        let key = KeyBytes::of(key);
        let i = match self.index.as_deref() {
            None => self
                .find_tagged(ctx, key, tag(key))
                .filter(|&i| self.dead & (1 << i) == 0)?,
            Some((table, hasher)) => table
                .find(hasher.hash_one(key), |&i| {
                    key.matches(self.entries[(i & !DEAD) as usize].key(ctx))
                })
                .filter(|&&i| i & DEAD == 0)
                .map(|&i| i as usize)?,
        };
        self.entries.get(i)
    }

    /// Among at most [`TAGGED`] entries, the findable one whose key equals `key`.
    #[inline(always)]
    fn find_tagged<C: ?Sized>(&self, ctx: &C, key: impl Probe, tag: u8) -> Option<usize>
    where
        E: Entry<C>,
    {
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
        let words = match self.entries.len() {
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
                if key.matches(self.entries[i].key(ctx)) {
                    return Some(i);
                }
                hits &= hits - 1;
            }
        }
        None
    }

    /// Applies an occurrence `entry` of `key` (a null value when `null`): a new entry, the
    /// existing one's new value, or a removal. `ctx` is where the entries' keys are.
    #[inline(always)]
    pub(crate) fn apply<C: ?Sized>(
        &mut self,
        ctx: &C,
        key: impl Probe,
        null: bool,
        entry: E,
    ) -> Applied
    where
        E: Entry<C>,
    {
        // Removing from an empty map does nothing: hostile `a=;a=;…` costs no hashing.
        if null && self.entries.is_empty() {
            return Applied::Skip;
        }
        let (found, hash) = match self.index.as_deref() {
            None => {
                let tag = tag(key);
                // Most keys are new: their bit is clear.
                let found = if self.seen & seen_bit(tag) == 0 {
                    None
                } else {
                    self.find_tagged(ctx, key, tag)
                        .map(|i| (i, self.dead & (1 << i) != 0))
                };
                (found, Err(tag))
            }
            Some((table, hasher)) => {
                let hash = hasher.hash_one(key);
                let entries = &self.entries;
                let found = table
                    .find(hash, |&i| {
                        key.matches(entries[(i & !DEAD) as usize].key(ctx))
                    })
                    .map(|&i| ((i & !DEAD) as usize, i & DEAD != 0));
                (found, Ok(hash))
            }
        };
        match (found, null) {
            (Some((i, false)), false) => {
                self.entries[i].set_value(entry);
                Applied::Update(i)
            }
            (Some((i, false)), true) => {
                self.entries[i].remove();
                self.kill(i, hash);
                Applied::Remove(i)
            }
            (Some((i, true)), false) => {
                self.supersede(i, hash);
                self.push(ctx, entry, hash);
                Applied::Revive(i)
            }
            (Some((i, true)), true) => Applied::RemoveAgain(i),
            (None, false) => {
                self.push(ctx, entry, hash);
                Applied::Insert
            }
            (None, true) => Applied::Skip,
        }
    }

    /// Pushes `entry` and indexes it with its key's tag or hash.
    #[inline(always)]
    fn push<C: ?Sized>(&mut self, ctx: &C, entry: E, hash: Result<u64, u8>)
    where
        E: Entry<C>,
    {
        let i = self.entries.len();
        self.entries.push(entry);
        self.index_entry(ctx, i, hash);
    }

    /// Indexes entry `i` with its key's tag or hash.
    #[inline(always)]
    fn index_entry<C: ?Sized>(&mut self, ctx: &C, i: usize, hash: Result<u64, u8>)
    where
        E: Entry<C>,
    {
        match hash {
            Err(tag) if i < TAGGED => {
                self.tags[i] = tag;
                self.seen |= seen_bit(tag);
            }
            Err(_) => self.build_index(ctx),
            Ok(hash) => {
                let entries = &self.entries;
                if let Some((table, hasher)) = self.index.as_deref_mut() {
                    table.insert_unique(hash, i as u32, |&j| {
                        hasher.hash_one(KeyBytes::of_bytes(entries[(j & !DEAD) as usize].key(ctx)))
                    });
                }
            }
        }
    }

    /// Marks entry `i` removed; `hash` is its key's hash (index) or tag.
    #[cold]
    fn kill(&mut self, i: usize, hash: Result<u64, u8>) {
        self.any_dead = true;
        match (self.index.as_deref_mut(), hash) {
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
        match (self.index.as_deref_mut(), hash) {
            (Some((table, _)), Ok(hash)) => {
                if let Ok(slot) = table.find_entry(hash, |&j| (j & !DEAD) as usize == i) {
                    slot.remove();
                }
            }
            _ => self.tags[i] = 0,
        }
    }

    /// Switches from tags to the hash index, with every findable entry.
    #[cold]
    #[inline(never)]
    fn build_index<C: ?Sized>(&mut self, ctx: &C)
    where
        E: Entry<C>,
    {
        let hasher = DefaultHashBuilder::default();
        let entries = &self.entries;
        let hash_of = |j: usize| hasher.hash_one(KeyBytes::of_bytes(entries[j].key(ctx)));
        let mut table = HashTable::with_capacity(entries.capacity().max(2 * TAGGED));
        for i in 0..entries.len() {
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
        self.index = Some(Box::new((table, hasher)));
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// An entry of the test fold: key, value, removal mark.
    struct Pair(String, String, bool);

    impl Entry<()> for Pair {
        fn key<'a>(&'a self, _: &'a ()) -> &'a [u8] {
            self.0.as_bytes()
        }
        fn set_value(&mut self, later: Self) {
            self.1 = later.1;
        }
        fn remove(&mut self) {
            self.2 = true;
        }
        fn is_removed(&self) -> bool {
            self.2
        }
    }

    /// The fold's entries after a sequence of `(key, value or null)`, and what each did; then
    /// lookups of every live key.
    fn fold(segments: &[(String, Option<String>)]) -> (Vec<(String, String)>, Vec<Applied>) {
        let mut fold: Fold<Pair> = Fold::default();
        let mut applied = Vec::new();
        for (k, v) in segments {
            let value = v.clone().unwrap_or_default();
            let a = fold.apply(
                &(),
                KeyBytes::of(k),
                v.is_none(),
                Pair(k.clone(), value, false),
            );
            applied.push(a);
        }
        fold.finish(&());
        let entries: Vec<(String, String)> = fold
            .entries()
            .iter()
            .map(|p| (p.0.clone(), p.1.clone()))
            .collect();
        for (k, v) in &entries {
            let found = fold.get(&(), &k.to_ascii_uppercase()).map(|p| p.1.clone());
            assert_eq!(found.as_ref(), Some(v), "{k}");
        }
        (entries, applied)
    }

    /// The plain twin: a list searched from the start, with every earlier occurrence.
    fn naive(segments: &[(String, Option<String>)]) -> (Vec<(String, String)>, Vec<bool>) {
        let lower = crate::grammar::casefold::fold_key;
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
