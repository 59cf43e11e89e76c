"""Recognise entity mentions in a statement by the shape of their names.

A name is recognised by its *head noun* ("Ministry of …", "… Agency", "… Act", "… strategy",
"… programme"), by quotation marks around a title, by parentheses binding an abbreviation, or — for
collective actors and target groups — by a small lexicon of plural nouns ("regional governments",
"the private sector", "manufacturing SMEs"). No list of known bodies is used: the only name lists are
the countries (``countries.tsv``, data) and whatever gazetteer a caller passes to *link* mentions.

The head-noun lexicon maps words to schema labels; :func:`lexicon` checks every label against the
schema, so a renamed type fails loudly instead of silently typing nothing.

>>> text = 'The Port Safety Agency (PSA) runs the "Blue Harbour Programme".'
>>> [(c.type, c.name, c.alias) for c in find_candidates(text)]
[('Agency', 'Port Safety Agency', 'PSA'), ('Programme', 'Blue Harbour Programme', None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

from graph.model.schema import Schema, load_schema

# --- the lexicon: head nouns and the schema label they give ---------------------------------------------
# Title-case heads of actor names ("Ministry of X", "X Agency", "Agency for X").
ACTOR_HEADS: dict[str, str] = {
    "Ministry": "Ministry",
    "Department": "Ministry",
    "Ministère": "Ministry",
    "Ministerium": "Ministry",
    "Administration": "Agency",
    "Agency": "Agency",
    "Office": "Agency",
    "Institute": "Agency",
    "Service": "Agency",
    "Commission": "Agency",
    "Authority": "Agency",
    "Bureau": "Agency",
    "Board": "Agency",
    "Council": "Agency",
    "Centre": "Agency",
    "Center": "Agency",
    "Corporation": "Agency",
    "Foundation": "Agency",
    "Directorate": "Agency",
    "Inspectorate": "Agency",
    "Secretariat": "Agency",
    "Observatory": "Agency",
    "Bank": "Agency",
    "Organisation": "Agency",
    "Organization": "Agency",
    "Government": "Government",
    "Municipality": "RegionalGovernment",
    "Prefecture": "RegionalGovernment",
    "Association": "PrivateSector",
    "Federation": "PrivateSector",
    "Chamber": "PrivateSector",
    "Confederation": "PrivateSector",
}
# Words before a head that make a body regional, or international.
REGIONAL_WORDS = frozenset(
    [
        "Regional",
        "Provincial",
        "Municipal",
        "Metropolitan",
        "City",
        "County",
        "State",
        "Local",
        "District",
        "Prefectural",
        "Province",
        "Region",
        "Town",
        "Cantonal",
        "Canton",
    ]
)
INTERNATIONAL_WORDS = frozenset(
    ["International", "World", "European", "United", "Nations", "Global", "Asian", "African"]
)
# Heads of instrument names; a law's name may run on ("Act on the Promotion of …").
INSTRUMENT_HEADS: dict[str, str] = {
    "act": "Law",
    "law": "Law",
    "code": "Law",
    "decree": "Law",
    "ordinance": "Law",
    "regulation": "Law",
    "directive": "Law",
    "bill": "Law",
    "statute": "Law",
    "strategy": "Strategy",
    "plan": "Strategy",
    "framework": "Strategy",
    "roadmap": "Strategy",
    "agenda": "Strategy",
    "blueprint": "Strategy",
    "policy": "Strategy",
    "deal": "Strategy",
    "programme": "Programme",
    "program": "Programme",
    "project": "Programme",
    "platform": "Programme",
    "grant": "Programme",
    "subsidy": "Programme",
    "scheme": "Programme",
    "voucher": "Programme",
    "initiative": "Programme",
    "fund": "Programme",
    "portal": "Programme",
    "campaign": "Programme",
    "network": "Programme",
    "loan": "Programme",
    "award": "Programme",
}
# Heads a *lower-case* noun phrase may end with and still be a name ("Manufacturing data platform");
# "policy", "act", "law" and "deal" only count in Title Case.
SENTENCE_CASE_HEADS = frozenset(INSTRUMENT_HEADS) - {"policy", "act", "law", "deal", "bill", "code", "award"}
# A bullet that is only "<instrument noun> for <something>" names an instrument ("Grants for tools").
MEASURE_NOUNS = (
    "Support|Grants?|Subsid(?:y|ies)|Vouchers?|Loans?|Tax credits?|Tax incentives?|Funding|Financing|"
    "Training|Coaching|Consulting|Mentoring|Advice|Assistance|Incentives?|Guarantees?"
)
# Collective actors: (pattern, label). Names are the phrase in sentence case.
COLLECTIVES: tuple[tuple[str, str], ...] = (
    (
        r"(?:(?:other|different|several|various|relevant|line|all|sectoral|partner)\s+)?ministries"
        r"(?:\s+and\s+(?:other\s+)?(?:government|public)\s+(?:entities|bodies|agencies|departments|institutions))?",
        "Ministry",
    ),
    (
        r"(?:other|different|several|various|relevant)\s+(?:government|public)\s+"
        r"(?:entities|bodies|agencies|departments|institutions)",
        "Agency",
    ),
    (
        r"(?:regional|local|provincial|municipal|metropolitan|state|city|county|district)\s+"
        r"(?:governments|authorities|administrations|councils)|municipalities",
        "RegionalGovernment",
    ),
    (
        r"(?:the\s+)?private\s+sector|(?:large|big|private)\s+(?:firms|enterprises|companies|corporations|businesses)"
        r"|(?:business|industry|employers')\s+associations",
        "PrivateSector",
    ),
)
# Target groups: an optional modifier and a group noun; canonical names are plural, sentence case.
TARGET_CORES = (
    r"micro,\s+small\s+and\s+medium(?:-sized)?\s+enterprises|small\s+and\s+medium(?:-sized)?\s+enterprises"
    r"|MSMEs|SMEs|SMBs|MSME|SME|micro-?enterprises?|start-?ups|entrepreneurs|young\s+people|youth"
    r"|jobseekers|job\s+seekers|graduates|farmers|exporters|artisans|self-employed\s+workers"
)
TARGET_MODIFIERS = (
    r"manufacturing|service|services|digital|innovative|rural|urban|local|young|female|women-led|women"
    r"|tech|technology|high-tech|high-growth|export|exporting|family|craft|retail|tourism|agricultural|creative"
    r"|social|green|traditional|vulnerable|disadvantaged|unemployed|low-income|older|senior|new|existing"
    r"|[a-z]+(?:-[a-z]+)+"
)
TARGET_BUSINESS_NOUNS = r"businesses|firms|enterprises|companies|shops|traders|retailers|merchants"
# Words that start a sentence or a title but never a name ("Formerly the …", "Overview of …").
STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "under",
        "formerly",
        "since",
        "both",
        "each",
        "its",
        "their",
        "this",
        "these",
        "that",
        "those",
        "our",
        "however",
        "then",
        "also",
        "and",
        "or",
        "but",
        "overview",
        "promotion",
        "evolution",
        "role",
        "summary",
        "introduction",
        "integration",
        "example",
        "examples",
        "focus",
        "support",
        "recent",
        "new",
        "current",
        "former",
        "today",
        "currently",
        "meanwhile",
        "moreover",
        "thereafter",
        "later",
        "after",
        "before",
        "while",
        "when",
        "where",
        "as",
        "through",
        "via",
        "during",
        "between",
        "among",
    ]
)
# Words a lower-case instrument name never contains (function words and relation verbs).
STOP = (
    r"the|a|an|its|their|his|her|our|your|this|that|these|those|which|who|whose|is|are|was|were|be|been"
    r"|being|has|have|had|will|would|can|could|should|may|might|must|do|does|did|to|by|with|from|of|as"
    r"|at|than|then|it|they|we|he|she|in|on|into|under|through|via|after|before|since|until|while|where"
    r"|when|also|not|no|such|each|every|other|own|both|either|or|but|if|so|e\.g|i\.e|leads|runs|spearheads"
    r"|oversees|implements|administers|manages|operates|delivers|provides|funds|supports|targets|includes"
    r"|aims|helps|becomes|became|replaced|replaces|merged|created|introduced|launched|enacted|adopted"
    r"|established|led|run|ran|called|named|known|formerly"
)

_CW = r"(?:[A-Z\u00c0-\u00de0-9](?:[\w'&]|[.-](?=\w))*)"  # a capitalised word, an acronym or a number
_ACTOR_HEAD_RE = "|".join(sorted(ACTOR_HEADS, key=len, reverse=True))
_INSTR_TITLE = "|".join(sorted((h.capitalize() for h in INSTRUMENT_HEADS), key=len, reverse=True))
_SC_HEADS = "|".join(sorted(SENTENCE_CASE_HEADS, key=len, reverse=True))
_TAIL = rf"(?:the\s+)?{_CW}(?:(?:\s*,\s*|\s+(?:and|&)\s+(?!(?:the\s+)?(?:{_ACTOR_HEAD_RE})\b)|\s+){_CW})*"
_LAW_TAIL = rf"(?:the\s+)?{_CW}(?:(?:\s+(?:(?:of|the|and|for|on|in|to|&)\s+)+|\s+|\s*,\s*){_CW})*"

# Names are found head first: a head noun, then the capitalised words before it (walked back in
# Python over a handful of tokens) and an "of …"/"for …" tail matched forward. Scanning a statement
# for every capitalised run with a backtracking pattern was quadratic in Title-Case headings.
_TOKEN = re.compile(r"[\w&'-]+(?:\.[\w&'-]+)*|[^\w\s]")
_ACTOR_TAIL = re.compile(rf"\s+(?:of|for|on)\s+{_TAIL}")
_LAW_HEADS = frozenset(("Act", "Law", "Code", "Decree", "Ordinance", "Regulation", "Directive", "Bill"))
_LAW_TAIL_AFTER = re.compile(rf"\s+(?:on|of|for|concerning|regarding|relating\s+to)\s+{_LAW_TAIL}")
_INSTRUMENT_TITLE_HEADS = frozenset(h.capitalize() for h in INSTRUMENT_HEADS)
_STOP_WORDS = frozenset(STOP.replace("\\", "").split("|")) | {"e.g", "i.e"}
_MAX_NAME_WORDS = 7  # words before an instrument's head noun
_QUOTED = re.compile(r'"([^"\n]{2,160}?)"')
_ABBREVIATION = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.-]*[A-Z][A-Za-z0-9&-]*s?)\s*\)")
_ACRONYM = re.compile(r"(?<![\w@-])([A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*)(?![\w@-])")
_REFERENCE = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Tt]his|[Tt]hat|said|[Ii]ts|[Tt]heir)\s+(?P<head>(?:"
    + _ACTOR_HEAD_RE
    + "|"
    + _SC_HEADS
    + r"|law|act|Act|Law|Strategy|Programme|Program|Plan|Project|Platform)(?![\w-]))"
    + r"(?!\s+(?:of|for|on)\s+[A-Z])"
)
_MEASURE = re.compile(rf"^(?P<name>(?:{MEASURE_NOUNS})\s+(?:for|to|on|towards)\s+[a-z0-9][\w\s,'&-]{{2,80}})$")
_COLLECTIVE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(COLLECTIVES)) + r")(?![\w-])",
    re.I,
)
_TARGET = re.compile(
    rf"(?<![\w-])(?:(?P<mod>{TARGET_MODIFIERS})\s+)?(?P<core>{TARGET_CORES})(?![\w-])(?:'s|')?"
    rf"(?:\s*\(\s*(?:aged\s+)?(?P<age1>\d\d)\s*-\s*(?P<age2>\d\d)\s*\)|\s+aged\s+(?P<age3>\d\d)\s*"
    rf"(?:-|to)\s*(?P<age4>\d\d))?"
    rf"|(?<![\w-])(?P<bmod>[a-z]+(?:-[a-z]+)+)\s+(?P<bnoun>{TARGET_BUSINESS_NOUNS})(?![\w-])"
)

_TARGET_IN_NAME = re.compile(
    rf"(?<![\w-])(?P<mod>)(?P<core>{TARGET_CORES})(?![\w-])(?P<age1>)?(?P<age2>)?(?P<age3>)?"
    rf"(?P<age4>)?(?P<bmod>)?(?P<bnoun>)?",
    re.I,
)


class Candidate(NamedTuple):
    """A mention found in a statement's text.

    ``kind``: ``name`` (recognised by its head), ``quoted``, ``measure``, ``collective``, ``target``,
    ``country``, ``reference`` (e.g. "the strategy": resolved later) or ``acronym`` (a bare
    abbreviation: linked later if the document defined it). A named tuple: thousands are made per
    megabyte, and a tuple is made several times faster than a frozen dataclass.
    """

    start: int
    end: int
    type: str
    name: str
    kind: str
    alias: str | None = None
    head: str | None = None


def lexicon(schema: Schema | None = None) -> frozenset[str]:
    """The schema labels the lexicon uses, each checked against the schema (raises if one is missing)."""
    schema = schema or load_schema()
    labels = set(ACTOR_HEADS.values()) | set(INSTRUMENT_HEADS.values()) | {lbl for _, lbl in COLLECTIVES}
    labels |= {"TargetGroup", "Country", "InternationalOrganization", "RegionalGovernment", "Government"}
    for label in labels:
        schema.check_label(label)
    return frozenset(labels)


COUNTRIES_PATH = Path(__file__).with_name("countries.tsv")


# --- countries (data) -----------------------------------------------------------------------------
@dataclass(frozen=True)
class CountryNames:
    by_name: dict[str, tuple[str, str]]  # any name -> (code, canonical name)
    pattern: re.Pattern[str]
    first_words: frozenset[str]  # lower-cased first words of every name: a cheap pre-test
    # first word -> the names it begins: a statement holding none of them whole needs no scan
    by_first_word: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def may_occur(self, tokens: set[str] | frozenset[str], text: str) -> bool:
        """Whether ``text`` (whose lower-cased words are ``tokens``) may name a country: a first word
        and then a whole name as a substring; the pattern runs only then."""
        hits = tokens & self.first_words
        return bool(hits) and any(name in text for word in hits for name in self.by_first_word.get(word, ()))


@cache
def countries(path: Path = COUNTRIES_PATH) -> CountryNames:
    """Country names from ``countries.tsv`` (code, canonical name, other names), as one pattern."""
    by_name: dict[str, tuple[str, str]] = {}
    for line in path.read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, *rest = line.split("\t")
        for n in (name, *(rest[0].split("|") if rest and rest[0] else ())):
            by_name[n] = (code, name)
    alternatives = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
    by_first: dict[str, list[str]] = {}
    for n in by_name:
        for w in n.lower().translate(_PUNCT_TO_SPACE).split()[:1]:
            by_first.setdefault(w, []).append(n)
    return CountryNames(
        by_name,
        re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])(?!\s+(?:{_ACTOR_HEAD_RE}))"),
        frozenset(by_first),
        {w: tuple(ns) for w, ns in by_first.items()},
    )


# --- names ----------------------------------------------------------------------------------------------
_SPACE = re.compile(r"\s+")


# Names recur through a document and a corpus: each spelling is normalised once (a memo per process,
# emptied when it grows past _MEMO_SIZE so a long run over many documents stays bounded).
_MEMO_SIZE = 200_000
_CANONICAL: dict[str, str] = {}
_KEYS: dict[str, str] = {}


def canonical_name(text: str) -> str:
    """A name as the graph keeps it: no leading "the", plain quotes and spaces, "&" spelt "and".

    >>> canonical_name('the  Ministry of Ports & Harbours ')
    'Ministry of Ports and Harbours'
    """
    done = _CANONICAL.get(text)
    if done is not None:
        return done
    name = _SPACE.sub(" ", text.replace('"', "").replace(" & ", " and ")).strip(" ,;:.-'")
    if name[:4].lower() == "the ":
        name = name[4:]
    if len(_CANONICAL) >= _MEMO_SIZE:
        _CANONICAL.clear()
    _CANONICAL[text] = name
    return name


def name_key(text: str) -> str:
    """What two spellings of one name have in common (for linking): case, dashes, "the", "&" ignored.

    >>> name_key("The Ministry of Ports & Harbours") == name_key("ministry of ports and harbours")
    True
    """
    done = _KEYS.get(text)
    if done is not None:
        return done
    key = canonical_name(text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")).casefold()
    if len(_KEYS) >= _MEMO_SIZE:
        _KEYS.clear()
    _KEYS[text] = key
    return key


def _strip_starters(words: list[str]) -> list[str]:
    while words and words[0].lower() in STARTERS:
        words = words[1:]
    return words


_ACRONYM_WORD = re.compile(r"^[A-Z][a-z]*[A-Z][A-Za-z]*$")


def _cut_after_acronym(words: list[str]) -> list[str]:
    """ "MoT and Storm Board" names the Storm Board: an abbreviation before "and" is another body."""
    for i in range(len(words) - 1, 0, -1):
        if words[i] in ("and", "&") and _ACRONYM_WORD.match(words[i - 1]):
            return words[i + 1 :]
    return words


def _sentence_case(text: str) -> str:
    text = _SPACE.sub(" ", text.strip())
    if text[:4].lower() == "the ":
        text = text[4:]
    lowered = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in text.split(" "))
    return lowered[:1].upper() + lowered[1:]


def _trim_tail(tail: str) -> str:
    """A tail with a comma keeps it only as part of a list closed by "and" ("Trade, Industry and Energy")."""
    if "," in tail:
        last = tail.rfind(",")
        if " and " not in tail[last:] and " & " not in tail[last:]:
            tail = tail[: tail.find(",")]
    return tail.rstrip(" ,")


def _actor_type(head: str, prefix_words: list[str], tail: str) -> str:
    label = ACTOR_HEADS[head]
    words = set(prefix_words) | set(tail.split())
    if label in ("Agency", "Government") and words & REGIONAL_WORDS:
        return "RegionalGovernment"
    if head in ("Organisation", "Organization", "Bank", "Commission", "Council") and (
        words & INTERNATIONAL_WORDS or "Co-operation" in words or "Cooperation" in words
    ):
        return "InternationalOrganization"
    return label


def _target_name(m: re.Match[str]) -> str:
    if m["bnoun"]:
        return _sentence_case(f"{m['bmod']} {m['bnoun']}")
    core = _SPACE.sub(" ", m["core"])
    low = core.lower()
    if low.startswith("micro,") or low == "msme" or low == "msmes":
        core = "MSMEs"
    elif low.startswith("small and medium") or low == "sme" or low == "smes":
        core = "SMEs"
    elif low.startswith("micro"):
        core = "micro-enterprises"
    elif low in ("youth", "young people"):
        core = low
    elif not low.endswith("s") and low != "self-employed workers":
        core = core + "s"
    name = f"{m['mod']} {core}" if m["mod"] else core
    age = (m["age1"], m["age2"]) if m["age1"] else (m["age3"], m["age4"]) if m["age3"] else None
    if age:
        name = f"{name} aged {age[0]}-{age[1]}"
    return name[:1].upper() + name[1:]


def targets_in_name(name: str) -> list[str]:
    """Target groups an instrument's own name names ("SME export voucher scheme" → SMEs).

    >>> targets_in_name("Youth Sailing Grant"), targets_in_name("Act on Small and Medium Enterprises")
    (['Youth'], ['SMEs'])
    """
    return [_target_name(m) for m in _TARGET_IN_NAME.finditer(name) if not m["bnoun"]]


# --- recognition -------------------------------------------------------------------------------------------
# Words whose presence lets a family of patterns match at all: a set test per statement (C speed)
# spares running patterns that cannot match, which is most of them on most lines.
_PUNCT_TO_SPACE = str.maketrans({c: " " for c in "()[]{}\"',;:.!?/"})
_ACTOR_TRIGGERS = frozenset(h.lower() for h in ACTOR_HEADS)
_LAW_TRIGGERS = frozenset(("act", "law", "code", "decree", "ordinance", "regulation", "directive", "bill"))
_INSTRUMENT_TRIGGERS = frozenset(INSTRUMENT_HEADS)
_REFERENCE_TRIGGERS = _ACTOR_TRIGGERS | _INSTRUMENT_TRIGGERS
_COLLECTIVE_TRIGGERS = frozenset(
    [
        "ministries",
        "governments",
        "authorities",
        "administrations",
        "councils",
        "municipalities",
        "sector",
        "firms",
        "enterprises",
        "companies",
        "corporations",
        "businesses",
        "associations",
        "entities",
        "bodies",
        "agencies",
        "departments",
        "institutions",
    ]
)
_TARGET_TRIGGERS = frozenset(
    [
        "smes",
        "msmes",
        "smbs",
        "msme",
        "sme",
        "micro-enterprises",
        "micro-enterprise",
        "microenterprises",
        "microenterprise",
        "startups",
        "start-ups",
        "entrepreneurs",
        "youth",
        "people",
        "jobseekers",
        "seekers",
        "graduates",
        "farmers",
        "exporters",
        "artisans",
        "workers",
        "enterprises",
        "businesses",
        "firms",
        "companies",
        "shops",
        "traders",
        "retailers",
        "merchants",
    ]
)
_MEASURE_TRIGGERS = frozenset(w.split("?")[0].split("(")[0].lower() for w in MEASURE_NOUNS.split("|")) | {
    "grants",
    "subsidies",
    "vouchers",
    "loans",
    "incentives",
    "guarantees",
    "tax",
}


def find_candidates(
    text: str, bullet: bool = False, acronyms: frozenset[str] | set[str] | None = None
) -> list[Candidate]:
    """Non-overlapping mentions in ``text``, left to right (the longest wins where two overlap).

    ``bullet`` says the text is a whole bullet, where a bare "Grants for …" names an instrument.
    ``acronyms``, when given, are the abbreviations the document has defined so far: only those are
    looked for as bare mentions (without it, every acronym-shaped word is a candidate).
    """
    found: list[Candidate] = []
    has_upper = not text.islower()
    low = text.lower()
    tokens = set(low.translate(_PUNCT_TO_SPACE).split())
    if '"' in text:
        for m in _QUOTED.finditer(text):
            inner = canonical_name(m[1])
            words = inner.split()
            if not inner or len(words) > 16 or not (inner[0].isupper() or inner[0].isdigit() or "-" in inner):
                continue
            first, last = words[0], words[-1].rstrip(".,")
            if first in ("Act", "Law") or last.lower() in ("act", "law"):
                label = "Law"
            elif last in ACTOR_HEADS:
                label = _actor_type(last, words[:-1], "")
            elif last.lower() in INSTRUMENT_HEADS:
                label = INSTRUMENT_HEADS[last.lower()]
            elif first in ACTOR_HEADS and len(words) > 2 and words[1] in ("of", "for"):
                label = _actor_type(first, [], " ".join(words[1:]))
            else:
                label = "Programme"  # a quoted title without a head noun names an instrument
            alias = None
            if am := _ABBREVIATION.match(text, m.end()):
                alias = am[1]
            head = last.lower() if last.lower() in INSTRUMENT_HEADS else (last if last in ACTOR_HEADS else None)
            found.append(Candidate(m.start(), m.end(), label, inner, "quoted", alias, head))
    if has_upper and not tokens.isdisjoint(_REFERENCE_TRIGGERS):  # the actor and instrument heads
        found += _named(text)
    if bullet and not tokens.isdisjoint(_MEASURE_TRIGGERS) and (mm := _MEASURE.match(text.rstrip(". "))):
        found.append(Candidate(0, mm.end("name"), "Programme", canonical_name(mm["name"]), "measure"))
    if not tokens.isdisjoint(_COLLECTIVE_TRIGGERS):
        for m in _COLLECTIVE.finditer(text):
            label = next(COLLECTIVES[i][1] for i in range(len(COLLECTIVES)) if m[f"c{i}"])
            found.append(Candidate(m.start(), m.end(), label, _sentence_case(m[0]), "collective"))
    if not tokens.isdisjoint(_TARGET_TRIGGERS):
        for m in _TARGET.finditer(text):
            found.append(Candidate(m.start(), m.end(), "TargetGroup", _target_name(m), "target"))
    if has_upper:
        names = countries()
        if not tokens.isdisjoint(names.first_words) and names.may_occur(tokens, text):
            for m in names.pattern.finditer(text):
                _, canonical = names.by_name[m[0]]
                alias = m[0] if m[0] != canonical else None
                found.append(Candidate(m.start(), m.end(), "Country", canonical, "country", alias=alias))
        if acronyms is None:
            for m in _ACRONYM.finditer(text):
                found.append(Candidate(m.start(), m.end(), "", m[1], "acronym"))
        elif acronyms and any(a in text for a in acronyms):
            for acronym in set(text.translate(_PUNCT_TO_SPACE).split()) & acronyms:
                for m in _acronym_pattern(acronym).finditer(text):
                    found.append(Candidate(m.start(), m.end(), "", acronym, "acronym"))
    if not tokens.isdisjoint(_REFERENCE_TRIGGERS):
        for m in _REFERENCE.finditer(text):
            found.append(Candidate(m.start(), m.end(), "", m["head"], "reference", head=m["head"]))
    return _non_overlapping(found, text)


_ACRONYM_PATTERNS: dict[str, re.Pattern[str]] = {}


def _acronym_pattern(acronym: str) -> re.Pattern[str]:
    """The pattern of one bare abbreviation, compiled once."""
    pattern = _ACRONYM_PATTERNS.get(acronym)
    if pattern is None:
        if len(_ACRONYM_PATTERNS) >= _MEMO_SIZE:
            _ACRONYM_PATTERNS.clear()
        pattern = _ACRONYM_PATTERNS[acronym] = re.compile(rf"(?<![\w@-]){re.escape(acronym)}(?![\w@-])")
    return pattern


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


_ANY_HEAD = frozenset(ACTOR_HEADS) | _LAW_HEADS | SENTENCE_CASE_HEADS | _INSTRUMENT_TITLE_HEADS


def _named(text: str) -> list[Candidate]:
    """Actors, laws and instruments named by a head noun (see the comment above ``_TOKEN``)."""
    words = _TOKEN.findall(text)
    # (start, end, word) of the words up to the latest head, found as needed: tokens cover every
    # character but white space, so each word starts at its first occurrence after the one before.
    toks: list[tuple[int, int, str]] = []
    pos = 0
    out: list[Candidate] = []
    for h, head in enumerate(words):
        if head not in _ANY_HEAD:
            continue
        for w in words[len(toks) : h + 1]:
            start = text.find(w, pos)
            pos = start + len(w)
            toks.append((start, pos, w))
        if head in ACTOR_HEADS:
            out += _actor_at(text, toks, h)
        if head in _LAW_HEADS:
            out += _law_at(text, toks, h)
        if head in SENTENCE_CASE_HEADS or head in _INSTRUMENT_TITLE_HEADS:
            out += _instrument_at(text, toks, h)
    return out


def _actor_at(text: str, toks: list[tuple[int, int, str]], h: int) -> list[Candidate]:
    hs, he, head = toks[h]
    first = h
    j = h - 1
    while j >= 0:
        w = toks[j][2]
        if _capitalised(w) and toks[j][1] + 1 <= toks[j + 1][0]:
            first = j
        elif w in ("and", "&") and j > 0 and _capitalised(toks[j - 1][2]) and first == j + 1:
            pass
        else:
            break
        j -= 1
    pre = [t[2] for t in toks[first:h]]
    kept = _cut_after_acronym(_strip_starters(pre))
    m = _ACTOR_TAIL.match(text, he)
    tail = _trim_tail(m[0]) if m else ""
    if not kept and not tail:
        return []  # a bare "Office": a reference, resolved elsewhere
    start = toks[h - len(kept)][0] if kept else hs
    name = " ".join([*kept, head]) + tail
    return [Candidate(start, he + len(tail), _actor_type(head, kept, tail), canonical_name(name), "name", head=head)]


def _law_at(text: str, toks: list[tuple[int, int, str]], h: int) -> list[Candidate]:
    hs, he, head = toks[h]
    first = h
    while first > 0 and _capitalised(toks[first - 1][2]) and toks[first - 1][2].isalnum():
        first -= 1
    kept = _strip_starters([t[2] for t in toks[first:h]])
    m = _LAW_TAIL_AFTER.match(text, he)
    tail = m[0].rstrip(" ,") if m else ""
    if not kept and not tail:
        return []
    start = toks[h - len(kept)][0] if kept else hs
    end = he + len(tail)
    return [Candidate(start, end, "Law", canonical_name(text[start:end]), "name", head=head)]


def _middle_word(word: str) -> bool:
    """Whether a word may stand inside a lower-case instrument name ("… data platform")."""
    if not (word[0].isalnum() or word[0] in "&'"):
        return False
    if word in _STOP_WORDS or word in SENTENCE_CASE_HEADS:
        return False
    return not (word.islower() and word.endswith(("ed", "ly")))


def _instrument_at(text: str, toks: list[tuple[int, int, str]], h: int) -> list[Candidate]:
    hs, he, head = toks[h]
    start_index = None
    j = h - 1
    while j >= 0 and h - j <= _MAX_NAME_WORDS:
        w = toks[j][2]
        if not (w[0].isalnum() or w[0] in "&'"):
            break
        if _capitalised(w):
            start_index = j
        if not _middle_word(w):
            break
        j -= 1
    if start_index is None:
        return []
    words = [t[2] for t in toks[start_index:h]]
    kept = _strip_starters(words)
    if not kept or not _capitalised(kept[0]) or kept[0] in ACTOR_HEADS:
        return []
    start = toks[h - len(kept)][0]
    tail = ""
    if head[0].isupper() and (m := _ACTOR_TAIL.match(text, he)):
        tail = _trim_tail(m[0])
    end = he + len(tail)
    key = head.lower()
    return [Candidate(start, end, INSTRUMENT_HEADS[key], canonical_name(text[start:end]), "name", head=key)]


_KIND_RANK = {
    "quoted": 0,
    "measure": 1,
    "name": 2,
    "collective": 3,
    "target": 4,
    "country": 5,
    "reference": 6,
    "acronym": 7,
}


def _non_overlapping(found: list[Candidate], text: str) -> list[Candidate]:
    if not found:
        return found
    found.sort(key=lambda c: (c.start, -(c.end - c.start), _KIND_RANK[c.kind]))
    kept: list[Candidate] = []
    taken_end = -1
    for c in found:
        if c.start < taken_end or c.end <= c.start:
            # A longer mention already covers it: a quoted title wins over the names inside it.
            continue
        if c.kind in ("name", "quoted") and c.alias is None and (am := _ABBREVIATION.match(text, c.end)):
            abbr = am[1]
            if not abbr.isdigit() and not abbr.startswith("Article"):
                c = Candidate(c.start, c.end, c.type, c.name, c.kind, abbr, c.head)
        kept.append(c)
        taken_end = c.end
        if c.alias is not None and (am := _ABBREVIATION.match(text, c.end)):
            taken_end = am.end()  # the abbreviation in parentheses is part of this mention
    return kept
