"""The query library without a server: headers, parameter checks, output formats, CLI usage errors."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph.analysis.coordination import RUNNING_TYPES
from graph.errors import InputError, UsageError
from graph.model.schema import load_schema
from queries import library
from queries.library import QUERY_DIR, list_queries, parse_query
from viz.tables import render

INSTGRAPH = Path(sys.executable).with_name("instgraph")

DEMO = """// name: demo
// description: what the demo returns
// param: year: int -- the year
// param: actor: string = null -- one actor
// param: limit: int = 3
// param: share: float = 0.5
// param: strict: bool = false
// param: names: list = []
// json: citation -> document, lines
//
// a free comment: mentions $nothing
MATCH (n) WHERE $year > 0 AND ($actor IS NULL OR n.name = $actor) AND $strict = $strict
  AND size($names) >= 0 AND $share >= 0
RETURN n.name AS name, '$not_a_param' AS text LIMIT $limit
"""


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # No server is named: whatever these commands do, they must do it before connecting to one.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    clean["NEO4J_URI"] = "bolt://127.0.0.1:9"  # nothing listens there: a connection attempt would fail
    return subprocess.run(
        [str(INSTGRAPH), *args], capture_output=True, text=True, env={**clean, **(env or {})}, timeout=120
    )


# --- headers ------------------------------------------------------------------------------------------


def test_header_declares_name_description_parameters_and_json_columns() -> None:
    q = parse_query(DEMO, "demo.cypher")
    assert (q.name, q.description) == ("demo", "what the demo returns")
    assert [(p.name, p.type, p.required, p.default) for p in q.parameters] == [
        ("year", "int", True, None),
        ("actor", "string", False, None),
        ("limit", "int", False, 3),
        ("share", "float", False, 0.5),
        ("strict", "bool", False, False),
        ("names", "list", False, []),
    ]
    assert q.parameter("year").help == "the year"
    assert q.json_columns == (("citation", ("document", "lines")),)
    assert q.usage().splitlines()[:3] == [
        "demo: what the demo returns",
        "    year: int  -- the year",
        "    actor: string = null  -- one actor",
    ]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("// description: x\nRETURN 1", 1, "no '// name: ...'"),
        ("// name: Bad-Name\n// description: x\nRETURN 1", 1, "lower_snake_case"),
        ("// name: q\nRETURN 1", 1, "no '// description"),
        ("// name: q\n// description: x\n// param: year: integer\nRETURN $year", 3, "unknown type 'integer'"),
        ("// name: q\n// description: x\n// param: year int\nRETURN $year", 3, "NAME: TYPE"),
        ("// name: q\n// description: x\n// param: year: int = soon\nRETURN $year", 3, "not a JSON value"),
        ('// name: q\n// description: x\n// param: year: int = "2007"\nRETURN $year', 3, "expects int"),
        ("// name: q\n// description: x\n// colour: red\nRETURN 1", 3, "unknown header key 'colour'"),
        ("// name: q\n// description: x\n// just words\nRETURN 1", 3, "is not '// key: value'"),
    ],
)
def test_a_bad_header_names_the_file_and_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        parse_query(text, "queries/q.cypher")
    assert str(err.value).startswith(f"queries/q.cypher:{line}: ")
    assert fragment in str(err.value)


def test_a_parameter_used_but_not_declared_is_caught_when_the_file_is_read() -> None:
    with pytest.raises(InputError, match=r"uses \$year but declares no '// param: year"):
        parse_query("// name: q\n// description: x\nRETURN $year", "q.cypher")


def test_every_shipped_query_parses_and_is_named_after_its_file() -> None:
    queries = list_queries()
    names = {q.name for q in queries}
    assert names >= {
        "as_of_map", "roles", "lineage", "collaboration_pairs", "fragmentation",
        "connection", "evidence", "document_mentions", "search",
    }  # fmt: skip
    for q in queries:
        assert Path(q.path).stem == q.name
        assert q.description and not q.description.endswith(".")


def test_the_cypher_files_name_exactly_the_schemas_role_and_collaboration_types() -> None:
    # The Cypher names the actor->instrument roles (all of them, or the ones that run an instrument);
    # the offline engine derives them from the schema. If the schema gains a role type, this fails until
    # the .cypher files follow.
    schema = load_schema()
    allowed = (set(schema.involvement_types), set(RUNNING_TYPES))
    for path in sorted(QUERY_DIR.glob("*.cypher")):
        for found in re.findall(r"\[\w*:([A-Z_|]+)\]", path.read_text("utf-8")):
            if set(found.split("|")) & set(schema.involvement_types):
                assert set(found.split("|")) in allowed, f"{path.name}: {found}"
    assert schema.collaboration_types == ["COLLABORATES_WITH"]
    assert "COLLABORATES_WITH" in (QUERY_DIR / "collaboration_pairs.cypher").read_text("utf-8")


# --- parameters ----------------------------------------------------------------------------------------


def test_bind_fills_defaults_and_keeps_given_values() -> None:
    q = parse_query(DEMO)
    assert q.bind({"year": 2007, "share": 1}) == {
        "year": 2007, "actor": None, "limit": 3, "share": 1.0, "strict": False, "names": [],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"year": 2007, "yr": 1},
            "query demo has no parameter 'yr'; its parameters are year: int, actor: string",
        ),
        ({}, "query demo: missing parameter year (int); give it as --param year=VALUE"),
        ({"year": "2007"}, "query demo: parameter year expects int, got str '2007'"),
        ({"year": True}, "query demo: parameter year expects int, got bool True"),
        ({"year": None}, "query demo: parameter year expects int, got null"),
        ({"year": 1, "actor": 5}, "query demo: parameter actor expects string, got int 5"),
        ({"year": 1, "names": "MSS"}, "query demo: parameter names expects list, got str 'MSS'"),
        ({"year": 1, "strict": "yes"}, "query demo: parameter strict expects bool, got str 'yes'"),
    ],
)
def test_bad_parameters_say_which_parameter_type_and_query(params: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError) as err:
        parse_query(DEMO).bind(params)
    assert str(err.value).startswith(message)


def test_command_line_text_becomes_typed_values() -> None:
    q = parse_query(DEMO)
    assert q.bind_text(["year=2007", "actor=MSS", "share=0.25", "strict=true", "names=MSS, MEL"]) == {
        "year": 2007, "actor": "MSS", "limit": 3, "share": 0.25, "strict": True, "names": ["MSS", "MEL"],
    }  # fmt: skip
    assert q.bind_text(["year=2007", "actor=null", 'names=["a,b"]'])["names"] == ["a,b"]
    assert q.bind_text(["year=2007", "actor=a=b"])["actor"] == "a=b"
    with pytest.raises(
        UsageError, match=r"parameter year expects int \(a whole number, e.g. 2007\), got '20x7'"
    ):
        q.bind_text(["year=20x7"])
    with pytest.raises(UsageError, match="write it as KEY=VALUE"):
        q.bind_text(["2007"])
    with pytest.raises(UsageError, match="--param year is given twice"):
        q.bind_text(["year=1", "year=2"])


def test_parameters_are_checked_before_the_server_is_called() -> None:
    # The driver is not even a driver: a query that reached it would fail with AttributeError.
    with pytest.raises(UsageError, match="query roles has no parameter 'yr'"):
        library.run(None, "roles", {"yr": 2007})  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="query lineage: missing parameter body"):
        library.run(None, "lineage", {})  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="no query named 'lineages'; known queries: .*lineage"):
        library.run(None, "lineages", {})  # type: ignore[arg-type]


def test_ad_hoc_values_are_read_as_json_when_they_parse() -> None:
    assert [library.guess_value(v) for v in ("2007", "true", "null", '"2007"', "[1, 2]", "MSS", "")] == [
        2007, True, None, "2007", [1, 2], "MSS", "",
    ]  # fmt: skip


def test_json_columns_are_decoded_and_spread_in_place() -> None:
    cols = (("citation", ("document", "lines", "text")),)
    row = {"a": 1, "citation": '{"document": "d", "lines": [3, 4], "text": "x"}', "z": 2}
    assert list(library.decode_columns(row, cols).items()) == [
        ("a", 1), ("document", "d"), ("lines", [3, 4]), ("text", "x"), ("z", 2),
    ]  # fmt: skip
    # a map built by Cypher itself (not JSON text) is spread the same way; missing keys become null
    assert library.decode_columns({"citation": {"lines": [5, 5]}}, cols) == {
        "document": None, "lines": [5, 5], "text": None,
    }  # fmt: skip
    assert library.decode_columns({"ev": ['{"a": 1}', '{"a": 2}']}, (("ev", ()),)) == {
        "ev": [{"a": 1}, {"a": 2}]
    }


# --- output --------------------------------------------------------------------------------------------

ROWS = [
    {"year": 2005, "groups": 2, "members": [["m:mic"], ["m:mke"]], "note": None, "name": "중소벤처기업부"},
    {"year": 2018, "groups": 1, "members": [["m:mss", "a:kosmo"]], "note": 'a, "quoted" note', "name": "x"},
]


def test_json_output_is_valid_json_that_gives_the_rows_back() -> None:
    assert json.loads(render(ROWS, "json")) == ROWS
    assert json.loads(render([], "json")) == []


def test_csv_output_reads_back_with_lists_as_json() -> None:
    back = list(csv.DictReader(io.StringIO(render(ROWS, "csv"))))
    assert [r["year"] for r in back] == ["2005", "2018"]
    assert json.loads(back[0]["members"]) == [["m:mic"], ["m:mke"]]
    assert back[1]["note"] == 'a, "quoted" note'
    assert back[0]["name"] == "중소벤처기업부"


def test_table_output_aligns_columns_under_a_header() -> None:
    lines = render(ROWS, "table").splitlines()
    assert lines[0].split() == ["year", "groups", "members", "note", "name"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2][lines[0].index("groups") :].startswith("2 ")
    assert "[m:mic], [m:mke]" in lines[2]
    with pytest.raises(UsageError, match="--format 'xml' is unknown; use one of table, json, csv"):
        render(ROWS, "xml")


# --- the command line, before any server ---------------------------------------------------------------


def test_query_list_shows_every_query_with_its_parameters() -> None:
    done = _cli("query", "--list")
    assert done.returncode == 0, done.stderr
    for q in list_queries():
        assert f"{q.name}: {q.description}" in done.stdout
        for p in q.parameters:
            assert f"    {p.signature()}" in done.stdout
    assert "    year: int  -- the year to look at" in done.stdout
    assert "    limit: int = 25" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["query", "roles", "--param", "yr=2007"],
            "error: query roles has no parameter 'yr'; its parameters are",
        ),
        (["query", "roles", "-p", "year=soon"], "error: query roles: parameter year expects int"),
        (["query", "lineage"], "error: query lineage: missing parameter body (string)"),
        (["query", "nosuch"], "error: no query named 'nosuch'; known queries:"),
        (["query"], "error: name a query to run, or list them with instgraph query --list"),
        (["query", "search", "-p", "text=MSS", "--format", "xml"], "error: --format: 'xml' is not one of"),
        (["cypher", "RETURN 1", "--param", "oops"], "error: --param 'oops': write it as KEY=VALUE"),
    ],
)
def test_bad_usage_exits_2_with_one_line_before_connecting(args: list[str], message: str) -> None:
    done = _cli(*args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith(message), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stdout == ""


def test_cypher_help_says_it_is_read_only_unless_write() -> None:
    done = _cli("cypher", "--help")
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    assert "read-only unless --write" in text
    assert "read transaction" in text


def test_an_unreachable_server_is_one_line_and_exit_1() -> None:
    done = _cli("query", "roles", "-p", "year=2007")
    assert done.returncode == 1
    assert done.stderr.startswith("error: cannot reach Neo4j at bolt://127.0.0.1:9")
    assert len(done.stderr.strip().splitlines()) == 1 and done.stdout == ""
