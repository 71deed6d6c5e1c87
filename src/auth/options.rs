//! Reads the JS options objects of verifyToken / authenticateRequest / verifyWebhook into Rust
//! values, collecting every problem (never a value: options hold secrets). An option name the
//! function does not take is a problem too: nothing is accepted and ignored.

use std::cell::RefCell;

use js_sys::{Function, JsString, Object};
use wasm_bindgen::{JsCast, JsValue};

use super::bapi::{Api, DEFAULT_SERVER_URL};
use super::claims::{ClaimOptions, DEFAULT_CLOCK_SKEW_MS};
use super::flow::{self, config::OrganizationSyncOptions};
use super::jwks::DEFAULT_TTL_MS;
use super::token_kind::{Accepts, TokenType};
use crate::bindings;

/// Longest string accepted for any option (PEM keys of 8192 bits are ~1.5 KB).
pub const MAX_OPTION_LEN: u32 = 16 * 1024;

pub enum KeySource {
    /// `jwtKey`: PEM or JWK JSON text.
    Local(String),
    Remote,
    Missing,
}

pub struct VerifyOptions {
    pub key: KeySource,
    pub api: Option<Api>,
    pub claims: ClaimOptions,
    pub skip_jwks_cache: bool,
    pub jwks_ttl_ms: f64,
    /// `headerType`: the accepted `typ` values, when given (else `JWT` or none).
    pub header_type: Option<Vec<String>>,
}

/// verifyToken's options (the incumbent's `VerifyTokenOptions`, plus `serverURL`, `fetch` and
/// `timeoutInMs`).
pub const VERIFY_OPTIONS: &[&str] = &[
    "jwtKey",
    "secretKey",
    "serverURL",
    "apiUrl",
    "apiVersion",
    "authorizedParties",
    "audience",
    "issuer",
    "clockSkewInMs",
    "skipJwksCache",
    "jwksCacheTtlInMs",
    "headerType",
    "timeoutInMs",
    "fetch",
];

/// authenticateRequest's own options, on top of [`VERIFY_OPTIONS`] (the incumbent's
/// `AuthenticateRequestOptions` without the internal `apiClient`).
pub const REQUEST_OPTIONS: &[&str] = &[
    "publishableKey",
    "domain",
    "isSatellite",
    "proxyUrl",
    "signInUrl",
    "signUpUrl",
    "afterSignInUrl",
    "afterSignUpUrl",
    "organizationSyncOptions",
    "acceptsToken",
    "machineSecretKey",
    "satelliteAutoSync",
];

pub struct RequestOptions {
    pub verify: VerifyOptions,
    /// Used instead of the secret key for M2M verification when given.
    pub machine_secret_key: Option<String>,
    /// What the request flow decides with (checked by `flow::Prepared::new`).
    pub flow: flow::Options,
}

thread_local! {
    /// The last `jwtKey` string and its Rust copy: the same key is passed on every call, and
    /// `===` on the JS side is cheaper than copying a PEM across the boundary each time.
    static LAST_KEY: RefCell<Option<(JsValue, String)>> = const { RefCell::new(None) };
}

pub struct Reader {
    obj: Option<Object>,
    pub problems: Vec<String>,
}

impl Reader {
    pub fn new(options: &JsValue, what: &str) -> Reader {
        let mut problems = Vec::new();
        let obj = if options.is_undefined() || options.is_null() {
            None
        } else if let Some(o) = options.dyn_ref::<Object>().filter(|_| options.is_object()) {
            Some(o.clone())
        } else {
            problems.push(format!("{what} must be an object"));
            None
        };
        Reader { obj, problems }
    }

    fn raw(&self, name: &'static str) -> JsValue {
        match &self.obj {
            // Names made once: a UTF-8 decode per name per call was a visible share of a
            // cached verification.
            Some(o) => bindings::get_static(o, name).unwrap_or(JsValue::UNDEFINED),
            None => JsValue::UNDEFINED,
        }
    }

    fn string_value(&mut self, name: &str, v: &JsValue) -> Option<String> {
        match v.dyn_ref::<JsString>() {
            Some(s) if s.length() > MAX_OPTION_LEN => {
                self.problems.push(format!("{name} is too long"));
                None
            }
            Some(s) => Some(String::from(s)),
            None => {
                self.problems.push(format!("{name} must be a string"));
                None
            }
        }
    }

    /// Every own option name that is not in `known` and not `undefined`, as a problem.
    pub fn unknown(&mut self, known: &[&[&str]], function: &str) {
        let Some(obj) = &self.obj else {
            return;
        };
        let Ok(names) = bindings::keys(obj) else {
            self.problems.push("options could not be read".into());
            return;
        };
        for name in names {
            if known.iter().any(|k| k.contains(&name.as_str())) {
                continue;
            }
            if bindings::get(obj, &name).is_ok_and(|v| v.is_undefined()) {
                continue;
            }
            self.problems.push(format!(
                "{} is not an option of {function}",
                printable(&name)
            ));
        }
    }

    /// An optional string; empty counts as absent (the incumbent tests truthiness).
    pub fn string(&mut self, name: &'static str) -> Option<String> {
        let v = self.raw(name);
        if v.is_undefined() || v.is_null() {
            return None;
        }
        self.string_value(name, &v).filter(|s| !s.is_empty())
    }

    /// A string or an array of strings; empty strings dropped.
    pub fn strings(&mut self, name: &'static str) -> Vec<String> {
        let v = self.raw(name);
        if v.is_undefined() || v.is_null() {
            return Vec::new();
        }
        let items: Vec<JsValue> = match bindings::is_array(&v) {
            Ok(true) => match bindings::items(&v, 1000) {
                Ok(items) => items,
                Err(_) => {
                    self.problems.push(format!(
                        "{name} is not a readable array of at most 1000 strings"
                    ));
                    return Vec::new();
                }
            },
            Ok(false) => vec![v],
            Err(_) => {
                self.problems
                    .push(format!("{name} must be a string or an array"));
                return Vec::new();
            }
        };
        items
            .iter()
            .filter_map(|i| self.string_value(name, i))
            .filter(|s| !s.is_empty())
            .collect()
    }

    pub fn number(&mut self, name: &'static str) -> Option<f64> {
        let v = self.raw(name);
        if v.is_undefined() || v.is_null() {
            return None;
        }
        match v.as_f64().filter(|n| n.is_finite()) {
            Some(n) => Some(n),
            None => {
                self.problems
                    .push(format!("{name} must be a finite number"));
                None
            }
        }
    }

    pub fn boolean(&mut self, name: &'static str) -> bool {
        let v = self.raw(name);
        if v.is_undefined() || v.is_null() {
            return false;
        }
        v.as_bool().unwrap_or_else(|| {
            self.problems.push(format!("{name} must be a boolean"));
            false
        })
    }

    pub fn function(&mut self, name: &'static str) -> Option<Function> {
        let v = self.raw(name);
        if v.is_undefined() || v.is_null() {
            return None;
        }
        v.dyn_into::<Function>().ok().or_else(|| {
            self.problems.push(format!("{name} must be a function"));
            None
        })
    }

    /// `jwtKey`: PEM/JWK text, or a JWK object (serialised with JS's JSON.stringify).
    pub fn jwt_key(&mut self) -> Option<String> {
        let v = self.raw("jwtKey");
        if v.is_object() {
            return match js_sys::JSON::stringify(&v) {
                Ok(s) if s.length() <= MAX_OPTION_LEN => Some(String::from(s)),
                _ => {
                    self.problems
                        .push("jwtKey must be a PEM string or a JWK".into());
                    None
                }
            };
        }
        if v.is_string() {
            let cached = LAST_KEY.with(|k| {
                k.borrow()
                    .as_ref()
                    .filter(|(js, _)| *js == v)
                    .map(|(_, text)| text.clone())
            });
            if cached.is_some() {
                return cached;
            }
        }
        let text = self.string("jwtKey");
        if let Some(t) = &text {
            LAST_KEY.with(|k| *k.borrow_mut() = Some((v, t.clone())));
        }
        text
    }

    pub fn verify_options(&mut self) -> VerifyOptions {
        let jwt_key = self.jwt_key();
        let secret_key = self.string("secretKey");
        let server_url = match (self.string("serverURL"), self.string("apiUrl")) {
            (Some(s), _) => s,
            (None, Some(api)) => {
                let version = self.string("apiVersion").unwrap_or_else(|| "v1".into());
                format!(
                    "{}/{}",
                    api.trim_end_matches('/'),
                    version.trim_matches('/')
                )
            }
            (None, None) => DEFAULT_SERVER_URL.to_string(),
        };
        if !crate::config::is_http_url(&server_url) {
            self.problems
                .push("serverURL (or apiUrl) must be an absolute http:// or https:// URL".into());
        }
        // fetch would reject it as a TypeError, which reads like a network failure.
        if secret_key
            .as_deref()
            .is_some_and(|k| !crate::headers::valid_value(k))
        {
            self.problems.push(
                "secretKey has a character not allowed in an HTTP header (non-Latin-1)".into(),
            );
        }
        let fetch = self.function("fetch");
        let claims = ClaimOptions {
            audience: self.strings("audience"),
            authorized_parties: self.strings("authorizedParties"),
            issuer: self.strings("issuer"),
            clock_skew_ms: self
                .number("clockSkewInMs")
                .unwrap_or(DEFAULT_CLOCK_SKEW_MS),
        };
        let skip = self.boolean("skipJwksCache");
        let ttl = match self.number("jwksCacheTtlInMs") {
            Some(t) if t < 0.0 => {
                self.problems
                    .push("jwksCacheTtlInMs must not be negative".into());
                DEFAULT_TTL_MS
            }
            Some(t) => t,
            None => DEFAULT_TTL_MS,
        };
        let timeout_ms = match self.number("timeoutInMs") {
            Some(t) if t > 0.0 => t,
            Some(_) => {
                self.problems
                    .push("timeoutInMs must be a positive number".into());
                super::bapi::DEFAULT_TIMEOUT_MS
            }
            None => super::bapi::DEFAULT_TIMEOUT_MS,
        };
        let api = secret_key.map(|secret_key| Api {
            server_url,
            secret_key,
            fetch,
            timeout_ms,
        });
        let key = match (jwt_key, &api) {
            (Some(k), _) => KeySource::Local(k),
            (None, Some(_)) => KeySource::Remote,
            (None, None) => KeySource::Missing,
        };
        let header_type = {
            let v = self.raw("headerType");
            (!v.is_undefined() && !v.is_null()).then(|| self.strings("headerType"))
        };
        VerifyOptions {
            key,
            api,
            claims,
            skip_jwks_cache: skip,
            jwks_ttl_ms: ttl,
            header_type,
        }
    }

    pub fn accepts(&mut self) -> Accepts {
        const PROBLEM: &str = "acceptsToken must be session_token, api_key, m2m_token, oauth_token, an array of them, or any";
        let v = self.raw("acceptsToken");
        if v.is_undefined() || v.is_null() {
            return Accepts::default();
        }
        if v.as_string().as_deref() == Some("any") {
            return Accepts::Any;
        }
        let one =
            |r: &mut Reader, x: &JsValue| match x.as_string().as_deref().and_then(TokenType::parse)
            {
                Some(t) => Some(t),
                None => {
                    r.problems.push(PROBLEM.into());
                    None
                }
            };
        if bindings::is_array(&v).unwrap_or(false) {
            let Ok(items) = bindings::items(&v, 8) else {
                self.problems.push(PROBLEM.into());
                return Accepts::default();
            };
            let list = items.iter().filter_map(|x| one(self, x)).collect();
            return Accepts::Many(list);
        }
        one(self, &v).map(Accepts::One).unwrap_or_default()
    }

    /// `organizationSyncOptions`: `{ organizationPatterns?, personalAccountPatterns? }`, each an
    /// array of path patterns (compiled and checked by `flow::Prepared::new`).
    fn organization_sync(&mut self) -> Option<OrganizationSyncOptions> {
        const NAME: &str = "organizationSyncOptions";
        let v = self.raw(NAME);
        if v.is_undefined() || v.is_null() {
            return None;
        }
        if !v.is_object() || bindings::is_array(&v).unwrap_or(true) {
            self.problems.push(format!("{NAME} must be an object"));
            return None;
        }
        let mut inner = Reader {
            obj: Some(v.unchecked_into()),
            problems: Vec::new(),
        };
        const FIELDS: &[&str] = &["organizationPatterns", "personalAccountPatterns"];
        inner.unknown(&[FIELDS], NAME);
        let mut patterns = |name: &'static str| {
            let v = inner.raw(name);
            if v.is_undefined() || v.is_null() {
                return None;
            }
            let problem = format!("{NAME}.{name} must be an array of at most 100 strings");
            if !bindings::is_array(&v).unwrap_or(false) {
                inner.problems.push(problem);
                return None;
            }
            let Ok(items) = bindings::items(&v, 100) else {
                inner.problems.push(problem);
                return None;
            };
            let strings: Option<Vec<String>> = items
                .iter()
                .map(|i| i.as_string().filter(|s| s.len() <= MAX_OPTION_LEN as usize))
                .collect();
            if strings.is_none() {
                inner.problems.push(problem);
            }
            strings
        };
        let sync = OrganizationSyncOptions {
            organization_patterns: patterns("organizationPatterns"),
            personal_account_patterns: patterns("personalAccountPatterns"),
        };
        self.problems.append(&mut inner.problems);
        Some(sync)
    }

    /// authenticateRequest's options.
    pub fn request_options(&mut self) -> RequestOptions {
        self.unknown(&[VERIFY_OPTIONS, REQUEST_OPTIONS], "authenticateRequest");
        let verify = self.verify_options();
        let machine_secret_key = self.string("machineSecretKey");
        let text = |r: &mut Reader, name: &'static str| r.string(name).unwrap_or_default();
        let flow = flow::Options {
            publishable_key: text(self, "publishableKey"),
            secret_key: verify
                .api
                .as_ref()
                .map(|a| a.secret_key.clone())
                .unwrap_or_default(),
            machine_secret_key: machine_secret_key.clone().unwrap_or_default(),
            proxy_url: text(self, "proxyUrl"),
            domain: text(self, "domain"),
            is_satellite: self.boolean("isSatellite"),
            sign_in_url: text(self, "signInUrl"),
            sign_up_url: text(self, "signUpUrl"),
            after_sign_in_url: text(self, "afterSignInUrl"),
            after_sign_up_url: text(self, "afterSignUpUrl"),
            satellite_auto_sync: self.boolean("satelliteAutoSync"),
            accepts_token: self.accepts(),
            organization_sync: self.organization_sync(),
            debug_options: debug_options(&verify, self),
        };
        RequestOptions {
            verify,
            machine_secret_key,
            flow,
        }
    }
}

/// The verification options `debug()` shows besides the flow's own (the incumbent's context
/// holds every option it was given). `jwtKey` is cut to 7 characters with the credentials.
fn debug_options(
    verify: &VerifyOptions,
    r: &mut Reader,
) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::{json, Map};
    let mut m = Map::new();
    if let KeySource::Local(k) = &verify.key {
        m.insert("jwtKey".into(), json!(k));
    }
    if let Some(v) = r.string("apiUrl") {
        m.insert("apiUrl".into(), json!(v));
    }
    if let Some(v) = r.string("apiVersion") {
        m.insert("apiVersion".into(), json!(v));
    }
    let c = &verify.claims;
    for (name, list) in [
        ("audience", &c.audience),
        ("authorizedParties", &c.authorized_parties),
        ("issuer", &c.issuer),
    ] {
        if !list.is_empty() {
            m.insert(name.into(), json!(list));
        }
    }
    m.insert(
        "clockSkewInMs".into(),
        flow::coerce::json_number(c.clock_skew_ms),
    );
    m
}

/// An option name as a message shows it: at most 64 characters, control characters escaped.
fn printable(name: &str) -> String {
    let mut out: String = name.chars().take(64).flat_map(char::escape_debug).collect();
    if name.chars().count() > 64 {
        out.push_str("...");
    }
    out
}
