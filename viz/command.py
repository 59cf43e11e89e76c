"""What ``instgraph viz`` does once its options are parsed: read a graph, build one view, write the page.

The graph comes from a ``graph.json`` written by ``instgraph build`` (``--graph``), or from curated
datasets (``--data``, default: the repository's ``data/*.yaml``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from graph.errors import InputError, UsageError
from graph.model.institutional_graph import InstitutionalGraph
from viz.views import VIEW_NAMES, build_view, node_sizes


def read_graph(
    graph_file: Path | None = None, datasets: Sequence[Path] | None = None, seeds_dir: Path | None = None
) -> InstitutionalGraph:
    """The graph to draw: a node-link ``graph.json`` if given, else the curated datasets."""
    if graph_file is not None:
        try:
            return InstitutionalGraph.read_json(graph_file)
        except OSError as exc:
            raise UsageError(f"--graph {graph_file}: cannot read it ({exc.strerror})") from None
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(str(graph_file), f"not a node-link graph written by instgraph build ({exc})") from None
    from instgraph.build import build_graph, default_datasets

    paths = [Path(p) for p in datasets] if datasets else default_datasets()
    for p in paths:
        if not p.is_file():
            raise UsageError(f"--data {p}: no such file")
    return build_graph(paths, seeds_dir)


def write_view(
    graph: InstitutionalGraph,
    view: str,
    output: Path | None = None,
    *,
    as_of: int | None = None,
    focus: str | None = None,
    depth: int = 1,
    types: str | None = None,
    size_by: str = "degree",
) -> Path:
    """Build view ``view`` of ``graph`` and write it to ``output`` (default ``out/<view>.html``).

    ``types`` is a comma-separated list of node types or groups (``Ministry,Agency`` or ``Actor``).
    """
    if view not in VIEW_NAMES:
        raise UsageError(f"unknown view {view!r}; choose one of {', '.join(VIEW_NAMES)}")
    type_list = [t.strip() for t in types.split(",") if t.strip()] if types else None
    sizes = None  # degree: each view counts it in what it draws (pairs, for the collaboration view)
    if size_by != "degree":
        sizes = node_sizes(graph.as_of(as_of) if as_of is not None and view != "timeline" else graph, size_by)
    built = build_view(graph, view, as_of=as_of, focus=focus, depth=depth, types=type_list, sizes=sizes)
    path = output if output is not None else Path("out") / f"{view}.html"
    try:
        return built.write(path)
    except OSError as exc:
        raise UsageError(f"-o {path}: cannot write the page ({exc.strerror})") from None
