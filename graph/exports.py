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

The CSV export writes what :func:`graph.store.write.write_graph` would: the same labels, ids and
properties, encoded the same way (:mod:`graph.store.rows`), plus the store's derived ``MENTIONED_IN``
links in their own file; :func:`admin_import_arguments` gives the ``neo4j-admin database import full``
options to load it into an empty, stopped database.

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

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graph.collector import gc_paused
from graph.errors import InstgraphError
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.rows import (
    DERIVED_FLAG,
    DOCUMENT_LABEL,
    MENTION_TYPE,
    entity_rows,
    mention_rows,
    relationship_rows,
)

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


# --- CSV for neo4j-admin database import -------------------------------------------------------------
# Array delimiters tried in turn: the first that appears in no list item is used.
_ARRAY_DELIMITERS = (";", "|", "\x1f")


@dataclass
class AdminImportTables:
    """CSV files (name → rows, header first) and the options ``neo4j-admin database import`` needs."""

    files: dict[str, list[list[str]]] = field(default_factory=dict)
    nodes: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    array_delimiter: str = ";"
    multiline: bool = False


def _type_suffix(name: str, values: list[Any]) -> str:
    kinds = {type(v) for v in values if v is not None}
    if kinds <= {bool}:
        return ":boolean" if kinds else ""
    if kinds <= {int}:
        return ":long"
    if kinds <= {int, float}:
        return ":double"
    if kinds <= {str}:
        return ""
    if kinds <= {list}:
        items = {type(x) for v in values if v for x in v}
        if items <= {str}:
            return ":string[]"
        if items <= {int}:
            return ":long[]"
        if items <= {int, float}:
            return ":double[]"
    raise InstgraphError(f"CSV export: property {name!r} mixes types {sorted(k.__name__ for k in kinds)}")


def _cell(value: Any, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return delimiter.join(str(v) for v in value)
    return str(value)


def _table(head: list[str], rows: list[dict[str, Any]], delimiter: str) -> list[list[str]]:
    """``head`` holds the fixed leading columns (already in each row); property columns follow, typed."""
    names: dict[str, None] = {}
    for row in rows:
        for k in row:
            if k not in head:
                names[k] = None
    columns = sorted(names)
    header = list(head) + [c + _type_suffix(c, [r.get(c) for r in rows]) for c in columns]
    out = [header]
    for row in rows:
        out.append([_cell(row.get(c), delimiter) for c in (*head, *columns)])
    return out


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """A store row with its ``props`` spread out and empty list properties dropped."""
    flat = {k: v for k, v in row.items() if k != "props" and v is not None}
    flat.update(row.get("props", {}))
    return flat


def _head(columns: dict[str, str], rows: list[dict[str, Any]]) -> list[str]:
    """Rename a row's identity fields to the import tool's column names (in place)."""
    for row in rows:
        for old, new in columns.items():
            row[new] = row.pop(old)
    return list(columns.values())


def admin_import_tables(graph: InstitutionalGraph) -> AdminImportTables:
    """The graph as ``neo4j-admin database import`` CSV tables: one file per label and relationship type.

    Node files ``nodes_<Label>.csv`` have ``id:ID`` and ``:LABEL`` (type and group, e.g.
    ``Ministry;Actor``) then typed property columns (``start:long``, ``aliases:string[]``); relationship
    files ``relationships_<TYPE>.csv`` have ``:START_ID``, ``:END_ID``, ``:TYPE`` then properties; the
    derived mentions go to ``relationships_MENTIONED_IN_derived.csv``.
    """
    schema = graph.schema
    nodes, rels, mentions = entity_rows(graph), relationship_rows(graph), mention_rows(graph)
    list_items = [
        x
        for group in (nodes, rels, mentions)
        for rows in group.values()
        for row in rows
        for v in (*row.values(), *row.get("props", {}).values())
        if isinstance(v, list)
        for x in v
        if isinstance(x, str)
    ]
    delimiter = next((d for d in _ARRAY_DELIMITERS if not any(d in x for x in list_items)), None)
    if delimiter is None:
        raise InstgraphError("CSV export: every array delimiter candidate occurs inside a list value")
    tables = AdminImportTables(array_delimiter=delimiter)
    texts: list[str] = []
    for label, raw in sorted(nodes.items()):
        rows = [_flat(r) for r in raw]
        labels = delimiter.join(schema.node_type(label).labels)
        for row in rows:
            row[":LABEL"] = labels
        head = [*_head({"id": "id:ID"}, rows), ":LABEL"]
        name = f"nodes_{label}.csv"
        tables.files[name] = _table(head, rows, delimiter)
        tables.nodes.append(name)
    by_type: dict[str, list[dict[str, Any]]] = {}
    for (type_, _, _), raw in sorted(rels.items()):
        by_type.setdefault(type_, []).extend(_flat(r) for r in raw)
    derived = [_flat(r) for rows in mentions.values() for r in rows]
    for r in derived:
        r[DERIVED_FLAG] = True
        r["method"] = "derived"
    files = {f"relationships_{t}.csv": (t, rows) for t, rows in by_type.items()}
    if derived and DOCUMENT_LABEL in schema.node_types:
        files[f"relationships_{MENTION_TYPE}_derived.csv"] = (MENTION_TYPE, derived)
    for name, (type_, rows) in files.items():
        for row in rows:
            row[":TYPE"] = type_
        head = [*_head({"source": ":START_ID", "target": ":END_ID"}, rows), ":TYPE"]
        tables.files[name] = _table(head, rows, delimiter)
        tables.relationships.append(name)
    for table in tables.files.values():
        texts.extend(c for row in table for c in row)
    tables.multiline = any("\n" in t or "\r" in t for t in texts)
    return tables


def admin_import_arguments(tables: AdminImportTables, directory: Path) -> list[str]:
    """Options for ``neo4j-admin database import full <options> <database>`` over the written files."""
    delim = tables.array_delimiter
    args = [f"--nodes={directory / n}" for n in tables.nodes]
    args += [f"--relationships={directory / r}" for r in tables.relationships]
    args.append(f"--array-delimiter={delim if delim.isprintable() else f'U+{ord(delim):04X}'}")
    if tables.multiline:
        args.append("--multiline-fields=true")
    return args


def write_admin_import_csv(graph: InstitutionalGraph, directory: Path) -> list[str]:
    """Write the CSV tables into ``directory`` (created) and ``neo4j-admin-import.args`` with the import
    options (one per line; picocli reads it as ``@neo4j-admin-import.args``); returns the options."""
    directory.mkdir(parents=True, exist_ok=True)
    tables = admin_import_tables(graph)
    for name, rows in tables.files.items():
        with open(directory / name, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
    args = admin_import_arguments(tables, directory.resolve())
    (directory / "neo4j-admin-import.args").write_text("\n".join(args) + "\n", encoding="utf-8")
    return args


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
