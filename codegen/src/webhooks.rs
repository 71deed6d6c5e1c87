//! Emits `pkg/types/webhooks.d.ts` from the webhooks spec: its component schemas in the
//! `WebhookPayloads` namespace, one interface per event, and the `WebhookEvent` union.
//!
//! Events are read from `webhooks:` (OpenAPI 3.1) or `x-webhooks:` (3.0 extension); each is
//! an operation whose JSON request body is the event: `allOf` of the common envelope
//! (`$ref`) and the event's `data`.

use crate::naming::{upper_first, words};
use crate::spec::{get, seq_at, str_at, strs_at, Result, Spec};
use crate::ts_out::{declarations, header, schema_ref, Aliases};
use crate::ts_schema::{jsdoc, quote, Ts};
use serde_yaml::Value;
use std::fmt::Write;

const NS: &str = "WebhookPayloads";

pub fn webhooks_file(spec_name: &str, spec: &Spec, api: &Spec) -> Result<String> {
    let events = get(&spec.root, "webhooks")
        .or_else(|| get(&spec.root, "x-webhooks"))
        .and_then(Value::as_mapping)
        .ok_or("the webhooks spec has no webhooks")?;
    let inner = Ts::new(spec, "")?;
    let outer = Ts::new(spec, "WebhookPayloads.")?;
    let mut out = format!("// Webhook events: {}", &header(spec_name)[3..]);
    let _ = write!(
        out,
        "//\n// The payload schemas are in the `{NS}` namespace, named as in schemas.d.ts.\n\n\
         // Schemas identical to the API spec's (with everything they reference) are aliases of\n\
         // the types in schemas.d.ts.\n\
         import type * as Api from \"./schemas.js\";\n\n\
         /** The webhook spec's component schemas. */\nexport declare namespace {NS} {{"
    );
    let aliases = Aliases {
        names: shared_schemas(spec, api),
        prefix: "Api.",
    };
    declarations(&inner, &mut out, 1, &aliases)?;
    out.push_str("}\n");

    let mut union = Vec::new();
    for (name, item) in events {
        let name = name.as_str().ok_or("non-string event name")?;
        let op = get(item, "post").ok_or_else(|| format!("event {name} has no post"))?;
        let schema = get(op, "requestBody")
            .and_then(|b| get(b, "content"))
            .and_then(|c| get(c, "application/json"))
            .and_then(|m| get(m, "schema"))
            .ok_or_else(|| format!("event {name} has no JSON body"))?;
        let id = event_ident(name);
        let (extends, props, required) =
            split(spec, schema).map_err(|e| format!("event {name}: {e}"))?;
        let doc: Vec<String> = str_at(op, "description")
            .map(|d| format!("`{name}`: {d}"))
            .into_iter()
            .collect();
        out.push('\n');
        out.push_str(&jsdoc(&doc, 0));
        let ext: Vec<String> = extends
            .iter()
            .map(|e| format!("{}{}", outer.prefix, outer.names[*e]))
            .collect();
        let ext = if ext.is_empty() {
            String::new()
        } else {
            format!(" extends {}", ext.join(", "))
        };
        let _ = writeln!(
            out,
            "export interface {id}{ext} {{\n  type: {};",
            quote(name)
        );
        for (prop, s) in props {
            if prop != "type" {
                out.push_str(&outer.property(prop, s, required.contains(&prop), 1)?);
            }
        }
        out.push_str("}\n");
        union.push(id);
    }
    out.push_str(
        "\n/** Every webhook event, discriminated by `type`. */\nexport type WebhookEvent =\n",
    );
    for id in &union {
        let _ = writeln!(out, "  | {id}");
    }
    out.truncate(out.trim_end().len());
    out.push_str(";\n\nexport type WebhookEventType = WebhookEvent[\"type\"];\n");
    Ok(out)
}

type Parts<'a> = (Vec<&'a str>, Vec<(&'a str, &'a Value)>, Vec<&'a str>);

/// The schemas an event extends (`allOf` references) and its own properties and required list.
fn split<'a>(spec: &'a Spec, schema: &'a Value) -> Result<Parts<'a>> {
    let mut extends = Vec::new();
    let mut props = Vec::new();
    let mut required = strs_at(schema, "required");
    let mut own = vec![schema];
    for part in seq_at(schema, "allOf").into_iter().flatten() {
        match schema_ref(part) {
            Some(name) => extends.push(name),
            None => own.push(spec.resolve(part)?),
        }
    }
    for s in own {
        required.extend(strs_at(s, "required"));
        for (k, v) in get(s, "properties")
            .and_then(Value::as_mapping)
            .into_iter()
            .flatten()
        {
            props.push((k.as_str().ok_or("non-string property")?, v));
        }
    }
    Ok((extends, props, required))
}

/// `subscriptionItem.freeTrialEnding` → `SubscriptionItemFreeTrialEndingEvent`.
/// The component schemas that are the same in both specs, including every schema they
/// reference (a fixpoint: a schema whose reference differs is not the same type).
pub(crate) fn shared_schemas(hooks: &Spec, api: &Spec) -> std::collections::BTreeSet<String> {
    let schemas = |s: &Spec| {
        get(&s.root, "components")
            .and_then(|c| get(c, "schemas"))
            .and_then(Value::as_mapping)
            .cloned()
            .unwrap_or_default()
    };
    let (mine, theirs) = (schemas(hooks), schemas(api));
    let mut shared: std::collections::BTreeSet<String> = mine
        .iter()
        .filter(|(k, v)| theirs.get(*k) == Some(*v))
        .filter_map(|(k, _)| k.as_str().map(str::to_string))
        .collect();
    loop {
        let before = shared.len();
        let keep: Vec<String> = shared
            .iter()
            .filter(|k| {
                let mut refs = Vec::new();
                collect_refs(&mine[k.as_str()], &mut refs);
                refs.iter().all(|r| shared.contains(r))
            })
            .cloned()
            .collect();
        shared = keep.into_iter().collect();
        if shared.len() == before {
            return shared;
        }
    }
}

/// Names of the component schemas `v` references.
fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Mapping(m) => {
            for (k, v) in m {
                match (k.as_str(), v.as_str()) {
                    (Some("$ref"), Some(r)) => {
                        if let Some(name) = r.strip_prefix(crate::ts_schema::SCHEMA_REF) {
                            out.push(name.to_string());
                        }
                    }
                    _ => collect_refs(v, out),
                }
            }
        }
        Value::Sequence(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

pub fn event_ident(name: &str) -> String {
    let ws: String = words(name).iter().map(|w| upper_first(w)).collect();
    format!("{ws}Event")
}
