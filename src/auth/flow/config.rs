//! authenticateRequest's options, checked once before any request is looked at. Every check the
//! incumbent makes by throwing from inside a request (missing keys, a satellite without
//! `signInUrl` or `domain`/`proxyUrl`, an org-sync pattern path-to-regexp refuses, a Frontend API
//! URL that cannot be built) is a [`ConfigError`] here, naming the option, so stage 2 raises it
//! as an `InvalidRequestError` before the first request instead of failing some requests.

use super::host::Host;
use super::path_pattern::PathMatcher;
use super::publishable_key::{self, InstanceType, PublishableKey};
use crate::auth::token_kind::{Accepts, TokenType};

/// The options the flow reads. Empty strings are "not set", as the incumbent's `||` treats them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    pub publishable_key: String,
    pub secret_key: String,
    pub machine_secret_key: String,
    pub proxy_url: String,
    pub domain: String,
    pub is_satellite: bool,
    pub sign_in_url: String,
    pub sign_up_url: String,
    pub after_sign_in_url: String,
    pub after_sign_up_url: String,
    /// `satelliteAutoSync` (default false: a satellite without cookies stays signed out).
    pub satellite_auto_sync: bool,
    pub accepts_token: Accepts,
    pub organization_sync: Option<OrganizationSyncOptions>,
    /// Other option values `debug()` shows, as the incumbent's context holds every option
    /// (`jwtKey`, `apiUrl`, `audience`, ...; credentials are cut when the debug data is made).
    pub debug_options: serde_json::Map<String, serde_json::Value>,
}

/// `organizationSyncOptions`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrganizationSyncOptions {
    pub organization_patterns: Option<Vec<String>>,
    pub personal_account_patterns: Option<Vec<String>>,
}

/// An option the flow cannot work with: which one, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub option: &'static str,
    pub message: String,
}

fn err(option: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        option,
        message: message.into(),
    }
}

/// Checked options with what they imply.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub options: Options,
    /// None for `acceptsToken: 'api_key' | 'm2m_token'`, which read no cookies.
    pub key: Option<PublishableKey>,
    pub organization_matcher: Option<PathMatcher>,
    pub personal_account_matcher: Option<PathMatcher>,
}

fn matcher(
    patterns: &Option<Vec<String>>,
    option: &'static str,
    host: &impl Host,
) -> Result<Option<PathMatcher>, ConfigError> {
    let Some(patterns) = patterns else {
        return Ok(None);
    };
    PathMatcher::new(patterns, host).map(Some).map_err(|e| {
        err(
            option,
            format!("Invalid pattern \"{}\": {e}", patterns.join(",")),
        )
    })
}

/// The base every handshake URL is resolved against (`buildRedirectToHandshake`).
pub fn frontend_api_base(frontend_api: &str) -> String {
    let base = if frontend_api.starts_with("http") {
        frontend_api.to_string()
    } else {
        format!("https://{frontend_api}")
    };
    format!("{}/", base.trim_end_matches('/'))
}

impl Prepared {
    pub fn new(options: Options, host: &impl Host) -> Result<Prepared, ConfigError> {
        let o = &options;
        let session_flows = !matches!(
            o.accepts_token,
            Accepts::One(TokenType::M2mToken | TokenType::ApiKey)
        );
        // The incumbent reads the publishable key first (building its context), then the keys.
        let key = if session_flows {
            Some(
                publishable_key::parse(&o.publishable_key)
                    .map_err(|e| err("publishableKey", e.message()))?,
            )
        } else {
            None
        };
        if o.accepts_token == Accepts::One(TokenType::M2mToken) {
            if o.machine_secret_key.is_empty() && o.secret_key.is_empty() {
                return Err(err(
                    "machineSecretKey",
                    "Machine token authentication requires either a Machine secret key or a Clerk secret key. Ensure a Clerk secret key or Machine secret key is set.",
                ));
            }
        } else if o.secret_key.is_empty() {
            return Err(err(
                "secretKey",
                "Missing Clerk Secret Key. Go to https://dashboard.clerk.com and get your key for your instance.",
            ));
        }
        if o.is_satellite && o.accepts_token != Accepts::One(TokenType::M2mToken) {
            let dev = publishable_key::is_development_secret_key(&o.secret_key)
                || key
                    .as_ref()
                    .is_some_and(|k| k.instance_type == InstanceType::Development);
            if o.sign_in_url.is_empty() && dev {
                return Err(err(
                    "signInUrl",
                    "Missing signInUrl. Pass a signInUrl for dev instances if an app is satellite",
                ));
            }
            if !o.sign_in_url.is_empty() && host.parse_url(&o.sign_in_url, None).is_none() {
                return Err(err(
                    "signInUrl",
                    "The signInUrl needs to have a absolute url format.",
                ));
            }
            if o.proxy_url.is_empty() && o.domain.is_empty() {
                return Err(err(
                    "domain",
                    "Missing domain and proxyUrl. A satellite application needs to specify a domain or a proxyUrl",
                ));
            }
        }
        if let Some(k) = &key {
            // A relative proxyUrl is resolved against each request's origin; anything else must
            // make a URL that handshake redirects can be built on.
            if !o.proxy_url.starts_with('/') {
                let fapi = k.frontend_api_with(&o.proxy_url, &o.domain, o.is_satellite);
                let base = frontend_api_base(&fapi);
                if host.parse_url("v1/client/handshake", Some(&base)).is_none() {
                    let option = if o.proxy_url.is_empty() {
                        "domain"
                    } else {
                        "proxyUrl"
                    };
                    return Err(err(
                        option,
                        format!("The Frontend API URL derived from {option} is not a valid URL."),
                    ));
                }
            }
        }
        let (organization_matcher, personal_account_matcher) = match &o.organization_sync {
            None => (None, None),
            Some(sync) => (
                matcher(
                    &sync.organization_patterns,
                    "organizationSyncOptions.organizationPatterns",
                    host,
                )?,
                matcher(
                    &sync.personal_account_patterns,
                    "organizationSyncOptions.personalAccountPatterns",
                    host,
                )?,
            ),
        };
        Ok(Prepared {
            key,
            organization_matcher,
            personal_account_matcher,
            options,
        })
    }
}
