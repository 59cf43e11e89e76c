"""The compiled core finds the same mentions as ``loaders.entities`` (the reference), statement by statement.

Compared on every statement of the test documents, the seed document and a synthetic corpus of about
1 MB (``benchmarks/extract_speed.py``), each without a set of known abbreviations, with an empty one and
with every acronym-shaped word of the document; then on statements hypothesis builds from fragments of
every pattern family. Names found are compared through ``canonical_name``, ``name_key`` and
``targets_in_name`` too.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import entities
from loaders.bullets import statements
from loaders.documents import read_document

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "tests" / "documents"
_ACRONYM_SHAPED = re.compile(r"\b[A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*\b")


def _python(text: str, bullet: bool, acronyms: set[str] | None) -> list[tuple[Any, ...]]:
    return [tuple(c) for c in entities.find_candidates(text, bullet, acronyms)]


def _first_difference(a: list[Any], b: list[Any]) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"item {i}: python {x!r} != native {y!r}"
    return f"lengths differ: python {len(a)} != native {len(b)}; first extra {(a[len(b) :] or b[len(a) :])[0]!r}"


def _compare(core: Any, text: str, bullet: bool, acronyms: set[str] | None, names: set[str]) -> None:
    py = _python(text, bullet, acronyms)
    native = core.find_candidates(text, bullet, acronyms)
    assert py == native, f"{text!r} (bullet={bullet}, acronyms={acronyms!r}): {_first_difference(py, native)}"
    names.update(c[3] for c in py)


def _compare_names(core: Any, names: set[str]) -> None:
    for name in sorted(names):
        for fn in ("canonical_name", "name_key", "targets_in_name"):
            py, native = getattr(entities, fn)(name), getattr(core, fn)(name)
            assert py == native, f"{fn}({name!r}): python {py!r} != native {native!r}"


def _compare_document(core: Any, path: Path) -> int:
    units = [(s.text, s.kind == "bullet") for s in statements(read_document(path))]
    acronyms = set(_ACRONYM_SHAPED.findall("\n".join(t for t, _ in units)))
    names: set[str] = set()
    for known in (None, set(), acronyms):
        for text, bullet in units:
            _compare(core, text, bullet, known, names)
    _compare_names(core, names)
    return len(units)


@pytest.mark.parametrize("path", sorted(p for p in DOCS.iterdir() if p.is_file()), ids=lambda p: p.name)
def test_test_documents(native_core: Any, path: Path) -> None:
    assert _compare_document(native_core, path) > 0


def test_seed_document(native_core: Any, seed_path: Path) -> None:
    assert _compare_document(native_core, seed_path) > 0


def test_synthetic_corpus(native_core: Any, tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from extract_speed import build_corpus
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    paths = build_corpus(tmp_path, 1.0)
    assert sum(p.stat().st_size for p in paths) >= 1_000_000
    assert sum(_compare_document(native_core, p) for p in paths) > 1000


def _countries() -> list[str]:
    names = sorted(entities.countries().by_name)
    return names[::7] + ["Korea", "Republic of Korea", "Côte d'Ivoire"]


FRAGMENTS = [
    "Ministry of Trade and Industry",
    "Ministry of Trade, Industry and Energy",
    "the Ministry of Ports & Harbours",
    "Norland Digital Agency (NDA)",
    "Port Safety Agency (PSA)",
    "the Agency",
    "this strategy",
    "its Programme",
    "said law",
    "the Office",
    "Office for Public Data",
    "MoT and Storm Board",
    "Regional Development Council",
    "World Trade Organisation",
    "European Bank for Reconstruction",
    '"Blue Harbour Programme"',
    '"Digital Korea"',
    '"Act on Small and Medium Enterprises"',
    '"the Smart Factory Initiative" (SFI)',
    "Act on the Promotion of Smart Manufacturing",
    "Framework Act on SMEs",
    "Decree 12",
    "Article 5 (Article 7)",
    "Manufacturing data platform",
    "the national export voucher scheme",
    "Youth Sailing Grant",
    "Korea Smart Manufacturing Office (KOSMO)",
    "regional governments",
    "the private sector",
    "other ministries and government agencies",
    "business associations",
    "municipalities",
    "young people (15-29)",
    "youth aged 15 to 24",
    "manufacturing SMEs",
    "women-led businesses",
    "small and medium-sized enterprises",
    "micro, small and medium enterprises",
    "start-ups",
    "farmers'",
    "self-employed workers",
    "R&D",
    "ICT",
    "KOSMO",
    "NDA",
    "Société Générale Foundation",
    "Zürich Innovation Centre",
    "중소벤처기업부 Agency",
    "Minister's Office",
    "e.g.",
    "in 2021",
    "was established",
    "which also runs",
    "and",
    "&",
    ",",
    "(",
    ")",
    ".",
    '"',
    "-",
    "the",
    "launched",
    "for",
    "of",
]
MEASURE_OPENINGS = ["Grants for", "Support to", "Tax credits for", "Vouchers towards", "Training on", "Loans for"]
MEASURE_OBJECTS = ["digital tools", "young farmers, artisans & traders", "smes in rural areas", "the export of crafts"]

_fragment = st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(_countries()))
_statement = st.lists(_fragment, min_size=1, max_size=14).map(" ".join)
_separator = st.sampled_from([" ", "  ", ", ", "; ", " - ", "\n"])
_mixed = st.lists(st.tuples(_fragment, _separator), min_size=1, max_size=12).map(
    lambda parts: "".join(f + s for f, s in parts).strip()
)
_measure = st.builds(
    lambda a, b, end: f"{a} {b}{end}",
    st.sampled_from(MEASURE_OPENINGS),
    st.sampled_from(MEASURE_OBJECTS),
    st.sampled_from(["", ".", " .", ". "]),
)


def _acronyms_of(text: str) -> set[str]:
    return set(_ACRONYM_SHAPED.findall(text)) | {"NDA", "KOSMO", "R&D"}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(_statement, _mixed, _measure), bullet=st.booleans())
def test_generated_statements(native_core: Any, text: str, bullet: bool) -> None:
    names: set[str] = set()
    for known in (None, set(), _acronyms_of(text)):
        _compare(native_core, text, bullet, known, names)
    _compare_names(native_core, names | {text})


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("Aa Zz&'\"-().,;é ü한\n0SMEs")), max_size=60))
def test_generated_characters(native_core: Any, text: str) -> None:
    names: set[str] = set()
    for known in (None, set(), _acronyms_of(text)):
        _compare(native_core, text, True, known, names)
    _compare_names(native_core, names | {text})


def test_a_difference_is_reported(native_core: Any) -> None:
    """The comparison fails when the outputs differ (so the tests above can fail)."""
    text = "The Port Safety Agency (PSA) runs the Blue Harbour Programme."
    native = native_core.find_candidates(text, False, None)
    assert native == _python(text, False, None)
    assert native and native[0][3] == "Port Safety Agency"
    with pytest.raises(AssertionError, match="python"):
        assert native[1:] == _python(text, False, None), _first_difference(_python(text, False, None), native[1:])
