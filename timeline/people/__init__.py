"""Person mentions with their titles, the way news writes them.

One engine over word tokens applies the lexicons of `timeline/resources/`:
titles.tsv (title -> canonical role, rank), portfolios.tsv (the "of Foreign
Affairs" part of ministers' titles), title_modifiers.txt ("Deputy", "Acting"),
name_particles.txt ("bin", "da", "van der"), name_stopwords.txt (words a name
never runs into), org_words.txt (capitalised phrases that are no person),
tenure_words.tsv ("former", "then-": kept out of the role, reported as tenure),
state_forms.txt ("the Republic of") and caption_words.txt ("(L)", "(2nd R)").

Shapes recognised (X = a title, N = a name, C = a country, demonym or "C's"):
  C X N            "Freedonian Foreign Minister Rufus Firefly"
  X N              "President Ada Okoro", "Pope Leo", "Mr. Quill"
  X of C N         "the President of Freedonia Ada Okoro", "President of the Republic of C N";
                   a one-word C the gazetteer does not know is taken when a full
                   name (two words or more) follows it: country None, name kept
  M-X N, M X N     "then-President Ada Okoro", "former President ...": role "President",
                   tenure "then"/"former"
  the X (of C), N  "the Minister of Foreign Affairs, Ada Okoro"
  N, X of C        "Ada Okoro, President of Freedonia"
  N, the C X       "Ada Okoro, the Freedonian president"
  N, <...> and C X "Ada Okoro, member of the ... Committee and Freedonian Foreign Minister"
  the C X          no name: reported with name=None (anaphora for the caller)
A photo caption after a name ("(L)", "(second left)") is skipped.
Names are not taken without a title: the caller resolves short names with
`same_person`.

Modules, in reading order:
  lexicon     the word lists of resources/ and fixed word shapes
  text_view   the tokens of one text: keys, gaps, places, captions
  titles      title and portfolio recognition, an envoy's posting
  names       a name after a title, in apposition before it, name runs
  countries   the country before or after a title, unknown countries
  assemble    the scan (view + finders) and the mentions it yields
  match       PersonMatch and role_with_country
  compare     whether two names are one person
"""
from .assemble import (_FULLNAME_RANKS, _Scan, _clean, _dedupe, _determined, _people_of,
                       find_people, find_people_and_places)
from .compare import (_name_tokens, _name_tokens_cached, _one_edit, _variant_spelling,
                      abbreviates, likely_same_person, misspelt, name_tokens, same_person,
                      same_traveler)
from .countries import CountryFinder, _iso
from .lexicon import (_DETERMINERS, _INITIAL, _PORTFOLIO_HEADS, _POSS_END, _PREFIX_PARTICLE,
                      _ROMAN, _Lex, _Title, _foreign_words, _lex, name_particles)
from .match import PersonMatch, role_with_country
from .names import NameFinder, _appositive, _forward_appositive, _name_run
from .text_view import _CAPTION, _CAPTION_WORD, _KEYS, _SPACE, TextView, _split_prefixed
from .titles import TitleFinder, _Hit

__all__ = ["PersonMatch", "abbreviates", "find_people", "find_people_and_places",
           "likely_same_person", "misspelt", "name_particles", "name_tokens", "role_with_country",
           "same_person", "same_traveler"]
