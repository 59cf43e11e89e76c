"""Tables typed in plain text: a header and rows between rules of dashes, columns aligned by spaces.

Reports exported to text and briefing notes lay tables out this way::

    ------------------------------------------
    Body              Parent body   Role
    ------------------------------------------
    Quay Agency       MoP           grants
    Harbour Office    MoP / MoH     advice

The reader reads Markdown tables row by row (``| a | b |``); this module gives each line of a plain-text
table that form, cutting the row at the columns where the header's words begin, so an empty cell stays
empty and a cell with one space inside ("Parent body") stays whole. Lines outside such tables are left
alone. The document's own lines, and so its citations, do not change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.documents.clean import clean_line

_RULE = re.compile(r"^\s*[-=\u2013\u2014_]{8,}\s*$")
_GAP = re.compile(r"\S(?:\s{2,})(?=\S)")  # two or more spaces between words separate columns


# A line of a list of abbreviations: "ABC      Agency for Boats and Canals" (columns apart), "ABC: Agency …",
# "- ABC – Agency …", "ABC = Agency …" (whether the letters fit the name is the reader's to check).
GLOSSARY_LINE = re.compile(
    r"^\s*(?:[-*\u2022\u2013]\s+)?([A-Z][A-Za-z0-9&-]{1,9})(?:\s{3,}|\t+|\s*[:=]\s+|\s+[-\u2013\u2014]\s+)"
    r"([A-Z][^\t]{2,120}?)\s*$"
)


# "| Main programme | Quay Digital |": a two-cell row whose first cell is a field's label in sentence case (two or
# three words, the last in lower case), not a name.
_FIELD_ROW = re.compile(r"^\|\s*\**[A-Z][a-z]+(?:\s+[a-z][a-z-]*){1,2}\**\s*\|(?=[^|]*\S)[^|]*\|?\s*$")


def field_label_end(row: str) -> int | None:
    """Where the label cell of a fact sheet's table row ends (its second ``|``), if the row is one.

    >>> field_label_end("| Main programme | Quay Digital |"), field_label_end("| Quay Digital | Ministry of Ports |")
    (17, None)
    """
    return row.index("|", 1) if _FIELD_ROW.match(row) else None


def _columns(header: str) -> list[int]:
    """Where the header's columns begin: its first word, and every word after a gap of two spaces."""
    first = len(header) - len(header.lstrip())
    return [first, *(m.end() for m in _GAP.finditer(header))]


def _cells(line: str, starts: list[int]) -> list[str]:
    bounds = [*starts[1:], max(len(line), starts[-1]) + 1]
    return [line[a:b].strip() for a, b in zip(starts, bounds, strict=True)]


def as_markdown_rows(lines: list[str], raw: Sequence[str] = ()) -> dict[int, str]:
    """The lines (0-based) of plain-text tables, each as a Markdown row; the header's second rule
    becomes the separator row. A table needs a rule, a header of at least two columns, a rule, rows;
    or columns aligned under a header without rules; or, in the ``raw`` lines, cells between tabs."""
    out: dict[int, str] = {}
    i = 0
    while i + 3 < len(lines):
        if not (_RULE.match(lines[i]) and _RULE.match(lines[i + 2])):
            i += 1
            continue
        header = lines[i + 1].rstrip()
        starts = _columns(header)
        if len(starts) < 2:
            i += 1
            continue
        out[i + 1] = "| " + " | ".join(_cells(header, starts)) + " |"
        out[i + 2] = "|" + "---|" * len(starts)
        j = i + 3
        while j < len(lines) and lines[j].strip() and not _RULE.match(lines[j]):
            out[j] = "| " + " | ".join(_cells(lines[j].rstrip(), starts)) + " |"
            j += 1
        i = j
    out |= _aligned_blocks(lines, out)
    return out | _tabbed_blocks(raw, out)


def _tabbed_blocks(raw: Sequence[str], done: dict[int, str]) -> dict[int, str]:
    """Lines whose cells are separated by tabs (a saved page's infobox, a spreadsheet pasted as text),
    two or more in a row: each a row of its own (its cells in the matching view)."""
    tabbed = {i for i, line in enumerate(raw) if i not in done and "\t" in line.strip()}
    runs = sorted(i for i in tabbed if i - 1 in tabbed or i + 1 in tabbed)
    return {i: "| " + " | ".join(clean_line(c).strip() for c in raw[i].strip().split("\t") if c.strip()) + " |"
            for i in runs}


_MIN_ROWS = 2  # besides the header: fewer aligned lines are more likely a layout accident


_DRIFT = 8  # how far a typed cell may start from its header's column (a long cell pushes the next one on)


def _aligned(line: str, starts: list[int]) -> bool:
    """Whether a line's cells begin where the header's columns do (each gap of two spaces or more ends
    right at a column, as in a table typed without rules), or as many cells begin near them."""
    cells = _columns(line.rstrip())
    if len(cells) < 2 or cells[0] != starts[0]:
        return False
    return all(c in starts for c in cells) or (
        len(cells) == len(starts) and all(abs(c - h) <= _DRIFT for c, h in zip(cells, starts, strict=True)))


def _row_cells(line: str, starts: list[int]) -> list[str]:
    """A row's cells: cut at its own gaps where it has one per column, else at the header's columns."""
    own = _columns(line)
    return _cells(line, own if len(own) == len(starts) else starts)


def _aligned_blocks(lines: list[str], done: dict[int, str]) -> dict[int, str]:
    """Tables typed without rules: a block of lines, the first a header of short cells, every line's
    columns beginning where the header's do ("Institution      Role" / "Ministry of Ports  Policy")."""
    out: dict[int, str] = {}
    i = 0
    while i < len(lines):
        header = lines[i].rstrip()
        starts = _columns(header)
        if i in done or len(starts) < 2 or any(len(c) > 40 for c in _cells(header, starts)):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and j not in done and lines[j].strip() and _aligned(lines[j], starts):
            j += 1
        if j - i - 1 < _MIN_ROWS or all(_cells(lines[k], starts)[0].isupper() for k in range(i, j)):
            i += 1  # too few rows, or a glossary ("QDB   Quay Development Board"), read as such
            continue
        out[i] = "| " + " | ".join(_cells(header, starts)) + " |"
        out |= {k: "| " + " | ".join(_row_cells(lines[k].rstrip(), starts)) + " |" for k in range(i + 1, j)}
        i = j
    return out
