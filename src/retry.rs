//! When to try a request again, and how long to wait first. Pure: the transport reports what
//! happened; this module decides.
//!
//! The rule (also in the README):
//! - 429 is retried for every method (the server did not act), honouring `Retry-After`.
//! - 5XX, timeouts and connection errors are retried for GET, PUT and DELETE. POST and PATCH
//!   are retried after them only when the failure certainly happened before the request was
//!   sent (connection refused, DNS failure) or when the caller opts in with
//!   `retryNonIdempotent: true`: a repeated POST can create two users.
//! - 503 honours `Retry-After` too. Waits grow exponentially with jitter, capped by
//!   `maxInterval`; `Retry-After` can lengthen a wait, never shorten it; no retry starts after
//!   `maxElapsedTime`, nor after `max_attempts` attempts (set by the auth layer, whose requests
//!   sit in front of a user's page: 3 attempts, not an hour of them).

use crate::generated::DEFAULT_RETRY;

#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub enabled: bool,
    pub initial_interval_ms: f64,
    pub max_interval_ms: f64,
    pub exponent: f64,
    pub max_elapsed_ms: f64,
    pub retry_connection_errors: bool,
    pub retry_non_idempotent: bool,
    /// Attempts in all, the first included (`None`: bounded by `max_elapsed_ms` only).
    pub max_attempts: Option<u32>,
}

impl Default for Policy {
    /// The spec's `x-speakeasy-retries`.
    fn default() -> Self {
        Policy {
            enabled: true,
            initial_interval_ms: DEFAULT_RETRY.initial_interval_ms as f64,
            max_interval_ms: DEFAULT_RETRY.max_interval_ms as f64,
            exponent: DEFAULT_RETRY.exponent,
            max_elapsed_ms: DEFAULT_RETRY.max_elapsed_ms as f64,
            retry_connection_errors: DEFAULT_RETRY.retry_connection_errors,
            retry_non_idempotent: false,
            max_attempts: None,
        }
    }
}

impl Policy {
    pub fn none() -> Self {
        Policy {
            enabled: false,
            ..Policy::default()
        }
    }
}

/// What an attempt ended with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// A response with this status; `retry_after_ms` from its `Retry-After` header.
    Status {
        status: u16,
        retry_after_ms: Option<f64>,
    },
    /// No response. `before_send`: the connection was never made, so the server cannot have acted.
    Connection { before_send: bool },
    /// Our timeout fired; the server may have acted.
    Timeout,
}

/// The wait before the next attempt, or `None` to stop and report the outcome.
/// `attempt` counts from 0 (the attempt that just failed); `random` is in [0, 1).
pub fn next_delay(
    policy: &Policy,
    idempotent: bool,
    outcome: Outcome,
    attempt: u32,
    elapsed_ms: f64,
    random: f64,
) -> Option<f64> {
    if !policy.enabled
        || policy
            .max_attempts
            .is_some_and(|max| attempt.saturating_add(1) >= max)
    {
        return None;
    }
    let may_repeat = idempotent || policy.retry_non_idempotent;
    let (retry, hint) = match outcome {
        Outcome::Status {
            status: 429,
            retry_after_ms,
        } => (true, retry_after_ms),
        Outcome::Status {
            status,
            retry_after_ms,
        } if (500..600).contains(&status) => (
            may_repeat,
            if status == 503 { retry_after_ms } else { None },
        ),
        Outcome::Status { .. } => (false, None),
        Outcome::Connection { before_send } => (
            policy.retry_connection_errors && (before_send || may_repeat),
            None,
        ),
        Outcome::Timeout => (policy.retry_connection_errors && may_repeat, None),
    };
    if !retry {
        return None;
    }
    // Retry-After is a lower bound, never a reason to go faster than the backoff: a server
    // answering `429 Retry-After: 0` (or a date already past) would otherwise get a tight loop
    // of requests until maxElapsedTime (an hour by default). Found by tests/faults.
    let backoff = backoff(policy, attempt, random);
    let delay = match hint {
        Some(ms) => ms.max(backoff),
        None => backoff,
    };
    if elapsed_ms + delay > policy.max_elapsed_ms {
        return None;
    }
    Some(delay)
}

/// Exponential backoff with "equal jitter": half the interval fixed, half random, so
/// clients that failed together do not retry together.
pub fn backoff(policy: &Policy, attempt: u32, random: f64) -> f64 {
    let exp = policy.exponent.max(1.0).powi(attempt.min(64) as i32);
    let interval = (policy.initial_interval_ms * exp).min(policy.max_interval_ms);
    interval / 2.0 + interval / 2.0 * random.clamp(0.0, 1.0)
}

/// `Retry-After` as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(secs as f64 * 1000.0);
    }
    parse_http_date(v).map(|at| (at - now_ms).max(0.0))
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the only form senders may generate.
fn parse_http_date(v: &str) -> Option<f64> {
    let parts: Vec<&str> = v.split_whitespace().collect();
    if parts.len() != 6 || parts[5] != "GMT" {
        return None;
    }
    let day: i64 = parts[1].parse().ok()?;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == parts[2])? as i64 + 1;
    let year: i64 = parts[3].parse().ok()?;
    let hms: Vec<i64> = parts[4]
        .split(':')
        .map(|x| x.parse().ok())
        .collect::<Option<_>>()?;
    if hms.len() != 3 || !(1..=31).contains(&day) || hms[0] > 23 || hms[1] > 59 || hms[2] > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2]) * 1000) as f64)
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(s: u16) -> Outcome {
        Outcome::Status {
            status: s,
            retry_after_ms: None,
        }
    }

    #[test]
    fn default_policy_comes_from_the_spec() {
        let p = Policy::default();
        assert_eq!(p.initial_interval_ms, 500.0);
        assert_eq!(p.exponent, 1.5);
        assert_eq!(p.max_interval_ms, 60_000.0);
        assert!(p.retry_connection_errors && !p.retry_non_idempotent);
    }

    #[test]
    fn idempotency_rule() {
        let p = Policy::default();
        // GET: 5XX, timeouts and connection errors retry.
        assert!(next_delay(&p, true, status(502), 0, 0.0, 0.5).is_some());
        assert!(next_delay(&p, true, Outcome::Timeout, 0, 0.0, 0.5).is_some());
        // POST: not after the server may have acted...
        assert!(next_delay(&p, false, status(500), 0, 0.0, 0.5).is_none());
        assert!(next_delay(&p, false, Outcome::Timeout, 0, 0.0, 0.5).is_none());
        assert!(next_delay(
            &p,
            false,
            Outcome::Connection { before_send: false },
            0,
            0.0,
            0.5
        )
        .is_none());
        // ...but yes when it certainly did not, or on 429, or when opted in.
        assert!(next_delay(
            &p,
            false,
            Outcome::Connection { before_send: true },
            0,
            0.0,
            0.5
        )
        .is_some());
        assert!(next_delay(&p, false, status(429), 0, 0.0, 0.5).is_some());
        let opt_in = Policy {
            retry_non_idempotent: true,
            ..Policy::default()
        };
        assert!(next_delay(&opt_in, false, status(500), 0, 0.0, 0.5).is_some());
        // 4XX other than 429 never.
        assert!(next_delay(&p, true, status(404), 0, 0.0, 0.5).is_none());
        assert!(next_delay(&Policy::none(), true, status(503), 0, 0.0, 0.5).is_none());
    }

    #[test]
    fn retry_after_is_honoured_and_capped_by_max_elapsed() {
        let p = Policy {
            max_elapsed_ms: 10_000.0,
            ..Policy::default()
        };
        let o = Outcome::Status {
            status: 429,
            retry_after_ms: Some(3000.0),
        };
        assert_eq!(next_delay(&p, false, o, 0, 0.0, 0.9), Some(3000.0));
        assert_eq!(next_delay(&p, false, o, 3, 8000.0, 0.9), None);
        let o503 = Outcome::Status {
            status: 503,
            retry_after_ms: Some(1000.0),
        };
        assert_eq!(next_delay(&p, true, o503, 0, 0.0, 0.0), Some(1000.0));
        // 500 ignores Retry-After: backoff applies.
        let o500 = Outcome::Status {
            status: 500,
            retry_after_ms: Some(9000.0),
        };
        assert_eq!(next_delay(&p, true, o500, 0, 0.0, 0.0), Some(250.0));
    }

    #[test]
    fn max_attempts_counts_the_first_attempt() {
        let p = Policy {
            max_attempts: Some(3),
            ..Policy::default()
        };
        let s = status(503);
        assert!(next_delay(&p, true, s, 0, 0.0, 0.5).is_some());
        assert!(next_delay(&p, true, s, 1, 0.0, 0.5).is_some());
        assert!(next_delay(&p, true, s, 2, 0.0, 0.5).is_none());
        assert!(next_delay(&p, true, s, u32::MAX, 0.0, 0.5).is_none());
    }

    #[test]
    fn a_zero_retry_after_still_backs_off() {
        let p = Policy::default();
        let zero = |status| Outcome::Status {
            status,
            retry_after_ms: Some(0.0),
        };
        assert_eq!(next_delay(&p, true, zero(429), 0, 0.0, 0.0), Some(250.0));
        assert_eq!(next_delay(&p, true, zero(503), 2, 0.0, 1.0), Some(1125.0));
    }

    #[test]
    fn backoff_grows_with_jitter_and_is_capped() {
        let p = Policy::default();
        assert_eq!(backoff(&p, 0, 0.0), 250.0);
        assert_eq!(backoff(&p, 0, 1.0), 500.0);
        assert_eq!(backoff(&p, 2, 1.0), 1125.0);
        assert_eq!(backoff(&p, 40, 1.0), 60_000.0);
        assert_eq!(backoff(&p, u32::MAX, 0.5), 45_000.0);
    }

    #[test]
    fn retry_after_parses_seconds_and_dates() {
        assert_eq!(parse_retry_after("3", 0.0), Some(3000.0));
        let at = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(at, 784_111_777_000.0);
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at - 2000.0),
            Some(2000.0)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at + 5000.0),
            Some(0.0)
        );
        assert_eq!(parse_retry_after("soon", 0.0), None);
        assert_eq!(parse_retry_after("-1", 0.0), None);
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 25:49:37 GMT", 0.0),
            None
        );
    }
}
