"""Links that last: content that disappears leaves its URLs answering, in both variants."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.site import build_site, copy_project

from zhkb.check import check_site
from zhkb.ingest import ingest, write_output

pytestmark = pytest.mark.site

SOURCE = "sources/texts/000_ba3bf6fb9d9c93a8.txt"


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> tuple[Path, dict]:
    """The corpus with one tip and one whole question deleted after publishing."""
    project = copy_project(tmp_path_factory.mktemp("edited"))
    before = ingest(project)
    by_number = {a.number: a for a in before.articles}
    gone_tip = next(t for t in by_number["贰"].tips if t.title == "让客户觉得自己很特别")
    gone_article = by_number["捌"]
    text = (project / SOURCE).read_text(encoding="utf-8")
    text = re.sub(r"六、讓客戶覺得自己很特別。[^\n]*\n", "", text)
    text = text[:text.index("『捌』")]
    (project / SOURCE).write_text(text, encoding="utf-8")
    after = ingest(project)
    write_output(project, after)
    build_site(project / "site", project)
    return project, {"tip": gone_tip.id, "article": gone_article.slug, "kept": before.articles[0].tips[0].id,
                     "after": after}


def test_ids_of_remaining_content_are_unchanged(edited):
    _project, facts = edited
    assert facts["after"].articles[0].tips[0].id == facts["kept"]
    assert len(facts["after"].articles) == 7


@pytest.mark.parametrize("prefix, removed_word", [("", "已移除"), ("zh-Hant/", "已移除")])
def test_removed_content_still_answers(edited, prefix, removed_word):
    project, facts = edited
    site = project / "site"
    tip_page = (site / f"{prefix}t/{facts['tip']}/index.html").read_text(encoding="utf-8")
    assert removed_word in tip_page and 'href="../../articles/win-over/' in tip_page
    article_page = (site / f"{prefix}articles/{facts['article']}/index.html").read_text(encoding="utf-8")
    assert removed_word in article_page and re.search(r'<a href="\.\./[a-z-]+/">', article_page)
    if prefix:
        assert "讓客戶覺得自己很特別" in tip_page  # the title in the variant's script


def test_check_passes_on_the_edited_site(edited):
    project, _facts = edited
    assert [str(p) for p in check_site(project)] == []
