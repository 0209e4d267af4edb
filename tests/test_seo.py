"""Unit tests of zhkb.site.seo (hreflang, previews, sitemap), zhkb.site.related and zhkb.site.a11y."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.exceptions import ConfigurationError

from zhkb.site import a11y, related, seo

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


MATERIAL_HEAD = """<head>
      <link rel="canonical" href="https://kb.example/a/">
          <link rel="alternate" href="/" hreflang="zh-Hans">
          <link rel="alternate" href="/zh-Hant/" hreflang="zh-Hant">
        <link rel="alternate" type="application/rss+xml" title="RSS" href="feed_rss_created.xml">
</head><body></body>"""


def test_materials_relative_alternates_are_replaced_by_ours():
    ours = seo.alternate_tags([("zh-Hans", "https://kb.example/a/"), ("x-default", "https://kb.example/a/")])
    out = seo.replace_alternate_links(MATERIAL_HEAD, ours)
    assert 'href="/"' not in out and 'href="/zh-Hant/"' not in out
    assert "application/rss+xml" in out  # other alternates stay
    assert out.count('hreflang="') == 2
    assert '<link rel="alternate" hreflang="x-default" href="https://kb.example/a/"></head>' in out


def test_preview_tags_leave_out_what_is_unknown_and_escape_the_rest():
    preview = seo.Preview("标题 & 说明", 'a "b"', None, "库", "zh_CN", None, "article")
    tags = seo.preview_tags(preview)
    assert '<meta property="og:title" content="标题 &amp; 说明">' in tags
    assert '<meta property="og:description" content="a &quot;b&quot;">' in tags
    assert '<meta property="og:type" content="article">' in tags
    assert "og:url" not in tags and "og:image" not in tags


def test_materials_sitemap_lookup_is_narrowed_to_links_that_opt_in():
    bundle = 'x=M("link[rel=alternate]");y=M("[rel=alternate]",o)'
    patched = seo.disable_sitemap_lookup(bundle)
    assert patched == 'x=M("link[rel=alternate][data-md-sitemap]");y=M("[rel=alternate]",o)'
    with pytest.raises(ValueError, match="upgraded"):
        seo.disable_sitemap_lookup("no such selector")


def test_the_bundle_in_a_site_is_patched_once(tmp_path):
    folder = tmp_path / "assets" / "javascripts"
    folder.mkdir(parents=True)
    (folder / "bundle.12345678.min.js").write_text('M("link[rel=alternate]")', encoding="utf-8")
    seo.disable_sitemap_lookup_in(tmp_path)
    seo.disable_sitemap_lookup_in(tmp_path)  # a second pass leaves it be
    assert (folder / "bundle.12345678.min.js").read_text(encoding="utf-8").count("data-md-sitemap") == 1


MKDOCS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
         <loc>https://kb.example/</loc>
         <lastmod>2026-11-24</lastmod>
    </url>
    <url>
         <loc>https://kb.example/articles/x/</loc>
    </url>
</urlset>"""


def test_the_top_sitemap_lists_both_variants_with_their_alternates(tmp_path):
    (tmp_path / "sitemap.xml").write_text(MKDOCS_SITEMAP, encoding="utf-8")
    variants = seo.site_variants(ALTERNATES, "zh-Hans", "https://kb.example/")
    seo.rewrite_sitemap(tmp_path, variants, variants[0])
    text = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text
    ns = {"s": seo.SITEMAP_NS, "x": seo.XHTML_NS}
    urls = ET.fromstring(text).findall("s:url", ns)
    assert [u.findtext("s:loc", namespaces=ns) for u in urls] == [
        "https://kb.example/", "https://kb.example/articles/x/",
        "https://kb.example/zh-Hant/", "https://kb.example/zh-Hant/articles/x/",
    ]
    assert urls[0].findtext("s:lastmod", namespaces=ns) == "2026-11-24"
    assert urls[1].find("s:lastmod", ns) is None
    links = [(link.get("hreflang"), link.get("href")) for link in urls[3].findall("x:link", ns)]
    assert links == [("zh-Hans", "https://kb.example/articles/x/"),
                     ("zh-Hant", "https://kb.example/zh-Hant/articles/x/"),
                     ("x-default", "https://kb.example/articles/x/")]


def test_a_nested_variants_sitemap_lists_only_its_own_pages(tmp_path):
    own = MKDOCS_SITEMAP.replace("https://kb.example/", "https://kb.example/zh-Hant/")
    (tmp_path / "sitemap.xml").write_text(own, encoding="utf-8")
    variants = seo.site_variants(ALTERNATES, "zh-Hant", "https://kb.example/zh-Hant/")
    seo.rewrite_sitemap(tmp_path, variants, variants[1])
    locs = ET.fromstring((tmp_path / "sitemap.xml").read_text(encoding="utf-8")).iter(f"{{{seo.SITEMAP_NS}}}loc")
    assert [loc.text for loc in locs] == ["https://kb.example/zh-Hant/", "https://kb.example/zh-Hant/articles/x/"]


def test_a_sitemap_url_outside_the_root_is_an_error():
    with pytest.raises(ValueError, match="not under"):
        seo.sitemap_pages(MKDOCS_SITEMAP, "https://other.example/")


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


# --- accessibility ----------------------------------------------------------------------------


def test_materials_search_dialog_gets_a_name():
    html = f"<body>{a11y.MATERIAL_SEARCH_DIALOG}</div></body>"
    assert 'role="dialog" aria-label="搜尋">' in a11y.label_search_dialog(html, a11y.search_label("zh-Hant"))
    assert a11y.label_search_dialog("<body></body>", "搜索") == "<body></body>"
    with pytest.raises(ValueError):
        a11y.search_label("en")
