"""Reading running prose: names found by shape, phrases in either voice, pronouns, and the corpus figures.

The documents here are invented (Norland, Sorvik); the corpus figures come from ``../shared/corpus``.
"""

from __future__ import annotations

from pathlib import Path

from loaders.clauses import phrased
from loaders.documents import document_from_text
from loaders.evaluate import evaluate_corpus
from loaders.extract import extract
from tests.prose_facts import facts, names


def test_phrases_read_both_voices_and_lists():
    # Bodies that run an instrument together work together; alternatives ("A or B") do not.
    assert [(f.relation, f.sources, f.targets) for f in phrased("@0@ is jointly run by @1@ and @2@")] == [
        ("COLLABORATES_WITH", [1], [2]),
        ("IMPLEMENTS", [1, 2], [0]),
    ]
    assert [(f.relation, f.sources, f.targets) for f in phrased("@0@ is led by @1@ or @2@")] == [
        ("LEADS", [1, 2], [0])
    ]
    assert [(f.relation, f.sources, f.targets) for f in phrased("@0@ is attached to @1@ through its unit @2@")] == [
        ("PART_OF", [0], [1, 2])
    ]
    assert [(f.relation, f.sources, f.targets) for f in phrased("@0@, set up within the @1@ chapter of @2@")] == [
        ("PART_OF", [0], [1, 2])
    ]
    assert [(f.relation, f.sources, f.targets) for f in phrased("@0@ worked through six @1@ in 2020")] == [
        ("IMPLEMENTS", [1], [0])
    ]
    assert [(f.relation, f.sources, f.targets) for f in phrased("@0@ was renamed @1@ in 2019")] == [
        ("SUCCEEDED_BY", [0], [1])
    ]
    # "B replaced A": the phrase reads backward; a list after "merger of" gives every old body.
    assert [(f.relation, f.sources, f.targets) for f in phrased("@0@ was created through the merger of @1@ and @2@")][
        -1
    ] == ("SUCCEEDED_BY", [1, 2], [0])


def test_names_without_a_head_noun_and_their_relations():
    text = (
        "Harbour Norland, the export body, runs the Quay Connect voucher. "
        "The voucher is financed by the Ministry of Ports (MoP) in partnership with Sorvik Growth. "
        "TradEx took over the functions of the Dock Board in 2019."
    )
    x = extract(document_from_text(text))
    assert {"Harbour Norland", "Quay Connect voucher", "Sorvik Growth", "TradEx", "Dock Board"} <= names(x)
    found = facts(text)
    assert ("IMPLEMENTS", "Harbour Norland", "Quay Connect voucher") in found
    assert ("LEADS", "Ministry of Ports", "Quay Connect voucher") in found
    assert ("COLLABORATES_WITH", "Ministry of Ports", "Sorvik Growth") in found or (
        "COLLABORATES_WITH",
        "Sorvik Growth",
        "Ministry of Ports",
    ) in found
    succession = next(r for r in x.relationships if r.type == "SUCCEEDED_BY")
    assert succession.start == 2019


def test_a_pronoun_is_the_body_the_previous_sentence_opened_on():
    text = "The Sorvik Trade Agency was set up in 2004. It manages the Coastal Export Programme."
    assert ("IMPLEMENTS", "Sorvik Trade Agency", "Coastal Export Programme") in facts(text)


def test_a_coordinated_verb_keeps_the_clause_subject():
    text = "The Port Offices operate within the Sorvik Regional Council and replaced the Harbour Boards."
    found = facts(text)
    assert ("SUCCEEDED_BY", "Harbour Boards", "Port Offices") in found
    assert ("SUCCEEDED_BY", "Harbour Boards", "Sorvik Regional Council") not in found


def test_pronouns_and_references_find_the_body_the_clause_means():
    text = (
        "The Ministry of Ports (MoP) sets the rules. The ministry also asked the bodies working under it, among "
        "them the Quay Board and the Harbour Fund Office, to help. In May 2024 it was announced that the Dock "
        "Board would be renamed; since July 2024 it has operated as the Quay Authority. Then the Ministry of "
        "Harbours was set up, and the Sorvik Agency is now attached to the new ministry."
    )
    found = facts(text)
    assert {
        ("PART_OF", "Quay Board", "Ministry of Ports"),
        ("PART_OF", "Harbour Fund Office", "Ministry of Ports"),
        ("SUCCEEDED_BY", "Dock Board", "Quay Authority"),
        ("PART_OF", "Sorvik Agency", "Ministry of Harbours"),
    } <= found
    assert ("PART_OF", "Sorvik Agency", "Ministry of Ports") not in found


def test_counted_bodies_are_the_ones_the_next_sentences_open_on():
    text = (
        "Two agencies attached to the Ministry of Ports carry most of the delivery. The Quay Service (Quayserv), "
        "founded in 1950, advises small firms. The Harbour Corporation (Harcorp) finances innovation. "
        "The Norland Trade Bank lends to exporters."
    )
    found = facts(text)
    assert {
        ("PART_OF", "Quay Service", "Ministry of Ports"),
        ("PART_OF", "Harbour Corporation", "Ministry of Ports"),
    } <= found
    assert ("PART_OF", "Norland Trade Bank", "Ministry of Ports") not in found  # two were counted


def test_frames_and_nouns_place_names():
    text = (
        "The Sorvik Hubs were funded under Harbour 2020 as part of the Quay Digital initiative. "
        "The Dock Fund is financed by the Norland Union under Norland's Recovery Plan. "
        "The Chamber of Ports manages the information portal Harbourdesk. "
        "In 2024 the Ministry of Ports opened the Quay Support Centres and launched Allez l'Export.\n"
        "- Dock Grant (2022 - 2026, Decree No. 5 of 2022) - investment support under the Harbour Recovery Plan"
    )
    x = extract(document_from_text(text))
    types = {e.name: e.type for e in x.entities}
    assert types["Harbourdesk"] == "Programme" and types["Allez l'Export"] == "Programme"
    found = facts(text)
    assert {
        ("PART_OF", "Sorvik Hubs", "Quay Digital initiative"),
        ("PART_OF", "Dock Fund", "Recovery Plan"),
        ("IMPLEMENTS", "Chamber of Ports", "Harbourdesk"),
        ("LEADS", "Ministry of Ports", "Quay Support Centres"),
        ("LEADS", "Ministry of Ports", "Allez l'Export"),
        ("PART_OF", "Dock Grant", "Harbour Recovery Plan"),
    } <= found
    assert ("PART_OF", "Harbour 2020", "Quay Digital initiative") not in found


def test_a_head_that_opens_its_name_and_more_phrases():
    text = (
        "In 2022 the Ministry of Ports followed up with the Strategy for the Digital Harbour. "
        "The Port Boards work together in the Harbour Network."
    )
    assert {
        ("LEADS", "Ministry of Ports", "Strategy for the Digital Harbour"),
        ("PARTICIPATES_IN", "Port Boards", "Harbour Network"),
    } <= facts(text)


def test_entrusting_an_instrument_and_measures_of_a_plan():
    text = (
        "The Dock Voucher, a grant created by Decree No. 12 of 2021, was one of the Harbour Recovery measures. "
        "The Ministry of Ports entrusted its implementation to the Quay Board and to the Harbour Office."
    )
    assert {
        ("PART_OF", "Dock Voucher", "Harbour Recovery"),
        ("PROVIDES_FOR", "Decree No. 12 of 2021", "Dock Voucher"),
        ("LEADS", "Ministry of Ports", "Dock Voucher"),
        ("IMPLEMENTS", "Quay Board", "Dock Voucher"),
        ("IMPLEMENTS", "Harbour Office", "Dock Voucher"),
    } <= facts(text)


def test_amounts_titles_and_possessives_are_not_names():
    text = (
        "PRESS RELEASE\n\n"
        "Norland's National Data Strategy sets aside a €85 million fund. Finding 1 is that Harbour 4.0 "
        "technologies spread slowly. Finance Minister Grant Sorvik said the Quay Agency runs it, and Mr Harbourne "
        "agreed."
    )
    x = extract(document_from_text(text))
    assert {"National Data Strategy", "Quay Agency"} <= names(x)
    assert not names(x) & {"PRESS RELEASE", "Norland's National Data Strategy", "85 million fund", "Finding 1",
                           "Harbour 4.0", "Finance Minister Grant", "Harbourne"}


def test_the_corpus_figures_hold(corpus_gold: Path):
    """Extraction of the development corpus holds the goals of the extraction issue: entities recall
    0.90 at precision 0.85, relations recall 0.70 at precision 0.80."""
    report, problems = evaluate_corpus(corpus_gold)
    assert problems == []
    e, r = report.entities, report.relations
    assert e.recall >= 0.90 and e.precision >= 0.85, report.summary()
    assert r.recall >= 0.70 and r.precision >= 0.80, report.summary()


def test_a_second_agent_after_by_shares_the_act():
    # "created by A with B": both made it and worked together; "a tool of O developed by A" is about
    # the tool, not its owner O.
    found = facts(
        "Quay Check, an online tool of the Ministry of Ports, was developed by Harbour Norland with the "
        "Sorvik Growth Bank. The Dock Desks were created by the Norland Port Agency together with the "
        "Sorvik Chamber of Commerce."
    )
    assert {("LEADS", "Harbour Norland", "Quay Check"), ("LEADS", "Sorvik Growth Bank", "Quay Check")} <= found
    assert ("LEADS", "Harbour Norland", "Ministry of Ports") not in found
    assert ("LEADS", "Sorvik Chamber of Commerce", "Dock Desks") in found
    pairs = {frozenset((s, t)) for r, s, t in found if r == "COLLABORATES_WITH"}
    assert frozenset(("Harbour Norland", "Sorvik Growth Bank")) in pairs


def test_a_deck_names_the_parts_of_a_plan_and_what_serves_it():
    # A name read before and written again in lower case is the same instrument; "contributes to its
    # goals" serves the bullet's plan; "component 2 X" and "its "x" measure" name parts of it.
    found = facts(
        "## Instruments\n\n- Harbour voucher (from 2019, Norland Port Agency) - small firms\n\n"
        "## Basis\n\n- Norland Growth Plan 2014 - 2020: the harbour voucher contributed to its goals\n"
        '- Norland Digital Plan 2021 - 2025: the harbour voucher contributes to its "smart ports" measure\n'
        '- Norland Recovery Plan: component 2 "Quay Connect"; approved in 2021\n'
    )
    assert {
        ("PART_OF", "Harbour voucher", "Norland Growth Plan"),
        ("PART_OF", "Harbour voucher", "smart ports"),
        ("PART_OF", "smart ports", "Norland Digital Plan"),
        ("PART_OF", "Quay Connect", "Norland Recovery Plan"),
    } <= found


def test_both_stands_for_the_two_bodies_named_last():
    found = facts(
        "Norland Trade was created in 2019 by merging the Quay Export Board (QEB), the export agency, with "
        "Harbour Skills Norland, which had been responsible for training; both were statutory boards under "
        "the Ministry of Ports."
    )
    assert {
        ("PART_OF", "Quay Export Board", "Ministry of Ports"),
        ("PART_OF", "Harbour Skills Norland", "Ministry of Ports"),
    } <= found


def test_an_object_described_first_and_named_after():
    found = facts(
        'In 2019 the Ministry of Ports introduced a selective incentive for small firms, known as "Quay Connect", '
        "under the Harbour Act."
    )
    assert ("LEADS", "Ministry of Ports", "Quay Connect") in found


def test_who_an_instrument_is_run_on_behalf_of_leads_it():
    found = facts(
        "The Quay Fund is administered by Harbour Norland on behalf of the Ministry of Ports. "
        "The Ministry of Tides set up the Dock Voucher. The voucher is run on the ministry's behalf by the "
        "Sorvik Port Agency."
    )
    assert {
        ("IMPLEMENTS", "Harbour Norland", "Quay Fund"),
        ("LEADS", "Ministry of Ports", "Quay Fund"),
        ("IMPLEMENTS", "Sorvik Port Agency", "Dock Voucher"),
    } <= found


def test_a_verbs_it_is_the_instrument_the_sentence_named_and_list_names_before_a_head_noun():
    # "joined it": the scheme this sentence named, not the last sentence's subject; "Sorvik Mutuel"
    # has no head noun but is an item of a list of names ending in one ("… and Quay Bank").
    text = (
        "The Ministry of Ports set up the Harbour Guarantee. The Norland Investment Bank backs the guarantees. "
        "Any bank may use the scheme, and Norland Postale, Sorvik Mutuel and Quay Bank joined it as partners."
    )
    found = facts(text)
    assert {
        ("PARTICIPATES_IN", "Norland Postale", "Harbour Guarantee"),
        ("PARTICIPATES_IN", "Sorvik Mutuel", "Harbour Guarantee"),
        ("PARTICIPATES_IN", "Quay Bank", "Harbour Guarantee"),
    } <= found
    assert not any(t == "Norland Investment Bank" and r == "PARTICIPATES_IN" for r, s, t in found)


def test_another_bodys_abbreviation_after_a_name_qualifies_it():
    # "(QB)" is the Quay Board's abbreviation: after another name it is part of that name, not its alias.
    x = extract(document_from_text(
        "The Quay Board (QB) oversees the harbours. The Office of the Harbour Commissioner (QB), which works "
        "under the board, runs the Dock Voucher."
    ))
    assert "Office of the Harbour Commissioner (QB)" in names(x)
    board = next(e for e in x.entities if e.name == "Quay Board")
    assert "QB" in board.aliases


def test_counted_streams_are_the_parts_the_next_sentences_open_on():
    # "Your" may sit inside a name; a name read as another's short name ("… stream") is that entity.
    text = (
        "The Ministry of Ports runs the Harbour Digital Plan. The smaller Grow Your Exports Online stream "
        "remains open, and the Boost Your Quay Technology stream has closed.\n\n"
        "The Harbour Digital Plan had two streams. Grow Your Exports Online, a small stream, offers "
        "micro-grants to shops. Boost Your Quay Technology covered the cost of an adviser."
    )
    x = extract(document_from_text(text))
    assert not {"Exports Online", "Quay Technology"} & names(x)
    found = facts(text)
    assert {
        ("PART_OF", "Grow Your Exports Online stream", "Harbour Digital Plan"),
        ("PART_OF", "Boost Your Quay Technology stream", "Harbour Digital Plan"),
    } <= found


def test_plural_short_names_and_umbrella_bodies():
    # "the chambers" is "Chambers of crafts", "the quay centres" the "Norland Quay Centres"; an umbrella
    # body's members are part of it, whichever way the sentence puts it.
    text = (
        "Chambers of crafts advise firms in every town. The Norland Chamber of Crafts (NCC), the national body of "
        "the chambers, runs the Quay Voucher.\n\n"
        "The Ministry of Ports opened 12 Norland Quay Centres in 2015. The quay centres were then developed "
        "into the Harbour Hubs.\n\n"
        "Business associations advise exporters. The associations act together through their national union, "
        "Portunion, which coordinates the Dock Network."
    )
    found = facts(text)
    assert {
        ("PART_OF", "Chambers of crafts", "Norland Chamber of Crafts"),
        ("SUCCEEDED_BY", "Norland Quay Centres", "Harbour Hubs"),
        ("PART_OF", "Business associations", "Portunion"),
    } <= found
    assert ("PART_OF", "Norland Chamber of Crafts", "Chambers of crafts") not in found


def test_money_put_into_an_instrument_and_a_plans_creations():
    found = facts(
        "Regional councils allocate the Quay Fund and, together with regional harbour boards, they put close to "
        "EUR 9 million into the Harbour Relief programme in 2020.\n\n"
        "In 2016 the Government presented the National Plan Harbour 4.0. In 2017 the Government renamed the "
        "plan the National Plan Port 4.0. Besides tax credits, the plan created a Network Port 4.0 to advise firms."
    )
    assert ("LEADS", "Regional councils", "Harbour Relief programme") in found
    assert ("PART_OF", "Network Port 4.0", "National Plan Port 4.0") in found


def test_a_bullet_with_one_name_relates_it_to_the_subject_it_inherits():
    # "Quay Kit = flagship programme of …" makes it what "the programme" means later.
    found = facts(
        "## Framework\n\n- Harbour Recovery Plan\n- Quay Kit = flagship programme of the plan for small firms\n"
        "- Financed by Norland Next funds\n\n## Who is who\n\n- Ministry of Ports\n"
        "  - launched the programme (Nov. 2021)\n- Dock Agents\n  - private shipping firms adhered to the programme\n"
    )
    assert ("LEADS", "Ministry of Ports", "Quay Kit") in found
    # A few words describing the parent before the verb: the bullet still speaks of its parent.
    assert ("PARTICIPATES_IN", "Dock Agents", "Quay Kit") in found


def test_glossaries_files_and_possessive_abbreviations():
    text = (
        "<!-- Exported from harbour_review_v3.pptx -->\n\n# Harbour review\n\n"
        "The NPA's survey covers the Quay Connect Fund (QCF).\n\nAnnex - Abbreviations\n"
        "QCF     Quay Connect Fund\nNPA     Norland Port Agency\n"
    )
    x = extract(document_from_text(text))
    assert {"Quay Connect Fund", "Norland Port Agency"} <= names(x)
    assert not any("_" in n or n.endswith(("'s", ".pptx")) or n.startswith(("QCF ", "NPA ")) for n in names(x))
    agency = next(e for e in x.entities if e.name == "Norland Port Agency")
    assert "NPA" in agency.aliases


def test_an_abbreviation_spells_a_name_with_commas_and_a_country_after_it():
    x = extract(document_from_text(
        "Innovation, Trade and Harbours Portugal (ITH), the department that runs the Quay Fund, closed it."
    ))
    assert "Innovation, Trade and Harbours Portugal" in names(x)
    assert not names(x) & {"Trade", "Harbours Portugal"}


def test_a_table_row_names_what_it_is_about_and_a_parenthesis_naming_another_entity_is_not_an_alias():
    text = (
        "In 2012 the Ministry of Ports launched the Harbour numérique programme. In 2025 the Government launched "
        "Quay AI, a plan for small ports.\n\n"
        "| Programme | Lead body | Period |\n|---|---|---|\n"
        "| Harbour numérique | Dock Board | from 2012 |\n"
        "| Quay AI diagnostics (Quay AI) | Norland Port Agency | since 2025 |\n"
    )
    x = extract(document_from_text(text))
    assert {"Quay AI", "Quay AI diagnostics"} <= names(x)  # two instruments, not one with two names
    found = facts(text)
    assert ("LEADS", "Dock Board", "Harbour numérique programme") in found  # the column is the lead body
    assert ("LEADS", "Norland Port Agency", "Quay AI diagnostics") in found


def test_its_after_a_possessive_pair_is_the_first_owner_and_a_names_year_dates_nothing():
    found = {(r, s, t, y) for r, s, t, y in facts_with_years(
        "A notice presented the network as a tool for the goals of the Norland Port Agency's Harbour "
        "Strategy 2025 and of its Quay Strategy."
    )}
    assert ("LEADS", "Norland Port Agency", "Quay Strategy", None) in found
    assert ("LEADS", "Norland Port Agency", "Harbour Strategy", None) in found


def facts_with_years(text: str) -> set[tuple[str, str, str, int | None]]:
    x = extract(document_from_text(text))
    name = {e.id: e.name for e in x.entities}
    return {(r.type, name[r.source], name[r.target], r.start) for r in x.relationships}


def test_an_abbreviation_in_the_plural_stands_for_the_same_bodies():
    found = facts(
        "The chambers of commerce and industry (CCI) advise shops. The Quay AI plan relies on a network of "
        "ambassadors supported by the CCIs and the Norland Port Agency."
    )
    assert ("LEADS", "Chambers of commerce and industry", "Quay AI plan") in found


def test_portfolios_amounts_models_and_events_are_not_names_and_a_translated_name_is_one_alias():
    text = (
        "Minister for Small Harbours\n\n"
        "The Minister for Small Harbours said the Quay Agency runs Harbour Boost. The Quay Agency presented "
        "the Harbour 5.0 model at the \"Dockside Days\" event.\n\n"
        "| Programme | Support |\n|---|---|\n| Harbour Boost | Grant of CLP 2.5–3 million |\n\n"
        "Policy is set by the Ministry of Ports, Trade and Tourism (Ministerio de Puertos, Comercio y Turismo)."
    )
    x = extract(document_from_text(text))
    assert {"Quay Agency", "Harbour Boost", "Ministry of Ports, Trade and Tourism"} <= names(x)
    assert not names(x) & {"Small Harbours", "Harbour 5.0", "Dockside Days", "Grant of CLP 2.5-3",
                           "Comercio y Turismo"}
    ministry = next(e for e in x.entities if e.name == "Ministry of Ports, Trade and Tourism")
    assert ministry.aliases == ("Ministerio de Puertos, Comercio y Turismo",)


def test_descriptions_after_an_amount_quotations_and_periods_are_not_names():
    text = (
        "The Quay Agency runs the Harbour Relief Fund, a $90-million regional fund. Existing QRA registrations "
        "stay valid. Responsibility for harbour digitalisation lies with the agency. A new round under the "
        "2021 – 2027 programme opened in 2024. Its director said: \"One quay for every firm - no more sending "
        "a skipper from one office to another.\""
    )
    x = extract(document_from_text(text))
    assert {"Quay Agency", "Harbour Relief Fund"} <= names(x)
    assert not {n for n in names(x) if n[0].islower() or n.startswith(("Existing", "Responsibility", "One quay",
                                                                         "2027", "- 2027"))}


def test_formerly_after_a_name_renames_that_name_not_the_sentences_subject():
    text = (
        "Harbour Digital rests on two pillars: the initiative Quay Secure, which includes the Quay Cyber Desk, "
        "formerly known as the Quay Safety Desk; and the grant programme Dock Now."
    )
    assert ("SUCCEEDED_BY", "Quay Safety Desk", "Quay Cyber Desk") in facts(text)
    assert not {f for f in facts(text) if f[0] == "SUCCEEDED_BY" and f[2] != "Quay Cyber Desk"}


def test_a_sentence_set_within_it_is_set_in_the_instrument_named_before():
    text = (
        "In 2019 the Quay Ministry launched the programme Harbour Boost. Within it, the Dock Labs grant helps "
        "skippers sell online."
    )
    assert ("PART_OF", "Dock Labs grant", "Harbour Boost") in facts(text)
    assert ("PART_OF", "Dock Labs grant", "Quay Ministry") not in facts(text)


def test_a_name_by_its_first_word_and_a_succession_dated_by_the_end_of_the_old_ones_years():
    text = (
        "On 1 July 2029 the Quay Ministry launched Quaydesk Registration, a free portal. Quaydesk replaced the "
        "Harbour Memorandum (HM), in use from September 2025 to 30 June 2029."
    )
    assert ("SUCCEEDED_BY", "Harbour Memorandum", "Quaydesk Registration", 2029) in facts_with_years(text)


def test_bodies_that_set_money_aside_to_back_an_instrument_lead_it():
    found = facts(
        "Launched in 2029, the Quay loan guarantee is operated by Harbour Bank. The Quay Bank and the Norland "
        "Government set aside EUR 715 million to back the guarantees."
    )
    assert {("LEADS", "Quay Bank", "Quay loan guarantee"), ("LEADS", "Norland Government", "Quay loan guarantee"),
            ("IMPLEMENTS", "Harbour Bank", "Quay loan guarantee")} <= found


def test_a_body_working_under_an_instrument_implements_it_and_a_network_under_it_is_part_of_it():
    found = facts(
        "In 2029 the Quay Development Agency was delivering EUR 21 million under the Quay Recovery Fund. "
        "The Dock Innovation Hubs work under the Quay Recovery Fund."
    )
    assert ("IMPLEMENTS", "Quay Development Agency", "Quay Recovery Fund") in found
    assert ("PART_OF", "Quay Development Agency", "Quay Recovery Fund") not in found
    assert ("PART_OF", "Dock Innovation Hubs", "Quay Recovery Fund") in found


def test_a_person_after_a_title_a_headline_verb_and_a_name_before_and_the():
    text = (
        "Norland unveils quay voucher\n\n"
        "\"Small firms matter,\" said Minister Ana Korsk. Enterprise Sorvik and the Harbour Development Agency "
        "signed a pact."
    )
    x = extract(document_from_text(text))
    assert {"Enterprise Sorvik", "Harbour Development Agency"} <= names(x)
    assert not {n for n in names(x) if "Korsk" in n or "unveils" in n or "matter" in n}


def test_a_list_item_with_a_short_description_and_the_one_start_year_of_a_clause():
    found = facts_with_years(
        "The Quay Ministry adopted the Harbour Digital Roadmap in 2029, which runs until 2033. The Sorvik "
        "Enterprise Agency operates the Dock Readiness Check, a free online self-assessment, and the Quay "
        "Adoption Grant."
    )
    assert {("LEADS", "Quay Ministry", "Harbour Digital Roadmap", 2029),
            ("IMPLEMENTS", "Sorvik Enterprise Agency", "Dock Readiness Check", None),
            ("IMPLEMENTS", "Sorvik Enterprise Agency", "Quay Adoption Grant", None)} <= found


def test_an_abbreviation_the_document_defines_wins_over_a_known_bodys():
    found = facts(
        "The Quay Go-Digital Programme is led by the Infocomm Development Board (IDB). From 2031 the programme "
        "will be managed by the Dock Office, a new division of IDB."
    )
    assert ("PART_OF", "Dock Office", "Infocomm Development Board") in found
    assert not {f for f in found if "Inter-American Development Bank" in f}


def test_names_in_other_languages_an_aside_naming_a_parent_and_merged_with_to_form():
    text = (
        "The Secretaría de Estado de Puertos (SEP), part of the Ministerio de Asuntos Portuarios, oversees the "
        "Programa Muelle Digital. The Cámara de Comercio de Sorvik works with the Dirección General de Muelles. "
        "In 2032 the Quay Office will be merged with the Harbour Board to form the new Dock Agency."
    )
    x = extract(document_from_text(text))
    assert {"Secretaría de Estado de Puertos", "Ministerio de Asuntos Portuarios", "Cámara de Comercio de Sorvik",
            "Dirección General de Muelles"} <= names(x)
    types = {e.name: e.type for e in x.entities}
    assert types["Cámara de Comercio de Sorvik"] == "PrivateSector"
    assert types["Secretaría de Estado de Puertos"] == "Agency"
    found = facts_with_years(text)
    assert {("LEADS", "Secretaría de Estado de Puertos", "Programa Muelle Digital", None),
            ("PART_OF", "Secretaría de Estado de Puertos", "Ministerio de Asuntos Portuarios", None),
            ("SUCCEEDED_BY", "Quay Office", "Dock Agency", 2032),
            ("SUCCEEDED_BY", "Harbour Board", "Dock Agency", 2032)} <= found


def test_a_decks_bodies_in_parentheses_after_an_instrument_run_it():
    found = facts(
        "The Ministry of Ports (MPS) sets policy. The Harbour SME Agency (HSA) implements it.\n\n"
        "- 2030: Dock Voucher launched (MPS, HSA)\n- 2034: Digital Harbour Strategy (MPS, with Ministry of Labour)"
    )
    assert {("IMPLEMENTS", "Ministry of Ports", "Dock Voucher"), ("IMPLEMENTS", "Harbour SME Agency", "Dock Voucher"),
            ("IMPLEMENTS", "Ministry of Ports", "Digital Harbour Strategy"),
            ("PARTICIPATES_IN", "Ministry of Labour", "Digital Harbour Strategy")} <= found


def test_an_org_chart_as_a_bullet_tree_puts_bodies_under_bodies():
    found = facts(
        "Governance\n- Ministry of Ports and Startups (MPS): policy design, budget\n"
        "  - Harbour SME Agency (HSA): delivery of the vouchers\n  - Quay Enterprise Office\n"
        "- Ministry of Labour: training subsidies"
    )
    assert {("PART_OF", "Harbour SME Agency", "Ministry of Ports and Startups"),
            ("PART_OF", "Quay Enterprise Office", "Ministry of Ports and Startups")} <= found
    assert not {f for f in found if f[0] == "PART_OF" and "Labour" in f[1] + f[2]}


def test_respectively_pairs_the_two_lists_in_order():
    for text in ("The Quay Voucher and the Dock Loan are run by the Harbour Agency and the Port Bank respectively.",
                 "The Harbour Agency and the Port Bank run the Quay Voucher and the Dock Loan, respectively."):
        found = facts(text)
        assert {("IMPLEMENTS", "Harbour Agency", "Quay Voucher"), ("IMPLEMENTS", "Port Bank", "Dock Loan")} <= found
        assert not {("IMPLEMENTS", "Harbour Agency", "Dock Loan"), ("IMPLEMENTS", "Port Bank", "Quay Voucher")} & found


def test_taking_over_functions_and_a_participle_aside_before_the_verb():
    assert ("SUCCEEDED_BY", "Harbour Board", "Quay Agency", 2031) in facts_with_years(
        "In 2031 the Quay Agency took over the SME support functions of the Harbour Board.")
    found = facts("The Dock Voucher, launched in 2031 by the Ministry of Ports, is managed by the Quay Agency.")
    assert {("LEADS", "Ministry of Ports", "Dock Voucher"), ("IMPLEMENTS", "Quay Agency", "Dock Voucher")} <= found


def test_a_statutory_body_of_a_government_is_part_of_it():
    assert ("PART_OF", "Harbour Enterprise Agency", "Government of Norland") in facts(
        "The Harbour Enterprise Agency (HEA) is a statutory body of the Government of Norland.")


def test_bodies_listed_under_a_partners_heading_take_part_in_the_instrument_above():
    found = facts(
        "# Quay Digital Boost\n\nQuay Digital Boost is a free programme run by the Ministry of Harbours.\n\n"
        "## Partners\n\n- Quay Chambers of Commerce - regional workshops\n- Harbour Bank - discounted software\n"
    )
    assert {("PARTICIPATES_IN", "Quay Chambers of Commerce", "Quay Digital Boost"),
            ("PARTICIPATES_IN", "Harbour Bank", "Quay Digital Boost")} <= found


def test_a_relative_clause_between_commas_is_passed_over_but_formerly_names_the_mention_before_it():
    found = facts("The Quay Voucher, which is managed by the Harbour Agency, was introduced in 2029 by the "
                  "Ministry of Ports.")
    assert {("LEADS", "Ministry of Ports", "Quay Voucher"), ("IMPLEMENTS", "Harbour Agency", "Quay Voucher")} <= found
    renamed = facts("The Quay Initiative, which includes the Dock Cyber Desk, formerly known as the Dock Safety Desk, "
                    "helps firms.")
    assert ("SUCCEEDED_BY", "Dock Safety Desk", "Dock Cyber Desk") in renamed
    assert ("SUCCEEDED_BY", "Dock Safety Desk", "Quay Initiative") not in renamed


def test_a_transfer_to_a_newly_created_body():
    assert ("TRANSFERRED_TO", "Ministry of Ports", "Ministry of SMEs", 2032) in facts_with_years(
        "In 2032, responsibility for SME policy was moved from the Ministry of Ports to the newly created Ministry "
        "of SMEs.")


def test_its_agency_is_part_of_the_body_and_a_frame_with_a_year_after_its_name():
    found = facts("The Ministry of Ports and its agency, the Harbour Board, run the Quay Voucher.")
    assert {("PART_OF", "Harbour Board", "Ministry of Ports"), ("IMPLEMENTS", "Harbour Board", "Quay Voucher")} <= found
    assert ("PART_OF", "Quay Voucher", "Dock Strategy") in facts(
        "Under the Dock Strategy 2030, the Ministry of Ports launched the Quay Voucher.")


def test_the_former_and_the_latter_are_the_last_two_named_in_order():
    found = facts("The Harbour Agency and the Port Bank deliver support. The former runs the Quay Voucher and the "
                  "latter manages the Dock Loan.")
    assert {("IMPLEMENTS", "Harbour Agency", "Quay Voucher"), ("IMPLEMENTS", "Port Bank", "Dock Loan")} <= found
    assert ("IMPLEMENTS", "Port Bank", "Quay Voucher") not in found


def test_a_target_group_with_two_coordinated_modifiers():
    x = extract(document_from_text("The Quay Voucher helps small and venture firms buy software."))
    assert "Small and venture firms" in names(x)


def test_a_press_releases_hereinafter_name_and_people_after_their_titles():
    text = (
        "The Ministry of Ports and Startups (Minister Kim Harbour, hereinafter \"MPS\") announced that MPS will "
        "run the Quay Store Project. MPS Director-General Park Dock said the project works.\n\n"
        "Contact: Small Business Policy Division, MPS"
    )
    x = extract(document_from_text(text))
    ministry = next(e for e in x.entities if e.name == "Ministry of Ports and Startups")
    assert "MPS" in ministry.aliases
    assert not {n for n in names(x) if "Kim" in n or "Park" in n or n == "MPS"}
    assert {"Quay Store Project", "Small Business Policy Division"} <= names(x)
    assert next(e for e in x.entities if e.name == "Small Business Policy Division").type == "Agency"


def test_a_secretary_of_state_for_a_field_is_an_office_not_a_person():
    x = extract(document_from_text(
        "The Secretary of State for Digital Harbours oversees Quay.es, which runs the Quay Kit programme."))
    assert "Secretary of State for Digital Harbours" in names(x)


def test_within_a_body_the_bodies_of_the_clause_are_part_of_it_not_its_instruments():
    text = ("Within the Quay Commission, the Directorate-General for Ports (DG PORT) is responsible for the policy, "
            "while the Harbour Office handles the links with the Dock Network.")
    found = facts(text)
    assert ("PART_OF", "Directorate-General for Ports", "Quay Commission") in found
    assert not {f for f in found if f[1] == "Dock Network" and f[0] == "PART_OF"}


def test_an_encyclopedia_opening_its_abbreviation_and_the_year_it_took_its_present_form():
    text = ("The Ministry of Ports and Startups (MPS; Norlandic: Havneministeriet) is a ministry of the Government "
            "of Norland. It was established in 1996 as the Small Harbour Administration and was elevated to "
            "ministry status on 26 July 2017.")
    x = extract(document_from_text(text))
    assert "MPS" in next(e for e in x.entities if e.name == "Ministry of Ports and Startups").aliases
    assert ("SUCCEEDED_BY", "Small Harbour Administration", "Ministry of Ports and Startups", 2017) in \
        facts_with_years(text)


def test_a_decks_org_chart_arrows_and_the_bodies_after_an_instruments_dash():
    text = (
        "MOTI (Ministry of Trade and Industry) \u2192 VEDA (Valdoria Enterprise Development Agency) \u2192 14 regional "
        "business centres\n\n"
        "- Quay Vouchers (2029-2033) \u2014 VEDA, co-funded by the regions\n"
        "- Dock Online Grant (2031-) \u2014 MOTI with Valdoria Chamber of Commerce\n"
    )
    x = extract(document_from_text(text))
    assert "VEDA" in next(e for e in x.entities if e.name == "Valdoria Enterprise Development Agency").aliases
    found = facts(text)
    assert {("PART_OF", "Valdoria Enterprise Development Agency", "Ministry of Trade and Industry"),
            ("IMPLEMENTS", "Valdoria Enterprise Development Agency", "Quay Vouchers"),
            ("IMPLEMENTS", "Ministry of Trade and Industry", "Dock Online Grant"),
            ("PARTICIPATES_IN", "Valdoria Chamber of Commerce", "Dock Online Grant")} <= found
    assert not {f for f in found if f[0] == "SUCCEEDED_BY"}


def test_taking_over_an_instruments_management_and_the_end_year_of_a_clause():
    found = facts_with_years("In FY2031 the Quay Agency took over the management of the Dock Voucher from the "
                             "Harbour Board.")
    assert {("IMPLEMENTS", "Quay Agency", "Dock Voucher", 2031),
            ("TRANSFERRED_TO", "Harbour Board", "Quay Agency", 2031)} <= found
    assert not {f for f in found if f[0] == "SUCCEEDED_BY"}
    x = extract(document_from_text("The Harbour Board ran the Dock Voucher until 2032."))
    assert [(r.type, r.start, r.end) for r in x.relationships] == [("IMPLEMENTS", None, 2032)]


def test_a_body_giving_technical_support_takes_part_in_the_instrument_of_the_clause():
    assert ("PARTICIPATES_IN", "Port Institute", "Quay Voucher") in facts(
        "The Quay Voucher is run by the Harbour Agency with technical support from the Port Institute.")


def test_a_region_of_a_place_is_a_regional_government():
    x = extract(document_from_text("The Region of Sorvik set up its own fund, Sorvik Digital, in 2031."))
    assert {e.name: e.type for e in x.entities}.get("Region of Sorvik") == "RegionalGovernment"


def test_a_fact_sheets_role_labels_and_a_tables_role_columns():
    found = facts("Quay Voucher\n- Lead: Ministry of Ports\n- Delivery: Harbour Agency\n"
                  "- Partners: Port Bank, Quay Chamber of Commerce")
    assert {("LEADS", "Ministry of Ports", "Quay Voucher"), ("IMPLEMENTS", "Harbour Agency", "Quay Voucher"),
            ("PARTICIPATES_IN", "Port Bank", "Quay Voucher"),
            ("PARTICIPATES_IN", "Quay Chamber of Commerce", "Quay Voucher")} <= found
    table = facts("| Programme | Lead ministry | Implementing agency |\n|---|---|---|\n"
                  "| Quay Voucher | Ministry of Ports | Harbour Agency |")
    assert {("LEADS", "Ministry of Ports", "Quay Voucher"), ("IMPLEMENTS", "Harbour Agency", "Quay Voucher")} <= table


def test_lines_under_a_name_line_describe_it_and_an_initiative_of_bodies_is_led_by_them():
    found = facts(
        "Annex 2. Instruments\n\nQuay Digital Grant (2030-)\nOwner: Ministry of Ports. Delivered by Enterprise "
        "Sorvik.\n\nDock Skills Programme (2032-2035)\nA joint initiative of the Ministry of Ports and the Ministry "
        "of Education, run by the Norland Skills Agency."
    )
    assert {("LEADS", "Ministry of Ports", "Quay Digital Grant"),
            ("IMPLEMENTS", "Enterprise Sorvik", "Quay Digital Grant"),
            ("LEADS", "Ministry of Ports", "Dock Skills Programme"),
            ("LEADS", "Ministry of Education", "Dock Skills Programme"),
            ("IMPLEMENTS", "Norland Skills Agency", "Dock Skills Programme")} <= found


def test_a_press_releases_dateline_its_function_words_and_signatories():
    text = (
        "Sorvik City, 14 March 2032 - The Sorvik Cyber Authority (SCA) and the Harbour Chamber of Commerce "
        "today signed a memorandum of understanding to extend the Cyber Shield programme. Under the agreement, "
        "the chamber will promote the programme to its members while SCA will fund free audits."
    )
    assert "Sorvik City" not in names(extract(document_from_text(text)))
    found = facts(text)
    assert {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"} == {
        frozenset(("Sorvik Cyber Authority", "Harbour Chamber of Commerce"))}  # symmetric: either order
    assert not {f for f in found if f[0] == "PART_OF"}

