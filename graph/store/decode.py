"""Reading back: Neo4j's node and relationship properties as the model's networkx attributes, the inverse
of the rows of :mod:`graph.store.rows` (whose module docstring says how each value is kept; it
introduces :func:`decode_entity` and :class:`EdgeDecoder` as the way back)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from graph.store.rows import PropertyCodec

_ABSENT = object()  # a time scalar the edge does not carry
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


class EdgeDecoder:
    """Decodes the relationships the mirror reads, many at a time, into networkx edge attributes.

    The inverse of :func:`relationship_row`, built for a million edges at a time: every attribute
    dict has the same key objects, the JSON citations of a whole
    batch are parsed with one ``json.loads``, and equal immutable values (types, methods, contexts,
    document ids, quoted lines, years, line numbers, time rules) are one object across all edges. So are
    two values treated as immutable: a citation's ``lines`` pair (one list per distinct pair) and an empty
    time list (``known_years``, ``derived_years``, ``derived_rules``): replace them, never change one in
    place. The loops below dispatch on the value's type inline: a helper call per value cost more than the
    rest of the decoding.

    >>> from graph.model.schema import load_schema
    >>> from graph.store.rows import codec
    >>> dec = EdgeDecoder(codec(load_schema()))
    >>> [(key, data)] = dec.decode(
    ...     [("LEADS", {"id": "r1", "evidence": ['{"document":"d","lines":[3,4],"text":null}']})])
    >>> key, data["evidence"], data["sources"], data["note"]
    ('LEADS', [{'document': 'd', 'lines': [3, 4], 'text': None}], [], None)
    """

    def __init__(self, rules: PropertyCodec, strings: dict[str, str] | None = None) -> None:
        self.rules = rules
        self.strings: dict[str, str] = {} if strings is None else strings
        self.ints: dict[int, int] = {}
        self.floats: dict[float, float] = {}
        lists, maps, json_lists = rules.relationship_lists, rules.relationship_maps, rules.relationship_json_lists
        self._json_lists = json_lists
        self._maps = maps
        self._lists = tuple(n for n in lists if n not in json_lists)
        self._scalars = tuple(n for n in rules.relationship_defaults if n not in lists and n not in maps)
        self._time_lists, self._time_scalars = rules.time_lists, rules.time_scalars
        self.pairs: dict[tuple[Any, ...], list[Any]] = {}  # one list per distinct citation ``lines``
        # every edge's dict starts from this one: the keys are then the same string objects on every edge
        # (the driver makes new ones for every map it reads: a quarter of a mirror's memory at 200 000 edges);
        # a time scalar the edge lacks is dropped again after the merge (the model has no such key)
        self._base: dict[str, Any] = {
            "id": None, "type": None, **dict.fromkeys(rules.relationship_defaults),
            **dict.fromkeys(rules.time_lists), **dict.fromkeys(rules.time_scalars, _ABSENT),
        }  # fmt: skip

    def decode(self, edges: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
        """``[(type, properties)]`` → ``[(edge key, attributes)]``, every schema property present."""
        s, i, f = self.strings.setdefault, self.ints.setdefault, self.floats.setdefault
        interners: dict[type, Callable[[Any, Any], Any]] = {str: s, int: i, float: f}
        shared = interners.get  # Neo4j lists hold one type: the first item's decides
        json_lists, maps, lists, scalars = self._json_lists, self._maps, self._lists, self._scalars
        time_lists, time_scalars = self._time_lists, self._time_scalars
        items = self._citations(edges, shared)
        at = 0
        base = self._base
        out: list[tuple[str, dict[str, Any]]] = []
        for type_, props in edges:
            data = {**base, **props}
            for name in json_lists:
                raw = data[name]
                if raw:
                    n = len(raw)
                    data[name] = items[at : at + n]
                    at += n
                else:
                    data[name] = []
            for name in maps:
                raw = data[name]
                data[name] = json.loads(raw) if type(raw) is str else {} if raw is None else raw
            for name in scalars:
                v = data[name]
                if v is not None and (one := shared(type(v))) is not None:
                    data[name] = one(v, v)
            for name in lists:
                v = data[name]
                if not v:
                    data[name] = []
                elif (one := shared(type(v[0]))) is not None:
                    v[:] = map(one, v, v)  # in place: the driver's list is sized exactly
            for name in time_lists:
                v = data[name]
                if not v:
                    data[name] = _EMPTY
                elif (one := shared(type(v[0]))) is not None:
                    v[:] = map(one, v, v)
            for name in time_scalars:
                v = data[name]
                if v is _ABSENT:
                    del data[name]
                elif v is not None and (one := shared(type(v))) is not None:
                    data[name] = one(v, v)
            type_ = s(type_, type_)
            data["type"] = type_
            context = data.get("context")
            key = type_ if not context else s(f"{type_}@{context}", f"{type_}@{context}")
            out.append((key, data))
        return out

    def _citations(self, edges: list[tuple[str, dict[str, Any]]], shared: Callable[[type], Any]) -> list[Any]:
        """Every citation of ``edges``, in order, parsed with one ``json.loads``; their values shared."""
        pairs = self.pairs
        texts: list[str] = []
        for _, props in edges:
            for name in self._json_lists:
                raw = props.get(name)
                if raw:
                    texts.extend(raw)
        items: list[Any] = json.loads("[" + ",".join(texts) + "]") if texts else []
        for item in items:
            if type(item) is dict:
                for k, v in item.items():  # values replaced in place: the dict's size does not change
                    if v:
                        one = shared(type(v))
                        if one is not None:
                            item[k] = one(v, v)
                        elif type(v) is list and (one := shared(type(v[0]))) is not None:
                            pair = pairs.get(values := tuple(v))
                            item[k] = pair if pair is not None else pairs.setdefault(values, list(map(one, v, v)))
        return items
