"""The ``zhkb`` plugin's options, typed like Material's plugins (``material/plugins/*/config.py``).

    plugins:
      - zhkb:
          opencc: sources/opencc          # reviewed OpenCC overrides (s2tw.txt, t2s.txt)
          taxonomy: sources/tags.yml      # the tag taxonomy: ASCII tag anchors, tag order
          nav_section_size: 10            # a nav folder with more pages becomes numbered sections
          tip_pages: auto                 # a short page per tip (pages), links into articles (anchors),
          file_budget: 40000              #   or pages while the site stays within file_budget (auto)
          search:                         # zhkb's search (zhkb.site.search)
            userdict: sources/search/userdict.txt   # the corpus's words jieba's dictionary lacks
            stopwords: sources/search/stopwords.txt
            synonyms: sources/synonyms.yml
            offline_index_limit: 512      # KB: a smaller index is cached whole for offline search

Paths are relative to the config file.  Which variant a config builds -- the
Simplified site or the Traditional (Taiwan) one -- follows from
``theme.language`` and ``extra.alternate``.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from zhkb.site.nav import SECTION_SIZE
from zhkb.site.tiplinks import LAYOUTS


class SearchConfig(Config):
    """Search: zhkb's engine behind Material's search box (``zhkb.site.search``)."""

    enabled = c.Type(bool, default=True)
    #: jieba's user dictionary: the corpus's domain words, one ``word frequency tag`` a line.
    userdict = c.File(exists=True)
    #: Question words and particles a query drops, one a line.
    stopwords = c.File(exists=True)
    #: ``groups:`` of words a query for one of them also looks for.
    synonyms = c.File(exists=True)
    #: KB: while the whole index is no larger, the service worker caches all of it on install, so that any
    #: query works offline; a larger one is cached as queries load it (its code, rules and lexicon always).
    offline_index_limit = c.Type(int, default=512)


class ZhkbConfig(Config):
    opencc = c.Dir(exists=True)
    taxonomy = c.File(exists=True)
    nav_section_size = c.Type(int, default=SECTION_SIZE)
    #: How tips are shared (zhkb.site.tiplinks): their own short pages, or their places in their articles.
    tip_pages = c.Choice(LAYOUTS, default="auto")
    #: The most files the built site (both variants) should have: static hosts cap them.
    file_budget = c.Type(int, default=40_000)
    search = c.SubConfig(SearchConfig)
