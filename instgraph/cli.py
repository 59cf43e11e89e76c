"""The command line: parses arguments and calls into graph/, loaders/, queries/ and viz/. Nothing else.

Results go to stdout, progress and logs to stderr. Exit codes: 0 success, 2 bad usage, 1 other errors,
always with one line naming what is at fault and how to fix it.
"""

from __future__ import annotations

import sys

import typer

from graph.errors import InstgraphError, UsageError

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


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


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
