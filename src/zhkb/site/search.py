"""Search, one concern of the ``zhkb`` plugin: zhkb's engine (:mod:`zhkb.search`) behind Material's search box.

The plugin calls :class:`SiteSearch` at its events and nothing else of it
(``on_config``, ``learn``, ``on_page_content``, ``on_env``, ``on_post_build``,
``precache_paths``), so that another engine can take its place behind them.  Its options are the plugin's ``search:`` section
(:class:`zhkb.site.config.SearchConfig`).

- Each page's rendered content becomes a search record
  (:mod:`zhkb.search.pages`, :mod:`zhkb.search.records`), cut into words by
  jieba with the domain dictionary; on the Traditional site each run is cut
  where its Simplified source is cut (the plugin hands :meth:`learn` the
  Simplified Markdown before it converts it), so both sites have the same words.
- After the build, the variant's bundle is written into ``search/``
  (:func:`zhkb.search.bundle.write_bundle`): Pagefind's chunked index, zhkb's
  lexicon, query rules and query code.
- Material's search box and result list stay: its search plugin indexes
  nothing (its ``search_index.json`` keeps only its configuration, which its
  page script still fetches), and pages start zhkb's worker
  (``search-worker.js`` beside this module), which answers Material's
  messages from zhkb's engine, in place of Material's lunr worker, which is
  removed from the site with lunr.

What depends on Material's internals (the worker's path and messages, the
index's one indexing call, lunr's files) is in :mod:`zhkb.site.material`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from zhkb.convert import converter
from zhkb.search import bundle, pages, records, rules, words
from zhkb.site import material
from zhkb.site.config import SearchConfig

#: Where each variant's search bundle goes, beside Material's (stub) index.
BUNDLE_FOLDER = "search"
#: The worker the pages start, written into the bundle's zhkb/ folder beside zhkb-search.js.
WORKER_SOURCE = Path(__file__).with_name("search-worker.js")
WORKER = f"{BUNDLE_FOLDER}/{bundle.ZHKB_FOLDER}/material-worker.js"
WORKER_SETTINGS = "/* zhkb:messages */ null"

#: Elements of a page's content that are not its text: the permalink sign and each tip's share control.
SKIP_CLASSES = frozenset({"headerlink", "zhkb-share"})


class SiteSearch:
    """zhkb's search for one build of one variant."""

    def __init__(self, options: SearchConfig, script: str, opencc_dir: Path) -> None:
        self.options = options
        self.script = script
        # The converters themselves, looked up once per build (each lookup checks the data files).
        self.to_traditional = converter("s2tw", opencc_dir).convert
        self.to_simplified = converter("t2s", opencc_dir).convert
        self.segmenter: words.TraditionalSegmenter | None = None
        self.segment_run: words.SegmentRun | None = None
        #: The corpus's characters, for the character map; plain OpenCC, both ways: how a reader's own
        #: converter spells a word.
        self.characters = rules.CorpusCharacters([converter(direction).convert for direction in ("t2s", "s2tw")])
        self.records: list[records.Record] = []
        self.stop_words: list[str] = []
        self.synonyms: list[list[str]] = []
        self.summary: bundle.BundleSummary | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.options.enabled)

    def on_config(self, config: MkDocsConfig) -> None:
        """After Material's search plugin set up its index: stop it indexing; load the word lists and jieba."""
        if not self.enabled:
            return
        search_plugin = config.plugins.get("material/search")
        if search_plugin is None:
            raise PluginError("zhkb: search needs Material's search plugin ('plugins: - search'): "
                              "its search box and result list show zhkb's results")
        material.stop_indexing(search_plugin)
        try:
            self.stop_words = rules.load_stop_words(Path(self.options.stopwords))
            self.synonyms = rules.load_synonyms(Path(self.options.synonyms))
        except (OSError, ValueError) as error:
            raise PluginError(f"zhkb search query rules: {error}") from error
        cut = words.jieba_cut(Path(self.options.userdict))
        if self.script == "hant":
            self.segmenter = words.TraditionalSegmenter(cut, self.to_traditional, self.to_simplified)
            self.segment_run = self.segmenter
        else:
            self.segment_run = words.simplified_segmenter(cut)

    def learn(self, simplified_markdown: str, site_markdown: str) -> None:
        """A page's Markdown before and after the Traditional site converts it (the same on the Simplified site)."""
        if not self.enabled:
            return
        converted = site_markdown if self.script == "hant" else None
        self.characters.learn(simplified_markdown, converted, self.to_traditional)
        if self.segmenter is not None:
            self.segmenter.learn(simplified_markdown, converted)

    def on_page_content(self, html: str, page: Page) -> None:
        """A page's rendered content (in the site's script) becomes its search record, unless it opts out."""
        if not self.enabled or (page.meta.get("search") or {}).get("exclude"):
            return
        assert self.segment_run is not None
        sections = pages.page_from_html(page.url, html, SKIP_CLASSES)
        self.records.append(records.record(sections, self.segment_run, self.script))

    def on_env(self, env: Environment) -> None:
        """Pages start zhkb's worker where Material's templates name Material's."""
        if self.enabled:
            env.filters["url"] = material.redirecting_url_filter(env.filters["url"], {material.search_worker(): WORKER})

    def on_post_build(self, site_dir: Path) -> None:
        """Write the bundle and the worker; remove Material's worker and lunr; check pages start ours."""
        if not self.enabled:
            return
        query_rules = rules.build_rules(self.script, self.characters, self.stop_words, self.synonyms,
                                        self.to_traditional, self.to_simplified)
        try:
            self.summary = bundle.write_bundle(site_dir / BUNDLE_FOLDER, self.records, query_rules)
        except bundle.BundleError as error:
            raise PluginError(f"zhkb search: {error}") from error
        (site_dir / WORKER).write_text(worker_script(material.WORKER_MESSAGES), encoding="utf-8")
        material.remove_lunr(site_dir)
        # If a theme update changed how pages name their worker, search would silently be Material's.
        home = site_dir / "index.html"
        if home.exists() and WORKER not in home.read_text(encoding="utf-8"):
            raise PluginError(f"{home} does not start the search worker {WORKER}")

    def precache_paths(self, site_dir: Path) -> list[str]:
        """What the service worker caches on install so that search works offline (relative to ``site_dir``).

        Pagefind's code and metadata, zhkb's code, rules and lexicon always; the index chunks
        and page fragments too while the bundle is at most ``offline_index_limit`` KB, else
        the service worker caches those as queries load them.
        """
        if not self.enabled or self.summary is None:
            return []
        folder = site_dir / BUNDLE_FOLDER
        found = bundle.bundle_files(folder)
        limit = self.options.offline_index_limit * 1024
        whole = sum((folder / path).stat().st_size for path in found.core + found.on_demand) <= limit
        kept = [f"{BUNDLE_FOLDER}/{path}" for path in (found.core + found.on_demand if whole else found.core)]
        return [material.SEARCH_INDEX, *kept]


def worker_script(messages: Any) -> str:
    """The search worker's code with Material's message numbers filled in."""
    code = WORKER_SOURCE.read_text(encoding="utf-8")
    if code.count(WORKER_SETTINGS) != 1:
        raise PluginError(f"{WORKER_SOURCE.name} must hold {WORKER_SETTINGS!r} once")
    return code.replace(WORKER_SETTINGS, json.dumps(dict(messages), sort_keys=True))
