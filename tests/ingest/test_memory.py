"""Issue 14, must-fix 4: peak memory stays within 100 MB of a plain run, whatever a small file expands to.

Each case runs in its own process (ru_maxrss is a high-water mark): it ingests a small good file first
(imports, language models, the database), takes that peak as the baseline, then ingests the hostile file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from . import hostile

ROOT = Path(__file__).resolve().parents[2]
LIMIT_MB = 100
EXPANDED_MB = 256  # each file below decompresses to this much (the old readers kept all of it in memory)

_SCRIPT = """
import json, resource, sys
import storyline
with storyline.open(sys.argv[1]) as archive:
    archive.ingest(sys.argv[2])
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = archive.ingest(sys.argv[3])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    titles = [a["title"] for a in archive.articles()]
print(json.dumps({"base_kb": base, "peak_kb": peak, "codes": [r.code for r in report.rejected], "titles": titles}))
"""


def _peak(tmp_path: Path, hostile_file: Path) -> dict:
    warm = tmp_path / "warm.txt"
    warm.write_text("Opwarmen\n\n" + hostile.GOOD_TEXT.replace("Utrecht", "Zwolle"))
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(tmp_path / "m.db"), str(warm), str(hostile_file)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize(("make", "name", "stored", "codes"), [
    (hostile.spaces, "spaces.txt.gz", False, ["R001"]),
    (hostile.blank_then_record, "blank.jsonl.gz", True, []),
    (hostile.one_huge_line, "line.jsonl.gz", True, ["R024"]),
    (hostile.huge_csv_line, "line.csv.gz", True, ["R024"]),
    (hostile.padded_array, "padded.json.gz", True, []),
    (hostile.huge_feed, "feed.xml.gz", False, ["R015"]),
    (hostile.huge_text, "text.txt.gz", False, ["R007"]),
    (hostile.huge_html, "page.html.gz", False, ["R007"]),
])
def test_peak_memory_is_bounded_whatever_a_small_file_expands_to(tmp_path, make, name, stored, codes):
    path = make(tmp_path / name, EXPANDED_MB)
    assert path.stat().st_size < 2 * hostile.MB  # small on disk, a quarter of a gigabyte inside
    result = _peak(tmp_path, path)
    grown_mb = (result["peak_kb"] - result["base_kb"]) / 1024
    assert grown_mb < LIMIT_MB, f"{name}: peak {result['peak_kb'] // 1024} MB, {grown_mb:.0f} MB over the baseline"
    assert result["codes"] == codes
    assert (hostile.GOOD_TITLE in result["titles"]) == stored


def test_peak_memory_of_a_csv_line_of_separators(tmp_path):
    path = hostile.many_commas(tmp_path / "commas.csv.gz", 7)  # 7 million empty fields on one line
    result = _peak(tmp_path, path)
    assert (result["peak_kb"] - result["base_kb"]) / 1024 < LIMIT_MB
    assert result["codes"] == ["R024"] and hostile.GOOD_TITLE in result["titles"]
