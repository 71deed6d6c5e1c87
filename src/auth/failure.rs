//! A verification failure: a `reason` from `@clerk/backend`'s vocabulary and a message that
//! never contains the token, a key or a secret.

#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub reason: &'static str,
    pub message: String,
}

impl Failure {
    pub fn new(reason: &'static str, message: impl Into<String>) -> Failure {
        Failure {
            reason,
            message: message.into(),
        }
    }
}

pub const TOKEN_INVALID: &str = "token-invalid";
pub const TOKEN_INVALID_ALGORITHM: &str = "token-invalid-algorithm";
pub const TOKEN_INVALID_SIGNATURE: &str = "token-invalid-signature";
pub const TOKEN_VERIFICATION_FAILED: &str = "token-verification-failed";
pub const TOKEN_EXPIRED: &str = "token-expired";
pub const TOKEN_NOT_ACTIVE_YET: &str = "token-not-active-yet";
pub const TOKEN_IAT_IN_THE_FUTURE: &str = "token-iat-in-the-future";
pub const TOKEN_INVALID_AUTHORIZED_PARTIES: &str = "token-invalid-authorized-parties";
pub const TOKEN_INVALID_ISSUER: &str = "token-invalid-issuer";
pub const JWK_REMOTE_FAILED_TO_LOAD: &str = "jwk-remote-failed-to-load";
pub const JWK_FAILED_TO_RESOLVE: &str = "jwk-failed-to-resolve";
pub const JWK_KID_MISMATCH: &str = "jwk-kid-mismatch";
pub const SECRET_KEY_INVALID: &str = "secret-key-invalid";
