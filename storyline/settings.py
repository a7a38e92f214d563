"""The settings in force: every option object, read from four layers, and where each value came from.

Precedence, highest first (docs/configuration.md):

1. the command line's options (`--ner-backend`, `ingest --workers`, `serve --port` ...) or the keyword
   arguments of `storyline.open(db, cluster={...}, timeline=TimelineOptions(...))`;
2. environment variables ``STORYLINE_<SECTION>__<KEY>`` (nested: ``STORYLINE_TIMELINE__DATES__MONTH``; one
   entry of a table: ``STORYLINE_CLUSTER__THRESHOLD__NL``); ``STORYLINE_NER_BACKEND`` is kept as another
   name for ``STORYLINE_ENTITIES__BACKEND``;
3. the configuration file: the one given with `--config FILE` (or ``$STORYLINE_CONFIG``), else the
   ``storyline.toml`` beside the database, when there is one;
4. the defaults of the option objects.

A table setting (``cluster.threshold``, ``ingest.fields``) is merged entry by entry over the layer below.
An unknown section or key, in the file or in a ``STORYLINE_<SECTION>__...`` variable, is an error that
names it and lists the valid keys; a value of the wrong type or range is an error that says the expected
form, the default and where the value came from.

>>> s = load_settings(None, environ={"STORYLINE_TIMELINE__DATES__MONTH": "0.5"}, overrides={"serve.port": 9000})
>>> s.timeline.dates.month, s.sources["timeline.dates.month"], s.serve.port, s.sources["serve.port"]
(0.5, '$STORYLINE_TIMELINE__DATES__MONTH', 9000, 'argument')
"""

from __future__ import annotations

import json
import os
import tomllib
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from .cluster.scoring import Weights as ClusterWeights
from .config import EntityOptions, IngestOptions, ServeOptions, check_value, default_of, option_types
from .errors import ConfigError, ConfigMessages
from .timeline.options import TimelineOptions

CONFIG_NAME = "storyline.toml"  # read from beside the database when no --config is given
ENV_PREFIX = "STORYLINE_"
ENV_CONFIG = "STORYLINE_CONFIG"
ENV_ALIASES = {"STORYLINE_NER_BACKEND": "entities.backend"}  # older names, below the new ones
SECTIONS: dict[str, type] = {"ingest": IngestOptions, "entities": EntityOptions, "cluster": ClusterWeights,
                             "timeline": TimelineOptions, "serve": ServeOptions}
DEFAULT = "default"
COMMAND_LINE = "command line"
ARGUMENT = "argument"


@dataclass(slots=True)
class Settings:
    """One value for every tunable, and where it came from (`sources`: dotted key -> default, file ..., env ...)."""

    ingest: IngestOptions = field(default_factory=IngestOptions)
    entities: EntityOptions = field(default_factory=EntityOptions)
    cluster: ClusterWeights = field(default_factory=ClusterWeights)
    timeline: TimelineOptions = field(default_factory=TimelineOptions)
    serve: ServeOptions = field(default_factory=ServeOptions)
    sources: dict[str, str] = field(default_factory=dict)
    file: Path | None = None  # the configuration file read, if any

    def value(self, key: str) -> Any:
        """The value of a dotted key such as "timeline.dates.month"."""
        obj: Any = self
        for part in key.split("."):
            obj = getattr(obj, part)
        return obj

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form: the file read and, per key, its value and source."""
        out = {}
        for key, _, _ in leaves():
            value = self.value(key)
            out[key] = {"value": list(value) if isinstance(value, tuple) else value,
                        "source": self.sources.get(key, DEFAULT)}
        return {"config_file": str(self.file) if self.file else None, "settings": out}


def leaves(cls: type | None = None, prefix: str = "") -> Iterator[tuple[str, type, Any]]:
    """(dotted key, owning class, field type) of every setting, in declaration order."""
    if cls is None:
        for name, section in SECTIONS.items():
            yield from leaves(section, name)
        return
    for name, kind in option_types(cls).items():
        key = f"{prefix}.{name}"
        if isinstance(kind, type) and is_dataclass(kind):
            yield from leaves(kind, key)
        else:
            yield key, cls, kind


def _leaf_index() -> dict[str, tuple[type, Any]]:
    return {key: (cls, kind) for key, cls, kind in leaves()}


def _children(prefix: str) -> list[str]:
    """The valid names directly under a dotted prefix ("" for the sections)."""
    if not prefix:
        return list(SECTIONS)
    names = []
    for key, _, _ in leaves():
        if key.startswith(prefix + "."):
            first = key[len(prefix) + 1:].split(".")[0]
            if first not in names:
                names.append(first)
    return names


def _unknown(key: str, where: str) -> ConfigError:
    prefix, _, _ = key.rpartition(".")
    where_text = f" in {where}" if where else ""
    section = key.split(".")[0]
    if section not in SECTIONS:
        return ConfigError(ConfigMessages.UNKNOWN_SECTION.format(key=section, where=where_text,
                                                                 valid=", ".join(SECTIONS)))
    return ConfigError(ConfigMessages.UNKNOWN_KEY.format(key=key, where=where_text, valid=", ".join(_children(prefix))))


def _check(key: str, value: Any, source: str) -> Any:
    """A layer's value for `key`, checked with the rules of its option object."""
    index = _leaf_index()
    if key not in index:
        raise _unknown(key, source)
    cls, kind = index[key]
    name = key.rpartition(".")[2]
    return check_value(key, kind, value, bounds=getattr(cls, "BOUNDS", {}).get(name, (0, None)),
                       choices=getattr(cls, "CHOICES", {}).get(name), default=default_of(cls, name), source=source)


def _flatten(table: Mapping[str, Any], source: str, prefix: str = "") -> dict[str, Any]:
    """Dotted keys of a nested table (a TOML document, keyword arguments), each checked."""
    index = _leaf_index()
    out: dict[str, Any] = {}
    for name, value in table.items():
        key = f"{prefix}.{name}" if prefix else name
        if key in index:
            out[key] = _check(key, value, source)
        elif any(k.startswith(key + ".") for k in index):  # a section or a nested option object
            if is_dataclass(value) and not isinstance(value, type):
                value = {f.name: getattr(value, f.name) for f in fields(value)}
            if not isinstance(value, Mapping):
                raise ConfigError(ConfigMessages.NOT_A_TABLE.format(key=key, where=f" in {source}"))
            out.update(_flatten(value, source, key))
        else:
            raise _unknown(key, source)
    return out


def _parse_env(key: str, kind: Any, raw: str, name: str) -> Any:
    """A variable's text in the type of its setting (numbers, true/false, a,b lists, NAME=VALUE,... tables)."""
    arms = [a for a in typing.get_args(kind) if a is not type(None)]
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        if raw.strip().lower() in ("", "none"):
            return None
        kind = arms[0]
    text = raw.strip()
    try:
        if kind is bool:
            low = text.lower()
            if low in ("1", "true", "yes", "on"):
                return True
            if low in ("0", "false", "no", "off"):
                return False
            return text
        if kind is int:
            return int(text)
        if kind is float:
            return float(text)
        if typing.get_origin(kind) is tuple:
            item = (typing.get_args(kind) or (str,))[0]
            return [_parse_env(key, item, part, name) for part in text.split(",") if part.strip()]
        if typing.get_origin(kind) is dict:
            if text.startswith("{"):
                return json.loads(text)
            value_kind = typing.get_args(kind)[1]
            pairs = dict(part.split("=", 1) for part in text.split(",") if part.strip())
            return {k.strip(): _parse_env(key, value_kind, v, name) for k, v in pairs.items()}
    except (ValueError, json.JSONDecodeError):
        return text  # the check that follows says what form is expected
    return text


def _from_env(environ: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """Settings from STORYLINE_<SECTION>__<KEY> variables (and the older aliases), with their sources."""
    index = _leaf_index()
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for name, key in ENV_ALIASES.items():
        if environ.get(name):
            values[key] = _check(key, environ[name].strip(), f"${name}")
            sources[key] = f"${name}"
    for name in sorted(environ):
        if not name.startswith(ENV_PREFIX) or "__" not in name:
            continue
        parts = name[len(ENV_PREFIX):].lower().split("__")
        key, entry = ".".join(parts), None
        if key not in index and ".".join(parts[:-1]) in index:  # one entry of a table: ..._THRESHOLD__NL
            key, entry = ".".join(parts[:-1]), parts[-1]
        if key not in index:
            raise _unknown(key, f"${name}")
        kind = index[key][1]
        source = f"${name}"
        if entry is not None:
            if typing.get_origin(kind) is not dict:
                raise _unknown(f"{key}.{entry}", source)
            value_kind = typing.get_args(kind)[1]
            parsed = _check(key, {entry: _parse_env(key, value_kind, environ[name], name)}, source)
            values[key] = {**values.get(key, {}), **parsed}
        else:
            values[key] = _check(key, _parse_env(key, kind, environ[name], name), source)
        sources[key] = source
    return values, sources


def config_file(db: str | Path | None, given: str | Path | None = None,
                environ: Mapping[str, str] | None = None) -> Path | None:
    """The configuration file in force: `given` (--config), else $STORYLINE_CONFIG, else storyline.toml beside `db`."""
    env = os.environ if environ is None else environ
    explicit = given or env.get(ENV_CONFIG)
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise ConfigError(ConfigMessages.NO_FILE.format(path=path))
        return path
    if db is None or str(db) == ":memory:" or str(db).startswith("file:"):
        return None
    beside = Path(db).expanduser().parent / CONFIG_NAME
    return beside if beside.is_file() else None


def read_file(path: Path) -> dict[str, Any]:
    """The settings of a TOML file, as dotted keys, each checked."""
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(ConfigMessages.BAD_TOML.format(path=path, detail=exc)) from None
    return _flatten(document, f"file {path}")


def load_settings(db: str | Path | None = None, *, config: str | Path | None = None,
                  environ: Mapping[str, str] | None = None, overrides: Mapping[str, Any] | None = None,
                  overrides_source: str = ARGUMENT) -> Settings:
    """The settings in force for the database `db`: defaults < file < environment < `overrides`.

    `overrides` maps a section to a table or an option object (``{"cluster": {"year": 0.2}}``), or a dotted
    key to a value (``{"serve.port": 9000}``); None values are left out.
    """
    env = os.environ if environ is None else environ
    layers: list[tuple[dict[str, Any], dict[str, str]]] = []
    path = config_file(db, config, env)
    if path is not None:
        values = read_file(path)
        layers.append((values, dict.fromkeys(values, f"file {path}")))
    layers.append(_from_env(env))
    if overrides:
        values = _flatten({k: v for k, v in overrides.items() if v is not None and "." not in k}, overrides_source)
        for key, value in overrides.items():
            if "." in key and value is not None:
                values[key] = _check(key, value, overrides_source)
        layers.append((values, dict.fromkeys(values, overrides_source)))
    merged: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for values, where in layers:
        for key, value in values.items():
            if isinstance(value, dict):  # tables merge entry by entry over the layer below
                below = merged.get(key)
                if below is None:
                    cls, _ = _leaf_index()[key]
                    below = default_of(cls, key.rpartition(".")[2]) or {}
                value = {**below, **value}
            merged[key] = value
            sources[key] = where[key]
    built = {name: _build(cls, name, merged) for name, cls in SECTIONS.items()}
    return Settings(**built, sources=sources, file=path)


def _build(cls: type, prefix: str, merged: Mapping[str, Any]) -> Any:
    kwargs = {}
    for name, kind in option_types(cls).items():
        key = f"{prefix}.{name}"
        if isinstance(kind, type) and is_dataclass(kind):
            kwargs[name] = _build(kind, key, merged)
        elif key in merged:
            kwargs[name] = merged[key]
    return cls(**kwargs)
