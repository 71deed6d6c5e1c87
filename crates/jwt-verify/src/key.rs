//! A public key ready for verification, with what its JWK allows (`alg`, `use`, `key_ops`)
//! kept so a key is never used for what it does not allow. Parsed from PEM or JWK in clerk-edge
//! (`src/auth/keys.rs`): once per key, so that code is built for size; this is read per token.

use super::rsa::{Alg, RsaPublicKey};

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
    pub fn new(rsa: RsaPublicKey) -> VerifyKey {
        VerifyKey {
            rsa,
            kid: None,
            alg: None,
            for_verify: true,
        }
    }

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
