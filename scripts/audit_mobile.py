"""Audit the site as a phone reads it: Lighthouse, axe-core and the weight of a first view.

    python scripts/audit_mobile.py [--site DIR] [--out DIR] [--skip-lighthouse] [--skip-axe] [--runs N]

Builds both variants into a scratch folder (or audits ``--site``), serves them
with Debian's nginx and the README's configuration (``tests/support/nginx.py``)
and prints:

- Lighthouse 12 (npm ``lighthouse``, mobile, Debian's Chromium) for the home
  page, an article and a tag page of each variant: every category's score,
  the median of ``--runs`` runs (performance varies with the machine's load);
- axe-core (npm ``axe-core``) on every page of both variants, short tip pages
  and 404 included, in the light and the dark scheme: violations by impact;
- the bytes a first view of an article transfers, counted at the server:
  the page itself, and with the service worker's install.

Targets (README, "Phone audit"): every Lighthouse category at least 95, no
axe violation of serious or critical impact, a first view of at most 120 KB.
Exits 1 when one is missed.  Not part of ``make test``: Lighthouse is slow
and its performance score varies from run to run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the test tooling: browsers, nginx, search evaluation

from support.browser import CHROMIUM, PHONE, launch  # noqa: E402
from support.nginx import TransferLog, nginx_serving  # noqa: E402
from support.site import REDIRECT, build_site  # noqa: E402

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LIGHTHOUSE_PAGES = {
    "home": "",
    "article": "articles/win-over/",
    "tag page": "tags/",
}
VARIANTS = {"简体": "", "繁體": "zh-Hant/"}
ARTICLE = "articles/win-over/"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_TARGET = 95
FIRST_VIEW_BUDGET = 120 * 1024
SERIOUS = ("serious", "critical")
#: A short tip page sends the reader on at once; axe audits it without the redirect.
SHORT_PAGE = re.compile(r"(^|/)t/t\d+/$")


# --- the site ---------------------------------------------------------------------------------


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, relative to its root (``zh-Hant/t/t12/``)."""
    pages = ["" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
             for p in sorted(site.rglob("index.html"))]
    return [*pages, "404.html", "zh-Hant/404.html"]


@contextlib.contextmanager
def serve(site: Path) -> Iterator[tuple[str, TransferLog]]:
    """Serve ``site`` with nginx on port 8000 (the configured ``site_url``) when free, else on any port."""
    with nginx_serving(site, port=8000 if _port_free(8000) else 0) as served:
        yield served


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


# --- Lighthouse -------------------------------------------------------------------------------


def lighthouse(url: str, report: Path) -> dict:
    """Run Lighthouse (mobile, its defaults) on ``url``; return its JSON report."""
    command = [
        "npx", "--no-install", "lighthouse", url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    return json.loads(report.read_text(encoding="utf-8"))


def lighthouse_summary(result: dict) -> tuple[dict[str, int], list[str], int]:
    """Scores by category (0-100), the failed audits that weigh on a score, and the total bytes."""
    scores = {name: round(category["score"] * 100) for name, category in result["categories"].items()}
    weighted = {ref["id"] for category in result["categories"].values() for ref in category["auditRefs"]
                if ref["weight"] > 0}
    failed = [f"{audit_id} ({audit.get('displayValue') or audit['title']})"
              for audit_id, audit in result["audits"].items()
              if audit_id in weighted and audit.get("score") is not None and audit["score"] < 0.9]
    total = int(result["audits"]["total-byte-weight"]["numericValue"])
    return scores, failed, total


def run_lighthouse(base: str, out: Path, runs: int = 1) -> bool:
    """Every page ``runs`` times; the median score of each category (Lighthouse's advice for noisy machines)."""
    ok = True
    print(f"\nLighthouse 12.2.3, mobile (scores 0-100, median of {runs} run(s); total bytes of the load)")
    print(f"  {'page':<16}" + "".join(f"{name:>16}" for name in LIGHTHOUSE_CATEGORIES) + f"{'bytes':>10}")
    for variant, prefix in VARIANTS.items():
        for name, path in LIGHTHOUSE_PAGES.items():
            label = f"{variant} {name}"
            results = []
            for run in range(runs):
                report = out / f"lighthouse-{prefix.strip('/') or 'hans'}-{name.replace(' ', '-')}-{run + 1}.json"
                results.append(lighthouse_summary(lighthouse(base + prefix + path, report)))
            scores = {c: int(statistics.median(r[0][c] for r in results)) for c in LIGHTHOUSE_CATEGORIES}
            total = int(statistics.median(r[2] for r in results))
            runs_seen = "" if runs == 1 else "  (performance " + ", ".join(
                str(r[0]["performance"]) for r in results) + ")"
            print(f"  {label:<16}" + "".join(f"{scores[c]:>16}" for c in LIGHTHOUSE_CATEGORIES) + f"{total:>10}"
                  + runs_seen)
            for audit in sorted({audit for result in results for audit in result[1]}):
                print(f"      below 90 in a run: {audit}")
            ok &= all(score >= LIGHTHOUSE_TARGET for score in scores.values())
    return ok


# --- axe-core ---------------------------------------------------------------------------------


def run_axe(base: str, site: Path) -> bool:
    pages = site_pages(site)
    axe = AXE.read_text(encoding="utf-8")
    impacts: Counter[str] = Counter()
    serious: dict[str, set[str]] = {}
    with sync_playwright() as pw:
        browser = launch(pw)
        for scheme in ("light", "dark"):
            context = browser.new_context(**PHONE, color_scheme=scheme, service_workers="block")
            context.route(re.compile(r".*/t/t\d+/$"), _without_redirect)
            page = context.new_page()
            for path in pages:
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.add_script_tag(content=axe)
                result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
                for violation in result["violations"]:
                    impacts[violation["impact"]] += 1
                    if violation["impact"] in SERIOUS:
                        serious.setdefault(f"{violation['id']} ({violation['impact']})", set()).add(
                            f"{scheme} {path or '/'}")
            context.close()
        browser.close()
    short = sum(1 for p in pages if SHORT_PAGE.search(p))
    print(f"\naxe-core 4.10.3: {len(pages)} pages ({short} short tip pages), light and dark scheme")
    print("  violations by impact: " + (", ".join(f"{k} {v}" for k, v in sorted(impacts.items())) or "none"))
    for rule, where in sorted(serious.items()):
        print(f"  {rule}: {len(where)} pages, e.g. {sorted(where)[:3]}")
    return not serious


def _without_redirect(route) -> None:
    response = route.fetch()
    route.fulfill(response=response, body=REDIRECT.sub("", response.text()))


# --- the first view ---------------------------------------------------------------------------


def run_first_view(base: str, log: TransferLog) -> bool:
    """Bytes sent for a first view of an article, counted at the server, from a fresh browser."""
    with sync_playwright() as pw:
        browser = launch(pw)
        context = browser.new_context(**PHONE)
        page = context.new_page()
        log.clear()
        page.goto(base + ARTICLE)
        page.wait_for_load_state("load")
        page_bytes, page_files = log.total(settle=False), len(log.by_path(settle=False))
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        time.sleep(2)  # the worker's install and activation fetch in the background
        page.wait_for_load_state("networkidle")
        total = log.total()
        context.close()
        browser.close()
    print(f"\nFirst view of /{ARTICLE} (bytes sent by the server, headers included, gzip, fresh browser)")
    print(f"  until the load event: {page_bytes / 1024:.1f} KB in {page_files} files")
    print(f"  in all, with the search index and the service worker's install: {total / 1024:.1f} KB"
          f" (budget {FIRST_VIEW_BUDGET // 1024} KB)")
    for path, size in log.by_path():
        print(f"    {size / 1024:6.1f} KB  {path}")
    return total <= FIRST_VIEW_BUDGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site to audit (default: build one)")
    parser.add_argument("--out", type=Path, help="where to keep the Lighthouse reports (default: a scratch folder)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-axe", action="store_true")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median counts (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zhkb-audit-") as scratch:
        site = args.site or build_site(Path(scratch) / "site")
        out = args.out or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        with serve(site) as (base, log):
            print(f"site {site}, served by nginx at {base} with the README's configuration")
            ok = run_first_view(base, log)
            if not args.skip_lighthouse:
                ok &= run_lighthouse(base, out, args.runs)
            if not args.skip_axe:
                ok &= run_axe(base, site)
    print("\nall targets met" if ok else "\nsome targets missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
