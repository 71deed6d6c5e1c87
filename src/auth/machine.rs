//! Which kind of token a bearer string is, as `@clerk/backend` classifies it: opaque machine
//! tokens by prefix, machine JWTs by shape (M2M: `sub` starts with `mch_`; OAuth: `typ` at+jwt).

use super::jwt::{self, CATEGORY_IGNORE, CATEGORY_SESSION};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenType {
    Session,
    ApiKey,
    M2m,
    OAuth,
}

impl TokenType {
    pub fn name(self) -> &'static str {
        match self {
            TokenType::Session => "session_token",
            TokenType::ApiKey => "api_key",
            TokenType::M2m => "m2m_token",
            TokenType::OAuth => "oauth_token",
        }
    }
    pub fn from_name(s: &str) -> Option<TokenType> {
        [
            TokenType::Session,
            TokenType::ApiKey,
            TokenType::M2m,
            TokenType::OAuth,
        ]
        .into_iter()
        .find(|t| t.name() == s)
    }
    pub fn is_machine(self) -> bool {
        self != TokenType::Session
    }
}

pub const OAUTH_JWT_TYPES: [&str; 2] = ["at+jwt", "application/at+jwt"];

/// `^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$`
pub fn is_jwt_format(token: &str) -> bool {
    let mut parts = 0;
    for part in token.split('.') {
        parts += 1;
        if part.is_empty()
            || !part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return false;
        }
    }
    parts == 3
}

pub fn is_oauth_jwt(token: &str) -> bool {
    is_jwt_format(token)
        && jwt::decode(token).is_ok_and(|d| d.typ().is_some_and(|t| OAUTH_JWT_TYPES.contains(&t)))
}

pub fn is_m2m_jwt(token: &str) -> bool {
    is_jwt_format(token)
        && jwt::decode(token)
            .is_ok_and(|d| d.claim_str("sub").is_some_and(|s| s.starts_with("mch_")))
}

/// A decodable JWT whose `cat` header is set to anything but the session/ignore categories.
pub fn has_non_session_category(token: &str) -> bool {
    jwt::decode(token).is_ok_and(|d| {
        d.cat()
            .is_some_and(|c| c != CATEGORY_SESSION && c != CATEGORY_IGNORE)
    })
}

/// The machine token type, or None for anything else (treated as a session token).
pub fn machine_type(token: &str) -> Option<TokenType> {
    if token.starts_with("mt_") || is_m2m_jwt(token) {
        Some(TokenType::M2m)
    } else if token.starts_with("oat_") || is_oauth_jwt(token) {
        Some(TokenType::OAuth)
    } else if token.starts_with("ak_") {
        Some(TokenType::ApiKey)
    } else {
        None
    }
}

/// `Authorization` header -> token, as the incumbent splits it: `Bearer x` -> x, a single word
/// is taken as the token, any other scheme -> none.
pub fn token_from_authorization(value: &str) -> Option<&str> {
    if value.is_empty() {
        return None;
    }
    let mut it = value.splitn(3, ' ');
    let scheme = it.next().unwrap_or("");
    match it.next() {
        None | Some("") => Some(scheme).filter(|s| !s.is_empty()),
        Some(token) if scheme == "Bearer" => Some(token),
        Some(_) => None,
    }
}

/// A cookie's value from a `Cookie` header (first occurrence).
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k.trim() == name).then(|| v.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_header_like_the_incumbent() {
        assert_eq!(token_from_authorization("Bearer abc"), Some("abc"));
        assert_eq!(token_from_authorization("abc"), Some("abc"));
        assert_eq!(token_from_authorization("Basic abc"), None);
        assert_eq!(token_from_authorization("Bearer a b"), Some("a"));
        assert_eq!(token_from_authorization(""), None);
    }

    #[test]
    fn classification() {
        assert_eq!(machine_type("ak_123"), Some(TokenType::ApiKey));
        assert_eq!(machine_type("mt_123"), Some(TokenType::M2m));
        assert_eq!(machine_type("oat_123"), Some(TokenType::OAuth));
        assert_eq!(machine_type("a.b.c"), None);
        assert!(is_jwt_format("a.b.c") && !is_jwt_format("a.b") && !is_jwt_format("a..c"));
        assert_eq!(cookie("a=1; __session=tok; b=2", "__session"), Some("tok"));
    }
}
