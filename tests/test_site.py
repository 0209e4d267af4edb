"""Build both variants once and check what a reader gets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitetools import LANG, ROOT, VARIANTS, build_site, page_text, tip_ids, variant_pages

pytestmark = pytest.mark.site

#: URL hosts that name XML namespaces inside SVG and scripts: identifiers, never requested
NAMESPACE_URLS = ("http://www.w3.org/",)
LOCAL_HOSTS = ("127.0.0.1", "localhost")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("site"))


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
    offenders = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in {".html", ".css", ".js", ".json", ".xml", ".webmanifest"}:
            continue
        if path.name == "sitemap.xml":
            continue  # absolute URLs of the site itself (site_url), checked below
        text = path.read_text(encoding="utf-8", errors="replace")
        # absolute URLs, and protocol-relative ones where a browser would load them
        pattern = r"(?:https?:|(?<=[\"'(=])(?=//))//([a-z0-9.-]+\.[a-z]{2,}|localhost|127\.0\.0\.1)(?::\d+)?[^\s\"')]*"
        for match in re.finditer(pattern, text, re.I):
            url, host = match.group(0), match.group(1)
            if host in LOCAL_HOSTS or url.startswith(NAMESPACE_URLS):
                continue
            offenders.append(f"{path.relative_to(site)}: {url[:80]}")
    assert offenders == []


def test_traditional_pages_are_converted(site):
    page = (site / "zh-Hant" / "articles" / "win-over" / "index.html").read_text(encoding="utf-8")
    text = page_text(page)
    assert "推銷產品怎樣才能打動客戶" in text  # title and heading
    assert "说话要真诚" not in text and "說話要真誠" in text
    assert "<title>推銷產品怎樣才能打動客戶" in page


def test_language_switch_links_the_same_page(site):
    hans = (site / "articles" / "win-over" / "index.html").read_text(encoding="utf-8")
    hant = (site / "zh-Hant" / "articles" / "win-over" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*zh-Hant/articles/win-over/"[^>]*hreflang="zh-Hant"', hans) or \
        re.search(r'hreflang="zh-Hant"[^>]*href="[^"]*zh-Hant/articles/win-over/"', hans)
    assert re.search(r'href="(\.\./)+articles/win-over/"', hant)
