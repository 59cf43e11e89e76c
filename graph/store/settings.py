"""Which Neo4j server to use and how to log in: :class:`Neo4jSettings`, built from a mapping.

Only the CLI reads the environment; it passes ``os.environ`` here. The variables:

=================  ==========================================================================
``NEO4J_URI``      ``bolt://``, ``neo4j://`` (routing) or their ``+s``/``+ssc`` TLS forms. Unset: the
                   local server ``instgraph neo4j start`` runs (its URI and stored password).
``NEO4J_USERNAME`` default ``neo4j``
``NEO4J_PASSWORD`` the password (for the local server: only needed to override the stored one)
``NEO4J_DATABASE`` default ``neo4j``
=================  ==========================================================================

>>> s = Neo4jSettings.from_mapping({"NEO4J_URI": "neo4j+s://example.databases.neo4j.io",
...                                  "NEO4J_PASSWORD": "secret"})
>>> s.uri, s.username, s.database
('neo4j+s://example.databases.neo4j.io', 'neo4j', 'neo4j')
>>> "secret" in repr(s)
False
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from graph.errors import InstgraphError

if TYPE_CHECKING:
    import neo4j

    from graph.store.local_server import LocalServer

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USERNAME = "neo4j"
DEFAULT_DATABASE = "neo4j"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class Neo4jSettingsError(InstgraphError):
    """A NEO4J_* variable has a value that cannot work; the message names it."""


class Neo4jUnavailableError(InstgraphError):
    """Nothing answers at the configured URI."""


class Neo4jAuthError(InstgraphError):
    """The server answered but refused the username or password."""


@dataclass(frozen=True)
class Neo4jSettings:
    """Where the server is, who to log in as, and which database to use."""

    uri: str = DEFAULT_URI
    username: str = DEFAULT_USERNAME
    password: str | None = field(default=None, repr=False)
    database: str = DEFAULT_DATABASE
    # Where uri and password came from, for messages: "environment", "defaults", "local server" (its stored
    # password) or "local server, NEO4J_PASSWORD".
    source: str = "defaults"

    def __post_init__(self) -> None:
        check_uri(self.uri)
        if not self.username:
            raise Neo4jSettingsError("NEO4J_USERNAME is empty: unset it (default neo4j) or name a user")
        if not self.database:
            raise Neo4jSettingsError("NEO4J_DATABASE is empty: unset it (default neo4j) or name a database")

    @classmethod
    def from_mapping(cls, env: Mapping[str, str]) -> Neo4jSettings:
        """Settings from ``NEO4J_*`` entries alone (pure: no file, no server); blanks count as unset."""
        uri = (env.get("NEO4J_URI") or "").strip()
        return cls(
            uri=uri or DEFAULT_URI,
            username=(env.get("NEO4J_USERNAME") or "").strip() or DEFAULT_USERNAME,
            password=env.get("NEO4J_PASSWORD") or None,
            database=(env.get("NEO4J_DATABASE") or "").strip() or DEFAULT_DATABASE,
            source="environment" if uri else "defaults",
        )

    @classmethod
    def from_env(cls, env: Mapping[str, str], *, local: LocalServer | None = None) -> Neo4jSettings:
        """Like :meth:`from_mapping`, but without ``NEO4J_URI`` use the local server (``local``, else
        the one under ``$INSTGRAPH_HOME``) when it has been set up: its URI, and its stored password
        unless ``NEO4J_PASSWORD`` is given."""
        settings = cls.from_mapping(env)
        if uri_given(env):
            return settings
        from graph.store.local_server import LocalServer

        server = local if local is not None else LocalServer.from_env(env)
        uri = server.bolt_uri()
        if uri is None:
            return settings
        return cls(
            uri=uri,
            username=settings.username,
            password=settings.password or server.password(),
            database=settings.database,
            source="local server" if settings.password is None else "local server, NEO4J_PASSWORD",
        )

    @property
    def auth(self) -> tuple[str, str]:
        return (self.username, self.password or "")

    def driver(self, **config: object) -> neo4j.Driver:
        """A new official driver for these settings (the caller closes it). Nothing is sent yet."""
        import neo4j

        return neo4j.GraphDatabase.driver(self.uri, auth=self.auth, **config)  # type: ignore[arg-type]

    def connect(self, **config: object) -> neo4j.Driver:
        """A driver that has reached the server and logged in; raises :class:`Neo4jUnavailableError` or
        :class:`Neo4jAuthError` (one line each, saying what to do) instead of the driver's errors."""
        driver = self.driver(**config)
        try:
            driver.verify_connectivity()
        except Exception as exc:
            driver.close()
            raise self.explain(exc) from None
        return driver

    def explain(self, exc: BaseException) -> BaseException:
        """The project error for a driver exception about reaching or logging in (others unchanged)."""
        from neo4j.exceptions import AuthError, ClientError, ConfigurationError, ServiceUnavailable

        if isinstance(exc, ClientError) and "AuthenticationRateLimit" in (exc.code or ""):
            return Neo4jAuthError(
                f"Neo4j at {self.uri} refused user '{self.username}' after too many wrong passwords in a row: "
                "set NEO4J_PASSWORD to the right one and retry in a few seconds"
            )
        if isinstance(exc, AuthError):
            where = (
                "the password stored by `instgraph neo4j start` no longer matches: set NEO4J_PASSWORD"
                if self.source == "local server"
                else "set NEO4J_USERNAME and NEO4J_PASSWORD to valid credentials"
            )
            return Neo4jAuthError(f"Neo4j at {self.uri} refused user '{self.username}': {where}")
        if isinstance(exc, ServiceUnavailable | OSError):
            return Neo4jUnavailableError(
                f"cannot reach Neo4j at {self.uri}: start the local server with `instgraph neo4j start`, "
                "or set NEO4J_URI to a running server"
            )
        if isinstance(exc, ConfigurationError):
            return Neo4jSettingsError(f"NEO4J_URI={self.uri}: {exc}")
        return exc


def uri_given(env: Mapping[str, str]) -> bool:
    """Whether ``env`` names a server (``NEO4J_URI``, blanks count as unset); without one the local server is used."""
    return bool((env.get("NEO4J_URI") or "").strip())


@dataclass(frozen=True)
class Server:
    """The server a command talks to: how to reach it, and the project's local server when it is that one."""

    settings: Neo4jSettings
    local: LocalServer | None = None
    started_here: bool = False


def choose_server(
    env: Mapping[str, str], *, start: bool = False, log: Callable[[str], None] = lambda _message: None
) -> Server:
    """The one place that picks a server: the one ``NEO4J_URI`` names, else the local server of
    ``instgraph neo4j start`` (started here first when ``start`` and it is not running)."""
    if uri_given(env):
        return Server(Neo4jSettings.from_mapping(env))
    from graph.store.local_server import LocalServer

    local = LocalServer.from_env(env)
    started = False
    if start and local.pid() is None:
        local.start(password=env.get("NEO4J_PASSWORD") or None, log=log)
        started = True
    return Server(Neo4jSettings.from_env(env, local=local), local, started)


@contextmanager
def open_driver(env: Mapping[str, str]) -> Iterator[tuple[neo4j.Driver, str]]:
    """A connected driver and the database for the server ``env`` names (see :func:`choose_server`), closed
    on exit. ``env`` holds the ``NEO4J_*`` variables; the CLI passes ``os.environ``."""
    settings = choose_server(env).settings
    driver = settings.connect()
    try:
        yield driver, settings.database
    finally:
        driver.close()


def check_uri(uri: str) -> str:
    """``uri`` if it is one the driver takes (scheme, host), else :class:`Neo4jSettingsError`."""
    parts = urlsplit(uri)
    if parts.scheme not in SCHEMES:
        raise Neo4jSettingsError(
            f"NEO4J_URI={uri!r} has scheme {parts.scheme or 'none'!r}: use one of "
            + ", ".join(f"{s}://" for s in SCHEMES)
        )
    try:
        port = parts.port
    except ValueError:
        port = -1
    if not parts.hostname or port == -1 or (port is not None and not 0 < port < 65536):
        raise Neo4jSettingsError(f"NEO4J_URI={uri!r} needs a host and an optional port, like bolt://host:7687")
    if parts.path not in ("", "/"):
        raise Neo4jSettingsError(f"NEO4J_URI={uri!r} has a path; the database goes in NEO4J_DATABASE instead")
    return uri
