"""Type into the site's real search box as a person would, and read what it shows.

For the browser tests and ``scripts/bench_search.py``, with Playwright
(:mod:`support.browser`).  A Chinese reader types through an input method,
which commits each character into the box as text, then the key is
released; Material re-reads the box on ``keyup``.  So each character is
inserted as text followed by a key release (through the DevTools protocol,
as Chromium reports an input method's: key ``Process``, code 229), with a
pause between characters as a person picking candidates makes.

The time from the last key release to the moment the result list stops
changing is the search latency a reader sees.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

#: Installed in every page before its scripts run: when the last key was
#: released in the search box, when the search results last changed, and
#: the "initializing" text the results show until the search worker is ready.
WATCH_SCRIPT = """
(() => {
  const watch = window.__zhkbSearchWatch = { keyup: 0, change: 0, initializing: null }
  document.addEventListener("keyup", event => {
    if (event.target instanceof Element && event.target.matches("[data-md-component=search-query]"))
      watch.keyup = event.timeStamp
  }, true)
  document.addEventListener("DOMContentLoaded", () => {
    const results = document.querySelector("[data-md-component=search-result]")
    watch.initializing = results && results.firstElementChild.textContent.trim()
    if (results)
      new MutationObserver(() => { watch.change = performance.now() })
        .observe(results, { childList: true, subtree: true, characterData: true })
  })
})()
"""

#: Whether the search worker is ready: the results no longer say it is initializing.
READY_SCRIPT = """
() => {
  const meta = document.querySelector("[data-md-component=search-result] > :first-child")
  return !!meta && window.__zhkbSearchWatch.initializing !== null
    && meta.textContent.trim() !== window.__zhkbSearchWatch.initializing
}
"""

#: Resolves once the results changed after the last key release and then stayed unchanged for `quiet` ms.
SETTLED_SCRIPT = """
([quiet, timeout]) => new Promise((resolve, reject) => {
  const watch = window.__zhkbSearchWatch
  const started = performance.now()
  const check = () => {
    const now = performance.now()
    if (watch.change > watch.keyup && now - watch.change >= quiet)
      resolve(watch.change - watch.keyup)
    else if (now - started > timeout)
      reject(new Error("search results did not settle"))
    else
      setTimeout(check, 10)
  }
  check()
})
"""

#: The result links as listed: each page's link, then its best tips (not those folded under "more").
RESULTS_SCRIPT = """
() => [...document.querySelectorAll(".md-search-result__list a.md-search-result__link")]
  .filter(link => !link.closest("details"))
  .map(link => ({
    href: link.href,
    title: (link.querySelector("h1, h2") || link).textContent.trim(),
    page: !!link.querySelector("h1"),
    marks: [...link.querySelectorAll("mark")].map(mark => mark.textContent)
  }))
"""

QUERY_BOX = "input[data-md-component=search-query]"
SEARCH_BUTTON = "header label.md-header__button[for=__search]"

#: Chromium's key event for a character committed by an input method.
IME_KEY_UP = {"type": "keyUp", "key": "Process", "code": "", "windowsVirtualKeyCode": 229, "nativeVirtualKeyCode": 229}


@dataclass(frozen=True)
class ResultLink:
    href: str
    title: str
    #: A page's (article's) own link, rather than one of its tips.
    page: bool
    #: The highlighted words in the link's title and snippet.
    marks: tuple[str, ...]


@dataclass(frozen=True)
class SearchOutcome:
    query: str
    links: list[ResultLink]
    #: From the last key release to results that stopped changing.
    latency_ms: float


class SearchBox:
    """The search box of one open page of the site."""

    def __init__(self, page: Any, *, typing_pause_ms: float = 120, quiet_ms: float = 250) -> None:
        self.page = page
        self.typing_pause_ms = typing_pause_ms
        self.quiet_ms = quiet_ms
        self._devtools = page.context.new_cdp_session(page)

    @classmethod
    def open(cls, context: Any, url: str, **options: Any) -> SearchBox:
        """Open ``url`` in a new page of ``context`` and wait for its search to be ready."""
        context.add_init_script(WATCH_SCRIPT)
        page = context.new_page()
        page.goto(url)
        box = cls(page, **options)
        box.focus()
        page.wait_for_function(READY_SCRIPT)
        return box

    def throttle_cpu(self, rate: float) -> None:
        """Slow the page's CPU down ``rate`` times (1: full speed), as DevTools does."""
        self._devtools.send("Emulation.setCPUThrottlingRate", {"rate": rate})

    def focus(self) -> None:
        """Open the search as a reader does: the box itself, or on a phone the search button."""
        button = self.page.locator(SEARCH_BUTTON)
        if button.is_visible():  # narrow screens: the header shows a search button, not the box
            button.click()
        else:
            self.page.locator(QUERY_BOX).click()
        self.page.wait_for_function("selector => document.activeElement === document.querySelector(selector)",
                                    arg=QUERY_BOX)

    def clear(self) -> None:
        """Empty the box with the keyboard, and wait for the results to follow."""
        box = self.page.locator(QUERY_BOX)
        if not box.input_value():
            return
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Backspace")
        self._settled()

    def type(self, text: str) -> None:
        """Type ``text`` a character at a time: committed as an input method does, then the key released."""
        for index, char in enumerate(text):
            if index:
                time.sleep(self.typing_pause_ms / 1000)
            if char.isascii() and char.isprintable():
                self.page.keyboard.press(char if char != " " else "Space")
            else:
                self.page.keyboard.insert_text(char)
                self._devtools.send("Input.dispatchKeyEvent", IME_KEY_UP)

    def search(self, query: str) -> SearchOutcome:
        """Type ``query`` into an emptied box; the result links once they settle, and how long that took."""
        self.clear()
        self.type(query)
        latency = self._settled()
        links = [ResultLink(item["href"], item["title"], item["page"], tuple(item["marks"]))
                 for item in self.page.evaluate(RESULTS_SCRIPT)]
        return SearchOutcome(query, links, latency)

    def _settled(self, timeout_ms: float = 15000) -> float:
        return float(self.page.evaluate(SETTLED_SCRIPT, [self.quiet_ms, timeout_ms]))
