"""PDF documents: each page's extracted text (pypdf), joined without running heads and feet
(:mod:`loaders.documents.pages`); the title and author
from the file's properties; an encrypted PDF, a damaged one or one without a text layer is one clear
error.
"""

from __future__ import annotations

import io
import logging
import re
import warnings

from graph.errors import InputError
from loaders.documents.lines import split_lines
from loaders.documents.metadata import useful_title
from loaders.documents.pages import edge_lines, join_pages
from loaders.documents.pdf_tables import tabled_lines


def read_pdf(data: bytes, path: str) -> tuple[list[str], tuple[str, ...], str | None, str | None, list[str]]:
    """(lines, warnings, title, author, first page's footer) of a PDF: its pages' text joined
    (:func:`join_pages`); the title and author from its properties."""
    # pypdf logs its repairs ("EOF marker not found") on stderr; our one line says what matters.
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read_pages(data, path)
    finally:
        log.setLevel(level)


_WIDE_GAP = re.compile(r"\S {3,}\S")
_DOUBLE_SPACE = re.compile(r"(?<=\S)  (?=\S)")


def _unjustified(line: str) -> str:
    """A justified line's doubled spaces as one ("Since  2015  the  agency"); a line with wider gaps
    (a glossary's "ABC     Name", columns) is left as it is."""
    return line if _WIDE_GAP.search(line) else _DOUBLE_SPACE.sub(" ", line)


def _read_pages(data: bytes, path: str) -> tuple[list[str], tuple[str, ...], str | None, str | None, list[str]]:
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
        pages: list[list[str]] = []
        footer: list[str] = []
        empty_pages: list[int] = []
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            if not text.strip():
                empty_pages.append(number)
            page_lines = [_unjustified(s) for s in split_lines(text.replace("\r\n", "\n").replace("\r", "\n"))]
            page_lines = tabled_lines(page_lines, page.extract_text(extraction_mode="layout") or "")
            if number == 1:  # the first page's head and foot ("as of April 2025 · Page 1"), dropped if running
                footer = edge_lines(page_lines)
            pages.append(page_lines)
        lines = join_pages(pages)
        meta = reader.metadata
        title = useful_title(str(meta.title)) if meta is not None and meta.title else None
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
    return lines, warnings, title, author or None, footer
