"""Dates as documents and people write them, read as ISO 8601 as precise as stated: a day, a month
or a year ("14 October 2024" is ``2024-10-14``, "March 2019" is ``2019-03``, "Spring 2025" is ``2025``).

The one date grammar of the document reader: :func:`parse_date` for a whole line or value,
:data:`DATE_EXPR` and :func:`date_from_match` for dates inside a line (:mod:`loaders.documents.metadata`),
:func:`normalise_date` for a date given by hand. (Years and spans inside running text, for extracted
facts, are :mod:`loaders.dates`.)
"""

from __future__ import annotations

import datetime as dt
import re

from graph.errors import UsageError

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
YEAR = r"(?:19|20)\d\d"
# Date expressions, each in named groups so one finder serves them all (most precise first).
DATE_EXPR = (
    rf"(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmy_m>{_MONTH_RE})\.?,?\s+(?P<dmy_y>{YEAR})"
    rf"|(?P<mdy_m>{_MONTH_RE})\.?\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>{YEAR})"
    rf"|(?P<my_m>{_MONTH_RE})\.?,?\s+(?P<my_y>{YEAR})"
    rf"|(?P<iso_y>{YEAR})-(?P<iso_m>\d\d)(?:-(?P<iso_d>\d\d))?(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"
    rf"|(?P<dot_d>\d{{1,2}})\.(?P<dot_m>\d{{1,2}})\.(?P<dot_y>{YEAR})"
    rf"|(?:(?:early|mid|late)[- ])?(?:spring|summer|autumn|fall|winter|q[1-4])\s+(?P<season_y>{YEAR})"
    rf"|(?:FY\s?)?(?P<year>{YEAR})"
)
_DATE_WHOLE = re.compile(rf"^(?:date[d]?:?\s*)?(?:{DATE_EXPR})$", re.I)
DATE_SEARCH = re.compile(rf"(?<![\w/-])(?:{DATE_EXPR})(?![\w/]|-\d)", re.I)


def date_from_match(m: re.Match[str]) -> str | None:
    """The ISO string of a match of ``DATE_EXPR``, as precise as stated; None if it is not a real date."""
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
    return date_from_match(m) if m else None


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
