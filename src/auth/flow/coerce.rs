//! The JavaScript coercions the incumbent's decisions go through, so that odd inputs decide the
//! same way: `Number(s)` (the redirect-loop counter), `Number.parseInt(s)` (`__client_uat`),
//! the relational operators on JSON claims (`payload.iat < clientUat`, iat against iat),
//! `decodeURIComponent` (cookie values) and the header-value check of `Headers.set`.

use serde_json::Value;

/// JS `WhiteSpace` and `LineTerminator` (what `String.prototype.trim` and `Number()` strip).
pub fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\u{9}' | '\u{a}' | '\u{b}' | '\u{c}' | '\u{d}' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

fn radix_value(digits: &str, radix: u32) -> Option<f64> {
    if digits.is_empty() {
        return None;
    }
    let mut v = 0f64;
    for c in digits.chars() {
        v = v * radix as f64 + c.to_digit(radix)? as f64;
    }
    Some(v)
}

/// A decimal literal as `Number()` accepts it: `[+-]? (d+ [. d*] | . d+) ([eE] [+-]? d+)?`.
fn is_decimal_literal(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut digits = i - int_start;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        digits += i - frac_start;
    }
    if digits == 0 {
        return false;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        i += 1;
        if i < b.len() && matches!(b[i], b'+' | b'-') {
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == b.len()
}

/// `Number(s)` for a string.
pub fn number(s: &str) -> f64 {
    let t = s.trim_matches(is_js_space);
    if t.is_empty() {
        return 0.0;
    }
    match t {
        "Infinity" | "+Infinity" => return f64::INFINITY,
        "-Infinity" => return f64::NEG_INFINITY,
        _ => {}
    }
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return radix_value(rest, radix).unwrap_or(f64::NAN);
        }
    }
    if is_decimal_literal(t) {
        decimal(t)
    } else {
        f64::NAN
    }
}

/// A decimal literal `Number()` accepts (`[+-]? (d+ [. d*] | . d+) ([eE] [+-]? d+)?`) as a
/// double, through serde_json's correctly rounded parser (already in the package for claims)
/// rather than `str::parse` (core's, ~5 KB more wasm): made a JSON number first (no `+`, no
/// leading zeros, digits on both sides of the point).
fn decimal(literal: &str) -> f64 {
    let (sign, rest) = match literal.as_bytes().first() {
        Some(b'-') => ("-", &literal[1..]),
        Some(b'+') => ("", &literal[1..]),
        _ => ("", literal),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let int = int.trim_start_matches('0');
    let mut json = format!("{sign}{}", if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        json.push('.');
        json.push_str(frac);
    }
    json.push_str(exponent);
    // Well-formed by construction: the one failure left is a magnitude beyond f64's range.
    let overflow = if sign == "-" {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    };
    serde_json::from_slice(json.as_bytes()).unwrap_or(overflow)
}

/// `Number.parseInt(s)` (no radix): leading spaces, a sign, `0x` for hex, then the longest run
/// of digits.
pub fn parse_int(s: &str) -> f64 {
    let t = s.trim_start_matches(is_js_space);
    let (sign, t) = match t.as_bytes().first() {
        Some(b'-') => (-1.0, &t[1..]),
        Some(b'+') => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    let (radix, t) = match t.get(..2) {
        Some("0x" | "0X") => (16, &t[2..]),
        _ => (10, t),
    };
    let end = t
        .char_indices()
        .find(|(_, c)| !c.is_digit(radix))
        .map_or(t.len(), |(i, _)| i);
    let digits = &t[..end];
    let value = if radix == 10 {
        (!digits.is_empty()).then(|| decimal(digits))
    } else {
        radix_value(digits, radix)
    };
    value.map_or(f64::NAN, |v| sign * v)
}

/// A number as `JSON.stringify` writes it (integers without a fraction).
pub fn json_number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        Value::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

/// `x || 0` for a number.
pub fn or_zero(x: f64) -> f64 {
    if x.is_nan() || x == 0.0 {
        0.0
    } else {
        x
    }
}

/// A JSON value after `ToPrimitive` (hint number): a number or a string.
#[derive(Debug, Clone, PartialEq)]
pub enum Primitive {
    Number(f64),
    String(String),
}

fn to_js_string(v: &Value) -> String {
    match v {
        Value::Null => String::new(), // as an array element
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(to_js_string).collect::<Vec<_>>().join(","),
        Value::Object(_) => "[object Object]".to_string(),
    }
}

pub fn to_primitive(v: Option<&Value>) -> Primitive {
    match v {
        None => Primitive::Number(f64::NAN), // undefined
        Some(Value::Null) => Primitive::Number(0.0),
        Some(Value::Bool(b)) => Primitive::Number(f64::from(u8::from(*b))),
        Some(Value::Number(n)) => Primitive::Number(n.as_f64().unwrap_or(f64::NAN)),
        Some(Value::String(s)) => Primitive::String(s.clone()),
        Some(other) => Primitive::String(to_js_string(other)),
    }
}

/// `ToNumber` of a claim (`undefined` for a missing one).
pub fn to_number(v: Option<&Value>) -> f64 {
    match to_primitive(v) {
        Primitive::Number(n) => n,
        Primitive::String(s) => number(&s),
    }
}

/// JS truthiness of a claim (`undefined` for a missing one).
pub fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Some(Value::String(s)) => !s.is_empty(),
        _ => true,
    }
}

/// A claim for `claim || 0`: falsy values become the number 0.
pub fn truthy_or_zero(v: Option<&Value>) -> Primitive {
    if truthy(v) {
        to_primitive(v)
    } else {
        Primitive::Number(0.0)
    }
}

/// `a < b` on primitives: strings compare by UTF-16 code units, anything else numerically.
pub fn less_than(a: &Primitive, b: &Primitive) -> bool {
    match (a, b) {
        (Primitive::String(x), Primitive::String(y)) => x.encode_utf16().lt(y.encode_utf16()),
        _ => {
            let n = |p: &Primitive| match p {
                Primitive::Number(n) => *n,
                Primitive::String(s) => number(s),
            };
            n(a) < n(b)
        }
    }
}

/// `decodeURIComponent(s)`, or `None` where it throws (a `%` not followed by two hex digits, or
/// escapes that are not UTF-8).
pub fn decode_uri_component(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if i + 2 >= b.len() || !(b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit()) {
                return None;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

/// A header value as `Headers.set` stores it (HTTP whitespace trimmed), or `None` where it throws
/// (a code point above U+00FF, NUL, CR or LF): the incumbent then leaves the header out.
pub fn header_value(v: &str) -> Option<String> {
    if v.chars().any(|c| c as u32 > 0xff) {
        return None;
    }
    let t = v.trim_matches(|c| matches!(c, '\t' | '\n' | '\r' | ' '));
    if t.contains(['\0', '\n', '\r']) {
        return None;
    }
    Some(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn number_like_javascript() {
        for (s, n) in [
            ("", 0.0),
            ("  3 ", 3.0),
            ("0x3", 3.0),
            ("3e0", 3.0),
            ("-2.5", -2.5),
            (".5", 0.5),
            ("5.", 5.0),
            ("+Infinity", f64::INFINITY),
            ("007", 7.0),
            ("-.25e1", -2.5),
            ("1e400", f64::INFINITY),
            ("0.1", 0.1),
        ] {
            assert_eq!(number(s), n, "{s:?}");
        }
        for s in ["abc", "3a", "0x", "-0x3", "inf", "NaN", "1e", "e5", "."] {
            assert!(number(s).is_nan(), "{s:?}");
        }
    }

    #[test]
    fn parse_int_like_javascript() {
        assert_eq!(parse_int("1700000000"), 1_700_000_000.0);
        assert_eq!(parse_int("  42abc"), 42.0);
        assert_eq!(parse_int("-7"), -7.0);
        assert_eq!(parse_int("0x1f"), 31.0);
        assert_eq!(parse_int("3.9"), 3.0);
        assert!(parse_int("abc").is_nan());
        assert!(parse_int("").is_nan());
        assert_eq!(or_zero(parse_int("x")), 0.0);
    }

    #[test]
    fn relational_comparisons() {
        let lt = |a: Option<&Value>, b: f64| less_than(&to_primitive(a), &Primitive::Number(b));
        assert!(lt(Some(&json!(5)), 6.0));
        assert!(lt(Some(&json!("5")), 6.0));
        assert!(!lt(None, 6.0)); // undefined < 6 is false
        assert!(lt(Some(&json!(null)), 1.0)); // null is 0
        assert!(lt(Some(&json!([5])), 6.0));
        assert!(!lt(Some(&json!({})), 6.0));
        // Two strings compare as strings: "10" < "9".
        assert!(less_than(
            &to_primitive(Some(&json!("10"))),
            &to_primitive(Some(&json!("9")))
        ));
        assert_eq!(truthy_or_zero(Some(&json!(""))), Primitive::Number(0.0));
        assert_eq!(truthy_or_zero(None), Primitive::Number(0.0));
    }

    #[test]
    fn decode_uri_component_like_javascript() {
        assert_eq!(decode_uri_component("a%20b").as_deref(), Some("a b"));
        assert_eq!(decode_uri_component("%C3%A9").as_deref(), Some("é"));
        assert_eq!(decode_uri_component("100%"), None);
        assert_eq!(decode_uri_component("%zz"), None);
        assert_eq!(decode_uri_component("%C3"), None);
        assert_eq!(decode_uri_component("%C3a%A9"), None);
        assert_eq!(
            decode_uri_component("plain+text").as_deref(),
            Some("plain+text")
        );
    }

    #[test]
    fn header_values() {
        assert_eq!(header_value("  ok \t").as_deref(), Some("ok"));
        assert_eq!(header_value("a\nb"), None);
        assert_eq!(header_value("café").as_deref(), Some("café"));
        assert_eq!(header_value("→"), None);
    }
}
