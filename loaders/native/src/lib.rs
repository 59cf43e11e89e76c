//! instgraph's compiled extraction core.
//!
//! The reading rules are those of the Python modules in `loaders/` (the reference, and the fallback
//! where this module is not built): their patterns and word lists arrive from Python through
//! [`config::Config`]; this crate holds the same procedures, compiled. `tests/test_native.py`
//! checks that both give identical statements, mentions, years and facts on every test document,
//! the seed deck and a synthetic corpus.

use pyo3::prelude::*;
use pyo3::types::PyDict;

mod config;
mod mentions;
mod pattern;
mod pytext;
mod reader;
mod rules;
mod statements;
mod years;

use config::Config;

/// The compiled rules of one configuration (one per process: built once from `loaders.native`).
#[pyclass(frozen, module = "loaders._native")]
pub struct Core {
    config: Config,
    pub statements: statements::StatementRules,
    pub years: years::YearRules,
    pub mentions: mentions::MentionRules,
    pub relations: rules::RelationRules,
    pub reader: reader::ReaderRules,
}

#[pymethods]
impl Core {
    #[new]
    fn new(config: &Bound<'_, PyDict>) -> PyResult<Self> {
        let config = Config::from_py(config)?;
        Ok(Core {
            statements: statements::StatementRules::new(&config)?,
            years: years::YearRules::new(&config)?,
            mentions: mentions::MentionRules::new(&config)?,
            relations: rules::RelationRules::new(&config)?,
            reader: reader::ReaderRules::new(&config)?,
            config,
        })
    }

    /// Compile every pattern of the configuration (a check that each is accepted natively).
    fn compile_all(&self, names: Vec<String>) -> PyResult<usize> {
        for n in &names {
            self.config.pattern(n)?;
        }
        Ok(names.len())
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Core>()?;
    Ok(())
}
