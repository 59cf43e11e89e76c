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
  table row (cells joined by `` | ``), a blank line between blocks;
* ``.html``/``.htm``: the main text only (no navigation, page header or footer, scripts, styles, asides,
  forms, cookie banners or comments); headings, paragraphs and list items (``- ``, indented by nesting)
  each on their own lines, table rows as for .docx, a blank line between blocks.

``python -m loaders.documents FILE`` prints those lines, numbered, with the title, author and date found.

Matching works on a parallel *clean* view (curly quotes straightened, dashes and odd spaces made plain);
evidence always quotes the original line.

>>> doc = document_from_text("Notes\\n\\nThe “Harbour Agency” was set up in 1990.\\n", "notes.txt")
>>> doc.line(3)
'The “Harbour Agency” was set up in 1990.'
>>> doc.clean[2]
'The "Harbour Agency" was set up in 1990.'
>>> doc.title, len(doc.lines)
('Notes', 3)
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import logging
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import InputError, InstgraphError, UsageError
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
_YEAR = r"(?:19|20)\d\d"
# Date expressions, each in named groups so one finder serves them all (most precise first).
_DATE_EXPR = (
    rf"(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmy_m>{_MONTH_RE})\.?,?\s+(?P<dmy_y>{_YEAR})"
    rf"|(?P<mdy_m>{_MONTH_RE})\.?\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>{_YEAR})"
    rf"|(?P<my_m>{_MONTH_RE})\.?,?\s+(?P<my_y>{_YEAR})"
    rf"|(?P<iso_y>{_YEAR})-(?P<iso_m>\d\d)(?:-(?P<iso_d>\d\d))?(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"
    rf"|(?P<dot_d>\d{{1,2}})\.(?P<dot_m>\d{{1,2}})\.(?P<dot_y>{_YEAR})"
    rf"|(?:(?:early|mid|late)[- ])?(?:spring|summer|autumn|fall|winter|q[1-4])\s+(?P<season_y>{_YEAR})"
    rf"|(?:FY\s?)?(?P<year>{_YEAR})"
)
_DATE_WHOLE = re.compile(rf"^(?:date[d]?:?\s*)?(?:{_DATE_EXPR})$", re.I)
_DATE_SEARCH = re.compile(rf"(?<![\w/-])(?:{_DATE_EXPR})(?![\w/]|-\d)", re.I)
_AUTHOR_TAGGED = re.compile(r"^(?:by|authors?|prepared by|written by)\s*:?\s+(.+)$", re.I)
# "Jane Doe, Policy Analyst": two to four capitalised words, a comma, then a role.
_AUTHOR_ROLE = re.compile(r"^((?:[A-Z][\w.'-]+\s+){1,3}[A-Z][\w.'-]+),\s+[A-Za-z][\w .,&-]{2,60}$")
# "Hon Jane Doe", "Dr Jane Doe": a name behind an honorific is a byline.
_AUTHOR_HONORIFIC = re.compile(
    r"^(?:(?:the\s+)?rt\.?\s+hon\.?|hon\.?|dr\.?|prof\.?|professor|mr\.?|mrs\.?|ms\.?|sir|dame)\s+"
    r"((?:[A-Z][\w.'-]+\s+){0,3}[A-Z][\w.'-]+)$",
    re.I,
)
# A position held, under a byline: "Minister for Ports", "Director-General, Statistics Office".
_ROLE_LINE = re.compile(
    r"^(?:(?:associate|deputy|vice|assistant|prime|chief|senior|executive|state|junior)\s+)*"
    r"(?:minister|secretary|director|commissioner|chair(?:man|woman|person)?|head|president|governor|"
    r"spokes(?:person|man|woman)|ambassador|mayor|ceo|economist|analyst|researcher)\b",
    re.I,
)
_NOT_A_NAME = {"a", "an", "the", "this", "that", "its", "their", "his", "her", "our", "virtue", "means", "way"}
_URLISH = re.compile(r"(?:https?://|www\.|@\w|\w@\w|\]\()")
_HEADING_MARK = re.compile(r"^\s*(#{1,6})\s+")
_TITLE_TAGGED = re.compile(r"^title\s*:\s*(.+)$", re.I)
# "Home > Support > Grants": three or more crumbs.
_BREADCRUMB = re.compile(r"\S\s+[>›»/]\s+\S.*\s[>›»/]\s+\S")
_DECORATION = re.compile(r"^[\s=_*~#+-]{3,}$")
_SEPARATORS = re.compile(r"\s+-\s+|\s*[|·]\s*")
_SEGMENTS = re.compile(r"\s+-\s+|\s*[|·]\s*|,\s+|;\s+")
# A banner: the kind of document, not its title ("PRESS RELEASE", "News", "For immediate release").
_KIND_ONLY = re.compile(
    r"^(?:(?:joint|media|press|news|public)\s+)?(?:press release|media release|news release|release|statement|"
    r"announcement|advisory|news|latest news|press|media|notice|for immediate release|embargoed.*)$",
    re.I,
)
# ... or a series and a kind: "RESEARCH SERVICE - BRIEFING NOTE", "POLICY REVIEWS - COUNTRY CASE STUDY".
_KIND_TAIL = re.compile(
    r"^(?:[\w&'-]+\s+){0,2}(?:note|study|release|bulletin|newsletter|brief|briefing|paper|statement|"
    r"update|fact\s?sheet|memo|digest|series|report|review)s?$",
    re.I,
)
# Running headers of a chapter: "Chapter 4. Country notes", "Part II".
_RUNNING_HEADER = re.compile(r"^(?:chapter|part|section|annex|appendix|module|unit)\s+[\dIVXLC]+\b", re.I)
_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.)\s+")
_SECTION_WORDS = re.compile(
    r"^(?:table of )?contents$|^(?:agenda|summary|executive summary|abstract|key messages|introduction|"
    r"overview|background|foreword|preface)$|^(?:page\s+)?\d+(?:\s+of\s+\d+)?$|^slide\s+\d+",
    re.I,
)
# The name of a body on a line of its own ("Department of Ports and Harbours"): the issuer, not the title.
_BODY_WORD = re.compile(
    r"\b(?:department|ministry|office|agency|commission|directorate|authority|government|council|bureau|"
    r"administration|secretariat|service)\b",
    re.I,
)
_CONNECTORS = {"of", "for", "and", "the", "on", "in", "to", "a", "an", "with", "from", "by", "at", "as", "&"}
# Labelled lines that state metadata, never a title ("Prepared for: ...", "Version: ...").
_META_LABELS = (
    "prepared for",
    "version",
    "classification",
    "status",
    "disclaimer",
    "contact",
    "contacts",
    "media contact",
    "reference",
    "ref",
    "isbn",
    "issn",
    "doi",
    "keywords",
    "tags",
    "source",
    "language",
    "reading time",
    "jel codes",
    "jel classification",
    "embargo",
    "embargoed",
    "issue",
    "volume",
)
_META_LABEL_PREFIXES = ("date", "published", "publication", "last ", "page updated", "updated", "released", "issued")
# How much a labelled date says about publication: 0 published, 1 stated plainly, 2 a version or
# "as of", 3 a bare year or an update (the page changed, the document was published before).
_DATE_LABELS = (
    (re.compile(r"\b(?:published|publication date|date of (?:publication|issue)|issued|released|dated)\b", re.I), 0),
    (re.compile(r"\bdate(?: of (?:this )?(?:version|document|report))?\s*:", re.I), 0),
    (re.compile(r"\b(?:version|as of|as at|status)\b", re.I), 2),
    (re.compile(r"\b(?:(?:last |page )?updated|last (?:checked|modified|reviewed))\b", re.I), 3),
)
# "Harbourtown, 14 October 2024 -" / "HARBOURTOWN - October 2024": a dateline opening a release.
_DATELINE = re.compile(
    rf"^[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){{0,3}}(?:,\s*|\s+-\s+)(?P<date>(?i:{_DATE_EXPR}))(?:\s+-|\s*:|\s*$)",
)
_ANNUAL_REPORT = re.compile(
    rf"\b(?:FY\s?)?(?P<a>{_YEAR})(?:/\d{{2,4}})?\s+annual\s+report\b|\bannual\s+report\s+(?:FY\s?)?(?P<b>{_YEAR})\b",
    re.I,
)
_JUNK_TITLES = re.compile(
    r"^(?:untitled.*|title|document\d*|presentation\d*|powerpoint presentation|slide \d+|draft|"
    r"microsoft word - .*|.*\.(?:docx?|pdf|pptx?|indd|odt|rtf|txt|html?))$",
    re.I,
)


def _date_from_match(m: re.Match[str]) -> str | None:
    """The ISO string of a match of ``_DATE_EXPR``, as precise as stated; None if it is not a real date."""
    g = m.groupdict()
    if g["dmy_y"]:
        y, mo, d = int(g["dmy_y"]), _MONTHS[g["dmy_m"].lower()], int(g["dmy_d"])
    elif g["mdy_y"]:
        y, mo, d = int(g["mdy_y"]), _MONTHS[g["mdy_m"].lower()], int(g["mdy_d"])
    elif g["my_y"]:
        return f"{g['my_y']}-{_MONTHS[g['my_m'].lower()]:02d}"
    elif g["iso_y"]:
        y, mo = int(g["iso_y"]), int(g["iso_m"])
        if g["iso_d"] is None:
            return f"{y}-{mo:02d}" if 1 <= mo <= 12 else None
        d = int(g["iso_d"])
    elif g["dot_y"]:
        y, mo, d = int(g["dot_y"]), int(g["dot_m"]), int(g["dot_d"])
    else:
        return g["season_y"] or g["year"]
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """An ISO 8601 date as precise as ``text`` states it (a day, a month or a year), or None.

    >>> parse_date("11 May 2022"), parse_date("March 2019"), parse_date("2020-01-31"), parse_date("Spring 2025")
    ('2022-05-11', '2019-03', '2020-01-31', '2025')
    >>> parse_date("31 February 2020"), parse_date("Annex 2")
    (None, None)
    """
    m = _DATE_WHOLE.match(text.strip())
    return _date_from_match(m) if m else None


def normalise_date(value: object, what: str = "date") -> str:
    """A date given by hand (``--date``, a dataset's ``date:``) as an ISO string of its precision.

    Accepts ``2024``, ``2024-10``, ``2024-10-14``, a :class:`datetime.date` and what :func:`parse_date`
    reads ("14 October 2024", "October 2024"); anything else is a :class:`~graph.errors.UsageError`.

    >>> normalise_date("14 October 2024"), normalise_date(2023), normalise_date(dt.date(2022, 5, 11))
    ('2024-10-14', '2023', '2022-05-11')
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    parsed = parse_date(text) if not isinstance(value, bool) else None
    if parsed is None:
        raise UsageError(
            f"{what} {text!r} is not a date; give it as 2024, 2024-10 or 2024-10-14 (or '14 October 2024')"
        )
    return parsed


def _plain(line: str) -> str:
    """A head line without Markdown decoration: quote marks, heading marks, emphasis; spaces collapsed."""
    s = line.strip()
    s = re.sub(r"^(?:>\s*)+", "", s)
    s = _HEADING_MARK.sub("", s)
    s = s.strip("*_ ").strip()
    return " ".join(s.split())


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 10
        and text[:1].isupper()
        and words[0].lower() not in _NOT_A_NAME
        and not any(ch.isdigit() for ch in text)
        and not text.endswith((":", ";"))
    )


def _is_meta_label(line: str) -> bool:
    label, colon, rest = line.partition(":")
    if not colon or not rest.strip() or len(label) > 40:
        return False
    label = label.strip().lower()
    return label in _META_LABELS or label.startswith(_META_LABEL_PREFIXES)


def _is_banner(line: str) -> bool:
    """A line naming the kind or series of a document, a kicker or a running header: a title only
    when nothing better follows."""
    if _KIND_ONLY.match(line) or _RUNNING_HEADER.match(line):
        return True
    parts = [p for p in _SEPARATORS.split(line) if p]
    if len(parts) >= 2 and ("|" in line or "·" in line):
        return True  # "Section | Subsection", "Series · Vol. 5 · August 2024"
    if len(parts) >= 2 and _KIND_TAIL.match(parts[-1]) and len(line.split()) <= 12:
        return True
    words = line.rstrip(".").split()
    return (
        bool(_BODY_WORD.search(line))
        and len(words) <= 12
        and all(w[:1].isupper() or w.lower() in _CONNECTORS or not w[:1].isalpha() for w in words)
        and not any(ch.isdigit() for ch in line)
        and ":" not in line
    )


def _is_body(line: str) -> bool:
    """Running text: a long line, or a sentence of ten words or more."""
    words = len(line.split())
    return words > 25 or (words >= 10 and line.endswith((".", ";", "?")) and not line.isupper())


def _dates_in(line: str, order: int, body: bool) -> list[tuple[int, int, str]]:
    """(rank, order, date) for each publication date this head line states (see ``_DATE_LABELS``)."""
    found: list[tuple[int, int, str]] = []
    if (m := _DATELINE.match(line)) and (d := _date_from_match(m)):
        found.append((1, order, d))
    if body:
        return found
    for segment in _SEPARATORS.split(line):
        for label, rank in _DATE_LABELS:
            lm = label.search(segment)
            if lm and (m := _DATE_SEARCH.search(segment, lm.end())) and m.start() - lm.end() < 40:
                if d := _date_from_match(m):
                    found.append((rank if "-" in d or rank == 0 else max(rank, 3), order, d))
                break
    if m := _ANNUAL_REPORT.search(line):
        found.append((3, order, m["a"] or m["b"]))
    if len(line.split()) <= 15:
        for segment in _SEGMENTS.split(line):
            if d := parse_date(segment.strip(" .*_()")):
                found.append((1 if "-" in d else 3, order, d))
    return found


def stated_metadata(
    clean: Iterable[str], head: int = 12, extra: Iterable[str] = ()
) -> tuple[str | None, str | None, str | None]:
    """(title, author, date) the document states at its head, each None when not stated.

    Read the way a person reads a first page, from the first ``head`` lines with text (``extra``:
    more lines to look for a date in, such as a PDF's page footers):

    * the title is a ``Title:`` line, else a Markdown ``#`` heading, else the first line that is
      not a link or breadcrumb, an HTML comment, a date, a byline, a labelled line ("Version: …"),
      nor a banner ("PRESS RELEASE", "Series - Briefing note", "Chapter 4.", "Section | Topic",
      the issuing body's name) — a banner is the title only when nothing better comes before the
      running text. A title broken over two lines (a PDF's layout) is joined; a section number goes.
    * the author is a ``By …``/``Author: …`` line naming someone, an "Hon Jane Doe" line, or a
      "Name, Role" line under the title;
    * the date is the publication date, as precise as stated: a "Published on:"/"Date:" label
      wins; then a dateline ("Harbourtown, 14 October 2024 -"), a line or a segment of a short line
      that is a date ("Series - No. 5 - 15 October 2024", "Working paper, September 2024"), a
      version or "as of" date; then a bare year ("Brief · 2025"), an "Annual Report 2023" and an
      update date ("Page updated: February 2026").

    >>> stated_metadata(["PRESS RELEASE", "", "Harbour Office", "", "Quay fees to fall",
    ...     "Harbourtown, 3 March 2021 - The board said today that the fees for small boats will fall."])
    ('Quay fees to fall', None, '2021-03-03')
    """
    lines = list(clean)
    title = tagged = heading = weak = None
    author = None
    dates: list[tuple[int, int, str]] = []
    seen = 0
    in_comment = False
    stopped = False
    for i, raw in enumerate(lines[:400]):
        stripped = raw.strip()
        if in_comment:
            in_comment = "-->" not in stripped
            continue
        if stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        line = _plain(stripped)
        if not line or _DECORATION.match(stripped):
            continue
        seen += 1
        if seen > head:
            break
        body = _is_body(line)
        dates += _dates_in(line, i, body)
        level = _HEADING_MARK.match(stripped)
        if level and len(level[1]) == 1 and heading is None and not _URLISH.search(line):
            heading = (i, line)
        if stopped:
            continue
        if body or stripped.startswith(("- ", "* ", "+ ")) or (
            _SECTION_NUMBER.match(line) and len(line.split()) <= 4
        ):
            stopped = True  # running text, a list or a numbered section: the head is over
            continue
        if m := _TITLE_TAGGED.match(line):
            tagged = tagged or m[1].strip()
            continue
        if _URLISH.search(line) or _BREADCRUMB.search(line) or _is_meta_label(line):
            continue
        if parse_date(line) or _DATELINE.match(line):
            continue
        if m := _AUTHOR_TAGGED.match(line):
            name = m[1].strip().rstrip(".")
            if author is None and _looks_like_name(name):
                author = name
            continue
        if m := _AUTHOR_HONORIFIC.match(line):
            author = author or m[1]
            continue
        if (title or weak) and (m := _AUTHOR_ROLE.match(line)):
            author = author or m[1]
            continue
        if _ROLE_LINE.match(line) and len(line.split()) <= 8:
            continue
        if _SECTION_WORDS.match(line):
            continue
        if _is_banner(line):
            weak = weak or (i, line)
            continue
        if title is None:
            title = (i, line)
    chosen = (None, tagged) if tagged else heading or title or weak
    found_title = None
    if chosen and chosen[1]:
        found_title = chosen[1] if chosen[0] is None else _join_title(lines, *chosen)
    for line in extra:
        dates += _dates_in(_plain(line), len(lines), False)
    return found_title or None, author, (min(dates)[2] if dates else None)


def _join_title(lines: list[str], i: int, title: str) -> str:
    """The title on line ``i``, joined with the lines it runs on to (a title wrapped by the layout)."""
    if _HEADING_MARK.match(lines[i]):
        return title
    for nxt in lines[i + 1 : i + 3]:
        more = _plain(nxt)
        last = title.split()[-1].lower() if title.split() else ""
        if (
            not more
            or _is_body(more)
            or len(more.split()) > 14
            or parse_date(more)
            or _is_meta_label(more)
            or _AUTHOR_TAGGED.match(more)
            or not (more[:1].islower() or last in _CONNECTORS)
        ):
            break
        title = f"{title} {more}"
    title = _SECTION_NUMBER.sub("", title).strip()
    return title.rstrip(":").strip()


def _useful_title(title: str | None) -> str | None:
    """A title from a file's properties, unless it is a placeholder or a file name."""
    if not title:
        return None
    title = " ".join(str(title).split())
    if not title or len(title) > 300 or _JUNK_TITLES.match(title):
        return None
    return title


# --- decoding -------------------------------------------------------------------------------------------
_KINDS = "a .txt, .md, .pdf, .docx or .html document"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def _looks_binary(data: bytes) -> bool:
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(sample) // 50)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes look like UTF-16 text without a byte-order mark (every
    other byte zero, as Latin text is), else None."""
    sample = data[: _BINARY_SAMPLE - _BINARY_SAMPLE % 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.5 and zeros_even < 0.02:
        return "utf-16-le"
    if zeros_even > 0.5 and zeros_odd < 0.02:
        return "utf-16-be"
    return None


def _decode_unicode(data: bytes, codec: str, name: str, path: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, "replace").count("\n") + 1
        raise InputError(path, f"is {name} text with a broken character; re-save it as UTF-8", line) from None
    controls = sum(1 for c in text[:_BINARY_SAMPLE] if ord(c) < 32 and c not in "\t\n\x0c\r")
    if controls > max(4, min(len(text), _BINARY_SAMPLE) // 50):
        raise InputError(path, f"looks like a binary file, not text; pass {_KINDS}")
    return text


def decode_text(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Text from bytes: by its byte-order mark (UTF-8, UTF-16 or UTF-32, little- or big-endian), else
    UTF-8, else UTF-16 recognised by its zero bytes, else Windows-1252 (each guess with a warning), else
    an error. The byte-order mark is not part of the text.

    >>> decode_text("Tide Office\\n".encode("utf-16"), "t.txt")
    ('Tide Office\\n', ())
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _decode_unicode(data[len(bom) :], codec, name, path), ()
    if (codec16 := _utf16_without_bom(data)) is not None:
        try:
            text = _decode_unicode(data, codec16, "UTF-16", path)
        except InputError:
            pass
        else:
            return text, (f"{path}: UTF-16 without a byte-order mark; read as UTF-16{codec16[-2:].upper()}",)
    if _looks_binary(data):
        raise InputError(path, f"looks like a binary file, not text; pass {_KINDS}")
    try:
        return data.decode("utf-8"), ()
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
    return _lines_sha256(split_lines(text))


def _lines_sha256(lines: Iterable[str]) -> str:
    return hashlib.sha256(document_text(lines).encode("utf-8", "surrogatepass")).hexdigest()


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
    digest = _lines_sha256(lines)
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


# --- PDF ------------------------------------------------------------------------------------------------
def _pdf_lines(data: bytes, path: str) -> tuple[list[str], tuple[str, ...], str | None, str | None, list[str]]:
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


def _read_pdf(data: bytes, path: str) -> tuple[list[str], tuple[str, ...], str | None, str | None, list[str]]:
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
        footer: list[str] = []
        empty_pages: list[int] = []
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            if not text.strip():
                empty_pages.append(number)
            if lines:
                lines.append("")  # a blank line between pages keeps pages from running into each other
            page_lines = split_lines(text.replace("\r\n", "\n").replace("\r", "\n"))
            if number == 1:  # the first page's last lines: its footer ("as of April 2025 · Page 1")
                footer = [s for s in page_lines if s.strip()][-2:]
            lines.extend(page_lines)
        meta = reader.metadata
        title = _useful_title(str(meta.title)) if meta is not None and meta.title else None
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


# --- blocks: the lines of a structured document ------------------------------------------------------
def _blocks_to_lines(blocks: Iterable[tuple[str, list[str]]]) -> list[str]:
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


def _inline(text: str) -> str:
    return " ".join(text.split())


# --- Word (.docx) -------------------------------------------------------------------------------------------
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
                    cells.append(_inline(cell.text))
                if any(cells):
                    yield "row", [" | ".join(cells)]
            yield "end", []
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _docx_blocks(content, parent)


def _read_docx(data: bytes, path: str) -> tuple[list[str], str | None, str | None]:
    _zip_kind(data, path)
    import docx

    try:
        word = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(word.element.body, word._body))
        props = word.core_properties
        title = _useful_title(props.title)
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
        title = _useful_title(heading)
    # The file's author field is often the account that made the template: kept only if it is a name.
    if author and (len(author.split()) < 2 or author.lower() in ("microsoft office user", "windows user")):
        author = None
    return _blocks_to_lines(blocks), title, author


# --- saved web pages (.html) -------------------------------------------------------------------------
# Never part of a page's text: page chrome, scripts, forms and what the reader cannot see.
_HTML_DROP = {
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select", "textarea",
    "input", "label", "iframe", "svg", "canvas", "object", "embed", "dialog", "menu", "head", "map", "audio",
    "video", "picture", "img",
}  # fmt: skip
_HTML_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"}
_HTML_CHROME_CLASS = re.compile(
    r"cookie|consent|gdpr|onetrust|breadcrumb|skip-?link|sr-only|visually-?hidden|screen-reader", re.I
)
_HTML_BLOCK = {
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "hr", "html", "main", "p", "section",
    "summary", "table", "tbody", "thead", "tfoot",
}  # fmt: skip
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_HTML_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HTML_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
    "dcterms.issued", "dcterms.date", "dcterms.created", "citation_publication_date", "citation_date",
    "pubdate", "publishdate", "publication_date", "article.published",
)  # fmt: skip


class _HtmlText:
    """Walks a parsed page and collects its blocks: headings, paragraphs, list items ("- ", indented by
    nesting), table rows (cells joined by " | ") and preformatted text."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, list[str]]] = []
        self.inline: list[str] = []
        self.prefix: str | None = None

    def flush(self, kind: str = "text") -> None:
        text = "".join(self.inline)
        self.inline = []
        lines = [_inline(s) for s in text.split("\n")]
        lines = [s for s in lines if s]
        if not lines:
            return
        if self.prefix is not None:
            lines = [self.prefix + " ".join(lines)]
            kind, self.prefix = "item", None
        self.blocks.append((kind, lines))

    def walk(self, node: Any, depth: int = 0) -> None:
        from bs4 import NavigableString, Tag
        from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

        for child in node.children:
            if isinstance(child, Comment | Doctype | Declaration | ProcessingInstruction | CData):
                continue
            if isinstance(child, NavigableString):
                self.inline.append(_HTML_SPACE.sub(" ", str(child)))  # only <br> breaks a line
                continue
            if not isinstance(child, Tag) or _html_hidden(child):
                continue
            name = child.name
            if name == "br":
                self.inline.append("\n")
            elif name in ("ul", "ol"):
                self.flush()
                self.walk(child, depth + 1)
                self.flush()
            elif name == "li":
                self.flush()
                self.prefix = "  " * max(depth - 1, 0) + "- "
                self.walk(child, depth)
                self.flush()
                self.prefix = None
            elif name in _HTML_HEADINGS:
                self.flush()
                self.walk(child, depth)
                self.flush("heading")
            elif name == "tr":
                self.flush()
                cells = [_inline(c.get_text(" ")) for c in child.find_all(("td", "th"), recursive=False)]
                if any(cells):
                    self.blocks.append(("row", [" | ".join(cells)]))
            elif name == "table":
                self.flush()
                self.walk(child, depth)
                self.blocks.append(("end", []))
            elif name == "pre":
                self.flush()
                self.blocks.append(("text", [s.rstrip() for s in child.get_text().split("\n")]))
            elif name in _HTML_BLOCK:
                self.flush()
                self.walk(child, depth)
                self.flush()
            else:
                self.walk(child, depth)


def _html_hidden(tag: Any) -> bool:
    """Page chrome or invisible: dropped with everything inside it."""
    if tag.name in _HTML_DROP:
        return True
    attrs = tag.attrs or {}
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if str(attrs.get("role", "")).lower() in _HTML_CHROME_ROLES:
        return True
    style = str(attrs.get("style", "")).replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    marks = " ".join([*(attrs.get("class") or []), str(attrs.get("id", ""))])
    if marks.strip() and _HTML_CHROME_CLASS.search(marks):
        return True
    # The page's own header and footer are chrome; an article's header holds its headline and date.
    return tag.name in ("header", "footer") and (
        tag.name == "footer" or tag.find_parent(("article", "main")) is None
    )


def _html_date(soup: Any) -> str | None:
    """The publication date the page's metadata states (meta tags, a published <time>), if any."""
    for meta in soup.find_all("meta"):
        key = str(meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _HTML_DATE_META and (d := _iso_prefix(str(meta.get("content") or ""))):
            return d
    for time in soup.find_all("time"):
        published = time.get("itemprop") == "datePublished" or time.has_attr("pubdate")
        if published and (d := _iso_prefix(str(time.get("datetime") or time.get_text()))):
            return d
    return None


def _iso_prefix(value: str) -> str | None:
    m = re.match(r"\s*((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", value)
    if not m:
        return parse_date(value)
    return parse_date("-".join(p for p in m.groups() if p)) if m[2] else m[1]


_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _decode_html(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """A page's text: by its byte-order mark, else the charset its <meta> declares, else as any text."""
    declared = _HTML_CHARSET.search(data[:4096])
    charset = declared[1].decode("ascii").lower() if declared else ""
    # As browsers do: a byte-order mark wins, and a page cannot declare itself UTF-16 in its own markup.
    if charset and not charset.startswith(("utf-16", "utf-32")) and not any(data.startswith(b) for b, _, _ in _BOMS):
        try:
            return data.decode(charset), ()
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: read it as text of unknown encoding
    return decode_text(data, path)


def _read_html(data: bytes, path: str) -> tuple[list[str], str | None, str | None, str | None, tuple[str, ...]]:
    from bs4 import BeautifulSoup

    markup, warned = _decode_html(data, path)
    soup = BeautifulSoup(markup, "lxml")
    date = _html_date(soup)
    meta_author = soup.find("meta", attrs={"name": re.compile("^author$", re.I)})
    author = _inline(str(meta_author.get("content") or "")) if meta_author else ""
    page_title = _inline(soup.title.get_text()) if soup.title else ""
    og = soup.find("meta", attrs={"property": "og:title"})
    og_title = _inline(str(og.get("content") or "")) if og else ""
    body = soup.body or soup
    root = body.find("main") or body.select_one('[role="main"]') or body
    walker = _HtmlText()
    walker.walk(root)
    walker.flush()
    h1 = next((b[1][0] for b in walker.blocks if b[0] == "heading" and b[1]), None)
    first_h1 = root.find("h1")
    if first_h1 is not None and not _html_hidden(first_h1):
        h1 = _inline(first_h1.get_text(" ")) or h1
    elif first_h1 is None:
        h1 = None
    if not h1 and page_title:  # "Grants for boat builders | Harbour Agency": the page, not the site
        parts = re.split(r"\s+[|–—-]\s+|\s+::\s+", page_title)
        page_title = parts[0] if len(parts[0].split()) >= 2 else page_title
    title = _useful_title(h1 or og_title or page_title)
    return _blocks_to_lines(walker.blocks), title, (author if _looks_like_name(author) else None), date, warned


# --- the one reader -----------------------------------------------------------------------------------
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
        lines, warnings, s_title, s_author, footer = _pdf_lines(data, path)
        return document_from_lines(
            lines, path, "pdf", warnings, title or s_title, author or s_author, given_date, footer
        )
    if kind == "docx":
        lines, s_title, s_author = _read_docx(data, path)
        return document_from_lines(lines, path, "docx", (), title or s_title, author or s_author, given_date)
    if kind == "html":
        lines, s_title, s_author, s_date, warned = _read_html(data, path)
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


if __name__ == "__main__":
    raise SystemExit(main())
