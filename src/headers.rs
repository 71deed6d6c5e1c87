//! Request header names and values, checked in Rust. The transport sends headers as a plain
//! object with lower-case names (cheaper for fetch than a `Headers` instance, and merging is
//! case-insensitive), so it must reject here what `Headers.set` would have rejected.

/// An HTTP token (RFC 9110 §5.6.2).
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A value fetch accepts: Latin-1 (a ByteString) without CR, LF or NUL.
pub fn valid_value(value: &str) -> bool {
    value
        .chars()
        .all(|c| (c as u32) <= 0xFF && !matches!(c, '\r' | '\n' | '\0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tokens() {
        assert!(valid_name("X-Trace-Id"));
        assert!(valid_name("clerk-api-version"));
        for bad in ["", "a b", "a:b", "é", "a\n"] {
            assert!(!valid_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn values_cannot_split_the_header() {
        assert!(valid_value("Bearer sk_test_1"));
        assert!(valid_value("café"));
        for bad in ["a\r\nX-Evil: 1", "a\n", "a\0", "☃"] {
            assert!(!valid_value(bad), "{bad:?}");
        }
    }
}
