"""Unit tests for the site layer (zhkb.site), its templates and the two MkDocs configs."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from jinja2 import Environment
from material.plugins.tags.structure.tag import Tag
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from mkdocs.utils import yaml_load

from zhkb.site import alternate, material, nav, tags, traditional
from zhkb.site.plugin import LanguageStrings

ROOT = Path(__file__).resolve().parent.parent
OPENCC_DIR = ROOT / "sources" / "opencc"
TAXONOMY_FILE = ROOT / "sources" / "tags.yml"

ALTERNATES = [
    {"name": "简体", "link": "/", "lang": "zh-Hans"},
    {"name": "繁體", "link": "/zh-Hant/", "lang": "zh-Hant"},
]


@pytest.fixture(scope="module")
def to_traditional() -> traditional.Converter:
    return traditional.traditional_converter(OPENCC_DIR)


@pytest.fixture
def project_tags(to_traditional: traditional.Converter) -> tags.TagTables:
    """The project's taxonomy, as a build makes it."""
    return tags.TagTables(tags.slug_table(tags.load_taxonomy(TAXONOMY_FILE), [to_traditional]))


def load_mkdocs_yaml(name: str) -> dict:
    """A config file as MkDocs reads it (``INHERIT`` merged, ``!!python/name`` resolved), not validated."""
    with open(ROOT / name, encoding="utf-8") as file:
        return yaml_load(file)


# --- tags ----------------------------------------------------------------------------------------------------------


def test_taxonomy_is_read_in_file_order_with_ascii_slugs() -> None:
    taxonomy = tags.load_taxonomy(TAXONOMY_FILE)
    assert next(iter(taxonomy.items())) == ("信任", "trust")
    assert taxonomy["价格异议"] == "price-objection"
    assert all(slug.isascii() for slug in taxonomy.values())
    assert len(set(taxonomy.values())) == len(taxonomy)


def test_slugify_gives_the_reviewed_slug_in_both_scripts(project_tags: tags.TagTables) -> None:
    assert project_tags.slugify("价格异议", "-") == "price-objection"
    assert project_tags.slugify("價格異議", "-") == "price-objection"
    assert project_tags.slugify("客户维护") == project_tags.slugify("客戶維護") == "retention"


def test_slugify_covers_every_tag_as_the_traditional_site_writes_it(
    project_tags: tags.TagTables, to_traditional: traditional.Converter
) -> None:
    for name, slug in tags.load_taxonomy(TAXONOMY_FILE).items():
        assert project_tags.slugify(to_traditional(name)) == slug


def test_slugify_falls_back_to_a_deterministic_ascii_slug_and_warns_once(
    project_tags: tags.TagTables, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.zhkb.tags"):
        first = project_tags.slugify("未知标签")
        second = project_tags.slugify("未知标签")
    assert first == second
    assert first.isascii() and first.startswith("tag-")
    assert len([record for record in caplog.records if "未知标签" in record.getMessage()]) == 1


def test_fallback_slug_keeps_ascii_words() -> None:
    assert tags.fallback_slug("B2B Sales!", "-") == "b2b-sales"
    assert tags.fallback_slug("B2B Sales", "_") == "b2b_sales"
    assert tags.fallback_slug("大客户") != tags.fallback_slug("大客戶")


def test_slug_table_rejects_two_tags_that_read_the_same() -> None:
    with pytest.raises(ValueError, match="read the same"):
        tags.slug_table({"后": "after", "後": "queen"}, [lambda name: "後"])


def test_tags_sort_in_taxonomy_order_in_both_scripts(project_tags: tags.TagTables) -> None:
    names = ["竞争对手", "未知", "信任", "價格異議"]
    ordered = sorted((Tag(name) for name in names), key=project_tags.taxonomy_order)
    assert [tag.name for tag in ordered] == ["信任", "價格異議", "竞争对手", "未知"]


def test_each_build_has_its_own_tables(project_tags: tags.TagTables) -> None:
    other = tags.TagTables({"信任": "belief"})
    assert other.slugify("信任") == "belief" and project_tags.slugify("信任") == "trust"
    options = SimpleNamespace()
    other.install(options)
    assert options.tags_slugify("信任") == "belief" and options.listings_sort_by == other.page_order


def test_pages_under_a_tag_sort_in_source_order(project_tags: tags.TagTables) -> None:
    project_tags.use_page_order(["articles/b.md", "articles/a.md"])

    def mapping(uri: str) -> SimpleNamespace:
        return SimpleNamespace(item=SimpleNamespace(file=SimpleNamespace(src_uri=uri)))

    uris = ["articles/z.md", "articles/a.md", "articles/b.md"]
    ordered = sorted((mapping(uri) for uri in uris), key=project_tags.page_order)
    assert [m.item.file.src_uri for m in ordered] == ["articles/b.md", "articles/a.md", "articles/z.md"]


def test_tag_listing_anchors_are_found_in_rendered_html() -> None:
    html = '<h2 id="tag:trust">信任</h2><h2 id="t3">说话</h2><h2 id="tag:price-objection">价格异议</h2>'
    assert tags.listing_anchor_ids(html) == {"tag:trust", "tag:price-objection"}
    assert tags.listing_anchor_ids('<h2 id="tags-trust">', "tags-{slug}") == {"tags-trust"}


# --- Traditional conversion ----------------------------------------------------------------------------------------


def test_convert_meta_converts_what_readers_see_and_keeps_identifiers(to_traditional: traditional.Converter) -> None:
    meta = {
        "id": "win-over",
        "title": "推销产品怎样才能打动客户",
        "description": "说话要真诚。",
        "tags": ["信任", "产品知识"],
        "source": "sources/texts/000.txt#L12",
    }
    converted = traditional.convert_meta(meta, to_traditional)
    assert converted == {
        "id": "win-over",
        "title": "推銷產品怎樣才能打動客戶",
        "description": "說話要真誠。",
        "tags": ["信任", "產品知識"],
        "source": "sources/texts/000.txt#L12",
    }
    assert meta["title"] == "推销产品怎样才能打动客户", "the Simplified meta is left as it was"


def test_markdown_conversion_keeps_ids_links_and_markers(to_traditional: traditional.Converter) -> None:
    markdown = (
        "## 说话要真诚 {#t3}\n\n"
        "客户说“我再考虑考虑”。见[标签](../tags.md#tag:trust)。\n\n"
        "<!-- material/tags -->\n"
    )
    assert to_traditional(markdown) == (
        "## 說話要真誠 {#t3}\n\n"
        "客戶說「我再考慮考慮」。見[標籤](../tags.md#tag:trust)。\n\n"
        "<!-- material/tags -->\n"
    )


def test_nav_titles_from_the_config_are_converted(to_traditional: traditional.Converter, tmp_path: Path) -> None:
    config = MkDocsConfig()
    config.load_dict({"site_name": "test", "docs_dir": str(tmp_path)})
    home = Page("首页", File("index.md", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True), config)
    article = Page(None, File("articles/a.md", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True), config)
    items = [home, Section("问答", [article]), Link("标签", "tags/")]

    traditional.convert_nav_titles(items, to_traditional)

    assert [item.title for item in items] == ["首頁", "問答", "標籤"]
    assert article.title is None, "a page without a config title takes it from its converted front matter later"


# --- language switch -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "page_url", "expected"),
    [
        ("zh-Hans", "articles/win-over/", ["./", "../../zh-Hant/articles/win-over/"]),
        ("zh-Hant", "articles/win-over/", ["../../../articles/win-over/", "./"]),
        ("zh-Hans", "", ["./", "zh-Hant/"]),
        ("zh-Hant", "", ["../", "./"]),
        ("zh-Hant", "tags/", ["../../tags/", "./"]),
        ("zh-Hant", "articles/win-over.html", ["../../articles/win-over.html", "win-over.html"]),
    ],
)
def test_switch_links_the_same_page_in_each_variant(language: str, page_url: str, expected: list[str]) -> None:
    entries = alternate.page_alternates(ALTERNATES, language, page_url)
    assert [entry.href for entry in entries] == expected
    assert [entry.current for entry in entries] == [entry["lang"] == language for entry in ALTERNATES]


def test_switch_without_a_page_links_each_variant_root() -> None:
    entries = alternate.page_alternates(ALTERNATES, "zh-Hant", None)
    assert [entry.href for entry in entries] == ["/", "/zh-Hant/"]


def test_switch_needs_an_entry_for_the_current_language() -> None:
    with pytest.raises(ConfigurationError, match="zh-HK"):
        alternate.variant_root(ALTERNATES, "zh-HK")


def test_switch_needs_root_paths() -> None:
    with pytest.raises(ConfigurationError, match="root path"):
        alternate.page_alternates([{"name": "繁體", "link": "zh-Hant", "lang": "zh-Hant"}], "zh-Hant", "")


# --- nav folders ---------------------------------------------------------------------------------------------------

PAGES = ["index.md", "articles/b.md", "articles/a.md", "articles/c.md", "articles/more/d.md", "tags.md"]


def test_folder_entry_becomes_a_section_in_page_order() -> None:
    expanded = nav.expand_folders(
        [{"首页": "index.md"}, {"问答": "articles/"}, "tags.md"], PAGES, ["articles/c.md", "articles/a.md"]
    )
    assert expanded == [
        {"首页": "index.md"},
        {"问答": ["articles/c.md", "articles/a.md", "articles/b.md"]},
        "tags.md",
    ]


def test_bare_and_nested_folder_entries_are_expanded() -> None:
    assert nav.expand_folders(["articles/"], PAGES, []) == ["articles/a.md", "articles/b.md", "articles/c.md"]
    assert nav.expand_folders([{"更多": [{"子": "articles/more/"}]}], PAGES, []) == [
        {"更多": [{"子": ["articles/more/d.md"]}]}
    ]


def test_folder_without_pages_is_an_error() -> None:
    with pytest.raises(ValueError, match="empty/"):
        nav.expand_folders([{"空": "empty/"}], PAGES, [])


def test_a_large_folder_becomes_numbered_sections_in_page_order() -> None:
    pages = [f"articles/q{number:02}.md" for number in range(1, 8)]
    expanded = nav.expand_folders([{"问答": "articles/"}], pages, list(reversed(pages)), section_size=3)
    assert expanded == [{"问答": [
        {"第 1–3 问": ["articles/q07.md", "articles/q06.md", "articles/q05.md"]},
        {"第 4–6 问": ["articles/q04.md", "articles/q03.md", "articles/q02.md"]},
        {"第 7 问": ["articles/q01.md"]},
    ]}]
    # at the size or below: pages as they are
    assert nav.expand_folders(["articles/"], pages, [], section_size=7) == pages
    assert nav.is_sectioned([{"问答": "articles/"}], pages, 3)
    assert not nav.is_sectioned([{"问答": "articles/"}], pages, 7)
    assert nav.folders_in([{"首页": "index.md"}, {"更多": [{"子": "articles/more/"}]}, "articles/"]) == [
        "articles/more/", "articles/"]
    with pytest.raises(ValueError, match="at least 2"):
        nav.in_sections(pages, 1)


def test_large_folders_are_cut_into_flat_sections() -> None:
    for count in (1, 3, 4, 9, 10, 28):
        pages = [f"articles/q{number:03}.md" for number in range(count)]
        sections = nav.in_sections(pages, 3)
        flat = [page for entry in sections for page in (next(iter(entry.values())) if isinstance(entry, dict)
                                                        else [entry])]
        assert flat == pages
        assert all(len(next(iter(entry.values()))) <= 3 for entry in sections if isinstance(entry, dict))


def navigation_of(section_count: int, size: int = 3) -> tuple:
    """A MkDocs navigation of 首页 and 问答 with ``section_count`` sections of ``size`` pages."""
    from mkdocs.structure.files import File
    from mkdocs.structure.nav import Navigation, Section
    from mkdocs.structure.pages import Page

    def page(path: str) -> Page:
        return Page(None, File(path, "docs", "site", use_directory_urls=True), {})

    home = page("index.md")
    sections = [Section(f"第 {n} 组", [page(f"articles/q{n}-{i}.md") for i in range(size)])
                for n in range(section_count)]
    top = Section("问答", sections)
    for section in sections:
        section.parent = top
        for child in section.children:
            child.parent = section
    pages = [home, *(child for section in sections for child in section.children)]
    return Navigation([home, top], pages), sections


def test_a_page_of_a_section_shows_its_section_and_the_neighbouring_ones():
    navigation, sections = navigation_of(10)
    current = sections[4].children[1]
    current.active = True
    shown = nav.around(navigation, current)
    home, top = shown.items
    assert home is navigation.items[0] and top is not navigation.items[1]  # a copy, cut
    assert [section.title for section in top.children] == ["第 3 组", "第 4 组", "第 5 组"]
    assert top.children[1] is sections[4] and top.active and top.children[1].active
    assert not top.children[0].active and not navigation.items[1].children[0].active
    assert shown.homepage is home and shown.pages is navigation.pages
    # the first section has one neighbour; a page outside every section sees the navigation as it is
    assert [s.title for s in nav.around(navigation, sections[0].children[0]).items[1].children] == ["第 0 组", "第 1 组"]
    assert nav.around(navigation, home) is navigation


def test_page_order_file(tmp_path: Path) -> None:
    order_file = tmp_path / nav.ORDER_FILE
    assert nav.load_page_order(order_file) == []
    order_file.write_text("# generated\narticles:\n- articles/b.md\n- articles/a.md\n", encoding="utf-8")
    assert nav.load_page_order(order_file) == ["articles/b.md", "articles/a.md"]
    order_file.write_text("- articles/b.md\n", encoding="utf-8")
    with pytest.raises(ValueError, match="mapping"):
        nav.load_page_order(order_file)


# --- search assets -------------------------------------------------------------------------------------------------


def test_materials_search_worker_and_lunr_are_removed(tmp_path: Path) -> None:
    lunr = tmp_path / material.LUNR_FOLDER
    workers = tmp_path / material.WORKERS_FOLDER
    for path in (lunr / "tinyseg.js", lunr / "min" / "lunr.ja.min.js", workers / "search.a7633da7.min.js",
                 workers / "search.a7633da7.min.js.map", tmp_path / "assets" / "javascripts" / "share.js"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("//", encoding="utf-8")

    removed = material.remove_lunr(tmp_path)

    assert len(removed) == 4 and not lunr.exists() and not workers.exists()
    assert (tmp_path / "assets" / "javascripts" / "share.js").exists()
    assert material.remove_lunr(tmp_path) == []


# --- templates -----------------------------------------------------------------------------------------------------


def theme_env(language: str) -> tuple[Theme, Environment]:
    theme = Theme(name="material", custom_dir=str(ROOT / "overrides"), language=language)
    return theme, theme.get_env()


# Material's zh and zh-TW words for "search" show the strings come from the right file.
@pytest.mark.parametrize(("language", "search_label"), [("zh-Hans", "查找"), ("zh-Hant", "搜尋")])
def test_language_templates_name_the_script(language: str, search_label: str) -> None:
    theme, env = theme_env(language)
    strings = env.get_template("partials/language.html", None, {"config": {"theme": theme}}).module
    assert strings.t("language") == language
    assert strings.t("search") == search_label


#: Interface strings a converter gets right; the others are written out for Taiwan (複製連結, not 複製鏈接).
CONVERTIBLE_KEYS = ("zhkb.not_found", "zhkb.back_home", "zhkb.related", "zhkb.share", "zhkb.read_tip",
                    "zhkb.from_article", "zhkb.removed_title", "zhkb.removed_description", "zhkb.removed_go")
SITE_KEYS = (*CONVERTIBLE_KEYS, "zhkb.copied", "zhkb.copy_failed", "zhkb.search_dialog", "zhkb.og_locale",
             "zhkb.script")


def language_strings(language: str) -> LanguageStrings:
    theme, _ = theme_env(language)
    return LanguageStrings(SimpleNamespace(theme=theme))


def test_site_strings_of_the_traditional_site_are_the_converted_simplified_ones(
    to_traditional: traditional.Converter,
) -> None:
    hans, hant = language_strings("zh-Hans"), language_strings("zh-Hant")
    for key in CONVERTIBLE_KEYS:
        assert hant(key) == to_traditional(hans(key)), key
    assert (hans("zhkb.copied"), hant("zhkb.copied")) == ("已复制链接", "已複製連結")
    assert (hans("zhkb.og_locale"), hant("zhkb.og_locale")) == ("zh_CN", "zh_TW")
    assert (hans("zhkb.script"), hant("zhkb.script")) == ("hans", "hant")
    for key in SITE_KEYS:
        assert hans(key) and hant(key)
    with pytest.raises(ConfigurationError, match=r"zhkb\.nothing"):
        hans("zhkb.nothing")


def test_switch_template_shows_only_the_other_variants() -> None:
    _, env = theme_env("zh-Hans")
    html = env.get_template("partials/alternate.html").render(
        zhkb_alternates=alternate.page_alternates(ALTERNATES, "zh-Hans", "articles/win-over/")
    )
    assert 'href="../../zh-Hant/articles/win-over/"' in html
    assert 'hreflang="zh-Hant"' in html
    # Without a target, Material's own alternate script would rewrite the link.
    assert 'target="_self"' in html
    assert "简体" not in html


# --- the two configs -----------------------------------------------------------------------------------------------


def test_traditional_config_inherits_and_converts(to_traditional: traditional.Converter) -> None:
    simplified = load_mkdocs_yaml("mkdocs.yml")
    traditional_config = load_mkdocs_yaml("mkdocs.zh-Hant.yml")
    assert traditional_config["theme"]["language"] == "zh-Hant"
    assert traditional_config["docs_dir"] == simplified["docs_dir"]
    assert traditional_config["site_dir"] == "site/zh-Hant"
    assert "hooks" not in simplified and "hooks" not in traditional_config
    assert traditional_config["plugins"] == simplified["plugins"]
    # Written out for readers of the config, but must say what the conversion says.
    for key in ("site_name", "site_description"):
        assert traditional_config[key] == to_traditional(simplified[key])


@pytest.mark.parametrize("name", ["mkdocs.yml", "mkdocs.zh-Hant.yml"])
def test_each_variant_is_served_where_its_switch_entry_says(name: str) -> None:
    config = load_mkdocs_yaml(name)
    assert config["theme"]["font"] is False, "no web fonts"
    root = alternate.variant_root(config["extra"]["alternate"], config["theme"]["language"])
    assert urlsplit(config["site_url"]).path == root
    names = [next(iter(plugin)) if isinstance(plugin, dict) else plugin for plugin in config["plugins"]]
    assert names == ["search", "tags", "privacy", "zhkb"]
    assert config["extra"]["polyfills"], "Material's bundle would fetch a ResizeObserver polyfill from unpkg.com"
    assert "repo_url" not in config, "Material's bundle would ask the GitHub or GitLab API about the repository"
