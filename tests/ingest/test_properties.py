"""Property tests: text normalisation is idempotent, and ingest is idempotent and order-independent."""

from __future__ import annotations

import random
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.config import IngestOptions
from storyline.ingest.normalize import normalize_text, normalize_title
from storyline.ingest.pipeline import ingest_records
from storyline.models import RawRecord
from storyline.store.sqlite import Store

# -- normalisation ----------------------------------------------------------------------------------

# Pieces that each exercise one clean-up step, and combinations of them.
FRAGMENTS = [
    "&amp;", "&amp;amp;", "&amp;amp;amp;", "&#239;", "&amp;#239;", "&#x200b;", "&nbsp;", "&#13;", "&lt;p&gt;",
    "&lt;br&gt;", "&lt;", "&gt;", "&", "#", ";", "<", ">",
    "<p>", "</p>", "<br>", "<br/>", "<br />", "<div class=\"x\">", "</div>", "<b>", "</b>", "<li>",
    "<!-- c -->", "<script>x()</script>",
    "update/video", "update/videoAmerika", "Liveblog|", "Video: ", "video", "Foto's", "LIVE",
    "Volledig scherm Foto: ANP", "Volledig scherm Kim en Trump. © ANP", "Volledig scherm", "© ANP", "ANP",
    "Lees ook: Kim", "Foto: Jan Jansen", "Deel dit artikel", "Advertentie",
    "\r\n", "\r", "\n", "\n\n\n", "\u2028", "\u2029", "\t", " ", "  ", "\u00a0", "\u202f", "\u3000",
    "\u200b", "\u200d", "\ufeff", "\u00ad", "\x0b", "\x85",
    "e\u0301", "\u0301", "Zoe\u0308", "A\u030a", "\u1e9b\u0323", "\u212b",
    "Amerika", "Kim Jong-un", "Trump", "De top gaat door.", "Zoë", "naïef", "één", "café", "Ελλάδα", "日本",
]


def messy_text() -> st.SearchStrategy[str]:
    """Arbitrary text with the kinds of mess news text arrives in."""
    fragment = st.sampled_from(FRAGMENTS) | st.text(max_size=12)
    return st.text() | st.lists(fragment, max_size=25).map("".join) | scraped_lines()


# Line by line: scraper residue, photo credits, teasers and real sentences, in any order.
LINE_PIECES = ["", "video/", "update/", "Liveblog|", "Foto: ", "Volledig scherm ", "Volledig scherm foto ANP",
               "Kim en Trump in Singapore. © ANP", "© ANP", "ANP", "foto", "AFP", "Lees ook", ": ", "Klaar",
               "Amerika", "De top gaat door.", " ", "\u00a0"]
NEWLINES = ["\n", "\n\n", "\r\n", "\n\n\n\n"]


@st.composite
def scraped_lines(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.lists(st.sampled_from(LINE_PIECES), max_size=3).map("".join), max_size=8))
    out = ""
    for line in lines:
        out += line + draw(st.sampled_from(NEWLINES))
    return out


# Residue glued to photo credits, stacked at the top of a scraped page, then the article.
RESIDUE = ["", "video/", "update/", "Liveblog|", "update/video", "Foto's: "]
CREDITS = ["Volledig scherm foto ANP", "Volledig scherm Kim en Trump in Singapore. © AFP", "Foto: Jan Jansen",
           "© ANP", "Lees ook: Kim en Trump", "Advertentie"]


@st.composite
def stacked_residue(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.tuples(st.sampled_from(RESIDUE), st.sampled_from(CREDITS)).map("".join), max_size=8))
    return "\n".join([*lines, "Amerika en Noord-Korea praten weer."])


def _escape(text: str, depth: int) -> str:
    for _ in range(depth):
        text = text.replace("&", "&amp;")
    return text


def nested_entities() -> st.SearchStrategy[str]:
    """Entities escaped again and again (``&amp;amp;#239;``), as repeated feed re-publication produces."""
    return st.tuples(st.sampled_from(["&amp;", "&#239;", "&lt;p&gt;", "&nbsp;", "&#x200b;"]), st.integers(0, 30),
                     st.text(max_size=5)).map(lambda t: "Zo" + _escape(t[0], t[1]) + t[2])


@settings(max_examples=400, deadline=None)
@given(messy_text())
def test_normalize_text_is_idempotent(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once


@settings(max_examples=200, deadline=None)
@given(stacked_residue())
def test_normalize_text_is_idempotent_on_stacked_residue_and_credits(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once


@settings(max_examples=100, deadline=None)
@given(nested_entities())
def test_normalize_text_is_idempotent_on_nested_entities(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once


@settings(max_examples=400, deadline=None)
@given(messy_text() | stacked_residue() | nested_entities())
def test_normalize_title_is_idempotent(raw: str) -> None:
    once = normalize_title(raw)
    assert normalize_title(once) == once


@settings(max_examples=300, deadline=None)
@given(scraped_lines())
def test_normalize_title_is_idempotent_on_scraped_lines(raw: str) -> None:
    """A title is joined into one line; the joined line must not turn into something normalising removes."""
    once = normalize_title(raw)
    assert normalize_title(once) == once


@settings(max_examples=300, deadline=None)
@given(messy_text() | stacked_residue() | nested_entities())
def test_normalize_text_output_shape(raw: str) -> None:
    out = normalize_text(raw)
    assert unicodedata.is_normalized("NFC", out)
    assert "\r" not in out
    assert "\n\n\n" not in out
    assert out == out.strip()


@settings(max_examples=300, deadline=None)
@given(messy_text() | stacked_residue() | nested_entities())
def test_normalize_title_output_shape(raw: str) -> None:
    out = normalize_title(raw)
    assert unicodedata.is_normalized("NFC", out)
    assert "\r" not in out and "\n" not in out
    assert "  " not in out
    assert out == out.strip()


def test_normalize_examples() -> None:
    """The clean-up steps the properties rely on actually happen (so the properties are not vacuous)."""
    assert normalize_text("Zo&amp;amp;#235; &amp;amp; co<br>naa\u0308st\r\n\r\n\r\n\r\nKlaar") == "Zoë & co\nnaäst\n\nKlaar"
    assert normalize_text("update/videoAmerika\nVolledig scherm Kim. © ANP\nTekst\u00a0\u200bhier ") == "Amerika\nTekst hier"
    assert normalize_title(" Kim &amp; Trump\n ontmoeten\u00a0elkaar ") == "Kim & Trump ontmoeten elkaar"


# -- ingest corpora ---------------------------------------------------------------------------------

WORDS = """
de het een en van in op met voor aan naar door over bij uit tegen na onder zonder tussen
regering minister kabinet gemeente burgemeester raad politie rechter rechtbank ministerie partij
president leider top ontmoeting gesprek akkoord overeenkomst verdrag onderhandelingen sancties
economie bedrijf werknemers vakbond staking loon banen markt beurs koers rente inflatie begroting
ziekenhuis patiënten artsen zorg vaccin onderzoek wetenschappers universiteit studenten school
verkiezingen stemmen kiezers coalitie oppositie debat motie wet voorstel besluit plan maatregel
haven schip containers vliegveld luchtvaart passagiers trein spoor wegen verkeer file ongeluk
brand storm regen overstroming dijk water klimaat energie gas stroom windmolens zonnepanelen
club wedstrijd trainer spelers doelpunt competitie seizoen kampioen supporters stadion
dinsdag woensdag donderdag vrijdag zaterdag zondag maandag gisteren vandaag morgen week maand jaar
heeft zijn werd wordt kan moet wil zegt zei meldt liet bleek kwam ging staat blijft krijgt
nieuwe grote kleine eerste laatste belangrijke hoge lage snelle late vroege sterke zwakke
Amsterdam Rotterdam Utrecht Den Haag Eindhoven Groningen Maastricht Brussel Berlijn Parijs Londen
Singapore Washington Seoul Pyongyang Beijing Moskou Kiev Tokio Madrid Rome
volgens omdat terwijl nadat hoewel toen zodat maar ook nog al niet wel meer minder veel weinig
""".split()

DATES = [None, "2018-05-12", "2018-05", "2018", "2018-06-12T09:30:00+02:00", "2018-06-12T07:30:00Z",
         "12-06-2018", "Tue, 12 Jun 2018 10:00:00 GMT", "2019-01-03", "2017-11-30", "0001-01-01T00:00:00Z"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 10))]
    return " ".join(words).capitalize() + "."


def _article(seed: int, n_words: int = 150) -> tuple[str, list[str]]:
    """A title and the sentences of a ~150-word article, determined by `seed`."""
    rng = random.Random(seed)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 8))).capitalize()
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < n_words:
        sentences.append(_sentence(rng))
    return title, sentences


def _record(location: str, record: str, title: str, sentences: list[str], published: str | None,
            lang: str | None) -> dict[str, Any]:
    return {"location": location, "record": record, "title": title, "text": " ".join(sentences),
            "published": published, "external_id": f"{location}-{record}", "outlet": location, "lang": lang}


@st.composite
def corpora(draw: st.DrawFn, copies_agree: bool = False) -> list[dict[str, Any]]:
    """Distinct articles (dated and undated), exact duplicates under other ids and sources, and near-duplicates.

    With `copies_agree`, an exact duplicate has the same declared language as its original and either the
    same date or none; otherwise everything is drawn independently.
    """
    records: list[dict[str, Any]] = []
    n_bases = draw(st.integers(1, 4))
    seeds = draw(st.lists(st.integers(0, 10**6), min_size=n_bases, max_size=n_bases, unique=True))
    dates = st.sampled_from(DATES)
    langs = st.sampled_from([None, "nl"])
    for b, seed in enumerate(seeds):
        title, sentences = _article(seed)
        published, lang = draw(dates), draw(langs)
        records.append(_record("feed-a", f"{b}", title, sentences, published, lang))
        if draw(st.booleans()):  # the same story under another id in another source
            if copies_agree:
                copy_date, copy_lang = draw(st.sampled_from([published, None])), lang
            else:
                copy_date, copy_lang = draw(dates), draw(langs)
            records.append(_record("feed-b", f"{b}", title, sentences, copy_date, copy_lang))
        if draw(st.booleans()):  # a copy with one sentence rewritten
            changed = list(sentences)
            index = draw(st.integers(0, len(changed) - 1))
            changed[index] = _sentence(random.Random(seed + 7_000_000))
            near_title = title if draw(st.booleans()) else _article(seed + 9_000_000)[0]
            records.append(_record("feed-c", f"{b}", near_title, changed, draw(dates), draw(langs)))
    return records


def _raws(records: list[dict[str, Any]]) -> list[RawRecord]:
    return [RawRecord(**r) for r in records]


def _ingest(store: Store, records: list[dict[str, Any]], batch_size: int):
    return ingest_records(store, _raws(records), IngestOptions(batch_size=batch_size))


def _dump_of(*parts: list[dict[str, Any]], batch_size: int = 500) -> list[tuple]:
    with Store(":memory:") as store:
        for part in parts:
            _ingest(store, part, batch_size)
        return store.dump()


CORPUS_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_generated_near_copy_is_linked() -> None:
    """The corpus generator's near-duplicates really are near-duplicates to the store (the properties need that)."""
    title, sentences = _article(42)
    changed = list(sentences)
    changed[3] = _sentence(random.Random(99))
    records = [_record("feed-a", "0", title, sentences, "2018-05-12", "nl"),
               _record("feed-c", "0", title, changed, "2018-05-13", "nl")]
    with Store(":memory:") as store:
        report = _ingest(store, records, 500)
        assert report.accepted == 2
        arts = store.articles()
    assert report.near_duplicates == 1
    assert arts[0]["copy_of"] is None and arts[1]["copy_of"] == arts[0]["id"]


@CORPUS_SETTINGS
@given(corpora(), st.sampled_from([1, 2, 500]))
def test_ingest_twice_same_as_once(records: list[dict[str, Any]], batch_size: int) -> None:
    with Store(":memory:") as store:
        first = _ingest(store, records, batch_size)
        once = store.dump()
        second = _ingest(store, records, batch_size)
        twice = store.dump()
    assert twice == once
    assert second.accepted == 0
    assert second.duplicates == 0
    assert second.already_stored == first.accepted + first.duplicates + first.already_stored
    assert first.accepted + first.duplicates == len(records)


def _halves(copies_agree: bool = False) -> st.SearchStrategy[tuple[list[dict[str, Any]], int]]:
    """A corpus in a random order and a point to cut it in two."""
    return corpora(copies_agree).flatmap(lambda rs: st.tuples(st.permutations(rs), st.integers(0, len(rs))))


def _check_order_independent(records: list[dict[str, Any]], cut: int, batch_size: int) -> None:
    a, b = records[:cut], records[cut:]
    all_at_once = _dump_of(records, batch_size=batch_size)
    assert _dump_of(a, b, batch_size=batch_size) == all_at_once, "A then B differs from all at once"
    assert _dump_of(b, a, batch_size=batch_size) == all_at_once, "B then A differs from all at once"


@CORPUS_SETTINGS
@given(_halves(), st.sampled_from([1, 2, 500]))
def test_ingest_order_does_not_matter(halves: tuple[list[dict[str, Any]], int], batch_size: int) -> None:
    _check_order_independent(*halves, batch_size)


@CORPUS_SETTINGS
@given(_halves(copies_agree=True), st.sampled_from([1, 2, 500]))
def test_ingest_order_does_not_matter_when_copies_agree(halves: tuple[list[dict[str, Any]], int],
                                                         batch_size: int) -> None:
    """Exact duplicates that agree on language and date where both have one: still independent of order."""
    _check_order_independent(*halves, batch_size)


def test_regression_a_title_whose_entity_breaks_a_line_normalizes_in_one_call() -> None:
    # Found by test_normalize_title_is_idempotent: "&#10" made a line break, the join after it a credit line.
    once = normalize_title("VOLLEDIG SCHERM&#10AP")
    assert normalize_title(once) == once == ""
