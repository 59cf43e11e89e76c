"""Tables in a PDF page, read from its layout text and written back as Markdown rows.

pypdf's plain text puts each cell of a table on its own line, so a row loses its columns. Its layout
mode keeps them, aligned by spaces::

    Programme          Lead body        Period
    Harbour Connect    Quay Agency;     from 2012
                       Dock Board
    Quay Voucher       Dock Board       2021

A table there is a header and rows whose cells start where the header's do, a cell having words
joined by single spaces (justified prose has only wide gaps); a line that starts past the first
column goes on the row before it. The plain lines from the header to the line after the table are
replaced by the table as Markdown (``| a | b |``, with a separator under the header), which the
reader reads row by row. A table whose lines cannot be found in the plain text is left as it was.
"""

from __future__ import annotations

import re

_GAP = re.compile(r"\S(\s{3,})(?=\S)")  # three or more spaces between words separate columns
_SINGLE = re.compile(r"\S \S")


def _starts(line: str) -> list[int]:
    """Where a line's cells begin."""
    first = len(line) - len(line.lstrip())
    return [first, *(m.end() for m in _GAP.finditer(line))]


def _columned(line: str) -> bool:
    """A line of cells: a gap of three spaces, and words joined by single spaces somewhere."""
    return _GAP.search(line) is not None and _SINGLE.search(line) is not None


def _aligned(starts: list[int], columns: list[int]) -> bool:
    """Whether a row's cells begin where the header's columns do (two columns at least, or one past the first)."""
    near = sum(any(abs(s - c) <= 2 for c in columns) for s in starts)
    return near >= min(2, len(starts)) and near == len(starts)


def _cells(line: str, columns: list[int]) -> list[str]:
    bounds = [*columns[1:], max(len(line), columns[-1]) + 1]
    return [line[max(0, a - 2) if i else a : b].strip() for i, (a, b) in enumerate(zip(columns, bounds, strict=True))]


def _table_at(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """The table whose header is line ``i`` (header and rows as cells) and the index after it."""
    columns = _starts(lines[i])
    if len(columns) < 2:
        return None
    rows = [_cells(lines[i], columns)]
    j = i + 1
    while j < len(lines) and lines[j].strip():
        line = lines[j]
        indent = len(line) - len(line.lstrip())
        if indent >= columns[1] - 2:  # a cell's second line: goes on the row above (the header's too)
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], _cells(line, columns), strict=True)]
        elif _columned(line) and _aligned(_starts(line), columns):
            rows.append(_cells(line, columns))
        else:
            break
        j += 1
    return (rows, j) if len(rows) > 2 else None


def _squeezed(line: str) -> str:
    return " ".join(line.split())


def tabled_lines(plain: list[str], layout: str) -> list[str]:
    """A page's plain lines with each table the layout text shows written as Markdown rows."""
    lines = [s.rstrip() for s in layout.split("\n")]
    out = list(plain)
    i = 0
    while i < len(lines):
        found = _table_at(lines, i) if _columned(lines[i]) else None
        if found is None:
            i += 1
            continue
        rows, after = found
        firsts = (_squeezed(lines[i]), rows[0][0])  # the header's line, or its first cell on a line alone
        i = after
        _replace(out, rows, firsts, next((_squeezed(s) for s in lines[after:] if s.strip()), None))
    return out


def _replace(out: list[str], rows: list[list[str]], firsts: tuple[str, str], next_line: str | None) -> None:
    """Put the Markdown rows where the table's plain lines are: from its header to the line after it."""
    squeezed = [_squeezed(s) for s in out]
    start = next((squeezed.index(f) for f in firsts if f in squeezed), None)
    if start is None:
        return
    end = squeezed.index(next_line, start) if next_line is not None and next_line in squeezed[start:] else None
    if end is None and next_line is not None:
        return
    markdown = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    markdown += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    out[start : len(out) if end is None else end] = markdown
