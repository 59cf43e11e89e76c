"""The as-of rule: does a fact hold in year Y? Three answers — *holds*, *unknown*, *does not hold*.

Declared once, here. Every fact (entity or relationship) carries three dated properties, written by
:func:`graph.model.dating.date_facts` from what the documents state and what the derivation rules add:

* ``known_years`` — the years the fact is known to hold (stated, or derived by a named rule);
* ``not_before`` / ``not_after`` — the fact does not hold before / after this year (null: no such bound).

The rule reads only those stored values, so Neo4j and networkx evaluate the same numbers:

* **holds** when Y is one of ``known_years``;
* **does not hold** when Y is before ``not_before`` or after ``not_after``;
* **unknown** otherwise (nothing places the fact in or out of Y).

Why stored values and not a Cypher rendering of the derivations: the derivations need the whole graph (a
relationship's bounds come from its ends, a fact's years from its documents' dates, a body's end from its
successor), which every Cypher query would otherwise recompute; stored once at write time, they leave
each engine one comparison on three properties, so the two cannot drift.

A query asks with a *certainty*: ``known`` keeps what holds; ``possible`` keeps what holds or is unknown.
The Cypher text is rendered from the same property names and comparisons (:func:`cypher_holds`), so the
``.cypher`` files never spell the rule out; they write ``{{holds: a, r, b}}`` and the query library expands it.

>>> fact = {"known_years": [2018, 2022], "not_before": 2018, "not_after": None}
>>> [status(y, fact) for y in (2010, 2018, 2020, 2022)]
['does not hold', 'holds', 'unknown', 'holds']
>>> holds(2020, fact), holds(2020, fact, "possible")
(False, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

HOLDS, UNKNOWN, DOES_NOT_HOLD = "holds", "unknown", "does not hold"
ANSWERS = (HOLDS, UNKNOWN, DOES_NOT_HOLD)

# The stored properties the rule reads (declared in schema.yaml under time_properties).
KNOWN_YEARS = "known_years"
NOT_BEFORE = "not_before"
NOT_AFTER = "not_after"

KNOWN, POSSIBLE = "known", "possible"
CERTAINTIES = (KNOWN, POSSIBLE)
"""``known``: only what holds; ``possible``: what holds or is unknown."""


def within_bounds(year: int, not_before: int | None, not_after: int | None) -> bool:
    """Y is not excluded by the bounds (a missing bound excludes nothing)."""
    return (not_before is None or not_before <= year) and (not_after is None or year <= not_after)


def status(year: int, data: Mapping[str, Any]) -> str:
    """The answer for one fact's stored properties: :data:`HOLDS`, :data:`UNKNOWN` or :data:`DOES_NOT_HOLD`."""
    if year in (data.get(KNOWN_YEARS) or ()):
        return HOLDS
    if not within_bounds(year, data.get(NOT_BEFORE), data.get(NOT_AFTER)):
        return DOES_NOT_HOLD
    return UNKNOWN


def holds(year: int, data: Mapping[str, Any], certainty: str = KNOWN) -> bool:
    """Whether a fact counts in ``year`` at ``certainty`` (``known``: holds; ``possible``: holds or unknown)."""
    check_certainty(certainty)
    if year in (data.get(KNOWN_YEARS) or ()):
        return True
    return certainty == POSSIBLE and within_bounds(year, data.get(NOT_BEFORE), data.get(NOT_AFTER))


def check_certainty(certainty: str) -> str:
    if certainty not in CERTAINTIES:
        raise ValueError(f"certainty {certainty!r} is not one of {', '.join(CERTAINTIES)}")
    return certainty


def cypher_holds(var: str, year: str = "$year", certainty: str = "$certainty") -> str:
    """The same rule as :func:`holds` for Cypher variable ``var``; ``year`` and ``certainty`` are Cypher
    expressions (parameters by default; a literal such as ``'known'`` works too).

    >>> print(cypher_holds("r", certainty="'known'"))
    ($year IN coalesce(r.known_years, []) OR ('known' = 'possible' \
AND coalesce(r.not_before, $year) <= $year AND $year <= coalesce(r.not_after, $year)))
    """
    return (
        f"({year} IN coalesce({var}.{KNOWN_YEARS}, []) OR ({certainty} = '{POSSIBLE}' "
        f"AND coalesce({var}.{NOT_BEFORE}, {year}) <= {year} AND {year} <= coalesce({var}.{NOT_AFTER}, {year})))"
    )


def cypher_holds_all(variables: list[str], year: str = "$year", certainty: str = "$certainty") -> str:
    """:func:`cypher_holds` for several variables, joined by AND."""
    return "(" + " AND ".join(cypher_holds(v, year, certainty) for v in variables) + ")"


def cypher_status(var: str, year: str = "$year") -> str:
    """A Cypher expression giving :func:`status`'s answer for ``var``."""
    return (
        f"CASE WHEN {year} IN coalesce({var}.{KNOWN_YEARS}, []) THEN '{HOLDS}' "
        f"WHEN coalesce({var}.{NOT_BEFORE}, {year}) <= {year} AND {year} <= coalesce({var}.{NOT_AFTER}, {year}) "
        f"THEN '{UNKNOWN}' ELSE '{DOES_NOT_HOLD}' END"
    )


def js_status(function: str = "status") -> str:
    """The same rule as :func:`status` as a JavaScript function ``function(item, year)`` for the HTML views,
    reading the same property names from the page's items (a null year answers *holds*: no slider)."""
    return (
        f"function {function}(item, year) {{\n"
        f"    // graph.model.holds.status, on the stored {KNOWN_YEARS} / {NOT_BEFORE} / {NOT_AFTER}\n"
        f"    if (year === null) {{ return '{HOLDS}'; }}\n"
        f"    if (item.{KNOWN_YEARS} && item.{KNOWN_YEARS}.indexOf(year) >= 0) {{ return '{HOLDS}'; }}\n"
        f"    if ((item.{NOT_BEFORE} != null && year < item.{NOT_BEFORE}) ||\n"
        f"        (item.{NOT_AFTER} != null && year > item.{NOT_AFTER})) {{ return '{DOES_NOT_HOLD}'; }}\n"
        f"    return '{UNKNOWN}';\n"
        f"  }}"
    )
