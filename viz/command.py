"""What ``instgraph viz`` does once its options are parsed and its graph read: build one view, write the page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import UsageError
from graph.model.institutional_graph import InstitutionalGraph
from viz.views import VIEW_NAMES, build_view, node_sizes

if TYPE_CHECKING:
    from graph.model.diff import GraphDiff


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
        sliding = view in ("timeline", "collaboration")  # the page holds every year: size on all of it
        sizes = node_sizes(graph.as_of(as_of) if as_of is not None and not sliding else graph, size_by)
    built = build_view(graph, view, as_of=as_of, focus=focus, depth=depth, types=type_list, sizes=sizes)
    path = output if output is not None else Path("out") / f"{view}.html"
    try:
        return built.write(path)
    except OSError as exc:
        raise UsageError(f"-o {path}: cannot write the page ({exc.strerror})") from None


def write_diff(diff: GraphDiff, output: Path | None = None) -> Path:
    """``viz diff``: the view of a diff (:mod:`viz.diff_view`) written to ``output`` (default ``out/diff.html``)."""
    from viz.diff_view import write_diff_view

    path = output if output is not None else Path("out") / "diff.html"
    try:
        return write_diff_view(diff, path)
    except OSError as exc:
        raise UsageError(f"-o {path}: cannot write the page ({exc.strerror})") from None
