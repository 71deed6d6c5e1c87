//! Path patterns as `@clerk/shared/pathToRegexp`'s `match()` compiles them (path-to-regexp
//! 6.x, options as the incumbent passes them: case-insensitive, not strict, anchored at both
//! ends, an optional trailing delimiter, parameters not decoded). `organizationSyncOptions`
//! uses these to find the organization a URL names.
//!
//! Tokenising, parsing and compiling follow path-to-regexp line by line, with its error
//! messages, so an invalid pattern is refused when the options are read (the incumbent throws on
//! every request). The result is what path-to-regexp builds: the source of ONE JavaScript
//! regular expression for all the patterns (`(?:^...$|^...$)`, flag `i`) and the list of its
//! parameters. The regular expression itself is run by the host (`Host::regex_exec`): in wasm
//! the runtime's own `RegExp`, exactly the engine the incumbent's patterns run on (custom
//! parameter patterns such as `(.*)` or `(\d+)` are JavaScript regex syntax), at no cost in
//! wasm size; in native tests a regex crate.

use super::host::Host;

/// A compiled `match([...patterns])`: the regular expression's source and its parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct PathMatcher {
    /// The source of a JavaScript `RegExp` (to be compiled with flag `i`).
    pub source: String,
    keys: Vec<Key>,
}

#[derive(Debug, Clone, PartialEq)]
struct Key {
    name: KeyName,
    prefix: String,
    suffix: String,
    repeated: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum KeyName {
    Named(String),
    Index(usize),
}

impl KeyName {
    /// The name as JS shows it (`String(name)`).
    fn text(&self) -> String {
        match self {
            KeyName::Named(n) => n.clone(),
            KeyName::Index(i) => i.to_string(),
        }
    }
}

/// A parameter's value: repeated parameters (`:id+`, `:id*`) split into their segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    One(String),
    Many(Vec<String>),
}

impl Param {
    /// The value as JavaScript's `String(value)` shows it (arrays joined with `,`).
    pub fn to_js_string(&self) -> String {
        match self {
            Param::One(s) => s.clone(),
            Param::Many(v) => v.join(","),
        }
    }
}

// ---------------------------------------------------------------- tokens (path-to-regexp `lexer`)

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Modifier(char),
    Escaped(Option<char>),
    Open,
    Close,
    Name(String),
    Pattern(String),
    Char(char),
    End,
}

fn lex(s: &[char]) -> Result<Vec<(Tok, usize)>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        match c {
            '*' | '+' | '?' => {
                out.push((Tok::Modifier(c), i));
                i += 1;
            }
            '\\' => {
                out.push((Tok::Escaped(s.get(i + 1).copied()), i));
                i += 2;
            }
            '{' => {
                out.push((Tok::Open, i));
                i += 1;
            }
            '}' => {
                out.push((Tok::Close, i));
                i += 1;
            }
            ':' => {
                let mut j = i + 1;
                while j < s.len() && (s[j].is_ascii_alphanumeric() || s[j] == '_') {
                    j += 1;
                }
                if j == i + 1 {
                    return Err(format!("Missing parameter name at {i}"));
                }
                out.push((Tok::Name(s[i + 1..j].iter().collect()), i));
                i = j;
            }
            '(' => {
                let mut depth = 1;
                let mut pattern = String::new();
                let mut j = i + 1;
                if s.get(j) == Some(&'?') {
                    return Err(format!("Pattern cannot start with \"?\" at {j}"));
                }
                while j < s.len() {
                    if s[j] == '\\' {
                        pattern.push('\\');
                        match s.get(j + 1) {
                            Some(&n) => pattern.push(n),
                            None => pattern.push_str("undefined"),
                        }
                        j += 2;
                        continue;
                    }
                    if s[j] == ')' {
                        depth -= 1;
                        if depth == 0 {
                            j += 1;
                            break;
                        }
                    } else if s[j] == '(' {
                        depth += 1;
                        if s.get(j + 1) != Some(&'?') {
                            return Err(format!("Capturing groups are not allowed at {j}"));
                        }
                    }
                    pattern.push(s[j]);
                    j += 1;
                }
                if depth != 0 {
                    return Err(format!("Unbalanced pattern at {i}"));
                }
                if pattern.is_empty() {
                    return Err(format!("Missing pattern at {i}"));
                }
                out.push((Tok::Pattern(pattern), i));
                i = j;
            }
            _ => {
                out.push((Tok::Char(c), i));
                i += 1;
            }
        }
    }
    out.push((Tok::End, s.len()));
    Ok(out)
}

// ------------------------------------------------------------------ parse (path-to-regexp `parse`)

const PREFIXES: &str = "./";

#[derive(Debug, Clone)]
enum Part {
    Text(String),
    Key {
        name: KeyName,
        prefix: String,
        suffix: String,
        /// None: a group without a parameter (`{/x}?`).
        pattern: Option<PatternSrc>,
        modifier: Option<char>,
    },
}

#[derive(Debug, Clone)]
enum PatternSrc {
    /// `[^/#?]+?`, or `(?:(?!text)[^/#?])+?` after text without a delimiter.
    Default {
        not_before: Option<String>,
    },
    Custom(String),
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    i: usize,
}

impl Parser {
    fn kind(t: &Tok) -> &'static str {
        match t {
            Tok::Modifier(_) => "MODIFIER",
            Tok::Escaped(_) => "ESCAPED_CHAR",
            Tok::Open => "OPEN",
            Tok::Close => "CLOSE",
            Tok::Name(_) => "NAME",
            Tok::Pattern(_) => "PATTERN",
            Tok::Char(_) => "CHAR",
            Tok::End => "END",
        }
    }

    fn try_consume(&mut self, kind: &str) -> Option<Tok> {
        let (t, _) = self.toks.get(self.i)?;
        if Self::kind(t) == kind {
            self.i += 1;
            Some(t.clone())
        } else {
            None
        }
    }

    fn must_consume(&mut self, kind: &str) -> Result<(), String> {
        if self.try_consume(kind).is_some() {
            return Ok(());
        }
        let (t, index) = &self.toks[self.i.min(self.toks.len() - 1)];
        Err(format!(
            "Unexpected {} at {}, expected {}",
            Self::kind(t),
            index,
            kind
        ))
    }

    fn char(&mut self) -> Option<String> {
        match self.try_consume("CHAR") {
            Some(Tok::Char(c)) => Some(c.to_string()),
            _ => None,
        }
    }

    fn escaped(&mut self) -> Option<String> {
        match self.try_consume("ESCAPED_CHAR") {
            Some(Tok::Escaped(Some(c))) => Some(c.to_string()),
            _ => None,
        }
    }

    fn name(&mut self) -> Option<String> {
        match self.try_consume("NAME") {
            Some(Tok::Name(n)) => Some(n),
            _ => None,
        }
    }

    fn pattern(&mut self) -> Option<String> {
        match self.try_consume("PATTERN") {
            Some(Tok::Pattern(p)) => Some(p),
            _ => None,
        }
    }

    fn modifier(&mut self) -> Option<char> {
        match self.try_consume("MODIFIER") {
            Some(Tok::Modifier(m)) => Some(m),
            _ => None,
        }
    }

    fn text(&mut self) -> String {
        let mut out = String::new();
        loop {
            if let Some(c) = self.char() {
                out.push_str(&c);
            } else if let Some(c) = self.escaped() {
                out.push_str(&c);
            } else {
                return out;
            }
        }
    }
}

/// The default parameter pattern, given the text just before the parameter.
fn safe_pattern(result: &[Part], prefix: &str) -> Result<PatternSrc, String> {
    let prev = result.last();
    let prev_text = if !prefix.is_empty() {
        prefix.to_string()
    } else {
        match prev {
            Some(Part::Text(t)) => t.clone(),
            _ => String::new(),
        }
    };
    if let Some(Part::Key { name, .. }) = prev {
        if prev_text.is_empty() {
            return Err(format!(
                "Must have text between two parameters, missing text after \"{}\"",
                name.text()
            ));
        }
    }
    if prev_text.is_empty() || prev_text.chars().any(|c| DELIMITERS.contains(c)) {
        Ok(PatternSrc::Default { not_before: None })
    } else {
        Ok(PatternSrc::Default {
            not_before: Some(prev_text),
        })
    }
}

fn parse(pattern: &str) -> Result<Vec<Part>, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut p = Parser {
        toks: lex(&chars)?,
        i: 0,
    };
    let mut result: Vec<Part> = Vec::new();
    let mut key = 0usize;
    let mut path = String::new();
    while p.i < p.toks.len() {
        let ch = p.char();
        let name = p.name();
        let pat = p.pattern();
        if name.is_some() || pat.is_some() {
            let mut prefix = ch.unwrap_or_default();
            if !PREFIXES.contains(prefix.as_str()) {
                path.push_str(&prefix);
                prefix.clear();
            }
            if !path.is_empty() {
                result.push(Part::Text(std::mem::take(&mut path)));
            }
            let key_name = match name {
                Some(n) => KeyName::Named(n),
                None => {
                    key += 1;
                    KeyName::Index(key - 1)
                }
            };
            let pattern = match pat {
                Some(c) => PatternSrc::Custom(c),
                None => safe_pattern(&result, &prefix)?,
            };
            let modifier = p.modifier();
            result.push(Part::Key {
                name: key_name,
                prefix,
                suffix: String::new(),
                pattern: Some(pattern),
                modifier,
            });
            continue;
        }
        if let Some(v) = ch.or_else(|| p.escaped()) {
            path.push_str(&v);
            continue;
        }
        if !path.is_empty() {
            result.push(Part::Text(std::mem::take(&mut path)));
        }
        if p.try_consume("OPEN").is_some() {
            let prefix = p.text();
            let name = p.name().unwrap_or_default();
            let pat = p.pattern().unwrap_or_default();
            let suffix = p.text();
            p.must_consume("CLOSE")?;
            let key_name = if !name.is_empty() {
                KeyName::Named(name.clone())
            } else if !pat.is_empty() {
                key += 1;
                KeyName::Index(key - 1)
            } else {
                KeyName::Named(String::new())
            };
            let pattern = if !name.is_empty() && pat.is_empty() {
                Some(safe_pattern(&result, &prefix)?)
            } else if !pat.is_empty() {
                Some(PatternSrc::Custom(pat))
            } else {
                None
            };
            let modifier = p.modifier();
            result.push(Part::Key {
                name: key_name,
                prefix,
                suffix,
                pattern,
                modifier,
            });
            continue;
        }
        p.must_consume("END")?;
    }
    Ok(result)
}

// ------------------------------------------------------------------------ compile (`tokensToRegexp`)

/// path-to-regexp's default delimiters (`delimiter: "/#?"`).
const DELIMITERS: &str = "/#?";

/// `escapeString`: a backslash before each of `.+*?=^!:${}()[]|/\`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if ".+*?=^!:${}()[]|/\\".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The default parameter pattern (`safePattern`'s two forms).
fn default_pattern(p: &PatternSrc) -> String {
    let class = format!("[^{}]", escape(DELIMITERS));
    match p {
        PatternSrc::Default { not_before: None } => format!("{class}+?"),
        PatternSrc::Default {
            not_before: Some(text),
        } => format!("(?:(?!{}){class})+?", escape(text)),
        PatternSrc::Custom(src) => src.clone(),
    }
}

/// `tokensToRegexp` with the incumbent's options: one alternative's source, its keys appended.
fn compile(parts: Vec<Part>, keys: &mut Vec<Key>) -> Result<String, String> {
    let mut route = String::from("^");
    for part in parts {
        match part {
            Part::Text(t) => route.push_str(&escape(&t)),
            Part::Key {
                name,
                prefix,
                suffix,
                pattern,
                modifier,
            } => {
                let (pre, suf) = (escape(&prefix), escape(&suffix));
                let modifier_text = modifier.map(String::from).unwrap_or_default();
                let Some(pattern) = pattern else {
                    route.push_str(&format!("(?:{pre}{suf}){modifier_text}"));
                    continue;
                };
                let pat = default_pattern(&pattern);
                let repeated = matches!(modifier, Some('+' | '*'));
                if pre.is_empty() && suf.is_empty() && repeated {
                    return Err(format!(
                        "Can not repeat \"{}\" without a prefix and suffix",
                        name.text()
                    ));
                }
                keys.push(Key {
                    name,
                    prefix,
                    suffix,
                    repeated,
                });
                if pre.is_empty() && suf.is_empty() {
                    route.push_str(&format!("({pat}){modifier_text}"));
                } else if repeated {
                    let optional = if modifier == Some('*') { "?" } else { "" };
                    route.push_str(&format!(
                        "(?:{pre}((?:{pat})(?:{suf}{pre}(?:{pat}))*){suf}){optional}"
                    ));
                } else {
                    route.push_str(&format!("(?:{pre}({pat}){suf}){modifier_text}"));
                }
            }
        }
    }
    // Not strict: an optional trailing delimiter, then the end.
    route.push_str(&format!("[{}]?$", escape(DELIMITERS)));
    Ok(route)
}

impl PathMatcher {
    /// `match(patterns)`: the error is path-to-regexp's message, or the `RegExp` constructor's
    /// for a custom parameter pattern that is no valid JavaScript regular expression.
    pub fn new<S: AsRef<str>>(patterns: &[S], host: &impl Host) -> Result<PathMatcher, String> {
        let mut keys = Vec::new();
        let mut alternatives = Vec::new();
        for p in patterns {
            alternatives.push(compile(parse(p.as_ref())?, &mut keys)?);
        }
        let matcher = PathMatcher {
            source: format!("(?:{})", alternatives.join("|")),
            keys,
        };
        host.regex_exec(&matcher.source, "")?;
        Ok(matcher)
    }

    /// The parameters of the first alternative that matches the whole path (None: no match, or
    /// a match that fails, which the incumbent logs and treats as none).
    pub fn matches(&self, path: &str, host: &impl Host) -> Option<Vec<(String, Param)>> {
        let caps = host.regex_exec(&self.source, path).ok()??;
        let mut params: Vec<(String, Param)> = Vec::new();
        for (key, cap) in self.keys.iter().zip(&caps) {
            let Some(text) = cap else {
                continue;
            };
            let value = if key.repeated {
                let sep = format!("{}{}", key.prefix, key.suffix);
                Param::Many(js_split(text, &sep))
            } else {
                Param::One(text.clone())
            };
            let name = key.name.text();
            // Later keys of the same name overwrite earlier ones, as on a JS object.
            match params.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = value,
                None => params.push((name, value)),
            }
        }
        Some(params)
    }
}

/// `String.prototype.split(sep)` (an empty separator splits into characters).
fn js_split(text: &str, sep: &str) -> Vec<String> {
    if sep.is_empty() {
        text.chars().map(String::from).collect()
    } else {
        text.split(sep).map(String::from).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::flow::testing::TestHost;

    fn one(patterns: &[&str], path: &str) -> Option<Vec<(String, String)>> {
        let host = TestHost::default();
        PathMatcher::new(patterns, &host)
            .unwrap()
            .matches(path, &host)
            .map(|ps| ps.into_iter().map(|(k, v)| (k, v.to_js_string())).collect())
    }

    /// The sources @clerk/shared's `pathToRegexp(patterns).source` gives (Node, 3.25's deps).
    #[test]
    fn sources_are_path_to_regexps() {
        let host = TestHost::default();
        let source = |p: &[&str]| PathMatcher::new(p, &host).unwrap().source;
        for (patterns, want) in [
            (
                &["/orgs/:id", "/orgs/:id/(.*)"][..],
                r"(?:^\/orgs(?:\/([^\/#\?]+?))[\/#\?]?$|^\/orgs(?:\/([^\/#\?]+?))(?:\/(.*))[\/#\?]?$)",
            ),
            (&["/a-:x-b"], r"(?:^\/a-([^\/#\?]+?)-b[\/#\?]?$)"),
            (
                &["/a/:id+"],
                r"(?:^\/a(?:\/((?:[^\/#\?]+?)(?:\/(?:[^\/#\?]+?))*))[\/#\?]?$)",
            ),
            (&["/a{/:id}?"], r"(?:^\/a(?:\/([^\/#\?]+?))?[\/#\?]?$)"),
            (
                &["/a/:f.:ext"],
                r"(?:^\/a(?:\/([^\/#\?]+?))(?:\.((?:(?!\.)[^\/#\?])+?))[\/#\?]?$)",
            ),
            (
                &["/a/:id*"],
                r"(?:^\/a(?:\/((?:[^\/#\?]+?)(?:\/(?:[^\/#\?]+?))*))?[\/#\?]?$)",
            ),
        ] {
            assert_eq!(source(patterns), want, "{patterns:?}");
        }
    }

    fn kv(pairs: &[(&str, &str)]) -> Option<Vec<(String, String)>> {
        Some(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn named_parameters() {
        assert_eq!(one(&["/orgs/:id"], "/orgs/123"), kv(&[("id", "123")]));
        assert_eq!(one(&["/orgs/:id"], "/orgs/123/"), kv(&[("id", "123")]));
        assert_eq!(one(&["/orgs/:id"], "/ORGS/Abc"), kv(&[("id", "Abc")]));
        assert_eq!(one(&["/orgs/:id"], "/orgs/123/x"), None);
        assert_eq!(one(&["/orgs/:id"], "/orgs/"), None);
        assert_eq!(
            one(&["/orgs/:id/(.*)"], "/orgs/1/a/b"),
            kv(&[("id", "1"), ("0", "a/b")])
        );
        assert_eq!(
            one(&["/orgs/:id/(.*)"], "/orgs/1/"),
            kv(&[("id", "1"), ("0", "")])
        );
        assert_eq!(
            one(&["/orgs/:id", "/orgs/:slug"], "/orgs/x"),
            kv(&[("id", "x")])
        );
        assert_eq!(
            one(&["/u/:any/orgs/:id"], "/u/t/orgs/o"),
            kv(&[("any", "t"), ("id", "o")])
        );
        assert_eq!(one(&["/"], "/"), kv(&[]));
        assert_eq!(one(&["/", "/(.*)"], "/anything"), kv(&[("0", "anything")]));
        assert_eq!(one(&["/o/:id%20x"], "/o/a%20x"), kv(&[("id", "a")]));
    }

    #[test]
    fn modifiers_and_groups() {
        assert_eq!(one(&["/a/:id?"], "/a"), kv(&[]));
        assert_eq!(one(&["/a/:id?"], "/a/5"), kv(&[("id", "5")]));
        assert_eq!(one(&["/a/:id+"], "/a/5/6"), kv(&[("id", "5,6")]));
        assert_eq!(one(&["/a/:id*"], "/a"), kv(&[]));
        assert_eq!(one(&["/a{/:id}?"], "/a/9"), kv(&[("id", "9")]));
        assert_eq!(one(&["/a{-:id}?"], "/a-9"), kv(&[("id", "9")]));
        assert_eq!(one(&["/a/:id(\\d+)"], "/a/12"), kv(&[("id", "12")]));
        assert_eq!(one(&["/a/:id(\\d+)"], "/a/1x"), None);
        assert_eq!(
            one(&["/a/:f.:ext"], "/a/x.y.png"),
            kv(&[("f", "x.y"), ("ext", "png")])
        );
        // Text without a delimiter before a parameter: the parameter may not contain it.
        assert_eq!(one(&["/a-:x-b"], "/a-1-b"), kv(&[("x", "1")]));
        assert_eq!(one(&["/a\\:x"], "/a:x"), kv(&[]));
        assert_eq!(one(&["/a/([^/]+)"], "/a/b"), kv(&[("0", "b")]));
        assert_eq!(one(&["/a/(x|y)"], "/a/y"), kv(&[("0", "y")]));
        assert_eq!(one(&["/a/(x|y)"], "/a/z"), None);
    }

    #[test]
    fn invalid_patterns_are_refused_with_path_to_regexp_messages() {
        let err = |p: &str| PathMatcher::new(&[p], &TestHost::default()).unwrap_err();
        assert_eq!(
            err("/orgs/:id/***"),
            "Unexpected MODIFIER at 10, expected END"
        );
        assert_eq!(err("/a/:"), "Missing parameter name at 3");
        assert_eq!(err("/a/(?x)"), "Pattern cannot start with \"?\" at 4");
        assert_eq!(err("/a/(x(y))"), "Capturing groups are not allowed at 5");
        assert_eq!(err("/a/(x"), "Unbalanced pattern at 3");
        assert_eq!(err("/a/()"), "Missing pattern at 3");
        assert_eq!(
            err("/a/:x:y"),
            "Must have text between two parameters, missing text after \"x\""
        );
        assert_eq!(err("/a{/b"), "Unexpected END at 5, expected CLOSE");
        assert_eq!(
            err("(x)*"),
            "Can not repeat \"0\" without a prefix and suffix"
        );
        // A custom pattern that is no regular expression: the host's compiler refuses it.
        assert!(err("/a/(x[)").contains("regular expression"));
        assert!(err("/a/(*)").contains("regular expression"));
        assert_eq!(err("/a/(?<n>x)"), "Pattern cannot start with \"?\" at 4");
    }
}
