//! verifyToken's flow on the Rust side: decode, category, key resolution (local PEM/JWK with a
//! parsed-key cache, or the JWKS), then the pure pipeline in `jwt`.

use std::cell::RefCell;
use std::rc::Rc;

use super::failure::*;
use super::jwks::{self, SharedKey};
use super::jwt::{self, Decoded};
use super::keys;
use super::options::{KeySource, VerifyOptions};

thread_local! {
    /// Parsed `jwtKey`s by their text: parsing and Montgomery setup happen once per key.
    static LOCAL_KEYS: RefCell<Vec<(String, SharedKey)>> = const { RefCell::new(Vec::new()) };
}
const LOCAL_KEYS_MAX: usize = 16;

fn local_key(text: &str) -> SharedKey {
    if let Some(k) = LOCAL_KEYS.with(|m| {
        m.borrow()
            .iter()
            .find(|(t, _)| t == text)
            .map(|(_, k)| k.clone())
    }) {
        return k;
    }
    let key = Rc::new(keys::from_jwt_key(text));
    LOCAL_KEYS.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= LOCAL_KEYS_MAX {
            m.clear();
        }
        m.push((text.to_string(), key.clone()));
    });
    key
}

/// The key to verify `d` with (Err: the token fails before its header is checked).
pub async fn resolve_key(d: &Decoded<'_>, o: &VerifyOptions) -> Result<SharedKey, Failure> {
    match (&o.key, &o.api) {
        (KeySource::Local(text), _) => Ok(local_key(text)),
        (KeySource::Remote, Some(api)) => {
            jwks::key(api, d.kid(), o.jwks_ttl_ms, o.skip_jwks_cache).await
        }
        _ => Err(Failure::new(
            JWK_FAILED_TO_RESOLVE,
            "Failed to resolve JWK during verification: set jwtKey or secretKey.",
        )),
    }
}

/// Verifies a JWT with the given accepted `typ` values; returns the payload JSON text.
pub async fn verify_jwt(
    token: &str,
    o: &VerifyOptions,
    session: bool,
    allowed_types: &[&str],
) -> Result<String, Failure> {
    let d = jwt::decode(token)?;
    if session {
        jwt::check_session_category(&d)?;
    }
    let key = resolve_key(&d, o).await?;
    let key_ref = key.as_ref().as_ref().map_err(|e| *e);
    jwt::verify_decoded(&d, key_ref, allowed_types, &o.claims, crate::js::now_ms())?;
    Ok(d.payload_text)
}

/// Session token verification (verifyToken).
pub async fn verify_session(token: &str, o: &VerifyOptions) -> Result<String, Failure> {
    verify_jwt(token, o, true, &["JWT"]).await
}
