"""Score an extraction against a curated graph: entity and relationship precision and recall.

Entities match by id, or by name/alias equivalence (case, "the", "&" and dashes ignored) through the
curated graph's names and aliases. Relationships match by (type, source, target) after mapping each
end to its curated entity; symmetric types are unordered. Curated facts below ``min_confidence`` —
facts the curators themselves mark as only implied (a diagram placement, a bound inferred from
another fact) — are left out of recall; an extracted fact that matches one is not counted against
precision either. Document nodes and MENTIONED_IN edges are bookkeeping and are not scored.

>>> from graph.model import Entity, Relationship
>>> from graph.model.institutional_graph import InstitutionalGraph
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

from graph.errors import InputError
from graph.model import Entity, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from loaders.evaluate.scores import Score
from loaders.extract import Extraction
from loaders.lexicon import name_key

_UNSCORED_TYPES = ("Document",)
_UNSCORED_RELATIONS = ("MENTIONED_IN",)
# A relationship as scored: (type, source, target), the ends of a symmetric type in sorted order.
_Key = tuple[str, str, str]


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

    def to_text(self, misses: bool | None = None) -> str:
        """A plain report: overall figures, by type, then (unless ``misses`` is False) the misses and
        false positives."""
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
        if misses is False:
            return "\n".join(out)
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

    def to_json(self) -> dict[str, object]:
        """Every figure, by type, with the misses and false positives, for machines."""

        def block(s: Score) -> dict[str, object]:
            return {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "right": s.true_positives,
                "counted": s.extracted,
                "found": s.found_gold,
                "gold": s.gold,
                "by_type": {t: dict(zip(("right", "counted", "found", "gold"), v, strict=True))
                            for t, v in sorted(s.by_type.items())},
                "misses": s.misses,
                "false_positives": s.false_positives,
            }

        return {
            "entities": block(self.entities),
            "relationships": block(self.relationships),
            "min_confidence": self.min_confidence,
            "excluded": self.excluded,
        }


def _names(e: Entity) -> list[str]:
    """The entity's name, then its aliases: an ordered list, so that of two curated entities an extracted one
    could match, it matches the one its own name names, whatever the process's hash seed."""
    return list(dict.fromkeys((name_key(e.name), *(name_key(a.split("@")[0]) for a in e.aliases))))


def score(
    entities: Iterable[Entity],
    relationships: Iterable[Relationship],
    gold: InstitutionalGraph,
    min_confidence: float = 0.0,
) -> Report:
    """Score extracted entities and relationships against ``gold`` (see the module docstring)."""
    ents, mapping = _score_entities(entities, gold)
    rels, implied = _score_relationships(relationships, gold, mapping, min_confidence)
    excluded = [f"{r.type} {r.source} -> {r.target} (confidence {r.confidence})" for r in implied.values()]
    return Report(ents, rels, min_confidence, excluded)


def _score_entities(entities: Iterable[Entity], gold: InstitutionalGraph) -> tuple[Score, dict[str, str]]:
    """The entity score, and the curated entity each matched extracted entity maps to (by id)."""
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
            ents.count_type(e.type, tp=1, ext=1)
        else:
            ents.false_positives.append(e.id)
            ents.count_type(e.type, ext=1)
    found = set(mapping.values())
    for e in gold_entities:
        ents.count_type(e.type, gold=1, found=int(e.id in found))
        if e.id in found:
            ents.found_gold += 1
        else:
            ents.misses.append(f"{e.id} ({e.name})")
    return ents, mapping


def _score_relationships(
    relationships: Iterable[Relationship], gold: InstitutionalGraph, mapping: dict[str, str], min_confidence: float
) -> tuple[Score, dict[_Key, Relationship]]:
    """The relationship score (ends mapped to curated entities), and the curated facts only implied."""

    def key(r: Relationship, source: str, target: str) -> _Key:
        if gold.schema.relationship_types[r.type].symmetric and source > target:
            source, target = target, source
        return (r.type, source, target)

    scored: dict[_Key, Relationship] = {}
    implied: dict[_Key, Relationship] = {}
    for r in gold.relationships():
        if r.type in _UNSCORED_RELATIONS:
            continue
        k = key(r, r.source, r.target)
        (scored if r.confidence >= min_confidence else implied)[k] = r
    rels = Score(gold=len(scored))
    seen: set[_Key] = set()
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
            rels.count_type(r.type, tp=1, ext=1)
        else:
            rels.false_positives.append(f"{r.type} {r.source} -> {r.target}")
            rels.count_type(r.type, ext=1)
    for k, r in scored.items():
        hit = k in seen
        rels.count_type(r.type, gold=1, found=int(hit))
        if hit:
            rels.found_gold += 1
        else:
            rels.misses.append(f"{r.type} {r.source} -> {r.target}")
    return rels, implied


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
    from loaders.batch import extract_many
    from loaders.dataset import locate_documents, open_dataset, to_graph

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
