"""The country a title belongs to: before it ("Freedonian", "Freedonia's"), after it
("of [the Republic of] Freedonia"; "président français" in other languages), or a
one-word country the gazetteer does not know."""
from __future__ import annotations

from .. import gazetteer as gz
from .lexicon import _POSS_END


class CountryFinder:
    """The country around a title (mixed into the scan; reads the places the
    gazetteer found on the tokens)."""

    def country_before(self, i: int) -> tuple[int, tuple[str, ...]] | None:
        """(start offset, candidates) of 'Freedonian'/'Freedonia's'/'Freedonia' before token i."""
        s = self.toks[i][0]
        if self.foreign and i > 0 and self.space_gap(i) and self.toks[i - 1][2].islower() \
                and self.keys[i - 1] in self.demonyms:
            return self.toks[i - 1][0], self.demonyms[self.keys[i - 1]]   # "die deutsche Außenministerin"
        if self.foreign and i > 0 and self.space_gap(i) and self.keys[i - 1].endswith("s") \
                and self.toks[i - 1][2][:1].isupper():
            # a genitive: "Deutschlands Außenministerin", "Chinas Präsident"
            isos = tuple(e.iso2 for e in gz._gaz().foreign()[0].get(self.keys[i - 1][:-1], ()) if e.kind == "country")
            if isos:
                return self.toks[i - 1][0], isos
        # "Zaire's embattled President": read back over adjectives that are no part of the office
        k = i
        while k > 0 and self.space_gap(k) and self.toks[k - 1][2].islower():
            two = f"{self.keys[k - 2]} {self.keys[k - 1]}" if k > 1 else None
            if two in self.lex.title_adjectives and self.space_gap(k - 1):
                k -= 2
            elif self.keys[k - 1] in self.lex.title_adjectives:
                k -= 1
            else:
                break
        s = self.toks[k][0]
        before = self.text[max(0, s - 8):s]
        if before.lower().endswith(", whose "):
            # "Australia, whose then-premier Paul Keating": the country's own office
            p = self.place_by_end.get(s - 8)
            if p is not None and p.kind == "country":
                return p.start, p.candidates
        for suffix in ("'s ", "’s ", "' ", " ", "\u00a0"):
            if before.endswith(suffix):
                p = self.place_by_end.get(s - len(suffix))
                if p is not None and p.kind in ("country", "demonym", "capital", "city"):
                    if p.kind in ("capital", "city") and suffix == " ":
                        return None
                    return p.start, p.candidates
        return None

    def country_after(self, j: int, lead_ok: bool = False
                      ) -> tuple[int, int, tuple[str, ...]] | None:
        """(end token, end offset, candidates) of 'of [the] Freedonia' after token j-1
        (lead_ok: whatever stands before 'of' was already checked)."""
        n = len(self.toks)
        if self.foreign and j < n:
            got = self._foreign_country_after(j, lead_ok)
            if got is not None:
                return got
        if j + 1 >= n or self.keys[j] != "of" or not (lead_ok or self.space_gap(j)) \
                or not self.space_gap(j + 1):
            return None
        m = j + 1
        p = self.place_at(m)
        if p is None and self.keys[m] == "the" and m + 1 < n and self.space_gap(m + 1):
            m += 1
            p = self.place_at(m)
        if p is None or p.kind not in ("country",):
            return None
        e = m
        while e < n and self.toks[e][1] <= p.end:
            e += 1
        return e, p.end, p.candidates


    def _foreign_country_after(self, j: int, lead_ok: bool) -> tuple[int, int, tuple[str, ...]] | None:
        """In other languages: 'président français', 'presidente dos Estados Unidos',
        'de la République française', 'du Cameroun', 'Presiden Tanzania' after token j-1."""
        n, toks, keys = len(self.toks), self.toks, self.keys
        if not (lead_ok or self.space_gap(j)):
            return None
        if toks[j][2].islower() and keys[j] in self.demonyms:
            # the title may go on after the adjective: "la ministre péruvienne des Affaires étrangères"
            e = j + 1
            for k in range(min(n, j + 1 + self.lex.title_max), j + 1, -1):
                if all(self.space_gap(x) for x in range(j + 1, k)) and \
                        (keys[j - 1],) + tuple(keys[j + 1:k]) in self.lex.titles:
                    e = k
                    break
            return e, toks[e - 1][1], self.demonyms[keys[j]]
        m = j
        if keys[m] in self.of_words and m + 1 < n and self.space_gap(m + 1):
            m += 1
            if keys[m] in self.articles and m + 1 < n and self.space_gap(m + 1):
                m += 1
        elif keys[m][:2] in ("d'", "l'") and "d'" in self.of_words:
            p = self.place_by_start.get(toks[m][0] + 2)          # "d'Égypte"
            if p is not None and p.kind == "country" and p.end <= toks[m][1]:
                return m + 1, p.end, p.candidates
            return None
        p = self.place_at(m)
        if p is None or p.kind != "country":
            return None
        e = m
        while e < n and self.toks[e][1] <= p.end:
            e += 1
        # "de la République française": the state form, then its adjective
        if e < n and self.space_gap(e) and toks[e][2].islower() and keys[e] in self.demonyms:
            return e + 1, toks[e][1], self.demonyms[keys[e]]
        return e, p.end, p.candidates

    def unknown_country_after(self, j: int) -> int | None:
        """End token of 'of [the] [Republic of] Ruritania' after token j-1, for a
        one-word country the gazetteer does not know (the caller checks that a
        full name follows, which is what tells the country from the name)."""
        lex, keys, toks, n = self.lex, self.keys, self.toks, len(self.toks)
        if j + 2 >= n or keys[j] != "of" or not self.space_gap(j) or not self.space_gap(j + 1):
            return None
        m = j + 1
        if keys[m] == "the" and self.space_gap(m + 1):
            m += 1
        for size in (3, 2, 1):            # "the Federal Republic of", "the Kingdom of"
            e = m + size
            if e + 1 < n and tuple(keys[m:e]) in lex.state_forms and keys[e] == "of" \
                    and all(self.space_gap(x) for x in range(m + 1, e + 2)):
                m = e + 1
                break
        if m + 1 >= n or not (self.space_gap(m + 1) or self.gap(m + 1).strip() == ","):
            return None
        t, key = toks[m][2], keys[m]
        if not t[:1].isupper() or len(t) < 3 or _POSS_END.search(t) or "." in t or t.isupper():
            return None           # ("APEC", "NWPP": an acronym is a body, not a country)
        if key in lex.stop or key in lex.org or key in lex.particles or key in ("the", "of") \
                or key in lex.portfolio_first or self.title_at(m) is not None:
            return None
        p = self.place_at(m)
        if p is not None and (p.kind == "demonym" or p.end > toks[m][1]):
            return None
        return m + 1


def _iso(cands: tuple[str, ...]) -> str | None:
    return cands[0] if len(cands) == 1 else None
