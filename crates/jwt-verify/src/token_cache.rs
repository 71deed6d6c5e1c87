//! The verified-token cache: a session token is sent on every request of its one-minute life,
//! so a successful verification is remembered and the RSA work is not redone.
//!
//! Safety rules (see docs/auth.md):
//! - An entry is found only by the exact token AND the exact verification context: the key
//!   material (the `jwtKey` text, or the JWKS source with the generation of its keys), the
//!   audience, authorized parties, issuers, clock skew, accepted `typ`s and the session/machine
//!   flag. Contexts are compared byte for byte (no hash can collide).
//! - Only successful verdicts are stored. On every hit `exp`/`nbf`/`iat` are checked again
//!   against the caller's clock, exactly as the full verification would.
//! - Bounded: at most `MAX_ENTRIES` entries and `MAX_BYTES` bytes of tokens and payloads, the
//!   oldest evicted first; tokens over `MAX_TOKEN_LEN` are never stored.
//! - A JWKS refresh forgets every entry verified with the previous keys of that source.

use std::cell::RefCell;

use super::claims::{self, Times};
use super::failure::{Failure, Reason};
use super::jwt::MAX_TOKEN_LEN;

pub const MAX_ENTRIES: usize = 1000;
pub const MAX_BYTES: usize = 4 * 1024 * 1024;
const EVICT_BATCH: usize = MAX_ENTRIES / 8;
/// Distinct verification contexts kept; past this everything is forgotten (options come from
/// the application, not from requests, so a real program has a handful).
pub const MAX_CONTEXTS: usize = 64;

struct Entry {
    hash: u64,
    context: u32,
    token: Box<str>,
    payload: Box<str>,
    times: Times,
}

#[derive(Default)]
pub struct TokenCache {
    entries: Vec<Entry>, // oldest first
    bytes: usize,
    /// Interned context descriptions; ids are never reused.
    contexts: Vec<(Vec<u8>, u32)>,
    next_context: u32,
}

/// Builds a context description: length-prefixed fields, so no two different option sets
/// can serialise to the same bytes.
#[derive(Default)]
pub struct Context(Vec<u8>);

impl Context {
    pub fn new(tag: &str) -> Context {
        let mut c = Context(Vec::with_capacity(256));
        c.text(tag);
        c
    }
    pub fn text(&mut self, s: &str) -> &mut Context {
        self.0.extend_from_slice(&(s.len() as u32).to_le_bytes());
        self.0.extend_from_slice(s.as_bytes());
        self
    }
    pub fn list<S: AsRef<str>>(&mut self, items: &[S]) -> &mut Context {
        self.0
            .extend_from_slice(&(items.len() as u32).to_le_bytes());
        for i in items {
            self.text(i.as_ref());
        }
        self
    }
    pub fn number(&mut self, n: f64) -> &mut Context {
        self.0.extend_from_slice(&n.to_bits().to_le_bytes());
        self
    }
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

/// A fast, non-cryptographic hash of the token: it only narrows the scan, the token itself is
/// always compared in full.
fn hash(token: &str) -> u64 {
    let b = token.as_bytes();
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    for &x in chunks.remainder() {
        h = (h.rotate_left(5) ^ x as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    h
}

impl TokenCache {
    fn context_id(&self, ctx: &Context) -> Option<u32> {
        self.contexts
            .iter()
            .find(|(c, _)| c.as_slice() == ctx.bytes())
            .map(|(_, id)| *id)
    }

    /// The cached verdict for `token` under `ctx` at `now_ms`: `None` on a miss, else the
    /// payload text or the time failure (`token-expired`, ... ) a full verification would give.
    #[inline(never)] // keep it out of the async state machines that call it (wasm size)
    pub fn get(
        &mut self,
        ctx: &Context,
        token: &str,
        clock_skew_ms: f64,
        now_ms: f64,
    ) -> Option<Result<String, Failure>> {
        let id = self.context_id(ctx)?;
        let h = hash(token);
        let i = self
            .entries
            .iter()
            .position(|e| e.hash == h && e.context == id && &*e.token == token)?;
        let e = &self.entries[i];
        match claims::check_times(&e.times, clock_skew_ms, now_ms) {
            Ok(()) => Some(Ok(e.payload.to_string())),
            Err(f) => {
                // An expired token never becomes valid again (clocks go forward): free its room.
                if f.reason == Reason::TokenExpired {
                    self.remove(i);
                }
                Some(Err(f))
            }
        }
    }

    /// Remembers a successful verification.
    #[inline(never)]
    pub fn insert(&mut self, ctx: &Context, token: &str, payload: &str, times: Times) {
        let size = token.len() + payload.len();
        if token.len() > MAX_TOKEN_LEN || size > MAX_BYTES {
            return;
        }
        let id = match self.context_id(ctx) {
            Some(id) => id,
            None => {
                if self.contexts.len() >= MAX_CONTEXTS {
                    self.clear();
                }
                let id = self.next_context;
                self.next_context = self.next_context.wrapping_add(1);
                self.contexts.push((ctx.bytes().to_vec(), id));
                id
            }
        };
        let h = hash(token);
        if self
            .entries
            .iter()
            .any(|e| e.hash == h && e.context == id && &*e.token == token)
        {
            return; // two concurrent verifications of the same token
        }
        if self.entries.len() >= MAX_ENTRIES {
            // The oldest eighth at once: one move of the rest per 125 insertions, not one each.
            let gone: usize = self
                .entries
                .drain(..EVICT_BATCH)
                .map(|e| e.token.len() + e.payload.len())
                .sum();
            self.bytes -= gone;
        }
        while self.bytes + size > MAX_BYTES {
            self.remove(0);
        }
        self.bytes += size;
        self.entries.push(Entry {
            hash: h,
            context: id,
            token: token.into(),
            payload: payload.into(),
            times,
        });
    }

    // A Vec, not a VecDeque (less wasm): removals move at most 1000 small entries, and only
    // next to a full verification.
    fn remove(&mut self, i: usize) {
        if i < self.entries.len() {
            let e = self.entries.remove(i);
            self.bytes -= e.token.len() + e.payload.len();
        }
    }

    /// Forgets every entry whose context description starts with `prefix` (a key source).
    #[inline(never)]
    pub fn forget_source(&mut self, prefix: &Context) {
        let p = prefix.bytes();
        let gone: Vec<u32> = self
            .contexts
            .iter()
            .filter(|(c, _)| c.starts_with(p))
            .map(|(_, id)| *id)
            .collect();
        if gone.is_empty() {
            return;
        }
        self.contexts.retain(|(_, id)| !gone.contains(id));
        self.entries.retain(|e| !gone.contains(&e.context));
        self.bytes = self
            .entries
            .iter()
            .map(|e| e.token.len() + e.payload.len())
            .sum();
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.contexts.clear();
        self.bytes = 0;
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

thread_local! {
    static CACHE: RefCell<TokenCache> = RefCell::new(TokenCache::default());
}

/// The process-wide cache (one per wasm instance).
pub fn with<R>(f: impl FnOnce(&mut TokenCache) -> R) -> R {
    CACHE.with(|c| f(&mut c.borrow_mut()))
}
