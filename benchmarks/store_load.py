"""Load and mirror-read figures for the Neo4j store, beside their baselines in the same run.

For each size (``--edges``, default 10 000 and 100 000 relationships; entities = edges / 10) a seeded
synthetic graph (``graph/synthetic.py``) is

(a) loaded one query per row (the baseline): the batched load's own statements, one auto-committed
    query per row, timed on a sample (``--baseline-rows``) of each kind of row a load writes — entities,
    relationships and the derived ``MENTIONED_IN`` links — and scaled to each size's rows, so the
    ratio compares the same work (the ratio to relationship rows alone is printed beside it),
(b) loaded with :func:`graph.store.write.write_graph` with ``wipe=True`` (batched ``UNWIND`` CREATE, what
    ``instgraph load --wipe`` does), then again without it (MERGE: the reload changes nothing), and below
    ``--merge-below`` also without ``wipe`` into the empty database (every row MERGEd),
(c) exported as CSV (:mod:`graph.exports`) and imported with ``neo4j-admin database import full`` into
    a separate, offline database directory — timed end to end (JVM start included, what a user waits)
    and by the tool's own clock,

(d) bulk-loaded (:func:`graph.store.bulk.bulk_load`, what ``instgraph load --bulk`` runs: CSV export,
    server stop, ``neo4j-admin database import full``, start, constraints) — only on a server this run
    started itself (see below),

and at the largest size the networkx mirror is read back (:func:`graph.store.read.read_graph`) in a
fresh process, timing it (wall and the process's CPU) and taking its peak RSS, twice: first as the
server's first work after it started (after the bulk load: its JVM still compiling its code and planning
the query, several seconds of CPU on its own), then again in another fresh process on the now warm
server, as a notebook reading a running server meets it. Beside them, the baseline: networkx building
the same graph itself. Below ``--check-below`` relationships the read-back graph is also compared with
the model.

The graph is dated once before the timed loads (a load dates an undated graph itself; the dating is
timed and printed on its own), so every path is timed on the same, dated graph.

Without ``--uri`` (and ``NEO4J_URI``) the run starts its own throwaway local server in a temporary
directory, sized as ``instgraph neo4j start`` sizes one (``neo4j-admin server memory-recommendation``
for this machine) unless ``--heap``/``--pagecache`` are given, and stops it at the end.

The load average (1 minute) is printed beside each figure: the machine may be shared. Human-readable
lines go to stderr; the last line on stdout is one JSON object with every figure.

Usage::

    python benchmarks/store_load.py --edges 1000000
    python benchmarks/store_load.py --edges 200000 --heap 512m --pagecache 256m
    NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... python benchmarks/store_load.py --edges 10000,100000
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from neo4j import Driver, GraphDatabase  # noqa: E402

from graph.exports import write_admin_import_csv  # noqa: E402
from graph.model.institutional_graph import InstitutionalGraph  # noqa: E402
from graph.model.schema import load_schema  # noqa: E402
from graph.store.constraints import ensure_constraints  # noqa: E402
from graph.store.read import read_graph  # noqa: E402
from graph.store.write import load_plan, wipe_graph, write_graph  # noqa: E402
from graph.synthetic import synthetic_graph  # noqa: E402


def say(text: str) -> None:
    print(f"{text}  [load average {os.getloadavg()[0]:.2f}]", file=sys.stderr, flush=True)


ROW_KINDS = ("entities", "relationships", "mentions")  # the rows a load writes, as batched_rate counts them


def _spread(work: list[Any], sample: int) -> list[Any]:
    """``sample`` items spread evenly over ``work`` (every label and type gets its share)."""
    step = max(1, len(work) // max(1, sample))
    return work[::step][:sample]


def _time_rows(driver: Driver, database: str, work: list[tuple[str, dict[str, Any]]]) -> dict[str, float]:
    """Rows one query each; each statement's first row goes untimed (it plans the statement, which a
    whole load would do once)."""
    timed, planned = [], set()
    for statement, row in work:
        if statement in planned:
            timed.append((statement, row))
        else:
            planned.add(statement)
            driver.execute_query(statement, rows=[row], database_=database)
    began = time.perf_counter()
    for statement, row in timed:
        driver.execute_query(statement, rows=[row], database_=database)
    seconds = time.perf_counter() - began
    return {"rows": len(timed), "seconds": seconds, "rate": len(timed) / seconds}


def per_row_rate(driver: Driver, graph: InstitutionalGraph, database: str, sample: int) -> dict[str, dict[str, float]]:
    """The naive loader: the batched load's own statements (CREATE after a wipe), one auto-committed
    query per row, timed on a sample of each kind of row the load writes — entities, relationships and
    the derived ``MENTIONED_IN`` links (one per entity and document).

    Returns each kind's sampled rate; :func:`per_row_whole_graph` scales them to a size's rows.
    ``relationships`` alone (nodes already loaded) is the rate the old, narrower comparison used.
    """
    schema = graph.schema
    wipe_graph(driver, schema, database)
    ensure_constraints(driver, schema, database)
    # each phase's (statement, one row) as the wiped load sends them
    plan: dict[str, list[tuple[str, Any]]] = {phase: [] for phase in ROW_KINDS}
    for phase, _, statement, rows, _ in load_plan(graph, new=True):
        if phase == "mentions":  # one link per row: an entity's links one query each
            plan[phase] += [(statement, [source, [link]]) for source, links in rows for link in links]
        else:
            plan[phase] += [(statement, row) for row in rows]
    entities = _time_rows(driver, database, _spread(plan["entities"], sample))
    wipe_graph(driver, schema, database)
    _create_entities(driver, database, graph)  # every node in place, untimed; the links are then written anew
    relationships = _time_rows(driver, database, _spread(plan["relationships"], sample))
    mentions = _time_rows(driver, database, _spread(plan["mentions"], sample))
    return {"entities": entities, "relationships": relationships, "mentions": mentions}


def per_row_whole_graph(baseline: dict[str, Any], batched: dict[str, Any]) -> dict[str, float]:
    """The naive loader on the batched load's work: its time for that many entity, relationship and
    mention rows at the sampled per-row rates, and the relationships/s that gives."""
    seconds = sum(batched[kind] / baseline[kind]["rate"] for kind in ROW_KINDS)
    return {"seconds": seconds, "rate": batched["relationships"] / seconds}


def _create_entities(driver: Driver, database: str, graph: InstitutionalGraph) -> None:
    """The wiped load's entity statements alone, in batches (no relationships to delete afterwards)."""
    for phase, _, statement, rows, _ in load_plan(graph, new=True):
        if phase != "entities":
            break
        for start in range(0, len(rows), 10_000):
            driver.execute_query(statement, rows=rows[start : start + 10_000], database_=database)


def server_cpu_seconds(pid: int | None) -> float:
    """CPU time (user + system) the server process ``pid`` has used, 0 when it is not ours to see."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def batched_rate(
    driver: Driver, graph: InstitutionalGraph, database: str, batch_size: int, merge: bool, reload: bool = True,
    server_pid: int | None = None,
) -> dict[str, Any]:  # fmt: skip
    """``write_graph(wipe=True)`` (what ``instgraph load --wipe`` runs: CREATE after the wipe), then the
    same load again without ``wipe`` (MERGE over what is stored: changes nothing). With ``merge``, also
    a load without ``wipe`` into the empty database first (every row MERGEd). The wiped load's CPU time is
    taken for this process and, given its pid, the server: on a loaded machine they compare, wall time not."""
    out: dict[str, Any] = {}
    wipe_graph(driver, graph.schema, database)  # untimed: empties the previous size's graph
    if merge:
        began = time.perf_counter()
        merged = write_graph(driver, graph, database=database, batch_size=batch_size)
        out["merge_into_empty_seconds"] = time.perf_counter() - began
        out["merge_into_empty_rate"] = merged.relationships / out["merge_into_empty_seconds"]
        wipe_graph(driver, graph.schema, database)
    began, cpu, server_cpu = time.perf_counter(), time.process_time(), server_cpu_seconds(server_pid)
    report = write_graph(driver, graph, database=database, batch_size=batch_size, wipe=True)
    seconds = time.perf_counter() - began
    out["python_cpu_seconds"] = time.process_time() - cpu
    out["server_cpu_seconds"] = server_cpu_seconds(server_pid) - server_cpu if server_pid else None
    rows = report.nodes + report.relationships + report.mentions
    again = time.perf_counter()
    second = write_graph(driver, graph, database=database, batch_size=batch_size) if reload else None
    reload_seconds = time.perf_counter() - again
    return {
        "entities": report.nodes,
        "relationships": report.relationships,
        "mentions": report.mentions,
        "seconds": seconds,
        "rate": report.relationships / seconds,
        "rows_per_s": rows / seconds,
        "transactions": report.batches,
        "reload_seconds": reload_seconds,
        "reload_created": second.nodes_created + second.relationships_created if second else None,
        **out,
    }


def korea_load(driver: Driver, database: str, repeats: int = 5) -> dict[str, Any]:
    """The main job's load (``instgraph build --neo4j``): the curated Korea graph with ``wipe``, on a warm
    server (the first of the runs plans the statements; the figure is the median of the others)."""
    from loaders.dataset import korea_graph

    graph = korea_graph()
    seconds = []
    for _ in range(repeats + 1):
        began = time.perf_counter()
        write_graph(driver, graph, database=database, wipe=True)
        seconds.append(time.perf_counter() - began)
    warm = sorted(seconds[1:])
    return {"first_seconds": seconds[0], "median_seconds": warm[len(warm) // 2], "max_seconds": warm[-1],
            "relationships": graph.graph.number_of_edges(), "entities": len(graph)}  # fmt: skip


def admin_import(graph: InstitutionalGraph, lib: Path | None, work: Path) -> dict[str, Any]:
    """neo4j-admin database import full of the CSV export, into an offline database under ``work``."""
    if lib is None or not any(lib.glob("neo4j-import-tool-*.jar")):
        return {"skipped": f"no neo4j-import-tool jar in {lib} (pass --neo4j-lib)"}
    java = shutil.which("java")
    if java is None:
        return {"skipped": "no java on PATH"}
    began = time.perf_counter()
    csv_dir = work / "csv"
    args = write_admin_import_csv(graph, csv_dir)
    export_seconds = time.perf_counter() - began
    home = work / "admin-home"
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text(
        f"server.directories.data={home / 'data'}\nserver.directories.logs={home / 'logs'}\n", "utf-8"
    )
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    command = [
        java, "-Xmx1g", "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool",
        "database", "import", "full", "--overwrite-destination=true", "--threads=2", *args, "neo4j",
    ]  # fmt: skip
    began = time.perf_counter()
    # cwd: the tool writes its import.report into the working directory
    done = subprocess.run(command, env=env, cwd=work, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        return {"failed": f"exit {done.returncode}: {' | '.join(tail)}"}
    out = done.stdout + done.stderr
    own = re.search(r"IMPORT DONE in ([0-9hms. ]+?)\.?\s*(Imported|$)", out, re.M)
    counts = {
        k: int(v.replace(",", ""))
        for v, k in re.findall(r"([0-9,]+) (nodes|relationships)\b", out[out.find("Imported:") :])
    }
    return {
        "export_seconds": export_seconds,
        "seconds": seconds,
        "tool_reported": own.group(1).strip() if own else None,
        "tool_seconds": _duration(own.group(1)) if own else None,
        "imported": counts,
        "rate": graph.graph.number_of_edges() / seconds,
    }


def bulk_path(graph: InstitutionalGraph, server: Any, settings: Any) -> dict[str, Any]:
    """``instgraph load --bulk`` on the benchmark's own server: each step's seconds and the total."""
    from graph.store.bulk import bulk_load

    report = bulk_load(graph, server, settings)
    return {"steps": report.steps, "seconds": report.seconds, "rate": report.relationships / report.seconds,
            "relationships": report.relationships, "mentions": report.mentions}  # fmt: skip


@contextmanager
def own_server(heap: str | None, pagecache: str | None) -> Iterator[tuple[Any, Any]]:
    """A throwaway local server for this run (sized like ``instgraph neo4j start``), and its settings."""
    from graph.store.local_server import LocalServer, default_home, free_port
    from graph.store.settings import Neo4jSettings

    with tempfile.TemporaryDirectory(prefix="instgraph-bench-") as tmp:
        server = LocalServer.at(default_home(os.environ), Path(tmp) / "server")
        uri = server.start(free_port(), None, heap=heap, pagecache=pagecache, detach=False, log=say)
        try:
            yield server, Neo4jSettings(uri=uri, password=server.password(), source="local server")
        finally:
            server.stop()


def _duration(text: str) -> float:
    total = 0.0
    for value, unit in re.findall(r"([0-9.]+)(ms|h|m|s)", text):
        total += float(value) * {"h": 3600, "m": 60, "s": 1, "ms": 0.001}[unit]
    return total


MIRROR_CHILD = """
import json, sys, time
sys.path[:0] = {paths!r}
from neo4j import GraphDatabase
from graph.store.read import read_graph

def hwm():  # this process's peak RSS in MB (ru_maxrss would carry the parent's peak across exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024

driver = GraphDatabase.driver({uri!r}, auth=({user!r}, {password!r}))
base = hwm()
began, cpu = time.perf_counter(), time.process_time()
g = read_graph(driver, database={database!r})
seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
print(json.dumps({{"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": hwm(), "rss_before_mb": base,
                  "nodes": g.graph.number_of_nodes(), "edges": g.graph.number_of_edges()}}))
"""


# The baseline: networkx's own build of the same graph in a fresh process (the seeded generator's
# add_node/add_edge calls with the same attributes), with the same imports as the mirror's child.
NETWORKX_CHILD = """
import json, sys, time
sys.path[:0] = {paths!r}
import neo4j
from graph.store.read import read_graph
from graph.synthetic import synthetic_graph

def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024

base = hwm()
began, cpu = time.perf_counter(), time.process_time()
g = synthetic_graph({nodes}, {edges}, seed={seed})
seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
print(json.dumps({{"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": hwm(), "rss_before_mb": base,
                  "nodes": g.graph.number_of_nodes(), "edges": g.graph.number_of_edges()}}))
"""


def _child(code: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"failed": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def mirror_read(uri: str, user: str, password: str, database: str, server: Any = None) -> dict[str, Any]:
    """One mirror read in a fresh process; with the run's own server, also the CPU its JVM spent meanwhile."""
    pid = server.pid() if server is not None else None
    before = _process_cpu(pid)
    out = _child(MIRROR_CHILD.format(paths=[str(ROOT)], uri=uri, user=user, password=password, database=database))
    if pid is not None:
        out["server_cpu_seconds"] = _process_cpu(pid) - before
    return out


def _process_cpu(pid: int | None) -> float:
    """User and system CPU seconds of process ``pid`` (all its threads) so far; 0 without one."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def default_lib() -> Path | None:
    try:
        from graph.store.local_server import LocalServer

        lib = LocalServer.from_env(os.environ).jars_dir
        if lib.is_dir():
            return lib
    except Exception:  # noqa: BLE001 - no local server set up: the option must say where the jars are
        return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edges", default="10000,100000", help="comma-separated relationship counts")
    parser.add_argument("--nodes-per-edge", type=float, default=0.1, help="entities per relationship")
    parser.add_argument("--baseline-rows", type=int, default=2000, help="rows in the one-query-per-row sample")
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--neo4j-lib", type=Path, default=None, help="Neo4j jars (for neo4j-admin import)")
    parser.add_argument("--no-admin", action="store_true", help="skip the neo4j-admin import comparison")
    parser.add_argument("--no-mirror", action="store_true", help="skip the mirror read")
    parser.add_argument("--mirror-only", action="store_true",
                        help="only load each size (bulk on the run's own server) and read the mirror back")  # fmt: skip
    parser.add_argument("--check-below", type=int, default=200_000, help="compare read-back below this size")
    parser.add_argument(
        "--merge-below", type=int, default=200_000, help="below this size also time a load without --wipe (MERGE)"
    )
    parser.add_argument("--heap", default=None, help="heap of the run's own server (default: sized to the machine)")
    parser.add_argument("--pagecache", default=None, help="page cache of the run's own server (default: sized)")
    parser.add_argument("--no-per-row", action="store_true", help="skip the one-query-per-row baseline")
    parser.add_argument("--no-reload", action="store_true", help="skip the second (MERGE) load of each size")
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI"), help="a running server (default: start one)")
    parser.add_argument("--user", default=os.environ.get("NEO4J_USERNAME", "neo4j"))
    parser.add_argument("--password", default=os.environ.get("NEO4J_PASSWORD", ""))
    parser.add_argument("--database", default=os.environ.get("NEO4J_DATABASE", "neo4j"))
    opts = parser.parse_args()
    sizes = [int(x) for x in opts.edges.split(",") if x.strip()]
    figures: dict[str, Any] = {"sizes": {}, "batch_size": opts.batch_size, "cpus": os.cpu_count()}
    figures["load_average_at_start"] = os.getloadavg()
    started = nullcontext((None, None)) if opts.uri else own_server(opts.heap, opts.pagecache)
    with started as (server, settings):
        if server is not None:
            opts.uri, opts.password = settings.uri, settings.password
            figures["server_memory"] = vars(server.memory())
        driver = GraphDatabase.driver(opts.uri, auth=(opts.user, opts.password))
        try:
            wipe_graph(driver, load_schema(), opts.database)  # untimed: whatever an earlier run left
            if not opts.mirror_only:
                korea = figures["korea_load"] = korea_load(driver, opts.database)
                say(f"Korea graph with --wipe on a warm server: median {korea['median_seconds']:.2f} s "
                    f"(first {korea['first_seconds']:.2f} s, max {korea['max_seconds']:.2f} s)")  # fmt: skip
            for n_edges in sizes:
                size = mirror_only_size if opts.mirror_only else one_size
                figures["sizes"][str(n_edges)] = size(opts, n_edges, driver, figures, server, settings)
                if server is not None:  # the bulk load replaced the database: the old bookmarks are void
                    driver.close()
                    driver = GraphDatabase.driver(opts.uri, auth=(opts.user, opts.password))
            if not opts.no_mirror and sizes:
                figures["mirror_read"] = mirror_figures(opts, sizes[-1], server)
        finally:
            driver.close()
    figures["load_average_at_end"] = os.getloadavg()
    figures["peak_rss_mb_benchmark"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


def mirror_figures(opts: argparse.Namespace, edges: int, server: Any) -> dict[str, Any]:
    mirror = mirror_read(opts.uri, opts.user, opts.password, opts.database, server)
    mirror["edges_in_db"] = edges
    if "seconds" not in mirror:
        say(f"  mirror read failed: {mirror}")
        return mirror
    warm = mirror["warm_server"] = mirror_read(opts.uri, opts.user, opts.password, opts.database, server)
    nodes = max(50, int(edges * opts.nodes_per_edge))
    base = mirror["networkx_build"] = _child(NETWORKX_CHILD.format(paths=[str(ROOT)], nodes=nodes, edges=edges,
                                                                   seed=opts.seed))  # fmt: skip
    say(f"  mirror read of {edges:,} relationships ({mirror['nodes']:,} nodes, {mirror['edges']:,} edges; goal at "
        "1 M: 10 s, 1,000 MB):")  # fmt: skip
    for name, run in (("the server's first work after its start", mirror), ("again, on the warm server", warm)):
        if "seconds" in run:
            server_cpu = f", {run['server_cpu_seconds']:.1f} s in the server" if "server_cpu_seconds" in run else ""
            say(f"    {name}: {run['seconds']:.1f} s wall; CPU {run['cpu_seconds']:.1f} s in the reading process"
                f"{server_cpu}; peak RSS {run['peak_rss_mb']:,.0f} MB "
                f"({run['rss_before_mb']:,.0f} MB before the read)")  # fmt: skip
            if "seconds" in base:
                say(f"      / networkx's own build: {run['seconds'] / base['seconds']:.2f}x wall, "
                    f"{run['cpu_seconds'] / base['cpu_seconds']:.2f}x CPU, "
                    f"{run['peak_rss_mb'] / base['peak_rss_mb']:.2f}x memory")  # fmt: skip
        else:
            say(f"    {name}: failed: {run}")
    if "seconds" in base:
        say(f"  networkx's own build of the same graph (baseline): {base['seconds']:.1f} s wall, "
            f"{base['cpu_seconds']:.1f} s CPU, peak RSS {base['peak_rss_mb']:,.0f} MB")  # fmt: skip
    else:
        say(f"  networkx baseline failed: {base}")
    return mirror


def one_size(opts: argparse.Namespace, n_edges: int, driver: Driver, figures: dict[str, Any], server: Any,
             settings: Any) -> dict[str, Any]:  # fmt: skip
    n_nodes = max(50, int(n_edges * opts.nodes_per_edge))
    began = time.perf_counter()
    graph = synthetic_graph(n_nodes, n_edges, seed=opts.seed)
    entry: dict[str, Any] = {"entities": n_nodes, "generate_seconds": time.perf_counter() - began}
    began = time.perf_counter()
    graph = graph.dated()
    entry["date_seconds"] = time.perf_counter() - began
    say(f"[{n_edges:,}] generated {n_nodes:,} entities / {n_edges:,} relationships in "
        f"{entry['generate_seconds']:.1f} s; dated in {entry['date_seconds']:.1f} s (every path below starts "
        "from the dated graph)")  # fmt: skip
    if not opts.no_per_row and "per_row_baseline" not in figures:
        baseline = figures["per_row_baseline"] = per_row_rate(driver, graph, opts.database, opts.baseline_rows)
        say("  one query per row: " + ", ".join(
            f"{kind} {baseline[kind]['rate']:,.0f} rows/s ({baseline[kind]['rows']} rows)"
            for kind in ROW_KINDS))  # fmt: skip
    batched = entry["batched"] = batched_rate(driver, graph, opts.database, opts.batch_size,
                                              n_edges < opts.merge_below, not opts.no_reload,
                                              server.pid() if server is not None else None)  # fmt: skip
    say(f"  batched load: {batched['seconds']:.1f} s = {batched['rate']:,.0f} relationships/s "
        f"({batched['rows_per_s']:,.0f} rows/s incl. entities and mentions); reload {batched['reload_seconds']:.1f} s, "
        f"created {batched['reload_created']}; without --wipe (MERGE) into an empty database: "
        f"{batched.get('merge_into_empty_rate', float('nan')):,.0f} relationships/s")  # fmt: skip
    server_cpu = batched["server_cpu_seconds"]
    say(f"  batched load CPU: this process {batched['python_cpu_seconds']:.1f} s, the server "
        + (f"{server_cpu:.1f} s" if server_cpu is not None else "not measured (not this run's server)"))
    if "per_row_baseline" in figures:
        baseline = figures["per_row_baseline"]
        naive = entry["per_row_whole_graph"] = per_row_whole_graph(baseline, batched)
        entry["batched_vs_per_row"] = batched["rate"] / naive["rate"]  # the same work both ways
        entry["batched_vs_per_row_relationship_rows"] = batched["rate"] / baseline["relationships"]["rate"]
        say(f"  batched vs one query per row on the same rows: {entry['batched_vs_per_row']:.0f}x "
            f"({naive['rate']:,.0f} relationships/s; {entry['batched_vs_per_row_relationship_rows']:.0f}x "
            "its relationship rows alone; goal >= 100x)")  # fmt: skip
    if n_edges < opts.check_below:
        began = time.perf_counter()
        same = entry["round_trip_equal"] = read_graph(driver, database=opts.database) == graph
        say(f"  read back equal to the model: {same} ({time.perf_counter() - began:.1f} s)")
    if not opts.no_admin:
        entry["admin_import"] = admin_figures(graph, opts, entry)
    if server is not None:
        bulk = entry["bulk"] = bulk_path(graph, server, settings)
        entry["bulk_vs_batched"] = batched["seconds"] / bulk["seconds"]
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in bulk["steps"].items())
        say(f"  bulk path (load --bulk): {bulk['seconds']:.1f} s ({steps}) = {entry['bulk_vs_batched']:.2f}x "
            f"the batched load's {batched['seconds']:.1f} s (goal >= 2x)")  # fmt: skip
    return entry


def mirror_only_size(opts: argparse.Namespace, n_edges: int, driver: Driver, figures: dict[str, Any], server: Any,
                     settings: Any) -> dict[str, Any]:  # fmt: skip
    """``--mirror-only``: the size's graph loaded the fastest way at hand, for the mirror read that follows."""
    graph = synthetic_graph(max(50, int(n_edges * opts.nodes_per_edge)), n_edges, seed=opts.seed).dated()
    if server is not None:
        return {"bulk": bulk_path(graph, server, settings)}
    return {"batched": batched_rate(driver, graph, opts.database, opts.batch_size, merge=False, reload=False)}


def admin_figures(graph: InstitutionalGraph, opts: argparse.Namespace, entry: dict[str, Any]) -> dict[str, Any]:
    """neo4j-admin import of the CSV export into an offline directory, beside the batched load."""
    batched = entry["batched"]
    with tempfile.TemporaryDirectory(prefix="instgraph-admin-") as tmp:
        admin = admin_import(graph, opts.neo4j_lib or default_lib(), Path(tmp))
    if "rate" not in admin:
        say(f"  neo4j-admin import: {admin}")
        return admin
    entry["batched_vs_admin"] = batched["rate"] / admin["rate"]
    if admin.get("tool_seconds"):
        entry["batched_vs_admin_tool_clock"] = admin["tool_seconds"] / batched["seconds"]
    say(f"  neo4j-admin import: {admin['seconds']:.1f} s wall ({admin['tool_reported']} by its clock), "
        f"{admin['rate']:,.0f} relationships/s; batched/admin = {entry['batched_vs_admin']:.2f} (goal >= 0.5; "
        f"tool clock {entry.get('batched_vs_admin_tool_clock', float('nan')):.2f}); CSV export "
        f"{admin['export_seconds']:.1f} s (goal at 1 M: 15 s); imported {admin['imported']}")  # fmt: skip
    return admin


if __name__ == "__main__":
    main()
