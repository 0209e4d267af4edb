"""Published links that last: pages for articles and tips whose content is gone.

``zhkb ingest`` lists, in ``docs/.removed.yml``, every published article slug
and tip id that no longer matches any content, with the closest content that
remains.  After each build we write, for each of them, a small page at its old
URL (``articles/<slug>/`` or ``t/<id>/``) that says it was removed and links
the closest remaining content: a shared link never ends on a 404.

The pages are short pages (:mod:`zhkb.site.share`) with the template's
``redirect`` flag off: the reader should see that the content is gone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from zhkb.site.share import ShortPage, tip_page_path

#: The ingest stage's list of removed content, in ``docs/`` (a dot file: not published).
REMOVED_FILE = ".removed.yml"


@dataclass(frozen=True)
class RemovedWords:
    """What a removed-content page says, in one variant's language (``zhkb.removed_*`` in the language partials)."""

    title: str  # ``{title}`` is the removed content's title
    description: str
    go: str  # the link to the closest remaining content


@dataclass(frozen=True)
class Removed:
    kind: str  # "article" | "tip"
    id: str
    title: str
    closest: str  # docs-relative: articles/x.md#t3 or index.md


def load_removed(path: Path) -> list[Removed]:
    """The removed content listed in ``path``; none if the file is missing."""
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    removed = [Removed("article", str(e["slug"]), str(e["title"]), str(e["closest"]))
               for e in data.get("articles") or []]
    removed += [Removed("tip", str(e["id"]), str(e["title"]), str(e["closest"])) for e in data.get("tips") or []]
    return removed


def page_url(docs_link: str) -> str:
    """A docs-relative Markdown link as the site URL it becomes: ``articles/x.md#t3`` → ``articles/x/#t3``."""
    path, _, fragment = docs_link.partition("#")
    path = re.sub(r"(^|/)index\.md$", r"\1", path)
    path = re.sub(r"\.md$", "/", path)
    return path + (f"#{fragment}" if fragment else "")


def removed_pages(removed: list[Removed], words: RemovedWords, convert: Callable[[str], str]) -> list[ShortPage]:
    """One page per removed article or tip; ``convert`` renders the titles in the variant's script."""
    pages = []
    for item in removed:
        path = f"articles/{item.id}/" if item.kind == "article" else tip_page_path(item.id)
        pages.append(ShortPage(
            path=path,
            title=words.title.format(title=convert(item.title)),
            description=words.description,
            target=page_url(item.closest),
            canonical_url=None,
            context="",
            link_text=words.go,
            redirect=False,
        ))
    return pages
