"""The compiled core's statements and years against the Python reference (loaders.bullets, loaders.dates).

Each test compares full outputs: every statement as (text, first_line, last_line, kind, indent,
section, parent, line_starts) and every year span as (start, end, precision, text, position), offsets
in characters. Inputs: the test documents and the seed document in both reading modes, a synthetic
corpus of about 1 MB (the speed benchmark's), and generated texts built from the fragments the rules
read (bullets, headings, emphasis, blank runs, wrapped lines, labels, abbreviations, years).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.bullets import statements
from loaders.dates import find_years, nearest_year
from loaders.documents import Document, document_from_text, read_document

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "tests" / "documents"
MODES = ("text", "markdown")


def _py_statements(doc: Document | SimpleNamespace) -> list[tuple[Any, ...]]:
    return [
        (s.text, s.first_line, s.last_line, s.kind, s.indent, s.section, s.parent, s.line_starts)
        for s in statements(doc)  # type: ignore[arg-type]
    ]


def _native_statements(core: Any, doc: Document | SimpleNamespace) -> list[tuple[Any, ...]]:
    return [
        (t, f, la, k, i, s, p, list(ls))
        for t, f, la, k, i, s, p, ls in core.statements(list(doc.clean), doc.format == "markdown")
    ]


def _py_years(text: str) -> list[tuple[Any, ...]]:
    return [(y.start, y.end, y.precision, y.text, y.position) for y in find_years(text)]


def _first_difference(expected: list[Any], got: list[Any]) -> str:
    for i, (a, b) in enumerate(zip(expected, got, strict=False)):
        if a != b:
            return f"item {i} differs:\n  python: {a!r}\n  native: {b!r}"
    return f"lengths differ: python {len(expected)}, native {len(got)}"


def _assert_same(expected: list[Any], got: list[Any], what: str) -> None:
    assert got == expected, f"{what}: {_first_difference(expected, got)}"


def _check_statements(core: Any, doc: Document | SimpleNamespace, what: str) -> list[tuple[Any, ...]]:
    expected = _py_statements(doc)
    _assert_same(expected, _native_statements(core, doc), f"{what} statements")
    return expected


def _check_years(core: Any, texts: list[str], what: str) -> int:
    """find_years on every text, and nearest_year at a few positions of each; the spans compared."""
    count = 0
    for text in texts:
        expected = _py_years(text)
        _assert_same(expected, [tuple(y) for y in core.find_years(text)], f"{what} years of {text!r}")
        count += len(expected)
        if expected:
            spans = find_years(text)
            for pos in {0, len(text) // 3, len(text) // 2, len(text), spans[0].position + 1, spans[-1].position}:
                pos = min(pos, len(text))
                near = nearest_year(spans, pos)
                want = None if near is None else (near.start, near.end, near.precision, near.text, near.position)
                got = core.nearest_year(text, pos)
                assert (None if got is None else tuple(got)) == want, f"{what} nearest_year({text!r}, {pos})"
    return count


def _check_document(core: Any, doc: Document, what: str) -> tuple[int, int]:
    found = _check_statements(core, doc, what)
    years = _check_years(core, [s[0] for s in found], what)
    return len(found), years


# --- documents: the test set, the seed, a ~1 MB corpus; each in both reading modes --------------------------


@pytest.mark.parametrize("fmt", MODES)
@pytest.mark.parametrize("path", sorted(p for p in DOCS.iterdir() if p.is_file()), ids=lambda p: p.name)
def test_test_documents(native_core: Any, path: Path, fmt: str) -> None:
    doc = document_from_text(path.read_text("utf-8"), str(path), fmt)
    n, _ = _check_document(native_core, doc, f"{path.name} as {fmt}")
    assert n > 5
    _check_years(native_core, list(doc.clean), f"{path.name} lines")


def test_test_documents_as_read(native_core: Any) -> None:
    for path in sorted(DOCS.iterdir()):
        _check_document(native_core, read_document(path), path.name)


@pytest.mark.parametrize("fmt", MODES)
def test_seed_document(native_core: Any, seed_path: Path, fmt: str) -> None:
    doc = read_document(seed_path)
    doc = document_from_text("\n".join(doc.lines), str(seed_path), fmt)
    n, years = _check_document(native_core, doc, f"seed as {fmt}")
    assert n > 20 and years > 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from extract_speed import build_corpus
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    paths = build_corpus(tmp_path_factory.mktemp("corpus"), 1.0)
    return "".join(p.read_text("utf-8") for p in paths)


@pytest.mark.parametrize("fmt", MODES)
def test_synthetic_corpus(native_core: Any, corpus: str, fmt: str) -> None:
    doc = document_from_text(corpus, "<corpus>", fmt)
    n, years = _check_document(native_core, doc, f"corpus as {fmt}")
    assert len(corpus) > 900_000 and n > 5000 and years > 1000


# --- generated texts -----------------------------------------------------------------------------------------

# fmt: off
WORDS = (
    "the", "Port", "Office", "was", "set", "up", "in", "and", "of", "reform", "Harbour", "Safety", "Board",
    "Ministry", "Café", "Zürich", "naïve", "Ørsted", "São", "Łódź", "Ωmega", "straße", "ÉCOLE", "état", "x", "A", "b",
    "e.g.", "i.e.", "etc.", "No.", "5", "Dr.", "X.", "Mr.", "Inc.", "Ltd.", "vs.", "cf.", "Art.", "St.", "U.S.",
    "(see", "above).", "[1].", '"Quoted."', "'tis", "50%.", "end.", "done:", "why?", "so;", "now!", "&", ",", "-",
    "snake_case", "a*b", "**bold**", "_it_", "*em*", "__", "**", "(c)", "2.", "1990.", "Über",
)
YEARS = (
    "1999", "2005-2008", "2005 - 2008", "2005 to 2008", "2004-05", "2008-05", "from 1999", "From 1999", "FROM 2001",
    "since 2001", "starting in 2003", "beginning in 1995", "as of 2010", "until 2010", "till 1995", "up to 2020",
    "through 2011", "to 2012", "ended in 1989", "closed in 2001", "the early 2000s", "mid-1990s", "late 1980s",
    "early 1990s", "2020s", "1900s", "$2019", "2019%", "\u20ac2019", "\u00a32019", "2019.5", "1999,", "v.2019",
    "x2019", "/2019", "2019s", "between 1990 and 1995", "1990 until 1995", "1990 and 1995", "1899", "1800", "2100",
    "19999", "\u0661\u0669\u0669\u0669", "2001-\u0660\u0665", "é2000", "2000é", "(2004-05)", "2010-2009",
    "1999-2000s",
)
MARKERS = (
    "-", "*", "+", ">", "1.", "12)", "3)", "a.", "h)", "i.", "z)", "(3)", "(b)", "(iv)", "(xi)", "123.", "\u2022",
)
INDENTS = ("", " ", "  ", "   ", "    ", "\t", " \t", "\t\t", "\u00a0")
# fmt: on

word = st.sampled_from(WORDS)
year = st.sampled_from(YEARS)
phrase = st.lists(st.one_of(word, word, word, year), min_size=1, max_size=14).map(" ".join)
sentences = st.lists(phrase.map(lambda p: p[:1].upper() + p[1:]), min_size=1, max_size=4).map(". ".join)
label = st.lists(
    st.sampled_from(("Harbour", "Safety Office", "Port", "Board of Trade", "Ålesund")), min_size=1, max_size=2
).map(" ".join)
long_line = st.lists(word, min_size=14, max_size=24).map(" ".join)
body = st.one_of(phrase, sentences, label, long_line, phrase.map(lambda p: p.lower()), phrase.map(lambda p: "(" + p))
bullet_line = st.tuples(
    st.sampled_from(INDENTS), st.sampled_from(MARKERS), st.sampled_from((" ", "  ", "\t")), body
).map("".join)
heading_line = st.tuples(
    st.sampled_from(("", " ", "   ", "    ")),
    st.integers(1, 7).map(lambda n: "#" * n),
    st.sampled_from((" ", "", "  ")),
    body,
).map("".join)
line = st.one_of(
    bullet_line,
    bullet_line,
    heading_line,
    body,
    body,
    body,
    st.sampled_from(("", "", " ", "\t", "**", "__", "* *", "#", "# ", "- ", "-", "1.")),
    st.tuples(st.sampled_from(INDENTS), body).map("".join),
)
lines = st.lists(line, min_size=1, max_size=40)

HYPOTHESIS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@HYPOTHESIS
@given(lines=lines, fmt=st.sampled_from(MODES))
def test_generated_documents(native_core: Any, lines: list[str], fmt: str) -> None:
    text = "\n".join(lines)
    if not text.strip():
        return  # a document needs text (document_from_text refuses it)
    doc = document_from_text(text, "<generated>", fmt)
    _check_document(native_core, doc, fmt)


@HYPOTHESIS
@given(lines=lines, fmt=st.sampled_from(MODES))
def test_generated_raw_lines(native_core: Any, lines: list[str], fmt: str) -> None:
    # Lines as given, not cleaned (tabs, no-break spaces and bullet dots reach the rules).
    _check_statements(native_core, SimpleNamespace(clean=tuple(lines), format=fmt), fmt)


@HYPOTHESIS
@given(
    parts=st.lists(st.one_of(year, year, word), min_size=1, max_size=12),
    seps=st.sampled_from((" ", "", "; ", "-", ", ")),
)
def test_generated_years(native_core: Any, parts: list[str], seps: str) -> None:
    text = seps.join(parts)
    _check_years(native_core, [text, text.upper(), text.lower()], "generated")


def test_year_forms(native_core: Any) -> None:
    # Every form on its own (and the reference reads them: not a comparison of two empty lists).
    counted = _check_years(native_core, list(YEARS), "forms")
    assert counted > 30
