"""Import benchmark: N synthetic captures into a fresh SQLite archive.

Run: .venv/bin/python bench/import_bench.py [--files 10000]
Prints files per second and the importer's peak memory for a small and the
full run, so that flat memory can be seen (peak should not grow with N).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_captures import write_captures  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def run_import(folder: Path, workdir: Path) -> tuple[float, float, str]:
    # Production settings: with debug on, Django records every query in memory.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"} | {
        "DJANGO_SECRET_KEY": "benchmark-only-" + "x" * 40,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "DJANGO_VAR_DIR": str(workdir),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run(
        [*manage, "import_coverage", str(folder)], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    peak_mb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    if result.returncode != 0:
        sys.exit(f"import failed:\n{result.stderr[-2000:]}")
    return elapsed, peak_mb, result.stdout.strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=10_000)
    args = parser.parse_args()
    rows = []
    for count in sorted({max(args.files // 10, 1), args.files}):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "captures"
            write_captures(folder, count)
            elapsed, peak_mb, summary = run_import(folder, Path(tmp))
            rows.append((count, elapsed, count / elapsed, peak_mb, summary))
    print(f"{'files':>8} {'seconds':>8} {'files/s':>8} {'peak MB':>8}")
    for count, elapsed, rate, peak_mb, _ in rows:
        print(f"{count:>8} {elapsed:>8.1f} {rate:>8.0f} {peak_mb:>8.0f}")
    print(rows[-1][4])


if __name__ == "__main__":
    main()
