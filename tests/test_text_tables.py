"""Plain-text tables (rules of dashes, columns aligned under a header, cells between tabs) are read as Markdown rows."""

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


def test_columns_aligned_under_a_header_without_rules_are_a_table_but_a_glossary_is_not():
    lines = ["Table 3. Who does what", "Institution            Role", "Ministry of Piers      Policy design",
             "Dock Agency            Delivery of vouchers", "", "EDB    Economic Development Board",
             "DTA    Digital Transformation Accelerator", "QA     Quay Agency"]
    assert as_markdown_rows(lines) == {1: "| Institution | Role |", 2: "| Ministry of Piers | Policy design |",
                                       3: "| Dock Agency | Delivery of vouchers |"}


def test_cells_between_tabs_are_rows_of_their_own():
    raw = ["Agency overview", "Formed\t1 January 2029", "Parent agency\tMinistry of Piers", "", "One\ttab alone"]
    clean = [line.replace("\t", " ") for line in raw]  # the matching view has no tabs
    assert as_markdown_rows(clean, raw) == {1: "| Formed | 1 January 2029 |",
                                            2: "| Parent agency | Ministry of Piers |"}


def test_a_typed_table_whose_long_cells_push_the_next_ones_on_is_still_a_table():
    lines = [
        "Programme                         Ministry    Agency     Period",
        "Quay Voucher                      MoP         QEA        2029-",
        "Dock Cloud Grant                  MoP         QEA        2030-2034",
        "Harbour Skills for Workers        MoL         Skills Agency   2028-",
    ]
    rows = as_markdown_rows(lines)
    assert rows[3] == "| Harbour Skills for Workers | MoL | Skills Agency | 2028- |"
