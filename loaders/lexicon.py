"""The lexicon: the words that drive reading, loaded once from ``reading.yaml``, and the basic forms of names.

Head nouns by the schema label they give, the word lists of name recognition, the countries
(``countries.tsv``), and how a name is written down (:func:`canonical_name`) and compared
(:func:`name_key`). Everything here is data or a pure function of it; :mod:`loaders.entities` and
:mod:`loaders.shapes` recognise names with it, :mod:`loaders.clauses` reads relations with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache, wraps
from pathlib import Path
from typing import NamedTuple, ParamSpec, TypeVar

import yaml

from graph.model.schema import Schema, load_schema

# --- the lexicon (reading.yaml): head nouns and the schema label they give, and the word lists -------
READING_PATH = Path(__file__).with_name("reading.yaml")
READING: dict = yaml.safe_load(READING_PATH.read_text("utf-8"))  # the rules as data, parsed once per process
_LEXICON = READING["lexicon"]
ACTOR_HEADS: dict[str, str] = {h: label for label, heads in _LEXICON["actor_heads"].items() for h in heads}
NETWORK_HEADS = frozenset(_LEXICON["network_heads"])
REGIONAL_WORDS = frozenset(_LEXICON["regional_words"])
INTERNATIONAL_WORDS = frozenset(_LEXICON["international_words"])
INSTRUMENT_HEADS: dict[str, str] = {
    h: label for label, heads in _LEXICON["instrument_heads"].items() for h in heads
}
SENTENCE_CASE_HEADS = frozenset(INSTRUMENT_HEADS) - frozenset(_LEXICON["title_case_only"])
MEASURE_NOUNS: str = _LEXICON["measure_nouns"]
COLLECTIVES: tuple[tuple[str, str], ...] = tuple((c["pattern"], c["type"]) for c in _LEXICON["collectives"])
KEPT_COLLECTIVES = frozenset(i for i, c in enumerate(_LEXICON["collectives"]) if c.get("kept"))
TARGET_CORES: str = _LEXICON["target_cores"]
TARGET_MODIFIERS: str = _LEXICON["target_modifiers"]
TARGET_BUSINESS_NOUNS: str = _LEXICON["target_business_nouns"]
TARGET_SIZES: str = _LEXICON["target_sizes"]
TARGET_BUSINESS_MODIFIERS: str = _LEXICON["target_business_modifiers"]
STARTERS = frozenset(_LEXICON["starters"])
STOP_WORDS = frozenset(_LEXICON["stop_words"])
STOP = "|".join(re.escape(w) for w in _LEXICON["stop_words"])
DESCRIBED_HEADS = frozenset(_LEXICON["described_heads"])
GENERIC_MODIFIERS = frozenset(_LEXICON["generic_modifiers"])
COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}  # "two agencies", "both ministries"
# Head nouns of every kind, and the abbreviation in parentheses after a name ("(PSA)", "(DG PORTS)").
LAW_HEADS = frozenset(
    ("Act", "Law", "Code", "Decree", "Ordinance", "Regulation", "Directive", "Bill", "Decree-Law", "Decision")
)
INSTRUMENT_TITLE_HEADS = frozenset(h.capitalize() for h in INSTRUMENT_HEADS)
# The capital letters of the Latin alphabets names are written in, for a character class: "TÜBİK" and "ČMZ"
# are abbreviations as "MPS" is.
CAPITALS = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
# A state's or a province's code after a name ("Service NRW", "Harbour Business QC"): two or three capitals.
STATE_CODE = "[A-Z]{2,3}"
INITIALS = re.compile(r"[A-Z](?:\.[A-Z])+")  # "U.S", "E.U": a country's initials (the last full stop apart)
ABBREVIATION = re.compile(  # "(MPS)", "(DG PORTS)", "(MPS; Norlandic: Havneministeriet)", "(NEP 2030)", "(TÜBİK)"
    rf"\s*\(\s*([{CAPITALS}][\w&.+-]*[{CAPITALS}][\w&-]*(?:s|\+)?(?:\s[{CAPITALS}]{{2,}}[{CAPITALS}0-9&-]*)?"
    r"(?:\s(?:19|20)\d\d)?)\s*(?:;[^()]*)?\)"
)
ANY_HEAD = frozenset(ACTOR_HEADS) | LAW_HEADS | SENTENCE_CASE_HEADS | INSTRUMENT_TITLE_HEADS
# The words that open a name's tail after its head, in the languages names are written in ("Ministry of
# …", "Ministerio de …", "Bundesministerium für …").
TAIL_OPENERS = "of|for|on|de|des|du|del|di|für|van|voor|per|della|delle|dello|dei|degli|da|do|dos|das|para|pour|zur|zum"

PUNCT_TO_SPACE = str.maketrans({c: " " for c in "()[]{}\"',;:.!?/"})


def alternation(words: Iterable[str]) -> str:
    """Words as one regex alternation, escaped, the longest first (so "funds" wins over "fund").

    >>> alternation(["fund", "funds", "plan"])
    'funds|fund|plan'
    """
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def spells(abbreviation: str, name: str) -> bool:
    """Whether an abbreviation's letters are initials of the name's words, in order.

    >>> spells("QCF", "Quay Connect Fund"), spells("MSME", "Office of the Development Commissioner")
    (True, False)
    """
    initials = iter(w[0].lower() for w in name.split() if w[0].isalpha())
    return all(any(i == letter for i in initials) for letter in abbreviation.lower() if letter.isalpha())


ACTOR_HEAD_RE = alternation(ACTOR_HEADS)

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


ORGANISATIONS_PATH = Path(__file__).with_name("organisations.tsv")


def organisations() -> CountryNames:
    """International organisations' names from ``organisations.tsv``, read as countries are."""
    return countries(ORGANISATIONS_PATH)


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
    alternatives = alternation(by_name)
    by_first: dict[str, list[str]] = {}
    for n in by_name:
        for w in n.lower().translate(PUNCT_TO_SPACE).split()[:1]:
            by_first.setdefault(w, []).append(n)
    return CountryNames(
        by_name,
        re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])(?!\s+(?:{ACTOR_HEAD_RE}))"),
        frozenset(by_first),
        {w: tuple(ns) for w, ns in by_first.items()},
    )


# --- names ----------------------------------------------------------------------------------------------
SPACE = re.compile(r"\s+")


# Names recur through a document and a corpus: each spelling is normalised once (a memo per process,
# emptied when it grows past MEMO_SIZE so a long run over many documents stays bounded).
MEMO_SIZE = 200_000
_CANONICAL: dict[str, str] = {}
_KEYS: dict[str, str] = {}


# How to empty each memo of the reading: a benchmark times a process that has read nothing yet.
MEMOS: list[Callable[[], None]] = [_CANONICAL.clear, _KEYS.clear]


def forget_memos() -> None:
    """Empty every memo of the reading (names, mentions, templated statements)."""
    for clear in MEMOS:
        clear()


_P = ParamSpec("_P")
_T = TypeVar("_T")


def memoised(fn: Callable[_P, list[_T]]) -> Callable[_P, list[_T]]:
    """A pure function of strings that recur (a templated statement) computed once per argument list
    and process (MEMO_SIZE kept, least recently used dropped); each call gets a list of its own."""
    cached = lru_cache(maxsize=MEMO_SIZE)(lambda *a, **kw: tuple(fn(*a, **kw)))
    MEMOS.append(cached.cache_clear)
    once: Callable[..., tuple[_T, ...]] = cached

    @wraps(fn)
    def call(*args: _P.args, **kwargs: _P.kwargs) -> list[_T]:
        return list(once(*args, **kwargs))

    return call


def recurring_matches(pattern: re.Pattern[str]) -> Callable[[str], tuple[re.Match[str], ...]]:
    """``pattern.finditer`` for a reading that looks a statement's words up in what the document has
    read so far: the statement recurs (a repeated slide), the scan is done once (MEMO_SIZE kept)."""
    found = lru_cache(maxsize=MEMO_SIZE)(lambda text: tuple(pattern.finditer(text)))
    MEMOS.append(found.cache_clear)
    return found


def canonical_name(text: str) -> str:
    """A name as the graph keeps it: no leading "the", plain quotes and spaces, "&" spelt "and".

    >>> canonical_name('the  Ministry of Ports & Harbours ')
    'Ministry of Ports and Harbours'
    """
    done = _CANONICAL.get(text)
    if done is not None:
        return done
    name = SPACE.sub(" ", text.replace('"', "").replace(" & ", " and ")).strip(" ,;:.-'")
    if name[:4].lower() == "the ":
        name = name[4:]
    if len(_CANONICAL) >= MEMO_SIZE:
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
    if len(_KEYS) >= MEMO_SIZE:
        _KEYS.clear()
    _KEYS[text] = key
    return key


def strip_starters(words: list[str]) -> list[str]:
    while words and words[0].lower() in STARTERS and not begins_country(words):
        if len(words) > 2 and words[1] in ("and", "&") and words[0][:1].isupper():
            break  # "Docks and Piers Division": a noun joined to the next, not a verb opening a sentence
        words = words[1:]
    return words


def owner_in_name(word: str) -> bool:
    """Whether an owner's word ("Minister's", "Women's") stays in the name it opens: an office-holder's or a
    group's (``person_titles`` and ``owners_in_names`` of reading.yaml), not a body's ("Norland's plan")."""
    bare = word[:-2] if word.endswith(("'s", "\u2019s")) else word
    return bare in reading_words().person_titles or bare in _OWNERS_IN_NAMES


_OWNERS_IN_NAMES = frozenset(READING["owners_in_names"])


def begins_country(words: list[str]) -> bool:
    """Whether the words open with a country's name (then "New" is part of the name, not a starter)."""
    text = " ".join(words[:4])
    return any(text.startswith(n) for n in countries().by_first_word.get(words[0].lower(), ()))



# --- names found by their shape alone (no head noun) ---------------------------------------------------
@dataclass(frozen=True)
class ReadingWords:
    """The word lists of ``reading.yaml`` that recognise names by shape."""

    connectors: frozenset[str]
    not_names: frozenset[str]
    inner_words: frozenset[str]
    actor_words: frozenset[str]
    modifier_nouns: frozenset[str]
    part_nouns: frozenset[str]
    named_part_nouns: tuple[str, ...]
    parent_columns: tuple[str, ...]
    body_nouns: tuple[str, ...]
    umbrella_nouns: tuple[str, ...]
    role_labels: dict[str, str]  # a role's label, lower-cased -> the relation its bodies stand in
    body_labels: dict[str, str]  # an infobox label, lower-cased -> parent, children, predecessors, successors
    compass_words: frozenset[str]
    document_nouns: frozenset[str]  # the last words of document titles included
    document_titles: tuple[str, ...]
    place_nouns: frozenset[str]
    person_titles: frozenset[str]
    person_roles: tuple[str, ...]
    person_verbs: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    default_actor: str
    default_instrument: str
    catalogue_headings: tuple[str, ...]
    in_name_openers: frozenset[str]
    target_columns: frozenset[str]


@cache
def reading_words() -> ReadingWords:
    """``reading.yaml``'s lists of name recognition; its labels are checked against the schema."""
    data = READING
    schema = load_schema()
    for label in (data["default_actor"], data["default_instrument"]):
        schema.check_label(label)
    for relation in data["role_labels"]:
        schema.check_relationship_type(relation)
    return ReadingWords(
        frozenset(data["name_connectors"]),
        frozenset(str(w) for w in data["not_name_words"]),
        frozenset(data["name_inner_words"]),
        frozenset(data["actor_name_words"]),
        frozenset(data["modifier_nouns"]),
        frozenset(data["part_nouns"]),
        tuple(data["named_part_nouns"]),
        tuple(data["parent_columns"]),
        tuple(data["body_nouns"]),
        tuple(data["umbrella_nouns"]),
        {label: rel for rel, labels in data["role_labels"].items() for label in labels},
        {label: role for role, labels in data["body_labels"].items() for label in labels},
        frozenset(data["compass_words"]),
        frozenset([*data["document_nouns"], *(title.split()[-1] for title in data["document_titles"])]),
        tuple(data["document_titles"]),
        frozenset(data["place_nouns"]),
        frozenset(data["person_titles"]),
        tuple(data["person_roles"]),
        tuple(data["person_verbs"]),
        tuple(data["speech_verbs"]),
        data["default_actor"],
        data["default_instrument"],
        tuple(data["catalogue_headings"]),
        frozenset(data["in_name_openers"]),
        frozenset(data["target_columns"]),
    )


