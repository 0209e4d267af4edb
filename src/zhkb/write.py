"""Stage 5, write: articles → canonical Simplified Markdown for MkDocs.

Output is a pure function of the articles: same input, same bytes.  Source
text is escaped so that anything that looks like Markdown or HTML stays text.
"""

from __future__ import annotations

import json
import re

import yaml

from .curation import Tag
from .ids import Retired
from .model import Article, Block, Tip
from .yamlio import YAML_DUMPER

SITE_TITLE = "销售问答知识库"
SITE_DESCRIPTION = "销售一线的真实问答：怎样建立信任、应对嫌贵、抓住大客户、拿下第一单，按问题和标签整理。"
# An admonition written as HTML (md_in_html): the `!!! type "title"` form puts ASCII
# quotes in Chinese text, which the typography check rightly flags.
INCOMPLETE_NOTE = (
    '<div class="admonition warning" markdown>\n<p class="admonition-title">原文不完整</p>\n\n'
    "这篇回答在原始资料中就在此处中断，后文缺失。\n\n</div>"
)
DESCRIPTION_MAX = 80
#: Front matter keeping a page out of the search index: search finds tips, and
#: the home and tags pages only list every question's title, so they would
#: crowd the results for any query.
NOT_SEARCHED = {"exclude": True}
#: the heading of a question whose marker had no text (the source is reported; this is not source text)
UNTITLED = "（未命名问题）"

#: characters that start inline markup in the site's Markdown (emphasis, code, links, attribute lists);
#: Python-Markdown removes a backslash before each of them, so the escape never shows
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]])")
#: line starts that make a block (heading, quote, list, admonition); escaped where they would
_LINE_START_SPECIAL = re.compile(r"^(\s*)(#|[-+*](?=\s|$)|!!!|-+$)")
_ORDERED_LIST_START = re.compile(r"^(\s*\d+)\.(?=\s|$)")


def escape_markdown(text: str) -> str:
    """Escape ``text`` so Markdown and HTML render it literally, escaping only what would become markup.

    A backslash is used only before characters Python-Markdown can escape (so it never shows);
    ``&`` and ``<`` become entities, because Markdown passes raw HTML through.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ORDERED_LIST_START.sub(r"\1\\.", text)
    return _LINE_START_SPECIAL.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


#: a description shorter than this is not a real sentence (a caption, a label)
DESCRIPTION_MIN = 10


def leading_sentence(text: str) -> str:
    match = re.match(r"(.+?(?:[。！？]|……))", text)
    return match.group(1) if match else text


def shorten(sentence: str) -> str:
    """At most :data:`DESCRIPTION_MAX` characters, for a preview."""
    return sentence[:DESCRIPTION_MAX - 1] + "…" if len(sentence) > DESCRIPTION_MAX else sentence


def first_sentence(text: str) -> str:
    return shorten(leading_sentence(text))


def describe(article: Article) -> str:
    """A one-sentence description for link previews: the first real sentence of the answer.

    The asker's details and labelled paragraphs (点评：…) are skipped; a tip's
    first sentence is prefixed with its title.
    """
    for block in article.lead:
        if block.kind == "paragraph" and not block.label:
            sentence = first_sentence(block.lines[0])
            if len(sentence) >= DESCRIPTION_MIN and not sentence.endswith("："):
                return sentence
    for tip in article.tips:
        for block in tip.blocks:
            if block.kind == "paragraph" and not block.label:
                return first_sentence(f"{tip.title}：{block.lines[0]}")
    return article.title or UNTITLED


def tip_summary(tip: Tip) -> str:
    """The first sentence of a tip's text, for its short link's preview; empty if it has none.

    Whole: the site shortens it (:func:`shorten`) after converting it, as it converts whole phrases.
    """
    for block in tip.blocks:
        if block.kind in ("paragraph", "ordered", "bullets"):
            text = " ".join(block.lines[0].split()) + ("……" if block.cut_off else "")
            return leading_sentence(text)
    return ""


def _front_matter(data: dict) -> str:
    return "---\n" + yaml.dump(data, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def render_block(block: Block) -> str:
    if block.kind in ("paragraph", "question"):
        text = escape_markdown(block.lines[0]) + ("……" if block.cut_off else "")
        if block.label:
            text = f"**{escape_markdown(block.label)}：**{text}"
        return f"> {text}" if block.kind == "question" else text
    if block.kind == "ordered":
        return "\n".join(f"{n}. {escape_markdown(item)}" for n, item in enumerate(block.lines, 1))
    if block.kind == "bullets":
        return "\n".join(f"- {escape_markdown(item)}" for item in block.lines)
    if block.kind == "incomplete":
        return INCOMPLETE_NOTE
    raise ValueError(f"unknown block kind {block.kind!r}")


def render_blocks(blocks: list[Block]) -> list[str]:
    return [render_block(block) for block in blocks]


def render_tip(tip: Tip) -> list[str]:
    heading = "#" * (tip.level + 1) + f" {escape_markdown(tip.title)} {{#{tip.id}}}"
    return [heading, *render_blocks(tip.blocks)]


def render_article(article: Article) -> str:
    title = article.title or UNTITLED
    meta = {
        "id": article.slug,
        # Raw text: the site escapes it where it writes it, once.
        "title": title,
        "description": describe(article),
        "tags": article.tags,
        "source": f"{article.path}#L{article.source_line}",
    }
    summaries = {tip.id: summary for tip in article.tips if (summary := tip_summary(tip))}
    if summaries:
        # Each tip's first sentence, for the preview of its short link (the site reads titles from the page's toc).
        meta["tips"] = summaries
    if article.incomplete:
        meta["incomplete"] = True
    parts = [f"# {escape_markdown(title)}", *render_blocks(article.lead)]
    for tip in article.tips:
        parts += render_tip(tip)
    return _front_matter(meta) + "\n" + "\n\n".join(parts) + "\n"


def count_tips(article: Article) -> int:
    return len(article.tips)


#: The most questions the home page lists one by one. A larger corpus's home page lists groups of
#: ``HOME_GROUP`` questions instead: a list of every question would weigh megabytes at 10,000 questions
#: (1.4 MB of HTML), and a phone recalculates its style on every change of the page, search results included.
HOME_LIST_MOST = 200
HOME_GROUP = 100


def render_home(articles: list[Article]) -> str:
    tips = sum(count_tips(a) for a in articles)
    meta = {"title": SITE_TITLE, "description": SITE_DESCRIPTION, "search": NOT_SEARCHED}
    lines = [f"# {SITE_TITLE}", ""]
    if len(articles) > HOME_LIST_MOST:
        lines += [
            f"赢得客户的实战问答：共 {len(articles)} 个问题、{tips} 条技巧。"
            f"用搜索或按[标签](tags.md)找问题最快；下面按编号每 {HOME_GROUP} 问列出第一问，"
            "从那里可以一问接一问往下读。",
            "",
        ]
        for start in range(0, len(articles), HOME_GROUP):
            first = articles[start]
            end = min(start + HOME_GROUP, len(articles))
            lines.append(f"- 第 {start + 1}–{end} 问：[{escape_markdown(first.title or UNTITLED)}]"
                         f"(articles/{first.slug}.md)")
        return _front_matter(meta) + "\n" + "\n".join(lines) + "\n"
    lines += [
        f"赢得客户的实战问答：共 {len(articles)} 个问题、{tips} 条技巧。"
        "点开问题阅读全部技巧，或按[标签](tags.md)浏览。",
        "",
    ]
    for article in articles:
        tags = "、".join(article.tags) if article.tags else "未分类"
        count = f"{count_tips(article)} 条技巧" if article.tips else "整篇回答"
        lines.append(f"- [{escape_markdown(article.title or UNTITLED)}](articles/{article.slug}.md)  ")
        lines.append(f"  {count} · {escape_markdown(tags)}")
    return _front_matter(meta) + "\n" + "\n".join(lines) + "\n"


#: On a large corpus's tags page, each tag lists this many questions and links a page of its own with all of
#: them: one listing of every question under every tag weighs 1.4 MB of HTML at 10,000 questions.
TAG_PREVIEW = 10
#: Where a tag's own page lives (``docs/tags/<slug>.md``); the tags page keeps its anchor ``#tag:<slug>``.
TAG_PAGES_DIR = "tags"


def render_tags_page(by_tag: list[tuple[Tag, list[Article]]] | None = None) -> str:
    """The tags page: Material's listing of every tag with its questions; or, given the articles of each tag
    (a corpus over ``HOME_LIST_MOST`` questions), each tag with its first ``TAG_PREVIEW`` questions and a link to
    its own page."""
    meta = {"title": "标签", "description": "按标签浏览全部问题。", "search": NOT_SEARCHED}
    if by_tag is None:
        return _front_matter(meta) + "\n# 标签\n\n<!-- material/tags -->\n"
    lines = ["# 标签", "", f"每个标签下列出前 {TAG_PREVIEW} 个问题，点“全部问题”看这个标签的其余问题。", ""]
    for tag, tagged in by_tag:
        lines += [f"## {escape_markdown(tag.name)} {{#tag:{tag.slug}}}", ""]
        lines += [f"- [{escape_markdown(a.title or UNTITLED)}](articles/{a.slug}.md)" for a in tagged[:TAG_PREVIEW]]
        lines += [f"- [全部 {len(tagged)} 个问题]({TAG_PAGES_DIR}/{tag.slug}.md)", ""]
    return _front_matter(meta) + "\n" + "\n".join(lines)


def tagged_articles(articles: list[Article], tags: list[Tag]) -> list[tuple[Tag, list[Article]]]:
    """Each tag of the taxonomy that some article has, in taxonomy order, with its articles in source order."""
    found = [(tag, [a for a in articles if tag.name in a.tags]) for tag in tags]
    return [(tag, tagged) for tag, tagged in found if tagged]


def render_tag_page(tag: Tag, count: int) -> str:
    """A tag's own page (large corpora): Material's listing of that tag alone, where its tags link."""
    meta = {"title": f"标签：{tag.name}", "description": f"标签“{tag.name}”下的全部 {count} 个问题。",
            "search": NOT_SEARCHED}
    listing = json.dumps({"include": [tag.name]}, ensure_ascii=False)
    return _front_matter(meta) + f"\n# 标签：{escape_markdown(tag.name)}\n\n<!-- material/tags {listing} -->\n"


def render_nav(articles: list[Article]) -> str:
    """The navigation order (source order), read by the navigation hook."""
    data = {"articles": [f"articles/{a.slug}.md" for a in articles]}
    return "# Generated by `zhkb ingest`: article order for the navigation.\n" + yaml.dump(data, Dumper=YAML_DUMPER)


def render_removed(retired: list[Retired]) -> str:
    """Published content that is gone, and where its pages now point (read by the site's removed-pages hook)."""
    data = {
        "articles": [{"slug": r.id, "title": r.title, "closest": r.closest} for r in retired if r.kind == "article"],
        "tips": [{"id": r.id, "title": r.title, "closest": r.closest} for r in retired if r.kind == "tip"],
    }
    return ("# Generated by `zhkb ingest`: published articles and tips whose content is gone.\n"
            "# Their URLs keep answering with a page that says so and links the closest remaining content.\n"
            + yaml.dump(data, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000))


def render_docs(articles: list[Article], retired: list[Retired] | None = None,
                tags: list[Tag] | None = None) -> dict[str, str]:
    """Every generated file under ``docs/``, by relative path."""
    files = {f"articles/{a.slug}.md": render_article(a) for a in articles}
    files["index.md"] = render_home(articles)
    by_tag = tagged_articles(articles, tags or []) if len(articles) > HOME_LIST_MOST else None
    files["tags.md"] = render_tags_page(by_tag)
    for tag, tagged in by_tag or []:
        files[f"{TAG_PAGES_DIR}/{tag.slug}.md"] = render_tag_page(tag, len(tagged))
    files[".nav.yml"] = render_nav(articles)
    files[".removed.yml"] = render_removed(retired or [])
    return files
