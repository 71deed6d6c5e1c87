//! The small regex engine behind [`super::path_pattern`]: nodes, a parser for the JavaScript
//! regex syntax custom parameter patterns are written in (non-unicode mode, `i` flag), and a
//! backtracking matcher with the JS engine's priorities: alternatives left to right, greedy
//! quantifiers try more first and lazy ones fewer, an iteration past the minimum may not match
//! the empty string, captures are restored on backtracking. Constructs it does not implement
//! (backreferences, `\b`, lookbehind, named groups, `\p`, `\c`) are parse errors, so a
//! pattern is either matched exactly or refused up front.

/// Steps after which a match is abandoned (and reported as no match): a pathological custom
/// pattern would otherwise backtrack for seconds on a long path.
const STEP_LIMIT: usize = 200_000;

use super::coerce::is_js_space;

pub(super) const DELIMITERS: &str = "/#?";

// ------------------------------------------------------------------------- matcher nodes

#[derive(Debug, Clone)]
pub(super) enum Node {
    /// A literal, compared case-insensitively (the `i` flag).
    Char(char),
    /// `.`: anything but a line terminator.
    Any,
    Class {
        negated: bool,
        items: Vec<ClassItem>,
    },
    Group(Vec<Vec<Node>>),
    Capture(usize, Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
    Start,
    End,
    Look {
        negated: bool,
        alternatives: Vec<Vec<Node>>,
    },
}

#[derive(Debug, Clone, Copy)]
pub(super) enum ClassItem {
    Range(char, char),
    Digit(bool),
    Word(bool),
    Space(bool),
}

fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

impl ClassItem {
    fn matches(self, c: char) -> bool {
        match self {
            ClassItem::Range(a, b) => a <= c && c <= b,
            ClassItem::Digit(neg) => c.is_ascii_digit() != neg,
            ClassItem::Word(neg) => (c.is_ascii_alphanumeric() || c == '_') != neg,
            ClassItem::Space(neg) => is_js_space(c) != neg,
        }
    }
}

/// The other ASCII case of a letter (non-unicode `i`: only ASCII letters fold onto ASCII).
fn other_case(c: char) -> char {
    if c.is_ascii_lowercase() {
        c.to_ascii_uppercase()
    } else if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c
    }
}

pub(super) fn literal(text: &str) -> Vec<Node> {
    text.chars().map(Node::Char).collect()
}

pub(super) fn delimiter_class(negated: bool) -> Node {
    Node::Class {
        negated,
        items: DELIMITERS.chars().map(|c| ClassItem::Range(c, c)).collect(),
    }
}

// ------------------------------------------------------------------ custom regex (JS subset)

struct Re<'a> {
    s: &'a [char],
    i: usize,
}

impl Re<'_> {
    fn err<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("{what} at {} of the parameter pattern", self.i))
    }

    fn alternatives(&mut self) -> Result<Vec<Vec<Node>>, String> {
        let mut alts = vec![self.sequence()?];
        while self.s.get(self.i) == Some(&'|') {
            self.i += 1;
            alts.push(self.sequence()?);
        }
        Ok(alts)
    }

    fn sequence(&mut self) -> Result<Vec<Node>, String> {
        let mut seq = Vec::new();
        while let Some(&c) = self.s.get(self.i) {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            let atom = self.quantified(atom)?;
            seq.push(atom);
        }
        Ok(seq)
    }

    /// `{n}`, `{n,}`, `{n,m}` at the cursor (None: a literal `{`, as Annex B reads it).
    fn braces(&mut self) -> Result<Option<(u32, Option<u32>)>, String> {
        let start = self.i;
        let mut j = self.i + 1;
        let num = |j: &mut usize, s: &[char]| {
            let from = *j;
            while *j < s.len() && s[*j].is_ascii_digit() {
                *j += 1;
            }
            (from < *j).then(|| s[from..*j].iter().collect::<String>().parse::<u32>().ok())
        };
        let Some(min) = num(&mut j, self.s) else {
            return Ok(None);
        };
        let mut max = min;
        if self.s.get(j) == Some(&',') {
            j += 1;
            max = num(&mut j, self.s).unwrap_or(None);
            if max.is_none() && self.s.get(j) != Some(&'}') {
                return Ok(None);
            }
        }
        if self.s.get(j) != Some(&'}') {
            return Ok(None);
        }
        let (Some(min), max) = (min, max) else {
            return self.err("quantifier too large");
        };
        if max.is_some_and(|m| m < min) {
            self.i = start;
            return self.err("numbers out of order in {} quantifier");
        }
        self.i = j + 1;
        Ok(Some((min, max)))
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.s.get(self.i) {
            Some('*') => {
                self.i += 1;
                (0, None)
            }
            Some('+') => {
                self.i += 1;
                (1, None)
            }
            Some('?') => {
                self.i += 1;
                (0, Some(1))
            }
            Some('{') => match self.braces()? {
                Some(q) => q,
                None => return Ok(atom),
            },
            _ => return Ok(atom),
        };
        if matches!(atom, Node::Start | Node::End) {
            return self.err("Nothing to repeat");
        }
        let greedy = if self.s.get(self.i) == Some(&'?') {
            self.i += 1;
            false
        } else {
            true
        };
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
            greedy,
        })
    }

    fn hex(&mut self, n: usize) -> Option<char> {
        let digits: String = self.s.get(self.i..self.i + n)?.iter().collect();
        let v = u32::from_str_radix(&digits, 16).ok()?;
        self.i += n;
        char::from_u32(v)
    }

    /// After a backslash: a class escape or one character.
    fn escape(&mut self) -> Result<Result<ClassItem, char>, String> {
        let Some(&c) = self.s.get(self.i) else {
            return self.err("\\ at end of pattern");
        };
        self.i += 1;
        Ok(match c {
            'd' => Ok(ClassItem::Digit(false)),
            'D' => Ok(ClassItem::Digit(true)),
            'w' => Ok(ClassItem::Word(false)),
            'W' => Ok(ClassItem::Word(true)),
            's' => Ok(ClassItem::Space(false)),
            'S' => Ok(ClassItem::Space(true)),
            't' => Err('\t'),
            'n' => Err('\n'),
            'r' => Err('\r'),
            'f' => Err('\u{c}'),
            'v' => Err('\u{b}'),
            '0' if !self.s.get(self.i).is_some_and(char::is_ascii_digit) => Err('\0'),
            'x' => match self.hex(2) {
                Some(ch) => Err(ch),
                None => Err('x'),
            },
            'u' => match self.hex(4) {
                Some(ch) => Err(ch),
                None => Err('u'),
            },
            c if c.is_ascii_alphanumeric() => {
                self.i -= 1;
                return self.err(&format!("unsupported escape \\{c}"));
            }
            c => Err(c),
        })
    }

    fn class(&mut self) -> Result<Node, String> {
        let negated = self.s.get(self.i) == Some(&'^');
        if negated {
            self.i += 1;
        }
        let mut items = Vec::new();
        loop {
            let Some(&c) = self.s.get(self.i) else {
                return self.err("Unterminated character class");
            };
            self.i += 1;
            if c == ']' {
                break;
            }
            let first = if c == '\\' {
                if self.s.get(self.i) == Some(&'b') {
                    self.i += 1;
                    Err('\u{8}')
                } else {
                    self.escape()?
                }
            } else {
                Err(c)
            };
            let lo = match first {
                Ok(item) => {
                    items.push(item);
                    continue;
                }
                Err(ch) => ch,
            };
            // A range `a-z` (a `-` first, last or after a class escape is literal).
            if self.s.get(self.i) == Some(&'-') && self.s.get(self.i + 1).is_some_and(|&n| n != ']')
            {
                self.i += 1;
                let hi_c = self.s[self.i];
                self.i += 1;
                let hi = if hi_c == '\\' {
                    match self.escape()? {
                        Ok(item) => {
                            items.push(ClassItem::Range(lo, lo));
                            items.push(ClassItem::Range('-', '-'));
                            items.push(item);
                            continue;
                        }
                        Err(ch) => ch,
                    }
                } else {
                    hi_c
                };
                if hi < lo {
                    return self.err("Range out of order in character class");
                }
                items.push(ClassItem::Range(lo, hi));
            } else {
                items.push(ClassItem::Range(lo, lo));
            }
        }
        Ok(Node::Class { negated, items })
    }

    fn atom(&mut self) -> Result<Node, String> {
        let c = self.s[self.i];
        self.i += 1;
        Ok(match c {
            '.' => Node::Any,
            '^' => Node::Start,
            '$' => Node::End,
            '*' | '+' | '?' => {
                self.i -= 1;
                return self.err("Nothing to repeat");
            }
            '{' => {
                self.i -= 1;
                if self.braces()?.is_some() {
                    return self.err("Nothing to repeat");
                }
                self.i += 1;
                Node::Char('{')
            }
            '[' => self.class()?,
            '(' => {
                // The lexer only lets `(?` groups through.
                let kind = self.s.get(self.i + 1).copied();
                self.i += 2;
                let look = match kind {
                    Some(':') => None,
                    Some('=') => Some(false),
                    Some('!') => Some(true),
                    _ => {
                        self.i -= 2;
                        return self.err(
                            "unsupported group (named groups and lookbehind are not supported)",
                        );
                    }
                };
                let alts = self.alternatives()?;
                if self.s.get(self.i) != Some(&')') {
                    return self.err("Unterminated group");
                }
                self.i += 1;
                match look {
                    None => Node::Group(alts),
                    Some(negated) => Node::Look {
                        negated,
                        alternatives: alts,
                    },
                }
            }
            '\\' => {
                if self.s.get(self.i) == Some(&'b') || self.s.get(self.i) == Some(&'B') {
                    return self.err("unsupported escape (word boundaries)");
                }
                match self.escape()? {
                    Ok(item) => Node::Class {
                        negated: false,
                        items: vec![item],
                    },
                    Err(ch) => Node::Char(ch),
                }
            }
            c => Node::Char(c),
        })
    }
}

/// A custom parameter pattern (JavaScript regex source) as alternatives.
pub(super) fn custom_pattern(src: &str) -> Result<Vec<Vec<Node>>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut re = Re { s: &chars, i: 0 };
    let alts = re.alternatives()?;
    if re.i != chars.len() {
        return re.err("Unmatched ')'");
    }
    Ok(alts)
}

// ------------------------------------------------------------------------------- matching

struct Run<'a> {
    input: &'a [char],
    caps: Vec<Option<(usize, usize)>>,
    steps: usize,
}

type Cont<'k> = &'k mut dyn FnMut(&mut Run, usize) -> bool;

impl Run<'_> {
    fn seq(&mut self, nodes: &[Node], pos: usize, k: Cont) -> bool {
        self.steps += 1;
        if self.steps > STEP_LIMIT {
            return false;
        }
        let Some((first, rest)) = nodes.split_first() else {
            return k(self, pos);
        };
        self.node(first, pos, &mut |run: &mut Run, p| run.seq(rest, p, k))
    }

    fn alts(&mut self, alts: &[Vec<Node>], pos: usize, k: Cont) -> bool {
        for alt in alts {
            if self.seq(alt, pos, k) {
                return true;
            }
        }
        false
    }

    fn one_char(&self, pos: usize, test: impl Fn(char) -> bool) -> Option<usize> {
        let c = *self.input.get(pos)?;
        (test(c) || test(other_case(c))).then_some(pos + 1)
    }

    fn node(&mut self, node: &Node, pos: usize, k: Cont) -> bool {
        match node {
            Node::Char(want) => {
                let want = *want;
                match self.one_char(pos, |c| c == want) {
                    Some(p) => k(self, p),
                    None => false,
                }
            }
            Node::Any => match self.input.get(pos) {
                Some(c) if !is_line_terminator(*c) => k(self, pos + 1),
                _ => false,
            },
            Node::Class { negated, items } => {
                let Some(&c) = self.input.get(pos) else {
                    return false;
                };
                let hit = items
                    .iter()
                    .any(|it| it.matches(c) || it.matches(other_case(c)));
                if hit != *negated {
                    k(self, pos + 1)
                } else {
                    false
                }
            }
            Node::Group(alts) => self.alts(alts, pos, k),
            Node::Capture(i, nodes) => {
                let saved = self.caps[*i];
                let i = *i;
                let ok = self.seq(nodes, pos, &mut |run: &mut Run, end| {
                    let before = run.caps[i];
                    run.caps[i] = Some((pos, end));
                    if k(run, end) {
                        return true;
                    }
                    run.caps[i] = before;
                    false
                });
                if !ok {
                    self.caps[i] = saved;
                }
                ok
            }
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } => self.repeat(node, *min, *max, *greedy, 0, pos, k),
            Node::Start => pos == 0 && k(self, pos),
            Node::End => pos == self.input.len() && k(self, pos),
            Node::Look {
                negated,
                alternatives,
            } => {
                let saved = self.caps.clone();
                let found = self.alts(alternatives, pos, &mut |_, _| true);
                if !found || *negated {
                    self.caps = saved;
                }
                if found != *negated {
                    k(self, pos)
                } else {
                    false
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &mut self,
        node: &Node,
        min: u32,
        max: Option<u32>,
        greedy: bool,
        count: u32,
        pos: usize,
        k: Cont,
    ) -> bool {
        self.steps += 1;
        if self.steps > STEP_LIMIT {
            return false;
        }
        let can_more = max.is_none_or(|m| count < m);
        let more = |run: &mut Run, k: Cont| -> bool {
            can_more
                && run.node(node, pos, &mut |run: &mut Run, p| {
                    // An iteration past the minimum may not match the empty string.
                    if p == pos && count >= min {
                        return false;
                    }
                    run.repeat(node, min, max, greedy, count + 1, p, k)
                })
        };
        if count < min {
            return more(self, k);
        }
        // Greedy: one more iteration first, then stop; lazy: the other way round.
        let order = if greedy { [true, false] } else { [false, true] };
        order
            .into_iter()
            .any(|iterate| if iterate { more(self, k) } else { k(self, pos) })
    }
}

/// Matches `alternatives` against the whole `input` from position 0 (each alternative carries
/// its own anchors); the capture spans of the first success, or None (no match, or the step
/// limit hit).
pub(super) fn run(
    alternatives: &[Vec<Node>],
    input: &[char],
    captures: usize,
) -> Option<Vec<Option<(usize, usize)>>> {
    let mut run = Run {
        input,
        caps: vec![None; captures],
        steps: 0,
    };
    run.alts(alternatives, 0, &mut |_, _| true)
        .then_some(run.caps)
}
