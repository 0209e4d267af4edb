"""Render the app icons (PNG) from docs/assets/images/icon.svg with Chromium.

    python scripts/make_icons.py

Run it after changing icon.svg, and commit the PNGs: the build does not make
them.  "any" icons keep the SVG's rounded corners on a transparent ground;
maskable and home screen icons (which the system crops to its own shape) fill
the whole square with the icon's indigo.
"""

from __future__ import annotations

import base64
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the test tooling's browser
from support.browser import launch

from zhkb.site.pwa import THEME_COLOR

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "assets" / "images"
#: file name -> (size in pixels, whether the icon fills the whole square)
ICONS = {
    "favicon.png": (48, False),
    "icon-192.png": (192, False),
    "icon-512.png": (512, False),
    "icon-maskable-512.png": (512, True),
    "apple-touch-icon.png": (180, True),
}


def icon_page(svg: str, size: int, full_bleed: bool) -> str:
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    ground = THEME_COLOR if full_bleed else "transparent"
    return (f'<body style="margin:0;background:{ground}">'
            f'<img src="{source}" width="{size}" height="{size}" style="display:block"></body>')


def main() -> None:
    svg = (IMAGES / "icon.svg").read_text(encoding="utf-8")
    with sync_playwright() as pw:
        browser = launch(pw)
        for name, (size, full_bleed) in ICONS.items():
            page = browser.new_page(viewport={"width": size, "height": size}, device_scale_factor=1)
            page.set_content(icon_page(svg, size, full_bleed))
            page.screenshot(path=str(IMAGES / name), omit_background=not full_bleed)
            page.close()
            print(IMAGES / name)
        browser.close()


if __name__ == "__main__":
    main()
