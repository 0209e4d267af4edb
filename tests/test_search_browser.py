"""Search in the browser: the public relevance set typed into the real search box.

Every query of ``tests/data/queries-public.tsv`` is typed as a reader types
it (a character at a time, as an input method commits it) on both site
variants, at phone and desktop size, and the links the result list shows are
judged by the set's hit rule (:mod:`zhkb.searcheval`): recall@5 must be at
least 0.9 on each.  Then what a reader sees: the same tips whichever script
the query is typed in, the box keeping what was typed, tip and article
titles, highlighted words in the page's script, and the tip page
highlighting them after a click.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from zhkb import searcheval
from zhkb.browser import DESKTOP, PHONE, WITHOUT_WORKER, launch
from zhkb.convert import convert
from zhkb.searchbox import SearchBox
from zhkb.serve import serving

pytestmark = [pytest.mark.browser, pytest.mark.site]

ROOT = Path(__file__).resolve().parent.parent
QUERIES = searcheval.load_queries(ROOT / "tests" / "data" / "queries-public.tsv")
ROOTS = {"hans": "", "hant": "zh-Hant/"}
DEVICES = {"phone": PHONE, "desktop": DESKTOP}
to_simplified = functools.partial(convert, direction="t2s", overrides_dir=ROOT / "sources" / "opencc")


@pytest.fixture(scope="module")
def served(built_site):
    with serving(built_site) as base:
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
        return SearchBox.open(context, base + ROOTS[variant], quiet_ms=300)

    yield open_box
    for context in contexts:
        context.close()


def site_path(href: str) -> str:
    """A result link as a path within the built site (both variants), keeping the #anchor."""
    parts = urlsplit(href)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("variant", ROOTS)
def test_public_queries_find_their_tips(served, open_search, variant, device):
    site, _ = served
    judge = searcheval.HitJudge(site, to_simplified)
    box = open_search(variant, device)
    first_hits = []
    for query in QUERIES:
        outcome = box.search(query.text)
        first_hits.append(judge.first_hit(query, [site_path(link.href) for link in outcome.links]))
    metrics = searcheval.relevance(first_hits)
    missed = [q.text for q, rank in zip(QUERIES, first_hits, strict=True) if rank is None or rank > 5]
    assert metrics.recall_at_5 >= 0.9, f"recall@5 {metrics.recall_at_5:.2f}; missed {missed}"


@pytest.mark.parametrize("variant", ROOTS)
def test_either_script_finds_the_same_tips_shown_in_the_page_script(open_search, variant):
    box = open_search(variant, "phone")
    for simplified, traditional in (("价格", "價格"), ("客户嫌贵怎么办", "客戶嫌貴怎麼辦")):
        typed_simplified = box.search(simplified)
        assert box.page.locator("input[data-md-component=search-query]").input_value() == simplified
        typed_traditional = box.search(traditional)
        assert box.page.locator("input[data-md-component=search-query]").input_value() == traditional
        assert [site_path(link.href) for link in typed_simplified.links] == \
            [site_path(link.href) for link in typed_traditional.links]
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
