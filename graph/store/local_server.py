"""The local Neo4j Community server that instgraph runs itself, from Neo4j's own jars (no Docker).

Maven (``mvn``) fetches the jars listed in ``graph/store/neo4j_runtime/pom.xml`` once; ``java`` (17+) runs
``org.neo4j.server.CommunityEntryPoint`` on 127.0.0.1 with authentication on. Everything lives in a cache
directory outside the repository: ``$INSTGRAPH_HOME``, else ``~/.cache/instgraph``::

    neo4j-5.26.N/lib/*.jar       the jars (shared by every server instance)
    server/conf/neo4j.conf       rewritten on every start
    server/data/                 the databases, and instgraph-password (0600): the password of user neo4j
    server/logs/console.log      the JVM's own output; server/logs/debug.log is Neo4j's
    server/run/neo4j.pid

The password is ``NEO4J_PASSWORD`` when the data directory is first created, else a generated one; it is
set as the initial password by writing ``data/dbms/auth.ini`` exactly as ``neo4j-admin dbms
set-initial-password`` does (that command needs a second JVM and about ten seconds more).

Failures raise :class:`LocalServerError` with one line saying what is wrong and what to do.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.store.admin_tool import MemorySizing
from graph.store.server_conf import (
    BASIS_MARK,
    DEFAULT_BOLT_PORT,
    DEFAULT_HTTP_PORT,
    FAST_START_JVM_OPTIONS,
    JVM_FLAGS,
    MEMORY_SIZE,
    NEO4J_VERSION,
    POM_PATH,
    SMALL_HEAP,
    SMALL_PAGECACHE,
    SMALL_SERVER,
    conf_text,
    default_home,
    fetch_jars,
    neo4j_version,
)
from graph.store.server_os import (
    _CHILDREN,
    MAIN_CLASS,
    USERNAME,
    LocalServerError,
    _alive,
    _check_port,
    _is_ours,
    _last_error,
    _wait_gone,
    _write_private,
    find_java,
    free_port,
    hash_initial_password,
    port_is_free,
    wait_for_bolt,
    wait_for_http,
)
from graph.store.server_status import ServerStatus, read_status

__all__ = [
    "DEFAULT_BOLT_PORT", "DEFAULT_HTTP_PORT", "FAST_START_JVM_OPTIONS", "JVM_FLAGS", "MAIN_CLASS", "NEO4J_VERSION",
    "POM_PATH", "SMALL_HEAP", "SMALL_PAGECACHE", "SMALL_SERVER", "USERNAME", "LocalServer", "LocalServerError",
    "ServerStatus", "default_home", "ensure_jars", "free_port", "hash_initial_password", "neo4j_version",
    "port_is_free",
]  # fmt: skip

PASSWORD_FILE = "instgraph-password"
MIN_PASSWORD_LENGTH = 8  # Neo4j's dbms.security.auth_minimum_password_length

Log = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def _sizing(server: LocalServer, heap: str | None, pagecache: str | None, basis: str, java: str) -> MemorySizing:
    """The memory to start with: what is given, the rest as ``neo4j-admin`` recommends for this machine."""
    if heap and pagecache:
        return MemorySizing(heap, pagecache, basis)
    from graph.store.admin_tool import recommended_memory

    advice = recommended_memory(server, java=java)
    given = " (heap given)" if heap else " (page cache given)" if pagecache else ""
    return MemorySizing(heap or advice.heap, pagecache or advice.pagecache, advice.basis + given)


@dataclass(frozen=True)
class LocalServer:
    """One server instance: ``server_dir`` holds its conf, data, logs and pid; jars come from ``home``."""

    home: Path
    server_dir: Path

    @classmethod
    def at(cls, home: Path, server_dir: Path | None = None) -> LocalServer:
        home = home.expanduser().absolute()
        return cls(home, (server_dir or home / "server").expanduser().absolute())

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> LocalServer:
        """The default instance: ``server/`` under :func:`default_home`."""
        return cls.at(default_home(env))

    # ---- paths ---------------------------------------------------------------------------------------
    @property
    def runtime_dir(self) -> Path:
        return self.home / f"neo4j-{NEO4J_VERSION}"

    @property
    def jars_dir(self) -> Path:
        return self.runtime_dir / "lib"

    @property
    def conf_dir(self) -> Path:
        return self.server_dir / "conf"

    @property
    def conf_file(self) -> Path:
        return self.conf_dir / "neo4j.conf"

    @property
    def data_dir(self) -> Path:
        return self.server_dir / "data"

    @property
    def logs_dir(self) -> Path:
        return self.server_dir / "logs"

    @property
    def run_dir(self) -> Path:
        return self.server_dir / "run"

    @property
    def pid_file(self) -> Path:
        return self.run_dir / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.logs_dir / "console.log"

    @property
    def password_file(self) -> Path:
        return self.data_dir / PASSWORD_FILE

    # ---- jars ----------------------------------------------------------------------------------------
    def jars_present(self) -> bool:
        return (self.jars_dir / ".complete").is_file()

    def ensure_jars(self, *, mvn: str = "mvn", log: Log = _quiet) -> Path:
        """The jars directory, fetched with Maven first if it is not complete yet (once per version)."""
        if not self.jars_present():
            fetch_jars(self.runtime_dir, self.jars_dir, mvn=mvn, log=log)
        return self.jars_dir

    # ---- configuration -------------------------------------------------------------------------------
    def write_config(
        self,
        port: int = DEFAULT_BOLT_PORT,
        http_port: int | None = DEFAULT_HTTP_PORT,
        *,
        heap: str = SMALL_HEAP,
        pagecache: str = SMALL_PAGECACHE,
        memory_basis: str = "given",
    ) -> Path:
        """Write ``conf/neo4j.conf``: Bolt on 127.0.0.1:``port``, HTTP (Neo4j Browser) on
        127.0.0.1:``http_port`` (None: no HTTP), auth on, memory for a small machine, no usage reports."""
        _check_port("port", port)
        if http_port is not None:
            _check_port("http_port", http_port)
            if http_port == port:
                raise LocalServerError(f"the Bolt and HTTP ports are both {port}: choose two different ports")
        for name, value in (("heap", heap), ("pagecache", pagecache)):
            if not MEMORY_SIZE.match(value):
                raise LocalServerError(f"{name} size {value!r} is not like 512m or 1g: use digits and k, m or g")
        for d in (self.conf_dir, self.data_dir, self.logs_dir, self.run_dir, self.server_dir / "import",
                  self.server_dir / "plugins"):
            d.mkdir(parents=True, exist_ok=True)
        text = conf_text(self.server_dir, self.data_dir, self.logs_dir, self.run_dir, port, http_port,
                         heap=heap, pagecache=pagecache, memory_basis=memory_basis)  # fmt: skip
        self.conf_file.write_text(text, "utf-8")
        return self.conf_file

    def read_config(self) -> dict[str, str]:
        """The settings in ``conf/neo4j.conf`` (empty if it was never written)."""
        if not self.conf_file.is_file():
            return {}
        out: dict[str, str] = {}
        for line in self.conf_file.read_text("utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                out[key.strip()] = value.strip()
        return out

    def bolt_uri(self) -> str | None:
        """The ``bolt://`` URI the configuration names, or None if there is no configuration yet."""
        address = self.read_config().get("server.bolt.listen_address")
        return f"bolt://{address}" if address else None

    def http_url(self) -> str | None:
        conf = self.read_config()
        if conf.get("server.http.enabled") != "true" or "server.http.listen_address" not in conf:
            return None
        return f"http://{conf['server.http.listen_address']}/"

    def memory(self) -> MemorySizing | None:
        """Heap, page cache and where they came from, as the configuration holds them (None before)."""
        conf = self.read_config()
        if "server.memory.heap.max_size" not in conf:
            return None
        text = self.conf_file.read_text("utf-8")
        basis = next((ln[len(BASIS_MARK):] for ln in text.splitlines() if ln.startswith(BASIS_MARK)), "given")
        return MemorySizing(conf["server.memory.heap.max_size"], conf.get("server.memory.pagecache.size", ""), basis)

    def restart(self, *, log: Log = _quiet) -> str:
        """Stop the server if it runs and start it again with the ports and memory its configuration holds."""
        conf, sizing = self.read_config(), self.memory()
        bolt = conf.get("server.bolt.listen_address")
        if bolt is None or sizing is None:
            raise LocalServerError(f"{self.conf_file} is missing: start the server once with `instgraph neo4j start`")
        http = conf.get("server.http.listen_address") if conf.get("server.http.enabled") == "true" else None
        self.stop(log=log)
        return self.start(int(bolt.rsplit(":", 1)[1]), int(http.rsplit(":", 1)[1]) if http else None,
                          heap=sizing.heap, pagecache=sizing.pagecache, memory_basis=sizing.basis, log=log)  # fmt: skip

    # ---- password ------------------------------------------------------------------------------------
    def password(self) -> str | None:
        """The password of user neo4j as stored when the data directory was created (None before)."""
        try:
            return self.password_file.read_text("utf-8").strip() or None
        except FileNotFoundError:
            return None

    def _initialised(self) -> bool:
        return (self.data_dir / "databases" / "system").is_dir()

    def _prepare_password(self, password: str | None) -> str:
        """The password to connect with; on a fresh data directory, set it as the initial password."""
        stored = self.password()
        if self._initialised():
            if stored is None:
                raise LocalServerError(
                    f"{self.password_file} is missing, so the password of {self.data_dir} is unknown: "
                    f"restore that file, or delete {self.data_dir} to start with an empty database"
                )
            return stored
        chosen = password or stored or secrets.token_urlsafe(24)
        if len(chosen) < MIN_PASSWORD_LENGTH:
            raise LocalServerError(
                f"NEO4J_PASSWORD has {len(chosen)} characters; Neo4j needs at least {MIN_PASSWORD_LENGTH}: "
                "choose a longer one, or unset it to have one generated"
            )
        self.data_dir.mkdir(parents=True, exist_ok=True)
        _write_private(self.password_file, chosen + "\n")
        (self.data_dir / "dbms").mkdir(exist_ok=True)
        _write_private(self.data_dir / "dbms" / "auth.ini", hash_initial_password(chosen))
        return chosen

    # ---- process -------------------------------------------------------------------------------------
    def pid(self) -> int | None:
        """The pid of this instance's JVM if it is running (a stale pid file is removed)."""
        try:
            pid = int(self.pid_file.read_text("utf-8").strip())
        except (FileNotFoundError, ValueError):
            return None
        if _alive(pid) and _is_ours(pid, self.server_dir):
            return pid
        self.pid_file.unlink(missing_ok=True)
        return None

    def start(
        self,
        port: int = DEFAULT_BOLT_PORT,
        http_port: int | None = DEFAULT_HTTP_PORT,
        *,
        password: str | None = None,
        heap: str | None = None,
        pagecache: str | None = None,
        memory_basis: str = "given",
        timeout: float = 240.0,
        wait_for_http: bool = True,
        detach: bool = True,
        jvm_options: Sequence[str] = (),
        java: str = "java",
        mvn: str = "mvn",
        log: Log = _quiet,
    ) -> str:
        """Start the server in the background and return its ``bolt://`` URI once it answers.

        A running instance is left alone (its URI is returned). ``password`` is used only when the data
        directory is new. ``heap`` and ``pagecache`` default to what ``neo4j-admin server
        memory-recommendation`` advises for this machine (:func:`graph.store.admin_tool.recommended_memory`);
        ``memory_basis`` says where given ones came from (shown by :meth:`status`). ``detach`` puts the JVM
        in its own session, so it outlives the caller's terminal. ``jvm_options`` come after
        :data:`JVM_FLAGS` (e.g. :data:`FAST_START_JVM_OPTIONS` for tests).
        """
        running = self._running_uri(port, log)
        if running is not None:
            return running
        for name, value in (("Bolt", port), ("HTTP", http_port)):
            if value is not None and not port_is_free(value):
                flag = "--port" if name == "Bolt" else "--http-port"
                raise LocalServerError(
                    f"port {value} on 127.0.0.1 is in use ({name}): stop whatever listens there "
                    f"(another Neo4j?) or choose another port with {flag}"
                )
        java_exe = find_java(java)
        jars = self.ensure_jars(mvn=mvn, log=log)
        sizing = _sizing(self, heap, pagecache, memory_basis, java)
        log(f"memory: heap {sizing.heap}, page cache {sizing.pagecache} ({sizing.basis})")
        self.write_config(port, http_port, heap=sizing.heap, pagecache=sizing.pagecache, memory_basis=sizing.basis)
        secret = self._prepare_password(password)
        if password and password != secret:
            log(f"NEO4J_PASSWORD is not used: {self.data_dir} already has its password (in {self.password_file})")
        cmd = [
            java_exe, f"-Xms{sizing.heap}", f"-Xmx{sizing.heap}", *JVM_FLAGS, *jvm_options,
            "-cp", f"{self.server_dir / 'plugins'}/*:{self.conf_dir}/*:{jars}/*",
            MAIN_CLASS, f"--home-dir={self.server_dir}", f"--config-dir={self.conf_dir}", "--console-mode",
        ]  # fmt: skip
        log(f"starting Neo4j {NEO4J_VERSION} on bolt://127.0.0.1:{port} (log: {self.log_file})")
        return self._launch(cmd, port, http_port if wait_for_http else None, secret, timeout, detach)

    def _running_uri(self, port: int, log: Log) -> str | None:
        """The URI of this instance if it runs already (it is left alone), else None."""
        running = self.pid()
        if running is None:
            return None
        uri = self.bolt_uri()
        if uri is None:
            raise LocalServerError(f"{self.conf_file} is missing while pid {running} runs: stop it first")
        note = "" if uri.endswith(f":{port}") else f"; to move it to port {port}, stop it first"
        log(f"Neo4j is already running at {uri} (pid {running}){note}")
        return uri

    def _launch(self, cmd: list[str], port: int, http_port: int | None, secret: str, timeout: float,
                detach: bool) -> str:  # fmt: skip
        """Run the JVM and wait until Bolt (and HTTP, given ``http_port``) answer; stopped again if not."""
        with self.log_file.open("ab") as out:
            proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    cwd=self.server_dir, start_new_session=detach)  # fmt: skip
        _CHILDREN[proc.pid] = proc
        self.pid_file.write_text(f"{proc.pid}\n", "utf-8")
        uri = f"bolt://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        try:
            wait_for_bolt(uri, USERNAME, secret, deadline, lambda: self._check_alive(proc), self._start_hints())
            (self.data_dir / "dbms" / "auth.ini").unlink(missing_ok=True)  # applied; no longer needed
            if http_port is not None:
                wait_for_http(f"http://127.0.0.1:{http_port}/", deadline, lambda: self._check_alive(proc),
                              self.log_file)  # fmt: skip
        except BaseException:
            self._terminate(proc.pid, timeout=60)
            raise
        return uri

    def _start_hints(self) -> dict[str, str]:
        return {
            "refused": f"the local server refuses the password in {self.password_file}: put the right one "
            f"there, or delete {self.data_dir} to start with an empty database",
            "late": f"see {self.log_file} and {self.logs_dir / 'debug.log'}",
        }

    def _check_alive(self, proc: subprocess.Popen[bytes]) -> None:
        if proc.poll() is not None:
            _CHILDREN.pop(proc.pid, None)
            self.pid_file.unlink(missing_ok=True)
            raise LocalServerError(
                f"Neo4j exited with code {proc.returncode} while starting: "
                f"{_last_error(self.log_file) or 'no output'} (see {self.log_file})"
            )

    def stop(self, *, timeout: float = 90.0, log: Log = _quiet) -> bool:
        """Shut the server down cleanly (SIGTERM, then wait); False if it was not running."""
        pid = self.pid()
        if pid is None:
            return False
        log(f"stopping Neo4j (pid {pid})")
        self._terminate(pid, timeout=timeout)
        return True

    def _terminate(self, pid: int, *, timeout: float) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        if not _wait_gone(pid, timeout):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _wait_gone(pid, 15)
        _CHILDREN.pop(pid, None)
        self.pid_file.unlink(missing_ok=True)
        if _alive(pid):
            raise LocalServerError(f"Neo4j (pid {pid}) did not exit: kill it, then retry")

    def status(self) -> ServerStatus:
        """Whether it runs, and if so its URI, pid, version and memory (see :func:`read_status`)."""
        return read_status(self)


# ---- the default instance, for the CLI ------------------------------------------------------------------
def _default(server: LocalServer | None) -> LocalServer:
    return server if server is not None else LocalServer.from_env(os.environ)


def ensure_jars(server: LocalServer | None = None, *, log: Log = _quiet) -> Path:
    """Fetch the jars with Maven unless they are there already; return their directory."""
    return _default(server).ensure_jars(log=log)
