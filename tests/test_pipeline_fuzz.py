"""Property-based: arbitrary text and arbitrary header lines, in every supported
format, go through the whole build (documents, tagger, events, store, trips)
without an unhandled exception."""
from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import pipeline
from timeline.store import db

# text that can be written as UTF-8 (lone surrogates cannot); NUL and controls included
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
WORDS = st.sampled_from(["January", "Feb.", "Sept", "Monday", "Wed", "last", "next", "weekend", "visited",
                         "met", "talks", "Foreign Minister", "President", "arrived in", "(7th)", "--",
                         "Xinhua", "ago", "30", "31", "2026", "1999", "13", "00:61", "\n", ",", " "])
DAY = st.tuples(st.integers(-1, 10000), st.integers(-1, 14), st.integers(-1, 40))
HEADER = st.one_of(
    TEXT.map(lambda t: t.replace("\n", " ")),
    st.builds(lambda d, t: f" date {d[0]:04d}-{d[1]:02d}-{d[2]:02d} {t}", DAY, TEXT),
    st.builds(lambda d, h: f"Xinhua) {h}, January {d[2]}, {d[0]}", DAY, st.sampled_from(["08:28", "25:99", ""])),
    st.builds(lambda d: f"Published atJan {d[2]}, {d[0]} 10:15 am", DAY),
    st.builds(lambda p, d: f"{p}, Jan. {d[2]} (Xinhua) --", st.text(max_size=20).map(str.upper), DAY),
    st.lists(WORDS, max_size=12).map(" ".join),
)
BODY = st.one_of(TEXT, st.lists(st.one_of(WORDS, TEXT), max_size=30).map(" ".join))
SUFFIX = st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ".tml"])

_counter = itertools.count()


def render(suffix: str, headers: list[str], body: str, day: tuple[int, int, int]) -> str:
    text = "\n".join(headers + ["", body])
    if suffix == ".html":
        meta = f"<meta property='article:published_time' content='{day[0]:04d}-{day[1]:02d}-{day[2]:02d}'>"
        return f"<html><head><title>{headers[0] if headers else ''}</title>{meta}</head><body><p>{body}</p></body></html>"
    if suffix == ".json":
        return json.dumps({"title": headers[0] if headers else None, "date": f"{day[0]}-{day[1]}-{day[2]}",
                           "text": text})
    if suffix == ".jsonl":
        return "\n".join(json.dumps({"text": t, "date": h}) for t, h in zip([text, body], headers + ["x"]))
    if suffix == ".tml":
        return (f"<TimeML><DCT><TIMEX3 tid='t0' type='DATE' value='{day[0]:04d}-{day[1]:02d}-{day[2]:02d}'>"
                f"x</TIMEX3></DCT><TEXT>{text}</TEXT></TimeML>")
    return text


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    yield root, f"sqlite:///{root / 'fuzz.sqlite'}"
    db.dispose_all()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(suffix=SUFFIX, headers=st.lists(HEADER, max_size=4), body=BODY, day=DAY)
def test_arbitrary_articles_build_without_crashing(place, suffix, headers, body, day):
    root, url = place
    folder = root / f"case{next(_counter)}"
    folder.mkdir()
    f = folder / f"article{suffix}"
    f.write_text(render(suffix, headers, body, day), encoding="utf-8")
    report = pipeline.build([folder], url)
    assert report.failure is None, report.problem_lines()
    assert report.exit_code() in (0, 3)
    assert all(line.startswith(str(f)) for line in report.problem_lines())
    again = pipeline.build([folder], url)
    assert again.failure is None
    if report.new and not report.problems:
        assert again.unchanged == 1 and again.new == 0


@settings(max_examples=60, deadline=None)
@given(body=TEXT)
def test_extract_file_never_raises(tmp_path_factory, body):
    f = tmp_path_factory.mktemp("x") / "a.txt"
    f.write_text(body, encoding="utf-8")
    res = pipeline.extract_file(str(f), str(f), "0" * 64)
    assert res.unreadable or res.documents or res.problems
