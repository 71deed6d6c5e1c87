//! Builds a request URL: server + path template with percent-encoded path parameters + query.
//!
//! Pure and tested natively. Path values are encoded so that no value can change the route:
//! everything but RFC 3986 unreserved characters is escaped, `/` included.

use crate::args::Arg;
use crate::operation::{Location, Operation};

/// Percent-encodes all but `A-Z a-z 0-9 - . _ ~` (encodeURIComponent, stricter).
pub fn encode(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

/// A scalar as it appears on the wire. Integers print without a fraction, like JS.
pub fn scalar(arg: &Arg) -> Option<String> {
    match arg {
        Arg::Str(s) => Some(s.clone()),
        Arg::Bool(b) => Some(if *b { "true" } else { "false" }.into()),
        Arg::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
        Arg::Num(n) => Some(float(*n)),
        _ => None,
    }
}

/// A fractional number as JS prints it. In wasm JS does the work: Rust's float formatting
/// would add ~15 KB to the module.
#[cfg(target_arch = "wasm32")]
fn float(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn float(n: f64) -> String {
    format!("{n}")
}

/// The full URL for `op` with validated args (aligned with `op.params`).
/// `base` is the server URL without a trailing slash.
pub fn build(base: &str, op: &Operation, args: &[Arg]) -> String {
    let mut url = String::with_capacity(base.len() + op.path.len() + 32);
    url.push_str(base);
    let mut rest = op.path;
    while let Some(open) = rest.find('{') {
        url.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        let value = op
            .params
            .iter()
            .zip(args)
            .find(|(p, _)| p.location == Location::Path && p.wire == name)
            .and_then(|(_, a)| scalar(a));
        encode(value.as_deref().unwrap_or(""), &mut url);
        rest = &rest[open + close + 1..];
    }
    url.push_str(rest);

    let mut sep = '?';
    for (p, arg) in op.params.iter().zip(args) {
        if p.location != Location::Query {
            continue;
        }
        let values: Vec<String> = match arg {
            Arg::List(items) => items.iter().filter_map(scalar).collect(),
            other => scalar(other).into_iter().collect(),
        };
        if values.is_empty() {
            continue;
        }
        if p.explode || !matches!(arg, Arg::List(_)) {
            for v in &values {
                push_pair(&mut url, &mut sep, p.wire, v);
            }
        } else {
            // explode: false joins items with a literal comma; each item is still encoded.
            url.push(sep);
            sep = '&';
            encode(p.wire, &mut url);
            url.push('=');
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    url.push(',');
                }
                encode(v, &mut url);
            }
        }
    }
    url
}

fn push_pair(url: &mut String, sep: &mut char, key: &str, value: &str) {
    url.push(*sep);
    *sep = '&';
    encode(key, url);
    url.push('=');
    encode(value, url);
}

/// The server URL normalised: no trailing slash.
pub fn trim_base(base: &str) -> &str {
    base.trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::{Body, Method, Param, Response, Ty};

    static PARAMS: &[Param] = &[
        Param {
            name: "organization_id",
            wire: "organization_id",
            location: Location::Path,
            ty: Ty::String,
            required: true,
            explode: true,
            allowed: &[],
        },
        Param {
            name: "email_address",
            wire: "email_address",
            location: Location::Query,
            ty: Ty::StringArray,
            required: false,
            explode: true,
            allowed: &[],
        },
        Param {
            name: "role",
            wire: "role",
            location: Location::Query,
            ty: Ty::StringArray,
            required: false,
            explode: false,
            allowed: &[],
        },
        Param {
            name: "api_key_id",
            wire: "apiKeyID",
            location: Location::Query,
            ty: Ty::Integer,
            required: false,
            explode: true,
            allowed: &[],
        },
    ];
    static OP: Operation = Operation {
        id: "Test",
        group: "organizations",
        name: "get",
        method: Method::Get,
        path: "/organizations/{organization_id}/members",
        params: PARAMS,
        body: Body::None,
        response: Response::Json,
        deprecated: false,
        paginated: false,
    };

    fn s(v: &str) -> Arg {
        Arg::Str(v.into())
    }

    #[test]
    fn path_values_stay_one_segment() {
        let url = build(
            "https://x/v1",
            &OP,
            &[s("../organizations"), Arg::Absent, Arg::Absent, Arg::Absent],
        );
        assert_eq!(url, "https://x/v1/organizations/..%2Forganizations/members");
        let url = build(
            "https://x",
            &OP,
            &[s("a b/%2e?#"), Arg::Absent, Arg::Absent, Arg::Absent],
        );
        assert_eq!(url, "https://x/organizations/a%20b%2F%252e%3F%23/members");
    }

    #[test]
    fn query_arrays_follow_explode() {
        let url = build(
            "https://x",
            &OP,
            &[
                s("org_1"),
                Arg::List(vec![s("a@b.co"), s("c+d@e.co")]),
                Arg::List(vec![s("admin"), s("basic member")]),
                Arg::Num(20.0),
            ],
        );
        assert_eq!(
            url,
            "https://x/organizations/org_1/members?email_address=a%40b.co&email_address=c%2Bd%40e.co&role=admin,basic%20member&apiKeyID=20"
        );
    }

    #[test]
    fn scalars_print_like_js() {
        assert_eq!(scalar(&Arg::Num(3.0)).unwrap(), "3");
        assert_eq!(scalar(&Arg::Num(-2.5)).unwrap(), "-2.5");
        assert_eq!(scalar(&Arg::Bool(false)).unwrap(), "false");
        assert_eq!(scalar(&Arg::Null), None);
    }

    #[test]
    fn non_ascii_is_utf8_percent_encoded() {
        let mut out = String::new();
        encode("é☃", &mut out);
        assert_eq!(out, "%C3%A9%E2%98%83");
    }

    #[test]
    fn trailing_slashes_are_trimmed() {
        assert_eq!(trim_base("http://127.0.0.1:4010/"), "http://127.0.0.1:4010");
    }
}
