"""Precision and recall of one kind of fact, with what was missed and what was wrong.

The one tally both evaluations fill: against a curated graph (:mod:`loaders.evaluate.curated`) and
against a corpus gold (:mod:`loaders.evaluate.corpus`).

>>> s = Score(true_positives=3, extracted=4, gold=6, found_gold=3)
>>> s.precision, s.recall, total([s, s]).recall
(0.75, 0.5, 0.5)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Score:
    """Precision and recall of one kind of fact, with what was missed and what was wrong."""

    true_positives: int = 0
    extracted: int = 0
    gold: int = 0
    found_gold: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    by_type: dict[str, tuple[int, int, int, int]] = field(
        default_factory=dict
    )  # type -> (tp, ext, found, gold)

    @property
    def precision(self) -> float:
        return self.true_positives / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 1.0

    def count_type(self, type_: str, tp: int = 0, ext: int = 0, found: int = 0, gold: int = 0) -> None:
        a, b, c, d = self.by_type.get(type_, (0, 0, 0, 0))
        self.by_type[type_] = (a + tp, b + ext, c + found, d + gold)


def total(scores: Iterable[Score]) -> Score:
    """The sum of several scores (their figures and lists; not their counts by type)."""
    summed = Score()
    for s in scores:
        summed.true_positives += s.true_positives
        summed.extracted += s.extracted
        summed.gold += s.gold
        summed.found_gold += s.found_gold
        summed.misses += s.misses
        summed.false_positives += s.false_positives
    return summed
