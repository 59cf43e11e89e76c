"""The title, author and publication date a document states at its head, read as a person reads a
first page (:func:`stated_metadata`), and the checks the format readers share: whether a file's own
title is a placeholder (:func:`useful_title`) and whether an author field is a name
(:func:`looks_like_name`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from loaders.documents.dates import DATE_EXPR, DATE_SEARCH, YEAR, date_from_match, parse_date

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
    rf"^[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){{0,3}}(?:,\s*|\s+-\s+)(?P<date>(?i:{DATE_EXPR}))(?:\s+-|\s*:|\s*$)",
)
_ANNUAL_REPORT = re.compile(
    rf"\b(?:FY\s?)?(?P<a>{YEAR})(?:/\d{{2,4}})?\s+annual\s+report\b|\bannual\s+report\s+(?:FY\s?)?(?P<b>{YEAR})\b",
    re.I,
)
_JUNK_TITLES = re.compile(
    r"^(?:untitled.*|title|document\d*|presentation\d*|powerpoint presentation|slide \d+|draft|"
    r"microsoft word - .*|.*\.(?:docx?|pdf|pptx?|indd|odt|rtf|txt|html?))$",
    re.I,
)


def _plain(line: str) -> str:
    """A head line without Markdown decoration: quote marks, heading marks, emphasis; spaces collapsed."""
    s = line.strip()
    s = re.sub(r"^(?:>\s*)+", "", s)
    s = _HEADING_MARK.sub("", s)
    s = s.strip("*_ ").strip()
    return " ".join(s.split())


def looks_like_name(text: str) -> bool:
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
    if (m := _DATELINE.match(line)) and (d := date_from_match(m)):
        found.append((1, order, d))
    if body:
        return found
    for segment in _SEPARATORS.split(line):
        for label, rank in _DATE_LABELS:
            lm = label.search(segment)
            if lm and (m := DATE_SEARCH.search(segment, lm.end())) and m.start() - lm.end() < 40:
                if d := date_from_match(m):
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
    found = _Head()
    for i, stripped, line in _head_lines(lines, head):
        found.read(i, stripped, line)
    for line in extra:
        found.dates += _dates_in(_plain(line), len(lines), False)
    return found.chosen_title(lines), found.author, (min(found.dates)[2] if found.dates else None)


def _head_lines(lines: list[str], head: int) -> Iterator[tuple[int, str, str]]:
    """(index, stripped, plain) of the first ``head`` lines with text, past HTML comments and rules."""
    seen = 0
    in_comment = False
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
            return
        yield i, stripped, line


@dataclass
class _Head:
    """What the head lines state, read one at a time: title candidates (by line index), author, dates."""

    tagged: str | None = None  # a "Title: ..." line
    heading: tuple[int, str] | None = None  # the first Markdown "# " heading
    title: tuple[int, str] | None = None  # the first line that could be a title
    weak: tuple[int, str] | None = None  # the first banner: the title only when nothing better comes
    author: str | None = None
    dates: list[tuple[int, int, str]] = field(default_factory=list)  # (rank, order, date): min wins
    stopped: bool = False  # running text, a list or a numbered section began: the head is over

    def read(self, i: int, stripped: str, line: str) -> None:
        """One head line: its dates and a first "# " heading always count; before the running text it may
        also be the title, a byline or a banner."""
        body = _is_body(line)
        self.dates += _dates_in(line, i, body)
        level = _HEADING_MARK.match(stripped)
        if level and len(level[1]) == 1 and self.heading is None and not _URLISH.search(line):
            self.heading = (i, line)
        if self.stopped:
            return
        if body or stripped.startswith(("- ", "* ", "+ ")) or (
            _SECTION_NUMBER.match(line) and len(line.split()) <= 4
        ):
            self.stopped = True
        else:
            self._take(i, line)

    def _take(self, i: int, line: str) -> None:
        """A head line before the running text: a title, a byline, a banner, or a line to pass over."""
        if m := _TITLE_TAGGED.match(line):
            self.tagged = self.tagged or m[1].strip()
            return
        if _URLISH.search(line) or _BREADCRUMB.search(line) or _is_meta_label(line):
            return
        if parse_date(line) or _DATELINE.match(line):
            return
        if (name := _byline(line, after_title=bool(self.title or self.weak))) is not None:
            if self.author is None and name:
                self.author = name
            return
        if (_ROLE_LINE.match(line) and len(line.split()) <= 8) or _SECTION_WORDS.match(line):
            return
        if _is_banner(line):
            self.weak = self.weak or (i, line)
        elif self.title is None:
            self.title = (i, line)

    def chosen_title(self, lines: list[str]) -> str | None:
        """A "Title:" line, else the first "# " heading, else the first title-like line, else a banner."""
        if self.tagged:
            return self.tagged
        chosen = self.heading or self.title or self.weak
        return (_join_title(lines, *chosen) or None) if chosen and chosen[1] else None


def _byline(line: str, *, after_title: bool) -> str | None:
    """The name a byline gives ("" for a "By ..." line that names no one); None for a line that is not a
    byline. "Name, Role" is a byline only under a title."""
    if m := _AUTHOR_TAGGED.match(line):
        name = m[1].strip().rstrip(".")
        return name if looks_like_name(name) else ""
    if m := _AUTHOR_HONORIFIC.match(line):
        return m[1]
    if after_title and (m := _AUTHOR_ROLE.match(line)):
        return m[1]
    return None


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


def useful_title(title: str | None) -> str | None:
    """A title from a file's properties, unless it is a placeholder or a file name."""
    if not title:
        return None
    title = " ".join(str(title).split())
    if not title or len(title) > 300 or _JUNK_TITLES.match(title):
        return None
    return title
