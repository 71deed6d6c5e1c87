//! Claim checks after a valid signature, in the incumbent's order: sub, aud, azp, iss, exp,
//! nbf, iat. The one implementation of the time checks: a fresh verification and a cached
//! verdict both go through [`check_times`]. Time is passed in (milliseconds), never read here.

use serde::de::{Deserialize, Deserializer};
use serde_json::Value;

use super::failure::{Failure, Reason};

/// A claim read as loosely as the incumbent reads it: absent, of the expected type, or
/// something else (each leads to its own outcome; none makes the payload undecodable).
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Loose<T> {
    #[default]
    Absent,
    Is(T),
    Other,
}

impl<'de, T: for<'a> Deserialize<'a>> Deserialize<'de> for Loose<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Ok(T::deserialize(&v).map_or(Loose::Other, Loose::Is))
    }
}

impl<T> Loose<T> {
    pub fn is(&self) -> Option<&T> {
        match self {
            Loose::Is(t) => Some(t),
            _ => None,
        }
    }
}

/// The registered claims the checks read (RFC 7519 §4.1), typed as loosely as the incumbent
/// reads them. A payload that is not a JSON object has none of them.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Registered {
    pub sub: Loose<String>,
    pub aud: Option<Value>,
    pub azp: Loose<String>,
    pub iss: Loose<String>,
    pub exp: Loose<f64>,
    pub nbf: Loose<f64>,
    pub iat: Loose<f64>,
}

impl Registered {
    pub fn of(payload: &Value) -> Registered {
        Registered::deserialize(payload).unwrap_or_default()
    }
}

#[derive(Debug, Clone)]
pub struct ClaimOptions {
    /// Accepted audiences (empty: not checked). Empty strings are already dropped.
    pub audience: Vec<String>,
    /// Accepted `azp` values (empty: not checked).
    pub authorized_parties: Vec<String>,
    /// Accepted issuers (empty: not checked).
    pub issuer: Vec<String>,
    pub clock_skew_ms: f64,
}

pub const DEFAULT_CLOCK_SKEW_MS: f64 = 5000.0;

impl Default for ClaimOptions {
    fn default() -> Self {
        ClaimOptions {
            audience: Vec::new(),
            authorized_parties: Vec::new(),
            issuer: Vec::new(),
            clock_skew_ms: DEFAULT_CLOCK_SKEW_MS,
        }
    }
}

fn failed(message: &str) -> Failure {
    Failure::new(Reason::TokenVerificationFailed, message)
}

/// A JWT NumericDate as JS `new Date(0).setUTCSeconds(x)` reads it: whole seconds, in ms.
fn date_ms(seconds: f64) -> f64 {
    seconds.trunc() * 1000.0
}

/// Every claim check; on success the time claims, for the verified-token cache.
pub fn check(c: &Registered, o: &ClaimOptions, now_ms: f64) -> Result<Times, Failure> {
    let now = now_ms.trunc();
    if c.sub.is().is_none() {
        return Err(failed(
            "Subject claim (sub) is required and must be a string.",
        ));
    }
    check_audience(c.aud.as_ref(), &o.audience)?;
    if !o.authorized_parties.is_empty() {
        let azp = c.azp.is();
        if !azp.is_some_and(|a| o.authorized_parties.iter().any(|p| p == a)) {
            return Err(Failure::new(
                Reason::TokenInvalidAuthorizedParties,
                "Invalid JWT Authorized party claim (azp): not one of the authorized parties.",
            ));
        }
    }
    if !o.issuer.is_empty() {
        let iss = c.iss.is();
        if !iss.is_some_and(|i| o.issuer.iter().any(|x| x == i)) {
            return Err(Failure::new(
                Reason::TokenInvalidIssuer,
                "Invalid JWT issuer claim (iss): not one of the expected issuers.",
            ));
        }
    }
    let Some(&exp) = c.exp.is() else {
        return Err(failed(
            "Invalid JWT expiry date claim (exp). Expected number.",
        ));
    };
    let skew = o.clock_skew_ms;
    check_exp(exp, skew, now)?;
    let nbf = optional_number(&c.nbf, "not before date claim (nbf)")?;
    check_nbf(nbf, skew, now)?;
    let iat = optional_number(&c.iat, "issued at date claim (iat)")?;
    check_iat(iat, skew, now)?;
    Ok(Times { exp, nbf, iat })
}

/// The time claims of a token that passed `check` (kept by the verified-token cache).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Times {
    pub exp: f64,
    pub nbf: Option<f64>,
    pub iat: Option<f64>,
}

/// The time checks of `check` again, for a token whose other claims already passed: the same
/// comparisons, in the same order, so a cached verdict expires exactly when a fresh one would.
pub fn check_times(t: &Times, clock_skew_ms: f64, now_ms: f64) -> Result<(), Failure> {
    let now = now_ms.trunc();
    check_exp(t.exp, clock_skew_ms, now)?;
    check_nbf(t.nbf, clock_skew_ms, now)?;
    check_iat(t.iat, clock_skew_ms, now)
}

fn check_exp(exp: f64, skew: f64, now: f64) -> Result<(), Failure> {
    if date_ms(exp) <= now - skew {
        return Err(Failure::new(
            Reason::TokenExpired,
            format!(
                "JWT is expired. Expiry date (ms): {}, current date (ms): {}.",
                date_ms(exp) as i64,
                now as i64
            ),
        ));
    }
    Ok(())
}

fn check_nbf(nbf: Option<f64>, skew: f64, now: f64) -> Result<(), Failure> {
    match nbf {
        Some(nbf) if date_ms(nbf) > now + skew => Err(Failure::new(
            Reason::TokenNotActiveYet,
            format!(
                "JWT cannot be used prior to not before date claim (nbf). Not before (ms): {}, current date (ms): {}.",
                date_ms(nbf) as i64,
                now as i64
            ),
        )),
        _ => Ok(()),
    }
}

fn check_iat(iat: Option<f64>, skew: f64, now: f64) -> Result<(), Failure> {
    match iat {
        Some(iat) if date_ms(iat) > now + skew => Err(Failure::new(
            Reason::TokenIatInTheFuture,
            format!(
                "JWT issued at date claim (iat) is in the future. Issued at (ms): {}, current date (ms): {}.",
                date_ms(iat) as i64,
                now as i64
            ),
        )),
        _ => Ok(()),
    }
}

fn optional_number(claim: &Loose<f64>, what: &str) -> Result<Option<f64>, Failure> {
    match claim {
        Loose::Absent => Ok(None),
        Loose::Is(n) => Ok(Some(*n)),
        Loose::Other => Err(failed(&format!("Invalid JWT {what}. Expected number."))),
    }
}

/// `aud` is checked only when both the option and the claim are non-empty (the incumbent's rule);
/// then a string must be listed, an array of strings must share one entry, and anything else is
/// rejected (the incumbent lets e.g. `aud: 1` or `aud: [1]` through).
fn check_audience(aud: Option<&Value>, audience: &[String]) -> Result<(), Failure> {
    let Some(aud) = aud else { return Ok(()) };
    let claim_non_empty = match aud {
        Value::Array(items) => items.iter().any(truthy),
        other => truthy(other),
    };
    if audience.is_empty() || !claim_non_empty {
        return Ok(());
    }
    let listed = |s: &str| audience.iter().any(|a| a == s);
    let ok = match aud {
        Value::String(s) => listed(s),
        Value::Array(items) => {
            let strings: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            strings.is_some_and(|s| s.iter().any(|a| listed(a)))
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(failed(
            "Invalid JWT audience claim (aud): not one of the expected audiences.",
        ))
    }
}

/// JS truthiness of a JSON value.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}
