"""A diff (:mod:`graph.model.diff`) as text: a one-line summary, rows for the one table formatter
(:mod:`viz.tables`), JSON for programs, and citations as a person reads them (``deck.txt:36-37``).

>>> from graph.model import Entity, Evidence, InstitutionalGraph, Relationship
>>> from graph.model.diff import diff_graphs
>>> old, new = InstitutionalGraph(), InstitutionalGraph()
>>> for g in (old, new):
...     d = g.add_entity(Entity(type="Document", id="document:" + "ab" * 8, name="Deck",
...                             extra=(("file_name", "deck.txt"),)))
...     a = g.add_entity(Entity(type="Agency", name="Office"))
...     p = g.add_entity(Entity(type="Programme", name="Grants"))
>>> _ = new.add_relationship(Relationship(type="IMPLEMENTS", source=a.id, target=p.id, start=2019,
...                                       evidence=(Evidence(d.id, 36, 37, "…"),)))
>>> diff = diff_graphs(old, new, "2018 build", "2019 build")
>>> summary(diff)
'2018 build → 2019 build: entities: no change (3 unchanged); relationships: 1 added (0 unchanged)'
>>> [(r["change"], r["fact"], r["years"], r["evidence"]) for r in rows(diff)]
[('added', 'Office → Grants', '2019-', 'deck.txt:36-37')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph.model.diff import STATUSES, UNCHANGED, GraphDiff

_KEY_PARTS = ("source", "type", "target", "context")  # a relationship's identity, as JSON names it


def summary(diff: GraphDiff) -> str:
    """One line: how many entities and relationships were added, removed, changed or happened between."""
    counts = diff.counts()
    parts = []
    for kind, plural in (("entity", "entities"), ("relationship", "relationships")):
        shown = [f"{counts[kind][s]} {s}" for s in STATUSES if counts[kind][s] and s != UNCHANGED]
        parts.append(f"{plural}: {', '.join(shown) or 'no change'} ({counts[kind][UNCHANGED]} unchanged)")
    return f"{diff.old_label} → {diff.new_label}: " + "; ".join(parts)


def rows(diff: GraphDiff, max_citations: int = 3) -> list[dict[str, Any]]:
    """One row per change: what changed, its years, what differs and where it is cited."""
    return [
        {
            "change": c.status,
            "kind": c.kind,
            "type": c.type,
            "fact": c.label,
            "years": span(c.start, c.end),
            "confidence": c.confidence,
            "detail": "; ".join([*changed_fields(c.fields), *([c.note] if c.note else [])]),
            "evidence": cites(diff, c.evidence, max_citations),
        }
        for c in diff.changes
    ]


def to_json(diff: GraphDiff) -> dict[str, Any]:
    """Everything, for programs: the two sides, the counts, and each change with its full evidence."""
    return {
        "old": diff.old_label,
        "new": diff.new_label,
        "counts": diff.counts(),
        "changes": [
            {
                "change": c.status,
                "kind": c.kind,
                "type": c.type,
                "id": c.id if isinstance(c.id, str) else dict(zip(_KEY_PARTS, c.id, strict=True)),
                "fact": c.label,
                "start": c.start,
                "end": c.end,
                "confidence": c.confidence,
                "fields": {k: {"old": o, "new": n} for k, (o, n) in c.fields.items()},
                "note": c.note or None,
                "evidence": [{**ev, "cited": cite(diff, ev)} for ev in c.evidence],
            }
            for c in diff.changes
        ],
    }


def changed_fields(fields: Mapping[str, tuple[Any, Any]]) -> list[str]:
    """``start: 2005 → 2006`` per changed property (``unknown`` for a missing value)."""
    return [f"{k}: {_text(old)} → {_text(new)}" for k, (old, new) in fields.items()]


def cites(diff: GraphDiff, evidence: Iterable[Mapping[str, Any]], limit: int = 3) -> str:
    """Citations grouped by document: ``deck.txt:82-83, 89-90 +2 more``."""
    items = list(evidence)
    by_document: dict[str, list[str]] = {}
    for ev in items[:limit]:
        name, lines = _where(diff, ev)
        by_document.setdefault(name, [])
        if lines:
            by_document[name].append(lines)
    text = "; ".join(f"{name}:{', '.join(lines)}" if lines else name for name, lines in by_document.items())
    return text + (f" +{len(items) - limit} more" if len(items) > limit else "")


def cite(diff: GraphDiff, evidence: Mapping[str, Any]) -> str:
    """One citation: ``file.txt:36-37`` (the file alone when no line is kept)."""
    name, lines = _where(diff, evidence)
    return f"{name}:{lines}" if lines else name


def span(start: int | None, end: int | None) -> str:
    """Years as a table shows them: ``2005-2008``, ``2017-``, ``-2016``, or nothing when unknown."""
    if start is None and end is None:
        return ""
    return str(start) if start == end else f"{'' if start is None else start}-{'' if end is None else end}"


def _where(diff: GraphDiff, evidence: Mapping[str, Any]) -> tuple[str, str]:
    document = str(evidence.get("document"))
    name = diff.documents.get(document, document)
    lines = list(evidence.get("lines") or ())
    if not lines:  # an entity of a curated dataset: its document is known, its lines are not kept
        return name, ""
    first, last = lines[0], lines[-1]
    return name, str(first) if first == last else f"{first}-{last}"


def _text(value: Any) -> str:
    return "unknown" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
