//! Python's string semantics where the rules depend on them: character offsets, case tests,
//! `lower()` and `casefold()`, `strip(chars)`, `split()`.

/// Python's `str.isupper()`: at least one cased character and none lower-case.
pub fn is_upper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            cased = true;
        }
    }
    cased
}

/// Python's `str.islower()`: at least one cased character and none upper-case.
pub fn is_lower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_uppercase() {
            return false;
        }
        if c.is_lowercase() {
            cased = true;
        }
    }
    cased
}

/// Python's `str.isdigit()` for one character. Beyond ASCII this takes every numeral
/// (Rust has no general category), where Python leaves out fractions and Roman numerals.
pub fn char_is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

/// Python's `str.isalnum()` for a whole word.
pub fn is_alnum(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_alphanumeric())
}

pub fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or('\0')
}

pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

pub fn casefold(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        caseless::default_case_fold_str(s)
    }
}

/// Python's `s.strip(chars)`.
pub fn strip_chars<'a>(s: &'a str, chars: &str) -> &'a str {
    s.trim_matches(|c: char| chars.contains(c))
}

pub fn rstrip_chars<'a>(s: &'a str, chars: &str) -> &'a str {
    s.trim_end_matches(|c: char| chars.contains(c))
}

/// Python's whitespace (`str.isspace`), which `str.split()` and `str.strip()` split and strip on.
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}

/// Python's `s.strip()`.
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_py_space)
}

/// Python's `s.split()`.
pub fn split_ws(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_py_space).filter(|w| !w.is_empty())
}

/// The byte offset `n` characters before byte offset `pos` (0 at the start): Python's `max(0, pos - n)`.
pub fn back_chars(s: &str, pos: usize, n: usize) -> usize {
    if n == 0 {
        return pos;
    }
    match s[..pos].char_indices().rev().nth(n - 1) {
        Some((i, _)) => i,
        None => 0,
    }
}

/// The character offset of byte offset `pos` (for results Python compares in characters).
pub fn char_offset(s: &str, pos: usize) -> usize {
    if s.is_ascii() {
        pos
    } else {
        s[..pos].chars().count()
    }
}

/// Python's `s.lstrip()`.
pub fn lstrip(s: &str) -> &str {
    s.trim_start_matches(is_py_space)
}
