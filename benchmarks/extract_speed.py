"""Extraction speed on a synthetic corpus assembled from the project's own test documents.

The corpus is written to a temporary directory as files of about 1 MB, each a run of the test
documents (tests/documents/) with their invented place names and years varied per copy, so no two
files are identical. Extraction (read + extract) is timed at three corpus sizes to show it is linear;
a baseline beside it — reading the same files and splitting them into words with one regex — shows
how much of the cost is the reading itself and how the machine compares.

Two figures per size: one process (CPU seconds of this process, ``time.process_time``, so other
work on a shared machine does not inflate them; wall seconds beside), and ``--jobs`` worker processes
(:func:`loaders.batch.extract_many`; wall seconds, the figure a user waits for, and the CPU seconds
of the workers and of this process). On a loaded machine the wall-clock speed-up says little; the
CPU figures bound it: ``jobs`` times one process's CPU over all the CPU the parallel run spent is the
speed-up on free cores. Workers read and send back plain rows; this process builds the result's objects as they
arrive (a twentieth of the reading's CPU). On Linux the workers are forked, so they start at once
with what this process has loaded. The reading remembers statements it has read (a repeated slide
is read once); each run starts with those memos emptied, so a larger size is not sped up by the
smaller one it contains, nor forked workers by the one-process run before them. The goal is judged both ways, and both
verdicts are printed. The load average is printed beside each figure. The last line of stdout is one
JSON object with every figure.

Run:  .venv/bin/python benchmarks/extract_speed.py            (12.5, 25 and 50 MB, 2 workers)
      .venv/bin/python benchmarks/extract_speed.py --sizes 1 2 4 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from loaders.batch import extract_many  # noqa: E402
from loaders.documents import read_document  # noqa: E402
from loaders.extract import extract  # noqa: E402
from loaders.lexicon import forget_memos  # noqa: E402

DOCS = REPO / "tests" / "documents"
PLACES = ("Ruritania", "Valdoria", "Norland", "Sorvik")
SYLLABLES = ("ka", "lo", "mer", "vin", "dra", "sel", "tor", "ban", "qui", "ro", "fen", "ast")
FILE_SIZE = 1_000_000


def _place(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def _variant(text: str, rng: random.Random) -> str:
    for place in PLACES:
        text = text.replace(place, _place(rng)).replace(place.upper(), _place(rng).upper())
    shift = rng.randint(-5, 5)
    return re.sub(r"\b(19[5-9]\d|20[0-4]\d)\b", lambda m: str(int(m[0]) + shift), text)


def build_corpus(directory: Path, megabytes: float, file_size: int = FILE_SIZE, seed: int = 7) -> list[Path]:
    """Files of about ``file_size`` bytes, ``megabytes`` in all, made of varied copies of the test documents."""
    sources = [(p.suffix, p.read_text("utf-8")) for p in sorted(DOCS.iterdir()) if p.suffix in (".txt", ".md")]
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    paths: list[Path] = []
    written = 0
    while written < target:
        parts: list[str] = []
        size = 0
        while size < min(file_size, target - written):
            suffix, text = rng.choice(sources)
            part = _variant(text, rng)
            parts.append(part)
            size += len(part.encode("utf-8")) + 3
        path = directory / f"corpus-{len(paths):04d}.txt"
        path.write_text("\n\n\n".join(parts), "utf-8")
        written += path.stat().st_size
        paths.append(path)
    return paths


def _timed(fn, paths: list[Path], *args: str) -> tuple[float, float, int]:
    cpu, wall = time.process_time(), time.perf_counter()
    count = fn(paths, *args)
    return time.process_time() - cpu, time.perf_counter() - wall, count


def extract_all(paths: list[Path]) -> int:
    facts = 0
    for p in paths:
        x = extract(read_document(p))
        facts += len(x.relationships)
    return facts


_WORD = re.compile(r"\w+")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def extract_parallel(paths: list[Path], jobs: int) -> tuple[float, float, float, int]:
    """Wall, worker-CPU and this process's CPU seconds of reading and extracting ``paths`` in ``jobs``
    processes."""
    cpu, own, wall = _children_cpu(), time.process_time(), time.perf_counter()
    extractions, _ = extract_many(paths, jobs=jobs)
    facts = sum(len(x.relationships) for x in extractions)
    return time.perf_counter() - wall, _children_cpu() - cpu, time.process_time() - own, facts


def _load() -> float:
    return os.getloadavg()[0]


def baseline(paths: list[Path]) -> int:
    """Read each file and split it into words with one regex: the floor any text pass pays."""
    return sum(len(_WORD.findall(p.read_text("utf-8"))) for p in paths)


def _first(paths: list[Path], sizes: list[int], mb: float) -> tuple[list[Path], float]:
    """The first files that make up ``mb`` MB, and their size in MB."""
    files, total = [], 0
    for p, s in zip(paths, sizes, strict=False):
        if total >= mb * 1e6:
            break
        files.append(p)
        total += s
    return files, total / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[12.5, 25.0, 50.0], help="corpus sizes in MB")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel run (0: skip it)")
    args = parser.parse_args(argv)
    rows: list[dict[str, float | int]] = []
    with tempfile.TemporaryDirectory(prefix="instgraph-bench-") as tmp:
        file_size = int(max(100_000, min(FILE_SIZE, min(args.sizes) * 1e6 / 8)))
        largest = build_corpus(Path(tmp), max(args.sizes), file_size)
        sizes = [p.stat().st_size for p in largest]
        print(f"corpus: {len(largest)} files, {sum(sizes) / 1e6:.1f} MB, from {DOCS.relative_to(REPO)}/", flush=True)
        for mb in sorted(args.sizes):
            chosen, size = _first(largest, sizes, mb)
            base_cpu, _, words = _timed(baseline, chosen)
            load = _load()
            forget_memos()  # the larger corpus holds the smaller: nothing read before may be remembered
            cpu, wall, facts = _timed(extract_all, chosen)
            row: dict[str, float | int] = {
                "mb": round(size, 2),
                "files": len(chosen),
                "cpu_s": round(cpu, 2),
                "wall_s": round(wall, 2),
                "mb_s_cpu": round(size / cpu, 3),
                "baseline_mb_s": round(size / base_cpu, 2),
                "ratio": round(cpu / base_cpu, 1),
                "facts": facts,
                "load": round(load, 2),
            }
            print(
                f"{size:7.1f} MB  1 process {size / cpu:6.2f} MB/s cpu ({cpu:6.1f} s cpu, {wall:6.1f} s wall)"
                f"  baseline {size / base_cpu:6.2f} MB/s  ratio {cpu / base_cpu:5.1f}x  facts {facts}"
                f"  load {load:.2f}",
                flush=True,
            )
            if args.jobs > 0:
                load = _load()
                forget_memos()
                pwall, pcpu, pown, pfacts = extract_parallel(chosen, args.jobs)
                if pfacts != facts:
                    raise SystemExit(f"workers found {pfacts} facts, one process {facts}: extraction differs")
                row |= {
                    "jobs": args.jobs,
                    "par_wall_s": round(pwall, 2),
                    "par_cpu_s": round(pcpu, 2),
                    "par_main_cpu_s": round(pown, 2),
                    "mb_s_wall": round(size / pwall, 3),
                    "par_load": round(load, 2),
                }
                print(
                    f"{size:7.1f} MB  {args.jobs} workers {size / pwall:6.2f} MB/s wall ({pwall:6.1f} s wall, "
                    f"{pcpu:6.1f} s cpu in workers, {pown:4.1f} s here)  speed-up {wall / pwall:4.2f}x over 1 process"
                    f" wall; the CPU spent allows {args.jobs * cpu / (pcpu + pown):4.2f}x on free cores"
                    f"  load {load:.2f}",
                    flush=True,
                )
            rows.append(row)
    speeds = [float(r["mb_s_cpu"]) for r in rows]
    linearity = speeds[-1] / speeds[0]
    print(f"linearity: throughput at the largest size is {linearity:.2f}x that at the smallest (1 process, cpu)")
    # Two readings of the goal, each printed with its verdict: one process (CPU seconds, whatever the
    # machine), and the wall clock a user waits for with --jobs on the largest corpus.
    largest_wall = float(rows[-1].get("mb_s_wall") or 0)
    print(f"goal 5 MB/s, 1 process: {'met' if min(speeds) >= 5 else 'not met'} (slowest {min(speeds):.2f} MB/s cpu)")
    if args.jobs > 0:
        print(
            f"goal 5 MB/s, {args.jobs} workers on {rows[-1]['mb']} MB: {'met' if largest_wall >= 5 else 'not met'}"
            f" ({largest_wall:.2f} MB/s wall, {os.cpu_count()} cores)"
        )
    summary = {
        "benchmark": "extract_speed",
        "corpus_mb": round(sum(sizes) / 1e6, 2),
        "sizes": rows,
        "mb_s_cpu": speeds,
        "mb_s_wall": [r.get("mb_s_wall") for r in rows],
        "jobs": args.jobs,
        "baseline_mb_s": [r["baseline_mb_s"] for r in rows],
        "linearity": round(linearity, 3),
        "goal_mb_s": 5.0,
        "goal_met_cpu": min(speeds) >= 5,
        "goal_met_wall_largest": largest_wall >= 5 if args.jobs > 0 else None,
        "cpus": os.cpu_count(),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
