"""The MkDocs site layer: the ``zhkb`` plugin (:mod:`zhkb.site.plugin`) and the logic it calls.

Both site variants are built from the same Simplified Markdown in ``docs/``:
``mkdocs.yml`` builds the Simplified site at ``/`` and ``mkdocs.zh-Hant.yml``
the Traditional (Taiwan) one at ``/zh-Hant/``, converting on the fly.

- :mod:`zhkb.site.plugin` -- the plugin: MkDocs's events, in order, and each build's state.
- :mod:`zhkb.site.config` -- its typed options (``plugins: - zhkb: ...``).
- :mod:`zhkb.site.material` -- everything that depends on Material's internals (one contract test).
- :mod:`zhkb.site.nav` -- expands folder entries of ``nav`` into their pages, in sections when large.
- :mod:`zhkb.site.tags` -- ASCII tag anchors and orders from ``sources/tags.yml``.
- :mod:`zhkb.site.alternate` -- the language switch's links to the same page.
- :mod:`zhkb.site.traditional` -- Simplified-to-Traditional page conversion.
- :mod:`zhkb.site.search` -- search, one concern: word cuts, query rules, the worker in front of Material's;
  logic in :mod:`~zhkb.site.search_index` (jieba cuts) and :mod:`~zhkb.site.search_rules` (query rules).
- :mod:`zhkb.site.share` -- a share control on every tip (a treeprocessor), and each tip's short page.
- :mod:`zhkb.site.removed` -- pages for published content that is gone.
- :mod:`zhkb.site.related` -- related questions (shared tags) at the end of an article.
- :mod:`zhkb.site.seo` -- absolute hreflang alternates, link previews, a sitemap of both variants.
- :mod:`zhkb.site.pwa` -- the installable offline app: manifest and service worker.
"""
