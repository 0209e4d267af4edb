"""Sources from other sites: the labelled evaluation texts of tests/data/foreign/, scored as they are shipped.

`tests/data/foreign/foreign_check.py` is the product owner's scorer (copied unchanged): it builds each
text alone in a copy of this project with `zhkb build` and checks the published pages of both variants
(boilerplate and conversion residue gone, content kept, tips and articles counted, titles, escapes,
ASCII punctuation). Every check must pass.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "data" / "foreign"


@pytest.mark.site
def test_every_check_of_the_foreign_set_passes():
    result = subprocess.run([sys.executable, str(SET / "foreign_check.py"), "--proj", str(ROOT),
                             "--venv", str(Path(sys.executable).parent.parent), "--set", str(SET)],
                            capture_output=True, text=True, timeout=1200)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
    assert summary.startswith("foreign: ") and "(100%)" in summary
