"""Language identification of a document (timeline/language.py)."""
import pytest

from timeline.language import identify


@pytest.mark.parametrize("text,lang", [
    ("The minister said on Monday that the talks with his counterpart were useful.", "en"),
    ("Le ministre est arrivé lundi à Dakar, où il a rencontré son homologue pour des entretiens.", "fr"),
    ("El canciller llegó el lunes a Lima, donde se reunió con su homólogo para una visita.", "es"),
    ("O ministro chegou na segunda-feira a Maputo, onde se reuniu com o seu homólogo.", "pt"),
    ("Il ministro è arrivato lunedì a Roma, dove ha incontrato il suo omologo per colloqui nella capitale.", "it"),
    ("Menteri itu tiba di Nairobi pada hari Senin dan bertemu dengan mitranya untuk kunjungan kerja.", "id"),
    ("Die Ministerin ist am Montag in Nairobi angekommen und hat sich mit ihrem Amtskollegen getroffen.", "de"),
])
def test_identify(text, lang):
    assert identify(text) == lang


def test_english_default():
    assert identify("") == "en"
    assert identify("Nairobi, 12 March.") == "en"
    # an English story quoting a French phrase stays English
    assert identify("The president said the visit was a success, and he repeated the phrase "
                    "'une visite de travail' to reporters at the airport on Tuesday.") == "en"
