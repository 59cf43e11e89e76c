"""A document: its numbered lines with their matching view, its identity and the metadata it states;
and the limit on the size of one document.

>>> doc = document_from_lines(["Tide tables", "", "The Harbour Board set them in 1990."], "tides.txt")
>>> doc.title, doc.line(3), doc.span_text(1, 3)
('Tide tables', 'The Harbour Board set them in 1990.', 'Tide tables The Harbour Board set them in 1990.')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError
from graph.model import document_id
from loaders.documents.clean import clean_lines
from loaders.documents.dates import normalise_date
from loaders.documents.lines import lines_sha256, split_lines
from loaders.documents.metadata import stated_metadata

# One document is read whole into memory; beyond this a file is refused before it is read.
MAX_DOCUMENT_BYTES = 100 * 2**20


@dataclass(frozen=True)
class Document:
    """A document's text as numbered lines, with its identity and the metadata it states.

    ``lines[i]`` is line ``i + 1``; ``clean[i]`` is its matching view. ``title``, ``author`` and ``date``
    are what the document states (or what the caller gave); ``date`` is ISO 8601 as precise as stated:
    ``"2024-10-14"``, ``"2024-09"`` or ``"2023"``. ``format`` is ``text``, ``markdown``, ``pdf``,
    ``docx`` or ``html``. ``warnings`` holds anything the reader had to guess (a fallback encoding, a
    page without text).
    """

    id: str
    sha256: str
    path: str
    lines: tuple[str, ...]
    clean: tuple[str, ...]
    title: str | None = None
    author: str | None = None
    date: str | None = None
    format: str = "text"
    warnings: tuple[str, ...] = ()

    def line(self, number: int) -> str:
        """The original text of 1-based line ``number``."""
        return self.lines[number - 1]

    def span_text(self, first: int, last: int) -> str:
        """Original lines ``first..last`` joined by single spaces (stripped), for evidence."""
        if first == last:  # most evidence is one line
            return self.lines[first - 1].strip()
        return " ".join(s.strip() for s in self.lines[first - 1 : last] if s.strip())

    @property
    def file_name(self) -> str | None:
        """The name of the file it was read from (no directories); None for text not read from a file."""
        if self.path.startswith("<") and self.path.endswith(">"):
            return None
        return Path(self.path).name or None

    @property
    def name(self) -> str:
        """A display name: the stated title, else the file name."""
        return self.title or Path(self.path).name or self.id

    @property
    def size(self) -> int:
        """Characters of text (for throughput figures)."""
        return sum(len(s) + 1 for s in self.lines)


def document_from_lines(
    lines: list[str],
    path: str,
    fmt: str = "text",
    warnings: tuple[str, ...] = (),
    title: str | None = None,
    author: str | None = None,
    date: str | None = None,
    footer: Iterable[str] = (),
) -> Document:
    """A :class:`Document` from its numbered lines (identity = :func:`text_sha256` of the lines).

    ``title``, ``author`` and ``date`` given (by the file's own properties or by the caller) win over
    what the text states at its head; ``footer`` holds more lines to look for the date in.
    """
    if not any(s.strip() for s in lines):
        raise InputError(path, "has no text (empty or only blank lines); check the file")
    digest = lines_sha256(lines)
    clean = clean_lines(lines)
    s_title, s_author, s_date = stated_metadata(clean, extra=clean_lines(list(footer)) if footer else ())
    return Document(
        id=document_id(digest),
        sha256=digest,
        path=path,
        lines=tuple(lines),
        clean=clean,
        title=title or s_title,
        author=author or s_author,
        date=date or s_date,
        format=fmt,
        warnings=warnings,
    )


def document_from_text(text: str, path: str = "<text>", fmt: str = "text", *, date: str | None = None) -> Document:
    """A :class:`Document` from text already decoded (``date``: the publication date, if known)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return document_from_lines(split_lines(text), path, fmt, date=normalise_date(date) if date else None)
