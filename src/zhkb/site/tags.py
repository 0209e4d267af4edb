"""ASCII anchors for tags, the same in both scripts, and the order of tags and tagged pages.

Material's tags plugin turns each tag name into the anchor of its entry on the
tags page, through the callable of its ``tags_slugify`` option.  Its default
keeps CJK characters, so the Simplified and Traditional sites would get
different anchors (``#tag:价格异议`` vs ``#tag:價格異議``).
:meth:`TagTables.slugify` instead answers the slug reviewed in
``sources/tags.yml`` for a tag name in either script.  Its sort keys list tags
in taxonomy order and the questions under a tag in source order, the same in
both scripts.

The tags plugin calls these with only a name, tag or page, so they are bound
methods of one :class:`TagTables` per build, which the ``zhkb`` plugin makes
and hands to the tags plugin's options (:meth:`TagTables.install`).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from material.plugins.tags.structure.mapping import Mapping as TagMapping
from material.plugins.tags.structure.tag import Tag

from zhkb.curation import load_tags

log = logging.getLogger("mkdocs.plugins.zhkb.tags")


def load_taxonomy(path: Path) -> dict[str, str]:
    """Return ``{Simplified tag name: slug}`` from a ``tags.yml`` file, in file order."""
    return {tag.name: tag.slug for tag in load_tags(path, str(path))}


def slug_table(taxonomy: Mapping[str, str], scripts: Iterable[Callable[[str], str]]) -> dict[str, str]:
    """Map every tag name of ``taxonomy``, as written in each of ``scripts``, to its slug.

    ``scripts`` are conversions of a Simplified name (e.g. to Taiwan
    Traditional).  Two tags that read the same in some script would share an
    anchor, so that is an error.
    """
    table = dict(taxonomy)
    for to_script in scripts:
        for name, slug in taxonomy.items():
            written = to_script(name)
            if table.setdefault(written, slug) != slug:
                raise ValueError(f"tags {name!r} and {written!r} read the same but have different slugs")
    return table


class TagTables:
    """One build's tag tables: reviewed slugs, taxonomy order, page order."""

    def __init__(self, table: Mapping[str, str], page_uris: Iterable[str] = ()) -> None:
        #: Tag name (Simplified or Traditional) -> reviewed ASCII slug; in taxonomy order.
        self._slugs = dict(table)
        #: Slug -> position of its tag in the taxonomy.
        self._taxonomy_rank = {slug: rank for rank, slug in enumerate(dict.fromkeys(table.values()))}
        #: Docs-relative page path -> position in source order.
        self._page_rank: dict[str, int] = {}
        #: Tag names already reported as missing from the taxonomy, to report each once.
        self._reported_unknown: set[str] = set()
        self.use_page_order(page_uris)

    def use_page_order(self, page_uris: Iterable[str]) -> None:
        """List pages under a tag in the order of ``page_uris`` (docs-relative paths)."""
        self._page_rank = {uri: rank for rank, uri in enumerate(page_uris)}

    def install(self, tags_config: Any) -> None:
        """Make the tags plugin (its config, ``config.plugins["material/tags"].config``) use these tables."""
        tags_config.tags_slugify = self.slugify
        tags_config.tags_sort_by = self.taxonomy_order
        tags_config.listings_tags_sort_by = self.taxonomy_order
        tags_config.listings_sort_by = self.page_order

    def taxonomy_order(self, tag: Tag, *_: object) -> tuple[int, str]:
        """Sort key for tags: taxonomy order, unknown tags last."""
        name = tag.name.strip()
        return (self._taxonomy_rank.get(self._slugs.get(name, ""), len(self._taxonomy_rank)), name)

    def page_order(self, mapping: TagMapping) -> tuple[int, str]:
        """Sort key for the pages listed under a tag: source order, others last by path."""
        uri = mapping.item.file.src_uri
        return (self._page_rank.get(uri, len(self._page_rank)), uri)

    def slugify(self, text: str, separator: str = "-") -> str:
        """The ASCII anchor slug of the tag named ``text`` (in either script).

        Tags missing from the taxonomy get :func:`fallback_slug` and a warning,
        which fails a ``--strict`` build: their anchor would not be reviewed.
        """
        name = text.strip()
        slug = self._slugs.get(name)
        if slug is not None:
            return slug
        if name not in self._reported_unknown:
            self._reported_unknown.add(name)
            log.warning("tag %r is not in the tag taxonomy; its anchor falls back to a hashed slug", name)
        return fallback_slug(name, separator)


def listing_anchor_ids(html: str, slug_format: str = "tag:{slug}") -> set[str]:
    """The tag anchors (``id="tag:trust"``, per the plugin's ``tags_slugify_format``) in a page's HTML.

    The plugin writes tag listings into pages after MkDocs has collected each
    page's anchors, so MkDocs would report links to them (``tags.md#tag:trust``)
    as broken; the site hook adds these to the page's known anchors.
    """
    prefix, _, suffix = slug_format.partition("{slug}")
    pattern = re.escape(prefix) + r"[^\"]+" + re.escape(suffix)
    return set(re.findall(rf'\bid="({pattern})"', html))


def fallback_slug(name: str, separator: str = "-") -> str:
    """A deterministic ASCII slug for a tag outside the taxonomy.

    ASCII names keep their words; any other name is named by a short hash
    (which differs between scripts), since transliterating Chinese would need
    a dictionary we do not review.
    """
    if name.isascii():
        words = re.findall(r"[a-z0-9]+", name.lower())
        if words:
            return separator.join(words)
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"tag{separator}{digest}"
