"""Unit tests of zhkb.site.share: share links on tip headings, and the short tip pages."""

from __future__ import annotations

import re

import pytest

from zhkb.site import share

WORDS = share.words_for("zh-Hans")
HEADING = '<h2 id="t12">说话要真诚<a class="headerlink" href="#t12" title="Permanent link">&para;</a></h2>'
SITE = share.SiteIdentity("销售问答知识库", "zh-Hans", "https://kb.example/assets/images/icon-512.png")


def test_a_share_link_replaces_the_permalink_of_a_tip_heading():
    out = share.add_share_links(HEADING, "articles/win-over/", WORDS)
    assert "headerlink" not in out and "&para;" not in out
    assert out.startswith('<h2 id="t12" class="zhkb-tip"><span class="zhkb-tip-title">说话要真诚</span>')
    link = re.search(r"<a [^>]*>", out).group(0)
    assert 'href="../../t/t12/"' in link  # relative: the site works wherever it is served
    assert 'data-zhkb-share="t12"' in link
    assert 'aria-label="分享这条技巧"' in link and 'data-zhkb-copied="已复制链接"' in link
    assert out.endswith("</svg></a></h2>")


def test_share_links_are_relative_to_the_page():
    assert 'href="t/t12/"' in share.add_share_links(HEADING, "", WORDS)


@pytest.mark.parametrize("heading", [
    '<h2 id="tag:trust">信任<a class="headerlink" href="#tag:trust" title="Permanent link">&para;</a></h2>',
    '<h2 id="related">相关<a class="headerlink" href="#related" title="Permanent link">&para;</a></h2>',
    "<h1>推销产品怎样才能打动客户</h1>",
])
def test_other_headings_are_left_alone(heading):
    assert share.add_share_links(heading, "tags/", WORDS) == heading


def test_nested_tips_and_headings_without_permalink_get_share_links_too():
    html = '<h3 id="t7">先问需求</h3><p>x</p><h4 id="t8" class="x">再报价</h4>'
    out = share.add_share_links(html, "articles/a/", WORDS)
    assert out.count("data-zhkb-share") == 2
    assert '<h4 id="t8" class="zhkb-tip x">' in out


def test_words_exist_for_both_variants_and_taiwan_says_lianjie_its_way():
    assert share.words_for("zh-Hant").copied == "已複製連結"
    assert share.words_for("zh-Hant").og_locale == "zh_TW"
    with pytest.raises(ValueError, match="zh-CN"):
        share.words_for("zh-CN")


def test_tips_are_read_with_the_first_sentence_of_their_text():
    html = share.add_share_links(
        HEADING + "<p>只有真诚的人才能赢得信任。不要为了推销产品，不考虑客户的实际能力。</p>"
        '<h2 id="t13">清单<a class="headerlink" href="#t13">&para;</a></h2><ul><li>第一项。</li><li>第二项</li></ul>'
        '<h2 id="t14">空的</h2><h2 id="t15">最后 &amp; <em>强调</em></h2><p>没有句号的结尾</p>',
        "articles/win-over/", WORDS)
    assert share.tips_in_html(html) == [
        share.TipSummary("t12", "说话要真诚", "只有真诚的人才能赢得信任。"),
        share.TipSummary("t13", "清单", "第一项。"),
        share.TipSummary("t14", "空的", ""),
        share.TipSummary("t15", "最后 & 强调", "没有句号的结尾"),
    ]


def test_a_tip_becomes_a_redirect_page_to_its_place_in_the_article():
    tip = share.TipSummary("t12", "说话要真诚", "只有真诚的人才能赢得信任。")
    page = share.tip_redirect(tip, "articles/win-over/", "推销产品怎样才能打动客户",
                              "https://kb.example/articles/win-over/", WORDS)
    assert page == share.RedirectPage(
        path="t/t12/",
        title="说话要真诚",
        description="只有真诚的人才能赢得信任。",
        target="articles/win-over/#t12",
        canonical_url="https://kb.example/articles/win-over/#t12",
        context="出自《推销产品怎样才能打动客户》",
    )
    untitled = share.tip_redirect(share.TipSummary("t1", "标题", ""), "a/", "文", None, WORDS)
    assert untitled.description == "标题" and untitled.canonical_url is None


def test_tip_page_paths_take_tip_ids_only():
    assert share.tip_page_path("t63") == "t/t63/"
    with pytest.raises(ValueError):
        share.tip_page_path("../x")


REDIRECT = share.RedirectPage(
    path="t/t12/", title="说话要真诚 <&>", description="只有真诚的人才能赢得信任。",
    target="articles/win-over/#t12", canonical_url="https://kb.example/articles/win-over/#t12",
    context="出自《推销产品怎样才能打动客户》",
)


def test_a_redirect_page_carries_the_preview_and_goes_on_without_javascript():
    html = share.render_redirect_page(REDIRECT, SITE, WORDS)
    assert '<html lang="zh-Hans">' in html
    assert "<title>说话要真诚 &lt;&amp;&gt; - 销售问答知识库</title>" in html
    assert '<meta name="description" content="只有真诚的人才能赢得信任。">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<meta http-equiv="refresh" content="0; url=../../articles/win-over/#t12">' in html
    assert '<link rel="canonical" href="https://kb.example/articles/win-over/#t12">' in html
    assert '<meta property="og:title" content="说话要真诚 &lt;&amp;&gt;">' in html
    assert '<meta property="og:url" content="https://kb.example/articles/win-over/#t12">' in html
    assert '<meta property="og:image" content="https://kb.example/assets/images/icon-512.png">' in html
    assert '<meta property="og:locale" content="zh_CN">' in html
    # a visible way on, and a redirect that replaces the short page in the history
    assert '<a href="../../articles/win-over/#t12">阅读这条技巧</a>' in html
    assert '<script>location.replace("../../articles/win-over/#t12");</script>' in html
    assert "出自《推销产品怎样才能打动客户》" in html
    assert "http://" not in html.replace("http-equiv", "")  # loads nothing from anywhere


def test_a_redirect_page_without_site_url_has_no_absolute_urls():
    page = share.RedirectPage("t/t1/", "标题", "描述", "a/#t1", None, "出自《文》")
    html = share.render_redirect_page(page, share.SiteIdentity("库", "zh-Hant", None), share.words_for("zh-Hant"))
    assert "canonical" not in html and "og:url" not in html and "og:image" not in html
    assert "閱讀這條技巧" in html


def test_without_redirect_keeps_everything_but_the_redirect():
    html = share.render_redirect_page(REDIRECT, SITE, WORDS)
    still = share.without_redirect(html)
    assert "refresh" not in still and "location.replace" not in still
    assert still.count("<meta") == html.count("<meta") - 1 and "阅读这条技巧" in still


def test_redirect_pages_are_written_where_their_paths_say(tmp_path):
    written = share.write_redirect_pages(tmp_path, [REDIRECT], SITE, WORDS)
    assert written == [tmp_path / "t" / "t12" / "index.html"]
    assert "说话要真诚" in written[0].read_text(encoding="utf-8")
