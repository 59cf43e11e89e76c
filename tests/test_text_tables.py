"""Plain-text tables (a header and rows between rules of dashes) are read as Markdown rows."""

from __future__ import annotations

from loaders.text_tables import as_markdown_rows

TABLE = [
    "Bodies at a glance",
    "------------------------------------------------",
    "Body              Parent body   Role",
    "------------------------------------------------",
    "Quay Agency       MoP           grants, advice",
    "Harbour Office                  port statistics",
    "------------------------------------------------",
    "Source: invented for this test.",
]


def test_rows_are_cut_where_the_header_columns_begin():
    rows = as_markdown_rows(TABLE)
    assert rows[2] == "| Body | Parent body | Role |"
    assert rows[3] == "|---|---|---|"
    assert rows[4] == "| Quay Agency | MoP | grants, advice |"
    assert rows[5] == "| Harbour Office |  | port statistics |"  # an empty cell stays empty
    assert set(rows) == {2, 3, 4, 5}  # the title, the rules and the source line are left alone


def test_text_without_a_ruled_header_is_no_table():
    lines = ["Quay Agency       MoP           grants", "------------", "plain prose under a rule"]
    assert as_markdown_rows(lines) == {}


def test_a_parent_column_of_a_text_table_makes_parts():
    from loaders.documents import document_from_text
    from loaders.extract import extract

    text = "\n".join([
        "The Ministry of Ports (MoP) and the Ministry of Harbours (MoH) share the work.",
        "",
        "------------------------------------------------",
        "Body              Parent body   Role in the Quay Digital programme",
        "------------------------------------------------",
        "Quay Agency       MoP           grants, advice",
        "Harbour Office    MoH           port statistics",
        "------------------------------------------------",
    ])
    x = extract(document_from_text(text))
    name = {e.id: e.name for e in x.entities}
    parts = {(name[r.source], name[r.target]) for r in x.relationships if r.type == "PART_OF"}
    assert parts == {("Quay Agency", "Ministry of Ports"), ("Harbour Office", "Ministry of Harbours")}
