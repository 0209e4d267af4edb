"""Typography of Chinese text from anywhere, and Markdown that shows no escape."""

import re

import markdown
import pytest

from zhkb import clean
from zhkb.model import Article, Block, Tip
from zhkb.write import describe, escape_markdown, render_article


def punctuate(text: str) -> str:
    for fix in clean.PUNCTUATE + clean.SPACE:
        text = fix(text)
    return text


@pytest.mark.parametrize("before, after", [
    ("电话就已经挂了...", "电话就已经挂了……"),
    ("优先处理...这些小事", "优先处理……这些小事"),
    ("等了半天。。。没人理", "等了半天……没人理"),
    ("他说…", "他说……"),
    ("版本 1...3 都可以", "版本 1...3 都可以"),
])
def test_ellipses_in_chinese_text_are_two_characters(before, after):
    assert punctuate(before) == after


@pytest.mark.parametrize("before, after", [
    ("上午9-10点打电话", "上午 9～10 点打电话"),
    ("每天发3~5条", "每天发 3～5 条"),
    ("客服时间9:00-18:30。", "客服时间 9:00～18:30。"),
    ("货架高度80cm~155cm之间", "货架高度 80cm～155cm 之间"),
    ("2019-05-12 签的合同", "2019-05-12 签的合同"),
    ("热线400-123-4567，全天有人", "热线 400-123-4567，全天有人"),
])
def test_ranges_are_written_one_way_and_dates_and_numbers_are_not_ranges(before, after):
    assert punctuate(before) == after


@pytest.mark.parametrize("before, after", [
    ('比如"看到贵公司在招人",就可以问', "比如“看到贵公司在招人”，就可以问"),
    ("客户关系管理(CRM)系统", "客户关系管理（CRM）系统"),
    ("他回了一句'好的',就没下文了", "他回了一句‘好的’，就没下文了"),
    ("方便吗?", "方便吗？"),
    ("记住:先听再说", "记住：先听再说"),
    ("f(x) 和 1,000 元", "f(x) 和 1,000 元"),
    ("文件名是课件.ppt", "文件名是课件.ppt"),
])
def test_ascii_punctuation_next_to_chinese_becomes_full_width_in_every_context(before, after):
    assert punctuate(before) == after


@pytest.mark.parametrize("before, after", [
    ("好的电话销售代 表不是话多,而是会问.", "好的电话销售代表不是话多，而是会问。"),
    ("获取信 息", "获取信息"),
    ("鹰 狐", "鹰 狐"),
    ("市场因素 产品 价格 促销", "市场因素 产品 价格 促销"),
])
def test_line_wrap_spaces_inside_words_are_joined(before, after):
    assert punctuate(before) == after


def test_particle_zhe_of_traditional_text_and_zhu_words():
    assert clean.particle_zhe("对比著看，盯著利润，著名的品牌，效果显著") == "对比着看，盯着利润，著名的品牌，效果显著"


def rendered_text(source: str) -> str:
    html = markdown.markdown(source, extensions=["attr_list", "md_in_html", "admonition"])
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("text", [
    "1. 开头像一个有序列表", "80cm~155cm 的货架", "用 * 号标出重点", "A|B 两种方案", "# 号开头", "- 号开头",
    "[链接](javascript:alert(1))", "下划线_和反引号`", "{: #id} 属性", "<script>alert(1)</script>", "a & b",
])
def test_escaped_text_renders_as_written_with_no_backslash(text):
    shown = rendered_text(escape_markdown(text))
    assert shown.strip().replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") == text
    assert "\\" not in shown


def test_labels_are_bold_and_the_askers_details_are_quoted():
    article = Article(title="客户嫌贵怎么办？", path="s.txt", source_line=1, number="", slug="q1",
                      lead=[Block("question", ["我卖床垫，客户一问价就走。"]), Block("paragraph", ["先别急着降价，问清楚他在和什么比。"])],
                      tips=[Tip("客户说太贵", 1, [Block("paragraph", ["“一分钱一分货。”"], label="错误应对")], id="t1")])
    markdown_text = render_article(article)
    assert "> 我卖床垫，客户一问价就走。" in markdown_text
    assert "**错误应对：**“一分钱一分货。”" in markdown_text
    # the description is the first real sentence of the answer, not the asker's
    assert describe(article) == "先别急着降价，问清楚他在和什么比。"
