"""Commands that ask the graph questions: ``query`` (the named library) and ``cypher`` (ad-hoc)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from graph.errors import UsageError
from instgraph.graph_source import Source
from instgraph.options import CountryOption, RowFormat

_QUERY_NAME_HELP = "The query to run (see --list)."
_PARAM_HELP = "A parameter as KEY=VALUE; repeat for several (e.g. --param year=2007). null leaves one unset."
_QUERY_FORMAT_HELP = "Output: table (for people), json or csv."
_LIST_HELP = "List every query with its description and parameters, then exit."
_QUERY_FROM_HELP = (
    "neo4j (the server, the default) | last-build (the graph.json the last instgraph build wrote) | datasets: "
    "the last two, and --graph or --country, answer with networkx (the queries that have an offline answer)."
)
_IDS_HELP = "Show the id columns in a table too (JSON and CSV always have them)."
_QUERY_GRAPH_HELP = (
    "Answer from a graph.json written by instgraph build, with networkx instead of Neo4j "
    "(as_of_map, roles, lineage, collaboration_pairs and fragmentation)."
)


def query(
    name: Annotated[str | None, typer.Argument(help=_QUERY_NAME_HELP, show_default=False)] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help=_PARAM_HELP)] = None,
    fmt: Annotated[RowFormat, typer.Option("--format", help=_QUERY_FORMAT_HELP)] = RowFormat.table,
    list_queries: Annotated[bool, typer.Option("--list", help=_LIST_HELP)] = False,
    graph_file: Annotated[Path | None, typer.Option("--graph", help=_QUERY_GRAPH_HELP)] = None,
    source: Annotated[Source | None, typer.Option("--from", help=_QUERY_FROM_HELP, show_default=False)] = None,
    country: CountryOption = None,
    ids: Annotated[bool, typer.Option("--ids", help=_IDS_HELP)] = False,
) -> None:
    """Run a named query of the library (queries/*.cypher) against Neo4j and print its rows.

    Parameters are checked before the server is called; one naming an entity or a type the graph does not
    hold is refused with the nearest names. The server is the one NEO4J_URI, NEO4J_USERNAME,
    NEO4J_PASSWORD and NEO4J_DATABASE name (default: the local one).
    """
    from graph.store.settings import open_driver
    from queries import library
    from queries.lookup import for_people

    if list_queries:
        typer.echo("\n".join(q.usage() for q in library.list_queries()))
        return
    if name is None:
        raise UsageError("name a query to run, or list them with instgraph query --list")
    query = library.get_query(name)
    params = query.bind_text(param or [])
    if graph_file is not None or country is not None or source not in (None, Source.neo4j):
        from instgraph.graph_source import command_graph
        from queries.offline import run_offline

        offline_source = source if source is not None or graph_file is not None else Source.neo4j
        rows = run_offline(command_graph(graph_file, source=offline_source, country=country), name, params)
    else:
        with open_driver(os.environ) as (driver, database):
            rows = library.run(driver, name, params, database=database)
    _print_rows(rows if ids or fmt is not RowFormat.table else for_people(rows, query), fmt)


_STATEMENT_HELP = "The Cypher statement; pass values as $params with --param, never pasted into the text."
_CYPHER_PARAM_HELP = (
    "A parameter as KEY=VALUE; the value is read as JSON when it parses (2007, true, null, [\"a\"], "
    "'\"2007\"' for the text 2007), else as text. Repeat for several."
)
_WRITE_HELP = (
    "Allow the statement to write. Without it the statement runs in a read transaction routed to "
    "readers, and the server refuses CREATE, MERGE, SET, DELETE and the like."
)


def cypher(
    statement: Annotated[str, typer.Argument(help=_STATEMENT_HELP, show_default=False)],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help=_CYPHER_PARAM_HELP)] = None,
    fmt: Annotated[RowFormat, typer.Option("--format", help=_QUERY_FORMAT_HELP)] = RowFormat.table,
    write: Annotated[bool, typer.Option("--write", help=_WRITE_HELP)] = False,
) -> None:
    """Run ad-hoc Cypher against Neo4j and print the rows: read-only unless --write is given.

    Without --write the statement runs in a read transaction (session.execute_read, routed to
    readers) and the server itself refuses any write; the command then exits 2.
    """
    from graph.store.settings import open_driver
    from queries import library

    params = {k: library.guess_value(v) for k, v in library.split_pairs(param or []).items()}
    with open_driver(os.environ) as (driver, database):
        rows = library.run_cypher(driver, statement, params, write=write, database=database)
    _print_rows(rows, fmt)


def _print_rows(rows: list[dict[str, object]], fmt: RowFormat) -> None:
    from viz.tables import render

    if not rows:
        typer.echo("(no rows)", err=True)
    typer.echo(render(rows, fmt.value), nl=False)
