"""Common words and the pages where each is most prominent.

A word most pages contain (客户 in nine of ten) makes Pagefind's answer list
every one of those pages, and building that answer in the browser takes time
in proportion to the corpus (seconds on a slow phone at 10,000 articles).
zhkb's query code therefore searches a common word alone only among the
pages marked for it here, through a Pagefind filter (``top:<word>``): the
:data:`TOP_PAGES` pages where it is most prominent -- in a tip's or the
page's title first, then most frequent for the page's length.  Queries that
also have a rarer word search that word (cheap) and find the common ones in
the pages it leads to.

"Common" is decided alike here and in ``assets/zhkb-search.js``: a word is
common when the sections holding any index word that starts with it (what
Pagefind finds for it) number more than :func:`common_sections`.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Sequence

from zhkb.search.lexicon import Lexicon
from zhkb.search.records import Record

#: A word in more sections than this share (and than COMMON_LEAST) is common.
COMMON_SHARE = 0.01
COMMON_LEAST = 200

#: Pages marked for each common word.
TOP_PAGES = 12


def common_sections(section_count: int, least: int = COMMON_LEAST) -> int:
    return max(least, math.ceil(COMMON_SHARE * section_count))


def prefix_frequency(lexicon: Lexicon) -> dict[str, int]:
    """For each index word, the sections counted over the index words that start with it (itself included)."""
    ordered = sorted(lexicon.frequency)
    totals = {}
    for index, word in enumerate(ordered):
        total = 0
        for later in ordered[index:]:
            if not later.startswith(word):
                break
            total += lexicon.frequency[later]
        totals[word] = total
    return totals


def top_words(records: Sequence[Record], lexicon: Lexicon, threshold: int) -> dict[str, list[str]]:
    """Page URL -> the common words (over ``threshold`` sections) it is one of the most prominent pages of."""
    common = {word for word, total in prefix_frequency(lexicon).items() if total > threshold}
    holding: defaultdict[str, list[Record]] = defaultdict(list)
    for record in records:
        for word in common.intersection(record.counts):
            holding[word].append(record)
    marked: defaultdict[str, list[str]] = defaultdict(list)
    for word in sorted(holding):
        def prominence(record: Record, word: str = word) -> tuple[int, float, str]:
            return (-(word in record.heading_words), -record.counts[word] / max(1, record.length), record.url)

        for record in heapq.nsmallest(TOP_PAGES, holding[word], key=prominence):
            marked[record.url].append(word)
    return dict(marked)
