"""Reading constructions met in documents of other styles (timelines, FAQs, annual reports, press releases,
infoboxes, tables typed with tabs or aligned columns, academic prose), each on invented names."""

from __future__ import annotations

import pytest

from loaders.documents import document_from_text
from loaders.extract import extract
from tests.prose_facts import dated_facts, facts, names


def test_a_timelines_present_tense_an_affiliated_body_and_a_name_typed_by_its_runner():
    found = facts(
        "2019: The Quay Agency and the Tide Board merge into Harbour Norland. "
        "The Ministry of Docks implements its programmes through its affiliated organisation, the Pier Institute. "
        "In 2022, the Pier Institute took charge of the Quay Voucher. "
        "Dock Start is run by the Sorvik Port Agency on behalf of the Department for Piers."
    )
    assert {
        ("SUCCEEDED_BY", "Quay Agency", "Harbour Norland"),
        ("SUCCEEDED_BY", "Tide Board", "Harbour Norland"),
        ("PART_OF", "Pier Institute", "Ministry of Docks"),
        ("LEADS", "Pier Institute", "Quay Voucher"),
        ("IMPLEMENTS", "Sorvik Port Agency", "Dock Start"),
        ("LEADS", "Department for Piers", "Dock Start"),
    } <= found


def test_a_reports_title_a_numbered_label_and_state_and_territory_governments():
    x = extract(document_from_text(
        "Department of Harbours Annual Report 2031-32\n\n"
        "Program 2.1: Quay Business Capability. The program is delivered through the Pier Advice Line.\n"
        "The department works with state and territory governments on regional projects.\n"
    ))
    types = {e.name: e.type for e in x.entities}
    assert "Department of Harbours" in types and not any("Report" in n for n in types)
    assert types["Quay Business Capability"] == "Programme"
    assert {("IMPLEMENTS", "Pier Advice Line", "Quay Business Capability"),
            ("COLLABORATES_WITH", "Department of Harbours", "State and territory governments")} <= set(dated_facts(x))


def test_people_quoted_a_company_under_a_label_and_a_body_formed_by_integration():
    x = extract(document_from_text(
        '"Small firms matter," said Lina Korsk, chief executive of Harbour Norland. Tomas Vell, director of the '
        "Quay Institute, agreed.\n\n"
        'The Federal Ministry for Piers funds the programme "Go-Dock". Project management: Dock Projekt GmbH.\n\n'
        "The Pier Agency was established in 2030 through the integration of the Quay Office and the Tide Board.\n"
    ))
    found = set(dated_facts(x))
    assert not {"Lina Korsk", "Tomas Vell"} & names(x)
    assert {("IMPLEMENTS", "Dock Projekt GmbH", "Go-Dock"), ("LEADS", "Federal Ministry for Piers", "Go-Dock"),
            ("SUCCEEDED_BY", "Quay Office", "Pier Agency"), ("SUCCEEDED_BY", "Tide Board", "Pier Agency")} <= found


def test_the_agency_is_a_headless_body_and_the_new_agency_the_one_a_merger_made():
    found = facts(
        "\"We are ready,\" said Lina Korsk, chief executive of Enterprise Sorvik. The agency will administer the "
        "Quay Growth Loan.\n\n"
        "The Dock Agency was created in 2030 by merging the Pier Agency with the Tide Agency. "
        "The new agency works closely with the Sorvik Chamber of Commerce."
    )
    assert {("IMPLEMENTS", "Enterprise Sorvik", "Quay Growth Loan"),
            ("COLLABORATES_WITH", "Dock Agency", "Sorvik Chamber of Commerce")} <= found
    assert ("COLLABORATES_WITH", "Tide Agency", "Sorvik Chamber of Commerce") not in found


def test_member_states_are_governments_and_a_lower_case_framework_is_no_name():
    x = extract(document_from_text(
        "Institutional framework for SME digital transition in Sorvik\n\n"
        "The Quay Commission and the Member States co-invest in the Dock Hubs.\n"
    ))
    types = {e.name.lower(): e.type for e in x.entities}
    assert types.get("member states") == "Government"
    assert not any("framework" in n for n in types)


def test_a_role_cell_opens_on_verbs_that_go_on_with_its_rows_body():
    x = extract(document_from_text(
        "| Institution | Role |\n|---|---|\n"
        "| Ministry of Piers | Sets SME digital policy; funds the Tide Voucher |\n"
        "| Quay Development Agency | Runs the Tide Voucher |\n"
    ))
    assert not any(n.startswith("Sets") for n in names(x))
    found = set(dated_facts(x))
    assert {("LEADS", "Ministry of Piers", "Tide Voucher"),
            ("IMPLEMENTS", "Quay Development Agency", "Tide Voucher")} <= found


def test_an_office_named_after_its_holder_keeps_the_holder():
    found = facts("The Quay Digital Office reports to the Prime Minister's Office. The President’s Office runs the "
                  "Dock Grant. The Norland Government's Pier Agency runs the Tide Grant.")
    assert {("PART_OF", "Quay Digital Office", "Prime Minister's Office"),
            ("IMPLEMENTS", "President's Office", "Dock Grant"), ("IMPLEMENTS", "Pier Agency", "Tide Grant")} <= found


def test_a_list_item_described_before_its_name():
    found = facts("The Quay Digital Office manages the Go Online Sorvik programme and the national e-invoicing "
                  "platform, InvoiceQuay.")
    assert {("IMPLEMENTS", "Quay Digital Office", "Go Online Sorvik programme"),
            ("IMPLEMENTS", "Quay Digital Office", "InvoiceQuay")} <= found


def test_a_co_verb_shares_the_act_with_the_partner_after_its_object():
    found = facts("The Sorvik Innovation Agency co-manages the Anchor Fund with the Quay Development Bank. "
                  "The Dock Fund was set up with the cooperation of the Pier Chamber of Commerce.")
    assert {("IMPLEMENTS", "Sorvik Innovation Agency", "Anchor Fund"),
            ("IMPLEMENTS", "Quay Development Bank", "Anchor Fund"),
            ("PARTICIPATES_IN", "Pier Chamber of Commerce", "Dock Fund")} <= found
    assert {("COLLABORATES_WITH", "Sorvik Innovation Agency", "Quay Development Bank"),
            ("COLLABORATES_WITH", "Quay Development Bank", "Sorvik Innovation Agency")} & found  # either way round


def test_splits_combinations_previous_names_and_what_a_body_is_now():
    found = facts(
        "In 2018, the Harbour Board was split into the Quay Agency and the Dock Agency. "
        "The Berth Institute, previously the Mooring Institute, runs the Anchor Grant. "
        "The former Ministry of Boats (now the Ministry of Maritime Affairs) designed the Keel Loan. "
        "The Sail Agency and the Mast Agency were combined into the Rigging Agency in 2022."
    )
    assert {("SUCCEEDED_BY", "Harbour Board", "Quay Agency"), ("SUCCEEDED_BY", "Harbour Board", "Dock Agency"),
            ("SUCCEEDED_BY", "Mooring Institute", "Berth Institute"), ("IMPLEMENTS", "Berth Institute", "Anchor Grant"),
            ("SUCCEEDED_BY", "Ministry of Boats", "Ministry of Maritime Affairs"),
            ("SUCCEEDED_BY", "Sail Agency", "Rigging Agency"),
            ("SUCCEEDED_BY", "Mast Agency", "Rigging Agency")} <= found
    assert ("IMPLEMENTS", "Mooring Institute", "Anchor Grant") not in found


def test_money_given_to_a_body_for_an_instrument_funding_received_and_a_responsible_frame():
    found = facts(
        "Budget 2031 provides $50 million over five years to the Department of Piers to extend the Harbour Skills "
        "Program. The Quay Mentoring Program receives funding from the Ministry of Docks. Under the responsibility "
        "of the Ministry of Tides, the Sorvik Wave Agency runs the Surf Voucher."
    )
    assert {("LEADS", "Department of Piers", "Harbour Skills Program"),
            ("LEADS", "Ministry of Docks", "Quay Mentoring Program"),
            ("LEADS", "Ministry of Tides", "Surf Voucher"),
            ("IMPLEMENTS", "Sorvik Wave Agency", "Surf Voucher")} <= found


def test_a_numbered_heading_stands_alone_and_its_opens_on_the_last_sentences_body():
    x = extract(document_from_text(
        "1. Policy lead\nThe Ministry of Piers owns the quay agenda. Its Harbour Directorate drafts the plan.\n\n"
        "3. Finance\nThe Sorvik Dock Bank (SDB) provides the Berth Loan.\n"
    ))
    found = set(dated_facts(x))
    assert "Sorvik Dock Bank" in names(x) and not any(n.startswith("Finance") for n in names(x))
    assert {("PART_OF", "Harbour Directorate", "Ministry of Piers"),
            ("IMPLEMENTS", "Sorvik Dock Bank", "Berth Loan")} <= found


def test_a_names_own_period_does_not_date_its_adoption_and_fiscal_year_ranges():
    x = extract(document_from_text(
        "The Harbour Strategy 2032–2037 was adopted by the Ministry of Ports in December 2031.\n"
        "The Sail Fund (2028/29 – 2032/33) was administered by the Mast Office.\n"
    ))
    years = dated_facts(x)
    assert years[("LEADS", "Ministry of Ports", "Harbour Strategy")][0] == 2031
    assert years[("IMPLEMENTS", "Mast Office", "Sail Fund")] == (2028, 2033)


def test_a_sources_publication_year_is_not_the_bodys():
    x = extract(document_from_text("The Quay Grant (2031-) is run by the Dock Agency.\n\n"
                                   "Source: Harbour Statistics Office (2030), Business Survey.\n"))
    years = {e.name: (e.start, e.end) for e in x.entities}
    assert years["Harbour Statistics Office"] == (None, None)
    assert [(r.start, r.end) for r in x.relationships] == [(2031, None)]


def test_an_opening_participle_is_said_of_the_main_clauses_subject():
    x = extract(document_from_text(
        "**Dock Boost.** Funded under the national Quay Recovery Plan, the programme offers vouchers. "
        "It is administered by Harbour Enterprise Sorvik.\n\n"
        "**Smart Pier Initiative.** Launched in 2029 by the Ministry of Piers, the initiative co-finances "
        "digital projects. Since 2032 it has been delivered by the Tide Institute in cooperation with universities.\n\n"
        "In 2033 the government announced that Harbour Enterprise Sorvik would absorb the Export Credit Office. "
        "The Tide Institute's former headquarters now hosts a hub, QuayHub, operated by the Wave Agency.\n"
    ))
    found = {(*fact, start) for fact, (start, _) in dated_facts(x).items()}
    assert {("PART_OF", "Dock Boost", "Quay Recovery Plan", None),
            ("IMPLEMENTS", "Harbour Enterprise Sorvik", "Dock Boost", None),
            ("LEADS", "Ministry of Piers", "Smart Pier Initiative", 2029),
            ("IMPLEMENTS", "Tide Institute", "Smart Pier Initiative", 2032),
            ("IMPLEMENTS", "Wave Agency", "QuayHub", None)} <= found
    assert ("SUCCEEDED_BY", "Export Credit Office", "Harbour Enterprise Sorvik") in {f[:3] for f in found}
    assert not {f for f in found if f[1] == "Tide Institute" and f[2] == "QuayHub"}
    assert not {f for f in found if f[0] == "PARTICIPATES_IN" and f[1] == "Ministry of Piers"}


def test_a_bold_lead_in_ending_on_a_full_stop_is_the_subject_of_the_text_after_it():
    found = facts(
        "## Bodies\n\n"
        "- **Ministry of Quay Affairs (MQA).** Absorbed the Pier Authority (PA) in 2030.\n"
        "- **Dock Development Office (DDO)**. Formed in 2031 when the Tide Board was merged with the Wave Bureau.\n"
        "- **Harbour Norland.** Runs the Quay Voucher and reports to the Ministry of Quay Affairs.\n"
    )
    assert {("SUCCEEDED_BY", "Pier Authority", "Ministry of Quay Affairs"),
            ("SUCCEEDED_BY", "Tide Board", "Dock Development Office"),
            ("SUCCEEDED_BY", "Wave Bureau", "Dock Development Office"),
            ("IMPLEMENTS", "Harbour Norland", "Quay Voucher"),
            ("PART_OF", "Harbour Norland", "Ministry of Quay Affairs")} <= found


def test_a_defined_term_is_another_name_of_the_body_it_means():
    x = extract(document_from_text(
        "Article 2. Definitions\n\n"
        '2.1 "Ministry" means the Ministry of Docks (MoD);\n'
        '2.2 "Implementing Agency" means the Quay Enterprise Agency (QEA), an agency accountable to the Ministry;\n'
        '2.3 "Grant" means the Pier Adoption Grant established under Article 3;\n\n'
        "3.1 The Grant is administered by the Implementing Agency on behalf of the Ministry.\n"
    ))
    aliases = {e.name: set(e.aliases) for e in x.entities}
    assert {"Ministry", "Implementing Agency", "Grant"}.isdisjoint(aliases)  # one node per body, not two
    assert "Implementing Agency" in aliases["Quay Enterprise Agency"]
    assert {("PART_OF", "Quay Enterprise Agency", "Ministry of Docks"),
            ("IMPLEMENTS", "Quay Enterprise Agency", "Pier Adoption Grant"),
            ("LEADS", "Ministry of Docks", "Pier Adoption Grant")} <= set(dated_facts(x))


def test_its_programme_in_apposition_describes_the_name_before_it():
    x = extract(document_from_text(
        "The Ministry of Trade runs Go4Tide, its e-commerce programme supported by the Pier Development Fund."
    ))
    assert names(x) == {"Ministry of Trade", "Go4Tide", "Pier Development Fund"}
    assert ("LEADS", "Pier Development Fund", "Go4Tide") in dated_facts(x)


def test_a_schemes_name_goes_on_over_of_after_a_noun_in_ing_or_ness():
    found = facts("The Scheme for the Pier Upgrading of SMEs and the Scheme for the Competitiveness of Micro "
                  "Enterprises are run by the Pier Agency.")
    assert {("IMPLEMENTS", "Pier Agency", "Scheme for the Pier Upgrading of SMEs"),
            ("IMPLEMENTS", "Pier Agency", "Scheme for the Competitiveness of Micro Enterprises")} <= found


def test_a_year_in_a_clause_about_the_old_bodys_past_is_not_the_successions():
    x = extract(document_from_text(
        "The Pier Agency was created in 2031 to replace the Tide Bureau, which had advised the government since 2010. "
        "The Wave Office was set up in 2033 as the successor to the Dock Office (DO), which had existed since 2014."
    ))
    found = dated_facts(x)
    assert found[("SUCCEEDED_BY", "Tide Bureau", "Pier Agency")][0] == 2031
    assert found[("SUCCEEDED_BY", "Dock Office", "Wave Office")][0] == 2033


def test_answers_to_and_a_renaming_without_an_object_after_a_dash_aside():
    found = facts(
        "Its harbour component is run by the Rural Pier Agency (RPA) - formerly the Pier Projects Agency (PPA), which "
        "took its present name in 2030 and answers to the Ministry of Docks. The Tide Office, which took its "
        "present name in 2031, answers to the Ministry of Piers."
    )
    assert {("SUCCEEDED_BY", "Pier Projects Agency", "Rural Pier Agency"),
            ("PART_OF", "Rural Pier Agency", "Ministry of Docks"),
            ("PART_OF", "Tide Office", "Ministry of Piers")} <= found
    assert not {f for f in found if f[0] == "SUCCEEDED_BY" and f[2] in ("Pier Projects Agency", "Tide Office")}


def test_taking_over_after_the_clause_that_created_the_body():
    found = facts(
        "The Pier Agency was created in 2031, taking over the work of the former Department of Docks. "
        "A dedicated Ministry of Tides was created in September 2032, taking over the portfolio hitherto handled by "
        "the Ministry of Trade (MT)."
    )
    assert {("SUCCEEDED_BY", "Department of Docks", "Pier Agency"),
            ("TRANSFERRED_TO", "Ministry of Trade", "Ministry of Tides")} <= found


def test_a_lists_items_are_the_objects_its_stem_waits_for():
    found = facts(
        "4. Partners. Without prejudice to paragraph 3, the Pier Corporation shall cooperate with —\n"
        "   (a) the Dock Library Service, in respect of training;\n"
        "   (b) the Tide Chamber, in respect of outreach.\n\n"
        "The Quay Voucher is delivered by:\n\n- the Wave Agency;\n- the Harbour Chamber.\n"
    )
    assert {("COLLABORATES_WITH", "Dock Library Service", "Pier Corporation"),
            ("COLLABORATES_WITH", "Pier Corporation", "Tide Chamber"),
            ("IMPLEMENTS", "Wave Agency", "Quay Voucher"),
            ("IMPLEMENTS", "Harbour Chamber", "Quay Voucher")} <= found


def test_bodies_listed_after_a_kind_of_body_such_as_are_named_and_typed_by_it():
    x = extract(document_from_text(
        "Providers include research centres such as Tidec and Sorris, and federations such as Dockoria, Vako and UNIPO."
    ))
    types = {e.name: e.type for e in x.entities}
    assert {n: types.get(n) for n in ("Tidec", "Sorris", "Dockoria", "Vako", "UNIPO")} == {
        "Tidec": "Agency", "Sorris": "Agency", "Dockoria": "PrivateSector", "Vako": "PrivateSector",
        "UNIPO": "PrivateSector"}


def test_bodies_transferred_together_and_an_old_name_an_aside_gives_by_dashes():
    x = extract(document_from_text(
        "In 2032 the Quay Agency and the Tide Office were transferred from the Ministry of Docks to the Ministry of "
        "Piers. The Pier Centre - which until 2031 operated as the Pier Competence Centre - advises firms. "
        "The Ministry of Ports, which until 2030 carried the longer title of Ministry for Ports and Harbours, "
        "oversees exports."
    ))
    found = dated_facts(x)
    assert {("PART_OF", "Quay Agency", "Ministry of Piers"), ("PART_OF", "Tide Office", "Ministry of Piers"),
            ("PART_OF", "Tide Office", "Ministry of Docks")} <= set(found)
    assert found[("SUCCEEDED_BY", "Pier Competence Centre", "Pier Centre")][0] == 2031
    assert found[("SUCCEEDED_BY", "Ministry for Ports and Harbours", "Ministry of Ports")][0] == 2030


def test_a_relative_clause_after_the_unit_within_a_body_is_said_of_the_unit():
    found = facts(
        "Digital Norland, the unit within the Ministry of Docks that runs the portal Norland.is, helps firms. "
        "The Pier Agency, an agency of the Ministry of Tides that runs the Quay Voucher, advises firms."
    )
    assert {("PART_OF", "Digital Norland", "Ministry of Docks"), ("IMPLEMENTS", "Digital Norland", "Norland.is"),
            ("PART_OF", "Pier Agency", "Ministry of Tides"), ("IMPLEMENTS", "Pier Agency", "Quay Voucher")} <= found
    assert not {f for f in found if f[1] in ("Ministry of Docks", "Ministry of Tides")}


def test_launched_by_a_body_with_money_from_another():
    found = facts("Funding comes through PIERGO, a programme launched in 2032 by the Harbour Agency with money "
                  "from the Norland Union.")
    assert {("LEADS", "Harbour Agency", "PIERGO"), ("LEADS", "Norland Union", "PIERGO")} <= found


def test_an_aside_between_dashes_reads_as_one_between_commas():
    found = facts(
        "The Quay Support Unit - set up in 2030 by the Norland Union - coordinates the Pier Strategy. "
        "The Tide Office \u2014 which is run by the Wave Agency \u2014 leads the Dock Plan."
    )
    assert {("LEADS", "Quay Support Unit", "Pier Strategy"), ("LEADS", "Tide Office", "Dock Plan")} <= found
    assert not {f for f in found if f[2] in ("Pier Strategy", "Dock Plan") and f[1] in ("Norland Union", "Wave Agency")}


def test_a_network_of_described_centres_in_apposition_is_the_name_before_it():
    x = extract(document_from_text(
        "- **Dock Centres** \u2013 a network of business advisory centres set up in 2031 with support from the "
        "Harbour Agency.\n- Pier Hubs, a set of regional digital hubs, are run by the Tide Agency.\n"
    ))
    assert names(x) == {"Dock Centres", "Harbour Agency", "Pier Hubs", "Tide Agency"}
    found = set(dated_facts(x))
    assert {("LEADS", "Harbour Agency", "Dock Centres"), ("IMPLEMENTS", "Tide Agency", "Pier Hubs")} <= found


def test_to_become_and_its_successor_after_a_when_clause():
    found = facts(
        "The Ministry of Docks, created in 2025, was fused with the labour portfolio in 2028 to become the Ministry "
        "of Docks and Labour. When the Pier Programme closed at the end of 2033, its successor, the Norland "
        "Programme 2034-2040, took over the financing."
    )
    assert {("SUCCEEDED_BY", "Ministry of Docks", "Ministry of Docks and Labour"),
            ("SUCCEEDED_BY", "Pier Programme", "Norland Programme")} <= found


def test_whose_coordinator_is_a_body_leads_the_instrument():
    found = facts("Research organisations act as partners in the Dock Innovation Hub consortium, whose coordinator is "
                  "the Pier Agency.")
    assert ("LEADS", "Pier Agency", "Dock Innovation Hub") in found


def test_an_instrument_moved_to_a_body_is_led_by_it_from_then():
    x = extract(document_from_text(
        "The Pier Voucher was run by the Tide Office. In 2031 it was transferred to the Wave Agency.\n\n"
        "The Dock Loan has now moved to the Quay Bank."
    ))
    found = dated_facts(x)
    assert found[("LEADS", "Wave Agency", "Pier Voucher")][0] == 2031
    assert ("LEADS", "Quay Bank", "Dock Loan") in found
    assert not {f for f in found if f[0] == "TRANSFERRED_TO"}


def test_a_ministry_of_the_presidency_is_one_name():
    found = facts("The Ministry of the Presidency coordinates the Pier Plan. The Office of the Cabinet runs the Dock "
                  "Portal.")
    assert {("LEADS", "Ministry of the Presidency", "Pier Plan"),
            ("IMPLEMENTS", "Office of the Cabinet", "Dock Portal")} <= found


def test_a_kind_of_firm_right_before_a_name_makes_it_a_firm():
    x = extract(document_from_text("The telecom operator Sonatide offers reduced fees. The software vendor Quaysoft "
                                   "runs the Pier Platform."))
    types = {e.name: e.type for e in x.entities}
    assert (types.get("Sonatide"), types.get("Quaysoft")) == ("PrivateSector", "PrivateSector")
    assert ("IMPLEMENTS", "Quaysoft", "Pier Platform") in dated_facts(x)


def test_a_person_set_off_by_two_titles_is_no_body():
    x = extract(document_from_text("Address by H.E. Lina Korsk, Deputy Prime Minister and Minister of Docks, at the "
                                   "launch of the Pier Voucher. Tomas Vell, Deputy Minister, Minister of Tides, "
                                   "spoke next."))
    assert not {"Lina Korsk", "Tomas Vell"} & names(x)


def test_a_post_such_as_communications_officer_is_no_body():
    x = extract(document_from_text("Contact: Communications Officer, Ministry of Docks. Press enquiries: Media "
                                   "Manager, Pier Agency."))
    assert names(x) == {"Ministry of Docks", "Pier Agency"}


def test_a_taskforce_is_a_body():
    x = extract(document_from_text("The Norland Financial Inclusion Taskforce, set up by the Ministry of Docks, "
                                   "runs the Pier Check."))
    assert {e.name: e.type for e in x.entities}.get("Norland Financial Inclusion Taskforce") == "Agency"
    assert ("IMPLEMENTS", "Norland Financial Inclusion Taskforce", "Pier Check") in dated_facts(x)


def test_a_shire_and_a_borough_are_local_governments_of_their_own():
    x = extract(document_from_text("Pilots ran with the City of Tidewell and the Shire of Sorvik in 2031. "
                                   "The Borough of Pierton joined the Quay Network."))
    types = {e.name: e.type for e in x.entities}
    assert {n: types.get(n) for n in ("City of Tidewell", "Shire of Sorvik", "Borough of Pierton")} == dict.fromkeys(
        ("City of Tidewell", "Shire of Sorvik", "Borough of Pierton"), "RegionalGovernment")


def test_an_infobox_relates_its_bodies_to_the_body_the_page_is_about():
    x = extract(document_from_text(
        "Sorvik Enterprise Agency\n\nAgency overview\nFormed\t1 January 2029\n"
        "Preceding agencies\tSorvik Trade Board; Sorvik Technology Centre\nJurisdiction\tGovernment of Sorvik\n"
        "Parent agency\tMinistry of Economic Affairs\n\nThe agency administers the Digital Step grant.\n"
    ))
    found = set(dated_facts(x))
    assert {("SUCCEEDED_BY", "Sorvik Trade Board", "Sorvik Enterprise Agency"),
            ("SUCCEEDED_BY", "Sorvik Technology Centre", "Sorvik Enterprise Agency"),
            ("PART_OF", "Sorvik Enterprise Agency", "Ministry of Economic Affairs")} <= found
    assert not any("Jurisdiction" in n for n in names(x))


def test_a_plain_texts_emphasis_and_a_french_head_with_its_tail_in_lower_case():
    x = extract(document_from_text(
        "The *Direction générale des Quais* (DGQ), part of the Ministry of Piers, steers the *Quai Numérique* "
        "programme. The *Chambres de commerce et d'industrie* (CCI) relay the programme locally.\n"
    ))
    types = {e.name: e.type for e in x.entities}
    found = set(dated_facts(x))
    assert types["Chambres de commerce et d'industrie"] == "PrivateSector"
    assert {("LEADS", "Direction générale des Quais", "Quai Numérique programme"),
            ("PART_OF", "Direction générale des Quais", "Ministry of Piers"),
            ("PARTICIPATES_IN", "Chambres de commerce et d'industrie", "Quai Numérique programme")} <= found


def test_a_name_with_to_and_a_colon_subtitle_and_a_closing_year():
    x = extract(document_from_text(
        "Help to Sail: Digital was a scheme that offered small firms a discount on software. It was run by the "
        "Department for Harbours and Trade and closed to new applications in February 2033. It moved from QBO to "
        "Enterprise Sorvik in 2031.\n"
    ))
    years = dated_facts(x)
    assert years[("IMPLEMENTS", "Department for Harbours and Trade", "Help to Sail: Digital")] == (None, 2033)
    assert not any(" to Enterprise" in n for n in names(x))


def test_bodies_that_help_promote_or_deliver_an_instrument_take_part_in_it():
    found = facts("The Quay Digital Grant is delivered by Business Sorvik. Local councils and the Sorvik Chamber of "
                  "Commerce help promote the grant.")
    assert {("PARTICIPATES_IN", "Local councils", "Quay Digital Grant"),
            ("PARTICIPATES_IN", "Sorvik Chamber of Commerce", "Quay Digital Grant")} <= found


def test_a_strategy_that_sets_out_its_programmes_in_a_list():
    found = facts("The Digital Harbour Strategy sets out three programmes: the Dock Voucher, the Pier Skills Scheme "
                  "and the Berth Loan.")
    assert {("PART_OF", "Dock Voucher", "Digital Harbour Strategy"),
            ("PART_OF", "Pier Skills Scheme", "Digital Harbour Strategy"),
            ("PART_OF", "Berth Loan", "Digital Harbour Strategy")} <= found


def test_a_table_of_periods_and_bodies_is_a_line_of_successions():
    x = extract(document_from_text(
        "| Period | Body responsible for SME policy |\n|---|---|\n| 1996–2008 | Small Business Office |\n"
        "| 2008–2017 | Small and Medium Ports Administration |\n| 2017– | Ministry of SMEs and Ports |\n"
    ))
    years = {e.name: (e.start, e.end) for e in x.entities}
    found = {(*fact, start) for fact, (start, _) in dated_facts(x).items()}
    assert {("SUCCEEDED_BY", "Small Business Office", "Small and Medium Ports Administration", 2008),
            ("SUCCEEDED_BY", "Small and Medium Ports Administration", "Ministry of SMEs and Ports", 2017)} <= found
    assert years["Ministry of SMEs and Ports"] == (2017, None) and years["Small Business Office"] == (1996, 2008)


def test_a_study_cited_after_an_instrument_does_not_run_it():
    x = extract(document_from_text(
        "Evaluations of the Quay Voucher (Harbour Institute for Economic Research, 2032) suggest that take-up "
        "rose.\n\n- Dock Voucher (Pier Agency, 2031)\n"
    ))
    found = set(dated_facts(x))
    assert found == {("IMPLEMENTS", "Pier Agency", "Dock Voucher")}  # the deck's line still reads as one


def test_a_lone_word_a_body_runs_is_an_instrument_but_not_a_modifier_or_a_footnotes_first_word():
    x = extract(document_from_text(
        "The Ministry of Ports runs Quaybonus, a grant for small firms. The Sorvik Port Agency manages Pierdesk.\n"
        "The Dock Corporation, created in 1939 after the Chillán earthquake, finances innovation.\n\n"
        "¹ Figures provided by the Sorvik Port Agency, March 2032.\n"
    ))
    found = set(dated_facts(x))
    assert {("IMPLEMENTS", "Ministry of Ports", "Quaybonus"), ("IMPLEMENTS", "Sorvik Port Agency", "Pierdesk")} <= found
    assert not {"Chillán", "Figures"} & names(x)


def test_bodies_that_share_responsibility_for_an_instrument_lead_it():
    found = facts("The Ministry of Piers and the Ministry of Labour share responsibility for the Quay Skills Plan.")
    assert {("LEADS", "Ministry of Piers", "Quay Skills Plan"),
            ("LEADS", "Ministry of Labour", "Quay Skills Plan")} <= found


def test_a_lone_word_before_and_is_still_a_name():
    assert ("LEADS", "Treasury", "Harbour Tax Credit") in facts(
        "The Harbour Tax Credit, which was designed by the Treasury and is administered by the Revenue Office, "
        "reimburses software costs.")


def test_a_second_verb_after_and_keeps_the_clause_subject():
    assert ("LEADS", "Ministry of Ports", "Quay Voucher") in facts(
        "Key actors\n\nMinistry of Ports: sets SME digital policy and funds the Quay Voucher.\n")


def test_a_replacement_to_replace_and_responsibility_that_passed_from_one_body_to_another():
    x = extract(document_from_text(
        "The Harbour Innovation Voucher was introduced in 2030 to replace the earlier Quay Tech Grant. "
        "Responsibility for the voucher passed from the Ministry of Industry to the Ministry of Digital Affairs "
        "in 2032.\n"
    ))
    found = {(*fact, start) for fact, (start, _) in dated_facts(x).items()}
    assert {("SUCCEEDED_BY", "Quay Tech Grant", "Harbour Innovation Voucher", 2030),
            ("TRANSFERRED_TO", "Ministry of Industry", "Ministry of Digital Affairs", 2032),
            ("LEADS", "Ministry of Digital Affairs", "Harbour Innovation Voucher", 2032)} <= found


def test_a_while_clause_has_its_own_subject_and_funding_opens_no_name():
    x = extract(document_from_text(
        "Funding for the Dock Grant comes from the Sorvik Development Fund, while eligibility checks are carried "
        "out by the Sorvik Revenue Authority.\n"
    ))
    assert not any(n.startswith("Funding") for n in names(x))
    # the checks, not the fund, are carried out by the authority; the fund pays for the grant
    assert set(dated_facts(x)) == {("LEADS", "Sorvik Development Fund", "Dock Grant")}


def test_steering_and_management_labels_under_a_programmes_heading():
    found = facts("## Governance of the Digital Quay programme\n\n- **Steering:** Ministry of Ports (chair), Ministry "
                  "of Finance\n- **Management:** Quay Programme Office\n")
    assert {("LEADS", "Ministry of Ports", "Digital Quay programme"),
            ("LEADS", "Ministry of Finance", "Digital Quay programme"),
            ("IMPLEMENTS", "Quay Programme Office", "Digital Quay programme")} <= found


def test_a_unit_an_e_prefixed_name_and_a_spin_off():
    found = facts(
        "The agency's Digital Business Unit runs the e-Shop Voucher. In 2031 the unit was spun off as an independent "
        "company, Valdoria Digital Ltd, which now operates the voucher."
    )
    assert {("IMPLEMENTS", "Digital Business Unit", "e-Shop Voucher"),
            ("SUCCEEDED_BY", "Digital Business Unit", "Valdoria Digital Ltd")} <= found


def test_a_fact_sheets_fields_are_one_a_line():
    x = extract(document_from_text(
        "PROGRAMME FACT SHEET\nName: Anchor Digital Loan\nManaging body: Sorvik Investment Bank\n"
        "Ministry in charge: Ministry of Finance\nPartners: Sorvik Bankers Association; regional chambers of commerce\n"
        "Target group: manufacturing SMEs with fewer than 250 employees\n"
    ))
    found = set(dated_facts(x))
    assert {("IMPLEMENTS", "Sorvik Investment Bank", "Anchor Digital Loan"),
            ("LEADS", "Ministry of Finance", "Anchor Digital Loan"),
            ("PARTICIPATES_IN", "Sorvik Bankers Association", "Anchor Digital Loan")} <= found
    assert "Target" not in names(x)


def test_a_body_supervised_or_owned_by_another_is_part_of_it():
    found = facts(
        "The Quay Enterprise Agency is a government agency supervised by the Ministry of Harbours. The Sorvik "
        "Export Office is subordinated to the Ministry of Trade.\n"
    )
    assert {("PART_OF", "Quay Enterprise Agency", "Ministry of Harbours"),
            ("PART_OF", "Sorvik Export Office", "Ministry of Trade")} <= found


def test_a_merger_of_bodies_each_with_its_abbreviation_even_in_lower_case():
    x = extract(document_from_text(
        "The Harbour Enterprise and Finance Agency (HEFA) was formed by merging the Harbour Enterprise Agency "
        "(Hea), the Harbour Finance Agency (hfa) and the Dock Credit Bureau (DCB) in 2031. The Norland Bank, which "
        "previously owned hfa, will partner with HEFA on loans.\n"
    ))
    found = set(dated_facts(x))
    for old in ("Harbour Enterprise Agency", "Harbour Finance Agency", "Dock Credit Bureau"):
        assert ("SUCCEEDED_BY", old, "Harbour Enterprise and Finance Agency") in found
    partners = {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"}
    assert frozenset({"Norland Bank", "Harbour Enterprise and Finance Agency"}) in partners
    assert not any(f[0] == "COLLABORATES_WITH" and "Harbour Finance Agency" in f[1:] for f in found)


def test_a_name_in_apposition_to_its_abbreviation_or_one_word_name():
    x = extract(document_from_text(
        "Grants go to NEDA, the Norland Enterprise Development Agency, which runs the Dock Voucher. NEDA also runs "
        "the Quay Grant.\n\nLater, Portex, the Norland Port Export Agency, opened the Harbour Fund. Portex also "
        "runs the Bay Loan.\n\nIn Sorvik, the Ministry of Ports runs the Pier Fund.\n"
    ))
    found = set(dated_facts(x))
    assert {("IMPLEMENTS", "Norland Enterprise Development Agency", "Quay Grant"),
            ("IMPLEMENTS", "Norland Port Export Agency", "Bay Loan")} <= found
    assert {"NEDA", "Portex"} <= {a for e in x.entities for a in e.aliases}
    assert "Portex" not in names(x)
    assert not any("Sorvik" in e.aliases for e in x.entities)  # a place before the comma is no other name


def test_an_opening_participle_a_questions_auxiliary_and_a_partner_after_co_financing():
    x = extract(document_from_text(
        "Working closely with the Harbour Enterprise Agency, the Quay Development Organisation implements national "
        "policy. It administers the Pier Subsidy.\n\nDockvera, the state-owned lender, will co-finance projects "
        "with the Quay Development Organisation.\n\nIssues for discussion:\n\n1. Should Harbour Norland, the port "
        "operator, join the Pier Subsidy?\n"
    ))
    found = set(dated_facts(x))
    assert ("IMPLEMENTS", "Quay Development Organisation", "Pier Subsidy") in found
    assert not any(n.startswith("Should") for n in names(x))
    partners = {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"}
    assert frozenset({"Dockvera", "Quay Development Organisation"}) in partners


def test_a_profile_table_of_labelled_rows_relates_its_bodies_to_its_programme():
    x = extract(document_from_text(
        "## Norland at a glance\n\n| Item | Details |\n|---|---|\n| Lead ministry | Ministry of Ports (MoP) |\n"
        "| Implementing agency | Quayinvest |\n| Main programme | Harbour Enterprise (2030-2034) |\n"
        "| Financing | National Recovery Plan |\n",
        "profile.md", "markdown",
    ))
    found = set(dated_facts(x))
    assert {("LEADS", "Ministry of Ports", "Harbour Enterprise"),
            ("IMPLEMENTS", "Quayinvest", "Harbour Enterprise"),
            ("PART_OF", "Harbour Enterprise", "National Recovery Plan")} <= found
    assert "Main programme" not in names(x)
    assert next(e.type for e in x.entities if e.name == "Harbour Enterprise") == "Programme"


def test_a_verb_like_grant_after_a_plural_name_is_no_grant_and_steering_makes_a_body_part():
    x = extract(document_from_text(
        "Regional services are provided by the Quay Business Centres. The Quay Business Centres grant development "
        "funding to small firms and are steered jointly by the Ministry of Ports. The Pier Aid is granted by the "
        "Quay Business Centres.\n"
    ))
    found = set(dated_facts(x))
    assert not any(n.endswith("grant") for n in names(x))
    assert {("PART_OF", "Quay Business Centres", "Ministry of Ports"),
            ("IMPLEMENTS", "Quay Business Centres", "Pier Aid")} <= found


def test_a_merger_of_two_bodies_and_part_of_a_third_and_a_nations_regional_corporation():
    x = extract(document_from_text(
        "The Harbour Enterprise Organisation was founded in 2031 by integrating the Harbour Small Business "
        "Corporation, "
        "the Portugal Regional Development Corporation and part of the Quay Location Centre.\n"
    ))
    found = set(dated_facts(x))
    new = "Harbour Enterprise Organisation"
    assert {("SUCCEEDED_BY", "Harbour Small Business Corporation", new),
            ("SUCCEEDED_BY", "Portugal Regional Development Corporation", new),
            ("TRANSFERRED_TO", "Quay Location Centre", new)} <= found
    assert not any(f[0] == "PART_OF" for f in found)
    assert next(e.type for e in x.entities if e.name.startswith("Portugal")) == "Agency"


def test_an_abbreviation_before_a_dash_and_a_successor_named_by_a_possessive():
    x = extract(document_from_text(
        "The Quay Capacity Programme was launched in 2029 and managed by APQ - Agency for Port Competitiveness. APQ "
        "reports to the Ministry of Harbours. Since 2033 the Quay Capacity Programme's successor, the Dock Voucher "
        "scheme, is financed by the Recovery Plan. The Pier Office's predecessor was the Harbour Bureau.\n"
    ))
    found = set(dated_facts(x))
    assert {("IMPLEMENTS", "Agency for Port Competitiveness", "Quay Capacity Programme"),
            ("PART_OF", "Agency for Port Competitiveness", "Ministry of Harbours"),
            ("SUCCEEDED_BY", "Quay Capacity Programme", "Dock Voucher scheme"),
            ("SUCCEEDED_BY", "Harbour Bureau", "Pier Office")} <= found


def test_a_name_with_for_a_inside_and_a_role_in_a_relative_clause():
    found = facts(
        "The voucher is part of the Fund for a Modern Harbour programme (FMH) 2031-2037, for which the Ministry of "
        "Port Funds is the managing authority and the Quay Enterprise Agency is an intermediate body.\n"
    )
    assert ("LEADS", "Ministry of Port Funds", "Fund for a Modern Harbour programme") in found
    assert ("IMPLEMENTS", "Quay Enterprise Agency", "Fund for a Modern Harbour programme") in found


def test_a_footnote_mark_a_year_after_for_and_a_field_line_before_prose():
    x = extract(document_from_text(
        "Small firms are served by the Quay Enterprise Offices, which the agency coordinates through its Centre of "
        "Excellence.2 The annual report of the Harbour Enterprise Corporation for 2031 was published in May.\n\n"
        "Implementing bodies: Quay Foundation; Chamber of Commerce of Norland\n"
        "The Quay Foundation, part of the Ministry of Ports, runs the Dock Skills programme.\n"
    ))
    assert {"Centre of Excellence", "Harbour Enterprise Corporation", "Quay Foundation"} <= names(x)
    assert not any(n.endswith(("2", "2031")) or "The Quay" in n for n in names(x))
    assert ("PART_OF", "Quay Foundation", "Ministry of Ports") in set(dated_facts(x))


def test_the_object_of_a_relative_clause_is_its_antecedent():
    found = facts(
        "Micro-firms are served by the Quay Digital Desk, which the Harbour Enterprise Agency coordinates through "
        "its regional network. Exporters use the Dock Voucher, which the Ministry of Ports also funds.\n"
    )
    assert {("LEADS", "Harbour Enterprise Agency", "Quay Digital Desk"),
            ("LEADS", "Ministry of Ports", "Dock Voucher")} <= found


def test_merges_a_and_b_into_c_and_running_under_an_agreement_is_no_part():
    found = facts(
        "The reform merges the Quay Business Agency and the Harbour Trade Office into a single Port Enterprise Office. "
        "The Dock Centres are operated by the Norland Chamber of Commerce under agreements with the Ministry of "
        "Ports.\n"
    )
    assert {("SUCCEEDED_BY", "Quay Business Agency", "Port Enterprise Office"),
            ("SUCCEEDED_BY", "Harbour Trade Office", "Port Enterprise Office")} <= found
    assert not any(f[0] == "PART_OF" and f[2] == "Ministry of Ports" for f in found)
    assert any(f[0] == "COLLABORATES_WITH" and "Ministry of Ports" in f for f in found)


def test_a_portfolio_before_a_ministers_name_and_a_person_after_a_role_are_no_bodies():
    x = extract(document_from_text(
        "The Harbour Package will be delivered by the Ministry of Ports, Small Harbour Minister Ana Korsk announced. "
        "QuayNZ chief executive Pia Dockson welcomed the Harbour Package.\n"
    ))
    assert not {"Small Harbour", "Pia Dockson"} & names(x)
    assert ("IMPLEMENTS", "Ministry of Ports", "Harbour Package") in set(dated_facts(x))


def test_since_after_the_agent_dates_the_relation_among_other_years():
    x = extract(document_from_text(
        "The plan follows a 2034 review of the Dock Boost, the online training programme run by the Ministry of "
        "Ports since 2030.\n"
    ))
    assert dated_facts(x)[("IMPLEMENTS", "Ministry of Ports", "Dock Boost")] == (2030, None)


def test_chambers_of_commerce_inside_a_name_and_an_outlook_is_a_document():
    x = extract(document_from_text(
        "The Dock Skills programme is jointly run by Quay Productiva and the Confederation of Chambers of Commerce "
        "(Confequay).1\n\n1 See Harbour Institute (2031), SME and Entrepreneurship Outlook.\n"
    ))
    assert "Confederation of Chambers of Commerce" in names(x)
    assert not any(n.endswith("Outlook") for n in names(x))


def test_a_name_written_with_a_lower_case_e_or_i_before_capitals():
    found = facts(
        "iNNquay Norland, the business growth agency, is attached to the Ministry of Ports. Since 2031 it has managed "
        "the Dock Aldea programme with eHarbour.\n"
    )
    assert {("PART_OF", "iNNquay Norland", "Ministry of Ports"),
            ("IMPLEMENTS", "iNNquay Norland", "Dock Aldea programme")} <= found


def test_work_moved_from_one_ministry_to_another_and_a_university_hosts_a_hub():
    x = extract(document_from_text(
        "Since the 2032 restructuring of federal ministries, responsibility for digitalisation has moved from the "
        "Ministry of Ports to the Ministry of Finance. The Quay Hub is hosted by the University of Sorvik.\n"
    ))
    found = set(dated_facts(x))
    assert ("TRANSFERRED_TO", "Ministry of Ports", "Ministry of Finance") in found
    assert not any(f[0] == "TRANSFERRED_TO" and f[2] != "Ministry of Finance" for f in found)
    assert next(e.type for e in x.entities if e.name == "University of Sorvik") == "Agency"


def test_a_bullets_second_clause_opening_on_its_verb_continues_the_parent():
    found = facts(
        "Key actors\n"
        "• Quay Enterprise Office (QEO)\n"
        "  – Coordinates port policy; reports to the Harbour Promotion Board chaired by the Prime Minister\n"
        "• Private sector\n"
        "  – Norland Chamber of Commerce: co-host the Dock Online campaign with the QEO\n"
    )
    assert ("PART_OF", "Quay Enterprise Office", "Harbour Promotion Board") in found
    assert ("IMPLEMENTS", "Norland Chamber of Commerce", "Dock Online campaign") in found


def test_a_pronoun_after_an_opening_partner_frame_is_the_previous_subject():
    found = facts(
        "The Harbour Enterprise Agency coordinates the Quay Clinics. In partnership with the Bank of Sorvik, it also "
        "manages the Dock Grant Scheme launched in 2030.\n"
    )
    assert ("IMPLEMENTS", "Harbour Enterprise Agency", "Dock Grant Scheme") in found
    assert ("IMPLEMENTS", "Bank of Sorvik", "Dock Grant Scheme") not in found


def test_firms_listed_after_companies_such_as_and_a_charter_named_by_its_act():
    x = extract(document_from_text(
        "Large companies such as Quaytronics and Dockwell Motors will share know-how through the Pier Factory "
        "programme. The agency works under the Harbour Magna Carta for Small Firms (Republic Act No. 4411).\n"
    ))
    types = {e.name: e.type for e in x.entities}
    assert types.get("Quaytronics") == types.get("Dockwell Motors") == "PrivateSector"
    assert types.get("Harbour Magna Carta for Small Firms") == "Law"
    assert not any(n.startswith("Republic Act") for n in names(x))


def test_more_verbs_of_running_hosting_and_reorganising():
    x = extract(document_from_text(
        "The Harbour Trade Office has been entrusted with the Pier Loan. The Coast Skills Fund is housed in the "
        "Harbour Development Bank. The Pier Growth Council acts as the secretariat for the Dock Cluster Programme. "
        "The Norland Cloud Voucher is available to firms via the Harbour Trade Office.\n\n"
        "The Port Analytics Unit was spun out of the Harbour Trade Office in 2032. The Coast Business Board was "
        "dissolved in 2033 and its tasks taken over by the Quay Enterprise Agency. The Quay Business Authority was "
        "wound up in 2035, and its staff moved to the Ministry of Ports.\n\n"
        "The Sorvik Innovation Hub, a joint venture of the Harbour Development Bank and the Norland Chamber of "
        "Commerce, opened in 2031. Oversight of the Pier Credit Line rests with the Ministry of Finance.\n"
    ))
    found = dated_facts(x)
    for fact in [("IMPLEMENTS", "Harbour Trade Office", "Pier Loan"),
                 ("IMPLEMENTS", "Harbour Development Bank", "Coast Skills Fund"),
                 ("IMPLEMENTS", "Pier Growth Council", "Dock Cluster Programme"),
                 ("IMPLEMENTS", "Harbour Trade Office", "Norland Cloud Voucher"),
                 ("LEADS", "Ministry of Finance", "Pier Credit Line")]:
        assert fact in found
    assert found[("TRANSFERRED_TO", "Harbour Trade Office", "Port Analytics Unit")] == (2032, None)
    assert found[("SUCCEEDED_BY", "Coast Business Board", "Quay Enterprise Agency")] == (2033, None)
    assert found[("TRANSFERRED_TO", "Quay Business Authority", "Ministry of Ports")] == (2035, None)
    partners = {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"}
    assert frozenset({"Harbour Development Bank", "Norland Chamber of Commerce"}) in partners


def test_and_the_before_a_second_bodys_full_name_ends_the_first():
    x = extract(document_from_text(
        "The Dock Mentoring Scheme is a collaboration between the Norland Chamber of Commerce and the Sorvik "
        "Employers Federation. The Ministry for Ports and the Civil Service funds it.\n"
    ))
    assert {"Norland Chamber of Commerce", "Sorvik Employers Federation", "Ministry for Ports and the Civil Service"} \
        <= names(x)


def test_bodies_brought_together_a_sponsoring_ministry_and_base_forms_of_oversight():
    x = extract(document_from_text(
        "The Quay Innovation Council brings together the Ministry of Ports, the Harbour Enterprise Agency and the "
        "Norland Chamber of Commerce. The Harbour Enterprise Agency is a non-departmental public body sponsored by "
        "the Ministry of Ports. The Dock Voucher is co-ordinated by the Ministry of Ports. The Ministry of Ports and "
        "the Ministry of Finance jointly oversee the Coast Tech Fund. The Harbour Enterprise Portal is maintained by "
        "the Norland Digital Agency.\n"
    ))
    found = set(dated_facts(x))
    assert "Ministry of Ports" in names(x) and not any(n.startswith("Ministry of Ports,") for n in names(x))
    assert {("PART_OF", "Harbour Enterprise Agency", "Quay Innovation Council"),
            ("PART_OF", "Harbour Enterprise Agency", "Ministry of Ports"),
            ("LEADS", "Ministry of Ports", "Dock Voucher"),
            ("LEADS", "Ministry of Ports", "Coast Tech Fund"),
            ("LEADS", "Ministry of Finance", "Coast Tech Fund"),
            ("IMPLEMENTS", "Norland Digital Agency", "Harbour Enterprise Portal")} <= found


def test_a_bodys_programmes_listed_after_its_possessive():
    found = facts("The Harbour Enterprise Agency's main programmes are the Dock Skills Scheme and the Quay Digital "
                  "Voucher.\n")
    assert {("LEADS", "Harbour Enterprise Agency", "Dock Skills Scheme"),
            ("LEADS", "Harbour Enterprise Agency", "Quay Digital Voucher")} <= found


def test_a_list_of_abbreviations_defines_the_names_the_text_then_abbreviates():
    for glossary in ("HEA\tHarbour Enterprise Agency\nMoP\tMinistry of Ports\nQDV\tQuay Digital Voucher\n"
                     "SME\tSmall and medium-sized enterprise\n",
                     "| Abbreviation | Meaning |\n|---|---|\n| HEA | Harbour Enterprise Agency |\n"
                     "| MoP | Ministry of Ports |\n| QDV | Quay Digital Voucher |\n"):
        x = extract(document_from_text(
            "Abbreviations\n\n" + glossary + "\nFindings\n\nThe MoP oversees the HEA. The QDV, launched by the MoP "
            "in 2031, is administered by the HEA.\n", "report.md", "markdown",
        ))
        found = dated_facts(x)
        assert found[("LEADS", "Ministry of Ports", "Quay Digital Voucher")] == (2031, None)
        assert ("IMPLEMENTS", "Harbour Enterprise Agency", "Quay Digital Voucher") in found
        assert ("PART_OF", "Harbour Enterprise Agency", "Ministry of Ports") in found
        assert not any(n.startswith("Small and") for n in names(x))


def test_a_list_of_abbreviations_at_the_end_defines_them_for_the_text_before_it():
    x = extract(document_from_text(
        "Findings\n\nThe MoP oversees the HEA. The QDV, launched by the MoP in 2031, is administered by the HEA.\n\n"
        "Annex: Abbreviations\n\nHEA\tHarbour Enterprise Agency\nMoP\tMinistry of Ports\nQDV\tQuay Digital Voucher\n"
    ))
    found = dated_facts(x)
    assert found[("LEADS", "Ministry of Ports", "Quay Digital Voucher")] == (2031, None)
    assert ("PART_OF", "Harbour Enterprise Agency", "Ministry of Ports") in found
    assert "MoP" not in names(x)


@pytest.mark.parametrize("line", ["{a}: {n}", "{a} \u2013 {n}", "- {a}: {n}", "{a} = {n}"])
def test_a_list_of_abbreviations_in_other_layouts(line):
    pairs = [("HEA", "Harbour Enterprise Agency"), ("MoP", "Ministry of Ports"), ("QDV", "Quay Digital Voucher")]
    glossary = "\n".join(line.format(a=a, n=n) for a, n in pairs)
    found = facts(f"Acronyms\n\n{glossary}\n\nFindings\n\nThe MoP oversees the HEA. The QDV is administered by the "
                  "HEA.\n")
    assert {("PART_OF", "Harbour Enterprise Agency", "Ministry of Ports"),
            ("IMPLEMENTS", "Harbour Enterprise Agency", "Quay Digital Voucher")} <= found


@pytest.mark.parametrize(("sentence", "fact"), [
    ("The Ministry of Ports has oversight of the Dock Voucher.", ("LEADS", "Ministry of Ports", "Dock Voucher")),
    ("The Harbour Enterprise Agency holds responsibility for the Pier Loan.",
     ("LEADS", "Harbour Enterprise Agency", "Pier Loan")),
    ("The Norland Trade Board is the competent authority for the Bay Export Grant.",
     ("LEADS", "Norland Trade Board", "Bay Export Grant")),
    ("In 2031 the Harbour Enterprise Agency was given responsibility for the Quay Digital Voucher.",
     ("LEADS", "Harbour Enterprise Agency", "Quay Digital Voucher")),
    ("The Harbour Development Bank is the executing agency for the Coast Tech Fund.",
     ("IMPLEMENTS", "Harbour Development Bank", "Coast Tech Fund")),
    ("The Dock Cluster Programme was assigned to the Pier Growth Council in 2030.",
     ("IMPLEMENTS", "Pier Growth Council", "Dock Cluster Programme")),
    ("The Harbour Enterprise Agency and the Norland Trade Board share the management of the Pier Export Desk.",
     ("IMPLEMENTS", "Norland Trade Board", "Pier Export Desk")),
    ("The Quay Innovation Fund is a financial instrument of the Harbour Development Bank.",
     ("LEADS", "Harbour Development Bank", "Quay Innovation Fund")),
])
def test_more_phrases_of_responsibility(sentence, fact):
    assert fact in facts(sentence + "\n")


def test_successions_phased_out_in_favour_of_renamed_after_formerly_and_under_a_new_name():
    found = facts(
        "The Bay Credit Scheme was phased out in 2029 in favour of the Coast Credit Line. Formerly the Quay IT "
        "Office, the Norland Digital Agency was renamed in 2029. The Norland Enterprise Network was relaunched in "
        "2035 under the name Norland Business Hubs.\n"
    )
    assert {("SUCCEEDED_BY", "Bay Credit Scheme", "Coast Credit Line"),
            ("SUCCEEDED_BY", "Quay IT Office", "Norland Digital Agency"),
            ("SUCCEEDED_BY", "Norland Enterprise Network", "Norland Business Hubs")} <= found
    assert ("SUCCEEDED_BY", "Norland Digital Agency", "Quay IT Office") not in found
    assert not any(f[0] == "PART_OF" and f[2] == "Norland Business Hubs" for f in found)


def test_a_tables_ministry_column_leads_and_a_note_defines_its_abbreviations():
    x = extract(document_from_text(
        "Table 4.2. Main programmes\n"
        "Programme                         Ministry    Agency     Period\n"
        "Quay Voucher                      MoP         QEA        2029-\n"
        "Dock Cloud Grant                  MoP         QEA        2030-2034\n"
        "Pier Innovation Vouchers          MSHE        QEA        2025-2030\n\n"
        "Note: MoP = Ministry of Ports; MSHE = Ministry of Science and Higher Education; QEA = Quay Enterprise "
        "Agency.\n"
    ))
    found = set(dated_facts(x))
    assert {("LEADS", "Ministry of Ports", "Quay Voucher"),
            ("LEADS", "Ministry of Science and Higher Education", "Pier Innovation Vouchers"),
            ("IMPLEMENTS", "Quay Enterprise Agency", "Dock Cloud Grant")} <= found


def test_a_flagship_named_after_its_and_a_ministry_that_designs_a_scheme():
    found = facts(
        "In Valdoria, responsibility is split between the Ministry of Economy, which designs the Go Digital scheme, "
        "and the Valdoria Trade Institute, which implements it.\n\nIn Sorvik, a single body, Sorvik Enterprise, "
        "delivers support. It was formed in 2027. Its flagship is the Digital Leap programme.\n"
    )
    assert {("LEADS", "Ministry of Economy", "Go Digital scheme"),
            ("IMPLEMENTS", "Valdoria Trade Institute", "Go Digital scheme"),
            ("LEADS", "Sorvik Enterprise", "Digital Leap programme")} <= found


def test_a_body_that_sits_in_or_is_housed_in_another_is_part_of_it():
    found = facts(
        "Small firms are overseen by the State Department for Quays, which sits in the Ministry of Ports. The "
        "Harbour Data Unit is housed in the Norland Digital Agency, and the Coast Fund is housed in the Harbour "
        "Development Bank.\n"
    )
    assert {("PART_OF", "State Department for Quays", "Ministry of Ports"),
            ("PART_OF", "Harbour Data Unit", "Norland Digital Agency"),
            ("IMPLEMENTS", "Harbour Development Bank", "Coast Fund")} <= found


def test_a_founding_year_opening_the_sentence_dates_the_body_not_what_it_runs():
    x = extract(document_from_text(
        "The Valdoria Enterprise Agency is the main delivery body. Established in 2009, it reports to the Ministry "
        "of Economic Development and manages some 20 programmes, including the Digital Boost Voucher.\n"
    ))
    found = dated_facts(x)
    assert found[("IMPLEMENTS", "Valdoria Enterprise Agency", "Digital Boost Voucher")] == (None, None)
    assert found[("PART_OF", "Valdoria Enterprise Agency", "Ministry of Economic Development")] == (2009, None)


def test_more_ways_of_working_together():
    x = extract(document_from_text(
        "The Ministry of Ports teamed up with the Sorvik Employers Federation in 2031. The Norland Trade Board "
        "joined forces with the Harbour Development Bank on export finance. The Quay Digital Voucher was jointly "
        "developed by the Norland Digital Agency and the Harbour Enterprise Agency. The Pier Cluster Initiative "
        "is co-led by the Norland Trade Board and the Sorvik Regional Council. The Harbour Enterprise Agency and "
        "the Norland Trade Board cooperate on trade missions. In close cooperation with the Ministry of Finance, "
        "the Ministry of Ports prepared the Norland Growth Strategy.\n"
    ))
    found = set(dated_facts(x))
    partners = {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"}
    pairs = [("Ministry of Ports", "Sorvik Employers Federation"), ("Norland Trade Board", "Harbour Development Bank"),
             ("Norland Digital Agency", "Harbour Enterprise Agency"),
             ("Norland Trade Board", "Sorvik Regional Council"),
             ("Harbour Enterprise Agency", "Norland Trade Board"), ("Ministry of Finance", "Ministry of Ports")]
    for a, b in pairs:
        assert frozenset({a, b}) in partners
    assert {("LEADS", "Norland Trade Board", "Pier Cluster Initiative"),
            ("LEADS", "Sorvik Regional Council", "Pier Cluster Initiative")} <= found


def test_a_sentence_opening_on_a_roles_label_relates_its_list_to_the_instrument_before():
    found = facts(
        "The Quay Digital Voucher is run by the Harbour Enterprise Agency. Partners include the Norland Chamber of "
        "Commerce and the Sorvik Employers Federation.\n\nThe Dock Skills Scheme is managed by the Ministry of "
        "Labour. Delivery partners are the Norland Skills Council and the regional chambers of commerce.\n"
    )
    assert {("PARTICIPATES_IN", "Norland Chamber of Commerce", "Quay Digital Voucher"),
            ("PARTICIPATES_IN", "Sorvik Employers Federation", "Quay Digital Voucher"),
            ("PARTICIPATES_IN", "Norland Skills Council", "Dock Skills Scheme")} <= found


def test_names_in_italian_portuguese_and_spanish_with_their_articles_and_adjectives():
    x = extract(document_from_text(
        "In Valdoria, the Agenzia per l'Innovazione Portuale (AIP) coordinates the digital agenda. The Serviço "
        "Brasileiro de Apoio às Micro e Pequenas Empresas (Sebrae) delivers training, and the Agência Brasileira "
        "de Desenvolvimento Industrial (ABDI) runs the Quay Mais Produtivo programme with the Servicio Nacional de "
        "Aprendizaje Portuario. The Ministério da Economia funds the Vale Digitalização voucher.\n"
    ))
    types = {e.name: e.type for e in x.entities}
    assert types.get("Agenzia per l'Innovazione Portuale") == "Agency"
    assert types.get("Serviço Brasileiro de Apoio às Micro e Pequenas Empresas") == "Agency"
    assert types.get("Agência Brasileira de Desenvolvimento Industrial") == "Agency"
    assert types.get("Servicio Nacional de Aprendizaje Portuario") == "Agency"
    assert types.get("Ministério da Economia") == "Ministry"
    assert ("LEADS", "Ministério da Economia", "Vale Digitalização voucher") in set(dated_facts(x))


def test_german_federal_and_state_offices_are_bodies():
    x = extract(document_from_text(
        "The Bundesamt für Hafenwirtschaft (BAH) administers the Quay Voucher, and the Bundesagentur für Arbeit "
        "co-funds training. The Landesamt für Digitalisierung runs the Digitalbonus Norland programme.\n"
    ))
    types = {e.name: e.type for e in x.entities}
    assert types.get("Bundesamt für Hafenwirtschaft") == types.get("Bundesagentur für Arbeit") == "Agency"
    assert ("IMPLEMENTS", "Bundesamt für Hafenwirtschaft", "Quay Voucher") in set(dated_facts(x))


def test_a_closed_bodys_programmes_absorbed_by_another_after_a_semicolon():
    found = facts(
        "The Quay Enterprise Institute, which managed the Dock Fund, was closed in 2031; its remaining programmes "
        "were absorbed by the Ministry of Ports.\n"
    )
    assert ("SUCCEEDED_BY", "Quay Enterprise Institute", "Ministry of Ports") in found


def test_a_fields_label_that_happens_to_spell_its_value_is_no_abbreviation():
    x = extract(document_from_text(
        "Quay Voucher\nLead: Local Enterprise Agency Desk\nPartners: Norland Chamber of Commerce\n\n"
        "Lead times for applications are short.\n"
    ))
    assert not any("Lead" in e.aliases for e in x.entities)


def test_bodies_named_between_dashes_after_the_agencies_under_a_ministry():
    found = facts(
        "The Ministry of Economy and Innovation designs SME policy, while two agencies under its supervision – "
        "Sorvik Enterprise and the Sorvik Trade Office – are tasked with its implementation.\n"
    )
    assert {("PART_OF", "Sorvik Enterprise", "Ministry of Economy and Innovation"),
            ("PART_OF", "Sorvik Trade Office", "Ministry of Economy and Innovation")} <= found


def test_a_decks_dated_items_timeline_lines_and_downward_arrows():
    x = extract(document_from_text(
        "Delivery system\nMinistry of Economy\n    \u2193\nValdoria Enterprise Agency (VEA)\n\n"
        "Programmes\nDigital Voucher (2028-, VEA)\n"
        "Digital Academy (2029-, Valdoria Skills Foundation with Valdoria Chamber of Commerce)\n"
        "Industry 4.0 Loans (2030-, Valdoria Development Bank)\n\n"
        "Reforms\n2027: Valdoria Trade Office + Valdoria Investment Agency \u2192 Valdoria Enterprise Agency\n"
        "2030: Digital Voucher moved from Ministry of Economy to VEA\n"
    ))
    found = dated_facts(x)
    assert found[("IMPLEMENTS", "Valdoria Enterprise Agency", "Digital Voucher")] == (2028, None)
    assert found[("PARTICIPATES_IN", "Valdoria Chamber of Commerce", "Digital Academy")] == (2029, None)
    assert found[("IMPLEMENTS", "Valdoria Development Bank", "Industry 4.0 Loans")] == (2030, None)
    assert found[("SUCCEEDED_BY", "Valdoria Trade Office", "Valdoria Enterprise Agency")] == (2027, None)
    assert ("PART_OF", "Valdoria Enterprise Agency", "Ministry of Economy") in found
    assert "Programmes Digital Voucher" not in names(x)


def test_a_slides_sentence_case_heading_does_not_join_the_name_under_it():
    x = extract(document_from_text("Policy framework\nValdoria Digital Agenda 2030\n - Pillar 3: Digital economy\n"))
    assert not any(n.startswith("Policy framework") for n in names(x))
    assert any(n.startswith("Valdoria Digital Agenda") for n in names(x))


def test_a_bodys_own_page_we_and_who_we_work_with():
    found = facts(
        "# Harbour Enterprise Agency\n\n## About us\n\nThe Harbour Enterprise Agency is Norland's agency for small "
        "business growth. We are part of the Ministry of Ports.\n\n## Who we work with\n\n- Norland Chamber of "
        "Commerce\n- Sorvik Employers Federation\n"
    )
    assert ("PART_OF", "Harbour Enterprise Agency", "Ministry of Ports") in found
    partners = {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"}
    assert frozenset({"Harbour Enterprise Agency", "Sorvik Employers Federation"}) in partners


def test_its_flagship_programme_in_apposition_even_when_the_owner_is_named_later_as_a_partner():
    found = facts(
        "In Norland, the Ministry of Ports leads the digital agenda for firms. Its flagship programme for small "
        "businesses, the Quay Digital Centres, was created in 2028 and is operated by the Norland Chamber of "
        "Commerce under agreements with the Ministry of Ports.\n"
    )
    assert ("LEADS", "Ministry of Ports", "Quay Digital Centres") in found


def test_a_head_followed_by_one_name_and_the_former_before_a_name_is_no_pronoun():
    found = facts(
        "The Small Business Digital Support Program is delivered by Service Quayland on behalf of the Department of "
        "Enterprise and Trade. The program replaces the Digital Ready Grant, which ran from 2028 to 2031 under the "
        "former Department of Industry.\n"
    )
    assert ("IMPLEMENTS", "Service Quayland", "Small Business Digital Support Program") in found
    assert ("LEADS", "Department of Industry", "Digital Ready Grant") in found
    assert not any(f[0] == "PART_OF" and f[1] == "Digital Ready Grant" for f in found)


def test_a_body_among_the_implementing_agencies():
    found = facts("The Dock Cloud scheme was built around cloud computing, with the public sector firm Quaytel "
                  "Limited among the implementing agencies.\n")
    assert ("IMPLEMENTS", "Quaytel Limited", "Dock Cloud scheme") in found


def test_accountable_to_a_ministry_and_a_programme_under_a_pillar_of_a_strategy():
    x = extract(document_from_text(
        "The Norland Trade Board is accountable to the Ministry of Finance. The Quay Export Programme falls under "
        "Pillar 2 of the Norland Growth Strategy.\n"
    ))
    found = set(dated_facts(x))
    assert {("PART_OF", "Norland Trade Board", "Ministry of Finance"),
            ("PART_OF", "Quay Export Programme", "Norland Growth Strategy")} <= found
    assert "Pillar" not in names(x)


def test_an_abbreviation_before_a_lower_case_law_names_the_law():
    x = extract(document_from_text(
        "Under the QUAYS law of 2031, regions lead economic development, and the PIERS act simplified the rules.\n"
    ))
    types = {e.name: e.type for e in x.entities}
    assert types.get("QUAYS law") == types.get("PIERS act") == "Law"


def test_its_in_an_opening_frame_is_the_main_clauses_subjects():
    found = facts("Through its Bay Connect service, the Norland Digital Agency offers free cybersecurity checks.\n")
    assert ("LEADS", "Norland Digital Agency", "Bay Connect") in found


def test_a_romance_names_and_before_an_article_stays_in_the_name():
    x = extract(document_from_text("The Ministero delle Imprese e del Porto (MIP) runs the Quay Voucher.\n"))
    assert ("IMPLEMENTS", "Ministero delle Imprese e del Porto", "Quay Voucher") in set(dated_facts(x))


def test_a_recommendation_or_a_supposition_states_no_relation_but_the_facts_beside_it_stay():
    found = facts(
        "The Valdoria Enterprise Agency (VEA) runs the Quay Voucher and should cooperate with the Norland Chamber "
        "of Commerce on the Harbour Skills Scheme.\n"
        "It is recommended that the Valdoria Digital Office lead the Coastal Data Strategy.\n"
        "The government may wish to consider merging the VEA into the Valdoria Development Bank.\n"
        "If the Quay Voucher were run by the Sorvik Business Association, take-up would rise.\n"
        "The Sorvik Business Association partners with the VEA on the Harbour Skills Scheme.\n"
    )
    assert {("IMPLEMENTS", "Valdoria Enterprise Agency", "Quay Voucher"),
            ("COLLABORATES_WITH", "Sorvik Business Association", "Valdoria Enterprise Agency")} <= found
    assert not {f for f in found if "Norland Chamber of Commerce" in f or "Valdoria Development Bank" in f
                or f[1:] == ("Valdoria Digital Office", "Coastal Data Strategy")
                or f[1:] == ("Sorvik Business Association", "Quay Voucher")}


def test_a_body_that_took_over_a_programme_from_another_runs_it_since_then():
    x = extract(document_from_text(
        "The Valdoria Enterprise Agency runs the Quay Voucher.\n"
        "In 2031 the Valdoria Digital Office took over the Coastal Data Strategy from the Valdoria Enterprise Agency.\n"
    ))
    dated = dated_facts(x)
    assert dated.get(("IMPLEMENTS", "Valdoria Digital Office", "Coastal Data Strategy")) == (2031, None)
    assert dated.get(("TRANSFERRED_TO", "Valdoria Enterprise Agency", "Valdoria Digital Office")) == (2031, None)


def test_a_denied_relation_is_not_read_but_not_only_still_states_both():
    found = facts(
        "The Valdoria Enterprise Agency does not run the Quay Voucher. "
        "The Harbour Grant is not managed by the Norland Digital Office but by the Sorvik Trade Board. "
        "Neither the Valdoria Enterprise Agency nor the Norland Digital Office takes part in the Coastal Network. "
        "The Sorvik Trade Board not only runs the Dock Loan but also funds the Pier Fund.\n"
    )
    assert {("IMPLEMENTS", "Sorvik Trade Board", "Dock Loan"), ("LEADS", "Sorvik Trade Board", "Pier Fund")} <= found
    assert not {f for f in found if f[2] in ("Quay Voucher", "Coastal Network")
                or f[1:] == ("Norland Digital Office", "Harbour Grant")}


def test_an_article_of_another_language_before_a_head_opens_no_name():
    x = extract(document_from_text(
        "Il Ministero delle Imprese del Porto runs the Quay Voucher. Die Bundesagentur für Häfen funds it.\n"
    ))
    assert {"Ministero delle Imprese del Porto", "Bundesagentur für Häfen"} <= names(x)


def test_an_infobox_predecessor_found_by_shape_and_an_agent_named_without_a_name():
    x = extract(document_from_text(
        "# Norland Innovation Agency\n\n"
        "| Norland Innovation Agency | |\n|---|---|\n"
        "| Preceding agencies | Norland Technology Centre; Export Norland |\n\n"
        "The Norland Innovation Agency runs the Quay Digital Grant. A review of the grant, commissioned by my "
        "Department from the Harbour Economic Institute, will be published in 2033.\n"
    ))
    found = set(dated_facts(x))
    assert {("SUCCEEDED_BY", "Norland Technology Centre", "Norland Innovation Agency"),
            ("SUCCEEDED_BY", "Export Norland", "Norland Innovation Agency")} <= found
    assert not {f for f in found if f[1] == "Harbour Economic Institute"}


def test_a_body_named_with_its_country_after_the_head_and_an_about_heading():
    x = extract(document_from_text(
        "# About Quay Agency Latvia\n\n"
        "Quay Agency Latvia runs the Quay Digital Grant. It works in Latvia and Valdoria.\n"
    ))
    assert ("IMPLEMENTS", "Quay Agency Latvia", "Quay Digital Grant") in set(dated_facts(x))
    assert not {n for n in names(x) if n.startswith("About")}


def test_a_labelled_item_is_the_subject_of_its_passive_clauses():
    found = facts(
        "The following programmes matter most:\n\n"
        "- Quay Support Programme (QSP): grants to small firms for consulting; administered by the Harbour "
        "Secretariat and financed by a loan from the Norland Development Bank.\n"
        "- Network of Dock Agencies: local agencies that act as first contact for firms; coordinated by the "
        "Harbour Secretariat.\n"
        "- The Pier Institute was placed under the Ministry of Docks together with the rest of the Ministry of "
        "Piers's bodies.\n"
    )
    assert {("IMPLEMENTS", "Harbour Secretariat", "Quay Support Programme"),
            ("LEADS", "Norland Development Bank", "Quay Support Programme"),
            ("LEADS", "Harbour Secretariat", "Network of Dock Agencies"),
            ("PART_OF", "Pier Institute", "Ministry of Docks")} <= found
    assert not {f for f in found if "Ministry of Piers" in f}


def test_a_name_for_the_promotion_of_something_runs_on():
    x = extract(document_from_text(
        "The Norland Agency for the Promotion of Small and Medium Enterprises (NAPSME) runs the Quay Voucher.\n"
    ))
    assert ("IMPLEMENTS", "Norland Agency for the Promotion of Small and Medium Enterprises", "Quay Voucher") in set(
        dated_facts(x))


def test_an_abbreviated_corp_in_brackets_and_a_body_placed_under_a_newly_created_ministry():
    x = extract(document_from_text(
        "Quay Corporation Latvia (Quay Corp. Latvia) was established in 2029 as the successor to the Dock "
        "Development Corporation. Until 2030 it came under the Ministry of Ports; it was then placed under the "
        "newly created Ministry of Docks.\n"
    ))
    found = set(dated_facts(x))
    assert {("SUCCEEDED_BY", "Dock Development Corporation", "Quay Corporation Latvia"),
            ("PART_OF", "Quay Corporation Latvia", "Ministry of Ports"),
            ("PART_OF", "Quay Corporation Latvia", "Ministry of Docks")} <= found


def test_an_apposition_naming_its_owner_and_a_name_ending_for_all():
    found = facts(
        "Export Norland, the Valdoria Government's advice service, runs the Quay Voucher. "
        "The Valdoria Government's economic plan, Prosperity for All, was published in 2031. "
        "The Quay Voucher's successor, the Dock Voucher, opened in 2032.\n"
    )
    assert {("IMPLEMENTS", "Export Norland", "Quay Voucher"), ("PART_OF", "Export Norland", "Valdoria Government"),
            ("LEADS", "Valdoria Government", "Prosperity for All"),
            ("SUCCEEDED_BY", "Quay Voucher", "Dock Voucher")} <= found
    assert ("PART_OF", "Dock Voucher", "Quay Voucher") not in found


def test_a_role_label_that_names_its_instrument():
    found = facts("Delivery partners for the Quay Voucher: the Pier Office and the Dock Board.\n")
    assert {("PARTICIPATES_IN", "Pier Office", "Quay Voucher"),
            ("PARTICIPATES_IN", "Dock Board", "Quay Voucher")} <= found


def test_a_body_page_lists_what_it_manages_and_who_it_works_with():
    found = facts(
        "# About the Norland Development Bank\n\n"
        "The Norland Development Bank is owned by the Valdoria Government.\n\n"
        "## Funds we manage\n\n- Quay Flexible Investment Fund\n- Dock Business Fund (2030-2035)\n\n"
        "## Who we are\n\nWe work closely with:\n\n- the Harbour Co-operative Centre\n\n"
        "We work with Export Norland, the Valdoria Government's advice service for exporters.\n"
    )
    assert {("IMPLEMENTS", "Norland Development Bank", "Quay Flexible Investment Fund"),
            ("IMPLEMENTS", "Norland Development Bank", "Dock Business Fund"),
            ("COLLABORATES_WITH", "Harbour Co-operative Centre", "Norland Development Bank")} <= found
    assert not {f for f in found if f[0] == "COLLABORATES_WITH" and "Valdoria Government" in f}


def test_a_deck_item_defining_its_abbreviation_keeps_its_years_and_body_apart():
    x = extract(document_from_text(
        "The Ministry of Trade (MOT) leads.\n\n- EXPO – Export Readiness Programme (2031-2035, MOT)\n"
    ))
    names_ = {e.name: e for e in x.entities}
    assert "EXPO" in names_["Export Readiness Programme"].aliases
    assert dated_facts(x).get(("IMPLEMENTS", "Ministry of Trade", "Export Readiness Programme")) == (2031, 2035)


def test_an_abbreviation_after_the_year_that_ends_a_name():
    found = facts(
        "The National Export Policy 2030 (NEP 2030) was adopted in 2029 by the Ministry of Trade. "
        "NEP 2030 is run by the Quay Agency.\n"
    )
    assert {("LEADS", "Ministry of Trade", "National Export Policy"),
            ("IMPLEMENTS", "Quay Agency", "National Export Policy")} <= found


def test_within_it_after_a_sentence_about_a_body_and_owners_with_their_shares():
    x = extract(document_from_text(
        "Support was built around the Quay Economy Law.\n\n"
        "The Ministry of Docks (MD) was created in 2029. Within it, the Secretariat for Small Firms (SSF) was "
        "responsible for most support to firms.\n"
        "Until March 2030 the Pier Agency reported to the Ministry of Docks.\n"
        "The Quay Fund is owned by the Ministry of Docks (51%) and the Norland Harbour Board (49%).\n"
    ))
    dated = dated_facts(x)
    assert ("PART_OF", "Secretariat for Small Firms", "Ministry of Docks") in dated
    assert dated.get(("PART_OF", "Pier Agency", "Ministry of Docks")) == (None, 2030)
    assert {("LEADS", "Ministry of Docks", "Quay Fund"), ("LEADS", "Norland Harbour Board", "Quay Fund")} <= set(dated)


def test_reorganisations_told_by_long_objects_and_a_formation_when_bodies_were_brought_together():
    x = extract(document_from_text(
        "The Ministry of Ports and Trade was formed on 1 January 2031 when the former Ministry of Ports and the "
        "Ministry of Trade were brought together. In 2032 the Quay Agency took over responsibility for "
        "digitalisation policy from the Ministry of Local Affairs. The Quay Agency took over most of the tasks "
        "of the Dock Business Agency and of the Dock Rural Agency.\n"
    ))
    dated = dated_facts(x)
    assert dated.get(("SUCCEEDED_BY", "Ministry of Ports", "Ministry of Ports and Trade")) == (2031, None)
    assert ("SUCCEEDED_BY", "Ministry of Trade", "Ministry of Ports and Trade") in dated
    assert dated.get(("TRANSFERRED_TO", "Ministry of Local Affairs", "Quay Agency")) == (2032, None)
    assert {("SUCCEEDED_BY", "Dock Business Agency", "Quay Agency"),
            ("SUCCEEDED_BY", "Dock Rural Agency", "Quay Agency")} <= set(dated)


def test_a_table_of_measures_names_each_row_by_its_first_cell():
    x = extract(document_from_text(
        "| Measure | Period | Managed by | Funding |\n|---|---|---|---|\n"
        "| Industry digitalisation grants (IDG) | 2031–2033 | Quay Agency | Ministry of Docks |\n"
        "| E-commerce grants for SMEs | 2030–2032 | Quay Agency | Ministry of Docks |\n"
        "| Digital Innovation Hubs support | since 2033 | Quay Agency | Ministry of Docks |\n"
    ))
    found = set(dated_facts(x))
    for measure in ("Industry digitalisation grants", "E-commerce grants for SMEs", "Digital Innovation Hubs support"):
        assert {("IMPLEMENTS", "Quay Agency", measure), ("LEADS", "Ministry of Docks", measure)} <= found
    assert {e.name: e.type for e in x.entities}["Industry digitalisation grants"] == "Programme"


def test_deck_shorthand_plus_signs_dated_items_and_a_programme_delivered_with_a_partner():
    found = facts(
        "The Norland Enterprise Agency (NEA) and the Norland Research Centre (NRC) lead.\n\n"
        "- Smart Growth Programme (SGP) (2031-2035, NEA + NRC)\n\n"
        "Ministry of Ports\n- 2030: renamed Ministry of Ports and Docks\n\n"
        "The Quay Office was split in 2032 → Quay Agency + Dock Agency\n\n"
        "Since 2031 the Quay Centres have hosted the Pier Academy, delivered with the Dock Board.\n"
    )
    assert {("IMPLEMENTS", "Norland Enterprise Agency", "Smart Growth Programme"),
            ("IMPLEMENTS", "Norland Research Centre", "Smart Growth Programme"),
            ("SUCCEEDED_BY", "Ministry of Ports", "Ministry of Ports and Docks"),
            ("SUCCEEDED_BY", "Quay Office", "Quay Agency"), ("SUCCEEDED_BY", "Quay Office", "Dock Agency"),
            ("PARTICIPATES_IN", "Dock Board", "Pier Academy")} <= found


def test_bullets_under_a_first_person_heading_are_the_pages_body_at_work():
    found = facts(
        "# About the Quay Agency\n\nThe Quay Agency is a public body under the Ministry of Ports.\n\n"
        "## What we do\n\n- advise companies on digitalisation;\n- administer the Dock Voucher and the Pier Grant;\n"
    )
    assert {("IMPLEMENTS", "Quay Agency", "Dock Voucher"), ("IMPLEMENTS", "Quay Agency", "Pier Grant")} <= found


def test_part_of_its_fund_in_the_passive_is_the_agents_fund():
    found = facts(
        "The Quay Loan Scheme was launched in 2031 as part of its Resilience Fund by the Norland Development Bank.\n"
    )
    assert {("PART_OF", "Quay Loan Scheme", "Resilience Fund"),
            ("LEADS", "Norland Development Bank", "Resilience Fund")} <= found
    assert ("PART_OF", "Resilience Fund", "Quay Loan Scheme") not in found


def test_kinds_of_partner_bodies_named_by_common_nouns():
    found = facts(
        "E-commerce platforms, payment providers and logistics companies take part in the Dock Voucher. "
        "The Quay Agency works with universities and business chambers.\n"
    )
    assert {("PARTICIPATES_IN", "E-commerce platforms", "Dock Voucher"),
            ("PARTICIPATES_IN", "Payment providers", "Dock Voucher"),
            ("PARTICIPATES_IN", "Logistics companies", "Dock Voucher"),
            ("COLLABORATES_WITH", "Quay Agency", "Universities"),
            ("COLLABORATES_WITH", "Business chambers", "Quay Agency")} <= found


def test_a_deck_glossary_of_another_languages_capitals_and_its_later_uses():
    found = facts(
        "Institutions\n\n- Ministry of Ports (MP)\n   - supervises NARP\n"
        "- NARP = Norland Agency for Port Development\n\n"
        "Programmes\n\n- Smart Quay Programme (SQP) (2031-2035, NARP + NCDR)\n"
        "- Dock Vouchers (NARP) - firms buy advice\n"
        "- Quay Strategy (adopted 2030)\n   → replaced in practice by Dock Strategy 2040 (adopted 2033)\n"
        "- 2032: Ministry of Docks abolished, tasks taken over by the Chancellery of the Prime Minister\n"
    )
    assert {("PART_OF", "Norland Agency for Port Development", "Ministry of Ports"),
            ("IMPLEMENTS", "Norland Agency for Port Development", "Smart Quay Programme"),
            ("SUCCEEDED_BY", "Quay Strategy", "Dock Strategy"),
            ("SUCCEEDED_BY", "Ministry of Docks", "Chancellery of the Prime Minister")} <= found


def test_the_ministry_named_as_often_as_another_is_the_first_one_named():
    found = facts(
        "Policy for enterprise lies with the Ministry of Ports and Trade, while the digital portfolio was moved to "
        "the Ministry of Finance in 2031.\n\nThe main implementing body is the Quay Agency, a government agency "
        "under the ministry.\n"
    )
    assert ("PART_OF", "Quay Agency", "Ministry of Ports and Trade") in found
    assert ("PART_OF", "Quay Agency", "Ministry of Finance") not in found


def test_the_country_a_document_is_about_is_a_node_even_when_named_only_inside_names():
    from loaders.batch import extraction_to_graph

    x = extract(document_from_text(
        "SME SUPPORT IN LATVIA\n\nThe Latvian Quay Agency runs the Fund for Eastern Latvia.\n"
    ))
    g = extraction_to_graph([x])
    countries_ = [d for _, d in g.graph.nodes(data=True) if d["type"] == "Country"]
    assert [c["name"] for c in countries_] == ["Latvia"] and countries_[0]["country"] == "LVA"


def test_belonging_coordination_a_chain_of_former_names_and_more_kinds_of_bodies():
    found = facts(
        "Since 2031 the Quay Agency has belonged to the Ministry of Docks. "
        "The Ministry of Ports and Trade (MPT) was formerly called the Ministry of Trade and Ports and, before "
        "that, the Ministry of Harbour Funds. The Pier Office is coordinated by the Ministry of Docks. "
        "The Quay Hubs programme is run by consortia of universities, clusters and IT companies, and the Quay "
        "Agency cooperates with the cantons.\n"
    )
    assert {("PART_OF", "Quay Agency", "Ministry of Docks"),
            ("SUCCEEDED_BY", "Ministry of Trade and Ports", "Ministry of Ports and Trade"),
            ("SUCCEEDED_BY", "Ministry of Harbour Funds", "Ministry of Trade and Ports"),
            ("PART_OF", "Pier Office", "Ministry of Docks"),
            ("IMPLEMENTS", "Clusters", "Quay Hubs programme"), ("IMPLEMENTS", "IT companies", "Quay Hubs programme"),
            ("COLLABORATES_WITH", "Cantons", "Quay Agency")} <= found


def test_a_title_in_capitals_is_not_joined_to_its_subtitle():
    x = extract(document_from_text(
        "SME DIGITALISATION IN VALDORIA\nPolicy landscape and lessons\n\n"
        "Key players\n- Ministry of Ports: lead\n- Quay Voucher (2031-2033, Ministry of Ports)\n"
    ))
    assert not {n for n in names(x) if "VALDORIA" in n}
    assert ("IMPLEMENTS", "Ministry of Ports", "Quay Voucher") in set(dated_facts(x))


def test_a_programme_named_by_a_title_after_its_head():
    found = facts(
        "The Ministry of Docks manages the Operational Programme Enterprise and Innovation for Growth. The "
        "Operational Programme Harbours, Quays and Innovation (OPHQI, 2031-2035) is run by the Quay Agency.\n"
    )
    assert {("IMPLEMENTS", "Ministry of Docks", "Operational Programme Enterprise and Innovation for Growth"),
            ("IMPLEMENTS", "Quay Agency", "Operational Programme Harbours, Quays and Innovation")} <= found


def test_a_brand_of_capitals_joined_by_a_full_stop_or_a_colon_is_a_name():
    found = facts(
        "QUAY.DIGITAL, the support programme for small firms, is open again. The programme is funded by the "
        "Ministry of Docks and run by the Norland Chamber of Commerce. NL:Harbour is administered by the Quay "
        "Agency.\n"
    )
    assert {("LEADS", "Ministry of Docks", "QUAY.DIGITAL"),
            ("IMPLEMENTS", "Norland Chamber of Commerce", "QUAY.DIGITAL"),
            ("IMPLEMENTS", "Quay Agency", "NL:Harbour")} <= found


def test_portfolio_lists_in_names_end_before_another_body():
    x = extract(document_from_text(
        "The Quay Voucher was launched in 2031 by the Federal Ministry of Science, Research and Ports and the "
        "Norland Chamber of Commerce. The Ministère de l'Économie, de l'Innovation et des Quais (MEIQ) runs it, "
        "and the Norland Chamber hosts the Digital Service Point.\n"
    ))
    assert {"Federal Ministry of Science, Research and Ports", "Norland Chamber of Commerce",
            "Ministère de l'Économie, de l'Innovation et des Quais", "Digital Service Point"} <= names(x)


def test_a_body_of_another_body_is_part_of_it():
    found = facts(
        "The Digital Office of the Ministry of Docks runs the Quay Fund. "
        "The Pier Chamber of the Private Sector Federation represents dock firms.\n"
    )
    assert {("IMPLEMENTS", "Digital Office", "Quay Fund"), ("PART_OF", "Digital Office", "Ministry of Docks"),
            ("PART_OF", "Pier Chamber", "Private Sector Federation")} <= found


def test_a_name_in_its_own_language_and_the_abbreviation_in_one_pair_of_brackets():
    found = facts(
        "The Quay Fund is run by the Norland Entrepreneur Institute (Instituto Norlandés del Emprendedor, NEI), "
        "a decentralised body of the Ministry of Docks (Secretaría de Muelles, SM). In 2031 the SM launched the "
        "Pier Microcredit Programme.\n"
    )
    assert {("PART_OF", "Norland Entrepreneur Institute", "Ministry of Docks"),
            ("LEADS", "Ministry of Docks", "Pier Microcredit Programme")} <= found


def test_funds_merged_into_a_body_were_bodies_but_a_fund_taken_over_is_run():
    found = facts(
        "The Quay Loan Fund and the Pier Micro Credit Fund were merged to form the Norland Development Bank. "
        "The Dock Agency took over the management of the Harbour Fund in 2031.\n"
    )
    assert {("SUCCEEDED_BY", "Quay Loan Fund", "Norland Development Bank"),
            ("SUCCEEDED_BY", "Pier Micro Credit Fund", "Norland Development Bank"),
            ("IMPLEMENTS", "Dock Agency", "Harbour Fund")} <= found
    assert ("SUCCEEDED_BY", "Harbour Fund", "Dock Agency") not in found


def test_working_together_on_a_programme_and_reorganisations_by_functions():
    found = facts(
        "The Norland Enterprise Agency (NEA) and the Norland IT Agency (NITA) have agreed to work together on the "
        "Quay Programme. The Pier Skills Strategy is jointly implemented by the Ministry of Docks and the regional "
        "training boards. The Ministry of Small Business (MSB) was established in 2031, when functions relating to "
        "small enterprises were moved out of the then Ministry of Trade (MoT). The Norland Television Authority "
        "(NTA) was abolished, with its functions passing to the Norland Media Commission (NMC).\n"
    )
    assert {("PARTICIPATES_IN", "Norland Enterprise Agency", "Quay Programme"),
            ("PARTICIPATES_IN", "Norland IT Agency", "Quay Programme"),
            ("IMPLEMENTS", "Regional training boards", "Pier Skills Strategy"),
            ("TRANSFERRED_TO", "Ministry of Trade", "Ministry of Small Business"),
            ("SUCCEEDED_BY", "Norland Television Authority", "Norland Media Commission")} <= found


def test_an_ascii_arrow_and_a_participle_aside_naming_another_body():
    found = facts(
        "- Digital Office -> Ministry of Digital Docks\n\n"
        "The Pier Support Programme (PSP), established by the Relief Act in March 2031, was implemented by the "
        "Norland Enterprise Agency.\n"
    )
    assert {("SUCCEEDED_BY", "Digital Office", "Ministry of Digital Docks"),
            ("IMPLEMENTS", "Norland Enterprise Agency", "Pier Support Programme")} <= found
    assert ("IMPLEMENTS", "Norland Enterprise Agency", "Relief Act") not in found


def test_a_body_page_names_its_parent_ministry_and_what_its_offer_includes():
    found = facts(
        "# About Business Latvia\n\nBusiness Latvia is the public agency for trade and innovation.\n\n"
        "## Who steers us\n\n- **Ministry of Ports and Trade (MPT)** – our parent ministry.\n\n"
        "## What we offer\n\nOur funding offer for SMEs includes:\n\n"
        "- **Quay Innovation Cheques** of up to 15,000 euros;\n- **Dock Boosters**, launched in 2031.\n"
    )
    assert {("PART_OF", "Business Latvia", "Ministry of Ports and Trade"),
            ("IMPLEMENTS", "Business Latvia", "Quay Innovation Cheques"),
            ("IMPLEMENTS", "Business Latvia", "Dock Boosters")} <= found


def test_a_name_retyped_after_a_fact_was_read_never_breaks_the_graph():
    from loaders.batch import extraction_to_graph

    x = extract(document_from_text(
        "The Quay Agency runs the Pier Fund. The Pier Fund and the Dock Fund were merged to form the Norland "
        "Development Bank.\n"
    ))
    g = extraction_to_graph([x])  # a ModelError here would stop the user's whole run
    assert ("IMPLEMENTS", "Quay Agency", "Pier Fund") in set(dated_facts(x))
    assert g.graph.number_of_edges() > 0


def test_a_lower_case_acronym_known_by_and_partial_items_of_a_merger():
    found = facts(
        "The Quay Enterprise Finance Agency, known by its lower-case acronym qefa, was formed in 2031 by merging "
        "Dock Enterprise Finance, the Pier Micro Finance Apex Fund (PMFAF) and the small business activities of "
        "the Harbour Development Corporation (HDC). In 2034 qefa and the Quay Enterprise Development Agency were "
        "merged into the Quay Enterprise Development and Finance Agency.\n"
    )
    new = "Quay Enterprise Finance Agency"
    assert {("SUCCEEDED_BY", "Dock Enterprise Finance", new), ("SUCCEEDED_BY", "Pier Micro Finance Apex Fund", new),
            ("TRANSFERRED_TO", "Harbour Development Corporation", new),
            ("SUCCEEDED_BY", new, "Quay Enterprise Development and Finance Agency")} <= found


def test_a_portfolio_ends_before_and_the_abbreviation_of_another_body():
    x = extract(document_from_text(
        "The Quay Voucher was launched in 2031 by the Federal Ministry of Science, Research and Ports and the WKN.\n"
    ))
    assert "Federal Ministry of Science, Research and Ports" in names(x)


def test_a_measure_named_and_then_called_the_measure():
    found = facts(
        "The second call of the Digital Shops measure is open. The measure is part of the Norland Recovery Plan "
        "and is run by the Norland Competitiveness Agency.\n"
    )
    assert {("PART_OF", "Digital Shops measure", "Norland Recovery Plan"),
            ("IMPLEMENTS", "Norland Competitiveness Agency", "Digital Shops measure")} <= found


def test_a_body_that_consists_of_companies_listed_after_a_colon():
    found = facts(
        "Norland Business consists of two entities:\n\n- Quay Business Oy, the funding arm;\n"
        "- Dock Partner AB, the advisory arm.\n"
    )
    assert {("PART_OF", "Quay Business Oy", "Norland Business"),
            ("PART_OF", "Dock Partner AB", "Norland Business")} <= found


def test_an_owners_arm_named_in_apposition_and_bodies_that_fund():
    found = facts(
        "The ministry's arm for the IT industry, the Valdorian IT Development Agency, supports start-ups. "
        "The Quay Agency and the Dock Board fund the Pier Grant.\n".replace("The ministry's", "The Ministry of Docks's")
    )
    assert {("PART_OF", "Valdorian IT Development Agency", "Ministry of Docks"),
            ("LEADS", "Quay Agency", "Pier Grant"), ("LEADS", "Dock Board", "Pier Grant")} <= found


def test_it_after_a_renaming_is_the_new_name():
    found = facts(
        "The Quay Office was renamed the Norland Port Agency in 2031. It is responsible for the Dock Voucher.\n"
    )
    assert ("LEADS", "Norland Port Agency", "Dock Voucher") in found
    assert ("LEADS", "Quay Office", "Dock Voucher") not in found


def test_an_office_holders_or_a_groups_possessive_stays_in_the_name():
    x = extract(document_from_text(
        "The loans are administered by the Prime Minister's Youth Programme. The Norland Enterprise Agency funds "
        "Women's Business Centers. Norland's Digital Plan is new.\n"
    ))
    assert {"Prime Minister's Youth Programme", "Women's Business Centers", "Digital Plan"} <= names(x)


def test_a_body_named_in_dashes_inside_a_merger_list():
    x = extract(document_from_text(
        "The Norland Business Authority was formed in 2031 when Nortek – the Norland Funding Agency for "
        "Innovation – and Norpro were merged.\n"
    ))
    found = set(dated_facts(x))
    assert {("SUCCEEDED_BY", "Norland Funding Agency for Innovation", "Norland Business Authority"),
            ("SUCCEEDED_BY", "Norpro", "Norland Business Authority")} <= found
    assert "Nortek" in next(e.aliases for e in x.entities if e.name == "Norland Funding Agency for Innovation")


def test_the_two_ministries_are_the_two_named_before():
    found = facts(
        "The Ministry of Ports and the Ministry of Docks signed an agreement. Under the agreement, the two "
        "ministries will jointly run the Quay Voucher.\n"
    )
    assert {("IMPLEMENTS", "Ministry of Ports", "Quay Voucher"), ("IMPLEMENTS", "Ministry of Docks", "Quay Voucher"),
            ("COLLABORATES_WITH", "Ministry of Docks", "Ministry of Ports")} <= found
    assert not {f for f in found if "Ministries" in f}


def test_they_after_a_list_of_three_bodies_means_them_all():
    found = facts(
        "Until 2030 the region relied on three companies: the Quay Investment Company, the Dock Finance Company "
        "and the Pier Guarantee Company. They were merged into a single body, the Norland Enterprise Bank, in 2031. "
        "The Dock Agency runs the Quay Voucher with two partners. They also advise firms.\n"
    )
    assert {("SUCCEEDED_BY", name, "Norland Enterprise Bank")
            for name in ("Quay Investment Company", "Dock Finance Company", "Pier Guarantee Company")} <= found


def test_a_one_word_name_the_sentence_defines():
    found = facts(
        "Valdorinnovation is the national innovation agency of Valdoria. The Fit 4 Cloud programme is operated by "
        "Valdorinnovation. Digitalisation is a priority for the agency.\n"
    )
    assert ("IMPLEMENTS", "Valdorinnovation", "Fit 4 Cloud programme") in found
    assert not {f for f in found if "Digitalisation" in f}


def test_an_office_and_its_holder_in_a_deck_line_name_no_body():
    x = extract(document_from_text(
        "Key people\n- Trade Secretary: Mara Velden (2031-2033, Ministry of Trade)\n"
        "Prepared by: Business Services Policy Branch\n"
    ))
    assert not {n for n in names(x) if "Velden" in n or n == "Trade Secretary"}
    assert "Business Services Policy Branch" in names(x)


def test_approving_a_plan_is_not_leading_it():
    found = facts(
        "The Ministry of Docks drew up the Quay Recovery Plan, which was approved by the Council of Ministers in "
        "2031.\n"
    )
    assert ("LEADS", "Ministry of Docks", "Quay Recovery Plan") in found
    assert not {f for f in found if f[1] == "Council of Ministers"}


def test_a_one_word_name_defined_once_is_found_again_opening_a_sentence_and_as_the_agency():
    found = facts(
        "Nortak is a public agency of Norland. Nortak runs the Quay Voucher. The agency also manages the Dock Loan. "
        "NOR-VEX is a development bank. NOR-VEX finances the Pier Fund.\n"
    )
    assert {("IMPLEMENTS", "Nortak", "Quay Voucher"), ("IMPLEMENTS", "Nortak", "Dock Loan"),
            ("LEADS", "NOR-VEX", "Pier Fund")} <= found


def test_a_pages_heading_defines_a_hyphenated_abbreviation():
    x = extract(document_from_text(
        "# About us\n\n**NOR-TAK – Norland Agency for Ports, Docks and Piers**\n\n"
        "NOR-TAK runs the Quay Voucher.\n", "about.md", "markdown",
    ))
    assert ("IMPLEMENTS", "Norland Agency for Ports, Docks and Piers", "Quay Voucher") in set(dated_facts(x))
    assert "NOR-TAK" in next(e.aliases for e in x.entities if e.name == "Norland Agency for Ports, Docks and Piers")


def test_a_states_official_name_is_the_country():
    x = extract(document_from_text("The Dock Agency is a public agency owned by the Hashemite Kingdom of Jordan.\n"))
    assert {(e.name, e.type) for e in x.entities if "Jordan" in e.name} == {("Jordan", "Country")}


def test_formed_when_one_merged_with_another_and_responsibility_taken_over():
    x = extract(document_from_text(
        "In 2030 Nortak was formed when the Quay Agency (QA) merged with the Dock Innovation Centre (DIC). "
        "In 2033 the Ministry of Ports took over responsibility for the agency. "
        "The Ministry of Docks took over responsibility for the Pier Voucher.\n"
    ))
    found = dated_facts(x)
    assert found[("SUCCEEDED_BY", "Quay Agency", "Nortak")] == (2030, None)
    assert ("SUCCEEDED_BY", "Dock Innovation Centre", "Nortak") in found
    assert ("PART_OF", "Nortak", "Ministry of Ports") in found  # the agency is the merger's, not one merged
    assert ("LEADS", "Ministry of Docks", "Pier Voucher") in found
    assert not {f for f in found if f[0] == "SUCCEEDED_BY" and "Ministry" in f[2]}


def test_partners_listed_two_to_an_item_under_a_framed_label():
    x = extract(document_from_text(
        "# About us\n\n**NOR-TAK – Norland Agency for Ports**\n\nWe support small firms.\n\n"
        "For digital transformation, we work with:\n\n"
        "- the **Norland Chamber of Docks (NCD)** and the **Norland Chamber of Piers (NCP)**, which reach small "
        "firms;\n"
        "- regional development agencies.\n", "about.md", "markdown",
    ))
    found = set(dated_facts(x))
    assert {("COLLABORATES_WITH", "Norland Agency for Ports", partner) for partner in (
        "Norland Chamber of Docks", "Norland Chamber of Piers", "Regional development agencies")} <= found
    assert not {f for f in found if "Small firms" in f}


def test_a_hub_run_by_an_agency_and_a_federation_after_and_the():
    found = facts(
        "The Norland Digital Innovation Hub (N-DIH) is run by the Norland Port Agency. The agency works with the "
        "Chamber of Docks and the Business Federation Norland (BFN) on the Quay Voucher.\n"
    )
    assert {("IMPLEMENTS", "Norland Port Agency", "Norland Digital Innovation Hub"),
            ("PARTICIPATES_IN", "Business Federation Norland", "Quay Voucher"),
            ("PARTICIPATES_IN", "Chamber of Docks", "Quay Voucher")} <= found
    assert not {f for f in found if " on the " in f[1] or " and the " in f[1]}


def test_a_digit_read_as_for_inside_a_name():
    found = facts("Quay 4 Digital helps small firms draw up a roadmap. The programme is operated by the Dock Agency.\n")
    assert ("IMPLEMENTS", "Dock Agency", "Quay 4 Digital") in found


def test_an_organisation_named_by_its_abbreviation_before_a_noun_is_named():
    x = extract(document_from_text("The Dock Agency manages money from the state budget as well as EU funds.\n"))
    assert ("European Union", "InternationalOrganization") in {(e.name, e.type) for e in x.entities}


def test_a_body_named_of_its_country_keeps_the_country_a_ministry_does_not():
    found = facts(
        "The Chamber of Commerce and Industry of Slovenia runs the Quay Voucher. The Government of the Republic "
        "of Slovenia adopted the Dock Strategy. The Ministry of Ports of Slovenia leads the Pier Plan.\n"
    )
    assert {("IMPLEMENTS", "Chamber of Commerce and Industry of Slovenia", "Quay Voucher"),
            ("LEADS", "Government of the Republic of Slovenia", "Dock Strategy"),
            ("LEADS", "Ministry of Ports", "Pier Plan")} <= found


def test_a_bodys_own_page_lists_what_it_runs_under_a_heading():
    x = extract(document_from_text(
        "# About the Dock Agency\n\nThe Dock Agency is the national agency for ports. We help firms grow.\n\n"
        "## Our history\n\nWe were set up in 2030.\n\n"
        "## Funding for small firms\n\n"
        "- **Quay Voucher** – a small grant for firms buying their first digital service.\n"
        "- **Pier Loan Programme** – loans granted by the Harbour Bank, not by us.\n\n"
        "## Partners\n\nOur partners include the Chamber of Docks.\n", "about.md", "markdown",
    ))
    found = set(dated_facts(x))
    assert ("IMPLEMENTS", "Dock Agency", "Quay Voucher") in found
    assert ("IMPLEMENTS", "Dock Agency", "Pier Loan Programme") not in found  # another body grants it


def test_its_agency_named_in_apposition_is_part_of_the_body():
    found = facts(
        "The Department of Ports (DP) and its agency, the Dock Innovation Agency (DIA), fund technology stations. "
        "The quay chambers act together through their national union, Quaycamere.\n"
    )
    assert ("PART_OF", "Dock Innovation Agency", "Department of Ports") in found
    assert not {f for f in found if f[1] == "Quaycamere" and f[0] == "PART_OF"}


def test_long_official_names_read_whole():
    found = facts(
        "The Office of the Deputy Prime Minister for Docks and Exports was replaced in 2030 by the Norland Trade "
        "Agency. The Ministry for Development of Trade, Industry and Agriculture runs the Export Voucher. "
        "The Cabinet of Ministers adopted the Dock Strategy. The Funds and Programmes Division manages the Quay "
        "Grant. The Pier Voucher was folded into the National Project for the Development of Exports.\n"
    )
    assert {("SUCCEEDED_BY", "Office of the Deputy Prime Minister for Docks and Exports", "Norland Trade Agency"),
            ("IMPLEMENTS", "Ministry for Development of Trade, Industry and Agriculture", "Export Voucher"),
            ("LEADS", "Cabinet of Ministers", "Dock Strategy"),
            ("IMPLEMENTS", "Funds and Programmes Division", "Quay Grant"),
            ("SUCCEEDED_BY", "Pier Voucher", "National Project for the Development of Exports")} <= found


def test_both_agencies_and_the_three_bodies_are_those_named_last():
    found = facts(
        "The Quay Agency and the Dock Agency were set up in 2030. Both agencies are legal entities of public law "
        "under the Ministry of Trade. The Quay Office, the Dock Board and the Pier Institute signed a pact. The three "
        "bodies contributed to the Valdoria Digital programme.\n"
    )
    assert {("PART_OF", "Quay Agency", "Ministry of Trade"), ("PART_OF", "Dock Agency", "Ministry of Trade")} <= found
    assert {("PARTICIPATES_IN", body, "Valdoria Digital programme")
            for body in ("Quay Office", "Dock Board", "Pier Institute")} <= found


def test_a_reference_that_meant_nothing_does_not_take_a_name_the_sentence_gives_later():
    found = facts(
        "Firms buy robots. The vouchers are managed by the Norland Export Agency (NEA) with co-funding from the "
        "Quay Regional Fund (QRF).\n"
    )
    assert not {f for f in found if f[2] == "Quay Regional Fund" and f[1] == "Norland Export Agency"}


def test_a_word_in_capitals_opening_a_sentence_in_apposition_to_a_name_is_its_short_name():
    found = facts(
        "NOREX, the Agency for Dock Competitiveness, supports firms. The Valdoria Vouchers are managed by NOREX.\n"
    )
    assert ("IMPLEMENTS", "Agency for Dock Competitiveness", "Valdoria Vouchers") in found


def test_a_strategy_that_follows_the_earlier_one_and_a_merger_into_a_third():
    x = extract(document_from_text(
        "The Pier Authority contributed to Valdoria Digital, the national digital strategy for 2032-2037, which "
        "follows the earlier Digital Valdoria strategy. In 2031 the Ministry of Docks was merged with the Ministry "
        "of Piers into the Ministry for Development of Docks and Piers.\n"
    ))
    found = set(dated_facts(x))
    assert {("SUCCEEDED_BY", "Digital Valdoria strategy", "Valdoria Digital"),
            ("SUCCEEDED_BY", "Ministry of Docks", "Ministry for Development of Docks and Piers"),
            ("SUCCEEDED_BY", "Ministry of Piers", "Ministry for Development of Docks and Piers")} <= found
    assert next(e.type for e in x.entities if e.name == "Valdoria Digital") == "Strategy"


def test_the_call_under_a_scheme_and_a_name_opened_by_invest_in():
    found = facts(
        "The Ministry of Docks opened a new call under the Quay Export scheme. The call is administered by the "
        "Pier Agency. Invest in Norland is the investment promotion agency of Norland; it runs the Dock Fund.\n"
    )
    assert {("IMPLEMENTS", "Pier Agency", "Quay Export scheme"),
            ("IMPLEMENTS", "Invest in Norland", "Dock Fund")} <= found


def test_a_body_acting_as_a_role_for_an_instrument():
    found = facts(
        "The Quay Bank acted as the financial agent for the Dock Loan Programme. The Pier Agency acts as the "
        "intermediate body for the Dock Operational Programme. The Harbour Council serves as secretariat of the "
        "Quay Voucher, and the Chamber of Docks acts as a partner in the Pier Academy.\n"
    )
    assert {("IMPLEMENTS", "Quay Bank", "Dock Loan Programme"),
            ("IMPLEMENTS", "Pier Agency", "Dock Operational Programme"),
            ("IMPLEMENTS", "Harbour Council", "Quay Voucher"),
            ("PARTICIPATES_IN", "Chamber of Docks", "Pier Academy")} <= found


def test_an_organisation_qualifying_a_noun_is_named_but_in_no_relation():
    x = extract(document_from_text(
        "The regional forums were abolished. Their role in allocating EU structural funds was taken over by the "
        "Norland Board of Business Promotion.\n"
    ))
    assert "European Union" in names(x)
    assert not {f for f in dated_facts(x) if "European Union" in f}


def test_a_fund_that_sets_up_a_programme_is_a_body_named_apart_from_the_ministry_before_it():
    found = facts(
        "The Quay Guarantee programme was established in 2031 by the Ministry of Finance and the Norland Industrial "
        "Development Fund (NIDF) in cooperation with local banks.\n"
    )
    assert {("LEADS", "Ministry of Finance", "Quay Guarantee programme"),
            ("LEADS", "Norland Industrial Development Fund", "Quay Guarantee programme")} <= found


def test_a_fund_in_apposition_to_an_agency_is_a_body():
    found = facts(
        "The components are delivered by the Norland Investment Fund for Electronic Communications (NIFEC), an agency "
        "of the Ministry of Docks.\n"
    )
    assert ("PART_OF", "Norland Investment Fund for Electronic Communications", "Ministry of Docks") in found


def test_bodies_a_reference_and_private_companies_jointly_run_something():
    found = facts(
        "The Norland Small Business Authority (NSBA) is the national agency. The Authority, the Ministry of Docks and "
        "private technology companies jointly ran a campaign.\n"
    )
    partners = {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"}
    assert {frozenset(("Norland Small Business Authority", "Ministry of Docks")),
            frozenset(("Ministry of Docks", "Private technology companies"))} <= partners


def test_the_government_named_only_so_is_an_entity_and_a_named_one_is_meant_by_it():
    assert ("LEADS", "Government", "Dock Strategy") in facts("The Government adopted the Dock Strategy in 2030.\n")
    found = facts("The Government of Norland adopted the Dock Strategy. The Government also funds the Quay Voucher.\n")
    assert ("LEADS", "Government of Norland", "Quay Voucher") in found
    assert not {f for f in found if f[1] == "Government"}


def test_more_target_groups_by_their_nouns_and_modifiers():
    x = extract(document_from_text(
        "The Quay Voucher helps manufacturing firms, sole traders, retailers and tourism businesses go online.\n"
    ))
    targets = {e.name for e in x.entities if e.type == "TargetGroup"}
    assert {"Manufacturing firms", "Sole traders", "Retailers", "Tourism businesses"} <= targets


def test_more_kinds_of_partner_bodies_by_common_nouns():
    found = facts(
        "The Quay Loan is delivered through authorised banks and accredited providers. The Dock Agency runs the "
        "Pier Voucher with external consultants and regional chambers. The Quay Hub is run by Luxdock together with "
        "research partners and the Norland Federation of Industry.\n"
    )
    assert {("IMPLEMENTS", "Authorised banks", "Quay Loan"),
            ("IMPLEMENTS", "Accredited providers", "Quay Loan")} <= found
    assert {("PARTICIPATES_IN", "External consultants", "Pier Voucher"),
            ("PARTICIPATES_IN", "Regional chambers", "Pier Voucher"),
            ("IMPLEMENTS", "Norland Federation of Industry", "Quay Hub")} <= found


def test_target_groups_qualified_by_a_nationality_or_two_modifiers():
    x = extract(document_from_text(
        "The Quay Voucher helps Valdorian companies, small business owners, IT start-ups and small and venture firms.\n"
    ))
    targets = {e.name for e in x.entities if e.type == "TargetGroup"}
    assert {"Valdorian companies", "Small business owners", "IT start-ups", "Small and venture firms"} <= targets


def test_names_with_an_owner_in_their_tail_a_body_head_first_and_a_union():
    x = extract(document_from_text(
        "In 2031 the ministry adopted the Strategy for Norland's Digital Growth. The Government Fees Refund Initiative "
        "helps firms. The Union of Chambers and Commodity Exchanges of Türkiye joined the Quay Voucher.\n"
    ))
    assert {"Strategy for Norland's Digital Growth", "Government Fees Refund Initiative",
            "Union of Chambers and Commodity Exchanges of Türkiye"} <= names(x)


def test_to_between_capitals_inside_an_instrument_name():
    x = extract(document_from_text(
        "The ministry runs the Access to Docks programme. The Help to Grow scheme helps firms. Grants went from "
        "Sorvik to Quay Business Programme participants.\n"
    ))
    assert {"Access to Docks programme", "Help to Grow scheme", "Quay Business Programme"} <= names(x)


def test_a_list_of_bodies_ends_on_and_the_and_an_unnamed_item_keeps_the_list():
    found = facts(
        "The Dock Strategy is jointly implemented by the Department of Docks, the Department of Piers and the Quay "
        "Authority. The Pier Plan is implemented by the Department of Tides, the Department of Waves and the sector "
        "training authorities. The Ministry for Digital Transformation and the Civil Service runs the Quay Voucher.\n"
    )
    assert {("IMPLEMENTS", body, "Dock Strategy") for body in
            ("Department of Docks", "Department of Piers", "Quay Authority")} <= found
    assert {("IMPLEMENTS", "Department of Tides", "Pier Plan"),
            ("IMPLEMENTS", "Department of Waves", "Pier Plan")} <= found
    assert ("IMPLEMENTS", "Ministry for Digital Transformation and the Civil Service", "Quay Voucher") in found


def test_the_members_of_a_named_partnership_make_it():
    found = facts(
        "The programme is complemented by the Quay Digital Hub (2031-2034), a public-private partnership between the "
        "Dock Agency, the Confederation of Norland Industry and the Pier Chamber of Commerce.\n"
    )
    partners = {frozenset(f[1:]) for f in found if f[0] in ("COLLABORATES_WITH", "PARTICIPATES_IN")}
    assert {frozenset(("Quay Digital Hub", member)) for member in
            ("Dock Agency", "Confederation of Norland Industry", "Pier Chamber of Commerce")} <= partners


def test_a_list_stands_in_the_relation_its_introduction_states():
    found = facts(
        "The Dock Agency is the legal successor of two institutions:\n- the Quay Office (2001-2015)\n"
        "- the Pier Board (2005-2015)\n\nThe Norland Export Service works with three enterprise agencies:\n"
        "- the Tide Enterprise Agency\n- the Wave Enterprise Agency\n\nThe Harbour Group has two subsidiaries:\n"
        "- the Harbour Bank\n- the Harbour Leasing Company\n"
    )
    assert {("SUCCEEDED_BY", "Quay Office", "Dock Agency"), ("SUCCEEDED_BY", "Pier Board", "Dock Agency"),
            ("PART_OF", "Harbour Bank", "Harbour Group")} <= found
    partners = {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"}
    assert frozenset(("Norland Export Service", "Tide Enterprise Agency")) in partners
    assert not {f for f in found if f[0] == "PART_OF" and f[2] == "Norland Export Service"}


def test_a_word_like_egovernment_inside_a_name():
    found = facts("The Agency for Public Management and eDocks (APM) runs the Quay Portal.\n")
    assert ("IMPLEMENTS", "Agency for Public Management and eDocks", "Quay Portal") in found


def test_an_abbreviation_never_spelt_out_that_its_apposition_calls_a_bank():
    found = facts(
        "Finance for small firms is channelled mainly by NORFIN, the state development bank. During the pandemic, "
        "NORFIN administered the Quay Guarantee Fund.\n"
    )
    assert ("IMPLEMENTS", "NORFIN", "Quay Guarantee Fund") in found


def test_of_inside_an_instrument_name_and_a_companys_legal_form():
    x = extract(document_from_text(
        "The Seal of Excellence scheme funds small firms. Overview of Dock digitalisation strategy. Dockport "
        "Management Company Limited, wholly owned by the Government of Norland, runs incubation programmes.\n"
    ))
    assert {"Seal of Excellence scheme", "Dockport Management Company Limited"} <= names(x)
    assert not {n for n in names(x) if n.startswith("Overview")}


def test_a_programmes_secretariat_and_for_which_a_body_serves_as_agent():
    found = facts(
        "The Quay Voucher Scheme is administered by the Dock Commission. The Pier Council acts as the programme's "
        "secretariat. The Quay Brand Fund, for which the Pier Council serves as implementation agent, co-finances "
        "branding projects.\n"
    )
    assert {("IMPLEMENTS", "Pier Council", "Quay Voucher Scheme"),
            ("IMPLEMENTS", "Pier Council", "Quay Brand Fund")} <= found


def test_began_as_a_project_of_a_body_and_its_continued_cooperation():
    found = facts(
        "Digital Quay Street began in 2030 as a project of the Norland Association of Retailers (NAR) and grew into "
        "a national programme. The Norland Export Agency (NEA) is the export agency. During 2031 the NEA continued "
        "its cooperation with the Dock Chamber of Commerce on information days.\n"
    )
    assert ("LEADS", "Norland Association of Retailers", "Digital Quay Street") in found
    assert not {f for f in found if f[0] == "SUCCEEDED_BY"}
    assert {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"} >= {
        frozenset(("Norland Export Agency", "Dock Chamber of Commerce"))}


def test_no_fact_from_there_is_no_and_a_numbered_paragraphs_frame():
    found = facts(
        "The Norland Export Agency (NEA) is an agency. There is no common referral mechanism between NEA's grants, "
        "the Quay Jobs Project support and other investments.\n\n"
        "The Ministry of Docks (MD) holds the mandate.\n\n3.2 Within MD, the Vice-Ministry of Piers is responsible "
        "for policy.\n"
    )
    assert not {f for f in found if "Quay Jobs Project" in f}
    assert ("PART_OF", "Vice-Ministry of Piers", "Ministry of Docks") in found


def test_present_leaves_a_deck_items_years_open_and_a_vision_is_a_strategy():
    x = extract(document_from_text(
        "- Quay Digital Programme (2031-present, Ministry of Docks)\n- Norland Modernisation Vision (2032, Cabinet)\n"
    ))
    assert dated_facts(x)[("IMPLEMENTS", "Ministry of Docks", "Quay Digital Programme")] == (2031, None)
    assert next(e.type for e in x.entities if e.name == "Norland Modernisation Vision") == "Strategy"


def test_a_participle_after_a_comma_is_said_of_the_clause_subject_and_work_taken_over_from_its_runner():
    found = facts(
        "A Digital Dock Office (DDO) was set up under the Norland Innovation Bureau (NIB) on 1 July 2031, merging "
        "the Office of the Chief Dock Officer (OCDO) and the Efficiency Unit. The Norland Export Agency (NEA) was "
        "created by law in 2029. It took over a number of enterprise-support instruments that had been run by the "
        "Norland Development Corporation (NDC).\n"
    )
    assert {("SUCCEEDED_BY", "Office of the Chief Dock Officer", "Digital Dock Office"),
            ("SUCCEEDED_BY", "Efficiency Unit", "Digital Dock Office"),
            ("TRANSFERRED_TO", "Norland Development Corporation", "Norland Export Agency")} <= found
    assert not {f for f in found if f[0] == "SUCCEEDED_BY" and f[2] == "Norland Innovation Bureau"}


def test_an_imperative_bullet_on_a_bodys_page_opens_no_name():
    x = extract(document_from_text(
        "# About us\n\nThe Directorate for Dock Support (DDS) is the unit of the Ministry of Docks. We support small "
        "firms.\n\n## What we do\n\n- Coordinate the **Quay Support Network**, the network of public institutions "
        "that offer services to small firms\n", "about.md", "markdown",
    ))
    assert "Quay Support Network" in names(x) and not {n for n in names(x) if n.startswith("Coordinate")}
    assert ("LEADS", "Directorate for Dock Support", "Quay Support Network") in set(dated_facts(x))


def test_a_tables_for_column_names_no_implementer():
    found = facts(
        "| Program | Delivered by | Funded by | For |\n|---|---|---|---|\n"
        "| Dock Digital Programme | Dock Agency | Province of Norland | Technology companies |\n"
    )
    assert ("IMPLEMENTS", "Dock Agency", "Dock Digital Programme") in found
    assert not {f for f in found if f[1] == "Technology companies"}


def test_both_coordinated_by_and_two_opening_participles():
    found = facts(
        "The activities contribute to the National Dock Strategy and to the Pier Strategy for Norland, both "
        "coordinated by the Deputy Ministry of Piers. Financed by the Quay Bank and implemented by the Ministry of "
        "Docks since 2030, the Harbour Innovation Project aims to expand digital skills.\n"
    )
    assert {("LEADS", "Deputy Ministry of Piers", "National Dock Strategy"),
            ("LEADS", "Deputy Ministry of Piers", "Pier Strategy for Norland"),
            ("IMPLEMENTS", "Ministry of Docks", "Harbour Innovation Project"),
            ("LEADS", "Quay Bank", "Harbour Innovation Project")} <= found


def test_its_flagship_delivery_vehicle_is_the_bodys():
    found = facts(
        "Within the Ministry of Docks, the Vice-Ministry of Piers is responsible for policy. Its flagship delivery "
        "vehicle for digitalisation is the Quay Business Programme, created in 2030. The Harbour Agency is the "
        "port agency. Its flagship programme for small firms is the Tide Voucher.\n"
    )
    assert {("LEADS", "Vice-Ministry of Piers", "Quay Business Programme"),
            ("LEADS", "Harbour Agency", "Tide Voucher")} <= found


def test_a_body_that_is_the_unit_of_a_ministry():
    found = facts(
        "The Directorate for Dock Support (DDS) is the unit of the Ministry of Docks responsible for policy.\n"
    )
    assert ("PART_OF", "Directorate for Dock Support", "Ministry of Docks") in found


def test_a_ministrys_abbreviation_spelling_its_country_and_a_deck_item_run_by_it():
    x = extract(document_from_text(
        "Ministry of Trade of Valdoria (MoTV) - policy owner\n- Quay Export Strategy of Valdoria (MoTV)\n"
        "- Dock Voucher (MoTV)\n"
    ))
    found = set(dated_facts(x))
    assert {("IMPLEMENTS", "Ministry of Trade of Valdoria", "Quay Export Strategy of Valdoria"),
            ("IMPLEMENTS", "Ministry of Trade of Valdoria", "Dock Voucher")} <= found
    assert "MoTV" in next(e.aliases for e in x.entities if e.name == "Ministry of Trade of Valdoria")


def test_the_ministry_responsible_for_a_portfolio_is_the_one_named_so_or_none():
    found = facts(
        "The Ministry of Education and Science and the Ministry of Docks signed a pact. The Quay Research Agency is "
        "supervised by the ministry responsible for science. The Pier Agency is supervised by the ministry in "
        "charge of tourism.\n"
    )
    assert ("PART_OF", "Quay Research Agency", "Ministry of Education and Science") in found
    assert not {f for f in found if f[1] == "Pier Agency"}
    assert ("PART_OF", "Tide Agency", "Ministry for Economic Development") in facts(
        "The Ministry for Economic Development runs the Dock Fund. The Tide Agency is supervised by the ministry "
        "responsible for the economy.\n"
    )


def test_the_items_after_one_of_three_agencies_are_peers_not_parts():
    found = facts(
        "The Norland Export Service is one of three enterprise agencies:\n- the Tide Enterprise Agency\n"
        "- the Wave Enterprise Agency\n"
    )
    assert not {f for f in found if f[0] == "PART_OF"}


def test_an_instrument_described_rather_than_named_when_a_relation_names_it():
    found = facts(
        "The Quay Enterprise Fund today published a call for harbour digitalisation vouchers. The vouchers are "
        "financed by the Dock Development Fund. The Pier Agency also runs the tax credit scheme for R&D costs "
        "together with the Tide Revenue Office. Several new support schemes were announced.\n"
    )
    assert ("LEADS", "Dock Development Fund", "harbour digitalisation vouchers") in found
    assert {("IMPLEMENTS", "Pier Agency", "tax credit scheme for R&D costs"),
            ("PARTICIPATES_IN", "Tide Revenue Office", "tax credit scheme for R&D costs")} <= found
    assert not {f for f in found if "support schemes" in f[2]}  # generic words describe no instrument
    found = facts("Through the Harbour 4.0 vouchers, firms received co-funding. The vouchers are managed by the Pier "
                  "Agency.\n")
    assert ("IMPLEMENTS", "Pier Agency", "Harbour 4.0 vouchers") in found


def test_a_description_in_apposition_or_standing_alone_is_not_an_instrument_of_its_own():
    found = facts(
        "The funding expands Quay Boost, the small business digital programme run by the Ministry of Docks.\n"
    )
    assert ("IMPLEMENTS", "Ministry of Docks", "Quay Boost") in found
    assert not {f for f in found if "digital programme" in f[2]}


def test_funders_joined_by_and_by_and_the_fund_the_money_comes_from():
    found = facts(
        "The Quay Hub is funded by the Ministry of Docks and by the Pier Agency. Since 2030 the Tide Voucher has been "
        "co-funded by the Dock Board from the Norland Structural Fund. The Wave Grant is co-financed from the "
        "Sorvik Fund and from the Harbour Fund.\n"
    )
    assert {("LEADS", "Ministry of Docks", "Quay Hub"), ("LEADS", "Pier Agency", "Quay Hub"),
            ("LEADS", "Dock Board", "Tide Voucher"), ("LEADS", "Norland Structural Fund", "Tide Voucher"),
            ("LEADS", "Sorvik Fund", "Wave Grant"), ("LEADS", "Harbour Fund", "Wave Grant")} <= found


def test_a_fund_that_implements_with_a_partner_is_a_body():
    found = facts("The Quay Voucher is implemented by the Dock Fund together with the Pier Agency.\n")
    assert {("IMPLEMENTS", "Dock Fund", "Quay Voucher"), ("IMPLEMENTS", "Pier Agency", "Quay Voucher")} <= found


def test_a_relative_clause_after_a_name_is_said_of_that_name():
    found = facts(
        "Quay Business is run through a network of Quay Centres, which are operated jointly with municipalities.\n"
    )
    assert {("COLLABORATES_WITH", "Quay Centres", "Municipalities"),
            ("COLLABORATES_WITH", "Municipalities", "Quay Centres")} & found
    assert not {f for f in found if f[1] == "Municipalities" and f[2] == "Quay Business"}
    found = facts(
        "The Ministry of Docks presented the Tide Strategy, which it drew up together with the Pier Agency.\n"
    )
    assert {("COLLABORATES_WITH", "Pier Agency", "Ministry of Docks"),
            ("COLLABORATES_WITH", "Ministry of Docks", "Pier Agency")} & found  # "it": the ministry


def test_a_relative_clause_after_a_described_apposition_has_the_name_as_object():
    found = facts(
        "Training runs through the Quay Digital Academy, the online platform that the Norland Digital Mission "
        "launched in 2032.\n"
    )
    assert ("LEADS", "Norland Digital Mission", "Quay Digital Academy") in found


def test_partners_of_a_passive_verbs_agent_take_part_in_its_subject():
    found = facts(
        "The Quay Protection Program, established by the Relief Act in March 2030, was implemented by the Pier "
        "Agency in consultation with the Tide Office.\n"
    )
    assert ("PARTICIPATES_IN", "Tide Office", "Quay Protection Program") in found
    assert not {f for f in found if f[0] == "PARTICIPATES_IN" and f[2] == "Relief Act"}


def test_founded_and_accredited_by():
    found = facts(
        "The Quay Finance Forum, founded in 2032 by the Norland Partnership (NP), is managed by the Pier Corporation. "
        "The Tide Network is accredited by the Dock Agency.\n"
    )
    assert {("LEADS", "Norland Partnership", "Quay Finance Forum"), ("LEADS", "Dock Agency", "Tide Network")} <= found
    found = facts("The Wave Office was established in 2031 by integrating the Pier Bureau and the Tide Board.\n")
    assert {("SUCCEEDED_BY", "Pier Bureau", "Wave Office"), ("SUCCEEDED_BY", "Tide Board", "Wave Office")} <= found


def test_international_partners_by_their_known_names_and_a_grouping_that_qualifies_a_name():
    x = extract(document_from_text(
        "The Quay Forum, founded in 2032 by the G20 Global Partnership for Harbour Inclusion (GPHI), is managed by "
        "the Pier Corporation. The Tide Grant is funded by USAID and the East African Community.\n"
    ))
    assert {"G20", "United States Agency for International Development", "East African Community"} <= {
        e.name for e in x.entities if e.type == "InternationalOrganization"}
    found = set(dated_facts(x))
    assert ("LEADS", "Global Partnership for Harbour Inclusion", "Quay Forum") in found
    assert not {f for f in found if f[1] == "G20"}
    assert ("LEADS", "United States Agency for International Development", "Tide Grant") in found


def test_slide_numbers_opening_words_and_press_offices_are_no_names():
    x = extract(document_from_text(
        "Slide 4 Programmes\n\n- Quay Grant (2030-, Pier Agency)\n\n\nBesides Harbour Norland, the Pier Agency runs "
        "the Tide Voucher.\n\nFor more information: Public Relations Service, Ministry of Docks. Contact: MoD Press "
        "Department.\n"
    ))
    found = names(x)
    assert {"Quay Grant", "Harbour Norland", "Tide Voucher", "Ministry of Docks"} <= found
    assert not {n for n in found if n.startswith(("Slide", "Besides")) or "Press" in n or "Relations" in n}


def test_more_kinds_of_local_government_and_their_abbreviations_kept_in_capitals():
    found = facts(
        "The Quay Roadmap is implemented by local executive bodies. The Pier Agency works with local "
        "self-governments. The Tide Centres are part of the LGUs.\n"
    )
    assert {("IMPLEMENTS", "Local executive bodies", "Quay Roadmap"), ("PART_OF", "Tide Centres", "LGUs")} <= found
    assert {("COLLABORATES_WITH", "Pier Agency", "Local self-governments"),
            ("COLLABORATES_WITH", "Local self-governments", "Pier Agency")} & found


def test_a_body_named_with_its_region_after_the_head():
    found = facts("Applications go through the Economic Chamber Upper Norland (WKN), which runs the Quay Grant.\n")
    assert ("IMPLEMENTS", "Economic Chamber Upper Norland", "Quay Grant") in found


def test_units_of_a_body_two_names_opening_on_verbs_and_a_list_joined_by_and_to():
    found = facts(
        "Visit Harbour and Invest in Norland operate as units of Business Norland Oy. The Quay Programme "
        "contributes to the Norland Master Plan and to the National Strategy for Docks.\n"
    )
    assert {("PART_OF", "Visit Harbour", "Business Norland Oy"),
            ("PART_OF", "Invest in Norland", "Business Norland Oy"),
            ("PART_OF", "Quay Programme", "Norland Master Plan"),
            ("PART_OF", "Quay Programme", "National Strategy for Docks")} <= found


def test_work_moved_from_one_body_to_another_told_in_passing():
    found = facts(
        "Some analytical tasks of the Pier Board went to the Tide Analysis Agency. The Dock Planning Unit was itself "
        "restructured as the Ministry of Docks in 2032. The Quay Society Authority took over the ICT functions that "
        "had until then been carried out by the Wave Board. Responsibility for e-government passed in 2031 from the "
        "State Dock Agency, which was closed, to the new Ministry of Electronic Docks. The Quay Compete Programme, "
        "the operational programme for competitiveness, has been followed by the Tide Growth Programme.\n"
    )
    assert {("TRANSFERRED_TO", "Pier Board", "Tide Analysis Agency"),
            ("SUCCEEDED_BY", "Dock Planning Unit", "Ministry of Docks"),
            ("TRANSFERRED_TO", "Wave Board", "Quay Society Authority"),
            ("TRANSFERRED_TO", "State Dock Agency", "Ministry of Electronic Docks"),
            ("SUCCEEDED_BY", "Quay Compete Programme", "Tide Growth Programme")} <= found


def test_two_editions_of_a_named_plan_are_two_entities_when_the_text_names_both():
    x = extract(document_from_text(
        "The Quay Roadmap 2020 ran from 2015 to 2020. It was followed by the Quay Roadmap 2025. The Quay Roadmap "
        "targets SMEs.\n"
    ))
    assert ("SUCCEEDED_BY", "Quay Roadmap", "Quay Roadmap 2025") in set(dated_facts(x))
    assert "Quay Roadmap 2020" in next(e.aliases for e in x.entities if e.name == "Quay Roadmap")
    found = facts("QUAY 2020, the programme that financed many SME projects, has been followed by QUAY 2030.\n")
    assert ("SUCCEEDED_BY", "QUAY 2020", "QUAY 2030") in found


def test_a_successors_period_after_its_name_dates_the_succession_from_its_start():
    followed = dated_facts(extract(
        document_from_text("The Quay Programme was followed by the Tide Programme for the 2031-2037 period.\n")))
    assert followed[("SUCCEEDED_BY", "Quay Programme", "Tide Programme")] == (2031, None)
    replaced = dated_facts(extract(
        document_from_text("The Wave Plan replaced the Pier Plan, in use from 2025 to 2030.\n")))
    assert replaced[("SUCCEEDED_BY", "Pier Plan", "Wave Plan")] == (2030, None)


def test_more_target_groups_small_producers_micro_businesses_veterans():
    x = extract(document_from_text("The Quay Grant supports small manufacturers, micro-businesses and veterans.\n"))
    assert {"Small manufacturers", "Micro-businesses", "Veterans"} <= {
        n for e in x.entities if e.type == "TargetGroup" for n in (e.name, *e.aliases)}


def test_a_list_of_sizes_names_one_group_as_written():
    x = extract(document_from_text(
        "The Quay Grant supports very small, small and medium enterprises. The Pier Loan serves cottage, micro, "
        "small and medium enterprises. The Tide Voucher serves micro and small enterprises.\n"
    ))
    groups = {e.name: set(e.aliases) for e in x.entities if e.type == "TargetGroup"}
    assert "Very small, small and medium enterprises" in groups["SMEs"]
    assert "Cottage, micro, small and medium enterprises" in groups["MSMEs"]
    assert "Micro-enterprises" in groups


def test_target_groups_by_nationality_size_formality_and_trade():
    x = extract(document_from_text(
        "The Quay Grant supports Welsh businesses, Swiss start-ups, larger SMEs, formal micro-enterprises, software "
        "exporters and new and growing businesses.\n"
    ))
    assert {"Welsh businesses", "Swiss start-ups", "Larger SMEs", "Formal micro-enterprises", "Software exporters",
            "New and growing businesses"} <= {e.name for e in x.entities if e.type == "TargetGroup"}


def test_abbreviations_in_a_dated_items_brackets_are_bodies_even_if_never_spelt_out():
    found = facts("Programmes\n\n- Quay Growth Programme (QGP) (2024-2030, PARP + NQRD)\n")
    assert {("IMPLEMENTS", "PARP", "Quay Growth Programme"), ("IMPLEMENTS", "NQRD", "Quay Growth Programme")} <= found


def test_a_strategy_named_with_its_year_first_and_law_numbers_with_suffixes():
    x = extract(document_from_text(
        "The Pier Agency implements the 2033 Harbour Technology Strategy. Decree 80/2031/ND-CP and Law 27,570 "
        "apply to the Quay Programme.\n"
    ))
    found = names(x)
    assert {"2033 Harbour Technology Strategy", "Decree 80/2031/ND-CP", "Law 27,570"} <= found
    assert "Harbour Technology Strategy" in next(e.aliases for e in x.entities if e.name.startswith("2033"))


def test_a_unit_of_a_body_named_by_its_abbreviation_is_two_bodies():
    found = facts(
        "The Ministry of Docks (MD) sets policy. Digital policy is run by the Harbour Development Unit of the MD, "
        "which manages the Quay Fund.\n"
    )
    assert ("IMPLEMENTS", "Harbour Development Unit", "Quay Fund") in found


def test_a_ministry_and_another_bodys_abbreviation_are_two_bodies():
    x = extract(document_from_text(
        "The Ministry of Digital Docks (MDDK) sets policy. The Ministry of National Economy and MDDK jointly run the "
        "Quay Grant. The Ministry of Posts and ICT runs the Tide Grant.\n"
    ))
    found = names(x)
    assert {"Ministry of National Economy", "Ministry of Digital Docks", "Ministry of Posts and ICT"} <= found
    assert "Ministry of National Economy and MDDK" not in found


def test_two_bodies_joined_by_and_each_with_its_head():
    found = names(extract(document_from_text(
        "The Norland Computer Center and Telecommunications Office were merged into the Department of Docks. The "
        "Quay Innovation Council and SMEs Executive Agency runs the Tide Grant.\n"
    )))
    assert {"Norland Computer Center", "Telecommunications Office", "Quay Innovation Council and SMEs Executive Agency"
            } <= found


def test_a_literal_placeholder_in_the_text_is_only_text():
    assert facts("Ministry \n-  @0@\n- @1@ runs @2@\n") == set()


def test_a_network_of_centres_described_in_lower_case_and_a_named_one_written_again():
    found = facts(
        "County governments co-finance the local business service centres, and the Pier Agency runs the digital "
        "marketing clinics. The Quay Competence Centres were set up in 2030. The competence centres were "
        "succeeded by the Tide Hubs.\n"
    )
    assert ("IMPLEMENTS", "Pier Agency", "digital marketing clinics") in found
    assert ("SUCCEEDED_BY", "Quay Competence Centres", "Tide Hubs") in found


def test_cooperatives_are_named_wherever_the_text_names_them():
    x = extract(document_from_text("The Quay Grant is open to SMEs and co-operatives in Norland.\n"))
    assert "Co-operatives" in names(x)


def test_the_federal_government_is_an_actor():
    assert ("LEADS", "Federal government", "Quay Grant") in facts("The federal government funds the Quay Grant.\n")


def test_technology_companies_are_named_wherever_the_text_names_them():
    assert "Technology companies" in names(extract(document_from_text(
        "The Quay Hub brings together researchers and technology companies.\n")))


def test_it_after_which_is_the_clauses_body_not_the_last_sentences():
    found = facts(
        "Quay Business is run through the Quay Centres. The Ministry of Docks presented the Tide Strategy, which it "
        "drew up together with the Pier Agency.\n"
    )
    assert {("COLLABORATES_WITH", "Pier Agency", "Ministry of Docks"),
            ("COLLABORATES_WITH", "Ministry of Docks", "Pier Agency")} & found
    assert not {f for f in found if f[2] == "Quay Business" and f[1] == "Pier Agency"}


def test_pillars_of_a_strategy_and_a_body_acting_through_its_unit():
    found = facts(
        "The Harbour Plan and the Tide Plan are pillars of the Quay Strategy. Today it is the Ministry of Docks, "
        "acting through the Quay Economy Secretariat, which runs the Wave Grant.\n"
    )
    assert {("PART_OF", "Harbour Plan", "Quay Strategy"), ("PART_OF", "Tide Plan", "Quay Strategy"),
            ("PART_OF", "Quay Economy Secretariat", "Ministry of Docks")} <= found


def test_a_memorandum_signed_with_a_partner_and_a_partnership_deepened():
    found = facts(
        "The Pier Agency signed a memorandum of understanding with the Tide Office in 2031. The Wave Bank and the "
        "Dock Board deepen their partnership.\n"
    )
    pairs = {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"}
    assert {frozenset(("Pier Agency", "Tide Office")), frozenset(("Wave Bank", "Dock Board"))} <= pairs


def test_a_plus_or_an_edition_after_a_name_is_part_of_it():
    x = extract(document_from_text(
        "Since 2031 the main vehicle has been Quay+, the incentive system for harbour firms. The Tide Social Fund "
        "Plus (TSF+) finances the Wave Programme II, which is run by the Pier Agency. TSF+ also finances Dock 2.0.\n"
    ))
    found = names(x)
    assert {"Quay+", "Tide Social Fund Plus", "Wave Programme II"} <= found
    assert not {"Plus", "Tide Social Fund", "Wave Programme"} & found
    assert ("IMPLEMENTS", "Pier Agency", "Wave Programme II") in set(dated_facts(x))
    assert "TSF+" in next(e for e in x.entities if e.name == "Tide Social Fund Plus").aliases


def test_a_pages_partners_after_we_work_every_day_with_in_bold_and_not_the_programme_above():
    found = facts(
        "About the Quay Agency\n\nWe support harbour firms. We run the Tide Grant. We publish studies.\n\n"
        "We work every day with:\n\n"
        "- the **Pier Authority (PA)**, which deals with large projects;\n"
        "- banks and the **Dock Bank (DB)** for the financing of small projects.\n"
    )
    pairs = {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"}
    assert {frozenset(("Quay Agency", "Pier Authority")), frozenset(("Quay Agency", "Dock Bank"))} <= pairs
    assert not {f for f in found if f[0] == "PARTICIPATES_IN" and f[2] == "Tide Grant"}


def test_vice_ministries_presidencies_and_delegations_are_bodies():
    x = extract(document_from_text(
        "The Quay Office works under the Presidency of the Council of Ministers. The Vice-Ministry for Harbour "
        "Development is one of the vice-ministries of the Ministry of Docks. The Delegation for Pier Enterprise "
        "reports to the Presidency of the Republic.\n"
    ))
    types = {e.name: e.type for e in x.entities}
    assert types["Presidency of the Council of Ministers"] == types["Presidency of the Republic"] == "Government"
    assert types["Vice-Ministry for Harbour Development"] == "Ministry"
    assert types["Delegation for Pier Enterprise"] == "Agency"
    assert {("PART_OF", "Quay Office", "Presidency of the Council of Ministers"),
            ("PART_OF", "Vice-Ministry for Harbour Development", "Ministry of Docks")} <= set(dated_facts(x))


def test_a_decks_dated_items_with_two_bodies_and_a_body_under_its_ministry():
    found = facts(
        "Instruments\n"
        "- Quay Bonus (2016-2023, Ministry of Docks / Pier Agency)\n"
        "- Tide Hub (since 2015, Ministry of Docks, later Wave Office)\n"
        "- Harbour Development Agency (2001-, Ministry of Docks)\n"
        "- Produce in Norland (2014-, Harbour Development Agency)\n"
    )
    assert {("IMPLEMENTS", "Ministry of Docks", "Quay Bonus"), ("IMPLEMENTS", "Pier Agency", "Quay Bonus"),
            ("IMPLEMENTS", "Ministry of Docks", "Tide Hub"), ("IMPLEMENTS", "Wave Office", "Tide Hub"),
            ("PART_OF", "Harbour Development Agency", "Ministry of Docks")} <= found
    assert not {f for f in found if f[1] == "Produce in Norland" and f[0] == "PART_OF"}


def test_a_successor_after_a_relative_clause_a_merger_with_and_a_second_ministry_without_its_article():
    found = facts(
        "The Quay Enterprise Programme, which the Government of Norland has funded since 2031, succeeded the Tide "
        "Programme. The same reform merged the Ministry of Piers with the Ministry of Docks into a single Ministry of "
        "Harbours. The Ministry of Waves and Tides was formed by merging the former Ministry of Waves and Ministry of "
        "Tides. The Pier Personnel and Organisation works on it.\n"
    )
    assert {("SUCCEEDED_BY", "Tide Programme", "Quay Enterprise Programme"),
            ("SUCCEEDED_BY", "Ministry of Piers", "Ministry of Harbours"),
            ("SUCCEEDED_BY", "Ministry of Docks", "Ministry of Harbours"),
            ("SUCCEEDED_BY", "Ministry of Waves", "Ministry of Waves and Tides"),
            ("SUCCEEDED_BY", "Ministry of Tides", "Ministry of Waves and Tides")} <= found


def test_bodies_that_take_part_in_a_board_work_with_it_and_a_new_clause_after_and_is_no_list_item():
    found = facts(
        "The Quay Federation and the Tide Federation welcomed the plan. The two federations take part in the Pier "
        "Promotion Board.\n\n"
        "The Regional Government of Sorvik takes part in the Wave Strategy, and the Dock Agency works with the "
        "Harbour Association on the Quay Grant. The Pier Agency was formed through the merger of Tidex, the Norland "
        "Tide Office, and the Wave Bureau.\n"
    )
    pairs = {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"}
    assert {frozenset(("Quay Federation", "Pier Promotion Board")),
            frozenset(("Tide Federation", "Pier Promotion Board"))} <= pairs
    assert frozenset(("Regional Government of Sorvik", "Dock Agency")) not in pairs
    assert {("SUCCEEDED_BY", "Norland Tide Office", "Pier Agency"),
            ("SUCCEEDED_BY", "Wave Bureau", "Pier Agency")} <= found


def test_the_members_a_board_brings_together_and_those_that_sit_on_a_council_work_with_it():
    found = facts(
        "The Quay Board, chaired by the minister, brings the Ministry of Docks, the Pier Agency and the Tide Bank "
        "together with the Wave Chamber of Commerce. The law also established a Harbour Council, chaired by the "
        "Ministry of Docks, on which the Ministry of Piers and the Norland Science Secretariat also sit.\n"
    )
    pairs = {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"}
    members = ("Ministry of Docks", "Pier Agency", "Tide Bank", "Wave Chamber of Commerce")
    assert {frozenset((m, "Quay Board")) for m in members} <= pairs
    assert {frozenset((m, "Harbour Council")) for m in ("Ministry of Piers", "Norland Science Secretariat")} <= pairs


def test_it_is_the_agency_of_names_its_body_and_issued_is_leading():
    found = facts(
        "The Ministry of Docks (MD) was created in 2031. It is the executing agency of the Quay Connect programme. "
        "The Pier Institute was founded in 2030. It is an agency of the Ministry of Docks. In 2032 the Ministry of "
        "Docks issued the Harbour Agenda 2032-2035. It is important to read it.\n"
    )
    assert {("IMPLEMENTS", "Ministry of Docks", "Quay Connect programme"),
            ("PART_OF", "Pier Institute", "Ministry of Docks"),
            ("LEADS", "Ministry of Docks", "Harbour Agenda")} <= found


def test_a_states_or_provinces_code_ends_a_bodys_name():
    x = extract(document_from_text(
        "The Quay Grant is run by Service NRW together with Local Government NRW. Small Business QC offers "
        "webinars, and consultations are run by Cyber Security NRW. The Quay Growth Agency QGA advises firms.\n"
    ))
    found = names(x)
    assert {"Service NRW", "Local Government NRW", "Small Business QC", "Cyber Security NRW",
            "Quay Growth Agency"} <= found
    assert ("IMPLEMENTS", "Service NRW", "Quay Grant") in set(dated_facts(x))


def test_a_hyphenated_abbreviation_inside_a_name_and_two_and_names_joined_by_and_the():
    x = extract(document_from_text(
        "The Pier Enterprise Development for Harbour Growth (PED-HG) programme is funded by the Government of "
        "Norland. The Department of Cottage and Small Docks and the Cottage and Small Docks Development Board, "
        "together with local governments, deliver training.\n"
    ))
    found = names(x)
    assert {"Pier Enterprise Development for Harbour Growth programme", "Department of Cottage and Small Docks",
            "Cottage and Small Docks Development Board"} <= found
    assert ("LEADS", "Government of Norland", "Pier Enterprise Development for Harbour Growth programme") in set(
        dated_facts(x))


def test_a_bodys_own_regional_offices_are_part_of_it_but_not_the_offices_of_a_named_body():
    found = facts(
        "The Quay Agency offers training through its regional offices. Most projects were delivered through the "
        "Pier Bank's regional offices. The Tide Plan is implemented through the regional offices of the Wave Agency.\n"
    )
    assert {("PART_OF", "Regional offices", "Quay Agency"), ("PART_OF", "Regional offices", "Pier Bank"),
            ("IMPLEMENTS", "Wave Agency", "Tide Plan")} <= found


def test_more_target_groups_and_a_partner_of_the_subject_not_of_its_target_group():
    x = extract(document_from_text(
        "The Quay Chamber of Commerce offers training to member firms, partly in cooperation with the Pier Agency. "
        "The Tide Fund lends to smaller firms, young promoters, rural households and persons with disabilities.\n"
    ))
    assert {"Member firms", "Smaller firms", "Young promoters", "Rural households", "Persons with disabilities"} <= (
        names(x))
    pairs = {frozenset(f[1:]) for f in dated_facts(x) if f[0] == "COLLABORATES_WITH"}
    assert frozenset(("Quay Chamber of Commerce", "Pier Agency")) in pairs


def test_a_press_releases_dateline_in_capitals_is_no_name():
    x = extract(document_from_text(
        "NEWS RELEASE\n\nMinistry of Docks\n\nQUAYTOWN \u2013 Thousands more small firms will sell online, as the "
        "Pier Agency adds new funding to the Tide Grant program.\n"
    ))
    assert not any("QUAYTOWN" in n for n in names(x))
    assert ("LEADS", "Pier Agency", "Tide Grant program") in set(dated_facts(x))


def test_a_rename_told_from_the_new_name_and_work_lost_or_gone_to_another_body():
    found = facts(
        "The Ministry of Docks received its current name in 2031, when the former Ministry of Docks and Piers lost "
        "its piers portfolio to a newly created Ministry of Piers. The Ministry of Tides (MT) was divided in 2032; "
        "its digital tasks went to the new Ministry of Waves. The Quay Office (QO) took its current name under "
        "Law 12-30, which in 2030 reorganised the former Quay Bureau.\n"
    )
    assert {("SUCCEEDED_BY", "Ministry of Docks and Piers", "Ministry of Docks"),
            ("TRANSFERRED_TO", "Ministry of Docks and Piers", "Ministry of Piers"),
            ("TRANSFERRED_TO", "Ministry of Tides", "Ministry of Waves"),
            ("SUCCEEDED_BY", "Quay Bureau", "Quay Office")} <= found


def test_new_after_an_article_opens_an_instruments_name():
    x = extract(document_from_text(
        "Both strands are framed by the New Growth Policy adopted in 2031. New programmes were launched by the "
        "Quay Agency, which also runs the New Quay Scheme.\n"
    ))
    assert {"New Growth Policy", "New Quay Scheme"} <= names(x) and "Growth Policy" not in names(x)


def test_a_numbered_label_before_a_dash_is_no_name_but_the_name_after_it_is():
    found = names(extract(document_from_text(
        "Finding 1 \u2013 Registration has become easier.\n\nFinding 3 \u2013 The digital agenda is weak.\n\n"
        "Table 3 \u2013 Quay Grant programme.\n"
    )))
    assert not any(n.startswith("Finding") for n in found)
    assert "Quay Grant programme" in found


def test_a_briefings_options_are_no_names():
    found = names(extract(document_from_text(
        "Option A: anchor the component in the Ministry of Docks. Option B: anchor it in the Pier Agency.\n"
    )))
    assert {"Ministry of Docks", "Pier Agency"} <= found and not any(n.startswith("Option") for n in found)


def test_a_network_named_after_a_brand_is_its_own_entity():
    x = extract(document_from_text(
        "The Quay Agency runs the Quay.Online platform and the network of Quay.Online centres. The Tide Office runs "
        "e-Pier training centres for young freelancers.\n"
    ))
    assert {"Quay.Online platform", "Quay.Online centres", "e-Pier training centres"} <= names(x)
    assert ("IMPLEMENTS", "Tide Office", "e-Pier training centres") in set(dated_facts(x))


def test_with_a_and_with_b_and_the_items_of_a_lead_in_go_on_with_its_body():
    found = facts(
        "The Quay Agency works closely with the Pier Office and with the Tide Bureau. The Dock Bank is owned by the "
        "Ministry of Docks, and with the Wave Office it runs the Sea Grant.\n\n"
        "In response, the Harbour Commission:\n"
        "- published guides for firms;\n"
        "- ran sessions in October 2031, together with the Coast Office and local councils.\n"
    )
    pairs = {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"}
    assert {frozenset(("Quay Agency", "Pier Office")), frozenset(("Quay Agency", "Tide Bureau")),
            frozenset(("Harbour Commission", "Coast Office")), frozenset(("Harbour Commission", "Local councils"))
            } <= pairs
    assert ("PART_OF", "Dock Bank", "Wave Office") not in found


def test_what_was_launched_with_a_partner_keeps_its_launcher_and_gains_the_partner():
    found = facts(
        "The Quay Agency also runs the Wave Project, launched in 2031 with the Harbour Foundation. Our work is "
        "framed by the Quay Suite, the strategy that the Pier Agency launched in 2030 with the then Department of "
        "Docks.\n"
    )
    assert {("PARTICIPATES_IN", "Harbour Foundation", "Wave Project"), ("LEADS", "Pier Agency", "Quay Suite")} <= found
    assert {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"} >= {
        frozenset(("Pier Agency", "Department of Docks"))}


def test_more_ways_of_being_part_of_a_body():
    found = facts(
        "The Quay Agency is a public establishment under the supervision of the ministry in charge of industry, "
        "currently the Ministry of Docks. The law created, within the Ministry of Docks, the Vice-Ministry of Piers. "
        "The Regional Government of Tide exercises it through the Regional Directorate for Waves. The Wave Unit sits "
        "inside the Ministry of Docks. The Quay Federation is the umbrella of the Pier Association and the Tide "
        "Association.\n"
    )
    assert {("PART_OF", "Quay Agency", "Ministry of Docks"), ("PART_OF", "Vice-Ministry of Piers", "Ministry of Docks"),
            ("PART_OF", "Regional Directorate for Waves", "Regional Government of Tide"),
            ("PART_OF", "Wave Unit", "Ministry of Docks"), ("PART_OF", "Pier Association", "Quay Federation"),
            ("PART_OF", "Tide Association", "Quay Federation")} <= found


def test_a_funder_after_a_country_funds_the_programme_before_it():
    found = facts(
        "The Harbour Bank runs its Quay Advice programme in Ghana, with funding from the European Union among "
        "other donors.\n"
    )
    assert ("LEADS", "European Union", "Quay Advice programme") in found


def test_a_superintendency_is_a_body_whose_name_may_hold_a_list():
    x = extract(document_from_text(
        "Firms register through the portal of the Quay Superintendency of Companies, Securities and Insurance.\n"
    ))
    assert {e.name: e.type for e in x.entities}.get("Quay Superintendency of Companies, Securities and Insurance") == (
        "Agency")


def test_a_decks_before_colon_names_the_bodys_former_name():
    found = facts(
        "Ministry of Docks (MD)\n- SME policy, Quay Bonus\n- name since 2031; before: Ministry of Docks and Media\n"
    )
    assert ("SUCCEEDED_BY", "Ministry of Docks and Media", "Ministry of Docks") in found


def test_an_apposition_with_a_participle_after_its_noun_types_a_name_found_by_shape():
    x = extract(document_from_text(
        "The scheme is run by Quaycap, a public company attached to the Ministry of Docks. Invest Tideland, the "
        "agency responsible for attracting investment, works with Tidefund, the labour fund established in 2031.\n"
    ))
    types = {e.name: e.type for e in x.entities}
    assert types["Quaycap"] == types["Invest Tideland"] == "Agency"
    assert types.get("Tidefund") != "Programme"


def test_an_object_described_by_a_relative_clause_is_no_mention_after_it_nor_a_participle_a_name():
    x = extract(document_from_text(
        "It became the Ministry of Docks in 2031, as part of a wider reform that cut the number of ministries.\n\n"
        "Quay Bonus\n- Launched 2031 by the Ministry of Piers\n"
    ))
    assert not {f for f in dated_facts(x) if f[0] == "PART_OF"}
    assert not any(n.startswith("Launched") for n in names(x))


def test_funds_channelled_through_a_programme_finance_it():
    found = facts(
        "For 2031-2037 the Harbour Development Fund (HDF) and the Coastal Social Fund (CSF) are channelled through "
        "the Isles 2030 regional programme.\n"
    )
    assert {("LEADS", "Harbour Development Fund", "Isles 2030 regional programme"),
            ("LEADS", "Coastal Social Fund", "Isles 2030 regional programme")} <= found


def test_bodies_that_deliver_under_a_programme_run_it():
    found = facts(
        "Under the Quay Start programme, the Department of Docks and the Pier Development Board, together with local "
        "governments, deliver entrepreneurship training.\n"
    )
    assert {("IMPLEMENTS", "Department of Docks", "Quay Start programme"),
            ("IMPLEMENTS", "Pier Development Board", "Quay Start programme"),
            ("IMPLEMENTS", "Local governments", "Quay Start programme")} <= found


def test_an_abbreviation_inside_a_programmes_name_names_it_later():
    found = facts(
        "The Pier Enterprise Development (PED-X) programme is funded by the Government of Norland. Under PED-X, the "
        "Quay Agency and the Tide Board deliver training.\n"
    )
    assert {("IMPLEMENTS", "Quay Agency", "Pier Enterprise Development programme"),
            ("IMPLEMENTS", "Tide Board", "Pier Enterprise Development programme")} <= found


def test_a_footnote_after_a_bracket_ends_a_sentence_and_for_a_and_for_b_and_a_datelines_date():
    x = extract(document_from_text(
        "The Quay Hub has been co-funded by the Tide Programme (TP).\u00b3 The Pier Institute (PI) took part in the "
        "hub's design. PI itself is the product of a reorganisation: it was formed in 2031 from the merger of the "
        "Wave Centre and the Dock Centre.\n\n"
        "The Ministry of Docks is responsible for digital infrastructure and for the Harbour Policy 2031-2035.\n\n"
        "Quaytown, 3 March 2031 \u2013 The Sea Innovation Fund (SIF) today opened a call.\n"
    ))
    found = set(dated_facts(x))
    assert {("SUCCEEDED_BY", "Wave Centre", "Pier Institute"), ("SUCCEEDED_BY", "Dock Centre", "Pier Institute"),
            ("LEADS", "Ministry of Docks", "Harbour Policy")} <= found
    assert "Sea Innovation Fund" in names(x) and not any("March" in n for n in names(x))


def test_formed_when_one_took_over_more_or_was_merged_with_a_list():
    found = facts(
        "The Ministry of Docks and Labour was formed in 2031, when the Ministry of Docks took over labour affairs. "
        "The Quay Skills Agency was created in 2032 when the Quay Training Agency was merged with the Youth Service "
        "Board, the Pier Learning Office and the Apprenticeship Board.\n"
    )
    assert {("SUCCEEDED_BY", "Ministry of Docks", "Ministry of Docks and Labour")} | {
        ("SUCCEEDED_BY", old, "Quay Skills Agency") for old in (
            "Quay Training Agency", "Youth Service Board", "Pier Learning Office", "Apprenticeship Board")} <= found


def test_an_ampersand_inside_a_name_found_by_shape_keeps_it_whole():
    found = facts(
        "Quay Innovation & Enterprise (QUIE) is the government's agency for business support. The Tide Pass is "
        "administered by QUIE.\n"
    )
    assert ("IMPLEMENTS", "Quay Innovation and Enterprise", "Tide Pass") in found


def test_an_owner_s_agency_or_programme_named_after_its_noun():
    found = facts(
        "The Quay Government's agency Bezo supports innovative companies. The Pier Agency's flagship programme Tide "
        "Start helps firms.\n"
    )
    assert {("PART_OF", "Bezo", "Quay Government"), ("LEADS", "Pier Agency", "Tide Start")} <= found


def test_the_functions_of_a_together_with_those_of_b():
    found = facts(
        "The Ministry of Docks was created in 2031. It took over the functions of the former Ministry of Piers (MP) "
        "together with most of those of the Ministry of Tides (MT), which was dissolved at the same time.\n"
    )
    assert {("SUCCEEDED_BY", "Ministry of Piers", "Ministry of Docks"),
            ("SUCCEEDED_BY", "Ministry of Tides", "Ministry of Docks")} <= found
    assert not {f for f in found if f[0] == "COLLABORATES_WITH"}


def test_a_bare_head_after_and_at_the_end_of_a_tail_stays_in_the_name():
    found = facts(
        "The Department of Premier and Cabinet leads the Quay Digital Plan. The Ministry of Docks and the Cabinet "
        "Office work together. The Ministry of Piers and Cabinet Office work together.\n"
    )
    assert ("LEADS", "Department of Premier and Cabinet", "Quay Digital Plan") in found
    assert {frozenset(f[1:]) for f in found if f[0] == "COLLABORATES_WITH"} == {
        frozenset(("Ministry of Docks", "Cabinet Office")), frozenset(("Ministry of Piers", "Cabinet Office"))}


def test_est_and_a_bare_year_inside_a_phrase():
    found = facts("Launchquay, the state's start-up agency, est. 2031 by the Quay Government, funds founders.\n")
    assert ("LEADS", "Quay Government", "Launchquay") in found


def test_an_act_that_turns_bodies_into_others_and_a_bank_that_combines_two():
    found = facts(
        "The new act will change Quaytek into the Norland Funding Agency and Pierpro into the Norland Trade "
        "Company.\n\n"
        "The Tide Development Bank, which combines the Tide Industrial Bank (TIB) and the Tide Housing Bank "
        "(THB), opened in 2031.\n\n"
        "Harbour Innovation brings together the former Dock Research Institute and the Dock Export Office.\n"
    )
    assert {
        ("SUCCEEDED_BY", "Quaytek", "Norland Funding Agency"),
        ("SUCCEEDED_BY", "Pierpro", "Norland Trade Company"),
        ("SUCCEEDED_BY", "Tide Industrial Bank", "Tide Development Bank"),
        ("SUCCEEDED_BY", "Tide Housing Bank", "Tide Development Bank"),
        ("SUCCEEDED_BY", "Dock Research Institute", "Harbour Innovation"),
        ("SUCCEEDED_BY", "Dock Export Office", "Harbour Innovation"),
    } <= found
    # bodies merged into one are not partners
    assert ("COLLABORATES_WITH", "Dock Export Office", "Dock Research Institute") not in found


def test_a_new_name_a_participle_take_over_an_absorbed_body_and_a_unit_inside_a_ministry():
    found = facts(
        "The Tide Bank is the new name, adopted in 2031, of the Pier Guarantee Office (PGO).\n\n"
        "The Department of Docks was created in 2030 by Act No. 10, taking over the functions of the Quay Technology "
        "Office (QTO) of the Ministry of Piers, which was abolished.\n\n"
        "The Harbour Research Centre was integrated into the Pier Agency in 2032. The Quay Voucher was integrated "
        "into the Pier Plan.\n\n"
        "The Dock Parks programme, led by the State Department for Quays in the Ministry of Piers, is co-financed.\n"
    )
    assert {
        ("SUCCEEDED_BY", "Pier Guarantee Office", "Tide Bank"),
        ("SUCCEEDED_BY", "Quay Technology Office", "Department of Docks"),
        ("SUCCEEDED_BY", "Harbour Research Centre", "Pier Agency"),
        ("PART_OF", "Quay Voucher", "Pier Plan"),  # an instrument integrated into a plan is a part of it
        ("PART_OF", "State Department for Quays", "Ministry of Piers"),
        ("LEADS", "State Department for Quays", "Dock Parks programme"),
    } <= found
    assert ("PART_OF", "Harbour Research Centre", "Pier Agency") not in found


def test_an_executing_agency_and_a_partner_named_after_the_launcher_and_bodies_that_agreed():
    found = facts(
        "Between 2030 and 2032 the Quay Voucher was relaunched by the Ministry of Docks, with the Pier Agency as "
        "executing agency and the Tide Service as partner for the smallest firms.\n\n"
        "The Harbour Office and the Council of Piers (CoP) agreed in February 2031 on a joint framework.\n\n"
        "The Dock Corporation (DC Corp), the Ministry of Docks's attached financing agency, will offer loans.\n"
    )
    assert {
        ("LEADS", "Ministry of Docks", "Quay Voucher"),
        ("IMPLEMENTS", "Pier Agency", "Quay Voucher"),
        ("PARTICIPATES_IN", "Tide Service", "Quay Voucher"),
        ("COLLABORATES_WITH", "Council of Piers", "Harbour Office"),
        ("PART_OF", "Dock Corporation", "Ministry of Docks"),
    } <= found
    # an executing agency is no co-launcher
    assert ("LEADS", "Pier Agency", "Quay Voucher") not in found


def test_its_predecessor_the_abolition_of_one_and_the_creation_of_another_and_a_subsidiary():
    found = facts(
        "The Department of Docks was created on 1 January 2031, when its predecessor, the Ministry of Piers (MoP), "
        "was divided.\n\n"
        "The reform included the dissolution of the 35 Quay Boards and the creation of the new Local Pier Offices.\n\n"
        "The Harbour Agency runs the Dock Programme through its subsidiary, Tidewater International. The Harbour "
        "Agency's arm for exports, Harbour Invest, opened in 2032.\n\n"
        "The Pier Corporation runs the Dock Incubation Programme together with the Quay Institute.\n\n"
        "A decree established the Directorate for Quays, in Ministry of Tides to speed up the work.\n"
    )
    assert {
        ("SUCCEEDED_BY", "Ministry of Piers", "Department of Docks"),
        ("SUCCEEDED_BY", "Quay Boards", "Local Pier Offices"),
        ("PART_OF", "Tidewater International", "Harbour Agency"),
        ("PART_OF", "Harbour Invest", "Harbour Agency"),
        ("IMPLEMENTS", "Quay Institute", "Dock Incubation Programme"),
        ("PART_OF", "Directorate for Quays", "Ministry of Tides"),
    } <= found
    assert ("LEADS", "Harbour Agency", "Tidewater International") not in found


def test_the_offer_a_replaced_component_and_a_year_that_belongs_to_the_predecessor():
    found = dated_facts(extract(document_from_text(
        'Tidewater Quay opens applications for "Quay Digital", a new support offer.\n\n'
        "The offer was designed with the Pier Development Agency (PDA) and forms part of Pier 2030.\n\n"
        "Quay Digital replaces the digital component of the former Moussa programme, which ran from 2010 to 2022.\n\n"
        "The Harbour Agency was created in 2015 as the successor to the National Agency for Quays (NAQ), established "
        "in 2002.\n\n"
        "Tidebank is a guarantee company. Tidebank is the new name, adopted in 2022, of the Quay Guarantee Fund.\n"
    )))
    assert {("PART_OF", "Quay Digital", "Pier 2030"), ("PARTICIPATES_IN", "Pier Development Agency", "Quay Digital"),
            ("SUCCEEDED_BY", "Moussa programme", "Quay Digital")} <= set(found)
    assert found[("SUCCEEDED_BY", "National Agency for Quays", "Harbour Agency")][0] == 2015
    assert found[("SUCCEEDED_BY", "Quay Guarantee Fund", "Tidebank")][0] == 2022
    # a replaced part is no part of the replacement's; a new name adopts nothing
    assert not set(found) & {("PART_OF", "Quay Digital", "Moussa programme"),
                             ("LEADS", "Tidebank", "Quay Guarantee Fund")}


def test_an_abbreviation_with_a_plus_and_a_body_that_plays_a_part_in_an_instrument():
    found = facts(
        "The agency runs Quay Mais Produtivo (Q+P). The Ministry of Docks (MoD) announced a redesigned Q+P in 2031.\n\n"
        "Since 2031 the Pier Agency has played a central part in the Tide Offensive.\n"
    )
    assert {("LEADS", "Ministry of Docks", "Quay Mais Produtivo"),
            ("PARTICIPATES_IN", "Pier Agency", "Tide Offensive")} <= found


def test_words_in_lower_case_an_abbreviation_spells_and_agreements_between_bodies():
    x = extract(document_from_text(
        "In Norland, local enterprise partnerships (LEPs) were set up. The LEPs replaced the regional development "
        "agencies (RDAs) in 2031. Most centres are hosted by local government units (LGUs). Growth was 2 per cent of "
        "gross domestic product (GDP).\n\n"
        "PIER CITY: A Memorandum of Understanding (MoU) was inked on Tuesday between the Quay Economic Zones Company "
        "(QEZC) and the Pier Planning Department.\n\n"
        "The state government has inked pacts with the Quay Development Bank (QDB) and the Tide Chamber of "
        "Commerce.\n\n"
        "The Quay Bank, the Pier Development Agency and the Tide Training Fund are the major drivers of the National "
        "Quay Development Programme. The Harbour Project is a partnership programme with the Pier Mission and the "
        "University of Tides.\n"
    ))
    found = set(dated_facts(x))
    assert {"Local enterprise partnerships", "Local government units"} <= names(x)
    assert "Gross domestic product" not in names(x)  # named by its letters, but nothing is said of it
    assert {
        ("SUCCEEDED_BY", "Regional development agencies", "Local enterprise partnerships"),
        ("COLLABORATES_WITH", "Pier Planning Department", "Quay Economic Zones Company"),
        ("COLLABORATES_WITH", "Quay Development Bank", "State government"),
        ("LEADS", "Pier Development Agency", "National Quay Development Programme"),
        ("PARTICIPATES_IN", "University of Tides", "Harbour Project"),
    } <= found


def test_bodies_combined_from_a_counted_list_a_former_body_by_ex_and_a_predecessor_of():
    found = facts(
        "The Quay Development Agency (QDA) was formed as a one-stop shop after combining five independent statutory "
        "bodies that included; Quay Investment Centre, Export Board of Quay and the Quay Export Zones Authority.\n\n"
        "The Pier Agency was set up in 2031. It will, henceforth, shoulder the responsibilities and functions of the "
        "Ex Small Piers Development Authority (SPDA).\n\n"
        "In 1918 the state established the Ministry of Tides. It is considered to be the predecessor of the Ministry "
        "of Docks.\n"
    )
    assert {
        ("SUCCEEDED_BY", "Quay Investment Centre", "Quay Development Agency"),
        ("SUCCEEDED_BY", "Export Board of Quay", "Quay Development Agency"),
        ("SUCCEEDED_BY", "Quay Export Zones Authority", "Quay Development Agency"),
        ("SUCCEEDED_BY", "Small Piers Development Authority", "Pier Agency"),
        ("SUCCEEDED_BY", "Ministry of Tides", "Ministry of Docks"),
    } <= found


def test_bodies_that_merge_to_be_called_by_a_new_name():
    found = facts(
        "On the other hand, the Ministry of Tides merges with the Ministry of Production, Trade and Fisheries, to be "
        "called the Ministry of Production and Trade.\n"
    )
    new = "Ministry of Production and Trade"
    assert {("SUCCEEDED_BY", "Ministry of Tides", new),
            ("SUCCEEDED_BY", "Ministry of Production, Trade and Fisheries", new)} <= found


def test_a_department_and_a_division_named_side_by_side_are_two_bodies():
    x = extract(document_from_text(
        "The Ministry of Quays, Trade and Tourism (MQTT) is responsible for trade.\n\n"
        "These roles are undertaken by the Economic Unit, the Department of Co-operative Business and Corporate "
        "Services Division, within the Ministry. The Department of Premier and Cabinet and the Department of Health "
        "and Human Services agreed. Representatives of Norland’s Innovation and Technologies Agency met.\n"
    ))
    assert {"Department of Co-operative Business", "Corporate Services Division", "Department of Premier and Cabinet",
            "Department of Health and Human Services", "Innovation and Technologies Agency"} <= names(x)
    assert ("PART_OF", "Corporate Services Division", "Ministry of Quays, Trade and Tourism") in dated_facts(x)


def test_a_merger_between_bodies_bodies_subsumed_under_one_and_an_acting_body_before_its_partners():
    x = extract(document_from_text(
        "The Quay Finance Agency (QFA), a result of a merger between Khulatek and the Pier Micro Finance Fund "
        "(PMFF), opened in 2031.\n\n"
        "In the 1990s, the Cottage Industries Department and the Quay Enterprise Commission were subsumed under the "
        "Pier Board.\n\n"
        "The Tide Authority (TA) is operationalising Constituency Dock Centres (CDCs) across the country.\n\n"
        "The Tide Authority in collaboration with the Pier Corporation and UNIDO has started the Quay Cluster "
        "Programme.\n\n"
        'The work is managed by the "Trade for Docks (T4D)" project.\n'
    ))
    found = set(dated_facts(x))
    assert {
        ("SUCCEEDED_BY", "Khulatek", "Quay Finance Agency"),
        ("SUCCEEDED_BY", "Pier Micro Finance Fund", "Quay Finance Agency"),
        ("SUCCEEDED_BY", "Cottage Industries Department", "Pier Board"),
        ("SUCCEEDED_BY", "Quay Enterprise Commission", "Pier Board"),
        ("IMPLEMENTS", "Tide Authority", "Constituency Dock Centres"),
        ("LEADS", "Tide Authority", "Quay Cluster Programme"),
    } <= found
    assert ("LEADS", "Pier Corporation", "Quay Cluster Programme") not in found
    assert x.find("T4D") is not None and x.find("T4D").name == "Trade for Docks"  # the quotes hold the abbreviation


def test_a_body_acting_through_another_and_a_description_the_subject_takes():
    x = extract(document_from_text(
        "For this reason, the Ministry of Docks, through the Quay Committees, has launched the Pier Plans.\n\n"
        "The Secretariat of Docks (SD), through the National Institute of Quays (NIQ), and the Pier Institute of "
        "Technology (PIT, by its initials in Norlandic) signed a collaboration agreement for the study.\n\n"
        "Tide Quay Corp (TQC) is the central coordinating agency (CCA) under the Ministry of Docks.\n"
    ))
    found = set(dated_facts(x))
    assert {
        ("LEADS", "Ministry of Docks", "Pier Plans"),
        ("LEADS", "Quay Committees", "Pier Plans"),
        ("COLLABORATES_WITH", "National Institute of Quays", "Secretariat of Docks"),
        ("COLLABORATES_WITH", "National Institute of Quays", "Pier Institute of Technology"),
    } <= found
    assert "Central coordinating agency" not in names(x)  # the abbreviation is the subject's own


def test_a_name_set_off_by_commas_before_a_verb_of_speech_is_a_persons():
    x = extract(document_from_text(
        "Development Minister Ana Korsk and her deputy, Tomas Vellar, argued that 140 offices would close.\n\n"
        "Permanent Secretary, Ministry of Quays, Amb. Lina Dorsk, explained that the partnership would grow.\n\n"
        "The Quay Agency runs the Pier Voucher.\n"
    ))
    assert not {"Tomas Vellar", "Lina Dorsk"} & names(x)
    assert {"Ministry of Quays", "Quay Agency", "Pier Voucher"} <= names(x)


def test_partners_named_as_examples_after_as_well_as():
    found = facts(
        "The Quay Finance Agency will work closely with other agencies, such as the Pier Development Agency (PDA), "
        "as well as with provincial agencies that finance small businesses – including the Tide Enterprise "
        "Propeller and the Dock Development Corporation.\n"
    )
    assert {("COLLABORATES_WITH", "Pier Development Agency", "Quay Finance Agency"),
            ("COLLABORATES_WITH", "Quay Finance Agency", "Tide Enterprise Propeller"),
            ("COLLABORATES_WITH", "Dock Development Corporation", "Quay Finance Agency")} <= found


def test_posts_places_and_a_memorandum_are_no_bodies():
    x = extract(document_from_text(
        "The Executive Director of Quay Chamber, Ms Vell, spoke. The Director General agreed.\n\n"
        "PIER CITY: A Memorandum of Understanding (MoU) was signed between the Quay Company and the Pier "
        "Department.\n\n"
        "The launch took place in Port-Louis and Baguio City, in Tide State and Ilfov County.\n\n"
        "The Spokesperson for Small Quay Entrepreneurs may join proceedings. Dock County runs the Quay Grant.\n"
    ))
    assert not {"Executive Director of Quay Chamber", "Director General", "Memorandum of Understanding", "Port-Louis",
                "Baguio City", "Tide State", "Ilfov County"} & names(x)
    # an office that acts; a county that runs something
    assert {"Spokesperson for Small Quay Entrepreneurs", "Dock County"} <= names(x)
    assert ("COLLABORATES_WITH", "Pier Department", "Quay Company") in dated_facts(x)


def test_a_laws_name_ends_before_the_date_it_was_passed_on():
    x = extract(document_from_text(
        "The President approved the Act on Quay Finland on 28 December 2031. The Regulation of the State Secretary "
        "of QA of 20 February 2030 set the rules.\n"
    ))
    assert {"Act on Quay Finland", "Regulation of the State Secretary of QA of 20 February 2030"} <= names(x)


def test_a_countrys_initials_a_plans_span_and_an_abbreviation_written_onto_a_name():
    x = extract(document_from_text(
        "The Quay Office and the Pier Council partner with the U.S. Census Bureau to conduct the survey.\n\n"
        "The agency will ensure the implementation of the 10-Year Master Plan. The Quay Development Bank-QDB manages "
        "the Dock Fund.\n\n"
        "Permanent Secretary, Ministry of Tides, Amb. Lina Dorsk, explained the plan.\n"
    ))
    assert {"U.S. Census Bureau", "10-Year Master Plan", "Quay Development Bank"} <= names(x)
    assert x.find("QDB") is not None and x.find("QDB").name == "Quay Development Bank"
    assert "Lina Dorsk" not in names(x)
    assert ("COLLABORATES_WITH", "Quay Office", "U.S. Census Bureau") in dated_facts(x)


def test_abbreviations_written_with_accented_capitals():
    x = extract(document_from_text(
        "The Small Quay Development Organisation (KÜSQA) runs the Tide Grant. The Pier Council of Norland (PİDEK) "
        "operates the Dock Loan; PİDEK also manages the Harbour Fund. The agency ČMZQ administers the Quay Voucher.\n"
    ))
    assert x.find("KÜSQA").name == "Small Quay Development Organisation"
    assert x.find("PİDEK").name == "Pier Council of Norland"
    assert {("IMPLEMENTS", "Pier Council of Norland", "Harbour Fund"), ("IMPLEMENTS", "ČMZQ", "Quay Voucher")} \
        <= set(dated_facts(x))


def test_an_amount_is_no_name_and_a_prepositions_object_is_no_subject():
    x = extract(document_from_text(
        "The package, worth TL 4.2 billion over 2030-2032, will be delivered by the Quay Agency. The Tide Fund holds "
        "NOK 1.5 billion.\n\n"
        "The Pier Agency was established in 2031 under Act No. 36 as the successor to the Dock Office.\n\n"
        "In 2030, Sorvik City paid its Quay Grant to local firms that invested under the national Tide Programme.\n"
    ))
    assert not {"TL 4.2", "NOK 1.5"} & names(x)
    found = set(dated_facts(x))
    assert ("SUCCEEDED_BY", "Dock Office", "Pier Agency") in found
    assert not any(f[1] == "Sorvik City" and f[2] == "Tide Programme" for f in found)


def test_a_body_described_as_a_unit_of_another_after_as_a_dash_or_a_participle():
    found = facts(
        "The Quay Institute opened its doors in January 2031 as a decentralised body of the Ministry of Docks.\n\n"
        "The Pier Agency (PA) is a state contributory organisation of the Ministry of Tides.\n\n"
        "HarbourNet, an office created within the Department of Ports in 2030, coordinates broadband.\n"
    )
    assert {("PART_OF", "Quay Institute", "Ministry of Docks"), ("PART_OF", "Pier Agency", "Ministry of Tides"),
            ("PART_OF", "HarbourNet", "Department of Ports")} <= found


def test_reorganisations_named_as_nouns_and_a_list_before_an_aside_in_parentheses():
    x = extract(document_from_text(
        "On 4 August 2031 Cabinet approved the incorporation of the Quay Finance Agency (qfa) and Pier Banks "
        "Development Agency (PBDA) into the Tide Enterprise Development Agency (Teda).\n\n"
        "The conversion of the Norland Small Industry Board (NSIB) into the Norland Enterprises Agency took effect "
        "in 2032. The Harbour Agency was established on the basis of the Dock Agency and the Pier Support Agency.\n\n"
        "In the 1990s, the Cottage Department and the Quay Commission (dedicated to all Norland enterprises, "
        "including Micro, Small, Medium and Large Enterprises) were subsumed under the Dock Board. The Tide Office "
        "will remain in the structure of the Ministry of Quays.\n"
    ))
    found = dated_facts(x)
    assert {("SUCCEEDED_BY", "Quay Finance Agency", "Tide Enterprise Development Agency"),
            ("SUCCEEDED_BY", "Pier Banks Development Agency", "Tide Enterprise Development Agency"),
            ("SUCCEEDED_BY", "Norland Small Industry Board", "Norland Enterprises Agency"),
            ("SUCCEEDED_BY", "Dock Agency", "Harbour Agency"),
            ("SUCCEEDED_BY", "Pier Support Agency", "Harbour Agency"),
            ("SUCCEEDED_BY", "Cottage Department", "Dock Board"), ("SUCCEEDED_BY", "Quay Commission", "Dock Board"),
            ("PART_OF", "Tide Office", "Ministry of Quays")} <= set(found)
    assert found["SUCCEEDED_BY", "Norland Small Industry Board", "Norland Enterprises Agency"][0] == 2032
    assert not {"Micro", "Small"} & names(x)


def test_firm_sizes_in_title_case_are_a_target_group():
    x = extract(document_from_text(
        "The Pier Agency supports Micro, Small and Medium Enterprises (MSMEs) across Norland. The Micro and Small "
        "Enterprises Act was passed in 2032. The Tide Agency helps Small & Medium Enterprises (SMEs).\n"
    ))
    types = {e.name: e.type for e in x.entities}
    assert types.get("MSMEs") == "TargetGroup" and types.get("Micro and Small Enterprises Act") == "Law"
    assert types.get("SMEs") == "TargetGroup" and "Small & Medium Enterprises" not in types


def test_page_markup_addresses_and_an_opening_adverb_are_no_names():
    x = extract(document_from_text(
        'Quay News\n<!-- tag --> <script async src="https://tags.example/js?id=G-QC"></script> <script> window.d = '
        "window.d || [];\nfunction tag(){d.push(arguments);} </script>\n"
        "The Dock Office runs the Tide Grant (see https://dock.example/Tide-Grant or www.Quay.example). "
        "Similarly, the secretariat for the Quay Council will be handed to the Pier Bank.\n"
    ))
    assert names(x) == {"Dock Office", "Tide Grant", "Quay Council", "Pier Bank"}


def test_a_sentence_opening_inside_a_ministry_and_a_former_name_in_an_aside():
    found = facts(
        "At the Ministry of Piers, the Department of Harbour Promotion, DHP, operates the Quay Transformation Hubs.\n\n"
        "The Quay Digital Corporation (QDC), formerly known as the Pier Multimedia Corporation (renamed in 2026), now "
        "sits under the Ministry of Digital.\n"
    )
    assert {("PART_OF", "Department of Harbour Promotion", "Ministry of Piers"),
            ("SUCCEEDED_BY", "Pier Multimedia Corporation", "Quay Digital Corporation"),
            ("PART_OF", "Quay Digital Corporation", "Ministry of Digital")} <= found
    assert ("PART_OF", "Pier Multimedia Corporation", "Ministry of Digital") not in found


def test_asides_with_abbreviations_names_taken_work_carried_out_before_and_bodies_brought_together():
    found = facts(
        "Norland, 11 March 2031 - The Ministry of Quays (MQ), together with the Ministry of Piers (MP), today launched "
        "the Dock Acceleration Programme (DAP).\n\n"
        "The Quay Trade Association was founded by exporters in 1919 and took the name Quay Promotion Board in "
        "1999.\n\n"
        "The Pier Authority (PA) was established in 2017 and took over the ICT functions previously carried out by the "
        "Norland Development Board (NDB).\n\n"
        "The Dock Board itself was created in 2008 by bringing together eight public institutions, among them the "
        "Norland Export Promotion Agency (NEPA) and the Norland Technology Authority (NTA).\n\n"
        "The Quay Window was launched in 2031 and is co-managed by Tidevate and the Pier Office. The Tide Grant, a "
        "joint "
        "initiative of the Harbour Office and the Dock Office, opened in 2030.\n"
    )
    assert {("LEADS", "Ministry of Quays", "Dock Acceleration Programme"),
            ("LEADS", "Ministry of Piers", "Dock Acceleration Programme"),
            ("SUCCEEDED_BY", "Quay Trade Association", "Quay Promotion Board"),
            ("TRANSFERRED_TO", "Norland Development Board", "Pier Authority"),
            ("SUCCEEDED_BY", "Norland Export Promotion Agency", "Dock Board"),
            ("SUCCEEDED_BY", "Norland Technology Authority", "Dock Board"),
            ("COLLABORATES_WITH", "Pier Office", "Tidevate"),
            ("LEADS", "Harbour Office", "Tide Grant"), ("LEADS", "Dock Office", "Tide Grant"),
            ("COLLABORATES_WITH", "Dock Office", "Harbour Office")} <= found
    assert not any(f[0] == "PART_OF" and f[1] == "Tide Grant" for f in found)


def test_defined_terms_a_participle_aside_after_a_governed_name_and_co_financing():
    x = extract(document_from_text(
        '2.1 The Ministry of Digital Docks (hereinafter "the Ministry") is responsible for the Action "Digital '
        'Transformation of Quays" (hereinafter "the Action"). 2.3 The Action is implemented by the Pier Company.\n\n'
        "Skills are covered by the National Institute of Quay Training (NIQT), created in 2008 as the successor of the "
        "National Quay Board (NQB), which finances courses.\n\n"
        "The Tide Programme, launched in 2021 with co-financing from the Norland Development Bank (NDB), pays grants. "
        "The Quay Registry (QR), which is kept by the Harbour Chamber, holds data.\n"
    ))
    found = set(dated_facts(x))
    assert x.find("Action").name == "Digital Transformation of Quays"
    assert {("LEADS", "Ministry of Digital Docks", "Digital Transformation of Quays"),
            ("IMPLEMENTS", "Pier Company", "Digital Transformation of Quays"),
            ("SUCCEEDED_BY", "National Quay Board", "National Institute of Quay Training"),
            ("LEADS", "Norland Development Bank", "Tide Programme"),
            ("LEADS", "Harbour Chamber", "Quay Registry")} <= found


def test_former_names_until_a_year_names_known_as_an_abbreviation_and_a_tail_with_a_serial_comma():
    x = extract(document_from_text(
        "The points are co-financed by the Ministry of the Tide, which until 2023 was the Ministry for the Development "
        "of the Quays. The courses are provided by Quay College, known until 2022 as Pier College, and by others.\n\n"
        "The catalogue is drawn up by the Quay Agency together with the Norland Digital Agency, which was created in "
        "2023 when the Harbour ICT Authority and the Digital Norland Office were merged.\n\n"
        "Our parastatals - the National Quay Technology Development Agency, which you all know as NQTDA, and the Pier "
        "Commission - carry the work. NQTDA implements the Dock Policy.\n\n"
        "The Tide Agency is one of the agencies under the Federal Ministry of Industry, Trade, and Investment. The "
        "Quay Manufacturing Center is the Norland centre of the Dock Extension Agency.\n"
    ))
    found = dated_facts(x)
    assert found["SUCCEEDED_BY", "Ministry for the Development of the Quays", "Ministry of the Tide"][0] == 2023
    assert found["SUCCEEDED_BY", "Pier College", "Quay College"][0] == 2022
    assert {("SUCCEEDED_BY", "Harbour ICT Authority", "Norland Digital Agency"),
            ("SUCCEEDED_BY", "Digital Norland Office", "Norland Digital Agency"),
            ("IMPLEMENTS", "National Quay Technology Development Agency", "Dock Policy"),
            ("PART_OF", "Tide Agency", "Federal Ministry of Industry, Trade, and Investment"),
            ("PART_OF", "Quay Manufacturing Center", "Dock Extension Agency")} <= set(found)
    assert ("SUCCEEDED_BY", "Harbour ICT Authority", "Quay Agency") not in found


def test_a_relatives_second_participle_head_first_names_in_a_list_and_a_country_after_a_funds_name():
    x = extract(document_from_text(
        "You may apply to the Quay Guarantee Fund, which is managed by the Pier Office and operated through Bank "
        "Quayo and Bank Tidu.\n\n"
        "Harbour Fund Denmark (Havnefonden) is a separate body under the Ministry of Docks.\n"
    ))
    found = set(dated_facts(x))
    assert {("IMPLEMENTS", "Pier Office", "Quay Guarantee Fund"), ("IMPLEMENTS", "Bank Quayo", "Quay Guarantee Fund"),
            ("IMPLEMENTS", "Bank Tidu", "Quay Guarantee Fund")} <= found
    assert "Harbour Fund Denmark" in names(x)


def test_a_footnotes_superscript_mark_is_no_part_of_a_name():
    x = extract(document_from_text(
        "SME policy is led by the Norland State Ministry of Economic Affairs (StMQ)\u00b9. The StMQ runs the Quay "
        "Bonus\u00b3 and the Pier Grant\u00b2.\n"
    ))
    assert x.find("StMQ").name == "Norland State Ministry of Economic Affairs"
    assert {("IMPLEMENTS", "Norland State Ministry of Economic Affairs", "Quay Bonus"),
            ("IMPLEMENTS", "Norland State Ministry of Economic Affairs", "Pier Grant")} <= set(dated_facts(x))


def test_people_after_an_office_and_its_portfolio_or_a_title_with_a_full_stop():
    x = extract(document_from_text(
        "The bill was presented by the Deputy Minister for Quays and Industry, Robert Dorsk on behalf of the minister."
        '\n\n"It is normal," said Eng. Patrick Korsk, Director General of the Pier Agency, speaking at the launch.\n'
    ))
    assert not {"Robert Dorsk", "Patrick Korsk"} & names(x)
    assert "Pier Agency" in names(x)


def test_members_of_what_the_sentence_before_named_a_gerund_naming_a_kind_of_body_and_a_head_first_name():
    x = extract(document_from_text(
        "The Dock Council brings together the ports. Its members are the Pier Agency and the Tide Board.\n\n"
        "The list names Quayvera, the state-owned financing company, and the Harbour Centres.\n\n"
        "Finally, Bank Norlandia introduced the Quay Pay Scheme.\n"
    ))
    found = set(dated_facts(x))
    assert {("PART_OF", "Pier Agency", "Dock Council"), ("PART_OF", "Tide Board", "Dock Council"),
            ("LEADS", "Bank Norlandia", "Quay Pay Scheme")} <= found
    assert not any(f[1] == "Quayvera" for f in found)


def test_a_frame_of_a_plans_part_shares_held_a_funder_through_its_ministry_and_in_inside_a_name():
    x = extract(document_from_text(
        'Under the first Executive Programme 2031-2033 of the Quay Modernisation Vision, the initiative "'
        'Digitalisation '
        'of Docks" is led by the Pier Ministry.\n\n'
        "The Voucher for Quays is funded by the Government of Norland through the Ministry of Docks. Loans may be "
        "guaranteed by the Quay Loan Guarantee Corporation, in which the Central Bank of Norland holds the majority of "
        "shares. The cluster is financed by Quay Research through its Strength in Places Fund.\n"
    ))
    found = set(dated_facts(x))
    assert {("PART_OF", "Executive Programme", "Quay Modernisation Vision"),
            ("LEADS", "Ministry of Docks", "Voucher for Quays"),
            ("PART_OF", "Quay Loan Guarantee Corporation", "Central Bank of Norland"),
            ("LEADS", "Quay Research", "Strength in Places Fund")} <= found


def test_an_instrument_described_as_a_bodys_initiative_and_delivered_with_partners():
    found = facts(
        "QuayBoost started life in 2015 as part of the Dock Excellence Partnership (DEP), a Norland Government "
        "initiative delivered with the Pier Enterprise and the Tide Enterprise.\n\n"
        "The Quay Voucher, a Ministry of Docks programme, pays grants.\n"
    )
    assert {("LEADS", "Norland Government", "Dock Excellence Partnership"),
            ("PARTICIPATES_IN", "Pier Enterprise", "Dock Excellence Partnership"),
            ("PARTICIPATES_IN", "Tide Enterprise", "Dock Excellence Partnership"),
            ("LEADS", "Ministry of Docks", "Quay Voucher")} <= found


def test_a_bare_cabinet_or_parliament_acts_and_a_date_before_it_is_no_part_of_its_name():
    x = extract(document_from_text(
        "On 4 August 2031 Cabinet approved the Quay Grant. The Dock Act was passed by Parliament in 2032. The Quay "
        "2030 Agency runs the Tide Grant.\n"
    ))
    types = {e.name: e.type for e in x.entities}
    assert types.get("Cabinet") == "Government" and types.get("Parliament") == "Government"
    assert "Quay 2030 Agency" in types and not any("August" in n for n in types)
    assert ("IMPLEMENTS", "Quay 2030 Agency", "Tide Grant") in dated_facts(x)


def test_a_names_purpose_or_horizon_after_its_head():
    x = extract(document_from_text(
        "The Quay Agency is the executing unit of the Programme to Improve Productive Quay Levels. The National "
        "Digital Quay Policy to 2030 was adopted by the Pier Secretariat. Funds moved from the Dock Fund to Norland "
        "Bank.\n"
    ))
    assert {"Programme to Improve Productive Quay Levels", "National Digital Quay Policy to 2030",
            "Dock Fund"} <= names(x)
    assert ("IMPLEMENTS", "Quay Agency", "Programme to Improve Productive Quay Levels") in dated_facts(x)


def test_a_company_owned_by_a_body_is_its_part_and_a_society_is_a_body():
    found = facts(
        "Quay Innovativ, founded in 2025 and wholly owned by the Ministry of Docks, runs the Tide Platform. The "
        "Norland "
        "Society for Knowledge Transfer runs the Pier Cluster Programme.\n"
    )
    assert {("PART_OF", "Quay Innovativ", "Ministry of Docks"), ("IMPLEMENTS", "Quay Innovativ", "Tide Platform"),
            ("IMPLEMENTS", "Norland Society for Knowledge Transfer", "Pier Cluster Programme")} <= found


def test_partners_named_between_a_verb_and_its_object_and_an_object_in_a_relative_after_an_abbreviation():
    found = facts(
        'In 2030 the Dock Agency launched, jointly with the Quay Agency, the call "Quaystria 4.0", which co-funds '
        "projects. Its flagship is the Three Million Quay Talent programme, 3MQT, which the Pier Agency implements "
        "with "
        "accredited providers. The Tide Ministry adopted the National Quay Policy 2029 of the Ministry of Docks.\n"
    )
    assert {("LEADS", "Dock Agency", "Quaystria 4.0"), ("LEADS", "Quay Agency", "Quaystria 4.0"),
            ("COLLABORATES_WITH", "Dock Agency", "Quay Agency"),
            ("IMPLEMENTS", "Pier Agency", "Three Million Quay Talent programme"),
            ("LEADS", "Ministry of Docks", "National Quay Policy")} <= found


def test_a_fund_called_a_body_is_one_and_what_merged_into_it():
    found = facts(
        "Harbour Fund Denmark (Havnefonden) is a separate body under the Ministry of Docks. It was created in April "
        "2031 by merging the Quay Council for Research, the Pier Technology Foundation and the Tide Council.\n"
    )
    assert {("PART_OF", "Harbour Fund Denmark", "Ministry of Docks"),
            ("SUCCEEDED_BY", "Quay Council for Research", "Harbour Fund Denmark"),
            ("SUCCEEDED_BY", "Tide Council", "Harbour Fund Denmark")} <= found


def test_a_body_moved_from_one_ministry_to_another_and_a_regulator_of_banks():
    found = facts(
        "The Norland Digital Agency moved in December 2032 from the Ministry of Finance to the new Ministry of Digital "
        "Affairs. The Central Bank of Norland supervises banks.\n"
    )
    assert {("PART_OF", "Norland Digital Agency", "Ministry of Finance"),
            ("PART_OF", "Norland Digital Agency", "Ministry of Digital Affairs")} <= found
    assert not any(f[0] == "TRANSFERRED_TO" for f in found)
    assert ("PART_OF", "Banks", "Central Bank of Norland") not in found


def test_a_body_that_started_operations_when_others_combined_a_list_with_parts_and_a_second_for_which():
    found = facts(
        "Quay Finland started operations on 1 January 2031, when Tekquay - the Norland Funding Agency for Innovation - "
        "and Quaypro were combined into one organisation.\n\n"
        "When the Ministry of Trade and Docks, the Ministry of Piers and parts of the Ministry of the Tide were merged "
        "into the Ministry of Quays in 2028, Tekquay moved.\n\n"
        "It is financed through the Programme to Improve Quay Levels, for which the Norland Development Bank approved "
        "a loan and for which the Quay Agency is the executing unit.\n"
    )
    assert {("SUCCEEDED_BY", "Norland Funding Agency for Innovation", "Quay Finland"),
            ("SUCCEEDED_BY", "Quaypro", "Quay Finland"),
            ("SUCCEEDED_BY", "Ministry of Trade and Docks", "Ministry of Quays"),
            ("SUCCEEDED_BY", "Ministry of Piers", "Ministry of Quays"),
            ("IMPLEMENTS", "Quay Agency", "Programme to Improve Quay Levels")} <= found


def test_a_plan_named_by_its_horizon_alone():
    x = extract(document_from_text(
        "The agency supports Vision 2030 and the goals of Agenda 2063. The Quay Agency implements Strategy 2035.\n"
    ))
    assert {"Vision 2030", "Agenda 2063", "Strategy 2035"} <= names(x)
    assert ("IMPLEMENTS", "Quay Agency", "Strategy 2035") in dated_facts(x)


def test_an_offices_holder_named_before_a_verb_of_speech_is_a_person():
    x = extract(document_from_text(
        "In a statement to the Quay Press Agency, Minister of Culture and Information Adel Al-Quayfi said the "
        "authority will have a board.\n"
    ))
    assert not any("Quayfi" in n for n in names(x))


def test_a_name_spelt_by_its_abbreviation_across_a_comma_and_a_bare_part_of_after_a_name():
    found = facts(
        "The Quay Fund (QF) is run by the Ministry of Harbours, Tides and Local Government (MHTLG).\n\n"
        "Until 2031, the Pier Fund was managed by the Dock Funding Office (DFO), part of the Norland Government.\n"
    )
    assert ("IMPLEMENTS", "Ministry of Harbours, Tides and Local Government", "Quay Fund") in found
    assert ("PART_OF", "Dock Funding Office", "Norland Government") in found
    assert not any(f[1] == "Norland Government" and f[2] == "Pier Fund" for f in found)


def test_an_assembly_or_legislature_is_a_government():
    x = extract(document_from_text(
        "The Quay Act was adopted by the National Assembly of Norland in 2031. The Norland Legislature funds the "
        "Dock Grant.\n"
    ))
    types = {e.name: e.type for e in x.entities}
    assert types.get("National Assembly of Norland") == "Government"
    assert types.get("Norland Legislature") == "Government"
    assert ("LEADS", "National Assembly of Norland", "Quay Act") in dated_facts(x)


def test_a_period_after_an_instruments_name_and_a_ministry_of_the_republic():
    x = extract(document_from_text(
        "The call is part of the National Project for the Development of Quays for 2031–2035. It was commissioned "
        "by the Ministry of Finance of the Republic of Latvia and the Ministry of Economy of the Slovak Republic.\n"
    ))
    aliases = {a for e in x.entities for a in e.aliases}
    assert "National Project for the Development of Quays for 2031-2035" in aliases
    assert {"Ministry of Finance of the Republic of Latvia", "Ministry of Economy of the Slovak Republic"} <= names(x)


def test_an_abbreviation_used_as_a_name_without_being_spelt_out():
    x = extract(document_from_text(
        "- The Quay Voucher, run by QIDÓ, combines a diagnosis and a grant of up to CZK 500,000.\n"
        "- DG DOCKS and QIDÓ join as delivery partners.\n\n"
        "NEW: the Dock Fund (DF) opens in 2032. The DF is managed by QIDÓ, which reports to DG DOCKS. "
        "Grants of CZK 1 million are paid by the DF.\n"
    ))
    assert ("IMPLEMENTS", "QIDÓ", "Quay Voucher") in dated_facts(x)
    assert ("IMPLEMENTS", "QIDÓ", "Dock Fund") in dated_facts(x)
    assert not {"CZK", "NEW", "DF", "DOCKS"} & names(x)  # a currency, a label, a defined one, part of "DG DOCKS"


def test_an_abbreviation_in_a_list_of_partners_and_a_target_group_of_smmes():
    x = extract(document_from_text(
        "The Quay Hub works with Quay University, QPFL and Dockline on training. The Dock Agency funds SMMEs.\n"
    ))
    pairs = {frozenset((s, o)) for t, s, o in dated_facts(x) if t == "COLLABORATES_WITH"}
    assert {frozenset(("QPFL", "Quay Hub")), frozenset(("Dockline", "Quay Hub"))} <= pairs
    assert {e.name: e.type for e in x.entities}.get("SMMEs") == "TargetGroup"


def test_a_name_described_by_lower_case_words_before_its_head_and_a_programme_named_by_its_country():
    x = extract(document_from_text(
        "The ministry ran the Digital Quayland state programme from 2028. The Quay Chamber runs the DigiQuay.pk "
        "online training programme. Banks offer the Quay Num loan guarantee and the Dock numérique programme. "
        "Its successor, Programme Latvia 2031–2037, took over.\n"
    ))
    aliases = {e.name: set(e.aliases) for e in x.entities}
    assert "Digital Quayland" in aliases["Digital Quayland state programme"]
    assert "DigiQuay.pk" in aliases["DigiQuay.pk online training programme"]
    assert "Quay Num" not in aliases["Quay Num loan guarantee"]  # a loan of its own, not the Quay Num initiative
    assert "Dock" not in aliases["Dock numérique programme"]  # a name in sentence case keeps its words
    y = extract(document_from_text("The ministry adopted its QME digitalisation strategy in 2031.\n"))
    assert "QME" not in {a for e in y.entities for a in e.aliases}  # an abbreviation before it is no brand
    assert "Programme Latvia" in aliases


def test_intermediaries_an_instrument_is_provided_through_and_a_participle_aside_before_the_verb():
    found = facts(
        "The Dock Loan is provided by the Quay Agency through credit unions and leasing companies. The Pier Grant, "
        "run by the Quay Agency with Quay Bank, is funded by the Tide Ministry. The Quay Voucher is delivered by the "
        "Quay Agency through its Regional Directorate.\n"
    )
    assert {("PARTICIPATES_IN", "Credit unions", "Dock Loan"), ("PARTICIPATES_IN", "Leasing companies", "Dock Loan"),
            ("IMPLEMENTS", "Quay Agency", "Dock Loan"), ("LEADS", "Tide Ministry", "Pier Grant")} <= found
    assert ("PARTICIPATES_IN", "Regional Directorate", "Quay Voucher") not in found


def test_a_minister_stands_for_the_ministry_of_the_portfolio_and_a_state_bank_is_the_nations():
    x = extract(document_from_text(
        "The Department of Docks and Labour funds the Tide Grant. The Minister for Docks and Labour today presented "
        "the Quay Programme. The Minister of Piers and Harbours launched the Pier Fund. The State Bank of Norland "
        "runs the Dock Loan.\n"
    ))
    found = dated_facts(x)
    assert ("LEADS", "Department of Docks and Labour", "Quay Programme") in found
    assert not any(f[2] == "Pier Fund" for f in found)  # no ministry of that portfolio is named: no one
    assert "Labour" not in names(x) and "Harbours" not in names(x)
    assert {e.name: e.type for e in x.entities}["State Bank of Norland"] == "Agency"


def test_the_former_in_apposition_another_department_and_a_role_said_before_its_body():
    found = facts(
        "The line is channelled through the Quay Bank — the former Tide Village Bank — and other banks. Firms "
        "register with the Department of Piers (DOP), another department of the Ministry of Docks (MOD). The "
        "managing authority of the Quay Programme is the General Directorate for Quay Funds.\n"
    )
    assert {("SUCCEEDED_BY", "Tide Village Bank", "Quay Bank"), ("PART_OF", "Department of Piers", "Ministry of Docks"),
            ("LEADS", "General Directorate for Quay Funds", "Quay Programme")} <= found


def test_numbered_members_of_the_committee_the_sentence_before_set_up():
    x = extract(document_from_text(
        "12. Steering Committee\n"
        "12.1 A Steering Committee for the Grant is established under the chairmanship of the Ministry of Docks.\n"
        "12.2 Its members are representatives of the Ministry of Labour and Skills, the National Bank of Quayland, "
        "the Pier Security Administration (PSA) and the Quay Chamber (QC).\n"
    ))
    found = set(dated_facts(x))
    assert {("PART_OF", "Ministry of Labour and Skills", "Steering Committee"),
            ("PART_OF", "National Bank of Quayland", "Steering Committee"),
            ("PART_OF", "Pier Security Administration", "Steering Committee")} <= found
    assert not any(f[2] == "Ministry of Docks" and f[1] != "Steering Committee" for f in found if f[0] == "PART_OF")
    assert "Skills" not in {a for e in x.entities for a in e.aliases}  # the end of a name, not the bank's short name


def test_a_former_name_with_its_end_year_and_the_years_of_that_aside_date_only_the_renaming():
    x = extract(document_from_text(
        "The Quay Fund is managed by the Ministry of Quays (MIQ), which was called the Ministry of Piers until 2032. "
        "The Dock Grant is run by the Tide Agency (TA), known as the Dock Office until 2030. The Pier Loan is offered "
        "by the Politecnico di Quay.\n"
    ))
    found = dated_facts(x)
    assert found[("SUCCEEDED_BY", "Ministry of Piers", "Ministry of Quays")] == (2032, None)
    assert found[("SUCCEEDED_BY", "Dock Office", "Tide Agency")] == (2030, None)
    assert found[("IMPLEMENTS", "Ministry of Quays", "Quay Fund")] == (None, None)  # still run by it, not until 2032
    assert {e.name: e.type for e in x.entities}["Politecnico di Quay"] == "Agency"


def test_a_name_stops_before_the_pronoun_i_and_goes_on_after_support_of():
    x = extract(document_from_text(
        "In 2031 it was renamed the Ministry of Digital Quays, and I think the new name tells you what we do. Some "
        "of you still know the State Fund for Support of Dock Development.\n"
    ))
    assert {"Ministry of Digital Quays", "State Fund for Support of Dock Development"} <= names(x)


def test_a_legal_texts_ordinal_items_are_the_parts_its_introduction_names_and_a_term_defined_between_commas():
    x = extract(document_from_text(
        'Art. 6. A Federal Quay Steering Committee, hereinafter "the Committee", is established. It is chaired by the '
        "Quay Office and is further composed of one representative of each of the following:\n"
        "1° the Dock Service;\n"
        "2° the Quay Institute for Postal Services (QIPS).\n"
    ))
    found = dated_facts(x)
    assert ("PART_OF", "Dock Service", "Federal Quay Steering Committee") in found
    assert ("PART_OF", "Quay Institute for Postal Services", "Federal Quay Steering Committee") in found
    assert "Committee" in {a for e in x.entities for a in e.aliases} and "Committee" not in names(x)


@pytest.mark.parametrize("text", [
    "The Pier Chamber and the Tide Association are partners of the Dock Grant.",
    "The Pier Chamber helps firms apply for the Dock Grant.",
    "The Pier Chamber is a delivery partner of the Dock Grant.",
    "The Pier Chamber helped launch the Dock Grant in 2031.",
    "In the 1990s the Pier Chamber helped to set up the Dock Grant.",
])
def test_partners_of_an_instrument_said_in_other_words(text):
    assert ("PARTICIPATES_IN", "Pier Chamber", "Dock Grant") in facts(text + "\n")


def test_a_partner_named_with_as_partner_after_the_lead():
    found = facts(
        "The evaluation covers the Quay Hub, led by the Quay University of Technology (QUT), with the Confederation "
        "of Docks (COD) as partner.\n"
    )
    assert {("LEADS", "Quay University of Technology", "Quay Hub"),
            ("PARTICIPATES_IN", "Confederation of Docks", "Quay Hub")} <= found


def test_a_kind_of_institution_keeps_the_words_that_qualify_it():
    found = facts(
        "The Dock Loan is delivered through partner savings banks and licensed lenders. "
        "The Pier Fund invests in startups alongside venture capital funds. "
        "Courses under the Quay Grant are run by community/technical colleges.\n"
    )
    assert {("IMPLEMENTS", "Partner savings banks", "Dock Loan"),
            ("IMPLEMENTS", "Licensed lenders", "Dock Loan"),
            ("IMPLEMENTS", "Community/technical colleges", "Quay Grant")} <= found
    # a target group before the kind of institution is not one of its words
    assert not any("Startups" in f[1] for f in found)
    x = extract(document_from_text("The Quay Fund helps young technology firms.\n"))
    assert {e.name: e.type for e in x.entities}.get("Young technology firms") == "TargetGroup"


def test_a_brand_in_camel_case_opens_a_name():
    x = extract(document_from_text(
        "The Chamber of Docks delivers the ecoDock programme, funded by the Norland Government. "
        "The mQuay platform is run by the Pier Agency.\n"
    ))
    found = set(dated_facts(x))
    assert {("IMPLEMENTS", "Chamber of Docks", "ecoDock programme"),
            ("LEADS", "Norland Government", "ecoDock programme"),
            ("IMPLEMENTS", "Pier Agency", "mQuay platform")} <= found
    assert "ecoDock" in x.find("ecoDock programme").aliases


def test_an_abbreviation_used_once_that_its_apposition_calls_a_body():
    found = facts("Among them is PIERMEC, the employers' organisation for small firms, which runs the Dock Desk.\n")
    assert ("IMPLEMENTS", "PIERMEC", "Dock Desk") in found
    # a word in capitals used once, with no such apposition, is still no name
    assert not any("QUAYS" in f[1] for f in facts("QUAYS, as the text calls them, run the Dock Desk.\n"))


def test_a_merger_into_a_described_body_and_a_bank_named_in_french():
    found = facts(
        'NORLAND, 6 May (Quay Wire) - Norland folds two lenders into "Banque des Quais". The parliament approved a '
        "law merging the Bank for Docks (BFD) and the Norland Solidarity Bank (NSB) into a single public lender, "
        "Banque des Quais, which will lend to small firms. Loans are also guaranteed by La Banque Portuaire.\n"
    )
    assert {("SUCCEEDED_BY", "Bank for Docks", "Banque des Quais"),
            ("SUCCEEDED_BY", "Norland Solidarity Bank", "Banque des Quais")} <= found
    assert not any(f[0] == "SUCCEEDED_BY" and f[2] != "Banque des Quais" for f in found)  # not the wire's
    x = extract(document_from_text("Loans are guaranteed by La Banque Portuaire and by the Caixa dos Portos.\n"))
    assert {"La Banque Portuaire", "Caixa dos Portos"} <= names(x)


def test_an_aside_with_an_adverb_before_its_participle_leaves_the_subject_acting():
    found = facts("The Quay Society, wholly owned by the Norland Government, runs the Dock Grant.\n")
    assert {("PART_OF", "Quay Society", "Norland Government"), ("IMPLEMENTS", "Quay Society", "Dock Grant")} <= found
    assert ("IMPLEMENTS", "Norland Government", "Dock Grant") not in found
    # a bare "part of" after such an aside is said of its agent
    found = facts("The Dock Fund, managed by the Quay Funding Office (QFO), part of the Norland Government, pays "
                  "grants.\n")
    assert ("PART_OF", "Quay Funding Office", "Norland Government") in found


def test_the_latter_in_a_clause_of_its_own_is_the_second_named_before_it():
    found = facts(
        "Grants come from the Dock Recovery Plan and the Pier Cohesion Programme; the Ministry of Piers manages the "
        "latter.\n"
    )
    assert ("IMPLEMENTS", "Ministry of Piers", "Pier Cohesion Programme") in found


@pytest.mark.parametrize("text", [
    "The Quay Agency runs the Dock Passport, the national identity, jointly with the Pier Association.",
    "The Dock Passport was launched in 2031. It is run jointly with the Pier Association.",
])
def test_running_an_instrument_jointly_with_a_partner(text):
    assert ("IMPLEMENTS", "Pier Association", "Dock Passport") in facts(text + "\n")


def test_setting_up_or_running_an_instrument_with_a_partner_is_taking_part():
    assert ("PARTICIPATES_IN", "Pier Association", "Dock Passport") in facts(
        "The Dock Passport is run with the Pier Association.\n")


def test_its_right_after_a_name_and_and_is_that_names():
    found = facts(
        "The Quay Agency delivers training jointly with the Federation of Dock Chambers (FDC) and its regional "
        "chambers.\n"
    )
    assert ("PART_OF", "Regional chambers", "Federation of Dock Chambers") in found
    assert ("PART_OF", "Regional chambers", "Quay Agency") not in found


def test_funding_through_an_instrument_is_leading_it():
    found = facts("The two hubs are co-funded by the Norland Commission through the Digital Dock Programme.\n")
    assert ("LEADS", "Norland Commission", "Digital Dock Programme") in found
    # through a body: the body funds it too, as before
    found = facts("The Dock Voucher is funded by the Ministry of Piers through the Quay Agency.\n")
    assert ("LEADS", "Quay Agency", "Dock Voucher") in found


@pytest.mark.parametrize("opening", ["Both are", "Both programmes are"])
def test_both_after_a_sentence_naming_two_instruments_means_them(opening):
    found = facts(f"The Dock Grant and the Pier Loan opened in 2030. {opening} funded by the Ministry of Piers.\n")
    assert {("LEADS", "Ministry of Piers", "Dock Grant"), ("LEADS", "Ministry of Piers", "Pier Loan")} <= found


@pytest.mark.parametrize("text", [
    "The management of the Dock Skills Fund, entrusted to the FPS QUAY since 2017, is transferred to the Pier Agency "
    "with effect from 1 January 2031.",
    "In 2031 the administration of the Dock Skills Fund was handed over to the Pier Agency.",
])
def test_the_running_of_an_instrument_handed_to_a_body(text):
    assert ("LEADS", "Pier Agency", "Dock Skills Fund") in facts(text + "\n")


def test_who_took_over_functions_after_an_apposition_naming_a_parent():
    found = facts(
        "The Programme is implemented by the Quay Foundation, a company under the Ministry of Piers, which took over "
        "the functions of the former Dock Cell.\n"
    )
    assert ("SUCCEEDED_BY", "Dock Cell", "Quay Foundation") in found
    assert ("SUCCEEDED_BY", "Dock Cell", "Ministry of Piers") not in found


@pytest.mark.parametrize("text", [
    "The Quay Agency runs workshops with the Pier Chamber.",
    "The Quay Agency has been running e-commerce workshops with the Pier Chamber since 2030.",
])
def test_an_unnamed_activity_done_with_a_partner(text):
    assert ("COLLABORATES_WITH", "Pier Chamber", "Quay Agency") in facts(text + "\n")


def test_the_province_after_the_province_of_somewhere_is_that_body():
    x = extract(document_from_text(
        "The Province of Norland set up the Quay Plan in 2030. The Dock Grant is funded by the Province under the "
        "Quay Plan.\n"
    ))
    assert ("LEADS", "Province of Norland", "Dock Grant") in dated_facts(x)
    assert "Province" not in names(x)


@pytest.mark.parametrize("text", [
    "The Office was replaced by the Ministry of Piers (MOP), which is now the managing authority of the Dock Plan.",
    "The Ministry of Piers is also the managing authority for the Dock Programme.",
])
def test_a_role_said_of_a_body_with_an_adverb(text):
    assert {("LEADS", "Ministry of Piers", "Dock Plan"), ("LEADS", "Ministry of Piers", "Dock Programme")} & facts(
        text + "\n")


def test_an_adverb_inside_a_phrase():
    assert ("IMPLEMENTS", "Quay Agency", "Dock Grant") in facts("The Dock Grant is now run by the Quay Agency.\n")


@pytest.mark.parametrize("text", [
    "The Quay Agency was commissioned by the Ministry of Piers to run the Dock Grant.",
    "The Quay Agency was tasked by the Ministry of Piers with running the Dock Grant.",
])
def test_a_body_given_the_task_of_running_an_instrument(text):
    found = facts(text + "\n")
    assert {("IMPLEMENTS", "Quay Agency", "Dock Grant"), ("LEADS", "Ministry of Piers", "Dock Grant")} <= found
    assert ("IMPLEMENTS", "Ministry of Piers", "Dock Grant") not in found


@pytest.mark.parametrize("verb", ["stays with", "remains with", "remains under"])
def test_a_body_that_stays_with_a_ministry_is_part_of_it(verb):
    assert ("PART_OF", "Quay Trade Corporation", "Ministry of Piers") in facts(
        f"The Quay Trade Corporation {verb} the Ministry of Piers.\n")


def test_the_national_project_after_a_national_project_named_in_full():
    found = facts(
        "The Quay National Project for Docks for 2031-2035 was launched in 2031. The national project is overseen "
        "by the Ministry of Piers.\n"
    )
    assert ("LEADS", "Ministry of Piers", "Quay National Project for Docks") in found
    # in apposition, such words describe the name before them
    found = facts('"Quay 2041" means the national vision that succeeds the Dock Vision (2029-2040).\n')
    assert ("SUCCEEDED_BY", "Dock Vision", "Quay 2041") in found


def test_becoming_a_partner_is_no_succession_and_a_partnership_is_working_together():
    found = facts("In 2032 the Quay Agency became a partner of the Dock Coalition for Digital Skills.\n")
    assert ("PARTICIPATES_IN", "Quay Agency", "Dock Coalition for Digital Skills") in found
    assert not any(f[0] == "SUCCEEDED_BY" for f in found)
    found = facts("The Pier Foundation co-funds the advisory component under its partnership with the Quay Agency.\n")
    assert ("COLLABORATES_WITH", "Pier Foundation", "Quay Agency") in found
    assert ("PART_OF", "Pier Foundation", "Quay Agency") not in found


def test_two_bodies_that_coordinate_work_together():
    assert ("COLLABORATES_WITH", "Pier Agency", "Quay Authority") in facts(
        "The Pier Agency and the Quay Authority coordinate their calls so that firms can move between them.\n")


def test_an_aside_naming_a_partner_without_a_name_between_a_verb_and_its_object():
    found = facts("The Quay Bank is financing, together with the ministry, the Dock Inclusion Project.\n")
    assert ("LEADS", "Quay Bank", "Dock Inclusion Project") in found
    assert ("PARTICIPATES_IN", "Quay Bank", "Dock Inclusion Project") not in found


def test_a_body_that_processes_applications_for_an_instrument_runs_it():
    assert ("IMPLEMENTS", "Quay Agency", "Dock Grant") in facts(
        "The Quay Agency assesses applications for the Dock Grant.\n")


def test_an_instrument_that_offers_something_through_a_body_is_delivered_by_it():
    found = facts(
        "Boost Your Dock Technology, the stream for larger plans, offered an interest-free loan through the Quay "
        "Development Bank (QDB).\n"
    )
    assert ("IMPLEMENTS", "Quay Development Bank", "Boost Your Dock Technology") in found
    # a name found by shape alone, with nothing calling it an instrument, may be a body making the offer
    assert not facts("Enterprise Norland offers loans through partner banks.\n")


def test_a_member_of_a_body_is_part_of_it():
    found = facts("The Quay Agency is a member of the Pier Federation.\n")
    assert ("PART_OF", "Quay Agency", "Pier Federation") in found
    assert ("COLLABORATES_WITH", "Quay Agency", "Pier Federation") not in found


def test_bodies_listed_as_a_ministrys_bodies_and_bodies_under_its_steering():
    found = facts(
        "The Quay Agency, the Tide Council and the regional development agencies are related or associated bodies "
        "of the Ministry of Piers. The Pier Office works under the steering of the Ministry of Piers.\n"
    )
    assert {("PART_OF", "Quay Agency", "Ministry of Piers"), ("PART_OF", "Tide Council", "Ministry of Piers"),
            ("PART_OF", "Regional development agencies", "Ministry of Piers"),
            ("PART_OF", "Pier Office", "Ministry of Piers")} <= found


def test_an_apposition_naming_another_body_leaves_the_subject_in_place():
    found = facts(
        "The Dock Bank of Norland, the successor of Quay Finance since 2017, is wholly owned by the Norland "
        "Government.\n"
    )
    assert ("PART_OF", "Dock Bank of Norland", "Norland Government") in found
    assert ("PART_OF", "Quay Finance", "Norland Government") not in found


def test_a_name_opening_on_a_bodys_head_stays_a_body():
    x = extract(document_from_text("Loans are offered by Bank Quaylim and Bank Dockumi under the Pier Guarantee.\n"))
    assert {e.name: e.type for e in x.entities}["Bank Quaylim"] == "Agency"
    assert ("IMPLEMENTS", "Bank Quaylim", "Pier Guarantee") in dated_facts(x)


def test_a_numbered_law_after_a_verb_is_named_by_its_number():
    x = extract(document_from_text("The Quay Agency applies Law No. 11 of 2030 on Dock Creation.\n"))
    assert "Quay Agency" in names(x) and x.find("Law No. 11 of 2030") is not None
    assert not any("applies" in n for n in names(x))


def test_a_numbered_and_dated_law_keeps_what_it_is_on():
    x = extract(document_from_text(
        "The Quay Agency applies Law No. 152 of 2030 on the Development of Medium, Small and Micro Docks.\n"))
    law = x.find("Law No. 152 of 2030 on the Development of Medium, Small and Micro Docks")
    assert law is not None and law.type == "Law" and "Law No. 152 of 2030" in law.aliases


def test_a_government_found_by_its_shape_is_not_retyped_by_a_relation():
    x = extract(document_from_text(
        "Quay Launch Grant (2030 - 2031)\n\n"
        "- $12 million, funded by the Province of Sorvik under the Quay Recovery Plan\n"))
    assert {e.name: e.type for e in x.entities}["Province of Sorvik"] == "RegionalGovernment"


def test_agents_listed_after_an_adverb_are_not_what_is_under_a_frame():
    found = facts(
        "The Pier Call is financed jointly by the Region of Tide and the Quay Chamber under the Harbour Agreement.\n")
    assert ("PART_OF", "Pier Call", "Harbour Agreement") in found
    assert not any(f[0] == "PART_OF" and f[1] in ("Region of Tide", "Quay Chamber") for f in found)


def test_a_body_merged_together_with_the_others_is_no_partner():
    found = facts(
        "The Quay Agency was established in 2031 through the merger of Quay Enterprise and the Tide Agency (TA), "
        "together with the Pier Centre.\n"
    )
    assert ("SUCCEEDED_BY", "Pier Centre", "Quay Agency") in found
    assert not any(f[0] == "COLLABORATES_WITH" for f in found)


def test_a_partner_after_a_relative_clause_on_a_takeover_is_still_a_partner():
    found = facts("The Quay Agency, which took over the Dock Office in 2031, works together with the Pier Centre.\n")
    assert any(f[0] == "COLLABORATES_WITH" and "Pier Centre" in f[1:] for f in found)


def test_a_relative_clause_with_its_own_verb_before_another_verbs_agent():
    found = facts("The Dock Grant, which the Ministry of Piers designed, is run by the Quay Agency.\n")
    assert {("LEADS", "Ministry of Piers", "Dock Grant"), ("IMPLEMENTS", "Quay Agency", "Dock Grant")} <= found


def test_where_an_instruments_money_comes_from():
    assert ("LEADS", "Ministry of Piers", "Dock Grant") in facts(
        "Funding for the Dock Grant comes from the Ministry of Piers.\n")
