//! Native tests of the pure verification logic (no JS): RSA vectors signed by OpenSSL
//! (tests/auth/vectors.txt, from tests/auth/gen-vectors.mjs), the check order, claims with an
//! injected clock, and webhook signatures.

use clerk_edge::auth::claims::ClaimOptions;
use clerk_edge::auth::json::{self, Json};
use clerk_edge::auth::jwt::{self, verify_decoded};
use clerk_edge::auth::keys::{self, VerifyKey};
use clerk_edge::auth::{base64, webhook};

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
    let d = jwt::decode(token).map_err(|f| f.reason)?;
    verify_decoded(&d, Ok(key), &["JWT"], &ClaimOptions::default(), now).map_err(|f| f.reason)
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
    base64::encode_std(s.as_bytes())
        .trim_end_matches('=')
        .replace('+', "-")
        .replace('/', "_")
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
    use clerk_edge::auth::claims::check as claims;
    let p = |s: &str| json::parse(s).unwrap();
    let now = 1_000_000.0;
    let base = |extra: &str| p(&format!(r#"{{"sub":"u","exp":2000{extra}}}"#));
    let mut o = ClaimOptions {
        audience: vec!["a".into()],
        ..Default::default()
    };
    assert!(claims(&base(r#","aud":"a""#), &o, now).is_ok());
    assert!(claims(&base(r#","aud":["x","a"]"#), &o, now).is_ok());
    assert_eq!(
        claims(&base(r#","aud":"b""#), &o, now).unwrap_err().reason,
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
        claims(&base(""), &o, now).unwrap_err().reason,
        "token-invalid-authorized-parties"
    );
    assert!(claims(&base(r#","azp":"https://app""#), &o, now).is_ok());
    o.authorized_parties.clear();
    o.issuer = vec!["https://iss".into()];
    assert_eq!(
        claims(&base(r#","iss":"x""#), &o, now).unwrap_err().reason,
        "token-invalid-issuer"
    );
    let none = ClaimOptions::default();
    assert_eq!(
        claims(&p(r#"{"exp":2000}"#), &none, now)
            .unwrap_err()
            .reason,
        "token-verification-failed"
    );
    assert_eq!(
        claims(&p(r#"{"sub":"u"}"#), &none, now).unwrap_err().reason,
        "token-verification-failed"
    );
    assert_eq!(
        claims(&p(r#"{"sub":"u","exp":2000,"nbf":"1"}"#), &none, now)
            .unwrap_err()
            .reason,
        "token-verification-failed"
    );
    assert_eq!(
        claims(&p(r#"{"sub":"u","exp":2000,"nbf":1006}"#), &none, now)
            .unwrap_err()
            .reason,
        "token-not-active-yet"
    );
    assert!(claims(&p(r#"{"sub":"u","exp":2000,"nbf":1005}"#), &none, now).is_ok());
    assert!(matches!(p("[1]"), Json::Arr(_)));
}

#[test]
fn webhook_signatures() {
    // Svix's documented example secret, with a signature computed here by HMAC-SHA256.
    let key = webhook::secret_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(b"msg_1.1700000000.{\"type\":\"user.created\"}");
    let sig = base64::encode_std(&mac.finalize().into_bytes());
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
        webhook::SIGNATURE_INVALID
    );
    assert_eq!(
        webhook::verify(&key, "msg_2", "1700000000", &header, body, 1_700_000_100)
            .unwrap_err()
            .reason,
        webhook::SIGNATURE_INVALID
    );
    assert_eq!(
        webhook::verify(&key, "msg_1", "1700000000", &header, body, 1_700_000_301)
            .unwrap_err()
            .reason,
        webhook::TIMESTAMP_TOO_OLD
    );
    assert_eq!(
        webhook::verify(&key, "msg_1", "1700000000", &header, body, 1_699_999_699)
            .unwrap_err()
            .reason,
        webhook::TIMESTAMP_TOO_NEW
    );
    assert_eq!(
        webhook::verify(&key, "msg_1", "x", &header, body, 1_700_000_000)
            .unwrap_err()
            .reason,
        webhook::TIMESTAMP_INVALID
    );
    assert!(webhook::secret_key("whsec_").is_err());
}
