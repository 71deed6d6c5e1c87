//! The instance JWKS, fetched from `GET {serverURL}/jwks` and cached per (server URL, secret
//! key) — the secret is kept only as a SHA-256 digest in the cache key.
//!
//! Rules: entries live `jwksCacheTtlInMs` (default 5 min); concurrent callers share one fetch;
//! an unknown `kid` in a fresh cache triggers one refetch (key rotation), at most every
//! `MISS_REFETCH_MS`; `skipJwksCache` always fetches; 401/403 -> `secret-key-invalid`; anything
//! else that is not a JWKS -> `jwk-remote-failed-to-load` (after retries on transient errors);
//! two keys under the token's `kid` -> `jwk-remote-invalid` (never one picked silently).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use sha2::{Digest, Sha256};
use wasm_bindgen::JsValue;

use super::bapi::{Api, Outcome};
use super::failure::{Failure, Reason};
use super::keys::{self, VerifyKey};
use super::token_cache::{self, Context};

pub const DEFAULT_TTL_MS: f64 = 5.0 * 60.0 * 1000.0;
pub const MISS_REFETCH_MS: f64 = 5_000.0;

pub type SharedKey = Rc<Result<VerifyKey, &'static str>>;

#[derive(Default)]
struct Entry {
    keys: Vec<(String, SharedKey)>,
    fetched_at: f64,
    last_miss_refetch: f64,
    loaded: bool,
    /// Which load the keys came from (globally unique, never reused): part of the
    /// verified-token cache's context, so a refresh cannot vouch for tokens of old keys.
    generation: u64,
    inflight: Option<Promise>,
}

thread_local! {
    static CACHE: RefCell<Vec<(String, Entry)>> = const { RefCell::new(Vec::new()) };
    static GENERATIONS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The verified-token cache's context prefix for a JWKS source.
pub fn source_context(ck: &str) -> Context {
    let mut c = Context::new("jwks");
    c.text(ck);
    c
}

/// The cache key and key generation of a loaded, still fresh JWKS entry (else `None`: the
/// next verification goes through `key`, which refreshes it).
pub fn fresh_generation(api: &Api, ttl_ms: f64) -> Option<(String, u64)> {
    let ck = cache_key(api);
    let now = crate::js::now_ms();
    let g = CACHE.with(|c| {
        find(&c.borrow(), &ck)
            .filter(|e| e.loaded && now - e.fetched_at < ttl_ms)
            .map(|e| e.generation)
    })?;
    Some((ck, g))
}

pub fn cache_key(api: &Api) -> String {
    let mut h = Sha256::new();
    h.update(api.server_url.as_bytes());
    h.update([0u8]);
    h.update(api.secret_key.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// New keys: nothing verified with the old ones is vouched for any more.
#[inline(never)]
fn forget_verified(ck: &str) {
    token_cache::with(|t| t.forget_source(&source_context(ck)));
}

fn failed_to_load(message: impl Into<String>) -> Failure {
    Failure::new(Reason::RemoteJwkFailedToLoad, message)
}

/// Fetches and parses the JWKS (`GET /jwks`); on success replaces the entry's keys.
async fn load(api: Api, ck: String) -> Result<(), Failure> {
    let doc = match api.call("GetJWKS", &JsValue::UNDEFINED).await {
        // Back to text for serde_json (the transport parsed it in JS): one JSON reader for
        // everything verification decodes, and a key load is rare.
        Outcome::Ok(doc) => crate::bindings::json_stringify(&doc)
            .ok()
            .and_then(|text| text.as_string())
            .and_then(|text| keys::Jwks::parse(&text))
            .ok_or_else(|| failed_to_load("Invalid JWKS: the response has no keys array."))?,
        Outcome::Status {
            status: 401 | 403, ..
        } => {
            return Err(Failure::new(
                Reason::SecretKeyInvalid,
                "The Backend API rejected the secret key while loading the JWKS.",
            ))
        }
        Outcome::Status { status, .. } => {
            return Err(failed_to_load(format!(
                "Error loading Clerk JWKS with code={status}."
            )))
        }
        Outcome::Unreachable => {
            return Err(failed_to_load(
                "Error loading Clerk JWKS: the Backend API could not be reached.",
            ))
        }
        Outcome::Unusable(_) => {
            return Err(failed_to_load(
                "Error loading Clerk JWKS: the response is not JSON.",
            ))
        }
    };
    let keys = keys::from_jwks(&doc);
    if keys.is_empty() {
        return Err(failed_to_load(
            "The JWKS endpoint did not contain any signing keys.",
        ));
    }
    let now = crate::js::now_ms();
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let e = entry(&mut c, &ck);
        e.keys = keys.into_iter().map(|(kid, k)| (kid, Rc::new(k))).collect();
        e.fetched_at = now;
        e.loaded = true;
        e.generation = GENERATIONS.with(|g| {
            g.set(g.get() + 1);
            g.get()
        });
    });
    forget_verified(&ck);
    Ok(())
}

// A few entries at most (one per server URL and secret key): a Vec beats a HashMap in size.
fn find<'a>(c: &'a [(String, Entry)], ck: &str) -> Option<&'a Entry> {
    c.iter().find(|(k, _)| k == ck).map(|(_, e)| e)
}

fn entry<'a>(c: &'a mut Vec<(String, Entry)>, ck: &str) -> &'a mut Entry {
    let i = match c.iter().position(|(k, _)| k == ck) {
        Some(i) => i,
        None => {
            c.push((ck.to_string(), Entry::default()));
            c.len() - 1
        }
    };
    &mut c[i].1
}

// The shared load is a JS promise (so every waiting caller can await it): its failure travels
// as "reason\nmessage" text.
fn failure_to_js(f: Failure) -> JsValue {
    JsValue::from_str(&format!("{}\n{}", f.reason, f.message))
}

fn failure_from_js(v: JsValue) -> Failure {
    let s = v.as_string().unwrap_or_default();
    let (reason, message) = s.split_once('\n').unwrap_or(("", "JWKS loading failed."));
    let reason = if reason == Reason::SecretKeyInvalid.as_str() {
        Reason::SecretKeyInvalid
    } else {
        Reason::RemoteJwkFailedToLoad
    };
    Failure::new(reason, message)
}

/// One fetch for all concurrent callers of the same cache entry.
async fn shared_load(api: &Api, ck: &str) -> Result<(), Failure> {
    let existing = CACHE.with(|c| find(&c.borrow(), ck).and_then(|e| e.inflight.clone()));
    let promise = match existing {
        Some(p) => p,
        None => {
            let (api2, ck2) = (api.clone(), ck.to_string());
            let p = crate::js::spawn(async move {
                // Start on the next microtask, once `inflight` below holds this promise: a
                // load that failed at once would otherwise clear it first and leave it stale.
                let _ = crate::js::settled(&JsValue::UNDEFINED).await;
                let r = load(api2, ck2.clone()).await;
                CACHE.with(|c| {
                    entry(&mut c.borrow_mut(), &ck2).inflight = None;
                });
                r.map(|_| JsValue::UNDEFINED).map_err(failure_to_js)
            });
            CACHE.with(|c| entry(&mut c.borrow_mut(), ck).inflight = Some(p.clone()));
            p
        }
    };
    crate::js::settled(&promise)
        .await
        .map(|_| ())
        .map_err(failure_from_js)
}

/// The key under `kid`: a miss is `jwk-kid-mismatch`, two keys under it `jwk-remote-invalid`
/// (the incumbent takes the last one; which key vouches for a token must not be a guess).
fn lookup(ck: &str, kid: &str) -> Result<SharedKey, Failure> {
    CACHE.with(|c| {
        let c = c.borrow();
        let mut found = find(&c, ck)
            .into_iter()
            .flat_map(|e| e.keys.iter())
            .filter(|(k, _)| k == kid);
        match (found.next(), found.next()) {
            (Some((_, key)), None) => Ok(key.clone()),
            (None, _) => Err(kid_mismatch()),
            (Some(_), Some(_)) => Err(Failure::new(
                Reason::RemoteJwkInvalid,
                "The JWKS holds more than one key with the kid of the provided token; refusing to choose one.",
            )),
        }
    })
}

fn kid_mismatch() -> Failure {
    Failure::new(
        Reason::JwkKidMismatch,
        "Unable to find a signing key in JWKS that matches the kid of the provided session token.",
    )
}

/// The key for `kid`, from the cache or the Backend API.
pub async fn key(
    api: &Api,
    kid: Option<&str>,
    ttl_ms: f64,
    skip_cache: bool,
) -> Result<SharedKey, Failure> {
    let ck = cache_key(api);
    let kid = kid.unwrap_or("");
    let now = crate::js::now_ms();
    let (fresh, has_kid, may_refetch) = CACHE.with(|c| {
        let mut c = c.borrow_mut();
        // Drop other expired entries now and then so the map stays bounded.
        if c.len() > 32 {
            c.retain(|(_, e)| e.inflight.is_some() || now - e.fetched_at < ttl_ms);
        }
        let e = entry(&mut c, &ck);
        let fresh = e.loaded && now - e.fetched_at < ttl_ms;
        let has = e.keys.iter().any(|(k, _)| k == kid);
        let may = now - e.last_miss_refetch >= MISS_REFETCH_MS || e.last_miss_refetch == 0.0;
        (fresh, has, may)
    });
    if skip_cache {
        load(api.clone(), ck.clone()).await?;
        return lookup(&ck, kid);
    }
    if fresh && has_kid {
        return lookup(&ck, kid);
    }
    if fresh {
        // Unknown kid in a fresh cache: maybe a rotation. Refetch, but not on every bad token.
        if !may_refetch {
            return Err(kid_mismatch());
        }
        CACHE.with(|c| entry(&mut c.borrow_mut(), &ck).last_miss_refetch = now);
    }
    shared_load(api, &ck).await?;
    lookup(&ck, kid)
}

/// Forgets every cached JWKS (tests; key revocation).
pub fn clear() {
    CACHE.with(|c| c.borrow_mut().clear());
    token_cache::with(|t| t.clear());
}
