"""Cut the search index into words: jieba on Simplified text, carried over to Traditional.

Material's search plugin cuts every run of Han characters in a page into
words at build time (``SearchIndex._segment_chinese``) and joins them with
zero-width spaces, which its search worker splits on.  Both variants go
through :func:`join_words` here instead (installed by :mod:`zhkb.site.search`):

- Simplified: jieba cuts each run, with the domain dictionary
  ``sources/search/userdict.txt`` that the plugin's ``jieba_dict_user``
  option loads.
- Traditional: jieba's dictionary is Simplified and cuts Traditional text
  poorly, so :class:`TraditionalSegmenter` cuts the run's Simplified source
  and carries the cuts over.  The site's conversion (OpenCC ``s2tw``) maps
  one character to one character, so a cut after the n-th Simplified
  character is a cut after the n-th Traditional one.  Where a run is not
  character-aligned with a source, it falls back to a conversion that is.

So a word is the same word on both sites, and a query matches the same tips.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from backrefs import bre

#: A run of Han characters, as Material's plugin finds them.
HAN_RUN = bre.compile(r"\p{script: Han}+", bre.UNICODE)

#: What Material's plugin puts between words, and its worker splits on.
WORD_BREAK = "\u200b"

#: Cuts a run of Han characters into words (e.g. ``jieba.cut``).
Cut = Callable[[str], Iterable[str]]

#: Converts text between scripts (e.g. :func:`zhkb.convert.convert`).
Converter = Callable[[str], str]


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


def simplified_segmenter(cut: Cut) -> Callable[[str], list[str]]:
    """Cut a Simplified run with jieba as it is."""
    return lambda run: [word for word in cut(run) if word]


def cut_like(text: str, words: Sequence[str]) -> list[str] | None:
    """``text`` cut after the same number of characters as ``words``; None if their lengths differ.

    ``words`` are the cut of a character-aligned twin of ``text`` (its other-script form).
    """
    if sum(len(word) for word in words) != len(text):
        return None
    pieces, start = [], 0
    for word in words:
        pieces.append(text[start : start + len(word)])
        start += len(word)
    return pieces


def charwise(text: str, convert: Converter) -> str:
    """``text`` converted one character at a time, so it stays aligned with ``text``.

    Loses what phrase-level conversion knows (so only a fallback); a
    character that does not convert to exactly one character stays as it is.
    """
    converted = (convert(char) for char in text)
    return "".join(new if len(new) == 1 else old for old, new in zip(text, converted, strict=True))


class TraditionalSegmenter:
    """Cuts Traditional runs into words where jieba cuts their Simplified source.

    The Traditional site is converted from the same Simplified Markdown, so
    :meth:`learn` that Markdown first (before conversion): each run's
    Simplified source is then known exactly.  Runs it has not seen (or that
    the conversion did not keep character-aligned) are converted back with
    ``to_simplified`` (OpenCC ``t2s``), and failing alignment that too,
    character by character.
    """

    def __init__(self, cut: Cut, to_traditional: Converter, to_simplified: Converter) -> None:
        self._cut = cut
        self._to_traditional = to_traditional
        self._to_simplified = to_simplified
        #: Traditional run -> the Simplified run it was converted from (same length).
        self._sources: dict[str, str] = {}

    def learn(self, simplified_text: str) -> None:
        """Remember the Traditional form of every Han run of ``simplified_text``."""
        for run in HAN_RUN.findall(simplified_text):
            converted = self._to_traditional(run)
            if len(converted) == len(run):
                self._sources.setdefault(converted, run)

    def simplified_twin(self, run: str) -> str:
        """A Simplified text character-aligned with the Traditional ``run``, to cut in its place."""
        source = self._sources.get(run)
        if source is not None:
            return source
        converted = self._to_simplified(run)
        if len(converted) == len(run):
            return converted
        return charwise(run, self._to_simplified)

    def __call__(self, run: str) -> list[str]:
        words = [word for word in self._cut(self.simplified_twin(run)) if word]
        pieces = cut_like(run, words)
        # jieba returns every character of its input, so this holds; if not, index the run whole.
        return pieces if pieces is not None else [run]


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
