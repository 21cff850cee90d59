"""documents: decoding, headers, datelines, formats, broken files."""
import datetime as dt
import json
from pathlib import Path

import pytest

from timeline import documents
from timeline.types import DocumentError

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, name: str, content) -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def test_search_tool_header_gives_publication_date(tmp_path):
    p = write(tmp_path, "a.txt", " date 2031-05-04 Minister visits somewhere\n\nBody text here.")
    d = documents.load_document(p)
    assert d.published == dt.date(2031, 5, 4)
    assert d.published_source == "header"
    assert d.text.startswith(" date 2031-05-04")  # offsets stay those of the file
    assert d.body_start > 0


def test_a_header_with_the_month_only_dates_nothing_and_is_no_text(tmp_path):
    from timeline.events import extract_mentions
    from timeline.temporal import tag
    p = write(tmp_path, "a.txt", " date 2031-05 Peruvian Foreign Minister Ana Quispe visited Kenya.\n")
    d = documents.load_document(p)
    assert d.published is None and d.anchor is None            # no day is guessed
    assert d.body_start == len(" date 2031-05 ")
    assert any("month only (2031-05)" in x for x in d.problems)
    visits = [m for m in extract_mentions(d, tag(d.text, d.anchor)) if m.type == "visit"]
    assert visits and all(m.start is None for m in visits)     # not "all of 2031"


def test_stamp_line_with_agency_and_time(tmp_path):
    p = write(tmp_path, "a.txt", "Some title\n\nAgencia) 17:05, March 3, 2030\n\nBERLIN, March 2 (Agencia) -- Text.")
    d = documents.load_document(p)
    assert d.published == dt.date(2030, 3, 3)
    assert d.published_time == "17:05"
    assert d.outlet == "Agencia"
    assert d.dateline_place == "Berlin"
    assert d.dateline_date == dt.date(2030, 3, 2)
    assert d.anchor == dt.date(2030, 3, 2)  # relative dates hang on the dateline


def test_glued_published_at_header(tmp_path):
    p = write(tmp_path, "a.txt", "Title line\nPublished atFeb 9, 2029 11:15 pm\nBody.")
    d = documents.load_document(p)
    assert d.published == dt.date(2029, 2, 9)
    assert d.published_time == "23:15"


def test_dateline_year_wraps_to_previous_year(tmp_path):
    p = write(tmp_path, "a.txt", " date 2030-01-02 Title\n\nPARIS, Dec. 31 (Wire) -- Something happened.")
    d = documents.load_document(p)
    assert d.dateline_date == dt.date(2029, 12, 31)


def test_sidecar_and_url_dates(tmp_path):
    write(tmp_path, "sources.tsv", "a.txt\thttps://news.example.org/2027/06/15/story\t\n"
                                   "b.txt\thttps://www.example.com/x\t2027-06-20\n")
    a = documents.load_document(write(tmp_path, "a.txt", "A story without a date.\n"))
    b = documents.load_document(write(tmp_path, "b.txt", "Another story.\n"))
    assert (a.published, a.published_source, a.outlet) == (dt.date(2027, 6, 15), "url", "news.example.org")
    assert (b.published, b.published_source, b.outlet) == (dt.date(2027, 6, 20), "sidecar", "example.com")


def test_no_date_is_left_unknown_and_said(tmp_path):
    d = documents.load_document(write(tmp_path, "a.txt", "The minister arrived on Friday.\n"))
    assert d.anchor is None
    assert any("no publication date" in p for p in d.problems)


def test_html_meta_and_text(tmp_path):
    page = """<html><head><title>T</title>
    <meta property="article:published_time" content="2028-09-01T08:30:00+02:00">
    <meta property="og:site_name" content="Example Times"><script>var x = 1;</script></head>
    <body><p>ROME, Aug. 31 (Wire) - The minister <b>arrived</b> &amp; met.</p></body></html>"""
    d = documents.load_document(write(tmp_path, "a.html", page))
    assert d.published == dt.date(2028, 9, 1) and d.published_time == "08:30"
    assert d.outlet == "Example Times"
    assert "var x" not in d.text and "arrived & met" in d.text
    assert d.dateline_date == dt.date(2028, 8, 31)


def test_json_and_jsonl_records(tmp_path):
    rec = {"title": "T", "text": "Body one.", "date": "2027-02-03", "url": "https://x.org/a"}
    d = documents.load_document(write(tmp_path, "a.json", json.dumps(rec)))
    assert d.published == dt.date(2027, 2, 3) and d.url == "https://x.org/a"
    lines = json.dumps(rec) + "\n" + "{broken\n" + json.dumps({**rec, "text": "Body two."}) + "\n"
    docs = documents.load_documents(write(tmp_path, "b.jsonl", lines))
    assert [x.text for x in docs] == ["Body one.", "Body two."]
    assert len({x.path for x in docs}) == 2
    assert any("line 2" in p for p in docs[0].problems)


def test_tml(tmp_path):
    tml = ('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">'
           '19980108</TIMEX3></DCT><TEXT>It fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday'
           '</TIMEX3>.</TEXT></TimeML>')
    d = documents.load_document(write(tmp_path, "a.tml", tml))
    assert d.text == "It fell yesterday." and d.published == dt.date(1998, 1, 8)


@pytest.mark.parametrize("name,content,problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("bin.txt", b"\x00\x01\x02binary\x00", "binary"),
    ("latin1.txt", "café".encode("latin-1") + b" and more", "invalid UTF-8"),
    ("shape.json", b"[1, 2, 3]", "expected an object"),
    ("notext.json", b'{"title": "x"}', "no text field"),
    ("bad.json", b'{"text": ', "invalid JSON"),
])
def test_broken_files_raise_with_the_problem(tmp_path, name, content, problem):
    p = write(tmp_path, name, content)
    with pytest.raises(DocumentError) as e:
        documents.load_documents(p)
    assert problem in str(e.value) and name in str(e.value)


def test_mojibake_is_repaired(tmp_path):
    d = documents.load_document(write(tmp_path, "a.txt", "The minister\u00e2\u20ac\u2122s visit to C\u00c3\u00b4te d'Ivoire."))
    assert "minister’s" in d.text and "Côte" in d.text


def test_folder_listing_skips_sidecars_and_reports_unknown(tmp_path):
    write(tmp_path, "a.txt", "x")
    write(tmp_path, "gold.json", "{}")
    write(tmp_path, "sources.tsv", "")
    write(tmp_path, "image.png", b"\x89PNG")
    files, skipped = documents.iter_article_files(tmp_path)
    assert [f.name for f in files] == ["a.txt"]
    assert [s[0].name for s in skipped] == ["image.png"]


def test_seed_documents():
    a = documents.load_document(ROOT / "seeds" / "000_0c369750b9be4f1e.txt")
    assert a.published == dt.date(2026, 1, 12) and a.dateline_date == dt.date(2026, 1, 11)
    b = documents.load_document(ROOT / "seeds" / "001_255e1996eb8ad223.txt")
    assert b.published == dt.date(2026, 1, 12) and b.published_time == "10:15"


def test_a_headline_with_a_date_is_no_stamp(tmp_path):
    d = documents.load_document(write(tmp_path, "a.txt", "Chilean minister to visit Japan on November 3, 2031\n\nText."))
    assert d.published is None


def test_dateline_without_a_year_keeps_its_place(tmp_path):
    d = documents.load_document(write(tmp_path, "a.txt",
                                      "CAIRO, Feb. 9 (Wire) - The minister, who first came on March 3, 2019, arrived."))
    assert d.dateline_place == "Cairo" and d.dateline_date is None and d.anchor is None
