"""Tag suggestions for articles the taxonomy does not cover.

An article that matches no tag of ``sources/tags.yml`` gets the keywords that
set it apart as suggested tags in the report, with a ready-to-paste entry for
``sources/tags.yml``.  They are never published: an editor adopts them, or not.

Keywords are ranked by TF-IDF with the inverse document frequencies that
``jieba.analyse`` ships (``jieba/analyse/idf.txt``), as ``jieba.analyse.extract_tags``
does; the words come from jieba's dictionary-only cut, which is several times
faster, so suggesting stays cheap for thousands of articles.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jieba

from .model import Article
from .words import tokenizer

_CHINESE = re.compile(r"[\u4e00-\u9fff]+")

SUGGESTIONS = 5
#: words this common (什么, 我们, 可以: low inverse document frequency) say nothing about a topic
COMMON_IDF = 4.5
#: keywords come from the start of an article: it says what the article is about, and the cost of
#: suggesting stays flat however long articles grow
SAMPLE_CHARS = 1500


@dataclass(frozen=True)
class TagSuggestion:
    article: Article
    keywords: tuple[str, ...]


@functools.cache
def _idf() -> tuple[dict[str, float], float]:
    """jieba.analyse's inverse document frequencies, and their median for words it does not list."""
    path = Path(jieba.__file__).parent / "analyse" / "idf.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, value = line.partition(" ")
        if value:
            table[word] = float(value)
    values = sorted(table.values())
    return table, values[len(values) // 2]


def keywords(text: str, count: int = SUGGESTIONS) -> tuple[str, ...]:
    """The words of ``text`` that set it apart: Chinese words of two characters or more, best first."""
    idf, median = _idf()
    counts = Counter(w for w in tokenizer().lcut(text, HMM=False)
                     if len(w) >= 2 and _CHINESE.fullmatch(w) and idf.get(w, median) >= COMMON_IDF)
    ranked = sorted(counts, key=lambda w: (-counts[w] * idf.get(w, median), w))
    return tuple(ranked[:count])


def suggest_tags(articles: list[Article]) -> list[TagSuggestion]:
    return [TagSuggestion(a, keywords(a.text()[:SAMPLE_CHARS])) for a in articles if not a.tags]


def slug_for(word: str) -> str:
    """An ASCII slug for a suggested tag, from its pinyin (电话销售 → dian-hua-xiao-shou)."""
    from pypinyin import lazy_pinyin

    return "-".join(lazy_pinyin(word))
