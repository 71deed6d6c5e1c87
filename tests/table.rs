//! The generated operation table (src/generated/, from codegen/) is consistent with the spec
//! facts the transport relies on. It is read the way the client reads it: text lines decoded
//! by `clerk_edge::table`.

use clerk_edge::generated::{DefaultRetry, API_VERSION, DEFAULT_RETRY, GROUPS, SERVERS};
use clerk_edge::operation::{Body, Location, Method, Operation, Ty, ARRAY_BODY_KEY};
use clerk_edge::table;
use std::collections::BTreeSet;

/// Every operation, decoded through `table::operation` (the client's path), in index order.
fn all() -> Vec<&'static Operation> {
    let ops: Vec<&'static Operation> = (0..).map_while(table::operation).collect();
    assert_eq!(ops.len(), table::lines().count(), "a line did not decode");
    ops
}

fn placeholders(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect()
}

#[test]
fn has_every_operation_of_the_spec_once() {
    let ops = all();
    assert_eq!(ops.len(), 249);
    let names: BTreeSet<String> = ops
        .iter()
        .map(|o| format!("{}.{}", o.group, o.name))
        .collect();
    assert_eq!(names.len(), 249, "group.name pairs must be unique");
    let ids: BTreeSet<&str> = ops.iter().map(|o| o.id).collect();
    assert_eq!(ids.len(), 249, "operationIds must be unique");
}

#[test]
fn each_group_text_holds_one_group() {
    let mut seen = BTreeSet::new();
    let mut index = 0;
    for text in GROUPS {
        let ops: Vec<Operation> = text
            .lines()
            .map(|l| table::decode(l).unwrap_or_else(|| panic!("does not decode: {l}")))
            .collect();
        assert!(!ops.is_empty());
        let group = ops[0].group;
        assert!(ops.iter().all(|o| o.group == group), "{group} is split");
        assert!(seen.insert(group), "{group} appears twice");
        // The flat index is the position in the concatenation of the groups' lines.
        for op in &ops {
            assert_eq!(table::operation(index).map(|o| o.id), Some(op.id));
            index += 1;
        }
    }
    assert!(table::operation(index).is_none());
}

#[test]
fn every_line_is_one_well_formed_operation() {
    for line in table::lines() {
        assert_eq!(line.split(' ').count(), 8, "{line}");
        assert!(!line.contains(['\n', '\r', '\t']), "{line}");
        assert!(table::decode(line).is_some(), "{line}");
    }
}

#[test]
fn enum_values_survive_the_text_format() {
    let ops = all();
    let find = |id: &str| *ops.iter().find(|o| o.id == id).unwrap();
    let Body::Json { fields, .. } = &find("UpdateInstance").body else {
        panic!("UpdateInstance has a JSON body")
    };
    let strategy = fields
        .iter()
        .find(|f| f.name == "preferred_sign_in_strategy_when_password_required")
        .unwrap();
    assert_eq!(strategy.allowed, ["password", "otp", ""], "'' clears it");
    assert!(strategy.nullable);
    let status = find("ListInvitations")
        .params
        .iter()
        .find(|p| p.name == "status")
        .unwrap();
    assert_eq!(
        status.allowed,
        ["pending", "accepted", "revoked", "expired"]
    );
}

#[test]
fn path_placeholders_and_path_params_match() {
    for op in all() {
        let holes = placeholders(op.path);
        for h in &holes {
            let p = op.params.iter().find(|p| p.wire == *h);
            let p = p.unwrap_or_else(|| panic!("{}: no param for {{{h}}}", op.id));
            assert_eq!(p.location, Location::Path, "{}: {h}", op.id);
            assert!(p.required, "{}: path param {h} must be required", op.id);
        }
        for p in op.params.iter().filter(|p| p.location == Location::Path) {
            assert!(
                holes.contains(&p.wire),
                "{}: path param {} not in {}",
                op.id,
                p.wire,
                op.path
            );
        }
    }
}

#[test]
fn param_and_body_keys_are_snake_case_and_distinct() {
    for op in all() {
        let mut keys = BTreeSet::new();
        for p in op.params {
            assert!(
                !p.name.chars().any(|c| c.is_ascii_uppercase()),
                "{}: {}",
                op.id,
                p.name
            );
            assert!(keys.insert(p.name), "{}: {} twice", op.id, p.name);
            if p.location == Location::Path {
                assert_eq!(p.ty, Ty::String, "{}: {}", op.id, p.name);
            }
        }
        match &op.body {
            Body::Json { fields, .. } | Body::Multipart { fields } => {
                for f in *fields {
                    assert!(
                        keys.insert(f.name),
                        "{}: body field {} collides",
                        op.id,
                        f.name
                    );
                }
            }
            Body::JsonArray {
                min_items,
                max_items,
                item_fields,
            } => {
                assert!(!keys.contains(ARRAY_BODY_KEY), "{}", op.id);
                assert!(
                    min_items <= max_items && !item_fields.is_empty(),
                    "{}",
                    op.id
                );
            }
            Body::None => {}
        }
    }
}

#[test]
fn camel_case_wire_names_are_normalised_and_the_alias_dropped() {
    let ops = all();
    let find = |id: &str| *ops.iter().find(|o| o.id == id).unwrap();
    let key = find("getApiKey")
        .params
        .iter()
        .find(|p| p.wire == "apiKeyID")
        .unwrap();
    assert_eq!(key.name, "api_key_id");
    let stmt = find("GetBillingStatement")
        .params
        .iter()
        .find(|p| p.wire == "statementID")
        .unwrap();
    assert_eq!(stmt.name, "statement_id");
    let interstitial = find("GetPublicInterstitial");
    assert!(interstitial.params.iter().all(|p| p.wire != "frontendApi"));
    assert!(interstitial.params.iter().any(|p| p.wire == "frontend_api"));
}

#[test]
fn pagination_follows_limit_and_offset() {
    for op in all() {
        let q = |n: &str| {
            op.params
                .iter()
                .any(|p| p.location == Location::Query && p.name == n)
        };
        assert_eq!(op.paginated, q("limit") && q("offset"), "{}", op.id);
    }
    let users = all()
        .into_iter()
        .find(|o| o.group == "users" && o.name == "list")
        .unwrap();
    assert!(users.paginated);
}

#[test]
fn bodies_and_responses_have_the_spec_shapes() {
    let ops = all();
    let count = |f: &dyn Fn(&Operation) -> bool| ops.iter().filter(|o| f(o)).count();
    assert_eq!(count(&|o| matches!(o.body, Body::Multipart { .. })), 3);
    assert_eq!(count(&|o| matches!(o.body, Body::JsonArray { .. })), 3);
    assert_eq!(count(&|o| matches!(o.body, Body::Json { .. })), 105);
    for op in &ops {
        if let Body::Multipart { fields } = &op.body {
            let file = fields.iter().find(|f| f.name == "file").unwrap();
            assert_eq!(file.ty, Ty::Binary, "{}", op.id);
        }
    }
    use clerk_edge::operation::Response;
    assert_eq!(count(&|o| o.response == Response::Empty), 5);
    assert_eq!(count(&|o| o.response == Response::Text), 1);
    let bulk = ops
        .iter()
        .find(|o| o.id == "CreateBulkInvitations")
        .unwrap();
    assert!(matches!(
        bulk.body,
        Body::JsonArray {
            min_items: 1,
            max_items: 10,
            ..
        }
    ));
}

#[test]
fn the_twelve_derived_names() {
    let ops = all();
    let name = |id: &str| {
        let o = ops.iter().find(|o| o.id == id).unwrap();
        format!("{}.{}", o.group, o.name)
    };
    assert_eq!(name("getApiKeys"), "apiKeys.list");
    assert_eq!(name("getApiKeySecret"), "apiKeys.getSecret");
    assert_eq!(
        name("GetInstanceProtect"),
        "instanceSettings.getInstanceProtect"
    );
    assert_eq!(
        name("revokeAdminPortalLinkToken"),
        "adminPortalLinkTokens.revoke"
    );
}

#[test]
fn document_level_facts() {
    assert_eq!(API_VERSION, "2026-05-12");
    assert_eq!(SERVERS, ["https://api.clerk.com/v1"]);
    let expected = DefaultRetry {
        initial_interval_ms: 500,
        max_interval_ms: 60_000,
        max_elapsed_ms: 3_600_000,
        exponent: 1.5,
        retry_5xx: true,
        retry_connection_errors: true,
    };
    assert_eq!(DEFAULT_RETRY, expected);
}

#[test]
fn operations_the_auth_layer_calls_are_found_by_id() {
    // src/auth/bapi.rs sends these through the transport by operationId.
    for (id, path, method) in [
        ("GetJWKS", "/jwks", Method::Get),
        ("verifyApiKey", "/api_keys/verify", Method::Post),
        ("verifyM2MToken", "/m2m_tokens/verify", Method::Post),
        (
            "verifyOAuthAccessToken",
            "/oauth_applications/access_tokens/verify",
            Method::Post,
        ),
    ] {
        let op = table::by_id(id).unwrap_or_else(|| panic!("{id} is in the table"));
        assert_eq!((op.id, op.path, op.method), (id, path, method));
    }
    assert!(table::by_id("noSuchOperation").is_none());
}
