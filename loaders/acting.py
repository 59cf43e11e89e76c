"""A body that "acts as" a role for an instrument: "A acts as the financial agent for P", "B served as the
intermediate body of P and Q", "A acts as the programme's secretariat", "P, for which A serves as
implementation agent", "the managing authority of P is A", "A is now the managing authority of P". The roles
are the labels of ``role_labels`` in ``reading.yaml`` (the same words that label a role in a list or a table:
"Operator: A"), so a role is declared once for both readings.
"""

from __future__ import annotations

import re
from functools import cache

from loaders.clause_ends import MENTION
from loaders.clauses import Phrased
from loaders.lexicon import alternation, reading_words
from loaders.relations import LIST

_ACTS = r"(?:acts?|acted|acting|serves?|served|serving|functions?|functioned)\s+as\s+"
_AS_ROLE = r"(?:the\s+|an?\s+|its\s+)?(?:(?:national|main|sole|official|local|regional|central)\s+)?"


@cache
def _acting() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    roles = alternation(label for label in reading_words().role_labels if " " in label or label.isalpha())
    return (
        re.compile(
            rf"@(\d+)@[^@;.]{{0,40}}?\b{_ACTS}(?:{_AS_ROLE}(?P<role>{roles})\s+(?:for|of|to|in|on)\s+(?:the\s+)?"
            rf"(?P<list>{LIST})"
            # (the list ends before the next clause's subject: "…, and B acts as …")
            r"(?!\s+(?:acts?|serves?|is|are|was|were|has|have|will|runs?|manages?|operates?|leads?)\b)"
            # "acts as the programme's secretariat"
            rf"|(?:the\s+)?@(?P<owner>\d+)@(?:'s|\u2019s)\s+(?P<owned_role>{roles})\b)",
            re.I,
        ),
        # "P, for which A serves as implementation agent, …"
        re.compile(rf"@(\d+)@\s*,\s*for\s+which\s+(?:the\s+)?@(\d+)@\s+{_ACTS}{_AS_ROLE}(?P<role>{roles})\b", re.I),
        # "The managing authority of P is A", "the implementing agencies for P and Q are A and B": the role said first
        re.compile(rf"(?<![\w@])(?:the\s+)?{_AS_ROLE}(?P<role>{roles})\s+(?:for|of)\s+(?:the\s+)?(?P<list>{LIST})\s+"
                   rf"(?:is|are|was|were|will\s+be|remains|remain)\s+(?:the\s+)?(?P<bodies>{LIST})", re.I),
        # "A is now the managing authority of P", "A, which is also the intermediate body for P": the role said of A
        re.compile(rf"@(\d+)@[^@;.]{{0,20}}?\b(?:is|are|was|were|remains|remained|became|has\s+been|will\s+be)\s+"
                   rf"(?:now\s+|also\s+|still\s+|currently\s+)?{_AS_ROLE}(?P<role>{roles})\s+(?:for|of)\s+(?:the\s+)?"
                   rf"(?P<list>{LIST})", re.I),
    )


def acting_as(t: str) -> list[Phrased]:
    """What "A acts as the ROLE for P" states: A stands to P as the role's label says."""
    labels = reading_words().role_labels
    acting, for_which, said_first, is_role = _acting()
    out = [Phrased(labels[m["role"].lower()], [int(x) for x in MENTION.findall(m["bodies"])],
                   [int(x) for x in MENTION.findall(m["list"])], m.start(), m.end()) for m in said_first.finditer(t)]
    out += [Phrased(labels[m["role"].lower()], [int(m[1])], [int(x) for x in MENTION.findall(m["list"])], m.start(),
                    m.end()) for m in is_role.finditer(t)]
    if " as " not in t:
        return out
    for m in acting.finditer(t):
        role, targets = (m["role"], MENTION.findall(m["list"])) if m["role"] else (m["owned_role"], [m["owner"]])
        out.append(Phrased(labels[role.lower()], [int(m[1])], [int(x) for x in targets], m.start(), m.end()))
    out += [Phrased(labels[m["role"].lower()], [int(m[2])], [int(m[1])], m.start(), m.end())
            for m in for_which.finditer(t)]
    return out
