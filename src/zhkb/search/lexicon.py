"""The query-side dictionary: the index's words, in buckets by first character.

zhkb cuts a query into the index's own words in the browser
(``assets/zhkb-query.js``), so that a natural question works like keywords:
``第一次拜访客户穿什么`` -> 第一次 / 拜访 / 客户 / 穿.  That needs the index's
vocabulary, which grows with the corpus: shipped whole, it would be the
search's largest download at 10,000 questions.  So the lexicon is split into
buckets by the first character of a word (``ord(char) % count``), and a
query downloads only the buckets of its own characters.  The number of
buckets grows with the vocabulary, so a bucket stays about
:data:`BUCKET_ENTRIES` entries however large the corpus.

A bucket holds, for each word starting with one of its characters:

- ``words``: the word -> in how many sections (tips, or a page's own text) it
  occurs.  The query code prefers frequent words when it cuts, and knows the
  starts of index words (``售后`` of ``售后服务``) from the words themselves;
- ``parts``: a string of two or more characters found *inside* longer index
  words, not at their start -> the :data:`MOST_CONTAINING` most frequent of
  those words, each with its count.  ``能力`` -> ``偿债能力``, ``盈利能力``: a query for a word
  also finds the index words that contain it (Pagefind finds those that start
  with it by itself).
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from zhkb.search.words import HAN_RUN

#: About how many entries (words and parts) a bucket holds.
BUCKET_ENTRIES = 400

#: Longer words kept for each part, the most frequent first.
MOST_CONTAINING = 20

#: Parts are looked for in words up to this long (longer ones are rare, and cost the most parts).
LONGEST_WORD = 8


@dataclass(frozen=True)
class Lexicon:
    #: word -> number of sections that contain it
    frequency: dict[str, int]
    #: part -> the longer words containing it (not at their start), the most frequent first
    parts: dict[str, list[str]]

    @property
    def bucket_count(self) -> int:
        return max(1, math.ceil((len(self.frequency) + len(self.parts)) / BUCKET_ENTRIES))


def bucket_of(word: str, count: int) -> int:
    """The bucket of ``word``: by its first character's code point (the query code computes the same)."""
    return ord(word[0]) % count


def build_lexicon(sections: Iterable[Iterable[str]]) -> Lexicon:
    """The lexicon of sections given as their sets of (normalised) words; only words with Han characters count."""
    frequency: Counter[str] = Counter()
    for words in sections:
        frequency.update(word for word in set(words) if HAN_RUN.search(word))
    containing: defaultdict[str, set[str]] = defaultdict(set)
    for word in frequency:
        if len(word) < 3 or len(word) > LONGEST_WORD:
            continue
        for start in range(1, len(word) - 1):
            for end in range(start + 2, len(word) + 1):
                containing[word[start:end]].add(word)
    parts = {part: sorted(found, key=lambda w: (-frequency[w], w))[:MOST_CONTAINING]
             for part, found in containing.items()}
    return Lexicon(dict(frequency), parts)


def buckets(lexicon: Lexicon) -> list[str]:
    """The lexicon's buckets as JSON texts, bucket ``i`` at index ``i`` (deterministic: keys sorted)."""
    count = lexicon.bucket_count
    words: list[dict[str, int]] = [{} for _ in range(count)]
    parts: list[dict[str, list[list[str | int]]]] = [{} for _ in range(count)]
    for word, found in lexicon.frequency.items():
        words[bucket_of(word, count)][word] = found
    for part, found in lexicon.parts.items():
        parts[bucket_of(part, count)][part] = [[word, lexicon.frequency[word]] for word in found]
    return [json.dumps({"words": w, "parts": p}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            for w, p in zip(words, parts, strict=True)]
