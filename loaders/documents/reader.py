"""The one reader: a file's bytes to a :class:`~loaders.documents.document.Document`, whatever its
kind — PDF, Word and web pages by their content (and name), anything else as text — with one clear
line for a file it cannot read; and ``python -m loaders.documents FILE``, which prints what it read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from graph.errors import InputError, InstgraphError
from loaders.documents.dates import normalise_date
from loaders.documents.decoding import decode_text
from loaders.documents.document import MAX_DOCUMENT_BYTES, Document, document_from_lines
from loaders.documents.lines import split_lines
from loaders.documents.pdf import read_pdf
from loaders.documents.webpage import read_html
from loaders.documents.word import read_docx

_TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".rst", ".csv", ".tsv", ".log", "")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_MAGIC = (
    (b"\x89PNG", "a PNG image; pass the document it comes from, or run OCR on it"),
    (b"\xff\xd8\xff", "a JPEG image; pass the document it comes from, or run OCR on it"),
    (b"GIF8", "a GIF image; pass the document it comes from"),
    (b"II*\x00", "a TIFF image; run OCR on it first"),
    (b"MM\x00*", "a TIFF image; run OCR on it first"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old-format Office file (.doc, .xls, .ppt) or a password-protected one; "
        "open it and save it as .docx (or export it as PDF)",
    ),
    (b"{\\rtf", "an RTF file; open it and save it as .docx, or as .txt"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive; unpack it first"),
    (b"Rar!", "a RAR archive; unpack it first"),
)


def _kind(data: bytes, path: str) -> str:
    """What the bytes are: 'pdf', 'docx', 'html' or 'text'; a kind the reader cannot read is an error."""
    suffix = Path(path).suffix.lower()
    head = data.lstrip()[:1024]
    if head[:5] == b"%PDF-":
        return "pdf"
    if suffix == ".pdf":
        raise InputError(path, "has a .pdf name but is not a PDF; check the file")
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "docx"
    if suffix in (".docx", ".docm"):
        raise InputError(path, "has a .docx name but is not a Word document; open it in Word and save it as .docx")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"is {what}")
    if suffix in (".mht", ".mhtml"):
        raise InputError(path, "is a web archive (.mht); save the page as 'Web Page, HTML only' (.html)")
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix not in _TEXT_SUFFIXES and re.match(rb"(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html)\b", head, re.I):
        return "html"
    return "text"


def document_from_bytes(
    data: bytes,
    path: str = "<bytes>",
    *,
    date: object = None,
    title: str | None = None,
    author: str | None = None,
) -> Document:
    """A :class:`Document` from raw bytes: PDF, Word (.docx) and web pages by their content (and
    name), anything else as text.

    ``date``, ``title`` and ``author``, when given (a CLI ``--date``, a dataset's entry), win over what
    the file states. Raises :class:`graph.errors.InputError` with one line saying what is wrong and how
    to fix it; a bad ``date`` is a :class:`graph.errors.UsageError`.
    """
    given_date = normalise_date(date) if date not in (None, "") else None
    if not data.strip():
        raise InputError(path, "is empty (no text at all); nothing to read")
    kind = _kind(data, path)
    if kind == "pdf":
        lines, warnings, s_title, s_author, footer = read_pdf(data, path)
        return document_from_lines(
            lines, path, "pdf", warnings, title or s_title, author or s_author, given_date, footer
        )
    if kind == "docx":
        lines, s_title, s_author = read_docx(data, path)
        return document_from_lines(lines, path, "docx", (), title or s_title, author or s_author, given_date)
    if kind == "html":
        lines, s_title, s_author, s_date, warned = read_html(data, path)
        if not any(s.strip() for s in lines):
            raise InputError(path, "is a web page without text in its body (built by scripts?); save the page "
                             "from the browser after it has loaded, or print it to PDF")
        return document_from_lines(
            lines, path, "html", warned, title or s_title, author or s_author, given_date or s_date
        )
    text, warnings = decode_text(data, path)
    fmt = "markdown" if path.lower().endswith((".md", ".markdown")) else "text"
    if text.startswith("\ufeff"):
        text = text[1:]
    return document_from_lines(split_lines(text), path, fmt, warnings, title, author, given_date)


def read_document(
    path: str | Path, *, date: object = None, title: str | None = None, author: str | None = None
) -> Document:
    """Read one document from disk: .txt, .md, .pdf, .docx or a saved web page (.html).

    ``date`` is the publication date where the document does not say it (or says it wrongly): ``2024``,
    ``2024-10``, ``2024-10-14`` or "14 October 2024"; it wins over the date read from the document, as
    ``title`` and ``author`` do over theirs.

    Raises :class:`graph.errors.InputError` for a missing or unreadable path, a directory, an empty or
    binary file, a kind of file it cannot read, a PDF without text or an encrypted one, a damaged Word
    file, and text that is neither UTF-8, UTF-16 nor cp1252.
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
    return document_from_bytes(data, shown, date=date, title=title, author=author)


def read_documents(paths: Iterable[str | Path], *, date: object = None) -> tuple[list[Document], list[str]]:
    """Read several documents; a bad one gives one message and the rest are still read.

    Returns ``(documents, problems)``: problems are one-line messages (errors for documents skipped,
    warnings for documents read with a guess). ``date`` (e.g. from ``--date``) is given to each document.
    """
    given = normalise_date(date, "--date") if date not in (None, "") else None
    documents: list[Document] = []
    problems: list[str] = []
    for path in paths:
        try:
            doc = read_document(path, date=given)
        except InstgraphError as exc:
            problems.append(f"error: {exc}")
            continue
        problems.extend(f"warning: {w}" for w in doc.warnings)
        documents.append(doc)
    return documents, problems


def main(argv: list[str] | None = None) -> int:
    """``python -m loaders.documents FILE...``: each document's title, author and date, then its lines
    numbered as citations number them (the text the reader made of a .docx, .html or .pdf)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m loaders.documents FILE...", file=sys.stderr)
        return 2
    documents, problems = read_documents(args)
    for problem in problems:
        print(problem, file=sys.stderr)
    for doc in documents:
        print(f"# {doc.path}: title={doc.title!r} author={doc.author!r} date={doc.date!r} sha256={doc.sha256}")
        for number, line in enumerate(doc.lines, start=1):
            print(f"{number:6}\t{line}")
    return 1 if problems and not documents else 0

