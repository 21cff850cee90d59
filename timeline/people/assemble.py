"""One scan of a text and the person mentions it yields: titles chained and joined to
their country and name, overlaps removed, names cleaned."""
from __future__ import annotations

import re

from .countries import CountryFinder, _iso
from .lexicon import _DETERMINERS, _POSS_END
from .match import PersonMatch
from .names import NameFinder, _appositive, _forward_appositive
from .text_view import _SPACE, TextView
from .titles import TitleFinder

_ACRONYM_GLOSS = re.compile(r"[ \t]\((?:[A-Z]\.?){2,6}\)(?=[ \t])")
_FULLNAME_RANKS = {"head_of_state", "head_of_government", "vice", "minister", "royal", "diplomat"}


class _Scan(TextView, TitleFinder, NameFinder, CountryFinder):
    """One pass over one text: tokens, places, then titles and names.  The finders are
    mixins rather than separate objects so each lookup stays one method call on one
    object, as on the hot path before the split."""


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
