//! Names: resource groups, method names, parameter keys and TypeScript identifiers.
//! The rules are the "Naming" section of docs/architecture.md.

use crate::spec::Result;

/// Splits an identifier into words at `_`, `-`, spaces, dots and camelCase boundaries,
/// keeping acronyms together (`apiKeyID` → `api`, `Key`, `ID`).
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|c| !c.is_empty())
    {
        let chars: Vec<char> = chunk.chars().collect();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            if i > 0 && c.is_ascii_uppercase() {
                let prev = chars[i - 1];
                let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
                let boundary = prev.is_ascii_lowercase()
                    || prev.is_ascii_digit()
                    || (prev.is_ascii_uppercase() && next_lower);
                if boundary && !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            word.push(c);
        }
        out.push(word);
    }
    out
}

fn capitalized(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// lowerCamelCase of words: `["API", "Keys"]` → `apiKeys`.
pub fn camel_words(ws: &[String]) -> String {
    let mut out = String::new();
    for (i, w) in ws.iter().enumerate() {
        if i == 0 {
            out.push_str(&w.to_ascii_lowercase());
        } else {
            out.push_str(&capitalized(w));
        }
    }
    out
}

/// snake_case of a parameter name; snake_case names are returned unchanged.
pub fn snake(s: &str) -> String {
    if !s.chars().any(|c| c.is_ascii_uppercase()) {
        return s.to_string();
    }
    let ws: Vec<String> = words(s).iter().map(|w| w.to_ascii_lowercase()).collect();
    ws.join("_")
}

/// First letter upper-cased, the rest kept: `emailSMSTemplates` → `EmailSMSTemplates`.
pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// Group and method of an operation without `x-speakeasy-group`/`-name-override`.
///
/// group = camelCase of the tag. method = the operationId's words minus the tag's noun
/// (plural, else singular = last word without its `s`), camelCased; `get` + plural → `list`;
/// an operationId without the noun keeps all its words.
pub fn derive_name(tag: &str, operation_id: &str) -> Result<(String, String)> {
    let tag_words: Vec<String> = tag
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if tag_words.is_empty() {
        return Err(format!("{operation_id}: tag {tag:?} has no words"));
    }
    let group = camel_words(&tag_words);
    let plural = tag_words.clone();
    let mut singular = tag_words;
    if let Some(last) = singular.last_mut() {
        if let Some(stem) = last.strip_suffix('s') {
            *last = stem.to_string();
        }
    }
    let op_words = words(operation_id);
    let lower: Vec<String> = op_words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let find = |noun: &[String]| lower.windows(noun.len()).position(|w| w == noun);
    let (mut rest, is_plural) = match (find(&plural), find(&singular)) {
        (Some(at), _) => (remove(&lower, at, plural.len()), true),
        (None, Some(at)) => (remove(&lower, at, singular.len()), false),
        (None, None) => (lower.clone(), false),
    };
    if rest.is_empty() {
        return Err(format!(
            "{operation_id}: nothing left after removing the noun of tag {tag:?}"
        ));
    }
    if is_plural && rest[0] == "get" {
        rest[0] = "list".to_string();
    }
    Ok((group, camel_words(&rest)))
}

fn remove(ws: &[String], at: usize, len: usize) -> Vec<String> {
    ws[..at].iter().chain(&ws[at + len..]).cloned().collect()
}

/// A `components.schemas` key as a TypeScript identifier: split at every character that is
/// not a letter or digit, upper-case each part's first letter, join
/// (`JWKS.ed25519.PublicKey` → `JWKSEd25519PublicKey`, `verification_otp` → `VerificationOtp`,
/// `CommercePlan-2` → `CommercePlan2`); a leading digit gets a `_` prefix.
pub fn ts_ident(name: &str) -> String {
    let joined: String = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(upper_first)
        .collect();
    if joined.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{joined}")
    } else {
        joined
    }
}

/// A property name usable unquoted in TypeScript.
pub fn is_ts_ident(s: &str) -> bool {
    let mut c = s.chars();
    c.next()
        .is_some_and(|f| f.is_ascii_alphabetic() || f == '_' || f == '$')
        && c.all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '$')
}

/// File stem of a group's Rust module: `emailSMSTemplates` → `email_sms_templates`.
pub fn module_name(group: &str) -> String {
    snake(group)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_the_twelve_unnamed_operations() {
        let cases = [
            (
                "Instance Settings",
                "GetInstanceProtect",
                "instanceSettings",
                "getInstanceProtect",
            ),
            (
                "Instance Settings",
                "UpdateInstanceProtect",
                "instanceSettings",
                "updateInstanceProtect",
            ),
            (
                "Admin Portal Link Tokens",
                "createAdminPortalLinkToken",
                "adminPortalLinkTokens",
                "create",
            ),
            (
                "Admin Portal Link Tokens",
                "revokeAdminPortalLinkToken",
                "adminPortalLinkTokens",
                "revoke",
            ),
            ("API Keys", "createApiKey", "apiKeys", "create"),
            ("API Keys", "getApiKeys", "apiKeys", "list"),
            ("API Keys", "getApiKey", "apiKeys", "get"),
            ("API Keys", "updateApiKey", "apiKeys", "update"),
            ("API Keys", "deleteApiKey", "apiKeys", "delete"),
            ("API Keys", "getApiKeySecret", "apiKeys", "getSecret"),
            ("API Keys", "revokeApiKey", "apiKeys", "revoke"),
            ("API Keys", "verifyApiKey", "apiKeys", "verify"),
        ];
        for (tag, id, group, method) in cases {
            assert_eq!(
                derive_name(tag, id).unwrap(),
                (group.to_string(), method.to_string()),
                "{id}"
            );
        }
    }

    #[test]
    fn a_bare_noun_is_an_error() {
        assert!(derive_name("API Keys", "apiKeys").is_err());
    }

    #[test]
    fn normalises_camel_case_params() {
        assert_eq!(snake("apiKeyID"), "api_key_id");
        assert_eq!(
            snake("adminPortalLinkTokenID"),
            "admin_portal_link_token_id"
        );
        assert_eq!(snake("statementID"), "statement_id");
        assert_eq!(snake("frontendApi"), "frontend_api");
        assert_eq!(snake("user_id"), "user_id");
        assert_eq!(snake("oauth2_token"), "oauth2_token");
    }

    #[test]
    fn sanitises_schema_names() {
        assert_eq!(ts_ident("JWKS.ed25519.PublicKey"), "JWKSEd25519PublicKey");
        assert_eq!(ts_ident("verification_otp"), "VerificationOtp");
        assert_eq!(ts_ident("CommercePlan-2"), "CommercePlan2");
        assert_eq!(ts_ident("User"), "User");
        assert_eq!(ts_ident("2fa"), "_2fa");
    }

    #[test]
    fn module_names_are_snake_case() {
        assert_eq!(module_name("emailSMSTemplates"), "email_sms_templates");
        assert_eq!(module_name("m2m"), "m2m");
        assert_eq!(module_name("oauthAccessTokens"), "oauth_access_tokens");
    }
}
