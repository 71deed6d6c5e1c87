//! Native tests of the pure verification logic (no JS): RSA vectors signed by OpenSSL
//! (tests/auth/vectors.txt, from tests/auth/gen-vectors.mjs), the check order, claims with an
//! injected clock, strict keys, and webhook signatures.

use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use clerk_edge::auth::claims::{ClaimOptions, Registered};
use clerk_edge::auth::failure::Reason;
use clerk_edge::auth::jwt::{self, verify_decoded};
use clerk_edge::auth::keys::{self, VerifyKey};
use clerk_edge::auth::webhook;

const NOW_MS: f64 = 1_700_000_030_000.0; // inside the vectors' iat..exp window

struct Vector {
    bits: usize,
    alg: String,
    spki: String,
    jwk: String,
    token: String,
    valid: bool,
}

fn vectors() -> Vec<Vector> {
    include_str!("auth/vectors.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            Vector {
                bits: f[0].parse().unwrap(),
                alg: f[1].into(),
                spki: f[2].into(),
                jwk: format!(
                    r#"{{"kty":"RSA","n":"{}","e":"{}","alg":"{}","use":"sig"}}"#,
                    f[3], f[4], f[1]
                ),
                token: f[5].into(),
                valid: f[6] == "valid",
            }
        })
        .collect()
}

fn check(token: &str, key: &VerifyKey, now: f64) -> Result<(), &'static str> {
    let d = jwt::decode(token).map_err(|f| f.reason.name())?;
    verify_decoded(
        &d,
        Ok(key),
        jwt::HeaderTypes::DEFAULT,
        &ClaimOptions::default(),
        now,
    )
    .map(|_| ())
    .map_err(|f| f.reason.name())
}

#[test]
fn rsa_vectors_from_openssl_verify_for_every_size_and_hash() {
    let vs = vectors();
    assert_eq!(vs.len(), 18);
    for v in &vs {
        let pem = format!(
            "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
            v.spki
        );
        let from_pem = keys::from_pem(&pem).expect("PEM parses");
        let from_jwk = keys::from_jwt_key(&v.jwk).expect("JWK parses");
        assert_eq!(from_pem.rsa.bits(), v.bits);
        for key in [&from_pem, &from_jwk] {
            let got = check(&v.token, key, NOW_MS);
            if v.valid {
                assert_eq!(got, Ok(()), "{} {} must verify", v.bits, v.alg);
            } else {
                assert_eq!(
                    got,
                    Err("token-invalid-signature"),
                    "{} {} tampered",
                    v.bits,
                    v.alg
                );
            }
        }
    }
}

#[test]
fn jwk_alg_and_use_are_enforced() {
    let v = &vectors()[0]; // 2048 RS256
    let wrong_alg = v.jwk.replace("\"RS256\"", "\"RS512\"");
    let key = keys::from_jwt_key(&wrong_alg).unwrap();
    assert_eq!(
        check(&v.token, &key, NOW_MS),
        Err("token-verification-failed")
    );
    let enc = v.jwk.replace("\"sig\"", "\"enc\"");
    let key = keys::from_jwt_key(&enc).unwrap();
    assert_eq!(
        check(&v.token, &key, NOW_MS),
        Err("token-verification-failed")
    );
}

#[test]
fn claims_are_checked_after_the_signature_with_the_injected_clock() {
    let v = &vectors()[0];
    let key = keys::from_pem(&v.spki).unwrap(); // bare base64 SPKI works too
                                                // exp = 1700000060 s; default skew 5000 ms: expired once now - 5000 >= exp.
    assert_eq!(check(&v.token, &key, 1_700_000_064_999.0), Ok(()));
    assert_eq!(
        check(&v.token, &key, 1_700_000_065_000.0),
        Err("token-expired")
    );
    // iat = 1700000000 s: in the future when now + 5000 < iat.
    assert_eq!(
        check(&v.token, &key, 1_699_999_994_999.0),
        Err("token-iat-in-the-future")
    );
    // Expired AND bad signature: the signature error wins.
    let bad = &vectors()[1];
    assert_eq!(
        check(&bad.token, &key, 1_800_000_000_000.0),
        Err("token-invalid-signature")
    );
}

fn b64(s: &str) -> String {
    Base64UrlUnpadded::encode_string(s.as_bytes())
}

#[test]
fn decoding_failures_and_header_checks_in_order() {
    let v = &vectors()[0];
    let key = keys::from_pem(&v.spki).unwrap();
    let parts: Vec<&str> = v.token.split('.').collect();
    for garbage in [
        "",
        "null",
        "aaa.bbb.ccc",
        "a.b",
        "a.b.c.d",
        &format!("{}.{}", v.token, "x"),
    ] {
        assert_eq!(
            check(garbage, &key, NOW_MS),
            Err("token-invalid"),
            "{garbage:?}"
        );
    }
    let with_header = |h: &str| format!("{}.{}.{}", b64(h), parts[1], parts[2]);
    assert_eq!(
        check(&with_header(r#"{"alg":"RS256","typ":"JWS"}"#), &key, NOW_MS),
        Err("token-invalid")
    );
    assert_eq!(
        check(&with_header(r#"{"alg":"none"}"#), &key, NOW_MS),
        Err("token-invalid-algorithm")
    );
    assert_eq!(
        check(&with_header(r#"{"alg":"HS256"}"#), &key, NOW_MS),
        Err("token-invalid-algorithm")
    );
    assert_eq!(
        check(&with_header(r#"{"alg":"ES256"}"#), &key, NOW_MS),
        Err("token-invalid-algorithm")
    );
    assert_eq!(
        check(&with_header(r#"{"alg":"RS256"}"#), &key, NOW_MS),
        Err("token-invalid-signature")
    );
    // Huge tokens fail fast, before decoding.
    let huge = "a".repeat(5_000_000);
    let t = std::time::Instant::now();
    assert_eq!(check(&huge, &key, NOW_MS), Err("token-invalid"));
    assert!(t.elapsed().as_millis() < 50);
}

#[test]
fn audience_azp_issuer_rules() {
    let claims = |c: &serde_json::Value, o: &ClaimOptions, now: f64| {
        clerk_edge::auth::claims::check(&Registered::of(c), o, now).map_err(|f| f.reason.as_str())
    };
    let p = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap();
    let now = 1_000_000.0;
    let base = |extra: &str| p(&format!(r#"{{"sub":"u","exp":2000{extra}}}"#));
    let mut o = ClaimOptions {
        audience: vec!["a".into()],
        ..Default::default()
    };
    assert!(claims(&base(r#","aud":"a""#), &o, now).is_ok());
    assert!(claims(&base(r#","aud":["x","a"]"#), &o, now).is_ok());
    assert_eq!(
        claims(&base(r#","aud":"b""#), &o, now).unwrap_err(),
        "token-verification-failed"
    );
    assert!(
        claims(&base(""), &o, now).is_ok(),
        "no aud claim: not checked (incumbent rule)"
    );
    assert!(
        claims(&base(r#","aud":1"#), &o, now).is_err(),
        "non-string aud is rejected"
    );
    o.audience.clear();
    o.authorized_parties = vec!["https://app".into()];
    assert_eq!(
        claims(&base(""), &o, now).unwrap_err(),
        "token-invalid-authorized-parties"
    );
    assert!(claims(&base(r#","azp":"https://app""#), &o, now).is_ok());
    o.authorized_parties.clear();
    o.issuer = vec!["https://iss".into()];
    assert_eq!(
        claims(&base(r#","iss":"x""#), &o, now).unwrap_err(),
        "token-invalid-issuer"
    );
    let none = ClaimOptions::default();
    assert_eq!(
        claims(&p(r#"{"exp":2000}"#), &none, now).unwrap_err(),
        "token-verification-failed"
    );
    assert_eq!(
        claims(&p(r#"{"sub":"u"}"#), &none, now).unwrap_err(),
        "token-verification-failed"
    );
    assert_eq!(
        claims(&p(r#"{"sub":"u","exp":2000,"nbf":"1"}"#), &none, now).unwrap_err(),
        "token-verification-failed"
    );
    assert_eq!(
        claims(&p(r#"{"sub":"u","exp":2000,"nbf":null}"#), &none, now).unwrap_err(),
        "token-verification-failed",
        "a null nbf is not a number"
    );
    assert_eq!(
        claims(&p(r#"{"sub":"u","exp":2000,"nbf":1006}"#), &none, now).unwrap_err(),
        "token-not-active-yet"
    );
    assert!(claims(&p(r#"{"sub":"u","exp":2000,"nbf":1005}"#), &none, now).is_ok());
    // A payload that is not an object has no claims (the incumbent reads fields off it).
    assert_eq!(
        claims(&p("[1]"), &none, now).unwrap_err(),
        "token-verification-failed"
    );
}

#[test]
fn webhook_signatures() {
    // Svix's documented example secret, with a signature computed here by HMAC-SHA256.
    let key = webhook::secret_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(b"msg_1.1700000000.{\"type\":\"user.created\"}");
    let sig = Base64::encode_string(&mac.finalize().into_bytes());
    let body = r#"{"type":"user.created"}"#;
    let header = format!("v1,bm90IGl0  v1,{sig}");
    assert!(webhook::verify(&key, "msg_1", "1700000000", &header, body, 1_700_000_100).is_ok());
    assert_eq!(
        webhook::verify(
            &key,
            "msg_1",
            "1700000000",
            "v1,bm90IGl0",
            body,
            1_700_000_100
        )
        .unwrap_err()
        .reason,
        Reason::WebhookSignatureInvalid
    );
    assert_eq!(
        webhook::verify(&key, "msg_2", "1700000000", &header, body, 1_700_000_100)
            .unwrap_err()
            .reason,
        Reason::WebhookSignatureInvalid
    );
    assert_eq!(
        webhook::verify(&key, "msg_1", "1700000000", &header, body, 1_700_000_301)
            .unwrap_err()
            .reason,
        Reason::WebhookTimestampTooOld
    );
    assert_eq!(
        webhook::verify(&key, "msg_1", "1700000000", &header, body, 1_699_999_699)
            .unwrap_err()
            .reason,
        Reason::WebhookTimestampTooNew
    );
    assert_eq!(
        webhook::verify(&key, "msg_1", "x", &header, body, 1_700_000_000)
            .unwrap_err()
            .reason,
        Reason::WebhookTimestampInvalid
    );
    assert!(webhook::secret_key("whsec_").is_err());
}

// ---------- the verified-token cache ----------

mod token_cache {
    use clerk_edge::auth::claims::{self, ClaimOptions, Registered, Times};
    use clerk_edge::auth::token_cache::{Context, TokenCache, MAX_BYTES, MAX_ENTRIES};

    const T: f64 = 1_700_000_000.0; // seconds
    const SKEW: f64 = 5000.0;

    fn times(exp: f64) -> Times {
        Times {
            exp,
            nbf: Some(T - 10.0),
            iat: Some(T - 10.0),
        }
    }
    fn ctx(key: &str, audience: &[&str]) -> Context {
        let mut c = Context::new("local");
        c.text(key)
            .text("session")
            .list(&["JWT"])
            .list(audience)
            .list::<&str>(&[])
            .list::<&str>(&[])
            .number(SKEW);
        c
    }
    fn reason(r: Option<Result<String, clerk_edge::auth::failure::Failure>>) -> &'static str {
        match r {
            None => "miss",
            Some(Ok(_)) => "hit",
            Some(Err(f)) => f.reason.name(),
        }
    }

    #[test]
    fn bounded_oldest_evicted_first() {
        let mut c = TokenCache::default();
        let k = ctx("pem-a", &[]);
        for i in 0..MAX_ENTRIES + 100 {
            c.insert(&k, &format!("tok{i}"), "{}", times(T + 60.0));
        }
        // At most MAX_ENTRIES; the oldest go first (an eighth at a time).
        assert!(c.len() <= MAX_ENTRIES && c.len() >= MAX_ENTRIES - MAX_ENTRIES / 8);
        let now = T * 1000.0;
        assert_eq!(reason(c.get(&k, "tok0", SKEW, now)), "miss");
        assert_eq!(reason(c.get(&k, "tok99", SKEW, now)), "miss");
        assert_eq!(reason(c.get(&k, "tok500", SKEW, now)), "hit");
        assert_eq!(
            reason(c.get(&k, &format!("tok{}", MAX_ENTRIES + 99), SKEW, now)),
            "hit"
        );
        for i in 0..10 * MAX_ENTRIES {
            c.insert(&k, &format!("more{i}"), "{}", times(T + 60.0));
            assert!(c.len() <= MAX_ENTRIES);
        }
        // The byte budget holds too: 100 tokens with 100 KB payloads.
        let big = "x".repeat(100_000);
        for i in 0..100 {
            c.insert(&k, &format!("big{i}"), &big, times(T + 60.0));
        }
        assert!(c.bytes() <= MAX_BYTES, "{} bytes", c.bytes());
        assert_eq!(reason(c.get(&k, "big99", SKEW, now)), "hit");
        assert_eq!(reason(c.get(&k, "big0", SKEW, now)), "miss");
        // Tokens over 16 KiB are never stored.
        let huge = "t".repeat(16 * 1024 + 1);
        c.insert(&k, &huge, "{}", times(T + 60.0));
        assert_eq!(reason(c.get(&k, &huge, SKEW, now)), "miss");
    }

    #[test]
    fn time_claims_rechecked_on_every_hit() {
        let mut c = TokenCache::default();
        let k = ctx("pem-a", &[]);
        c.insert(&k, "tok", "{\"sub\":\"u\"}", times(T + 60.0));
        let exp_ms = (T + 60.0) * 1000.0;
        assert_eq!(
            c.get(&k, "tok", SKEW, exp_ms + SKEW - 1.0)
                .unwrap()
                .unwrap(),
            "{\"sub\":\"u\"}"
        );
        // Exactly when a full verification would say so, with the caller's skew...
        assert_eq!(
            reason(c.get(&k, "tok", SKEW, exp_ms + SKEW)),
            "token-expired"
        );
        // ...and an expired entry is dropped.
        assert_eq!(reason(c.get(&k, "tok", SKEW, T * 1000.0)), "miss");
        c.insert(&k, "tok", "{}", times(T + 60.0));
        assert_eq!(reason(c.get(&k, "tok", 0.0, exp_ms - 1.0)), "hit");
        assert_eq!(reason(c.get(&k, "tok", 0.0, exp_ms)), "token-expired");
        // A clock that goes back before nbf / iat fails as a full verification would.
        c.insert(&k, "tok2", "{}", times(T + 60.0));
        let early = (T - 10.0) * 1000.0 - SKEW - 1.0;
        assert_eq!(
            reason(c.get(&k, "tok2", SKEW, early)),
            "token-not-active-yet"
        );
        let mut no_nbf = times(T + 60.0);
        no_nbf.nbf = None;
        c.insert(&k, "tok3", "{}", no_nbf);
        assert_eq!(
            reason(c.get(&k, "tok3", SKEW, early)),
            "token-iat-in-the-future"
        );
    }

    #[test]
    fn recheck_agrees_with_the_full_claim_check() {
        let o = |skew| ClaimOptions {
            clock_skew_ms: skew,
            ..Default::default()
        };
        for skew in [0.0, 1.0, 1000.0, 6000.0] {
            for (exp, nbf, iat) in [(100.0, 90.0, 90.0), (100.9, 99.0, 100.0), (-9e12, 0.0, 0.0)] {
                for now in [
                    89_000.0, 94_000.0, 99_999.0, 100_000.0, 100_999.0, 106_000.0,
                ] {
                    let payload: serde_json::Value = serde_json::from_str(&format!(
                        r#"{{"sub":"u","exp":{exp},"nbf":{nbf},"iat":{iat}}}"#
                    ))
                    .unwrap();
                    let full = claims::check(&Registered::of(&payload), &o(skew), now);
                    let t = Times {
                        exp,
                        nbf: Some(nbf),
                        iat: Some(iat),
                    };
                    let again = claims::check_times(&t, skew, now);
                    assert_eq!(full.map(|_| ()), again, "skew {skew} now {now} exp {exp}");
                }
            }
        }
    }

    #[test]
    fn isolated_by_key_and_options() {
        let mut c = TokenCache::default();
        let now = T * 1000.0;
        c.insert(&ctx("pem-a", &["aud1"]), "tok", "{}", times(T + 60.0));
        assert_eq!(
            reason(c.get(&ctx("pem-a", &["aud1"]), "tok", SKEW, now)),
            "hit"
        );
        assert_eq!(
            reason(c.get(&ctx("pem-b", &["aud1"]), "tok", SKEW, now)),
            "miss"
        );
        assert_eq!(
            reason(c.get(&ctx("pem-a", &["aud2"]), "tok", SKEW, now)),
            "miss"
        );
        assert_eq!(reason(c.get(&ctx("pem-a", &[]), "tok", SKEW, now)), "miss");
        // Field boundaries are part of the encoding: ["ab"] is not ["a", "b"].
        c.insert(&ctx("k", &["ab"]), "tok", "{}", times(T + 60.0));
        assert_eq!(
            reason(c.get(&ctx("k", &["a", "b"]), "tok", SKEW, now)),
            "miss"
        );
        let mut other_skew = Context::new("local");
        other_skew
            .text("pem-a")
            .text("session")
            .list(&["JWT"])
            .list(&["aud1"])
            .list::<&str>(&[])
            .list::<&str>(&[])
            .number(SKEW + 1.0);
        assert_eq!(reason(c.get(&other_skew, "tok", SKEW, now)), "miss");
        // A token that merely shares a prefix, or differs in its last byte, is another token.
        assert_eq!(
            reason(c.get(&ctx("pem-a", &["aud1"]), "to", SKEW, now)),
            "miss"
        );
        assert_eq!(
            reason(c.get(&ctx("pem-a", &["aud1"]), "tol", SKEW, now)),
            "miss"
        );
    }

    #[test]
    fn a_key_source_can_be_forgotten() {
        let mut c = TokenCache::default();
        let now = T * 1000.0;
        let source = |ck: &str, generation: f64| {
            let mut s = Context::new("jwks");
            s.text(ck);
            let prefix = Context::new("jwks");
            let mut full = s;
            full.number(generation).text("session");
            let mut p = prefix;
            p.text(ck);
            (p, full)
        };
        let (pa, a) = source("source-a", 1.0);
        let (_, b) = source("source-b", 2.0);
        c.insert(&a, "tok", "{}", times(T + 60.0));
        c.insert(&b, "tok", "{}", times(T + 60.0));
        c.forget_source(&pa);
        assert_eq!(reason(c.get(&a, "tok", SKEW, now)), "miss");
        assert_eq!(reason(c.get(&b, "tok", SKEW, now)), "hit");
        assert_eq!(c.len(), 1);
    }
}

// ---------- holes found by the review of 22cafb3 (each failed there) ----------

mod holes {
    use super::*;

    fn token(header: &str, payload: &str) -> String {
        format!("{}.{}.{}", b64(header), b64(payload), b64("sig"))
    }

    #[test]
    fn crit_is_refused_before_anything_else() {
        let payload = r#"{"sub":"u","exp":2000000000}"#;
        for header in [
            r#"{"alg":"RS256","crit":["exp"],"exp":1}"#,
            r#"{"alg":"RS256","crit":[]}"#,
            r#"{"alg":"RS256","crit":null}"#,
        ] {
            let err = jwt::decode(&token(header, payload)).unwrap_err();
            assert_eq!(err.reason, Reason::TokenInvalid, "{header}");
            assert!(err.message.contains("crit"), "{}", err.message);
        }
        assert!(jwt::decode(&token(r#"{"alg":"RS256"}"#, payload)).is_ok());
    }

    #[test]
    fn deep_claims_decode_and_deeper_ones_fail_without_overflowing() {
        let nested = |depth: usize| {
            format!(
                r#"{{"sub":"u","exp":2000000000,"x":{}1{}}}"#,
                "[".repeat(depth),
                "]".repeat(depth)
            )
        };
        let t = token(r#"{"alg":"RS256"}"#, &nested(100));
        let d = jwt::decode(&t).expect("100 deep");
        assert_eq!(d.claim_str("sub"), Some("u"));
        // Deeper than serde_json's recursion limit (128): refused, at any depth that fits in
        // 16 KiB (here ~6,000), with no stack overflow.
        for depth in [200, 1_000, 5_900] {
            let t = token(r#"{"alg":"RS256"}"#, &nested(depth));
            assert!(t.len() <= jwt::MAX_TOKEN_LEN, "{depth}");
            assert_eq!(jwt::decode(&t).unwrap_err().reason, Reason::TokenInvalid);
        }
    }

    #[test]
    fn numbers_are_correctly_rounded() {
        let payload =
            r#"{"sub":"u","exp":2000000000,"max":1.7976931348623157e308,"min":5e-324,"n":0.1}"#;
        let t = token(r#"{"alg":"RS256"}"#, payload);
        let d = jwt::decode(&t).unwrap();
        assert_eq!(d.payload["max"].as_f64(), Some(f64::MAX));
        assert_eq!(d.payload["min"].as_f64(), Some(5e-324));
        assert_eq!(d.payload["n"].as_f64(), Some(0.1));
        assert_eq!(d.payload_text, payload);
    }

    fn spki_der() -> Vec<u8> {
        Base64::decode_vec(&vectors()[0].spki).unwrap()
    }

    fn pem(label: &str, der: &[u8]) -> String {
        format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
            Base64::encode_string(der)
        )
    }

    /// The PKCS#1 RSAPublicKey inside the vector's SPKI (its BIT STRING, after the unused-bits byte).
    fn pkcs1_der() -> Vec<u8> {
        let spki = spki_der();
        // SEQUENCE { SEQUENCE { OID, NULL } (15 bytes), BIT STRING { 0, RSAPublicKey } }
        let bit_string = &spki[4 + 15..];
        assert_eq!(bit_string[0], 0x03);
        bit_string[5..].to_vec()
    }

    #[test]
    fn pem_labels_and_layouts() {
        let der = spki_der();
        assert!(keys::from_pem(&pem("PUBLIC KEY", &der)).is_ok());
        assert!(keys::from_pem(&pem("RSA PUBLIC KEY", &pkcs1_der())).is_ok());
        // Keys as they arrive from environment variables: one line, CRLF, indented.
        let body = Base64::encode_string(&der);
        for text in [
            format!("-----BEGIN PUBLIC KEY-----{body}-----END PUBLIC KEY-----"),
            pem("PUBLIC KEY", &der).replace('\n', "\r\n"),
            pem("PUBLIC KEY", &der).replace('\n', "\n    "),
            body.clone(),
        ] {
            assert!(keys::from_pem(&text).is_ok(), "{text}");
        }
        for (label, der) in [
            ("CERTIFICATE", der.clone()),
            ("PRIVATE KEY", der.clone()),
            ("RSA PUBLIC KEY", der.clone()), // an SPKI under the PKCS#1 label
            ("PUBLIC KEY", pkcs1_der()),     // and the other way round
        ] {
            assert!(keys::from_pem(&pem(label, &der)).is_err(), "{label}");
        }
        let mismatched = pem("PUBLIC KEY", &der).replace("END PUBLIC KEY", "END RSA PUBLIC KEY");
        assert!(keys::from_pem(&mismatched).is_err());
        assert!(keys::from_pem(&format!("{}x", pem("PUBLIC KEY", &der).trim())).is_err());
    }

    #[test]
    fn der_must_be_strict() {
        let der = spki_der();
        // Trailing bytes after the SubjectPublicKeyInfo.
        let mut trailing = der.clone();
        trailing.push(0);
        assert!(keys::from_pem(&pem("PUBLIC KEY", &trailing)).is_err());
        // The outer length in a non-minimal form: 82 01 22 -> 83 00 01 22.
        assert_eq!(&der[..4], &[0x30, 0x82, 0x01, 0x22]);
        let mut long_form = vec![0x30, 0x83, 0x00, 0x01, 0x22];
        long_form.extend_from_slice(&der[4..]);
        assert!(keys::from_pem(&pem("PUBLIC KEY", &long_form)).is_err());
        // rsaEncryption without its NULL parameters.
        let mut no_null = der.clone();
        let at = no_null.windows(2).position(|w| w == [0x05, 0x00]).unwrap();
        no_null.drain(at..at + 2);
        no_null[3] -= 2; // outer length
        no_null[5] -= 2; // AlgorithmIdentifier length
        assert!(keys::from_pem(&pem("PUBLIC KEY", &no_null)).is_err());
        // A PKCS#1 key with trailing bytes, and one whose modulus has a superfluous 00.
        let mut pkcs1 = pkcs1_der();
        pkcs1.push(0);
        assert!(keys::from_pem(&pem("RSA PUBLIC KEY", &pkcs1)).is_err());
        let pkcs1 = pkcs1_der();
        // 30 82 01 0a 02 82 01 01 00 <256 bytes n> 02 03 01 00 01
        assert_eq!(&pkcs1[4..9], &[0x02, 0x82, 0x01, 0x01, 0x00]);
        let mut padded = vec![0x30, 0x82, 0x01, 0x0b, 0x02, 0x82, 0x01, 0x02, 0x00];
        padded.extend_from_slice(&pkcs1[8..]);
        assert!(keys::from_pem(&pem("RSA PUBLIC KEY", &padded)).is_err());
    }
}
