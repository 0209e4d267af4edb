"""Whatever editors paste in: ingest never crashes, never loses text, never publishes markup."""

from __future__ import annotations

import codecs
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhkb.clean import clean_lines, replay_backwards, source_lines
from zhkb.curation import load_curation
from zhkb.errors import InputError
from zhkb.ingest import ingest, write_output
from zhkb.model import Source
from zhkb.split import split_source
from zhkb.write import escape_markdown

ROOT = Path(__file__).resolve().parent.parent
CURATION = load_curation(ROOT / "sources")

#: the characters editors' pastes are made of, hostile ones included
ALPHABET = st.sampled_from(list(
    "客户销售信任价格嫌贵業務員這裡准備說話真誠，。！？：；、“”「」『』（）【】"
    "『壹』『贰』一二三第首先其次1234567890、.,!?:;()[]{}<>#*_`|\\-+=~\"' \t\r\n\u3000\u200b\ufeffabcXYZ"
    "&%$@^/"
))
TEXTS = st.text(ALPHABET, max_size=400) | st.lists(
    st.sampled_from(["『壹』 问题", "『贰』", "一、要点。正文", "1、短项", "2、短项", "3、短项", "首先，做。正文",
                     "<script>alert(1)</script>", "--- \ntitle: x", "# 标题", "> 引用", "| 表 |", "* 星",
                     "[link](javascript:alert(1))", "(6)产品扩展阅读:", "正文，没有结束"]),
    max_size=30).map("\n".join)


def run_pipeline(text: str):
    lines = clean_lines(source_lines(Source("s.txt", text, "utf-8")), CURATION)
    articles = split_source(lines, [])
    return lines, articles


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_every_character_is_accounted_for(text):
    lines, articles = run_pipeline(text)
    for line in lines:
        assert replay_backwards(line.text, line.edits) == line.original
    kept = Counter("".join(line.text.replace("\n", "") for line in lines))
    held = Counter("".join(a.text().replace("\n", "") for a in articles))
    assert kept == held


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | TEXTS.map(lambda t: t.encode("utf-8")))
def test_ingest_raises_only_input_errors(tmp_path_factory, data):
    project = tmp_path_factory.mktemp("p")
    shutil.copytree(ROOT / "sources", project / "sources", ignore=shutil.ignore_patterns("texts"))
    (project / "sources" / "texts").mkdir()
    (project / "sources" / "texts" / "paste.txt").write_bytes(data)
    try:
        output = ingest(project)
    except InputError as error:
        assert error.path == "sources/texts/paste.txt"  # the curation files are the project's own, and fine
        return
    for path, text in output.files.items():
        if path.startswith("docs/articles/"):
            # the front matter holds raw text (the site escapes it); the Markdown holds no markup
            assert "<script" not in text.split("\n---\n", 1)[1].lower()


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[link](javascript:alert(1))",
    "# 标题", "> 引用", "| a | b |", "* 星号", "1. 一", "{#t9}", "`code`", "&lt;", "**粗**",
])
def test_markup_is_escaped(hostile):
    escaped = escape_markdown(hostile)
    assert "<" not in escaped and ">" not in escaped.lstrip("\\")
    import markdown

    html = markdown.markdown(escaped, extensions=["attr_list"])
    assert "<script" not in html and "<img" not in html and "href=" not in html
    assert "<h1" not in html and "<blockquote" not in html and "<table" not in html and "<li" not in html
    assert "<code" not in html and "<strong" not in html


def test_title_that_looks_like_front_matter_stays_text(project):
    (project / "sources" / "texts" / "x.txt").write_text("『壹』 --- \ntitle: x\n正文。\n", encoding="utf-8")
    output = ingest(project)
    article = next(a for a in output.articles if a.title == "---")
    page = output.files[f"docs/articles/{article.slug}.md"]
    assert page.startswith("---\nid: ") and page.count("\n---\n") == 1
    assert "title: x" in page.split("\n---\n", 1)[1]  # the line is body text, not front matter


def test_front_matter_holds_raw_text_and_the_page_escaped_text(project):
    (project / "sources" / "texts" / "x.txt").write_text('『壹』 <script>alert(1)</script>"\n正文。\n', encoding="utf-8")
    output = ingest(project)
    page = next(text for path, text in output.files.items() if path.startswith("docs/articles/q"))
    front, body = page.split("\n---\n", 1)
    title = yaml.safe_load(front.removeprefix("---\n"))["title"]
    assert title.startswith("<script>alert(1)</script>")  # escaped by the site, once (tests/test_plugin.py)
    assert "<script" not in body and "&lt;script&gt;" in body


@pytest.mark.parametrize("content, notice", [
    (b"", None),
    ("没有问题标记的一段文字\n第二行。".encode(), "no question markers"),
    ("『壹』\n『贰』 问题二\n".encode(), "without a title"),
    ("『壹』 同一个问题\n答案一。\n『贰』 同一个问题\n答案二。\n".encode(), "answers merged"),
    (codecs.BOM_UTF16_LE + "『壹』 问题\r\n\t正文\u3000\u200b。\r\n".encode("utf-16-le"), None),
    (("『壹』 长行\n" + "很长的一行，" * 20000 + "\n").encode("gb18030"), None),
])
def test_awkward_input_is_taken(project, content, notice):
    (project / "sources" / "texts" / "awkward.txt").write_bytes(content)
    output = ingest(project)
    messages = [n.message for n in output.notices]
    if notice:
        assert any(notice in m for m in messages), messages
    for line in output.lines:
        assert replay_backwards(line.text, line.edits) == line.original


def test_bad_file_stops_the_run_before_writing(project):
    write_output(project, ingest(project))
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    (project / "sources" / "texts" / "zz-bad.txt").write_bytes(b"\x00\x01binary\xff")
    with pytest.raises(InputError) as info:
        ingest(project)
    assert "zz-bad.txt" in str(info.value) and "byte offset" in str(info.value)
    after = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    assert after == before
