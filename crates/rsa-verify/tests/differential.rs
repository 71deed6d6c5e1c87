//! Differential test of rsa-verify against RustCrypto `rsa` 0.10 (crypto-bigint arithmetic):
//! 0 disagreements on accept/reject of RSASSA-PKCS1-v1_5 verification and on the raw public
//! operation `s^e mod n`.
//!
//! - Random odd moduli: `s^e mod n` needs no factors, so any odd n with its top bit set is a
//!   valid key for both (`rsa::PublicKey::new` checks only size, oddness and e). Every size
//!   from 2048 to 4200 bits where a k-byte signature can carry bits at or above 27 L (L limbs
//!   of 27 bits; 150 sizes), the usual sizes, and a seeded sample of the others.
//! - Real keys (seeded RustCrypto key generation) of sizes across the limb boundaries, with
//!   valid signatures for SHA-256, SHA-384 and SHA-512.
//!
//! Inputs per key: signatures (valid ones for real keys), their bit flips, 0, 1, n - 1, n,
//! n + 1, s + n, s + 2^(27 L) and 2^(27 L) (where they fit in k bytes), all ones, one byte
//! short and one long; for real keys also a wrong digest, a digest of the wrong length and
//! another hash. Sums are computed with crypto-bigint, not with the code under test.

use rand::rngs::ChaCha8Rng;
use rand::{Rng, RngExt, SeedableRng};
use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, Pkcs1v15Sign, PrivateKey, PublicKey};
use rsa_verify::{Hash, Modulus};
use sha2::Digest;
use std::sync::atomic::{AtomicUsize, Ordering};

const HASHES: [Hash; 3] = [Hash::Sha256, Hash::Sha384, Hash::Sha512];

fn scheme(hash: Hash) -> Pkcs1v15Sign {
    match hash {
        Hash::Sha256 => Pkcs1v15Sign::new::<sha2::Sha256>(),
        Hash::Sha384 => Pkcs1v15Sign::new::<sha2::Sha384>(),
        Hash::Sha512 => Pkcs1v15Sign::new::<sha2::Sha512>(),
    }
}

fn digest(hash: Hash, msg: &[u8]) -> Vec<u8> {
    match hash {
        Hash::Sha256 => sha2::Sha256::digest(msg).to_vec(),
        Hash::Sha384 => sha2::Sha384::digest(msg).to_vec(),
        Hash::Sha512 => sha2::Sha512::digest(msg).to_vec(),
    }
}

/// 27 L: the bits the crate's limbs hold for a `bits`-bit modulus (L = ceil((bits + 2) / 27),
/// so that R = 2^(27 L) > 4n; see src/mont.rs).
fn limb_bits(bits: usize) -> usize {
    27 * (bits + 2).div_ceil(27)
}

/// The sizes where k bytes hold more than 27 L bits.
fn is_limb_boundary_size(bits: usize) -> bool {
    limb_bits(bits) < 8 * bits.div_ceil(8)
}

/// Both implementations of one public key.
struct Pair {
    ours: Modulus,
    theirs: PublicKey,
    n: BoxedUint,
    k: usize,
    bits: usize,
}

impl Pair {
    fn new(theirs: PublicKey) -> Pair {
        let n = theirs.n().as_ref().clone();
        let ours = Modulus::new(&theirs.n_bytes(), &theirs.e_bytes()).expect("key in range");
        let (k, bits) = (theirs.size(), n.bit_width_vartime() as usize);
        assert_eq!((ours.len(), ours.bits()), (k, bits));
        Pair {
            ours,
            theirs,
            n,
            k,
            bits,
        }
    }

    /// `x` as exactly k big-endian bytes, or `None` when it needs more.
    fn bytes(&self, x: &BoxedUint) -> Option<Vec<u8>> {
        let be = x.to_be_bytes();
        let (high, low) = be.split_at(be.len().saturating_sub(self.k));
        let mut out = vec![0u8; self.k - low.len()];
        out.extend_from_slice(low);
        high.iter().all(|b| *b == 0).then_some(out)
    }

    /// `x + y` (each stored in under 8 k + 128 bits), computed wide enough not to wrap.
    fn sum(&self, x: &BoxedUint, y: &BoxedUint) -> BoxedUint {
        let width = 8 * self.k as u32 + 128;
        let widen = |v: &BoxedUint| BoxedUint::from_be_slice(&v.to_be_bytes(), width).unwrap();
        widen(x).wrapping_add(widen(y))
    }

    /// The inputs derived from one signature-sized value `s` (< n).
    fn inputs(&self, s: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
        let s_int = BoxedUint::from_be_slice_vartime(s);
        let one = BoxedUint::one();
        let limb_bits = limb_bits(self.bits) as u32;
        let two_to_limbs = BoxedUint::one_with_precision(limb_bits + 1)
            .shl_vartime(limb_bits)
            .unwrap();
        let n_minus_1 = self.n.wrapping_sub(&one);
        let mut out = vec![("s", s.to_vec())];
        for (name, x) in [
            ("0", BoxedUint::zero()),
            ("1", one.clone()),
            ("n - 1", n_minus_1),
            ("n", self.n.clone()),
            ("n + 1", self.sum(&self.n, &one)),
            ("s + n", self.sum(&s_int, &self.n)),
            ("s + 2^(27L)", self.sum(&s_int, &two_to_limbs)),
            ("2^(27L)", two_to_limbs.clone()),
        ] {
            if let Some(b) = self.bytes(&x) {
                out.push((name, b));
            }
        }
        // s < n < 2^(27 L - 2): at these sizes s + 2^(27 L) always fits in k bytes.
        let beyond_limbs = out.iter().any(|(name, _)| *name == "s + 2^(27L)");
        assert_eq!(beyond_limbs, is_limb_boundary_size(self.bits));
        for bit in [0, 7, 8 * self.k / 2 + 3, 8 * self.k - 1] {
            let mut flipped = s.to_vec();
            flipped[self.k - 1 - bit / 8] ^= 1 << (bit % 8);
            out.push(("s with a bit flipped", flipped));
        }
        out.push(("all ones", vec![0xff; self.k]));
        out.push(("one byte short", s[1..].to_vec()));
        out.push(("one byte long", [&[0][..], s].concat()));
        out
    }

    /// `s^e mod n` by `rsa`, with the range check of RFC 8017 5.2.2 step 1 done on its integers.
    fn reference_public_op(&self, x: &[u8]) -> Option<Vec<u8>> {
        if x.len() != self.k {
            return None;
        }
        let s = BoxedUint::from_be_slice(x, self.theirs.n_bits_precision()).ok()?;
        if s >= self.n {
            return None;
        }
        let m = rsa::hazmat::rsa_encrypt(&self.theirs, &s).expect("public operation");
        Some(self.bytes(&m).expect("below n"))
    }

    /// Compares both on raw `x^e mod n` and on verifying `x` for `digest` under `hash`.
    fn compare(&self, what: &str, hash: Hash, digest: &[u8], x: &[u8], c: &Counts) {
        let mut out = Vec::new();
        let ours_raw = self.ours.public_op(x, &mut out).then_some(out);
        let theirs_raw = self.reference_public_op(x);
        assert!(
            ours_raw == theirs_raw,
            "{} bits, {what}: public_op differs (ours {}, theirs {})",
            self.bits,
            ours_raw.is_some(),
            theirs_raw.is_some()
        );
        let ours = self.ours.verify_pkcs1v15(hash, digest, x);
        let theirs = self.theirs.verify(scheme(hash), digest, x).is_ok();
        assert_eq!(
            ours, theirs,
            "{} bits, {hash:?}, {what}: verify differs",
            self.bits
        );
        c.cases.fetch_add(1, Ordering::Relaxed);
        if ours {
            c.accepted.fetch_add(1, Ordering::Relaxed);
        }
    }
}

#[derive(Default)]
struct Counts {
    cases: AtomicUsize,
    accepted: AtomicUsize,
}

fn random_odd_modulus(rng: &mut ChaCha8Rng, bits: usize) -> BoxedUint {
    let mut be = vec![0u8; bits.div_ceil(8)];
    rng.fill_bytes(&mut be);
    let top = (bits - 1) % 8;
    be[0] = (be[0] & ((1 << top) - 1)) | (1 << top);
    *be.last_mut().unwrap() |= 1;
    BoxedUint::from_be_slice_vartime(&be)
}

/// A random k-byte value below n.
fn random_below(rng: &mut ChaCha8Rng, pair: &Pair) -> Vec<u8> {
    let mut s = vec![0u8; pair.k];
    rng.fill_bytes(&mut s[1..]);
    s
}

#[test]
fn random_moduli_of_every_limb_boundary_size_agree() {
    let mut rng = ChaCha8Rng::seed_from_u64(0x5eed_0001);
    let mut sizes: Vec<usize> = (2048..=4200)
        .filter(|b| is_limb_boundary_size(*b))
        .collect();
    assert_eq!(sizes.len(), 150);
    sizes.extend([2048, 2056, 3072, 4096, 4200]);
    sizes.extend((0..40).map(|_| rng.random_range(2048..=4200)));
    let c = Counts::default();
    for (i, &bits) in sizes.iter().enumerate() {
        let e = match i % 3 {
            0 => 65537,
            1 => 3,
            _ => rng.random_range(1..=u64::from(u32::MAX)) * 2 + 1, // odd, up to 2^33 - 1
        };
        let n = random_odd_modulus(&mut rng, bits);
        let theirs = PublicKey::new(n, BoxedUint::from(e)).expect("rsa accepts the key");
        let pair = Pair::new(theirs);
        for round in 0..2 {
            let s = random_below(&mut rng, &pair);
            let hash = HASHES[(i + round) % 3];
            let mut d = vec![0u8; digest(hash, b"").len()];
            rng.fill_bytes(&mut d);
            for (what, x) in pair.inputs(&s) {
                pair.compare(what, hash, &d, &x, &c);
            }
        }
    }
    println!(
        "random moduli: {} sizes ({} at limb boundaries), {} cases compared, 0 disagreements",
        sizes.len(),
        sizes.iter().filter(|b| is_limb_boundary_size(**b)).count(),
        c.cases.into_inner()
    );
}

/// Seeded RustCrypto keys: sizes at limb boundaries (2049, 2050, 2077, 3073, 4129) and 2048,
/// e = 3 once. Split in two tests so they are generated in parallel. (Real 3072- and 4096-bit
/// keys are in the Wycheproof test; key generation costs about a second per 4096-bit key.)
fn real_keys_agree(seed: u64, sizes: &[(usize, u64)]) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let c = Counts::default();
    for &(bits, e) in sizes {
        let key = PrivateKey::new_with_exp(&mut rng, bits, BoxedUint::from(e)).unwrap();
        let pair = Pair::new(key.to_public_key());
        let mut valid = 0;
        for hash in HASHES {
            let msg = format!("token signed with a {bits}-bit key");
            let d = digest(hash, msg.as_bytes());
            let s = key.sign(scheme(hash), &d).unwrap();
            for (what, x) in pair.inputs(&s) {
                pair.compare(what, hash, &d, &x, &c);
            }
            let mut wrong = d.clone();
            wrong[0] ^= 1;
            pair.compare("wrong digest", hash, &wrong, &s, &c);
            pair.compare("digest one byte short", hash, &d[1..], &s, &c);
            for other in HASHES.into_iter().filter(|h| *h != hash) {
                pair.compare("other hash", other, &digest(other, msg.as_bytes()), &s, &c);
            }
            assert!(pair.ours.verify_pkcs1v15(hash, &d, &s), "valid signature");
            valid += 1;
        }
        assert_eq!(valid, 3);
    }
    let (cases, accepted) = (c.cases.into_inner(), c.accepted.into_inner());
    // Exactly the three valid signatures per key verify; nothing derived from them does.
    assert_eq!(accepted, 3 * sizes.len());
    println!(
        "real keys {:?}: {cases} cases compared, {accepted} accepted by both, 0 disagreements",
        sizes.iter().map(|s| s.0).collect::<Vec<_>>()
    );
}

#[test]
fn real_keys_at_2048_to_2077_bits_agree() {
    real_keys_agree(
        0x5eed_0002,
        &[(2048, 65537), (2049, 65537), (2050, 65537), (2077, 3)],
    );
}

#[test]
fn real_keys_at_3073_and_4129_bits_agree() {
    real_keys_agree(0x5eed_0003, &[(3073, 65537), (4129, 65537)]);
}
