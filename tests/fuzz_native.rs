//! A seeded, time-bounded native fuzz run over the pure functions (the equivalent of a short
//! `cargo fuzz` run, which needs nightly): URL building, validation, the operation-table
//! decoder, Retry-After and the retry rule, and the auth decoders/verifiers (JWT, base64, JSON,
//! keys, JWKS, webhooks). Asserts no panic plus invariants. Budget: FUZZ_NATIVE_MS (default
//! 12 s, shared by the targets); seed: FUZZ_SEED. A failure prints the seed and the input.

use std::time::{Duration, Instant};

use base64ct::Encoding;
use clerk_edge::args::{Arg, CallArgs};
use clerk_edge::auth::claims::ClaimOptions;
use clerk_edge::auth::{jwt, keys, webhook};
use clerk_edge::operation::{Location, Operation};
use clerk_edge::retry::{self, Outcome, Policy};
use clerk_edge::{table, url, validate};

/// xorshift64*: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn f64(&mut self) -> f64 {
        match self.below(8) {
            0 => *self.pick(&[
                0.0,
                -0.0,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::MAX,
                f64::MIN_POSITIVE,
                9_007_199_254_740_993.0,
            ]),
            1 => -(self.below(1000) as f64),
            2 => self.below(1000) as f64 + 0.5,
            3 => f64::from_bits(self.next()),
            _ => self.below(100_000) as f64,
        }
    }
    fn bytes(&mut self, max: usize) -> Vec<u8> {
        (0..self.below(max + 1))
            .map(|_| self.next() as u8)
            .collect()
    }
    /// Random text: dot-segments, separators, odd Unicode, random bytes (lossily decoded).
    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "",
            ".",
            "..",
            "/",
            "%2e%2e",
            "%2F",
            "?",
            "#",
            "&",
            "=",
            ",",
            " ",
            "\0",
            "\r\n",
            "é",
            "😀",
            "\u{202e}",
            "{user_id}",
            "{",
            "}",
            "user_1",
            "..%2f",
            "\\",
            "%",
            "~",
            "-_.",
        ];
        match self.below(4) {
            0 => PIECES[self.below(PIECES.len())].to_string(),
            1 => (0..self.below(6)).map(|_| *self.pick(PIECES)).collect(),
            2 => String::from_utf8_lossy(&self.bytes(40)).into_owned(),
            _ => "x".repeat(self.below(3000)),
        }
    }
    /// `base` with a few random edits (byte flips, deletions, insertions, truncation).
    fn mutate(&mut self, base: &str) -> String {
        let mut b = base.as_bytes().to_vec();
        for _ in 0..=self.below(4) {
            if b.is_empty() {
                break;
            }
            let i = self.below(b.len());
            match self.below(5) {
                0 => b[i] ^= 1 << self.below(8),
                1 => {
                    b.remove(i);
                }
                2 => b.insert(i, *self.pick(b".-_/{}:,=+ \0\xff")),
                3 => b.truncate(i),
                _ => {
                    let extra = self.text();
                    b.splice(i..i, extra.into_bytes());
                }
            }
        }
        String::from_utf8_lossy(&b).into_owned()
    }
    fn arg(&mut self, depth: u8) -> Arg {
        match self.below(if depth > 0 { 8 } else { 10 }) {
            0 => Arg::Absent,
            1 => Arg::Null,
            2 => Arg::Bool(self.chance(50)),
            3 => Arg::Num(self.f64()),
            4 | 5 => Arg::Str(self.text()),
            6 => Arg::BadStr,
            7 => Arg::Other("a symbol"),
            8 => Arg::Object,
            _ => Arg::List((0..self.below(5)).map(|_| self.arg(depth + 1)).collect()),
        }
    }
}

fn seed() -> u64 {
    std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_260_512)
        | 1
}

fn budget() -> Duration {
    let ms = std::env::var("FUZZ_NATIVE_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12_000u64);
    Duration::from_millis(ms.min(20_000))
}

/// Runs `body` on fresh inputs until its share of the budget (`parts` targets) is spent.
fn run(name: &str, salt: u64, parts: u32, mut body: impl FnMut(&mut Rng)) {
    let mut rng = Rng(seed() ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let until = Instant::now() + budget() / parts;
    let mut n = 0u64;
    while Instant::now() < until {
        for _ in 0..64 {
            body(&mut rng);
            n += 1;
        }
    }
    println!("fuzz_native {name}: {n} inputs, seed {}", seed());
}

fn all_operations() -> Vec<&'static Operation> {
    (0..).map_while(table::operation).collect()
}

/// The path of a built URL keeps the template's slashes; once validated, no dot-segment.
fn check_url(base: &str, op: &Operation, args: &[Arg]) {
    let built = url::build(base, op, args);
    let path = &built[base.len()..].split('?').next().unwrap();
    assert_eq!(
        path.matches('/').count(),
        op.path.matches('/').count(),
        "{} -> {built}",
        op.path
    );
    assert!(built.starts_with(base) && path.starts_with(op.path.split('{').next().unwrap()));
    assert!(
        !built.contains(['#', ' ', '\n']),
        "unescaped character in {built}"
    );
    let call = CallArgs {
        params: args.to_vec(),
        ..Default::default()
    };
    let problems = validate::problems(op, &call);
    if problems.is_empty() {
        for seg in path.split('/') {
            assert!(
                seg != "." && seg != "..",
                "dot-segment in {built} from {args:?}"
            );
        }
    }
}

const PARTS: u32 = 8;

#[test]
fn fuzz_url_build_and_validate() {
    let ops = all_operations();
    assert!(ops.len() > 200);
    run("url::build + validate::problems", 1, PARTS, |r| {
        let op = *r.pick(&ops);
        let args: Vec<Arg> = op
            .params
            .iter()
            .map(|p| match (p.location, r.below(4)) {
                (Location::Path, 0) => {
                    Arg::Str(r.pick(&[".", "..", "%2e%2e", "../", "/", ""]).to_string())
                }
                _ => r.arg(0),
            })
            .collect();
        check_url("https://api.clerk.com/v1", op, &args);
        // Misaligned and random body args must not panic either.
        let call = CallArgs {
            params: (0..r.below(op.params.len() + 2))
                .map(|_| r.arg(0))
                .collect(),
            body: (0..r.below(6)).map(|_| r.arg(0)).collect(),
            items: (0..r.below(3))
                .map(|_| (0..r.below(4)).map(|_| r.arg(1)).collect())
                .collect(),
            unknown: (0..r.below(3)).map(|_| r.text()).collect(),
            not_an_object: if r.chance(10) { Some("a string") } else { None },
        };
        let problems = validate::problems(op, &call);
        assert!(problems.iter().all(|p| !p.contains('\n')), "{problems:?}");
    });
}

#[test]
fn fuzz_table_decode() {
    let lines: Vec<&'static str> = table::lines().collect();
    run("table::decode", 2, PARTS, |r| {
        let base = *r.pick(&lines);
        let line: &'static str = Box::leak(r.mutate(base).into_boxed_str());
        if let Some(op) = table::decode(line) {
            let args: Vec<Arg> = op.params.iter().map(|_| r.arg(0)).collect();
            let _ = url::build("http://x", &op, &args);
            let _ = validate::problems(
                &op,
                &CallArgs {
                    params: args,
                    ..Default::default()
                },
            );
        }
    });
}

#[test]
fn fuzz_retry_after_and_rule() {
    const SEEDS: &[&str] = &[
        "3",
        "0",
        "18446744073709551615",
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Wed, 21 Oct 2015 07:28:00 GMT",
        "-1",
        "1.5",
    ];
    run("retry::parse_retry_after + next_delay", 3, PARTS, |r| {
        let base = *r.pick(SEEDS);
        let value = if r.chance(50) {
            r.mutate(base)
        } else {
            r.text()
        };
        let now = r.f64().abs().min(1e15);
        if let Some(ms) = retry::parse_retry_after(&value, now) {
            assert!(ms.is_finite() && ms >= 0.0, "{value:?} -> {ms}");
        }
        // Policies as config.rs admits them: finite, ≥ 0, exponent ≥ 1.
        // (The clock never gives a NaN elapsed time, and config.rs refuses NaN settings.)
        let num = |r: &mut Rng, min: f64| match r.f64().abs() {
            x if x.is_nan() => min,
            x => x.clamp(min, 1e12),
        };
        let policy = Policy {
            enabled: r.chance(90),
            initial_interval_ms: num(r, 0.0),
            max_interval_ms: num(r, 0.0),
            exponent: num(r, 1.0),
            max_elapsed_ms: num(r, 0.0),
            retry_connection_errors: r.chance(50),
            retry_non_idempotent: r.chance(50),
            max_attempts: r.chance(50).then(|| r.below(5) as u32),
        };
        let status = *r.pick(&[200u16, 400, 404, 408, 429, 500, 502, 503, 504, 599, 0, 999]);
        let outcome = match r.below(3) {
            0 => Outcome::Status {
                status,
                retry_after_ms: retry::parse_retry_after(&value, now),
            },
            1 => Outcome::Connection {
                before_send: r.chance(50),
            },
            _ => Outcome::Timeout,
        };
        let elapsed = num(r, 0.0);
        let idempotent = r.chance(50);
        let random = (r.next() % 1000) as f64 / 1000.0;
        if let Some(d) = retry::next_delay(
            &policy,
            idempotent,
            outcome,
            r.next() as u32,
            elapsed,
            random,
        ) {
            assert!(
                policy.enabled && d.is_finite() && d >= 0.0 && elapsed + d <= policy.max_elapsed_ms,
                "{policy:?} {outcome:?} -> {d}"
            );
            if let Outcome::Status { status, .. } = outcome {
                assert!(
                    status == 429 || (500..600).contains(&status),
                    "retried a {status}"
                );
                assert!(
                    status == 429 || idempotent || policy.retry_non_idempotent,
                    "repeated a non-idempotent {status}"
                );
            }
        }
    });
}

#[test]
fn fuzz_jwt_decode_and_verify() {
    let vectors: Vec<(String, String)> = include_str!("auth/vectors.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split(' ').collect::<Vec<&str>>())
        // Valid vectors only: a bad-signature vector is one bit from its valid twin, so a
        // mutation of it may restore that twin, which rightly verifies.
        .filter(|f| f[6] == "valid")
        .map(|f| (f[2].to_string(), f[5].to_string()))
        .take(4)
        .collect();
    assert!(!vectors.is_empty());
    let keys: Vec<_> = vectors
        .iter()
        .map(|(spki, _)| keys::from_pem(spki).expect("vector key"))
        .collect();
    run("auth::jwt::decode + verify_decoded", 4, PARTS, |r| {
        let i = r.below(vectors.len());
        let token = match r.below(4) {
            0 => r.text(),
            1 => format!("{}.{}.{}", r.text(), r.text(), r.text()),
            _ => r.mutate(&vectors[i].1),
        };
        if let Ok(d) = jwt::decode(&token) {
            let opts = ClaimOptions {
                clock_skew_ms: r.f64().abs().min(1e12),
                ..ClaimOptions::default()
            };
            let now = 1_700_000_030_000.0;
            let ok = jwt::verify_decoded(&d, Ok(&keys[i]), jwt::HeaderTypes::DEFAULT, &opts, now)
                .is_ok();
            // A changed token never verifies (unless the edit left its decoded bytes intact).
            if ok && token != vectors[i].1 {
                let orig = jwt::decode(&vectors[i].1).unwrap();
                assert!(
                    d.signing_input() == orig.signing_input() && d.signature() == orig.signature(),
                    "forged token verified: {token}"
                );
            }
        }
    });
}

#[test]
fn fuzz_keys() {
    let jwks = r#"{"keys":[{"kty":"RSA","kid":"k1","alg":"RS256","use":"sig","n":"sXch6vZ0Ri0","e":"AQAB"}]}"#;
    let spki = include_str!("auth/vectors.txt")
        .lines()
        .find(|l| !l.starts_with('#') && !l.is_empty())
        .and_then(|l| l.split(' ').nth(2))
        .expect("a vector");
    let pem = format!("-----BEGIN PUBLIC KEY-----\n{spki}\n-----END PUBLIC KEY-----");
    run("auth::keys (PEM, JWK, JWKS)", 5, PARTS, |r| {
        let s = match r.below(3) {
            0 => r.text(),
            1 => r.mutate(jwks),
            _ => r.mutate(&pem),
        };
        if let Some(doc) = keys::Jwks::parse(&s) {
            let _ = keys::from_jwks(&doc);
        }
        let _ = keys::from_jwt_key(&s);
        // A changed PEM body is either refused or still the same key (an edit in whitespace).
        if let Ok(k) = keys::from_pem(&s) {
            assert!(k.rsa.bits() >= 2048);
        }
    });
}

#[test]
fn fuzz_payload_depth() {
    // Deep nesting in a payload is refused or parsed, never overflows the stack.
    run("auth::jwt::decode (nesting)", 6, PARTS, |r| {
        let depth = r.below(20_000);
        let open = *r.pick(&["[", "{\"a\":"]);
        let payload = format!("{{\"sub\":\"u\",\"x\":{}}}", open.repeat(depth));
        let b = |s: &str| base64ct::Base64UrlUnpadded::encode_string(s.as_bytes());
        let _ = jwt::decode(&format!(
            "{}.{}.{}",
            b("{\"alg\":\"RS256\"}"),
            b(&payload),
            b("s")
        ));
    });
}

#[test]
fn fuzz_webhook_verify() {
    let key = webhook::secret_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    run("auth::webhook::secret_key + verify", 7, PARTS, |r| {
        let secret = if r.chance(50) {
            r.mutate("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        } else {
            r.text()
        };
        let _ = webhook::secret_key(&secret);
        let sig = if r.chance(50) {
            r.mutate("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,abc")
        } else {
            r.text()
        };
        let ts = if r.chance(50) {
            r.mutate("1700000000")
        } else {
            r.text()
        };
        let now = (r.next() >> 1) as i64 * if r.chance(50) { 1 } else { -1 };
        let result = webhook::verify(&key, &r.text(), &ts, &sig, &r.text(), now);
        // Random signatures never verify.
        assert!(result.is_err() || sig.contains("v1,"), "{sig:?} verified");
    });
}

#[test]
fn fuzz_budget_is_bounded() {
    assert!(budget() <= Duration::from_secs(20));
}
