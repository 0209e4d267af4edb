"""Write one site variant's search bundle: Pagefind's index, zhkb's lexicon and rules, zhkb's JavaScript.

    <folder>/pagefind.js, wasm.unknown.pagefind, pagefind-entry.json, filter/*.pf_filter,
             pagefind.<language>_<hash>.pf_meta, index/*.pf_index, fragment/*.pf_fragment
                                                       Pagefind's bundle (its own JS runs queries)
    <folder>/zhkb/rules.json                           character map, stop words, synonyms, lexicon size
    <folder>/zhkb/lexicon/<n>.json                     the query-side dictionary (zhkb.search.lexicon)
    <folder>/zhkb/*.js                                 zhkb's query planner, ranking and search worker

Pagefind runs as the binary its wheel ships (no network), found through
its Python package.  Records are added in URL order, so the same pages give the same
bundle, byte for byte.  Pagefind's own user interfaces and playground are
not written or are removed: zhkb's code renders the results.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pagefind.service import get_executable

from zhkb.search import prominence
from zhkb.search.lexicon import Lexicon, buckets, build_lexicon
from zhkb.search.records import LANGUAGES, TOP_FILTER, Record
from zhkb.search.rules import QueryRules

#: What zhkb keeps of Pagefind's output (names or, for folders, their names with a slash).
PAGEFIND_KEPT = ("pagefind.js", "pagefind-entry.json", "index/", "fragment/", "filter/")
PAGEFIND_KEPT_SUFFIXES = (".pf_meta", ".pagefind")

#: zhkb's own files, in a subfolder of the bundle.
ZHKB_FOLDER = "zhkb"
RULES_FILE = f"{ZHKB_FOLDER}/rules.json"
LEXICON_FOLDER = f"{ZHKB_FOLDER}/lexicon"

#: zhkb's JavaScript, shipped as package data (``zhkb/search/assets``).
ASSETS = resources.files("zhkb.search") / "assets"


@dataclass(frozen=True)
class BundleSummary:
    folder: Path
    pages: int
    sections: int
    words: int
    lexicon_buckets: int


@dataclass(frozen=True)
class BundleFiles:
    """A bundle's files, relative to its folder."""

    #: What every search loads: Pagefind's code, WebAssembly, entry, metadata and filters; zhkb's code,
    #: rules and lexicon.
    core: list[str]
    #: What a query loads as it needs it: index chunks and page fragments.
    on_demand: list[str]


#: Pagefind's files that a query loads as it needs them.
ON_DEMAND_FOLDERS = ("index", "fragment")

#: Absolute URLs in Pagefind's JavaScript that no page ever requests, for ``zhkb check``: both are
#: the base ``new URL()`` parses a site-relative URL against, and are cut off the result again.
INERT_URLS = {
    "pagefind.js": {
        "https://example.com${anchored_url}": "base URL for parsing a result's anchored URL; never fetched",
        "https://example.com${normalized}": "base URL for adding highlight parameters to a URL; never fetched",
    },
}


def bundle_files(folder: Path) -> BundleFiles:
    """The files of the bundle in ``folder``."""
    core, on_demand = [], []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(folder).as_posix()
        name = path.relative_to(folder).parts[0] + ("/" if path.parent != folder else "")
        if name.rstrip("/") in ON_DEMAND_FOLDERS:
            on_demand.append(relative)
        elif name in PAGEFIND_KEPT or path.suffix in PAGEFIND_KEPT_SUFFIXES or name == f"{ZHKB_FOLDER}/":
            core.append(relative)
    return BundleFiles(core, on_demand)


class BundleError(RuntimeError):
    """Pagefind failed on a record (the message names it)."""


def _index(folder: Path, records: Sequence[Record], top: dict[str, list[str]]) -> None:
    """Index the records with the Pagefind binary the wheel ships; keep what zhkb uses of its output in ``folder``.

    The records' HTML files go into a scratch folder, and so does Pagefind's
    output.  The command line rather than Pagefind's Python API: the API answers one
    request per 0.1 s (it polls its service's output), so adding 10,000 records
    one by one takes 17 minutes, and on a busy machine it closed its service
    before the service had finished writing (a truncated ``wasm.unknown.pagefind``).
    The command exits when everything is written.
    """
    with tempfile.TemporaryDirectory(prefix="zhkb-search-") as scratch:
        site, output = Path(scratch) / "records", Path(scratch) / "pagefind"
        for record in records:
            file = site / record.url.strip("/") / "index.html"
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(record.html(top.get(record.url, ())), encoding="utf-8")
        command = [str(pagefind_executable()), "--site", str(site), "--output-path", str(output), "--silent"]
        completed = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
        if completed.returncode != 0:
            raise BundleError(f"Pagefind failed ({completed.returncode}): {completed.stderr.strip()[-2000:]}")
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        indexed = sum(language["page_count"] for language in entry["languages"].values())
        if indexed != len(records):
            raise BundleError(f"Pagefind indexed {indexed} of {len(records)} records")
        for path in sorted(output.iterdir()):
            name = path.name + ("/" if path.is_dir() else "")
            if name in PAGEFIND_KEPT or path.suffix in PAGEFIND_KEPT_SUFFIXES:
                shutil.move(path, folder / path.name)


def pagefind_executable() -> Path:
    """The Pagefind binary of the pinned wheel (``pagefind[extended]``)."""
    found = get_executable()
    if found is None:
        raise BundleError("no Pagefind binary: install the project's requirements (pagefind[extended])")
    return found


def _clear(folder: Path) -> None:
    """Remove a previous bundle from ``folder``, and nothing else (the site keeps other files there)."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        name = path.name + ("/" if path.is_dir() else "")
        if name in PAGEFIND_KEPT or path.suffix in PAGEFIND_KEPT_SUFFIXES or name == f"{ZHKB_FOLDER}/":
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def rules_json(rules: QueryRules, lexicon: Lexicon, language: str, page_count: int, section_count: int,
               common: int, bundle_tag: str) -> str:
    data = {
        "script": rules.script,
        "language": language,
        "pageCount": page_count,
        "sectionCount": section_count,
        "commonSections": common,
        "topFilter": TOP_FILTER,
        "bundleTag": bundle_tag,
        "charMap": rules.char_map,
        "stopWords": rules.stop_words,
        "synonyms": rules.synonyms,
        "lexiconBuckets": lexicon.bucket_count,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def write_bundle(folder: Path, records: Sequence[Record], rules: QueryRules,
                 common_least: int = prominence.COMMON_LEAST) -> BundleSummary:
    """Write the search bundle of one site variant (``rules.script``) into ``folder``, replacing a previous one.

    ``common_least``: the fewest sections that make a word common (zhkb.search.prominence); tests lower it
    to search a small corpus as a large one is searched.
    """
    records = sorted(records, key=lambda r: r.url)
    if len({r.url for r in records}) != len(records):
        raise BundleError("two search records have the same URL")
    if any(not r.url.endswith("/") or r.url.startswith("/") or ".." in r.url for r in records):
        raise BundleError("search record URLs are folders relative to the site root ('articles/x/')")
    _clear(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lexicon = build_lexicon(words for record in records for _anchor, words in record.sections)
    section_count = sum(len(r.sections) for r in records)
    common = prominence.common_sections(section_count, common_least)
    _index(folder, records, prominence.top_words(records, lexicon, common))
    lexicon_folder = folder / LEXICON_FOLDER
    lexicon_folder.mkdir(parents=True)
    for number, text in enumerate(buckets(lexicon)):
        (lexicon_folder / f"{number}.json").write_text(text, encoding="utf-8")
    # Pagefind's entry file names the hash of every index file: a tag that changes with the index.
    tag = hashlib.sha256((folder / "pagefind-entry.json").read_bytes()).hexdigest()[:12]
    (folder / RULES_FILE).write_text(rules_json(rules, lexicon, LANGUAGES[rules.script], len(records),
                                                section_count, common, tag),
                                     encoding="utf-8")
    for asset in sorted(ASSETS.iterdir(), key=lambda a: a.name):
        if asset.name.endswith(".js"):
            (folder / ZHKB_FOLDER / asset.name).write_text(asset.read_text(encoding="utf-8"), encoding="utf-8")
    return BundleSummary(folder, len(records), sum(len(r.sections) for r in records), len(lexicon.frequency),
                         lexicon.bucket_count)
