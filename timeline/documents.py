"""Files -> Documents: decode, strip markup, find publication date, dateline, title, outlet.

Supported: .txt .md .html/.htm .json .jsonl .tml.  A broken file raises
DocumentError naming the problem; a readable one always yields Documents,
with what could not be found listed in `Document.problems`.

Header conventions handled (all found in scraped news):
- a first line ` date 2026-01-12 <title or lead>` (search-tool exports),
- short header lines holding a full date: `Xinhua) 08:28, January 12, 2026`,
  `Published atJan 12, 2026 10:15 am`, `24 January 2024`,
- HTML meta tags / JSON-LD / JSON record fields,
- a sidecar `sources.tsv` (file, url, date) in the same folder,
- a date in the article URL path (`/2023/01/31/`),
- the dateline `MASERU, Jan. 11 (Xinhua) --`, `NEW DELHI:`, `Lusaka, 1 April 2023 (TDI):`.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import json
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

from timeline import language
from timeline.types import Document, DocumentError

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".tml")
SIDECAR_NAMES = ("sources.tsv",)
MAX_BYTES = 20 * 1024 * 1024  # a news article is a few KB; a dump this large is refused
MiB = 1024 * 1024


class UnreadableFile(DocumentError):
    """The file could not be read at all (permission, I/O error): nothing is known of
    its content, so what was stored from it stands."""


class Documents(list):
    """The documents of a file, plus `problems`: records of it that could not be read
    ('line 3: invalid JSON ...'), each a problem of the build."""

    def __init__(self, docs=(), problems=()):
        super().__init__(docs)
        self.problems = list(problems)
RESOURCES = Path(__file__).with_name("resources")

# --------------------------------------------------------------------------
# date words (shared with the dateline and header parsers)
# --------------------------------------------------------------------------
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Full dates with a year, the shapes headers use.
_FULL_DATES = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-{_DAY}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
]
_TIME = re.compile(r"\b(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\s*(?P<ampm>[ap]\.?m\.?)?", re.I)
_PARTIAL_DATES = [
    re.compile(rf"^{_MONTH}\s+{_DAY}\b", re.I),
    re.compile(rf"^{_DAY}\s+{_MONTH}", re.I),
]


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _match_date(m: re.Match) -> dt.date | None:
    g = m.groupdict()
    month = int(g["mnum"]) if g.get("mnum") else MONTHS[g["month"].lower().rstrip(".")]
    return _make_date(int(g["year"]), month, int(g["day"]))


def find_full_date(text: str) -> tuple[dt.date, re.Match] | None:
    """The first date with day, month and year in `text`."""
    best = None
    for rx in _FULL_DATES:
        m = rx.search(text)
        if m and (best is None or m.start() < best[1].start()):
            d = _match_date(m)
            if d:
                best = (d, m)
    return best


def _nearest_year(month: int, day: int, near: dt.date) -> dt.date | None:
    """A partial date completed with the year that puts it nearest `near`."""
    options = [d for y in (near.year - 1, near.year, near.year + 1)
               if (d := _make_date(y, month, day))]
    return min(options, key=lambda d: abs((d - near).days)) if options else None


# --------------------------------------------------------------------------
# decoding
# --------------------------------------------------------------------------
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf€™œ„”“ž]")


def decode(raw: bytes, path: str) -> str:
    if not raw.strip():
        raise DocumentError(path, "empty file")
    if len(raw) > MAX_BYTES:
        raise DocumentError(path, f"too large ({len(raw) / MiB:.1f} MiB; the limit is {MAX_BYTES / MiB:g} MiB)")
    if b"\x00" in raw[:8192]:
        raise DocumentError(path, "binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DocumentError(path, f"invalid UTF-8 at byte {e.start}") from None
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > 8:
        raise DocumentError(path, "binary file (control characters), not text")
    if _MOJIBAKE.search(text):
        # UTF-8 read as Latin-1/cp1252 somewhere upstream ("â€™" for "’").
        import ftfy
        text = ftfy.fix_encoding(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------
# sidecar metadata and URLs
# --------------------------------------------------------------------------
@lru_cache(maxsize=256)
def _sidecar(folder: str, mtime: float) -> dict[str, tuple[str | None, dt.date | None]]:
    """`sources.tsv` beside the articles: file <TAB> url <TAB> date."""
    table: dict[str, tuple[str | None, dt.date | None]] = {}
    path = Path(folder) / "sources.tsv"
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as f:
            for row in csv.reader(f, delimiter="\t"):
                if not row or row[0].startswith("#"):
                    continue
                url = row[1].strip() if len(row) > 1 and row[1].strip() else None
                day = None
                if len(row) > 2 and row[2].strip():
                    try:
                        day = dt.date.fromisoformat(row[2].strip()[:10])
                    except ValueError:
                        day = None
                table[row[0].strip()] = (url, day)
    except OSError:
        pass
    return table


def sidecar_for(path: Path) -> tuple[str | None, dt.date | None]:
    side = path.parent / "sources.tsv"
    if not side.is_file():
        return None, None
    return _sidecar(str(path.parent), side.stat().st_mtime).get(path.name, (None, None))


_URL_DATES = [
    re.compile(r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>[01]\d)[/-](?P<day>[0-3]\d)(?:[/_.-]|$)"),
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]\d)(?P<day>[0-3]\d)/"),
    re.compile(r"[/-](?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:[/_.-]|$)"),
]


def date_from_url(url: str | None) -> dt.date | None:
    if not url:
        return None
    path = urlparse(url).path
    for rx in _URL_DATES:
        m = rx.search(path)
        if m:
            d = _make_date(int(m["year"]), int(m["month"]), int(m["day"]))
            if d:
                return d
    return None


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    for prefix in ("www.", "mobile.", "m.", "amp.", "en."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host or None


# --------------------------------------------------------------------------
# header and dateline
# --------------------------------------------------------------------------
# (" date 2022-07 ...": a stamp that gives only the month dates nothing, but is no article text)
_DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?![\d-])[ \t]*")
# A dateline opens a paragraph: PLACE[, DATE][ (AGENCY)] followed by a dash or colon.
_DATELINE = re.compile(
    r"(?m)^[ \t]*\(?(?P<place>[A-Z][A-Za-z'’.\- ]{1,40}?)\)?"
    r"(?:\s*\[[^\]\n]{1,40}\])?"
    r"(?:,\s*(?P<date>[A-Za-z0-9 .,]{3,25}?))?"
    r"(?:\s*\((?P<agency>[^)\n]{1,60})\))?"
    r"\s*(?:,\s*(?P<agency2>[A-Z]{2,10}))?"
    r"\s*(?:(?P<sep>--|—|–|-|:)|(?<=\)))\s+(?=\S)")
_PAREN_PLACE = re.compile(r"(?m)^[ \t]*\((?P<place>[A-Z][A-Za-z'’.\- ]{1,40})\)\s+(?=[A-Z])")


def _looks_like_place(word: str) -> bool:
    word = word.strip(" .")
    if not word or len(word) > 40 or len(word.split()) > 4:
        return False
    from timeline import gazetteer   # late: loading the gazetteer is only worth it for a dateline
    return bool(gazetteer.city(word) or gazetteer.lookup_country(word))


def _looks_like_date(text: str) -> bool:
    return bool(find_full_date(text) or any(rx.search(text.strip()) for rx in _PARTIAL_DATES))


def _parse_partial(text: str, near: dt.date | None) -> tuple[dt.date | None, bool]:
    """A dateline date: full (with year) or partial (year from `near`)."""
    full = find_full_date(text)
    if full:
        return full[0], False
    if near is None:
        return None, False
    for rx in _PARTIAL_DATES:
        m = rx.search(text.strip())
        if m:
            return _nearest_year(MONTHS[m["month"].lower().rstrip(".")], int(m["day"]), near), True
    return None, False


def find_dateline(text: str, start: int, near: dt.date | None):
    """(place, date, span, agency) of the dateline within the first paragraphs."""
    window = text[start:start + 1500]
    for rx in (_DATELINE, _PAREN_PLACE):
        for m in rx.finditer(window):
            place = m["place"].strip(" .")
            gd = m.groupdict()
            if rx is _DATELINE and not gd.get("date") and not place.isupper() \
                    and gd.get("sep") in (None, ":"):
                continue  # "Angola: headline", "Country (ABBR) Title": kickers, not datelines
            if not _looks_like_place(place):
                continue
            day = None
            if gd.get("date"):
                if not _looks_like_date(gd["date"]):
                    continue  # "Place, something -" that is not a date: not a dateline
                day, _ = _parse_partial(gd["date"], near)   # None when the year is unknown
            agency = gd.get("agency") or gd.get("agency2")
            if agency:
                inner = find_full_date(agency)
                if inner and day is None:
                    day = inner[0]
                agency = re.split(r"\s*[-/,]\s*\d|\s+-\s+", agency)[0].strip() or None
            return place, day, (start + m.start(), start + m.end()), agency
    return None, None, None, None


def inner_datelines(text: str) -> list[tuple[int, str]]:
    """(offset, place) of every dateline that opens a paragraph with a date or an agency
    ("CAIRO, Nov. 8 (Xinhua) --"): a digest of wire items has one per item."""
    out = []
    for m in _DATELINE.finditer(text):
        gd = m.groupdict()
        place = m["place"].strip(" .")
        if not (gd.get("agency") or gd.get("agency2") or (gd.get("date") and _looks_like_date(gd["date"]))):
            continue
        if place.isupper() and _looks_like_place(place):
            out.append((m.start(), place))
    return out


@lru_cache(maxsize=1)
def _stamp_words() -> frozenset[str]:
    path = Path(__file__).with_name("lexicon") / "stamp_words.txt"
    return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


def _header_date(lines: list[str]) -> tuple[dt.date, str | None, str] | None:
    """A short header line that is essentially a date (with optional time)."""
    for line in lines:
        # "Published atJan 12, 2026": scraped headers glue words together
        s = re.sub(r"([a-z])([A-Z][a-z])", r"\1 \2", line.strip())
        if not s or len(s) > 80:
            continue
        found = find_full_date(s)
        if not found:
            continue
        day, m = found
        rest = (s[:m.start()] + s[m.end():])
        # a stamp, not a headline mentioning a date ("Minister to visit Japan on November 3, 2031"):
        # besides the date, the line holds only stamp words, a time and an agency in brackets
        agency_part = re.match(r"\s*\(?[A-Z][\w .&-]{1,40}?\)", s[:m.start()])
        free = rest[agency_part.end():] if agency_part else rest
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z.]*", free) if len(w) > 1 or w.isalpha()]
        if any(w.lower().rstrip(".") not in _stamp_words() for w in words if not _TIME.fullmatch(w)):
            continue
        t = _TIME.search(rest)
        hhmm = None
        if t:
            h = int(t["h"]) % 12 + (12 if (t["ampm"] or "").lower().startswith("p") else 0) \
                if t["ampm"] else int(t["h"])
            hhmm = f"{h:02d}:{t['m']}"
        # "Xinhua) 08:28, January 12, 2026": the agency closes a bracket before the stamp
        agency = re.match(r"\s*\(?([A-Z][\w .&-]{1,40}?)\)", s[:m.start()])
        return day, hhmm, agency[1].strip() if agency else ""
    return None


# --------------------------------------------------------------------------
# formats
# --------------------------------------------------------------------------
class _HTMLText(HTMLParser):
    """Visible text of a page plus its <title> and <meta> tags."""

    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
             "article", "header", "footer", "blockquote", "pre", "table", "ul", "ol"}
    SKIP = {"script", "style", "noscript", "template", "svg", "head", "nav", "form", "iframe"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.jsonld: list[str] = []
        self._skip = 0
        self._in_title = False
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
        elif tag == "title":
            self._in_title = True
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time:datetime", a["datetime"])
        elif tag == "script" and "ld+json" in a.get("type", ""):
            self._in_jsonld = True
        if tag in self.SKIP:
            self._skip += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "script":
            self._in_jsonld = False
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif self._in_jsonld:
            self.jsonld.append(data)
        elif not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        joined = re.sub(r"[ \t\u00a0]+", " ", joined)
        return re.sub(r"\n\s*\n+", "\n\n", joined).strip()


_META_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "pubdate",
                   "publishdate", "date", "dc.date", "dc.date.issued", "sailthru.date",
                   "parsely-pub-date", "time:datetime")


def _iso_day(value) -> dt.date | None:
    if not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    found = find_full_date(value)
    return found[0] if found else None


def _iso_time(value) -> str | None:
    if isinstance(value, str):
        m = re.match(r"\s*\d{4}-\d{2}-\d{2}[T ](\d{2}):(\d{2})", value)
        if m:
            return f"{m[1]}:{m[2]}"
    return None


def _from_html(raw_text: str) -> dict:
    p = _HTMLText()
    try:
        p.feed(raw_text)
        p.close()
    except Exception as e:  # HTMLParser is lenient; this is a last resort
        raise ValueError(f"unparsable HTML ({e})") from None
    meta = dict(p.meta)
    for blob in p.jsonld:
        try:
            data = json.loads(blob)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("datePublished"):
                meta.setdefault("datepublished", str(item["datePublished"]))
    published = None
    when = None
    for key in _META_DATE_KEYS:
        if key in meta and (d := _iso_day(meta[key])):
            published, when = d, _iso_time(meta[key])
            break
    return {"text": p.text(), "title": (meta.get("og:title") or p.title or "").strip() or None,
            "url": meta.get("og:url"), "outlet": meta.get("og:site_name"),
            "published": published, "published_time": when}


_JSON_TEXT = ("text", "body", "content", "article", "articleBody", "full_text")
_JSON_TITLE = ("title", "headline", "name")
_JSON_DATE = ("date", "published", "published_at", "publishedAt", "pubDate", "datePublished",
              "publish_date", "created_at", "timestamp")
_JSON_URL = ("url", "link", "source_url")
_JSON_OUTLET = ("outlet", "source", "site", "site_name", "publisher")


def _first(record: dict, keys) -> object:
    for k in keys:
        v = record.get(k)
        if v not in (None, ""):
            return v
    return None


def _json_kind(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def _from_record(record) -> dict:
    if not isinstance(record, dict):
        raise ValueError(f"expected an object with a text field, found {type(record).__name__}")
    text = _first(record, _JSON_TEXT)
    if text is not None and not isinstance(text, str):
        field_name = next(k for k in _JSON_TEXT if record.get(k) not in (None, ""))
        raise ValueError(f"the text field {field_name!r} holds {_json_kind(text)}, not a string")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("record has no text field (one of: " + ", ".join(_JSON_TEXT) + ")")
    outlet = _first(record, _JSON_OUTLET)
    if isinstance(outlet, dict):
        outlet = outlet.get("name")
    date_value = _first(record, _JSON_DATE)
    if isinstance(date_value, (int, float)) and not isinstance(date_value, bool):
        try:
            date_value = dt.datetime.fromtimestamp(date_value, dt.timezone.utc).isoformat()
        except (OverflowError, OSError, ValueError):
            date_value = None
    title = _first(record, _JSON_TITLE)
    url = _first(record, _JSON_URL)
    return {"text": text.replace("\r\n", "\n"), "title": title if isinstance(title, str) else None,
            "url": url if isinstance(url, str) else None,
            "outlet": outlet if isinstance(outlet, str) else None,
            "published": _iso_day(date_value), "published_time": _iso_time(date_value)}


_TML_DCT = re.compile(r"<DCT>.*?value=\"(?P<v>[^\"]+)\".*?</DCT>", re.S)
_TML_TEXT = re.compile(r"<TEXT>(?P<t>.*?)</TEXT>", re.S)


def tml_text(raw_text: str) -> tuple[str, dt.date | None]:
    """TimeML: the TEXT element without tags, and the document creation time."""
    m = _TML_TEXT.search(raw_text)
    if not m:
        raise ValueError("TimeML file without a <TEXT> element")
    body = html.unescape(re.sub(r"<[^>]+>", "", m["t"]))
    d = _TML_DCT.search(raw_text)
    return body, (_iso_day(d["v"]) if d else None)


# --------------------------------------------------------------------------
# assembling a Document
# --------------------------------------------------------------------------
def _key(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _finish(path: Path, name: str, raw: bytes, fields: dict) -> Document:
    text: str = fields["text"]
    doc = Document(path=_key(path) if name == path.name else f"{_key(path)}#{name}",
                   name=name, text=text, sha256=hashlib.sha256(raw).hexdigest(),
                   title=fields.get("title"), outlet=fields.get("outlet"), url=fields.get("url"))
    body_start = 0
    if fields.get("published"):
        doc.published, doc.published_source = fields["published"], fields.get("source", "meta")
        doc.published_time = fields.get("published_time")

    m = _DATE_HEADER.match(text)
    if m and not doc.published:
        doc.published = dt.date.fromisoformat(m[1]) if len(m[1]) == 10 and _iso_day(m[1]) else None
        doc.published_source = "header" if doc.published else None
        if len(m[1]) == 7:
            doc.problems.append(f"the header gives the month only ({m[1]}): no day to resolve relative dates against")
        body_start = m.end()
    elif m:
        body_start = m.end()

    head_lines = text[body_start:body_start + 800].split("\n")[:8]
    stamp = _header_date(head_lines)
    if stamp and not doc.published:
        doc.published, doc.published_time, agency = stamp[0], stamp[1], stamp[2]
        doc.published_source = "header-line"
        doc.outlet = doc.outlet or agency or None

    side_url, side_day = sidecar_for(path) if name == path.name else (None, None)
    doc.url = doc.url or side_url
    if side_day and not doc.published:
        doc.published, doc.published_source = side_day, "sidecar"
    url_day = date_from_url(doc.url)
    if url_day and not doc.published:
        doc.published, doc.published_source = url_day, "url"

    # a partial dateline ("CAIRO, Feb. 9") takes the publication year; without one its
    # year stays unknown (a date elsewhere in the text may be years away)
    place, day, span, agency = find_dateline(text, body_start, doc.published)
    if place:
        doc.dateline_place = place.title() if place.isupper() else place
        doc.dateline_date, doc.dateline_span = day, span
        doc.outlet = doc.outlet or agency
    doc.outlet = doc.outlet or outlet_from_url(doc.url)

    if not doc.title:
        first = text[body_start:].strip().split("\n", 1)[0].strip()
        doc.title = (first[:157] + "...") if len(first) > 160 else (first or None)
    doc.body_start = body_start
    doc.lang = language.identify(text[body_start:])
    if doc.anchor is None:
        doc.problems.append("no publication date or dateline date: relative dates stay unresolved")
    return doc


def load_documents(path: Path | str) -> list[Document]:
    """Every document a file holds (a .jsonl holds many)."""
    path = Path(path)
    shown = str(path)
    if path.is_dir():
        raise DocumentError(shown, "is a folder, not a file")
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except PermissionError:
        raise UnreadableFile(shown, "permission denied") from None
    except FileNotFoundError:
        raise DocumentError(shown, "no such file") from None
    except OSError as e:
        raise UnreadableFile(shown, f"cannot read ({e.strerror or e})") from None
    text = decode(raw, shown)
    try:
        if suffix in (".html", ".htm"):
            fields = _from_html(text)
            if not fields["text"].strip():
                raise ValueError("HTML page without visible text")
            return [_finish(path, path.name, raw, fields)]
        if suffix == ".json":
            data = json.loads(text)
            records = data if isinstance(data, list) else [data]
            if not records:
                raise ValueError("empty JSON list")
            if len(records) == 1:
                return [_finish(path, path.name, raw, _from_record(records[0]))]
            return [_finish(path, f"{path.name}:{i + 1}", json.dumps(r, sort_keys=True).encode(),
                            _from_record(r)) for i, r in enumerate(records)]
        if suffix == ".jsonl":
            docs, errors = [], []
            for i, line in enumerate(text.split("\n"), 1):
                if not line.strip():
                    continue
                try:
                    docs.append(_finish(path, f"{path.name}:{i}", line.encode(), _from_record(json.loads(line))))
                except json.JSONDecodeError as e:
                    errors.append(f"line {i}: invalid JSON (column {e.colno}: {e.msg})")
                except ValueError as e:
                    errors.append(f"line {i}: {e}")
            if not docs:
                raise ValueError("no usable record" + (f" ({errors[0]})" if errors else ""))
            for d in docs:
                d.problems.extend(errors[:3])
            return Documents(docs, errors)
        if suffix == ".tml":
            body, dct = tml_text(text)
            return [_finish(path, path.name, raw, {"text": body, "published": dct, "source": "tml"})]
        fields = {"text": text}
        if suffix == ".md":
            h = re.search(r"(?m)^#\s+(.+)$", text)
            fields["title"] = h[1].strip() if h else None
        return [_finish(path, path.name, raw, fields)]
    except json.JSONDecodeError as e:
        raise DocumentError(shown, f"invalid JSON (line {e.lineno}: {e.msg})") from None
    except ValueError as e:
        raise DocumentError(shown, str(e)) from None


def load_document(path: Path | str) -> Document:
    return load_documents(path)[0]


def iter_article_files(target: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(articles, skipped-with-reason) under a file or folder, sorted."""
    if target.is_file():
        return [target], []
    files, skipped = [], []
    for p in sorted(target.rglob("*")):
        if not p.is_file() or any(part.startswith(".") for part in p.relative_to(target).parts):
            continue
        if p.name in SIDECAR_NAMES or p.name == "gold.json":
            continue
        if p.suffix.lower() in ARTICLE_SUFFIXES:
            files.append(p)
        else:
            skipped.append((p, f"unknown extension {p.suffix or '(none)'!r}: not read"))
    return files, skipped
