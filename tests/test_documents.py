"""Reading documents: numbered lines as `cat -n` shows them, identity, stated metadata, bad inputs."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.model import document_id
from loaders.documents import (
    clean_line,
    document_from_bytes,
    document_from_text,
    parse_date,
    read_document,
    read_documents,
)
from loaders.extract import extract

DOCS = Path(__file__).with_name("documents")


def seed_file() -> Path:
    seeds = os.environ.get("INSTGRAPH_SEEDS")
    base = Path(seeds) if seeds else Path(__file__).resolve().parents[2] / "shared" / "seeds"
    return base / "oecd-2022-korea-sme-digitalisation.txt"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_with_lines(lines: list[str], title: str | None = None) -> bytes:
    """A minimal valid one-page PDF showing ``lines`` (none: a page without text), written by hand."""
    shown = " ".join(f"({_escape(s)}) Tj T*" for s in lines)
    content = f"BT /F1 11 Tf 72 720 Td 14 TL {shown} ET" if lines else ""
    info = f"<< /Title ({_escape(title)}) >>" if title else "<< >>"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content.encode('latin-1'))} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        info,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_seed_lines_match_cat_n_and_metadata_is_read():
    doc = read_document(seed_file())
    raw = seed_file().read_bytes().decode("utf-8")
    assert len(doc.lines) == 140 == raw.count("\n")
    assert doc.line(37).strip().startswith("- Formerly the \u201cSmall and Medium Business Administration\u201d")
    assert doc.clean[36].strip().startswith('- Formerly the "Small and Medium Business Administration"')
    assert doc.sha256 == hashlib.sha256(raw.encode("utf-8")).hexdigest()
    assert doc.id == document_id(doc.sha256)
    assert (doc.author, doc.date) == ("Insung Kwon", "2022-05-11")
    assert doc.title is not None and doc.title.lower().startswith("korea's institutional framework")


def test_own_deck_metadata_and_curly_quotes_kept_in_evidence_text():
    doc = read_document(DOCS / "ruritania-coastal-deck.txt")
    assert (doc.title, doc.author, doc.date) == (
        "RURITANIA'S COASTAL ECONOMY INSTITUTIONS",
        "Maria Lenz",
        "2021-03-03",
    )
    assert "\u201cHarbour Development Board\u201d" in doc.line(14)
    assert '"Harbour Development Board"' in doc.clean[13]
    assert doc.clean[25].strip() == "- Quay Repair programme (2004-2009, Harbour Development Board)"


def test_markdown_metadata_from_heading_by_line_and_month():
    doc = read_document(DOCS / "valdoria-crafts-report.md")
    assert doc.format == "markdown"
    assert doc.title == "Valdoria: how the state supports rural craft businesses"
    assert (doc.author, doc.date) == ("Tomas Reyes", "2019-06")


def test_line_numbers_ignore_carriage_returns_and_form_feeds():
    doc = document_from_bytes(b"one\r\ntwo\x0cstill two\r\n\r\nfour\n", "crlf.txt")
    assert doc.lines == ("one", "two\x0cstill two", "", "four")
    assert doc.clean[1] == "two still two"


def test_same_text_same_id_whatever_the_path():
    a = document_from_text("Port Office\n", "a.txt")
    b = document_from_text("Port Office\n", "elsewhere/b.md")
    assert a.id == b.id and a.sha256 == b.sha256


@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(
                list("aZ 9\t`'\"-\x07\r")
                + list("\u00e9\u2013\u2014\u201c\u201d\u2019\u2022\u00a0\u200b\u2033\u2026\ufb01\u00bd\u0301")
            ),
            max_size=12,
        ),
        min_size=1,
        max_size=8,
    )
)
def test_whole_document_cleaning_equals_cleaning_each_line(lines):
    from loaders.documents import _CONTROL, clean_lines

    assert clean_lines(lines) == tuple(_CONTROL.sub(" ", clean_line(s)) for s in lines)


def test_clean_view_plain_quotes_dashes_and_bullets():
    assert clean_line("\u2022 the \u2018Dock\u2019 Act \u2013 2001\u20132004\u00a0") == "- the 'Dock' Act - 2001-2004 "
    assert parse_date("7 October 2020") == "2020-10-07"
    assert parse_date("Annex 2") is None


def test_pdf_pages_become_lines_with_title_from_metadata():
    data = pdf_with_lines(
        ["Island energy note", "The Island Energy Office (IEO) was created in 2010."], title="Island energy"
    )
    doc = document_from_bytes(data, "note.pdf")
    assert doc.format == "pdf" and doc.title == "Island energy"
    assert doc.lines == ("Island energy note", "The Island Energy Office (IEO) was created in 2010.")
    x = extract(doc)
    office = x.find("IEO")
    assert office is not None and office.id == "agency:island-energy-office" and office.start == 2010


def test_encrypted_pdf_is_a_clear_error():
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf_with_lines(["Secret plan"])))
    writer.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(InputError, match="encrypted PDF"):
        document_from_bytes(buf.getvalue(), "locked.pdf")


def test_bad_inputs_each_give_one_message_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("\n  \n\n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "scan.pdf").write_bytes(pdf_with_lines([]))
    (tmp_path / "fake.pdf").write_text("not a pdf at all")
    (tmp_path / "latin.txt").write_bytes("The Caf\u00e9 Owners\u2019 Fund was set up in 2009.\n".encode("cp1252"))
    (tmp_path / "folder").mkdir()
    good = tmp_path / "good.txt"
    good.write_text("- The Port Office was created in 1990\n")
    paths = [
        tmp_path / n
        for n in (
            "empty.txt",
            "blank.txt",
            "binary.txt",
            "scan.pdf",
            "fake.pdf",
            "missing.txt",
            "folder",
            "latin.txt",
        )
    ] + [good]
    docs, problems = read_documents(paths)
    assert [Path(d.path).name for d in docs] == ["latin.txt", "good.txt"]
    assert len(problems) == 8  # one per bad input: seven errors and one warning
    expected = {
        "empty.txt": "is empty",
        "blank.txt": "is empty",
        "binary.txt": "binary file",
        "scan.pdf": "without a text layer",
        "fake.pdf": "not a PDF",
        "missing.txt": "does not exist",
        "folder": "is a directory",
        "latin.txt": "read as Windows-1252",
    }
    for name, words in expected.items():
        hits = [p for p in problems if name in p]
        assert len(hits) == 1 and words in hits[0], (name, hits)
        assert "\n" not in hits[0]
    assert docs[0].line(1) == "The Caf\u00e9 Owners\u2019 Fund was set up in 2009."


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_read_or_raise_input_error_only(data):
    try:
        doc = document_from_bytes(data, "fuzz.txt")
    except InputError:
        return
    extract(doc)


# Words the rules react to, mixed with arbitrary text, so the fuzzing reaches the relationship rules.
_TOKENS = (
    "Ministry",
    "of",
    "Ports",
    "and",
    "Agency",
    "Office",
    "(PO)",
    "(2001",
    "\u2013",
    "2004,",
    ")",
    "Act",
    "on",
    "the",
    "formerly",
    "Formerly",
    "under",
    "was",
    "created",
    "in",
    "2017",
    "spearheads",
    "runs",
    "programme",
    "strategy",
    "plan",
    "SMEs",
    "youth",
    "(15-34)",
    "co-operation",
    "between",
    "collaborating",
    "with",
    "(e.g.",
    "regional",
    "governments",
    "private",
    "sector",
    "\u201c",
    "\u201d",
    '"',
    "stipulated",
    "law",
    "(Article",
    "7)",
    "@0@",
    "@",
    "\n",
    "\n- ",
    "\n - ",
    "\n\n\n",
    "transferred",
    "to",
    "from",
    "other",
    "ministries",
    ".",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS) | st.text(max_size=4), max_size=80).map(" ".join))
def test_arbitrary_text_extracts_without_raising(text):
    try:
        doc = document_from_text(text, "fuzz.txt")
    except InputError:
        return
    x = extract(doc)
    for r in x.relationships:
        assert all(1 <= e.first_line <= e.last_line <= len(doc.lines) for e in r.evidence)


def test_a_document_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import loaders.documents as documents

    path = tmp_path / "big.txt"
    path.write_text("The Port Office was created in 1990.\n" * 100)
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 1000)
    with pytest.raises(InputError, match=r"big.txt: is 0 MB, over the 0 MB limit for one document; split it"):
        read_document(path)


def test_broken_pdf_gives_one_line_and_no_library_noise(tmp_path, capsys):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj garbage\n")
    docs, problems = read_documents([path])
    assert docs == [] and len(problems) == 1 and "not a readable PDF" in problems[0]
    assert capsys.readouterr().err == ""


def test_cli_extract_with_only_bad_files_prints_one_line_each_and_exits_1(tmp_path):
    from typer.testing import CliRunner

    from instgraph.cli import app

    (tmp_path / "a.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    lines = [s for s in result.output.splitlines() if s.strip()]
    assert len(lines) == 2 and all(s.startswith("error: ") for s in lines)
