"""Helpers for tests that look at the built site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from zhkb.build import build_site as build_variants

ROOT = Path(__file__).resolve().parents[2]
VARIANTS = {"hans": "", "hant": "zh-Hant"}
LANG = {"hans": "zh-Hans", "hant": "zh-Hant"}


#: what a project needs to ingest and build (docs/*.md are generated)
PROJECT_PARTS = ("sources", "overrides", "docs/assets", "mkdocs.yml", "mkdocs.zh-Hant.yml")


def copy_project(target: Path) -> Path:
    """A scratch copy of the project's sources and site configuration."""
    import shutil

    for part in PROJECT_PARTS:
        source, dest = ROOT / part, target / part
        if source.is_dir():
            shutil.copytree(source, dest)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, dest)
    return target


def use_generated_source(project: Path, questions: int) -> Path:
    """Replace ``project``'s texts with ``scripts/gen_large_source.py questions`` (the seed's sentences as that
    many questions) and forget its published ids: a large corpus for tests and benchmarks."""
    import shutil
    import subprocess
    import sys

    texts = project / "sources" / "texts"
    shutil.rmtree(texts)
    texts.mkdir()
    (project / "sources" / "ids.yml").unlink()
    generated = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_large_source.py"), str(questions)],
                               capture_output=True, text=True, check=True).stdout
    (texts / f"generated-{questions}.txt").write_text(generated, encoding="utf-8")
    return project


def build_site(target: Path, project: Path = ROOT) -> Path:
    """Build both variants of ``project`` into ``target``, in this process (:func:`zhkb.build.build_site`)."""
    return build_variants(project, target)


class _TextExtractor(HTMLParser):
    """Visible text of a page: no scripts, styles or hidden templates."""

    SKIP = frozenset({"script", "style", "template", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    return "".join(parser.parts)


def variant_pages(site: Path, variant: str) -> list[Path]:
    """HTML pages of one variant (the Simplified variant excludes the zh-Hant folder)."""
    base = site / VARIANTS[variant] if VARIANTS[variant] else site
    pages = sorted(base.rglob("*.html"))
    if not VARIANTS[variant]:
        pages = [p for p in pages if "zh-Hant" not in p.relative_to(site).parts]
    return pages


def tip_ids(html: str) -> list[str]:
    return re.findall(r'<h[2-4][^>]* id="(t\d+)"', html)


#: What sends a reader on from a tip's short page: its meta refresh and its script.
REDIRECT = re.compile(r'<meta http-equiv="refresh"[^>]*>\n?|<script>location\.replace\([^<]*\);</script>\n?')


def without_redirect(page_html: str) -> str:
    """A short page that stays put: to audit and look at it, as link preview bots see it."""
    return REDIRECT.sub("", page_html)
