"""Search in the browser: what only the real search box shows.

A reader types through an input method, which commits each character as
text, then releases the key; Material re-reads the box on ``keyup``
(:mod:`support.searchbox`).  These tests type a few queries of the public
relevance set that way, on both variants, at phone and desktop size, and
judge the links the result list shows by the set's hit rule
(:mod:`support.searcheval`); then what a reader sees: the same tips whichever
script the query is typed in, the box keeping what was typed, tip and
article titles, highlighted words in the page's script, and the tip page
highlighting them after a click.  The whole relevance sets, typed in both
scripts, run through the same worker in Node (``tests/test_search.py``).
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright
from support import searcheval
from support.browser import DESKTOP, PHONE, WITHOUT_WORKER, launch
from support.nginx import nginx_serving
from support.searchbox import SearchBox

from zhkb.convert import convert

pytestmark = [pytest.mark.browser, pytest.mark.site]

ROOT = Path(__file__).resolve().parent.parent
QUERIES = searcheval.load_queries(ROOT / "tests" / "data" / "queries-public.tsv")
#: A keyword, a phrase in the other script, and one a reader types as a short question.
TYPED = {"建立信任", "競爭對手的威脅", "价格已经到公司极限"}
ROOTS = {"hans": "", "hant": "zh-Hant/"}
DEVICES = {"phone": PHONE, "desktop": DESKTOP}
to_simplified = functools.partial(convert, direction="t2s", overrides_dir=ROOT / "sources" / "opencc")
to_traditional = functools.partial(convert, direction="s2tw", overrides_dir=ROOT / "sources" / "opencc")


@pytest.fixture(scope="module")
def served(built_site):
    with nginx_serving(built_site) as (base, _log):
        yield built_site, base


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def open_search(served, browser):
    """Open a variant's home page at a device's size; yield its search box."""
    _, base = served
    contexts = []

    def open_box(variant: str, device: str) -> SearchBox:
        context = browser.new_context(**DEVICES[device], **WITHOUT_WORKER)
        contexts.append(context)
        # A quick typist: the pause between characters is the benchmark's business (scripts/bench_search.py).
        return SearchBox.open(context, base + ROOTS[variant], typing_pause_ms=40, quiet_ms=300)

    yield open_box
    for context in contexts:
        context.close()



@pytest.mark.parametrize("variant, device", [("hans", "phone"), ("hant", "desktop")])
def test_typed_queries_find_their_tips(served, open_search, variant, device):
    site, _ = served
    judge = searcheval.HitJudge(site, to_simplified, [to_traditional])  # snippets as the Taiwan site words them too
    box = open_search(variant, device)
    queries = [query for query in QUERIES if query.text in TYPED]
    assert len(queries) == len(TYPED)
    for query in queries:
        outcome = box.search(query.text)
        rank = judge.first_hit(query, [searcheval.site_path(link.href) for link in outcome.links])
        assert rank is not None and rank <= 5, f"{query.text}: {[link.title for link in outcome.links[:5]]}"


@pytest.mark.parametrize("variant", ROOTS)
def test_either_script_finds_the_same_tips_shown_in_the_page_script(open_search, variant):
    box = open_search(variant, "phone")
    for simplified, traditional in (("价格", "價格"), ("客户嫌贵怎么办", "客戶嫌貴怎麼辦")):
        typed_simplified = box.search(simplified)
        assert box.page.locator("input[data-md-component=search-query]").input_value() == simplified
        typed_traditional = box.search(traditional)
        assert box.page.locator("input[data-md-component=search-query]").input_value() == traditional
        assert [searcheval.site_path(link.href) for link in typed_simplified.links] == \
            [searcheval.site_path(link.href) for link in typed_traditional.links]
    marks = {mark for link in typed_traditional.links for mark in link.marks}
    assert ("嫌贵" if variant == "hans" else "嫌貴") in marks
    assert ("嫌貴" if variant == "hans" else "嫌贵") not in marks


@pytest.mark.parametrize("variant", ROOTS)
def test_a_result_shows_tip_and_article_and_leads_to_the_tip(open_search, variant):
    box = open_search(variant, "phone")
    outcome = box.search("第一次拜访客户穿什么" if variant == "hant" else "第一次拜訪客戶穿什麼")
    article, tip = outcome.links[0], outcome.links[1]
    assert article.page and article.title.replace("\u200b", "").startswith("保险业务员" if variant == "hans" else "保險業務員")
    assert not tip.page and urlsplit(tip.href).fragment == "t43"
    assert tip.title.replace("\u200b", "") == ("仪表的准备" if variant == "hans" else "儀表的準備")
    assert {"拜访", "穿"} <= {to_simplified(mark) for mark in tip.marks}
    box.page.locator("a.md-search-result__link").nth(1).click()
    box.page.wait_for_url("**#t43")
    # Material marks the words once the new page has loaded: wait for it, not just for the URL
    marks = box.page.locator("article mark[data-md-highlight]")
    marks.first.wait_for(timeout=10_000)
    highlighted = marks.all_inner_texts()
    assert ("拜访" if variant == "hans" else "拜訪") in highlighted
