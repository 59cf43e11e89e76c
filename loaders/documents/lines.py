"""How a document becomes numbered lines, and the identity those lines give it.

The one line splitter (:func:`split_lines`: a text file's lines as ``cat -n`` numbers them), the
lines of a structured document (:func:`blocks_to_lines`: a Word file's or a web page's headings,
paragraphs, list items and table rows) and the one document identity (:func:`text_sha256`: the
sha256 of the lines' normalised text).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def split_lines(text: str) -> list[str]:
    """Lines as ``cat -n`` numbers them: split on newline only, a trailing ``\\r`` dropped.

    This is the one line splitter: documents read for extraction and documents a dataset cites are
    numbered by it, so a citation means the same line either way.

    >>> split_lines("a\\r\\nb\\x0cc\\n")
    ['a', 'b\\x0cc']
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if "\r" not in text:
        return lines
    return [s[:-1] if s.endswith("\r") else s for s in lines]


def document_text(lines: Iterable[str]) -> str:
    """The document's normalised text: its lines joined by newlines, with a final newline.

    A document's identity is the sha256 of this text (:func:`text_sha256`), so the same words read
    with or without a final newline, with CRLF or LF line ends, or with a byte-order mark are one
    document; for a plain UTF-8 file ending in a newline it is the file's own sha256.
    """
    return "".join(f"{s}\n" for s in lines)


def text_sha256(text: str) -> str:
    """The identity of a document's text, hex: the sha256 of :func:`document_text` of its lines.

    >>> text_sha256("Tide Office") == text_sha256("Tide Office\\r\\n") == text_sha256("\\ufeffTide Office\\n")
    True
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    return lines_sha256(split_lines(text))


def lines_sha256(lines: Iterable[str]) -> str:
    """The identity of numbered lines, hex (what :func:`text_sha256` gives for their text)."""
    return hashlib.sha256(document_text(lines).encode("utf-8", "surrogatepass")).hexdigest()


def blocks_to_lines(blocks: Iterable[tuple[str, list[str]]]) -> list[str]:
    """Blocks (kind, lines) as numbered lines: a blank line between blocks, none between the items of
    one list or the rows of one table."""
    out: list[str] = []
    previous = None
    for kind, block in blocks:
        block = [s.rstrip() for s in block]
        while block and not block[0].strip():
            block.pop(0)
        while block and not block[-1].strip():
            block.pop()
        if not block:
            continue
        if previous is not None and not (kind == previous and kind in ("item", "row")):
            out.append("")
        out.extend(block)
        previous = kind
    return out


def inline(text: str) -> str:
    """Text on one line: runs of white space (newlines too) as one space, none at the ends."""
    return " ".join(text.split())


def table_row(cells: list[str]) -> str:
    """A table row as the reader reads tables: a Markdown row ("| a | b |"), so a Word or web page table
    is read row by row as a Markdown one is."""
    return "| " + " | ".join(cells) + " |"
