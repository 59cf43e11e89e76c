"""The compiled extraction core reads every document exactly as the Python reference does.

``extract(doc, engine="native")`` and ``extract(doc, engine="python")`` must give equal extractions —
the same entities (names, types, aliases, years), relationships (types, ends, years, confidence,
evidence, notes) and mention lines — on our test documents, the seed deck (with and without the
curated gazetteer), a synthetic corpus in the benchmark's shape, and generated documents that
recombine the test documents' lines under new layouts.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import InstgraphError
from loaders import extract as extract_module
from loaders.documents import document_from_text, read_document
from loaders.extract import Extraction, extract, extract_many

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "tests" / "documents"
sys.path.insert(0, str(REPO / "benchmarks"))
from extract_speed import build_corpus  # noqa: E402


def first_difference(a: Extraction, b: Extraction) -> str:
    """Where two extractions part, for an assertion message a person can act on."""
    for what, xs, ys in (
        ("entity", a.entities, b.entities),
        ("relationship", a.relationships, b.relationships),
    ):
        for i, (x, y) in enumerate(zip(xs, ys, strict=False)):
            if x != y:
                return f"{what} {i}:\n  python {x}\n  native {y}"
        if len(xs) != len(ys):
            return f"{len(xs)} {what}s in python, {len(ys)} native"
    for k in sorted(set(a.mentions) | set(b.mentions)):
        if a.mentions.get(k) != b.mentions.get(k):
            return f"mentions of {k}: python {a.mentions.get(k)}, native {b.mentions.get(k)}"
    return "equal"


def assert_same(doc, gazetteer=None) -> Extraction:
    python = extract(doc, gazetteer=gazetteer, engine="python")
    native = extract(doc, gazetteer=gazetteer, engine="native")
    assert python == native, f"{doc.path}: {first_difference(python, native)}"
    return native


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.iterdir()))
def test_our_documents(native_core, name):
    x = assert_same(read_document(DOCS / name))
    assert x.relationships, "a test document with no relationship would compare nothing"


def test_seed_deck_with_and_without_the_curated_gazetteer(native_core, seed_path, seeds_dir):
    from loaders.dataset import korea_graph
    from loaders.extract import gazetteer_from_graph

    doc = read_document(seed_path)
    plain = assert_same(doc)
    linked = assert_same(doc, gazetteer_from_graph(korea_graph(seeds_dir)))
    assert len(plain.relationships) > 30 and linked.relationships


def test_synthetic_corpus(native_core, tmp_path):
    paths = build_corpus(tmp_path, 1.0, 250_000)
    for path in paths:
        assert_same(read_document(path))


LINES = [
    line
    for p in sorted(DOCS.iterdir())
    for line in p.read_text("utf-8").splitlines()
    if line.strip()
]
PREFIXES = ["", "- ", "• ", "  - ", "    * ", "1. ", "# ", "## ", "\t- "]
NON_ASCII = ["", " é", " Łódź", " – ", " 中小企業", " “", "”", "’s"]


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    rng = random.Random(draw(st.integers(0, 2**32)))
    out: list[str] = []
    for _ in range(draw(st.integers(1, 30))):
        line = rng.choice(LINES).strip().lstrip("-•*# ").strip()
        if rng.random() < 0.2:
            cut = rng.randrange(len(line) + 1)  # a broken line, as in a diagram
            out += [line[:cut], line[cut:]]
        else:
            out.append(rng.choice(PREFIXES) + line + rng.choice(NON_ASCII))
        out += [""] * rng.choice([0, 0, 0, 1, 2, 3])
    return "\n".join(out) + "\n", rng.choice(["text", "markdown"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents())
def test_generated_documents(native_core, made):
    text, fmt = made
    assert_same(document_from_text(text, "generated.md" if fmt == "markdown" else "generated.txt", fmt))


def test_workers_use_the_engine_asked_for(native_core, tmp_path):
    paths = [tmp_path / f"d{i}.txt" for i in range(2)]
    for p, src in zip(paths, sorted(DOCS.glob("*.txt")), strict=True):
        p.write_text(src.read_text("utf-8"), "utf-8")
    python, _ = extract_many(paths, jobs=2, engine="python")
    native, _ = extract_many(paths, jobs=2, engine="native")
    assert python == native and python[0].relationships


def test_an_unknown_engine_is_refused(tmp_path):
    doc = document_from_text("The Port Office runs the Quay Programme\n")
    with pytest.raises(ValueError, match="engine must be one of auto, native, python"):
        extract(doc, engine="fast")


def test_native_asked_for_without_the_core_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(extract_module.native, "core", lambda schema: None)
    doc = document_from_text("The Port Office runs the Quay Programme\n")
    with pytest.raises(InstgraphError, match="compiled extraction core is not built"):
        extract(doc, engine="native")
    assert extract(doc).relationships  # auto falls back to the Python reference


def test_cli_extract_engines_print_the_same_json(native_core):
    from typer.testing import CliRunner

    from instgraph.cli import app

    doc = str(DOCS / "ruritania-coastal-deck.txt")
    runner = CliRunner()
    python = runner.invoke(app, ["extract", doc, "--engine", "python"])
    native = runner.invoke(app, ["extract", doc, "--engine", "native"])
    assert python.exit_code == native.exit_code == 0
    assert python.output == native.output and '"relations"' in native.output
    bad = runner.invoke(app, ["extract", doc, "--engine", "fast"])
    assert bad.exit_code == 2 and "--engine 'fast': use auto, native, python" in bad.output


def test_workers_link_with_the_gazetteer_as_one_process_does(native_core, seed_path, seeds_dir):
    from loaders.dataset import korea_graph
    from loaders.extract import gazetteer_from_graph

    gazetteer = gazetteer_from_graph(korea_graph(seeds_dir))
    paths = [seed_path, DOCS / "ruritania-coastal-deck.txt"]
    one, _ = extract_many(paths, gazetteer=gazetteer, jobs=1)
    two, _ = extract_many(paths, gazetteer=gazetteer, jobs=2)
    assert one == two
    assert "ministry:ministry-of-smes-and-startups" in {e.id for e in two[0].entities}


def test_every_pattern_the_python_modules_declare_compiles_natively(native_core):
    from graph.schema import load_schema
    from loaders.native import native_config

    names = sorted(native_config(load_schema())["patterns"])
    assert len(names) > 40 and "relations.LEADS" in names and "countries.pattern" in names
    assert native_core.compile_all(names) == len(names)
