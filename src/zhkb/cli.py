"""The ``zhkb`` command: ingest, build, serve.

Exit status: 0 success; 1 input error (a source or curation file, named with
its line or byte offset); 2 usage error; 3 the site build failed; 4 `zhkb
check` found problems in the built site; 5 with ``--strict``, the review queue
("Kept, but please check" in the report) is not empty.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
from pathlib import Path

from .check import check_site
from .errors import InputError
from .ingest import ingest, write_output, write_traditional_report
from .serve import make_server

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_BUILD, EXIT_CHECK, EXIT_REVIEW = 0, 1, 2, 3, 4, 5
#: built in this order: the first build empties all of site/
MKDOCS_CONFIGS = ("mkdocs.yml", "mkdocs.zh-Hant.yml")


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
    for config in MKDOCS_CONFIGS:
        # NO_MKDOCS_2_WARNING: Material's end-of-life banner is not news on every build.
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", config],
                                cwd=root, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        if result.returncode != 0:
            print(f"zhkb: mkdocs build of {config} failed", file=sys.stderr)
            return EXIT_BUILD
    print("built site/ (Simplified) and site/zh-Hant/ (Traditional)")
    return EXIT_OK


def serve(root: Path, host: str, port: int) -> None:
    with make_server(root / "site", host, port) as server:
        print(f"serving http://{host}:{port}/ (Simplified) and http://{host}:{port}/zh-Hant/ (Traditional)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="zhkb", description="Raw Chinese Q&A text → bilingual knowledge-base site.")
    p.add_argument("--root", type=Path, default=Path("."), help="project root (default: current folder)")
    sub = p.add_subparsers(dest="command", required=True)
    for name, text in (("ingest", "sources/ → docs/ and reports/ingest.md"),
                       ("build", "ingest, then build site/ and site/zh-Hant/"),
                       ("serve", "build, then serve site/ on http://127.0.0.1:8000/")):
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
    status = run_build(root)
    if status != EXIT_OK or args.command == "build":
        return status
    serve(root, args.host, args.port)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
