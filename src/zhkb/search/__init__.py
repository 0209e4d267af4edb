"""zhkb's search engine layer: Pagefind underneath, zhkb's word cuts, query rules and ranking on top.

Independent of the site layer (MkDocs, Material, the page templates): it takes
pages as HTML or as sections of text, and writes a search bundle into a folder.

- :mod:`zhkb.search.words`: jieba with the domain dictionary; Traditional text
  cut where its Simplified source is cut.
- :mod:`zhkb.search.pages`: an article's HTML -> its title, intro and tips (sections).
- :mod:`zhkb.search.records`: a page's sections -> the HTML record Pagefind indexes,
  its words separated by spaces so that Pagefind keeps jieba's cuts.
- :mod:`zhkb.search.lexicon`: the query-side dictionary, in buckets by first
  character, so a query downloads only the buckets of its own characters.
- :mod:`zhkb.search.rules`: character map of the other script, stop words, synonyms.
- :mod:`zhkb.search.bundle`: writes Pagefind's bundle, the lexicon, the rules and
  zhkb's JavaScript (``assets/``) for one site variant.
"""
