"""Reading back: Neo4j's node and relationship properties as the model's networkx attributes, the inverse
of the rows of :mod:`graph.store.rows` (whose module docstring says how each value is kept; it
introduces :func:`decode_entity` and :class:`EdgeDecoder` as the way back)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from itertools import chain, compress, islice, repeat
from operator import attrgetter, gt, mul, sub
from typing import Any, NamedTuple

import msgspec

from graph.model.edge_record import ABSENT, EdgeRecord, record_type
from graph.store.rows import PropertyCodec


def decode_entity(type_: str, props: dict[str, Any], rules: PropertyCodec) -> tuple[str, dict[str, Any]]:
    """Neo4j node properties → ``(id, networkx attributes)``, the inverse of :func:`entity_row`.

    The dict starts from the schema's property names, so every node holds the same key objects
    rather than the new ones the driver makes for each map (see :class:`EdgeDecoder`).
    """
    data = {"type": None, **dict.fromkeys(rules.entity_defaults), **props}
    node_id = data.pop("id")
    for name in rules.entity_maps:
        raw = data[name]
        if isinstance(raw, str):
            data[name] = json.loads(raw)
    for name, default in rules.entity_defaults.items():
        if data[name] is None and default is not None:
            data[name] = type(default)()
    for name in rules.time_lists:
        if data.get(name) is None:
            data[name] = []
    data["type"] = type_
    return node_id, data


def relationship_columns(rules: PropertyCodec) -> tuple[str, ...]:
    """The stored properties of a relationship in the order a mirror row carries them (after its type)."""
    return ("id", *rules.relationship_defaults, *rules.time_lists, *rules.time_scalars)


class Batch(NamedTuple):
    """A batch of mirror rows decoded (see :meth:`EdgeDecoder.decode`)."""

    keys: list[str]  # each relationship's edge key
    records: list[EdgeRecord]  # its attributes
    ends: list[Any]  # its end, as the row names it
    outside: list[int]  # the positions of the relationships holding properties outside the schema


class EdgeDecoder:
    """Decodes the relationships the mirror reads, many at a time, into compact networkx edge attributes.

    The inverse of the rows :func:`graph.store.create_rows.relationship_tables` builds, for a million edges at a
    time. A relationship's row holds its type, its :func:`relationship_columns` (``None`` where absent), the
    number of properties it holds and its end node (as the reader names it); a batch comes as columns, one
    list per position in the row (the server sends them so: the client then neither builds a list per
    relationship nor turns rows into columns). Each becomes an
    :class:`~graph.model.edge_record.EdgeRecord` whose citations are one flat tuple and whose other lists
    (``sources``) stay tuples until read. A relationship holding more properties than its
    row shows has some outside the schema: :meth:`decode` names those rows, for the reader to fetch
    them. Equal immutable values (types, methods, contexts, document ids, quoted texts, years, time rules,
    one-item ``sources`` tuples) are one object across all edges. So is every equal time list (``known_years``,
    ``derived_years``, ``derived_rules``), which is treated as immutable: replace one, never change it in
    place. A batch is decoded column by column, each column by one ``map`` over a dict's ``setdefault``:
    the loops run in C, not once per value in Python.

    >>> from graph.model.schema import load_schema
    >>> from graph.store.rows import codec
    >>> dec = EdgeDecoder(codec(load_schema()))
    >>> row = dec.row("LEADS", {"id": "r1", "evidence": ['{"document":"d","lines":[3,4],"text":null}']}, "b")
    >>> ([key], [data], ends, outside) = dec.decode([list(column) for column in zip(row)])
    >>> key, data["evidence"], data["sources"], data["note"], "not_before" in data, ends, outside
    ('LEADS', [{'document': 'd', 'lines': [3, 4], 'text': None}], [], None, False, ['b'], [])
    """

    def __init__(self, rules: PropertyCodec, strings: dict[str, str] | None = None) -> None:
        self.rules = rules
        strings = {} if strings is None else strings
        # one dict per value type, so that 1, 1.0 and True stay apart; time scalars read None as ABSENT
        self.memo: dict[type, dict[Any, Any]] = {str: strings, int: {}, float: {}}
        self.absent: dict[type, dict[Any, Any]] = {t: {None: ABSENT} for t in self.memo}
        # one list per distinct time list, one tuple per distinct list (sources): by their items' type
        self.lists: dict[type | None, dict[tuple[Any, ...], list[Any]]] = {}
        self.tuples: dict[type | None, dict[tuple[Any, ...], Any]] = {}
        self.columns = relationship_columns(rules)
        lists, maps, json_lists = rules.relationship_lists, rules.relationship_maps, rules.relationship_json_lists
        plain = tuple(n for n in lists if n not in json_lists)
        self.record = record_type(("type", *self.columns), citations=json_lists, lists=plain)
        at = {name: i for i, name in enumerate(self.columns, start=1)}  # row positions
        self._json_lists = tuple(at[n] for n in json_lists)
        self._maps = tuple(at[n] for n in maps)
        self._lists = tuple(at[n] for n in plain)
        self._scalars = (0, *(at[n] for n in rules.relationship_defaults if n not in lists and n not in maps))
        self._time_lists = tuple(at[n] for n in rules.time_lists)
        self._time_scalars = tuple(at[n] for n in rules.time_scalars)
        self._context = at.get("context")
        self.width = len(self.columns) + 1  # the record's values: the type and the columns
        self._stringy: set[Any] = set()  # the columns that held strings in the batch before (see _intern)

    def row(self, type_: str, props: dict[str, Any], end: Any) -> list[Any]:
        """The row :func:`graph.store.read.mirror_query` gives for a relationship with these stored properties."""
        return [type_, *(props.get(name) for name in self.columns), len(props), end]

    def decode(self, batch: Sequence[list[Any]]) -> Batch:
        """A batch's columns (see the class) → its edge keys and attributes (every schema property
        present, time scalars only when known), in the rows' order, with their ends and the rows with
        properties outside the schema."""
        if not batch[0]:
            return Batch([], [], [], [])
        outside = self._outside(batch)
        cols: list[Any] = list(batch)  # each column replaced as it is decoded
        for at in self._scalars:
            cols[at] = self._intern(at, cols[at], self.memo)
        for at in self._time_scalars:
            cols[at] = self._intern(at, cols[at], self.absent)
        for at in self._lists:
            cols[at] = self._tuples(cols[at])
        for at in self._time_lists:  # an equal list already held, else this one
            held = [() if v is None else tuple(v) for v in cols[at]]
            lists_of = self._of_one_kind(self.lists, chain.from_iterable(held), {(): []})
            cols[at] = map(lists_of.setdefault, held, cols[at]) if lists_of else [v or [] for v in cols[at]]
        for at in self._json_lists:
            cols[at] = self._citations([v or () for v in cols[at]])
        for at in self._maps:
            cols[at] = [json.loads(v) if type(v) is str else {} if v is None else v for v in cols[at]]
        records = list(map(self.record, *cols[: self.width]))
        keys = self._keys(cols[0], cols[self._context] if self._context else ())
        return Batch(keys, records, cols[self.width + 1], outside)

    def _outside(self, cols: Sequence[list[Any]]) -> list[int]:
        """The positions of the rows whose relationship holds more properties than its row's values that
        are not ``None``: some outside the schema (a count the server gives cheaply, unlike the names).
        Mostly none, as the batch's totals show without a look at each row."""
        width, counts = len(self.columns), cols[self.width]
        if sum(counts) + sum(col.count(None) for col in cols[1 : self.width]) == width * len(counts):
            return []
        present = map(sub, repeat(width), map(tuple.count, zip(*cols[1 : self.width], strict=True), repeat(None)))
        return list(compress(range(len(counts)), map(gt, counts, present)))

    def _intern(self, column: Any, values: Sequence[Any], memo: dict[type, dict[Any, Any]]) -> list[Any]:
        """:func:`_shared` for a column; one that held strings (or ``None``) in the batch before takes them
        all through ``memo[str]`` without a look at each value's type (a third of the work), the keys this
        added checked instead: a value of another type among them (stored by another tool: it would match
        an equal number of yet another type) sends the column the typed way."""
        strings = memo[str]
        if column in self._stringy:
            held = len(strings)
            out = list(map(strings.setdefault, values, values))
            odd = [k for k in islice(reversed(strings), len(strings) - held) if type(k) is not str and k is not None]
            if not odd:
                return out
            for k in odd:
                del strings[k]
        kinds = set(map(type, values)) - {_NONE}
        self._stringy.add(column) if kinds <= {str} else self._stringy.discard(column)
        return _shared(values, memo)

    def _keys(self, types: list[str], contexts: Any) -> list[str]:
        """Each edge's key: its type, or ``TYPE@context`` (one string object per distinct key)."""
        if not any(contexts):
            return types
        s = self.memo[str].setdefault
        return [t if not c else s(f"{t}@{c}", f"{t}@{c}") for t, c in zip(types, contexts, strict=True)]

    def _tuples(self, column: Sequence[list[Any] | None]) -> list[tuple[Any, ...]]:
        """Lists (``None`` for none) as tuples of shared items, equal tuples one object too (all in C:
        a Python loop over the rows cost twice as much)."""
        lists = [v or () for v in column]
        items = iter(self._intern("sources", list(chain.from_iterable(lists)), self.memo))
        tuples = list(map(tuple, map(islice, repeat(items), map(len, lists))))
        kinds = () if "sources" in self._stringy else chain.from_iterable(tuples)  # () when _intern found strings
        one = self._of_one_kind(self.tuples, kinds, {})
        return list(map(one.setdefault, tuples, tuples)) if one is not None else tuples

    @staticmethod
    def _of_one_kind(memo: dict[Any, dict[Any, Any]], items: Iterable[Any], new: dict[Any, Any]) -> Any:
        """The dict of equal lists (``new`` if none yet) for a batch whose items are all of one type, else
        None: (1,) == (1.0,) == (True,), and a list shared must not change its items' type."""
        kinds = set(map(type, items))
        return memo.setdefault(kinds.pop() if kinds else str, new) if len(kinds) <= 1 else None

    def _citations(self, lists: Sequence[Sequence[str]]) -> list[Any]:
        """Each row's JSON citations as one flat tuple ``(document, (first, last), text, …)`` of shared
        values, all parsed at once (:data:`_CITATIONS`) and taken apart column by column; if any has
        another shape, each row's parsed list instead (kept as it is)."""
        text = "[" + ",".join(chain.from_iterable(lists)) + "]"
        try:
            items = _CITATIONS.decode(text)
        except msgspec.DecodeError:  # its ValidationError too: not the usual shape (or not JSON: json says why)
            parsed = iter(json.loads(text))
            return [list(islice(parsed, n)) for n in map(len, lists)]
        lines = list(map(attrgetter("lines"), items))  # tuples: equal pairs one object, like the lists
        documents, texts = list(map(attrgetter("document"), items)), list(map(attrgetter("text"), items))
        strings = self.memo[str]
        columns = (
            list(map(strings.setdefault, documents, documents)),  # strings: msgspec checked their type
            map(self.tuples.setdefault(int, {}).setdefault, lines, lines),  # msgspec checked: two ints
            list(map(strings.setdefault, texts, texts)),
        )
        flat = chain.from_iterable(zip(*columns, strict=True))
        return list(map(tuple, map(islice, repeat(flat), map(mul, map(len, lists), repeat(3)))))


class _Citation(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """A stored citation's usual shape (see :func:`graph.store.rows.citation_json`)."""

    document: str
    lines: tuple[int, int]
    text: str | None


# parses a batch of citations several times faster than json.loads and checks their shape as it goes
_CITATIONS = msgspec.json.Decoder(list[_Citation])


_NONE = type(None)
def _shared(values: Sequence[Any], memo: dict[type, dict[Any, Any]]) -> list[Any]:
    """``values`` with each equal value one object, from ``memo``'s dict for its type; ``None`` becomes what
    ``memo[str]`` maps it to (itself unless given). One ``map`` when all are of one type (or ``None``)."""
    kinds = set(map(type, values))
    kinds.discard(_NONE)
    one = memo.get(kinds.pop()) if len(kinds) == 1 else memo[str] if not kinds else None
    if one is not None:
        return list(map(one.setdefault, values, values))
    none = memo[str].get(None)
    return [none if v is None else memo[type(v)].setdefault(v, v) if type(v) in memo else v for v in values]
