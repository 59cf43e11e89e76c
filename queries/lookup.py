"""Parameters that name something, checked before rows are fetched: a name the graph does not hold, or a
type the schema does not declare, is a :class:`UsageError` that says so and suggests the nearest names
(``difflib``), instead of an empty answer that looks like "nothing there".

A query declares such parameters in its header (``// names: body -> entity``, ``// names: actor_type ->
Actor`` for a type of that group); the library calls :func:`check_types` on every run and
:func:`check_entities` with the names the graph holds (Neo4j's, through the ``entity_names`` query, or an
offline graph's). :func:`for_people` leaves a query's id columns (``// ids: ...``) out of a table.

>>> from queries.header import parse_query
>>> q = parse_query('''// name: demo
... // description: d
... // param: kind: string
... // names: kind -> Actor
... RETURN $kind''')
>>> check_types(q, {"kind": "Ministy"})
Traceback (most recent call last):
...
graph.errors.UsageError: query demo: kind 'Ministy' is not a type of Actor; nearest: Ministry
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from graph.errors import UsageError
from graph.model.schema import Schema, load_schema
from queries.header import Query

ENTITY = "entity"
ANY_TYPE = "type"
SUGGESTIONS = 5


def nearest(text: str, names: Iterable[str], n: int = SUGGESTIONS) -> list[str]:
    """The names closest to ``text`` (any case), best first; a name containing the text comes first.

    >>> nearest("Ministy of SMEs", ["Ministry of SMEs and Startups", "MSS", "Ministry of Science"])
    ['Ministry of Science', 'Ministry of SMEs and Startups']
    >>> nearest("Office", ["SMBA Office", "KOSMO"])
    ['SMBA Office']
    """
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(name.casefold(), name)
    key = text.casefold()
    containing = [by_key[k] for k in sorted(by_key) if key and key in k]
    close = [by_key[k] for k in difflib.get_close_matches(key, list(by_key), n=n, cutoff=0.6)]
    return list(dict.fromkeys([*containing, *close]))[:n]


def allowed_types(kind: str, schema: Schema) -> list[str]:
    """The labels a ``names: P -> kind`` parameter may take: every node type and group, or a group and
    its members (``Actor`` itself matches every actor)."""
    if kind == ANY_TYPE:
        return sorted({*schema.node_types, *schema.groups})
    return sorted({schema.check_label(kind), *schema.members(kind)})


def check_types(query: Query, bound: Mapping[str, Any], schema: Schema | None = None) -> None:
    """Raise :class:`UsageError` when a parameter naming a type names none the schema allows."""
    for param, kind in query.names:
        value = bound.get(param)
        if kind == ENTITY or value is None:
            continue
        allowed = allowed_types(kind, schema or load_schema())
        if value in allowed:
            continue
        what = "a type" if kind == ANY_TYPE else f"a type of {kind}"
        near = nearest(str(value), allowed)
        hint = f"nearest: {', '.join(near)}" if near else f"the types: {', '.join(allowed)}"
        raise UsageError(f"query {query.name}: {param} {value!r} is not {what}; {hint}")


def entity_params(query: Query, bound: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The (parameter, value) pairs that name an entity and are set."""
    return [(p, str(bound[p])) for p, kind in query.names if kind == ENTITY and bound.get(p) is not None]


def missing_entity(query: Query, param: str, value: str, names: Iterable[str]) -> UsageError:
    """The error for a parameter naming no entity, with the nearest of ``names`` (names and aliases)."""
    near = nearest(value, names)
    hint = (
        f"; nearest: {', '.join(near)}"
        if near
        else f"; instgraph query search --param text={value} looks for names containing it"
    )
    return UsageError(f"query {query.name}: {param} {value!r} names no entity of the graph{hint}")


def check_entities(query: Query, bound: Mapping[str, Any], held: Mapping[str, Iterable[str]]) -> None:
    """Raise :class:`UsageError` when a parameter names no entity of ``held`` (id → its name and aliases)."""
    for param, value in entity_params(query, bound):
        needle = value.casefold()
        if value in held or any(n.split("@")[0].casefold() == needle for ns in held.values() for n in ns):
            continue
        raise missing_entity(query, param, value, (n.split("@")[0] for ns in held.values() for n in ns))


def for_people(rows: list[dict[str, Any]], query: Query | None) -> list[dict[str, Any]]:
    """``rows`` without the query's id columns (for a table; JSON and CSV keep them)."""
    hidden = set(query.id_columns) if query is not None else set()
    if not hidden:
        return rows
    return [{k: v for k, v in row.items() if k not in hidden} for row in rows]
