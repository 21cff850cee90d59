"""Sentences with offsets, and small text helpers shared by the extraction steps."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).with_name("lexicon")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    words: set[str] = set()
    for line in (LEXICON / "abbreviations.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(w.lower() for w in line.split())
    return frozenset(words)


# A sentence ends at . ! ? (optionally followed by a closing quote/bracket) then space and
# an opening capital, digit or quote; or at a line break (titles, captions, lists).
_BOUNDARY = re.compile(r"([.!?][\"'’”)\]]*)(\s+)(?=[\"'‘“(\[]?[A-Z0-9À-Ý])|\n+")
_PARAGRAPH = re.compile(r"([.!?][\"'’”)\]]*)(\s+)(?=[\"'‘“(\[]?[A-Z0-9À-Ý])|\n[ \t]*\n\s*")
_LINE_END = re.compile(r"[.!?:\"'’”)\]]\s*$")


def hard_wrapped(text: str) -> bool:
    """Text broken into lines of a fixed width (wire copy, TimeML): a line break is a space.

    Most long lines then end in the middle of a sentence; in text whose lines are
    paragraphs, titles and captions, they end with punctuation or are short.
    """
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 4:
        return False
    long_lines = [ln for ln in lines if len(ln) >= 40]
    open_ended = [ln for ln in long_lines if not _LINE_END.search(ln) and len(ln) <= 110]
    return len(long_lines) >= 0.6 * len(lines) and len(open_ended) >= 0.5 * len(long_lines)


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    abbrevs = abbreviations()
    out: list[Sentence] = []
    begin = start
    boundary = _PARAGRAPH if hard_wrapped(text) else _BOUNDARY
    for m in boundary.finditer(text, start):
        if m.group(1):
            token = text[max(begin, m.start() - 12):m.end(1)].split()[-1] if text[begin:m.end(1)].split() else ""
            token = token.lower().lstrip("(\"'“‘")
            if token.rstrip("\"'’”)]") in abbrevs or re.fullmatch(r"(?:[a-z]\.){1,3}", token) \
                    or re.fullmatch(r"[a-z]\.", token):
                continue  # "Jan. 11", "U.S. Secretary", "F. Kennedy"
            cut = m.end(1)
        else:
            cut = m.start()
        _emit(text, begin, cut, out)
        begin = m.end()
    _emit(text, begin, len(text), out)
    return out


# No news sentence is this long (the longest of the corpora: 724 characters); a run-on
# "sentence" longer than this (a dump, a list without full stops) is cut into pieces of
# at most this length, at a clause break when there is one, so that every per-sentence
# step works in a bounded window and the whole document stays linear in its length.
MAX_SENTENCE = 1000


def _emit(text: str, a: int, b: int, out: list[Sentence]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    while b - a > MAX_SENTENCE:
        cut = _piece_end(text, a, a + MAX_SENTENCE)
        _emit(text, a, cut, out)
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        out.append(Sentence(a, b, text[a:b]))


def _piece_end(text: str, a: int, limit: int) -> int:
    """Where to cut a run-on sentence starting at `a` before `limit`: after the last clause
    break (", " "; ") in its second half, else at the last space, else at the limit."""
    half = a + (limit - a) // 2
    clause = max(text.rfind(", ", half, limit), text.rfind("; ", half, limit), text.rfind(": ", half, limit))
    if clause > a:
        return clause + 1
    space = text.rfind(" ", half, limit)
    return space if space > a else limit


def reading_end(text: str, limit: int) -> int:
    """Where the reading of a text longer than `limit` stops: after the last paragraph end
    in the second half before `limit`, else the last sentence end, else the last line end,
    else a clause break or a space."""
    if len(text) <= limit:
        return len(text)
    half = limit // 2
    for marks in (("\n\n",), (". ", "? ", "! ", ".\n", "?\n", "!\n"), ("\n",)):
        end = max(text.rfind(mark, half, limit) for mark in marks)
        if end > 0:
            return end + 1
    return _piece_end(text, 0, limit)


def fold(s: str) -> str:
    """Lower case without accents: 'Erdoğan' -> 'erdogan'."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


# Letters that carry no accent to strip (NFKD leaves them whole): their Latin spelling.
_TRANSLIT = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d",
                           "Ð": "D", "þ": "th", "Þ": "Th", "ß": "ss", "æ": "ae", "Æ": "Ae",
                           "œ": "oe", "Œ": "Oe", "ı": "i", "ħ": "h", "Ħ": "H", "ŋ": "ng"})


def slugify(s: str) -> str:
    """'Łukasz Żółć-D'Arcy' -> 'lukasz-zolc-d-arcy'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(s.translate(_TRANSLIT))).strip("-")
