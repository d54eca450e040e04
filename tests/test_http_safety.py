"""HTTP headers, production settings, abuse limits and the health check."""

import datetime
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Comment

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_pages_carry_a_same_origin_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_check_deploy_passes_with_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "archive.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_healthz_answers_ok_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_healthz_answers_503_without_a_traceback_when_the_database_does_not(client):
    with mock.patch("articles.views.site.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert b"Traceback" not in response.content


def test_healthz_answers_503_when_static_files_were_not_collected(client, tmp_path):
    """Production names static files through collectstatic's manifest; without
    it every page fails, so the health check must fail too."""
    manifest_storage = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=manifest_storage, STATIC_ROOT=tmp_path):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "static": "error"}


@override_settings(COMMENT_RATE_LIMIT=2, COMMENT_RATE_WINDOW=60)
def test_comments_are_rate_limited_per_client(client, make_article):
    article = make_article()
    for n in range(2):
        client.post(article.get_comment_url(), {"author": "r", "body": f"Synthetic {n}"})
    response = client.post(article.get_comment_url(), {"author": "r", "body": "One too many"})
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    assert Comment.objects.count() == 2


def test_overlong_comments_are_refused(client, make_article):
    article = make_article()
    response = client.post(article.get_comment_url(), {"author": "r", "body": "x" * 3001})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_comment_needs_the_csrf_token(make_article):
    from django.test import Client

    article = make_article()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(article.get_comment_url(), {"author": "r", "body": "b"})
    assert response.status_code == 403
    assert not Comment.objects.exists()


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_LOCKOUT_SECONDS=600)
def test_admin_sign_in_locks_out_after_repeated_failures(client, editor):
    url = reverse("admin:login")
    for _ in range(3):
        response = client.post(url, {"username": "editor", "password": "wrong"})
        assert "Too many failed" not in response.content.decode()
    response = client.post(url, {"username": "editor", "password": "pw-editor-1234"})
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_LOCKOUT_SECONDS=600)
def test_a_lockout_reached_just_before_a_window_ends_holds_a_whole_window(client, editor):
    url = reverse("admin:login")
    window_ends = (int(time.time()) // 600 + 1) * 600
    with mock.patch("articles.ratelimit.time.time", return_value=window_ends - 1):
        for _ in range(3):
            client.post(url, {"username": "editor", "password": "wrong"})
    for later in (1, 599):
        with mock.patch("articles.ratelimit.time.time", return_value=window_ends + later):
            response = client.post(url, {"username": "editor", "password": "pw-editor-1234"})
            assert "Too many failed sign-in attempts" in response.content.decode()
    with mock.patch("articles.ratelimit.time.time", return_value=window_ends + 600):
        response = client.post(url, {"username": "editor", "password": "pw-editor-1234"})
        assert response.status_code == 302


def test_admin_sign_in_works_and_forgets_failures(client, editor):
    url = reverse("admin:login")
    client.post(url, {"username": "editor", "password": "wrong"})
    response = client.post(url, {"username": "editor", "password": "pw-editor-1234"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_scheduled_article_appears_by_itself_at_its_time_and_not_a_second_earlier(
    client, make_article
):
    when = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
    article = make_article(published_at=when)
    url = article.get_absolute_url()
    with mock.patch("django.utils.timezone.now", return_value=when - datetime.timedelta(seconds=1)):
        assert client.get(url).status_code == 404
        assert article.headline not in client.get("/articles/").content.decode()
    with mock.patch("django.utils.timezone.now", return_value=when):
        assert client.get(url).status_code == 200
        assert list(Article.objects.published()) == [article]
