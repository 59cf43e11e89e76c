"""What a test of reading wants from an extraction: its facts by name, and its names."""

from __future__ import annotations

from loaders.documents import document_from_text
from loaders.extract import Extraction, extract


def facts(text: str) -> set[tuple[str, str, str]]:
    """(type, source name, target name) of every relationship read from ``text``."""
    x = extract(document_from_text(text))
    name = {e.id: e.name for e in x.entities}
    return {(r.type, name[r.source], name[r.target]) for r in x.relationships}


def names(x: Extraction) -> set[str]:
    return {e.name for e in x.entities}
