"""Where a command's graph comes from: a ``graph.json`` (``--graph``), the curated datasets (``--data``,
default the repository's ``data/*.yaml``) or Neo4j (the networkx mirror of the server ``NEO4J_*`` names)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path

from graph.errors import InputError, UsageError
from graph.model import InstitutionalGraph, ModelError
from loaders.dataset import DATA_DIR, read_dataset


class Source(StrEnum):
    """``--from``: read the datasets, or the graph Neo4j holds."""

    datasets = "datasets"
    neo4j = "neo4j"


def default_datasets(data_dir: Path = DATA_DIR) -> list[Path]:
    """The repository's curated datasets (``data/*.yaml``), in name order."""
    found = sorted(data_dir.glob("*.yaml"))
    if not found:
        raise UsageError(f"no datasets in {data_dir}; pass --data PATH")
    return found


def build_graph(datasets: Sequence[Path], seeds_dir: Path | None = None) -> InstitutionalGraph:
    """One graph from several datasets: an entity or fact stated twice is merged, its evidence kept."""
    graph = InstitutionalGraph()
    for path in datasets:
        try:
            read_dataset(path, seeds_dir, graph)
        except ModelError as exc:
            # Two files disagree (e.g. one id with two types): name the file that brought the conflict.
            raise InputError(str(path), str(exc)) from None
    return graph


def command_graph(
    graph_file: Path | None = None,
    datasets: Sequence[Path] | None = None,
    seeds_dir: Path | None = None,
    *,
    source: Source = Source.datasets,
    env: Mapping[str, str] | None = None,
) -> InstitutionalGraph:
    """A command's graph: ``graph_file`` if given, else Neo4j's (``source=neo4j``, server from ``env``),
    else the curated ``datasets`` (default :func:`default_datasets`)."""
    if graph_file is not None:
        try:
            return InstitutionalGraph.read_json(graph_file)
        except OSError as exc:
            raise InputError(str(graph_file), f"cannot read it ({exc.strerror})") from None
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(str(graph_file), f"not a node-link graph written by instgraph build ({exc})") from None
    if source is Source.neo4j:
        from graph.store.read import read_graph
        from graph.store.settings import open_driver

        with open_driver(env or {}) as (driver, database):
            return read_graph(driver, database=database)
    paths = [Path(p) for p in datasets] if datasets else default_datasets()
    for p in paths:
        if not p.is_file():
            raise UsageError(f"--data {p}: no such file")
    return build_graph(paths, seeds_dir)
