"""Extraction speed on a synthetic corpus assembled from the project's own test documents.

The corpus is written to a temporary directory as files of about 1 MB, each a run of the test
documents (tests/documents/) with their invented place names and years varied per copy, so no two
files are identical. Extraction (read + extract) is timed at three corpus sizes to show it is linear;
a baseline beside it — reading the same files and splitting them into words with one regex — shows
how much of the cost is the reading itself and how the machine compares.

Figures are CPU seconds of this process (``time.process_time``), so other work on a shared machine
does not inflate them; wall-clock seconds are printed too.

Run:  .venv/bin/python benchmarks/extract_speed.py            (12.5, 25 and 50 MB)
      .venv/bin/python benchmarks/extract_speed.py --sizes 1 2 4
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from loaders.documents import read_document  # noqa: E402
from loaders.extract import extract  # noqa: E402

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


def _timed(fn, paths: list[Path]) -> tuple[float, float, int]:
    cpu, wall = time.process_time(), time.perf_counter()
    count = fn(paths)
    return time.process_time() - cpu, time.perf_counter() - wall, count


def extract_all(paths: list[Path]) -> int:
    facts = 0
    for p in paths:
        x = extract(read_document(p))
        facts += len(x.relationships)
    return facts


_WORD = re.compile(r"\w+")


def baseline(paths: list[Path]) -> int:
    """Read each file and split it into words with one regex: the floor any text pass pays."""
    return sum(len(_WORD.findall(p.read_text("utf-8"))) for p in paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[12.5, 25.0, 50.0], help="corpus sizes in MB")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="instgraph-bench-") as tmp:
        file_size = int(max(100_000, min(FILE_SIZE, min(args.sizes) * 1e6 / 8)))
        largest = build_corpus(Path(tmp), max(args.sizes), file_size)
        sizes = [p.stat().st_size for p in largest]
        print(f"corpus: {len(largest)} files, {sum(sizes) / 1e6:.1f} MB, from {DOCS.relative_to(REPO)}/", flush=True)
        for mb in sorted(args.sizes):
            chosen, total = [], 0
            for p, s in zip(largest, sizes, strict=True):
                if total >= mb * 1e6:
                    break
                chosen.append(p)
                total += s
            base_cpu, _, words = _timed(baseline, chosen)
            cpu, wall, facts = _timed(extract_all, chosen)
            rows.append((total / 1e6, cpu, wall, base_cpu, facts, words))
            print(
                f"{total / 1e6:7.1f} MB  extract {total / 1e6 / cpu:6.2f} MB/s cpu ({cpu:7.1f} s cpu, "
                f"{wall:7.1f} s wall)  baseline {total / 1e6 / base_cpu:6.2f} MB/s  ratio {cpu / base_cpu:5.1f}x"
                f"  facts {facts}",
                flush=True,
            )
    speeds = [mb / cpu for mb, cpu, *_ in rows]
    print(f"linearity: throughput at the largest size is {speeds[-1] / speeds[0]:.2f}x that at the smallest")
    print(f"goal 5 MB/s: {'met' if min(speeds) >= 5 else 'not met'} (slowest {min(speeds):.2f} MB/s cpu)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
