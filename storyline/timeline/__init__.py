"""Timelines and summaries of a collection of articles (issue 5).

`build_timeline(articles)` selects the dates that matter (publication counts, dates mentioned in the
texts, bursts of coverage) and the sentences that best say what happened on each
(:mod:`storyline.export.timeline` renders the result as TimelineJS JSON, plain JSON, Markdown, HTML or
text); `service` keeps the stored
timelines of stories up to date; `abstractive` asks an optional model server for a summary.
"""

from .build import build_timeline, default_max_dates

__all__ = ["build_timeline", "default_max_dates"]
