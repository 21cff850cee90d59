"""Load the tagger's resources: repatterns, normalization tables, rules, cues.

Everything language-specific lives in `resources/` as plain text (HeidelTime
style); `engine.py` is the one engine that applies it:

* `repattern/NAME.txt`: one regex alternative per line; `%NAME` in a rule
  pattern expands to their union, `<grp:NAME>` to a named group of it.
* `normalization/NAME.tsv`: `word<TAB>value`; `{grp}` in a value template is
  the group's text looked up in the table named like the group (trailing
  digits dropped), `{grp:table}` names the table explicitly (a few tables are
  code: num, year, day, decade, century, spokenyear, int).
* `rules.tsv`: name, type (DATE|TIME|DURATION|SET, RANGE for two-part rules,
  NONE for look-alikes that block), trigger class, priority, pattern, value
  template (functions in `resolve.py`), optional TimeML mod.  In a pattern a
  space means "some whitespace" and `~` "optional whitespace".
* `triggers.tsv`: per trigger class, how many tokens before the trigger a
  match may start (a speed knob).
* `modifiers.tsv`: words before/after an expression that set TimeML `mod`.
* `cues_*.txt`: tense cues (strong and weak, past and future) that decide
  weekdays, months and partial dates; `range_*.txt`: range connectors.
* `examples.tsv`: the examples corpus, run by tests/test_temporal_examples.py.

Adding a pattern is a line in these files: no code.  (For speed the engine
also derives, from each compiled rule, the three-character beginnings its
matches can have: prefix.py.  Nothing to maintain by hand.  The compiled
regexes and those derived sets are kept across processes by cache.py, so a
new process does not compile the rules again.)
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import cache
from .prefix import keys_of, prefixes

_rx = cache.compile  # re.compile, with the slow half kept across processes (cache.py)

RESOURCES = Path(__file__).resolve().parent / "resources"

_PLACEHOLDER = re.compile(r"<(\w+):([A-Z_]+)>|%([A-Z_]+)")


@dataclass
class Rule:
    name: str
    type: str
    trigger: str
    priority: int
    pattern: str
    value: str
    mod: str | None
    regex: re.Pattern
    keys: tuple | None = None   # (2-char keys, shorter keys) its matches start with


@dataclass
class Modifier:
    regex: re.Pattern   # anchored at the expression (before: ends at it; after: starts at it)
    mod: str
    where: str          # before | after
    types: frozenset


@dataclass
class Lexicon:
    repatterns: dict[str, list[str]]
    tables: dict[str, dict[str, str]]
    rules: list[Rule]
    by_trigger: dict[str, list[Rule]]
    lookback: dict[str, int]           # tokens before a trigger where matches may start
    prefilter: dict[str, "Dispatch"]   # per class: the rules worth trying at a token start
    trigger_regex: re.Pattern
    trigger_words: dict[str, frozenset]
    modifiers_before: list[Modifier]
    modifiers_after: list[Modifier]
    future_cues: re.Pattern
    past_cues: re.Pattern
    past_weak_cues: re.Pattern
    all_cues: re.Pattern               # named groups past / future / weak, one pass
    range_connectors: re.Pattern
    range_openers: re.Pattern
    # per TIMEX type, all "before" modifiers in one regex: alternative k (in
    # group k+1) is modifiers_before_of[type][k]; one search finds the
    # leftmost, as the one-by-one loop did
    before_union: dict = field(default_factory=dict)
    after_any: re.Pattern | None = None   # does any "after" modifier follow?
    # trigger_regex for lowercased text: no re.I and no lookbehind, which
    # lets the regex engine skip to the possible first characters; the
    # caller drops hits inside a word
    trigger_scan_lower: re.Pattern | None = None


def _lines(path: Path) -> list[str]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(line.strip() if "\t" not in line else line)
    return out


def _union(alts: list[str]) -> str:
    # longest alternative first, so "sept." wins over "sep"
    return "(?:" + "|".join(sorted(alts, key=len, reverse=True)) + ")"


_LITERAL = re.compile(r"[A-Za-z0-9' ]+")


def _fast_union(alts: list[str]) -> str:
    """The same language as _union, literal words in a trie (one branch
    followed instead of every word tried): for prefilters, where only
    whether something matches counts, not which alternative."""
    literal = [a.lower() for a in alts if _LITERAL.fullmatch(a)]
    other = [a for a in alts if not _LITERAL.fullmatch(a)]
    if len(literal) < 2:
        return _union(alts)
    trie = _trie(literal).replace(r"\ ", r"\s+")
    return "(?:" + "|".join(sorted(other, key=len, reverse=True) + [trie]) + ")"


def expand(pattern: str, repatterns: dict[str, list[str]], fast: bool = False) -> str:
    """Turn a rule pattern into a Python regex."""
    union = _fast_union if fast else _union

    def sub(m: re.Match) -> str:
        if m.group(1):
            return f"(?P<{m.group(1)}>{union(repatterns[m.group(2)])})"
        return union(repatterns[m.group(3)])

    body = _PLACEHOLDER.sub(sub, pattern)
    # a space in a rule means "some whitespace", "~" means "optional whitespace"
    body = body.replace(" ", r"\s+").replace("~", r"\s*")
    return r"(?<![\w])" + body + r"(?![^\W_])"




def _generation() -> str:
    """A hash of everything the compiled rules depend on: the resources and this code."""
    h = hashlib.sha1()
    here = Path(__file__).resolve().parent
    for p in sorted(RESOURCES.rglob("*")) + [here / "lexicon.py", here / "prefix.py", here / "cache.py"]:
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def load() -> Lexicon:
    cache.use(_generation())
    repatterns: dict[str, list[str]] = {}
    for p in sorted((RESOURCES / "repattern").glob("*.txt")):
        repatterns[p.stem] = _lines(p)
    tables: dict[str, dict[str, str]] = {}
    for p in sorted((RESOURCES / "normalization").glob("*.tsv")):
        table: dict[str, str] = {}
        for raw in p.read_text(encoding="utf-8").splitlines():
            if raw.startswith("#") or "\t" not in raw:
                continue
            k, v = raw.split("\t", 1)
            table[k.strip().lower()] = v.strip()
        tables[p.stem] = table

    rules: list[Rule] = []
    for line in _lines(RESOURCES / "rules.tsv"):
        cols = line.split("\t")
        if len(cols) < 6:
            raise ValueError(f"rules.tsv: need 6 or 7 columns: {line!r}")
        name, typ, trig, prio, pat, val = cols[:6]
        mod = cols[6].strip() if len(cols) > 6 and cols[6].strip() else None
        try:
            rx = _rx(expand(pat.strip(), repatterns), re.I)
        except re.error as e:
            raise ValueError(f"rules.tsv: rule {name}: {e}") from None
        rules.append(Rule(name.strip(), typ.strip(), trig.strip(), int(prio), pat.strip(),
                          val.strip(), mod, rx))
    by_trigger: dict[str, list[Rule]] = {}
    for r in rules:
        by_trigger.setdefault(r.trigger, []).append(r)

    # trigger scan: every literal first word of a trigger class, plus digits
    words: dict[str, set[str]] = {}
    for cls in by_trigger:
        if cls == "DIGITS":
            continue
        for alt in repatterns[cls]:
            # the literal word an alternative starts with ("(?-i:May)" -> "may")
            lead = re.match(r"(?:\(\?-i:)?([A-Za-z0-9']+)", alt)
            if not lead:
                raise ValueError(f"trigger class {cls}: {alt!r} has no literal first word")
            words.setdefault(lead.group(1).lower(), set()).add(cls)
    trigger_regex = _rx(r"\d+|(?<![\w'])" + _trie(list(words)) + r"(?![\w])", re.I)
    trigger_scan_lower = _rx(r"\d+|" + _trie(list(words)) + r"(?![\w])")

    mods_before, mods_after = [], []
    for line in _lines(RESOURCES / "modifiers.tsv"):
        pat, mod, where, types = [c.strip() for c in line.split("\t")][:4]
        body = expand(pat, repatterns)[len(r"(?<![\w])"):-len(r"(?![^\W_])")]
        if where == "before":
            rx = _rx(r"(?<![\w])(?:" + body + r")[\s-]*\Z", re.I)
            mods_before.append(Modifier(rx, mod, where, frozenset(types.split(","))))
        else:
            rx = _rx(r"\A[\s,]*(?:" + body + r")(?![\w])", re.I)
            mods_after.append(Modifier(rx, mod, where, frozenset(types.split(","))))

    def cue_regex(name: str) -> re.Pattern:
        # plain words and phrases go into a trie (fast, longest first); the
        # few real regexes come before it so that a longer cue wins a tie
        literal, alts = [], []
        for a in sorted(_lines(RESOURCES / name), key=len, reverse=True):
            if re.fullmatch(r"[A-Za-z' ]+", a):
                literal.append(a.lower())
                continue
            body = expand(a, repatterns)[len(r"(?<![\w])"):-len(r"(?![^\W_])")]
            alts.append((r"\b" if a[0].isalnum() else "") + body)
        if literal:
            alts.append(r"\b" + _trie(literal).replace(r"\ ", r"\s+"))
        return _rx(r"(?:" + "|".join(alts) + r")(?![\w])", re.I)

    # one regex per trigger class that matches wherever any of its rules does,
    # then one per group of a few rules: a couple of C-level tests per start
    # position before rules are tried one by one
    plain_alt: dict[int, str] = {}

    def alt_of(r: Rule) -> str:
        a = plain_alt.get(id(r))
        if a is None:  # inner groups made non-capturing
            a = plain_alt[id(r)] = re.sub(r"(?<!\\)\((?![?])", "(?:", re.sub(
                r"\(\?P<\w+>", "(?:", expand(r.pattern, repatterns, fast=True)))
        return a

    def union_text(rs: list[Rule], tagged: bool = False) -> str:
        # tagged: alternative k in group k+1
        alts = [alt_of(r) for r in rs]
        wrap = "({})" if tagged else "(?:{})"
        lead = r"(?<![\w])"  # every expanded rule starts so: test it once
        if all(a.startswith(lead) for a in alts):
            return lead + "(?:" + "|".join(wrap.format(a[len(lead):]) for a in alts) + ")"
        return "|".join(wrap.format(a) for a in alts)

    def union(rs: list[Rule], tagged: bool = False) -> re.Pattern:
        # named by the rules' patterns: a later process neither builds nor compiles it
        key = hashlib.sha1("\n".join([str(tagged)] + [r.regex.pattern for r in rs]).encode()).hexdigest()
        return cache.compile_keyed(key, lambda: union_text(rs, tagged), re.I)

    # each rule also gets the set of three-character keys its matches can start
    # with (prefix.py): at a token start only the rules whose keys fit are tried
    for r in rules:
        r.keys = cache.memo("keys", r.regex.pattern, lambda r=r: _keys(r.regex.pattern))
    prefilter = {cls: Dispatch(rs, union) for cls, rs in by_trigger.items()}

    lookback = {cls: 7 for cls in by_trigger}
    for line in _lines(RESOURCES / "triggers.tsv"):
        cls, n = line.split("\t")[:2]
        lookback[cls.strip()] = int(n)

    def plain(rx: re.Pattern) -> str:  # groups made non-capturing
        return re.sub(r"(?<!\\)\((?![?])", "(?:", re.sub(r"\(\?P<\w+>", "(?:", rx.pattern))

    before_union = {}
    for typ in ("DATE", "TIME", "DURATION", "SET"):
        ms = [m for m in mods_before if typ in m.types]
        if ms:
            body = "|".join("(" + plain(m.regex)[len(r"(?<![\w])"):] + ")" for m in ms)
            before_union[typ] = (_rx(r"(?<![\w])(?:" + body + ")", re.I), ms)
    after_any = (_rx("|".join("(?:" + plain(m.regex) + ")" for m in mods_after), re.I)
                 if mods_after else None)

    lex = Lexicon(repatterns, tables, rules, by_trigger, lookback, prefilter, trigger_regex,
                   {w: frozenset(c) for w, c in words.items()},
                   mods_before, mods_after,
                   cue_regex("cues_future.txt"), cue_regex("cues_past.txt"),
                   cue_regex("cues_past_weak.txt"),
                   # a zero-width scan: every start position is looked at, so
                   # "had been scheduled to" is seen even where "previously had" starts;
                   # not inside a hyphenated adjective ("US-led", "state-owned")
                   _rx(r"(?:(?<![\w-])|(?='))(?=(?P<past>" + cue_regex("cues_past.txt").pattern + ")|(?P<future>"
                              + cue_regex("cues_future.txt").pattern + ")|(?P<weakfuture>"
                              + cue_regex("cues_future_weak.txt").pattern + ")|(?P<weak>"
                              + cue_regex("cues_past_weak.txt").pattern + "))", re.I),
                   _whole("range_connectors.txt", repatterns, r"\A(?:", r")\Z"),
                   _whole("range_openers.txt", repatterns, r"(?<![\w])(?:", r")\s*\Z"),
                   before_union, after_any, trigger_scan_lower)
    cache.save_soon()
    return lex


class Dispatch:
    """The rules of one trigger class that can match at a token start, chosen
    by the start's three-character key (None: all of them), as a plan
    (rules, regexes): regexes[i], compiled on first use by `first`, is one
    regex for rules i.., each alternative in a group of its own, so one
    C-level match tells which is the first rule to match and the rules before
    it need no test.  `by_key[ck]` is the plan, or False when no rule can
    start so.  Built lazily: only keys that occur cost a compile."""

    def __init__(self, rules: list[Rule], union):
        self.rules = rules
        self.union = union
        self.by_key: dict = {}
        self.by_set: dict = {}
        # which rules a key lets through is kept across processes (cache.py)
        self.sig = hashlib.sha1("\n".join(r.regex.pattern for r in rules).encode()).hexdigest()
        self.known = cache.table("plans", self.sig)  # key -> indices of the rules it lets through

    def _members(self, ck: str) -> tuple:
        heads = [ck[:j] for j in range(len(ck))]  # a match shorter than a key
        return tuple(i for i, r in enumerate(self.rules) if r.keys is None or ck in r.keys[0]
                     or any(h in r.keys[1] for h in heads))

    def get(self, ck: str | None):
        plan = self.by_key.get(ck)
        if plan is not None:
            return plan
        if ck is None:
            rs = tuple(self.rules)
        else:
            idx = self.known.get(ck)
            if idx is None:
                idx = self.known[ck] = self._members(ck)
            rs = tuple(self.rules[i] for i in idx)
        plan = self.by_set.setdefault(tuple(map(id, rs)), (rs, [None] * len(rs))) if rs else False
        self.by_key[ck] = plan
        return plan

    def first(self, plan, i: int) -> re.Pattern:
        rs, rxs = plan
        if len(rs) - i <= SMALL:
            rx = rxs[i] = _OneByOne(rs[i:])
        else:
            rx = rxs[i] = self.union(list(rs[i:]), tagged=True)
        return rx


SMALL = 4  # this few rules are tried one by one (no union compiled for them)


class _OneByOne:
    """Stands for a tagged union of a few rules without compiling one: match()
    gives (something with) .lastindex = 1 + the index of the first rule that
    matches, as the union would."""

    __slots__ = ("rules",)

    def __init__(self, rules):
        self.rules = rules

    def match(self, text: str, pos: int, endpos: int):
        for k, r in enumerate(self.rules):
            if r.regex.match(text, pos, endpos) is not None:
                return _Hit(k + 1)
        return None


class _Hit:
    __slots__ = ("lastindex",)

    def __init__(self, k: int):
        self.lastindex = k


def _keys(pattern: str):
    p = prefixes(pattern)
    return None if p is None else keys_of(p)


def _trie(words: list[str]) -> str:
    """A regex for a word list with shared prefixes factored out: the regex
    engine then follows one branch instead of trying every word."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return "(?:" + build(tree) + ")"


def _whole(name: str, repatterns: dict[str, list[str]], pre: str, post: str) -> re.Pattern:
    alts = [expand(a, repatterns)[len(r"(?<![\w])"):-len(r"(?![^\W_])")]
            for a in _lines(RESOURCES / name)]
    return _rx(pre + "|".join(alts) + post, re.I)
