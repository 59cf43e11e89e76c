"""Commands that make the graph and move it: ``schema``, ``build``, ``load`` and ``export``."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from graph.errors import InstgraphError
from instgraph.graph_source import command_graph
from instgraph.options import CountryOption, DataOption, FromOption, GraphOption, JobsOption, SeedsOption


def schema(
    markdown: bool = typer.Option(True, "--markdown", help="Print the data model as Markdown tables."),
    update_readme: Path | None = typer.Option(
        None, "--update-readme", help="Rewrite the generated data-model section of this README file."
    ),
) -> None:
    """Show the data model declared in graph/model/schema.yaml (entity and relationship types, properties)."""
    from graph.model import load_schema
    from graph.model.schema_doc import replace_section, schema_markdown

    text = schema_markdown(load_schema())
    if update_readme is None:
        typer.echo(text, nl=False)
        return
    try:
        update_readme.write_text(replace_section(update_readme.read_text("utf-8"), text), "utf-8")
    except (OSError, ValueError) as exc:
        raise InstgraphError(f"{update_readme}: {exc}") from None
    typer.echo(f"updated the data-model section of {update_readme}", err=True)


_OUT_HELP = "Directory to write graph.json, the views, the exports and the report into."
_DOCUMENT_HELP = (
    "A document (.txt, .md, .pdf) to extract facts from as well; repeat it, or list the documents after it. "
    "Curated values win a conflict; conflicts are listed in the summary."
)
_EXTRACT_HELP = "Extract facts from the documents the datasets cite (and --document) and merge them in."
_OUTPUTS_HELP = "Write the HTML views, the GEXF/GraphML/CSV exports and the report (off: graph.json only)."
_NEO4J_HELP = (
    "Load the graph into Neo4j: the server NEO4J_URI names, else the local one (started if needed). "
    "Without a server the rest is still done and the summary says what was skipped."
)
_BULK_HELP = (
    "Replace the local server's database instead: stop it, neo4j-admin database import into a fresh database, "
    "start it, create the constraints (faster for large graphs; not for a NEO4J_URI server)."
)
_BUILD_WIPE_HELP = (
    "Empty the database first (and say so). Default: yes for the local server (with a warning when it holds a "
    "larger graph), no for a NEO4J_URI server."
)
_KEEP_GOING_HELP = "Skip a document that cannot be read, with a warning on stderr (default: it stops the build)."
_BUILD_COUNTRY_HELP = (
    "The country (ISO 3166 code, e.g. KOR) of every entity extracted from the documents; default: the country "
    "each document is about, read from it (unknown where it cannot tell)."
)


def build(
    more_documents: Annotated[
        list[Path] | None, typer.Argument(metavar="DOCUMENT", help=_DOCUMENT_HELP, show_default=False)
    ] = None,
    data: DataOption = None,
    seeds: SeedsOption = None,
    out: Annotated[Path, typer.Option("--out", help=_OUT_HELP)] = Path("out"),
    document: Annotated[list[Path] | None, typer.Option("--documents", "--document", help=_DOCUMENT_HELP)] = None,
    extract: Annotated[bool, typer.Option("--extract/--no-extract", help=_EXTRACT_HELP)] = True,
    outputs: Annotated[bool, typer.Option("--outputs/--no-outputs", help=_OUTPUTS_HELP)] = True,
    neo4j: Annotated[bool, typer.Option("--neo4j/--no-neo4j", help=_NEO4J_HELP)] = False,
    wipe: Annotated[bool | None, typer.Option("--wipe/--no-wipe", help=_BUILD_WIPE_HELP, show_default=False)] = None,
    jobs: JobsOption = 1,
    keep_going: Annotated[bool, typer.Option("--keep-going", help=_KEEP_GOING_HELP)] = False,
    country: Annotated[str | None, typer.Option("--country", help=_BUILD_COUNTRY_HELP, show_default=False)] = None,
    bulk: Annotated[bool, typer.Option("--bulk", help="With --neo4j: " + _BULK_HELP)] = False,
) -> None:
    """The main job: datasets and documents → the graph → out/ (graph.json, views, exports, report) → Neo4j.

    Ends with a summary of what was made, where to look and three example queries.
    """
    from graph.model.country import country_code
    from instgraph.build import build as run_build
    from instgraph.summary import summary

    report = run_build(
        data,
        seeds,
        out,
        extract=extract,
        documents=[*(document or ()), *(more_documents or ())],
        outputs=outputs,
        neo4j_env=os.environ if neo4j else None,
        wipe=wipe,
        jobs=jobs,
        keep_going=keep_going,
        country=country_code(country) if country is not None else None,
        bulk=bulk,
    )
    typer.echo(summary(report), nl=False)


_LOAD_GRAPH_HELP = "Load this graph.json (written by instgraph build); default: the last build's."
_LOAD_WIPE_HELP = "Delete every instgraph node (and its relationships) first, for a clean reload."
_BATCH_HELP = "Rows per UNWIND statement, i.e. per transaction."


def load(
    data: DataOption = None,
    seeds: SeedsOption = None,
    graph_file: Annotated[Path | None, typer.Option("--graph", help=_LOAD_GRAPH_HELP)] = None,
    wipe: Annotated[bool, typer.Option("--wipe", help=_LOAD_WIPE_HELP)] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help=_BATCH_HELP)] = 5_000,
    country: CountryOption = None,
    bulk: Annotated[bool, typer.Option("--bulk", help=_BULK_HELP)] = False,
) -> None:
    """Load the graph into Neo4j (constraints first): loading it again changes nothing.

    The server is the one NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE name
    (default: the local one of instgraph neo4j start). Progress on stderr, the summary on stdout.
    """
    from graph.store.bulk import bulk_into_local_server, check_bulk_target
    from graph.store.settings import choose_server
    from graph.store.write import load_into_neo4j

    if bulk:
        check_bulk_target(os.environ)  # before the graph is read
    graph = command_graph(graph_file, data, seeds, country=country)
    if bulk:
        typer.echo(bulk_into_local_server(graph, os.environ, log=lambda m: typer.echo(m, err=True)).summary())
        return
    report = load_into_neo4j(graph, choose_server(os.environ).settings, wipe=wipe, batch_size=batch_size)
    typer.echo(report.summary())


class ExportFormat(StrEnum):
    """``export --format``: the formats of :func:`graph.exports.export_graph`."""

    gexf = "gexf"
    graphml = "graphml"
    json = "json"
    csv = "csv"


_EXPORT_FORMAT_HELP = (
    "gexf (Gephi, with years for its timeline) | graphml | json (node-link) | csv (neo4j-admin import)."
)
_EXPORT_OUT_HELP = "File to write (a directory for csv). Default: out/graph.<format>, out/neo4j-import for csv."


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help=_EXPORT_FORMAT_HELP)] = ExportFormat.gexf,
    source: FromOption = None,
    data: DataOption = None,
    seeds: SeedsOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=_EXPORT_OUT_HELP)] = None,
    graph_file: GraphOption = None,
    country: CountryOption = None,
) -> None:
    """Export the graph as GEXF, GraphML, node-link JSON or neo4j-admin import CSV; prints the path."""
    from graph.exports import export_graph

    graph = command_graph(graph_file, data, seeds, source=source, env=os.environ, country=country)
    path = output or (Path("out") / ("neo4j-import" if fmt is ExportFormat.csv else f"graph.{fmt.value}"))
    if fmt is not ExportFormat.csv:
        path.parent.mkdir(parents=True, exist_ok=True)
    typer.echo(str(export_graph(graph, fmt.value, path)))
