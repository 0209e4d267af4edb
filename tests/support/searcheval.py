"""Measure search relevance: the query sets, the hit rule, recall and MRR.

A relevance set (``tests/data/queries-*.tsv``) lists ``query<TAB>snippet``
lines, with alternative snippets separated by ``|``.  A result -- a link in
the search result list -- hits when the section it points to contains a
snippet: the heading with the link's ``#id`` up to the next heading of the
same or a higher level, or the whole page when the link has no ``#id``;
both are compared in Simplified (OpenCC ``t2s``) without whitespace or
punctuation, so the set works on both site variants whatever script a query
or snippet is written in.

The browser tests and ``scripts/bench_search.py`` read results off the real
search box (:mod:`support.searchbox`); this module only judges them.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Converts text to Simplified (e.g. OpenCC ``t2s``).
ToSimplified = Callable[[str], str]


@dataclass(frozen=True)
class Query:
    text: str
    #: A result hits if its section contains any of these.
    snippets: tuple[str, ...]
    line: int


def site_path(href: str) -> str:
    """A result link as a path within the built site (both variants), keeping the #anchor."""
    parts = urlsplit(href)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


def load_queries(path: Path) -> list[Query]:
    """The queries of a relevance set; ``#`` lines are comments."""
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        text, tab, snippets = line.partition("\t")
        alternatives = tuple(s for s in snippets.split("|") if s.strip())
        if not tab or not text.strip() or not alternatives:
            raise ValueError(f"{path}:{number}: expected 'query<TAB>snippet[|snippet...]'")
        queries.append(Query(text.strip(), alternatives, number))
    return queries


def comparable(text: str, to_simplified: ToSimplified) -> str:
    """``text`` in Simplified, without whitespace or punctuation, for comparing snippets."""
    return "".join(char for char in to_simplified(text)
                   if not (char.isspace() or unicodedata.category(char)[0] in "PZ"))


@dataclass
class _Heading:
    level: int
    anchor: str | None
    start: int  # index into the text chunks


class _ContentText(HTMLParser):
    """Text of a page's content (``<article class="md-content__inner ...">``), with its headings."""

    SKIP = frozenset({"script", "style", "template", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.headings: list[_Heading] = []
        self._article_depth = 0
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article" and "md-content__inner" in (attributes.get("class") or ""):
            self._article_depth = 1
            return
        if not self._article_depth:
            return
        if tag == "article":
            self._article_depth += 1
        if tag in self.SKIP:
            self._skipping += 1
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append(_Heading(int(tag[1]), attributes.get("id"), len(self.chunks)))

    def handle_endtag(self, tag: str) -> None:
        if not self._article_depth:
            return
        if tag == "article":
            self._article_depth -= 1
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if self._article_depth and not self._skipping:
            self.chunks.append(data)


def section_text(html: str, anchor: str | None) -> str:
    """The text of the section of a page that a link with ``#anchor`` points to (the page without one).

    An anchor that names no heading gives the whole page, as a browser would show it.
    """
    parser = _ContentText()
    parser.feed(html)
    parser.close()
    for index, heading in enumerate(parser.headings):
        if anchor and heading.anchor == anchor:
            end = next((later.start for later in parser.headings[index + 1 :] if later.level <= heading.level),
                       len(parser.chunks))
            return "".join(parser.chunks[heading.start : end])
    return "".join(parser.chunks)


def page_file(site_dir: Path, url: str) -> tuple[Path, str | None]:
    """The built HTML file and anchor of a result link (absolute path or URL, within ``site_dir``)."""
    parts = urlsplit(url)
    path = unquote(parts.path).lstrip("/")
    file = site_dir / path
    if not path or path.endswith("/"):
        file = file / "index.html"
    return file, unquote(parts.fragment) or None


class HitJudge:
    """Judges result links against a query's snippets, reading sections from the built site."""

    def __init__(self, site_dir: Path, to_simplified: ToSimplified,
                 site_spellings: Sequence[Callable[[str], str]] = ()) -> None:
        """``site_spellings``: conversions that give a snippet as a site variant writes it, beside the
        snippet as written: the Traditional site's (zhkb.taiwan), whose Taiwan words (质量: 品質) do not
        convert back to the snippet's."""
        self._site_dir = site_dir
        self._to_simplified = to_simplified
        self._spellings = [lambda text: text, *site_spellings]
        self._sections: dict[str, str] = {}

    def section(self, url: str) -> str:
        """The comparable text of the section ``url`` points to."""
        if url not in self._sections:
            file, anchor = page_file(self._site_dir, url)
            html = file.read_text(encoding="utf-8") if file.is_file() else ""
            self._sections[url] = comparable(section_text(html, anchor), self._to_simplified)
        return self._sections[url]

    def is_hit(self, query: Query, url: str) -> bool:
        text = self.section(url)
        return any(comparable(spell(snippet), self._to_simplified) in text
                   for snippet in query.snippets for spell in self._spellings)

    def first_hit(self, query: Query, urls: Sequence[str]) -> int | None:
        """The 1-based rank of the first result that hits, if any."""
        return next((rank for rank, url in enumerate(urls, start=1) if self.is_hit(query, url)), None)


@dataclass(frozen=True)
class Relevance:
    queries: int
    recall_at_1: float
    recall_at_5: float
    mrr: float


def relevance(first_hits: Sequence[int | None]) -> Relevance:
    """Recall@1, recall@5 and mean reciprocal rank from each query's first-hit rank."""
    count = len(first_hits)
    if not count:
        return Relevance(0, 0.0, 0.0, 0.0)
    return Relevance(
        queries=count,
        recall_at_1=sum(1 for rank in first_hits if rank == 1) / count,
        recall_at_5=sum(1 for rank in first_hits if rank is not None and rank <= 5) / count,
        mrr=sum(1 / rank for rank in first_hits if rank is not None) / count,
    )


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile of ``values`` (nearest rank: p95 of 20 values is the 19th)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)
