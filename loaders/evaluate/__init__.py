"""Score extraction: against a curated graph, or against a corpus gold file.

- :mod:`~loaders.evaluate.curated`: precision and recall of entities and relationships against a
  curated dataset's graph (:func:`score`, :func:`evaluate`, :func:`evaluate_files`);
- :mod:`~loaders.evaluate.corpus_gold`: the corpus gold file (``gold.json``: per document, the entities
  and the relations by family an analyst reads there) and how its names compare;
- :mod:`~loaders.evaluate.corpus`: recall and precision per document and family against that gold, by
  the corpus's own rules (:func:`score_corpus`, :func:`evaluate_corpus`);
- :mod:`~loaders.evaluate.scores`: the tally both fill.

:func:`evaluate_against` picks one or the other by the gold file's name (``instgraph evaluate``);
``benchmarks/extract_quality.py`` calls both. Every name is importable from ``loaders.evaluate``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from graph.errors import InputError
from loaders.evaluate.corpus import NEUTRAL_RELATIONS, CorpusReport, DocumentScore, evaluate_corpus, score_corpus
from loaders.evaluate.corpus_gold import (
    FAMILIES,
    GoldDocument,
    GoldEntity,
    GoldRelation,
    corpus_key,
    parse_corpus_gold,
    read_corpus_gold,
)
from loaders.evaluate.curated import Report, evaluate, evaluate_files, score
from loaders.evaluate.scores import Score

__all__ = [
    "FAMILIES", "NEUTRAL_RELATIONS", "CorpusReport", "DocumentScore", "GoldDocument", "GoldEntity", "GoldRelation",
    "Report", "Score", "corpus_key", "evaluate", "evaluate_against", "evaluate_corpus", "evaluate_files",
    "gold_kind", "parse_corpus_gold", "read_corpus_gold", "score", "score_corpus",
]  # fmt: skip


def gold_kind(path: Path | str) -> str:
    """Which gold a file is, by its name: "corpus" (a .json gold file) or "dataset" (a curated .yaml)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "corpus"
    if suffix in (".yaml", ".yml"):
        return "dataset"
    raise InputError(
        str(path), "unknown gold file: give a corpus gold (.json) or a curated dataset (.yaml, .yml)"
    )


def evaluate_against(
    gold: Path | str,
    documents: Iterable[Path | str] = (),
    seeds_dir: Path | str | None = None,
    min_confidence: float = 0.7,
    jobs: int = 1,
) -> tuple[Report | CorpusReport, list[str]]:
    """``instgraph evaluate``: score against a corpus gold (.json) or a curated dataset (.yaml), by its name."""
    if gold_kind(gold) == "corpus":
        return evaluate_corpus(gold, documents, jobs)
    return evaluate_files(gold, documents, seeds_dir, min_confidence, jobs)
