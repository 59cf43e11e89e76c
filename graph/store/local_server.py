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
import re
import secrets
import shutil
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.store.admin_tool import MemorySizing
from graph.store.server_os import (
    _CHILDREN,
    MAIN_CLASS,
    USERNAME,
    LocalServerError,
    _alive,
    _check_port,
    _is_ours,
    _last_error,
    _last_line,
    _locked,
    _wait_gone,
    _write_private,
    find_java,
    free_port,
    hash_initial_password,
    port_is_free,
)

__all__ = [
    "DEFAULT_BOLT_PORT", "DEFAULT_HTTP_PORT", "FAST_START_JVM_OPTIONS", "JVM_FLAGS", "MAIN_CLASS", "NEO4J_VERSION",
    "POM_PATH", "SMALL_HEAP", "SMALL_PAGECACHE", "SMALL_SERVER", "USERNAME", "LocalServer", "LocalServerError",
    "ServerStatus", "default_home", "ensure_jars", "free_port", "hash_initial_password", "neo4j_version",
    "port_is_free", "start", "status", "stop", "write_config",
]  # fmt: skip

POM_PATH = Path(__file__).with_name("neo4j_runtime") / "pom.xml"
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
# The small sizing of test servers and of write_config's defaults; `instgraph neo4j start` sizes the server
# to the machine instead (graph.store.admin_tool.recommended_memory) unless --heap/--pagecache are given.
SMALL_HEAP = "512m"
SMALL_PAGECACHE = "256m"
SMALL_SERVER = {"heap": SMALL_HEAP, "pagecache": SMALL_PAGECACHE}  # start(..., **SMALL_SERVER): a test server
PASSWORD_FILE = "instgraph-password"
MIN_PASSWORD_LENGTH = 8  # Neo4j's dbms.security.auth_minimum_password_length

# The JVM flags Neo4j's own launcher adds (the server.jvm.additional lines of the neo4j.conf shipped with
# 5.26). The --add-opens/--enable-native-access ones are needed on Java 17: without them Netty and the
# page cache fall back to slower paths or fail reflective access.
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
)

# For short-lived test servers: the C1 compiler only. Start-up takes about 40% less CPU; long queries run
# slower, which tests on small graphs never notice. Not used for the server `instgraph neo4j start` runs.
FAST_START_JVM_OPTIONS: tuple[str, ...] = ("-XX:TieredStopAtLevel=1",)

_MEMORY = re.compile(r"^[1-9][0-9]*[kmg]$")

Log = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def neo4j_version(pom: Path = POM_PATH) -> str:
    """The Neo4j version the pom pins (its ``neo4j.version`` property): the one place it is declared."""
    match = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", pom.read_text("utf-8"))
    if not match:
        raise LocalServerError(f"{pom}: no <neo4j.version> property; the package is damaged, reinstall it")
    return match.group(1).strip()


NEO4J_VERSION = neo4j_version()


def default_home(env: Mapping[str, str]) -> Path:
    """The cache directory: ``$INSTGRAPH_HOME``, else ``~/.cache/instgraph``."""
    value = env.get("INSTGRAPH_HOME")
    return Path(value).expanduser() if value else Path.home() / ".cache" / "instgraph"


@dataclass(frozen=True)
class ServerStatus:
    """What ``instgraph neo4j status`` reports."""

    running: bool
    uri: str | None
    http_url: str | None
    pid: int | None
    version: str | None
    edition: str | None
    server_dir: Path
    data_dir: Path
    log_file: Path
    password_file: Path
    memory: MemorySizing | None = None


_BASIS_MARK = "# memory: "


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
        if self.jars_present():
            return self.jars_dir
        exe = shutil.which(mvn)
        if exe is None:
            raise LocalServerError(
                f"Maven ({mvn}) is not installed, and the Neo4j {NEO4J_VERSION} jars are not in "
                f"{self.jars_dir}: install Maven (Debian: apt-get install maven), or set NEO4J_URI to "
                "a running Neo4j server"
            )
        self.runtime_dir.mkdir(parents=True, exist_ok=True)
        with _locked(self.runtime_dir / ".lock"):
            if self.jars_present():  # another process fetched them while we waited
                return self.jars_dir
            pom = self.runtime_dir / "pom.xml"
            shutil.copyfile(POM_PATH, pom)
            partial = self.runtime_dir / f"lib.partial-{os.getpid()}"
            shutil.rmtree(partial, ignore_errors=True)
            mvn_log = self.runtime_dir / "mvn.log"
            log(f"fetching the Neo4j {NEO4J_VERSION} jars with Maven into {self.jars_dir} (once; about a minute)")
            cmd = [exe, "-B", "-q", "-f", str(pom), "dependency:copy-dependencies",
                   f"-DoutputDirectory={partial}", "-DincludeScope=runtime"]
            with mvn_log.open("w", encoding="utf-8") as out:
                rc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    cwd=self.runtime_dir, check=False).returncode
            jars = list(partial.glob("*.jar")) if partial.is_dir() else []
            if rc != 0 or not any(j.name.startswith("neo4j-server-") for j in jars):
                shutil.rmtree(partial, ignore_errors=True)
                raise LocalServerError(
                    f"Maven could not fetch the Neo4j {NEO4J_VERSION} jars (exit {rc}): "
                    f"{_last_line(mvn_log) or 'no output'}; see {mvn_log}, check the network and retry"
                )
            shutil.rmtree(self.jars_dir, ignore_errors=True)
            partial.rename(self.jars_dir)
            (self.jars_dir / ".complete").write_text(f"{len(jars)} jars\n", "utf-8")
            log(f"fetched {len(jars)} jars")
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
            if not _MEMORY.match(value):
                raise LocalServerError(f"{name} size {value!r} is not like 512m or 1g: use digits and k, m or g")
        for d in (self.conf_dir, self.data_dir, self.logs_dir, self.run_dir, self.server_dir / "import",
                  self.server_dir / "plugins"):
            d.mkdir(parents=True, exist_ok=True)
        lines = [
            "# Written by instgraph (graph/local_server.py) on every start: edits here are lost.",
            f"{_BASIS_MARK}{memory_basis}",
            f"server.directories.data={self.data_dir}",
            f"server.directories.logs={self.logs_dir}",
            f"server.directories.run={self.run_dir}",
            f"server.directories.import={self.server_dir / 'import'}",
            f"server.directories.plugins={self.server_dir / 'plugins'}",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            "server.bolt.enabled=true",
            f"server.bolt.listen_address=127.0.0.1:{port}",
            f"server.bolt.advertised_address=127.0.0.1:{port}",
            f"server.http.enabled={'true' if http_port is not None else 'false'}",
        ]
        if http_port is not None:
            lines += [
                f"server.http.listen_address=127.0.0.1:{http_port}",
                f"server.http.advertised_address=127.0.0.1:{http_port}",
            ]
        lines += [
            "server.https.enabled=false",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            "client.allow_telemetry=false",
            f"server.memory.heap.initial_size={heap}",
            f"server.memory.heap.max_size={heap}",
            f"server.memory.pagecache.size={pagecache}",
            "db.tx_log.preallocate=false",
            "db.tx_log.rotation.retention_policy=1 days",
            # Netty waits a 5 s quiet period per event loop group on shutdown; a local server needs none.
            "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        ]
        self.conf_file.write_text("\n".join(lines) + "\n", "utf-8")
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
        basis = next((ln[len(_BASIS_MARK):] for ln in text.splitlines() if ln.startswith(_BASIS_MARK)), "given")
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
        running = self.pid()
        if running is not None:
            uri = self.bolt_uri()
            if uri is None:
                raise LocalServerError(f"{self.conf_file} is missing while pid {running} runs: stop it first")
            note = "" if uri.endswith(f":{port}") else f"; to move it to port {port}, stop it first"
            log(f"Neo4j is already running at {uri} (pid {running}){note}")
            return uri
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
        heap = sizing.heap
        log(f"memory: heap {sizing.heap}, page cache {sizing.pagecache} ({sizing.basis})")
        self.write_config(port, http_port, heap=sizing.heap, pagecache=sizing.pagecache, memory_basis=sizing.basis)
        secret = self._prepare_password(password)
        if password and password != secret:
            log(f"NEO4J_PASSWORD is not used: {self.data_dir} already has its password (in {self.password_file})")
        cmd = [
            java_exe, f"-Xms{heap}", f"-Xmx{heap}", *JVM_FLAGS, *jvm_options,
            "-cp", f"{self.server_dir / 'plugins'}/*:{self.conf_dir}/*:{jars}/*",
            MAIN_CLASS, f"--home-dir={self.server_dir}", f"--config-dir={self.conf_dir}", "--console-mode",
        ]
        log(f"starting Neo4j {NEO4J_VERSION} on bolt://127.0.0.1:{port} (log: {self.log_file})")
        with self.log_file.open("ab") as out:
            proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    cwd=self.server_dir, start_new_session=detach)
        _CHILDREN[proc.pid] = proc
        self.pid_file.write_text(f"{proc.pid}\n", "utf-8")
        uri = f"bolt://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        try:
            self._wait_for_bolt(proc, uri, secret, deadline)
            (self.data_dir / "dbms" / "auth.ini").unlink(missing_ok=True)  # applied; no longer needed
            if http_port is not None and wait_for_http:
                self._wait_for_http(proc, f"http://127.0.0.1:{http_port}/", deadline)
        except BaseException:
            self._terminate(proc.pid, timeout=60)
            raise
        return uri

    def _wait_for_bolt(self, proc: subprocess.Popen[bytes], uri: str, secret: str, deadline: float) -> None:
        import neo4j
        from neo4j.exceptions import AuthError, ServiceUnavailable

        with neo4j.GraphDatabase.driver(uri, auth=(USERNAME, secret)) as driver:
            while True:
                self._check_alive(proc)
                try:
                    driver.verify_connectivity()
                    return
                except AuthError:
                    raise LocalServerError(
                        f"the local server refuses the password in {self.password_file}: put the right "
                        f"one there, or delete {self.data_dir} to start with an empty database"
                    ) from None
                except (ServiceUnavailable, OSError):
                    pass
                if time.monotonic() > deadline:
                    raise LocalServerError(
                        f"Neo4j did not answer on {uri} in time: see {self.log_file} and "
                        f"{self.logs_dir / 'debug.log'}"
                    )
                time.sleep(0.5)

    def _wait_for_http(self, proc: subprocess.Popen[bytes], url: str, deadline: float) -> None:
        while True:
            self._check_alive(proc)
            try:
                with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
                    if response.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise LocalServerError(f"Neo4j's HTTP connector did not answer on {url}: see {self.log_file}")
            time.sleep(0.5)

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
        """Whether it runs, and if so its URI, pid and version (from ``CALL dbms.components()``)."""
        pid = self.pid()
        version = edition = None
        uri = self.bolt_uri() if pid is not None else None
        if uri is not None:
            import neo4j

            try:
                with neo4j.GraphDatabase.driver(uri, auth=(USERNAME, self.password() or "")) as driver:
                    records, _, _ = driver.execute_query(
                        "CALL dbms.components() YIELD name, versions, edition "
                        "WHERE name = 'Neo4j Kernel' RETURN versions[0] AS version, edition"
                    )
                if records:
                    version, edition = records[0]["version"], records[0]["edition"]
            except Exception as exc:  # noqa: BLE001 (reported, not raised: status must always answer)
                raise LocalServerError(
                    f"Neo4j (pid {pid}) runs but does not answer on {uri}: {exc}; see {self.log_file}"
                ) from None
        return ServerStatus(
            running=pid is not None,
            uri=uri,
            http_url=self.http_url() if pid is not None else None,
            pid=pid,
            version=version,
            edition=edition,
            server_dir=self.server_dir,
            data_dir=self.data_dir,
            log_file=self.log_file,
            password_file=self.password_file,
            memory=self.memory(),
        )


# ---- the default instance, for the CLI ------------------------------------------------------------------
def _default(server: LocalServer | None) -> LocalServer:
    return server if server is not None else LocalServer.from_env(os.environ)


def ensure_jars(server: LocalServer | None = None, *, log: Log = _quiet) -> Path:
    """Fetch the jars with Maven unless they are there already; return their directory."""
    return _default(server).ensure_jars(log=log)


def write_config(
    port: int = DEFAULT_BOLT_PORT,
    http_port: int | None = DEFAULT_HTTP_PORT,
    *,
    heap: str = SMALL_HEAP,
    pagecache: str = SMALL_PAGECACHE,
    server: LocalServer | None = None,
) -> Path:
    """Write the instance's ``conf/neo4j.conf`` (see :meth:`LocalServer.write_config`)."""
    return _default(server).write_config(port, http_port, heap=heap, pagecache=pagecache)


def start(
    port: int = DEFAULT_BOLT_PORT,
    http_port: int | None = DEFAULT_HTTP_PORT,
    *,
    password: str | None = None,
    heap: str | None = None,
    pagecache: str | None = None,
    server: LocalServer | None = None,
    log: Log = _quiet,
) -> str:
    """Start the instance (no-op if it runs) and return its ``bolt://`` URI."""
    return _default(server).start(port, http_port, password=password, heap=heap, pagecache=pagecache, log=log)


def stop(server: LocalServer | None = None, *, log: Log = _quiet) -> bool:
    """Stop the instance; False if it was not running."""
    return _default(server).stop(log=log)


def status(server: LocalServer | None = None) -> ServerStatus:
    """Report on the instance (see :class:`ServerStatus`)."""
    return _default(server).status()
