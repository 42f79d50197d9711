"""The event coder's rules, one sentence each, checking what comes out and what must not.

Sentences are written for newsgraph (invented people, illustrative events). Where
test_event_cases.py asks "is this event among the output?", these tests also check
that nothing else is: one event per action, the right side as target, background
kept apart.
"""

from __future__ import annotations

import pytest

from newsgraph.pipeline import Pipeline
from newsgraph.reader.sources import RawDocument
from newsgraph.records import Actor, Event, InputRef, Record


def _record(pipeline: Pipeline, text: str) -> Record:
    [record] = pipeline.run([RawDocument(ref=InputRef(path="rule", format="text"), text=text,
                                         published="2023-06-14")])
    assert isinstance(record, Record)
    return record


def _triples(record: Record, *, asserted_only: bool = True) -> list[tuple[str | None, str | None, str | None]]:
    return [(e.type, e.source.country if e.source else None, e.target.country if e.target else None)
            for e in record.events if not asserted_only or (e.modality == "asserted" and not e.historical)]


def _events(record: Record, kind: str) -> list[Event]:
    return [e for e in record.events if e.type == kind]


def _actor(record: Record, name: str) -> Actor:
    return next(a for a in record.actors if a.name == name)


# -- one event per action ---------------------------------------------------------------------

def test_participle_of_the_same_act_is_not_a_second_event(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Rebels in Mali shelled the town of Gao on Sunday, killing 20 people.")
    assert [t for t in _triples(record) if t[0] == "ASSAULT"] == [("ASSAULT", "MLI", "MLI")]


def test_participle_saying_what_was_demanded_is_part_of_the_protest(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Thousands of Kenyans marched in Nairobi on Saturday, calling for the resignation of "
                               "the finance minister.")
    types = [t[0] for t in _triples(record)]
    assert "PROTEST" in types and "REQUEST" not in types


def test_government_and_rebels_are_two_targets(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Norway's foreign minister said the Sudanese government and the rebels in Darfur must "
                               "reach a deal.")
    requests = [e for e in _events(record, "REQUEST") if e.target]
    assert {e.target.name for e in requests} == {"Sudanese government", "rebels"}


def test_a_perfect_relative_clause_is_background(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Nigeria's president met the families of soldiers killed by Boko Haram, which has killed "
                               "thousands of Nigerians.")
    killed = [e for e in _events(record, "ASSAULT") if e.predicate.text == "killed" and e.source and e.source.name == "Boko Haram"]
    assert killed and all(e.historical for e in killed)


# -- which verb is the predicate ------------------------------------------------------------

def test_called_off_a_strike_is_a_concession_not_a_strike(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Ghana's teachers' union called off its strike on Monday after talks with the government.")
    types = [t[0] for t in _triples(record)]
    assert "CONCEDE" in types and "PROTEST" not in types


def test_compound_object_selects_the_pattern(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Qatar ended its mediation efforts between Chad and Sudan on Friday.")
    assert any(t[:2] == ("SANCTION", "QAT") for t in _triples(record))


def test_light_verb_noun_in_a_list(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Ethiopian forces launched artillery and rocket fire against Eritrean positions on Monday.")
    assert ("ASSAULT", "ETH", "ERI") in _triples(record)


# -- who acts, who is acted on ------------------------------------------------------------------

def test_participle_acts_for_the_actor_it_qualifies(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Police in Lima dispersed demonstrators protesting against the new tax law.")
    assert any(e.type == "PROTEST" and e.source and e.source.country == "PER" for e in record.events)


def test_a_declaration_demanding_is_its_issuers_demand(pipeline: Pipeline) -> None:
    record = _record(pipeline, "The Kenyan opposition issued a declaration demanding that the Ugandan government "
                               "release the detained journalists.")
    assert ("REQUEST", "KEN", "UGA") in _triples(record)


def test_reminder_that_it_must(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Germany issued a stern reminder to Serbia that Belgrade must cooperate with the tribunal.")
    assert ("REQUEST", "DEU", "SRB") in _triples(record)


def test_demands_that_name_the_target(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Rwandan rebels insisted on their demands that Burundi's government free their comrades.")
    assert ("REQUEST", "RWA", "BDI") in _triples(record)


def test_purpose_clause_names_the_target(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Demonstrators in Athens blocked a road to show their anger at Turkey's naval exercises.")
    assert ("PROTEST", "GRC", "TUR") in _triples(record)


def test_mobilised_troops_are_not_the_target(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Armenia mobilised army reservists for a possible war against Azerbaijan on Tuesday.")
    assert ("MOBILIZE", "ARM", "AZE") in _triples(record)
    assert ("MOBILIZE", "ARM", "ARM") not in _triples(record)


def test_arriving_troops_are_not_visitors(pipeline: Pipeline) -> None:
    peacekeepers = _record(pipeline, "Nepalese peacekeeping troops arrived in South Sudan on Tuesday.")
    assert ("AID", "NPL", "SSD") in _triples(peacekeepers)
    troops = _record(pipeline, "Russian troops arrived in Belarus on Tuesday.")
    assert not [t for t in _triples(troops) if t[0] == "CONSULT"]


def test_place_named_only_by_a_territory(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Israel reimposed blockades in the West Bank on Friday.")
    assert ("COERCE", "ISR", "PSE") in _triples(record)


# -- what kind of act: conditions, refusals, decisions --------------------------------------------

def test_a_conditional_promise_is_a_threat(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Senegal announced it will withdraw its troops from Gambia unless the president "
                               "resigns by Friday.")
    assert any(t[:2] == ("THREATEN", "SEN") for t in _triples(record))
    assert not any(t[0] == "AGREE" for t in _triples(record))


def test_not_accepting_is_rejecting(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Jordan said it will not accept any more refugees from Syria.")
    assert any(t[:2] == ("REJECT", "JOR") for t in _triples(record))


def test_failing_to_agree_is_a_mutual_rejection(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Serbia and Kosovo failed to reach agreement on Sunday despite hours of talks.")
    rejections = [e for e in _events(record, "REJECT") if e.modality == "asserted"]
    assert rejections and {rejections[0].source.country, rejections[0].target.country} == {"SRB", "XKX"}


def test_urging_others_to_refuse_is_no_rejection(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Greece demanded that its partners refuse to recognise the new government.")
    assert not any(t[0] == "REJECT" for t in _triples(record))


def test_an_announced_sanction_is_a_sanction(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Canada announced it would suspend all aid to Haiti's government.")
    assert ("SANCTION", "CAN", "HTI") in _triples(record)


def test_a_demand_that_is_requested_not_done(pipeline: Pipeline) -> None:
    record = _record(pipeline, "The union reiterated its demand that Egypt ease restrictions on foreign workers.")
    assert not any(t[0] == "CONCEDE" for t in _triples(record))


def test_expressing_accord_is_agree(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Peru and Chile reached a consensus on fishing rights on Thursday.")
    assert any(e.type == "AGREE" for e in record.events)


# -- actors the coder relies on --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "country"), [
    ("President Bush threatened further action against Iraq.", "Bush", "USA"),
    ("Young Algerians blocked roads in Oran on Sunday.", "Young Algerians", "DZA"),
    ("The Albanians of southern Serbia demanded autonomy.", "Albanians of southern Serbia", "SRB"),
])
def test_actor_country(pipeline: Pipeline, text: str, name: str, country: str) -> None:
    record = _record(pipeline, text)
    assert _actor(record, name).country == country, [(a.name, a.country) for a in record.actors]


def test_a_leaders_administration_is_that_country(pipeline: Pipeline) -> None:
    record = _record(pipeline, "The Carter administration demanded that Iran free the hostages.")
    assert ("REQUEST", "USA", "IRN") in _triples(record)


def test_portfolio_is_not_a_party(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Serbian Labour Minister Petar Ilic signed the bill on Monday.")
    assert not any(a.name == "Labour Party" for a in record.actors)
    assert _actor(record, "Petar Ilic").country == "SRB"


def test_a_stance_is_not_a_nationality(pipeline: Pipeline) -> None:
    record = _record(pipeline, "A prominent anti-Syria journalist was killed in Beirut on Monday.")
    assert not any(a.country == "SYR" for a in record.actors)


def test_opposing_a_plan_is_rejecting_it(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Kenya is opposed to Somalia's peace plan, a government spokesman said on Monday.")
    assert any(t[:3] == ("REJECT", "KEN", "SOM") for t in _triples(record))
    assert not any(t[0] == "ACCUSE" for t in _triples(record))


def test_declining_to_act_is_a_rejection(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Malawi's vice-president declined to resign despite pressure from donors.")
    assert any(t[:2] == ("REJECT", "MWI") for t in _triples(record))


def test_they_after_said_is_the_speaker(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Colombian rebels rejected a Venezuelan proposal on Friday and said they also opposed "
                               "the deployment of foreign troops.")
    sources = {e.source.country for e in _events(record, "REJECT") if e.source}
    assert sources == {"COL"}


def test_a_nominalised_act_is_read_through_its_verb(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Spain announced a suspension of air links with Venezuela on Wednesday.")
    assert ("SANCTION", "ESP", "VEN") in _triples(record)


def test_a_possessor_alone_is_not_the_agent_of_a_nominal(pipeline: Pipeline) -> None:
    record = _record(pipeline, "The militia, which advocates Israel's destruction, held a rally in Gaza.")
    assert not any(e.source and e.source.country == "ISR" for e in record.events)


def test_a_definite_noun_with_an_of_phrase_is_no_stand_in(pipeline: Pipeline) -> None:
    record = _record(pipeline, "The ILO demanded that Qatar ease curbs on the movement of Nepalese workers.")
    ilo = next(a for a in record.actors if a.country == "IGO")
    assert [m.text for m in ilo.mentions] == ["The ILO"]
    assert not any(e.type == "CONCEDE" and e.modality == "asserted" for e in record.events)


def test_the_agent_of_a_nominal_act_is_the_target(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Peru launched an investigation into killings by Peruvian soldiers of Bolivian traders.")
    accusations = [t for t in _triples(record) if t[0] == "ACCUSE"]
    assert accusations == [("ACCUSE", "PER", "PER")]


def test_protesting_that_is_saying(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Ecuador protested that Peruvian patrols had crossed the border.")
    types = {t[0] for t in _triples(record)}
    assert "ACCUSE" in types and "PROTEST" not in types


# -- arguments that attach (sentences written for these tests) ------------------------------------

def test_we_in_a_quotation_is_the_speakers_side(pipeline: Pipeline) -> None:
    record = _record(pipeline, '"We demand that Tokyo stop these patrols," a Chinese foreign ministry spokesman said.')
    assert ("REQUEST", "CHN", "JPN") in _triples(record)


def test_i_in_a_quotation_is_the_speaker(pipeline: Pipeline) -> None:
    record = _record(pipeline, '"I condemn this attack on Nigeria\'s sovereignty," Ghana\'s president said on Monday.')
    assert ("ACCUSE", "GHA", "NGA") in _triples(record)


def test_we_with_no_speaker_is_no_source(pipeline: Pipeline) -> None:
    record = _record(pipeline, "We demand that Tokyo stop these patrols.")
    assert not any(t[1] is not None for t in _triples(record))


def test_a_complaint_is_against_the_accused_not_the_body_it_is_lodged_with(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Venezuela filed a complaint with the UN against Guyana on Thursday.")
    assert ("ACCUSE", "VEN", "GUY") in _triples(record)
    assert ("ACCUSE", "VEN", "IGO") not in _triples(record)


def test_the_suspension_of_talks_with_a_country(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Serbia announced the suspension of talks with Kosovo on Tuesday.")
    assert any(t[1:] == ("SRB", "XKX") for t in _triples(record))


def test_a_passive_without_agent_comes_from_where_it_was_fired(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Shells were fired into Armenian villages from Azerbaijani positions overnight.")
    assert ("ASSAULT", "AZE", "ARM") in _triples(record)


def test_conjoined_targets_each_get_the_event(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Peru accused Chile and Bolivia of violating the fisheries accord.")
    assert {("ACCUSE", "PER", "CHL"), ("ACCUSE", "PER", "BOL")} <= set(_triples(record))


def test_a_nominal_acts_target_is_its_of_object(pipeline: Pipeline) -> None:
    record = _record(pipeline, "Moscow's expulsion of Polish diplomats drew a swift response from Warsaw.")
    assert any(t[1:] == ("RUS", "POL") for t in _triples(record))


# -- preposition objects and hyphened nouns -------------------------------------------------

@pytest.mark.parametrize("text", ["Chilean dock workers went on strike on Tuesday.",
                                  "Nigerian doctors went on strike in Abuja on Monday over unpaid wages."])
def test_a_second_use_of_a_preposition_keeps_the_first_s_object(pipeline: Pipeline, text: str) -> None:
    assert [e.type for e in _record(pipeline, text).events] == ["PROTEST"]


def test_a_hyphened_noun_is_read_whole(pipeline: Pipeline) -> None:
    events = _record(pipeline, "Bolivian miners staged a sit-in at the ministry in La Paz.").events
    assert [(e.type, e.source.country if e.source else None) for e in events] == [("PROTEST", "BOL")]


@pytest.mark.parametrize("text", ["Uganda denied sending troops to South Sudan.",
                                  "Uganda denied that it had sent troops to South Sudan."])
def test_an_act_its_subject_denies_is_negated(pipeline: Pipeline, text: str) -> None:
    events = _record(pipeline, text).events
    assert events and all(e.modality == "negated" for e in events), [(e.type, e.modality) for e in events]


def test_suspending_a_member_from_a_body_is_a_sanction(pipeline: Pipeline) -> None:
    assert _triples(_record(pipeline, "The African Union suspended Gabon from the bloc after the coup.")) == [("SANCTION", "IGO", "GAB")]


def test_banning_a_charity_is_coercion(pipeline: Pipeline) -> None:
    assert [e.type for e in _record(pipeline, "Belarus's government banned the charity Kind Hands.").events] == ["COERCE"]


# -- shows of force ---------------------------------------------------------------------------

def test_forces_deployed_in_the_passive_are_their_side_s_show_of_force(pipeline: Pipeline) -> None:
    assert _triples(_record(pipeline, "Ecuador's army was deployed in Quito on Monday.")) == [("MOBILIZE", "ECU", None)]


def test_raising_the_alert_level_is_a_show_of_force(pipeline: Pipeline) -> None:
    assert [e.type for e in _record(pipeline, "Japan's military raised its alert level.").events] == ["MOBILIZE"]


def test_where_troops_deploy_is_no_target(pipeline: Pipeline) -> None:
    assert _triples(_record(pipeline, "Bolivia deployed troops in Cochabamba.")) == [("MOBILIZE", "BOL", None)]


# -- concessions, as the PLOVER manual defines them -------------------------------------------

@pytest.mark.parametrize(("text", "kind"), [
    ("Belgium's king apologised to Congo for colonial abuses.", "CONCEDE"),  # regret or remorse
    ("Malawi's president pardoned 30 protesters.", "CONCEDE"),  # a pardon, not a release
    ("A court in Tunis acquitted the opposition leader.", "CONCEDE"),
    ("The rebels declared a unilateral ceasefire.", "CONCEDE"),  # declared, not implemented
    ("Eritrea released two Ethiopian pilots.", "RETREAT"),  # the release itself
])
def test_concessions_follow_the_plover_manual(pipeline: Pipeline, text: str, kind: str) -> None:
    assert [e.type for e in _record(pipeline, text).events] == [kind]


def test_the_charge_of_an_arrest_is_an_accusation_of_its_own(pipeline: Pipeline) -> None:
    events = _record(pipeline, "Belarusian police detained 15 journalists, accusing them of extremism.").events
    assert sorted(e.type for e in events) == ["ACCUSE", "COERCE"]
    events = _record(pipeline, "Kenyan police stormed the protest camp, setting fire to tents.").events
    assert len(events) == 1  # how an act was done is no second event


@pytest.mark.parametrize(("text", "target"), [
    ("Iranian police arrested several women in Tehran.", "IRN"),  # the place of the arrest
    ("Togolese police arrested several journalists covering the march.", "TGO"),  # a state's forces arrest at home
])
def test_people_arrested_at_home_are_of_that_country(pipeline: Pipeline, text: str, target: str) -> None:
    assert [(e.type, e.target.country if e.target else None) for e in _record(pipeline, text).events] == [("COERCE", target)]


def test_several_people_protesting_somewhere_are_local(pipeline: Pipeline) -> None:
    assert _actor(_record(pipeline, "Several farmers protested in Nairobi."), "Several farmers").country == "KEN"


@pytest.mark.parametrize(("text", "triple"), [
    ("Turkey blocked Sweden's accession to NATO.", ("REJECT", "TUR", "SWE")),  # a veto in all but name
    ("The EU added 30 Russian firms to its sanctions list.", ("SANCTION", "IGO", "RUS")),
])
def test_vetoes_and_listings(pipeline: Pipeline, text: str, triple: tuple) -> None:
    assert _triples(_record(pipeline, text)) == [triple]


def test_a_name_added_to_a_list_is_no_sanction(pipeline: Pipeline) -> None:
    assert not _record(pipeline, "The party added three names to the list of candidates.").events


@pytest.mark.parametrize("text", ["Ghana beat Nigeria 2-1 in Accra on Sunday.", "Pakistan's cricket team crushed India by eight wickets.",
                                  "Brazil attacked relentlessly but lost the World Cup quarter-final to Croatia."])
def test_sport_is_no_conflict(pipeline: Pipeline, text: str) -> None:
    assert not _record(pipeline, text).events


def test_ordering_an_act_is_the_act(pipeline: Pipeline) -> None:
    assert _triples(_record(pipeline, "Peru ordered the expulsion of two Bolivian diplomats.")) == [("SANCTION", "PER", "BOL")]


def test_a_vow_of_force_is_a_threat(pipeline: Pipeline) -> None:
    assert [e.type for e in _record(pipeline, "Azerbaijan vowed to retaliate against Armenia.").events] == ["THREATEN"]


def test_people_killed_somewhere_are_of_that_place(pipeline: Pipeline) -> None:
    assert _triples(_record(pipeline, "Israel killed 12 people in Gaza on Monday.")) == [("ASSAULT", "ISR", "PSE")]


# -- events told by naming their actors ---------------------------------------------------------

def test_protesters_named_are_protesting(pipeline: Pipeline) -> None:
    triples = _triples(_record(pipeline, "Kenyan police fired tear gas at protesters in Nairobi on Tuesday."))
    assert ("PROTEST", "KEN", None) in triples and any(t[0] in ("ASSAULT", "COERCE") for t in triples)


def test_protesters_against_something_protest_against_it(pipeline: Pipeline) -> None:
    triples = _triples(_record(pipeline, "Police in Belgrade detained demonstrators against the Rio Tinto mine."))
    assert any(t[0] == "PROTEST" and t[1] == "SRB" for t in triples)


def test_a_protest_found_by_its_verb_is_not_told_twice(pipeline: Pipeline) -> None:
    events = _record(pipeline, "Thousands of protesters marched through Lima on Sunday.").events
    assert [e.type for e in events] == ["PROTEST"]


def test_protesters_in_a_quotation_are_the_speaker_s_words(pipeline: Pipeline) -> None:
    record = _record(pipeline, '"We will never negotiate with violent protesters," the Peruvian interior minister said.')
    assert not [e for e in record.events if e.type == "PROTEST"]


@pytest.mark.parametrize("text", ["Bangladesh ordered troops onto the streets of Dhaka.", "Ecuador's president ordered soldiers into the prisons."])
def test_ordering_one_s_forces_somewhere_is_a_deployment(pipeline: Pipeline, text: str) -> None:
    assert [e.type for e in _record(pipeline, text).events] == ["MOBILIZE"]


@pytest.mark.parametrize("text", ["North Korea fired two ballistic missiles into the sea on Thursday.",
                                  "Pakistan test-fired a cruise missile on Monday."])
def test_a_weapons_test_is_a_show_of_force(pipeline: Pipeline, text: str) -> None:
    assert [(e.type, e.target) for e in _record(pipeline, text).events] == [("MOBILIZE", None)]


def test_rockets_fired_into_a_country_are_an_attack(pipeline: Pipeline) -> None:
    assert _triples(_record(pipeline, "Hezbollah fired rockets into Israel on Sunday.")) == [("ASSAULT", "LBN", "ISR")]


def test_warships_sailing_somewhere_are_a_show_of_force(pipeline: Pipeline) -> None:
    assert [e.type for e in _record(pipeline, "Chinese warships sailed through the Taiwan Strait on Friday.").events] == ["MOBILIZE"]
    assert not _record(pipeline, "The president flew to Paris on Monday.").events


@pytest.mark.parametrize("text", ['"We will never accept the ruling," Bolivian President Luis Arce told parliament.',
                                  '"We will not release the prisoners," Azerbaijani President Ilham Aliyev said.'])
def test_refusing_to_yield_in_one_s_own_words_is_a_rejection(pipeline: Pipeline, text: str) -> None:
    assert "REJECT" in [e.type for e in _record(pipeline, text).events if e.modality == "asserted"]


def test_a_threat_told_to_a_rally_is_no_request(pipeline: Pipeline) -> None:
    events = _record(pipeline, '"We will arrest anyone who tries to revive the party," Cambodian Prime Minister Hun Sen told a rally.').events
    assert "requested" not in {e.modality for e in events} and "THREATEN" in {e.type for e in events}


def test_a_demanded_refusal_is_no_rejection(pipeline: Pipeline) -> None:
    events = _record(pipeline, "Greece demanded that its partners refuse to recognize Kosovo.").events
    assert not [e for e in events if e.type == "REJECT" and e.modality == "asserted"]
