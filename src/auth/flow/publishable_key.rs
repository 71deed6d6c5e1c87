//! The publishable key, as `@clerk/shared/keys` reads it: `pk_test_`/`pk_live_` + base64 of
//! `<frontend API>$`. From it come the instance type, the Frontend API (unless `proxyUrl` or a
//! production satellite's `domain` replaces it) and the cookie suffix (SHA-1 of the key).

use base64ct::{Base64, Base64Unpadded, Encoding};
use sha1::{Digest, Sha1};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceType {
    Development,
    Production,
}

impl InstanceType {
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceType::Development => "development",
            InstanceType::Production => "production",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishableKey {
    pub instance_type: InstanceType,
    /// The decoded Frontend API host (bytes above 0x7f read as Latin-1, as `atob` gives them).
    pub frontend_api: String,
}

/// Why a publishable key is refused (the incumbent's two messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    Missing,
    Invalid,
}

impl KeyError {
    pub fn message(&self) -> &'static str {
        match self {
            KeyError::Missing => "Publishable key is missing.",
            KeyError::Invalid => {
                "Publishable key not valid (expected format: pk_test_... or pk_live_...)."
            }
        }
    }
}

/// `atob`'s forgiving base64: ASCII whitespace removed, optional padding, leftover bits ignored.
fn atob(input: &str) -> Option<Vec<u8>> {
    let mut s: Vec<u8> = input
        .bytes()
        .filter(|b| !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' '))
        .collect();
    if s.len().is_multiple_of(4) {
        for _ in 0..2 {
            if s.last() == Some(&b'=') {
                s.pop();
            }
        }
    }
    if s.len() % 4 == 1
        || !s
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/'))
    {
        return None;
    }
    // The crate insists on canonical encodings; atob discards the bits past the last byte.
    let keep = match s.len() % 4 {
        2 => 0b110000,
        3 => 0b111100,
        _ => 0b111111,
    };
    if let Some(last) = s.last_mut() {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let value = ALPHABET.iter().position(|c| c == last)? as u8;
        *last = ALPHABET[(value & keep) as usize];
    }
    Base64Unpadded::decode_vec(std::str::from_utf8(&s).ok()?).ok()
}

/// `isPublishableKey` + `parsePublishableKey` without options.
pub fn parse(key: &str) -> Result<PublishableKey, KeyError> {
    if key.is_empty() {
        return Err(KeyError::Missing);
    }
    let instance_type = if key.starts_with("pk_live_") {
        InstanceType::Production
    } else if key.starts_with("pk_test_") {
        InstanceType::Development
    } else {
        return Err(KeyError::Invalid);
    };
    let parts: Vec<&str> = key.split('_').collect();
    if parts.len() != 3 || parts[2].is_empty() {
        return Err(KeyError::Invalid);
    }
    let decoded: String = atob(parts[2])
        .ok_or(KeyError::Invalid)?
        .into_iter()
        .map(char::from)
        .collect();
    let host = decoded.strip_suffix('$').ok_or(KeyError::Invalid)?;
    if host.contains('$') || !host.contains('.') {
        return Err(KeyError::Invalid);
    }
    Ok(PublishableKey {
        instance_type,
        frontend_api: host.to_string(),
    })
}

impl PublishableKey {
    /// The Frontend API the flow talks to: an (absolute) `proxyUrl`, else `clerk.<domain>` for a
    /// production satellite, else the key's own (`parsePublishableKey` with options).
    pub fn frontend_api_with(&self, proxy_url: &str, domain: &str, is_satellite: bool) -> String {
        if !proxy_url.is_empty() {
            proxy_url.to_string()
        } else if self.instance_type == InstanceType::Production
            && !domain.is_empty()
            && is_satellite
        {
            format!("clerk.{domain}")
        } else {
            self.frontend_api.clone()
        }
    }
}

/// `getCookieSuffix`: SHA-1 of the key, base64 with `-` and `_`, first 8 characters.
pub fn cookie_suffix(publishable_key: &str) -> String {
    let digest = Sha1::digest(publishable_key.as_bytes());
    Base64::encode_string(&digest)
        .chars()
        .take(8)
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect()
}

/// `isDevelopmentFromSecretKey`.
pub fn is_development_secret_key(secret_key: &str) -> bool {
    secret_key.starts_with("test_") || secret_key.starts_with("sk_test_")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Cases from @clerk/shared's keys.spec.ts.
    #[test]
    fn parses_like_clerk_shared() {
        let k = parse("pk_live_ZmFrZS1jbGVyay10ZXN0LmNsZXJrLmFjY291bnRzLmRldiQ").unwrap();
        assert_eq!(k.instance_type, InstanceType::Production);
        assert_eq!(k.frontend_api, "fake-clerk-test.clerk.accounts.dev");
        let k = parse("pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk").unwrap();
        assert_eq!(k.instance_type, InstanceType::Development);
        assert_eq!(k.frontend_api, "foo-bar-13.clerk.accounts.dev");
        assert!(parse("pk_test_Y2xlcmsuY2xlcmsuZGV2JA==").is_ok());
        assert_eq!(parse(""), Err(KeyError::Missing));
        for bad in [
            "whatever",
            "fake_pk",
            "pk_live",
            "pk_live_",
            "pk_live_invalid",
            "pk_live_invalid!@#$",
            "pk_live_ZmFrZS1jbGVyay1tYWxmb3JtZWQuY2xlcmsuYWNjb3VudHMuZGV2JGV4dHJh",
            "pk_live_ZmFrZS1jbGVyay1tdWx0aXBsZS5jbGVyay5hY2NvdW50cy5kZXYkJA==",
            "pk_live_JGZha2UtY2xlcmstcHJlZml4LmNsZXJrLmFjY291bnRzLmRldiQ=",
            "pk_live_aW52YWxpZGtleSQ=",
            "pk_test_Y2xlcmsuY2xlcmsuZGV2JGV4dHJh",
            "clerk.clerk.com",
        ] {
            assert_eq!(parse(bad), Err(KeyError::Invalid), "{bad}");
        }
    }

    #[test]
    fn atob_is_forgiving() {
        // Whitespace, missing padding and non-zero leftover bits are all accepted by atob.
        assert_eq!(atob("Y Q==").unwrap(), b"a");
        assert_eq!(atob("YQ").unwrap(), b"a");
        assert_eq!(atob("YR").unwrap(), b"a");
        assert!(atob("Y").is_none());
        assert!(atob("Y===").is_none());
        assert!(atob("Y-Q=").is_none());
    }

    #[test]
    fn frontend_api_options() {
        let live = parse("pk_live_ZmFrZS1jbGVyay10ZXN0LmNsZXJrLmFjY291bnRzLmRldiQ=").unwrap();
        assert_eq!(
            live.frontend_api_with("example.com/__clerk", "", false),
            "example.com/__clerk"
        );
        assert_eq!(
            live.frontend_api_with("", "example.com", true),
            "clerk.example.com"
        );
        assert_eq!(
            live.frontend_api_with("", "example.com", false),
            "fake-clerk-test.clerk.accounts.dev"
        );
        let test = parse("pk_test_Y2xlcmsuY2xlcmsuZGV2JA==").unwrap();
        assert_eq!(
            test.frontend_api_with("", "example.com", true),
            "clerk.clerk.dev"
        );
    }

    #[test]
    fn cookie_suffixes() {
        assert_eq!(
            cookie_suffix("pk_live_ZmFrZS1jbGVyay10ZXN0LmNsZXJrLmFjY291bnRzLmRldiQ="),
            "qReyu04C"
        );
        assert_eq!(cookie_suffix("pk_test_Y2xlcmsuY2xlcmsuZGV2JA"), "QvfNY2dr");
        assert_eq!(
            cookie_suffix("pk_test_ZW5vdWdoLWFscGFjYS04Mi5jbGVyay5hY2NvdW50cy5sY2xjbGVyay5jb20k"),
            "jtYvyt_H"
        );
        assert_eq!(
            cookie_suffix("pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA"),
            "vWCgMp3A"
        );
    }

    #[test]
    fn secret_key_instance() {
        assert!(is_development_secret_key("sk_test_x"));
        assert!(is_development_secret_key("test_x"));
        assert!(!is_development_secret_key("sk_live_x"));
    }
}
