"""The event lexicon: the tables of timeline/lexicon/ loaded once, and the word-level tests built from them
(which words announce an event, how they are used, which grammar words break a clause)."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from timeline import gazetteer
from timeline.text import LEXICON, Sentence, fold

TRAVEL_TYPES = {"visit", "arrival", "departure", "tour"}


CHANGE_TYPES = {"skipped", "cancelled", "postponed"}


@dataclass(frozen=True)
class Trigger:
    phrase: str
    type: str
    tense: str       # past | present | future | base | noun
    traveler: str    # subject | object
    boundary: str    # start | end | span | point


def _rows(name: str, columns: int = 1) -> list[list[str]]:
    """The data rows of a lexicon file; a row with too few columns is an error naming its line."""
    rows = []
    with (LEXICON / name).open(encoding="utf-8") as f:
        for n, r in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not r or not r[0].strip() or r[0].startswith("#"):
                continue
            if len(r) < columns:
                raise ValueError(f"{LEXICON / name}:{n}: expected {columns} tab-separated columns, found {len(r)}")
            rows.append(r)
    return rows


# --------------------------------------------------------------------------
# other languages: the same tables as <name>.<lang>.<ext> (triggers.fr.tsv, ...), chosen by the
# document's language; a language without its own table uses the English one.
@lru_cache(maxsize=None)
def _lang_file(base: str, lang: str | None) -> str | None:
    """'triggers.tsv' in a language: 'triggers.fr.tsv' when that table exists."""
    if not lang or lang == "en":
        return None
    stem, ext = base.rsplit(".", 1)
    name = f"{stem}.{lang}.{ext}"
    return name if (LEXICON / name).is_file() else None


def _fkey(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.lower()).replace("’", "'")


def is_foreign(lang: str | None) -> bool:
    return _lang_file("triggers.tsv", lang) is not None


@lru_cache(maxsize=None)
def _foreign_triggers(name: str) -> tuple[dict[str, Trigger], re.Pattern]:
    """A foreign trigger table: exact (lower-case) phrases, plus each phrase without its
    accents when no other phrase is written that way ("arrive" stays the present tense)."""
    table = {_fkey(r[0]): Trigger(*[c.strip() for c in r[:5]]) for r in _rows(name, 5)}
    for k, t in list(table.items()):
        table.setdefault(fold(k), t)
    words = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]")
                                                  for w in words) + r")(?![\w-])", re.I)
    return table, pattern


@lru_cache(maxsize=None)
def _foreign_classes(lang: str) -> dict[str, list[str]]:
    name = _lang_file("words.tsv", lang)
    if name is None:
        return {}
    return {r[0].strip(): [w.replace("_", " ") for w in r[1].split()] for r in _rows(name, 2)}


_FOREIGN_WORD = re.compile(r"[^\W\d_]+")


def words_of(text: str, lang: str | None, english: str) -> list[str]:
    """The lower-case words of a text: by the English pattern the caller uses, or, in
    another language, every run of letters (accented letters included)."""
    if is_foreign(lang):
        return _FOREIGN_WORD.findall(text.lower())
    return re.findall(english, text.lower())


@lru_cache(maxsize=None)
def list_sep(lang: str | None = None) -> re.Pattern:
    """LIST_SEP in a language ("Cameroun, Bénin et Guinée": ", et")."""
    joiners = _foreign_classes(lang).get("list_joiners") if is_foreign(lang) else None
    if not joiners:
        return LIST_SEP
    alt = "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s*" if w.startswith(",") else r"\s+")
                           for w in sorted(joiners, key=len, reverse=True)) + ")"
    return re.compile(rf"^\s*{alt}\s*$", re.I)


@lru_cache(maxsize=None)
def foreign_name_stopwords(lang: str | None) -> frozenset[str]:
    """Words never in a bare name of a document in another language (folded): its stop words,
    its agent words, and resources/name_stopwords_foreign.txt ("Hintergrund der" is no name)."""
    if not is_foreign(lang):
        return frozenset()
    from timeline.language import stop_words
    words = set(stop_words(lang)) | set(agent_words(lang)) | set(gazetteer._read_list("name_stopwords_foreign.txt"))
    return frozenset(fold(w) for w in words)


@lru_cache(maxsize=None)
def onward_words(lang: str | None) -> frozenset[str]:
    """Prepositions that, after a departure verb, name the next stop ("a quitté X pour Y",
    "bertolak ke Y"); English keeps its own list in story.place_roles."""
    return frozenset(_foreign_classes(lang).get("onward", ())) if is_foreign(lang) else frozenset()


@lru_cache(maxsize=None)
def stay_nouns(lang: str | None) -> frozenset[str]:
    """Nouns of a stay in a language ("visite", "kunjungan"): 'ended his visit to X' leaves X."""
    return frozenset(w.lower() for w in _foreign_classes(lang).get("stay_nouns", ())) if is_foreign(lang) \
        else frozenset()


@lru_cache(maxsize=None)
def with_name(lang: str | None = None) -> re.Pattern:
    """WITH_NAME in a language ("s'est entretenu avec N", "se reunió con N")."""
    classes = _foreign_classes(lang) if is_foreign(lang) else {}
    if not classes.get("with"):
        return WITH_NAME
    alt = "|".join(re.escape(w) for w in classes["with"])
    poss = "|".join(re.escape(w) for w in classes.get("possessives", ())) or "(?!x)x"
    return re.compile(rf"[^.;:]{{0,30}}?\b(?:{alt})\s+(?:(?:{poss})\s+\w+\s*,?\s*)?"
                      r"([A-ZÀ-Ý][\w'’-]+(?:[ \t]+[A-ZÀ-Ý][\w'’-]+){1,3})")


def triggers(lang: str | None = None) -> tuple[dict[str, Trigger], re.Pattern]:
    foreign = _lang_file("triggers.tsv", lang)
    return _foreign_triggers(foreign) if foreign else _english_triggers()


@lru_cache(maxsize=1)
def _english_triggers() -> tuple[dict[str, Trigger], re.Pattern]:
    table = {r[0].strip(): Trigger(*[c.strip() for c in r[:5]]) for r in _rows("triggers.tsv", 5)}
    words = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
                         + r")(?![\w-])", re.I)
    return table, pattern


@lru_cache(maxsize=None)
def prepositions(lang: str | None = None) -> dict[str, str]:
    name = _lang_file("prepositions.tsv", lang) or "prepositions.tsv"
    return {r[0].strip().lower(): r[1].strip() for r in _rows(name, 2)}


@lru_cache(maxsize=1)
def relational_titles() -> frozenset[str]:
    return frozenset(r[0].strip().lower() for r in _rows("relational_titles.txt"))


@lru_cache(maxsize=1)
def counterpart_ranks() -> frozenset[str]:
    return frozenset(r[0].strip() for r in _rows("counterpart_ranks.txt"))


@lru_cache(maxsize=1)
def _greeting_contexts() -> tuple[str, ...]:
    return tuple(r[0].strip().lower() for r in _rows("greeting_contexts.txt"))


def is_greeting(sentence: str, lang: str | None = None) -> bool:
    low = sentence.lower()
    if is_foreign(lang):
        return any(w in low for w in _foreign_classes(lang).get("greetings", ()))
    return any(w in low for w in _greeting_contexts())


@lru_cache(maxsize=1)
def _link_markers() -> tuple[frozenset[str], re.Pattern]:
    words = frozenset(" ".join(r[0].split()).lower() for r in _rows("link_markers.txt"))
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return words, re.compile(rf"(?:{alt})\s*[:：]", re.I)


_VIDEO_LENGTH = re.compile(r"\d{1,2}:\d{2}")
_SENTENCE_END = re.compile(r"[.!?…\"”»')]\s*$")


def link_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of a web page that lead to other stories: "Read more: X visits Y",
    and the unpunctuated lines next to a marker line ("Go to video", "Related", "01:34").
    Their headlines are other stories' ("Morocco: Economist arrested during Macron's visit")."""
    words, opener = _link_markers()
    lines, at = [], 0
    for raw in text.split("\n"):
        lines.append((at, at + len(raw), raw.strip()))
        at += len(raw) + 1
    marker = [bool(t) and (" ".join(t.lower().rstrip(":").split()) in words or _VIDEO_LENGTH.fullmatch(t) is not None)
              for _, _, t in lines]
    out = []
    for i, (a, b, t) in enumerate(lines):
        if not t or marker[i]:
            continue
        if opener.match(t):
            out.append((a, b))
            continue
        if _SENTENCE_END.search(t) or len(t.split()) > 20:
            continue
        # the nearest non-blank lines on either side
        prev = next((j for j in range(i - 1, -1, -1) if lines[j][2]), None)
        nxt = next((j for j in range(i + 1, len(lines)) if lines[j][2]), None)
        if (prev is not None and marker[prev]) or (nxt is not None and marker[nxt]):
            out.append((a, b))
    return out


def is_welcome(verb: str, lang: str | None = None) -> bool:
    """A welcome verb ("was welcomed by N", "a été accueilli par N"): right after an arrival,
    part of it (the welcoming party), not a meeting."""
    words = _foreign_classes(lang).get("welcome_verbs", ()) if is_foreign(lang) else word_classes()["welcome_verbs"]
    return verb.lower().split()[-1] in words


# "welcomed by N at the State House", "welcomed for a state dinner by N": a welcome at a
# named venue or for an occasion is a ceremony of its own
AT_VENUE = re.compile(r"\b(?:at|in)\s+the\s+[A-Z]|\bat\s+[A-Z]")
FOR_OCCASION = re.compile(r"\s+for\b")


@lru_cache(maxsize=1)
def sole_titles() -> frozenset[str]:
    return frozenset(r[0].lower() for r in _rows("sole_titles.txt"))


@lru_cache(maxsize=None)
def agent_words(lang: str | None = None) -> frozenset[str]:
    if is_foreign(lang):
        return frozenset(w.lower() for w in _foreign_classes(lang).get("agents", ()))
    return frozenset(r[0].strip().lower() for r in _rows("agents.txt"))


@lru_cache(maxsize=None)
def modality_markers(lang: str | None = None) -> tuple[tuple[str, str], ...]:
    name = _lang_file("modality.tsv", lang) or "modality.tsv"
    rows = [(r[0].strip().lower(), r[1].strip()) for r in _rows(name, 2)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def word_classes() -> dict[str, list[str]]:
    return {r[0].strip(): [w.replace("_", " ") for w in r[1].split()] for r in _rows("word_classes.tsv", 2)}


def _alt(name: str) -> str:
    """A word class as a regex alternation (longest first, white space flexible)."""
    words = sorted(word_classes()[name], key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s*" if w.startswith(",") else r"\s+")
                            for w in words) + ")"


# The shapes are code, the words data (lexicon/word_classes.tsv).
BEFORE_BREAK = re.compile(rf"\b{_alt('clause_openers')}\b|[;:]", re.I)


CONJOINED = re.compile(rf"\b{_alt('conjoining')}\b(?:\s+\w+)?\s*$", re.I)


PROGRESSIVE = re.compile(rf"\b{_alt('progressive_auxiliaries')}\s+(?:{_alt('progressive_adverbs')}\s+)?"
                          r"(?:\w+ing\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?)?$", re.I)


CLAUSE_BREAK = re.compile(rf"[;:]|,\s+{_alt('clause_breakers')}\b|\b{_alt('relative_pronouns')}\b", re.I)


@lru_cache(maxsize=None)
def clause_break(lang: str | None = None) -> re.Pattern:
    """CLAUSE_BREAK in a language: a relative or contrasting clause opened after a comma
    ("se reunió con X, en el que se discutió la situación en Haití": Haiti is talked about)."""
    words = _foreign_classes(lang).get("clause_breakers") if is_foreign(lang) else None
    if not words:
        return CLAUSE_BREAK
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"[;:]|,\s+(?:{alt})(?![\w-])", re.I)


NOUN_OF_STAY = re.compile(rf"\b{_alt('stay_nouns')}s?\b", re.I)   # (plurals too: "the expected visits")


LIST_SEP = re.compile(rf"^\s*{_alt('list_joiners')}\s*(?:the\s+)?$", re.I)


BARE_NAME = re.compile(r"(?<![\w.-])([A-ZÀ-Ý][a-zà-ÿ-]+(?:[ \t]+(?:[A-ZÀ-Ý][a-zà-ÿ-]+|de|da|van|der|bin|al)){1,3})(?![\w-])")


@lru_cache(maxsize=1)
def name_stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in gazetteer._read_list("name_stopwords.txt"))


@lru_cache(maxsize=1)
def bare_name_stopwords() -> frozenset[str]:
    return frozenset(fold(r[0].strip()) for r in _rows("bare_name_stopwords.txt"))


RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which)\b[^,;]*$", re.I)


FRONTED = re.compile(rf"\W*{_alt('fronted_subordinators')}\b", re.I)


NIGHT = re.compile(rf"{_alt('night_parts')}$")


DURATIVE = re.compile(rf"\b{_alt('durative_openers')}\b[^,;]*$", re.I)


SUBORDINATE = re.compile(rf"\b{_alt('subordinators')}\b", re.I)


# "he will then travel", "the chancellor had already arrived": a pronoun or a titled
# description for subject, up to four lower-case words (auxiliaries, adverbs) before the verb
PRONOUN_SUBJECT = re.compile(rf"(?<![\w-])(?:{_alt('subject_pronouns')}|the\s+(?:[a-z-]+\s+)?{_alt('subject_descriptions')})"
                             r"((?:\s+[a-z]+){0,4})\s*$", re.I)
# "X hoped to pass the bill before he leaves for ...": a pronoun opening a clause subordinate to
# the sentence's main clause is that clause's subject
BOUND_PRONOUN = re.compile(rf"\b(?:before|after|when|while|until|once|because|as\s+soon\s+as)\s+"
                           rf"{_alt('subject_pronouns')}(?:\s+[a-z]+){{0,3}}\s*$", re.I)
# "upon his arrival", "during her visit": a possessive in an adjunct of the clause's own verb
ADJUNCT_POSSESSIVE = re.compile(rf"\b(?:upon|on|during|after|before|at|since|following|throughout|ahead\s+of|at\s+the\s+end\s+of|"
                                rf"at\s+the\s+start\s+of)\s+{_alt('possessive_pronouns')}\s+(?:[a-z-]+\s+){{0,2}}$", re.I)
# what opens the clause a possessive's owner is the subject of: a reported clause ("said
# that"), a clause break
REPORTED_CLAUSE = re.compile(rf"\b{_alt('reporting_verbs')}\s+(?:that\s+)?|\btold\s+\w+\s+that\s+|\bthat\s+|"
                             rf"\b(?:who|which)\s+|[;:]", re.I)
# an infinitive right after an object: the object controls it ("warned Y Friday to be careful
# during his trip")
INFINITIVE = re.compile(r"\s*(?:[\w,]+\s+){0,2}?to\s+[a-z]+", re.I)
# a pronoun for the clause's subject: "he held talks with Y during his visit"
SUBJECT_PRONOUN = re.compile(rf"\b{_alt('subject_pronouns')}\b", re.I)
# "by Y during her visit": a passive's agent
AGENT_BY = re.compile(r"\bby\s+$", re.I)
# "was in", "is in": a trigger that names where only by the place right after it
LOCATIVE_TRIGGER = re.compile(r"\b(?:was|is|were|are|be|been)\s+(?:in|at)$", re.I)
# "the meeting", "this visit": a noun the story has already spoken of
DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that)\s+$", re.I)
# a sentence opening with an adjunct a meeting noun heads: "During a meeting with X, Hu said",
# "In his talks with X, ..." (its subject comes after the comma; not "After the meeting, X told
# reporters": who speaks after a meeting need not have been in it)
FRONTED_ADJUNCT = re.compile(r"\s*(?:during|in|at|on\s+the\s+sidelines\s+of)\s+"
                             r"(?:a|an|the|his|her|their|its|this|that)?\s*(?:[a-z-]+\s+){0,2}$", re.I)
# a sentence opening with a subordinate gerund: "When meeting with X, Hu said", "After
# visiting Namibia, X flew to ..." (its subject comes after the comma)
FRONTED_GERUND = re.compile(r"\s*(?:when|while|after|before|upon|on|since)\s+$", re.I)
# "upon arrival", "before departure": a trip noun with no determiner in an adjunct
BARE_ADJUNCT = re.compile(r"\b(?:upon|on|after|before|following)\s+$", re.I)
# "his visit", "her trip"
POSSESSIVE_BEFORE = re.compile(rf"(?<![\w-]){_alt('possessive_pronouns')}\s+(?:[a-z-]+\s+){{0,2}}$", re.I)
# between a date and a trip noun: the noun sits in another noun's complement ("the itinerary
# of the visit") or a reporting verb's object ("announced on Monday the visit"): the date
# is the other word's
NOUN_DATE_BLOCK = re.compile(rf"\bof\b|\b{_alt('reporting_verbs')}\b", re.I)
# "the itinerary of the visit", "preparations for the trip": the trip is a plan
PLAN_OF = re.compile(rf"\b{_alt('plan_nouns')}\s+(?:of|for)\s+(?:[\w’'-]+\s+){{0,6}}$", re.I)
# a date that premodifies another noun: "its 1975-1990 civil war", "the 1994 genocide" (the date
# is that noun's; a trigger right after it is the exception the caller makes: "the May 10 visit")
ATTRIBUTIVE_BEFORE = re.compile(rf"\b{_alt('possessives')}\s+$", re.I)
ATTRIBUTIVE_AFTER = re.compile(rf"\s+(?!{_alt('date_followers')}\b)[A-Za-z]", re.I)
# "said on Saturday during a visit to X", "said Monday here at the start of a visit": what is
# said during a stay dates the stay
# (the trigger may be the "start" itself: "said Monday at the start of ...")
DURING_NOUN = re.compile(r"\W*(?:here\s+)?(?:(?:during|while\s+on|in\s+the\s+course\s+of|on\s+the\s+sidelines\s+of"
                         r"|at\s+the\s+(?:start|end|beginning|close|conclusion|outset)\s+of)\s+(?:[\w’'-]+\s+){0,3}"
                         r"|at\s+the\s+)$", re.I)
# "Japan is arranging his visit", "preparing the trip": a trip noun still being prepared
PLAN_VERB_BEFORE = re.compile(rf"\b{_alt('plan_verbs')}\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){{0,2}}$", re.I)
# a reporting verb right before a date: "published on May 28", "announced Monday"
REPORTED_ON = re.compile(rf"\b{_alt('reporting_verbs')}\s+(?:on\s+|last\s+|this\s+)?$", re.I)
# ", whom President Y brought into the cabinet": a relative clause after the people met
RELATIVE_AFTER = re.compile(r",\s+(?:whom|who|whose|which)\b", re.I)
# what links a meeting noun to whom it meets: "a meeting with X", "talks between X and Y"
MEETING_LINK = re.compile(r"\b(?:with|between)\b", re.I)
# a meeting named by whose or where it is: "an EU foreign ministers' meeting", "the Washington
# meeting", "a NATO meeting" in a prepositional phrase (not "X and Y held the 10th Prime
# Ministers' Meeting": the subjects of the verb holding it are its participants)
NOUN_MODIFIERS = re.compile(r"\b(?:at|in|during|after|before|on|from|following)\s+"
                            r"(?:a|an|the|this|that|last|next)\s+((?:[\w'’.-]+\s+){1,4})$", re.I)
# "arrived here Monday", "met here": at the place the story is filed from (not "from here")
HERE = re.compile(rf"(?<!from )\b{_alt('here_words')}\b", re.I)
# a headline placing its story: "Arafat in Cairo", "Namibian president visits Singapore"
HEADLINE_AT = re.compile(rf"\b{_alt('headline_at_words')}\s+(?:the\s+)?$", re.I)
HEADLINE_STAY = re.compile(rf"\s+{_alt('stay_nouns')}\b", re.I)      # "begins Turkey visit"
# "held phone talks with", "a video meeting": talks at a distance put no one anywhere
REMOTE = re.compile(rf"\b{_alt('remote_markers')}\b", re.I)
# words that make a time expression name a day ("Monday 10 a.m.", "tonight"), not only an hour
DAY_WORDS = re.compile(r"\d{1,2}[/.-]\d|\b(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|"
                       r"oct|nov|dec|today|tonight|tomorrow|yesterday|\d{4})", re.I)
# "in", "at" right before a place (and its article or a title like "the capital"): where
AT_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$", re.I)
def opens_quote(text: str, a: int, b: int) -> bool:
    """Whether a quotation opens between a and b and is still open at b."""
    gap = text[a:b]
    return gap.count('"') % 2 == 1 or gap.count("“") > gap.count("”") or gap.count("``") > gap.count("''")


# "said in Ankara", "said Monday at a news conference in Ankara": the speaker was there (a day
# word or two may come between; not "said Turkey must ...", whose place is what is said)
LOCATED_SAYING = re.compile(rf"(?i:,?\s*(?:(?:on\s+)?(?:{_alt('time_adverbs')}|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+)?"
                            r"(?:(?:at|during)\s+(?:a|an|the|his|her|their|a\s+joint)\s+(?:\w+\s+){0,2}"
                            r"(?:news|press)\s+conference\s+)?(?:in|at)\s+(?:the\s+)?)"
                            # a description before the place: "in the Brazilian city of Sao Paulo"
                            r"(?:(?:[A-Z][a-z]+|(?i:southern|northern|eastern|western|central|coastal|capital|city|port|town|resort))\s+){0,3}"
                            r"(?:(?i:of)\s+)?$")
# "At that time, he visited ...": the time of the last dated thing the story told
BACK_THEN = re.compile(rf"\b{_alt('anaphoric_past')}\b", re.I)
# right after a name: another name the story gives the person ("(Jokowi)", ", known as Jokowi")
ALIAS_AFTER = re.compile(r"\s*(?:\(\s*[\"“]?([A-Z][a-z][\w'’-]+)[\"”]?\s*\)|,\s+(?:also\s+|commonly\s+|better\s+|popularly\s+)?"
                         r"known\s+as\s+[\"“]?([A-Z][a-z][\w'’-]+))")
# a past participle followed by its agent: "attended by", "visited by"
PASSIVE_BY = re.compile(r"\s+by\b", re.I)
# "... to attend": an infinitive of purpose right before a verb
PURPOSE_TO = re.compile(r"\bto\s+$", re.I)
# ... not the "to" of a plan, a wish or a duty: "she was to meet", "hoped to enact", "refused to attend"
MODAL_TO = re.compile(rf"\b{_alt('modal_to_heads')}\s+to\s+$", re.I)
# between two coordinated names: "X and Y", "X, Y"
COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)", re.I)
# a verb in the past before an infinitive of purpose (regular, or a common irregular one)
PAST_MAIN_VERB = re.compile(rf"\b(?:[a-z]+ed|{_alt('irregular_past')})\b", re.I)
# after a noun, its own verb looking ahead: "A meeting with X is also planned", "talks are scheduled"
PLANNED_AFTER = re.compile(r"\b(?:is|are)\s+(?:also\s+|now\s+|still\s+)?(?:planned|scheduled|expected|due|set)\b", re.I)
# prepositions that give a place its own role in a journey (not an apposition of the one before)
MOVEMENT_PREPOSITION = re.compile(r"\b(?:for|to|towards?|from|via|through|and)\b", re.I)
# right after a person: ", who" opens a relative clause whose subject is that person
RELATIVE_SUBJECT = re.compile(rf"\s*,?\s*{_alt('relative_pronouns')}\b", re.I)
# "is (currently) on a three-day visit": the trip noun is the subject's
_ON_A_NOUN = r"on\s+(?:a|an|his|her|their|the)\s+(?:[\w-]+\s+){0,3}$"     # "... on a three-day "
BE_ON_NOUN = re.compile(r"\b(?:is|was|are|were|be|been)\s+(?:[a-z]+ly\s+|now\s+|still\s+)?" + _ON_A_NOUN, re.I)
# "who is paying a landmark visit to X", "made a four-day visit": the trip noun is the verb's subject's
PAYING_NOUN = re.compile(rf"\b{_alt('owner_verbs')}\s+(?:a|an|his|her|their|the)\s+(?:[\w-]+\s+){{0,3}}$", re.I)
# "Mbeki's scheduled one-day visit", "the upcoming trip": a trip noun its adjective puts ahead
PLANNED_NOUN = re.compile(rf"\b{_alt('plan_adjectives')}\s+(?:[\w-]+\s+){{0,2}}$", re.I)
# "where he was on a three-day visit": a stay the verb puts in the past, whatever the sentence plans
WAS_ON_NOUN = re.compile(r"\b(?:was|were|had\s+been)\s+(?:[a-z]+ly\s+|still\s+)?" + _ON_A_NOUN, re.I)
# ", who flew here from Malaysia where he was on a visit,": a relative clause set off by commas
PARENTHETICAL_RELATIVE = re.compile(r",\s+(?:who|which|whose|whom)\b[^,;:]*,", re.I)
# ", who arrived on Tuesday": a clause about a person named after the trigger
PERSON_RELATIVE_AFTER = re.compile(r",\s+(?:who|whom|whose)\b", re.I)
# "with visiting US Secretary of State Y": the person met is the visitor
VISITING_BEFORE = re.compile(r"\bvisiting\s+(?:[A-Z][\w.'’-]*\s+|of\s+|and\s+){0,7}$")
# "in Mettlach, Germany", "at the Elysee in Paris": a venue's preposition before a place
VENUE_BEFORE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:[\w'’-]+,?\s+){0,2}$", re.I)
FROM_BEFORE = re.compile(r"\b(?:from|via)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$", re.I)   # "from neighbouring X"
WHERE_WAS_AFTER = re.compile(r",?\s+where\s+(?:he|she|they)\s+(?:was|were|had\s+been)\b", re.I)
# "arrived in X after visiting A, B and C": stops made before the main verb's day
AFTER_GERUND = re.compile(r"\b(?:after|since)\s+$", re.I)
# "he said after later holding talks with X": talks held by the main verb's subject
AFTER_HOLDING = re.compile(r"\b(?:after|before|while|since)\s+(?:later\s+|then\s+|[a-z]+ly\s+)?(?:holding|having|conducting)"
                           r"\s+(?:[\w-]+\s+){0,2}$", re.I)
# "returned to Cairo after visits to Russia, China and Kazakhstan", "after his three-day visit to X"
AFTER_NOUN = re.compile(r"\b(?:after|since)\s+(?:(?:his|her|their)\s+)?(?:[\w-]+\s+)?$", re.I)
OWNER_AFTER = re.compile(rf"\s+{_alt('owner_verbs')}\b", re.I)
# "the visit of X", "the last leg of X's tour": of + the person the noun is about
NOUN_OF_OWNER = re.compile(r"\s+of\s+")
# the agent of a trip noun: "the visit (to the United States) by X", "a trip by X"
NOUN_BY = re.compile(r"(?:\s+(?:to|in)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})?\s+by\s+")


WITH_NAME = re.compile(r"[^.;:]{0,30}?\bwith\s+(?:(?:his|her|their)\s+\w+\s*,?\s*)?"
                        r"([A-ZÀ-Ý][\w'’-]+(?:[ \t]+[A-ZÀ-Ý][\w'’-]+){1,3})")


# a determiner or a possessive ("his", "Francis’", "the leaders'"), then up to two modifiers
# ("the first state visit", "Francis’ 37th foreign visit") that are no auxiliary or "to"
_DETERMINER_BEFORE = re.compile(rf"(?:\b{_alt('determiners')}|['’]s|(?<=s)['’])"
                                rf"(?:\s+(?!{_alt('verb_markers')}\b)[a-z0-9-]+){{0,2}}\s+$", re.I)


_DETERMINED_NOUNS = frozenset(word_classes()["determined_nouns"])
_DEPARTURE_FOLLOWERS = frozenset(word_classes()["departure_followers"])
_ENDING_VERBS = frozenset(word_classes()["ending_verbs"])
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve several few".split())
_STAY_NOUN = re.compile(rf"\b{_alt('stay_nouns')}s?\b", re.I)


def ends_no_trip(text: str, a: int, b: int) -> bool:
    """"ended", "concluded", "complete" end a journey only when a trip is named beside them
    ("ended his visit", "the tour ended"), not "an end to the war", "a complete cessation",
    "concluded talks"."""
    if text[a:b].split()[0].lower() not in _ENDING_VERBS:
        return False
    return _STAY_NOUN.search(text, max(0, a - 40), min(len(text), b + 40)) is None


def leaves_something(text: str, b: int, places: list) -> bool:
    """"leaving behind soldiers", "leaving 70,000 trainers", "left 17 people dead", "ending
    reconciliation efforts": the verb's object is neither a place (one of `places` starts
    there) nor a trip; not "left today.", "left two days later", "left abruptly", "left for"."""
    m = re.match(r"\s+(behind\s+)?([a-z0-9][\w'’,.-]*?)[,.;:]?(?=\s|$)\s*([a-z]+)?", text[b:b + 60])
    if m is None:
        return False
    if m.group(1):
        return True                      # "leaving behind ..."
    word, after = m.group(2), (m.group(3) or "")
    classes = word_classes()
    if word in _DEPARTURE_FOLLOWERS or word in classes["stay_nouns"] or word in classes["time_adverbs"] \
            or word in prepositions(None) or word.endswith("ly") or any(p.start == b + m.start(2) for p in places):
        return False
    if word[0].isdigit() or word in _NUMBER_WORDS:
        return after not in classes["time_units"]     # "left 17 people", not "left two days later"
    return True


@lru_cache(maxsize=1)
def subject_skips() -> frozenset[str]:
    """Words between a subject and its verb: auxiliaries, adverbs, a day ("X on Monday arrived")."""
    return frozenset(word_classes()["subject_skips"])


@lru_cache(maxsize=None)
def topic_heads(lang: str | None = None) -> frozenset[str]:
    """Nouns whose prepositional phrase is what is talked about ("the situation in Iraq",
    "la situación en Haití"), and participles whose phrase is where something befell others
    ("soldiers killed in Iraq")."""
    if is_foreign(lang):
        return frozenset(w.lower() for w in _foreign_classes(lang).get("topic_nouns", ()))
    return frozenset(word_classes()["topic_nouns"] + word_classes()["harm_participles"])

# a passive auxiliary right before a verb ("has been postponed", "was warmly received")
PASSIVE_BEFORE = re.compile(rf"\b{_alt('passive_auxiliaries')}\s+(?:\w+ly\s+)?$", re.I)


def _as_used(trig: Trigger | None, sentence: str, at: int) -> Trigger | None:
    """A verb form used as a noun ("a historic visit", "his visit") is a noun here."""
    if trig is None:
        return trig
    if trig.traveler == "object" and PASSIVE_BEFORE.search(sentence[max(0, at - 25):at]):
        # "was received by the president": the subject is the guest
        return Trigger(trig.phrase, trig.type, trig.tense, "subject", trig.boundary)
    if trig.tense not in ("base", "present"):
        return trig
    if _DETERMINER_BEFORE.search(sentence[max(0, at - 20):at]):
        return Trigger(trig.phrase, trig.type, "noun", trig.traveler, trig.boundary)
    return trig


@lru_cache(maxsize=1)
def _caption_words() -> frozenset[str]:
    return frozenset(w.lower() for w in gazetteer._read_list("caption_words.txt"))


def _is_caption(sentence: str, a: int, b: int) -> bool:
    """A position word set off like a caption: "(left)", ", left,"."""
    if sentence[a:b].lower() not in _caption_words():
        return False
    before, after = sentence[max(0, a - 2):a].strip(), sentence[b:b + 1]
    return (before.endswith("(") and after == ")") or (before.endswith(",") and after == ",")


@lru_cache(maxsize=None)
def _determiners(lang: str | None = None) -> frozenset[str]:
    if is_foreign(lang):
        return frozenset(_foreign_classes(lang).get("possessives", ()))
    return frozenset(word_classes()["possessives"])


_NOT_TRIGGERS = re.compile(r"(?:" + "|".join(re.escape(r[0].strip()).replace(r"\ ", r"\s+")
                                              for r in _rows("not_triggers.txt")) + r")\b", re.I)


def trigger_hits(sent: Sentence, lang: str | None = None) -> list[tuple[int, int, Trigger]]:
    """The event words of a sentence, as used there (offsets relative to the sentence)."""
    foreign = is_foreign(lang)
    table, rx = triggers(lang)
    hits: list[tuple[int, int, Trigger]] = []
    for m in rx.finditer(sent.text):
        if foreign:
            # passives and nouns are phrases of the foreign tables; no English usage rules
            key = _fkey(m.group(1))
            trig = table.get(key) or table.get(fold(key))
        else:
            trig = _as_used(table.get(_norm(m.group(1))), sent.text, m.start())
        if trig is None:
            continue
        if not foreign and _NOT_TRIGGERS.match(sent.text, m.start()):
            continue  # "reached out to the United States": no arrival
        if not foreign and trig.tense == "noun" and m.group(1).lower() in _DETERMINED_NOUNS \
                and not _DETERMINER_BEFORE.search(sent.text[max(0, m.start() - 30):m.start()]):
            continue  # "a stop in X", "his stay": without a determiner a verb ("have X stop its plan")
        if _is_caption(sent.text, m.start(), m.end()):
            continue  # photo captions: "Matekane (left) met with ...", "Harris, left, and ..."
        # "concluding his visit", "a planned trip": the noun belongs to the verb before it;
        # "face-to-face meetings": one compound noun
        if hits and trig.tense in ("noun", "base"):
            between = sent.text[hits[-1][1]:m.start()].split()
            gap = len(between)
            # "wrapped up his three-nation Asian tour": a determiner opens the verb's object
            object_np = gap <= 4 and bool(between) and between[0].lower() in _determiners(lang)
            # ("attend a dinner with X": a meeting noun is the event the verb attends; but a
            # named one, "attend the 17th APEC Ministerial Meeting in Busan", is only what is
            # attended, and its place and date are the attending's)
            meets = trig.type in ("meeting", "talks") and hits[-1][2].type not in ("meeting", "talks") \
                and not (not foreign and m.group(1)[:1].isupper() and hits[-1][2].type == "visit" and gap <= 6)
            if not meets and ((hits[-1][2].tense != "noun" and (gap <= 2 or object_np))
                              or (gap == 0 and trig.tense == "noun")):
                continue
        hits.append((m.start(), m.end(), trig))
    if foreign:
        hits = _separable(sent.text, hits)
    return hits


def _separable(text: str, hits: list[tuple[int, int, Trigger]]) -> list[tuple[int, int, Trigger]]:
    """A verb whose particle comes later in its clause is one trigger with it: "Am Donnerstag
    reist die Ministerin weiter nach Neuseeland" is read at "weiter nach", and the bare "reist"
    is dropped (its segment, and the date before it, go to the phrase)."""
    out = []
    for i, (a, b, trig) in enumerate(hits):
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if nxt is not None and " " not in text[a:b].strip() and trig.tense != "noun" \
                and nxt[2].type == trig.type and " " in text[nxt[0]:nxt[1]].strip() \
                and not re.search(r"[,;:.]", text[b:nxt[0]]) and len(text[b:nxt[0]].split()) <= 6:
            continue
        out.append((a, b, trig))
    return out


def _norm(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.lower())


ANAPHORIC_TIME = re.compile(rf"^(?:{_alt('anaphoric_openers')}\s+)?the\s+{_alt('anaphoric_parts_of_day')}$", re.I)


# --------------------------------------------------------------------------
# a stay's stated length: "arrived on Friday for a four-day official visit", "une visite de
# trois jours" (lexicon/durations.tsv, durations.<lang>.tsv). The shapes are code, the words data.
@dataclass(frozen=True)
class Durations:
    pattern: re.Pattern           # groups: n1/noun1 (length before the noun), n2/noun2 (after)
    values: dict[str, int]        # number word (lower case) -> days
    part_of: re.Pattern           # right before a length: "the first leg of a ..."
    to_place: re.Pattern          # right after the noun, up to a capital: "visit to the R..."


@lru_cache(maxsize=None)
def durations(lang: str | None = None) -> Durations:
    name = _lang_file("durations.tsv", lang) or "durations.tsv"
    classes = {r[0].strip(): [w.replace("_", " ") for w in r[1].split()] for r in _rows(name, 2)}
    values: dict[str, int] = {}
    for n, spellings in enumerate(classes.get("numbers", ()), 1):
        for w in spellings.split("/"):
            values[w.lower()] = n

    def alt(words) -> str:
        words = sorted(words, key=len, reverse=True)
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")" if words else "(?!x)x"

    number = rf"(?:{alt(values)}|\d{{1,2}})"
    mods = rf"(?:{alt(classes.get('modifiers', ()))}\s+){{0,2}}"
    nouns = alt(classes.get("stay_nouns", ()))
    compound = classes.get("compound", ["no"])[0] == "yes"
    shapes = []
    if classes.get("day_before"):
        noun = rf"[^\W\d_]*{nouns}" if compound else nouns
        shapes.append(rf"(?P<n1>{number})[-\s]?{alt(classes['day_before'])}\s+{mods}(?P<noun1>{noun})")
    if classes.get("day_after"):
        links = [w for w in classes.get("link_after", []) if w != "-"]
        # ("d'": an elided link needs no space after it: "une visite d'un jour")
        link = "(?:" + "|".join(re.escape(w[:-1]) + "['’]" if w.endswith("'") else re.escape(w) + r"\s+"
                                for w in sorted(links, key=len, reverse=True)) + ")" if links else ""
        link = f"(?:{link})?" if "-" in classes.get("link_after", []) or not links else link
        # ... not a time ago: "kunjungan tiga hari lalu" (not_after)
        never = rf"(?!\s+{alt(classes['not_after'])}\b)" if classes.get("not_after") else ""
        shapes.append(rf"(?P<noun2>{nouns})\s+{mods}{link}(?P<n2>{number})\s+{alt(classes['day_after'])}{never}")
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(shapes) + r")(?![\w-])", re.I)
    part_of = re.compile(rf"(?<![\w-]){alt(classes.get('part_of', ()))}(?:(?<=['’])|\s+)(?:[\w’'-]+\s+)?$", re.I)
    to_place = re.compile(rf"\s+{alt(classes.get('to_place', ()))}\s+(?:[a-zà-ÿ]{{1,4}}\s+|l['’])?(?=[A-ZÀ-Ý])")
    return Durations(pattern, values, part_of, to_place)


def noun_span(match: re.Match) -> tuple[int, int]:
    """Where the noun of a match of Durations.pattern is."""
    return match.span("noun1") if match.groupdict().get("noun1") else match.span("noun2")


def days_of(match: re.Match, table: Durations) -> int | None:
    """The number of days a match of Durations.pattern states (None: not a length of 1..31)."""
    groups = match.groupdict()
    word = (groups.get("n1") or groups.get("n2") or "").lower()
    n = int(word) if word.isdigit() else table.values.get(word)
    return n if n and 1 <= n <= 31 else None
