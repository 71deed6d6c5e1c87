//! Why a verification failed: one [`Reason`] enum for every token and webhook failure (the
//! strings are `@clerk/backend`'s `TokenVerificationErrorReason` vocabulary, plus ours for
//! webhooks), and a message that never contains the token, a key or a secret.

/// Every reason a token, key or webhook is refused. `as_str` is what JS sees (`err.reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    TokenInvalid,
    TokenInvalidAlgorithm,
    TokenInvalidSignature,
    TokenVerificationFailed,
    TokenExpired,
    TokenNotActiveYet,
    TokenIatInTheFuture,
    TokenInvalidAuthorizedParties,
    TokenInvalidIssuer,
    JwkRemoteFailedToLoad,
    /// The JWKS is unusable as given (e.g. two keys share the token's `kid`).
    JwkRemoteInvalid,
    JwkFailedToResolve,
    JwkKidMismatch,
    SecretKeyInvalid,
    WebhookSecretInvalid,
    WebhookHeadersMissing,
    WebhookTimestampInvalid,
    WebhookTimestampTooOld,
    WebhookTimestampTooNew,
    WebhookSignatureInvalid,
    WebhookBodyInvalid,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::TokenInvalid => "token-invalid",
            Reason::TokenInvalidAlgorithm => "token-invalid-algorithm",
            Reason::TokenInvalidSignature => "token-invalid-signature",
            Reason::TokenVerificationFailed => "token-verification-failed",
            Reason::TokenExpired => "token-expired",
            Reason::TokenNotActiveYet => "token-not-active-yet",
            Reason::TokenIatInTheFuture => "token-iat-in-the-future",
            Reason::TokenInvalidAuthorizedParties => "token-invalid-authorized-parties",
            Reason::TokenInvalidIssuer => "token-invalid-issuer",
            Reason::JwkRemoteFailedToLoad => "jwk-remote-failed-to-load",
            Reason::JwkRemoteInvalid => "jwk-remote-invalid",
            Reason::JwkFailedToResolve => "jwk-failed-to-resolve",
            Reason::JwkKidMismatch => "jwk-kid-mismatch",
            Reason::SecretKeyInvalid => "secret-key-invalid",
            Reason::WebhookSecretInvalid => "webhook-secret-invalid",
            Reason::WebhookHeadersMissing => "webhook-headers-missing",
            Reason::WebhookTimestampInvalid => "webhook-timestamp-invalid",
            Reason::WebhookTimestampTooOld => "webhook-timestamp-too-old",
            Reason::WebhookTimestampTooNew => "webhook-timestamp-too-new",
            Reason::WebhookSignatureInvalid => "webhook-signature-invalid",
            Reason::WebhookBodyInvalid => "webhook-body-invalid",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub reason: Reason,
    pub message: String,
}

impl Failure {
    pub fn new(reason: Reason, message: impl Into<String>) -> Failure {
        Failure {
            reason,
            message: message.into(),
        }
    }
}
