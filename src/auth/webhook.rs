//! Svix / Standard Webhooks signature check: HMAC-SHA256 over `{id}.{timestamp}.{body}` with the
//! base64 secret after `whsec_`, any of the space-separated `v1,<base64>` signatures, a
//! five-minute tolerance both ways, constant-time comparison.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use base64ct::{Base64, Encoding};

use super::failure::{Failure, Reason};

pub const TOLERANCE_S: i64 = 5 * 60;

/// `whsec_<base64>` (or bare base64) -> key bytes.
pub fn secret_key(secret: &str) -> Result<Vec<u8>, Failure> {
    let b64 = secret.strip_prefix("whsec_").unwrap_or(secret);
    match Base64::decode_vec(b64) {
        Ok(k) if !k.is_empty() => Ok(k),
        _ => Err(Failure::new(
            Reason::WebhookSecretInvalid,
            "The webhook signing secret is not a whsec_ base64 secret.",
        )),
    }
}

/// `parseInt(s, 10)`: optional sign, then the leading digits.
fn parse_int(s: &str) -> Option<i64> {
    let s = s.trim_start();
    let (neg, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let v: i64 = rest.get(..digits)?.parse().ok()?;
    Some(if neg { -v } else { v })
}

fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Checks one delivery. `now_s` is the current time in whole seconds.
pub fn verify(
    key: &[u8],
    id: &str,
    timestamp: &str,
    signatures: &str,
    body: &str,
    now_s: i64,
) -> Result<(), Failure> {
    let ts = parse_int(timestamp).ok_or_else(|| {
        Failure::new(
            Reason::WebhookTimestampInvalid,
            "Invalid svix-timestamp header.",
        )
    })?;
    if now_s.saturating_sub(ts) > TOLERANCE_S {
        return Err(Failure::new(
            Reason::WebhookTimestampTooOld,
            "Message timestamp too old.",
        ));
    }
    if ts > now_s.saturating_add(TOLERANCE_S) {
        return Err(Failure::new(
            Reason::WebhookTimestampTooNew,
            "Message timestamp too new.",
        ));
    }
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return Err(Failure::new(
            Reason::WebhookSecretInvalid,
            "Unusable webhook signing secret.",
        ));
    };
    mac.update(id.as_bytes());
    mac.update(format!(".{ts}.").as_bytes());
    mac.update(body.as_bytes());
    let expected = Base64::encode_string(&mac.finalize().into_bytes());
    let matched = signatures.split_whitespace().any(|versioned| {
        let mut parts = versioned.split(',');
        parts.next() == Some("v1")
            && parts
                .next()
                .is_some_and(|sig| ct_eq(sig.as_bytes(), expected.as_bytes()))
    });
    if matched {
        Ok(())
    } else {
        Err(Failure::new(
            Reason::WebhookSignatureInvalid,
            "No matching signature found.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_int_like_js() {
        assert_eq!(parse_int("123abc"), Some(123));
        assert_eq!(parse_int("-5"), Some(-5));
        assert_eq!(parse_int("abc"), None);
    }
}
