"""Cut the search index into words: jieba on Simplified text, carried over to Traditional.

Material's search plugin cuts every run of Han characters in a page into
words at build time (``SearchIndex._segment_chinese``) and joins them with
zero-width spaces, which its search worker splits on.  Both variants go
through :func:`join_words` here instead (installed by :mod:`zhkb.site.search`):

Simplified runs are cut by jieba with the domain dictionary that the
plugin's ``jieba_dict_user`` option loads, Traditional ones where their
Simplified source is cut (:mod:`zhkb.search.words`, shared with the
Pagefind search that replaces this one).

So a word is the same word on both sites, and a query matches the same tips.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from zhkb.search.words import (  # noqa: F401  (the hook and tests use them from here)
    HAN_RUN,
    Converter,
    Cut,
    TraditionalSegmenter,
    charwise,
    cut_like,
    simplified_segmenter,
)

#: What Material's plugin puts between words, and its worker splits on.
WORD_BREAK = "\u200b"


def join_words(data: str, segment_run: Callable[[str], Sequence[str]], separator: str | None = None) -> str:
    """``data`` with each Han run cut into words by ``segment_run``, written as Material's plugin writes it.

    Each run is surrounded by and split with :data:`WORD_BREAK`; breaks at
    the ends of ``data`` are dropped.  Given the search ``separator`` (a
    regular expression), a run's outer break is left out where its neighbour
    already separates words (punctuation, a space): the index text is also
    what the results show, and a zero-width space lets the browser break a
    line before ``！`` or ``”``, which Chinese typesetting forbids.
    """
    separates = re.compile(separator).fullmatch if separator else lambda _char: None

    def replace(match: re.Match[str]) -> str:
        before = match.start() > 0 and separates(data[match.start() - 1])
        after = match.end() < len(data) and separates(data[match.end()])
        words = WORD_BREAK.join(segment_run(match.group(0)))
        return ("" if before else WORD_BREAK) + words + ("" if after else WORD_BREAK)

    return HAN_RUN.sub(replace, data).strip(WORD_BREAK)


def untag_sections(entries: list[dict[str, object]]) -> None:
    """Keep tags on each page's own entry only, not on the entries of its sections (tips).

    Material copies a page's tags to every section.  Tags describe the
    question, not each tip: on every tip they would make a tag word match all
    the article's tips alike, and repeat the page's tag chips under each tip
    in the results.
    """
    for entry in entries:
        if "#" in str(entry.get("location", "")):
            entry.pop("tags", None)
