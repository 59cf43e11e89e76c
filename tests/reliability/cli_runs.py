"""The command line run as a user runs it (a subprocess), and a fingerprint of what Neo4j holds, to prove
that a refused input wrote nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
INSTGRAPH = Path(sys.executable).with_name("instgraph")
CLI_TIMEOUT = 180


@dataclass(frozen=True)
class Ran:
    """One finished CLI run."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def explain(self) -> str:
        return (
            f"instgraph {' '.join(self.args)} -> exit {self.code}\nstdout: {self.stdout[:600]}\nstderr: {self.stderr}"
        )


def command(*args: str) -> list[str]:
    """The console script beside this interpreter, else ``python -m instgraph.cli``."""
    if INSTGRAPH.exists():
        return [str(INSTGRAPH), *args]
    return [sys.executable, "-m", "instgraph.cli", *args]


def run_cli(
    args: tuple[str, ...], env: Mapping[str, str], cwd: Path | None = None, timeout: float = CLI_TIMEOUT
) -> Ran:
    done = subprocess.run(
        command(*args),
        capture_output=True,
        text=True,
        env=dict(env),
        cwd=cwd,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return Ran(tuple(args), done.returncode, done.stdout, done.stderr)


def base_env() -> dict[str, str]:
    """The caller's environment without any NEO4J_* or INSTGRAPH_SEEDS (tests set what they mean)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_") and k != "INSTGRAPH_SEEDS"}
    env["PYTHONIOENCODING"] = "utf-8"
    env["COLUMNS"] = "200"
    return env


def server_env(settings: Any) -> dict[str, str]:
    """An environment naming the test server to the CLI."""
    env = base_env()
    env.update(
        NEO4J_URI=settings.uri,
        NEO4J_USERNAME=settings.username,
        NEO4J_PASSWORD=settings.password or "",
        NEO4J_DATABASE=settings.database,
    )
    return env


def assert_one_clear_error(ran: Ran, *must_name: str, code: int | None = None) -> str:
    """A refused input: non-zero exit, no traceback, exactly one line on stderr naming what is at fault."""
    assert ran.code != 0, ran.explain()
    if code is not None:
        assert ran.code == code, ran.explain()
    assert "Traceback" not in ran.stderr and "Traceback" not in ran.stdout, ran.explain()
    lines = ran.error_lines
    assert len(lines) == 1, ran.explain()
    line = lines[0]
    assert line.startswith("error: "), ran.explain()
    for name in must_name:
        assert name in line, f"{name!r} not named in: {line}"
    return line


def run_many(jobs: list[tuple[tuple[str, ...], Mapping[str, str]]], workers: int = 4) -> list[Ran]:
    """Run several CLI invocations at once (each start-up mostly waits on imports), in order of ``jobs``."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda job: run_cli(job[0], job[1]), jobs))


def fingerprint(driver: Any, database: str) -> tuple[int, int, str]:
    """Nodes, relationships and a sha256 over every label, type and property they hold."""
    import hashlib
    import json

    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN elementId(n) AS k, labels(n) AS l, properties(n) AS p", database_=database
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN elementId(r) AS k, type(r) AS l, properties(r) AS p, "
        "elementId(a) AS a, elementId(b) AS b",
        database_=database,
    )
    rows = sorted(json.dumps(r.data(), sort_keys=True, default=str) for r in [*nodes, *rels])
    return len(nodes), len(rels), hashlib.sha256("\n".join(rows).encode("utf-8", "surrogatepass")).hexdigest()
