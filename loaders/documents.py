"""Read documents (.txt, .md, .pdf) into numbered lines with their identity and stated metadata.

Line numbers are those of ``cat -n`` on a text file: lines are split on ``\\n`` only (a trailing ``\\r``
is dropped), so a citation "lines 36-37" points at the same lines a reader sees. Matching works on a
parallel *clean* view (curly quotes straightened, dashes and odd spaces made plain); evidence always
quotes the original line.

>>> doc = document_from_text("Notes\\n\\nThe “Harbour Agency” was set up in 1990.\\n", "notes.txt")
>>> doc.line(3)
'The “Harbour Agency” was set up in 1990.'
>>> doc.clean[2]
'The "Harbour Agency" was set up in 1990.'
>>> doc.title, len(doc.lines)
('Notes', 3)
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError, InstgraphError
from graph.model import document_id

# Characters that mean the same thing to a reader but not to a pattern.
_CLEAN_TABLE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\t": " ",
        "\u200b": None,
        "\ufeff": None,
        "\u00ad": None,
        "\u2022": "-",
        "\u25aa": "-",
        "\u25cf": "-",
        "\u25e6": "-",
        "\u2023": "-",
        "\u2043": "-",
        "\u25a0": "-",
        "\u2026": "...",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The table as (character, replacement) pairs: replacing each one present, in turn, is a fast scan of
# the text per pair, where str.translate with a dict looks up every character. (No replacement makes
# a character of the table, so the order does not matter.)
_CLEAN_PAIRS = tuple((chr(c), r or "") for c, r in _CLEAN_TABLE.items())


def _clean_text(text: str) -> str:
    for ch, replacement in _CLEAN_PAIRS:
        if ch in text:
            text = text.replace(ch, replacement)
    return text


# One document is read whole into memory; beyond this a file is refused before it is read.
MAX_DOCUMENT_BYTES = 100 * 2**20
_BINARY_SAMPLE = 8192


def clean_line(line: str) -> str:
    """The matching view of one line: plain quotes, dashes, spaces and bullets; original words.

    >>> clean_line("\u2022 Formerly the \u201cOld Board\u201d \u2013 1990\u20132001")
    '- Formerly the "Old Board" - 1990-2001'
    """
    if line.isascii():
        return line.replace("\t", " ").replace("`", "'")
    return _clean_text(unicodedata.normalize("NFKC", _clean_text(line)))


def clean_lines(lines: list[str]) -> tuple[str, ...]:
    """:func:`clean_line` of every line, control characters made spaces: the document's matching view.

    Done on the whole text at once (a newline is a boundary for NFKC, and no cleaning makes one), so
    a scan per character to replace and one normalisation serve the document instead of a call per line.

    >>> clean_lines(["a\u2013b", "\u201cq\u201d\x07"])
    ('a-b', '"q" ')
    """
    return tuple(_CONTROL.sub(" ", clean_line("\n".join(lines))).split("\n"))


@dataclass(frozen=True)
class Document:
    """A document's text as numbered lines, with its identity and the metadata it states.

    ``lines[i]`` is line ``i + 1``; ``clean[i]`` is its matching view. ``warnings`` holds anything the
    reader had to guess (a fallback encoding, a page without text).
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
    def name(self) -> str:
        """A display name: the stated title, else the file name."""
        return self.title or Path(self.path).name or self.id

    @property
    def size(self) -> int:
        """Characters of text (for throughput figures)."""
        return sum(len(s) + 1 for s in self.lines)


# --- metadata the document states ---------------------------------------------------------------------
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_DMY = re.compile(rf"^(?:date[d]?:?\s*)?(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+((?:19|20)\d\d)$", re.I)
_DATE_MDY = re.compile(rf"^(?:date[d]?:?\s*)?({_MONTH_RE})\.?\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)$", re.I)
_DATE_MY = re.compile(rf"^(?:date[d]?:?\s*)?({_MONTH_RE})\.?,?\s+((?:19|20)\d\d)$", re.I)
_DATE_ISO = re.compile(r"^(?:date[d]?:?\s*)?((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?$", re.I)
_AUTHOR_TAGGED = re.compile(r"^(?:by|authors?|prepared by|written by)\s*:?\s+(.+)$", re.I)
# "Jane Doe, Policy Analyst": two to four capitalised words, a comma, then a role.
_AUTHOR_ROLE = re.compile(r"^((?:[A-Z][\w.'-]+\s+){1,3}[A-Z][\w.'-]+),\s+[A-Za-z][\w .,&-]{2,60}$")
_URLISH = re.compile(r"(?:https?://|www\.|@\w|\w@\w)")
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")
_TITLE_TAGGED = re.compile(r"^title\s*:\s*(.+)$", re.I)


def parse_date(text: str) -> str | None:
    """An ISO 8601 date as precise as ``text`` states it, or None.

    >>> parse_date("11 May 2022"), parse_date("March 2019"), parse_date("2020-01-31")
    ('2022-05-11', '2019-03', '2020-01-31')
    """
    text = text.strip()
    if m := _DATE_DMY.match(text):
        return f"{m[3]}-{_MONTHS[m[2].lower()]:02d}-{int(m[1]):02d}"
    if m := _DATE_MDY.match(text):
        return f"{m[3]}-{_MONTHS[m[1].lower()]:02d}-{int(m[2]):02d}"
    if m := _DATE_MY.match(text):
        return f"{m[2]}-{_MONTHS[m[1].lower()]:02d}"
    if m := _DATE_ISO.match(text):
        return "-".join(p for p in m.groups() if p)
    return None


def stated_metadata(clean: Iterable[str], head: int = 12) -> tuple[str | None, str | None, str | None]:
    """(title, author, date) from the first ``head`` non-blank lines, each None when not stated.

    The title is the first line that is not a link or a date (a Markdown ``#`` heading or a
    ``Title:`` line wins); the author is a ``By …``/``Author: …`` line or a "Name, Role" line; the
    date is a line that is a date and nothing else.
    """
    title = author = date = None
    seen = 0
    for raw in clean:
        line = raw.strip()
        if not line:
            continue
        seen += 1
        if seen > head:
            break
        if m := _TITLE_TAGGED.match(line):
            title = m[1].strip()
            continue
        if date is None and (d := parse_date(line)):
            date = d
            continue
        if author is None and (m := _AUTHOR_TAGGED.match(line)):
            author = m[1].strip().rstrip(".")
            continue
        if _URLISH.search(line):
            continue
        if title is None:
            title = _HEADING_MARK.sub("", line).strip() or None
            continue
        if author is None and (m := _AUTHOR_ROLE.match(line)):
            author = m[1]
    return title, author, date


# --- decoding -------------------------------------------------------------------------------------------
def _looks_binary(data: bytes) -> bool:
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(sample) // 50)


def decode_text(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Text from bytes: UTF-8 (with or without BOM), else Windows-1252 with a warning, else an error."""
    if _looks_binary(data):
        raise InputError(path, "looks like a binary file, not text; pass a .txt, .md or .pdf document")
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        line = data[:bad].count(b"\n") + 1
        raise InputError(path, "is neither UTF-8 nor Windows-1252 text; re-save it as UTF-8", line) from None
    line = data[:bad].count(b"\n") + 1
    return text, (f"{path}:{line}: not UTF-8; read as Windows-1252 (re-save as UTF-8 to silence this)",)


def split_lines(text: str) -> list[str]:
    """Lines as ``cat -n`` numbers them: split on newline only, a trailing ``\\r`` dropped.

    >>> split_lines("a\\r\\nb\\x0cc\\n")
    ['a', 'b\\x0cc']
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if "\r" not in text:
        return lines
    return [s[:-1] if s.endswith("\r") else s for s in lines]


def document_from_lines(
    lines: list[str],
    path: str,
    fmt: str = "text",
    warnings: tuple[str, ...] = (),
    title: str | None = None,
    author: str | None = None,
) -> Document:
    """A :class:`Document` from its numbered lines (identity = sha256 of the lines joined by newlines)."""
    if not any(s.strip() for s in lines):
        raise InputError(path, "has no text (empty or only blank lines); check the file")
    normalised = "\n".join(lines) + "\n"
    digest = hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()
    clean = clean_lines(lines)
    s_title, s_author, s_date = stated_metadata(clean)
    return Document(
        id=document_id(digest),
        sha256=digest,
        path=path,
        lines=tuple(lines),
        clean=clean,
        title=title or s_title,
        author=author or s_author,
        date=s_date,
        format=fmt,
        warnings=warnings,
    )


def document_from_text(text: str, path: str = "<text>", fmt: str = "text") -> Document:
    """A :class:`Document` from text already decoded."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return document_from_lines(split_lines(text), path, fmt)


def _pdf_lines(data: bytes, path: str) -> tuple[list[str], tuple[str, ...], str | None, str | None]:
    # pypdf logs its repairs ("EOF marker not found") on stderr; our one line says what matters.
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read_pdf(data, path)
    finally:
        log.setLevel(level)


def _read_pdf(data: bytes, path: str) -> tuple[list[str], tuple[str, ...], str | None, str | None]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # pypdf raises several types for unsupported ciphers
                opened = False
            if not opened:
                raise InputError(path, "is an encrypted PDF; save an unencrypted copy and pass that")
        lines: list[str] = []
        empty_pages: list[int] = []
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            if not text.strip():
                empty_pages.append(number)
            if lines:
                lines.append("")  # a blank line between pages keeps pages from running into each other
            lines.extend(split_lines(text.replace("\r\n", "\n").replace("\r", "\n")))
        meta = reader.metadata
        title = str(meta.title).strip() if meta is not None and meta.title else None
        author = str(meta.author).strip() if meta is not None and meta.author else None
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise InputError(
            path, f"is not a readable PDF ({type(exc).__name__}: {exc}); check the file"
        ) from None
    if not any(s.strip() for s in lines):
        raise InputError(path, "is a PDF without a text layer (scanned images?); run OCR on it first")
    warnings: tuple[str, ...] = ()
    if empty_pages:
        shown = ", ".join(map(str, empty_pages[:10])) + (" …" if len(empty_pages) > 10 else "")
        warnings = (f"{path}: PDF pages without text were skipped: {shown}",)
    return lines, warnings, title, author


def document_from_bytes(data: bytes, path: str = "<bytes>") -> Document:
    """A :class:`Document` from raw bytes: PDF by its magic number, anything else as text.

    Raises :class:`graph.errors.InputError` with one line saying what is wrong and how to fix it.
    """
    if not data.strip():
        raise InputError(path, "is empty (no text at all); nothing to read")
    if data.lstrip()[:5] == b"%PDF-":
        lines, warnings, title, author = _pdf_lines(data, path)
        return document_from_lines(lines, path, "pdf", warnings, title, author)
    if path.lower().endswith(".pdf"):
        raise InputError(path, "has a .pdf name but is not a PDF; check the file")
    text, warnings = decode_text(data, path)
    fmt = "markdown" if path.lower().endswith((".md", ".markdown")) else "text"
    doc = document_from_text(text, path, fmt)
    return Document(**{**doc.__dict__, "warnings": warnings}) if warnings else doc


def read_document(path: str | Path) -> Document:
    """Read one document from disk.

    Raises :class:`graph.errors.InputError` for a missing or unreadable path, a directory, an empty or
    binary file, a PDF without text or an encrypted one, and text that is neither UTF-8 nor cp1252.
    """
    p = Path(path)
    shown = str(path)
    if p.is_dir():
        raise InputError(shown, "is a directory; pass the documents in it (e.g. dir/*.txt)")
    try:
        size = p.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise InputError(
                shown,
                f"is {size / 2**20:.0f} MB, over the {MAX_DOCUMENT_BYTES // 2**20} MB limit for one document; "
                "split it into smaller files",
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(shown, "does not exist; check the path") from None
    except PermissionError:
        raise InputError(shown, "cannot be read (permission denied); check its permissions") from None
    except OSError as exc:
        raise InputError(shown, f"cannot be read ({exc.strerror or exc}); check the path") from None
    return document_from_bytes(data, shown)


def read_documents(paths: Iterable[str | Path]) -> tuple[list[Document], list[str]]:
    """Read several documents; a bad one gives one message and the rest are still read.

    Returns ``(documents, problems)``: problems are one-line messages (errors for documents skipped,
    warnings for documents read with a guess).
    """
    documents: list[Document] = []
    problems: list[str] = []
    for path in paths:
        try:
            doc = read_document(path)
        except InstgraphError as exc:
            problems.append(f"error: {exc}")
            continue
        problems.extend(f"warning: {w}" for w in doc.warnings)
        documents.append(doc)
    return documents, problems
