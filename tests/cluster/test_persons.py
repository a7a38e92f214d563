"""Principal persons: an article or a story about other persons does not join a story (Weights.persons).

The articles are written for these tests (no text of any data set).
"""

from __future__ import annotations

from collections import Counter

from storyline.cluster.features import headline_persons
from storyline.cluster.online import Doc, StoryClusterer, day_number
from storyline.cluster.scoring import Weights
from storyline.cluster.state import Cluster

HARRY_MEGHAN = [
    ("Prince Harry and Meghan Markle are engaged",
     "Prince Harry and the American actress Meghan Markle are engaged, Kensington Palace said on Monday. The royal "
     "wedding will take place in the spring at Windsor. Harry proposed earlier this month at Nottingham Cottage.",
     "2017-11-27"),
    ("Meghan Markle and Prince Harry give their first interview",
     "In their first interview since the engagement, Meghan Markle and Prince Harry spoke about the proposal, the "
     "ring Harry designed and their plans for the royal wedding at Windsor Castle.", "2017-11-28"),
    ("Royal wedding date set: Harry and Meghan to marry in May",
     "Kensington Palace announced that Prince Harry and Meghan Markle will marry on 19 May at St George's Chapel in "
     "Windsor Castle. The royal family will pay for the wedding.", "2017-12-15"),
    ("Meghan Markle joins the royal family for Christmas",
     "Meghan Markle joined Prince Harry and the royal family at Sandringham for the Christmas service, months "
     "before the royal wedding at Windsor.", "2017-12-25"),
    ("Prince Harry marries Meghan Markle at Windsor",
     "Prince Harry and Meghan Markle were married at St George's Chapel in Windsor Castle. After the royal wedding "
     "the Duke and Duchess of Sussex rode through Windsor in a carriage.", "2018-05-19"),
    ("Meghan Markle's wedding dress was made by Givenchy",
     "The wedding dress Meghan Markle wore to marry Prince Harry at Windsor was designed by Clare Waight Keller of "
     "Givenchy, the royal wedding's guests learnt.", "2018-05-19"),
]
EUGENIE = [
    ("Princess Eugenie engaged to Jack Brooksbank",
     "Princess Eugenie is to marry Jack Brooksbank, Buckingham Palace announced. Princess Eugenie and Jack "
     "Brooksbank became engaged in Nicaragua. The royal wedding will take place at St George's Chapel in Windsor "
     "Castle in the autumn, the venue where Prince Harry and Meghan Markle will wed in May.", "2018-01-22"),
    ("Jack Brooksbank: the man marrying Princess Eugenie",
     "Jack Brooksbank, who will marry Princess Eugenie at Windsor, works for a drinks company. Princess Eugenie "
     "and Jack Brooksbank met in Switzerland.", "2018-01-23"),
    ("Princess Eugenie marries Jack Brooksbank at Windsor",
     "Princess Eugenie married Jack Brooksbank at St George's Chapel in Windsor Castle. The royal wedding of "
     "Princess Eugenie drew crowds to Windsor, five months after Prince Harry married Meghan Markle there.",
     "2018-10-12"),
    ("Princess Eugenie's wedding dress shows her scar",
     "Princess Eugenie chose a wedding dress that shows the scar of her spine operation. Eugenie married Jack "
     "Brooksbank at Windsor in the second royal wedding of the year after Meghan Markle's.", "2018-10-12"),
]


def _docs(items, prefix):
    return [Doc(f"{prefix}{n}", t, x, "en", day_number(d + "T09:00:00Z")) for n, (t, x, d) in enumerate(items)]


def _cluster(weights: Weights) -> StoryClusterer:
    """Place the articles in publication order in one batch, as `storyline.cluster.assign` does."""
    docs = sorted(_docs(HARRY_MEGHAN, "h") + _docs(EUGENIE, "e"), key=lambda d: (d.day, d.id))
    c = StoryClusterer(weights)
    c.learn_terms(docs)
    for d in docs:
        c.learn_one(d)
    c.refine()
    return c


def test_headline_persons_come_after_a_title_or_a_first_name():
    assert headline_persons("Princess Eugenie engaged to Jack Brooksbank") == {"eugenie"}
    assert headline_persons("Prince Harry and Meghan Markle are engaged") == {"harry", "meghan", "markle"}
    assert headline_persons("Prinses Amalia gaat studeren in Amsterdam") == {"amalia"}
    assert headline_persons("Royal wedding date set") == frozenset()


def test_principal_persons_are_named_in_a_share_of_a_story_s_headlines():
    story = Cluster("s", 0, n=10, persons=Counter({"harry": 6, "meghan": 4, "trump": 1}))
    assert story.principals(0.3) == {"harry", "meghan"}
    assert story.principals(0.1) == {"harry", "meghan", "trump"}


def test_regression_two_royal_weddings_months_apart_made_one_story():
    # Without the rule, Princess Eugenie's engagement (royal, Windsor, St George's Chapel, Harry and Meghan named
    # in passing) joins the story of Prince Harry's and Meghan Markle's engagement, and her wedding follows it.
    merged = _cluster(Weights(persons=False))
    assert merged.story_of("e0") == merged.story_of("h0")
    c = _cluster(Weights())
    harry = {c.story_of(f"h{n}") for n in range(len(HARRY_MEGHAN))}
    eugenie = {c.story_of(f"e{n}") for n in range(len(EUGENIE))}
    assert len(harry) == 1 and len(eugenie) == 1 and harry != eugenie


def test_a_new_person_in_the_headline_joins_a_story_that_names_them():
    c = _cluster(Weights())
    extra = Doc("x", "Prince Harry thanks Meghan Markle's mother Doria Ragland",
                "Prince Harry thanked Doria Ragland, the mother of Meghan Markle, after the royal wedding at Windsor.",
                "en", day_number("2018-05-20T09:00:00Z"))
    story, _ = c.predict_one(extra)
    assert story == c.story_of("h0")


def test_headlines_computed_in_the_workers_give_the_clusterer_the_same_features():
    """`--workers N`: `features_unit` computes each headline's persons and names in a worker and the clusterer's
    process only reads them (`learn_terms(..., headlines)`); its features must be those it computes itself."""
    from storyline.cluster.assign import features_unit

    docs = sorted(_docs(HARRY_MEGHAN, "h") + _docs(EUGENIE, "e"), key=lambda d: (d.day, d.id))
    found = features_unit(None, [(d.id, d.title, d.text, d.lang, d.boilerplate) for d in docs])
    assert any(f[3] for f in found) and all(f[3] == sorted(f[3]) and set(f[3]) <= set(f[4]) for f in found)
    given, alone = StoryClusterer(), StoryClusterer()
    given.learn_terms(docs, [(f[1], f[2]) for f in found], [(f[3], f[4]) for f in found])
    alone.learn_terms(docs, [(f[1], f[2]) for f in found])
    for d in docs:
        a, b = given.features(d, learn=False), alone.features(d, learn=False)
        assert (a.persons, a.title_names, a.lemmas, a.names) == (b.persons, b.title_names, b.lemmas, b.names)
    assert [given.learn_one(d).story_id for d in docs] == [alone.learn_one(d).story_id for d in docs]
