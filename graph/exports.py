"""Exports of the model: GEXF (with time spells for Gephi's timeline), GraphML, node-link JSON, and CSV
in the ``neo4j-admin database import`` format.

Each format has a pure generator (``generate_*`` yields text, or :func:`admin_import_tables` returns
rows) and a thin ``write_*`` that only opens files. None of them changes the graph it is given.

GEXF and GraphML accept only scalar attributes, so both go through :func:`sanitised`, the one step
that makes a copy they can write: ``None`` values are left out, lists and maps become JSON text
(``aliases`` → ``'["MSS", "중소벤처기업부@ko"]'``, decode with ``json.loads``), float-typed schema
properties are always floats. In GEXF the years become each node's and edge's time interval
(``<node start="2005" end="2008">``, a missing bound is open; the graph is ``mode="dynamic"`` with
``timeformat="long"``), which Gephi's timeline filters on — the one-interval form of a spell, chosen
because networkx cannot read back a spell with an open end. Node labels are names, edge labels
relationship types and nodes carry their schema colour; the relationship type is the attribute
``relationship`` because GEXF reserves an edge's ``type`` for directed/undirected. Node-link JSON is
lossless (``InstitutionalGraph.read_json`` reads it back equal).

The CSV export (:mod:`graph.store.admin_csv`) writes what :func:`graph.store.write.write_graph` would:
the same labels, ids and properties, encoded the same way (:mod:`graph.store.rows`), plus the store's
derived ``MENTIONED_IN`` links in their own file; :func:`admin_import_arguments` gives the
``neo4j-admin database import full`` options to load it into an empty, stopped database.

>>> from graph.model import Entity, Relationship
>>> from graph.model.institutional_graph import InstitutionalGraph
>>> g = InstitutionalGraph()
>>> a = g.add_entity(Entity(type="Agency", name="Old Office", aliases=("OO",), end=2016))
>>> b = g.add_entity(Entity(type="Ministry", name="New Ministry", start=2017))
>>> _ = g.add_relationship(Relationship(type="SUCCEEDED_BY", source=a.id, target=b.id, start=2017))
>>> sanitised(g).nodes["agency:old-office"]["aliases"]
'["OO"]'
>>> tables = admin_import_tables(g)
>>> tables.files["nodes_Agency.csv"][0][:4]
['id:ID', ':LABEL', 'aliases:string[]', 'end:long']
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from graph.collector import gc_paused
from graph.errors import InstgraphError
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.admin_csv import (  # the CSV export lives with the store whose encoding it shares
    AdminImportTables,
    admin_import_arguments,
    admin_import_tables,
    write_admin_import_csv,
)

__all__ = [
    "FORMATS", "AdminImportTables", "admin_import_arguments", "admin_import_tables", "export_graph",
    "generate_gexf", "generate_graphml", "generate_node_link", "sanitised", "write_admin_import_csv",
    "write_gexf", "write_graphml", "write_node_link",
]  # fmt: skip

FORMATS = ("gexf", "graphml", "json", "csv")


# --- the one sanitising step -------------------------------------------------------------------------
def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, dict))
    return value


def _hex_rgb(color: str) -> dict[str, int]:
    c = color.lstrip("#")
    return {"r": int(c[0:2], 16), "g": int(c[2:4], 16), "b": int(c[4:6], 16)}


def sanitised(graph: InstitutionalGraph, *, gexf: bool = False) -> nx.MultiDiGraph:
    """A copy of the model whose attributes networkx's XML writers accept (see the module docstring).

    With ``gexf=True`` the copy also carries GEXF's conventions: ``label`` and ``viz`` colours, and the
    relationship type under ``relationship``; ``start``/``end`` stay, and networkx writes them as the
    element's own ``start``/``end`` (one time interval, open where unknown) in a dynamic graph.
    """
    schema = graph.schema
    floats = {n for n, p in schema.relationship_properties.items() if p.type == "float"}
    floats |= {n for n, p in schema.entity_properties.items() if p.type == "float"}
    out = nx.MultiDiGraph()
    for node, data in graph.graph.nodes(data=True):
        attrs = {k: _scalar(float(v) if k in floats else v) for k, v in data.items() if v is not None}
        if gexf:
            attrs["label"] = data.get("name", node)
            nt = schema.node_types.get(data["type"])
            if nt is not None:
                attrs["viz"] = {"color": {**_hex_rgb(nt.color), "a": 1.0}}
        out.add_node(node, **attrs)
    for u, v, key, data in graph.graph.edges(keys=True, data=True):
        attrs = {k: _scalar(float(x) if k in floats else x) for k, x in data.items() if x is not None}
        if gexf:
            attrs["relationship"] = attrs.pop("type")
            attrs["label"] = attrs["relationship"]
        else:
            attrs["edge_key"] = key
        out.add_edge(u, v, key=key, **attrs)
    return out


# --- GEXF, GraphML, node-link JSON ---------------------------------------------------------------------
def generate_gexf(graph: InstitutionalGraph) -> Iterator[str]:
    """GEXF 1.2 lines; dated nodes and edges carry start/end, so Gephi's timeline filters them by year."""
    yield from nx.generate_gexf(sanitised(graph, gexf=True), version="1.2draft")


def generate_graphml(graph: InstitutionalGraph) -> Iterator[str]:
    """GraphML lines; each edge's id is the relationship id, its model key the attribute ``edge_key``."""
    yield from nx.generate_graphml(sanitised(graph), edge_id_from_attribute="id")


def generate_node_link(graph: InstitutionalGraph) -> Iterator[str]:
    """Node-link JSON (networkx's ``node_link_data`` with ``edges``), lossless."""
    yield json.dumps(graph.to_node_link(), ensure_ascii=False, indent=1, sort_keys=True)


def _write_lines(lines: Iterator[str], path: Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for line in lines:
            fh.write(line)
            fh.write("\n")
    return path


def write_gexf(graph: InstitutionalGraph, path: Path) -> Path:
    return _write_lines(generate_gexf(graph), path)


def write_graphml(graph: InstitutionalGraph, path: Path) -> Path:
    return _write_lines(generate_graphml(graph), path)


def write_node_link(graph: InstitutionalGraph, path: Path) -> Path:
    return _write_lines(generate_node_link(graph), path)


def export_graph(graph: InstitutionalGraph, fmt: str, path: Path) -> Path:
    """Write ``graph`` as ``fmt`` (one of :data:`FORMATS`) to ``path`` (a directory for ``csv``).

    The graph is written with its time properties (:meth:`InstitutionalGraph.dated`): stated ``start`` and
    ``end`` beside the derived ``known_years``, ``derived_years``/``derived_rules`` and bounds, so an export
    never shows a derived year as stated.
    """
    graph = graph.dated()
    with gc_paused():  # the exports build millions of short-lived rows; see gc_paused
        return _export(graph, fmt, path)


def _export(graph: InstitutionalGraph, fmt: str, path: Path) -> Path:
    if fmt == "gexf":
        return write_gexf(graph, path)
    if fmt == "graphml":
        return write_graphml(graph, path)
    if fmt == "json":
        return write_node_link(graph, path)
    if fmt == "csv":
        write_admin_import_csv(graph, path)
        return path
    raise InstgraphError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
