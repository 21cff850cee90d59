from timeline.text import fold, slugify, split_sentences


def test_sentences_keep_offsets_and_abbreviations():
    text = "PARIS, Jan. 5 (Wire) -- The U.S. envoy met Mr. Smith. He left on Friday.\nNext line"
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["PARIS, Jan. 5 (Wire) -- The U.S. envoy met Mr. Smith.",
                                       "He left on Friday.", "Next line"]
    for s in sents:
        assert text[s.start:s.end] == s.text


def test_fold_and_slug():
    assert fold("Erdoğan") == "erdogan"
    assert slugify("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert slugify("../../etc/passwd") == "etc-passwd"
