"""A paged document's pages as one run of lines: running heads and feet dropped, split sentences joined.

A PDF repeats a running head ("Ministry of X | Annual Report") and a foot ("Page 1 of 2", "1/2") on
every page; read as text they land in the middle of a sentence that runs over the page break and cut
it in two. A line is running when, with its digits masked, it opens or closes at least two pages (and
half of them). Pages are then joined: with a blank line where the page before ends a sentence, and
directly where a sentence runs on, so the reader sees it whole.

>>> join_pages([["Report | Chapter 1", "The agency runs the", "Page 1 of 2"],
...             ["Report | Chapter 1", "voucher scheme.", "Page 2 of 2"]])
['The agency runs the', 'voucher scheme.']
"""

from __future__ import annotations

import re
from collections import Counter

_EDGE = 2  # lines at each end of a page where a running head or foot may sit
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?:;)\u201d\"]\s*$")


def _mask(line: str) -> str:
    return _SPACE.sub(" ", _DIGITS.sub("#", line)).strip()


def _edges(page: list[str]) -> list[int]:
    """Indexes of a page's first and last few non-empty lines."""
    filled = [i for i, s in enumerate(page) if s.strip()]
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))


def edge_lines(page: list[str]) -> list[str]:
    """A page's first and last few non-empty lines: its head and foot, if it has them."""
    return [page[i] for i in _edges(page)]


def running_lines(pages: list[list[str]]) -> set[str]:
    """The masked lines that open or close at least two pages, and half of them."""
    if len(pages) < 2:
        return set()
    seen = Counter(m for page in pages for m in {_mask(page[i]) for i in _edges(page)})
    need = max(2, (len(pages) + 1) // 2)
    return {m for m, n in seen.items() if n >= need and m}


def join_pages(pages: list[list[str]]) -> list[str]:
    """The pages' lines without their running heads and feet, a sentence split by a page break whole."""
    running = running_lines(pages)
    lines: list[str] = []
    for page in pages:
        edges = set(_edges(page))
        kept = [s for i, s in enumerate(page) if not (i in edges and _mask(s) in running)]
        while kept and not kept[-1].strip():
            kept.pop()
        while kept and not kept[0].strip():
            kept.pop(0)
        if lines and kept and _SENTENCE_END.search(lines[-1]):
            lines.append("")  # a blank line between pages keeps pages from running into each other
        lines.extend(kept)
    return lines
