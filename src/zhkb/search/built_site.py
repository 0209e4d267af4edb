"""Glue: the search bundles of a site already built, both variants, from its article pages.

Reads each variant's ``articles/*/index.html``, takes the article element's
sections (:mod:`zhkb.search.pages`), cuts the Simplified variant with jieba
and the Traditional one where its Simplified twin page is cut, and writes
each variant's bundle into ``<variant>/search/``.  For phase 1 of issue 10
(the site layer is being rebuilt as a plugin); the plugin will hand pages to
:func:`variant_records` from its page events instead.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from zhkb.convert import convert
from zhkb.search import bundle, pages, records, rules, words

#: Sections left out of the index by class: the permalink sign and the share button of each tip.
SKIP_CLASSES = frozenset({"headerlink", "zhkb-share"})

#: Site folder of each variant, relative to the built site.
VARIANT_FOLDERS = {"hans": "", "hant": "zh-Hant"}


@dataclass(frozen=True)
class Sources:
    """The project's search data (paths)."""

    user_dictionary: Path
    stop_words: Path
    synonyms: Path
    opencc: Path

    @classmethod
    def of_project(cls, root: Path) -> Sources:
        return cls(root / "sources/search/userdict.txt", root / "sources/search/stopwords.txt",
                   root / "sources/synonyms.yml", root / "sources/opencc")


def article_pages(site: Path, folder: str = "articles") -> list[pages.Page]:
    """The article pages of one built variant, by URL (relative to the variant's root)."""
    found = []
    for file in sorted((site / folder).glob("*/index.html")):
        url = file.parent.relative_to(site).as_posix() + "/"
        found.append(pages.page_from_html(url, pages.article_element(file.read_text(encoding="utf-8")),
                                          SKIP_CLASSES))
    return found


def page_text(page: pages.Page) -> str:
    return "\n".join(text for section in page.sections for text in (section.heading, *section.blocks))


def variant_records(script: str, variant_pages: Sequence[pages.Page], simplified_pages: Iterable[pages.Page],
                    sources: Sources) -> list[records.Record]:
    """Records of one variant's pages; ``simplified_pages`` are what the Traditional ones were converted from."""
    cut = words.jieba_cut(sources.user_dictionary)
    if script == "hans":
        segment = words.simplified_segmenter(cut)
    else:
        segment = words.TraditionalSegmenter(cut, functools.partial(convert, direction="s2tw",
                                                                    overrides_dir=sources.opencc),
                                             functools.partial(convert, direction="t2s", overrides_dir=sources.opencc))
        for page in simplified_pages:
            segment.learn(page_text(page))
    return [records.record(page, segment, script) for page in variant_pages]


def query_rules(script: str, simplified_pages: Iterable[pages.Page], sources: Sources) -> rules.QueryRules:
    return rules.build_rules(
        script,
        [page_text(page) for page in simplified_pages],
        rules.load_stop_words(sources.stop_words),
        rules.load_synonyms(sources.synonyms),
        functools.partial(convert, direction="s2tw", overrides_dir=sources.opencc),
        functools.partial(convert, direction="t2s", overrides_dir=sources.opencc),
        # Plain OpenCC (no overrides): how a reader's own converter spells a word.
        [functools.partial(convert, direction=direction) for direction in ("t2s", "s2tw")],
    )


def build_site_search(site: Path, sources: Sources, target: str = "search") -> dict[str, bundle.BundleSummary]:
    """Write ``<variant>/<target>/`` for both variants of the built ``site``."""
    simplified = article_pages(site / VARIANT_FOLDERS["hans"])
    summaries = {}
    for script, folder in VARIANT_FOLDERS.items():
        variant = site / folder
        variant_pages = simplified if script == "hans" else article_pages(variant)
        found = variant_records(script, variant_pages, simplified, sources)
        summaries[script] = bundle.write_bundle(variant / target, found, query_rules(script, simplified, sources))
    return summaries


#: Material's search worker as the pages name it (this project's wrapper), and zhkb's worker in the bundle.
MATERIAL_WORKER = "assets/javascripts/workers/zhkb-search.js"
ZHKB_WORKER = "search/zhkb/zhkb-search-worker.js"
MATERIAL_INDEX = "search/search_index.json"


def install_in_material_site(site: Path, sources: Sources) -> dict[str, bundle.BundleSummary]:
    """Replace Material's lunr search of a built site by zhkb's, keeping Material's search box and result list.

    Each variant's ``search/`` becomes zhkb's bundle, with a stub of Material's
    index (its configuration, no documents: Material's page script still
    fetches it), and every page starts zhkb's worker instead of Material's.
    Prototype glue for phase 1; the plugin will do this through its events.
    """
    configs = {}
    for script, folder in VARIANT_FOLDERS.items():
        index = site / folder / MATERIAL_INDEX
        configs[script] = json.loads(index.read_text(encoding="utf-8"))["config"]
    summaries = build_site_search(site, sources, "search")
    for script, folder in VARIANT_FOLDERS.items():
        variant = site / folder
        stub = {"config": configs[script], "docs": []}
        (variant / MATERIAL_INDEX).write_text(json.dumps(stub, ensure_ascii=False, separators=(",", ":")),
                                              encoding="utf-8")
        for page in sorted(variant.rglob("*.html")):
            if script == "hans" and page.is_relative_to(site / VARIANT_FOLDERS["hant"]):
                continue
            text = page.read_text(encoding="utf-8")
            if MATERIAL_WORKER in text:
                page.write_text(text.replace(MATERIAL_WORKER, ZHKB_WORKER), encoding="utf-8")
    return summaries
