"""Person mentions with their titles, the way news writes them.

One engine over word tokens applies the lexicons of `timeline/resources/`:
titles.tsv (title -> canonical role, rank), portfolios.tsv (the "of Foreign
Affairs" part of ministers' titles), title_modifiers.txt ("Deputy", "Acting"),
name_particles.txt ("bin", "da", "van der"), name_stopwords.txt (words a name
never runs into), org_words.txt (capitalised phrases that are no person),
tenure_words.tsv ("former", "then-": kept out of the role, reported as tenure),
state_forms.txt ("the Republic of") and caption_words.txt ("(L)", "(2nd R)").

Shapes recognised (X = a title, N = a name, C = a country, demonym or "C's"):
  C X N            "Freedonian Foreign Minister Rufus Firefly"
  X N              "President Ada Okoro", "Pope Leo", "Mr. Quill"
  X of C N         "the President of Freedonia Ada Okoro", "President of the Republic of C N";
                   a one-word C the gazetteer does not know is taken when a full
                   name (two words or more) follows it: country None, name kept
  M-X N, M X N     "then-President Ada Okoro", "former President ...": role "President",
                   tenure "then"/"former"
  the X (of C), N  "the Minister of Foreign Affairs, Ada Okoro"
  N, X of C        "Ada Okoro, President of Freedonia"
  N, the C X       "Ada Okoro, the Freedonian president"
  N, <...> and C X "Ada Okoro, member of the ... Committee and Freedonian Foreign Minister"
  the C X          no name: reported with name=None (anaphora for the caller)
A photo caption after a name ("(L)", "(second left)") is skipped.
Names are not taken without a title: the caller resolves short names with
`same_person`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from . import gazetteer as gz
from .gazetteer import TOKEN, fold, norm

_KEYS: dict[str, str] = {}      # word -> lookup key (norm), shared across calls
_PORTFOLIO_HEADS = {"minister", "secretary", "commissioner", "ministers"}
_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "whose", "this", "that"}
_POSS_END = re.compile(r"['’]s$")
_INITIAL = re.compile(r"^[A-Z](?:\.[A-Z])*$")
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$")
_SPACE = re.compile(r"[ \t\u00a0]+")
_CAPTION = re.compile(r"[ \t\u00a0]*\(([^()\n]{1,40})\)")
_CAPTION_WORD = re.compile(r"[^\W_]+")
_ACRONYM_GLOSS = re.compile(r"[ \t]\((?:[A-Z]\.?){2,6}\)(?=[ \t])")
_FULLNAME_RANKS = {"head_of_state", "head_of_government", "vice", "minister", "royal", "diplomat"}
_PREFIX_PARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|ben|abu|de|da|di|du|"
                              r"le|la|van|von|d|o)[-'’][A-Z]")


@dataclass(frozen=True)
class PersonMatch:
    start: int
    end: int
    name: str | None
    role: str | None
    country_iso2: str | None
    text: str
    rank: str | None = None                     # head_of_state, minister, royal, honorific ...
    name_span: tuple[int, int] | None = None
    role_span: tuple[int, int] | None = None
    country_candidates: tuple[str, ...] = ()    # several when the prefix is ambiguous
    tenure: str | None = None                   # "former", "then", "late" ... (not in role)


@dataclass(frozen=True)
class _Title:
    role: str | None
    rank: str
    lower: str                 # yes | name | no
    exact: tuple[str, ...]     # surface tokens, folded, periods removed
    abbrev: bool


class _Lex:
    def __init__(self, foreign: bool = False) -> None:
        self.titles: dict[tuple[str, ...], _Title] = {}
        rows = gz._read_tsv("titles.tsv") + (gz._read_tsv("titles_foreign.tsv") if foreign else [])
        for row in rows:
            surface, role, rank, lower = (row + ["", "", "", "no"])[:4]
            toks = tuple(fold(t).replace(".", "") for t in TOKEN.findall(surface))
            letters = "".join(toks)
            abbrev = "." in surface or (letters.isupper() and len(letters) <= 4) or len(letters) <= 3
            key = tuple(t.lower() for t in toks)
            self.titles.setdefault(key, _Title(role or None, rank or "other", lower or "no",
                                               toks, abbrev))
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


@dataclass
class _Hit:
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


class _Scan:
    """One pass over one text: tokens, places, then titles and names."""

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
        self._titles: dict[int, _Hit | None] = {}
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

    # -- titles ------------------------------------------------------------
    def _case_ok(self, title: _Title, ks: range) -> tuple[bool, bool]:
        """(acceptable, written in lower case)."""
        words = [fold(self.toks[k][2]).replace(".", "") for k in ks]
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
        if self.keys[k] not in lex.title_first:
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
            key = key + (self.keys[m],)
            t = lex.titles.get(key)
            if t is not None:
                ok, lower = self._case_ok(t, range(k, m + 1))
                if ok:
                    best = (m + 1, t, lower)
                    if self.toks[m][1] >= pend:
                        clear = best
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
                and self.keys[pf[0]] in _PORTFOLIO_HEADS:
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
        if self.keys[k] not in self.starters:
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
                bare = j == k + 1 and self.keys[k] in _PORTFOLIO_HEADS
                return _Hit(i, j, role, rank, lower, needs, self.toks[i][0], self.toks[j - 1][1],
                            prefix, tenure, bare)
            mk = self.keys[k]
            if mk in self.lex.modifiers and k + 1 < len(self.toks) and \
                    (self.space_gap(k + 1) or self.gap(k + 1) == "-"):
                mods.append(self.lex.modifiers[mk])
                k += 1
                continue
            return None
        return None

    # -- names -------------------------------------------------------------
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

        def nameword(m: int, first: bool) -> bool:
            t = toks[m][2]
            key = self.keys[m]
            if _PREFIX_PARTICLE.match(t):
                return True
            if not t[:1].isupper():
                return False
            if key in lex.stop and not (first and given_name_before_surname(m)):
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

    def name_after(self, k: int) -> tuple[int, int, int] | None:
        """A name at k, or after an honorific or courtesy title there ("Ms", "Prince")."""
        got = self.name_at(k)
        if got is None and k < len(self.toks):
            t = self.title_at(k)
            if t is not None and not t.lower and t.rank in ("honorific", "royal") and \
                    t.j < len(self.toks) and self.space_gap(t.j, allow_period=True):
                got = self.name_at(t.j)
        return got

    # -- country around a title ----------------------------------------------
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
        before = self.text[max(0, s - 4):s]
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


# --------------------------------------------------------------------------
def find_people(text: str, lang: str | None = None) -> list[PersonMatch]:
    """Person mentions with title, role and the country whose official they are
    (lang: the document's language; titles and their grammar in that language too)."""
    return _people_of(_Scan(text, lang))


def find_people_and_places(text: str, lang: str | None = None) -> tuple[list[PersonMatch], list]:
    """find_people and gazetteer.find_places from one scan of the text."""
    sc = _Scan(text, lang)
    return _people_of(sc), list(sc.places)


def _people_of(sc: _Scan) -> list[PersonMatch]:
    text = sc.text
    toks, n = sc.toks, len(sc.toks)
    out: list[PersonMatch] = []
    prefix_only: set[int] = set()     # ids of matches whose title only precedes names
    k = 0
    used_until = -1
    while k < n:
        if k <= used_until:
            k += 1
            continue
        hit = sc.title_at(k)
        if hit is None:
            k += 1
            continue
        # chains: "Emir Sheikh", "Crown Prince and Prime Minister", "President Mr."
        role, rank = hit.role, hit.rank
        j = hit.j
        role_end = hit.end
        while j < n:
            if sc.space_gap(j, allow_period=True):
                nxt = sc.title_at(j)
                if nxt and not nxt.lower:
                    if rank == "honorific" or role is None:
                        role, rank = nxt.role, nxt.rank
                    j, role_end = nxt.j, nxt.end
                    continue
            if j + 2 < n and sc.keys[j] == "to" and sc.keys[j + 1] == "the" and sc.space_gap(j) \
                    and sc.space_gap(j + 1) and sc.space_gap(j + 2):
                nxt = sc.title_at(j + 2)
                if nxt and rank != "honorific":
                    role = f"{role} to the {nxt.role}" if role and nxt.role else role
                    j, role_end = nxt.j, nxt.end
                    continue
            if rank == "diplomat" and j + 1 < n and sc.keys[j] == "to" and sc.space_gap(j) \
                    and sc.space_gap(j + 1):
                post = sc.posting(j + 1)        # "Ambassador to the UN", "envoy to Ghana"
                if post:
                    j, role_end, label = post
                    role = f"{role} to {label}" if role else role
                    continue
            if j + 1 < n and sc.keys[j] == "and" and sc.space_gap(j) and sc.space_gap(j + 1):
                nxt = sc.title_at(j + 1)
                if nxt and not nxt.lower and nxt.rank != "honorific" and nxt.j < n \
                        and (sc.space_gap(nxt.j) and sc.name_at(nxt.j) or
                             sc.gap(nxt.j).strip() == "," and sc.name_after(nxt.j)):
                    role = f"{role} and {nxt.role}" if role and nxt.role else (role or nxt.role)
                    j, role_end = nxt.j, nxt.end
                    continue
            break
        start = hit.start
        # parenthetical gloss "(Foreign Minister)" right after the title
        if j < n and sc.text[role_end:role_end + 2] == " (":
            close = sc.text.find(")", role_end, role_end + 60)
            inner = sc.tok_by_start.get(role_end + 2)
            if close > 0 and inner is not None and sc.title_at(inner) and \
                    sc.text[close + 1:close + 2] == " ":
                while j < n and toks[j][1] <= close:
                    j += 1
                sc.soft.add(j)
        cands: tuple[str, ...] = ()
        tenure = hit.tenure
        before = sc.country_before(hit.i)
        if before:
            start, cands = before
            bt = sc.tok_by_start.get(start)
            # "former Freedonian President N"
            if tenure is None and bt and sc.space_gap(bt) and sc.keys[bt - 1] in sc.lex.tenure \
                    and sc.toks[bt - 1][2].islower():
                tenure = sc.lex.tenure[sc.keys[bt - 1]]
                start = sc.toks[bt - 1][0]
        after = sc.country_after(j)
        end = role_end
        if after:
            j, end, acands = after
            cands = cands or acands
            # "of the Republic of X" was swallowed by the alias
        elif not hit.lower and rank in _FULLNAME_RANKS and not (hit.bare and j == hit.j):
            # "President of [the Republic of] Ruritania Anton Vello": a country the
            # gazetteer does not know, told from the name by the full name after it
            u = sc.unknown_country_after(j)
            if u is not None:
                got = sc.name_after(u)
                # ... and no capitalised word runs on ("of APEC Business Advisory Council")
                if got is not None and sc.tok_from(got[2]) - sc.tok_from(got[1]) >= 2 and \
                        not (got[0] < n and sc.space_gap(got[0]) and sc.cap(got[0])):
                    after = (u, sc.toks[u - 1][1], ())
                    j, end = u, sc.toks[u - 1][1]
        # the country's abbreviation in brackets: "Prime Minister of the Republic of Korea
        # (ROK) Lee Hae-chan" reads on to the name
        if after and j < n and (gloss := _ACRONYM_GLOSS.match(sc.text, end)):
            while j < n and toks[j][1] <= gloss.end() - 1:
                j += 1
            sc.soft.add(j)
        # a second title after the country: "Minister ... of Eswatini Prince Simelane"
        if after and j < n and sc.space_gap(j):
            nxt = sc.title_at(j)
            if nxt and not nxt.lower and nxt.rank in ("royal", "honorific", "religious", "other") \
                    and nxt.j < n and sc.space_gap(nxt.j, allow_period=True) and sc.name_at(nxt.j):
                j = nxt.j
        prev_word = sc.keys[hit.i - 1] if hit.i > 0 else ""
        prev_word_b = prev_word
        if before:
            bt = sc.tok_by_start.get(start)
            prev_word_b = sc.keys[bt - 1] if bt else ""
        determined = prev_word in sc.determiners or prev_word_b in sc.determiners or \
            (hit.i > 0 and re.search(r"['’]s\s*$", sc.text[max(0, hit.start - 4):hit.start]) is not None)
        # "the country's new president, N": enough to take the name, not to report a nameless title
        named_ok = determined or _determined(sc, sc.tok_by_start.get(start, hit.i))

        name = None
        if j < n and sc.space_gap(j, allow_period=True):
            name = sc.name_after(j)
        if name is None and j < n and sc.gap(j).strip() == "," and \
                (named_ok or after or before or not hit.lower):
            cand = sc.name_after(j)
            if cand and cand[0] - sc.tok_from(cand[1]) == 1 and text[cand[1]:cand[2]].isupper() \
                    and len(text[cand[1]:cand[2]]) > 1:
                cand = None               # "president, PS spokesman ...": an acronym is no name
            if cand:
                nj = cand[0]
                cap = sc.caption_end(cand[2])
                nxt_gap = sc.text[cap or cand[2]:(cap or cand[2]) + 2]
                if cap:
                    nj = sc.tok_from(cap)
                if nj >= n or nxt_gap[:1] in (",", ".", ";", ":", ")", "\n") or \
                        (sc.space_gap(nj) and not sc.cap(nj) and
                         (determined or after or before or not hit.lower)):
                    name = cand     # (past adjectives, the name must close: "the past mayor, N said")
        if name is not None:
            nj, ns, ne = name
            full_end = ne
            cap = sc.caption_end(ne)
            if cap is not None:             # "N (L)" - the caption is skipped
                nj = max(nj, sc.tok_from(cap))
            if not cands and not after:
                # "President Ada Okoro of Ghana", "President Ada Okoro (L) of Ghana"
                lead = cap is not None and nj < n and \
                    _SPACE.fullmatch(text[cap:sc.toks[nj][0]] or "x") is not None
                later = sc.country_after(nj, lead_ok=lead) if cap is None or lead else None
                if later:
                    nj, full_end, cands = later
            out.append(PersonMatch(start, full_end, _clean(text[ns:ne]), role, _iso(cands),
                                   text[start:full_end], rank, (ns, ne), (hit.start, role_end),
                                   cands, tenure))
            if hit.prefix_only and role == hit.role and not cands:
                prefix_only.add(id(out[-1]))
            used_until = nj - 1
            k = nj
            continue
        if name is None and (named_ok or before or after or not hit.lower):
            # "C X and member of the ..., N, paid a visit"
            fwd = _forward_appositive(sc, j)
            if fwd is not None:
                nj, ns, ne = fwd
                out.append(PersonMatch(start, ne, _clean(text[ns:ne]), role, _iso(cands),
                                       text[start:ne], rank, (ns, ne), (hit.start, role_end),
                                       cands, tenure))
                used_until = nj - 1
                k = nj
                continue
        if hit.needs_name:
            k = j
            continue
        # appositive: "N, TITLE of C" / "N, the C TITLE" / "N, member of ..., and C TITLE"
        # an earlier "Mr. N" may be the name this title is in apposition with
        prev = out[-1] if out else None
        # ... or "Cardinal N" / "Dr. N": a title that only goes before names
        weak = prev is not None and (prev.rank == "honorific" or prev.role is None
                                     or id(prev) in prefix_only)
        floor = (prev.start if weak else prev.end) if prev else 0
        gi = hit.i if not before else sc.tok_by_start.get(start, hit.i)
        # the title group opens an apposition: ", X", ", the X", "and C X" - not "of X"
        opener = gi > 0 and (sc.gap(gi).strip() == "," or sc.keys[gi - 1] in ("the", "a", "an", "and")
                             or sc.gap(gi).strip() == ")," and sc.caption_before(gi - 1) is not None)
        appos = _appositive(sc, gi, floor) if opener else None
        if appos is not None:
            ns, ne = appos
            pstart = ns
            if weak and prev.start <= ns < prev.end:
                out.pop()
                pstart = prev.start
            out.append(PersonMatch(pstart, end, _clean(text[ns:ne]), role, _iso(cands),
                                   text[pstart:end], rank, (ns, ne), (hit.start, role_end), cands,
                                   tenure))
        elif rank != "honorific" and (determined or before or after):
            out.append(PersonMatch(start, end, None, role, _iso(cands), text[start:end], rank,
                                   None, (hit.start, role_end), cands, tenure))
        used_until = j - 1
        k = j
    return _dedupe(out)


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


def _determined(sc: _Scan, i: int) -> bool:
    """A determiner or a possessive ("the", "the country's") before the title at
    token i, past at most two lower-case words ("the country's new president")."""
    m = i - 1
    for _ in range(3):
        if m < 0 or not sc.space_gap(m + 1):
            return False
        t = sc.toks[m][2]
        if sc.keys[m] in _DETERMINERS or _POSS_END.search(t):
            return True
        if not t.islower() or sc.keys[m] in sc.lex.breakers:
            return False
        m -= 1
    return False


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


# a photo credit glued to a caption's last name when a page was flattened ("William RutoImage:")
_GLUED_CREDIT = re.compile(r"(?<=[a-z])(?:Image|Photo|Picture|Credit|Source|File)s?$")


def _clean(name: str) -> str:
    return _GLUED_CREDIT.sub("", _SPACE.sub(" ", name.replace("\n", " ")).strip())


def _dedupe(items: list[PersonMatch]) -> list[PersonMatch]:
    items.sort(key=lambda p: (p.start, -(p.end - p.start)))
    out: list[PersonMatch] = []
    for p in items:
        if out and p.start < out[-1].end:
            q = out[-1]
            if q.name is None and p.name is not None:
                out[-1] = p
            continue
        out.append(p)
    return out


# --------------------------------------------------------------------------
_HONORIFIC_WORDS = None


def name_tokens(s: str) -> tuple[str, ...]:
    """The words that identify a person ("Mr. Antony Blinken" -> ('antony', 'blinken'))."""
    return _name_tokens_cached(s)


_name_tokens = name_tokens


@lru_cache(maxsize=65536)
def _name_tokens_cached(s: str) -> tuple[str, ...]:
    global _HONORIFIC_WORDS
    if _HONORIFIC_WORDS is None:
        lex = _lex()
        _HONORIFIC_WORDS = {k[0] for k, t in lex.titles.items() if len(k) == 1}
    words = [norm(t) for t in TOKEN.findall(s)]
    words = [w.replace("'", "").replace("-", " ") for w in words]
    flat = [x for w in words for x in w.split()]
    lex = _lex()
    flat = [w for w in flat if w not in lex.particles]
    while flat and flat[0] in _HONORIFIC_WORDS:
        flat = flat[1:]
    return tuple(flat)


def same_person(a: str, b: str) -> bool:
    """'Wang' ~ 'Wang Yi', 'Mr. Blinken' ~ 'Antony Blinken', 'Lula' ~ 'Lula da Silva':
    last words agree, or one name's words all appear in the other (accents/case ignored)."""
    ta, tb = _name_tokens(a or ""), _name_tokens(b or "")
    if not ta or not tb:
        return False
    if ta[-1] == tb[-1]:
        return True
    sa, sb = set(ta), set(tb)
    return sa <= sb or sb <= sa or _variant_spelling(ta, tb)


def _variant_spelling(ta: tuple[str, ...], tb: tuple[str, ...]) -> bool:
    """Two spellings of one full name: word for word equal or, for words of five letters or
    more, one letter apart or one the other's stem ("Mohamed bin Zayed Al Nahyan" /
    "Mohammed Bin Zayed Al Nahayan", "Antony Blinken" / "Bilnken", "Festus Mogae" /
    "Mogaein"), with at least one word the same: transliterations and typos, never a bare
    surname."""
    if len(ta) < 2 or len(ta) != len(tb) or ta == tb:
        return False
    same = 0
    for x, y in zip(ta, tb):
        if x == y:
            same += 1
            continue
        x, y = sorted((x, y), key=len)
        if len(x) < 5 or not ((y.startswith(x) and len(y) - len(x) <= 2) or _one_edit(x, y)):
            return False
    return same >= 1


def _one_edit(x: str, y: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours apart (len(x) <= len(y))."""
    if len(y) - len(x) > 1:
        return False
    if len(x) == len(y):
        diff = [i for i in range(len(x)) if x[i] != y[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]])
    i = next((k for k in range(len(x)) if x[k] != y[k]), len(x))
    return x[i:] == y[i + 1:]


def abbreviates(short: str, full: str) -> bool:
    """Whether a one-word name is a short form built from a full name: its initials
    ("MBS" for Mohammed bin Salman, "AMLO") or the heads of its words run together
    ("Jokowi" for Joko Widodo)."""
    if not short or " " in short.strip() or len(short) < 3:
        return False
    words = [norm(t) for t in TOKEN.findall(full)]
    if len(words) < 2:
        return False
    s = norm(short)
    if short.isupper() and s == "".join(w[0] for w in words if w):
        return True
    main = [w for w in words if w not in _lex().particles]
    for i in range(len(main) - 1):
        a, b = main[i], main[i + 1]
        for k in range(2, len(a) + 1):
            rest = s[k:]
            if s[:k] == a[:k] and len(rest) >= 2 and b.startswith(rest):
                return True
    return False


def likely_same_person(a: str, b: str) -> bool:
    """Stricter than same_person, for linking mentions: a shared surname is not enough
    when both names give a different first name ("Kleopas Dlamini" vs "Sekalo Dlamini");
    a short form still links ("Dlamini", "K. Dlamini", "Mr. Dlamini")."""
    ta, tb = _name_tokens(a or ""), _name_tokens(b or "")
    if not ta or not tb:
        return False
    sa, sb = set(ta), set(tb)
    if sa <= sb or sb <= sa or _variant_spelling(ta, tb):
        return True
    if ta[-1] != tb[-1]:
        return False
    fa, fb = ta[0], tb[0]
    return len(ta) == 1 or len(tb) == 1 or fa == fb or (len(fa) == 1 and fb.startswith(fa)) \
        or (len(fb) == 1 and fa.startswith(fb))


def role_with_country(role: str | None, iso2: str | None) -> str | None:
    """'President', 'AO' -> 'President of Angola'; 'Vice President', 'US' ->
    'Vice President of the United States' (the form the itinerary export uses)."""
    if not role:
        return None
    c = gz.country(iso2) if iso2 else None
    return f"{role} of {c.phrase}" if c else role
