"""Where a phrase's ends are: the mentions before it (its subjects) and after it (its objects).

Works on a templated statement (mentions written ``@i@``, see :mod:`loaders.relations`): the mention
nearest before a phrase in the same clause, with the list it closes ("A, B and C jointly run …"), or the
clause's subject after a coordinated verb or an aside; the first mention after it, with the list it
opens, or the name an object is given later ("an incentive …, known as P"). :mod:`loaders.clauses`
matches the phrases and says what they state between these ends.

>>> objects_after("@0@ runs @1@, @2@ and @3@.", 8, 40)
[1, 2, 3]
>>> subjects_before("@0@, @1@ and @2@ jointly run @3@", 26)
[0, 1, 2]
"""

from __future__ import annotations

import re
from functools import cache

from loaders.lexicon import alternation, reading_words
from loaders.relations import MENTION

_GAP_BEFORE = 80  # characters between the mention before a phrase and the phrase

_GAP_AFTER = 40  # characters between a phrase and the first mention after it

# Between the mention before a phrase and the phrase: a coordinated verb ("A manages B and runs C")
# or an aside ("A, together with B, operates C") — the phrase's subject is then the clause's.
_COORDINATED = re.compile(
    r"^\s*(?:,\s*)?(?:and|but)\b|,\s*and\s|\band\s+(?:was|were|is|are|has\s+been|had\s+been|will\s+be)\s+$"
    r"|\band\s+(?:(?:now|also|then|later|since|still|today)\s+)*[a-z]+(?:s|ed)\s+$"  # "… and now functions under"
    r"|^[a-z\s-]*\s(?:and|but)\s+(?:(?:now|also|then|later|still)\s+)*$"  # "A sets policy and funds P"
    r"|\bas\s+(?:a|an|the|its)\s+[^@]*$",  # "… as a wholly owned subsidiary of": the subject's complement
    re.I,
)

_ASIDE = re.compile(r"^\s*,")
_PASSIVE_RELATIVE = re.compile(
    r"@(\d+)@\s*(?:\([^()]*\)\s*)?,?\s*(?:which|that)\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s"
    r"[^;]*\band\s+(?:(?:now|also|then|later|since|still)\s+)*$",
    re.I,
)
_PARTICIPLE_AFTER = re.compile(r"\s*,\s*(?:[a-z]+ly\s+)?[a-z]+(?:ed|en|wn|up)\b")  # "A, created in 2008 as …"

# A subject, its apposition, and the auxiliaries before the verb ("A, the programme for X, has been …").
_DESCRIBED_SUBJECT = re.compile(
    r"@(\d+)@\s*,\s*(?:(?:the|an?)\s|(?=@\d+@\s+(?:that|which)\s))(?:[^,;@()]|@\d+@){3,120},\s*"
    r"(?:(?:has|have|had|was|were|is|are|will|would|also|then"
    r"|now|later|since|been|be|itself)\s+)*$",
    re.I,
)
_RELATIVE_WORD = re.compile(r"\b(?:that|which|who|whose)\b", re.I)
_SAID_OF_ANTECEDENT = re.compile(r"\s*,\s*(?:which|that|who)\s+(?!(?:it|they|we|he|she)\b)", re.I)

_GOVERNED = ("under", "in", "for", "with", "by", "of", "from", "to", "through", "at", "on", "into", "via", "during",
             "after", "before", "since", "within", "between", "among", "across", "about", "than", "as", "at the",
             "in the", "of the", "by the", "for the", "to the", "from the", "on the", "with the", "under the")

_GOVERNED_BEFORE = re.compile(rf"\b(?:{'|'.join(_GOVERNED)})\s+$", re.I)  # "under A", "in the A"

# "A, which leads B, works with C": the relative clause between A and the phrase is skipped.
_RELATIVE_CLAUSE = re.compile(r"@(\d+)@\s*(?:\([^()]*\)\s*)?,\s*(?:which|who|whose)\b[^;]*,\s*$", re.I)

# "presented guidelines for joint work between A and B": the verb's object is a noun, A sits in its complement.
_OBJECT_FIRST = re.compile(r"\s*(?:the\s+|an?\s+)?(?:[a-z][\w-]*\s+){1,5}(?:between|about|among)\s", re.I)

# "commissioned by my Department from A": the agent is a body the text names without a name; A is not it.
_UNNAMED_AGENT = re.compile(
    r"\s*(?:(?:my|our|your|his|her|its|their|the|this)\s+)?(?:[A-Z][\w'-]*\s+){1,3}(?:from|to|for|with)\s+(?:the\s+)?$"
)

_NEW_CLAUSE = re.compile(  # (or the object is a noun with a relative clause: "a reform that cut …")
    r",\s*(?:when|where|which|who|whose|while|whereas|because|although|after|before)\b"
    r"|^\s*(?:an?|the)\s+(?:[a-z-]+\s+){0,3}(?:that|which)\s+[a-z]+"
    # "took its present name in 2019, answers to M": another verb, with its own object
    r"|,\s*(?:[a-z]+ly\s+)?[a-z]{3,}(?:s|ed)\s+(?:to|with|by|under|into|from)\s+(?:the\s+)?$", re.I)

# "… networks, notably A and B": the first mention after a phrase may come after an example marker.
_EXAMPLES = re.compile(r"(?:notably|including|such\s+as|e\.g\.|in\s+particular|namely|especially)\s+(?:the\s+)?$",
                       re.I)

# (a name's abbreviation in parentheses, and words between the aside and the verb: "A (AB), together with C (CD),
# today launched P")
_PAREN = r"(?:\s*\([^()@]*\))?"
# A list of names, each with its abbreviation in parentheses if any ("B (BB), C and D").
NAMES_LIST = rf"@\d+@{_PAREN}(?:\s*(?:,\s*and|,|and|&)\s*(?:the\s+)?@\d+@{_PAREN})*"
_BEFORE_VERB = r"(?:(?:has|have|had|will|today|also|now|recently|yesterday|formally|officially)\s+)*"
# ", jointly with B (BB) and C,": partners named between a verb and its object ("launched, jointly with B, the call P")
_PARTNERS_OPENER = (
    r"\s*,\s*(?:jointly|together|in\s+(?:close\s+)?(?:partnership|cooperation|co-operation|collaboration))\s+with\s+")
PARTNERS_ASIDE = re.compile(rf"{_PARTNERS_OPENER}(?:the\s+)?{NAMES_LIST}\s*,", re.I)
# ("finances, together with the ministry, P": a partner named by a common noun, left unnamed)
_UNNAMED = r"(?:the\s+|its\s+|their\s+|an?\s+)?[a-z][^,@;.]{0,40}"
UNNAMED_PARTNER = re.compile(rf"\s+{_UNNAMED},", re.I)
ANY_PARTNERS_ASIDE = re.compile(rf"{_PARTNERS_OPENER}(?:(?:the\s+)?{NAMES_LIST}|{_UNNAMED})\s*,", re.I)
_WITH_ASIDE = re.compile(
    rf"@(\d+)@{_PAREN}\s*,\s*(?:together\s+with|along\s+with|alongside|jointly\s+with)\s+(?:the\s+)?"
    rf"(?P<list>{NAMES_LIST})\s*,\s*{_BEFORE_VERB}$",
    re.I,
)

# "A in collaboration with B and C has started P": the partners help; A is the one that acts (the phrase itself
# says B and C work with A).
_PARTNERED_ASIDE = re.compile(
    r"^\W*(?:the\s+)?@(\d+)@\s*,?\s+in\s+(?:close\s+)?(?:collaboration|cooperation|co-operation|partnership|association)"
    rf"\s+with\s+(?:the\s+)?{NAMES_LIST}\s*,?\s*{_BEFORE_VERB}$",
    re.I,
)

# "A, through B, has launched P": A acts by way of B.
# (its opening, "A (AA), through the ", is loaders.forms' too)
ACTS_THROUGH = r"@(\d+)@\s*(?:\([^()@]*\)\s*)?,\s*(?:acting\s+)?(?:through|via)\s+(?:the\s+|its\s+)?"
_THROUGH_ASIDE = re.compile(
    rf"(?<![\w@])(?:the\s+)?{ACTS_THROUGH}@(\d+)@{_PAREN}\s*,\s*{_BEFORE_VERB}$",
    re.I,
)

# "… on the ministry's behalf by A", "… on behalf of the ministry": words between a verb and its agent.
_BEHALF = re.compile(
    r"\s*,?\s*on\s+(?:(?:@\d+@|(?:the\s+)?[a-z]+)(?:'s|\u2019s)\s+behalf|behalf\s+of\s+(?:the\s+)?(?:@\d+@|[A-Za-z]+))"
    r"\s*,?\s*",
    re.I,
)

_GOVERNING = re.compile(
    r"\b(?:[a-z]+ed)\s+(?:\w+ly\s+)?(?:under|by|through|from|via|within)\s+(?:the\s+|its\s+)?$", re.I)

_OWNER_GAP = re.compile(r"^(?:'s|\u2019s)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}\s*,?\s*$")  # "A's former seat now"

_APPOSING = re.compile(r"@(\d+)@\s*(?:\([^()]*\)\s*)?,\s*(?:the\s+)?$")

_BEFORE_PARENTHESIS = re.compile(r"@(\d+)@\s*\($")
# "A, formerly known as B (…)," : the aside names A's old name; what follows is said of A.
# How an aside on a former name opens: ", formerly (known as)", ", known until 2030 as", ", which was called".
FORMER_NAME_OPENER = (
    r"(?:which\s+(?:until|up\s+to|before|was\s+(?:called|named|known(?:\s+as)?)|had\s+been)"
    r"|(?:formerly|previously|once|originally)(?:\s+(?:known\s+as|called|named))?|known\s+(?:as|until))"
)
_FORMER_NAME = re.compile(  # (the aside opened by a dash too: "A - formerly B, which …")
    rf"@(\d+)@\s*(?:\([^()]*\)\s*)?(?:,|\s[-\u2013\u2014])\s*{FORMER_NAME_OPENER}\s+(?:the\s+)?$", re.I)
_ASIDE_CLOSED = re.compile(r"\s*(?:\([^()]*\)\s*)?,")


# "… merges A and B into a single C", "… into a single public lender, C": the one body they became (what
# "into" says after a merger's verb and its list)
INTO_ONE = (r"\s+into\s+(?:(?:a|an|the|one)\s+(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*\s*,\s*(?:the\s+)?"
            r"|(?:(?:a|an|the|one)\s+)?(?:(?:single|new|unified|merged|combined)\s+)?)@(?P<new>\d+)@")

_RELATIVE_ASIDE = re.compile(r"@(\d+)@\s*(?:\([^()]*\)\s*)?,\s*(?:which|who)\s[^,@;]*$", re.I)
# Phrases that name a mention again rather than state what the clause's subject does.
_APPOSITIVE_PHRASE = re.compile(r"(?:formerly|previously|now|also|known|called|renamed)\b", re.I)
_APPOSED = re.compile(
    r"@(\d+)@\s*(?:\([^()]*\)\s*)?,\s*(?:(?:the|an?)\s+[a-z0-9][^,@;]*"  # "A, the agency for B," (not "A, the B,")
    r"|(?:part\s+of|under|within|attached\s+to|one\s+of|launched|created|established|set\s+up|founded|introduced"
    r"|adopted|developed|previously|formerly)\s[^,@;]*)$",  # "A, formerly the B, runs P": A runs it
    re.I,
)

# An item of a list of bodies, "with" before it when it is a partner ("A, with B").
PARTNER_ITEM = re.compile(r"(with\s*)?@(\d+)@")

_OWNED_AFTER = re.compile(r"(?:'s|\u2019s|')\s+@(\d+)@")

def plural(noun: str) -> str:
    """A noun's plural ("agency" -> "agencies")."""
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


@cache
def body_plurals() -> list[str]:
    """The plurals of ``body_nouns`` of reading.yaml ("agencies", "offices"), which several readings look for."""
    return [plural(n) for n in reading_words().body_nouns]


@cache
def _body_within() -> re.Pattern[str]:
    """ "A, the unit within B that runs P", "A is an agency of B which runs P": the relative clause is said of the
    body the noun names (A), not of B."""
    nouns = alternation(reading_words().body_nouns)
    return re.compile(  # (or "the unit" read as a mention of A: "A, the unit within B that runs P")
        rf"@(\d+)@\s*(?:\([^()]*\)\s*)?(?:(?:,|\s+(?:is|was|remains|became))\s+(?:the|an?)\s+(?:[a-z-]+\s+){{0,3}}?"
        rf"(?:{nouns})\s+(?:within|of|under|inside|in|at|attached\s+to)|\s+(?:within|inside|under|attached\s+to))"
        r"\s+(?:the\s+)?@\d+@\s*(?:\([^()]*\)\s*)?(?:that|which)\s+$"
    )


@cache
def _owned_bodies() -> re.Pattern[str]:
    """ "'s bodies", "'s partners": bodies of a name's, left unnamed (``body_nouns`` of reading.yaml, plural)."""
    plurals = body_plurals()
    return re.compile(rf"(?:'s|\u2019s)\s+(?:[a-z][\w-]*\s+)?(?:{alternation([*plurals, 'partners', 'members'])})\b")


_PARTICIPLE_ASIDE = re.compile(
    r"@(\d+)@\s*(?:\([^()]*\)\s*)?,\s*(?:[a-z]+ly\s+)?(?:[a-z]+ed|[a-z]+en|run|led|set\s+up|provided\s+for)"
    r"\s+(?:by|under|in|through|with)\b[^;,]*,"
    r"\s*(?P<aux>(?:(?:is|was|were|are|has|have|had|been|being|later|then|also|since)\s+)*)$"
)
# "A, the successor of B since 2017, is …": an apposition naming another body describes A, the verb's subject
_DESCRIBED_WITH_NAME = re.compile(
    r"@(\d+)@\s*(?:\([^()]*\)\s*)?,\s*(?:the|an?)\s+[a-z][^,@;]*\s(?:of|to|for)\s+(?:the\s+)?@\d+@[^,@;]*,"
    r"\s*(?:(?:is|was|are|were|has|have|had|been|being|also|now|later|then|\w+ly)\s+)+$"
)
_OF_BEFORE = re.compile(r"(?:^|[^@\w])@(\d+)@\s+of\s+$")
_OWNER_IN_KIND = re.compile(r"@(\d+)@\s*(?:\([^()]*\)\s*)?,\s*(?:an?|the)\s+(?:[a-z-]+\s+)?$")
_LOWER_WORDS = re.compile(r"\s+[a-z][a-z -]*$")
_OWN_CLAUSE = re.compile(r",\s*(?:while|whereas)\s+(?!(?:it|they|its|their)\b)[a-z]")
_LAST_MENTION = re.compile(r"@(\d+)@([^@;]*)$")
_VERB_CLAUSE = re.compile(r";\s*(?:and\s+|also\s+)?$")

_JOINED_BEFORE = re.compile(r"@(\d+)@\s*(?:,\s*and|,|and|&|\+|as\s+well\s+as|or)\s*(?:the\s+)?$", re.I)
_PARTS_OF = r"(?:(?:parts?|some\s+units)\s+of\s+(?:the\s+)?)?"  # "A, B and parts of C were merged into D"

# (after a name in dashes, "A – the B – and C", the dash closes the aside and "and" the list)
_CLOSED_BEFORE = re.compile(rf"@(\d+)@\s*(?:,\s*and|-\s+and|and|&|\+|as\s+well\s+as)\s*(?:the\s+)?{_PARTS_OF}$", re.I)

_CLAUSE_AND = re.compile(r"\s*,\s*and\b", re.I)  # ", and" joins a list only after other commas: "A, B, and C"

_COMMA_ONLY = re.compile(r"\s*,\s*@\d+@")
def _ends_on(t: str, at: int, word: str) -> bool:
    """Whether the phrase ending at ``at`` ends on ``word`` (the preposition a list repeats)."""
    return t[max(0, at - len(word) - 1) : at].rstrip().lower().endswith(word.lower())


# Prepositions a list may repeat only after a phrase that ends on the same one ("works with A and with B").
_REPEATED = r"\band\s+(with|for)\b"
_AND_WITH = re.compile(rf"\s*,?\s*{_REPEATED}", re.I)
_AND_AGAIN = re.compile(rf"^\s*[a-z][a-z -]{{0,40}}\s+{_REPEATED}\s+(?:the\s+)?$")
_LIST_ENDS = re.compile(r"\s*(?:[.;,:)]|$)")
_MORE_EXAMPLES = re.compile(
    r"\s*(?:\([^()@]*\)\s*)?,?\s+as\s+well\s+as\s+(?:with\s+)?(?:[\w@-]+\s+){0,8}?[\u2013\u2014,-]?\s*"
    r"(?:including|such\s+as|notably|namely)\s+(?:the\s+)?(?P<list>@\d+@(?:\s*(?:,\s*and|,|and|&)\s*(?:the\s+)?@\d+@)*)",
    re.I,
)

# "…, B and the national invoicing platform, C": an item may be described before it is named
_JOINED_AFTER = re.compile(
    r"\s*(?:,?\s*and\s+(?:by|from|to|with|for)|,\s*and|,|and|&|\+|as\s+well\s+as|or)\s*"  # "by A and by B" too
    r"(?:(?:the|its|their|an?)\s+(?-i:[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3}),\s+|the\s+|its\s+|their\s+)?@(\d+)@",
    re.I,
)

# "A was commissioned by M to run P", "A was tasked by M with running P": A runs P (M, who gave the task, leads it:
# loaders.forms)
COMMISSIONED = re.compile(
    r"@(\d+)@[^@;]{0,40}?\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?"
    r"(?:commissioned|tasked|mandated|asked|contracted|appointed|chosen|selected|designated|engaged|charged)\s+by\s+"
    r"(?:the\s+)?@(\d+)@\s*(?:\([^()@]*\)\s*)?(?:to|with)\s+$",
    re.I,
)


def subjects_before(t: str, at: int, partners: bool = False, active: bool = True) -> list[int]:
    """The mention nearest before ``at`` in the same clause, with the list it closes ("A, B and C");
    after a coordinated verb or an aside naming partners, the clause's subject."""
    head = t[max(0, at - 400) : at]
    if (given := COMMISSIONED.search(head)) is not None:
        return [int(given[1])]
    v = _VERB_CLAUSE.search(head) if active else None
    if v is not None and (s := clause_subject(head[: v.start()])) is not None:
        return [s]  # "A sets policy; funds P": a clause that opens on its verb goes on with the last subject
    m = _LAST_MENTION.search(head)
    if m is None:
        return _pair(head)
    if active and (unit := _body_within().search(head)) is not None:
        return [int(unit[1])]
    coordinated = _COORDINATED.search(m[2]) and not _RELATIVE_WORD.search(m[2])  # "a fund that runs … and is"
    # (not "A runs P through B, which work with C": the relative clause is said of B; but "P, which it drew
    # up with C": of the clause's subject)
    if coordinated or (partners and _ASIDE.match(m[2]) and not _SAID_OF_ANTECEDENT.match(m[2])):
        subject = clause_subject(head)
        if subject is None and _PARTICIPLE_AFTER.match(m[2]):
            return [int(m[1])]  # "… covered by A, created in 2008 as the successor of B": the aside is A's
        if subject is None and coordinated and (r := _PASSIVE_RELATIVE.search(head)) is not None:
            return [int(r[1])]  # "… to P, which is managed by A and operated through B": P is operated
        return [subject] if subject is not None else []
    if (d := _DESCRIBED_SUBJECT.search(head)) is not None:
        return [int(d[1])]  # "A, the operational programme that financed B's projects, has been followed by C"
    if len(m[2]) > _GAP_BEFORE or _OWN_CLAUSE.search(m[2]):
        return []  # far away, or "P comes from F, while checks are carried out by A": the clause has its own subject
    opened = head.rfind("(", 0, m.start()) + 1
    if ")" in m[2] and "(" not in m[2] and (p := _BEFORE_PARENTHESIS.search(head, 0, opened)):
        # "P (2022 - 2026, Decree 5) - support under B": what the parentheses qualify is what is under B (and
        # the list it closes: "A and B (an aside naming C) were subsumed under D")
        return _closing(head, p)
    if _ASIDE_CLOSED.match(m[2]) and (a := _FORMER_NAME.search(head, 0, m.start())) is not None:
        return [int(a[1])]  # "A, formerly known as B (renamed in 2026), now sits under C": A does
    if m[2].lstrip().startswith(",") and (a := _APPOSED.search(head, 0, m.start())) is not None:
        return [int(a[1])]  # "A, the agency for B, runs C": A runs C
    if m[2].lstrip().startswith(",") and not _APPOSITIVE_PHRASE.match(t, at) and (
        a := _RELATIVE_ASIDE.search(head, 0, m.start())
    ) is not None:
        return [int(a[1])]  # "A, which is run by B, was introduced by C": C introduced A
    if _OWNER_GAP.match(m[2]) and (a := _APPOSING.search(head, 0, m.start())) is not None:
        return [int(a[1])]  # "A, Norland's plan under B": A is under B, not Norland
    if active and _OWNER_GAP.match(m[2]):
        return []  # "A's former headquarters now hosts …": what A owns is the verb's subject, not A
    if active and (r := _RELATIVE_CLAUSE.search(head)) is not None:
        return [int(r[1])]
    if (a := _WITH_ASIDE.search(head)) is not None:  # "A, together with B and C, runs P": all run it
        return [int(a[1]), *(int(x) for x in MENTION.findall(a["list"]))]
    if (a := _PARTNERED_ASIDE.search(head)) is not None:  # "A in collaboration with B and C has started P": A
        return [int(a[1])]
    if (a := _THROUGH_ASIDE.search(head)) is not None:  # "A, through B, has launched P": both act
        return [int(a[1]), int(a[2])]
    if (described := _DESCRIBED_WITH_NAME.search(head)) is not None:
        return [int(described[1])]  # "A, the successor of B since 2017, is owned by C": A is
    if (aside := _PARTICIPLE_ASIDE.search(head)) is not None and (aside["aux"] or active):
        # "P, established by the Relief Act in 2030, was run by A": P, not the act; "A, owned by B, runs P": A (but
        # "P, managed by A, part of B": a bare "part of" after the aside is said of A)
        return [int(aside[1])]
    if _LOWER_WORDS.match(m[2]) and (a := _OWNER_IN_KIND.search(head, 0, m.start())) is not None:
        return [int(a[1])]  # "A, a Norland Government initiative delivered with B": A, not the government
    if (owner := _OF_BEFORE.search(head, 0, m.start())) is not None:
        return [int(owner[1])]  # "the Digital Office of the Ministry of Ports runs P": the office runs it
    return _closing(head, m)


def _closing(head: str, m: re.Match[str]) -> list[int]:
    """Mention ``m`` with the list it closes ("A, B and C")."""
    found = [int(m[1])]
    rest = head[: m.start()]
    j = _CLOSED_BEFORE.search(rest)
    if j is None or (_CLAUSE_AND.match(rest[j.end(1) + 1 :]) and not _JOINED_BEFORE.search(rest[: j.start()])):
        return found
    while j is not None:
        found.insert(0, int(j[1]))
        rest = rest[: j.start()]
        j = _JOINED_BEFORE.search(rest)
    return found

# "…; both were boards under C", "The two agencies report to C": the two bodies named last.
_BOTH = re.compile(
    r"(?:^|[;.]\s*|,\s*(?:and|but)\s+)(?:both(?:\s+of\s+them)?|the\s+two(?:\s+[a-z]+)?)\s+[^@;.]*$", re.I
)

def _pair(head: str) -> list[int]:
    """The two names before a clause that opens on "both" or "the two …": the last two that no
    preposition but "with" governs and that are not another name in parentheses."""
    b = _BOTH.search(head)
    if b is None:
        return []
    found: list[int] = []
    for m in reversed(list(MENTION.finditer(head, 0, b.start()))):
        governed = _GOVERNED_BEFORE.search(head, max(0, m.start() - 12), m.start())
        if governed and not governed[0].lower().startswith("with"):  # "merging A with B": both A and B
            continue
        if head[m.start() - 1 : m.start()] != "(" and int(m[1]) not in found:
            found.insert(0, int(m[1]))
        if len(found) == 2:
            return found
    return []

def framed(t: str, before: list[int]) -> list[int]:
    """ "A was funded under B as part of C": a framing phrase after a prepositional object (B) frames
    what the verb is about (A), as the preposition before B does."""
    at = t.find(f"@{before[0]}@")
    governed = _GOVERNING.search(t, max(0, at - 40), at)
    if governed is None:
        return before
    subject = subjects_before(t, governed.start(), active=False)
    return subject if len(subject) == 1 and subject != before else before

def clause_subject(head: str) -> int | None:
    """The first mention of the clause ``head`` ends in that no preposition governs ("In 2023, at A's
    conference, B …": B)."""
    clause = head[head.rfind(";") + 1 :]
    for m in MENTION.finditer(clause):
        governed = _GOVERNED_BEFORE.search(clause, max(0, m.start() - 12), m.start()) is not None
        if not governed and clause[m.end() : m.end() + 2] not in ("'s", "\u2019s"):
            return int(m[1])
    return None

def stand_in(t: str, at: int, nearest: int, governed: bool = True) -> int | None:
    """The clause's subject, when the mention nearest before a phrase at ``at`` is a preposition's object (or
    whatever it is, if not ``governed``): the mention that takes its place if the two ends do not fit ("A was set
    up in 2030 under Act 5 as the successor to B": A succeeded B, not the act)."""
    pos = t.rfind(f"@{nearest}@", 0, at)
    if pos < 0 or (governed and _GOVERNED_BEFORE.search(t, max(0, pos - 12), pos) is None):
        return None
    subject = clause_subject(t[:pos])
    if subject is None or subject == nearest:
        return None
    between = t[t.find(f"@{subject}@") : at]
    if _RELATIVE_WORD.search(between) or any(  # ("paid its grant to firms that invested under P": not the payer)
        int(m[1]) != subject and _GOVERNED_BEFORE.search(between, max(0, m.start() - 12), m.start()) is None
        for m in MENTION.finditer(between)
    ):
        return None
    return subject


def skip_behalf(t: str, at: int) -> int:
    """Where the words after a verb go on once "on X's behalf" is passed."""
    b = _BEHALF.match(t, at)
    return b.end() if b is not None else at

# "… merging A, B and part of C": C gave part of its work to the new body
PARTIAL_ITEM = re.compile(  # "…, B and part of C", "… and the small business activities of C"
    r"\s*(?:,\s*and|,|and)\s+(?:the\s+)?(?:parts?|(?:[a-z-]+\s+){0,3}(?:activities|functions|operations|units?|divisions?"
    r"|departments?|arms?))\s+of\s+(?:the\s+)?@(\d+)@",
    re.I,
)


def list_end(t: str, at: int) -> int:
    """Where the list of mentions a phrase opens at ``at`` ends."""
    m = MENTION.search(t, at)
    if m is None:
        return at
    pos = m.end()
    while (j := _JOINED_AFTER.match(t, pos)) is not None:
        pos = j.end()
    return pos

# "the G12 network of cities, and …"; "A, a free online check, and B": a short description of an item
_COMPLEMENT = re.compile(  # (and a share or a note in brackets: "A (51%) and B (49%)")
    r"\s+of\s+[a-z]+(?:\s+[a-z]+)?(?=\s*(?:,|and\b))|,\s+(?:a|an)\s+[a-z][a-z -]{0,50}?(?=,\s*and\b)"
    r"|\s*\([^()@]{1,30}\)(?=\s*(?:,|and\b|&))"
)

def _past_complement(t: str, pos: int) -> int:
    """Past a list item's short complement ("the G12 network of cities, and …")."""
    c = _COMPLEMENT.match(t, pos)
    return c.end() if c is not None else pos

# "introduced a selective incentive for A, known as P": the object is named after its description.
_NAMED_LATER = re.compile(
    r"\s*(?:a|an)\s+[^;@]{0,60}(?:@\d+@[^;@]{0,20})?,?\s+(?:known\s+as|called|named|dubbed|entitled)\s+"
    r"(?:the\s+)?[\"\u201c]?@(\d+)@"
    # "under the ministry in charge of industry, currently the Ministry of Mines": the body it names today
    r"|\s*the\s+(?:ministry|department|agency|body)\s+(?:in\s+charge\s+of|responsible\s+for)\s+[^;@,]{1,50},\s*"
    r"(?:currently|now|today|at\s+present)\s+(?:the\s+)?@(\d+)@",
    re.I,
)

@cache
def _part_of_after() -> re.Pattern[str]:
    nouns = alternation(reading_words().named_part_nouns)
    return re.compile(rf"\s+(?:{nouns})\s+of\s+(?:the\s+)?@(\d+)@", re.I)

_LIST_GOES_ON_UNNAMED = re.compile(r"\s*,?\s+(?:and|or)\s+(?:the\s+)?[a-z]")


def objects_after(t: str, at: int, limit: int) -> list[int]:
    """The first mention after ``at`` (and before ``limit``) in the same clause, with the list it opens."""
    at = skip_behalf(t, at)
    if (aside := ANY_PARTNERS_ASIDE.match(t, at)) is not None:
        # "launched, jointly with B, the call P", "finances, together with the ministry, P": P (B is the verb's
        # partner, read elsewhere)
        at = aside.end()
    if (named := _NAMED_LATER.match(t, at)) is not None and (named.end() <= limit or named[2]):
        return [int(named[1] or named[2])]  # (a remit's "in charge of" is no phrase of its own there)
    m = MENTION.search(t, at, limit)
    if m is None:
        return []
    gap = t[at : m.start()]
    long_gap = len(gap) > _GAP_AFTER and not (len(gap) <= 2 * _GAP_AFTER and _EXAMPLES.search(gap))
    # "responsible for digital infrastructure and for P": the preposition again, before a name
    again = " and " in gap and (r := _AND_AGAIN.search(gap)) is not None and _ends_on(t, at, r[1])
    if long_gap or ";" in gap or ". " in gap or (" and " in gap and not again) or _NEW_CLAUSE.search(gap) \
            or _OBJECT_FIRST.match(gap):
        return []
    if t[max(0, at - 3) : at].lower() == " by" and _UNNAMED_AGENT.match(gap):
        return []
    if _owned_bodies().match(t, m.end()):
        return []  # "together with the rest of A's bodies": A's bodies, unnamed, not A
    if (owned := _OWNED_AFTER.match(t, m.end())) is not None:
        m = owned  # "under Norland's recovery plan": the plan, not its owner
    elif (chapter := _part_of_after().match(t, m.end())) is not None:
        return [int(m[1]), int(chapter[1])]  # "within the Harbour chapter of the plan": both
    found = [int(m[1])]
    pos = m.end()
    while (j := _JOINED_AFTER.match(t, _past_complement(t, pos))) is not None:
        if _CLAUSE_AND.match(t, pos) and len(found) == 1 and not _LIST_ENDS.match(t, j.end()):
            break  # "… takes part in A, and B works with C": a new clause, not a list (as "… of A, and B." is)
        if (repeated := _AND_WITH.match(t, pos)) is not None and not _ends_on(t, at, repeated[1]):
            break  # "owned by A, and with B": "and with" goes on only from a "with" ("works with A and with B")
        found.append(int(j[1]))
        pos = j.end()
    if (more := _MORE_EXAMPLES.match(t, pos)) is not None:  # "…, as well as with provincial agencies – including B, C"
        found += [int(x) for x in MENTION.findall(more["list"])]
        return found
    if len(found) == 2 and _COMMA_ONLY.match(t, m.end()) and not _JOINED_AFTER.match(t, pos) \
            and not PARTIAL_ITEM.match(t, pos) and not _LIST_GOES_ON_UNNAMED.match(t, pos):
        # "A, the B": the second names the first again (an apposition), not a list ("A, B and sector bodies" is)
        return found[:1]
    return found
