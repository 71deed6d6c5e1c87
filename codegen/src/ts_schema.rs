//! OpenAPI schema → TypeScript type expression, and JSDoc blocks.

use crate::naming::{is_ts_ident, ts_ident};
use crate::spec::{bool_at, get, is_typed, seq_at, str_at, strs_at, Result, Spec};
use serde_yaml::Value;
use std::collections::BTreeMap;

pub const SCHEMA_REF: &str = "#/components/schemas/";

/// How references to `components.schemas` are written in the file being emitted.
pub struct Ts<'a> {
    pub spec: &'a Spec,
    /// Written before a schema's identifier: `S.` in the group files, empty in schemas.d.ts.
    pub prefix: &'a str,
    pub names: BTreeMap<String, String>,
}

impl<'a> Ts<'a> {
    /// Every `components.schemas` key and its identifier; two keys with one identifier fail.
    pub fn new(spec: &'a Spec, prefix: &'a str) -> Result<Ts<'a>> {
        let mut names = BTreeMap::new();
        let mut taken = BTreeMap::new();
        if let Some(schemas) = get(&spec.root, "components")
            .and_then(|c| get(c, "schemas"))
            .and_then(Value::as_mapping)
        {
            for k in schemas.keys() {
                let k = k.as_str().ok_or("non-string schema name")?;
                let id = ts_ident(k);
                if let Some(other) = taken.insert(id.clone(), k.to_string()) {
                    return Err(format!(
                        "schemas {other} and {k} both become the identifier {id}"
                    ));
                }
                names.insert(k.to_string(), id);
            }
        }
        Ok(Ts {
            spec,
            prefix,
            names,
        })
    }

    /// The TypeScript type of `schema`, laid out for a line indented by `indent` levels.
    pub fn ty(&self, schema: &Value, indent: usize) -> Result<String> {
        if let Some(r) = str_at(schema, "$ref") {
            if let Some(name) = r.strip_prefix(SCHEMA_REF) {
                let id = self
                    .names
                    .get(name)
                    .ok_or_else(|| format!("unknown schema {name}"))?;
                return Ok(format!("{}{id}", self.prefix));
            }
            return self.ty(self.spec.resolve(schema)?, indent);
        }
        let core = self.core(schema, indent)?;
        if bool_at(schema, "nullable") && core != "unknown" && core != "null" {
            return Ok(format!("{core} | null"));
        }
        Ok(core)
    }

    fn core(&self, s: &Value, indent: usize) -> Result<String> {
        if let Some(values) = seq_at(s, "enum") {
            let mut lits: Vec<String> = values.iter().map(literal).collect();
            if get(s, "x-speakeasy-unknown-values").is_some() {
                lits.push("(string & {})".into());
            }
            return Ok(lits.join(" | "));
        }
        if let Some(parts) = seq_at(s, "allOf") {
            let mut types = Vec::new();
            for p in parts {
                types.push(self.ty(p, indent)?);
            }
            if get(s, "properties").is_some() {
                types.push(self.object(s, indent)?);
            }
            return Ok(match types.len() {
                1 => types.remove(0),
                _ => types
                    .iter()
                    .map(|t| paren(t))
                    .collect::<Vec<_>>()
                    .join(" & "),
            });
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(alts) = seq_at(s, key) {
                let alts: Vec<&Value> = alts.iter().filter(|a| is_typed(a)).collect();
                if !alts.is_empty() {
                    let mut types = Vec::new();
                    for a in alts {
                        let t = paren(&self.ty(a, indent)?);
                        if !types.contains(&t) {
                            types.push(t);
                        }
                    }
                    return Ok(types.join(" | "));
                }
            }
        }
        Ok(match str_at(s, "type") {
            Some("string") => "string".into(),
            Some("integer") | Some("number") => "number".into(),
            Some("boolean") => "boolean".into(),
            Some("array") => match get(s, "items") {
                Some(items) => array_of(&self.ty(items, indent)?),
                None => "unknown[]".into(),
            },
            Some("object") => self.object(s, indent)?,
            None if get(s, "properties").is_some() || get(s, "additionalProperties").is_some() => {
                self.object(s, indent)?
            }
            _ => "unknown".into(),
        })
    }

    /// An object literal type; properties get their JSDoc.
    pub fn object(&self, s: &Value, indent: usize) -> Result<String> {
        if get(s, "properties")
            .and_then(Value::as_mapping)
            .is_none_or(|p| p.is_empty())
        {
            return Ok(match get(s, "additionalProperties") {
                Some(Value::Bool(false)) => "Record<string, never>".into(),
                Some(v @ Value::Mapping(_)) if is_typed(v) => {
                    format!("Record<string, {}>", self.ty(v, indent)?)
                }
                _ => "Record<string, unknown>".into(),
            });
        }
        let members = self.members(s, indent + 1)?;
        Ok(format!("{{\n{}{}}}", members, pad(indent)))
    }

    /// The lines of an object type's body (properties, then the index signature), each
    /// indented by `indent` levels and ending in a newline.
    pub fn members(&self, s: &Value, indent: usize) -> Result<String> {
        let mut out = String::new();
        let required = strs_at(s, "required");
        let props = get(s, "properties").and_then(Value::as_mapping);
        for (k, v) in props.into_iter().flatten() {
            let name = k.as_str().ok_or("non-string property name")?;
            out.push_str(&self.property(name, v, required.contains(&name), indent)?);
        }
        let index = match get(s, "additionalProperties") {
            Some(Value::Bool(false)) => None,
            // With listed properties a typed index signature would have to admit them too.
            Some(v @ Value::Mapping(_)) if props.is_none() && is_typed(v) => {
                Some(self.ty(v, indent)?)
            }
            Some(_) => Some("unknown".to_string()),
            None if props.is_none() => Some("unknown".to_string()),
            None => None,
        };
        if let Some(t) = index {
            out.push_str(&format!("{}[key: string]: {t};\n", pad(indent)));
        }
        Ok(out)
    }

    /// One property line with its JSDoc.
    pub fn property(
        &self,
        name: &str,
        schema: &Value,
        required: bool,
        indent: usize,
    ) -> Result<String> {
        let resolved = if str_at(schema, "$ref").is_some() {
            None
        } else {
            Some(schema)
        };
        let mut doc = Vec::new();
        if let Some(d) = resolved.and_then(|s| str_at(s, "description")) {
            doc.push(d.to_string());
        }
        if resolved.is_some_and(|s| bool_at(s, "deprecated")) {
            doc.push("@deprecated".into());
        }
        let key = if is_ts_ident(name) {
            name.to_string()
        } else {
            quote(name)
        };
        let opt = if required { "" } else { "?" };
        Ok(format!(
            "{}{}{key}{opt}: {};\n",
            jsdoc(&doc, indent),
            pad(indent),
            self.ty(schema, indent)?
        ))
    }
}

pub fn pad(indent: usize) -> String {
    "  ".repeat(indent)
}

/// A JSDoc block from paragraphs (each may span lines); empty when there is nothing to say.
pub fn jsdoc(paragraphs: &[String], indent: usize) -> String {
    let lines: Vec<String> = paragraphs
        .iter()
        .flat_map(|p| {
            let p = p.trim_end();
            // An empty paragraph is a blank separator line.
            if p.is_empty() {
                return vec![String::new()];
            }
            p.lines()
                .map(|l| l.trim_end().replace("*/", "*\\/"))
                .collect::<Vec<_>>()
        })
        .collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |e| e + 1);
    let lines = &lines[start..end];
    let p = pad(indent);
    match lines {
        [] => String::new(),
        [one] if !one.is_empty() => format!("{p}/** {one} */\n"),
        _ => {
            let mut out = format!("{p}/**\n");
            for l in lines {
                if l.is_empty() {
                    out.push_str(&format!("{p} *\n"));
                } else {
                    out.push_str(&format!("{p} * {l}\n"));
                }
            }
            out.push_str(&format!("{p} */\n"));
            out
        }
    }
}

/// A string in double quotes with JSON escapes (valid TypeScript).
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn literal(v: &Value) -> String {
    match v {
        Value::String(s) => quote(s),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Null => "null".into(),
        _ => "unknown".into(),
    }
}

/// Whether `t` has a top-level `|` or `&`: outside brackets, string literals and comments.
fn is_compound(t: &str) -> bool {
    let b = t.as_bytes();
    let mut depth = 0i32;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = t[i + 2..].find("*/").map_or(b.len(), |end| i + 2 + end + 1);
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'(' | b'[' | b'<' => depth += 1,
            b'}' | b')' | b']' | b'>' => depth -= 1,
            b'|' | b'&' if depth == 0 => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

pub fn paren(t: &str) -> String {
    if is_compound(t) {
        format!("({t})")
    } else {
        t.to_string()
    }
}

/// `T[]` for a simple `T`, `Array<T>` otherwise (unions, object literals).
pub fn array_of(t: &str) -> String {
    if is_compound(t) || t.contains('\n') || t.contains('{') {
        format!("Array<{t}>")
    } else {
        format!("{t}[]")
    }
}
