//! RS256, RS384 and RS512 as jwt-compact [`Algorithm`]s, verifying with `crates/rsa-verify`.
//!
//! Verification only: the signing key type has no values, so `sign` cannot be reached (no
//! panic path, and jwt-compact's own `rsa` feature, which pulls `getrandom`, stays off). The
//! message is hashed here (sha2); `rsa-verify` does RSASSA-PKCS1-v1_5 on the digest: the
//! public operation (Montgomery on 27-bit limbs, wasm SIMD) and the EMSA comparison.

use std::borrow::Cow;

use jwt_compact::{Algorithm, AlgorithmSignature};
use sha2::{Digest, Sha256, Sha384, Sha512};

/// The JWS algorithms we verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alg {
    Rs256,
    Rs384,
    Rs512,
}

impl Alg {
    pub fn from_name(name: &str) -> Option<Alg> {
        match name {
            "RS256" => Some(Alg::Rs256),
            "RS384" => Some(Alg::Rs384),
            "RS512" => Some(Alg::Rs512),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Alg::Rs256 => "RS256",
            Alg::Rs384 => "RS384",
            Alg::Rs512 => "RS512",
        }
    }

    /// The hash of `message` and its name for `rsa-verify`.
    fn digest(self, message: &[u8]) -> (rsa_verify::Hash, Vec<u8>) {
        match self {
            Alg::Rs256 => (rsa_verify::Hash::Sha256, Sha256::digest(message).to_vec()),
            Alg::Rs384 => (rsa_verify::Hash::Sha384, Sha384::digest(message).to_vec()),
            Alg::Rs512 => (rsa_verify::Hash::Sha512, Sha512::digest(message).to_vec()),
        }
    }
}

/// A signing key that cannot exist: this crate never signs.
#[derive(Debug)]
pub enum NoSigningKey {}

/// A signature as the token carries it; its length is checked against the key's.
#[derive(Debug, Clone)]
pub struct RsaSignature(pub Vec<u8>);

impl AlgorithmSignature for RsaSignature {
    // Variable: 256 to 1024 bytes, whatever the key's modulus length is.
    fn try_from_slice(slice: &[u8]) -> anyhow::Result<Self> {
        Ok(RsaSignature(slice.to_vec()))
    }

    fn as_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.0)
    }
}

impl Algorithm for Alg {
    type SigningKey = NoSigningKey;
    type VerifyingKey = RsaPublicKey;
    type Signature = RsaSignature;

    fn name(&self) -> Cow<'static, str> {
        Cow::Borrowed(Alg::name(*self))
    }

    fn sign(&self, signing_key: &NoSigningKey, _message: &[u8]) -> RsaSignature {
        match *signing_key {}
    }

    fn verify_signature(
        &self,
        signature: &RsaSignature,
        verifying_key: &RsaPublicKey,
        message: &[u8],
    ) -> bool {
        let (hash, digest) = self.digest(message);
        verifying_key
            .modulus
            .verify_pkcs1v15(hash, &digest, &signature.0)
    }
}

pub use rsa_verify::{MAX_BITS, MIN_BITS};

/// A public key with its Montgomery constants precomputed (done once per key, then cached).
#[derive(Debug)]
pub struct RsaPublicKey {
    modulus: rsa_verify::Modulus,
}

impl RsaPublicKey {
    /// From big-endian modulus and exponent bytes (as in JWK `n`/`e` and DER INTEGERs).
    pub fn new(n_be: &[u8], e_be: &[u8]) -> Result<RsaPublicKey, &'static str> {
        rsa_verify::Modulus::new(n_be, e_be)
            .map(|modulus| RsaPublicKey { modulus })
            .map_err(rsa_verify::KeyError::message)
    }

    pub fn bits(&self) -> usize {
        self.modulus.bits()
    }
}
