"""What a parsed dataset holds: its documents, entities and relationships as written, with the YAML
lines they came from, and the paths and names every layer of the reader shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.model import Entity, Relationship, document_id
from loaders import documents

REPO_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_DIR / "data"
KOREA_DATASET = DATA_DIR / "korea-sme-digitalisation.yaml"
# The node type documents become; checked against the schema when a graph is built.
DOCUMENT_TYPE = "Document"
# The relationship an entity's cite becomes with top-level `mentions: <method>` (a draft of extraction).
MENTION_TYPE = "MENTIONED_IN"
# A language-tagged alias: 'text@ko', 'text@zh-Hant'.
_LANGUAGE_TAG = re.compile(r"^(?P<text>.+)@(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]+)*)$")


def default_seeds_dir() -> Path | None:
    """``../shared/seeds`` beside the repository, if it exists (the CLI may override it)."""
    seeds = REPO_DIR.parent / "shared" / "seeds"
    return seeds if seeds.is_dir() else None


def alias_text(alias: str) -> str:
    """An alias without its language tag: ``'중소벤처기업부@ko'`` → ``'중소벤처기업부'``."""
    m = _LANGUAGE_TAG.match(alias)
    return m.group("text") if m else alias


# --- documents' text --------------------------------------------------------------------------------
# One reader for every document (loaders.documents): a dataset's documents are read, numbered and
# identified exactly as extraction reads them, so one file is one Document node whichever way it came.
text_sha256 = documents.text_sha256
document_lines = documents.split_lines


# --- the parsed dataset -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Citation:
    """Lines ``first_line``–``last_line`` of the document keyed ``document``, cited at YAML line ``line``."""

    document: str
    first_line: int
    last_line: int
    line: int


@dataclass(frozen=True)
class DocumentSpec:
    key: str
    file: str | None
    sha256: str
    line: int
    file_line: int
    sha256_line: int
    metadata: tuple[tuple[str, Any], ...] = ()
    cite: tuple[Citation, ...] = ()

    @property
    def id(self) -> str:
        return document_id(self.sha256)

    def get(self, name: str) -> Any:
        return dict(self.metadata).get(name)


@dataclass(frozen=True)
class EntitySpec:
    entity: Entity
    line: int
    cite: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class RelationshipSpec:
    """A relationship as written: the ends resolved to ids, evidence still without text."""

    relationship: Relationship
    line: int
    cite: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Dataset:
    path: str
    documents: dict[str, DocumentSpec]
    entities: tuple[EntitySpec, ...]
    relationships: tuple[RelationshipSpec, ...]
    mentions: str | None = None  # a method: each entity's cite lines become its MENTIONED_IN links

    def entity(self, entity_id: str) -> Entity:
        for spec in self.entities:
            if spec.entity.id == entity_id:
                return spec.entity
        raise KeyError(entity_id)
