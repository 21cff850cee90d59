"""Documents + time expressions -> typed event mentions (the `events` step of the pipeline).

- `lexicon.py`: the tables of timeline/lexicon/ and the word-level tests built from them;
- `story.py`: one story read once (people, places, dates, sentences, trigger words) and the
  questions the extraction asks of it (subject, venue, governed date);
- `extract.py`: the engine: a mention per trigger word, with traveler, counterparts, place,
  dates and modality.
"""
from timeline.events.extract import extract_mentions, main_traveler, written_on

__all__ = ["extract_mentions", "main_traveler", "written_on"]
