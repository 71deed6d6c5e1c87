//! Which token it is: the four token types, `acceptsToken`, and the incumbent's classification
//! of a bearer token (`tokens/machine.ts`, `tokens/jwtCategories.ts`): opaque machine tokens by
//! prefix, machine JWTs by `typ` (OAuth) or `sub` (M2M), and the header `cat` that tells a
//! session token from a JWT template or an M2M token signed by the same instance key.

use super::flow::peek;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenType {
    SessionToken,
    ApiKey,
    M2mToken,
    OAuthToken,
}

impl TokenType {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenType::SessionToken => "session_token",
            TokenType::ApiKey => "api_key",
            TokenType::M2mToken => "m2m_token",
            TokenType::OAuthToken => "oauth_token",
        }
    }

    pub fn parse(s: &str) -> Option<TokenType> {
        [
            TokenType::SessionToken,
            TokenType::ApiKey,
            TokenType::M2mToken,
            TokenType::OAuthToken,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }

    pub fn is_machine(self) -> bool {
        self != TokenType::SessionToken
    }
}

/// `acceptsToken`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accepts {
    One(TokenType),
    Many(Vec<TokenType>),
    Any,
}

impl Default for Accepts {
    fn default() -> Accepts {
        Accepts::One(TokenType::SessionToken)
    }
}

impl Accepts {
    /// `isTokenTypeAccepted`.
    pub fn accepts(&self, t: TokenType) -> bool {
        match self {
            Accepts::Any => true,
            Accepts::One(one) => *one == t,
            Accepts::Many(many) => many.contains(&t),
        }
    }
}

pub use super::jwt::{CATEGORY_IGNORE, CATEGORY_M2M, CATEGORY_SESSION};
pub const OAUTH_ACCESS_TOKEN_TYPES: [&str; 2] = ["at+jwt", "application/at+jwt"];

/// `isJwtFormat`: three non-empty runs of `[A-Za-z0-9_-]` joined by dots.
pub fn is_jwt_format(token: &str) -> bool {
    let parts: Vec<&str> = token.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

fn jwt_if_format(token: &str) -> Option<peek::Peeked> {
    if is_jwt_format(token) {
        peek::decode(token)
    } else {
        None
    }
}

/// `typ` `at+jwt` or `application/at+jwt`.
fn has_oauth_type(j: &peek::Peeked) -> bool {
    j.header_field("typ")
        .and_then(|t| t.as_str())
        .is_some_and(|t| OAUTH_ACCESS_TOKEN_TYPES.contains(&t))
}

/// A `sub` starting `mch_`.
fn has_machine_subject(j: &peek::Peeked) -> bool {
    j.claim_str("sub").is_some_and(|s| s.starts_with("mch_"))
}

/// `isOAuthJwt`: JWT-shaped with `typ` `at+jwt` or `application/at+jwt`.
pub fn is_oauth_jwt(token: &str) -> bool {
    jwt_if_format(token).is_some_and(|j| has_oauth_type(&j))
}

/// `isM2MJwt`: JWT-shaped with a `sub` starting `mch_`.
pub fn is_m2m_jwt(token: &str) -> bool {
    jwt_if_format(token).is_some_and(|j| has_machine_subject(&j))
}

pub fn is_machine_jwt(token: &str) -> bool {
    is_oauth_jwt(token) || is_m2m_jwt(token)
}

const MACHINE_PREFIXES: [&str; 3] = ["mt_", "oat_", "ak_"];

/// `isMachineToken`.
pub fn is_machine_token(token: &str) -> bool {
    MACHINE_PREFIXES.iter().any(|p| token.starts_with(p)) || is_machine_jwt(token)
}

/// `getMachineTokenType` for a token `is_machine_token` accepted.
pub fn machine_token_type(token: &str) -> TokenType {
    if token.starts_with("mt_") || is_m2m_jwt(token) {
        TokenType::M2mToken
    } else if token.starts_with("oat_") || is_oauth_jwt(token) {
        TokenType::OAuthToken
    } else {
        TokenType::ApiKey
    }
}

/// `isNonSessionJwtCategory`: a `cat` other than the session token's (or the "ignore" tag).
pub fn is_non_session_category(cat: Option<&serde_json::Value>) -> bool {
    match cat {
        None => false,
        Some(serde_json::Value::String(s)) => s != CATEGORY_SESSION && s != CATEGORY_IGNORE,
        Some(_) => true,
    }
}

/// `hasNonSessionJwtCategory`: malformed tokens say no (verification rejects them).
pub fn has_non_session_category(token: &str) -> bool {
    peek::decode(token).is_some_and(|j| is_non_session_category(j.header_field("cat")))
}

/// A token presented where a session token is expected that is some other class of JWT signed
/// by the same key (an M2M or OAuth JWT, a JWT template): `token-type-mismatch`.
pub fn is_other_class_of_jwt(token: &str) -> bool {
    peek::decode(token).is_some_and(|j| is_other_class(token, &j))
}

/// [`is_other_class_of_jwt`] for a token already decoded (`j` is its `peek::decode`): the
/// three questions (`isMachineJwt`, `hasNonSessionJwtCategory`) asked of one decoding.
pub fn is_other_class(token: &str, j: &peek::Peeked) -> bool {
    (is_jwt_format(token) && (has_oauth_type(j) || has_machine_subject(j)))
        || is_non_session_category(j.header_field("cat"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64ct::{Base64UrlUnpadded, Encoding};

    fn jwt(header: &str, payload: &str) -> String {
        let b = |s: &str| Base64UrlUnpadded::encode_string(s.as_bytes());
        format!("{}.{}.c2ln", b(header), b(payload))
    }

    #[test]
    fn classifies_like_the_incumbent() {
        assert_eq!(machine_token_type("mt_123"), TokenType::M2mToken);
        assert_eq!(machine_token_type("oat_123"), TokenType::OAuthToken);
        assert_eq!(machine_token_type("ak_123"), TokenType::ApiKey);
        let m2m = jwt(r#"{"alg":"RS256"}"#, r#"{"sub":"mch_1"}"#);
        let oauth = jwt(r#"{"alg":"RS256","typ":"at+jwt"}"#, r#"{"sub":"user_1"}"#);
        let session = jwt(r#"{"alg":"RS256","typ":"JWT"}"#, r#"{"sub":"user_1"}"#);
        let template = jwt(
            r#"{"alg":"RS256","cat":"cl_B7d4PD222AAA"}"#,
            r#"{"sub":"user_1"}"#,
        );
        assert!(is_machine_token(&m2m) && machine_token_type(&m2m) == TokenType::M2mToken);
        assert!(is_machine_token(&oauth) && machine_token_type(&oauth) == TokenType::OAuthToken);
        assert!(!is_machine_token(&session));
        assert!(is_other_class_of_jwt(&template) && !is_machine_token(&template));
        assert!(!has_non_session_category(&jwt(
            r#"{"cat":"cl_I7d4PD111III"}"#,
            "{}"
        )));
        assert!(!is_jwt_format("a.b.c=") && !is_jwt_format("a..c") && is_jwt_format("a.b.c"));
        assert!(Accepts::Any.accepts(TokenType::ApiKey));
        assert!(!Accepts::default().accepts(TokenType::ApiKey));
        assert_eq!(TokenType::parse("oauth_token"), Some(TokenType::OAuthToken));
    }
}
