"""Officials named in a list after a plural title, each with a country: "five African
presidents, including A of X, B of Y and C of Z", "with his counterparts A (Angola), B
(Zambia) and C (DRC)". A name counts only with its country ("of X" or "(X)"), which is
what makes a list item an official of that country rather than any name."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import gazetteer as gz
from .match import PersonMatch

_NAME = r"(?:[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:bin|ben|al|el|de|da|do|dos|van|von|der|du|la|le)\b)*\s+){0,4}[A-ZÀ-Ý][\w'’-]+"
# what may stand between the plural title and the first name
_LEAD = r"(?:,?\s+(?:including|such\s+as|namely|among\s+them)\s*:?\s+|\s*:\s*|\s+)"
_SEP = re.compile(r"\s*(?:,\s*and|,|and)\s+")


@lru_cache(maxsize=1)
def _plurals() -> tuple[dict[str, tuple[str, str]], re.Pattern]:
    table = {}
    for row in gz._read_tsv("plural_titles.tsv"):
        if len(row) >= 3:
            table[" ".join(row[0].split()).lower()] = (row[1].strip(), row[2].strip())
    alt = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(table, key=len, reverse=True))
    return table, re.compile(rf"\b({alt}){_LEAD}(?=[A-ZÀ-Ý])", re.I)


def listed_officials(text: str, places: list) -> list[PersonMatch]:
    """The officials of every list after a plural title, each with the country it names."""
    table, pattern = _plurals()
    countries = {p.start: p for p in places if p.kind == "country"}
    name_rx = re.compile(_NAME)
    out: list[PersonMatch] = []
    for m in pattern.finditer(text):
        role, rank = table[" ".join(m.group(1).split()).lower()]
        at = m.end()
        while True:
            nm = name_rx.match(text, at)
            if nm is None:
                break
            of = re.compile(r"\s+of\s+(?:the\s+)?|\s+\(").match(text, nm.end())
            country = countries.get(of.end()) if of else None
            if country is None or (of.group().strip() == "(" and text[country.end:country.end + 1] != ")"):
                break
            end = country.end + (1 if of.group().strip() == "(" else 0)
            out.append(PersonMatch(start=nm.start(), end=end, name=nm.group(), role=role,
                                   country_iso2=country.candidates[0] if len(country.candidates) == 1 else None,
                                   text=text[nm.start():end], rank=rank, name_span=(nm.start(), nm.end()),
                                   role_span=(m.start(1), m.end(1)), country_candidates=tuple(country.candidates)))
            sep = _SEP.match(text, end)
            if sep is None:
                break
            at = sep.end()
    return out


_HEAD_OF = re.compile(r",\s+(?:the\s+)?(?:head|chief|leader)\s+of\s+(?:the\s+|a\s+)?", re.I)
_DELEGATION = re.compile(r"\s+(?:[a-z-]+\s+)?(?:delegation|mission|negotiating\s+team)\b", re.I)


def delegation_heads(text: str, places: list) -> list[PersonMatch]:
    """'Kim Gye-gwan, head of the DPRK delegation', 'Sasae Kenichiro, head of the Japanese
    delegation': the head of a country's delegation is its envoy (a diplomat of that country)."""
    by_start = {p.start: p for p in places if p.kind in ("country", "demonym")}
    out: list[PersonMatch] = []
    for m in _HEAD_OF.finditer(text):
        p = by_start.get(m.end())
        if p is None or not _DELEGATION.match(text, p.end):
            continue
        name = re.search(r"((?:[A-ZÀ-Ý][\w'’.-]*\s+){1,3}[A-ZÀ-Ý][\w'’-]+)$", text[max(0, m.start() - 60):m.start()])
        if name is None:
            continue
        a = m.start() - len(name.group(1))
        before = text[max(0, a - 2):a]
        if before.strip() and before.strip()[-1:].isalnum():
            continue          # part of a longer capitalised run: no clear name
        end = _DELEGATION.match(text, p.end).end()
        out.append(PersonMatch(start=a, end=end, name=name.group(1), role="Head of Delegation",
                               country_iso2=p.candidates[0] if len(p.candidates) == 1 else None,
                               text=text[a:end], rank="diplomat", name_span=(a, m.start()),
                               role_span=(m.start() + 2, end), country_candidates=tuple(p.candidates)))
    return out
