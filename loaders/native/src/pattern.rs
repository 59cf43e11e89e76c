//! Python `re` patterns, matched natively with Python's results.
//!
//! A pattern without look-around runs on the regex crate's engine (`regex_automata::meta`: DFAs, no
//! backtracking). A pattern with look-around needs fancy-regex's backtracking VM, which costs tens of
//! nanoseconds per character of every position it tries; so a relaxation of it — the same source
//! with every look-around group left out, which matches wherever the pattern can start (an assertion
//! only takes matches away) — runs first on the fast engine, and the VM tries the pattern only at the
//! starts the relaxation finds, pinned there by `\G`, seeing the whole text on both sides.
//!
//! Offsets are byte offsets into the text searched; `pytext` converts where Python counts
//! characters. Python's `pattern.match(text, pos)` is [`Pat::match_at`], `pattern.search(text, pos,
//! endpos)` is [`Pat::search_in`], `finditer` is [`Pat::captures_iter`].

use std::collections::HashMap;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use regex_automata::meta;
use regex_automata::util::captures::Captures as MetaCaptures;
use regex_automata::{Anchored, Input};

const PY_IGNORECASE: u32 = 2;
const PY_UNICODE: u32 = 32;
/// The empty alternative that makes a pinned try succeed where the pattern fails, so the VM never
/// moves on to the next position: when it took part, the pattern did not match there.
const NO_MATCH: &str = "instgraph_no_match";

enum Engine {
    Plain(meta::Regex),
    Fancy { relaxed: meta::Regex, pinned: fancy_regex::Regex },
}

pub struct Pat {
    pub name: String,
    engine: Engine,
    /// Group name -> index, for [`Caps::name`].
    names: HashMap<String, usize>,
}

/// A matched span of a text.
#[derive(Clone, Copy)]
pub struct Span<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Span<'t> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// A match and its groups (None where a group took no part), whichever engine found it.
pub struct Caps<'t> {
    text: &'t str,
    spans: Vec<Option<(usize, usize)>>,
    names: &'t HashMap<String, usize>,
}

impl<'t> Caps<'t> {
    pub fn get(&self, i: usize) -> Option<Span<'t>> {
        let (start, end) = (*self.spans.get(i)?)?;
        Some(Span { text: self.text, start, end })
    }
    pub fn name(&self, name: &str) -> Option<Span<'t>> {
        self.get(*self.names.get(name)?)
    }
}

fn compile_error(name: &str, e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(format!("pattern {name} does not compile natively: {e}"))
}

impl Pat {
    pub fn new(name: &str, src: &str, flags: u32) -> PyResult<Pat> {
        if flags & !(PY_IGNORECASE | PY_UNICODE) != 0 {
            return Err(PyValueError::new_err(format!("pattern {name}: flags {flags} are not supported natively")));
        }
        let prefix = if flags & PY_IGNORECASE != 0 { "(?i)" } else { "" };
        let relaxed_src = without_lookaround(src);
        let meta = |s: &str| meta::Regex::new(&format!("{prefix}{s}")).map_err(|e| compile_error(name, e));
        let (engine, names) = if relaxed_src == src {
            let re = meta(src)?;
            let names = re
                .group_info()
                .pattern_names(regex_automata::PatternID::ZERO)
                .enumerate()
                .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
                .collect();
            (Engine::Plain(re), names)
        } else {
            let pinned = fancy_regex::Regex::new(&format!("{prefix}\\G(?:(?:{src})|(?P<{NO_MATCH}>))"))
                .map_err(|e| compile_error(name, e))?;
            let names = pinned
                .capture_names()
                .enumerate()
                .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
                .collect();
            (Engine::Fancy { relaxed: meta(&relaxed_src)?, pinned }, names)
        };
        Ok(Pat { name: name.to_string(), engine, names })
    }

    fn caps_from_meta<'t>(&'t self, text: &'t str, c: &MetaCaptures) -> Caps<'t> {
        let spans = (0..c.group_len()).map(|i| c.get_group(i).map(|s| (s.start, s.end))).collect();
        Caps { text, spans, names: &self.names }
    }

    /// The match starting exactly at `pos`, if any (Python's `match(text, pos)`); offsets into `text`.
    pub fn match_at<'t>(&'t self, text: &'t str, pos: usize) -> Option<Caps<'t>> {
        match &self.engine {
            Engine::Plain(re) => {
                let mut c = re.create_captures();
                re.search_captures(&Input::new(text).range(pos..).anchored(Anchored::Yes), &mut c);
                c.is_match().then(|| self.caps_from_meta(text, &c))
            }
            Engine::Fancy { relaxed, pinned } => {
                if !relaxed.is_match(Input::new(text).range(pos..).anchored(Anchored::Yes)) {
                    return None;
                }
                // A backtracking limit hit counts as no match: the statement is skipped, not the document.
                let c = pinned.captures_from_pos(text, pos).ok().flatten()?;
                if c.name(NO_MATCH).is_some() {
                    return None;
                }
                let spans = (0..c.len()).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect();
                Some(Caps { text, spans, names: &self.names })
            }
        }
    }

    /// The end of the match starting exactly at `pos`, if any.
    pub fn match_end(&self, text: &str, pos: usize) -> Option<usize> {
        self.match_at(text, pos).and_then(|c| c.get(0)).map(|m| m.end())
    }

    /// The leftmost match within `text[start..end]`, seeing the text before `start` (for `\b` and
    /// look-behind) but not after `end` (Python's `search(text, start, end)`).
    pub fn search_in<'t>(&'t self, text: &'t str, start: usize, end: usize) -> Option<Caps<'t>> {
        let text = &text[..end];
        match &self.engine {
            Engine::Plain(re) => {
                let mut c = re.create_captures();
                re.search_captures(&Input::new(text).range(start..), &mut c);
                c.is_match().then(|| self.caps_from_meta(text, &c))
            }
            Engine::Fancy { relaxed, .. } => {
                let mut from = start;
                while from <= text.len() {
                    let s = relaxed.search(&Input::new(text).range(from..))?.start();
                    if let Some(c) = self.match_at(text, s) {
                        return Some(c);
                    }
                    from = s + text[s..].chars().next().map_or(1, char::len_utf8);
                }
                None
            }
        }
    }

    /// The leftmost match at or after `pos` (Python's `search(text, pos)`).
    pub fn search_at<'t>(&'t self, text: &'t str, pos: usize) -> Option<Caps<'t>> {
        self.search_in(text, pos, text.len())
    }

    pub fn is_match(&self, text: &str) -> bool {
        match &self.engine {
            Engine::Plain(re) => re.is_match(text),
            Engine::Fancy { .. } => self.search_at(text, 0).is_some(),
        }
    }

    /// Every non-overlapping match, left to right (Python's `finditer`).
    pub fn captures_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Caps<'t>> + 't {
        let mut pos = 0;
        std::iter::from_fn(move || {
            if pos > text.len() {
                return None;
            }
            let c = self.search_at(text, pos)?;
            let m = c.get(0).expect("group 0 always takes part");
            // An empty match moves the search on by a character (none of the rules' patterns matches empty).
            pos = if m.end() > m.start() {
                m.end()
            } else {
                m.end() + text[m.end()..].chars().next().map_or(1, char::len_utf8)
            };
            Some(c)
        })
    }

    /// `f` on every match, left to right.
    pub fn for_each<'t>(&'t self, text: &'t str, mut f: impl FnMut(&Caps<'t>)) {
        for c in self.captures_iter(text) {
            f(&c);
        }
    }
}

/// A group's text, or None when it took no part (Python's `m[i]` / `m["name"]`).
pub fn group<'t>(c: &Caps<'t>, i: usize) -> Option<&'t str> {
    c.get(i).map(|m| m.as_str())
}

pub fn named<'t>(c: &Caps<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

/// A group's text, or "" (for Python's `m[i] or ""`): empty and absent are alike there.
pub fn named_or_empty<'t>(c: &Caps<'t>, name: &str) -> &'t str {
    named(c, name).unwrap_or("")
}

pub fn whole<'t>(c: &Caps<'t>) -> (usize, usize, &'t str) {
    let m = c.get(0).expect("group 0 always takes part");
    (m.start(), m.end(), m.as_str())
}

/// A pattern's source with every look-ahead and look-behind group left out.
fn without_lookaround(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'[' => i = class_end(b, i),
            b'(' if ["(?=", "(?!", "(?<=", "(?<!"].iter().any(|p| src[i..].starts_with(p)) => {
                out.push_str(&src[copied..i]);
                i = group_end(b, i);
                copied = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&src[copied.min(src.len())..]);
    out
}

/// The index after the character class opening at `i` (`[` … `]`; a `]` first in it is literal).
fn class_end(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    if j < b.len() && b[j] == b'^' {
        j += 1;
    }
    if j < b.len() && b[j] == b']' {
        j += 1;
    }
    while j < b.len() && b[j] != b']' {
        j += if b[j] == b'\\' { 2 } else { 1 };
    }
    j + 1
}

/// The index after the group opening at `i`.
fn group_end(b: &[u8], i: usize) -> usize {
    let mut depth = 0;
    let mut j = i;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'[' => j = class_end(b, j),
            b'(' => {
                depth += 1;
                j += 1;
            }
            b')' => {
                depth -= 1;
                j += 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => j += 1,
        }
    }
    j
}

/// A Python pattern without look-around as the regex crate's `Regex` (for `find_iter` without captures).
pub fn plain_regex(cfg: &crate::config::Config, name: &str) -> PyResult<regex::Regex> {
    let (src, flags) = cfg.pattern_source(name)?;
    if flags & !PY_UNICODE != 0 || without_lookaround(&src) != src {
        return Err(PyValueError::new_err(format!("pattern {name} is not a plain pattern")));
    }
    regex::Regex::new(&src).map_err(|e| compile_error(name, e))
}
