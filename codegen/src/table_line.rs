//! One operation as one line of the text table that `src/table.rs` decodes (its module doc
//! is the format's specification):
//!
//! ```text
//! <operationId> <group> <name> <method> <path> <flags> <params> <body>
//! ```
//!
//! The format has no escaping, so a name, wire name, enum value or path holding one of its
//! separators would silently decode as something else: such a spec fails generation here.

use crate::model::{Body, Field, Op, Param};
use crate::spec::Result;

/// Characters no name, wire name or enum value may contain: the format's separators (space,
/// newline, `,` between items, `:` and `=` inside an item, `/` between enum values) and the
/// two a Rust string literal would need escaped.
const SEPARATORS: &[char] = &[' ', '\t', '\n', '\r', ',', ':', '=', '/', '"', '\\'];

/// The line for `op`, without its newline.
pub fn line(op: &Op) -> Result<String> {
    let id = token("operationId", &op.id)?;
    let at = |e: String| format!("{id}: {e}");
    let mut out = String::new();
    for part in [
        id,
        token("group", &op.group).map_err(at)?,
        token("name", &op.name).map_err(at)?,
        method(op.method).map_err(at)?,
        path(&op.path).map_err(at)?,
    ] {
        out.push_str(part);
        out.push(' ');
    }
    out.push_str(&flags(op).map_err(at)?);
    out.push(' ');
    out.push_str(&params(&op.params).map_err(at)?);
    out.push(' ');
    out.push_str(&body(&op.body).map_err(at)?);
    Ok(out)
}

/// `what` checked to be non-empty and free of separators.
fn token<'a>(what: &str, value: &'a str) -> Result<&'a str> {
    if value.is_empty() {
        return Err(format!(
            "{what} is empty, which the table format cannot hold"
        ));
    }
    match value.chars().find(|c| SEPARATORS.contains(c)) {
        Some(c) => Err(format!(
            "{what} {value:?} contains {c:?}, a separator of the table format (src/table.rs)"
        )),
        None => Ok(value),
    }
}

/// Paths are a space-separated field of their own: `/`, `{`, `:` and `,` are fine there.
fn path(value: &str) -> Result<&str> {
    if !value.starts_with('/') {
        return Err(format!("path {value:?} does not start with /"));
    }
    match value
        .chars()
        .find(|c| c.is_whitespace() || *c == '"' || *c == '\\')
    {
        Some(c) => Err(format!(
            "path {value:?} contains {c:?}, which the table format cannot hold"
        )),
        None => Ok(value),
    }
}

fn method(m: &str) -> Result<&'static str> {
    Ok(match m {
        "Get" => "G",
        "Post" => "P",
        "Put" => "U",
        "Patch" => "A",
        "Delete" => "D",
        other => return Err(format!("method {other} has no table letter")),
    })
}

fn flags(op: &Op) -> Result<String> {
    let mut f = String::from(match op.response.kind {
        "Json" => "j",
        "Empty" => "e",
        "Text" => "t",
        other => return Err(format!("response kind {other} has no table letter")),
    });
    if op.paginated {
        f.push('p');
    }
    if op.deprecated {
        f.push('d');
    }
    Ok(f)
}

fn ty(t: &str) -> Result<char> {
    Ok(match t {
        "String" => 's',
        "Integer" => 'i',
        "Number" => 'n',
        "Boolean" => 'b',
        "Object" => 'o',
        "Array" => 'a',
        "StringArray" => 'S',
        "IntegerArray" => 'I',
        "Binary" => 'f',
        "Any" => 'x',
        other => return Err(format!("type {other} has no table letter")),
    })
}

/// `:<v1>/<v2>...`, or nothing when any value goes. An empty value is fine (the spec has
/// `''` to clear a setting): `:password/otp/` decodes to `["password", "otp", ""]`.
fn allowed(values: &[String]) -> Result<String> {
    let mut out = String::new();
    for (i, v) in values.iter().enumerate() {
        out.push(if i == 0 { ':' } else { '/' });
        if !v.is_empty() {
            out.push_str(token("enum value", v)?);
        }
    }
    Ok(out)
}

fn params(params: &[Param]) -> Result<String> {
    if params.is_empty() {
        return Ok("-".into());
    }
    let mut items = Vec::new();
    for p in params {
        let mut s = token("parameter", &p.name)?.to_string();
        if p.wire != p.name {
            s.push('=');
            s.push_str(token("parameter wire name", &p.wire)?);
        }
        s.push(':');
        s.push(if p.path { 'h' } else { 'q' });
        s.push(ty(p.ty)?);
        if p.required {
            s.push('r');
        }
        // Only a query array's explode changes the URL (src/url.rs); elsewhere it is noise.
        let array = matches!(p.ty, "StringArray" | "IntegerArray");
        if !p.path && array && !p.explode {
            s.push('c');
        }
        s.push_str(&allowed(&p.allowed).map_err(|e| format!("parameter {}: {e}", p.name))?);
        items.push(s);
    }
    Ok(items.join(","))
}

fn fields(fields: &[Field]) -> Result<String> {
    let mut items = Vec::new();
    for f in fields {
        let mut s = token("body field", &f.name)?.to_string();
        s.push(':');
        s.push(ty(f.ty)?);
        if f.required {
            s.push('r');
        }
        if f.nullable {
            s.push('n');
        }
        s.push_str(&allowed(&f.allowed).map_err(|e| format!("body field {}: {e}", f.name))?);
        items.push(s);
    }
    Ok(items.join(","))
}

fn body(body: &Body) -> Result<String> {
    Ok(match body {
        Body::None => "-".into(),
        Body::Json {
            fields: f,
            open,
            optional,
        } => format!(
            "{}{}:{}",
            if *open { "jo" } else { "j" },
            if *optional { "?" } else { "" },
            fields(f)?
        ),
        Body::JsonArray {
            min_items,
            max_items,
            item_fields,
            ..
        } => {
            let bound =
                |n: u64| u32::try_from(n).map_err(|_| format!("array body bound {n} exceeds u32"));
            format!(
                "a{}-{}:{}",
                bound(*min_items)?,
                bound(*max_items)?,
                fields(item_fields)?
            )
        }
        Body::Multipart { fields: f } => format!("m:{}", fields(f)?),
    })
}
