//! Cookies: the `Cookie` header parsed as the incumbent's `cookie` package (1.1.1) parses it,
//! the instance's suffixed names (`__session_<suffix>`), the choice between the suffixed and the
//! un-suffixed set (`usesSuffixedCookies`), and the `Set-Cookie` directives the flow reads or
//! writes (the session token among a handshake's cookies, the redirect-loop counter).

use super::coerce::{decode_uri_component, less_than, to_number, truthy, truthy_or_zero};
use super::peek;
use super::publishable_key::InstanceType;

pub const SESSION: &str = "__session";
pub const REFRESH: &str = "__refresh";
pub const CLIENT_UAT: &str = "__client_uat";
pub const HANDSHAKE: &str = "__clerk_handshake";
pub const DEV_BROWSER: &str = "__clerk_db_jwt";
pub const REDIRECT_COUNT: &str = "__clerk_redirect_count";
pub const HANDSHAKE_NONCE: &str = "__clerk_handshake_nonce";

/// The request's cookies: name -> value, the first occurrence of a name wins.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Jar(Vec<(String, String)>);

fn trim_sp_tab(s: &str) -> &str {
    s.trim_matches([' ', '\t'])
}

impl Jar {
    /// `cookie.parse(header)`: pairs split on `;`, name and value trimmed of spaces and tabs,
    /// values percent-decoded where `decodeURIComponent` succeeds (else kept as they are).
    pub fn parse(header: &str) -> Jar {
        let mut out: Vec<(String, String)> = Vec::new();
        if header.len() < 2 {
            return Jar(out);
        }
        let mut index = 0;
        while index < header.len() {
            let Some(eq) = header[index..].find('=').map(|i| i + index) else {
                break;
            };
            let end = header[index..]
                .find(';')
                .map_or(header.len(), |i| i + index);
            if eq > end {
                // A pair without '=': resume after the last ';' before this '='.
                index = header[..eq].rfind(';').map_or(0, |i| i + 1);
                continue;
            }
            let key = trim_sp_tab(&header[index..eq]);
            if !out.iter().any(|(k, _)| k == key) {
                let raw = trim_sp_tab(&header[eq + 1..end]);
                let value = if raw.contains('%') {
                    decode_uri_component(raw).unwrap_or_else(|| raw.to_string())
                } else {
                    raw.to_string()
                };
                out.push((key.to_string(), value));
            }
            index = end + 1;
        }
        Jar(out)
    }

    /// `cookies.get(name) || undefined`: empty values count as absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

pub fn suffixed(name: &str, suffix: &str) -> String {
    format!("{name}_{suffix}")
}

/// `iss` with every `http://`/`https://` removed (case-insensitive), as `tokenBelongsToInstance`.
fn strip_scheme(iss: &str) -> String {
    let mut out = String::with_capacity(iss.len());
    let mut rest = iss;
    while !rest.is_empty() {
        let lower = rest.get(..8).map(str::to_ascii_lowercase);
        let lower7 = rest.get(..7).map(str::to_ascii_lowercase);
        if lower.as_deref() == Some("https://") {
            rest = &rest[8..];
        } else if lower7.as_deref() == Some("http://") {
            rest = &rest[7..];
        } else {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// What `usesSuffixedCookies` looks at.
pub struct SuffixInputs<'a> {
    pub jar: &'a Jar,
    pub suffix: &'a str,
    pub instance_type: InstanceType,
    /// The Frontend API of the publishable key (with a production satellite's domain, never the
    /// proxy): the issuer the instance's tokens carry.
    pub original_frontend_api: &'a str,
    pub now_ms: f64,
}

/// `usesSuffixedCookies`: whether the suffixed cookie set (`__session_<suffix>`, ...) is the one
/// to trust. The comments follow the incumbent's.
pub fn uses_suffixed(i: &SuffixInputs) -> bool {
    let suffixed_uat = i.jar.get(&suffixed(CLIENT_UAT, i.suffix));
    let uat = i.jar.get(CLIENT_UAT);
    let suffixed_session = i.jar.get(&suffixed(SESSION, i.suffix)).unwrap_or("");
    let session = i.jar.get(SESSION).unwrap_or("");
    let session_jwt = peek::decode(session);

    // A malformed un-suffixed session (no `iss`): use it, so the request ends signed out.
    if !session.is_empty() {
        let has_issuer = session_jwt.as_ref().is_some_and(|j| truthy(j.claim("iss")));
        if !has_issuer {
            return false;
        }
        // An un-suffixed token of another instance: trust the suffixed set.
        let belongs = session_jwt
            .as_ref()
            .and_then(|j| j.claim_str("iss"))
            .is_some_and(|iss| strip_scheme(iss) == i.original_frontend_api);
        if !belongs {
            return true;
        }
    }
    if suffixed_uat.is_none() && suffixed_session.is_empty() {
        return false;
    }
    let suffixed_jwt = peek::decode(suffixed_session);
    let session_iat = truthy_or_zero(session_jwt.as_ref().and_then(|j| j.claim("iat")));
    let suffixed_iat = truthy_or_zero(suffixed_jwt.as_ref().and_then(|j| j.claim("iat")));
    // Both say signed in and the un-suffixed token is newer.
    if suffixed_uat != Some("0") && uat != Some("0") && less_than(&suffixed_iat, &session_iat) {
        return false;
    }
    // Suffixed says signed out, un-suffixed signed in: un-suffixed is written by every clerk-js.
    if suffixed_uat == Some("0") && uat != Some("0") {
        return false;
    }
    // In development the suffixed uat is not reliable: an expired suffixed session loses.
    if i.instance_type != InstanceType::Production {
        let now_s = (i.now_ms / 1000.0).trunc();
        let expired = suffixed_jwt
            .as_ref()
            .is_some_and(|j| to_number(j.claim("exp")) <= now_s);
        if suffixed_uat != Some("0") && uat == Some("0") && expired {
            return false;
        }
    }
    // A suffixed session without its uat (the feature disabled in FAPI): un-suffixed.
    if suffixed_uat.is_none() && !suffixed_session.is_empty() {
        return false;
    }
    true
}

/// `getCookieName`: the text before the first `=` of the first `;`-part.
pub fn directive_name(directive: &str) -> &str {
    let first = directive.split(';').next().unwrap_or("");
    first.split('=').next().unwrap_or("")
}

/// `getCookieValue`: the text between the first and the second `=` of the first `;`-part.
pub fn directive_value(directive: &str) -> &str {
    let first = directive.split(';').next().unwrap_or("");
    first.split('=').nth(1).unwrap_or("")
}

/// The session token a list of `Set-Cookie` directives carries: the value of the last one whose
/// name starts with `__session` (empty when none does).
pub fn session_from_directives(directives: &[String]) -> String {
    directives
        .iter()
        .rfind(|d| directive_name(d).starts_with(SESSION))
        .map(|d| directive_value(d).to_string())
        .unwrap_or_default()
}

/// The counter cookie a handshake redirect sets (it expires after 2 s).
pub fn redirect_count_directive(count: f64) -> String {
    // `Number(cookie) || 0` can be a fraction (`2.5`): written as JSON writes numbers, not
    // with Rust's float formatting (which is ~18 KB of wasm).
    let text = super::coerce::json_number(count + 1.0).to_string();
    format!("{REDIRECT_COUNT}={text}; SameSite=Lax; HttpOnly; Max-Age=2")
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64ct::{Base64UrlUnpadded, Encoding};

    #[test]
    fn parses_like_the_cookie_package() {
        let j = Jar::parse("a=1; b = 2 ;c=%20x; a=3; bad; d=%zz; e=; f=x=y");
        assert_eq!(j.get("a"), Some("1"));
        assert_eq!(j.get("b"), Some("2"));
        assert_eq!(j.get("c"), Some(" x"));
        assert_eq!(j.get("d"), Some("%zz"));
        assert_eq!(j.get("e"), None);
        assert_eq!(j.get("f"), Some("x=y"));
        assert_eq!(j.get("bad"), None);
        assert_eq!(Jar::parse("x").get("x"), None);
        // "k;v=1": the pair without '=' is skipped and parsing resumes after its ';'.
        assert_eq!(Jar::parse("k;v=1").get("v"), Some("1"));
        assert_eq!(Jar::parse("k;v=1").get("k;v"), None);
    }

    #[test]
    fn directives() {
        let d = vec![
            "__client_uat=5; Path=/".to_string(),
            "__session_abc=tok.en.1; Path=/; Secure".to_string(),
            "__session=tok.en.2; Path=/".to_string(),
        ];
        assert_eq!(session_from_directives(&d), "tok.en.2");
        assert_eq!(directive_name("x=y=z; a=b"), "x");
        assert_eq!(directive_value("x=y=z; a=b"), "y");
        assert_eq!(session_from_directives(&[]), "");
        assert_eq!(
            redirect_count_directive(2.0),
            "__clerk_redirect_count=3; SameSite=Lax; HttpOnly; Max-Age=2"
        );
        assert_eq!(strip_scheme("HTTPS://clerk.a.com"), "clerk.a.com");
        assert_eq!(strip_scheme("https://x.comhttp://"), "x.com");
    }

    fn jwt(payload: &str) -> String {
        format!(
            "e30.{}.AA",
            Base64UrlUnpadded::encode_string(payload.as_bytes())
        )
    }

    fn uses(cookies: &str, instance: InstanceType) -> bool {
        let jar = Jar::parse(cookies);
        uses_suffixed(&SuffixInputs {
            jar: &jar,
            suffix: "sfx",
            instance_type: instance,
            original_frontend_api: "clerk.app.com",
            now_ms: 1_000_000.0,
        })
    }

    // The cases of the incumbent's authenticateContext.test.ts, by name.
    #[test]
    fn suffixed_or_unsuffixed() {
        use InstanceType::*;
        let mine = |iat: i64, exp: i64| {
            jwt(&format!(
                r#"{{"iss":"https://clerk.app.com","iat":{iat},"exp":{exp}}}"#
            ))
        };
        let other = jwt(r#"{"iss":"https://clerk.other.com","iat":5}"#);
        // no cookies / only un-suffixed
        assert!(!uses("", Production));
        assert!(!uses(
            &format!("__session={}; __client_uat=5", mine(5, 9)),
            Production
        ));
        // un-suffixed token without iss: un-suffixed
        assert!(!uses(
            &format!(
                "__session={}; __session_sfx={}; __client_uat_sfx=5",
                jwt("{}"),
                mine(5, 9)
            ),
            Production
        ));
        // un-suffixed token of another instance: suffixed
        assert!(uses(&format!("__session={other}"), Production));
        // both signed in, un-suffixed newer: un-suffixed
        let both = format!(
            "__session={}; __client_uat=8; __session_sfx={}; __client_uat_sfx=5",
            mine(8, 2000),
            mine(5, 2000)
        );
        assert!(!uses(&both, Production));
        // both signed in, suffixed newer: suffixed
        let both = format!(
            "__session={}; __client_uat=5; __session_sfx={}; __client_uat_sfx=8",
            mine(5, 2000),
            mine(8, 2000)
        );
        assert!(uses(&both, Production));
        // suffixed uat 0, un-suffixed signed in: un-suffixed
        assert!(!uses(
            &format!(
                "__session={}; __client_uat=5; __client_uat_sfx=0",
                mine(5, 2000)
            ),
            Production
        ));
        // suffixed signed in, un-suffixed uat 0: suffixed in production...
        let s = format!(
            "__client_uat=0; __session_sfx={}; __client_uat_sfx=5",
            mine(5, 900)
        );
        assert!(uses(&s, Production));
        // ...and in development only while the suffixed session has not expired (now = 1000 s).
        assert!(!uses(&s, Development));
        let s = format!(
            "__client_uat=0; __session_sfx={}; __client_uat_sfx=5",
            mine(5, 2000)
        );
        assert!(uses(&s, Development));
        // suffixed session without its uat: un-suffixed
        assert!(!uses(
            &format!("__session_sfx={}", mine(5, 2000)),
            Production
        ));
    }
}
