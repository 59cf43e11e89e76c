//! Entity mentions by the shape of their names: the procedures of `loaders/entities.py`.
//!
//! Every pattern and word list comes from the Python module through [`Config`]; only the procedures
//! are here, step for step as in Python, so both give the same candidates. Offsets are bytes; where
//! Python compares lengths in characters (the order of overlapping mentions) so does this module.

use std::cmp::Reverse;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::config::Config;
use crate::pattern::{group, named, named_or_empty, whole, Caps, Pat};
use crate::pytext;

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum MentionKind {
    Name,
    Quoted,
    Measure,
    Collective,
    Target,
    Country,
    Reference,
    Acronym,
}

impl MentionKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Quoted => "quoted",
            MentionKind::Measure => "measure",
            MentionKind::Collective => "collective",
            MentionKind::Target => "target",
            MentionKind::Country => "country",
            MentionKind::Reference => "reference",
            MentionKind::Acronym => "acronym",
        }
    }

    const ALL: [MentionKind; 8] = [
        MentionKind::Name,
        MentionKind::Quoted,
        MentionKind::Measure,
        MentionKind::Collective,
        MentionKind::Target,
        MentionKind::Country,
        MentionKind::Reference,
        MentionKind::Acronym,
    ];

    fn index(self) -> usize {
        self as usize
    }
}

/// A mention found in a statement's text (`entities.Candidate`); offsets are bytes.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub type_: String,
    pub name: String,
    pub kind: MentionKind,
    pub alias: Option<String>,
    pub head: Option<String>,
}

impl Candidate {
    fn new(start: usize, end: usize, type_: &str, name: String, kind: MentionKind) -> Self {
        Candidate {
            start,
            end,
            type_: type_.to_string(),
            name,
            kind,
            alias: None,
            head: None,
        }
    }
}

// Families of patterns a statement's lower-cased words let run (the `*_TRIGGERS` sets of Python).
const F_REFERENCE: u8 = 1;
const F_MEASURE: u8 = 2;
const F_COLLECTIVE: u8 = 4;
const F_TARGET: u8 = 8;

/// What one lower-cased word of a statement may start: pattern families, and country names.
#[derive(Default)]
struct Trigger {
    families: u8,
    /// Index into `countries_by_first_word` when the word begins a country name.
    country: Option<usize>,
}

/// One word of `_TOKEN` with its byte span.
#[derive(Clone, Copy)]
struct Tok<'a> {
    start: usize,
    end: usize,
    word: &'a str,
}

/// `entities._TOKEN` by hand: a search per word, as a regex library runs `findall`, was a fifth of
/// the core's time. The pattern's source is checked at start-up, so a change to it in Python fails
/// loudly here instead of tokenising otherwise.
struct Tokenizer;

impl Tokenizer {
    const SHAPE: &'static str = r"[\w&'-]+(?:\.[\w&'-]+)*|[^\w\s]";

    fn new(cfg: &Config) -> PyResult<Self> {
        let (src, _) = cfg.pattern_source("entities._TOKEN")?;
        if src != Self::SHAPE {
            return Err(PyValueError::new_err(format!(
                "entities._TOKEN is now {src:?}; the native tokenizer implements {:?}: update loaders/native/src/mentions.rs",
                Self::SHAPE
            )));
        }
        Ok(Tokenizer)
    }

    /// Python's `\w` (`str.isalnum()` or "_") and the token's other characters.
    fn in_word(c: char) -> bool {
        c.is_alphanumeric() || matches!(c, '_' | '&' | '\'' | '-')
    }

    /// The tokens of `text`, left to right, as `_TOKEN.findall` gives them, with their spans.
    fn tokens<'a>(&self, text: &'a str) -> Vec<Tok<'a>> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if Self::in_word(c) {
                let mut end = i + c.len_utf8();
                loop {
                    while let Some(&(j, d)) = chars.peek() {
                        if !Self::in_word(d) {
                            break;
                        }
                        end = j + d.len_utf8();
                        chars.next();
                    }
                    // ".word" continues the token (abbreviations, "e.g"); a "." alone ends it.
                    let rest = &text[end..];
                    if rest.starts_with('.') && rest[1..].chars().next().is_some_and(Self::in_word) {
                        chars.next();
                        end += 1;
                        continue;
                    }
                    break;
                }
                out.push(Tok { start: i, end, word: &text[i..end] });
            } else if !pytext::is_py_space(c) {
                let end = i + c.len_utf8();
                out.push(Tok { start: i, end, word: &text[i..end] });
            }
        }
        out
    }
}

pub struct MentionRules {
    /// `_TOKEN` (no look-around): the regex crate's own `find_iter`, without captures.
    token: Tokenizer,
    actor_tail: Pat,
    law_tail_after: Pat,
    quoted: Pat,
    abbreviation: Pat,
    acronym: Pat,
    acronym_word: Pat,
    reference: Pat,
    measure: Pat,
    collective: Pat,
    target: Pat,
    target_in_name: Pat,
    country: Pat,
    actor_heads: HashMap<String, String>,
    instrument_heads: HashMap<String, String>,
    regional_words: HashSet<String>,
    international_words: HashSet<String>,
    starters: HashSet<String>,
    stop_words: HashSet<String>,
    sentence_case_heads: HashSet<String>,
    law_heads: HashSet<String>,
    instrument_title_heads: HashSet<String>,
    any_head: HashSet<String>,
    max_name_words: usize,
    kind_rank: [u8; 8],
    collective_groups: Vec<(String, String)>,
    punct: String,
    /// ASCII characters `is_separator` takes (white space and `_PUNCT_TO_SPACE`).
    ascii_separator: [bool; 128],
    triggers: HashMap<String, Trigger>,
    countries_by_name: HashMap<String, String>,
    countries_by_first_word: Vec<Vec<String>>,
}

/// Python's `str.isupper()` on one character.
fn upper_char(c: char) -> bool {
    c.is_uppercase() && !c.is_lowercase()
}

/// `entities._capitalised`: `word[0].isupper() or word[0].isdigit()`.
fn capitalised(word: &str) -> bool {
    let c = pytext::first_char(word);
    upper_char(c) || pytext::char_is_digit(c)
}

/// `word[0].isalnum() or word[0] in "&'"`.
fn word_like(word: &str) -> bool {
    let c = pytext::first_char(word);
    c.is_alphanumeric() || c == '&' || c == '\''
}

/// `set.__contains__(word.lower())`, without allocating for short ASCII words.
fn lower_in(set: &HashSet<String>, word: &str) -> bool {
    if word.is_ascii() && word.len() <= 32 {
        let mut buf = [0u8; 32];
        let b = &mut buf[..word.len()];
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        // ASCII in, ASCII out: always valid UTF-8.
        set.contains(std::str::from_utf8(b).unwrap_or(""))
    } else {
        set.contains(&pytext::lower(word))
    }
}

/// Python's `re.sub(r"\s+", " ", s)` (`entities._SPACE`), with Python's notion of white space
/// (which, unlike the regex crate's `\s`, takes in U+001C..U+001F).
fn collapse_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if pytext::is_py_space(c) {
            if !in_space {
                out.push(' ');
                in_space = true;
            }
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// `s[:4].lower() == "the "`: only ASCII letters lower-case to "the ", so a byte test suffices.
fn starts_with_the(s: &str) -> bool {
    s.len() >= 4 && s.as_bytes()[..4].eq_ignore_ascii_case(b"the ")
}

/// Python's `s[:1].upper() + s[1:]`.
fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        None => String::new(),
        Some(c) => {
            let mut out: String = c.to_uppercase().collect();
            out.push_str(chars.as_str());
            out
        }
    }
}

/// `entities._trim_tail`.
fn trim_tail(tail: &str) -> &str {
    let mut tail = tail;
    if let Some(last) = tail.rfind(',') {
        let rest = &tail[last..];
        if !rest.contains(" and ") && !rest.contains(" & ") {
            tail = &tail[..tail.find(',').unwrap_or(tail.len())];
        }
    }
    pytext::rstrip_chars(tail, " ,")
}

/// Python's `str.isdigit()` on a whole word.
fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(pytext::char_is_digit)
}

impl MentionRules {
    pub fn new(cfg: &Config) -> PyResult<Self> {
        // Python's `$` (no MULTILINE) also matches before a final newline; the regex crate's only at
        // the very end: spell it as Python means it.
        let (measure_src, measure_flags) = cfg.pattern_source("entities._MEASURE")?;
        let measure_src = match measure_src.strip_suffix('$') {
            Some(body) if !body.ends_with('\\') => format!("{body}(?=\\n?\\z)"),
            _ => measure_src,
        };
        let kind_ranks = cfg.map("entities._KIND_RANK")?;
        let mut kind_rank = [0u8; 8];
        for k in MentionKind::ALL {
            let r = kind_ranks
                .get(k.as_str())
                .and_then(|v| v.parse::<u8>().ok())
                .ok_or_else(|| {
                    PyValueError::new_err(format!("entities._KIND_RANK lacks {:?}", k.as_str()))
                })?;
            kind_rank[k.index()] = r;
        }
        let labels = cfg.list("entities.COLLECTIVES.labels")?;
        let collective_groups = labels
            .into_iter()
            .enumerate()
            .map(|(i, l)| (format!("c{i}"), l))
            .collect();

        let mut triggers: HashMap<String, Trigger> = HashMap::default();
        for (name, flag) in [
            ("entities._REFERENCE_TRIGGERS", F_REFERENCE),
            ("entities._MEASURE_TRIGGERS", F_MEASURE),
            ("entities._COLLECTIVE_TRIGGERS", F_COLLECTIVE),
            ("entities._TARGET_TRIGGERS", F_TARGET),
        ] {
            for w in cfg.set(name)? {
                triggers.entry(w).or_default().families |= flag;
            }
        }
        // `countries.first_words` are the keys of `countries.by_first_word`.
        let first_words = cfg.set("countries.first_words")?;
        let mut countries_by_first_word = Vec::new();
        for (word, names) in cfg.list_map("countries.by_first_word")? {
            if first_words.contains(&word) {
                triggers.entry(word).or_default().country = Some(countries_by_first_word.len());
                countries_by_first_word.push(names);
            }
        }
        for w in &first_words {
            // A first word without names: it passes the first test, and then no name is in the text.
            triggers
                .entry(w.clone())
                .or_default()
                .country
                .get_or_insert_with(|| {
                    countries_by_first_word.push(Vec::new());
                    countries_by_first_word.len() - 1
                });
        }

        let punct = cfg.str("entities._PUNCT_TO_SPACE.chars")?;
        let mut ascii_separator = [false; 128];
        for (i, sep) in ascii_separator.iter_mut().enumerate() {
            let c = char::from(i as u8);
            *sep = pytext::is_py_space(c) || punct.contains(c);
        }
        Ok(MentionRules {
            token: Tokenizer::new(cfg)?,
            actor_tail: cfg.pattern("entities._ACTOR_TAIL")?,
            law_tail_after: cfg.pattern("entities._LAW_TAIL_AFTER")?,
            quoted: cfg.pattern("entities._QUOTED")?,
            abbreviation: cfg.pattern("entities._ABBREVIATION")?,
            acronym: cfg.pattern("entities._ACRONYM")?,
            acronym_word: cfg.pattern("entities._ACRONYM_WORD")?,
            reference: cfg.pattern("entities._REFERENCE")?,
            measure: Pat::new("entities._MEASURE", &measure_src, measure_flags)?,
            collective: cfg.pattern("entities._COLLECTIVE")?,
            target: cfg.pattern("entities._TARGET")?,
            target_in_name: cfg.pattern("entities._TARGET_IN_NAME")?,
            country: cfg.pattern("countries.pattern")?,
            actor_heads: cfg.map("entities.ACTOR_HEADS")?,
            instrument_heads: cfg.map("entities.INSTRUMENT_HEADS")?,
            regional_words: cfg.set("entities.REGIONAL_WORDS")?,
            international_words: cfg.set("entities.INTERNATIONAL_WORDS")?,
            starters: cfg.set("entities.STARTERS")?,
            stop_words: cfg.set("entities._STOP_WORDS")?,
            sentence_case_heads: cfg.set("entities.SENTENCE_CASE_HEADS")?,
            law_heads: cfg.set("entities._LAW_HEADS")?,
            instrument_title_heads: cfg.set("entities._INSTRUMENT_TITLE_HEADS")?,
            any_head: cfg.set("entities._ANY_HEAD")?,
            max_name_words: usize::try_from(cfg.int("entities._MAX_NAME_WORDS")?).unwrap_or(0),
            kind_rank,
            collective_groups,
            ascii_separator,
            punct,
            triggers,
            countries_by_name: cfg.map("countries.by_name")?,
            countries_by_first_word,
        })
    }

    /// Where `s.translate(_PUNCT_TO_SPACE).split()` splits.
    fn is_separator(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.ascii_separator[c as usize];
        }
        pytext::is_py_space(c) || self.punct.contains(c)
    }

    /// Non-overlapping mentions in `text`, left to right (`entities.find_candidates`).
    pub fn find_candidates(
        &self,
        text: &str,
        bullet: bool,
        acronyms: Option<&HashSet<String>>,
    ) -> Vec<Candidate> {
        let mut found: Vec<Candidate> = Vec::new();
        let has_upper = !pytext::is_lower(text);
        let low = pytext::lower(text);
        // One pass over the lower-cased words stands for Python's `tokens` set and its isdisjoint tests.
        let mut families = 0u8;
        let mut country_hits: Vec<usize> = Vec::new();
        for w in low.split(|c| self.is_separator(c)) {
            if w.is_empty() {
                continue;
            }
            if let Some(t) = self.triggers.get(w) {
                families |= t.families;
                if let Some(i) = t.country {
                    if !country_hits.contains(&i) {
                        country_hits.push(i);
                    }
                }
            }
        }

        if text.contains('"') {
            for m in self.quoted.captures_iter(text) {
                let (ms, me, _) = whole(&m);
                if let Some(c) = self.quoted_candidate(text, ms, me, group(&m, 1).unwrap_or("")) {
                    found.push(c);
                }
            }
        }
        if has_upper && families & F_REFERENCE != 0 {
            self.named(text, &mut found);
        }
        if bullet && families & F_MEASURE != 0 {
            let stripped = pytext::rstrip_chars(text, ". ");
            if let Some(mm) = self.measure.match_at(stripped, 0) {
                if let Some(nm) = mm.name("name") {
                    found.push(Candidate::new(
                        0,
                        nm.end(),
                        "Programme",
                        self.canonical_name(nm.as_str()),
                        MentionKind::Measure,
                    ));
                }
            }
        }
        if families & F_COLLECTIVE != 0 {
            self.collective.for_each(text, |m| {
                let (s, e, all) = whole(m);
                let label = self
                    .collective_groups
                    .iter()
                    .find(|(g, _)| !named_or_empty(m, g).is_empty())
                    .map(|(_, l)| l.as_str())
                    .unwrap_or("");
                found.push(Candidate::new(
                    s,
                    e,
                    label,
                    self.sentence_case(all),
                    MentionKind::Collective,
                ));
            });
        }
        if families & F_TARGET != 0 {
            self.target.for_each(text, |m| {
                let (s, e, _) = whole(m);
                found.push(Candidate::new(
                    s,
                    e,
                    "TargetGroup",
                    self.target_name(m),
                    MentionKind::Target,
                ));
            });
        }
        if has_upper {
            if !country_hits.is_empty() && self.countries_may_occur(&country_hits, text) {
                self.country.for_each(text, |m| {
                    let (s, e, spelt) = whole(m);
                    let canonical = self
                        .countries_by_name
                        .get(spelt)
                        .cloned()
                        .unwrap_or_else(|| spelt.to_string());
                    let alias = (spelt != canonical).then(|| spelt.to_string());
                    let mut c = Candidate::new(s, e, "Country", canonical, MentionKind::Country);
                    c.alias = alias;
                    found.push(c);
                });
            }
            match acronyms {
                None => {
                    self.acronym.for_each(text, |m| {
                        let (s, e, _) = whole(m);
                        let a = group(m, 1).unwrap_or("").to_string();
                        found.push(Candidate::new(s, e, "", a, MentionKind::Acronym));
                    });
                }
                Some(known) if !known.is_empty() => self.bare_acronyms(text, known, &mut found),
                Some(_) => {}
            }
        }
        if families & F_REFERENCE != 0 {
            self.reference.for_each(text, |m| {
                let (s, e, _) = whole(m);
                let head = named(m, "head").unwrap_or("").to_string();
                let mut c = Candidate::new(s, e, "", head.clone(), MentionKind::Reference);
                c.head = Some(head);
                found.push(c);
            });
        }
        self.non_overlapping(found, text)
    }

    /// One `_QUOTED` match (`"inner"` at `start..end`) as Python's loop body makes it, or None.
    fn quoted_candidate(
        &self,
        text: &str,
        start: usize,
        end: usize,
        raw: &str,
    ) -> Option<Candidate> {
        let inner = self.canonical_name(raw);
        let words: Vec<&str> = pytext::split_ws(&inner).collect();
        if inner.is_empty() || words.len() > 16 {
            return None;
        }
        let c0 = pytext::first_char(&inner);
        if !(upper_char(c0) || pytext::char_is_digit(c0) || inner.contains('-')) {
            return None;
        }
        let first = words[0];
        let last = pytext::rstrip_chars(words[words.len() - 1], ".,");
        let last_low = pytext::lower(last);
        let label = if first == "Act" || first == "Law" || last_low == "act" || last_low == "law" {
            "Law".to_string()
        } else if self.actor_heads.contains_key(last) {
            self.actor_type(last, &words[..words.len() - 1], "")
        } else if let Some(l) = self.instrument_heads.get(&last_low) {
            l.clone()
        } else if self.actor_heads.contains_key(first)
            && words.len() > 2
            && (words[1] == "of" || words[1] == "for")
        {
            // Python passes " ".join(words[1:]) as the tail, which it only splits into words again.
            self.actor_type(first, &words[1..], "")
        } else {
            "Programme".to_string() // a quoted title without a head noun names an instrument
        };
        let alias = self
            .abbreviation
            .match_at(text, end)
            .and_then(|am| group(&am, 1).map(str::to_string));
        let head = if self.instrument_heads.contains_key(&last_low) {
            Some(last_low)
        } else if self.actor_heads.contains_key(last) {
            Some(last.to_string())
        } else {
            None
        };
        Some(Candidate {
            start,
            end,
            type_: label,
            name: inner,
            kind: MentionKind::Quoted,
            alias,
            head,
        })
    }

    /// `CountryNames.may_occur`, given the indices of the statement's words that begin a name.
    fn countries_may_occur(&self, hits: &[usize], text: &str) -> bool {
        hits.iter().any(|&i| {
            self.countries_by_first_word[i]
                .iter()
                .any(|n| text.contains(n.as_str()))
        })
    }

    /// The bare abbreviations the document defined, where they stand alone in `text`: each
    /// occurrence not preceded or followed by a word character, '@' or '-' (`_acronym_pattern`).
    fn bare_acronyms(&self, text: &str, known: &HashSet<String>, found: &mut Vec<Candidate>) {
        let mut seen: Vec<&str> = Vec::new();
        for w in text.split(|c| self.is_separator(c)) {
            if w.is_empty() || !known.contains(w) || seen.contains(&w) {
                continue;
            }
            seen.push(w);
            let mut pos = 0;
            while let Some(i) = text[pos..].find(w) {
                let s = pos + i;
                let e = s + w.len();
                let before = text[..s].chars().next_back();
                let after = text[e..].chars().next();
                if !before.is_some_and(joins_word) && !after.is_some_and(joins_word) {
                    found.push(Candidate::new(
                        s,
                        e,
                        "",
                        w.to_string(),
                        MentionKind::Acronym,
                    ));
                    pos = e;
                } else {
                    // The search goes on from the next character, as a regex scan does.
                    pos = s + pytext::first_char(&text[s..]).len_utf8();
                }
            }
        }
    }

    /// `entities._named`: actors, laws and instruments named by a head noun.
    fn named(&self, text: &str, out: &mut Vec<Candidate>) {
        // Tokens cover every character but white space, so each match stands where Python's
        // `text.find(w, pos)` finds it.
        let toks: Vec<Tok> = self.token.tokens(text);
        for (h, t) in toks.iter().enumerate() {
            let head = t.word;
            if !self.any_head.contains(head) {
                continue;
            }
            if self.actor_heads.contains_key(head) {
                self.actor_at(text, &toks, h, out);
            }
            if self.law_heads.contains(head) {
                self.law_at(text, &toks, h, out);
            }
            if self.sentence_case_heads.contains(head) || self.instrument_title_heads.contains(head)
            {
                self.instrument_at(text, &toks, h, out);
            }
        }
    }

    fn actor_at(&self, text: &str, toks: &[Tok], h: usize, out: &mut Vec<Candidate>) {
        let Tok {
            start: hs,
            end: he,
            word: head,
        } = toks[h];
        let mut first = h;
        let mut j = h;
        while j > 0 {
            j -= 1;
            let w = toks[j].word;
            if capitalised(w) && toks[j].end < toks[j + 1].start {
                first = j;
            } else if (w == "and" || w == "&")
                && j > 0
                && capitalised(toks[j - 1].word)
                && first == j + 1
            {
            } else {
                break;
            }
        }
        let pre: Vec<&str> = toks[first..h].iter().map(|t| t.word).collect();
        let kept = self.cut_after_acronym(self.strip_starters(&pre));
        let tail = self
            .actor_tail
            .match_at(text, he)
            .map(|m| trim_tail(whole(&m).2))
            .unwrap_or("");
        if kept.is_empty() && tail.is_empty() {
            return; // a bare "Office": a reference, resolved elsewhere
        }
        let start = if kept.is_empty() {
            hs
        } else {
            toks[h - kept.len()].start
        };
        let mut name = String::new();
        for w in kept {
            name.push_str(w);
            name.push(' ');
        }
        name.push_str(head);
        name.push_str(tail);
        let mut c = Candidate::new(
            start,
            he + tail.len(),
            &self.actor_type(head, kept, tail),
            self.canonical_name(&name),
            MentionKind::Name,
        );
        c.head = Some(head.to_string());
        out.push(c);
    }

    fn law_at(&self, text: &str, toks: &[Tok], h: usize, out: &mut Vec<Candidate>) {
        let Tok {
            start: hs,
            end: he,
            word: head,
        } = toks[h];
        let mut first = h;
        while first > 0
            && capitalised(toks[first - 1].word)
            && pytext::is_alnum(toks[first - 1].word)
        {
            first -= 1;
        }
        let words: Vec<&str> = toks[first..h].iter().map(|t| t.word).collect();
        let kept = self.strip_starters(&words);
        let tail = self
            .law_tail_after
            .match_at(text, he)
            .map(|m| pytext::rstrip_chars(whole(&m).2, " ,"))
            .unwrap_or("");
        if kept.is_empty() && tail.is_empty() {
            return;
        }
        let start = if kept.is_empty() {
            hs
        } else {
            toks[h - kept.len()].start
        };
        let end = he + tail.len();
        let mut c = Candidate::new(
            start,
            end,
            "Law",
            self.canonical_name(&text[start..end]),
            MentionKind::Name,
        );
        c.head = Some(head.to_string());
        out.push(c);
    }

    /// `entities._middle_word`: whether a word may stand inside a lower-case instrument name.
    fn middle_word(&self, word: &str) -> bool {
        if !word_like(word) {
            return false;
        }
        if self.stop_words.contains(word) || self.sentence_case_heads.contains(word) {
            return false;
        }
        !(pytext::is_lower(word) && (word.ends_with("ed") || word.ends_with("ly")))
    }

    fn instrument_at(&self, text: &str, toks: &[Tok], h: usize, out: &mut Vec<Candidate>) {
        let Tok {
            end: he,
            word: head,
            ..
        } = toks[h];
        let mut start_index = None;
        let mut j = h;
        while j > 0 && h - (j - 1) <= self.max_name_words {
            j -= 1;
            let w = toks[j].word;
            if !word_like(w) {
                break;
            }
            if capitalised(w) {
                start_index = Some(j);
            }
            if !self.middle_word(w) {
                break;
            }
        }
        let Some(si) = start_index else { return };
        let words: Vec<&str> = toks[si..h].iter().map(|t| t.word).collect();
        let kept = self.strip_starters(&words);
        if kept.is_empty() || !capitalised(kept[0]) || self.actor_heads.contains_key(kept[0]) {
            return;
        }
        let start = toks[h - kept.len()].start;
        let mut tail = "";
        if upper_char(pytext::first_char(head)) {
            if let Some(m) = self.actor_tail.match_at(text, he) {
                tail = trim_tail(whole(&m).2);
            }
        }
        let end = he + tail.len();
        let key = pytext::lower(head);
        let label = self.instrument_heads.get(&key).cloned().unwrap_or_default();
        let mut c = Candidate::new(
            start,
            end,
            &label,
            self.canonical_name(&text[start..end]),
            MentionKind::Name,
        );
        c.head = Some(key);
        out.push(c);
    }

    /// `entities._strip_starters`.
    fn strip_starters<'w, 'a>(&self, words: &'w [&'a str]) -> &'w [&'a str] {
        let mut words = words;
        while let Some(w) = words.first() {
            if !lower_in(&self.starters, w) {
                break;
            }
            words = &words[1..];
        }
        words
    }

    /// `entities._cut_after_acronym`: "MoT and Storm Board" names the Storm Board.
    fn cut_after_acronym<'w, 'a>(&self, words: &'w [&'a str]) -> &'w [&'a str] {
        for i in (1..words.len()).rev() {
            if (words[i] == "and" || words[i] == "&")
                && self.acronym_word.match_at(words[i - 1], 0).is_some()
            {
                return &words[i + 1..];
            }
        }
        words
    }

    /// `entities._sentence_case`.
    fn sentence_case(&self, text: &str) -> String {
        let collapsed = collapse_space(pytext::strip(text));
        let text = if starts_with_the(&collapsed) {
            &collapsed[4..]
        } else {
            &collapsed[..]
        };
        let mut lowered = String::with_capacity(text.len());
        for (i, w) in text.split(' ').enumerate() {
            if i > 0 {
                lowered.push(' ');
            }
            if pytext::is_upper(w) && w.chars().nth(1).is_some() {
                lowered.push_str(w);
            } else {
                lowered.push_str(&pytext::lower(w));
            }
        }
        upper_first(&lowered)
    }

    /// `entities._actor_type`: the label of an actor head, made regional or international by the
    /// words around it.
    fn actor_type(&self, head: &str, prefix_words: &[&str], tail: &str) -> String {
        let label = self.actor_heads.get(head).map(String::as_str).unwrap_or("");
        let words = || prefix_words.iter().copied().chain(pytext::split_ws(tail));
        if (label == "Agency" || label == "Government")
            && words().any(|w| self.regional_words.contains(w))
        {
            return "RegionalGovernment".to_string();
        }
        if matches!(
            head,
            "Organisation" | "Organization" | "Bank" | "Commission" | "Council"
        ) && words().any(|w| {
            self.international_words.contains(w) || w == "Co-operation" || w == "Cooperation"
        }) {
            return "InternationalOrganization".to_string();
        }
        label.to_string()
    }

    /// `entities._target_name`: the canonical name of a `_TARGET` (or `_TARGET_IN_NAME`) match.
    fn target_name(&self, m: &Caps) -> String {
        let bnoun = named_or_empty(m, "bnoun");
        if !bnoun.is_empty() {
            return self.sentence_case(&format!("{} {}", named_or_empty(m, "bmod"), bnoun));
        }
        let mut core = collapse_space(named_or_empty(m, "core"));
        let low = pytext::lower(&core);
        if low.starts_with("micro,") || low == "msme" || low == "msmes" {
            core = "MSMEs".to_string();
        } else if low.starts_with("small and medium") || low == "sme" || low == "smes" {
            core = "SMEs".to_string();
        } else if low.starts_with("micro") {
            core = "micro-enterprises".to_string();
        } else if low == "youth" || low == "young people" {
            core = low;
        } else if !low.ends_with('s') && low != "self-employed workers" {
            core.push('s');
        }
        let modifier = named_or_empty(m, "mod");
        let mut name = if modifier.is_empty() {
            core
        } else {
            format!("{modifier} {core}")
        };
        let age1 = named_or_empty(m, "age1");
        let age3 = named_or_empty(m, "age3");
        let age = if !age1.is_empty() {
            Some((age1, named_or_empty(m, "age2")))
        } else if !age3.is_empty() {
            Some((age3, named_or_empty(m, "age4")))
        } else {
            None
        };
        if let Some((a, b)) = age {
            name = format!("{name} aged {a}-{b}");
        }
        upper_first(&name)
    }

    /// `entities._non_overlapping`: the longest of overlapping mentions, and abbreviations bound.
    fn non_overlapping(&self, mut found: Vec<Candidate>, text: &str) -> Vec<Candidate> {
        if found.is_empty() {
            return found;
        }
        let ascii = text.is_ascii();
        let chars = |c: &Candidate| {
            if ascii {
                c.end.saturating_sub(c.start)
            } else {
                text[c.start..c.end.max(c.start)].chars().count()
            }
        };
        // Stable, like Python's sort: ties keep the order the families were searched in.
        found.sort_by_cached_key(|c| (c.start, Reverse(chars(c)), self.kind_rank[c.kind.index()]));
        let mut kept: Vec<Candidate> = Vec::with_capacity(found.len());
        let mut taken_end = 0usize;
        for mut c in found {
            if c.start < taken_end || c.end <= c.start {
                continue; // a longer mention already covers it
            }
            if matches!(c.kind, MentionKind::Name | MentionKind::Quoted) && c.alias.is_none() {
                if let Some(am) = self.abbreviation.match_at(text, c.end) {
                    let abbr = group(&am, 1).unwrap_or("");
                    if !all_digits(abbr) && !abbr.starts_with("Article") {
                        c.alias = Some(abbr.to_string());
                    }
                }
            }
            taken_end = c.end;
            if c.alias.is_some() {
                if let Some(am) = self.abbreviation.match_at(text, c.end) {
                    taken_end = whole(&am).1; // the abbreviation in parentheses is part of this mention
                }
            }
            kept.push(c);
        }
        kept
    }

    /// `entities.canonical_name`.
    pub fn canonical_name(&self, text: &str) -> String {
        let mut s = if text.contains('"') {
            text.replace('"', "")
        } else {
            text.to_string()
        };
        if s.contains(" & ") {
            s = s.replace(" & ", " and ");
        }
        let collapsed = collapse_space(&s);
        let name = pytext::strip_chars(&collapsed, " ,;:.-'");
        let name = if starts_with_the(name) {
            &name[4..]
        } else {
            name
        };
        name.to_string()
    }

    /// `entities.name_key`.
    pub fn name_key(&self, text: &str) -> String {
        let t = text
            .replace('\u{2013}', "-")
            .replace('\u{2014}', "-")
            .replace('\u{2019}', "'");
        pytext::casefold(&self.canonical_name(&t))
    }

    /// `entities.targets_in_name`.
    pub fn targets_in_name(&self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.target_in_name.for_each(name, |m| {
            if named_or_empty(m, "bnoun").is_empty() {
                out.push(self.target_name(m));
            }
        });
        out
    }

    /// The schema label an instrument head noun gives (`entities.INSTRUMENT_HEADS.get(head)`).
    pub fn instrument_head_label(&self, head: &str) -> Option<&str> {
        self.instrument_heads.get(head).map(String::as_str)
    }
}

/// Python's `[\w@-]`: what may not touch a bare abbreviation.
fn joins_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '@' || c == '-'
}

type PyCandidate = (
    usize,
    usize,
    String,
    String,
    &'static str,
    Option<String>,
    Option<String>,
);

/// Python bindings, for the differential tests against `loaders.entities`.
#[pymethods]
impl crate::Core {
    /// `entities.find_candidates`, each candidate a tuple with offsets in characters.
    #[pyo3(name = "find_candidates", signature = (text, bullet = false, acronyms = None))]
    fn mentions_find_candidates(
        &self,
        text: &str,
        bullet: bool,
        acronyms: Option<HashSet<String>>,
    ) -> Vec<PyCandidate> {
        self.mentions
            .find_candidates(text, bullet, acronyms.as_ref())
            .into_iter()
            .map(|c| {
                (
                    pytext::char_offset(text, c.start),
                    pytext::char_offset(text, c.end),
                    c.type_,
                    c.name,
                    c.kind.as_str(),
                    c.alias,
                    c.head,
                )
            })
            .collect()
    }

    #[pyo3(name = "canonical_name")]
    fn mentions_canonical_name(&self, text: &str) -> String {
        self.mentions.canonical_name(text)
    }

    #[pyo3(name = "name_key")]
    fn mentions_name_key(&self, text: &str) -> String {
        self.mentions.name_key(text)
    }

    #[pyo3(name = "targets_in_name")]
    fn mentions_targets_in_name(&self, name: &str) -> Vec<String> {
        self.mentions.targets_in_name(name)
    }

    /// Seconds spent finding every candidate of `texts` (each with its bullet flag) natively, and
    /// how many were found: the speed figure without the cost of handing results to Python.
    #[pyo3(name = "time_find_candidates", signature = (texts, acronyms = None))]
    fn mentions_time_find_candidates(
        &self,
        py: Python<'_>,
        texts: Vec<(String, bool)>,
        acronyms: Option<HashSet<String>>,
    ) -> (f64, usize) {
        py.allow_threads(|| {
            let t = std::time::Instant::now();
            let n: usize = texts
                .iter()
                .map(|(s, b)| {
                    self.mentions
                        .find_candidates(s, *b, acronyms.as_ref())
                        .len()
                })
                .sum();
            (t.elapsed().as_secs_f64(), n)
        })
    }
}
