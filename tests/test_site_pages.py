"""The site's own pages for what every site has: an icon, and pages for errors."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content).startswith(b"\x00\x00\x01\x00")  # an ICO file


def test_every_page_names_its_icon(client):
    body = client.get("/").content.decode()
    assert 'rel="icon"' in body and "favicon.svg" in body


@pytest.mark.parametrize(
    ("url", "words"),
    [("/no-such-page/", "Page not found"), ("/fr/no-such-page/", "Page introuvable")],
)
def test_a_missing_page_is_the_sites_own_page_in_the_readers_language(client, url, words):
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 404
    assert words in body and 'class="site-header"' in body and "site.css" in body


@pytest.mark.parametrize(
    ("language", "words"), [("en", "Something went wrong"), ("fr", "Un problème est survenu")]
)
def test_a_server_error_is_the_sites_own_page_in_the_readers_language(language, words):
    with translation.override(language):
        response = server_error(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert words in body and f'<html lang="{language}">' in body and "site.css" in body
