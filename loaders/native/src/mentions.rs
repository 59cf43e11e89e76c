//! Entity mentions by the shape of their names: the procedures of `loaders/entities.py`.

use std::collections::HashSet;

use pyo3::prelude::*;

use crate::config::Config;

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

pub struct MentionRules {}

impl MentionRules {
    pub fn new(_cfg: &Config) -> PyResult<Self> {
        Ok(MentionRules {})
    }

    /// Non-overlapping mentions in `text`, left to right (`entities.find_candidates`).
    pub fn find_candidates(&self, _text: &str, _bullet: bool, _acronyms: Option<&HashSet<String>>) -> Vec<Candidate> {
        todo!("port loaders/entities.py")
    }

    /// `entities.canonical_name`.
    pub fn canonical_name(&self, _text: &str) -> String {
        todo!()
    }

    /// `entities.name_key`.
    pub fn name_key(&self, _text: &str) -> String {
        todo!()
    }

    /// `entities.targets_in_name`.
    pub fn targets_in_name(&self, _name: &str) -> Vec<String> {
        todo!()
    }

    /// The schema label an instrument head noun gives (`entities.INSTRUMENT_HEADS.get(head)`).
    pub fn instrument_head_label(&self, _head: &str) -> Option<&str> {
        todo!()
    }
}
