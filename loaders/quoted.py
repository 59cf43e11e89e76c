"""Titles in quotation marks ("the "Blue Harbour" scheme"), typed by their head noun (an instrument
without one); a quotation, an event's name or a lower-case phrase without a part noun next to it is not
a title.

>>> [(c.type, c.name) for c in quoted_titles('The "Quay Online Act" and the "Harbour Days" event.')]
[('Law', 'Quay Online Act')]
"""

from __future__ import annotations

import re
from functools import cache

from loaders.head_names import ROMANCE_HEADS, actor_type
from loaders.lexicon import (
    ABBREVIATION,
    ACTOR_HEADS,
    INSTRUMENT_HEADS,
    Candidate,
    alternation,
    canonical_name,
    reading_words,
)

_QUOTED = re.compile(r'"([^"\n]{2,160}?)"')


@cache
def _part_nouns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = alternation(reading_words().named_part_nouns)
    return re.compile(rf"\b(?:{nouns})\s*(?:no\.?\s*)?\d*\s*$", re.I), re.compile(rf"\s+(?:{nouns})\b", re.I)


def _names_a_part(text: str, start: int, end: int) -> bool:
    """ "its "digital state" measure", "objective "a smarter economy"": a quoted name in lower case is
    still one when a part noun stands next to it."""
    before, after = _part_nouns()
    return before.search(text, max(0, start - 30), start) is not None or after.match(text, end) is not None


_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_SPOKEN = re.compile(r"(?<=[,.!?]\")\s*(?:said|says|added|adds|stated|noted|explained|commented)\b")


def _word_after(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text, end)
    return m[1] if m else ""


def quoted_titles(text: str) -> list[Candidate]:
    """Titles in quotation marks, typed by their head noun (an instrument without one)."""
    found: list[Candidate] = []
    for m in _QUOTED.finditer(text):
        inner = canonical_name(m[1])
        inside = ABBREVIATION.search(inner)  # "“Trade for Docks (T4D)”": the abbreviation inside the quotes
        if inside is not None and inside.end() == len(inner) and inside.start() > 0:
            inner, own_alias = inner[: inside.start()].rstrip(), inside[1]
        else:
            own_alias = None
        words = inner.split()
        titled = inner and (inner[0].isupper() or inner[0].isdigit() or "-" in inner)
        if not inner or len(words) > 16 or not (titled or _names_a_part(text, m.start(), m.end())):
            continue
        first, last = words[0], words[-1].rstrip(".,")
        if first in ("Act", "Law") or last.lower() in ("act", "law"):
            label = "Law"
        elif last in ACTOR_HEADS:
            label = actor_type(last, words[:-1], "")
        elif last.lower() in INSTRUMENT_HEADS:
            label = INSTRUMENT_HEADS[last.lower()]
        elif first in ACTOR_HEADS and len(words) > 1 and (
                len(words) > 2 and words[1] in ("of", "for") or first in ROMANCE_HEADS):  # "Banque des Quais"
            label = actor_type(first, [], " ".join(words[1:]))
        elif _word_after(text, m.end()) in reading_words().modifier_nouns:
            continue  # "the "Harbour Days" event": what kind of thing it is says it is no instrument
        elif len(words) > 4 and 2 * sum(w[0].islower() for w in words) > len(words) or _SPOKEN.match(text, m.end()):
            continue  # "One quay for all - no more waiting", "Firms matter," said …: a quotation, not a title
        else:
            label = "Programme"  # a quoted title without a head noun names an instrument
        alias = own_alias or (am[1] if (am := ABBREVIATION.match(text, m.end())) else None)
        head = last.lower() if last.lower() in INSTRUMENT_HEADS else (last if last in ACTOR_HEADS else None)
        found.append(Candidate(m.start(), m.end(), label, inner, "quoted", alias, head))
    return found
