"""The command line: the ``instgraph`` app, its command groups, and the one place errors become exit codes.

Results go to stdout, progress and logs to stderr. Exit codes: 0 success, 2 bad usage, 1 other errors,
always with one line naming what is at fault and how to fix it.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from graph.errors import InstgraphError, UsageError
from instgraph import analysis_commands, build_commands, diff_commands, extraction_commands, query_commands
from instgraph.graph_source import graphs_used
from instgraph.neo4j_commands import neo4j_app


class _Commands(TyperGroup):
    """The root group: a bad option value or a project error raised by any command (sub-groups included)
    becomes one line on stderr and its exit code, here and only here, so the console script and ``CliRunner``
    agree."""

    def invoke(self, ctx: Any) -> Any:
        graphs_used()  # forget what an earlier command in this process read
        try:
            result = super().invoke(ctx)
        except typer.BadParameter as exc:  # a value outside an option's choices or range, in one line too
            opts = getattr(exc.param, "opts", None) or [getattr(exc.param, "name", None) or ""]
            name = opts[0]
            message = exc.message.removeprefix("Value error, ")
            typer.echo(f"error: {name}: {message}" if name else f"error: {message}", err=True)
            raise typer.Exit(2) from None
        except UsageError as exc:
            typer.echo(f"error: {exc}{_graph_note()}", err=True)
            raise typer.Exit(2) from None
        except (InstgraphError, OSError) as exc:
            typer.echo(f"error: {exc}{_graph_note()}", err=True)
            raise typer.Exit(1) from None
        for which in graphs_used():
            typer.echo(f"graph: {which}", err=True)
        return result


def _graph_note() -> str:
    """The graph a failed command had read, for the end of its one error line (nothing if none)."""
    used = graphs_used()
    return f" (graph: {'; '.join(used)})" if used else ""


app = typer.Typer(
    name="instgraph",
    cls=_Commands,
    help=(
        "A graph database of institutional relationships: who leads, runs or joins which policy "
        "instruments, who was reorganised into whom, and when. Every fact is dated, cited and typed."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(neo4j_app, name="neo4j")
for command in (
    build_commands.schema,
    build_commands.build,
    analysis_commands.viz,
    analysis_commands.analyze,
    analysis_commands.report,
    diff_commands.diff,
    analysis_commands.compare,
    extraction_commands.extract,
    extraction_commands.evaluate,
    query_commands.query,
    query_commands.cypher,
    build_commands.load,
    build_commands.export,
):
    app.command()(command)


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


def main() -> None:
    """Entry point of the ``instgraph`` console script (errors are mapped by the root group)."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
