"""Whether two names are one person: "Wang" ~ "Wang Yi", "Mr. Blinken" ~ "Antony Blinken",
"MBS" for "Mohammed bin Salman", transliterations and typos."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..gazetteer import TOKEN, fold, norm
from .lexicon import _lex

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


def misspelt(a: str, b: str) -> bool:
    """Two spellings of one surname of six letters or more, one letter apart ("Widowo" /
    "Widodo", "Bilnken" / "Blinken")."""
    x, y = sorted((fold(a).lower(), fold(b).lower()), key=len)
    return len(x) >= 6 and x != y and _one_edit(x, y)


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


@lru_cache(maxsize=1)
def _given_name_forms() -> dict[str, int]:
    path = Path(__file__).resolve().parents[1] / "resources" / "given_name_forms.txt"
    out: dict[str, int] = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if line.strip() and not line.startswith("#"):
            for w in line.split():
                out[w] = i
    return out


def same_traveler(a: str, b: str) -> bool:
    """Whether mentions in different stories name one traveler: likely_same_person (which
    takes initials and spellings), or one surname with given names that are forms of one
    ("Joe" / "Joseph", "Bill" / "William") - not two people who share a surname
    ("Iajuddin Ahmed" / "Abdullahi Yusuf Ahmed", "Rajiv" / "Rahul Gandhi")."""
    if likely_same_person(a, b):
        return True
    ta, tb = _name_tokens(a or ""), _name_tokens(b or "")
    if not ta or not tb or ta[-1] != tb[-1]:
        return False
    forms = _given_name_forms()
    return ta[0] in forms and forms.get(tb[0]) == forms[ta[0]]
