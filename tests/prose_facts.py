"""What a test of reading wants from an extraction: its facts by name (with their years), and its names."""

from __future__ import annotations

from loaders.documents import document_from_text
from loaders.extract import Extraction, extract


def dated_facts(x: Extraction) -> dict[tuple[str, str, str], tuple[int | None, int | None]]:
    """(type, source name, target name) of every relationship of ``x``, with its (start, end)."""
    name = {e.id: e.name for e in x.entities}
    return {(r.type, name[r.source], name[r.target]): (r.start, r.end) for r in x.relationships}


def facts(text: str) -> set[tuple[str, str, str]]:
    """(type, source name, target name) of every relationship read from ``text``."""
    return set(dated_facts(extract(document_from_text(text))))


def names(x: Extraction) -> set[str]:
    return {e.name for e in x.entities}
