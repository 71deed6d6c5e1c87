//! Verification keys from PEM (SPKI or PKCS#1) and JWK, with the JWK's own constraints
//! (`alg`, `use`, `key_ops`) kept so a key is never used for what it does not allow.

use super::base64;
use super::json::{self, Json};
use super::rsa::{Alg, RsaPublicKey};

/// A key, or why it cannot be used (kept so the failure surfaces at signature time).
pub type KeyResult = Result<VerifyKey, &'static str>;

#[derive(Debug)]
pub struct VerifyKey {
    pub rsa: RsaPublicKey,
    pub kid: Option<String>,
    /// JWK `alg`: when present, the only algorithm this key verifies.
    pub alg: Option<String>,
    /// False when the JWK says `use` is not `sig` or `key_ops` lacks `verify`.
    pub for_verify: bool,
}

impl VerifyKey {
    /// Why this key may not verify a token signed with `alg` (None: it may).
    pub fn refuses(&self, alg: Alg) -> Option<&'static str> {
        if !self.for_verify {
            return Some("the JWK is not a signature verification key (use/key_ops)");
        }
        match &self.alg {
            Some(a) if a != alg.name() => Some("the JWK's alg does not match the token's alg"),
            _ => None,
        }
    }
}

/// A PEM `PUBLIC KEY` (SPKI) or `RSA PUBLIC KEY` (PKCS#1), or the bare base64 body of one.
pub fn from_pem(pem: &str) -> Result<VerifyKey, &'static str> {
    let mut body = String::with_capacity(pem.len());
    for line in pem.lines() {
        let line = line.trim();
        if !line.starts_with("-----") {
            body.extend(line.chars().filter(|c| !c.is_whitespace()));
        }
    }
    let der = base64::decode_std(&body).ok_or("the PEM key is not valid base64")?;
    let rsa = rsa_from_spki(&der)
        .or_else(|_| rsa_from_pkcs1(&der))
        .map_err(|_| "the PEM key is not an RSA public key")??;
    Ok(VerifyKey {
        rsa,
        kid: None,
        alg: None,
        for_verify: true,
    })
}

/// A JWK object (`kty: RSA`, `n`, `e`; optional `kid`, `alg`, `use`, `key_ops`).
pub fn from_jwk(jwk: &Json) -> Result<VerifyKey, &'static str> {
    if jwk.get("kty").and_then(Json::as_str) != Some("RSA") {
        return Err("the JWK is not an RSA key");
    }
    let field = |name| {
        jwk.get(name)
            .and_then(Json::as_str)
            .and_then(base64::decode_url)
            .ok_or("the JWK's n or e is missing or not base64url")
    };
    let rsa = RsaPublicKey::new(&field("n")?, &field("e")?)?;
    let use_ok = match jwk.get("use") {
        None => true,
        Some(u) => u.as_str() == Some("sig"),
    };
    let ops_ok = match jwk.get("key_ops") {
        None => true,
        Some(ops) => ops
            .as_array()
            .is_some_and(|a| a.iter().any(|o| o.as_str() == Some("verify"))),
    };
    let alg = match jwk.get("alg") {
        None => None,
        Some(a) => Some(
            a.as_str()
                .ok_or("the JWK's alg is not a string")?
                .to_string(),
        ),
    };
    Ok(VerifyKey {
        rsa,
        kid: jwk.get("kid").and_then(Json::as_str).map(str::to_string),
        alg,
        for_verify: use_ok && ops_ok,
    })
}

/// `jwtKey` as the user gives it: PEM text, JWK JSON text, or bare base64 SPKI.
pub fn from_jwt_key(text: &str) -> Result<VerifyKey, &'static str> {
    let t = text.trim_start();
    if t.starts_with('{') {
        let jwk = json::parse(t).ok_or("the JWK is not valid JSON")?;
        from_jwk(&jwk)
    } else {
        from_pem(text)
    }
}

/// Every usable RSA key of a JWKS document, by position; unusable ones keep their error so a
/// token naming that kid fails as "cannot use this key" rather than "unknown kid".
pub fn from_jwks(text: &str) -> Result<Vec<(String, KeyResult)>, &'static str> {
    let doc = json::parse(text).ok_or("the JWKS response is not JSON")?;
    let keys = doc
        .get("keys")
        .and_then(Json::as_array)
        .ok_or("the JWKS response has no keys")?;
    Ok(keys
        .iter()
        .filter_map(|k| {
            let kid = k.get("kid")?.as_str()?.to_string();
            Some((kid, from_jwk(k)))
        })
        .collect())
}

// --- DER: just enough to read SEQUENCE / INTEGER / BIT STRING / OID of a public key. ---

struct Der<'a>(&'a [u8]);

impl<'a> Der<'a> {
    fn read(&mut self, tag: u8) -> Result<&'a [u8], ()> {
        let b = self.0;
        if b.first() != Some(&tag) {
            return Err(());
        }
        let first = *b.get(1).ok_or(())?;
        let (len, header) = if first < 0x80 {
            (first as usize, 2)
        } else {
            let n = (first & 0x7f) as usize;
            if n == 0 || n > 3 {
                return Err(());
            }
            let mut len = 0usize;
            for i in 0..n {
                len = (len << 8) | *b.get(2 + i).ok_or(())? as usize;
            }
            (len, 2 + n)
        };
        let content = b.get(header..header + len).ok_or(())?;
        self.0 = b.get(header + len..).ok_or(())?;
        Ok(content)
    }
}

const RSA_ENCRYPTION_OID: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

fn rsa_from_pkcs1(der: &[u8]) -> Result<Result<RsaPublicKey, &'static str>, ()> {
    let mut outer = Der(der);
    let mut seq = Der(outer.read(0x30)?);
    let n = seq.read(0x02)?;
    let e = seq.read(0x02)?;
    Ok(RsaPublicKey::new(n, e))
}

fn rsa_from_spki(der: &[u8]) -> Result<Result<RsaPublicKey, &'static str>, ()> {
    let mut outer = Der(der);
    let mut spki = Der(outer.read(0x30)?);
    let mut alg = Der(spki.read(0x30)?);
    if alg.read(0x06)? != RSA_ENCRYPTION_OID {
        return Err(());
    }
    let bits = spki.read(0x03)?;
    match bits.split_first() {
        Some((0, key)) => rsa_from_pkcs1(key),
        _ => Err(()),
    }
}
