"""Names of a Title Case headline count only when the text names them too (``Weights.title_case``, on).

In an English headline in Title Case every word is capitalised ("Dunmore Woman Is Sixth to Die in Harbor Line
Shootings"), so every word of it read as a name: the name vector of such an article (the headline counted twice)
was mostly "woman", "die", "shootings", which no story names, and a report on an affair could not reach its story.
The articles are written for these tests (no text of any data set).
"""

from __future__ import annotations

from storyline.cluster.online import Doc, StoryClusterer, day_number
from storyline.cluster.scoring import Weights

from .background import TOPICS as EVERYDAY
from .background import other_news

TOPICS = [*EVERYDAY, ("woman wins the marathon", "A woman from {t} won the city marathon, ahead of runners from {u}.")]
STORY = [
    ("Gunman kills five on a Harbor Line commuter train",
     "A gunman opened fire on a crowded Harbor Line commuter train near Kestrel Point on Tuesday evening, killing "
     "five passengers. Three passengers overpowered the gunman, Colton Pryce, when he stopped to reload.", "2033-12-07"),
    ("Police say Colton Pryce planned the Harbor Line attack",
     "Notes found on Colton Pryce show that he planned the attack on the Harbor Line train for weeks, the police "
     "of Kestrel Point said. Pryce was charged with five counts of murder.", "2033-12-08"),
    ("Harbor Line passengers describe the attack",
     "Passengers of the Harbor Line train described how Colton Pryce walked down the aisle firing at them before "
     "three men pinned him down near Kestrel Point.", "2033-12-09"),
]
# Four months on, a Title Case headline over a page whose text names only her mother, the gunman and the line.
LATE = ("Grieving Dunmore Family Remembers a Daughter Who Loved Music, Painting and Long Summer Walks",
        "Pictured: her mother, Ruth Okafor. Related: Colton Pryce, Harbor Line.",
        "2034-04-13")


def _others() -> list[Doc]:
    return other_news("2033-11", TOPICS)


def _place_late(weights: Weights) -> StoryClusterer:
    c = StoryClusterer(weights)
    others = _others()
    c.learn_terms(others)
    for d in others:
        c.add(d, "e" + d.id, "s" + d.id)
    for n, (title, text, day) in enumerate([*STORY, LATE]):
        c.learn_one(Doc(f"h{n}", title, text, "en", day_number(day + "T09:00:00Z")))
    return c


def test_regression_a_title_case_headline_s_words_as_names_kept_a_report_from_its_story():
    old = _place_late(Weights(title_case=False))
    assert old.story_of("h0") == old.story_of("h2") != old.story_of("h3")
    c = _place_late(Weights())
    assert c.story_of("h0") == c.story_of("h2") == c.story_of("h3")


def test_a_title_case_headline_keeps_the_names_its_text_confirms():
    # "Harbor Line" and "Colton Pryce" are in the text: they stay names of the article; "Pleads", "Guilty" do not.
    c = StoryClusterer(Weights())
    lemmas, names = c.terms(Doc("x", "Harbor Line Gunman Colton Pryce Pleads Not Guilty",
                                "In court, Colton Pryce, who shot five passengers on the Harbor Line, pleaded not guilty.", "en", 0.0))
    assert {"pryce", "colton"} <= set(names) and not {"pleads", "gunman", "guilty"} & set(names)
