"""The mirror's batch decoding (graph/store/decode.py) keeps every stored value exactly, odd ones too."""

from __future__ import annotations

import json
from typing import Any

from graph.model.schema import load_schema
from graph.store.decode import EdgeDecoder
from graph.store.rows import codec

USUAL = '{"document":"document:d","lines":[3,4],"text":"a line"}'


def _decode(*props: dict[str, Any], decoder: EdgeDecoder | None = None) -> list[Any]:
    """The edges a batch of relationships with these stored properties reads back as (one batch)."""
    decoder = decoder or EdgeDecoder(codec(load_schema()))
    rows = [decoder.row("LEADS", {"id": f"r{i}", **p}, "b") for i, p in enumerate(props)]
    return decoder.decode([list(column) for column in zip(*rows, strict=True)]).records  # as the server sends them


def test_citations_of_another_shape_read_back_as_stored_beside_usual_ones() -> None:
    """Citations another tool wrote (an extra key, three line numbers, a number as text) are not the
    usual shape; they and the usual ones in the same batch come back exactly as their JSON says."""
    odd = [
        '{"document":"document:d","lines":[3,4],"text":"a line","page":2}',
        '{"document":"document:d","lines":[3,4,5],"text":null}',
        '{"document":"document:d","lines":[true,4],"text":7}',
    ]
    records = _decode({"evidence": [USUAL]}, *({"evidence": [c, USUAL]} for c in odd))
    assert records[0]["evidence"] == [json.loads(USUAL)]
    for record, c in zip(records[1:], odd, strict=True):
        assert record["evidence"] == [json.loads(c), json.loads(USUAL)]
    assert records[1]["evidence"][0]["page"] == 2 and records[3]["evidence"][0]["lines"][0] is True


def test_usual_citations_read_back_as_the_model_holds_them() -> None:
    both = ['{"document":"document:e","lines":[10,10],"text":null}', USUAL]
    records = _decode({"evidence": both}, {}, {"evidence": [USUAL]})
    assert [r["evidence"] for r in records] == [[json.loads(c) for c in both], [], [json.loads(USUAL)]]


def test_equal_numbers_of_different_types_keep_their_own_type() -> None:
    """1, 1.0 and True are equal in Python; a value shared across edges must not change one into another."""
    records = _decode({"confidence": 1.0}, {"confidence": 1}, {"confidence": True}, {"start": 2007, "note": 2007.0})
    assert [type(r["confidence"]) for r in records[:3]] == [float, int, bool]
    assert type(records[3]["start"]) is int and type(records[3]["note"]) is float


def test_numbers_where_earlier_batches_held_text_keep_their_type() -> None:
    """A batch whose notes, methods and sources were text may be followed by one where another tool
    stored numbers there: each keeps its type, and text equal across the batches is one object."""
    decoder = EdgeDecoder(codec(load_schema()))
    first = _decode({"note": "n", "method": "curated", "sources": ["d"]}, decoder=decoder)
    odd = {"note": 1, "method": True, "sources": [1.0], "not_before_rule": 2, "known_years": [2001.0]}
    records = _decode(
        {"note": True, "method": 1, "sources": [1], "known_years": [2001]}, odd, {"note": "n"}, decoder=decoder
    )
    assert [type(records[0][k]) for k in ("note", "method")] == [bool, int] and type(records[0]["sources"][0]) is int
    assert [type(records[1][k]) for k in ("note", "method", "not_before_rule")] == [int, bool, int]
    assert [type(records[1][k][0]) for k in ("sources", "known_years")] == [float, float]
    assert type(records[0]["known_years"][0]) is int and records[2]["known_years"] == []
    assert records[2]["note"] is first[0]["note"] and first[0]["sources"] == ["d"]


def test_time_properties_absent_read_back_as_the_model_holds_them() -> None:
    """A bulk load leaves out empty time lists and unknown bounds: lists read as [], bounds stay absent."""
    (record,) = _decode({"known_years": [2001, 2002], "not_before": 2001, "not_before_rule": "stated"})
    assert record["known_years"] == [2001, 2002] and record["derived_years"] == []
    assert record["not_before"] == 2001 and "not_after" not in record and "not_after_rule" not in record
