"""Typed facts: entities, relationships and the evidence that cites them.

Loaders produce these; :class:`graph.model.institutional_graph.InstitutionalGraph` merges them. They are
frozen so that a fact, once made, is never changed behind a view's or a store's back.

>>> e = Entity(type="Ministry", name="Ministry of Examples (MoE)")
>>> e.id
'ministry:ministry-of-examples-moe'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from graph.model.dating import TIME_PROPERTIES

METHODS = ("curated", "extracted", "derived")
# When two facts with the same identity are merged, the more trustworthy method wins.
_METHOD_RANK = {m: i for i, m in enumerate(METHODS)}


_QUOTES = re.compile(r"[’'`\"“”‘]")
_NOT_WORD = re.compile(r"[^\w]+")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; non-Latin text keeps its letters.

    >>> slug("Ministry of SMEs and Startups")
    'ministry-of-smes-and-startups'
    >>> slug("  Korea’s “Smart” Office ")
    'koreas-smart-office'
    """
    text = unicodedata.normalize("NFKC", text).lower()
    return _NOT_WORD.sub("-", _QUOTES.sub("", text)).strip("-_")


@lru_cache(maxsize=1 << 16)
def entity_id(type_: str, name: str) -> str:
    """The stable id of an entity: its type and canonical name, so re-loading never duplicates.

    Remembered per (type, name): names recur across a corpus's documents, and a slug costs two
    regex passes and a normalisation.
    """
    return f"{type_.lower()}:{slug(name)}"


def document_id(sha256: str) -> str:
    """A document's id: derived from the sha256 of its normalised text (the first 16 hex digits)."""
    return f"document:{sha256[:16]}"


@dataclass(frozen=True, order=True)
class Evidence:
    """Where a fact is stated: a document id, a 1-based inclusive line span and, if at hand, the text."""

    document: str
    first_line: int
    last_line: int
    text: str | None = None

    def __post_init__(self) -> None:
        if self.first_line < 1 or self.last_line < self.first_line:
            raise ValueError(f"bad line span {self.first_line}-{self.last_line} in evidence for {self.document}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "lines": [self.first_line, self.last_line],
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Evidence:
        first, last = raw["lines"]
        return cls(str(raw["document"]), int(first), int(last), raw.get("text"))


@dataclass(frozen=True)
class Entity:
    """A typed node: an actor, an instrument, a target group, a country or a document."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    country: str | None = None
    description: str | None = None
    figures: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()
    # Type-specific properties declared in the schema under the node type (e.g. a Document's sha256).
    extra: tuple[tuple[str, Any], ...] = ()
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.name or not self.name.strip():
            raise ValueError(f"an entity of type {self.type} has no name")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"{self.name}: end year {self.end} is before start year {self.start}")
        if not self.id:
            object.__setattr__(self, "id", entity_id(self.type, self.name))

    def properties(self) -> dict[str, Any]:
        """Flat properties for networkx and Neo4j, without the id (the node's key); None means absent."""
        props: dict[str, Any] = {
            "type": self.type,
            "name": self.name,
            "aliases": list(self.aliases),
            "start": self.start,
            "end": self.end,
            "country": self.country,
            "description": self.description,
            "figures": dict(self.figures),
            "sources": list(self.sources),
        }
        props.update(dict(self.extra))
        return props

    @classmethod
    def from_properties(cls, props: dict[str, Any]) -> Entity:
        # the time properties are derived from the graph as a whole (graph.model.dating), never an entity's own
        known = {"id", "type", "name", "aliases", "start", "end", "country", "description", "figures", "sources"}
        known |= set(TIME_PROPERTIES)
        return cls(
            id=props["id"],
            type=props["type"],
            name=props["name"],
            aliases=tuple(props.get("aliases") or ()),
            start=props.get("start"),
            end=props.get("end"),
            country=props.get("country"),
            description=props.get("description"),
            figures=tuple(sorted((props.get("figures") or {}).items())),
            sources=tuple(props.get("sources") or ()),
            extra=tuple(sorted((k, v) for k, v in props.items() if k not in known and v is not None)),
        )


@dataclass(frozen=True)
class Relationship:
    """A typed, dated, cited edge between two entity ids.

    Its identity is (type, source, target, context); for a symmetric type the two ends are put in
    a canonical order, so "A collaborates with B" and "B collaborates with A" are one fact.
    """

    type: str
    source: str
    target: str
    start: int | None = None
    end: int | None = None
    context: str | None = None
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[str, ...] = ()
    method: str = "curated"
    confidence: float = 1.0
    note: str | None = None

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"method {self.method!r} is not one of {', '.join(METHODS)}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} is not between 0 and 1")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(
                f"{self.type} {self.source} -> {self.target}: end year {self.end} is before start year {self.start}"
            )

    @property
    def key(self) -> str:
        """The edge key in the networkx MultiDiGraph and the MERGE key in Neo4j."""
        return f"{self.type}@{self.context}" if self.context else self.type

    @property
    def rel_id(self) -> str:
        """A short stable id for the relationship as a whole."""
        raw = "\x1f".join((self.type, self.source, self.target, self.context or ""))
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]

    def properties(self) -> dict[str, Any]:
        """Properties for networkx and Neo4j; the ends and the key (``TYPE@context``) are the edge's identity."""
        return {
            "id": self.rel_id,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "context": self.context,
            "evidence": [e.to_dict() for e in self.evidence],
            "sources": list(self.sources),
            "method": self.method,
            "confidence": self.confidence,
            "note": self.note,
        }

    @classmethod
    def from_properties(cls, source: str, target: str, props: dict[str, Any]) -> Relationship:
        return cls(
            type=props["type"],
            source=source,
            target=target,
            start=props.get("start"),
            end=props.get("end"),
            context=props.get("context"),
            evidence=tuple(Evidence.from_dict(e) for e in props.get("evidence") or ()),
            sources=tuple(props.get("sources") or ()),
            method=props.get("method", "curated"),
            confidence=float(props.get("confidence", 1.0)),
            note=props.get("note"),
        )


def _first(a: Any, b: Any) -> Any:
    return a if a is not None else b


def _union(a: tuple[Any, ...], b: tuple[Any, ...]) -> tuple[Any, ...]:
    """Order-preserving union without duplicates."""
    return tuple(dict.fromkeys((*a, *b)))


def merge_entities(a: Entity, b: Entity) -> Entity:
    """One entity from two facts about it: known values kept, aliases and sources accumulated."""
    if a.id != b.id:
        raise ValueError(f"cannot merge {a.id} with {b.id}")
    start, end = _lifetime(a, b)
    return Entity(
        id=a.id,
        type=a.type,
        name=a.name,
        aliases=_union(a.aliases, b.aliases),
        start=start,
        end=end,
        country=_first(a.country, b.country),
        description=_first(a.description, b.description),
        figures=tuple(sorted({**dict(b.figures), **dict(a.figures)}.items())),
        sources=_union(a.sources, b.sources),
        extra=tuple(sorted({**dict(b.extra), **dict(a.extra)}.items())),
    )


def _lifetime(a: Entity, b: Entity) -> tuple[int | None, int | None]:
    """The years of one entity two sources give: each known year kept; where they disagree (one source
    ends it before the other starts it), the earliest start and an open end, covering both."""
    start, end = _first(a.start, b.start), _first(a.end, b.end)
    if start is None or end is None or start <= end:
        return start, end
    return min(y for y in (a.start, b.start) if y is not None), None


def _union_span(a: Relationship, b: Relationship) -> tuple[int | None, int | None]:
    """The smallest span covering both (an open or unknown end stays open)."""
    start = None if a.start is None or b.start is None else min(a.start, b.start)
    end = None if a.end is None or b.end is None else max(a.end, b.end)
    return start, end


def merge_relationships(a: Relationship, b: Relationship, *, span: str = "first") -> Relationship:
    """One relationship from two statements of it: evidence accumulates, the better method leads.

    ``span="first"`` keeps the years the leading statement gives (filling unknowns from the other);
    ``span="union"`` covers both spans — for folding a body and its successor into one, where the same
    kind of fact held before and after the reorganisation.
    """
    if a.key != b.key or a.source != b.source or a.target != b.target:
        raise ValueError(f"cannot merge {a.key} {a.source}->{a.target} with {b.key} {b.source}->{b.target}")
    lead, other = (a, b) if _METHOD_RANK[a.method] <= _METHOD_RANK[b.method] else (b, a)
    start, end = _first(lead.start, other.start), _first(lead.end, other.end)
    if span == "union" or (start is not None and end is not None and end < start):
        start, end = _union_span(a, b)
    return Relationship(
        type=a.type,
        source=a.source,
        target=a.target,
        start=start,
        end=end,
        context=a.context,
        evidence=_union(lead.evidence, other.evidence),
        sources=_union(lead.sources, other.sources),
        method=lead.method,
        confidence=max(a.confidence, b.confidence),
        note=_first(lead.note, other.note),
    )
