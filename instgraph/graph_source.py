"""Where a command's graph comes from — the one place that picks it: a ``graph.json`` (``--graph``), the
curated datasets (``--data``), Neo4j (``--from neo4j``: the networkx mirror of the server ``NEO4J_*``
names) or, by default, the graph the last ``instgraph build`` wrote (the record :data:`LAST_BUILD`;
without one, the repository's ``data/*.yaml``). The command says on stderr which graph it used, and
``--country`` restricts it to one country (:func:`graph.model.country.restrict_to_country`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from graph.errors import InputError, UsageError
from graph.model import InstitutionalGraph, ModelError
from loaders.dataset import DATA_DIR, read_dataset


class Source(StrEnum):
    """``--from``: the last build's graph (the default), the curated datasets, or the graph Neo4j holds."""

    last_build = "last-build"
    datasets = "datasets"
    neo4j = "neo4j"


# Where a build records the graph it wrote: beside the default output, relative to where commands run
# (so a project directory has one "last build"); INSTGRAPH_LAST_BUILD names another record file.
LAST_BUILD = Path("out") / "last-build.json"
LAST_BUILD_ENV = "INSTGRAPH_LAST_BUILD"


def last_build_record(env: Mapping[str, str] | None = None) -> Path:
    """The file that records the last build (``out/last-build.json`` unless ``INSTGRAPH_LAST_BUILD``)."""
    env = os.environ if env is None else env
    return Path(env.get(LAST_BUILD_ENV) or LAST_BUILD)


def record_build(graph_file: Path, graph: InstitutionalGraph, env: Mapping[str, str] | None = None) -> Path:
    """Remember ``graph_file`` as the last build's graph, with its size and countries; returns the record."""
    from graph.model.country import graph_countries

    record = last_build_record(env)
    entry = {
        "graph": str(graph_file.resolve()),
        "built": datetime.now(UTC).isoformat(timespec="seconds"),
        "entities": len(graph),
        "relationships": graph.graph.number_of_edges(),
        "countries": graph_countries(graph),
    }
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(entry, indent=1) + "\n", "utf-8")
    except OSError as exc:
        raise UsageError(f"{LAST_BUILD_ENV} {record}: cannot record the build there ({exc.strerror})") from None
    return record


def last_build(env: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """What the last build recorded (``graph``: its graph.json), or None when nothing was built here."""
    record = last_build_record(env)
    try:
        entry = json.loads(record.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InputError(str(record), f"not a build record ({exc}); delete it or build again") from None
    if not isinstance(entry, dict) or not isinstance(entry.get("graph"), str):
        raise InputError(str(record), "not a build record (no graph); delete it or build again")
    return entry


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


# Which graph each command_graph call in this process used: the CLI says it once the command ends
# (on stderr, or at the end of its one error line), so a refused input still gives one line.
_USED: list[str] = []


def graphs_used() -> list[str]:
    """What the commands of this process read since the last call, one phrase per graph (then forgotten)."""
    used = list(_USED)
    _USED.clear()
    return used


def read_graph_file(graph_file: Path) -> InstitutionalGraph:
    """A ``graph.json`` written by ``instgraph build``; errors name the file."""
    try:
        return InstitutionalGraph.read_json(graph_file)
    except OSError as exc:
        raise InputError(str(graph_file), f"cannot read it ({exc.strerror})") from None
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(str(graph_file), f"not a node-link graph written by instgraph build ({exc})") from None


def _picked(
    graph_file: Path | None,
    datasets: Sequence[Path] | None,
    seeds_dir: Path | None,
    source: Source | None,
    env: Mapping[str, str],
) -> tuple[InstitutionalGraph, str]:
    """The graph the options choose, and one phrase saying which it is."""
    if graph_file is not None:
        return read_graph_file(graph_file), f"{graph_file} (--graph)"
    if source is Source.neo4j:
        from graph.store.read import read_graph
        from graph.store.settings import open_driver

        with open_driver(env) as (driver, database):
            graph = read_graph(driver, database=database)
        return graph, f"Neo4j at {env.get('NEO4J_URI') or 'the local server'} (--from neo4j)"
    if not datasets and source in (None, Source.last_build):
        entry = last_build(env)
        if entry is not None and Path(entry["graph"]).is_file():
            return read_graph_file(Path(entry["graph"])), f"{entry['graph']} (the last build, {entry.get('built')})"
        if source is Source.last_build:
            raise UsageError(f"--from last-build: no build recorded in {last_build_record(env)}; run instgraph build")
        why = "no build yet" if entry is None else f"the last build's {entry['graph']} is gone"
    else:
        why = "--data" if datasets else "--from datasets"
    paths = [Path(p) for p in datasets] if datasets else default_datasets()
    for p in paths:
        if not p.is_file():
            raise UsageError(f"--data {p}: no such file")
    return build_graph(paths, seeds_dir), f"{', '.join(map(str, paths))} ({why})"


def command_graph(
    graph_file: Path | None = None,
    datasets: Sequence[Path] | None = None,
    seeds_dir: Path | None = None,
    *,
    source: Source | None = None,
    env: Mapping[str, str] | None = None,
    country: str | None = None,
) -> InstitutionalGraph:
    """A command's graph: ``graph_file`` if given, else the curated ``datasets`` if given, else Neo4j's
    (``source=neo4j``, server from ``env``), else the last build's graph, else the repository's datasets;
    restricted to ``country`` when given. Notes which graph it is (:func:`graphs_used`)."""
    env = os.environ if env is None else env
    graph, which = _picked(graph_file, datasets, seeds_dir, source, env)
    _USED.append(which)
    if country is not None:
        from graph.model.country import restrict_to_country

        graph = restrict_to_country(graph, country)
        _USED[-1] = f"{which}, restricted to --country {country} ({len(graph)} entities)"
    return graph
