"""Score an extraction against a corpus gold (:mod:`loaders.evaluate.corpus_gold`): recall and precision
per document and relation family, with what was missed and what is not in the gold.

These are the corpus's scoring rules, written once for the project (``instgraph evaluate`` and
``benchmarks/extract_quality.py`` both call them):

- names are compared by :func:`~loaders.evaluate.corpus_gold.corpus_key` (lower case, "&" as "and",
  quotes dropped, other punctuation as spaces, a leading "the"/"a"/"an" dropped); an entity is its
  name and its aliases;
- a gold entity is found when an extracted entity mentioned in its document shares a name with it;
- an extracted entity counts for precision unless it is a Document, or a Country whose name is not a
  country of that document's gold; it is right when it shares a name with any gold entity;
- a gold relation is found by an extracted relation of its document (evidence there) whose type is in
  its family, from an extracted entity found for its source to one found for its target (either way
  round for collab); a gold start year is met by the same start or none;
- an extracted relation counts for precision unless it is TARGETS, PROVIDES_FOR or MENTIONED_IN; it is
  right when it finds some gold relation.

For the per-family precision columns each counted relation belongs to one family: that of the gold
relation it finds (its type's own family first), else its type's own family, else "other" — so the
family columns add up to the relation totals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import InputError
from loaders.evaluate.corpus_gold import (
    FAMILIES,
    GoldDocument,
    corpus_key,
    name_keys,
    read_corpus_gold,
    years_text,
)
from loaders.evaluate.scores import Score, total

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
        return total(self.families.values())


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
        return total(d.entities for d in self.documents)

    @property
    def relations(self) -> Score:
        return total(d.relations for d in self.documents)

    def family(self, name: str) -> Score:
        return total(d.families[name] for d in self.documents)

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
    found = _score_entities(ds, g, here)
    hits = _find_gold_relations(ds, g, rels, found)
    _count_extracted_relations(ds, rels, hits, names)
    return ds


def _score_entities(ds: DocumentScore, g: GoldDocument, here: list[dict]) -> dict[str, set[str]]:
    """Entities: recall over the gold, precision over what was extracted here. Returns the ids of the
    extracted entities found for each gold entity (by its name)."""
    keys_of = {e["id"]: name_keys(e.get("name"), e.get("aliases")) for e in here}
    type_of = {e["id"]: e.get("type") for e in here}
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
    return found


def _find_gold_relations(
    ds: DocumentScore, g: GoldDocument, rels: list[dict], found: dict[str, set[str]]
) -> dict[int, list[str]]:
    """Each gold relation is found or missed (recall by family). Returns, for each extracted relation
    (by its index in ``rels``) that found some, the families of the gold relations it found."""
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
    return hits


def _count_extracted_relations(ds: DocumentScore, rels: list[dict], hits: dict[int, list[str]], names: dict) -> None:
    """Precision by family: each counted extracted relation in one family's column (see the module docstring)."""
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
            column.false_positives.append(f"{source} {kind} {target}{years_text(r.get('start'), r.get('end'))}")


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
