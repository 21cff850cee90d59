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

Adding a pattern is a line in these files: no code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
    prefilter: dict[str, tuple]   # (any rule of the class, [(any rule of a group, group)])
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


def expand(pattern: str, repatterns: dict[str, list[str]]) -> str:
    """Turn a rule pattern into a Python regex."""

    def sub(m: re.Match) -> str:
        if m.group(1):
            return f"(?P<{m.group(1)}>{_union(repatterns[m.group(2)])})"
        return _union(repatterns[m.group(3)])

    body = _PLACEHOLDER.sub(sub, pattern)
    # a space in a rule means "some whitespace", "~" means "optional whitespace"
    body = body.replace(" ", r"\s+").replace("~", r"\s*")
    return r"(?<![\w])" + body + r"(?![^\W_])"




@lru_cache(maxsize=1)
def load() -> Lexicon:
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
            rx = re.compile(expand(pat.strip(), repatterns), re.I)
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
    trigger_regex = re.compile(r"\d+|(?<![\w'])" + _trie(list(words)) + r"(?![\w])", re.I)

    mods_before, mods_after = [], []
    for line in _lines(RESOURCES / "modifiers.tsv"):
        pat, mod, where, types = [c.strip() for c in line.split("\t")][:4]
        body = expand(pat, repatterns)[len(r"(?<![\w])"):-len(r"(?![^\W_])")]
        if where == "before":
            rx = re.compile(r"(?<![\w])(?:" + body + r")[\s-]*\Z", re.I)
            mods_before.append(Modifier(rx, mod, where, frozenset(types.split(","))))
        else:
            rx = re.compile(r"\A[\s,]*(?:" + body + r")(?![\w])", re.I)
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
        return re.compile(r"(?:" + "|".join(alts) + r")(?![\w])", re.I)

    # one regex per trigger class that matches wherever any of its rules does,
    # then one per group of a few rules: a couple of C-level tests per start
    # position before rules are tried one by one
    def union(rs: list[Rule]) -> re.Pattern:
        alts = [re.sub(r"\(\?P<\w+>", "(?:", r.regex.pattern) for r in rs]
        return re.compile("|".join(f"(?:{a})" for a in alts), re.I)

    prefilter = {}
    for cls, rs in by_trigger.items():
        groups = [rs[i:i + 4] for i in range(0, len(rs), 4)]
        prefilter[cls] = (union(rs), [(union(g), g) for g in groups])

    lookback = {cls: 7 for cls in by_trigger}
    for line in _lines(RESOURCES / "triggers.tsv"):
        cls, n = line.split("\t")[:2]
        lookback[cls.strip()] = int(n)

    return Lexicon(repatterns, tables, rules, by_trigger, lookback, prefilter, trigger_regex,
                   {w: frozenset(c) for w, c in words.items()},
                   mods_before, mods_after,
                   cue_regex("cues_future.txt"), cue_regex("cues_past.txt"),
                   cue_regex("cues_past_weak.txt"),
                   # a zero-width scan: every start position is looked at, so
                   # "had been scheduled to" is seen even where "previously had" starts;
                   # not inside a hyphenated adjective ("US-led", "state-owned")
                   re.compile(r"(?:(?<![\w-])|(?='))(?=(?P<past>" + cue_regex("cues_past.txt").pattern + ")|(?P<future>"
                              + cue_regex("cues_future.txt").pattern + ")|(?P<weakfuture>"
                              + cue_regex("cues_future_weak.txt").pattern + ")|(?P<weak>"
                              + cue_regex("cues_past_weak.txt").pattern + "))", re.I),
                   _whole("range_connectors.txt", repatterns, r"\A(?:", r")\Z"),
                   _whole("range_openers.txt", repatterns, r"(?<![\w])(?:", r")\s*\Z"))


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
    return re.compile(pre + "|".join(alts) + post, re.I)
