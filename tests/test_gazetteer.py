"""Gazetteer: names, demonyms, cities, regions -> ISO codes (examples as data)."""
from __future__ import annotations

import pytest

from timeline import gazetteer as gz

# name as written -> iso2 (None: ambiguous or unknown)
LOOKUPS = [
    ("Ivory Coast", "CI"), ("Côte d'Ivoire", "CI"), ("Cote d'Ivoire", "CI"), ("Côte d’Ivoire", "CI"),
    ("Cape Verde", "CV"), ("Cabo Verde", "CV"), ("Turkey", "TR"), ("Türkiye", "TR"), ("Turkiye", "TR"),
    ("DRC", "CD"), ("DR Congo", "CD"), ("Democratic Republic of Congo", "CD"),
    ("Congo-Kinshasa", "CD"), ("Republic of Congo", "CG"), ("Congo-Brazzaville", "CG"),
    ("Congo Brazzaville", "CG"), ("UAE", "AE"), ("Eswatini", "SZ"), ("Swaziland", "SZ"),
    ("Russia", "RU"), ("Iran", "IR"), ("South Korea", "KR"), ("the US", "US"), ("U.S.", "US"),
    ("United States", "US"), ("America", "US"), ("UK", "GB"), ("Britain", "GB"),
    ("the Holy See", "VA"), ("Vatican", "VA"), ("Chinese", "CN"), ("Lesotho's", "LS"),
    ("Lesotho’s", "LS"), ("Ivorian", "CI"), ("Nigerian", "NG"), ("Angolan", "AO"),
    ("Emirati", "AE"), ("Saudi", "SA"), ("Qatari", "QA"), ("Turkish", "TR"), ("Eritrean", "ER"),
    ("Swazi", "SZ"), ("Basotho", "LS"), ("Mosotho", "LS"), ("Burkinabe", "BF"), ("Malagasy", "MG"),
    ("Kiwi", "NZ"), ("Dutch", "NL"), ("Filipino", "PH"), ("Nigerians", "NG"), ("KOREA DPR", "KP"),
    ("Kingdom of Lesotho", "LS"), ("Federal Republic of Nigeria", "NG"), ("Kosovo", "XK"),
    ("Congolese", None), ("Congo", None), ("Narnia", None),
    # news names the North in full: "Korea", "Korean" alone are the South
    ("Korea", "KR"), ("Korean", "KR"), ("North Korean", "KP"),
]


@pytest.mark.parametrize("name,iso2", LOOKUPS)
def test_lookup_country(name, iso2):
    c = gz.lookup_country(name)
    assert (c.iso2 if c else None) == iso2


def test_ambiguous_demonym_has_candidates():
    assert set(gz.lookup_candidates("Congolese")) == {"CD", "CG"}
    m = [p for p in gz.find_places("Congolese troops") if p.text == "Congolese"][0]
    assert m.iso2 is None and set(m.candidates) == {"CD", "CG"} and m.kind == "demonym"


@pytest.mark.parametrize("iso2,name", [
    ("CI", "Côte d'Ivoire"), ("CV", "Cabo Verde"), ("CD", "Democratic Republic of the Congo"),
    ("CG", "Republic of the Congo"), ("TR", "Türkiye"), ("AE", "United Arab Emirates"),
    ("SZ", "Eswatini"), ("RU", "Russia"), ("KR", "South Korea"), ("TZ", "Tanzania"),
    ("US", "United States"), ("VA", "Vatican City"), ("BO", "Bolivia"), ("LA", "Laos"),
])
def test_display_names(iso2, name):
    assert gz.country(iso2).name == name


def test_country_record():
    ls = gz.country("LS")
    assert ls.iso3 == "LSO" and ls.capital == "Maseru" and ls.timezone == "Africa/Maseru"
    assert -31 < ls.lat < -28 and 27 < ls.lon < 29
    assert "Basotho" in ls.demonyms and "southern African" in ls.region_tags
    assert gz.country("US").phrase == "the United States" and gz.country("AO").phrase == "Angola"
    assert gz.country("ZZ") is None


@pytest.mark.parametrize("name,iso,expected", [
    ("Maseru", None, ("Maseru", "LS")), ("N'Djamena", None, ("N'Djamena", "TD")),
    ("Ndjamena", None, ("N'Djamena", "TD")), ("Kiev", None, ("Kyiv", "UA")),
    ("Abuja", None, ("Abuja", "NG")), ("Luanda", "AO", ("Luanda", "AO")),
    ("Washington", None, ("Washington", "US")), ("Narnia City", None, None),
])
def test_city(name, iso, expected):
    assert gz.city(name, iso) == expected


def test_capital_coordinates_timezone():
    assert gz.capital("TD") == "N'Djamena"
    assert gz.capital("KZ") == "Astana"
    lat, lon = gz.coordinates("AO", "Luanda")
    assert -10 < lat < -8 and 12 < lon < 14
    assert gz.coordinates("LS") == pytest.approx((gz.country("LS").lat, gz.country("LS").lon))
    assert gz.timezone("CD", "Lubumbashi") == "Africa/Lubumbashi"
    assert gz.timezone("CD") == "Africa/Kinshasa"
    assert gz.timezone("RU", "Vladivostok") == "Asia/Vladivostok"


def _spans(text):
    return [(p.text, p.kind, p.iso2, p.city) for p in gz.find_places(text)]


def test_find_places_longest_and_kinds():
    text = ("Papua New Guinea, Guinea-Bissau and Guinea. The minister flew from Maseru to "
            "Kinshasa via the U.S. and Trinidad & Tobago, then St. Kitts and Nevis.")
    got = _spans(text)
    assert ("Papua New Guinea", "country", "PG", None) in got
    assert ("Guinea-Bissau", "country", "GW", None) in got
    assert ("Guinea", "country", "GN", None) in got
    assert ("Maseru", "capital", "LS", "Maseru") in got
    assert ("Kinshasa", "capital", "CD", "Kinshasa") in got
    assert ("U.S.", "country", "US", None) in got
    assert ("Trinidad & Tobago", "country", "TT", None) in got
    assert ("St. Kitts and Nevis", "country", "KN", None) in got
    # sorted, non-overlapping
    starts = [p.start for p in gz.find_places(text)]
    assert starts == sorted(starts)
    ps = gz.find_places(text)
    assert all(a.end <= b.start for a, b in zip(ps, ps[1:]))
    assert all(text[p.start:p.end] == p.text for p in ps)


def test_find_places_possessive_and_accents():
    got = _spans("Lesotho's envoy met Côte d'Ivoire's and Cote D'Ivoire officials in Ndjamena.")
    assert got[0] == ("Lesotho", "country", "LS", None)
    assert [g[2] for g in got] == ["LS", "CI", "CI", "TD"]


def test_find_places_case_and_clashes():
    # pronoun "us", the bird, and a first name are no places
    assert _spans("tell us about the turkey") == []
    assert _spans("Chad Brixley met Israel Quorn.") == []
    assert _spans("He visited Chad and Israel.") == [("Chad", "country", "TD", None),
                                                      ("Israel", "country", "IL", None)]
    assert _spans("Chad President Kolo Fenn") == [("Chad", "country", "TD", None)]
    # continents / seas containing a country word are not that country
    assert _spans("Latin America and the South China Sea") == []
    # common words and person names among city names are not cities
    assert _spans("Victoria said Nice things to Austin.") == []


def test_town_names_that_are_surnames():
    # "Lagos", "Santos", "Salem" are towns too: after a given name or a particle they are not
    assert _spans("said Ricardo Lagos and Jose dos Santos, with Frans Salem.") == []
    assert _spans("The plane landed in Lagos on Monday.") == [("Lagos", "city", "NG", "Lagos")]
    assert _spans("Turkey's Malatya province") == [("Turkey", "country", "TR", None),
                                                   ("Malatya", "city", "TR", "Malatya")]


def test_city_then_region_of_another_country():
    assert _spans("born in Atlanta, Georgia.") == [("Atlanta", "city", "US", "Atlanta")]
    assert [g[2] for g in _spans("Tbilisi, Georgia and Maseru, Lesotho")] == ["GE", "GE", "LS", "LS"]
    assert _spans("Latin American and African American voters") == []


def test_find_places_demonyms_and_caps():
    got = _spans("Chinese and EMIRATI ministers; Nigerians and Basotho voted. US and UAE.")
    assert [g[2] for g in got] == ["CN", "AE", "NG", "LS", "US", "AE"]
    assert _spans("Us and Them") == []


def test_region_countries():
    sa = gz.region_countries("southern African")
    assert {"LS", "ZA", "SZ", "BW"} <= sa and "NG" not in sa
    assert gz.region_countries("Gulf") >= {"AE", "QA", "SA"}
    assert "NG" in gz.region_countries("West African")
    assert gz.region_countries("Horn of Africa") == frozenset({"DJ", "ER", "ET", "SO"})
    assert "LS" in gz.region_countries("African") and "FR" not in gz.region_countries("African")
    assert gz.region_countries("landlocked southern African kingdom") == frozenset({"LS", "SZ"})
    assert gz.region_countries("Narnian") == frozenset()


def test_find_descriptors():
    text = ("Wang visited the southern African country on Saturday, then the Gulf state, "
            "the West African nation, the Horn of Africa country and the Ethiopian capital.")
    got = gz.find_descriptors(text)
    assert [g[2] for g in got] == ["the southern African country", "the Gulf state",
                                  "the West African nation", "the Horn of Africa country",
                                  "the Ethiopian capital"]
    assert "LS" in got[0][3] and "QA" in got[1][3] and "NG" in got[2][3]
    assert got[4][3] == frozenset({"ET"})
    for s, e, t, _ in got:
        assert text[s:e] == t


def test_fold_and_norm():
    assert gz.fold("Türkiye Côte d’Ivoire") == "Turkiye Cote d'Ivoire"
    assert gz.norm("  U.S.  of   A ") == "us of a"


def test_a_city_named_with_its_country_is_that_country_s_everywhere_in_the_text():
    """"Valencia, Spain" and "the Spanish city of Valencia" are in Spain (the larger
    Valencia is in Venezuela), and so is every other "Valencia" of the same text."""
    from timeline.gazetteer import find_places
    got = [(p.text, p.iso2) for p in find_places("He spoke in Valencia. A base in Valencia, Spain, near Valencia.")]
    assert got == [("Valencia", "ES"), ("Valencia", "ES"), ("Spain", "ES"), ("Valencia", "ES")]
    assert [(p.text, p.iso2) for p in find_places("the Spanish city of Valencia")][-1] == ("Valencia", "ES")
    assert [p.iso2 for p in find_places("Valencia")] == ["VE"]                # alone: the larger
    assert [(p.text, p.iso2) for p in find_places("Atlanta, Georgia")] == [("Atlanta", "US")]
    # a text that places the name in two countries keeps each where it says
    assert [(p.text, p.iso2) for p in find_places("Valencia, Venezuela and Valencia, Spain")] == \
        [("Valencia", "VE"), ("Venezuela", "VE"), ("Valencia", "ES"), ("Spain", "ES")]
