"""`storyline evaluate ...`: quality and speed measured on labelled data."""

from __future__ import annotations

from . import main


@main.group()
def evaluate() -> None:
    """Measure storyline against gold data (clusters, entities, dates, timelines)."""
