"""Read documents (.txt, .md, .pdf, .docx, saved web pages) into numbered lines with their identity and
the title, author and publication date they state.

This is the one document reader: extraction and curated datasets both read documents through it, so a
file has one set of line numbers and one identity (:func:`text_sha256`) whichever way it is read.

Line numbers are those of the text the reader produced, split on ``\\n`` only (a trailing ``\\r`` is
dropped), so a citation "lines 36-37" points at the same lines a reader sees:

* ``.txt``/``.md`` and other text: the file's own lines, as ``cat -n`` numbers them (UTF-8, UTF-16 or
  UTF-32 with a byte-order mark, else Windows-1252 with a warning);
* ``.pdf``: each page's extracted text, a blank line between pages;
* ``.docx``: one line per paragraph (a line break inside a paragraph starts a new line), list
  paragraphs as ``- `` bullets indented two spaces per level, headings on their own lines, one line per
  table row (a Markdown row: ``| a | b |``), a blank line between blocks;
* ``.html``/``.htm``: the main text only (no navigation, page header or footer, scripts, styles, asides,
  forms, cookie banners or comments); headings, paragraphs and list items (``- ``, indented by nesting)
  each on their own lines, table rows as for .docx, a blank line between blocks.

``python -m loaders.documents FILE`` prints those lines, numbered, with the title, author and date found.

Matching works on a parallel *clean* view (curly quotes straightened, dashes and odd spaces made plain);
evidence always quotes the original line.

The reader's parts, one job each: :mod:`~loaders.documents.reader` (bytes to a document, by kind),
:mod:`~loaders.documents.document` (the Document and the size limit), :mod:`~loaders.documents.lines`
(line splitting, blocks to lines, identity), :mod:`~loaders.documents.decoding` (text encodings),
:mod:`~loaders.documents.pdf`, :mod:`~loaders.documents.word`, :mod:`~loaders.documents.webpage` (the
formats), :mod:`~loaders.documents.metadata` (the title, author and date a document states),
:mod:`~loaders.documents.dates` (the date grammar) and :mod:`~loaders.documents.clean` (the matching
view). Their public names (``__all__``) are importable from ``loaders.documents`` itself.

>>> doc = document_from_text("Notes\\n\\nThe “Harbour Agency” was set up in 1990.\\n", "notes.txt")
>>> doc.line(3)
'The “Harbour Agency” was set up in 1990.'
>>> doc.clean[2]
'The "Harbour Agency" was set up in 1990.'
>>> doc.title, len(doc.lines)
('Notes', 3)
"""

from __future__ import annotations

from loaders.documents.clean import clean_line, clean_lines
from loaders.documents.dates import normalise_date, parse_date
from loaders.documents.decoding import decode_text
from loaders.documents.document import MAX_DOCUMENT_BYTES, Document, document_from_lines, document_from_text
from loaders.documents.lines import document_text, split_lines, text_sha256
from loaders.documents.metadata import stated_metadata
from loaders.documents.reader import document_from_bytes, main, read_document, read_documents

__all__ = [
    "MAX_DOCUMENT_BYTES", "Document", "clean_line", "clean_lines", "decode_text", "document_from_bytes",
    "document_from_lines", "document_from_text", "document_text", "main", "normalise_date", "parse_date",
    "read_document", "read_documents", "split_lines", "stated_metadata", "text_sha256",
]  # fmt: skip
