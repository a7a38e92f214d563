"""The incremental clusterer on small hand-made streams."""

from __future__ import annotations

from storyline.cluster.features import DocumentFrequencies, tfidf, tokens
from storyline.cluster.online import Doc, StoryClusterer, day_number
from storyline.cluster.scoring import Weights

MH17 = [
    ("MH17 neergeschoten boven Oekraïne", "Vlucht MH17 van Malaysia Airlines is boven Oost-Oekraïne neergestort. Aan boord "
     "waren 298 mensen, onder wie 193 Nederlanders. Premier Rutte spreekt van een zwarte dag.", "2014-07-17"),
    ("Eerste slachtoffers MH17 aangekomen in Eindhoven", "Op vliegbasis Eindhoven zijn de eerste stoffelijke overschotten "
     "van slachtoffers van vlucht MH17 aangekomen. Koning Willem-Alexander en premier Rutte waren aanwezig.", "2014-07-23"),
    ("Onderzoeksraad: MH17 neergehaald door Buk-raket", "De Onderzoeksraad voor Veiligheid concludeert dat vlucht MH17 "
     "van Malaysia Airlines boven Oekraïne werd neergehaald door een Buk-raket.", "2015-10-13"),
]
AJAX = [
    ("Ajax wint van PSV", "Ajax heeft zondag in de Johan Cruijff Arena met 2-0 gewonnen van PSV. Trainer Ten Hag "
     "was tevreden over de Eredivisie-wedstrijd.", "2014-07-20"),
]


def _docs(items, lang="nl", prefix="d"):
    return [Doc(f"{prefix}{n}", t, x, lang, day_number(d + "T00:00:00Z")) for n, (t, x, d) in enumerate(items)]


def test_articles_of_one_affair_form_one_story_and_others_do_not():
    c = StoryClusterer()
    placed = [c.learn_one(d) for d in _docs(MH17[:2] + AJAX + MH17[2:])]
    story = {p.article_id: c.resolve(p.story_id) for p in placed}
    assert story["d0"] == story["d1"] == story["d3"]
    assert story["d2"] != story["d0"]
    assert placed[0].new_story and not placed[1].new_story


def test_every_article_has_one_event_inside_its_story():
    c = StoryClusterer()
    placed = [c.learn_one(d) for d in _docs(MH17)]
    for p in placed:
        assert c.events[p.event_id].parent == c.resolve(p.story_id)
    # the report of October 2015 is a new event of the same story, not part of the July 2014 crash event
    assert placed[2].event_id != placed[0].event_id


def test_a_story_quiet_for_long_needs_stronger_evidence():
    w = Weights()
    assert w.time_penalty(0) == 0 < w.time_penalty(30) < w.time_penalty(365) < w.time_penalty(3650)
    assert w.time_penalty(None) == w.time_penalty(w.undated_gap)
    c = StoryClusterer()
    first = c.learn_one(_docs(MH17[:1])[0])
    assert first.new_story
    soon = Doc("soon", *MH17[1][:2], "nl", day_number("2014-07-20T00:00:00Z"))
    late = Doc("late", *MH17[1][:2], "nl", day_number("2030-07-20T00:00:00Z"))
    _, score_soon = c.predict_one(soon)
    _, score_late = c.predict_one(late)
    assert score_soon is not None and (score_late is None or score_late < score_soon)


def test_a_near_duplicate_copy_joins_its_original_event():
    c = StoryClusterer()
    a, b = _docs(MH17[:1] + AJAX)
    first = c.learn_one(a)
    copy = Doc("copy", b.title, b.text, "nl", b.day, copy_of="d0")
    placed = c.learn_one(copy)
    assert placed.event_id == first.event_id and placed.story_id == first.story_id


def test_dutch_and_english_reports_of_one_affair_are_linked():
    c = StoryClusterer()
    nl = _docs(MH17[:1])[0]
    en = Doc("en", "MH17 shot down over Ukraine", "Malaysia Airlines flight MH17 crashed in eastern Ukraine. 298 people "
             "were on board, among them 193 Dutch citizens. Prime minister Rutte speaks of a black day.", "en", nl.day + 1)
    other = Doc("x", "Storm hits Florida", "Hurricane Irma made landfall in Florida on Sunday.", "en", nl.day + 1)
    assert c.learn_one(nl).story_id == c.learn_one(en).story_id != c.learn_one(other).story_id


def test_undated_articles_are_placed_by_content():
    c = StoryClusterer()
    for d in _docs(MH17[:2] + AJAX):
        c.learn_one(d)
    undated = Doc("u", "Nabestaanden MH17 herdenken slachtoffers", "Nabestaanden van de slachtoffers van vlucht MH17 van "
                  "Malaysia Airlines kwamen bijeen. Premier Rutte sprak.", "nl", None)
    assert c.resolve(c.learn_one(undated).story_id) == c.story_of("d0")


def test_features_names_and_idf_update_incrementally():
    lemmas, names = tokens("Premier Rutte bezocht gisteren Kiev. De premier sprak met Zelensky.", "nl")
    assert "rutte" in names and "zelensky" in names and "de" not in names and "premier" not in names
    assert "bezoeken" in lemmas
    df = DocumentFrequencies()
    df.learn_one(["rutte", "kiev"])
    before = tfidf(["rutte", "kiev"], df)
    df.learn_one(["rutte"])
    after = tfidf(["rutte", "kiev"], df)
    assert after["kiev"] > before["kiev"] and after["rutte"] < before["rutte"]


def test_merge_and_forbid():
    c = StoryClusterer()
    a, b = _docs(MH17[:1] + AJAX)
    sa, sb = c.learn_one(a).story_id, c.learn_one(b).story_id
    assert sa != sb
    c.merge(sa, sb)
    assert c.resolve(sb) == sa and c.stories[sa].n == 2 and sb not in c.stories
    assert c.story_of("d1") == sa and len(c.stories[sa].children) == 2
    c.forbid("x", "y")
    assert frozenset(("x", "y")) in c._forbidden
