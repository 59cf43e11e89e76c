"""Reading documents: numbered lines as `cat -n` shows them, identity, stated metadata, bad inputs."""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import InputError, UsageError
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
    from loaders.documents.clean import _CONTROL, clean_lines

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


def test_a_justified_pdf_lines_doubled_spaces_are_one_and_a_glossarys_gap_stays():
    data = pdf_with_lines(["Since  2015  the  Island  Energy  Office  runs  the  grant.",
                           "IEO     Island Energy Office"])
    doc = document_from_bytes(data, "note.pdf")
    assert doc.lines == ("Since 2015 the Island Energy Office runs the grant.", "IEO     Island Energy Office")


def test_running_heads_and_feet_leave_the_pages_and_a_split_sentence_is_whole():
    from loaders.documents.pages import join_pages

    head = "Harbour Office  |  Annual Report 2024"
    pages = [
        [head, "Ports", "The Quay Board runs the", "Page 1 of 3"],
        [head, "mooring voucher. The voucher is new.", "", "Page 2 of 3"],
        [head, "A table follows", "Page 3 of 3"],
    ]
    # The head and the numbered foot go; the sentence cut by the first break is joined, the second
    # page ends a sentence so a blank line keeps the pages apart; "Ports" (once) stays.
    assert join_pages(pages) == [
        "Ports", "The Quay Board runs the", "mooring voucher. The voucher is new.", "", "A table follows",
    ]
    # One page has nothing running; a line at the edge of one page only is content.
    assert join_pages([[head, "Text.", "Page 1 of 1"]]) == [head, "Text.", "Page 1 of 1"]
    assert join_pages([["Intro.", "Page 1"], ["Other start.", "End."]]) == ["Intro.", "Page 1", "Other start.", "End."]


def test_a_pdf_tables_layout_becomes_markdown_rows_in_place_of_its_cells_lines():
    from loaders.documents.pdf_tables import tabled_lines

    # The plain text puts each cell on a line; the layout text keeps the columns.
    plain = ["Some prose before.", "Programme Lead body Period", "Harbour Connect", "Quay Agency;", "Dock Board",
             "from 2012", "Quay Voucher Dock Board 2021", "Sources: annual reports."]
    layout = (
        "Some prose before.\n\n"
        "Programme          Lead body        Period\n"
        "Harbour Connect    Quay Agency;     from 2012\n"
        "                   Dock Board\n"
        "Quay Voucher       Dock Board       2021\n\n"
        "Sources: annual reports.\n"
    )
    assert tabled_lines(plain, layout) == [
        "Some prose before.",
        "| Programme | Lead body | Period |",
        "|---|---|---|",
        "| Harbour Connect | Quay Agency; Dock Board | from 2012 |",
        "| Quay Voucher | Dock Board | 2021 |",
        "Sources: annual reports.",
    ]
    # Justified prose (only wide gaps) is no table; nothing changes without one.
    prose = "The    agency    runs    the    voucher\nand    the    board    funds    it."
    assert tabled_lines(["The agency runs the voucher", "and the board funds it."], prose) == [
        "The agency runs the voucher", "and the board funds it."]


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
    from loaders.documents import reader

    path = tmp_path / "big.txt"
    path.write_text("The Port Office was created in 1990.\n" * 100)
    monkeypatch.setattr(reader, "MAX_DOCUMENT_BYTES", 1000)
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


# --- what a document is: its title and date, as a reader finds them ------------------------------------------
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "documents"

# file → (the lines its title is on, the date it states). The title is read from the shared file itself
# (its clean view, without Markdown marks, a section number or doubled spaces), so no text is copied here.
CORPUS_TITLES: dict[str, tuple[tuple[int, ...], str | None]] = {
    "au-digital-solutions.txt": ((1,), "2026-02"),  # "Version: Final, <month> 2026"
    "ca-cdap.txt": ((3,), "2024-02"),  # under a "SECTION | SUBSECTION" kicker; "CITY - <month> 2024"
    "cl-corfo-sercotec.md": ((1,), "2025"),  # "*Policy brief · Series … · 2025*"
    "de-mittelstand-digital.pdf": ((1, 2), "2025-04"),  # a running header dropped; "as of" in the footer
    "ee-eisa-merger.md": ((3,), "2025"),  # under an HTML comment
    "es-kit-digital.md": ((3,), "2025"),  # "Spring 2025"
    "eu-edih.txt": ((1,), "2024-09-30"),  # "Date of this version: …"
    "fr-france-num.pdf": ((), "2025"),  # the PDF's own title; "Annual Report 2025" in its running header
    "ie-digital-transition.txt": ((5,), "2024-10-14"),  # under PRESS RELEASE and the department; dateline
    "in-msme-digital.pdf": ((1, 2), "2024-08"),  # its running masthead "… · Vol. 5, No. 3 · <month>" dropped
    "it-transizione-40.txt": ((2,), "2024-10-15"),  # under "SERVICE - BRIEFING NOTE"; "series - No. - date"
    "jp-it-subsidy.md": ((3,), "2026-02"),  # under a breadcrumb; "Page updated: …"
    "kr-sme-voucher.txt": ((3,), None),  # under a "Chapter 4." running header; no date stated
    "nl-mkb-digitaal.md": ((3,), "2019-09-06"),  # "Published on: …" wins over "Last checked on: …"
    "nz-digital-boost.txt": ((8,), "2021-05-20"),  # under MEDIA RELEASE, the minister and the date
    "sg-smes-go-digital.txt": ((2,), "2024-09"),  # under "… REVIEWS - COUNTRY CASE STUDY"
}


def _title_from_lines(doc, numbers: tuple[int, ...]) -> str:
    text = " ".join(doc.clean[n - 1].strip().lstrip("#").strip() for n in numbers)
    text = re.sub(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+", "", text)
    return " ".join(text.split())


@pytest.mark.parametrize("name", sorted(CORPUS_TITLES))
def test_corpus_documents_get_their_real_title_and_publication_date(name):
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} is not at hand")
    doc = read_document(path)
    numbers, date = CORPUS_TITLES[name]
    if numbers:
        assert doc.title == _title_from_lines(doc, numbers)
    else:
        from pypdf import PdfReader

        assert doc.title == PdfReader(path).metadata.title
    assert doc.date == date
    assert doc.file_name == name


def test_seed_title_and_date_are_the_decks_own():
    doc = read_document(seed_file())
    assert doc.title == doc.clean[4].strip() and doc.date == "2022-05-11"


def test_titles_skip_banners_breadcrumbs_comments_and_running_headers():
    cases = {
        # a press release: banner, issuing body, headline, dateline
        "PRESS RELEASE\n\nOffice of Tides and Harbours\n\nQuay fees to fall for small boats\n\n"
        "Harbourtown, 3 March 2021 - The Office said today that the fees for small boats will fall.\n": (
            "Quay fees to fall for small boats",
            "2021-03-03",
        ),
        "NEWS\nMEDIA RELEASE\n\nHon Ada Brin\nMinister for Harbours\n\n20 May 2021\n\nNEW QUAYS FOR THE ISLES\n": (
            "NEW QUAYS FOR THE ISLES",
            "2021-05-20",
        ),
        "[Home](/) › [Grants](/grants) › Quay grants\n\n# Quay grants for boat builders\n\n"
        "*Published on: 6 September 2019 · Last checked on: 12 November 2024*\n": (
            "Quay grants for boat builders",
            "2019-09-06",
        ),
        "<!-- Exported from deck quay_2025.pptx -->\n\n# Quays of the Isles\n\nIsles Office · Briefing · 2025\n": (
            "Quays of the Isles",
            "2025",
        ),
        "Chapter 4. Island notes on port support\n\n4.2. Ostrava Isle: from a quay fund to a port board\n\n"
        "Policy setting\n\nThe quay fund was set up in 2001 by the Office of Tides, and it ran until 2009.\n": (
            "Ostrava Isle: from a quay fund to a port board",
            None,
        ),
        "ISLES RESEARCH SERVICE - BRIEFING NOTE\nPorts of the Isles: from quays to hubs\n"
        "Port series - No. 7 - 15 October 2024\n": ("Ports of the Isles: from quays to hubs", "2024-10-15"),
        "PORT BULLETIN · Vol. 2, No. 1 · August 2024\nFrom quay permits to port passes: how the\n"
        "isles register boats\n": ("From quay permits to port passes: how the isles register boats", "2024-08"),
        "Harbour Office of the Isles\nFY2023 annual report\n\nThe Office ran the quay fund in 2023.\n": (
            "FY2023 annual report",
            "2023",
        ),
        "Title: Quay fund review\nVersion: Final, February 2026\nRounds 1 to 3, 2018-2030\n": (
            "Quay fund review",
            "2026-02",
        ),
    }
    for text, expected in cases.items():
        doc = document_from_text(text, "isles.md")
        assert (doc.title, doc.date) == expected, text


def test_a_by_line_must_name_someone():
    doc = document_from_text(
        "Port passes in the Isles\n\nBy a notice of 26 June 2020 the Office of Tides set new fees.\n", "n.txt"
    )
    assert doc.author is None and doc.title == "Port passes in the Isles"
    assert document_from_text("Port passes\n\nBy Ada Brin\n", "n.txt").author == "Ada Brin"


def test_a_given_date_wins_and_a_bad_one_is_a_clear_error(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Quay note\n\n3 March 2021\n\nThe Port Office was created in 1990.\n")
    assert read_document(path).date == "2021-03-03"
    assert read_document(path, date="14 October 2024").date == "2024-10-14"
    assert read_document(path, date="2023").date == "2023"
    docs, problems = read_documents([path], date="2022-05")
    assert problems == [] and docs[0].date == "2022-05"
    with pytest.raises(UsageError, match=r"'next spring' is not a date; give it as 2024, 2024-10 or 2024-10-14"):
        read_document(path, date="next spring")


# --- Word documents and saved web pages --------------------------------------------------------------------
def docx_bytes(title: str | None = None) -> bytes:
    import docx

    word = docx.Document()
    if title:
        word.core_properties.title = title
    word.add_heading("Ports of the Isles", level=1)
    word.add_paragraph("Published: 6 September 2019")
    word.add_paragraph("The Isles Port Agency (IPA) runs the Quay Programme.\nIt was created in 2004.")
    word.add_heading("Who does what", level=2)
    word.add_paragraph("Office of Tides: policy", style="List Bullet")
    word.add_paragraph("Quay fund (2001-2009)", style="List Bullet 2")
    table = word.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Body", (0, 1): "Role", (1, 0): "IPA", (1, 1): "delivery"}.items():
        table.cell(r, c).text = text
    word.add_paragraph("")  # spacing only: no line
    word.add_paragraph("Closing remarks.")
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_lists_headings_and_tables_become_lines(tmp_path):
    path = tmp_path / "ports.docx"
    path.write_bytes(docx_bytes())
    doc = read_document(path)
    assert doc.format == "docx"
    assert doc.lines == (
        "Ports of the Isles",
        "",
        "Published: 6 September 2019",
        "",
        "The Isles Port Agency (IPA) runs the Quay Programme.",
        "It was created in 2004.",
        "",
        "Who does what",
        "",
        "- Office of Tides: policy",
        "  - Quay fund (2001-2009)",
        "",
        "| Body | Role |",
        "| IPA | delivery |",
        "",
        "Closing remarks.",
    )
    assert (doc.title, doc.date, doc.file_name) == ("Ports of the Isles", "2019-09-06", "ports.docx")
    # Citations number the lines the reader made.
    implements = [r for r in extract(doc).relationships if r.type == "IMPLEMENTS"]
    assert implements and implements[0].evidence[0].first_line == 5
    assert read_document(path).id == doc.id  # the same file, the same document
    assert document_from_bytes(docx_bytes(title="Isles port review"), "p.docx").title == "Isles port review"


def test_broken_or_foreign_office_files_give_one_clear_line(tmp_path):
    good = docx_bytes()
    files = {
        "truncated.docx": good[: len(good) // 2],
        "notzip.docx": b"This is not a Word file at all\n",
        "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        "deck.pptx": _zip({"ppt/presentation.xml": "<p/>", "[Content_Types].xml": "<Types/>"}),
        "notes.rtf": b"{\\rtf1\\ansi Quay notes}\n",
        "scan.png": b"\x89PNG\r\n\x1a\n" + bytes(64),
        "bare.docx": _zip({"word/document.xml": "<w:document/>"}),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    docs, problems = read_documents([tmp_path / n for n in files])
    assert docs == [] and len(problems) == len(files)
    expected = {
        "truncated.docx": "damaged ZIP or Word file",
        "notzip.docx": "is not a Word document",
        "old.doc": "save it as .docx",
        "deck.pptx": "PowerPoint file; export it as PDF",
        "notes.rtf": "RTF file",
        "scan.png": "PNG image",
        "bare.docx": "is not a readable Word document",
    }
    for name, words in expected.items():
        [line] = [p for p in problems if f"{name}:" in p]
        assert words in line and "\n" not in line and "Traceback" not in line, line


def _zip(members: dict[str, str]) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return buf.getvalue()


PAGE = """<!DOCTYPE html>
<html><head><title>Quay grants | Isles Port Agency</title>
<meta property="article:published_time" content="2024-10-14T09:00:00Z">
<style>p { color: red }</style><script>var tracking = "Ministry of Scripts";</script></head>
<body>
<header><a href="/">Isles Port Agency</a> <nav><ul><li>Home</li><li>Grants</li></ul></nav></header>
<div id="cookie-banner">We use cookies. <button>Accept</button></div>
<!-- the Office of Comments is not text -->
<main>
  <h1>Quay grants for  boat builders</h1>
  <p>The Isles Port Agency (IPA) runs the
     Quay Programme.<br>It was created in 2004.</p>
  <h2>Who does what</h2>
  <ul><li>Office of Tides: policy<ul><li>Quay fund (2001&ndash;2009)</li></ul></li><li>IPA: delivery</li></ul>
  <table><tr><th>Body</th><th>Role</th></tr><tr><td>IPA</td><td>grants</td></tr></table>
  <aside>Related: the Board of Sidebars</aside>
  <form>Search <input name="q"></form>
</main>
<footer>© Isles Port Agency · Privacy</footer>
</body></html>
"""


def test_html_main_text_only_with_blocks_as_lines(tmp_path):
    path = tmp_path / "grants.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html"
    assert doc.lines == (
        "Quay grants for boat builders",
        "",
        "The Isles Port Agency (IPA) runs the Quay Programme.",
        "It was created in 2004.",
        "",
        "Who does what",
        "",
        "- Office of Tides: policy",
        "  - Quay fund (2001\u20132009)",
        "- IPA: delivery",
        "",
        "| Body | Role |",
        "| IPA | grants |",
    )
    assert (doc.title, doc.date) == ("Quay grants for boat builders", "2024-10-14")
    for chrome in ("cookies", "Scripts", "Comments", "Sidebars", "Search", "Privacy", "Home", "color"):
        assert not any(chrome in line for line in doc.lines), chrome
    assert extract(doc).find("IPA") is not None


def test_html_without_main_or_h1_uses_the_body_and_the_page_title():
    page = (
        b"<html><head><title>Port passes explained - Isles Office</title></head><body><nav>Menu</nav>"
        b"<p>Published 3 March 2021</p><p>Boats need a pass.</p></body></html>"
    )
    doc = document_from_bytes(page, "passes.htm")
    assert doc.lines == ("Published 3 March 2021", "", "Boats need a pass.")
    assert (doc.title, doc.date) == ("Port passes explained", "2021-03-03")


def test_html_definition_lists_give_one_term_and_definition_a_line_and_their_roles_are_read():
    page = (
        b"<html><body><main><h3>Quay Digital Voucher</h3><p>Help with software.</p><dl><dt>Run by</dt>"
        b"<dd>Harbour Enterprise Agency</dd><dt>Partners</dt><dd>Norland Chamber of Commerce</dd></dl></main></body>"
        b"</html>"
    )
    doc = document_from_bytes(page, "vouchers.html")
    assert doc.lines[-3:] == ("Run by: Harbour Enterprise Agency", "", "Partners: Norland Chamber of Commerce")
    x = extract(doc)
    facts = {(r.type, r.source, r.target) for r in x.relationships}
    assert ("IMPLEMENTS", "agency:harbour-enterprise-agency", "programme:quay-digital-voucher") in facts


def test_html_in_the_charset_it_declares_or_with_a_byte_order_mark():
    page = '<html><head><meta charset="windows-1252"></head><body><p>The Caf\u00e9 Owners\u2019 Fund</p></body></html>'
    doc = document_from_bytes(page.encode("cp1252"), "fund.html")
    assert doc.lines == ("The Caf\u00e9 Owners\u2019 Fund",) and doc.warnings == ()
    doc = document_from_bytes(page.replace("windows-1252", "utf-16").encode("utf-16"), "fund.html")
    assert doc.lines == ("The Caf\u00e9 Owners\u2019 Fund",) and doc.warnings == ()


# --- encodings and identity ----------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_unicode_text_with_a_byte_order_mark_is_read_as_its_text(tmp_path, encoding):
    text = "Quay note\r\n\r\nThe \u201cPort Office\u201d was created in 1990.\r\n"
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    path = tmp_path / "note.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.lines == ("Quay note", "", "The \u201cPort Office\u201d was created in 1990.")
    assert doc.warnings == ()
    assert doc.id == document_from_text(text.replace("\r", ""), "plain.txt").id


def test_utf16_without_a_byte_order_mark_is_read_with_a_warning():
    doc = document_from_bytes("Quay note\nThe Port Office.\n".encode("utf-16-le"), "note.txt")
    assert doc.lines == ("Quay note", "The Port Office.")
    assert len(doc.warnings) == 1 and "UTF-16LE" in doc.warnings[0]


def test_broken_utf16_names_the_line():
    data = codecs.BOM_UTF16_LE + "ok\nline two\n".encode("utf-16-le") + b"\x00\xdc"  # a lone low surrogate
    with pytest.raises(InputError, match=r"x.txt:3: is UTF-16 text with a broken character; re-save it as UTF-8"):
        document_from_bytes(data, "x.txt")


@pytest.mark.parametrize("ending", ["\n", "", "\r\n"])
def test_one_file_is_one_document_through_a_dataset_and_through_extraction(tmp_path, ending):
    from loaders.batch import extraction_to_graph
    from loaders.dataset import open_dataset, read_dataset

    text = "Quay note\n\n- The Isles Port Agency (IPA) runs the Quay Programme (2004)".replace("\n", ending or "\n")
    path = tmp_path / "quay.txt"
    path.write_bytes((text + ending).encode("utf-8"))
    doc = read_document(path)
    (tmp_path / "quay.yaml").write_text(
        "documents:\n"
        f"  quay: {{file: quay.txt, sha256: {doc.sha256}, lines: 3, date: '2019-06'}}\n"
        "entities:\n"
        "  - {type: Agency, name: Isles Port Agency, aliases: [IPA], cite: {quay: 3}}\n"
    )
    curated = read_dataset(tmp_path / "quay.yaml", tmp_path)
    extracted = extraction_to_graph([extract(doc)])
    [curated_doc] = curated.entities(["Document"])
    [extracted_doc] = extracted.entities(["Document"])
    assert curated_doc.id == extracted_doc.id == doc.id
    assert dict(curated_doc.extra)["date"] == "2019-06"  # the dataset's date wins over the text's
    assert dict(curated_doc.extra)["file_name"] == "quay.txt"
    _, texts = open_dataset(tmp_path / "quay.yaml", tmp_path)
    assert texts["quay"].splitlines() == list(doc.lines)
    # Merged (as `instgraph build --documents` does), the two readings are one Document node.
    for entity in extracted.entities():
        curated.add_entity(entity)
    assert len(list(curated.entities(["Document"]))) == 1


def test_a_dataset_date_that_is_not_a_date_is_refused_at_its_line():
    from loaders.dataset import parse_dataset

    with pytest.raises(InputError, match=r"d.yaml:3: document 'quay': date 'soon' is not a date"):
        parse_dataset(f"documents:\n  quay:\n    date: soon\n    sha256: {'a' * 64}\n", "d.yaml")


def test_the_dataset_and_extraction_read_the_seed_as_one_document(seeds_dir):
    from loaders.dataset import KOREA_DATASET, open_dataset, parse_dataset

    dataset = parse_dataset(KOREA_DATASET.read_text("utf-8"), str(KOREA_DATASET))
    [spec] = dataset.documents.values()
    assert read_document(seeds_dir / spec.file).id == spec.id
    _, texts = open_dataset(KOREA_DATASET, seeds_dir)
    assert list(texts.values())[0] == (seeds_dir / spec.file).read_text("utf-8")



def test_a_word_tables_rows_are_read_as_table_rows(tmp_path):
    import docx

    from loaders.extract import extract

    word = docx.Document()
    word.add_paragraph("Who runs what.")
    table = word.add_table(rows=3, cols=3)
    rows = [("Programme", "Lead ministry", "Implementing agency"),
            ("Berth Online", "Ministry of Digital Piers", "Norland Enterprise Board"),
            ("Quay Skills", "Ministry of Labour", "Norland Skills Authority")]
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    path = tmp_path / "who.docx"
    word.save(path)
    x = extract(read_document(path))
    name = {e.id: e.name for e in x.entities}
    found = {(r.type, name[r.source], name[r.target]) for r in x.relationships}
    assert {("LEADS", "Ministry of Digital Piers", "Berth Online"),
            ("IMPLEMENTS", "Norland Skills Authority", "Quay Skills"),
            ("LEADS", "Ministry of Labour", "Quay Skills")} <= found
    assert not any("Board Quay" in n for n in name.values())  # one row does not run into the next
