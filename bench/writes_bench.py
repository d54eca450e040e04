"""Readers under writes: what readers wait while an import and editors write.

Run: make bench-writes   (or .venv/bin/python bench/writes_bench.py --help)

For each scenario it builds a fresh synthetic archive (--articles, 5,000) on
SQLite, serves it as `make serve` does (gunicorn, newsroom/gunicorn.conf.py,
DEBUG off, the file cache), asks for each of the reader addresses once, then
drives wrk (--connections, 32) over them for --seconds (60) while the
scenario's writers run:

- import: `import_coverage --publish` of --captures (3,000) synthetic captures;
- editors: two editors in the admin over HTTP, each saving a published
  article's form about every 1.5 s, and every fifth time unpublishing and
  publishing one with the list's actions instead;
- both, at once;
- both, with readers and editors going through nginx (deploy/nginx.conf) in
  front of the app, as in production (when nginx is installed: `make nginx`).

The addresses are a reader's mix: articles, place lists and pages, the lists
and their pages, searches under several spellings, the API, feeds, sitemaps
and French pages. It prints one line per scenario: requests, the median, 99th
percentile and slowest latency readers got, how many waited over 1 s and over
2 s, and what the writers did.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from contextlib import nullcontext
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic_captures import write_captures  # noqa: E402
from bench.web_bench import (  # noqa: E402
    NGINX,
    PYTHON,
    ROOT,
    SECRET,
    Proxy,
    Server,
    machine,
    manage,
)

VAR = ROOT / "var" / "bench" / "writes"
PORT = 8720
EDITORS = ("editor-1", "editor-2")
PASSWORD = "synthetic-editor-password"

# Printed by `manage.py shell` as JSON: the reader addresses of the archive.
ADDRESSES = """
import json, random
from urllib.parse import quote
from articles.models import Article, District
rng = random.Random(7)
ids = list(Article.objects.published().values_list("pk", flat=True))
urls = [a.get_absolute_url() for a in Article.objects.filter(pk__in=rng.sample(ids, 150))]
places = list(District.objects.order_by("name"))
urls += [f"/articles/?district={quote(p.name)}" for p in places]
urls += [p.get_absolute_url() for p in places]
urls += ["/", "/articles/", *(f"/articles/?page={n}" for n in range(2, 20))]
urls += ["/api/articles/", *(f"/api/articles/?page={n}" for n in range(2, 8))]
words = ["Kalbajar", "Kəlbəcər", "Karvachar", "Synthetic", "Lachin", "Shusha", "village"]
urls += [f"/search/?q={quote(w)}" for w in words]
urls += ["/feeds/latest/", "/sitemap.xml", "/districts/", "/quotes/", "/photos/",
         "/people/", "/sources/", "/archive/", "/fr/", "/fr/articles/", "/fr/districts/"]
urls += ["/fr" + u for u in urls[:20]]
print(json.dumps({"urls": urls, "editable": ids[:2000]}))
"""

EDITORS_SETUP = f"""
from django.contrib.auth import get_user_model
for name in {EDITORS!r}:
    get_user_model().objects.create_superuser(name, name + "@example.org", {PASSWORD!r})
"""


def environment() -> dict:
    """`make serve`'s settings on a folder of the benchmark's own."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "GUNICORN_", "CACHE_")) and k != "DATABASE_URL"
    }
    return env | {
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_VAR_DIR": str(VAR),
        "DJANGO_STATIC_ROOT": str(VAR / "static"),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def fresh_archive(env: dict, articles: int) -> dict:
    """A new archive and an empty cache; returns the addresses and editable articles."""
    for path in [*VAR.glob("db.sqlite3*"), VAR / "cache"]:
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    manage(env, "migrate", "-v0")
    manage(env, "generate_archive", "--articles", str(articles), capture=True)
    manage(env, "shell", "-v0", "-c", EDITORS_SETUP)
    return json.loads(manage(env, "shell", "-v0", "-c", ADDRESSES, capture=True))


class FormFields(HTMLParser):
    """The fields an admin change form would send back, as the browser shows them."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.inside = False
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id", "").endswith("_form"):
            self.inside = True
        if not self.inside or not a.get("name") and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            checkable = kind in ("checkbox", "radio")
            self.fields.append((a["name"], a.get("value", "on" if checkable else "")))
        elif tag == "select":
            self.select = (a["name"], "multiple" in a, [], [])
        elif tag == "option" and self.select:
            self.select[3].append(a.get("value", ""))
            if "selected" in a:
                self.select[2].append(a.get("value", ""))
        elif tag == "textarea":
            self.textarea = [a["name"], ""]

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            name, multiple, chosen, offered = self.select
            if not chosen and not multiple and offered:
                chosen = offered[:1]
            self.fields += [(name, value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append(tuple(self.textarea))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data


class Editor(threading.Thread):
    """Saves an article's admin form every ``every`` seconds until ``until``; every
    fifth time unpublishes and publishes one with the list's actions instead."""

    def __init__(self, base: str, name: str, ids: list[int], every: float, until: float):
        super().__init__()
        self.base, self.name, self.ids, self.every, self.until = base, name, ids, every, until
        self.saves = self.cycles = self.refused = self.failed = 0
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> str:
        return self.opener.open(self.base + path, timeout=120).read().decode()

    def post(self, path: str, fields) -> str:
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Referer": self.base + path},
        )
        with self.opener.open(request, timeout=120) as answer:
            return answer.geturl()

    def token(self, page: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def run(self):
        login = self.get("/admin/login/")
        self.post(
            "/admin/login/?next=/admin/",
            {"csrfmiddlewaretoken": self.token(login), "username": self.name,
             "password": PASSWORD, "next": "/admin/"},
        )  # fmt: skip
        rng, turn = random.Random(self.name), 0
        while time.monotonic() < self.until:
            turn, started, pk = turn + 1, time.monotonic(), rng.choice(self.ids)
            try:
                self.unpublish_and_publish(pk) if turn % 5 == 0 else self.save(pk, turn)
            except OSError:
                self.failed += 1
            time.sleep(max(0.0, self.every - (time.monotonic() - started)))

    def save(self, pk: int, turn: int) -> None:
        form = FormFields()
        path = f"/admin/articles/article/{pk}/change/"
        form.feed(self.get(path))
        fields = [(k, v) for k, v in form.fields if k != "summary"]
        fields += [("summary", f"Synthetic summary, edit {turn} by {self.name}."), ("_save", "")]
        if self.post(path, fields).endswith("/change/"):
            self.refused += 1  # the form came back with an error
        else:
            self.saves += 1

    def unpublish_and_publish(self, pk: int) -> None:
        token = self.token(self.get("/admin/articles/article/"))
        for action in ("unpublish", "publish"):
            fields = {"csrfmiddlewaretoken": token, "action": action, "_selected_action": pk}
            self.post("/admin/articles/article/", fields)
        self.cycles += 1


def scenario(name: str, env: dict, args) -> dict:
    found = fresh_archive(env, args.articles)
    urls = VAR / "urls.txt"
    urls.write_text("\n".join(found["urls"]) + "\n")
    proxied = name.endswith("through nginx")
    with Server(env, PORT) as app, Proxy(PORT, PORT + 1) if proxied else nullcontext(app) as server:
        for url in found["urls"]:
            urllib.request.urlopen(server.url + url, timeout=60).read()
        until = time.monotonic() + args.seconds
        editors, importer = [], None
        if name.startswith(("import", "both")):
            importer = subprocess.Popen(
                [PYTHON, str(ROOT / "manage.py"), "import_coverage", "--publish",
                 str(VAR / "captures")],
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )  # fmt: skip
        if name.startswith(("editors", "both")):
            editors = [Editor(server.url, n, found["editable"], 1.5, until) for n in EDITORS]
            for editor in editors:
                editor.start()
        try:
            readers = subprocess.run(
                ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout",
                 "30s", "-s", str(ROOT / "bench" / "writes_mix.lua"), server.url],
                env=env | {"WRITES_BENCH_URLS": str(urls)},
                check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
        finally:
            for editor in editors:
                editor.join()
            imported = ""
            if importer is not None:
                output = importer.communicate()[0]
                found = re.findall(r"Read \d+ files: \d+ imported", output)
                imported = found[0] if found else "unfinished"
    result = json.loads(readers.strip().splitlines()[-1])
    return result | {
        "scenario": name,
        "saves": sum(e.saves for e in editors),
        "cycles": sum(e.cycles for e in editors),
        "refused": sum(e.refused + e.failed for e in editors),
        "imported": imported,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--captures", type=int, default=3_000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--scenarios",
        default="none,import,editors,both" + (",both through nginx" if NGINX else ""),
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk; `make wrk` does it).")
    VAR.mkdir(parents=True, exist_ok=True)
    env = environment()
    manage(env, "collectstatic", "--noinput", "-v0")
    shutil.rmtree(VAR / "captures", ignore_errors=True)
    write_captures(VAR / "captures", args.captures)

    lines = [
        f"{args.articles:,} synthetic articles on SQLite, `make serve`'s setup "
        f"({os.cpu_count()} sync workers, the file cache); wrk, {args.connections} "
        f"connections for {args.seconds} s; {time.strftime('%Y-%m-%d')}; {machine()}.",
        "",
        "| writers | requests | p50 | p99 | max | > 1 s | > 2 s | 5xx | editors' saves "
        "(unpublish and publish) | import |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name in args.scenarios.split(","):
        print(f"{name}: building the archive and loading it...", flush=True)
        r = scenario(name, env, args)
        lines.append(
            f"| {name} | {r['requests']:,} | {r['p50_ms']:.0f} ms | {r['p99_ms']:.0f} ms "
            f"| {r['max_ms']:.0f} ms | {r['over_1s']} | {r['over_2s']} | "
            f"{r['server_errors']} | {r['saves']} ({r['cycles']}), {r['refused']} refused "
            f"| {r['imported'] or '-'} |"
        )
        print(lines[-1], flush=True)
    print()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
