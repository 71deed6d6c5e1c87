//! The flow end to end against the test host: the incumbent's own cases
//! (packages/backend/src/tokens/__tests__/request.test.ts and handshake.test.ts in
//! clerk/javascript), translated, plus the places where clerk-edge answers differently on
//! purpose. The differential suite (tests/auth-flow) runs thousands more against @clerk/backend.

use serde_json::{json, Value};

use super::authenticate::authenticate;
use super::config::{Options, OrganizationSyncOptions, Prepared};
use super::context::Request;
use super::host::{ApiError, Method, TokenFailure};
use super::state::{AuthView, Outcome};
use super::testing::{block_on, jwt, TestHost};
use super::url::parse_query;
use crate::auth::reason::{Reason, RefreshError, Status};
use crate::auth::token_kind::{Accepts, TokenType};

const PK_TEST: &str = "pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA";
const PK_LIVE: &str = "pk_live_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA";
const ISS: &str = "https://clerk.inspired.puma-74.lcl.dev";
const IAT: i64 = 1_666_648_250;

fn claims(extra: Value) -> Value {
    let mut c = json!({
        "azp": "https://accounts.inspired.puma-74.lcl.dev", "exp": IAT + 60, "iat": IAT,
        "iss": ISS, "nbf": IAT - 10, "sid": "sess_2GbDB4enNdCa5vS1zpC3Xzg9tK9", "sub": "user_2GIpXOEpVyJw51rkZn9Kmnc6Sxr"
    });
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    c
}

/// A session token (registered as valid when `host` is given).
fn session_jwt(host: &mut TestHost, extra: Value) -> String {
    let c = claims(extra);
    let t = jwt(
        json!({ "alg": "RS256", "typ": "JWT", "kid": "ins_1" }),
        c.clone(),
    );
    host.valid(&t, c);
    t
}

fn host() -> TestHost {
    TestHost {
        now_ms: (IAT * 1000) as f64,
        ..TestHost::default()
    }
}

fn options(pk: &str, f: impl FnOnce(&mut Options)) -> Options {
    let mut o = Options {
        secret_key: "deadbeef".into(),
        publishable_key: pk.into(),
        ..Options::default()
    };
    f(&mut o);
    o
}

/// `mockRequest`: GET http://clerk.com/path, Host example.com, a document request.
fn request(headers: &[(&str, &str)], cookies: &[(&str, &str)], url: &str) -> Request {
    let mut h: Vec<(String, String)> = [
        ("host", "example.com"),
        ("user-agent", "Mozilla/TestAgent"),
        ("sec-fetch-dest", "document"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (k, v) in headers {
        h.retain(|(name, _)| name != k);
        h.push((k.to_string(), v.to_string()));
    }
    if !cookies.is_empty() {
        let c: Vec<String> = cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
        h.push(("cookie".into(), c.join(";")));
    }
    Request {
        method: "GET".into(),
        url: url.into(),
        headers: h,
    }
}

const URL: &str = "http://clerk.com/path";

fn run(host: &TestHost, o: Options, req: &Request) -> Outcome<String> {
    let prepared = Prepared::new(o, host).expect("valid options");
    block_on(authenticate(host, &prepared, req))
}

fn header<'a>(o: &'a Outcome<String>, name: &str) -> Option<&'a str> {
    o.headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn location_query(o: &Outcome<String>) -> Vec<(String, String)> {
    let loc = header(o, "location").expect("a Location");
    parse_query(&loc[loc.find('?').map_or(loc.len(), |i| i)..])
}

fn q<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn header_token_states() {
    let mut h = host();
    let good = session_jwt(&mut h, json!({}));
    let o = run(
        &h,
        options(PK_TEST, |_| {}),
        &request(&[("authorization", &format!("Bearer {good}"))], &[], URL),
    );
    assert_eq!(o.status, Status::SignedIn);
    let AuthView::Session(auth) = o.to_auth(true) else {
        panic!("signed in")
    };
    assert_eq!(
        auth.user_id,
        Some(json!("user_2GIpXOEpVyJw51rkZn9Kmnc6Sxr"))
    );
    assert_eq!(auth.org_id, None);
    assert!(o.headers.is_empty());

    // A malformed header token: token-invalid with decodeJwt's message and the carrier.
    let o = run(
        &h,
        options(PK_TEST, |_| {}),
        &request(&[("authorization", "Bearer test_header_token")], &[], URL),
    );
    assert_eq!(o.reason, Some(Reason::TokenInvalid));
    assert_eq!(
        o.message.as_deref(),
        Some("Invalid JWT form. A JWT consists of three parts separated by dots. (reason=token-invalid, token-carrier=header)")
    );
    assert_eq!(header(&o, "x-clerk-auth-status"), Some("signed-out"));

    // Expired: a document GET without a refresh cookie hands over to a handshake.
    let expired = jwt(json!({ "alg": "RS256" }), claims(json!({})));
    h.failing(
        &expired,
        Reason::TokenExpired,
        "JWT is expired. Expiry date: x, Current date: y.",
    );
    let o = run(
        &h,
        options(PK_TEST, |_| {}),
        &request(&[("authorization", &format!("Bearer {expired}"))], &[], URL),
    );
    assert_eq!(o.status, Status::Handshake);
    assert_eq!(
        o.reason,
        Some(Reason::SessionTokenExpired(
            RefreshError::NonEligibleNoCookie
        ))
    );
    assert_eq!(header(&o, "cache-control"), Some("no-store"));
    assert_eq!(o.to_auth(true), AuthView::Null);
    // The same as a POST: signed out, non-eligible-non-get.
    let mut post = request(&[("authorization", &format!("Bearer {expired}"))], &[], URL);
    post.method = "POST".into();
    let o = run(&h, options(PK_TEST, |_| {}), &post);
    assert_eq!(o.status, Status::SignedOut);
    assert_eq!(
        o.reason.unwrap().to_string(),
        "session-token-expired-refresh-non-eligible-non-get"
    );

    // A non-Bearer scheme is no token at all.
    let o = run(
        &h,
        options(PK_LIVE, |_| {}),
        &request(&[("authorization", "Basic dXNlcjpwYXNz")], &[], URL),
    );
    assert_eq!(o.reason, Some(Reason::SessionTokenAndUatMissing));
}

#[test]
fn satellites() {
    let h = host();
    let sat = |pk: &str, auto: bool| {
        options(pk, |o| {
            o.is_satellite = true;
            o.sign_in_url = "https://primary.dev/sign-in".into();
            o.domain = "satellite.dev".into();
            o.satellite_auto_sync = auto;
        })
    };
    // satelliteAutoSync: a satellite page load without cookies syncs; production: FAPI handshake.
    let o = run(
        &h,
        sat(PK_LIVE, true),
        &request(&[], &[("__client_uat", "0")], URL),
    );
    assert_eq!(
        (o.status, o.reason.clone()),
        (Status::Handshake, Some(Reason::SatelliteCookieNeedsSyncing))
    );
    assert!(header(&o, "location")
        .unwrap()
        .starts_with("https://clerk.satellite.dev/v1/client/handshake?"));
    assert!(o.echo.is_satellite && o.echo.domain == "satellite.dev");
    // Development: to the primary's sign-in page.
    let o = run(
        &h,
        sat(PK_TEST, true),
        &request(&[], &[("__client_uat", "0"), ("__clerk_db_jwt", "x")], URL),
    );
    assert_eq!(
        header(&o, "location"),
        Some("https://primary.dev/sign-in?__clerk_redirect_url=http%3A%2F%2Fexample.com%2Fpath")
    );
    // Without satelliteAutoSync and without cookies: signed out, no redirect.
    let o = run(
        &h,
        sat(PK_LIVE, false),
        &request(
            &[],
            &[("__client_uat", "0")],
            "http://satellite.example/path",
        ),
    );
    assert_eq!(
        (o.status, o.reason.clone()),
        (Status::SignedOut, Some(Reason::SessionTokenAndUatMissing))
    );
    assert_eq!(header(&o, "location"), None);
    // ...unless the primary sent the browser back with __clerk_synced=false.
    let o = run(
        &h,
        sat(PK_TEST, false),
        &request(
            &[],
            &[("__client_uat", "0"), ("__clerk_db_jwt", "x")],
            "http://satellite.dev/path?__clerk_synced=false",
        ),
    );
    assert_eq!(
        header(&o, "location"),
        Some("https://primary.dev/sign-in?__clerk_redirect_url=http%3A%2F%2Fexample.com%2Fpath%3F__clerk_synced%3Dfalse")
    );
    // A non-document request never syncs.
    let o = run(
        &h,
        sat(PK_LIVE, true),
        &request(
            &[("sec-fetch-dest", "empty")],
            &[("__client_uat", "0")],
            URL,
        ),
    );
    assert_eq!(o.reason, Some(Reason::SessionTokenAndUatMissing));
    // In a redirect loop: signed out with the same reason.
    let o = run(
        &h,
        sat(PK_LIVE, false),
        &request(
            &[],
            &[("__client_uat", "0"), ("__clerk_redirect_count", "3")],
            "http://satellite.example/path?__clerk_synced=false",
        ),
    );
    assert_eq!(
        (o.status, o.reason.clone()),
        (Status::SignedOut, Some(Reason::SatelliteCookieNeedsSyncing))
    );
    // Just synced, in development with the dev browser in the URL: dev-browser-sync.
    let o = run(
        &h,
        sat(PK_TEST, false),
        &request(
            &[],
            &[],
            "http://satellite.example/path?__clerk_synced=true&__clerk_db_jwt=abc",
        ),
    );
    assert_eq!(o.reason, Some(Reason::DevBrowserSync));
    // The signInUrl on the page's own origin (the incumbent throws).
    let o = run(
        &h,
        sat(PK_LIVE, true),
        &request(&[("origin", "https://primary.dev")], &[], URL),
    );
    assert_eq!(o.reason, Some(Reason::UnexpectedError));
}

#[test]
fn primary_responds_to_syncing() {
    let mut h = host();
    let t = session_jwt(&mut h, json!({}));
    let url = "http://localhost:3000/sign-in?__clerk_redirect_url=http%3A%2F%2Flocalhost%3A3001%2Fdashboard%3F__clerk_synced%3Dfalse&__clerk_db_jwt=dbjwt";
    let o = run(
        &h,
        options(PK_TEST, |_| {}),
        &request(&[], &[("__client_uat", "12345"), ("__session", &t)], url),
    );
    assert_eq!(o.reason, Some(Reason::PrimaryRespondsToSyncing));
    assert_eq!(
        header(&o, "location"),
        Some("http://localhost:3001/dashboard?__clerk_synced=true&__clerk_db_jwt=dbjwt")
    );
    // An unparsable __clerk_redirect_url is ignored (the incumbent throws a TypeError).
    let o = run(
        &h,
        options(PK_TEST, |_| {}),
        &request(
            &[],
            &[("__client_uat", "12345")],
            "http://localhost:3000/?__clerk_redirect_url=nope",
        ),
    );
    assert_eq!(o.reason, Some(Reason::DevBrowserMissing));
}

#[test]
fn cookie_states() {
    let mut h = host();
    let t = session_jwt(&mut h, json!({}));
    let uat = (IAT - 10).to_string();
    let run_c = |h: &TestHost, pk: &str, cookies: &[(&str, &str)]| {
        run(h, options(pk, |_| {}), &request(&[], cookies, URL))
    };
    assert_eq!(
        run_c(&h, PK_LIVE, &[]).reason,
        Some(Reason::SessionTokenAndUatMissing)
    );
    assert_eq!(
        run_c(&h, PK_TEST, &[("__session", &t)]).reason,
        Some(Reason::DevBrowserMissing)
    );
    assert_eq!(
        run_c(&h, PK_TEST, &[]).reason,
        Some(Reason::DevBrowserMissing)
    );
    assert_eq!(
        run_c(&h, PK_TEST, &[("__clerk_db_jwt", "db"), ("__session", &t)]).reason,
        Some(Reason::SessionTokenWithoutClientUat)
    );
    assert_eq!(
        run_c(&h, PK_LIVE, &[("__client_uat", "12345")]).reason,
        Some(Reason::ClientUatWithoutSessionToken)
    );
    assert_eq!(
        run_c(&h, PK_LIVE, &[("__client_uat", "0")]).reason,
        Some(Reason::SessionTokenAndUatMissing)
    );
    let later = (IAT + 10).to_string();
    assert_eq!(
        run_c(
            &h,
            PK_TEST,
            &[
                ("__clerk_db_jwt", "db"),
                ("__client_uat", &later),
                ("__session", &t)
            ]
        )
        .reason,
        Some(Reason::SessionTokenIatBeforeClientUat)
    );
    assert_eq!(
        run_c(
            &h,
            PK_TEST,
            &[
                ("__clerk_db_jwt", "db"),
                ("__client_uat", &uat),
                ("__session", &t)
            ]
        )
        .status,
        Status::SignedIn
    );
    // A same-instance M2M JWT or JWT template in __session: token-type-mismatch.
    let m2m = jwt(json!({ "alg": "RS256" }), claims(json!({ "sub": "mch_1" })));
    let template = jwt(
        json!({ "alg": "RS256", "cat": "cl_B7d4PD222AAA" }),
        claims(json!({})),
    );
    for bad in [&m2m, &template] {
        let o = run_c(
            &h,
            PK_TEST,
            &[
                ("__clerk_db_jwt", "db"),
                ("__client_uat", &uat),
                ("__session", bad),
            ],
        );
        assert_eq!(
            (o.reason, o.message.as_deref()),
            (Some(Reason::TokenTypeMismatch), Some(""))
        );
    }
    // A verification failure other than time: signed out with the full message.
    let nosub = jwt(json!({ "alg": "RS256" }), claims(json!({ "sub": null })));
    h.failing(&nosub, Reason::TokenVerificationFailed, "Subject claim (sub) is required and must be a string. Received undefined. Make sure that this is a valid Clerk-generated JWT.");
    let o = run_c(
        &h,
        PK_TEST,
        &[
            ("__clerk_db_jwt", "db"),
            ("__client_uat", &uat),
            ("__session", &nosub),
        ],
    );
    assert_eq!(
        o.message.as_deref(),
        Some("Subject claim (sub) is required and must be a string. Received undefined. Make sure that this is a valid Clerk-generated JWT. (reason=token-verification-failed, token-carrier=cookie)")
    );
}

#[test]
fn handshake_redirect_url() {
    let mut h = host();
    let expired = jwt(json!({ "alg": "RS256" }), claims(json!({})));
    h.failing(&expired, Reason::TokenExpired, "JWT is expired.");
    let o = run(
        &h,
        options(PK_TEST, |o| {
            o.organization_sync = Some(OrganizationSyncOptions {
                organization_patterns: Some(vec!["/orgs/:slug".into()]),
                personal_account_patterns: None,
            })
        }),
        &request(
            &[],
            &[
                ("__clerk_db_jwt", "db"),
                ("__client_uat", "1"),
                ("__session", &expired),
                ("__clerk_redirect_count", "1"),
            ],
            "http://clerk.com/orgs/acme?a=b%20c&__dev_session=q",
        ),
    );
    let loc = header(&o, "location").unwrap();
    assert!(
        loc.starts_with("https://clerk.inspired.puma-74.lcl.dev/v1/client/handshake?"),
        "{loc}"
    );
    let p = location_query(&o);
    assert_eq!(
        q(&p, "redirect_url"),
        Some("http://example.com/orgs/acme?a=b+c")
    );
    assert_eq!(q(&p, "__clerk_api_version"), Some("2026-05-12"));
    assert_eq!(q(&p, "suffixed_cookies"), Some("false"));
    assert_eq!(
        q(&p, "__clerk_hs_reason"),
        Some("session-token-expired-refresh-non-eligible-no-refresh-cookie")
    );
    assert_eq!(q(&p, "format"), Some("nonce"));
    assert_eq!(q(&p, "__session"), Some(expired.as_str()));
    assert_eq!(q(&p, "__clerk_db_jwt"), Some("db"));
    assert_eq!(q(&p, "organization_id"), Some("acme"));
    assert_eq!(
        o.headers
            .iter()
            .filter(|(k, _)| k == "set-cookie")
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>(),
        ["__clerk_redirect_count=2; SameSite=Lax; HttpOnly; Max-Age=2"]
    );
    assert_eq!(
        header(&o, "x-clerk-auth-reason"),
        q(&p, "__clerk_hs_reason")
    );
    assert_eq!(
        header(&o, "x-clerk-auth-message"),
        Some("JWT is expired. (reason=token-expired, token-carrier=cookie)")
    );
    // A proxy (relative: made absolute on the request's origin).
    let o = run(
        &h,
        options(PK_LIVE, |o| o.proxy_url = "/__clerk".into()),
        &request(&[], &[("__client_uat", "1")], URL),
    );
    assert!(header(&o, "location")
        .unwrap()
        .starts_with("http://example.com/__clerk/v1/client/handshake?"));
    assert_eq!(o.echo.proxy_url, "http://example.com/__clerk");
}

#[test]
fn refresh() {
    let mut h = host();
    let fresh = session_jwt(&mut h, json!({ "iat": IAT + 1 }));
    let expired = jwt(json!({ "alg": "RS256" }), claims(json!({})));
    h.failing(&expired, Reason::TokenExpired, "JWT is expired.");
    let cookie = format!("__session_MqCvchyS={fresh}; Path=/; Secure; SameSite=Lax");
    h.api.insert(
        Method::Post.key("/sessions/sess_2GbDB4enNdCa5vS1zpC3Xzg9tK9/refresh"),
        Ok(json!({ "object": "cookies", "cookies": [cookie] })),
    );
    let cookies = [
        ("__client_uat", "12345"),
        ("__session", expired.as_str()),
        ("__refresh_MqCvchyS", "can_be_anything"),
    ];
    let req = request(&[("origin", "https://example.com")], &cookies, URL);
    let o = run(&h, options(PK_LIVE, |_| {}), &req);
    assert_eq!(o.status, Status::SignedIn);
    assert_eq!(o.token.as_deref(), Some(fresh.as_str()));
    assert_eq!(header(&o, "set-cookie"), Some(cookie.as_str()));
    let call = h.calls.borrow()[0].clone();
    // `suffixed_cookies=false` is not sent (the incumbent drops falsy query values).
    assert!(call.query.is_empty());
    let body = call.body.unwrap();
    assert_eq!(body["format"], "cookie");
    assert_eq!(body["expired_token"], expired);
    assert_eq!(body["refresh_token"], "can_be_anything");
    assert_eq!(body["request_origin"], "http://example.com");
    assert_eq!(
        body["request_headers"]["origin"],
        json!(["https://example.com"])
    );

    // A refresh the Backend API refuses: a handshake that says why.
    let mut h2 = host();
    h2.failing(&expired, Reason::TokenExpired, "JWT is expired.");
    h2.api.insert(
        Method::Post.key("/sessions/sess_2GbDB4enNdCa5vS1zpC3Xzg9tK9/refresh"),
        Err(ApiError::Response {
            status: 401,
            code: Some("token_invalid".into()),
        }),
    );
    let o = run(&h2, options(PK_LIVE, |_| {}), &req);
    assert_eq!(
        o.reason.unwrap().to_string(),
        "session-token-expired-refresh-token_invalid"
    );
    // No refresh cookie: no call.
    let h3 = {
        let mut h3 = host();
        h3.failing(&expired, Reason::TokenExpired, "JWT is expired.");
        h3
    };
    let o = run(
        &h3,
        options(PK_LIVE, |_| {}),
        &request(
            &[],
            &[("__client_uat", "12345"), ("__session", &expired)],
            URL,
        ),
    );
    assert!(h3.calls.borrow().is_empty());
    assert_eq!(
        o.reason,
        Some(Reason::SessionTokenExpired(
            RefreshError::NonEligibleNoCookie
        ))
    );
}

#[test]
fn handshake_resolution() {
    // Production, nonce: the payload's cookies, signed in with the new session token.
    let mut h = host();
    let fresh = session_jwt(&mut h, json!({}));
    let directives = vec![
        format!("__session={fresh}; Path=/"),
        "__client_uat=1; Path=/".to_string(),
    ];
    h.api.insert(
        Method::Get.key("/clients/handshake_payload"),
        Ok(json!({ "directives": directives })),
    );
    let o = run(
        &h,
        options(PK_LIVE, |_| {}),
        &request(&[], &[], "http://clerk.com/path?__clerk_handshake_nonce=n1"),
    );
    assert_eq!(o.status, Status::SignedIn);
    assert_eq!(h.calls.borrow()[0].query, [("nonce", "n1".to_string())]);
    let names: Vec<&str> = o.headers.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "access-control-allow-origin",
            "access-control-allow-credentials",
            "set-cookie",
            "set-cookie"
        ]
    );
    // Development, JWT: also a redirect to the page without the handshake parameters.
    let mut h = host();
    let fresh = session_jwt(&mut h, json!({}));
    let hs = jwt(
        json!({ "alg": "RS256" }),
        json!({ "handshake": [format!("__session={fresh}; Path=/")] }),
    );
    h.handshakes.insert(
        hs.clone(),
        Ok(
            json!({ "handshake": [format!("__session={fresh}; Path=/")] })
                .as_object()
                .unwrap()
                .clone(),
        ),
    );
    let url = format!(
        "http://clerk.com/path?x=1&__clerk_handshake={hs}&__clerk_db_jwt=db&__clerk_help=1"
    );
    let o = run(&h, options(PK_TEST, |_| {}), &request(&[], &[], &url));
    assert_eq!(o.status, Status::SignedIn);
    assert_eq!(header(&o, "location"), Some("http://example.com/path?x=1"));
    assert_eq!(header(&o, "cache-control"), Some("no-store"));
    // No session cookie among the directives: signed out, cookies still set.
    let mut h = host();
    h.api.insert(
        Method::Get.key("/clients/handshake_payload"),
        Ok(json!({ "directives": ["__client_uat=0; Path=/"] })),
    );
    let o = run(
        &h,
        options(PK_LIVE, |_| {}),
        &request(&[], &[("__clerk_handshake_nonce", "n2")], URL),
    );
    assert_eq!(
        (o.status, o.reason.clone()),
        (Status::SignedOut, Some(Reason::SessionTokenMissing))
    );
    assert_eq!(header(&o, "set-cookie"), Some("__client_uat=0; Path=/"));
    // Development, a handshake JWT that does not verify (the incumbent throws).
    let h = host();
    let o = run(
        &h,
        options(PK_TEST, |_| {}),
        &request(&[], &[], "http://clerk.com/path?__clerk_handshake=a.b.c"),
    );
    assert_eq!(o.reason, Some(Reason::TokenInvalidSignature));
    assert!(o
        .message
        .unwrap()
        .starts_with("Clerk: Handshake token verification failed due to an invalid signature."));
    // Production: the same failure carries on with the cookies.
    let o = run(
        &h,
        options(PK_LIVE, |_| {}),
        &request(&[], &[("__clerk_handshake", "a.b.c")], URL),
    );
    assert_eq!(o.reason, Some(Reason::SessionTokenAndUatMissing));
    // An expired session token in the payload: no 24-hour retry in development, carry on.
    let mut h = host();
    let stale = jwt(json!({ "alg": "RS256" }), claims(json!({})));
    h.failing(&stale, Reason::TokenExpired, "JWT is expired.");
    h.api.insert(
        Method::Get.key("/clients/handshake_payload"),
        Ok(json!({ "directives": [format!("__session={stale}")] })),
    );
    let o = run(
        &h,
        options(PK_TEST, |_| {}),
        &request(&[], &[("__clerk_handshake_nonce", "n3")], URL),
    );
    assert_eq!(o.reason, Some(Reason::DevBrowserMissing));
}

#[test]
fn cross_origin_and_organizations() {
    let mut h = host();
    let t = session_jwt(
        &mut h,
        json!({ "v": 2, "o": { "id": "org_a", "slg": "a", "rol": "admin" } }),
    );
    let uat = (IAT - 10).to_string();
    let cookies = [("__client_uat", uat.as_str()), ("__session", t.as_str())];
    let live = || options(PK_LIVE, |_| {});
    let o = run(
        &h,
        live(),
        &request(&[("referer", "https://satellite.example/x")], &cookies, URL),
    );
    assert_eq!(o.reason, Some(Reason::PrimaryDomainCrossOriginSync));
    assert_eq!(
        o.message.as_deref(),
        Some("Cross-origin request from satellite domain requires handshake")
    );
    for known in [
        "https://clerk.inspired.puma-74.lcl.dev/v1",
        "https://accounts.inspired.puma-74.lcl.dev/sign-in",
        "http://example.com/other",
    ] {
        let o = run(&h, live(), &request(&[("referer", known)], &cookies, URL));
        assert_eq!(o.status, Status::SignedIn, "{known}");
    }
    // A dev Account Portal only counts on development instances.
    let o = run(
        &h,
        live(),
        &request(
            &[("referer", "https://foo-bar-13.accounts.dev/")],
            &cookies,
            URL,
        ),
    );
    assert_eq!(o.reason, Some(Reason::PrimaryDomainCrossOriginSync));

    let sync = |patterns: &[&str]| {
        options(PK_LIVE, |o| {
            o.organization_sync = Some(OrganizationSyncOptions {
                organization_patterns: Some(patterns.iter().map(|s| s.to_string()).collect()),
                personal_account_patterns: Some(vec!["/me".into()]),
            })
        })
    };
    let o = run(
        &h,
        sync(&["/orgs/:slug"]),
        &request(&[], &cookies, "http://clerk.com/orgs/b"),
    );
    assert_eq!(o.reason, Some(Reason::ActiveOrganizationMismatch));
    assert_eq!(q(&location_query(&o), "organization_id"), Some("b"));
    assert_eq!(
        run(
            &h,
            sync(&["/orgs/:slug"]),
            &request(&[], &cookies, "http://clerk.com/orgs/a")
        )
        .status,
        Status::SignedIn
    );
    assert_eq!(
        run(
            &h,
            sync(&["/orgs/:id"]),
            &request(&[], &cookies, "http://clerk.com/orgs/org_a")
        )
        .status,
        Status::SignedIn
    );
    let o = run(
        &h,
        sync(&["/orgs/:id"]),
        &request(&[], &cookies, "http://clerk.com/me"),
    );
    assert_eq!(q(&location_query(&o), "organization_id"), Some(""));
    // A fetch request cannot follow the redirect: signed in, no switch.
    let o = run(
        &h,
        sync(&["/orgs/:slug"]),
        &request(
            &[("sec-fetch-dest", "empty")],
            &cookies,
            "http://clerk.com/orgs/b",
        ),
    );
    assert_eq!(o.status, Status::SignedIn);
}

#[test]
fn accepts_token_and_pending_sessions() {
    let mut h = host();
    let pending = session_jwt(&mut h, json!({ "sts": "pending" }));
    let bearer = format!("Bearer {pending}");
    let o = run(
        &h,
        options(PK_LIVE, |_| {}),
        &request(&[("authorization", &bearer)], &[], URL),
    );
    assert_eq!(o.status, Status::SignedIn);
    assert!(
        matches!(o.to_auth(true), AuthView::SignedOut { ref session_status, .. } if session_status == "pending")
    );
    assert!(matches!(o.to_auth(false), AuthView::Session(_)));

    h.machines.insert("ak_good".into(), Ok("api key".into()));
    let accepts = |a: Accepts| options(PK_LIVE, move |o| o.accepts_token = a);
    let o = run(
        &h,
        accepts(Accepts::One(TokenType::ApiKey)),
        &request(&[("authorization", "Bearer ak_good")], &[], URL),
    );
    assert_eq!(
        (o.status, o.token_type),
        (Status::SignedIn, Some(TokenType::ApiKey))
    );
    let o = run(
        &h,
        accepts(Accepts::One(TokenType::M2mToken)),
        &request(&[], &[], URL),
    );
    assert_eq!(
        (o.reason, o.token_type),
        (Some(Reason::NoTokenInHeader), Some(TokenType::M2mToken))
    );
    let o = run(
        &h,
        accepts(Accepts::One(TokenType::ApiKey)),
        &request(&[("authorization", &bearer)], &[], URL),
    );
    assert_eq!(
        (o.reason, o.token_type),
        (Some(Reason::TokenTypeMismatch), Some(TokenType::ApiKey))
    );
    let o = run(
        &h,
        accepts(Accepts::Many(vec![TokenType::M2mToken])),
        &request(&[("authorization", "Bearer ak_good")], &[], URL),
    );
    assert_eq!(
        (
            o.to_auth(true),
            o.token_type,
            o.echo.publishable_key.as_str()
        ),
        (AuthView::InvalidToken, None, "")
    );
    let o = run(
        &h,
        accepts(Accepts::Any),
        &request(&[("authorization", &bearer)], &[], URL),
    );
    assert_eq!(o.token_type, Some(TokenType::SessionToken));
    let o = run(
        &h,
        accepts(Accepts::Many(vec![
            TokenType::SessionToken,
            TokenType::ApiKey,
        ])),
        &request(&[("authorization", "Bearer ak_bad")], &[], URL),
    );
    assert_eq!(
        (o.reason, o.token_type),
        (Some(Reason::TokenInvalid), Some(TokenType::ApiKey))
    );
}

#[test]
fn options_refused_up_front() {
    let h = host();
    let err = |o: Options| Prepared::new(o, &h).unwrap_err().option;
    assert_eq!(err(options("", |_| {})), "publishableKey");
    assert_eq!(err(options("pk_live_nope", |_| {})), "publishableKey");
    assert_eq!(err(options(PK_LIVE, |o| o.secret_key.clear())), "secretKey");
    assert_eq!(
        err(options(PK_TEST, |o| o.is_satellite = true)),
        "signInUrl"
    );
    assert_eq!(
        err(options(PK_LIVE, |o| {
            o.is_satellite = true;
            o.sign_in_url = "/sign-in".into()
        })),
        "signInUrl"
    );
    assert_eq!(err(options(PK_LIVE, |o| o.is_satellite = true)), "domain");
    assert_eq!(
        err(options(PK_LIVE, |o| o.proxy_url = "https://".into())),
        "proxyUrl"
    );
    let bad_sync = options(PK_LIVE, |o| {
        o.organization_sync = Some(OrganizationSyncOptions {
            organization_patterns: Some(vec!["/orgs/:id/***".into()]),
            personal_account_patterns: None,
        })
    });
    let e = Prepared::new(bad_sync, &h).unwrap_err();
    assert_eq!(e.option, "organizationSyncOptions.organizationPatterns");
    assert_eq!(
        e.message,
        "Invalid pattern \"/orgs/:id/***\": Unexpected MODIFIER at 10, expected END"
    );
    // Machine tokens need neither a publishable key nor cookies.
    let m2m = Options {
        machine_secret_key: "ak".into(),
        accepts_token: Accepts::One(TokenType::M2mToken),
        ..Options::default()
    };
    assert!(Prepared::new(m2m, &h).is_ok());
    // The incumbent's message for a token without a session cookie set, kept whole.
    let f = TokenFailure::new(Reason::JwkKidMismatch, "Unable to find a signing key.");
    assert_eq!(
        f.full_message(None),
        "Unable to find a signing key. (reason=jwk-kid-mismatch, token-carrier=undefined)"
    );
}
