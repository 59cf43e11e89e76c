"""Years from what the documents say: the stored inputs of the as-of rule (:mod:`graph.model.holds`).

:func:`date_facts` gives every fact ``known_years``, ``not_before`` and ``not_after``, and says how each
was reached: ``derived_years`` with ``derived_rules`` (one rule per derived year, same order) and
``not_before_rule`` / ``not_after_rule``. Stated ``start``/``end`` are never changed, so a derived year
is never shown as stated. The rules, in the order they run:

1. **stated** — a span ``start..end`` holds in every year of it; a lone ``start`` or ``end`` holds in that
   year; ``start``/``end`` are also the bounds.
2. **succession** — a SUCCEEDED_BY or TRANSFERRED_TO dated Y ends the old body in Y−1 and starts the new
   one in Y (where their own years say nothing else).
3. **both ends** — a relationship does not hold before either end starts or after either end ends (so an
   instrument's years bound its LEADS/IMPLEMENTS/PARTICIPATES_IN/TARGETS facts); and where it holds,
   both its ends exist.
4. **document date** — a fact not told as over (no end, stated or derived) that is either undated or
   told as running "since" a stated start, holds at the dates of the documents that state it.

Nothing else: continuity between two known years is *not* assumed (a programme started in 2001 and
mentioned by a 2022 document is unknown in 2007), and where no rule applies the answer stays unknown.
Succession links are events: they keep their stated years only.

>>> from graph.model import Entity, InstitutionalGraph, Relationship
>>> g = InstitutionalGraph()
>>> doc = g.add_entity(Entity(type="Document", name="Deck", extra=(("date", "2022-05-11"),)))
>>> m = g.add_entity(Entity(type="Ministry", name="M", start=2017, sources=(doc.id,)))
>>> s = g.add_entity(Entity(type="Strategy", name="S", start=2018))
>>> _ = g.add_relationship(Relationship(type="LEADS", source=m.id, target=s.id, sources=(doc.id,)))
>>> d = date_facts(g).graph
>>> d.nodes[m.id]["known_years"], d.edges[m.id, s.id, "LEADS"]["known_years"], d.nodes[s.id]["known_years"]
([2017, 2022], [2022], [2018, 2022])
>>> d.edges[m.id, s.id, "LEADS"]["not_before"], d.edges[m.id, s.id, "LEADS"]["not_before_rule"]
(2018, 'both ends')
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.model.holds import KNOWN_YEARS, NOT_AFTER, NOT_BEFORE

STATED, SUCCESSION, BOTH_ENDS, DOCUMENT_DATE = "stated", "succession", "both ends", "document date"
RULES = (STATED, SUCCESSION, BOTH_ENDS, DOCUMENT_DATE)
SUCCESSION_TYPES = ("SUCCEEDED_BY", "TRANSFERRED_TO")
DOCUMENT_TYPE = "Document"
# Every property this module writes (declared in schema.yaml under time_properties).
TIME_PROPERTIES = (
    KNOWN_YEARS, NOT_BEFORE, NOT_AFTER, "derived_years", "derived_rules", "not_before_rule", "not_after_rule",
)
_YEAR = re.compile(r"^\s*(\d{4})")


@dataclass
class Span:
    """What is known of one fact's time: years it holds (year -> rule) and its bounds (with rules)."""

    known: dict[int, str] = field(default_factory=dict)
    not_before: int | None = None
    not_after: int | None = None
    before_rule: str | None = None
    after_rule: str | None = None

    @classmethod
    def stated(cls, start: int | None, end: int | None) -> Span:
        if start is not None and end is not None:
            years: Iterable[int] = range(start, end + 1)
        elif start is not None or end is not None:
            years = [start if start is not None else end]  # type: ignore[list-item]
        else:
            years = []
        return cls(
            known=dict.fromkeys(years, STATED),
            not_before=start,
            not_after=end,
            before_rule=STATED if start is not None else None,
            after_rule=STATED if end is not None else None,
        )

    def allows(self, year: int) -> bool:
        return (self.not_before is None or self.not_before <= year) and (
            self.not_after is None or year <= self.not_after
        )

    def add(self, year: int, rule: str) -> bool:
        """Know the fact holds in ``year`` (by ``rule``) unless its bounds exclude it; True if new."""
        if year in self.known or not self.allows(year):
            return False
        self.known[year] = rule
        return True

    def bound(self, not_before: int | None, not_after: int | None, rule: str) -> None:
        """Narrow the bounds; known years outside them are dropped."""
        if not_before is not None and (self.not_before is None or not_before > self.not_before):
            self.not_before, self.before_rule = not_before, rule
        if not_after is not None and (self.not_after is None or not_after < self.not_after):
            self.not_after, self.after_rule = not_after, rule
        self.known = {y: r for y, r in self.known.items() if self.allows(y)}

    def properties(self) -> dict[str, Any]:
        """The time properties; an absent bound is left out (as Neo4j leaves out a null property)."""
        derived = sorted((y, r) for y, r in self.known.items() if r != STATED)
        props: dict[str, Any] = {
            KNOWN_YEARS: sorted(self.known),
            "derived_years": [y for y, _ in derived],
            "derived_rules": [r for _, r in derived],
        }
        if self.not_before is not None:
            props.update({NOT_BEFORE: self.not_before, "not_before_rule": self.before_rule})
        if self.not_after is not None:
            props.update({NOT_AFTER: self.not_after, "not_after_rule": self.after_rule})
        return props


def document_year(date: Any) -> int | None:
    """The year of a document's ``date`` ('2022-05-11', '2022-05', '2022'), or None."""
    match = _YEAR.match(str(date)) if date is not None else None
    return int(match.group(1)) if match else None


def _documents_of(data: Mapping[str, Any]) -> Iterable[str]:
    yield from data.get("sources") or ()
    for ev in data.get("evidence") or ():
        if isinstance(ev, Mapping) and ev.get("document"):
            yield str(ev["document"])


def _stated_spans(G: Any, doc_year: Mapping[str, int]) -> tuple[dict[str, Span], dict[tuple[str, str, str], Span]]:
    """1. What each entity and relationship states of its own years (a document: its date)."""
    nodes: dict[str, Span] = {}
    for n, d in G.nodes(data=True):
        if d.get("type") == DOCUMENT_TYPE:
            y = doc_year.get(n)
            nodes[n] = Span({y: STATED} if y else {}, y, None, STATED if y else None, None)
        else:
            nodes[n] = Span.stated(d.get("start"), d.get("end"))
    edges = {(u, v, k): Span.stated(d.get("start"), d.get("end")) for u, v, k, d in G.edges(keys=True, data=True)}
    return nodes, edges


def _date_successions(G: Any, nodes: Mapping[str, Span], events: Iterable[tuple[str, str, str]]) -> None:
    """2. Succession: the old body ends the year before the new one starts."""
    for u, v, k in events:
        d = G.edges[u, v, k]
        year = d.get("start") if d.get("start") is not None else d.get("end")
        if year is None:
            continue
        old, new = nodes[u], nodes[v]
        if old.not_after is None and (old.not_before is None or old.not_before <= year - 1):
            old.bound(None, year - 1, SUCCESSION)
            old.add(year - 1, SUCCESSION)
        # a lineage (graph.analysis.projections.lineage_view) folds the old bodies into the new one: not started
        if new.not_before is None and not G.nodes[v].get("folded") and (new.not_after is None or year <= new.not_after):
            new.bound(year, None, SUCCESSION)
            new.add(year, SUCCESSION)


def _ends_exist(nodes: Mapping[str, Span], edges: Mapping[tuple[str, str, str], Span], facts: list[Any]) -> None:
    """3. Both ends (second half): the ends exist in every year a relationship is known to hold."""
    for u, v, k in facts:
        for y in edges[u, v, k].known:
            nodes[u].add(y, BOTH_ENDS)
            nodes[v].add(y, BOTH_ENDS)


def _date_by_documents(
    G: Any,
    nodes: Mapping[str, Span],
    edges: Mapping[tuple[str, str, str], Span],
    facts: list[Any],
    doc_year: Mapping[str, int],
) -> None:
    """4. Document date: facts not told as over, undated or running since a stated start, hold in the
    years of the documents that state them."""

    def eligible(span: Span, data: Mapping[str, Any]) -> bool:
        return span.not_after is None and (data.get("start") is not None or not span.known)

    dated: list[tuple[Span, list[int]]] = []
    for n, d in G.nodes(data=True):
        if d.get("type") != DOCUMENT_TYPE and eligible(nodes[n], d):
            dated.append((nodes[n], [doc_year[s] for s in _documents_of(d) if s in doc_year]))
    for e in facts:
        d = G.edges[e]
        if eligible(edges[e], d):
            dated.append((edges[e], [doc_year[s] for s in _documents_of(d) if s in doc_year]))
    for span, years in dated:
        for y in years:
            span.add(y, DOCUMENT_DATE)


def date_facts(g: Any) -> Any:
    """A copy of the :class:`~graph.model.InstitutionalGraph` ``g`` whose facts carry the time properties."""
    from graph.model.institutional_graph import InstitutionalGraph

    G = g.graph.copy()
    doc_year = {
        n: y for n, d in G.nodes(data=True) if d.get("type") == DOCUMENT_TYPE and (y := document_year(d.get("date")))
    }
    nodes, edges = _stated_spans(G, doc_year)
    events = {e for e in edges if G.edges[e].get("type") in SUCCESSION_TYPES}
    _date_successions(G, nodes, events)

    # 3. both ends: bounds from the ends, then the ends exist where the relationship holds
    facts = [e for e in edges if e not in events]
    for u, v, k in facts:
        for end in (nodes[u], nodes[v]):
            edges[u, v, k].bound(end.not_before, end.not_after, BOTH_ENDS)
    _ends_exist(nodes, edges, facts)

    _date_by_documents(G, nodes, edges, facts, doc_year)
    _ends_exist(nodes, edges, facts)

    for n, span in nodes.items():
        G.nodes[n].update(span.properties())
    for e, span in edges.items():
        G.edges[e].update(span.properties())
    return InstitutionalGraph(g.schema, G)


def is_dated(G: Any) -> bool:
    """Whether every node and edge of the networkx graph ``G`` carries the time properties."""
    return all(KNOWN_YEARS in d for _, d in G.nodes(data=True)) and all(
        KNOWN_YEARS in d for _, _, d in G.edges(data=True)
    )


def coverage(g: Any) -> dict[str, int]:
    """How many facts (entities and relationships, documents left out) are dated, and how.

    ``facts``; ``stated`` (with a stated year); ``derived`` (dated only by derivation); ``undated`` (no
    known year); per rule, the facts that rule gave at least one year; ``bounded``, the facts given a
    derived bound (a year before or after which they do not hold).
    """
    G = g.graph
    counts: Counter[str] = Counter()
    datas = [d for _, d in G.nodes(data=True) if d.get("type") != DOCUMENT_TYPE]
    datas += [d for _, _, d in G.edges(data=True)]
    for d in datas:
        counts["facts"] += 1
        stated = d.get("start") is not None or d.get("end") is not None
        if stated:
            counts["stated"] += 1
        elif d.get(KNOWN_YEARS):
            counts["derived"] += 1
        else:
            counts["undated"] += 1
        for rule in set(d.get("derived_rules") or ()):
            counts[rule] += 1
        if {d.get("not_before_rule"), d.get("not_after_rule")} - {None, STATED}:
            counts["bounded"] += 1
    return {k: counts.get(k, 0) for k in ("facts", "stated", "derived", "undated", *RULES[1:], "bounded")}
