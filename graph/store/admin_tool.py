"""``neo4j-admin`` from the local server's jars: the memory it recommends for a machine, and bulk imports.

Neo4j's admin tool (``org.neo4j.cli.AdminTool``) ships in the same jars the server runs from, so it needs
nothing more than the server does: Java and the jars :class:`~graph.store.local_server.LocalServer`
fetched. Each call is one short-lived JVM (two to five seconds).
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import InstgraphError

if TYPE_CHECKING:
    from graph.store.local_server import LocalServer

ADMIN_CLASS = "org.neo4j.cli.AdminTool"


class AdminToolError(InstgraphError):
    """``neo4j-admin`` failed; the message carries its telling line."""


def run_admin(server: LocalServer, args: Sequence[str], *, cwd: Path, java: str = "java",
              home: Path | None = None) -> str:  # fmt: skip
    """Run ``neo4j-admin <args>`` with the server's home and configuration (or ``home`` holding a
    ``neo4j.conf``); its output, or :class:`AdminToolError` naming the command and the line that says
    why it failed."""
    from graph.store.local_server import find_java

    conf = home or server.conf_dir
    env = {**os.environ, "NEO4J_HOME": str(home or server.server_dir), "NEO4J_CONF": str(conf)}
    command = [find_java(java), "-cp", f"{server.ensure_jars()}/*", ADMIN_CLASS, *args]
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False,
                          stdin=subprocess.DEVNULL)  # fmt: skip
    output = done.stdout + done.stderr
    if done.returncode != 0:
        lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
        telling = [ln for ln in lines if "rror" in ln or "xception" in ln] or lines or ["no output"]
        raise AdminToolError(
            f"neo4j-admin {' '.join(args[:3])} failed (exit {done.returncode}): {telling[-1][:300]}"
        )
    return output


# --- memory ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MemorySizing:
    """Heap and page cache for the server, and where they came from (for ``neo4j status``)."""

    heap: str
    pagecache: str
    basis: str  # e.g. "neo4j-admin's recommendation for 23.4 GiB", "given"


def machine_memory(meminfo: Path = Path("/proc/meminfo"), cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """Bytes of memory this process can use: the machine's total, or its control group's limit if lower."""
    match = re.search(r"^MemTotal:\s+(\d+) kB", meminfo.read_text("ascii"), re.M)
    if not match:
        raise InstgraphError(f"{meminfo} has no MemTotal line: pass --heap and --pagecache")
    total = int(match.group(1)) * 1024
    for limit_file in (cgroup / "memory.max", cgroup / "memory" / "memory.limit_in_bytes"):
        try:
            limit = limit_file.read_text("ascii").strip()
        except OSError:
            continue
        if limit.isdigit():
            total = min(total, int(limit))
    return total


def _setting(output: str, name: str) -> str:
    match = re.search(rf"^{re.escape(name)}=(\S+)$", output, re.M)
    if not match:
        raise AdminToolError(f"neo4j-admin server memory-recommendation printed no {name}: see its output")
    return match.group(1)


def recommended_memory(server: LocalServer, memory: int | None = None, *, java: str = "java") -> MemorySizing:
    """What ``neo4j-admin server memory-recommendation`` advises for ``memory`` bytes (default: this
    machine's, :func:`machine_memory`): heap and page cache as ``7800m``-style sizes."""
    memory = machine_memory() if memory is None else memory
    mib = max(1, memory // 2**20)
    with tempfile.TemporaryDirectory(prefix="instgraph-memory-") as tmp:
        conf = Path(tmp)
        (conf / "neo4j.conf").write_text(f"server.directories.data={conf / 'data'}\n", "utf-8")
        # its own home: the server's directory may not exist yet (the first start asks before writing it)
        output = run_admin(server, ["server", "memory-recommendation", f"--memory={mib}m"], cwd=conf,
                           home=conf, java=java)  # fmt: skip
    return MemorySizing(
        heap=_setting(output, "server.memory.heap.max_size"),
        pagecache=_setting(output, "server.memory.pagecache.size"),
        basis=f"neo4j-admin's recommendation for {memory / 2**30:.1f} GiB",
    )
