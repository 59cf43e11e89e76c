"""What changed between two graphs, or between two years of one graph.

Entities are matched by id, relationships by (source, type, target, context). What one side holds and the
other does not is *added* or *removed*; what both hold with other years or confidence is *changed*. A type
change is told as a change, not as a removal and an addition: an entity removed under one type and added
under another with the same name is one entity whose type changed (its relationships follow it), and a
relationship whose ends and context stay while its type differs is one relationship whose type changed.

Between two years (:func:`diff_years`) each side is the graph as of that year by the one as-of rule
(:mod:`graph.model.holds`), at the chosen certainty. A fact that holds in a year after the first and up
to the second, yet that neither side shows, is listed as *between*: a reorganisation is the usual case (the
old body is gone by the year its succession holds, so no year's graph draws the succession), or a fact
known only in a year in between. ``MENTIONED_IN`` links are bookkeeping (where an entity is named) and are not compared;
they are the evidence lines of their entities.

>>> from graph.model import Entity, Relationship
>>> old, new = InstitutionalGraph(), InstitutionalGraph()
>>> for g in (old, new):
...     a = g.add_entity(Entity(type="Agency", name="Old Office"))
...     p = g.add_entity(Entity(type="Programme", name="Grants"))
>>> _ = old.add_relationship(Relationship(type="IMPLEMENTS", source=a.id, target=p.id, start=2001))
>>> _ = new.add_relationship(Relationship(type="LEADS", source=a.id, target=p.id, start=2003))
>>> m = new.add_entity(Entity(type="Ministry", name="New Ministry"))
>>> d = diff_graphs(old, new)
>>> [(c.status, c.type, c.label) for c in d.changes]
[('added', 'Ministry', 'New Ministry'), ('changed', 'LEADS', 'Old Office → Grants')]
>>> d.changes[1].fields
{'type': ('IMPLEMENTS', 'LEADS'), 'start': (2001, 2003)}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from graph.collector import gc_paused
from graph.model.holds import KNOWN, KNOWN_YEARS, holds
from graph.model.institutional_graph import InstitutionalGraph

ADDED, REMOVED, CHANGED, BETWEEN, UNCHANGED = "added", "removed", "changed", "between", "unchanged"
STATUSES = (ADDED, REMOVED, CHANGED, BETWEEN, UNCHANGED)
"""Every answer a fact can get, in the order a person reads them."""

ENTITY_FIELDS = ("start", "end")
RELATIONSHIP_FIELDS = ("start", "end", "confidence")
"""The stated values compared besides the type (the derived time properties follow from them)."""

MENTION = "MENTIONED_IN"
# The identity of a relationship: (source, type, target, context).
RelKey = tuple[str, str, str, str | None]


@dataclass(frozen=True)
class Change:
    """One entity or relationship that differs (or, for the view, does not) between the two sides.

    ``id`` is the entity's id (the new one after a type change) or the relationship's identity; ``fields``
    maps each changed property to its (old, new) values; ``evidence`` is the side's citations
    (``{document, lines, text}``), the new side's unless the fact was removed.
    """

    kind: str  # "entity" | "relationship"
    status: str
    id: str | RelKey
    type: str
    label: str
    start: int | None = None
    end: int | None = None
    confidence: float | None = None
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    evidence: tuple[Mapping[str, Any], ...] = ()
    note: str = ""


@dataclass
class GraphDiff:
    """The changes between an old and a new side, with what stayed the same (ids only: it can be large)."""

    old_label: str
    new_label: str
    changes: list[Change]
    unchanged_entities: list[str]
    unchanged_relationships: list[RelKey]
    documents: dict[str, str] = field(default_factory=dict)  # document id -> file name or title
    entities: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (type, name), either side

    def counts(self) -> dict[str, dict[str, int]]:
        """How many entities and relationships got each answer."""
        out = {kind: dict.fromkeys(STATUSES, 0) for kind in ("entity", "relationship")}
        for c in self.changes:
            out[c.kind][c.status] += 1
        out["entity"][UNCHANGED] += len(self.unchanged_entities)
        out["relationship"][UNCHANGED] += len(self.unchanged_relationships)
        return out

    def of(self, status: str, kind: str | None = None) -> list[Change]:
        return [c for c in self.changes if c.status == status and (kind is None or c.kind == kind)]


# --- the comparison ---------------------------------------------------------------------------------------
def diff_graphs(
    old: InstitutionalGraph, new: InstitutionalGraph, old_label: str = "old", new_label: str = "new"
) -> GraphDiff:
    """Entities and relationships added, removed and changed from ``old`` to ``new`` (neither is modified)."""
    a, b = old.graph, new.graph
    with gc_paused():  # thousands of small change records and no cycles among them
        changes, unchanged_entities, renamed = _entity_changes(a, b)
        rel_changes, unchanged_rels = _relationship_changes(old, new, renamed)
    documents = _document_names(a)
    documents.update(_document_names(b))
    entities = {n: (d["type"], str(d.get("name") or n)) for g in (a, b) for n, d in g.nodes(data=True)}
    return GraphDiff(
        old_label, new_label, _ordered(changes + rel_changes), unchanged_entities, unchanged_rels, documents, entities
    )


def diff_years(graph: InstitutionalGraph, year: int, vs: int, certainty: str = KNOWN) -> GraphDiff:
    """``graph`` as of ``year`` against ``graph`` as of ``vs``, plus what held only in the years between."""
    return diff_as_of(graph, year, graph, vs, certainty)


def diff_as_of(
    old: InstitutionalGraph,
    year: int,
    new: InstitutionalGraph,
    vs: int,
    certainty: str = KNOWN,
    old_label: str = "",
    new_label: str = "",
) -> GraphDiff:
    """``old`` as of ``year`` against ``new`` as of ``vs`` by the as-of rule at ``certainty``; when both
    are one graph, what held in a year after the first and up to the second that neither side shows is
    listed as *between*."""
    old_dated = old.dated()
    new_dated = old_dated if new is old else new.dated()
    with gc_paused():  # two as-of copies of the graph and the change records: many objects, no cycles
        result = diff_graphs(
            old_dated.as_of(year, certainty),
            new_dated.as_of(vs, certainty),
            f"{old_label} as of {year}" if old_label else str(year),
            f"{new_label} as of {vs}" if new_label else str(vs),
        )
        between = range(min(year, vs) + 1, max(year, vs) + 1)
        if new is old and len(between):
            found = _between(new_dated, result, between, certainty)
            result.changes += found
            g = new_dated.graph
            for c in found:  # neither side holds these: their ends come from the whole graph
                for n in [c.id] if isinstance(c.id, str) else [c.id[0], c.id[2]]:
                    result.entities[n] = (g.nodes[n]["type"], str(g.nodes[n].get("name") or n))
        # Documents and their mention lines hold at the documents' dates, not in the years compared: cite
        # them from the whole graphs.
        result.changes = _ordered(
            [
                replace(c, evidence=_mentions((old_dated if c.status == REMOVED else new_dated).graph, str(c.id)))
                if c.kind == "entity"
                else c
                for c in result.changes
            ]
        )
    result.documents = {**_document_names(old_dated.graph), **_document_names(new_dated.graph)}
    return result


def _ordered(changes: list[Change]) -> list[Change]:
    """Added, removed, changed, between; entities before relationships; then by type and label."""
    rank = {s: i for i, s in enumerate(STATUSES)}
    return sorted(changes, key=lambda c: (rank[c.status], c.kind != "entity", c.type, c.label))


def _entity_changes(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> tuple[list[Change], list[str], dict[str, str]]:
    """Entity changes, the ids unchanged, and old id -> new id for entities whose type changed."""
    removed = [n for n in a if n not in b]
    added = [n for n in b if n not in a]
    renamed = _same_name(a, b, removed, added)
    changes: list[Change] = []
    unchanged: list[str] = []
    for n, data in b.nodes(data=True):
        if n not in a:
            continue
        fields = _changed_fields(a.nodes[n], data, ENTITY_FIELDS)
        if fields:
            changes.append(_entity(b, n, CHANGED, fields))
        else:
            unchanged.append(n)
    for old_id, new_id in renamed.items():
        fields = {"type": (a.nodes[old_id]["type"], b.nodes[new_id]["type"])}
        fields.update(_changed_fields(a.nodes[old_id], b.nodes[new_id], ENTITY_FIELDS))
        changes.append(_entity(b, new_id, CHANGED, fields, note=f"was {old_id}"))
    moved = set(renamed) | set(renamed.values())
    changes += [_entity(b, n, ADDED) for n in added if n not in moved]
    changes += [_entity(a, n, REMOVED) for n in removed if n not in moved]
    return changes, unchanged, renamed


def _same_name(a: nx.MultiDiGraph, b: nx.MultiDiGraph, removed: list[str], added: list[str]) -> dict[str, str]:
    """Removed and added entities with the same name (one on each side): one entity whose type changed."""
    by_name: dict[str, list[str]] = {}
    for n in added:
        by_name.setdefault(str(b.nodes[n].get("name") or n).casefold(), []).append(n)
    pairs: dict[str, str] = {}
    olds: dict[str, list[str]] = {}
    for n in removed:
        olds.setdefault(str(a.nodes[n].get("name") or n).casefold(), []).append(n)
    for name, old_ids in olds.items():
        new_ids = by_name.get(name, [])
        if len(old_ids) == 1 and len(new_ids) == 1:
            pairs[old_ids[0]] = new_ids[0]
    return pairs


def _edges(g: nx.MultiDiGraph) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``g.edges(data=True)`` without the view's per-edge overhead (a third of a diff at 50 000 edges)."""
    for u, neighbours in g._adj.items():
        for v, keyed in neighbours.items():
            for data in keyed.values():
                yield u, v, data


def _relationship_index(graph: InstitutionalGraph, renamed: Mapping[str, str]) -> dict[RelKey, dict[str, Any]]:
    """Every relationship but mentions by its identity, ends and context renamed (old side only)."""
    symmetric = {n for n, spec in graph.schema.relationship_types.items() if spec.symmetric}
    index: dict[RelKey, dict[str, Any]] = {}
    for u, v, data in _edges(graph.graph):
        rtype = data["type"]
        if rtype == MENTION:
            continue
        if renamed:
            u, v = renamed.get(u, u), renamed.get(v, v)
            if rtype in symmetric and u > v:
                u, v = v, u
        context = data.get("context")
        index[(u, rtype, v, renamed.get(context, context) if context else None)] = data
    return index


def _relationship_changes(
    old: InstitutionalGraph, new: InstitutionalGraph, renamed: Mapping[str, str]
) -> tuple[list[Change], list[RelKey]]:
    a_index = _relationship_index(old, renamed)
    b_index = _relationship_index(new, {})
    names = {**_names(old.graph), **_names(new.graph)}
    changes: list[Change] = []
    unchanged: list[RelKey] = []
    added: list[RelKey] = []
    for key, data in b_index.items():
        held = a_index.get(key)
        if held is None:
            added.append(key)
            continue
        fields = _changed_fields(held, data, RELATIONSHIP_FIELDS)
        if fields:
            changes.append(_relationship(key, data, CHANGED, names, fields))
        else:
            unchanged.append(key)
    removed = [key for key in a_index if key not in b_index]
    retyped = _retyped(removed, added)
    for old_key, new_key in retyped.items():
        fields = {"type": (old_key[1], new_key[1])}
        fields.update(_changed_fields(a_index[old_key], b_index[new_key], RELATIONSHIP_FIELDS))
        changes.append(_relationship(new_key, b_index[new_key], CHANGED, names, fields))
    moved = set(retyped.values())
    changes += [_relationship(k, b_index[k], ADDED, names) for k in added if k not in moved]
    changes += [_relationship(k, a_index[k], REMOVED, names) for k in removed if k not in retyped]
    return changes, unchanged


def _retyped(removed: Iterable[RelKey], added: Iterable[RelKey]) -> dict[RelKey, RelKey]:
    """Removed and added relationships with the same ends and context, one of each: a type change."""
    olds: dict[tuple[str, str, str | None], list[RelKey]] = {}
    news: dict[tuple[str, str, str | None], list[RelKey]] = {}
    for key in removed:
        olds.setdefault((key[0], key[2], key[3]), []).append(key)
    for key in added:
        news.setdefault((key[0], key[2], key[3]), []).append(key)
    return {o[0]: n[0] for ends, o in olds.items() if len(o) == 1 and len(n := news.get(ends, [])) == 1}


def _between(graph: InstitutionalGraph, shown: GraphDiff, years: range, certainty: str) -> list[Change]:
    """Facts that hold in one of ``years`` but that neither side of ``shown`` holds (entities, then
    relationships)."""
    g = graph.graph
    seen_entities = {c.id for c in shown.changes if c.kind == "entity"} | set(shown.unchanged_entities)
    seen_relationships = {c.id for c in shown.changes if c.kind == "relationship"}
    seen_relationships |= set(shown.unchanged_relationships)
    label = f"neither {shown.old_label} nor {shown.new_label} shows it"
    out: list[Change] = []

    def held(data: Mapping[str, Any]) -> list[int]:
        # At "known" certainty only a fact's known years can hold (graph.model.holds): try those alone.
        candidates = years if certainty != KNOWN else [y for y in data.get(KNOWN_YEARS) or () if y in years]
        return [y for y in candidates if holds(y, data, certainty)]

    for n, data in g.nodes(data=True):
        if data.get("type") != "Document" and n not in seen_entities and (when := held(data)):
            out.append(_entity(g, n, BETWEEN, note=_years_note(when, label)))
    names = _names(g)
    for u, v, data in _edges(g):
        if data["type"] == MENTION:
            continue
        key = (u, data["type"], v, data.get("context"))
        if key not in seen_relationships and (when := held(data)):
            out.append(_relationship(key, data, BETWEEN, names, note=_years_note(when, label)))
    return out


# --- building the changes -------------------------------------------------------------------------------
def _changed_fields(old: Mapping[str, Any], new: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    return {k: (old.get(k), new.get(k)) for k in names if old.get(k) != new.get(k)}


def _names(g: nx.MultiDiGraph) -> dict[str, str]:
    return {n: str(d.get("name") or n) for n, d in g.nodes(data=True)}


def _document_names(g: nx.MultiDiGraph) -> dict[str, str]:
    return {
        n: str(d.get("file_name") or d.get("name") or n) for n, d in g.nodes(data=True) if d.get("type") == "Document"
    }


def _mentions(g: nx.MultiDiGraph, node: str) -> tuple[Mapping[str, Any], ...]:
    """Where an entity is named: its MENTIONED_IN lines, else its documents (no line known)."""
    found = [
        ev
        for keyed in g._adj[node].values()
        if MENTION in keyed  # a mention's key is its type: it has no context
        for ev in keyed[MENTION].get("evidence") or ()
    ]
    if found:
        return tuple(found)
    return tuple({"document": s, "lines": []} for s in g.nodes[node].get("sources") or ())


def _entity(g: nx.MultiDiGraph, node: str, status: str, fields: dict[str, Any] | None = None, note: str = "") -> Change:
    data = g.nodes[node]
    return Change(
        kind="entity",
        status=status,
        id=node,
        type=str(data["type"]),
        label=str(data.get("name") or node),
        start=data.get("start"),
        end=data.get("end"),
        fields=fields or {},
        evidence=_mentions(g, node),
        note=note,
    )


def _relationship(
    key: RelKey,
    data: Mapping[str, Any],
    status: str,
    names: Mapping[str, str],
    fields: dict[str, Any] | None = None,
    note: str = "",
) -> Change:
    source, rtype, target, context = key
    label = f"{names.get(source, source)} → {names.get(target, target)}"
    if context:
        label += f" (through {names.get(context, context)})"
    return Change(
        kind="relationship",
        status=status,
        id=key,
        type=rtype,
        label=label,
        start=data.get("start"),
        end=data.get("end"),
        confidence=data.get("confidence"),
        fields=fields or {},
        evidence=tuple(data.get("evidence") or ()),
        note=note,
    )


def _years_note(years: list[int], label: str) -> str:
    shown = ", ".join(str(y) for y in years[:5]) + (" …" if len(years) > 5 else "")
    return f"holds in {shown}; {label}"
