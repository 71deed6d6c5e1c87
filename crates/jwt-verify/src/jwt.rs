//! JWT decoding and the verification pipeline, in `@clerk/backend`'s check order:
//! decode (+ `crit`) -> (caller: category, key resolution) -> typ -> alg -> signature -> claims.
//!
//! jwt-compact parses the token (`UntrustedToken`: three base64url parts, strict unpadded
//! base64, the header into its `Header` type) and the signature is checked through its
//! `Algorithm` trait ([`super::rsa::Alg`]). The claims are decoded here, with serde_json, rather
//! than by its `Validator`: that one types `exp`/`nbf`/`iat` as timestamps and fails on a
//! malformed one *before* the signature is checked, where the incumbent (and we) report the
//! signature first and then `token-verification-failed` for the claim.

use jwt_compact::{Algorithm, AlgorithmSignature, Header, UntrustedToken};
use serde::Deserialize;
use serde_json::Value;

use super::claims::{self, ClaimOptions, Registered};
use super::failure::{Failure, Reason};
use super::key::VerifyKey;
use super::rsa::{Alg, RsaSignature};

/// Tokens longer than this are rejected before any decoding (session tokens are ~1-2 KB and
/// must fit a cookie; this bounds the work an attacker can ask for, and the nesting a payload
/// can have: serde_json refuses more than 128 levels without recursing further).
pub const MAX_TOKEN_LEN: usize = 16 * 1024;

/// The JWT `cat` header of Clerk machine (M2M) tokens; session verification rejects it.
pub const CATEGORY_M2M: &str = "cl_B7d4PD333AAA";
pub const CATEGORY_SESSION: &str = "cl_B7d4PD111AAA";
pub const CATEGORY_IGNORE: &str = "cl_I7d4PD111III";

/// The header parameters Clerk adds to RFC 7515's (jwt-compact's `Header` has those).
/// Typed narrowly on purpose: a `Value` here costs ~17 KB of wasm (serde's buffered
/// deserialization of flattened fields into it).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ClerkHeader {
    /// Clerk's token category. Not a string: the header is malformed (`token-invalid`).
    #[serde(default)]
    pub cat: Option<String>,
    /// RFC 7515 §4.1.11: extensions the recipient must understand. We understand none, so
    /// only its presence matters (`null` included).
    #[serde(default, deserialize_with = "present")]
    pub crit: Option<()>,
}

/// A present parameter, whatever its value (serde's `Option` would read `null` as absent).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<()>, D::Error> {
    serde::de::IgnoredAny::deserialize(d).map(|_| Some(()))
}

#[derive(Debug)]
pub struct Decoded<'t> {
    token: UntrustedToken<'t, ClerkHeader>,
    /// The payload: any JSON (the incumbent reads fields off whatever `JSON.parse` gave).
    pub payload: Value,
    /// The payload as text, for `JSON.parse` on the JS side: the claims object JS gets is the
    /// one the incumbent builds (`__proto__` an own property, JS numbers), and for the cache.
    pub payload_text: String,
    signing_input: &'t str,
}

fn invalid_form(what: &str) -> Failure {
    Failure::new(Reason::TokenInvalid, format!("Invalid JWT form. {what}"))
}

/// Three base64url segments; header and payload JSON (the payload's UTF-8 decoded leniently,
/// as the incumbent's TextDecoder does). Refuses `crit` (see [`ClerkHeader::crit`]).
pub fn decode(token: &str) -> Result<Decoded<'_>, Failure> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(invalid_form("The token is longer than 16 KiB."));
    }
    let undecodable = || invalid_form("The header, payload, or signature could not be decoded.");
    let parsed = UntrustedToken::<ClerkHeader>::try_from(token).map_err(|e| match e {
        jwt_compact::ParseError::InvalidTokenStructure => {
            invalid_form("A JWT consists of three parts separated by dots.")
        }
        _ => undecodable(),
    })?;
    // Three parts, checked above: the payload is the middle one, the signing input all but the
    // last. (jwt-compact keeps its decoded copy of the payload private.)
    let (signing_input, _) = token.rsplit_once('.').ok_or_else(undecodable)?;
    let (_, payload_b64) = signing_input.split_once('.').ok_or_else(undecodable)?;
    let payload_bytes = super::base64url::decode(payload_b64).map_err(|_| undecodable())?;
    let payload_text = String::from_utf8_lossy(&payload_bytes).into_owned();
    let payload: Value = crate::json::value(payload_text.as_bytes()).map_err(|_| undecodable())?;
    // The incumbent throws a raw TypeError on a `null` payload; here it is an invalid token.
    if payload.is_null() {
        return Err(invalid_form("The header and payload must be JSON objects."));
    }
    if parsed.header().other_fields.crit.is_some() {
        return Err(Failure::new(
            Reason::TokenInvalid,
            "Invalid JWT header. It lists critical extensions (crit) that are not supported.",
        ));
    }
    Ok(Decoded {
        token: parsed,
        payload,
        payload_text,
        signing_input,
    })
}

impl Decoded<'_> {
    pub fn header(&self) -> &Header<ClerkHeader> {
        self.token.header()
    }
    pub fn kid(&self) -> Option<&str> {
        self.token.header().key_id.as_deref()
    }
    pub fn typ(&self) -> Option<&str> {
        self.token.header().token_type.as_deref()
    }
    pub fn cat(&self) -> Option<&str> {
        self.token.header().other_fields.cat.as_deref()
    }
    /// The signed part: header and payload segments with the dot between them.
    pub fn signing_input(&self) -> &str {
        self.signing_input
    }
    pub fn signature(&self) -> &[u8] {
        self.token.signature_bytes()
    }
    /// `"typ": null`, which jwt-compact's header reads as absent but is not a type (the
    /// incumbent refuses it too). Only asked when `typ` is absent or null (rare: Clerk's
    /// tokens carry `"JWT"`), so the header is decoded a second time only then.
    fn typ_is_null(&self) -> bool {
        let header_b64 = self.signing_input.split('.').next().unwrap_or_default();
        super::base64url::decode(header_b64)
            .ok()
            .and_then(|h| crate::json::value(&h).ok())
            .is_some_and(|h| h.get("typ").is_some_and(Value::is_null))
    }
    /// A string claim of the payload (None if absent or not a string).
    pub fn claim_str(&self, name: &str) -> Option<&str> {
        self.payload.get(name).and_then(Value::as_str)
    }
}

/// Session verification refuses machine-token categories (before any key is fetched).
pub fn check_session_category(d: &Decoded) -> Result<(), Failure> {
    if d.cat() == Some(CATEGORY_M2M) {
        return Err(Failure::new(
            Reason::TokenInvalid,
            "Invalid session token category.",
        ));
    }
    Ok(())
}

/// The `typ` header values a verification accepts: the incumbent's `headerType` option
/// (`'JWT'` unless given). An absent `typ` passes only when `headerType` was not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderTypes<'a> {
    pub allowed: &'a [&'a str],
    pub absent_ok: bool,
}

impl HeaderTypes<'static> {
    /// No `headerType` given: `JWT`, or no `typ` at all.
    pub const DEFAULT: HeaderTypes<'static> = HeaderTypes {
        allowed: &["JWT"],
        absent_ok: true,
    };
}

impl<'a> HeaderTypes<'a> {
    /// `headerType` given: one of these, and a `typ` is required.
    pub const fn only(allowed: &'a [&'a str]) -> HeaderTypes<'a> {
        HeaderTypes {
            allowed,
            absent_ok: false,
        }
    }
}

/// `typ` (see [`HeaderTypes`]), then `alg`: the header checks before any key is used.
pub fn check_header(d: &Decoded, types: HeaderTypes) -> Result<Alg, Failure> {
    let typ_ok = match d.typ() {
        Some(t) => types.allowed.contains(&t),
        None => types.absent_ok && !d.typ_is_null(),
    };
    if !typ_ok {
        return Err(Failure::new(
            Reason::TokenInvalid,
            format!(
                "Invalid JWT type. Expected \"{}\".",
                types.allowed.join(", ")
            ),
        ));
    }
    Alg::from_name(d.token.algorithm()).ok_or_else(|| {
        Failure::new(
            Reason::TokenInvalidAlgorithm,
            "Invalid JWT algorithm. Supported: RS256,RS384,RS512.",
        )
    })
}

/// The signature under `key` (the resolved key, or the error its import produced: like
/// WebCrypto's importKey in the incumbent, a bad key surfaces only after the header checks).
/// `invalid` is the message of a signature that does not verify.
pub fn check_signature(
    d: &Decoded,
    key: Result<&VerifyKey, &'static str>,
    alg: Alg,
    invalid: &str,
) -> Result<(), Failure> {
    let unusable = |why: &str| {
        Failure::new(
            Reason::TokenVerificationFailed,
            format!("Error verifying JWT signature. {why}."),
        )
    };
    let key = key.map_err(unusable)?;
    if let Some(why) = key.refuses(alg) {
        return Err(unusable(why));
    }
    let signature = RsaSignature::try_from_slice(d.token.signature_bytes())
        .map_err(|_| unusable("the signature is malformed"))?;
    if !alg.verify_signature(&signature, &key.rsa, d.signing_input.as_bytes()) {
        return Err(Failure::new(Reason::TokenInvalidSignature, invalid));
    }
    Ok(())
}

/// `typ`, `alg`, signature, then the claims; on success the time claims (for the
/// verified-token cache).
pub fn verify_decoded(
    d: &Decoded,
    key: Result<&VerifyKey, &'static str>,
    types: HeaderTypes,
    opts: &ClaimOptions,
    now_ms: f64,
) -> Result<claims::Times, Failure> {
    let alg = check_header(d, types)?;
    check_signature(d, key, alg, "JWT signature is invalid.")?;
    claims::check(&Registered::of(&d.payload), opts, now_ms)
}
