"""Years and year spans as documents state them, with the precision they give and no more.

>>> text = "run from 1999; the 2005 – 2008 plan; in the early 2000s"
>>> [(s.start, s.end, s.precision) for s in find_years(text)]
[(1999, None, 'from'), (2005, 2008, 'range'), (None, None, 'decade')]
>>> find_years("a (2004-05) pilot")[0].end
2005
>>> [(s.start, s.end) for s in find_years("the fund (2018/19 - 2022/23)")]
[(2018, 2023)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.lexicon import memoised

_Y = r"(?:1[89]\d\d|20\d\d)"
# The clean view of a document has already turned en/em dashes into '-'; a raw string still works.
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"  # "2015 to 30 June": a day, not a year
_DAY_MONTH = rf"(?:\d{{1,2}}\s+)?(?:{MONTH}[a-z]*\.?\s+)?"
_DASH = r"\s*(?:-|\u2013|\u2014|\u2012|\u2212|to|until|till|through|and)\s*"
_YEARS = re.compile(
    rf"(?:(?<=\bFY)|(?<![\w.,$\u20ac\u00a3/-]))(?:"  # "FY2022": a fiscal year is its year
    rf"(?P<rpre>from\s+|between\s+)?(?P<r1>{_Y})(?:/\d\d)?{_DASH}(?P<r2>{_Y}|\d\d(?!\s+{MONTH}))"
    rf"(?:/(?P<r2f>\d\d))?(?![\d%])"  # "2018/19 - 2022/23": fiscal years, ending in 2023
    rf"|(?:(?P<dq>early|mid|late)[\s-]+)?(?:the\s+)?(?P<dec>1[89]\d0s|20\d0s)"
    # "since March 2021", "until 30 June 2030": a day and a month may come between ("from … to …" dates
    # are joined into a range by _dated_ranges)
    rf"|(?P<fpre>(?:since|starting\s+in|beginning\s+in|as\s+of)\s+{_DAY_MONTH}|from\s+)(?P<f>{_Y})(?![\d%])"
    rf"|(?P<upre>(?:until|till|up\s+to|through)\s+{_DAY_MONTH}|(?:to|ended\s+in|closed\s+in)\s+)(?P<u>{_Y})(?![\d%])"
    rf"|(?P<o>{_Y})\s*(?:-|\u2013|\u2014)(?:\s*(?:present|now|today|ongoing|date))?(?=\s*(?:[,;)\]|]|$))"
    # ("(2028-, A)", "| 2019– |", "(2016-present, A)": still open)
    rf"|(?P<y>{_Y})(?![\d%]|\.\d|s\b)"
    rf")",
    re.I,
)

_ANY_YEAR = re.compile(r"(?:1[89]|20)\d\d")


@dataclass(frozen=True)
class YearSpan:
    """A dated phrase: ``start``/``end`` years where the text gives them; ``precision`` says how.

    precision: ``year`` (a single year: start = end), ``range``, ``from`` (open end), ``until``
    (open start), ``decade`` (e.g. "the early 2000s": no year is claimed; ``text`` keeps the words).
    """

    start: int | None
    end: int | None
    precision: str
    text: str
    position: int

    @property
    def first(self) -> int | None:
        """The first year the phrase names (start, else end)."""
        return self.start if self.start is not None else self.end


@memoised
def find_years(text: str) -> list[YearSpan]:
    """Every year, range, open span and decade in ``text``, left to right."""
    if not _ANY_YEAR.search(text):
        return []  # every phrase we read holds a four-digit year (a decade too: "2000s")
    spans: list[YearSpan] = []
    for m in _YEARS.finditer(text):
        if m["r1"]:
            a, b = int(m["r1"]), m["r2"]
            end = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
            if m["r2f"]:
                end = (end // 100) * 100 + int(m["r2f"])
            if end < a:
                continue
            spans.append(YearSpan(a, end, "range", m[0], m.start()))
        elif m["dec"]:
            spans.append(YearSpan(None, None, "decade", m[0], m.start()))
        elif m["f"] or m["o"]:
            spans.append(YearSpan(int(m["f"] or m["o"]), None, "from", m[0], m.start()))
        elif m["u"]:
            spans.append(YearSpan(None, int(m["u"]), "until", m[0], m.start()))
        elif m["y"]:
            y = int(m["y"])
            spans.append(YearSpan(y, y, "year", m[0], m.start()))
    return _dated_ranges(text, spans) if len(spans) > 1 else spans


_FROM_DATE = re.compile(rf"\b(?:from|between)\s+{_DAY_MONTH}$", re.I)
_TO_DATE = re.compile(rf"\s*(?:to|until|till|and|-|\u2013)\s+{_DAY_MONTH}$", re.I)


def _dated_ranges(text: str, spans: list[YearSpan]) -> list[YearSpan]:
    """ "from September 2015 to 30 June 2020": two dates make one range."""
    out: list[YearSpan] = []
    for s in spans:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.precision == "year" and s.precision in ("year", "until")
            and _TO_DATE.fullmatch(text, prev.position + len(prev.text), s.position if s.precision == "year"
                                   else s.position + len(s.text) - 4)
            and _FROM_DATE.search(text, max(0, prev.position - 24), prev.position)
            and prev.start is not None and s.end is not None and s.end >= prev.start
        ):
            words = text[prev.position : s.position + len(s.text)]
            out[-1] = YearSpan(prev.start, s.end, "range", words, prev.position)
            continue
        out.append(s)
    return out


def nearest_year(spans: list[YearSpan], position: int) -> YearSpan | None:
    """The span closest to ``position`` (ties go to the later one, as in "created in 2017")."""
    best: YearSpan | None = None
    best_d = 1 << 30
    for s in spans:
        if s.precision == "decade":
            continue
        d = abs(s.position - position)
        if d <= best_d:
            best, best_d = s, d
    return best
