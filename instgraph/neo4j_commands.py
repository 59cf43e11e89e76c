"""``instgraph neo4j start|stop|status``: the local Neo4j server instgraph runs itself (no Docker).

Mounted by ``instgraph/cli.py`` as ``app.add_typer(neo4j_app, name="neo4j")``. Results on stdout,
progress on stderr; errors become one line and an exit code in ``instgraph/cli.py``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from graph.errors import UsageError

if TYPE_CHECKING:
    from graph.store.local_server import LocalServer

_WHERE = (
    "Files live under $INSTGRAPH_HOME (default ~/.cache/instgraph): the jars in neo4j-<version>/lib, "
    "the server's conf, data, logs and pid under server/."
)

neo4j_app = typer.Typer(
    name="neo4j",
    help=(
        "Run a local Neo4j 5.26 Community server from Neo4j's own jars: no Docker needed, only Java 17+ "
        "and Maven (which fetches the jars once). It listens on 127.0.0.1 only, with authentication on: "
        "user neo4j, password NEO4J_PASSWORD at first start, else a generated one kept in "
        "server/data/instgraph-password. Other commands use it whenever NEO4J_URI is unset. " + _WHERE
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _server() -> LocalServer:
    from graph.store.local_server import LocalServer

    return LocalServer.from_env(os.environ)


PortOption = Annotated[
    int,
    typer.Option("--port", min=1, max=65535, help="Bolt port on 127.0.0.1 (drivers, cypher-shell)."),
]
HttpPortOption = Annotated[
    int,
    typer.Option("--http-port", min=1, max=65535, help="HTTP port on 127.0.0.1 (Neo4j Browser at /browser/)."),
]


_SIZED = "Default: what `neo4j-admin server memory-recommendation` advises for this machine's memory."
_HEAP_HELP = "Java heap size, e.g. 512m or 2g. " + _SIZED
_PAGECACHE_HELP = "Page cache size (store files in memory), e.g. 256m. " + _SIZED


@neo4j_app.command()
def start(
    port: PortOption = 7687,
    http_port: HttpPortOption = 7474,
    heap: Annotated[str | None, typer.Option(help=_HEAP_HELP, show_default=False)] = None,
    pagecache: Annotated[str | None, typer.Option(help=_PAGECACHE_HELP, show_default=False)] = None,
) -> None:
    """Start the local server in the background and print its bolt:// URI once it answers.

    The first start fetches the jars with Maven (about a minute) and creates an empty database.

    Heap and page cache are sized to the machine (its memory, or its control group's limit) the way
    neo4j-admin server memory-recommendation advises, unless --heap or --pagecache is given.

    Later starts reuse both. If the server already runs, nothing changes and its URI is printed.

    The server keeps running after this command returns: stop it with `instgraph neo4j stop`.
    """
    if port == http_port:
        raise UsageError(f"--port and --http-port are both {port}: choose two different ports")
    server = _server()
    uri = server.start(port, http_port, password=os.environ.get("NEO4J_PASSWORD") or None,
                       heap=heap, pagecache=pagecache, log=_err)
    http = server.http_url()
    _err(
        f"Neo4j is running at {uri}"
        + (f"; Neo4j Browser at {http}browser/" if http else "")
        + f". User neo4j, password in {server.password_file}"
    )
    typer.echo(uri)


@neo4j_app.command()
def stop() -> None:
    """Stop the local server cleanly (SIGTERM, then wait until the JVM has exited)."""
    stopped = _server().stop(log=_err)
    _err("stopped" if stopped else "the local Neo4j server is not running")


@neo4j_app.command()
def status() -> None:
    """Print whether the local server runs, and its URI, version, pid, memory, data directory and log.

    Exit code: 0 if it runs, 3 if it does not, 1 if it runs but does not answer.
    """
    st = _server().status()
    rows = [
        ("running", "yes" if st.running else "no"),
        ("uri", st.uri or ""),
        ("browser", f"{st.http_url}browser/" if st.http_url else ""),
        ("version", f"{st.version} {st.edition}" if st.version else ""),
        ("pid", str(st.pid) if st.pid is not None else ""),
        ("heap", st.memory.heap if st.memory else ""),
        ("page cache", st.memory.pagecache if st.memory else ""),
        ("memory sized by", st.memory.basis if st.memory else ""),
        ("data", str(st.data_dir)),
        ("log", str(st.log_file)),
        ("password file", str(st.password_file)),
    ]
    for key, value in rows:
        if value:
            typer.echo(f"{key}: {value}")
    if not st.running:
        raise typer.Exit(3)
