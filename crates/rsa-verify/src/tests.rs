//! Montgomery results against a slow schoolbook reference (multiply, then bitwise long
//! division), on random odd moduli of every supported size and on edge values.

use super::*;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as u32
    }
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// Reference arithmetic works on 32-bit limbs.
fn to_limbs(be: &[u8]) -> Vec<u32> {
    be.rchunks(4)
        .map(|c| c.iter().fold(0u32, |acc, b| (acc << 8) | *b as u32))
        .collect()
}

fn less(a: &[u32], b: &[u32]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x < y;
        }
    }
    false
}

fn mul_ref(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut p = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        let mut c = 0u64;
        for (j, &y) in b.iter().enumerate() {
            let v = p[i + j] as u64 + x as u64 * y as u64 + c;
            p[i + j] = v as u32;
            c = v >> 32;
        }
        p[i + b.len()] = c as u32;
    }
    p
}

fn ge(a: &[u32], b: &[u32]) -> bool {
    !less(a, b)
}

fn mod_ref(x: &[u32], n: &[u32]) -> Vec<u32> {
    let mut r = vec![0u32; n.len() + 1];
    let mut n1 = n.to_vec();
    n1.push(0);
    for bit in (0..x.len() * 32).rev() {
        let mut carry = (x[bit / 32] >> (bit % 32)) & 1;
        for l in r.iter_mut() {
            let next = *l >> 31;
            *l = (*l << 1) | carry;
            carry = next;
        }
        if ge(&r, &n1) {
            let mut borrow = 0u64;
            for (a, b) in r.iter_mut().zip(&n1) {
                let d = (*a as u64).wrapping_sub(*b as u64).wrapping_sub(borrow);
                *a = d as u32;
                borrow = (d >> 63) & 1;
            }
        }
    }
    r.truncate(n.len());
    r
}

fn pow_ref(x: &[u32], e: u64, n: &[u32]) -> Vec<u32> {
    let mut acc = x.to_vec();
    for i in (0..63 - e.leading_zeros()).rev() {
        acc = mod_ref(&mul_ref(&acc, &acc), n);
        if (e >> i) & 1 == 1 {
            acc = mod_ref(&mul_ref(&acc, x), n);
        }
    }
    acc
}

fn random_modulus(rng: &mut Rng, bytes: usize) -> Vec<u8> {
    random_modulus_bits(rng, bytes * 8)
}

/// A random odd modulus of exactly `bits` bits, as big-endian bytes without a leading zero.
fn random_modulus_bits(rng: &mut Rng, bits: usize) -> Vec<u8> {
    let len = bits.div_ceil(8);
    let mut n = rng.bytes(len);
    let top = (bits - 1) % 8; // the top bit's position within n[0]
    n[0] = (n[0] & ((1 << top) - 1)) | (1 << top);
    n[len - 1] |= 1;
    n
}

/// a + b as big-endian bytes of `len`, or `None` when the sum does not fit.
fn add_be(a: &[u8], b: &[u8], len: usize) -> Option<Vec<u8>> {
    let mut out = vec![0u8; len];
    let (mut a, mut b) = (a.iter().rev(), b.iter().rev());
    let mut carry = 0u16;
    for o in out.iter_mut().rev() {
        let v = *a.next().unwrap_or(&0) as u16 + *b.next().unwrap_or(&0) as u16 + carry;
        *o = v as u8;
        carry = v >> 8;
    }
    let rest_zero = a.all(|x| *x == 0) && b.all(|x| *x == 0);
    (carry == 0 && rest_zero).then_some(out)
}

/// 2^bit as big-endian bytes of `len` (which must hold it).
fn power_of_two(bit: usize, len: usize) -> Vec<u8> {
    let mut x = vec![0u8; len];
    x[len - 1 - bit / 8] = 1 << (bit % 8);
    x
}

fn check(n_be: &[u8], e: u64, sig: &[u8]) {
    let key = Modulus::new(n_be, &e.to_be_bytes()).unwrap();
    let mut out = Vec::new();
    assert!(key.public_op(sig, &mut out));
    assert_eq!(out.len(), n_be.len());
    let want = pow_ref(&to_limbs(sig), e, &to_limbs(n_be));
    assert_eq!(to_limbs(&out), want, "{} bits, e = {e}", n_be.len() * 8);
}

#[test]
fn matches_reference_for_every_size_and_exponent_shape() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for (bytes, exps) in [
        (256, &[3u64, 65537, (1 << 33) - 1][..]),
        (260, &[65537][..]),
        (384, &[65537][..]),
        (512, &[3, 65537][..]),
        (1024, &[3][..]),
    ] {
        let n = random_modulus(&mut rng, bytes);
        for &e in exps {
            for _ in 0..2 {
                let mut sig = rng.bytes(bytes);
                sig[0] &= 0x7f; // below n (n's top bit is set)
                check(&n, e, &sig);
            }
        }
    }
}

#[test]
fn edge_values() {
    let mut rng = Rng(7);
    let n = random_modulus(&mut rng, 256);
    let key = Modulus::new(&n, &[1, 0, 1]).unwrap();
    let mut out = Vec::new();
    let mut one = vec![0u8; 256];
    one[255] = 1;
    assert!(key.public_op(&vec![0u8; 256], &mut out));
    assert!(out.iter().all(|b| *b == 0));
    assert!(key.public_op(&one, &mut out));
    assert_eq!(out, one);
    // (n - 1)^odd = n - 1
    let mut n_minus_1 = n.clone();
    n_minus_1[255] -= 1;
    assert!(key.public_op(&n_minus_1, &mut out));
    assert_eq!(out, n_minus_1);
    // s >= n and wrong lengths are refused
    assert!(!key.public_op(&n, &mut out));
    assert!(!key.public_op(&[0xff; 256], &mut out));
    assert!(!key.public_op(&[1; 255], &mut out));
    assert!(!key.public_op(&[1; 257], &mut out));
}

#[test]
fn refuses_bad_keys() {
    let mut rng = Rng(11);
    let n = random_modulus(&mut rng, 256);
    let mut even = n.clone();
    even[255] &= 0xfe;
    assert_eq!(
        Modulus::new(&even, &[3]).unwrap_err(),
        KeyError::EvenModulus
    );
    assert_eq!(Modulus::new(&n[..255], &[3]).unwrap_err(), KeyError::Size);
    assert_eq!(Modulus::new(&[1; 1025], &[3]).unwrap_err(), KeyError::Size);
    // Accepted: odd e with 3 <= e <= 2^33 - 1 (RustCrypto's bound), leading zeros allowed.
    for e in [
        &[3][..],
        &[1, 0, 1],
        &[0, 0, 1, 0, 1],
        &[1, 0xff, 0xff, 0xff, 0xff],
    ] {
        assert!(Modulus::new(&n, e).is_ok(), "e = {e:?}");
    }
    // Refused: empty, 1, even, and odd but above 2^33 - 1 (2^33 + 1, 2^34 - 1, 2^64 - 1, ...).
    for e in [
        &[][..],
        &[1],
        &[2],
        &[1, 0, 0],
        &[2, 0, 0, 0, 1],
        &[3, 0xff, 0xff, 0xff, 0xff],
        &[0xff; 8],
        &[1; 9],
    ] {
        assert_eq!(
            Modulus::new(&n, e).unwrap_err(),
            KeyError::Exponent,
            "e = {e:?}"
        );
    }
    // Leading zero bytes (DER INTEGER sign byte) are not part of the size.
    let mut padded = vec![0u8];
    padded.extend_from_slice(&n);
    assert_eq!(Modulus::new(&padded, &[0, 1, 0, 1]).unwrap().bits(), 2048);
}

#[test]
fn bits_is_the_modulus_bit_length() {
    let mut rng = Rng(13);
    for bits in [2048, 2049, 2050, 2055, 3071, 4096, 8191, 8192] {
        let key = Modulus::new(&random_modulus_bits(&mut rng, bits), &[3]).unwrap();
        assert_eq!((key.bits(), key.len()), (bits, bits.div_ceil(8)));
    }
}

/// Sizes where a `len()`-byte signature can carry bits at or above 27 L (L limbs): the
/// conversion to limbs would drop them, so `s + 2^(27 L)` would act as `s`. 430 of the sizes
/// from 2048 to 8192 bits are like this; these are a spread of them.
#[test]
fn refuses_signatures_at_or_above_the_modulus_where_limbs_are_narrower_than_bytes() {
    let mut rng = Rng(17);
    for bits in [2049, 2050, 2073, 2077, 3073, 4129, 8179] {
        let n = random_modulus_bits(&mut rng, bits);
        let (k, limb_bits) = (n.len(), 27 * mont::limbs_for(bits));
        assert!(limb_bits < 8 * k, "{bits} bits is not such a size");
        let key = Modulus::new(&n, &[1, 0, 1]).unwrap();
        let mut s = rng.bytes(k);
        s[0] = 0; // below n
        let mut out = Vec::new();
        assert!(key.public_op(&s, &mut out));
        let beyond_limbs = add_be(&s, &power_of_two(limb_bits, k), k).unwrap();
        let n_plus_1 = add_be(&n, &[1], k).unwrap();
        let s_plus_n = add_be(&s, &n, k).unwrap();
        for (name, x) in [
            ("s + 2^(27L)", &beyond_limbs),
            ("2^(27L)", &power_of_two(limb_bits, k)),
            ("n", &n),
            ("n + 1", &n_plus_1),
            ("s + n", &s_plus_n),
            ("all ones", &vec![0xff; k]),
        ] {
            assert!(!key.public_op(x, &mut out), "{bits} bits: {name} accepted");
        }
    }
}
