"""The graph as CSV for ``neo4j-admin database import full``, written column by column.

The files hold what :func:`graph.store.write.write_graph` would store: the same labels, ids and
properties, encoded the same way (:mod:`graph.store.rows`), plus the store's derived ``MENTIONED_IN``
links in their own file. Node files ``nodes_<Label>.csv`` have ``id:ID`` and ``:LABEL`` (type and group,
e.g. ``Ministry;Actor``) then typed property columns (``start:long``, ``aliases:string[]``); relationship
files ``relationships_<TYPE>.csv`` have ``:START_ID``, ``:END_ID``, ``:TYPE`` then properties; the
derived mentions go to ``relationships_MENTIONED_IN_derived.csv``.

A table is built a column at a time (one list of values per property, no dict per row), its header typed
from the whole column, and handed to :mod:`csv` as ``zip(*columns)``: a million relationships are written
in seconds. Arrays are joined with ``;`` unless an item holds one; the write then notes which of the
candidate delimiters occur in items and, if ``;`` does, writes everything again with the first free one.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from graph.errors import InstgraphError
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.rows import (
    DERIVED_FLAG,
    DOCUMENT_LABEL,
    MENTION_TYPE,
    PropertyCodec,
    _storable,
    citation_json,
    codec,
    dumps,
    lookup_label,
    mention_id,
    mention_spans,
    property_name,
    relationship_id,
)

# Array delimiters tried in turn: the first that appears in no list item is used.
ARRAY_DELIMITERS = (";", "|", "\x1f")
ARGS_FILE = "neo4j-admin-import.args"
_ITEM_TYPES = frozenset((str, int, float, bool))
_PRIMITIVE_TYPES = _ITEM_TYPES | {type(None)}


@dataclass
class AdminImportTables:
    """CSV files (name → rows, header first) and the options ``neo4j-admin database import`` needs."""

    files: dict[str, list[list[str]]] = field(default_factory=dict)
    nodes: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    array_delimiter: str = ";"
    multiline: bool = False


@dataclass
class _Findings:
    """What a pass saw: candidate delimiters inside list items, and line breaks inside cells."""

    in_items: set[str] = field(default_factory=set)
    multiline: bool = False


@dataclass
class _Table:
    name: str
    header: list[str]
    columns: list[Sequence[Any]]  # one per header column, all the same length (a repeat for constant ones)

    def rows(self) -> Iterator[tuple[Any, ...]]:
        """The rows as :mod:`csv` takes them (``None`` is an empty cell)."""
        return zip(*self.columns, strict=True)


# --- one property column ---------------------------------------------------------------------------------
def _type_suffix(name: str, values: Sequence[Any]) -> str:
    kinds = set(map(type, values)) - {type(None)}
    if kinds <= {bool}:
        return ":boolean" if kinds else ""
    if kinds <= {int}:
        return ":long"
    if kinds <= {int, float}:
        return ":double"
    if kinds <= {str}:
        return ""
    if kinds <= {list}:
        items = set(map(type, chain.from_iterable(filter(None, values))))
        if items <= {str}:
            return ":string[]"
        if items <= {int}:
            return ":long[]"
        if items <= {int, float}:
            return ":double[]"
    raise InstgraphError(f"CSV export: property {name!r} mixes types {sorted(k.__name__ for k in kinds)}")


class _Joined(list[Any]):
    """A string-array column already joined with :data:`JOINER` (one cell per row); ``items`` counts
    the joins made, so they can be told from delimiters inside items."""

    def __init__(self, cells: list[str | None], joins: int) -> None:
        super().__init__(cells)
        self.joins = joins


# JSON text never holds a raw U+001F (it is escaped), so cells are joined with it first and the
# delimiter swapped in afterwards.
JOINER = "\x1f"


def _encode_citations(citations: Sequence[Any]) -> str:
    return JOINER.join(map(citation_json, citations))


def _stored(name: str, raw: list[Any], rules: _Rules, owners: Sequence[str]) -> list[Any]:
    """The values :mod:`graph.store.rows` would store for one property (``None``: absent)."""
    if name in rules.lists:
        if name in rules.json_lists:
            filled = list(filter(None, raw))
            cells = [None if not v else _encode_citations(v) for v in raw]
            return _Joined(cells, sum(map(len, filled)) - len(filled))
        items = set(map(type, chain.from_iterable(filter(None, raw))))
        if items <= _ITEM_TYPES:
            return [list(v) if v else None for v in raw]
        return [[_storable(o, name, x) for x in v] if v else None for o, v in zip(owners, raw, strict=True)]
    if name in rules.maps:
        return [dumps(dict(v)) if v else None for v in raw]
    if name not in rules.known:
        property_name(name)
    kinds = set(map(type, raw))
    if kinds <= _PRIMITIVE_TYPES:
        return raw
    if kinds <= _PRIMITIVE_TYPES | {list, tuple}:  # list-valued time properties (known_years, ...)
        items = {type(x) for v in raw if type(v) in (list, tuple) for x in v}
        if items <= {str} or items <= {int, float}:  # so each list holds one type, as Neo4j needs
            return [list(v) if type(v) is tuple else v for v in raw] if tuple in kinds else raw
    return [None if v is None else _storable(o, name, v) for o, v in zip(owners, raw, strict=True)]


def _check_items(cells: Sequence[str | None], delimiter: str, joins: int, found: _Findings) -> None:
    """Note the candidate delimiters found inside items (beyond the ``joins`` put between them), and
    line breaks."""
    filled = list(filter(None, cells))
    blob = "\n".join(filled)
    for candidate in ARRAY_DELIMITERS:
        if blob.count(candidate) > (joins if candidate == delimiter else 0):
            found.in_items.add(candidate)
    found.multiline |= blob.count("\n") > max(0, len(filled) - 1) or "\r" in blob


def _rejoined(column: _Joined, delimiter: str, found: _Findings) -> list[str | None]:
    """A :class:`_Joined` column with ``delimiter`` between items (checked as :func:`_check_items` does)."""
    _check_items(column, JOINER, column.joins, found)
    if delimiter == JOINER:
        return list(column)
    return [None if c is None else c.replace(JOINER, delimiter) for c in column]


def _cells(name: str, values: list[Any], delimiter: str, found: _Findings) -> tuple[str, Sequence[Any]]:
    """The typed header and the cells of one column; notes delimiters inside items and line breaks."""
    if isinstance(values, _Joined):
        return name + ":string[]", _rejoined(values, delimiter, found)
    suffix = _type_suffix(name, values)
    if suffix == ":boolean":
        return name + suffix, [None if v is None else "true" if v else "false" for v in values]
    if suffix.endswith("[]"):
        lists = [v for v in values if v is not None]
        cells = [None if v is None else delimiter.join(map(str, v)) for v in values]
        if suffix == ":string[]":
            _check_items(cells, delimiter, sum(len(v) - 1 for v in lists if v), found)
        return name + suffix, cells
    if suffix == "":
        blob = "\0".join(filter(None, values))
        found.multiline |= "\n" in blob or "\r" in blob
    return name + suffix, values


@dataclass(frozen=True)
class _Rules:
    lists: tuple[str, ...]
    json_lists: tuple[str, ...]
    maps: tuple[str, ...]
    known: frozenset[str]


def _entity_rules(rules: PropertyCodec) -> _Rules:
    return _Rules(rules.entity_lists, (), rules.entity_maps, frozenset(rules.entity_defaults))


def _relationship_rules(rules: PropertyCodec) -> _Rules:
    return _Rules(
        rules.relationship_lists, rules.relationship_json_lists, rules.relationship_maps,
        frozenset(rules.relationship_defaults),
    )  # fmt: skip


def _property_columns(
    datas: list[dict[str, Any]], rules: _Rules, owners: Sequence[str], skip: Iterable[str]
) -> dict[str, list[Any]]:
    """Every property some row stores, as a column of stored values (``None``: absent in that row)."""
    names = set().union(*datas) - set(skip)
    out: dict[str, list[Any]] = {}
    for name in names:
        raw = list(map(dict.get, datas, repeat(name)))  # d.get(name) for every row, in a C loop
        values = _stored(name, raw, rules, owners)
        if any(v is not None for v in values):
            out[name] = values
    return out


def _table(name: str, head: dict[str, Sequence[Any]], props: dict[str, list[Any]], delimiter: str,
           found: _Findings) -> _Table:  # fmt: skip
    """``head``: the fixed leading columns (header → cells); property columns follow, sorted and typed."""
    header, columns = list(head), list(head.values())
    for cells in columns:
        if isinstance(cells, list):  # ids
            blob = "\0".join(cells)
            found.multiline |= "\n" in blob or "\r" in blob
    for prop in sorted(props):
        title, cells = _cells(prop, props[prop], delimiter, found)
        header.append(title)
        columns.append(cells)
    found.multiline |= any("\n" in h or "\r" in h for h in header)
    return _Table(name, header, columns)


# --- the tables of a graph -------------------------------------------------------------------------------
def _node_tables(graph: InstitutionalGraph, rules: PropertyCodec, delimiter: str, found: _Findings
                 ) -> Iterator[_Table]:  # fmt: skip
    schema = graph.schema
    by_label: dict[str, tuple[list[str], list[dict[str, Any]]]] = {}
    for node_id, data in graph.graph.nodes(data=True):
        ids, datas = by_label.setdefault(schema.node_type(data["type"]).label, ([], []))
        ids.append(node_id)
        datas.append(data)
    for label in sorted(by_label):
        ids, datas = by_label.pop(label)
        labels = delimiter.join(schema.node_type(label).labels)
        props = _property_columns(datas, _entity_rules(rules), ids, ("type", "id"))
        head = {"id:ID": ids, ":LABEL": repeat(labels, len(ids))}
        yield _table(f"nodes_{label}.csv", head, props, delimiter, found)  # type: ignore[arg-type]


def _edge_groups(graph: InstitutionalGraph) -> dict[str, tuple[list[str], list[str], list[dict[str, Any]]]]:
    """Relationships by type as ``(starts, ends, attributes)``, in the order of ``relationship_rows``:
    grouped by (type, start look-up label, end look-up label), sorted, edges in graph order within."""
    schema = graph.schema
    types = dict(graph.graph.nodes(data="type"))
    look = {label: lookup_label(schema, label) for label in set(types.values())}
    groups: dict[tuple[str, str, str], tuple[list[str], list[str], list[dict[str, Any]]]] = {}
    for u, nbrs in graph.graph._adj.items():  # edges(data=True) without its generator step per edge
        u_look = look[types[u]]
        for v, keyed in nbrs.items():
            v_look = look[types[v]]
            for data in keyed.values():
                group = groups.get(key := (data["type"], u_look, v_look))
                if group is None:
                    group = groups[key] = ([], [], [])
                group[0].append(u)
                group[1].append(v)
                group[2].append(data)
    by_type: dict[str, tuple[list[str], list[str], list[dict[str, Any]]]] = {}
    for key in sorted(groups):
        schema.check_relationship_type(key[0])
        starts, ends, datas = groups.pop(key)
        if key[0] in by_type:
            all_starts, all_ends, all_datas = by_type[key[0]]
            all_starts += starts
            all_ends += ends
            all_datas += datas
        else:
            by_type[key[0]] = (starts, ends, datas)
    return by_type


def _relationship_tables(graph: InstitutionalGraph, rules: PropertyCodec, delimiter: str, found: _Findings
                         ) -> Iterator[_Table]:  # fmt: skip
    by_type = _edge_groups(graph)
    for type_ in list(by_type):
        starts, ends, datas = by_type.pop(type_)
        props = _property_columns(datas, _relationship_rules(rules), starts, ("type", "id"))
        props["id"] = [d.get("id") or relationship_id(d["type"], u, v, d.get("context"))
                       for u, v, d in zip(starts, ends, datas, strict=True)]  # fmt: skip
        head = {":START_ID": starts, ":END_ID": ends, ":TYPE": repeat(type_, len(starts))}
        yield _table(f"relationships_{type_}.csv", head, props, delimiter, found)  # type: ignore[arg-type]
    if DOCUMENT_LABEL in graph.schema.node_types:
        table = _mention_table(graph, delimiter)
        if table is not None:
            yield table


def _mention_table(graph: InstitutionalGraph, delimiter: str) -> _Table | None:
    """The derived ``MENTIONED_IN`` links in :func:`~graph.store.rows.mention_rows`' order (grouped by
    the entity's look-up label, each group in the order first seen). Their ids and line spans hold no
    delimiter or line break, so nothing is checked."""
    spans, types = mention_spans(graph)
    if not spans:
        return None
    look = {t: lookup_label(graph.schema, t) for t in set(types.values())}
    groups: dict[str, list[tuple[str, str]]] = {}
    for pair in spans:
        groups.setdefault(look[types[pair[0]]], []).append(pair)
    pairs = list(chain.from_iterable(groups.values()))
    starts, ends = list(map(itemgetter(0), pairs)), list(map(itemgetter(1), pairs))
    lines = [delimiter.join(found) or None for found in map(spans.__getitem__, pairs)]
    header = [":START_ID", ":END_ID", ":TYPE", f"{DERIVED_FLAG}:boolean", "id", "method"]
    n = len(pairs)
    columns: list[Sequence[Any]] = [starts, ends, repeat(MENTION_TYPE, n), repeat("true", n),  # type: ignore[list-item]
                                    list(map(mention_id, starts, ends)), repeat("derived", n)]  # type: ignore[list-item]
    if any(lines):
        header.insert(5, "lines:string[]")
        columns.insert(5, lines)
    return _Table(f"relationships_{MENTION_TYPE}_derived.csv", header, columns)


def _tables(graph: InstitutionalGraph, delimiter: str, found: _Findings) -> Iterator[tuple[str, _Table]]:
    """``("nodes" | "relationships", table)`` for every file, built one at a time."""
    rules = codec(graph.schema)
    for table in _node_tables(graph, rules, delimiter, found):
        yield "nodes", table
    for table in _relationship_tables(graph, rules, delimiter, found):
        yield "relationships", table


# --- writing -----------------------------------------------------------------------------------------------
def _write_pass(graph: InstitutionalGraph, directory: Path, delimiter: str) -> tuple[AdminImportTables, _Findings]:
    found = _Findings()
    tables = AdminImportTables(array_delimiter=delimiter)
    for kind, table in _tables(graph, delimiter, found):
        with open(directory / table.name, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(table.header)
            writer.writerows(table.rows())
        getattr(tables, kind).append(table.name)
    tables.multiline = found.multiline
    return tables, found


def _free_delimiter(found: _Findings) -> str:
    for candidate in ARRAY_DELIMITERS:
        if candidate not in found.in_items:
            return candidate
    raise InstgraphError("CSV export: every array delimiter candidate occurs inside a list value")


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
    """Write the CSV files into ``directory`` (created) and :data:`ARGS_FILE` with the import options (one
    per line; picocli reads it as ``@neo4j-admin-import.args``); returns the options."""
    directory.mkdir(parents=True, exist_ok=True)
    tables, found = _write_pass(graph, directory, ARRAY_DELIMITERS[0])
    delimiter = _free_delimiter(found)
    if delimiter != tables.array_delimiter:
        tables, _ = _write_pass(graph, directory, delimiter)
    args = admin_import_arguments(tables, directory.resolve())
    (directory / ARGS_FILE).write_text("\n".join(args) + "\n", encoding="utf-8")
    return args


def admin_import_tables(graph: InstitutionalGraph) -> AdminImportTables:
    """The files :func:`write_admin_import_csv` writes, in memory (name → rows of cells, header first)."""
    for delimiter in ARRAY_DELIMITERS:
        found = _Findings()
        tables = AdminImportTables(array_delimiter=delimiter)
        for kind, table in _tables(graph, delimiter, found):
            rows = [["" if c is None else str(c) for c in row] for row in table.rows()]
            tables.files[table.name] = [table.header, *rows]
            getattr(tables, kind).append(table.name)
        tables.multiline = found.multiline
        if _free_delimiter(found) == delimiter:
            return tables
    raise InstgraphError("CSV export: every array delimiter candidate occurs inside a list value")
