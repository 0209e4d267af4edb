"""Benchmark the editors' live preview: from saving a tip in a source to seeing it in the open pages.

    python scripts/bench_preview.py [--edits N]

Copies the project to a scratch folder, runs ``zhkb serve`` on it, opens an
article in both variants (Debian's Chromium, phone size) and edits a sentence
of the source N times; prints the time from each save until both open pages
show the new text (the preview ingests, rebuilds both variants and the pages
reload themselves).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402
from support.browser import launch  # noqa: E402
from support.preview import SENTENCE, edit_tip, live_preview, open_article, wait_for_text  # noqa: E402
from support.site import copy_project  # noqa: E402

from zhkb.convert import convert  # noqa: E402
from zhkb.ingest import ingest, write_output  # noqa: E402

NUMERALS = "一二三四五六七八九十"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    opencc = ROOT / "sources" / "opencc"
    with tempfile.TemporaryDirectory(prefix="zhkb-preview-") as scratch:
        project = copy_project(Path(scratch) / "project")
        write_output(project, ingest(project))
        with live_preview(project, Path(scratch) / "serve.log") as base, sync_playwright() as pw:
            browser = launch(pw)
            pages = open_article(browser, base)
            times = []
            current = SENTENCE
            for edit in range(1, args.edits + 1):
                # Chinese numerals: the cleaning stage would put spaces around digits
                sentence = SENTENCE.replace("信任", f"第{NUMERALS[edit % len(NUMERALS)]}份信任")
                edit_tip(project, sentence, current)
                current = sentence
                expected = [convert(sentence, direction="t2s", overrides_dir=opencc),
                            convert(convert(sentence, direction="t2s", overrides_dir=opencc), direction="s2tw",
                                    overrides_dir=opencc)]
                times.append(wait_for_text(pages, expected))
                print(f"edit {edit}: {times[-1]:.2f} s")
            browser.close()
    print(f"edit-to-reload, both variants open ({args.edits} edits, {platform.processor() or platform.machine()}): "
          f"median {statistics.median(times):.2f} s, max {max(times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
