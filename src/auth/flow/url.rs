//! A parsed WHATWG URL as plain data, and the `URLSearchParams` operations the flow uses.
//! Parsing itself is the host's (`Host::parse_url`): in wasm the runtime's own `URL`, the one
//! the incumbent uses, so host normalisation, IPv4 forms and IDNA agree by construction; in
//! native tests the `url` crate. Changing a URL's query re-serialises it as
//! `application/x-www-form-urlencoded` (the URL standard's "update steps"): `?a=b%20c` comes
//! back as `?a=b+c` after any `searchParams` call that edits it, exactly as in the incumbent.

/// The components of a parsed URL, as `URL`'s getters return them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Url {
    /// With the colon: `https:`.
    pub protocol: String,
    pub username: String,
    pub password: String,
    pub hostname: String,
    /// Empty for the scheme's default port.
    pub port: String,
    pub pathname: String,
    /// Empty or `?` + query.
    pub search: String,
    /// Empty or `#` + fragment.
    pub hash: String,
}

const SPECIAL: [&str; 6] = ["http:", "https:", "ws:", "wss:", "ftp:", "file:"];

impl Url {
    pub fn host(&self) -> String {
        if self.port.is_empty() {
            self.hostname.clone()
        } else {
            format!("{}:{}", self.hostname, self.port)
        }
    }

    /// `URL.origin`: `scheme://host[:port]` for http(s), ws(s), ftp; `null` otherwise.
    pub fn origin(&self) -> String {
        if SPECIAL.contains(&self.protocol.as_str()) && self.protocol != "file:" {
            format!("{}//{}", self.protocol, self.host())
        } else {
            "null".to_string()
        }
    }

    /// `URL.href`.
    pub fn href(&self) -> String {
        let mut out = self.protocol.clone();
        let has_authority = SPECIAL.contains(&self.protocol.as_str()) || !self.hostname.is_empty();
        if has_authority {
            out.push_str("//");
            if !self.username.is_empty() || !self.password.is_empty() {
                out.push_str(&self.username);
                if !self.password.is_empty() {
                    out.push(':');
                    out.push_str(&self.password);
                }
                out.push('@');
            }
            out.push_str(&self.host());
        }
        out.push_str(&self.pathname);
        out.push_str(&self.search);
        out.push_str(&self.hash);
        out
    }

    /// `url.searchParams` as name/value pairs, decoded.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        parse_query(&self.search)
    }

    /// `url.searchParams.get(name)`.
    pub fn query_get(&self, name: &str) -> Option<String> {
        self.query_pairs()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// `url.searchParams.has(name)`.
    pub fn query_has(&self, name: &str) -> bool {
        self.query_pairs().iter().any(|(k, _)| k == name)
    }

    /// Runs `edit` on the query pairs, then re-serialises the query (even when nothing changed,
    /// as every `URLSearchParams` mutation does).
    pub fn edit_query(&mut self, edit: impl FnOnce(&mut Vec<(String, String)>)) {
        let mut pairs = self.query_pairs();
        edit(&mut pairs);
        let serialized = serialize_query(&pairs);
        self.search = if serialized.is_empty() {
            String::new()
        } else {
            format!("?{serialized}")
        };
    }
}

/// `searchParams.delete(name)`.
pub fn delete(pairs: &mut Vec<(String, String)>, name: &str) {
    pairs.retain(|(k, _)| k != name);
}

/// `searchParams.set(name, value)`: the first pair with that name takes the value, later ones go.
pub fn set(pairs: &mut Vec<(String, String)>, name: &str, value: &str) {
    if let Some(i) = pairs.iter().position(|(k, _)| k == name) {
        pairs[i].1 = value.to_string();
        let mut seen = 0;
        pairs.retain(|(k, _)| {
            if k == name {
                seen += 1;
                seen == 1
            } else {
                true
            }
        });
    } else {
        pairs.push((name.to_string(), value.to_string()));
    }
}

/// `searchParams.append(name, value)`.
pub fn append(pairs: &mut Vec<(String, String)>, name: &str, value: &str) {
    pairs.push((name.to_string(), value.to_string()));
}

/// `new URLSearchParams(search)`.
pub fn parse_query(search: &str) -> Vec<(String, String)> {
    let q = search.strip_prefix('?').unwrap_or(search);
    form_urlencoded::parse(q.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// `URLSearchParams.toString()`.
pub fn serialize_query(pairs: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(search: &str) -> Url {
        Url {
            protocol: "https:".into(),
            hostname: "app.example".into(),
            port: "8443".into(),
            pathname: "/x".into(),
            search: search.into(),
            ..Url::default()
        }
    }

    #[test]
    fn href_origin_and_query() {
        let url = u("?a=b%20c&a=2&e");
        assert_eq!(url.href(), "https://app.example:8443/x?a=b%20c&a=2&e");
        assert_eq!(url.origin(), "https://app.example:8443");
        assert_eq!(url.query_get("a").as_deref(), Some("b c"));
        assert!(url.query_has("e"));
        assert_eq!(url.query_get("e").as_deref(), Some(""));
    }

    #[test]
    fn edits_reserialize_like_url_search_params() {
        let mut url = u("?a=b%20c&e&x=1");
        url.edit_query(|p| delete(p, "x"));
        assert_eq!(url.search, "?a=b+c&e=");
        url.edit_query(|p| {
            delete(p, "a");
            delete(p, "e");
        });
        assert_eq!(url.search, "");
        assert_eq!(url.href(), "https://app.example:8443/x");
        let mut url = u("?s=false&k=1&s=again");
        url.edit_query(|p| set(p, "s", "true"));
        assert_eq!(url.search, "?s=true&k=1");
        url.edit_query(|p| append(p, "r", "https://a.b/?c=d e"));
        assert_eq!(url.search, "?s=true&k=1&r=https%3A%2F%2Fa.b%2F%3Fc%3Dd+e");
    }
}
