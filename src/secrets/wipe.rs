//! [`wipe`]: zeroing a buffer that held secret text before its memory is reused.

/// Zeroes the whole buffer of `s` — its text and its spare capacity — and leaves it empty, with
/// its capacity.
///
/// This is what `zeroize`'s `Zeroize for String` promises, done as one bulk write: that
/// implementation writes the text one volatile byte at a time (about two instructions a
/// byte), while `Zeroize for str` fills the bytes and then passes them through an optimisation
/// barrier, so the fill cannot be elided.
pub(crate) fn wipe(s: &mut String) {
    zero(s);
    s.clear();
}

/// [`wipe`] before its `clear`: every byte of the buffer is NUL and the string is as long as
/// its capacity.
fn zero(s: &mut String) {
    // The spare capacity is made part of the text first (within the capacity: no
    // reallocation), so that the barrier-protected fill covers the whole buffer.
    let spare = s.capacity() - s.len();
    if spare > 0 {
        s.extend(std::iter::repeat_n('\0', spare));
    }
    zeroize::Zeroize::zeroize(s.as_mut_str());
}

#[cfg(test)]
mod tests {
    use super::{wipe, zero};

    #[test]
    fn the_whole_buffer_is_zeroed_and_kept() {
        // (text, extra capacity)
        let cases: [(&str, usize); 5] = [
            ("", 0),
            ("", 16),
            ("OAuthClientSecret=s3cret", 0),
            ("OAuthClientSecret=s3cret", 7),
            ("Pässwörd=ü;", 100),
        ];
        for (text, extra) in cases {
            let mut s = String::with_capacity(text.len() + extra);
            s.push_str(text);
            let (ptr, cap) = (s.as_ptr(), s.capacity());
            zero(&mut s);
            assert_eq!(s.len(), cap, "{text:?}");
            assert!(s.bytes().all(|b| b == 0), "{text:?}");
            assert_eq!(
                (s.as_ptr(), s.capacity()),
                (ptr, cap),
                "no reallocation: {text:?}"
            );
            wipe(&mut s);
            assert!(s.is_empty(), "{text:?}");
            assert_eq!(s.capacity(), cap, "{text:?}");
        }
    }
}
