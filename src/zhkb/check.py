"""`zhkb check`: verify a built site the way a reader and a chat link would use it.

* every internal link and anchor resolves;
* every article slug and tip id ever published (``sources/ids.yml``) still
  answers, at ``/articles/<slug>/`` and ``/t/<id>/`` (a short page, or the
  404 page's map to the tip in its article), in both variants;
* no page refers to another host, but for the URLs in Material's own
  assets that no page ever requests (``zhkb.site.material.INERT_THEME_URLS``:
  licence notices, and code paths this site's configuration never takes),
  and the two in Pagefind's code (``zhkb.search.bundle.INERT_URLS``: a base
  for parsing site-relative URLs, never fetched).
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .ids import load_registry
from .search.bundle import INERT_URLS as INERT_SEARCH_URLS
from .site.material import is_inert_theme_url
from .site.search import BUNDLE_FOLDER
from .site.tiplinks import map_path, map_shard

VARIANT_PREFIXES = ("", "zh-Hant/")
CHECKED_SUFFIXES = (".html", ".css", ".js", ".json", ".webmanifest", ".xml")
#: XML namespaces and similar identifiers are never fetched
NAMESPACE_PREFIXES = ("http://www.w3.org/",)
LOCAL_HOSTS = ("127.0.0.1", "localhost")
REMOTE_REFERENCE = re.compile(
    r"(?:https?:|(?<=[\"'(=])(?=//))//([a-z0-9.-]+\.[a-z]{2,}|localhost|127\.0\.0\.1)(?::\d+)?[^\s\"'<>)]*", re.I)


@dataclass(frozen=True)
class Problem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


class _LinksAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in ("href", "src"):
                self.links.append(value)


def _parse(path: Path) -> _LinksAndIds:
    parser = _LinksAndIds()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def _target_file(site: Path, page: Path, url_path: str) -> Path | None:
    """The file a relative or root-relative link from ``page`` points at, or None outside the site."""
    base = page.parent.relative_to(site).as_posix()
    joined = url_path.lstrip("/") if url_path.startswith("/") else posixpath.join(base, url_path)
    normal = posixpath.normpath(joined)
    if normal.startswith(".."):
        return None
    target = site / normal if normal != "." else site
    if target.is_dir() or url_path.endswith("/"):
        target = target / "index.html"
    return target


def is_inert_search_url(site_path: str, url: str) -> bool:
    """Whether ``url``, found in the built file at ``site_path``, is one of the search bundle's inert URLs."""
    return any(Path(site_path).match(f"{BUNDLE_FOLDER}/{name}") and any(url.startswith(inert) for inert in urls)
               for name, urls in INERT_SEARCH_URLS.items())


def check_links(site: Path) -> list[Problem]:
    problems = []
    parsed: dict[Path, _LinksAndIds] = {}

    def page_info(path: Path) -> _LinksAndIds:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    for page in sorted(site.rglob("*.html")):
        for link in page_info(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue  # external references are check_hosts' business
            where = page.relative_to(site).as_posix()
            target = page if not parts.path else _target_file(site, page, unquote(parts.path))
            if target is None or not target.exists():
                problems.append(Problem(where, f"broken link {link}"))
                continue
            anchor = unquote(parts.fragment)
            if anchor and target.suffix == ".html" and anchor not in page_info(target).ids:
                problems.append(Problem(where, f"missing anchor {link}"))
    return problems


def check_published_ids(site: Path, registry_file: Path) -> list[Problem]:
    registry = load_registry(registry_file)
    problems = []
    for prefix in VARIANT_PREFIXES:
        tip_links = _TipLinks(site / prefix if prefix else site)
        for article in registry.articles:
            if not (site / f"{prefix}articles/{article.slug}/index.html").exists():
                problems.append(Problem(f"/{prefix}articles/{article.slug}/", "published article no longer answers"))
            for tip in article.tips:
                if not tip_links.answers(tip.id):
                    problems.append(Problem(f"/{prefix}t/{tip.id}/", "published tip link no longer answers"))
    return problems


class _TipLinks:
    """Whether ``/t/<id>/`` answers in one variant: its short page is there, or (the ``anchors`` layout,
    :mod:`zhkb.site.tiplinks`) the 404 page's map leads to a page that has the tip."""

    def __init__(self, variant_root: Path) -> None:
        self.root = variant_root
        self._maps: dict[str, dict[str, str]] = {}
        self._ids: dict[str, set[str]] = {}

    def answers(self, tip_id: str) -> bool:
        if (self.root / f"t/{tip_id}/index.html").exists():
            return True
        shard = map_path(map_shard(tip_id))
        if shard not in self._maps:
            path = self.root / shard
            self._maps[shard] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        page_url = self._maps[shard].get(tip_id)
        if page_url is None:
            return False
        if page_url not in self._ids:
            target = self.root / page_url / "index.html"
            self._ids[page_url] = _parse(target).ids if target.exists() else set()
        return tip_id in self._ids[page_url]


def check_hosts(site: Path, own_hosts: tuple[str, ...] = LOCAL_HOSTS) -> list[Problem]:
    problems = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in CHECKED_SUFFIXES or not path.is_file() or path.name == "sitemap.xml":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        where = path.relative_to(site).as_posix()
        for match in REMOTE_REFERENCE.finditer(text):
            if match.group(1) in own_hosts or match.group(0).startswith(NAMESPACE_PREFIXES):
                continue
            if is_inert_theme_url(where, match.group(0)) or is_inert_search_url(where, match.group(0)):
                continue
            problems.append(Problem(where, f"refers to another host: {match.group(0)[:80]}"))
    return problems


def site_hosts(root: Path) -> tuple[str, ...]:
    """The hosts the site itself is published at (``site_url`` of each MkDocs config), plus loopback."""
    hosts = list(LOCAL_HOSTS)
    for config in sorted(root.glob("mkdocs*.yml")):
        match = re.search(r"^site_url:\s*(\S+)", config.read_text(encoding="utf-8"), re.M)
        if match and urlsplit(match.group(1)).hostname:
            hosts.append(urlsplit(match.group(1)).hostname)
    return tuple(dict.fromkeys(hosts))


def check_site(root: Path, site: Path | None = None) -> list[Problem]:
    site = site or root / "site"
    if not (site / "index.html").exists() or not (site / "zh-Hant" / "index.html").exists():
        return [Problem(str(site), "no built site here (run `zhkb build`)")]
    return (check_links(site) + check_published_ids(site, root / "sources" / "ids.yml")
            + check_hosts(site, site_hosts(root)))
