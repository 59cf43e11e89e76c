"""Time of the neo4j-admin CSV export (``instgraph export --format csv``) beside the row-by-row export it
replaced (tests/admin_csv_reference.py), in the same run, on a seeded synthetic graph.

The graph is dated first (what every export and load does) and that time is printed apart. With
``--reference`` the old export runs too and the two directories are compared byte for byte. The load
average (``/proc/loadavg``, 1 minute) is printed beside each figure, and the CPU time this process spent
beside the wall time: on a shared machine the wall time mostly measures the other processes.

Usage::

    python benchmarks/csv_export.py --edges 1000000
    python benchmarks/csv_export.py --edges 200000 --reference
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from graph.collector import gc_paused  # noqa: E402
from graph.store.admin_csv import write_admin_import_csv  # noqa: E402
from graph.synthetic import synthetic_graph  # noqa: E402


def load() -> float:
    return os.getloadavg()[0]


def timed(label: str, work: object) -> tuple[object, float, float]:
    """``work()``, its wall time and the CPU time it took."""
    began, cpu = time.perf_counter(), time.process_time()
    with gc_paused():
        out = work()  # type: ignore[operator]
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(f"{label}: {seconds:.1f} s, CPU {cpu:.1f} s (load average {load():.2f})", file=sys.stderr, flush=True)
    return out, seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edges", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reference", action="store_true", help="also run the old export and compare bytes")
    opts = parser.parse_args()
    figures: dict[str, object] = {"edges": opts.edges, "load_average_at_start": load()}
    make = lambda: synthetic_graph(opts.edges // 10, opts.edges, seed=opts.seed)  # noqa: E731
    graph, figures["generate_seconds"], _ = timed("generate", make)
    dated, figures["date_seconds"], _ = timed("date the facts", graph.dated)  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory(prefix="instgraph-csv-") as tmp:
        new, old = Path(tmp) / "new", Path(tmp) / "old"
        _, seconds, cpu = timed("CSV export (streaming)", lambda: write_admin_import_csv(dated, new))  # type: ignore[arg-type]
        figures["export_seconds"], figures["export_cpu_seconds"], figures["export_load_average"] = seconds, cpu, load()
        figures["bytes"] = sum(p.stat().st_size for p in new.iterdir())
        if opts.reference:
            from tests.admin_csv_reference import write_admin_import_csv as reference

            _, ref, ref_cpu = timed("CSV export (row by row, before)", lambda: reference(dated, old))  # type: ignore[arg-type]
            figures["reference_seconds"], figures["reference_cpu_seconds"] = ref, ref_cpu
            figures["reference_load_average"] = load()
            names = sorted(p.name for p in new.iterdir() if p.suffix == ".csv")
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
