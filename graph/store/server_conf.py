"""The local server's fixed parts: the Neo4j version the pom pins, where the jars come from (Maven), the
JVM flags, the ``neo4j.conf`` it writes, and the sizes it starts with. Split from
:mod:`graph.store.local_server`, which re-exports the public names."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

from graph.store.server_os import LocalServerError, _last_line, _locked

POM_PATH = Path(__file__).with_name("neo4j_runtime") / "pom.xml"
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
# The small sizing of test servers and of write_config's defaults; `instgraph neo4j start` sizes the server
# to the machine instead (graph.store.admin_tool.recommended_memory) unless --heap/--pagecache are given.
SMALL_HEAP = "512m"
SMALL_PAGECACHE = "256m"
SMALL_SERVER = {"heap": SMALL_HEAP, "pagecache": SMALL_PAGECACHE}  # start(..., **SMALL_SERVER): a test server
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

MEMORY_SIZE = re.compile(r"^[1-9][0-9]*[kmg]$")

BASIS_MARK = "# memory: "  # the conf's comment line saying where heap and page cache came from


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


def fetch_jars(runtime_dir: Path, jars_dir: Path, *, mvn: str = "mvn", log: Callable[[str], None]) -> None:
    """Fetch the jars of :data:`POM_PATH` into ``jars_dir`` with Maven (under a lock: one process fetches)."""
    if (jars_dir / ".complete").is_file():
        return
    exe = shutil.which(mvn)
    if exe is None:
        raise LocalServerError(
            f"Maven ({mvn}) is not installed, and the Neo4j {NEO4J_VERSION} jars are not in "
            f"{jars_dir}: install Maven (Debian: apt-get install maven), or set NEO4J_URI to "
            "a running Neo4j server"
        )
    runtime_dir.mkdir(parents=True, exist_ok=True)
    with _locked(runtime_dir / ".lock"):
        if (jars_dir / ".complete").is_file():  # another process fetched them while we waited
            return
        pom = runtime_dir / "pom.xml"
        shutil.copyfile(POM_PATH, pom)
        partial = runtime_dir / f"lib.partial-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        mvn_log = runtime_dir / "mvn.log"
        log(f"fetching the Neo4j {NEO4J_VERSION} jars with Maven into {jars_dir} (once; about a minute)")
        cmd = [exe, "-B", "-q", "-f", str(pom), "dependency:copy-dependencies",
               f"-DoutputDirectory={partial}", "-DincludeScope=runtime"]
        with mvn_log.open("w", encoding="utf-8") as out:
            rc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=runtime_dir, check=False).returncode
        jars = list(partial.glob("*.jar")) if partial.is_dir() else []
        if rc != 0 or not any(j.name.startswith("neo4j-server-") for j in jars):
            shutil.rmtree(partial, ignore_errors=True)
            raise LocalServerError(
                f"Maven could not fetch the Neo4j {NEO4J_VERSION} jars (exit {rc}): "
                f"{_last_line(mvn_log) or 'no output'}; see {mvn_log}, check the network and retry"
            )
        shutil.rmtree(jars_dir, ignore_errors=True)
        partial.rename(jars_dir)
        (jars_dir / ".complete").write_text(f"{len(jars)} jars\n", "utf-8")
        log(f"fetched {len(jars)} jars")
    return


def conf_text(server_dir: Path, data_dir: Path, logs_dir: Path, run_dir: Path, port: int, http_port: int | None,
              *, heap: str, pagecache: str, memory_basis: str) -> str:  # fmt: skip
    """The ``neo4j.conf`` of a local server (see :meth:`graph.store.local_server.LocalServer.write_config`)."""
    lines = [
        "# Written by instgraph (graph/store/server_conf.py) on every start: edits here are lost.",
        f"{BASIS_MARK}{memory_basis}",
        f"server.directories.data={data_dir}",
        f"server.directories.logs={logs_dir}",
        f"server.directories.run={run_dir}",
        f"server.directories.import={server_dir / 'import'}",
        f"server.directories.plugins={server_dir / 'plugins'}",
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
        # A million-relationship load writes gigabytes of transaction log; a local analysis store keeps 1 GB
        # of it (enough to recover), not a day's worth.
        "db.tx_log.rotation.retention_policy=1G size",
        # Netty waits a 5 s quiet period per event loop group on shutdown; a local server needs none.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
    ]
    return "\n".join(lines) + "\n"
