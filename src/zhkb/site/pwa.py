"""The site as an installable web app that reads offline: manifest, icons, service worker.

Each variant is its own app, at its own root: ``manifest.webmanifest`` and
``sw.js`` are written there after the build, so the worker's scope is the
variant (``/`` or ``/zh-Hant/``).  Scopes nest -- the Simplified worker at
``/`` also sees ``/zh-Hant/`` -- so each worker is told which other variants
live inside its scope and leaves them alone, and its cache names start with
its language, so neither deletes the other's caches.

The worker's code is ``service-worker.js`` beside this module; the build
fills in its settings: what to cache on install and a version, a hash of
everything cached and of the code, so that any change to the site installs
a new worker with a fresh cache.  ``assets/javascripts/register-service-worker.js``
registers it.  The icons are ``docs/assets/images/icon-*.png``, rendered
from ``icon.svg`` by ``scripts/make_icons.py``.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils import get_relative_url

from zhkb.site.material import HASHED_NAME

MANIFEST_FILE = "manifest.webmanifest"
WORKER_FILE = "sw.js"
WORKER_TEMPLATE = Path(__file__).with_name("service-worker.js")
SETTINGS_PLACEHOLDER = "/* zhkb:settings */ null"

#: Material's indigo (the palette's primary colour) for the app's title bar, white behind its splash screen.
THEME_COLOR = "#4051b5"
BACKGROUND_COLOR = "#ffffff"
TOUCH_ICON = "assets/images/apple-touch-icon.png"
#: The icon chat apps show in link previews.
PREVIEW_IMAGE = "assets/images/icon-512.png"

#: Cached on install, relative to the variant's root: the styles and scripts
#: every page loads, and what search needs (the search concern names it:
#: ``zhkb.site.search.SiteSearch.precache_paths``).  Not the home page:
#: readers on metered connections pay only for what they open (the worker
#: caches the start page once the app is installed).
PRECACHE_FOLDERS = ("assets/stylesheets", "assets/javascripts")
PRECACHE_FILES = ("assets/images/favicon.png",)
#: Source maps are for developers' tools, never loaded by a page.
NOT_PRECACHED_SUFFIXES = (".map",)


@dataclass(frozen=True)
class Icon:
    src: str
    size: int
    purpose: str = "any"


ICONS = (
    Icon("assets/images/icon-192.png", 192),
    Icon("assets/images/icon-512.png", 512),
    Icon("assets/images/icon-maskable-512.png", 512, "maskable"),
)


def manifest(name: str, description: str, lang: str) -> dict[str, Any]:
    """The web app manifest of a variant, to be served from its root (URLs are relative to it)."""
    return {
        "id": "./",
        "name": name,
        "short_name": name,
        "description": description,
        "lang": lang,
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": icon.src, "sizes": f"{icon.size}x{icon.size}", "type": "image/png", "purpose": icon.purpose}
            for icon in ICONS
        ],
    }


def head_tags(page_url: str) -> str:
    """The ``<head>`` links of the page at ``page_url`` (relative to the root) to the manifest and home screen icon."""
    manifest_href = get_relative_url(MANIFEST_FILE, page_url)
    icon_href = get_relative_url(TOUCH_ICON, page_url)
    return (
        f'<link rel="manifest" href="{html.escape(manifest_href)}">'
        f'<link rel="apple-touch-icon" href="{html.escape(icon_href)}">'
    )


def precache_paths(site_dir: Path, extra: Sequence[str] = ()) -> list[str]:
    """What a variant's worker caches on install, relative to the variant's root (``site_dir``): the
    assets every page loads, then ``extra`` (files of the site)."""
    paths = list(PRECACHE_FILES)
    for folder in PRECACHE_FOLDERS:
        for path in sorted((site_dir / folder).rglob("*")):
            if path.is_file() and not path.name.endswith(NOT_PRECACHED_SUFFIXES):
                paths.append(path.relative_to(site_dir).as_posix())
    return paths + [path for path in extra if path not in paths]


def cache_version(site_dir: Path, paths: Sequence[str], code: str) -> str:
    """A short hash of the worker's ``code`` and of every precached file: changes whenever one does."""
    digest = hashlib.sha256(code.encode("utf-8"))
    for path in paths:
        digest.update(path.encode("utf-8") + b"\0" + (site_dir / path).read_bytes())
    return digest.hexdigest()[:12]


def is_immutable(path: str) -> bool:
    """Whether ``path`` names its content (a hash in the name), so a cached copy is never stale."""
    return HASHED_NAME.search(path) is not None


def other_variant_roots(own_root: str, roots: Sequence[str]) -> list[str]:
    """The other variants' roots inside ``own_root``, relative to it (``/`` holds ``zh-Hant/``)."""
    return [root[len(own_root):] for root in roots if root != own_root and root.startswith(own_root)]


def render_worker(code: str, lang: str, version: str, precache: Sequence[str], other_variants: Sequence[str]) -> str:
    """The worker ``code`` with its settings filled in."""
    if code.count(SETTINGS_PLACEHOLDER) != 1:
        raise ValueError(f"{WORKER_TEMPLATE.name} must hold {SETTINGS_PLACEHOLDER!r} once")
    settings = {
        "cachePrefix": f"zhkb-{lang}-",
        "version": version,
        "precache": [path for path in precache if not is_immutable(path)],
        "precacheImmutable": [path for path in precache if is_immutable(path)],
        "otherVariants": list(other_variants),
    }
    return code.replace(SETTINGS_PLACEHOLDER, json.dumps(settings, ensure_ascii=False))


def write_app_files(site_dir: Path, *, name: str, description: str, lang: str, own_root: str,
                    variant_roots: Sequence[str], precache: Sequence[str] = ()) -> None:
    """Write the variant's manifest and service worker into its root, ``site_dir``; the worker caches
    ``precache`` on install beside the assets every page loads."""
    text = json.dumps(manifest(name, description, lang), ensure_ascii=False, indent=2) + "\n"
    (site_dir / MANIFEST_FILE).write_text(text, encoding="utf-8")
    code = WORKER_TEMPLATE.read_text(encoding="utf-8")
    paths = precache_paths(site_dir, precache)
    version = cache_version(site_dir, paths, code)
    worker = render_worker(code, lang, version, paths, other_variant_roots(own_root, variant_roots))
    (site_dir / WORKER_FILE).write_text(worker, encoding="utf-8")
