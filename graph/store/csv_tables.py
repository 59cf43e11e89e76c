"""The tables of the neo4j-admin import CSV (:mod:`graph.store.admin_csv`), built column by column.

The files hold what :func:`graph.store.write.write_graph` would store: the same labels, ids and
properties, encoded the same way (:mod:`graph.store.rows`), plus the store's derived ``MENTIONED_IN``
links in their own file. Node files ``nodes_<Label>.csv`` have ``id:ID`` and ``:LABEL`` (type and group,
e.g. ``Ministry;Actor``) then typed property columns (``start:long``, ``aliases:string[]``); relationship
files ``relationships_<TYPE>.csv`` have ``:START_ID``, ``:END_ID``, ``:TYPE`` then properties; the
derived mentions go to ``relationships_MENTIONED_IN_derived.csv``.

The rows of a table are gathered in their output order; its properties are read a block of rows at a
time (each attribute dict read once while it is in the cache, and each value's type noted then), each
column typed from all its values, and its cell texts made by C-level passes (:mod:`graph.store.csv_cells`)
a block of rows at a time as the table is written. A large graph's objects lie scattered over gigabytes
(a pass over them misses the cache, and the TLB, at nearly every object), so they are read in few passes
and no column is copied whole. The work comes as :class:`TableTask` s, one per relationship type, so two
processes can share it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate, chain, compress, pairwise, repeat
from typing import Any, cast

from graph.model.institutional_graph import InstitutionalGraph
from graph.store.csv_cells import NONE, Cells, Column, Findings, checked, column, constant_cells, text_cells
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
    mention_ids,
    mention_spans,
    property_name,
    relationship_id,
)

_ITEM_TYPES = frozenset((str, int, float, bool))
_PRIMITIVE_TYPES = _ITEM_TYPES | {NONE}
_LISTS = frozenset((list, tuple, NONE))
_ROWS_PER_READ = 512  # attribute dicts read at a time (see _read)
_ROWS_PER_BLOCK = 2048  # rows whose cells are made and written together (see Table.blocks)


@dataclass
class Table:
    name: str
    header: list[str]
    columns: list[Cells]  # one per header column
    size: int  # rows

    def blocks(self, found: Findings) -> Iterator[tuple[list[list[str]], list[bool]]]:
        """The cells of :data:`_ROWS_PER_BLOCK` rows at a time (a list per column) and, per column, whether
        one of them needs quoting. A block's cells are written while they are in the cache and their
        memory is reused; whole columns at a time took 12% more CPU at 200,000 relationships and 15%
        more at a million (on 2 busy cores)."""
        for begin in range(0, self.size, _ROWS_PER_BLOCK):
            end = min(begin + _ROWS_PER_BLOCK, self.size)
            cells, quoted = zip(*(cells(begin, end, found) for cells in self.columns), strict=True)
            yield list(cells), list(quoted)

    def rows(self, found: Findings) -> Iterator[tuple[str, ...]]:
        """The rows' cells, unquoted."""
        return chain.from_iterable(zip(*cells, strict=True) for cells, _ in self.blocks(found))


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


def _citation_cells(whole: list[Any], delimiter: str, begin: int, end: int, found: Findings
                    ) -> tuple[list[str], bool]:  # fmt: skip
    """Lists of citations as cells of JSON items (:func:`~graph.store.rows.citation_json`) joined with
    ``delimiter``; notes the candidate delimiters found inside items. (One ``dumps`` of all the items, cut
    apart, took twice as long: Python's C encoder builds a list of small texts.)"""
    part = whole[begin:end]
    cells = [delimiter.join(map(citation_json, v)) if v else "" for v in part]
    filled = list(filter(None, part))
    checked(cells, found, delimiter, sum(map(len, filled)) - len(filled))
    return cells, True


@dataclass
class _Seen:
    """What a column's values are: their types; for a column of lists (and ``None``), the types of the
    items and of the filled lists, and whether one is empty or ``None`` (``items`` is ``None`` otherwise)."""

    kinds: set[type]
    items: set[type] | None = None
    filled: set[type] = field(default_factory=set)
    gaps: bool = False

    def __ior__(self, other: _Seen) -> _Seen:
        self.kinds |= other.kinds
        self.items = None if self.items is None or other.items is None else self.items | other.items
        self.filled |= other.filled
        self.gaps |= other.gaps
        return self


def _seen(values: list[Any], items: bool | None = None) -> _Seen:
    """:class:`_Seen` of ``values``, whose list items are read if ``items`` (where it is ``None``: if every
    value is a list or ``None``)."""
    kinds = set(map(type, values))
    filled = list(filter(None, values))
    read = kinds <= _LISTS if items is None else items
    found = set(map(type, chain.from_iterable(filled))) if read else None
    return _Seen(kinds, found, set(map(type, filled)), len(filled) < len(values))


def _stored(name: str, raw: list[Any], rules: _Rules, owners: Sequence[str], seen: _Seen | None = None
            ) -> tuple[list[Any], set[type], set[type] | None]:  # fmt: skip
    """The values :mod:`graph.store.rows` would store for one property (``None``: absent; lists may stay
    tuples, they print the same), their types (``NoneType`` if some row stores none: a ``None`` or, for
    the schema's lists, an empty list) and, for lists whose items were read here, the items' types (so
    the column's type is known without reading them again). ``seen``: what :func:`_read` saw of ``raw``."""
    if seen is None or (seen.items is None and name in rules.lists):
        seen = _seen(raw, (name in rules.lists) or None)
    if name in rules.lists:  # an empty list is not stored, as rows.py leaves it out
        if seen.items is not None and seen.items <= _ITEM_TYPES:
            if not seen.filled:
                return raw, set(), seen.items
            return raw, seen.filled | ({NONE} if seen.gaps else set()), seen.items
        values = [[_storable(o, name, x) for x in v] if v else None for o, v in zip(owners, raw, strict=True)]
        return values, set(map(type, values)), None
    if name in rules.maps:
        texts = [dumps(dict(v)) if v else None for v in raw]
        return texts, set(map(type, texts)), None
    kinds = seen.kinds
    if name not in rules.known and kinds - {NONE}:  # as rows.py: a name is checked once it has a value
        property_name(name)
    if kinds <= _PRIMITIVE_TYPES:
        return raw, kinds, None
    items = seen.items  # known where every value is a list or None: list-valued time properties (known_years, ...)
    if items is not None and (items <= {str} or items <= {int, float}):  # each list one type, as Neo4j needs
        return raw, kinds, items
    values = [None if v is None else _storable(o, name, v) for o, v in zip(owners, raw, strict=True)]
    return values, set(map(type, values)), None


def _read(datas: list[dict[str, Any]], rows: range, opaque: Collection[str] | None = ()
          ) -> tuple[dict[str, list[Any]], dict[str, _Seen]]:  # fmt: skip
    """Every attribute of the ``rows`` of ``datas`` (``None`` where absent), by name, and what its values
    are (see :func:`_stored`), :data:`_ROWS_PER_READ` rows at a time: each dict stays in the cache while
    its names and all its values are read, and the values while their types are (a pass over every row
    per question, or a copy of the rows, streams them all through memory again: one property of every
    row, then the next, was twice as slow). The items of ``opaque`` names are not read (citations: they
    are read once, as cells); where ``opaque`` is ``None``, nothing is noted (tables of parts of the rows)."""
    out: dict[str, list[Any]] = {}
    seen: dict[str, _Seen] = {}
    for begin in range(rows.start, rows.stop, _ROWS_PER_READ):
        block = datas[begin : min(begin + _ROWS_PER_READ, rows.stop)]
        for name in set().union(*block) - out.keys():  # first met in this block: absent from the rows before
            out[name] = [None] * (begin - rows.start)
            if opaque is not None:
                seen[name] = _Seen({NONE} if begin > rows.start else set(), set(), gaps=begin > rows.start)
        for name, cells in out.items():
            part = list(map(dict.get, block, repeat(name)))  # d.get(name) for every row, in a C loop
            cells += part
            if (noted := seen.get(name)) is not None:
                noted |= _seen(part, False if name in cast("Collection[str]", opaque) else None)
    return out, seen


def _part_columns(read: tuple[dict[str, list[Any]], dict[str, _Seen]], bounds: list[int], rules: _Rules,
                  owners: list[str], delimiter: str) -> list[dict[str, Column]]:  # fmt: skip
    """For each part (rows ``bounds[i]:bounds[i + 1]`` of the attributes ``read``, see :func:`_read`),
    every property some row of it stores; ``owners``: the rows' ids, named in errors."""
    columns, seen = read
    parts = list(pairwise(bounds))
    part_owners = [owners[begin:end] for begin, end in parts]
    out: list[dict[str, Column]] = [{} for _ in parts]
    for name in sorted(columns.keys() - {"type", "id"}):
        whole = columns[name]
        known = seen.get(name) if len(parts) == 1 else None  # what _read saw is of the whole column
        # one part: the column itself (a copy would touch every value once more)
        pieces = [whole] if len(parts) == 1 else [whole[begin:end] for begin, end in parts]
        if name in rules.json_lists:  # quoted: csv_cells leaves what needs no quotes as it is
            for props, part in zip(out, pieces, strict=True):
                if known.filled if known is not None else any(part):
                    props[name] = (name + ":string[]", partial(_citation_cells, part, delimiter))
            continue
        for props, part, part_owner in zip(out, pieces, part_owners, strict=True):
            values, kinds, items = _stored(name, part, rules, part_owner, known)
            if kinds - {NONE}:
                props[name] = column(name, values, kinds, delimiter, items)
    return out


# --- the tables of a graph -------------------------------------------------------------------------------
def _ids(title: str, ids: list[str]) -> Column:
    return title, partial(text_cells, ids, False)


def _constant(title: str, value: str) -> Column:
    return title, partial(constant_cells, value)


def _table(name: str, size: int, columns: list[Column], props: dict[str, Column], found: Findings) -> Table:
    """``columns``: the fixed leading ones; property columns follow, sorted by name."""
    table = Table(name, [], [], size)
    for title, cells in chain(columns, map(props.__getitem__, sorted(props))):
        table.header.append(title)
        table.columns.append(cells)
    found.multiline |= any("\n" in h or "\r" in h for h in table.header)
    return table


def _node_tables(graph: InstitutionalGraph, rules: PropertyCodec, delimiter: str, found: Findings
                 ) -> Iterator[Table]:  # fmt: skip
    """One table per schema label, in label order."""
    schema = graph.schema
    label_of = {t: schema.node_type(t).label for t in set(dict(graph.graph.nodes(data="type")).values())}
    by_label: dict[str, tuple[list[str], list[dict[str, Any]]]] = {}
    for node, data in graph.graph.nodes(data=True):
        part = by_label.get(label := label_of[data["type"]])
        if part is None:
            part = by_label[label] = ([], [])
        part[0].append(node)
        part[1].append(data)
    labels = sorted(by_label)
    ids = [node for label in labels for node in by_label[label][0]]
    datas = [data for label in labels for data in by_label[label][1]]
    bounds = list(accumulate((len(by_label[label][0]) for label in labels), initial=0))
    read = _read(datas, range(len(datas)), None if len(labels) > 1 else ())
    columns = _part_columns(read, bounds, _entity_rules(rules), ids, delimiter)
    for label, (begin, end), props in zip(labels, pairwise(bounds), columns, strict=True):
        joined = delimiter.join(schema.node_type(label).labels)
        head = [_ids("id:ID", ids[begin:end]), _constant(":LABEL", joined)]
        yield _table(f"nodes_{label}.csv", end - begin, head, props, found)


_Edges = tuple[list[str], list[str], list[dict[str, Any]], list[str], list[int]]


def _edges(graph: InstitutionalGraph) -> _Edges:
    """Every relationship's start, end and attributes in the order of ``create_rows.relationship_tables``
    (grouped by type, start look-up label and end look-up label, sorted; graph order within), then the types
    in that order and where each type's rows begin (and, last, where they all end)."""
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
    keys = sorted(groups)
    starts = [*chain.from_iterable(groups[key][0] for key in keys)]
    ends = [*chain.from_iterable(groups[key][1] for key in keys)]
    datas = [*chain.from_iterable(groups[key][2] for key in keys)]
    by_type: dict[str, int] = {}
    for key in keys:
        schema.check_relationship_type(key[0])
        by_type[key[0]] = by_type.get(key[0], 0) + len(groups[key][0])
    return starts, ends, datas, list(by_type), list(accumulate(by_type.values(), initial=0))


def _relationship_ids(read: tuple[dict[str, list[Any]], dict[str, _Seen]], starts: list[str], ends: list[str],
                      datas: list[dict[str, Any]]) -> tuple[list[str], set[type]]:  # fmt: skip
    """Each relationship's stored id (``read``: its attributes), computed
    (:func:`~graph.store.rows.relationship_id`) where it has none; and their types."""
    ids, seen = read[0].get("id"), read[1].get("id")
    if ids is not None and seen is not None and not seen.gaps:
        return ids, seen.kinds
    ids = [i or relationship_id(d["type"], u, v, d.get("context"))
           for i, u, v, d in zip(ids or repeat(None), starts, ends, datas, strict=False)]  # fmt: skip
    return ids, set(map(type, ids))


def _relationship_table(type_: str, starts: list[str], ends: list[str], datas: list[dict[str, Any]], rows: range,
                        rules: PropertyCodec, delimiter: str, found: Findings) -> Iterator[Table]:  # fmt: skip
    """The table of one relationship type (the ``rows`` of ``starts``, ``ends``, ``datas``: its
    relationships, in order)."""
    starts, ends = starts[rows.start : rows.stop], ends[rows.start : rows.stop]
    read = _read(datas, rows, rules.relationship_json_lists)
    (props,) = _part_columns(read, [0, len(rows)], _relationship_rules(rules), starts, delimiter)
    ids, kinds = _relationship_ids(read, starts, ends, datas[rows.start : rows.stop])
    props["id"] = column("id", ids, kinds, delimiter)
    head = [_ids(":START_ID", starts), _ids(":END_ID", ends), _constant(":TYPE", type_)]
    yield _table(f"relationships_{type_}.csv", len(ids), head, props, found)


def _mention_tables(graph: InstitutionalGraph, delimiter: str, found: Findings) -> Iterator[Table]:
    """The derived ``MENTIONED_IN`` links in :func:`~graph.store.rows.mention_rows`' order (grouped by
    the entity's look-up label, each group in the order first seen). Ids and line spans hold no
    delimiter, comma or line break, so only the two ends are checked."""
    spans, types = mention_spans(graph)
    if not spans:
        return
    look = {t: lookup_label(graph.schema, t) for t in set(types.values())}
    label_of = {node: look[t] for node, t in types.items()}
    both: list[Any] = [*chain.from_iterable(spans)]  # one pass over the (entity, document) pairs, scattered in memory
    starts, ends = both[0::2], both[1::2]
    lines = list(map(delimiter.join, spans.values()))  # read once: what is regrouped and written is the text
    keys = list(map(label_of.__getitem__, starts))
    if len(order := dict.fromkeys(keys)) > 1:  # regrouped by label: a few C-level passes per column
        masks = [list(map(label.__eq__, keys)) for label in order]
        starts, ends, lines = ([*chain.from_iterable(map(compress, repeat(c), masks))] for c in (starts, ends, lines))
    columns: list[Column] = [_ids(":START_ID", starts), _ids(":END_ID", ends), _constant(":TYPE", MENTION_TYPE),
               _constant(f"{DERIVED_FLAG}:boolean", "true"), ("id", partial(_mention_ids, starts, ends))]  # fmt: skip
    if any(lines):
        columns.append(("lines:string[]", partial(_unchecked, lines)))
    columns.append(_constant("method", "derived"))
    yield _table(f"relationships_{MENTION_TYPE}_derived.csv", len(starts), columns, {}, found)


def _mention_ids(starts: list[str], ends: list[str], begin: int, end: int, _found: Findings
                 ) -> tuple[list[str], bool]:  # fmt: skip
    return mention_ids(starts[begin:end], ends[begin:end]), False


def _unchecked(cells: list[str], begin: int, end: int, _found: Findings) -> tuple[list[str], bool]:
    """Cells that hold no delimiter, comma or line break (line spans, ``"3-4"``, joined)."""
    return cells[begin:end], False


@dataclass(frozen=True)
class TableTask:
    """A share of the export that can be built in any order, in any process: its tables, given the
    array delimiter and the :class:`Findings` to note what the cells hold."""

    kind: str  # "nodes" or "relationships": which import option names its files
    cost: int  # about how many relationship rows' work it is, to hand out the largest first
    build: Callable[[str, Findings], Iterator[Table]]


def table_tasks(graph: InstitutionalGraph) -> list[TableTask]:
    """The export's tables in file order: the node tables, one table per relationship type, the derived
    mentions (about twice as many rows as relationships, each a quarter of the work: measured at 1 M)."""
    rules = codec(graph.schema)
    starts, ends, datas, types, bounds = _edges(graph)
    tasks = [TableTask("nodes", len(graph), partial(_node_tables, graph, rules))]
    for type_, (begin, end) in zip(types, pairwise(bounds), strict=True):
        build = partial(_relationship_table, type_, starts, ends, datas, range(begin, end), rules)  # sliced there
        tasks.append(TableTask("relationships", end - begin, build))
    if DOCUMENT_LABEL in graph.schema.node_types:
        tasks.append(TableTask("relationships", len(datas) // 2, partial(_mention_tables, graph)))
    return tasks
