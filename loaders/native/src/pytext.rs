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

/// Python's `len(s)`: characters, not bytes.
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Python's `s.lstrip()`.
pub fn lstrip(s: &str) -> &str {
    s.trim_start_matches(is_py_space)
}

/// Python's `len(s.expandtabs(tabsize))`: a tab pads to the next multiple of `tabsize` columns,
/// and `\n` / `\r` reset the column (as CPython's `expandtabs` does).
pub fn expandtabs_len(s: &str, tabsize: usize) -> usize {
    let (mut len, mut col) = (0usize, 0usize);
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let pad = tabsize - col % tabsize;
                    len += pad;
                    col += pad;
                }
            }
            '\n' | '\r' => {
                len += 1;
                col = 0;
            }
            _ => {
                len += 1;
                col += 1;
            }
        }
    }
    len
}

/// The byte offset of character `n` of `s` (its length when `s` is shorter): Python's `s[n:]` start.
pub fn byte_at_char(s: &str, n: usize) -> usize {
    if s.is_ascii() {
        return n.min(s.len());
    }
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

// The zero of every run of ten Unicode decimal digits (category Nd, Unicode 14 as in Python 3.11);
// each run holds 0..9 in order, so a digit's value is its distance from the run's zero.
const ND_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The value of a decimal digit (what Python's `int()` reads), or None.
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - 0x30);
    }
    let cp = c as u32;
    let i = ND_ZEROS.partition_point(|&z| z <= cp);
    let d = cp - ND_ZEROS[i.checked_sub(1)?];
    (d < 10).then_some(d)
}

/// Python's `int(s)` for a run of decimal digits (any script), or None.
pub fn int_of_digits(s: &str) -> Option<i64> {
    let mut v: i64 = 0;
    for c in s.chars() {
        v = v.checked_mul(10)?.checked_add(decimal_value(c)? as i64)?;
    }
    (!s.is_empty()).then_some(v)
}
