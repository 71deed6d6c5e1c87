//! Reading the OpenAPI document: local `$ref` resolution and `allOf` merging.
//!
//! Everything works on `serde_yaml::Value`, whose mappings keep the document's order, so
//! output that follows the spec is deterministic without sorting.

use serde_yaml::Value;

pub type Result<T> = std::result::Result<T, String>;

pub struct Spec {
    pub root: Value,
}

impl Spec {
    pub fn load(path: &str) -> Result<Spec> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        Spec::parse(&text).map_err(|e| format!("{path}: {e}"))
    }

    pub fn parse(text: &str) -> Result<Spec> {
        let root: Value = serde_yaml::from_str(text).map_err(|e| format!("invalid YAML: {e}"))?;
        Ok(Spec { root })
    }

    /// The node a local reference (`#/components/schemas/User`) points at.
    pub fn pointer(&self, reference: &str) -> Result<&Value> {
        let path = reference
            .strip_prefix("#/")
            .ok_or_else(|| format!("only local $ref are supported: {reference}"))?;
        let mut node = &self.root;
        for part in path.split('/') {
            let part = part.replace("~1", "/").replace("~0", "~");
            node = get(node, &part).ok_or_else(|| format!("dangling $ref {reference}"))?;
        }
        Ok(node)
    }

    /// Follows `$ref` until a node that is not a reference.
    pub fn resolve<'a>(&'a self, mut node: &'a Value) -> Result<&'a Value> {
        for _ in 0..32 {
            match str_at(node, "$ref") {
                Some(r) => node = self.pointer(r)?,
                None => return Ok(node),
            }
        }
        Err("$ref chain too long (cycle?)".into())
    }

    /// The schema with `$ref` resolved and `allOf` members folded in.
    pub fn merged<'a>(&'a self, schema: &'a Value) -> Result<Merged<'a>> {
        let mut m = Merged::default();
        self.merge_into(schema, &mut m, 0)?;
        Ok(m)
    }

    fn merge_into<'a>(&'a self, schema: &'a Value, m: &mut Merged<'a>, depth: u32) -> Result<()> {
        if depth > 16 {
            return Err("allOf nesting too deep (cycle?)".into());
        }
        let s = self.resolve(schema)?;
        if let Some(parts) = seq_at(s, "allOf") {
            for part in parts {
                self.merge_into(part, m, depth + 1)?;
            }
        }
        if let Some(t) = str_at(s, "type") {
            m.ty = Some(t);
        }
        if let Some(f) = str_at(s, "format") {
            m.format = Some(f);
        }
        m.nullable |= bool_at(s, "nullable");
        m.deprecated |= bool_at(s, "deprecated");
        // The outer schema is merged after its `allOf` parts, so its description wins.
        if let Some(d) = str_at(s, "description") {
            m.description = Some(d);
        }
        if let Some(props) = get(s, "properties").and_then(Value::as_mapping) {
            for (k, v) in props {
                let k = k.as_str().ok_or("non-string property name")?;
                match m.properties.iter_mut().find(|(n, _)| *n == k) {
                    Some(slot) => slot.1 = v,
                    None => m.properties.push((k, v)),
                }
            }
        }
        for r in strs_at(s, "required") {
            if !m.required.contains(&r) {
                m.required.push(r);
            }
        }
        if let Some(a) = get(s, "additionalProperties") {
            m.additional = Some(a);
        }
        if let Some(e) = seq_at(s, "enum") {
            m.enum_values = Some(e);
        }
        if let Some(i) = get(s, "items") {
            m.items = Some(i);
        }
        if let Some(n) = get(s, "minItems").and_then(Value::as_u64) {
            m.min_items = Some(n);
        }
        if let Some(n) = get(s, "maxItems").and_then(Value::as_u64) {
            m.max_items = Some(n);
        }
        for key in ["oneOf", "anyOf"] {
            if seq_at(s, key).is_some_and(|alts| alts.iter().any(is_typed)) {
                m.union = true;
            }
        }
        Ok(())
    }
}

/// A schema flattened through `$ref` and `allOf`.
#[derive(Default)]
pub struct Merged<'a> {
    pub ty: Option<&'a str>,
    pub format: Option<&'a str>,
    pub nullable: bool,
    pub deprecated: bool,
    pub description: Option<&'a str>,
    pub properties: Vec<(&'a str, &'a Value)>,
    pub required: Vec<&'a str>,
    /// `additionalProperties` as written; `None` when absent.
    pub additional: Option<&'a Value>,
    pub enum_values: Option<&'a Vec<Value>>,
    pub items: Option<&'a Value>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    /// Has a `oneOf`/`anyOf` of real alternatives (not only `required` constraints).
    pub union: bool,
}

impl Merged<'_> {
    /// The object accepts properties it does not list (`additionalProperties` is not `false`).
    pub fn open(&self) -> bool {
        !matches!(self.additional, Some(Value::Bool(false)))
    }

    /// String values of a string enum (other enums restrict nothing the table can check).
    pub fn string_enum(&self) -> Vec<String> {
        match self.enum_values {
            Some(values) if self.ty == Some("string") => values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A `oneOf`/`anyOf` member that describes a value, unlike `{required: [a]}` alone.
pub fn is_typed(v: &Value) -> bool {
    [
        "$ref",
        "type",
        "properties",
        "enum",
        "allOf",
        "oneOf",
        "anyOf",
        "items",
    ]
    .iter()
    .any(|k| get(v, k).is_some())
}

pub fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_mapping()?.get(key)
}

pub fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    get(v, key)?.as_str()
}

pub fn bool_at(v: &Value, key: &str) -> bool {
    get(v, key).and_then(Value::as_bool).unwrap_or(false)
}

pub fn seq_at<'a>(v: &'a Value, key: &str) -> Option<&'a Vec<Value>> {
    get(v, key)?.as_sequence()
}

pub fn strs_at<'a>(v: &'a Value, key: &str) -> Vec<&'a str> {
    seq_at(v, key)
        .map(|s| s.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// A mapping key as text (YAML may read `200:` as a number).
pub fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}
