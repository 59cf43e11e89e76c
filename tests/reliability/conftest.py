"""Fixtures of the reliability suite: the CLI as a subprocess, offline or aimed at the test server.

The server fixtures (``neo4j_settings``, ``neo4j_driver``, ``clean_db``, ``seed_path``) come from
``tests/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from cli_runs import Ran, base_env, run_cli, server_env


@pytest.fixture
def cli() -> Callable[..., Ran]:
    """``cli(*args, env=None, cwd=None)``: run instgraph without a server configured (offline commands)."""

    def _run(*args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Ran:
        return run_cli(args, env if env is not None else base_env(), cwd)

    return _run


@pytest.fixture
def server_cli(neo4j_settings: Any) -> Callable[..., Ran]:
    """``server_cli(*args)``: run instgraph with NEO4J_* naming the test server."""
    env = server_env(neo4j_settings)

    def _run(*args: str, cwd: Path | None = None) -> Ran:
        return run_cli(args, env, cwd)

    return _run
