"""Ingest (and optionally build) generated sources of growing size; print time and peak memory.

    python scripts/bench_ingest.py                 # 1,000 and 10,000 questions, ingest only
    python scripts/bench_ingest.py --build 10000   # also build both site variants

Each size runs in a fresh process in a scratch copy of the project, so peak
memory (max RSS) is that run's own. Memory per question staying flat as the
input grows is what shows that memory does not grow with its square.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the test tooling: a generated corpus

from support.site import use_generated_source  # noqa: E402

CHILD = """
import json, resource, sys, time
from pathlib import Path
from zhkb.ingest import ingest, write_output
root = Path(sys.argv[1])
start = time.perf_counter()
output = ingest(root)
write_output(root, output)
seconds = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024, "articles": len(output.articles),
                  "tips": sum(len(a.tips) for a in output.articles)}))
"""


def scratch_project(count: int, folder: Path) -> Path:
    for name in ("sources", "docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    for name in ("mkdocs.yml", "mkdocs.zh-Hant.yml"):
        shutil.copy(ROOT / name, folder / name)
    return use_generated_source(folder, count)


def run_build(folder: Path) -> tuple[float, float]:
    start = time.perf_counter()
    peak = 0.0
    for config in ("mkdocs.yml", "mkdocs.zh-Hant.yml"):
        result = subprocess.run(
            ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", config],
            cwd=folder, capture_output=True, text=True, check=True,
            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        peak = max(peak, int(result.stderr.strip().splitlines()[-1]) / 1024)
    return time.perf_counter() - start, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--build", action="store_true", help="also build both variants with mkdocs")
    args = parser.parse_args()
    print(f"{'questions':>9} {'articles':>8} {'tips':>6} {'ingest s':>9} {'peak MiB':>9} {'KiB/question':>12}"
          + (f" {'build s':>8} {'build MiB':>9}" if args.build else ""))
    for count in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = scratch_project(count, Path(tmp))
            result = subprocess.run([sys.executable, "-c", CHILD, str(folder)], capture_output=True, text=True,
                                    check=True)
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            line = (f"{count:>9} {figures['articles']:>8} {figures['tips']:>6} {figures['seconds']:>9.1f} "
                    f"{figures['peak_mib']:>9.0f} {figures['peak_mib'] * 1024 / count:>12.1f}")
            if args.build:
                seconds, peak = run_build(folder)
                line += f" {seconds:>8.1f} {peak:>9.0f}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
