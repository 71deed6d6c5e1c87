//! Reads a JWT's header and payload WITHOUT verifying it, as the incumbent's `decodeJwt` does:
//! three dot-separated parts, each base64url (trailing `=` ignored, canonical trailing bits),
//! header and payload UTF-8 (lossy, as `TextDecoder`) holding JSON. The flow peeks at cookies
//! before any verification: which cookie set is newer (`iat`), which instance issued it (`iss`),
//! the session id for a refresh (`sid`), the token's category (`cat`). Nothing read here is
//! trusted; verification is the verification layer's job.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct Peeked {
    pub header: Value,
    pub payload: Value,
}

fn segment(part: &str) -> Option<Vec<u8>> {
    crate::auth::base64url::decode(part.trim_end_matches('=')).ok()
}

fn json(bytes: &[u8]) -> Option<Value> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    crate::auth::json::value(text.as_bytes()).ok()
}

/// `decodeJwt`'s two messages for a token it cannot read (reason `token-invalid`).
pub const NOT_THREE_PARTS: &str =
    "Invalid JWT form. A JWT consists of three parts separated by dots.";
pub const NOT_DECODABLE: &str =
    "Invalid JWT form. The header, payload, or signature could not be decoded.";

/// `decodeJwt`, with its error message.
pub fn decode_checked(token: &str) -> Result<Peeked, &'static str> {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(NOT_THREE_PARTS);
    };
    let read = || -> Option<Peeked> {
        let header = json(&segment(h)?)?;
        let payload = json(&segment(p)?)?;
        segment(s)?;
        Some(Peeked { header, payload })
    };
    read().ok_or(NOT_DECODABLE)
}

/// `None` where `decodeJwt` reports `token-invalid`.
pub fn decode(token: &str) -> Option<Peeked> {
    decode_checked(token).ok()
}

impl Peeked {
    /// A payload claim (`None` for a payload that is not an object).
    pub fn claim(&self, name: &str) -> Option<&Value> {
        self.payload.as_object()?.get(name)
    }

    pub fn header_field(&self, name: &str) -> Option<&Value> {
        self.header.as_object()?.get(name)
    }

    pub fn claim_str(&self, name: &str) -> Option<&str> {
        self.claim(name)?.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64ct::{Base64UrlUnpadded, Encoding};

    fn b64(v: &str) -> String {
        Base64UrlUnpadded::encode_string(v.as_bytes())
    }

    #[test]
    fn decodes_like_decode_jwt() {
        let t = format!(
            "{}.{}.{}",
            b64(r#"{"alg":"RS256"}"#),
            b64(r#"{"iat":5,"sid":"sess_1"}"#),
            "AA"
        );
        let p = decode(&t).unwrap();
        assert_eq!(p.claim("iat"), Some(&Value::from(5)));
        assert_eq!(p.claim_str("sid"), Some("sess_1"));
        assert_eq!(p.header_field("alg").and_then(Value::as_str), Some("RS256"));
        // Trailing '=' are ignored, as the incumbent's loose parser does.
        let padded = format!("{}==.{}.AA", b64(r#"{"a":1}"#), b64("{}"));
        assert!(decode(&padded).is_some());
        // Two or four parts, bad base64url, bad JSON, a non-canonical signature: token-invalid.
        for bad in [
            "a.b",
            "a.b.c.d",
            "e30.e30.A",
            "e30.e3.AA",
            "e30.e30.a+b",
            "",
            "e30..AA",
        ] {
            assert!(decode(bad).is_none(), "{bad}");
        }
        // JSON that is not an object decodes; its claims read as absent.
        assert_eq!(decode_checked("a.b"), Err(NOT_THREE_PARTS));
        assert_eq!(decode_checked("a.b.c"), Err(NOT_DECODABLE));
        let null_payload = format!("e30.{}.AA", b64("null"));
        assert!(decode(&null_payload).unwrap().claim("iss").is_none());
    }
}
