"""`zhkb serve` is a live preview: an edit to a source shows in the open pages of both variants."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright
from support.browser import launch
from support.preview import ARTICLE, edit_tip, live_preview, open_article, wait_for_text
from support.site import copy_project

from zhkb.ingest import ingest, write_output

pytestmark = [pytest.mark.browser, pytest.mark.site]


def test_an_edited_tip_shows_in_the_open_pages_without_a_restart(tmp_path):
    project = copy_project(tmp_path / "project")
    write_output(project, ingest(project))
    with live_preview(project, tmp_path / "serve.log") as base, sync_playwright() as pw:
        browser = launch(pw)
        pages = open_article(browser, base)
        assert "只有真诚的人才能赢得信任。" in pages[0].inner_text("article")
        assert "只有真誠的人才能贏得信任。" in pages[1].inner_text("article")

        edit_tip(project, "只有真誠的人才能贏得長久的信任。")  # the source is Traditional

        wait_for_text(pages, ["只有真诚的人才能赢得长久的信任。", "只有真誠的人才能贏得長久的信任。"])
        # the pages reloaded themselves: no navigation, the same tab, the tip's short page rebuilt too
        assert [page.url for page in pages] == [base + ARTICLE, base + "zh-Hant/" + ARTICLE]
        short = pages[0].context.new_page()
        short.goto(base + "t/t2/")
        short.wait_for_url(f"{base}{ARTICLE}#t2")
        browser.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text(encoding="utf-8")
