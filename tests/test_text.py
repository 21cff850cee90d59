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


def test_hard_wrapped_lines_are_joined_but_paragraphs_split():
    wrapped = ("The visiting foreign minister arrived on Monday morning in\n"
               "Kenya and later that day met the Kenyan President at the\n"
               "State House in Nairobi, officials said after the long talks\n"
               "that lasted well into the evening of the second day there\n\n"
               "A new paragraph starts here and goes on for a good while\n"
               "longer than forty characters on every one of its lines\n")
    sents = split_sentences(wrapped)
    assert sents[0].text.startswith("The visiting foreign minister arrived on Monday morning in\nKenya and")
    assert sents[-1].text.startswith("A new paragraph")
    titled = "Short title\n\nFirst sentence here.\nCaption line without stop\nAnother line."
    assert [s.text for s in split_sentences(titled)] == [
        "Short title", "First sentence here.", "Caption line without stop", "Another line."]
