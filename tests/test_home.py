"""The home and tags pages: every question of a small corpus; groups, and a page per tag, for a large one."""

from __future__ import annotations

import re

from zhkb.curation import Tag
from zhkb.model import Article
from zhkb.write import HOME_GROUP, HOME_LIST_MOST, TAG_PAGES_DIR, TAG_PREVIEW, render_docs, render_home


def articles(count: int) -> list[Article]:
    return [Article(title=f"问题{n}怎么办？", path="s.txt", source_line=n, number="", slug=f"q{n}")
            for n in range(1, count + 1)]


def links(page: str) -> list[str]:
    return re.findall(r"\]\((articles/[^)]+)\)", page)


def test_a_small_corpus_lists_every_question_with_its_tips_and_tags():
    page = render_home(articles(HOME_LIST_MOST))
    assert links(page) == [f"articles/q{n}.md" for n in range(1, HOME_LIST_MOST + 1)]
    assert f"共 {HOME_LIST_MOST} 个问题" in page
    assert "整篇回答 · 未分类" in page


def test_a_large_corpus_lists_the_first_question_of_each_group():
    count = 10 * HOME_GROUP + 7
    page = render_home(articles(count))
    assert links(page) == [f"articles/q{n}.md" for n in range(1, count + 1, HOME_GROUP)]
    assert f"共 {count} 个问题" in page
    assert f"- 第 1–{HOME_GROUP} 问：[问题1怎么办？](articles/q1.md)" in page
    assert f"- 第 {10 * HOME_GROUP + 1}–{count} 问：" in page  # the last group is short
    assert "(tags.md)" in page
    assert len(page) < 100 * (count // HOME_GROUP + 1) + 1000


# --- the tags page ------------------------------------------------------------------------------

TAGS = [Tag("价格异议", "price-objection", ("价格",)), Tag("信任", "trust", ("信任",)),
        Tag("电话销售", "phone-sales", ("电话",))]


def tagged(count: int) -> list[Article]:
    found = articles(count)
    for n, article in enumerate(found, 1):
        article.tags = ["价格异议"] if n % 2 else ["价格异议", "信任"]
    return found


def test_a_small_corpus_has_one_tags_page_with_every_question():
    docs = render_docs(tagged(HOME_LIST_MOST), tags=TAGS)
    assert docs["tags.md"].endswith("# 标签\n\n<!-- material/tags -->\n")
    assert not [path for path in docs if path.startswith(f"{TAG_PAGES_DIR}/")]


def test_a_large_corpus_lists_a_few_questions_a_tag_and_gives_each_tag_a_page():
    count = HOME_LIST_MOST + 1
    docs = render_docs(tagged(count), tags=TAGS)
    page = docs["tags.md"]
    assert "<!-- material/tags" not in page  # no listing of every question under every tag
    # The tags in taxonomy order, each keeping its anchor; a tag no question has is left out.
    assert re.findall(r"^## (\S+) \{#(tag:[a-z-]+)\}$", page, re.M) == [
        ("价格异议", "tag:price-objection"), ("信任", "tag:trust")]
    assert links(page)[:TAG_PREVIEW] == [f"articles/q{n}.md" for n in range(1, TAG_PREVIEW + 1)]
    assert len(links(page)) == 2 * TAG_PREVIEW
    assert f"- [全部 {count} 个问题]({TAG_PAGES_DIR}/price-objection.md)" in page
    assert f"- [全部 {count // 2} 个问题]({TAG_PAGES_DIR}/trust.md)" in page
    # Each tag's page is Material's listing of that tag alone, where the tags of articles link.
    assert sorted(path for path in docs if path.startswith(f"{TAG_PAGES_DIR}/")) == [
        f"{TAG_PAGES_DIR}/price-objection.md", f"{TAG_PAGES_DIR}/trust.md"]
    trust = docs[f"{TAG_PAGES_DIR}/trust.md"]
    assert '<!-- material/tags {"include": ["信任"]} -->' in trust
    assert "title: 标签：信任" in trust and f"全部 {count // 2} 个问题" in trust
