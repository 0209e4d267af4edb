"""Benchmark zhkb at the bundled corpus's size and at a large generated one, side by side, in one run.

    python scripts/bench.py                          # the bundled corpus only
    python scripts/bench.py --large 10000            # and 10,000 generated questions
    python scripts/bench.py --large 10000 --before /tmp/old   # and the build of an older checkout, same corpus
    python scripts/bench.py --large-project DIR      # a large project already ingested and built (its site/)

For each corpus:

- build: ingest, then both variants built by ``zhkb build``'s code (``zhkb.build.build_site``) in a
  fresh process: wall time and peak memory (max RSS); with ``--before``, the same project's
  variants built by the older checkout's ``mkdocs build`` (its hooks or plugin), right after;
- site: size (sum of file sizes) and file count, per variant and in all;
- phone search, per variant, in Debian's Chromium at 390×844 with Lighthouse's mobile conditions
  (CPU slowed 4×, slow 4G: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up) through DevTools, served
  by nginx with the README's configuration (gzip), service worker blocked:
  - ready: from the page's load event to the search saying it is ready (Material's result meta
    changes when the worker answers its setup);
  - first query: bytes nginx sent (headers included) from ready to the first query's results, and
    its latency;
  - p50 / p95: latency of the other queries of the set, typed a character at a time as an input
    method commits them (``support.searchbox``), from the last key release to results that stop
    changing: the first time each is typed ("cold": it loads what it needs), and typed again ("warm").

The machine's load average is printed with the figures: timings on a shared machine move with it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the test tooling: browsers, nginx, search evaluation

from support import searcheval  # noqa: E402
from support.browser import PHONE, WITHOUT_WORKER, launch  # noqa: E402
from support.nginx import TransferLog, nginx_serving  # noqa: E402
from support.searchbox import WATCH_SCRIPT, SearchBox  # noqa: E402
from support.site import use_generated_source  # noqa: E402

VARIANTS = {"zh-Hans": "", "zh-Hant": "zh-Hant"}
#: Lighthouse's mobile ("slow 4G") conditions, in DevTools units (bytes per second, ms).
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4
PROJECT_PARTS = ("sources", "docs", "overrides", "mkdocs.yml", "mkdocs.zh-Hant.yml")

#: When the page's load event fired and when the search said it was ready (page clock, ms).
READY_WATCH = """
(() => {
  const watch = window.__zhkbReady = { load: null, ready: null }
  addEventListener("load", () => { watch.load = performance.now() })
  document.addEventListener("DOMContentLoaded", () => {
    const meta = document.querySelector("[data-md-component=search-result] > :first-child")
    if (!meta) return
    const initial = meta.textContent
    new MutationObserver(() => {
      if (watch.ready === null && meta.textContent !== initial) watch.ready = performance.now()
    }).observe(meta, { childList: true, characterData: true, subtree: true })
  })
})()
"""

#: Each answer of the search worker with the time each of its steps took (with --verbose): when the
#: worker received the query, started it, posted the answer and the page got it, from the last key
#: release (ms; the clocks of page and worker compared through performance.timeOrigin).
TIMINGS_WATCH = """
(() => {
  const Native = window.Worker
  window.__zhkbTimings = []
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", event => {
        const timings = event.data && event.data.data && event.data.data.timings
        if (!timings)
          return
        const keyup = performance.timeOrigin + window.__zhkbSearchWatch.keyup
        const { received, started, posted, ...steps } = timings
        const arrived = performance.now() - window.__zhkbSearchWatch.keyup
        window.__zhkbTimings.push({ received: received - keyup, started: started - keyup, ...steps,
                                    posted: posted - keyup, arrived })
      })
    }
  }
})()
"""

#: Measured in a fresh process: the time and peak memory of ingesting, and of building both variants.
INGEST_CHILD = """
import json, resource, sys, time
from pathlib import Path
from zhkb.ingest import ingest, write_output
start = time.perf_counter()
output = ingest(Path(sys.argv[1]))
write_output(Path(sys.argv[1]), output)
print(json.dumps({"seconds": time.perf_counter() - start, "articles": len(output.articles),
                  "tips": sum(len(article.tips) for article in output.articles),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
BUILD_CHILD = """
import json, resource, sys, time
from pathlib import Path
from zhkb.build import build_site
start = time.perf_counter()
build_site(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@dataclass
class Corpus:
    name: str
    project: Path
    articles: int = 0
    tips: int = 0
    figures: dict[str, str] = field(default_factory=dict)


def load() -> str:
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def run_child(code: str, folder: Path, env: dict[str, str] | None = None) -> dict:
    completed = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr[-3000:])
    return json.loads(completed.stdout.strip().splitlines()[-1])


def scratch_project(folder: Path, questions: int | None, code: Path = ROOT) -> Path:
    """A copy of the project at ``code`` (its sources, configuration and, for an older checkout, hooks);
    with ``questions``, its texts replaced by a generated source of that many questions
    (``scripts/gen_large_source.py``, this checkout's) and its ids forgotten."""
    ignored = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "__pycache__")
    for part in (*PROJECT_PARTS, "hooks"):
        source = code / part
        if source.is_dir():
            shutil.copytree(source, folder / part, ignore=ignored)
        elif source.exists():
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, folder / part)
    if questions is not None:
        use_generated_source(folder, questions)
    return folder


def bench_before(before: Path, folder: Path, questions: int | None) -> dict[str, str]:
    """Ingest and build ``questions`` (or the bundled corpus) with the code of the checkout ``before``:
    its own package first on the path, its configs and hooks, ``mkdocs build`` per variant as it did."""
    project = scratch_project(folder, questions, before)
    env = {"PYTHONPATH": str(before.resolve() / "src")}
    ingested = run_child(INGEST_CHILD, project, env)
    start = time.perf_counter()
    peak = 0.0
    for config in ("mkdocs.yml", "mkdocs.zh-Hant.yml"):
        completed = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "mkdocs", "build", "--quiet",
                                    "-f", config], cwd=project, capture_output=True, text=True,
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
        if completed.returncode != 0:
            raise RuntimeError(completed.stderr[-3000:])
        peak = max(peak, int(completed.stderr.strip().splitlines()[-1]) / 1024)
    seconds = time.perf_counter() - start
    size, files = site_size(project / "site")["both"]
    shutil.rmtree(project)
    return {f"ingest, code of {before.name}": f"{ingested['seconds']:.0f} s, {ingested['peak_mib']:.0f} MiB",
            f"build, code of {before.name}": f"{seconds:.0f} s, {peak:.0f} MiB",
            f"site, code of {before.name}": f"{size / 2**20:.1f} MiB, {files:,} files"}


def site_size(site: Path) -> dict[str, tuple[int, int]]:
    """Bytes and files of each variant (the Simplified one without the Traditional folder), and in all."""
    sizes = {}
    for variant, folder in VARIANTS.items():
        files = [path for path in (site / folder).rglob("*") if path.is_file()
                 and (folder or path.relative_to(site).parts[0] != VARIANTS["zh-Hant"])]
        sizes[variant] = (sum(path.stat().st_size for path in files), len(files))
    sizes["both"] = (sum(size for size, _ in sizes.values()), sum(count for _, count in sizes.values()))
    return sizes


@dataclass
class PhoneSearch:
    ready_ms: float
    first_ms: float
    first_bytes: int
    first_files: list[tuple[str, int]]
    cold: list[float]
    warm: list[float]


def phone_search(browser, base: str, log: TransferLog, variant: str, queries: list[str], verbose: bool) -> PhoneSearch:
    context = browser.new_context(**PHONE, **WITHOUT_WORKER)
    context.add_init_script(WATCH_SCRIPT)
    context.add_init_script(READY_WATCH)
    context.add_init_script(TIMINGS_WATCH)
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.emulateNetworkConditions", SLOW_4G)
    devtools.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(base + (VARIANTS[variant] + "/" if VARIANTS[variant] else ""), wait_until="load")
    page.wait_for_function("() => window.__zhkbReady.ready !== null && window.__zhkbReady.load !== null",
                           timeout=120_000)
    watch = page.evaluate("() => window.__zhkbReady")
    box = SearchBox(page, quiet_ms=400)
    box.focus()
    log.clear()
    first = box.search(queries[0])
    first_files = log.by_path()
    cold, warm = [], []
    for round_number, latencies in enumerate((cold, warm)):
        for query in queries[1:]:
            outcome = box.search(query)
            latencies.append(outcome.latency_ms)
            if verbose:
                kind = "cold" if round_number == 0 else "warm"
                steps = page.evaluate("() => window.__zhkbTimings.splice(0)")
                last = " ".join(f"{name} {value:.0f}" for name, value in (steps[-1] if steps else {}).items())
                print(f"      {variant} {kind} {outcome.latency_ms:7.0f} ms  {query}  [{len(steps)} answers; "
                      f"last: {last}]")
    context.close()
    return PhoneSearch(watch["ready"] - watch["load"], first.latency_ms, sum(size for _, size in first_files),
                       first_files, cold, warm)


def bench_corpus(corpus: Corpus, before: Path | None, questions: int | None, build: bool) -> None:
    figures = corpus.figures
    if build:
        ingested = run_child(INGEST_CHILD, corpus.project)
        corpus.articles, corpus.tips = ingested["articles"], ingested["tips"]
        figures["ingest"] = f"{ingested['seconds']:.0f} s, {ingested['peak_mib']:.0f} MiB"
        print(f"  {corpus.name}: ingested ({load()})", flush=True)
        built = run_child(BUILD_CHILD, corpus.project)
        figures["build (both variants)"] = f"{built['seconds']:.0f} s, {built['peak_mib']:.0f} MiB"
        print(f"  {corpus.name}: built ({load()})", flush=True)
        if before is not None:
            figures.update(bench_before(before, corpus.project.with_name(corpus.project.name + "-before"), questions))
            print(f"  {corpus.name}: ingested and built by {before} ({load()})", flush=True)
    else:
        import yaml

        order = yaml.safe_load((corpus.project / "docs" / ".nav.yml").read_text(encoding="utf-8"))
        corpus.articles = sum(len(pages) for pages in order.values())
    for variant, (size, count) in site_size(corpus.project / "site").items():
        figures[f"site {variant}"] = f"{size / 2**20:.1f} MiB, {count:,} files"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--large", type=int, help="also a generated corpus of this many questions")
    parser.add_argument("--large-project", type=Path,
                        help="a large project already ingested and built (its site/), instead of --large")
    parser.add_argument("--before", type=Path, help="an older checkout whose build is timed on the same corpora")
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "data" / "queries-public.tsv")
    parser.add_argument("--keep", type=Path, help="keep the projects built here (a folder)")
    parser.add_argument("--verbose", action="store_true", help="print each query's latency")
    args = parser.parse_args()
    queries = [query.text for query in searcheval.load_queries(args.queries)]
    print(f"zhkb benchmark: {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), {load()}")
    with tempfile.TemporaryDirectory(prefix="zhkb-bench-") as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        corpora = [Corpus("bundled", scratch_project(work / "bundled", None))]
        if args.large_project:
            corpora.append(Corpus("large", args.large_project.resolve()))
        elif args.large:
            corpora.append(Corpus(f"{args.large:,} questions", scratch_project(work / f"large-{args.large}",
                                                                              args.large)))
        for corpus, questions in zip(corpora, [None, args.large], strict=False):
            bench_corpus(corpus, args.before, questions, build=corpus.project.parent == work)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            print(f"phone search: Chromium {browser.version}, CPU ÷{CPU_SLOWDOWN}, slow 4G (150 ms, 1.6 Mbit/s), "
                  f"nginx gzip; queries {args.queries.name} ({len(queries)})", flush=True)
            for corpus in corpora:
                log_site = corpus.project / "site"
                with nginx_serving(log_site) as (base, log):
                    for variant in VARIANTS:
                        found = phone_search(browser, base, log, variant, queries, args.verbose)
                        corpus.figures[f"search {variant}: ready"] = f"{found.ready_ms:.0f} ms"
                        corpus.figures[f"search {variant}: first query"] = (
                            f"{found.first_ms:.0f} ms, {found.first_bytes / 1024:.1f} KB")
                        corpus.figures[f"search {variant}: p50 / p95 cold"] = (
                            f"{searcheval.median(found.cold):.0f} / {searcheval.percentile(found.cold, 0.95):.0f} ms")
                        corpus.figures[f"search {variant}: p50 / p95 warm"] = (
                            f"{searcheval.median(found.warm):.0f} / {searcheval.percentile(found.warm, 0.95):.0f} ms")
                        print(f"  {corpus.name} {variant}: searched ({load()})", flush=True)
                        if args.verbose:
                            for path, size in found.first_files:
                                print(f"      first query: {size / 1024:7.1f} KB  {path}")
            browser.close()
    names = [f"{corpus.name} ({corpus.articles:,} articles)" for corpus in corpora]
    keys = list(dict.fromkeys(key for corpus in corpora for key in corpus.figures))
    width = max(map(len, keys))
    print()
    print(f"{'':{width}}  " + "  ".join(f"{name:>28}" for name in names))
    for key in keys:
        print(f"{key:{width}}  " + "  ".join(f"{corpus.figures.get(key, '-'):>28}" for corpus in corpora))
    print(f"({load()} at the end)")


if __name__ == "__main__":
    main()
