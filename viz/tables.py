"""Rows as text, for every command and the report: an aligned table for people, JSON and CSV for programs,
Markdown for the report.

Rows are ``list[dict]`` (a query's rows, a centrality table); columns come in the rows' key order.

>>> rows = [{"year": 2005, "groups": 2, "members": [["MIC"], ["MKE"]], "note": None}]
>>> print(render(rows, "table"), end="")
year  groups  members       note
----  ------  ------------  ----
2005  2       [MIC], [MKE]
>>> print(render(rows, "csv"), end="")
year,groups,members,note
2005,2,"[[""MIC""], [""MKE""]]",
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from graph.errors import UsageError

FORMATS: tuple[str, ...] = ("table", "json", "csv")


def render(rows: Sequence[dict[str, Any]], fmt: str = "table") -> str:
    """``rows`` as ``table``, ``json`` or ``csv`` text (ending with a newline unless empty)."""
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "table":
        return to_table(rows)
    raise UsageError(f"--format {fmt!r} is unknown; use one of {', '.join(FORMATS)}")


def to_json(rows: Any) -> str:
    """Rows (or any JSON-able value) as indented JSON; values JSON cannot hold (dates, points) become their text."""
    return json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n"


def _columns(rows: Sequence[dict[str, Any]]) -> list[str]:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """CSV with a header; lists and maps are written as JSON so they can be read back."""
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_columns(rows), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, list | dict) else v
                for k, v in row.items()
            }
        )
    return buffer.getvalue()


def cell(value: Any) -> str:
    """One value as table text: empty for null, lists joined by commas, nested lists bracketed.

    >>> cell(None), cell([36, 37]), cell([["a", "b"], ["c"]]), cell({"k": 1})
    ('', '36, 37', '[a, b], [c]', '{"k": 1}')
    """
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, list):
        return ", ".join(f"[{cell(v)}]" if isinstance(v, list) else cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def to_table(rows: Sequence[dict[str, Any]]) -> str:
    """Columns padded to their widest cell, a rule under the header; empty text for no rows."""
    if not rows:
        return ""
    columns = _columns(rows)
    body = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in body)) for i, c in enumerate(columns)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(text.ljust(width) for text, width in zip(cells, widths, strict=True)).rstrip()

    out = [line(columns), line(["-" * w for w in widths]), *(line(r) for r in body)]
    return "\n".join(out) + "\n"


def markdown_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A GitHub Markdown table of the chosen columns, numbers to three decimals.

    >>> print(markdown_table([{"a": 1, "b": 0.5, "c": ["x", "y"]}], ["a", "b", "c"]))
    | a | b | c |
    |---|---|---|
    | 1 | 0.500 | x, y |
    """
    head = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns)
    body = ["| " + " | ".join(f"{r[c]:.3f}" if isinstance(r[c], float) else cell(r[c]) for c in columns) + " |"
            for r in rows]
    return "\n".join([head, *body])
