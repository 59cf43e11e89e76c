"""Extract typed entities and dated, cited relationships from a document, without any model.

Why compiled patterns and not spaCy: the rules here are about the *shape* of names (head nouns,
parentheses, quotes) and the layout of a deck (bullet trees, broken diagram labels), which need no
statistical model; a blank spaCy pipeline would add a tokenizer that alone runs far below the 5 MB/s
goal, and a dependency, for matching we can do with Python's ``re`` in one pass per statement.

Speed (benchmarks/extract_speed.py): about 0.5 MB of dense slide text per second and process
(tokenising, name building, the phrase table, bookkeeping); :func:`loaders.batch.extract_many`
(``--jobs``) spreads files over N processes.

Steps, per document: statements (:mod:`loaders.bullets`) → mentions (:mod:`loaders.entities`) linked
to one entity per name, abbreviation, reference or pronoun ("the PSA", "the strategy", "it";
:mod:`loaders.linking`) → rules over the templated statement (:mod:`loaders.stating`): the deck's
patterns (:mod:`loaders.relations`) and the phrases, lists and possessives of running text
(:mod:`loaders.clauses`, :mod:`loaders.phrase_facts`) → facts the layout gives
(:mod:`loaders.layout_rules`) → facts, each with evidence (document id, line span, text), held by the
reader (:mod:`loaders.reader`). Repeated slides give one fact with several evidence lines.

>>> from loaders.documents import document_from_text
>>> doc = document_from_text(
...     "- The Ministry of Ports (MoP) was created in 2015\\n"
...     "  - Formerly the Harbour Board under the Ministry of Transport\\n")
>>> x = extract(doc)
>>> sorted((r.type, r.source, r.target, r.start) for r in x.relationships)  # doctest: +NORMALIZE_WHITESPACE
[('PART_OF', 'agency:harbour-board', 'ministry:ministry-of-transport', None),
 ('SUCCEEDED_BY', 'agency:harbour-board', 'ministry:ministry-of-ports', 2015)]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.collector import gc_paused
from graph.model import Entity, Evidence, Relationship, entity_id, merge_entities
from graph.model.schema import Schema, load_schema
from loaders import relations as R
from loaders.bullets import Statement, statements
from loaders.dates import YearSpan, find_years
from loaders.documents import Document
from loaders.entities import find_candidates, glossary_entry, undefined_abbreviations
from loaders.layout_rules import frame_rules, table_row
from loaders.lexicon import lexicon, name_key
from loaders.linking import appositive_heads, linked, names_read_before, refocus, template
from loaders.reader import ON_DEMAND, Reader
from loaders.stating import relate

if TYPE_CHECKING:  # networkx takes a third of a second to import: worker processes never need it
    from graph.model.institutional_graph import InstitutionalGraph


@dataclass(frozen=True)
class Extraction:
    """What one document says: entities, relationships (method 'extracted') and where each is mentioned."""

    document: Document
    entities: list[Entity]
    relationships: list[Relationship]
    mentions: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def entity(self, entity_id_: str) -> Entity:
        return next(e for e in self.entities if e.id == entity_id_)

    def find(self, name: str) -> Entity | None:
        """The entity whose name or alias is ``name`` (ignoring case, "the", "&"), or None."""
        key = name_key(name)
        for e in self.entities:
            if name_key(e.name) == key or any(name_key(a) == key for a in e.aliases):
                return e
        return None


def extract(
    doc: Document,
    schema: Schema | None = None,
    gazetteer: Mapping[str, str] | None = None,
) -> Extraction:
    """Entities and relationships a document states, each relationship with its evidence lines.

    ``gazetteer`` maps known names and aliases to entity ids (e.g. from a curated dataset); it only
    links mentions the patterns found to those ids and never makes a mention by itself.
    """
    schema = schema or load_schema()
    lexicon(schema)
    with gc_paused():  # tens of thousands of facts and their evidence, none in a cycle
        drafts, facts = read_rows(doc, schema)
        return build_extraction(doc, gazetteer_keys(gazetteer), drafts, facts)


# A document's reading, as plain rows (what worker processes send back): drafts
# ``(key, type, name, kind, aliases, start, end, lines, head)`` and facts
# ``(type, source key, target key, context key, start, end, confidence, evidence spans, note)``,
# each in first-seen order, without repeats in its lists.
DraftRow = tuple[str, str, str, str, list[str], int | None, int | None, list[int], str | None]
FactRow = tuple[str, str, str, str | None, int | None, int | None, float, list[tuple[int, int]], str | None]


def read_rows(doc: Document, schema: Schema) -> tuple[list[DraftRow], list[FactRow]]:
    """Read a document: its drafts and facts as rows."""
    rd = Reader(doc, schema)
    _read(rd)
    return (
        [
            (k, d.type, d.name, d.kind, list(d.aliases), d.start, d.end, list(d.lines), d.head)
            for k, d in rd.drafts.items()
        ],
        [
            (f.type, f.source, f.target, f.context, f.start, f.end, f.confidence, list(f.evidence), f.note)
            for f in rd.facts.values()
            # (a name a later statement retyped may no longer fit a fact read before: the schema has the last word)
            if schema.allows(f.type, rd.type_of(f.source), rd.type_of(f.target))
        ],
    )


def _read(rd: Reader) -> None:
    """Read the document statement by statement: mentions, templates, then the rules (the reference)."""
    sts = statements(rd.doc)
    rd.statements = sts
    rd.undefined = undefined_abbreviations([st.text for st in sts])
    for a in rd.undefined:
        rd.acronyms.add(a)
    per_statement: list[tuple[str, list[str], list[YearSpan]]] = []
    # A list of abbreviations defines them for the whole document, even in an annex at its end; the
    # text's own "Name (ABC)" still comes first where it gives one.
    glossary = [(st, entry) for st in sts if (entry := glossary_entry(st.text)) is not None]
    glossary += [(st, c) for st in sts if " = " in st.text  # "Note: ABC = Agency …; DEF = …"
                 for c in find_candidates(st.text, False, None, True) if c.alias and " = " in st.text[: c.start]]
    if glossary:
        before = [0]  # where each statement starts in the text joined: a definition before the list's line wins
        for st in sts:
            before.append(before[-1] + len(st.text) + 1)
        text = "\n".join(st.text for st in sts)
        for st, entry in glossary:
            if f"({entry.alias}" not in text[: before[st.index]]:
                rd.entity_for(entry, st.line_at(entry.start))
    for st in sts:
        # In a title every word is capitalised; a table's cells are names more than titles.
        shaped = st.kind == "bullet" or not st.title_like or st.text.startswith("|") or _in_sentence_case(st.text)
        known = len(rd.acronyms)
        left = (rd.named_before, rd.named_now, rd.latest_instrument)  # what the statements before left
        cands = names_read_before(rd, st.text, find_candidates(st.text, st.kind == "bullet", rd.acronyms, shaped))
        keys, kept = linked(rd, st, cands)
        if len(rd.acronyms) > known:  # "… (METI) and … of METI": an abbreviation used where it is defined
            first: dict[int, list[str]] = {}
            for c, k in zip(kept, keys, strict=True):
                if c.kind in ("reference", "pronoun", "collective"):
                    first.setdefault(c.start, []).append(k)
            for c in cands:  # one that meant nothing then means nothing now (not a name the sentence goes on to give)
                if c.kind in ("reference", "pronoun"):
                    first.setdefault(c.start, [])
            again = names_read_before(rd, st.text, find_candidates(st.text, st.kind == "bullet", rd.acronyms, shaped))
            rd.named_before, rd.named_now, rd.latest_instrument = left  # read again as if for the first time
            keys, kept = linked(rd, st, again, first)
        appositive_heads(rd, st.text, kept, keys)
        templ = template(st.text, kept)  # (with no mention too: a literal "@0@" in the text is no placeholder)
        years = _dating(rd, templ, keys) if keys else []  # only the rules read them, and they need a mention
        per_statement.append((templ, keys, years))
        subject = None
        if keys and (m := R.SUBJECT_PREFIX.match(templ.lstrip()) or R.LEAD_IN.match(templ.strip())):
            k = keys[int(m[1])]
            if rd.is_actor(k) or rd.is_instrument(k):
                subject = k
        rd.subjects.append(subject)
        refocus(rd, st, kept, keys)
        rd.targets.append([k for k in keys if rd.drafts[k].type == "TargetGroup"])
        rd.created.append(None)
        if keys and (stem := _stem_of(per_statement, st, templ)) is not None:
            # "A works with:" / "- B;": the item is the object its stem's verb waits for, read as one sentence
            both = f"{stem[0]} {_shifted(templ, len(stem[1]))}"
            relate(rd, st, both, [*stem[1], *keys], _dating(rd, both, [*stem[1], *keys]))
        elif keys:
            relate(rd, st, templ, keys, years)
        table_row(rd, st, templ, keys)
    frame_rules(rd, per_statement)


# A stem that ends on the word its object would follow ("The agency works with:", "P is delivered by —"), and an
# item that opens on a name
_STEM_END = re.compile(
    r"@\d+@[^@;.]*\b(?:with|by|to|for|from|under|through|includes?|including|involves?|comprises?)\s*[:\u2013\u2014-]\s*$",
    re.I,
)
_OPENS_ON_NAME = re.compile(r"\s*(?:the\s+)?@0@")
_MENTION_NUMBER = re.compile(r"@(\d+)@")


def _stem_of(per_statement: list[tuple[str, list[str], list[YearSpan]]], st: Statement,
             templ: str) -> tuple[str, list[str]] | None:
    """The template (without its closing colon) and keys of the stem a list's item completes, if it does."""
    if st.kind != "bullet" or st.parent is None or not _OPENS_ON_NAME.match(templ):
        return None
    # the sentence just before the list (the parent's last one: "4. Partners. The agency works with —")
    at = len(per_statement) - 1
    while at > st.parent and _OPENS_ON_NAME.match(per_statement[at][0]) and not _STEM_END.search(per_statement[at][0]):
        at -= 1  # (past the items before this one)
    stem, stem_keys, _ = per_statement[at]
    if not stem_keys or (m := _STEM_END.search(stem)) is None:
        return None
    return stem[: m.end()].rstrip(" :\u2013\u2014-"), stem_keys


def _shifted(templ: str, by: int) -> str:
    """A template whose mentions are numbered after ``by`` others."""
    return _MENTION_NUMBER.sub(lambda m: f"@{int(m[1]) + by}@", templ)


def _in_sentence_case(text: str) -> bool:
    """Whether a short line that introduces a list is written as a sentence ("Quay Business consists of two
    entities:"), not in Title Case (where every word looks like a name's)."""
    return text.endswith(":") and sum(w[:1].islower() for w in text.split()) >= 3


_NAME_BEFORE = re.compile(r"@(\d+)@,?\s*$")


def _dating(rd: Reader, templ: str, keys: list[str]) -> list[YearSpan]:
    """The years of a templated statement, but a year that ends an instrument's name ("… Act, 2006",
    "Harbour Strategy 2030")."""
    return [y for y in find_years(templ) if not _name_year(rd, templ, keys, y)]


def _name_year(rd: Reader, templ: str, keys: list[str], y: YearSpan) -> bool:
    n = _NAME_BEFORE.search(templ, max(0, y.position - 12), y.position)
    if n is None or y.precision not in ("year", "range"):
        return False
    kind = rd.type_of(keys[int(n[1])])
    return kind == "Law" or ("," not in n[0] and rd.is_instrument(keys[int(n[1])]))


def gazetteer_keys(gazetteer: Mapping[str, str] | None) -> dict[str, str]:
    """A gazetteer keyed by :func:`name_key`, as :func:`_linked_id` looks names up."""
    return {name_key(k): v for k, v in (gazetteer or {}).items()}


def _linked_id(gazetteer: dict[str, str], type_: str, name: str, aliases: list[str]) -> str:
    """The id a gazetteer gives this entity's name or an alias (of the same type), else its own id."""
    own = entity_id(type_, name)
    if not gazetteer:
        return own
    prefix = type_.lower() + ":"  # the type part of an id (see graph.model.entity_id)
    for n in (name, *aliases):
        linked = gazetteer.get(name_key(n))
        if linked is not None and linked.startswith(prefix):
            return linked
    return own


def gazetteer_from_graph(graph: InstitutionalGraph) -> dict[str, str]:
    """Every name and alias of a curated graph's entities (language tags dropped) mapped to its id.

    Passed to :func:`extract`, it links mentions the patterns found to the curated ids, so "PSA", a
    variant spelling or a name in another language becomes the curated node.
    """
    out: dict[str, str] = {}
    for e in graph.entities():
        if e.type == "Document":
            continue
        for name in (e.name, *e.aliases):
            text = name.rsplit("@", 1)[0] if "@" in name else name
            out.setdefault(text, e.id)
    return out


def build_extraction(
    doc: Document, gazetteer: dict[str, str], drafts: list[DraftRow], facts: list[FactRow]
) -> Extraction:
    """The extraction a document's reading gives: entities (collectives and target groups only when
    a fact needs them), relationships with their evidence, and the lines each entity is named on."""
    used: set[str] = set()
    for _, source, target, context, *_rest in facts:
        used.add(source)
        used.add(target)
        if context:
            used.add(context)
    ids, entities, mentions = _entities(doc, gazetteer, drafts, used)
    return Extraction(doc, list(entities.values()), _relationships(doc, facts, ids), mentions)


def _entities(
    doc: Document, gazetteer: dict[str, str], drafts: list[DraftRow], used: set[str]
) -> tuple[dict[str, str], dict[str, Entity], dict[str, tuple[int, ...]]]:
    """The entities kept (draft key -> id, id -> entity) and the lines each is named on; two spellings
    the gazetteer links to one id become one entity."""
    sources = (doc.id,)
    ids: dict[str, str] = {}
    entities: dict[str, Entity] = {}
    mentions: dict[str, tuple[int, ...]] = {}
    for key, type_, name, kind, aliases, start, end, lines, _head in drafts:
        if kind in ON_DEMAND and key not in used:
            continue
        eid = _linked_id(gazetteer, type_, name, aliases)
        ids[key] = eid
        entity = Entity(
            id=eid, type=type_, name=name, aliases=tuple(aliases), start=start, end=end, sources=sources
        )
        held = mentions.get(eid)
        if held is not None:  # two spellings the gazetteer links to one body
            entity = merge_entities(entities[eid], Entity(**{**entity.__dict__, "aliases": (name, *aliases)}))
            mentions[eid] = tuple(sorted({*held, *lines}))
        else:
            mentions[eid] = tuple(sorted(lines))
        entities[eid] = entity
    return ids, entities, mentions


def _relationships(doc: Document, facts: list[FactRow], ids: dict[str, str]) -> list[Relationship]:
    """The facts between kept entities as relationships, with their evidence lines."""
    sources = (doc.id,)
    relationships: list[Relationship] = []
    cited: dict[tuple[int, int], Evidence] = {}  # one Evidence per line span, shared by the facts it states
    doc_id, span_text = doc.id, doc.span_text
    for type_, source, target, context, start, end, confidence, spans, note in facts:
        if source not in ids or target not in ids:
            continue
        evidence = []
        for span in sorted(spans):
            ev = cited.get(span)
            if ev is None:
                ev = cited[span] = Evidence(doc_id, span[0], span[1], span_text(*span))
            evidence.append(ev)
        if start is not None and end is not None and end < start:
            start = end = None
        relationships.append(
            Relationship(
                type=type_,
                source=ids[source],
                target=ids[target],
                start=start,
                end=end,
                context=ids.get(context) if context else None,
                evidence=tuple(evidence),
                sources=sources,
                method="extracted",
                confidence=confidence,
                note=note,
            )
        )
    return relationships
