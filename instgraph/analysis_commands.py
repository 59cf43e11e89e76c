"""Commands that draw and analyse the graph: ``viz``, ``analyze`` and ``report``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from instgraph.graph_source import command_graph
from instgraph.options import (
    COUNTRY_HELP,
    Certainty,
    CertaintyOption,
    CountryOption,
    DataOption,
    FromOption,
    GraphOption,
    RowFormat,
    SeedsOption,
)


class View(StrEnum):
    """``viz VIEW``: the views of :data:`viz.views.VIEW_NAMES`."""

    network = "network"
    collaboration = "collaboration"
    neighbourhood = "neighbourhood"
    timeline = "timeline"
    diff = "diff"


class SizeBy(StrEnum):
    """``viz --size-by``: the centrality that sizes the nodes."""

    degree = "degree"
    betweenness = "betweenness"
    closeness = "closeness"
    pagerank = "pagerank"


class Projection(StrEnum):
    """``analyze --projection``: the projections of :func:`graph.analysis.projections.view`."""

    full = "full"
    actors = "actors"
    lineage = "lineage"


_AS_OF_HELP = "Draw the graph as of this year (timeline, collaboration: the slider starts there)."
_FOCUS_HELP = "neighbourhood: id, name or alias of the centre (default: the most connected actor)."
_TYPES_HELP = "Only these node types or groups, comma-separated, e.g. Ministry,Agency or Actor."
_OUTPUT_HELP = "HTML file to write (default out/VIEW.html)."
_VS_HELP = "diff: the year to compare --as-of with (--as-of 2016 --vs 2018), or the new side's year with --old."
_OLD_HELP = "diff: the old graph (a graph.json or a dataset) to compare with this one (see instgraph diff)."


def viz(
    view: Annotated[View, typer.Argument(metavar="VIEW", help="The view to draw.")],
    as_of: Annotated[int | None, typer.Option("--as-of", help=_AS_OF_HELP)] = None,
    focus: Annotated[str | None, typer.Option("--focus", help=_FOCUS_HELP)] = None,
    depth: Annotated[int, typer.Option("--depth", help="neighbourhood: steps from the centre.")] = 1,
    types: Annotated[str | None, typer.Option("--types", help=_TYPES_HELP)] = None,
    size_by: Annotated[SizeBy, typer.Option("--size-by", help="Node size.")] = SizeBy.degree,
    output: Annotated[Path | None, typer.Option("-o", "--output", help=_OUTPUT_HELP)] = None,
    graph_file: GraphOption = None,
    data: DataOption = None,
    seeds: SeedsOption = None,
    vs: Annotated[int | None, typer.Option("--vs", help=_VS_HELP)] = None,
    old: Annotated[Path | None, typer.Option("--old", help=_OLD_HELP)] = None,
    source: FromOption = None,
    country: CountryOption = None,
) -> None:
    """Write an offline HTML view of the graph; prints the file's path."""
    from viz.command import write_view

    if view is View.diff:
        from instgraph.diff_commands import viz_diff

        typer.echo(str(viz_diff(old, as_of, vs, graph_file, data, seeds, output)))
        return
    graph = command_graph(graph_file, data, seeds, source=source, country=country)
    path = write_view(
        graph, view.value, output, as_of=as_of, focus=focus, depth=depth, types=types, size_by=size_by.value
    )
    typer.echo(str(path))


_PROJECTION_HELP = (
    "full (every entity but documents) | actors (actors tied by shared instruments and collaborations) "
    "| lineage (each body folded into its successor)."
)
_FORMAT_HELP = "table | csv | json (JSON: a list of objects with id, name, type and one key per measure)."
_SAMPLE_HELP = "Sample this many sources for betweenness and closeness (default: exact up to 2000 nodes)."


def analyze(
    as_of: Annotated[int | None, typer.Option("--as-of", help="Analyse the graph as of this year.")] = None,
    certainty: CertaintyOption = Certainty.known,
    projection: Annotated[Projection, typer.Option("--projection", help=_PROJECTION_HELP)] = Projection.full,
    fmt: Annotated[RowFormat, typer.Option("--format", help=_FORMAT_HELP)] = RowFormat.table,
    sample: Annotated[int | None, typer.Option("--sample", help=_SAMPLE_HELP)] = None,
    graph_file: GraphOption = None,
    data: DataOption = None,
    seeds: SeedsOption = None,
    source: FromOption = None,
    country: CountryOption = None,
) -> None:
    """Centrality of every node: degree, betweenness, closeness, eigenvector and PageRank."""
    from viz.report import centrality_table
    from viz.tables import render

    graph = command_graph(graph_file, data, seeds, source=source, country=country)
    rows = centrality_table(graph, projection=projection.value, as_of=as_of, k=sample, certainty=certainty.value)
    if fmt is RowFormat.table:
        typer.echo(f"Centrality ({projection.value} projection{'' if as_of is None else f', as of {as_of}'})")
    if as_of is not None:
        counts = graph.status(as_of)
        left = (
            "counted as possible" if certainty is Certainty.possible else "left out; --certainty possible counts them"
        )
        typer.echo(
            f"As of {as_of}: {counts['holds']} facts hold, {counts['unknown']} unknown ({left}), "
            f"{counts['does not hold']} do not hold.",
            err=True,
        )
    typer.echo(render(rows, fmt.value), nl=False)


_REPORT_OUT_HELP = "Directory to write report.md, its figures (PNG) and tables (CSV, JSON) into."
_AREA_HELP = "The policy area: id, name or alias of a strategy, law or target group. Default: every instrument."
_REORG_HELP = "Year of the reorganisation to compare around (default: the last succession into the hub)."


def report(
    out: Annotated[Path, typer.Option("--out", help=_REPORT_OUT_HELP)] = Path("out"),
    area: Annotated[str | None, typer.Option("--area", help=_AREA_HELP)] = None,
    reorganisation: Annotated[int | None, typer.Option("--reorganisation", help=_REORG_HELP)] = None,
    graph_file: GraphOption = None,
    data: DataOption = None,
    seeds: SeedsOption = None,
    source: FromOption = None,
    country: CountryOption = None,
) -> None:
    """Write OUT/report.md: coordination over time, centrality and the countries compared, with figures."""
    from viz.report import write_report

    graph = command_graph(graph_file, data, seeds, source=source, country=country)
    typer.echo(str(write_report(graph, out, area=area, reorganisation=reorganisation)))


_COMPARE_COUNTRY_HELP = COUNTRY_HELP.replace("Only this country's", "Only these countries' (repeat it)")
_COMPARE_FORMAT_HELP = "table | csv (one column per country) | json (one object per country)."
_COMPARE_AS_OF_HELP = (
    "Read the coordination figures in this year for every country (default: each country's latest year in "
    "which an instrument is known to run)."
)


def compare(
    country: Annotated[list[str] | None, typer.Option("--country", help=_COMPARE_COUNTRY_HELP)] = None,
    as_of: Annotated[int | None, typer.Option("--as-of", help=_COMPARE_AS_OF_HELP)] = None,
    fmt: Annotated[RowFormat, typer.Option("--format", help=_COMPARE_FORMAT_HELP)] = RowFormat.table,
    graph_file: GraphOption = None,
    data: DataOption = None,
    seeds: SeedsOption = None,
    source: FromOption = None,
) -> None:
    """Countries side by side: actors, instruments, the most central actor, coordination, reorganisations.

    Per country: actors and instruments by type, the most central actor, the separate groups running
    instruments with their centralisation and hub, reorganisations and collaborations.
    """
    from graph.model.country import country_code
    from queries.compare import compare_countries, side_by_side
    from viz.tables import render

    graph = command_graph(graph_file, data, seeds, source=source)
    codes = [country_code(c) for c in country] if country else None
    records = compare_countries(graph, codes, as_of=as_of)
    typer.echo(render(records if fmt is RowFormat.json else side_by_side(records), fmt.value), nl=False)
