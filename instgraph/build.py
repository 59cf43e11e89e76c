"""The main job: curated datasets → one InstitutionalGraph → ``out/graph.json`` and a summary.

``instgraph build`` calls :func:`build` and prints :func:`summary`. The graph file is networkx
node-link JSON (``InstitutionalGraph.write_json``): ``networkx.node_link_graph`` reads it back into
an equal graph, so notebooks and other tools can start from it without this package::

    report = build([KOREA_DATASET], out_dir=Path("out"))
    print(summary(report))    # instgraph.summary
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import InstgraphError, UsageError
from graph.model import InstitutionalGraph, ModelError, merge_extracted
from instgraph.graph_source import build_graph, default_datasets, record_build
from loaders.dataset import KOREA_DATASET, locate_documents, open_dataset

if TYPE_CHECKING:
    from graph.store.settings import Neo4jSettings

GRAPH_FILE = "graph.json"

__all__ = [
    "GRAPH_FILE",
    "KOREA_DATASET",
    "BuildReport",
    "build",
    "build_graph",
    "default_datasets",
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


def cited_documents(datasets: Sequence[Path], seeds_dir: Path | None = None) -> list[Path]:
    """The document files the datasets cite that are at hand (looked up as the datasets' loader does)."""
    found: dict[Path, None] = {}
    for path in datasets:
        dataset, _ = open_dataset(path, seeds_dir)
        for doc in locate_documents(dataset, Path(path).parent, seeds_dir).values():
            found[doc.resolve()] = None
    return list(found)


def extracted_graph(
    documents: Sequence[Path], curated: InstitutionalGraph, jobs: int = 1, country: str | None = None
) -> tuple[InstitutionalGraph, list[str]]:
    """Facts extracted from ``documents`` (in ``jobs`` worker processes), their mentions linked to the
    curated entities' ids, each entity with the country its document is about (or ``country``).

    Returns the graph of extracted facts and one line per document that could not be read.
    """
    from loaders.batch import extract_many, extraction_to_graph
    from loaders.extract import gazetteer_from_graph

    extractions, problems = extract_many(documents, curated.schema, gazetteer_from_graph(curated), jobs)
    return extraction_to_graph(extractions, curated.schema, country=country), problems


def refuse_unread(problems: Sequence[str], keep_going: bool) -> list[str]:
    """Stop the build at a document that could not be read (one line naming it), unless ``keep_going``:
    then each is a warning on stderr. Returns the other problems (warnings about documents read)."""
    unread = [p.removeprefix("error: ") for p in problems if p.startswith("error: ")]
    if unread and not keep_going:
        more = f" (and {len(unread) - 1} more)" if len(unread) > 1 else ""
        raise InstgraphError(f"{unread[0]}{more}; fix or drop it, or pass --keep-going to skip it")
    for line in unread:
        _stderr(f"warning: skipped {line}")
    return [p for p in problems if not p.startswith("error: ")]


def stored_nodes(settings: Neo4jSettings) -> int:
    """How many instgraph nodes (those with an id) the server holds now."""
    driver = settings.connect()
    try:
        records, _, _ = driver.execute_query(
            "MATCH (n) WHERE n.id IS NOT NULL RETURN count(n) AS n", database_=settings.database
        )
        return int(records[0]["n"])
    finally:
        driver.close()


def announce_replacement(graph: InstitutionalGraph, settings: Neo4jSettings, *, asked: bool) -> None:
    """Before a wipe: say that the load replaces what the server holds, loudly when that is larger."""
    held = stored_nodes(settings)
    if asked:
        _stderr(f"emptying Neo4j at {settings.uri} ({held} nodes) as --wipe asks, then loading {len(graph)} nodes")
    elif held > len(graph):
        _stderr(
            f"warning: Neo4j at {settings.uri} holds a larger graph ({held} nodes) than this build's "
            f"({len(graph)}); replacing it (--wipe says you mean it, --no-wipe merges instead)"
        )


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


def load_neo4j(
    graph: InstitutionalGraph, env: Mapping[str, str], *, wipe: bool | None = None, bulk: bool = False
) -> LoadSummary:
    """Load ``graph`` into the server ``NEO4J_URI`` names or, without it, the local server (started if needed).

    ``wipe`` defaults to True for the project's own local server (so Neo4j ends equal to the model) and to
    False for a server named by ``NEO4J_URI`` (never empty someone else's database unasked). ``bulk``
    replaces the local server's database with neo4j-admin instead (:mod:`graph.store.bulk`).
    """
    from graph.store.settings import choose_server
    from graph.store.write import load_into_neo4j

    if bulk:
        from graph.store.bulk import bulk_into_local_server
        from graph.store.local_server import LocalServer

        done = bulk_into_local_server(graph, env, log=_stderr).summary()
        local = LocalServer.from_env(env)
        return LoadSummary(uri=local.bolt_uri() or "", browser=local.http_url(), report=done, started_here=False)

    server = choose_server(env, start=True, log=_stderr)
    asked = wipe is not None
    if wipe is None:
        wipe = server.local is not None
    if wipe:
        announce_replacement(graph, server.settings, asked=asked)
    report = load_into_neo4j(graph, server.settings, wipe=wipe)
    return LoadSummary(
        uri=server.settings.uri,
        browser=server.local.http_url() if server.local is not None else None,
        report=report.summary(),
        started_here=server.started_here,
    )


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
    keep_going: bool = False,
    country: str | None = None,
    bulk: bool = False,
) -> BuildReport:
    """The main job. Read ``datasets`` (default: :func:`default_datasets`), merge them, write ``out_dir/graph.json``.

    With ``extract``, facts are also extracted from the documents the datasets cite and from ``documents``,
    linked to the curated entities and merged in (curated values lead; evidence accumulates). With
    ``outputs``, views, exports and the report are written too. With ``neo4j_env`` (the environment), the
    graph is loaded into Neo4j while the outputs are written; if no server can be had, that step is
    skipped with the reason and the fix, and everything else is still done — unless the environment
    names the server (``NEO4J_URI``): then failing to reach it fails the build.

    A document that cannot be read stops the build before anything is written, unless ``keep_going``
    (then it is skipped with a warning on stderr). ``country`` (alpha-3) is the country of every
    extracted entity instead of the one read from its document. The graph written is recorded as the
    last build (:func:`instgraph.graph_source.record_build`), the graph later commands use by default.

    Documents are looked up in ``seeds_dir`` when given (a missing one is an error), else beside each
    dataset and in ``../shared/seeds`` beside the repository.
    """
    clock = _Clock()
    paths = _checked_inputs(datasets, documents, seeds_dir, neo4j_env if bulk else None)
    graph = build_graph(paths, seeds_dir)
    clock.lap("datasets")
    problems: list[str] = []
    conflicts: list[str] = []
    docs: tuple[Path, ...] = ()
    if extract:
        docs = tuple(dict.fromkeys([*cited_documents(paths, seeds_dir), *(Path(d).resolve() for d in documents)]))
        extracted, problems = extracted_graph(docs, graph, jobs, country)
        problems = refuse_unread(problems, keep_going)
        try:
            conflicts = merge_extracted(graph, extracted)
        except ModelError as exc:
            raise InstgraphError(f"extracted facts conflict with the datasets: {exc}") from None
        clock.lap("extraction")
    # Years from what the documents say (graph.model.dating), once, on the whole graph: graph.json, the
    # exports, the views, the report and Neo4j all carry the same stored values the as-of rule reads.
    graph = graph.dated()
    out_file = _write_graph_json(graph, out_dir)
    report = BuildReport(
        graph=graph, out_file=out_file, datasets=paths, documents=docs, problems=problems, conflicts=conflicts
    )
    clock.lap("graph.json")
    _outputs_and_neo4j(report, out_dir, clock, outputs=outputs, neo4j_env=neo4j_env, wipe=wipe, bulk=bulk)
    report.seconds = clock.seconds
    return report


class _Clock:
    """Seconds per step of the build, for its summary."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.seconds[step] = now - self._last
        self._last = now


def _checked_inputs(
    datasets: Sequence[Path] | None,
    documents: Sequence[Path],
    seeds_dir: Path | None,
    bulk_env: Mapping[str, str] | None,
) -> tuple[Path, ...]:
    """The datasets to read, once every input named exists (and a bulk load has a local server to go to)."""
    if bulk_env is not None:
        from graph.store.bulk import check_bulk_target

        check_bulk_target(bulk_env)  # a NEO4J_URI server cannot be bulk-loaded: say so before any work
    if seeds_dir is not None and not Path(seeds_dir).is_dir():
        raise UsageError(f"--seeds {seeds_dir}: not a directory; give the directory holding the documents")
    paths = tuple(Path(p) for p in datasets) if datasets else tuple(default_datasets())
    for p in (*paths, *documents):
        if not Path(p).is_file():
            flag = "--data" if p in paths else "--document"
            raise UsageError(f"{flag} {p}: no such file")
    return paths


def _write_graph_json(graph: InstitutionalGraph, out_dir: Path) -> Path:
    """``out_dir/graph.json``, recorded as the last build."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        out_file = out_dir / GRAPH_FILE
        graph.write_json(out_file)
    except OSError as exc:
        raise UsageError(f"--out {out_dir}: cannot write {GRAPH_FILE} ({exc.strerror})") from None
    record_build(out_file, graph)
    return out_file


def _outputs_and_neo4j(
    report: BuildReport,
    out_dir: Path,
    clock: _Clock,
    *,
    outputs: bool,
    neo4j_env: Mapping[str, str] | None,
    wipe: bool | None,
    bulk: bool,
) -> None:
    """Views, exports and the report, while Neo4j loads in its own thread (it works in its own process)."""
    loader: Future[LoadSummary] | None = None
    pool = ThreadPoolExecutor(max_workers=1) if neo4j_env is not None else None
    if pool is not None and neo4j_env is not None:
        loader = pool.submit(load_neo4j, report.graph, neo4j_env, wipe=wipe, bulk=bulk)
    try:
        if outputs:
            report.files = write_outputs(report.graph, out_dir)
            clock.lap("views, exports, report")
        if loader is not None:
            try:
                report.neo4j = loader.result()
            except InstgraphError as exc:
                from graph.store.settings import uri_given

                if uri_given(neo4j_env or {}):
                    raise  # the user named this server: not reaching it is a failure, not a skip
                report.skipped.append(f"Neo4j: {exc}")
            clock.lap("neo4j")
    finally:
        if pool is not None:
            pool.shutdown()
