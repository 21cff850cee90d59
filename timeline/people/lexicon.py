"""The word lists a person mention is read with, loaded once from timeline/resources/,
and the fixed word shapes (determiners, initials, Roman numerals, name particles)
shared by the title, name and country finders."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import gazetteer as gz
from ..gazetteer import TOKEN, fold, norm

# the heads a portfolio goes before ("Foreign Minister") or that take "of ..." after them
_PORTFOLIO_HEADS = {"minister", "secretary", "commissioner", "ministers"}
_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "whose", "this", "that"}
_POSS_END = re.compile(r"['’]s$")
_INITIAL = re.compile(r"^[A-Z](?:\.[A-Z])*$")
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$")
_PREFIX_PARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|ben|abu|de|da|di|du|"
                              r"le|la|van|von|d|o)[-'’][A-Z]")


@dataclass(frozen=True)
class _Title:
    """One row of titles.tsv."""
    role: str | None
    rank: str
    lower: str                 # yes | name | no
    exact: tuple[str, ...]     # surface tokens, folded, periods removed
    abbrev: bool
    dotted: bool = False       # written only with its period ("Sen.": "Hun Sen" is no senator)


class _Lex:
    """All tables, built once per process (two variants: English only, and with the
    foreign titles and stop words for documents in other languages)."""

    def __init__(self, foreign: bool = False) -> None:
        self.titles: dict[tuple[str, ...], _Title] = {}
        rows = gz._read_tsv("titles.tsv") + (gz._read_tsv("titles_foreign.tsv") if foreign else [])
        for row in rows:
            surface, role, rank, lower = (row + ["", "", "", "no"])[:4]
            toks = tuple(fold(t).replace(".", "") for t in TOKEN.findall(surface))
            letters = "".join(toks)
            abbrev = "." in surface or (letters.isupper() and len(letters) <= 4) or len(letters) <= 3
            key = tuple(t.lower() for t in toks)
            dotted = surface.endswith(".")
            known = self.titles.get(key)
            if known is None:
                self.titles[key] = _Title(role or None, rank or "other", lower or "no", toks, abbrev, dotted)
            elif known.dotted and not dotted:       # "Mr." and "Mr": the period is optional
                self.titles[key] = dataclasses.replace(known, dotted=False)
        self.title_max = max(len(k) for k in self.titles)
        self.title_first = {k[0] for k in self.titles}
        self.portfolios: dict[tuple[str, ...], str] = {}
        for row in gz._read_tsv("portfolios.tsv"):
            key = tuple(norm(t) for t in TOKEN.findall(row[0]))
            self.portfolios[key] = row[1] if len(row) > 1 and row[1] else row[0]
        self.portfolio_max = max(len(k) for k in self.portfolios)
        self.portfolio_first = {k[0] for k in self.portfolios}
        self.modifiers = {norm(w): w for w in gz._read_list("title_modifiers.txt")}
        self.tenure = {norm(r[0]): r[1] for r in gz._read_tsv("tenure_words.tsv") if len(r) > 1}
        self.modifiers.update({w: w for w in self.tenure})
        self.state_forms = {tuple(norm(t) for t in TOKEN.findall(w))
                            for w in gz._read_list("state_forms.txt")}
        self.captions = {w.lower() for w in gz._read_list("caption_words.txt")}
        self.particles = {w.lower() for w in gz._read_list("name_particles.txt")}
        self.title_adjectives = {norm(w) for w in gz._read_list("title_adjectives.txt")}
        self.stop = {norm(w) for w in gz._read_list("name_stopwords.txt")
                     + (gz._read_list("name_stopwords_foreign.txt") if foreign else [])}
        self.org = {norm(w) for w in gz._read_list("org_words.txt")}
        self.breakers = {w.lower() for w in gz._read_list("appositive_breakers.txt")}
        self.orgs: dict[tuple[str, ...], str] = {}
        for w in gz._read_list("international_orgs.txt"):
            self.orgs.setdefault(tuple(norm(t) for t in TOKEN.findall(w)), w)
        # words a title can begin with (computed once, not per document)
        self.heads = frozenset(self.title_first | self.portfolio_first)
        self.starters = self.heads | frozenset(self.modifiers)


@lru_cache(maxsize=2)
def _lex(foreign: bool = False) -> _Lex:
    return _Lex(foreign)


@lru_cache(maxsize=1)
def _foreign_words() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    """(grammar word classes, lower-case demonym -> countries) for documents in other languages
    (resources/title_words_foreign.tsv, demonyms_foreign.tsv)."""
    classes = {r[0]: frozenset(norm(w) for w in r[1].split()) for r in gz._read_tsv("title_words_foreign.tsv")
               if len(r) > 1}
    endings = {"fr": ("", "e", "s", "es"), "de": ("", "e", "en", "er", "es", "em")}
    dem: dict[str, list[str]] = {}
    for r in gz._read_tsv("demonyms_foreign.tsv"):
        if len(r) < 3:
            continue
        for form in r[2].split("|"):
            base = norm(form)
            forms = {base + e for e in endings.get(r[1], ())}
            if r[1] == "fr" and base.endswith("en"):
                forms |= {base + "ne", base + "nes"}
            if r[1] in ("es", "pt", "it"):
                forms.add(base)
                if base.endswith("o"):
                    forms |= {base[:-1] + e for e in ("a", "os", "as", "i", "e")}
                elif base.endswith("e"):
                    forms |= {base + "s", base[:-1] + "i"}
                else:
                    forms |= {base + e for e in ("a", "es", "as", "s")}
                if base.endswith("ao"):                      # alemão -> alemã, alemães
                    forms |= {base[:-1], base[:-1] + "es"}
            for f in forms:
                dem.setdefault(f, [])
                if r[0] not in dem[f]:
                    dem[f].append(r[0])
    return classes, {k: tuple(v) for k, v in dem.items()}


def name_particles() -> frozenset[str]:
    """Lower-case words inside names ("bin", "da", "al"): never a short name on their own."""
    return frozenset(_lex().particles)
