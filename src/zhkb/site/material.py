"""Everything zhkb relies on that Material for MkDocs does not promise, in one place.

mkdocs-material is pinned (``pyproject.toml``).  Each name here is a fact about
that version's internals -- a file name, a private method, a message number, a
markup string -- and ``tests/test_material_contract.py`` checks every one of
them against the installed Material, so an upgrade fails there, by name,
before it fails anywhere else.  Nothing outside this module touches Material's
internals; the public options of its plugins (``tags_slugify``, ``jieba_dict_user``
...) are used where they are configured.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import material
from jinja2 import pass_context

#: The version every fact below was read from.
VERSION = "9.8.1"
TEMPLATES = Path(material.__file__).parent / "templates"

#: Material's built assets carry a content hash in their names (``bundle.a5f9d56c.min.js``):
#: a file of that name never changes, so it may be cached for a year.
HASHED_NAME = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")


def check_version() -> None:
    """Fail early when the installed Material is not the one these facts were read from."""
    if material.__version__ != VERSION:
        raise RuntimeError(f"zhkb.site.material was written for mkdocs-material {VERSION}, "
                           f"not {material.__version__}: re-check tests/test_material_contract.py")


# --- the search worker ----------------------------------------------------------------------------

#: Where Material keeps its search worker, relative to the site.
WORKERS_FOLDER = "assets/javascripts/workers"

#: The messages between Material's page script and its search worker (``SearchMessageType``).
WORKER_MESSAGES: Mapping[str, int] = {"SETUP": 0, "READY": 1, "QUERY": 2, "RESULT": 3}


def search_worker(templates: Path = TEMPLATES) -> str:
    """The site path of Material's search worker (its name carries a content hash)."""
    found = sorted((templates / WORKERS_FOLDER).glob("search.*.min.js"))
    if len(found) != 1:
        raise RuntimeError(f"expected one search worker in {templates / WORKERS_FOLDER}, found {len(found)}")
    return f"{WORKERS_FOLDER}/{found[0].name}"


def redirecting_url_filter(url_filter: Callable[..., str], redirects: Mapping[str, str]) -> Callable[..., str]:
    """MkDocs's ``url`` filter, with the paths in ``redirects`` replaced before it makes them relative.

    Material's ``base.html`` writes its worker's path into each page's
    ``__config`` through this filter; redirecting that one path starts another
    worker without copying the template.
    """

    @pass_context
    def url(context: Any, value: object) -> str:
        return url_filter(context, redirects.get(str(value), value))

    return url


#: Material's search index, relative to the site: its page script fetches it at every page load.
SEARCH_INDEX = "search/search_index.json"


def stop_indexing(search_plugin: Any) -> None:
    """Make Material's search plugin index no page: zhkb's engine indexes them (:mod:`zhkb.site.search`).

    The plugin still writes ``search/search_index.json``, with its configuration and no documents:
    Material's page script fetches it and hands it to the worker in its setup message.  Its
    ``SearchIndex.add_entry_from_context(page)`` is the one call that parses and cuts a page.
    """
    search_plugin.search_index.add_entry_from_context = lambda page: None


#: Where Material copies lunr and its language support, relative to the site.
LUNR_FOLDER = Path("assets") / "javascripts" / "lunr"


def remove_lunr(site_dir: Path) -> list[Path]:
    """Delete Material's search worker and lunr's files from a built site; return them.

    The pages start zhkb's worker instead (:func:`redirecting_url_filter`), so nothing loads
    them; Material copies them into every build.
    """
    removed = sorted((site_dir / WORKERS_FOLDER).glob("search.*.min.js*"))
    lunr = site_dir / LUNR_FOLDER
    if lunr.is_dir():
        removed += sorted(path for path in lunr.rglob("*") if path.is_file())
    for path in removed:
        path.unlink()
    if lunr.is_dir():
        shutil.rmtree(lunr)
    workers = site_dir / WORKERS_FOLDER
    if workers.is_dir() and not any(workers.iterdir()):
        workers.rmdir()
    return removed


# --- markup in Material's templates ---------------------------------------------------------------

#: The search dialog's opening tag (``partials/search.html``): a dialog without a name (axe: aria-dialog-name).
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(page_html: str, label: str) -> str:
    """``page_html`` with Material's search dialog named ``label`` (``label`` is escaped by the caller)."""
    return page_html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label}">', 1)


#: Material's links to each ``extra.alternate`` root (``base.html``, block ``site_meta``), exactly as written.
ALTERNATE_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def without_alternate_links(page_html: str) -> str:
    """``page_html`` without Material's relative links to the variants' roots (the plugin writes per-page ones).

    Only the ``<head>`` is searched: the links are there, and the rest of a page is most of its length.
    """
    end = page_html.find("</head>")
    end = len(page_html) if end < 0 else end
    return ALTERNATE_LINK.sub("", page_html[:end]) + page_html[end:]


#: The partials the site's ``overrides/`` replace, and the template that includes each: they are
#: slots of Material's layout (the language switch, the space after the content), so a rename
#: upstream would silently drop ours.
OVERRIDDEN_PARTIALS: Mapping[str, str] = {
    "partials/alternate.html": "partials/header.html",
    "partials/comments.html": "partials/content.html",
}

#: The bundle rewrites clicks on alternate-language links to its own lookup unless the link has a
#: ``target``: the site's switch says ``target="_self"`` to keep its own links.
ALTERNATE_CLICK_GUARD = "o&&!o.target"


# --- the bundle -----------------------------------------------------------------------------------

#: The bundle fetches ``sitemap.xml`` beside every ``link[rel=alternate]`` of a page, for Material's
#: own language selector.  With per-page alternates each would be a failed request on every page view,
#: and a console error; no Material option or template turns it off, so the one selector is narrowed to
#: links that opt in, which none does.
SITEMAP_LOOKUP_SELECTOR = '"link[rel=alternate]"'
OPT_IN_SITEMAP_SELECTOR = '"link[rel=alternate][data-md-sitemap]"'
BUNDLE = "assets/javascripts/bundle.*.min.js"


def narrow_sitemap_lookup(bundle_js: str) -> str:
    """Material's bundle with its sitemap lookup for alternate links switched off."""
    if OPT_IN_SITEMAP_SELECTOR in bundle_js:
        return bundle_js
    if bundle_js.count(SITEMAP_LOOKUP_SELECTOR) != 1:
        raise ValueError(f"Material's bundle does not select {SITEMAP_LOOKUP_SELECTOR} once: was it upgraded?")
    return bundle_js.replace(SITEMAP_LOOKUP_SELECTOR, OPT_IN_SITEMAP_SELECTOR)


def narrow_sitemap_lookup_in(site_dir: Path) -> list[Path]:
    """Apply :func:`narrow_sitemap_lookup` to the built bundle in ``site_dir``; return the bundles."""
    bundles = sorted(site_dir.glob(BUNDLE))
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        bundle.write_text(narrow_sitemap_lookup(text), encoding="utf-8")
    return bundles


#: Absolute URLs in Material's built assets, by file, that no page of this site ever requests --
#: licence notices, and code paths this site's configuration never takes.  ``zhkb check`` lets
#: exactly these pass (any other URL to another host fails it); the contract test checks that
#: the pinned Material holds no other.
INERT_THEME_URLS: Mapping[str, Mapping[str, str]] = {
    BUNDLE: {
        "https://clipboardjs.com/": "licence notice",
        "https://unpkg.com/resize-observer-polyfill": "loaded only where ResizeObserver is missing, and "
        "extra.polyfills installs a local fallback before the bundle runs",
        "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "loaded only for Mermaid diagrams; no page has one",
        "https://api.github.com/": "repository facts, only with repo_url, which the site does not set",
        "https://${": "GitLab repository facts, only with repo_url",
    },
    "assets/stylesheets/main.*.min.css": {
        "https://fontawesome.com": "licence notice",
    },
}


def is_inert_theme_url(site_path: str, url: str) -> bool:
    """Whether ``url``, found in the built file at ``site_path`` (relative to a variant's root), is inert."""
    for pattern, urls in INERT_THEME_URLS.items():
        if Path(site_path).match(pattern) and any(url.startswith(prefix) for prefix in urls):
            return True
    return False
