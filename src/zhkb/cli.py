"""The ``zhkb`` command: ingest, build, serve (a live preview), check.

Exit status: 0 success; 1 input error (a source or curation file, named with
its line or byte offset); 2 usage error; 3 the site build failed; 4 `zhkb
check` found problems in the built site; 5 with ``--strict``, the review queue
("Kept, but please check" in the report) is not empty.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .build import BuildError, build_site
from .check import check_site
from .errors import InputError
from .ingest import ingest, write_output, write_traditional_report
from .site.tiplinks import MAP_FOLDER

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_BUILD, EXIT_CHECK, EXIT_REVIEW = 0, 1, 2, 3, 4, 5


def run_ingest(root: Path, encoding: str | None, traditional_report: bool = False) -> int:
    """Ingest and write (and, for a build, the Traditional report); the number of items in the review queue."""
    output = ingest(root, encoding)
    changed = write_output(root, output)
    if traditional_report:
        changed += write_traditional_report(root, output)
    tips = sum(len(a.tips) for a in output.articles)
    queue = output.review_queue
    print(f"ingested {len(output.articles)} articles, {tips} tips; "
          f"{len(changed)} files changed; {len(queue)} to check; report: reports/ingest.md")
    for notice in output.notices:
        where = f"{notice.path}:{notice.line}" + (f":{notice.column}" if notice.column else "")
        kind = "check" if notice.review else "notice"
        print(f"{kind}: {where}: {notice.message}" + (f": {notice.text}" if notice.text else ""), file=sys.stderr)
    return len(queue)


def run_build(root: Path) -> int:
    try:
        build_site(root)
    except BuildError as error:
        print(f"zhkb: the site build failed: {error}", file=sys.stderr)
        return EXIT_BUILD
    print("built site/ (Simplified) and site/zh-Hant/ (Traditional)")
    if (root / "site" / MAP_FOLDER).is_dir():
        print("tips are shared as links into their articles: a short page for every tip would pass the "
              "zhkb plugin's file_budget (tip_pages: auto; README, \"At scale\")")
    return EXIT_OK


def run_serve(root: Path, host: str, port: int) -> int:
    from .serve import serve  # MkDocs's live-reload server, only for this command

    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    try:
        serve(root, host, port)
    except BuildError as error:
        print(f"zhkb: the site build failed: {error}", file=sys.stderr)
        return EXIT_BUILD
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="zhkb", description="Raw Chinese Q&A text → bilingual knowledge-base site.")
    p.add_argument("--root", type=Path, default=Path("."), help="project root (default: current folder)")
    sub = p.add_subparsers(dest="command", required=True)
    for name, text in (("ingest", "sources/ → docs/ and reports/ingest.md"),
                       ("build", "ingest, then build site/ and site/zh-Hant/"),
                       ("serve", "live preview: build and serve site/, rebuild and reload on every change")):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--encoding", help="encoding of the source texts (default: detect)")
        cmd.add_argument("--strict", action="store_true",
                         help="exit with status 5 when the review queue of the report is not empty")
        if name == "serve":
            cmd.add_argument("--host", default="127.0.0.1")
            cmd.add_argument("--port", type=int, default=8000)
    check = sub.add_parser("check", help="verify the built site: links, anchors, published ids, other hosts")
    check.add_argument("--site", type=Path, help="built site folder (default: <root>/site)")
    return p


def run_check(root: Path, site: Path | None) -> int:
    problems = check_site(root, site)
    for problem in problems:
        print(f"check: {problem}", file=sys.stderr)
    if problems:
        print(f"zhkb: check found {len(problems)} problems", file=sys.stderr)
        return EXIT_CHECK
    print("check: every link, anchor and published id answers; no other host is referred to")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    root = args.root.resolve()
    if args.command == "check":
        return run_check(root, args.site.resolve() if args.site else None)
    try:
        to_check = run_ingest(root, args.encoding, traditional_report=args.command != "ingest")
    except InputError as exc:
        print(f"zhkb: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    if args.strict and to_check:
        print(f"zhkb: {to_check} kept lines to check (reports/ingest.md, \"Kept, but please check\")",
              file=sys.stderr)
        return EXIT_REVIEW
    if args.command == "ingest":
        return EXIT_OK
    if args.command == "build":
        return run_build(root)
    return run_serve(root, args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
