"""The key sets of prefix.py are sound: wherever a rule matches, the key of
the text at that start passes the rule's keys (else the engine would miss it)."""
from __future__ import annotations

from pathlib import Path

import pytest

from timeline.temporal.lexicon import load
from timeline.temporal.prefix import K, TABLE, keys_of, prefixes

EXAMPLES = Path(__file__).resolve().parents[1] / "timeline" / "temporal" / "resources" / "examples.tsv"


def _passes(keys, chunk: str) -> bool:
    if keys is None or len(chunk) < K or not chunk.isascii():
        return True
    ck = chunk.lower().translate(TABLE)
    return ck in keys[0] or any(ck[:j] in keys[1] for j in range(K))


def test_prefixes_of_simple_patterns():
    assert prefixes(r"(?<![\w])(?:the\s+)?year") == frozenset({"the", "yea"})
    assert prefixes(r"Q[1-4]") == frozenset({"q0"})
    assert prefixes(r"\d{1,3}") >= {"0", "00", "000"}
    full, short = keys_of(prefixes(r"Q[1-4]"))
    assert short == {"q0"} and not full


def test_rule_matches_start_with_their_keys():
    lex = load()
    texts = [line.split("\t")[0] for line in EXAMPLES.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    texts += ["Q1.", "the 1990s", "3 p.m.", "March 5-7, 2024", "FY89", "mid-1990s", "2024-01-18"]
    checked = 0
    for text in texts:
        for rule in lex.rules:
            for pos in range(len(text)):
                if rule.regex.match(text, pos):
                    checked += 1
                    assert _passes(rule.keys, text[pos:pos + K]), (rule.name, text[pos:pos + 10])
    assert checked > 300


@pytest.mark.parametrize("pattern", [r"(?-i:[A-Z][a-z]+) Spring", r"[^a]bc", r".x"])
def test_wildcards_give_a_superset(pattern):
    p = prefixes(pattern)
    assert p is None or len(p) > 1
