"""A document's reading structure: statements (a bullet, a heading, a paragraph) in a tree.

Slides and reports carry meaning in their layout. This module turns numbered lines into
:class:`Statement` s — a bullet with its wrapped lines, a diagram label broken over several short
lines, a prose paragraph — each knowing its parent: a sub-bullet's parent is the bullet above it,
a top-level bullet's parent is the title or subheading it sits under, a subheading's parent is its
section's title. A section ends at two or more blank lines (a slide break) or a Markdown heading.

>>> from loaders.documents import document_from_text
>>> doc = document_from_text(
...     "Harbour reform\\n\\n- The Port Office was set up in 1990\\n  - Formerly the Dock Board\\n")
>>> [(s.text, s.first_line, s.parent) for s in statements(doc)]
[('Harbour reform', 1, None), ('The Port Office was set up in 1990', 3, 0), ('Formerly the Dock Board', 4, 1)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.documents import Document
from loaders.lexicon import INITIALS, READING
from loaders.text_tables import GLOSSARY_LINE, as_markdown_rows

ORDINAL_MARK = r"\d{1,2}[\u00b0\u00ba]"  # "1° the ministry;": a legal text's numbered item
_BULLET = re.compile(
    rf"^(\s*)(?:[-*+>]|\d{{1,2}}[.)]|{ORDINAL_MARK}|[a-h][.)]|\((?:\d{{1,2}}|[a-h]|[ivx]{{1,4}})\))\s+(?=\S)"
)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_STARS = re.compile(r"\*\*|(?<!\w)\*(?=\w)|(?<=\w)\*(?!\w)")
# "**Quay Agency (QA).** Formed in 2019 …": a bold lead-in ending on a full stop names what the text after it
# is about, as "Quay Agency (QA): formed in 2019 …" does; it reads as that label, with a colon
_LEAD_IN = re.compile(r"(\*\*|__)([^*_]{2,150}?)(?:\.\1|\1\.)(?=\s+\S)")
_TERMINAL = (".", "!", "?", ":", ";")
_FIELD = re.compile(r"^[A-Z][A-Za-z ()-]{1,40}:\s")  # "Managing body: …"


@dataclass
class Statement:
    """One unit of reading: its clean text (lines joined by spaces) and where it sits.

    ``kind`` is ``heading`` (a Markdown heading), ``bullet`` or ``text``; ``parent`` is the index of
    the statement it continues (None at the top); ``section`` counts slide/section breaks.
    """

    index: int
    text: str
    first_line: int
    last_line: int
    kind: str
    indent: int
    section: int
    parent: int | None = None
    # (offset in text, line number) for each line the statement spans, in order.
    line_starts: list[tuple[int, int]] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        """The document line holding character ``offset`` of :attr:`text`."""
        line = self.first_line
        for start, number in self.line_starts:
            if start > offset:
                break
            line = number
        return line

    @property
    def title_like(self) -> bool:
        """Short and unpunctuated: a slide title, a subheading or a diagram label."""
        return len(self.text) <= 120 and not self.text.endswith(".") and self.text.count(" ") < 16


def _short(text: str) -> bool:
    return len(text) <= 40 and text.count(" ") <= 3


_DATED_ITEM = re.compile(r"[A-Z][^()]{1,60}\(\s*(?:19|20)\d\d")  # a deck's "Name (2028-, Body)": an item of its own
# "Policy framework", "Key actors": a slide's heading in sentence case, not the first half of a broken name
_LABEL_IN_SENTENCE_CASE = re.compile(r"[A-Z][a-z]+(?:\s+(?!(?:of|for|and|the|on|in)\b)[a-z]+)+\s*$")
_TIMELINE_ENTRY = re.compile(r"(?:19|20)\d\d\s*(?::|\s[-\u2013\u2014])\s")  # "2030: …", "2030 – …"
_SENTENCE_OPENS = re.compile(r"(?:The|This|These|It|Its|In|A|An|Our|We|Since|From|Under)\s")


def _capitals(line: str) -> bool:
    """Whether a line is written in capitals (a title), with letters of at least two words."""
    return line.isupper() and sum(w[:1].isalpha() for w in line.split()) >= 2


def _continues(previous: str, line: str, kind: str) -> bool:
    """Whether ``line`` carries on the statement whose last line is ``previous`` (no blank between)."""
    if previous.endswith(_TERMINAL):
        return line[:1].islower()
    if GLOSSARY_LINE.match(previous) and GLOSSARY_LINE.match(line):
        return False  # a list of abbreviations: one a line
    if _FIELD.match(previous) and (_FIELD.match(line) or _SENTENCE_OPENS.match(line)):
        return False  # "Partners: A; B" / "Target group: …": a fact sheet's fields, one a line; then its prose
    if line[:1].islower() or line[:1] in "(&,":
        return True
    if _TIMELINE_ENTRY.match(line) or (previous.endswith(")") and _DATED_ITEM.match(line)):
        return False  # a timeline's "2030: …", a deck's items "A (2028-, B)" / "C (2029-, D)": one a line
    if _capitals(previous) != _capitals(line):
        return False  # "SME SUPPORT IN NORLAND" / "Policy landscape and lessons": a title, then its subtitle
    if _short(previous) and _short(line) and not (_DATED_ITEM.match(line) or _LABEL_IN_SENTENCE_CASE.match(previous)):
        return True  # diagram label fragments: "Harbour" / "Safety Office" (not "Programmes" / "P (2028-, A)")
    if kind == "bullet" and _short(previous):
        return False  # "3. Finance" / "The Sorvik Bank provides …": a numbered heading, then its text
    return len(previous) >= 60 or kind == "bullet"  # a wrapped line of prose or of a bullet


class _Tree:
    """The state of building the statement tree: the statements so far, the section and its title, the
    frame top-level bullets hang under, the open Markdown headings and the bullets above the next one."""

    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown
        self.out: list[Statement] = []
        self.section = 0
        self.section_title: Statement | None = None
        self.frame: Statement | None = None  # the latest heading or text statement in this section
        self.md_headings: list[tuple[int, Statement]] = []
        self.bullet_stack: list[Statement] = []

    def heading(self, heading: re.Match[str], line: str, number: int) -> Statement:
        """A Markdown heading: a new section, under the nearest heading of a higher level."""
        level = len(heading[1])
        text = line.lstrip("#").strip()
        self.section += 1
        while self.md_headings and self.md_headings[-1][0] >= level:
            self.md_headings.pop()
        parent = self.md_headings[-1][1].index if self.md_headings else None
        st = Statement(len(self.out), text, number, number, "heading", level, self.section, parent)
        self.md_headings.append((level, st))
        self.section_title, self.frame, self.bullet_stack = st, st, []
        return st

    def bullet(self, bullet: re.Match[str], raw: str, line: str, number: int, new_section: bool) -> Statement:
        """A bullet: under the nearest bullet indented less, else under the section's frame."""
        indent = len(bullet[1].expandtabs(4))
        text = line[bullet.end() - (len(raw) - len(raw.lstrip())) :].strip()
        # A slide title, then blank lines, then its bullets: the bullets still belong to it.
        frame = self.frame
        titled = bool(self.out) and self.out[-1] is frame and frame is not None and frame.kind == "text"
        if new_section and not self.markdown and not titled:
            self.section += 1
            self.section_title, self.frame = None, None
            self.bullet_stack = []
        while self.bullet_stack and self.bullet_stack[-1].indent >= indent:
            self.bullet_stack.pop()
        parent_st = self.bullet_stack[-1] if self.bullet_stack else self.frame
        parent = parent_st.index if parent_st else None
        st = Statement(len(self.out), text, number, number, "bullet", indent, self.section, parent)
        self.bullet_stack.append(st)
        return st

    def text(self, line: str, number: int, new_section: bool) -> Statement:
        """A line of text: under the section's title if that reads as one, else under the open heading;
        the first text of a section is its title."""
        if new_section and not self.markdown:
            self.section += 1
            self.section_title = None
        self.bullet_stack = []
        title = self.section_title
        parent: int | None
        if title is not None and title.title_like and title.kind != "heading":
            parent = title.index
        else:
            parent = self.md_headings[-1][1].index if self.md_headings else None
        st = Statement(len(self.out), line, number, number, "text", 0, self.section, parent)
        if self.section_title is None:
            self.section_title = st
        self.frame = st
        return st


def statements(doc: Document) -> list[Statement]:
    """The document's statements in reading order, each with its parent and section."""
    tree = _Tree(doc.format == "markdown")
    blank_run = 2  # the document starts a section
    current: Statement | None = None
    last_line_text = ""
    text_rows = as_markdown_rows(list(doc.clean), doc.lines)  # plain-text tables, read as Markdown ones
    for number, raw in enumerate(doc.clean, start=1):
        raw = text_rows.get(number - 1, raw)
        line = raw.strip()
        if not line:
            blank_run += 1
            current = None
            continue
        if (tree.markdown and ("*" in line or "_" in line)) or "*" in line:
            # emphasis marks: Markdown's, and a plain text's "*italic*" (a copied web page, an export)
            if (lead := _LEAD_IN.match(line, b.end() if (b := _BULLET.match(line)) else 0)) is not None:
                line = f"{line[: lead.start()]}{lead[2]}:{line[lead.end() :]}"
            line = (_EMPHASIS if tree.markdown else _STARS).sub(" ", line).strip()
            if not line:
                continue
        new_section = blank_run >= 2
        after_blank = blank_run > 0
        blank_run = 0
        heading = _MD_HEADING.match(raw) if tree.markdown else None
        bullet = None if heading else _BULLET.match(raw)
        row = line.startswith("|")  # a row of a table is a statement of its own
        if (
            current is not None
            and not heading
            and not bullet
            and not after_blank
            and not row
            and not last_line_text.startswith("|")
            and _continues(last_line_text, line, current.kind)
        ):
            current.line_starts.append((len(current.text) + 1, number))
            current.text = f"{current.text} {line}"
            current.last_line = number
            last_line_text = line
            continue
        if heading:
            st = tree.heading(heading, line, number)
        elif bullet:
            st = tree.bullet(bullet, raw, line, number, new_section)
        else:
            st = tree.text(line, number, new_section)
        st.line_starts.append((0, number))
        tree.out.append(st)
        current = st
        last_line_text = line
    return _split_sentences(tree.out)


# A full stop (and a footnote mark: "year.¹"), then a space and a capital: a sentence ends (unless the
# word before is an abbreviation).
# (The full stop first, the character before it looked behind at: a pattern that opens on a literal
# is searched for that literal, where one that opens on a look-behind is tried at every character.)
_SENTENCE_END = re.compile(
    r"\.(?:(?<=[\w)\]\"'%\u2019\u201d]\.)|(?:(?<=[^\W\d_]\.)|(?<=[)\]]\.))(?:\d{1,2}|[\u00b9\u00b2\u00b3\u2070-\u2079]{1,2}))"
    r"\s+(?=[A-Z\"(\u201c])"  # (a footnote's number after the full stop: "… (DEP).3 The …")
)
# (and a person's short title, written with a full stop: "Dr.", "Eng.", "Amb.")
_ABBREVIATIONS = ("e.g", "i.e", "etc", "No", "Art", "St", "Inc", "Ltd", "Co", "Corp", "Dept", "Govt", "vs", "cf",
                  *(t for t in READING["person_titles"] if len(t) <= 4 and not t.isupper()))


def _sentences(text: str) -> list[int]:
    """Offsets where the sentences of ``text`` start (always including 0)."""
    starts = [0]
    if "." not in text:
        return starts
    for m in _SENTENCE_END.finditer(text):
        word = text[text.rfind(" ", 0, m.start()) + 1 : m.start()]  # the word before, without copying the text
        if word.endswith(_ABBREVIATIONS) or (len(word) == 1 and word.isupper()) or INITIALS.fullmatch(word):
            continue  # (nor do a country's initials: "the U.S. Census Bureau")
        if text.count("(", starts[-1], m.start()) > text.count(")", starts[-1], m.start()):
            continue  # "(Quay Corp. Norland)": a full stop inside brackets ends no sentence
        starts.append(m.end())
    return starts


def _split_sentences(units: list[Statement]) -> list[Statement]:
    """One statement per sentence: later sentences share the first one's parent; children follow the first."""
    if not any("." in u.text for u in units):
        return units
    out: list[Statement] = []
    new_index: dict[int, int] = {}
    for u in units:
        starts = _sentences(u.text) if u.kind != "heading" else [0]
        parent = new_index.get(u.parent) if u.parent is not None else None
        new_index[u.index] = len(out)
        one_line = len(u.line_starts) == 1  # (most units): every piece is on that line
        for i, a in enumerate(starts):
            b = starts[i + 1] if i + 1 < len(starts) else len(u.text)
            text = u.text[a:b].strip()
            if one_line:
                first = last = u.line_starts[0][1]
                piece = Statement(len(out), text, first, last, u.kind, u.indent, u.section, parent, [(0, first)])
            else:
                first, last = u.line_at(a), u.line_at(max(a, b - 2))
                piece = Statement(len(out), text, first, last, u.kind, u.indent, u.section, parent)
                piece.line_starts = [(0, first)] + [(o - a, n) for o, n in u.line_starts if a < o < b]
            out.append(piece)
    return out
