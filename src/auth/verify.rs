//! verifyToken's flow on the Rust side: decode, category, key resolution (local PEM/JWK with a
//! parsed-key cache, or the JWKS), then the pure pipeline in `jwt`.

use std::cell::RefCell;
use std::rc::Rc;

use super::failure::{Failure, Reason};
use super::jwks::{self, SharedKey};
pub use super::jwt::HeaderTypes;
use super::jwt::{self, Decoded};
use super::keys;
use super::options::{KeySource, VerifyOptions};
use super::token_cache::{self, Context};

thread_local! {
    /// Parsed `jwtKey`s by their text, each with an id (never reused) that stands for the key
    /// in the verified-token cache: parsing and Montgomery setup happen once per key.
    static LOCAL_KEYS: RefCell<Vec<(String, u64, SharedKey)>> = const { RefCell::new(Vec::new()) };
    static NEXT_KEY_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}
const LOCAL_KEYS_MAX: usize = 16;

fn local_key(text: &str) -> (u64, SharedKey) {
    if let Some(k) = LOCAL_KEYS.with(|m| {
        m.borrow()
            .iter()
            .find(|(t, _, _)| t == text)
            .map(|(_, id, k)| (*id, k.clone()))
    }) {
        return k;
    }
    let key = Rc::new(keys::from_jwt_key(text));
    let id = NEXT_KEY_ID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    LOCAL_KEYS.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= LOCAL_KEYS_MAX {
            m.clear();
        }
        m.push((text.to_string(), id, key.clone()));
    });
    (id, key)
}

/// The key to verify `d` with (Err: the token fails before its header is checked).
pub async fn resolve_key(d: &Decoded<'_>, o: &VerifyOptions) -> Result<SharedKey, Failure> {
    match (&o.key, &o.api) {
        (KeySource::Local(text), _) => Ok(local_key(text).1),
        (KeySource::Remote, Some(api)) => {
            jwks::key(api, d.kid(), o.jwks_ttl_ms, o.skip_jwks_cache).await
        }
        _ => Err(Failure::new(
            Reason::JwkFailedToResolve,
            "Failed to resolve JWK during verification: set jwtKey or secretKey.",
        )),
    }
}

/// The verified-token cache context of this verification: everything that decides the verdict
/// besides the token and the clock. `None` when caching is off (`skipJwksCache`, no key, or a
/// JWKS that is not loaded and fresh).
fn cache_context(o: &VerifyOptions, session: bool, types: HeaderTypes) -> Option<Context> {
    let mut c = match (&o.key, &o.api) {
        (KeySource::Local(text), _) => {
            let mut c = Context::new("local");
            c.number(local_key(text).0 as f64);
            c
        }
        (KeySource::Remote, Some(api)) if !o.skip_jwks_cache => {
            let (ck, generation) = jwks::fresh_generation(api, o.jwks_ttl_ms)?;
            let mut c = jwks::source_context(&ck);
            c.number(generation as f64);
            c
        }
        _ => return None,
    };
    c.text(if session { "session" } else { "machine" })
        .list(types.allowed)
        .text(if types.absent_ok {
            "typ optional"
        } else {
            "typ required"
        })
        .list(&o.claims.audience)
        .list(&o.claims.authorized_parties)
        .list(&o.claims.issuer)
        .number(o.claims.clock_skew_ms);
    Some(c)
}

/// The cached verdict, if this token was verified before under the same context.
#[inline(never)]
fn cached(
    token: &str,
    o: &VerifyOptions,
    session: bool,
    types: HeaderTypes<'_>,
) -> Option<Result<String, Failure>> {
    lookup(&cache_context(o, session, types)?, token, o)
}

fn lookup(ctx: &Context, token: &str, o: &VerifyOptions) -> Option<Result<String, Failure>> {
    let now = crate::js::now_ms();
    token_cache::with(|c| c.get(ctx, token, o.claims.clock_skew_ms, now))
}

/// Verifies a JWT with the given accepted `typ` values; returns the payload JSON text.
pub async fn verify_jwt(
    token: &str,
    o: &VerifyOptions,
    session: bool,
    types: HeaderTypes<'_>,
) -> Result<String, Failure> {
    if let Some(verdict) = cached(token, o, session, types) {
        return verdict;
    }
    verify_uncached(token, o, session, types).await
}

/// [`verify_jwt`] after a cache miss: for a caller that has already asked the cache.
pub async fn verify_uncached(
    token: &str,
    o: &VerifyOptions,
    session: bool,
    types: HeaderTypes<'_>,
) -> Result<String, Failure> {
    if let Some(verdict) = verify_local(token, o, session, types) {
        return verdict;
    }
    let d = decode(token, session)?;
    let key = resolve_key(&d, o).await?;
    // No await since the key was resolved: the context (JWKS generation) is that of the key.
    let ctx = cache_context(o, session, types);
    check(&d, &key, o, types, ctx.as_ref(), token)
}

/// Verification with a `jwtKey`, which needs no I/O: done synchronously (no future, no
/// executor), cache included. `None` when the key comes from the JWKS.
pub fn verify_local(
    token: &str,
    o: &VerifyOptions,
    session: bool,
    types: HeaderTypes<'_>,
) -> Option<Result<String, Failure>> {
    let KeySource::Local(text) = &o.key else {
        return None;
    };
    let ctx = cache_context(o, session, types);
    if let Some(verdict) = ctx.as_ref().and_then(|ctx| lookup(ctx, token, o)) {
        return Some(verdict);
    }
    let key = local_key(text).1;
    Some(decode(token, session).and_then(|d| check(&d, &key, o, types, ctx.as_ref(), token)))
}

fn decode(token: &str, session: bool) -> Result<Decoded<'_>, Failure> {
    let d = jwt::decode(token)?;
    if session {
        jwt::check_session_category(&d)?;
    }
    Ok(d)
}

/// The checks after key resolution; a success is remembered under `ctx`.
#[inline(never)]
fn check(
    d: &Decoded,
    key: &SharedKey,
    o: &VerifyOptions,
    types: HeaderTypes<'_>,
    ctx: Option<&Context>,
    token: &str,
) -> Result<String, Failure> {
    let key_ref = key.as_ref().as_ref().map_err(|e| *e);
    let times = jwt::verify_decoded(d, key_ref, types, &o.claims, crate::js::now_ms())?;
    if let Some(ctx) = ctx {
        token_cache::with(|c| c.insert(ctx, token, &d.payload_text, times));
    }
    Ok(d.payload_text.clone())
}

/// The `typ` values `headerType` allows (`JWT`, or no `typ`, when it is not given); `names`
/// holds the borrowed list.
fn header_types<'a>(o: &'a VerifyOptions, names: &'a mut Vec<&'a str>) -> HeaderTypes<'a> {
    match &o.header_type {
        None => HeaderTypes::DEFAULT,
        Some(list) => {
            names.extend(list.iter().map(String::as_str));
            HeaderTypes::only(names)
        }
    }
}

/// The cached verdict of a session token, if any (see `cached`).
pub fn cached_session(token: &str, o: &VerifyOptions) -> Option<Result<String, Failure>> {
    let mut names = Vec::new();
    cached(token, o, true, header_types(o, &mut names))
}

/// A session token verified with a `jwtKey`, synchronously (see [`verify_local`]).
pub fn verify_session_local(token: &str, o: &VerifyOptions) -> Option<Result<String, Failure>> {
    let mut names = Vec::new();
    verify_local(token, o, true, header_types(o, &mut names))
}

/// Session token verification after a cache miss (verifyToken asked the cache first).
pub async fn verify_session_uncached(token: &str, o: &VerifyOptions) -> Result<String, Failure> {
    let mut names = Vec::new();
    verify_uncached(token, o, true, header_types(o, &mut names)).await
}

/// Session token verification (verifyToken, authenticateRequest).
pub async fn verify_session(token: &str, o: &VerifyOptions) -> Result<String, Failure> {
    if let Some(verdict) = cached_session(token, o) {
        return verdict;
    }
    verify_session_uncached(token, o).await
}

/// `verifyHandshakeToken`: the handshake JWT FAPI signed with the instance key. The key first
/// (`jwtKey`, else the JWKS by `kid`), then `typ` (the default), `alg`, a session category and
/// the signature; no claim checks (it carries cookies, not a session). Its payload text.
pub async fn verify_handshake(token: &str, o: &VerifyOptions) -> Result<String, Failure> {
    let d = jwt::decode(token)?;
    let key = resolve_key(&d, o).await?;
    let alg = jwt::check_header(&d, HeaderTypes::DEFAULT)?;
    if d.cat()
        .is_some_and(|c| c != jwt::CATEGORY_SESSION && c != jwt::CATEGORY_IGNORE)
    {
        return Err(Failure::new(
            Reason::TokenInvalid,
            "Invalid handshake token category.",
        ));
    }
    let key_ref = key.as_ref().as_ref().map_err(|e| *e);
    jwt::check_signature(&d, key_ref, alg, "Handshake signature is invalid.")?;
    Ok(d.payload_text)
}
