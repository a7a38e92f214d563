"""Principal persons: an article or a story about other persons does not join a story (``Weights.persons``).

Two affairs of one kind (two royal weddings at Windsor, two engagements two months apart) share the words of
their kind, the place and, in passing, each other's persons: Princess Eugenie's engagement report says that
her wedding will be at the chapel where Prince Harry and Meghan Markle will wed. Their scores clear the
threshold. What tells them apart is whom the headlines are about (`features.headline_persons`: the word after a
person's title or a known first name). A story's principal persons are those named in at least
``persons_share`` of its headlines (`state.Cluster.principals`).

- An article does not join a story of at least ``persons_min_size`` articles (`other_persons`) when its headline
  names persons, none of whom the story's names ever mention, and no principal person of the story is among its
  headline's names (the story has some). A headline about someone new in a story that names them still joins.
- Two stories are not merged by linking, refinement, the merge pass or the second look (`persons_apart`) when
  both have principal persons and none of the smaller one's is named in ``persons_frequent`` of the larger one's
  headlines. A user can still merge them.
"""

from __future__ import annotations

from collections.abc import Callable

from .features import headline_persons, tokens
from .scoring import Weights
from .state import Cluster, Features


def headline(w: Weights, title: str, lang: str | None) -> tuple[list[str], list[str]]:
    """The persons a headline names and, when it names any (or the headline-floor test is on), the headline's names
    with them, both sorted (what `Features.persons` and `Features.title_names` hold). Pure and per article: worker
    processes compute it (`assign.features_unit`) and the clusterer's process only reads it.

    >>> headline(Weights(), "Princess Eugenie engaged to Jack Brooksbank", "en")[0]
    ['eugenie']
    """
    if not (w.persons or w.headline_floor or w.names_apart):
        return [], []
    persons = headline_persons(title) if w.persons else frozenset()
    if not persons and not (w.headline_floor or w.names_apart):  # the headline's names serve the headline-floor test
        # (evidence.py) and the stories' principal names (`names_apart`) too
        return [], []
    return sorted(persons), sorted(frozenset(tokens(title, lang, places=w.places)[1]) | persons)


def other_persons(w: Weights, f: Features, story: Cluster) -> bool:
    """Whether an article (`f`) is about other persons than `story` (see the module docstring).

    >>> from collections import Counter
    >>> import numpy as np
    >>> story = Cluster("s", 0, names={"harry": 3.0, "meghan": 3.0}, n=4, persons=Counter({"harry": 3, "meghan": 2}))
    >>> eugenie = Features({}, {}, np.zeros(1), persons=frozenset({"eugenie"}), title_names=frozenset({"eugenie"}))
    >>> doria = Features({}, {}, np.zeros(1), persons=frozenset({"doria"}), title_names=frozenset({"doria", "harry"}))
    >>> other_persons(Weights(), eugenie, story), other_persons(Weights(), doria, story)
    (True, False)
    """
    if not w.persons or not f.persons or story.n < w.persons_min_size:
        return False
    if any(story.names.get(p, 0.0) > 0.0 for p in f.persons):
        return False
    least = max(1.0, w.persons_share * story.n)
    if any(story.persons.get(t, 0) >= least for t in f.title_names):
        return False
    return any(k >= least for k in story.persons.values())  # (the story has principal persons)


def names_apart(w: Weights, a: Cluster, b: Cluster, specific: Callable[[str], bool]) -> bool:
    """Whether stories `a` and `b`, both of ``persons_min_size`` articles or more, are two affairs of one kind: each
    has principal names (specific names in ``persons_share`` of its headlines) and none of the smaller one's is
    named in ``persons_frequent`` of the larger one's headlines (the Danforth shooting in Toronto and the shooting in
    Fredericton three weeks later).

    >>> from collections import Counter
    >>> toronto = Cluster("t", 0, n=8, heads=Counter({"toronto": 6, "danforth": 4, "ottawa": 1}))
    >>> fredericton = Cluster("f", 1, n=6, heads=Counter({"fredericton": 6, "ottawa": 1}))
    >>> danforth = Cluster("d", 2, n=3, heads=Counter({"danforth": 3, "hussain": 2}))
    >>> rare = lambda t: True
    >>> names_apart(Weights(), toronto, fredericton, rare), names_apart(Weights(), danforth, toronto, rare)
    (True, False)
    """
    if not w.names_apart or min(a.n, b.n) < w.persons_min_size:
        return False
    small, big = (a, b) if (a.n, a.key) <= (b.n, b.key) else (b, a)
    least = max(1.0, w.persons_share * small.n)
    own = [t for t, k in small.heads.items() if k >= least and specific(t)]
    if not own or any(big.heads.get(t, 0) >= max(1.0, w.persons_frequent * big.n) for t in own):
        return False
    least = max(1.0, w.persons_share * big.n)
    return any(k >= least and specific(t) for t, k in big.heads.items())


def persons_apart(w: Weights, a: Cluster, b: Cluster) -> bool:
    """Whether stories `a` and `b` are about other persons (see the module docstring).

    >>> from collections import Counter
    >>> harry = Cluster("h", 0, n=50, persons=Counter({"harry": 30, "meghan": 25, "eugenie": 1}))
    >>> eugenie = Cluster("e", 1, n=20, persons=Counter({"eugenie": 18, "meghan": 3}))
    >>> prince = Cluster("p", 2, n=1, persons=Counter({"harry": 1}))
    >>> persons_apart(Weights(), harry, eugenie), persons_apart(Weights(), prince, harry)
    (True, False)
    """
    if not w.persons:
        return False
    small, big = (a, b) if (a.n, a.key) <= (b.n, b.key) else (b, a)
    own = small.principals(w.persons_share)
    if not own or any(big.persons.get(p, 0) >= max(1.0, w.persons_frequent * big.n) for p in own):
        return False
    least = max(1.0, w.persons_share * big.n)
    return any(k >= least for k in big.persons.values())  # (the larger one has principal persons)
