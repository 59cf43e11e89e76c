//! Years and year spans: the procedures of `loaders/dates.py`.

use pyo3::prelude::*;

use crate::config::Config;
use crate::pattern::{named, whole, Pat};
use crate::pytext::{byte_at_char, char_len, char_offset, int_of_digits};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Precision {
    Year,
    Range,
    From,
    Until,
    Decade,
}

impl Precision {
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Range => "range",
            Precision::From => "from",
            Precision::Until => "until",
            Precision::Decade => "decade",
        }
    }
}

#[derive(Clone, Debug)]
pub struct YearSpan {
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub precision: Precision,
    pub text: String,
    /// Byte offset in the text searched.
    pub position: usize,
}

impl YearSpan {
    /// The first year the phrase names (start, else end).
    pub fn first(&self) -> Option<i64> {
        self.start.or(self.end)
    }
}

pub struct YearRules {
    years: Pat,
    any_year: Pat,
}

impl YearRules {
    pub fn new(cfg: &Config) -> PyResult<Self> {
        Ok(YearRules {
            years: cfg.pattern("dates._YEARS")?,
            any_year: cfg.pattern("dates._ANY_YEAR")?,
        })
    }

    /// Every year, range, open span and decade in `text`, left to right (`dates.find_years`).
    pub fn find_years(&self, text: &str) -> Vec<YearSpan> {
        let mut spans = Vec::new();
        if !self.any_year.is_match(text) {
            return spans; // every phrase read holds a four-digit year (a decade too: "2000s")
        }
        for m in self.years.captures_iter(text) {
            let (start, _, whole_text) = whole(&m);
            let span = |start_y, end_y, precision| YearSpan {
                start: start_y,
                end: end_y,
                precision,
                text: whole_text.to_string(),
                position: start,
            };
            // Python tests each group for truth: a group that took part is never empty here.
            if let Some(r1) = nonempty(named(&m, "r1")) {
                let (Some(a), Some(b)) = (int_of_digits(r1), named(&m, "r2")) else {
                    continue;
                };
                // "2004-05": two digits complete the first year's century (lengths in characters).
                let end = if char_len(b) == 4 {
                    int_of_digits(b)
                } else {
                    int_of_digits(b).map(|v| (a / 100) * 100 + v)
                };
                let Some(end) = end else { continue };
                if end < a {
                    continue;
                }
                spans.push(span(Some(a), Some(end), Precision::Range));
            } else if nonempty(named(&m, "dec")).is_some() {
                spans.push(span(None, None, Precision::Decade));
            } else if let Some(f) = nonempty(named(&m, "f")) {
                spans.push(span(int_of_digits(f), None, Precision::From));
            } else if let Some(u) = nonempty(named(&m, "u")) {
                spans.push(span(None, int_of_digits(u), Precision::Until));
            } else if let Some(y) = nonempty(named(&m, "y")) {
                let y = int_of_digits(y);
                spans.push(span(y, y, Precision::Year));
            }
        }
        spans
    }
}

fn nonempty(g: Option<&str>) -> Option<&str> {
    g.filter(|s| !s.is_empty())
}

/// The span closest to byte `position` of `text` (ties go to the later one), decades left out
/// (`dates.nearest_year`). Distances are counted in characters, as Python counts them: in bytes a
/// non-ASCII character between the position and a span would move the tie point.
pub fn nearest_year<'a>(
    text: &str,
    spans: &'a [YearSpan],
    position: usize,
) -> Option<&'a YearSpan> {
    let ascii = text.is_ascii();
    let mut best: Option<&YearSpan> = None;
    let mut best_d = usize::MAX;
    for s in spans {
        if s.precision == Precision::Decade {
            continue;
        }
        let (lo, hi) = (s.position.min(position), s.position.max(position));
        let d = if ascii {
            hi - lo
        } else {
            text[lo..hi].chars().count()
        };
        if d <= best_d {
            best = Some(s);
            best_d = d;
        }
    }
    best
}

type PySpan = (Option<i64>, Option<i64>, &'static str, String, usize);

fn py_span(text: &str, s: &YearSpan) -> PySpan {
    (
        s.start,
        s.end,
        s.precision.as_str(),
        s.text.clone(),
        char_offset(text, s.position),
    )
}

/// For the differential tests (`tests/test_native_statements.py`): offsets in characters, as Python's.
#[pymethods]
impl crate::Core {
    #[pyo3(name = "find_years")]
    fn py_find_years(&self, text: &str) -> Vec<PySpan> {
        self.years
            .find_years(text)
            .iter()
            .map(|s| py_span(text, s))
            .collect()
    }

    #[pyo3(name = "nearest_year")]
    fn py_nearest_year(&self, text: &str, position: usize) -> Option<PySpan> {
        let spans = self.years.find_years(text);
        let pos = byte_at_char(text, position);
        nearest_year(text, &spans, pos).map(|s| py_span(text, s))
    }
}
