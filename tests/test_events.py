"""events: typed mentions from invented stories (no dev-corpus names)."""
import datetime as dt

from timeline.documents import load_document
from timeline.events import extract_mentions
from timeline.temporal import tag
from timeline.types import Document


def mentions_of(tmp_path, text, name="story.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    doc = load_document(p)
    return doc, extract_mentions(doc, tag(doc.text, doc.anchor))


def by_type(ms, t):
    return [m for m in ms if m.type == t]


STORY = (" date 2031-03-12 Envoy tours the region\n\n"
         "NAIROBI, March 13 (Wire) -- Japanese Foreign Minister Hana Sato arrived in Kenya on Monday "
         "for a three-day visit. Sato met with Kenyan President Daniel Mwangi on Tuesday in Nairobi.\n\n"
         "Earlier, officials announced that Sato would visit Kenya, Uganda and Rwanda from March 10 to 15. "
         "However, after concluding her visit to Kenya on Wednesday, Sato cancelled her trip to Uganda.\n")


def test_arrival_meeting_and_plan(tmp_path):
    doc, ms = mentions_of(tmp_path, STORY)
    arrival = by_type(ms, "arrival")[0]
    assert arrival.traveler.name == "Hana Sato" and arrival.traveler.country_iso2 == "JP"
    assert arrival.place.iso2 == "KE" and arrival.start == dt.date(2031, 3, 10)  # the Monday before the dateline
    assert arrival.modality == "happened"
    meeting = by_type(ms, "meeting")[0]
    assert [c.name for c in meeting.counterparts] == ["Daniel Mwangi"]
    assert meeting.start == dt.date(2031, 3, 11) and meeting.place.city == "Nairobi"
    plan = by_type(ms, "announcement")[0]
    assert [p.iso2 for p in plan.itinerary] == ["KE", "UG", "RW"]
    assert (plan.start, plan.end, plan.modality) == (dt.date(2031, 3, 10), dt.date(2031, 3, 15), "planned")


def test_departure_from_a_stay_and_cancellation(tmp_path):
    doc, ms = mentions_of(tmp_path, STORY)
    dep = by_type(ms, "departure")[0]
    assert dep.place.iso2 == "KE" and dep.start == dt.date(2031, 3, 12)
    cancelled = by_type(ms, "cancelled")[0]
    assert cancelled.place.iso2 == "UG" and cancelled.modality == "cancelled"


def test_every_mention_keeps_its_sentence(tmp_path):
    doc, ms = mentions_of(tmp_path, STORY)
    for m in ms:
        assert m.source.document == doc.path
        assert doc.text[m.source.start:m.source.end] == m.source.sentence
        assert m.trigger.lower() in m.source.sentence.lower()


def test_planned_vs_happened_and_topics(tmp_path):
    text = (" date 2031-05-01 x\n\nGerman Chancellor Lena Vogt will travel to Chile on Friday. "
            "Vogt held talks on Peru with Chilean President Marco Rojas.\n")
    doc, ms = mentions_of(tmp_path, text)
    trip = by_type(ms, "arrival")[0]   # travelling to a place is reaching it
    assert trip.modality == "planned" and trip.place.iso2 == "CL" and trip.start == dt.date(2031, 5, 2)
    talks = by_type(ms, "talks")[0]
    assert talks.place.iso2 == "CL"   # Peru is the topic, the host's country the venue


def test_non_person_subject_is_not_a_journey(tmp_path):
    text = " date 2031-05-02 x\n\nThe war began in Ruritania in 2022. The summit ended on Friday.\n"
    doc, ms = mentions_of(tmp_path, text)
    assert not [m for m in ms if m.type in ("tour", "departure", "visit", "arrival")]


def test_regional_descriptor_resolves(tmp_path):
    text = (" date 2031-06-02 x\n\nMASERU, June 1 (Wire) -- Indian Foreign Minister Arun Mehta held talks with "
            "Lesotho's Prime Minister Thabo Mokoena. Mehta visited the southern African country on Saturday "
            "and Sunday.\n")
    doc, ms = mentions_of(tmp_path, text)
    visit = by_type(ms, "visit")[0]
    assert visit.place.iso2 == "LS"
    assert (visit.start, visit.end) == (dt.date(2031, 5, 31), dt.date(2031, 6, 1))


def test_a_date_in_a_fronted_clause_is_not_the_main_verbs(tmp_path):
    text = (" date 2031-03-12 x\n\nSince landing in Kenya on Sunday, Peruvian Foreign Minister Ana Quispe "
            "has met Kenyan President Daniel Mwangi.\n")
    doc, ms = mentions_of(tmp_path, text)
    assert by_type(ms, "arrival")[0].start == dt.date(2031, 3, 9)
    assert by_type(ms, "meeting")[0].start is None


def test_a_postponed_visit_is_no_visit(tmp_path):
    text = " date 2031-03-12 x\n\nThe visit of Peruvian Foreign Minister Ana Quispe to Uganda has been postponed.\n"
    doc, ms = mentions_of(tmp_path, text)
    assert [m.type for m in ms if m.place and m.place.iso2 == "UG"] == ["postponed"]


def test_clause_grammar_names_the_traveler_and_the_counterparts(tmp_path):
    """A pronoun subject is a grammatical link; 'his counterpart X' is an official to meet;
    a person named in an opening clause the comma closes is not met by the main verb."""
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Minister tours\n\n"
        "Japanese Foreign Minister Hana Sato met her Kenyan counterpart Otieno Wafula in Nairobi on Monday. "
        "She will then travel to Uganda. "
        "Following her meeting with Wafula, Sato is to be received in Kampala by Ugandan President Ruth Nabwire.\n"))
    first = by_type(ms, "meeting")[0]
    assert [c.name for c in first.counterparts] == ["Otieno Wafula"] and first.traveler_by == "subject"
    onward = next(m for m in ms if m.place and m.place.iso2 == "UG" and m.type == "arrival")
    assert onward.traveler_by == "pronoun" and onward.modality == "planned"
    received = [m for m in by_type(ms, "meeting") if m.place and m.place.iso2 == "UG"]
    assert received and [c.name for c in received[0].counterparts] == ["Ruth Nabwire"]


def test_a_clause_with_no_subject_is_the_storys_traveler_by_assumption(tmp_path):
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Minister in Kenya\n\n"
        "Japanese Foreign Minister Hana Sato arrived in Kenya on Monday. "
        "The purpose of the visit is to discuss trade with Uganda.\n"))
    assert by_type(ms, "arrival")[0].traveler_by == "subject"
    assert all(m.traveler_by == "story" for m in ms if m.source.sentence.startswith("The purpose"))


def test_a_persons_country_is_what_most_mentions_say(tmp_path):
    """A garbled headline ("Foreign Minister of Kenya Sato: ...") is outvoted by the body."""
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Foreign Minister of Kenya Sato: a second home\n\n"
        "Japanese Foreign Minister Hana Sato arrived in Kenya on Monday from Uganda. "
        "Japanese Foreign Minister Hana Sato met the Kenyan president.\n"))
    arrival = by_type(ms, "arrival")[0]
    assert arrival.traveler.country_iso2 == "JP" and arrival.place.iso2 == "KE"


def test_leaving_for_where_the_story_already_is_leaves_from_elsewhere(tmp_path):
    """'She left for Togo on Sunday' after 'arrived in Togo': not a departure from Togo."""
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Minister in Togo\n\n"
        "Peruvian Foreign Minister Ana Quispe arrived in Togo on Monday. "
        "She had left for Togo on Sunday morning.\n"))
    assert not [m for m in by_type(ms, "departure") if m.place and m.place.iso2 == "TG"]
    assert {m.start for m in by_type(ms, "arrival") if m.place.iso2 == "TG"} >= {dt.date(2031, 3, 10)}


def test_a_two_letter_surname_is_a_short_name(tmp_path):
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Leader in Kenya\n\n"
        "Chinese President Wu Jiantao spoke on Tuesday. Wu arrived on Thursday in Nairobi, the capital of Kenya.\n"))
    arrival = by_type(ms, "arrival")[0]
    assert arrival.traveler.name == "Wu Jiantao" and arrival.traveler_by == "subject"


def test_visiting_and_relative_clauses_name_the_visitor(tmp_path):
    """'Visiting Prime Minister of the Republic of Korea (ROK) X said' and 'X, who is on a
    visit to Y': the visitor is X, however far the name stands from the verb."""
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Ties to improve\n\n"
        "Visiting Prime Minister of the Republic of Korea (ROK) Cho Hae-won said on Saturday that ties "
        "with Kenya are good, after talks with Kenyan President Daniel Mwangi. "
        "Cho, who is currently on a three-day visit to Kenya, was accompanied by business leaders.\n"))
    visits = [m for m in by_type(ms, "visit") if m.place and m.place.iso2 == "KE"]
    assert visits and all(m.traveler.name == "Cho Hae-won" for m in visits)
    assert {m.traveler_by for m in visits} <= {"subject", "owner"}


def test_the_guest_of_a_meeting_in_the_hosts_country_is_the_traveler(tmp_path):
    """A story set in Nairobi: the Kenyan president's talks with a foreign president are
    the guest's meeting in Kenya, and make the guest's trip there."""
    from timeline.trips import assemble

    doc, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Summit opens\n\n"
        "Delegates gathered in Nairobi on Thursday ahead of the Nairobi summit. "
        "During Kenyan President Daniel Mwangi's talks with Tomas Ferreira, president of Chile, "
        "on Thursday, Mwangi praised the summit held in Nairobi.\n"))
    talks = by_type(ms, "talks")[0]
    assert talks.traveler.name == "Tomas Ferreira" and talks.place.iso2 == "KE"
    assert [c.name for c in talks.counterparts] == ["Daniel Mwangi"]
    trips = assemble(ms, {doc.path: doc})
    assert [(t.traveler, [l.iso2 for l in t.legs]) for t in trips] == [("Tomas Ferreira", ["KE"])]


def test_talks_by_phone_put_no_one_anywhere(tmp_path):
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Call\n\n"
        "Chilean President Tomas Ferreira held phone talks with Kenyan President Daniel Mwangi on Monday.\n"))
    assert not by_type(ms, "talks") and not by_type(ms, "meeting")


def test_changes_of_plan_reach_every_stop_they_name_or_the_whole_trip(tmp_path):
    """'scrapped her trip to A, B and C' calls off each; 'called off the trip' every stop not
    reached; a headline's subjectless 'visit to A' does not outweigh the cancellation; a stop
    called off keeps the days it was planned for."""
    from timeline.trips import assemble

    doc, ms = mentions_of(tmp_path, (
        " date 2031-06-14 Minister's first visit to Kenya\n\n"
        "Japanese Foreign Minister Hana Sato was due to arrive in Kenya on June 10. "
        "Her plane broke down, and on Tuesday Sato scrapped her trip to Kenya and Uganda.\n"))
    assert {m.place.iso2 for m in by_type(ms, "cancelled")} == {"KE", "UG"}
    (trip,) = assemble(ms, {doc.path: doc})
    status = {l.iso2: l.status for l in trip.legs}
    assert status == {"KE": "cancelled", "UG": "cancelled"}
    ke = next(l for l in trip.legs if l.iso2 == "KE")
    assert ke.start == dt.date(2031, 6, 10)

    doc, ms = mentions_of(tmp_path, (
        " date 2031-06-14 Tour off\n\n"
        "Japanese Foreign Minister Hana Sato will visit Kenya and Rwanda from June 20 to 22. "
        "On Tuesday, Sato called off the trip.\n"), name="off.txt")
    (trip,) = assemble(ms, {doc.path: doc})
    assert {l.status for l in trip.legs} == {"cancelled"}


def test_a_sole_office_named_only_by_its_title_is_its_holder(tmp_path):
    """'The Pope arrived' in a story that never names him is the Pope another source names;
    in an undated story, talks a sentence later take the arrival's day once it is placed."""
    from timeline.trips import assemble

    named, ms1 = mentions_of(tmp_path, (
        " date 2031-06-14 Pontiff to visit Kenya\n\n"
        "Pope Anselm will visit Kenya from June 20 to 22, the Vatican said.\n"), name="a.txt")
    untitled, ms2 = mentions_of(tmp_path, (
        "Pope in Kenya\n\nOn Friday, 20 June, the Pope arrived by plane in Nairobi. "
        "He then went to the State House, where he met Kenyan President Daniel Mwangi.\n"), name="b.txt")
    assert {m.traveler.name for m in ms2 if m.traveler} == {"Pope"}
    (trip,) = assemble(ms1 + ms2, {named.path: named, untitled.path: untitled})
    assert trip.traveler == "Pope Anselm" and [l.status for l in trip.legs] == ["visited"]
    assert [(mt.with_, mt.date) for mt in trip.meetings] == [("Daniel Mwangi", dt.date(2031, 6, 20))]


def test_leaders_of_several_countries_say_nothing_of_where(tmp_path):
    """Meeting the French president and the British prime minister in the story's Berlin
    is in Germany; a planned round of talks 'to discuss the war in Ukraine' is not in Ukraine."""
    _, ms = mentions_of(tmp_path, (
        " date 2031-06-14 Visit\n\n"
        "Chilean President Tomas Ferreira arrived in Berlin on Thursday. "
        "On Friday he met French President Anne Morel and British Prime Minister John Hale.\n"
        "He will meet President Ada Obi of Ghana and President Ima Sesay of Sierra Leone "
        "to discuss the war in Ukraine.\n"))
    met = by_type(ms, "meeting")
    assert met[0].place.iso2 == "DE"
    assert all(m.place is None or m.place.iso2 != "UA" for m in met)


def test_a_name_the_story_gives_in_brackets_or_as_known_as_is_the_same_person(tmp_path):
    _, ms = mentions_of(tmp_path, (
        " date 2031-06-14 President Tono in Kenya\n\n"
        "Indonesian President Tono arrived in Kenya on Monday. "
        "Indonesian President Antono Wibisono (Tono) met Kenyan President Daniel Mwangi on Tuesday.\n"))
    assert {m.traveler.name for m in ms if m.traveler and m.type in ("arrival", "meeting")} == {"Antono Wibisono"}


def test_a_meeting_attended_by_others_is_not_the_speakers_journey(tmp_path):
    _, ms = mentions_of(tmp_path, (
        " date 2031-06-14 Press union\n\n"
        "Union president Ada Obi said, opening the meeting attended by reporters from across Africa, "
        "that the press was under threat in Gambia.\n"))
    assert not [m for m in by_type(ms, "visit") if m.traveler and m.traveler.name == "Ada Obi"]


def test_coordinated_subjects_each_travel(tmp_path):
    _, ms = mentions_of(tmp_path, (
        " date 2031-06-14 Service\n\n"
        "On Sunday, Chilean President Tomas Ferreira and Australian Prime Minister John Hale "
        "attended a service at a church in Shanghai.\n"))
    assert {m.traveler.name for m in by_type(ms, "visit") if m.place and m.place.iso2 == "CN"} \
        == {"Tomas Ferreira", "John Hale"}


def test_talks_only_planned_for_a_trip_called_off_are_no_meeting(tmp_path):
    from timeline.trips import assemble

    doc, ms = mentions_of(tmp_path, (
        " date 2031-06-14 Trip off\n\n"
        "Japanese Foreign Minister Hana Sato was due to meet Kenyan President Daniel Mwangi in Nairobi. "
        "A meeting with Kenyan Foreign Minister Otieno Wafula is also planned. "
        "On Tuesday, Sato called off her trip to Kenya.\n"))
    assert all(m.modality == "planned" for m in ms if m.type == "meeting")
    (trip,) = assemble(ms, {doc.path: doc})
    assert trip.meetings == [] and [l.status for l in trip.legs] == ["cancelled"]


def test_an_event_in_a_city_of_ones_own_country_is_no_journey(tmp_path):
    _, ms = mentions_of(tmp_path, (
        " date 2031-06-14 Summit\n\n"
        "Russian President Ivan Orlov will take part in the 22nd India-Russia Summit in Moscow on Tuesday.\n"))
    assert not [m for m in by_type(ms, "visit") if m.traveler and m.traveler.name == "Ivan Orlov"]


def test_heads_of_international_organisations_are_counterparts(tmp_path):
    """"UN Secretary-General N" is met like a minister; an Under-Secretary-General (a
    diplomat receiving a visitor) is part of a visit, not a meeting of its own."""
    _, ms = mentions_of(tmp_path, " date 2031-03-12 Talks in Nairobi\n\nJapanese Foreign Minister Hana Sato "
                        "met on Tuesday with Kenyan President Daniel Mwangi, UN Secretary-General Lena Horvat "
                        "and UN Under-Secretary-General Piet Brouwer.\n")
    (meeting,) = by_type(ms, "meeting")
    assert [c.name for c in meeting.counterparts] == ["Daniel Mwangi", "Lena Horvat"]


def test_the_story_s_only_minister_is_the_minister(tmp_path):
    """"received the minister": a bare title is the story's only holder of an office with
    that head, whatever the portfolio ("Foreign Minister")."""
    _, ms = mentions_of(tmp_path, " date 2031-03-12 Talks\n\nJapanese Foreign Minister Hana Sato arrived in "
                        "Libreville on Monday. Gabonese President Ali Nzeng received the minister on Tuesday.\n")
    (meeting,) = by_type(ms, "meeting")
    assert meeting.traveler.name == "Hana Sato" and [c.name for c in meeting.counterparts] == ["Ali Nzeng"]
    _, ms = mentions_of(tmp_path, " date 2031-03-12 Talks\n\nJapanese Foreign Minister Hana Sato arrived in "
                        "Libreville on Monday with Trade Minister Ken Ito. Gabonese President Ali Nzeng received "
                        "the minister on Tuesday.\n")
    assert not by_type(ms, "meeting")      # two ministers: which one is not said


def test_here_is_where_the_item_is_filed(tmp_path):
    """"arrived here", "met here": the dateline of the item the sentence is in (a digest has
    several), else the one place its headline puts the story; never the guest's country,
    and never where the traveler came from."""
    _, ms = mentions_of(tmp_path, " date 2031-03-12 Digest\n\nKHARTOUM, March 12 (Wire) -- Talks ended.\n\n"
                        "AMMAN, March 12 (Wire) -- Iraqi Prime Minister Ali Hadi arrived here from Malaysia on "
                        "Wednesday for talks with U.S. President John Carter.\n")
    (arrival,) = by_type(ms, "arrival")
    assert arrival.place.iso2 == "JO" and arrival.start == dt.date(2031, 3, 12)
    assert by_type(ms, "talks")[0].place.iso2 == "JO"                   # not the US
    (left,) = by_type(ms, "departure")                                   # he was in Malaysia
    assert left.place.iso2 == "MY" and left.date_inferred
    _, ms = mentions_of(tmp_path, " date 2031-03-12 Hadi in Amman for talks\n\nIraqi Prime Minister Ali Hadi "
                        "arrived here on Wednesday.\n")
    assert by_type(ms, "arrival")[0].place.iso2 == "JO"
    _, ms = mentions_of(tmp_path, " date 2031-03-12 Minister pledges cooperation with Jordan\n\nIraqi Prime "
                        "Minister Ali Hadi arrived here on Wednesday.\n")
    (arrival,) = by_type(ms, "arrival")
    assert arrival.place is None                                      # a topic, not a place


def test_whom_a_meeting_meets(tmp_path):
    """Not whoever a relative clause after the people met speaks of, nor the subject of
    another verb beside a meeting of others; but the subjects of "held the ... Meeting"."""
    _, ms = mentions_of(tmp_path, " date 2031-03-12 Talks\n\nPeruvian Foreign Minister Ana Quispe arrived in "
                        "Nairobi on Monday. She held talks with Prime Minister Tom Otieno, whom President Daniel "
                        "Mwangi appointed last month.\n")
    assert [c.name for m in by_type(ms, "talks") for c in m.counterparts] == ["Tom Otieno"]
    _, ms = mentions_of(tmp_path, " date 2031-03-12 Talks\n\nPeruvian Foreign Minister Ana Quispe arrived in "
                        "Nairobi on Monday. At an EU foreign ministers' meeting on Monday, British Foreign "
                        "Secretary Jane Holt said her country would act.\n")
    assert not by_type(ms, "meeting")
    _, ms = mentions_of(tmp_path, " date 2031-03-12 Talks\n\nPeruvian Foreign Minister Ana Quispe and Kenyan "
                        "Foreign Minister Tom Otieno held the 10th Peru-Kenya Ministers' Meeting in Nairobi on Monday.\n")
    assert [c.name for m in by_type(ms, "meeting") for c in m.counterparts] == ["Tom Otieno"]


def test_a_shared_name_word_is_not_a_mention(tmp_path):
    """"Boris Nemtsov" does not mention President Boris Yeltsin: the word after the shared
    one belongs to another name."""
    from timeline.events.story import read_story
    from timeline.temporal import tag as tag_text
    doc, _ = mentions_of(tmp_path, " date 2031-03-12 Talks\n\nPresident Daniel Mwangi spoke. Daniel Otieno "
                         "arrived in Lima on Monday.\n")
    ctx = read_story(doc, tag_text(doc.text, doc.anchor))
    otieno = doc.text.index("Daniel Otieno")
    assert not [s for s in ctx.person_spans if s[0] <= otieno < s[1]]      # no mention of Mwangi there
    assert [s for s in ctx.person_spans if doc.text[s[0]:s[1]].endswith("Mwangi")]
def test_a_stays_stated_length_in_other_languages(tmp_path):
    stories = {
        "fr": "La ministre péruvienne des Affaires étrangères, Ana Quispe, est arrivée lundi au Kenya "
              "pour une visite officielle de trois jours.",
        "es": "La canciller peruana Ana Quispe llegó el lunes a Kenia para una visita oficial de tres días.",
        "pt": "A ministra peruana dos Negócios Estrangeiros, Ana Quispe, chegou na segunda-feira ao Quénia "
              "para uma visita oficial de três dias.",
        "id": "Menteri Luar Negeri Peru Ana Quispe tiba di Kenya pada Senin untuk kunjungan kenegaraan "
              "selama tiga hari.",
        "de": "Die peruanische Außenministerin Ana Quispe ist am Montag zu einem dreitägigen Besuch in "
              "Kenia eingetroffen.",
    }
    for lang, text in stories.items():
        doc, ms = mentions_of(tmp_path, f" date 2031-03-12 Visite\n\n{text}\n", name=f"{lang}.txt")
        assert doc.lang == lang
        assert any(m.place and m.place.iso2 == "KE" and m.days == 3 for m in ms), \
            (lang, [(m.type, m.place and m.place.iso2, m.days) for m in ms])


def test_stops_made_before_and_where_one_comes_from(tmp_path):
    """"after visiting A and B": visits before the main verb's day, undated; ", who flew here
    from X where he was on a visit," is where he was, not where he leaves from."""
    _, ms = mentions_of(tmp_path, " date 2031-03-12 Tour\n\nHARARE, March 12 (Wire) -- Peruvian Foreign Minister "
                        "Ana Quispe arrived in Zimbabwe on Thursday after visiting Namibia and Zambia.\n")
    before = [m for m in by_type(ms, "visit") if m.place]
    assert {m.place.iso2 for m in before} == {"NA", "ZM"}
    assert all(m.start is None and m.modality == "happened" and m.traveler_by == "subject" for m in before)
    _, ms = mentions_of(tmp_path, " date 2031-04-15 Tour\n\nSINGAPORE, April 15 (Wire) -- Peruvian Foreign Minister "
                        "Ana Quispe, who flew here from Malaysia where she was on a three-day visit, will leave "
                        "for China on Thursday.\n")
    assert [m.place.iso2 for m in by_type(ms, "visit") if m.place] == ["MY"]
    assert by_type(ms, "visit")[0].modality == "happened"
    assert [m.place.iso2 for m in by_type(ms, "departure")] == ["SG"]


def test_the_visitor_met_is_the_one_who_travelled(tmp_path):
    """"X held a meeting with visiting Y": Y travelled, to where X receives her; and a meeting
    set in the traveler's own country ("in Mettlach, Germany" for a German) is no trip."""
    _, ms = mentions_of(tmp_path, " date 2031-03-12 Talks\n\nSpanish Foreign Minister Ana Ruiz held a meeting with "
                        "visiting Peruvian Foreign Minister Rosa Quispe on Monday.\n")
    (meeting,) = by_type(ms, "meeting")
    assert meeting.traveler.name == "Rosa Quispe" and meeting.place.iso2 == "ES"
    assert [c.name for c in meeting.counterparts] == ["Ana Ruiz"]
    _, ms = mentions_of(tmp_path, " date 2031-03-12 Talks\n\nGerman Chancellor Eva Brandt is to meet French "
                        "President Paul Morel in Mettlach, Germany, on Tuesday.\n")
    (meeting,) = by_type(ms, "meeting")
    assert [c.name for c in meeting.counterparts] == ["Paul Morel"] and meeting.place is None


def test_dates_that_belong_to_another_noun_or_to_a_saying(tmp_path):
    def one(text, kind):
        return [m for m in mentions_of(tmp_path, " date 2031-03-12 x\n\n" + text)[1] if m.type == kind]
    # a date premodifying another noun in a phrase after the trigger is that noun's
    arrival = one("Peruvian Foreign Minister Ana Quispe arrived in Kenya, which is recovering "
                  "from its 1995-2000 civil war.", "arrival")
    assert [(m.place.iso2, m.start) for m in arrival] == [("KE", None)]
    # ... but the trigger's own object keeps it ("attended the 2030 summit")
    attended = one("Peruvian Foreign Minister Ana Quispe attended the 2030 summit in Kenya.", "visit")
    assert attended and attended[0].start == dt.date(2030, 1, 1)
    # a reporting verb's date is the saying's, even when the verb is a trigger of its own ...
    hoped = one("Kenyan President Daniel Mwangi said Friday he hopes Peruvian Foreign Minister Ana "
                "Quispe's visit to Kenya will help.", "visit")
    assert [(m.place.iso2, m.start) for m in hoped] == [("KE", None)]
    # ... unless it was said during the stay
    during = one("Peruvian Foreign Minister Ana Quispe said on Saturday during a visit to Kenya that "
                 "trade grows.", "visit")
    assert [(m.place.iso2, m.start, m.modality) for m in during] == [("KE", dt.date(2031, 3, 8), "happened")]


def test_a_possessive_title_owns_its_trip_and_a_change_without_a_stop_takes_the_visits():
    doc = Document(path="p.txt", name="p.txt", sha256="x", published=dt.date(2031, 3, 12),
                   text="The Pope's visit to Kenya on March 20-21 will be pastoral.")
    visit = [m for m in extract_mentions(doc, tag(doc.text, doc.anchor)) if m.type == "visit"]
    assert [(m.traveler.role, m.traveler_by, m.start, m.end) for m in visit] == \
        [("Pope", "owner", dt.date(2031, 3, 20), dt.date(2031, 3, 21))]
    text = ("Peruvian minister's Kenya visit postponed\n\n"
            "A planned trip by Peruvian Foreign Minister Ana Quispe to Kenya has been postponed.")
    doc = Document(path="q.txt", name="q.txt", sha256="y", published=dt.date(2031, 3, 12), text=text)
    ms = extract_mentions(doc, tag(doc.text, doc.anchor))
    assert not [m for m in ms if m.type == "visit"]          # the headline's visit did not happen
    assert {(m.type, m.place.iso2) for m in ms if m.place} == {("postponed", "KE")}


def test_whose_trip_a_noun_is_and_whom_a_bound_pronoun_names():
    def visits(text, kind="visit"):
        doc = Document(path="w.txt", name="w.txt", sha256="w", published=dt.date(2031, 3, 12), text=text)
        return [(m.traveler.name, m.place and m.place.iso2, m.modality, m.start)
                for m in extract_mentions(doc, tag(doc.text, doc.anchor)) if m.type == kind]
    # the agent after the noun, and the person "of" it
    assert visits("Ties grew with the visit to Kenya by Peruvian Foreign Minister Ana Quispe on Monday.") \
        == [("Ana Quispe", "KE", "happened", dt.date(2031, 3, 10))]
    assert ("Ana Quispe", "KE", "happened", None) in visits(
        "Kenya is the last leg of Peruvian Foreign Minister Ana Quispe's African tour.")
    # a plan adjective before a plural trip noun
    assert [v[2] for v in visits("Trade grew ahead of the expected visits to Kenya by Peruvian "
                                 "Foreign Minister Ana Quispe.")] == ["planned"]
    # "X hoped ... before he leaves for Y": the main clause's subject, and the arrival a future
    # departure implies is planned too
    text = ("Chilean President Marco Rojas met the press.\n\nPeruvian Prime Minister Ana Quispe hoped "
            "to pass the bill on March 20 before he leaves for Kenya on March 24.")
    assert visits(text, "arrival") == [("Ana Quispe", "KE", "planned", dt.date(2031, 3, 24))]


def test_a_departure_verb_with_no_place_makes_no_one_the_storys_traveler():
    text = ("Palestinian Prime Minister Ana Quispe said Monday that her visit to Iran brought aid. "
            "Quispe, on her first trip to Iran, met on Sunday with Iranian President Daniel Mwangi. "
            "Her visit came after talks with Palestinian President Marco Rojas aimed at ending the boycott.")
    doc = Document(path="s.txt", name="s.txt", sha256="s", published=dt.date(2031, 3, 12), text=text)
    ms = extract_mentions(doc, tag(doc.text, doc.anchor))
    assert {m.traveler.name for m in ms if m.place and m.place.iso2 == "IR"} == {"Ana Quispe"}


def test_who_is_paying_a_visit_is_the_one_visiting():
    text = ("Chilean spokesman Marco Rojas said on Monday that Kenya should act. Peruvian Foreign Minister "
            "Ana Quispe, who is paying a landmark visit to Kenya, has called for calm.")
    doc = Document(path="v.txt", name="v.txt", sha256="v", published=dt.date(2031, 3, 12), text=text)
    visits = [m for m in extract_mentions(doc, tag(doc.text, doc.anchor)) if m.type == "visit"]
    assert [(m.traveler.name, m.place.iso2, m.traveler_by) for m in visits] == [("Ana Quispe", "KE", "owner")]


def test_a_trip_being_arranged_is_planned_and_not_dated_by_the_story():
    text = ('Peruvian Foreign Minister Ana Quispe will travel abroad. "Kenya is arranging her visit, but '
            'the schedule is yet to be fixed," an official said.')
    doc = Document(path="a.txt", name="a.txt", sha256="a", published=dt.date(2031, 3, 12), text=text)
    visits = [m for m in extract_mentions(doc, tag(doc.text, doc.anchor)) if m.type == "visit"]
    assert [(m.place.iso2, m.modality, m.start) for m in visits] == [("KE", "planned", None)]


def test_talks_held_after_the_main_verb_are_its_subjects():
    text = ('Peruvian Foreign Minister Ana Quispe arrived in Kenya. "It is a critical moment," she said '
            'after later holding talks in Nairobi with Kenyan President Daniel Mwangi.')
    doc = Document(path="h.txt", name="h.txt", sha256="h", published=dt.date(2031, 3, 12), text=text)
    talks = [m for m in extract_mentions(doc, tag(doc.text, doc.anchor)) if m.type == "talks"]
    assert [(m.traveler.name, m.traveler_by, m.place.iso2) for m in talks] == [("Ana Quispe", "pronoun", "KE")]


def test_a_surname_misspelt_one_letter_away_is_the_same_person():
    text = ("Kenyan President Daniel Mwangi met the Peruvian President Ana Quispeh on Monday. "
            "Quispe, who arrived in Kenya on Sunday, was received by the foreign minister.")
    doc = Document(path="m.txt", name="m.txt", sha256="m", published=dt.date(2031, 3, 12), text=text)
    arrivals = [m for m in extract_mentions(doc, tag(doc.text, doc.anchor)) if m.type == "arrival"]
    assert [(m.traveler.name, m.place.iso2, m.start) for m in arrivals] == [("Ana Quispeh", "KE", dt.date(2031, 3, 9))]


def test_a_subordinator_opening_a_sentence_is_no_first_name(tmp_path):
    """'Although Sato said in Lima ...': the surname alone, the person named earlier (not a
    new person called "Although Sato")."""
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Envoy in Kenya\n\n"
        "Japanese Foreign Minister Hana Sato arrived in Kenya on Monday. "
        "Although Sato said in Nairobi on Tuesday that the talks were over, she stayed.\n"))
    assert {m.traveler.name for m in ms} == {"Hana Sato"}
    assert any(m.type == "visit" and m.place.iso2 == "KE" and m.start == dt.date(2031, 3, 11) for m in ms)


def test_a_date_in_a_relative_clause_is_its_verbs(tmp_path):
    """'X, who arrived on Monday, met Y': Monday is the arrival's, not the meeting's (which
    may have been on any day of the stay)."""
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Envoy in Kenya\n\n"
        "Japanese Foreign Minister Hana Sato, who arrived in Nairobi on Monday, met Kenyan President "
        "Daniel Mwangi.\n"))
    arrival, meeting = by_type(ms, "arrival")[0], by_type(ms, "meeting")[0]
    assert arrival.start == dt.date(2031, 3, 10) and not arrival.date_inferred
    assert meeting.start is None


def test_links_to_other_stories_are_not_the_story(tmp_path):
    """A web page's 'related' block and 'Read more:' lines are other stories' headlines; a
    subheading between paragraphs is still the story's."""
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Envoy in Kenya\n\n"
        "Japanese Foreign Minister Hana Sato arrived in Kenya on Monday.\n"
        "Read more: Sato's visit to Uganda postponed\n"
        "Go to video\n"
        "Morocco: Protester arrested during Sato's visit\n"
        "01:34\n"
        "Talks in Rwanda\n"
        "Sato will travel to Rwanda on Friday.\n"))
    assert {m.place.iso2 for m in ms if m.place} == {"KE", "RW"}


def test_a_possessive_in_an_adjunct_is_its_clauses_subjects(tmp_path):
    """'Y told reporters upon his arrival': Y's arrival, not the story's traveler's; 'unveiled
    by Y during her visit': the agent's; 'X met Y during her trip': the subject's."""
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Talks open\n\n"
        "Japanese Foreign Minister Hana Sato arrived in Nairobi on Monday for the talks. "
        "Chinese Foreign Minister Wu Jiantao told reporters upon his arrival in Nairobi on Tuesday that "
        "the talks would be hard. The plan will be unveiled by Indian Foreign Minister Ravi Menon during "
        "his visit to Uganda. Sato met Kenyan President Daniel Mwangi on Tuesday during her trip.\n"))
    arrivals = {m.traveler.name: m.start for m in by_type(ms, "arrival")}
    assert arrivals == {"Hana Sato": dt.date(2031, 3, 10), "Wu Jiantao": dt.date(2031, 3, 11)}
    assert all(m.traveler.name == "Ravi Menon" for m in ms if m.place and m.place.iso2 == "UG")
    assert any(m.traveler.name == "Ravi Menon" for m in ms if m.place and m.place.iso2 == "UG")
    assert all(m.traveler.name == "Hana Sato" for m in by_type(ms, "meeting"))


def test_a_fronted_meeting_is_the_main_subjects(tmp_path):
    """'During a meeting with X, Wu said' and 'When meeting with Y, Wu said': Wu met them (in a
    story set in Wu's capital, they are the visitors), not the story's traveler; 'Wu met five
    presidents, including A of Kenya and B of Uganda': each a guest."""
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Summit opens\n\n"
        "BEIJING, March 12 (Wire) -- Kenyan President Daniel Mwangi arrived in Beijing on Tuesday for the summit. "
        "Chinese President Wu Jiantao met five African presidents, including Ana Okello of Uganda and "
        "Paul Ndoli of Rwanda, here on Wednesday. During a meeting with Okello, Wu said ties were good. "
        "When meeting with Ndoli, Wu said trade would grow.\n"))
    guests = {m.traveler.name for m in by_type(ms, "meeting") if m.place and m.place.iso2 == "CN"}
    assert {"Ana Okello", "Paul Ndoli"} <= guests
    assert not any(m.traveler.name == "Daniel Mwangi" and {c.name for c in m.counterparts} & {"Ana Okello", "Paul Ndoli"}
                   for m in by_type(ms, "meeting"))


def test_a_change_of_plan_is_the_trip_owners(tmp_path):
    """'decided to postpone all exchanges of visits and to block a trip to Beijing by X': X's trip;
    not 'has been postponed as it coincides with Y's visit' (Y's is another trip)."""
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Visits off\n\n"
        "Japanese Foreign Minister Hana Sato spoke on Monday. China decided on Tuesday to postpone all "
        "exchanges of visits with Kenya and to block a trip to Beijing by Kenyan Trade Minister Daniel Mwangi. "
        "A planned trip by Ugandan Defence Minister Ana Okello to Rwanda has been postponed as it coincides "
        "with Rwandan Foreign Minister Paul Ndoli's visit to Kampala.\n"))
    changes = [m for m in ms if m.type == "postponed"]
    assert any(m.traveler.name == "Daniel Mwangi" and m.traveler_by == "owner" for m in changes)
    assert not any(m.traveler.name == "Paul Ndoli" for m in changes)


def test_a_bare_trip_noun_in_an_adjunct_is_the_sentence_subjects(tmp_path):
    """'X, head of the Kenyan delegation, said at the airport before departure to Beijing':
    X leaves, not the story's traveler; a religious leader met abroad says nothing of where."""
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Talks open\n\n"
        "Japanese Foreign Minister Hana Sato arrived in Beijing on Monday for the talks. "
        "Daniel Mwangi, head of the Kenyan delegation, said at Nairobi airport on Tuesday before departure "
        "to Beijing that he hoped for progress. Sato met Archbishop of Canterbury Rowan Hale on Tuesday.\n"))
    assert any(m.traveler.name == "Daniel Mwangi" for m in ms if m.type in ("departure", "arrival"))
    assert not any(m.place and m.place.iso2 == "GB" for m in ms)


def test_a_meeting_at_home_when_the_one_city_named_is_at_home(tmp_path):
    """A story with no dateline whose one city is the traveler's capital: a meeting there with a
    foreign minister is the guest's visit (not a trip to the guest's country)."""
    _, ms = mentions_of(tmp_path, (
        " date 2031-03-12 Ties help stability\n\n"
        "Russian Defence Minister Ivan Petrov said Tuesday that ties were good. Petrov spoke at the start "
        "of a session of the commission in Moscow. In a separate meeting with Indian Defence Minister "
        "Ravi Menon, Petrov said the two countries share views.\n"))
    meetings = by_type(ms, "meeting")
    assert meetings and all(m.place and m.place.iso2 == "RU" for m in meetings)
    assert not any(m.place and m.place.iso2 == "IN" for m in ms)
