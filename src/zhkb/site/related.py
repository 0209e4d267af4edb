"""Related questions: the articles that share tags with this one, listed at its end.

A reader who finished one answer is offered the answers closest to it: those
sharing the most tags first, then in source (nav) order, as on the home page.
``overrides/partials/comments.html`` shows them, before Material's previous /
next links.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Enough to choose from on a phone screen, few enough to read.
RELATED_LIMIT = 5


@dataclass(frozen=True)
class TaggedPage:
    """A page as the related list needs it."""

    #: URL relative to the variant's root (``articles/win-over/``).
    url: str
    title: str
    tags: tuple[str, ...]


def related_pages(current: TaggedPage, pages: Sequence[TaggedPage], limit: int = RELATED_LIMIT) -> list[TaggedPage]:
    """The pages sharing at least one tag with ``current``: most shared tags first, then in ``pages`` order."""
    # one more than needed: the page itself may be among them
    return _without(current, ranked_by_tags(current.tags, pages, limit + 1), limit)


def ranked_by_tags(tags: Sequence[str], pages: Sequence[TaggedPage], limit: int) -> list[TaggedPage]:
    """The first ``limit`` pages sharing at least one of ``tags``: most shared first, then in ``pages`` order."""
    mine = set(tags)
    scored = [
        (-len(mine.intersection(page.tags)), position, page)
        for position, page in enumerate(pages)
        if mine.intersection(page.tags)
    ]
    return [page for _shared, _position, page in sorted(scored, key=lambda item: item[:2])[:limit]]


def _without(current: TaggedPage, ranked: Sequence[TaggedPage], limit: int) -> list[TaggedPage]:
    return [page for page in ranked if page.url != current.url][:limit]


class RelatedIndex:
    """:func:`related_pages` for every page of a build, without comparing each page with all others.

    Pages with the same tags have the same related pages (but themselves), so
    each set of tags is ranked once: a build of thousands of articles over a
    few dozen tags stays linear in its pages.
    """

    def __init__(self, pages: Sequence[TaggedPage], limit: int = RELATED_LIMIT) -> None:
        self._pages = list(pages)
        self._limit = limit
        self._ranked: dict[frozenset[str], list[TaggedPage]] = {}

    def related_to(self, current: TaggedPage) -> list[TaggedPage]:
        key = frozenset(current.tags)
        if key not in self._ranked:
            self._ranked[key] = ranked_by_tags(current.tags, self._pages, self._limit + 1)
        return _without(current, self._ranked[key], self._limit)
