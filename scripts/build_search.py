"""Write the Pagefind search bundles of a built site (both variants), with zhkb's word cuts, rules and ranking.

    python scripts/build_search.py [--site site] [--target search]
    python scripts/build_search.py --material [--site site]   # and make the site's search box use it

Phase 1 of issue 10: the site layer is being turned into a plugin, which will
call zhkb.search from its page events; until then this indexes a built site.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from zhkb.search.built_site import Sources, build_site_search, install_in_material_site

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--target", default="search", help="bundle folder in each variant (default: search)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project whose sources/ to use")
    parser.add_argument("--material", action="store_true",
                        help="replace Material's lunr search in the built site (search/, the pages' worker)")
    args = parser.parse_args()
    start = time.perf_counter()
    sources = Sources.of_project(args.root)
    if args.material:
        summaries = install_in_material_site(args.site, sources)
    else:
        summaries = build_site_search(args.site, sources, args.target)
    for script, summary in summaries.items():
        print(f"{script}: {summary.pages} pages, {summary.sections} sections, {summary.words} words, "
              f"{summary.lexicon_buckets} lexicon buckets -> {summary.folder}")
    print(f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
