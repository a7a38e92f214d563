"""The option objects of storyline and the one check every one of them runs on creation.

Every tunable lives in a dataclass of options (ingest here; entities and serve here; clustering in
`storyline.cluster.scoring.Weights`; timelines in `storyline.timeline.options.TimelineOptions`), and every
one of them calls `check_options` in `__post_init__`. `storyline.settings` reads them from storyline.toml,
STORYLINE_* variables and keyword arguments (see docs/configuration.md).

To add a setting, add a typed field with a default (and a comment saying what it does) to the right
object: it is checked by its type at once (a number must be finite and at least 0, unless the class's
`BOUNDS` says otherwise; a text field may be limited by `CHOICES`) and is reachable from storyline.toml,
the environment and `storyline.open(...)` with no further code.
"""

from __future__ import annotations

import math
import os
import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ConfigError, ConfigMessages

SUPPORTED_LANGUAGES = ("nl", "en", "de", "fr", "es", "it")
FORMATS = ("auto", "text", "jsonl", "csv", "html", "feed")
FIELD_NAMES = ("text", "title", "published", "url", "id", "source", "lang")


def default_db_path() -> Path:
    """The database used when neither --db nor STORYLINE_DB is given."""
    env = os.environ.get("STORYLINE_DB")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "storyline" / "storyline.db"


Bounds = tuple[float | None, float | None]


_TYPES: dict[type, dict[str, Any]] = {}


def option_types(cls: type) -> dict[str, Any]:
    """The resolved type of every field of an options dataclass (computed once per class)."""
    if cls not in _TYPES:
        hints = typing.get_type_hints(cls)
        _TYPES[cls] = {f.name: hints[f.name] for f in fields(cls)}
    return _TYPES[cls]


def default_of(cls: type, name: str) -> Any:
    """The default value of field `name` of dataclass `cls` (None when it has none)."""
    for f in fields(cls):
        if f.name == name:
            if f.default is not MISSING:
                return f.default
            if f.default_factory is not MISSING:
                return f.default_factory()
    return None


def _bounds_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f" from {low:g} to {high:g}"
    if low is not None:
        return f" of at least {low:g}"
    return f" of at most {high:g}" if high is not None else ""


def check_value(key: str, kind: Any, value: Any, *, bounds: Bounds = (0, None),
                choices: tuple[str, ...] | None = None, default: Any = None, source: str | None = None) -> Any:
    """`value` checked against the field type `kind` (and bounds, choices); returned in its proper form.

    `key` names the setting in the message ("cluster.lemma"); the message says the default and, with
    `source`, where the value came from.

    >>> check_value("cluster.lemma", float, 1), check_value("ingest.languages", tuple[str, ...], ["nl"])
    (1.0, ('nl',))
    >>> check_value("cluster.lemma", float, -1, default=0.5)
    Traceback (most recent call last):
    ...
    storyline.errors.ConfigError: cluster.lemma must be a number of at least 0, got -1 (the default is 0.5)
    """
    fix = (f" (the default is {default!r})" if default is not None else "") + \
        (ConfigMessages.FROM.format(source=source) if source else "")
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        arms = [a for a in typing.get_args(kind) if a is not type(None)]
        if value is None:
            return None
        kind = arms[0] if len(arms) == 1 else kind
        origin = typing.get_origin(kind)
    low, high = bounds
    if kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(ConfigMessages.BOOLEAN.format(key=key, value=value, fix=fix))
        return value
    if kind is int or kind is float:
        integral = kind is int
        ok = isinstance(value, int) if integral else isinstance(value, int | float)
        if (not ok or isinstance(value, bool) or not math.isfinite(value)
                or (low is not None and value < low) or (high is not None and value > high)):
            message = ConfigMessages.INTEGER if integral else ConfigMessages.NUMBER
            raise ConfigError(message.format(key=key, value=value, bounds=_bounds_text(low, high), fix=fix))
        return value if integral else float(value)
    if kind is str:
        if not isinstance(value, str):
            raise ConfigError(ConfigMessages.TEXT.format(key=key, value=value, fix=fix))
        if choices is not None and value not in choices:
            raise ConfigError(ConfigMessages.CHOICE.format(key=key, value=value, choices=", ".join(choices), fix=fix))
        return value
    if origin is dict:
        value_kind = typing.get_args(kind)[1]
        what = "numbers" if value_kind in (int, float) else "names"
        if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
            raise ConfigError(ConfigMessages.MAPPING.format(key=key, value=value, what=what, fix=fix))
        return {k: check_value(f"{key}.{k}", value_kind, v, bounds=bounds, source=source) for k, v in value.items()}
    if origin is tuple:
        item = typing.get_args(kind)[0] if typing.get_args(kind) else str
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise ConfigError(ConfigMessages.TEXT_LIST.format(key=key, value=value, fix=fix))
        if item is str and not all(isinstance(v, str) for v in value):
            raise ConfigError(ConfigMessages.TEXT_LIST.format(key=key, value=value, fix=fix))
        return tuple(check_value(key, item, v, bounds=bounds, choices=choices, source=source) for v in value)
    if isinstance(kind, type) and is_dataclass(kind):
        if not isinstance(value, kind):
            raise ConfigError(ConfigMessages.NOT_A_TABLE.format(key=key, where=""))
        return value
    return value


def check_options(obj: Any) -> None:
    """Check (and put in proper form) every field of an options dataclass; the one check all of them run.

    The class may name its section (`SECTION`, e.g. "cluster"), bounds other than "at least 0" for numbers
    (`BOUNDS`: field -> (low, high), None for open) and the allowed values of text fields (`CHOICES`).
    """
    cls = type(obj)
    section = getattr(cls, "SECTION", cls.__name__)
    bounds: Mapping[str, Bounds] = getattr(cls, "BOUNDS", {})
    choices: Mapping[str, tuple[str, ...]] = getattr(cls, "CHOICES", {})
    for name, kind in option_types(cls).items():
        value = getattr(obj, name)
        checked = check_value(f"{section}.{name}", kind, value, bounds=bounds.get(name, (0, None)),
                              choices=choices.get(name), default=default_of(cls, name))
        if checked is not value:
            object.__setattr__(obj, name, checked)  # 1 -> 1.0, a list -> a tuple (frozen classes too)


@dataclass(slots=True)
class IngestOptions:
    """Everything that steers reading and cleaning; checked on creation.

    >>> IngestOptions(fields={"text": "body"}).fields["text"]
    'body'
    >>> IngestOptions(format="docx")
    Traceback (most recent call last):
    ...
    storyline.errors.ConfigError: unknown format 'docx'; choose one of auto, text, jsonl, csv, html, feed
    """

    format: str = "auto"
    fields: dict[str, str] = field(default_factory=dict)
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    max_bytes: int = 8 * 1024 * 1024  # a feed read whole: feedparser needs about 6 times its size
    max_record_bytes: int = 8 * 1024 * 1024  # one JSON line, JSON array element or CSV line: streamed within this
    max_chars: int = 1_000_000
    min_chars: int = 20
    default_timezone: str = "UTC"
    batch_size: int = 500
    near_duplicate_threshold: float = 0.8
    num_perm: int = 128
    shingle_size: int = 3
    workers: int | None = None  # processes for the per-article stages; None: the number of cores (storyline.workers)
    follow_links: bool = False  # read links in folders that point outside the folder given

    SECTION: ClassVar[str] = "ingest"
    BOUNDS: ClassVar[dict[str, Bounds]] = {"near_duplicate_threshold": (0.0, 1.0)}

    def __post_init__(self) -> None:
        check_options(self)
        if self.format not in FORMATS:
            raise ConfigError(f"unknown format {self.format!r}; choose one of {', '.join(FORMATS)}")
        for key in self.fields:
            if key not in FIELD_NAMES:
                raise ConfigError(f"unknown field {key!r} in --field; known fields: {', '.join(FIELD_NAMES)}")
        bad = [lang for lang in self.languages if lang not in SUPPORTED_LANGUAGES]
        if bad or not self.languages:
            raise ConfigError(
                f"unsupported language(s) {bad or '(none)'}; choose from {', '.join(SUPPORTED_LANGUAGES)}"
            )
        try:
            ZoneInfo(self.default_timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ConfigError(f"unknown time zone {self.default_timezone!r}; use an IANA name such as Europe/Amsterdam") from exc
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ConfigError("near_duplicate_threshold must be in (0, 1]")
        for name in ("max_bytes", "max_record_bytes", "batch_size", "num_perm", "shingle_size", "workers"):
            if getattr(self, name) is not None and getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1")

    @staticmethod
    def parse_fields(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
        """Turn ``["text=body", "published=dct"]`` into a mapping.

        >>> IngestOptions.parse_fields(["text=body", "published=dct"])
        {'text': 'body', 'published': 'dct'}
        """
        mapping: dict[str, str] = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not sep or not key.strip() or not value.strip():
                raise ConfigError(f"--field expects NAME=COLUMN (for example text=body), got {pair!r}")
            mapping[key.strip()] = value.strip()
        return mapping


@dataclass(slots=True)
class EntityOptions:
    """Which entity backend the text stage uses (the one place its default is decided)."""

    backend: str = "builtin"  # builtin, frog or hybrid; 'storyline doctor' says which can run here

    SECTION: ClassVar[str] = "entities"

    def __post_init__(self) -> None:
        from .text.ner import backend_names

        check_options(self)
        if self.backend not in backend_names():
            raise ConfigError(f"unknown entity backend {self.backend!r}; choose one of {', '.join(backend_names())}")


@dataclass(slots=True)
class ServeOptions:
    """Where `storyline serve` listens (the write token stays in $STORYLINE_TOKEN or --token: it is a secret)."""

    host: str = "127.0.0.1"  # reachable from this machine only
    port: int = 8000
    allowed_hosts: tuple[str, ...] = ()  # more host names to answer for (against DNS rebinding)

    SECTION: ClassVar[str] = "serve"
    BOUNDS: ClassVar[dict[str, Bounds]] = {"port": (1, 65535)}

    def __post_init__(self) -> None:
        check_options(self)
