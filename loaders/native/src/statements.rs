//! A document's statements in a tree: the procedures of `loaders/bullets.py`.

use std::borrow::Cow;

use pyo3::prelude::*;

use crate::config::Config;
use crate::pattern::{whole, Pat};
use crate::pytext::{
    back_chars, byte_at_char, char_len, char_offset, expandtabs_len, is_lower, is_upper, lstrip,
    strip,
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Heading,
    Bullet,
    Text,
}

impl Kind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Heading => "heading",
            Kind::Bullet => "bullet",
            Kind::Text => "text",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Statement {
    pub index: usize,
    pub text: String,
    pub first_line: usize,
    pub last_line: usize,
    pub kind: Kind,
    pub indent: usize,
    pub section: usize,
    pub parent: Option<usize>,
    /// (byte offset in `text`, line number) for each line the statement spans, in order.
    pub line_starts: Vec<(usize, usize)>,
    /// Leading whitespace (bytes, characters) stripped from a sentence cut out of a longer text:
    /// Python's line offsets count from before that strip (only a statement whose first line was
    /// empty, as "# ", has any), so the character offsets given to Python need it.
    lead: (usize, usize),
}

impl Statement {
    /// The document line holding byte `offset` of `text`.
    pub fn line_at(&self, offset: usize) -> usize {
        let mut line = self.first_line;
        for &(start, number) in &self.line_starts {
            if start > offset {
                break;
            }
            line = number;
        }
        line
    }

    /// `Statement.title_like`: short and unpunctuated (a slide title, a subheading, a diagram label).
    pub fn title_like(&self) -> bool {
        char_len(&self.text) <= 120 && !self.text.ends_with('.') && count_spaces(&self.text) < 16
    }
}

pub struct StatementRules {
    bullet: Pat,
    md_heading: Pat,
    emphasis: Pat,
    sentence_end: Pat,
    terminal: Vec<String>,
    abbreviations: Vec<String>,
}

fn count_spaces(s: &str) -> usize {
    s.bytes().filter(|&b| b == b' ').count()
}

/// `bullets._short`.
fn short(text: &str) -> bool {
    char_len(text) <= 40 && count_spaces(text) <= 3
}

/// Python's `s[:1].islower()`.
fn first_is_lower(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| is_lower(c.encode_utf8(&mut [0; 4])))
}

fn ends_with_any(s: &str, suffixes: &[String]) -> bool {
    suffixes.iter().any(|x| s.ends_with(x.as_str()))
}

/// Where the lines go while reading (`statements`' locals); statements are indices into `out`.
struct Reader {
    out: Vec<Statement>,
    blank_run: usize,
    section: usize,
    section_title: Option<usize>,
    frame: Option<usize>, // the latest heading or text statement in this section
    md_headings: Vec<(usize, usize)>,
    bullet_stack: Vec<usize>,
    current: Option<usize>,
}

impl StatementRules {
    pub fn new(cfg: &Config) -> PyResult<Self> {
        Ok(StatementRules {
            bullet: cfg.pattern("bullets._BULLET")?,
            md_heading: cfg.pattern("bullets._MD_HEADING")?,
            emphasis: cfg.pattern("bullets._EMPHASIS")?,
            sentence_end: cfg.pattern("bullets._SENTENCE_END")?,
            terminal: cfg.list("bullets._TERMINAL")?,
            abbreviations: cfg.list("bullets._ABBREVIATIONS")?,
        })
    }

    /// `bullets._continues`: whether `line` carries on the statement whose last line is `previous`.
    fn continues(&self, previous: &str, line: &str, kind: Kind) -> bool {
        if ends_with_any(previous, &self.terminal) {
            return first_is_lower(line);
        }
        if first_is_lower(line) || line.starts_with(['(', '&', ',']) {
            return true;
        }
        if short(previous) && short(line) {
            return true; // diagram label fragments: "Harbour" / "Safety Office"
        }
        char_len(previous) >= 60 || kind == Kind::Bullet // a wrapped line of prose or of a bullet
    }

    /// `_EMPHASIS.sub(" ", line)`.
    fn drop_emphasis(&self, line: &str) -> String {
        let mut out = String::with_capacity(line.len());
        let mut last = 0;
        for m in self.emphasis.captures_iter(line) {
            let (a, b, _) = whole(&m);
            out.push_str(&line[last..a]);
            out.push(' ');
            last = b;
        }
        out.push_str(&line[last..]);
        out
    }

    /// The statements of a document's clean lines (`Document.clean`), as `bullets.statements`.
    pub fn statements(&self, clean: &[String], markdown: bool) -> Vec<Statement> {
        let mut r = Reader {
            out: Vec::new(),
            blank_run: 2, // the document starts a section
            section: 0,
            section_title: None,
            frame: None,
            md_headings: Vec::new(),
            bullet_stack: Vec::new(),
            current: None,
        };
        let mut last_line_text: Cow<str> = Cow::Borrowed("");
        for (i, raw) in clean.iter().enumerate() {
            let number = i + 1;
            let raw = raw.as_str();
            let mut line: Cow<str> = Cow::Borrowed(strip(raw));
            if line.is_empty() {
                r.blank_run += 1;
                r.current = None;
                continue;
            }
            if markdown && line.contains(['*', '_']) {
                let dropped = self.drop_emphasis(&line);
                let stripped = strip(&dropped);
                if stripped.is_empty() {
                    continue; // Python skips the line without counting it as blank
                }
                line = Cow::Owned(stripped.to_string());
            }
            let new_section = r.blank_run >= 2;
            let after_blank = r.blank_run > 0;
            r.blank_run = 0;
            let heading = if markdown {
                self.md_heading.match_at(raw, 0)
            } else {
                None
            };
            let bullet = if heading.is_some() {
                None
            } else {
                self.bullet.match_at(raw, 0)
            };
            if let Some(cur) = r.current {
                if heading.is_none()
                    && bullet.is_none()
                    && !after_blank
                    && self.continues(&last_line_text, &line, r.out[cur].kind)
                {
                    let st = &mut r.out[cur];
                    st.line_starts.push((st.text.len() + 1, number));
                    st.text.push(' ');
                    st.text.push_str(&line);
                    st.last_line = number;
                    last_line_text = line;
                    continue;
                }
            }
            let index = r.out.len();
            let st = if let Some(h) = &heading {
                let level = h.get(1).map_or(0, |g| char_len(g.as_str()));
                let text = strip(line.trim_start_matches('#')).to_string();
                r.section += 1;
                while r.md_headings.last().is_some_and(|&(l, _)| l >= level) {
                    r.md_headings.pop();
                }
                let parent = r.md_headings.last().map(|&(_, s)| s);
                r.md_headings.push((level, index));
                r.section_title = Some(index);
                r.frame = Some(index);
                r.bullet_stack.clear();
                Statement::new(index, text, number, Kind::Heading, level, r.section, parent)
            } else if let Some(b) = &bullet {
                let indent = b.get(1).map_or(0, |g| expandtabs_len(g.as_str(), 4));
                // line[bullet.end() - len(leading whitespace):], counted in characters.
                let lead = raw.len() - lstrip(raw).len();
                let end = b.get(0).map_or(0, |g| g.end());
                let skip = if end >= lead {
                    char_len(&raw[lead..end])
                } else {
                    0
                };
                let text = strip(&line[byte_at_char(&line, skip)..]).to_string();
                // A slide title, then blank lines, then its bullets: the bullets still belong to it.
                let titled =
                    index > 0 && r.frame == Some(index - 1) && r.out[index - 1].kind == Kind::Text;
                if new_section && !markdown && !titled {
                    r.section += 1;
                    r.section_title = None;
                    r.frame = None;
                    r.bullet_stack.clear();
                }
                while r
                    .bullet_stack
                    .last()
                    .is_some_and(|&s| r.out[s].indent >= indent)
                {
                    r.bullet_stack.pop();
                }
                let parent = r.bullet_stack.last().copied().or(r.frame);
                r.bullet_stack.push(index);
                Statement::new(index, text, number, Kind::Bullet, indent, r.section, parent)
            } else {
                if new_section && !markdown {
                    r.section += 1;
                    r.section_title = None;
                }
                r.bullet_stack.clear();
                let last_heading = r.md_headings.last().map(|&(_, s)| s);
                let parent = match r.section_title {
                    Some(t) if r.out[t].title_like() && r.out[t].kind != Kind::Heading => Some(t),
                    _ => last_heading,
                };
                if r.section_title.is_none() {
                    r.section_title = Some(index);
                }
                r.frame = Some(index);
                Statement::new(
                    index,
                    line.to_string(),
                    number,
                    Kind::Text,
                    0,
                    r.section,
                    parent,
                )
            };
            r.out.push(st);
            r.current = Some(index);
            last_line_text = line;
        }
        self.split_sentences(r.out)
    }

    /// `bullets._sentences`: byte offsets where the sentences of `text` start (always 0), into
    /// `starts` (a buffer reused across statements).
    fn sentences(&self, text: &str, starts: &mut Vec<usize>) {
        starts.clear();
        starts.push(0);
        if !text.contains(". ") {
            return;
        }
        for m in self.sentence_end.captures_iter(text) {
            let (a, b, _) = whole(&m);
            let before = &text[..a];
            let word = before.rfind(' ').map_or(before, |i| &before[i + 1..]);
            if ends_with_any(word, &self.abbreviations) || (char_len(word) == 1 && is_upper(word)) {
                continue;
            }
            starts.push(b);
        }
    }

    /// `bullets._split_sentences`: one statement per sentence; later sentences share the first's parent.
    fn split_sentences(&self, units: Vec<Statement>) -> Vec<Statement> {
        if !units.iter().any(|u| u.text.contains(". ")) {
            return units;
        }
        let mut out: Vec<Statement> = Vec::with_capacity(units.len() + units.len() / 2);
        // Parents precede their children, so new_index[i] is known when statement i is a parent.
        let mut new_index: Vec<usize> = Vec::with_capacity(units.len());
        let mut starts: Vec<usize> = Vec::new();
        for mut u in units {
            if u.kind != Kind::Heading {
                self.sentences(&u.text, &mut starts);
            } else {
                starts.clear();
                starts.push(0);
            }
            let parent = u.parent.and_then(|p| new_index.get(p).copied());
            new_index.push(out.len());
            if starts.len() == 1 && u.line_starts.len() == 1 {
                // One sentence on one line (most units): the unit itself, renumbered. Its text is
                // already stripped and its line_starts is [(0, first_line)], as Python rebuilds them.
                let stripped = strip(&u.text);
                if stripped.len() != u.text.len() {
                    u.text = stripped.to_string();
                }
                u.index = out.len();
                u.parent = parent;
                u.last_line = u.first_line;
                out.push(u);
                continue;
            }
            let one_line = u.line_starts.len() == 1; // every piece is on that line
            for (i, &a) in starts.iter().enumerate() {
                let b = starts.get(i + 1).copied().unwrap_or(u.text.len());
                let slice = &u.text[a..b];
                let text = strip(slice);
                let lead_bytes = slice.len() - lstrip(slice).len();
                let lead = (lead_bytes, char_len(&slice[..lead_bytes]));
                let text = text.to_string();
                let (first, last, line_starts) = if one_line {
                    let first = u.line_starts[0].1;
                    (first, first, vec![(0, first)])
                } else {
                    let first = u.line_at(a);
                    let last = u.line_at(a.max(back_chars(&u.text, b, 2)));
                    let mut ls = vec![(0, first)];
                    ls.extend(
                        u.line_starts
                            .iter()
                            .filter(|&&(o, _)| a < o && o < b)
                            .map(|&(o, n)| (o - a, n)),
                    );
                    (first, last, ls)
                };
                out.push(Statement {
                    index: out.len(),
                    text,
                    first_line: first,
                    last_line: last,
                    kind: u.kind,
                    indent: u.indent,
                    section: u.section,
                    parent,
                    line_starts,
                    lead,
                });
            }
        }
        out
    }
}

impl Statement {
    fn new(
        index: usize,
        text: String,
        number: usize,
        kind: Kind,
        indent: usize,
        section: usize,
        parent: Option<usize>,
    ) -> Statement {
        Statement {
            index,
            text,
            first_line: number,
            last_line: number,
            kind,
            indent,
            section,
            parent,
            line_starts: vec![(0, number)],
            lead: (0, 0),
        }
    }
}

impl Statement {
    /// Byte offset `offset` of a line start as Python's character offset.
    fn char_offset_of(&self, offset: usize) -> usize {
        let (lead_bytes, lead_chars) = self.lead;
        match offset.checked_sub(lead_bytes) {
            Some(o) if o <= self.text.len() && self.text.is_char_boundary(o) => {
                lead_chars + char_offset(&self.text, o)
            }
            // Not made by the rules (a line start inside the stripped whitespace or past the end).
            _ => offset,
        }
    }
}

type PyStatement = (
    String,
    usize,
    usize,
    &'static str,
    usize,
    usize,
    Option<usize>,
    Vec<(usize, usize)>,
);

/// For the differential tests (`tests/test_native_statements.py`): offsets in characters, as Python's.
#[pymethods]
impl crate::Core {
    #[pyo3(name = "statements")]
    fn py_statements(&self, clean: Vec<String>, markdown: bool) -> Vec<PyStatement> {
        self.statements
            .statements(&clean, markdown)
            .into_iter()
            .map(|s| {
                let starts = s
                    .line_starts
                    .iter()
                    .map(|&(o, n)| (s.char_offset_of(o), n))
                    .collect();
                (
                    s.text,
                    s.first_line,
                    s.last_line,
                    s.kind.as_str(),
                    s.indent,
                    s.section,
                    s.parent,
                    starts,
                )
            })
            .collect()
    }
}
