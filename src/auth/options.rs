//! Reads the JS options objects of verifyToken / authenticateRequest / verifyWebhook into Rust
//! values, collecting every problem (never a value: options hold secrets).

use std::cell::RefCell;

use js_sys::{Function, JsString, Object};
use wasm_bindgen::{JsCast, JsValue};

use super::bapi::{Api, DEFAULT_SERVER_URL};
use super::claims::{ClaimOptions, DEFAULT_CLOCK_SKEW_MS};
use super::jwks::DEFAULT_TTL_MS;
use super::machine::TokenType;
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
}

/// What `acceptsToken` allows.
#[derive(Clone, Debug, PartialEq)]
pub enum Accepts {
    One(TokenType),
    List(Vec<TokenType>),
    Any,
}

impl Accepts {
    pub fn allows(&self, t: TokenType) -> bool {
        match self {
            Accepts::Any => true,
            Accepts::One(x) => *x == t,
            Accepts::List(l) => l.contains(&t),
        }
    }
}

pub struct RequestOptions {
    pub verify: VerifyOptions,
    pub accepts: Accepts,
    /// Used instead of the secret key for M2M verification when given.
    pub machine_secret_key: Option<String>,
    pub publishable_key: String,
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
        VerifyOptions {
            key,
            api,
            claims,
            skip_jwks_cache: skip,
            jwks_ttl_ms: ttl,
        }
    }

    pub fn accepts(&mut self) -> Accepts {
        let v = self.raw("acceptsToken");
        if v.is_undefined() || v.is_null() {
            return Accepts::One(TokenType::Session);
        }
        if v.as_string().as_deref() == Some("any") {
            return Accepts::Any;
        }
        let one = |r: &mut Reader, x: &JsValue| match x
            .as_string()
            .as_deref()
            .and_then(TokenType::from_name)
        {
            Some(t) => Some(t),
            None => {
                r.problems.push(
                    "acceptsToken must be session_token, api_key, m2m_token, oauth_token, an array of them, or any"
                        .into(),
                );
                None
            }
        };
        if bindings::is_array(&v).unwrap_or(false) {
            let items = bindings::first_items(&v, 8).unwrap_or_default();
            let list = items.iter().filter_map(|x| one(self, x)).collect();
            return Accepts::List(list);
        }
        one(self, &v)
            .map(Accepts::One)
            .unwrap_or(Accepts::One(TokenType::Session))
    }

    pub fn request_options(&mut self) -> RequestOptions {
        let verify = self.verify_options();
        RequestOptions {
            accepts: self.accepts(),
            machine_secret_key: self.string("machineSecretKey"),
            publishable_key: self.string("publishableKey").unwrap_or_default(),
            verify,
        }
    }
}
