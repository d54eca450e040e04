"""nginx in front of gunicorn, with deploy/nginx.conf as shipped: what readers get.

A real gunicorn (production settings, a SQLite file or the PostgreSQL test server,
the file cache) behind a real nginx on free ports. Anonymous pages come from the
proxy; a publish or an unpublish shows through it within PUBLIC_CACHE_SECONDS;
nothing personal is ever stored in it. Skipped, saying why, without nginx.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.test_app_servers import (
    ROOT,
    free_port,
    shared_database,
    site_with_a_draft,
    wait_for,
)

HEADLINE = "Azerbaijan takes back from the Armenians the district of Kalbajar"
PASSWORD = "a-long-test-password-4-the-proxy"
WINDOW = 2  # PUBLIC_CACHE_SECONDS for these tests
# Started by root, nginx's workers would become "nobody", who may not enter the
# owner-only folders the archive and pytest create: they stay the owner here.
AS_OWNER = ["-g", "user root;"] if os.geteuid() == 0 else []

NGINX = shutil.which("nginx") or (
    "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None
)


@pytest.fixture
def proxy(tmp_path):
    if NGINX is None:
        pytest.skip("nginx is not installed (`make nginx` installs Debian's, as root)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": "proxy-test-" + "k" * 40,
        "DATABASE_URL": shared_database(tmp_path),
        "DJANGO_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "PUBLIC_CACHE_SECONDS": str(WINDOW),
        "PAGE_CACHE_ADDITIONS_SECONDS": "0",
        "ARCHIVE_TRUSTED_PROXIES": "1",
        "ARCHIVE_MEDIA_ACCEL_REDIRECT": "/protected-media/",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.pop("CACHE_URL", None)

    manage = site_with_a_draft(env)
    app_port, proxy_port = free_port(), free_port()
    (tmp_path / "var" / "nginx").mkdir(parents=True, exist_ok=True)
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    config = config.replace("127.0.0.1:8080", f"127.0.0.1:{proxy_port}")
    config = config.replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
    (tmp_path / "nginx.conf").write_text(config)
    app = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "newsroom/gunicorn.conf.py",
         "--bind", f"127.0.0.1:{app_port}", "--workers", "2", "newsroom.wsgi"],
        cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    nginx = subprocess.Popen(
        [NGINX, "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf"), *AS_OWNER],
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(f"http://127.0.0.1:{app_port}")
        url = f"http://127.0.0.1:{proxy_port}"
        wait_for(url)
        yield url, manage
    finally:
        nginx.terminate()
        app.terminate()
        nginx.wait(timeout=30)
        app.wait(timeout=30)


def get(url: str, opener=None, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def shell(manage, code: str) -> None:
    manage("shell", "-c", f"from articles.models import Article; {code}")


def visible(url: str) -> bool:
    return HEADLINE in get(url + "/articles/")[2]


def wait_until(condition, seconds: float) -> float:
    began = time.monotonic()
    while not condition():
        assert time.monotonic() - began < seconds, "not within the window"
        time.sleep(0.2)
    return time.monotonic() - began


def test_anonymous_pages_are_served_by_the_proxy(proxy):
    url, _ = proxy
    first = get(url + "/articles/")
    second = get(url + "/articles/")
    assert first[0] == second[0] == 200
    assert first[1]["X-Cache-Status"] in ("MISS", "EXPIRED")
    assert second[1]["X-Cache-Status"] == "HIT"
    assert "public" in second[1]["Cache-Control"]


def test_a_publish_and_an_unpublish_show_through_the_proxy_within_the_window(proxy):
    url, manage = proxy
    assert not visible(url) and not visible(url)  # cached without the draft
    shell(manage, "Article.objects.update(status='published')")
    wait_until(lambda: visible(url), WINDOW + 1)
    shell(manage, "Article.objects.all().unpublish()")
    wait_until(lambda: not visible(url), WINDOW + 1)
    # And it never comes back once its window is over.
    for _ in range(10):
        assert not visible(url)
        assert get(url + "/articles/")[0] == 200
        time.sleep(0.3)


def test_nothing_personal_is_ever_stored_by_the_proxy(proxy):
    url, manage = proxy
    shell(manage, "Article.objects.update(status='published')")
    page = get(url + "/articles/")[2]
    path = re.search(r'href="(/articles/\d{4}/[^"]+)"', page)[1]
    article = url + path
    # Two readers opening the comment form get their own CSRF tokens.
    forms = [get(article + "comment/") for _ in range(2)]
    tokens = {re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', f[2])[1] for f in forms}
    assert len(tokens) == 2
    assert all("no-store" in f[1]["Cache-Control"] for f in forms)
    assert all(f[1]["X-Cache-Status"] != "HIT" for f in forms)

    # An editor signs in through the proxy; their pages are theirs alone.
    jar = http.cookiejar.CookieJar()
    editor = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = get(url + "/admin/login/", editor)[2]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login)[1]
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": "editor",
            "password": PASSWORD,
            "next": "/admin/",
        }  # fmt: skip
    ).encode()
    request = urllib.request.Request(url + "/admin/login/", data=data, headers={"Referer": url})
    editor.open(request, timeout=10).read()
    status, headers, body = get(url + "/articles/", editor)
    assert status == 200 and headers["X-Cache-Status"] == "BYPASS"
    assert "no-store" in headers["Cache-Control"]
    assert get(url + "/admin/", editor)[0] == 200  # signed in indeed
    # A reader after the editor gets the shared page, never the editor's.
    status, headers, body = get(url + "/articles/")
    assert headers["X-Cache-Status"] in ("HIT", "MISS", "EXPIRED", "REVALIDATED")
    assert "public" in headers["Cache-Control"] and "/admin/logout/" not in body


def test_photos_are_sent_by_the_proxy_only_while_their_article_is_public(proxy, tmp_path):
    url, manage = proxy
    shell(
        manage,
        "from io import BytesIO; from PIL import Image; from django.core.files.base import "
        "ContentFile; from articles.models import Photo; b = BytesIO(); "
        "Image.new('RGB', (600, 400), 'green').save(b, 'PNG'); "
        "Photo.objects.create(article=Article.objects.first()).image.save("
        "'synthetic café.png', ContentFile(b.getvalue()))",
    )
    image = next((tmp_path / "var" / "media").rglob("synthetic*.png"))
    # Named as uploaded, with a letter outside ASCII: nginx finds it all the same.
    name = urllib.parse.quote(image.relative_to(tmp_path / "var" / "media").as_posix())
    address = url + "/media/" + name
    assert get(address)[0] == 404  # the article is a draft

    shell(manage, "Article.objects.update(status='published')")
    request = urllib.request.Request(address)
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.read() == image.read_bytes()
        assert response.headers["Content-Type"] == "image/png"
        assert "X-Accel-Redirect" not in response.headers
    # nginx sends the file, so a reader can ask for part of it (the app cannot).
    request = urllib.request.Request(address, headers={"Range": "bytes=0-7"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 206 and response.read() == image.read_bytes()[:8]
    # Its internal address is not a way round the check.
    hidden = url + "/protected-media/" + name
    assert get(hidden)[0] == 404

    shell(manage, "Article.objects.all().unpublish()")
    assert get(address)[0] == 404  # at once: photos are never stored by the proxy


def test_behind_nginx_the_app_checks_a_photo_and_names_it_without_sending_it(
    client, make_article, settings, tmp_path
):
    from articles.models import Photo
    from tests.test_article_page import with_image

    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    settings.ARCHIVE_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    article = make_article()
    photo = Photo.objects.create(article=article)
    with_image(photo)
    response = client.get(photo.image.url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/protected-media/" + photo.image.name
    assert response["Content-Type"] == "image/png"

    article.status = "draft"
    article.save()
    response = client.get(photo.image.url)
    assert response.status_code == 404 and not response.has_header("X-Accel-Redirect")
