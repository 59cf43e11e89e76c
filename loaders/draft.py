"""A draft an analyst corrects: what extraction found, written in the curated dataset format of ``data/``.

``instgraph extract DOCS --format dataset -o draft.yaml`` writes it; ``instgraph build --data draft.yaml
--no-extract`` reads it back through the one dataset reader (:mod:`loaders.dataset`) into the same graph
extraction makes of the documents: the same ids, years and citations. Documents carry their sha256 (so
the reader checks the file is the one that was read), entities their aliases and the lines that mention
them (top-level ``mentions: extracted`` keeps those as MENTIONED_IN links), relationships their years,
citations, ``method: extracted`` and confidence, each with the first line it cites as a comment.

Names are unique within a dataset (references resolve by name): an alias that is another entity's name
or an earlier entity's alias is left out with a comment saying so (names come first); relationships name
their ends by id, which never clashes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from graph.model.institutional_graph import InstitutionalGraph
from loaders.batch import extraction_to_graph
from loaders.extract import Extraction

MENTION = "MENTIONED_IN"
_QUOTE_CHARS = 110  # of the cited line shown beside a relationship

HEADER = """\
# A DRAFT dataset: what `instgraph extract` read in {count} document(s). Nothing here is checked yet.
#
# How to review it (the format is that of data/korea-sme-digitalisation.yaml; its header explains it):
#   1. Read each relationship against the line quoted beside it (`cite` gives every line, as `cat -n`
#      numbers the document). Delete what the document does not say; fix the type, the ends or the
#      years where it says something else; raise `confidence` once you have checked a fact.
#   2. Entities: fix a name or a type, merge two entries that are one body (keep one, move the other's
#      name into `aliases`, point its relationships at the kept one), delete what is not an institution,
#      instrument or target group. An entity's `cite` lists the lines that mention it.
#   3. Keep `method: extracted` on what you only checked; write `method: curated` on what you corrected.
#   4. Build from it: instgraph build --data THIS_FILE --no-extract
#      (--no-extract: the documents are not read again, so what you deleted stays deleted; the reader
#      checks each document's sha256 and that every cited line exists, and names the line of a mistake).
"""


def draft_dataset(extractions: Sequence[Extraction]) -> str:
    """The YAML text of a draft dataset of ``extractions`` (one or more documents, merged as ``build``
    merges them). Document paths are absolute: the reader finds them wherever the draft is built from,
    whatever ``--seeds`` or ``INSTGRAPH_SEEDS`` say."""
    graph = extraction_to_graph(extractions)
    keys = _document_keys(extractions)
    out = [HEADER.format(count=len(extractions)), "mentions: extracted", "", "documents:"]
    for x in extractions:
        out += _document(x, keys[x.document.id])
    out += ["", "entities:"]
    order = _entity_order(graph, keys)
    # Names first: an alias gives way to another entity's name (and to an earlier alias).
    taken: dict[str, str] = {}
    for node in order:
        taken.setdefault(_label_key(str(graph.graph.nodes[node]["name"])), node)
    for node in order:
        out += _entity(graph, node, keys, taken)
    out += ["", "relationships:"]
    for u, v, data in _relationship_order(graph, keys):
        out += _relationship(graph, u, v, data, keys)
    return "\n".join(out) + "\n"


# --- documents ---------------------------------------------------------------------------------------------
def _document_keys(extractions: Iterable[Extraction]) -> dict[str, str]:
    """A short readable key per document (its file name's stem), unique within the draft."""
    keys: dict[str, str] = {}
    for x in extractions:
        base = re.sub(r"[^a-z0-9]+", "-", Path(x.document.path).stem.lower()).strip("-")[:40] or "document"
        key, n = base, 2
        while key in keys.values():
            key, n = f"{base}-{n}", n + 1
        keys[x.document.id] = key
    return keys


def _document(x: Extraction, key: str) -> list[str]:
    doc = x.document
    fields: dict[str, Any] = {"file": str(Path(doc.path).resolve()), "sha256": doc.sha256, "lines": len(doc.lines)}
    for name in ("title", "author", "date"):
        if getattr(doc, name):
            fields[name] = getattr(doc, name)
    return [f"  {_flow(key)}:", *(f"    {k}: {_flow(v)}" for k, v in fields.items())]


# --- entities ----------------------------------------------------------------------------------------------
def _mention_lines(graph: InstitutionalGraph, node: str) -> list[tuple[str, int, int]]:
    return [
        (ev["document"], *ev["lines"])
        for _, _, d in graph.graph.out_edges(node, data=True)
        if d["type"] == MENTION
        for ev in d.get("evidence") or ()
    ]


def _entity_order(graph: InstitutionalGraph, keys: Mapping[str, str]) -> list[str]:
    """Entities in the order a reader meets them: by document, then first mention."""
    rank = {doc: i for i, doc in enumerate(keys)}

    def first(node: str) -> tuple[int, int, str]:
        lines = _mention_lines(graph, node)
        return min(((rank.get(d, len(rank)), a, node) for d, a, _ in lines), default=(len(rank), 0, node))

    return sorted((n for n, t in graph.graph.nodes(data="type") if t != "Document"), key=first)


def _entity(graph: InstitutionalGraph, node: str, keys: Mapping[str, str], taken: dict[str, str]) -> list[str]:
    data = graph.graph.nodes[node]
    name = str(data["name"])
    out = [f"  - type: {data['type']}", f"    name: {_flow(name)}"]
    owner = taken[_label_key(name)]
    if owner != node:
        out.insert(0, f"  # the name also names {owner}: rename one of them before building")
    aliases: list[str] = []
    dropped: list[str] = []
    for alias in data.get("aliases") or ():
        owner = taken.setdefault(_label_key(str(alias)), node)
        (aliases if owner == node else dropped).append(str(alias))
    if aliases:
        out.append(f"    aliases: {_flow(aliases)}")
    for alias in dropped:
        out.append(f"    # alias {_flow(alias)} left out: it already names {taken[_label_key(alias)]}")
    for field in ("start", "end", "country", "description"):
        if data.get(field) is not None:
            out.append(f"    {field}: {_flow(data[field])}")
    if data.get("figures"):
        out.append(f"    figures: {_flow(dict(data['figures']))}")
    cite = _cite(_mention_lines(graph, node), keys)
    if cite:
        out.append(f"    cite: {cite}")
    return out


def _label_key(text: str) -> str:
    """How the dataset reader compares names and aliases (case, spaces and a language tag ignored)."""
    from loaders.dataset import alias_text

    return " ".join(alias_text(text).casefold().split())


# --- relationships -----------------------------------------------------------------------------------------
def _relationship_order(graph: InstitutionalGraph, keys: Mapping[str, str]) -> list[tuple[str, str, dict[str, Any]]]:
    rank = {doc: i for i, doc in enumerate(keys)}
    rels = [(u, v, d) for u, v, d in graph.graph.edges(data=True) if d["type"] != MENTION]

    def first(item: tuple[str, str, dict[str, Any]]) -> tuple[int, int, str, str, str]:
        u, v, d = item
        cites = [(rank.get(ev["document"], len(rank)), ev["lines"][0]) for ev in d.get("evidence") or ()]
        return (*min(cites, default=(len(rank), 0)), d["type"], u, v)

    return sorted(rels, key=first)


def _relationship(
    graph: InstitutionalGraph, u: str, v: str, data: Mapping[str, Any], keys: Mapping[str, str]
) -> list[str]:
    names = graph.graph.nodes
    evidence = list(data.get("evidence") or ())
    out = []
    if evidence and evidence[0].get("text"):
        quoted = " ".join(str(evidence[0]["text"]).split())
        quoted = quoted if len(quoted) <= _QUOTE_CHARS else quoted[: _QUOTE_CHARS - 1] + "…"
        out.append(f"  # {keys.get(evidence[0]['document'], '')}:{evidence[0]['lines'][0]}  {quoted}")
    out += [
        f"  - type: {data['type']}",
        f"    source: {_flow(u)}  # {names[u]['name']}",
        f"    target: {_flow(v)}  # {names[v]['name']}",
    ]
    for field in ("start", "end"):
        if data.get(field) is not None:
            out.append(f"    {field}: {data[field]}")
    if data.get("context"):
        out.append(f"    context: {_flow(data['context'])}  # {names[data['context']]['name']}")
    cite = _cite([(ev["document"], *ev["lines"]) for ev in evidence], keys)
    if cite:
        out.append(f"    cite: {cite}")
    out.append(f"    method: {data.get('method') or 'extracted'}")
    out.append(f"    confidence: {data.get('confidence', 1.0):g}")
    if data.get("note"):
        out.append(f"    note: {_flow(data['note'])}")
    return out


# --- YAML values -------------------------------------------------------------------------------------------
def _cite(lines: Iterable[tuple[str, int, int]], keys: Mapping[str, str]) -> str:
    """``{key: [[first, last], ...]}`` in citation order (every span written as a pair: a list of two
    bare numbers would read as one span)."""
    by_document: dict[str, list[list[int]]] = {}
    for doc, first, last in lines:
        by_document.setdefault(keys.get(doc, doc), []).append([first, last])
    cite = {k: spans[0] if len(spans) == 1 else spans for k, spans in by_document.items()}
    return _flow(cite) if cite else ""


def _flow(value: Any) -> str:
    """A value as one line of flow-style YAML (quoted where YAML needs it)."""
    text = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=2**31, sort_keys=False)
    return text.strip()[1:-1]
