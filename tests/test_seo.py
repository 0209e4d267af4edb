"""Unit tests of zhkb.site.seo (hreflang, previews, sitemap) and zhkb.site.related."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from mkdocs.exceptions import ConfigurationError

from zhkb.site import related, seo

ALTERNATES = [{"name": "简体", "link": "/", "lang": "zh-Hans"}, {"name": "繁體", "link": "/zh-Hant/", "lang": "zh-Hant"}]


@pytest.mark.parametrize("language, site_url", [
    ("zh-Hans", "https://kb.example/"),
    ("zh-Hant", "https://kb.example/zh-Hant/"),
])
def test_every_variant_gets_its_absolute_root_from_either_site_url(language, site_url):
    assert seo.site_variants(ALTERNATES, language, site_url) == [
        seo.Variant("zh-Hans", "https://kb.example/", "/"),
        seo.Variant("zh-Hant", "https://kb.example/zh-Hant/", "/zh-Hant/"),
    ]


def test_variants_under_a_sub_path_keep_it():
    variants = seo.site_variants(ALTERNATES, "zh-Hant", "https://host.example/kb/zh-Hant/")
    assert [v.root_url for v in variants] == ["https://host.example/kb/", "https://host.example/kb/zh-Hant/"]


def test_a_site_url_that_does_not_end_in_the_variant_root_is_an_error():
    with pytest.raises(ConfigurationError, match="must end with"):
        seo.site_variants(ALTERNATES, "zh-Hant", "https://kb.example/")


def test_hreflang_links_name_the_same_page_in_each_variant_and_the_first_as_default():
    variants = seo.site_variants(ALTERNATES, "zh-Hans", "https://kb.example/")
    assert seo.hreflang_links(variants, "articles/x/") == [
        ("zh-Hans", "https://kb.example/articles/x/"),
        ("zh-Hant", "https://kb.example/zh-Hant/articles/x/"),
        ("x-default", "https://kb.example/articles/x/"),
    ]


def test_preview_tags_leave_out_what_is_unknown_and_escape_the_rest_once():
    preview = seo.Preview("标题 & 说明", 'a "b"', None, "库", "zh_CN", None, "article")
    tags = seo.preview_tags(preview)
    assert '<meta property="og:title" content="标题 &amp; 说明">' in tags
    assert '<meta property="og:description" content="a &#34;b&#34;">' in tags
    assert '<meta property="og:type" content="article">' in tags
    assert "og:url" not in tags and "og:image" not in tags
    # a title the plugin already escaped for the templates is not escaped again
    assert seo.preview_tags(seo.Preview(escape("标题 & 说明"), "", None, "库", "zh_CN", None)) == \
        seo.preview_tags(seo.Preview("标题 & 说明", "", None, "库", "zh_CN", None))


def test_the_sitemap_lists_its_own_variant_and_those_under_it_with_every_alternate():
    variants = seo.site_variants(ALTERNATES, "zh-Hans", "https://kb.example/")
    top = seo.Sitemap(variants, seo.listed_variants(variants, variants[0]))
    assert [v.lang for v in top.listed] == ["zh-Hans", "zh-Hant"]
    assert top.alternates("articles/x/") == seo.hreflang_links(variants, "articles/x/")
    nested = seo.site_variants(ALTERNATES, "zh-Hant", "https://kb.example/zh-Hant/")
    assert [v.lang for v in seo.listed_variants(nested, nested[1])] == ["zh-Hant"]


def test_robots_txt_allows_everything_and_names_the_sitemap():
    assert seo.robots_txt("https://kb.example/sitemap.xml") == (
        "User-agent: *\nDisallow:\n\nSitemap: https://kb.example/sitemap.xml\n"
    )


# --- related questions ------------------------------------------------------------------------

PAGES = [
    related.TaggedPage("", "首页", ()),
    related.TaggedPage("articles/a/", "甲", ("信任", "心态")),
    related.TaggedPage("articles/b/", "乙", ("心态",)),
    related.TaggedPage("articles/c/", "丙", ("信任", "心态", "价格")),
    related.TaggedPage("articles/d/", "丁", ("价格",)),
    related.TaggedPage("articles/e/", "戊", ("信任",)),
]


def test_related_pages_share_the_most_tags_first_then_keep_page_order():
    assert [p.title for p in related.related_pages(PAGES[1], PAGES)] == ["丙", "乙", "戊"]
    assert [p.title for p in related.related_pages(PAGES[3], PAGES)] == ["甲", "乙", "丁", "戊"]


def test_related_pages_are_limited_and_never_the_page_itself():
    assert [p.title for p in related.related_pages(PAGES[3], PAGES, limit=2)] == ["甲", "乙"]
    assert related.related_pages(PAGES[0], PAGES) == []


@given(st.lists(st.frozensets(st.sampled_from(["信任", "心态", "价格", "话术"]), max_size=3), max_size=30),
       st.integers(min_value=1, max_value=6))
def test_the_index_gives_what_comparing_every_page_gives(tag_sets, limit):
    pages = [related.TaggedPage(f"articles/p{number}/", f"问{number}", tuple(sorted(tags)))
             for number, tags in enumerate(tag_sets)]
    index = related.RelatedIndex(pages, limit)
    for page in pages:
        assert index.related_to(page) == related.related_pages(page, pages, limit)
