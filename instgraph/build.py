"""The main job: curated datasets → one InstitutionalGraph → ``out/graph.json`` and a summary.

``instgraph build`` calls :func:`build` and prints :func:`summary`. The graph file is networkx
node-link JSON (``InstitutionalGraph.write_json``): ``networkx.node_link_graph`` reads it back into
an equal graph, so notebooks and other tools can start from it without this package::

    report = build([KOREA_DATASET], out_dir=Path("out"))
    print(summary(report))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError, UsageError
from graph.institutional_graph import InstitutionalGraph, ModelError
from loaders.dataset import DATA_DIR, KOREA_DATASET, read_dataset

GRAPH_FILE = "graph.json"

__all__ = [
    "GRAPH_FILE",
    "KOREA_DATASET",
    "BuildReport",
    "build",
    "build_graph",
    "default_datasets",
    "summary",
]


@dataclass(frozen=True)
class BuildReport:
    """What a build made: the graph, the file it was written to and the datasets it came from."""

    graph: InstitutionalGraph
    out_file: Path
    datasets: tuple[Path, ...]


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


def build(
    datasets: Sequence[Path] | None = None, seeds_dir: Path | None = None, out_dir: Path = Path("out")
) -> BuildReport:
    """Read ``datasets`` (default: :func:`default_datasets`), merge them and write ``out_dir/graph.json``.

    Documents are looked up in ``seeds_dir`` when given (a missing one is an error), else beside each
    dataset and in ``../shared/seeds`` beside the repository.
    """
    if seeds_dir is not None and not Path(seeds_dir).is_dir():
        raise UsageError(f"--seeds {seeds_dir}: not a directory; give the directory holding the documents")
    paths = tuple(Path(p) for p in datasets) if datasets else tuple(default_datasets())
    for p in paths:
        if not p.is_file():
            raise UsageError(f"--data {p}: no such file")
    graph = build_graph(paths, seeds_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        out_file = out_dir / GRAPH_FILE
        graph.write_json(out_file)
    except OSError as exc:
        raise UsageError(f"--out {out_dir}: cannot write {GRAPH_FILE} ({exc.strerror})") from None
    return BuildReport(graph=graph, out_file=out_file, datasets=paths)


def summary(report: BuildReport) -> str:
    """A plain-text summary: where the file is, counts by type, years covered, quoted evidence."""
    g = report.graph
    counts = g.counts()
    width = max((len(t) for part in counts.values() for t in part), default=0) + 2
    out = [f"wrote {report.out_file}", f"from {', '.join(str(p) for p in report.datasets)}"]
    for part in ("entities", "relationships"):
        out.append(f"{part}: {sum(counts[part].values())}")
        out += [f"  {t:<{width}}{n:>4}" for t, n in counts[part].items()]
    years = g.years()
    out.append(f"years covered: {years[0]}–{years[1]}" if years else "years covered: none dated")
    evidence = [e for _, _, ev in g.graph.edges(data="evidence") for e in ev or ()]
    quoted = sum(1 for e in evidence if e.get("text") is not None)
    line = f"citations: {len(evidence)}, {quoted} quoting their lines"
    if quoted < len(evidence):
        line += " (documents not at hand: pass --seeds DIR to quote them)"
    out.append(line)
    return "\n".join(out) + "\n"
