"""Write one site variant's search bundle: Pagefind's index, zhkb's lexicon and rules, zhkb's JavaScript.

    <folder>/pagefind.js, wasm.unknown.pagefind, pagefind-entry.json, filter/*.pf_filter,
             pagefind.<language>_<hash>.pf_meta, index/*.pf_index
                                                       Pagefind's bundle (its own JS runs queries)
    <folder>/fragment/<language>_<n>.pf_pack           Pagefind's page fragments, packed (below)
    <folder>/zhkb/rules.json                           character map, stop words, synonyms, lexicon size
    <folder>/zhkb/lexicon/<n>.json                     the query-side dictionary (zhkb.search.lexicon)
    <folder>/zhkb/*.js                                 zhkb's query planner, ranking and search worker

Pagefind runs as the binary its wheel ships (no network), found through
its Python package.  Records are added in URL order, so the same pages give the same
bundle, byte for byte.  Pagefind's own user interfaces and playground are
not written or are removed: zhkb's code renders the results.

Pagefind writes one fragment file per page, which a site of 10,000 questions
cannot afford in each variant (issue 10: 40,000 files for both).  So the
fragments are packed :data:`FRAGMENTS_PER_PACK` to a file on average, each into
the pack its hash names (:func:`fragment_pack`): a pack is a JSON line (hash →
offset and length of its fragment) followed by the fragments' bytes, as
Pagefind wrote them (compressed).  ``zhkb-search.js`` (``packedFetch``) answers
Pagefind's request for a fragment from its pack, fetched once.  A query
fetches the packs of the pages it shows, a couple of KB more than their fragments.
"""

from __future__ import annotations

import hashlib
import json
import math
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

#: Fragments per pack, on average: few, because a query fetches a pack for each page it shows.
FRAGMENTS_PER_PACK = 2
FRAGMENT_SUFFIX = ".pf_fragment"
PACK_SUFFIX = ".pf_pack"

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


def pack_count(fragments: int) -> int:
    """How many packs ``fragments`` page fragments go into."""
    return max(1, math.ceil(fragments / FRAGMENTS_PER_PACK))


def fragment_pack(fragment_hash: str, packs: int) -> int:
    """The pack of the fragment whose hash (hex) is ``fragment_hash``: its last 8 digits modulo ``packs``, the
    same in JavaScript (``packedFetch``), where numbers are exact up to 2^53."""
    return int(fragment_hash[-8:], 16) % packs


@dataclass(frozen=True)
class Packs:
    count: int
    #: Part of every pack's name, from all their bytes: packs are served as immutable (a year), so a new
    #: build whose fragments changed must name them anew.
    tag: str


def pack_name(language: str, number: int, tag: str) -> str:
    return f"{language}_{number}_{tag}{PACK_SUFFIX}"


def pack_fragments(folder: Path) -> Packs:
    """Replace ``folder``'s fragment files (``<language>_<hash>.pf_fragment``) by packs."""
    fragments = sorted(folder.glob(f"*{FRAGMENT_SUFFIX}"))
    count = pack_count(len(fragments))
    members: dict[tuple[str, int], list[tuple[str, bytes]]] = {}
    for path in fragments:
        language, _, fragment_hash = path.name.removesuffix(FRAGMENT_SUFFIX).rpartition("_")
        members.setdefault((language, fragment_pack(fragment_hash, count)), []).append(
            (fragment_hash, path.read_bytes()))
        path.unlink()
    packs = {}
    for key, fragments_in_pack in sorted(members.items()):
        offsets, offset = {}, 0
        for fragment_hash, data in fragments_in_pack:
            offsets[fragment_hash] = [offset, len(data)]
            offset += len(data)
        header = json.dumps(offsets, separators=(",", ":"), sort_keys=True).encode("ascii") + b"\n"
        packs[key] = header + b"".join(data for _, data in fragments_in_pack)
    digest = hashlib.sha256()
    for (language, number), data in packs.items():
        digest.update(f"{language}_{number}:{len(data)}:".encode())
        digest.update(data)
    tag = digest.hexdigest()[:10]
    for (language, number), data in packs.items():
        (folder / pack_name(language, number, tag)).write_bytes(data)
    return Packs(count, tag)


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
               common: int, bundle_tag: str, packs: Packs) -> str:
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
        "fragmentPacks": packs.count,
        "fragmentPackTag": packs.tag,
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
    packs = pack_fragments(folder / "fragment")
    lexicon_folder = folder / LEXICON_FOLDER
    lexicon_folder.mkdir(parents=True)
    for number, text in enumerate(buckets(lexicon)):
        (lexicon_folder / f"{number}.json").write_text(text, encoding="utf-8")
    # Pagefind's entry file names the hash of every index file: a tag that changes with the index.
    tag = hashlib.sha256((folder / "pagefind-entry.json").read_bytes()).hexdigest()[:12]
    (folder / RULES_FILE).write_text(rules_json(rules, lexicon, LANGUAGES[rules.script], len(records),
                                                section_count, common, tag, packs),
                                     encoding="utf-8")
    for asset in sorted(ASSETS.iterdir(), key=lambda a: a.name):
        if asset.name.endswith(".js"):
            (folder / ZHKB_FOLDER / asset.name).write_text(asset.read_text(encoding="utf-8"), encoding="utf-8")
    return BundleSummary(folder, len(records), sum(len(r.sections) for r in records), len(lexicon.frequency),
                         lexicon.bucket_count)
