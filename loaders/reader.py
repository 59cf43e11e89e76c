"""The state of reading one document: its entities so far (drafts), the facts stated between them, the
abbreviations it defined, the names it referred to lately, and the tree of its statements.

Every rule (:mod:`loaders.stating`, :mod:`loaders.layout_rules`) states facts through :meth:`Reader.add`,
which keeps one fact per relation, ends and context, lets a name found by its shape alone take the type
the relation needs (:meth:`Reader.refit`), and drops what the schema does not allow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.model.schema import Schema
from loaders.bullets import Statement
from loaders.documents import Document
from loaders.entities import Abbreviations
from loaders.lexicon import (
    ACTOR_HEADS,
    INSTRUMENT_HEADS,
    NETWORK_HEADS,
    Candidate,
    countries,
    name_key,
    reading_words,
    spells,
)
from loaders.shapes import edition
from loaders.short_forms import QUALIFIERS

# Confidence by how directly the text states a fact.
STATED = 0.9  # a verb or a list that says it ("X spearheads Y", "Y (2005-2008, X)")
NESTED = 0.8  # said in a sub-bullet whose subject is its parent's
FRAMED = 0.7  # given by the layout (an item under a strategy's slide, a target named in a title)

_SHAPED = ("proper", "single")  # names found by shape alone, typed by what sentences do with them
# kept only when a relationship needs them (not "institutions", a kind of body named for itself)
ON_DEMAND = ("collective", "single", "alias", "described", "spelt")
_OURS = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b")  # a heading of a body's own page: "What we do", "Our services"
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z\u00e0-\u00ff'-]+")


@dataclass
class Draft:
    """An entity as read so far: its type, name and kind of mention, aliases, years, the lines naming it."""

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
class Fact:
    """A relationship as read so far, between two draft keys, with the line spans that state it."""

    type: str
    source: str
    target: str
    context: str | None
    start: int | None
    end: int | None
    confidence: float
    evidence: dict[tuple[int, int], None] = field(default_factory=dict)
    note: str | None = None


class Reader:
    """The state of reading one document: its entities so far, abbreviations, recent references."""

    def __init__(self, doc: Document, schema: Schema) -> None:
        self.doc, self.schema = doc, schema
        self.actor_types = schema.members("Actor")
        self.instrument_types = schema.members("Instrument")
        self.drafts: dict[str, Draft] = {}  # name key -> draft
        self.abbreviations: dict[str, str] = {}  # abbreviation -> name key
        self.same_as: dict[str, str] = {}  # name key of another name -> the entity's name key
        self.acronyms = Abbreviations()  # the same abbreviations, for a quick look-up per statement
        self.undefined: frozenset[str] = frozenset()  # abbreviations the document uses but never defines
        # Ordered sets (a dict's keys): a mention moves its name to the end in constant time, where a
        # list's scan grew with the document.
        self.recent_head: dict[str, dict[str, None]] = {}  # head noun -> names with it, the latest last
        self.recent_type: dict[str, dict[str, None]] = {}  # type -> names of that type, the latest last
        self.facts: dict[tuple[str, str, str, str | None], Fact] = {}
        self.pairs: dict[tuple[str, str, str], list[Fact]] = {}  # (type, source, target) -> its facts
        self.subjects: list[str | None] = []  # per statement: its own subject (name key) or None
        self.targets: list[list[str]] = []  # per statement: target-group keys mentioned in it
        self.created: list[int | None] = []  # per statement: the creation year it states
        self.statements: list[Statement] = []
        self.lower_words = frozenset(_LOWER_WORD.findall("\n".join(doc.clean)))  # words written in lower case
        self.table_header: list[str] | None = None  # the cells of the table's header row, lower-cased
        self.period_body: str | None = None  # the body the table's last "period | body" row named
        self.focus: str | None = None  # what "it", "they", "its" stand for: the latest sentence's subject
        self.focus_before: str | None = None  # the focus before the current statement's own
        self.opening: str | None = None  # the first body or instrument the current statement names
        # the latest body or instrument that opened a clause in it, before its last clause pronoun
        self.clause_subject: str | None = None
        self.named_instrument: str | None = None  # the latest instrument the current statement names
        self.latest_instrument: str | None = None  # the latest instrument named so far
        self.named_now: list[str] = []  # the bodies and instruments the current statement names, in order
        self.named_before: list[str] = []  # those of the last statement that named any
        self.instrument_before: str | None = None  # the latest instrument a statement before this one named
        self.first_words: dict[str, list[str]] = {}  # first word of a headed name, lower-cased -> name keys
        self.two_word_names: dict[str, list[str]] = {}  # the same, of the names of two words only
        self.one_word_names: dict[str, str] = {}  # a name of one word without a head noun, as written -> key
        self.last_words: dict[str, list[str]] = {}  # last word of a plural name, lower-cased -> name keys
        self.of_names: dict[str, list[str]] = {}  # first word of an "X of …" name, lower-cased -> name keys

    # --- entities -------------------------------------------------------------------------------
    def entity_for(self, c: Candidate, line: int) -> str | None:
        if c.kind == "acronym":
            key = self.abbreviations.get(c.name)
            if key is None and c.name in self.undefined:  # an abbreviation never spelt out: a name of its own
                key = self._named(Candidate(c.start, c.end, reading_words().default_actor, c.name, "single"))
        elif c.kind == "organisation" and c.alias in self.abbreviations:
            key = self.abbreviations[c.alias]  # the document's own "… Board (IDB)" before a known body's IDB
        elif c.kind == "pronoun":
            key = self._pronoun(c)
        elif c.kind == "reference":
            key = self._reference(c, line)
        else:
            key = self._named(c)
        if key is None:
            return None
        draft = self.drafts[key]
        draft.lines[line] = None
        if draft.head:
            _to_latest(self.recent_head.setdefault(draft.head.lower(), {}), key)
        _to_latest(self.recent_type.setdefault(draft.type, {}), key)
        return key

    def _pronoun(self, c: Candidate) -> str | None:
        """Elsewhere ("made it a component") a pronoun is the last sentence's subject. "…, and it runs":
        a clause-opening pronoun is the body that opened the clause before it; "the bodies working under
        it": a pronoun after a preposition is the sentence's own subject; "banks joined it": a verb's
        object is the instrument the sentence named; "Within it, …": the instrument the sentence before named,
        else that sentence's subject."""
        opening = self.clause_subject or self.opening
        if c.head in ("former", "latter"):  # the first or the second of the last two named
            # (not the clause's own subject: "… A and B; M manages the latter" is B)
            now = [k for k in self.named_now if k != self.clause_subject]
            pair = list(dict.fromkeys(now if len(set(now)) > 1 else self.named_before))[-2:]
            return (pair[0] if c.head == "former" else pair[1]) if len(pair) == 2 else None
        if c.head == "page":
            return self.owner()
        if c.head == "frame":  # the instrument the sentence before named, else what that sentence was about
            before = [k for k in self.named_before if self.is_instrument(k)]
            if before or self.focus is None:
                return before[-1] if before else self.instrument_before
            return self.focus
        if c.head == "object" and self.opening is not None:
            return self.opening
        if c.head == "direct" and self.named_instrument is not None:
            return self.named_instrument
        return opening if c.start > 0 and opening is not None and c.head == "clause" else self.focus

    def owner(self) -> str | None:
        """The body a page speaks for ("We run …", its infobox's "Parent agency"): the first body it names."""
        return next((k for k in self.drafts if self.is_actor(k) and not self.retypable(k)), None)

    def _reference(self, c: Candidate, line: int) -> str | None:
        """ "the ministry": a name with that head (the new one, the one on this line, the most named);
        without one, the latest of its type (a generic head is mostly local)."""
        head = (c.head or "").lower()
        named = self.recent_head.get(head)
        kind = INSTRUMENT_HEADS.get(head) or ACTOR_HEADS.get(head.capitalize(), "")
        if c.name.startswith("new "):  # "the new agency": the latest one a reorganisation made, else named
            made = [t for rel, _, t in self.pairs if rel == "SUCCEEDED_BY" and self.type_of(t) == kind]
            if made or named:
                return made[-1] if made else next(reversed(named)) if named else None
        if c.name.split(" ", 1)[0] in QUALIFIERS:  # "the national project": one whose name holds the word, or none
            word = c.name.split(" ", 1)[0]
            holders = {k: None for k in self.recent_type.get(kind, {}) if word in self.drafts[k].name.lower().split()}
            return self._salient(holders, line)
        if " for " in c.name:  # "the ministry responsible for science": the one whose name holds its remit, or none
            stem = c.name.split(" for ", 1)[1][:5]  # ("economy" is held by "Economic Development")
            holders = {k: None for k in self.recent_type.get(kind, {})
                       if any(w.startswith(stem) for w in self.drafts[k].name.lower().split())}
            return self._salient(holders, line)  # (of several, the one on this line, else the most named)
        salient = self._salient(named, line)
        of_type = self.recent_type.get(kind)
        if salient is None and not of_type and ACTOR_HEADS.get(c.name) == _THE_GOVERNMENT:
            # "the Government", "the Cabinet" with none named yet: the country's, by that name
            return self._named(c._replace(type=_THE_GOVERNMENT, name=c.name, kind="name"))
        if salient is not None or not of_type:
            return salient
        if head.capitalize() not in ACTOR_HEADS:
            return next(reversed(of_type))
        # "the agency": the latest body of its type named without a head noun ("Enterprise Sorvik")
        return next((k for k in reversed(of_type) if self.drafts[k].kind == "proper" and not self.drafts[k].head), None)

    def _named(self, c: Candidate) -> str:
        """The key of a name: an entity already read under it or another of its names, else a new one."""
        if c.alias and self._qualifies(c.alias, c.name):
            # "Office of the Commissioner (MSME)": another entity's abbreviation qualifies this name
            c = c._replace(name=f"{c.name} ({c.alias})", alias=None)
        key = name_key(c.name)
        key = self.same_as.get(key, key)  # another name of an entity already read
        if c.alias and key in self.drafts and self._another_edition(key, c.name, c.alias):
            c = c._replace(name=c.alias, alias=None)  # "Quay Roadmap 2025" after "Quay Roadmap 2020": two entities
            key = name_key(c.name)
        aliased = self.abbreviations.get(c.name) if key not in self.drafts else None
        if aliased is not None and (self.is_actor(aliased) or self.is_instrument(aliased)):
            key = aliased  # "Grow Your Exports Online", the short name of "… stream" read before
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = Draft(c.type, c.name, c.kind, head=c.head)
            self._index_words(c, key)
        elif c.kind not in ON_DEMAND and draft.kind in ON_DEMAND:
            if draft.kind == "described":  # "the quay voucher scheme" before "the Quay Voucher Scheme": the name
                draft.name, draft.head = c.name, c.head or draft.head
            draft.kind = c.kind
        if c.alias:
            draft.aliases[c.alias] = None
            if c.kind != "country":
                # A plural abbreviation ("ABCs") also stands for one of them ("each ABC"), and the reverse.
                plural = c.alias[-1] == "s" and c.alias[:-1].isupper() and len(c.alias) > 2
                other = c.alias[:-1] if plural else f"{c.alias}s" if c.alias.isupper() and len(c.alias) > 1 else None
                for a in (c.alias, other) if other else (c.alias,):
                    self.abbreviations.setdefault(a, key)
                    self.acronyms.add(a)
        return key

    def _another_edition(self, key: str, name: str, alias: str) -> bool:
        """Whether ``alias`` is ``name`` with a year the entity under ``key`` was not named with, when it was
        named with another ("Quay Roadmap 2025" after "Quay Roadmap 2020")."""
        if not _an_edition_of(alias, name):
            return False
        d = self.drafts[key]
        editions = [a for a in d.aliases if _an_edition_of(a, d.name)]
        return bool(editions) and alias not in editions

    def _index_words(self, c: Candidate, key: str) -> None:
        """A new name's first word (of a headed name) and last plural word, for its short forms."""
        words = c.name.lower().split()
        if len(words) == 1 and c.kind in ("single", "proper"):
            self.one_word_names.setdefault(c.name, key)  # "Portex", "NOR-TAK": found again anywhere after
        if c.head and len(words) > 1 and words[0].isalpha():
            self.first_words.setdefault(words[0], []).append(key)
            if len(words) == 2:  # "Quaydesk Registration", written "Quaydesk" (linking._first_word_names)
                self.two_word_names.setdefault(words[0], []).append(key)
        if len(words) > 1 and words[-1].endswith("s") and words[-1].isalpha():
            self.last_words.setdefault(words[-1], []).append(key)  # "… Quay Centres"
        if len(words) > 2 and words[1] == "of":
            self.of_names.setdefault(words[0], []).append(key)  # "Chambers of crafts"

    def _qualifies(self, alias: str, name: str) -> bool:
        """Whether an abbreviation after a name is another entity's, qualifying the name rather than
        abbreviating it: not one of the name's words or initials, and the other entity's name does not
        hold this one."""
        owner = self.abbreviations.get(alias)
        if owner is None or " " in alias or owner == name_key(name) or alias in name.split() or spells(alias, name):
            return False
        return name.lower() not in self.drafts[owner].name.lower()

    def _salient(self, keys: dict[str, None] | None, line: int) -> str | None:
        """What "the ministry" means: the one named on this very line, else of the names with that
        head the one named most often so far (the document's own ministry rather than one named once in
        passing)."""
        if not keys:
            return None
        last = next(reversed(keys))
        if line in self.drafts[last].lines:
            return last
        # (on a tie a body is the first named, the document's own; an instrument the latest, the one at hand)
        return max(reversed(keys) if self.is_instrument(last) else keys, key=lambda k: len(self.drafts[k].lines))

    def is_actor(self, key: str) -> bool:
        return self.drafts[key].type in self.actor_types

    def is_instrument(self, key: str) -> bool:
        return self.drafts[key].type in self.instrument_types

    def is_body(self, key: str) -> bool:
        """An actor that is surely a body: not a target group, not a name whose type sentences may still change."""
        return self.is_actor(key) and not self.retypable(key) and self.type_of(key) != "TargetGroup"

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
        if not self._allowed(rel, source, target):
            return
        for key in (source, target):
            self.drafts[key].fixed = True
        if rel == "SUCCEEDED_BY":
            self._retire(source, target)
            if self.focus == source:  # "A was renamed B in 2030. It runs P": B runs P
                self.focus = target
        spec = self.schema.relationship_types[rel]
        if spec.symmetric and source > target:
            source, target = target, source
        k = (rel, source, target, context)
        fact = self.facts.get(k)
        if fact is None:
            fact = self.facts[k] = Fact(rel, source, target, context, start, end, confidence, note=note)
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

    def fund_free(self, key: str) -> bool:
        """Whether a fund's name may still be read as the body that manages it (no relation has typed it)."""
        d = self.drafts[key]
        return d.head in FUND_HEADS and not d.fixed

    def retypable(self, key: str) -> bool:
        """A name found by shape, or a network's ("… Centres"), that no relation has typed yet."""
        d = self.drafts[key]
        return (d.kind in _SHAPED or d.head in NETWORK_HEADS) and not d.fixed and not _placed(d.name) and not (
            d.kind in _SHAPED and (_headed_first(d.name) or d.type in _GOVERNMENTS))

    def same(self, key: str, other: str) -> None:
        """Two names of one thing: the other's name and aliases become this one's aliases, and the other
        is kept only if a fact needs it."""
        if key == other:
            return
        d, o = self.drafts[key], self.drafts[other]
        d.aliases.update(dict.fromkeys((o.name, *o.aliases)))
        if o.kind in (*_SHAPED, "name", "quoted"):
            o.kind = "alias"
            self.same_as[other] = key  # later mentions of the other name are this entity
            for names in (*self.recent_head.values(), *self.recent_type.values()):
                if other in names:  # '"Ministry" means the Ministry of X': "the Ministry" is X
                    del names[other]
                    _to_latest(names, key)

    def _retire(self, key: str, heir: str) -> None:
        """A body or instrument succeeded by another is no longer what "the ministry", "the plan" mean; an
        heir without a head noun of its own is ("A merged with B to form Nortak. The agency …")."""
        inherits = not self.drafts[heir].head and self.type_of(heir) == self.type_of(key)
        for names in (*self.recent_head.values(), *self.recent_type.values()):
            if key in names:
                if inherits:
                    _to_latest(names, heir)
                if len(names) > 1:
                    del names[key]

    def cite(self, rel: str, source: str, target: str, spans: list[tuple[int, int]]) -> None:
        """One more line stating the facts of type ``rel`` held between the two (a repeated slide)."""
        if self.schema.relationship_types[rel].symmetric and source > target:
            source, target = target, source
        for fact in self.pairs.get((rel, source, target), ()):
            fact.evidence.update(dict.fromkeys(spans))

    def fits(self, rel: str, source: str, target: str) -> bool:
        """Whether :meth:`add` would state the fact, the types it may give free ends included (none is changed)."""
        kept = self.drafts[source].type, self.drafts[target].type
        allowed = self._allowed(rel, source, target)
        self.drafts[source].type, self.drafts[target].type = kept
        return allowed

    def _allowed(self, rel: str, source: str, target: str) -> bool:
        """Whether the schema allows the fact, once free ends take the types it needs (:meth:`refit`; kept)."""
        if self.schema.allows(rel, self.type_of(source), self.type_of(target)) \
                and not self._mixed_family(rel, source, target):
            return True
        return self.schema.allows(rel, *self.refit(rel, source, target))

    def _mixed_family(self, rel: str, source: str, target: str) -> bool:
        """A body part of, or succeeded by, an instrument (or the reverse) where one end's type is still
        free: the schema allows it, but the free end is more likely of the other's family."""
        if rel not in ("PART_OF", "SUCCEEDED_BY") or self.retypable(source) == self.retypable(target):
            return False
        return self.is_instrument(source) != self.is_instrument(target)

    def refit(self, rel: str, source: str, target: str) -> tuple[str, str]:
        """The types a relation would give its ends: a name found by shape alone (not yet typed by
        another relation) takes the actor or instrument type the relation needs, if the other end fits."""
        spec = self.schema.relationship_types[rel]
        s, t = self.drafts[source], self.drafts[target]
        words = reading_words()
        options = (words.default_actor, words.default_instrument)
        # A lone capitalised word is retyped as a body ("… through Portex"), or as an instrument only as what
        # a body leads or runs ("the ministry runs Quaybonus").
        s_free = self.retypable(source) and (s.kind != "single" or words.default_actor in spec.sources) or (
            self.fund_free(source) and rel in ("LEADS", "IMPLEMENTS"))  # "… set up by the X Fund": a body
        t_free = self.retypable(target) and (
            t.kind != "single" or words.default_actor in spec.targets or rel in ("LEADS", "IMPLEMENTS")
        )
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
        """A statement's subject, or its nearest ancestor's: a sub-bullet continues its parent; under a heading
        in the first person ("What we do"), the body the page speaks for."""
        seen = 0
        while index is not None and seen < 50:
            if self.subjects[index] is not None:
                return self.subjects[index]
            if len(self.statements[index].text) < 40 and _OURS.search(self.statements[index].text):
                return self.owner()
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


_THE_GOVERNMENT = "Government"  # the label of "the Government", "the Cabinet" with none named before
FUND_HEADS = frozenset(("fund", "funds"))  # a fund that runs or sets up an instrument is the body managing it


def _to_latest(keys: dict[str, None], key: str) -> None:
    keys.pop(key, None)
    keys[key] = None


def span_of(st: Statement) -> tuple[int, int]:
    """The lines a statement spans, as evidence cites them."""
    return (st.first_line, st.last_line)


_GOVERNMENTS = ("RegionalGovernment", "Government")  # typed so by their shape ("Province of Sorvik"): kept


def _headed_first(name: str) -> bool:
    """ "Bank Quaylim", "Banco Dock": a body's head noun opens the name, which no relation retypes."""
    first, _, rest = name.partition(" ")
    return bool(rest) and first in ACTOR_HEADS and first not in NETWORK_HEADS


def _placed(name: str) -> bool:
    """A name ending with a country's ("Enterprise Norland") names a body there: its type is not in doubt."""
    words = name.split()
    return len(words) > 1 and words[-1] in countries().by_name


def _an_edition_of(alias: str, name: str) -> bool:
    """Whether ``alias`` is ``name`` and a year or a version after it ("Quay Roadmap 2025")."""
    return alias.startswith(name + " ") and edition(alias[len(name) + 1 :])
