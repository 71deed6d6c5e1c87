//! Base64 in the two flavours verification needs, small enough to not pull a crate:
//! base64url as the incumbent parses JWT segments (loose padding, strict alphabet and
//! trailing bits) and standard base64 for PEM bodies and webhook secrets/signatures.

const STD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Sextet values of the base64url alphabet, 0xff for any other byte (a table: decoding is on
/// every verification's path).
const URL_VALUES: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 26 {
        t[b'A' as usize + i] = i as u8;
        t[b'a' as usize + i] = 26 + i as u8;
        i += 1;
    }
    let mut d = 0;
    while d < 10 {
        t[b'0' as usize + d] = 52 + d as u8;
        d += 1;
    }
    t[b'-' as usize] = 62;
    t[b'_' as usize] = 63;
    t
};

fn url_value(c: u8) -> Option<u32> {
    match URL_VALUES[c as usize] {
        0xff => None,
        v => Some(v as u32),
    }
}

fn std_value(c: u8) -> Option<u32> {
    match c {
        b'+' => Some(62),
        b'/' => Some(63),
        b'-' | b'_' => None,
        _ => url_value(c),
    }
}

fn decode_with(input: &[u8], value: fn(u8) -> Option<u32>) -> Option<Vec<u8>> {
    // Trailing '=' are ignored (loose), anywhere else they are invalid characters.
    let mut end = input.len();
    while end > 0 && input[end - 1] == b'=' {
        end -= 1;
    }
    let mut out = Vec::with_capacity(end * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &c in &input[..end] {
        buffer = (buffer << 6) | value(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
        buffer &= (1 << bits) - 1;
    }
    // A lone sextet or non-zero leftover bits is not a canonical encoding ("Unexpected end of data").
    if bits >= 6 || buffer != 0 {
        return None;
    }
    Some(out)
}

/// base64url as `@clerk/backend` parses JWT segments: `A-Z a-z 0-9 - _`, trailing `=` ignored,
/// non-zero leftover bits rejected.
pub fn decode_url(input: &str) -> Option<Vec<u8>> {
    decode_with(input.as_bytes(), url_value)
}

/// Standard base64 (`+` `/`), optional padding, same strictness on leftover bits.
pub fn decode_std(input: &str) -> Option<Vec<u8>> {
    decode_with(input.as_bytes(), std_value)
}

/// Standard base64 with padding (webhook signatures are compared in this form).
pub fn encode_std(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(STD[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_roundtrip_and_strictness() {
        assert_eq!(decode_url("eyJhIjoxfQ").unwrap(), b"{\"a\":1}");
        assert_eq!(decode_url("eyJhIjoxfQ==").unwrap(), b"{\"a\":1}");
        assert_eq!(decode_url("").unwrap(), b"");
        assert!(decode_url("a").is_none(), "lone sextet");
        assert!(decode_url("ab").is_none(), "non-zero leftover bits");
        assert!(decode_url("aQ").is_some());
        assert!(
            decode_url("a+b/").is_none(),
            "standard alphabet is not base64url"
        );
        assert!(decode_url("a=aa").is_none(), "padding in the middle");
    }

    #[test]
    fn std_encode_decode() {
        for s in ["", "f", "fo", "foo", "foob", "fooba", "foobar"] {
            let e = encode_std(s.as_bytes());
            assert_eq!(decode_std(&e).unwrap(), s.as_bytes());
        }
        assert_eq!(encode_std(b"foobar"), "Zm9vYmFy");
        assert_eq!(encode_std(b"fo"), "Zm8=");
        assert!(decode_std("Zm8-").is_none());
    }
}
