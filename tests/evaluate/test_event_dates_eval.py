"""`storyline evaluate event-dates`: the gold loader (references, hashes, split), scoring and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.cli import main
from storyline.errors import StorylineError
from storyline.evaluate.event_dates import (
    GoldSentence,
    evaluate_event_dates,
    publication_value,
    read_gold,
    resolve,
    score,
    sentence_spans,
    sha1,
    split_of,
)

from ..conftest import shared_path

GOLD = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "event_dates_gold.jsonl"

DFN_TEXT = ("Top afgeblazen.\nDe top werd op 3 mei afgeblazen. De top van 12 juni is van de baan.\n"
            "Trump zei dat in Washington &amp; elders.")
T17_TEXT = "Headline glued Obama spoke . \nThe well was capped on 15 July . \nBP says it is `` relieved '' . \n"
SEED_TEXT = " date 2018-05 De top van 12 juni werd donderdag afgeblazen. Dat meldt de krant.\n"


def _data(tmp_path: Path) -> Path:
    """A small data folder in the shared layout: one DFN article and one Timeline17 folder."""
    (tmp_path / "dfn").mkdir()
    rows = [{"id": "a1", "lang": "nl", "title": "Top afgeblazen", "published": "2018-05-24T10:00:00UTC",
             "url": "", "text": DFN_TEXT, "incidents": [], "incident_labels": []}]
    (tmp_path / "dfn" / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    folder = tmp_path / "t17" / "bpoil_bbc"
    folder.mkdir(parents=True)
    (folder / "articles.jsonl").write_text(json.dumps({"id": "7", "time": "2010-07-20", "text": T17_TEXT}) + "\n",
                                           encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "000_ab.txt").write_text(SEED_TEXT, encoding="utf-8")
    return tmp_path


def _record(dataset: str, article: str, text: str, n: int, date: str, kind: str, **extra) -> dict:
    a, b = sentence_spans(text, dataset)[n]
    published, lang = ("2018-05-24", "nl") if dataset == "dfn" else ("2010-07-20", "en")
    rec = {"id": f"{dataset}{n}", "split": split_of(dataset, article), "dataset": dataset, "article": article,
           "start": a, "end": b, "sha1": sha1(text[a:b]), "lang": lang, "published": published,
           "published_precision": "day", "date": date, "kind": kind, "note": ""}
    rec.update(extra)
    return rec


def _write(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _gold(tmp_path: Path) -> Path:
    import html

    dfn = html.unescape(DFN_TEXT)
    return _write(tmp_path, [
        _record("dfn", "a1", dfn, 1, "2018-05-03", "own"),
        _record("dfn", "a1", dfn, 2, "2018-05-24", "attribute"),
        _record("dfn", "a1", dfn, 3, "2018-05-24", "reporting"),
        _record("t17", "bpoil_bbc:7", T17_TEXT, 1, "2010-07-15", "own"),
        _record("t17", "bpoil_bbc:7", T17_TEXT, 2, "2010-07-20", "reporting"),
    ])


def test_loader_round_trip_resolves_text_previous_sentence_and_cleans_t17(tmp_path):
    data = _data(tmp_path)
    sentences = resolve(read_gold(_gold(tmp_path)), data)
    assert [s.sentence for s in sentences] == [
        "De top werd op 3 mei afgeblazen.", "De top van 12 juni is van de baan.",
        "Trump zei dat in Washington & elders.",  # the base text is html-unescaped
        "The well was capped on 15 July.", "BP says it is \"relieved\"."]  # Timeline17 tokens undone
    assert sentences[0].previous == "Top afgeblazen."
    assert sentences[3].previous == "Headline glued Obama spoke."
    assert sentences[2].date == "2018-05-24" and sentences[2].kind == "reporting"


def test_seed_articles_lose_their_date_header_and_are_development_only(tmp_path):
    data = _data(tmp_path)
    spans = sentence_spans(SEED_TEXT, "seeds")
    assert [SEED_TEXT[a:b] for a, b in spans] == ["De top van 12 juni werd donderdag afgeblazen.", "Dat meldt de krant."]
    a, b = spans[0]
    rec = {"id": "s0", "split": split_of("seeds", "000_ab.txt"), "dataset": "seeds", "article": "000_ab.txt",
           "start": a, "end": b, "sha1": sha1(SEED_TEXT[a:b]), "lang": "nl", "published": "2018-05",
           "published_precision": "month", "date": "2018-05", "kind": "own", "note": ""}
    assert rec["split"] == "dev"
    (got,) = resolve(read_gold(_write(tmp_path, [rec])), data)
    assert got.sentence == "De top van 12 juni werd donderdag afgeblazen." and got.previous is None
    # the weekday cannot be resolved in an article dated to the month: the first date is the summit's
    report = evaluate_event_dates(tmp_path / "gold.jsonl", data, system=False)
    assert report["baselines"]["first_date"]["accuracy"] == 0.0
    assert report["baselines"]["publication_date"]["accuracy"] == 1.0


def test_split_selects_whole_articles(tmp_path):
    data = _data(tmp_path)
    records = read_gold(_gold(tmp_path))
    for split in ("dev", "test"):
        got = resolve(records, data, split)
        assert {s.split for s in got} <= {split}
        assert {(s.dataset, s.article) for s in got} == {
            (r["dataset"], r["article"]) for r in records if split_of(r["dataset"], r["article"]) == split}


def test_hash_mismatch_fails_clearly(tmp_path):
    data = _data(tmp_path)
    records = read_gold(_gold(tmp_path))
    records[0]["start"] += 1
    with pytest.raises(StorylineError, match="does not match its hash"):
        resolve(records, data)


def test_missing_article_and_missing_data_fail_clearly(tmp_path):
    data = _data(tmp_path)
    records = read_gold(_gold(tmp_path))
    records[0]["article"] = "nope"
    with pytest.raises(StorylineError, match="not found"):
        resolve(records, data)
    with pytest.raises(StorylineError, match="not a folder"):
        resolve(records, tmp_path / "absent")


@pytest.mark.parametrize("change, message", [
    ({"date": "none"}, "date none goes with kind none"),
    ({"date": "24 mei"}, "is not none, YYYY"),
    ({"kind": "later"}, "bad kind"),
])
def test_bad_gold_records_are_refused(tmp_path, change, message):
    import html

    rec = {**_record("dfn", "a1", html.unescape(DFN_TEXT), 1, "2018-05-03", "own"), **change}
    with pytest.raises(StorylineError, match=message):
        read_gold(_write(tmp_path, [rec]))


def test_publication_value_follows_the_precision():
    assert publication_value("2018-05-24T10:00:00+02:00", "day") == "2018-05-24"
    assert publication_value("2018-05", "month") == "2018-05"
    assert publication_value("2018-05-24", "year") == "2018"
    assert publication_value("0001-01-01", "day") is None


def test_score_is_exact_match_by_gold_kind():
    def s(date, kind):
        return GoldSentence("x", "dev", "dfn", "a", "nl", "2018-05-24", "day", date, kind, "", "zin", None)

    gold = [s("2018-05-03", "own"), s("2018-05", "own"), s("2018-05-24", "reporting"), s(None, "none")]
    result = score(gold, ["2018-05-03", "2018-05-24", "2018-05-24", None])
    assert result["accuracy"] == 0.75 and result["n"] == 4
    assert result["accuracy_by_kind"] == {"own": 0.5, "attribute": None, "reporting": 1.0, "none": 1.0}


def test_baselines_on_a_tiny_gold(tmp_path):
    report = evaluate_event_dates(_gold(tmp_path), _data(tmp_path), system=False)
    assert report["accuracy"] is None and "only the baselines" in report["note"]
    first, pub = report["baselines"]["first_date"], report["baselines"]["publication_date"]
    # first date: right on both own sentences and the reporting ones (it falls back to the publication
    # date), wrong on the attribute ("de top van 12 juni" is not when anything happened)
    assert first["accuracy_by_kind"] == {"own": 1.0, "attribute": 0.0, "reporting": 1.0, "none": None}
    assert first["accuracy"] == 0.8
    # publication date: wrong on both own sentences, right on the rest
    assert pub["accuracy_by_kind"] == {"own": 0.0, "attribute": 1.0, "reporting": 1.0, "none": None}
    assert pub["accuracy"] == 0.6


def test_system_gets_its_own_previous_answer_never_the_gold(tmp_path):
    seen = []

    def system(sentence, previous):
        seen.append((sentence.sentence, previous))
        return "1999" if sentence.sentence == "Top afgeblazen." else sentence.published

    errors: list = []
    report = evaluate_event_dates(_gold(tmp_path), _data(tmp_path), system=system, errors=errors)
    assert ("De top werd op 3 mei afgeblazen.", "1999") in seen
    assert report["accuracy_by_kind"]["own"] == 0.0 and report["accuracy_by_kind"]["reporting"] == 1.0
    assert {s.id for s, _ in errors} == {"dfn1", "t171"}


def test_command_prints_json(tmp_path, runner):
    result = runner.invoke(main, ["evaluate", "event-dates", "--gold", str(_gold(tmp_path)),
                                  "--data", str(_data(tmp_path)), "--split", "all", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 5 and set(report["baselines"]) == {"first_date", "publication_date"}
    assert report["system"] == "storyline.timeline.event_dates.attribute_sentence" and report["accuracy"] is not None
    assert set(report["baselines"]["first_date"]["accuracy_by_kind"]) == {"own", "attribute", "reporting", "none"}


def test_command_refuses_a_missing_gold_file(tmp_path, runner):
    result = runner.invoke(main, ["evaluate", "event-dates", "--gold", str(tmp_path / "x.jsonl"),
                                  "--data", str(_data(tmp_path))])
    assert result.exit_code != 0 and "no such gold file" in result.output


def test_shipped_gold_set_resolves_against_the_shared_data():
    data = shared_path("dfn", "articles.jsonl").parents[1]
    records = read_gold(GOLD)
    sentences = resolve(records, data)  # raises on any hash mismatch or missing article
    assert len(sentences) >= 400
    assert sum(s.lang == "nl" for s in sentences) >= 150 and sum(s.lang == "en" for s in sentences) >= 200
    assert all(r["split"] == split_of(r["dataset"], r["article"]) for r in records)
    assert len({r["id"] for r in records}) == len(records)
    dev_ids = set((data / "dfn" / "dev_ids.txt").read_text(encoding="utf-8").split())
    assert all(r["article"] in dev_ids for r in records if r["dataset"] == "dfn")
    dev_topics = {"bpoil", "EgyptianProtest", "Finan", "H1N1", "haiti"}
    assert all(r["article"].split("_")[0] in dev_topics for r in records if r["dataset"] == "t17")
    assert all(r["split"] == "dev" and r["published_precision"] in ("month", None)
               for r in records if r["dataset"] == "seeds")
    assert all(s.sentence.strip() for s in sentences)


def test_command_applies_an_opt_in_learned_model(tmp_path, runner):
    """`--model FILE` overrules the rules with a learned decision; here one that files everything at reporting
    time, so the own sentences go wrong and the report names the model."""
    from storyline.timeline.event_learned import FEATURES, HEADS

    n = len(FEATURES)
    heads = {h: {"mean": [0.0] * n, "scale": [1.0] * n, "coef": [0.0] * n, "threshold": 0.5,
                 "intercept": 30.0 if h == "to_reporting" else -30.0} for h in HEADS}
    model = tmp_path / "model.json"
    model.write_text(json.dumps({"features": list(FEATURES), "heads": heads}), encoding="utf-8")
    args = ["evaluate", "event-dates", "--gold", str(_gold(tmp_path)), "--data", str(_data(tmp_path)),
            "--split", "all", "--json"]
    plain = json.loads(runner.invoke(main, args).output)
    result = runner.invoke(main, [*args, "--model", str(model)])
    assert result.exit_code == 0, result.output
    learned = json.loads(result.output)
    assert plain["model"] is None and learned["model"] == str(model)
    assert plain["accuracy_by_kind"]["own"] == 1.0 and learned["accuracy_by_kind"]["own"] == 0.0
    assert learned["accuracy_by_kind"]["reporting"] == plain["accuracy_by_kind"]["reporting"]
