//! What the flow knows about one request (the incumbent's `ClerkRequest` and
//! `AuthenticateContext`): the public URL (from `x-forwarded-*`/`host` when they name another
//! origin), the headers it reads, the token in `Authorization`, and, for session flows, the
//! instance's cookies (suffixed or not), the dev-browser token, the handshake token or nonce
//! and the redirect-loop counter.

use super::coerce::{number, or_zero, parse_int};
use super::config::{frontend_api_base, Prepared};
use super::cookies::{self, suffixed, uses_suffixed, Jar, SuffixInputs};
use super::host::Host;
use super::publishable_key::{cookie_suffix, InstanceType};
use super::url::Url;

/// The request as the flow reads it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Request {
    pub method: String,
    pub url: String,
    /// Name/value pairs as `Headers` iterates them (one entry per name, values combined).
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// `headers.get(name)`: None when absent (an empty value is `Some("")`).
    pub fn header_raw(&self, name: &str) -> Option<String> {
        let values: Vec<&str> = self
            .headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect();
        (!values.is_empty()).then(|| values.join(", "))
    }

    /// `headers.get(name) || undefined`.
    pub fn header(&self, name: &str) -> Option<String> {
        self.header_raw(name).filter(|v| !v.is_empty())
    }
}

/// `ClerkRequest.deriveUrlFromHeaders`: the URL the browser used, behind proxies.
pub fn clerk_url(req: &Request, host: &impl Host) -> Option<Url> {
    let initial = host.parse_url(&req.url, None)?;
    let first = |v: Option<String>| v.map(|v| v.split(',').next().unwrap_or("").to_string());
    let resolved_host = first(req.header_raw("x-forwarded-host")).or(req.header_raw("host"));
    let resolved_proto = first(req.header_raw("x-forwarded-proto"))
        .unwrap_or_else(|| initial.protocol.replacen([':', '/'], "", 1));
    let origin = match resolved_host {
        Some(h) if !h.is_empty() && !resolved_proto.is_empty() => {
            format!("{resolved_proto}://{h}")
        }
        _ => initial.origin(),
    };
    if origin == initial.origin() {
        return Some(initial);
    }
    let path = format!("{}{}", initial.pathname, initial.search);
    Some(host.parse_url(&path, Some(&origin)).unwrap_or(initial))
}

/// `parseAuthorizationHeader`: `Bearer <token>`, or a lone word taken as the token.
pub fn token_in_header(authorization: Option<&str>) -> Option<String> {
    let value = authorization.filter(|v| !v.is_empty())?;
    let mut parts = value.split(' ');
    let scheme = parts.next().unwrap_or("");
    match parts.next() {
        None | Some("") => Some(scheme.to_string()),
        Some(token) if scheme == "Bearer" => Some(token.to_string()),
        Some(_) => None,
    }
}

/// The session-flow half of the context (absent for `acceptsToken: 'api_key' | 'm2m_token'`).
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub instance_type: InstanceType,
    /// The Frontend API handshakes go to (proxy, satellite domain or the key's own).
    pub frontend_api: String,
    /// The key's Frontend API before any proxy: the issuer of this instance's tokens.
    pub original_frontend_api: String,
    pub cookie_suffix: String,
    pub uses_suffixed_cookies: bool,
    pub session_token_in_cookie: Option<String>,
    pub refresh_token_in_cookie: Option<String>,
    /// `parseInt(__client_uat) || 0`.
    pub client_uat: f64,
    pub dev_browser_token: Option<String>,
    pub handshake_token: Option<String>,
    pub handshake_nonce: Option<String>,
    /// `Number(__clerk_redirect_count) || 0`.
    pub redirect_count: f64,
}

/// `AuthenticateContext` for one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    pub method: String,
    pub clerk_url: Url,
    pub token_in_header: Option<String>,
    pub origin: Option<String>,
    pub host: Option<String>,
    pub forwarded_host: Option<String>,
    pub forwarded_proto: Option<String>,
    pub referrer: Option<String>,
    pub user_agent: Option<String>,
    pub sec_fetch_dest: Option<String>,
    pub accept: Option<String>,
    /// `proxyUrl` made absolute against the request's origin when it is a path.
    pub proxy_url: String,
    pub session: Option<Session>,
}

impl Context {
    /// None only if the request's own URL does not parse.
    pub fn new(req: &Request, prepared: &Prepared, host: &impl Host) -> Option<Context> {
        let clerk_url = clerk_url(req, host)?;
        let o = &prepared.options;
        let proxy_url = if o.proxy_url.starts_with('/') {
            format!("{}{}", clerk_url.origin(), o.proxy_url)
        } else {
            o.proxy_url.clone()
        };
        let session = prepared.key.as_ref().map(|key| {
            let jar = Jar::parse(&req.header_raw("cookie").unwrap_or_default());
            let suffix = cookie_suffix(&o.publishable_key);
            let original = key.frontend_api_with("", &o.domain, o.is_satellite);
            let uses = uses_suffixed(&SuffixInputs {
                jar: &jar,
                suffix: &suffix,
                instance_type: key.instance_type,
                original_frontend_api: &original,
                now_ms: host.now_ms(),
            });
            let pick = |name: &str| {
                if uses {
                    jar.get(&suffixed(name, &suffix))
                } else {
                    jar.get(name)
                }
                .map(str::to_string)
            };
            let query = |name: &str| clerk_url.query_get(name).filter(|v| !v.is_empty());
            Session {
                instance_type: key.instance_type,
                frontend_api: key.frontend_api_with(&proxy_url, &o.domain, o.is_satellite),
                original_frontend_api: original.clone(),
                uses_suffixed_cookies: uses,
                session_token_in_cookie: pick(cookies::SESSION),
                refresh_token_in_cookie: jar
                    .get(&suffixed(cookies::REFRESH, &suffix))
                    .map(str::to_string),
                client_uat: or_zero(parse_int(&pick(cookies::CLIENT_UAT).unwrap_or_default())),
                dev_browser_token: query(cookies::DEV_BROWSER)
                    .or_else(|| pick(cookies::DEV_BROWSER)),
                handshake_token: query(cookies::HANDSHAKE)
                    .or_else(|| jar.get(cookies::HANDSHAKE).map(str::to_string)),
                handshake_nonce: query(cookies::HANDSHAKE_NONCE)
                    .or_else(|| jar.get(cookies::HANDSHAKE_NONCE).map(str::to_string)),
                redirect_count: or_zero(jar.get(cookies::REDIRECT_COUNT).map_or(f64::NAN, number)),
                cookie_suffix: suffix,
            }
        });
        Some(Context {
            method: req.method.clone(),
            token_in_header: token_in_header(req.header("authorization").as_deref()),
            origin: req.header("origin"),
            host: req.header("host"),
            forwarded_host: req.header("x-forwarded-host"),
            forwarded_proto: req
                .header("cloudfront-forwarded-proto")
                .or_else(|| req.header("x-forwarded-proto")),
            referrer: req.header("referer"),
            user_agent: req.header("user-agent"),
            sec_fetch_dest: req.header("sec-fetch-dest"),
            accept: req.header("accept"),
            clerk_url,
            proxy_url,
            session,
        })
    }

    /// `sessionTokenInCookie || tokenInHeader`.
    pub fn session_token(&self) -> Option<&str> {
        self.session
            .as_ref()
            .and_then(|s| s.session_token_in_cookie.as_deref())
            .or(self.token_in_header.as_deref())
    }

    /// `isRequestEligibleForHandshake`: a GET for a document (or an iframe, or, without
    /// `Sec-Fetch-Dest`, one that accepts HTML first). FAPI's handshake only takes GETs.
    pub fn eligible_for_handshake(&self) -> bool {
        if self.method != "GET" {
            return false;
        }
        match self.sec_fetch_dest.as_deref() {
            Some("document" | "iframe") => true,
            Some(_) => false,
            None => self
                .accept
                .as_deref()
                .is_some_and(|a| a.starts_with("text/html")),
        }
    }

    /// `isCrossOriginReferrer`.
    pub fn is_cross_origin_referrer(&self, host: &impl Host) -> bool {
        let Some(referrer) = &self.referrer else {
            return false;
        };
        host.parse_url(referrer, None)
            .is_some_and(|r| r.origin() != self.clerk_url.origin())
    }

    /// `isKnownClerkReferrer`: the Frontend API itself, this instance's Account Portal, or (on
    /// development instances only) a development Account Portal.
    pub fn is_known_clerk_referrer(&self, host: &impl Host) -> bool {
        let (Some(referrer), Some(session)) = (&self.referrer, &self.session) else {
            return false;
        };
        let Some(r) = host.parse_url(referrer, None) else {
            return false;
        };
        let fapi = &session.frontend_api;
        if !fapi.is_empty() {
            let fapi_host = if fapi.starts_with("http") {
                match host.parse_url(fapi, None) {
                    Some(u) => u.hostname,
                    None => return false,
                }
            } else {
                fapi.clone()
            };
            if r.hostname == fapi_host {
                return true;
            }
        }
        if session.instance_type != InstanceType::Production && is_dev_account_portal(&r.hostname) {
            return true;
        }
        let accounts = accounts_base_url(fapi);
        if accounts.is_empty() {
            return false;
        }
        match host.parse_url(&accounts, None) {
            Some(a) => r.origin() == a.origin(),
            None => false,
        }
    }

    /// The handshake endpoint's base (`https://<frontend api>/`).
    pub fn frontend_api_base(&self) -> Option<String> {
        self.session
            .as_ref()
            .map(|s| frontend_api_base(&s.frontend_api))
    }
}

/// `isLegacyDevAccountPortalOrigin || isCurrentDevAccountPortalOrigin`.
fn is_dev_account_portal(host: &str) -> bool {
    let legacy = [".lcl.dev", ".lclstage.dev", ".lclclerk.com"]
        .iter()
        .any(|s| host.starts_with("accounts.") && host.ends_with(s));
    let current = [
        ".accounts.dev",
        ".accountsstage.dev",
        ".accounts.lclclerk.com",
    ]
    .iter()
    .any(|s| host.ends_with(s) && !host.ends_with(&format!(".clerk{s}")));
    legacy || current
}

/// `buildAccountsBaseUrl`: the Account Portal of a Frontend API.
pub fn accounts_base_url(frontend_api: &str) -> String {
    if frontend_api.is_empty() {
        return String::new();
    }
    // .replace(/clerk\.accountsstage\./, 'accountsstage.').replace(/clerk\.accounts\.|clerk\./, 'accounts.')
    let s = frontend_api.replacen("clerk.accountsstage.", "accountsstage.", 1);
    let s = match (s.find("clerk.accounts."), s.find("clerk.")) {
        (Some(a), Some(c)) if a <= c => {
            format!("{}accounts.{}", &s[..a], &s[a + "clerk.accounts.".len()..])
        }
        (_, Some(c)) => format!("{}accounts.{}", &s[..c], &s[c + "clerk.".len()..]),
        _ => s,
    };
    format!("https://{s}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_header() {
        assert_eq!(token_in_header(Some("Bearer abc")).as_deref(), Some("abc"));
        assert_eq!(token_in_header(Some("abc")).as_deref(), Some("abc"));
        assert_eq!(token_in_header(Some("Basic abc")), None);
        assert_eq!(token_in_header(Some("Bearer")).as_deref(), Some("Bearer"));
        assert_eq!(
            token_in_header(Some("Bearer  x")).as_deref(),
            Some("Bearer")
        );
        assert_eq!(token_in_header(Some("bearer abc")), None);
        assert_eq!(token_in_header(None), None);
    }

    #[test]
    fn accounts_portal() {
        assert_eq!(
            accounts_base_url("clerk.example.com"),
            "https://accounts.example.com"
        );
        assert_eq!(
            accounts_base_url("foo-bar-13.clerk.accounts.dev"),
            "https://foo-bar-13.accounts.dev"
        );
        assert_eq!(
            accounts_base_url("clerk.accountsstage.dev"),
            "https://accountsstage.dev"
        );
        assert_eq!(
            accounts_base_url("proxy.example.com/__clerk"),
            "https://proxy.example.com/__clerk"
        );
        assert_eq!(accounts_base_url(""), "");
        assert!(is_dev_account_portal("foo-bar-13.accounts.dev"));
        assert!(!is_dev_account_portal("foo-bar-13.clerk.accounts.dev"));
        assert!(is_dev_account_portal("accounts.inspired.puma-74.lcl.dev"));
    }
}
