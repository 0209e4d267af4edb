"""The search as tests see it: records rebuilt from a built site, and zhkb's search run in Node.

Records are rebuilt from the built pages' ``<article>`` element, independently of
the plugin's own page events, with the same word cuts: what a word of the
corpus is, for the property test that every word finds its tip.  The Node
harness (``tests/js/pagefind_harness.js``) runs a bundle's own Pagefind and
zhkb code on files read from disk.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

from zhkb.convert import convert
from zhkb.search import pages, records, words

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "tests" / "js" / "pagefind_harness.js"
USER_DICTIONARY = ROOT / "sources" / "search" / "userdict.txt"
OPENCC = ROOT / "sources" / "opencc"
#: Site folder of each variant, relative to the built site; its search bundle.
VARIANT_FOLDERS = {"hans": "", "hant": "zh-Hant"}
BUNDLE = "search"
#: What the plugin leaves out of a page's text: the permalink sign and each tip's share control.
SKIP_CLASSES = frozenset({"headerlink", "zhkb-share"})


def bundle_of(site: Path, script: str) -> Path:
    return site / VARIANT_FOLDERS[script] / BUNDLE


def article_pages(variant_site: Path, folder: str = "articles") -> list[pages.Page]:
    """The article pages of one built variant, by URL (relative to the variant's root)."""
    found = []
    for file in sorted((variant_site / folder).glob("*/index.html")):
        url = file.parent.relative_to(variant_site).as_posix() + "/"
        found.append(pages.page_from_html(url, pages.article_element(file.read_text(encoding="utf-8")),
                                          SKIP_CLASSES))
    return found


def page_text(page: pages.Page) -> str:
    return "\n".join(text for section in page.sections for text in (section.heading, *section.blocks))


def segmenter(script: str, simplified_pages: Iterable[pages.Page]) -> words.SegmentRun:
    """The word cuts of a variant, as the plugin makes them."""
    cut = words.jieba_cut(USER_DICTIONARY)
    if script == "hans":
        return words.simplified_segmenter(cut)
    segment = words.TraditionalSegmenter(cut, functools.partial(convert, direction="s2tw", overrides_dir=OPENCC),
                                         functools.partial(convert, direction="t2s", overrides_dir=OPENCC))
    for page in simplified_pages:
        segment.learn(page_text(page))
    return segment


def site_records(site: Path, script: str) -> list[records.Record]:
    """The records of a variant's article pages, rebuilt from the built site."""
    simplified = article_pages(site / VARIANT_FOLDERS["hans"])
    variant = simplified if script == "hans" else article_pages(site / VARIANT_FOLDERS[script])
    segment = segmenter(script, simplified)
    return [records.record(page, segment, script) for page in variant]


def search_in_node(bundle: Path, queries: Sequence[str]) -> list[dict]:
    """Each query searched in the bundle by its own Pagefind and zhkb code, in Node: {query, concepts, links,
    terms, texts} (links: each page's, then its tips that are not folded away, as the result list shows)."""
    completed = subprocess.run(["node", str(HARNESS), str(bundle)], input=json.dumps(list(queries)),
                               capture_output=True, text=True, env={**os.environ, "NODE_NO_WARNINGS": "1"})
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr[-3000:])
    return json.loads(completed.stdout)
