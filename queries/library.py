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
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import InputError, InstgraphError, UsageError
from graph.model.holds import CERTAINTIES, cypher_holds_all

if TYPE_CHECKING:  # pragma: no cover - typing only
    import neo4j
    import pandas

QUERY_DIR = Path(__file__).resolve().parent

TYPES: dict[str, str] = {
    "int": "a whole number, e.g. 2007",
    "float": "a number, e.g. 0.5",
    "string": "text",
    "bool": "true or false",
    "list": "a list of strings: a JSON list or comma-separated text",
}

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<type>[a-z]+)\s*(?:=\s*(?P<default>.*?))?\s*(?:--\s*(?P<help>.*))?$"
)
_HEADER = re.compile(r"^//\s*(?P<key>[a-z_]+)\s*:\s*(?P<value>.*?)\s*$")


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a query."""

    name: str
    type: str
    required: bool
    default: Any = None
    help: str = ""

    def signature(self) -> str:
        """How ``--list`` shows it: ``year: int`` or ``limit: int = 20``."""
        if self.required:
            return f"{self.name}: {self.type}"
        return f"{self.name}: {self.type} = {json.dumps(self.default)}"


@dataclass(frozen=True)
class Query:
    """A named Cypher query with its declared parameters."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: str = "<text>"
    json_columns: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise UsageError(f"query {self.name} has no parameter {name!r}; {self._parameters_phrase()}")

    def _parameters_phrase(self) -> str:
        if not self.parameters:
            return "it takes no parameters"
        return "its parameters are " + ", ".join(p.signature() for p in self.parameters)

    def bind(self, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Check ``params`` against the declaration and fill in defaults; raises :class:`UsageError`."""
        params = dict(params or {})
        for name in params:
            self.parameter(name)
        bound: dict[str, Any] = {}
        for p in self.parameters:
            if p.name not in params:
                if p.required:
                    raise UsageError(
                        f"query {self.name}: missing parameter {p.name} ({p.type}); give it as --param {p.name}=VALUE"
                    )
                bound[p.name] = p.default
                continue
            bound[p.name] = check_value(self.name, p, params[p.name])
            if p.name == "certainty" and bound[p.name] not in CERTAINTIES:
                raise UsageError(
                    f"query {self.name}: certainty must be {' or '.join(CERTAINTIES)}, got {bound[p.name]!r}"
                )
        return bound

    def bind_text(self, pairs: Iterable[str]) -> dict[str, Any]:
        """Parse ``key=value`` strings from the command line into typed parameters, then :meth:`bind`."""
        raw: dict[str, Any] = {}
        for key, text in split_pairs(pairs).items():
            raw[key] = coerce_text(self.name, self.parameter(key), text)
        return self.bind(raw)

    def usage(self) -> str:
        """A few lines for ``--list`` and ``describe``: name, description, one line per parameter."""
        lines = [f"{self.name}: {self.description}"]
        for p in self.parameters:
            lines.append(f"    {p.signature()}" + (f"  -- {p.help}" if p.help else ""))
        return "\n".join(lines)


def check_value(query: str, p: Parameter, value: Any) -> Any:
    """Return ``value`` if it fits ``p``'s type (an int is accepted for a float), else raise UsageError."""
    if value is None:
        if p.required:
            raise UsageError(f"query {query}: parameter {p.name} expects {p.type}, got null")
        return None
    ok = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, int | float) and not isinstance(value, bool),
        "string": isinstance(value, str),
        "bool": isinstance(value, bool),
        "list": isinstance(value, list | tuple) and all(isinstance(v, str) for v in value),
    }[p.type]
    if not ok:
        raise UsageError(f"query {query}: parameter {p.name} expects {p.type}, got {type(value).__name__} {value!r}")
    if p.type == "float":
        return float(value)
    if p.type == "list":
        return list(value)
    return value


def coerce_text(query: str, p: Parameter, text: str) -> Any:
    """Turn command-line text into a value of ``p``'s type; ``null`` gives the empty value where allowed."""
    if text.strip().lower() in ("null", "none") and not p.required:
        return None
    try:
        if p.type == "int":
            return int(text.strip())
        if p.type == "float":
            return float(text.strip())
        if p.type == "bool":
            lowered = text.strip().lower()
            if lowered in ("true", "yes", "1"):
                return True
            if lowered in ("false", "no", "0"):
                return False
            raise ValueError(text)
        if p.type == "list":
            stripped = text.strip()
            if stripped.startswith("["):
                value = json.loads(stripped)
                if not isinstance(value, list):
                    raise ValueError(text)
                return [str(v) for v in value]
            return [part.strip() for part in stripped.split(",") if part.strip()]
    except ValueError:
        raise UsageError(
            f"query {query}: parameter {p.name} expects {p.type} ({TYPES[p.type]}), got {text!r}"
        ) from None
    return text


def split_pairs(pairs: Iterable[str]) -> dict[str, str]:
    """``["year=2007", "actor=MSS"]`` → ``{"year": "2007", "actor": "MSS"}``; a repeated key is an error."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"--param {pair!r}: write it as KEY=VALUE, e.g. --param year=2007")
        if key in out:
            raise UsageError(f"--param {key} is given twice; give each parameter once")
        out[key] = value
    return out


def guess_value(text: str) -> Any:
    """A value for ad-hoc Cypher, where nothing declares types: JSON if it parses (2007, true, null,
    ["a"], "2007" quoted), else the text itself.

    >>> guess_value("2007"), guess_value("MSS"), guess_value('"2007"'), guess_value("[1, 2]")
    (2007, 'MSS', '2007', [1, 2])
    """
    try:
        return json.loads(text)
    except ValueError:
        return text


# --- parsing the .cypher files -------------------------------------------------------------------------


_HOLDS_MACRO = re.compile(
    r"\{\{\s*holds(?:\s+in\s+([A-Za-z_][A-Za-z0-9_]*))?\s*:\s*([A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}"
)


def expand_holds(text: str) -> str:
    """Replace each ``{{holds: a, r, b}}`` by the as-of rule for those variables in ``$year`` at
    ``$certainty`` (:func:`graph.model.holds.cypher_holds_all`); ``{{holds in y: a}}`` asks about the year
    in Cypher variable ``y``. The ``.cypher`` files never spell the rule out.

    >>> expand_holds("WHERE {{holds: r}}") == "WHERE " + cypher_holds_all(["r"])
    True
    """
    return _HOLDS_MACRO.sub(
        lambda m: cypher_holds_all([v.strip() for v in m.group(2).split(",")], year=m.group(1) or "$year"), text
    )


def parse_query(text: str, path: str = "<text>") -> Query:
    """Read a query's header; raises :class:`InputError` naming the file and line at fault."""
    name = description = None
    params: list[Parameter] = []
    json_columns: list[tuple[str, tuple[str, ...]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//") or stripped.strip("/ ") == "":
            break  # the header ends at a bare '//' line (free comments follow) or the first line of Cypher
        m = _HEADER.match(stripped)
        if not m:
            raise InputError(path, f"header line {stripped!r} is not '// key: value'; end the header with '//'", number)
        key, value = m["key"], m["value"]
        if key == "name":
            if not _NAME.match(value):
                raise InputError(path, f"query name {value!r} must be lower_snake_case", number)
            name = value
        elif key == "description":
            description = value
        elif key == "param":
            params.append(_parse_param(value, path, number))
        elif key == "json":
            column, arrow, keys = value.partition("->")
            spread = tuple(k.strip() for k in keys.split(",") if k.strip())
            if not column.strip() or (arrow and not spread):
                raise InputError(path, f"cannot read 'json: {value}'; write 'json: COLUMN [-> KEY, ...]'", number)
            json_columns.append((column.strip(), spread))
        else:
            raise InputError(path, f"unknown header key {key!r}; use name, description, param or json", number)
    if name is None:
        raise InputError(path, "the header has no '// name: ...' line", 1)
    if not description:
        raise InputError(path, f"query {name} has no '// description: ...' line", 1)
    seen: set[str] = set()
    for p in params:
        if p.name in seen:
            raise InputError(path, f"parameter {p.name} is declared twice")
        seen.add(p.name)
    text = expand_holds(text)
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", _strip_comments(text)))
    undeclared = sorted(used - seen)
    if undeclared:
        first = undeclared[0]
        raise InputError(path, f"query {name} uses ${first} but declares no '// param: {first}: TYPE'")
    return Query(name, description, tuple(params), text, path, tuple(json_columns))


def _parse_param(value: str, path: str, line: int) -> Parameter:
    m = _PARAM.match(value)
    if not m:
        raise InputError(path, f"cannot read parameter {value!r}; write 'NAME: TYPE [= DEFAULT] [-- help]'", line)
    name, type_, default_text, help_ = m["name"], m["type"], m["default"], (m["help"] or "").strip()
    if type_ not in TYPES:
        raise InputError(path, f"parameter {name}: unknown type {type_!r}; use one of {', '.join(TYPES)}", line)
    if default_text is None:
        return Parameter(name, type_, required=True, help=help_)
    try:
        default = json.loads(default_text)
    except ValueError:
        raise InputError(path, f"parameter {name}: default {default_text!r} is not a JSON value", line) from None
    p = Parameter(name, type_, required=False, default=None, help=help_)
    try:
        default = check_value(f"in {path}", p, default)
    except UsageError as exc:
        raise InputError(path, f"default of {name}: {exc}", line) from None
    return Parameter(name, type_, required=False, default=default, help=help_)


def _strip_comments(text: str) -> str:
    """Cypher without ``//`` comments and string literals, for finding the ``$params`` it uses."""
    text = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", text)
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


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

    Every query in the library only reads; it runs routed to readers in a read transaction.
    """
    query = get_query(name, directory)
    bound = query.bind(params)
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
