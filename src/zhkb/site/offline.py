"""Make the theme's built assets name no host but the site's own.

The site must work with no request to any other host (mainland China blocks
Google Fonts; intranets block CDNs).  Material's bundles still carry absolute
URLs: licence comments (clipboard.js, lunr, Font Awesome) and code paths this
site never takes (a ResizeObserver polyfill from unpkg, which our local
fallback makes unnecessary; mermaid from unpkg; the GitHub API for
``repo_url``).  After the build we rewrite each such URL to an inert
``about:blank#host/path`` form: licence notices stay readable, and nothing in
the output can make a browser contact another host.
"""

from __future__ import annotations

import re
from pathlib import Path

#: Identifiers, not addresses: XML namespaces in SVG and scripts are never fetched.
NAMESPACE_PREFIXES = ("http://www.w3.org/",)
THEME_ASSET_SUFFIXES = (".js", ".css")
REMOTE_URL = re.compile(r"https?://(?!127\.0\.0\.1[:/]|localhost[:/])([^\s\"'`)<>\\]+)")


def neutralise(text: str) -> str:
    """``text`` with every remote http(s) URL rewritten to ``about:blank#…``."""
    def replace(match: re.Match[str]) -> str:
        if match.group(0).startswith(NAMESPACE_PREFIXES):
            return match.group(0)
        return "about:blank#" + match.group(1)

    return REMOTE_URL.sub(replace, text)


def neutralise_theme_assets(site_dir: Path) -> list[Path]:
    """Rewrite remote URLs in the built ``assets/`` scripts and styles; return the files changed."""
    changed = []
    for path in sorted((site_dir / "assets").rglob("*")):
        if path.suffix not in THEME_ASSET_SUFFIXES or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        new = neutralise(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed
