"""The ``zhkb`` plugin as MkDocs runs it: its options, builds in one process, text escaped once."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from support.search import search_in_node
from support.site import ROOT, build_site, copy_project

from zhkb.build import BuildError
from zhkb.build import build_site as build_variants
from zhkb.ingest import ingest, write_output
from zhkb.site.traditional import traditional_converter
from zhkb.write import render_docs

pytestmark = pytest.mark.site

to_traditional = traditional_converter(ROOT / "sources" / "opencc")


# --- options --------------------------------------------------------------------------------------------


def plugin_options(tmp_path: Path, options: str) -> dict:
    (tmp_path / "docs").mkdir(exist_ok=True)
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(f"site_name: x\nsite_url: https://kb.example/\ntheme: material\nplugins:\n  - zhkb:\n{options}",
                           encoding="utf-8")
    return load_config(str(config_file)).plugins["zhkb"].config


def test_options_are_paths_relative_to_the_config_file(tmp_path):
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    options = plugin_options(tmp_path, "      opencc: sources/opencc\n      taxonomy: sources/tags.yml\n"
                             "      search:\n        stopwords: sources/search/stopwords.txt\n"
                             "        userdict: sources/search/userdict.txt\n"
                             "        synonyms: sources/synonyms.yml\n")
    assert options.opencc == str(tmp_path / "sources" / "opencc")
    assert options.search.synonyms == str(tmp_path / "sources" / "synonyms.yml")
    assert options.search.userdict == str(tmp_path / "sources" / "search" / "userdict.txt")
    assert options.search.offline_index_limit == 512
    assert options.nav_section_size == 10 and options.search.enabled


@pytest.mark.parametrize("options, complaint", [
    ("      taxonomy: tags.yml\n", "opencc"),
    ("      opencc: nowhere\n      taxonomy: tags.yml\n", "nowhere"),
    ("      opencc: .\n      taxonomy: tags.yml\n      nav_section_size: many\n", "nav_section_size"),
])
def test_wrong_options_are_named(tmp_path, caplog, options, complaint):
    (tmp_path / "tags.yml").write_text("", encoding="utf-8")
    with pytest.raises(Abort):
        plugin_options(tmp_path, options)
    assert complaint in caplog.text and "'zhkb'" in caplog.text


def test_a_build_needs_site_url_and_a_sane_section_size(tmp_path):
    project = copy_project(tmp_path / "p")
    write_output(project, ingest(project))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      taxonomy: sources/tags.yml\n",
                                   "      taxonomy: sources/tags.yml\n      nav_section_size: 1\n"), encoding="utf-8")
    with pytest.raises(BuildError, match="nav_section_size"):
        build_variants(project, tmp_path / "site")
    config.write_text(text.replace("site_url: http://127.0.0.1:8000/\n", ""), encoding="utf-8")
    with pytest.raises(BuildError, match="site_url"):
        build_variants(project, tmp_path / "site")


def test_a_page_naming_an_asset_on_another_host_fails_the_build(tmp_path, caplog):
    """Material's privacy plugin, downloading nothing, stops a strict build that would make readers ask another host."""
    project = copy_project(tmp_path / "p")
    write_output(project, ingest(project))
    with (project / "docs" / "tags.md").open("a", encoding="utf-8") as page:
        page.write('\n<img src="https://cdn.example.com/chart.png" alt="图">\n')
    with pytest.raises(BuildError):
        build_variants(project, tmp_path / "site", configs=("mkdocs.yml",))
    assert "External file: https://cdn.example.com/chart.png" in caplog.text


# --- builds in one process ------------------------------------------------------------------------------


def test_two_builds_in_one_process_with_different_configs(tmp_path):
    """No state survives a build: the second, with another config, gets its own output and nothing of the first's."""
    project = copy_project(tmp_path / "p")
    write_output(project, ingest(project))
    first = build_variants(project, tmp_path / "first", configs=("mkdocs.yml",))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_url: http://127.0.0.1:8000/", "site_url: https://kb.example/kb/")
                      .replace("      taxonomy: sources/tags.yml\n",
                               "      taxonomy: sources/tags.yml\n      nav_section_size: 3\n")
                      .replace("  - search:\n", "  - search:\n      enabled: false\n")
                      .replace("        synonyms: sources/synonyms.yml\n",
                               "        synonyms: sources/synonyms.yml\n        enabled: false\n"),
                      encoding="utf-8")
    second = build_variants(project, tmp_path / "second", configs=("mkdocs.yml",))

    for site, host, sectioned, searched in ((first, "http://127.0.0.1:8000/", False, True),
                                            (second, "https://kb.example/kb/", True, False)):
        page = (site / "articles" / "win-over" / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{host}articles/win-over/">' in page
        assert f'hreflang="zh-Hant" href="{host}zh-Hant/articles/win-over/"' in page
        assert ("第 1–3 问" in page) is sectioned
        assert (site / "search" / "zhkb" / "rules.json").exists() is searched
        short = (site / "t" / "t2" / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{host}articles/win-over/#t2">' in short
        assert len(list((site / "t").iterdir())) == 63  # the tips of this build, no more
        assert (site / "sitemap.xml").read_text(encoding="utf-8").count("<loc>") == 2 * 10
        assert f"Sitemap: {host}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


#: Calls that change a list, dict or set in place.
MUTATORS = frozenset({"append", "extend", "insert", "pop", "popitem", "clear", "update", "setdefault", "add",
                      "discard", "remove", "sort", "reverse", "__setitem__"})


def module_state(path: Path) -> list[str]:
    """Names of a module's top level that its functions change: rebound through ``global``, or changed in place."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {target.id for node in tree.body if isinstance(node, ast.Assign | ast.AnnAssign)
           for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
           if isinstance(target, ast.Name)}
    changed = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                changed.update(node.names)
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and isinstance(node.func.value, ast.Name) and node.func.attr in MUTATORS):
                changed.add(node.func.value.id)
            elif (isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store | ast.Del)
                  and isinstance(node.value, ast.Name)):
                changed.add(node.value.id)
    return sorted(changed & top | {name for name in changed if name not in top and _is_global(tree, name)})


def _is_global(tree: ast.Module, name: str) -> bool:
    return any(isinstance(node, ast.Global) and name in node.names for node in ast.walk(tree))


def test_no_module_level_build_state():
    """What a build learns lives on the plugin instance (zhkb.site.plugin.Build), never in a module."""
    modules = sorted((ROOT / "src" / "zhkb").rglob("*.py")) + sorted((ROOT / "hooks").glob("*.py"))
    found = {path.relative_to(ROOT).as_posix(): names for path in modules if (names := module_state(path))}
    assert found == {}


def test_the_state_detector_finds_module_state(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("_table = {}\n_build = None\nCONSTANT = {'a': 1}\n"
                      "def use(t):\n    _table.clear()\n    _table.update(t)\n"
                      "def start():\n    global _build\n    _build = 1\n"
                      "def read():\n    return CONSTANT['a']\n", encoding="utf-8")
    assert module_state(module) == ["_build", "_table"]


# --- text escaped once ------------------------------------------------------------------------------------

RAW = '价格 & 质量 <对比> "引号"'


@pytest.fixture(scope="module")
def escaped_site(tmp_path_factory) -> tuple[Path, Path]:
    """A project whose one question and first tip are titled RAW, exactly as write.py writes them."""
    project = copy_project(tmp_path_factory.mktemp("escape"))
    texts = project / "sources" / "texts"
    shutil.rmtree(texts)
    texts.mkdir()
    (texts / "escape.txt").write_text("『壹』比较价格\n一、比较\n先比质量，再谈价格。客户会明白的。\n二、第二点\n正文。\n",
                                      encoding="utf-8")
    (project / "sources" / "ids.yml").unlink()
    output = ingest(project)
    write_output(project, output)
    article = output.articles[0]
    article.title = RAW
    article.tips[0].title = RAW
    for rel, text in render_docs(output.articles).items():
        (project / "docs" / rel).write_text(text, encoding="utf-8")
    return project, build_site(project / "site", project)


class PageFacts(HTMLParser):
    """What a reader, a chat preview and a screen reader get from a page: text as the browser decodes it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}
        self.aria_labels: list[str] = []
        self.link_texts: list[str] = []
        self.text = ""
        self._in: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self._in.append(tag)
        if tag == "meta" and attributes.get("content") is not None:
            self.meta[attributes.get("property") or attributes.get("name") or ""] = attributes["content"]
        if attributes.get("aria-label"):
            self.aria_labels.append(attributes["aria-label"])
        if tag == "a":
            self.link_texts.append("")

    def handle_endtag(self, tag):
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag):]

    def handle_data(self, data):
        self.text += data
        if self._in and self._in[-1] == "title":
            self.title += data
        if "a" in self._in and self.link_texts:
            self.link_texts[-1] += data


@pytest.mark.parametrize("variant", ["", "zh-Hant/"])
def test_a_title_with_markup_characters_reads_as_written_everywhere(escaped_site, variant):
    _, site = escaped_site
    raw = to_traditional(RAW) if variant else RAW
    site_name = "銷售問答知識庫" if variant else "销售问答知识库"
    read = (site / variant / "articles" / "q1" / "index.html").read_text(encoding="utf-8")
    assert "&amp;amp;" not in read and "&amp;lt;" not in read and "&amp;#34;" not in read
    page = PageFacts(read)
    assert page.title == f"{raw} - {site_name}"
    assert page.meta["og:title"] == raw
    description = f"{RAW}：先比质量，再谈价格。"
    assert page.meta["og:description"] == page.meta["description"] == (
        to_traditional(description) if variant else description)
    assert any(link.strip() == raw for link in page.link_texts), "the nav entry"
    # Material's footer on the neighbouring pages names this one
    home = PageFacts((site / variant / "index.html").read_text(encoding="utf-8"))
    assert any(label.endswith(f": {raw}") for label in home.aria_labels), home.aria_labels
    assert not any("&" in label.replace(raw, "") for label in home.aria_labels + page.aria_labels)


@pytest.mark.parametrize("variant", ["", "zh-Hant/"])
def test_search_results_and_the_short_page_escape_once(escaped_site, variant):
    _, site = escaped_site
    raw = to_traditional(RAW) if variant else RAW
    [found] = search_in_node(site / variant / "search", ["对比"])
    titles = {link["location"]: link["title"] for link in found["links"]}
    # results are HTML, which the result list shows as HTML: escaped once (zhkb's results space words only
    # between Chinese and Latin letters or digits)
    escaped = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert {title.replace(" ", "") for title in titles.values()} == {escaped.replace(" ", "")}
    assert set(titles) == {"articles/q1/", "articles/q1/#t1"}
    short = (site / variant / "t" / "t1" / "index.html").read_text(encoding="utf-8")
    facts = PageFacts(short)
    assert facts.title.startswith(f"{raw} - ") and facts.meta["og:title"] == raw
    assert f"出自《{raw}》" in facts.text and facts.meta["og:description"] == to_traditional("先比质量，再谈价格。") \
        if variant else f"出自《{raw}》" in facts.text and facts.meta["og:description"] == "先比质量，再谈价格。"
    assert "&amp;amp;" not in short


def test_zhkb_check_passes_on_the_escaped_site(escaped_site):
    project, _ = escaped_site
    result = subprocess.run([sys.executable, "-m", "zhkb.cli", "--root", str(project), "check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
