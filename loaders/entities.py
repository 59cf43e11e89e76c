"""Recognise entity mentions in a statement: all the readings of its words, the longest kept.

A name is recognised by its *head noun* ("Ministry of …", "… Agency", "… Act", "… strategy",
"… programme"), by quotation marks around a title, by parentheses binding an abbreviation, by its
shape alone (:mod:`loaders.shapes`), or — for collective actors and target groups — by a lexicon of
plural nouns ("regional governments", "chambers of commerce", "small businesses"); references ("the
ministry"), pronouns and defined abbreviations are mentions too, resolved by the reader. No list of
known bodies is used: the words are data (:mod:`loaders.lexicon`, ``reading.yaml``), the countries are
``countries.tsv``, and a gazetteer a caller passes only *links* mentions.

>>> text = 'The Port Safety Agency (PSA) runs the "Blue Harbour Programme".'
>>> [(c.type, c.name, c.alias) for c in find_candidates(text)]
[('Agency', 'Port Safety Agency', 'PSA'), ('Programme', 'Blue Harbour Programme', None)]
"""

from __future__ import annotations

import functools
import re
from functools import cache

from loaders.aliases import named_before, short_name, spelt_before
from loaders.groups import groups
from loaders.head_names import DASHES, capitalised, head_named
from loaders.lexicon import (
    ACTOR_HEADS,
    ANY_HEAD,
    CAPITALS,
    INSTRUMENT_HEADS,
    MEASURE_NOUNS,
    MEMO_SIZE,
    MEMOS,
    PUNCT_TO_SPACE,
    READING,
    TAIL_OPENERS,
    Candidate,
    alternation,
    canonical_name,
    countries,
    organisations,
    owner_in_name,
    reading_words,
    spells,
    strip_starters,
)
from loaders.quoted import quoted_titles
from loaders.shapes import edition, shaped_names, shaped_type
from loaders.short_forms import TRIGGERS, short_forms
from loaders.text_tables import GLOSSARY_LINE, field_label_end

_ACRONYM = re.compile(rf"(?<![\w@+-])([{CAPITALS}][\w&+]*[{CAPITALS}][\w&]*)(?![\w@+-])")  # (and "B+P", "ČMZ")
_MEASURE = re.compile(rf"^(?P<name>(?:{MEASURE_NOUNS})\s+(?:for|to|on|towards)\s+[a-z0-9][\w\s,'&-]{{2,80}})$")


# --- recognition -------------------------------------------------------------------------------------------


_MEASURE_TRIGGERS = frozenset(w.split("?")[0].split("(")[0].lower() for w in MEASURE_NOUNS.split("|")) | {
    "grants",
    "subsidies",
    "vouchers",
    "loans",
    "incentives",
    "guarantees",
    "tax",
}


class Abbreviations(set[str]):
    """The abbreviations a document has defined so far, with those of two upper-case words ("DG NORTH")
    kept apart: they are looked for as written, the others word by word."""

    def __init__(self) -> None:
        super().__init__()
        self.spaced: list[str] = []

    def add(self, abbreviation: str) -> None:
        if abbreviation not in self and _two_words(abbreviation):
            self.spaced.append(abbreviation)
        super().add(abbreviation)


def undefined_abbreviations(texts: list[str]) -> frozenset[str]:
    """Abbreviations a document uses as names without ever spelling them out ("run by QIDÓ", "QIDÓ's
    vouchers"): acronym-shaped words used at least twice, never in a line in capitals (a letterhead), next to
    a number (a currency: "CZK 5 million") or as a shouted word the text also writes in lower case ("DIGITAL");
    that name nothing else (a country, a known organisation, a target group) and that no statement reads as
    another name's abbreviation or as a word inside a name ("Agency for Quays (AQ)", "AQ – Agency for Quays",
    "Ministry of ICT and Ports").
    """
    rw = reading_words()
    seen: dict[str, list[int]] = {}
    lowered: set[str] = set()
    defined: set[str] = set()
    for i, text in enumerate(texts):
        if text.isupper():
            continue
        lowered.update(_words(text))
        for m in _ACRONYM.finditer(text):
            if _IN_BRACKETS.match(text, m.end()) or _SPACED.match(text, m.end()) or _SPACED_BEFORE.search(
                    text, 0, m.start()) or text[m.end() : m.end() + 1] == ":":
                defined.add(m[1])  # "(Kredit Dermaga, KD)", "DG DOCKS", "NEW:": spelt out, part of another, or a label
            seen.setdefault(m[1], []).append(i)
    shaped = {a: at for a, at in seen.items()
              if (len(at) >= 2 or _called_a_body(texts[at[0]], a))
              and sum(ch.isupper() for ch in a) >= 3 and a not in rw.not_names and a not in defined
              and a.capitalize() not in lowered and a.lower() not in lowered and not _ROMAN.fullmatch(a)}
    out = set()
    for a, at in shaped.items():
        for i in dict.fromkeys(at):
            text = texts[i]
            spots = _bare(text, a)
            if any(_NUMBER_NEXT.match(text, e + len(a)) or _NUMBER_BEFORE.search(text, 0, e) for e in spots):
                break
            if any(c.alias == a or c.start <= e and e + len(a) <= c.end and (
                       c.end - c.start > len(a) or c.kind in _OTHER_READINGS)
                   or c.kind in _NAMING and (_APPOSED.fullmatch(text, e + len(a), c.start) or _APPOSED.fullmatch(
                       text, c.end, e))  # "QD4Q, the Quay Digital Hub," (or the reverse): a name it stands for
                   for c in find_candidates(text, False, frozenset(), True) for e in spots):
                break
        else:
            out.add(a)
    return frozenset(out)


def _called_a_body(text: str, abbreviation: str) -> bool:
    """Whether an apposition says what kind of body the abbreviation is ("QUAYMEC, the employers' organisation
    for small firms,"): then one use makes it a name."""
    return any(_body_apposition().match(text, e + len(abbreviation)) for e in _bare(text, abbreviation))


@cache
def _body_apposition() -> re.Pattern[str]:
    nouns = alternation([*reading_words().body_nouns, *(h.lower() for h in ACTOR_HEADS)])
    return re.compile(rf",\s+(?:the|an?)\s+(?:[\w'\u2019-]+\s+){{0,4}}?(?:{nouns})\b")


_OTHER_READINGS = frozenset(("target", "country", "organisation", "collective"))
_ROMAN = re.compile(r"[IVXLC]+")
_NAMING = frozenset(("name", "proper", "quoted"))
_APPOSED = re.compile(r",\s+(?:the\s+)?")
_IN_BRACKETS = re.compile(r"\s*\)")
_SPACED = re.compile(rf" [{CAPITALS}]{{2,}}(?![\w-])")
_SPACED_BEFORE = re.compile(rf"(?<![\w-])[{CAPITALS}]{{2,}} $")
_NUMBER_NEXT = re.compile(r"\s?\d")
_NUMBER_BEFORE = re.compile(r"\d\s?$")


def _spaced(acronyms: frozenset[str] | set[str]) -> list[str]:
    if isinstance(acronyms, Abbreviations):
        return acronyms.spaced
    return [a for a in acronyms if _two_words(a)]


def _two_words(abbreviation: str) -> bool:
    return " " in abbreviation and abbreviation.isupper()


# A list of abbreviations as a table's row: "| MoP | Ministry of Ports |" (other layouts: GLOSSARY_LINE)
_GLOSSARY_ROW = re.compile(r"^\|\s*([A-Z][A-Za-z0-9&-]{1,9})\s*\|\s*([A-Z][^|]{2,120}?)\s*\|?\s*$")


def glossary_entry(text: str) -> Candidate | None:
    """The name a line of a list of abbreviations defines ("MoP   Ministry of Ports"), if it is one."""
    g = _GLOSSARY_ROW.match(text) if text.startswith("|") else GLOSSARY_LINE.match(text)
    return _glossary_entry(g, text, True) if g is not None else None


def _glossary_entry(g: re.Match[str], text: str, shaped: bool) -> Candidate | None:
    """The name a glossary line spells out, with its abbreviation as alias, if the letters fit."""
    abbreviation, name = g[1], g[2]
    if sum(ch.isupper() for ch in abbreviation) < 2:  # "Lead: Local Enterprise Agency Desk": a label
        return None
    if (dated := _DECK_ITEM_END.search(name)) is not None:
        name = name[: dated.start()]  # "EXPO – Export Readiness Programme (2021-2025, MOT)": the years are no name
    # the initials, the first word's start ("EXPO – Export Readiness Programme"), or capitals of another
    # language's name ("HAVN = Norland Harbour Agency for Vessels")
    if abbreviation[0].lower() != name[0].lower() or not (
            spells(abbreviation, name) or name.lower().startswith(abbreviation.lower()[:3])
            or (abbreviation.isupper() and len(abbreviation) >= 3)):
        return None
    inner = find_candidates(name, False, None, shaped)
    whole = inner[0] if len(inner) == 1 and inner[0].end - inner[0].start == len(name) else None
    end = g.start(2) + len(name)
    if whole is not None and whole.kind == "name":  # typed by its head noun, as in running text
        return Candidate(g.start(2), end, whole.type, whole.name, "name", abbreviation, whole.head)
    if whole is None and any(w[:1].islower() and w not in reading_words().connectors for w in name.split()[1:]):
        return None  # "SME   Small and medium-sized enterprise": a term, not a name
    label = whole.type if whole is not None else shaped_type(name.split())
    return Candidate(g.start(2), end, label, canonical_name(name), "proper", abbreviation)


_DECK_ITEM_END = re.compile(r"\s*\([^()]*\d{4}[^()]*\)\s*$")


def find_candidates(
    text: str, bullet: bool = False, acronyms: frozenset[str] | set[str] | None = None, shaped: bool = True
) -> list[Candidate]:
    """Non-overlapping mentions in ``text``, left to right (the longest wins where two overlap).

    ``bullet`` says the text is a whole bullet, where a bare "Grants for …" names an instrument.
    ``acronyms``, when given, are the abbreviations the document has defined so far: only those are
    looked for as bare mentions (without it, every acronym-shaped word is a candidate).
    ``shaped`` looks for names without a head noun too (not in titles, where every word is capitalised).
    """
    key = (text, bullet, shaped, _present(text, acronyms))
    done = _CANDIDATES.get(key)
    if done is not None:
        return list(done)
    g = _GLOSSARY_ROW.match(text) if text.startswith("|") else GLOSSARY_LINE.match(text)
    if g is not None and (entry := _glossary_entry(g, text, shaped)) is not None:
        # what follows a name cut short ("… Programme (2021-2025, MOT)") is read as it stands
        after = [c._replace(start=c.start + entry.end, end=c.end + entry.end)
                 for c in find_candidates(text[entry.end :], bullet, acronyms, shaped)] if entry.end < g.end(2) else []
        _CANDIDATES[key] = (entry, *after)
        return [entry, *after]
    has_upper = not text.islower()
    low = text.lower()
    tokens = set(low.translate(PUNCT_TO_SPACE).split())
    found = quoted_titles(text) if '"' in text else []
    if has_upper and not tokens.isdisjoint(TRIGGERS):  # the actor and instrument heads
        found += head_named(text)
    if bullet and not tokens.isdisjoint(_MEASURE_TRIGGERS) and (mm := _MEASURE.match(text.rstrip(". "))):
        found.append(Candidate(0, mm.end("name"), "Programme", canonical_name(mm["name"]), "measure"))
    found += groups(text, low)
    if has_upper:
        found += _known_names(text, tokens)
        found += _abbreviations(text, key[3])
        if shaped:
            found += shaped_names(text, found)
    found += short_forms(text, tokens)
    if "(" in text and has_upper:
        found += _bodies_in_dated_brackets(text)
        if spelt := _spelt_in_lower_case(text):
            found = _spelt_over(spelt, found)
    kept = _non_overlapping(_joined([t for c in found if (t := _tidy(c, text)) is not None], text), text,
                            key[3] if bullet else None)
    if text.startswith("|") and (label := field_label_end(text)) is not None:
        kept = [c for c in kept if c.start > label]  # "| Main programme | P |": the label names nothing
        if not kept and (lone := _LONE_VALUE.match(text, label + 1)) is not None:  # "| Operator | Quayinvest |"
            kept = [Candidate(lone.start(1), lone.end(1), reading_words().default_actor, lone[1], "single")]
    if len(_CANDIDATES) >= MEMO_SIZE:
        _CANDIDATES.clear()
    _CANDIDATES[key] = tuple(kept)
    return kept


# "local enterprise partnerships (LEPs)": words in lower case that the abbreviation after them spells, letter
# for word, name something (kept only if a relation needs it: "gross domestic product (GDP)" names no body).
_LOWER_RUN_BEFORE_ABBREVIATION = re.compile(r"((?:[a-z][a-z-]+\s+){1,5}[a-z][a-z-]+)\s*\(\s*(([A-Z]{2,6})s?)\s*\)")


_DESCRIBES_SUBJECT = re.compile(r"\b(?:is|was|as|becomes|became)\s+(?:the|a|an)\s+$")


def _spelt_in_lower_case(text: str) -> list[Candidate]:
    found = []
    for m in _LOWER_RUN_BEFORE_ABBREVIATION.finditer(text):
        letters = m[3].lower()
        words = m[1].split()[-len(letters) :]
        start = m.end(1) - len(" ".join(words))
        if _DESCRIBES_SUBJECT.search(text, max(0, start - 12), start):
            continue  # "X is the central coordinating agency (CCA) under …": X described, not another body
        if len(words) == len(letters) and "".join(w[0] for w in words) == letters:
            name = " ".join(words)
            found.append(Candidate(start, m.end(1), reading_words().default_actor, name[0].upper() + name[1:], "spelt",
                                   m[2]))
    return found


def _spelt_over(spelt: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """Words an abbreviation spells, over the mentions read inside them: "local government units (LGUs)" is
    what "local government" was read as (its type and kind), named in full."""
    out = list(found)
    for c in spelt:
        inside = [f for f in out if c.start <= f.start < c.end]
        if inside:
            f = inside[0]
            out = [o for o in out if o not in inside]
            c = Candidate(c.start, c.end, f.type, c.name, f.kind, c.alias, f.head)
        out.append(c)
    return out


# A deck item's "(2014-2020, PARP + NCBR)": the bodies after the years, abbreviations the deck may never spell out.
_DATED_BRACKETS = re.compile(r"\(\s*(?:19|20)\d\d[^()]*?,\s*([^()]+)\)")


def _bodies_in_dated_brackets(text: str) -> list[Candidate]:
    """Abbreviations among the bodies of a dated item's brackets, read as bodies even if never defined (kept
    only when a relation needs them, as a lone name found by shape is)."""
    return [Candidate(b.start(1) + m.start(1), b.start(1) + m.end(1), reading_words().default_actor, m[1], "single")
            for b in _DATED_BRACKETS.finditer(text) for m in _ACRONYM.finditer(b[1])]


_LONE_VALUE = re.compile(r"\s*([A-Z][a-z]{3,}[\w-]*)\s*\|?\s*$")


# Statements recur (a slide repeated, a boilerplate line): each is read once per process. Besides
# the text, the result depends only on which defined abbreviations it holds (None: all of them).
_CANDIDATES: dict[tuple[str, bool, bool, frozenset[str] | None], tuple[Candidate, ...]] = {}


def _present(text: str, acronyms: frozenset[str] | set[str] | None) -> frozenset[str] | None:
    """The defined abbreviations ``text`` may hold as bare words (all acronym-shaped words: None)."""
    if acronyms is None:
        return None
    if not acronyms:
        return frozenset()
    present = acronyms & _words(text)
    # Abbreviations of two upper-case words ("DG NORTH") are looked for as they are written.
    present |= {a for a in _spaced(acronyms) if a in text}
    return frozenset(present)


@functools.lru_cache(maxsize=MEMO_SIZE)  # asked again for every statement that recurs, before the memo of mentions
def _words(text: str) -> frozenset[str]:
    return frozenset(text.translate(PUNCT_TO_SPACE).split())


MEMOS.extend((_CANDIDATES.clear, _words.cache_clear))


def _known_names(text: str, tokens: set[str]) -> list[Candidate]:
    """Countries and known international organisations, by their names and abbreviations."""
    found: list[Candidate] = []
    for names, label, kind in ((countries(), "Country", "country"), (organisations(), _IO, "organisation")):
        if tokens.isdisjoint(names.first_words) or not names.may_occur(tokens, text):
            continue
        for m in names.pattern.finditer(text):
            _, canonical = names.by_name[m[0]]
            alias = m[0] if m[0] != canonical else None
            last = canonical.rsplit(" ", 1)[-1]
            head = last if last in ACTOR_HEADS else None  # "the Commission" refers back to it
            found.append(Candidate(m.start(), m.end(), label, canonical, kind, alias, head))
    return found


def _abbreviations(text: str, present: frozenset[str] | None) -> list[Candidate]:
    """Bare abbreviations: those the document has defined that ``text`` holds (:func:`_present`;
    every acronym-shaped word without a list)."""
    if present is None:
        return [Candidate(m.start(), m.end(), "", m[1], "acronym") for m in _ACRONYM.finditer(text)]
    if not present:
        return []
    return [
        Candidate(start, start + len(acronym), "", acronym, "acronym")
        for acronym in sorted(present)  # (in one order whatever the hash seed: two may overlap)
        for start in _bare(text, acronym)
    ]


def _joined(found: list[Candidate], text: str) -> list[Candidate]:
    """A name and a name found by shape right after it are one name ("National Plan Quay 4.0"), and so
    are a bare title-case head and the run after it ("Network Harbour 4.0")."""
    shaped = {c.start: c for c in found if c.kind == "proper" and c.alias is None}
    if not shaped:
        return found
    out = list(found)
    for c in found:
        if c.kind == "name" and (after := shaped.get(c.end + 1)) is not None and text[c.end] == " " and (
            after.name != c.name
        ):
            out.append(c._replace(end=after.end, name=canonical_name(f"{c.name} {after.name}")))
    for start, c in shaped.items():
        m = _HEAD_BEFORE.search(text, 0, start)
        if m is not None and m.end() == start:
            head = m[1]
            label = ACTOR_HEADS.get(head) or INSTRUMENT_HEADS.get(head.lower(), "")
            if label:
                name = canonical_name(f"{head} {c.name}")
                out.append(Candidate(m.start(1), c.end, label, name, "name", head=head.lower()))
    return out


_HEAD_BEFORE = re.compile(r"(?<![\w-])([A-Z][a-z]+) $")


_AMOUNT_WORDS = frozenset(("million", "billion", "thousand", "bn", "m", "per", "cent", "percent"))
_LOWER_HEADS = frozenset(INSTRUMENT_HEADS)
# A word shaped like a brand's name: "DigiQuay.pk", "QuayHub", "Quay4" (not an abbreviation: "the SME … scheme")
_BRAND = re.compile(r"(?=.*[a-z]).[A-Z0-9.]")


_CURRENCY = re.compile(r"(?:[$\u20ac\u00a3\u00a5\u20a9\u20b9]|[A-Z]{3}|Rs\.?)\s?$")


_DIGIT = re.compile(r"\d")  # what every amount ends on: a name without one needs no search of the currencies


@cache
def _amount() -> re.Pattern[str]:
    """An amount inside a name: a currency sign or an ISO 4217 code before a number ("Grant of CLP 2.5")."""
    import pycountry  # the currency table, read once

    codes = alternation(c.alpha_3 for c in pycountry.currencies)
    return re.compile(rf"(?:[$\u20ac\u00a3\u00a5\u20a9\u20b9]|\b(?:{codes})\s|\bRs\.?\s?)\s?\d")


def _counted(words: list[str], before: str) -> bool:
    """Whether a name's leading number is an amount, a count or a section number rather than part of
    the name: a currency before it, or a number not followed by "million" ("1 million SME programme")."""
    if _CURRENCY.search(before) or "." in words[0] or "-" in words[0]:
        return True
    return not (len(words) > 1 and words[1].lower() in _AMOUNT_WORDS)


_FOOTNOTE_MARK = re.compile(r"(?<=[a-z])\.\d{1,2}$")  # a sentence's full stop and a footnote's number after a name
_SENTENCE_GOES_ON = re.compile(r"\s|$")


_TAIL_WORDS = frozenset(TAIL_OPENERS.split("|")) | {"to"}


_SPAN_WORD = re.compile(r"\d{1,3}-(?:Year|Point|Pillar|Step)$")  # "the 10-Year Master Plan": the plan's own word
# "Quay Dock Bank-QDB": the abbreviation written onto the name with a hyphen
_GLUED_ABBREVIATION = re.compile(r"-([A-Z]{2,6})$")


def _tidy(c: Candidate, text: str) -> Candidate | None:
    """A name without the amounts or section numbers before it ("85 million fund", "4.2 The plan")
    and without an owner's possessive ("Norland's National Data Strategy"); a name ending in a generic
    lower-case head ("Quay Online initiative") is also known without it."""
    if c.kind not in ("name", "proper", "quoted"):
        return c
    name = c.name
    words = name.split(" ")
    if _PRESS_UNIT.fullmatch(name):
        return None  # a body's own spokespeople, named in a contact line
    if any("_" in w or ("." in w and _FILE_NAME.search(w)) for w in words):
        return None  # "Harbour_deck_v2.pptx": a file, not a body or an instrument
    if _DIGIT.search(name, len(words[0])) and _amount().search(name, len(words[0])):
        return None  # "Grant of EUR 2-3": a table cell describing an amount, not a name
    if (mark := _FOOTNOTE_MARK.search(name)) is not None and _SENTENCE_GOES_ON.match(text, c.end):
        c = c._replace(end=c.end - len(mark[0]), name=name[: mark.start()])  # "… Centre of Excellence.2 Micro…"
        name, words = c.name, c.name.split(" ")
    if len(words) > 1 and c.alias is None and (glued := _GLUED_ABBREVIATION.search(name)) is not None and spells(
            glued[1], name[: glued.start()]):
        return c._replace(end=c.end - len(glued[0]), name=name[: glued.start()], alias=glued[1])
    if len(words) == 1 and name.endswith(("'s", "\u2019s")) and name[:-2].isupper():
        return c._replace(end=c.end - 2, name=name[:-2])  # "ABC's plan": ABC, the owner
    cut = 0
    # "the 2029 Harbour Law", "the 2031 Harbour and Transport Strategy": the year is the edition's name
    year_of_law = edition(words[0]) and (c.type == "Law" or (
        c.type == "Strategy" and len(words) > 2 and text[max(0, c.start - 4) : c.start].lower() == "the "))
    if words[0][:1].isdigit() and not year_of_law and not _SPAN_WORD.match(words[0]) and _counted(
            words, text[max(0, c.start - 4) : c.start]):
        while cut < len(words) and (words[cut][:1].isdigit() or words[cut].lower() in _AMOUNT_WORDS
                                    or words[cut] in DASHES):  # "2021 – 2027 programme": a period
            cut += 1
    for i, w in enumerate(words[:-1]):
        owner = w.endswith(("'s", "\u2019s")) or (w.endswith("s'") and sum(ch.isupper() for ch in w) >= 2)
        if owner and i >= cut and not owner_in_name(w) and _TAIL_WORDS.isdisjoint(words[:i]):
            # "Norland's …", "LEOs' …"; not "Employers' Chamber", "the Deputy Minister's Office", nor inside a
            # head's tail ("Strategy for Norland's Digital Growth")
            cut = i + 1
    if not cut and words[0] == "Ex" and len(words) > 2:
        cut = 1  # "the Ex Small Enterprises Authority": the former one, by its name
    if words[-1].endswith(("'s", "\u2019s")) and len(words) > cut + 1:  # "the Norland Government's"
        words = [*words[:-1], words[-1][:-2]]
        c = c._replace(end=c.end - 2, name=canonical_name(" ".join(words[cut:])))
        name = c.name
    if cut:
        words = strip_starters(words[cut:])
        if not words or (len(words) == 1 and (words[0] in ANY_HEAD or words[0].lower() in _LOWER_HEADS)):
            return None
        if c.kind == "name" and words[0][0].islower():
            return None  # "a $5 million national fund": an amount and a description, no name
        name = " ".join(words)
        start = text.find(words[0], c.start)
        c = c._replace(start=start if start >= 0 else c.start, name=canonical_name(name))
        if c.kind == "proper":  # "Norland Union's Harbourfund": the owner's words do not type the name
            c = c._replace(type=shaped_type(words))
    if year_of_law and c.type == "Strategy" and c.alias is None:
        c = c._replace(alias=" ".join(words[1:]))  # "the Harbour and Transport Strategy" is the same one
    if c.alias is None and len(words) > 1 and words[-1] in _LOWER_HEADS and capitalised(words[0]):
        # "the Quay Roadmap programme", "the Digital Quayland state programme": the name is the capitalised part
        # (but "the Quay Num loan guarantee" is a loan of its own, not the Quay Num initiative)
        named = len(words) - 1
        while named > 1 and words[named - 1].islower() and words[named - 1] not in _LOWER_HEADS:
            named -= 1
        if named < len(words) - 1 and named < 2 and not _BRAND.search(words[0]):
            named = len(words) - 1  # "Transition numérique programme": a name in sentence case keeps its words
        c = c._replace(alias=" ".join(words[:named]))
    if c.alias is None and c.type in _INSTRUMENT_LABELS:
        ends_in_year = words[-1].isdigit() and len(words[-1]) == 4
        if y := (_RANGE_END if ends_in_year else _YEARS_AFTER).match(text, c.end):
            c = c._replace(alias=f"{c.name}{y[0]}")
    return c


_INSTRUMENT_LABELS = frozenset(INSTRUMENT_HEADS.values())
_PRESS_UNIT = re.compile(  # "Press Office", "MPO Press Department", "Public Relations Service of the Ministry"
    rf"(?:[A-Z][A-Za-z&]*[A-Z]\s+)?(?:{alternation(READING['press_words'])})\s+"
    r"(?:Office|Unit|Department|Service|Bureau|Desk|Division|Team|Centre|Center)(?:\s+of\s.*)?"
)
_FILE_NAME = re.compile(r"\w\.(?:pptx?|pdf|docx?|xlsx?|html?|txt|md|csv|json)$", re.I)
_RANGE_END = re.compile(r"\s*[-\u2013\u2014/]\s*(?:(?:19|20)\d\d|\d\d)(?![\w-])")
# An instrument's period after its name is another name for it: "Digital Strategy 2021 - 2025", "Act, 2006", "Plan
# for 2031-2035", "Programme in 2014-2020" (a period, not the year something happened in), "Strategy until 2040".
_YEARS_AFTER = re.compile(
    r",?\s+(?:(?:19|20)\d\d(?:\s*[-\u2013\u2014/]\s*(?:(?:19|20)\d\d|\d\d))?|(?:for|in)\s+(?:the\s+period\s+)?(?:19|20)\d\d"
    r"\s*[-\u2013\u2014/]\s*(?:(?:19|20)\d\d|\d\d)|until\s+(?:19|20)\d\d)(?![\w-])"
)


def _bare(text: str, acronym: str) -> list[int]:
    r"""Where one abbreviation stands alone in ``text``: not inside a word, an e-mail address or a
    hyphenated word — what ``(?<![\w@-])ACRONYM(?![\w@-])`` finds, without compiling a pattern per
    abbreviation (a document defines dozens, and compiling them cost more than searching).

    >>> _bare("ABC, ABCD, X-ABC, abc@ABC and ABC.", "ABC")
    [0, 30]
    """
    starts: list[int] = []
    size = len(text)
    at = text.find(acronym)
    while at >= 0 and acronym:
        end = at + len(acronym)
        if (at == 0 or not _joins(text[at - 1])) and (end == size or not _joins(text[end])):
            starts.append(at)
            at = text.find(acronym, end)
        else:
            at = text.find(acronym, at + 1)
    return starts


def _joins(ch: str) -> bool:
    r"""Whether a character next to an abbreviation makes it part of something longer (regex ``[\w@-]``)."""
    return ch.isalnum() or ch in "_@-"


_IO = "InternationalOrganization"
_KIND_RANK = {
    "organisation": 0,  # a known international organisation outranks its reading by head noun
    "quoted": 0,
    "measure": 1,
    "name": 2,
    "collective": 3,
    "described": 3,
    "institutions": 3,
    "target": 4,
    "acronym": 5,  # only abbreviations the document defined: they outrank a reading by shape
    "country": 6,
    "proper": 7,  # a name found by shape alone yields to every other reading of the same words
    "reference": 8,
    "pronoun": 9,
    "single": 10,
    "spelt": 11,  # words in lower case an abbreviation spells yield to any other reading of them
}


def _non_overlapping(found: list[Candidate], text: str, known: frozenset[str] | None = None) -> list[Candidate]:
    """The longest of overlapping mentions, each with the short name right after it. (``known``: in a bullet,
    the abbreviations the document defined that the text holds; an instrument followed by one of them in brackets,
    that does not spell it, is run by that body, "- Quay Voucher (MoTV)", not named by it.)"""
    if not found:
        return found
    # "the Programme to Improve …": a name that opens inside a reference and runs past it is the mention
    names = [(c.start, c.end) for c in found if c.kind == "name"]
    found = [c for c in found if c.kind != "reference" or not any(c.start < a < c.end < b for a, b in names)]
    found.sort(key=lambda c: (c.start, -(c.end - c.start), _KIND_RANK[c.kind]))
    kept: list[Candidate] = []
    taken_end = -1
    for c in found:
        if c.start < taken_end or c.end <= c.start:
            # A longer mention already covers it: a quoted title wins over the names inside it.
            continue
        # (an abbreviation after the name's year wins over the name with its year: "Policy 2030 (NEP 2030)")
        year_alias = c.alias is not None and c.alias.startswith(c.name) and c.alias[-4:].isdigit()
        if c.kind in ("name", "quoted", "proper", "institutions") and (c.alias is None or year_alias) and (
                am := short_name(c, text)):
            abbr = am[1]
            theirs = known is not None and abbr in known and c.type in _INSTRUMENT_LABELS and not spells(
                abbr, c.name) and not text[am.end() :].strip(" .;")  # (the bracket ends the item: "- P (MoTV)")
            if not abbr.isdigit() and not abbr.startswith("Article") and not theirs:
                c = Candidate(c.start, c.end, c.type, c.name, c.kind, abbr, c.head)
        elif c.kind in ("name", "proper") and c.alias is None and (first := spelt_before(c, text)) is not None:
            c = Candidate(c.start, c.end, c.type, c.name, c.kind, first, c.head)  # "ABC (Agency for B C)"
        elif c.kind == "name" and c.alias is None and (word := named_before(c, text)) is not None:
            if kept and kept[-1].start == word.start(1):
                kept.pop()  # "Portex, the Port Export Agency": one body, not two
            # (one mention from the word on: "when Tekquay - the Quay Funding Agency - and B merged" lists two)
            start = word.start(1) if text[word.end(1) : c.start].rstrip().endswith("the") else c.start
            c = Candidate(start, c.end, c.type, c.name, c.kind, word[1], c.head)
        kept.append(c)
        taken_end = c.end
        if c.alias is not None and (am := short_name(c, text)):
            taken_end = am.end()  # the abbreviation in parentheses is part of this mention
    return kept
