"""Put our query rewriter in front of Material's search worker.

Material's page script starts the search worker from the path its
``base.html`` writes into the page's ``__config`` JSON, through MkDocs's
``url`` template filter.  :func:`redirecting_url_filter` wraps that filter
so the one path of Material's worker becomes our wrapper
(``docs/assets/javascripts/workers/zhkb-search.js``), which rewrites
queries and then ``importScripts`` Material's worker, named in the
generated ``search/query_rules.js``.  No template is copied, and every page
(the 404 page too) gets the wrapper; ``hooks/search.py`` checks after the
build that the pages name it.

The worker's messages are Material's internals (pinned in ``pyproject.toml``
and covered by the browser tests).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import material
from jinja2 import pass_context

#: Where Material's templates keep its search worker, relative to the site.
WORKERS_FOLDER = "assets/javascripts/workers"

#: Our wrapper, a hand-written asset under ``docs/``.
WRAPPER = f"{WORKERS_FOLDER}/zhkb-search.js"

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def material_worker(templates: Path = MATERIAL_TEMPLATES) -> str:
    """The site path of Material's search worker (its name carries a content hash)."""
    found = sorted((templates / WORKERS_FOLDER).glob("search.*.min.js"))
    if len(found) != 1:
        raise RuntimeError(f"expected one search worker in {templates / WORKERS_FOLDER}, found {len(found)}")
    return f"{WORKERS_FOLDER}/{found[0].name}"


def redirecting_url_filter(url_filter: Callable[..., str], redirects: Mapping[str, str]) -> Callable[..., str]:
    """MkDocs's ``url`` filter, with the paths in ``redirects`` replaced before it makes them relative."""

    @pass_context
    def url(context: Any, value: object) -> str:
        return url_filter(context, redirects.get(str(value), value))

    return url
