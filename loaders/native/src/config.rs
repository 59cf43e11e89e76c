//! The rules' declarations, handed over from the Python modules that declare them.
//!
//! `loaders/native.py` collects every compiled pattern, word set, mapping and word list of
//! `loaders.bullets`, `loaders.dates`, `loaders.entities`, `loaders.relations` and `loaders.extract`
//! (and the schema's tables) under names such as `"entities._TOKEN"`; this crate looks them up by
//! those names, so nothing the Python side declares is declared again here.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::pattern::Pat;

pub struct Config {
    patterns: HashMap<String, (String, u32)>,
    sets: HashMap<String, HashSet<String>>,
    maps: HashMap<String, HashMap<String, String>>,
    lists: HashMap<String, Vec<String>>,
    list_maps: HashMap<String, Vec<(String, Vec<String>)>>,
    ints: HashMap<String, i64>,
    floats: HashMap<String, f64>,
    strs: HashMap<String, String>,
}

impl Config {
    pub fn from_py(d: &Bound<'_, PyDict>) -> PyResult<Self> {
        fn get<'py, T: FromPyObject<'py>>(d: &Bound<'py, PyDict>, key: &str) -> PyResult<T> {
            match d.get_item(key)? {
                Some(v) => v.extract(),
                None => Err(PyValueError::new_err(format!("native config lacks {key:?}"))),
            }
        }
        Ok(Config {
            patterns: get(d, "patterns")?,
            sets: get(d, "sets")?,
            maps: get(d, "maps")?,
            lists: get(d, "lists")?,
            list_maps: get(d, "list_maps")?,
            ints: get(d, "ints")?,
            floats: get(d, "floats")?,
            strs: get(d, "strs")?,
        })
    }

    fn missing(kind: &str, name: &str) -> PyErr {
        PyValueError::new_err(format!("native config has no {kind} {name:?}"))
    }

    /// A Python pattern of that name, compiled with its flags.
    pub fn pattern(&self, name: &str) -> PyResult<Pat> {
        let (src, flags) = self.patterns.get(name).ok_or_else(|| Self::missing("pattern", name))?;
        Pat::new(name, src, *flags)
    }
    /// The source text of a Python pattern (to build an anchored or combined pattern from it).
    pub fn pattern_source(&self, name: &str) -> PyResult<(String, u32)> {
        self.patterns.get(name).cloned().ok_or_else(|| Self::missing("pattern", name))
    }
    pub fn set(&self, name: &str) -> PyResult<HashSet<String>> {
        self.sets.get(name).cloned().ok_or_else(|| Self::missing("set", name))
    }
    pub fn map(&self, name: &str) -> PyResult<HashMap<String, String>> {
        self.maps.get(name).cloned().ok_or_else(|| Self::missing("map", name))
    }
    /// A tuple of strings, in its declared order.
    pub fn list(&self, name: &str) -> PyResult<Vec<String>> {
        self.lists.get(name).cloned().ok_or_else(|| Self::missing("list", name))
    }
    /// A dict of str -> tuple of str, in its declared order.
    pub fn list_map(&self, name: &str) -> PyResult<Vec<(String, Vec<String>)>> {
        self.list_maps.get(name).cloned().ok_or_else(|| Self::missing("list map", name))
    }
    pub fn int(&self, name: &str) -> PyResult<i64> {
        self.ints.get(name).copied().ok_or_else(|| Self::missing("int", name))
    }
    pub fn float(&self, name: &str) -> PyResult<f64> {
        self.floats.get(name).copied().ok_or_else(|| Self::missing("float", name))
    }
    pub fn str(&self, name: &str) -> PyResult<String> {
        self.strs.get(name).cloned().ok_or_else(|| Self::missing("str", name))
    }
}
