"""Collective actors and target groups named by common nouns, not by a name of their own.

Kinds of institution ("chambers of commerce", "regional governments", "municipalities") and the groups
an instrument targets ("small businesses", "young people aged 18-30", "MSMEs") are read from the
patterns of ``reading.yaml`` (``collectives``, ``target_cores`` and their modifiers), each with a
canonical name in sentence case, so "SMEs" and "small and medium-sized enterprises" are one group.

>>> text = "Chambers of commerce help small businesses."
>>> [(c.type, c.name) for c in groups(text, text.lower())]
[('PrivateSector', 'Chambers of commerce'), ('TargetGroup', 'Small businesses')]
"""

from __future__ import annotations

import re

from loaders.lexicon import (
    ACTOR_HEAD_RE,
    COLLECTIVES,
    DESCRIBED_HEADS,
    GENERIC_MODIFIERS,
    KEPT_COLLECTIVES,
    SPACE,
    STARTERS,
    STOP,
    STOP_WORDS,
    TARGET_BUSINESS_MODIFIERS,
    TARGET_BUSINESS_NOUNS,
    TARGET_CORES,
    TARGET_MODIFIERS,
    TARGET_SIZES,
    Candidate,
    alternation,
    name_key,
    reading_words,
)

_COLLECTIVE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(COLLECTIVES)) + r")(?![\w-])",
    re.I,
)


# Group number -> which collective matched: the group that closed last names it, no search of the groups.
_COLLECTIVE_GROUPS = {_COLLECTIVE.groupindex[f"c{i}"]: i for i in range(len(COLLECTIVES))}


def _case_exact(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-blind pattern of lower-case words as a case-exact one, for ASCII text lower-cased: the
    same spans, twice as fast (a case-blind alternative is tried at every word, a case-exact one
    skipped on its first letter). None if the pattern spells a capital or turns case-blindness off."""
    words = re.sub(r"\\.|\(\?P<\w+>", "", pattern.pattern)
    return re.compile(pattern.pattern) if words == words.lower() and "(?-" not in words else None


_COLLECTIVE_EXACT = _case_exact(_COLLECTIVE)
_TITLED_SIZES = re.compile(r"\b(?:Micro|Small|Medium)\b[\w\s,-]{0,30}\b(?:Enterprises|Firms|Businesses|Companies)\b")
_SIZED_CORES = ("small and medium", "small & medium", "micro, small")  # cores that name firms by size
_CAPITAL_NEXT = re.compile(r"[\s-]+(?:\(\s*[A-Z]+s?\s*\)\s+)?[A-Z][a-z]")  # a name goes on: "… Enterprises Act"
_NAME_GOES_ON = re.compile(rf" (?:{ACTOR_HEAD_RE})\b")


_TARGET = re.compile(
    rf"(?<![\w-])(?P<sizes>(?:(?:{TARGET_SIZES})\s*(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+)){{1,4}}(?:{TARGET_SIZES})[\s-]+"
    rf"(?:enterprises|firms|businesses|companies))(?![\w-])"
    rf"|(?<![\w-])(?:(?P<mod>{TARGET_MODIFIERS})\s+)?(?P<core>{TARGET_CORES})(?![\w-])(?:'s|')?"
    rf"(?:\s*\(\s*(?:aged\s+)?(?P<age1>\d\d)\s*-\s*(?P<age2>\d\d)\s*\)|\s+aged\s+(?P<age3>\d\d)\s*"
    rf"(?:-|to)\s*(?P<age4>\d\d))?"
    rf"|(?<![\w-])(?P<bmod>(?:{TARGET_BUSINESS_MODIFIERS})(?:\s+(?:and\s+)?(?:{TARGET_BUSINESS_MODIFIERS}))?)"
    rf"\s+(?P<bnoun>{TARGET_BUSINESS_NOUNS})"  # "small and venture firms", "small business owners" too
    rf"(?![\w-])"
)


_TARGET_IN_NAME = re.compile(
    rf"(?<![\w-])(?P<sizes>)(?P<mod>)(?P<core>{TARGET_CORES})(?![\w-])(?P<age1>)?(?P<age2>)?(?P<age3>)?"
    rf"(?P<age4>)?(?P<bmod>)?(?P<bnoun>)?",
    re.I,
)


def _sentence_case(text: str) -> str:
    text = SPACE.sub(" ", text.strip())
    if text[:4].lower() == "the ":
        text = text[4:]
    lowered = " ".join(w if sum(ch.isupper() for ch in w) > 1 else w.lower() for w in text.split(" "))  # "LGUs"
    return lowered[:1].upper() + lowered[1:]


def _target_name(m: re.Match[str]) -> str:
    if m["sizes"]:  # "very small, small and medium enterprises": SMEs; with micro ones, MSMEs
        sizes = m["sizes"].lower()
        if "medium" in sizes:
            return "MSMEs" if "micro" in sizes else "SMEs"
        return "Micro-enterprises" if sizes.startswith("micro") else _sentence_case(m["sizes"])
    if m["bnoun"]:
        return _sentence_case(f"{m['bmod']} {m['bnoun']}")
    core = SPACE.sub(" ", m["core"])
    low = core.lower()
    if low.startswith("micro,") or low == "msme" or low == "msmes":
        core = "MSMEs"
    elif low.startswith("small and medium") or low == "sme" or low == "smes":
        core = "SMEs"
    elif low.startswith("micro"):
        core = "micro-enterprises"
    elif low in ("youth", "young people"):
        core = low
    elif not low.endswith("s") and not low.startswith("self-employed"):
        core = core + "s"
    name = f"{m['mod']} {core}" if m["mod"] else core
    age = (m["age1"], m["age2"]) if m["age1"] else (m["age3"], m["age4"]) if m["age3"] else None
    if age:
        name = f"{name} aged {age[0]}-{age[1]}"
    return name[:1].upper() + name[1:]


def _as_written(m: re.Match[str], name: str) -> str | None:
    """A target group's words as the text gives them, when they differ from its canonical name
    ("entrepreneurs aged 18 to 39" beside "Entrepreneurs aged 18-39")."""
    written = _sentence_case(SPACE.sub(" ", m[0]))
    return written if name_key(written) != name_key(name) else None


def targets_in_name(name: str) -> list[str]:
    """Target groups an instrument's own name names ("SME export voucher scheme" → SMEs).

    >>> targets_in_name("Youth Sailing Grant"), targets_in_name("Act on Small and Medium Enterprises")
    (['Youth'], ['SMEs'])
    """
    return [_target_name(m) for m in _TARGET_IN_NAME.finditer(name) if not m["bnoun"]]


# Words whose presence lets a family of patterns match at all: a set test per statement (C speed)
# spares running patterns that cannot match, which is most of them on most lines.
def _stems(*patterns: str) -> re.Pattern[str]:
    """The literal words of patterns (three letters or more, connectors aside): every match holds one
    of them, so a statement holding none needs no scan. Derived, so a word added to ``reading.yaml``
    is looked for without a second list to keep in step; one alternation, searched once."""
    words = {w for p in patterns for w in re.findall(r"[a-z\u00e0-\u00ff]{3,}", p.lower())}
    return re.compile("|".join(sorted(words - {"and", "the", "for", "with", "other", "all"})))


_COLLECTIVE_STEMS = _stems(*(p for p, _ in COLLECTIVES))


_TARGET_STEMS = _stems(TARGET_CORES, TARGET_BUSINESS_NOUNS)


# An instrument described in lower-case words rather than named: "the quay credit scheme for R&D costs",
# "a call for harbour digitalisation vouchers". One to three modifiers, then the head, then an optional "for …"
# tail of up to five words; not when a name or another head follows ("the grant programme Norland Online").
_WORD = r"(?:[a-z][a-z0-9&\u00e0-\u00ff-]*|[A-Z][A-Za-z&]*[A-Z]s?)"  # a lower-case word or an acronym ("R&D")
_NOT_MODIFIER = rf"(?!(?:{STOP}|{alternation(GENERIC_MODIFIERS)}|and|or|for|of|in|on|at|to|[a-z]+ed)\s)"
_NOT_TAIL = rf"(?!(?:{STOP}|to|together|jointly|alongside|[a-z]+ed)(?![\w-]))"  # "… for SMEs, financed by"
_HEAD = alternation(DESCRIBED_HEADS)
_DESCRIBED = re.compile(
    rf"(?<![\w&'\u2019.-])(?P<mods>(?:[A-Z][a-z]+\s+\d+\.\d+\s+)?(?:{_NOT_MODIFIER}[a-z][a-z0-9\u00e0-\u00ff-]*\s+){{0,3}})"
    rf"(?P<head>{_HEAD})(?![\w-])(?!\s+[*_\"\u201c]{{0,2}}[A-Z])(?!\s+(?:{_HEAD})(?![\w-]))"
    rf"(?P<tail>\s+for\s+(?:the\s+)?(?:{_NOT_TAIL}{_WORD}\s+(?:(?:of|and)\s+(?:the\s+)?)?){{0,4}}"
    rf"{_NOT_TAIL}{_WORD}(?![\w-]))?"
)
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ary", "ble", "ful", "less")
_DESCRIBED_TRIGGER = re.compile(rf"(?<![\w-])(?:{_HEAD})(?![\w-])")
# What opens a noun phrase before a description: a determiner, an owner, a preposition (not a verb: "offers
# loans"), a colon (a list's first item), or nothing (a bullet's first words); not a name with a comma (an
# apposition: "P, the digital programme", "P, its e-commerce programme")
_OPENS_PHRASE = re.compile(
    r"(?:^|(?<![\w-])(?:[Tt]he|[Ii]ts|[Tt]heir|[Oo]ur|[Tt]his|[Tt]hese|for|of|through|[Tt]hrough|under|with|from|via|by"
    r"|on|in)\s+|['\u2019]s\s+|[:;]\s+)$"
)
_APPOSITION = re.compile(  # (or "P, a network of advisory centres", "P – a package of vouchers")
    r"(?:[A-Z][\w-]*|\))\s*(?:,|\s[-\u2013\u2014])\s+(?:(?:the|its|their)\s+"
    r"|(?:an?|the|its|their)\s+(?:[a-z-]+\s+){0,2}?(?:network|system|series|range|set|group|package|family)\s+of\s+)?$"
)


def described(text: str) -> list[Candidate]:
    """Instruments described rather than named ("harbour digitalisation vouchers"): one modifier at least a noun
    (not "digital vouchers"), the words before them a determiner, an owner or a preposition (:data:`_OPENS_PHRASE`)."""
    if not _DESCRIBED_TRIGGER.search(text):
        return []
    found = []
    lowered = text[:1].lower() + text[1:] if text[:1].isupper() else text  # "Innovation cheques of up to …"
    for m in _DESCRIBED.finditer(lowered):
        if all(w.endswith(_ADJECTIVE_ENDINGS) for w in m["mods"].split()):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if not _OPENS_PHRASE.search(before) or _APPOSITION.search(before):
            continue
        if m.start() == 0 and not text[m.end() :].strip(" .;"):
            continue  # a line that is only a description says what the heading above it names
        name = text[m.start() : m.end()]
        found.append(Candidate(m.start(), m.end(), reading_words().default_instrument, name, "described",
                               head=m["head"]))
    return found


_WORDS_BEFORE = re.compile(r"(?:(?<![\w'\u2019/-])[a-z][a-z/-]*\s+){1,3}$")
_JOINED = re.compile(r"(?:,|\band|\bor)\s+$")  # "banks and licensed lenders": the next of a list
# "young technology firms" are a target group; "invests in startups alongside banks": the startups are not banks
_TARGET_WORD = re.compile(f"{TARGET_MODIFIERS}|{TARGET_CORES}", re.I)
_NO_MODIFIERS = STOP_WORDS | GENERIC_MODIFIERS | STARTERS | {"and", "or", "for"}


def _modified_from(text: str, start: int) -> int:
    """Where a kind of institution begins with the words that qualify it ("through licensed banks", "the
    accredited training providers"): lower-case words before it, none a function word, a verb or a generic
    adjective, opening a noun phrase (after a determiner or a preposition, not a verb: "supports banks")."""
    run = _WORDS_BEFORE.search(text, max(0, start - 60), start)
    if run is None:
        return start
    words = run[0].split()
    while words and words[-1] not in _NO_MODIFIERS and not _TARGET_WORD.fullmatch(words[-1]):
        words.pop()
    kept = run[0].split()[len(words):]  # the qualifying words next to the head, nearest last
    best = start
    at = start
    for w in reversed(kept):
        at = text.rfind(w, 0, at)
        if at == 0 or _OPENS_PHRASE.search(text, max(0, at - 40), at) or _JOINED.search(text, max(0, at - 8), at):
            best = at
    return best


def groups(text: str, low: str) -> list[Candidate]:
    """Kinds of institution ("chambers of commerce") and target groups ("small businesses")."""
    found: list[Candidate] = []
    if _COLLECTIVE_STEMS.search(low):
        exact = _COLLECTIVE_EXACT if text.isascii() else None  # then ``low`` has the text's offsets
        for m in exact.finditer(low) if exact is not None else _COLLECTIVE.finditer(text):
            if _NAME_GOES_ON.match(text, m.end()):
                continue  # "the Private Sector Chamber": the words open a body's name
            i = _COLLECTIVE_GROUPS[m.lastindex or 0]
            kind = "institutions" if i in KEPT_COLLECTIVES else "collective"
            start = _modified_from(text, m.start())
            words = text[start : m.end()]
            found.append(Candidate(start, m.end(), COLLECTIVES[i][1], _sentence_case(words), kind))
    if _TARGET_STEMS.search(low):
        # "Self-employed people …" opens a sentence as often as it follows a verb: read the first
        # letter in lower case (the offsets stay the same).
        for m in _TARGET.finditer(text[:1].lower() + text[1:] if text[:1].isupper() else text):
            name = _target_name(m)
            found.append(Candidate(m.start(), m.end(), "TargetGroup", name, "target", _as_written(m, name)))
        if _TITLED_SIZES.search(text) and len(low) == len(text):
            # "Micro, Small and Medium Firms" in title case: the group still, unless a name goes on
            for m in _TARGET.finditer(low):
                sized = m["sizes"] or (m["core"] or "").startswith(_SIZED_CORES)
                if sized and text[m.start()].isupper() and not _CAPITAL_NEXT.match(text, m.end()):
                    name = _target_name(m)
                    found.append(Candidate(m.start(), m.end(), "TargetGroup", name, "target", _as_written(m, name)))
    return found + described(text)
