//! Verification keys from PEM (SubjectPublicKeyInfo or PKCS#1 RSAPublicKey) and JWK, with the
//! JWK's own constraints (`alg`, `use`, `key_ops`) kept so a key is never used for what it does
//! not allow.
//!
//! Strict where it matters: DER goes through RustCrypto's `spki`/`pkcs1` (on `der`), which
//! refuse trailing bytes, non-minimal lengths and non-minimal integers; only the labels
//! `PUBLIC KEY` and `RSA PUBLIC KEY` are accepted, and an SPKI must say rsaEncryption with NULL
//! parameters. Lenient where the incumbent is and nothing is at stake: whitespace inside the
//! armour (one-line bodies, CRLF, indentation, as keys arrive from environment variables;
//! `pem-rfc7468` refuses those) and a bare base64 SPKI body.

use base64ct::{Base64, Encoding};
use der::asn1::{BitStringRef, UintRef};
use der::{AnyRef, Decode};
use serde::Deserialize;
use serde_json::Value;

pub use super::key::VerifyKey;
use super::rsa::RsaPublicKey;

/// A key, or why it cannot be used (kept so the failure surfaces at signature time).
pub type KeyResult = Result<VerifyKey, &'static str>;

const PEM_LABELS: [&str; 2] = ["PUBLIC KEY", "RSA PUBLIC KEY"];

/// A PEM `PUBLIC KEY` (SPKI) or `RSA PUBLIC KEY` (PKCS#1), or the bare base64 body of one.
pub fn from_pem(pem: &str) -> Result<VerifyKey, &'static str> {
    let pem = pem.trim();
    let (label, body) = match pem.strip_prefix("-----BEGIN ") {
        Some(rest) => armoured(rest).map(|(label, body)| (Some(label), body))?,
        None => (None, pem),
    };
    let body: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = Base64::decode_vec(&body).map_err(|_| "the PEM key is not valid base64")?;
    let rsa = match label {
        Some("RSA PUBLIC KEY") => pkcs1_rsa(&der)?,
        Some(_) => spki_rsa(&der)?,
        // No label to say which: either structure, each parsed strictly.
        None => spki_rsa(&der).or_else(|_| pkcs1_rsa(&der))?,
    };
    Ok(VerifyKey::new(rsa))
}

/// The label and body of `-----BEGIN <label>-----<body>-----END <label>-----` (already past
/// `-----BEGIN `), nothing after the end line.
fn armoured(rest: &str) -> Result<(&'static str, &str), &'static str> {
    const BAD: &str = "the PEM armour is malformed";
    let (label, rest) = rest.split_once("-----").ok_or(BAD)?;
    let label = PEM_LABELS
        .into_iter()
        .find(|l| *l == label)
        .ok_or("the PEM label must be PUBLIC KEY or RSA PUBLIC KEY")?;
    let (body, end) = rest.split_once("-----END ").ok_or(BAD)?;
    if end.strip_suffix("-----") != Some(label) {
        return Err(BAD);
    }
    Ok((label, body))
}

/// A DER SubjectPublicKeyInfo holding an RSA key (rsaEncryption, NULL parameters).
fn spki_rsa(der: &[u8]) -> Result<RsaPublicKey, &'static str> {
    let spki = spki::SubjectPublicKeyInfo::<AnyRef<'_>, BitStringRef<'_>>::from_der(der)
        .map_err(|_| "the key is not a DER SubjectPublicKeyInfo")?;
    if spki.algorithm.oid != pkcs1::ALGORITHM_OID {
        return Err("the key is not an RSA public key");
    }
    if !spki.algorithm.parameters.is_some_and(|p| p.is_null()) {
        return Err("the RSA key's algorithm parameters must be NULL");
    }
    let key = spki
        .subject_public_key
        .as_bytes()
        .ok_or("the key's BIT STRING has unused bits")?;
    pkcs1_rsa(key)
}

/// A DER PKCS#1 RSAPublicKey.
fn pkcs1_rsa(der: &[u8]) -> Result<RsaPublicKey, &'static str> {
    let key = pkcs1::RsaPublicKey::<UintRef<'_>>::from_der(der)
        .map_err(|_| "the key is not a DER RSAPublicKey")?;
    RsaPublicKey::new(key.modulus.as_bytes(), key.public_exponent.as_bytes())
}

/// A JWK as RFC 7517/7518 spell an RSA public key (other members are ignored).
#[derive(Deserialize)]
struct Jwk {
    kty: String,
    n: Option<String>,
    e: Option<String>,
    kid: Option<String>,
    alg: Option<String>,
    #[serde(rename = "use")]
    use_: Option<String>,
    key_ops: Option<Vec<String>>,
}

/// A JWK as parsed JSON (`kty: RSA`, `n`, `e`; optional `kid`, `alg`, `use`, `key_ops`).
pub fn from_jwk(jwk: &Value) -> Result<VerifyKey, &'static str> {
    let jwk = Jwk::deserialize(jwk).map_err(|_| "the JWK is malformed")?;
    if jwk.kty != "RSA" {
        return Err("the JWK is not an RSA key");
    }
    let field = |v: Option<&str>| {
        v.and_then(|s| super::base64url::decode(s).ok())
            .ok_or("the JWK's n or e is missing or not base64url")
    };
    let rsa = RsaPublicKey::new(&field(jwk.n.as_deref())?, &field(jwk.e.as_deref())?)?;
    let use_ok = jwk.use_.as_deref().is_none_or(|u| u == "sig");
    let ops_ok = jwk
        .key_ops
        .as_ref()
        .is_none_or(|ops| ops.iter().any(|o| o == "verify"));
    Ok(VerifyKey {
        rsa,
        kid: jwk.kid,
        alg: jwk.alg,
        for_verify: use_ok && ops_ok,
    })
}

/// `jwtKey` as the user gives it: PEM text, JWK JSON text, or bare base64 SPKI.
pub fn from_jwt_key(text: &str) -> Result<VerifyKey, &'static str> {
    let t = text.trim_start();
    if t.starts_with('{') {
        let jwk: Value =
            super::json::value(t.as_bytes()).map_err(|_| "the JWK is not valid JSON")?;
        from_jwk(&jwk)
    } else {
        from_pem(text)
    }
}

/// A JWKS document: `{ "keys": [...] }`.
#[derive(Deserialize)]
pub struct Jwks {
    pub keys: Vec<Value>,
}

impl Jwks {
    /// From JSON text (through `Value`: one instance of serde_json's parser serves every JSON
    /// document verification reads, which keeps the wasm smaller).
    pub fn parse(text: &str) -> Option<Jwks> {
        let doc: Value = super::json::value(text.as_bytes()).ok()?;
        Jwks::deserialize(&doc).ok()
    }
}

/// Every RSA key of a JWKS document with a `kid`, in order; unusable ones keep their error so a
/// token naming that kid fails as "cannot use this key" rather than "unknown kid".
pub fn from_jwks(doc: &Jwks) -> Vec<(String, KeyResult)> {
    doc.keys
        .iter()
        .filter_map(|k| {
            let kid = k.get("kid")?.as_str()?.to_string();
            Some((kid, from_jwk(k)))
        })
        .collect()
}
