"""MkDocs hook for search in both site variants: word cuts, query rules, the worker wrapper.

Both ``mkdocs.yml`` and ``mkdocs.zh-Hant.yml`` list this hook.  Thin on
purpose: the logic is in :mod:`zhkb.site.search_index`,
:mod:`zhkb.site.search_rules` and :mod:`zhkb.site.search_worker`, tested there.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path

import jieba
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from zhkb.convert import convert
from zhkb.site import search_index, search_rules, search_worker
from zhkb.site.search_index import TraditionalSegmenter
from zhkb.site.settings import site_settings
from zhkb.site.traditional import traditional_converter

# jieba announces loading its dictionary on stderr at every build: not news.
jieba.setLogLevel(logging.WARNING)

#: jieba's HMM guesses words its dictionaries lack by gluing characters
#: together ("有多强", "刚进门"); such a word is found only by a query for its
#: start.  Without it, unknown words fall apart into characters, which
#: queries for their parts still find; the domain words it would miss are in
#: the user dictionary.
USE_HMM = False


@dataclass
class _SearchBuild:
    """State of one build (hooks are modules, so their state is module state)."""

    script: str
    stop_words: list[str]
    synonyms: list[list[str]]
    to_traditional: search_index.Converter
    to_simplified: search_index.Converter
    traditional_segmenter: TraditionalSegmenter | None
    #: The Simplified Markdown of every page, for the character map.
    corpus: list[str] = field(default_factory=list)


_build: _SearchBuild | None = None


# After the search plugin's on_config (priority 0), which creates the index
# whose word cutter we replace and loads jieba's user dictionary.
@event_priority(-100)
def on_config(config: MkDocsConfig) -> None:
    global _build
    plugin = config.plugins.get("material/search")
    if plugin is None:
        raise PluginError("hooks/search.py needs Material's search plugin ('plugins: - search')")
    opencc_dir = site_settings(config.extra, config.config_file_path).opencc_dir
    script = search_rules.site_script(config.theme["language"])
    to_traditional = traditional_converter(opencc_dir)
    to_simplified = functools.partial(convert, direction="t2s", overrides_dir=opencc_dir)
    cut = functools.partial(jieba.cut, HMM=USE_HMM)
    segmenter = TraditionalSegmenter(cut, to_traditional, to_simplified) if script == "hant" else None
    settings = search_rules.search_settings(config.extra, config.config_file_path)
    try:
        stop_words = search_rules.load_stop_words(settings.stop_words_file)
        synonyms = search_rules.load_synonyms(settings.synonyms_file)
    except (OSError, ValueError) as error:
        raise PluginError(f"search query rules: {error}") from error
    _build = _SearchBuild(script, stop_words, synonyms, to_traditional, to_simplified, segmenter)
    segment_run = segmenter or search_index.simplified_segmenter(cut)
    plugin.search_index._segment_chinese = functools.partial(
        search_index.join_words, segment_run=segment_run, separator=plugin.config.separator)


# Before hooks/traditional.py converts the page (priority 100): this sees the Simplified source.
@event_priority(110)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    build.corpus.append(markdown)
    if build.traditional_segmenter is not None:
        build.traditional_segmenter.learn(markdown)
    return markdown


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    redirects = {search_worker.material_worker(): search_worker.WRAPPER}
    env.filters["url"] = search_worker.redirecting_url_filter(env.filters["url"], redirects)
    return env


# Before other hooks' post-build steps that list the built files (the offline app's precache).
@event_priority(50)
def on_post_build(*, config: MkDocsConfig) -> None:
    build = _current()
    # Before the search plugin writes its index (its on_post_build has priority 0).
    search_index.untag_sections(config.plugins["material/search"].search_index.entries)
    rules = search_rules.build_rules(
        build.script,
        build.corpus,
        build.stop_words,
        build.synonyms,
        build.to_traditional,
        build.to_simplified,
        # Plain OpenCC (no overrides): how a reader's own converter spells a word.
        [functools.partial(convert, direction=direction) for direction in ("t2s", "s2tw")],
    )
    target = Path(config.site_dir) / search_rules.RULES_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    material = Path(search_worker.material_worker()).name
    target.write_text(search_rules.render_rules_script(rules, material), encoding="utf-8")
    # Material names its worker in the pages' __config; if a theme update
    # changed how, pages would silently skip our query rewriting.
    home = Path(config.site_dir) / "index.html"
    if home.exists() and search_worker.WRAPPER not in home.read_text(encoding="utf-8"):
        raise PluginError(f"{home} does not start the search worker wrapper {search_worker.WRAPPER}")


def _current() -> _SearchBuild:
    if _build is None:
        raise RuntimeError("hooks/search.py: on_config has not run")
    return _build
