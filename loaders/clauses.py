"""Relations stated in running text: a phrase between two mentions, or two lists of mentions.

The phrases are data (``reading.yaml``, ``relations``): each relates the mention just before it (or a
list closed by "and": "A, B and C jointly run …") with the list just after it, ``forward`` phrases from
the one before to those after ("A runs B"), ``backward`` phrases the other way ("B is run by A",
"B replaced A"). This module works on a templated statement (mentions replaced by ``@i@``, see
:mod:`loaders.relations`), so a phrase never has to know how a name is spelt; which pairs of types a
relation may join is the schema's to say, not this module's.

>>> [(f.relation, f.sources, f.targets) for f in phrased("@0@ is administered by @1@ and @2@")]
[('IMPLEMENTS', [1, 2], [0])]
>>> [(f.relation, f.sources, f.targets) for f in phrased("@0@, @1@ and @2@ jointly run @3@")]
[('IMPLEMENTS', [0, 1, 2], [3])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graph.model.schema import load_schema
from loaders.clause_ends import (
    ANY_PARTNERS_ASIDE,
    INTO_ONE,
    MENTION,
    PARTIAL_ITEM,
    PARTNERS_ASIDE,
    UNNAMED_PARTNER,
    clause_subject,
    framed,
    list_end,
    objects_after,
    skip_behalf,
    stand_in,
    subjects_before,
)
from loaders.lexicon import READING, alternation, memoised, reading_words
from loaders.relations import LIST

# "the government renamed A B": the second name right after the first.
_RENAMED_TO = re.compile(r"\s+(?:as\s+|to\s+|into\s+)?(?:the\s+)?@(\d+)@")
_MERGED_WITH = re.compile(
    r"(?:\s*\(\s*@\d+@\s*\))?(?:\s*,\s*(?:the|an?)\s[^,@;]*,)?\s*(?:together\s+)?with\s+(?:the\s+)?@(\d+)@", re.I
)
# What may follow a verb that has no object ("took its present name on 1 April", "was renamed in 2014").
_NO_OBJECT = re.compile(
    r"\s*(?:$|[,;.)]|\d|(?:on|in|at|from|since|when|after|before|by|until|and|but|while|under|with)\b)", re.I
)
_DETERMINED = re.compile(r"\b(?:the|a|an|its|their|this)\s+(?:[a-z]+ly\s+)?$", re.I)  # "the (newly) created"
# "has closed the largest part of P": a noun phrase after a verb, not "A, the main part of P".
_OBJECT_NOUN = re.compile(r"[a-z]\s+(?:the|a|an)\s+(?:[a-z]+\s+)?$")
_PARTNERS = ("COLLABORATES_WITH", "PARTICIPATES_IN")
# "A is one of the pillars of P, together with B and C": B and C are parts of P too.
# "through the merger of A and B, together with C", "took over the activities of A, both of which …, together with
# the operational parts of C": C is merged (taken over) too
_MERGED_TOO = re.compile(
    r"\s*(?:\([^()@]*\)\s*)?,\s*(?:(?:both|all)\s+of\s+which\s+[^,@;]*,\s*)?(?:together|along)\s+with\s+(?:the\s+)?"
    r"(?:(?:[a-z]+\s+)?parts?\s+of\s+(?:the\s+)?)?(?P<list>@\d+@(?:\s*(?:,\s*and|,|and)\s*(?:the\s+)?@\d+@)*)",
    re.I,
)
_MERGER_BEFORE = re.compile(  # (right after the merger's list)
    r"\b(?:merger\s+of|merging|amalgamation\s+of|(?:took|taking)\s+over\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?of|absorb\w*)"
    r"\s+(?:the\s+)?@\d+@(?:\s*\([^()@]*\))?(?:\s*(?:,\s*and|,|and)\s*(?:of\s+)?(?:the\s+)?@\d+@(?:\s*\([^()@]*\))?)*"
    r"\s*,(?:\s*(?:both|all)\s+of\s+which[^,@;]*,)?\s*$",
    re.I,
)
_PARTS_TOO = re.compile(
    r"\s*,\s*(?:together\s+with|along\s+with|alongside)\s+(?:the\s+)?"
    r"(?P<list>@\d+@(?:\s*(?:,\s*and|,|and|&)\s*(?:the\s+)?@\d+@)*)\s*(?:[.;]|$)",
    re.I,
)
# "created by A with B", "launched by A together with B": B is a second agent of the same act ("in
# collaboration with B" makes B a partner only, which the phrase itself says; "with B as executing agency" gives B
# a role of its own, read in loaders.forms).
_CO_AGENT = re.compile(
    r"\s*(?:\(\s*@\d+@\s*\))?\s*,?\s*(?:together\s+with|jointly\s+with"
    # ("launched by A with money from B": B pays for it, as A leads it)
    r"|with(?:\s+(?:money|funding|funds|financing|co-?financing|resources)\s+from)?)\s+(?:the\s+)?(?P<list>@\d+@(?:\s*(?:,\s*and|,|and|&)\s*(?:the\s+)?@\d+@)*)"
    r"(?!\s*(?:\([^()]*\)\s*)?as\s)",
    re.I,
)
# "C, an online tool of A developed by B": the participle describes C, not its owner A.
_OWNER_IN_APPOSITION = re.compile(r"@(\d+)@\s*,\s*(?:the|an?)\s[^,@;]*\bof\s+(?:the\s+)?@\d+@\s*$", re.I)
_THROUGH = re.compile(r"\s+(?:through|via)\s+(?:the\s+|its\s+)?(?:[a-z]+\s+)?@(\d+)@", re.I)
# (a deck's dated item opens on its year: "- 2030: renamed M")
_DESCRIBES_PARENT = re.compile(
    r"^[\s*\u2013\u2014:-]*(?:(?:19|20)\d\d\s*[:\u2013\u2014-]\s*)?(?:[A-Za-z][\w-]*\s+){0,4}?$"
    # "- ran sessions in October 2031, together with B": a verb opens the item, a comma before the phrase
    r"|^[\s*\u2013\u2014:-]*[a-z][\w-]*\s+(?:[\w-]+\s+){0,6}?[\w-]+,\s+$"
)
_JOINTLY_IN = re.compile(r"\b(?:jointly|together)\s+with\b", re.I)
_INTO_ONE = re.compile(INTO_ONE, re.I)
_CLAUSE_BREAK = re.compile(r";|,\s*(?:and|but|while|whereas)\s", re.I)  # where a new clause begins
_ON_INSTRUMENT = re.compile(r"\s+(?:on|in|for)\s+(?:the\s+|its\s+)?@(\d+)@")
_ACTIVE = ("LEADS", "IMPLEMENTS", "PARTICIPATES_IN", "COLLABORATES_WITH")  # verbs a relative clause may precede
_THOSE_OF = re.compile(r"\s+(?:most\s+|some\s+|all\s+|part\s+)?(?:of\s+)?those\s+of\b", re.I)
# "A, which the government funded, replaced B": a successor's verbs in the active voice, said of A.
_ACTIVE_SUCCESSION = re.compile(r"replaced|replaces|succeeded|succeeds|superseded|supersedes|absorbed|absorbs"
                                r"|took\s+over(?:\s+from)?|takes\s+over(?:\s+from)?", re.I)
# A framing phrase ("as part of", "under") and the prepositions that make a mention an object of its verb.
_FRAMING = re.compile(r"(?:as\s+)?part\s+of|under|within", re.I)
_APPOSED_BEFORE = re.compile(r"@\d+@\s*(?:\([^()@]*\)\s*)?,\s*$")
_OPENER_SUBJECT = re.compile(r"(?:\s+(?:since|in|from)\s+(?:19|20)\d\d)?\s*,\s*(?:the\s+|its\s+)?@(\d+)@")
_AND_PARTICIPLE = re.compile(r"\s+and\s+[a-z]+(?:ed|en)\s+(?:by|under|through|with)\s+(?:the\s+)?@\d+@")
_OPENING_AND = re.compile(r"^\s*[A-Z][a-z]+(?:ed|en)\s+[^,;]*\s+and\s+$")  # "Financed by A and …"
# "P (2030-2031): grants for …", "P – a loan …": a line that opens on a name and describes it.
_LABELLED_ITEM = re.compile(r"[\s*\u2013\u2014-]*@(\d+)@\s*(?:\([^()@]*\)\s*)?(?::|\s\u2013|\s\u2014|\s-)\s")
_OWNER_OPENS = re.compile(r"^[\s*\u2013\u2014-]*@(\d+)@(?:'s|\u2019s)\s")  # "- Norland's plan …"
_OTHER_VERB = re.compile(r",\s*(?:is|was|are|were|has|have|had|will|would|can|may)\b", re.I)  # "…, is run by B"
_PASSIVE = re.compile(r"\bby\s+(?:the\s+|an?\s+)?(?:then\s+|former\s+|new\s+)?$", re.I)


INHERITED = -1  # in ``Phrased.sources``/``targets``: the subject the statement inherits from its parent
# Readings that are not relationship types; the reader resolves them once it knows the types.
OWNS = "OWNS"  # "A's B", "its B": A leads B (an instrument) or B is part of A (a body)
SAME_AS = "SAME_AS"  # "X, whose formal name is Y": Y is another name of X
INSIDE = "INSIDE"  # "the Directorate for X in the Ministry of Y": a unit of a ministry or agency, if both are


@dataclass(frozen=True)
class Phrased:
    """One relation a phrase states: mention indexes of its sources and targets, and where it is."""

    relation: str
    sources: list[int]
    targets: list[int]
    start: int
    end: int
    before_phrase: tuple[int, ...] = ()  # the mentions of the clause before the phrase, in order
    typed: bool = False  # stated only between names whose type is known (not found by shape alone)
    instruments: bool = False  # only the instruments among the sources are meant (the first one)
    # Names that take the place of the names before the phrase, nearest first, when those fit nothing: for "its
    # B", the names before if the subject owns nothing; else the clause's subject.
    owners: tuple[int, ...] = ()
    backward: bool = False  # the names before the phrase are its targets ("B is run by A"), for ``owners``
    frame: bool = False  # the phrases inside its span say nothing of their own ("B is the new name, adopted …, of A")
    bodies: bool = False  # it calls its sources bodies ("the Quay Fund is a separate body under M": no instrument)


@cache
def _phrases() -> tuple[re.Pattern[str], dict[str, tuple[str, bool]]]:
    """The phrases of ``reading.yaml`` as one pattern (longest first) and a map phrase → (relation, forward)."""
    data = READING["relations"]
    schema = load_schema()
    table: dict[str, tuple[str, bool]] = {}
    for relation, sides in data.items():
        if relation not in (OWNS, SAME_AS):
            schema.check_relationship_type(relation)
        for direction in ("forward", "backward"):
            for phrase in sides.get(direction) or ():
                table.setdefault(_norm(phrase), (relation, direction == "forward"))
    return re.compile(rf"(?<![\w@-])(?:{_trie([p.split(' ') for p in table])})(?![\w-])", re.I), table


# What may stand between the words of a phrase: an adverb ("is jointly run by") or a date ("founded in
# 1995 as", "renamed on 1 April 2019 as").
_ADVERBS_IN_PHRASE = frozenset(("now", "also", "still", "already", "again"))  # "is now the managing authority of"
_ASIDE_IN_PHRASE = (
    rf"(?:\w+ly\s+|(?:{'|'.join(_ADVERBS_IN_PHRASE)})\s+|(?:(?:in|from|since)\s+)?(?:19|20)\d\d\s+"
    r"|on\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s+"
    r"|in\s+(?:practice|effect|turn|part)\s+)?"
)  # (a bare year too: a deck's "est. 2016 by")
_DATE_IN_PHRASE = re.compile(
    r"\s(?:(?:(?:in|from|since)\s+)?(?:19|20)\d\d|on\s+\d{1,2}\s+[a-z]+\s+\d{4}|in\s+(?:practice|effect|turn|part))(?=\s)")


def _trie(phrases: list[list[str]]) -> str:
    """One pattern for many phrases, sharing their first words ("run", "run by", "runs" → one branch
    per first word, longest first), so the engine does not retry every phrase at every position.
    Words inside a phrase may be separated by an adverb ("is jointly run by")."""
    by_first: dict[str, list[list[str]]] = {}
    for words in phrases:
        by_first.setdefault(words[0], []).append(words[1:])
    branches: dict[str, list[str]] = {}
    for first in sorted(by_first, key=len, reverse=True):
        rests = [r for r in by_first[first] if r]
        # A phrase ending on "by" is not one before a gerund ("established in 2031 by merging A and B" is the
        # merger's phrase, "by merging").
        parts = [rf"\s+{_ASIDE_IN_PHRASE}(?:{_trie(rests)})"] if rests else []
        if [] in by_first[first]:
            parts.append(r"(?!\s+[a-z]+ing\b)" if first == "by" else "")
        tail = parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"
        branches.setdefault(first[0], []).append(re.escape(first[1:]) + tail)
    # Grouped by first letter (same order within a letter): the engine tests a few letters at each
    # position instead of every first word, which made this the costliest pattern of the reading.
    return "|".join(re.escape(letter) + f"(?:{'|'.join(b)})" for letter, b in branches.items())


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _lookup(table: dict[str, tuple[str, bool]], text: str) -> tuple[str, bool] | None:
    key = _DATE_IN_PHRASE.sub("", _norm(text))
    found = table.get(key)
    if found is None:  # an adverb inside the phrase
        found = table.get(" ".join(w for w in key.split(" ") if not w.endswith("ly") and w not in _ADVERBS_IN_PHRASE))
    return found


def phrase_relation(words: str) -> tuple[str, bool] | None:
    """The relation a phrase of ``reading.yaml`` states, and whether it reads forward ("manage" →
    IMPLEMENTS, forward), or None if ``words`` are no phrase."""
    return _lookup(_phrases()[1], words)


def first_phrase(text: str) -> tuple[str, bool] | None:
    """The relation of the first phrase of ``reading.yaml`` in ``text`` ("works with three agencies:" →
    COLLABORATES_WITH), or None."""
    pattern, table = _phrases()
    return next((found for m in pattern.finditer(text) if (found := _lookup(table, m[0])) is not None), None)


@memoised
def phrased(t: str, bullet: bool = False) -> list[Phrased]:
    """The relations the phrases of ``reading.yaml`` state in templated statement ``t`` (``bullet``: a
    bullet, which may open on its verb and continue its parent's subject)."""
    if "@" not in t:
        return []
    pattern, table = _phrases()
    out: list[Phrased] = []
    # (a participle used as an adjective is no phrase: "placed under the newly created A" reads "under A")
    matches = [(m, found) for m in pattern.finditer(t) if (found := _lookup(table, m[0])) is not None
               and not _no_verb(t, m)]
    for i, (m, found) in enumerate(matches):
        # The objects of a phrase come before the next phrase ("created in 2018 by merging A"), past an aside
        # naming partners ("launched, jointly with B, the call P").
        aside = ANY_PARTNERS_ASIDE.match(t, m.end())
        later = [n for n, _ in matches[i + 1 :] if aside is None or n.start() >= aside.end()]
        limit = later[0].start() if later else len(t)
        out += _phrase_facts(t, m, found, limit, bullet)
    return out


_ON_TO = re.compile(r"\s+to\s+(?:the\s+)?@(\d+)@")
_PREPOSITION_NEXT = re.compile(r"\s+(?:through|via|with|by|in|on|under|for|from|at|across)\s", re.I)
_LIST_GOES_ON = re.compile(r"@\d+@\s*(?:,\s*and|,|and)\s+$")
_MERGING_BEFORE = re.compile(r"\b(?:merg|integrat|amalgamat|consolidat|combin|absorb)\w*[^.;]*$", re.I)
_ITS_WORK = re.compile(
    r"(?:;|,|\band\b)\s*(?:its|their)\s+(?:remaining\s+|former\s+|main\s+)?(?:functions|tasks|programmes|programs|staff"
    r"|responsibilities|activities|duties|powers|portfolio|mandate|services|operations)\s+(?:were\s+|was\s+|have\s+been\s+"
    r"|has\s+been\s+|had\s+been\s+)?$",
    re.I,
)
_BOTH = re.compile(r",\s*both\s+$", re.I)
_AFTER_COMMA = re.compile(r",\s*$")
PARAGRAPH_NUMBER = r"\d{1,2}(?:\.\d{1,2})*\.?\s+"  # "3.2 Within A, …": a report's numbering
_PARAGRAPH_NUMBER = re.compile(rf"^\s*{PARAGRAPH_NUMBER}")
_PROJECT_OF = re.compile(
    r"\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:project|initiative|pilot|programme|program|scheme|service|spin-off)\s+"
    r"(?:of|by|from|within)\s+(?:the\s+)?@(\d+)@",
    re.I,
)
# "took over the management of P", "took over responsibility for B": running P, owning B (loaders.reorganised)
RUNNING_NOUNS = r"management|running|administration|operation|delivery|implementation"
OWNING_NOUNS = r"responsibility|oversight"
_RUNNING_OF = re.compile(rf"\s+(?:the\s+)?(?:(?:{RUNNING_NOUNS})\s+of|(?:{OWNING_NOUNS})\s+for)\b", re.I)
_PARTNER_AFTER = re.compile(r"[^@;.]*?\bwith\s+(?:the\s+)?@", re.I)
_WITH_PARTNERS = re.compile(
    rf"\s+(?:in\s+(?:close\s+)?(?:partnership|cooperation|co-operation|collaboration)\s+|(?P<joint>together\s+|jointly\s+))?"
    rf"with\s+(?:the\s+)?(?P<list>{LIST})",
    re.I,
)
_RESPECTIVELY = re.compile(r"\s*,?\s*respectively\b", re.I)


def _no_verb(t: str, m: re.Match[str]) -> bool:
    """ "the renamed scheme": a participle used as an adjective; "closed the largest part of P": a noun; "the
    state-owned financing company": a gerund naming a kind of body."""
    if m[0].split()[0].lower().endswith("ed") and _DETERMINED.search(t, max(0, m.start() - 20), m.start()):
        return True
    if m[0].endswith("ing") and " " not in m[0] and _kind_of_body().match(t, m.end()):
        return True
    if not m[0].lower().startswith("part"):
        return False
    if _LIST_GOES_ON.search(t, max(0, m.start() - 12), m.start()) and _MERGING_BEFORE.search(t, 0, m.start()):
        return True  # "formed by merging A, B and part of C": an item of the merger, not a whole
    return _OBJECT_NOUN.search(t, max(0, m.start() - 30), m.start()) is not None


@cache
def _kind_of_body() -> re.Pattern[str]:
    """A kind of body after a word ("… financing company"), from ``body_nouns`` of reading.yaml."""
    nouns = alternation(reading_words().body_nouns)
    return re.compile(rf"\s+(?:{nouns})s?\b", re.I)


def _phrase_facts(t: str, m: re.Match[str], found: tuple[str, bool], limit: int, bullet: bool) -> list[Phrased]:
    """What one phrase states: its subjects before it, its objects after it, in its voice."""
    relation, forward = found
    out: list[Phrased] = []
    if relation == "COLLABORATES_WITH" and UNNAMED_PARTNER.match(t, m.end()) and t[: m.start()].rstrip().endswith(","):
        return out  # "A finances, together with the ministry, P": the partner is no name (P is what A finances)
    if relation == "COLLABORATES_WITH" and m[0].lower().startswith(("together", "along")) and _MERGER_BEFORE.search(
            t, t.rfind(";", 0, m.start()) + 1, m.start()):
        return out  # "formed through the merger of A and B, together with C": C merged too (read with the merger)
    if relation == "COLLABORATES_WITH" and _THOSE_OF.match(t, m.end()):
        return out  # "took over the functions of A together with most of those of B": B's work, not a partner
    if relation == "SUCCEEDED_BY" and _RUNNING_OF.match(t, m.end()):
        return out  # "A took over the management of P" (or "responsibility for B"): A runs P now (loaders.reorganised)
    if relation == "SUCCEEDED_BY" and not forward and _INTO_ONE.match(t, list_end(t, m.end())):
        return out  # "a law merging A and B into C": C succeeds them (loaders.reorganised), not the clause's subject
    if relation == "SUCCEEDED_BY" and (project := _PROJECT_OF.match(t, m.end())) is not None:
        # "P began in 2016 as a project of A": A's project, not A's successor
        subject = subjects_before(t, m.start())
        return [Phrased(OWNS, [int(project[1])], subject, m.start(), project.end())] if subject else out
    if relation == "PARTICIPATES_IN" and not forward and _JOINTLY_IN.search(m[0]):
        relation = "IMPLEMENTS"  # "P is run (or delivered) jointly with B": B runs it too, not just takes part
    active = forward and relation in _ACTIVE or (
        not forward and relation == "SUCCEEDED_BY" and _ACTIVE_SUCCESSION.fullmatch(m[0]) is not None)
    before = subjects_before(t, m.start(), relation in _PARTNERS and forward, active)
    if _BOTH.search(t, max(0, m.start() - 8), m.start()):
        before = [int(x) for x in MENTION.findall(t, 0, m.start())][-2:]  # "A and B, both coordinated by C"
    if m[0].split()[0].lower().endswith("ing") and _AFTER_COMMA.search(t, 0, m.start()) and (
            main := clause_subject(t[: m.start()])) is not None:
        before = [main]  # "B was set up under C in 2024, merging A and D": the participle is said of B
    if relation == "PART_OF" and before and _FRAMING.match(m[0]) and not (
            m[0].lower().startswith("part") and _APPOSED_BEFORE.search(t, 0, m.start())):
        before = framed(t, before)  # (but "managed by A, part of B": bare "part of" after a name describes it)
    after = _unnamed_object(t, m, before, objects_after(t, m.end(), limit), relation, forward)
    if forward and m[0].lower().startswith("co-") and after and _PARTNER_AFTER.match(t, m.end()):
        relation = "COLLABORATES_WITH"  # "A co-finances projects with B": B is A's partner, not its object
    if relation == "SUCCEEDED_BY" and forward and len(after) == 1:
        renamed = _RENAMED_TO.match(t, t.find("@", t.find("@", m.end()) + 1) + 1)
        if renamed is not None:  # "the government renamed A B": A became B, and the renamer leads B
            out += [Phrased("LEADS", before, [int(renamed[1])], m.start(), m.end(), typed=True)]
            before, after = after, [int(renamed[1])]
    before = _implied_subject(t, m, relation, forward, bullet, before, after)
    if not forward and relation in ("LEADS", "IMPLEMENTS") and after and (
            via := _THROUGH.match(t, list_end(t, m.end()))) is not None and " its " not in via[0]:
        # "co-funded by A through P": A funds what it funds through P, its instrument (a body after "through" is
        # read below; a name typed by shape alone is left alone)
        out.append(Phrased("LEADS", after, [int(via[1])], m.start(), via.end(), typed=True))
    if not before or not after:
        return out
    by_end = t.find("@", skip_behalf(t, m.end()))
    if forward and not _OTHER_VERB.search(t, m.end(), by_end) and _PASSIVE.search(t, skip_behalf(t, m.end()), by_end):
        # "was led at its launch by A": the agent follows "by" (not "C, which A designed, is run by B": another verb's)
        forward = False
    if relation == "TRANSFERRED_TO" and not forward and after and (to := _ON_TO.match(t, list_end(t, m.end()))):
        before = [int(to[1])]  # "responsibility moved from A to B": from A to B, whatever moved
    if relation == "SUCCEEDED_BY" and not forward and (part := PARTIAL_ITEM.match(t, list_end(t, m.end()))):
        out.append(Phrased("TRANSFERRED_TO", [int(part[1])], before, m.start(), m.end()))
    if relation == "SUCCEEDED_BY" and not forward and after and (more := _MERGED_TOO.match(t, list_end(t, m.end()))):
        after = [*after, *(int(x) for x in MENTION.findall(more["list"]))]  # "… of A and B, together with C"
    merged_with = _MERGED_WITH.match(t, list_end(t, m.end())) if "merg" in m[0].lower() and after else None
    if relation == "SUCCEEDED_BY" and merged_with is not None:
        after = [*after, int(merged_with[1])]  # "by merging A (AB), the trade agency, with B": B too
    if forward and m[0].lower().startswith("co-") and before and after and (
        co := _MERGED_WITH.match(t, list_end(t, m.end()))
    ) is not None:  # "A co-manages P with B": B manages it too, with A
        out.append(Phrased("COLLABORATES_WITH", before[:1], [int(co[1])], m.start(), m.end()))
        before = [*before, int(co[1])]
    if forward and relation in ("LEADS", "IMPLEMENTS") and before and after \
            and (aside := PARTNERS_ASIDE.match(t, m.end())) is not None:
        # "A launched, jointly with B, the call P": B launched it too
        out.append(Phrased(relation, [int(x) for x in MENTION.findall(aside[0])], after, m.start(), aside.end()))
    if forward and relation in ("LEADS", "IMPLEMENTS") and before and after and not m[0].lower().startswith("co-") \
            and (w := _WITH_PARTNERS.match(t, list_end(t, m.end()))) is not None:
        # "A runs P with B and C": B and C work with A, and so take part in P
        partners = [int(x) for x in MENTION.findall(w["list"])]
        out.append(Phrased("COLLABORATES_WITH", before[:1], partners, m.start(), w.end(), tuple(after)))
        if w["joint"]:  # "A runs P together with B": B runs it too
            out.append(Phrased(relation, partners, after, m.start(), w.end()))
    either = " or " in t[m.end() : list_end(t, m.end())]  # "led by A or B": one of them, not both
    if not forward and relation in ("LEADS", "IMPLEMENTS"):
        before, after, out = _co_agents(t, m, before, after, out)
    jointly = _JOINT.search(m[0]) or _JOINT_BEFORE.search(t, max(0, m.start() - 12), m.start())
    if not forward and len(after) > 1 and relation != "SUCCEEDED_BY" and (
            jointly or (_CO_LED.match(m[0]) and not either)):
        # "funded jointly by A and B": the agents work together too (not bodies "brought together" into one)
        out += [Phrased("COLLABORATES_WITH", [a], [b], m.start(), m.end()) for n, a in enumerate(after)
                for b in after[n + 1 :]]
    if relation == "PART_OF" and forward and (via := _THROUGH.match(t, list_end(t, m.end()))):
        after = [*after, int(via[1])]  # "attached to the ministry through its directorate B": under B too
    if relation == "LEADS" and not forward and (via := _THROUGH.match(t, list_end(t, m.end()))):
        after = [*after, int(via[1])]  # "funded by the government through its ministry B": B funds it too
    if relation == "IMPLEMENTS" and not forward and (via := _THROUGH.match(t, list_end(t, m.end()))) \
            and " its " not in via[0] and " their " not in via[0]:  # (not "through its directorate B": A's own unit)
        # "loans provided by A through B and C": the intermediaries take part in what A provides
        channels = [int(x) for x in MENTION.findall(t, via.start(), list_end(t, via.start(1) - 1))]
        out.append(Phrased("PARTICIPATES_IN", channels, before, m.start(), via.end()))
    if relation == "PART_OF" and forward and (w := _PARTS_TOO.match(t, list_end(t, m.end()))):
        before = [*before, *(int(x) for x in MENTION.findall(w["list"]))]  # "…, together with B and C"
    sources, targets = (before, after) if forward else (after, before)
    if len(sources) == len(targets) > 1 and _RESPECTIVELY.match(t, list_end(t, m.end())):
        # "P and Q are run by A and B respectively": A runs P, B runs Q
        return [*(o for o in out if o.relation != "COLLABORATES_WITH"),
                *(Phrased(relation, [a], [b], m.start(), m.end()) for a, b in zip(sources, targets, strict=True))]
    if relation in ("LEADS", "IMPLEMENTS") and (principal := _principal(t, m.end())) is not None:
        out.append(Phrased("LEADS", [principal], targets, m.start(), m.end(), typed=True))  # "run by A on behalf of B"
    opening = max((c.end() for c in _CLAUSE_BREAK.finditer(t, 0, m.start())), default=0)
    clause = tuple(int(x) for x in MENTION.findall(t, opening, m.start()))
    on = _ON_INSTRUMENT.match(t, list_end(t, m.end()))  # "works with B on P"
    # "A offers training to member firms, in cooperation with B": if the mention before cannot work with B (a
    # target group), the clause's subject does
    # ("A was set up under Act 5 as the successor to B": if the act cannot succeed B, A, the clause's subject, does)
    partnered = relation == "COLLABORATES_WITH" and forward
    fallback = stand_in(t, m.start(), before[0], governed=not partnered) if len(before) == 1 else None
    out.append(Phrased(relation, sources, targets, m.start(), m.end(), (*clause, int(on[1])) if on else clause,
                       owners=(fallback,) if fallback is not None and fallback not in before else (),
                       backward=not forward))
    return out


def _implied_subject(
    t: str, m: re.Match[str], relation: str, forward: bool, bullet: bool, before: list[int], after: list[int]
) -> list[int]:
    """The subject a phrase has where none stands before it in its clause: a bullet's parent, the body whose
    work "its functions" are, the main clause's subject for an opening participle."""
    if not before and after and not forward and (item := _LABELLED_ITEM.match(t)) is not None \
            and int(item[1]) not in after:
        before = [int(item[1])]  # "P (2030-2031): grants for firms; managed by A": the item's name
    if bullet and not before and after and (_DESCRIBES_PARENT.match(t[: m.start()]) or (
        ";" in t[: m.start()] and _DESCRIBES_PARENT.match(t[t.rfind(";", 0, m.start()) + 1 : m.start()])
        and ("@" not in (first := t[: t.find(";")]) or _DESCRIBES_PARENT.match(first[: first.find("@")]))
    )):  # "- Coordinates @0@ policy; reports to @1@": each clause opens on its verb
        # a bullet that opens on its verb continues its parent's subject, as one that opens on a few
        # words describing it does ("- private ICT providers adhered to P")
        before = [INHERITED]
    elif bullet and len(before) == 1 and (o := _OWNER_OPENS.match(t)) and int(o[1]) == before[0]:
        before = [INHERITED]  # "- Norland's plan under B" describes the parent: the parent is under B
    if not before and after and relation in ("SUCCEEDED_BY", "TRANSFERRED_TO") and forward \
            and (w := _ITS_WORK.search(t, max(0, m.start() - 80), m.start())) is not None \
            and (owner := clause_subject(t[: w.start()])) is not None:
        before = [owner]  # "A was closed in 2019; its programmes were absorbed by B": A's work went to B
    head = _PARAGRAPH_NUMBER.sub("", t[: m.start()])
    if not before and after and (not head.strip(" *\u2013\u2014-") or _OPENING_AND.match(head)):
        # "Launched in 2019 by A, the initiative …", "Funded under B, P …", "Financed by A and implemented by B
        # since 2020, P …": an opening participle is said of the main clause's subject
        last = t.find(f"@{after[-1]}@", m.end()) + len(f"@{after[-1]}@")
        if (a := _AND_PARTICIPLE.match(t, last)) is not None:
            last = a.end()  # ("Financed by A and implemented by B, P …": past the second participle)
        if (o := _OPENER_SUBJECT.match(t, last)) is not None and int(o[1]) not in after:
            before = [int(o[1])]
    return before


def _co_agents(
    t: str, m: re.Match[str], before: list[int], after: list[int], out: list[Phrased]
) -> tuple[list[int], list[int], list[Phrased]]:
    """ "C, a tool of A developed by B with D": B and D both made C, and worked together on it."""
    if m[0].lower().rstrip().endswith(" by") and (o := _OWNER_IN_APPOSITION.search(t, 0, m.start())) is not None:
        before = [int(o[1])]
    co = _CO_AGENT.match(t, list_end(t, m.end()))
    if co is None:
        return before, after, out
    partners = [int(x) for x in MENTION.findall(co["list"])]
    out = [*out, *(Phrased("COLLABORATES_WITH", [a], [b], m.start(), m.end()) for a in after for b in partners)]
    return before, [*after, *partners], out


def _unnamed_object(
    t: str, m: re.Match[str], before: list[int], after: list[int], relation: str, forward: bool
) -> list[int]:
    """The object a phrase has when no name follows it: "C, which A opened" (C); "X dates from 2014,
    when Y was renamed" (X, the sentence's subject); "P: the grant contributes to its goals" (P)."""
    if before and forward and (not after or _PREPOSITION_NEXT.match(t, m.end())):
        subject_at = t.rfind("@", 0, t.rfind("@", 0, m.start()))  # where the mention before begins
        r = _RELATIVE.search(t, 0, subject_at)
        if r is not None and r.end() == subject_at:
            after = [int(r[1])]  # "C, which A coordinates (through its network)": C
    serves = relation in ("PART_OF", "PARTICIPATES_IN")
    if before and not after and forward and serves and _ITS_OBJECT.match(t, m.end()):
        owner = clause_subject(t[: m.start()])  # "P: the grant contributed to its goals": P's goals
        after = [owner] if owner is not None and owner not in before else []
    # (an arrow's object is what follows it, named or not: "A → B → 14 regional centres")
    if before and not after and relation == "SUCCEEDED_BY" and _NO_OBJECT.match(t, m.end()) and m[0].isascii() \
            and not _FORMER_OPENS.match(t):  # "Formerly A, B was renamed": the opening says which way
        when = t.rfind(" when ", 0, m.start())  # ("… B, which was created in 2023 when A was merged": B)
        named = [int(x) for x in MENTION.findall(t, 0, when)] if when > 0 else []
        first = named[-1] if named else int(f[1]) if (f := MENTION.search(t)) is not None else None
        if first is not None and first not in before:
            after = [first]
    return after


_ITS_OBJECT = re.compile(r"\s*(?:its|their)\s+(?:[a-z][\w-]*\s*){1,3}(?:[.;,]|$)")
_CO_LED = re.compile(r"(?:led|co-[a-z]+|headed|chaired|steered|run|managed)\b", re.I)  # by A and B: together
_JOINT = re.compile(r"\b(?:jointly|together)\b", re.I)
_JOINT_BEFORE = re.compile(r"\b(?:jointly|together)\s+$", re.I)  # "jointly developed by A and B"
# "C, which A opened": the relative pronoun's antecedent is the object.
# "C, which A opened", "C, the online platform that A opened": C
_RELATIVE = re.compile(  # (an abbreviation in apposition too: "P, 3MQ, which A implements")
    r"@(\d+)@\s*(?:\([^()]*\)\s*)?(?:,\s*[A-Z0-9][\w&.-]{1,11}(?=\s*,))?,?\s*(?:(?:the|a|an)\s+[\w.-]+(?:\s+[\w.-]+){0,3}\s+)?"
    r"(?:which|that|whom)\s+(?:the\s+)?$",  # ("C, which the ministry designed": the article before its subject)
    re.I,
)
_FORMER_OPENS = re.compile(r"\s*(?:formerly|previously|originally|once)\b", re.I)


_ON_BEHALF = re.compile(
    r"\s*,?\s*on\s+(?:behalf\s+of\s+(?:the\s+)?@(\d+)@|(?:the\s+)?@(\d+)@(?:'s|\u2019s)\s+behalf)", re.I
)


def _principal(t: str, at: int) -> int | None:
    """B in "P is run by A on behalf of B", "P is run on B's behalf by A", "A runs P on behalf of B"."""
    for pos in (at, list_end(t, skip_behalf(t, at))):
        if (b := _ON_BEHALF.match(t, pos)) is not None:
            return int(b[1] or b[2])
    return None


