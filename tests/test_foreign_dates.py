"""Dates in French, Spanish, Portuguese, Italian, Indonesian and German (timeline/temporal/foreign.py).
Sentences are invented; the anchor is the story's date."""
import datetime as dt

import pytest

from timeline.temporal import tag
from timeline.temporal.foreign import merge, tag_foreign

A = dt.date(2031, 3, 12)   # a Wednesday


def days(text, lang, anchor=A):
    return [(t.text, t.first.isoformat() if t.first else t.value) for t in tag_foreign(text, anchor, lang).timexes]


@pytest.mark.parametrize("lang,text,want", [
    ("fr", "La ministre est arrivée le 10 mars 2031 à Dakar.", [("10 mars 2031", "2031-03-10")]),
    ("fr", "Elle est arrivée lundi à Dakar.", [("lundi", "2031-03-10")]),
    ("fr", "Elle a quitté Dakar dans la soirée du mardi 11 mars.", [("mardi 11 mars", "2031-03-11")]),
    ("fr", "Elle est arrivée hier à Dakar.", [("hier", "2031-03-11")]),
    ("fr", "Elle se rendra demain à Bamako.", [("demain", "2031-03-13")]),
    ("fr", "Elle sera reçue ce vendredi par le président.", [("ce vendredi", "2031-03-14")]),
    ("fr", "Le 1er avril, elle ira à Bamako.", [("1er avril", "2031-04-01")]),
    ("es", "El canciller llegó el 27 de febrero de 2031 a Lima.", [("27 de febrero de 2031", "2031-02-27")]),
    ("es", "El canciller llegó ayer a Lima.", [("ayer", "2031-03-11")]),
    ("es", "El canciller viajará mañana a Quito.", [("mañana", "2031-03-13")]),
    ("es", "El canciller llegó por la mañana a Quito.", []),
    ("es", "El canciller llegó este lunes a Quito.", [("este lunes", "2031-03-10")]),
    ("es", "El canciller llegó el pasado lunes 10 de marzo a Quito.", [("pasado lunes 10 de marzo", "2031-03-10")]),
    ("pt", "O ministro chegou na segunda-feira, 10, a Maputo.", [("segunda-feira, 10", "2031-03-10")]),
    ("pt", "O ministro chegou ontem a Maputo.", [("ontem", "2031-03-11")]),
    ("pt", "O ministro parte amanhã para Luanda.", [("amanhã", "2031-03-13")]),
    ("it", "Il ministro è arrivato ieri a Roma.", [("ieri", "2031-03-11")]),
    ("it", "Il ministro arriverà giovedì 13 marzo a Roma.", [("giovedì 13 marzo", "2031-03-13")]),
    ("id", "Menteri tiba di Nairobi, Senin (10/3) malam.", [("Senin (10/3)", "2031-03-10")]),
    ("id", "Menteri tiba di Nairobi pada Senin, 10 Maret 2031.", [("Senin, 10 Maret 2031", "2031-03-10")]),
    ("id", "Menteri tiba di Nairobi kemarin.", [("kemarin", "2031-03-11")]),
    ("id", "Menteri akan tiba di Nairobi besok.", [("besok", "2031-03-13")]),
    ("de", "Die Ministerin landete am 10. März in Nairobi.", [("10. März", "2031-03-10")]),
    ("de", "Die Ministerin landete Dienstagabend in Nairobi.", [("Dienstagabend", "2031-03-11")]),
    ("de", "Die Ministerin ist gestern in Nairobi gelandet.", [("gestern", "2031-03-11")]),
    ("de", "Die Ministerin reist morgen nach Nairobi.", [("morgen", "2031-03-13")]),
    ("de", "Am Morgen reiste die Ministerin nach Nairobi.", []),
])
def test_days(lang, text, want):
    assert days(text, lang) == want


@pytest.mark.parametrize("lang,text,first,last", [
    ("fr", "Elle visitera le Mali du 15 au 18 mars.", "2031-03-15", "2031-03-18"),
    ("fr", "sa visite au Mali les 10 et 11 mars 2031", "2031-03-10", "2031-03-11"),
    ("es", "Visitará Perú del 15 al 18 de marzo.", "2031-03-15", "2031-03-18"),
    ("pt", "Visitará Angola de 15 a 18 de março.", "2031-03-15", "2031-03-18"),
    ("it", "Visiterà il Mali dal 15 al 18 marzo.", "2031-03-15", "2031-03-18"),
    ("de", "Sie besucht Kenia vom 15. bis 18. März.", "2031-03-15", "2031-03-18"),
    ("id", "Ia akan berkunjung ke Kenya dari 15 hingga 18 Maret.", "2031-03-15", "2031-03-18"),
])
def test_ranges(lang, text, first, last):
    r = tag_foreign(text, A, lang).ranges
    assert [(x.first.isoformat(), x.last.isoformat()) for x in r] == [(first, last)]


def test_no_anchor_keeps_weekday_unresolved():
    t = tag_foreign("Elle est arrivée mardi à Dakar.", None, "fr").timexes
    assert [(x.first, x.value) for x in t] == [(None, "XXXX-WXX-2")]


def test_merge_leaves_english_alone():
    text = "The minister arrived on Monday in Nairobi."
    tags = tag(text, A)
    assert merge(tags, text, A, "en") is tags
    assert merge(tags, text, A, None) is tags


def test_merge_replaces_overlapping_english():
    text = "Le ministre est arrivé le 10 mars 2031 à Dakar."
    merged = merge(tag(text, A), text, A, "fr")
    assert [(t.text, t.value) for t in merged.timexes] == [("10 mars 2031", "2031-03-10")]


def test_no_anchor_takes_the_year_of_a_full_date():
    t = tag_foreign("Elle a quitté Dakar le mercredi 12 mars 2031. Ce jeudi 13 mars, elle est à Bamako; "
                    "arrivée le mardi 11.", None, "fr").timexes
    assert [(x.text.rstrip("."), x.first and x.first.isoformat()) for x in t] == [
        ("mercredi 12 mars 2031", "2031-03-12"), ("Ce jeudi 13 mars", "2031-03-13"), ("mardi 11", "2031-03-11")]


def test_weekday_inside_a_name_is_no_date():
    assert days("Llegó a Santo Domingo por la noche.", "es") == []
    assert days("Tiba di Jakarta, Senin (10/3).", "id") == [("Senin (10/3)", "2031-03-10")]


def test_relative_day_in_capitals():
    assert days("O PRESIDENTE RECEBEU HOJE O MINISTRO.", "pt") == [("HOJE", "2031-03-12")]
