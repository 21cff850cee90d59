"""The examples beside the event rules (timeline/lexicon/examples.tsv), one test each."""
import csv
import datetime as dt
from pathlib import Path

import pytest

from timeline.events import extract_mentions
from timeline.temporal import tag
from timeline.types import Document

EXAMPLES = Path(__file__).resolve().parents[1] / "timeline" / "lexicon" / "examples.tsv"


def rows():
    """Each example with its optional eighth column, the stated length in days ("" when the
    row does not say, "-" when the mention must have none)."""
    with EXAMPLES.open(encoding="utf-8") as f:
        return [(r + [""])[:8] for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]


def day(s):
    return None if s == "-" else dt.date.fromisoformat(s)


@pytest.mark.parametrize("text,anchor,kind,iso2,modality,start,end,days", rows(),
                         ids=[f"{r[2]}:{r[0][:50]}" for r in rows()])
def test_example(text, anchor, kind, iso2, modality, start, end, days):
    doc = Document(path="example.txt", name="example.txt", text=text, sha256="x",
                   published=dt.date.fromisoformat(anchor))
    found = [m for m in extract_mentions(doc, tag(text, doc.anchor)) if m.type == kind]
    described = [(m.type, m.place and m.place.iso2, m.modality, m.start, m.end, m.days) for m in found]
    want = (kind, None if iso2 == "-" else iso2, modality, day(start), day(end))
    if modality == "none":      # a counter-example: no such mention (at that place, if one is given)
        assert not [m for m in found if iso2 == "-" or (m.place and m.place.iso2) == iso2], described
        return
    assert any((m.place.iso2 if m.place else None) == want[1] and m.modality == modality
               and (start == "-" or (m.start, m.end) == (want[3], want[4]))
               and (days == "" or m.days == (None if days == "-" else int(days))) for m in found), described
