"""The graph as CSV for ``neo4j-admin database import full``, written column by column.

The files hold what :func:`graph.store.write.write_graph` would store: the same labels, ids and
properties, encoded the same way (:mod:`graph.store.rows`), plus the store's derived ``MENTIONED_IN``
links in their own file. Node files ``nodes_<Label>.csv`` have ``id:ID`` and ``:LABEL`` (type and group,
e.g. ``Ministry;Actor``) then typed property columns (``start:long``, ``aliases:string[]``); relationship
files ``relationships_<TYPE>.csv`` have ``:START_ID``, ``:END_ID``, ``:TYPE`` then properties; the
derived mentions go to ``relationships_MENTIONED_IN_derived.csv``.

A table is built a column at a time (:mod:`graph.store.csv_cells`): each property is read from all
the rows at once, in the order their attribute dicts sit in memory, split into tables with one
``itemgetter`` call each, and turned into a list of cell texts by C-level passes. Rows are then
``",".join`` of the cells, written in chunks; the files are what :mod:`csv` would write. Arrays are
joined with ``;`` unless an item holds one; the write then notes which of the candidate delimiters occur
in items and, if ``;`` does, writes everything again with the first free one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, TextIO, cast

from graph.errors import InstgraphError
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.csv_cells import ARRAY_DELIMITERS, NONE, Column, Findings, checked, column, csv_cell, csv_cells
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

ARGS_FILE = "neo4j-admin-import.args"
_ITEM_TYPES = frozenset((str, int, float, bool))
_PRIMITIVE_TYPES = _ITEM_TYPES | {NONE}
_ROWS_PER_WRITE = 50_000  # rows joined into one text per write: few calls, bounded memory


@dataclass
class AdminImportTables:
    """CSV files (name → rows, header first) and the options ``neo4j-admin database import`` needs."""

    files: dict[str, list[list[str]]] = field(default_factory=dict)
    nodes: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    array_delimiter: str = ";"
    multiline: bool = False


@dataclass
class _Table:
    name: str
    header: list[str]
    columns: list[list[str]]  # the cells, one list per header column
    quoted: list[bool]  # whether some cell of the column needs quoting

    def rows(self) -> Iterator[tuple[str, ...]]:
        return zip(*self.columns, strict=True)


# --- one property ------------------------------------------------------------------------------------------
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


def _citation_column(name: str, raw: list[Any], cells: list[str], delimiter: str, found: Findings) -> Column:
    """Lists of citations (``raw``) as cells of JSON items (:func:`~graph.store.rows.citation_json`)
    joined with ``delimiter``."""
    filled = list(filter(None, raw))
    return name + ":string[]", cells, checked(cells, found, delimiter, sum(map(len, filled)) - len(filled))


def _stored(name: str, raw: list[Any], rules: _Rules, owners: Sequence[str]) -> tuple[list[Any], set[type]]:
    """The values :mod:`graph.store.rows` would store for one property (``None``: absent; lists may stay
    tuples, they print the same) and their types."""
    if name in rules.lists:
        items = set(map(type, chain.from_iterable(filter(None, raw))))
        if items <= _ITEM_TYPES:
            values = [v or None for v in raw]
        else:
            values = [[_storable(o, name, x) for x in v] if v else None for o, v in zip(owners, raw, strict=True)]
        return values, set(map(type, values))
    if name in rules.maps:
        values = [dumps(dict(v)) if v else None for v in raw]
        return values, set(map(type, values))
    kinds = set(map(type, raw))
    if name not in rules.known and kinds - {NONE}:  # as rows.py: a name is checked once it has a value
        property_name(name)
    if kinds <= _PRIMITIVE_TYPES:
        return raw, kinds
    if kinds <= {list, tuple, NONE}:  # list-valued time properties (known_years, ...)
        items = set(map(type, chain.from_iterable(filter(None, raw))))
        if items <= {str} or items <= {int, float}:  # so each list holds one type, as Neo4j needs
            return raw, kinds
    values = [None if v is None else _storable(o, name, v) for o, v in zip(owners, raw, strict=True)]
    return values, set(map(type, values))


def _picker(rows: list[int]) -> Callable[[list[Any]], list[Any]]:
    """Takes the items at ``rows`` (ascending) out of a whole column, in one C call."""
    if len(rows) == 1:
        return lambda column: [column[rows[0]]]
    take = itemgetter(*rows)
    return lambda column: list(take(column))


def _part_columns(datas: list[dict[str, Any]], parts: list[list[int]], rules: _Rules, owners: Sequence[Sequence[str]],
                  delimiter: str, found: Findings) -> list[dict[str, Column]]:  # fmt: skip
    """For each part (its rows' places in ``datas``), every property some row of it stores.

    A property is read from all the rows at once, in the order the attribute dicts were made (and sit in
    memory), then split into parts: reading one part at a time jumps across memory, three times slower."""
    names = set().union(*datas) - {"type", "id"}
    pickers = list(map(_picker, parts))
    out: list[dict[str, Column]] = [{} for _ in parts]
    for name in names:
        whole = list(map(dict.get, datas, repeat(name)))  # d.get(name) for every row, in a C loop
        if name in rules.json_lists:
            cells = [delimiter.join(map(citation_json, v)) if v else "" for v in whole]
            for props, pick in zip(out, pickers, strict=True):
                if any(raw := pick(whole)):
                    props[name] = _citation_column(name, raw, pick(cells), delimiter, found)
            continue
        for props, pick, part_owners in zip(out, pickers, owners, strict=True):
            values, kinds = _stored(name, pick(whole), rules, part_owners)
            if kinds - {NONE}:
                props[name] = column(name, values, kinds, delimiter, found)
    return out


# --- the tables of a graph -------------------------------------------------------------------------------
def _ids(title: str, ids: list[str], found: Findings) -> Column:
    return title, ids, checked(ids, found)


def _constant(title: str, value: str, n: int, found: Findings) -> Column:
    return title, [value] * n, checked([value], found)


def _table(name: str, columns: list[Column], props: dict[str, Column], found: Findings) -> _Table:
    """``columns``: the fixed leading ones; property columns follow, sorted by name."""
    table = _Table(name, [], [], [])
    for title, cells, quoted in chain(columns, map(props.__getitem__, sorted(props))):
        table.header.append(title)
        table.columns.append(cells)
        table.quoted.append(quoted)
    found.multiline |= any("\n" in h or "\r" in h for h in table.header)
    return table


def _node_tables(graph: InstitutionalGraph, rules: PropertyCodec, delimiter: str, found: Findings
                 ) -> Iterator[_Table]:  # fmt: skip
    schema = graph.schema
    ids, datas = map(list, zip(*graph.graph.nodes(data=True), strict=True)) if len(graph) else ([], [])
    by_label: dict[str, list[int]] = {}
    for row, data in enumerate(datas):
        by_label.setdefault(schema.node_type(data["type"]).label, []).append(row)
    labels = sorted(by_label)
    parts = [by_label[label] for label in labels]
    part_ids = [_picker(rows)(ids) for rows in parts]
    columns = _part_columns(datas, parts, _entity_rules(rules), part_ids, delimiter, found)
    for label, label_ids, props in zip(labels, part_ids, columns, strict=True):
        joined = delimiter.join(schema.node_type(label).labels)
        head = [_ids("id:ID", label_ids, found), _constant(":LABEL", joined, len(label_ids), found)]
        yield _table(f"nodes_{label}.csv", head, props, found)


_Edges = tuple[list[str], list[str], list[dict[str, Any]], dict[str, list[int]]]


def _edges(graph: InstitutionalGraph) -> _Edges:
    """Every relationship's start, end and attributes in graph order, and by type the places of its
    relationships in the order of ``relationship_rows``: grouped by (type, start look-up label, end
    look-up label), sorted, graph order within."""
    schema = graph.schema
    types = dict(graph.graph.nodes(data="type"))
    look = {label: lookup_label(schema, label) for label in set(types.values())}
    starts: list[str] = []
    ends: list[str] = []
    datas: list[dict[str, Any]] = []
    groups: dict[tuple[str, str, str], list[int]] = {}
    for u, nbrs in graph.graph._adj.items():  # edges(data=True) without its generator step per edge
        u_look = look[types[u]]
        for v, keyed in nbrs.items():
            v_look = look[types[v]]
            for data in keyed.values():
                group = groups.get(key := (data["type"], u_look, v_look))
                if group is None:
                    group = groups[key] = []
                group.append(len(datas))
                starts.append(u)
                ends.append(v)
                datas.append(data)
    by_type: dict[str, list[int]] = {}
    for key in sorted(groups):
        schema.check_relationship_type(key[0])
        by_type.setdefault(key[0], []).extend(groups.pop(key))
    return starts, ends, datas, by_type


def _relationship_ids(starts: list[str], ends: list[str], datas: list[dict[str, Any]]) -> list[str]:
    """Each relationship's stored id, computed (:func:`~graph.store.rows.relationship_id`) where it has none."""
    ids = list(map(dict.get, datas, repeat("id")))
    if all(ids):
        return cast("list[str]", ids)
    return [i or relationship_id(d["type"], u, v, d.get("context"))
            for i, u, v, d in zip(ids, starts, ends, datas, strict=True)]  # fmt: skip


def _relationship_tables(graph: InstitutionalGraph, rules: PropertyCodec, delimiter: str, found: Findings
                         ) -> Iterator[_Table]:  # fmt: skip
    starts, ends, datas, by_type = _edges(graph)
    pickers = [_picker(rows) for rows in by_type.values()]
    part_starts = [pick(starts) for pick in pickers]
    columns = _part_columns(datas, list(by_type.values()), _relationship_rules(rules), part_starts, delimiter, found)
    ids = _relationship_ids(starts, ends, datas)
    for type_, pick, part_starts_, props in zip(by_type, pickers, part_starts, columns, strict=True):
        type_ids = pick(ids)
        props["id"] = column("id", type_ids, set(map(type, type_ids)), delimiter, found)
        head = [_ids(":START_ID", part_starts_, found), _ids(":END_ID", pick(ends), found),
                _constant(":TYPE", type_, len(type_ids), found)]  # fmt: skip
        yield _table(f"relationships_{type_}.csv", head, props, found)
    if DOCUMENT_LABEL in graph.schema.node_types:
        table = _mention_table(graph, delimiter, found)
        if table is not None:
            yield table


def _mention_table(graph: InstitutionalGraph, delimiter: str, found: Findings) -> _Table | None:
    """The derived ``MENTIONED_IN`` links in :func:`~graph.store.rows.mention_rows`' order (grouped by
    the entity's look-up label, each group in the order first seen). Ids and line spans hold no
    delimiter, comma or line break, so only the two ends are checked."""
    spans, types = mention_spans(graph)
    if not spans:
        return None
    look = {t: lookup_label(graph.schema, t) for t in set(types.values())}
    label_of = {node: look[t] for node, t in types.items()}
    starts = list(map(itemgetter(0), spans))
    keys = list(map(label_of.__getitem__, starts))
    ends, lines = list(map(itemgetter(1), spans)), list(map(delimiter.join, spans.values()))
    if len(order := dict.fromkeys(keys)) > 1:  # regrouped by label: a few C-level passes per column
        masks = [list(map(label.__eq__, keys)) for label in order]
        starts, ends, lines = ([*chain.from_iterable(map(compress, repeat(c), masks))] for c in (starts, ends, lines))
    n = len(starts)
    columns = [_ids(":START_ID", starts, found), _ids(":END_ID", ends, found),
               _constant(":TYPE", MENTION_TYPE, n, found), _constant(f"{DERIVED_FLAG}:boolean", "true", n, found),
               ("id", list(map(mention_id, starts, ends)), False)]  # fmt: skip
    if any(lines):
        columns.append(("lines:string[]", lines, False))
    columns.append(_constant("method", "derived", n, found))
    return _table(f"relationships_{MENTION_TYPE}_derived.csv", columns, {}, found)


def _tables(graph: InstitutionalGraph, delimiter: str, found: Findings) -> Iterator[tuple[str, _Table]]:
    """``("nodes" | "relationships", table)`` for every file, built one at a time."""
    rules = codec(graph.schema)
    for table in _node_tables(graph, rules, delimiter, found):
        yield "nodes", table
    for table in _relationship_tables(graph, rules, delimiter, found):
        yield "relationships", table


# --- writing -----------------------------------------------------------------------------------------------
def _write_table(fh: TextIO, table: _Table) -> None:
    """The table as :mod:`csv` writes it, ``_ROWS_PER_WRITE`` rows per write."""
    fh.write(",".join(map(csv_cell, table.header)) + "\n")
    columns = [csv_cells(c) if q else c for c, q in zip(table.columns, table.quoted, strict=True)]
    rows = map(",".join, zip(*columns, strict=True))
    while chunk := list(islice(rows, _ROWS_PER_WRITE)):
        fh.write("\n".join(chunk))
        fh.write("\n")


def _write_pass(graph: InstitutionalGraph, directory: Path, delimiter: str) -> tuple[AdminImportTables, Findings]:
    found = Findings()
    tables = AdminImportTables(array_delimiter=delimiter)
    for kind, table in _tables(graph, delimiter, found):
        with open(directory / table.name, "w", encoding="utf-8", newline="") as fh:
            _write_table(fh, table)
        getattr(tables, kind).append(table.name)
    tables.multiline = found.multiline
    return tables, found


def _free_delimiter(found: Findings) -> str:
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
        found = Findings()
        tables = AdminImportTables(array_delimiter=delimiter)
        for kind, table in _tables(graph, delimiter, found):
            tables.files[table.name] = [table.header, *map(list, table.rows())]
            getattr(tables, kind).append(table.name)
        tables.multiline = found.multiline
        if _free_delimiter(found) == delimiter:
            return tables
    raise InstgraphError("CSV export: every array delimiter candidate occurs inside a list value")
