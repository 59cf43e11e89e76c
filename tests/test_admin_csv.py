"""The streaming neo4j-admin CSV export writes, byte for byte, the files the row-by-row export wrote."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.errors import InstgraphError
from graph.model import Entity, Evidence, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from graph.store import csv_tables
from graph.store.admin_csv import admin_import_tables, idle_cpus, write_admin_import_csv, writing_processes
from graph.synthetic import synthetic_graph
from loaders.dataset import korea_graph
from tests import admin_csv_reference as reference


def _awkward() -> InstitutionalGraph:
    """Values that change the encoding: ';' inside list items, a line break, an empty list, a map."""
    g = InstitutionalGraph()
    doc = g.add_entity(Entity(type="Document", name="Deck", extra=(("sha256", "cd" * 32), ("lines", 90))))
    a = g.add_entity(Entity(type="Ministry", name="A;B Ministry", aliases=("A;B", "AB"), start=2001,
                            figures=(("budget", "3"),), sources=(doc.id,)))  # fmt: skip
    b = g.add_entity(Entity(type="Agency", name="Second\nline", end=2010))
    g.add_relationship(Relationship("SUCCEEDED_BY", a.id, b.id, start=2011, note="moved; renamed",
                                    evidence=(Evidence(doc.id, 4, 5, "one; two | three"),)))  # fmt: skip
    g.add_relationship(Relationship("COLLABORATES_WITH", a.id, b.id, confidence=0.5, method="extracted"))
    return g


def _quoting() -> InstitutionalGraph:
    """Cells csv quotes (commas, quotes, CR LF; a lone CR, which Pythons treat differently), -0.0 beside
    0.0 in one column and 1 beside 1.0 in another (equal, printed differently), a citation column with an
    empty cell."""
    g = InstitutionalGraph()
    doc = g.add_entity(Entity(type="Document", name='Plan, "2020"', extra=(("sha256", "ef" * 32), ("lines", 40))))
    a = g.add_entity(Entity(type="Ministry", name='Office "North", East', aliases=("N, E", '"O"'), start=2001))
    b = g.add_entity(Entity(type="Agency", name="Carriage\rreturn", description="two\r\nlines", end=2010))
    c = g.add_entity(Entity(type="Agency", name="Plain Agency"))
    g.add_relationship(Relationship("COLLABORATES_WITH", a.id, b.id, confidence=-0.0, note="lone\rreturn",
                                    evidence=(Evidence(doc.id, 1, 2, 'said "yes", then\rno'),)))  # fmt: skip
    cited = (Evidence(doc.id, 3, 3),)
    g.add_relationship(Relationship("COLLABORATES_WITH", a.id, c.id, confidence=0.0, evidence=cited))
    g.add_relationship(Relationship("COLLABORATES_WITH", b.id, c.id, confidence=0.25))
    g.add_relationship(Relationship("SUCCEEDED_BY", b.id, c.id, start=2011, sources=(doc.id,)))
    g.add_relationship(Relationship("SUCCEEDED_BY", a.id, c.id, start=2012, confidence=1))
    return g


GRAPHS = {
    "korea": lambda: korea_graph().dated(),
    "synthetic": lambda: synthetic_graph(400, 4000, seed=3).dated(),
    "undated synthetic": lambda: synthetic_graph(120, 600, seed=4),
    "awkward": lambda: _awkward().dated(),
    "quoting": lambda: _quoting().dated(),
}


@pytest.mark.parametrize("processes", [1, 2])
@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_streaming_export_writes_the_same_bytes_as_the_row_by_row_one(
    name: str, processes: int, tmp_path: Path
) -> None:
    """In one process and shared with a forked one (what a large graph gets), the files are the same."""
    graph = GRAPHS[name]()
    old_args = reference.write_admin_import_csv(graph, tmp_path / "old")
    new_args = write_admin_import_csv(graph, tmp_path / "new", processes=processes)
    assert [a.replace("/old", "/new") for a in old_args] == new_args
    old_files = sorted(p.name for p in (tmp_path / "old").iterdir())
    assert old_files == sorted(p.name for p in (tmp_path / "new").iterdir())
    for file in old_files:
        old = (tmp_path / "old" / file).read_bytes()
        assert (tmp_path / "new" / file).read_bytes() == old.replace(b"/old/", b"/new/"), file


@pytest.mark.parametrize("name", ["synthetic", "quoting", "awkward"])
def test_block_boundaries_change_no_byte(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cells are made a block of rows at a time (header types from the whole column): with blocks of 3
    rows, a block may hold only gaps, or the -0.0 its column prints apart, and the files are the same.
    Attributes are read 2 rows at a time: a property first met in a later read is absent before it."""
    graph = GRAPHS[name]()
    reference.write_admin_import_csv(graph, tmp_path / "old")
    monkeypatch.setattr(csv_tables, "_ROWS_PER_BLOCK", 3)
    monkeypatch.setattr(csv_tables, "_ROWS_PER_READ", 2)
    write_admin_import_csv(graph, tmp_path / "new", processes=1)
    for file in sorted(p.name for p in (tmp_path / "old").iterdir() if p.suffix == ".csv"):
        assert (tmp_path / "new" / file).read_bytes() == (tmp_path / "old" / file).read_bytes(), file


def test_in_memory_tables_are_the_written_files(tmp_path: Path) -> None:
    graph = _awkward().dated()
    tables = admin_import_tables(graph)
    old = reference.admin_import_tables(graph)
    # ';' and '|' both occur in items, so the arrays fall back to U+001F; the line break needs multiline
    assert (tables.files, tables.array_delimiter, tables.multiline) == (old.files, "\x1f", True)
    assert tables.nodes == old.nodes and tables.relationships == old.relationships


def test_an_error_in_the_second_process_is_raised_with_its_message(tmp_path: Path) -> None:
    """A value Neo4j cannot store stops the export with the same message whichever process met it."""
    graph = synthetic_graph(60, 300, seed=5)
    u, v, data = next(iter(graph.graph.edges(data=True)))
    data["note"] = {"a": 1}  # a map where the schema has no map property
    messages = []
    for processes in (1, 2):
        with pytest.raises(InstgraphError) as caught:
            write_admin_import_csv(graph, tmp_path / str(processes), processes=processes)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert "'note'" in messages[0] and "cannot store" in messages[0]


def test_idle_cpus_are_read_from_the_kernel_and_small_graphs_use_one_process() -> None:
    """The export's choice of a second process rests on this reading (``None`` would mean the lagging
    load average instead); a small graph is never worth a fork."""
    idle = idle_cpus(0.05)
    assert idle is not None and 0.0 <= idle <= (os.cpu_count() or 1) + 0.01
    assert writing_processes(synthetic_graph(60, 300, seed=5)) == 1
