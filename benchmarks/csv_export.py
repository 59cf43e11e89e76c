"""Time of the neo4j-admin CSV export (``instgraph export --format csv``) beside the row-by-row export it
replaced (tests/admin_csv_reference.py), in the same run, on a seeded synthetic graph.

The graph is dated first (what every export and load does) and that time is printed apart. The export
runs as ``instgraph export`` runs it (two writing processes for a large graph) and, when that is two,
again in one process beside it. With ``--reference`` the old export runs too and the directories are
compared byte for byte. The load average (``/proc/loadavg``, 1 minute) is printed beside each figure, and
the CPU time spent (this process's and its helper's) beside the wall time: on a shared machine the wall
time mostly measures the other processes.

Usage::

    python benchmarks/csv_export.py --edges 1000000
    python benchmarks/csv_export.py --edges 200000 --reference
    python benchmarks/csv_export.py --edges 200000 --processes 2   # two processes even on a busy machine
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from graph.collector import gc_paused  # noqa: E402
from graph.store.admin_csv import write_admin_import_csv, writing_processes  # noqa: E402
from graph.synthetic import synthetic_graph  # noqa: E402


def load() -> float:
    return os.getloadavg()[0]


def cpu_times() -> tuple[float, float]:
    """CPU seconds of this process, and of its children that ended (the export's forked helper)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time(), children.ru_utime + children.ru_stime


def timed(label: str, work: object) -> tuple[object, float, float]:
    """``work()``, its wall time and the CPU time it took (this process's and its helper's, printed apart:
    whether the two shared the work evenly)."""
    began, (own, helper) = time.perf_counter(), cpu_times()
    with gc_paused():
        out = work()  # type: ignore[operator]
    seconds, (own_after, helper_after) = time.perf_counter() - began, cpu_times()
    own, helper = own_after - own, helper_after - helper
    split = f" = {own:.1f} s here + {helper:.1f} s in the helper" if helper else ""
    print(f"{label}: {seconds:.1f} s, CPU {own + helper:.1f} s{split} (load average {load():.2f})",
          file=sys.stderr, flush=True)  # fmt: skip
    return out, seconds, own + helper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edges", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reference", action="store_true", help="also run the old export and compare bytes")
    parser.add_argument("--processes", type=int, choices=(1, 2),
                        help="writing processes (default: as the export chooses, from the idle CPUs)")  # fmt: skip
    opts = parser.parse_args()
    figures: dict[str, object] = {"edges": opts.edges, "load_average_at_start": load()}
    make = lambda: synthetic_graph(opts.edges // 10, opts.edges, seed=opts.seed)  # noqa: E731
    graph, figures["generate_seconds"], _ = timed("generate", make)
    dated, figures["date_seconds"], _ = timed("date the facts", graph.dated)  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory(prefix="instgraph-csv-") as tmp:
        new, one, old = Path(tmp) / "new", Path(tmp) / "one", Path(tmp) / "old"
        processes = figures["export_processes"] = opts.processes or writing_processes(dated)  # type: ignore[arg-type]
        _, seconds, cpu = timed(f"CSV export ({processes} processes)",
                                lambda: write_admin_import_csv(dated, new, processes=processes))  # type: ignore[arg-type]  # fmt: skip
        figures["export_seconds"], figures["export_cpu_seconds"], figures["export_load_average"] = seconds, cpu, load()
        figures["bytes"] = sum(p.stat().st_size for p in new.iterdir())
        names = sorted(p.name for p in new.iterdir() if p.suffix == ".csv")
        if processes > 1:
            _, single, single_cpu = timed("CSV export (one process, beside it)",
                                          lambda: write_admin_import_csv(dated, one, processes=1))  # type: ignore[arg-type]  # fmt: skip
            figures["one_process_seconds"], figures["one_process_cpu_seconds"] = single, single_cpu
            same = figures["one_process_same_bytes"] = all(filecmp.cmp(new / n, one / n, shallow=False) for n in names)
            print(f"two processes: {single / seconds:.2f}x the one-process wall time ({cpu / single_cpu:.2f}x its "
                  f"CPU); files identical: {same}", file=sys.stderr)  # fmt: skip
        if opts.reference:
            from tests.admin_csv_reference import write_admin_import_csv as reference

            _, ref, ref_cpu = timed("CSV export (row by row, before)", lambda: reference(dated, old))  # type: ignore[arg-type]
            figures["reference_seconds"], figures["reference_cpu_seconds"] = ref, ref_cpu
            figures["reference_load_average"] = load()
            same = all(filecmp.cmp(new / n, old / n, shallow=False) for n in names)
            figures["same_bytes"] = same
            print(f"speed-up {ref / seconds:.1f}x wall, {ref_cpu / cpu:.1f}x CPU; files identical: {same}",
                  file=sys.stderr)  # fmt: skip
    goal = 15.0 * opts.edges / 1_000_000
    print(f"goal: {goal:.1f} s at this size (15 s per million); measured {figures['export_seconds']:.1f} s",
          file=sys.stderr)  # fmt: skip
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
