"""The schema declared in graph/model/schema.yaml is complete and self-consistent."""

from __future__ import annotations

import copy
import re

import pytest
import yaml

from graph.model.schema import SCHEMA_PATH, SchemaError, load_schema, parse_schema

IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(SCHEMA_PATH.read_text("utf-8"))


def test_every_node_type_has_a_key_a_colour_a_shape_and_a_caption_it_can_show():
    schema = load_schema()
    assert schema.node_types
    for label, nt in schema.node_types.items():
        assert nt.key == "id", label
        assert HEX_COLOUR.match(nt.color), (label, nt.color)
        assert nt.shape, label
        showable = set(schema.entity_properties) | set(nt.properties)
        assert nt.caption in showable, (label, nt.caption)
        assert nt.description, label


def test_relationship_endpoints_are_declared_node_types():
    schema = load_schema()
    assert schema.relationship_types
    for name, rel in schema.relationship_types.items():
        assert rel.sources and rel.targets, name
        assert rel.sources <= set(schema.node_types), name
        assert rel.targets <= set(schema.node_types), name
        assert HEX_COLOUR.match(rel.color), name


def test_actor_and_instrument_groups_are_populated():
    schema = load_schema()
    assert schema.actor_types and schema.instrument_types
    assert not set(schema.actor_types) & set(schema.instrument_types)
    assert all(schema.is_actor(t) for t in schema.actor_types)
    assert all(schema.is_instrument(t) for t in schema.instrument_types)


def test_every_name_is_a_plain_identifier_safe_to_interpolate_into_cypher():
    schema = load_schema()
    names = [*schema.node_types, *schema.relationship_types, *schema.groups]
    names += [*schema.entity_properties, *schema.relationship_properties]
    names += [p for nt in schema.node_types.values() for p in nt.properties]
    assert all(IDENTIFIER.match(n) for n in names), [n for n in names if not IDENTIFIER.match(n)]


def test_group_names_expand_to_their_members(raw):
    schema = load_schema()
    part_of = schema.relationship_types["PART_OF"]
    declared = raw["relationship_types"]["PART_OF"]["sources"]
    expected = set()
    for name in declared:
        expected |= schema.members(name) or {name}
    assert part_of.sources == expected


def test_allows_follows_the_declared_endpoints():
    schema = load_schema()
    for name, rel in schema.relationship_types.items():
        for s in schema.node_types:
            for t in schema.node_types:
                assert schema.allows(name, s, t) == (s in rel.sources and t in rel.targets)
    assert not schema.allows("NO_SUCH_TYPE", "Ministry", "Ministry")


def test_check_label_refuses_anything_not_declared():
    schema = load_schema()
    assert schema.check_label("Ministry") == "Ministry"
    assert schema.check_label("Actor") == "Actor"
    with pytest.raises(KeyError):
        schema.check_label("Ministry) DETACH DELETE (n")
    with pytest.raises(KeyError, match="allowed"):
        schema.check_relationship_type("LEADS_TO")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda r: r["relationship_types"]["LEADS"].__setitem__("targets", ["Programm"]),
            "neither a node type",
        ),
        (
            lambda r: r["node_types"].__setitem__("Bad Label", r["node_types"]["Ministry"]),
            "not a plain identifier",
        ),
        (lambda r: r["node_types"]["Ministry"]["style"].pop("color"), "no style.color"),
        (lambda r: r["node_types"]["Ministry"].pop("caption"), "no caption"),
        (lambda r: r["node_types"]["Ministry"].__setitem__("group", "Actors"), "not declared under groups"),
    ],
)
def test_an_inconsistent_schema_is_refused_with_the_reason(raw, edit, message):
    broken = copy.deepcopy(raw)
    edit(broken)
    with pytest.raises(SchemaError, match=message):
        parse_schema(broken)
