//! Years and year spans: the procedures of `loaders/dates.py`.

use pyo3::prelude::*;

use crate::config::Config;

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

pub struct YearRules {}

impl YearRules {
    pub fn new(_cfg: &Config) -> PyResult<Self> {
        Ok(YearRules {})
    }

    /// Every year, range, open span and decade in `text`, left to right (`dates.find_years`).
    pub fn find_years(&self, _text: &str) -> Vec<YearSpan> {
        todo!("port loaders/dates.py")
    }
}

/// The span closest to byte `position` (ties go to the later one), decades left out (`dates.nearest_year`).
pub fn nearest_year(spans: &[YearSpan], position: usize) -> Option<&YearSpan> {
    let mut best: Option<&YearSpan> = None;
    let mut best_d = usize::MAX;
    for s in spans {
        if s.precision == Precision::Decade {
            continue;
        }
        let d = s.position.abs_diff(position);
        if d <= best_d {
            best = Some(s);
            best_d = d;
        }
    }
    best
}
