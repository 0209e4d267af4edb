"""Which link a tip is shared by: its own short page, or its place in its article.

A short page per tip (``t/<id>/``, :mod:`zhkb.site.share`) gives each shared
tip its own chat preview, at the cost of one file per tip in each variant.
Static hosts cap the files of a site (issue 10's target is 40,000 for both
variants at 10,000 questions), and a large corpus has about three tips per
question: 2 × (10,000 articles + 10,000 search fragments + 29,000 short pages)
is 98,000 files.  So the layout is chosen per site (``tip_pages``):

* ``pages``: every tip has its short page, which is the link the share control
  gives; a chat shows the tip's own title and first sentence.
* ``anchors``: the share control gives the tip in its article
  (``articles/<slug>/#t12``, the same stable id); a chat shows the article's
  preview (its question and first sentence).  No file per tip.  A short link
  already shared keeps working: it is not a file, so the host answers with
  its 404 page, whose script looks the id up in ``t/map/<n>.json`` (the tips
  numbered n × 1000 to n × 1000 + 999, with their articles) and goes on to the
  tip.  ``zhkb check`` follows the same map.
* ``auto`` (the default): ``pages`` while the site's estimated file count
  (:func:`estimated_files`) stays within ``file_budget``, else ``anchors``.
  Both variants read the same ``docs/``, so they always choose alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from zhkb.ids import TIP_ID

LAYOUTS = ("auto", "pages", "anchors")
#: Where the id → article map of the ``anchors`` layout lives, relative to a variant's root.
MAP_FOLDER = "t/map"
#: Tips per map file: a reader following an old short link downloads one file of about 8 KB gzipped.
MAP_SHARD = 1000
#: Files of a variant besides its articles, search fragments and short pages: theme assets, search index
#: chunks and lexicon, home, tags, 404, sitemap, icons (145 at 10,000 questions); generous on purpose.
OTHER_FILES_PER_VARIANT = 400
#: A tip heading's id in a page's Markdown source (``## 说话要真诚 {#t12}``).
TIP_HEADING_ID = re.compile(r"\{#(t[0-9]+)\}")


def estimated_files(articles: int, tips: int, variants: int, *, tip_pages: bool) -> int:
    """The files of the built site: per variant an article page and a search fragment per article, a short
    page per tip if ``tip_pages``, and :data:`OTHER_FILES_PER_VARIANT`."""
    return variants * (2 * articles + (tips if tip_pages else 0) + OTHER_FILES_PER_VARIANT)


def choose_layout(setting: str, articles: int, tips: int, variants: int, file_budget: int) -> str:
    """``pages`` or ``anchors``: ``setting`` itself, or for ``auto`` whether short pages fit ``file_budget``."""
    if setting not in LAYOUTS:
        raise ValueError(f"tip_pages must be one of {', '.join(LAYOUTS)}, not {setting!r}")
    if setting != "auto":
        return setting
    fits = estimated_files(articles, tips, variants, tip_pages=True) <= file_budget
    return "pages" if fits else "anchors"


def count_tips(markdown_sources: Iterable[str]) -> int:
    """The tips of the pages whose Markdown is ``markdown_sources`` (their ``{#t12}`` headings)."""
    return sum(len(TIP_HEADING_ID.findall(source)) for source in markdown_sources)


def map_shard(tip_id: str) -> int:
    """The number of the map file that holds ``tip_id``: ``t12`` → 0, ``t2345`` → 2."""
    if not TIP_ID.fullmatch(tip_id):
        raise ValueError(f"not a tip id: {tip_id!r}")
    return int(tip_id[1:]) // MAP_SHARD


def map_path(shard: int) -> str:
    """A map file, relative to a variant's root: ``t/map/2.json``."""
    return f"{MAP_FOLDER}/{shard}.json"


def map_files(tip_pages: Mapping[str, str]) -> dict[str, str]:
    """The map files (path → JSON text) for ``tip_pages`` (tip id → its article's URL relative to the variant's
    root, ``articles/win-over/``), sorted so that the same tips give the same bytes."""
    shards: dict[int, dict[str, str]] = {}
    for tip_id, page_url in tip_pages.items():
        shards.setdefault(map_shard(tip_id), {})[tip_id] = page_url
    return {map_path(shard): json.dumps(dict(sorted(tips.items(), key=lambda item: int(item[0][1:]))),
                                        ensure_ascii=False, separators=(",", ":"))
            for shard, tips in sorted(shards.items())}


def write_map_files(site_dir: Path, tip_pages: Mapping[str, str]) -> list[Path]:
    written = []
    for path, text in map_files(tip_pages).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


#: The 404 page's script in the ``anchors`` layout: a short link ``…/t/t12/`` (the variant's root is what comes
#: before ``t/``, so it works for either variant and under any base path) goes on to the tip in its article.
#: A 404 page of any other URL, or of an id the map does not know, stays as it is.
REDIRECT_SCRIPT = (
    "<script>(()=>{const m=/^(.*\\/)t\\/(t(\\d+))\\/?$/.exec(location.pathname);if(!m)return;"
    "fetch(m[1]+\"" + MAP_FOLDER + "/\"+Math.floor(m[3]/" + str(MAP_SHARD) + ")+\".json\")"
    ".then(r=>r.ok?r.json():{}).then(t=>{if(t[m[2]])location.replace(m[1]+t[m[2]]+\"#\"+m[2])})"
    ".catch(()=>{})})()</script>"
)


def with_redirect_script(html: str) -> str:
    """A 404 page that sends the short links of the ``anchors`` layout on to their tips."""
    return html.replace("</body>", REDIRECT_SCRIPT + "</body>", 1)
