//! Why a verification failed: its [`Reason`] (the one enum of `reason.rs`) and a message that
//! never contains the token, a key or a secret.

pub use super::reason::Reason;

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
