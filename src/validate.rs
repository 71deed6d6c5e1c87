//! Every problem with a call's params, found before anything is sent.
//!
//! Pure: works on [`CallArgs`], so it is tested natively. The messages name the parameter,
//! what was expected and what was given, never the value itself (it may be a secret).

use crate::args::{Arg, CallArgs};
use crate::operation::{Body, Field, Location, Operation, Param, Ty, ARRAY_BODY_KEY};

/// All problems found, in a stable order: params, body, unknown keys.
pub fn problems(op: &Operation, call: &CallArgs) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(what) = call.not_an_object {
        out.push(format!("params must be an object, got {what}"));
    }
    for (p, arg) in op.params.iter().zip(&call.params) {
        check_param(p, arg, &mut out);
    }
    match &op.body {
        Body::None => {}
        Body::Json { fields, .. } | Body::Multipart { fields } => {
            for (f, arg) in fields.iter().zip(&call.body) {
                check_field(f.name, f, arg, &mut out);
            }
        }
        Body::JsonArray {
            min_items,
            max_items,
            item_fields,
        } => check_array_body(*min_items, *max_items, item_fields, call, &mut out),
    }
    let open = matches!(op.body, Body::Json { open: true, .. });
    if !open {
        for key in &call.unknown {
            out.push(format!("unknown parameter \"{}\"", printable(key)));
        }
    }
    out
}

fn check_param(p: &Param, arg: &Arg, out: &mut Vec<String>) {
    let name = p.name;
    if arg.is_absent() || (p.location == Location::Path && matches!(arg, Arg::Null)) {
        if p.required {
            out.push(format!("{name} is required"));
        }
        return;
    }
    if p.location == Location::Path {
        match arg {
            Arg::Str(s) if s.is_empty() => out.push(format!("{name} must not be empty")),
            // "." and ".." are dot-segments: URL parsers would move up the path, even encoded.
            Arg::Str(s) if s == "." || s == ".." => {
                out.push(format!("{name} must not be \".\" or \"..\""))
            }
            _ => check_type(name, p.ty, p.allowed, arg, out),
        }
        return;
    }
    check_type(name, p.ty, p.allowed, arg, out);
}

fn check_field(name: &str, f: &Field, arg: &Arg, out: &mut Vec<String>) {
    match arg {
        Arg::Absent if f.required => out.push(format!("{name} is required")),
        Arg::Absent => {}
        Arg::Null if f.nullable => {}
        Arg::Null if f.required => out.push(format!("{name} is required and must not be null")),
        Arg::Null => out.push(format!("{name} must not be null")),
        _ => check_type(name, f.ty, f.allowed, arg, out),
    }
}

fn check_array_body(
    min: u32,
    max: u32,
    item_fields: &[Field],
    call: &CallArgs,
    out: &mut Vec<String>,
) {
    let key = ARRAY_BODY_KEY;
    match call.body.first() {
        None | Some(Arg::Absent) => out.push(format!("{key} is required (an array)")),
        Some(Arg::List(items)) => {
            let n = items.len() as u32;
            if n < min || n > max {
                out.push(format!("{key} must hold {min} to {max} items, got {n}"));
            }
            for (i, item) in items.iter().enumerate() {
                if !matches!(item, Arg::Object) {
                    out.push(format!(
                        "{key}[{i}] must be an object, got {}",
                        item.describe()
                    ));
                    continue;
                }
                if let Some(fields) = call.items.get(i) {
                    for (f, arg) in item_fields.iter().zip(fields) {
                        check_field(&format!("{key}[{i}].{}", f.name), f, arg, out);
                    }
                }
            }
        }
        Some(other) => out.push(format!("{key} must be an array, got {}", other.describe())),
    }
}

fn check_type(name: &str, ty: Ty, allowed: &[&str], arg: &Arg, out: &mut Vec<String>) {
    let ok = match (ty, arg) {
        (_, Arg::BadStr) => false,
        (Ty::Any, _) => true,
        (Ty::String, Arg::Str(s)) => {
            if !allowed.is_empty() && !allowed.contains(&s.as_str()) {
                out.push(format!("{name} must be one of {}", list(allowed)));
            }
            true
        }
        (Ty::Integer, Arg::Num(n)) => is_integer(*n),
        (Ty::Number, Arg::Num(n)) => n.is_finite(),
        (Ty::Boolean, Arg::Bool(_)) => true,
        (Ty::Object, Arg::Object) => true,
        (Ty::Array, Arg::List(_)) => true,
        (Ty::StringArray, Arg::Str(_)) => true,
        (Ty::StringArray, Arg::List(items)) => {
            for (i, item) in items.iter().enumerate() {
                check_type(&format!("{name}[{i}]"), Ty::String, allowed, item, out);
            }
            true
        }
        (Ty::IntegerArray, Arg::Num(n)) => is_integer(*n),
        (Ty::IntegerArray, Arg::List(items)) => {
            for (i, item) in items.iter().enumerate() {
                check_type(&format!("{name}[{i}]"), Ty::Integer, &[], item, out);
            }
            true
        }
        (Ty::Binary, Arg::Binary | Arg::Object) => true,
        _ => false,
    };
    if !ok {
        out.push(format!(
            "{name} must be {}, got {}",
            ty.describe(),
            arg.describe()
        ));
    }
}

fn is_integer(n: f64) -> bool {
    n.is_finite() && n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0
}

fn list(allowed: &[&str]) -> String {
    allowed
        .iter()
        .map(|a| format!("\"{a}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Keys come from the caller: keep messages one line and short.
fn printable(key: &str) -> String {
    let mut s: String = key.chars().filter(|c| !c.is_control()).take(64).collect();
    if key.chars().count() > 64 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::{Method, Response};

    const STATUS: &[&str] = &["active", "revoked"];
    static PARAMS: &[Param] = &[
        Param {
            name: "user_id",
            wire: "user_id",
            location: Location::Path,
            ty: Ty::String,
            required: true,
            explode: true,
            allowed: &[],
        },
        Param {
            name: "limit",
            wire: "limit",
            location: Location::Query,
            ty: Ty::Integer,
            required: false,
            explode: true,
            allowed: &[],
        },
        Param {
            name: "status",
            wire: "status",
            location: Location::Query,
            ty: Ty::String,
            required: false,
            explode: true,
            allowed: STATUS,
        },
    ];
    static FIELDS: &[Field] = &[
        Field {
            name: "first_name",
            ty: Ty::String,
            required: true,
            nullable: false,
            allowed: &[],
        },
        Field {
            name: "public_metadata",
            ty: Ty::Object,
            required: false,
            nullable: true,
            allowed: &[],
        },
    ];
    static OP: Operation = Operation {
        id: "UpdateUser",
        group: "users",
        name: "update",
        method: Method::Patch,
        path: "/users/{user_id}",
        params: PARAMS,
        body: Body::Json {
            fields: FIELDS,
            open: false,
            optional: false,
        },
        response: Response::Json,
        deprecated: false,
        paginated: false,
    };

    fn call(params: Vec<Arg>, body: Vec<Arg>) -> CallArgs {
        CallArgs {
            params,
            body,
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_call_has_no_problems() {
        let c = call(
            vec![
                Arg::Str("user_1".into()),
                Arg::Num(10.0),
                Arg::Str("active".into()),
            ],
            vec![Arg::Str("Ada".into()), Arg::Null],
        );
        assert_eq!(problems(&OP, &c), Vec::<String>::new());
    }

    #[test]
    fn every_problem_is_named() {
        let mut c = call(
            vec![Arg::Absent, Arg::Num(1.5), Arg::Str("gone".into())],
            vec![Arg::Absent, Arg::Str("x".into())],
        );
        c.unknown.push("usr_id".into());
        assert_eq!(
            problems(&OP, &c),
            vec![
                "user_id is required",
                "limit must be an integer, got a fractional number",
                "status must be one of \"active\", \"revoked\"",
                "first_name is required",
                "public_metadata must be an object, got a string",
                "unknown parameter \"usr_id\"",
            ]
        );
    }

    #[test]
    fn path_params_reject_empty_and_dot_segments() {
        for bad in ["", ".", ".."] {
            let c = call(
                vec![Arg::Str(bad.into()), Arg::Absent, Arg::Absent],
                vec![Arg::Str("Ada".into()), Arg::Absent],
            );
            assert_eq!(problems(&OP, &c).len(), 1, "{bad:?}");
        }
        let c = call(
            vec![Arg::Null, Arg::Absent, Arg::Absent],
            vec![Arg::Str("Ada".into()), Arg::Absent],
        );
        assert_eq!(problems(&OP, &c), vec!["user_id is required"]);
    }

    #[test]
    fn lone_surrogates_and_non_objects_are_rejected() {
        let mut c = call(
            vec![Arg::BadStr, Arg::Absent, Arg::Absent],
            vec![Arg::Str("Ada".into()), Arg::Absent],
        );
        c.not_an_object = None;
        assert_eq!(
            problems(&OP, &c),
            vec!["user_id must be a string, got a string with a lone surrogate"]
        );
        let c = CallArgs {
            params: vec![Arg::Absent; 3],
            body: vec![Arg::Absent; 2],
            not_an_object: Some("a string"),
            ..Default::default()
        };
        assert_eq!(
            problems(&OP, &c)[0],
            "params must be an object, got a string"
        );
    }

    #[test]
    fn unknown_keys_are_short_and_printable() {
        let long = format!("a\n{}", "b".repeat(100));
        assert_eq!(printable(&long).chars().count(), 65);
        assert!(!printable(&long).contains('\n'));
    }

    #[test]
    fn integers_beyond_safe_range_are_rejected() {
        assert!(is_integer(9_007_199_254_740_991.0));
        assert!(!is_integer(9_007_199_254_740_992.0 * 2.0));
        assert!(!is_integer(f64::NAN));
    }
}
