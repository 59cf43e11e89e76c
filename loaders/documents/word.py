"""Word documents (.docx): one line per paragraph (a line break inside one starts a new line), list
paragraphs as ``- `` bullets indented two spaces per level, headings on their own lines, one line per
table row (a Markdown row: ``| a | b |``), a blank line between blocks. Other ZIP files (PowerPoint, Excel,
OpenDocument, EPUB) are refused with what to do instead.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from graph.errors import InputError
from loaders.documents.document import MAX_DOCUMENT_BYTES
from loaders.documents.lines import blocks_to_lines, inline, table_row
from loaders.documents.metadata import useful_title


def _zip_kind(data: bytes, path: str) -> None:
    """Refuse a ZIP container that is not a Word document, with what to do instead; check its size."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(i.file_size for i in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(path, f"is a damaged ZIP or Word file ({exc}); open it and save it again as .docx") from None
    if "word/document.xml" not in names:
        if "ppt/presentation.xml" in names:
            kind = "a PowerPoint file; export it as PDF"
        elif "xl/workbook.xml" in names:
            kind = "an Excel workbook, not a document; save the text as .txt"
        elif "content.xml" in names and "mimetype" in names:
            kind = "an OpenDocument file; save it as .docx or export it as PDF"
        elif "META-INF/container.xml" in names:
            kind = "an EPUB book; export it as PDF or .html"
        else:
            kind = "a ZIP archive, not a document; unzip it and pass the documents in it"
        raise InputError(path, f"is {kind}")
    if unpacked > 4 * MAX_DOCUMENT_BYTES:
        raise InputError(
            path, f"unpacks to {unpacked / 2**20:.0f} MB, over the limit for one document; split it into smaller files"
        )


def _docx_paragraph(paragraph: Any) -> tuple[str, list[str]]:
    """(kind, lines) of one Word paragraph: a heading, a list item ("- ", indented by level) or text."""
    text = paragraph.text.replace("\r", "\n")
    lines = [s.strip() for s in text.split("\n")]
    try:
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, AttributeError, ValueError):
        style = ""
    if style.startswith(("Heading", "Title", "Subtitle")):
        return "heading", [" ".join(lines)]
    ppr = paragraph._p.pPr
    numbered = ppr is not None and ppr.numPr is not None
    if numbered or style.startswith("List"):
        level = 0
        if numbered and ppr.numPr.ilvl is not None and ppr.numPr.ilvl.val is not None:
            level = int(ppr.numPr.ilvl.val)
        elif (m := re.search(r"(\d+)$", style)) and style.startswith("List "):
            level = int(m[1]) - 1
        first = next((s for s in lines if s), "")
        return "item", [f"{'  ' * min(level, 8)}- {' '.join(s for s in lines if s)}"] if first else []
    return "text", lines


def _docx_blocks(container: Any, parent: Any) -> Iterator[tuple[str, list[str]]]:
    """The blocks of a Word body in document order: paragraphs, tables (one line per row) and the
    content of content controls."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            kind, lines = _docx_paragraph(Paragraph(child, parent))
            yield kind, lines
        elif child.tag == qn("w:tbl"):
            for row in Table(child, parent).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # a merged cell appears once per grid column it spans
                    seen.add(id(cell._tc))
                    cells.append(inline(cell.text))
                if any(cells):
                    yield "row", [table_row(cells)]
            yield "end", []
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _docx_blocks(content, parent)


def read_docx(data: bytes, path: str) -> tuple[list[str], str | None, str | None]:
    """(lines, title, author) of a Word document (see the module docstring)."""
    _zip_kind(data, path)
    import docx

    try:
        word = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(word.element.body, word._body))
        props = word.core_properties
        title = useful_title(props.title)
        author = props.author.strip() if props.author else None
    except InputError:
        raise
    except Exception as exc:  # a damaged package fails in python-docx, zipfile or lxml, with many types
        raise InputError(
            path,
            f"is not a readable Word document ({type(exc).__name__}: {' '.join(str(exc).split())[:120]}); "
            "open it in Word and save it again as .docx",
        ) from None
    if title is None:
        heading = next((b[1][0] for b in blocks if b[0] == "heading" and b[1] and b[1][0]), None)
        title = useful_title(heading)
    # The file's author field is often the account that made the template: kept only if it is a name.
    if author and (len(author.split()) < 2 or author.lower() in ("microsoft office user", "windows user")):
        author = None
    return blocks_to_lines(blocks), title, author
