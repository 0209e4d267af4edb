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
"""
