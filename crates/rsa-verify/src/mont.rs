//! Montgomery arithmetic modulo an odd `n` on 27-bit limbs (little-endian, one per u32).
//!
//! Why 27 bits: a limb product is < 2^54, so a whole column of products (up to 2^10 of them)
//! adds up in one u64 with no carry handling, and the inner loops are just load, multiply,
//! add: no serial carry chain, which is what limits 32-bit-limb code in wasm (no add-with-carry,
//! no 64x64->128 multiply). `R = 2^(27 L)` is chosen > 4n, so products of values < 2n stay
//! < 2n without a conditional subtraction (lazy reduction); one final reduction at the end.

use alloc::vec::Vec;

pub const W: u32 = 27;
pub const MASK: u32 = (1 << W) - 1;

/// Limbs for a modulus of `bits` bits: 27 L >= bits + 2, so that R > 4n.
pub fn limbs_for(bits: usize) -> usize {
    (bits + 2).div_ceil(W as usize)
}

/// -n0^-1 mod 2^27 by Newton iteration (each step doubles the correct low bits: 1 -> 32).
pub fn neg_inv(n0: u32) -> u32 {
    let mut inv: u32 = 1;
    for _ in 0..5 {
        inv = inv.wrapping_mul(2u32.wrapping_sub(n0.wrapping_mul(inv)));
    }
    inv.wrapping_neg() & MASK
}

/// Big-endian bytes -> `out.len()` limbs of 27 bits. The value must fit: bits beyond the
/// limbs are dropped, so callers check the value's range first (`Modulus::public_op`).
pub fn from_be(bytes: &[u8], out: &mut [u32]) {
    out.fill(0);
    let (mut acc, mut bits, mut i) = (0u64, 0u32, 0usize);
    for &b in bytes.iter().rev() {
        acc |= (b as u64) << bits;
        bits += 8;
        if bits >= W {
            if let Some(l) = out.get_mut(i) {
                *l = acc as u32 & MASK;
            }
            acc >>= W;
            bits -= W;
            i += 1;
        }
    }
    if let Some(l) = out.get_mut(i) {
        *l = acc as u32;
    }
}

/// Limbs -> big-endian bytes of `out.len()` (the value must fit).
pub fn to_be(limbs: &[u32], out: &mut [u8]) {
    let (mut acc, mut bits) = (0u64, 0u32);
    let mut limbs = limbs.iter();
    for b in out.iter_mut().rev() {
        if bits < 8 {
            acc |= (limbs.next().copied().unwrap_or(0) as u64) << bits;
            bits += W;
        }
        *b = acc as u8;
        acc >>= 8;
        bits -= 8;
    }
}

/// a < b (same length).
pub fn less_than(a: &[u32], b: &[u32]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x < y;
        }
    }
    false
}

/// a -= b for a >= b.
pub fn sub_in_place(a: &mut [u32], b: &[u32]) {
    let mut borrow = 0u32;
    for (x, y) in a.iter_mut().zip(b) {
        let d = x.wrapping_sub(*y).wrapping_sub(borrow);
        borrow = d >> 31;
        *x = d & MASK;
    }
}

/// R^2 mod n by doubling 1 modulo n, 2 * 27 * L times: once per key.
pub fn r_squared(n: &[u32]) -> Vec<u32> {
    let mut x = alloc::vec![0u32; n.len()];
    x[0] = 1;
    for _ in 0..(2 * W as usize * n.len()) {
        let mut carry = 0u32;
        for l in x.iter_mut() {
            let v = (*l << 1) | carry;
            carry = v >> W;
            *l = v & MASK;
        }
        // x < n before doubling, so 2x < 2n fits L limbs (R > 4n): no carry out.
        if !less_than(&x, n) {
            sub_in_place(&mut x, n);
        }
    }
    x
}

pub struct Ctx<'a> {
    pub n: &'a [u32],
    /// n's limbs in reverse order: every column sum is then a forward dot product of two
    /// contiguous slices (which the compiler can vectorise).
    pub n_rev: &'a [u32],
    pub n0_inv: u32, // -n^-1 mod 2^27
}

/// `x` reversed into `out`.
pub fn reversed(x: &[u32], out: &mut [u32]) {
    for (o, v) in out.iter_mut().zip(x.iter().rev()) {
        *o = *v;
    }
}

impl Ctx<'_> {
    // #[inline(never)] on the hot functions: inlined into clerk-edge's size-optimised callers
    // they would be compiled for size too (LTO keeps per-function optimisation attributes).

    /// out = a * b * R^-1 (mod n), for a, b < 2n; out < 2n. Product scanning with the
    /// reduction interleaved per column; `m` and `b_rev` are scratch of L limbs.
    /// Column k sums a[i] b[k - i]: with b reversed, b[k - i] = b_rev[L - 1 - k + i].
    #[inline(never)]
    #[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
    pub fn mul(&self, a: &[u32], b: &[u32], scratch: &mut [u32], out: &mut [u32]) {
        let l = self.n.len();
        let (m, b_rev) = scratch[..2 * l].split_at_mut(l);
        reversed(&b[..l], b_rev);
        let (n, nr, a, out) = (&self.n[..l], &self.n_rev[..l], &a[..l], &mut out[..l]);
        let mut acc = 0u64;
        for k in 0..l {
            let r = l - 1 - k;
            acc += dot(&a[..=k], &b_rev[r..]);
            acc += dot(&m[..k], &nr[r..l - 1]);
            acc = self.reduce_column(acc, k, m, n);
        }
        for k in l..2 * l - 1 {
            let (lo, end) = (k + 1 - l, 2 * l - 1 - k);
            acc += dot(&a[lo..], &b_rev[..end]);
            acc += dot(&m[lo..], &nr[..end]);
            out[k - l] = acc as u32 & MASK;
            acc >>= W;
        }
        out[l - 1] = acc as u32;
    }

    /// out = a^2 * R^-1 (mod n), for a < 2n; out < 2n. Each cross product a[i]a[j] (i < j)
    /// is computed once and doubled. `scratch` as for `mul`.
    #[inline(never)]
    #[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
    pub fn sqr(&self, a: &[u32], scratch: &mut [u32], out: &mut [u32]) {
        let l = self.n.len();
        let (m, a_rev) = scratch[..2 * l].split_at_mut(l);
        reversed(&a[..l], a_rev);
        let (n, nr, a, out) = (&self.n[..l], &self.n_rev[..l], &a[..l], &mut out[..l]);
        let mut acc = 0u64;
        for k in 0..l {
            let r = l - 1 - k;
            acc += square_column(a, a_rev, k, 0, r);
            acc += dot(&m[..k], &nr[r..l - 1]);
            acc = self.reduce_column(acc, k, m, n);
        }
        for k in l..2 * l - 1 {
            let (lo, end) = (k + 1 - l, 2 * l - 1 - k);
            acc += square_column(a, a_rev, k, lo, 0);
            acc += dot(&m[lo..], &nr[..end]);
            out[k - l] = acc as u32 & MASK;
            acc >>= W;
        }
        out[l - 1] = acc as u32;
    }

    /// Picks m[k] so the column's low 27 bits vanish, adds m[k] n[0], shifts the column out.
    #[inline(always)]
    fn reduce_column(&self, acc: u64, k: usize, m: &mut [u32], n: &[u32]) -> u64 {
        let mk = (acc as u32).wrapping_mul(self.n0_inv) & MASK;
        m[k] = mk;
        (acc + mk as u64 * n[0] as u64) >> W
    }

    /// The canonical value (< n) of a value < 2n.
    pub fn finish(&self, x: &mut [u32]) {
        if !less_than(x, self.n) {
            sub_in_place(x, self.n);
        }
    }
}

/// sum of x[i] * y[i] (over the shorter length).
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn dot(x: &[u32], y: &[u32]) -> u64 {
    let mut s = 0u64;
    for (a, b) in x.iter().zip(y) {
        s += *a as u64 * *b as u64;
    }
    s
}

/// sum of x[i] * y[i] with wasm SIMD: `extmul` gives two 32x32->64 products per instruction
/// and the 27-bit limbs let the two u64 lanes add up without carries.
#[cfg(target_arch = "wasm32")]
#[inline]
#[target_feature(enable = "simd128")]
fn dot(x: &[u32], y: &[u32]) -> u64 {
    use core::arch::wasm32::*;
    let len = x.len().min(y.len());
    let (x, y) = (&x[..len], &y[..len]);
    let split = len & !3;
    let mut acc = u64x2_splat(0);
    for (a, b) in x[..split].chunks_exact(4).zip(y[..split].chunks_exact(4)) {
        // SAFETY: each chunk is exactly 4 u32 = 16 bytes; wasm loads need no alignment.
        let (va, vb) = unsafe {
            (
                v128_load(a.as_ptr() as *const v128),
                v128_load(b.as_ptr() as *const v128),
            )
        };
        acc = u64x2_add(acc, u64x2_extmul_low_u32x4(va, vb));
        acc = u64x2_add(acc, u64x2_extmul_high_u32x4(va, vb));
    }
    let mut s = u64x2_extract_lane::<0>(acc) + u64x2_extract_lane::<1>(acc);
    for (a, b) in x[split..].iter().zip(&y[split..]) {
        s += *a as u64 * *b as u64;
    }
    s
}

/// Column k of a * a: twice the products a[i] a[k - i] with lo <= i < k - i, plus a[k/2]^2.
/// `r` is the a_rev index of a[k - lo].
#[inline]
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
fn square_column(a: &[u32], a_rev: &[u32], k: usize, lo: usize, r: usize) -> u64 {
    let half = k.div_ceil(2); // i < half  <=>  i < k - i
    let cross = if lo < half {
        dot(&a[lo..half], &a_rev[r..r + half - lo])
    } else {
        0
    };
    let diag = if k.is_multiple_of(2) {
        let d = a[k / 2] as u64;
        d * d
    } else {
        0
    };
    2 * cross + diag
}
