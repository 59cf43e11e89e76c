"""Reorganisations a statement's form tells, beyond the phrases of ``reading.yaml``: "A was merged with B to
form C", "merges A and B into C", "A (now B)", "A's successor, B", "A took over the functions of B",
"responsibility for P passed from A to B" (see :func:`reorganised`).
"""

from __future__ import annotations

import re

from loaders.clause_ends import INTO_ONE, MENTION, subjects_before
from loaders.clauses import INSIDE, OWNING_NOUNS, OWNS, RUNNING_NOUNS, Phrased
from loaders.relations import LIST

# (or "A was merged with B into C")
# (or "A merges with B, to be called C")
_MERGED_TO_FORM = re.compile(
    r"@(\d+)@[^@;]{0,40}?\bmerg(?:ed|es|e|ing)\s+with\s+(?:the\s+)?@(\d+)@[^@;]{0,40}?\b(?:to\s+(?:form|create|become)"
    r"|into|to\s+be\s+(?:called|renamed|named|known\s+as))\s+(?:(?:the|a)\s+)?(?:new\s+)?@(\d+)@",
    re.I,
)


# (or a participle after the clause: "A was created in September 2031, taking over …")
_TAKE_OVER = r"(?:took|takes|taking|has\s+taken|will\s+take)\s+over"
_TAKES_OVER = rf"@(\d+)@[^@;]{{0,40}}?\b{_TAKE_OVER}\s+"
_ABSORBS = (rf"@(\d+)@[^@;]{{0,40}}?\b(?:{_TAKE_OVER}|absorbed|absorbs|inherited|assumed"
            r"|(?:will\s+)?shoulder(?:s|ed)?)\s+")
_TOOK_OVER_RUNNING = re.compile(
    _TAKES_OVER + rf"(?:(?:the\s+)?(?:{RUNNING_NOUNS})\s+of\s+)?"
    r"(?:the\s+)?@(\d+)@(?:\s+from\s+(?:the\s+)?@(?P<from>\d+)@)?",
    re.I,
)
_DUTIES = (  # what a body takes over
    r"(?:functions|responsibilities|tasks|activities|duties|mandate|role|operations|work|portfolio|remit|powers|staff)")
_OF_LIST = r"@\d+@(?:\s*(?:,|and|,\s*and)\s+(?:of\s+)?(?:the\s+)?@\d+@)*"  # "A, B and of C"
_TOOK_OVER = re.compile(
    _ABSORBS + r"(?:the\s+|its\s+)?(?:[\w@-]+\s+){0,4}?"
    rf"{_DUTIES}\s+of\s+(?:the\s+)?(?:former\s+|ex\s+)?"
    rf"(?P<list>(?!@\d+@['\u2019]s\b){_OF_LIST}"
    # "… of A (ABC) together with most of those of B", "… as well as those of B and C"
    r"(?:\s*(?:\([^()]*\)\s*)?,?\s*(?:together\s+with|as\s+well\s+as|and)\s+(?:most\s+|some\s+|all\s+|part\s+)?"
    rf"(?:of\s+)?those\s+of\s+(?:the\s+)?(?:former\s+)?{_OF_LIST})?)",
    re.I,
)
# "A took over responsibility for B": A is B's owner now (B a body, part of A; B an instrument, led by A).
_TOOK_OVER_OWNING = re.compile(
    _TAKES_OVER + rf"(?:the\s+)?(?:{OWNING_NOUNS})\s+for\s+(?:the\s+)?@(\d+)@", re.I
)
# "A took over responsibility for digital policy from B", "A took over instruments that had been run by B": the
# work moved from B to A.
_TOOK_OVER_FROM = re.compile(
    _TAKES_OVER + r"(?!(?:the\s+)?@)[^@;]{3,80}?\b(?:from|(?:(?:that|which)\s+"
    r"(?:had\s+(?:until\s+then\s+)?been|were|was)|previously|formerly|until\s+then|hitherto)\s+"
    r"(?:run|managed|administered|operated|delivered|carried\s+out|performed|handled|exercised)\s+by)\s+(?:the\s+)?"
    r"(?:former\s+|then\s+)?@(\d+)@",
    re.I,
)
# "B received its current name in 2022, when the former A …", "B took its current name under Law 12, which
# reorganised the former A": A became B.
_NAMED_FROM_FORMER = re.compile(
    r"@(\d+)@[^@;.]{0,40}?\b(?:took|received|got|acquired|was\s+given)\s+its\s+(?:current|present)\s+name\b"
    r"[^;.]{0,80}?\bthe\s+former\s+@(\d+)@",
    re.I,
)
# "A lost its tourism portfolio to a newly created B": that work moved from A to B.
_LOST_TO = re.compile(
    r"@(\d+)@\s+(?:has\s+|had\s+)?lost\s+(?:its|their)\s+(?:[a-z-]+\s+){0,3}?(?:portfolio|functions|tasks"
    r"|responsibilit(?:y|ies)|competences?|powers|remit)(?:\s+for\s+[^@;]{1,40}?)?\s+to\s+(?:an?\s+|the\s+)?"
    r"(?:newly\s+(?:created|established|formed)\s+|new\s+)?@(\d+)@",
    re.I,
)
# "Some tasks of A went to B"; "Responsibility for e-government passed in 2031 from A, which was closed, to B";
# "its digital tasks went to B" ("its" is A).
_WORK_WENT = re.compile(
    r"(?:@(?P<its>\d+)@\s+(?:[a-z-]+\s+){0,2}?)?"
    r"\b(?:functions|tasks|responsibilit(?:y|ies)|activities|powers|competences?|duties|portfolio)\s+"
    r"(?:of\s+(?:the\s+)?@(?P<of>\d+)@\s+|for\s+[^@;]{1,40}?\s+)?(?:was\s+|were\s+)?(?:went|passed|moved|transferred"
    r"|shifted)\s+(?:in\s+\d{4}\s+)?(?:from\s+(?:the\s+)?@(?P<from>\d+)@\s*(?:,[^@;]{0,40},)?\s+)?"
    r"to\s+(?:the\s+)?(?:new\s+)?@(?P<to>\d+)@",
    re.I,
)
# "A moved in 2032 from the Ministry of B to the new Ministry of C": A was under B, and is under C now.
_MOVED_UNDER = re.compile(  # (or a list: "A and B were transferred from …")
    rf"(?P<list>{_OF_LIST})\s+(?:was\s+|were\s+)?(?:moved|transferred|shifted|passed)\s+(?:(?:in|on)\s+[^@;,]{{4,20}}?\s+)?"
    r"from\s+(?:the\s+)?@(?P<old>\d+)@\s+to\s+(?:the\s+)?(?:new\s+|newly\s+created\s+)?@(?P<new>\d+)@",
    re.I,
)
# "C, which until 2023 was the B", "C, known until 2022 as B", "C, known as B until 2022": B became C.
_UNTIL_WAS = re.compile(
    r"@(\d+)@\s*(?:\([^()@]*\)\s*)?(?:,|\s[-\u2013\u2014])\s*(?:which\s+(?:until|up\s+to|before)\s+(?P<y1>(?:19|20)\d\d)\s+"
    # ("C - which until 2022 operated as B -", "… carried the longer title of B")
    r"(?:(?:was|had\s+been)(?:\s+(?:called|named|known\s+as))?|operated\s+as|carried\s+the\s+(?:\w+\s+)?(?:title|name)\s+of)"
    r"|known\s+until\s+(?P<y2>(?:19|20)\d\d)\s+as"
    # "C, known as B until 2022", "C, which was called B until 2022"
    r"|(?:which\s+(?:was|had\s+been)\s+(?:called|named|known\s+as)|(?:formerly\s+)?known\s+as)(?=\s+(?:the\s+)?@\d+@"
    r"(?:\s*\([^()@]*\))?\s+(?:until|up\s+to)\s+(?:\w+\s+)?(?:19|20)\d\d))\s+(?:the\s+)?@(?P<old>\d+)@",
    re.I,
)
# "C, formerly called B and, before that, A": A became B.
_BEFORE_THAT = re.compile(
    r"\b(?:formerly|previously)\b[^@;]{0,30}?@(\d+)@\s*,?\s*(?:and\s*,?\s*)?before\s+(?:that|then)\s*,?\s*(?:the\s+)?@(\d+)@",
    re.I,
)
# "B was formed in 2031 when …": what the clause after "when" says made B.
_FORMED_WHEN_OPENS = (r"@(\d+)@[^@;]{0,12}?\b(?:formed|created|established|set\s+up|born"
                      r"|(?:started|began|commenced)\s+(?:operations|operating|work)|came\s+into\s+being)\b[^@;]{0,40}?\bwhen\b")
# "B was established in 2031, when functions relating to small firms were moved out of the then A": from A to B.
_FORMED_FROM = re.compile(
    _FORMED_WHEN_OPENS + r"[^;]{0,80}?"
    r"\b(?:moved|transferred|taken|split|carved)\s+(?:out\s+of|from)\s+(?:the\s+)?(?:then\s+|former\s+)?@(\d+)@",
    re.I,
)
# "C was formed in 2031 when the former A and B were brought together": both became C.
# "… when A merged with B", "… when A and B merged": the same.
_MERGED_WITH = rf"\s+with\s+(?:the\s+)?(?:former\s+)?{LIST}"  # "… merged with (the former) B, C and D"
_FORMED_WHEN = re.compile(
    _FORMED_WHEN_OPENS + r"\s+(?:the\s+)?(?:former\s+)?"
    rf"(?P<list>{LIST}(?:\s+(?:(?:were|was)\s+)?(?:brought\s+together|merged|combined|amalgamated|joined|integrated))"
    rf"(?:{_MERGED_WITH})?)",
    re.I,
)
# "B was formed in 2031, when A took over labour affairs": A, grown, became B.
_FORMED_WHEN_TOOK_OVER = re.compile(
    _FORMED_WHEN_OPENS + r"\s+(?:the\s+)?(?:former\s+)?@(\d+)@\s+(?:took\s+over|absorbed|took\s+on)\b",
    re.I,
)


# "the former A (now B)", "A (today: B)": the body or instrument is now the other.
_NOW = re.compile(r"@(\d+)@\s*\(\s*(?:now|today|currently)\s*:?\s+(?:the\s+)?@(\d+)@\s*\)", re.I)
# "B, the former A, …", "B (the former A)", "B — the former A —": the former one is now the other.
_THE_FORMER = re.compile(r"@(\d+)@\s*(?:\([^()@]*\)\s*)?(?:,|\(|\s[\u2013\u2014-])\s*the\s+former\s+@(\d+)@", re.I)


# "The reform merges A and B into a single C", "… merged A with B into C": both became C; "the act turns A
# into B" (and "… and C into D", the verb left out): A became B.
_MERGES_INTO = re.compile(
    r"\b(?:merg(?:es|ed|e|ing)|combin(?:es|ed|e|ing)|amalgamat(?:es|ed|e|ing)|consolidat(?:es|ed|e|ing)|fus(?:es|ed|e)"
    r"|transform(?:s|ed|ing)?|conver(?:ts|ted|t|ting)|turn(?:s|ed|ing)?|chang(?:es|ed|e|ing)|upgrad(?:es|ed|e|ing)"
    r"|reorgani[sz](?:es|ed|e|ing)|restructur(?:es|ed|e|ing)|fold(?:s|ed|ing)?"
    # (named as a noun: "approved the incorporation of A and B into C")
    r"|(?:merger|incorporation|integration|absorption|amalgamation|consolidation|conversion|transformation|fusion"
    r"|upgrading|reorgani[sz]ation|restructuring|folding)\s+of)"
    rf"\s+(?:the\s+)?(?P<list>{LIST}(?:{_MERGED_WITH})?)[^@;.]{{0,40}}?{INTO_ONE}",
    re.I,
)
_AND_INTO = re.compile(rf"\s*,?\s+and\s+(?:the\s+)?@(?P<old>\d+)@{INTO_ONE}", re.I)


# "B is the new name, adopted in 2031, of A": A became B.
_NEW_NAME_OF = re.compile(
    r"@(\d+)@\s+(?:is|was|became|has\s+been)\s+the\s+(?:new|current|present)\s+name\b[^@;]{0,40}?\bof\s+"
    r"(?:the\s+)?(?:former\s+)?@(\d+)@",
    re.I,
)
# "B was created in 2031 by Act No. 5, taking over the functions of A": B took over A's work (the participle is
# said of the sentence's subject).
_TAKING_OVER = re.compile(
    r"^\W*(?:the\s+)?@(\d+)@[^;]{0,150}?,\s+(?:taking|having\s+taken)\s+over\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,4}?"
    rf"{_DUTIES}\s+of\s+(?:the\s+)?(?:former\s+)?@(\d+)@",
    re.I,
)


# "B was created in 2031, when its predecessor, A, was divided": "its" is the sentence's subject.
_ITS_PREDECESSOR = re.compile(  # (or a clause before: "When A closed in 2023, its successor, B, took over")
    r"^\W*(?:(?:when|after|once|as|while)\s+)?(?:the\s+)?@(\d+)@[^;]{0,120}?\b(?:its|their)\s+(?:(?:direct|immediate|new)\s+)?(successor|predecessor)\s*,\s*"
    r"(?:the\s+)?@(\d+)@",
    re.I,
)
# "the abolition of A and the creation of B": B replaced A.
_ENDED_AND_MADE = re.compile(
    r"\b(?:abolition|dissolution|closure|closing|winding[\s-]up|disbanding|liquidation)\s+of\s+(?:the\s+)?(?:\d+\s+)?"
    rf"(?P<list>{LIST})\s*,?\s+and\s+(?:the\s+)?(?:creation|establishment|launch|setting[\s-]up|founding)\s+of\s+"
    r"(?:the\s+|a\s+)?(?:\d+\s+)?(?:new\s+)?@(?P<new>\d+)@",
    re.I,
)


# "B replaces the digital component of the former A": A's part, and so A, is succeeded by B.
_REPLACES_PART = re.compile(
    r"@(\d+)@[^@;]{0,20}?\b(?:replaces|replaced|succeeds|succeeded|supersedes|superseded|took\s+over|takes\s+over)\s+"
    r"(?:the\s+|its\s+)?(?:[\w-]+\s+){0,3}?(?:component|part|strand|element|window|pillar|module|arm)\s+of\s+"
    r"(?:the\s+)?(?:former\s+)?@(\d+)@",
    re.I,
)


# "B was formed after combining five statutory bodies that included: A, C and D": all became B.
_COMBINING_BODIES = re.compile(
    r"@(\d+)@[^;]{0,80}?\b(?:combining|merging|amalgamating|consolidating|bringing\s+together"
    r"|(?:the\s+)?(?:merger|amalgamation)\s+of)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:bodies|agencies|institutions|organi[sz]ations|entities|boards|funds|offices)"
    r"(?:\s*,?\s*(?:that|which)\s+(?:included|include|were)|\s*,?\s*(?:including|namely|among\s+them|among\s+which))?"
    r"\s*[:;,]?\s*(?:the\s+)?"
    rf"(?P<list>{LIST})",
    re.I,
)


# "A's successor, B", "A's predecessor was B": one followed the other.
_SUCCESSION_OF = re.compile(
    r"@(\d+)@(?:'s|\u2019s)\s+(?:(?:direct|immediate|eventual|new)\s+)?(successor|predecessor)"
    r"\s*(?:,\s*|\s+(?:is|was|will\s+be)\s+)(?:the\s+)?@(\d+)@",
    re.I,
)


# "Responsibility for P passed from A to B": the task moved from A to B, who leads P now.
# ("The management of P, entrusted to A since 2017, is transferred to B": B runs P from then; from A, whose
# aside names it, or from no one named)
_RESPONSIBILITY_MOVED = re.compile(
    r"\b(?:responsibility|responsibilities|competence|oversight|management|administration|operation|running)\s+"
    r"(?:for|of)\s+(?:the\s+)?@(\d+)@\s*(?:\([^()@]*\)\s*)?(?:,\s+(?:entrusted\s+to|held\s+by|run\s+by|managed\s+by)\s+(?:the\s+)?(?:@(?P<aside>\d+)@)?[^@,;]*,\s*)?"
    r"(?:was\s+|were\s+|is\s+|are\s+|will\s+be\s+|has\s+been\s+|have\s+been\s+)?"
    r"(?P<verb>passed|moved|transferred|shifted|handed\s+over)\s+(?:from\s+(?:the\s+)?@(?P<from>\d+)@\s+)?"
    r"to\s+(?:the\s+)?@(?P<to>\d+)@",
    re.I,
)


_ABSORBING_VERB = re.compile(_ABSORBS[_ABSORBS.index(r"\b") :], re.I)


def _taker(t: str, m: re.Match[str]) -> list[int]:
    """Who took the functions over: the verb's subject ("A, a company under B, which took over …": A, not B)."""
    verb = _ABSORBING_VERB.search(t, m.end(1))
    subject = subjects_before(t, verb.start()) if verb is not None else []
    return subject[:1] or [int(m[1])]


def reorganised(t: str) -> list[Phrased]:
    """ "A was merged with B to form C" (both became C); "A took over the SME support functions of B";
    "A took over the management of P from B" (A runs P, which B handed over); "A (now B)"."""
    out = [Phrased("SUCCEEDED_BY", [int(m[1]), int(m[2])], [int(m[3])], m.start(), m.end())
           for m in _MERGED_TO_FORM.finditer(t)]
    out += [Phrased("SUCCEEDED_BY", [int(m[1])], [int(m[2])], m.start(), m.end()) for m in _NOW.finditer(t)]
    out += [Phrased("SUCCEEDED_BY", [int(m[2])], [int(m[1])], m.start(), m.end()) for m in _THE_FORMER.finditer(t)]
    for m in _MERGES_INTO.finditer(t):
        merged = [int(x) for x in MENTION.findall(m["list"])]
        out.append(Phrased("SUCCEEDED_BY", merged, [int(m["new"])], m.start(), m.end()))
        if (gapped := _AND_INTO.match(t, m.end())) is not None:
            out.append(Phrased("SUCCEEDED_BY", [int(gapped["old"])], [int(gapped["new"])], m.start(), gapped.end()))
    out += [Phrased("SUCCEEDED_BY", [int(m[2])], [int(m[1])], m.start(), m.end(), frame=True)
            for m in _NEW_NAME_OF.finditer(t)]
    out += [Phrased("SUCCEEDED_BY", [int(m[2])], [int(m[1])], m.start(), m.end()) for m in _TAKING_OVER.finditer(t)]
    out += [Phrased("SUCCEEDED_BY", [int(m[2])], [int(m[1])], m.start(), m.end(), frame=True)
            for m in _REPLACES_PART.finditer(t)]
    for m in _COMBINING_BODIES.finditer(t):
        merged = [int(x) for x in MENTION.findall(m["list"])]
        out.append(Phrased("SUCCEEDED_BY", merged, [int(m[1])], m.start(), m.end()))
    for m in _ENDED_AND_MADE.finditer(t):
        out.append(Phrased("SUCCEEDED_BY", [int(x) for x in MENTION.findall(m["list"])], [int(m["new"])], m.start(),
                           m.end()))
    for m in (*_SUCCESSION_OF.finditer(t), *_ITS_PREDECESSOR.finditer(t)):
        old, new = (m[1], m[3]) if m[2].lower() == "successor" else (m[3], m[1])
        out.append(Phrased("SUCCEEDED_BY", [int(old)], [int(new)], m.start(), m.end()))
    for m in _RESPONSIBILITY_MOVED.finditer(t):
        # (dated by the move, not by the years of an aside before it)
        at = m.start() if m["aside"] is None and "," not in t[m.start() : m.start("verb")] else m.start("verb")
        if (before := m["from"] or m["aside"]) is not None:
            out.append(Phrased("TRANSFERRED_TO", [int(before)], [int(m["to"])], at, m.end(), typed=True))
        out.append(Phrased("LEADS", [int(m["to"])], [int(m[1])], at, m.end(), typed=True))
    out += [Phrased("SUCCEEDED_BY", [int(x) for x in MENTION.findall(m["list"])], _taker(t, m), m.start(), m.end())
            for m in _TOOK_OVER.finditer(t)]
    out += [Phrased("TRANSFERRED_TO", [int(m[2])], [int(m[1])], m.start(), m.end(), typed=True)
            for m in _TOOK_OVER_FROM.finditer(t)]
    out += [Phrased("TRANSFERRED_TO", [int(m["of"] or m["from"] or m["its"])], [int(m["to"])], m.start(), m.end(),
                    typed=True) for m in _WORK_WENT.finditer(t) if m["of"] or m["from"] or m["its"]]
    out += [Phrased("TRANSFERRED_TO", [int(m[1])], [int(m[2])], m.start(), m.end(), typed=True)
            for m in _LOST_TO.finditer(t)]
    out += [Phrased("SUCCEEDED_BY", [int(m[2])], [int(m[1])], m.start(), m.end(), typed=True)
            for m in _FORMED_WHEN_TOOK_OVER.finditer(t)]
    out += [Phrased("SUCCEEDED_BY", [int(m[2])], [int(m[1])], m.start(), m.end(), typed=True)
            for m in _NAMED_FROM_FORMER.finditer(t)]
    for m in _FORMED_WHEN.finditer(t):
        merged = [int(x) for x in MENTION.findall(m["list"])]
        out.append(Phrased("SUCCEEDED_BY", merged, [int(m[1])], m.start(), m.end()))
    out += [Phrased(OWNS, [int(m[1])], [int(m[2])], m.start(), m.end()) for m in _TOOK_OVER_OWNING.finditer(t)]
    out += [Phrased("SUCCEEDED_BY", [int(m[2])], [int(m[1])], m.start(), m.end()) for m in _BEFORE_THAT.finditer(t)]
    out += [Phrased("SUCCEEDED_BY", [int(m["old"])], [int(m[1])], m.start(), m.end(), frame=True)
            for m in _UNTIL_WAS.finditer(t)]
    for m in _MOVED_UNDER.finditer(t):  # (a frame: "moved … to C" is no transfer of A's work to C)
        moved = [int(x) for x in MENTION.findall(m["list"])]
        out += [Phrased(INSIDE, moved, [int(m["old"])], m.start(), m.end(), typed=True, frame=True),
                Phrased(INSIDE, moved, [int(m["new"])], m.start(), m.end(), typed=True, frame=True)]
    out += [Phrased("TRANSFERRED_TO", [int(m[2])], [int(m[1])], m.start(), m.end(), typed=True)
            for m in _FORMED_FROM.finditer(t)]
    for m in _TOOK_OVER_RUNNING.finditer(t):
        out.append(Phrased("IMPLEMENTS", [int(m[1])], [int(m[2])], m.start(), m.end(), typed=True))
        if m["from"]:
            out.append(Phrased("TRANSFERRED_TO", [int(m["from"])], [int(m[1])], m.start(), m.end(), typed=True))
    return out
