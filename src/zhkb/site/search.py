"""Search, one concern of the ``zhkb`` plugin: word cuts, query rules and the worker in front of Material's.

The plugin calls :class:`SiteSearch` at its events and nothing else of it, so
a different engine can take its place behind the same five calls
(``on_config``, ``learn``, ``on_env``, ``on_page_indexed``, ``on_post_build``).
Its options are the plugin's ``search:`` section (:class:`zhkb.site.config.SearchConfig`).

- At build time, Material's search plugin cuts Chinese into words with jieba
  (its ``jieba_dict_user`` option loads ``sources/search/userdict.txt``); the
  Traditional site's runs are cut where their Simplified source is cut
  (:mod:`zhkb.site.search_index`), so both sites have the same words.
- ``search/query_rules.js`` is written for each variant
  (:mod:`zhkb.site.search_rules`): the script map, stop words and synonyms.
- Pages start ``assets/javascripts/workers/zhkb-search.js`` (under ``docs/``)
  instead of Material's worker: it rewrites each query, loads Material's
  worker and re-ranks its answer.

What depends on Material's internals (the worker's path and messages, the
index's word cutter) is in :mod:`zhkb.site.material`.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

import jieba
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from zhkb.convert import convert
from zhkb.site import material, search_index, search_rules
from zhkb.site.config import SearchConfig
from zhkb.site.search_index import TraditionalSegmenter
from zhkb.site.traditional import traditional_converter

# jieba announces loading its dictionary on stderr at every build: not news.
jieba.setLogLevel(logging.WARNING)

#: jieba's HMM guesses words its dictionaries lack by gluing characters
#: together ("有多强", "刚进门"); such a word is found only by a query for its
#: start.  Without it, unknown words fall apart into characters, which
#: queries for their parts still find; the domain words it would miss are in
#: the user dictionary.
USE_HMM = False

#: Our worker, a hand-written asset under ``docs/``.
WRAPPER = f"{material.WORKERS_FOLDER}/zhkb-search.js"


class SiteSearch:
    """zhkb's search for one build of one variant."""

    def __init__(self, options: SearchConfig, script: str, opencc_dir: Path) -> None:
        self.options = options
        self.script = script
        self.to_traditional = traditional_converter(opencc_dir)
        self.to_simplified = functools.partial(convert, direction="t2s", overrides_dir=opencc_dir)
        cut = functools.partial(jieba.cut, HMM=USE_HMM)
        self.segmenter = (TraditionalSegmenter(cut, self.to_traditional, self.to_simplified)
                          if script == "hant" else None)
        self.segment_run = self.segmenter or search_index.simplified_segmenter(cut)
        #: The Simplified Markdown of every page, for the character map.
        self.corpus: list[str] = []
        self.stop_words: list[str] = []
        self.synonyms: list[list[str]] = []
        self._plugin: Any = None
        self._untagged = 0

    @property
    def enabled(self) -> bool:
        return bool(self.options.enabled)

    def on_config(self, config: MkDocsConfig) -> None:
        """After Material's search plugin made its index: cut its words our way; load the word lists."""
        if not self.enabled:
            return
        self._plugin = config.plugins.get("material/search")
        if self._plugin is None:
            raise PluginError("zhkb: search needs Material's search plugin ('plugins: - search')")
        try:
            self.stop_words = search_rules.load_stop_words(Path(self.options.stopwords))
            self.synonyms = search_rules.load_synonyms(Path(self.options.synonyms))
        except (OSError, ValueError) as error:
            raise PluginError(f"zhkb search query rules: {error}") from error
        material.install_word_cutter(self._plugin, functools.partial(
            search_index.join_words, segment_run=self.segment_run, separator=self._plugin.config.separator))

    def learn(self, simplified_markdown: str) -> None:
        """A page's Markdown before the Traditional site converts it."""
        if not self.enabled:
            return
        self.corpus.append(simplified_markdown)
        if self.segmenter is not None:
            self.segmenter.learn(simplified_markdown)

    def on_env(self, env: Environment) -> None:
        """Pages start our worker where Material's templates name Material's."""
        if self.enabled:
            env.filters["url"] = material.redirecting_url_filter(env.filters["url"], {material.search_worker(): WRAPPER})

    def on_page_indexed(self) -> None:
        """After Material indexed a page: its tags stay on the page's entry only (:func:`search_index.untag_sections`)."""
        if not self.enabled:
            return
        entries = material.search_index_entries(self._plugin)
        search_index.untag_sections(entries[self._untagged:])
        self._untagged = len(entries)

    def on_post_build(self, site_dir: Path) -> None:
        """Write the query rules, drop the search language files never loaded, check pages start our worker."""
        if not self.enabled:
            return
        rules = search_rules.build_rules(
            self.script, self.corpus, self.stop_words, self.synonyms, self.to_traditional, self.to_simplified,
            # Plain OpenCC (no overrides): how a reader's own converter spells a word.
            [functools.partial(convert, direction=direction) for direction in ("t2s", "s2tw")],
        )
        target = site_dir / search_rules.RULES_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        worker = Path(material.search_worker()).name
        target.write_text(search_rules.render_rules_script(rules, worker, material.WORKER_MESSAGES), encoding="utf-8")
        material.remove_unloaded_language_files(site_dir, self._plugin.config.lang)
        # If a theme update changed how pages name their worker, they would silently skip our rules.
        home = site_dir / "index.html"
        if home.exists() and WRAPPER not in home.read_text(encoding="utf-8"):
            raise PluginError(f"{home} does not start the search worker {WRAPPER}")
