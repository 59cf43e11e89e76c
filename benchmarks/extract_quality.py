"""Extraction quality: recall and precision on the development corpus and on the seed deck.

Two measurements, both through the evaluator ``instgraph evaluate`` uses (loaders/evaluate/), so the
figures here are the command's figures:

- the corpus (``../shared/corpus``: ``documents/*`` against ``gold.json``): recall and precision of
  entities and of relations by family (lead, part, succ, collab), per document and in total;
- the seed deck (``../shared/seeds/oecd-2022-korea-sme-digitalisation.txt``) against the curated
  dataset ``data/korea-sme-digitalisation.yaml``, as ``instgraph evaluate`` does with no arguments.

Then the goals, each with met / not met: corpus entity recall >= 0.90 at precision >= 0.85, corpus
relation recall >= 0.70 at precision >= 0.80, seed entity and relationship precision and recall >= 0.95;
and the time taken. The last line of stdout is one JSON object with every figure.

Run:  .venv/bin/python benchmarks/extract_quality.py
      .venv/bin/python benchmarks/extract_quality.py --corpus DIR --misses     (DIR holds documents/ and gold.json)
      .venv/bin/python benchmarks/extract_quality.py --corpus benchmarks/corpora/invented-b   (the team's own sets)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from loaders.dataset import KOREA_DATASET  # noqa: E402
from loaders.evaluate import evaluate_corpus, evaluate_files  # noqa: E402

SEED = "oecd-2022-korea-sme-digitalisation.txt"
# (recall, precision) each must reach
ENTITY_GOAL = (0.90, 0.85)
RELATION_GOAL = (0.70, 0.80)
SEED_GOAL = 0.95


def _verdict(ok: bool) -> str:
    return "met" if ok else "not met"


def _figures(block: dict) -> dict:
    """A report's JSON without its lists of items: the figures only."""
    return {k: v for k, v in block.items() if not isinstance(v, list)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus",
                        help="a folder with documents/ and gold.json (default ../shared/corpus)")
    seeds_default = os.environ.get("INSTGRAPH_SEEDS") or REPO.parent / "shared" / "seeds"
    parser.add_argument("--seeds", type=Path, default=Path(seeds_default),
                        help="the folder of the seed deck (default ../shared/seeds or INSTGRAPH_SEEDS)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the corpus extraction")
    parser.add_argument("--misses", action="store_true", help="list each document's missed and spurious items")
    args = parser.parse_args(argv)

    documents = sorted(p for p in (args.corpus / "documents").iterdir() if p.is_file())
    gold = args.corpus / "gold.json"
    cpu, wall = time.process_time(), time.perf_counter()
    corpus, problems = evaluate_corpus(gold, documents, jobs=args.jobs)
    corpus_s = (time.perf_counter() - wall, time.process_time() - cpu)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"corpus: {len(documents)} documents in {args.corpus}")
    print(corpus.to_text(args.misses))

    cpu, wall = time.process_time(), time.perf_counter()
    seed, problems = evaluate_files(KOREA_DATASET, [args.seeds / SEED], args.seeds)
    seed_s = (time.perf_counter() - wall, time.process_time() - cpu)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"\nseed: {SEED} against {KOREA_DATASET.relative_to(REPO)}")
    print(seed.to_text(misses=args.misses))

    e, r = corpus.entities, corpus.relations
    goals = {
        "corpus_entities": e.recall >= ENTITY_GOAL[0] and e.precision >= ENTITY_GOAL[1],
        "corpus_relations": r.recall >= RELATION_GOAL[0] and r.precision >= RELATION_GOAL[1],
        "seed_entities": min(seed.entities.precision, seed.entities.recall) >= SEED_GOAL,
        "seed_relationships": min(seed.relationships.precision, seed.relationships.recall) >= SEED_GOAL,
    }
    print("\ngoals")
    print(f"  corpus entities: recall >= {ENTITY_GOAL[0]} at precision >= {ENTITY_GOAL[1]}: "
          f"{_verdict(goals['corpus_entities'])} (recall {e.recall:.2f}, precision {e.precision:.2f})")
    print(f"  corpus relations: recall >= {RELATION_GOAL[0]} at precision >= {RELATION_GOAL[1]}: "
          f"{_verdict(goals['corpus_relations'])} (recall {r.recall:.2f}, precision {r.precision:.2f})")
    for key, label, s in (("seed_entities", "seed entities", seed.entities),
                          ("seed_relationships", "seed relationships", seed.relationships)):
        print(f"  {label}: precision and recall >= {SEED_GOAL}: {_verdict(goals[key])} "
              f"(precision {s.precision:.2f}, recall {s.recall:.2f})")
    print(f"time: corpus {corpus_s[0]:.2f} s wall ({corpus_s[1]:.2f} s cpu in this process, --jobs {args.jobs}), "
          f"seed {seed_s[0]:.2f} s wall")

    report = corpus.to_json()
    seed_json = seed.to_json()
    summary = {
        "benchmark": "extract_quality",
        "corpus": str(args.corpus),
        "documents": len(documents),
        "totals": report["totals"],
        "per_document": {name: _figures(d) for name, d in report["documents"].items()},
        "seed": {
            "entities": _figures(seed_json["entities"]),
            "relationships": _figures(seed_json["relationships"]),
            "excluded": len(seed.excluded),
        },
        "goals": goals,
        "seconds": {"corpus_wall": round(corpus_s[0], 3), "corpus_cpu": round(corpus_s[1], 3),
                    "seed_wall": round(seed_s[0], 3)},
        "jobs": args.jobs,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
