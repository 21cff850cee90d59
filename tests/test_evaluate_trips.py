"""Itinerary scoring: each figure can move."""
import copy

from timeline.evaluate_trips import EvalResult, format_scores, match_trip, score_trip

GOLD = {
    "slug": "ann-example-2030", "traveler": "Ann Example",
    "legs": [
        {"iso2": "AA", "status": "visited", "start": "2030-01-01", "end": "2030-01-02"},
        {"iso2": "BB", "status": "skipped", "start": None, "end": None},
        {"iso2": "CC", "status": "visited", "start": "2030-01-03", "end": None},
    ],
    "meetings": [{"with": "Bo Host", "date": "2030-01-01"}, {"with": "Cy Minister", "date": None}],
}


def test_perfect_copy_scores_one():
    s = score_trip(GOLD, copy.deepcopy(GOLD))
    assert s.score == 1.0


def test_each_error_lowers_its_figure():
    sys = copy.deepcopy(GOLD)
    sys["legs"][0]["end"] = "2030-01-05"          # a wrong date
    sys["legs"][1]["status"] = "visited"         # a wrong status (and an extra visited leg)
    sys["legs"].append({"iso2": "DD", "status": "visited", "start": None, "end": None})
    sys["meetings"][0]["date"] = "2030-01-02"     # meeting on the wrong day
    s = score_trip(GOLD, sys)
    f = s.figures
    assert f["date_acc"] == 2 / 3
    assert f["status_acc"] == 2 / 3
    assert round(f["leg_f1"], 3) == round(2 * (3 / 4) * 1 / (3 / 4 + 1), 3)
    assert f["visited_f1"] < 1.0
    assert f["meeting_f1"] == 0.5
    assert "extra leg DD (visited)" in s.details


def test_undated_gold_meeting_accepts_any_date_and_short_names():
    sys = copy.deepcopy(GOLD)
    sys["meetings"] = [{"with": "Host", "date": "2030-01-01"}, {"with": "Cy Minister", "date": "2030-01-03"}]
    assert score_trip(GOLD, sys).figures["meeting_f1"] == 1.0


def test_match_by_slug_then_shared_countries_then_nearest_start():
    """The corpus README's rule for two trips of one traveler-year."""
    def trip(slug, legs, traveler="Ann Example"):
        return {"slug": slug, "traveler": traveler,
                "legs": [{"iso2": c, "start": d, "end": None, "status": "visited"} for c, d in legs]}

    by_slug = trip("ann-example-2030", [("ZZ", "2040-01-01")])
    most_countries = trip("ann-example-2030-03", [("AA", "2030-03-01"), ("CC", "2030-03-02")])
    one_country_near = trip("ann-example-2030-02", [("AA", "2030-01-02")])
    one_country_far = trip("ann-example-2029", [("AA", "2029-01-02")])
    stranger = trip("bo-host-2030", [("AA", "2030-01-01"), ("BB", "2030-01-01"), ("CC", "2030-01-03")],
                    traveler="Bo Host")
    assert match_trip(GOLD, [most_countries, by_slug])["slug"] == "ann-example-2030"
    assert match_trip(GOLD, [one_country_near, most_countries, stranger])["slug"] == "ann-example-2030-03"
    assert match_trip(GOLD, [one_country_far, one_country_near])["slug"] == "ann-example-2030-02"
    assert match_trip(GOLD, [stranger]) is None


def test_missing_trip_scores_zero_and_report_prints():
    s = score_trip(GOLD, None)
    assert s.score == 0.0
    out = format_scores(EvalResult([s]))
    assert "macro score over 1 trips: 0.000" in out
