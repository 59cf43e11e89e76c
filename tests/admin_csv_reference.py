"""The neo4j-admin CSV export as it was before it was rewritten to stream (row dicts, then tables): the
reference the streaming export must match byte for byte (tests/test_admin_csv.py)."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import InstgraphError
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.rows import (
    DERIVED_FLAG,
    DOCUMENT_LABEL,
    MENTION_TYPE,
    PropertyCodec,
    RelationshipGroup,
    _storable,
    citation_json,
    codec,
    dumps,
    entity_rows,
    lookup_label,
    property_name,
    relationship_groups,
    relationship_id,
)


def _old_relationship_row(source: str, target: str, data: dict[str, Any], rules: PropertyCodec) -> dict[str, Any]:
    """``relationship_row`` as it was: one relationship as a map, ``None`` values left out."""
    rel_id = data.get("id") or relationship_id(data["type"], source, target, data.get("context"))
    props: dict[str, Any] = {}
    row: dict[str, Any] = {"source": source, "target": target, "id": rel_id, "props": props}
    owner = source  # named in errors only; see _storable
    for name, value in data.items():
        if name in ("type", "id") or value is None or name in rules.relationship_lists:
            continue
        if name in rules.relationship_maps:
            if value:
                props[name] = dumps(dict(value))
            continue
        props[name if name in rules.relationship_defaults else property_name(name)] = _storable(owner, name, value)
    for name in rules.relationship_lists:
        value = data.get(name)
        if not value:
            row[name] = None
        elif name in rules.relationship_json_lists:
            row[name] = [citation_json(v) for v in value]
        else:
            row[name] = [_storable(owner, name, v) for v in value]
    return row


def _old_relationship_rows(graph: InstitutionalGraph) -> dict[RelationshipGroup, list[dict[str, Any]]]:
    """``relationship_rows`` as it was (the load now builds list rows, graph/store/create_rows.py)."""
    rules = codec(graph.schema)
    return {
        group: [_old_relationship_row(u, v, data, rules) for u, v, data in edges]
        for group, edges in relationship_groups(graph).items()
    }


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def _old_mention_rows(graph: InstitutionalGraph) -> dict[str, list[dict[str, Any]]]:
    """``mention_rows`` as it was (a call per citation)."""
    schema = graph.schema
    if MENTION_TYPE not in schema.relationship_types or DOCUMENT_LABEL not in schema.node_types:
        return {}
    spec = schema.relationship_type(MENTION_TYPE)
    g = graph.graph
    types = dict(g.nodes(data="type"))
    documents = {n for n, t in types.items() if t == DOCUMENT_LABEL}
    if not documents:
        return {}
    mentionable = {n for n, t in types.items() if t in spec.sources}
    linked = {(u, v) for u, v, t in g.edges(data="type") if t == MENTION_TYPE}
    lines: dict[tuple[str, str], dict[str, None]] = {}
    spans_cache: dict[tuple[Any, Any], str] = {}

    def note(entity: str, doc: str, span: str | None) -> None:
        if doc not in documents or entity not in mentionable:
            return
        pair = (entity, doc)
        spans = lines.get(pair)
        if spans is None:
            if pair in linked:
                return
            spans = lines[pair] = {}
        if span is not None:
            spans[span] = None

    for node, data in g.nodes(data=True):
        for doc in data.get("sources") or ():
            note(node, doc, None)
    for u, v, data in g.edges(data=True):
        if data["type"] == MENTION_TYPE:
            continue
        for ev in data.get("evidence") or ():
            first, last = ev["lines"]
            span = spans_cache.get((first, last))
            if span is None:
                span = spans_cache[(first, last)] = _span(int(first), int(last))
            doc = ev["document"]
            note(u, doc, span)
            note(v, doc, span)
        for doc in data.get("sources") or ():
            note(u, doc, None)
            note(v, doc, None)
    look = {label: lookup_label(schema, label) for label in {types[e] for e, _ in lines}}
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (entity, doc), spans in lines.items():
        out[look[types[entity]]].append(
            {
                "source": entity,
                "target": doc,
                "id": "mention:" + relationship_id(MENTION_TYPE, entity, doc, None),
                "lines": list(spans) or None,
            }
        )
    return dict(out)



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
    nodes, rels, mentions = entity_rows(graph), _old_relationship_rows(graph), _old_mention_rows(graph)
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
