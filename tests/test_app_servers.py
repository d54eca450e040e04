"""Several app servers against one database and one cache behave as one site.

Two real gunicorn instances with production settings share a database (the
PostgreSQL server when the suite runs on PostgreSQL, else one SQLite file) and
a cache: Redis, or without CACHE_URL the default cache in files on this
machine. An editor publishes through one; a reader of the other sees the
article at once, though that server had the front page cached. A change made
outside both servers (a management command) is seen by both as well.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import skip_without_redis

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "articles" / "data" / "sample" / "000_4e6cf89af3c18a31.txt"
HEADLINE = "Azerbaijan takes back from the Armenians the district of Kalbajar"
PASSWORD = "a-long-test-password-4-servers"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shared_database(tmp_path: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    import psycopg

    name = "newsroom_app_servers_test"
    admin = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["redis", "files"])
def site(request, tmp_path):
    if request.param == "redis":
        skip_without_redis()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": "two-servers-test-" + "k" * 40,
        "DATABASE_URL": shared_database(tmp_path),
        "DJANGO_VAR_DIR": str(tmp_path),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "CACHE_URL": "redis://127.0.0.1:6379/13",
        "CACHE_KEY_PREFIX": f"servers-test-{time.time_ns()}",
        "PAGE_CACHE_SECONDS": "300",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    if request.param == "files":
        del env["CACHE_URL"]

    manage = site_with_a_draft(env)
    servers, urls = [], []
    try:
        for _ in range(2):
            port = free_port()
            servers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "-c",
                        "newsroom/gunicorn.conf.py",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                        "newsroom.wsgi",
                    ],
                    cwd=ROOT,
                    env=env,
                    stderr=subprocess.DEVNULL,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            wait_for(url)
        yield urls, manage
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def site_with_a_draft(env: dict):
    """A new site for servers started with ``env``: the seed as a draft and an editor.
    Returns its ``manage.py``, run with the same environment."""

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)

    manage("migrate", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("import_coverage", str(SEED))  # as a draft
    manage("createsuperuser", "--noinput", "--username", "editor", "--email", "e@example.org")
    return manage


def wait_for(url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def get(url: str):
    response = urllib.request.urlopen(url, timeout=10)
    return response.headers, response.read().decode()


class Editor:
    """An editor's browser: cookies, and the CSRF token Django asks for."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def open(self, path: str, data: dict | list | None = None) -> str:
        body = None
        if data is not None:
            data = [*(data.items() if isinstance(data, dict) else data)]
            body = urllib.parse.urlencode([("csrfmiddlewaretoken", self.csrf()), *data]).encode()
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("Referer", self.base + path)
        return self.opener.open(request, timeout=10).read().decode()

    def log_in(self) -> None:
        self.open("/admin/login/")
        page = self.open(
            "/admin/login/?next=/admin/",
            {"username": "editor", "password": PASSWORD, "next": "/admin/"},
        )
        assert "Log out" in page

    def publish(self, headline: str) -> None:
        query = urllib.parse.urlencode({"q": headline, "status__exact": "draft"})
        listing = self.open(f"/admin/articles/article/?{query}")
        (article_id,) = [
            re.search(r'name="_selected_action" value="(\d+)"', row).group(1)
            for row in listing.split("<tr")[1:]
            if f">{headline}" in row
        ]
        self.open(
            "/admin/articles/article/",
            [("action", "publish"), ("_selected_action", article_id), ("index", "0")],
        )


def test_publishing_through_one_server_shows_at_once_on_the_other(site):
    (first, second), _ = site
    headers, front = get(second + "/")
    assert HEADLINE not in front
    headers, front = get(second + "/")
    assert headers["X-Page-Cache"] == "hit"  # the reader's server holds the old page

    editor = Editor(first)
    editor.log_in()
    editor.publish(HEADLINE)

    headers, front = get(second + "/")
    assert HEADLINE in front
    assert headers["X-Page-Cache"] != "hit"
    _, listing = get(second + "/articles/?district=Karvachar")
    assert HEADLINE in listing


def set_status(manage, status: str) -> None:
    """Every article's status, saved as an operator's script would: in another process."""
    manage(
        "shell",
        "-c",
        "from articles.models import Article\n"
        "for article in Article.objects.all():\n"
        f"    article.status = {status!r}\n"
        "    article.save()",
    )


def test_a_change_made_outside_the_servers_shows_at_once_on_both(site):
    urls, manage = site
    set_status(manage, "published")
    for url in urls:
        get(url + "/")
        headers, front = get(url + "/")
        assert HEADLINE in front and headers["X-Page-Cache"] == "hit"

    set_status(manage, "draft")
    for url in urls:
        headers, front = get(url + "/")
        assert HEADLINE not in front
        _, listing = get(url + "/articles/")
        assert HEADLINE not in listing
