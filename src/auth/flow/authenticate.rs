//! `authenticateRequest`'s decision procedure, in the incumbent's order (`tokens/request.ts`;
//! each step is described in docs/auth-flow.md). It decides; the [`Host`] verifies tokens and
//! makes the Backend API calls it asks for.

use serde_json::{Map, Value};

use super::auth_object::SessionAuth;
use super::coerce::{less_than, to_primitive, truthy, Primitive};
use super::config::Prepared;
use super::context::{Context, Request};
use super::cookies::{self, session_from_directives};
use super::handshake::{self, REDIRECT_LOOP_LIMIT};
use super::host::{Carrier, Claims, Host, TokenFailure};
use super::org_sync;
use super::peek;
use super::publishable_key::InstanceType;
use super::refresh;
use super::state::{context_data, debug_data, Echo, Outcome, Principal};
use super::url;
use crate::auth::reason::{Reason, RefreshError, Status};
use crate::auth::token_kind::{
    has_non_session_category, is_machine_token, is_other_class, is_other_class_of_jwt,
    machine_token_type, Accepts, TokenType,
};

/// Authenticates one request. Never fails: every problem the incumbent turns into a state is a
/// state here, and the ones it throws for are states too (docs/auth-flow.md, "Where the
/// incumbent throws"); option problems were refused by [`Prepared::new`].
pub async fn authenticate<H: Host>(
    host: &H,
    prepared: &Prepared,
    req: &Request,
) -> Outcome<H::Machine> {
    let Some(ctx) = Context::new(req, prepared, host) else {
        let mut debug = Map::new();
        debug.insert(
            "reason".into(),
            Value::String(Reason::UnexpectedError.to_string()),
        );
        return Outcome::signed_out(
            Echo::default(),
            TokenType::SessionToken,
            Reason::UnexpectedError,
            "The request URL is not a valid URL.".into(),
            Vec::new(),
            debug_data(debug),
        );
    };
    let flow = Flow {
        host,
        prepared,
        req,
        echo: Echo::new(prepared, &ctx),
        ctx,
    };
    flow.run().await
}

/// How resolving a handshake ended.
enum Handshaken<M> {
    Done(Box<Outcome<M>>),
    /// Carry on with the cookies as they are; `Some` when the handshake JWT itself failed
    /// verification (which the incumbent throws for in development).
    Failed(Option<TokenFailure>),
}

struct Flow<'a, H: Host> {
    host: &'a H,
    prepared: &'a Prepared,
    req: &'a Request,
    ctx: Context,
    echo: Echo,
}

impl<H: Host> Flow<'_, H> {
    fn accepts(&self) -> &Accepts {
        &self.prepared.options.accepts_token
    }

    fn is_dev(&self) -> bool {
        self.ctx
            .session
            .as_ref()
            .is_some_and(|s| s.instance_type == InstanceType::Development)
    }

    fn redirect_count(&self) -> f64 {
        self.ctx.session.as_ref().map_or(0.0, |s| s.redirect_count)
    }

    // ------------------------------------------------------------------------ states

    fn signed_out(
        &self,
        token_type: TokenType,
        reason: Reason,
        message: String,
    ) -> Outcome<H::Machine> {
        self.signed_out_with(token_type, reason, message, Vec::new())
    }

    fn signed_out_with(
        &self,
        token_type: TokenType,
        reason: Reason,
        message: String,
        headers: Vec<(String, String)>,
    ) -> Outcome<H::Machine> {
        // A session's signed-out object shows the context; a machine's only the reason.
        let mut data = Map::new();
        if token_type == TokenType::SessionToken {
            data = context_data(self.prepared, &self.ctx);
            data.insert(
                "status".into(),
                Value::String(Status::SignedOut.as_str().into()),
            );
        }
        data.insert("reason".into(), Value::String(reason.to_string()));
        data.insert("message".into(), Value::String(message.clone()));
        Outcome::signed_out(
            self.echo.clone(),
            token_type,
            reason,
            message,
            headers,
            debug_data(data),
        )
    }

    /// `token-type-mismatch` for a token of the wrong class.
    fn mismatch(&self, token_type: TokenType) -> Outcome<H::Machine> {
        self.signed_out(token_type, Reason::TokenTypeMismatch, String::new())
    }

    /// A signed-in session, unless its claims make the auth object impossible to build.
    fn signed_in(
        &self,
        claims: Claims,
        token: String,
        headers: Vec<(String, String)>,
    ) -> Outcome<H::Machine> {
        match SessionAuth::from_claims(&claims) {
            Ok(auth) => {
                let mut data = context_data(self.prepared, &self.ctx);
                data.insert("sessionToken".into(), Value::String(token.clone()));
                let principal = Principal::Session(Box::new(auth));
                let session = TokenType::SessionToken;
                Outcome::signed_in(
                    self.echo.clone(),
                    session,
                    principal,
                    token,
                    headers,
                    debug_data(data),
                )
            }
            Err(_) => self.signed_out(
                TokenType::SessionToken,
                Reason::UnexpectedError,
                String::new(),
            ),
        }
    }

    /// `handleMaybeHandshakeStatus`: a handshake when the request can follow a redirect and no
    /// loop is detected, else signed out with the same reason.
    fn maybe_handshake(
        &self,
        reason: Reason,
        message: &str,
        location: Option<String>,
    ) -> Outcome<H::Machine> {
        if !self.ctx.eligible_for_handshake() {
            return self.signed_out(TokenType::SessionToken, reason, message.to_string());
        }
        let location = match location {
            Some(l) => l,
            None => {
                match handshake::redirect_location(&self.ctx, self.prepared, &reason, self.host) {
                    Some(l) => l,
                    None => {
                        return self.signed_out(
                            TokenType::SessionToken,
                            Reason::UnexpectedError,
                            "The handshake URL cannot be built from the Frontend API URL.".into(),
                        )
                    }
                }
            }
        };
        let Some(counter) = handshake::track_redirect_loop(self.redirect_count()) else {
            return self.signed_out(TokenType::SessionToken, reason, message.to_string());
        };
        let headers = vec![
            ("location".to_string(), location),
            ("cache-control".to_string(), "no-store".to_string()),
            ("set-cookie".to_string(), counter),
        ];
        Outcome::handshake(self.echo.clone(), reason, message.to_string(), headers)
    }

    // ------------------------------------------------------------------------ routing

    async fn run(&self) -> Outcome<H::Machine> {
        let o = &self.prepared.options;
        // The satellite's signInUrl must be on another origin than the page that calls it: the
        // incumbent throws when the request's Origin header says otherwise.
        if o.is_satellite && *self.accepts() != Accepts::One(TokenType::M2mToken) {
            if let (Some(origin), Some(sign_in)) =
                (&self.ctx.origin, self.host.parse_url(&o.sign_in_url, None))
            {
                if !o.sign_in_url.is_empty() && sign_in.origin() == *origin {
                    return self.signed_out(
                        TokenType::SessionToken,
                        Reason::UnexpectedError,
                        "The signInUrl needs to be on a different origin than your satellite application.".into(),
                    );
                }
            }
        }
        if let Accepts::Many(list) = self.accepts() {
            let parsed = match &self.ctx.token_in_header {
                Some(t) if is_machine_token(t) => machine_token_type(t),
                _ => TokenType::SessionToken,
            };
            if !list.contains(&parsed) {
                return Outcome::invalid_token();
            }
        }
        if let Some(token) = self.ctx.token_in_header.clone() {
            return match self.accepts() {
                Accepts::Any | Accepts::Many(_) => self.any_token_in_header(token).await,
                Accepts::One(TokenType::SessionToken) => self.session_token_in_header(token).await,
                Accepts::One(kind) => self.machine_token_in_header(*kind, token).await,
            };
        }
        if let Accepts::One(kind) = self.accepts() {
            if kind.is_machine() {
                return self.signed_out(*kind, Reason::NoTokenInHeader, String::new());
            }
        }
        self.session_token_in_cookie().await
    }

    // ------------------------------------------------------------------------ machine tokens

    async fn verify_machine(&self, kind: TokenType, token: String) -> Outcome<H::Machine> {
        match self.host.verify_machine(&token, kind).await {
            Ok(machine) => Outcome::signed_in(
                self.echo.clone(),
                kind,
                Principal::Machine(machine),
                token,
                Vec::new(),
                debug_data(context_data(self.prepared, &self.ctx)),
            ),
            Err(f) => self.signed_out(kind, f.reason, f.full_message),
        }
    }

    /// A machine token where `acceptsToken` names one machine type.
    async fn machine_token_in_header(
        &self,
        accepted: TokenType,
        token: String,
    ) -> Outcome<H::Machine> {
        if !is_machine_token(&token) {
            return self.mismatch(accepted);
        }
        let kind = machine_token_type(&token);
        if !self.accepts().accepts(kind) {
            return self.mismatch(accepted);
        }
        self.verify_machine(kind, token).await
    }

    /// `acceptsToken: 'any'` or a list: machine tokens by their type, anything else as a session.
    async fn any_token_in_header(&self, token: String) -> Outcome<H::Machine> {
        if is_machine_token(&token) {
            let kind = machine_token_type(&token);
            if !self.accepts().accepts(kind) {
                return self.mismatch(kind);
            }
            return self.verify_machine(kind, token).await;
        }
        if has_non_session_category(&token) {
            return self.mismatch(TokenType::SessionToken);
        }
        self.verify_header_session(token).await
    }

    // ------------------------------------------------------------------------ session tokens

    async fn session_token_in_header(&self, token: String) -> Outcome<H::Machine> {
        if is_other_class_of_jwt(&token) {
            return self.mismatch(TokenType::SessionToken);
        }
        self.verify_header_session(token).await
    }

    /// A session token from `Authorization`: signed in, or its failure handled (§8).
    async fn verify_header_session(&self, token: String) -> Outcome<H::Machine> {
        match self.host.verify_session(&token).await {
            Ok(claims) => self.signed_in(claims, token, Vec::new()),
            Err(f) => self.session_error(f, Carrier::Header).await,
        }
    }

    /// `handleSessionTokenError`: refresh an expired token when the request allows it, hand the
    /// time failures to a handshake, report the rest.
    async fn session_error(&self, failure: TokenFailure, carrier: Carrier) -> Outcome<H::Machine> {
        let session = self.ctx.session.as_ref();
        let has_refresh = session.is_some_and(|s| s.refresh_token_in_cookie.is_some());
        let get = self.ctx.method == "GET";
        let refresh_error = if failure.reason == Reason::TokenExpired && has_refresh && get {
            match self.attempt_refresh().await {
                Ok(outcome) => return outcome,
                Err(e) => Some(e),
            }
        } else if !get {
            Some(RefreshError::NonEligibleNonGet)
        } else if !has_refresh {
            Some(RefreshError::NonEligibleNoCookie)
        } else {
            None
        };
        let message = failure.full_message(Some(carrier));
        let reason = match failure.reason {
            Reason::TokenExpired => Reason::SessionTokenExpired(
                // Only reachable with a reason; the incumbent would print "null".
                refresh_error.unwrap_or_else(|| RefreshError::Api("null".into())),
            ),
            Reason::TokenNotActiveYet => Reason::SessionTokenNbf,
            Reason::TokenIatInTheFuture => Reason::SessionTokenIatInTheFuture,
            other => return self.signed_out(TokenType::SessionToken, other, message),
        };
        self.maybe_handshake(reason, &message, None)
    }

    /// `attemptRefresh`: new cookies from the Backend API, then the new session token verified.
    async fn attempt_refresh(&self) -> Result<Outcome<H::Machine>, RefreshError> {
        let expired = self
            .ctx
            .session_token()
            .ok_or(RefreshError::MissingSessionToken)?;
        let refresh_token = self
            .ctx
            .session
            .as_ref()
            .and_then(|s| s.refresh_token_in_cookie.as_deref())
            .ok_or(RefreshError::MissingRefreshToken)?;
        let call = refresh::call(&self.ctx, self.req, expired, refresh_token)?;
        let cookies = refresh::cookies(self.host.call(&call).await)?;
        let token = session_from_directives(&cookies);
        let claims = self
            .host
            .verify_session(&token)
            .await
            .map_err(|_| RefreshError::InvalidSessionToken)?;
        let headers = cookies
            .into_iter()
            .map(|c| ("set-cookie".to_string(), c))
            .collect();
        Ok(self.signed_in(claims, token, headers))
    }

    /// `resolveHandshake`: the cookies a handshake (nonce or JWT) carries, as `Set-Cookie`
    /// headers, and the state their session token gives.
    async fn resolve_handshake(&self) -> Handshaken<H::Machine> {
        let Some(session) = &self.ctx.session else {
            return Handshaken::Failed(None);
        };
        let directives = if let Some(nonce) = &session.handshake_nonce {
            match self.host.call(&handshake::payload_call(nonce)).await {
                Ok(payload) => handshake::directives(payload.get("directives")),
                // The incumbent logs the failure and resolves with no cookies.
                Err(_) => Some(Vec::new()),
            }
        } else if let Some(token) = &session.handshake_token {
            match self.host.verify_handshake(token).await {
                Ok(claims) => handshake::directives(claims.get("handshake")),
                Err(f) => return Handshaken::Failed(Some(f)),
            }
        } else {
            Some(Vec::new())
        };
        let Some(directives) = directives else {
            return Handshaken::Failed(None);
        };
        let headers = handshake::resolution_headers(&self.ctx, &directives);
        let token = session_from_directives(&directives);
        if token.is_empty() {
            return Handshaken::Done(Box::new(self.signed_out_with(
                TokenType::SessionToken,
                Reason::SessionTokenMissing,
                String::new(),
                headers,
            )));
        }
        match self.host.verify_session(&token).await {
            Ok(claims) => Handshaken::Done(Box::new(self.signed_in(claims, token, headers))),
            // No 24-hour clock-skew retry in development (docs/auth-flow.md): carry on.
            Err(_) => Handshaken::Failed(None),
        }
    }

    /// `authenticateRequestWithTokenInCookie`.
    async fn session_token_in_cookie(&self) -> Outcome<H::Machine> {
        let Some(session) = &self.ctx.session else {
            return self.signed_out(
                TokenType::SessionToken,
                Reason::UnexpectedError,
                String::new(),
            );
        };
        let o = &self.prepared.options;
        let has_active_client = session.client_uat != 0.0;
        let has_session_token = session.session_token_in_cookie.is_some();
        let has_dev_browser = session.dev_browser_token.is_some();

        if session.handshake_nonce.is_some() || session.handshake_token.is_some() {
            match self.resolve_handshake().await {
                Handshaken::Done(outcome) => return *outcome,
                Handshaken::Failed(Some(f)) if self.is_dev() => {
                    // The incumbent throws here; a signed-out state ends the flow the same way.
                    let message = if f.reason == Reason::TokenInvalidSignature {
                        "Clerk: Handshake token verification failed due to an invalid signature. If you have switched Clerk keys locally, clear your cookies and try again.".to_string()
                    } else {
                        format!(
                            "Clerk: Handshake token verification failed: {}.",
                            f.full_message(None)
                        )
                    };
                    return self.signed_out(TokenType::SessionToken, f.reason, message);
                }
                Handshaken::Failed(_) => {}
            }
        }

        // Multi-domain: a satellite's page load syncs with the primary domain.
        let md_eligible = o.is_satellite
            && self.ctx.sec_fetch_dest.as_deref() == Some("document")
            && self.ctx.method == "GET";
        let synced = self.ctx.clerk_url.query_get("__clerk_synced");
        let needs_sync = synced.as_deref() == Some("false");
        let sync_completed = synced.as_deref() == Some("true");
        let has_cookies = has_session_token || has_active_client;
        let skip_sync = !o.satellite_auto_sync && !has_cookies && !needs_sync;
        if md_eligible && !sync_completed {
            if skip_sync {
                return self.signed_out(
                    TokenType::SessionToken,
                    Reason::SessionTokenAndUatMissing,
                    String::new(),
                );
            }
            if !has_cookies || needs_sync {
                let location = if self.is_dev() {
                    // Development: to the primary's sign-in page, which sends the browser back.
                    let mut to = self.host.parse_url(&o.sign_in_url, None);
                    if let Some(u) = &mut to {
                        let back = self.ctx.clerk_url.href();
                        u.edit_query(|p| url::append(p, "__clerk_redirect_url", &back));
                    }
                    match to {
                        Some(u) => Some(u.href()),
                        None => {
                            return self.signed_out(
                                TokenType::SessionToken,
                                Reason::UnexpectedError,
                                "The signInUrl needs to have a absolute url format.".into(),
                            )
                        }
                    }
                } else {
                    None
                };
                return self.maybe_handshake(Reason::SatelliteCookieNeedsSyncing, "", location);
            }
        }

        // Development primary: a satellite asked to sync; send the browser back to it.
        let redirect_back = self
            .ctx
            .clerk_url
            .query_get("__clerk_redirect_url")
            .filter(|r| !r.is_empty())
            .and_then(|r| self.host.parse_url(&r, None));
        if self.is_dev() && !o.is_satellite {
            if let Some(mut back) = redirect_back {
                back.edit_query(|p| {
                    if let Some(db) = &session.dev_browser_token {
                        url::append(p, cookies::DEV_BROWSER, db);
                    }
                    url::set(p, "__clerk_synced", "true");
                });
                return self.maybe_handshake(
                    Reason::PrimaryRespondsToSyncing,
                    "",
                    Some(back.href()),
                );
            }
        }

        if self.is_dev() && self.ctx.clerk_url.query_has(cookies::DEV_BROWSER) {
            return self.maybe_handshake(Reason::DevBrowserSync, "", None);
        }
        if self.is_dev() && !has_dev_browser {
            return self.maybe_handshake(Reason::DevBrowserMissing, "", None);
        }
        if !has_active_client && !has_session_token {
            return self.signed_out(
                TokenType::SessionToken,
                Reason::SessionTokenAndUatMissing,
                String::new(),
            );
        }
        if !has_active_client && has_session_token {
            return self.maybe_handshake(Reason::SessionTokenWithoutClientUat, "", None);
        }
        if has_active_client && !has_session_token {
            return self.maybe_handshake(Reason::ClientUatWithoutSessionToken, "", None);
        }
        let token = session.session_token_in_cookie.clone().unwrap_or_default();
        let jwt = match peek::decode_checked(&token) {
            Ok(jwt) => jwt,
            Err(message) => {
                let f = TokenFailure::new(Reason::TokenInvalid, message);
                return self.session_error(f, Carrier::Cookie).await;
            }
        };
        if is_other_class(&token, &jwt) {
            return self.mismatch(TokenType::SessionToken);
        }
        if less_than(
            &to_primitive(jwt.claim("iat")),
            &Primitive::Number(session.client_uat),
        ) {
            return self.maybe_handshake(Reason::SessionTokenIatBeforeClientUat, "", None);
        }
        let claims = match self.host.verify_session(&token).await {
            Ok(claims) => claims,
            Err(f) => return self.session_error(f, Carrier::Cookie).await,
        };

        // On the primary domain, a page load that came from another site (a satellite's
        // link) refreshes its cookies first.
        let cross_origin = !o.is_satellite
            && self.ctx.method == "GET"
            && self.ctx.sec_fetch_dest.as_deref() == Some("document")
            && self.ctx.is_cross_origin_referrer(self.host)
            && !self.ctx.is_known_clerk_referrer(self.host)
            && self.redirect_count() == 0.0;
        if cross_origin {
            return self.maybe_handshake(
                Reason::PrimaryDomainCrossOriginSync,
                "Cross-origin request from satellite domain requires handshake",
                None,
            );
        }
        let signed_in = self.signed_in(claims, token, Vec::new());
        if let Some(outcome) = self.organization_sync(&signed_in) {
            return outcome;
        }
        signed_in
    }

    /// `handleMaybeOrganizationSyncHandshake`: a handshake that switches the session's active
    /// organization to the one the URL names (not for pending sessions, not in a loop).
    fn organization_sync(&self, signed_in: &Outcome<H::Machine>) -> Option<Outcome<H::Machine>> {
        let super::state::AuthView::Session(auth) = signed_in.to_auth(true) else {
            return None;
        };
        if !truthy(auth.user_id.as_ref()) {
            return None;
        }
        let target = org_sync::find_target(self.prepared, &self.ctx.clerk_url.pathname, self.host)?;
        if !org_sync::must_activate(&target, auth.org_id.as_ref(), auth.org_slug.as_ref()) {
            return None;
        }
        if self.redirect_count() >= REDIRECT_LOOP_LIMIT {
            return None;
        }
        let state = self.maybe_handshake(Reason::ActiveOrganizationMismatch, "", None);
        (state.status == Status::Handshake).then_some(state)
    }
}
