"""Benchmark search: relevance, latency a reader feels, and index size, per site variant.

    python scripts/bench_search.py [--site DIR] [--queries FILE] [--rounds N] [--throttle RATE]
                                   [--device phone|desktop] [--screenshots DIR] [--verbose]

Builds both variants into a temporary folder (or uses ``--site``), then types
every query of the set into each variant's real search box (``support.searchbox``:
a character at a time, as an input method commits it) with the CPU slowed
down ``--throttle`` times through the DevTools protocol, and prints:

- recall@1, recall@5 and MRR on the set (``support.searcheval``: the set's hit rule);
- latency from the last key release to results that stop changing, median
  and p95 over all rounds;
- the size of the search index and of the query rules, raw and gzipped.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import platform
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the test tooling: browsers, nginx, search evaluation

from support import searcheval  # noqa: E402
from support.browser import CHROMIUM, DESKTOP, PHONE, launch  # noqa: E402
from support.nginx import nginx_serving  # noqa: E402
from support.searchbox import SearchBox  # noqa: E402
from support.site import build_site  # noqa: E402

from zhkb.convert import convert  # noqa: E402
from zhkb.search.bundle import RULES_FILE, bundle_files  # noqa: E402

VARIANTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
DEVICES = {"phone": PHONE, "desktop": DESKTOP}
BUNDLE = "search"


def sizes(*paths: Path) -> str:
    """Raw and gzipped bytes (Pagefind's index files are gzipped already: counted as they are)."""
    raw = packed = 0
    for path in paths:
        data = path.read_bytes()
        raw += len(data)
        packed += len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 9))
    return f"{raw / 1024:.1f} KiB raw, {packed / 1024:.1f} KiB gzipped ({len(paths)} files)"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}"



def bench_variant(browser, base: str, site: Path, variant: str, queries: list[searcheval.Query],
                  args: argparse.Namespace) -> None:
    to_simplified = functools.partial(convert, direction="t2s", overrides_dir=ROOT / "sources" / "opencc")
    # A snippet also as the Traditional site writes it: its Taiwan words (质量: 品質) do not convert back.
    to_traditional = functools.partial(convert, direction="s2tw", overrides_dir=ROOT / "sources" / "opencc")
    judge = searcheval.HitJudge(site, to_simplified, [to_traditional])
    context = browser.new_context(**DEVICES[args.device])
    box = SearchBox.open(context, base + VARIANTS[variant])
    box.throttle_cpu(args.throttle)
    first_hits: list[int | None] = []
    latencies: list[float] = []
    for round_number in range(args.rounds):
        for query in queries:
            outcome = box.search(query.text)
            latencies.append(outcome.latency_ms)
            if round_number == 0:
                first_hits.append(judge.first_hit(query, [searcheval.site_path(link.href) for link in outcome.links]))
            if args.verbose:
                print(f"    {variant} round {round_number + 1}: {outcome.latency_ms:6.1f} ms  "
                      f"first hit {first_hits[queries.index(query)]}  {query.text}")
    if args.screenshots:
        box.throttle_cpu(1)
        box.search("客户嫌贵怎么办" if variant == "zh-Hans" else "客戶嫌貴怎麼辦")
        args.screenshots.mkdir(parents=True, exist_ok=True)
        box.page.screenshot(path=str(args.screenshots / f"search-{variant}.png"))
    context.close()
    relevance = searcheval.relevance(first_hits)
    folder = site / VARIANTS[variant]
    print(f"{variant}:")
    print(f"  relevance      recall@1 {relevance.recall_at_1:.2f}  recall@5 {relevance.recall_at_5:.2f}  "
          f"MRR {relevance.mrr:.2f}  ({relevance.queries} queries)")
    print(f"  latency        median {searcheval.median(latencies):.1f} ms  "
          f"p95 {searcheval.percentile(latencies, 0.95):.1f} ms  "
          f"({len(latencies)} searches, CPU throttled {args.throttle:g}×, {args.device})")
    files = bundle_files(folder / BUNDLE)
    print(f"  search core    {sizes(*(folder / BUNDLE / name for name in files.core))}  (code, rules, lexicon)")
    print(f"  on demand      {sizes(*(folder / BUNDLE / name for name in files.on_demand))}  (index chunks, fragments)")
    print(f"  query rules    {sizes(folder / BUNDLE / RULES_FILE)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an already built site (default: build one in a temporary folder)")
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "data" / "queries-public.tsv")
    parser.add_argument("--rounds", type=int, default=3, help="times each query is typed, for latency")
    parser.add_argument("--throttle", type=float, default=4, help="CPU slow-down rate (DevTools)")
    parser.add_argument("--device", choices=DEVICES, default="phone")
    parser.add_argument("--screenshots", type=Path, help="also save a screenshot of a search per variant here")
    parser.add_argument("--verbose", action="store_true", help="print each search's latency and first hit")
    args = parser.parse_args()
    queries = searcheval.load_queries(args.queries)
    with tempfile.TemporaryDirectory(prefix="zhkb-bench-") as scratch:
        site = args.site or build_site(Path(scratch) / "site")
        with nginx_serving(site) as (base, _log), sync_playwright() as playwright:
            browser = launch(playwright)
            query_set = args.queries.relative_to(ROOT) if args.queries.is_relative_to(ROOT) else args.queries
            print(f"search benchmark: {query_set}, {machine()}, Chromium {browser.version} ({CHROMIUM})")
            for variant in VARIANTS:
                bench_variant(browser, base, site, variant, queries, args)
            browser.close()


if __name__ == "__main__":
    main()
