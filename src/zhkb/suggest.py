"""Tag suggestions for articles the taxonomy does not cover.

An article that matches no tag of ``sources/tags.yml`` gets the keywords that
set it apart (jieba's TF-IDF, ``jieba.analyse``) as suggested tags in the
report, with a ready-to-paste entry for ``sources/tags.yml``.  They are never
published: an editor adopts them, or not.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .model import Article

SUGGESTIONS = 5
#: keywords come from the start of an article: it says what the article is about, and the cost of
#: suggesting stays flat however long articles grow
SAMPLE_CHARS = 1500


@dataclass(frozen=True)
class TagSuggestion:
    article: Article
    keywords: tuple[str, ...]


@functools.cache
def _extractor():
    import logging

    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    return jieba.analyse.default_tfidf


def keywords(text: str, count: int = SUGGESTIONS) -> tuple[str, ...]:
    """The words of ``text`` that set it apart: Chinese words of two characters or more, best first."""
    found = _extractor().extract_tags(text, topK=count * 3)
    return tuple(w for w in found if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w))[:count]


def suggest_tags(articles: list[Article]) -> list[TagSuggestion]:
    return [TagSuggestion(a, keywords(a.text()[:SAMPLE_CHARS])) for a in articles if not a.tags]


def slug_for(word: str) -> str:
    """An ASCII slug for a suggested tag, from its pinyin (电话销售 → dian-hua-xiao-shou)."""
    from pypinyin import lazy_pinyin

    return "-".join(lazy_pinyin(word))
