"""The rules zhkb's query code applies to a query, per site variant: data, built from the corpus.

- ``charMap``: each character a reader may type in the *other* script, with
  the characters it stands for on this site, the most frequent first.  Learnt
  from the pages (:class:`CorpusCharacters`), so it knows exactly the
  characters the corpus uses (about 400; bounded by the script's conversion
  table, not by the corpus's size).  On the Traditional site, from the pages as
  the site converts them (OpenCC ``s2tw`` with the Taiwan vocabulary), so
  ``发`` -> ``發``/``髮`` stays ambiguous and the query code picks the one that
  makes a word of the index; on the Simplified site, every Taiwan form of a
  corpus character stands for it.  Where plain OpenCC spells a character
  otherwise than the corpus does (the corpus's ``坏账`` is ``壞帳`` in
  Traditional, which plain ``t2s`` makes ``坏帐``; plain ``s2tw`` writes 扎实
  紮實), that spelling maps too.
- ``stopWords`` (``sources/search/stopwords.txt``) and ``synonyms``
  (``sources/synonyms.yml``), in this site's script.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from zhkb.search.words import HAN_RUN, Converter, aligned_runs
from zhkb.taiwan import character_pairs, taiwan_forms

#: The scripts a site can be written in: Simplified, or Traditional converted from it.
SCRIPTS = ("hans", "hant")


@dataclass(frozen=True)
class QueryRules:
    """What the worker needs to rewrite queries on one site variant."""

    #: ``hans`` or ``hant``: the script of this site's pages and index.
    script: str
    #: A character of the other script -> the characters it stands for here, most frequent first.
    char_map: dict[str, str]
    stop_words: list[str]
    synonyms: list[list[str]]


def load_stop_words(path: Path) -> list[str]:
    """The words of a stop-word file: one per line; blank lines and ``#`` comments are skipped."""
    words = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if any(char.isspace() for char in word):
            raise ValueError(f"{path}:{number}: one word per line, got {word!r}")
        words.append(word)
    return words


def load_synonyms(path: Path) -> list[list[str]]:
    """The groups of a synonyms file: ``groups:`` a list of lists of two or more words."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        raise ValueError(f"{path}: expected 'groups:', a list of word lists")
    for index, group in enumerate(groups, start=1):
        if not (isinstance(group, list) and len(group) >= 2 and all(isinstance(w, str) and w for w in group)):
            raise ValueError(f"{path}: group {index} ({group!r}) must list two or more words")
    return [[word.strip() for word in group] for group in groups]


class CorpusCharacters:
    """What the query rules learn of the corpus's characters, a page at a time (:meth:`learn`).

    - ``counts``: how often each Simplified character occurs;
    - ``site_pairs``: how often each Simplified character became each Traditional one on the
      Traditional site (pages learnt with their conversion); replaced words pair no characters
      (:func:`zhkb.taiwan.character_pairs`: 信息 is 資訊 there, and typing 信 never means 資);
    - ``reader_pairs``: how often a reader's own converter (``respellings``: plain OpenCC) writes a
      character otherwise, over whole runs as the converter sees them: plain ``s2tw`` writes 扎实
      紮實 and 家具 傢俱 where the site's own conversion keeps 扎實 and 家具, which no character
      alone shows.

    Each page's text is converted once, in one call (the site's conversion is the plugin's own).
    """

    def __init__(self, respellings: Sequence[Converter] = ()) -> None:
        self.respellings = list(respellings)
        self.counts: Counter[str] = Counter()
        self.site_pairs: Counter[tuple[str, str]] = Counter()
        self.reader_pairs: Counter[tuple[str, str]] = Counter()

    def learn(self, simplified: str, traditional: str | None = None, to_traditional: Converter | None = None) -> None:
        """A page's Simplified text, and its Traditional site text when the site converted it
        (``to_traditional`` converts a run where the two texts do not pair up)."""
        self.counts.update(char for run in HAN_RUN.findall(simplified) for char in run)
        if traditional is not None:
            assert to_traditional is not None
            for run, converted in aligned_runs(simplified, traditional, to_traditional):
                self.site_pairs.update(character_pairs(run, converted))
        for respell in self.respellings:
            for run, written in aligned_runs(simplified, respell(simplified), respell):
                self.reader_pairs.update(pair for pair in character_pairs(run, written) if pair[0] != pair[1])

    def form_pairs(self) -> Counter[tuple[str, str]]:
        """Each corpus character with each of its Taiwan forms, counted as often as the character occurs:
        what the Simplified site maps from (a character typed in any of its forms stands for it)."""
        pairs: Counter[tuple[str, str]] = Counter()
        for char, count in self.counts.items():
            for form in taiwan_forms(char):
                pairs[(char, form)] += count
        return pairs


def conversion_pairs(simplified_texts: Iterable[str], to_traditional: Converter) -> Counter[tuple[str, str]]:
    """How often each Simplified character became each Traditional one, over the Han runs of the texts
    (each run converted on its own: for short texts, such as the word lists)."""
    pairs: Counter[tuple[str, str]] = Counter()
    for text in simplified_texts:
        for run in HAN_RUN.findall(text):
            pairs.update(character_pairs(run, to_traditional(run)))
    return pairs


def typed_pairs(
    pairs: Counter[tuple[str, str]], script: str, respellings: Sequence[Converter] = (),
    reader: Counter[tuple[str, str]] | None = None,
) -> Counter[tuple[str, str]]:
    """How often a character a reader types stands for a character of the site in ``script``.

    From the corpus's conversion ``pairs``: on the Traditional site (``hant``)
    a Simplified character stands for what it became, on the Simplified site
    (``hans``) a Traditional character for what it came from, and a site
    character for itself.  ``respellings`` (plain OpenCC, both ways) add the
    spellings a reader's own converter gives either character where they
    differ from the corpus's (``账`` is ``帳`` here, ``賬`` to plain ``s2tw``), and
    ``reader`` (:attr:`CorpusCharacters.reader_pairs`) those it gives a character within a word:
    a character so written stands for what its Simplified character stands for.
    """
    counts: Counter[tuple[str, str]] = Counter()
    sites_of: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for (simplified, traditional), count in pairs.items():
        site = traditional if script == "hant" else simplified
        sites_of[simplified][site] += count
        typed = {simplified, traditional}
        typed |= {spelled for respell in respellings for char in (simplified, traditional)
                  if len(spelled := respell(char)) == 1}
        for char in typed:
            counts[(char, site)] += count
    for (simplified, written), count in (reader or Counter()).items():
        for site in ([simplified] if script == "hans" else sites_of.get(simplified, ())):
            counts[(written, site)] += count
    return counts


def char_map(counts: Counter[tuple[str, str]]) -> dict[str, str]:
    """Characters a reader may type -> the site's characters they stand for, most frequent first.

    ``counts`` are :func:`typed_pairs`.  Only characters that stand for some
    other character are keys; their value keeps the character itself when
    it stands for itself in the corpus (``發`` is ``發`` and, once, ``髮``).
    """
    targets_of: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for (typed, site), count in counts.items():
        targets_of[typed][site] += count
    mapping = {}
    for typed, targets in sorted(targets_of.items()):
        if set(targets) != {typed}:
            mapping[typed] = "".join(sorted(targets, key=lambda char: (-targets[char], char)))
    return mapping


def site_forms(word: str, to_site: Converter) -> list[str]:
    """``word`` in this site's script, and as written when that differs (``蒐集`` stays a key on both sites)."""
    return list(dict.fromkeys([to_site(word), word]))


def build_rules(
    script: str,
    corpus: CorpusCharacters,
    stop_words: Sequence[str],
    synonyms: Sequence[Sequence[str]],
    to_traditional: Converter,
    to_simplified: Converter,
) -> QueryRules:
    """The query rules for the site in ``script``, from what it learnt of its corpus and the word lists.

    The converters are the site's own (with the project's overrides); the
    corpus's ``respellings`` are plain OpenCC, both ways (see :func:`typed_pairs`).
    The word lists' own conversions count as corpus, so that a stop word or
    synonym typed in the other script maps too.
    """
    words = [*stop_words, *(word for group in synonyms for word in group)]
    pairs = corpus.site_pairs if script == "hant" else corpus.form_pairs()
    pairs = pairs + conversion_pairs([to_simplified(word) for word in words], to_traditional)
    to_site = to_traditional if script == "hant" else to_simplified
    site_stop_words = list(dict.fromkeys(form for word in stop_words for form in site_forms(word, to_site)))
    site_synonyms = [list(dict.fromkeys(form for word in group for form in site_forms(word, to_site)))
                     for group in synonyms]
    counts = typed_pairs(pairs, script, corpus.respellings, corpus.reader_pairs)
    return QueryRules(script, char_map(counts), site_stop_words, site_synonyms)
