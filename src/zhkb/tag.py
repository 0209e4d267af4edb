"""Stage 4, tag: give each article the taxonomy tags its text triggers."""

from __future__ import annotations

from .curation import Tag
from .model import Article


def tags_for(text: str, taxonomy: list[Tag]) -> list[str]:
    """Names of the tags whose trigger words occur at least ``min_hits`` times in ``text``, in taxonomy order."""
    return [tag.name for tag in taxonomy if sum(text.count(word) for word in tag.triggers) >= tag.min_hits]


def tag_articles(articles: list[Article], taxonomy: list[Tag]) -> None:
    for article in articles:
        article.tags = tags_for(article.text(), taxonomy)
