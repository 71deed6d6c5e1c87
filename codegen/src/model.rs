//! The spec's operations read into one model that both emitters (Rust table, TypeScript)
//! use, with every naming and consistency rule checked here, loudly.

use crate::naming::{derive_name, snake};
use crate::spec::{bool_at, get, key_text, seq_at, str_at, Merged, Result, Spec};
use serde_yaml::Value;
use std::collections::BTreeSet;

pub const ARRAY_BODY_KEY: &str = "body";

pub struct Op<'a> {
    pub id: String,
    pub group: String,
    pub name: String,
    /// `Get`, `Post`, ... as in `operation::Method`.
    pub method: &'static str,
    pub path: String,
    pub params: Vec<Param<'a>>,
    pub body: Body<'a>,
    pub response: Response<'a>,
    pub deprecated: bool,
    pub paginated: bool,
    pub summary: Option<&'a str>,
    pub description: Option<&'a str>,
    /// Documented non-2xx statuses, with whether they carry a JSON error body.
    pub errors: Vec<(String, bool)>,
}

pub struct Param<'a> {
    pub name: String,
    pub wire: String,
    pub path: bool,
    pub ty: &'static str,
    pub required: bool,
    pub explode: bool,
    pub allowed: Vec<String>,
    pub deprecated: bool,
    pub description: Option<&'a str>,
    pub schema: &'a Value,
}

pub struct Field<'a> {
    pub name: String,
    pub ty: &'static str,
    pub required: bool,
    pub nullable: bool,
    pub allowed: Vec<String>,
    pub schema: &'a Value,
}

pub enum Body<'a> {
    None,
    Json {
        fields: Vec<Field<'a>>,
        open: bool,
        /// `requestBody.required` is not true: with no field given, nothing is sent.
        optional: bool,
    },
    JsonArray {
        min_items: u64,
        max_items: u64,
        item_fields: Vec<Field<'a>>,
        items: &'a Value,
    },
    Multipart {
        fields: Vec<Field<'a>>,
    },
}

pub struct Response<'a> {
    /// `Json`, `Empty` or `Text`, as in `operation::Response`.
    pub kind: &'static str,
    pub schema: Option<&'a Value>,
}

/// A resource group and its operations, in order of first appearance in the spec.
pub struct Group<'a> {
    pub name: String,
    pub ops: Vec<Op<'a>>,
}

const METHODS: [(&str, &str); 5] = [
    ("get", "Get"),
    ("post", "Post"),
    ("put", "Put"),
    ("patch", "Patch"),
    ("delete", "Delete"),
];

pub fn build(spec: &Spec) -> Result<Vec<Group<'_>>> {
    let paths = get(&spec.root, "paths")
        .and_then(Value::as_mapping)
        .ok_or("the spec has no paths")?;
    let mut groups: Vec<Group> = Vec::new();
    let mut seen = BTreeSet::new();
    for (path, item) in paths {
        let path = path.as_str().ok_or("non-string path")?;
        let shared = seq_at(item, "parameters").map(Vec::as_slice).unwrap_or(&[]);
        // Operations in the document's order within the path item.
        for (verb, raw) in item.as_mapping().into_iter().flatten() {
            let verb = verb.as_str().unwrap_or_default();
            let Some(&(_, method)) = METHODS.iter().find(|(v, _)| *v == verb) else {
                continue;
            };
            let op = operation(spec, path, method, shared, raw)
                .map_err(|e| format!("{} {path}: {e}", verb.to_uppercase()))?;
            if !seen.insert(format!("{}.{}", op.group, op.name)) {
                return Err(format!(
                    "duplicate operation name {}.{} ({})",
                    op.group, op.name, op.id
                ));
            }
            match groups.iter_mut().find(|g| g.name == op.group) {
                Some(g) => g.ops.push(op),
                None => groups.push(Group {
                    name: op.group.clone(),
                    ops: vec![op],
                }),
            }
        }
    }
    Ok(groups)
}

fn operation<'a>(
    spec: &'a Spec,
    path: &str,
    method: &'static str,
    shared: &'a [Value],
    raw: &'a Value,
) -> Result<Op<'a>> {
    let id = str_at(raw, "operationId")
        .ok_or("no operationId")?
        .to_string();
    let (group, name) = match (
        str_at(raw, "x-speakeasy-group"),
        str_at(raw, "x-speakeasy-name-override"),
    ) {
        (Some(g), Some(n)) => (g.to_string(), n.to_string()),
        _ => {
            let tag = seq_at(raw, "tags")
                .and_then(|t| t.first())
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{id}: no x-speakeasy-group and no tag"))?;
            derive_name(tag, &id)?
        }
    };
    let own = seq_at(raw, "parameters").map(Vec::as_slice).unwrap_or(&[]);
    let params = params(spec, shared, own).map_err(|e| format!("{id}: {e}"))?;
    let body = body(spec, raw).map_err(|e| format!("{id}: {e}"))?;
    check_body_names(&params, &body).map_err(|e| format!("{id}: {e}"))?;
    let (response, errors) = responses(spec, raw).map_err(|e| format!("{id}: {e}"))?;
    let has = |n: &str| params.iter().any(|p| !p.path && p.name == n);
    let paginated = has("limit") && has("offset");
    Ok(Op {
        id,
        group,
        name,
        method,
        path: path.to_string(),
        paginated,
        params,
        body,
        response,
        deprecated: bool_at(raw, "deprecated"),
        summary: str_at(raw, "summary"),
        description: str_at(raw, "description"),
        errors,
    })
}

/// Path-level then operation-level parameters (an operation's own replaces a path-level one
/// with the same name and location), normalised to snake_case keys.
fn params<'a>(spec: &'a Spec, shared: &'a [Value], own: &'a [Value]) -> Result<Vec<Param<'a>>> {
    let mut raw: Vec<&Value> = Vec::new();
    for p in shared.iter().chain(own) {
        let p = spec.resolve(p)?;
        let key = |v: &Value| {
            (
                str_at(v, "name").map(str::to_string),
                str_at(v, "in").map(str::to_string),
            )
        };
        match raw.iter_mut().find(|q| key(q) == key(p)) {
            Some(slot) => *slot = p,
            None => raw.push(p),
        }
    }
    let mut out: Vec<Param> = Vec::new();
    for p in &raw {
        let wire = str_at(p, "name").ok_or("parameter without name")?;
        let location = str_at(p, "in").ok_or("parameter without in")?;
        let is_path = match location {
            "path" => true,
            "query" => false,
            other => {
                return Err(format!(
                    "parameter {wire}: location {other} is not supported"
                ))
            }
        };
        let schema = get(p, "schema").ok_or_else(|| format!("parameter {wire} has no schema"))?;
        let m = spec.merged(schema)?;
        let (ty, allowed) = match m.ty {
            Some("array") => {
                let items = spec.merged(
                    m.items
                        .ok_or_else(|| format!("{wire}: array without items"))?,
                )?;
                let ty = match items.ty {
                    Some("integer") => "IntegerArray",
                    Some("string") => "StringArray",
                    other => {
                        return Err(format!(
                            "{wire}: query arrays of {other:?} are not supported"
                        ))
                    }
                };
                (ty, items.string_enum())
            }
            Some("integer") => ("Integer", Vec::new()),
            Some("number") => ("Number", Vec::new()),
            Some("boolean") => ("Boolean", Vec::new()),
            Some("string") => ("String", m.string_enum()),
            other => return Err(format!("{wire}: parameter type {other:?} is not supported")),
        };
        // OpenAPI: path style is `simple`, query style `form`; explode defaults to style == form.
        let style = str_at(p, "style").unwrap_or(if is_path { "simple" } else { "form" });
        let explode = get(p, "explode")
            .and_then(Value::as_bool)
            .unwrap_or(style == "form");
        out.push(Param {
            name: snake(wire),
            wire: wire.to_string(),
            path: is_path,
            ty,
            required: is_path || bool_at(p, "required"),
            explode,
            allowed,
            deprecated: bool_at(p, "deprecated"),
            description: str_at(p, "description"),
            schema,
        });
    }
    // A deprecated camelCase alias of a snake_case parameter (frontendApi / frontend_api) goes.
    let snapshot: Vec<(String, String)> = out
        .iter()
        .map(|p| (p.name.clone(), p.wire.clone()))
        .collect();
    out.retain(|p| {
        let alias = p.deprecated && p.name != p.wire;
        !(alias && snapshot.iter().any(|(n, w)| *n == p.name && *w != p.wire))
    });
    let mut names = BTreeSet::new();
    for p in &out {
        if !names.insert(p.name.as_str()) {
            return Err(format!(
                "two parameters are named {} after normalisation",
                p.name
            ));
        }
    }
    Ok(out)
}

fn body<'a>(spec: &'a Spec, raw: &'a Value) -> Result<Body<'a>> {
    let Some(rb) = get(raw, "requestBody") else {
        return Ok(Body::None);
    };
    let rb = spec.resolve(rb)?;
    let content = get(rb, "content")
        .and_then(Value::as_mapping)
        .ok_or("requestBody without content")?;
    if content.len() != 1 {
        return Err("a request body with several media types is not supported".into());
    }
    let (media, media_obj) = content.iter().next().ok_or("empty content")?;
    let media = media.as_str().unwrap_or_default();
    let schema = get(media_obj, "schema").ok_or("request body without schema")?;
    let m = spec.merged(schema)?;
    match media {
        "application/json" if m.ty == Some("array") => {
            let items = m.items.ok_or("array body without items")?;
            let item = spec.merged(items)?;
            Ok(Body::JsonArray {
                min_items: m.min_items.unwrap_or(0),
                max_items: m.max_items.unwrap_or(u64::from(u32::MAX)),
                item_fields: fields(spec, &item, false)?,
                items,
            })
        }
        "application/json" => Ok(Body::Json {
            fields: fields(spec, &m, false)?,
            open: m.open(),
            optional: !bool_at(rb, "required"),
        }),
        "multipart/form-data" => Ok(Body::Multipart {
            fields: fields(spec, &m, true)?,
        }),
        other => Err(format!("request media type {other} is not supported")),
    }
}

fn fields<'a>(spec: &'a Spec, object: &Merged<'a>, multipart: bool) -> Result<Vec<Field<'a>>> {
    let mut out = Vec::new();
    for &(name, schema) in &object.properties {
        let m = spec.merged(schema)?;
        let ty = match m.ty {
            _ if m.union => "Any",
            Some("string") if multipart && m.format == Some("binary") => "Binary",
            Some("string") => "String",
            Some("integer") => "Integer",
            Some("number") => "Number",
            Some("boolean") => "Boolean",
            Some("object") => "Object",
            Some("array") => "Array",
            None if !m.properties.is_empty() => "Object",
            None => "Any",
            Some(other) => return Err(format!("field {name}: type {other} is not supported")),
        };
        out.push(Field {
            name: name.to_string(),
            ty,
            required: object.required.contains(&name),
            nullable: m.nullable,
            allowed: m.string_enum(),
            schema,
        });
    }
    Ok(out)
}

/// Body keys share the params object with path and query keys, so they must not collide.
fn check_body_names(params: &[Param], body: &Body) -> Result<()> {
    let fields = match body {
        Body::None => return Ok(()),
        Body::JsonArray { .. } => {
            if params.iter().any(|p| p.name == ARRAY_BODY_KEY) {
                return Err(format!(
                    "a parameter is named `{ARRAY_BODY_KEY}`, the key of the array body"
                ));
            }
            return Ok(());
        }
        Body::Json { fields, .. } | Body::Multipart { fields } => fields,
    };
    for f in fields {
        if params.iter().any(|p| p.name == f.name) {
            return Err(format!(
                "body field {} collides with a path/query parameter",
                f.name
            ));
        }
    }
    Ok(())
}

/// The success response (the first 2xx) and the documented error statuses.
fn responses<'a>(spec: &'a Spec, raw: &'a Value) -> Result<(Response<'a>, Vec<(String, bool)>)> {
    let all = get(raw, "responses")
        .and_then(Value::as_mapping)
        .ok_or("no responses")?;
    let mut success = None;
    let mut errors = Vec::new();
    for (code, r) in all {
        let code = key_text(code);
        let r = spec.resolve(r)?;
        let json = get(r, "content")
            .and_then(|c| get(c, "application/json"))
            .and_then(|m| get(m, "schema"));
        let has_content = get(r, "content")
            .and_then(Value::as_mapping)
            .is_some_and(|c| !c.is_empty());
        if code.starts_with('2') {
            if success.is_none() {
                let kind = match (has_content, json) {
                    (_, Some(_)) => "Json",
                    (false, None) if code == "202" || code == "204" => "Empty",
                    _ => "Text",
                };
                success = Some(Response { kind, schema: json });
            }
        } else if code != "default" {
            errors.push((code, json.is_some()));
        }
    }
    let success = success.ok_or("no 2xx response")?;
    Ok((success, errors))
}
