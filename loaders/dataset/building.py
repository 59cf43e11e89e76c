"""A parsed dataset checked against its documents' texts and built into an
:class:`~graph.model.institutional_graph.InstitutionalGraph`, quoting the cited lines when the text is at hand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from graph.errors import InputError
from graph.model import Entity, Evidence, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from loaders.dataset.specs import (
    DOCUMENT_TYPE,
    MENTION_TYPE,
    Citation,
    Dataset,
    document_lines,
    text_sha256,
)


def check_documents(dataset: Dataset, texts: Mapping[str, str]) -> None:
    """Check the dataset against the documents' texts at hand (key → text); raise :class:`InputError`.

    The text's sha256 must match the dataset's, and so must the line count when the dataset gives one;
    every citation of a document at hand must fall inside it.
    """
    for key, text in texts.items():
        doc = dataset.documents[key]
        actual = text_sha256(text)
        if actual != doc.sha256:
            raise InputError(
                dataset.path,
                f"document {key!r}: the text of {doc.file or key} has sha256 {actual}, the dataset says "
                f"{doc.sha256}; if the file changed on purpose, update sha256 and check every citation",
                doc.sha256_line,
            )
        total = len(document_lines(text))
        declared = doc.get("lines")
        if declared is not None and declared != total:
            raise InputError(
                dataset.path, f"document {key!r}: says lines: {declared}, the file has {total}", doc.line
            )
    cites = [c for d in dataset.documents.values() for c in d.cite]
    cites += [c for s in dataset.entities for c in s.cite]
    cites += [c for s in dataset.relationships for c in s.cite]
    for c in cites:
        if c.document in texts:
            total = len(document_lines(texts[c.document]))
            if c.last_line > total:
                raise InputError(
                    dataset.path,
                    f"line {c.last_line} is out of range; document {c.document} has {total} lines",
                    c.line,
                )


def _evidence(c: Citation, dataset: Dataset, lines: Mapping[str, list[str]]) -> Evidence:
    text = None
    if c.document in lines:
        text = "\n".join(lines[c.document][c.first_line - 1 : c.last_line])
    return Evidence(dataset.documents[c.document].id, c.first_line, c.last_line, text)


def to_graph(
    dataset: Dataset, texts: Mapping[str, str] | None = None, graph: InstitutionalGraph | None = None
) -> InstitutionalGraph:
    """Build (or add to) an :class:`InstitutionalGraph` from a parsed dataset.

    Documents become ``Document`` entities (id from the sha256 of their text); entities and relationships
    carry ``sources`` (the ids of the documents they cite); relationships carry ``evidence`` per citation,
    with the cited lines' text when the document's text is in ``texts``.
    """
    graph = graph if graph is not None else InstitutionalGraph()
    graph.schema.check_label(DOCUMENT_TYPE)
    lines = {key: document_lines(text) for key, text in (texts or {}).items()}
    doc_ids = {key: doc.id for key, doc in dataset.documents.items()}
    for doc in dataset.documents.values():
        extra = dict(doc.metadata)
        extra["sha256"] = doc.sha256
        if doc.file:
            extra["file_name"] = Path(doc.file).name
        if doc.key in lines:
            extra["lines"] = len(lines[doc.key])
        graph.add_entity(
            Entity(
                type=DOCUMENT_TYPE,
                id=doc.id,
                name=str(extra.get("title") or doc.key),
                extra=tuple(sorted(extra.items())),
            )
        )
    # An entity's sources: the documents it cites and those citing its relationships.
    mentioned: dict[str, list[str]] = {}
    for spec in dataset.entities:
        mentioned.setdefault(spec.entity.id, []).extend(doc_ids[c.document] for c in spec.cite)
    for rspec in dataset.relationships:
        for end in (rspec.relationship.source, rspec.relationship.target):
            mentioned.setdefault(end, []).extend(doc_ids[c.document] for c in rspec.cite)
    for spec in dataset.entities:
        sources = tuple(dict.fromkeys(mentioned.get(spec.entity.id, ())))
        graph.add_entity(replace(spec.entity, sources=sources))
    for rspec in dataset.relationships:
        graph.add_relationship(
            replace(
                rspec.relationship,
                evidence=tuple(_evidence(c, dataset, lines) for c in rspec.cite),
                sources=tuple(dict.fromkeys(doc_ids[c.document] for c in rspec.cite)),
            )
        )
    if dataset.mentions is not None:
        _add_mentions(graph, dataset, lines, dataset.mentions)
    return graph


def _add_mentions(graph: InstitutionalGraph, dataset: Dataset, lines: Mapping[str, list[str]], method: str) -> None:
    """Each entity's cite as MENTIONED_IN links, one per document, citing the lines (``mentions:``)."""
    for spec in dataset.entities:
        by_document: dict[str, list[Citation]] = {}
        for c in spec.cite:
            by_document.setdefault(c.document, []).append(c)
        for key, cites in by_document.items():
            doc_id = dataset.documents[key].id
            if not graph.schema.allows(MENTION_TYPE, spec.entity.type, DOCUMENT_TYPE):
                continue
            graph.add_relationship(
                Relationship(
                    type=MENTION_TYPE,
                    source=spec.entity.id,
                    target=doc_id,
                    evidence=tuple(_evidence(c, dataset, lines) for c in cites),
                    sources=(doc_id,),
                    method=method,
                    confidence=1.0,
                )
            )


def entity_evidence(
    dataset: Dataset, texts: Mapping[str, str] | None = None
) -> dict[str, tuple[Evidence, ...]]:
    """Where each entity is cited (entity id → evidence), e.g. for ``MENTIONED_IN`` line numbers.

    The graph keeps only an entity's ``sources`` (document ids); this keeps the lines, quoted when the
    document's text is in ``texts``.
    """
    lines = {key: document_lines(text) for key, text in (texts or {}).items()}
    return {
        s.entity.id: tuple(_evidence(c, dataset, lines) for c in s.cite) for s in dataset.entities if s.cite
    }
