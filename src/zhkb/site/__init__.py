"""The MkDocs site layer: logic behind the thin hooks in ``hooks/``.

Both site variants are built from the same Simplified Markdown in ``docs/``:
``mkdocs.yml`` builds the Simplified site at ``/`` and ``mkdocs.zh-Hant.yml``
the Traditional (Taiwan) one at ``/zh-Hant/``, converting on the fly.

- :mod:`zhkb.site.settings` -- project paths named in ``extra.zhkb``.
- :mod:`zhkb.site.tags` -- ASCII tag anchors from ``sources/tags.yml``.
- :mod:`zhkb.site.nav` -- expands folder entries of ``nav`` into their pages.
- :mod:`zhkb.site.alternate` -- the language switch's links to the same page.
- :mod:`zhkb.site.traditional` -- Simplified-to-Traditional page conversion.
- :mod:`zhkb.site.search_assets` -- leaves out search language files never loaded.
- :mod:`zhkb.site.search_index` -- jieba word cuts for the index, the same on both variants.
- :mod:`zhkb.site.search_rules` -- the query rules of the search worker (script map, stop words, synonyms).
- :mod:`zhkb.site.search_worker` -- puts our query rewriter in front of Material's search worker.
- :mod:`zhkb.site.share` -- a share control on every tip, and each tip's short page ``t/<id>/``.
- :mod:`zhkb.site.related` -- related questions (shared tags) at the end of an article.
- :mod:`zhkb.site.seo` -- absolute hreflang alternates, link previews, a sitemap of both variants.
- :mod:`zhkb.site.pwa` -- the installable offline app: manifest and service worker.
- :mod:`zhkb.site.a11y` -- an accessible name for Material's search dialog.
"""
