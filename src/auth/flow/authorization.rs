//! `has()`: `@clerk/shared/authorization`'s `createCheckAuthorization`. Each dimension the
//! caller asks about (organization role/permission, billing feature/plan, reverification) must
//! pass, at least one must be asked, and anything missing or malformed fails closed. Claims are
//! JSON values because the incumbent checks their types at this point, not before.

use serde_json::Value;

/// One `has()` parameter: not given (`undefined`), a string, or something else (which fails).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Asked<T> {
    #[default]
    No,
    Yes(T),
    Invalid,
}

/// `reverification`: a preset name or `{ level, afterMinutes }`.
#[derive(Debug, Clone, PartialEq)]
pub enum Reverification {
    Preset(String),
    Custom {
        level: Option<String>,
        after_minutes: Option<f64>,
    },
}

/// The argument of `has()`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HasQuery {
    pub role: Asked<String>,
    pub permission: Asked<String>,
    pub feature: Asked<String>,
    pub plan: Asked<String>,
    pub reverification: Asked<Reverification>,
}

/// What `has()` decides from (values as the auth object carries them; None is `undefined`).
/// Serialisable: the JS side keeps it, as text, for the `has()` it builds around `authHas`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Authorization {
    pub user_id: Option<Value>,
    pub org_id: Option<Value>,
    pub org_role: Option<Value>,
    pub org_permissions: Option<Value>,
    pub factor_verification_age: Option<Value>,
    /// `sessionClaims.fea || ''`.
    pub features: Option<Value>,
    /// `sessionClaims.pla || ''`.
    pub plans: Option<Value>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Check {
    Pass,
    Fail,
    Skip,
}

fn truthy(v: &Option<Value>) -> bool {
    super::coerce::truthy(v.as_ref())
}

/// `value.replace(/^(org:)*/, 'org:')`.
fn prefix_with_org(value: &str) -> String {
    let mut rest = value;
    while let Some(r) = rest.strip_prefix("org:") {
        rest = r;
    }
    format!("org:{rest}")
}

/// `splitByScope`: `o:`/`u:`/`ou:`/`uo:` elements into organization and user lists; an element
/// without a colon is an error (the incumbent throws).
pub fn split_by_scope(fea: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let (mut org, mut user) = (Vec::new(), Vec::new());
    if fea.is_empty() {
        return Ok((org, user));
    }
    for part in fea.split(',') {
        let part = part.trim();
        let Some((scope, value)) = part.split_once(':') else {
            return Err(format!("Invalid claim element (missing colon): {part}"));
        };
        if matches!(scope, "o" | "ou" | "uo") {
            org.push(value.to_string());
        }
        if matches!(scope, "u" | "ou" | "uo") {
            user.push(value.to_string());
        }
    }
    Ok((org, user))
}

fn has_feature_or_plan(claim: &str, wanted: &str) -> Result<bool, String> {
    let (org, user) = split_by_scope(claim)?;
    let mut parts = wanted.split(':');
    let raw_scope = parts.next().unwrap_or("");
    let raw_id = parts.next();
    let id = raw_id.filter(|s| !s.is_empty()).unwrap_or(raw_scope);
    Ok(match raw_id {
        None => org.iter().chain(&user).any(|f| f == id),
        Some(_) if matches!(raw_scope, "o" | "org" | "organization") => org.iter().any(|f| f == id),
        Some(_) if matches!(raw_scope, "u" | "user") => user.iter().any(|f| f == id),
        Some(_) => return Err(format!("Invalid scope: {raw_scope}")),
    })
}

impl Authorization {
    fn org(&self, q: &HasQuery) -> Check {
        if q.role == Asked::No && q.permission == Asked::No {
            return Check::Skip;
        }
        if q.role == Asked::Invalid || q.permission == Asked::Invalid {
            return Check::Fail;
        }
        if !truthy(&self.org_id) {
            return Check::Fail;
        }
        if let Asked::Yes(role) = &q.role {
            match &self.org_role {
                Some(Value::String(r)) if !r.is_empty() => {
                    if prefix_with_org(r) != prefix_with_org(role) {
                        return Check::Fail;
                    }
                }
                _ => return Check::Fail,
            }
        }
        if let Asked::Yes(permission) = &q.permission {
            let Some(Value::Array(perms)) = &self.org_permissions else {
                return Check::Fail;
            };
            let wanted = prefix_with_org(permission);
            if !perms.iter().any(|p| p.as_str() == Some(wanted.as_str())) {
                return Check::Fail;
            }
        }
        Check::Pass
    }

    fn billing(&self, q: &HasQuery) -> Check {
        if q.feature == Asked::No && q.plan == Asked::No {
            return Check::Skip;
        }
        if q.feature == Asked::Invalid || q.plan == Asked::Invalid {
            return Check::Fail;
        }
        for (asked, claim) in [(&q.feature, &self.features), (&q.plan, &self.plans)] {
            if let Asked::Yes(wanted) = asked {
                let Some(Value::String(claim)) = claim.as_ref().filter(|_| truthy(claim)) else {
                    return Check::Fail;
                };
                if has_feature_or_plan(claim, wanted) != Ok(true) {
                    return Check::Fail;
                }
            }
        }
        Check::Pass
    }

    fn reverification(&self, q: &HasQuery) -> Check {
        let config = match &q.reverification {
            Asked::No => return Check::Skip,
            Asked::Invalid => return Check::Fail,
            Asked::Yes(c) => c,
        };
        // `fva`: [minutes since first factor, minutes since second factor], -1 when not enrolled.
        let Some(Value::Array(ages)) = &self.factor_verification_age else {
            return Check::Fail;
        };
        let age = |v: &Value| {
            v.as_f64()
                .filter(|x| x.is_finite() && (*x == -1.0 || *x >= 0.0))
        };
        let (Some(f1), Some(f2)) = (
            ages.first().and_then(age),
            ages.get(1).and_then(age).filter(|_| ages.len() == 2),
        ) else {
            return Check::Fail;
        };
        let (level, after) = match config {
            Reverification::Preset(name) => match name.as_str() {
                "strict_mfa" => ("multi_factor", 10.0),
                "strict" => ("second_factor", 10.0),
                "moderate" => ("second_factor", 60.0),
                "lax" => ("second_factor", 1440.0),
                _ => return Check::Fail,
            },
            Reverification::Custom {
                level: Some(level),
                after_minutes: Some(after),
            } if *after > 0.0
                && matches!(
                    level.as_str(),
                    "first_factor" | "second_factor" | "multi_factor"
                ) =>
            {
                (level.as_str(), *after)
            }
            Reverification::Custom { .. } => return Check::Fail,
        };
        if f1 == -1.0 && f2 == -1.0 {
            return Check::Fail;
        }
        let fresh1 = f1 != -1.0 && after > f1;
        let fresh2 = f2 != -1.0 && after > f2;
        let pass = match level {
            "first_factor" => fresh1,
            "second_factor" if f2 == -1.0 => fresh1,
            "second_factor" => fresh2,
            // multi_factor: without a second factor, the first decides; without a first, fail.
            _ if f2 == -1.0 => fresh1,
            _ if f1 == -1.0 => false,
            _ => fresh1 && fresh2,
        };
        if pass {
            Check::Pass
        } else {
            Check::Fail
        }
    }

    /// `has(query)`.
    pub fn has(&self, q: &HasQuery) -> bool {
        if !truthy(&self.user_id) {
            return false;
        }
        let results = [self.org(q), self.billing(q), self.reverification(q)];
        results.contains(&Check::Pass) && !results.contains(&Check::Fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn auth(role: Value, perms: Value, fea: &str, pla: &str, fva: Value) -> Authorization {
        Authorization {
            user_id: Some(json!("user_123")),
            org_id: Some(json!("org_123")),
            org_role: Some(role),
            org_permissions: Some(perms),
            factor_verification_age: Some(fva),
            features: Some(json!(fea)),
            plans: Some(json!(pla)),
        }
    }
    fn s(v: &str) -> Asked<String> {
        Asked::Yes(v.to_string())
    }
    fn feature(v: &str) -> HasQuery {
        HasQuery {
            feature: s(v),
            ..HasQuery::default()
        }
    }
    fn preset(v: &str) -> Asked<Reverification> {
        Asked::Yes(Reverification::Preset(v.to_string()))
    }

    // Cases from @clerk/shared's authorization.spec.ts.
    #[test]
    fn features_by_scope() {
        let a = auth(
            json!("admin"),
            json!(["org:read"]),
            "o:reservations,u:dashboard",
            "free_user,plus_user",
            json!([1000, 2000]),
        );
        for (q, want) in [
            ("o:reservations", true),
            ("org:reservations", true),
            ("organization:reservations", true),
            ("reservations", true),
            ("u:dashboard", true),
            ("user:dashboard", true),
            ("dashboard", true),
            ("lol:dashboard", false),
        ] {
            assert_eq!(a.has(&feature(q)), want, "{q}");
        }
        // The plans claim has no scopes: asking for a plan fails closed.
        assert!(!a.has(&HasQuery {
            plan: s("plus_user"),
            ..HasQuery::default()
        }));
    }

    #[test]
    fn fails_closed() {
        let base = || {
            auth(
                json!("org:admin"),
                json!(["org:sys_profile:delete"]),
                "o:premium",
                "u:plus",
                json!([0, 0]),
            )
        };
        assert!(!base().has(&HasQuery::default()));
        let mut a = base();
        a.org_role = Some(json!(123));
        assert!(!a.has(&HasQuery {
            role: s("org:admin"),
            ..HasQuery::default()
        }));
        let mut a = base();
        a.org_permissions = Some(json!({}));
        assert!(!a.has(&HasQuery {
            permission: s("org:sys_profile:delete"),
            ..HasQuery::default()
        }));
        let mut a = base();
        a.features = Some(json!({}));
        assert!(!a.has(&feature("org:premium")));
        for q in [
            HasQuery {
                role: Asked::Invalid,
                ..HasQuery::default()
            },
            HasQuery {
                permission: Asked::Invalid,
                ..HasQuery::default()
            },
            HasQuery {
                feature: Asked::Invalid,
                ..HasQuery::default()
            },
            HasQuery {
                plan: Asked::Invalid,
                ..HasQuery::default()
            },
        ] {
            assert!(!base().has(&q));
        }
        let mut a = base();
        a.factor_verification_age = Some(json!(["0", "0"]));
        assert!(!a.has(&HasQuery {
            reverification: preset("strict_mfa"),
            ..HasQuery::default()
        }));
        let mut a = base();
        a.factor_verification_age = Some(json!([-0.5, 0]));
        assert!(!a.has(&HasQuery {
            reverification: preset("strict"),
            ..HasQuery::default()
        }));
        let mut a = base();
        a.factor_verification_age = Some(Value::Null);
        assert!(!a.has(&HasQuery {
            permission: s("org:sys_profile:delete"),
            reverification: preset("strict"),
            ..HasQuery::default()
        }));
        for custom in [
            Reverification::Custom {
                level: Some("multi_factor".into()),
                after_minutes: None,
            },
            Reverification::Custom {
                level: Some("multi_factor".into()),
                after_minutes: Some(0.0),
            },
            Reverification::Custom {
                level: Some("multi_factor".into()),
                after_minutes: Some(-1.0),
            },
        ] {
            assert!(!base().has(&HasQuery {
                reverification: Asked::Yes(custom),
                ..HasQuery::default()
            }));
        }
        assert!(!base().has(&HasQuery {
            permission: s("org:sys_profile:delete"),
            reverification: preset("invalid-value"),
            ..HasQuery::default()
        }));
        let mut no_org = base();
        no_org.org_id = Some(Value::Null);
        assert!(!no_org.has(&HasQuery {
            role: s("org:admin"),
            reverification: preset("strict"),
            ..HasQuery::default()
        }));
        let mut no_user = base();
        no_user.user_id = None;
        assert!(!no_user.has(&feature("premium")));
    }

    #[test]
    fn and_across_dimensions() {
        let a = auth(
            json!("org:admin"),
            json!(["org:sys_memberships:read"]),
            "o:reservations",
            "u:plus",
            json!([0, 0]),
        );
        let q = |role: Option<&str>, perm: Option<&str>, fea: Option<&str>, pla: Option<&str>| {
            HasQuery {
                role: role.map_or(Asked::No, s),
                permission: perm.map_or(Asked::No, s),
                feature: fea.map_or(Asked::No, s),
                plan: pla.map_or(Asked::No, s),
                reverification: Asked::No,
            }
        };
        assert!(!a.has(&q(
            None,
            Some("org:sys_profile:delete"),
            Some("org:reservations"),
            None
        )));
        assert!(a.has(&q(
            None,
            Some("org:sys_memberships:read"),
            Some("org:reservations"),
            None
        )));
        assert!(!a.has(&q(
            Some("org:admin"),
            Some("org:sys_profile:delete"),
            None,
            None
        )));
        assert!(a.has(&q(Some("admin"), Some("sys_memberships:read"), None, None)));
        assert!(!a.has(&q(
            Some("org:member"),
            Some("org:sys_memberships:read"),
            None,
            None
        )));
        assert!(a.has(&q(None, None, Some("org:reservations"), Some("u:plus"))));
        assert!(!a.has(&q(None, None, Some("org:reservations"), Some("u:free"))));
        assert!(!a.has(&q(Some("org:admin"), None, Some("org:missing"), None)));
        assert!(a.has(&HasQuery {
            permission: s("org:sys_memberships:read"),
            feature: s("org:reservations"),
            reverification: preset("strict"),
            ..HasQuery::default()
        }));
    }

    #[test]
    fn reverification_levels() {
        let with = |fva: Value| auth(json!("org:admin"), json!(["org:p"]), "", "", fva);
        let rv = |p: &str| HasQuery {
            permission: s("org:p"),
            reverification: preset(p),
            ..HasQuery::default()
        };
        assert!(with(json!([0, -1])).has(&rv("strict_mfa")));
        assert!(!with(json!([-1, -1])).has(&rv("strict")));
        assert!(with(json!([5, 9])).has(&rv("strict")));
        assert!(!with(json!([5, 10])).has(&rv("strict")));
        assert!(!with(json!([-1, 5])).has(&rv("strict_mfa")));
        assert!(with(json!([-1, 5])).has(&rv("strict")));
        assert!(with(json!([59, 61])).has(&HasQuery {
            reverification: Asked::Yes(Reverification::Custom {
                level: Some("first_factor".into()),
                after_minutes: Some(60.0)
            }),
            ..HasQuery::default()
        }));
    }

    #[test]
    fn splits_by_scope() {
        let (o, u) =
            split_by_scope("o:reservations,u:dashboard,ou:support-chat,uo:billing").unwrap();
        assert_eq!(o, ["reservations", "support-chat", "billing"]);
        assert_eq!(u, ["dashboard", "support-chat", "billing"]);
        assert_eq!(
            split_by_scope("reservations,dashboard").unwrap_err(),
            "Invalid claim element (missing colon): reservations"
        );
    }
}
