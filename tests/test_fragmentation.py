"""One definition of fragmentation (graph/coordination.py), answered alike by Cypher and by networkx.

A small invented map exercises each rule of the definition: a shared instrument joins actors, so does a
collaboration; an instrument nobody leads or implements does not run; a programme replaced by a later one
belongs to the later one's policy area; a law's area is what it provides for.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.analysis.coordination import coordination
from graph.model import Entity, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.write import write_graph
from queries.library import run
from queries.offline import fragmentation


def invented_map() -> InstitutionalGraph:
    g = InstitutionalGraph()
    a, b, c, d, e = (g.add_entity(Entity(type="Ministry", name=f"Ministry {x}")).id for x in "ABCDE")
    old = g.add_entity(Entity(type="Programme", name="Old scheme", start=2001, end=2003)).id
    new = g.add_entity(Entity(type="Programme", name="New scheme", start=2004, end=2006)).id
    side = g.add_entity(Entity(type="Programme", name="Side scheme", start=2001, end=2006)).id
    idle = g.add_entity(Entity(type="Programme", name="Idle forum", start=2001, end=2006)).id
    law = g.add_entity(Entity(type="Law", name="Enabling Act", aliases=("EA",), start=2000)).id
    facts = [
        # roles dated like their schemes (an undated role would be unknown: counted only as possible)
        ("IMPLEMENTS", a, old, 2001, 2003),
        ("PARTICIPATES_IN", b, old, 2001, 2003),  # A and B share the old scheme
        ("LEADS", c, new, 2004, 2006),
        ("IMPLEMENTS", d, side, 2001, 2006),
        ("COLLABORATES_WITH", c, d, 2005, 2006),  # joins C's and D's groups from 2005
        ("PARTICIPATES_IN", e, idle, 2001, 2006),  # only taking part: the forum never runs
        ("SUCCEEDED_BY", old, new, 2004, None),
        ("PROVIDES_FOR", law, new, 2004, None),
    ]
    for type_, s, t, start, end in facts:
        g.add_relationship(Relationship(type=type_, source=s, target=t, start=start, end=end))
    return g


def groups(rows: list[dict[str, Any]]) -> dict[int, list[list[str]]]:
    return {r["year"]: r["members"] for r in rows}


A, B, C, D = (f"ministry:ministry-{x}" for x in "abcd")


def test_shared_instruments_and_collaborations_join_groups_and_idle_instruments_do_not_run() -> None:
    found = groups(fragmentation(invented_map()))
    assert found[2002] == [[A, B], [D]]
    assert found[2004] == [[C], [D]]
    assert found[2005] == [[C, D]]  # the collaboration starts
    assert all("ministry:ministry-e" not in m for members in found.values() for m in members)


def test_a_law_covers_what_it_provides_for_and_the_programmes_that_preceded_it() -> None:
    g = invented_map()
    # the Act (in force from 2000) provides for the new scheme, which replaced the old one; the side
    # scheme is outside
    assert groups(fragmentation(g, area="EA")) == {
        2000: [], 2001: [[A, B]], 2002: [[A, B]], 2003: [[A, B]], 2004: [[C]], 2005: [[C]], 2006: [[C]],
    }  # fmt: skip


def test_the_query_and_the_coordination_analysis_count_the_same_groups() -> None:
    g = invented_map()
    query = {r["year"]: r["groups"] for r in fragmentation(g)}
    analysis = {r["year"]: r["groups"] for r in coordination(g, years=range(2000, 2007))}
    assert query == analysis == {2000: 0, 2001: 2, 2002: 2, 2003: 2, 2004: 2, 2005: 1, 2006: 1}


@pytest.mark.neo4j
@pytest.mark.parametrize("params", [{}, {"area": "EA"}, {"area": "New scheme", "from_year": 2000, "to_year": 2007}])
def test_cypher_gives_the_same_rows_as_networkx(clean_db: Any, neo4j_settings: Any, params: dict[str, Any]) -> None:
    g = invented_map()
    write_graph(clean_db, g, database=neo4j_settings.database)
    assert run(clean_db, "fragmentation", params, database=neo4j_settings.database) == fragmentation(g, **params)
