"""Generate a large source text for the ingest benchmark: N questions made of the seed's own sentences.

    python scripts/gen_large_source.py 10000 > /tmp/large.txt

The output looks like the seed (Traditional, ASCII commas, numbered points,
the same artefacts), so it exercises every cleaning rule; it is deterministic
for a given N and seed.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "sources" / "texts" / "000_ba3bf6fb9d9c93a8.txt"
DIGITS = "零壹貳叄肆伍陸柒捌玖"
UNITS = ((10000, "萬"), (1000, "仟"), (100, "佰"), (10, "拾"))
POINT_STYLES = ("{n}、", "第{cn},", "0{n} ")
CN = "一二三四五六七八九"


def financial_numeral(n: int) -> str:
    """1 → 壹, 12 → 壹拾貳, 305 → 叄佰零伍 (the question markers' numbering)."""
    out, pending_zero = "", False
    for value, unit in UNITS:
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if pending_zero else "") + DIGITS[digit] + unit
            pending_zero = False
        elif out:
            pending_zero = True
    if n:
        out += ("零" if pending_zero else "") + DIGITS[n]
    return out


def seed_sentences() -> list[str]:
    text = SEED_TEXT.read_text(encoding="utf-8")
    sentences = re.split(r"(?<=[。!?！？])", text.replace("\n", ""))
    return [s for s in sentences if 8 <= len(s) <= 120 and "『" not in s]


def generate(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    sentences = seed_sentences()
    lines = []
    for number in range(1, count + 1):
        lines.append(f"『{financial_numeral(number)}』 {rng.choice(sentences)[:24].rstrip('。!?！？,')}第{number}問")
        lines.append(rng.choice(sentences))
        style = rng.choice(POINT_STYLES)
        for point in range(1, rng.randint(2, 6)):
            marker = style.format(n=point, cn=CN[point - 1])
            lines.append(marker + rng.choice(sentences)[:14].rstrip("。,") + "。" + rng.choice(sentences))
        if number % 50 == 0:
            lines.append("銷售技巧-網路")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int, help="number of questions")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.stdout.write(generate(args.count, args.seed))


if __name__ == "__main__":
    main()
