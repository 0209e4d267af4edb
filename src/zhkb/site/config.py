"""The ``zhkb`` plugin's options, typed like Material's plugins (``material/plugins/*/config.py``).

    plugins:
      - zhkb:
          opencc: sources/opencc          # reviewed OpenCC overrides (s2tw.txt, t2s.txt)
          taxonomy: sources/tags.yml      # the tag taxonomy: ASCII tag anchors, tag order
          nav_section_size: 50            # a nav folder with more pages becomes numbered sections
          search:                         # zhkb's query rules in front of the search engine
            stopwords: sources/search/stopwords.txt
            synonyms: sources/synonyms.yml

Paths are relative to the config file.  Which variant a config builds -- the
Simplified site or the Traditional (Taiwan) one -- follows from
``theme.language`` and ``extra.alternate``.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from zhkb.site.nav import SECTION_SIZE


class SearchConfig(Config):
    """Search: query rules for the worker in front of Material's (``zhkb.site.search``)."""

    enabled = c.Type(bool, default=True)
    #: Question words and particles a query drops, one a line.
    stopwords = c.File(exists=True)
    #: ``groups:`` of words a query for one of them also looks for.
    synonyms = c.File(exists=True)


class ZhkbConfig(Config):
    opencc = c.Dir(exists=True)
    taxonomy = c.File(exists=True)
    nav_section_size = c.Type(int, default=SECTION_SIZE)
    search = c.SubConfig(SearchConfig)
