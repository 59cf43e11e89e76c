"""The README's data-model section is generated from the schema; it must not drift from it."""

from pathlib import Path

from graph.model.schema import load_schema
from graph.model.schema_doc import BEGIN, END, replace_section, schema_markdown

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_data_model_matches_schema() -> None:
    text = README.read_text("utf-8")
    assert replace_section(text, schema_markdown(load_schema())) == text, (
        "README's data-model section is stale: run `instgraph schema --update-readme README.md`"
    )


def test_every_type_appears_in_the_generated_section() -> None:
    section = README.read_text("utf-8").split(BEGIN)[1].split(END)[0]
    schema = load_schema()
    for name in [*schema.node_types, *schema.relationship_types]:
        assert f"`{name}`" in section
