"""`storyline evaluate dates`: loading the specs, comparing values, and the command's JSON."""

from __future__ import annotations

import json

from storyline.cli import main
from storyline.evaluate.dates import Expected, Found, _expected_forms, _matches, mention_forms
from storyline.models import TimeMention

from ..conftest import shared_path


def _mention(value, modifier=None, kind="date", precision="month"):
    return TimeMention("x", 0, 1, value, precision, modifier, True, kind)


def test_ranges_compare_on_the_interval_with_the_spec_convention():
    want = _expected_forms({"values": [{"timex": "(2014-01-01,2018-01-01,P4Y)", "type": "daterange",
                                        "start": "2014-01-01", "end": "2018-01-01"}]})
    assert mention_forms(_mention("2014/2018", precision="year")) & want
    assert not mention_forms(_mention("2014/2017", precision="year")) & want


def test_underspecified_values_accept_any_listed_candidate():
    want = _expected_forms({"values": [{"timex": "XXXX-WXX-5", "type": "date", "value": "2016-11-04"},
                                       {"timex": "XXXX-WXX-5", "type": "date", "value": "2016-11-11"}]})
    assert mention_forms(_mention("2016-11-04", precision="day")) & want
    assert not mention_forms(_mention("2016-11-05", precision="day")) & want


def test_modifiers_compare_with_the_unmodified_period():
    want = _expected_forms({"values": [{"timex": "2018-11", "Mod": "end", "type": "daterange",
                                        "start": "2018-11-16", "end": "2018-12-01"}]})
    assert mention_forms(_mention("2018-11", "end")) & want
    assert not mention_forms(_mention("2018-11")) & want


def test_durations_compare_in_seconds_too():
    want = _expected_forms({"values": [{"timex": "P14D", "type": "duration", "value": "1209600"}]})
    assert mention_forms(_mention("P2W", kind="duration", precision=None)) & want


def test_the_baseline_gets_a_month_for_a_day_inside_it_but_not_for_a_day_outside():
    e = Expected(0, 1, "mei", "daterange", {("iv", "2018-05-01", "2018-06-01")})
    from datetime import date
    assert _matches(Found(0, 1, "date", set(), date(2018, 5, 12)), e)
    assert not _matches(Found(0, 1, "date", set(), date(2018, 6, 12)), e)


def test_evaluate_dates_json_on_the_dutch_specs(runner, tmp_path):
    specs = shared_path("datetime-specs")
    result = runner.invoke(main, ["evaluate", "dates", "--specs", str(specs), "--lang", "nl", "--no-baseline",
                                  "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n_cases"] > 700
    assert set(report["storyline"]["by_type"]) >= {"date", "daterange", "time", "duration", "set"}
    assert 0.0 <= report["storyline"]["resolution_accuracy"] <= 1.0
    assert report["storyline"]["extraction_f1"] > 0.5


def test_evaluate_dates_refuses_a_folder_without_specs(runner, tmp_path):
    result = runner.invoke(main, ["evaluate", "dates", "--specs", str(tmp_path), "--lang", "nl"])
    assert result.exit_code == 2
    assert "DateTimeModel.json" in result.output


def test_dateparser_baseline_finds_spans_with_their_offsets():
    from datetime import datetime

    from storyline.evaluate.dates import Case, dateparser_found

    case = Case("Ik ga op 12 juni terug", datetime(2018, 5, 12), [])
    found = dateparser_found(case, "nl")
    assert [(case.text[f.start:f.end], f.point.isoformat()) for f in found] == [("12 juni", "2018-06-12")]


def test_storyline_resolves_a_case_against_its_reference_time():
    from datetime import datetime

    from storyline.evaluate.dates import Case, storyline_found

    case = Case("Ik ben over 5 minuten terug", datetime(2016, 11, 7, 16, 12), [])
    assert [f.forms & {("v", "2016-11-07 16:17:00")} for f in storyline_found(case, "nl")] == [
        {("v", "2016-11-07 16:17:00")}]


def test_evaluate_dates_table_and_errors(runner):
    specs = shared_path("datetime-specs")
    result = runner.invoke(main, ["evaluate", "dates", "--specs", str(specs), "--lang", "en", "--no-baseline",
                                  "--errors", "3"])
    assert result.exit_code == 0, result.output
    assert "date+daterange" in result.stdout and "daterange" in result.stdout
    assert result.stderr.count("want") == 3
