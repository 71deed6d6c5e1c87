//! `organizationSyncOptions`: which organization (or the personal account) a URL's path names,
//! whether the session must switch to it, and the query parameter that asks FAPI to.

use super::config::Prepared;
use super::host::Host;
use super::path_pattern::Param;
use serde_json::Value;

/// `OrganizationSyncTarget`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// By `:id` (checked first) or `:slug`; repeated parameters keep their segments.
    OrganizationId(Param),
    OrganizationSlug(Param),
    PersonalAccount,
}

/// `OrganizationMatcher.findTarget(url)`: organization patterns first, then personal-account ones.
pub fn find_target(prepared: &Prepared, pathname: &str, host: &impl Host) -> Option<Target> {
    if let Some(params) = prepared
        .organization_matcher
        .as_ref()
        .and_then(|m| m.matches(pathname, host))
    {
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .filter(|v| *v != Param::One(String::new()))
        };
        if let Some(id) = get("id") {
            return Some(Target::OrganizationId(id));
        }
        if let Some(slug) = get("slug") {
            return Some(Target::OrganizationSlug(slug));
        }
        // A match without an id or slug falls through to the personal-account patterns.
    }
    prepared
        .personal_account_matcher
        .as_ref()
        .and_then(|m| m.matches(pathname, host))
        .map(|_| Target::PersonalAccount)
}

/// The handshake URL's parameter for a target (`organization_id`, empty for the personal account;
/// a slug goes in `organization_id` too, as the incumbent sends it).
pub fn query_param(target: &Target) -> (String, String) {
    let value = match target {
        Target::PersonalAccount => String::new(),
        Target::OrganizationId(p) | Target::OrganizationSlug(p) => p.to_js_string(),
    };
    ("organization_id".to_string(), value)
}

/// Whether the signed-in session's active organization differs from the target's.
pub fn must_activate(target: &Target, org_id: Option<&Value>, org_slug: Option<&Value>) -> bool {
    let differs = |want: &Param, have: Option<&Value>| match (want, have) {
        (Param::One(w), Some(Value::String(h))) => w != h,
        _ => true,
    };
    match target {
        Target::OrganizationId(id) => differs(id, org_id),
        Target::OrganizationSlug(slug) => differs(slug, org_slug),
        Target::PersonalAccount => super::coerce::truthy(org_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::flow::config::{Options, OrganizationSyncOptions, Prepared};
    use crate::auth::flow::path_pattern::PathMatcher;
    use crate::auth::flow::testing::TestHost;
    use serde_json::json;

    fn prepared(org: &[&str], personal: &[&str]) -> Prepared {
        let host = TestHost::default();
        let m = |p: &[&str]| (!p.is_empty()).then(|| PathMatcher::new(p, &host).unwrap());
        Prepared {
            options: Options {
                organization_sync: Some(OrganizationSyncOptions::default()),
                ..Options::default()
            },
            key: None,
            organization_matcher: m(org),
            personal_account_matcher: m(personal),
        }
    }

    // The incumbent's getOrganizationSyncTarget and OrganizationMatcher tests.
    #[test]
    fn targets() {
        let one = |s: &str| Param::One(s.to_string());
        let p = prepared(&["/orgs/:id", "/orgs/:id/", "/orgs/:id/(.*)"], &[]);
        assert_eq!(
            find_target(&p, "/orgs/org_foo", &TestHost::default()),
            Some(Target::OrganizationId(one("org_foo")))
        );
        assert_eq!(
            find_target(&p, "/orgs/org_foo/", &TestHost::default()),
            Some(Target::OrganizationId(one("org_foo")))
        );
        assert_eq!(
            find_target(&p, "/orgs/org_foo/a/b", &TestHost::default()),
            Some(Target::OrganizationId(one("org_foo")))
        );
        assert_eq!(
            find_target(&p, "/personal-account/x", &TestHost::default()),
            None
        );
        let p = prepared(&["/orgs/:id", "/orgs/:slug"], &[]);
        assert_eq!(
            find_target(&p, "/orgs/my-org", &TestHost::default()),
            Some(Target::OrganizationId(one("my-org")))
        );
        let p = prepared(&["/orgs/:slug"], &["/", "/(.*)"]);
        assert_eq!(
            find_target(&p, "/orgs/my-org", &TestHost::default()),
            Some(Target::OrganizationSlug(one("my-org")))
        );
        assert_eq!(
            find_target(&p, "/settings", &TestHost::default()),
            Some(Target::PersonalAccount)
        );
        let p = prepared(&["/orgs/:id"], &["/orgs/:id"]);
        assert_eq!(
            find_target(&p, "/orgs/1", &TestHost::default()),
            Some(Target::OrganizationId(one("1")))
        );
        let p = prepared(&["/user/:any"], &[]);
        assert_eq!(find_target(&p, "/user/1", &TestHost::default()), None);
        let p = prepared(&["/user/:any"], &["/user/(.*)"]);
        assert_eq!(
            find_target(&p, "/user/1", &TestHost::default()),
            Some(Target::PersonalAccount)
        );
    }

    #[test]
    fn activation() {
        let id = Target::OrganizationId(Param::One("org_1".into()));
        assert!(!must_activate(&id, Some(&json!("org_1")), None));
        assert!(must_activate(&id, Some(&json!("org_2")), None));
        assert!(must_activate(&id, None, None));
        let many = Target::OrganizationId(Param::Many(vec!["org_1".into()]));
        assert!(must_activate(&many, Some(&json!("org_1")), None));
        assert!(must_activate(
            &Target::PersonalAccount,
            Some(&json!("org_1")),
            None
        ));
        assert!(!must_activate(&Target::PersonalAccount, None, None));
        assert_eq!(
            query_param(&Target::PersonalAccount),
            ("organization_id".into(), "".into())
        );
        assert_eq!(query_param(&many).1, "org_1");
    }
}
