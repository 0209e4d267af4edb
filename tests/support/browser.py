"""How zhkb drives a browser (tests, screenshots, benchmarks): Playwright with Debian's Chromium.

Never `playwright install`: it downloads a browser, which this project's
machines cannot do.  The flags keep Chromium from phoning home.
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("ZHKB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: a phone: 390×844 CSS pixels, touch, as the sales team reads the site
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def launch(playwright, **kwargs):
    """Launch headless Debian Chromium."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, **kwargs)


#: Context options for pages whose use is not about the service worker: without it, such a page
#: does not precache the whole site in the background, which only loads the machine and the server.
WITHOUT_WORKER = {"service_workers": "block"}
