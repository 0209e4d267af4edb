"""The rules the search worker applies to a query before Material's worker sees it.

``docs/assets/javascripts/workers/zhkb-search.js`` rewrites each query: it
maps characters of the other script to this site's, cuts the query into
words, drops question words and particles, and adds synonyms.  Its data is
built here, per site variant, and written next to the search index as
``search/query_rules.js``:

- ``charMap``: each character of the *other* script that the corpus's own
  conversion (OpenCC ``s2tw`` with ``sources/opencc/s2tw.txt``) turns into a
  different character, with the characters it stands for on this site, the
  most frequent first.  Generated from the pages as they are converted, so it
  knows exactly the characters the corpus uses (about 400), and
  ``发`` → ``發``/``髮`` stays ambiguous: the worker picks the one that makes a
  word of the index.  Where plain OpenCC spells a character otherwise than
  the corpus does (the corpus's ``坏账`` is ``壞帳`` in Traditional, which
  plain ``t2s`` makes ``坏帐``), that spelling maps too.
- ``stopWords`` (``sources/search/stopwords.txt``) and ``synonyms``
  (``sources/synonyms.yml``), in this site's script;
- ``materialWorker`` and ``materialMessages``: the file name of Material's
  worker, which the wrapper loads, and the numbers of its messages
  (:mod:`zhkb.site.material`).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import ConfigurationError

from zhkb.site.search_index import HAN_RUN, Converter
from zhkb.taiwan import character_pairs

#: The generated file, relative to a variant's site folder.  The worker
#: loads it from its own folder (``assets/javascripts/workers/``) as ``../../../search/query_rules.js``.
RULES_FILE = "search/query_rules.js"

#: The global the rules file sets for the worker.
RULES_GLOBAL = "zhkbQueryRules"

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


def conversion_pairs(simplified_texts: Iterable[str], to_traditional: Converter) -> Counter[tuple[str, str]]:
    """How often each Simplified character became each Traditional one, over the Han runs of the texts.

    Runs whose conversion changed their length cannot be paired by position and are skipped.
    """
    pairs: Counter[tuple[str, str]] = Counter()
    for text in simplified_texts:
        for run in HAN_RUN.findall(text):
            pairs.update(character_pairs(run, to_traditional(run)))
    return pairs


def typed_pairs(
    pairs: Counter[tuple[str, str]], script: str, respellings: Sequence[Converter] = ()
) -> Counter[tuple[str, str]]:
    """How often a character a reader types stands for a character of the site in ``script``.

    From the corpus's conversion ``pairs``: on the Traditional site (``hant``)
    a Simplified character stands for what it became, on the Simplified site
    (``hans``) a Traditional character for what it came from, and a site
    character for itself.  ``respellings`` (plain OpenCC, both ways) add the
    spellings a reader's own converter gives either character where they
    differ from the corpus's (``账`` is ``帳`` here, ``賬`` to plain ``s2tw``).
    """
    counts: Counter[tuple[str, str]] = Counter()
    for (simplified, traditional), count in pairs.items():
        site = traditional if script == "hant" else simplified
        typed = {simplified, traditional}
        typed |= {spelled for respell in respellings for char in (simplified, traditional)
                  if len(spelled := respell(char)) == 1}
        for char in typed:
            counts[(char, site)] += count
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
    corpus: Iterable[str],
    stop_words: Sequence[str],
    synonyms: Sequence[Sequence[str]],
    to_traditional: Converter,
    to_simplified: Converter,
    respellings: Sequence[Converter] = (),
) -> QueryRules:
    """The query rules for the site in ``script``, from its Simplified ``corpus`` and the word lists.

    The converters are the site's own (with the project's overrides);
    ``respellings`` are plain OpenCC, both ways (see :func:`typed_pairs`).
    The word lists' own conversions count as corpus, so that a stop word or
    synonym typed in the other script maps too.
    """
    words = [*stop_words, *(word for group in synonyms for word in group)]
    pairs = conversion_pairs([*corpus, *(to_simplified(word) for word in words)], to_traditional)
    to_site = to_traditional if script == "hant" else to_simplified
    site_stop_words = list(dict.fromkeys(form for word in stop_words for form in site_forms(word, to_site)))
    site_synonyms = [list(dict.fromkeys(form for word in group for form in site_forms(word, to_site)))
                     for group in synonyms]
    return QueryRules(script, char_map(typed_pairs(pairs, script, respellings)), site_stop_words, site_synonyms)


def render_rules_script(rules: QueryRules, material_worker: str, material_messages: Mapping[str, int]) -> str:
    """The rules as a script for the worker's ``importScripts`` (byte-identical for the same rules).

    ``material_worker`` is the file name of Material's search worker, which
    the wrapper loads next (it is in the wrapper's folder), and
    ``material_messages`` the numbers of the messages it exchanges.
    """
    data = {
        "materialWorker": material_worker,
        "materialMessages": dict(material_messages),
        "script": rules.script,
        "charMap": rules.char_map,
        "stopWords": rules.stop_words,
        "synonyms": rules.synonyms,
    }
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"// Generated by the zhkb plugin (zhkb.site.search_rules): do not edit.\nself.{RULES_GLOBAL} = {body};\n"
