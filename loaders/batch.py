"""Several documents at once: extract a batch of files (in worker processes if asked), merge their
extractions into one graph, and write them out as the ``instgraph extract`` JSON or a table.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.collector import gc_paused
from graph.errors import InstgraphError
from graph.model import Entity, Evidence, Relationship, entity_id
from graph.model.schema import Schema, load_schema
from loaders.country import COUNTRY_TYPE, country_named, document_country, with_country
from loaders.documents import Document
from loaders.extract import DraftRow, Extraction, FactRow, build_extraction, extract, gazetteer_keys, read_rows
from loaders.lexicon import name_key

if TYPE_CHECKING:  # networkx takes a third of a second to import: worker processes never need it
    from graph.model.institutional_graph import InstitutionalGraph


def document_entity(doc: Document) -> Entity:
    """The Document node for a document: its id, name and stated metadata."""
    extra: dict[str, Any] = {"sha256": doc.sha256, "lines": len(doc.lines)}
    for k, v in (("title", doc.title), ("author", doc.author), ("date", doc.date), ("file_name", doc.file_name)):
        if v:
            extra[k] = v
    return Entity(id=doc.id, type="Document", name=doc.name, sources=(doc.id,), extra=tuple(sorted(extra.items())))


def extraction_to_graph(
    extractions: Iterable[Extraction], schema: Schema | None = None, country: str | None = None
) -> InstitutionalGraph:
    """One graph from several documents' facts: one node per body across documents.

    Entities are merged by id; an entity of another document whose name equals a held entity's name
    or alias, or whose alias equals a held entity's name (same type), is folded into it, so "PSA" defined
    in one document and the full name in another are one node. Names of two documents that only share an
    alias stay two nodes: the Bahrain and the Bulgarian chambers of commerce are both "BCCI". Each entity
    gets a MENTIONED_IN edge to its Document node, citing the lines it is mentioned on. Each entity and
    document gets the country the document is about (:mod:`loaders.country`), or ``country`` (an alpha-3
    code) when given.
    """
    from graph.model.institutional_graph import InstitutionalGraph

    g = InstitutionalGraph(schema)
    by_name: dict[tuple[str, str], str] = {}  # every held name and alias
    by_main: dict[tuple[str, str], str] = {}  # held names only
    for x in extractions:
        code = country or document_country(x.document)
        doc_entity = g.add_entity(with_country(document_entity(x.document), code))
        remap: dict[str, str] = {}
        local: dict[tuple[str, str], str] = {}  # this document's names and aliases: any one shared is one body
        for e in x.entities:
            e = with_country(e, code)
            keys = [(e.type, name_key(n)) for n in (e.name, *e.aliases)]
            held = next((local[k] for k in keys if k in local), None) or by_name.get(keys[0]) or next(
                (by_main[k] for k in keys[1:] if k in by_main), None)
            if held is not None and held != e.id:
                remap[e.id] = held
                e = Entity(**{**e.__dict__, "id": held, "name": g.graph.nodes[held]["name"]})
            stored = g.add_entity(e)
            by_main.setdefault(keys[0], stored.id)
            for k in keys:
                by_name.setdefault(k, stored.id)
                local.setdefault(k, stored.id)
        for r in x.relationships:
            g.add_relationship(
                Relationship(
                    **{
                        **r.__dict__,
                        "source": remap.get(r.source, r.source),
                        "target": remap.get(r.target, r.target),
                        "context": remap.get(r.context, r.context) if r.context else None,
                    }
                )
            )
        mentions = dict(x.mentions)
        if code is not None and (named := _country_node(x, code)) is not None:  # the country the document is about
            mentions[g.add_entity(named[0]).id] = named[1]
        for eid, lines in mentions.items():
            target = remap.get(eid, eid)
            if target not in g.graph or not g.schema.allows("MENTIONED_IN", g.graph.nodes[target]["type"], "Document"):
                continue
            evidence = tuple(Evidence(x.document.id, n, n, x.document.line(n).strip()) for n in lines)
            g.add_relationship(
                Relationship(
                    type="MENTIONED_IN",
                    source=target,
                    target=doc_entity.id,
                    evidence=evidence,
                    sources=(x.document.id,),
                    method="extracted",
                    confidence=1.0,
                )
            )
    return g


def _country_node(x: Extraction, code: str) -> tuple[Entity, tuple[int, ...]] | None:
    """The country a document is about as a node, with the lines naming it, where no entity of the extraction
    is that country already (its name may stand only inside other names, or in capitals in a title)."""
    if any(e.type == COUNTRY_TYPE and with_country(e, None).country == code for e in x.entities):
        return None
    named = country_named(x.document.lines, code)
    if named is None:
        return None
    name, lines = named
    entity = Entity(id=entity_id(COUNTRY_TYPE, name), type=COUNTRY_TYPE, name=name, sources=(x.document.id,),
                    country=code)
    return entity, tuple(lines)


def _document_json(x: Extraction) -> dict[str, Any]:
    return {
        "id": x.document.id,
        "path": x.document.path,
        "title": x.document.title,
        "sha256": x.document.sha256,
        "author": x.document.author,
        "date": x.document.date,
        "lines": len(x.document.lines),
    }


def _entity_json(graph: InstitutionalGraph, e: Entity) -> dict[str, Any]:
    """An entity with the lines that mention it (its MENTIONED_IN links' evidence)."""
    mentions = []
    for _, doc_id, data in graph.graph.out_edges(e.id, data=True):
        if data["type"] == "MENTIONED_IN":
            mentions += [{"document": doc_id, "line": ev["lines"][0]} for ev in data["evidence"]]
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "country": e.country,
        "aliases": list(e.aliases),
        "start": e.start,
        "end": e.end,
        "mentions": mentions,
    }


def _relation_json(r: Relationship) -> dict[str, Any]:
    return {
        "source": r.source,
        "type": r.type,
        "target": r.target,
        "context": r.context,
        "start": r.start,
        "end": r.end,
        "confidence": r.confidence,
        "note": r.note,
        "evidence": [
            {
                "document": ev.document,
                "line": ev.first_line,
                "lines": [ev.first_line, ev.last_line],
                "text": ev.text,
            }
            for ev in r.evidence
        ],
    }


def to_json(extractions: Iterable[Extraction], country: str | None = None) -> dict[str, Any]:
    """The ``instgraph extract`` JSON: documents, entities with their mentions, relations with evidence."""
    extractions = list(extractions)
    graph = extraction_to_graph(extractions, country=country)
    documents = [_document_json(x) for x in extractions]
    entities = [
        _entity_json(graph, e) for e in sorted(graph.entities(), key=lambda e: e.id) if e.type != "Document"
    ]
    relations = [
        _relation_json(r)
        for r in sorted(graph.relationships(), key=lambda r: (r.type, r.source, r.target, r.context or ""))
        if r.type != "MENTIONED_IN"
    ]
    return {"documents": documents, "entities": entities, "relations": relations}


def extract_many(
    paths: Iterable[str | Path],
    schema: Schema | None = None,
    gazetteer: Mapping[str, str] | None = None,
    jobs: int = 1,
    date: str | None = None,
) -> tuple[list[Extraction], list[str]]:
    """Read and extract files, one per task across ``jobs`` worker processes; results in ``paths`` order.
    A bad file gives one line in ``problems`` and the rest go on. ``date`` ("2024", "2024-10",
    "14 October 2024") is the documents' publication date; it wins over the date read from them.

    The result is the same whatever ``jobs`` is: extractions in the order of ``paths`` (a file that
    cannot be read is left out), and ``problems`` in that order too, one line per bad file or warning.
    Workers are separate processes (one document's extraction is pure Python and holds the GIL), so
    the gain is at most the number of free cores; with one file or ``jobs`` <= 1 no process is started.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("The Port Safety Agency (PSA) runs the Harbour Watch Programme\\n")
    >>> xs, problems = extract_many([d / "a.txt", d / "missing.txt"])
    >>> [r.type for r in xs[0].relationships], problems[0].endswith("does not exist; check the path")
    (['IMPLEMENTS'], True)
    """
    paths = list(paths)
    if jobs <= 1 or len(paths) <= 1:
        results = [_read_and_extract(p, schema, gazetteer, date) for p in paths]
        extractions = [x for x, _ in results if x is not None]
        return extractions, [p for _, ps in results for p in ps]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    schema = schema or load_schema()
    keys = gazetteer_keys(gazetteer)
    extractions, problems = [], []
    try:
        with ProcessPoolExecutor(
            max_workers=min(jobs, len(paths)),
            mp_context=multiprocessing.get_context(_start_method()),
            initializer=_start_worker,
            initargs=(schema, date),
        ) as pool:
            # One file per task keeps both workers busy to the end; thousands of small files go in
            # batches so the hand-over does not dominate. Workers send back their reading as plain
            # rows (cheap to pickle); the objects of the result are built here, as rows arrive.
            chunk = max(1, len(paths) // (16 * jobs))
            for doc, drafts, facts, found in pool.map(_worker_read, paths, chunksize=chunk):
                problems += found
                if doc is not None:
                    with gc_paused():
                        extractions.append(build_extraction(doc, keys, drafts, facts))
    except BrokenProcessPool:
        # A worker was killed (out of memory, a signal): say so in one line; nothing was written.
        raise InstgraphError(
            f"an extraction worker process died (out of memory or killed); rerun with fewer --jobs "
            f"than {jobs}, or --jobs 1"
        ) from None
    return extractions, problems


def _start_method() -> str:
    """fork when this process runs one thread (on Linux): a forked worker starts at once, with the
    modules, compiled patterns and memos already loaded, where a spawned one spends a third of a
    second of CPU importing them, which two workers on two cores do not win back on a few megabytes.
    spawn otherwise: a caller's threads (a database driver, a progress bar) may hold locks that a
    forked child would inherit half-way."""
    import threading

    return "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"


def _read_and_extract(
    path: str | Path, schema: Schema | None, gazetteer: Mapping[str, str] | None, date: str | None = None
) -> tuple[Extraction | None, list[str]]:
    from loaders.documents import read_documents

    documents, problems = read_documents([path], date=date)
    return (extract(documents[0], schema, gazetteer) if documents else None), problems


_WORKER_ARGS: tuple[Schema | None, str | None] = (None, None)


def _start_worker(schema: Schema | None, date: str | None) -> None:
    global _WORKER_ARGS
    _WORKER_ARGS = (schema, date)


def _worker_read(path: str | Path) -> tuple[Document | None, list[DraftRow], list[FactRow], list[str]]:
    """A worker's task: read one file and its reading, as rows."""
    from loaders.documents import read_documents

    schema, date = _WORKER_ARGS
    schema = schema or load_schema()
    documents, problems = read_documents([path], date=date)
    if not documents:
        return None, [], [], problems
    with gc_paused():
        drafts, facts = read_rows(documents[0], schema)
    return documents[0], drafts, facts, problems
