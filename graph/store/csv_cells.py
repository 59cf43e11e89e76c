"""Cells of the neo4j-admin import CSV (:mod:`graph.store.admin_csv`), a column at a time.

A column becomes one list of cell texts through C-level passes (a look-up table for numbers, one join per
list), its header typed from the whole column, and it is checked once, as one joined text, for what needs
quoting, for line breaks and for array delimiters inside items. Quoting is what :mod:`csv` does (minimal,
``\n`` line ends), so the files are the ones a csv writer would write.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, repeat
from operator import contains, methodcaller
from typing import Any

from graph.errors import InstgraphError

# Array delimiters tried in turn: the first that appears in no list item is used.
ARRAY_DELIMITERS = (";", "|", "\x1f")
NONE = type(None)


@dataclass
class Findings:
    """What a pass saw: candidate delimiters inside list items, and line breaks inside cells."""

    in_items: set[str] = field(default_factory=set)
    multiline: bool = False


Cells = Callable[[int, int, Findings], tuple[list[str], bool]]
"""The cell texts of a column's rows ``begin:end``, and whether one of them needs quoting; notes in the
:class:`Findings` what they hold."""
Column = tuple[str, Cells]
"""A column: its typed header, and its cells a block of rows at a time."""


# --- cells -------------------------------------------------------------------------------------------------
_NEEDS_QUOTES = re.compile('[,"\n\r]')


def csv_cells(cells: list[str]) -> list[str]:
    """A column that needs quoting as :mod:`csv` writes it. When every cell needs it (JSON citations),
    the quotes are put in by C-level passes."""
    if all(map(contains, cells, repeat('"'))) and not any(map(contains, cells, repeat("\r"))):
        return list(map('"{}"'.format, map(methodcaller("replace", '"', '""'), cells)))
    return list(map(csv_cell, cells))


def csv_cell(cell: str) -> str:
    """``cell`` as :mod:`csv` writes it (quoted if it holds a comma, a quote or a line break)."""
    if "\r" in cell:  # whether a lone carriage return is quoted differs between Pythons: let csv say
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow((cell, ""))
        return out.getvalue()[:-2]
    return '"' + cell.replace('"', '""') + '"' if _NEEDS_QUOTES.search(cell) else cell


def checked(cells: list[str], found: Findings, delimiter: str = "", joins: int = 0) -> bool:
    """Whether some cell needs quoting; notes line breaks and, for arrays (``joins`` items joined with
    ``delimiter``), the candidate delimiters found inside items. One joined text: one scan per question."""
    blob = "\0".join(cells)
    breaks = "\n" in blob or "\r" in blob
    found.multiline |= breaks
    if delimiter:
        for candidate in ARRAY_DELIMITERS:
            if blob.count(candidate) > (joins if candidate == delimiter else 0):
                found.in_items.add(candidate)
    return breaks or "," in blob or '"' in blob


def _looked_up(values: list[Any], kinds: set[type]) -> list[str] | None:
    """Number and boolean cells through a table of the column's distinct values (years and confidences
    repeat), or ``None`` when values that compare equal would print differently (``1``/``1.0``, ``-0.0``)."""
    if len(kinds) != 1:
        return None
    distinct = set(values)
    distinct.discard(None)
    if kinds == {bool}:
        table = {True: "true", False: "false"}
    elif kinds == {int} or 0.0 not in distinct:
        table = {v: str(v) for v in distinct}
    else:
        return None
    table[None] = ""  # type: ignore[index]
    return list(map(table.__getitem__, values))


def _type_suffix(name: str, kinds: set[type], values: Sequence[Any], items: set[type] | None) -> str:
    if kinds <= {bool}:
        return ":boolean" if kinds else ""
    if kinds <= {int}:
        return ":long"
    if kinds <= {int, float}:
        return ":double"
    if kinds <= {str}:
        return ""
    if kinds <= {list, tuple}:
        if items is None:
            items = set(map(type, chain.from_iterable(filter(None, values))))
        if items <= {str}:
            return ":string[]"
        if items <= {int}:
            return ":long[]"
        if items <= {int, float}:
            return ":double[]"
    raise InstgraphError(f"CSV export: property {name!r} mixes types {sorted(k.__name__ for k in kinds)}")


def column(name: str, values: list[Any], kinds: set[type], delimiter: str, items: set[type] | None = None) -> Column:
    """The typed header (from the whole column) and the cells of the stored values of one property
    (``kinds``: their types; ``items``: the types of list items, when they are known)."""
    gaps = NONE in kinds
    kinds = kinds - {NONE}
    suffix = _type_suffix(name, kinds, values, items)
    if suffix == "":
        return name, partial(text_cells, values, gaps)
    if suffix == ":string[]":
        return name + suffix, partial(_string_arrays, values, delimiter)
    if suffix.endswith("[]"):
        return name + suffix, partial(_number_arrays, values, delimiter)
    return name + suffix, partial(_scalars, values, kinds)


def text_cells(values: list[Any], gaps: bool, begin: int, end: int, found: Findings) -> tuple[list[str], bool]:
    """Texts (``None`` as empty where there are ``gaps``)."""
    cells = values[begin:end]
    if gaps:
        cells = [v or "" for v in cells]
    return cells, checked(cells, found)


def constant_cells(value: str, begin: int, end: int, found: Findings) -> tuple[list[str], bool]:
    return [value] * (end - begin), checked([value], found)


def _string_arrays(values: list[Any], delimiter: str, begin: int, end: int, found: Findings
                   ) -> tuple[list[str], bool]:  # fmt: skip
    part = values[begin:end]
    filled = list(filter(None, part))
    cells = list(map(delimiter.join, [v or () for v in part] if len(filled) < len(part) else part))
    return cells, checked(cells, found, delimiter, sum(map(len, filled)) - len(filled))


def _number_arrays(values: list[Any], delimiter: str, begin: int, end: int, _found: Findings
                   ) -> tuple[list[str], bool]:  # fmt: skip
    """Numbers: no delimiter, comma or line break can occur."""
    return [delimiter.join(map(str, v)) if v else "" for v in values[begin:end]], False


def _scalars(values: list[Any], kinds: set[type], begin: int, end: int, _found: Findings) -> tuple[list[str], bool]:
    """Numbers and booleans."""
    part = values[begin:end]
    looked_up = _looked_up(part, kinds)
    if looked_up is None:
        looked_up = ["" if v is None else str(v) for v in part]
    return looked_up, False
