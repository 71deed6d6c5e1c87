//! Replays the differential corpus through the pure flow: `node tests/auth-flow/replay.mjs`
//! writes every scenario with the answers its host calls need, recorded from @clerk/backend
//! (verifyToken per token, the mock Backend API's responses), runs this test, and compares what
//! it writes with the incumbent's records, field by field, as the suite does for the built
//! package. Ignored in a plain `cargo test`: it needs the recorded file, which replay.mjs makes
//! (and passes as CLERK_FLOW_REPLAY).

use serde_json::{json, Map, Value};

use super::auth_object::token_call;
use super::authenticate::authenticate;
use super::authorization::{Asked, HasQuery, Reverification};
use super::config::{Options, OrganizationSyncOptions, Prepared};
use super::context::Request;
use super::host::{ApiCall, ApiError, Claims, Host, MachineFailure, TokenFailure};
use super::state::{AuthView, Outcome, Principal};
use super::testing::{block_on, parse_url, regex_exec};
use super::url::Url;
use crate::auth::reason::Reason;
use crate::auth::token_kind::{Accepts, TokenType};

struct ReplayHost<'a> {
    now_ms: f64,
    sessions: &'a Map<String, Value>,
    handshakes: &'a Map<String, Value>,
    machines: &'a Map<String, Value>,
    api: &'a Map<String, Value>,
    calls: std::cell::RefCell<Vec<Value>>,
}

fn failure(v: &Value) -> TokenFailure {
    let reason = v["reason"].as_str().unwrap_or("");
    TokenFailure::new(
        Reason::from_verification(reason).unwrap_or(Reason::UnexpectedError),
        v["message"].as_str().unwrap_or(""),
    )
}

fn answer(table: &Map<String, Value>, token: &str) -> Result<Claims, TokenFailure> {
    match table.get(token) {
        Some(v) if v.get("ok").is_some() => Ok(v["ok"].as_object().cloned().unwrap_or_default()),
        Some(v) => Err(failure(&v["err"])),
        None => Err(TokenFailure::new(Reason::TokenInvalid, "not recorded")),
    }
}

impl Host for ReplayHost<'_> {
    type Machine = Value;

    fn now_ms(&self) -> f64 {
        self.now_ms
    }

    fn parse_url(&self, input: &str, base: Option<&str>) -> Option<Url> {
        parse_url(input, base)
    }

    fn regex_exec(&self, source: &str, input: &str) -> Result<Option<Vec<Option<String>>>, String> {
        regex_exec(source, input)
    }

    async fn verify_session(&self, token: &str) -> Result<Claims, TokenFailure> {
        answer(self.sessions, token)
    }

    async fn verify_handshake(&self, token: &str) -> Result<Claims, TokenFailure> {
        answer(self.handshakes, token)
    }

    async fn verify_machine(&self, token: &str, _: TokenType) -> Result<Value, MachineFailure> {
        match self.machines.get(token) {
            Some(v) if v.get("ok").is_some() => Ok(v["ok"].clone()),
            Some(v) => Err(MachineFailure {
                reason: Reason::from_verification(v["err"]["reason"].as_str().unwrap_or(""))
                    .unwrap_or(Reason::UnexpectedError),
                full_message: v["err"]["message"].as_str().unwrap_or("").to_string(),
            }),
            None => Err(MachineFailure {
                reason: Reason::UnexpectedError,
                full_message: String::new(),
            }),
        }
    }

    async fn call(&self, call: &ApiCall) -> Result<Value, ApiError> {
        let mut query: Vec<(String, String)> = call
            .query
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        query.sort();
        let q = super::url::serialize_query(&query);
        let key = format!(
            "{} {}{}",
            call.method().as_str(),
            call.encoded_path(),
            if q.is_empty() {
                String::new()
            } else {
                format!("?{q}")
            }
        );
        self.calls.borrow_mut().push(json!({ "method": call.method().as_str(), "path": call.encoded_path(), "query": query, "body": call.body }));
        match self.api.get(&key) {
            Some(v) if v.get("network").is_some() => Err(ApiError::Network),
            Some(v) => {
                let status = v["status"].as_u64().unwrap_or(500) as u16;
                if (200..300).contains(&status) {
                    Ok(v["body"].clone())
                } else {
                    let code = v["body"]["errors"][0]["code"].as_str().map(str::to_string);
                    Err(ApiError::Response { status, code })
                }
            }
            None => Err(ApiError::Response {
                status: 404,
                code: Some("resource_not_found".into()),
            }),
        }
    }
}

fn string(o: &Value, k: &str) -> String {
    o.get(k).and_then(Value::as_str).unwrap_or("").to_string()
}

fn options(o: &Value) -> Options {
    let accepts = match o.get("acceptsToken") {
        None => Accepts::default(),
        Some(Value::String(s)) if s == "any" => Accepts::Any,
        Some(Value::String(s)) => {
            Accepts::One(TokenType::parse(s).unwrap_or(TokenType::SessionToken))
        }
        Some(Value::Array(a)) => Accepts::Many(
            a.iter()
                .filter_map(|t| t.as_str().and_then(TokenType::parse))
                .collect(),
        ),
        Some(_) => Accepts::default(),
    };
    let patterns = |v: &Value, k: &str| {
        v.get(k).and_then(Value::as_array).map(|a| {
            a.iter()
                .filter_map(|p| p.as_str().map(str::to_string))
                .collect()
        })
    };
    Options {
        publishable_key: string(o, "publishableKey"),
        secret_key: string(o, "secretKey"),
        machine_secret_key: string(o, "machineSecretKey"),
        proxy_url: string(o, "proxyUrl"),
        domain: string(o, "domain"),
        is_satellite: o
            .get("isSatellite")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        sign_in_url: string(o, "signInUrl"),
        sign_up_url: string(o, "signUpUrl"),
        after_sign_in_url: string(o, "afterSignInUrl"),
        after_sign_up_url: string(o, "afterSignUpUrl"),
        satellite_auto_sync: o
            .get("satelliteAutoSync")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        accepts_token: accepts,
        organization_sync: o
            .get("organizationSyncOptions")
            .map(|s| OrganizationSyncOptions {
                organization_patterns: patterns(s, "organizationPatterns"),
                personal_account_patterns: patterns(s, "personalAccountPatterns"),
            }),
        debug_options: o
            .get("jwtKey")
            .map(|k| [("jwtKey".to_string(), k.clone())].into_iter().collect())
            .unwrap_or_default(),
    }
}

fn has_query(q: &Value) -> HasQuery {
    let s = |k: &str| match q.get(k) {
        None => Asked::No,
        Some(Value::String(v)) => Asked::Yes(v.clone()),
        Some(_) => Asked::Invalid,
    };
    HasQuery {
        role: s("role"),
        permission: s("permission"),
        feature: s("feature"),
        plan: s("plan"),
        reverification: match q.get("reverification") {
            None => Asked::No,
            Some(Value::String(v)) => Asked::Yes(Reverification::Preset(v.clone())),
            Some(Value::Object(m)) => Asked::Yes(Reverification::Custom {
                level: m.get("level").and_then(Value::as_str).map(str::to_string),
                after_minutes: m.get("afterMinutes").and_then(Value::as_f64),
            }),
            Some(_) => Asked::Invalid,
        },
    }
}

fn opt(v: &Option<Value>) -> Value {
    v.clone().unwrap_or_else(|| json!("$undefined"))
}

/// The auth object's fields, as observe.mjs reads them.
fn auth_fields(view: &AuthView<'_, Value>) -> Value {
    let null_fields = |t: TokenType, extra: &[&str]| {
        let mut m = Map::new();
        m.insert("tokenType".into(), json!(t.as_str()));
        m.insert("isAuthenticated".into(), json!(false));
        for k in extra {
            m.insert(k.to_string(), Value::Null);
        }
        Value::Object(m)
    };
    match view {
        AuthView::Null => Value::Null,
        AuthView::InvalidToken => json!({ "tokenType": null, "isAuthenticated": false }),
        AuthView::Session(a) => json!({
            "tokenType": "session_token", "isAuthenticated": true, "userId": opt(&a.user_id), "sessionId": opt(&a.session_id),
            "sessionStatus": a.session_status, "actor": opt(&a.actor), "orgId": opt(&a.org_id), "orgRole": opt(&a.org_role),
            "orgSlug": opt(&a.org_slug), "orgPermissions": opt(&a.org_permissions), "factorVerificationAge": a.factor_verification_age,
            "sessionClaims": a.session_claims,
        }),
        AuthView::SignedOut { session_status, .. } => {
            let mut v = null_fields(
                TokenType::SessionToken,
                &[
                    "sessionClaims",
                    "sessionId",
                    "actor",
                    "userId",
                    "orgId",
                    "orgRole",
                    "orgSlug",
                    "orgPermissions",
                    "factorVerificationAge",
                ],
            );
            v["sessionStatus"] = session_status.clone();
            v
        }
        AuthView::UnauthenticatedMachine(t) => {
            let extra: &[&str] = match t {
                TokenType::ApiKey => &[
                    "id", "subject", "scopes", "name", "claims", "userId", "orgId",
                ],
                TokenType::M2mToken => &["id", "subject", "scopes", "claims", "machineId"],
                _ => &["id", "subject", "scopes", "userId", "clientId"],
            };
            null_fields(*t, extra)
        }
        AuthView::Machine(t, m) => {
            let subject = m["subject"].as_str().unwrap_or("");
            let mut v = json!({ "tokenType": t.as_str(), "isAuthenticated": true, "id": m["id"], "subject": m["subject"], "scopes": m["scopes"] });
            match t {
                TokenType::ApiKey => {
                    v["name"] = m["name"].clone();
                    v["claims"] = m["claims"].clone();
                    v["userId"] = if subject.starts_with("user_") {
                        json!(subject)
                    } else {
                        Value::Null
                    };
                    v["orgId"] = if subject.starts_with("org_") {
                        json!(subject)
                    } else {
                        Value::Null
                    };
                }
                TokenType::M2mToken => {
                    v["claims"] = m["claims"].clone();
                    v["machineId"] = m["subject"].clone();
                }
                _ => {
                    v["userId"] = m["subject"].clone();
                    v["clientId"] = m["clientId"].clone();
                }
            }
            v
        }
    }
}

fn raw_outcome(o: &Outcome<Value>, host: &ReplayHost, sc: &Value, has: &[HasQuery]) -> Value {
    let auth = o.to_auth(true);
    let fields = auth_fields(&auth);
    let has_answers: Value = match &auth {
        AuthView::Null => Value::Null,
        AuthView::Session(a) => json!(has
            .iter()
            .map(|q| a.authorization.has(q))
            .collect::<Vec<_>>()),
        _ => json!(has.iter().map(|_| false).collect::<Vec<_>>()),
    };
    let mut debug = match &auth {
        AuthView::Null | AuthView::InvalidToken => Map::new(),
        AuthView::SignedOut { debug, .. } => debug.clone(),
        _ => o.debug.clone(),
    };
    // The verification options are stage 2's part of debug(); jwtKey is the one compared.
    if debug.contains_key("method") {
        let jwt_key = string(&sc["options"], "jwtKey");
        debug.insert(
            "jwtKey".into(),
            json!(jwt_key.chars().take(7).collect::<String>()),
        );
    }
    let get_token = match &auth {
        AuthView::Null => Value::Null,
        AuthView::Session(a) => match &a.session_id {
            Some(v) if super::coerce::truthy(Some(v)) => json!({ "value": o.token }),
            _ => json!({ "value": null }),
        },
        AuthView::Machine(..) => json!({ "value": o.token }),
        _ => json!({ "value": null }),
    };
    let mut out = json!({
        "status": o.status.as_str(),
        "reason": o.reason.as_ref().map(|r| r.to_string()),
        "message": o.message,
        "tokenType": o.token_type.map(|t| t.as_str()),
        "token": o.token,
        "isSignedIn": o.status == crate::auth::reason::Status::SignedIn,
        "isAuthenticated": o.status == crate::auth::reason::Status::SignedIn,
        "proxyUrl": o.echo.proxy_url, "publishableKey": o.echo.publishable_key, "isSatellite": o.echo.is_satellite,
        "domain": o.echo.domain, "signInUrl": o.echo.sign_in_url, "signUpUrl": o.echo.sign_up_url,
        "afterSignInUrl": o.echo.after_sign_in_url, "afterSignUpUrl": o.echo.after_sign_up_url,
        "headers": o.headers,
        "auth": if fields.is_null() { Value::Null } else { json!({ "fields": fields, "has": has_answers, "debug": debug }) },
        "getToken": get_token,
    });
    if let (Principal::Session(a), crate::auth::reason::Status::SignedIn) = (&o.principal, o.status)
    {
        out["authPendingAllowed"] = auth_fields(&AuthView::Session(a));
        if let Some(template) = sc["checks"]["template"].as_str() {
            let sid = a.session_id.as_ref().and_then(Value::as_str).unwrap_or("");
            let answer =
                token_call(sid, Some(template), None).map(|call| block_on(host.call(&call)));
            out["getTemplate"] = match answer {
                Some(Ok(body)) => json!({ "value": body["jwt"] }),
                Some(Err(_)) => json!({ "threw": "ClerkAPIResponseError" }),
                None => json!({ "value": o.token }),
            };
        }
    }
    out
}

#[test]
#[ignore = "run by tests/auth-flow/replay.mjs, which records the corpus's answers first"]
fn replays_the_recorded_corpus() {
    let path = std::env::var("CLERK_FLOW_REPLAY")
        .expect("CLERK_FLOW_REPLAY: the recorded corpus (replay.mjs writes it)");
    let input: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("JSON");
    let has: Vec<HasQuery> = input["hasQueries"]
        .as_array()
        .unwrap()
        .iter()
        .map(has_query)
        .collect();
    let empty = Map::new();
    let api = input["api"].as_object().unwrap_or(&empty);
    let mut out = Vec::new();
    for sc in input["scenarios"].as_array().unwrap() {
        let host = ReplayHost {
            now_ms: sc["at"].as_f64().unwrap(),
            sessions: sc["sessions"].as_object().unwrap_or(&empty),
            handshakes: sc["handshakes"].as_object().unwrap_or(&empty),
            machines: sc["machines"].as_object().unwrap_or(&empty),
            api,
            calls: Default::default(),
        };
        let req = &sc["request"];
        let request = Request {
            method: string(req, "method"),
            url: string(req, "url"),
            headers: req["headers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    (
                        p[0].as_str().unwrap().to_string(),
                        p[1].as_str().unwrap().to_string(),
                    )
                })
                .collect(),
        };
        let record = match Prepared::new(options(&sc["options"]), &host) {
            Err(e) => json!({ "threw": "InvalidRequestError", "option": e.option }),
            Ok(prepared) => {
                let outcome = block_on(authenticate(&host, &prepared, &request));
                raw_outcome(&outcome, &host, sc, &has)
            }
        };
        let mut record = record;
        record["calls"] = Value::Array(host.calls.borrow().clone());
        out.push(record);
    }
    let target = std::env::var("CLERK_FLOW_REPLAY_OUT").unwrap_or_else(|_| format!("{path}.out"));
    std::fs::write(&target, serde_json::to_string(&out).unwrap()).expect("writable");
}
