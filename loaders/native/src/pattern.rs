//! Python `re` patterns, matched natively with Python's results.
//!
//! PCRE2 (with its JIT) runs them: like Python's `re` it is a backtracking engine with look-ahead,
//! look-behind and `(?P<name>…)` groups, `$` that also matches before a final newline, and with
//! UTF and UCP set its `\w`, `\d`, `\s` and `\b` are Unicode's, as Python's are for `str` patterns.
//!
//! Offsets are byte offsets into the text searched; `pytext` converts where Python counts
//! characters. Python's `pattern.match(text, pos)` is [`Pat::match_at`], `pattern.search(text, pos,
//! endpos)` is [`Pat::search_in`], `finditer` is [`Pat::captures_iter`].

use std::collections::HashMap;
use std::sync::Mutex;

use pcre2::bytes::{CaptureLocations, Regex, RegexBuilder};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

const PY_IGNORECASE: u32 = 2;
const PY_UNICODE: u32 = 32;

pub struct Pat {
    pub name: String,
    re: Regex,
    /// The pattern pinned by `\G` to where a search starts: Python's `match` at a position.
    pinned: Regex,
    /// Group name -> index, for [`Caps::name`].
    names: HashMap<String, usize>,
    /// Match data kept between searches (PCRE2 allocates it), for `re` and for `pinned`; taken while in use.
    spare: [Mutex<Option<CaptureLocations>>; 2],
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

/// A match and its groups (None where a group took no part).
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

/// Python's escapes that PCRE2 spells otherwise: `\uXXXX` and `\UXXXXXXXX` become `\x{…}`.
fn pcre_source(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            let digits = match b[i + 1] {
                b'u' => 4,
                b'U' => 8,
                _ => 0,
            };
            if digits > 0 && i + 2 + digits <= b.len() && src[i + 2..i + 2 + digits].bytes().all(|c| c.is_ascii_hexdigit()) {
                out.push_str("\\x{");
                out.push_str(&src[i + 2..i + 2 + digits]);
                out.push('}');
                i += 2 + digits;
                continue;
            }
            out.push_str(&src[i..i + 2]);
            i += 2;
            continue;
        }
        let ch = src[i..].chars().next().expect("a character");
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

impl Pat {
    pub fn new(name: &str, src: &str, flags: u32) -> PyResult<Pat> {
        if flags & !(PY_IGNORECASE | PY_UNICODE) != 0 {
            return Err(PyValueError::new_err(format!("pattern {name}: flags {flags} are not supported natively")));
        }
        let build = |s: String| {
            RegexBuilder::new()
                .utf(true)
                .ucp(true)
                .caseless(flags & PY_IGNORECASE != 0)
                .jit_if_available(true)
                .build(&s)
                .map_err(|e| compile_error(name, e))
        };
        let src = pcre_source(src);
        let re = build(src.clone())?;
        let pinned = build(format!("\\G(?:{src})"))?;
        let names = re
            .capture_names()
            .iter()
            .enumerate()
            .filter_map(|(i, n)| n.as_ref().map(|n| (n.clone(), i)))
            .collect();
        Ok(Pat { name: name.to_string(), re, pinned, names, spare: [Mutex::new(None), Mutex::new(None)] })
    }

    /// Search `re` in `text[..end]` from `start`, seeing the text before `start`.
    fn run<'t>(&'t self, pinned: bool, text: &'t str, start: usize, end: usize) -> Option<Caps<'t>> {
        let (re, spare) = if pinned { (&self.pinned, &self.spare[1]) } else { (&self.re, &self.spare[0]) };
        let held = spare.try_lock().ok().and_then(|mut g| g.take());
        let mut locs = held.unwrap_or_else(|| re.capture_locations());
        let found = re.captures_read_at(&mut locs, &text.as_bytes()[..end], start);
        // A PCRE2 error (a match or depth limit) counts as no match: the statement is skipped, not the document.
        let caps = match found {
            Ok(Some(_)) => {
                let spans = (0..locs.len()).map(|i| locs.get(i)).collect();
                Some(Caps { text, spans, names: &self.names })
            }
            _ => None,
        };
        if let Ok(mut g) = spare.try_lock() {
            *g = Some(locs);
        }
        caps
    }

    /// The match starting exactly at `pos`, if any (Python's `match(text, pos)`); offsets into `text`.
    pub fn match_at<'t>(&'t self, text: &'t str, pos: usize) -> Option<Caps<'t>> {
        self.run(true, text, pos, text.len())
    }

    /// The end of the match starting exactly at `pos`, if any.
    pub fn match_end(&self, text: &str, pos: usize) -> Option<usize> {
        self.match_at(text, pos).and_then(|c| c.get(0)).map(|m| m.end())
    }

    /// The leftmost match within `text[start..end]`, seeing the text before `start` (for `\b` and
    /// look-behind) but not after `end` (Python's `search(text, start, end)`).
    pub fn search_in<'t>(&'t self, text: &'t str, start: usize, end: usize) -> Option<Caps<'t>> {
        self.run(false, &text[..end], start, end)
    }

    /// The leftmost match at or after `pos` (Python's `search(text, pos)`).
    pub fn search_at<'t>(&'t self, text: &'t str, pos: usize) -> Option<Caps<'t>> {
        self.run(false, text, pos, text.len())
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.re.is_match(text.as_bytes()).unwrap_or(false)
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
