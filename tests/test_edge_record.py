"""The compact edges of a big mirror read like the dicts they stand for (graph/model/edge_record.py)."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import networkx as nx
import pytest

from graph.model.edge_record import ABSENT, OneEdge, record_type

KEYS = ("type", "start", "evidence", "sources", "note", "not_before")
Record = record_type(KEYS, citations=("evidence",), lists=("sources",))
CITATION = {"document": "document:d", "lines": [3, 4], "text": "quoted"}


def _record(**changes: Any) -> Any:
    values = {"type": "LEADS", "start": 2007, "evidence": ("document:d", (3, 4), "quoted"),
              "sources": ("document:d",), "note": None, "not_before": ABSENT, **changes}  # fmt: skip
    return Record(*(values[k] for k in KEYS))


def _as_model() -> dict[str, Any]:
    return {"type": "LEADS", "start": 2007, "evidence": [CITATION], "sources": ["document:d"], "note": None}


def test_a_record_reads_compares_and_serialises_like_the_models_dict() -> None:
    r = _record()
    assert r == _as_model() and _as_model() == r and dict(r) == _as_model()
    assert "not_before" not in r and r.get("not_before", 1990) == 1990 and len(r) == 5
    with pytest.raises(KeyError):
        r["not_before"]
    assert json.loads(json.dumps({**r})) == _as_model()
    assert sorted(r) == sorted(_as_model()) and dict(r.items()) == _as_model()


def test_lists_read_from_a_record_are_its_own_and_stay_changed() -> None:
    shared = ("document:d",)  # the decoder hands equal tuples to many records
    a, b = _record(sources=shared), _record(sources=shared)
    a["sources"].append("document:e")
    a["evidence"][0]["text"] = "changed"
    assert a["sources"] == ["document:d", "document:e"] and b["sources"] == ["document:d"]
    assert a["evidence"][0]["text"] == "changed" and b["evidence"] == [CITATION]


def test_setting_deleting_and_keys_outside_the_schema() -> None:
    r = _record()
    r["not_before"] = 2005
    r["weight"] = 2.5
    del r["note"]
    expected = {**_as_model(), "not_before": 2005, "weight": 2.5}
    del expected["note"]
    assert r == expected and "note" not in r
    with pytest.raises(KeyError):
        del r["note"]
    r.update(start=2010)
    assert r["start"] == 2010 and r.pop("weight") == 2.5 and "weight" not in r


def test_copies_and_pickles_are_plain_dicts() -> None:
    r = _record()
    for twin in (copy.copy(r), copy.deepcopy(r), pickle.loads(pickle.dumps(r)), r.copy()):
        assert type(twin) is dict and twin == _as_model()
    pair = OneEdge("LEADS", r)
    assert pickle.loads(pickle.dumps(pair)) == {"LEADS": _as_model()}


def test_networkx_builds_changes_and_copies_a_graph_of_compact_edges() -> None:
    g = nx.MultiDiGraph()
    g.add_nodes_from(["a", "b", "c"])
    for u, v, key in (("a", "b", "LEADS"), ("b", "c", "PART_OF")):
        g._adj[u][v] = g._pred[v][u] = OneEdge(key, _record(type=key))  # as graph.store.read fills them
    g.add_edge("a", "b", key="IMPLEMENTS", type="IMPLEMENTS")  # a second key between a and b
    g.edges["b", "c", "PART_OF"]["weight"] = 3
    assert sorted(g.edges(keys=True)) == [("a", "b", "IMPLEMENTS"), ("a", "b", "LEADS"), ("b", "c", "PART_OF")]
    assert g.number_of_edges("a", "b") == 2 and g.has_edge("b", "c", "PART_OF")
    assert nx.shortest_path_length(g, "a", "c", weight="weight") == 4
    assert nx.MultiDiGraph(g).edges["a", "b", "LEADS"] == {**_as_model(), "type": "LEADS"}
    assert g.to_undirected().number_of_edges() == 3 and g.copy().edges["b", "c", "PART_OF"]["weight"] == 3
    g.remove_edge("a", "b", "LEADS")
    g.remove_edge("b", "c")
    assert list(g.edges(keys=True)) == [("a", "b", "IMPLEMENTS")] and not g.has_edge("b", "c")
    assert nx.node_link_graph(nx.node_link_data(g, edges="edges"), edges="edges").number_of_edges() == 1
