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

from graph.collector import gc_paused
from graph.model.holds import KNOWN_YEARS, NOT_AFTER, NOT_BEFORE

STATED, SUCCESSION, BOTH_ENDS, DOCUMENT_DATE = "stated", "succession", "both ends", "document date"
RULES = (STATED, SUCCESSION, BOTH_ENDS, DOCUMENT_DATE)
SUCCESSION_TYPES = ("SUCCEEDED_BY", "TRANSFERRED_TO")
DOCUMENT_TYPE = "Document"
# Every property this module writes (declared in schema.yaml under time_properties).
TIME_PROPERTIES = (
    KNOWN_YEARS,
    NOT_BEFORE,
    NOT_AFTER,
    "derived_years",
    "derived_rules",
    "not_before_rule",
    "not_after_rule",
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
        if start is None and end is None:  # the common case at scale: nothing stated
            return cls({})
        if start is not None and end is not None:
            years: Iterable[int] = range(start, end + 1)
        else:
            years = [start if start is not None else end]  # type: ignore[list-item]
        return cls(
            dict.fromkeys(years, STATED),
            start,
            end,
            STATED if start is not None else None,
            STATED if end is not None else None,
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
        narrowed = False
        if not_before is not None and (self.not_before is None or not_before > self.not_before):
            self.not_before, self.before_rule, narrowed = not_before, rule, True
        if not_after is not None and (self.not_after is None or not_after < self.not_after):
            self.not_after, self.after_rule, narrowed = not_after, rule, True
        if narrowed and self.known:
            self.known = {y: r for y, r in self.known.items() if self.allows(y)}

    def properties(self) -> dict[str, Any]:
        """The time properties; an absent bound is left out (as Neo4j leaves out a null property)."""
        known = self.known
        years = sorted(known)
        derived = [y for y in years if known[y] != STATED]
        props: dict[str, Any] = {
            KNOWN_YEARS: years,
            "derived_years": derived,
            "derived_rules": [known[y] for y in derived],
        }
        if self.not_before is not None:
            props[NOT_BEFORE], props["not_before_rule"] = self.not_before, self.before_rule
        if self.not_after is not None:
            props[NOT_AFTER], props["not_after_rule"] = self.not_after, self.after_rule
        return props


Fact = tuple[str, str, Any, dict[str, Any], Span]
"""``(source, target, key, data, span)``: one relationship of the graph and what is known of its time."""


def document_year(date: Any) -> int | None:
    """The year of a document's ``date`` ('2022-05-11', '2022-05', '2022'), or None."""
    match = _YEAR.match(str(date)) if date is not None else None
    return int(match.group(1)) if match else None


def _document_years(data: Mapping[str, Any], doc_year: Mapping[str, int]) -> list[int]:
    """The years of the documents that state a fact (its ``sources``, then its citations)."""
    years = [doc_year[s] for s in data.get("sources") or () if s in doc_year]
    for ev in data.get("evidence") or ():
        if isinstance(ev, Mapping) and ev.get("document") and (doc := str(ev["document"])) in doc_year:
            years.append(doc_year[doc])
    return years


def _stated_spans(G: Any, doc_year: Mapping[str, int]) -> tuple[dict[str, Span], list[Fact]]:
    """1. What each entity and relationship states of its own years (a document: its date).

    The relationships come back in ``G.edges`` order with their data, read once from networkx's
    adjacency, so later steps need no ``G.edges[e]`` look-up."""
    nodes: dict[str, Span] = {}
    for n, d in G.nodes(data=True):
        if d.get("type") == DOCUMENT_TYPE:
            y = doc_year.get(n)
            nodes[n] = Span({y: STATED} if y else {}, y, None, STATED if y else None, None)
        else:
            nodes[n] = Span.stated(d.get("start"), d.get("end"))
    stated = Span.stated
    edges = [
        (u, v, k, d, stated(d.get("start"), d.get("end")))
        for u, nbrs in G._adj.items()
        for v, keyed in nbrs.items()
        for k, d in keyed.items()
    ]
    return nodes, edges


def _date_successions(G: Any, nodes: Mapping[str, Span], events: Iterable[Fact]) -> None:
    """2. Succession: the old body ends the year before the new one starts (in edge order: the first
    succession that bounds a body wins, the same on every run)."""
    for u, v, _, d, _ in events:
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


def _bound_by_ends(nodes: Mapping[str, Span], facts: list[Fact]) -> None:
    """3. Both ends (first half): a relationship holds neither before either end starts nor after it ends."""
    for u, v, _, _, span in facts:
        for end in (nodes[u], nodes[v]):
            if end.not_before is not None or end.not_after is not None:
                span.bound(end.not_before, end.not_after, BOTH_ENDS)


def _ends_exist(nodes: Mapping[str, Span], facts: list[Fact]) -> None:
    """3. Both ends (second half): the ends exist in every year a relationship is known to hold."""
    for u, v, _, _, span in facts:
        if span.known:
            a, b = nodes[u], nodes[v]
            for y in span.known:
                a.add(y, BOTH_ENDS)
                b.add(y, BOTH_ENDS)


def _date_by_documents(G: Any, nodes: Mapping[str, Span], facts: list[Fact], doc_year: Mapping[str, int]) -> None:
    """4. Document date: facts not told as over, undated or running since a stated start, hold in the
    years of the documents that state them."""

    def eligible(span: Span, data: Mapping[str, Any]) -> bool:
        return span.not_after is None and (data.get("start") is not None or not span.known)

    dated: list[tuple[Span, list[int]]] = []  # all chosen before any is dated: a year added must not change a choice
    for n, d in G.nodes(data=True):
        if d.get("type") != DOCUMENT_TYPE and eligible(nodes[n], d):
            dated.append((nodes[n], _document_years(d, doc_year)))
    for _, _, _, d, span in facts:
        if eligible(span, d):
            dated.append((span, _document_years(d, doc_year)))
    for span, years in dated:
        for y in years:
            span.add(y, DOCUMENT_DATE)


def _with_properties(G: Any, nodes: Mapping[str, Span], edges: list[Fact]) -> Any:
    """A copy of ``G`` whose node and edge attributes also hold their spans' time properties.

    Built straight into networkx's adjacency dicts, shared by successors and predecessors as
    ``add_edge`` shares them: one pass instead of ``G.copy()`` and a second pass of updates.
    """
    H = G.__class__()
    H.graph.update(G.graph)
    H._node = {n: {**d, **nodes[n].properties()} for n, d in G._node.items()}
    succ: dict[Any, dict[Any, Any]] = {n: {} for n in H._node}
    pred: dict[Any, dict[Any, Any]] = {n: {} for n in H._node}
    spans = iter(edges)  # in the order _stated_spans walked the adjacency, as below
    for u, nbrs in G._adj.items():
        out = succ[u]
        for v, keyed in nbrs.items():
            out[v] = pred[v][u] = {k: {**d, **next(spans)[4].properties()} for k, d in keyed.items()}
    H._adj, H._pred = succ, pred  # networkx's documented pair: both set together
    return H


def date_facts(g: Any) -> Any:
    """A copy of the :class:`~graph.model.InstitutionalGraph` ``g`` whose facts carry the time properties."""
    from graph.model.institutional_graph import InstitutionalGraph

    G = g.graph
    with gc_paused():  # a span and a dict or two per fact, no cycles (see gc_paused)
        doc_year = {
            n: y
            for n, d in G.nodes(data=True)
            if d.get("type") == DOCUMENT_TYPE and (y := document_year(d.get("date")))
        }
        nodes, edges = _stated_spans(G, doc_year)
        events = [e for e in edges if e[3].get("type") in SUCCESSION_TYPES]
        _date_successions(G, nodes, events)
        facts = [e for e in edges if e[3].get("type") not in SUCCESSION_TYPES]
        _bound_by_ends(nodes, facts)  # 3. both ends: bounds from the ends, then the ends exist where it holds
        _ends_exist(nodes, facts)
        _date_by_documents(G, nodes, facts, doc_year)
        _ends_exist(nodes, facts)
        return InstitutionalGraph(g.schema, _with_properties(G, nodes, edges))


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
