"""The other name a mention gives itself right after (or before) it: an abbreviation or a short name in
parentheses ("Port Safety Agency (PSA)", "Technical Harbour Service (Portex)"), a press release's
"(…, hereinafter "MPS")", and "PSA (Port Safety Agency)" when the letters spell the name.
"""

from __future__ import annotations

import re

from loaders.lexicon import ABBREVIATION, Candidate, countries, reading_words, spells

# "Technical Harbour Service (Portex)": one capitalised word in parentheses after a name of several
# words is its short name, as an abbreviation is (not a country's name, not a common word).
_SHORT_WORD = re.compile(r"\s*\(\s*([A-Z][a-z\u00e0-\u00ff]{2,}(?:[A-Z][a-z]+)?)\s*\)")


# "Ministry of Ports (Minister Kim, hereinafter "MP")": the short name a press release defines.
# ("(hereinafter "the Delivery Body")": a defined term of a few capitalised words)
_HEREINAFTER = re.compile(  # (or between commas: ", hereinafter "the Committee", is established")
    r"\s*(?:\([^()]{0,80}?|,\s*)\b(?:hereinafter|hereafter)(?:\s+(?:referred\s+to\s+as|called))?\s*[,:]?\s*"
    r"[\"\u201c\u2018']\s*(?:the\s+)?([A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+){0,3})\s*[\"\u201d\u2019']\s*(?:\)|(?=[,.;]))"
)


# "Small Quay Finance Agency (sqfa)": an abbreviation written in lower case, taken only when it is
# exactly the initials of the name's capitalised words.
_LOWER_CASE = re.compile(r"\s*\(\s*(?:the\s+)?([a-z]{2,6})\s*\)")  # "(sqfa)", "(the dti)"


_ABBREVIATION_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Z0-9&-]*[A-Z])\s*\(\s*$")
_CLOSING = re.compile(r"\s*\)")


def spelt_before(c: Candidate, text: str) -> str | None:
    """ "VEDA (Valdoria Enterprise Development Agency)": the abbreviation before the brackets a name
    fills, when its letters spell the name."""
    m = _ABBREVIATION_BEFORE.search(text, max(0, c.start - 14), c.start)
    if m is None or not _CLOSING.match(text, c.end) or m[1][0] != c.name[0] or not spells(m[1], c.name):
        return None
    return m[1]


# "NEDA, the Norland Enterprise Development Agency, …", "Portex, the Norland Port Export Agency, …": a word
# and, in apposition, the full name it stands for (not after a preposition: "In Sorvik, the Ministry …").
_NAMED_BEFORE = re.compile(  # "Nortek – the …", "ACCIÓ, the …"
    r"(?<![\w&-])([A-Z][A-Za-z0-9&\u00c0-\u00de-]+)(?:,|\s+[-\u2013\u2014])\s+the\s+$"
)
# (not the last word of a name or a list: "the Ministry of Docks and Skills, the National Bank …")
_WORD_BEFORE = re.compile(
    r"(?:^|[^\w\s]\s*|\b(?!(?:in|of|for|at|to|from|by|across|on|with|and|or)\b)[A-Za-z]+\s+)$", re.I
)
_APPOSITION_CLOSES = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:,|\s[-\u2013\u2014]\s|$)")


# "managed by NEDA - Norland Agency for Enterprise.": an abbreviation and, after a dash, the name it stands for
# (its letters may come from the name in another language), the name ending the clause.
_DASHED_BEFORE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:by|from|to|with|of|and|through|under|the)\s+)([A-Z][A-Z0-9&]{2,9}(?:-[A-Z][A-Z0-9&]{1,9})?)"
    r"\s+[-\u2013\u2014]\s+$"
)
_CLAUSE_ENDS = re.compile(r"\s*(?:[.,;)]|$)")
# "Note: MPHE = Ministry of Piers and Harbour Education; …": an abbreviation defined with "=" (letters fitting)
_EQUALS_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9&]{1,9})\s*=\s*$")


def named_before(c: Candidate, text: str) -> re.Match[str] | None:
    """The abbreviation or one-word name a full name stands in apposition to ("NEDA, the Norland
    Enterprise Development Agency, runs …"): its letters spell the name, or it is one capitalised word."""
    d = _DASHED_BEFORE.search(text, max(0, c.start - 30), c.start)
    if d is not None and _CLAUSE_ENDS.match(text, c.end):
        return d
    e = _EQUALS_BEFORE.search(text, max(0, c.start - 14), c.start)
    if e is not None and _CLAUSE_ENDS.match(text, c.end) and e[1][0] == c.name[0] and spells(e[1], c.name):
        return e
    m = _NAMED_BEFORE.search(text, max(0, c.start - 40), c.start)
    if m is None or " " not in c.name or not _APPOSITION_CLOSES.match(text, c.end):
        return None
    word = m[1]
    if word.isupper() and len(word) > 1:  # its letters spell the name, or it opens the sentence
        opens = not text[: m.start()].strip(" *\"'\u201c")
        return m if (word[0] == c.name[0] and spells(word, c.name)) or opens else None
    if not _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start()) or len(word) < 4 or not word[1:].islower():
        return None
    return None if word in countries().by_name or word in reading_words().not_names else m


_KNOWN_AS = re.compile(  # (", which you all know as NITDA,", ", better known as QDA,")
    r"\s*,\s*(?:which\s+(?:is\s+)?)?(?:(?:you|we)\s+(?:all\s+)?know|(?:also\s+|commonly\s+|widely\s+|better\s+|popularly\s+)?"
    r"known)\s+(?:by\s+its\s+(?:lower-case\s+)?(?:acronym|abbreviation)|as)\s+([A-Za-z]{2,6})(?=\s*[,.;)])"
)
# The name in its own language, then the abbreviation, in one pair of brackets.
_TRANSLATED = re.compile(r"\s*\(\s*[A-Z][^(),;@]{3,80}?,\s*([A-Z][A-Za-z0-9&.-]*[A-Z][A-Za-z0-9&-]*)\s*\)")
_FOREIGN = re.compile(r"[^\x00-\x7f]|\b(?:de|del|des|du|di|da|der|für|van|voor|per|la|le)\b")
_EDITION = re.compile(r" (?:19|20)\d\d(?=\s*\()")


def short_name(c: Candidate, text: str) -> re.Match[str] | None:
    """The abbreviation or short name in parentheses right after a mention (or after the year that ends
    an instrument's name: "National Export Policy 2030 (NEP 2030)"), if any."""
    if m := ABBREVIATION.match(text, c.end):
        return m
    if (y := _EDITION.match(text, c.end)) is not None and (m := ABBREVIATION.match(text, y.end())):
        return m
    if " know" in text and (m := _KNOWN_AS.match(text, c.end)) is not None and spells(m[1], c.name):
        return m  # "the Small Quay Finance Agency, known by its lower-case acronym sqfa,"
    if "," in text and (m := _TRANSLATED.match(text, c.end)) is not None and _FOREIGN.search(m[0], 0, m.start(1)):
        return m  # "Norland Entrepreneur Institute (Instituto Norlandés del Emprendedor, INE)"
    if "hereinafter" in text and (m := _HEREINAFTER.match(text, c.end)):
        return m
    initials = "".join(w[0] for w in c.name.split() if w[0].isupper()).lower()
    if (m := _LOWER_CASE.match(text, c.end)) and m[1] == initials:
        return m
    m = _SHORT_WORD.match(text, c.end)
    if m is None or " " not in c.name or m[1] in countries().by_name or m[1] in reading_words().not_names:
        return None
    return m
