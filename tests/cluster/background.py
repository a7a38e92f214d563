"""Other news of the weeks for the clustering regression tests: an archive of invented towns and everyday topics in
which the names of a test's own stories are rare."""

from __future__ import annotations

from storyline.cluster.online import Doc, StoryClusterer, day_number
from storyline.cluster.scoring import Weights

TOWNS = [a + b for a in ("Ash", "Bel", "Cedar", "Dun", "East", "Fair", "Glen", "Hills", "Iron", "Juniper")
         for b in ("ford", "mont", "ville", "field", "wick")]  # (50 invented towns)
TOPICS = [("council approves new library", "The council of {t} approved the plans for a new library in the centre of {t}."),
          ("football club wins the cup", "The football club of {t} won the regional cup final against a team from {u}."),
          ("bakery celebrates its centenary", "A bakery in {t} celebrated its hundredth year with a street party in {t}."),
          ("school opens a science wing", "A school in {t} opened a new science wing, the headteacher of {t} said.")]
FESTIVAL = ("festival draws record crowds", "The summer festival in {t} drew record crowds from {u} and beyond.")


def other_news(month: str, topics: list[tuple[str, str]]) -> list[Doc]:
    """One report per town and topic, spread over the days of `month` ("2031-06")."""
    docs = []
    for i, town in enumerate(TOWNS):
        for j, (title, text) in enumerate(topics):
            other = TOWNS[(i + j + 1) % len(TOWNS)]
            docs.append(Doc(f"o{i}-{j}", f"{town} {title}", text.format(t=town, u=other), "en",
                            day_number(f"{month}-{1 + (i + j) % 28:02d}T09:00:00Z")))
    return docs


def dated_docs(items: list[tuple[str, str, str]], prefix: str) -> list[Doc]:
    """English docs from (title, text, day) triples, ids `prefix` + their position."""
    return [Doc(f"{prefix}{n}", t, x, "en", day_number(d + "T09:00:00Z")) for n, (t, x, d) in enumerate(items)]


def replayed(weights: Weights, others: list[Doc], stories: list[tuple[str, list[Doc]]], *,
             event_per_article: bool = False) -> StoryClusterer:
    """`others` as stories of their own, then each (prefix, docs) as one stored story (assignments replayed, one
    event or one per article), then one refinement: linking, the merge pass and the second look compare them."""
    c = StoryClusterer(weights)
    c.learn_terms(others)
    for d in others:
        c.add(d, "e" + d.id, "s" + d.id)
    c.untouch()
    for prefix, docs in stories:
        for d in docs:
            c.learn_terms([d])
            c.add(d, f"e{d.id}" if event_per_article else f"e{prefix}", f"s{prefix}")
    c.refine()
    return c
