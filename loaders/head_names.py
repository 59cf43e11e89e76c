"""Names found by their head noun: "Ministry of …", "… Agency", "… Act", "… programme", "Strategy for …".

The head is found first; the capitalised words before it are walked back over a handful of tokens, and
an "of …"/"for …" tail is matched forward (scanning every capitalised run with one backtracking pattern
was quadratic in Title-Case headings). The type comes from the head (``reading.yaml``'s lexicon), made
regional or international by the words around it.
"""

from __future__ import annotations

import re
from functools import cache

from loaders.lexicon import (
    ABBREVIATION,
    ACTOR_HEAD_RE,
    ACTOR_HEADS,
    ANY_HEAD,
    CAPITALS,
    INITIALS,
    INSTRUMENT_HEADS,
    INSTRUMENT_TITLE_HEADS,
    INTERNATIONAL_WORDS,
    LAW_HEADS,
    NETWORK_HEADS,
    READING,
    REGIONAL_WORDS,
    SENTENCE_CASE_HEADS,
    STARTERS,
    STATE_CODE,
    STOP,
    TAIL_OPENERS,
    Candidate,
    alternation,
    canonical_name,
    countries,
    owner_in_name,
    reading_words,
    spells,
    strip_starters,
)

_STOP_WORDS = frozenset(STOP.replace("\\", "").split("|")) | {"e.g", "i.e"}


# a capitalised word (elided: "l'Italia"), an acronym or a number
# (and "eGovernment"; not the pronoun: "the Ministry of Quays, and I think …")
_CW = rf"(?:(?!I\s+[a-z])(?:[ldLD]['\u2019])?[{CAPITALS}0-9](?:[\w'&]|[.-](?=\w))*|[a-z]{{1,4}}[A-Z][\w'&]*)"


# "and" in the languages names are written in: "Economy, Development and Tourism", "Fomento y Turismo".
_AND = "and|&|y|e|et|und|en|og|och"
_CLOSING_AND = re.compile(rf"\s(?:{_AND})\s")

# "Secretaría de Estado de Digitalización", "Cámara de Comercio de Quay": "de" again inside a tail (an
# English "of" again is mostly the country: "Ministry of Ports of Norland").
_INNER_OF = (
    r"\s+(?:de|del|des|du|di|della|delle|dello|dei|degli|der|van|da|do|dos|das|\u00e0s|aos|ao|pela|pelo|zur|zum)\s+"
    rf"(?:(?:la|el|los|las|le|les|a|o)\s+)?(?=[{CAPITALS}][a-z\u00e0-\u00ff])"
)

# A tail's "and" goes on unless a body's name follows: "… and Industry", "… and the Civil Service" stay;
# "… and the Quay Employers Federation" is another body.
_NEXT_BODY = (  # ("… and the Valdorian Chamber of Docks": a head with a tail of its own is another body too)
    # ("… of Premier and Cabinet leads …": a bare head with nothing after it ends the tail, a head of its own)
    rf"the\s+(?:{ACTOR_HEAD_RE})\b|(?:{ACTOR_HEAD_RE})(?=\s+(?:(?-i:[A-Z])|of\b|for\b))"
    rf"|the\s+(?:[A-Z][\w'-]*\s+(?:and\s+)?){{2,5}}(?:{ACTOR_HEAD_RE})\b"
    rf"|the\s+[A-Z][\w'-]*\s+(?:{ACTOR_HEAD_RE})\s+[A-Z]"  # "… and the Business Federation Norland"
    # "Department of Quays and Corporate Services Division": words of its own, then a head, are another body
    rf"|(?-i:(?:[A-Z][\w'-]*\s+){{2,4}}(?:{ACTOR_HEAD_RE}))\b(?!\s+(?:of|for|and|&)\b)"
    # "… of Finance and the Norland Industrial Development Fund", "… of SMEs and the Scheme for …": an instrument's
    # name (or a fund that is a body)
    rf"|the\s+(?:[A-Z][\w'-]*\s+){{0,3}}(?:{alternation(h.capitalize() for h in INSTRUMENT_HEADS)})\b"
    rf"|the\s+[A-Z][\w'-]*\s+(?:{ACTOR_HEAD_RE})\s+(?:of|for)\s"
    rf"|the\s+[{CAPITALS}]{{2,}}(?![\w-])"  # "… Research and Economy and the WKÖ": another body's abbreviation
    rf"|[{CAPITALS}]{{4,}}(?![\w-])"  # "… of Ports and MDOCKS" (not a topic's: "… of Posts and ICT")
)
_TAIL = (  # not a year first: "the annual report of the Harbour Corporation for 2031"
    rf"(?:(?:the|a|la|el|los|las|le|les|o)\s+)?(?!(?:19|20)\d\d\b){_CW}"
    rf"(?:(?:\s*,\s*(?:(?:{_AND})\s+(?!{_NEXT_BODY}))?(?:the\s+|de\s+|des\s+|du\s+)?|\s+(?:{_AND})\s+(?!{_NEXT_BODY})"
    rf"(?:the\s+|(?:del|della|delle|dei|de|des|du|do|da|dos|das)\s+)?"
    # "Confederation of Chambers of Commerce", "Presidency of the Council of Harbours", "Agency for the Promotion
    # of Exports", "Scheme for the Dock Upgrading of Piers", "… Readiness of Piers": one name
    # "Ministry for Development of Trade", "Office of the Deputy Prime Minister for Trade and Exports"
    rf"|{_INNER_OF}|(?:(?<=Chambers)|(?<=Council))\s+of\s+|(?:(?<=tion|ment|ance|ence|sion|ness)|(?<=ing)|(?<=ity))\s+of\s+(?:the\s+)?|(?<=Support)\s+of\s+|\s+for\s+(?:the\s+)?(?=[A-Z])"
    rf"|\s+){_CW})*"
)


# (not the date it was passed: "the Act on Quay Finland on 28 December 2031", "… in 2031"; but "Regulation of the
# Secretary of State of 20 February 2031" is named by its date)
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_NAMES = frozenset(re.findall(r"[A-Z][a-z]+", _MONTHS))
_NOT_A_DATE = (rf"(?!(?<=\son\s)\d{{1,2}}\s+{_MONTHS}\b)(?!(?<=\sin\s)(?:19|20)\d\d\b)"
               r"(?!(?<=\son\s)(?:19|20)\d\d\b)")
_LAW_TAIL = rf"(?:the\s+)?{_CW}(?:(?:\s+(?:(?:of|the|and|for|on|in|to|&)\s+)+|\s+|\s*,\s*){_NOT_A_DATE}{_CW})*"


# Names are found head first: a head noun, then the capitalised words before it (walked back in
# Python over a handful of tokens) and an "of …"/"for …" tail matched forward. Scanning a statement
# for every capitalised run with a backtracking pattern was quadratic in Title-Case headings.
TOKEN = re.compile(  # not "Deal.3"; "Quay+"
    r"[\w&'\u2019-]+(?:(?:\.(?=[^\W\d_])|(?<=\d)\.(?=\d))[\w&'\u2019-]+)*(?:\+(?![\w+]))?|[^\w\s]")


_ACTOR_TAIL = re.compile(rf"(?:\s+General)?\s+(?:{TAIL_OPENERS})\s+{_TAIL}")  # "Dirección General de …"
# Heads of names in Romance languages, whose adjectives follow them ("Servicio Nacional de …")
ROMANCE_HEADS = frozenset(READING["heads_before_adjectives"])
_ARTICLES = frozenset(READING["articles_before_heads"])
_ADJECTIVES_TAIL = re.compile(rf"(?:\s+[{CAPITALS}][a-z\u00e0-\u00ff]+){{1,2}}\s+(?:{TAIL_OPENERS})\s+{_TAIL}")
_ADJECTIVES_ONLY = re.compile(rf"(?:\s+[{CAPITALS}][a-z\u00e0-\u00ff]+){{1,2}}(?![\w-])(?!\s+[{CAPITALS}0-9])")


# "Decree No. 2030-12", "Regulation (EU) 2031/555", "Decree-Law No. 48 of 3 May 2029".
_LAW_NUMBER = re.compile(
    # "Decree 12/2031/ND-QX", "Law 31,415"
    r"(?:\s+\((?:EU|EC|EEC|EU,\s*Euratom)\))?\s+(?:No\.?\s*)?(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d[\d/.-]*\d)"
    r"(?:/[A-Z]{1,5}(?:-[A-Z]{1,5})*)?"
    # "… of 3 May 2029", "Act No. 5 of 2019"
    rf"(?P<date>\s+of\s+(?:\d{{1,2}}\s+{_MONTHS}\s+)?(?:19|20)\d\d(?![\w/-]))?"
)


_LAW_TAIL_AFTER = re.compile(rf"\s+(?:on|of|for|concerning|regarding|relating\s+to)\s+{_LAW_TAIL}")
_YEARS_NEXT = re.compile(r"\s+\w+\s+(?:the\s+)?(?:19|20)\d\d")  # "… of 29 April 2031 for the 2031-2037 period"


_MAX_NAME_WORDS = 9  # words before an instrument's head noun


DASHES = frozenset(("-", "\u2013", "\u2014"))


_ACRONYM_WORD = re.compile(r"^(?![A-Z]+s$)[A-Z][a-z]*[A-Z][A-Za-z]*$")  # "MoT", not a plural such as "SMEs"


def cut_after_acronym(words: list[str]) -> list[str]:
    """ "MoT and Storm Board" names the Storm Board: an abbreviation before "and" is another body."""
    for i in range(len(words) - 1, 0, -1):
        if words[i] in ("and", "&") and _ACRONYM_WORD.match(words[i - 1]):
            return words[i + 1 :]
    return words


@cache
def _document_title() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{alternation(reading_words().document_titles)})(?![\w-])")


_HEAD_WORD = re.compile(rf"\b(?:{ACTOR_HEAD_RE})\b")


def trim_tail(tail: str) -> str:
    """A tail with a comma keeps it only as part of a list closed by "and" ("Trade, Industry and Energy"),
    up to the item that closes it ("…, Trade and Employment, 23 Quay Street" ends at "Employment"); a tail
    ends before a document's title ("of Ports Annual Report 2031": the ministry's report)."""
    if (title := _document_title().search(tail)) is not None:
        tail = tail[: title.start()]
    if "," not in tail:
        return tail.rstrip(" ,")
    parts = tail.split(",")
    # "of Ports, the Harbour Enterprise Agency and …": a list of bodies, not of a portfolio's topics
    parts = parts[: next((i for i, part in enumerate(parts) if i and _HEAD_WORD.search(part)), len(parts))]
    closing = [i for i, part in enumerate(parts) if _CLOSING_AND.search(part)]
    return ",".join(parts[: closing[-1] + 1] if closing and closing[-1] > 0 else parts[:1]).rstrip(" ,")


def actor_type(head: str, prefix_words: list[str], tail: str) -> str:
    label = ACTOR_HEADS[head]
    words = set(prefix_words) | set(tail.split())
    # "Regional Development Agency" is a region's; "Agency for Regional Development" may be the nation's.
    national = "National" in prefix_words or "Federal" in prefix_words or any(
        w in countries().by_name for w in prefix_words) or (  # "Harbourland Regional Development Corporation"
        prefix_words == ["State"] and tail.startswith((" of ", " for ")))  # "State Secretariat for Quays": the nation's
    if not national and (
        (label == "Agency" and set(prefix_words) & REGIONAL_WORDS) or (label == "Government" and words & REGIONAL_WORDS)
    ):
        return "RegionalGovernment"
    if head in ("Organisation", "Organization", "Bank", "Commission", "Council") and (
        words & INTERNATIONAL_WORDS or "Co-operation" in words or "Cooperation" in words
    ):
        return "InternationalOrganization"
    return label


# "e-Shop", "eBiz", "i-Voucher", "ecoQuay", "mDock": a brand written in camel case is a name's word all the same
_E_PREFIXED = re.compile(r"^[a-z]{1,4}-?[A-Z]")


def capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit() or _E_PREFIXED.match(word) is not None


_OWNERS_S = re.compile(r"(?<=\w)['\u2019]s$")
_OWNER_ENDINGS = ("'s", "\u2019s")


def owns(text: str, tok: tuple[int, int, str]) -> bool:
    """Whether a word is written with an owner's "'s" after it."""
    return text[tok[1] : tok[1] + 2] in _OWNER_ENDINGS


def head_named(text: str) -> list[Candidate]:
    """Actors, laws and instruments named by a head noun (see the comment above ``TOKEN``)."""
    # "the Norland Government's" has a head (the pattern runs only on words that may hold an "'s")
    words = [_OWNERS_S.sub("", w) if w.endswith(_OWNER_ENDINGS) else w for w in TOKEN.findall(text)]
    # (start, end, word) of the words up to the latest head, found as needed: tokens cover every
    # character but white space, so each word starts at its first occurrence after the one before.
    toks: list[tuple[int, int, str]] = []
    pos = 0
    out: list[Candidate] = []
    for h, head in enumerate(words):
        named_law = head in _LOWER_LAWS and h > 0 and _ACRONYM_WORD.match(words[h - 1]) is not None
        if head not in ANY_HEAD and not named_law:
            continue
        for w in words[len(toks) : h + 1]:
            start = text.find(w, pos)
            pos = start + len(w)
            toks.append((start, pos, w))
        if head in ACTOR_HEADS:
            out += _actor_at(text, toks, h)
        if head in LAW_HEADS:
            out += _law_at(text, toks, h)
        if head in SENTENCE_CASE_HEADS or head in INSTRUMENT_TITLE_HEADS:
            out += _instrument_at(text, toks, h)
        if named_law:  # "the NOTRe law", "the PACTE act": an abbreviation names the law
            start, end = toks[h - 1][0], toks[h][1]
            name = canonical_name(text[start:end])
            out.append(Candidate(start, end, INSTRUMENT_HEADS[head], name, "name", head=head))
    return out


_LEGAL_FORM = re.compile(r" (?:Limited|Ltd\.?|PLC|plc|Inc\.?|LLC|GmbH|S\.A\.|SpA|Pty Ltd)(?![\w-])")
def _spelt_with(text: str, at: int, words: list[str]) -> bool:
    """Whether the abbreviation in brackets at ``at`` spells the words, the last of them included."""
    m = ABBREVIATION.match(text, at)
    if m is None or not spells(m[1], " ".join(words)):
        return False
    return m[1][-1].lower() == words[-1].split()[-1][0].lower()


_OF_OPENER = re.compile(r"[A-Z][a-z]+$")  # one capitalised word ("Seal"), not an abbreviation
_LOWER_LAWS = frozenset(("law", "act", "decree", "ordinance"))  # after an abbreviation: "NOTRe law", "PACTE act"


def _actor_at(text: str, toks: list[tuple[int, int, str]], h: int) -> list[Candidate]:
    hs, he, head = toks[h]
    first = h
    j = h - 1
    while j >= 0:
        w = toks[j][2]
        if w in _MONTH_NAMES or (w.isdigit() and len(w) == 4 and j > 0 and (
                toks[j - 1][2] in _MONTH_NAMES or toks[j - 1][2].lower() in ("in", "on", "since", "from", "until"))):
            break  # "On 4 August 2031 Cabinet approved …": a date before a body's name is no part of it
        if owns(text, toks[j]):
            if not owner_in_name(w) or first != j + 1:
                break  # "the Commission's Research Centre": the owner is not part of the name
            first = j  # "the Deputy Minister's Office": an office named after its holder
        elif capitalised(w) and toks[j][1] + 1 <= toks[j + 1][0]:
            first = j
        elif w == "." and j > 0 and INITIALS.fullmatch(toks[j - 1][2]) and toks[j - 1][1] == toks[j][0] \
                and toks[j][1] + 1 <= toks[j + 1][0]:
            first = j - 1  # "the U.S. Census Bureau": the country's initials open the name
            j -= 1
        elif w in ("and", "&") and j > 0 and capitalised(toks[j - 1][2]) and first == j + 1 and (
                j + 1 < h or not (_ACTOR_TAIL.match(text, he) or _NAME_AFTER_HEAD.match(text, he))) \
                and not _in_a_tail(text, toks, j) and (
                toks[j - 1][2] not in ACTOR_HEADS or not toks[j + 1][2][1:].islower()):
            pass  # "Trade and Industry Agency", "… Council and SMEs Dock Agency" (not "… Port Center and
            # Shipping Office": a head, then a plain word, begins another body; nor "… of Industry and Ministry of …",
            # "Ministry of Piers and Cabinet Office": the word before "and" ends another name's tail)
        else:
            break
        j -= 1
    pre = [t[2] for t in toks[first:h]]
    if "and" in pre and first > 0 and toks[first - 1][2] == "," and pre.index("and") >= 2:
        pre = pre[len(pre) - pre[::-1].index("and") :]  # "…, Crédit Norland and Quay Bank": the last item
    kept = cut_after_acronym(strip_starters(pre))
    if len(kept) == 1 and kept[0] in _ARTICLES and (head not in ROMANCE_HEADS or not text[: toks[first][0]].strip()):
        kept = []  # "Il Ministero …" opening a sentence: the article opens no name (inside one: "by La Banque X")
    m = _ACTOR_TAIL.match(text, he)
    if m is None and head in ROMANCE_HEADS:  # "Agência Brasileira de Desenvolvimento …": adjectives, then the tail
        m = _ADJECTIVES_TAIL.match(text, he) or _ADJECTIVES_ONLY.match(text, he)  # (or none: "Banque Portuaire")
    tail = trim_tail(m[0]) if m else ""
    if kept and tail.startswith(" on ") and any(w.lower() in INSTRUMENT_HEADS for w in tail.split()):
        tail = ""  # "the Norland Port Agency on the Quay Voucher": a body works on an instrument, not named by it
    if kept and _OF_ANOTHER_BODY.match(tail):
        tail = ""  # "the Digital Office of the Ministry of Ports": two bodies, the one part of the other
    if (bare := _BARE_HEAD_TAIL.fullmatch(tail)) is not None and bare[1] in ANY_HEAD \
            and ACTOR_HEADS.get(bare[1]) != "Government":  # (but "Office of the Presidency" is one name)
        tail = ""  # "a Harbour Committee for the Grant": the grant the text defined, not a name's words
    c = _COUNTRY_SUFFIX.match(text, he + len(tail)) if tail else None
    if c is not None and {c[1], c[1].title()} & countries().by_name.keys():
        tail += c[0]  # "Organization for Harbour Innovation, NORLAND (OHIN)", "Ministry of Made in Norland (MMN)"
    elif tail and (c := _OF_COUNTRY.match(text, he + len(tail))) is not None and (
            ACTOR_HEADS[head] != "Ministry" and c[1] in countries().by_name  # (a ministry's country only qualifies it)
            or _spelt_with(text, c.end(), [*kept, head, tail, c[0]])
            or (tail.endswith(" Republic") or c[1].endswith(" Republic")) and c[1] in countries().by_name):
        # "Chamber of Docks and Piers of Norland", "Government of the Republic of Norland", "Ministry of
        # Trade of Valdoria (MoTV)" (its abbreviation spells the country too), "Ministry of X of the Republic of
        # Norland" (the state's formal name goes on from "of the Republic")
        tail += c[0]
    elif not tail and kept and (c := _COUNTRY_AFTER.match(text, he)) is not None and c[1] in countries().by_name:
        tail = c[0]  # "Harbour Agency Norland": a body named with its country after the head
    elif not tail and kept and (c := _REGION_AFTER.match(text, he)) is not None:
        tail = c[0]  # "Economic Chamber Upper Norland"
    elif not tail and kept and (c := _STATE_AFTER.match(text, he)) is not None and not spells(
            c[1], " ".join([*kept, head])):
        tail = c[0]  # "Local Government NRW": a state's or a province's code after the head (not "… Agency QA")
    if not tail and (legal := _LEGAL_FORM.match(text, he)) is not None:
        tail = legal[0]  # "Valport Management Company Limited": the company's legal form ends its name
    if not kept and not tail and ACTOR_HEADS[head] == "Government" and head != "Government" and (
            h == 0 or toks[h - 1][2] not in _ARTICLE_BEFORE):
        return [Candidate(hs, he, "Government", head, "name", head=head)]  # "Cabinet approved …": the country's
    if not kept and not tail:
        return []  # a bare "Office": a reference, resolved elsewhere
    start = toks[h - len(kept)][0] if kept else hs
    if (other := _AND_THE_BODY.search(tail)) is not None and _LISTED_BEFORE.search(text, max(0, start - 12), start):
        tail = tail[: other.start()]  # "A, the Department of Piers and the Quay Authority": the list's last two items
    kept = [w + text[e : e + 2] if owns(text, (b, e, w)) else w for b, e, w in toks[h - len(kept) : h]]
    name = (" ".join([*kept, head]) + tail).replace(" . ", ". ")  # ("U.S . Census Bureau": "U.S. Census Bureau")
    return [Candidate(start, he + len(tail), actor_type(head, kept, tail), canonical_name(name), "name", head=head)]


def _in_a_tail(text: str, toks: list[tuple[int, int, str]], j: int) -> bool:
    """Whether the capitalised words before "and" (at ``j``) end another name's "of …" tail ("Department of
    Co-operative Business and Corporate Services Division": two bodies)."""
    i = j - 1
    while i > 0 and j - i <= 5 and capitalised(toks[i][2]) and not owns(text, toks[i]):
        i -= 1  # (an owner's name ends the walk: "of Norland's Innovation and Technology Agency" is one body)
    return i < j - 1 and toks[i][2] in ("of", "for")


def _law_at(text: str, toks: list[tuple[int, int, str]], h: int) -> list[Candidate]:
    hs, he, head = toks[h]
    first = h
    while first > 0 and capitalised(toks[first - 1][2]) and toks[first - 1][2].isalnum():
        first -= 1
    kept = strip_starters([t[2] for t in toks[first:h]])
    if number := _LAW_NUMBER.match(text, he):  # a numbered law is named by its number
        end = number.end()
        start = toks[h - len(kept)][0] if kept else hs
        alias = canonical_name(text[start : number.start("date")]) if number["date"] else None
        about = _LAW_TAIL_AFTER.match(text, end) if number["date"] else None
        if about is not None and not _YEARS_NEXT.match(about[0]):
            # "Law No. 11 of 2030 on Dock Creation": what it is on too (its number and date are its short name)
            alias, end = canonical_name(text[start:end]), end + len(about[0].rstrip(" ,"))
        return [Candidate(start, end, "Law", canonical_name(text[start:end]), "name", alias, head)]
    m = _LAW_TAIL_AFTER.match(text, he)
    tail = m[0].rstrip(" ,") if m else ""
    if not kept and not tail:
        return []
    start = toks[h - len(kept)][0] if kept else hs
    end = he + len(tail)
    return [Candidate(start, end, "Law", canonical_name(text[start:end]), "name", head=head)]


def _middle_word(word: str) -> bool:
    """Whether a word may stand inside a lower-case instrument name ("… data platform"; a head noun
    too, as in "… roadmap grant", "… loan guarantee")."""
    if not (word[0].isalnum() or word[0] in "&'"):
        return False
    if word in _STOP_WORDS:
        return False
    return not (word.islower() and word.endswith(("ed", "ly")))


# "… Program on 13 September 2020": a date after a programme's name is not part of it.
_DATED_TAIL = re.compile(rf"\s+\w+\s+(?:the\s+)?(?:\d|{_MONTHS}\b)")


def _list_word(word: str) -> bool:
    """A word that may open a comma list inside a name ("Harbour, Quay and …"): capitalised,
    not a head noun (then the comma ends a name), not a month or another non-name word."""
    return word.isalpha() and word[0].isupper() and word not in ANY_HEAD and word not in reading_words().not_names


def _instrument_at(text: str, toks: list[tuple[int, int, str]], h: int) -> list[Candidate]:
    hs, he, head = toks[h]
    start_index = None
    j = h - 1
    while j >= 0 and h - j <= _MAX_NAME_WORDS:
        w = toks[j][2]
        if w in DASHES and j > 0 and capitalised(toks[j - 1][2]) and capitalised(toks[j + 1][2]) \
                and not toks[j - 1][2].isdigit():  # (not a dateline's "3 March 2031 – The Quay Fund")
            j -= 1  # "Quay Advisory Services – Dock Solutions program": one name
            continue
        if w == "," and j > 0 and _list_word(toks[j - 1][2]) and "and" in (t[2] for t in toks[j + 1 : h]):
            j -= 1  # "Harbour, Quay and Coast Plan": a list inside the name
            continue
        if w == ")" and j >= 3 and toks[j - 2][2] == "(" and toks[j - 1][2].isupper() and capitalised(toks[j - 3][2]):
            j -= 3  # "Harbour Partner (HP) Network": the abbreviation of the words before is inside the name
            continue
        if w in ("a", "an") and j > 0 and toks[j - 1][2] == "for" and capitalised(toks[j + 1][2]):
            j -= 1  # "Quay Funds for a Modern Harbour programme": an article inside the name
            continue
        if w == "of" and j > 0 and _OF_OPENER.match(toks[j - 1][2]) and toks[j - 1][2] not in ANY_HEAD \
                and toks[j - 1][2].lower() not in STARTERS and capitalised(toks[j + 1][2]) and not (
                j > 1 and capitalised(toks[j - 2][2]) and toks[j - 2][2] not in ("The", "A", "An")):
            j -= 1  # "Seal of Excellence scheme": "of" between two single capitalised words (not "Ministry of …")
            continue
        if w in ("to", "in") and j > 0 and capitalised(toks[j - 1][2]) and capitalised(toks[j + 1][2]) and not (
                j > 1 and toks[j - 2][2].lower() in ("from", "between")):  # (not "from Sorvik to Quay Business …")
            j -= 1  # "Help to Grow scheme", "Dock in Places Fund": "to" or "in" between capitals
            continue
        if not (w[0].isalnum() or w[0] in "&'"):
            break
        if owns(text, toks[j]) and owner_in_name(w):
            start_index = j  # "the Prime Minister's Youth Programme", "Women's Business Centers": part of the name
            j -= 1
            continue
        if owns(text, toks[j]) or (w in ("The", "A", "An") and not (j > 0 and toks[j - 1][2] in DASHES)):
            break  # "… KMU The grant programme": a sentence's "The" ends the name before it
        if capitalised(w):
            start_index = j
        if not _middle_word(w) or (head[0].isupper() and w.islower() and w not in reading_words().connectors):
            break  # (a title-case head's name is in title case: "the Quay Agency applies Law No. 5" names no law)
        j -= 1
    if start_index is None:
        return _head_first(text, hs, he, head)
    words = [t[2] for t in toks[start_index:h]]
    kept = strip_starters(words)
    if len(kept) == len(words) - 1 and words[0] == "New" and start_index > 0 \
            and toks[start_index - 1][2] in _ARTICLE_BEFORE:
        kept = words  # "the New Growth Policy": after an article, "New" is the name's first word
    # (a body's head opens no instrument's name, unless two more words follow: "Government Fees Refund Initiative")
    if not kept or not capitalised(kept[0]) or (kept[0] in ACTOR_HEADS and len(kept) < 3):
        return []
    if head.islower() and kept[-1] in ACTOR_HEADS and kept[-1] not in NETWORK_HEADS:
        return []  # "a Norland Government initiative": the body's, described (loaders.forms), not a name
    if all(w in reading_words().not_names for w in kept):  # "Policy framework", "Key programme": a title
        return []
    if len(kept) > 1 and kept[0] in reading_words().not_names and kept[1][:1].isdigit():
        # "Finding 1 – Registration has …", "Table 3 – Quay Grant": a numbered label before the name, if any
        dash = next((i for i, w in enumerate(kept) if w in DASHES), None)
        kept = strip_starters(kept[dash + 1 :]) if dash is not None else []
        if not kept or not capitalised(kept[0]):
            return []
    if _PERSON_AFTER.match(text, he) and not reading_words().person_titles.isdisjoint(kept):
        return []  # "Finance Minister Grant Sorvik said": a person, not a grant
    if head in _VERB_HEADS and _VERB_OBJECT.match(text, he):
        return []  # "the Quay Centres grant development aid to firms": a verb, not a grant
    start = toks[h - len(kept)][0]
    tail = ""
    if head[0].isupper() and (m := _ACTOR_TAIL.match(text, he)) and not _DATED_TAIL.match(m[0]):
        tail = trim_tail(m[0])
    elif head[0].isupper() and (m := _TITLE_AFTER.match(text, he)) and (t := trim_tail(m[0])).count(" ") >= 2 and (
            not all(w in countries().by_name for w in t.replace(",", " ").split() if w[:1].isupper())) and (
            ANY_HEAD.isdisjoint(t.split())):  # (not "Loan Fund and the Micro Credit Fund": heads of their own)
        tail = t  # "Operational Programme Quays, Docks and Innovation": a title after the head
    if not tail and head[0].isupper():
        tail = _purpose(text, start, he)  # "Programme to Improve Quay Levels", "Policy to 2030"
    end = he + len(tail)
    if not tail and head[0].isupper() and (m := _VERSION_AFTER.match(text, he)):
        end = m.end()  # "Quay Fund Plus", "Harbour Programme II": the edition is part of the name
    elif not tail and head[0].isupper() and (c := _COUNTRY_AFTER.match(text, he)) is not None \
            and c[1] in countries().by_name:
        end = c.end()  # "Quay Fund Norland": named with its country after the head, as a body may be
    key = head.lower()
    name = _INNER_ABBREVIATION.sub("", text[start:end])
    inner = _INNER_ABBREVIATION.search(text, start, end)  # "… Alleviation (MED-PA) programme": MED-PA names it later
    alias = inner[0].strip(" ()") if inner is not None else None
    return [Candidate(start, end, INSTRUMENT_HEADS[key], canonical_name(name), "name", alias, head=key)]


# Lower-case heads that are verbs too (reading.yaml), and what follows such a verb: a lower-case noun that is no
# verb, preposition or conjunction of its own.
_VERB_HEADS = frozenset(READING["verb_heads"])
_VERB_OBJECT = re.compile(
    r"\s+(?!(?:is|was|were|are|will|would|has|had|have|can|could|may|must|should|for|of|to|in|on|at|and|or|but|which"
    r"|that|from|with|by|under|as|scheme|schemes|programme|programmes|program|programs|worth|amounting|totalling"
    r"|covers|covered|helps|helped|aims|aimed|provides|provided|offers|offered|runs|ran|opened|closed|launched"
    r"|ended|started|began|expired|reached|targets|targeted)\b)[a-z][a-z-]{2,}\b"
)


_COUNTRY_SUFFIX = re.compile(r"(?:,\s+|\s+in\s+)([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)(?=\s*\([A-Z]{2,}\))")


# "… Office of the Ministry of Ports", "… Unit of the MD": another body (by its head or its abbreviation)
_OF_ANOTHER_BODY = re.compile(
    rf"\s+of\s+the\s+(?:(?:[A-Z][\w'-]*\s+){{0,3}}(?:{ACTOR_HEAD_RE})\b|[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?![\w-]))"
)
_BARE_HEAD_TAIL = re.compile(r"\s+(?:for|of)\s+the\s+([A-Z][a-z]+)")
_AND_THE_BODY = re.compile(rf"\s+and\s+the\s+(?:[A-Z][\w'-]*\s+){{1,3}}(?:{ACTOR_HEAD_RE})$")
_LISTED_BEFORE = re.compile(r",\s*(?:the\s+)?$")
_OF_COUNTRY = re.compile(r" of (?:the )?([A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+)?)(?![\w-])")
# "Economic Chamber Upper Norland": a body named with its region after the head
_REGION_AFTER = re.compile(rf"\s+(?:{alternation(READING['compass_words'])})\s+[A-Z][a-z]+(?![\w-])")
_STATE_AFTER = re.compile(rf" ({STATE_CODE})(?![\w&-]|\s*\))")
_COUNTRY_AFTER = re.compile(r" ([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?![\w-]|['\u2019]s)")
# "… and Bank Tidu": a head that opens a name of its own, one capitalised word after it ("Bank Quayo")
_NAME_AFTER_HEAD = re.compile(r" [A-Z][a-z]+(?![\w-])(?! [A-Z])")


_PERSON_AFTER = re.compile(r" [A-Z][a-z]+\b(?! (?:of|for)\b)")


def _purpose(text: str, start: int, he: int) -> str:
    """The purpose or horizon a title-case head's name goes on with ("… to Improve Innovation Levels", "… to 2030"),
    if any: not a place a transfer goes to ("from the Quay Fund to Norland Bank", "… to Norland")."""
    m = _TO_PURPOSE.match(text, he)
    if m is None or _FROM_BEFORE.search(text, max(0, start - 12), start):
        return ""
    words = m[0].split()[1:]
    if words[0] in countries().by_name or any(w in ACTOR_HEADS or w in INSTRUMENT_TITLE_HEADS for w in words):
        return ""
    return m[0]


def _head_first(text: str, hs: int, he: int, head: str) -> list[Candidate]:
    """ "the Strategy for the Digital Harbour": a title-case head that opens its name, with a tail."""
    if head[0].isupper() and head.lower() in _DATED_ALONE and (y := _HORIZON.match(text, he)) is not None:
        return [Candidate(hs, y.end(), INSTRUMENT_HEADS[head.lower()], canonical_name(text[hs : y.end()]), "name",
                          head=head.lower())]  # "Vision 2030", "Agenda 2063": a plan named by its horizon
    if head[0].isupper() and (purpose := _purpose(text, hs, he)):
        return [Candidate(hs, he + len(purpose), INSTRUMENT_HEADS[head.lower()], canonical_name(head + purpose), "name",
                          head=head.lower())]  # "the Programme to Improve Quay Levels"
    if head[0].isupper() and (c := _COUNTRY_AFTER.match(text, he)) is not None and c[1] in countries().by_name:
        return [Candidate(hs, c.end(), INSTRUMENT_HEADS[head.lower()], canonical_name(text[hs : c.end()]), "name",
                          head=head.lower())]  # "Programme Norland 2031-2037": named by its country, as a body may be
    if not head[0].isupper() or (m := _ACTOR_TAIL.match(text, he)) is None or _DATED_TAIL.match(m[0]):
        return []
    tail = trim_tail(m[0])
    if not any(w[:1].isupper() for w in tail.split()[1:]):
        return []
    key = head.lower()
    return [Candidate(hs, he + len(tail), INSTRUMENT_HEADS[key], canonical_name(head + tail), "name", head=key)]


_ARTICLE_BEFORE = frozenset(("the", "The", "a", "A", "its", "Its", "their", "Their"))
_VERSION_AFTER = re.compile(r" (?:Plus|II|III|IV|VI|VII|[2-5]\.0)(?![\w.+-])")
# A purpose in title case ("… to Improve Quay Levels") or a horizon ("… to 2030") after the head.
_TO_PURPOSE = re.compile(
    r" to (?:(?:19|20)\d\d(?![\w-])|[A-Z][a-z]+(?: (?:the |and |of |for )?[A-Z][\w-]*){1,6}(?![\w-]))"
)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
_HORIZON = re.compile(r" (?:19|20)\d\d(?![\w-])")
_DATED_ALONE = frozenset(("vision", "agenda", "strategy", "plan", "roadmap", "compass", "pact"))  # "Vision 2030"


_CAPITAL_WORD = rf"(?:[{CAPITALS}](?:[\w'&]|[.-](?=\w))*)"  # (no year: "Plan 2030" is dated, see _tidy)
# Capitalised words after a title-case head, listed with commas and "and", joined by "for", "of" or "in":
# at least two of them (a list or a phrase), so one name right after a head stays a name of its own.
_TITLE_AFTER = re.compile(
    rf" (?!(?:{TAIL_OPENERS}|The|A|An)\b){_CAPITAL_WORD}(?:(?:,\s+|\s+(?:{_AND})\s+(?!{_NEXT_BODY})(?:the\s+)?"
    rf"|\s+(?:for|of|in)\s+(?:the\s+)?|\s+)"
    rf"(?!(?:The|A|An)\b){_CAPITAL_WORD})+"
)


_INNER_ABBREVIATION = re.compile(  # "(HP)", "(MED-PA)"
    r"\s*\((?=[A-Z0-9&-]{2,}\))[A-Z][A-Z0-9&]*(?:-[A-Z0-9&]+)*\)(?=\s)")
