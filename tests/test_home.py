"""The home page: every question of a small corpus, groups of questions for a large one."""

from __future__ import annotations

import re

from zhkb.model import Article
from zhkb.write import HOME_GROUP, HOME_LIST_MOST, render_home


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
