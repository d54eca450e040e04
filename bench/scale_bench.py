"""Scale benchmark: each reader page, uncached, on PostgreSQL archives of several sizes.

Run: .venv/bin/python bench/scale_bench.py [--sizes 10000,100000,1000000]

Each size is its own synthetic archive in the PostgreSQL database
newsroom_web_bench_N, built once by ``generate_archive`` as bench/web_bench.py
builds its own (a million articles take about 17 minutes). One gunicorn
per size serves it with production settings and the whole-page cache off;
all of them run at once, and each page is loaded on every size back to back,
so the sizes of one page are compared under the same load of the machine.
For each page and size: requests per second, median, 90th and 99th
percentile latency under wrk, the machine's load average while it ran, and
the first request's time: a cold start, before the numbers kept under the
content generation (counts, charts) exist, as after any edit.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.web_bench import VAR, Server, environment, machine, manage, prepare  # noqa: E402

# Flat: a page's median at the largest size is at most this many times its median
# at the smallest (issue 22).
FLAT = 1.5
COMMON_WORD = "bridge"  # drawn from the fixed vocabulary: in nearly every article
# A rare word finds about 50 articles whatever the archive's size (bench/probe.py
# picks it), so each size ranks and shows as many hits; the same word at every
# size is measured too, and finds more in a bigger archive.
SAME_RARE_WORD = "term05000"


@dataclass
class Row:
    page: str
    articles: int
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    first_ms: float
    errors: int
    load: float  # one-minute load average after the page's load


def pages(found: dict) -> dict[str, str]:
    place = found["district"]
    return {
        "home": "/",
        "list, one place, page 1": f"/articles/?district={place}",
        "list, one place, page 500": f"/articles/?district={place}&page=500",
        "article": found["article_url"],
        "place page": f"/districts/{place}/",
        "search, common word": f"/search/?q={COMMON_WORD}",
        "search, rare word": f"/search/?q={found['rare_word']}",
        "search, the same rare word": f"/search/?q={SAME_RARE_WORD}",
        "API list": "/api/articles/",
    }


def first_request(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
        if response.status != 200:
            sys.exit(f"{url} answered {response.status}")
    return (time.perf_counter() - started) * 1000


def load(url: str, seconds: int, connections: int) -> tuple[float, float, float, float, int]:
    """req/s, p50, p90 and p99 ms, and failed responses of ``url`` under wrk."""
    subprocess.run(["wrk", "-t2", "-c2", "-d1s", url], check=True, capture_output=True)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return rps, _ms(out, "50%"), _ms(out, "90%"), _ms(out, "99%"), errors


def _ms(out: str, percentile: str) -> float:
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def table(rows: list[Row]) -> str:
    lines = [
        "| page | articles | req/s | p50 ms | p90 ms | p99 ms | first request ms | load |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        errors = f" ({r.errors} failed)" if r.errors else ""
        lines.append(
            f"| {r.page}{errors} | {r.articles:,} | {r.rps:,.0f} | {r.p50_ms:.1f} | "
            f"{r.p90_ms:.1f} | {r.p99_ms:.1f} | {r.first_ms:,.0f} | {r.load:.2f} |"
        )
    return "\n".join(lines)


def summary(rows: list[Row], sizes: list[int]) -> str:
    """Each page's median at every size, and the largest against the smallest."""
    small, large = sizes[0], sizes[-1]
    lines = [
        "| page | " + " | ".join(f"p50 ms at {n:,}" for n in sizes) + f" | {large:,} / {small:,} |",
        "| --- | " + " | ".join("---:" for _ in sizes) + " | ---: |",
    ]
    for page in dict.fromkeys(r.page for r in rows):
        median = {r.articles: r.p50_ms for r in rows if r.page == page}
        ratio = median[large] / median[small]
        verdict = "" if ratio <= FLAT else f" (over {FLAT}×)"
        lines.append(
            f"| {page} | "
            + " | ".join(f"{median[n]:.1f}" for n in sizes)
            + f" | {ratio:.2f}×{verdict} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--seconds", type=int, default=10, help="load per page (default 10)")
    # Few connections: latency is then the server's own time, not time queued.
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--out", type=Path, default=VAR / "scale.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk; `make bench` does it).")
    sizes = sorted(int(n) for n in args.sizes.split(","))
    VAR.mkdir(parents=True, exist_ok=True)
    manage(
        environment("sqlite", sizes[0], page_cache=False, conn_max_age=0),
        "collectstatic",
        "--noinput",
        "-v0",
    )
    found = {n: prepare("postgres", n) for n in sizes}
    started = time.strftime("%Y-%m-%d %H:%M")
    load_before = os.getloadavg()
    rows: list[Row] = []
    with contextlib.ExitStack() as running:
        servers = [
            running.enter_context(
                Server(environment("postgres", n, page_cache=False, conn_max_age=600), 8720 + i)
            )
            for i, n in enumerate(sizes)
        ]
        for page in pages(found[sizes[0]]):
            for n, server in zip(sizes, servers, strict=True):
                url = server.url + pages(found[n])[page]
                first = first_request(url)
                rps, p50, p90, p99, errors = load(url, args.seconds, args.connections)
                rows.append(Row(page, n, rps, p50, p90, p99, first, errors, os.getloadavg()[0]))
                print(f"  {page:28} {n:>9,} {p50:8.1f} ms {rps:7.0f} req/s", flush=True)
    report = [
        f"PostgreSQL, synthetic archives of {', '.join(f'{n:,}' for n in sizes)} articles; "
        f"page cache off; gunicorn, {os.cpu_count()} sync workers per size; wrk, "
        f"{args.connections} connections, {args.seconds} s per page and size; {started}; "
        f"{machine()}; load average before {load_before[0]:.2f}, {load_before[1]:.2f}, "
        f"{load_before[2]:.2f}.",
        "",
        summary(rows, sizes),
        "",
        table(rows),
    ]
    text = "\n".join(report)
    args.out.write_text(text + "\n")
    print()
    print(text)
    print(f"\nWritten to {args.out}")


if __name__ == "__main__":
    main()
