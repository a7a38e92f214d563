"""One setting decides the entity backend: --ner-backend, $STORYLINE_NER_BACKEND, storyline.open(ner_backend=)."""

from __future__ import annotations

import json

import pytest

import storyline
from storyline.cli import main
from storyline.errors import ConfigError
from storyline.text import ner as ents
from storyline.text.ner import registry


@pytest.fixture
def upper_backend(monkeypatch):
    """A backend that calls every all-caps word an organisation, so its output is recognisable.

    `--ner-backend` sets the variable for the whole process: setting it here first makes monkeypatch restore the
    original state (unset) afterwards, whatever the commands under test did to it.
    """
    monkeypatch.setenv(ents.ENV_BACKEND, "builtin")
    monkeypatch.delenv(ents.ENV_BACKEND)

    class Upper:
        name = "upper-test"

        def available(self):
            return True, "test"

        def tag(self, sentences, lang):
            return [["B-ORG" if t.isupper() and len(t) > 1 else "O" for t in s] for s in sentences]

    ents.register_backend("upper-test")(Upper)
    yield "upper-test"
    registry._FACTORIES.pop("upper-test", None)
    registry._INSTANCES.pop("upper-test", None)


TEXT = "Jan Jansen van ACME sprak in Utrecht met de NAVO over de toekomst van Europa."


def _names(db, runner):
    result = runner.invoke(main, ["--db", str(db), "entities", "--json"])
    assert result.exit_code == 0, result.output
    return sorted(row["normalized"] for row in json.loads(result.output))


def test_global_option_decides_the_backend_of_analyse(tmp_path, runner, upper_backend, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT + "\n\nHet overleg duurde lang.", encoding="utf-8")
    db = tmp_path / "s.db"
    assert runner.invoke(main, ["--db", str(db), "ingest", str(tmp_path / "a.txt")]).exit_code == 0
    result = runner.invoke(main, ["--db", str(db), "--ner-backend", upper_backend, "analyse"])
    assert result.exit_code == 0, result.output
    assert _names(db, runner) == ["ACME", "NAVO"]


def test_environment_variable_decides_when_no_option_is_given(tmp_path, runner, upper_backend, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT + "\n\nHet overleg duurde lang.", encoding="utf-8")
    db = tmp_path / "s.db"
    runner.invoke(main, ["--db", str(db), "ingest", str(tmp_path / "a.txt")])
    monkeypatch.setenv(ents.ENV_BACKEND, upper_backend)
    assert runner.invoke(main, ["--db", str(db), "analyse"]).exit_code == 0
    assert _names(db, runner) == ["ACME", "NAVO"]
    assert ents.configured_backend() == (upper_backend, f"${ents.ENV_BACKEND}")
    monkeypatch.delenv(ents.ENV_BACKEND)
    assert ents.configured_backend() == ("builtin", "default")


def test_python_api_keyword_decides_the_text_stage(upper_backend):
    archive = storyline.open(":memory:", ner_backend=upper_backend)
    report = archive.ingest_texts([TEXT])
    archive.after_ingest(report, cluster=False, analyse=True)
    from storyline.store.annotations import entity_counts

    assert sorted(r["normalized"] for r in entity_counts(archive.store)) == ["ACME", "NAVO"]


def test_an_unknown_backend_name_is_a_clear_error_before_anything_runs(tmp_path, runner, monkeypatch):
    monkeypatch.delenv(ents.ENV_BACKEND, raising=False)
    result = runner.invoke(main, ["--db", str(tmp_path / "s.db"), "--ner-backend", "spacy", "analyse"])
    assert result.exit_code == 2 and "unknown entity backend 'spacy'" in result.output
    assert not (tmp_path / "s.db").exists()
    with pytest.raises(ConfigError):
        storyline.open(":memory:", ner_backend="spacy")


def test_doctor_says_which_backend_is_in_use_and_how_to_switch(runner, monkeypatch):
    monkeypatch.setenv(ents.ENV_BACKEND, "builtin")
    report = json.loads(runner.invoke(main, ["doctor", "--json"]).output)["entities"]
    assert report["configured"] == "builtin" and report["configured_by"] == f"${ents.ENV_BACKEND}"
    assert "--ner-backend" in report["how_to_switch"] and ents.ENV_BACKEND in report["how_to_switch"]



def test_the_text_stage_default_is_the_settings_default() -> None:
    """The text stage names the default backend without importing the settings (no import cycle): the same one."""
    from storyline.config import EntityOptions

    assert ents.DEFAULT_BACKEND == EntityOptions().backend
