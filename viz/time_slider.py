"""The year slider of the timeline view: its range, its markup, and the tooltip lines on time.

The page holds every node and edge with its stored time properties (``known_years``, ``not_before``,
``not_after``); moving the slider applies the model's as-of rule (:mod:`graph.model.holds`, rendered into
the page as JavaScript from the same declaration): what *holds* is drawn normally, what is *unknown*
faintly (or hidden by the "hide unknown" toggle), what *does not hold* is hidden; an edge needs both ends
drawn and is faint when it or an end is unknown. A counter gives how many facts hold and how many are
unknown in the chosen year.

>>> slider_range((2005, 2018), None)
(2005, 2018, 2018)
>>> slider_range((2005, 2018), 2001)
(2001, 2018, 2001)
>>> time_lines({"start": 2018, "known_years": [2018, 2022], "derived_years": [2022],
...             "derived_rules": ["document date"], "not_before": 2018, "not_before_rule": "stated"})
['Known to hold: 2018 (stated); 2022 (derived: document date)']
>>> time_lines({"known_years": [], "not_before": 2017, "not_before_rule": "both ends"})
['Known to hold: no year', 'Not before 2017 (derived: both ends)']
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from graph.model.dating import STATED
from graph.model.holds import KNOWN_YEARS, NOT_AFTER, NOT_BEFORE


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
        '<label id="unknown-toggle"><input id="hide-unknown" type="checkbox"> hide unknown</label>'
        '<output id="year-counts" aria-live="polite"></output>'
        "</div>"
    )


def known_span(graph: Any) -> tuple[int, int] | None:
    """The first and last year any fact of the dated ``graph`` is known to hold, or None."""
    years = [y for _, d in graph.graph.nodes(data=True) for y in d.get(KNOWN_YEARS) or ()]
    years += [y for _, _, d in graph.graph.edges(data=True) for y in d.get(KNOWN_YEARS) or ()]
    return (min(years), max(years)) if years else None


def _ranges(pairs: list[tuple[int, str]]) -> list[str]:
    """``[(year, how)]`` → '2005–2008 (stated)' pieces, consecutive years with the same origin joined."""
    runs: list[list[Any]] = []
    for year, how in pairs:
        if runs and runs[-1][2] == how and runs[-1][1] == year - 1:
            runs[-1][1] = year
        else:
            runs.append([year, year, how])
    return [(f"{a}" if a == b else f"{a}–{b}") + f" ({how})" for a, b, how in runs]


def time_lines(data: Mapping[str, Any]) -> list[str]:
    """Tooltip lines: the years a fact is known to hold, each marked stated or derived (with the rule), and
    its bounds when a rule derived them. Derived years are never shown as stated."""
    derived = dict(zip(data.get("derived_years") or (), data.get("derived_rules") or (), strict=False))
    known = [(y, f"derived: {derived[y]}" if y in derived else STATED) for y in data.get(KNOWN_YEARS) or ()]
    lines = ["Known to hold: " + ("; ".join(_ranges(known)) if known else "no year")]
    for key, word in ((NOT_BEFORE, "Not before"), (NOT_AFTER, "Not after")):
        rule = data.get(f"{key}_rule")
        if data.get(key) is not None and rule not in (None, STATED):
            lines.append(f"{word} {data[key]} (derived: {rule})")
    return lines
