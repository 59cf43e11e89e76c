//! Python `re` patterns compiled by fancy-regex (which adds look-around to the regex crate).
//!
//! Offsets are byte offsets into UTF-8 text; `pytext` converts where Python counts characters.
//! Python's `pattern.match(text, pos)` is `match_at` (anchored, on the text from `pos`: only used
//! with patterns that do not look behind their first character), `pattern.search(text, pos, endpos)`
//! is `search_in`, `finditer` is `captures_iter`.

use fancy_regex::{Captures, Regex};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

const PY_IGNORECASE: u32 = 2;
const PY_UNICODE: u32 = 32;

pub struct Pat {
    pub name: String,
    re: Regex,
    anchored: Regex,
}

impl Pat {
    pub fn new(name: &str, src: &str, flags: u32) -> PyResult<Pat> {
        if flags & !(PY_IGNORECASE | PY_UNICODE) != 0 {
            return Err(PyValueError::new_err(format!("pattern {name}: flags {flags} are not supported natively")));
        }
        let prefix = if flags & PY_IGNORECASE != 0 { "(?i)" } else { "" };
        let build = |s: String| {
            Regex::new(&s).map_err(|e| PyValueError::new_err(format!("pattern {name} does not compile natively: {e}")))
        };
        Ok(Pat {
            name: name.to_string(),
            re: build(format!("{prefix}{src}"))?,
            anchored: build(format!("{prefix}^(?:{src})"))?,
        })
    }

    /// Every non-overlapping match, left to right (Python's `finditer`).
    pub fn captures_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Captures<'t>> + 't {
        // A backtracking limit hit counts as no match: the statement is skipped, not the document.
        self.re.captures_iter(text).map_while(|c| c.ok())
    }

    /// The first match starting at or after `pos` (Python's `search(text, pos)`).
    pub fn search_at<'t>(&self, text: &'t str, pos: usize) -> Option<Captures<'t>> {
        self.re.captures_from_pos(text, pos).ok().flatten()
    }

    /// The first match within `text[start..end]`, looking behind `start` as Python does.
    pub fn search_in<'t>(&self, text: &'t str, start: usize, end: usize) -> Option<Captures<'t>> {
        self.re.captures_from_pos(&text[..end], start).ok().flatten()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.re.is_match(text).unwrap_or(false)
    }

    /// A match that starts exactly at `pos` (Python's `match(text, pos)`); offsets are into `text`.
    pub fn match_at<'t>(&self, text: &'t str, pos: usize) -> Option<Captures<'t>> {
        self.anchored.captures(&text[pos..]).ok().flatten()
    }

    /// The end offset (into `text`) of a match starting exactly at `pos`.
    pub fn match_end(&self, text: &str, pos: usize) -> Option<usize> {
        self.anchored.find(&text[pos..]).ok().flatten().map(|m| pos + m.end())
    }
}

/// A group's text, or None when it took no part (Python's `m[i]` / `m["name"]`).
pub fn group<'t>(c: &Captures<'t>, i: usize) -> Option<&'t str> {
    c.get(i).map(|m| m.as_str())
}

pub fn named<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

/// A group's text, or "" (for Python's `m[i] or ""`): empty and absent are alike there.
pub fn named_or_empty<'t>(c: &Captures<'t>, name: &str) -> &'t str {
    named(c, name).unwrap_or("")
}

pub fn whole<'t>(c: &Captures<'t>) -> (usize, usize, &'t str) {
    let m = c.get(0).expect("group 0 always takes part");
    (m.start(), m.end(), m.as_str())
}

/// A [`Pat`] with a look-around-free relaxation of it run first by the regex crate (a DFA, no
/// backtracking): where the relaxation has no match, the pattern has none either (dropping a
/// look-around only removes a condition), so the backtracking VM runs only from the relaxation's
/// leftmost possible start. Results are the pattern's own, unchanged.
pub struct Quick {
    pub pat: Pat,
    relaxed: Option<regex::Regex>,
    relaxed_anchored: Option<regex::Regex>,
}

impl Quick {
    pub fn from_config(cfg: &crate::config::Config, name: &str) -> PyResult<Quick> {
        let (src, flags) = cfg.pattern_source(name)?;
        let pat = Pat::new(name, &src, flags)?;
        let prefix = if flags & PY_IGNORECASE != 0 { "(?i)" } else { "" };
        let relaxed = fancy_regex::Expr::parse_tree(&format!("{prefix}{src}"))
            .ok()
            .and_then(|tree| relax(tree.expr))
            .map(|e| {
                let mut s = String::new();
                e.to_str(&mut s, 0);
                s
            });
        // No relaxation (a back-reference, say) leaves the pattern as it is: slower, not different.
        let build = |s: String| regex::Regex::new(&s).ok();
        Ok(Quick {
            relaxed_anchored: relaxed.as_ref().and_then(|r| build(format!("^(?:{r})"))),
            relaxed: relaxed.and_then(build),
            pat,
        })
    }

    /// `Pat::match_at`, skipping the VM where the relaxation does not match there.
    pub fn match_at<'t>(&self, text: &'t str, pos: usize) -> Option<Captures<'t>> {
        if let Some(r) = &self.relaxed_anchored {
            if !r.is_match(&text[pos..]) {
                return None;
            }
        }
        self.pat.match_at(text, pos)
    }

    /// `Pat::captures_iter` (the same matches, fancy-regex's rule for empty ones).
    pub fn captures_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Captures<'t>> + 't {
        let mut last_end = 0;
        let mut last_match: Option<usize> = None;
        std::iter::from_fn(move || loop {
            if last_end > text.len() {
                return None;
            }
            let from = match &self.relaxed {
                Some(r) => r.find_at(text, last_end)?.start(),
                None => last_end,
            };
            let c = self.pat.search_at(text, from)?;
            let m = c.get(0).expect("group 0 always takes part");
            if m.start() == m.end() {
                last_end = text[m.end()..].chars().next().map_or(m.end() + 1, |ch| m.end() + ch.len_utf8());
                if Some(m.end()) == last_match {
                    continue; // an empty match right after a match is skipped
                }
            } else {
                last_end = m.end();
            }
            last_match = Some(m.end());
            return Some(c);
        })
    }
}

/// The expression with every look-around replaced by the empty expression, if all else is plain.
fn relax(e: fancy_regex::Expr) -> Option<fancy_regex::Expr> {
    use fancy_regex::{Assertion, Expr};
    let all = |v: Vec<Expr>| v.into_iter().map(relax).collect::<Option<Vec<_>>>();
    Some(match e {
        // Word boundaries too: to_str cannot write them, and dropping one is also a relaxation.
        Expr::LookAround(..) => Expr::Empty,
        Expr::Assertion(
            Assertion::LeftWordBoundary
            | Assertion::RightWordBoundary
            | Assertion::WordBoundary
            | Assertion::NotWordBoundary,
        ) => Expr::Empty,
        Expr::Concat(v) => Expr::Concat(all(v)?),
        Expr::Alt(v) => Expr::Alt(all(v)?),
        Expr::Group(c) => Expr::Group(Box::new(relax(*c)?)),
        Expr::Repeat { child, lo, hi, greedy } => Expr::Repeat { child: Box::new(relax(*child)?), lo, hi, greedy },
        e @ (Expr::Empty | Expr::Any { .. } | Expr::Assertion(_) | Expr::Literal { .. } | Expr::Delegate { .. }) => e,
        _ => return None,
    })
}
