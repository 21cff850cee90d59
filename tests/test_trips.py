"""trips: assembling legs, meetings and conflicts from synthetic mentions."""
import datetime as dt

from timeline.trips import assemble
from timeline.types import Document, EventMention, Person, Place, Provenance

D = dt.date
TRAVELER = Person("Hana Sato", "Foreign Minister", "JP")


def doc(name, day):
    return Document(path=name, name=name, text="", sha256=name, published=day)


def m(kind, iso2, start=None, end=None, modality="happened", docname="a.txt", who=TRAVELER,
      counterparts=(), itinerary=(), city=None, value=None):
    return EventMention(type=kind, source=Provenance(docname, 0, 10, f"{who.name} {kind} {iso2}"), trigger=kind,
                        traveler=who, place=Place(iso2, iso2, city) if iso2 else None,
                        start=start, end=end or start, granularity="day" if start else None,
                        modality=modality, counterparts=list(counterparts),
                        itinerary=[Place(c, c) for c in itinerary], date_value=value)


DOCS = {"a.txt": doc("a.txt", D(2031, 3, 14)), "b.txt": doc("b.txt", D(2031, 3, 9)),
        "c.txt": doc("c.txt", None)}


def build(mentions):
    trips = assemble(mentions, DOCS)
    assert len(trips) == 1
    return trips[0]


def test_legs_plan_skip_and_inferred_bounds():
    t = build([
        m("announcement", None, D(2031, 3, 10), D(2031, 3, 15), "planned", "b.txt", itinerary=("KE", "UG", "RW")),
        m("departure", "KE", D(2031, 3, 12)),
        m("visit", "KE"),
        m("skipped", "UG", modality="cancelled"),
        m("arrival", "RW", D(2031, 3, 13), city="Kigali"),
    ])
    assert t.slug == "hana-sato-2031"
    assert [(l.iso2, l.status) for l in t.legs] == [("KE", "visited"), ("UG", "skipped"), ("RW", "visited")]
    ke, ug, rw = t.legs
    assert (ke.start, ke.start_inferred, ke.end, ke.end_inferred) == (D(2031, 3, 10), True, D(2031, 3, 12), False)
    assert ug.start is None and ug.end is None
    assert rw.city == "Kigali" and rw.start == D(2031, 3, 13) and rw.end is None   # no invented end
    assert t.announced.countries == ["KE", "UG", "RW"]
    assert (t.announced.start, t.announced.end) == (D(2031, 3, 10), D(2031, 3, 15))


def test_meetings_merge_by_person_and_day():
    host = Person("Daniel Mwangi", "President", "KE")
    t = build([
        m("arrival", "KE", D(2031, 3, 10)),
        m("meeting", "KE", D(2031, 3, 11), counterparts=[host]),
        m("meeting", "KE", D(2031, 3, 11), docname="b.txt", counterparts=[Person("Mwangi", "President", "KE")]),
        m("meeting", "KE", D(2031, 3, 12), counterparts=[host]),
        m("talks", "KE", counterparts=[Person("Ann Odhiambo", "Foreign Minister", "KE")]),
    ])
    met = [(x.with_, x.date) for x in t.meetings]
    assert met == [("Daniel Mwangi", D(2031, 3, 11)), ("Daniel Mwangi", D(2031, 3, 12)), ("Ann Odhiambo", None)]
    assert len(t.meetings[0].sources) == 2
    assert t.meetings[0].with_role == "President of Kenya"


def test_conflicting_arrivals_are_listed_with_sources():
    t = build([m("arrival", "KE", D(2031, 3, 10)), m("arrival", "KE", D(2031, 3, 11), docname="b.txt")])
    c = [c for c in t.conflicts if "arrival" in c.what][0]
    assert [v["value"] for v in c.values] == ["2031-03-10", "2031-03-11"]
    assert t.legs[0].start == D(2031, 3, 10)


def test_undated_story_weekday_placed_by_the_trip_window():
    t = build([
        m("announcement", None, D(2031, 3, 10), D(2031, 3, 15), "planned", "b.txt", itinerary=("KE", "RW")),
        m("arrival", "KE", D(2031, 3, 10)),
        m("departure", "KE", D(2031, 3, 12)),
        m("arrival", "RW", docname="c.txt", value="XXXX-WXX-3"),   # "on Wednesday", story without a date
    ])
    rw = [l for l in t.legs if l.iso2 == "RW"][0]
    assert rw.start == D(2031, 3, 12)


def test_home_country_and_far_apart_trips():
    trips = assemble([
        m("arrival", "KE", D(2031, 3, 10)),
        m("arrival", "JP", D(2031, 3, 15)),            # back home: no leg
        m("arrival", "BR", D(2031, 9, 1)),            # months later: another trip
    ], DOCS)
    assert [(t.slug, [l.iso2 for l in t.legs]) for t in trips] == [
        ("hana-sato-2031", ["KE"]), ("hana-sato-2031-09", ["BR"])]


def test_an_undated_mention_of_a_story_about_two_trips_joins_the_one_with_its_country():
    # one story: the Kenya trip was put off, the Brazil trip a month later still holds; its
    # undated "the program in Brazil includes ..." belongs to the Brazil trip, not the nearer one
    trips = assemble([
        m("postponed", "KE", D(2031, 3, 16), D(2031, 3, 18), modality="cancelled"),
        m("visit", "BR", D(2031, 4, 20), D(2031, 4, 24), modality="planned"),
        m("visit", "BR"),
    ], DOCS)
    assert sorted(sorted(l.iso2 for l in t.legs) for t in trips) == [["BR"], ["KE"]]


def test_an_office_alone_is_its_holder_at_the_time():
    pope = Person("Pope", "Pope", None)
    earlier, later = Person("Leo Ursus", "Pope", None), Person("Pius Bonus", "Pope", None)
    trips = assemble([
        m("visit", "KE", D(2031, 3, 10), who=earlier),
        m("visit", "GH", D(2031, 9, 1), who=later),
        m("visit", "TG", D(2031, 9, 3), who=pope, docname="b.txt"),   # the title alone, in September
    ], DOCS)
    assert sorted((t.traveler, [l.iso2 for l in t.legs]) for t in trips) == [
        ("Leo Ursus", ["KE"]), ("Pius Bonus", ["GH", "TG"])]


def test_the_main_trip_of_a_year_keeps_the_plain_slug_whatever_comes_later():
    main = [m("arrival", "KE", D(2031, 5, 10), docname="a.txt"),
            m("visit", "KE", D(2031, 5, 11), docname="b.txt")]
    assert [t.slug for t in assemble(main, DOCS)] == ["hana-sato-2031"]
    side = [m("arrival", "BR", D(2031, 1, 10), docname="c.txt")]   # an earlier, smaller trip
    both = assemble(main + side, DOCS)
    assert {t.slug: t.legs[0].iso2 for t in both} == {"hana-sato-2031": "KE", "hana-sato-2031-01": "BR"}
    assert [t.slug for t in assemble(side + main, DOCS)] == [t.slug for t in both]   # order-free


def test_a_person_no_sentence_names_makes_no_trip():
    ghost = Person("Nobody Named", "President", "XX")
    silent = [EventMention(type="arrival", source=Provenance("a.txt", 0, 10, "He arrived."), trigger="arrived",
                           traveler=ghost, place=Place("Kenya", "KE"), start=D(2031, 3, 10), end=D(2031, 3, 10),
                           granularity="day")]
    assert assemble(silent, DOCS) == []


def test_stops_not_yet_reached_stay_planned():
    t = build([
        m("announcement", None, D(2031, 3, 10), D(2031, 3, 15), "planned", "b.txt", itinerary=("KE", "UG", "RW")),
        m("arrival", "KE", D(2031, 3, 10)),
    ])
    assert [(l.iso2, l.status) for l in t.legs] == [("KE", "visited"), ("UG", "planned"), ("RW", "planned")]


def test_an_untitled_name_is_no_traveler():
    group = Person("World Vision", None, None)
    moves = [m("arrival", "KE", D(2031, 3, 10), who=group)]
    assert assemble(moves, DOCS) == []


def test_conflicting_departures_are_listed_too():
    t = build([m("arrival", "KE", D(2031, 3, 10)), m("departure", "KE", D(2031, 3, 12)),
               m("departure", "KE", D(2031, 3, 13), docname="b.txt")])
    c = [c for c in t.conflicts if c.what.startswith("departure")][0]
    assert [v["value"] for v in c.values] == ["2031-03-12", "2031-03-13"]
    assert t.legs[0].end == D(2031, 3, 12)


def test_weekdays_of_an_undated_story_are_placed_within_the_announced_window():
    t = build([
        m("announcement", None, D(2031, 3, 10), D(2031, 3, 14), "planned", "b.txt", itinerary=("KE", "UG")),
        m("statement", "KE", D(2031, 3, 6), docname="b.txt"),                 # said days before: not a stay
        m("arrival", "KE", D(2031, 3, 10)),
        m("departure", "UG", docname="c.txt", value="XXXX-WXX-5"),            # "left Uganda on Friday"
    ])
    ug = [l for l in t.legs if l.iso2 == "UG"][0]
    assert ug.end == D(2031, 3, 14) and ug.end_inferred


def test_short_forms_fold_into_their_one_full_traveler():
    from timeline.trips import Traveler, _link_short_forms

    groups = [Traveler("Hamad bin Sultan", "Crown Prince", "QA"), Traveler("HBS", None, None),
              Traveler("Joko Widodo", "President", "ID"), Traveler("Jokowi", "President", None),
              Traveler("Jomo", "President", None)]
    assert [g.name for g in _link_short_forms(groups)] == ["Hamad bin Sultan", "Joko Widodo", "Jomo"]


def test_travelers_sharing_a_surname_are_not_one():
    """Across stories: "Joe Biden" is "Joseph R. Biden" (a short form of the given name),
    "Iajuddin Ahmed" is not "Abdullahi Yusuf Ahmed"."""
    from timeline.people import same_traveler
    assert same_traveler("Joe Biden", "Joseph R. Biden") and same_traveler("Bill Clinton", "William Clinton")
    assert same_traveler("Biden", "Joseph R. Biden") and same_traveler("J. Biden", "Joseph Biden")
    assert not same_traveler("Iajuddin Ahmed", "Abdullahi Yusuf Ahmed")
    assert not same_traveler("Omer Hassan Ahmed", "Iajuddin Ahmed")
    assert not same_traveler("Rajiv Gandhi", "Rahul Gandhi")       # one initial, two people
def lasting(mention, days):
    mention.days = days
    return mention


def test_a_stated_length_ends_the_stay_without_outlasting_the_next_one():
    t = build([
        lasting(m("arrival", "KE", D(2031, 3, 7)), 4),       # "arrived on Friday for a four-day visit"
        m("visit", "KE", D(2031, 3, 7)),
        lasting(m("arrival", "UG", D(2031, 3, 12)), 3),      # the next stop, days later
        m("meeting", "UG", D(2031, 3, 20), counterparts=[Person("Amos Okello", "President", "UG")]),
    ])
    ke, ug = t.legs
    assert (ke.start, ke.end, ke.end_inferred) == (D(2031, 3, 7), D(2031, 3, 10), True)   # not stretched to the 12th
    assert (ug.start, ug.end, ug.end_inferred) == (D(2031, 3, 12), D(2031, 3, 20), False)  # a stated day wins
    assert "dates stated" in ke.confidence_reason


def test_a_stated_length_stops_at_the_next_stay_and_a_stated_end_stands():
    t = build([
        lasting(m("arrival", "KE", D(2031, 3, 7)), 5),
        m("arrival", "UG", D(2031, 3, 9)),
        lasting(m("arrival", "RW", D(2031, 3, 11)), 4),
        m("departure", "RW", D(2031, 3, 12)),                # "left Rwanda on Wednesday"
    ])
    ke, ug, rw = t.legs
    assert (ke.end, ke.end_inferred) == (D(2031, 3, 9), True)
    assert (rw.end, rw.end_inferred) == (D(2031, 3, 12), False)


def test_a_stated_length_and_a_stated_end_give_the_start():
    t = build([lasting(m("visit", "KE"), 3), m("departure", "KE", D(2031, 3, 11))])   # "ends its three-day visit"
    ke = t.legs[0]
    assert (ke.start, ke.start_inferred, ke.end, ke.end_inferred) == (D(2031, 3, 9), True, D(2031, 3, 11), False)


def test_a_planned_stay_runs_its_stated_length_from_the_planned_arrival():
    t = build([
        lasting(m("arrival", "EG", D(2031, 3, 18), modality="planned"), 4),   # "due to arrive on Tuesday ..."
        m("meeting", "EG", D(2031, 3, 17), modality="planned",
          counterparts=[Person("Omar Said", "President", "EG")]),
    ])
    eg = t.legs[0]
    assert eg.status == "planned"
    assert (eg.planned_start, eg.planned_end) == (D(2031, 3, 18), D(2031, 3, 21))
    assert (eg.end, eg.end_inferred) == (D(2031, 3, 21), True)


def test_a_relation_is_no_office_to_show():
    """Known only as "his Latvian counterpart": the trip shows no office, not "Counterpart of
    Latvia" (the relation still makes the person an official whose trip is kept)."""
    who = Person("Ivo Kalns", "Counterpart", "LV")
    t = build([m("arrival", "PL", D(2031, 3, 10), who=who), m("visit", "PL", D(2031, 3, 10), who=who)])
    assert t.traveler == "Ivo Kalns" and t.traveler_role is None and [l.iso2 for l in t.legs] == ["PL"]


def test_a_stay_stated_before_an_arrival_begins_there():
    """'began his visit to Kenya on March 1 ... arrived in Mombasa on March 6': the arrival is in
    another city of a stay already begun, which lasts at least until that arrival; a bare
    'visit' (a wish: 'fulfilling his promise to visit') does not move the start."""
    began = m("visit", "KE", D(2031, 3, 1))
    began.trigger, began.date_text = "began", "March 1"
    arrival = m("arrival", "KE", D(2031, 3, 6), city="Mombasa")
    arrival.date_text = "March 6"
    t = build([began, arrival])
    assert (t.legs[0].start, t.legs[0].end) == (D(2031, 3, 1), D(2031, 3, 6))
    wish = m("visit", "KE", D(2031, 3, 1))
    wish.date_text = "March 1"
    t = build([wish, arrival])
    assert t.legs[0].start == D(2031, 3, 6)


def test_a_stop_that_fits_no_dated_trip_is_a_trip_of_its_own():
    """'Sato will attend the ceremony in Hong Kong' in a story far from her dated trips: a trip
    of its own (undated), if the clause itself names her; a stop only assumed to be the story
    traveler's is left out."""
    docs = {**DOCS, "d.txt": doc("d.txt", D(2031, 9, 1))}
    said = m("visit", "HK", modality="planned", docname="d.txt")
    said.traveler_by = "subject"
    assumed = m("visit", "MO", modality="planned", docname="d.txt")
    assumed.traveler_by = "story"
    trips = assemble([m("arrival", "KE", D(2031, 3, 10)), said, assumed], docs)
    assert sorted(tuple(l.iso2 for l in t.legs) for t in trips) == [("HK",), ("KE",)]


def test_a_trip_no_source_dates_by_the_day_keeps_its_coarse_stops():
    """'Sato visited Kenya in July' with no day-dated source of that trip: a stop (undated), not
    background to drop; beside a day-dated trip the same coarse mention is background."""
    july = m("visit", "KE", D(2031, 7, 1), D(2031, 7, 31))
    july.granularity, july.traveler_by = "month", "subject"
    assert [l.iso2 for l in build([july]).legs] == ["KE"]


def test_an_undated_stop_of_a_country_already_visited_is_no_second_trip():
    """'During her visit to Kenya' (no day) beside Sato's dated Kenya stay joins it; a coarse date
    that fits none of her trips ('her first visit since August') makes no second Kenya trip."""
    docs = {**DOCS, "d.txt": doc("d.txt", D(2031, 9, 1))}
    undated = m("visit", "KE", modality="planned", docname="d.txt")
    undated.traveler_by = "subject"
    coarse = m("visit", "KE", D(2031, 8, 1), D(2031, 8, 31), docname="d.txt")
    coarse.granularity, coarse.traveler_by = "month", "owner"
    trips = assemble([m("arrival", "KE", D(2031, 3, 10)), undated, coarse], docs)
    assert [tuple(l.iso2 for l in t.legs) for t in trips] == [("KE",)]


def test_an_undated_story_of_a_trip_joins_it_without_adding_countries():
    """A story with no date ('c.txt') meeting the host of a country the trip reached (known
    from another story's undated visit) is about that trip: no second, undated trip there."""
    visit_tz = m("visit", "TZ", docname="b.txt")
    visit_tz.traveler_by = "subject"
    met = m("meeting", "TZ", docname="c.txt", counterparts=(Person("Ana Okello", "President", "TZ"),))
    met.traveler_by = "subject"
    trips = assemble([m("arrival", "KE", D(2031, 3, 10), docname="b.txt"), visit_tz, met], DOCS)
    assert [tuple(l.iso2 for l in x.legs) for x in trips] == [("KE", "TZ")]
    assert [x.with_ for x in trips[0].meetings] == ["Ana Okello"]


def test_a_stop_only_the_storys_setting_places_makes_no_trip_of_its_own():
    """'Upon his arrival at the airport, X received greetings': the place is the story's setting
    (named in another sentence), too weak for a trip no dated source supports."""
    arrival = m("arrival", "CD", docname="c.txt")
    arrival.traveler_by = "subject"
    arrival.place = Place("Congo", "CD", None, span=(500, 505))     # outside its sentence (0-10)
    trips = assemble([m("arrival", "KE", D(2031, 3, 10)), arrival], DOCS)
    assert [tuple(l.iso2 for l in t.legs) for t in trips] == [("KE",)]
