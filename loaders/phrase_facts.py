"""Facts the phrases of running text state (:mod:`loaders.clauses`, ``reading.yaml``), once the types
of their ends are known: which relation a phrase means between two entities, the year its clause gives,
and the partners that take part in what the clause is about.
"""

from __future__ import annotations

import re

from loaders.clause_ends import FORMER_NAME_OPENER
from loaders.clauses import INHERITED, INSIDE, OWNS, SAME_AS, Phrased, first_phrase, phrase_relation
from loaders.dates import YearSpan
from loaders.lexicon import NETWORK_HEADS, READING, reading_words
from loaders.reader import NESTED, STATED, Reader
from loaders.relations import CREATION_VERBS, MENTION


def state_phrased(
    rd: Reader,
    said: list[Phrased],
    keys: list[str],
    years: list[YearSpan],
    t: str,
    spans: tuple[tuple[int, int], list[tuple[int, int]]],
    inherited: str | None,
) -> None:
    """Add what the phrases of reading.yaml state (:mod:`loaders.clauses`). A fact the deck rules stated
    in more detail, with an instrument as context, is cited again rather than stated a second time."""
    span, parent_span = spans
    # Other names first ("A (B, AB) … with C"): the facts that follow then meet one entity, not two; and
    # facts that need known types last, once the others have typed the names ("P is run by A on behalf of B");
    # a fund's partnership after what a verb says of it ("run by the X Fund with B": the fund is a body).
    def fund_partners(f: Phrased) -> bool:
        return f.relation == "COLLABORATES_WITH" and any(
            i != INHERITED and rd.fund_free(keys[i]) for i in (*f.sources, *f.targets))

    for i in (i for f in said if f.bodies for i in f.sources):
        if i != INHERITED and rd.fund_free(keys[i]):  # "the Quay Fund is a separate body under M": no instrument
            rd.drafts[keys[i]].type = reading_words().default_actor
    for f in sorted(said, key=lambda f: (f.relation != SAME_AS, f.typed, fund_partners(f))):
        start, end = _dated(years, t, f)
        joins = f.relation == "PARTICIPATES_IN" and phrase_relation(t[f.start : f.end]) == ("PARTICIPATES_IN", True)
        # ("takes part in", a forward phrase; not "involving")
        cited = [span] if INHERITED not in (*f.sources, *f.targets) else [*parent_span, span]
        sources = f.sources
        if f.instruments:  # the first instrument the clause names ("Within the Commission, …": the first body)
            body_frame = any(j != INHERITED and rd.is_actor(keys[j]) for j in f.targets)
            fits = rd.is_actor if body_frame else rd.is_instrument
            sources = [next((i for i in f.sources if fits(keys[i])), INHERITED)][:1]
            sources = [i for i in sources if i != INHERITED]
        for i in sources:
            for j in f.targets:
                source = inherited if i == INHERITED else keys[i]
                target = inherited if j == INHERITED else keys[j]
                if source is None or target is None or (f.typed and (rd.retypable(source) or rd.retypable(target))):
                    continue
                if f.relation == SAME_AS:
                    # "P (Q)" where Q was named before on its own: two things, not two names of one
                    named_before = min(rd.drafts[target].lines, default=span[0]) < span[0]
                    if rd.retypable(source) and rd.type_of(target) == "Law" and not named_before:
                        rd.drafts[source].type = rd.type_of(target)  # "Magna Carta for X (Act No. 5)": a law
                    if (rd.type_of(source) == rd.type_of(target) or rd.retypable(target)) and not named_before:
                        rd.same(source, target)
                        keys[:] = [source if k == target else k for k in keys]  # this statement's facts too
                    continue
                runs = f.relation == "COLLABORATES_WITH" and runs_jointly(t, f.start)
                fact = _fitted(rd, f, t, keys, _resolved(rd, f.relation, source, target, joins, runs), inherited)
                if fact is not None and fact[0] == "COLLABORATES_WITH" and rd.type_of(fact[1]) == "TargetGroup":
                    fact = None  # a target group works with no one; the clause's subject may (the fallback below)
                for owner in f.owners:  # "SME policy is set by M, mainly through its U": M owns U
                    if fact is not None and rd.fits(*fact):
                        break
                    if f.backward and not rd.retypable(keys[owner]):  # "B was set up under Act 5 as successor to A"
                        fact = _resolved(rd, f.relation, source, keys[owner])
                    elif not f.backward and rd.is_actor(keys[owner]) and not rd.retypable(keys[owner]):
                        fact = _resolved(rd, f.relation, keys[owner], target)
                if fact is None:
                    continue
                relation, source, target = fact
                if rd.has(relation, source, target):
                    rd.cite(relation, source, target, cited)
                else:
                    rd.add(relation, source, target, cited, STATED if len(cited) == 1 else NESTED, start=start,
                           end=end)
                if relation == "SUCCEEDED_BY" and start is not None:
                    rd.set_years(target, start)  # the new body or instrument begins then
        if f.relation == "COLLABORATES_WITH":
            _partners_take_part(rd, f, keys, cited, t)


# "P was implemented by A in consultation with B", "P was set up in 2006 by A and C with B": the agents of a
# passive verb, the phrase after them.
_PASSIVE_AGENT = re.compile(r"\b[a-z]+(?:ed|en|un)\s+(?:[^@;,.]{0,25}\s)?by\s+(?:the\s+)?@(\d+)@")


def _passive_agent(t: str, at: int) -> int | None:
    """The first agent of the last passive verb before ``at`` in its sentence ("… was run by A and B with …")."""
    agents = list(_PASSIVE_AGENT.finditer(t, 0, at))
    last = agents[-1] if agents else None
    return int(last[1]) if last is not None and not any(c in t[last.end() : at] for c in ";.") else None


def _partners_take_part(rd: Reader, f: Phrased, keys: list[str], cited: list[tuple[int, int]], t: str) -> None:
    """ "A set up P together with B and C": the partners take part in the instrument the clause is about
    (the nearest instrument named before the phrase); "P was set up by A with B": in P, the verb's subject."""
    # Only what comes after the clause's subject ("At P's conference, A, together with B, …": not P).
    first = min((x for x in f.sources if x != INHERITED), default=-1)
    after_subject = [i for i in f.before_phrase if i > first]
    instrument = next((keys[i] for i in reversed(after_subject) if rd.is_instrument(keys[i])), None)
    if instrument is None and _passive_agent(t, f.start) == first:
        instrument = next((keys[i] for i in f.before_phrase if i < first and rd.is_instrument(keys[i])), None)
    if instrument is None:
        return
    relation = "IMPLEMENTS" if runs_jointly(t, f.start) else "PARTICIPATES_IN"
    for j in f.targets:
        if j != INHERITED and keys[j] != instrument:
            rd.add(relation, keys[j], instrument, cited, STATED if len(cited) == 1 else NESTED)


_JOINTLY = re.compile(r"(?:jointly|together)\s+with\b", re.I)


def runs_jointly(t: str, at: int) -> bool:
    """Whether the partners after ``at`` run what their clause is about: "P is run jointly with B", "A runs P,
    the …, jointly with B" (not "A set up P together with B", nor "A works with B": they take part)."""
    if not _JOINTLY.match(t, at):
        return False
    verb = first_phrase(t[t.rfind(";", 0, at) + 1 : at])
    return verb is not None and verb[0] == "IMPLEMENTS"


# An aside on a former name ("…, known until 2030 as B", "…, which was called B until 2030"): its years are the name's.
_FORMER_NAME_ASIDE = re.compile(rf",\s*{FORMER_NAME_OPENER}\b[^,;]*", re.I)
# A body's founding, opening its sentence: its year is the body's, not that of what the sentence says it does.
_FOUNDED_FRAME = re.compile(r"\s*(?:Established|Founded|Created|Set\s+up|Formed)\s+(?:in|on)\s[^,;@]{0,40},")


def _dated(years: list[YearSpan], t: str, f: Phrased) -> tuple[int | None, int | None]:
    """The years a phrase's relation starts and ends (a succession has a start only)."""
    if f.relation not in ("SUCCEEDED_BY", "TRANSFERRED_TO"):  # a reorganisation is dated by when it happened
        if f.relation != "PART_OF" and (born := _FOUNDED_FRAME.match(t)) is not None and f.start > born.end():
            years = [y for y in years if y.position > born.end()]  # "Established in 2009, it manages P": not since 2009
        # "P is run by A, known until 2022 as B": the years of an aside on a former name are the name's
        asides = [(a.start(), a.end()) for a in _FORMER_NAME_ASIDE.finditer(t) if not a.start() <= f.start < a.end()]
        years = [y for y in years if not any(a <= y.position < b for a, b in asides)]
        return _clause_year(years, t, f.start, False), _clause_end(years, t, f.start)
    if _FOUNDED_AS.match(t, f.start) and t[f.start : f.end].endswith(" as"):
        return _renamed_year(years, t, f.end), None  # "founded in 1996 as A and elevated … in 2017": 2017
    obj = MENTION.search(t, f.end)  # whether the name after the phrase is the new one ("followed by B, 2021-2027")
    return _clause_year(years, t, f.start, True, obj is not None and int(obj[1]) in f.targets), None


def _fitted(rd: Reader, f: Phrased, t: str, keys: list[str], fact: tuple[str, str, str] | None,
            inherited: str | None) -> tuple[str, str, str] | None:
    """A fact as the statement's layout reads it: an arrow from a ministry is delegation ("Ministry →
    Agency → centres"); "P is run by A with technical support from B": B takes part in P, the clause's
    instrument, not in A."""
    if fact is None:
        return None
    relation, source, target = fact
    if _delegated(rd, t[f.start : f.end], relation, source, target):
        return "PART_OF", target, source
    phrase = " ".join(w for w in t[f.start : f.end].split() if not w.endswith("ly"))  # "steered jointly by"
    bodies = rd.is_actor(source) and rd.is_actor(target) and not rd.retypable(source)
    if relation == "PART_OF" and bodies and not rd.retypable(target) and _ABSORBING.search(phrase):
        return "SUCCEEDED_BY", source, target  # "A was integrated into B": absorbed by it
    if relation in ("LEADS", "IMPLEMENTS") and _SUPERVISING.fullmatch(phrase) and bodies \
            and (not rd.retypable(target) or rd.drafts[target].head) and rd.type_of(target) != "PrivateSector":
        # "A, an agency supervised by M" (or a network "steered by M"): under M (not "supervises banks": a regulator)
        return "PART_OF", target, source
    if relation == "LEADS" and _OWNED.search(phrase) and rd.is_actor(source) and not rd.retypable(source) \
            and rd.retypable(target) and not rd.drafts[target].head:
        rd.drafts[target].type = reading_words().default_actor
        return "PART_OF", target, source  # "Quaybiz, wholly owned by the State": a company the state owns
    if relation in ("PARTICIPATES_IN", "IMPLEMENTS", "LEADS") and (
            rd.is_actor(target) and not rd.retypable(target) or rd.type_of(target) == "Country"):
        # "…, run by C" after "a joint initiative of A and B": C runs the instrument, not B ("P in Norland, with
        # funding from C": nor the country)
        about = next((keys[i] for i in f.before_phrase if rd.is_instrument(keys[i])), None)
        if about is None and inherited is not None and rd.is_instrument(inherited):
            about = inherited
        return (relation, source, about) if about is not None and rd.is_actor(source) else fact
    return fact


_SUPERVISING = re.compile("|".join(re.escape(p) for p in READING["supervising"]), re.I)
_OWNED = re.compile(r"\bowned by$", re.I)
_ABSORBING = re.compile(rf"\b(?:{'|'.join(re.escape(p) for p in READING['absorbing'])})$", re.I)


def _delegated(rd: Reader, phrase: str, relation: str, source: str, target: str) -> bool:
    """An arrow from a ministry to a body that is no ministry: the body works under it (a deck's org
    chart), not a renaming."""
    return relation == "SUCCEEDED_BY" and phrase.strip() == "\u2192" and rd.type_of(source) == "Ministry" \
        and rd.is_actor(target) and rd.type_of(target) not in ("Ministry", "Government")


_FUNDS = ("fund", "funds")  # an instrument's head that names bodies too
_UNITS = ("Ministry", "Agency")  # the bodies of a government that hold units of one another
_NO_FUND_HEIRS = ("Ministry", "Government")


def _resolved(rd: Reader, relation: str, source: str, target: str, joins: bool = False, runs: bool = False
              ) -> tuple[str, str, str] | None:
    """The fact a phrase states between two entities, once their types are known: working with a
    programme is taking part in it; an instrument taking part in another is part of it, a body that ``joins``
    another (a forward phrase: "takes part in", "sits on") works with it; an instrument
    "under" a law is one the law provides for; an owner leads its instrument, a body is part of its
    owner, and an instrument's instrument is part of it."""
    if (
        relation == "COLLABORATES_WITH"
        and rd.is_instrument(target) != rd.is_instrument(source)
        and not rd.retypable(target if rd.is_instrument(target) else source)
    ):
        rel = "IMPLEMENTS" if runs else "PARTICIPATES_IN"  # ("P is run jointly with B": B runs it)
        return (rel, target, source) if rd.is_instrument(source) else (rel, source, target)
    both_instruments = rd.is_instrument(source) and rd.is_instrument(target) and not rd.retypable(source)
    if relation == "PARTICIPATES_IN" and both_instruments:
        return "PART_OF", source, target  # "the grant contributes to the strategy": one serves the other
    if relation == "IMPLEMENTS" and rd.is_instrument(source) and not rd.retypable(source) and rd.fund_free(target):
        return "LEADS", target, source  # "the Quay Fund is channelled through P": the fund finances P
    if relation == "PARTICIPATES_IN" and joins and rd.is_body(source) and rd.is_body(target):
        return "COLLABORATES_WITH", source, target  # "A takes part in (sits on) the Quay Board": A works with it
    if relation == "PART_OF" and rd.is_instrument(source) and rd.is_actor(target) and not rd.retypable(target) \
            and not rd.retypable(source):
        return "LEADS", target, source  # "P, a programme (an initiative) of the ministry": the ministry leads P
    if relation == "PART_OF" and rd.type_of(target) == "Law":
        if not rd.is_instrument(source):
            return None  # a body is not part of a law
        return "PROVIDES_FOR", target, source  # "P, under Article 29 of the Act": the law provides for P
    if (relation == "PART_OF" and rd.is_actor(source) and rd.is_instrument(target) and not rd.retypable(target)
            and not rd.retypable(source) and rd.drafts[source].head not in NETWORK_HEADS):
        return "IMPLEMENTS", source, target  # "A was delivering grants under P": a body (not a network) works in P
    if relation == "SUCCEEDED_BY" and rd.is_instrument(source) != rd.is_instrument(target) \
            and not rd.retypable(source) and not rd.retypable(target):
        fund, body = (source, target) if rd.is_instrument(source) else (target, source)
        if rd.drafts[fund].head not in _FUNDS or rd.drafts[fund].fixed or rd.type_of(body) in _NO_FUND_HEIRS:
            return None  # "A took over the management of P": a body does not succeed an instrument (nor a fund
            # another relation has already read as one, nor does a ministry)
        # "the Quay Loan Fund and the Pier Fund were merged to form the Dock Bank": those funds were bodies
        rd.drafts[fund].type = reading_words().default_actor
    if relation == "TRANSFERRED_TO" and rd.is_instrument(source) and rd.is_actor(target) and not rd.retypable(source) \
            and not rd.retypable(target):
        return "LEADS", target, source  # "P has moved to A", "P was transferred to A": A is responsible for P now
    if relation == "LEADS" and rd.type_of(source) == "Law" and rd.is_instrument(target):
        return "PROVIDES_FOR", source, target  # "a grant created by Decree No. 12": the decree provides for it
    if relation == "LEADS" and both_instruments and rd.type_of(source) == "Strategy" and not rd.retypable(target):
        return "PART_OF", target, source  # "the plan created a network": the network is part of the plan
    if relation == INSIDE:
        inner, outer = rd.type_of(source), rd.type_of(target)
        headed = rd.drafts[source].head and rd.drafts[target].head  # (not a place: "a centre in Little Norland")
        return ("PART_OF", source, target) if headed and inner in _UNITS and outer in (*_UNITS, "Government") else None
    if relation == OWNS:
        if rd.is_instrument(source) and rd.is_instrument(target) and not rd.retypable(source):
            return "PART_OF", target, source  # "the plan's measure X": X is one part of the plan
        if not (rd.is_actor(source) or rd.retypable(source)):
            return None
        # A name found by shape after an owner's 's is more often its instrument than its body.
        return ("PART_OF", target, source) if rd.is_actor(target) and not rd.retypable(target) else (
            "LEADS", source, target)
    return relation, source, target


_FOUNDED_AS = re.compile(rf"(?:{CREATION_VERBS})\b", re.I)
_RENAMING = re.compile(
    r"\b(?:elevated|upgraded|renamed|became|rebranded|reorganised|reorganized|transformed|converted|took\s+its\s+"
    r"(?:current|present)\s+name|received\s+its\s+(?:current|present)\s+name)\b", re.I
)


def _renamed_year(years: list[YearSpan], t: str, after: int) -> int | None:
    """The year a body founded under an old name took the new one: the first year after a renaming
    word later in the statement (the founding year is the old name's)."""
    m = _RENAMING.search(t, after)
    found = [y for y in years if m is not None and y.position >= m.start() and y.first is not None]
    return found[0].first if found else None


def _in_clause(years: list[YearSpan], t: str, at: int) -> list[YearSpan]:
    """The dated spans of the clause (between semicolons) that holds position ``at``."""
    left, right = t.rfind(";", 0, at) + 1, t.find(";", at)
    return [y for y in years if left <= y.position < (right if right >= 0 else len(t)) and y.first is not None]


def _clause_end(years: list[YearSpan], t: str, at: int) -> int | None:
    """The year a phrase's relation ends: "ran P until 2022", "from 2019 to 2022 P was run by A" (the
    clause's one dated span, when it has an end)."""
    inside = _in_clause(years, t, at)
    if len(inside) == 1 and inside[0].precision == "year" and _closing(t, inside[0]):
        return inside[0].end  # "run by A and closed to new applications in 2033"
    return inside[0].end if len(inside) == 1 and inside[0].precision in ("range", "until") else None


_CLOSED = re.compile(
    r"\b(?:closed|ended|abolished|discontinued|terminated|wound\s+up|expired|phased\s+out)\b[^;@]{0,40}$"
)


def _closing(t: str, y: YearSpan) -> bool:
    """Whether a year is when something closed ("closed to new applications in February 2033")."""
    return _CLOSED.search(t, max(0, y.position - 60), y.position) is not None


_FOUNDED_BEFORE = re.compile(
    r"@\d+@\s*(?:\([^()]*\)\s*)?,\s*(?:(?:which\s+was\s+|itself\s+)?(?:established|created|founded|set\s+up|formed|launched)"
    r"\s+(?:in|on)\s+[^@;]{0,20}|which\s+had\s+[^@;]{0,60})$"  # (or "A, which had advised firms since 2000": A's past)
)


def _clause_year(years: list[YearSpan], t: str, at: int, nearest: bool, new_after: bool = False) -> int | None:
    """The year a phrase's relation starts: the year of its clause (between semicolons), when the clause
    has one; for a succession the year nearest the phrase."""
    inside = _in_clause(years, t, at)
    if nearest and inside:
        # "took its present name on 1 April 2019": the date after the verb, else the nearest one;
        # "replaced A, in use from 2015 to 2020": the old one's years end with it; "followed by B for the
        # 2021-2027 period": the new one's begin then; "created in 2030 as the successor to A, established in
        # 2002" or "…, which had existed since 2002": that year is A's, not the succession's
        inside = [y for y in inside if not _FOUNDED_BEFORE.search(t, at, y.position)] or inside
        after = [y for y in inside if at <= y.position <= at + 60]
        if after and after[0].precision == "range" and after[0].end is not None:
            return after[0].first if new_after else after[0].end
        return (after[0] if after else min(inside, key=lambda y: abs(y.position - at))).first
    # "adopted P in 2023, which runs until 2027": the one year the relation could start in
    starts = [y for y in inside if y.precision in ("year", "from", "range") and not _closing(t, y)]
    since = [y for y in starts if y.precision == "from" and at < y.position <= at + 60]
    if len(starts) > 1 and len(since) == 1:
        return since[0].first  # "a 2024 review of P, run by A since 2020": the year the phrase itself gives
    return starts[0].first if len(starts) == 1 and len(inside) - len(starts) <= 1 else None
