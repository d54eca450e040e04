"""Web benchmark: the reader pages of a 100,000-article archive against Django's floor.

Run: make bench   (or .venv/bin/python bench/web_bench.py --help)

For each database (SQLite, then PostgreSQL) it builds the synthetic archive
once (kept under var/bench/ and in the PostgreSQL database newsroom_web_bench_N),
serves it with gunicorn and production settings (newsroom/gunicorn.conf.py,
DEBUG off, hashed and compressed static files), loads each page with wrk over
loopback for a bounded time, and prints requests per second, median and 99th
percentile latency, and the ratio to the floor: a bare HttpResponse("ok") view
served by the same server, with the same middleware, in the same run.
Two reference pages (bench/urls.py) show what the article page's target
leaves room for: the article page's own lookup of a public article (one
ORM query), answered with the headline alone, and the same article in the
site's base template with only its headline and paragraphs.

Pages are measured twice: with the whole-page cache off ("uncached": every
request renders) and on, with Redis as the shared cache ("cached"). On
PostgreSQL the filtered list is also measured without persistent connections.
Then, as in production, nginx (deploy/nginx.conf) goes in front of the cached
server: pages "through nginx" come from its shared cache, and "revalidated"
pages are the app's 304 answers to If-None-Match, both against the same
server's floor. Without nginx (`make nginx` installs it) those lines are left
out, saying so.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
SECRET = "benchmark-only-" + "x" * 40
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
NGINX = shutil.which("nginx") or (
    "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None
)
REDIS_URL = "redis://127.0.0.1:6379/14"


@dataclass
class Row:
    database: str
    page: str
    mode: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    floor_rps: float  # the floor in the same server
    bare_floor_rps: float  # the floor with the page cache off: no cache lookups at all

    @property
    def ratio(self) -> float:
        return self.rps / self.floor_rps if self.floor_rps else 0.0


def database_url(database: str, articles: int) -> str:
    if database == "sqlite":
        return f"sqlite:///{VAR / f'archive-{articles}.sqlite3'}"
    return f"postgres://postgres@127.0.0.1:5432/newsroom_web_bench_{articles}"


def environment(database: str, articles: int, *, page_cache: bool, conn_max_age: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
    return env | {
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": SECRET,
        "DATABASE_URL": database_url(database, articles),
        "DJANGO_CONN_MAX_AGE": str(conn_max_age),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: no TLS to redirect to.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(VAR / "static"),
        "DJANGO_VAR_DIR": str(VAR),
        "PAGE_CACHE_SECONDS": "300" if page_cache else "0",
        "CACHE_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"bench-{database}-{time.time_ns()}",
        "DJANGO_LOG_LEVEL": "WARNING",
        # What the app servers behind deploy/nginx.conf are given.
        "ARCHIVE_TRUSTED_PROXIES": "1",
        "ARCHIVE_MEDIA_ACCEL_REDIRECT": "/protected-media/",
    }


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def fresh_database(database: str, articles: int, *, drop: bool) -> None:
    """Create the benchmark database if missing; with ``drop``, start it anew."""
    if database == "sqlite":
        if drop:
            for path in VAR.glob(f"archive-{articles}.sqlite3*"):
                path.unlink()
        return
    import psycopg

    name = f"newsroom_web_bench_{articles}"
    with psycopg.connect(
        PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
    ) as c:
        if drop:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            c.execute(f'CREATE DATABASE "{name}"')


def probe(env: dict) -> dict:
    return json.loads(subprocess.check_output([PYTHON, str(ROOT / "bench" / "probe.py")], env=env))


def prepare(database: str, articles: int) -> dict:
    """Build the archive once; return what the pages to load need (see bench/probe.py)."""
    env = environment(database, articles, page_cache=False, conn_max_age=0)
    fresh_database(database, articles, drop=False)
    manage(env, "migrate", "-v0")
    found = probe(env)
    if found["synthetic"] != articles or found["articles"] != articles:
        print(f"{database}: generating {articles:,} synthetic articles (once)...", flush=True)
        fresh_database(database, articles, drop=True)
        manage(env, "migrate", "-v0")
        manage(env, "generate_archive", "--articles", str(articles))
        found = probe(env)
    return found


class Server:
    """gunicorn with the production configuration, on a loopback port."""

    def __init__(self, env: dict, port: int):
        self.env, self.port = env, port
        self.url = f"http://127.0.0.1:{port}"

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "-c",
                str(ROOT / "newsroom" / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "newsroom.wsgi:application",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(VAR / "gunicorn.log", "a"),  # noqa: SIM115 - closed with the process
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/bench-floor/", timeout=2).read()
                return self
            except OSError:
                if self.process.poll() is not None:
                    sys.exit(f"gunicorn exited; see {VAR / 'gunicorn.log'}")
                time.sleep(0.3)
        self.__exit__()
        sys.exit("gunicorn did not answer within 60 s")

    def __exit__(self, *exc) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Proxy:
    """nginx with deploy/nginx.conf as shipped, in front of the server on ``app_port``.

    Its relative paths (var/static, var/media, var/nginx) are the benchmark's own:
    its prefix holds one link, var, to var/bench.
    """

    def __init__(self, app_port: int, port: int):
        self.app_port, self.port = app_port, port
        self.url = f"http://127.0.0.1:{port}"
        self.prefix = VAR / "proxy"

    def __enter__(self) -> Proxy:
        shutil.rmtree(VAR / "nginx", ignore_errors=True)  # a fresh cache each run
        (VAR / "nginx").mkdir(parents=True)
        self.prefix.mkdir(exist_ok=True)
        if not (self.prefix / "var").is_symlink():
            (self.prefix / "var").symlink_to(VAR)
        config = (ROOT / "deploy" / "nginx.conf").read_text()
        config = config.replace("127.0.0.1:8080", f"127.0.0.1:{self.port}")
        config = config.replace("127.0.0.1:8000", f"127.0.0.1:{self.app_port}")
        (VAR / "nginx" / "nginx.conf").write_text(config)
        # Started by root, nginx's workers would become "nobody", who may not
        # read the owner-only var/: here they stay the owner.
        as_owner = ["-g", "user root;"] if os.geteuid() == 0 else []
        self.process = subprocess.Popen(
            [NGINX, "-p", f"{self.prefix}/", "-c", str(VAR / "nginx" / "nginx.conf"), *as_owner]
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/bench-floor/", timeout=2).read()
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"nginx did not start; see {VAR / 'nginx' / 'error.log'}")
                time.sleep(0.2)

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def etag(url: str) -> str:
    return urllib.request.urlopen(url, timeout=30).headers["ETag"]


def load(
    url: str, seconds: int, connections: int, headers: dict | None = None, expect: int = 200
) -> tuple[float, float, float, int]:
    """req/s, p50 ms, p99 ms and failed responses of ``url`` under wrk."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        status = urllib.request.urlopen(request, timeout=30).status
    except urllib.error.HTTPError as answer:  # urllib raises on a 304
        status = answer.code
    if status != expect:
        sys.exit(f"{url} answered {status}, not {expect}")
    options = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    # A short warm-up fills the workers' caches (templates, connections).
    subprocess.run(["wrk", "-t2", "-c4", "-d1s", *options, url], check=True, capture_output=True)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *options, url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return rps, _ms(out, "50%"), _ms(out, "99%"), errors


def _ms(out: str, percentile: str) -> float:
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def pages(found: dict) -> dict[str, str]:
    return {
        "floor": "/bench-floor/",
        "filtered list": f"/articles/?district={found['district']}"
        f"&date_after={found['date_after']}&date_before={found['date_before']}",
        "article": found["article_url"],
        # What the article page's target leaves room for (bench/urls.py).
        "least article": found["article_url"].replace("/articles/", "/bench-least-article/", 1),
        "least article page": found["article_url"].replace(
            "/articles/", "/bench-least-article-page/", 1
        ),
        "search": f"/search/?q={found['typical_word']}",
        "list, page 1": "/articles/",
        f"list, page {found['deepest_page']}": f"/articles/?page={found['deepest_page']}",
        "home": "/",
        "district": f"/districts/{found['district']}/",
        "list, one place": f"/articles/?district={found['district']}",
        "quotes": "/quotes/",
        "quotes, one place": f"/quotes/?district={found['district']}",
        "photos": "/photos/",
    }


def run(database: str, args, rows: list[Row]) -> dict:
    found = prepare(database, args.articles)
    urls = pages(found)
    port = 8700 if database == "sqlite" else 8710
    conn_max_age = 600
    plans = [
        ("uncached", False, conn_max_age, list(urls)),
        ("cached", True, conn_max_age, ["floor", "home", "filtered list", "article", "search"]),
    ]
    if database == "postgres":
        plans.append(("uncached, no persistent connections", False, 0, ["floor", "filtered list"]))
    for mode, page_cache, max_age, names in plans:
        env = environment(database, args.articles, page_cache=page_cache, conn_max_age=max_age)
        with Server(env, port) as server:
            floor = None
            for name in names:
                rps, p50, p99, errors = load(
                    server.url + urls[name], args.seconds, args.connections
                )
                floor = rps if name == "floor" else floor
                bare = rows_floor(rows, database) or floor
                rows.append(Row(database, name, mode, rps, p50, p99, errors, floor, bare))
                print(f"  {database:8} {mode:12} {name:16} {rps:8.0f} req/s", flush=True)
    if NGINX:
        behind_proxy(database, args, urls, port, rows)
    else:
        print("  nginx is not installed (`make nginx`): no lines through nginx", flush=True)
    return found


def behind_proxy(database: str, args, urls: dict, port: int, rows: list[Row]) -> None:
    """The cached server behind nginx: pages from nginx's cache, and the app's
    304s to revalidations, against that server's floor, in one run."""
    env = environment(database, args.articles, page_cache=True, conn_max_age=600)
    with Server(env, port) as server, Proxy(port, port + 1) as proxy:
        floor, *_ = load(server.url + urls["floor"], args.seconds, args.connections)
        bare = rows_floor(rows, database) or floor
        for name in ("home", "filtered list", "article", "search"):
            rps, p50, p99, errors = load(proxy.url + urls[name], args.seconds, args.connections)
            rows.append(Row(database, name, "through nginx", rps, p50, p99, errors, floor, bare))
            print(f"  {database:8} through nginx {name:16} {rps:8.0f} req/s", flush=True)
        for name in ("home", "article"):
            url = server.url + urls[name]
            headers = {"If-None-Match": etag(url)}
            rps, p50, p99, errors = load(url, args.seconds, args.connections, headers, 304)
            row = Row(database, name, "revalidated (304)", rps, p50, p99, errors, floor, bare)
            rows.append(row)
            print(f"  {database:8} revalidated   {name:16} {rps:8.0f} req/s", flush=True)


def rows_floor(rows: list[Row], database: str) -> float | None:
    """The first floor measured on ``database``: the uncached server's."""
    return next((r.rps for r in rows if r.database == database and r.page == "floor"), None)


def table(rows: list[Row]) -> str:
    lines = [
        "| database | mode | page | req/s | p50 ms | p99 ms | of floor | of bare floor |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        ratio = "—" if r.page == "floor" else f"{r.ratio:.1%}"
        bare = f"{r.rps / r.bare_floor_rps:.1%}" if r.bare_floor_rps else "—"
        errors = f" ({r.errors} failed)" if r.errors else ""
        lines.append(
            f"| {r.database} | {r.mode} | {r.page}{errors} | {r.rps:,.0f} | {r.p50_ms:.1f} | "
            f"{r.p99_ms:.1f} | {ratio} | {bare} |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=10, help="load per page (default 10)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--out", type=Path, default=VAR / "results.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk; `make bench` does it).")
    VAR.mkdir(parents=True, exist_ok=True)
    env = environment("sqlite", args.articles, page_cache=False, conn_max_age=0)
    manage(env, "collectstatic", "--noinput", "-v0")

    rows: list[Row] = []
    searches, revalidations = {}, {}
    for database in args.databases.split(","):
        found = run(database, args, rows)
        searches[database] = found["search_timings"]
        revalidations[database] = found["revalidation"]
    report = [
        f"{args.articles:,} synthetic articles; gunicorn, "
        f"{os.cpu_count()} sync workers; wrk, {args.connections} connections, "
        f"{args.seconds} s per page; {time.strftime('%Y-%m-%d')}; {machine()}.",
        "",
        "*of floor*: against the floor view in the same server (with the page cache on, its "
        "lookups included); *of bare floor*: against the floor with the page cache off. "
        "*through nginx*: deploy/nginx.conf in front of the cached server, pages from its "
        "cache; *revalidated (304)*: the app's answer to If-None-Match with the page's ETag; "
        "with 2 sync workers busy, each 304 costs about workers / (req/s) of application time.",
        "",
        table(rows),
        "",
        "Search query alone (count and one page, in process, milliseconds):",
        "",
        "| database | median of typical words | most common word |",
        "| --- | ---: | ---: |",
        *(
            f"| {db} | {t['typical_median_ms']:.1f} | {t['most_common_ms']:.1f} "
            f"(“{t['most_common_word']}”) |"
            for db, t in searches.items()
        ),
        "",
        "A revalidation of an unchanged article (If-None-Match with its ETag), in process:",
        "",
        "| database | application time, median | database queries |",
        "| --- | ---: | ---: |",
        *(
            f"| {db} | {r['median_ms']:.2f} ms | {r['queries']} in 1,000 requests |"
            for db, r in revalidations.items()
        ),
    ]
    text = "\n".join(report)
    args.out.write_text(text + "\n")
    print()
    print(text)
    print(f"\nWritten to {args.out}")


if __name__ == "__main__":
    main()
