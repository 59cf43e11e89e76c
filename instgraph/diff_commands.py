"""``instgraph diff``: what changed between two graphs, a graph and Neo4j, or two years of one graph."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graph.errors import UsageError
from instgraph.graph_source import Source, command_graph
from instgraph.options import Certainty, CertaintyOption, DataOption, GraphOption, SeedsOption

if TYPE_CHECKING:
    from graph.model.diff import GraphDiff
    from graph.model.institutional_graph import InstitutionalGraph


class DiffFormat(StrEnum):
    """``diff --format``."""

    table = "table"
    json = "json"
    markdown = "markdown"


_OLD_HELP = "The old graph: a graph.json written by instgraph build, or a dataset (.yaml)."
_NEW_HELP = "The new graph (same kinds). Default: the graph --graph, --data or --from names."
_AS_OF_HELP = "Compare the graphs as of this year (the old side's year with --vs)."
_VS_HELP = "The new side's year: --as-of 2016 --vs 2018 compares two years of one graph."
_FROM_HELP = "Where the graph beside OLD (or both years) comes from: datasets (default) or neo4j."
_FORMAT_HELP = "table (for people) | json (every change with its full evidence) | markdown (for a report)."
_USAGE = (
    "say what to compare: two graphs (instgraph diff OLD.json NEW.json), a graph and Neo4j "
    "(instgraph diff OLD.json --from neo4j) or two years (instgraph diff --as-of 2016 --vs 2018)"
)


def diff(
    old: Annotated[Path | None, typer.Argument(help=_OLD_HELP, show_default=False)] = None,
    new: Annotated[Path | None, typer.Argument(help=_NEW_HELP, show_default=False)] = None,
    as_of: Annotated[int | None, typer.Option("--as-of", help=_AS_OF_HELP)] = None,
    vs: Annotated[int | None, typer.Option("--vs", help=_VS_HELP)] = None,
    certainty: CertaintyOption = Certainty.known,
    fmt: Annotated[DiffFormat, typer.Option("--format", help=_FORMAT_HELP)] = DiffFormat.table,
    graph_file: GraphOption = None,
    data: DataOption = None,
    seeds: SeedsOption = None,
    source: Annotated[Source, typer.Option("--from", help=_FROM_HELP)] = Source.datasets,
) -> None:
    """Entities and relationships added, removed and changed (type, years, confidence), with evidence lines."""
    from viz import diff_text
    from viz.tables import markdown_table, render, to_json

    result = read_diff(old, new, as_of, vs, certainty, graph_file, data, seeds, source)
    if fmt is DiffFormat.json:
        typer.echo(to_json(diff_text.to_json(result)), nl=False)
        return
    rows = diff_text.rows(result)
    if fmt is DiffFormat.markdown:
        typer.echo(f"**{diff_text.summary(result)}**\n")
        if rows:
            typer.echo(markdown_table(rows, list(rows[0])))
        return
    typer.echo(diff_text.summary(result))
    typer.echo(render(rows, "table") if rows else "(no change)", nl=not rows)


def viz_diff(
    old: Path | None,
    as_of: int | None,
    vs: int | None,
    graph_file: Path | None,
    data: list[Path] | None,
    seeds: Path | None,
    output: Path | None,
) -> Path:
    """``viz diff``: the view of what ``diff`` lists for the same options; returns the page written."""
    from viz.command import write_diff

    return write_diff(
        read_diff(old, None, as_of, vs, Certainty.known, graph_file, data, seeds, Source.datasets), output
    )


def read_diff(
    old: Path | None,
    new: Path | None,
    as_of: int | None,
    vs: int | None,
    certainty: Certainty,
    graph_file: Path | None,
    data: list[Path] | None,
    seeds: Path | None,
    source: Source,
) -> GraphDiff:
    """The diff the options ask for (shared by ``diff`` and ``viz diff``)."""
    from graph.model.diff import diff_as_of, diff_graphs

    if vs is not None and as_of is None:
        raise UsageError("--vs needs --as-of: --as-of 2016 --vs 2018 compares two years")
    if old is None and (as_of is None or vs is None):
        raise UsageError(_USAGE)
    here = _label(graph_file, data, source)
    old_graph = _side(old, "OLD", seeds) if old is not None else None
    if new is not None:
        new_graph = _side(new, "NEW", seeds)
        new_label = str(new)
    else:
        new_graph = command_graph(graph_file, data, seeds, source=source, env=os.environ)
        new_label = here
    if old_graph is None:  # two years of one graph: the years name the sides
        typer.echo(f"graph: {here}", err=True)
        old_graph, old_label, new_label = new_graph, "", ""
    else:
        old_label = str(old) if old is not None else here
    if as_of is None:
        return diff_graphs(old_graph, new_graph, old_label, new_label)
    return diff_as_of(old_graph, as_of, new_graph, as_of if vs is None else vs, certainty.value, old_label, new_label)


def _side(path: Path, what: str, seeds: Path | None) -> InstitutionalGraph:
    """One side of the comparison: a graph.json, or a dataset built as ``build --data`` reads it."""
    if not path.is_file():
        raise UsageError(f"{what} {path}: no such file; give a graph.json written by instgraph build or a dataset")
    if path.suffix.lower() in (".yaml", ".yml"):
        return command_graph(None, [path], seeds)
    return command_graph(path)


def _label(graph_file: Path | None, data: list[Path] | None, source: Source) -> str:
    if graph_file is not None:
        return str(graph_file)
    if source is Source.neo4j:
        return "neo4j"
    return ", ".join(p.name for p in data) if data else "data/*.yaml"
