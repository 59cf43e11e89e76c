"""Names found by their shape alone, without a head noun: "Enterprise Norland", "Kit Harbour", "TradEx".

A run of capitalised words (joined by the connectors of ``reading.yaml``), a single word shaped like a
name, or the words an abbreviation in parentheses spells. Places, documents, item codes and headings
in capitals are left out; a name's type starts from its words and follows what sentences do with it.
"""

from __future__ import annotations

import re
from functools import cache

from loaders.dates import MONTH
from loaders.head_names import capitalised
from loaders.lexicon import (
    ABBREVIATION,
    ACTOR_HEADS,
    ANY_HEAD,
    INSTRUMENT_HEADS,
    INTERNATIONAL_WORDS,
    READING,
    REGIONAL_WORDS,
    STARTERS,
    STATE_CODE,
    STOP,
    Candidate,
    ReadingWords,
    alternation,
    begins_country,
    canonical_name,
    countries,
    reading_words,
    spells,
)

# A word: letters and digits with apostrophes, "&", inner hyphens, a dot before letters ("Net.nr") or
# between digits ("4.0"), a closing "+" ("Quay+", "QSF+") — not a footnote's number glued to a full stop ("Deal.3").
_WORDISH = re.compile(
    r"\w(?:[\w'\u2019&]|-(?=\w)|\.(?=[^\W\d_])|(?<=\d)\.(?=\d)|(?<=[A-Z]):(?=[A-Z][a-z]))*(?:\+(?![\w+]))?")
_JOINED_CAPITALS = re.compile(r"[A-Z]{2,}[.:][A-Z][A-Za-z]{2,}$")
_RUN_GAPS = frozenset((" ", "-", " - ", " \u2013 ", " & "))  # ("Quay Innovation & Enterprise": one name)


def _run_gap(gap: str) -> bool:
    """Whether two words are next to each other in a run: one space (or several, as PDF text has them),
    or a dash between spaces."""
    return gap in _RUN_GAPS or (gap.isspace() and "\n" not in gap) or " ".join(gap.split()) in ("-", "\u2013")


def _cap(word: str) -> bool:
    return word[0].isupper() or (word[0] in "ei" and capitalised(word))  # "iNNpulsa", "eQuay" too


_PLURAL_ACRONYM = re.compile(r"^[A-Z]+s$")


def _name_shaped(word: str) -> bool:
    """One word that is a name by its shape: "TradEx", "Portal24", "Net.nr", "KMB-Norland", "KMU.DIGITAL",
    "SME:Digital"."""
    if _JOINED_CAPITALS.match(word) or (word.endswith("+") and len(word) > 3 and word[0].isupper()):
        return True  # two words of capitals joined by a full stop or a colon, or a "+" ("Quay+"): a brand
    if word.isupper() or word.islower() or "_" in word or _PLURAL_ACRONYM.match(word):
        return False
    if "-" in word and word.rsplit("-", 1)[1].islower():
        return False  # "MSME-related", "AI-based"
    if any(c.isdigit() for c in word) and sum(c.isalpha() for c in word) < 3:
        return False
    inner = word[1:]
    return (
        any(c.isupper() for c in inner if c.isalpha()) and any(c.islower() for c in word)
    ) or (any(c.isdigit() for c in word) and word[0].isalpha()) or ("." in inner and word[0].isupper())


def shaped_names(text: str, found: list[Candidate]) -> list[Candidate]:
    """Names without a head noun: runs of capitalised words ("Enterprise Norland", "Kit Harbour",
    "Údarás na Farraige"), single words shaped like names ("TradEx", "Net.nr"), and words an
    abbreviation in parentheses spells ("Agence de ports et de quais (APQ)").

    A run holding a head noun is left to the head-noun rules; one that is only a country's name is
    the country. Types start from the name (see ``reading.yaml``) and follow what sentences do with it.
    """
    rw = reading_words()
    toks = [(m.start(), m.end(), m[0]) for m in _WORDISH.finditer(text)]
    out: list[Candidate] = []
    runs, cuts = _runs(text, toks, rw)
    covered = [(c.start, c.end) for c in found if c.kind == "name"]
    runs += [r for r in cuts if not any(a <= r[0][0] < b for a, b in covered) and _LISTED.search(text, 0, r[0][0])]
    for run in runs:
        for part in _separate(run):
            c = _part_name(text, part, rw)
            if c is not None and (net := _NETWORK_AFTER.match(text, c.end)) is not None:
                # "the Diia.Quay centres", "Tech4Quay hubs": a network named after its brand, not the brand
                c = c._replace(end=net.end(), name=f"{c.name} {net[1]}", type=rw.default_instrument)
            if c is not None:
                out.append(c)
    for m in _NEW_NAME.finditer(text):  # "was renamed ABC in 2007": a bare abbreviation as a new name
        if m[1] not in rw.not_names and not any(c.start <= m.start(1) < c.end for c in (*found, *out)):
            out.append(Candidate(m.start(1), m.end(1), rw.default_actor, m[1], "proper"))
    ends = {c.end: c for c in found if c.kind in ("name", "quoted")}
    for m in ABBREVIATION.finditer(text):
        if m.start() in ends:
            if (wider := _spelt_across(text, toks, ends[m.start()], found, m)) is not None:
                out.append(wider)
            continue
        shorter = next((c for c in out if c.end == m.start() and c.kind == "proper"), None)
        spelt = _spelt_by(text, toks, m.start(), m[1])
        if spelt is None or (shorter is not None and spelt >= shorter.start):
            continue
        words = text[spelt : m.start()].split()
        if words[-1] in rw.document_nouns:
            continue  # "Memorandum of Understanding (MoU)": a document, spelt out
        # "Innovation, Trade and Harbours Portugal (ITH)": the words spelt, not the run before the brackets
        out = [c for c in out if not spelt <= c.start < m.start()]
        out.append(Candidate(spelt, m.start(), shaped_type(words), canonical_name(text[spelt : m.start()]),
                             "proper", m[1]))
    return out


_Run = list[tuple[int, int, str]]
_NETWORK_AFTER = re.compile(
    rf" ((?:(?!(?:{STOP}|and|or|for|in|on|at)\s)[a-z]+\s+){{0,2}}"
    r"(?:centres|centers|hubs|clinics))(?![\w-])"
)
_LISTED = re.compile(r"[A-Z][\w'\u2019.-]*\)?,\s*$")  # "Norland Postale, …": an item of a list of names


# A name's one-word subtitle after a colon, when the sentence goes on in lower case or ends ("Help to
# Grow: Digital was a scheme …"); not a label's value ("Partners: Quay Bank") nor a heading's topic.
_SUBTITLE = re.compile(r":\s([A-Z][a-z]+)(?=\s*(?:[.,;)]|$|\s(?:was|is|were|are|will|has|had|offers|offered"
                       r"|provides|provided|closed|opened|ran|runs|and|which|scheme|programme|program)\b))")


def _head_and_name(text: str, toks: _Run, i: int, rw: ReadingWords) -> bool:
    """Whether an actor's head word is followed by one capitalised word that ends the name ("Service
    Quayland runs …"): not another head, not a word of the sentence, not the start of a longer run."""
    if i + 1 >= len(toks) or text[toks[i][1] : toks[i + 1][0]] != " ":
        return False
    nxt = toks[i + 1][2]
    if not (nxt[:1].isupper() and nxt[1:].islower() or _STATE_CODE.fullmatch(nxt)) or nxt in ANY_HEAD \
            or nxt in rw.not_names or nxt in rw.connectors:
        return False
    after = toks[i + 2][2] if i + 2 < len(toks) else ""
    listed = after in ("and", "or", "&") and i + 3 < len(toks) and toks[i + 3][2][:1].isupper()  # "… and Bank B"
    apart = i == 0 or not _cap(toks[i - 1][2]) or text[toks[i - 1][1] : toks[i][0]].strip()  # ("Finally, Bank B")
    return not (after[:1].isupper() or (after in rw.connectors and not listed)) and bool(apart)


_FOR_ALL = frozenset(("All", "Everyone", "Everybody"))


def _dateline(text: str, toks: _Run, i: int, k: int) -> bool:
    """Whether the words from ``i`` to ``k`` are a dateline's place in capitals and a dash, opening the text."""
    return not text[: toks[i][0]].strip() and "-" in text[toks[k - 1][1] : toks[k][0]].replace("\u2013", "-") \
        and all(t[2].isupper() and len(t[2]) > 2 for t in toks[i:k]) and not toks[k][2].isupper()


def _runs(text: str, toks: _Run, rw: ReadingWords) -> tuple[list[_Run], list[_Run]]:
    """Runs of capitalised words joined by connectors, not the start of a name with a head noun; and
    the words before "and" in such a start, apart (a name in a list of names, if no head-noun name
    covers them)."""
    runs = []
    cuts: list[list[tuple[int, int, str]]] = []
    n = len(toks)
    i = 0
    while i < n:
        w = toks[i][2]
        opens_country = w in rw.not_names and begins_country([t[2] for t in toks[i : i + 4]])  # "New …"
        if w in ACTOR_HEADS and _head_and_name(text, toks, i, rw):
            runs.append(toks[i : i + 2])  # "Service Quayland", "Agency Norland": a body's head, then one name
            i += 2
            continue
        if not _cap(w) or (w in rw.not_names and not opens_country) or w in ANY_HEAD or (
                i == 0 and len(w) >= 7 and w.endswith("ly") and text.startswith(",", toks[0][1])):
            i += 1  # (an adverb opening the sentence is no name: "Similarly, …")
            continue
        last, k = i, i + 1
        while k < n and _run_gap(text[toks[k - 1][1] : toks[k][0]]):
            if _dateline(text, toks, i, k):
                break  # "QUAYTOWN – Thousands more firms …": a press release's place, then its first sentence
            word = toks[k][2]
            inner = word in rw.inner_words and k + 1 < n and _cap(toks[k + 1][2])  # "Grow Your Exports Online"
            if (_cap(word) and word not in rw.not_names and word not in ANY_HEAD) or _elided_cap(word) or inner:
                last = k  # "… l'Industria", "Osez l'IA": an elided article before a capital stays in the name
            elif word in _FOR_ALL and last == k - 2 and toks[k - 1][2] == "for":
                last = k  # "Prosperity for All", "Skills for Everyone": a name's ending
            elif word[0].isdigit() and last == k - 1 and edition(word) and not _MAGNITUDE.match(text, toks[k][1]):
                last = k  # "Harbour 2030", "Quay 4.0" (not an amount: "TL 4.2 billion")
            elif word in ("2", "4") and last == k - 1 and k + 1 < n and _cap(toks[k + 1][2]):
                pass  # "Quay 4 Docks", "Piers 2 Go": a digit read as "for" or "to", inside a name
            elif word == "in" and last == i == k - 1 and w in rw.in_name_openers and k + 1 < n and _cap(toks[k + 1][2]):
                pass  # "Invest in Norland", "Made in Norland": a verb and "in" open the name
            elif word == "and" and k + 2 < n and toks[k + 1][2] in rw.in_name_openers and toks[k + 2][2] == "in":
                break  # "Visit Norland and Invest in Norland": the second name opens on its verb
            elif word == "to" and last == i == k - 1 and not w.isupper() and k + 1 < n and _cap(toks[k + 1][2]):
                pass  # "Help to Grow", "Ready to Trade": a name's "to" (not "from SBO to Enterprise Norland")
            elif word not in rw.connectors or word[0].isdigit():
                break
            k += 1
        if last > i and (sub := _SUBTITLE.match(text, toks[last][1])) is not None:
            last = next(j for j in range(last + 1, n) if toks[j][0] == sub.start(1))  # "Help to Grow: Digital"
        run = toks[i : last + 1]
        i = max(last + 1, i + 1)
        gap = text[toks[last][1] : toks[last + 1][0]] if last + 1 < n else ""
        following = toks[last + 1][2] if gap.lstrip("\"\u201d\u2019") == " " else ""  # "Quay Days" event
        if following not in ANY_HEAD and following not in rw.modifier_nouns:
            runs.append(run)  # else the start of a name with a head noun ("… Agency") or a modifier
        elif (cut := next((j for j in range(len(run) - 1, 0, -1) if run[j][2] == "and"), None)) is not None:
            # "…, Sorvik Mutuel and Quay Bank": the name before "and" may be one too; before "and the", it is
            (runs if cut + 1 < len(run) and run[cut + 1][2] == "the" else cuts).append(run[:cut])
    return runs, cuts


_MAGNITUDE = re.compile(r"\s*(?:million|billion|trillion|thousand|crore|lakh|bn|mn|m|k)\b", re.I)  # "4.2 billion"
_OFFICES_AS_BODIES = frozenset(READING["offices_as_bodies"])  # "Harbour Business Commissioner": an office that acts
_TWIN_PLACE = re.compile(r"^[A-Z][a-z\u00e0-\u00ff]+-[A-Z][a-z\u00e0-\u00ff]+$")  # "Cluj-Napoca", "Port-Louis"
# (only these: "of" or "across", _PLACE_CUES for a lone word, come before brands too: "the umbrella of Quay-Digital")
_AT_PLACE = re.compile(r"\b(?:in|at|from|near)\s+$")



def _part_name(text: str, part: list[tuple[int, int, str]], rw: ReadingWords) -> Candidate | None:
    """The name one part of a run is, if it is one: not a starter, a heading, a code, a place."""
    while part and (part[0][2] in rw.connectors or (
        part[0][2].lower() in STARTERS and not begins_country([t[2] for t in part])
    )):
        part = part[1:]
    part = _without_glossed_acronym(_without_trailing_acronyms(part))
    # "MPS Director-General Park Dock": a person after a title ends the name ("Secretary of State for …" is an office)
    titled = next((i for i, t in enumerate(part[:-1])
                   if t[2] in rw.person_titles and part[i + 1][2] not in rw.connectors), None)
    if titled is not None:
        part = part[:titled]
    words = [t[2] for t in part]
    if words and words[-1] in rw.person_titles and words[-1] not in _OFFICES_AS_BODIES:
        return None  # "Trade Secretary", "Finance Minister": an office a person holds, not a body
    if words and _a_post(words, rw):
        return None  # "Director General", "Chief Executive", "Executive Director of X": a person's post, not a body
    if len(words) == 1 and _TWIN_PLACE.match(words[0]) and _AT_PLACE.search(text, max(0, part[0][0] - 6), part[0][0]):
        return None  # "in Port-Louis", "from Cluj-Napoca": a place
    if not words or _shouted(words) or _coded(words) or _place(words, rw) or _portfolio(text, part[0][0], rw) \
            or _person(text, part[0][0], part[-1][1]):
        return None
    if not text[: part[0][0]].strip(" -*#") and _DATELINE.match(text, part[-1][1]):
        return None  # "Sorvik City, 14 March 2032 – …": a press release's dateline names a place
    kind = "proper"
    named_as = _noun_before(text, part[0][0])
    if len(words) in (2, 3) and words[-1] in REGIONAL_WORDS and named_as is None:
        # "Baguio City", "Ilfov County", "Gombe State": a place, or its government when a sentence says it acts
        return Candidate(part[0][0], part[-1][1], "RegionalGovernment", canonical_name(text[part[0][0] : part[-1][1]]),
                         "single")
    if len(words) == 1 and not _name_shaped(words[0]) and named_as is None:
        if not _lone_name(text, part[0][0], words[0]):
            return None
        kind = "single"  # kept only if a sentence relates it to something
    name = text[part[0][0] : part[-1][1]]
    if name in countries().by_name:
        return None
    label = named_as or (shaped_type(words) if kind == "proper" else rw.default_actor)  # a lone name: a body
    return Candidate(part[0][0], part[-1][1], label, canonical_name(name), kind)


_NEW_NAME = re.compile(
    r"\b(?:renamed|became|rebranded\s+as|renamed\s+as|now\s+called)\s+([A-Z][A-Z0-9&]{2,9})(?![\w@-])"
)
_NOUN_BEFORE = re.compile(r"\b(?:([a-z]+)\s+|([A-Za-z]+)(?:\s+\d+(?:\.\d+)*)?\s*:\s*)[*_\"\u201c]{0,2}$")


# "large companies such as Quaytech", "banks including Dockbank and Pierbank": the kind of firm a list names;
# "federations such as Dockoria", "research centres such as Tidec": a kind of body does too
_FIRMS_SUCH_AS = re.compile(
    r"\b(?:(?P<firms>companies|firms|corporations|businesses|banks|lenders|insurers|providers|vendors|retailers"
    r"|platforms)|(?P<bodies>federations|associations|centres|centers|institutes|universities|chambers|hubs))\s+"
    r"(?:such\s+as|including|like|as)\s+(?:[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*\s*(?:,\s*|,?\s+and\s+))*$"
)


# "the telecom operator Sonatide", "the software vendor Quaysoft": a kind of firm right before a name
_FIRM_NOUNS = frozenset(("operator", "firm", "provider", "vendor", "integrator", "lender", "insurer", "startup",
                         "start-up", "consultancy", "retailer", "manufacturer", "incubator", "accelerator"))


def _noun_before(text: str, start: int) -> str | None:
    """The type a common noun right before a name gives it: "the portal Harbourdesk" is a programme,
    "the agency Portex" a body; so does a label ("Program 1.2: Quay Growth Partners"); firms listed after
    "companies such as" are the private sector."""
    window = text[max(0, start - 120) : start]
    if ("such as" in window or "including" in window or " like " in window) and (
            kind := _FIRMS_SUCH_AS.search(window)) is not None:
        return ACTOR_HEADS[kind["bodies"].capitalize()] if kind["bodies"] else "PrivateSector"
    m = _NOUN_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return None
    noun = m[1] or m[2].lower()
    return INSTRUMENT_HEADS.get(noun) or ACTOR_HEADS.get(noun.capitalize()) or (
        "PrivateSector" if noun in _FIRM_NOUNS else None)


# (the portfolio may be a list: "Minister of Trade, Ports and Industry")
_TITLE_FOR = re.compile(
    r"([A-Z][a-z]+)(?:\s+of\s+State)?\s+(?:for|of)\s+(?:the\s+)?(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?:,\s+|\s+and\s+))*$")


_DATELINE = re.compile(rf"\s*,\s*(?:\d{{1,2}}\s+{MONTH}[a-z]*\.?|{MONTH}[a-z]*\.?\s+\d{{1,2}},?)\s+\d{{4}}\b", re.I)


@cache
def _person_cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    rw = reading_words()
    roles = alternation(rw.person_roles)
    titles = alternation(rw.person_titles)
    # ("Trade Secretary: Ana Korsk (2016-2022)": a label naming an office, then the holder)
    # ("said Eng. Ana Korsk"; "the Deputy Minister for Quays and Piers, Ana Korsk": an office, its portfolio, a comma)
    return (re.compile(rf"\b(?:{alternation(rw.person_verbs)}|{roles})\s+(?:(?:{titles})\.?\s+)?$"
                       rf"|\b(?:{titles}|{roles})\s*:\s*$"
                       rf"|\b(?:{titles}|{roles})\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w&'-]*\s*(?:,|and|&)?\s+){{1,6}}?"
                       rf"(?<=,\s)$", re.I),
            # ("…, Ana Korsk, argued that …": set off by commas, the subject of a verb of speech)
            re.compile(rf"\s*,\s*(?:the\s+|an?\s+|its\s+)?(?:[a-z-]+\s+)?(?:{roles})\s+(?:of|at|for)\b"
                       # ("Ana Korsk, Deputy Prime Minister and Minister of …": a title, then another)
                       rf"|\s*,\s*(?:deputy\s+|first\s+)?(?:prime\s+)?(?:{roles})\s*(?:,|and\b)"
                       rf"|(?P<speech>\s*,\s*(?:also\s+)?(?:{alternation([*rw.person_verbs, *rw.speech_verbs])})\b)",
                       re.I),  # ("Ana Korsk, Director General of …")
            re.compile(rf"\s+(?:{titles})\s+[A-Z][a-z]"))


_SAID_AFTER = re.compile(r"\s+(?:said|says|told|added|explained|noted|stated|announced)\b")


@cache
def _title_before() -> re.Pattern[str]:
    """A person's title earlier in the clause (``person_titles`` of reading.yaml)."""
    return re.compile(rf"\b(?:{alternation(reading_words().person_titles)})\b[^,;.]*$")


def _person(text: str, start: int, end: int) -> bool:
    """ "said Ana Korsk", "chief executive Ana Korsk", "Ana Korsk, chief executive of …": the words name a
    person; "Harbour Minister Ana Korsk": they are a minister's portfolio."""
    before, role, title = _person_cues()
    set_off = role.match(text, end)
    if set_off is not None and set_off["speech"] and text[:start].strip() and not text[:start].rstrip().endswith(","):
        set_off = None  # a verb of speech after a name is a person's when commas set the name off (or it opens)
    # ("Minister of Culture and Information Adel Korsk said …": an office's holder, named before a verb of speech)
    holder = bool(_SAID_AFTER.match(text, end)) and _title_before().search(text, max(0, start - 60), start) is not None
    return before.search(text, max(0, start - 80), start) is not None or set_off is not None \
        or title.match(text, end) is not None or holder


def _portfolio(text: str, start: int, rw: ReadingWords) -> bool:
    """ "Minister for Harbour Business", "Secretary of State for Quays": the words are a person's
    portfolio, not a body; "Minister Ana Korsk", "Dr Sorvik": a person."""
    m = _TITLE_FOR.search(text, max(0, start - 40), start)
    before = text[max(0, start - 20) : start].split()
    return (m is not None and m[1] in rw.person_titles) or (
        bool(before) and before[-1].strip(".(\"'\u201c") in rw.person_titles
    )


_DEMONYM_ENDINGS = ("an", "ese", "ish", "ch", "ic", "ians", "ans", "i", "'s", "\u2019s")
# A lone capitalised word after these is a place ("in Sorvik", "across southern Norland").
_PLACE_CUES = frozenset(("in", "across", "throughout", "at", "near", "around", "southern", "northern", "eastern",
                         "western", "central", "rural", "urban", "of"))


_APPOSITION_AFTER = re.compile(r",\s+(?:a|an|the|formerly|previously|which|who)\s", re.I)
# What a sentence may say a name is: "… is the national innovation agency", "…, the state development bank,".
_KIND = (
    r"(?:the|a|an|one\s+of\s+the)\s+(?:(?!(?:for|of|in|to|with|by|and|that|which)\b)[\w-]+\s+){0,5}?"
    r"(?:agency|agencies|body|bodies|institution|company|corporation|foundation|bank|authority|organi[sz]ation|association"
    r"|fund|programme|program|scheme|initiative|platform|network|hub|centre|center|council|office|operator|provider)\b"
)
_DEFINED_AFTER = re.compile(rf"\s+(?:is|was|has\s+been|became|remains)\s+(?:now\s+)?{_KIND}")
_KIND_APPOSED = re.compile(rf",\s+{_KIND}")  # "NORFIN, the state development bank,"


# "the Chillán earthquake": a lower-case noun after the word (not a function word or a verb of the sentence)
_MODIFIED = re.compile(
    rf"\s+(?!(?:{STOP}|and|or|but|for|in|on|at)\b)[a-z]{{3,}}(?![\w-])(?!\s+(?:the|a|an|its|their)\b)"
)


_LIST_BEFORE = re.compile(r"(?:,|\band|\bor)$")
_LIST_AFTER = re.compile(r"\s*(?:,|and\b|or\b|[.;:)]|$)")


def _lone_name(text: str, start: int, word: str) -> bool:
    """Whether one capitalised word inside a sentence may be a name ("… through Portex, which …"):
    not the sentence's first word, not an adjective of nationality."""
    before = text[:start].rstrip()
    if before.isdigit() or not before.strip("\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"):
        before = ""  # "¹ Figures provided by …": a footnote's mark opens the sentence
    if len(word) < 4:
        return False
    if before.endswith((" the", " The")) and _MODIFIED.match(text, start + len(word)):
        return False  # "after the Chillán earthquake": the word qualifies the noun after it
    if not before or before[-1] in ".:;!?\"'\u201c\u2018(-\u2013\u2014|*#":
        # A sentence may open on a name its apposition explains ("Portex, a non-profit platform, …"), or that
        # the sentence defines ("Portex is the national innovation agency", "NORVEX is a development bank").
        if _DEFINED_AFTER.match(text, start + len(word)) is not None:
            return word[1:].islower() or word.isupper()
        if word.isupper() and len(word) >= 3:
            return _KIND_APPOSED.match(text, start + len(word)) is not None  # "NORFIN, the state bank, runs …"
        return _APPOSITION_AFTER.match(text, start + len(word)) is not None and word[1:].islower()
    if before.rsplit(None, 1)[-1].lower() in _PLACE_CUES or before.rsplit(None, 1)[-1] in reading_words().person_titles:
        return False  # "in Sorvik": a place; "Mr Harbourne": a person
    if word.isupper() and len(word) >= 3:  # an abbreviation never spelt out, that its apposition says is a body,
        # or an item of a list ("works with Quay University, QPFL and Dockline")
        return _KIND_APPOSED.match(text, start + len(word)) is not None or (
            _LIST_BEFORE.search(before) is not None and _LIST_AFTER.match(text, start + len(word)) is not None)
    return not word.endswith(_DEMONYM_ENDINGS) and word[1:].islower()


def _without_trailing_acronyms(part: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "Enterprise Norland MTI PSG" (a table's cells run together): abbreviations after a name go."""
    rw = reading_words()
    words = [t[2] for t in part]
    cut = len(words)
    while cut > 2 and words[cut - 1].isupper() and len(words[cut - 1]) <= 6 and words[cut - 2] not in rw.connectors \
            and words[cut - 1] not in rw.actor_words:  # (a company's "AB", "AS", "AG" ends its name)
        cut -= 1
    if sum(not w.isupper() for w in words[:cut]) < 2:
        return part  # "SPRING Norland", "Harbour KMU": the abbreviations are the name
    if cut == len(words) - 1 and _STATE_CODE.fullmatch(words[-1]) and not words[-2].isupper():
        return part  # "Cyber Security NRW", "Dock Business QC": one short code after words, a state's or a province's
    return part[:cut]


_STATE_CODE = re.compile(STATE_CODE)


def _without_glossed_acronym(part: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "EDH European Digital Hub" (a glossary line): the abbreviation its words spell goes."""
    if len(part) > 2 and part[0][2].isupper() and len(part[0][2]) >= 2:
        initials = "".join(t[2][0] for t in part[1:] if t[2][0].isupper())
        if initials.startswith(part[0][2].rstrip("s")):
            return part[1:]
    return part


_CODE = re.compile(r"^[A-Z]{1,2}\d{1,2}$")


def _coded(words: list[str]) -> bool:
    """An item code before a word ("F1 Relevance", "R2 Simplify") or a string of abbreviations
    ("IMDA MCI", a table's cells run together; "PRTR for SMEs") is not a name."""
    if _CODE.match(words[0]) and len(words) > 1:
        return True
    capitals = [w for w in words if w[:1].isupper()]
    return len(capitals) > 1 and all((w.isupper() or _PLURAL_ACRONYM.match(w)) and len(w) <= 6 for w in capitals)


def _a_post(words: list[str], rw: ReadingWords) -> bool:
    """Whether the words open on a person's post (``person_roles`` of reading.yaml): "Director General", "Chief
    Executive", or one after a word and before "of" ("Executive Director of X"); not "Secretary of State for X"."""
    lower = [w.lower() for w in words]
    if "for" in lower[1:4]:
        return False  # "Spokesperson for Small Entrepreneurs", "Commissioner for X": an office that acts as a body
    roles = rw.person_roles
    return lower[0] in roles or " ".join(lower[:2]) in roles or (
        len(lower) > 2 and lower[1] in roles and words[2] in rw.connectors)


def _place(words: list[str], rw: ReadingWords) -> bool:
    """A place or a document rather than a body: "South Wales", "Kildare Street", "Annual Report 2025"."""
    return (
        words[0] in rw.compass_words
        or (words[-1] in rw.place_nouns and len(words) <= 2)
        or words[-1] in rw.document_nouns
        or (len(words) > 1 and words[-2] in rw.document_nouns and words[-1][:1].isdigit())  # "Report 2025"
    )


def edition(word: str) -> bool:
    """A number that belongs to a name: a year ("Harbour 2030") or a version ("4.0")."""
    return (len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")) or ("." in word and word[0].isdigit())


def _shouted(words: list[str]) -> bool:
    """A heading in capitals ("PRESS RELEASE", "CONCLUSIONS AND RECOMMENDATIONS"), not a name."""
    long_caps = [w for w in words if w.isupper() and len(w) > 3]
    return len(long_caps) >= 2


def _separate(run: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """A run split where "and" joins two names rather than two words of one name: before "the", or
    next to an abbreviation or a one-word name ("Portex and Quayco", "NDA and HARBOUR Norland")."""
    parts: list[list[tuple[int, int, str]]] = [[]]
    for j, tok in enumerate(run):
        w = tok[2]
        # Not in a name's tail ("Secretary of State for A and B"); looked at only at an "and".
        if w in ("and", "&") and 0 < j < len(run) - 1 and not any(t[2] in ("of", "for") for t in parts[-1]):
            before, after = run[j - 1][2], run[j + 1][2]
            rest = [t for t in run[j + 1 :] if t[2] not in ("and", "&")]
            if after == "the" or before.isupper() or after.isupper() or len(parts[-1]) == 1 or (
                len(parts[-1]) >= 2 and len(rest) >= 2 and all(_cap(t[2]) for t in rest)
            ) or (len(rest) == 1 and _name_shaped(rest[0][2])):
                parts.append([])
                continue
        parts[-1].append(tok)
    return [p for p in parts if p and p[-1][2] not in ("and", "&", "the", "of", "for")]


_ELISION = re.compile(r"^(?:[ldjmnst]|qu)['\u2019]", re.I)


def _elided_cap(word: str) -> bool:
    m = _ELISION.match(word)
    return m is not None and word[m.end() : m.end() + 1].isupper()


def _spelt_by(text: str, toks: list[tuple[int, int, str]], before: int, acronym: str) -> int | None:
    """Where the words an abbreviation spells begin, ending at ``before``: its letters are the words'
    initials in order, the first word capitalised ("Agence de ports et de quais (APQ)")."""
    letters = [c.lower() for c in acronym.rstrip("s") if c.isalpha()]
    if len(letters) < 2:
        return None
    words = [t for t in toks if t[1] <= before][-(2 * len(letters) + 4) :]
    if not words or text[words[-1][1] : before].strip():
        return None
    li = len(letters) - 1
    if len(words) > 1 and words[-1][2] in countries().by_name and words[-1][2][0].lower() != letters[-1]:
        words = words[:-1]  # "Innovation and Harbours Portugal (IH)": the country is not spelt
    for j in range(len(words) - 1, -1, -1):
        start, _, word = words[j]
        word = _ELISION.sub("", word) or word  # "l'industrie" gives its "i"
        if li >= 0 and word[0].lower() == letters[li]:
            li -= 1
            if li < 0:
                return start if _cap(word) else None
        elif j == len(words) - 1:
            return None  # the last word must give the last letter
    return None


def _spelt_across(text: str, toks: _Run, name: Candidate, found: list[Candidate], m: re.Match[str]) -> Candidate | None:
    """The whole name an abbreviation spells when a head inside its tail was read as a name of its own:
    "Ministry of Harbours, Quays and Local Government (MHQLG)" is one ministry, not "Local Government"
    with the ministry before it. Only lower-case words are passed over, and the name opens a mention."""
    if spells(m[1], name.name):
        return None
    spelt = _spelt_by(text, toks, m.start(), m[1])
    first = next((c for c in found if c.start == spelt and c.kind == "name"), None)
    if spelt is None or first is None or spelt >= name.start:
        return None
    words = text[spelt : m.start()].replace(",", " ").split()
    if sum(w[0].isupper() for w in words) != sum(c.isupper() for c in m[1]):
        return None  # every capitalised word gives a letter: none is passed over
    return Candidate(spelt, m.start(), first.type, canonical_name(text[spelt : m.start()]), "name", m[1], first.head)


def shaped_type(words: list[str]) -> str:
    """A name found by shape: a body when it ends with a country's name ("Enterprise Norland") or holds
    a word of bodies; an instrument otherwise ("Norland Num", a country's name first, is a programme)."""
    rw = reading_words()
    regional = words[0] in REGIONAL_WORDS or ACTOR_HEADS.get(words[0]) == "RegionalGovernment"
    if len(words) > 2 and words[1] == "of" and regional:
        return "RegionalGovernment"  # "Region of Occitania", "City of Quay", "Land of Sorvik"
    if len(words) >= 2 and words[0] in ACTOR_HEADS and not regional:
        return ACTOR_HEADS[words[0]]  # "Chambres de commerce et d'industrie": a head first, its tail in lower case
    if len(words) >= 2 and words[-1] in INSTRUMENT_HEADS:
        return INSTRUMENT_HEADS[words[-1]]  # "Industry digitalisation grants": an instrument's noun last
    if any(w in rw.actor_words for w in words) or (len(words) > 1 and words[-1] in countries().by_name):
        return rw.default_actor
    if words[0] in INTERNATIONAL_WORDS and len(words) <= 3:
        return "InternationalOrganization"
    return rw.default_instrument

