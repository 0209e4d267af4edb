"""The built site (both variants) has what the zhkb plugin adds: short tip pages, head tags, sitemap, app files."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support.site import LANG, VARIANTS, tip_ids, variant_pages

pytestmark = pytest.mark.site

SITE_URL = "http://127.0.0.1:8000/"
ROOTS = {"hans": SITE_URL, "hant": SITE_URL + "zh-Hant/"}
SEARCH_LABEL = {"hans": "搜索", "hant": "搜尋"}


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def article_pages(site: Path, variant: str) -> list[Path]:
    return sorted((site / VARIANTS[variant] / "articles").glob("*/index.html"))


def content_pages(site: Path, variant: str) -> list[Path]:
    """The variant's MkDocs pages: not its 404 page or the short tip pages."""
    return [p for p in variant_pages(site, variant)
            if p.name == "index.html" and not re.search(r"/t/t\d+$", p.parent.as_posix())]


def page_url(site: Path, variant: str, page: Path) -> str:
    relative = page.parent.relative_to(site / VARIANTS[variant]).as_posix()
    return ROOTS[variant] + ("" if relative == "." else relative + "/")


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_tip_has_a_short_page_leading_to_it(built_site, variant):
    found = 0
    for article in article_pages(built_site, variant):
        slug = article.parent.name
        for tip in tip_ids(read(article)):
            short = read(built_site / VARIANTS[variant] / "t" / tip / "index.html")
            assert f'url=../../articles/{slug}/#{tip}"' in short
            assert f'<link rel="canonical" href="{ROOTS[variant]}articles/{slug}/#{tip}">' in short
            assert '<meta name="robots" content="noindex">' in short
            assert f'<html lang="{LANG[variant]}">' in short
            found += 1
    assert found > 50


def test_short_pages_carry_the_tip_in_the_variants_script(built_site):
    hans = read(built_site / "t" / "t2" / "index.html")
    hant = read(built_site / "zh-Hant" / "t" / "t2" / "index.html")
    assert "<title>说话要真诚 - 销售问答知识库</title>" in hans
    assert '<meta property="og:description" content="只有真诚的人才能赢得信任。">' in hans
    assert "<title>說話要真誠 - 銷售問答知識庫</title>" in hant
    assert '<meta property="og:description" content="只有真誠的人才能贏得信任。">' in hant
    assert "出自《推銷產品怎樣才能打動客戶》" in hant


@pytest.mark.parametrize("variant", VARIANTS)
def test_short_pages_are_in_neither_the_search_index_nor_the_sitemap(built_site, variant):
    base = built_site / VARIANTS[variant]
    query_rules = json.loads(read(base / "search" / "zhkb" / "rules.json"))
    packs = (base / "search" / "fragment").iterdir()  # each starts with a JSON line: its fragments' hashes
    fragments = sum(len(json.loads(pack.read_bytes().split(b"\n", 1)[0])) for pack in packs)
    assert query_rules["pageCount"] == fragments == 8  # the articles
    assert "/t/" not in read(base / "sitemap.xml")


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_tip_heading_has_a_share_link_to_its_short_page(built_site, variant):
    for article in article_pages(built_site, variant):
        html = read(article)
        tips = tip_ids(html)
        links = [dict(re.findall(r'([\w-]+)="([^"]*)"', tag)) for tag in re.findall(r'<a [^>]*zhkb-share[^>]*>', html)]
        assert [link["data-zhkb-share"] for link in links] == tips, article
        assert all(link["href"] == f"../../t/{link['data-zhkb-share']}/" for link in links)
        assert 'class="headerlink" href="#t' not in html


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_page_has_a_description_canonical_link_and_hreflang_alternates(built_site, variant):
    pages = content_pages(built_site, variant)
    assert len(pages) >= 10
    for page in pages:
        html, url = read(page), page_url(built_site, variant, page)
        assert re.search(r'<meta name="description" content="[^"]{6,}">', html), page
        assert f'<link rel="canonical" href="{url}">' in html, page
        path = url.removeprefix(ROOTS[variant])
        alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
        assert alternates == [("zh-Hans", ROOTS["hans"] + path), ("zh-Hant", ROOTS["hant"] + path),
                              ("x-default", ROOTS["hans"] + path)], page
        assert f'<meta property="og:url" content="{url}">' in html
        assert '<link rel="manifest" href="' in html
        assert f'role="dialog" aria-label="{SEARCH_LABEL[variant]}">' in html


@pytest.mark.parametrize("variant", VARIANTS)
def test_articles_end_with_related_questions(built_site, variant):
    for article in article_pages(built_site, variant):
        html = read(article)
        related = re.search(r'<nav class="zhkb-related".*?</nav>', html, re.DOTALL)
        assert related, article
        links = re.findall(r'<a href="\.\./([a-z0-9-]+)/">', related.group(0))
        assert links and article.parent.name not in links
        assert html.index("zhkb-related") < html.index("md-footer__link")


def test_the_top_sitemap_lists_both_variants(built_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in ET.fromstring(read(built_site / "sitemap.xml")).iterfind("s:url/s:loc", ns)]
    hans = [loc for loc in locs if not loc.startswith(ROOTS["hant"])]
    hant = [loc for loc in locs if loc.startswith(ROOTS["hant"])]
    assert len(hans) == len(hant) == len(content_pages(built_site, "hans"))
    assert f"{ROOTS['hant']}articles/win-over/" in hant
    assert read(built_site / "robots.txt").endswith(f"Sitemap: {SITE_URL}sitemap.xml\n")


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_variant_is_an_app_of_its_own(built_site, variant):
    base = built_site / VARIANTS[variant]
    manifest = json.loads(read(base / "manifest.webmanifest"))
    assert manifest["lang"] == LANG[variant] and manifest["start_url"] == "./"
    worker = read(base / "sw.js")
    assert f'"cachePrefix": "zhkb-{LANG[variant]}-"' in worker
    assert ('"otherVariants": ["zh-Hant/"]' if variant == "hans" else '"otherVariants": []') in worker
    assert '"search/search_index.json"' in worker


@pytest.mark.parametrize("variant", VARIANTS)
def test_materials_sitemap_lookup_is_off(built_site, variant):
    bundles = list((built_site / VARIANTS[variant] / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    text = read(bundles[0])
    assert '"link[rel=alternate][data-md-sitemap]"' in text and '"link[rel=alternate]"' not in text
