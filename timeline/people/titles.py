"""Titles before or around a name: "Deputy Foreign Minister", "Minister of Foreign
Affairs and Trade", "then-President", "Ambassador to the UN"."""
from __future__ import annotations

from dataclasses import dataclass

from .. import gazetteer as gz
from ..gazetteer import fold, norm
from .lexicon import _PORTFOLIO_HEADS, _POSS_END, _Title


# modifiers that make a head of state or government the second in office ("Deputy President")
_SECOND = frozenset({"deputy", "vice", "assistant"})


def _bare(key: str) -> str:
    """A token's key without a possessive: "president's" -> "president"."""
    return key[:-2] if key.endswith("'s") else key


@dataclass
class _Hit:
    """A title found at a token, with its modifiers; memoised per scan by title_at."""
    i: int                     # first token (modifiers included)
    j: int                     # one past the last token
    role: str | None
    rank: str
    lower: bool                # written all in lower case
    needs_name: bool           # lower-case title allowed only before a name
    start: int
    end: int
    prefix_only: bool = False  # "Cardinal", "General": a title that only goes before names
    tenure: str | None = None  # "then-President": "then"
    bare: bool = False         # a lone "Minister": an unknown "of X" after it is a portfolio
    possessive: bool = False   # "the Pope's": no name follows ("the Lord's Resistance Army")


class TitleFinder:
    """Title lookups on a TextView (mixed into the scan, so `self` is the whole scan:
    `_trie` asks `country_after` whether an "of C" follows)."""

    def _case_ok(self, title: _Title, ks: range) -> tuple[bool, bool]:
        """(acceptable, written in lower case)."""
        words = [_POSS_END.sub("", fold(self.toks[k][2]).replace(".", "")) for k in ks]
        if title.dotted and self.text[self.toks[ks[-1]][1]:self.toks[ks[-1]][1] + 1] != ".":
            return False, False          # "Sen." needs its period: "Prime Minister Hun Sen"
        if title.abbrev:                 # "PM", "Dr." - never "pm", "DR Congo"
            return tuple(words) == title.exact, False
        if all(w.isupper() for w in words) and any(len(w) > 1 for w in words):
            return True, False                               # headline caps
        lower = all(w == w.lower() for w in words)
        if lower:
            return title.lower != "no", True
        first_ok = words[0][:1].isupper()
        if not first_ok and self.foreign and title.lower == "yes":
            return True, True       # "ministre des Affaires étrangères": lower-case head, names capitalized
        return first_ok, False

    def _trie(self, k: int) -> tuple[int, _Title, bool] | None:
        lex = self.lex
        if _bare(self.keys[k]) not in lex.title_first:
            return None
        best = clear = None
        pend = -1          # end of a country name that starts inside the title
        key: tuple[str, ...] = ()
        for m in range(k, min(len(self.toks), k + lex.title_max)):
            if m > k and not self.space_gap(m, allow_period=True):
                break
            if m > k:
                p = self.place_at(m)
                if p is not None and p.kind == "country":
                    pend = max(pend, p.end)
            km = self.keys[m]
            key = key + (_bare(km),)
            t = lex.titles.get(key)
            if t is not None:
                ok, lower = self._case_ok(t, range(k, m + 1))
                if ok:
                    best = (m + 1, t, lower)
                    if self.toks[m][1] >= pend:
                        clear = best
            if km != _bare(km):
                # "the Pope's visit": a possessive ends the title; "the minister's office" is a
                # body, "the Admiral's Cup", "the Lord's Resistance Army" names of things
                if t is not None and best is not None and best[0] == m + 1 and m + 1 < len(self.toks) \
                        and (self.keys[m + 1] in lex.org or self.toks[m + 1][2][:1].isupper()):
                    return None
                break
        # "President of the Republic of Freedonia": the title is "President" and
        # "the Republic of Freedonia" the country - unless another "of C" follows
        if best is not clear and clear is not None and self.country_after(best[0]) is None:
            return clear
        return best

    def _portfolio(self, k: int) -> tuple[int, str] | None:
        lex = self.lex
        if self.keys[k] not in lex.portfolio_first:
            return None
        best = None
        key: tuple[str, ...] = ()
        for m in range(k, min(len(self.toks), k + lex.portfolio_max)):
            if m > k and not self.space_gap(m):
                break
            key = key + (self.keys[m],)
            if key in lex.portfolios:
                best = (m + 1, lex.portfolios[key])
        return best

    def _core(self, k: int) -> tuple[int, str | None, str, bool, bool, bool] | None:
        """(end token, role, rank, lower, needs_name, prefix_only) of a title at k."""
        # "Foreign Minister", "Defence Secretary", "Foreign Affairs Minister"
        pf = self._portfolio(k)
        if pf and pf[0] < len(self.toks) and self.space_gap(pf[0]) \
                and _bare(self.keys[pf[0]]) in _PORTFOLIO_HEADS:
            head = self._trie(pf[0])
            if head:
                words = [self.toks[m][2] for m in range(k, pf[0])]
                lower = head[2] and all(w == w.lower() for w in words)
                if not lower and not words[0][:1].isupper():
                    pf = None
                else:
                    return head[0], f"{pf[1]} {head[1].role}", head[1].rank, lower, False, False
        hit = self._trie(k)
        if hit is None:
            return None
        j, t, lower = hit
        role = t.role
        if any(w in _PORTFOLIO_HEADS for w in self.keys[k:j]):
            j, role = self._extend(j, role or "Minister")
        return j, role, t.rank, lower, t.lower == "name" and lower, t.lower != "yes"

    def _extend(self, j: int, role: str) -> tuple[int, str]:
        """'Minister' + 'of Foreign Affairs and International Relations'
        (+ 'for ...': 'Minister of State for Foreign Affairs')."""
        n = len(self.toks)
        while j + 1 < n and self.keys[j] in ("of", "for") and self.space_gap(j) \
                and self.space_gap(j + 1):
            got = self._portfolio_list(j + 1)
            if got is None:
                break
            end, joined = got
            role = f"{role} {self.keys[j]} {joined}"
            j = end
        return j, role

    def _portfolio_list(self, m: int) -> tuple[int, str] | None:
        """'Foreign Affairs, Trade and Cooperation' at token m -> (end token, text)."""
        n = len(self.toks)
        if self.keys[m] == "the" and m + 1 < n and self.space_gap(m + 1):
            m += 1
        pieces: list[str] = []
        seps: list[str] = []
        last = m
        while m < n:
            pf = self._portfolio(m)
            if pf is None or pf[1] == "Foreign":
                break
            pieces.append(pf[1])
            last = pf[0]
            nxt = None
            if last + 1 < n and self.keys[last] == "and" and self.space_gap(last) \
                    and self.space_gap(last + 1):
                nxt = (" and ", last + 1)
            elif last + 1 < n and self.gap(last).strip() == ",":
                nxt = (", ", last)
            if nxt is None:
                break
            pf2 = self._portfolio(nxt[1])
            if pf2 is None or pf2[1] == "Foreign":
                break
            seps.append(nxt[0])
            m = nxt[1]
        if not pieces:
            return None
        return last, pieces[0] + "".join(sep + p for sep, p in zip(seps, pieces[1:]))

    def title_at(self, k: int) -> _Hit | None:
        """Longest title at token k, with its modifiers ('Deputy', 'Acting')."""
        if _bare(self.keys[k]) not in self.starters:
            return None
        if k in self._titles:
            return self._titles[k]
        hit = self._title_at(k)
        self._titles[k] = hit
        return hit

    def _title_at(self, k: int) -> _Hit | None:
        i = k
        mods: list[str] = []
        while k < len(self.toks) and len(mods) < 3:
            core = self._core(k)
            if core:
                j, role, rank, lower, needs, prefix = core
                if mods:
                    lower = lower and all(m == m.lower() for m in mods)
                tenure = next((self.lex.tenure[norm(m)] for m in mods
                               if norm(m) in self.lex.tenure), None)
                mods = [m for m in mods if norm(m) not in self.lex.tenure]
                if mods:
                    role = " ".join(mods + [role]) if role else None
                    if rank in ("head_of_state", "head_of_government") and any(norm(m) in _SECOND for m in mods):
                        rank = "vice"    # "Deputy President", "Vice Chancellor": the second in office
                bare = j == k + 1 and self.keys[k] in _PORTFOLIO_HEADS
                # (the possessive's "'s" stays outside the title: "the Pope['s] visit")
                poss = self.keys[j - 1] != _bare(self.keys[j - 1])
                end = self.toks[j - 1][1] - (2 if poss else 0)
                return _Hit(i, j, role, rank, lower, needs, self.toks[i][0], end, prefix, tenure, bare, poss)
            mk = self.keys[k]
            if mk in self.lex.modifiers and k + 1 < len(self.toks) and \
                    (self.space_gap(k + 1) or self.gap(k + 1) == "-"):
                mods.append(self.lex.modifiers[mk])
                k += 1
                continue
            return None
        return None

    # -- where an envoy is posted --------------------------------------------
    def posting(self, k: int) -> tuple[int, int, str] | None:
        """(end token, end offset, label) of 'the UN' / 'Ghana' after an envoy's 'to'."""
        n = len(self.toks)
        m = k
        the = ""
        if self.keys[m] == "the" and m + 1 < n and self.space_gap(m + 1):
            m, the = m + 1, "the "
        p = self.place_at(m)
        if p is not None and p.kind == "country" and p.iso2:
            e = m
            while e < n and self.toks[e][1] <= p.end:
                e += 1
            c = gz.country(p.iso2)
            return e, p.end, c.phrase if c else p.text
        key: tuple[str, ...] = ()
        best = None
        for e in range(m, min(n, m + 4)):
            if e > m and not self.space_gap(e):
                break
            key = key + (self.keys[e],)
            if key in self.lex.orgs:
                best = (e + 1, self.toks[e][1], the + self.lex.orgs[key])
        return best
