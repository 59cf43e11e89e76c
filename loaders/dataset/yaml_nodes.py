"""Reading the composed YAML tree node by node, so every error names the file and the line at fault:
values, mappings of known keys, lists, properties typed by the schema, and citations of lines."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from graph.errors import InputError
from graph.model.schema import PropertySpec, Schema
from loaders.dataset.specs import Citation, DocumentSpec

# Integers Neo4j can store (64-bit); a larger year or figure is a typo.
_INT64 = (-(2**63), 2**63 - 1)


def node_line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class NodeReader:
    """Walks the composed YAML tree, so every error can name the line of the item at fault."""

    def __init__(self, text: str, path: str, schema: Schema) -> None:
        self.text, self.path, self.schema = text, path, schema
        try:
            self.loader = yaml.SafeLoader(text)
        except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
            line = text[: exc.position].count("\n") + 1
            raise self.error(
                line, f"not valid YAML: the control character U+{int(exc.character):04X} is not allowed; remove it"
            ) from None

    def error(self, node: yaml.Node | int | None, message: str) -> InputError:
        line = node if isinstance(node, int) or node is None else node_line(node)
        return InputError(self.path, message, line)

    # -- generic node readers ---------------------------------------------------------------------
    def value(self, node: yaml.Node) -> Any:
        try:
            raw = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            # e.g. a !!python/... tag, a << merge key, a date like 2001-13-45
            problem = getattr(exc, "problem", None) or str(exc)
            raise self.error(
                node,
                f"cannot read this value ({' '.join(str(problem).split())}); "
                "write plain text, numbers, lists and mappings (no !!tags, no << merge keys)",
            ) from None
        if isinstance(raw, bytes):
            raise self.error(node, "a !!binary value is not allowed; write the text itself")
        _check_text(raw, lambda message: self.error(node, message))
        return raw

    def mapping(
        self, node: yaml.Node, what: str, allowed: Iterable[str] | None = None
    ) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, f"{what} must be a mapping of keys to values")
        out: dict[str, yaml.Node] = {}
        allowed_set = tuple(allowed) if allowed is not None else None
        for key_node, value_node in node.value:
            key = self.value(key_node)
            if not isinstance(key, str):
                raise self.error(key_node, f"{what}: keys must be text, not {key!r}")
            if key in out:
                raise self.error(
                    key_node, f"{what}: key {key!r} is given twice (first at line {node_line(out[key])})"
                )
            if allowed_set is not None and key not in allowed_set:
                hint = suggest(key, allowed_set)
                raise self.error(
                    key_node, f"{what}: unknown key {key!r}{hint}; allowed: {', '.join(allowed_set)}"
                )
            out[key] = value_node
        return out

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if isinstance(node, yaml.ScalarNode) and self.value(node) is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, f"{what} must be a list")
        return list(node.value)

    def typed(self, spec: PropertySpec, node: yaml.Node, what: str) -> Any:
        """A property value checked against its type in the schema."""
        raw = self.value(node)
        if raw is None:
            return None
        kind = spec.type
        if kind == "int":
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise self.error(node, f"{what}: {spec.name} must be a year or whole number, not {raw!r}")
            if not _INT64[0] <= raw <= _INT64[1]:
                raise self.error(node, f"{what}: {spec.name} {raw} is too large; give a year or a smaller number")
            if raw < 0:
                # every whole-number property is a year or a count
                raise self.error(node, f"{what}: {spec.name} {raw} is negative; give a year or a count")
            return raw
        if kind == "float":
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                raise self.error(node, f"{what}: {spec.name} must be a number, not {raw!r}")
            return float(raw)
        if kind == "string":
            if isinstance(raw, dt.date):
                return raw.isoformat()
            if isinstance(raw, list | dict):
                raise self.error(node, f"{what}: {spec.name} must be text, not a {type(raw).__name__}")
            return str(raw)
        if kind == "enum":
            if raw not in spec.values:
                raise self.error(
                    node, f"{what}: {spec.name} {raw!r} is not allowed; allowed: {', '.join(spec.values)}"
                )
            return raw
        if kind == "list":
            items = [raw] if isinstance(raw, str) else raw
            if not isinstance(items, list) or not all(isinstance(i, str | int | float) for i in items):
                raise self.error(node, f"{what}: {spec.name} must be a list of texts")
            return [str(i) for i in items]
        if kind == "map":
            if not isinstance(raw, dict):
                raise self.error(node, f"{what}: {spec.name} must be a mapping of names to values")
            return {str(k): str(v) for k, v in raw.items()}
        raise self.error(node, f"{what}: the schema gives {spec.name} the unknown type {kind!r}")

    # -- citations ------------------------------------------------------------------------------------
    def citations(
        self, node: yaml.Node, what: str, documents: Mapping[str, DocumentSpec | None]
    ) -> tuple[Citation, ...]:
        out: list[Citation] = []
        form = "cite as {document: 36}, {document: [36, 38]} or {document: [[36, 38], [82, 83], 90]}"
        for key, spans_node in self.mapping(node, f"{what}: cite").items():
            if key not in documents:
                hint = suggest(key, documents)
                known = ", ".join(documents) or "none (add a `documents:` section)"
                raise self.error(
                    spans_node, f"{what}: cites unknown document {key!r}{hint}; documents: {known}"
                )
            raw = self.value(spans_node)
            spans = _spans(raw)
            if spans is None:
                ambiguous = isinstance(raw, list) and len(raw) > 2 and all(_is_line(x) for x in raw)
                why = (
                    "is ambiguous (a span is [first, last])"
                    if ambiguous
                    else "is not a line or a list of spans"
                )
                raise self.error(spans_node, f"{what}: citation {raw!r} {why}; {form}")
            doc = documents[key]
            for first, last in spans:
                if first < 1 or last < first:
                    raise self.error(
                        spans_node, f"{what}: bad line span {first}-{last} in {key}; lines start at 1"
                    )
                total = doc.get("lines") if doc is not None else None
                if isinstance(total, int) and last > total:
                    raise self.error(
                        spans_node, f"{what}: line {last} is out of range; document {key} has {total} lines"
                    )
                out.append(Citation(key, first, last, node_line(spans_node)))
        return tuple(out)


def _check_text(value: Any, error: Any) -> None:
    """Raise ``error(message)`` if a string in ``value`` holds an unpaired surrogate (from a ``\\ud800``
    escape): it cannot be written as UTF-8, so Neo4j, JSON and HTML would all fail on it later."""
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                bad = item[exc.start]
                raise error(
                    f"text {item[:40]!r} holds the unpaired surrogate \\u{ord(bad):04x}, which is not a "
                    "character; write the character itself (the file is UTF-8)"
                ) from None
        elif isinstance(item, list | dict) and id(item) not in seen:
            seen.add(id(item))
            stack.extend(item.items() if isinstance(item, dict) else item)
        elif isinstance(item, tuple):
            stack.extend(item)


def _is_line(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _spans(raw: Any) -> list[tuple[int, int]] | None:
    """Line spans from a citation: ``36``, ``[36, 38]``, or a list of lines and spans; None if malformed."""
    if _is_line(raw):
        return [(raw, raw)]
    if not isinstance(raw, list) or not raw:
        return None
    if all(_is_line(x) for x in raw):
        return [(raw[0], raw[-1])] if len(raw) <= 2 else None
    spans = []
    for item in raw:
        if _is_line(item):
            spans.append((item, item))
        elif isinstance(item, list) and len(item) in (1, 2) and all(_is_line(x) for x in item):
            spans.append((item[0], item[-1]))
        else:
            return None
    return spans


def fold(text: str) -> str:
    """Case- and space-insensitive key for matching references."""
    return " ".join(text.split()).casefold()


def suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
