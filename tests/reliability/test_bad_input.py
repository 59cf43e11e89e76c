"""Broken and hostile input at every entry point: one clear line, a non-zero exit, no traceback, and
nothing written to Neo4j.

Every case runs the real command line in a subprocess, as a user would.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_runs import Ran, assert_one_clear_error, base_env, fingerprint, run_many, server_env

GOOD_ENTITIES = (
    "entities:\n  - {type: Ministry, name: Ministry of Examples, aliases: [MoE]}\n"
    "  - {type: Programme, name: Example Programme}\n"
)

# (case id, file content, text the one error line must contain besides the file's name)
DATASETS: list[tuple[str, bytes, tuple[str, ...]]] = [
    ("malformed-yaml", b"entities: [\n  {type: Ministry, name: X\n", ("not valid YAML",)),
    ("tab-indent", b"entities:\n\t- {type: Ministry, name: X}\n", (":2:", "not valid YAML")),
    ("unknown-entity-type", b"entities:\n  - {type: Minstry, name: X}\n", (":2:", "Minstry", "Ministry")),
    (
        "unknown-relationship-type",
        (GOOD_ENTITIES + "relationships:\n  - {type: RUNS, source: MoE, target: Example Programme}\n").encode(),
        (":5:", "RUNS", "allowed"),
    ),
    (
        "label-injection-type",
        b"entities:\n  - {type: 'Ministry`) DETACH DELETE n //', name: X}\n",
        (":2:", "unknown type"),
    ),
    (
        "relationship-type-injection",
        (
            GOOD_ENTITIES + "relationships:\n  - {type: 'LEADS]->() DETACH DELETE n //', source: MoE, "
            "target: Example Programme}\n"
        ).encode(),
        (":5:", "unknown type"),
    ),
    ("missing-name", b"entities:\n  - {type: Ministry, start: 2001}\n", (":2:", "name")),
    ("missing-type", b"entities:\n  - {name: Ministry of X}\n", (":2:", "no type")),
    (
        "missing-target",
        (GOOD_ENTITIES + "relationships:\n  - {type: LEADS, source: MoE}\n").encode(),
        (":5:", "no target"),
    ),
    (
        "duplicate-id",
        b"entities:\n  - {type: Ministry, name: Ministry of X}\n  - {type: Ministry, name: ministry of  x}\n",
        (":3:", "duplicate", "line 2"),
    ),
    (
        "unknown-entity-in-relationship",
        (GOOD_ENTITIES + "relationships:\n  - {type: IMPLEMENTS, source: MoE, target: Nowhere Programme}\n").encode(),
        (":5:", "Nowhere Programme"),
    ),
    (
        "relationship-end-before-start",
        (
            GOOD_ENTITIES + "relationships:\n  - {type: IMPLEMENTS, source: MoE, target: Example Programme,\n"
            "     start: 2010, end: 2001}\n"
        ).encode(),
        ("2001", "before", "2010"),
    ),
    (
        "entity-end-before-start",
        b"entities:\n  - {type: Ministry, name: X, start: 2017, end: 2016}\n",
        (":2:", "before"),
    ),
    (
        "not-allowed-ends",
        (GOOD_ENTITIES + "relationships:\n  - {type: LEADS, source: Example Programme, target: MoE}\n").encode(),
        (":5:", "not allowed"),
    ),
    ("empty-file", b"", ("empty",)),
    ("blank-file", b"\n\n   \n", ("empty",)),
    ("top-level-list", b"- 1\n- 2\n", ("mapping",)),
    ("binary", bytes(range(256)) * 8, ("binary", "UTF-8")),
    ("latin-1", "entities:\n  - {type: Ministry, name: Ministère de l'Économie}\n".encode("latin-1"), (":2:", "UTF-8")),
    ("null-byte", b'entities:\n  - {type: Ministry, name: "a\x00b"}\n', (":2:", "U+0000")),
    ("python-tag", b"entities:\n  - !!python/object/apply:os.system ['touch /tmp/instgraph-pwned']\n", (":2:", "tag")),
    ("merge-key", b"entities:\n  - {<<: {type: Ministry}, name: X}\n", (":2:", "merge")),
    ("bad-date", b"entities:\n  - {type: Ministry, name: X, description: 2001-13-45}\n", (":2:",)),
    ("deep-nesting", b"[" * 5000, ("nested too deeply",)),
    ("recursive-alias", b"entities:\n  - {type: Ministry, name: X, aliases: &a [*a]}\n", (":2:",)),
    ("surrogate-escape", b'entities:\n  - {type: Ministry, name: "\\ud800"}\n', (":2:", "surrogate")),
    ("huge-year", b"entities:\n  - {type: Ministry, name: X, start: 99999999999999999999}\n", (":2:", "too large")),
    ("year-as-text", b"entities:\n  - {type: Ministry, name: X, start: two thousand}\n", (":2:", "year")),
    (
        "confidence-out-of-range",
        (
            GOOD_ENTITIES + "relationships:\n  - {type: IMPLEMENTS, source: MoE, "
            "target: Example Programme, confidence: 7}\n"
        ).encode(),
        (":5:", "confidence"),
    ),
    ("unknown-key", b"entities:\n  - {type: Ministry, name: X, nmae: Y}\n", (":2:", "nmae")),
    ("unknown-document", b"entities:\n  - {type: Ministry, name: X, cite: {deck: 3}}\n", (":2:", "deck")),
]


def write(directory: Path, name: str, content: bytes, suffix: str = ".yaml") -> Path:
    path = directory / f"{name}{suffix}"
    path.write_bytes(content)
    return path


@pytest.fixture(scope="module")
def dataset_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, Ran]]:
    """Every bad dataset through ``instgraph build``, run concurrently: case → (file, out dir, run)."""
    directory = tmp_path_factory.mktemp("datasets")
    cases = {}
    for case, content, _ in DATASETS:
        cases[case] = (write(directory, case, content), directory / f"out-{case}")
    env = base_env()
    runs = run_many([(("build", "--data", str(f), "--out", str(o)), env) for f, o in cases.values()])
    return {case: (*cases[case], ran) for case, ran in zip(cases, runs, strict=True)}


@pytest.mark.parametrize(("case", "names"), [(d[0], d[2]) for d in DATASETS], ids=[d[0] for d in DATASETS])
def test_bad_dataset_build_gives_one_clear_line(
    dataset_runs: dict[str, tuple[Path, Path, Ran]], case: str, names: tuple[str, ...]
) -> None:
    path, out, ran = dataset_runs[case]
    assert_one_clear_error(ran, str(path), *names, code=1)
    assert not (out / "graph.json").exists(), "a refused dataset must not leave a graph behind"
    assert not Path("/tmp/instgraph-pwned").exists()


@pytest.fixture(scope="module")
def load_runs(
    dataset_runs: dict[str, tuple[Path, Path, Ran]], neo4j_driver: Any, neo4j_settings: Any
) -> dict[str, Ran]:
    """Every bad dataset through ``instgraph load --data`` against the real server, concurrently."""
    before = fingerprint(neo4j_driver, neo4j_settings.database)
    env = server_env(neo4j_settings)
    runs = run_many([(("load", "--data", str(path)), env) for path, _, _ in dataset_runs.values()])
    assert fingerprint(neo4j_driver, neo4j_settings.database) == before, "a refused dataset wrote to Neo4j"
    return dict(zip(dataset_runs, runs, strict=True))


@pytest.mark.neo4j
@pytest.mark.parametrize(("case", "names"), [(d[0], d[2]) for d in DATASETS], ids=[d[0] for d in DATASETS])
def test_bad_dataset_load_writes_nothing(
    load_runs: dict[str, Ran], dataset_runs: dict[str, tuple[Path, Path, Ran]], case: str, names: tuple[str, ...]
) -> None:
    assert_one_clear_error(load_runs[case], str(dataset_runs[case][0]), *names, code=1)


@pytest.mark.neo4j
def test_a_graph_file_with_labels_outside_the_schema_writes_nothing(
    tmp_path: Path, neo4j_driver: Any, neo4j_settings: Any
) -> None:
    import json

    hostile = {
        "directed": True, "multigraph": True, "graph": {},
        "nodes": [{"id": "x", "type": "Ministry`) DETACH DELETE n //", "name": "X"},
                  {"id": "y", "type": "Ministry", "name": "Y"}],
        "edges": [],
    }  # fmt: skip
    bad_rel = {
        "directed": True, "multigraph": True, "graph": {},
        "nodes": [{"id": "x", "type": "Ministry", "name": "X"}, {"id": "y", "type": "Programme", "name": "Y"}],
        "edges": [{"source": "x", "target": "y", "key": "K", "type": "LEADS]->(m) DETACH DELETE m //"}],
    }  # fmt: skip
    files = [tmp_path / "label.json", tmp_path / "type.json"]
    for f, data in zip(files, (hostile, bad_rel), strict=True):
        f.write_text(json.dumps(data), "utf-8")
    before = fingerprint(neo4j_driver, neo4j_settings.database)
    env = server_env(neo4j_settings)
    runs = run_many([(("load", "--graph", str(f)), env) for f in files])
    for f, ran in zip(files, runs, strict=True):
        assert "not in the schema" in assert_one_clear_error(ran, str(f), code=1)
    assert fingerprint(neo4j_driver, neo4j_settings.database) == before


def test_dataset_over_the_size_limit_is_refused_before_it_is_read(cli: Callable[..., Ran], tmp_path: Path) -> None:
    from loaders.dataset import MAX_DATASET_BYTES

    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:  # 100 MB+ of a valid-looking list, written in chunks
        chunk = b"  - {type: Programme, name: Programme number 0000000}\n" * 20_000
        f.write(b"entities:\n")
        while f.tell() < 101 * 2**20:
            f.write(chunk)
    assert path.stat().st_size > MAX_DATASET_BYTES
    try:
        ran = cli("build", "--data", str(path), "--out", str(tmp_path / "out"))
        line = assert_one_clear_error(ran, str(path), "MB", code=1)
        assert "limit" in line
    finally:
        path.unlink()


DOCUMENTS: list[tuple[str, str, bytes, tuple[str, ...]]] = [
    ("empty", ".txt", b"", ("empty",)),
    ("blank", ".txt", b"\n \n\t\n", ("empty",)),
    ("binary", ".txt", bytes(range(256)) * 40, ("binary",)),
    ("binary-named-pdf", ".pdf", bytes(range(256)) * 40, ("not a PDF",)),
    ("broken-pdf", ".pdf", b"%PDF-1.4\n1 0 obj garbage\n", ("PDF",)),
    ("undecodable", ".txt", b"Ministry of \x81\x8d\x8f\x90\x9d text\n", ("UTF-8",)),
    ("rtf", ".rtf", b"{\\rtf1\\ansi Ministry of Examples}\n", ("RTF", ".docx")),
    ("broken-docx", ".docx", b"PK\x03\x04" + bytes(range(256)) * 4, ("Word", ".docx")),
    ("old-word", ".doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048), ("save it as .docx",)),
]


def blank_pdf(encrypt: bool) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(300, 300)
    if encrypt:
        writer.encrypt("a-user-password", "an-owner-password")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def document_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Ran]]:
    """Every bad document through ``instgraph extract`` (one file per run), run concurrently."""
    directory = tmp_path_factory.mktemp("documents")
    files = {case: write(directory, case, content, suffix) for case, suffix, content, _ in DOCUMENTS}
    files["pdf-without-text"] = write(directory, "deck", blank_pdf(False), ".pdf")
    files["encrypted-pdf"] = write(directory, "locked", blank_pdf(True), ".pdf")
    files["missing"] = directory / "nope.txt"
    files["directory"] = directory
    env = base_env()
    runs = run_many([(("extract", str(f)), env) for f in files.values()])
    return {case: (files[case], ran) for case, ran in zip(files, runs, strict=True)}


@pytest.mark.parametrize(("case", "names"), [(d[0], d[3]) for d in DOCUMENTS], ids=[d[0] for d in DOCUMENTS])
def test_bad_document_extract_gives_one_clear_line(
    document_runs: dict[str, tuple[Path, Ran]], case: str, names: tuple[str, ...]
) -> None:
    path, ran = document_runs[case]
    assert_one_clear_error(ran, str(path), *names, code=1)
    assert ran.stdout == ""


def test_utf16_text_is_read_not_refused(cli: Callable[..., Ran], tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("- The Ministry of Examples runs the Harbour Programme (2005 - 2008)\r\n".encode("utf-16"))
    ran = cli("extract", str(path))
    assert ran.code == 0 and "Harbour Programme" in ran.stdout and ran.stderr == ""


def test_pdf_without_text_or_encrypted(document_runs: dict[str, tuple[Path, Ran]]) -> None:
    path, ran = document_runs["pdf-without-text"]
    line = assert_one_clear_error(ran, str(path), code=1)
    assert "text layer" in line and "OCR" in line
    path, ran = document_runs["encrypted-pdf"]
    assert "encrypted" in assert_one_clear_error(ran, str(path), code=1)


def test_missing_document_and_directory(document_runs: dict[str, tuple[Path, Ran]]) -> None:
    path, ran = document_runs["missing"]
    assert_one_clear_error(ran, str(path), "does not exist", code=1)
    path, ran = document_runs["directory"]
    assert_one_clear_error(ran, str(path), "directory", code=1)


def test_document_over_100_mb_is_refused_with_bounded_memory(cli: Callable[..., Ran], tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        line = b"The Ministry of Examples runs the Example Programme (2005 - 2008).\n" * 16_000
        while f.tell() < 101 * 2**20:
            f.write(line)
    try:
        ran = run_with_memory_limit(cli, ["extract", str(path)], tmp_path)
        text = assert_one_clear_error(ran, str(path), "MB", code=1)
        assert "limit" in text
    finally:
        path.unlink()


# Linux keeps, as a process's peak memory, the peak of the image it replaced at exec: a child started
# straight from the test process (hundreds of MB by then) would carry the tests' own peak. A small
# launcher forks the command and reports the command's own peak on its last line of stderr.
_LAUNCHER = (
    "import os, sys\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    os.execvp(sys.argv[1], sys.argv[1:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "sys.stderr.write(f'\\npeak-rss-kb {usage.ru_maxrss}\\n')\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def run_with_memory_limit(cli: Callable[..., Ran], args: list[str], tmp_path: Path) -> Ran:
    """Run the CLI and check the peak memory (resident set) of that one process stayed bounded."""
    import subprocess
    import sys

    from cli_runs import base_env, command

    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *command(*args)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, env=base_env(), timeout=300,
    )
    err, _, peak = done.stderr.rstrip("\n").rpartition("\npeak-rss-kb ")
    peak_mb = int(peak) // 1024
    assert peak_mb < 250, f"refusing a 100 MB file took {peak_mb} MB of memory"
    return Ran(tuple(args), done.returncode, done.stdout, err)


# --- options ---------------------------------------------------------------------------------------------
OPTIONS: list[tuple[str, tuple[str, ...], int, tuple[str, ...]]] = [
    ("build-missing-data", ("build", "--data", "/nonexistent/x.yaml"), 2, ("--data", "/nonexistent/x.yaml")),
    ("build-seeds-not-dir", ("build", "--seeds", "/nonexistent/seeds"), 2, ("--seeds",)),
    ("extract-format", ("extract", "--format", "xml", "README.md"), 2, ("--format", "xml")),
    ("viz-unknown-view", ("viz", "spaghetti"), 2, ("spaghetti",)),
    ("analyze-format", ("analyze", "--format", "xml"), 2, ("--format",)),
    ("query-unknown-name", ("query", "no_such_query"), 2, ("no_such_query",)),
    ("query-param-no-equals", ("query", "as_of_map", "--param", "year"), 2, ("--param",)),
    ("query-param-wrong-type", ("query", "as_of_map", "--param", "year=two-thousand"), 2, ("year",)),
    ("query-param-injection-type", ("query", "as_of_map", "--param", "year=2007 OR 1=1"), 2, ("year",)),
    ("query-param-unknown", ("query", "as_of_map", "--param", "year=2007", "--param", "yaer=1"), 2, ("yaer",)),
    ("query-param-twice", ("query", "as_of_map", "--param", "year=2007", "--param", "year=2008"), 2, ("year",)),
    ("query-format", ("query", "as_of_map", "--param", "year=2007", "--format", "xml"), 2, ("--format",)),
    (
        "query-graph-missing",
        ("query", "as_of_map", "--param", "year=2007", "--graph", "/nonexistent.json"),
        1,
        ("/nonexistent.json",),
    ),
    ("cypher-empty", ("cypher", "  "), 2, ("empty",)),
]


@pytest.fixture(scope="module")
def option_runs(neo4j_driver: Any, neo4j_settings: Any) -> dict[str, Ran]:
    """Every bad option run concurrently against the test server; the database must not change."""
    before = fingerprint(neo4j_driver, neo4j_settings.database)
    env = server_env(neo4j_settings)
    runs = run_many([(args, env) for _, args, _, _ in OPTIONS])
    assert fingerprint(neo4j_driver, neo4j_settings.database) == before, "a refused option wrote to Neo4j"
    return {case: ran for (case, *_), ran in zip(OPTIONS, runs, strict=True)}


@pytest.mark.parametrize(("case", "code", "names"), [(o[0], o[2], o[3]) for o in OPTIONS], ids=[o[0] for o in OPTIONS])
def test_bad_options_give_one_clear_line(
    option_runs: dict[str, Ran], case: str, code: int, names: tuple[str, ...]
) -> None:
    assert_one_clear_error(option_runs[case], *names, code=code)


def test_a_bad_graph_file_is_named(tmp_path: Path) -> None:
    contents = [b"{not json", b"[]", b"\x00\x01\x02\xff", b'{"nodes": 5}', b'{"nodes": [], "links": []}']
    jobs, files = [], []
    for i, content in enumerate(contents):
        bad = write(tmp_path, f"graph{i}", content, ".json")
        for args in (
            ("viz", "network", "--graph", str(bad), "-o", str(tmp_path / "v.html")),
            ("query", "as_of_map", "--param", "year=2007", "--graph", str(bad)),
            ("analyze", "--graph", str(bad)),
        ):
            jobs.append((args, base_env()))
            files.append(bad)
    for bad, ran in zip(files, run_many(jobs), strict=True):
        assert_one_clear_error(ran, str(bad))
