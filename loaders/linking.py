"""A statement's mentions linked to the document's entities, and its text templated for the rules.

Each mention becomes the key of one entity (:meth:`loaders.reader.Reader.entity_for`); the statement is
then written with ``@i@`` for its i-th linked mention (:mod:`loaders.relations`), and the body or
instrument it opens on becomes what the next sentences' pronouns mean.
"""

from __future__ import annotations

import re
from collections.abc import Container

from loaders.bullets import Statement
from loaders.lexicon import (
    ACTOR_HEADS,
    INSTRUMENT_HEADS,
    Candidate,
    canonical_name,
    name_key,
    reading_words,
    recurring_matches,
)
from loaders.reader import FUND_HEADS, Reader
from loaders.short_forms import CLAUSE_OPENER, PAIR_BEFORE

_DETERMINERS = re.compile(r"(?:\b(?:the|former|new|then)\s+)+$", re.I)
_PARENTHESES = re.compile(r"\s*\(\s*[^()]{1,100}\)")  # "(ABC)", "(Instituto Norlandés de …, INE)"


def template(text: str, cands: list[Candidate]) -> str:
    """The statement with each mention (and a "the" before it) replaced by ``@i@``."""
    parts: list[str] = []
    pos = 0
    for i, c in enumerate(cands):
        if i and c.start == cands[i - 1].start:
            parts.append(f" and @{i}@")  # one mention that stands for two ("the two ministries")
            continue
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
    return _DASH_ASIDE.sub(r", \1, ", "".join(parts))


# "A - set up in 2014 by B - runs P", "A – which until 2030 operated as B – is funded by C": an aside between
# dashes reads as one between commas
_DASH_ASIDE = re.compile(
    r"(?<=\S)\s[-\u2013\u2014]\s(?=[a-z])((?:(?!\s[-\u2013\u2014]\s)[^;:]){3,160}?)\s[-\u2013\u2014]\s(?=[a-z])"
)


_LOWER_AFTER_THE = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+([a-z][\w-]*)")
_after_the = recurring_matches(_LOWER_AFTER_THE)
_GIVES_WAY = ("reference", "pronoun", "target", "collective", "described")  # what a known name written in full replaces


def names_read_before(rd: Reader, text: str, cands: list[Candidate]) -> list[Candidate]:
    """The statement's mentions with the names of this document's entities that shapes cannot find: a
    name written again in lower case ("the quay voucher"), by its last or first words ("the quay
    centres", "the chambers"), or in a table row's first cell. Such a name replaces the reference it
    overlaps ("the roadmap" in "the roadmap grant")."""
    found = _in_lower_case(rd, text)
    # A reference that resolves by its head ("the hubs") stays; one that would not ("the chambers") gives way.
    # (a description gives way too: "the harbour service centres" after "… Harbour Service Centres" is that network)
    resolving = [c for c in cands if c.kind not in ("reference", "described") or (
        c.kind == "reference" and rd.recent_head.get((c.head or "").lower()))]
    found += _plural_short_names(rd, text, [*found, *resolving])
    if "the " in text or "The " in text:
        found += _first_of_names(rd, text, [*found, *cands])
    if text.startswith("|") and (cell := _first_cell_name(rd, text, [*found, *cands])) is not None:
        found.append(cell)
        if cell.kind == "proper":  # a whole cell of instruments wins over the names inside it
            cands = [c for c in cands if not (c.start < cell.end and cell.start < c.end)]
    found += _first_word_names(rd, text, [*found, *cands])
    if not found:
        return cands
    kept = [c for c in cands if not any(c.start < f.end and f.start < c.end for f in found)
            or c.kind not in _GIVES_WAY and not _one_word(c)]
    kept += [f for f in found if not any(c.start < f.end and f.start < c.end for c in kept)]
    return sorted(kept, key=lambda c: c.start)


def _in_lower_case(rd: Reader, text: str) -> list[Candidate]:
    """ "the digital diagnostics grant": a body's or instrument's name read before, in lower case."""
    found: list[Candidate] = []
    for m in _after_the(text):
        for key in rd.first_words.get(m[1], ()):
            d = rd.drafts[key]
            end = m.start(1) + len(d.name)
            if (rd.is_actor(key) or rd.is_instrument(key)) and text[m.start(1) : end].lower() == d.name.lower() and (
                end == len(text) or not text[end].isalnum()
            ):
                found.append(Candidate(m.start(1), end, d.type, d.name, "name", head=d.head))
                break
    return found


_THE_PLURAL = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+((?:[a-z][\w-]*\s+){0,2}?([a-z]+s))\b(?!\s+(?:of|for)\b)")
_plurals_after_the = recurring_matches(_THE_PLURAL)


def _plural_short_names(rd: Reader, text: str, found: list[Candidate]) -> list[Candidate]:
    """ "the quay centres", "the chambers": the last words of a plural name read before ("… Quay
    Centres"), or the first of one ("Chambers of crafts"), stand for it."""
    out: list[Candidate] = []
    for m in _plurals_after_the(text):
        if any(f.start <= m.start(1) < f.end for f in found):
            continue
        words = m[1].lower()
        keys = [k for k in rd.last_words.get(m[2], ()) if rd.drafts[k].name.lower().endswith(" " + words)]
        keys = keys or [k for k in rd.of_names.get(words, ()) if rd.drafts[k].name.lower().startswith(words + " of ")]
        keys = [k for k in keys if rd.is_actor(k) or rd.is_instrument(k)]
        if keys:  # the one named last
            key = max(keys, key=lambda k: max(rd.drafts[k].lines, default=0))
            d = rd.drafts[key]
            out.append(Candidate(m.start(1), m.end(1), d.type, d.name, "name", head=d.head))
    return out


_THE_WORD = re.compile(r"\b[Tt]he\s+([A-Z][a-z]+)\b(?!\s+(?:of\b|[A-Z0-9]|\())")


def _first_of_names(rd: Reader, text: str, found: list[Candidate]) -> list[Candidate]:
    """ "the Province", "the Region" after "the Province of Norland": the first word of a body's "X of …" name,
    capitalised, stands for that body (the one named last) when it is no head noun of its own."""
    out: list[Candidate] = []
    for m in _THE_WORD.finditer(text):
        if m[1] in ACTOR_HEADS:
            continue  # "the Department": a reference, resolved by its head (and which one is salient)
        if any(f.start < m.end(1) and m.start(1) < f.end and f.kind not in _GIVES_WAY and not _one_word(f)
               for f in found):
            continue
        word = m[1].lower()
        keys = [k for k in rd.of_names.get(word, ()) if rd.is_actor(k) and rd.drafts[k].name.lower().startswith(
            word + " of ")]
        if keys:
            d = rd.drafts[max(keys, key=lambda k: max(rd.drafts[k].lines, default=0))]
            out.append(Candidate(m.start(1), m.end(1), d.type, d.name, "name", head=d.head))
    return out


_CAPITALISED = re.compile(r"(?<![\w@&.-])([A-Z][a-z]{2,}[\w-]*)(?![\w&-]|\.\w)")
_capitalised = recurring_matches(_CAPITALISED)
# a capitalised word that no capitalised word after it (or "of" and one) makes part of a longer name
_WORD = re.compile(r"(?<![\w@&.-])([A-Z][\w-]*\w)(?![\w&-]|\.\w)(?!\s+(?:of\s+)?[A-Z])")
_NAME_BEFORE = re.compile(r"[A-Z][\w.-]*\s$")  # "… Support Providers": the word ends a longer name
_words = recurring_matches(_WORD)


def _one_word(c: Candidate) -> bool:
    return c.kind in ("single", "proper") and " " not in c.name


def _one_word_names(rd: Reader, text: str, found: list[Candidate]) -> list[Candidate]:
    """ "Portex runs …" after "Portex is the national agency": a name of one word without a head noun,
    read before, written again as a sentence's first word too (where shapes take no lone word). Not a
    word the document writes in lower case, one that opens a two-word name (below), or one that ends
    or starts a longer name ("… Support Providers")."""
    out: list[Candidate] = []
    for m in _words(text):
        key = rd.one_word_names.get(m[1])
        word = m[1].lower()
        if key is None or word in rd.lower_words or word in rd.two_word_names or not (
            rd.is_actor(key) or rd.is_instrument(key)
        ):
            continue
        if _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start()) or any(
            f.start < m.end() and m.start() < f.end for f in found
        ):
            continue
        d = rd.drafts[key]  # (its kind kept: a lone word stays one that only a relation keeps)
        out.append(Candidate(m.start(), m.end(), d.type, d.name, d.kind, head=d.head))
    return out


def _first_word_names(rd: Reader, text: str, found: list[Candidate]) -> list[Candidate]:
    """ "Quaydesk replaced …" after "Quaydesk Registration": a name of one word and a head noun, read
    before, written by its first word alone (one no other such name starts with, and that the document
    never writes in lower case)."""
    out: list[Candidate] = []
    if rd.one_word_names:
        out += _one_word_names(rd, text, found)
    for m in _capitalised(text):
        word = m[1].lower()
        if word not in rd.two_word_names or word in rd.lower_words or any(
            f.start <= m.start() < f.end and not (_one_word(f) and f.end == m.end()) for f in found
        ):
            continue
        keys = [k for k in rd.two_word_names[word] if rd.is_actor(k) or rd.is_instrument(k)]
        if len(keys) == 1:
            d = rd.drafts[keys[0]]
            out.append(Candidate(m.start(), m.end(), d.type, d.name, "name", head=d.head))
    return out


_FIRST_CELL = re.compile(r"\|\s*([^|]*?)\s*\|")


_CELL_NAME = re.compile(r"[A-Z0-9][^|:;.]{2,70}$")
_CELL_NOTE = re.compile(r"\s*\([^()]*\)$")  # "Quay Voucher (QV)": the name before its abbreviation
_INSTRUMENT_TYPES = frozenset(INSTRUMENT_HEADS.values())
_INSTRUMENT_WORDS = frozenset((*INSTRUMENT_HEADS, "measures", "instrument", "instruments"))


def _instrument_column(rd: Reader) -> bool:
    """Whether the table's first column holds instruments (its header is "Measure", "Programme", …)."""
    header = rd.table_header
    return header is not None and bool(header) and not _INSTRUMENT_WORDS.isdisjoint(header[0].replace("*", " ").split())


def _first_cell_name(rd: Reader, text: str, found: list[Candidate]) -> Candidate | None:
    """ "| Harbour numérique | …": a table row's first cell, when it is a name or another name read
    before, is that entity (cells are names, whatever their case)."""
    m = _FIRST_CELL.match(text)
    if m is None or not m[1]:
        return None
    cell_end = m.start(1) + len(_CELL_NOTE.sub("", m[1]))
    if _instrument_column(rd) and _CELL_NAME.match(m[1]) and not any(
            f.start == m.start(1) and (f.end >= cell_end or f.type in _INSTRUMENT_TYPES) for f in found):
        # "| E-commerce grants for SMEs | …" under a "Measure" column: the cell names the row's instrument
        return Candidate(m.start(1), m.end(1), reading_words().default_instrument, canonical_name(m[1]), "proper")
    if any(m.start(1) <= f.start < m.end(1) for f in found):
        return None
    key = rd.abbreviations.get(m[1]) or rd.same_as.get(name_key(m[1]), name_key(m[1]))
    if key not in rd.drafts or not (rd.is_actor(key) or rd.is_instrument(key)):
        return None
    d = rd.drafts[key]
    return Candidate(m.start(1), m.end(1), d.type, d.name, "name", head=d.head)


_THE_TWO = re.compile(r"\b(?:[Tt]he\s+two|[Bb]oth(?:\s+the)?)\s+$")


def _the_two(rd: Reader, text: str, c: Candidate) -> list[str] | None:
    """ "The Ministry of A and the Ministry of B signed … . The two ministries will jointly run P": the last two
    bodies of the collective's type named before."""
    if c.head is not None and c.head.isdigit():  # "the three agencies", "both bodies" (short_forms._counted)
        count = int(c.head)
        if c.type == PAIR_BEFORE:  # "Both are …": the two the sentence before named
            pair = list(dict.fromkeys(rd.named_before))
            return pair if len(pair) == 2 else []
        named = list(rd.recent_type.get(c.type, {})) if c.type else [
            k for k in dict.fromkeys([*rd.named_before, *rd.named_now]) if rd.is_actor(k)]
        if not c.type and count == 2:
            return []  # "the two bodies" after a sentence about one body and its parent: which two is unclear
        return named[-count:] if len(named) >= count else []
    if not _THE_TWO.search(text, max(0, c.start - 10), c.start):
        return None
    named = list(rd.recent_type.get(c.type, {}))
    return named[-2:] if len(named) >= 2 else None


def _they(rd: Reader, c: Candidate) -> list[str] | None:
    """ "… three companies: A, B and C. They were merged into D": a sentence that opens on "They" after one that
    named three or four bodies, and nothing else, means them all (after two, or after instruments, "they" is as
    often something unnamed: "… advisers. They are hosted by …")."""
    if c.name != "They" or c.start > 0:
        return None
    named = list(dict.fromkeys(rd.named_before))
    return named if 3 <= len(named) <= 4 and all(rd.is_actor(k) for k in named) else None


def _group(rd: Reader, text: str, c: Candidate, resolved: dict[int, list[str]] | None) -> list[str] | None:
    """The several entities one mention stands for ("the two ministries", "They"), if it stands for several;
    a statement read again keeps what its first reading made of it."""
    counted = c.kind == "collective" and c.head is not None and c.head.isdigit()
    if resolved is not None and counted:
        return resolved.get(c.start, [])
    if resolved is not None:
        group = resolved.get(c.start) if c.kind in ("collective", "pronoun") else None
        return group if group is not None and len(group) > 1 else None
    if c.kind == "collective":
        return _the_two(rd, text, c)
    return _they(rd, c) if c.kind == "pronoun" else None


def linked(
    rd: Reader, st: Statement, cands: list[Candidate], resolved: dict[int, list[str]] | None = None
) -> tuple[list[str], list[Candidate]]:
    """The entity keys of a statement's mentions, and the mentions that have one. A lone capitalised
    word the document also writes in lower case ("Digitalisation", "Science") is an ordinary word.
    ``resolved``: what references and pronouns at these offsets meant when the statement was first read."""
    keys: list[str] = []
    kept: list[Candidate] = []
    rd.instrument_before = rd.latest_instrument
    rd.named_before = rd.named_now or rd.named_before
    rd.named_now = []
    rd.opening = rd.clause_subject = rd.named_instrument = None
    # Only a clause's pronoun reads the clause subject: not looked for after the last one (the scans
    # of the words before each mention were a tenth of the linking).
    # ("…; M manages the latter": the clause's subject is no candidate for "the latter" either)
    clause_pronoun = max((c.start for c in cands if c.kind == "pronoun" and c.head in ("clause", "former", "latter")),
                         default=-1)
    frame = _OPENER.match(st.text)  # "In partnership with A, it manages P": A opens no clause
    frame_end = frame.end() if frame is not None else 0
    for c in cands:
        if c.kind == "single" and c.name.lower() in rd.lower_words:
            continue
        if (group := _group(rd, st.text, c, resolved)) is not None:
            keys += group  # "the two ministries", "They": the bodies meant, one mention each (see template)
            kept += [c] * len(group)
            rd.named_now += group
            continue
        meant = (resolved or {}).get(c.start, [None]) if c.kind in ("reference", "pronoun") else [None]
        if not meant:
            continue
        key = meant[0] or rd.entity_for(c, st.line_at(c.start))
        if key is not None and c.kind in ("organisation", "country") and (c.alias or c.name).isupper() and \
                _MODIFIES.match(st.text, c.end):
            continue  # "EU structural funds", "the G20 Harbour Partnership": named, qualifying, in no relation
        if key is not None:
            keys.append(key)
            kept.append(c)
            if rd.is_instrument(key) and c.kind != "pronoun":
                rd.latest_instrument = key
                if not rd.retypable(key):
                    rd.named_instrument = key
            if rd.is_actor(key) or rd.is_instrument(key):
                if c.kind != "pronoun":
                    rd.named_now.append(key)
                if c.start >= frame_end:
                    rd.opening = rd.opening or key
                if c.start < clause_pronoun:
                    head = _DETERMINERS.sub("", st.text[: c.start])
                    if not head.strip() or CLAUSE_OPENER.search(head):  # "…, when the former A was …"
                        rd.clause_subject = key
    return keys, kept


# a noun or a name after it (not a function word: "funded by the EU and the Ministry")
_MODIFIES = re.compile(
    r"\s+(?!(?:and|or|but|nor|for|of|in|on|at|to|by|with|from|as|is|are|was|were|has|have|had|will|also|which"
    r"|that|who|its|their|the|an?|under|through|via|since|until|while)\b)(?:[a-z]|[A-Z][a-z])"
)
# What joins a name (and its abbreviation, if any) to its apposition: ", ", " = ", " – ", " is ".
_APPOSED_BY = r"\s*(?:\([^()]*\)\s*)?(?:,|=|:|\u2013|\u2014|-|\s(?:is|was|has\s+been|became)\s)\s*"
_APPOSED_HEAD = re.compile(_APPOSED_BY + r"(?:the|an?|its)?\s*((?:[\w'\u2019$\u20ac-]+\s+){0,4}[a-z]+)\b")


_DETERMINED = re.compile(_APPOSED_BY + r"(?:the|an?|its)\s")
_AFTER_HEAD = frozenset(("of", "for", "run", "led", "managed", "funded", "by", "under", "that", "which", "in", "to",
                         "attached", "created", "established", "set", "owned", "responsible", "tasked", "charged",
                         "dedicated", "specialised", "specialized", "within", "whose", "with", "supervised"))


def _head_noun(words: list[str], after: str, heads: Container[str]) -> str:
    """The noun of ``heads`` that heads an apposition ("flagship programme of P"), not a modifier
    ("project management agency")."""
    for i, w in enumerate(words):
        if w in heads and (words[i + 1] in _AFTER_HEAD if i + 1 < len(words) else not after.isalnum()):
            return w
    return ""


_BODY_HEADS = frozenset(h.lower() for h in ACTOR_HEADS if h.capitalize() == h)
_ANY_HEAD = _BODY_HEADS | frozenset(INSTRUMENT_HEADS)


def appositive_heads(rd: Reader, text: str, kept: list[Candidate], keys: list[str]) -> None:
    """ "Kit Harbour = flagship programme of P", "Quay Boost, the digital programme run by M", "Portex is
    the national agency": the common noun after a name is what "the programme" or "the agency" will mean
    later."""
    for c, key in zip(kept, keys, strict=True):
        if c.kind in ("reference", "pronoun"):
            continue
        # a name found by shape takes the type a determined apposition gives it ("X, the …", not "X, which runs …")
        # (a fund may be the body that manages it: "the X Fund, an agency of M")
        free = (rd.retypable(key) or rd.fund_free(key)) and bool(_DETERMINED.match(text, c.end))
        heads = _ANY_HEAD if free else INSTRUMENT_HEADS if rd.is_instrument(key) else _BODY_HEADS if rd.is_actor(
            key) else ()
        m = _APPOSED_HEAD.match(text, c.end) if heads else None
        noun = _head_noun(m[1].split(), text[m.end() : m.end() + 1], heads) if m is not None else ""
        if noun and (rd.drafts[key].head or "").lower() != noun:
            rd.recent_head.setdefault(noun, {}).setdefault(key)
            if free and noun not in FUND_HEADS:  # "Valdoria Digital, the national digital strategy"; "Invest in
                # Norland is the … agency" (not "Quayfund, the labour fund …": a fund may be a body or its money)
                rd.drafts[key].type = INSTRUMENT_HEADS.get(noun) or ACTOR_HEADS[noun.capitalize()]


# A sentence's opening participle or frame, up to its comma: what it names is not what the sentence is about.
_OPENER = re.compile(
    r"\s*(?:[A-Z][a-z]+(?:ed|ing)|Set\s+up|Run|Under|Within|As\s+part\s+of|Following|Through|Together\s+with|Along\s+with"
    r"|Alongside|With|Like|Unlike|Besides|In\s+(?:close\s+)?(?:partnership|cooperation|co-operation|collaboration|coordination)"
    r"\s+with)"
    r"\b[^,;.]{0,100},"
)


def refocus(rd: Reader, st: Statement, kept: list[Candidate], keys: list[str]) -> None:
    """A sentence that opens on a body or an instrument makes it what the next sentences' pronouns mean;
    a heading or a new section forgets it."""
    rd.focus_before = rd.focus
    if st.kind == "heading" or (st.title_like and st.kind != "bullet"):
        rd.focus = None
        return
    opener = _OPENER.match(st.text)  # "Launched in 2019 by A, the initiative …": the initiative
    skip = opener.end() if opener is not None else 0
    for c, key in zip(kept, keys, strict=True):
        if c.start < skip:
            continue
        if c.start > 60 + skip:
            break
        if rd.is_actor(key) or rd.is_instrument(key):
            rd.focus = key
            return
