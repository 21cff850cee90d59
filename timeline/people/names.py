"""Personal names: the name after a title ("President Ada Okoro"), the name a title
stands in apposition with ("Ada Okoro, President of ..."), and the run of name words
ending at a token."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import gazetteer as gz
from ..documents import MONTHS
from .lexicon import _DETERMINERS, _INITIAL, _POSS_END, _PREFIX_PARTICLE, _ROMAN

if TYPE_CHECKING:
    from .assemble import _Scan

_MONTH_NAMES = frozenset(max((k for k in MONTHS if MONTHS[k] == v), key=len) for v in set(MONTHS.values()))


class NameFinder:
    """The name at a token (mixed into the scan: a name word is no title and no country,
    so these methods ask `title_at` and `is_country_at`)."""

    def name_at(self, k: int) -> tuple[int, int, int] | None:
        """(end token, start offset, end offset) of a personal name at token k."""
        lex, toks, n = self.lex, self.toks, len(self.toks)
        if k >= n:
            return None

        def given_name_before_surname(m: int) -> bool:
            # "Jan Peeters", "Sun Wei", "Said Benali", "May Ling": a given name that is also a
            # month, weekday or verb, followed by a capitalised word that is none of those
            if m + 1 >= n or not self.space_gap(m + 1):
                return False
            nxt, key = toks[m + 1][2], self.keys[m + 1]
            return (nxt[:1].isupper() and key not in lex.stop and key not in lex.org
                    and not self.is_country_at(m + 1) and self.title_at(m + 1) is None)

        def middle_month(m: int) -> bool:
            # "Mary May Simon": a month between two name words, the name closing after them
            # (not a headline's "Biden May Travel To ...")
            return self.keys[m] in _MONTH_NAMES and given_name_before_surname(m) and \
                (m + 2 >= n or not (self.space_gap(m + 2) and self.cap(m + 2)))

        def nameword(m: int, first: bool) -> bool:
            t = toks[m][2]
            key = self.keys[m]
            if _PREFIX_PARTICLE.match(t):
                return True
            if not t[:1].isupper():
                return False
            if key in lex.stop and not (first and given_name_before_surname(m) or middle_month(m)):
                return False
            if _ROMAN.match(t) and first:
                return False
            if key in lex.org or (key.endswith("s") and key[:-1] in lex.title_first):
                return False        # "Ministers", "Presidents"
            if self.is_country_at(m):
                return False
            # (other places are fine: many surnames are also towns somewhere)
            if self.title_at(m) is not None:
                return False
            return True

        if not nameword(k, True):
            return None
        start = toks[k][0]
        end = toks[k][1]
        last = k
        m = k + 1
        while m < n and m - k < 8:
            if not self.space_gap(m) and not (_INITIAL.match(toks[m - 1][2])
                                              and self.space_gap(m, allow_period=True)):
                break     # "George W. Bush", "S. Jaishankar": an initial's period is no stop
            if _POSS_END.search(toks[m - 1][2]):
                break     # "Okafor's": the name ends at a possessive
            t = toks[m][2]
            if t.lower() in lex.particles:
                # particles ("bin", "van der", "Al") count when a name word follows them
                q = m
                while q < n and toks[q][2].lower() in lex.particles and q - m < 3 \
                        and (q == m or self.space_gap(q)):
                    q += 1
                if q < n and q > m and self.space_gap(q) and nameword(q, False):
                    m = q
                    continue
                if not t[:1].isupper() or not nameword(m, False):
                    break
            if _ROMAN.match(t) and len(t) > 1 or t in ("Jr", "Sr"):
                last, end = m, toks[m][1]
                m += 1
                continue
            if not nameword(m, False):
                break
            last, end = m, toks[m][1]
            m += 1
        # "Ada Okoro L meets ...": a bare caption letter is no part of the name
        if last > k and len(toks[last][2]) == 1 and toks[last][2].lower() in lex.captions:
            last -= 1
            end = toks[last][1]
        # a possessive "'s" stays outside the name
        tail = toks[last][2]
        pm = re.search(r"['’]s$", tail)
        if pm:
            end = toks[last][0] + pm.start()
        if end <= start:
            return None
        # a single token that is only a title-ish word ("Minister") is no name
        return last + 1, start, end

    def name_after(self, k: int) -> tuple[int, int, int] | None:
        """A name at k, or after an honorific or courtesy title there ("Ms", "Prince")."""
        got = self.name_at(k)
        if got is None and k < len(self.toks):
            t = self.title_at(k)
            if t is not None and not t.lower and t.rank in ("honorific", "royal") and \
                    t.j < len(self.toks) and self.space_gap(t.j, allow_period=True):
                got = self.name_at(t.j)
        return got


# -- names found from the title back or forward: plain functions over the scan -------
def _appositive(sc: _Scan, i: int, floor: int = 0) -> tuple[int, int] | None:
    """Name before a title it is in apposition with; i = first token of the title group."""
    toks, keys = sc.toks, sc.keys
    if i <= 0:
        return None
    # walk back to the nearest "N," inside the sentence (at most 30 words)
    lo = max(0, i - 30)
    m = i - 1
    # the title itself may be preceded by "the"/"a"/"and"
    while m >= lo:
        t = sc.title_at(m)
        if toks[m][0] < floor or (t is not None and t.rank != "honorific"):
            return None      # another person or title lies in between
        g = sc.gap(m + 1)
        if "." in g and keys[m] not in ("mr", "dr", "mrs", "ms", "st") or ";" in g or "\n\n" in g:
            return None
        mb = m
        if g.strip() == ")," and sc.caption_before(m) is not None:
            mb = sc.caption_before(m)     # "N (L), President of C"
            g = ","
        if g.strip() == ",":
            run = _name_run(sc, mb)
            if run is not None:
                a, b = run
                first_after = keys[m + 1]
                breakers = sc.lex.breakers
                if m + 1 == i or (first_after not in breakers and not sc.cap(m + 1)) \
                        or first_after in _DETERMINERS:
                    between = [keys[x] for x in range(m + 1, i)]
                    # "N, member of the ... and C X": "and" may only join the last part
                    if any(w in breakers for w in between if w != "and") or \
                            (between and between[0] in breakers):
                        return None
                    return toks[a][0], toks[b][1]
            # a comma after something else ends the search unless it is an inner list
        m -= 1
    return None


def _forward_appositive(sc: _Scan, j: int) -> tuple[int, int, int] | None:
    """'X and member of the Political Bureau ..., N,': the name closing a coordinated
    description that starts right after the title with 'and' + a lower-case word."""
    keys, n = sc.keys, len(sc.toks)
    if j + 1 >= n or keys[j] != "and" or not sc.space_gap(j) or sc.cap(j + 1) \
            or keys[j + 1] in _DETERMINERS:
        return None
    m = j + 1
    while m < n and m - j < 30:
        g = sc.gap(m)
        if "." in g or ";" in g or "\n" in g:
            return None
        if g.strip() == ",":
            got = sc.name_after(m)
            if got is None:
                return None
            nj, ns, ne = got
            cap = sc.caption_end(ne)
            if cap is not None:
                nj = sc.tok_from(cap)
            after = sc.text[cap or ne:(cap or ne) + 1]
            if nj >= n or after in (",", ".", ";", ")") or (sc.space_gap(nj) and not sc.cap(nj)):
                return got
            return None
        t = sc.title_at(m)
        if t is not None and t.rank != "honorific":
            return None
        m += 1
    return None


def _name_run(sc: _Scan, b: int) -> tuple[int, int] | None:
    """Token span (a, b) of a personal name ending at token b, or None."""
    lex, toks, keys = sc.lex, sc.toks, sc.keys
    a = b
    while a >= 0:
        t = toks[a][2]
        ok = (t[:1].isupper() or _PREFIX_PARTICLE.match(t) or
              (t.lower() in lex.particles and a < b))
        if not ok:
            break
        if a < b and not sc.space_gap(a + 1):
            break
        a -= 1
    a += 1
    while a <= b:
        t = sc.title_at(a)
        if t is not None and (t.rank == "honorific" or t.prefix_only):
            a = t.j                       # "Mr.", "Cardinal", "Lt. Gen." before the name
        elif keys[a] in lex.stop or toks[a][2].lower() in lex.particles:
            a += 1
        else:
            break
    if a > b or b - a > 6:
        return None
    for x in range(a, b + 1):
        if keys[x] in lex.org or keys[x] in lex.stop or sc.is_country_at(x) or \
                (keys[x].endswith("s") and keys[x][:-1] in lex.org):
            return None
        if sc.place_at(x) is not None and keys[x] not in gz._gaz().clash:
            return None
        if sc.title_at(x) is not None:
            return None
    return a, b
