//! RSA signature verification for clerk-edge: RSASSA-PKCS1-v1_5 from a digest
//! ([`Modulus::verify_pkcs1v15`], RFC 8017 8.2.2; the caller hashes) and the public operation
//! under it, `s^e mod n` ([`Modulus::public_op`], RSAVP1). Our own code because in wasm it is
//! 8-16x faster than RustCrypto `rsa` (docs/benchmarks.md).
//!
//! What is accepted: moduli of 2048 to 8192 bits, odd; odd exponents from 3 to
//! [`MAX_EXPONENT`] (RustCrypto's bound); signatures of exactly the modulus length and below
//! the modulus, checked on the bytes before any arithmetic.
//!
//! How: Montgomery arithmetic on 27-bit limbs with 64-bit column sums (see `mont.rs` for why).
//! Per key, the Montgomery constants are computed once ([`Modulus::new`]); per signature, one
//! scratch buffer is allocated and every multiplication works in place. Squarings (16 of the
//! 18 products for e = 65537) compute each cross product once. Nothing here is secret (public
//! key, public signature), so the code is not constant-time.
//!
//! Tested (`cargo test -p rsa-verify`): against a schoolbook reference (`src/tests.rs`), the
//! Wycheproof RSASSA-PKCS1-v1_5 vectors (`tests/wycheproof.rs`), and differentially against
//! RustCrypto `rsa` over random moduli and real keys of sizes across the limb boundaries
//! (`tests/differential.rs`).

#![no_std]
extern crate alloc;

use alloc::vec;
use alloc::vec::Vec;

mod mont;
mod pkcs1;

pub use pkcs1::Hash;

/// Modulus sizes accepted, in bits.
pub const MIN_BITS: usize = 2048;
pub const MAX_BITS: usize = 8192;
/// The largest public exponent accepted, 2^33 - 1: RustCrypto `rsa`'s bound (from *ring*).
/// A verification's cost grows with e's bit length: natively, an 8192-bit public operation
/// takes about 0.7 ms at e = 65537, 2.7 ms at 2^33 - 1 and 5.4 ms at 2^64 - 1.
pub const MAX_EXPONENT: u64 = (1 << 33) - 1;

/// An RSA public key with its Montgomery constants.
#[derive(Debug, Clone)]
pub struct Modulus {
    /// Big-endian, no leading zero: its length is the signature length `k`. Signatures are
    /// compared against it before conversion to limbs.
    n_be: Vec<u8>,
    n: Vec<u32>, // little-endian 27-bit limbs (see mont.rs)
    n_rev: Vec<u32>,
    e: u64,
    n0_inv: u32,  // -n^-1 mod 2^27
    rr: Vec<u32>, // R^2 mod n, R = 2^(27 * limbs)
    bits: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyError {
    /// Modulus outside 2048..=8192 bits.
    Size,
    /// Even modulus.
    EvenModulus,
    /// Exponent even, below 3 or above [`MAX_EXPONENT`].
    Exponent,
}

impl KeyError {
    pub fn message(self) -> &'static str {
        match self {
            KeyError::Size => "RSA modulus must be 2048 to 8192 bits",
            KeyError::EvenModulus => "RSA modulus must be odd",
            KeyError::Exponent => "RSA public exponent must be odd, from 3 to 2^33 - 1",
        }
    }
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let first = b.iter().position(|x| *x != 0).unwrap_or(b.len());
    &b[first..]
}

impl Modulus {
    /// From big-endian modulus and exponent bytes (as in JWK `n`/`e` and DER INTEGERs).
    pub fn new(n_be: &[u8], e_be: &[u8]) -> Result<Modulus, KeyError> {
        let n_be = strip_zeros(n_be);
        let e_be = strip_zeros(e_be);
        let bits = n_be.len() * 8 - n_be.first().map_or(8, |b| b.leading_zeros() as usize);
        if !(MIN_BITS..=MAX_BITS).contains(&bits) {
            return Err(KeyError::Size);
        }
        // At most 5 bytes (MAX_EXPONENT's length), so the u64 cannot overflow.
        if e_be.is_empty() || e_be.len() > 5 {
            return Err(KeyError::Exponent);
        }
        let e = e_be.iter().fold(0u64, |acc, b| (acc << 8) | *b as u64);
        if !(3..=MAX_EXPONENT).contains(&e) || e.is_multiple_of(2) {
            return Err(KeyError::Exponent);
        }
        if n_be.last().is_some_and(|b| b.is_multiple_of(2)) {
            return Err(KeyError::EvenModulus);
        }
        let mut n = vec![0u32; mont::limbs_for(bits)];
        mont::from_be(n_be, &mut n);
        let mut n_rev = vec![0u32; n.len()];
        mont::reversed(&n, &mut n_rev);
        Ok(Modulus {
            n_rev,
            n0_inv: mont::neg_inv(n[0]),
            rr: mont::r_squared(&n),
            n,
            e,
            n_be: n_be.to_vec(),
            bits,
        })
    }

    /// Modulus length in bytes (the signature length).
    pub fn len(&self) -> usize {
        self.n_be.len()
    }

    pub fn is_empty(&self) -> bool {
        self.n_be.is_empty()
    }

    /// Modulus length in bits (2049 for a 2049-bit key, whose signatures are 257 bytes).
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// `sig^e mod n` as big-endian bytes of the modulus length, into `out`.
    /// `false` when `sig` is not `len()` bytes or is not below the modulus (RFC 8017 5.2.2
    /// step 1).
    #[inline(never)]
    pub fn public_op(&self, sig: &[u8], out: &mut Vec<u8>) -> bool {
        // Checked on the bytes, before conversion: where 27 L < 8 k (430 of the sizes from
        // 2048 to 8192 bits), limbs cannot hold every k-byte value, and `from_be` would drop
        // the bits above, so s + 2^(27 L) would act as s. Equal lengths, big-endian: the
        // lexicographic order of the bytes is the order of the integers.
        if sig.len() != self.n_be.len() || sig >= self.n_be.as_slice() {
            return false;
        }
        let l = self.n.len();
        // One allocation: x | xm | acc | tmp (L limbs each) | scratch (2L).
        let mut buf = vec![0u32; 6 * l];
        let (x, rest) = buf.split_at_mut(l);
        let (xm, rest) = rest.split_at_mut(l);
        let (acc, rest) = rest.split_at_mut(l);
        let (tmp, m_scratch) = rest.split_at_mut(l);
        mont::from_be(sig, x);
        let m = mont::Ctx {
            n: &self.n,
            n_rev: &self.n_rev,
            n0_inv: self.n0_inv,
        };
        // xm = x R (Montgomery form), then left-to-right square-and-multiply. The exponent is
        // odd, so the last step multiplies by plain x, which also leaves Montgomery form:
        // (x^(e-1) R) * x * R^-1 = x^e (mod n). That saves the conversion back.
        m.mul(x, &self.rr, m_scratch, xm);
        acc.copy_from_slice(xm);
        let top = 63 - self.e.leading_zeros();
        for i in (0..top).rev() {
            m.sqr(acc, m_scratch, tmp);
            match ((self.e >> i) & 1, i) {
                (1, 0) => m.mul(tmp, x, m_scratch, acc),
                (1, _) => m.mul(tmp, xm, m_scratch, acc),
                _ => acc.copy_from_slice(tmp),
            }
        }
        m.finish(acc);
        out.clear();
        out.resize(self.len(), 0);
        mont::to_be(acc, out);
        true
    }
}

#[cfg(test)]
mod tests;
