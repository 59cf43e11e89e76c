"""A query's declaration: the ``//`` header of a ``queries/*.cypher`` file, its parameters and their
checking, read by :mod:`queries.library` (which loads and runs the queries; see its docstring for the
header's form).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.errors import InputError, UsageError
from graph.model.holds import CERTAINTIES, cypher_holds_all

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
    # Parameters that name something the graph must hold: (parameter, "entity" | "type" | a group such
    # as "Actor", meaning a type of that group); checked by queries.lookup before rows are fetched.
    names: tuple[tuple[str, str], ...] = field(default=())
    # Columns that hold ids: left out of tables for people unless asked (instgraph query --ids).
    id_columns: tuple[str, ...] = field(default=())

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
    h = _Header(path)
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//") or stripped.strip("/ ") == "":
            break  # the header ends at a bare '//' line (free comments follow) or the first line of Cypher
        m = _HEADER.match(stripped)
        if not m:
            raise InputError(path, f"header line {stripped!r} is not '// key: value'; end the header with '//'", number)
        h.read(m["key"], m["value"], number)
    name, description = h.name, h.description
    if name is None:
        raise InputError(path, "the header has no '// name: ...' line", 1)
    if not description:
        raise InputError(path, f"query {name} has no '// description: ...' line", 1)
    seen: set[str] = set()
    for p in h.params:
        if p.name in seen:
            raise InputError(path, f"parameter {p.name} is declared twice")
        seen.add(p.name)
    text = expand_holds(text)
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", _strip_comments(text)))
    undeclared = sorted(used - seen)
    if undeclared:
        first = undeclared[0]
        raise InputError(path, f"query {name} uses ${first} but declares no '// param: {first}: TYPE'")
    unnamed = [p for p, _ in h.names if p not in seen]
    if unnamed:
        raise InputError(path, f"'names: {unnamed[0]} -> ...' names no declared parameter of query {name}")
    return Query(
        name, description, tuple(h.params), text, path, tuple(h.json_columns), tuple(h.names), tuple(h.id_columns)
    )


class _Header:
    """The header lines of one query file, read one key at a time."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.name: str | None = None
        self.description: str | None = None
        self.params: list[Parameter] = []
        self.json_columns: list[tuple[str, tuple[str, ...]]] = []
        self.names: list[tuple[str, str]] = []
        self.id_columns: list[str] = []

    def read(self, key: str, value: str, number: int) -> None:
        path = self.path
        if key == "name":
            if not _NAME.match(value):
                raise InputError(path, f"query name {value!r} must be lower_snake_case", number)
            self.name = value
        elif key == "description":
            self.description = value
        elif key == "param":
            self.params.append(_parse_param(value, path, number))
        elif key == "json":
            column, arrow, keys = value.partition("->")
            spread = tuple(k.strip() for k in keys.split(",") if k.strip())
            if not column.strip() or (arrow and not spread):
                raise InputError(path, f"cannot read 'json: {value}'; write 'json: COLUMN [-> KEY, ...]'", number)
            self.json_columns.append((column.strip(), spread))
        elif key == "names":
            param, arrow, kind = (part.strip() for part in value.partition("->"))
            if not arrow or not param or not kind:
                fix = "write 'names: PARAM -> entity|type|GROUP'"
                raise InputError(path, f"cannot read 'names: {value}'; {fix}", number)
            self.names.append((param, kind))
        elif key == "ids":
            self.id_columns += [c.strip() for c in value.split(",") if c.strip()]
        else:
            raise InputError(
                path, f"unknown header key {key!r}; use name, description, param, json, names or ids", number
            )


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
