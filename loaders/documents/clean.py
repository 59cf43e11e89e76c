"""The matching view of a document's lines: curly quotes straightened, dashes, odd spaces and bullets
made plain, control characters made spaces; the words are the original's.

Patterns match this view; evidence always quotes the original line.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that mean the same thing to a reader but not to a pattern.
_CLEAN_TABLE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\t": " ",
        "\u200b": None,
        "\ufeff": None,
        "\u00ad": None,
        "\u2022": "-",
        "\u25aa": "-",
        "\u25cf": "-",
        "\u25e6": "-",
        "\u2023": "-",
        "\u2043": "-",
        "\u25a0": "-",
        "\u2026": "...",
        # a footnote's mark ("Bonus\u00b3", "(AB)\u00b9"): no part of a word (NFKC would make it a digit of one)
        **{c: None for c in "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"},
    }
)
_ASCII_ARROW = re.compile(r"(?<!\S)[-=]>(?=\s)")  # "A -> B", "A => B": an arrow, as a deck draws it
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The table as (character, replacement) pairs: replacing each one present, in turn, is a fast scan of
# the text per pair, where str.translate with a dict looks up every character. (No replacement makes
# a character of the table, so the order does not matter.)
_CLEAN_PAIRS = tuple((chr(c), r or "") for c, r in _CLEAN_TABLE.items())


def _clean_text(text: str) -> str:
    for ch, replacement in _CLEAN_PAIRS:
        if ch in text:
            text = text.replace(ch, replacement)
    return text


# A web page's markup and addresses saved into a text file ("<script …>…</script>", "<!-- … -->", "https://…"): no
# words of the document. Blanked, their line breaks kept.
_MARKUP = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|</?[A-Za-z][\w:-]*(?:\s[^<>]{0,400})?/?>"
    r"|\(\s*(?:https?://|www\.)[^\s<>\"()]+\s*\)"  # "(www.quay.example)": the brackets go too
    r"|\b(?:https?://|www\.)[^\s<>\"()]*[^\s<>\"().,;:!?'\]]",  # (not the full stop after it)
    re.I | re.S,
)


def _blank(m: re.Match[str]) -> str:
    return " " + "\n" * m[0].count("\n")


def clean_line(line: str) -> str:
    """The matching view of one line: plain quotes, dashes, spaces, bullets and arrows; original words.

    >>> clean_line("\u2022 Formerly the \u201cOld Board\u201d \u2013 1990\u20132001")
    '- Formerly the "Old Board" - 1990-2001'
    """
    if "<" in line or "://" in line or "www." in line:
        line = _MARKUP.sub(_blank, line)
    if line.isascii():
        line = line.replace("\t", " ").replace("`", "'")
        return _ASCII_ARROW.sub("\u2192", line) if ">" in line else line
    line = _clean_text(unicodedata.normalize("NFKC", _clean_text(line)))
    return _ASCII_ARROW.sub("\u2192", line) if ">" in line else line


def clean_lines(lines: list[str]) -> tuple[str, ...]:
    """:func:`clean_line` of every line, control characters made spaces: the document's matching view.

    Done on the whole text at once (a newline is a boundary for NFKC, and no cleaning makes one), so
    a scan per character to replace and one normalisation serve the document instead of a call per line.

    >>> clean_lines(["a\u2013b", "\u201cq\u201d\x07"])
    ('a-b', '"q" ')
    """
    return tuple(_CONTROL.sub(" ", clean_line("\n".join(lines))).split("\n"))
