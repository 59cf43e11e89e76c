"""The local server sized to its machine: neo4j-admin's memory advice, the memory found, and what
`instgraph neo4j status` prints. No server is started here (the suite's own stay small)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph.store.admin_tool import machine_memory, recommended_memory
from graph.store.local_server import LocalServer, default_home
from graph.store.server_conf import MEMORY_SIZE

REPO = Path(__file__).resolve().parents[1]
GIB = 2**30


def _mib(size: str) -> float:
    value, unit = int(size[:-1]), size[-1]
    return value * {"k": 1 / 1024, "m": 1, "g": 1024}[unit]


def test_memory_found_is_the_machines_or_its_control_groups_limit(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       16384000 kB\nMemFree:         1000 kB\n", "ascii")
    cgroup = tmp_path / "cgroup"
    cgroup.mkdir()
    assert machine_memory(meminfo, cgroup) == 16384000 * 1024  # no limit file
    (cgroup / "memory.max").write_text("max\n", "ascii")
    assert machine_memory(meminfo, cgroup) == 16384000 * 1024  # unlimited
    (cgroup / "memory.max").write_text(f"{4 * GIB}\n", "ascii")
    assert machine_memory(meminfo, cgroup) == 4 * GIB


@pytest.mark.neo4j
def test_advice_comes_from_neo4j_admin_and_grows_with_the_machine(tmp_path: Path) -> None:
    server = LocalServer.at(default_home(os.environ), tmp_path / "never-started")  # as on a first start
    server.ensure_jars()  # as the test servers do: fetched once, from the shared cache after
    small, large = recommended_memory(server, 2 * GIB), recommended_memory(server, 32 * GIB)
    for advice, memory in ((small, 2 * GIB), (large, 32 * GIB)):
        assert MEMORY_SIZE.match(advice.heap) and MEMORY_SIZE.match(advice.pagecache)
        assert _mib(advice.heap) + _mib(advice.pagecache) < memory / 2**20  # room left for the OS
        assert advice.basis == f"neo4j-admin's recommendation for {memory / GIB:.1f} GiB"
    assert _mib(large.heap) > _mib(small.heap) and _mib(large.pagecache) > _mib(small.pagecache)


def test_status_prints_heap_page_cache_and_where_they_came_from(tmp_path: Path) -> None:
    env = {**os.environ, "INSTGRAPH_HOME": str(tmp_path)}
    env.pop("NEO4J_URI", None)
    server = LocalServer.from_env(env)
    server.write_config(7711, None, heap="1g", pagecache="128m", memory_basis="neo4j-admin's advice, for a test")
    done = subprocess.run([sys.executable, "-m", "instgraph.cli", "neo4j", "status"], env=env, cwd=REPO,
                          capture_output=True, text=True, check=False, timeout=120)  # fmt: skip
    assert done.returncode == 3  # not running
    lines = done.stdout.splitlines()
    assert "heap: 1g" in lines and "page cache: 128m" in lines
    assert "memory sized by: neo4j-admin's advice, for a test" in lines
    assert server.memory() is not None and server.memory().heap == "1g"  # type: ignore[union-attr]


def test_start_help_says_the_default_is_sized_to_the_machine() -> None:
    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "instgraph.cli", "neo4j", "start", "--help"], cwd=REPO, env=env,
                          capture_output=True, text=True, check=False, timeout=120)  # fmt: skip
    text = re.sub(r"\s+", " ", done.stdout)
    assert "memory-recommendation" in text and "--heap" in text and "--pagecache" in text

