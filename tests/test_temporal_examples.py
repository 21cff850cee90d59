"""The examples corpus (timeline/temporal/resources/examples.tsv), one test per row."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline.temporal import tag

EXAMPLES = Path(__file__).resolve().parents[1] / "timeline" / "temporal" / "resources" / "examples.tsv"


def _rows():
    rows = []
    for n, raw in enumerate(EXAMPLES.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t") + [""] * 8
        rows.append(pytest.param(n, *cols[:8], id=f"{n}:{cols[0][:50]}"))
    return rows


def _day(s: str):
    s = s.strip()
    if s in ("", "*"):
        return "*"          # not checked
    if s == "-":
        return None
    return dt.date.fromisoformat(s)


@pytest.mark.parametrize("line,text,anchor,typ,value,first,last,expr,checks", _rows())
def test_example(line, text, anchor, typ, value, first, last, expr, checks):
    anchor_date = None if anchor.strip() in ("", "-") else dt.date.fromisoformat(anchor.strip())
    result = tag(text, anchor_date)
    for t in result.timexes:  # the contract, on every row
        assert text[t.start:t.end] == t.text
    if typ == "NONE":
        assert result.timexes == [], [t.text for t in result.timexes]
        return
    if typ == "RANGE":
        found = [r for r in result.ranges if not expr or r.text == expr]
        assert found, f"no range {expr!r}; ranges: {[r.text for r in result.ranges]}"
        r = found[0]
        assert (r.first, r.last) == (_day(first), _day(last))
        return
    if expr:
        found = [t for t in result.timexes if t.text == expr]
        assert found, f"no timex {expr!r}; got {[(t.text, t.value) for t in result.timexes]}"
    else:
        found = result.timexes[:1]
        assert found, "no timex"
    t = found[0]
    assert (t.type, t.value) == (typ, value), f"{t.text!r}: {t.type} {t.value}"
    f, l = _day(first), _day(last)
    if f != "*":
        assert t.first == f
    if l != "*":
        assert t.last == l
    for check in filter(None, (c.strip() for c in checks.split(","))):
        if check == "conflict":
            assert t.conflict, "expected a conflict"
        elif check == "noconflict":
            assert t.conflict is None, t.conflict
        elif check == "inferred":
            assert t.inferred
        elif check == "notinferred":
            assert not t.inferred
        elif check.startswith("mod="):
            assert t.mod == check[4:]
        elif check.startswith("pod="):
            assert t.part_of_day == check[4:]
        elif check.startswith("gran="):
            assert t.granularity == check[5:]
        elif check.startswith("count="):
            assert len(result.timexes) == int(check[6:]), [x.text for x in result.timexes]
        else:
            raise AssertionError(f"line {line}: unknown check {check!r}")


def test_corpus_is_large_enough():
    assert len(_rows()) >= 300
