"""Property tests: the tagger never raises and keeps its span contract."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.temporal import tag

# text that looks like news often enough to exercise the rules
WORDS = ["Monday", "last", "next", "Jan.", "January", "5", "2026", "-", "to", "from", "(7th)",
         "ago", "two", "years", "week", "weekend", "tomorrow", ",", "the", "quarter", "third",
         "6.55pm", "noon", "Friday", "night", "early", "mid-", "1990s", "between", "and",
         "February", "30", "every", "day", "since", "now", "(", ")", "'80s", "fiscal", "1/2"]
newsish = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
anchors = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))


def _check(text: str, anchor) -> None:
    result = tag(text, anchor)
    last_end = 0
    for t in result.timexes:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.start >= last_end, "timexes overlap or are not sorted"
        last_end = t.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert isinstance(t.value, str) and t.value
        if t.first is not None:
            assert t.last is not None and t.first <= t.last
    for r in result.ranges:
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start:r.end] == r.text
        assert r.first <= r.last


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), anchors)
def test_arbitrary_unicode_never_raises(text, anchor):
    _check(text, anchor)


@settings(max_examples=300, deadline=None)
@given(newsish, anchors)
def test_newsish_text_keeps_the_contract(text, anchor):
    _check(text, anchor)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789 -/.:,()JanMayThe"), max_size=200), anchors)
def test_digit_soup(text, anchor):
    _check(text, anchor)


def test_bad_arguments_do_not_raise():
    assert tag("", None).timexes == []
    assert tag(None, None).timexes == []  # type: ignore[arg-type]
    assert tag("Monday", "2026-01-12").timexes  # type: ignore[arg-type]
    assert tag("Monday", dt.datetime(2026, 1, 12, 8, 0)).timexes[0].value == "2026-01-12"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), newsish), anchors)
def test_engine_itself_does_not_raise(text, anchor):
    """The public tag() has a last-resort guard; the engine should not need it."""
    from timeline.temporal import engine
    engine.tag(text, anchor)
