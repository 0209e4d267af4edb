"""Text that looks like markup stays text on the built site: an injected script never runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from support.browser import PHONE, WITHOUT_WORKER, launch
from support.nginx import nginx_serving
from support.site import build_site, copy_project

from zhkb.ingest import ingest, write_output

pytestmark = [pytest.mark.browser, pytest.mark.site]

HOSTILE = """『壹』 <script>window.__pwned = 1</script>标题
正文里有 <img src=x onerror="window.__pwned = 2"> 和 [点我](javascript:window.__pwned=3) 两样东西。
一、<b onmouseover="window.__pwned=4">粗体</b>要点。<svg onload="window.__pwned=5"></svg>正文内容
# 井号开头的一行
> 引用开头的一行
| 竖线 | 开头 |
* 星号开头的一行
『贰』 ---\x20
title: x
description: "><script>window.__pwned=6</script>
正文。
"""

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    texts = project / "sources" / "texts"
    shutil.rmtree(texts)
    texts.mkdir()
    (texts / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (project / "sources" / "ids.yml").unlink()
    write_output(project, ingest(project))
    return build_site(project / "site", project)


def test_injected_markup_never_runs(hostile_site):
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("articles/*/index.html"))
    assert len(pages) == 4  # two questions, two variants
    dialogs = []
    with nginx_serving(hostile_site) as (base, _), sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_context(**PHONE, **WITHOUT_WORKER).new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            # an injected onmouseover would run now
            page.evaluate("""document.querySelectorAll('article *').forEach(
                element => element.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))""")
            assert page.evaluate("window.__pwned") is None, path
            assert page.locator("article script, article img[onerror], article [onmouseover], article svg[onload],"
                                " a[href^='javascript']").count() == 0, path
            text = page.locator("article").inner_text()
            assert "<script>" in text or "＜script＞" in text or "<img" in text, path
        browser.close()
    assert dialogs == []
