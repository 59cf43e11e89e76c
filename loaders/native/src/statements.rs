//! A document's statements in a tree: the procedures of `loaders/bullets.py`.

use pyo3::prelude::*;

use crate::config::Config;

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
}

pub struct StatementRules {}

impl StatementRules {
    pub fn new(_cfg: &Config) -> PyResult<Self> {
        Ok(StatementRules {})
    }

    /// The statements of a document's clean lines (`Document.clean`), as `bullets.statements`.
    pub fn statements(&self, _clean: &[String], _markdown: bool) -> Vec<Statement> {
        todo!("port loaders/bullets.py")
    }
}
