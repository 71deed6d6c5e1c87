//! JWT decoding and the verification pipeline, in `@clerk/backend`'s check order:
//! decode -> (caller: category, key resolution) -> typ -> alg -> signature -> claims.

use super::base64;
use super::claims::{self, ClaimOptions};
use super::failure::*;
use super::json::{self, Json};
use super::keys::VerifyKey;
use super::rsa::Alg;

/// Tokens longer than this are rejected before any decoding (session tokens are ~1-2 KB and
/// must fit a cookie; this bounds the work an attacker can ask for).
pub const MAX_TOKEN_LEN: usize = 16 * 1024;

/// The JWT `cat` header of Clerk machine (M2M) tokens; session verification rejects it.
pub const CATEGORY_M2M: &str = "cl_B7d4PD333AAA";
pub const CATEGORY_SESSION: &str = "cl_B7d4PD111AAA";
pub const CATEGORY_IGNORE: &str = "cl_I7d4PD111III";

#[derive(Debug)]
pub struct Decoded<'t> {
    pub header: Json,
    pub payload: Json,
    /// The payload as text (for `JSON.parse` on the JS side: claims keep JS semantics).
    pub payload_text: String,
    pub signing_input: &'t str,
    pub signature: Vec<u8>,
}

fn invalid_form(what: &str) -> Failure {
    Failure::new(TOKEN_INVALID, format!("Invalid JWT form. {what}"))
}

/// Three base64url segments; header and payload JSON (UTF-8 decoded leniently, as TextDecoder).
pub fn decode(token: &str) -> Result<Decoded<'_>, Failure> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(invalid_form("The token is longer than 16 KiB."));
    }
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid_form(
            "A JWT consists of three parts separated by dots.",
        ));
    };
    let undecodable = || invalid_form("The header, payload, or signature could not be decoded.");
    let header_bytes = base64::decode_url(h).ok_or_else(undecodable)?;
    let header = json::parse(&String::from_utf8_lossy(&header_bytes)).ok_or_else(undecodable)?;
    let payload_bytes = base64::decode_url(p).ok_or_else(undecodable)?;
    let payload_text = String::from_utf8_lossy(&payload_bytes).into_owned();
    let payload = json::parse(&payload_text).ok_or_else(undecodable)?;
    let signature = base64::decode_url(s).ok_or_else(undecodable)?;
    // The incumbent reads fields off whatever JSON.parse returned (a non-object simply has no
    // fields) but throws a raw TypeError on `null`. Here `null` is an invalid token.
    if header == Json::Null || payload == Json::Null {
        return Err(invalid_form("The header and payload must be JSON objects."));
    }
    Ok(Decoded {
        header,
        payload,
        payload_text,
        signing_input: &token[..h.len() + 1 + p.len()],
        signature,
    })
}

impl Decoded<'_> {
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.header.get(name).and_then(Json::as_str)
    }
    pub fn kid(&self) -> Option<&str> {
        self.header_str("kid")
    }
}

/// Session verification refuses machine-token categories (before any key is fetched).
pub fn check_session_category(d: &Decoded) -> Result<(), Failure> {
    if d.header_str("cat") == Some(CATEGORY_M2M) {
        return Err(Failure::new(
            TOKEN_INVALID,
            "Invalid session token category.",
        ));
    }
    Ok(())
}

/// `typ` (absent or one of `allowed_types`), `alg`, signature, then the claims; on success the
/// time claims (for the verified-token cache).
/// `key` is the resolved key, or the error its import produced: like WebCrypto's importKey in
/// the incumbent, a bad key surfaces only after the header checks.
pub fn verify_decoded(
    d: &Decoded,
    key: Result<&VerifyKey, &'static str>,
    allowed_types: &[&str],
    opts: &ClaimOptions,
    now_ms: f64,
) -> Result<claims::Times, Failure> {
    match d.header.get("typ") {
        None => {}
        Some(Json::Str(t)) if allowed_types.contains(&t.as_str()) => {}
        Some(_) => {
            return Err(Failure::new(
                TOKEN_INVALID,
                format!(
                    "Invalid JWT type. Expected \"{}\".",
                    allowed_types.join(", ")
                ),
            ))
        }
    }
    let Some(alg) = d.header_str("alg").and_then(Alg::from_name) else {
        return Err(Failure::new(
            TOKEN_INVALID_ALGORITHM,
            "Invalid JWT algorithm. Supported: RS256,RS384,RS512.",
        ));
    };
    let key = key.map_err(|why| {
        Failure::new(
            TOKEN_VERIFICATION_FAILED,
            format!("Error verifying JWT signature. {why}."),
        )
    })?;
    if let Some(why) = key.refuses(alg) {
        return Err(Failure::new(
            TOKEN_VERIFICATION_FAILED,
            format!("Error verifying JWT signature. {why}."),
        ));
    }
    if !key
        .rsa
        .verify(alg, d.signing_input.as_bytes(), &d.signature)
    {
        return Err(Failure::new(
            TOKEN_INVALID_SIGNATURE,
            "JWT signature is invalid.",
        ));
    }
    claims::check(&d.payload, opts, now_ms)
}
