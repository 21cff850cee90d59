"""The language a document is written in, from a small stop-word profile per language.

The profiles are data (lexicon/stopwords.tsv).  English is the default: another language
is reported only when its stop words clearly outnumber the English ones, so an English
story quoting a foreign phrase stays English.  Only the first few thousand characters are read.
"""
from __future__ import annotations

import re
from functools import lru_cache

from timeline.text import LEXICON

DEFAULT = "en"
_SAMPLE = 1500                     # characters read
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _profiles() -> dict[str, str]:
    """word -> the one language it marks (words of two profiles are dropped)."""
    seen: dict[str, set[str]] = {}
    for line in (LEXICON / "stopwords.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, _, words = line.partition("\t")
        for w in words.split():
            seen.setdefault(w.lower(), set()).add(lang.strip())
    return {w: next(iter(langs)) for w, langs in seen.items() if len(langs) == 1}


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """Every word of a language's profile (shared ones included)."""
    for line in (LEXICON / "stopwords.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{lang}\t"):
            return frozenset(w.lower() for w in line.split("\t", 1)[1].split())
    return frozenset()


def languages() -> tuple[str, ...]:
    return tuple(sorted(set(_profiles().values())))


def identify(text: str) -> str:
    """'en', 'fr', 'es', 'pt', 'it', 'id' or 'de' (English unless another language clearly wins)."""
    profile = _profiles()
    counts: dict[str, int] = {}
    head = text[:_SAMPLE // 4].lower()
    for w in _WORD.findall(head):
        lang = profile.get(w)
        if lang is not None:
            counts[lang] = counts.get(lang, 0) + 1
    if counts.get(DEFAULT, 0) >= 6 and len(counts) == 1:
        return DEFAULT              # plainly English: most documents stop here
    for w in _WORD.findall(text[_SAMPLE // 4:_SAMPLE].lower()):
        lang = profile.get(w)
        if lang is not None:
            counts[lang] = counts.get(lang, 0) + 1
    if not counts:
        return DEFAULT
    best = max(counts, key=lambda k: counts[k])
    english = counts.get(DEFAULT, 0)
    if best == DEFAULT or counts[best] < 2 or counts[best] < 1.5 * english + 1:
        return DEFAULT
    return best
