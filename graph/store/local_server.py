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
import fcntl
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from graph.errors import InstgraphError

POM_PATH = Path(__file__).with_name("neo4j_runtime") / "pom.xml"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
DEFAULT_HEAP = "512m"
DEFAULT_PAGECACHE = "256m"
USERNAME = "neo4j"
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


class LocalServerError(InstgraphError):
    """The local Neo4j server cannot be set up, started, reached or stopped."""


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


def hash_initial_password(password: str, salt: bytes | None = None, iterations: int = 1024) -> str:
    """One ``auth.ini`` line for user neo4j, in the format ``neo4j-admin dbms set-initial-password`` writes:
    ``neo4j:SHA-256,<hash>,<salt>,<iterations>:`` where the hash is SHA-256 over salt + password, then
    re-hashed ``iterations - 1`` times (all hex)."""
    salt = secrets.token_bytes(32) if salt is None else salt
    digest = hashlib.sha256(salt + password.encode("utf-8")).digest()
    for _ in range(iterations - 1):
        digest = hashlib.sha256(digest).digest()
    return f"{USERNAME}:SHA-256,{digest.hex()},{salt.hex()},{iterations}:\n"


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether a server could listen on ``host:port`` now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


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
        heap: str = DEFAULT_HEAP,
        pagecache: str = DEFAULT_PAGECACHE,
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

    def _heap(self) -> str:
        return self.read_config().get("server.memory.heap.max_size", DEFAULT_HEAP)

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
        heap: str = DEFAULT_HEAP,
        pagecache: str = DEFAULT_PAGECACHE,
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
        directory is new. ``detach`` puts the JVM in its own session, so it outlives the caller's terminal.
        ``jvm_options`` come after :data:`JVM_FLAGS` (e.g. :data:`FAST_START_JVM_OPTIONS` for tests).
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
        java_exe = _find_java(java)
        jars = self.ensure_jars(mvn=mvn, log=log)
        self.write_config(port, http_port, heap=heap, pagecache=pagecache)
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
        )


# Popen objects of servers this process started, so their exit is reaped (no zombie, no ResourceWarning).
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


def _check_port(name: str, port: int) -> None:
    if not 1 <= port <= 65535:
        raise LocalServerError(f"{name} {port} is not a TCP port: use 1-65535")


def _find_java(java: str) -> str:
    exe = shutil.which(java)
    if exe is None:
        raise LocalServerError(
            f"Java ({java}) is not installed: install Java 17 or newer "
            "(Debian: apt-get install openjdk-17-jre-headless), or set NEO4J_URI to a running Neo4j server"
        )
    try:
        out = subprocess.run([exe, "-version"], capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LocalServerError(f"{exe} -version failed ({exc}): check the Java installation") from None
    match = re.search(r'version "(\d+)', out.stderr + out.stdout)
    if match and int(match.group(1)) < 17:
        raise LocalServerError(f"{exe} is Java {match.group(1)}; Neo4j {NEO4J_VERSION} needs Java 17 or newer")
    return exe


def _alive(pid: int) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    with contextlib.suppress(ChildProcessError, OSError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:  # our child that already exited: reap it
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie still answers kill(0)
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _is_ours(pid: int, server_dir: Path) -> bool:
    """Whether ``pid`` is a Neo4j JVM for ``server_dir`` (a pid file can outlive its process)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return True  # no /proc: trust the pid file
    return MAIN_CLASS.encode() in args and f"--home-dir={server_dir}".encode() in args


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.2)
    return not _alive(pid)


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o600)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[IO[Any]]:
    with path.open("w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield f
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _last_line(path: Path) -> str:
    try:
        lines = [ln.strip() for ln in path.read_text("utf-8", errors="replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    errors = [ln for ln in lines if "ERROR" in ln]
    return (errors or lines or [""])[-1][:300]


def _last_error(path: Path) -> str:
    """The most telling line of a failed start: the last ERROR, else the last exception, else the last."""
    try:
        lines = [ln.strip() for ln in path.read_text("utf-8", errors="replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    for marker in ("ERROR", "Exception", "Error"):
        hits = [ln for ln in lines if marker in ln]
        if hits:
            return hits[-1][:300]
    return lines[-1][:300] if lines else ""


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
    heap: str = DEFAULT_HEAP,
    pagecache: str = DEFAULT_PAGECACHE,
    server: LocalServer | None = None,
) -> Path:
    """Write the instance's ``conf/neo4j.conf`` (see :meth:`LocalServer.write_config`)."""
    return _default(server).write_config(port, http_port, heap=heap, pagecache=pagecache)


def start(
    port: int = DEFAULT_BOLT_PORT,
    http_port: int | None = DEFAULT_HTTP_PORT,
    *,
    password: str | None = None,
    heap: str = DEFAULT_HEAP,
    pagecache: str = DEFAULT_PAGECACHE,
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
