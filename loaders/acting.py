"""A body that "acts as" a role for an instrument: "A acts as the financial agent for P", "B served as the
intermediate body of P and Q". The roles are the labels of ``role_labels`` in ``reading.yaml`` (the same words
that label a role in a list or a table: "Operator: A"), so a role is declared once for both readings.
"""

from __future__ import annotations

import re
from functools import cache

from loaders.clause_ends import MENTION
from loaders.clauses import Phrased
from loaders.lexicon import alternation, reading_words
from loaders.relations import LIST


@cache
def _acting() -> re.Pattern[str]:
    roles = alternation(label for label in reading_words().role_labels if " " in label or label.isalpha())
    return re.compile(
        r"@(\d+)@[^@;.]{0,40}?\b(?:acts?|acted|acting|serves?|served|serving|functions?|functioned)\s+as\s+"
        r"(?:the\s+|an?\s+|its\s+)?(?:(?:national|main|sole|official|local|regional|central)\s+)?"
        rf"(?P<role>{roles})\s+(?:for|of|to|in|on)\s+(?:the\s+)?(?P<list>{LIST})"
        # (the list ends before the next clause's subject: "…, and B acts as …")
        r"(?!\s+(?:acts?|serves?|is|are|was|were|has|have|will|runs?|manages?|operates?|leads?)\b)",
        re.I,
    )


def acting_as(t: str) -> list[Phrased]:
    """What "A acts as the ROLE for P" states: A stands to P as the role's label says."""
    if " as " not in t:
        return []
    labels = reading_words().role_labels
    return [
        Phrased(labels[m["role"].lower()], [int(m[1])], [int(x) for x in MENTION.findall(m["list"])], m.start(),
                m.end())
        for m in _acting().finditer(t)
    ]
