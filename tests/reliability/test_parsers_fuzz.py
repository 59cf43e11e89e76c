"""Property-based tests: no input makes the dataset or document parsers end in a traceback; they either
return a result or raise the project's one-line :class:`InstgraphError`."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import InstgraphError
from graph.model.schema import load_schema
from loaders.dataset import parse_dataset, to_graph
from loaders.documents import document_from_bytes, document_from_text
from loaders.extract import extract

SCHEMA = load_schema()
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# YAML-ish building blocks, so examples reach deep into the validator instead of failing at the first byte.
KEYS = ["type", "name", "aliases", "start", "end", "source", "target", "context", "cite", "confidence",
        "method", "figures", "description", "country", "documents", "entities", "relationships", "sha256",
        "file", "defaults", "note", "lines", "<<", "? [a]"]  # fmt: skip
SCALARS = [*sorted(SCHEMA.node_types), *sorted(SCHEMA.relationship_types), "MoE", "X", "2007", "-1", "1e400",
           "0x10", "null", "~", "true", ".nan", "'}) DETACH DELETE n //", "\"\\ud800\"", "!!binary AAAA",
           "!!python/name:os.system", "&a [*a]", "*a", "2001-13-45", "[1, [2, 3]]", "{a: 1}", "", "'", "\"",
           "|", ">", "- x", "%YAML 1.1", "---", "\t", "\x00", "\x85", "\ufeff"]  # fmt: skip

scalar = st.sampled_from(SCALARS) | st.text(max_size=12)
flow_item = st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(KEYS), scalar)
flow_map = st.lists(flow_item, max_size=6).map(lambda items: "{" + ", ".join(items) + "}")
section = st.builds(
    lambda key, items: f"{key}:\n" + "".join(f"  - {i}\n" for i in items),
    st.sampled_from(["entities", "relationships", "documents", "defaults", "other"]),
    st.lists(flow_map | scalar, max_size=5),
)
yaml_like = st.lists(section, max_size=4).map("".join)


def parse(text: str) -> None:
    try:
        to_graph(parse_dataset(text, "fuzz.yaml", SCHEMA))
    except InstgraphError as exc:
        message = str(exc)
        assert message.startswith("fuzz.yaml") and "\n" not in message.strip(), message


@FUZZ
@given(yaml_like)
def test_dataset_parser_never_crashes_on_yaml_like_text(text: str) -> None:
    parse(text)


@FUZZ
@given(st.text(max_size=400))
def test_dataset_parser_never_crashes_on_any_text(text: str) -> None:
    parse(text)


@FUZZ
@given(st.binary(max_size=600))
def test_document_reader_never_crashes_on_bytes(data: bytes) -> None:
    for name in ("fuzz.txt", "fuzz.md", "fuzz.pdf"):
        try:
            doc = document_from_bytes(data, name)
        except InstgraphError as exc:
            assert str(exc).startswith(name) and "\n" not in str(exc).strip()
            continue
        extract(doc)


@FUZZ
@given(st.binary(max_size=600))
def test_pdf_reader_never_crashes_on_broken_pdfs(tail: bytes) -> None:
    try:
        document_from_bytes(b"%PDF-1.4\n" + tail, "fuzz.pdf")
    except InstgraphError as exc:
        assert "\n" not in str(exc).strip()


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            [
                "Ministry of X (MoX) was created in 2017.",
                "- Formerly the Y Agency",
                "  – runs the Z Programme (2005 – 2008, MoX)",
                "(",
                ")",
                "2001–",
                "Act on",
                "•",
                "",
                "\t\t",
                "MoX and MoY collaborate on the Z Programme",
            ]
        )
        | st.text(max_size=40),
        max_size=30,
    )
)
def test_extraction_never_crashes_on_odd_documents(lines: list[str]) -> None:
    try:
        doc = document_from_text("\n".join(lines), "fuzz.txt")
    except InstgraphError:
        return
    extract(doc)


@pytest.mark.parametrize("depth", [50, 2000, 20000])
def test_deep_nesting_is_one_error(depth: int) -> None:
    with pytest.raises(InstgraphError):
        parse_dataset("entities: " + "[" * depth, "deep.yaml", SCHEMA)
