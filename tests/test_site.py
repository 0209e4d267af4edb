"""Build both variants once and check what a reader gets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.site import LANG, ROOT, VARIANTS, page_text, tip_ids, variant_pages

from zhkb.check import check_hosts

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site


def audit_lines() -> list[tuple[str, str, str]]:
    rows = []
    for line in (ROOT / "tests" / "data" / "audit-public.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            variant, kind, text = line.split("\t")
            rows.append((variant, kind, text))
    return rows


@pytest.fixture(scope="module")
def texts(site) -> dict[str, str]:
    return {v: "\n".join(page_text(p.read_text(encoding="utf-8")) for p in variant_pages(site, v)) for v in VARIANTS}


@pytest.mark.parametrize("variant, kind, text", audit_lines(), ids=lambda x: x)
def test_public_audit(texts, variant, kind, text):
    found = text in texts[variant]
    assert found if kind == "must" else not found, f"{variant} {kind} {text!r}"


@pytest.mark.parametrize("variant", VARIANTS)
def test_eight_articles_with_the_same_tips(site, variant):
    articles = sorted((site / VARIANTS[variant] / "articles").glob("*/index.html"))
    assert len(articles) == 8
    hans = {p.parent.name: tip_ids(p.read_text(encoding="utf-8"))
            for p in sorted((site / "articles").glob("*/index.html"))}
    mine = {p.parent.name: tip_ids(p.read_text(encoding="utf-8")) for p in articles}
    assert mine == hans
    assert sum(len(ids) for ids in mine.values()) > 50


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_page_has_the_variant_lang(site, variant):
    pages = variant_pages(site, variant)
    assert len(pages) >= 10
    for page in pages:
        assert f'<html lang="{LANG[variant]}"' in page.read_text(encoding="utf-8"), page


def test_no_reference_to_another_host(site):
    # the same scan `zhkb check` runs; sitemap.xml (the site's own absolute URLs) is left to it
    assert [f"{problem.where}: {problem.what}" for problem in check_hosts(site)] == []


def test_traditional_pages_are_converted(site):
    page = (site / "zh-Hant" / "articles" / "win-over" / "index.html").read_text(encoding="utf-8")
    text = page_text(page)
    assert "推銷產品怎樣才能打動客戶" in text  # title and heading
    assert "说话要真诚" not in text and "說話要真誠" in text
    assert "<title>推銷產品怎樣才能打動客戶" in page


def test_language_switch_links_the_same_page(site):
    hans = (site / "articles" / "win-over" / "index.html").read_text(encoding="utf-8")
    hant = (site / "zh-Hant" / "articles" / "win-over" / "index.html").read_text(encoding="utf-8")
    # the switch itself (not the hreflang links in <head>, which name the page too)
    switch = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)"[^>]*data-zhkb-alternate>')
    assert switch.findall(hans) == [("../../zh-Hant/articles/win-over/", "zh-Hant")]
    assert switch.findall(hant) == [("../../../articles/win-over/", "zh-Hans")]
