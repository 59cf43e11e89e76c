"""Facts the layout of a document gives rather than its sentences: a table row's cells, an item under a
strategy's slide, the items of a list its subject's parts introduce ("three components:"), the bodies
counted in a sentence and named by the next ones, and target groups named above an item or in a title.
"""

from __future__ import annotations

import re

from loaders import relations as R
from loaders.bullets import ORDINAL_MARK, Statement
from loaders.clauses import first_phrase, phrase_relation
from loaders.dates import YearSpan, find_years
from loaders.forms import counted_members
from loaders.groups import targets_in_name
from loaders.lexicon import INSTRUMENT_HEADS, name_key, reading_words
from loaders.reader import FRAMED, NESTED, Reader, span_of

_TABLE_SEPARATOR = re.compile(r"^\|[\s:|-]*$")
_PARTNER_CUE = re.compile(r"\b(?:with|alongside|and|together\s+with)\s+(?:the\s+)?$", re.I)


_UNDERLINE = re.compile(r"^\s*(?:\|?[\s:|]*-{3,}[\s:|-]*\|?|[-=_\u2013\u2014]{8,})\s*$")  # "|---|---|", "------"


def table_row(rd: Reader, st: Statement, t: str, keys: list[str]) -> None:
    """A row of a Markdown table: its first cell names what the row is about; a body named in another
    cell runs it (an instrument) or is its parent (a body, in a column whose header says so); bodies
    named "with" the first in a cell take part in it."""
    if not st.text.startswith("|"):
        rd.table_header = rd.period_body = None
        return
    if _TABLE_SEPARATOR.match(st.text):
        return
    cells = [c.strip() for c in t.strip().strip("|").split("|")]
    following = rd.doc.lines[st.last_line] if st.last_line < len(rd.doc.lines) else ""
    first_row = st.index == 0 or not rd.statements[st.index - 1].text.startswith("|")
    if first_row and (not keys or _UNDERLINE.match(following)):  # the first row, above a separator, is the header
        rd.table_header = [c.strip().lower() for c in st.text.strip().strip("|").split("|")]
        return
    if not keys:
        return
    first = [keys[int(i)] for i in R.MENTION.findall(cells[0])]
    if not first and len(cells) == 2:
        _labelled_row(rd, cells, keys, span_of(st))
        _period_row(rd, cells, keys, span_of(st))
    if not first or not (rd.is_actor(first[0]) or rd.is_instrument(first[0])):
        return
    subject, span = first[0], span_of(st)
    header = rd.table_header or []
    for col, cell in enumerate(cells[1:], start=1):
        title = header[col] if col < len(header) else ""
        if title.strip(" *:") in reading_words().target_columns:
            continue  # "| For |", "| Target group |": whom the instrument serves, not who runs it
        for n, m in enumerate(R.MENTION.finditer(cell)):
            key = keys[int(m[1])]
            if not rd.is_actor(key):
                continue
            if rd.is_instrument(subject):
                partner = n > 0 and _PARTNER_CUE.search(cell, 0, m.start())
                role = reading_words().role_labels.get(title, "IMPLEMENTS")  # "Lead ministry" column: LEADS
                rd.add("PARTICIPATES_IN" if partner else role, key, subject, [span], FRAMED)
            elif any(w in title for w in reading_words().parent_columns):
                rd.add("PART_OF", subject, key, [span], FRAMED)


# How an infobox's bodies stand to the page's body: (relation, the page's body is the source).
_BODY_ROLES = {"parent": ("PART_OF", True), "children": ("PART_OF", False),
               "predecessors": ("SUCCEEDED_BY", False), "successors": ("SUCCEEDED_BY", True)}


def _labelled_row(rd: Reader, cells: list[str], keys: list[str], span: tuple[int, int]) -> None:
    """ "| Parent agency | Ministry of Ports |": the bodies of the value stand to the body the page is
    about (the first one it names) as the label says (``body_labels`` in reading.yaml)."""
    role = reading_words().body_labels.get(cells[0].strip(" *:").lower())
    about = rd.owner() if role else None
    if role is None or about is None:
        return
    relation, page_first = _BODY_ROLES[role]
    for m in R.MENTION.finditer(cells[1]):
        body = keys[int(m[1])]
        if rd.is_actor(body) or rd.retypable(body):  # the label says it is a body ("Export Norland")
            rd.add(relation, *((about, body) if page_first else (body, about)), [span], FRAMED)


_PERIOD = re.compile(r"^(?:(?:19|20)\d\d)\s*(?:-\s*(?:(?:19|20)\d\d)?)?\s*$|^(?:since|from)\s+(?:19|20)\d\d$", re.I)


def _period_row(rd: Reader, cells: list[str], keys: list[str], span: tuple[int, int]) -> None:
    """ "| 2008–2017 | Quay Office |" / "| 2017– | Ministry of Ports |": the body held that role then, and
    the one in the next row succeeded it (the table's rows in time order)."""
    names = [keys[int(i)] for i in R.MENTION.findall(cells[1])]
    if not _PERIOD.match(cells[0].strip()) or len(names) != 1 or not rd.is_actor(names[0]):
        rd.period_body = None
        return
    years = find_years(cells[0])
    start, end = (years[0].start, years[0].end) if years else (None, None)
    if cells[0].strip().endswith("-"):
        end = None  # "2017-": still so
    rd.set_years(names[0], start, end)
    if rd.period_body is not None and rd.period_body != names[0]:
        rd.add("SUCCEEDED_BY", rd.period_body, names[0], [span], FRAMED, start=start)
    rd.period_body = names[0]


def frame_rules(rd: Reader, per_statement: list[tuple[str, list[str], list[YearSpan]]]) -> None:
    """Facts the layout gives: an item under a strategy is part of it; an item of a list its subject's
    parts introduce is part of that subject; targets named above an item or in an instrument's name."""
    _listed_parts(rd, per_statement)
    _counted_parts(rd, per_statement)
    _bodies_under_bodies(rd)
    _role_lists(rd, per_statement)
    _owners_catalogue(rd, per_statement)
    strategy_label = INSTRUMENT_HEADS["strategy"]
    for st, (_, keys, _) in zip(rd.statements, per_statement, strict=True):
        if st.kind != "bullet" or not keys:
            continue
        own = [kk for kk in keys if rd.is_instrument(kk)]
        if not own:
            continue
        ancestors = [a for a in rd.ancestors(st.index) if rd.statements[a].section == st.section]
        # The nearest subject above the item; it frames the item only if it is a strategy.
        frame = next((rd.subjects[a] for a in ancestors if rd.subjects[a] is not None), None)
        strategy = frame if frame is not None and rd.type_of(frame) == strategy_label else None
        for ins in own:
            stated = rd.has("PART_OF", strategy, ins) if strategy else False  # the item says the reverse
            if strategy and strategy != ins and rd.type_of(ins) != strategy_label and not stated:
                anc = next(a for a in ancestors if rd.subjects[a] == strategy)
                rd.add("PART_OF", ins, strategy, [span_of(rd.statements[anc]), span_of(st)], FRAMED)
            for a in ancestors:
                for tg in rd.targets[a]:
                    rd.add("TARGETS", ins, tg, [span_of(rd.statements[a]), span_of(st)], FRAMED)
    _targets_in_titles(rd)




def _owners_catalogue(rd: Reader, per_statement: list[tuple[str, list[str], list[YearSpan]]]) -> None:
    """A body's own page ("We help …", "Our programmes …") lists its instruments under a heading that names
    them ("Programmes for digital business", "Funding for SMEs"): each item (a bullet or a table row) that opens
    on an instrument and names no other body is one the page's body runs."""
    owner = rd.owner()
    if owner is None or sum(_FIRST_PERSON.search(st.text) is not None for st in rd.statements) < _SPEAKS_FOR_ITSELF:
        return
    words = reading_words().catalogue_headings
    for st, (templ, keys, _) in zip(rd.statements, per_statement, strict=True):
        if st.kind not in ("bullet", "text") or st.parent is None or rd.statements[st.parent].kind != "heading":
            continue
        if st.kind == "text" and not st.text.startswith("|"):
            continue
        heading = rd.statements[st.parent].text.lower()
        if not any(w in heading.split() or " " in w and w in heading for w in words):
            continue
        opening = _OPENS_ON.match(templ)
        item = keys[int(opening[1])] if opening else None
        if item is None or rd.type_of(item) != reading_words().default_instrument or rd.retypable(item) or any(
                rd.is_actor(k) and k != owner and rd.type_of(k) not in _NOT_BODIES for k in keys):
            continue
        if not any(rd.has(rel, k, item) for rel in ("LEADS", "IMPLEMENTS") for k in rd.drafts if rd.is_actor(k)):
            rd.add("IMPLEMENTS", owner, item, [span_of(rd.statements[st.parent]), span_of(st)], FRAMED)


_OPENS_ON = re.compile(r"[|\s*]*@(\d+)@")
_SPEAKS_FOR_ITSELF = 3  # statements in the first person: a page that speaks for its body, not a deck's "told us"
_NOT_BODIES = frozenset(("TargetGroup", "Country"))


def _bodies_under_bodies(rd: Reader) -> None:
    """An org chart as a bullet tree: an item that opens on a body, under an item that opens on another
    body, is part of it ("- Ministry of Ports: policy" / "  - Harbour Agency: delivery")."""
    for st in rd.statements:
        child = rd.subjects[st.index]
        if st.kind != "bullet" or st.parent is None or child is None or not rd.is_body(child):
            continue
        above = rd.statements[st.parent]
        parent = rd.subjects[st.parent]
        if above.kind == "bullet" and above.section == st.section and parent is not None and parent != child \
                and rd.is_body(parent) and not rd.has("PART_OF", parent, child):
            rd.add("PART_OF", child, parent, [span_of(above), span_of(st)], FRAMED)


def _role_lists(rd: Reader, per_statement: list[tuple[str, list[str], list[YearSpan]]]) -> None:
    """Roles the layout names: items under a heading "Partners" (they take part in the instrument the
    section is about), and a line "Lead: Ministry of Ports" or "Delivery partners: A, B" under or after an
    instrument (the bodies stand in the label's relation to it). Labels: ``role_labels`` in reading.yaml."""
    roles = reading_words().role_labels
    for st, (templ, keys, _) in zip(rd.statements, per_statement, strict=True):
        labelled = _LABELLED.match(st.text) or (
            _ROW_LABEL.match(st.text) if st.text.startswith("|") else _LABEL_VERB.match(st.text))
        own = rd.subjects[st.index]
        rel: str | None = None
        in_table = st.text.startswith("|")
        named = _LABEL_OF.match(templ)  # "Partners of the P programme: A, B": the label names its instrument
        if named is not None and (rel := roles.get(named[1].lower())) is not None and rd.is_instrument(
                keys[int(named[2])]):
            bodies = [keys[int(x)] for x in R.MENTION.findall(templ, named.end())]
            for body in (b for b in bodies if rd.is_actor(b) and rd.type_of(b) != "TargetGroup"):
                rd.add(rel, body, keys[int(named[2])], [span_of(st)], FRAMED)
            continue
        if labelled is not None and (rel := roles.get(labelled[1].strip(" *#").lower())) is not None:
            # the label says what the names after it are: a body found by shape is one too
            bodies = [k for k in keys if (rd.is_actor(k) or in_table and rd.retypable(k))
                      and rd.type_of(k) != "TargetGroup"]
            line = st
        elif st.kind == "bullet" and st.parent is not None and (own is not None or _LISTED.match(templ)):
            # (after a frame: "For digital transformation, we work with:")
            rel = roles.get(_ADVERBIAL.sub("", rd.statements[st.parent].text.strip(" :#*").lower().rsplit(", ", 1)[-1]))
            listed = _LISTED.match(templ.replace("**", ""))  # "- A and B, which reach small firms": both
            items = [keys[int(x)] for x in R.MENTION.findall(listed["list"])] if listed else [own]
            bodies = [b for b in items if b is not None and rd.type_of(b) != "TargetGroup"]
            line = rd.statements[st.parent]
            if rel is None and own is not None:
                _ours(rd, st, own, line)
        if rel is None:
            continue
        about = _table_instrument(rd, per_statement, st) if in_table else None
        ours = rel == "PARTICIPATES_IN" and _FIRST_PERSON.search(line.text) and not any(  # "We work with:", no P
            rd.is_instrument(k) for k in per_statement[line.index][1])
        about = about or (None if ours else _instrument_above(rd, per_statement, line))
        if about is None and ours and (owner := rd.owner()):
            for body in bodies:  # a body's page, "Who we work with" / "Our partners": its partners
                if body != owner:
                    rd.add("COLLABORATES_WITH", body, owner, [span_of(line), span_of(st)], FRAMED)
        if about is None:
            continue
        for body in bodies:
            rd.add(rel, body, about, [span_of(line), span_of(st)], FRAMED)
        if rel == "LEADS" and in_table:  # "| Financing | National Plan; Fund X |": the instrument is funded under them
            for k in keys:
                if rd.is_instrument(k) and not rd.retypable(k) and k != about:
                    rd.add("PART_OF", about, k, [span_of(st)], FRAMED)


# A heading or a line over a list that says what the page's body does with the items: "Funds we manage",
# "We work closely with:".
# "We work every day with:", "We also work closely with": an adverbial is left out of the label and the phrase.
_ADVERBIAL = re.compile(r"(?<=\s)(?:every\s+day|each\s+day|daily|also|[a-z]{3,}ly)\s+")
_WE_DO = re.compile(r"^[#*\s]*(?:[A-Za-z-]+\s+){0,3}?we\s+(?:[a-z]+ly\s+)?([a-z]+(?:\s+[a-z]+){0,2})[\s:*]*$", re.I)


def _ours(rd: Reader, st: Statement, item: str, line: Statement) -> None:
    """An item under "Funds we manage", "We work with:" or "Our offer includes:": the page's body stands to it
    as the verb says (it runs what its offer includes); "- M – our parent ministry": the body is part of M."""
    we = _WE_DO.match(_ADVERBIAL.sub("", line.text))
    found = phrase_relation(we[1]) if we is not None else ("IMPLEMENTS", True) if _OUR_OFFER.match(line.text) else None
    owner = rd.owner() if found is None or found[1] else None
    if found is not None and owner is not None and owner != item:
        rd.add(found[0], owner, item, [span_of(line), span_of(st)], FRAMED)
    elif found is None and owner is not None and owner != item and _OUR_PARENT.search(st.text):
        rd.add("PART_OF", owner, item, [span_of(st)], FRAMED)


_OUR_OFFER = re.compile(r"^[#*\s]*Our\s+(?:[\w-]+\s+){0,5}?(?:includes?|comprises?|consists\s+of)\s*:?\s*$")
_OUR_PARENT = re.compile(
    r"[-\u2013:,]\s*(?:our|its)\s+(?:parent|supervising|sole)?\s*(?:ministry|department|owner|shareholder)\b", re.I
)


_LISTED = re.compile(rf"\s*(?:the\s+)?(?P<list>{R.LIST})(?:\s*[,;.]|\s*$|\s+for\s)")  # (… "for the financing of …")
_LABELLED = re.compile(r"^\s*([A-Za-z*#][A-Za-z *'()-]{1,40}?)\s*:\s*\S")
_LABEL_OF = re.compile(r"^[\s*#-]*([A-Z][a-z]+(?:\s+[a-z]+)?)\s+(?:of|for|in)\s+@(\d+)@[^@:]{0,20}:")
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.I)
# "Partners include A and B.", "Delivery partners are A and B.": a sentence that opens on a role's label
_LABEL_VERB = re.compile(r"^\s*([A-Z][a-z]+(?:\s+[a-z]+){0,2})\s+(?:include|includes|included|are|were|comprise)\s")
_ROW_LABEL = re.compile(r"^\|\s*([A-Za-z*][A-Za-z *'()-]{1,40}?)\s*\|[^|]*\S[^|]*\|?\s*$")  # "| Lead ministry | M |"


def _table_instrument(rd: Reader, per_statement: list[tuple[str, list[str], list[YearSpan]]], st: Statement
                      ) -> str | None:
    """The instrument a table of labelled rows is about ("| Main programme | Quay Digital |"): the first one
    named in a row whose label is not a role; a name found by shape in a row labelled by an instrument's
    noun is that instrument."""
    roles = reading_words().role_labels
    first = st.index
    while first > 0 and rd.statements[first - 1].text.startswith("|"):
        first -= 1
    for i in range(first, len(rd.statements)):
        row = _ROW_LABEL.match(rd.statements[i].text)
        if not rd.statements[i].text.startswith("|"):
            break
        if row is None or row[1].strip(" *").lower() in roles:
            continue
        label = row[1].strip(" *").lower().split()
        keys = per_statement[i][1]
        for k in (keys[int(x)] for x in R.MENTION.findall(per_statement[i][0].split("|", 2)[-1])):
            noun = next((INSTRUMENT_HEADS[w] for w in label if w in INSTRUMENT_HEADS), None)
            if noun is not None and rd.retypable(k) and not rd.is_instrument(k):
                rd.drafts[k].type = noun  # "| Main programme | Quay Enterprise |": a programme, whatever its words
            if rd.is_instrument(k) and not rd.retypable(k) or noun is not None and rd.is_instrument(k):
                return k
    return None


def _instrument_above(rd: Reader, per_statement: list[tuple[str, list[str], list[YearSpan]]], st: Statement
                      ) -> str | None:
    """The instrument a statement's section is about: the first one its parent names, else what the
    statements before it in its section were about."""
    if st.parent is not None:
        named = next((k for k in per_statement[st.parent][1] if rd.is_instrument(k)), None)
        if named is not None and not rd.retypable(named):
            return named
    before = next((i for i in range(st.index - 1, -1, -1) if rd.subjects[i] is not None
                   and rd.statements[i].parent == st.parent), None)
    if before is None:
        return None
    about = rd.subjects[before]
    assert about is not None  # chosen for having a subject
    if not rd.is_instrument(about):  # "M funds the programme P. Delivery: A.": the one instrument it named
        instruments = {k for k in per_statement[before][1] if rd.is_instrument(k)}
        about = instruments.pop() if len(instruments) == 1 else about
    return about if rd.is_instrument(about) and not rd.retypable(about) else None


def _targets_in_titles(rd: Reader) -> None:
    """Targets in an instrument's own name ("SME export voucher scheme" is aimed at SMEs)."""
    groups: dict[str, str] = {}
    for k, d in rd.drafts.items():
        if d.type == "TargetGroup":
            groups.setdefault(k.split(" aged ")[0], k)
            groups[k] = k
    for key, d in list(rd.drafts.items()):
        if not rd.is_instrument(key):
            continue
        for name in targets_in_name(d.name):
            group = _matching_group(groups, name)
            if group is None:
                continue
            named_on = next(iter(d.lines))
            rd.add("TARGETS", key, group, [(named_on, named_on)], FRAMED, note="the target group is named in the title")


def _counted_parts(rd: Reader, per_statement: list[tuple[str, list[str], list[YearSpan]]]) -> None:
    """ "Two agencies attached to the ministry carry most of the delivery." then "The A …", "The B …":
    the bodies the next sentences open on are part of the ministry, as many as counted; so are the
    instruments after "The programme had two streams." """
    for i, (t, keys, _) in enumerate(per_statement):
        counted = counted_members(t) if keys else None
        if counted is None:
            continue
        n, parent = counted[0], keys[counted[1]]
        members: dict[str, int] = {}  # member -> the statement that opens on it
        for j in range(i + 1, min(i + 1 + 2 * n, len(per_statement))):
            if rd.statements[j].section != rd.statements[i].section or len(members) == n:
                break
            subject = rd.subjects[j]
            if subject is not None and subject != parent and rd.is_actor(subject) == rd.is_actor(parent):
                members.setdefault(subject, j)
        for member, j in members.items():
            rd.add("PART_OF", member, parent, [span_of(rd.statements[i]), span_of(rd.statements[j])], NESTED)


_ITEM = re.compile(rf"^\s*(?:[-*\u2022\u2013]|\(?[a-z0-9]{{1,2}}[.)]|{ORDINAL_MARK})\s")  # "- ", "(a) ", "2. ", "1° "


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _listed_parts(rd: Reader, per_statement: list[tuple[str, list[str], list[YearSpan]]]) -> None:
    """"X has three components:" then a list: each item's first body or instrument is PART_OF X. The
    introduction may be a sentence of a numbered paragraph, whose items are then the paragraph's children."""
    part_nouns = reading_words().part_nouns
    intro: tuple[int, str] | None = None  # (statement, subject) of the latest introduction
    last_line = intro_indent = 0
    for st, (_, keys, _) in zip(rd.statements, per_statement, strict=True):
        named = [k for k in keys if rd.is_actor(k) or rd.is_instrument(k)]
        line = rd.doc.lines[st.first_line - 1]
        # Cheap tests first: most statements neither introduce a list nor follow an introduction.
        item = (
            intro is not None
            and st.first_line > last_line
            and _ITEM.match(line) is not None
            and _indent(line) >= intro_indent
        )
        last_line = st.last_line
        if named and st.text.endswith(":") and set(st.text.lower().replace(":", " ").split()) & part_nouns:
            intro = (st.index, named[0])
            # "X works with three agencies:", "X is the legal successor of two bodies:": the items stand in the
            # relation the introduction's verb says; "X has three components:", "X consists of:": its parts
            stated = first_phrase(_template_after(per_statement[st.index][0]))
            if _ONE_OF.search(st.text):
                intro = None  # "X is one of three agencies:": the items are X's peers, not its parts
            opening = rd.doc.lines[st.first_line - 1]
            # Items sit deeper than a numbered paragraph that introduces them ("4. … three components:").
            intro_indent = _indent(opening) + 1 if _ITEM.match(opening) else 0
            continue
        if intro is None or not item or st.parent is None or st.parent > intro[0]:
            intro = None if st.kind != "bullet" or st.parent is None else intro
            continue
        if named and named[0] != intro[1]:
            _listed_item(rd, stated, named[0], intro[1], [span_of(rd.statements[intro[0]]), span_of(st)])


_ONE_OF = re.compile(r"\bone\s+of\b", re.I)


def _template_after(templ: str) -> str:
    """A list's introduction after its subject's mention ("@0@ works with three agencies:" → "works with …")."""
    first = templ.find("@", templ.find("@") + 1)
    return templ[first + 1 :] if first >= 0 else templ


def _listed_item(rd: Reader, stated: tuple[str, bool] | None, item: str, subject: str,
                 spans: list[tuple[int, int]]) -> None:
    relation, forward = stated or ("PART_OF", True)
    if relation in ("COLLABORATES_WITH", "PARTICIPATES_IN"):
        if rd.is_instrument(subject):
            rd.add("PARTICIPATES_IN", item, subject, spans, NESTED)
        else:
            rd.add("COLLABORATES_WITH", subject, item, spans, NESTED)
    elif relation == "SUCCEEDED_BY":
        old, new = (item, subject) if not forward else (subject, item)
        rd.add("SUCCEEDED_BY", old, new, spans, NESTED)
    elif relation in ("LEADS", "IMPLEMENTS") and forward and rd.is_instrument(item):
        rd.add(relation, subject, item, spans, NESTED)
    else:
        rd.add("PART_OF", item, subject, spans, NESTED)


def _matching_group(groups: dict[str, str], name: str) -> str | None:
    """The document's target group a name refers to: the same name, or one with the same core noun
    ("Youth" → "Youth aged 15-24"). ``groups`` maps name keys and their cores to group keys."""
    key = name_key(name)
    return groups.get(key) or groups.get(key.split(" aged ")[0])
