"""Take phone-size screenshots of the built site (run `zhkb build` first).

    python scripts/screenshots.py [--out screenshots]

Writes PNGs of the home page and an article in both variants at 390×844, to look at.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from zhkb.browser import PHONE, launch
from zhkb.serve import serving

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home-hans": "",
    "article-hans": "articles/win-over/",
    "home-hant": "zh-Hant/",
    "article-hant": "zh-Hant/articles/insurance-first-deal/",
    "tags-hans": "tags/",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serving(ROOT / "site") as base, sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_context(**PHONE).new_page()
        for name, path in PAGES.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            target = args.out / f"{name}.png"
            page.screenshot(path=str(target), full_page=args.full_page)
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
