"""A page's sections -> the HTML record Pagefind indexes, cut into words by zhkb.

Pagefind's extended build cuts Chinese itself (its own jieba, without the
domain dictionary) and its browser code cuts queries with the browser's
segmenter, so index and query words disagree (``偿债能力`` becomes ``偿债`` +
``能力``; ``坏账`` may not be found).  zhkb therefore hands Pagefind text that
is already cut, every word followed by a space, under a language code for
which Pagefind splits at white space only: ``und-Hans`` / ``und-Hant``
("undetermined language, Han script").  Pagefind then indexes exactly
zhkb's words, and its browser code splits zhkb's queries, cut by zhkb's own
query code (``assets/zhkb-query.js``), the same way.

One record per page (article), its tips as headings with their ``id``:
Pagefind's anchors give each tip's first word, so zhkb's ranking scores tips
while Pagefind writes one file per article rather than per tip (a tenth of
the files, and a metadata file a third as large: see docs-dev/search-design.md).
Headings keep their level, so Pagefind weighs a word in a tip's title above
one in its text.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from zhkb.search.pages import Page
from zhkb.search.words import SegmentRun, normalise, tokens

#: Pagefind language code per site script: not ``zh``, so that Pagefind keeps zhkb's cuts.
LANGUAGES = {"hans": "und-Hans", "hant": "und-Hant"}


#: The Pagefind filter that marks, for each common word, the pages where it is most prominent
#: (zhkb.search.prominence): a query of common words only searches those pages.
TOP_FILTER = "top"


@dataclass(frozen=True)
class Record:
    url: str
    language: str
    #: The HTML of the page's body, cut into words.
    body: str
    #: Per section (the page's own first, then each tip): its anchor and the words it contains, normalised.
    sections: tuple[tuple[str | None, frozenset[str]], ...]
    #: Words of the section headings (the page's title too), normalised.
    heading_words: frozenset[str]
    #: How often each word occurs in the page, normalised; and how many words the page has.
    counts: Counter[str]
    length: int

    def html(self, top_words: Iterable[str] = ()) -> str:
        """The HTML Pagefind indexes, marked as a prominent page for ``top_words``."""
        marks = "".join(f'<span data-pagefind-filter="{TOP_FILTER}:{html.escape(word)}"></span>'
                        for word in sorted(top_words))
        # No <title>: Pagefind takes the title from the <h1>, cut into words like the rest (a title
        # left whole would be indexed as one long word that every query for its start matches).
        head = f'<!DOCTYPE html><html lang="{self.language}"><head><meta charset="utf-8"></head>'
        return f"{head}<body>{self.body}{marks}</body></html>"


def _words(text: str, segment_run: SegmentRun) -> tuple[str, list[str]]:
    found = tokens(text, segment_run)
    return " ".join(html.escape(token, quote=False) for token in found), found


def record(page: Page, segment_run: SegmentRun, script: str) -> Record:
    """The Pagefind record of ``page``, its text cut by ``segment_run``."""
    body: list[str] = []
    sections: list[tuple[str | None, frozenset[str]]] = []
    heading_words: set[str] = set()
    counts: Counter[str] = Counter()
    length = 0
    for section in page.sections:
        heading, heading_tokens = _words(section.heading, segment_run)
        found = list(heading_tokens)
        heading_words.update(word for word in map(normalise, heading_tokens) if word)
        if section.anchor is None:
            body.append(f"<h1>{heading}</h1>")
        else:
            level = min(max(section.level, 2), 6)
            body.append(f'<h{level} id="{html.escape(section.anchor)}">{heading}</h{level}>')
        for block in section.blocks:
            text, block_tokens = _words(block, segment_run)
            found.extend(block_tokens)
            body.append(f"<p>{text}</p>")
        normalised = [word for word in map(normalise, found) if word]
        counts.update(normalised)
        length += len(found)
        sections.append((section.anchor, frozenset(normalised)))
    return Record(page.url, LANGUAGES[script], "".join(body), tuple(sections), frozenset(heading_words), counts,
                  length)
