"""The web benchmark run on two versions of the code, one after the other, in one run.

Run: .venv/bin/python bench/compare.py --before REV [web_bench options]

REV (a commit, tag or branch) is checked out into var/bench/code-REV (a git
worktree); each version serves its own synthetic archive, built by its own
code, and is loaded page by page by its own bench/web_bench.py with the same
options. The report puts each page's throughput side by side with the share
that the current code keeps of the earlier one's.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def worktree(rev: str) -> Path:
    commit = subprocess.check_output(["git", "rev-parse", "--short", rev], cwd=ROOT, text=True)
    path = ROOT / "var" / "bench" / f"code-{commit.strip()}"
    if not path.exists():
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(path), commit.strip()], cwd=ROOT, check=True
        )
    return path


def measure(code: Path, label: str, options: list[str]) -> dict[tuple, float]:
    out = ROOT / "var" / "bench" / f"results-{label}.md"
    print(f"== {label}: {code}", flush=True)
    subprocess.run(
        [PYTHON, str(code / "bench" / "web_bench.py"), *options, "--out", str(out)], check=True
    )
    rows = {}
    for line in out.read_text().splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 8 and re.fullmatch(r"[\d,]+", cells[3]):
            page = re.sub(r" \(\d+ failed\)$", "", cells[2])
            rows[(cells[0], cells[1], page)] = float(cells[3].replace(",", ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--before", required=True, help="the earlier commit to compare with")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench" / "compare.md")
    args, options = parser.parse_known_args()
    before = measure(worktree(args.before), "before", options)
    after = measure(ROOT, "after", options)
    lines = [
        f"web_bench.py {' '.join(options)}; before: {args.before}; {time.strftime('%Y-%m-%d')}.",
        "",
        "| database | mode | page | before req/s | after req/s | after / before |",
        "| --- | --- | --- | ---: | ---: | ---: |",
    ]
    for key in after:
        if key in before:
            lines.append(
                f"| {' | '.join(key)} | {before[key]:,.0f} | {after[key]:,.0f} | "
                f"{after[key] / before[key]:.0%} |"
            )
    text = "\n".join(lines)
    args.out.write_text(text + "\n")
    print("\n" + text + f"\n\nWritten to {args.out}")


if __name__ == "__main__":
    main()
