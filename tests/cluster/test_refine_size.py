"""Refinement links grown fragments too: stories of up to ``refine_max_size`` = 20 articles (10 before session 16).

A fragment of an affair that grew past ten articles before it met the affair's main story was never linked by
refinement, and the merge pass keeps two big stories apart unless their mean embeddings are very close (session 16,
DFN development half: twelve reports on the 2020 US election in Texas beside the election story that already held
eight). The articles are written for these tests (no text of any data set).
"""

from __future__ import annotations

from storyline.cluster.online import Doc, StoryClusterer
from storyline.cluster.scoring import Weights

from .background import FESTIVAL, dated_docs, other_news, replayed
from .background import TOPICS as EVERYDAY

TOPICS = [*EVERYDAY, FESTIVAL]
PLACES = ["Maplewood Avenue", "the harbour", "the station", "the market square", "the old mill", "the bus depot",
          "the ferry pier", "the town hall", "the hospital", "the stadium", "the river bridge", "the main library",
          "the school gate", "the railway yard"]
# The main story: reports on the flooding of Port Ellis, each from another quarter of the town.
MAIN = [(f"Flood water reaches {p.removeprefix('the ')} in Port Ellis",
         f"Flood water from the Ellis river reached {p} in Port Ellis on day {k + 1} of the flooding. Residents were "
         f"evacuated and the fire brigade pumped water from the streets; the flood defences of Port Ellis failed.",
         f"2031-03-{1 + k:02d}") for k, p in enumerate(PLACES)]
# The fragment: insurance and repair reports on the same flood, which name the insurers and the repair firms.
FIRMS = ["Calder Mutual", "Brightwater Insurance", "Hollis & Reed", "Norland Builders", "Ostrava Repairs",
         "Pemberton Cover", "Quill Restoration", "Rowan Loss Adjusters", "Selby Homes", "Tarrant Underwriting",
         "Umber Roofing", "Vance Drying"]
FRAGMENT = [(f"{firm} counts the cost of the flood",
             f"{firm} said the flood water damaged hundreds of homes and shops in the town; residents who were "
             f"evacuated from the flood can claim for the flooding once the fire brigade has pumped the water from the "
             f"streets, and the repairs will take months.",
             f"2031-03-{2 + k:02d}") for k, firm in enumerate(FIRMS)]


def _others() -> list[Doc]:
    return other_news("2031-02", TOPICS)


def _cluster(weights: Weights) -> StoryClusterer:
    """Both stories as stored assignments replayed, then one refinement (linking, the merge pass, the second look)."""
    return replayed(weights, _others(), [("m", dated_docs(MAIN, "m")), ("f", dated_docs(FRAGMENT, "f"))],
                    event_per_article=True)


def test_regression_a_fragment_of_twelve_reports_was_never_linked_to_its_affair_s_story():
    apart = _cluster(Weights(refine_max_size=10))
    assert apart.story_of("m0") != apart.story_of("f0")
    c = _cluster(Weights())
    assert c.story_of("m0") == c.story_of("m13") == c.story_of("f0") == c.story_of("f11")
