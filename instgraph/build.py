"""The main job: curated datasets → one InstitutionalGraph → ``out/graph.json`` and a summary.

``instgraph build`` calls :func:`build` and prints :func:`summary`. The graph file is networkx
node-link JSON (``InstitutionalGraph.write_json``): ``networkx.node_link_graph`` reads it back into
an equal graph, so notebooks and other tools can start from it without this package::

    report = build([KOREA_DATASET], out_dir=Path("out"))
    print(summary(report))
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import InputError, InstgraphError, UsageError
from graph.model import InstitutionalGraph, ModelError, merge_extracted
from loaders.dataset import DATA_DIR, KOREA_DATASET, locate_documents, open_dataset, read_dataset

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


@dataclass
class BuildReport:
    """What a build made: the graph, the files written, what went into Neo4j and what was skipped."""

    graph: InstitutionalGraph
    out_file: Path
    datasets: tuple[Path, ...]
    documents: tuple[Path, ...] = ()
    files: dict[str, Path] = field(default_factory=dict)
    neo4j: LoadSummary | None = None
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class LoadSummary:
    """Where the graph was loaded and what Neo4j holds afterwards."""

    uri: str
    browser: str | None
    report: str
    started_here: bool


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


def cited_documents(datasets: Sequence[Path], seeds_dir: Path | None = None) -> list[Path]:
    """The document files the datasets cite that are at hand (looked up as the datasets' loader does)."""
    found: dict[Path, None] = {}
    for path in datasets:
        dataset, _ = open_dataset(path, seeds_dir)
        for doc in locate_documents(dataset, Path(path).parent, seeds_dir).values():
            found[doc.resolve()] = None
    return list(found)


def extracted_graph(
    documents: Sequence[Path], curated: InstitutionalGraph, jobs: int = 1
) -> tuple[InstitutionalGraph, list[str]]:
    """Facts extracted from ``documents`` (in ``jobs`` worker processes), their mentions linked to the
    curated entities' ids.

    Returns the graph of extracted facts and one line per document that could not be read.
    """
    from loaders.extract import extract_many, extraction_to_graph, gazetteer_from_graph

    extractions, problems = extract_many(documents, curated.schema, gazetteer_from_graph(curated), jobs)
    return extraction_to_graph(extractions), problems


def write_outputs(graph: InstitutionalGraph, out_dir: Path) -> dict[str, Path]:
    """Everything a person opens or imports: views, exports, centrality and coordination tables, report."""
    from graph.exports import export_graph
    from viz.report import write_report
    from viz.views import build_all_views

    files: dict[str, Path] = {}
    for name, path in build_all_views(graph, out_dir).items():
        files[f"view: {name}"] = path
    files["export: gexf"] = export_graph(graph, "gexf", out_dir / "graph.gexf")
    files["export: graphml"] = export_graph(graph, "graphml", out_dir / "graph.graphml")
    files["export: neo4j-admin csv"] = export_graph(graph, "csv", out_dir / "neo4j-import")
    files["report"] = write_report(graph, out_dir)
    return files


def load_neo4j(graph: InstitutionalGraph, env: Mapping[str, str], *, wipe: bool | None = None) -> LoadSummary:
    """Load ``graph`` into the server ``NEO4J_URI`` names or, without it, the local server (started if needed).

    ``wipe`` defaults to True for the project's own local server (so Neo4j ends equal to the model) and to
    False for a server named by ``NEO4J_URI`` (never empty someone else's database unasked).
    """
    from graph.store.local_server import LocalServer
    from graph.store.settings import Neo4jSettings
    from graph.store.write import load_into_neo4j

    started = False
    browser: str | None = None
    if (env.get("NEO4J_URI") or "").strip():
        settings = Neo4jSettings.from_mapping(env)
    else:
        server = LocalServer.from_env(env)
        if server.pid() is None:
            server.start(password=env.get("NEO4J_PASSWORD") or None, log=_stderr)
            started = True
        browser = server.http_url()
        settings = Neo4jSettings.from_env(env, local=server)
        if wipe is None:
            wipe = True
    report = load_into_neo4j(graph, settings, wipe=bool(wipe))
    return LoadSummary(uri=settings.uri, browser=browser, report=report.summary(), started_here=started)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(
    datasets: Sequence[Path] | None = None,
    seeds_dir: Path | None = None,
    out_dir: Path = Path("out"),
    *,
    extract: bool = False,
    documents: Sequence[Path] = (),
    outputs: bool = False,
    neo4j_env: Mapping[str, str] | None = None,
    wipe: bool | None = None,
    jobs: int = 1,
) -> BuildReport:
    """The main job. Read ``datasets`` (default: :func:`default_datasets`), merge them, write ``out_dir/graph.json``.

    With ``extract``, facts are also extracted from the documents the datasets cite and from ``documents``,
    linked to the curated entities and merged in (curated values lead; evidence accumulates). With
    ``outputs``, views, exports and the report are written too. With ``neo4j_env`` (the environment), the
    graph is loaded into Neo4j while the outputs are written; if no server can be had, that step is
    skipped with the reason and the fix, and everything else is still done.

    Documents are looked up in ``seeds_dir`` when given (a missing one is an error), else beside each
    dataset and in ``../shared/seeds`` beside the repository.
    """
    clock = time.perf_counter()
    seconds: dict[str, float] = {}

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[step] = now - clock
        clock = now

    if seeds_dir is not None and not Path(seeds_dir).is_dir():
        raise UsageError(f"--seeds {seeds_dir}: not a directory; give the directory holding the documents")
    paths = tuple(Path(p) for p in datasets) if datasets else tuple(default_datasets())
    for p in (*paths, *documents):
        if not Path(p).is_file():
            flag = "--data" if p in paths else "--document"
            raise UsageError(f"{flag} {p}: no such file")
    graph = build_graph(paths, seeds_dir)
    lap("datasets")
    problems: list[str] = []
    conflicts: list[str] = []
    docs: tuple[Path, ...] = ()
    if extract:
        docs = tuple(dict.fromkeys([*cited_documents(paths, seeds_dir), *(Path(d).resolve() for d in documents)]))
        extracted, problems = extracted_graph(docs, graph, jobs)
        try:
            conflicts = merge_extracted(graph, extracted)
        except ModelError as exc:
            raise InstgraphError(f"extracted facts conflict with the datasets: {exc}") from None
        lap("extraction")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        out_file = out_dir / GRAPH_FILE
        graph.write_json(out_file)
    except OSError as exc:
        raise UsageError(f"--out {out_dir}: cannot write {GRAPH_FILE} ({exc.strerror})") from None
    report = BuildReport(
        graph=graph, out_file=out_file, datasets=paths, documents=docs, problems=problems, conflicts=conflicts
    )
    lap("graph.json")

    # Neo4j works in its own process: load it in a thread while this one draws views and writes files.
    loader: Future[LoadSummary] | None = None
    pool = ThreadPoolExecutor(max_workers=1) if neo4j_env is not None else None
    if pool is not None and neo4j_env is not None:
        loader = pool.submit(load_neo4j, graph, neo4j_env, wipe=wipe)
    try:
        if outputs:
            report.files = write_outputs(graph, out_dir)
            lap("views, exports, report")
        if loader is not None:
            try:
                report.neo4j = loader.result()
            except InstgraphError as exc:
                report.skipped.append(f"Neo4j: {exc}")
            lap("neo4j")
    finally:
        if pool is not None:
            pool.shutdown()
    report.seconds = seconds
    return report


def command_name() -> str:
    """How the user can call this tool again: ``instgraph`` when it is on PATH, else the path it ran from."""
    ran = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if ran is None or ran.name != "instgraph" or shutil.which("instgraph") == str(ran.resolve()):
        return "instgraph"
    try:
        return str(ran.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(ran)


def summary(report: BuildReport) -> str:
    """A plain-text summary: what was made, where to look, what was skipped and what to do next."""
    g = report.graph
    counts = g.counts()
    width = max((len(t) for part in counts.values() for t in part), default=0) + 2
    out = [f"wrote {report.out_file}", f"from {', '.join(str(p) for p in report.datasets)}"]
    if report.documents:
        out.append(f"and facts extracted from {', '.join(str(p) for p in report.documents)}")
    out += [f"problem: {p}" for p in report.problems]
    out += [f"conflict: {c}" for c in report.conflicts]
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
    if report.files:
        out.append("files:")
        out += [f"  {name:<26}{path}" for name, path in report.files.items()]
    if report.neo4j is not None:
        out.append(f"Neo4j: {report.neo4j.report} at {report.neo4j.uri}")
        if report.neo4j.browser:
            out.append(f"  Neo4j Browser: {report.neo4j.browser}browser/ (user neo4j; `instgraph neo4j status`)")
    for skipped in report.skipped:
        out.append(f"skipped {skipped}")
    if report.files or report.neo4j is not None:
        out.append("next:")
        if report.files:
            views = [p for name, p in report.files.items() if name.startswith("view:")]
            out.append(f"  open {' or '.join(str(p) for p in views[:2])} in a browser")
        if report.neo4j is not None:
            tool = command_name()
            out += [
                f"  {tool} query as_of_map --param year=2007",
                f"  {tool} query lineage --param body=MSS",
                f"  {tool} query collaboration_pairs --format json",
            ]
        else:
            out.append(f"  {command_name()} query as_of_map --param year=2007 --graph {report.out_file}")
    timing = ", ".join(f"{step} {sec:.2f} s" for step, sec in report.seconds.items())
    if timing:
        out.append(f"took {sum(report.seconds.values()):.1f} s ({timing})")
    return "\n".join(out) + "\n"
