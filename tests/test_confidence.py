"""Confidence of trips and legs: each signal a reader can check moves it the right way."""
import datetime as dt

from timeline import confidence
from timeline.types import Document, EventMention, Leg, Person, Place, Provenance, Trip

KE = Place(country="Kenya", iso2="KE")


def mention(doc="a.txt", by="subject", type_="visit", modality="happened"):
    return EventMention(type=type_, source=Provenance(doc, 0, 1, "s"), trigger="visited",
                        traveler=Person("Ann Example", "Minister", "PE"), place=KE,
                        modality=modality, traveler_by=by)


def docs(*names, outlet=None):
    return {n: Document(path=n, name=n, text="", sha256="0", outlet=outlet or n) for n in names}


def leg(start=dt.date(2030, 1, 1), inferred=False):
    return Leg(order=1, country="Kenya", iso2="KE", city=None, start=start, end=start,
               status="visited", start_inferred=inferred, end_inferred=inferred)


def judged(ms, d, **kw):
    l = leg(**kw)
    confidence.judge_leg(l, ms, d)
    return l


def test_more_outlets_more_confidence():
    one = judged([mention()], docs("a.txt"))
    three = judged([mention("a.txt"), mention("b.txt"), mention("c.txt")], docs("a.txt", "b.txt", "c.txt"))
    assert three.confidence > one.confidence and "3 sources" in three.confidence_reason


def test_a_clause_naming_the_traveler_beats_an_assumed_one():
    said = judged([mention(by="subject")], docs("a.txt"))
    assumed = judged([mention(by="story")], docs("a.txt"))
    assert said.confidence > assumed.confidence
    assert "assumed" in assumed.confidence_reason


def test_stated_dates_beat_inferred_ones():
    stated = judged([mention()], docs("a.txt"))
    inferred = judged([mention()], docs("a.txt"), inferred=True)
    assert stated.confidence > inferred.confidence and "dates inferred" in inferred.confidence_reason


def test_a_trip_whose_travelers_country_is_unknown_is_doubtful():
    ms = [mention()]
    t1 = Trip(slug="x", traveler="Ann Example", traveler_role="Minister", announced=None, legs=[judged(ms, docs("a.txt"))])
    t2 = Trip(slug="y", traveler="Ann Example", traveler_role="Minister", announced=None, legs=[judged(ms, docs("a.txt"))])
    confidence.judge_trip(t1, ms, docs("a.txt"), "PE")
    confidence.judge_trip(t2, ms, docs("a.txt"), None)
    assert t1.confidence > t2.confidence and "country unknown" in t2.confidence_reason
    assert 0 < t2.confidence < 1


def test_a_leg_of_a_traveler_whose_country_is_unknown_is_doubtful():
    known, unknown = leg(), leg()
    confidence.judge_leg(known, [mention()], docs("a.txt"), "PE")
    confidence.judge_leg(unknown, [mention()], docs("a.txt"), None)
    assert known.confidence > unknown.confidence and "country unknown" in unknown.confidence_reason
