//! Relationship rules over a templated statement: the gating of `loaders/relations.py` (`rules_in`).
//!
//! The patterns and their trigger words are Python's (`relations.TRIGGERS`, `relations._MIN_AT` and a
//! pattern of the same name per rule); this module only runs them, each trigger word tested once.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::config::Config;
use crate::pattern::{Caps, Pat};

/// The rules the reader applies, by name (the order of `relations.TRIGGERS`).
pub const RULES: [&str; 21] = [
    "CREATION",
    "RUNNING_FROM",
    "FORMERLY",
    "RENAMED",
    "REPLACED",
    "UNDER",
    "TRANSFER",
    "LEADS",
    "LED_BY",
    "POSSESSIVE_LEADS",
    "IMPLEMENTS",
    "IMPLEMENTED_BY",
    "YEARS_BODY",
    "YEARS_ONLY",
    "BODY_YEARS",
    "COOPERATION_BETWEEN",
    "COLLABORATING_WITH",
    "PARTICIPATES",
    "PROVIDED_IN",
    "PROVIDES_FOR",
    "FOUNDATION_FOR",
];

/// The index of a rule in [`RULES`] (and in a [`Found`]).
pub fn rule(name: &str) -> usize {
    RULES.iter().position(|r| *r == name).expect("a rule of RULES")
}

pub struct RelationRules {
    patterns: Vec<Pat>,
    min_at: Vec<usize>,
    /// Each trigger word once (by its index in `words`), with the rules it opens; and the same for
    /// statements of one mention.
    word_rules: Vec<(usize, Vec<usize>)>,
    word_rules_one: Vec<(usize, Vec<usize>)>,
    /// Every trigger word, found in one pass over a statement (instead of a substring test each).
    words: aho_corasick::AhoCorasick,
    word_count: usize,
}

/// Every rule's matches in one statement, indexed as [`RULES`] (empty where a rule did not match).
pub type Found<'t> = Vec<Vec<Caps<'t>>>;

impl RelationRules {
    pub fn new(cfg: &Config) -> PyResult<Self> {
        let triggers = cfg.list_map("relations.TRIGGERS")?;
        let names: Vec<&str> = triggers.iter().map(|(r, _)| r.as_str()).collect();
        if names != RULES {
            return Err(PyValueError::new_err(format!(
                "relations.TRIGGERS names rules {names:?}; the native reader knows {RULES:?}: update loaders/native/src/rules.rs"
            )));
        }
        let min_at_map = cfg.map("relations._MIN_AT")?;
        let mut patterns = Vec::new();
        let mut min_at = Vec::new();
        for r in RULES {
            patterns.push(cfg.pattern(&format!("relations.{r}"))?);
            let n = min_at_map.get(r).and_then(|v| v.parse().ok()).ok_or_else(|| {
                PyValueError::new_err(format!("relations._MIN_AT has no count for {r}"))
            })?;
            min_at.push(n);
        }
        let mut word_rules: Vec<(String, Vec<usize>)> = Vec::new();
        for (_, words) in &triggers {
            for w in words {
                if word_rules.iter().any(|(x, _)| x == w) {
                    continue;
                }
                let opens = triggers
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, ws))| ws.contains(w))
                    .map(|(i, _)| i)
                    .collect();
                word_rules.push((w.clone(), opens));
            }
        }
        let words = aho_corasick::AhoCorasick::new(word_rules.iter().map(|(w, _)| w.as_str()))
            .map_err(|e| PyValueError::new_err(format!("relations.TRIGGERS: {e}")))?;
        let word_count = word_rules.len();
        let word_rules: Vec<(usize, Vec<usize>)> =
            word_rules.into_iter().enumerate().map(|(i, (_, rs))| (i, rs)).collect();
        let word_rules_one = word_rules
            .iter()
            .filter_map(|(w, rs)| {
                let kept: Vec<usize> = rs.iter().copied().filter(|&r| min_at[r] <= 2).collect();
                (!kept.is_empty()).then(|| (*w, kept))
            })
            .collect();
        Ok(RelationRules { patterns, min_at, word_rules, word_rules_one, words, word_count })
    }

    /// The matches of every rule whose trigger word `low` (the statement lower-cased) holds.
    pub fn rules_in<'t>(&'t self, text: &'t str, low: &str) -> Found<'t> {
        let ats = text.bytes().filter(|&b| b == b'@').count();
        let mut found: Found<'t> = (0..RULES.len()).map(|_| Vec::new()).collect();
        let mut tried = [false; RULES.len()];
        let table = if ats >= 4 { &self.word_rules } else { &self.word_rules_one };
        let mut present = vec![false; self.word_count];
        for m in self.words.find_overlapping_iter(low) {
            present[m.pattern().as_usize()] = true;
        }
        for (word, rules) in table {
            if !present[*word] {
                continue;
            }
            for &r in rules {
                if tried[r] {
                    continue;
                }
                tried[r] = true;
                if ats >= self.min_at[r] {
                    found[r] = self.patterns[r].captures_iter(text).collect();
                }
            }
        }
        found
    }
}

/// Whether any rule matched.
pub fn any_of(found: &Found<'_>) -> bool {
    found.iter().any(|m| !m.is_empty())
}
