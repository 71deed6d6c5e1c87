//! RSASSA-PKCS1-v1_5 signature verification (RFC 8017 §8.2.2) with a small Montgomery routine.
//!
//! Verification only needs `s^e mod n` with a public exponent, so a few dozen lines of
//! 32-bit-limb arithmetic replace the `rsa` crate stack (~80 KB of wasm). Nothing here is secret,
//! so constant time is not needed; correctness is (tests cover 2048/3072/4096-bit keys).

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

pub const MIN_BITS: usize = 2048;
pub const MAX_BITS: usize = 8192;

/// A public key with its Montgomery constants precomputed (done once per key, then cached).
#[derive(Debug)]
pub struct RsaPublicKey {
    n: Vec<u32>, // little-endian limbs
    e: u64,
    n0_inv: u32,  // -n^-1 mod 2^32
    rr: Vec<u32>, // R^2 mod n, R = 2^(32 * limbs)
    k: usize,     // modulus length in bytes
}

fn limbs_from_be(bytes: &[u8], limbs: usize) -> Vec<u32> {
    let mut out = vec![0u32; limbs];
    for (i, b) in bytes.iter().rev().enumerate() {
        if let Some(l) = out.get_mut(i / 4) {
            *l |= (*b as u32) << (8 * (i % 4));
        }
    }
    out
}

fn ge(a: &[u32], b: &[u32]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x > y;
        }
    }
    true
}

/// a -= b (a >= b is the caller's promise; the final borrow is dropped).
fn sub_in_place(a: &mut [u32], b: &[u32]) {
    let mut borrow = 0u64;
    for (x, y) in a.iter_mut().zip(b) {
        let d = (*x as u64).wrapping_sub(*y as u64).wrapping_sub(borrow);
        *x = d as u32;
        borrow = (d >> 63) & 1;
    }
}

impl RsaPublicKey {
    /// From big-endian modulus and exponent bytes (as in JWK `n`/`e` and DER INTEGERs).
    pub fn new(n_be: &[u8], e_be: &[u8]) -> Result<RsaPublicKey, &'static str> {
        let n_be = strip_zeros(n_be);
        let e_be = strip_zeros(e_be);
        let bits = n_be.len() * 8 - n_be.first().map_or(8, |b| b.leading_zeros() as usize);
        if !(MIN_BITS..=MAX_BITS).contains(&bits) {
            return Err("RSA modulus must be 2048 to 8192 bits");
        }
        if e_be.is_empty() || e_be.len() > 8 {
            return Err("unsupported RSA public exponent");
        }
        let e = e_be.iter().fold(0u64, |acc, b| (acc << 8) | *b as u64);
        if e < 3 || e % 2 == 0 {
            return Err("unsupported RSA public exponent");
        }
        let limbs = n_be.len().div_ceil(4);
        let n = limbs_from_be(n_be, limbs);
        let n0 = n.first().copied().unwrap_or(0);
        if n0 % 2 == 0 {
            return Err("RSA modulus must be odd");
        }
        // Newton iteration: each step doubles the number of correct low bits (1 -> 32).
        let mut inv: u32 = 1;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u32.wrapping_sub(n0.wrapping_mul(inv)));
        }
        // R^2 mod n by doubling 1 modulo n, 2 * 32 * limbs times: once per key.
        let mut x = vec![0u32; limbs];
        x[0] = 1;
        for _ in 0..(64 * limbs) {
            let mut carry = 0u32;
            for l in x.iter_mut() {
                let next = *l >> 31;
                *l = (*l << 1) | carry;
                carry = next;
            }
            if carry == 1 || ge(&x, &n) {
                sub_in_place(&mut x, &n);
            }
        }
        Ok(RsaPublicKey {
            n,
            e,
            n0_inv: inv.wrapping_neg(),
            rr: x,
            k: n_be.len(),
        })
    }

    pub fn bits(&self) -> usize {
        self.k * 8
    }

    /// Montgomery product a * b * R^-1 mod n into `out` (FIOS: multiply and reduce in one pass).
    /// `t` is scratch of s + 1 limbs. Slices are cut to length first so bounds checks vanish.
    fn mont_mul(&self, a: &[u32], b: &[u32], t: &mut [u32], out: &mut [u32]) {
        let s = self.n.len();
        let (n, a, b, t, out) = (
            &self.n[..s],
            &a[..s],
            &b[..s],
            &mut t[..s + 1],
            &mut out[..s],
        );
        t.fill(0);
        for &ai in a {
            let ai = ai as u64;
            let v1 = t[0] as u64 + ai * b[0] as u64;
            let m = (v1 as u32).wrapping_mul(self.n0_inv) as u64;
            let mut c1 = v1 >> 32;
            let mut c2 = ((v1 & 0xffff_ffff) + m * n[0] as u64) >> 32;
            for j in 1..s {
                let v1 = t[j] as u64 + ai * b[j] as u64 + c1;
                c1 = v1 >> 32;
                let v2 = (v1 & 0xffff_ffff) + m * n[j] as u64 + c2;
                c2 = v2 >> 32;
                t[j - 1] = v2 as u32;
            }
            let v = t[s] as u64 + c1 + c2;
            t[s - 1] = v as u32;
            t[s] = (v >> 32) as u32;
        }
        out.copy_from_slice(&t[..s]);
        if t[s] != 0 || ge(out, n) {
            sub_in_place(out, n);
        }
    }

    /// s^e mod n as big-endian bytes of the modulus length; `None` when s >= n.
    fn public_op(&self, sig: &[u8]) -> Option<Vec<u8>> {
        let s = self.n.len();
        let x = limbs_from_be(sig, s);
        if ge(&x, &self.n) {
            return None;
        }
        let mut t = vec![0u32; s + 1];
        let mut xm = vec![0u32; s];
        self.mont_mul(&x, &self.rr, &mut t, &mut xm);
        let mut acc = xm.clone();
        let mut tmp = vec![0u32; s];
        let top = 63 - self.e.leading_zeros();
        for i in (0..top).rev() {
            self.mont_mul(&acc, &acc, &mut t, &mut tmp);
            std::mem::swap(&mut acc, &mut tmp);
            if (self.e >> i) & 1 == 1 {
                self.mont_mul(&acc, &xm, &mut t, &mut tmp);
                std::mem::swap(&mut acc, &mut tmp);
            }
        }
        let mut one = vec![0u32; s];
        one[0] = 1;
        let mut y = vec![0u32; s];
        self.mont_mul(&acc, &one, &mut t, &mut y);
        let mut out = vec![0u8; self.k];
        for (i, b) in out.iter_mut().rev().enumerate() {
            *b = (y.get(i / 4).copied().unwrap_or(0) >> (8 * (i % 4))) as u8;
        }
        Some(out)
    }

    /// RSASSA-PKCS1-v1_5-VERIFY of `message` (not its hash) under `alg`.
    pub fn verify(&self, alg: Alg, message: &[u8], signature: &[u8]) -> bool {
        if signature.len() != self.k {
            return false;
        }
        let Some(em) = self.public_op(signature) else {
            return false;
        };
        let hash = alg.hash(message);
        let prefix = alg.digest_info_prefix();
        let t_len = prefix.len() + hash.len();
        if self.k < t_len + 11 {
            return false;
        }
        let mut expected = Vec::with_capacity(self.k);
        expected.extend_from_slice(&[0x00, 0x01]);
        expected.resize(self.k - t_len - 1, 0xff);
        expected.push(0x00);
        expected.extend_from_slice(&prefix);
        expected.extend_from_slice(&hash);
        em == expected
    }
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let first = b.iter().position(|x| *x != 0).unwrap_or(b.len());
    &b[first..]
}
