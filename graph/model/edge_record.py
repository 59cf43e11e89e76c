"""Compact relationship attributes for big networkx mirrors: the model's dicts, held in slots.

A mirror of a million relationships spent ~460 B per edge on its attribute dict, ~250 B on its citations
(a list of ``{document, lines, text}`` dicts), ~90 B on its ``sources`` list and ~180 B on the dict
networkx keeps per pair of nodes (``{key: attributes}``). A record made by :func:`record_type` holds the
same keys in the fields of a ``msgspec.Struct`` (~160 B: made in C, ten times faster than a Python
``__init__``, and not tracked by the cyclic garbage collector, which then never walks a million of
them); its citations are one flat tuple ``(document, (first, last), text, …)`` and its other lists tuples
(equal ones shared) until they are first read, when they become the model's lists and stay them. An
:class:`OneEdge` holds a pair's single key and attributes in two fields.

Both are mutable mappings: networkx, the analyses and the views read them like the dicts they stand for
(``d["type"]``, ``d.get("start")``, ``dict(d)``, ``d == other``). A key a record does not hold is missing
as in a dict; keys outside its slots go to a small dict of their own. Copies and pickles are plain dicts.

>>> Record = record_type(("type", "evidence", "sources", "not_before"), citations=("evidence",), lists=("sources",))
>>> r = Record("LEADS", ("document:d", (3, 4), None), ("document:d",), ABSENT)
>>> r["evidence"], r["sources"], "not_before" in r, r.get("not_before", "-")
([{'document': 'document:d', 'lines': [3, 4], 'text': None}], ['document:d'], False, '-')
>>> r == {"type": "LEADS", "evidence": [{"document": "document:d", "lines": [3, 4], "text": None}],
...       "sources": ["document:d"]}
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from functools import cache
from typing import Any, ClassVar

import msgspec

ABSENT: Any = object()  # a slot's value when the record does not hold its key (a dict would lack it)


def _citations(flat: tuple[Any, ...]) -> list[dict[str, Any]]:
    """``(document, (first, last), text, …)`` as the model's citations: new dicts."""
    return [{"document": flat[i], "lines": list(flat[i + 1]), "text": flat[i + 2]} for i in range(0, len(flat), 3)]


class _Mapping(msgspec.Struct, gc=False, eq=False):
    """What a record and a pair share: the mutable mapping's methods (a ``Struct`` cannot take
    ``MutableMapping`` as a base, so the classes are registered with it and take its helpers)."""

    pop = MutableMapping.pop
    popitem = MutableMapping.popitem
    clear = MutableMapping.clear
    update = MutableMapping.update
    setdefault = MutableMapping.setdefault
    __hash__ = None  # type: ignore[assignment]  # mutable, like the dict it stands for

    def as_dict(self) -> dict[Any, Any]:
        raise NotImplementedError

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __repr__(self) -> str:
        return repr(self.as_dict())

    def __reduce__(self) -> tuple[Callable[..., dict[Any, Any]], tuple[dict[Any, Any]]]:
        return dict, (self.as_dict(),)

    def __copy__(self) -> dict[Any, Any]:
        return self.as_dict()


class EdgeRecord(_Mapping, kw_only=True):
    """The base of :func:`record_type`'s classes: the mapping, over fields named ``f_<key>``."""

    _extra: dict[str, Any] | None = None  # keys outside the fields
    _slot_of: ClassVar[dict[str, str]] = {}  # key -> attribute holding its value

    def __getitem__(self, key: str) -> Any:
        slot = self._slot_of.get(key)
        if slot is None:
            if self._extra is None:
                raise KeyError(key)
            return self._extra[key]
        value = getattr(self, slot)
        if value is ABSENT:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        slot = self._slot_of.get(key) if type(key) is str else None
        if slot is None:
            return self._extra is not None and key in self._extra
        return getattr(self, slot) is not ABSENT

    def __setitem__(self, key: str, value: Any) -> None:
        slot = self._slot_of.get(key)
        if slot is not None:
            setattr(self, slot, value)
            return
        if self._extra is None:
            self._extra = {}
        self._extra[key] = value

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        slot = self._slot_of.get(key)
        if slot is not None:
            setattr(self, slot, ABSENT)
        elif self._extra is not None:
            del self._extra[key]

    def as_dict(self) -> dict[str, Any]:
        """The plain dict this record stands for (a new one each time)."""
        out = {k: v for k, slot in self._slot_of.items() if (v := getattr(self, slot)) is not ABSENT}
        return {**out, **self._extra} if self._extra else out

    # whole-mapping reads go through one dict: faster than the mixin's key-by-key views
    def __iter__(self) -> Iterator[str]:
        return iter(self.as_dict())

    def __len__(self) -> int:
        return len(self.as_dict())

    def keys(self) -> Any:
        return self.as_dict().keys()

    def items(self) -> Any:
        return self.as_dict().items()

    def values(self) -> Any:
        return self.as_dict().values()

    def copy(self) -> dict[str, Any]:
        return self.as_dict()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EdgeRecord):
            return self.as_dict() == other.as_dict()
        if isinstance(other, dict):
            return self.as_dict() == other
        return NotImplemented


MutableMapping.register(EdgeRecord)


def _lazy(slot: str, expand: Callable[[tuple[Any, ...]], list[Any]]) -> property:
    """A property over ``slot`` that turns a tuple into the list the model holds the first time it is read."""

    def read(self: EdgeRecord) -> Any:
        value = getattr(self, slot)
        if type(value) is tuple:
            value = expand(value)
            setattr(self, slot, value)
        return value

    def write(self: EdgeRecord, value: Any) -> None:
        setattr(self, slot, value)

    return property(read, write)


@cache
def record_type(
    keys: tuple[str, ...], citations: tuple[str, ...] = (), lists: tuple[str, ...] = ()
) -> type[EdgeRecord]:
    """A record class holding ``keys`` in this order: ``cls(*values)`` (:data:`ABSENT` for a key it lacks).

    The values of the ``citations`` keys may be given as flat ``(document, (first, last), text, …)``
    tuples, those of the ``lists`` keys as tuples (equal ones may be one object: the record hands out a
    list of its own).
    """
    lazy: dict[str, Callable[[tuple[Any, ...]], list[Any]]] = {k: list for k in lists}
    lazy.update((k, _citations) for k in citations)
    fields = [(f"f_{k}", Any) for k in keys]
    cls: type[EdgeRecord] = msgspec.defstruct(  # type: ignore[assignment]  # a subclass of its base
        "Record", fields, bases=(EdgeRecord,), gc=False, eq=False
    )
    for k, expand in lazy.items():
        setattr(cls, f"p_{k}", _lazy(f"f_{k}", expand))
    cls._slot_of = {k: f"p_{k}" if k in lazy else f"f_{k}" for k in keys}
    return cls


class OneEdge(_Mapping):
    """The edges between two nodes as networkx keeps them, ``{key: attributes}``, for the usual case of
    one: two fields instead of a dict (~40 B instead of ~180 B). A second key moves them into a dict.

    >>> pair = OneEdge("LEADS", {"type": "LEADS"})
    >>> pair["IMPLEMENTS"] = {"type": "IMPLEMENTS"}
    >>> sorted(pair), pair == {"LEADS": {"type": "LEADS"}, "IMPLEMENTS": {"type": "IMPLEMENTS"}}
    (['IMPLEMENTS', 'LEADS'], True)
    """

    _key: Any
    _value: Any
    _more: dict[Any, Any] | None = None
    def as_dict(self) -> dict[Any, Any]:
        more = self._more
        return dict(more) if more is not None else {self._key: self._value}

    def __getitem__(self, key: Any) -> Any:
        more = self._more
        if more is not None:
            return more[key]
        if key == self._key:
            return self._value
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        more = self._more
        return key in more if more is not None else key == self._key

    def __setitem__(self, key: Any, value: Any) -> None:
        if self._more is None and key == self._key:
            self._value = value
        else:
            if self._more is None:
                self._more = {self._key: self._value}
                self._key = self._value = None
            self._more[key] = value

    def __delitem__(self, key: Any) -> None:
        if key not in self:
            raise KeyError(key)
        if self._more is None:
            self._more = {}
            self._key = self._value = None
        else:
            del self._more[key]

    def __iter__(self) -> Iterator[Any]:
        more = self._more
        return iter(more) if more is not None else iter((self._key,))

    def __len__(self) -> int:
        more = self._more
        return len(more) if more is not None else 1

    # what networkx and the readers call per pair of nodes: answered without the mixin's Python views
    def items(self) -> Any:
        more = self._more
        return more.items() if more is not None else {self._key: self._value}.items()

    def values(self) -> Any:
        more = self._more
        return more.values() if more is not None else {self._key: self._value}.values()

    def keys(self) -> Any:
        more = self._more
        return more.keys() if more is not None else {self._key: self._value}.keys()

    def get(self, key: Any, default: Any = None) -> Any:
        more = self._more
        if more is not None:
            return more.get(key, default)
        return self._value if key == self._key else default

    def copy(self) -> dict[Any, Any]:
        return self.as_dict()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OneEdge):
            return self.as_dict() == other.as_dict()
        if isinstance(other, dict):
            return self.as_dict() == other
        return NotImplemented


MutableMapping.register(OneEdge)
