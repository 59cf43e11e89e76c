"""The report's words about time: how much of the graph is dated, and what the yearly figures rest on.

Pure text from the model and the coordination rows (:func:`graph.analysis.coordination.coordination`);
:mod:`viz.report` places it.

>>> rows = [{"year": 2005, "groups": 2, "members": [["A"], ["B"]], "running": ["p", "q"], "unknown": 0},
...         {"year": 2006, "groups": 2, "members": [["A"], ["B"]], "running": ["p", "q"], "unknown": 0},
...         {"year": 2007, "groups": 0, "members": [], "running": [], "unknown": 3}]
>>> parallel_lines(rows, {"p": "P", "q": "Q"})
['- 2005–2006: 2 separate groups ran P and Q in parallel: A | B.']
>>> gap_lines(rows)
['- 2007: no known figure; 3 roles or collaborations may hold then but are undated (unknown), so they are left out.']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.model.dating import coverage
from graph.model.institutional_graph import InstitutionalGraph


def _years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _runs(rows: Sequence[dict[str, Any]], key: Any) -> list[tuple[int, int, Any]]:
    """Maximal runs of consecutive years with the same ``key(row)`` (None keys are gaps)."""
    out: list[tuple[int, int, Any]] = []
    for row in sorted(rows, key=lambda r: r["year"]):
        k = key(row)
        if k is None:
            continue
        if out and out[-1][2] == k and out[-1][1] == row["year"] - 1:
            out[-1] = (out[-1][0], row["year"], k)
        else:
            out.append((row["year"], row["year"], k))
    return out


def coverage_line(g: InstitutionalGraph) -> str:
    """One line: how many facts are dated, stated or derived, and by which rules."""
    c = coverage(g.dated())
    return (
        f"Time coverage: of {c['facts']} facts (entities and relationships), {c['stated']} have years the "
        f"documents state, {c['derived']} are dated only by derivation (document date: {c['document date']}, "
        f"both ends: {c['both ends']}, succession: {c['succession']} facts given years) and {c['undated']} "
        f"have no known year; {c['bounded']} more are bounded by derived years. Every yearly figure below "
        "counts only facts known to hold that year; continuity between two known years is not assumed."
    )


def parallel_lines(rows: Sequence[dict[str, Any]], names: Mapping[str, str]) -> list[str]:
    """Years in which more than one group ran the area's instruments, naming the bodies and instruments."""

    def key(row: dict[str, Any]) -> Any:
        if row["groups"] < 2:
            return None
        return (tuple(tuple(m) for m in row["members"]), tuple(row["running"]))

    lines = []
    for first, last, (members, running) in _runs(rows, key):
        programmes = [names.get(i, i) for i in running]
        listed = ", ".join(programmes[:-1]) + f" and {programmes[-1]}" if len(programmes) > 1 else programmes[0]
        lines.append(
            f"- {_years(first, last)}: {len(members)} separate groups ran {listed} in parallel: "
            + " | ".join(", ".join(m) for m in members)
            + "."
        )
    return lines


def gap_lines(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Years whose figure may be wrong because facts the measure reads are undated then."""
    lines = []
    for first, last, n in _runs(rows, lambda r: r.get("unknown") or None):
        known = "no known figure" if all(r["groups"] == 0 for r in rows if first <= r["year"] <= last) else (
            "the figure counts known facts only"
        )
        lines.append(
            f"- {_years(first, last)}: {known}; {n} roles or collaborations may hold then but are undated "
            "(unknown), so they are left out."
        )
    return lines


def time_section(g: InstitutionalGraph, rows: Sequence[dict[str, Any]]) -> list[str]:
    """The report's paragraphs on time: coverage, parallel programmes, and the caveats."""
    names = {n: d["name"] for n, d in g.graph.nodes(data=True)}
    lines = [coverage_line(g), ""]
    parallel = parallel_lines(rows, names)
    if parallel:
        lines += ["Parallel programmes (separate groups running the area's instruments at once):", "", *parallel, ""]
    gaps = gap_lines(rows)
    if gaps:
        lines += [
            "Caveats: where the documents date nothing, a year's figure is not evidence of change. The "
            "column `unknown` counts the undated roles and collaborations left out of each year, and "
            "`possible_groups` the groups counting them too.",
            "",
            *gaps,
            "",
        ]
    return lines
