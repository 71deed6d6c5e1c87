//! Every reason clerk-edge reports, as one enum: why a token, key or webhook was refused (the
//! `reason` of a `TokenVerificationError`) and why a request is signed out or sent through a
//! handshake (a RequestState's `reason`). The strings are the incumbent's `AuthErrorReason`,
//! `TokenVerificationErrorReason` and `MachineTokenVerificationErrorCode` (@clerk/backend 3.25,
//! `tokens/authStatus.ts`, `errors.ts`), the literal `No token in header`, the composite
//! `session-token-expired-refresh-<why>` that carries why no refresh happened, and ours for
//! webhooks (the incumbent throws plain `Error`s there). `as_str()` gives the exact string;
//! nothing else spells a reason.

use std::borrow::Cow;
use std::fmt;

/// The three states of a RequestState.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    SignedIn,
    SignedOut,
    Handshake,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::SignedIn => "signed-in",
            Status::SignedOut => "signed-out",
            Status::Handshake => "handshake",
        }
    }
}

/// Why a session refresh was not made or did not succeed (`RefreshTokenErrorReason`, or the
/// Backend API's own error code, which the incumbent passes through verbatim).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshError {
    NonEligibleNoCookie,
    NonEligibleNonGet,
    InvalidSessionToken,
    MissingApiClient,
    MissingSessionToken,
    MissingRefreshToken,
    ExpiredSessionTokenDecodeFailed,
    ExpiredSessionTokenMissingSidClaim,
    FetchError,
    UnexpectedSdkError,
    UnexpectedBapiError,
    /// `errors[0].code` of the refresh endpoint's error response (e.g. `token_invalid`).
    Api(String),
}

impl RefreshError {
    pub fn as_str(&self) -> &str {
        match self {
            RefreshError::NonEligibleNoCookie => "non-eligible-no-refresh-cookie",
            RefreshError::NonEligibleNonGet => "non-eligible-non-get",
            RefreshError::InvalidSessionToken => "invalid-session-token",
            RefreshError::MissingApiClient => "missing-api-client",
            RefreshError::MissingSessionToken => "missing-session-token",
            RefreshError::MissingRefreshToken => "missing-refresh-token",
            RefreshError::ExpiredSessionTokenDecodeFailed => "expired-session-token-decode-failed",
            RefreshError::ExpiredSessionTokenMissingSidClaim => {
                "expired-session-token-missing-sid-claim"
            }
            RefreshError::FetchError => "fetch-error",
            RefreshError::UnexpectedSdkError => "unexpected-sdk-error",
            RefreshError::UnexpectedBapiError => "unexpected-bapi-error",
            RefreshError::Api(code) => code,
        }
    }
}

macro_rules! reasons {
    ($($variant:ident => $text:literal,)*) => {
        /// A signed-out or handshake reason, spelled as the incumbent spells it.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Reason {
            $($variant,)*
            /// `session-token-expired-refresh-<why>`.
            SessionTokenExpired(RefreshError),
        }

        impl Reason {
            /// The string JS sees (`err.reason`, `state.reason`).
            pub fn as_str(&self) -> Cow<'static, str> {
                match self {
                    Reason::SessionTokenExpired(why) => {
                        Cow::Owned(format!("session-token-expired-refresh-{}", why.as_str()))
                    }
                    plain => Cow::Borrowed(plain.name()),
                }
            }

            /// The reason without what it carries: `session-token-expired` for the composite.
            pub fn name(&self) -> &'static str {
                match self {
                    $(Reason::$variant => $text,)*
                    Reason::SessionTokenExpired(_) => "session-token-expired",
                }
            }

            /// The reason of a verification failure, from its string (the verification layer's
            /// vocabulary is a subset of this one). Unknown strings are `None`.
            pub fn from_verification(reason: &str) -> Option<Reason> {
                match reason {
                    $($text => Some(Reason::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

reasons! {
    // AuthErrorReason
    ClientUatWithoutSessionToken => "client-uat-but-no-session-token",
    DevBrowserMissing => "dev-browser-missing",
    DevBrowserSync => "dev-browser-sync",
    PrimaryRespondsToSyncing => "primary-responds-to-syncing",
    PrimaryDomainCrossOriginSync => "primary-domain-cross-origin-sync",
    SatelliteCookieNeedsSyncing => "satellite-needs-syncing",
    SessionTokenAndUatMissing => "session-token-and-uat-missing",
    SessionTokenMissing => "session-token-missing",
    SessionTokenIatBeforeClientUat => "session-token-iat-before-client-uat",
    SessionTokenNbf => "session-token-nbf",
    SessionTokenIatInTheFuture => "session-token-iat-in-the-future",
    SessionTokenWithoutClientUat => "session-token-but-no-client-uat",
    ActiveOrganizationMismatch => "active-organization-mismatch",
    TokenTypeMismatch => "token-type-mismatch",
    UnexpectedError => "unexpected-error",
    // TokenVerificationErrorReason (machine verification codes share these strings)
    TokenExpired => "token-expired",
    TokenInvalid => "token-invalid",
    TokenInvalidAlgorithm => "token-invalid-algorithm",
    TokenInvalidAuthorizedParties => "token-invalid-authorized-parties",
    TokenInvalidIssuer => "token-invalid-issuer",
    TokenInvalidSignature => "token-invalid-signature",
    TokenNotActiveYet => "token-not-active-yet",
    TokenIatInTheFuture => "token-iat-in-the-future",
    TokenVerificationFailed => "token-verification-failed",
    SecretKeyInvalid => "secret-key-invalid",
    LocalJwkMissing => "jwk-local-missing",
    RemoteJwkFailedToLoad => "jwk-remote-failed-to-load",
    // The JWKS is unusable as given (e.g. two keys share the token's `kid`).
    RemoteJwkInvalid => "jwk-remote-invalid",
    RemoteJwkMissing => "jwk-remote-missing",
    JwkFailedToResolve => "jwk-failed-to-resolve",
    JwkKidMismatch => "jwk-kid-mismatch",
    // A machine-token request without an Authorization header.
    NoTokenInHeader => "No token in header",
    // verifyWebhook (ours: the incumbent has no reasons there)
    WebhookSecretInvalid => "webhook-secret-invalid",
    WebhookHeadersMissing => "webhook-headers-missing",
    WebhookTimestampInvalid => "webhook-timestamp-invalid",
    WebhookTimestampTooOld => "webhook-timestamp-too-old",
    WebhookTimestampTooNew => "webhook-timestamp-too-new",
    WebhookSignatureInvalid => "webhook-signature-invalid",
    WebhookBodyInvalid => "webhook-body-invalid",
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl Reason {
    /// Verification failures that a handshake can cure (the token is well-formed and signed,
    /// only its time window is off): the incumbent's `reasonToHandshake`.
    pub fn is_time_failure(&self) -> bool {
        matches!(
            self,
            Reason::TokenExpired | Reason::TokenNotActiveYet | Reason::TokenIatInTheFuture
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_the_incumbents() {
        assert_eq!(Reason::DevBrowserMissing.as_str(), "dev-browser-missing");
        assert_eq!(Reason::NoTokenInHeader.to_string(), "No token in header");
        assert_eq!(
            Reason::SessionTokenExpired(RefreshError::NonEligibleNonGet).as_str(),
            "session-token-expired-refresh-non-eligible-non-get"
        );
        assert_eq!(
            Reason::SessionTokenExpired(RefreshError::Api("token_invalid".into())).to_string(),
            "session-token-expired-refresh-token_invalid"
        );
        assert_eq!(
            Reason::from_verification("token-expired"),
            Some(Reason::TokenExpired)
        );
        assert_eq!(Reason::from_verification("nope"), None);
        assert!(Reason::TokenNotActiveYet.is_time_failure());
        assert!(!Reason::TokenInvalidSignature.is_time_failure());
    }
}
