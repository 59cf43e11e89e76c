"""The query library: named, parameterised Cypher in ``queries/*.cypher``, run with checked parameters.

Each ``.cypher`` file holds one query and opens with a header of ``//`` comments::

    // name: as_of_map
    // description: the institutional map in a year
    // param: year: int                 -- the year to look at (required: no default)
    // param: actor: string = null      -- optional: null is the default
    // param: limit: int = 20 -- a default value
    // json: citation -> lines, text    -- a column the store keeps as JSON text: decoded, and with '->'
    //                                     its object spread into the named columns in its place
    //
    // free comments after a bare '//' line

Parameter types are ``int``, ``float``, ``string``, ``bool`` and ``list`` (a list of strings). Parameters are
checked before Neo4j is called: an unknown, missing or wrongly typed one raises :class:`UsageError` naming
the parameter, the type it expects and the query. Results come back as ``list[dict]`` of plain Python
values (nodes, relationships and paths returned by ad-hoc Cypher become dicts and lists).

>>> q = parse_query('''// name: demo
... // description: what a demo returns
... // param: year: int -- the year
... // param: limit: int = 3
... RETURN $year AS year, $limit AS limit''')
>>> q.name, [p.name for p in q.parameters]
('demo', ['year', 'limit'])
>>> q.bind({"year": 2007})
{'year': 2007, 'limit': 3}
>>> q.bind({"year": "2007"})
Traceback (most recent call last):
...
graph.errors.UsageError: query demo: parameter year expects int, got str '2007'
"""


from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import InputError, InstgraphError, UsageError
from queries.header import (
    TYPES,
    Parameter,
    Query,
    check_value,
    coerce_text,
    expand_holds,
    guess_value,
    parse_query,
    split_pairs,
)
from queries.lookup import check_types, entity_params, missing_entity

if TYPE_CHECKING:  # pragma: no cover - typing only
    import neo4j
    import pandas

QUERY_DIR = Path(__file__).resolve().parent
NAMES_QUERY = "entity_names"  # what a parameter naming an entity is checked against

__all__ = [
    "QUERY_DIR",
    "TYPES",
    "Parameter",
    "Query",
    "as_dataframe",
    "check_value",
    "coerce_text",
    "decode_columns",
    "describe",
    "expand_holds",
    "get_query",
    "guess_value",
    "list_queries",
    "parse_query",
    "plain",
    "run",
    "run_cypher",
    "split_pairs",
]


@cache
def _load(directory: Path) -> dict[str, Query]:
    queries: dict[str, Query] = {}
    for path in sorted(directory.glob("*.cypher")):
        q = parse_query(path.read_text("utf-8"), str(path))
        if q.name in queries:
            raise InputError(str(path), f"query name {q.name} is also used by {queries[q.name].path}")
        if q.name != path.stem:
            raise InputError(str(path), f"query name {q.name} differs from the file name {path.stem}", 1)
        queries[q.name] = q
    return queries


def list_queries(directory: Path = QUERY_DIR) -> list[Query]:
    """Every query in the library, by name."""
    return list(_load(directory).values())


def get_query(name: str, directory: Path = QUERY_DIR) -> Query:
    """The query called ``name``; raises :class:`UsageError` listing the known names."""
    queries = _load(directory)
    try:
        return queries[name]
    except KeyError:
        raise UsageError(
            f"no query named {name!r}; known queries: {', '.join(queries)} (instgraph query --list)"
        ) from None


def describe(name: str, directory: Path = QUERY_DIR) -> str:
    """The query's name, description and parameters, as ``instgraph query --list`` shows them."""
    return get_query(name, directory).usage()


# --- running --------------------------------------------------------------------------------------------


def run(
    driver: neo4j.Driver,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str | None = None,
    directory: Path = QUERY_DIR,
) -> list[dict[str, Any]]:
    """Run a named query with checked parameters (before the server is called) and return its rows.

    A parameter naming an entity the server does not hold, or a type the schema does not declare, raises
    :class:`UsageError` with the nearest names (:mod:`queries.lookup`).

    Every query in the library only reads; it runs routed to readers in a read transaction.
    """
    query = get_query(name, directory)
    bound = query.bind(params)
    check_types(query, bound)
    for param, value in entity_params(query, bound):
        if not _execute(driver, get_query(NAMES_QUERY).text, {"text": value}, write=False, database=database):
            every = _execute(driver, get_query(NAMES_QUERY).text, {"text": None}, write=False, database=database)
            names = (n.split("@")[0] for r in every for n in [r["name"], *r["aliases"]])
            raise missing_entity(query, param, value, names)
    rows = _execute(driver, query.text, bound, write=False, database=database)
    return [decode_columns(row, query.json_columns) for row in rows]


def run_cypher(
    driver: neo4j.Driver,
    text: str,
    params: Mapping[str, Any] | None = None,
    *,
    write: bool = False,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """Run ad-hoc Cypher; read-only unless ``write`` (the server refuses writes in a read transaction).

    A refused write raises :class:`UsageError` saying to pass ``write=True`` (``--write`` on the CLI).
    """
    if not text.strip():
        raise UsageError("cypher: the statement is empty")
    return _execute(driver, text, dict(params or {}), write=write, database=database)


def _execute(
    driver: neo4j.Driver, text: str, params: dict[str, Any], *, write: bool, database: str | None
) -> list[dict[str, Any]]:
    from neo4j.exceptions import ClientError, CypherSyntaxError, Neo4jError, ServiceUnavailable

    def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
        result = tx.run(text, params)  # type: ignore[arg-type]
        return [{k: plain(v) for k, v in record.items()} for record in result]

    try:
        with driver.session(database=database) as session:
            if write:
                return session.execute_write(work)
            return session.execute_read(work)
    except CypherSyntaxError as exc:
        raise UsageError(f"cypher: {_first_line(exc.message)}") from None
    except ClientError as exc:
        if exc.code and (".AccessMode" in exc.code or "ForbiddenDueToTransactionType" in exc.code):
            raise UsageError(
                "cypher: the statement writes to the database and runs read-only; add --write to allow it"
            ) from None
        if exc.code and "ParameterMissing" in exc.code:
            raise UsageError(f"cypher: {_first_line(exc.message)}; give it as --param KEY=VALUE") from None
        raise InstgraphError(f"neo4j: {_first_line(exc.message)} ({exc.code})") from None
    except ServiceUnavailable as exc:
        raise InstgraphError(f"cannot reach Neo4j: {exc}; is the server running (instgraph neo4j status)?") from None
    except Neo4jError as exc:
        raise InstgraphError(f"neo4j: {_first_line(exc.message)} ({exc.code})") from None


def _first_line(message: str | None) -> str:
    return (message or "").strip().splitlines()[0] if message and message.strip() else "failed"


def plain(value: Any) -> Any:
    """Neo4j values as plain Python: nodes and relationships become dicts, paths lists, temporals text."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        start = value.start_node.get("id") if value.start_node is not None else None
        end = value.end_node.get("id") if value.end_node is not None else None
        return {"type": value.type, "from": start, "to": end, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        out: list[Any] = [plain(value.start_node)]
        for rel, node in zip(value.relationships, value.nodes[1:], strict=True):
            out += [plain(rel), plain(node)]
        return out
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value  # not JSON after all: leave the text as the store wrote it
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def decode_columns(row: dict[str, Any], columns: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, Any]:
    """Decode the JSON text of ``columns``; a column with keys is replaced, in place, by those keys.

    >>> decode_columns({"a": 1, "c": '{"lines": [3, 4]}', "z": 0}, (("c", ("lines", "text")),))
    {'a': 1, 'lines': [3, 4], 'text': None, 'z': 0}
    """
    for column, keys in columns:
        if column not in row:
            continue
        value = _decode(row[column])
        if not keys:
            row[column] = value
            continue
        obj = value if isinstance(value, dict) else {}
        out: dict[str, Any] = {}
        for k, v in row.items():
            if k == column:
                out.update({key: obj.get(key) for key in keys})
            else:
                out[k] = v
        row = out
    return row


def as_dataframe(rows: list[dict[str, Any]]) -> pandas.DataFrame:
    """Rows as a pandas DataFrame (columns in the query's order); needs pandas installed."""
    try:
        import pandas as pd
    except ImportError:
        raise InstgraphError("as_dataframe needs pandas: install it (pip install pandas)") from None
    return pd.DataFrame.from_records(rows, columns=list(rows[0]) if rows else None)
