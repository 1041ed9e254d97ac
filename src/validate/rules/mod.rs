//! The per-property rules, one file per group, run on the effective entries after the
//! per-occurrence pass: value types ([`values`]), the Profile ([`profile`]) and the OAuth flow
//! ([`flow`]). A new rule goes into the group it belongs to, its message into
//! [`messages`](super::messages), its name into the `rules!` table of
//! [`finding`](super::finding).

mod flow;
mod profile;
mod values;

use std::ops::Range;

use crate::grammar::chars;
use crate::grammar::syntax::Syntax;
use crate::registry::{AuthScheme, InitiateOAuth, PropertyId};
use crate::validate::callback::CheckedUrl;
use crate::validate::item::{Item, PropertyIndex, Texts};
use crate::validate::sink::Sink;

/// What the value rules read: the values the flow rules and [`Config`](crate::Config) need.
#[derive(Debug, Default)]
pub(crate) struct Values {
    pub callback_url: Option<CheckedUrl>,
    /// AuthScheme, when valid.
    pub auth_scheme: Option<AuthScheme>,
    /// InitiateOAuth (OFF when absent or invalid).
    pub initiate_oauth: InitiateOAuth,
    /// InitiateOAuth is set but not to a valid value: the flow it asks for is unknown.
    pub initiate_oauth_invalid: bool,
}

/// The item of each known property, by [`PropertyId`], and the items' text.
pub(crate) struct Slots<'a, 's> {
    items: &'a [Item],
    pub texts: &'a Texts<'s>,
    index: &'a PropertyIndex,
}

impl<'a, 's> Slots<'a, 's> {
    fn of(items: &'a [Item], index: &'a PropertyIndex, texts: &'a Texts<'s>) -> Self {
        Slots {
            items,
            texts,
            index,
        }
    }

    /// The item of `id`, if set.
    pub(crate) fn get(&self, id: PropertyId) -> Option<&'a Item> {
        self.index.find(self.items, id)
    }

    /// Is `id` set to something other than white space?
    pub(crate) fn present(&self, id: PropertyId) -> bool {
        self.get(id)
            .is_some_and(|i| !chars::trim(i.value(self.texts)).is_empty())
    }
}

/// Which of the Zoom profile's rules apply.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope {
    /// The rules about the values of the Zoom profile's properties.
    pub zoom: bool,
    /// The rules about what a whole string must hold (profile, AuthScheme, the OAuth flows).
    pub whole: bool,
}

/// Every per-property rule on `items` (`index` is theirs); findings about a missing property
/// point at `start`.
pub(crate) fn entries(
    items: &[Item],
    index: &PropertyIndex,
    texts: &Texts<'_>,
    findings: &mut Sink,
    syntax: Syntax,
    scope: Scope,
    start: Range<usize>,
) -> Values {
    let values = values::check(items, texts, findings, syntax, scope.zoom);
    if scope.zoom && scope.whole {
        let slots = Slots::of(items, index, texts);
        profile::check(&slots, findings, start.clone());
        flow::check(&slots, &values, findings, start);
    }
    values
}
