"""Unit tests of zhkb.site.share: share links on tip headings, tips from a page's structure, short pages."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from jinja2 import Environment, FileSystemLoader

from zhkb.site import share
from zhkb.site.plugin import TEMPLATES

WORDS = share.ShareWords(share="分享这条技巧", copied="已复制链接", copy_failed="无法复制，请长按分享按钮复制链接")
SITE = share.SiteIdentity("销售问答知识库", "zh-Hans", "zh_CN", "https://kb.example/assets/images/icon-512.png")


def render(text: str, page_url: str = "articles/win-over/", tip_pages: bool = True) -> str:
    extension = share.ShareExtension(WORDS)
    extension.page_url = page_url
    extension.tip_pages = tip_pages
    return markdown.markdown(text, extensions=["attr_list", "toc", extension],
                             extension_configs={"toc": {"permalink": True}})


def attributes(tag: str) -> dict[str, str]:
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def test_a_share_link_replaces_the_permalink_of_a_tip_heading():
    out = render("## 说话要真诚 {#t12}")
    assert "headerlink" not in out and "&para;" not in out
    heading = re.match(r"<h2 [^>]*>", out).group(0)
    assert attributes(heading) == {"id": "t12", "class": "zhkb-tip"}
    assert '<span class="zhkb-tip-title">说话要真诚</span>' in out
    link = attributes(re.search(r"<a [^>]*>", out).group(0))
    assert link["href"] == "../../t/t12/"  # relative: the site works wherever it is served
    assert link["data-zhkb-share"] == "t12" and link["class"] == "zhkb-share"
    assert link["aria-label"] == link["title"] == "分享这条技巧" and link["data-zhkb-copied"] == "已复制链接"
    assert out.endswith("</svg></a></h2>")


def test_share_links_are_relative_to_the_page():
    assert 'href="t/t12/"' in render("## 说话要真诚 {#t12}", page_url="")


def test_without_short_pages_a_share_link_is_the_tip_on_its_page():
    # ./ drops a query the page was opened with (?h= from a search), so the shared link is the tip's alone.
    out = render("## 说话要真诚 {#t12}", tip_pages=False)
    link = attributes(re.search(r"<a [^>]*>", out).group(0))
    assert link["href"] == "./#t12" and link["data-zhkb-share"] == "t12"


@pytest.mark.parametrize("text", ["## 信任 {#tag:trust}", "## 相关 {#related}", "# 推销产品怎样才能打动客户"])
def test_other_headings_are_left_alone(text):
    out = render(text)
    assert "zhkb-share" not in out and "zhkb-tip" not in out


def test_nested_tips_with_markup_and_classes_get_share_links_too():
    out = render("### 先问 *需求* {#t7}\n\nx\n\n#### 再报价 {#t8 .x}")
    assert out.count("data-zhkb-share") == 2
    assert attributes(re.search(r"<h4 [^>]*>", out).group(0))["class"] == "zhkb-tip x"
    assert '<span class="zhkb-tip-title">先问 <em>需求</em></span>' in out


def toc_item(item_id: str, title: str, children=()):
    return SimpleNamespace(id=item_id, title=title, children=list(children))


def test_tips_come_from_the_toc_and_the_front_matter_in_page_order():
    toc = [toc_item("问题", "问题", [
        toc_item("t12", "说话要真诚", [toc_item("t13", "最后 &amp; <em>强调</em>")]),
        toc_item("tag:trust", "信任"),
        toc_item("t14", "空的"),
    ])]
    summaries = {"t12": "只有真诚的人才能赢得信任。", "t13": "很" * 100 + "。"}
    assert share.page_tips(toc, summaries) == [
        share.TipSummary("t12", "说话要真诚", "只有真诚的人才能赢得信任。"),
        share.TipSummary("t13", "最后 & 强调", "很" * 79 + "…"),  # shortened for a preview
        share.TipSummary("t14", "空的", ""),
    ]
    assert share.page_tips(toc, None)[0].summary == ""


def test_a_tip_becomes_a_short_page_leading_to_its_place_in_the_article():
    tip = share.TipSummary("t12", "说话要真诚", "只有真诚的人才能赢得信任。")
    page = share.tip_page(tip, "articles/win-over/", "https://kb.example/articles/win-over/",
                          "出自《推销产品怎样才能打动客户》", "阅读这条技巧")
    assert page == share.ShortPage(
        path="t/t12/", title="说话要真诚", description="只有真诚的人才能赢得信任。", target="articles/win-over/#t12",
        canonical_url="https://kb.example/articles/win-over/#t12", context="出自《推销产品怎样才能打动客户》",
        link_text="阅读这条技巧")
    assert page.href == "../../articles/win-over/#t12" and page.redirect
    untitled = share.tip_page(share.TipSummary("t1", "标题", ""), "a/", None, "出自《文》", "读")
    assert untitled.description == "标题" and untitled.canonical_url is None


def test_tip_page_paths_take_tip_ids_only():
    assert share.tip_page_path("t63") == "t/t63/"
    with pytest.raises(ValueError):
        share.tip_page_path("../x")


SHORT = share.ShortPage(
    path="t/t12/", title='说话要真诚 <&> "对"', description="只有真诚的人才能赢得信任。",
    target="articles/win-over/#t12", canonical_url="https://kb.example/articles/win-over/#t12",
    context="出自《推销产品怎样才能打动客户》", link_text="阅读这条技巧",
)


@pytest.fixture(scope="module")
def env() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)))


def test_a_short_page_carries_the_preview_and_goes_on_without_javascript(env):
    html = share.render_short_page(env, SHORT, SITE)
    assert '<html lang="zh-Hans">' in html
    assert "<title>说话要真诚 &lt;&amp;&gt; &#34;对&#34; - 销售问答知识库</title>" in html  # escaped once
    assert '<meta name="description" content="只有真诚的人才能赢得信任。">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<meta http-equiv="refresh" content="0; url=../../articles/win-over/#t12">' in html
    assert '<link rel="canonical" href="https://kb.example/articles/win-over/#t12">' in html
    assert '<meta property="og:title" content="说话要真诚 &lt;&amp;&gt; &#34;对&#34;">' in html
    assert '<meta property="og:url" content="https://kb.example/articles/win-over/#t12">' in html
    assert '<meta property="og:image" content="https://kb.example/assets/images/icon-512.png">' in html
    assert '<meta property="og:locale" content="zh_CN">' in html
    # a visible way on, and a redirect that replaces the short page in the history
    assert '<a href="../../articles/win-over/#t12">阅读这条技巧</a>' in html
    assert '<script>location.replace("../../articles/win-over/#t12");</script>' in html
    assert "出自《推销产品怎样才能打动客户》" in html
    assert "http://" not in html.replace("http-equiv", "")  # loads nothing from anywhere


def test_a_short_page_without_site_url_has_no_absolute_urls(env):
    page = share.ShortPage("t/t1/", "标题", "描述", "a/#t1", None, "出自《文》", "閱讀這條技巧")
    html = share.render_short_page(env, page, share.SiteIdentity("库", "zh-Hant", "zh_TW", None))
    assert "canonical" not in html and "og:url" not in html and "og:image" not in html
    assert "閱讀這條技巧" in html and '<html lang="zh-Hant">' in html


def test_a_page_that_stays_has_no_redirect_but_everything_else(env):
    staying = share.ShortPage(**{**SHORT.__dict__, "redirect": False})
    html, still = share.render_short_page(env, SHORT, SITE), share.render_short_page(env, staying, SITE)
    assert "refresh" in html and "location.replace" in html
    assert "refresh" not in still and "location.replace" not in still
    assert still.count("<meta") == html.count("<meta") - 1 and "阅读这条技巧" in still


def test_script_strings_cannot_end_the_script():
    assert share.js_string('a"</script>\\') == '"a\\"\\u003c/script>\\\\"'


def test_short_pages_are_written_where_their_paths_say_and_can_keep_a_live_one(tmp_path: Path, env):
    written = share.write_short_pages(tmp_path, env, [SHORT], SITE)
    assert written == [tmp_path / "t" / "t12" / "index.html"]
    assert "说话要真诚" in written[0].read_text(encoding="utf-8")
    other = share.ShortPage(**{**SHORT.__dict__, "title": "已移除", "redirect": False})
    assert share.write_short_pages(tmp_path, env, [other], SITE, keep_existing=True) == []
    assert "已移除" not in written[0].read_text(encoding="utf-8")
