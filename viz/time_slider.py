"""The year slider of the timeline view: its range and its markup.

The page holds every node and edge with its ``start`` and ``end``; moving the slider hides what does not
hold in the chosen year by the model's as-of rule (:func:`graph.model.holds_in`, identical in Cypher): a
node shows when ``(start is null or start <= year) and (end is null or end >= year)``, an edge when its own
span holds and both its ends show. The rule's JavaScript twin is ``holds`` in :mod:`viz.offline`.

>>> slider_range((2005, 2018), None)
(2005, 2018, 2018)
>>> slider_range((2005, 2018), 2001)
(2001, 2018, 2001)
"""

from __future__ import annotations

import html


def slider_range(years: tuple[int, int] | None, as_of: int | None) -> tuple[int, int, int]:
    """``(first, last, initial)`` year of the slider: the model's span, widened to include ``as_of``.

    With no dated fact at all, the slider spans ``as_of`` alone (or the single year 2000 when even that
    is missing, so the page still works).
    """
    if years is None:
        year = as_of if as_of is not None else 2000
        return year, year, year
    first, last = years
    if as_of is None:
        return first, last, last
    return min(first, as_of), max(last, as_of), as_of


def slider_html(first: int, last: int, initial: int) -> str:
    """The range input, its year label and the play button, as escaped markup for the page."""
    lo, hi, at = (html.escape(str(int(v))) for v in (first, last, initial))
    return (
        '<div id="timebar">'
        '<button id="play" type="button" aria-label="play through the years">\u25b6 Play</button>'
        f'<input id="year-slider" type="range" min="{lo}" max="{hi}" step="1" value="{at}" '
        'aria-label="as-of year">'
        f'<output id="year" for="year-slider">{at}</output>'
        "</div>"
    )
