//! The operation table: decoded from the compact text that codegen/ writes into
//! `src/generated/`, one operation on first use.
//!
//! Why text: as Rust structs the 249 operations took 81 KB of pointer-heavy data (37 KB
//! gzipped); as text they are a fraction of that, and names are zero-copy slices of it.
//!
//! One operation per line, fields separated by one space:
//!
//! ```text
//! <operationId> <group> <name> <method> <path> <flags> <params> <body>
//! ```
//! - method: `G` GET, `P` POST, `U` PUT, `A` PATCH, `D` DELETE
//! - flags: response `j` JSON, `e` empty (202/204), `t` text; then `p` paginated, `d` deprecated
//! - params: `-`, or comma-separated `<name>[=<wire>]:<loc><ty><flags>[:<enum>]` with loc `h`
//!   path or `q` query, flags `r` required and `c` comma-joined arrays (explode: false)
//! - body: `-`; `j:<fields>` JSON object (`jo:` when the schema is open; `j?:`, `jo?:` when the
//!   spec does not require the body); `a<min>-<max>:<fields>`
//!   JSON array of objects; `m:<fields>` multipart. Fields are comma-separated
//!   `<name>:<ty><flags>[:<enum>]`, flags `r` required and `n` nullable; `j:` alone has no fields.
//! - ty: `s` string, `i` integer, `n` number, `b` boolean, `o` object, `a` array,
//!   `S` string array, `I` integer array, `f` file (binary), `x` any
//! - enum: allowed values separated by `/`

use std::cell::RefCell;

use crate::generated::GROUPS;
use crate::operation::{Body, Field, Location, Method, Operation, Param, Response, Ty};

thread_local! {
    /// Decoded operations by flat index; each is decoded once and lives as long as the module.
    static DECODED: RefCell<Vec<Option<&'static Operation>>> = const { RefCell::new(Vec::new()) };
}

/// Every line of the table, in flat index order.
pub fn lines() -> impl Iterator<Item = &'static str> {
    GROUPS
        .iter()
        .flat_map(|g| g.lines())
        .filter(|l| !l.is_empty())
}

/// The operation at flat index `i`, or `None` past the end.
pub fn operation(i: u32) -> Option<&'static Operation> {
    let i = i as usize;
    if let Some(op) = DECODED.with(|d| d.borrow().get(i).copied().flatten()) {
        return Some(op);
    }
    let op: &'static Operation = Box::leak(Box::new(decode(lines().nth(i)?)?));
    DECODED.with(|d| {
        let mut d = d.borrow_mut();
        if d.len() <= i {
            d.resize(i + 1, None);
        }
        d[i] = Some(op);
    });
    Some(op)
}

/// The operation with this operationId (the line's first field), or `None`.
pub fn by_id(id: &str) -> Option<&'static Operation> {
    let i = lines().position(|l| l.split(' ').next() == Some(id))?;
    operation(i as u32)
}

/// Decodes one line; `None` if the line is malformed (a generator bug, caught by tests).
pub fn decode(line: &'static str) -> Option<Operation> {
    let mut parts = line.split(' ');
    let id = parts.next()?;
    let group = parts.next()?;
    let name = parts.next()?;
    let method = match parts.next()? {
        "G" => Method::Get,
        "P" => Method::Post,
        "U" => Method::Put,
        "A" => Method::Patch,
        "D" => Method::Delete,
        _ => return None,
    };
    let path = parts.next()?;
    let flags = parts.next()?;
    let response = match flags.as_bytes().first()? {
        b'j' => Response::Json,
        b'e' => Response::Empty,
        b't' => Response::Text,
        _ => return None,
    };
    let params = leak(list(parts.next()?).map(param).collect::<Option<Vec<_>>>()?);
    let body = body(parts.next()?)?;
    if parts.next().is_some() {
        return None;
    }
    Some(Operation {
        id,
        group,
        name,
        method,
        path,
        params,
        body,
        response,
        deprecated: flags.contains('d'),
        paginated: flags.contains('p'),
    })
}

fn list(s: &'static str) -> impl Iterator<Item = &'static str> {
    let s = if s == "-" { "" } else { s };
    s.split(',').filter(|x| !x.is_empty())
}

fn leak<T>(v: Vec<T>) -> &'static [T] {
    if v.is_empty() {
        &[]
    } else {
        Box::leak(v.into_boxed_slice())
    }
}

/// `<name>[=<wire>]:<spec>[:<enum>]` split into its parts.
fn named(
    s: &'static str,
) -> Option<(
    &'static str,
    &'static str,
    &'static [u8],
    &'static [&'static str],
)> {
    let mut parts = s.splitn(3, ':');
    let names = parts.next()?;
    let spec = parts.next()?.as_bytes();
    let allowed = match parts.next() {
        Some(values) => leak(values.split('/').collect()),
        None => &[],
    };
    let (name, wire) = match names.split_once('=') {
        Some((n, w)) => (n, w),
        None => (names, names),
    };
    Some((name, wire, spec, allowed))
}

fn ty(c: u8) -> Option<Ty> {
    Some(match c {
        b's' => Ty::String,
        b'i' => Ty::Integer,
        b'n' => Ty::Number,
        b'b' => Ty::Boolean,
        b'o' => Ty::Object,
        b'a' => Ty::Array,
        b'S' => Ty::StringArray,
        b'I' => Ty::IntegerArray,
        b'f' => Ty::Binary,
        b'x' => Ty::Any,
        _ => return None,
    })
}

fn param(s: &'static str) -> Option<Param> {
    let (name, wire, spec, allowed) = named(s)?;
    let (&loc, rest) = spec.split_first()?;
    let (&t, flags) = rest.split_first()?;
    Some(Param {
        name,
        wire,
        location: match loc {
            b'h' => Location::Path,
            b'q' => Location::Query,
            _ => return None,
        },
        ty: ty(t)?,
        required: flags.contains(&b'r'),
        explode: !flags.contains(&b'c'),
        allowed,
    })
}

fn field(s: &'static str) -> Option<Field> {
    let (name, _, spec, allowed) = named(s)?;
    let (&t, flags) = spec.split_first()?;
    Some(Field {
        name,
        ty: ty(t)?,
        required: flags.contains(&b'r'),
        nullable: flags.contains(&b'n'),
        allowed,
    })
}

fn fields(s: &'static str) -> Option<&'static [Field]> {
    Some(leak(list(s).map(field).collect::<Option<Vec<_>>>()?))
}

fn body(s: &'static str) -> Option<Body> {
    if s == "-" {
        return Some(Body::None);
    }
    let (kind, rest) = s.split_once(':')?;
    let (kind, optional) = match kind.strip_suffix('?') {
        Some(k) => (k, true),
        None => (kind, false),
    };
    Some(match kind {
        "j" | "jo" => Body::Json {
            fields: fields(rest)?,
            open: kind == "jo",
            optional,
        },
        _ if optional => return None,
        "m" => Body::Multipart {
            fields: fields(rest)?,
        },
        _ => {
            let (min, max) = kind.strip_prefix('a')?.split_once('-')?;
            Body::JsonArray {
                min_items: min.parse().ok()?,
                max_items: max.parse().ok()?,
                item_fields: fields(rest)?,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_part_of_a_line() {
        let op = decode("GetUserList users list G /users/{user_id} jpd user_id:hsr,email_address:qS,role:qSc:admin/basic,limit:qi,api_key_id=apiKeyID:qs jo:first_name:sr,meta:on,kind:s:a/b").unwrap();
        assert_eq!((op.id, op.group, op.name), ("GetUserList", "users", "list"));
        assert_eq!(op.method, Method::Get);
        assert_eq!(op.path, "/users/{user_id}");
        assert_eq!(op.response, Response::Json);
        assert!(op.paginated && op.deprecated);
        assert_eq!(op.params.len(), 5);
        let p = &op.params[0];
        assert_eq!(
            (p.name, p.wire, p.location, p.ty, p.required),
            ("user_id", "user_id", Location::Path, Ty::String, true)
        );
        assert!(op.params[1].explode && !op.params[2].explode);
        assert_eq!(op.params[2].allowed, &["admin", "basic"]);
        assert_eq!(
            (op.params[4].name, op.params[4].wire),
            ("api_key_id", "apiKeyID")
        );
        let Body::Json { fields, open, .. } = op.body else {
            panic!("json body")
        };
        assert!(open);
        assert_eq!(fields.len(), 3);
        assert!(fields[0].required && !fields[0].nullable);
        assert!(fields[1].nullable && fields[1].ty == Ty::Object);
        assert_eq!(fields[2].allowed, &["a", "b"]);
    }

    #[test]
    fn decodes_array_multipart_and_empty_bodies() {
        let op = decode(
            "CreateBulk invitations createBulk P /invitations/bulk j - a1-10:email_address:sr",
        )
        .unwrap();
        let Body::JsonArray {
            min_items,
            max_items,
            item_fields,
        } = op.body
        else {
            panic!()
        };
        assert_eq!((min_items, max_items, item_fields.len()), (1, 10, 1));
        let op = decode(
            "Upload organizations uploadLogo U /o/{id}/logo j id:hsr m:file:fr,uploader_user_id:s",
        )
        .unwrap();
        assert!(matches!(op.body, Body::Multipart { fields } if fields[0].ty == Ty::Binary));
        let op = decode("Del x delete D /x e - j:").unwrap();
        assert!(matches!(
            op.body,
            Body::Json {
                fields: [],
                open: false,
                optional: false,
            }
        ));
        assert_eq!(op.response, Response::Empty);
        let op = decode("T s t P /s j - jo?:expires_in_seconds:in").unwrap();
        assert!(matches!(
            op.body,
            Body::Json {
                open: true,
                optional: true,
                ..
            }
        ));
    }

    #[test]
    fn malformed_lines_are_rejected() {
        for bad in [
            "",
            "a b c",
            "A g n X /p j - -",
            "A g n G /p j x:zz -",
            "A g n G /p j - a1:x:s",
            "A g n G /p j - - extra",
        ] {
            assert!(decode(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn the_generated_table_decodes_whole() {
        let n = lines().count();
        assert_eq!(n, 249, "the spec has 249 operations");
        for (i, line) in lines().enumerate() {
            assert!(decode(line).is_some(), "line {i} does not decode: {line}");
        }
        assert!(operation(n as u32).is_none());
        assert_eq!(
            operation(0).map(|o| o.id),
            lines().next().and_then(|l| l.split(' ').next())
        );
    }
}
