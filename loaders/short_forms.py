"""Short forms that point back: references ("the ministry", "the new agency", "this programme") and
pronouns ("it", "they", "its tasks", "working under it"). They are mentions too; the reader resolves each
to the entity it stands for (:meth:`loaders.reader.Reader.entity_for`).
"""

from __future__ import annotations

import re

from loaders.lexicon import (
    ACTOR_HEAD_RE,
    ACTOR_HEADS,
    COUNTS,
    INSTRUMENT_HEADS,
    PUNCT_TO_SPACE,
    READING,
    SENTENCE_CASE_HEADS,
    TAIL_OPENERS,
    Candidate,
    alternation,
    reading_words,
)

_INSTR_TITLE = alternation(h.capitalize() for h in INSTRUMENT_HEADS)
_SC_HEADS = alternation(SENTENCE_CASE_HEADS)
TRIGGERS = frozenset(h.lower() for h in ACTOR_HEADS) | frozenset(INSTRUMENT_HEADS)  # the words a reference ends on
_DESCRIBES = re.compile(r"(?:[,:(\u2013\u2014-]|\b(?:means|is|was|are|were|became|as))\s*$")
# Words of a name a reference may repeat ("the national project" after "the National Project for …")
QUALIFIERS = ("national",)
_REFERENCE = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Tt]his|[Tt]hat|said|[Ii]ts|[Tt]heir)\s+"
    r"(?:(?P<mod>new|former|then|same|current|present|responsible|competent|relevant)\s+"
    # "the national project": a word of one name's, which the reader looks for (loaders.reader)
    rf"|(?P<qual>{'|'.join(QUALIFIERS)})\s+)?(?P<head>(?i:"
    + ACTOR_HEAD_RE
    + "|"
    + _SC_HEADS
    + "|"
    + _INSTR_TITLE
    + r"|law|act)(?![\w-]))"
    + rf"(?!\s+(?:{TAIL_OPENERS})\s)"  # "the Ministry of Ports" is a name, "the chambers of crafts" a collective
    + r"(?!\s+[*_\"\u201c]{0,2}[A-Z])"  # "the programme Norland Online": the name that follows is the mention
    # "the project management agency": the head noun modifies a body noun that follows
    + r"(?!\s+(?:[a-z]+\s+)?(?:" + "|".join(reading_words().body_nouns) + r")\b)"
)

_REMIT = re.compile(r"\s+(?:responsible\s+for|in\s+charge\s+of)\s+(?:the\s+)?([A-Za-z]{4,})")
_JOINED = re.compile(r"\s+(?:and|&)\s+[A-Z]")
_APPOSED = re.compile(r"\s*,\s*(?:the\s+)?[A-Z]")  # a name in apposition: the mention itself
_VERB_HEADS = frozenset(READING["verb_heads"])  # lower-case heads that are verbs too ("that act as")

# "It manages …", "their programme": resolved by the reader to the entity the text is about.
_PRONOUNS = frozenset(("it", "they", "its", "them"))
_WE = re.compile(r"(?<![\w-])[Ww]e(?![\w'\u2019-])")
_PRONOUN = re.compile(
    r"(?<![\w-])(?:[Ii]t|[Tt]hey|them|[Ii]ts(?=\s+(?:[\w-]+\s+){0,4}(?:tasks|functions|responsibilities|powers"
    r"|activities|portfolio|competences|remit|mandate|implementation|management|administration|operation|delivery)\b))"
    r"(?![\w-])"
    r"(?!\s+(?:is|was)\s+(?:not\s+)?(?:also\s+)?(?:(?:a|an|the)(?!(?:\s+[\w-]+){0,3}?\s+(?:"
    + "|".join(READING["body_nouns"]) + r"|operator|manager|coordinator|administrator)\b)"  # (but "it is the agency …")
    r"|to|possible|important|expected|likely|clear|difficult|necessary|hard|easy|worth)\b)"  # "it is important to …"
    r"(?!\s+(?:is|was|has\s+been|had\s+been)\s+\w+(?:ed|en)\s+that\b)"  # "it was announced that"
)
_FORMER = re.compile(r"(?<![\w-])[Tt]he\s+(former|latter)(?![\w-])(?!\s+[A-Z])")  # not "the former Department of X"
_AMONG = re.compile(r"\b(?:among|of)\s+$", re.I)
_AFTER_VERB = re.compile(r"\b[a-z]{3,}(?:ed|s)\s+$")  # "joined it", "uses it": a verb's object
_FRAME = re.compile(r"\s*(?:within|inside|as\s+part\s+of|under)\s+$", re.I)  # a sentence set in an instrument
_GOVERNED_PRONOUN = re.compile(r"\b(?:under|within|to|for|with|by|from|of|alongside)\s+$", re.I)
# What ends the words before a clause's first word ("…, and it", "while they", "; since May 2024 it").
CLAUSE_OPENER = re.compile(
    r"(?:[,;]|\b(?:and|but|because|while|when|where|since|so|as|although|though|that|which|whether|if|until|once|after"
    r"|before))\s*"
    r"(?:(?:since|in|from|on|by|after|until)\s+(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?\d{4}\s*,?\s*)?$",  # "; in 2024 it"
    re.I,
)


# "the two agencies", "both ministries", "the three bodies": the bodies of that kind named last (the reader
# groups them, :func:`loaders.linking._the_two`); a kind of body by its plural head, or any body.
_ANY_BODY = ("bodies", "institutions", "organisations", "organizations", "entities")
# (and instruments: "both programmes", "the two schemes")
_PLURAL_INSTRUMENTS = [h for h in INSTRUMENT_HEADS if h.endswith("s") and h[:-1] in INSTRUMENT_HEADS]
_COUNTED = re.compile(
    rf"(?<![\w-])(?:[Tt]he\s+({'|'.join(w for w in COUNTS if w != 'both')})|([Bb]oth)(?:\s+the)?)\s+"
    r"(?:(?:new|former|merged|public|national)\s+)?"
    rf"({alternation(h.lower() for h in ACTOR_HEADS if h.endswith('s'))}|{'|'.join(_ANY_BODY)}"
    rf"|{alternation(_PLURAL_INSTRUMENTS)})(?![\w-])"
)
# "Both are funded by M": a sentence that opens on "Both" means the two things the sentence before named.
_BOTH = re.compile(r"^\W*Both\s+(?=(?:are|were|is|was|have|had|has|will|can|run|operate|offer|provide|target|share)\b)")
PAIR_BEFORE = "pair"  # the label of such a mention: of whatever kind the two named before are


def _counted(text: str) -> list[Candidate]:
    out = []
    for m in _COUNTED.finditer(text):
        head = m[3]
        label = "" if head in _ANY_BODY else INSTRUMENT_HEADS.get(head) or ACTOR_HEADS[head.capitalize()]
        out.append(Candidate(m.start(), m.end(), label, m[0], "collective", head=str(COUNTS[(m[1] or m[2]).lower()])))
    if (both := _BOTH.match(text)) is not None:
        out.append(Candidate(both.start(), both.end() - 1, PAIR_BEFORE, "Both", "collective", head="2"))
    return out


# "the Minister for Trade and Ports presented P": the ministry whose name holds the portfolio (as "the ministry
# responsible for trade" does), if the text names one; a minister is no body.
_MINISTER_FOR = re.compile(
    r"(?<![\w-])Minister\s+(?:of\s+State\s+)?(?:for|of)\s+(?:the\s+)?([A-Z][\w-]+)(?:(?:,\s+|\s+and\s+)[A-Z][\w-]+)*"
)


def short_forms(text: str, tokens: set[str] | None = None) -> list[Candidate]:
    """The references and pronouns of ``text`` (``tokens``: its lower-case words, if already split)."""
    if tokens is None:
        tokens = set(text.lower().translate(PUNCT_TO_SPACE).split())
    found: list[Candidate] = []
    if not tokens.isdisjoint(COUNTS):
        found += _counted(text)
    if not tokens.isdisjoint(TRIGGERS):
        for m in _REFERENCE.finditer(text):
            owned = m[0].split()[0].lower() in ("its", "their")
            if owned and (m["head"].endswith("s") or _APPOSED.match(text, m.end())):
                continue  # "its programmes": the body's many, not one named before; "its agency, the Dock Agency,"
            if m["head"][0].isupper() and _JOINED.match(text, m.end()):
                continue  # "The Docks and Piers Division": the first words of a name
            if m[0].startswith(("that", "That")) and m["head"] in _VERB_HEADS:
                continue  # "agencies that act as first contact": a relative clause's verb
            # "the new ministry" is the latest one named: its name carries the modifier for the reader, as
            # "the ministry responsible for science" carries its portfolio (the one whose name holds it).
            if (remit := _REMIT.match(text, m.end())) is not None and not text[: m.start()].rstrip().endswith(","):
                remit_name = f"{m['head']} for {remit[1].lower()}"
                found.append(Candidate(m.start(), remit.end(), "", remit_name, "reference", head=m["head"]))
                continue
            if m["qual"] and _DESCRIBES.search(text, max(0, m.start() - 12), m.start()):
                continue  # "P means the national vision that …", "P, the national plan": a description of P
            name = f"new {m['head']}" if m["mod"] == "new" else f"{m['qual']} {m['head']}" if m["qual"] else m["head"]
            found.append(Candidate(m.start(), m.end(), "", name, "reference", head=m["head"]))
    if "minister" in tokens:
        found += [Candidate(m.start(), m.end(), "", f"ministry for {m[1].lower()}", "reference", head="ministry")
                  for m in _MINISTER_FOR.finditer(text)]
    if "former" in tokens or "latter" in tokens:  # "the former runs P": the first of the last two named
        found += [Candidate(m.start(), m.end(), "", m[0], "pronoun", head=m[1].lower()) for m in _FORMER.finditer(text)]
    if "we" in tokens:  # an organisation's own page: "We run the voucher" (the body the page speaks for)
        found += [Candidate(m.start(), m.end(), "", m[0], "pronoun", head="page") for m in _WE.finditer(text)]
    if not tokens.isdisjoint(_PRONOUNS):
        for m in _PRONOUN.finditer(text):
            if m[0] == "them" and _AMONG.search(text, max(0, m.start() - 12), m.start()):
                continue  # "among them A, B and C": the list that follows names them
            opens = CLAUSE_OPENER.search(text, 0, m.start()) is not None  # "…, and it", "while they"
            governed = _GOVERNED_PRONOUN.search(text, max(0, m.start() - 12), m.start()) is not None  # "under it"
            direct = not governed and _AFTER_VERB.search(text, max(0, m.start() - 20), m.start()) is not None
            framed = governed and _FRAME.match(text, 0, m.start()) is not None  # "Within it, …"
            role = "frame" if framed else "clause" if opens else "object" if governed else "direct" if direct else None
            found.append(Candidate(m.start(), m.end(), "", m[0], "pronoun", head=role))
    return found
