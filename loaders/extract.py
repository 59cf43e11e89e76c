"""Extract typed entities and dated, cited relationships from a document, without any model.

Why compiled patterns and not spaCy: the rules here are about the *shape* of names (head nouns,
parentheses, quotes) and the layout of a deck (bullet trees, broken diagram labels), which need no
statistical model; a blank spaCy pipeline would add a tokenizer that alone runs far below the 5 MB/s
goal, and a dependency, for matching we can do with Python's ``re`` in one pass per statement.

Speed (benchmarks/extract_speed.py): about 0.5 MB of dense slide text per second and process
(tokenising, name building, the phrase table, bookkeeping); :func:`loaders.batch.extract_many`
(``--jobs``) spreads files over N processes.

Steps, per document: statements (:mod:`loaders.bullets`) → mentions (:mod:`loaders.entities`) linked
to one entity per name, abbreviation, reference or pronoun ("the PSA", "the strategy", "it") → rules
over the templated statement: the deck's patterns (:mod:`loaders.relations`) and the phrases, lists
and possessives of running text (:mod:`loaders.clauses`) → facts, each with evidence (document id,
line span, text). Repeated slides give one fact with several evidence lines.

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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.collector import gc_paused
from graph.model import Entity, Evidence, Relationship, entity_id, merge_entities
from graph.model.schema import Schema, load_schema
from loaders import relations as R
from loaders.bullets import Statement, statements
from loaders.clauses import INHERITED, OWNS, SAME_AS, Phrased, by_form, counted_members, phrased
from loaders.dates import YearSpan, find_years, nearest_year
from loaders.documents import Document
from loaders.entities import CLAUSE_OPENER, Abbreviations, find_candidates, targets_in_name
from loaders.lexicon import INSTRUMENT_HEADS, NETWORK_HEADS, Candidate, countries, lexicon, name_key, reading_words

if TYPE_CHECKING:  # networkx takes a third of a second to import: worker processes never need it
    from graph.model.institutional_graph import InstitutionalGraph

# Confidence by how directly the text states a fact.
STATED = 0.9  # a verb or a list that says it ("X spearheads Y", "Y (2005-2008, X)")
NESTED = 0.8  # said in a sub-bullet whose subject is its parent's
FRAMED = 0.7  # given by the layout (an item under a strategy's slide, a target named in a title)

_SHAPED = ("proper", "single")  # names found by shape alone, typed by what sentences do with them
_ON_DEMAND = ("collective", "single", "alias")  # kept only when a relationship needs them (not "institutions")


@dataclass
class _Draft:
    type: str
    name: str
    kind: str
    aliases: dict[str, None] = field(default_factory=dict)
    start: int | None = None
    end: int | None = None
    lines: dict[int, None] = field(default_factory=dict)
    head: str | None = None
    fixed: bool = False  # a name found by shape keeps the type the first relation gave it


@dataclass
class _Fact:
    type: str
    source: str
    target: str
    context: str | None
    start: int | None
    end: int | None
    confidence: float
    evidence: dict[tuple[int, int], None] = field(default_factory=dict)
    note: str | None = None


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


class _Reader:
    """The state of reading one document: its entities so far, abbreviations, recent references."""

    def __init__(self, doc: Document, schema: Schema) -> None:
        self.doc, self.schema = doc, schema
        self.actor_types = schema.members("Actor")
        self.instrument_types = schema.members("Instrument")
        self.drafts: dict[str, _Draft] = {}  # name key -> draft
        self.abbreviations: dict[str, str] = {}  # abbreviation -> name key
        self.acronyms = Abbreviations()  # the same abbreviations, for a quick look-up per statement
        self.recent_head: dict[str, list[str]] = {}  # head noun -> names with it, the latest last
        self.recent_type: dict[str, list[str]] = {}  # type -> names of that type, the latest last
        self.facts: dict[tuple[str, str, str, str | None], _Fact] = {}
        self.pairs: dict[tuple[str, str, str], list[_Fact]] = {}  # (type, source, target) -> its facts
        self.subjects: list[str | None] = []  # per statement: its own subject (name key) or None
        self.targets: list[list[str]] = []  # per statement: target-group keys mentioned in it
        self.created: list[int | None] = []  # per statement: the creation year it states
        self.statements: list[Statement] = []
        self.lower_words = frozenset(_LOWER_WORD.findall("\n".join(doc.clean)))  # words written in lower case
        self.table_header: list[str] | None = None  # the cells of the table's header row, lower-cased
        self.focus: str | None = None  # what "it", "they", "its" stand for: the latest sentence's subject
        self.opening: str | None = None  # the first body or instrument the current statement names
        self.clause_subject: str | None = None  # the latest body or instrument that opened a clause in it

    # --- entities -------------------------------------------------------------------------------
    def entity_for(self, c: Candidate, line: int) -> str | None:
        if c.kind == "acronym":
            key = self.abbreviations.get(c.name)
            if key is None:
                return None
        elif c.kind == "pronoun":
            # Elsewhere ("made it a component") a pronoun is the last sentence's subject.
            # "…, and it runs": a clause-opening pronoun is the body that opened the clause before it;
            # "the bodies working under it": a pronoun after a preposition is the sentence's own subject.
            opening = self.clause_subject or self.opening
            if c.head == "object" and self.opening is not None:
                key = self.opening
            else:
                key = opening if c.start > 0 and opening is not None and c.head == "clause" else self.focus
            if key is None:
                return None
        elif c.kind == "reference":
            head = (c.head or "").lower()
            named = self.recent_head.get(head)
            latest = named[-1] if named and c.name.startswith("new ") else None  # "the new ministry"
            of_type = self.recent_type.get(INSTRUMENT_HEADS.get(head, c.head or ""))
            # Without a name of that head, the latest of its type: a generic head is mostly local.
            key = latest or self._salient(named, line) or (of_type[-1] if of_type else None)
            if not key:
                return None
        else:
            key = name_key(c.name)
            draft = self.drafts.get(key)
            if draft is None:
                draft = _Draft(c.type, c.name, c.kind, head=c.head)
                self.drafts[key] = draft
            elif c.kind not in _ON_DEMAND and draft.kind in _ON_DEMAND:
                draft.kind = c.kind
            if c.alias:
                draft.aliases[c.alias] = None
                if c.kind != "country":
                    # A plural abbreviation ("ABCs") also stands for one of them ("each ABC").
                    plural = c.alias[-1] == "s" and c.alias[:-1].isupper() and len(c.alias) > 2
                    for a in (c.alias, c.alias[:-1]) if plural else (c.alias,):
                        self.abbreviations.setdefault(a, key)
                        self.acronyms.add(a)
        draft = self.drafts[key]
        draft.lines[line] = None
        if draft.head:
            _to_latest(self.recent_head.setdefault(draft.head.lower(), []), key)
        _to_latest(self.recent_type.setdefault(draft.type, []), key)
        return key

    def _salient(self, keys: list[str] | None, line: int) -> str | None:
        """What "the ministry" means: the one named on this very line, else of the names with that
        head the one named most often so far (the document's own ministry rather than one named once in
        passing), the latest on a tie."""
        if not keys:
            return None
        if line in self.drafts[keys[-1]].lines:
            return keys[-1]
        return max(reversed(keys), key=lambda k: len(self.drafts[k].lines))

    def is_actor(self, key: str) -> bool:
        return self.drafts[key].type in self.actor_types

    def is_instrument(self, key: str) -> bool:
        return self.drafts[key].type in self.instrument_types

    def type_of(self, key: str) -> str:
        return self.drafts[key].type

    # --- facts ------------------------------------------------------------------------------------
    def add(
        self,
        rel: str,
        source: str,
        target: str,
        spans: Iterable[tuple[int, int]],
        confidence: float,
        start: int | None = None,
        end: int | None = None,
        context: str | None = None,
        note: str | None = None,
    ) -> None:
        if source == target:
            return
        s_type, t_type = self.type_of(source), self.type_of(target)
        if not self.schema.allows(rel, s_type, t_type):
            s_type, t_type = self.refit(rel, source, target)
            if not self.schema.allows(rel, s_type, t_type):
                return
        for key in (source, target):
            self.drafts[key].fixed = True
        spec = self.schema.relationship_types[rel]
        if spec.symmetric and source > target:
            source, target = target, source
        k = (rel, source, target, context)
        fact = self.facts.get(k)
        if fact is None:
            fact = self.facts[k] = _Fact(rel, source, target, context, start, end, confidence, note=note)
            self.pairs.setdefault(k[:3], []).append(fact)
        else:
            fact.start = fact.start if fact.start is not None else start
            fact.end = fact.end if fact.end is not None else end
            fact.confidence = max(fact.confidence, confidence)
        for span in spans:
            fact.evidence[span] = None

    def has(self, rel: str, source: str, target: str) -> bool:
        """Whether a fact of type ``rel`` between the two is held already (in any context)."""
        if self.schema.relationship_types[rel].symmetric and source > target:
            source, target = target, source
        return (rel, source, target) in self.pairs

    def retypable(self, key: str) -> bool:
        """A name found by shape, or a network's ("… Centres"), that no relation has typed yet."""
        d = self.drafts[key]
        return (d.kind in _SHAPED or d.head in NETWORK_HEADS) and not d.fixed and not _placed(d.name)

    def same(self, key: str, other: str) -> None:
        """Two names of one thing: the other's name and aliases become this one's aliases, and the other
        is kept only if a fact needs it."""
        if key == other:
            return
        d, o = self.drafts[key], self.drafts[other]
        d.aliases.update(dict.fromkeys((o.name, *o.aliases)))
        if o.kind in (*_SHAPED, "name"):
            o.kind = "alias"

    def cite(self, rel: str, source: str, target: str, spans: list[tuple[int, int]]) -> None:
        """One more line stating the facts of type ``rel`` held between the two (a repeated slide)."""
        if self.schema.relationship_types[rel].symmetric and source > target:
            source, target = target, source
        for fact in self.pairs.get((rel, source, target), ()):
            fact.evidence.update(dict.fromkeys(spans))

    def refit(self, rel: str, source: str, target: str) -> tuple[str, str]:
        """The types a relation would give its ends: a name found by shape alone (not yet typed by
        another relation) takes the actor or instrument type the relation needs, if the other end fits."""
        spec = self.schema.relationship_types[rel]
        s, t = self.drafts[source], self.drafts[target]
        words = reading_words()
        options = (words.default_actor, words.default_instrument)
        # A lone capitalised word is only ever retyped as a body ("… through Portex"), never as an instrument.
        s_free = self.retypable(source) and (s.kind != "single" or words.default_actor in spec.sources)
        t_free = self.retypable(target) and (t.kind != "single" or words.default_actor in spec.targets)
        fixed_end = target if s_free and not t_free else source if t_free and not s_free else None
        if rel in ("PART_OF", "SUCCEEDED_BY") and fixed_end is not None and self.is_instrument(fixed_end):
            options = options[::-1]  # an instrument is part of, or succeeded by, another instrument
        if s_free and (t.type in spec.targets or t_free):
            s.type = next((o for o in options if o in spec.sources), s.type)
        if t_free and s.type in spec.sources:
            t.type = next((o for o in options if o in spec.targets), t.type)
        return s.type, t.type

    def set_years(self, key: str, start: int | None, end: int | None = None) -> None:
        d = self.drafts[key]
        if d.start is None and start is not None and (d.end is None or start <= d.end):
            d.start = start
        if d.end is None and end is not None and (d.start is None or end >= d.start):
            d.end = end

    # --- structure ----------------------------------------------------------------------------------
    def subject(self, index: int | None) -> str | None:
        """A statement's subject, or its nearest ancestor's: a sub-bullet continues its parent."""
        seen = 0
        while index is not None and seen < 50:
            if self.subjects[index] is not None:
                return self.subjects[index]
            index = self.statements[index].parent
            seen += 1
        return None

    def ancestors(self, index: int) -> list[int]:
        out: list[int] = []
        parent = self.statements[index].parent
        while parent is not None and len(out) < 50:
            out.append(parent)
            parent = self.statements[parent].parent
        return out


def _to_latest(keys: list[str], key: str) -> None:
    if key in keys:
        keys.remove(key)
    keys.append(key)


def _span(st: Statement) -> tuple[int, int]:
    return (st.first_line, st.last_line)


_PARENTHESES = re.compile(r"\s*\(\s*[^()]{1,14}\)")


def _template(text: str, cands: list[Candidate]) -> str:
    """The statement with each mention (and a "the" before it) replaced by ``@i@``."""
    parts: list[str] = []
    pos = 0
    for i, c in enumerate(cands):
        start = c.start
        before = text[max(pos, start - 4) : start]
        if before.lower() == "the ":
            start -= 4
        parts.append(text[pos:start].replace("@", " "))
        parts.append(f"@{i}@")
        pos = c.end
        # An abbreviation in parentheses belongs to the mention.
        if c.alias and (m := _PARENTHESES.match(text, pos)) and c.alias in m[0]:
            pos = m.end()
    parts.append(text[pos:].replace("@", " "))
    return "".join(parts)


def _years(text: str) -> tuple[int | None, int | None]:
    spans = find_years(text)
    if not spans:
        return None, None
    s = spans[0]
    return s.start, s.end


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
    rd = _Reader(doc, schema)
    _read(rd)
    return (
        [
            (k, d.type, d.name, d.kind, list(d.aliases), d.start, d.end, list(d.lines), d.head)
            for k, d in rd.drafts.items()
        ],
        [
            (f.type, f.source, f.target, f.context, f.start, f.end, f.confidence, list(f.evidence), f.note)
            for f in rd.facts.values()
        ],
    )


def _read(rd: _Reader) -> None:
    """Read the document statement by statement: mentions, templates, then the rules (the reference)."""
    sts = statements(rd.doc)
    rd.statements = sts
    per_statement: list[tuple[str, list[str], list[YearSpan]]] = []
    for st in sts:
        shaped = st.kind == "bullet" or not st.title_like  # in a title every word is capitalised
        known = len(rd.acronyms)
        cands = find_candidates(st.text, st.kind == "bullet", rd.acronyms, shaped)
        keys, kept = _linked(rd, st, cands)
        if len(rd.acronyms) > known:  # "… (METI) and … of METI": an abbreviation used where it is defined
            first = {c.start: k for c, k in zip(kept, keys, strict=True) if c.kind in ("reference", "pronoun")}
            again = find_candidates(st.text, st.kind == "bullet", rd.acronyms, shaped)
            keys, kept = _linked(rd, st, again, first)
        templ = _template(st.text, kept) if kept else st.text
        years = find_years(templ) if keys else []  # only the rules read them, and they need a mention
        per_statement.append((templ, keys, years))
        subject = None
        if keys and (m := R.SUBJECT_PREFIX.match(templ.lstrip())):
            k = keys[int(m[1])]
            if rd.is_actor(k) or rd.is_instrument(k):
                subject = k
        rd.subjects.append(subject)
        _refocus(rd, st, kept, keys)
        rd.targets.append([k for k in keys if rd.drafts[k].type == "TargetGroup"])
        rd.created.append(None)
        if keys:
            _relate(rd, st, templ, keys, years)
        _table_row(rd, st, templ, keys)
    _frame_rules(rd, per_statement)


_DETERMINERS = re.compile(r"(?:\b(?:the|former|new|then)\s+)+$", re.I)
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z\u00e0-\u00ff'-]+")
_TABLE_SEPARATOR = re.compile(r"^\|[\s:|-]*$")
_PARTNER_CUE = re.compile(r"\b(?:with|alongside|and|together\s+with)\s+(?:the\s+)?$", re.I)


def _table_row(rd: _Reader, st: Statement, t: str, keys: list[str]) -> None:
    """A row of a Markdown table: its first cell names what the row is about; a body named in another
    cell runs it (an instrument) or is its parent (a body, in a column whose header says so); bodies
    named "with" the first in a cell take part in it."""
    if not st.text.startswith("|"):
        rd.table_header = None
        return
    if _TABLE_SEPARATOR.match(st.text):
        return
    cells = [c.strip() for c in t.strip().strip("|").split("|")]
    if not keys:
        rd.table_header = [c.lower() for c in cells]
        return
    first = [keys[int(i)] for i in R.MENTION.findall(cells[0])]
    if not first or not (rd.is_actor(first[0]) or rd.is_instrument(first[0])):
        return
    subject, span = first[0], _span(st)
    header = rd.table_header or []
    for col, cell in enumerate(cells[1:], start=1):
        title = header[col] if col < len(header) else ""
        for n, m in enumerate(R.MENTION.finditer(cell)):
            key = keys[int(m[1])]
            if not rd.is_actor(key):
                continue
            if rd.is_instrument(subject):
                partner = n > 0 and _PARTNER_CUE.search(cell, 0, m.start())
                rd.add("PARTICIPATES_IN" if partner else "IMPLEMENTS", key, subject, [span], FRAMED)
            elif any(w in title for w in reading_words().parent_columns):
                rd.add("PART_OF", subject, key, [span], FRAMED)


def _placed(name: str) -> bool:
    """A name ending with a country's ("Enterprise Norland") names a body there: its type is not in doubt."""
    words = name.split()
    return len(words) > 1 and words[-1] in countries().by_name


def _linked(
    rd: _Reader, st: Statement, cands: list[Candidate], resolved: dict[int, str] | None = None
) -> tuple[list[str], list[Candidate]]:
    """The entity keys of a statement's mentions, and the mentions that have one. A lone capitalised
    word the document also writes in lower case ("Digitalisation", "Science") is an ordinary word.
    ``resolved``: what references and pronouns at these offsets meant when the statement was first read."""
    keys: list[str] = []
    kept: list[Candidate] = []
    rd.opening = rd.clause_subject = None
    for c in cands:
        if c.kind == "single" and c.name.lower() in rd.lower_words:
            continue
        key = (resolved or {}).get(c.start) if c.kind in ("reference", "pronoun") else None
        key = key or rd.entity_for(c, st.line_at(c.start))
        if key is not None:
            keys.append(key)
            kept.append(c)
            if rd.is_actor(key) or rd.is_instrument(key):
                rd.opening = rd.opening or key
                head = _DETERMINERS.sub("", st.text[: c.start])
                if not head.strip() or CLAUSE_OPENER.search(head):  # "…, when the former A was …"
                    rd.clause_subject = key
    return keys, kept


def _refocus(rd: _Reader, st: Statement, kept: list[Candidate], keys: list[str]) -> None:
    """A sentence that opens on a body or an instrument makes it what the next sentences' pronouns mean;
    a heading or a new section forgets it."""
    if st.kind == "heading" or (st.title_like and st.kind != "bullet"):
        rd.focus = None
        return
    for c, key in zip(kept, keys, strict=True):
        if c.start > 60:
            break
        if rd.is_actor(key) or rd.is_instrument(key):
            rd.focus = key
            return


def _relate(rd: _Reader, st: Statement, t: str, keys: list[str], years: list[YearSpan]) -> None:
    """Apply the relationship rules to one templated statement."""
    rules = R.rules_in(t, t.lower())
    targets = rd.targets[st.index]
    said = [*phrased(t, st.kind == "bullet"), *by_form(t)] if len(keys) > 1 else []
    if not rules and not targets and not said:
        return  # no rule matches and no target group to aim at: nothing to say
    span = _span(st)
    own_subject = rd.subjects[st.index]
    subject = own_subject or rd.subject(st.parent)
    parent_span = [_span(rd.statements[st.parent])] if st.parent is not None and not own_subject else []
    conf_subject = STATED if own_subject else NESTED

    def k(i: str) -> str:
        return keys[int(i)]

    def acting(key: str) -> bool:
        return rd.is_actor(key) or rd.is_instrument(key)

    # Creation and enactment years: the entity nearest before the verb (else the first after it).
    for m in rules.get("CREATION", ()):
        before = [x for x in R.MENTION.finditer(t, 0, m.start()) if acting(k(x[1]))]
        clause_end = t.find(",", m.end())
        after = [x for x in R.MENTION.finditer(t, m.end(), clause_end if clause_end > 0 else len(t)) if acting(k(x[1]))]
        # "X adopted Y in 2016": an object right after the verb is what was created; "Y was adopted"
        # and "the establishment of Y" name it before or after.
        direct = bool(after) and after[0].start() - m.end() <= 2
        if direct or m[0].lower().endswith(" of"):
            target = after[0] if after else None
        else:
            target = before[-1] if before else (after[0] if after else None)
        if target is None and not before and not after and subject and st.parent is not None:
            continue
        y = nearest_year(years, m.end())
        if target is not None and y is not None and y.first is not None:
            rd.set_years(k(target[1]), y.first)
            rd.created[st.index] = y.first
    if own_subject and (found := rules.get("RUNNING_FROM", ())) and (m := found[0]):
        y = nearest_year(years, m.end())
        if y is not None and y.precision in ("from", "range"):
            rd.set_years(own_subject, y.start, y.end)

    creation_year = rd.created[st.parent] if st.parent is not None else None
    # Succession and parts.
    for m in rules.get("FORMERLY", ()):
        old = k(m[1])
        new = subject if m.start() == 0 or own_subject is None else own_subject
        if new is None:
            first = R.MENTION.search(t)
            new = k(first[1]) if first else None
        if new is not None and new != old:
            year = creation_year if not own_subject else rd.created[st.index]
            rd.add("SUCCEEDED_BY", old, new, [*parent_span, span], conf_subject, start=year)
        if m[2]:
            rd.add("PART_OF", old, k(m[2]), [span], STATED)
    # Transfers of functions or policies.
    for m in rules.get("TRANSFER", ()):
        receiver = k(R.MENTION.findall(m[0])[-1])
        sources = R.MENTION.findall(m["srcs"] or m["srcs2"] or m["src"] or "")
        stated = nearest_year(years, m.end())
        when = stated.first if stated else creation_year
        # The year may come from the parent ("X was created in 2017" / "- policies moved to X").
        cited = [span] if stated else [*parent_span, span]
        for s in sources:
            rd.add("TRANSFERRED_TO", k(s), receiver, cited, STATED if stated else conf_subject, start=when)
    # Leading and implementing.
    for m in rules.get("YEARS_BODY", ()):
        start, end = _years(m["years"])
        rd.set_years(k(m[1]), start, end)
        rd.add("IMPLEMENTS", k(m[3]), k(m[1]), [span], STATED, start=start, end=end)
    for m in rules.get("YEARS_ONLY", ()):
        if rd.is_instrument(k(m[1])) or rd.is_actor(k(m[1])):
            start, end = _years(m["years"])
            rd.set_years(k(m[1]), start, end)
    for m in rules.get("BODY_YEARS", ()):
        start, end = _years(m["years"])
        rd.set_years(k(m[1]), start, end)
        rd.add("IMPLEMENTS", k(m[2]), k(m[1]), [span], STATED, start=start, end=end)
    # Co-operation.
    context = _context(rd, st, own_subject) if "COOPERATION_BETWEEN" in rules or "COLLABORATING_WITH" in rules else None
    for m in rules.get("COOPERATION_BETWEEN", ()):
        members = [k(i) for i in R.MENTION.findall(m["list"]) if rd.is_actor(k(i))]
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                rd.add(
                    "COLLABORATES_WITH",
                    a,
                    b,
                    [*parent_span, span],
                    NESTED if context else STATED,
                    context=context,
                )
            if context:
                rd.add("IMPLEMENTS", a, context, [*parent_span, span], FRAMED)
    for m in rules.get("COLLABORATING_WITH", ()):
        partners = [k(i) for i in R.MENTION.findall(m["plist"] or m["list"]) if rd.is_actor(k(i))]
        actors_before = [  # an owner ("A's policy") is not who works with the partners
            k(x[1]) for x in R.MENTION.finditer(t, 0, m.start()) if rd.is_actor(k(x[1])) and t[x.end()] not in "'\u2019"
        ]
        lead = actors_before[-1] if actors_before else (subject if subject and rd.is_actor(subject) else None)
        led = [k(x[1]) for x in R.MENTION.finditer(t, 0, m.start()) if rd.is_instrument(k(x[1]))]
        on = k(m["on"]) if m["on"] and rd.is_instrument(k(m["on"])) else None
        instrument = on or (led[-1] if led else context)
        for partner in partners:
            if lead:
                rd.add("COLLABORATES_WITH", lead, partner, [span], STATED, context=instrument)
            if instrument:
                rd.add("PARTICIPATES_IN", partner, instrument, [span], STATED)
    # Laws providing for instruments.
    for m in rules.get("PROVIDED_IN", ()):
        note = f"{m['article']} of the law" if m["article"] else None
        rd.add("PROVIDES_FOR", k(m[2]), k(m[1]), [span], STATED, note=note, start=rd.drafts[k(m[2])].start)
    for m in rules.get("PROVIDES_FOR", ()):
        rd.add("PROVIDES_FOR", k(m[1]), k(m[3]), [span], STATED)
    if (
        (found := rules.get("FOUNDATION_FOR", ()))
        and (m := found[0])
        and subject
        and rd.type_of(subject) in rd.schema.relationship_types["PROVIDES_FOR"].sources
    ):
        for x in R.MENTION.finditer(t, m.end()):
            if rd.is_instrument(k(x[1])):
                rd.add(
                    "PROVIDES_FOR",
                    subject,
                    k(x[1]),
                    [*parent_span, span],
                    NESTED,
                    start=rd.drafts[k(x[1])].start,
                )
    inherited = subject if subject is not None and not own_subject else None
    _state_phrased(rd, said, keys, years, t, (span, parent_span), inherited)
    # Targets named in the statement itself, after a cue ("to SMEs", "hiring youth").
    if not targets:
        return
    instruments = [kk for kk in keys if rd.is_instrument(kk)]
    # Without an instrument of its own, a statement speaks of its own subject or its parent's.
    near = own_subject or (rd.subjects[st.parent] if st.parent is not None and st.kind == "bullet" else None)
    if not instruments and near and rd.is_instrument(near):
        instruments.append(near)
    if instruments:
        for x in R.MENTION.finditer(t):
            key = k(x[1])
            if rd.type_of(key) != "TargetGroup":
                continue
            if R.TARGET_CUES.search(t, max(0, x.start() - 40), x.start()):
                for ins in instruments:
                    rd.add(
                        "TARGETS",
                        ins,
                        key,
                        [*([] if ins in keys else parent_span), span],
                        STATED if own_subject or ins in keys else NESTED,
                    )


def _state_phrased(
    rd: _Reader,
    said: list[Phrased],
    keys: list[str],
    years: list[YearSpan],
    t: str,
    spans: tuple[tuple[int, int], list[tuple[int, int]]],
    inherited: str | None,
) -> None:
    """Add what the phrases of reading.yaml state (:mod:`loaders.clauses`). A fact the deck rules stated
    in more detail, with an instrument as context, is cited again rather than stated a second time."""
    span, parent_span = spans
    for f in said:
        start = _clause_year(years, t, f.start, f.relation == "SUCCEEDED_BY")
        cited = [span] if INHERITED not in (*f.sources, *f.targets) else [*parent_span, span]
        sources = f.sources
        if f.instruments:  # the first instrument the clause names
            sources = [next((i for i in f.sources if rd.is_instrument(keys[i])), INHERITED)][:1]
            sources = [i for i in sources if i != INHERITED]
        for i in sources:
            for j in f.targets:
                source = inherited if i == INHERITED else keys[i]
                target = inherited if j == INHERITED else keys[j]
                if source is None or target is None or (f.typed and (rd.retypable(source) or rd.retypable(target))):
                    continue
                if f.relation == SAME_AS:
                    if rd.type_of(source) == rd.type_of(target) or rd.retypable(target):
                        rd.same(source, target)
                    continue
                fact = _resolved(rd, f.relation, source, target)
                for owner in f.owners:  # "SME policy is set by M, mainly through its U": M owns U
                    if fact is not None:
                        break
                    if rd.is_actor(keys[owner]) and not rd.retypable(keys[owner]):
                        fact = _resolved(rd, f.relation, keys[owner], target)
                if fact is None:
                    continue
                relation, source, target = fact
                if rd.has(relation, source, target):
                    rd.cite(relation, source, target, cited)
                else:
                    rd.add(relation, source, target, cited, STATED if len(cited) == 1 else NESTED, start=start)
                if relation == "SUCCEEDED_BY" and start is not None:
                    rd.set_years(target, start)  # the new body or instrument begins then
        if f.relation == "COLLABORATES_WITH":
            _partners_take_part(rd, f, keys, cited)


def _partners_take_part(rd: _Reader, f: Phrased, keys: list[str], cited: list[tuple[int, int]]) -> None:
    """ "A set up P together with B and C": the partners take part in the instrument the clause is about
    (the nearest instrument named before the phrase)."""
    instrument = next((keys[i] for i in reversed(f.before_phrase) if rd.is_instrument(keys[i])), None)
    if instrument is None:
        return
    for j in f.targets:
        if j != INHERITED and keys[j] != instrument:
            rd.add("PARTICIPATES_IN", keys[j], instrument, cited, STATED if len(cited) == 1 else NESTED)


def _resolved(rd: _Reader, relation: str, source: str, target: str) -> tuple[str, str, str] | None:
    """The fact a phrase states between two entities, once their types are known: working with a
    programme is taking part in it; an instrument "under" a law is one the law provides for; an owner
    leads its instrument, and a body is part of its owner."""
    if (
        relation == "COLLABORATES_WITH"
        and rd.is_instrument(target) != rd.is_instrument(source)
        and not rd.retypable(target if rd.is_instrument(target) else source)
    ):
        return ("PARTICIPATES_IN", target, source) if rd.is_instrument(source) else ("PARTICIPATES_IN", source, target)
    if relation == "PART_OF" and rd.type_of(target) == "Law":
        if not rd.is_instrument(source):
            return None  # a body is not part of a law
        return "PROVIDES_FOR", target, source  # "P, under Article 29 of the Act": the law provides for P
    if relation == "LEADS" and rd.type_of(source) == "Law" and rd.is_instrument(target):
        return "PROVIDES_FOR", source, target  # "a grant created by Decree No. 12": the decree provides for it
    if relation == OWNS:
        if not (rd.is_actor(source) or rd.retypable(source)):
            return None
        # A name found by shape after an owner's 's is more often its instrument than its body.
        return ("PART_OF", target, source) if rd.is_actor(target) and not rd.retypable(target) else (
            "LEADS", source, target)
    return relation, source, target


def _clause_year(years: list[YearSpan], t: str, at: int, nearest: bool) -> int | None:
    """The year a phrase's relation starts: the year of its clause (between semicolons), when the clause
    has one; for a succession the year nearest the phrase."""
    left, right = t.rfind(";", 0, at) + 1, t.find(";", at)
    inside = [y for y in years if left <= y.position < (right if right >= 0 else len(t)) and y.first is not None]
    if nearest and inside:
        # "took its present name on 1 April 2019": the date after the verb, else the nearest one
        after = [y for y in inside if at <= y.position <= at + 60]
        return (after[0] if after else min(inside, key=lambda y: abs(y.position - at))).first
    return inside[0].first if len(inside) == 1 and inside[0].precision in ("year", "from", "range") else None


def _context(rd: _Reader, st: Statement, own_subject: str | None) -> str | None:
    """The instrument a statement is about: its own subject or an ancestor's, if that is an instrument."""
    if own_subject and rd.is_instrument(own_subject):
        return own_subject
    for a in rd.ancestors(st.index):
        s = rd.subjects[a]
        if s is not None:
            return s if rd.is_instrument(s) else None
    return None


def _frame_rules(rd: _Reader, per_statement: list[tuple[str, list[str], list[YearSpan]]]) -> None:
    """Facts the layout gives: an item under a strategy is part of it; an item of a list its subject's
    parts introduce is part of that subject; targets named above an item."""
    _listed_parts(rd, per_statement)
    _counted_parts(rd, per_statement)
    strategy_label = INSTRUMENT_HEADS["strategy"]
    for st, (_, keys, _) in zip(rd.statements, per_statement, strict=True):
        if st.kind != "bullet" or not keys:
            continue
        own = [kk for kk in keys if rd.is_instrument(kk)]
        if not own:
            continue
        ancestors = [a for a in rd.ancestors(st.index) if rd.statements[a].section == st.section]
        # The nearest subject above the item; it frames the item only if it is a strategy.
        frame = next((rd.subjects[a] for a in ancestors if rd.subjects[a] is not None), None)
        strategy = frame if frame is not None and rd.type_of(frame) == strategy_label else None
        for ins in own:
            stated = rd.has("PART_OF", strategy, ins) if strategy else False  # the item says the reverse
            if strategy and strategy != ins and rd.type_of(ins) != strategy_label and not stated:
                anc = next(a for a in ancestors if rd.subjects[a] == strategy)
                rd.add("PART_OF", ins, strategy, [_span(rd.statements[anc]), _span(st)], FRAMED)
            for a in ancestors:
                for tg in rd.targets[a]:
                    rd.add("TARGETS", ins, tg, [_span(rd.statements[a]), _span(st)], FRAMED)
    # Targets in an instrument's own name ("SME export voucher scheme" is aimed at SMEs).
    groups: dict[str, str] = {}
    for k, d in rd.drafts.items():
        if d.type == "TargetGroup":
            groups.setdefault(k.split(" aged ")[0], k)
            groups[k] = k
    for key, d in list(rd.drafts.items()):
        if not rd.is_instrument(key):
            continue
        for name in targets_in_name(d.name):
            group = _matching_group(groups, name)
            if group is None:
                continue
            named_on = next(iter(d.lines))
            rd.add("TARGETS", key, group, [(named_on, named_on)], FRAMED, note="the target group is named in the title")


def _counted_parts(rd: _Reader, per_statement: list[tuple[str, list[str], list[YearSpan]]]) -> None:
    """ "Two agencies attached to the ministry carry most of the delivery." then "The A …", "The B …":
    the bodies the next sentences open on are part of the ministry, as many as counted."""
    for i, (t, keys, _) in enumerate(per_statement):
        counted = counted_members(t) if keys else None
        if counted is None:
            continue
        n, parent = counted[0], keys[counted[1]]
        members: dict[str, int] = {}  # member -> the statement that opens on it
        for j in range(i + 1, min(i + 1 + 2 * n, len(per_statement))):
            if rd.statements[j].section != rd.statements[i].section or len(members) == n:
                break
            subject = rd.subjects[j]
            if subject is not None and subject != parent and rd.is_actor(subject):
                members.setdefault(subject, j)
        for member, j in members.items():
            rd.add("PART_OF", member, parent, [_span(rd.statements[i]), _span(rd.statements[j])], NESTED)


_ITEM = re.compile(r"^\s*(?:[-*\u2022\u2013]|\(?[a-z0-9]{1,2}[.)])\s")  # "- ", "(a) ", "2. "


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _listed_parts(rd: _Reader, per_statement: list[tuple[str, list[str], list[YearSpan]]]) -> None:
    """"X has three components:" then a list: each item's first body or instrument is PART_OF X. The
    introduction may be a sentence of a numbered paragraph, whose items are then the paragraph's children."""
    part_nouns = reading_words().part_nouns
    intro: tuple[int, str] | None = None  # (statement, subject) of the latest introduction
    last_line = intro_indent = 0
    for st, (_, keys, _) in zip(rd.statements, per_statement, strict=True):
        named = [k for k in keys if rd.is_actor(k) or rd.is_instrument(k)]
        words = set(st.text.lower().replace(":", " ").split())
        line = rd.doc.lines[st.first_line - 1]
        item = st.first_line > last_line and _ITEM.match(line) is not None and _indent(line) >= intro_indent
        last_line = st.last_line
        if named and st.text.endswith(":") and words & part_nouns:
            intro = (st.index, named[0])
            opening = rd.doc.lines[st.first_line - 1]
            # Items sit deeper than a numbered paragraph that introduces them ("4. … three components:").
            intro_indent = _indent(opening) + 1 if _ITEM.match(opening) else 0
            continue
        if intro is None or not item or st.parent is None or st.parent > intro[0]:
            intro = None if st.kind != "bullet" or st.parent is None else intro
            continue
        if named and named[0] != intro[1]:
            rd.add("PART_OF", named[0], intro[1], [_span(rd.statements[intro[0]]), _span(st)], NESTED)


def _matching_group(groups: dict[str, str], name: str) -> str | None:
    """The document's target group a name refers to: the same name, or one with the same core noun
    ("Youth" → "Youth aged 15-24"). ``groups`` maps name keys and their cores to group keys."""
    key = name_key(name)
    return groups.get(key) or groups.get(key.split(" aged ")[0])


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
    sources = (doc.id,)
    ids: dict[str, str] = {}
    entities: dict[str, Entity] = {}
    mentions: dict[str, tuple[int, ...]] = {}
    for key, type_, name, kind, aliases, start, end, lines, _head in drafts:
        if kind in _ON_DEMAND and key not in used:
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
    return Extraction(doc, list(entities.values()), relationships, mentions)
