"""The command line: parses arguments and calls into graph/, loaders/, queries/ and viz/. Nothing else.

Results go to stdout, progress and logs to stderr. Exit codes: 0 success, 2 bad usage, 1 other errors,
always with one line naming what is at fault and how to fix it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from graph.errors import InstgraphError, UsageError
from instgraph.neo4j_commands import neo4j_app

app = typer.Typer(
    name="instgraph",
    help=(
        "A graph database of institutional relationships: who leads, runs or joins which policy "
        "instruments, who was reorganised into whom, and when. Every fact is dated, cited and typed."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(neo4j_app, name="neo4j")


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True),
) -> None:
    """Typed, dated, cited institutional relationships in Neo4j, networkx and offline HTML."""
    if version:
        from instgraph import __version__

        typer.echo(__version__)
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


@app.command()
def schema(
    markdown: bool = typer.Option(True, "--markdown", help="Print the data model as Markdown tables."),
    update_readme: Path | None = typer.Option(
        None, "--update-readme", help="Rewrite the generated data-model section of this README file."
    ),
) -> None:
    """Show the data model declared in graph/model/schema.yaml (entity and relationship types, properties)."""
    from graph.model.schema import load_schema
    from graph.model.schema_doc import replace_section, schema_markdown

    text = schema_markdown(load_schema())
    if update_readme is not None:
        try:
            readme = update_readme.read_text("utf-8")
            update_readme.write_text(replace_section(readme, text), "utf-8")
        except (OSError, ValueError) as exc:
            raise fail(f"{update_readme}: {exc}") from None
        typer.echo(f"updated the data-model section of {update_readme}", err=True)
        return
    typer.echo(text, nl=False)


_DATA_HELP = "A curated dataset (YAML); repeat for several. Default: the repo's data/*.yaml."
_SEEDS_HELP = "Directory holding the datasets' source documents. Default: ../shared/seeds beside the repo."
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
_JOBS_HELP = "Worker processes reading and extracting documents in parallel (one per free core helps; same output)."
_WIPE_HELP = "Empty the database first. Default: yes for the local server, no for a NEO4J_URI server."


@app.command()
def build(
    more_documents: Annotated[
        list[Path] | None, typer.Argument(metavar="DOCUMENT", help=_DOCUMENT_HELP, show_default=False)
    ] = None,
    data: Annotated[list[Path] | None, typer.Option("--data", help=_DATA_HELP)] = None,
    seeds: Annotated[Path | None, typer.Option("--seeds", envvar="INSTGRAPH_SEEDS", help=_SEEDS_HELP)] = None,
    out: Annotated[Path, typer.Option("--out", help=_OUT_HELP)] = Path("out"),
    document: Annotated[list[Path] | None, typer.Option("--documents", "--document", help=_DOCUMENT_HELP)] = None,
    extract: Annotated[bool, typer.Option("--extract/--no-extract", help=_EXTRACT_HELP)] = True,
    outputs: Annotated[bool, typer.Option("--outputs/--no-outputs", help=_OUTPUTS_HELP)] = True,
    neo4j: Annotated[bool, typer.Option("--neo4j/--no-neo4j", help=_NEO4J_HELP)] = False,
    wipe: Annotated[bool | None, typer.Option("--wipe/--no-wipe", help=_WIPE_HELP, show_default=False)] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help=_JOBS_HELP)] = 1,
) -> None:
    """The main job: datasets and documents → the graph → out/ (graph.json, views, exports, report) → Neo4j.

    Ends with a summary of what was made, where to look and three example queries.
    """
    from instgraph.build import build as run_build
    from instgraph.build import summary

    try:
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
        )
    except UsageError as exc:
        raise fail(str(exc), 2) from None
    except InstgraphError as exc:
        raise fail(str(exc)) from None
    typer.echo(summary(report), nl=False)


_VIEW_HELP = "network | collaboration | neighbourhood | timeline"
_GRAPH_HELP = "A graph.json written by instgraph build (default: read the datasets)."
_AS_OF_HELP = "Draw the graph as of this year (timeline: the slider starts there)."
_FOCUS_HELP = "neighbourhood: id, name or alias of the centre (default: the most connected actor)."
_TYPES_HELP = "Only these node types or groups, comma-separated, e.g. Ministry,Agency or Actor."
_SIZE_HELP = "Node size: degree | betweenness | closeness | pagerank."
_OUTPUT_HELP = "HTML file to write (default out/VIEW.html)."


@app.command()
def viz(
    view: Annotated[str, typer.Argument(help=_VIEW_HELP)],
    as_of: Annotated[int | None, typer.Option("--as-of", help=_AS_OF_HELP)] = None,
    focus: Annotated[str | None, typer.Option("--focus", help=_FOCUS_HELP)] = None,
    depth: Annotated[int, typer.Option("--depth", help="neighbourhood: steps from the centre.")] = 1,
    types: Annotated[str | None, typer.Option("--types", help=_TYPES_HELP)] = None,
    size_by: Annotated[str, typer.Option("--size-by", help=_SIZE_HELP)] = "degree",
    output: Annotated[Path | None, typer.Option("-o", "--output", help=_OUTPUT_HELP)] = None,
    graph_file: Annotated[Path | None, typer.Option("--graph", help=_GRAPH_HELP)] = None,
    data: Annotated[list[Path] | None, typer.Option("--data", help=_DATA_HELP)] = None,
    seeds: Annotated[Path | None, typer.Option("--seeds", envvar="INSTGRAPH_SEEDS", help=_SEEDS_HELP)] = None,
) -> None:
    """Write an offline HTML view of the graph; prints the file's path."""
    from viz.command import read_graph, write_view

    graph = read_graph(graph_file, data, seeds)
    path = write_view(
        graph, view, output, as_of=as_of, focus=focus, depth=depth, types=types, size_by=size_by
    )
    typer.echo(str(path))


_PROJECTION_HELP = (
    "full (every entity but documents) | actors (actors tied by shared instruments and collaborations) "
    "| lineage (each body folded into its successor)."
)
_FORMAT_HELP = "table | csv | json (JSON: a list of objects with id, name, type and one key per measure)."
_SAMPLE_HELP = "Sample this many sources for betweenness and closeness (default: exact up to 2000 nodes)."
_REPORT_OUT_HELP = "Directory to write report.md, its figures (PNG) and tables (CSV, JSON) into."
_AREA_HELP = "The policy area: id, name or alias of a strategy, law or target group. Default: every instrument."
_REORG_HELP = "Year of the reorganisation to compare around (default: the last succession into the hub)."


@app.command()
def analyze(
    as_of: Annotated[int | None, typer.Option("--as-of", help="Analyse the graph as of this year.")] = None,
    projection: Annotated[str, typer.Option("--projection", help=_PROJECTION_HELP)] = "full",
    fmt: Annotated[str, typer.Option("--format", help=_FORMAT_HELP)] = "table",
    sample: Annotated[int | None, typer.Option("--sample", help=_SAMPLE_HELP)] = None,
    graph_file: Annotated[Path | None, typer.Option("--graph", help=_GRAPH_HELP)] = None,
    data: Annotated[list[Path] | None, typer.Option("--data", help=_DATA_HELP)] = None,
    seeds: Annotated[Path | None, typer.Option("--seeds", envvar="INSTGRAPH_SEEDS", help=_SEEDS_HELP)] = None,
) -> None:
    """Centrality of every node: degree, betweenness, closeness, eigenvector and PageRank."""
    from viz.command import read_graph
    from viz.report import FORMATS, centrality_table, rich_table, to_csv, to_json

    try:
        if fmt not in FORMATS:
            raise UsageError(f"--format {fmt!r} is unknown; use one of {', '.join(FORMATS)}")
        graph = read_graph(graph_file, data, seeds)
        rows = centrality_table(graph, projection=projection, as_of=as_of, k=sample)
    except UsageError as exc:
        raise fail(str(exc), 2) from None
    except InstgraphError as exc:
        raise fail(str(exc)) from None
    if fmt == "table":
        from rich.console import Console

        title = f"Centrality ({projection} projection{'' if as_of is None else f', as of {as_of}'})"
        console = Console()
        if not console.is_terminal:  # piped: do not squash the table to 80 columns
            console = Console(width=200)
        console.print(rich_table(rows, title))
    else:
        typer.echo(to_csv(rows) if fmt == "csv" else to_json(rows), nl=False)


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", help=_REPORT_OUT_HELP)] = Path("out"),
    area: Annotated[str | None, typer.Option("--area", help=_AREA_HELP)] = None,
    reorganisation: Annotated[int | None, typer.Option("--reorganisation", help=_REORG_HELP)] = None,
    graph_file: Annotated[Path | None, typer.Option("--graph", help=_GRAPH_HELP)] = None,
    data: Annotated[list[Path] | None, typer.Option("--data", help=_DATA_HELP)] = None,
    seeds: Annotated[Path | None, typer.Option("--seeds", envvar="INSTGRAPH_SEEDS", help=_SEEDS_HELP)] = None,
) -> None:
    """Write OUT/report.md: coordination over time and centrality, with figures and tables."""
    from viz.command import read_graph
    from viz.report import write_report

    try:
        graph = read_graph(graph_file, data, seeds)
        path = write_report(graph, out, area=area, reorganisation=reorganisation)
    except UsageError as exc:
        raise fail(str(exc), 2) from None
    except InstgraphError as exc:
        raise fail(str(exc)) from None
    typer.echo(str(path))

_EXTRACT_FORMAT_HELP = "json (the extract contract: documents, entities, relations) | table"
_EXTRACT_OUT_HELP = "Write the JSON here instead of stdout."
_EXTRACT_ALIASES_HELP = "A curated dataset whose names and aliases link mentions to its ids (one node per body)."

@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Documents to read: .txt, .md or .pdf files.")],
    fmt: Annotated[str, typer.Option("--format", help=_EXTRACT_FORMAT_HELP)] = "json",
    output: Annotated[Path | None, typer.Option("-o", "--output", help=_EXTRACT_OUT_HELP)] = None,
    aliases: Annotated[Path | None, typer.Option("--aliases", help=_EXTRACT_ALIASES_HELP)] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help=_JOBS_HELP)] = 1,
) -> None:
    """Extract actors, instruments and dated, cited relationships from documents (no network, no model)."""
    import json

    from loaders.dataset import read_dataset
    from loaders.extract import extract_many, gazetteer_from_graph, to_json, to_table

    if fmt not in ("json", "table"):
        raise fail(f"--format {fmt!r}: use json or table", 2)
    gazetteer = gazetteer_from_graph(read_dataset(aliases)) if aliases is not None else None
    extractions, problems = extract_many(paths, gazetteer=gazetteer, jobs=jobs)
    for p in problems:
        typer.echo(p, err=True)
    if not extractions:
        raise typer.Exit(1)  # each bad file has had its one line
    text = to_table(extractions) if fmt == "table" else json.dumps(to_json(extractions), ensure_ascii=False, indent=1)
    if output is not None:
        output.write_text(text if text.endswith("\n") else text + "\n", "utf-8")
        typer.echo(str(output))
    else:
        typer.echo(text.rstrip("\n"))


_GOLD_HELP = "The curated dataset to score against (default data/korea-sme-digitalisation.yaml)."
_EVAL_DOC_HELP = "A document to extract from (repeatable; default: the dataset's own documents)."
_MIN_CONF_HELP = "Curated facts below this confidence (only implied by the text) are left out of recall."


@app.command()
def evaluate(
    files: Annotated[list[Path] | None, typer.Argument(help="Documents to extract from.")] = None,
    document: Annotated[list[Path] | None, typer.Option("--document", help=_EVAL_DOC_HELP)] = None,
    dataset: Annotated[Path | None, typer.Option("--dataset", "--gold", help=_GOLD_HELP)] = None,
    seeds: Annotated[Path | None, typer.Option("--seeds", envvar="INSTGRAPH_SEEDS", help=_SEEDS_HELP)] = None,
    min_confidence: Annotated[float, typer.Option("--min-confidence", help=_MIN_CONF_HELP)] = 0.7,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help=_JOBS_HELP)] = 1,
) -> None:
    """Precision and recall of extraction against a curated dataset, by type, with the misses listed."""
    from loaders.dataset import KOREA_DATASET
    from loaders.evaluate import evaluate_files

    report, problems = evaluate_files(dataset or KOREA_DATASET, [*(files or []), *(document or [])], seeds,
                                      min_confidence, jobs)
    for p in problems:
        typer.echo(p, err=True)
    typer.echo(report.to_text())


_QUERY_NAME_HELP = "The query to run (see --list)."
_PARAM_HELP = "A parameter as KEY=VALUE; repeat for several (e.g. --param year=2007). null leaves one unset."
_QUERY_FORMAT_HELP = "Output: table (for people), json or csv."
_LIST_HELP = "List every query with its description and parameters, then exit."
_QUERY_GRAPH_HELP = (
    "Answer from a graph.json written by instgraph build, with networkx instead of Neo4j "
    "(as_of_map, roles, lineage, collaboration_pairs and fragmentation)."
)


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help=_QUERY_NAME_HELP, show_default=False)] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help=_PARAM_HELP)] = None,
    fmt: Annotated[str, typer.Option("--format", help=_QUERY_FORMAT_HELP)] = "table",
    list_queries: Annotated[bool, typer.Option("--list", help=_LIST_HELP)] = False,
    graph_file: Annotated[Path | None, typer.Option("--graph", help=_QUERY_GRAPH_HELP)] = None,
) -> None:
    """Run a named query of the library (queries/*.cypher) against Neo4j and print its rows.

    Parameters are checked before the server is called. The server is the one NEO4J_URI,
    NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE name (default: the local one).
    """
    import os

    from queries import library
    from queries.formatting import FORMATS, render

    try:
        if list_queries:
            typer.echo("\n".join(q.usage() for q in library.list_queries()))
            return
        if name is None:
            raise UsageError("name a query to run, or list them with instgraph query --list")
        if fmt not in FORMATS:
            raise UsageError(f"--format {fmt!r} is unknown; use one of {', '.join(FORMATS)}")
        params = library.get_query(name).bind_text(param or [])
        if graph_file is not None:
            from graph.model.institutional_graph import InstitutionalGraph
            from queries.offline import run_offline

            rows = run_offline(InstitutionalGraph.read_json(graph_file), name, params)
        else:
            with library.open_driver(os.environ) as (driver, database):
                rows = library.run(driver, name, params, database=database)
    except UsageError as exc:
        raise fail(str(exc), 2) from None
    except (InstgraphError, OSError, ValueError) as exc:
        raise fail(str(exc)) from None
    if not rows:
        typer.echo("(no rows)", err=True)
    typer.echo(render(rows, fmt), nl=False)


_STATEMENT_HELP = "The Cypher statement; pass values as $params with --param, never pasted into the text."
_CYPHER_PARAM_HELP = (
    "A parameter as KEY=VALUE; the value is read as JSON when it parses (2007, true, null, [\"a\"], "
    "'\"2007\"' for the text 2007), else as text. Repeat for several."
)
_WRITE_HELP = (
    "Allow the statement to write. Without it the statement runs in a read transaction routed to "
    "readers, and the server refuses CREATE, MERGE, SET, DELETE and the like."
)


@app.command()
def cypher(
    statement: Annotated[str, typer.Argument(help=_STATEMENT_HELP, show_default=False)],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help=_CYPHER_PARAM_HELP)] = None,
    fmt: Annotated[str, typer.Option("--format", help=_QUERY_FORMAT_HELP)] = "table",
    write: Annotated[bool, typer.Option("--write", help=_WRITE_HELP)] = False,
) -> None:
    """Run ad-hoc Cypher against Neo4j and print the rows: read-only unless --write is given.

    Without --write the statement runs in a read transaction (session.execute_read, routed to
    readers) and the server itself refuses any write; the command then exits 2.
    """
    import os

    from queries import library
    from queries.formatting import FORMATS, render

    try:
        if fmt not in FORMATS:
            raise UsageError(f"--format {fmt!r} is unknown; use one of {', '.join(FORMATS)}")
        params = {k: library.guess_value(v) for k, v in library.split_pairs(param or []).items()}
        with library.open_driver(os.environ) as (driver, database):
            rows = library.run_cypher(driver, statement, params, write=write, database=database)
    except UsageError as exc:
        raise fail(str(exc), 2) from None
    except InstgraphError as exc:
        raise fail(str(exc)) from None
    if not rows:
        typer.echo("(no rows)", err=True)
    typer.echo(render(rows, fmt), nl=False)


_LOAD_GRAPH_HELP = "Load this graph.json (written by instgraph build) instead of reading the datasets."
_WIPE_HELP = "Delete every instgraph node (and its relationships) first, for a clean reload."
_BATCH_HELP = "Rows per UNWIND statement, i.e. per transaction."


@app.command()
def load(
    data: Annotated[list[Path] | None, typer.Option("--data", help=_DATA_HELP)] = None,
    seeds: Annotated[Path | None, typer.Option("--seeds", envvar="INSTGRAPH_SEEDS", help=_SEEDS_HELP)] = None,
    graph_file: Annotated[Path | None, typer.Option("--graph", help=_LOAD_GRAPH_HELP)] = None,
    wipe: Annotated[bool, typer.Option("--wipe", help=_WIPE_HELP)] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", help=_BATCH_HELP)] = 5_000,
) -> None:
    """Load the graph into Neo4j (constraints first): loading it again changes nothing.

    The server is the one NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE name
    (default: the local one of instgraph neo4j start). Progress on stderr, the summary on stdout.
    """
    import os

    from graph.model.institutional_graph import InstitutionalGraph
    from graph.store.settings import Neo4jSettings
    from graph.store.write import load_into_neo4j
    from instgraph.build import build_graph, default_datasets

    try:
        if batch_size < 1:
            raise UsageError(f"--batch-size {batch_size}: use a positive number of rows")
        if graph_file is not None:
            graph = InstitutionalGraph.read_json(graph_file)
        else:
            graph = build_graph(data or default_datasets(), seeds)
        report = load_into_neo4j(graph, Neo4jSettings.from_env(os.environ), wipe=wipe, batch_size=batch_size)
    except UsageError as exc:
        raise fail(str(exc), 2) from None
    except (InstgraphError, OSError) as exc:
        raise fail(str(exc)) from None
    typer.echo(report.summary())


_EXPORT_FORMAT_HELP = (
    "gexf (Gephi, with years for its timeline) | graphml | json (node-link) | csv (neo4j-admin import)."
)
_FROM_HELP = "Where the graph comes from: datasets (read them, default) or neo4j (the networkx mirror of the server)."
_EXPORT_OUT_HELP = "File to write (a directory for csv). Default: out/graph.<format>, out/neo4j-import for csv."


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help=_EXPORT_FORMAT_HELP)] = "gexf",
    source: Annotated[str, typer.Option("--from", help=_FROM_HELP)] = "datasets",
    data: Annotated[list[Path] | None, typer.Option("--data", help=_DATA_HELP)] = None,
    seeds: Annotated[Path | None, typer.Option("--seeds", envvar="INSTGRAPH_SEEDS", help=_SEEDS_HELP)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=_EXPORT_OUT_HELP)] = None,
) -> None:
    """Export the graph as GEXF, GraphML, node-link JSON or neo4j-admin import CSV; prints the path."""
    import os

    from graph.exports import FORMATS, export_graph
    from graph.store.read import read_graph
    from graph.store.settings import Neo4jSettings
    from instgraph.build import build_graph, default_datasets

    try:
        if fmt not in FORMATS:
            raise UsageError(f"--format {fmt!r} is unknown; use one of {', '.join(FORMATS)}")
        if source not in ("datasets", "neo4j"):
            raise UsageError(f"--from {source!r} is unknown; use datasets or neo4j")
        if source == "neo4j":
            settings = Neo4jSettings.from_env(os.environ)
            driver = settings.connect()
            try:
                graph = read_graph(driver, database=settings.database)
            finally:
                driver.close()
        else:
            graph = build_graph(data or default_datasets(), seeds)
        path = output or (Path("out") / ("neo4j-import" if fmt == "csv" else f"graph.{fmt}"))
        if fmt != "csv":
            path.parent.mkdir(parents=True, exist_ok=True)
        written = export_graph(graph, fmt, path)
    except UsageError as exc:
        raise fail(str(exc), 2) from None
    except (InstgraphError, OSError) as exc:
        raise fail(str(exc)) from None
    typer.echo(str(written))


def main() -> None:
    """Entry point of the ``instgraph`` console script."""
    try:
        app()
    except UsageError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except InstgraphError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
