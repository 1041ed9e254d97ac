//! [`Item`]: one effective entry of an analysis — a property (or another key) with its
//! winning value — as offsets into the analysed text, and [`Texts`], where the text of keys and
//! values that had escapes is kept.

use std::ops::Range;

use crate::grammar::raw::{Raw, ValueForm};
use crate::map::connection_string::TextAt;
use crate::map::fold;
use crate::registry::{PROPERTIES_LEN, Property, PropertyId};
use crate::secrets;

/// Where an item's decoded key or value is: a range of the analysed text, or, with
/// [`DECODED`] set on both ends, of the decoded text of [`Texts`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TextRef(u32, u32);

/// Marks a [`TextRef`] into the decoded text.
const DECODED: u32 = 1 << 31;

impl TextRef {
    /// `start..end` of the analysed text (inputs are under 2 GiB).
    pub(super) fn body(start: usize, end: usize) -> Self {
        TextRef(start as u32, end as u32)
    }

    /// The first `len` bytes of this text.
    pub(super) fn prefix(self, len: usize) -> Self {
        TextRef(self.0, self.0 + len as u32)
    }
}

/// The text the items of an analysis refer to: the analysed string, and the keys and values
/// whose escapes were decoded, one after the other (at most the string's length; wiped on
/// drop, since a decoded value may be a secret's).
#[derive(Debug)]
pub(crate) struct Texts<'s> {
    body: &'s str,
    decoded: String,
}

impl Drop for Texts<'_> {
    fn drop(&mut self) {
        if !self.decoded.is_empty() {
            secrets::wipe(&mut self.decoded);
        }
    }
}

impl<'s> Texts<'s> {
    pub(super) fn new(body: &'s str) -> Self {
        Texts {
            body,
            decoded: String::new(),
        }
    }

    /// The text `t` refers to.
    #[inline]
    pub(crate) fn get(&self, t: TextRef) -> &str {
        let (text, start, end) = if t.0 & DECODED == 0 {
            (self.body, t.0, t.1)
        } else {
            (self.decoded.as_str(), t.0 & !DECODED, t.1 & !DECODED)
        };
        text.get(start as usize..end as usize).unwrap_or_default()
    }

    /// Keeps `text` (decoded) and returns where it is.
    pub(super) fn keep(&mut self, text: &str) -> TextRef {
        self.decode(|out| out.push_str(text))
    }

    /// Keeps what `decode` appends and returns where it is.
    pub(super) fn decode(&mut self, decode: impl FnOnce(&mut String)) -> TextRef {
        let start = self.decoded.len() as u32;
        decode(&mut self.decoded);
        TextRef(start | DECODED, self.decoded.len() as u32 | DECODED)
    }
}

/// One effective entry, with where it came from: offsets only, its text in the [`Texts`] of
/// its analysis (a [`Config`](crate::Config) keeps its items and reads their text from its
/// map instead).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    pub property: Option<&'static Property>,
    /// The key as first spelled (decoded); empty for known properties, which the registry
    /// names.
    pub(super) key: TextRef,
    /// The decoded value of the winning occurrence.
    pub(super) value: TextRef,
    /// Where the key's first occurrence is in the input.
    pub(super) key_at: (u32, u32),
    /// Where the winning value is in the input, quotes included, and how it is written.
    pub(super) value_at: (u32, u32),
    pub(super) form: ValueForm,
    pub(super) escaped: bool,
    pub(super) removed: bool,
    /// Where the follower keeps the key of the first occurrence and the winning value.
    pub at: TextAt,
    /// The secret tracker's verdict on the winning occurrence: its key holds secret text (the
    /// rest of a secret value), its value is secret. Messages quote neither.
    pub key_withheld: bool,
    pub value_secret: bool,
}

impl Item {
    /// The canonical name of a known property, or the key as first spelled.
    pub(crate) fn name<'a>(&self, texts: &'a Texts<'_>) -> &'a str {
        self.property
            .map_or_else(|| texts.get(self.key), |p| p.name)
    }

    /// The key as first spelled (decoded); empty for a known property.
    pub(crate) fn key<'a>(&self, texts: &'a Texts<'_>) -> &'a str {
        texts.get(self.key)
    }

    /// The decoded value of the winning occurrence.
    pub(crate) fn value<'a>(&self, texts: &'a Texts<'_>) -> &'a str {
        texts.get(self.value)
    }

    /// Span of the key's first occurrence in the input.
    pub(crate) fn key_span(&self) -> Range<usize> {
        self.key_at.0 as usize..self.key_at.1 as usize
    }

    /// Span of the winning value in the input, quotes included.
    pub(crate) fn value_span(&self) -> Range<usize> {
        self.value_at.0 as usize..self.value_at.1 as usize
    }

    /// Where the key's first occurrence and the winning value (quotes included) are in the
    /// input.
    pub(crate) fn src(&self) -> TextAt {
        TextAt {
            key: self.key_at,
            value: self.value_at,
        }
    }

    /// Moves the spans `by` bytes back: from the input to the text after its prefix.
    pub(crate) fn shift_back(&mut self, by: u32) {
        for (start, end) in [&mut self.key_at, &mut self.value_at] {
            *start -= by;
            *end -= by;
        }
    }

    /// Offset in the input of byte `offset` of the decoded value.
    pub(crate) fn value_offset(&self, texts: &Texts<'_>, offset: usize) -> usize {
        let raw = Raw {
            v_start: self.value_at.0 as usize,
            v_end: self.value_at.1 as usize,
            form: self.form,
            value_escaped: self.escaped,
            ..Raw::default()
        };
        raw.value_offset(self.value(texts), offset)
    }
}

/// An item's key in the fold: a known property's canonical name (its aliases merge into it),
/// or the key as written.
impl fold::Entry<Texts<'_>> for Item {
    #[inline]
    fn key<'a>(&'a self, texts: &'a Texts<'_>) -> &'a [u8] {
        self.name(texts).as_bytes()
    }

    fn set_value(&mut self, later: Self) {
        self.value = later.value;
        self.at.value = later.at.value;
        self.value_at = later.value_at;
        self.form = later.form;
        self.escaped = later.escaped;
        // Withheld if any occurrence says so.
        self.key_withheld |= later.key_withheld;
        self.value_secret |= later.value_secret;
    }

    fn remove(&mut self) {
        self.removed = true;
    }

    fn is_removed(&self) -> bool {
        self.removed
    }
}

/// Where the item of each known property is in a slice of items, by [`PropertyId`]: what the
/// rules and a config find a property's item by. One byte a property — 0 when absent, one more
/// than its index below [`FAR`], [`FAR`] past it (a search finds it) — since a config holding
/// one is moved whole, and most strings have few entries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PropertyIndex([u8; PROPERTIES_LEN]);

/// [`PropertyIndex`] of an item too far to be numbered there.
const FAR: u8 = u8::MAX;

impl PropertyIndex {
    /// The index of no items.
    pub(crate) const EMPTY: Self = PropertyIndex([0; PROPERTIES_LEN]);

    /// The index of `items` (one item a property, as a fold leaves them).
    pub(crate) fn of(items: &[Item]) -> Self {
        let mut slots = [0; PROPERTIES_LEN];
        for (i, item) in items.iter().enumerate() {
            if let Some(slot) = item.property.and_then(|p| slots.get_mut(p.id as usize)) {
                *slot = (i + 1).min(usize::from(FAR)) as u8;
            }
        }
        PropertyIndex(slots)
    }

    /// The item of `id` in `items`, the slice this index was made of.
    #[inline]
    pub(crate) fn find<'a>(&self, items: &'a [Item], id: PropertyId) -> Option<&'a Item> {
        match *self.0.get(id as usize)? {
            FAR => Self::search(items, id),
            // 0 (absent) wraps past any slice.
            i => items.get(usize::from(i).wrapping_sub(1)),
        }
    }

    /// [`find`](Self::find) of an item past the numbered ones.
    #[cold]
    #[inline(never)]
    fn search(items: &[Item], id: PropertyId) -> Option<&Item> {
        items
            .iter()
            .find(|e| e.property.is_some_and(|p| p.id == id))
    }
}
