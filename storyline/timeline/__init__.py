"""Timelines and summaries of a collection of articles (issue 5).

`build_timeline(articles)` selects the dates that matter (publication counts, dates mentioned in the
texts, bursts of coverage) and the sentences that best say what happened on each; `export` turns
the result into TimelineJS JSON, plain JSON or Markdown.
"""

from .build import build_timeline, default_max_dates
from .export import to_json, to_markdown, to_timelinejs

__all__ = ["build_timeline", "default_max_dates", "to_json", "to_markdown", "to_timelinejs"]
