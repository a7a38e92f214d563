"""Data that ships with storyline: the sample corpus written by the project."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def sample_dir() -> Path:
    """The bundled sample corpus folder (articles and gold labels)."""
    return HERE / "sample"


def sample_articles_dir() -> Path:
    """The folder with the sample articles themselves (no gold labels or README)."""
    return sample_dir() / "articles"
