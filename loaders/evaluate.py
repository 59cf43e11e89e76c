"""Score an extraction against a curated graph: entity and relationship precision and recall.

Entities match by id, or by name/alias equivalence (case, "the", "&" and dashes ignored) through the
curated graph's names and aliases. Relationships match by (type, source, target) after mapping each
end to its curated entity; symmetric types are unordered. Curated facts below ``min_confidence`` —
facts the curators themselves mark as only implied (a diagram placement, a bound inferred from
another fact) — are left out of recall; an extracted fact that matches one is not counted against
precision either. Document nodes and MENTIONED_IN edges are bookkeeping and are not scored.

>>> from graph.model import Entity, Relationship
>>> from graph.institutional_graph import InstitutionalGraph
>>> gold = InstitutionalGraph.from_facts([Entity(type="Agency", name="Port Office", aliases=("PO",))], [])
>>> x = [Entity(type="Agency", name="PO"), Entity(type="Agency", name="Dock Board")]
>>> r = score(x, [], gold)
>>> (r.entities.precision, r.entities.recall, r.entities.false_positives)
(0.5, 1.0, ['agency:dock-board'])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.institutional_graph import InstitutionalGraph
from graph.model import Entity, Relationship
from loaders.entities import name_key
from loaders.extract import Extraction

_UNSCORED_TYPES = ("Document",)
_UNSCORED_RELATIONS = ("MENTIONED_IN",)


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

    def _count(self, type_: str, tp: int = 0, ext: int = 0, found: int = 0, gold: int = 0) -> None:
        a, b, c, d = self.by_type.get(type_, (0, 0, 0, 0))
        self.by_type[type_] = (a + tp, b + ext, c + found, d + gold)


@dataclass
class Report:
    """Entity and relationship scores of an extraction against a curated graph."""

    entities: Score
    relationships: Score
    min_confidence: float
    excluded: list[str] = field(default_factory=list)

    def passes(self, entity_goal: float = 0.95, relationship_goal: float = 0.85) -> bool:
        return (
            min(self.entities.precision, self.entities.recall) >= entity_goal
            and min(self.relationships.precision, self.relationships.recall) >= relationship_goal
        )

    def to_text(self) -> str:
        """A plain report: overall figures, by type, then the misses and false positives."""
        out: list[str] = []
        for label, s in (("entities", self.entities), ("relationships", self.relationships)):
            out.append(
                f"{label}: precision {s.precision:.3f} ({s.true_positives}/{s.extracted})  "
                f"recall {s.recall:.3f} ({s.found_gold}/{s.gold})"
            )
            for t, (tp, ext, found, gold) in sorted(s.by_type.items()):
                p = f"{tp / ext:.2f}" if ext else "  - "
                r = f"{found / gold:.2f}" if gold else "  - "
                out.append(f"  {t:<22} precision {p} ({tp}/{ext})  recall {r} ({found}/{gold})")
        for label, s in (("entities", self.entities), ("relationships", self.relationships)):
            out.append(f"missed {label} ({len(s.misses)}):")
            out += [f"  - {m}" for m in s.misses]
            out.append(f"false {label} ({len(s.false_positives)}):")
            out += [f"  - {m}" for m in s.false_positives]
        if self.excluded:
            out.append(
                f"curated facts below confidence {self.min_confidence} (not in recall): {len(self.excluded)}"
            )
            out += [f"  - {m}" for m in self.excluded]
        return "\n".join(out)


def _names(e: Entity) -> set[str]:
    return {name_key(e.name), *(name_key(a.split("@")[0]) for a in e.aliases)}


def score(
    entities: Iterable[Entity],
    relationships: Iterable[Relationship],
    gold: InstitutionalGraph,
    min_confidence: float = 0.0,
) -> Report:
    """Score extracted entities and relationships against ``gold`` (see the module docstring)."""
    gold_entities = [e for e in gold.entities() if e.type not in _UNSCORED_TYPES]
    by_id = {e.id: e for e in gold_entities}
    by_name: dict[str, str] = {}
    for e in gold_entities:
        for n in _names(e):
            by_name.setdefault(n, e.id)
    ents = Score(gold=len(gold_entities))
    mapping: dict[str, str] = {}
    for e in entities:
        if e.type in _UNSCORED_TYPES:
            continue
        ents.extracted += 1
        match = e.id if e.id in by_id else next((by_name[n] for n in _names(e) if n in by_name), None)
        if match is not None:
            mapping[e.id] = match
            ents.true_positives += 1
            ents._count(e.type, tp=1, ext=1)
        else:
            ents.false_positives.append(e.id)
            ents._count(e.type, ext=1)
    found = set(mapping.values())
    for e in gold_entities:
        ents._count(e.type, gold=1, found=int(e.id in found))
        if e.id in found:
            ents.found_gold += 1
        else:
            ents.misses.append(f"{e.id} ({e.name})")

    def key(r: Relationship, source: str, target: str) -> tuple[str, str, str]:
        if gold.schema.relationship_types[r.type].symmetric and source > target:
            source, target = target, source
        return (r.type, source, target)

    scored: dict[tuple[str, str, str], Relationship] = {}
    implied: dict[tuple[str, str, str], Relationship] = {}
    for r in gold.relationships():
        if r.type in _UNSCORED_RELATIONS:
            continue
        k = key(r, r.source, r.target)
        (scored if r.confidence >= min_confidence else implied)[k] = r
    rels = Score(gold=len(scored))
    seen: set[tuple[str, str, str]] = set()
    for r in relationships:
        if r.type in _UNSCORED_RELATIONS:
            continue
        k = key(r, mapping.get(r.source, r.source), mapping.get(r.target, r.target))
        if k in seen:
            continue  # two extracted entities mapped to one curated entity: one fact
        seen.add(k)
        if k in implied and k not in scored:
            continue  # matches a fact the curators mark as only implied: neither right nor wrong here
        rels.extracted += 1
        if k in scored:
            rels.true_positives += 1
            rels._count(r.type, tp=1, ext=1)
        else:
            rels.false_positives.append(f"{r.type} {r.source} -> {r.target}")
            rels._count(r.type, ext=1)
    for k, r in scored.items():
        hit = k in seen
        rels._count(r.type, gold=1, found=int(hit))
        if hit:
            rels.found_gold += 1
        else:
            rels.misses.append(f"{r.type} {r.source} -> {r.target}")
    excluded = [f"{r.type} {r.source} -> {r.target} (confidence {r.confidence})" for r in implied.values()]
    return Report(ents, rels, min_confidence, excluded)


def evaluate(
    extractions: Extraction | Iterable[Extraction], curated: InstitutionalGraph, min_confidence: float = 0.7
) -> Report:
    """Precision and recall of one or several documents' extraction against a curated graph.

    ``min_confidence`` (default 0.7) leaves out of recall the curated facts the curators mark as only
    implied by the text (the seed dataset has three: a diagram's placement of an office, its part in a
    strategy, and a target group given only by a slide title).
    """
    xs = [extractions] if isinstance(extractions, Extraction) else list(extractions)
    entities: dict[str, Entity] = {}
    relationships: list[Relationship] = []
    for x in xs:
        for e in x.entities:
            entities.setdefault(e.id, e)
        relationships += x.relationships
    return score(entities.values(), relationships, curated, min_confidence)


def evaluate_files(
    dataset: Path | str,
    documents: Iterable[Path | str] = (),
    seeds_dir: Path | str | None = None,
    min_confidence: float = 0.7,
    jobs: int = 1,
) -> tuple[Report, list[str]]:
    """Evaluate extraction from ``documents`` (default: the dataset's own documents) against ``dataset``.

    Returns the report and the one-line problems met while reading documents. ``jobs`` > 1 extracts
    in that many worker processes (the same report).
    """
    from graph.errors import InputError
    from loaders.dataset import locate_documents, open_dataset, to_graph
    from loaders.extract import extract_many

    spec, texts = open_dataset(dataset, seeds_dir)
    gold = to_graph(spec, texts)
    paths = list(documents)
    if not paths:
        found = locate_documents(spec, Path(dataset).parent, Path(seeds_dir) if seeds_dir else None)
        paths = list(found.values())
        if not paths:
            raise InputError(
                str(dataset), "none of its documents was found; pass them with --document or --seeds"
            )
    extractions, problems = extract_many(paths, jobs=jobs)
    if not extractions:
        raise InputError(str(paths[0]), "; ".join(p.removeprefix("error: ") for p in problems))
    return evaluate(extractions, gold, min_confidence), problems
