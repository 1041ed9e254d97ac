//! `missing-profile` and `not-zoom-profile`.

use std::ops::Range;

use crate::grammar::chars;
use crate::registry::PropertyId;
use crate::validate::messages;
use crate::validate::rules::Slots;
use crate::validate::sink::Sink;

/// The file name of the Zoom profile.
const ZOOM_PROFILE: &str = "Zoom.apip";

pub(crate) fn check(slots: &Slots<'_, '_>, findings: &mut Sink, start: Range<usize>) {
    let Some(item) = slots
        .get(PropertyId::Profile)
        .filter(|_| slots.present(PropertyId::Profile))
    else {
        findings.push(messages::missing_profile(start));
        return;
    };
    let value = chars::trim(item.value(slots.texts));
    // The profile may be given as a path: its file name decides.
    let file = match value.bytes().rposition(|b| b == b'/' || b == b'\\') {
        // `at` is an ASCII separator: a char boundary.
        Some(at) => &value[at + 1..],
        None => value,
    };
    if !file.eq_ignore_ascii_case(ZOOM_PROFILE) {
        findings.push(messages::not_zoom_profile(item.value_span(), value));
    }
}
