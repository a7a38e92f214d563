"""Story detection: articles into events (one happening, reported within days) and events into stories.

`StoryClusterer` assigns articles one at a time (`learn_one`); `assign`, `rebuild` and the correction
functions run it on a store. Scoring and weights: `storyline.cluster.scoring`.
"""

from .assign import ClusterReport, assign, merge_stories, move_article, rebuild, replay_corrections, split_story
from .online import Doc, Placement, StoryClusterer
from .scoring import Weights

__all__ = ["ClusterReport", "Doc", "Placement", "StoryClusterer", "Weights", "assign", "merge_stories",
           "move_article", "rebuild", "replay_corrections", "split_story"]
