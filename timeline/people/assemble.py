"""One scan of a text and the person mentions it yields: titles chained and joined to
their country and name, overlaps removed, names cleaned."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import gazetteer as gz
from .countries import CountryFinder, _iso
from .lexicon import _DETERMINERS, _POSS_END
from .lists import delegation_heads, listed_officials
from .match import PersonMatch
from .names import NameFinder, _appositive, _forward_appositive
from .text_view import _SPACE, TextView
from .titles import TitleFinder

_ACRONYM_GLOSS = re.compile(r"[ \t]\((?:[A-Z]\.?){2,6}\)(?=[ \t])")
# words that may follow a bare title in an apposition ("N, President and chairman, ...")
_APPOSITION_GOES_ON = frozenset({"and", "of", "for", "to", "at", "in", "since", "who", "whose",
                                 "de", "du", "des", "da", "do", "della", "del", "dei", "der", "von"})
# small words inside a body's name: "Commission of the African Union", "Ministry for Trade and Industry"
_BODY_JOINS = frozenset({"of", "for", "and", "the", "on"})
_FULLNAME_RANKS = {"head_of_state", "head_of_government", "vice", "minister", "royal", "diplomat", "org_head"}


class _Scan(TextView, TitleFinder, NameFinder, CountryFinder):
    """One pass over one text: tokens, places, then titles and names.  The finders are
    mixins rather than separate objects so each lookup stays one method call on one
    object, as on the hot path before the split."""


def find_people(text: str, lang: str | None = None) -> list[PersonMatch]:
    """Person mentions with title, role and the country whose official they are
    (lang: the document's language; titles and their grammar in that language too)."""
    return find_people_and_places(text, lang)[0]


def find_people_and_places(text: str, lang: str | None = None) -> tuple[list[PersonMatch], list]:
    """find_people and gazetteer.find_places from one scan of the text."""
    sc = _Scan(text, lang)
    people = _people_of(sc)
    if lang in (None, "en"):
        # officials listed after a plural title ("presidents A of X and B of Y"), where no
        # title of their own names them
        people = _dedupe(people + listed_officials(text, sc.places) + delegation_heads(text, sc.places))
    return people, list(sc.places)


@dataclass
class _Group:
    """A title with what joins it: the titles chained to it, its country before or after,
    where it starts and ends, and the token where a name may follow (j)."""
    role: str | None
    rank: str | None
    j: int
    role_end: int
    start: int
    end: int = 0
    cands: tuple[str, ...] = ()
    tenure: str | None = None
    before: tuple | None = None
    after: tuple | None = None


def _people_of(sc: _Scan) -> list[PersonMatch]:
    """Every title of the text, read with its chain, its country and its name (after it,
    or in apposition before it)."""
    n = len(sc.toks)
    out: list[PersonMatch] = []
    prefix_only: set[int] = set()     # ids of matches whose title only precedes names
    k = 0
    while k < n:
        hit = sc.title_at(k)
        if hit is None:
            k += 1
            continue
        g = _title_group(sc, hit)
        prev_word = sc.keys[hit.i - 1] if hit.i > 0 else ""
        prev_word_b = prev_word
        if g.before:
            bt = sc.tok_by_start.get(g.start)
            prev_word_b = sc.keys[bt - 1] if bt else ""
        determined = prev_word in sc.determiners or prev_word_b in sc.determiners or \
            (hit.i > 0 and re.search(r"['’]s\s*$", sc.text[max(0, hit.start - 4):hit.start]) is not None)
        # "the country's new president, N": enough to take the name, not to report a nameless title
        named_ok = determined or _determined(sc, sc.tok_by_start.get(g.start, hit.i))
        found = _named(sc, hit, g, determined, named_ok)
        if found is not None:
            match, k, after_title = found
            out.append(match)
            if after_title and hit.prefix_only and g.role == hit.role and not g.cands:
                prefix_only.add(id(match))
            continue
        if hit.needs_name:
            k = g.j
            continue
        match = _titled_apposition(sc, hit, g, out, prefix_only)
        if match is None and g.rank != "honorific" and (determined or g.before or g.after):
            match = _person(sc, g, hit, None, g.start, g.end)
        if match is not None:
            out.append(match)
        k = g.j
    return _dedupe(out)


def _see_after(sc: _Scan, j: int) -> tuple[int, int, tuple[str, ...]] | None:
    """'of Canterbury' after a religious title: (end token, end offset, the city's country)."""
    n = len(sc.toks)
    if j + 1 >= n or sc.keys[j] != "of" or not sc.space_gap(j + 1):
        return None
    p = sc.place_at(j + 1)
    if p is not None and p.kind in ("city", "capital") and p.candidates:
        e = j + 1
        while e < n and sc.toks[e][1] <= p.end:
            e += 1
        return e, p.end, tuple(p.candidates[:1])
    # (a one-word see the place finder left to the name after it: "of Canterbury Rowan ...")
    word = sc.toks[j + 1][2]
    got = gz.city(word) if word[:1].isupper() else None
    return (j + 2, sc.toks[j + 1][1], (got[1],)) if got else None


def _title_group(sc: _Scan, hit) -> _Group:
    """The title at `hit` with the titles chained to it and its country."""
    n = len(sc.toks)
    role, rank, j, role_end = _chain(sc, hit)
    g = _Group(role, rank, j, role_end, hit.start, tenure=hit.tenure)
    # parenthetical gloss "(Foreign Minister)" right after the title
    if j < n and sc.text[role_end:role_end + 2] == " (":
        close = sc.text.find(")", role_end, role_end + 60)
        inner = sc.tok_by_start.get(role_end + 2)
        if close > 0 and inner is not None and sc.title_at(inner) and sc.text[close + 1:close + 2] == " ":
            while g.j < n and sc.toks[g.j][1] <= close:
                g.j += 1
            sc.soft.add(g.j)
    g.before = sc.country_before(hit.i)
    if g.before:
        g.start, g.cands = g.before
        bt = sc.tok_by_start.get(g.start)
        # "former Freedonian President N"
        if g.tenure is None and bt and sc.space_gap(bt) and sc.keys[bt - 1] in sc.lex.tenure \
                and sc.toks[bt - 1][2].islower():
            g.tenure = sc.lex.tenure[sc.keys[bt - 1]]
            g.start = sc.toks[bt - 1][0]
    g.after = sc.country_after(g.j)
    if g.after is None and rank == "religious":
        g.after = _see_after(sc, g.j)   # "Archbishop of Canterbury": a see names its country
    g.end = role_end
    if g.after:
        g.j, g.end, acands = g.after
        g.cands = g.cands or acands
        # "of the Republic of X" was swallowed by the alias
    elif (body := _body_after(sc, g.j)) is not None:
        # "the Chairperson of the African Union Commission, N": a body, not a country
        g.j, g.end, international = body
        if international and g.rank == "other":
            g.rank = "org_head"     # "the Chairperson of the African Union Commission" is a counterpart
    elif not hit.lower and rank in _FULLNAME_RANKS and not (hit.bare and g.j == hit.j):
        # "President of [the Republic of] Ruritania Anton Vello": a country the
        # gazetteer does not know, told from the name by the full name after it
        u = sc.unknown_country_after(g.j)
        if u is not None:
            got = sc.name_after(u)
            # ... and no capitalised word runs on ("of APEC Business Advisory Council")
            if got is not None and sc.tok_from(got[2]) - sc.tok_from(got[1]) >= 2 and \
                    not (got[0] < n and sc.space_gap(got[0]) and sc.cap(got[0])):
                g.after = (u, sc.toks[u - 1][1], ())
                g.j, g.end = u, sc.toks[u - 1][1]
    # the country's abbreviation in brackets: "Prime Minister of the Republic of Korea
    # (ROK) Lee Hae-chan" reads on to the name
    if g.after and g.j < n and (gloss := _ACRONYM_GLOSS.match(sc.text, g.end)):
        while g.j < n and sc.toks[g.j][1] <= gloss.end() - 1:
            g.j += 1
        sc.soft.add(g.j)
    # a second title after the country: "Minister ... of Eswatini Prince Simelane"
    if g.after and g.j < n and sc.space_gap(g.j):
        nxt = sc.title_at(g.j)
        if nxt and not nxt.lower and nxt.rank in ("royal", "honorific", "religious", "other") \
                and nxt.j < n and sc.space_gap(nxt.j, allow_period=True) and sc.name_at(nxt.j):
            g.j = nxt.j
    return g


def _body_after(sc: _Scan, j: int) -> tuple[int, int, bool] | None:
    """(end token, end offset, international) of the body a title heads, after it: "of the
    United Nations" (a body the list knows, a name may follow right after it) or "of the African
    Union Commission," (capitalised words closed by a comma, after which the caller wants a
    name); international when it is, or begins with, a body of resources/international_orgs.txt."""
    n = len(sc.toks)
    if j + 1 >= n or sc.keys[j] != "of" or not sc.space_gap(j) or not sc.space_gap(j + 1):
        return None
    m = j + 1
    if sc.keys[m] == "the":
        if m + 1 >= n or not sc.space_gap(m + 1):
            return None
        m += 1
    known = sc.posting(m)
    if known is not None and sc.is_country_at(m):
        return None
    known_end = known[0] if known is not None else m
    inner = None        # a known body inside the run: "the Commission of the African Union N"
    e = m
    while e < n and e - m < 8 and (e == m or sc.space_gap(e)):
        if sc.cap(e) and not _POSS_END.search(sc.toks[e][2]):
            if e >= known_end and (sc.is_country_at(e) or sc.title_at(e) is not None):
                return None     # "the spokesman of Slovakian President N,": a person, no body
            if e > m and e >= known_end and sc.keys[e - 1] in _BODY_JOINS:
                got = sc.posting(e)
                if got is not None:
                    inner = got
            e += 1
        elif sc.keys[e] in _BODY_JOINS and e > m:
            q = e
            while q < n and q - e < 2 and sc.keys[q] in _BODY_JOINS and (q == e or sc.space_gap(q)):
                q += 1
            if q >= n or not sc.space_gap(q) or not sc.cap(q):
                return None
            e = q
            continue
        else:
            break
        if inner is not None and e > inner[0] and (got := sc.name_at(inner[0])) is not None \
                and got[0] == e:
            return inner[0], inner[1], True
        if e < n and sc.gap(e).strip() == "," and sc.gap(e).count(",") == 1:
            nxt = sc.name_at(e)
            if nxt is not None and nxt[0] + 1 < n and sc.keys[nxt[0]] in ("and", "or") \
                    and sc.cap(nxt[0] + 1):
                return None     # "of Freedonia, Sylvania and Ruritania": a list, no body
            return e, sc.toks[e - 1][1], known is not None or inner is not None
    return (known[0], known[1], True) if known is not None else None


def _chain(sc: _Scan, hit) -> tuple[str | None, str | None, int, int]:
    """Titles that run on: "Emir Sheikh", "Crown Prince and Prime Minister", "President
    Mr.", "Adviser to the President", "Ambassador to the UN".  (role, rank, j, role_end)."""
    n = len(sc.toks)
    role, rank, j, role_end = hit.role, hit.rank, hit.j, hit.end
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
    return role, rank, j, role_end


def _person(sc: _Scan, g: _Group, hit, name_span: tuple[int, int] | None, start: int, end: int) -> PersonMatch:
    name = _clean(sc.text[name_span[0]:name_span[1]]) if name_span else None
    return PersonMatch(start, end, name, g.role, _iso(g.cands), sc.text[start:end], g.rank, name_span,
                       (hit.start, g.role_end), g.cands, g.tenure)


def _named(sc: _Scan, hit, g: _Group, determined: bool, named_ok: bool) -> tuple[PersonMatch, int, bool] | None:
    """The title's name after it ("President N", "the president, N,", "C X and member of
    the ..., N, paid a visit"), the token to go on from, and whether the name stands right
    after the title (not in a forward apposition); None when no name follows."""
    n, text, j = len(sc.toks), sc.text, g.j
    if hit.possessive and g.j == hit.j:
        return None       # "the Admiral's Cup", "the Lord's Resistance Army": the possessive closes
    name = None
    if j < n and sc.space_gap(j, allow_period=True):
        name = sc.name_after(j)
    if name is None and j < n and sc.gap(j).strip() == "," and \
            (named_ok or g.after or g.before or not hit.lower):
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
                     (determined or g.after or g.before or not hit.lower)):
                name = cand     # (past adjectives, the name must close: "the past mayor, N said")
    if name is not None:
        nj, ns, ne = name
        first = sc.tok_by_start.get(ns)
        if first is not None and (sc.keys[first],) in sc.lex.portfolios and first + 2 < nj \
                and sc.space_gap(first + 1):
            ns = sc.toks[first + 1][0]   # "US Secretary Treasury Robert Rubin": a portfolio, not a name
        full_end = ne
        cap = sc.caption_end(ne)
        if cap is not None:             # "N (L)" - the caption is skipped
            nj = max(nj, sc.tok_from(cap))
        if not g.cands and not g.after:
            # "President Ada Okoro of Ghana", "President Ada Okoro (L) of Ghana"
            lead = cap is not None and nj < n and \
                _SPACE.fullmatch(text[cap:sc.toks[nj][0]] or "x") is not None
            later = sc.country_after(nj, lead_ok=lead) if cap is None or lead else None
            if later:
                nj, full_end, g.cands = later
        return _person(sc, g, hit, (ns, ne), g.start, full_end), nj, True
    if named_ok or g.before or g.after or not hit.lower:
        # "C X and member of the ..., N, paid a visit"
        fwd = _forward_appositive(sc, j)
        if fwd is not None:
            nj, ns, ne = fwd
            return _person(sc, g, hit, (ns, ne), g.start, ne), nj, False
    return None


def _titled_apposition(sc: _Scan, hit, g: _Group, out: list[PersonMatch],
                       prefix_only: set[int]) -> PersonMatch | None:
    """The name a title is in apposition with: "N, TITLE of C" / "N, the C TITLE" / "N,
    member of ..., and C TITLE".  An earlier "Mr. N" (or "Cardinal N", "Dr. N": a title
    that only goes before names) may be that name: it is taken out of `out` and replaced."""
    prev = out[-1] if out else None
    weak = prev is not None and (prev.rank == "honorific" or prev.role is None or id(prev) in prefix_only)
    floor = (prev.start if weak else prev.end) if prev else 0
    gi = hit.i if not g.before else sc.tok_by_start.get(g.start, hit.i)
    # the title group opens an apposition: ", X", ", the X", "and C X" - not "of X"
    opener = gi > 0 and (sc.gap(gi).strip() == "," or sc.keys[gi - 1] in ("the", "a", "an", "and")
                         or sc.gap(gi).strip() == ")," and sc.caption_before(gi - 1) is not None)
    bare = sc.gap(gi).strip() == "," and not (g.before or g.after or g.end > g.role_end) and not hit.lower
    if bare and len(sc.toks) > g.j and sc.space_gap(g.j) and not sc.cap(g.j) and sc.gap(g.j) == " " \
            and sc.keys[g.j] not in _APPOSITION_GOES_ON:
        return None    # "Albright, Dalai Lama favor ...": a headline's list, not "N, the title"
    appos = _appositive(sc, gi, floor) if opener else None
    if appos is None:
        return None
    pstart = appos[0]
    if weak and prev.start <= appos[0] < prev.end:
        out.pop()
        pstart = prev.start
    return _person(sc, g, hit, appos, pstart, g.end)


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
