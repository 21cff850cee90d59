"""Sources a reader can follow: the outlet, title, publication date and URL
of the article behind every cited sentence, and the quote itself cleaned of
header text.

A `Provenance` names its document by path; the database keeps each
document's title, outlet, URL and publication date.  A `Library` maps one to
the other, so that pages, hover labels and exports cite "Xinhua, 'Chinese FM
arrives in Maseru', 2026-01-11" with a link instead of a local file path.
Only http(s) URLs become links.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Iterable
from urllib.parse import urlsplit

from timeline.types import Provenance

# ' date 2024-01-22 Title of the story' (the header line of the corpora)
_STAMP = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\b[\s:,-]*", re.IGNORECASE)


@dataclass(frozen=True)
class SourceDoc:
    document: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None


def safe_url(url: str | None) -> str | None:
    """The URL when it is an http(s) link, else None (never javascript: or file:)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c in url for c in " \n\r\t<>\"'"):
        return url
    return None


def outlet_of(doc: SourceDoc | None) -> str | None:
    """The outlet, else the URL's host name ('www.voanews.com' -> 'voanews.com')."""
    if doc is None:
        return None
    if doc.outlet:
        return doc.outlet
    url = safe_url(doc.url)
    if url:
        host = urlsplit(url).netloc.lower().split("@")[-1].split(":")[0]
        return host[4:] if host.startswith("www.") else host
    return None


def clean_quote(sentence: str | None, title: str | None = None) -> tuple[str, bool]:
    """(quote, in_headline): the sentence without the ' date YYYY-MM-DD' stamp
    and without the headline glued before the first body sentence.  When
    nothing but the headline remains, in_headline is True."""
    text = " ".join((sentence or "").split())
    stamped = bool(_STAMP.match(text))
    text = _STAMP.sub("", text, count=1)
    if title:
        t = " ".join(title.split())
        if t and text.casefold().startswith(t.casefold()):
            rest = text[len(t):].strip()
            if rest:
                return rest, False
            return text, True
    if stamped:        # a stamped line with no known title: the header line itself
        return text, True
    return text, False


class Library:
    """Documents by the names provenance uses (path, and file name)."""

    def __init__(self, docs: Iterable[SourceDoc] = ()) -> None:
        self.by_name: dict[str, SourceDoc] = {}
        for d in docs:
            self.add(d)

    def add(self, d: SourceDoc) -> None:
        self.by_name.setdefault(d.document, d)

    @classmethod
    def from_documents(cls, documents: Iterable[Any]) -> "Library":
        """From `timeline.types.Document`s (as `store.db.load_documents` gives them)."""
        lib = cls()
        for d in documents:
            sd = SourceDoc(d.path, d.title, d.outlet, d.url, d.published)
            lib.add(sd)
            if d.name and d.name != d.path:
                lib.by_name.setdefault(d.name, SourceDoc(d.name, d.title, d.outlet, d.url, d.published))
        return lib

    def get(self, document: str) -> SourceDoc | None:
        return self.by_name.get(document)

    def doc(self, document: str) -> SourceDoc:
        return self.by_name.get(document) or SourceDoc(document)

    # ---- what every output says about a source
    def describe(self, p: Provenance) -> dict[str, Any]:
        """A source in the exports: the document, the character span, the quote,
        and the article's outlet, title, publication date and URL (null when unknown)."""
        d = self.doc(p.document)
        quote, headline = clean_quote(p.sentence, d.title)
        return {"document": p.document, "char_start": p.start, "char_end": p.end,
                "sentence": "" if headline else quote,
                **({"in_headline": True} if headline else {}),
                "outlet": outlet_of(d), "title": d.title,
                "published": d.published.isoformat() if d.published else None,
                "url": safe_url(d.url)}

    def label(self, document: str) -> str:
        """'Xinhua · Chinese FM arrives · 2026-01-11' (plain text), else the file name."""
        d = self.doc(document)
        parts = [x for x in (outlet_of(d), d.title, d.published.isoformat() if d.published else None) if x]
        return " · ".join(parts) if parts else PurePath(document).name

    def url(self, document: str) -> str | None:
        return safe_url(self.doc(document).url)

    def quote(self, p: Provenance) -> str:
        """The body sentence to quote; "" when the evidence is the headline (already in the label)."""
        text, headline = clean_quote(p.sentence, self.doc(p.document).title)
        return "" if headline else text

    def first_url(self, sources: list[Provenance]) -> str | None:
        for p in sources:
            u = self.url(p.document)
            if u:
                return u
        return None


EMPTY = Library()


def provenance_of(value: dict[str, Any]) -> Provenance:
    """A Provenance from a conflict's source dict (either key style)."""
    return Provenance(str(value.get("document", "")), int(value.get("start", value.get("char_start")) or 0),
                      int(value.get("end", value.get("char_end")) or 0), str(value.get("sentence", "")))
