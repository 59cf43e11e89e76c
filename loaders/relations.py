"""Relationship rules over a statement whose mentions are replaced by placeholders.

Each statement's text is *templated*: every mention (with a "the" before it) becomes ``@i@``, where
``i`` indexes the statement's mentions. Rules are then compiled patterns over that text — "@0@
spearheads the implementation of @1@", "formerly @2@ under @3@", "@4@ (2005 - 2008, @5@)" — so a rule
never has to know how a name is spelt, and matching stays linear in the text.

>>> [m.groups() for m in FORMERLY.finditer("@0@ was set up in 2015, formerly @1@ under @2@")]
[('1', '2')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from loaders.lexicon import MEMO_SIZE, MEMOS, PUNCT_TO_SPACE, READING

E = r"@(\d+)@"
# A list of mentions: "A, B and C", "A and one or more B or C" (and "A - the … - and C": a dash closing an aside).
LIST = (
    r"@\d+@(?:(?:\s+[-\u2013\u2014](?=\s+and\s))?\s*(?:,|and|&|or|as\s+well\s+as|,\s*and)\s*"
    r"(?:(?:one\s+or\s+more|several|some|all|the)\s+)?@\d+@)*"
)
MENTION = re.compile(E)

CREATION_VERBS = (
    r"created|established|founded|set\s+up|launched|introduced|enacted|adopted|passed|formed|inaugurated"
    r"|promulgated|started|began|initiated"
)
CREATION = re.compile(rf"\b(?:{CREATION_VERBS})\b|\b(?:establishment|creation|launch|introduction|enactment)\s+of\b")
RUNNING_FROM = re.compile(r"\b(?:implemented|in\s+place|in\s+force|operated|running|ran|run)\s+(?:from|since)\b")

FORMERLY = re.compile(
    rf"(?:\bformerly\s+(?:known\s+as\s+|called\s+|named\s+)?|\b(?:before|previously|former\s+name|old\s+name)\s*:\s*)"
    rf"(?:the\s+)?{E}"  # (a deck's "name since 2030; before: M")
    rf"(?:\s*,?\s*(?:under|within|part\s+of|attached\s+to|affiliated\s+(?:to|with)|subordinate\s+to)\s+{E})?",
    re.I,
)
TRANSFER = re.compile(
    rf"\bfrom\s+(?P<srcs>{LIST})[^@]{{0,40}}?\b(?:transferred|moved|shifted|handed\s+over|merged)\s+(?:in)?to\s+{E}"
    rf"|(?P<src>@\d+@)\s+transferred\b[^@]{{0,50}}?\bto\s+{E}"
    rf"|\b(?:transferred|moved|shifted|handed\s+over)\s+from\s+(?P<srcs2>{LIST})\s+(?:in)?to\s+(?:[a-z-]+\s+){{0,3}}?{E}",
    re.I,
)
YEARS_BODY = re.compile(  # "P (2029-, A with B)": B takes part; "P (2029-, A, later B)", "P (2029-, A / C)": both run P
    rf"{E}\s*\(\s*(?P<years>[^()@]*?\d{{4}}[^()@,]*?)\s*,\s*{E}"
    rf"(?P<more>(?:\s*(?:,|and|&|\+|/)?\s*(?:with\s+|later\s+|then\s+|now\s+)?@\d+@)*)"
    r"(?:\s*(?:,|and|&|\+|/)\s*[^()@]{1,30})?\s*\)"  # (and a partner the text names only by a word: "+ NCBR")
)
BODY_YEARS = re.compile(rf"{E}\s*\(\s*{E}\s*,\s*(?P<years>[^()@]*?\d{{4}}[^()@]*?)\s*\)")
COOPERATION_BETWEEN = re.compile(
    rf"\b(?:co-?operation|collaboration|partnership|joint\s+work|joint\s+venture|coordination|covenant|agreement|alliance"
    rf"|consortium)"
    rf"\s+(?:between|among|of)\s+"
    rf"(?P<list>{LIST})",
    re.I,
)
COLLABORATING_WITH = re.compile(
    rf"\b(?:collaborat(?:ing|es|ed|e)|co-?operat(?:ing|es|ed|e)|work(?:ing|s|ed)?|partner(?:ing|s|ed)?"
    rf"|(?:(?<=\bits\s)|(?<=\btheir\s))(?:co-?operation|collaboration))\s+"  # "continued its cooperation with B"
    rf"(?:closely\s+)?with\s+(?:[a-z][\w-]*\s+){{0,3}}?(?:\(\s*(?:e\.g\.|i\.e\.|such\s+as|including|notably)?"
    rf"\s*(?P<plist>{LIST})\s*\)|(?:such\s+as\s+|including\s+|notably\s+)?(?P<list>{LIST}))"
    rf"(?:\s+(?:on|in|for|through)\s+@(?P<on>\d+)@)?",
    re.I,
)
# "P (A, B)", "P launched (A, with B)": a deck's bodies in parentheses after an instrument.
BODIES_ONLY = re.compile(
    rf"{E}\s*(?:(?:was\s+)?(?:launched|introduced|created|started|adopted|set\s+up)\s*)?"
    rf"\(\s*(?P<list>@\d+@(?:\s*,\s*(?:with\s+)?@\d+@)*)(?:\s*,\s*[A-Z]{{2,}}[A-Za-z]*)?\s*\)"  # (… "(A, ABC)")
)
YEARS_ONLY = re.compile(rf"{E}\s*\(\s*(?P<years>(?:from\s+|since\s+)?\d{{4}}(?:\s*-\s*(?:\d{{4}}|\d\d))?)\s*\)")
PROVIDED_IN = re.compile(
    rf"{E}[^@]{{0,20}}?\b(?:stipulated|provided\s+for|set\s+out|laid\s+down|established|mandated|enshrined|"
    rf"specified|defined|prescribed|foreseen)\s+(?:in|by|under)\s+{E}"
    rf"(?:\s*\(\s*(?P<article>(?:Article|Art\.|Section)\s+\d+[\w-]*)\s*\))?",
    re.I,
)
PROVIDES_FOR = re.compile(
    rf"{E}(?:\s*\(?\s*(?P<article>(?:Article|Art\.|Section)\s+\d+[\w-]*)\s*\)?)?[^@]{{0,20}}?\b"
    rf"(?:provides|provided|stipulates|stipulated|mandates|mandated|establishes|established)\s+(?:for\s+)?{E}",
    re.I,
)
FOUNDATION_FOR = re.compile(
    r"\b(?:provide[sd]?|laid|lays|gave|gives|forms?|formed|served\s+as|serves\s+as|created|creates)\s+"
    r"(?:the|a)\s+(?:legal\s+)?(?:foundation|basis|framework|grounds?)\s+for\b",
    re.I,
)
TARGET_CUES = re.compile(
    r"(?:\bfor|\bto|\btargeting|\btargets|\baimed\s+at|\bhelp(?:ing|s)?|\bsupport(?:ing|s)?|\bhiring|\bhire"
    r"|\bprepare|\benhance|\bassist(?:ing|s)?|\bof|\bamong|\bbenefit(?:ing|s)?|\bfocus\s+on|\buptake\s+of)"
    r"\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
SUBJECT_PREFIX = re.compile(
    r"^(?:(?:overview|promotion|evolution|role|summary|introduction|profile)\s+of\s+|(?:name|title)\s*:\s*|"
    r"(?:in|since|from)\s+\d{4}\s*,?\s*(?:an?\s+|the\s+)?(?:[\w-]+\s+)?)?" + E,
    re.I,
)

# "In response, the Commission:": a lead-in whose items go on with its body.
LEAD_IN = re.compile(rf"^[A-Z][\w ]{{0,30}},\s+(?:the\s+)?{E}\s*:\s*$")

# Words without which a rule cannot match: a substring test on the lower-cased statement (C speed)
# spares running the pattern on the many statements it could never fit.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "CREATION": (
        "creat",
        "establish",
        "found",
        "set up",
        "launch",
        "introduc",
        "enact",
        "adopt",
        "passed",
        "formed",
        "inaugurat",
        "promulgat",
        "start",
        "began",
        "initiat",
    ),
    "RUNNING_FROM": (" from ", " since "),
    "FORMERLY": ("formerly", "before:", "previously:", "name:"),
    "TRANSFER": ("transferred", "moved", "shifted", "handed over", "merged"),
    "YEARS_BODY": ("(",),
    "YEARS_ONLY": ("(",),
    "BODIES_ONLY": ("(",),
    "BODY_YEARS": ("(",),
    "COOPERATION_BETWEEN": (
        "operation",
        "collaboration",
        "partnership",
        "joint work",
        "joint venture",
        "coordination",
        "covenant",
        "agreement",
        "alliance",
        "consortium",
    ),
    "COLLABORATING_WITH": (" with ",),
    "PROVIDED_IN": (
        "stipulat",
        "provided for",
        "set out",
        "laid down",
        "establish",
        "mandat",
        "enshrin",
        "specifi",
        "defined",
        "prescribed",
        "foreseen",
    ),
    "PROVIDES_FOR": ("provide", "stipulat", "mandat", "establish"),
    "FOUNDATION_FOR": ("foundation", "basis", "framework", "ground"),
}


def matches(rule: str, text: str, low: str) -> list[re.Match[str]]:
    """The matches of rule ``rule`` (a pattern of this module) in ``text``, after its cheap pre-test on ``low``."""
    for word in TRIGGERS[rule]:
        if word in low:
            return list(_PATTERNS[rule].finditer(text))
    return []


_PATTERNS: dict[str, re.Pattern[str]] = {rule: globals()[rule] for rule in TRIGGERS}
# How many mentions a match of each rule holds at least (read off the patterns above; a rule not
# listed needs two): a statement with fewer placeholders ("@i@", two "@" each) cannot match it.
_FEWER_MENTIONS = {"CREATION": 0, "RUNNING_FROM": 0, "FOUNDATION_FOR": 0, "FORMERLY": 1, "YEARS_ONLY": 1}
_FEWER_MENTIONS |= {"COOPERATION_BETWEEN": 1, "COLLABORATING_WITH": 1}
_MIN_AT: dict[str, int] = {rule: 2 * _FEWER_MENTIONS.get(rule, 2) for rule in TRIGGERS}
# Each trigger word once, with the rules it opens: one pass of substring tests per statement; a
# statement with one mention only tests the words of the rules one mention can match.
_WORD_RULES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (word, tuple(r for r, ws in TRIGGERS.items() if word in ws))
    for word in dict.fromkeys(w for ws in TRIGGERS.values() for w in ws)
)
_WORD_RULES_ONE_MENTION = tuple(
    (word, kept) for word, rules in _WORD_RULES if (kept := tuple(r for r in rules if _MIN_AT[r] <= 2))
)


@lru_cache(maxsize=MEMO_SIZE)  # templated statements recur; callers read the result, never change it
def rules_in(text: str, low: str) -> dict[str, list[re.Match[str]]]:
    """Every rule's matches in ``text`` (``low`` is it lower-cased), for the rules that match at all.

    The same as ``{rule: matches(rule, text, low)}`` without the empty lists, but each trigger word is
    tested once per statement and rules needing more mentions than the statement has are skipped.

    >>> sorted(rules_in("@0@ (2005 - 2008, @1@)", "@0@ (2005 - 2008, @1@)"))
    ['YEARS_BODY']
    """
    ats = text.count("@")
    found: dict[str, list[re.Match[str]]] = {}
    tried: set[str] = set()
    for word, rules in _WORD_RULES if ats >= 4 else _WORD_RULES_ONE_MENTION:
        if word in low:
            for rule in rules:
                if rule not in tried:
                    tried.add(rule)
                    if ats >= _MIN_AT[rule] and (ms := list(_PATTERNS[rule].finditer(text))):
                        found[rule] = ms
    return found


MEMOS.append(rules_in.cache_clear)


_UNASSERTING = sorted(
    (re.escape(w).replace(r"\ ", r"\s+").replace("'", "['\u2019]") for w in READING["unasserted"]),
    key=len,
    reverse=True,
)
# The longest word of each phrase: every match holds one ("doesn't" and the like are looked for as "n't").
_UNASSERTING_KEYS = frozenset(max(w.lower().split(), key=len) for w in READING["unasserted"] if "'" not in w)
_UNASSERTED = re.compile(
    r"(?<![\w-])(?:" + "|".join(_UNASSERTING) + r")(?![\w-])(?!\s+(?:only|just|merely|least)\b)"
    r"[^,;:.]*?(?=\s+but\b|[,;:.]|$)",
    re.I,
)


def asserted(text: str) -> str:
    """The templated statement with each clause a recommendation or a supposition opens blanked to its end,
    its mentions kept in place and each set apart by a semicolon; the text keeps its length, so years keep
    their offsets.

    >>> asserted("@0@ runs @1@ and should work with @2@ on @3@.")
    '@0@ runs @1@ and ;                @2@;   @3@.'
    """
    if "@" not in text:
        return text
    low = text.lower()
    contracted = "n't" in low or "n\u2019t" in low
    if not contracted and _UNASSERTING_KEYS.isdisjoint(low.translate(PUNCT_TO_SPACE).split()):
        return text  # (a set test spares the pattern on the many statements that hold none of its words)
    return _UNASSERTED.sub(lambda m: _blank(m[0]), text)


def _blank(clause: str) -> str:
    """``clause`` as spaces but its mentions, each gap opening on a semicolon."""
    out: list[str] = []
    pos = 0
    for m in MENTION.finditer(clause):
        gap = m.start() - pos
        out.append((";" + " " * (gap - 1)) if gap else "")
        out.append(m[0])
        pos = m.end()
    tail = len(clause) - pos
    out.append((";" + " " * (tail - 1)) if tail else "")
    return "".join(out)
