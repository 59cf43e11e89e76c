"""Score an extraction against a curated graph: entity and relationship precision and recall.

Entities match by id, or by name/alias equivalence (case, "the", "&" and dashes ignored) through the
curated graph's names and aliases. Relationships match by (type, source, target) after mapping each
end to its curated entity; symmetric types are unordered. Curated facts below ``min_confidence`` —
facts the curators themselves mark as only implied (a diagram placement, a bound inferred from
another fact) — are left out of recall; an extracted fact that matches one is not counted against
precision either. Document nodes and MENTIONED_IN edges are bookkeeping and are not scored.

The second half scores against a corpus gold file (``gold.json``: per document, the entities and the
relations by family an analyst reads there): :func:`score_corpus` and :func:`evaluate_corpus`, with the
corpus's own matching rules (stated above :data:`FAMILIES`). :func:`evaluate_against` picks one or the
other by the gold file's name (``instgraph evaluate``); ``benchmarks/extract_quality.py`` calls both halves.

>>> from graph.model import Entity, Relationship
>>> from graph.model.institutional_graph import InstitutionalGraph
>>> gold = InstitutionalGraph.from_facts([Entity(type="Agency", name="Port Office", aliases=("PO",))], [])
>>> x = [Entity(type="Agency", name="PO"), Entity(type="Agency", name="Dock Board")]
>>> r = score(x, [], gold)
>>> (r.entities.precision, r.entities.recall, r.entities.false_positives)
(0.5, 1.0, ['agency:dock-board'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import InputError
from graph.model import Entity, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from loaders.extract import Extraction
from loaders.lexicon import name_key

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


# --- The corpus gold: a JSON file of what an analyst reads in each document --------------------------
#
# {"file name": {"entities": [{"name", "aliases", "type"}], "relations": [{"source", "family", "target",
# "start"?, "end"?}]}}. A type "A|B" means either type is right. The rules below are the corpus's scoring
# rules, written once for the project (the CLI and benchmarks/extract_quality.py both call them):
#
# - names are compared by :func:`corpus_key` (lower case, "&" as "and", quotes dropped, other punctuation
#   as spaces, a leading "the"/"a"/"an" dropped); an entity is its name and its aliases;
# - a gold entity is found when an extracted entity mentioned in its document shares a name with it;
# - an extracted entity counts for precision unless it is a Document, or a Country whose name is not a
#   country of that document's gold; it is right when it shares a name with any gold entity;
# - a gold relation is found by an extracted relation of its document (evidence there) whose type is in
#   its family, from an extracted entity found for its source to one found for its target (either way
#   round for collab); a gold start year is met by the same start or none;
# - an extracted relation counts for precision unless it is TARGETS, PROVIDES_FOR or MENTIONED_IN; it is
#   right when it finds some gold relation.
#
# For the per-family precision columns each counted relation belongs to one family: that of the gold
# relation it finds (its type's own family first), else its type's own family, else "other" — so the
# family columns add up to the relation totals.

FAMILIES: dict[str, frozenset[str]] = {
    "lead": frozenset({"LEADS", "IMPLEMENTS"}),
    "part": frozenset({"PART_OF"}),
    "succ": frozenset({"SUCCEEDED_BY", "TRANSFERRED_TO"}),
    "collab": frozenset({"PARTICIPATES_IN", "COLLABORATES_WITH", "IMPLEMENTS", "LEADS"}),
}
_EITHER_WAY = ("collab", "any")  # families whose relations match in either direction ("any": every type)
_OWN_FAMILY = {
    "LEADS": "lead",
    "IMPLEMENTS": "lead",
    "PART_OF": "part",
    "SUCCEEDED_BY": "succ",
    "TRANSFERRED_TO": "succ",
    "PARTICIPATES_IN": "collab",
    "COLLABORATES_WITH": "collab",
}
NEUTRAL_RELATIONS = frozenset({"TARGETS", "PROVIDES_FOR", "MENTIONED_IN"})
_COLUMNS = (*FAMILIES, "other")

_QUOTES = re.compile("[\"'`\u2018\u2019\u201c\u201d]")
_PUNCTUATION = re.compile(r"[^\w\s:]")
_ARTICLE = re.compile(r"^(?:the|an|a)\s+")
_SPACES = re.compile(r"\s+")


def corpus_key(name: str | None) -> str:
    """How the corpus gold compares names.

    >>> corpus_key("The Ministry of Ports & Harbours") == corpus_key("ministry of ports and harbours")
    True
    >>> corpus_key("“Go-Digital” Fund"), corpus_key("A: Plan")
    ('go digital fund', 'a: plan')
    """
    text = _PUNCTUATION.sub(" ", _QUOTES.sub("", (name or "").lower().replace("&", "and")))
    return _SPACES.sub(" ", _ARTICLE.sub("", text.strip())).strip()


def _keys(name: str | None, aliases: Iterable[str] | None) -> set[str]:
    """An entity's comparable names: its name and its aliases (a dated alias "X@2019" counts as X)."""
    return {corpus_key(name), *(corpus_key(a.split("@")[0]) for a in aliases or ())}


@dataclass(frozen=True)
class GoldEntity:
    name: str
    aliases: tuple[str, ...] = ()
    types: tuple[str, ...] = ()  # "A|B" in the file: either is right

    @property
    def keys(self) -> set[str]:
        return _keys(self.name, self.aliases)


@dataclass(frozen=True)
class GoldRelation:
    source: str
    family: str
    target: str
    start: int | None = None
    end: int | None = None

    def __str__(self) -> str:
        return f"{self.source} -{self.family}-> {self.target}{_years(self.start, self.end)}"


def _years(start: int | None, end: int | None) -> str:
    return "" if start is None and end is None else f" ({start or ''}-{end or ''})"


@dataclass(frozen=True)
class GoldDocument:
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]


def _bad_gold(path: Path | str, where: str, problem: str) -> InputError:
    return InputError(str(path), f"not a corpus gold file: {where}{problem}")


def parse_corpus_gold(data: object, path: Path | str = "gold.json") -> dict[str, GoldDocument]:
    """Check the shape of a loaded gold.json and return its documents; one line names the first fault.

    >>> parse_corpus_gold({"a.txt": {"entities": [{"name": "X", "type": "Agency|Ministry"}], "relations": []}})
    {'a.txt': GoldDocument(entities=(GoldEntity(name='X', aliases=(), types=('Agency', 'Ministry')),), relations=())}
    """
    shape = 'expected {"file name": {"entities": [...], "relations": [...]}}'
    if not isinstance(data, dict) or not data:
        raise _bad_gold(path, "", shape)
    if isinstance(data.get("documents"), list) and "relations" in data:
        raise _bad_gold(path, "", "it is instgraph extract output (documents, entities, relations); " + shape)
    gold: dict[str, GoldDocument] = {}
    for doc, body in data.items():
        if not isinstance(body, dict) or not isinstance(body.get("entities"), list):
            raise _bad_gold(path, f"{doc!r}: ", f"no list of entities; {shape}")
        if not isinstance(body.get("relations", []), list):
            raise _bad_gold(path, f"{doc!r}: ", "relations is not a list")
        entities = []
        for i, e in enumerate(body["entities"]):
            where = f"{doc!r} entities[{i}]: "
            if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not e["name"].strip():
                raise _bad_gold(path, where, "each entity needs a name")
            aliases = e.get("aliases") or []
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise _bad_gold(path, where, "aliases must be a list of names")
            types = e.get("type") or ""
            if not isinstance(types, str):
                raise _bad_gold(path, where, 'type must be a string such as "Agency" or "Agency|Programme"')
            entities.append(GoldEntity(e["name"], tuple(aliases), tuple(t.strip() for t in types.split("|") if t)))
        relations = []
        for i, r in enumerate(body.get("relations", [])):
            where = f"{doc!r} relations[{i}]: "
            if not isinstance(r, dict) or not all(isinstance(r.get(k), str) for k in ("source", "family", "target")):
                raise _bad_gold(path, where, "each relation needs a source, a family and a target")
            if r["family"] not in FAMILIES and r["family"] != "any":
                raise _bad_gold(path, where, f"family {r['family']!r} is unknown; use {', '.join(FAMILIES)}")
            years = [r.get(k) for k in ("start", "end")]
            if any(y is not None and (not isinstance(y, int) or isinstance(y, bool)) for y in years):
                raise _bad_gold(path, where, "start and end must be years (whole numbers)")
            relations.append(GoldRelation(r["source"], r["family"], r["target"], *years))
        gold[str(doc)] = GoldDocument(tuple(entities), tuple(relations))
    return gold


def read_corpus_gold(path: Path | str) -> dict[str, GoldDocument]:
    """A corpus gold.json file's documents, or an :class:`InputError` in one line."""
    import json

    from loaders.dataset import MAX_DATASET_BYTES, read_text

    text = read_text(Path(path), "gold file", MAX_DATASET_BYTES)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"gold file is not valid JSON ({exc.msg})", exc.lineno) from None
    return parse_corpus_gold(data, path)


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


@dataclass
class DocumentScore:
    """One gold document's scores: entities, and relations by family (with what was missed and wrong)."""

    name: str
    extracted: bool = True  # False: the document is not among the extracted ones, so all its gold is missed
    entities: Score = field(default_factory=Score)
    families: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in _COLUMNS})
    wrong_types: list[str] = field(default_factory=list)  # found, but with none of the gold's types

    @property
    def relations(self) -> Score:
        return _sum(self.families.values())


def _sum(scores: Iterable[Score]) -> Score:
    total = Score()
    for s in scores:
        total.true_positives += s.true_positives
        total.extracted += s.extracted
        total.gold += s.gold
        total.found_gold += s.found_gold
        total.misses += s.misses
        total.false_positives += s.false_positives
    return total


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.2f} {numerator}/{denominator}" if denominator else "   -"


@dataclass
class CorpusReport:
    """Recall and precision of an extraction against a corpus gold, per document and family, with totals."""

    gold: str
    documents: list[DocumentScore]
    not_in_gold: list[str] = field(default_factory=list)  # extracted documents the gold says nothing about

    @property
    def entities(self) -> Score:
        return _sum(d.entities for d in self.documents)

    @property
    def relations(self) -> Score:
        return _sum(d.relations for d in self.documents)

    def family(self, name: str) -> Score:
        return _sum(d.families[name] for d in self.documents)

    def summary(self) -> str:
        """One line of totals, in the corpus scorer's words."""
        e, r = self.entities, self.relations
        return (
            f"entity recall {e.recall:.2f} ({e.found_gold}/{e.gold}), precision {e.precision:.2f} "
            f"({e.true_positives}/{e.extracted}); relation recall {r.recall:.2f} ({r.found_gold}/{r.gold}), "
            f"precision {r.precision:.2f} ({r.true_positives}/{r.extracted})"
        )

    def to_text(self, misses: bool | None = None) -> str:
        """Two tables (recall, precision) of documents by family, the totals, and with ``misses`` the
        missed and spurious items per document."""
        width = max([len("document"), *(len(d.name) for d in self.documents)]) + 2
        rows = [*((d.name, d) for d in self.documents), ("total", None)]
        out: list[str] = [f"gold: {self.gold}"]
        other = self.family("other")
        recall_cols = ("entities", *FAMILIES, *(("other",) if other.gold else ()), "relations")
        precision_cols = ("entities", *FAMILIES, *(("other",) if other.extracted else ()), "relations")
        for title, cols, cell in (
            ("recall (found/gold)", recall_cols, lambda s: _ratio(s.found_gold, s.gold)),
            ("precision (right/counted)", precision_cols, lambda s: _ratio(s.true_positives, s.extracted)),
        ):
            out += ["", title, "document".ljust(width) + "".join(c.ljust(14) for c in cols).rstrip()]
            for label, d in rows:
                cells = [self._score(d, c) for c in cols]
                mark = "" if d is None or d.extracted else "  (not extracted)"
                out.append((label.ljust(width) + "".join(cell(s).ljust(14) for s in cells)).rstrip() + mark)
        out += ["", self.summary()]
        absent = [d.name for d in self.documents if not d.extracted]
        if absent:
            out.append(f"not among the extracted documents (their gold counts as missed): {', '.join(absent)}")
        if self.not_in_gold:
            out.append(f"extracted but not in the gold (not scored): {', '.join(self.not_in_gold)}")
        if misses:
            for d in self.documents:
                out += ["", f"{d.name}:" + ("" if d.extracted else " not among the extracted documents")]
                rel = d.relations
                for label, items in (
                    ("missed entities", d.entities.misses),
                    ("missed relations", rel.misses),
                    ("entities not in the gold", d.entities.false_positives),
                    ("relations not in the gold", rel.false_positives),
                    ("found with another type", d.wrong_types),
                ):
                    if items:
                        out.append(f"  {label} ({len(items)}):")
                        out += [f"    - {m}" for m in items]
        return "\n".join(out)

    def _score(self, d: DocumentScore | None, column: str) -> Score:
        if column == "entities":
            return d.entities if d else self.entities
        if column == "relations":
            return d.relations if d else self.relations
        return d.families[column] if d else self.family(column)

    def to_json(self) -> dict[str, object]:
        """Every figure and item, for machines (recall or precision is null where nothing was to count)."""

        def figures(s: Score) -> dict[str, object]:
            return {
                "recall": round(s.found_gold / s.gold, 4) if s.gold else None,
                "found": s.found_gold,
                "gold": s.gold,
                "precision": round(s.true_positives / s.extracted, 4) if s.extracted else None,
                "right": s.true_positives,
                "counted": s.extracted,
            }

        def block(d: DocumentScore | None) -> dict[str, object]:
            cols = ("entities", *_COLUMNS, "relations")
            return {c: figures(self._score(d, c)) for c in cols}

        documents = {}
        for d in self.documents:
            rel = d.relations
            documents[d.name] = {
                "extracted": d.extracted,
                **block(d),
                "missed_entities": d.entities.misses,
                "missed_relations": rel.misses,
                "spurious_entities": d.entities.false_positives,
                "spurious_relations": rel.false_positives,
                "wrong_types": d.wrong_types,
            }
        return {"gold": self.gold, "totals": block(None), "documents": documents, "not_in_gold": self.not_in_gold}


def _document_id(documents: list[dict], name: str) -> str | None:
    """The id of the extracted document whose path is ``name`` (a file name, or a path's tail)."""
    tail = name.replace("\\", "/")
    for d in documents:
        path = str(d.get("path", "")).replace("\\", "/")
        if path == tail or path.endswith("/" + tail):
            return d["id"]
    return None


def score_corpus(extraction: dict, gold: dict[str, GoldDocument], gold_name: str = "gold") -> CorpusReport:
    """Score an ``instgraph extract`` JSON (documents, entities, relations) against a corpus gold."""
    documents = list(extraction.get("documents", []))
    entities = list(extraction.get("entities", []))
    relations = list(extraction.get("relations", []))
    names = {e["id"]: e.get("name", e["id"]) for e in entities}
    report = CorpusReport(gold_name, [])
    scored_ids = set()
    for doc_name, g in gold.items():
        doc_id = _document_id(documents, doc_name)
        scored_ids.add(doc_id)
        report.documents.append(_score_document(doc_name, doc_id, g, entities, relations, names))
    report.not_in_gold = [str(d.get("path")) for d in documents if d["id"] not in scored_ids]
    return report


def _cites(places: list[dict] | None, doc_id: str | None) -> bool:
    """Whether mentions or evidence ``places`` include document ``doc_id``."""
    return doc_id is not None and any(p.get("document") == doc_id for p in places or [])


def _score_document(
    doc_name: str, doc_id: str | None, g: GoldDocument, entities: list[dict], relations: list[dict], names: dict
) -> DocumentScore:
    ds = DocumentScore(doc_name, extracted=doc_id is not None)
    here = [e for e in entities if _cites(e.get("mentions"), doc_id)]
    rels = [r for r in relations if _cites(r.get("evidence"), doc_id)]
    keys_of = {e["id"]: _keys(e.get("name"), e.get("aliases")) for e in here}
    type_of = {e["id"]: e.get("type") for e in here}

    # Entities: recall over the gold, precision over what was extracted here.
    gold_keys = set().union(*(ge.keys for ge in g.entities)) if g.entities else set()
    countries = {corpus_key(ge.name) for ge in g.entities if "Country" in ge.types}
    found: dict[str, set[str]] = {}
    ents = ds.entities
    for ge in g.entities:
        ids = {i for i, ks in keys_of.items() if ks & ge.keys}
        found[ge.name] = ids
        ents.gold += 1
        if not ids:
            ents.misses.append(ge.name)
            continue
        ents.found_gold += 1
        if ge.types and not any(type_of[i] in ge.types for i in ids):
            got = "/".join(sorted({str(type_of[i]) for i in ids}))
            ds.wrong_types.append(f"{ge.name}: extracted as {got}, gold {'|'.join(ge.types)}")
    for e in here:
        ks = keys_of[e["id"]]
        if e.get("type") == "Document" or (e.get("type") == "Country" and not ks & countries):
            continue
        ents.extracted += 1
        if ks & gold_keys:
            ents.true_positives += 1
        else:
            ents.false_positives.append(f"{e.get('name')} ({e.get('type')})")

    # Relations: each gold relation is found or missed; each extracted one remembers the families it found.
    hits: dict[int, list[str]] = {}
    for gr in g.relations:
        sources, targets = found.get(gr.source, set()), found.get(gr.target, set())
        types = FAMILIES.get(gr.family)  # None ("any"): every type
        matched = False
        for i, r in enumerate(rels):
            if types is not None and r.get("type") not in types:
                continue
            s, t = r.get("source"), r.get("target")
            forward = s in sources and t in targets
            backward = s in targets and t in sources
            if not (forward or (gr.family in _EITHER_WAY and backward)):
                continue
            if gr.start is not None and r.get("start") not in (gr.start, None):
                continue
            matched = True
            hits.setdefault(i, []).append(gr.family)
        column = ds.families[gr.family if gr.family in FAMILIES else "other"]
        column.gold += 1
        column.found_gold += matched
        if not matched:
            column.misses.append(str(gr))
    for i, r in enumerate(rels):
        kind = r.get("type", "")
        if kind in NEUTRAL_RELATIONS:
            continue
        own = _OWN_FAMILY.get(kind, "other")
        found_families = [f for f in hits.get(i, []) if f in FAMILIES]
        family = own if own in found_families or not found_families else found_families[0]
        column = ds.families[family]
        column.extracted += 1
        if i in hits:
            column.true_positives += 1
        else:
            source, target = names.get(r.get("source"), r.get("source")), names.get(r.get("target"), r.get("target"))
            column.false_positives.append(f"{source} {kind} {target}{_years(r.get('start'), r.get('end'))}")
    return ds


def _corpus_documents(gold_path: Path, gold: dict[str, GoldDocument]) -> list[Path]:
    """The gold's documents beside it: in its folder or in a documents/ folder next to it."""
    paths = []
    for name in gold:
        for folder in (gold_path.parent, gold_path.parent / "documents"):
            if (folder / name).is_file():
                paths.append(folder / name)
                break
    return paths


def evaluate_corpus(
    gold_path: Path | str, documents: Iterable[Path | str] = (), jobs: int = 1
) -> tuple[CorpusReport, list[str]]:
    """Extract ``documents`` (default: the gold's own, found beside it) and score them against a corpus
    gold file. Returns the report and the one-line problems met while reading documents."""
    from loaders.batch import extract_many, to_json

    gold_path = Path(gold_path)
    gold = read_corpus_gold(gold_path)
    paths = list(documents) or _corpus_documents(gold_path, gold)
    if not paths:
        raise InputError(str(gold_path), "none of its documents was found beside it; name them on the command line")
    extractions, problems = extract_many(paths, jobs=jobs)
    if not extractions:
        raise InputError(str(paths[0]), "; ".join(p.removeprefix("error: ") for p in problems))
    return score_corpus(to_json(extractions), gold, str(gold_path)), problems


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
