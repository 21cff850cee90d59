"""Context.tense and the template functions that use the text around an expression
(timeline/temporal/resolve.py); the examples corpus covers the rest."""
from __future__ import annotations

import datetime as dt

from timeline.temporal import resolve, tag
from timeline.temporal.lexicon import load


def _tense(text: str, expr: str) -> str | None:
    s = text.index(expr)
    return resolve.Context(load(), text, s, s + len(expr), dt.date(2023, 7, 19)).tense()


def test_a_word_cut_by_the_window_is_no_cue():
    # the 160 characters before "Friday" open inside "scheduled": its tail "duled" is no past verb
    body = " the visit of the large delegation from the small coastal republic "
    body += "x " * ((160 - len("duled") - len(body)) // 2)
    body += " " * (160 - len("duled") - len(body))
    text = "Ministers sche" + "duled" + body + "Friday"
    s = text.index("Friday")
    assert text[s - 160:s].startswith("duled")
    assert _tense(text, "Friday") is None
    assert _tense("Ministers scheduled the visit for Friday", "Friday") is not None


def test_a_word_cut_at_the_end_of_the_window_is_no_cue():
    # nor is the head of a word the window after the expression ends in ("will" of "willingly")
    text = "On Friday" + "  " + "a " * 77 + "willingly agreed"
    e = text.index("Friday") + len("Friday")
    assert text[e:e + resolve.AFTER_CLAUSE].endswith(" will")
    assert _tense(text, "Friday") is None
    assert _tense("On Friday the two will meet", "Friday") == "future"


def test_narrative_day_not_against_the_tense():
    # a day ahead of the anchor is no day a past clause is at, and the other way round
    r = tag("The summit opens on Monday. Police closed the roads at 6 a.m.", dt.date(2023, 7, 19))
    t = [t for t in r.timexes if t.text == "6 a.m."][0]
    assert t.value == "2023-07-19T06:00"
    r = tag("The rebels shelled the port on Monday. The ferry will leave at 6 a.m.", dt.date(2023, 7, 19))
    t = [t for t in r.timexes if t.text == "6 a.m."][0]
    assert t.value == "2023-07-19T06:00"


def test_a_relative_clause_keeps_its_own_tense():
    text = ("Opening a four-day stay, which includes talks Tuesday with the vice president, "
            "the premier also met the trade minister.")
    assert _tense(text, "Tuesday") is None          # not the main clause's "met"
    days = [t for t in tag(text, dt.date(2023, 7, 17)).timexes if t.text == "Tuesday"]   # a Monday
    assert days and days[0].value == "2023-07-18"
    assert _tense("The stay was short, and talks Tuesday ended; the premier met him.", "Tuesday") == "past"
