//! RSASSA-PKCS1-v1_5 verification (RFC 8017 8.2.2) from a digest: the caller hashes, so the
//! crate needs no hash dependency. The encoded message `00 01 ff..ff 00 DigestInfo digest`
//! (EMSA-PKCS1-v1_5, 9.2) is compared in place, never built.

use crate::Modulus;
use alloc::vec::Vec;

/// The hash whose digest was signed (SHA-2 only: RS256, RS384, RS512).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

/// Length of the DER DigestInfo header before the digest (with the NULL parameters, as RFC
/// 8017 9.2 note 1 lists it).
const PREFIX_LEN: usize = 19;

impl Hash {
    fn digest_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    /// `30 len 30 0d 06 09 <OID 2.16.840.1.101.3.4.2.x> 05 00 04 digest_len`.
    fn digest_info_prefix(self) -> [u8; PREFIX_LEN] {
        let (oid_last, digest_len) = match self {
            Hash::Sha256 => (0x01, 0x20),
            Hash::Sha384 => (0x02, 0x30),
            Hash::Sha512 => (0x03, 0x40),
        };
        // The DigestInfo SEQUENCE holds the AlgorithmIdentifier (15 bytes) and the digest's
        // OCTET STRING (2 + digest_len).
        let seq_len = 0x11 + digest_len;
        [
            0x30, seq_len, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            oid_last, 0x05, 0x00, 0x04, digest_len,
        ]
    }
}

impl Modulus {
    /// RSASSA-PKCS1-v1_5-VERIFY of a `hash` digest: `signature` must be exactly `len()` bytes,
    /// below the modulus, and `digest` as long as `hash`'s output.
    pub fn verify_pkcs1v15(&self, hash: Hash, digest: &[u8], signature: &[u8]) -> bool {
        if digest.len() != hash.digest_len() {
            return false;
        }
        let mut em = Vec::new();
        self.public_op(signature, &mut em) && is_encoded_digest(&em, hash, digest)
    }
}

/// `em` = `00 01 PS 00 DigestInfo(hash) digest`, PS being `ff` bytes up to the length of `em`.
fn is_encoded_digest(em: &[u8], hash: Hash, digest: &[u8]) -> bool {
    let t_len = PREFIX_LEN + digest.len();
    // At least 8 bytes of PS (9.2 step 5). Always true from 2048 bits on; it keeps the
    // slicing below in range.
    let Some(ps_len) = em.len().checked_sub(t_len + 3).filter(|len| *len >= 8) else {
        return false;
    };
    let (head, t) = em.split_at(em.len() - t_len);
    let (prefix, tail) = t.split_at(PREFIX_LEN);
    head[..2] == [0x00, 0x01]
        && head[2..2 + ps_len].iter().all(|b| *b == 0xff)
        && head[2 + ps_len] == 0x00
        && prefix == hash.digest_info_prefix()
        && tail == digest
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    const HASHES: [Hash; 3] = [Hash::Sha256, Hash::Sha384, Hash::Sha512];

    /// EMSA-PKCS1-v1_5 built the long way, from the DER the RFC lists (9.2 note 1).
    fn encode(k: usize, hash: Hash, digest: &[u8]) -> Vec<u8> {
        let der_prefix: &[u8] = match hash {
            Hash::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20,
            ],
            Hash::Sha384 => &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x02, 0x05, 0x00, 0x04, 0x30,
            ],
            Hash::Sha512 => &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x03, 0x05, 0x00, 0x04, 0x40,
            ],
        };
        let t_len = der_prefix.len() + digest.len();
        let mut em = vec![0x00, 0x01];
        em.resize(k - t_len - 1, 0xff);
        em.push(0x00);
        em.extend_from_slice(der_prefix);
        em.extend_from_slice(digest);
        em
    }

    #[test]
    fn accepts_the_encoding_and_refuses_every_byte_changed() {
        for hash in HASHES {
            let digest: Vec<u8> = (0..hash.digest_len() as u8).map(|i| i ^ 0x5a).collect();
            for k in [256, 257, 384, 512] {
                let mut em = encode(k, hash, &digest);
                assert!(is_encoded_digest(&em, hash, &digest), "{hash:?}, k = {k}");
                for i in 0..k {
                    for flip in [0x01, 0x80] {
                        em[i] ^= flip;
                        assert!(!is_encoded_digest(&em, hash, &digest), "{hash:?} byte {i}");
                        em[i] ^= flip;
                    }
                }
                // Another hash's encoding of a digest of the same bytes does not pass.
                for other in HASHES.into_iter().filter(|h| *h != hash) {
                    let d = &digest[..digest.len().min(other.digest_len())];
                    assert!(!is_encoded_digest(&encode(k, other, d), hash, &digest));
                }
            }
        }
    }

    #[test]
    fn refuses_short_padding_and_short_messages_without_panicking() {
        let digest = [7u8; 32];
        // The shortest valid encoding has 8 bytes of PS; 7 is refused, as is anything shorter.
        let shortest = 3 + 8 + PREFIX_LEN + 32;
        assert!(is_encoded_digest(
            &encode(shortest, Hash::Sha256, &digest),
            Hash::Sha256,
            &digest
        ));
        let mut short = encode(shortest, Hash::Sha256, &digest);
        short.remove(2);
        assert!(!is_encoded_digest(&short, Hash::Sha256, &digest));
        for len in 0..shortest {
            assert!(!is_encoded_digest(&vec![0xff; len], Hash::Sha256, &digest));
        }
    }
}
