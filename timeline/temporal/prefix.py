"""Which three-character beginnings can a regex match start with?

A speed device for the engine: before a (costly) anchored prefilter match at a
token start, a set lookup of the next three characters rules most starts out.
The sets are computed from the parsed regexes, so they are sound: every match
of the pattern starts with a listed key.  Keys are ASCII, lowercased, with any
digit written 0 and any whitespace a space; text that is not ASCII there is
not filtered (case folding and Unicode digits/spaces are left to the regex).
"""
from __future__ import annotations

import re

try:  # Python 3.11+
    import re._constants as C
    import re._parser as P
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

K = 3
_ASCII = [chr(i) for i in range(128)]
_SPACE = {c for c in _ASCII if c.isspace()}


def canon(c: str) -> str:
    if c.isdigit():
        return "0"
    if c in _SPACE:
        return " "
    return c.lower()


ALPHABET = frozenset(canon(c) for c in _ASCII)
_CAT = {
    C.CATEGORY_DIGIT: {"0"}, C.CATEGORY_SPACE: {" "},
    C.CATEGORY_WORD: {canon(c) for c in _ASCII if c.isalnum() or c == "_"},
    C.CATEGORY_LINEBREAK: {" "},
}
_CAT[C.CATEGORY_NOT_DIGIT] = set(ALPHABET)  # canon letters and marks; "0" only from digits
_CAT[C.CATEGORY_NOT_SPACE] = set(ALPHABET)
_CAT[C.CATEGORY_NOT_WORD] = set(ALPHABET)
_CAT[C.CATEGORY_NOT_LINEBREAK] = set(ALPHABET)
# translate table for text: ASCII digits -> 0, ASCII whitespace -> space
TABLE = str.maketrans({c: canon(c) for c in _ASCII if c.isdigit() or c in _SPACE})


class _Unknown(Exception):
    pass


def _charset(items) -> set[str]:
    out: set[str] = set()
    negate = False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            out.add(canon(chr(av)) if av < 128 else "\x00")
        elif op is C.RANGE:
            lo, hi = av
            for i in range(lo, min(hi, 127) + 1):
                out.add(canon(chr(i)))
        elif op is C.CATEGORY:
            if av not in _CAT:
                raise _Unknown(av)
            out |= _CAT[av]
        else:
            raise _Unknown(op)
    if negate:  # canonical chars stand for several: keep them all (a superset)
        return set(ALPHABET)
    return out


def _seq(items, k: int) -> set[str]:
    """Prefixes (cut at k) of the strings a sequence of parsed items matches."""
    partial = {""}
    done: set[str] = set()
    for op, av in items:
        if not partial:
            break
        nxt = _item(op, av, k)
        new_partial = set()
        for a in partial:
            for b in nxt:
                s = (a + b)[:k]
                (done if len(s) == k else new_partial).add(s)
        partial = new_partial
        if len(done) + len(partial) > 20000:
            raise _Unknown("too many")
    return done | partial


def _item(op, av, k: int) -> set[str]:
    if op is C.LITERAL:
        return {canon(chr(av)) if av < 128 else "\x00"}
    if op is C.NOT_LITERAL or op is C.ANY:
        return set(ALPHABET)
    if op is C.IN:
        return _charset(av)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {""}
    if op is C.SUBPATTERN:
        return _seq(av[-1], k)
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _seq(av, k)
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            out |= _seq(alt, k)
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, hi, sub = av
        out = set()
        top = min(hi, max(lo, k)) if hi != C.MAXREPEAT else max(lo, k)
        for r in range(lo, top + 1):
            out |= _seq(list(sub) * r, k) if r else {""}
        return out
    raise _Unknown(op)


def prefixes(pattern: str, k: int = K) -> frozenset[str] | None:
    """Every match of `pattern` (compiled with re.I) starts with one of these
    keys (or is one of the shorter ones); None when that cannot be worked out."""
    try:
        return frozenset(_seq(P.parse(pattern, re.I), k))
    except (_Unknown, RecursionError, re.error, TypeError, ValueError):
        return None


def keys_of(pfx: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(full-length keys, shorter ones): a text key passes when it is among the
    first or starts with one of the second."""
    return (frozenset(p for p in pfx if len(p) == K), frozenset(p for p in pfx if len(p) < K))


__all__ = ["prefixes", "keys_of", "TABLE", "K"]
