"""Reading back: Neo4j's node and relationship properties as the model's networkx attributes, the inverse
of the rows of :mod:`graph.store.rows` (whose module docstring says how each value is kept; it
introduces :func:`decode_entity` and :class:`EdgeDecoder` as the way back)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from graph.model.edge_record import ABSENT, EdgeRecord, record_type
from graph.store.rows import PropertyCodec

_EMPTY: list[Any] = []  # every empty time list of a mirror (see EdgeDecoder)


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


class EdgeDecoder:
    """Decodes the relationships the mirror reads, many at a time, into compact networkx edge attributes.

    The inverse of :func:`relationship_row`, built for a million edges at a time. A row is a list:
    the relationship's type, its :func:`relationship_columns` (``None`` where absent), a list of
    ``[name, value]`` pairs for properties outside the schema (or ``None``) and its end node's id.
    Each becomes an :class:`~graph.model.edge_record.EdgeRecord` whose citations stay one flat tuple
    and whose other lists (``sources``) stay tuples until read. The JSON citations of a whole batch are
    parsed with one ``json.loads``, and equal immutable values (types, methods, contexts, document ids,
    quoted lines, years, line numbers, time rules, one-item ``sources`` tuples) are one object across all
    edges. So is every equal time list (``known_years``, ``derived_years``, ``derived_rules``), which is treated
    as immutable: replace one, never change it in place. The loops dispatch on the value's type inline:
    a helper call per value cost more than the rest of the decoding.

    >>> from graph.model.schema import load_schema
    >>> from graph.store.rows import codec
    >>> dec = EdgeDecoder(codec(load_schema()))
    >>> row = dec.row("LEADS", {"id": "r1", "evidence": ['{"document":"d","lines":[3,4],"text":null}']}, "b")
    >>> [(key, data)] = dec.decode([row])
    >>> key, data["evidence"], data["sources"], data["note"], "not_before" in data
    ('LEADS', [{'document': 'd', 'lines': [3, 4], 'text': None}], [], None, False)
    """

    def __init__(self, rules: PropertyCodec, strings: dict[str, str] | None = None) -> None:
        self.rules = rules
        self.strings: dict[str, str] = {} if strings is None else strings
        self.ints: dict[int, int] = {}
        self.floats: dict[float, float] = {}
        self.lists: dict[tuple[Any, ...], list[Any]] = {}  # one list per distinct time list
        self.singles: dict[str, tuple[str]] = {}  # one tuple per distinct one-string other list
        self.columns = relationship_columns(rules)
        lists, maps, json_lists = rules.relationship_lists, rules.relationship_maps, rules.relationship_json_lists
        plain = tuple(n for n in lists if n not in json_lists)
        self.record = record_type(("type", *self.columns), citations=json_lists, lists=plain)
        at = {name: i for i, name in enumerate(self.columns, start=1)}  # row positions
        self._json_lists = tuple(at[n] for n in json_lists)
        self._maps = tuple(at[n] for n in maps)
        self._lists = tuple(at[n] for n in plain)
        self._scalars = tuple(at[n] for n in rules.relationship_defaults if n not in lists and n not in maps)
        self._time_lists = tuple(at[n] for n in rules.time_lists)
        self._time_scalars = tuple(at[n] for n in rules.time_scalars)
        self._context = at.get("context")
        self.width = len(self.columns) + 1  # the record's values: the type and the columns

    def row(self, type_: str, props: dict[str, Any], end: str) -> list[Any]:
        """The row :func:`graph.store.read.mirror_query` gives for a relationship with these stored properties."""
        extra = [[k, v] for k, v in props.items() if k not in self.columns]
        return [type_, *(props.get(name) for name in self.columns), extra or None, end]

    def decode(self, rows: list[list[Any]]) -> list[tuple[str, EdgeRecord]]:
        """Rows (see the class) → ``[(edge key, attributes)]``, every schema property present (time scalars
        only when known). The rows are changed in place."""
        s, i, f = self.strings.setdefault, self.ints.setdefault, self.floats.setdefault
        interners: dict[type, Callable[[Any, Any], Any]] = {str: s, int: i, float: f}
        shared = interners.get  # Neo4j lists hold one type: the first item's decides
        lists_of, singles, new = self.lists, self.singles, self.record
        width, ctx = self.width, self._context
        cited = iter(self._citations(rows)).__next__
        out: list[tuple[str, EdgeRecord]] = []
        for row in rows:
            for at in self._scalars:
                v = row[at]
                if v is not None and (one := shared(type(v))) is not None:
                    row[at] = one(v, v)
            for at in self._time_scalars:
                v = row[at]
                if v is None:
                    row[at] = ABSENT
                elif (one := shared(type(v))) is not None:
                    row[at] = one(v, v)
            for at in self._lists:
                v = row[at]
                if not v:
                    row[at] = ()
                elif len(v) == 1 and type(x := v[0]) is str:
                    row[at] = singles.get(x) or singles.setdefault(x, (s(x, x),))
                else:  # mostly unlike any other edge's: sharing them would only keep a copy of each
                    one = shared(type(v[0]))
                    row[at] = tuple(v) if one is None else tuple(map(one, v, v))
            for at in self._time_lists:
                v = row[at]
                if not v:
                    row[at] = _EMPTY
                else:
                    kept = lists_of.get(key := tuple(v))
                    if kept is None and (one := shared(type(v[0]))) is not None:
                        v[:] = map(one, v, v)
                    row[at] = kept if kept is not None else lists_of.setdefault(key, v)
            for at in self._json_lists:
                row[at] = cited()
            for at in self._maps:
                v = row[at]
                row[at] = json.loads(v) if type(v) is str else {} if v is None else v
            type_ = row[0] = s(row[0], row[0])
            record = new(*row[:width])
            if row[width]:
                record._extra = dict(row[width])
            context = row[ctx] if ctx else None
            out.append((type_ if not context else s(f"{type_}@{context}", f"{type_}@{context}"), record))
        return out

    def _citations(self, rows: list[list[Any]]) -> list[Any]:
        """The citations of each row and JSON list, in order, each as one flat tuple of shared values (``()``
        if none; the parsed list when an item has another shape), all parsed with one ``json.loads``."""
        texts: list[str] = []
        for row in rows:
            for at in self._json_lists:
                if raw := row[at]:
                    texts.extend(raw)
        items = iter(json.loads("[" + ",".join(texts) + "]") if texts else ()).__next__
        s, i = self.strings.setdefault, self.ints.setdefault
        out: list[Any] = []
        for row in rows:
            for at in self._json_lists:
                mine = [items() for _ in row[at] or ()]
                flat: list[Any] = []
                for item in mine:
                    try:
                        doc, (first, last), text = item["document"], item["lines"], item["text"]
                    except (KeyError, TypeError, ValueError):
                        break
                    if len(item) != 3 or type(doc) is not str or type(first) is not int or type(last) is not int:
                        break
                    if text is not None and type(text) is not str:
                        break
                    flat += (s(doc, doc), i(first, first), i(last, last), text if text is None else s(text, text))
                else:
                    out.append(tuple(flat))
                    continue
                out.append(mine)  # not the usual shape: kept as parsed
        return out
