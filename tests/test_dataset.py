"""The curated Korea dataset: it validates, every citation is borne out by the seed deck, and the graph
it makes answers the questions an analyst asks (who ran what in 2007, who leads in 2018, lineage).
Plus: a broken dataset is refused with the file, the line and the allowed values."""

from __future__ import annotations

import hashlib
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.model import document_id
from graph.model.institutional_graph import InstitutionalGraph
from loaders.citations import check_citations, mentions
from loaders.dataset import (
    KOREA_DATASET,
    Citation,
    check_documents,
    document_lines,
    korea_graph,
    locate_documents,
    open_dataset,
    parse_dataset,
    read_dataset,
    to_graph,
)

SEED = "oecd-2022-korea-sme-digitalisation.txt"
MSS = "ministry:ministry-of-smes-and-startups"
SMBA = "agency:small-and-medium-business-administration"
MEL = "ministry:ministry-of-employment-and-labor"
MIC = "ministry:ministry-of-information-and-communication"
MKE = "ministry:ministry-of-knowledge-economy"
MOTIE = "ministry:ministry-of-trade-industry-and-energy"
KOSMO = "agency:korea-smart-manufacturing-office"
SMART_FACTORY = "strategy:smart-factory-diffusion-and-advancement-strategy"
YDJP = "programme:youth-digital-job-programme"
MSME_STRATEGY = "strategy:msme-digitalisation-strategy"




@pytest.fixture(scope="module")
def seed_lines(seeds_dir: Path) -> list[str]:
    return document_lines((seeds_dir / SEED).read_text("utf-8"))


@pytest.fixture(scope="module")
def korea(seeds_dir: Path) -> InstitutionalGraph:
    return korea_graph(seeds_dir)


def ends(g: InstitutionalGraph, rel_type: str) -> set[tuple[str, str]]:
    return {(r.source, r.target) for r in g.relationships([rel_type])}


# --- the dataset validates and its citations hold ------------------------------------------------------
def test_korea_dataset_validates_and_names_the_deck_as_its_document(korea, seeds_dir):
    text = (seeds_dir / SEED).read_text("utf-8")
    doc = korea.entity(document_id(hashlib.sha256(text.encode("utf-8")).hexdigest()))
    extra = dict(doc.extra)
    assert doc.type == "Document"
    assert extra["author"] == "Insung Kwon"
    assert extra["date"] == "2022-05-11"
    assert extra["publisher"] == "OECD"
    assert extra["lines"] == len(document_lines(text)) == 140
    assert "institutional framework" in extra["title"].lower()


def test_every_curated_citation_mentions_what_it_supports(seeds_dir):
    dataset, texts = open_dataset(KOREA_DATASET, seeds_dir)
    assert set(texts) == set(dataset.documents)
    problems = check_citations(dataset, texts)
    assert problems == [], "\n".join(map(str, problems))
    assert all(spec.cite for spec in dataset.entities)
    assert all(spec.cite for spec in dataset.relationships)


def test_a_wrong_citation_is_caught(seeds_dir):
    dataset, texts = open_dataset(KOREA_DATASET, seeds_dir)
    rels = list(dataset.relationships)
    i = next(
        n for n, s in enumerate(rels) if s.relationship.type == "IMPLEMENTS" and s.relationship.source == MIC
    )
    wrong = rels[i].cite[0]
    # Line 73 is SMBA's programme, not MIC's.
    rels[i] = replace(rels[i], cite=(replace(wrong, first_line=73, last_line=73),))
    ents = list(dataset.entities)
    k = next(n for n, s in enumerate(ents) if s.entity.id == KOSMO)
    ents[k] = replace(ents[k], cite=(Citation("oecd-2022-korea", 93, 94, ents[k].line),))
    broken = replace(dataset, relationships=tuple(rels), entities=tuple(ents))
    problems = check_citations(broken, texts)
    assert len(problems) == 2
    assert {p.line for p in problems} == {wrong.line, ents[k].line}
    assert any("73-73" in p.message and "IMPLEMENTS" in p.message for p in problems)
    assert any("Korea Smart Manufacturing Office" in p.message for p in problems)


def test_a_wrong_citation_in_the_file_is_reported_at_its_line(seeds_dir):
    text = KOREA_DATASET.read_text("utf-8")
    marker = "  - type: TARGETS\n    source: Youth Digital Job Programme\n    target: Youth aged 15–34\n"
    assert text.count(marker) == 1
    cite_line = text[: text.index(marker)].count("\n") + 4
    broken = text.replace(
        marker + "    cite: {oecd-2022-korea: [[123, 123], [125, 125]]}",
        marker + "    cite: {oecd-2022-korea: 53}",
    )
    dataset = parse_dataset(broken, "korea.yaml")
    _, texts = open_dataset(KOREA_DATASET, seeds_dir)
    problems = check_citations(dataset, texts)
    assert [(p.path, p.line) for p in problems] == [("korea.yaml", cite_line)]


def test_citation_matching_copes_with_curly_quotes_dashes_and_broken_diagram_labels():
    assert mentions(
        "Formerly the “Small and Medium Business Administration”",
        ["Small and Medium Business Administration"],
    )
    assert mentions("Ministry of SMEs\nand Startups", ["Ministry of SMEs and Startups"])
    assert mentions("Korea Smart\nManufacturing\nOffice (KOSMO)", ["Korea Smart Manufacturing Office"])
    assert mentions("youth (15–34)", ["youth (15-34)"])
    assert not mentions("MSMEs are the backbone", ["SMEs"])


def test_evidence_quotes_the_cited_lines_when_the_deck_is_at_hand(korea, seed_lines):
    rel = korea.relationship(SMBA, MSS, "SUCCEEDED_BY")
    [ev] = rel.evidence
    assert (ev.first_line, ev.last_line) == (36, 37)
    assert ev.text == "\n".join(seed_lines[35:37])
    assert all(
        e["text"] == "\n".join(seed_lines[e["lines"][0] - 1 : e["lines"][1]])
        for _, _, evidence in korea.graph.edges(data="evidence")
        for e in evidence
    )


def test_evidence_has_no_text_when_the_deck_is_not_at_hand():
    dataset = parse_dataset(KOREA_DATASET.read_text("utf-8"), str(KOREA_DATASET))
    g = to_graph(dataset)
    evidence = [e for _, _, ev in g.graph.edges(data="evidence") for e in ev]
    assert evidence and all(e["text"] is None for e in evidence)
    assert {r.key for r in g.relationships()} and len(g) == 33


def test_every_fact_names_its_source_document(korea):
    doc_ids = {e.id for e in korea.entities(["Document"])}
    assert len(doc_ids) == 1
    assert all(set(e.sources) == doc_ids for e in korea.entities() if e.type != "Document")
    assert all(set(r.sources) == doc_ids and r.evidence for r in korea.relationships())
    assert all(r.method == "curated" for r in korea.relationships())


# --- the facts the deck states ------------------------------------------------------------------------
def test_mss_replaced_the_smba_which_was_under_motie(korea):
    mss, smba = korea.entity(MSS), korea.entity(SMBA)
    assert (mss.start, smba.end) == (2017, 2016)
    assert "MSS" in mss.aliases and "중소벤처기업부@ko" in mss.aliases
    assert "중소기업청@ko" in smba.aliases
    assert korea.relationship(SMBA, MSS, "SUCCEEDED_BY").start == 2017
    assert korea.relationship(SMBA, MOTIE, "PART_OF").end == 2016
    [transfer] = korea.relationships(["TRANSFERRED_TO"])
    assert transfer.target == MSS and transfer.start == 2017
    assert "other ministries" in korea.entity(transfer.source).name.lower()


def test_kosmo_beside_mss_is_only_implied(korea):
    rel = korea.relationship(KOSMO, MSS, "PART_OF")
    assert rel.confidence <= 0.5
    assert "diagram" in (rel.note or "")


def test_the_2018_strategy_is_led_by_mss_with_partners(korea):
    assert korea.entity(SMART_FACTORY).start == 2018
    assert korea.relationship(MSS, SMART_FACTORY, "LEADS").start == 2018
    partners = {s for s, t in ends(korea, "PARTICIPATES_IN") if t == SMART_FACTORY}
    partner_types = {korea.entity(p).type for p in partners}
    assert {"Ministry", "RegionalGovernment", "PrivateSector"} <= partner_types
    collaborations = [r for r in korea.relationships(["COLLABORATES_WITH"]) if r.context == SMART_FACTORY]
    assert len(collaborations) == 3
    assert all(MSS in (r.source, r.target) and r.start == 2018 for r in collaborations)
    assert len(korea.relationship(MSS, SMART_FACTORY, "LEADS").evidence) == 4  # the repeated slide


def test_the_programmes_of_the_2000s_with_their_ministries_and_years(korea):
    expected = {
        "programme:1-million-sme-informatisation-support-programme": (MIC, 2005, 2008),
        "programme:sme-informatisation-support-programme": (SMBA, 2007, 2016),
        "programme:sme-it-support-programme": (MKE, 2004, 2005),
    }
    for programme, (ministry, start, end) in expected.items():
        rel = korea.relationship(ministry, programme, "IMPLEMENTS")
        assert (rel.start, rel.end) == (start, end)
        assert (korea.entity(programme).start, korea.entity(programme).end) == (start, end)


def test_the_current_strategy_groups_four_programmes_and_mss_leads_it(korea):
    parts = {s for s, t in ends(korea, "PART_OF") if t == MSME_STRATEGY}
    assert {korea.entity(p).name for p in parts} == {
        "Smart manufacturing programme",
        "Manufacturing data platform",
        "Support for e-commerce sales",
        "Grants for digital tools and equipment",
    }
    assert (MSS, MSME_STRATEGY) in ends(korea, "LEADS")
    assert korea.entity(MSME_STRATEGY).start is None


def test_the_2001_act_ict_strategy_and_e_manufacturing(korea):
    [act] = korea.entities(["Law"])
    assert act.start == 2001
    provided = {
        korea.entity(t).name: korea.relationship(act.id, t, "PROVIDES_FOR")
        for s, t in ends(korea, "PROVIDES_FOR")
    }
    assert provided["Supporting Informatisation of Small and Medium Enterprises"].start == 2001
    assert "Article 18" in (provided["Supporting Informatisation of Small and Medium Enterprises"].note or "")
    assert provided["E-manufacturing support"].start == 2002
    assert korea.find("ICT strategy")[0].start == 1999
    emanufacturing = korea.find("E-manufacturing support")[0]
    assert not [r for r in korea.relationships(["IMPLEMENTS", "LEADS"]) if r.target == emanufacturing.id]


def test_youth_digital_job_programme_is_a_mel_mss_co_operation_bounded_by_2017(korea):
    assert {s for s, t in ends(korea, "IMPLEMENTS") if t == YDJP} == {MEL, MSS}
    [collab] = [r for r in korea.relationships(["COLLABORATES_WITH"]) if r.context == YDJP]
    assert {collab.source, collab.target} == {MEL, MSS}
    assert (collab.start, collab.confidence) == (2017, 0.7)
    assert "2017" in (collab.note or "")
    mel = korea.relationship(MEL, YDJP, "IMPLEMENTS")
    assert (mel.start, mel.confidence) == (2017, 0.7)
    targets = {korea.entity(t).name for s, t in ends(korea, "TARGETS") if s == YDJP}
    assert "Youth aged 15–34" in targets


def test_target_groups_carry_the_decks_figures(korea):
    figures = {e.name: dict(e.figures) for e in korea.entities(["TargetGroup"])}
    assert figures["Micro, small and medium-sized enterprises"] == {
        "share_of_businesses": "99%",
        "share_of_employment": "82.9%",
    }
    assert figures["Micro-enterprises"] == {"share_of_enterprises": "93.3%"}
    assert {"Manufacturing SMEs", "Youth aged 15–34", "Brick-and-mortar businesses"} <= set(figures)
    targeted = {t for _, t in ends(korea, "TARGETS")}
    assert targeted == {e.id for e in korea.entities(["TargetGroup"])}


# --- as of a year, lineage, idempotence -----------------------------------------------------------------
def running(g: InstitutionalGraph, year: int) -> set[str]:
    """Instruments with an IMPLEMENTS or LEADS relationship holding in ``year``."""
    return {r.target for r in g.as_of(year).relationships(["IMPLEMENTS", "LEADS"])}


def test_as_of_2007_holds_exactly_the_mic_and_smba_programmes(korea):
    assert running(korea, 2007) == {
        "programme:1-million-sme-informatisation-support-programme",
        "programme:sme-informatisation-support-programme",
    }
    runners = {r.source for r in korea.as_of(2007).relationships(["IMPLEMENTS", "LEADS"])}
    assert runners == {MIC, SMBA}
    assert running(korea, 2004) == {"programme:sme-it-support-programme"}


def test_as_of_2016_has_no_mss_and_2018_has_mss_leading_the_strategy(korea):
    y2016 = korea.as_of(2016)
    assert MSS not in y2016.graph and SMBA in y2016.graph
    assert not any(MSS in (r.source, r.target) for r in y2016.relationships())
    y2018 = korea.as_of(2018)
    assert SMBA not in y2018.graph
    assert y2018.graph.has_edge(MSS, SMART_FACTORY, "LEADS")
    assert SMART_FACTORY in running(korea, 2018)
    # the youth programme is dated by MEL's role (from 2017) and the deck (2022); nothing places it in 2018
    assert YDJP in running(korea, 2017) and YDJP in running(korea, 2022) and YDJP not in running(korea, 2018)
    assert YDJP not in running(korea, 2016)


def test_lineage_folds_smba_into_mss(korea):
    folded = korea.lineage()
    assert SMBA not in folded.graph
    node = folded.graph.nodes[MSS]
    assert {"Small and Medium Business Administration", "SMBA"} <= set(node["aliases"])
    assert folded.graph.has_edge(MSS, "programme:sme-informatisation-support-programme", "IMPLEMENTS")
    assert folded.graph.has_edge(MSS, MOTIE, "PART_OF")
    assert "SUCCEEDED_BY" not in folded.counts()["relationships"]
    assert len(folded) == len(korea) - 1


def test_loading_the_dataset_twice_adds_nothing(korea, seeds_dir):
    again = read_dataset(KOREA_DATASET, seeds_dir, graph=korea_graph(seeds_dir))
    assert again == korea
    assert again.graph.number_of_edges() == korea.graph.number_of_edges()


# --- validation: the file, the line and the allowed values ------------------------------------------------
BASE = textwrap.dedent(
    f"""\
    documents:
      memo:
        sha256: "{"0" * 64}"
        lines: 10
        title: Memo
    entities:
      - {{type: Ministry, name: Ministry of Examples, aliases: [MoE], start: 2017, cite: {{memo: 1}}}}
      - {{type: Agency, name: Old Office, aliases: [OO], end: 2016}}
      - {{type: Programme, name: Example programme}}
    relationships:
      - {{type: SUCCEEDED_BY, source: OO, target: MoE, start: 2017, cite: {{memo: [2, 3]}}}}
    """
)


def with_entity(item: str) -> str:
    return BASE.replace("relationships:\n", f"  {item}\nrelationships:\n")


def with_relationship(item: str) -> str:
    return BASE + f"  {item}\n"


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def error(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse_dataset(text, "bad.yaml")
    return info.value


def test_the_base_of_the_validation_cases_is_valid():
    g = to_graph(parse_dataset(BASE, "ok.yaml"))
    assert g.relationship("agency:old-office", "ministry:ministry-of-examples", "SUCCEEDED_BY").start == 2017


CASES = [
    ("malformed YAML", with_entity("- {type: Ministry, name: [oops}"), "[oops", ["not valid YAML"]),
    (
        "unknown entity type",
        with_entity("- {type: Ministery, name: X}"),
        "Ministery",
        ["unknown type 'Ministery'", "did you mean 'Ministry'", "allowed: Agency, Country"],
    ),
    (
        "unknown relationship type",
        with_relationship("- {type: LEAD, source: MoE, target: Example programme}"),
        "LEAD,",
        ["unknown type 'LEAD'", "did you mean 'LEADS'", "COLLABORATES_WITH"],
    ),
    (
        "types the schema does not allow",
        with_relationship("- {type: LEADS, source: Example programme, target: MoE}"),
        "type: LEADS",
        [
            "LEADS is not allowed from Programme to Ministry",
            "allowed sources: Agency",
            "allowed targets: Law",
        ],
    ),
    ("missing name", with_entity("- {type: Ministry, aliases: [X]}"), "aliases: [X]", ["has no name"]),
    (
        "entity ends before it starts",
        with_entity("- type: Agency\n    name: Y\n    start: 2010\n    end: 2009"),
        "end: 2009",
        ["end year 2009 is before start year 2010"],
    ),
    (
        "relationship ends before it starts",
        with_relationship("- type: PART_OF\n    source: OO\n    target: MoE\n    start: 2012\n    end: 2011"),
        "end: 2011",
        ["end year 2011 is before start year 2012"],
    ),
    (
        "dangling reference",
        with_relationship("- {type: IMPLEMENTS, source: Ministry of Exampels, target: Example programme}"),
        "Exampels",
        ["source 'Ministry of Exampels' is not the name", "did you mean 'ministry of examples'"],
    ),
    (
        "duplicate entity",
        with_entity("- {type: Ministry, name: ministry of examples}"),
        "name: ministry of examples",
        ["duplicate entity", "already defined at line 7"],
    ),
    (
        "alias naming another entity",
        with_entity("- {type: Agency, name: Z, aliases: [moe]}"),
        "name: Z",
        ["'moe' already names the entity at line 7"],
    ),
    (
        "unknown document",
        with_entity("- {type: Agency, name: Z, cite: {mem: 3}}"),
        "mem: 3",
        ["unknown document 'mem'", "did you mean 'memo'", "documents: memo"],
    ),
    (
        "line out of range",
        with_entity("- {type: Agency, name: Z, cite: {memo: [9, 11]}}"),
        "[9, 11]",
        ["line 11 is out of range", "memo has 10 lines"],
    ),
    (
        "ambiguous citation",
        with_entity("- {type: Agency, name: Z, cite: {memo: [1, 2, 3]}}"),
        "[1, 2, 3]",
        ["ambiguous", "[first, last]"],
    ),
    (
        "unknown key",
        with_entity("- {type: Agency, name: Z, start_year: 2000}"),
        "start_year",
        ["unknown key 'start_year'", "allowed: type, cite, name"],
    ),
    (
        "year that is not a number",
        with_entity("- {type: Agency, name: Z, start: 'around 2000'}"),
        "around 2000",
        ["start must be a year"],
    ),
    (
        "context that is not an instrument",
        with_relationship("- {type: COLLABORATES_WITH, source: MoE, target: OO, context: OO}"),
        "context: OO",
        ["context must be an instrument"],
    ),
    (
        "confidence out of range",
        with_relationship("- {type: LEADS, source: MoE, target: Example programme, confidence: 2}"),
        "confidence: 2",
        ["between 0 and 1"],
    ),
    (
        "duplicate relationship",
        with_relationship("- {type: SUCCEEDED_BY, source: Old Office, target: Ministry of Examples}"),
        "source: Old Office",
        ["duplicate of the relationship at line 11"],
    ),
    (
        "entity succeeded by itself",
        with_relationship("- {type: SUCCEEDED_BY, source: MoE, target: Ministry of Examples}"),
        "source: MoE",
        ["links ministry:ministry-of-examples to itself"],
    ),
    (
        "negative line count",
        BASE.replace("lines: 10", "lines: -3"),
        "lines: -3",
        ["lines -3 is negative"],
    ),
    (
        "unknown method",
        with_relationship("- {type: LEADS, source: MoE, target: Example programme, method: guessed}"),
        "guessed",
        ["allowed: curated, extracted, derived"],
    ),
]


@pytest.mark.parametrize(("kind", "text", "needle", "fragments"), CASES, ids=[c[0] for c in CASES])
def test_a_broken_dataset_is_refused_at_the_right_line(kind, text, needle, fragments):
    err = error(text)
    line = line_of(text, needle)
    assert (err.path, err.line) == ("bad.yaml", line), str(err)
    assert str(err).startswith(f"bad.yaml:{line}: ")
    for fragment in fragments:
        assert fragment in str(err)
    assert "\n" not in str(err)


def test_a_document_whose_text_changed_is_refused():
    dataset = parse_dataset(BASE, "d.yaml")
    with pytest.raises(InputError, match="sha256") as info:
        check_documents(dataset, {"memo": "some other text\n" * 10})
    assert info.value.line == line_of(BASE, "sha256:")


def test_a_citation_past_the_end_of_the_text_at_hand_is_refused():
    text = BASE.replace("    lines: 10\n", "")
    dataset = parse_dataset(text, "d.yaml")
    memo = "one line\n"
    dataset = replace(
        dataset,
        documents={
            "memo": replace(dataset.documents["memo"], sha256=hashlib.sha256(memo.encode()).hexdigest())
        },
    )
    with pytest.raises(InputError, match="line 3 is out of range") as info:
        check_documents(dataset, {"memo": memo})
    assert info.value.line == line_of(text, "[2, 3]")


def test_a_document_missing_from_the_given_seeds_directory_is_named(tmp_path):
    text = BASE.replace("    lines: 10\n", "    file: memo.txt\n")
    dataset = parse_dataset(text, "d.yaml")
    with pytest.raises(InputError, match="memo.txt.*not found.*--seeds") as info:
        locate_documents(dataset, tmp_path, seeds_dir=tmp_path)
    assert info.value.line == line_of(text, "file: memo.txt")
    # Without a seeds directory, a document not found is simply not at hand.
    assert locate_documents(dataset, tmp_path) == {}


def test_reading_a_missing_dataset_names_the_file(tmp_path):
    with pytest.raises(InputError, match="dataset not found") as info:
        read_dataset(tmp_path / "nope.yaml")
    assert info.value.path == str(tmp_path / "nope.yaml")


def test_references_may_use_korean_aliases_and_ids():
    text = with_relationship("- {type: LEADS, source: 엠오이, target: programme:example-programme}").replace(
        "aliases: [MoE]", "aliases: [MoE, 엠오이@ko]"
    )
    g = to_graph(parse_dataset(text, "ko.yaml"))
    assert g.graph.has_edge("ministry:ministry-of-examples", "programme:example-programme", "LEADS")


def test_the_worked_examples_in_the_loaders_docstrings_run():
    import doctest

    import loaders.citations
    import loaders.dataset

    for module in (loaders.dataset, loaders.citations):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_entity_citations_are_available_with_their_lines(seeds_dir, seed_lines):
    from loaders.dataset import entity_evidence

    dataset, texts = open_dataset(KOREA_DATASET, seeds_dir)
    cited = entity_evidence(dataset, texts)
    assert set(cited) == {s.entity.id for s in dataset.entities}
    kosmo = cited[KOSMO]
    assert [(e.first_line, e.last_line) for e in kosmo] == [(96, 98)]
    assert kosmo[0].text == "\n".join(seed_lines[95:98])


def test_a_relationship_may_point_at_a_document_by_its_key():
    text = with_relationship("- {type: MENTIONED_IN, source: MoE, target: memo, cite: {memo: 1}}")
    g = to_graph(parse_dataset(text, "m.yaml"))
    doc_id = document_id("0" * 64)
    assert g.graph.has_edge("ministry:ministry-of-examples", doc_id, "MENTIONED_IN")
