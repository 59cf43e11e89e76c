"""Facts one templated statement states: the deck's own patterns (:mod:`loaders.relations`), one function
per family of rules, then the phrases of running text (:mod:`loaders.phrase_facts`), then the target
groups it names after a cue.

The order of the families is the order facts are first stated in, which decides which of two readings
of one pair is kept (see :meth:`loaders.reader.Reader.add`); keep it when adding a family.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders import relations as R
from loaders.bullets import Statement
from loaders.clause_ends import PARTNER_ITEM, subjects_before
from loaders.clauses import Phrased, phrased
from loaders.dates import YearSpan, find_years, nearest_year
from loaders.forms import ITS, by_form, cited, owned
from loaders.lexicon import ACTOR_HEADS, READING
from loaders.phrase_facts import state_phrased
from loaders.reader import FRAMED, NESTED, STATED, Reader, span_of

_Rules = dict[str, list[re.Match[str]]]  # rule name -> its matches in the statement (R.rules_in)


@dataclass(frozen=True)
class _Scope:
    """One templated statement as the rules see it: its mentions' keys and years, its subject (its own,
    else a parent's), the lines a fact it states cites, and how directly a nested one is stated."""

    rd: Reader
    st: Statement
    t: str
    keys: list[str]
    years: list[YearSpan]
    span: tuple[int, int]
    own_subject: str | None
    subject: str | None
    parent_span: list[tuple[int, int]]  # the parent's lines, when the subject is the parent's
    conf_subject: float

    def k(self, i: str) -> str:
        """The entity key of mention ``@i@``."""
        return self.keys[int(i)]

    def acting(self, key: str) -> bool:
        return self.rd.is_actor(key) or self.rd.is_instrument(key)

    @property
    def creation_year(self) -> int | None:
        """The creation year the parent statement states ("X was created in 2017" / "- formerly Y")."""
        return self.rd.created[self.st.parent] if self.st.parent is not None else None


# "Its flagship is P", "Their main programme remains P": what the body before owns
_ITS_FLAGSHIP = re.compile(  # … and "Its flagship programme for small firms, P, was created in 2018"
    r"(?:its|their)\s+(?:main\s+|key\s+|principal\s+|largest\s+)?(?:flagship|programme|program|initiative|scheme)"
    r"(?:\s+(?:programme|program|initiative|scheme|delivery\s+vehicle|instrument|tool))?"  # "flagship delivery vehicle"
    r"(?:\s+for\s+(?:[a-z -]{3,40}|@\d+@))?(?:\s+(?:is|was|remains)\s+|,\s+)(?:the\s+)?@(\d+)@",
    re.I,
)


_HAS_MEMBERS = frozenset(READING["member_heads"])
_NUMBERED = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?")  # what opens a statement before its first word
# "Its members also include A, B and C": parts of what the sentence before was about
_ITS_MEMBERS = re.compile(
    rf"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:its|their)\s+(?:[a-z-]+\s+)?members\s+(?:also\s+|now\s+)?"
    rf"(?:include|included|are|were|comprise|comprised)\s*:?\s+(?:(?:senior\s+)?representatives\s+of\s+)?(?:the\s+)?(?P<list>{R.LIST})",
    re.I,
)


def _its_opening(rd: Reader, t: str, keys: list[str], years: list[YearSpan], span: tuple[int, int]) -> None:
    """ "A owns the agenda. Its B drafts the plan.": a sentence that opens on "its B" is about the body or
    instrument the sentence before was about, which owns B; "Its members include B and C": B and C are its parts."""
    owner = rd.focus_before
    if owner is None:
        return
    if (members := _ITS_MEMBERS.match(t.lstrip())) is not None:
        # (whose members: the last body or instrument the sentence before named, "… a member of B, the network of …")
        # (of those, one with members first: "A Harbour Committee is set up under the Ministry. Its members …")
        wholes = [k for k in reversed(rd.named_before) if rd.is_actor(k) or rd.is_instrument(k)]
        whole = next((k for k in wholes if (rd.drafts[k].head or "").lower() in _HAS_MEMBERS), wholes[0] if wholes
                     else owner)
        parts = [int(x) for x in R.MENTION.findall(members["list"])]
        said = [Phrased("PART_OF", parts, [len(keys)], members.start(), members.end())]
        state_phrased(rd, said, [*keys, whole], years, t, (span, []), None)
        return
    opens = ITS.match(t.lstrip()) or _ITS_FLAGSHIP.match(t.lstrip())
    if opens is not None and owner not in keys[: int(opens[1]) + 1]:  # named later: a partner
        said = [owned(t.lstrip(), opens, len(keys), int(opens[1]))]
        state_phrased(rd, said, [*keys, owner], years, t, (span, []), None)


def _unframed(said: list[Phrased]) -> list[Phrased]:
    """What a statement says, but the phrases inside a frame ("B is the new name, adopted in 2031, of A": not
    "B adopted A")."""
    frames = [(f.start, f.end) for f in said if f.frame]
    if not frames:
        return said
    return [f for f in said if f.frame or not any(a <= f.start and f.end <= b for a, b in frames)]


def relate(rd: Reader, st: Statement, t: str, keys: list[str], years: list[YearSpan]) -> None:
    """Apply the relationship rules to one templated statement (but its recommendations and suppositions)."""
    t = R.asserted(t)
    if _NUMBERED.sub("", t[:12], count=1).lower().startswith(("its ", "their")):  # ("12.2 Its members are …")
        _its_opening(rd, t, keys, years, span_of(st))
    rules = R.rules_in(t, t.lower())
    targets = rd.targets[st.index]
    # One name makes a relation only with the subject a bullet inherits ("- launched the programme"), or
    # a line under a line that is only a name ("Harbour Grant (2020-)" / "Managed by A.").
    head = _name_line_above(rd, st) if st.kind == "text" and rd.subjects[st.index] is None else None
    inherits = (st.kind == "bullet" and st.parent is not None and rd.subjects[st.index] is None) or head is not None
    said = _unframed([*phrased(t, st.kind == "bullet" or head is not None), *by_form(t)]) if len(keys) > 1 or inherits \
        else []
    if not rules and not targets and not said:
        return  # no rule matches and no target group to aim at: nothing to say
    own_subject = rd.subjects[st.index]
    subject = own_subject or (rd.subjects[head] if head is not None else rd.subject(st.parent))
    above = head if head is not None else st.parent
    parent_span = [span_of(rd.statements[above])] if above is not None and not own_subject else []
    conf_subject = STATED if own_subject else NESTED
    sc = _Scope(rd, st, t, keys, years, span_of(st), own_subject, subject, parent_span, conf_subject)
    _creation_years(sc, rules)
    _successions(sc, rules)
    _transfers(sc, rules)
    _years_and_bodies(sc, rules)
    _cooperation(sc, rules)
    _laws(sc, rules)
    inherited = subject if subject is not None and not own_subject else None
    state_phrased(rd, said, keys, years, t, (sc.span, parent_span), inherited)
    if targets:
        _targets_after_cues(sc)


_NAME_LINE = re.compile(r"^[^.;:!?]{2,80}$")  # a short line without a sentence's punctuation


def _name_line_above(rd: Reader, st: Statement) -> int | None:
    """The line above a run of lines without a subject of their own that is only a name (and its years):
    a plain-text heading whose lines describe it ("Harbour Grant (2020-)" / "Managed by A." / "Owner: B.")."""
    i = st.index - 1
    while i >= 0 and st.index - i <= 6 and rd.statements[i].parent == st.parent:
        above = rd.statements[i]
        subject = rd.subjects[i]
        if subject is not None:
            return i if _NAME_LINE.match(above.text) and above.text.startswith(rd.drafts[subject].name) else None
        i -= 1
    return None


def _creation_years(sc: _Scope, rules: _Rules) -> None:
    """Creation and enactment years: the entity nearest before the verb (else the first after it);
    the years an entity runs from ("in force since 2012")."""
    rd, t, k = sc.rd, sc.t, sc.k
    for m in rules.get("CREATION", ()):
        before = [x for x in R.MENTION.finditer(t, 0, m.start()) if sc.acting(k(x[1]))]
        clause_end = t.find(",", m.end())
        after = [
            x for x in R.MENTION.finditer(t, m.end(), clause_end if clause_end > 0 else len(t)) if sc.acting(k(x[1]))
        ]
        # "X adopted Y in 2016": an object right after the verb is what was created; "Y was adopted"
        # and "the establishment of Y" name it before or after.
        direct = bool(after) and after[0].start() - m.end() <= 2
        if direct or m[0].lower().endswith(" of"):
            target = after[0] if after else None
        else:
            target = before[-1] if before else (after[0] if after else None)
        if target is None and not before and not after and sc.subject and sc.st.parent is not None:
            continue
        y = nearest_year(sc.years, m.end())
        if target is not None and y is not None and y.first is not None:
            rd.set_years(k(target[1]), y.first)
            rd.created[sc.st.index] = y.first
    if sc.own_subject and (found := rules.get("RUNNING_FROM", ())) and (m := found[0]):
        y = nearest_year(sc.years, m.end())
        if y is not None and y.precision in ("from", "range"):
            rd.set_years(sc.own_subject, y.start, y.end)


_NAMED_BEFORE = re.compile(r"@(\d+)@,?\s*\(?$")


def _successions(sc: _Scope, rules: _Rules) -> None:
    """ "Formerly Y (under Z)": Y is succeeded by the subject (in the year it was created), and was part of Z."""
    rd, k = sc.rd, sc.k
    for m in rules.get("FORMERLY", ()):
        old = k(m[1])
        new = sc.subject if m.start() == 0 or sc.own_subject is None else sc.own_subject
        if (named := _NAMED_BEFORE.search(sc.t, 0, m.start())) is not None:
            new = k(named[1])  # "…, which includes A, formerly known as B": A, not the sentence's subject
        if new is None:
            first = R.MENTION.search(sc.t)
            new = k(first[1]) if first else None
        if new is not None and new != old:
            year = sc.creation_year if not sc.own_subject else rd.created[sc.st.index]
            rd.add("SUCCEEDED_BY", old, new, [*sc.parent_span, sc.span], sc.conf_subject, start=year)
        if m[2]:
            rd.add("PART_OF", old, k(m[2]), [sc.span], STATED)


def _transfers(sc: _Scope, rules: _Rules) -> None:
    """Transfers of functions or policies from bodies to a receiver, in the year stated or its creation year."""
    k = sc.k
    for m in rules.get("TRANSFER", ()):
        receiver = k(R.MENTION.findall(m[0])[-1])
        sources = R.MENTION.findall(m["srcs"] or m["srcs2"] or m["src"] or "")
        stated = nearest_year(sc.years, m.end())
        when = stated.first if stated else sc.creation_year
        # The year may come from the parent ("X was created in 2017" / "- policies moved to X").
        cited = [sc.span] if stated else [*sc.parent_span, sc.span]
        for s in sources:
            sc.rd.add("TRANSFERRED_TO", k(s), receiver, cited, STATED if stated else sc.conf_subject, start=when)


_CITATION = re.compile(r"\s*(?:Sources?|Notes?|References?|Adapted\s+from|According\s+to)\b", re.I)


def _years_and_bodies(sc: _Scope, rules: _Rules) -> None:
    """ "Y (2005-2008, X)" and "Y (X, 2005-2008)": Y's years, and X implements Y; "Y (2005-2008)": its years;
    "Y (X)": X implements Y."""
    rd, k = sc.rd, sc.k
    for m in rules.get("YEARS_BODY", ()):
        start, end = _years(m["years"])
        rd.set_years(k(m[1]), start, end)
        # "Quay Agency (2001-, Ministry of Docks)": a body named by its head noun, and its ministry
        if rd.drafts[k(m[1])].head in ACTOR_HEADS and rd.is_body(k(m[1])) and rd.is_body(k(m[3])):
            rd.add("PART_OF", k(m[1]), k(m[3]), [sc.span], STATED, start=start, end=end)
            continue
        rd.add("IMPLEMENTS", k(m[3]), k(m[1]), [sc.span], STATED, start=start, end=end)
        for item in PARTNER_ITEM.finditer(m["more"]):
            rd.add("PARTICIPATES_IN" if item[1] else "IMPLEMENTS", k(item[2]), k(m[1]), [sc.span], STATED,
                   start=start, end=end)
    for m in rules.get("YEARS_ONLY", ()):
        if _CITATION.match(sc.t):
            break  # "Source: Quay Statistics Office (2030)": the year its report came out
        if rd.is_instrument(k(m[1])) or rd.is_actor(k(m[1])):
            start, end = _years(m["years"])
            rd.set_years(k(m[1]), start, end)
    for m in rules.get("BODY_YEARS", ()):
        if cited(sc.t, m.start(), m["years"]):
            continue  # "Evaluations of P (Quay Institute, 2032) suggest …": an author and a year, cited
        start, end = _years(m["years"])
        rd.set_years(k(m[1]), start, end)
        rd.add("IMPLEMENTS", k(m[2]), k(m[1]), [sc.span], STATED, start=start, end=end)
    for m in rules.get("BODIES_ONLY", ()):
        if not rd.is_instrument(k(m[1])) or rd.retypable(k(m[1])):
            continue
        for item in PARTNER_ITEM.finditer(m["list"]):  # "P (A, with B)": A runs P, B takes part
            if rd.is_actor(k(item[2])) and not rd.retypable(k(item[2])):
                rd.add("PARTICIPATES_IN" if item[1] else "IMPLEMENTS", k(item[2]), k(m[1]), [sc.span], STATED)


def _years(text: str) -> tuple[int | None, int | None]:
    spans = find_years(text)
    if not spans:
        return None, None
    s = spans[0]
    return s.start, s.end


_NAMED_PARTNERSHIP = re.compile(r"@(\d+)@\s*(?:\([^()@]*\)\s*)?,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}$")


def _cooperation(sc: _Scope, rules: _Rules) -> None:
    """ "Co-operation between A, B and C" and "A works with B and C (on P)": the bodies collaborate, in
    the context of the instrument the statement is about, and take part in it."""
    rd, t, k, span, parent_span = sc.rd, sc.t, sc.k, sc.span, sc.parent_span
    context = (
        _context(rd, sc.st, sc.own_subject) if "COOPERATION_BETWEEN" in rules or "COLLABORATING_WITH" in rules else None
    )
    for m in rules.get("COOPERATION_BETWEEN", ()):
        members = [k(i) for i in R.MENTION.findall(m["list"]) if rd.is_actor(k(i))]
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                rd.add("COLLABORATES_WITH", a, b, [*parent_span, span], NESTED if context else STATED, context=context)
            if context:
                rd.add("IMPLEMENTS", a, context, [*parent_span, span], FRAMED)
        if (named := _NAMED_PARTNERSHIP.search(t, max(0, m.start() - 80), m.start())) is not None:
            # "X (2018-2023), a public-private partnership between A, B and C": the members make X
            made = k(named[1])
            for a in (x for x in members if x != made):
                rd.add("PARTICIPATES_IN" if rd.is_instrument(made) else "COLLABORATES_WITH", a, made, [span], STATED)
    for m in rules.get("COLLABORATING_WITH", ()):
        group = "plist" if m["plist"] else "list"  # (an owner ending the list, "B, A's service", is no partner)
        partners = [k(x[1]) for x in R.MENTION.finditer(t, m.start(group), m.end(group))
                    if rd.is_actor(k(x[1])) and t[x.end() : x.end() + 1] not in "'\u2019"]
        actors_before = [  # an owner ("A's policy") is not who works with the partners
            k(x[1]) for x in R.MENTION.finditer(t, 0, m.start()) if rd.is_actor(k(x[1])) and t[x.end()] not in "'\u2019"
        ]
        subject = sc.subject
        # the verb's own subject where the clause names one ("A, which owned B, will partner with C": A)
        nearest = [k(str(i)) for i in subjects_before(t, m.start(), True) if rd.is_actor(k(str(i)))]
        lead = nearest[0] if nearest else actors_before[-1] if actors_before else (
            subject if subject and rd.is_actor(subject) else None)
        led = [k(x[1]) for x in R.MENTION.finditer(t, 0, m.start()) if rd.is_instrument(k(x[1]))]
        on = k(m["on"]) if m["on"] and rd.is_instrument(k(m["on"])) else None
        instrument = on or (led[-1] if led else context)
        for partner in partners:
            if lead:
                rd.add("COLLABORATES_WITH", lead, partner, [span], STATED, context=instrument)
            if instrument:
                rd.add("PARTICIPATES_IN", partner, instrument, [span], STATED)


def _context(rd: Reader, st: Statement, own_subject: str | None) -> str | None:
    """The instrument a statement is about: its own subject or an ancestor's, if that is an instrument."""
    if own_subject and rd.is_instrument(own_subject):
        return own_subject
    for a in rd.ancestors(st.index):
        s = rd.subjects[a]
        if s is not None:
            return s if rd.is_instrument(s) else None
    return None


def _laws(sc: _Scope, rules: _Rules) -> None:
    """Laws providing for instruments: "P (Article 5 of L)", "L provides for P", and a subject that lays
    the foundation for the instruments named after the phrase."""
    rd, k, span, subject = sc.rd, sc.k, sc.span, sc.subject
    for m in rules.get("PROVIDED_IN", ()):
        note = f"{m['article']} of the law" if m["article"] else None
        rd.add("PROVIDES_FOR", k(m[2]), k(m[1]), [span], STATED, note=note, start=rd.drafts[k(m[2])].start)
    for m in rules.get("PROVIDES_FOR", ()):
        rd.add("PROVIDES_FOR", k(m[1]), k(m[3]), [span], STATED)
    if (
        (found := rules.get("FOUNDATION_FOR", ()))
        and (m := found[0])
        and subject
        and rd.type_of(subject) in rd.schema.relationship_types["PROVIDES_FOR"].sources
    ):
        for x in R.MENTION.finditer(sc.t, m.end()):
            if rd.is_instrument(k(x[1])):
                rd.add(
                    "PROVIDES_FOR", subject, k(x[1]), [*sc.parent_span, span], NESTED, start=rd.drafts[k(x[1])].start
                )


def _targets_after_cues(sc: _Scope) -> None:
    """Targets named in the statement itself, after a cue ("to SMEs", "hiring youth"): the target of the
    statement's instruments, else of the instrument it speaks of."""
    rd, st, t, keys, own_subject = sc.rd, sc.st, sc.t, sc.keys, sc.own_subject
    instruments = [kk for kk in keys if rd.is_instrument(kk)]
    # Without an instrument of its own, a statement speaks of its own subject or its parent's.
    near = own_subject or (rd.subjects[st.parent] if st.parent is not None and st.kind == "bullet" else None)
    if not instruments and near and rd.is_instrument(near):
        instruments.append(near)
    if not instruments:
        return
    for x in R.MENTION.finditer(t):
        key = sc.k(x[1])
        if rd.type_of(key) != "TargetGroup":
            continue
        if R.TARGET_CUES.search(t, max(0, x.start() - 40), x.start()):
            for ins in instruments:
                rd.add(
                    "TARGETS",
                    ins,
                    key,
                    [*([] if ins in keys else sc.parent_span), sc.span],
                    STATED if own_subject or ins in keys else NESTED,
                )
