"""Benchmark the Pagefind search at phone conditions: ready after load, query latency, bytes of the first query.

    python scripts/bench_search_phone.py --site DIR [--site DIR ...] [--queries FILE] [--rounds N]

Each ``--site`` is a built site whose search is zhkb's (``scripts/build_search.py --material``).
For each site and variant, in Debian's Chromium at phone size, with
Lighthouse's mobile conditions (CPU slowed 4×, slow 4G: 150 ms round trip,
1.6 Mbit/s down, 750 kbit/s up) and a server that gzips like a production host:

- ready: from the page's load event to the search saying it is ready
  (Material's placeholder changes when the worker answers its setup);
- first query: bytes the server sent between ready and the first query's
  results (index chunks, lexicon buckets, fragments), gzipped, headers
  included, and its latency;
- query latency after the first: median and p95 over the query set, typed a
  character at a time as an input method commits it (zhkb.searchbox),
  from the last key release to results that stop changing; the first time
  each query is typed (it downloads its index chunks, lexicon buckets and
  fragments), and again (what it needs is loaded: the search's own time).

Scratch for issue 10 phase 1; ``make bench --large N`` will run it next to the build benchmarks.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support import searcheval
from support.browser import PHONE, WITHOUT_WORKER, launch
from support.searchbox import WATCH_SCRIPT, SearchBox

from zhkb.serve import TransferLog, serving

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}

#: Lighthouse's mobile ("slow 4G") conditions, in DevTools units (bytes per second, ms).
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4

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


def bench(browser, base: str, log: TransferLog, variant: str, queries: list[str], rounds: int) -> dict:
    context = browser.new_context(**PHONE, **WITHOUT_WORKER)
    context.add_init_script(WATCH_SCRIPT)
    context.add_init_script(READY_WATCH)
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.emulateNetworkConditions", SLOW_4G)
    devtools.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    log.clear()
    page.goto(base + VARIANTS[variant], wait_until="load")
    page.wait_for_function("() => window.__zhkbReady.ready !== null && window.__zhkbReady.load !== null",
                           timeout=120_000)
    watch = page.evaluate("() => window.__zhkbReady")
    ready_ms = watch["ready"] - watch["load"]
    bytes_to_ready = log.total()
    box = SearchBox(page, quiet_ms=400)
    box.focus()
    log.clear()
    first = box.search(queries[0])
    first_bytes = log.by_path()
    cold, warm = [], []
    for round_number in range(rounds):
        for query in queries[1:]:
            (cold if round_number == 0 else warm).append(box.search(query).latency_ms)
    context.close()
    return {
        "ready_ms": ready_ms,
        "bytes_to_ready": bytes_to_ready,
        "first_query": queries[0],
        "first_query_ms": first.latency_ms,
        "first_query_bytes": sum(size for _, size in first_bytes),
        "first_query_files": first_bytes,
        "p50_ms": searcheval.median(cold),
        "p95_ms": searcheval.percentile(cold, 0.95),
        "searches": len(cold),
        "warm_p50_ms": searcheval.median(warm) if warm else None,
        "warm_p95_ms": searcheval.percentile(warm, 0.95) if warm else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, action="append", required=True)
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "data" / "queries-public.tsv")
    parser.add_argument("--rounds", type=int, default=2,
                        help="times the query set is typed: the first time loads what each query needs")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    queries = [q.text for q in searcheval.load_queries(args.queries)]
    print(f"phone search benchmark: CPU ÷{CPU_SLOWDOWN}, slow 4G (150 ms, 1.6 Mbit/s), gzip; "
          f"{os.cpu_count()} CPUs shared; queries {args.queries.name}")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for site in args.site:
            log = TransferLog()
            with serving(site, production=True, transfer_log=log) as base:
                for variant in VARIANTS:
                    r = bench(browser, base, log, variant, queries, args.rounds)
                    print(f"{site} {variant}: ready {r['ready_ms']:.0f} ms after load "
                          f"({r['bytes_to_ready'] / 1024:.1f} KB to ready); first query {r['first_query']} "
                          f"{r['first_query_ms']:.0f} ms, {r['first_query_bytes'] / 1024:.1f} KB; "
                          f"then p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms ({r['searches']} searches)"
                          + (f"; typed again: p50 {r['warm_p50_ms']:.0f} ms, p95 {r['warm_p95_ms']:.0f} ms"
                             if r["warm_p50_ms"] is not None else ""))
                    if args.verbose:
                        for path, size in r["first_query_files"]:
                            print(f"    {size / 1024:7.1f} KB  {path}")
        browser.close()


if __name__ == "__main__":
    main()
