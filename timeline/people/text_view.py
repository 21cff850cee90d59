"""The tokens of one text and what the finders ask of them: lookup keys, the text
between two tokens, the places found on them, photo captions."""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from .. import gazetteer as gz
from ..gazetteer import norm
from ..text import abbreviations
from .lexicon import _DETERMINERS, _Lex, _foreign_words, _lex

if TYPE_CHECKING:
    from .titles import _Hit

_KEYS: dict[str, str] = {}      # word -> lookup key (norm), shared across calls
_SPACE = re.compile(r"[ \t\u00a0]+")
_CAPTION = re.compile(r"[ \t\u00a0]*\(([^()\n]{1,40})\)")
_CAPTION_WORD = re.compile(r"[^\W_]+")


def _split_prefixed(toks: list[tuple[int, int, str]], lex: _Lex) -> list[tuple[int, int, str]]:
    """'then-President', 'ex-Foreign' -> two tokens, so the modifier joins the title
    as in 'former President'.  Hyphenated titles ('Vice-President') stay whole."""
    starters = lex.heads
    out = []
    for s, e, t in toks:
        if "-" in t:
            a, b = t.split("-", 1)
            if norm(a) in lex.modifiers and b[:1].isalpha() and norm(t) not in starters \
                    and norm(b.split("-")[0]) in starters | set(lex.modifiers):
                out.append((s, s + len(a), a))
                out.append((s + len(a) + 1, e, b))
                continue
        out.append((s, e, t))
    return out


class TextView:
    """The tokens of one text, built once per text: every finder reads these lists
    instead of the raw string (the scan in assemble.py is this view plus the finders)."""

    def __init__(self, text: str, lang: str | None = None) -> None:
        self.text = text
        self.foreign = foreign = lang not in (None, "en")
        self.lex = lex = _lex(foreign)
        self.determiners = _DETERMINERS
        if foreign:
            classes, self.demonyms = _foreign_words()
            self.of_words = classes.get("of", frozenset())
            self.articles = classes.get("articles", frozenset())
            self.determiners = _DETERMINERS | classes.get("determiners", frozenset())
        raw = gz.tokens(text)
        self.places = gz._find_places(text, raw, lang not in (None, "en"))
        self.toks = _split_prefixed(raw, lex)
        cache = _KEYS
        keys = []
        for _, _, t in self.toks:
            k = cache.get(t)
            if k is None:
                if len(cache) > 200_000:
                    cache.clear()
                k = cache[t] = norm(t)
            keys.append(k)
        self.keys = keys
        self.tok_starts = [s for s, _, _ in self.toks]
        self.place_by_start = {p.start: p for p in self.places}
        self.place_by_end = {p.end: p for p in self.places}
        self.tok_by_start = {s: k for k, (s, _, _) in enumerate(self.toks)}
        self.soft: set[int] = set()    # tokens after a skipped "(gloss)": gap counts as a space
        self._titles: dict[int, _Hit | None] = {}   # title_at() memo: the name and apposition
                                                    # checks ask for the same tokens again
        self.starters = lex.starters

    # -- helpers ---------------------------------------------------------
    def gap(self, k: int) -> str:
        """Text between token k-1 and token k."""
        return self.text[self.toks[k - 1][1]:self.toks[k][0]] if k > 0 else ""

    def space_gap(self, k: int, allow_period: bool = False) -> bool:
        if k in self.soft:
            return True
        if k <= 0:
            return False
        g = self.text[self.toks[k - 1][1]:self.toks[k][0]]
        if g == " ":
            return True
        if allow_period and g[:1] == ".":
            # "Pres. Biden", "John F. Kennedy": the period of an abbreviation or an initial,
            # not a sentence's end ("... the president of the Republic. At the palace")
            prev = self.toks[k - 1][2]
            if len(prev) > 1 and prev.lower() + "." not in abbreviations() \
                    and not (prev.isupper() and len(prev) <= 4):
                return False
            g = g[1:]
        return bool(g) and _SPACE.fullmatch(g) is not None

    def cap(self, k: int) -> bool:
        t = self.toks[k][2]
        return t[:1].isupper()

    def is_country_at(self, k: int) -> bool:
        p = self.place_by_start.get(self.toks[k][0])
        return p is not None and p.kind in ("country", "demonym")

    def place_at(self, k: int):
        return self.place_by_start.get(self.toks[k][0])

    def tok_from(self, offset: int) -> int:
        """Index of the first token starting at or after a character offset."""
        return bisect_left(self.tok_starts, offset)

    def caption_end(self, pos: int) -> int | None:
        """End offset of a photo caption '(L)' / '(second from left)' opening at pos."""
        m = _CAPTION.match(self.text, pos)
        if m is None:
            return None
        words = _CAPTION_WORD.findall(m.group(1).lower())
        if words and all(w in self.lex.captions for w in words):
            return m.end()
        return None

    def caption_before(self, k: int) -> int | None:
        """Token before a caption that token k closes ('Ada Okoro (L),' at 'L' -> 'Okoro')."""
        close = self.toks[k][1]
        if self.text[close:close + 1] != ")":
            return None
        open_ = self.text.rfind("(", max(0, close - 42), close)
        if open_ < 0:
            return None
        b = self.tok_from(open_) - 1
        if b < 0 or self.caption_end(self.toks[b][1]) != close + 1:
            return None
        return b
