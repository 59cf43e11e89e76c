"""What the form of a statement says without a phrase of ``reading.yaml``: possessives, parts listed after
"… three pillars:", appositions ("A, the directorate of B"), members ("the bodies under the ministry, among
them A and B"; "Two agencies attached to …"), "A, B and C jointly …", other names in parentheses, bodies in
parentheses after an instrument, "with A as implementing agency", "M entrusted its implementation to A",
roles given in a relative clause ("P, for which M is the managing authority"), and the reorganisations of
:mod:`loaders.reorganised`. The phrases themselves are read by :mod:`loaders.clauses`; all give
:class:`~loaders.clauses.Phrased`.
"""

from __future__ import annotations

import re
from functools import cache

from loaders.acting import acting_as
from loaders.clause_ends import (
    ACTS_THROUGH,
    COMMISSIONED,
    MENTION,
    NAMES_LIST,
    PARTNER_ITEM,
    body_plurals,
    clause_subject,
    list_end,
    plural,
    subjects_before,
)
from loaders.clauses import INHERITED, INSIDE, OWNS, PARAGRAPH_NUMBER, SAME_AS, Phrased
from loaders.lexicon import COUNTS, INSTRUMENT_HEADS, STOP, alternation, memoised, reading_words
from loaders.relations import LIST
from loaders.reorganised import reorganised

# "A, B and C (have since) jointly published …": the bodies of the list work together.
_JOINTLY = re.compile(
    r"(?P<list>@\d+@(?:\s*(?:,\s*and|,|and|&)\s*(?:the\s+)?@\d+@)+)\s+(?:(?:have|has|had|will)\s+)?"
    r"(?:(?:since|also|now|then)\s+)?(?:(?:jointly|together|in\s+partnership)\s+[a-z]+|co-[a-z]+)",
    re.I,
)

# "C, a joint initiative of A and B": A and B work together (and lead C, if an instrument).
_JOINT_OF = re.compile(
    rf"(?:@(?P<what>\d+)@(?:\s*\([^()@]*\))?\s*,\s*)?\b(?:an?|the)\s+joint\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:initiative|programme|program|project|venture|undertaking|effort|platform|scheme|body|company|centre|center)\s+"
    rf"(?:of|by|between)\s+(?:the\s+)?(?P<list>{NAMES_LIST})",
    re.I,
)


# "A's B", "its B": the owner leads the instrument, or the body is part of the owner.
_POSSESSIVE = re.compile(r"@(\d+)@(?:'s|\u2019s|')\s+(?:own\s+)?@(\d+)@")


# "the goals of A's strategy 2025 and of its SME plan": the second owner is the first.
_PAIRED_OWNER = re.compile(r"@(\d+)@(?:'s|\u2019s)\s+@\d+@[^@;,]{0,12}?\s(?:and|or)\s+(?:of\s+|for\s+)?$")


# The words between "its" and the owned name are its modifiers, never a preposition ("its tasks to B").
_NOT_OWNED = r"(?!(?:successors?|predecessors?|partners?|members?|peers?|counterparts?)\b)"
ITS = re.compile(  # "its regional B", "their own B"; not "its members while B" (a function word ends the owned)
    rf"(?<![\w-])(?:its|their)\s+(?:own\s+)?(?:(?!(?:{STOP}|to|for|of|by|with|from|in|on|at|into|under|and|or)\s)"
    rf"[a-z][\w-]*\s+){{0,2}}?"
    # "its agency, the B": the noun in apposition (not "its partners, the B")
    rf"(?:{_NOT_OWNED}[a-z][\w-]*\s*,\s*(?:the\s+)?)?"
    r"@(\d+)@",
    re.I,
)


# "B (A, then C)", "B (from 2018, A)": the bodies in parentheses after an instrument run it.
_PARENTHESIS = re.compile(r"@(\d+)@\s*\(([^()]*@\d+@[^()]*)\)")


# "Evaluations of P (Quay Institute, 2032) suggest …": who wrote about P and when, not who runs it.
_CITED_BEFORE = re.compile(r"\b(?:evaluations?|studies|study|assessments?|reviews?|analys[ie]s|surveys?|reports?|"
                           r"research|findings|evidence)\s+(?:of|on|by)\s+(?:the\s+)?$", re.I)


def cited(t: str, at: int, years: str) -> bool:
    """Whether "(Body, year)" after the mention at ``at`` cites a study of it rather than its runner."""
    return years.strip().isdigit() and _CITED_BEFORE.search(t, max(0, at - 40), at) is not None


_ONLY_BODIES = re.compile(
    r"^(?:\s|,|;|\u2013|\u2014|-|/|@\d+@|\d{4}|\d\d|and|then|later|from|since|until|to|now|today|formerly)*$", re.I
)


# … then the bodies that deliver under the frame: they run what it frames.
_DELIVER_UNDER = re.compile(
    rf"\s*(?:the\s+)?(?P<list>{LIST})(?:\s*,\s*(?:together\s+with|with|alongside)\s+(?:the\s+)?(?P<with>{LIST})\s*,)?"
    r"\s+(?:[a-z]+ly\s+)?(?:deliver|run|implement|manage|offer|provide|organi[sz]e|administer|operate)s?\b",
)
_UNDER_FRAME = re.compile(  # (after a numbered paragraph's number: "3.2 Within A, B …")
    rf"^\s*(?:{PARAGRAPH_NUMBER})?(?:Under|Within|As\s+part\s+of)\s+(?:the\s+|its\s+)?"
    rf"(?:(?:first|second|third|new|current|latest)\s+)?@(\d+)@"
    rf"(?:\s+\d{{4}}(?:\s*[-\u2013]\s*\d{{2,4}})?)?"  # "… Plan 2030,", "… 2031-2033,"
    rf"(?:\s+of\s+(?:the\s+)?@(?P<whole>\d+)@)?\s*,",  # "Under the first P of the V, …": P, a part of V
    re.I,
)
# "P, a Norland Government initiative (delivered with …)": the body's instrument.
_BODYS_KIND = re.compile(
    rf"@(\d+)@\s*(?:\([^()@]*\)\s*)?,\s*(?:an?|the)\s+(?:[a-z-]+\s+)?@(\d+)@\s+(?:[a-z-]+\s+)?"
    rf"(?:{alternation(h for h in INSTRUMENT_HEADS if h.islower())})\b",
    re.I,
)
# "B, in which A holds the majority of shares": A owns B.
_SHARES = re.compile(
    r"@(\d+)@\s*(?:\([^()@]*\)\s*)?,?\s*(?:in\s+which|of\s+which)\s+(?:the\s+)?@(\d+)@\s+(?:holds|owns|has)\s+"
    r"(?:the\s+|a\s+)?(?:majority|all|most|[\d.]+\s*(?:%|per\s*cent))\s+(?:of\s+)?(?:the\s+|its\s+)?"
    r"(?:shares|stake|equity|capital)",
    re.I,
)


# "A (B" : a name right after another, in parentheses, may be its other name (the reader checks the types).
_TRANSLATED = re.compile(r"@(\d+)@[*_]*\s*\(\s*[*_]*@(\d+)@")  # "**A** (*B*, AB)" too
# '2.1 "Agency" means the Quay Agency': a defined term, opening its statement, is the defined name's other
# name (guidelines, decrees)
_DEFINED_TERM = re.compile(rf"(?:{PARAGRAPH_NUMBER})?@(\d+)@\s+(?:means|shall mean|refers to)\s+@(\d+)@")


@cache
def _apposition() -> re.Pattern[str]:
    nouns = alternation(reading_words().body_nouns)
    return re.compile(
        # "A, the directorate of B", "A is the unit of B responsible for …", "A opened in 2013 as a decentralised
        # body of B", "A, an office created within B"
        rf"(?<!\bof\s)(?<!\bof\sthe\s)@(\d+)@\s*(?:\([^()@]*\)\s*)?"
        rf"(?:,|\s(?:is|was|are|were|remains|became|becomes|has\s+been|(?:[\w-]+\s+){{0,6}}?as)\s)\s*(?:the|an?|another)\s+"
        rf"(?:[\w-]+\s+){{0,3}}?(?:{nouns})\s+(?:(?:created|established|set\s+up|placed|located|housed)\s+)?"
        rf"(?:of|under|within|in|for|inside)\s+(?:the\s+)?@(\d+)@",
        re.I,
    )


@cache
def _umbrellas() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = alternation(reading_words().umbrella_nouns)
    return (
        re.compile(rf"@(\d+)@\s*,\s*(?:the|an?)\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\s+of\s+(?:the\s+)?"
                   rf"(?:network\s+of\s+(?:the\s+)?)?@(\d+)@", re.I),
        re.compile(rf"\b(?:its|their)\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\s*,\s*(?:the\s+)?@(\d+)@", re.I),
    )


def _umbrella_parts(t: str) -> list[Phrased]:
    """ "A, the national body of the Bs": the Bs are part of A; "the Bs act through their union, A" too."""
    named, owned = _umbrellas()
    out = [Phrased("PART_OF", [int(m[2])], [int(m[1])], m.start(), m.end()) for m in named.finditer(t)]
    for m in owned.finditer(t):
        member = clause_subject(t[: m.start()])
        if member is not None and member != int(m[1]):
            out.append(Phrased("PART_OF", [member], [int(m[1])], m.start(), m.end()))
    return out


# "… put CLP 9,000 million into P", "A and B set aside EUR 5 million to back P": money put into an
# instrument funds it.
_FUNDED_INTO = re.compile(
    r"\b(?:put|puts|invested|invests|invest|committed|commits|injected|injects|channelled|channels|set\s+aside"
    r"|sets\s+aside|allocated|allocates|earmarked|earmarks|contributed|contributes)\s+"
    r"[^@;]{0,40}?(?:\d|million|billion)[^@;]{0,20}?\s(?:into|in|for|to\s+(?:back|fund|finance))\s+(?:the\s+)?"
    r"(?:@\d+@(?:'s|\u2019s)\s+)?@(\d+)@",
    re.I,
)
# "Budget 2031 provides $50 million to the department to extend P": the body the money goes to leads P.
_FUNDED_TO = re.compile(
    r"\b(?:provides|provided|allocates|allocated|gives|gave|grants|granted|awards|awarded|commits|committed)\s+"
    r"[^@;]{0,40}?(?:\d|million|billion)[^@;]{0,40}?\sto\s+(?:the\s+)?@(\d+)@\s+to\s+"
    r"(?:extend|expand|run|deliver|continue|launch|set\s+up|fund|finance|scale\s+up|implement)\s+"
    r"(?:the\s+|its\s+)?@(\d+)@",
    re.I,
)
# "P, co-funded by A through the F and by B": the fund the money comes through funds P as well.
_FUNDED_THROUGH = re.compile(
    r"\b(?:co-)?(?:funded|financed)\s+(?:by|from)\s+(?:the\s+)?@\d+@\s+(?:through|via|from)\s+(?:the\s+|its\s+)?@(\d+)@"
    r"(?:\s*,?\s*and\s+(?:by|from)\s+(?:the\s+)?@(\d+)@)?",  # "… and by B": B funds P too
    re.I,
)
# "Under the responsibility of M, A runs P": M leads what the clause is about.
_RESPONSIBLE_FRAME = re.compile(
    r"^\s*Under\s+the\s+(?:responsibility|leadership|stewardship)\s+of\s+(?:the\s+)?@(\d+)@\s*,", re.I
)
_TOGETHER_WITH = re.compile(r"\btogether\s+with\s+(?:the\s+)?(?:[a-z]+\s+)?@(\d+)@", re.I)


def _funded_into(t: str) -> list[Phrased]:
    """ "A put EUR 5 million into P": A leads (funds) P; "together with B, A put …": B too; "… provides
    $5 million to A to extend P": A leads P; "P, funded by A through F": F leads P too; "Under the
    responsibility of M, A runs P": M leads P."""
    out = [Phrased("LEADS", [int(m[1])], [int(m[2])], m.start(), m.end(), typed=True) for m in _FUNDED_TO.finditer(t)]
    if (r := _RESPONSIBLE_FRAME.match(t)) is not None:
        out.append(Phrased("LEADS", [int(r[1])], [int(x) for x in MENTION.findall(t, r.end())], r.start(), r.end(),
                           typed=True))
    for m in _FUNDED_THROUGH.finditer(t):
        before = MENTION.findall(t, t.rfind(";", 0, m.start()) + 1, m.start())
        if before:  # what is funded: the mention before the participle ("P, co-funded by …", "P is funded by …")
            funders = [int(m[1])] + ([int(m[2])] if m[2] else [])
            out.append(Phrased("LEADS", funders, [int(before[-1])], m.start(), m.end(), typed=True))
    for m in _FUNDED_INTO.finditer(t):
        clause_start = t.rfind(";", 0, m.start()) + 1
        funder = clause_subject(t[clause_start : m.start()])
        if funder is None:
            continue
        partners = [int(w[1]) for w in _TOGETHER_WITH.finditer(t, clause_start, m.start())]
        at = t.find(f"@{funder}@", clause_start)
        funders = [int(x) for x in MENTION.findall(t, at, list_end(t, at))]  # "A and B put …": both
        out.append(Phrased("LEADS", [*funders, *partners], [int(m[1])], m.start(), m.end(), typed=True))
    return out


@cache
def _possessive_kind() -> re.Pattern[str]:
    """ "the Quay Government's agency Bezo", "A's in-house company B" (B is part of A), "A's flagship programme B"
    (A owns B)."""
    nouns = alternation([*reading_words().body_nouns, *INSTRUMENT_HEADS])
    return re.compile(rf"@(\d+)@(?:'s|\u2019s)\s+(?:[a-z-]+\s+){{0,2}}?({nouns}),?\s+(?:the\s+)?@(\d+)@")


@cache
def _its_body() -> re.Pattern[str]:
    """ "A and its agency, B", "A works through its affiliated organisation, B": B is part of A."""
    nouns = alternation(reading_words().body_nouns)
    return re.compile(
        rf"(?:@(\d+)@\s+)?\b(?:and|with|through|via)\s+its\s+(?:[a-z-]+\s+)?(?:{nouns}),?\s+(?:the\s+)?@(\d+)@",
        re.I,
    )


@cache
def _members() -> re.Pattern[str]:
    """ "the bodies under the ministry, among them A, B and C" (or "– A and B –"): the bodies named are part
    of the ministry."""
    nouns = alternation(body_plurals())
    return re.compile(
        rf"\b(?:{nouns})\b[^@.;:]{{0,40}}?\b(?:under|attached\s+to|reporting\s+to|within|affiliated\s+(?:to|with))\s+"
        rf"(?:the\s+)?(?:@(?P<parent>\d+)@|(?:its|their)\s+[a-z]+)[^@;]{{0,80}}?"
        rf"(?:among\s+them|including|such\s+as|notably|namely|:|[\u2013\u2014]|\s-)\s+(?:the\s+)?"
        rf"(?P<list>@\d+@(?:\s*(?:,\s*and|,|and|&)\s*(?:the\s+)?@\d+@)*)",
        re.I,
    )


@cache
def _listed_bodies() -> re.Pattern[str]:
    nouns = alternation(body_plurals())
    return re.compile(
        rf"(?P<list>{LIST})\s+(?:are|were|remain|became|have\s+become)\s+(?:all\s+)?(?:the\s+)?"
        rf"(?:[\w-]+\s+(?:or\s+|and\s+)?){{0,3}}?(?:{nouns})\s+(?:of|under|within)\s+(?:the\s+)?@(?P<parent>\d+)@",
        re.I,
    )


@cache
def _counted_members() -> re.Pattern[str]:
    nouns = alternation(body_plurals())
    return re.compile(
        rf"^\s*(?:the\s+)?(?P<n>{'|'.join(COUNTS)})\s+(?:[a-z-]+\s+){{0,2}}?(?:{nouns})\s+"
        rf"(?:under|attached\s+to|reporting\s+to|within|affiliated\s+(?:to|with))\s+(?:the\s+)?@(?P<parent>\d+)@",
        re.I,
    )


@cache
def _counted_parts() -> re.Pattern[str]:
    nouns = alternation(plural(w) for w in reading_words().named_part_nouns)
    return re.compile(
        rf"^\s*@(?P<parent>\d+)@\s+(?:has|had|have|comprises|comprised|consists\s+of|consisted\s+of|includes|included)"
        rf"\s+(?P<n>{'|'.join(COUNTS)})\s+(?:[a-z-]+\s+){{0,2}}?(?:{nouns})\s*[.:]?\s*$",
        re.I,
    )


def counted_members(t: str) -> tuple[int, int] | None:
    """ "Two agencies attached to the ministry carry …", "The programme had two streams.": (how many,
    the parent's mention); the sentences that follow name the members or parts."""
    m = _counted_members().match(t) or _counted_parts().match(t)
    return (COUNTS[m["n"].lower()], int(m["parent"])) if m else None


@cache
def _parts_intro() -> re.Pattern[str]:
    nouns = alternation(reading_words().part_nouns)
    return re.compile(rf"@(\d+)@[^@:;.]{{0,60}}?\b(?:{nouns})\b[^@:;.]{{0,30}}:", re.I)


@cache
def _named_part() -> re.Pattern[str]:
    nouns = alternation(reading_words().named_part_nouns)
    return re.compile(rf"\b(?:{nouns})\s*(?:no\.?\s*)?\d*\s*@(\d+)@", re.I)


def _named_parts(t: str) -> list[Phrased]:
    """ "P: component 1 X", "P, policy objective X": X is one part of the clause's subject (``OWNS``)."""
    out: list[Phrased] = []
    for m in _named_part().finditer(t):
        owner = clause_subject(t[: m.start()])
        if owner is not None and owner != int(m[1]):
            out.append(Phrased(OWNS, [owner], [int(m[1])], m.start(), m.end()))
    return out


def _inline_parts(t: str) -> list[Phrased]:
    """"A rests on three pillars: B; C; and D": the first name of each item is PART_OF A."""
    m = _parts_intro().search(t)
    if m is None:
        return []
    rest = t[m.end() :]
    items = rest.split(";") if ";" in rest else re.split(r",\s*(?:and\s+)?|\s+and\s+", rest)
    firsts = [int(f[1]) for item in items if (f := MENTION.search(item)) is not None]
    return [Phrased("PART_OF", [i], [int(m[1])], m.start(), m.end()) for i in firsts if i != int(m[1])]


# "M entrusted its implementation to A and to B", "… gave the management of P to A": A and B run P, M leads it.
_ENTRUSTED = re.compile(
    r"\b(?:entrust(?:s|ed)?|delegat(?:es|ed)|assign(?:s|ed)|hand(?:s|ed)\s+over|gave|gives)\s+"
    r"(?:@(?P<its>\d+)@\s+|the\s+)(?:implementation|management|administration|operation|delivery|running)"
    r"(?:\s+of\s+@(?P<obj>\d+)@)?\s+to\s+(?P<list>@\d+@(?:\s*(?:,|and|,\s*and)\s*(?:to\s+)?@\d+@)*)",
    re.I,
)


# "P, with A as implementing agency": A runs P.
# (or "P was relaunched by M, with A as executing agency and B as partner": B takes part in P)
_AS_AGENCY = re.compile(
    r"(?P<run>@\d+@[^@;]{0,60}?(?:@\d+@[^@;]{0,30}?)?)\bwith\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?@(\d+)@\s+(?:as|among)\s+"
    r"(?:the\s+|its\s+)?(?:implementing|managing|executing|delivery|operating|administering)\s+(?:agency|agencies|body"
    r"|bodies|partner|partners|organi[sz]ations?|entity|entities)"
    r"(?:\s+and\s+(?:the\s+)?@(?P<partner>\d+)@\s*(?:\([^()@]*\)\s*)?\s+as\s+(?:an?\s+|its\s+)?(?:[a-z-]+\s+)?partners?\b)?",
    re.I,
)
# "the Quay Hub, led by A, with B as partner": B takes part in what the clause is about
_AS_PARTNER = re.compile(
    r"(?P<run>@\d+@[^@;]{0,60}?(?:@\d+@[^@;]{0,30}?)?)\bwith\s+(?:the\s+)?(?P<list>@\d+@(?:\s*\([^()@]*\))?"
    r"(?:\s*(?:,|and|,\s*and)\s*(?:the\s+)?@\d+@(?:\s*\([^()@]*\))?)*)\s+as\s+(?:an?\s+|its\s+)?(?:[a-z-]+\s+)?partners?\b",
    re.I,
)


# A deck's "Instrument (years) — Body, with Partner": the bodies after the dash run it.
_DASHED_BODIES = re.compile(
    r"^\s*@(\d+)@\s*(?:\([^()@]*\)\s*)?[\u2014\u2013-]+\s*(?P<list>@\d+@(?:\s*(?:,|and|&|with)\s*@\d+@)*)"
    r"\s*(?:[,;.]|$)"
)
# "A and B (today) signed a memorandum of understanding", "A and B cooperate on …": they work together.
# "signed a memorandum of understanding", "signed the cooperation agreement"
_AGREEMENT = (r"(?:memorand(?:um|a)|MoUs?|agreements?|pacts?|covenants?|charters?|protocols?|partnerships?|accords?"
              r"|conventions?|contracts?)")
_SIGNED_AGREEMENT = rf"\bsigned\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{_AGREEMENT}\b"
# "a Memorandum of Understanding (MoU) was signed on Tuesday between A and B (and C)": they work together.
_AGREEMENT_BETWEEN = re.compile(
    rf"(?:\b{_AGREEMENT}\b(?:\s+of\s+understanding)?(?:\s*\([^()]*\))?[^@;.]{{0,40}}?\bbetween\s+(?:the\s+)?"
    # (or a named one: "A Memorandum of Understanding (MoU) was signed between …")
    r"|@\d+@\s+(?:was|were|has\s+been|have\s+been)\s+(?:signed|inked|concluded)\b[^@;.]{0,30}?\bbetween\s+(?:the\s+)?"
    r")"
    r"(?P<list>@\d+@(?:\s*(?:\([^()]*\)\s*)?(?:,|,?\s*and)\s*(?:the\s+)?@\d+@)+)",
    re.I,
)
_THROUGH_BEFORE = re.compile(rf"{ACTS_THROUGH}$", re.I)
_SIGNED = re.compile(  # (an item may have its own words in brackets: "… and B (BB, by its Spanish initials) signed")
    rf"(?P<list>@\d+@(?:\s*\([^()@]*\))?(?:\s*(?:,|,?\s*and)\s*@\d+@(?:\s*\([^()@]*\))?)+)(?:[^@;.]{{0,20}}?{_SIGNED_AGREEMENT}|(?:\s*\([^()@]*\))?\s+"
    r"(?:\w+ly\s+|also\s+|have\s+|had\s+)?(?:co-?operate|co-?operated|collaborate|collaborated|co-?ordinate|co-?ordinated"
    r"|work\s+together"
    r"|worked\s+together|partner|partnered|agreed)\b)",
    re.I,
)


# "P, launched in 2031 with B", "the strategy that A set up with B": B works with the one who launched it and
# takes part in what was launched (the verb itself is read from the table: A leads P).
_MADE_WITH = re.compile(
    r"\b(?:launched|developed|designed|prepared|drew\s+up|drawn\s+up|set\s+up|created|established|introduced)"
    r"\s+(?:in\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\s+|jointly\s+)?with\s+(?:the\s+)?(?:then\s+)?"
    rf"(?P<list>{LIST})",
)
# "The law created, within the Ministry of Docks, the Vice-Ministry of Piers"; "The Government exercises it through
# the Directorate for Piers": the one is part of the other.
_CREATED_WITHIN = re.compile(
    r"\b(?:created|established|set\s+up)\s*,\s*within\s+(?:the\s+)?@(\d+)@\s*,\s*(?:the\s+|a\s+|an\s+)?@(\d+)@"
)
_EXERCISES_THROUGH = re.compile(
    rf"@(\d+)@[^@;.]{{0,40}}?\bexercis(?:es|ed|ing)\s+(?:it|them|@\d+@|its\s+[\w-]+)\s+through\s+(?:the\s+)?"
    rf"(?P<list>{LIST})"
)
# "a Quay Council, chaired by M, on which A and B also sit": its members work with the council.
_SIT_ON_WHICH = re.compile(
    rf"@(\d+)@\s*(?:,[^,;.]*)?,\s*on\s+which\s+(?:the\s+)?(?P<list>{LIST})\s+(?:also\s+)?(?:sit|sits|serve|serves"
    r"|are\s+represented|is\s+represented)\b",
    re.I,
)
# "The Quay Board, chaired by …, brings A, B and C together with D": the members work with the board.
_BRINGS_TOGETHER = re.compile(
    rf"@(\d+)@[^@;.]{{0,60}}?\bbr(?:ings|ought|ing)\s+(?:the\s+)?(?P<list>{LIST})\s+together"
    rf"(?:\s+with\s+(?:the\s+)?(?P<with>{LIST}))?",
    re.I,
)


# "P, for which M is the managing authority and A an intermediate body": the roles a relative clause gives
# bodies (``role_labels``).
_FOR_WHICH = re.compile(r"@(\d+)@[^@;.]{0,40}?\s(?:for|of)\s+which\s")
_ROLE_CLAUSE = re.compile(
    r"\s*,?\s*(?:and\s+)?(?:the\s+)?@(\d+)@\s+(?:(?:is|was|are|were|acts\s+as|serves\s+as)\s+)?(?:the\s+|an?\s+)?"
    r"(?P<role>[a-z][a-z -]{2,40}?)(?=\s*(?:[,.;)]|$|and\s))"
)


def _for_which(t: str) -> list[Phrased]:
    if " which " not in t:
        return []
    roles = reading_words().role_labels
    out: list[Phrased] = []
    antecedent: int | None = None
    for m in _FOR_WHICH.finditer(t):
        # ("P, for which B approved a loan and for which A is the executing unit": P both times)
        again = re.search(r"\band\s+(?:for|of)\s+which\s$", t[m.start() : m.end()])
        antecedent = antecedent if again and antecedent is not None else int(m[1])
        pos = m.end()
        while (r := _ROLE_CLAUSE.match(t, pos)) is not None and r["role"] in roles:
            out.append(Phrased(roles[r["role"]], [int(r[1])], [antecedent], m.start(), r.end(), typed=True))
            pos = r.end()
    return out


# "A signed a memorandum of understanding with B", "A and B deepen their partnership": the two work together.
_SIGNED_WITH = re.compile(
    rf"@(\d+)@[^@;.]{{0,20}}?{_SIGNED_AGREEMENT}[^@;.]{{0,40}}?\bwith\s+(?:the\s+)?(?P<list>{LIST})", re.I
)
_FUNDING_FROM = re.compile(
    r"\b(?:funding|financing|co-financing|co-funding|money|resources|the\s+budget)\s+for\s+(?:the\s+)?@(\d+)@\s*"
    r"(?:\([^()@]*\)\s*)?(?:comes|come|came|is\s+drawn|was\s+drawn)\s+(?:\w+ly\s+)?from\s+(?:the\s+)?@(\d+)@",
    re.I,
)
_OFFERED_THROUGH = re.compile(
    r"\b(?:offers|offered|provides|provided|pays|paid|disburses|disbursed|channels|channelled|channeled|lends|lent"
    r"|grants|granted|awards|awarded)\s+(?:(?-i:[a-z][\w-]*)\s+){1,5}?(?:through|via)\s+(?:the\s+)?@(?P<via>\d+)@",
    re.I,
)
@cache
def _instrument_apposed() -> re.Pattern[str]:
    """A name an apposition calls an instrument ("P, the stream for larger plans,")."""
    heads = alternation(INSTRUMENT_HEADS)
    return re.compile(rf"@\d+@\s*(?:\([^()@]*\)\s*)?,\s*(?:the|an?)\s+(?:[\w-]+\s+){{0,3}}?(?:{heads})\b", re.I)


_TO_RUN = re.compile(
    r"\b(?:to|with)\s+(?P<verb>run|running|manage|managing|deliver|delivering|implement|implementing|administer"
    r"|administering|operate|operating)\s+(?:the\s+)?@(?P<what>\d+)@",
    re.I,
)
# "A runs workshops with B", "A has been organising training with B": an activity, not named, done with a partner
_ACTIVITY_WITH = re.compile(
    r"@(\d+)@\s+(?:(?:has|have|had)\s+been\s+|also\s+|now\s+|will\s+|regularly\s+)*"
    r"(?:run|runs|running|organi[sz]es|organi[sz]ed|organi[sz]ing|holds|held|holding|delivers|delivered|delivering"
    r"|offers|offered|offering|hosts|hosted|hosting|co-organi[sz]es|co-organi[sz]ed)\s+"
    r"(?:(?-i:[a-z][\w-]*)\s+){1,4}?with\s+(?:the\s+)?@(\d+)@",
    re.I,
)
_PARTNERSHIP_GROWS = re.compile(
    rf"(?P<list>{LIST})\s+(?:deepen|deepens|strengthen|strengthens|renew"
    r"|renews|extend|extends|expand|expands|formalise|formalises|formalize|formalizes|launch|launches)\s+(?:their\s+)?"
    r"(?:partnership|cooperation|co-operation|collaboration)\b",
    re.I,
)


def _signed(t: str) -> list[Phrased]:
    out: list[Phrased] = []
    for m in (*_SIGNED.finditer(t), *_PARTNERSHIP_GROWS.finditer(t), *_AGREEMENT_BETWEEN.finditer(t)):
        ms = [int(x) for x in MENTION.findall(m["list"])]
        if (principal := _THROUGH_BEFORE.search(t, max(0, m.start() - 80), m.start())) is not None:
            ms.insert(0, int(principal[1]))  # "A, through B, C and D, signed …": A signs by way of B
        out += [Phrased("COLLABORATES_WITH", [a], [b], m.start(), m.end(), typed=True)
                for i, a in enumerate(ms) for b in ms[i + 1 :]]
    out += [Phrased("COLLABORATES_WITH", [int(m[1])], [int(m[2])], m.start(), m.end(), typed=True)
            for m in _ACTIVITY_WITH.finditer(t)]
    # "Funding for P comes from F": F funds P
    out += [Phrased("LEADS", [int(m[2])], [int(m[1])], m.start(), m.end()) for m in _FUNDING_FROM.finditer(t)]
    for m in _OFFERED_THROUGH.finditer(t):  # "P offered an interest-free loan through B": B delivers P
        for subject in subjects_before(t, m.start())[:1]:
            # (of a name found by shape, only if an apposition calls it an instrument: "Enterprise Norland offers
            # loans through banks" may be a body's offer)
            described = _instrument_apposed().match(t, t.find(f"@{subject}@"))
            out.append(Phrased("IMPLEMENTS", [int(m["via"])], [subject], m.start(), m.end(), typed=described is None))
    for m in _TO_RUN.finditer(t):  # "A was commissioned by M to run P": M leads what it asked A to run
        if (given := COMMISSIONED.search(t, max(0, m.start() - 200), m.start("verb"))) is not None:
            out.append(Phrased("LEADS", [int(given[2])], [int(m["what"])], m.start(), m.end(), typed=True))
    for m in _SIGNED_WITH.finditer(t):
        out += [Phrased("COLLABORATES_WITH", [int(m[1])], [int(x)], m.start(), m.end(), typed=True)
                for x in MENTION.findall(m["list"]) if int(x) != int(m[1])]
    return out


def _bodies_of(t: str) -> list[Phrased]:
    """ "A and its agency, B" (B is part of A); a deck's "P (2019-2023) — A with B" (A runs P, B takes part)."""
    out: list[Phrased] = []
    for m in _its_body().finditer(t):
        owner = int(m[1]) if m[1] is not None else clause_subject(t[: m.start()])  # "A runs P through its …"
        if owner is not None and owner != int(m[2]):
            out.append(Phrased("PART_OF", [int(m[2])], [owner], m.start(), m.end(), typed=True))
    if (d := _DASHED_BODIES.match(t)) is not None:
        out += [Phrased("PARTICIPATES_IN" if x[1] else "IMPLEMENTS", [int(x[2])], [int(d[1])], d.start(), d.end())
                for x in PARTNER_ITEM.finditer(d["list"])]
    return out


# "Through its Bay Connect service, A offers …": an opening frame's "its" is the main clause's subject's.
_ITS_FRAME = re.compile(
    r"^\s*(?:Through|Via|With|Under|Within)\s+its\s+(?:[a-z-]+\s+){0,2}@(\d+)@[^@,]{0,30},\s*@(\d+)@", re.I
)


# "B, the A's advice service, …", "B, A's economic plan, …": A owns B (its body, or its instrument).
# (Not "A's successor, B" nor "A's partners, B and C": no part of A.)
_OWNED_APPOSED = re.compile(
    r"@(\d+)@\s*(?:\((?:[^()@]|@\d+@)*\)\s*)?,\s*(?:the\s+)?@(\d+)@(?:'s|\u2019s)\s+(?:[a-z][\w-]*\s+){0,3}"
    rf"{_NOT_OWNED}[a-z][\w-]*\s*(?:,|$)"
)


# "the Digital Office of the Ministry of Ports": the ministry's office (names found by shape alone excepted).
_OF_THE = re.compile(  # ("… Policy 2019 of A")
    r"@(\d+)@(?:\s+(?:19|20)\d\d(?:\s*[-\u2013]\s*\d{2,4})?)?\s+of\s+(?:the\s+)?@(\d+)@"
)


# "the Directorate for X in the Ministry of Y" (not "in the Ministry's building"): a body inside another.
_INSIDE = re.compile(r"@(\d+)@(?:\s*,)?\s+in\s+(?:the\s+)?@(\d+)@(?!\s*(?:'s|\u2019s))")
# "At the Ministry of Y, the Department of X operates …": the unit a sentence opens inside.
_OPENS_INSIDE = re.compile(
    r"^\W*(?:At|In|Within|Inside)\s+(?:the\s+)?@(\d+)@\s*,\s*(?:the\s+)?@(\d+)@(?!\s*(?:'s|\u2019s))"
)


# "A's economic action plan, B, …": the same, the owner first.
_OWNER_APPOSED = re.compile(  # (or "A's arm for the IT industry, B,": a noun and its complement)
    rf"@(\d+)@(?:'s|\u2019s)\s+(?:(?:[a-z][\w-]*\s+){{0,3}}{_NOT_OWNED}[a-z][\w-]*"
    rf"|{_NOT_OWNED}[a-z][\w-]*\s+(?:for|of)\s+(?:the\s+)?[^\s@,;.]+(?:\s+[^\s@,;.]+){{0,2}})\s*,\s*(?:the\s+)?@(\d+)@"
)


_FLAGSHIP_IS = re.compile(
    r"@(\d+)@(?:'s|\u2019s)?\s+(?:(?:main|key|principal|largest)\s+)?flagship(?:\s+[a-z-]+){0,5}?\s+(?:is|was|remains)\s+"
    r"(?:the\s+)?@(\d+)@"
)
_PART_OF_ITS = re.compile(r"\b(?:part\s+of|under|within)\s+$", re.I)
_PASSIVE_BEFORE = re.compile(  # "was launched", "P (2031): delivered …"
    r"\b(?:is|are|was|were|been)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|un)\b|^[^@:]*@\d+@[^:@]{0,20}:\s*\w+ed\b"
)
_AGENT_AFTER = re.compile(r"\bby\s+(?:the\s+)?@(\d+)@")


# "A's main programmes are B and C", "A's instruments include B": what A owns, listed after its kind.
_OWN_LIST = re.compile(
    r"@(\d+)@(?:'s|\u2019s)\s+(?:[a-z-]+\s+){0,2}(?:programmes|programs|schemes|instruments|initiatives|services"
    r"|measures|activities|agencies|bodies|subsidiaries)\s+(?:are|include|includes|included|comprise|were)\s+"
    rf"(?:the\s+)?(?P<list>{LIST})"
)


_OWNED_NOUN = re.compile(
    r"(?:'s|\u2019s|\b[Ii]ts|\b[Tt]heir)\s+(?:own\s+)?((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s*(?:,|for\b|of\b|@)"
)


def owned(t: str, m: re.Match[str], owner: int, named: int, others: tuple[int, ...] = ()) -> Phrased:
    """ "A's B", "its B": what A owns (``OWNS``: its instrument or its body, as the reader finds), or, where the
    words say a body ("its subsidiary, B", "A's arm for exports, B"), B as a part of A."""
    noun = _OWNED_NOUN.search(t, m.start(), m.end())
    if noun is not None and noun[1].split()[-1] in reading_words().body_nouns:
        return Phrased("PART_OF", [named], [owner], m.start(), m.end())
    return Phrased(OWNS, [owner], [named], m.start(), m.end(), owners=others)


_AND_ITS = re.compile(r"@(\d+)@\s*(?:\([^()@]*\)\s*)?\s+and\s+(?:of\s+)?$")


def _owned(t: str) -> list[Phrased]:
    """What a statement says one name owns (``OWNS``, owner to owned): "A's B", "A's programmes are B and C",
    "B, the A's service,", "A's plan, B,", "B of the A", "its B" (the clause's subject's)."""
    out = [Phrased(OWNS, [int(m[1])], [int(m[2])], m.start(), m.end()) for m in _POSSESSIVE.finditer(t)]
    if "'s " in t or "\u2019s " in t:
        out += [owned(t, m, int(m[1]), int(m[3])) for m in _possessive_kind().finditer(t)]
    out += [Phrased(OWNS, [int(m[1])], [int(x) for x in MENTION.findall(m["list"])], m.start(), m.end())
            for m in _OWN_LIST.finditer(t)]
    out += [Phrased(OWNS, [int(m[2])], [int(m[1])], m.start(), m.end()) for m in _OWNED_APPOSED.finditer(t)]
    out += [owned(t, m, int(m[1]), int(m[2])) for m in _OWNER_APPOSED.finditer(t)]
    out += [Phrased(OWNS, [int(m[2])], [int(m[1])], m.start(), m.end(), typed=True) for m in _OF_THE.finditer(t)]
    if " in " in t:
        out += [Phrased(INSIDE, [int(m[1])], [int(m[2])], m.start(), m.end(), typed=True) for m in _INSIDE.finditer(t)]
    out += [Phrased(INSIDE, [int(m[2])], [int(m[1])], m.start(), m.end(), typed=True)
            for m in _OPENS_INSIDE.finditer(t)]
    if "flagship" in t:  # "Its flagship delivery vehicle for digitalisation is P" ("its" read as the body it means)
        out += [Phrased(OWNS, [int(m[1])], [int(m[2])], m.start(), m.end()) for m in _FLAGSHIP_IS.finditer(t)]
    if (f := _ITS_FRAME.match(t)) is not None:
        out.append(Phrased(OWNS, [int(f[2])], [int(f[1])], f.start(), f.end()))
    umbrella = {m.start() for m in _umbrellas()[1].finditer(t)} if "," in t else set()
    for m in ITS.finditer(t):
        if m.start() in umbrella:
            continue  # "the Bs act through their union, A": A is theirs to belong to (_umbrella_parts)
        # Its owner is the clause's subject, or in a title ("Overview of A and its B") its first name;
        # after "A's B and (of) its C", A.
        paired = _PAIRED_OWNER.search(t, max(0, m.start() - 80), m.start()) or _AND_ITS.search(
            t, max(0, m.start() - 60), m.start())  # ("… with B (BB) and its regional chambers": B's)
        owner = int(paired[1]) if paired is not None else clause_subject(t[: m.start()])
        if owner is not None and _PART_OF_ITS.search(t, max(0, m.start() - 16), m.start()) and _PASSIVE_BEFORE.search(
                t, 0, m.start()):
            # "P was launched as part of its F by A", "P: delivered for A as part of its F": P is the part, so F
            # is the agent's, or the last other body's
            agent = _AGENT_AFTER.search(t, m.end())
            others = [int(x) for x in MENTION.findall(t, 0, m.start()) if int(x) != owner]
            owner = int(agent[1]) if agent is not None else others[-1] if others else None
        if owner is None and (first := MENTION.search(t, t.rfind(";", 0, m.start()) + 1, m.start())):
            owner = int(first[1])
        if owner is not None and owner != int(m[1]):
            before = tuple(int(x) for x in reversed(MENTION.findall(t, 0, m.start())) if int(x) != owner)
            out.append(owned(t, m, owner, int(m[1]), before[:3]))
    return out


def _members_and_makers(t: str) -> list[Phrased]:
    """A body created within another or acting through it; the partners a maker made something with; the
    members of a board or a council."""
    out = [Phrased("PART_OF", [int(m[2])], [int(m[1])], m.start(), m.end()) for m in _CREATED_WITHIN.finditer(t)]
    out += [Phrased("PART_OF", [int(x) for x in MENTION.findall(m["list"])], [int(m[1])], m.start(), m.end())
            for m in _EXERCISES_THROUGH.finditer(t)]
    for m in _MADE_WITH.finditer(t):
        if subject := subjects_before(t, m.start()):
            before = tuple(int(x) for x in MENTION.findall(t, 0, m.start()))
            out.append(Phrased("COLLABORATES_WITH", subject, [int(x) for x in MENTION.findall(m["list"])], m.start(),
                               m.end(), before))
    for m in _SIT_ON_WHICH.finditer(t):
        out.append(Phrased("COLLABORATES_WITH", [int(x) for x in MENTION.findall(m["list"])], [int(m[1])], m.start(),
                           m.end()))
    for m in _BRINGS_TOGETHER.finditer(t):
        members = [int(x) for x in MENTION.findall(m["list"] + (m["with"] or ""))]
        out.append(Phrased("COLLABORATES_WITH", members, [int(m[1])], m.start(), m.end()))
    return out


@memoised
def by_form(t: str) -> list[Phrased]:
    """What the form of a statement says without a phrase of the table:
    - possessives, "A's B" and "its B" (the clause's subject's), as ``OWNS`` from owner to owned (the
      reader makes it LEADS for an instrument, PART_OF for a body);
    - a list of parts after "… three pillars:", "Under the Fund, …", "A, the directorate of B";
    - "P, with A as implementing agency", "A, B and C jointly …", "Name (Other name)";
    - bodies in parentheses after an instrument ("P (2018 - 2021, A)")."""
    out = _owned(t)
    out += _inline_parts(t) + _named_parts(t) + _funded_into(t) + reorganised(t) + _bodies_of(t) + _signed(t)
    out += _for_which(t) + acting_as(t)
    out += [Phrased(OWNS, [int(m[2])], [int(m[1])], m.start(), m.end()) for m in _SHARES.finditer(t)]
    out += [Phrased(OWNS, [int(m[2])], [int(m[1])], m.start(), m.end(), typed=True) for m in _BODYS_KIND.finditer(t)]
    if (u := _UNDER_FRAME.match(t)) is not None:  # "Under the Fund, A offers a grant": the grant is part of it
        if u["whole"] is not None:
            out.append(Phrased("PART_OF", [int(u[1])], [int(u["whole"])], u.start(), u.end(), typed=True))
        after = [int(x) for x in MENTION.findall(t, u.end())]
        out.append(Phrased("PART_OF", after, [int(u[1])], u.start(), u.end(), typed=True, instruments=True))
        if (d := _DELIVER_UNDER.match(t, u.end())) is not None:  # "Under P, A and B (together with C) deliver …"
            bodies = [int(x) for x in MENTION.findall(d["list"] + (d["with"] or ""))]
            out.append(Phrased("PART_OF", bodies, [int(u[1])], u.start(), d.end(), typed=True))
    for m in _ENTRUSTED.finditer(t):
        instrument = m["obj"] or m["its"]
        if instrument is not None:
            bodies = [int(x) for x in MENTION.findall(m["list"])]
            out.append(Phrased("IMPLEMENTS", bodies, [int(instrument)], m.start(), m.end()))
            if (entruster := clause_subject(t[: m.start()])) is not None:
                out.append(Phrased("LEADS", [entruster], [int(instrument)], m.start(), m.end(), typed=True))
    for m in _AS_AGENCY.finditer(t):
        runs = [int(x) for x in MENTION.findall(m["run"])]  # the instrument, and maybe the body that launched it
        agent = int(m[2])
        out.append(Phrased("IMPLEMENTS", [agent], runs, m.start(), m.end(), typed=len(runs) > 1))
        if m["partner"]:
            out.append(Phrased("PARTICIPATES_IN", [int(m["partner"])], runs, m.start(), m.end(), typed=len(runs) > 1))
    for m in _AS_PARTNER.finditer(t):
        partners = [int(x) for x in MENTION.findall(m["list"])]
        out.append(Phrased("PARTICIPATES_IN", partners, [int(x) for x in MENTION.findall(m["run"])][:1], m.start(),
                           m.end()))
    for m in _JOINT_OF.finditer(t):
        members = [int(x) for x in MENTION.findall(m["list"])]
        # (a frame: "initiative of A" inside it does not make C a part of A and of B; unnamed, C is the subject a
        # line inherits: "Dock Skills Programme (2032-)" / "A joint initiative of A and B")
        what = int(m["what"]) if m["what"] is not None else INHERITED
        out += [Phrased("COLLABORATES_WITH", [a], [b], m.start(), m.end(), frame=True) for i, a in enumerate(members)
                for b in members[i + 1 :]]
        out.append(Phrased("LEADS", members, [what], m.start(), m.end(), typed=True, frame=True))
    for m in _JOINTLY.finditer(t):
        if " and " not in m["list"] and "&" not in m["list"]:
            continue  # "Launched by A, P co-finances …": a comma alone joins no list
        members = [int(x) for x in MENTION.findall(m["list"])]
        for i, a in enumerate(members):
            out += [Phrased("COLLABORATES_WITH", [a], [b], m.start(), m.end()) for b in members[i + 1 :]]
    if " with" in t or "through" in t or "togeth" in t or "on which" in t:  # (" with" is in " within" too)
        out += _members_and_makers(t)
    for m in _members().finditer(t):
        parent = int(m["parent"]) if m["parent"] else clause_subject(t[: m.start()])  # "under its supervision"
        if parent is not None:
            out.append(Phrased("PART_OF", [int(x) for x in MENTION.findall(m["list"])], [parent], m.start(), m.end()))
    umbrellas = _umbrella_parts(t)
    out += umbrellas
    for m in _apposition().finditer(t):  # "A, the directorate of B": A is part of B
        if not any(u.start == m.start() for u in umbrellas):
            out.append(Phrased("PART_OF", [int(m[1])], [int(m[2])], m.start(), m.end(), bodies=True))
    for m in _listed_bodies().finditer(t):  # "A, B and C are related or associated bodies of M": each is part of M
        out.append(Phrased("PART_OF", [int(x) for x in MENTION.findall(m["list"])], [int(m["parent"])], m.start(),
                           m.end(), bodies=True))
    for m in _TRANSLATED.finditer(t):  # "Ministry of X (Ministerio de X)": one body, two languages
        out.append(Phrased(SAME_AS, [int(m[1])], [int(m[2])], m.start(), m.end()))
    if (d := _DEFINED_TERM.match(t)) is not None:
        out.append(Phrased(SAME_AS, [int(d[2])], [int(d[1])], d.start(), d.end()))
    for m in _PARENTHESIS.finditer(t):
        # "P (A, then B)", "P (from 2018, A)", "P (Norland Union)": the bodies in parentheses run P; a
        # lone name found by shape alone there is P's other name, not its body.
        if _ONLY_BODIES.match(m[2]) and not cited(t, m.start(), MENTION.sub("", m[2]).strip(" ,")):
            bodies = [int(i) for i in MENTION.findall(m[2])]
            alone = len(bodies) == 1 and not any(c.isdigit() for c in MENTION.sub("", m[2]))
            out.append(Phrased("IMPLEMENTS", bodies, [int(m[1])], m.start(), m.end(), typed=alone))
    return out
