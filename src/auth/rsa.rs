//! RSASSA-PKCS1-v1_5 signature verification (RFC 8017 §8.2.2) with a small Montgomery routine.
//!
//! Verification only needs `s^e mod n` with a public exponent: the workspace crate
//! `crates/rsa-verify` does it (Montgomery on 32-bit limbs, built at opt-level 3) and replaces
//! the `rsa` crate stack (~80 KB of wasm). This file adds the hashes and the EMSA comparison.

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
    /// DER DigestInfo prefix of the hash (RFC 8017 §9.2 note 1).
    fn digest_info_prefix(self) -> [u8; 19] {
        let (len_byte, oid_last, hash_len) = match self {
            Alg::Rs256 => (0x31, 0x01, 0x20),
            Alg::Rs384 => (0x41, 0x02, 0x30),
            Alg::Rs512 => (0x51, 0x03, 0x40),
        };
        [
            0x30, len_byte, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            oid_last, 0x05, 0x00, 0x04, hash_len,
        ]
    }
    fn hash(self, message: &[u8]) -> Vec<u8> {
        match self {
            Alg::Rs256 => Sha256::digest(message).to_vec(),
            Alg::Rs384 => Sha384::digest(message).to_vec(),
            Alg::Rs512 => Sha512::digest(message).to_vec(),
        }
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

    /// RSASSA-PKCS1-v1_5-VERIFY of `message` (not its hash) under `alg`: the encoded message
    /// `00 01 ff..ff 00 DigestInfo hash` is compared in place, never built.
    pub fn verify(&self, alg: Alg, message: &[u8], signature: &[u8]) -> bool {
        let mut em = Vec::new();
        if !self.modulus.public_op(signature, &mut em) {
            return false;
        }
        let hash = alg.hash(message);
        let prefix = alg.digest_info_prefix();
        let t_len = prefix.len() + hash.len();
        let k = em.len();
        if k < t_len + 11 {
            return false;
        }
        let ps_end = k - t_len - 1;
        em[0] == 0
            && em[1] == 1
            && em[2..ps_end].iter().all(|b| *b == 0xff)
            && em[ps_end] == 0
            && em[ps_end + 1..ps_end + 1 + prefix.len()] == prefix
            && em[k - hash.len()..] == hash[..]
    }
}
