"""The country a document is about, read from it the way a person would: by the countries it names.

Every country of ``countries.tsv`` is counted where the text names it — its names as written or in
capitals, inside a body's name too ("the Norland Chamber of Docks" speaks of Norland), and its
adjective where that is the name plus ``-n``, ``-ese`` or less a final ``-y`` ("Kenyan", "Sudanese").
The document is about the most named country when the evidence is clear: at least
:data:`MIN_MENTIONS` mentions and :data:`LEAD` times as many as the next country. Otherwise the
country stays unknown — never a guess.

Each entity extracted from the document then gets that country (:func:`with_country`), except an
international organisation (it belongs to no one country) and a country, which is its own.

>>> read_country(["Norland's ministry runs the voucher.", "In Kenya, the Kenyan agency ..."])
'KEN'
>>> read_country(["Sudan and Kenya signed it."]) is None
True
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from graph.model import Entity
from graph.model.country import alpha3
from loaders.documents import Document
from loaders.lexicon import PUNCT_TO_SPACE, alternation, countries

MIN_MENTIONS = 2
LEAD = 2
# Types that take no country from the document they are named in.
STATELESS_TYPES = frozenset({"InternationalOrganization"})
COUNTRY_TYPE = "Country"


def _adjectives(name: str) -> tuple[str, ...]:
    """The regular adjective forms of a one-word country name (Kenya → Kenyan, Sudan → Sudanese);
    irregular ones are simply not counted."""
    if " " in name:
        return ()
    forms = [name + "ese"]
    if name.endswith("a"):
        forms.append(name + "n")
    if name.endswith("y"):
        forms.append(name[:-1])
    return tuple(forms)


@cache
def _reader() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    """One pattern for every written form of every country, each form's alpha-3 code, and a word of each form
    in lower case (a line holding none of them names no country: a set test spares the pattern)."""
    by_form: dict[str, str] = {}
    for name, (code, _) in countries().by_name.items():
        code3 = alpha3(code)
        if code3 is None:
            continue
        for form in (name, name.upper(), *_adjectives(name)):
            by_form.setdefault(form, code3)
    alternatives = alternation(by_form)
    # (each form's longest word: "The Gambia" is looked for by "gambia", not by "the")
    keys = frozenset(max(form.lower().translate(PUNCT_TO_SPACE).split(), key=len) for form in by_form)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), by_form, keys


def country_mentions(lines: Iterable[str]) -> Counter[str]:
    """How many times each country (alpha-3) is named in ``lines``."""
    pattern, by_form, keys = _reader()
    counts: Counter[str] = Counter()
    for line in lines:
        if not keys.isdisjoint(line.lower().translate(PUNCT_TO_SPACE).split()):
            counts.update(by_form[m.group(0)] for m in pattern.finditer(line))
    return counts


def country_named(lines: Sequence[str], code: str) -> tuple[str, list[int]] | None:
    """How a document names country ``code`` (alpha-3) and on which lines (1-based): its name as the text
    writes it, or its canonical name where the text gives only capitals or an adjective ("POLAND")."""
    pattern, by_form, keys = _reader()
    written: Counter[str] = Counter()
    numbers: list[int] = []
    for n, line in enumerate(lines, start=1):
        if keys.isdisjoint(line.lower().translate(PUNCT_TO_SPACE).split()):
            continue
        forms = [m.group(0) for m in pattern.finditer(line) if by_form[m.group(0)] == code]
        if forms:
            numbers.append(n)
            written.update(f for f in forms if f in countries().by_name)
    if not numbers:
        return None
    canonical = next((name for c, name in countries().by_name.values() if alpha3(c) == code), None)
    name = written.most_common(1)[0][0] if written else canonical
    return (name, numbers) if name else None


def read_country(lines: Iterable[str]) -> str | None:
    """The country ``lines`` are about (alpha-3), or None when the evidence is not clear."""
    ranked = country_mentions(lines).most_common(2)
    if not ranked or ranked[0][1] < MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] < LEAD * ranked[1][1]:
        return None
    return ranked[0][0]


def document_country(doc: Document) -> str | None:
    """The country a document is about, or None."""
    return read_country(doc.lines)


def with_country(entity: Entity, country: str | None) -> Entity:
    """``entity`` with the country of the document it was read from, unless it states one, is an
    international organisation, or is a country (then its own code where ISO 3166 knows its name)."""
    if entity.country is not None or entity.type in STATELESS_TYPES:
        return entity
    if entity.type == COUNTRY_TYPE:
        own = countries().by_name.get(entity.name)
        country = alpha3(own[0]) if own else None
    return replace(entity, country=country) if country else entity
