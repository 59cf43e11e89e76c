"""The merge rule between curated and extracted facts: curated values win, evidence accumulates.

>>> from graph.model import Entity
>>> curated, extracted = InstitutionalGraph(), InstitutionalGraph()
>>> _ = curated.add_entity(Entity(type="Ministry", name="M", start=2017))
>>> _ = extracted.add_entity(Entity(type="Ministry", name="M", start=2016))
>>> merge_extracted(curated, extracted)
['M: years 2016–? extracted, 2017–? curated; kept curated']
>>> curated.graph.nodes["ministry:m"]["start"]
2017
"""

from __future__ import annotations

from dataclasses import replace

from graph.model.institutional_graph import InstitutionalGraph

__all__ = ["merge_extracted"]


def merge_extracted(graph: InstitutionalGraph, extracted: InstitutionalGraph) -> list[str]:
    """Merge extracted facts into the curated graph; the curated values win. Returns the conflicts.

    A conflict is an entity or relationship both sides hold whose years differ (the extracted years are
    dropped, their evidence kept), or an extracted entity whose type differs from the curated one with
    the same name (the extracted entity is left out).
    """
    conflicts: list[str] = []
    skipped: set[str] = set()
    for e in extracted.entities():
        held = graph.graph.nodes.get(e.id)
        if held is None:
            same_name = [c for c in graph.find(e.name) if c.type != e.type and e.type != "Document"]
            if same_name:
                conflicts.append(f"{e.name}: extracted as {e.type}, curated as {same_name[0].type}; kept curated")
                skipped.add(e.id)
                continue
        elif (held.get("start"), held.get("end")) != (e.start, e.end) and (e.start, e.end) != (None, None):
            conflicts.append(
                f"{e.name}: years {_span(e.start, e.end)} extracted, {_span(held.get('start'), held.get('end'))} "
                "curated; kept curated"
            )
            e = replace(e, start=held.get("start"), end=held.get("end"))
        graph.add_entity(e)
    for r in extracted.relationships():
        if r.source in skipped or r.target in skipped:
            continue
        held_edge = graph.graph.get_edge_data(r.source, r.target, r.key)
        if held_edge is not None and (r.start, r.end) != (None, None) and (
            (held_edge.get("start"), held_edge.get("end")) != (r.start, r.end)
        ):
            conflicts.append(
                f"{r.type} {graph.graph.nodes[r.source]['name']} -> {graph.graph.nodes[r.target]['name']}: "
                f"years {_span(r.start, r.end)} extracted, {_span(held_edge.get('start'), held_edge.get('end'))} "
                "curated; kept curated"
            )
            r = replace(r, start=held_edge.get("start"), end=held_edge.get("end"))
        graph.add_relationship(r)
    return conflicts


def _span(start: int | None, end: int | None) -> str:
    return f"{start if start is not None else '?'}–{end if end is not None else '?'}"
