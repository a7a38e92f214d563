"""The story-story merge pass (storyline.cluster.merge): what merges two stories and what never does."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

import storyline
from storyline.cluster.assign import assign
from storyline.cluster.embed import DIM
from storyline.cluster.merge import StoryPair, compare, main_lang, main_year, merge_score
from storyline.cluster.online import Doc, StoryClusterer, day_number
from storyline.cluster.scoring import Weights
from storyline.cluster.state import Cluster
from storyline.cluster.titles import flawed
from storyline.errors import ConfigError
from storyline.settings import load_settings
from storyline.store import stories as q
from tests.conftest import shared_path


def _story(sid: str, lemmas: dict, names: dict, emb: np.ndarray, langs: dict, first: float, last: float,
           years: dict | None = None, n: int = 5) -> Cluster:
    return Cluster(sid, hash(sid) & 0xFFFF, dict(lemmas), sum(v * v for v in lemmas.values()), dict(names),
                   sum(v * v for v in names.values()), emb.astype(np.float32), n, first, last, Counter(langs),
                   Counter(years or {}))


def _unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=DIM)
    return v / np.linalg.norm(v)


def test_compare_is_symmetric():
    a = _story("a", {"top": 1.0, "kim": 0.5}, {"Trump": 1.0, "Kim": 1.0}, _unit(1), {"nl": 4, "en": 1}, 100, 120,
               {"2018": 2})
    b = _story("b", {"top": 0.5, "vrede": 1.0}, {"Kim": 1.0}, _unit(2), {"nl": 3}, 150, 160)
    assert compare(a, b) == compare(b, a)
    assert main_lang(a) == "nl" and main_year(a) == "2018" and main_year(b) is None


def test_a_shared_famous_name_alone_never_merges_two_stories_across_languages():
    """Regression (issue 15): the Dutch story on the US-North Korea summits took in English articles on the
    Colorado deputy shooting through the one name Trump. However close their embeddings and dates, two stories
    in different languages with no words in common never merge in this pass."""
    emb = _unit(3)
    summit = _story("s_summit", {"top": 1.0, "denuclearisatie": 0.8, "gesprek": 0.5},
                    {"Trump": 1.0, "Kim": 0.9, "Singapore": 0.6}, emb, {"nl": 5}, 17600, 17700)
    shooting = _story("s_shooting", {"deputy": 1.0, "shoot": 0.9, "condolence": 0.4},
                      {"Trump": 1.0, "Colorado": 0.9, "Douglas": 0.5}, emb * 0.9 + _unit(4) * 0.1,
                      {"en": 4}, 17531, 17730)
    pair = compare(summit, shooting)
    assert pair.cos_names > 0.4 and pair.cos_use > 0.9  # one famous name and a close embedding ...
    assert merge_score(pair, Weights(merge=True)) is None  # ... are not enough
    assert merge_score(pair, Weights(merge=True, merge_min_lemma=0.0, merge_min_names=0.0, merge_threshold=-1.0)) is None


def test_stories_with_different_main_languages_merge_only_on_the_cross_language_rule():
    """Regression (issue 15): a Dutch story and an English story that only shared a minority language merged on
    an embedding cosine of 0.5 (the seed story on the US-North Korea summits went into an English Trump story).
    Stories in different main languages merge only with the content evidence of a cross-language join, close mean
    embeddings (0.75) and agreeing names (0.15); with `merge_cross` off, never."""
    w = Weights(merge=True)
    assert merge_score(StoryPair(0.3, 0.3, 0.95, False, True, 0.0, False), w) is None  # no evidence given
    assert merge_score(StoryPair(0.3, 0.3, 0.5, False, True, 0.0, False), w, True) is None  # the old case
    assert merge_score(StoryPair(0.3, 0.1, 0.95, False, True, 0.0, False), w, True) is None  # names disagree
    assert merge_score(StoryPair(0.3, 0.3, 0.95, False, True, 0.0, False), w, True) is not None
    assert merge_score(StoryPair(0.3, 0.3, 0.95, False, True, 0.0, False), Weights(merge_cross=False), True) is None
    assert merge_score(StoryPair(0.3, 0.3, 0.95, True, True, 0.0, False), w) is not None


MH17_NL = [
    ("Vlucht MH17 van Malaysia Airlines neergestort boven Oekraïne",
     "Een Boeing van Malaysia Airlines, vlucht MH17 van Amsterdam naar Kuala Lumpur, is neergestort bij Grabovo in "
     "Oost-Oekraïne. Aan boord waren 298 mensen, onder wie veel Nederlanders.", "2014-07-17"),
    ("Onderzoeksraad begint onderzoek naar MH17 bij Grabovo",
     "De Onderzoeksraad voor Veiligheid onderzoekt de ramp met vlucht MH17 van Malaysia Airlines bij Grabovo. "
     "Het wrak van de Boeing ligt in Oost-Oekraïne, waar separatisten de rampplek bewaken.", "2014-07-19"),
]
MH17_EN = [
    ("Malaysia Airlines flight MH17 crashes in Ukraine",
     "A Malaysia Airlines Boeing, flight MH17 from Amsterdam to Kuala Lumpur, crashed near Grabovo in eastern "
     "Ukraine. All 298 people on board were killed, most of them Dutch.", "2014-07-17"),
    ("Investigators reach MH17 crash site near Grabovo",
     "Dutch investigators reached the wreckage of Malaysia Airlines flight MH17 near Grabovo in eastern Ukraine, "
     "where separatists guard the crash site of the Boeing.", "2014-07-19"),
]


def placed(weights: Weights) -> StoryClusterer:
    """The MH17 articles placed as a Dutch story and an English one ("snl", "sen")."""
    c = StoryClusterer(weights)
    docs = [[Doc(f"{lang}_{n}", t, x, lang, day_number(d + "T00:00:00Z")) for n, (t, x, d) in enumerate(g)]
            for lang, g in (("nl", MH17_NL), ("en", MH17_EN))]
    c.learn_terms([d for g in docs for d in g])
    for g in docs:
        for d in g:
            c.add(d, "e" + d.lang, "s" + d.lang)
    return c


def test_one_affair_in_two_languages_as_two_grown_stories_merges_across_languages():
    """Regression (issue 15): on DFN dev (`all`), MH17 stood as a Dutch story and an English one (names cosine
    0.28, mean embeddings 0.88) that no pass compared: refinement looks at small stories only, and the merge pass
    never merged different main languages. The cross-language rule of the merge pass joins them."""
    off = placed(Weights(refine_max_size=0, link_max_size=0, merge_cross=False))
    assert off.refine() == 0 and off.story_of("nl_0") != off.story_of("en_0")
    on = placed(Weights(refine_max_size=0, link_max_size=0))
    pair = compare(on.stories["snl"], on.stories["sen"])
    assert not pair.same_main and pair.cos_use >= 0.75 and pair.cos_names >= 0.15
    assert on.refine() == 1 and on.story_of("nl_0") == on.story_of("en_1")


def test_two_big_stories_of_one_affair_in_two_languages_meet_the_cross_language_embedding_bar_not_the_same_language_one():
    """Regression (issue 15, Eurovision 2020 on DFN dev `all`): a Dutch story of 22 articles and an English one of 113
    on the same contest (mean embeddings 0.77, names 0.17) stayed apart because the big-story rule asked every pair
    of stories both larger than ``merge_max_size`` for an embedding cosine of ``merge_big_use`` = 0.8, a bar set for
    two stories in one language; the multilingual encoder puts reports in two languages less close. Across
    languages, big stories now meet ``merge_x_big_use`` (0.75, the cross-language rule's own floor).

    Here the two MH17 stories (two articles each, mean embeddings 0.83) count as big (``merge_max_size`` = 1), with
    the same-language bar set above their cosine: they merge only because the cross-language bar applies."""
    big = dict(refine_max_size=0, link_max_size=0, adopt_max_size=0, merge_max_size=1, merge_big_use=0.9)
    pair = compare(placed(Weights(**big)).stories["snl"], placed(Weights(**big)).stories["sen"])
    assert not pair.same_main and 0.8 <= pair.cos_use < 0.9
    assert Weights().merge_x_big_use == 0.75 < Weights().merge_big_use
    on = placed(Weights(**big, merge_x_big_use=0.8))
    assert on.refine() == 1 and on.story_of("nl_0") == on.story_of("en_1")
    off = placed(Weights(**big, merge_x_big_use=0.9))  # the old rule: the same-language bar across languages too
    assert off.refine() == 0 and off.story_of("nl_0") != off.story_of("en_0")


def test_edition_years_and_time_gap_keep_stories_apart():
    w = Weights(merge=True)
    assert merge_score(StoryPair(0.4, 0.4, 0.9, True, True, 0.0, True), w) is None
    assert merge_score(StoryPair(0.4, 0.4, 0.9, True, True, 0.0, True), Weights(merge=True, merge_years=False)) is not None
    near = merge_score(StoryPair(0.2, 0.2, 0.3, True, True, 10.0, False), w)
    far = merge_score(StoryPair(0.2, 0.2, 0.3, True, True, 3000.0, False), w)
    assert near is not None and far is None


def test_merge_options_are_settings_and_are_checked():
    assert Weights().merge is True and Weights().merge_once is True  # on by default since it passes the seed check
    s = load_settings(None, environ={"STORYLINE_CLUSTER__MERGE_THRESHOLD": "0.2"}, overrides={"cluster.merge": False})
    assert s.cluster.merge_threshold == 0.2 and s.cluster.merge is False
    with pytest.raises(ConfigError):
        Weights(merge_min_lemma=1.5)
    with pytest.raises(ConfigError):
        Weights(merge_max_size=-1)


TRIAL = [  # one affair, reported twice: a first story, then later reports that open a story of their own
    ("Rechtbank Zwolle begint proces tegen Jansen om brand in Kampen",
     "De rechtbank in Zwolle is begonnen aan het proces tegen Pieter Jansen. Jansen wordt verdacht van de brand in "
     "de kerk van Kampen, waarbij de toren instortte. Het Openbaar Ministerie eist een celstraf.", "2019-03-01"),
    ("Jansen ontkent brand in kerk van Kampen voor rechtbank Zwolle",
     "Pieter Jansen heeft voor de rechtbank in Zwolle ontkend dat hij de brand in de kerk van Kampen heeft "
     "gesticht. De toren van de kerk stortte in bij de brand.", "2019-03-02"),
]
LATER = [
    ("Hoger beroep Jansen om kerkbrand Kampen begint in Arnhem",
     "Het hoger beroep van Pieter Jansen om de brand in de kerk van Kampen is begonnen bij het hof in Arnhem. "
     "De rechtbank in Zwolle had Jansen veroordeeld voor de brand, waarbij de toren instortte.", "2019-09-01"),
    ("Hof Arnhem hoort getuigen over kerkbrand Kampen in zaak Jansen",
     "Het hof in Arnhem heeft getuigen gehoord in de zaak tegen Pieter Jansen over de brand in de kerk van Kampen. "
     "Jansen werd door de rechtbank in Zwolle veroordeeld.", "2019-09-03"),
]


APPEAL = [
    ("Hof Arnhem doet uitspraak in hoger beroep Jansen om kerkbrand Kampen",
     "Het hof in Arnhem heeft uitspraak gedaan in het hoger beroep van Pieter Jansen om de brand in de kerk van "
     "Kampen. De rechtbank in Zwolle had Jansen veroordeeld voor de brand, waarbij de toren instortte.", "2019-10-01"),
    ("Jansen hoort uitspraak hof Arnhem over brand in kerk van Kampen",
     "Pieter Jansen heeft in Arnhem de uitspraak van het hof gehoord over de brand in de kerk van Kampen. Eerder "
     "veroordeelde de rechtbank in Zwolle hem voor de brand.", "2019-10-02"),
]


def _placed(weights: Weights, *groups: list[tuple[str, str, str]]) -> StoryClusterer:
    """A clusterer holding one story per group (TRIAL and LATER unless given), as an earlier run left them."""
    c = StoryClusterer(weights)
    groups = groups or (TRIAL, LATER)
    docs = [[Doc(f"{i}_{n}", t, x, "nl", day_number(d + "T00:00:00Z")) for n, (t, x, d) in enumerate(g)]
            for i, g in enumerate(groups)]
    c.learn_terms([d for g in docs for d in g])
    for i, g in enumerate(docs):
        for d in g:
            c.add(d, f"e{i}", f"s{i}")
    return c


def test_two_fragments_of_one_affair_merge_after_a_batch():
    # refinement and linking off: only the story-story pass can merge the two stories of two articles each
    c = _placed(Weights(refine_max_size=0, link_max_size=0, merge=True))
    assert c.story_of("0_0") != c.story_of("1_0")
    assert c.refine() == 1
    assert c.story_of("0_0") == c.story_of("1_1")
    off = _placed(Weights(refine_max_size=0, link_max_size=0, merge=False))
    assert off.refine() == 0 and off.story_of("0_0") != off.story_of("1_0")


def test_regression_two_big_stories_of_one_affair_whose_headlines_read_differently_stayed_apart():
    """Regression (session 15, COVID-19 on DFN dev `en`): a story of 32 pandemic reports and one of 11 health-ministry
    update pages (lemma centroids 0.42, names 0.39) never merged: both were bigger than ``merge_max_size``, and their
    mean embeddings (of headline + lead: "COVID-19 Update: 10 New Cases" against news reports) were only 0.56 alike,
    under ``merge_big_use`` = 0.8. Two big stories whose words and names both agree at ``merge_big_words`` = 0.3
    (twice the pass's floors) now merge whatever their embeddings.

    Here the trial and the later reports (two articles each, counted big with ``merge_max_size`` = 1; lemmas 0.50,
    names 0.63, embeddings 0.71)."""
    big = dict(refine_max_size=0, link_max_size=0, adopt_max_size=0, merge_max_size=1)
    off = _placed(Weights(**big, merge_big_words=0.0))  # the old rule: the embedding bar alone
    assert off.refine() == 0 and off.story_of("0_0") != off.story_of("1_0")
    on = _placed(Weights(**big))
    assert on.refine() == 1 and on.story_of("0_0") == on.story_of("1_1")
    assert _placed(Weights(**big, merge_big_words=0.55)).refine() == 0  # lemmas 0.50: under that bar


def test_a_story_made_by_the_merge_pass_is_not_merged_again_in_the_same_pass():
    """Cascades: a story the pass made by a merge is not compared again in that pass (on DFN dev, chains of merges
    built catch-all stories); a later batch that touches the third fragment merges it."""
    three = (TRIAL, LATER, APPEAL)
    once = _placed(Weights(refine_max_size=0, link_max_size=0, merge=True), *three)
    assert once.refine() == 1 and len({once.story_of(f"{i}_0") for i in range(3)}) == 2
    chain = _placed(Weights(refine_max_size=0, link_max_size=0, merge=True, merge_once=False), *three)
    assert chain.refine() == 2 and len({chain.story_of(f"{i}_0") for i in range(3)}) == 1
    left = next(f"{i}_0" for i in range(3) if once.story_of(f"{i}_0") == f"s{i}" and
                sum(once.story_of(f"{j}_0") == f"s{i}" for j in range(3)) == 1)
    once._touched.add(once.story_of(left))  # a later batch grows the fragment left over
    assert once.refine() == 1 and len({once.story_of(f"{i}_0") for i in range(3)}) == 1


def test_the_merge_pass_does_not_depend_on_which_story_is_touched_first():
    a = _placed(Weights(refine_max_size=0, link_max_size=0, merge=True))
    b = _placed(Weights(refine_max_size=0, link_max_size=0, merge=True))
    b._touched = set(reversed(sorted(b._touched)))
    a.refine(), b.refine()
    assert {x: a.story_of(x) for x in ("0_0", "0_1", "1_0", "1_1")} == {x: b.story_of(x) for x in ("0_0", "0_1", "1_0", "1_1")}


def test_seed_story_does_not_join_the_us_campaign_story_with_the_merge_pass_on_the_whole_dfn_file():
    """Regression (issue 15): with the merge pass on, the five Dutch seed articles on the 2018 US-North Korea
    summits and the whole DFN file in one database put the seeds into a story of 139 articles titled "How Bernie
    Sanders Supporters Shut Down Donald Trump's Rally in Chicago". The merge pass had grown a catch-all story on
    US campaigns from 2015 to 2020 (2-article stories merged across gaps of a year), so it covered the seeds'
    dates; when the fifth, undated seed article touched the seed story in the last batch, refinement linked it
    across languages on an embedding cosine of 0.46 and one shared "specific" name, Sanders (Sarah Sanders in one
    seed, Bernie Sanders there), weighing 0.02 in the seed story's names.

    Clustering needs no text stage (entities), so the articles are stored raw and assigned directly, as
    `storyline ingest --raw` then the clustering of `storyline cluster` (without its text stage and timelines).
    """
    seeds, dfn = shared_path("seeds"), shared_path("dfn", "articles.jsonl")
    with storyline.open(":memory:", cluster={"merge": True}) as archive:
        assert archive.settings.cluster.merge is True
        seed_ids = archive.ingest(seeds).new_ids
        assert len(seed_ids) == 5
        archive.ingest(dfn)
        report = assign(archive.store, weights=archive.settings.cluster)
        assert report.assigned > 3900 and report.merged  # the whole file, and the merge pass did merge stories
        story = q.story_of(archive.store, seed_ids[0])[1]
        assert sorted(q.members(archive.store, story)) == sorted(seed_ids)
        title = q.story_title(archive.store, story)
        assert ("Korea" in title or "Kim" in title) and "Sanders" not in title and not flawed(title), title
        # Regression (issue 15, the catch-all): the story of the 2016 Chicago rally protest held 134 articles of
        # 2015-2020, US campaigns and the 2020 election state by state, chained by merges of stories more than a
        # year apart (`merge_max_gap`).
        rally = next(r["id"] for r in q.article_rows(archive.store)
                     if r["title"].startswith("How Bernie Sanders Supporters Shut Down Donald Trump"))
        years = {(r["published_start"] or "undated")[:4]
                 for r in q.article_rows(archive.store, q.members(archive.store, q.story_of(archive.store, rally)[1]))}
        assert not years & {"2019", "2020"}, sorted(years)


def test_an_old_small_story_the_batch_did_not_touch_gets_a_second_look_with_adopt():
    """Issue 15: refinement compares a small story only in the batch that made it, so the first reports of an
    affair, placed before its main story grew, were never compared again (most of DFN dev's lost English recall is
    in single-article stories). With ``adopt_max_size`` a story the batch grew looks for such stories among its
    candidates (on by default, with stories up to 3 articles)."""
    def run(adopt: int) -> StoryClusterer:
        c = _placed(Weights(refine_max_size=0, link_max_size=0, merge=False, adopt_max_size=adopt))
        c._touched = {"s1"}  # only the later story grew in this batch
        c.refine()
        return c

    assert run(0).story_of("0_0") != run(0).story_of("1_0")
    assert run(3).story_of("0_0") == run(3).story_of("1_0")
    assert Weights().adopt_max_size == 3 and Weights().merge_max_gap == 365.0


def test_regression_a_story_in_one_language_beside_the_same_affair_in_two_stays_apart():
    """Regression (session 15, MH17 on DFN dev `all`): once a page of 17 July 2014 was dated by its address, 12 Dutch
    MH17 reports grew their own story beside the MH17 story of 75 English and 54 Dutch articles and never merged:
    their main languages differ, and the mean embeddings (0.63) were under the cross-language bar (0.75), though the
    names (0.42) and lemmas (0.21) agreed. Two such stories that share a language merge when their name centroids
    reach ``merge_x_names_strong`` (0.35) and their lemmas ``merge_min_lemma``."""
    mh17 = StoryPair(0.21, 0.42, 0.63, False, True, 0.0, False)
    assert merge_score(mh17, Weights(), cross_evidence=True) is not None
    assert merge_score(mh17, Weights(merge_x_names_strong=0.0), cross_evidence=True) is None  # the old rule
    assert merge_score(mh17, Weights(), cross_evidence=False) is None  # specific names shared both ways still needed
    no_common_language = StoryPair(0.21, 0.42, 0.63, False, False, 0.0, False)
    assert merge_score(no_common_language, Weights(), cross_evidence=True) is None
    contests = StoryPair(0.05, 0.06, 0.72, False, True, 0.0, False)  # two song contests: names apart
    assert merge_score(contests, Weights(), cross_evidence=True) is None
