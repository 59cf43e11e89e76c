//! Reading one document: mentions linked to entities, templated statements, the relationship and
//! layout rules — the procedures of `loaders/extract.py` (`_Reader`, `extract`, `_relate`,
//! `_frame_rules`) up to the drafts and facts that Python's `_finish` turns into an `Extraction`.
//!
//! Entities are numbered in order of first mention (Python keeps them in a dict by name key, in
//! that order); facts likewise. Offsets are bytes; where Python compares character distances the
//! text is ASCII (they are equal) or they are counted in characters.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use pyo3::prelude::*;

use crate::config::Config;
use crate::mentions::{Candidate, MentionKind, MentionRules};
use crate::pattern::{group, named, Caps, Pat};
use crate::pytext;
use crate::rules::{self, Found, RelationRules};
use crate::statements::{Kind, Statement, StatementRules};
use crate::years::{nearest_year, Precision, YearRules, YearSpan};

const TARGET_GROUP: &str = "TargetGroup";
const COUNTRY: &str = "Country";

pub struct Draft {
    pub key: String,
    pub type_: String,
    pub name: String,
    pub kind: MentionKind,
    pub aliases: Vec<String>,
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub lines: Vec<usize>,
    lines_seen: HashSet<usize>,
    pub head: Option<String>,
    type_id: usize,
    actor: bool,
    instrument: bool,
}

pub struct Fact {
    pub rel: &'static str,
    pub source: usize,
    pub target: usize,
    pub context: Option<usize>,
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub confidence: f64,
    pub evidence: Vec<(usize, usize)>,
    pub note: Option<String>,
}

/// The schema's tables and the confidences, as the reader needs them.
pub struct ReaderRules {
    actor_types: HashSet<String>,
    instrument_types: HashSet<String>,
    /// Relationship type -> allowed (source type, target type), types as ids of `type_ids`.
    allowed: HashMap<String, HashSet<(usize, usize)>>,
    type_ids: HashMap<String, usize>,
    symmetric: HashSet<String>,
    provides_for_sources: HashSet<String>,
    strategy_label: String,
    on_demand: Vec<String>,
    stated: f64,
    nested: f64,
    framed: f64,
    subject_prefix: Pat,
    target_cues: Pat,
    parentheses: Pat,
}

impl ReaderRules {
    pub fn new(cfg: &Config) -> PyResult<Self> {
        let mut type_ids: HashMap<String, usize> = HashMap::default();
        let mut allowed: HashMap<String, HashSet<(usize, usize)>> = HashMap::default();
        for triple in cfg.set("schema.allowed")? {
            let parts: Vec<&str> = triple.split(' ').collect();
            let mut id = |t: &str| {
                let n = type_ids.len();
                *type_ids.entry(t.to_string()).or_insert(n)
            };
            let (s, t) = (id(parts[1]), id(parts[2]));
            allowed.entry(parts[0].to_string()).or_default().insert((s, t));
        }
        let heads = cfg.map("entities.INSTRUMENT_HEADS")?;
        Ok(ReaderRules {
            actor_types: cfg.set("schema.actor_types")?,
            instrument_types: cfg.set("schema.instrument_types")?,
            allowed,
            type_ids,
            symmetric: cfg.set("schema.symmetric")?,
            provides_for_sources: cfg.set("schema.provides_for_sources")?,
            strategy_label: heads.get("strategy").cloned().unwrap_or_default(),
            on_demand: cfg.list("extract._ON_DEMAND")?,
            stated: cfg.float("extract.STATED")?,
            nested: cfg.float("extract.NESTED")?,
            framed: cfg.float("extract.FRAMED")?,
            subject_prefix: cfg.pattern("relations.SUBJECT_PREFIX")?,
            target_cues: cfg.pattern("relations.TARGET_CUES")?,
            parentheses: cfg.pattern("extract._PARENTHESES")?,
        })
    }
}

/// What reading a document gives: its entities (drafts) and facts, in first-seen order.
pub struct Reading {
    pub drafts: Vec<Draft>,
    pub facts: Vec<Fact>,
}

struct Reader<'a> {
    rr: &'a ReaderRules,
    mentions: &'a MentionRules,
    drafts: Vec<Draft>,
    by_key: HashMap<String, usize>,
    abbreviations: HashMap<String, usize>,
    acronyms: HashSet<String>,
    recent_head: HashMap<String, usize>,
    recent_type: HashMap<String, usize>,
    facts: Vec<Fact>,
    /// (fact, span) pairs already cited: a fact repeated on every slide gathers hundreds of spans.
    cited: HashSet<(usize, (usize, usize))>,
    /// Each spelling's name key, computed once per document (names recur on every slide).
    name_keys: HashMap<String, String>,
    fact_index: HashMap<(&'static str, usize, usize, Option<usize>), usize>,
    subjects: Vec<Option<usize>>,
    targets: Vec<Vec<usize>>,
    created: Vec<Option<i64>>,
    sts: &'a [Statement],
}

fn span(st: &Statement) -> (usize, usize) {
    (st.first_line, st.last_line)
}

/// `@i@` placeholders in `t[start..end]`: (start, end, i). Only placeholders hold '@' in a template.
fn placeholders(t: &str, start: usize, end: usize) -> Vec<(usize, usize, usize)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        if b[i] == b'@' {
            let mut j = i + 1;
            while j < end && b[j].is_ascii_digit() {
                j += 1;
            }
            if j > i + 1 && j < end && b[j] == b'@' {
                let n: usize = t[i + 1..j].parse().unwrap_or(usize::MAX);
                out.push((i, j + 1, n));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The indices a list of placeholders names ("@1@, @2@ and @3@").
fn indices(s: &str) -> Vec<usize> {
    placeholders(s, 0, s.len()).into_iter().map(|(_, _, n)| n).collect()
}

/// Distance in characters between two byte offsets of `t`.
fn char_distance(t: &str, a: usize, b: usize) -> usize {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    if t.is_ascii() {
        hi - lo
    } else {
        t[lo..hi].chars().count()
    }
}

fn year_in(years: &[YearSpan]) -> Option<i64> {
    years
        .iter()
        .find(|y| matches!(y.precision, Precision::Year | Precision::From | Precision::Range))
        .and_then(|y| y.start)
}

impl<'a> Reader<'a> {
    fn entity_for(&mut self, c: &Candidate, line: usize) -> Option<usize> {
        let key = match c.kind {
            MentionKind::Acronym => *self.abbreviations.get(&c.name)?,
            MentionKind::Reference => {
                let head = c.head.as_deref().unwrap_or("");
                let low = pytext::lower(head);
                match self.recent_head.get(&low) {
                    Some(&k) => k,
                    None => {
                        let label = self.mentions.instrument_head_label(&low).unwrap_or(head);
                        *self.recent_type.get(label)?
                    }
                }
            }
            _ => {
                let name_key = match self.name_keys.get(&c.name) {
                    Some(k) => k.clone(),
                    None => {
                        let k = self.mentions.name_key(&c.name);
                        self.name_keys.insert(c.name.clone(), k.clone());
                        k
                    }
                };
                let key = match self.by_key.get(&name_key) {
                    Some(&k) => {
                        let on_demand = &self.rr.on_demand;
                        let is_on_demand = |kind: MentionKind| on_demand.iter().any(|x| x == kind.as_str());
                        if !is_on_demand(c.kind) && is_on_demand(self.drafts[k].kind) {
                            self.drafts[k].kind = c.kind;
                        }
                        k
                    }
                    None => {
                        let k = self.drafts.len();
                        let type_id = self.rr.type_ids.get(&c.type_).copied().unwrap_or(usize::MAX);
                        self.drafts.push(Draft {
                            key: name_key.clone(),
                            type_: c.type_.clone(),
                            name: c.name.clone(),
                            kind: c.kind,
                            aliases: Vec::new(),
                            start: None,
                            end: None,
                            lines: Vec::new(),
                            lines_seen: HashSet::default(),
                            head: c.head.clone(),
                            type_id,
                            actor: self.rr.actor_types.contains(&c.type_),
                            instrument: self.rr.instrument_types.contains(&c.type_),
                        });
                        self.by_key.insert(name_key, k);
                        k
                    }
                };
                if let Some(alias) = &c.alias {
                    let d = &mut self.drafts[key];
                    if !d.aliases.contains(alias) {
                        d.aliases.push(alias.clone());
                    }
                    if c.kind != MentionKind::Country {
                        self.abbreviations.entry(alias.clone()).or_insert(key);
                        self.acronyms.insert(alias.clone());
                    }
                }
                key
            }
        };
        let d = &mut self.drafts[key];
        if d.lines_seen.insert(line) {
            d.lines.push(line);
        }
        if let Some(h) = &d.head {
            self.recent_head.insert(pytext::lower(h), key);
        }
        self.recent_type.insert(d.type_.clone(), key);
        Some(key)
    }

    fn is_actor(&self, k: usize) -> bool {
        self.drafts[k].actor
    }
    fn is_instrument(&self, k: usize) -> bool {
        self.drafts[k].instrument
    }
    fn acting(&self, k: usize) -> bool {
        self.is_actor(k) || self.is_instrument(k)
    }
    fn type_of(&self, k: usize) -> &str {
        &self.drafts[k].type_
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        rel: &'static str,
        source: usize,
        target: usize,
        spans: &[(usize, usize)],
        confidence: f64,
        start: Option<i64>,
        end: Option<i64>,
        context: Option<usize>,
        note: Option<String>,
    ) {
        if source == target {
            return;
        }
        let pair = (self.drafts[source].type_id, self.drafts[target].type_id);
        if !self.rr.allowed.get(rel).is_some_and(|a| a.contains(&pair)) {
            return;
        }
        let (mut source, mut target) = (source, target);
        if self.rr.symmetric.contains(rel) && self.drafts[source].key > self.drafts[target].key {
            std::mem::swap(&mut source, &mut target);
        }
        let k = (rel, source, target, context);
        let i = match self.fact_index.get(&k) {
            Some(&i) => {
                let f = &mut self.facts[i];
                f.start = f.start.or(start);
                f.end = f.end.or(end);
                f.confidence = f.confidence.max(confidence);
                i
            }
            None => {
                self.facts.push(Fact {
                    rel,
                    source,
                    target,
                    context,
                    start,
                    end,
                    confidence,
                    evidence: Vec::new(),
                    note,
                });
                self.fact_index.insert(k, self.facts.len() - 1);
                self.facts.len() - 1
            }
        };
        for s in spans {
            if self.cited.insert((i, *s)) {
                self.facts[i].evidence.push(*s);
            }
        }
    }

    fn set_years(&mut self, k: usize, start: Option<i64>, end: Option<i64>) {
        let d = &mut self.drafts[k];
        if d.start.is_none() && start.is_some() && (d.end.is_none() || start <= d.end) {
            d.start = start;
        }
        if d.end.is_none() && end.is_some() && (d.start.is_none() || end >= d.start) {
            d.end = end;
        }
    }

    /// A statement's subject, or its nearest ancestor's: a sub-bullet continues its parent.
    fn subject(&self, index: Option<usize>) -> Option<usize> {
        let mut index = index;
        let mut seen = 0;
        while let Some(i) = index {
            if seen >= 50 {
                break;
            }
            if let Some(s) = self.subjects[i] {
                return Some(s);
            }
            index = self.sts[i].parent;
            seen += 1;
        }
        None
    }

    fn ancestors(&self, index: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut parent = self.sts[index].parent;
        while let Some(p) = parent {
            if out.len() >= 50 {
                break;
            }
            out.push(p);
            parent = self.sts[p].parent;
        }
        out
    }

    fn context(&self, st: &Statement, own_subject: Option<usize>) -> Option<usize> {
        if let Some(s) = own_subject {
            if self.is_instrument(s) {
                return Some(s);
            }
        }
        for a in self.ancestors(st.index) {
            if let Some(s) = self.subjects[a] {
                return self.is_instrument(s).then_some(s);
            }
        }
        None
    }
}

/// The statement with each mention (and a "the" before it) replaced by `@i@` (`extract._template`).
fn template(rr: &ReaderRules, text: &str, cands: &[&Candidate]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (i, c) in cands.iter().enumerate() {
        let mut start = c.start;
        // "the " is ASCII: four bytes back, when four characters lie between `pos` and the mention.
        if start >= pos + 4 && text.is_char_boundary(start - 4) && text[start - 4..start].eq_ignore_ascii_case("the ") {
            start -= 4;
        }
        push_without_at(&mut out, &text[pos..start]);
        out.push('@');
        out.push_str(&i.to_string());
        out.push('@');
        pos = c.end;
        if c.alias.is_some() {
            if let Some(end) = rr.parentheses.match_end(text, pos) {
                pos = end;
            }
        }
    }
    push_without_at(&mut out, &text[pos..]);
    out
}

fn push_without_at(out: &mut String, s: &str) {
    if s.contains('@') {
        out.push_str(&s.replace('@', " "));
    } else {
        out.push_str(s);
    }
}

/// Seconds spent in each phase of [`read`] (for the benchmark's account of where the time goes).
#[derive(Default)]
pub struct Phases {
    pub statements: f64,
    pub mentions: f64,
    pub templates: f64,
    pub rules: f64,
    pub layout: f64,
}

/// Read a document's clean lines into drafts and facts, as `extract.extract` does before `_finish`.
#[allow(clippy::too_many_arguments)]
pub fn read(
    rr: &ReaderRules,
    statement_rules: &StatementRules,
    mention_rules: &MentionRules,
    year_rules: &YearRules,
    relation_rules: &RelationRules,
    clean: &[String],
    markdown: bool,
    mut phases: Option<&mut Phases>,
) -> Reading {
    let mut clock = std::time::Instant::now();
    let mut lap = |slot: fn(&mut Phases) -> &mut f64, phases: &mut Option<&mut Phases>| {
        if let Some(p) = phases.as_deref_mut() {
            let now = std::time::Instant::now();
            *slot(p) += (now - clock).as_secs_f64();
            clock = now;
        }
    };
    let sts = statement_rules.statements(clean, markdown);
    lap(|p| &mut p.statements, &mut phases);
    let mut rd = Reader {
        rr,
        mentions: mention_rules,
        drafts: Vec::new(),
        by_key: HashMap::default(),
        abbreviations: HashMap::default(),
        acronyms: HashSet::default(),
        recent_head: HashMap::default(),
        recent_type: HashMap::default(),
        facts: Vec::new(),
        cited: HashSet::default(),
        name_keys: HashMap::default(),
        fact_index: HashMap::default(),
        subjects: Vec::with_capacity(sts.len()),
        targets: Vec::with_capacity(sts.len()),
        created: Vec::with_capacity(sts.len()),
        sts: &sts,
    };
    let mut per_statement: Vec<Vec<usize>> = Vec::with_capacity(sts.len());
    for st in &sts {
        lap(|p| &mut p.rules, &mut phases);
        let cands = mention_rules.find_candidates(&st.text, st.kind == Kind::Bullet, Some(&rd.acronyms));
        lap(|p| &mut p.mentions, &mut phases);
        let mut keys: Vec<usize> = Vec::new();
        let mut kept: Vec<&Candidate> = Vec::new();
        for c in &cands {
            if let Some(k) = rd.entity_for(c, st.line_at(c.start)) {
                keys.push(k);
                kept.push(c);
            }
        }
        let templ = if kept.is_empty() { st.text.clone() } else { template(rr, &st.text, &kept) };
        let years = if keys.is_empty() { Vec::new() } else { year_rules.find_years(&templ) };
        let mut subject = None;
        if !keys.is_empty() {
            if let Some(m) = rr.subject_prefix.match_at(pytext::lstrip(&templ), 0) {
                let i: usize = group(&m, 1).and_then(|g| g.parse().ok()).unwrap_or(usize::MAX);
                if let Some(&k) = keys.get(i) {
                    if rd.acting(k) {
                        subject = Some(k);
                    }
                }
            }
        }
        rd.subjects.push(subject);
        let targets = keys.iter().copied().filter(|&k| rd.type_of(k) == TARGET_GROUP).collect();
        rd.targets.push(targets);
        rd.created.push(None);
        lap(|p| &mut p.templates, &mut phases);
        if !keys.is_empty() {
            relate(&mut rd, relation_rules, year_rules, st, &templ, &keys, &years);
        }
        per_statement.push(keys);
    }
    lap(|p| &mut p.rules, &mut phases);
    frame_rules(&mut rd, &per_statement);
    lap(|p| &mut p.layout, &mut phases);
    Reading { drafts: rd.drafts, facts: rd.facts }
}

fn idx(c: &Caps<'_>, i: usize) -> Option<usize> {
    group(c, i).and_then(|g| g.parse().ok())
}

fn start_of(c: &Caps<'_>) -> usize {
    c.get(0).map_or(0, |m| m.start())
}

fn end_of(c: &Caps<'_>) -> usize {
    c.get(0).map_or(0, |m| m.end())
}

/// The relationship rules over one templated statement (`extract._relate`).
fn relate(
    rd: &mut Reader<'_>,
    relation_rules: &RelationRules,
    year_rules: &YearRules,
    st: &Statement,
    t: &str,
    keys: &[usize],
    years: &[YearSpan],
) {
    let low = pytext::lower(t);
    let found: Found<'_> = relation_rules.rules_in(t, &low);
    let targets = rd.targets[st.index].clone();
    if !rules::any_of(&found) && targets.is_empty() {
        return;
    }
    let (stated, nested, framed) = (rd.rr.stated, rd.rr.nested, rd.rr.framed);
    let get = |name: &str| &found[rules::rule(name)];
    let k = |i: usize| keys[i];
    let this = span(st);
    let own_subject = rd.subjects[st.index];
    let subject = own_subject.or_else(|| rd.subject(st.parent));
    let parent_span: Vec<(usize, usize)> = match st.parent {
        Some(p) if own_subject.is_none() => vec![span(&rd.sts[p])],
        _ => Vec::new(),
    };
    let with_parent: Vec<(usize, usize)> = parent_span.iter().copied().chain([this]).collect();
    let conf_subject = if own_subject.is_some() { stated } else { nested };

    // Creation and enactment years: the entity nearest before the verb (else the first after it).
    for m in get("CREATION") {
        let (ms, me) = (start_of(m), end_of(m));
        let before: Vec<usize> =
            placeholders(t, 0, ms).into_iter().filter(|x| rd.acting(k(x.2))).map(|x| x.2).collect();
        let clause_end = t[me..].find(',').map(|i| i + me).filter(|&i| i > 0).unwrap_or(t.len());
        let after: Vec<(usize, usize, usize)> =
            placeholders(t, me, clause_end).into_iter().filter(|x| rd.acting(k(x.2))).collect();
        let direct = !after.is_empty() && char_distance(t, me, after[0].0) <= 2;
        let verb = group(m, 0).unwrap_or("");
        let target = if direct || pytext::lower(verb).ends_with(" of") {
            after.first().map(|x| x.2)
        } else {
            before.last().copied().or(after.first().map(|x| x.2))
        };
        if target.is_none() && before.is_empty() && after.is_empty() && subject.is_some() && st.parent.is_some() {
            continue;
        }
        if let (Some(target), Some(y)) = (target, nearest_year(t, years, me)) {
            if let Some(first) = y.first() {
                rd.set_years(k(target), Some(first), None);
                rd.created[st.index] = Some(first);
            }
        }
    }
    if let (Some(own), Some(m)) = (own_subject, get("RUNNING_FROM").first()) {
        if let Some(y) = nearest_year(t, years, end_of(m)) {
            if matches!(y.precision, Precision::From | Precision::Range) {
                rd.set_years(own, y.start, y.end);
            }
        }
    }

    let creation_year = st.parent.and_then(|p| rd.created[p]);
    // Succession and parts.
    for m in get("FORMERLY") {
        let Some(old) = idx(m, 1).map(k) else { continue };
        let mut new = if start_of(m) == 0 || own_subject.is_none() { subject } else { own_subject };
        if new.is_none() {
            new = placeholders(t, 0, t.len()).first().map(|x| k(x.2));
        }
        if let Some(new) = new {
            if new != old {
                let year = if own_subject.is_none() { creation_year } else { rd.created[st.index] };
                rd.add("SUCCEEDED_BY", old, new, &with_parent, conf_subject, year, None, None, None);
            }
        }
        if let Some(whole) = idx(m, 2).map(k) {
            rd.add("PART_OF", old, whole, &[this], stated, None, None, None, None);
        }
    }
    for m in get("RENAMED") {
        let (a, b) = if group(m, 1).is_some() {
            (idx(m, 1), idx(m, 2))
        } else if group(m, 3).is_some() {
            (idx(m, 3), idx(m, 4))
        } else {
            (idx(m, 5), idx(m, 6))
        };
        let (Some(a), Some(b)) = (a.map(k), b.map(k)) else { continue };
        let y = nearest_year(t, years, end_of(m)).cloned();
        rd.add("SUCCEEDED_BY", a, b, &[this], stated, y.as_ref().and_then(|y| y.first()), None, None, None);
        if let Some(y) = y {
            rd.set_years(b, y.first(), None);
        }
    }
    for m in get("REPLACED") {
        let (Some(a), Some(b)) = (idx(m, 1).map(k), idx(m, 2).map(k)) else { continue };
        let y = nearest_year(t, years, end_of(m)).and_then(|y| y.first());
        rd.add("SUCCEEDED_BY", b, a, &[this], stated, y, None, None, None);
    }
    for m in get("UNDER") {
        let (Some(a), Some(b)) = (idx(m, 1).map(k), idx(m, 2).map(k)) else { continue };
        let ms = start_of(m);
        let window = pytext::lower(&t[pytext::back_chars(t, ms, 12)..ms]);
        if rd.type_of(a) != COUNTRY && !window.contains("formerly") {
            rd.add("PART_OF", a, b, &[this], stated, None, None, None, None);
        }
    }
    // Transfers of functions or policies.
    for m in get("TRANSFER") {
        let Some(receiver) = indices(group(m, 0).unwrap_or("")).last().map(|&i| k(i)) else { continue };
        let list = [named(m, "srcs"), named(m, "srcs2"), named(m, "src")]
            .into_iter()
            .flatten()
            .find(|s| !s.is_empty())
            .unwrap_or("");
        let stated_year = nearest_year(t, years, end_of(m));
        let when = match stated_year {
            Some(y) => y.first(),
            None => creation_year,
        };
        let cited: &[(usize, usize)] = if stated_year.is_some() { &[this] } else { &with_parent };
        let conf = if stated_year.is_some() { stated } else { conf_subject };
        for s in indices(list) {
            rd.add("TRANSFERRED_TO", k(s), receiver, cited, conf, when, None, None, None);
        }
    }
    // Leading and implementing.
    let year = year_in(years);
    for m in get("LEADS") {
        if let (Some(a), Some(b)) = (idx(m, 1).map(k), idx(m, 2).map(k)) {
            rd.add("LEADS", a, b, &[this], stated, year, None, None, None);
        }
    }
    for m in get("LED_BY") {
        let (a, b) = if group(m, 1).is_some() { (idx(m, 1), idx(m, 2)) } else { (idx(m, 3), idx(m, 4)) };
        if let (Some(a), Some(b)) = (a.map(k), b.map(k)) {
            rd.add("LEADS", b, a, &[this], stated, year, None, None, None);
        }
    }
    for m in get("POSSESSIVE_LEADS") {
        if let (Some(a), Some(b)) = (idx(m, 1).map(k), idx(m, 3).map(k)) {
            if rd.is_actor(a) && rd.is_instrument(b) {
                rd.add("LEADS", a, b, &[this], framed, None, None, None, None);
            }
        }
    }
    for m in get("IMPLEMENTS") {
        if let (Some(a), Some(b)) = (idx(m, 1).map(k), idx(m, 2).map(k)) {
            rd.add("IMPLEMENTS", a, b, &[this], stated, year, None, None, None);
        }
    }
    for m in get("IMPLEMENTED_BY") {
        if let (Some(a), Some(b)) = (idx(m, 1).map(k), idx(m, 2).map(k)) {
            rd.add("IMPLEMENTS", b, a, &[this], stated, year, None, None, None);
        }
    }
    let first_span = |s: &str| -> (Option<i64>, Option<i64>) {
        match year_rules.find_years(s).first() {
            Some(y) => (y.start, y.end),
            None => (None, None),
        }
    };
    for m in get("YEARS_BODY") {
        if let (Some(ins), Some(body)) = (idx(m, 1).map(k), idx(m, 3).map(k)) {
            let (s, e) = first_span(named(m, "years").unwrap_or(""));
            rd.set_years(ins, s, e);
            rd.add("IMPLEMENTS", body, ins, &[this], stated, s, e, None, None);
        }
    }
    for m in get("YEARS_ONLY") {
        if let Some(x) = idx(m, 1).map(k) {
            if rd.acting(x) {
                let (s, e) = first_span(named(m, "years").unwrap_or(""));
                rd.set_years(x, s, e);
            }
        }
    }
    for m in get("BODY_YEARS") {
        if let (Some(ins), Some(body)) = (idx(m, 1).map(k), idx(m, 2).map(k)) {
            let (s, e) = first_span(named(m, "years").unwrap_or(""));
            rd.set_years(ins, s, e);
            rd.add("IMPLEMENTS", body, ins, &[this], stated, s, e, None, None);
        }
    }
    // Co-operation.
    let between = get("COOPERATION_BETWEEN");
    let with = get("COLLABORATING_WITH");
    let context = if !between.is_empty() || !with.is_empty() { rd.context(st, own_subject) } else { None };
    for m in between {
        let members: Vec<usize> =
            indices(named(m, "list").unwrap_or("")).into_iter().map(k).filter(|&x| rd.is_actor(x)).collect();
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                let conf = if context.is_some() { nested } else { stated };
                rd.add("COLLABORATES_WITH", a, b, &with_parent, conf, None, None, context, None);
            }
            if let Some(c) = context {
                rd.add("IMPLEMENTS", a, c, &with_parent, framed, None, None, None, None);
            }
        }
    }
    for m in with {
        let list = named(m, "plist").filter(|s| !s.is_empty()).or(named(m, "list")).unwrap_or("");
        let partners: Vec<usize> = indices(list).into_iter().map(k).filter(|&x| rd.is_actor(x)).collect();
        let before: Vec<usize> = placeholders(t, 0, start_of(m)).into_iter().map(|x| k(x.2)).collect();
        let lead = before
            .iter()
            .copied()
            .filter(|&x| rd.is_actor(x))
            .last()
            .or(subject.filter(|&s| rd.is_actor(s)));
        let led = before.iter().copied().filter(|&x| rd.is_instrument(x)).last();
        let on = named(m, "on").and_then(|g| g.parse::<usize>().ok()).map(k).filter(|&x| rd.is_instrument(x));
        let instrument = on.or(led).or(context);
        for partner in partners {
            if let Some(lead) = lead {
                rd.add("COLLABORATES_WITH", lead, partner, &[this], stated, None, None, instrument, None);
            }
            if let Some(ins) = instrument {
                rd.add("PARTICIPATES_IN", partner, ins, &[this], stated, None, None, None, None);
            }
        }
    }
    for m in get("PARTICIPATES") {
        if let (Some(a), Some(b)) = (idx(m, 1).map(k), idx(m, 2).map(k)) {
            rd.add("PARTICIPATES_IN", a, b, &[this], stated, None, None, None, None);
        }
    }
    // Laws providing for instruments.
    for m in get("PROVIDED_IN") {
        if let (Some(ins), Some(law)) = (idx(m, 1).map(k), idx(m, 2).map(k)) {
            let note = named(m, "article").filter(|a| !a.is_empty()).map(|a| format!("{a} of the law"));
            let start = rd.drafts[law].start;
            rd.add("PROVIDES_FOR", law, ins, &[this], stated, start, None, None, note);
        }
    }
    for m in get("PROVIDES_FOR") {
        if let (Some(law), Some(ins)) = (idx(m, 1).map(k), idx(m, 3).map(k)) {
            rd.add("PROVIDES_FOR", law, ins, &[this], stated, None, None, None, None);
        }
    }
    if let (Some(m), Some(subj)) = (get("FOUNDATION_FOR").first(), subject) {
        if rd.rr.provides_for_sources.contains(rd.type_of(subj)) {
            for x in placeholders(t, end_of(m), t.len()) {
                let ins = k(x.2);
                if rd.is_instrument(ins) {
                    let start = rd.drafts[ins].start;
                    rd.add("PROVIDES_FOR", subj, ins, &with_parent, nested, start, None, None, None);
                }
            }
        }
    }
    // Targets named in the statement itself, after a cue ("to SMEs", "hiring youth").
    if targets.is_empty() {
        return;
    }
    let mut instruments: Vec<usize> = keys.iter().copied().filter(|&x| rd.is_instrument(x)).collect();
    // Without an instrument of its own, a statement speaks of its own subject or its parent's.
    let near = own_subject.or(match st.parent {
        Some(p) if st.kind == Kind::Bullet => rd.subjects[p],
        _ => None,
    });
    if instruments.is_empty() {
        if let Some(n) = near.filter(|&n| rd.is_instrument(n)) {
            instruments.push(n);
        }
    }
    if instruments.is_empty() {
        return;
    }
    for x in placeholders(t, 0, t.len()) {
        let key = k(x.2);
        if rd.type_of(key) != TARGET_GROUP {
            continue;
        }
        let from = pytext::back_chars(t, x.0, 40);
        if rd.rr.target_cues.search_in(t, from, x.0).is_none() {
            continue;
        }
        for &ins in &instruments {
            let own = keys.contains(&ins);
            let cited: &[(usize, usize)] = if own { &[this] } else { &with_parent };
            let conf = if own_subject.is_some() || own { stated } else { nested };
            rd.add("TARGETS", ins, key, cited, conf, None, None, None, None);
        }
    }
}

/// Facts the layout gives: an item under a strategy is part of it; targets named above an item;
/// targets in an instrument's own name (`extract._frame_rules`).
fn frame_rules(rd: &mut Reader<'_>, per_statement: &[Vec<usize>]) {
    let framed = rd.rr.framed;
    let strategy_label = rd.rr.strategy_label.clone();
    let sts = rd.sts;
    for (st, keys) in sts.iter().zip(per_statement) {
        if st.kind != Kind::Bullet || keys.is_empty() {
            continue;
        }
        let own: Vec<usize> = keys.iter().copied().filter(|&x| rd.is_instrument(x)).collect();
        if own.is_empty() {
            continue;
        }
        let ancestors: Vec<usize> =
            rd.ancestors(st.index).into_iter().filter(|&a| sts[a].section == st.section).collect();
        // The nearest subject above the item; it frames the item only if it is a strategy.
        let frame = ancestors.iter().find_map(|&a| rd.subjects[a]);
        let strategy = frame.filter(|&f| rd.type_of(f) == strategy_label);
        for ins in own {
            if let Some(s) = strategy {
                if s != ins && rd.type_of(ins) != strategy_label {
                    if let Some(&anc) = ancestors.iter().find(|&&a| rd.subjects[a] == Some(s)) {
                        rd.add("PART_OF", ins, s, &[span(&sts[anc]), span(st)], framed, None, None, None, None);
                    }
                }
            }
            for &a in &ancestors {
                for tg in rd.targets[a].clone() {
                    rd.add("TARGETS", ins, tg, &[span(&sts[a]), span(st)], framed, None, None, None, None);
                }
            }
        }
    }
    // Targets in an instrument's own name ("SME export voucher scheme" is aimed at SMEs).
    let mut groups: HashMap<String, usize> = HashMap::default();
    for (i, d) in rd.drafts.iter().enumerate() {
        if d.type_ == TARGET_GROUP {
            let core = d.key.split(" aged ").next().unwrap_or(&d.key).to_string();
            groups.entry(core).or_insert(i);
            groups.insert(d.key.clone(), i);
        }
    }
    for key in 0..rd.drafts.len() {
        if !rd.is_instrument(key) {
            continue;
        }
        let names = rd.mentions.targets_in_name(&rd.drafts[key].name);
        for name in names {
            let nk = rd.mentions.name_key(&name);
            let core = nk.split(" aged ").next().unwrap_or(&nk);
            let Some(&group) = groups.get(&nk).or_else(|| groups.get(core)) else { continue };
            let named_on = rd.drafts[key].lines[0];
            rd.add(
                "TARGETS",
                key,
                group,
                &[(named_on, named_on)],
                framed,
                None,
                None,
                None,
                Some("the target group is named in the title".to_string()),
            );
        }
    }
}

#[pymethods]
impl crate::Core {
    /// Seconds of each phase of reading a document (statements, mentions, templates, rules, layout).
    fn phase_seconds(&self, clean: Vec<String>, markdown: bool) -> Vec<(&'static str, f64)> {
        let mut p = Phases::default();
        read(&self.reader, &self.statements, &self.mentions, &self.years, &self.relations, &clean, markdown, Some(&mut p));
        vec![
            ("statements", p.statements),
            ("mentions", p.mentions),
            ("templates", p.templates),
            ("rules", p.rules),
            ("layout", p.layout),
        ]
    }
}

type DraftRow = (String, String, String, &'static str, Vec<String>, Option<i64>, Option<i64>, Vec<usize>, Option<String>);
type FactRow = (
    &'static str,
    String,
    String,
    Option<String>,
    Option<i64>,
    Option<i64>,
    f64,
    Vec<(usize, usize)>,
    Option<String>,
);

#[pymethods]
impl crate::Core {
    /// Read a document's clean lines: `(drafts, facts)` as `loaders.extract` builds them before `_finish`.
    ///
    /// drafts: `(key, type, name, kind, aliases, start, end, lines, head)`; facts: `(type, source key,
    /// target key, context key, start, end, confidence, evidence spans, note)`, both in first-seen order.
    fn read(&self, py: Python<'_>, clean: Vec<String>, markdown: bool) -> (Vec<DraftRow>, Vec<FactRow>) {
        let reading = py.allow_threads(|| {
            read(&self.reader, &self.statements, &self.mentions, &self.years, &self.relations, &clean, markdown, None)
        });
        let keys: Vec<&String> = reading.drafts.iter().map(|d| &d.key).collect();
        let facts = reading
            .facts
            .iter()
            .map(|f| {
                (
                    f.rel,
                    keys[f.source].clone(),
                    keys[f.target].clone(),
                    f.context.map(|c| keys[c].clone()),
                    f.start,
                    f.end,
                    f.confidence,
                    f.evidence.clone(),
                    f.note.clone(),
                )
            })
            .collect();
        let drafts = reading
            .drafts
            .into_iter()
            .map(|d| (d.key, d.type_, d.name, d.kind.as_str(), d.aliases, d.start, d.end, d.lines, d.head))
            .collect();
        (drafts, facts)
    }
}
