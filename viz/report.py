"""Tables (CSV, JSON) and a short Markdown report with figures, from the analyses.

Pure parts build rows and text; :func:`write_report` is the only function that writes files.
Figures are matplotlib ``Figure`` objects on an Agg canvas, made without pyplot: no display is needed
and the caller's backend (a notebook's inline one, say) is left alone. Notebooks show them with
``display(fig)``::

    from loaders.dataset import korea_graph
    write_report(korea_graph(), Path("out"))   # out/report.md, out/*.png, out/*.csv, out/*.json
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from graph.analysis import centrality, coordination
from graph.analysis.projections import view
from graph.model.institutional_graph import InstitutionalGraph

FORMATS: tuple[str, ...] = ("table", "csv", "json")
REPORT_FILE = "report.md"
# Measures drawn as bars, in this order (degree on the undirected actor projection).
BAR_MEASURES: tuple[str, ...] = ("degree", "betweenness", "pagerank")
BAR_ACTORS = 10


# --- tables ---------------------------------------------------------------------------------------------
def centrality_table(
    g: InstitutionalGraph, *, projection: str = "full", as_of: int | None = None, k: int | None = None
) -> list[dict[str, Any]]:
    """Rows ``{id, name, type, <measure>: value, ...}`` for every node of a projection, most central first.

    >>> from graph.model import Entity, Relationship
    >>> ig = InstitutionalGraph()
    >>> m = ig.add_entity(Entity(type="Ministry", name="M"))
    >>> p = ig.add_entity(Entity(type="Programme", name="P"))
    >>> _ = ig.add_relationship(Relationship(type="LEADS", source=m.id, target=p.id))
    >>> row = centrality_table(ig)[0]
    >>> row["id"], row["out_degree"], row["in_degree"]
    ('ministry:m', 1.0, 0.0)
    """
    G = view(g, projection, as_of=as_of)
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


def _cell(value: Any) -> Any:
    """A CSV cell: lists joined with '; ' (lists of lists with ' | '), floats rounded for reading."""
    if isinstance(value, list):
        if value and isinstance(value[0], list):
            return " | ".join("; ".join(map(str, part)) for part in value)
        return "; ".join(map(str, value))
    if isinstance(value, float):
        return round(value, 6)
    return "" if value is None else value


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """Rows as CSV text with a header (the first row's keys).

    >>> print(to_csv([{"year": 2005, "groups": 2, "members": [["A"], ["B", "C"]]}]), end="")
    year,groups,members
    2005,2,A | B; C
    """
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def to_json(rows: Any) -> str:
    """Rows (or any JSON-able value) as indented JSON text, non-ASCII kept."""
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def rich_table(rows: Sequence[dict[str, Any]], title: str | None = None) -> Any:
    """A ``rich.table.Table`` of the rows, numbers to three decimals (for the terminal)."""
    from rich.table import Table

    table = Table(title=title)
    columns = list(rows[0]) if rows else []
    for col in columns:
        table.add_column(col, justify="right" if rows and isinstance(rows[0][col], float) else "left")
    for row in rows:
        table.add_row(*(f"{v:.3f}" if isinstance(v, float) else str(_cell(v)) for v in row.values()))
    return table


def markdown_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A GitHub Markdown table of the chosen columns, numbers to three decimals.

    >>> print(markdown_table([{"a": 1, "b": 0.5}], ["a", "b"]))
    | a | b |
    |---|---|
    | 1 | 0.500 |
    """
    head = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns)
    body = [
        "| " + " | ".join(f"{r[c]:.3f}" if isinstance(r[c], float) else str(_cell(r[c])) for c in columns)
        + " |"
        for r in rows
    ]
    return "\n".join([head, *body])


def _figure(size: tuple[float, float]) -> Figure:
    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)  # the Agg renderer, attached to this figure only
    return fig


# --- figures ------------------------------------------------------------------------------------------------
def centrality_figure(tables: dict[int, list[dict[str, Any]]]) -> Figure:
    """Horizontal bars of degree, betweenness and PageRank for the top actors, one panel per year."""
    fig = _figure((6.5 * max(1, len(tables)), 4.8))
    axes = fig.subplots(1, max(1, len(tables)), squeeze=False)
    for ax, (year, rows) in zip(axes[0], sorted(tables.items()), strict=False):
        top = rows[:BAR_ACTORS][::-1]
        names = [r["name"] for r in top]
        height = 0.8 / len(BAR_MEASURES)
        for i, measure in enumerate(BAR_MEASURES):
            ax.barh(
                [j + i * height for j in range(len(top))],
                [r.get(measure, 0.0) for r in top],
                height=height,
                label=measure,
            )
        ax.set_yticks([j + height for j in range(len(top))], names, fontsize=8)
        ax.set_xlim(0, 1.05)
        ax.set_title(f"Actor collaboration, {year}")
        ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def coordination_figure(rows: Sequence[dict[str, Any]], reorganisation: int | None = None) -> Figure:
    """Separate groups per year (bars) and the collaboration graph's centralisation (line)."""
    fig = _figure((9, 4.4))
    ax = fig.subplots()
    years = [r["year"] for r in rows]
    ax.bar(years, [r["groups"] for r in rows], color="#1f77b4", label="separate groups running instruments")
    ax.set_ylabel("groups")
    ax.set_xlabel("year")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    twin = ax.twinx()
    twin.plot(years, [r["centralization"] for r in rows], color="#d62728", marker="o", label="centralisation")
    twin.set_ylim(0, 1.05)
    twin.set_ylabel("degree centralisation")
    if reorganisation is not None:
        ax.axvline(reorganisation - 0.5, color="black", linestyle="--", linewidth=1)
        top = ax.get_ylim()[1] * 0.92
        ax.annotate(f"reorganisation {reorganisation}", (reorganisation - 0.4, top), fontsize=8)
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(
        handles, [str(h.get_label()) for h in handles], loc="upper center", bbox_to_anchor=(0.5, -0.15),
        ncol=2, fontsize=8, frameon=False,
    )
    ax.set_title("Coordination over time")
    fig.tight_layout()
    return fig


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
    g: InstitutionalGraph, comparison: dict[str, Any] | None, hub_name: str, *, given: bool
) -> list[str]:
    """The report's before/after paragraph, or why there is none."""
    if comparison is None:
        return [
            f"No dated succession into the actor with the most collaboration ties ({hub_name}), so no "
            "before/after comparison; `instgraph report --reorganisation YEAR` sets the year.",
            "",
        ]
    year, before, after = comparison["year"], comparison["before"], comparison["after"]
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
        "",
    ]


def write_report(
    g: InstitutionalGraph,
    out_dir: Path,
    *,
    area: str | None = None,
    reorganisation: int | None = None,
) -> Path:
    """Write ``report.md`` with its figures and tables into ``out_dir``; return the report's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = coordination.coordination(g, area=area)
    lineage_rows = coordination.coordination(g, area=area, lineage=True)
    year = reorganisation if reorganisation is not None else coordination.reorganisation_year(g)
    hub = coordination.most_central_actor(g)
    active = [r for r in rows if r["groups"]]
    # Without a reorganisation there is nothing to compare: the actors are shown in the busiest year.
    comparison = coordination.before_after(rows, year) if year is not None else None
    if year is not None:
        compared = [y for y in compared_years(rows, year) if y is not None]
    else:
        compared = [max(active, key=lambda r: (r["actors"], r["year"]))["year"]] if active else []
    tables = {y: active_centrality_table(g, y, area=area) for y in compared}

    files: list[str] = []

    def save(name: str, text: str) -> None:
        (out_dir / name).write_text(text, "utf-8")
        files.append(name)

    save("coordination.csv", to_csv(rows))
    save("coordination.json", to_json(rows))
    save("coordination-lineage.csv", to_csv(lineage_rows))
    if comparison is not None:
        save("before-after.json", to_json(comparison))
    for y, table in tables.items():
        save(f"centrality-actors-{y}.csv", to_csv(table))
        save(f"centrality-actors-{y}.json", to_json(table))
    full = centrality_table(g, projection="full")
    save("centrality-full.csv", to_csv(full))
    for name, fig in (
        ("coordination.png", coordination_figure(rows, year)),
        ("centrality.png", centrality_figure(tables)),
    ):
        fig.savefig(out_dir / name, dpi=120)
        files.append(name)
    roles = brokerage_rows(g, as_of=compared[-1]) if compared else []
    if roles:
        save("brokerage.csv", to_csv(roles))

    hub_name = g.graph.nodes[hub]["name"] if hub else "—"
    columns = ["year", "groups", "instruments", "actors", "centralization", "hub_name"]
    lines = [
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
        *_reorganisation_lines(g, comparison, hub_name, given=reorganisation is not None),
        markdown_table(active, columns),
        "",
        "The lineage view folds each body into its successor (a predecessor's programmes count for it): "
        "`coordination-lineage.csv`.",
        "",
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
    if roles:
        lines += [
            f"## Brokerage roles, {compared[-1]}",
            "",
            "Gould–Fernandez roles on the actor collaboration projection, groups = actor type (open "
            "two-paths through each actor, read both ways).",
            "",
            markdown_table(roles, ["name", "type", *centrality.BROKERAGE_ROLES]),
            "",
        ]
    lines += ["## Files", "", *(f"- `{name}`" for name in files), ""]
    save(REPORT_FILE, "\n".join(lines))
    return out_dir / REPORT_FILE
