"""Titles, people and places in documents of other languages (invented names), and English left alone."""
import pytest

from timeline import gazetteer, people


@pytest.mark.parametrize("text,lang,want", [
    ("Le président sénégalais Amadou Ndiaye est arrivé à Rome.", "fr", ("Amadou Ndiaye", "President", "SN")),
    ("Le président de la République française, Jean Dupont, est arrivé.", "fr", ("Jean Dupont", "President", "FR")),
    ("La ministre péruvienne des Affaires étrangères, Ana Quispe, est arrivée.", "fr", ("Ana Quispe", "Minister", "PE")),
    ("El secretario de Estado de los Estados Unidos, John Doe, llegó a Lima.", "es", ("John Doe", "Secretary of State", "US")),
    ("El canciller guatemalteco, Carlos Pérez, recibió al visitante.", "es", ("Carlos Pérez", "Foreign Minister", "GT")),
    ("O Presidente dos Estados Unidos, John Doe, chegou a Luanda.", "pt", ("John Doe", "President", "US")),
    ("a convite do homólogo angolano, Manuel Santos.", "pt", ("Manuel Santos", "Counterpart", "AO")),
    ("Presiden Tanzania Amina Juma menerima Presiden Joko Santoso.", "id", ("Amina Juma", "President", "TZ")),
    ("Frankreichs Außenministerin Marie Laurent reist nach Kenia.", "de", ("Marie Laurent", "Foreign Minister", "FR")),
    ("Die kenianische Außenministerin Grace Wanjiru traf sich mit ihm.", "de", ("Grace Wanjiru", "Foreign Minister", "KE")),
])
def test_titled_person(text, lang, want):
    found = [(m.name, m.role, m.country_iso2) for m in people.find_people(text, lang)]
    assert want in found, found


@pytest.mark.parametrize("text,lang,iso2", [
    ("Elle est arrivée en Guinée-Bissau.", "fr", "GW"),
    ("Il a quitté l’Éthiopie pour l'Égypte.", "fr", "ET"),
    ("Llegó a la República Dominicana.", "es", "DO"),
    ("Tiba di Afrika Selatan.", "id", "ZA"),
    ("Sie reist nach Südafrika.", "de", "ZA"),
    ("Chegou a Moçambique.", "pt", "MZ"),
    ("È arrivato in Costa d'Avorio.", "it", "CI"),
])
def test_foreign_place_names(text, lang, iso2):
    assert iso2 in [p.iso2 for p in gazetteer.find_places(text, lang)]


def test_foreign_names_are_not_places_in_english():
    # "Turki" is Indonesian for Turkey and a Saudi given name; "Swiss" stays a demonym
    assert [p.iso2 for p in gazetteer.find_places("Prince Turki said so.")] == []
    assert [p.iso2 for p in gazetteer.find_places("Prince Turki said so.", "id")] == ["TR"]
    assert [p.kind for p in gazetteer.find_places("the Swiss coach")] == ["demonym"]
