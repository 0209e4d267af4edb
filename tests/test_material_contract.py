"""The contract with Material for MkDocs: every fact zhkb.site.material states, checked on the installed version.

mkdocs-material is pinned; when an upgrade breaks a fact, the test named after it fails here.
"""

from __future__ import annotations

import inspect
import json
import re
import subprocess
from pathlib import Path

import material
from material.plugins.search.plugin import SearchIndex, SearchPlugin

from zhkb.site import material as internals

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = internals.TEMPLATES


def test_the_pinned_version_is_installed():
    assert material.__version__ == internals.VERSION
    assert f'"mkdocs-material=={internals.VERSION}"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    internals.check_version()


def test_assets_carry_a_content_hash_in_their_names():
    assets = [path.name for path in (TEMPLATES / "assets").rglob("*.min.*") if path.suffix in (".js", ".css")]
    hashed = [name for name in assets if internals.HASHED_NAME.search(name)]
    assert {"bundle", "main", "palette", "search"} <= {name.split(".")[0] for name in hashed}
    # a hashed name changes with the content: the file's hash is in its source map too
    bundle = next((TEMPLATES / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert internals.HASHED_NAME.search(bundle.name)


def test_the_search_worker_is_named_by_base_html_through_the_url_filter():
    worker = internals.search_worker()
    assert (TEMPLATES / worker).is_file()
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    assert f'"search": "{worker}" | url' in base


def test_the_worker_speaks_the_message_numbers_we_send():
    """Material's own worker, run in Node: SETUP (0) is answered READY (1), QUERY (2) is answered RESULT (3)."""
    script = f"""
    const vm = require("vm"), fs = require("fs")
    const posted = [], listeners = []
    const scope = {{ console, URL, location: new URL("http://localhost/"),
      addEventListener: (type, listener) => listeners.push(listener), postMessage: m => posted.push(m) }}
    scope.self = scope
    vm.createContext(scope)
    vm.runInContext(fs.readFileSync({json.dumps(str(TEMPLATES / internals.search_worker()))}, "utf8"), scope)
    const M = {json.dumps(dict(internals.WORKER_MESSAGES))}
    const send = async message => {{
      const before = posted.length
      listeners.forEach(listener => listener({{ data: message }}))
      while (posted.length === before) await new Promise(resolve => setImmediate(resolve))
      return posted[posted.length - 1]
    }}
    ;(async () => {{
      const docs = [{{ location: "a/", title: "Price", text: "price objections" }}]
      const config = {{ lang: ["en"], separator: "[\\\\s]+", pipeline: [], fields: {{ title: {{ boost: 1 }}, text: {{ boost: 1 }} }} }}
      const ready = await send({{ type: M.SETUP, data: {{ config, docs, options: {{ suggest: false }} }} }})
      const result = await send({{ type: M.QUERY, data: "price" }})
      console.log(JSON.stringify([ready.type, result.type, result.data.items[0][0].location]))
    }})()
    """
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [internals.WORKER_MESSAGES["READY"], internals.WORKER_MESSAGES["RESULT"], "a/"]


def test_the_search_index_adds_each_page_in_one_call_and_writes_its_config_without_documents(tmp_path):
    source = inspect.getsource(SearchPlugin.on_page_context)
    assert "self.search_index.add_entry_from_context(page)" in source
    plugin = SearchPlugin()
    plugin.search_index = SearchIndex(lang=["zh"], separator="[\\s]+", pipeline=[], fields={})
    internals.stop_indexing(plugin)
    plugin.search_index.add_entry_from_context(object())  # a page: not parsed, not added
    data = json.loads(plugin.search_index.generate_search_index(None))
    assert data == {"config": {"lang": ["zh"], "separator": "[\\s]+", "pipeline": [], "fields": {}}, "docs": []}
    assert '"search_index.json"' in inspect.getsource(SearchPlugin.on_post_build)
    assert internals.SEARCH_INDEX == "search/search_index.json"


def test_lunr_and_the_search_worker_are_where_we_remove_them_from():
    assert (TEMPLATES / internals.LUNR_FOLDER / "min" / "lunr.stemmer.support.min.js").is_file()
    assert len(list((TEMPLATES / internals.WORKERS_FOLDER).glob("search.*.min.js"))) == 1


def test_the_search_dialog_is_written_without_a_name():
    search = (TEMPLATES / "partials" / "search.html").read_text(encoding="utf-8")
    assert search.count(internals.SEARCH_DIALOG) == 1
    named = internals.name_search_dialog(f"<body>{internals.SEARCH_DIALOG}</div></body>", "搜尋")
    assert 'role="dialog" aria-label="搜尋">' in named
    assert internals.name_search_dialog("<body></body>", "搜索") == "<body></body>"


def test_base_html_writes_alternate_links_as_we_remove_them():
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" href="{{ alt.link | url }}" hreflang="{{ alt.lang | d(lang.t(\'language\')) }}">' in base
    head = ('<head>\n  <link rel="alternate" href="/" hreflang="zh-Hans">\n'
            '  <link rel="alternate" href="/zh-Hant/" hreflang="zh-Hant">\n'
            '  <link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">\n</head>')
    out = internals.without_alternate_links(head)
    assert 'hreflang="zh-Han' not in out and "application/rss+xml" in out


def test_the_bundle_looks_up_a_sitemap_beside_every_alternate_link_once():
    bundle = next((TEMPLATES / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert bundle.count(internals.SITEMAP_LOOKUP_SELECTOR) == 1
    narrowed = internals.narrow_sitemap_lookup(bundle)
    assert narrowed.count(internals.OPT_IN_SITEMAP_SELECTOR) == 1 and internals.SITEMAP_LOOKUP_SELECTOR not in narrowed
    assert internals.narrow_sitemap_lookup(narrowed) == narrowed


#: Any absolute URL a browser could be sent to, in the style of zhkb.check (wider: template strings too).
URL = re.compile(r"(?:https?:)?//(?:[a-z0-9.-]+\.[a-z]{2,}|\$\{)[^\s\"'`)<>\\]*", re.I)


def test_materials_assets_hold_no_remote_url_but_the_inert_ones():
    found = {}
    for pattern in internals.INERT_THEME_URLS:
        for path in TEMPLATES.glob(pattern):
            urls = {url for url in URL.findall(path.read_text(encoding="utf-8"))
                    if not url.startswith(("http://www.w3.org/", "//"))}
            found[pattern] = {url for url in urls if not internals.is_inert_theme_url(str(path), url)}
    assert found == {pattern: set() for pattern in internals.INERT_THEME_URLS}
    # and every inert URL is still there: the list names nothing that is gone
    for pattern, urls in internals.INERT_THEME_URLS.items():
        text = "".join(path.read_text(encoding="utf-8") for path in TEMPLATES.glob(pattern))
        assert all(url in text for url in urls), pattern


def test_the_partials_the_site_overrides_are_still_included_where_we_expect():
    for partial, includer in internals.OVERRIDDEN_PARTIALS.items():
        assert f'{{% include "{partial}" %}}' in (TEMPLATES / includer).read_text(encoding="utf-8"), partial
        assert (ROOT / "overrides" / partial).is_file()
    for language in ("zh", "zh-TW"):  # the strings our language partials build on
        assert (TEMPLATES / "partials" / "languages" / f"{language}.html").is_file()


def test_the_bundle_leaves_alternate_links_with_a_target_alone():
    bundle = next((TEMPLATES / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert bundle.count(internals.ALTERNATE_CLICK_GUARD) == 1
    assert 'target="_self"' in (ROOT / "overrides" / "partials" / "alternate.html").read_text(encoding="utf-8")
