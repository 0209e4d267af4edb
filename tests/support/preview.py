"""Drive `zhkb serve`, the editors' live preview, as an editor does: pages open, a source edited.

For ``tests/test_serve.py`` and ``scripts/bench_preview.py``.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from support.browser import PHONE, WITHOUT_WORKER
from support.nginx import free_port

SOURCE = "sources/texts/000_ba3bf6fb9d9c93a8.txt"
#: The article that holds it, open in both variants.
ARTICLE = "articles/win-over/"
#: A sentence of tip t2 of articles/win-over/, as the (Traditional) source writes it.
SENTENCE = "只有真誠的人才能贏得信任。"


@contextlib.contextmanager
def live_preview(project: Path, log: Path, timeout_s: float = 180) -> Iterator[str]:
    """Run ``zhkb serve`` on ``project`` on a free port until its site answers; yield its base URL."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "zhkb.cli", "--root", str(project), "serve",
                                    "--port", str(port)], stdout=output, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + timeout_s
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"zhkb serve exited with {process.returncode}:\n{log.read_text()}")
                with contextlib.suppress(OSError), urllib.request.urlopen(base, timeout=5):
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"zhkb serve did not answer in {timeout_s} s:\n{log.read_text()}")
                time.sleep(0.2)
            yield base
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def edit_tip(project: Path, new_sentence: str, old_sentence: str = SENTENCE) -> None:
    """Replace a sentence of the source, as an editor saving the file."""
    path = project / SOURCE
    text = path.read_text(encoding="utf-8")
    if old_sentence not in text:
        raise ValueError(f"{old_sentence!r} is not in {SOURCE}")
    path.write_text(text.replace(old_sentence, new_sentence, 1), encoding="utf-8")


def wait_for_text(pages: list, texts: list[str], timeout_s: float = 120) -> float:
    """Seconds until every page shows its text (each page reloads itself); from the call."""
    start = time.monotonic()
    for page, text in zip(pages, texts, strict=True):
        remaining = max(1.0, timeout_s - (time.monotonic() - start))
        page.wait_for_function("text => document.body && document.body.innerText.includes(text)", arg=text,
                               timeout=remaining * 1000, polling=50)
    return time.monotonic() - start


def open_article(browser, base: str) -> list:
    """The article open at phone size in each variant, each in a context of its own (tabs an editor keeps open)."""
    pages = []
    for prefix in ("", "zh-Hant/"):
        page = browser.new_context(**PHONE, **WITHOUT_WORKER).new_page()
        page.goto(base + prefix + ARTICLE)
        page.wait_for_load_state("load")
        pages.append(page)
    return pages
