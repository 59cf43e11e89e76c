"""A short Markdown report with figures and tables (CSV, JSON), from the analyses; the rows it tabulates.

Pure parts build rows and text; :func:`write_report` is the only function that writes files.
Figures are matplotlib ``Figure`` objects on an Agg canvas, made without pyplot: no display is needed
and the caller's backend (a notebook's inline one, say) is left alone. Notebooks show them with
``display(fig)``::

    from loaders.dataset import korea_graph
    write_report(korea_graph(), Path("out"))   # out/report.md, out/*.png, out/*.csv, out/*.json
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.analysis import centrality, coordination
from graph.analysis.projections import view
from graph.model.institutional_graph import InstitutionalGraph
from viz.figures import BAR_ACTORS, BAR_MEASURES, centrality_figure, comparison_figure, coordination_figure
from viz.report_time import time_section
from viz.tables import markdown_table, to_csv, to_json

REPORT_FILE = "report.md"


# --- tables ---------------------------------------------------------------------------------------------
def centrality_table(
    g: InstitutionalGraph,
    *,
    projection: str = "full",
    as_of: int | None = None,
    k: int | None = None,
    certainty: str = "known",
) -> list[dict[str, Any]]:
    """Rows ``{id, name, type, <measure>: value, ...}`` for every node of a projection, most central first.

    >>> from graph.model import Entity, Relationship
    >>> ig = InstitutionalGraph()
    >>> m = ig.add_entity(Entity(type="Ministry", name="M"))
    >>> p = ig.add_entity(Entity(type="Programme", name="P"))
    >>> _ = ig.add_relationship(Relationship(type="LEADS", source=m.id, target=p.id, start=2020))
    >>> row = centrality_table(ig)[0]
    >>> row["id"], row["out_degree"], row["in_degree"]
    ('ministry:m', 1.0, 0.0)
    """
    G = view(g, projection, as_of=as_of, certainty=certainty)
    weight = "weight" if projection == "actors" else None
    return centrality.centrality_rows(G, centrality.centralities(G, weight=weight, k=k))


def active_centrality_table(
    g: InstitutionalGraph, year: int, *, area: str | None = None
) -> list[dict[str, Any]]:
    """Centrality rows for the actors running the policy area's instruments in ``year`` only.

    The graph is that year's collaboration graph (:func:`graph.analysis.coordination.collaboration_graph`), so
    bodies that exist but run nothing in the area do not crowd the comparison.
    """
    area_ids = coordination.area_instruments(g, area)
    G = coordination.collaboration_graph(g, year, instruments=area_ids)
    return centrality.centrality_rows(G, centrality.centralities(G, weight="weight"))


def brokerage_rows(g: InstitutionalGraph, *, as_of: int | None = None) -> list[dict[str, Any]]:
    """Brokerage roles of actors (groups = actor type) on the actor projection; actors with none left out."""
    G = view(g, "actors", as_of=as_of)
    rows = []
    for node, roles in centrality.brokerage(G).items():
        if any(roles.values()):
            rows.append({"id": node, "name": G.nodes[node]["name"], "type": G.nodes[node]["type"], **roles})
    return sorted(rows, key=lambda r: (-sum(r[k] for k in centrality.BROKERAGE_ROLES), r["id"]))


# --- the report ----------------------------------------------------------------------------------------
def compared_years(rows: Sequence[dict[str, Any]], reorganisation: int) -> tuple[int | None, int | None]:
    """A year before the reorganisation with the most groups (the latest such), and the year from it
    on with the most actors (the earliest such).

    >>> compared_years([{"year": 2005, "groups": 2, "actors": 2}, {"year": 2006, "groups": 1, "actors": 1},
    ...                 {"year": 2018, "groups": 1, "actors": 6}], 2017)
    (2005, 2018)
    """
    before = [r for r in rows if r["year"] < reorganisation and r["groups"]]
    after = [r for r in rows if r["year"] >= reorganisation and r["groups"]]
    first = max(before, key=lambda r: (r["groups"], r["year"]))["year"] if before else None
    second = max(after, key=lambda r: (r["actors"], -r["year"]))["year"] if after else None
    return first, second


def _reorganisation_lines(
    g: InstitutionalGraph,
    comparison: dict[str, Any] | None,
    hub_name: str,
    *,
    given: bool,
    rows: Sequence[dict[str, Any]] = (),
) -> list[str]:
    """The report's before/after paragraph, or why there is none."""
    if comparison is None:
        return [
            f"No dated succession into the actor with the most collaboration ties ({hub_name}), so no "
            "before/after comparison; `instgraph report --reorganisation YEAR` sets the year.",
            "",
        ]
    year, before, after = comparison["year"], comparison["before"], comparison["after"]
    left = (
        max((r.get("unknown", 0) for r in rows if r["year"] < year), default=0),
        max((r.get("unknown", 0) for r in rows if r["year"] >= year), default=0),
    )
    why = "given" if given else f"the most recent succession into {hub_name}, the actor with the most ties"
    return [
        f"Reorganisation year: **{year}** ({why}).",
        "",
        f"- Before ({before['years'][0] if before['years'] else '—'}–{year - 1}): at most "
        f"**{before['max_groups']}** separate groups at once, {before['mean_groups']:.2f} on average over "
        f"{before['active_years']} active years; mean centralisation {before['mean_centralization']:.2f}.",
        f"- From {year} on: at most **{after['max_groups']}** separate groups at once, "
        f"{after['mean_groups']:.2f} on average over {after['active_years']} active years; mean "
        f"centralisation {after['mean_centralization']:.2f}; hub(s): "
        f"{', '.join(g.graph.nodes[h]['name'] for h in after['hubs']) or '—'}.",
        f"- Both from known facts only. Undated roles or collaborations left out: at most {left[0]} in a "
        f"year before {year}, at most {left[1]} in a year from {year} on (see the caveats above).",
        "",
    ]


def _countries_section(g: InstitutionalGraph, save: Any, files: list[str], out_dir: Path) -> list[str]:
    """When the graph holds more than one country: the countries side by side (table, figure, CSV, JSON)."""
    from graph.model.country import UNKNOWN, graph_countries
    from queries.compare import compare_countries, side_by_side

    held = graph_countries(g)
    if len([c for c in held if c != UNKNOWN]) < 2:
        return []
    records = compare_countries(g)
    rows = side_by_side(records)
    save("countries.csv", to_csv(rows))
    save("countries.json", to_json(records))
    comparison_figure(records).savefig(out_dir / "countries.png", dpi=120)
    files.append("countries.png")
    return [
        "## Countries compared",
        "",
        f"The graph holds {len(held)} countries (an entity's country is the one its document is about; "
        "*unknown* where that could not be told). The sections above read them all as one field; "
        "`instgraph report --country CODE` writes one country's report, `instgraph compare` prints this table. "
        "The coordination figures are read in each country's latest year with a running instrument.",
        "",
        "![Countries compared](countries.png)",
        "",
        markdown_table(rows, list(rows[0])),
        "",
    ]


@dataclass(frozen=True)
class _Findings:
    """What the report shows, computed once from the dated graph."""

    rows: list[dict[str, Any]]  # coordination per year
    lineage_rows: list[dict[str, Any]]  # the same with each body folded into its successor
    year: int | None  # the reorganisation compared around, if any
    comparison: dict[str, Any] | None  # before/after figures around ``year``; None without one
    compared: list[int]  # the years whose actors' centrality is tabulated
    tables: dict[int, list[dict[str, Any]]]  # compared year → centrality of its actors
    roles: list[dict[str, Any]]  # brokerage roles in the last compared year
    hub_name: str


def _findings(g: InstitutionalGraph, area: str | None, reorganisation: int | None) -> _Findings:
    rows = coordination.coordination(g, area=area)
    year = reorganisation if reorganisation is not None else coordination.reorganisation_year(g)
    hub = coordination.most_central_actor(g)
    active = [r for r in rows if r["groups"]]
    # Without a reorganisation there is nothing to compare: the actors are shown in the busiest year.
    if year is not None:
        compared = [y for y in compared_years(rows, year) if y is not None]
    else:
        compared = [max(active, key=lambda r: (r["actors"], r["year"]))["year"]] if active else []
    return _Findings(
        rows=rows,
        lineage_rows=coordination.coordination(g, area=area, lineage=True),
        year=year,
        comparison=coordination.before_after(rows, year) if year is not None else None,
        compared=compared,
        tables={y: active_centrality_table(g, y, area=area) for y in compared},
        roles=brokerage_rows(g, as_of=compared[-1]) if compared else [],
        hub_name=g.graph.nodes[hub]["name"] if hub else "—",
    )


def _write_data_files(
    g: InstitutionalGraph, found: _Findings, save: Any, files: list[str], out_dir: Path
) -> None:
    """The tables as CSV and JSON, and the two figures, beside the report."""
    save("coordination.csv", to_csv(found.rows))
    save("coordination.json", to_json(found.rows))
    save("coordination-lineage.csv", to_csv(found.lineage_rows))
    if found.comparison is not None:
        save("before-after.json", to_json(found.comparison))
    for y, table in found.tables.items():
        save(f"centrality-actors-{y}.csv", to_csv(table))
        save(f"centrality-actors-{y}.json", to_json(table))
    full = centrality_table(g, projection="full")
    save("centrality-full.csv", to_csv(full))
    for name, fig in (
        ("coordination.png", coordination_figure(found.rows, found.year)),
        ("centrality.png", centrality_figure(found.tables)),
    ):
        fig.savefig(out_dir / name, dpi=120)
        files.append(name)
    if found.roles:
        save("brokerage.csv", to_csv(found.roles))


def _coordination_lines(
    g: InstitutionalGraph, found: _Findings, area: str | None, reorganisation: int | None
) -> list[str]:
    """The report's title, what it measures, and coordination over time."""
    rows = found.rows
    columns = ["year", "groups", "instruments", "actors", "centralization", "hub_name", "unknown", "possible_groups"]
    return [
        "# Centrality and coordination",
        "",
        f"Graph: {len(g)} entities, {g.graph.number_of_edges()} relationships"
        + (f", years {rows[0]['year']}–{rows[-1]['year']}." if rows else "."),
        f"Policy area: {'every instrument' if area is None else area}. "
        "A *group* is a set of actors running concurrent instruments together (sharing an instrument or "
        "collaborating); the *centralisation* is Freeman's degree centralisation of that year's "
        "collaboration graph (1 = a star), its *hub* the actor with strictly the most ties.",
        "",
        "## Coordination over time",
        "",
        "![Coordination over time](coordination.png)",
        "",
        *time_section(g, rows),
        *_reorganisation_lines(g, found.comparison, found.hub_name, given=reorganisation is not None, rows=rows),
        markdown_table([r for r in rows if r["groups"] or r["unknown"]], columns),
        "",
        "The lineage view folds each body into its successor (a predecessor's programmes count for it): "
        "`coordination-lineage.csv`.",
        "",
    ]


def _centrality_lines(found: _Findings) -> list[str]:
    """The actors' centrality in each compared year, and their brokerage roles in the last."""
    tables = found.tables
    lines = [
        "## Centrality of actors" + (f", {' vs '.join(map(str, tables))}" if tables else ""),
        "",
        "Measured on each year's collaboration graph (the actors running the area's instruments, tied by "
        "shared instruments and collaborations): degree, betweenness (exact up to "
        f"{centrality.EXACT_MAX_NODES} nodes), closeness, eigenvector and PageRank (weighted by shared "
        "instruments).",
        "",
        "![Centrality of actors](centrality.png)",
        "",
    ]
    for y, table in tables.items():
        lines += [f"### {y}", "", markdown_table(table[:BAR_ACTORS], ["name", "type", *BAR_MEASURES]), ""]
    if found.roles:
        lines += [
            f"## Brokerage roles, {found.compared[-1]}",
            "",
            "Gould–Fernandez roles on the actor collaboration projection, groups = actor type (open "
            "two-paths through each actor, read both ways).",
            "",
            markdown_table(found.roles, ["name", "type", *centrality.BROKERAGE_ROLES]),
            "",
        ]
    return lines


def write_report(
    g: InstitutionalGraph,
    out_dir: Path,
    *,
    area: str | None = None,
    reorganisation: int | None = None,
) -> Path:
    """Write ``report.md`` with its figures and tables into ``out_dir``; return the report's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    g = g.dated()  # the years the as-of rule reads, derived once for every table below
    found = _findings(g, area, reorganisation)
    files: list[str] = []

    def save(name: str, text: str) -> None:
        (out_dir / name).write_text(text, "utf-8")
        files.append(name)

    _write_data_files(g, found, save, files, out_dir)
    lines = _coordination_lines(g, found, area, reorganisation) + _centrality_lines(found)
    lines += _countries_section(g, save, files, out_dir)
    lines += ["## Files", "", *(f"- `{name}`" for name in files), ""]
    save(REPORT_FILE, "\n".join(lines))
    return out_dir / REPORT_FILE
