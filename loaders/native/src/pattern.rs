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
