"""Cut Chinese text into words: jieba on Simplified text, carried over to Traditional.

- Simplified: jieba cuts each run of Han characters, with the domain
  dictionary ``sources/search/userdict.txt`` and without its HMM guesses.
- Traditional: jieba's dictionary is Simplified and cuts Traditional text
  poorly, so :class:`TraditionalSegmenter` cuts the run's Simplified source
  and carries the cuts over.  The site's conversion (OpenCC ``s2tw``) maps
  one character to one character, so a cut after the n-th Simplified
  character is a cut after the n-th Traditional one.  Where a run is not
  character-aligned with a source, it falls back to a conversion that is.

So a word is the same word on both sites, and a query matches the same tips.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import jieba
from backrefs import bre

#: A run of Han characters.
HAN_RUN = bre.compile(r"\p{script: Han}+", bre.UNICODE)

#: A run of Han characters, or of anything else that is not white space.
TOKEN_RUN = bre.compile(r"\p{script: Han}+|(?:(?!\p{script: Han})\S)+", bre.UNICODE)

#: Cuts a run of Han characters into words (e.g. ``jieba.cut``).
Cut = Callable[[str], Iterable[str]]

#: Converts text between scripts (e.g. :func:`zhkb.convert.convert`).
Converter = Callable[[str], str]

#: Cuts one run of Han characters into its words.
SegmentRun = Callable[[str], Sequence[str]]

#: jieba's HMM guesses words its dictionaries lack by gluing characters
#: together ("有多强", "刚进门"); such a word is found only by a query for its
#: start.  Without it, unknown words fall apart into characters, which
#: queries for their parts still find; the domain words it would miss are in
#: the user dictionary.
USE_HMM = False


@functools.cache
def jieba_cut(user_dictionary: Path | None) -> Cut:
    """jieba as zhkb uses it: its own tokenizer with ``user_dictionary`` loaded, no HMM."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    if user_dictionary is not None:
        tokenizer.load_userdict(str(user_dictionary))
    return functools.partial(tokenizer.cut, HMM=USE_HMM)


def simplified_segmenter(cut: Cut) -> SegmentRun:
    """Cut a Simplified run with jieba as it is."""
    return lambda run: [word for word in cut(run) if word]


def tokens(text: str, segment_run: SegmentRun) -> list[str]:
    """``text`` as a list of tokens: each Han run cut into words, everything else split at white space.

    Punctuation next to a Han run is a token of its own (``“舍得”`` is ``“``,
    ``舍得``, ``”``), so that no token joins two words of different runs.
    """
    found: list[str] = []
    for match in TOKEN_RUN.finditer(text):
        run = match.group(0)
        found.extend(segment_run(run) if HAN_RUN.fullmatch(run) else [run])
    return found


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


def aligned_runs(source: str, converted: str, convert_run: Converter) -> list[tuple[str, str]]:
    """Each Han run of ``source`` with its conversion, read off ``converted`` (all of ``source`` converted).

    A conversion keeps Han characters Han and everything else as it is, so the runs of both texts
    pair up in order; where their numbers differ, each run is converted on its own (``convert_run``).
    """
    runs = HAN_RUN.findall(source)
    converted_runs = HAN_RUN.findall(converted)
    if len(converted_runs) == len(runs):
        return list(zip(runs, converted_runs, strict=True))
    return [(run, convert_run(run)) for run in runs]


class TraditionalSegmenter:
    """Cuts Traditional runs into words where jieba cuts their Simplified source.

    :meth:`learn` the Simplified text the Traditional text was converted from
    first: each run's Simplified source is then known exactly.  Runs it has
    not seen (or that the conversion did not keep character-aligned) are
    converted back with ``to_simplified`` (OpenCC ``t2s``), and failing
    alignment that too, character by character.
    """

    def __init__(self, cut: Cut, to_traditional: Converter, to_simplified: Converter) -> None:
        self._cut = cut
        self._to_traditional = to_traditional
        self._to_simplified = to_simplified
        #: Traditional run -> the Simplified run it was converted from (same length).
        self._sources: dict[str, str] = {}

    def learn(self, simplified_text: str, traditional_text: str | None = None) -> None:
        """Remember the Traditional form of every Han run of ``simplified_text``.

        ``traditional_text`` is ``simplified_text`` converted, when the caller has it (the site
        converts every page): its runs are the conversions, so none needs converting again.
        """
        if traditional_text is None:
            pairs = [(run, self._to_traditional(run)) for run in HAN_RUN.findall(simplified_text)]
        else:
            pairs = aligned_runs(simplified_text, traditional_text, self._to_traditional)
        for run, converted in pairs:
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


def normalise(token: str) -> str:
    """A token as Pagefind indexes it: lower case, without non-word characters (``“舍得”`` -> ``舍得``)."""
    return re.sub(r"[^\w]", "", token).lower()
