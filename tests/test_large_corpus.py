"""A corpus too large for one flat nav: numbered sections, and each page carries only its own.

The bundled corpus has 8 articles; a section size of 3 makes it "large" (sections 1–3, 4–6, 7–8),
so the build behaves as a corpus of thousands would (``scripts/bench_ingest.py --build`` times that).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from support.site import VARIANTS, build_site, copy_project

from zhkb.check import check_site
from zhkb.ingest import ingest, write_output

pytestmark = pytest.mark.site

#: The bundled corpus's articles in nav order.
ORDER = ["weishang-quick-win", "win-over", "key-accounts", "lowest-price", "keep-customers", "selling-techniques",
         "insurance-first-deal", "turn-contacts-into-deals"]


@pytest.fixture(scope="module")
def sectioned(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("sectioned"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    setting = "      taxonomy: sources/tags.yml\n"
    assert setting in text
    config.write_text(text.replace(setting, setting + "      nav_section_size: 3\n"), encoding="utf-8")
    write_output(project, ingest(project))
    build_site(project / "site", project)
    return project


def primary_nav(page: str) -> str:
    """The site navigation (left sidebar, the drawer on a phone) of a built page."""
    start = page.index('<div class="md-sidebar md-sidebar--primary"')
    return page[start:page.index('<div class="md-sidebar md-sidebar--secondary"', start)]


def nav_articles(page: str) -> list[str]:
    """Slugs of the articles the nav of ``page`` (an article page) links to."""
    urls = [urljoin("/articles/lowest-price/", href) for href in re.findall(r'href="([^"#]*)"', primary_nav(page))]
    return [match.group(1) for url in urls if (match := re.fullmatch(r"/articles/([a-z0-9-]+)/", url))]


@pytest.mark.parametrize("variant", VARIANTS)
def test_an_article_carries_its_own_section_only(sectioned, variant):
    site = sectioned / "site" / VARIANTS[variant]
    page = (site / "articles" / "lowest-price" / "index.html").read_text(encoding="utf-8")
    nav = primary_nav(page)
    titles = ["第 1–3 问", "第 4–6 问", "第 7–8 问"]
    if variant == "hant":
        titles = [title.replace("问", "問") for title in titles]
    assert all(title in nav for title in titles)
    own = set(ORDER[3:6])
    assert own <= set(nav_articles(page))
    # other sections appear as one link to their first page, not with all their pages
    assert set(nav_articles(page)) - own <= {ORDER[0], ORDER[6]}


def test_the_unsectioned_site_lists_every_article_in_every_page(built_site):
    page = (built_site / "articles" / "lowest-price" / "index.html").read_text(encoding="utf-8")
    assert set(nav_articles(page)) == set(ORDER)


def test_the_sectioned_site_passes_the_check(sectioned):
    assert [str(problem) for problem in check_site(sectioned)] == []
