"""How zhkb drives a browser (tests, screenshots, benchmarks): Playwright with Debian's Chromium.

Never `playwright install`: it downloads a browser, which this project's
machines cannot do.  The flags keep Chromium from phoning home.
"""

from __future__ import annotations

import contextlib
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


#: Context options for pages whose use is not about the service worker.  Chromium can hang for good
#: when a context is closed while its worker is still installing (precaching the site), so only
#: what tests the worker lets it run, and closes with :func:`close_context`.
WITHOUT_WORKER = {"service_workers": "block"}

#: Resolves once no service worker of the page is installing or waiting; gives up after 10 s.
_WORKER_SETTLED = """Promise.race([
  navigator.serviceWorker.getRegistration().then(registration =>
    registration && (registration.installing || registration.waiting)
      ? navigator.serviceWorker.ready.then(() => true) : true),
  new Promise(resolve => setTimeout(() => resolve(false), 10000)),
])"""


def close_context(context) -> None:
    """Close a browser context once its pages' service workers have finished installing."""
    for page in context.pages:
        # a blank, closed or crashed page has no worker to wait for
        with contextlib.suppress(Exception):
            page.evaluate(_WORKER_SETTLED)
    context.close()
